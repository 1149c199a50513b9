//! `peiling evaluate`: the evaluatieverslag of the bundled synthetic meeting evaluations
//! (datasets/evaluatie). Every figure is recounted here from the exports themselves (csv
//! crate, no peiling code); the planted weakness is found and the control set finds
//! nothing; a meeting below the minimum group shows no percentages and no quotes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::{peiling, repo};

pub(crate) const PLAN: &str = "reports/bos-2020/nl/plan.json";
const FORM_TEXT_USEFUL: &str = "Hoe nuttig vond je deze bijeenkomst?";
pub(crate) const FORM_TEXT_APPLY: &str =
    "Hoe goed kun je wat je leerde toepassen in je eigen praktijk?";

pub(crate) fn data() -> PathBuf {
    repo().join("datasets/evaluatie")
}

pub(crate) fn exports(folder: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(data().join(folder))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    v.sort();
    v
}

/// One export read with the csv crate: header and rows.
pub(crate) fn read(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

/// (two most positive levels, any level) of a column, recounted.
pub(crate) fn top2(
    header: &[String],
    rows: &[Vec<String>],
    column: &str,
    levels: [&str; 4],
) -> (usize, usize) {
    let c = header.iter().position(|h| h == column).unwrap();
    let top = rows
        .iter()
        .filter(|r| levels[..2].contains(&r[c].as_str()))
        .count();
    let rated = rows
        .iter()
        .filter(|r| levels.contains(&r[c].as_str()))
        .count();
    (top, rated)
}

const USEFUL: [&str; 4] = ["Zeer nuttig", "Nuttig", "Weinig nuttig", "Niet nuttig"];
pub(crate) const APPLY: [&str; 4] = ["Zeer goed", "Goed", "Matig", "Niet"];
const PRESENT: [&str; 4] = ["In hoge mate", "Enigszins", "Nauwelijks", "Niet"];

/// The report's percentage of n: whole, as every percentage (docs/report-rules.md).
fn pct(k: usize, n: usize) -> String {
    format!("{:.0} %", (k as f64 * 100.0 / n as f64).round())
}

pub(crate) fn evaluate(args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("ev");
    let mut all: Vec<&str> = args.to_vec();
    let out_s = out.to_str().unwrap().to_string();
    all.extend(["-o", &out_s]);
    peiling(&all).ok();
    (tmp, out)
}

pub(crate) fn bundled() -> (tempfile::TempDir, PathBuf) {
    let dir = data();
    let plan = repo().join(PLAN);
    evaluate(&[
        "evaluate",
        dir.to_str().unwrap(),
        "--plan",
        plan.to_str().unwrap(),
    ])
}

pub(crate) fn control() -> (tempfile::TempDir, PathBuf) {
    let form = data().join("bijeenkomst.toml");
    let files: Vec<String> = exports("controle")
        .iter()
        .map(|p| p.to_str().unwrap().to_string())
        .collect();
    let mut args = vec!["evaluate", "-q", form.to_str().unwrap(), "-d"];
    args.extend(files.iter().map(String::as_str));
    evaluate(&args)
}

pub(crate) fn json(out: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("evaluation.json")).unwrap()).unwrap()
}

