//! `report --reflection`: the partnership's yearly reflection (datasets/evaluatie,
//! reflectie.toml and reflectie-2022.csv) beside the need figures in the full report,
//! one sentence in the bijlage; every figure recounted from the export with the csv
//! crate, and the same counts as the evaluatieverslag's reflection.

use std::path::{Path, PathBuf};

use crate::common::{peiling, repo};

const PRESENT: [&str; 4] = ["In hoge mate", "Enigszins", "Nauwelijks", "Niet"];

fn reflection_dir() -> PathBuf {
    repo().join("datasets/evaluatie")
}

fn report(args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("r");
    let mut all = vec!["report"];
    all.extend(args);
    all.extend(["--out", out.to_str().unwrap()]);
    peiling(&all).ok();
    (tmp, out)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// The report's percentage of n: whole below 30, one decimal from 30, Dutch comma.
/// The report's one way to write a share: a whole percentage (docs/report-rules.md).
fn pct(k: usize, n: usize) -> String {
    format!("{:.0} %", (k as f64 * 100.0 / n as f64).round())
}

#[test]
fn the_reflection_sits_beside_the_need_figures_and_its_figures_are_recounted() {
    let (_tmp, out) = report(&["--reflection", reflection_dir().to_str().unwrap()]);
    let md = read(&out.join("report.md"));
    // After the audiences' overviews (with the themes asked for), before the plan.
    let at = md
        .find("\n## Voorwaarden voor effectieve professionalisering")
        .unwrap();
    let wpb = md.find("\n## Werkplekbegeleiders (WPB)").unwrap();
    let plan = md.find("\n## Rotatieplan").unwrap();
    assert!(wpb < at && at < plan, "{wpb} {at} {plan}");
    let section = &md[at..plan];

    // Recount: per condition the two most positive levels of those choosing a level.
    let text = read(&reflection_dir().join("reflectie-2022.csv"));
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|x| x.unwrap().iter().map(str::to_string).collect())
        .collect();
    let form: toml::Value =
        toml::from_str(&read(&reflection_dir().join("reflectie.toml"))).unwrap();
    let mut lowest: Option<(f64, String, usize, usize)> = None;
    for item in form["grid"][0]["item"].as_array().unwrap() {
        let statement = item["text"].as_str().unwrap();
        let c = header.iter().position(|h| h == statement).unwrap();
        let top = rows
            .iter()
            .filter(|x| PRESENT[..2].contains(&x[c].as_str()))
            .count();
        let rated = rows
            .iter()
            .filter(|x| PRESENT.contains(&x[c].as_str()))
            .count();
        let dont_know = rows.iter().filter(|x| x[c] == "Weet ik niet").count();
        let empty = rows.iter().filter(|x| x[c].is_empty()).count();
        assert_eq!(rated + dont_know + empty, rows.len());
        let row = format!(
            "| {statement} | {} | {rated} | {dont_know} | {empty} |",
            pct(top, rated)
        );
        assert!(section.contains(&row), "missing {row}\n{section}");
        let share = top as f64 / rated as f64;
        if lowest.as_ref().is_none_or(|l| share < l.0) {
            lowest = Some((share, statement.to_string(), top, rated));
        }
    }
    // The headline names the condition seen least, with its recounted share.
    let (_, statement, top, rated) = lowest.unwrap();
    let name = {
        let mut c = statement.chars();
        c.next()
            .unwrap()
            .to_lowercase()
            .chain(c)
            .collect::<String>()
    };
    let least = format!(
        "ziet {name} het minst aanwezig ({} in hoge mate of enigszins, n = {rated})",
        pct(top, rated)
    );
    assert!(
        section.contains(&format!(
            "**De jaarlijkse reflectie van het partnerschap ({} reacties) {least}.**",
            rows.len()
        )),
        "{section}"
    );
    assert!(out.join("charts/reflectie-voorwaarden.svg").is_file());

    // The bijlage: one sentence, in the summary, pointing at the full report; no table.
    let bijlage = read(&out.join("bijlage.md"));
    let lines: Vec<&str> = bijlage
        .lines()
        .filter(|l| l.contains("reflectie"))
        .collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].contains(&least) && lines[0].contains("(in het volledige rapport)"),
        "{}",
        lines[0]
    );
    assert!(!bijlage.contains("| Coaching en support van experts |"));

    // One number, one truth: the evaluatieverslag's reflection has the same counts.
    let ev = read(&repo().join("reports/evaluatie-2021-2022/nl/evaluation.json"));
    let ev: serde_json::Value = serde_json::from_str(&ev).unwrap();
    let coaching = ev["reflection"]["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "voorwaarden_coaching")
        .unwrap();
    let counts: Vec<usize> = coaching["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap() as usize)
        .collect();
    let c = header
        .iter()
        .position(|h| h == "Coaching en support van experts")
        .unwrap();
    let recount: Vec<usize> = PRESENT
        .iter()
        .map(|l| rows.iter().filter(|x| x[c] == *l).count())
        .collect();
    assert_eq!(counts, recount);

    // Naming the export instead of its folder gives the same report.
    let (_tmp2, out2) = report(&[
        "--reflection",
        reflection_dir()
            .join("reflectie-2022.csv")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(md, read(&out2.join("report.md")));
    // Without the option the report has no such section (the bundled one is unchanged).
    assert!(!read(&repo().join("reports/bos-2020/nl/report.md")).contains("reflectie"));
}

#[test]
fn below_the_minimum_group_the_reflection_shows_no_percentages() {
    // 39 responses against a minimum group of 40.
    let (_tmp, out) = report(&[
        "--reflection",
        reflection_dir().to_str().unwrap(),
        "--min-group",
        "40",
    ]);
    let md = read(&out.join("report.md"));
    let at = md
        .find("\n## Voorwaarden voor effectieve professionalisering")
        .unwrap();
    let section = &md[at..md.find("\n## Rotatieplan").unwrap()];
    assert!(
        section.contains("39 reacties, minder dan 40: geen percentages."),
        "{section}"
    );
    assert!(
        !section.contains('%') && !section.contains("charts/"),
        "{section}"
    );
    let bijlage = read(&out.join("bijlage.md"));
    let line = bijlage.lines().find(|l| l.contains("reflectie")).unwrap();
    assert!(!line.contains('%'), "{line}");
}

#[test]
fn a_missing_reflection_is_one_line_and_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("r");
    let err = peiling(&[
        "report",
        "--reflection",
        tmp.path().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
    .user_error();
    assert!(err.contains("no yearly reflection here"), "{err}");
    let export = tmp.path().join("reflectie-2022.csv");
    std::fs::copy(reflection_dir().join("reflectie-2022.csv"), &export).unwrap();
    let err = peiling(&[
        "report",
        "--reflection",
        export.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
    .user_error();
    assert!(err.contains("no reflectie.toml beside the export"), "{err}");
    assert!(!out.exists());
}

#[test]
fn the_bundled_reflection_says_its_answers_are_made_up() {
    // reflectie.toml declares `[about] origin = "synthetic"` with a note: the section
    // says so in one sentence, and the summary's sentence in brackets, in both languages.
    let form: toml::Value =
        toml::from_str(&read(&reflection_dir().join("reflectie.toml"))).unwrap();
    let note = &form["about"]["origin_note"];
    assert_eq!(form["about"]["origin"].as_str(), Some("synthetic"));
    let dir = reflection_dir();
    for (lang, kind, text, title, end) in [
        (
            "nl",
            "Kunstmatige (synthetische) gegevens",
            "text",
            "\n## Voorwaarden voor effectieve professionalisering",
            "\n## Rotatieplan",
        ),
        (
            "en",
            "Made-up (synthetic) data",
            "text_en",
            "\n## Conditions for effective professionalisation",
            "\n## Rotation plan",
        ),
    ] {
        let (_tmp, out) = report(&["--reflection", dir.to_str().unwrap(), "--lang", lang]);
        let md = read(&out.join("report.md"));
        let section = &md[md.find(title).unwrap()..md.find(end).unwrap()];
        let sentence = format!("{kind}: {}", note[text].as_str().unwrap());
        assert!(section.contains(&sentence), "{lang}: {section}");
        let marker = format!(" ({}).", kind.to_lowercase());
        let bijlage = read(&out.join("bijlage.md"));
        let anchor = "(#voorwaarden-reflectie)";
        let summary = md
            .lines()
            .find(|l| l.starts_with("- ") && l.contains(anchor))
            .unwrap();
        assert!(summary.ends_with(&marker), "{lang}: {summary}");
        assert_eq!(bijlage.matches(&marker).count(), 1, "{lang}: {bijlage}");
    }

    // The same form without `[about]` says nothing of the kind.
    let tmp = tempfile::tempdir().unwrap();
    let text = read(&dir.join("reflectie.toml"));
    let start = text.find("\n[about]").unwrap();
    let stop = start + 1 + text[start + 1..].find("\n[").unwrap();
    std::fs::write(
        tmp.path().join("reflectie.toml"),
        format!("{}{}", &text[..start], &text[stop..]),
    )
    .unwrap();
    std::fs::copy(
        dir.join("reflectie-2022.csv"),
        tmp.path().join("reflectie-2022.csv"),
    )
    .unwrap();
    let (_tmp, out) = report(&["--reflection", tmp.path().to_str().unwrap()]);
    let md = read(&out.join("report.md"));
    assert!(md.contains("\n## Voorwaarden voor effectieve professionalisering"));
    assert!(
        !md.contains("Kunstmatige") && !md.contains("kunstmatige"),
        "{md}"
    );
}
