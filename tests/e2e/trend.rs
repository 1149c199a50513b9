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
fn the_trend_report_is_one_document_without_a_bijlage() {
    // Like the evaluatieverslag: the report, its charts and its figures; the short
    // bijlage is the survey report's (the trend's was an empty page).
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("trend");
    peiling(&["trend", &series(), "-o", out.to_str().unwrap()]).ok();
    let top = crate::common::names_in(&out);
    assert_eq!(top, ["charts", "report.html", "report.md", "trend.json"]);
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains("\n## Ontwikkeling door de jaren\n"), "{md}");
}

#[test]
fn the_2022_edition_gives_its_groups_2021s_roles_and_its_report_concludes() {
    // The synthetic 2022 edition asks the 2021 questions (three changes lined up in the
    // series): the same report groups play the same part, so its report draws conclusions.
    let roles = |edition: &str, q: &str| -> BTreeMap<String, String> {
        let path = repo().join("datasets").join(edition).join(q);
        let form: toml::Value = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        form.get("group")
            .and_then(|g| g.as_array())
            .map(|groups| {
                groups
                    .iter()
                    .filter_map(|g| {
                        Some((
                            g["id"].as_str()?.to_string(),
                            g.get("role")?.as_str()?.to_string(),
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    for q in ["so.toml", "wpb.toml"] {
        let (old, new) = (
            roles("bos-2021-synthetic", q),
            roles("bos-2022-synthetic", q),
        );
        assert!(old.len() >= 4, "{q}: {old:?}");
        assert_eq!(new, old, "{q}");
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    let survey = repo().join("datasets/bos-2022-synthetic");
    peiling(&[
        "report",
        survey.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
    .ok();
    let bijlage = std::fs::read_to_string(out.join("bijlage.md")).unwrap();
    assert!(
        !bijlage.contains("Uit deze cijfers volgt geen aanbeveling"),
        "{bijlage}"
    );
    // The WPB'ers' form conclusion, recounted from the export: of those with a need,
    // how many ticked intervision with other WPB'ers.
    let mut r = csv::Reader::from_path(survey.join("wpb.csv")).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let col = |text: &str| header.iter().position(|h| h == text).unwrap();
    let (need, form) = (
        col("Heb je behoefte aan professionalisering als werkplekbegeleider?"),
        col("In welke vorm wil je je professionaliseren?"),
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let asked: Vec<&csv::StringRecord> = rows.iter().filter(|x| &x[need] == "Ja").collect();
    let intervision = asked
        .iter()
        .filter(|x| {
            x[form]
                .split(';')
                .any(|o| o == "Intervisie met andere werkplekbegeleiders")
        })
        .count();
    let line = format!(
        "intervisie met andere werkplekbegeleiders ({intervision} van {})",
        asked.len()
    );
    let conclusions = bijlage
        .split("## Conclusies en aanbevelingen")
        .nth(1)
        .unwrap();
    assert!(conclusions.contains(&line), "{line}\n{conclusions}");
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

/// The part of a report's Markdown from `## Ontwikkeling door de jaren` up to the next
/// chapter (`## `), or the end.
fn trend_section(md: &str) -> &str {
    let start = md
        .find("\n## Ontwikkeling door de jaren\n")
        .expect("the trend section");
    let rest = &md[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |k| k + 4);
    let body = rest[..end].trim_end();
    // The next chapter's anchor stands just above its heading.
    match body.rfind('\n') {
        Some(k) if body[k..].starts_with("\n<a id=") => body[..k].trim_end(),
        _ => body,
    }
}

/// A share as the Dutch report writes it, computed here: one decimal from 30 people on,
/// whole below that, with a decimal comma.
/// The report's one way to write a share: a whole percentage (docs/report-rules.md).
fn dutch_pct(pct: f64) -> String {
    format!("{} %", pct.round() as i64)
}

/// The cells of the first table after the anchor `id` in `md`, without the header.
fn table_after(md: &str, id: &str) -> Vec<Vec<String>> {
    let at = md
        .find(&format!("<a id=\"{id}\"></a>"))
        .unwrap_or_else(|| panic!("anchor {id}"));
    md[at..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().trim_matches('*').to_string())
                .collect()
        })
        .collect()
}

/// Every figure of the trend section against `peiling trend --json`: per question and
/// edition the share with its interval, "te weinig" for an edition with fewer answers
/// than `min_group`, "–" where the edition does not ask it, and n; and no test over a
/// question with a held-back edition.
fn check_figures(section: &str, trend: &Value, min_group: u64) -> usize {
    let years: Vec<i64> = trend["editions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["year"].as_i64().unwrap())
        .collect();
    let mut hidden = 0;
    for q in trend["questions"].as_array().unwrap() {
        let id = format!(
            "ontwikkeling-{}-{}",
            q["questionnaire"].as_str().unwrap(),
            q["id"].as_str().unwrap()
        )
        .replace('_', "-");
        let table = table_after(section, &id);
        let mut cats: Vec<&Value> = q["categories"].as_array().unwrap().iter().collect();
        if q["headline"]["label"] == "top2" {
            cats.push(&q["headline"]);
        }
        assert_eq!(table.len(), cats.len() + 1, "{id}: {table:?}");
        let ns: Vec<Option<u64>> = q["n"]
            .as_array()
            .unwrap()
            .iter()
            .map(Value::as_u64)
            .collect();
        let held_back = ns.iter().flatten().any(|&n| n > 0 && n < min_group);
        for (row, cat) in table.iter().zip(&cats) {
            for (k, year) in years.iter().enumerate() {
                let point = cat["points"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|p| p["edition"] == *year);
                let want = match point {
                    None => "–".to_string(),
                    Some(p) if p["n"].as_u64().unwrap() == 0 => "–".to_string(),
                    Some(p) if p["n"].as_u64().unwrap() < min_group => {
                        hidden += 1;
                        "te weinig".to_string()
                    }
                    Some(p) => {
                        let w = p["wilson95"].as_array().unwrap();
                        format!(
                            "{} ({}–{})",
                            dutch_pct(p["pct"].as_f64().unwrap()),
                            w[0].as_f64().unwrap().round() as i64,
                            w[1].as_f64().unwrap().round() as i64
                        )
                    }
                };
                assert_eq!(row[k + 1], want, "{id} {} {year}", cat["label"]);
            }
        }
        let n_row = table.last().unwrap();
        assert_eq!(n_row[0], "n");
        for (k, n) in ns.iter().enumerate() {
            assert_eq!(
                n_row[k + 1],
                n.map_or("–".into(), |n| n.to_string()),
                "{id}"
            );
        }
        // The question's text up to the next question: a test only without held-back editions.
        let at = section.find(&format!("<a id=\"{id}\"></a>")).unwrap();
        let end = section[at + 1..]
            .find("<a id=\"ontwikkeling-")
            .map_or(section.len(), |k| at + 1 + k);
        let text = &section[at..end];
        if held_back {
            assert!(
                !text.contains("p = "),
                "{id}: a test over a held-back edition: {text}"
            );
            assert!(
                text.contains(&format!("minder dan {min_group} antwoorden")),
                "{id}: {text}"
            );
        } else if let Some(p) = q["test"]["p"].as_f64() {
            if !q["headline"].is_null() {
                let noise = if p < 0.05 {
                    "groter dan de ruis"
                } else {
                    "binnen de ruis"
                };
                assert!(text.contains(noise), "{id}: p = {p}: {text}");
            }
        }
    }
    hidden
}

#[test]
fn report_with_a_series_has_the_section_and_figures_of_trend() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report");
    let standalone = dir.path().join("trend");
    let survey = repo().join("datasets/bos-2022-synthetic");
    let run = peiling(&[
        "report",
        survey.to_str().unwrap(),
        "--series",
        &series(),
        "-o",
        report.to_str().unwrap(),
    ]);
    run.ok();
    assert!(!run.stderr().contains("not an edition"), "{}", run.stderr());
    peiling(&["trend", &series(), "-o", standalone.to_str().unwrap()]).ok();
    let trend: Value =
        serde_json::from_str(&peiling(&["trend", &series(), "--json"]).ok()).unwrap();
    let full = std::fs::read_to_string(report.join("report.md")).unwrap();
    let section = trend_section(&full);
    // The same section `peiling trend -o` writes, with the same charts.
    let alone = std::fs::read_to_string(standalone.join("report.md")).unwrap();
    let other = trend_section(&alone);
    let differ = section.lines().zip(other.lines()).find(|(a, b)| a != b);
    assert!(
        section == other,
        "the report's trend section is not trend's: {differ:?}"
    );
    let charts = files(&standalone.join("charts"));
    assert!(charts.len() > 20, "{}", charts.len());
    for (name, bytes) in &charts {
        let ours = std::fs::read(report.join("charts").join(name)).unwrap();
        assert!(&ours == bytes, "charts/{name} differs");
        assert!(section.contains(&format!("(charts/{name})")), "{name}");
    }
    // Its figures are trend's (no edition of the bundled series has fewer than 5
    // answers to a question; the next test raises the minimum).
    assert_eq!(check_figures(section, &trend, 5), 0);
    // Before the per-question appendix, after the plan.
    let at = |s: &str| full.find(s).unwrap_or_else(|| panic!("{s}"));
    assert!(at("\n## Rotatieplan\n") < at("\n## Ontwikkeling door de jaren\n"));
    assert!(at("\n## Ontwikkeling door de jaren\n") < at("\n## Per vraag: "));
    // The short bijlage: one paragraph that points to the full report, no section.
    let short = std::fs::read_to_string(report.join("bijlage.md")).unwrap();
    assert!(!short.contains("## Ontwikkeling door de jaren"));
    assert!(!short.contains("charts/trend-"));
    let para = short
        .lines()
        .find(|l| l.starts_with("Ontwikkeling door de jaren (edities 2020, 2021 en 2022)"))
        .expect("the summary's paragraph");
    assert!(
        para.ends_with("Ontwikkeling door de jaren (in het volledige rapport)."),
        "{para}"
    );
    // Its counts are the section's headlines: tested ones carry a p, changed ones say so.
    let heads: Vec<&str> = section
        .lines()
        .filter(|l| l.starts_with("**Aandeel"))
        .collect();
    let tested = heads.iter().filter(|h| h.contains("(p = ")).count();
    let changed = heads
        .iter()
        .filter(|h| h.contains("groter dan de ruis"))
        .count();
    assert!(tested > 0 && changed > 0);
    assert!(
        para.contains(&format!(
            "van de {tested} getoetste kerncijfers veranderden er {changed} meer"
        )),
        "{para} ({tested}, {changed})"
    );
}

#[test]
fn the_trend_section_holds_back_editions_below_the_minimum_group() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report");
    peiling(&[
        "report",
        "--series",
        &series(),
        "--min-group",
        "12",
        "--no-plan",
        "-o",
        report.to_str().unwrap(),
    ])
    .ok();
    let trend: Value =
        serde_json::from_str(&peiling(&["trend", &series(), "--json"]).ok()).unwrap();
    let full = std::fs::read_to_string(report.join("report.md")).unwrap();
    let section = trend_section(&full);
    let hidden = check_figures(section, &trend, 12);
    // Every SO edition (10, 9 and 9 answers to most questions) is held back now.
    assert!(hidden > 40, "{hidden}");
    // The chart of a held-back edition draws no dot and says why.
    let svg = std::fs::read_to_string(report.join("charts/trend-so-leeftijd.svg")).unwrap();
    assert_eq!(svg.matches("minder dan 12 antwoorden").count(), 3, "{svg}");
    // Without a series, the report has no trend at all.
    let plain = dir.path().join("plain");
    peiling(&["report", "--no-plan", "-o", plain.to_str().unwrap()]).ok();
    let md = std::fs::read_to_string(plain.join("report.md")).unwrap();
    assert!(!md.contains("Ontwikkeling door de jaren"));
}

#[test]
fn a_series_with_where_or_a_bad_series_is_one_line_and_exit_2() {
    let err = peiling(&["report", "--series", &series(), "--where", "behoefte=Ja"]).user_error();
    assert!(err.contains("--where"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let err = peiling_in(
        dir.path(),
        &["report", "--series", "nothing-here", "-o", "r"],
    )
    .user_error();
    assert!(err.contains("nothing-here"), "{err}");
    assert!(!dir.path().join("r").exists());
}

/// The report crate is meant to build for WebAssembly: it takes the computed trend, and
/// neither it nor any workspace crate it depends on pulls in polars (or the panel crate).
#[test]
fn the_report_crate_builds_without_polars() {
    fn walk(krate: &str, seen: &mut Vec<String>) {
        if seen.iter().any(|s| s == krate) {
            return;
        }
        seen.push(krate.to_string());
        let manifest = repo().join("crates").join(krate).join("Cargo.toml");
        let doc: toml::Table = std::fs::read_to_string(&manifest).unwrap().parse().unwrap();
        let deps = doc["dependencies"].as_table().unwrap();
        for name in deps.keys() {
            assert!(
                !name.starts_with("polars") && name != "peiling-panel",
                "{krate} depends on {name}, which brings polars into peiling-report"
            );
            if name.starts_with("peiling-") {
                walk(name, seen);
            }
        }
    }
    let mut seen = Vec::new();
    walk("peiling-report", &mut seen);
    assert!(seen.len() >= 4, "{seen:?}");
}