#[test]
fn every_figure_of_the_evaluatieverslag_is_recounted_from_the_exports() {
    let (_tmp, out) = bundled();
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    let ev = json(&out);
    let meetings = ev["meetings"].as_array().unwrap();
    let files = exports("bijeenkomsten");
    assert_eq!(meetings.len(), files.len());
    let mut total = 0;
    let mut by_theme: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for (m, path) in meetings.iter().zip(&files) {
        let (header, rows) = read(path);
        total += rows.len();
        let name = &rows[0][header
            .iter()
            .position(|h| h == "Welke bijeenkomst heb je bijgewoond?")
            .unwrap()];
        assert_eq!(m["meeting"], name.as_str());
        assert_eq!(m["respondents"], rows.len());
        let (ut, un) = top2(&header, &rows, FORM_TEXT_USEFUL, USEFUL);
        let (at, an) = top2(&header, &rows, FORM_TEXT_APPLY, APPLY);
        // The overview row, as a teacher reads it.
        let row = format!(
            "| {} | {} | {} (n = {un}) | {} (n = {an}) |",
            name,
            rows.len(),
            pct(ut, un),
            pct(at, an)
        );
        assert!(md.contains(&row), "missing row {row}");
        // Each condition's counts per level, recounted from its Likert column.
        let form = std::fs::read_to_string(data().join("bijeenkomst.toml")).unwrap();
        let form: toml::Value = toml::from_str(&form).unwrap();
        let items = form["grid"][0]["item"].as_array().unwrap();
        let conds = m["conditions"].as_array().unwrap();
        assert_eq!(conds.len(), 8);
        for (item, c) in items.iter().zip(conds) {
            let col = header
                .iter()
                .position(|h| h == item["text"].as_str().unwrap())
                .unwrap();
            let counts: Vec<usize> = PRESENT
                .iter()
                .map(|l| rows.iter().filter(|r| r[col] == *l).count())
                .collect();
            let na = rows.iter().filter(|r| r[col] == "n.v.t.").count();
            let empty = rows.iter().filter(|r| r[col].is_empty()).count();
            assert_eq!(
                c["counts"],
                serde_json::json!(counts),
                "{name}: {}",
                item["id"]
            );
            assert_eq!(c["not_applicable"], na);
            assert_eq!(c["no_answer"], empty);
            assert_eq!(counts.iter().sum::<usize>() + na + empty, rows.len());
        }
        let theme = m["theme"].as_str().unwrap().to_string();
        let e = by_theme.entry(theme).or_default();
        e.0 += rows.len();
        e.1 += at;
        e.2 += an;
    }
    assert!(md.contains(&format!("12 bijeenkomsten, {total} ingevulde evaluaties")));
    for (theme, (n, top, rated)) in by_theme {
        let row = format!(
            "| {} | {n} | {} (n = {rated}) |",
            theme.replace('_', "\\_"),
            pct(top, rated)
        );
        assert!(md.contains(&row), "missing theme row {row}");
    }
}

#[test]
fn the_planted_weaknesses_are_found_and_the_control_set_finds_nothing() {
    let (_tmp, out) = bundled();
    let findings = json(&out)["findings"].clone();
    let rules: Vec<(&str, &str)> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap(),
                f.get("condition")
                    .or(f.get("theme"))
                    .unwrap()
                    .as_str()
                    .unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rules,
        [
            ("weak_condition", "voorwaarden_coaching"),
            ("lagging_theme", "Innovatie")
        ]
    );
    // The coaching share over all meetings, recounted.
    let (mut top, mut rated) = (0, 0);
    for path in exports("bijeenkomsten") {
        let (header, rows) = read(&path);
        let (t, n) = top2(&header, &rows, "Coaching en support van experts", PRESENT);
        top += t;
        rated += n;
    }
    let pooled = findings[0]["pooled"].as_f64().unwrap();
    assert!((pooled - top as f64 / rated as f64).abs() < 1e-12);
    assert!(pooled < 0.5);

    let (_tmp, out) = control();
    assert_eq!(json(&out)["findings"], serde_json::json!([]));
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains("De regels vonden geen zwakke voorwaarde"));
}

#[test]
fn a_meeting_below_the_minimum_group_shows_no_percentages_and_no_quotes() {
    let (_tmp, out) = control();
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    let small = exports("controle").pop().unwrap();
    let (_, rows) = read(&small);
    assert_eq!(rows.len(), 4);
    let name = "Beroepsregistratie Velon (2023-06-15)";
    assert!(md.contains(&format!("| {name} | 4 | — | — |")), "{md}");
    let section = &md[md
        .rfind(&format!("## {name}"))
        .or(md.rfind(&format!("### {name}")))
        .unwrap()..];
    assert!(section.contains("4 reacties, minder dan 5: geen percentages en geen citaten."));
    assert!(!section.contains('%'), "{section}");
    // Its texts are in the export but not quoted in its section.
    let (header, rows) = read(&small);
    let mut texts = Vec::new();
    for col in [
        "Wat moeten we vooral zo houden?",
        "Wat moeten we veranderen?",
    ] {
        let c = header.iter().position(|h| h == col).unwrap();
        texts.extend(rows.iter().map(|r| r[c].clone()).filter(|t| !t.is_empty()));
    }
    assert!(!texts.is_empty());
    for t in &texts {
        assert!(!section.contains(t.as_str()), "{t} quoted: {section}");
    }
    // Nor are they in evaluation.json, which sits in the same folder.
    let small_json = &json(&out)["meetings"][11];
    assert_eq!(small_json["respondents"], 4);
    assert_eq!(small_json["keep"], serde_json::json!([]));
    assert_eq!(small_json["change"], serde_json::json!([]));
    // Personal data in quotes of the larger meetings is scrubbed.
    let (_tmp, out) = bundled();
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(!md.contains("06-12345678") && !md.contains("j.jansen@"));
}

