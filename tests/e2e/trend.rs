//! `peiling trend`: the bundled BOS series, its counts against `analyze` per edition,
//! the committed trend report kept fresh, and bad series as one line with exit 2.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::common::{peiling, peiling_in, repo};

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().to_string();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn series() -> String {
    repo().join("datasets/bos-series").display().to_string()
}

#[test]
fn trend_counts_are_the_counts_of_analyze_per_edition() {
    let trend: Value =
        serde_json::from_str(&peiling(&["trend", &series(), "--json"]).ok()).unwrap();
    assert_eq!(trend["schema"], "peiling-trend/1");
    for (i, dir) in ["bos-2020", "bos-2021-synthetic", "bos-2022-synthetic"]
        .iter()
        .enumerate()
    {
        let path = repo().join("datasets").join(dir);
        let summary: Value =
            serde_json::from_str(&peiling(&["analyze", "--json", path.to_str().unwrap()]).ok())
                .unwrap();
        let mut checked = 0;
        for part in summary["parts"].as_array().unwrap() {
            for q in part["questions"].as_array().unwrap() {
                if !matches!(q["kind"].as_str(), Some("single" | "yesno" | "scale")) {
                    continue;
                }
                // The series' id: 2022's reworded question is "competent" in the series.
                let id = match q["id"].as_str().unwrap() {
                    "competent_stagiair" => "competent",
                    id => id,
                };
                let t = trend["questions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|t| t["questionnaire"] == part["questionnaire"] && t["id"] == id)
                    .unwrap();
                let year = 2020 + i as i64;
                for row in q["detail"]["rows"].as_array().unwrap() {
                    let cat = t["categories"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .find(|c| c["label"] == row["label"])
                        .unwrap_or_else(|| panic!("{id} {}", row["label"]));
                    let point = cat["points"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .find(|p| p["edition"] == year)
                        .unwrap();
                    assert_eq!(point["count"], row["count"], "{dir} {id} {}", row["label"]);
                    checked += 1;
                }
            }
        }
        assert!(checked > 30, "{dir}: {checked}");
    }
}

#[test]
fn tables_say_what_is_within_the_noise() {
    let out = peiling(&["trend", &series()]).ok();
    assert!(out.contains("WPB wpb.behoefte [Shared]"), "{out}");
    assert!(out.contains("WPB wpb.bijeenkomst [New]"), "{out}");
    assert!(
        out.contains("geen toets: minder dan 10 antwoorden in 2021, 2022"),
        "{out}"
    );
    let en = peiling(&["trend", &series(), "--lang", "en"]).ok();
    assert!(
        en.contains("no test: fewer than 10 answers in 2021, 2022"),
        "{en}"
    );
    assert!(
        en.contains("within the noise") || en.contains("p = 0.0"),
        "{en}"
    );
}

#[test]
fn committed_trend_reports_are_up_to_date() {
    for lang in ["nl", "en"] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("trend");
        peiling(&[
            "trend",
            &series(),
            "--lang",
            lang,
            "-o",
            out.to_str().unwrap(),
        ])
        .ok();
        let fresh = files(&out);
        assert!(fresh.contains_key("report.html") && fresh.contains_key("trend.json"));
        assert!(fresh
            .keys()
            .any(|k| k.starts_with("charts/trend-wpb-competent")));
        let committed = repo().join("reports/bos-series").join(lang);
        let old = if committed.is_dir() {
            files(&committed)
        } else {
            BTreeMap::new()
        };
        let stale: Vec<&String> = fresh
            .keys()
            .chain(old.keys())
            .filter(|k| fresh.get(*k) != old.get(*k))
            .collect();
        assert!(
            stale.is_empty(),
            "reports/bos-series/{lang} is out of date ({} files differ, e.g. {}): run scripts/regenerate-reports.sh and commit the result",
            stale.len(),
            stale[0]
        );
    }
}

#[test]
fn a_bad_series_is_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let err = peiling_in(dir.path(), &["trend", "nothing-here"]).user_error();
    assert!(err.contains("nothing-here"), "{err}");
    std::fs::write(
        dir.path().join("series.toml"),
        format!(
            "id = \"x\"\ntitle = \"X\"\n[[edition]]\nyear = 2020\nsurvey = \"{}\"\n[[question]]\nquestionnaire = \"wpb\"\nid = \"competent\"\nsame_as = [{{ edition = 2020, id = \"bestaat_niet\" }}]\n",
            repo().join("datasets/bos-2020").display()
        ),
    )
    .unwrap();
    let err = peiling_in(dir.path(), &["trend", "."]).user_error();
    assert!(
        err.contains("series.toml:9:") && err.contains("bestaat_niet"),
        "{err}"
    );
    std::fs::write(
        dir.path().join("series.toml"),
        "id = \"x\"\ntitle = \"X\"\n[[edition]]\nyear = 2020\nsurvey = \"missing\"\n",
    )
    .unwrap();
    let err = peiling_in(dir.path(), &["trend", "series.toml"]).user_error();
    assert!(err.contains("edition 2020"), "{err}");
}