#[test]
fn the_evaluatieverslag_is_one_document_in_its_own_order() {
    // One document per purpose: the verslag, its charts and its figures; no bijlage
    // (the short/full split is the survey report's).
    let (_tmp, out) = bundled();
    let files = crate::common::names_in(&out);
    assert_eq!(
        files,
        ["charts", "evaluation.json", "report.html", "report.md"]
    );
    // Sections in the order composed: the yearly reflection comes last.
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    let heads: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        heads,
        [
            "## Conclusies",
            "## Overzicht",
            "## Per bijeenkomst",
            "## Jaarlijkse reflectie van het partnerschap"
        ]
    );
}

#[test]
fn committed_evaluatieverslag_is_up_to_date() {
    for lang in ["nl", "en"] {
        let dir = data();
        let plan = repo().join(PLAN);
        let (_tmp, out) = evaluate(&[
            "evaluate",
            dir.to_str().unwrap(),
            "--plan",
            plan.to_str().unwrap(),
            "--lang",
            lang,
        ]);
        let committed = repo().join("reports/evaluatie-2021-2022").join(lang);
        let read_all = |d: &Path| -> BTreeMap<String, Vec<u8>> {
            let mut m = BTreeMap::new();
            for sub in ["", "charts"] {
                let Ok(entries) = std::fs::read_dir(d.join(sub)) else {
                    continue;
                };
                for e in entries {
                    let p = e.unwrap().path();
                    if p.is_file() {
                        m.insert(
                            format!("{sub}/{}", p.file_name().unwrap().to_string_lossy()),
                            std::fs::read(&p).unwrap(),
                        );
                    }
                }
            }
            m
        };
        let fresh = read_all(&out);
        let old = read_all(&committed);
        let stale: Vec<&String> = fresh
            .keys()
            .chain(old.keys())
            .filter(|k| fresh.get(*k) != old.get(*k))
            .collect();
        assert!(
            stale.is_empty(),
            "reports/evaluatie-2021-2022/{lang} is out of date ({} files differ, e.g. {}): run scripts/regenerate-reports.sh and commit the result",
            stale.len(),
            stale[0]
        );
    }
}

#[test]
fn missing_or_wrong_input_is_one_line_and_exit_2() {
    let err = peiling(&["evaluate"]).user_error();
    assert!(err.contains("give a folder with bijeenkomst.toml"), "{err}");
    let tmp = tempfile::tempdir().unwrap();
    let err = peiling(&["evaluate", tmp.path().to_str().unwrap()]).user_error();
    assert!(err.contains("bijeenkomsten"), "{err}");
    let bad_plan = tmp.path().join("plan.json");
    std::fs::write(&bad_plan, "{\"meetings\": 3}").unwrap();
    let err = peiling(&[
        "evaluate",
        data().to_str().unwrap(),
        "--plan",
        bad_plan.to_str().unwrap(),
        "-o",
        tmp.path().join("ev").to_str().unwrap(),
    ])
    .user_error();
    assert!(err.contains("plan.json: line 1"), "{err}");
    assert!(!tmp.path().join("ev").exists());
}

#[test]
fn with_records_the_response_is_set_against_attendance() {
    let dir = tempfile::tempdir().unwrap();
    crate::records_dataset::fill(dir.path());
    let db = dir.path().join("r.db");
    let (_tmp, out) = evaluate(&[
        "evaluate",
        data().to_str().unwrap(),
        "--plan",
        repo().join(PLAN).to_str().unwrap(),
        "--records",
        db.to_str().unwrap(),
    ]);
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    // Attendance of the first meeting recounted from its list ("Aanwezig" = ja).
    let list = repo().join("datasets/bos-records-2021-2022/presentie/01-feedback.csv");
    let text = std::fs::read_to_string(list).unwrap();
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let col = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "Aanwezig")
        .unwrap();
    let attended = r
        .records()
        .filter(|x| x.as_ref().unwrap()[col].eq_ignore_ascii_case("ja"))
        .count();
    let (_, rows) = read(&exports("bijeenkomsten")[0]);
    let row = format!(
        "| Feedback (2021-10-07) | {} | {attended} | {} |",
        rows.len(),
        pct(rows.len(), attended)
    );
    assert!(md.contains(&row), "missing {row}");
    // The second year has no attendance lists: unknown.
    assert!(md.contains("| Agogisch bekwaam (2022-10-06) | 12 | onbekend | — |"));
    // --records without --plan is refused by the argument parser: exit 2.
    let err = peiling(&[
        "evaluate",
        data().to_str().unwrap(),
        "--records",
        db.to_str().unwrap(),
    ]);
    assert_eq!(err.code(), 2);
}

#[test]
fn the_yearly_reflection_of_the_folder_is_recounted_in_its_own_section() {
    let (_tmp, out) = bundled();
    let ev = json(&out);
    let r = &ev["reflection"];
    let (header, rows) = read(&data().join("reflectie-2022.csv"));
    assert_eq!(r["respondents"], rows.len());
    let form: toml::Value =
        toml::from_str(&std::fs::read_to_string(data().join("reflectie.toml")).unwrap()).unwrap();
    let items = form["grid"][0]["item"].as_array().unwrap();
    let conds = r["conditions"].as_array().unwrap();
    assert_eq!(conds.len(), items.len());
    for (item, c) in items.iter().zip(conds) {
        let col = header
            .iter()
            .position(|h| h == item["text"].as_str().unwrap())
            .unwrap();
        let counts: Vec<usize> = PRESENT
            .iter()
            .map(|l| rows.iter().filter(|x| x[col] == *l).count())
            .collect();
        assert_eq!(c["counts"], serde_json::json!(counts), "{}", item["id"]);
        let dont_know = rows.iter().filter(|x| x[col] == "Weet ik niet").count();
        assert_eq!(c["not_applicable"], dont_know);
    }
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains(&format!(
        "{} reacties van WPB'ers, SO's, IO's en trainers",
        rows.len()
    )));
    assert!(out.join("charts/reflectie-voorwaarden.svg").is_file());
}

#[test]
fn an_answer_that_is_no_option_of_the_form_is_said_not_silently_dropped() {
    // A copy of two meetings with one usefulness answer the form does not offer.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ev-data");
    std::fs::create_dir_all(dir.join("bijeenkomsten")).unwrap();
    std::fs::copy(
        data().join("bijeenkomst.toml"),
        dir.join("bijeenkomst.toml"),
    )
    .unwrap();
    let files = exports("bijeenkomsten");
    for f in &files[..2] {
        std::fs::copy(f, dir.join("bijeenkomsten").join(f.file_name().unwrap())).unwrap();
    }
    let bad = dir
        .join("bijeenkomsten")
        .join(files[0].file_name().unwrap());
    let (header, rows) = read(&bad);
    let col = header.iter().position(|h| h == FORM_TEXT_USEFUL).unwrap();
    let row = rows
        .iter()
        .position(|r| USEFUL.contains(&r[col].as_str()))
        .unwrap();
    let mut w = csv::Writer::from_path(&bad).unwrap();
    w.write_record(&header).unwrap();
    for (i, r) in rows.iter().enumerate() {
        let mut r = r.clone();
        if i == row {
            r[col] = "Heel erg nuttig".into();
        }
        w.write_record(&r).unwrap();
    }
    w.flush().unwrap();
    let out = tmp.path().join("ev");
    let run = peiling(&[
        "evaluate",
        dir.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    run.ok();
    let err = run.stderr();
    assert!(
        err.contains(&format!(
            "{}: 0 of {} rows set aside, 1 answer is not an option of the form (counted as geen antwoord)",
            bad.display(),
            rows.len()
        )),
        "{err}"
    );
    assert!(err.contains("`peiling validate -q"), "{err}");
    // The untouched meeting says nothing.
    assert_eq!(err.lines().count(), 1, "{err}");
}
