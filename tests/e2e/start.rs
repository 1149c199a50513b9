//! Never a dead end (issue 14): `report` and `plan` work for a questionnaire and an
//! export without a survey folder; the plan starts on the first 1 September after the
//! export's last submission (every export format reads the same date);
//! a report without a theme mapping has no plan section and says how to add one.

use std::path::Path;

use serde_json::Value;

use crate::common::{bundled, peiling, peiling_in, repo};

fn plan_start(dir: &Path, args: &[&str]) -> String {
    let out = dir.join("r");
    let out = out.to_str().unwrap();
    let run = peiling_in(dir, &[&["report", "--out", out], args].concat());
    run.ok();
    let plan: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("r/plan.json")).unwrap()).unwrap();
    plan["start"].as_str().unwrap().to_string()
}

/// The BOS WPB export with every completion time moved by `edit`.
fn wpb_export(dir: &Path, edit: impl Fn(&str) -> String) -> String {
    let src = std::fs::read_to_string(bundled().join("wpb.csv")).unwrap();
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(src.as_bytes());
    for (i, rec) in r.records().enumerate() {
        let mut rec: Vec<String> = rec.unwrap().iter().map(String::from).collect();
        if i > 0 {
            rec[2] = edit(&rec[2]);
        }
        w.write_record(&rec).unwrap();
    }
    let path = dir.join("export.csv");
    std::fs::write(&path, w.into_inner().unwrap()).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn report_and_plan_start_after_the_last_submission_without_a_survey_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let q = bundled().join("wpb.toml");
    let q = q.to_str().unwrap();
    // The bundled export as it is: submitted in October 2020 (Microsoft Forms, m/d/yyyy).
    let data = bundled().join("wpb.csv");
    let data = data.to_str().unwrap();
    assert_eq!(plan_start(d, &["-q", q, "-d", data]), "2021-09-01");

    // The same answers submitted in spring 2023: the plan starts that September.
    let spring = wpb_export(d, |c| c.replace("10/", "3/").replace("/2020", "/2023"));
    assert_eq!(plan_start(d, &["-q", q, "-d", &spring]), "2023-09-01");
    // peiling plan says the same.
    let plan: Value =
        serde_json::from_str(&peiling_in(d, &["plan", "--json", "-q", q, "-d", &spring]).ok())
            .unwrap();
    assert_eq!(plan["start"], "2023-09-01");
    // report takes --start as plan does.
    assert_eq!(
        plan_start(d, &["-q", q, "-d", &spring, "--start", "2025-09-04"]),
        "2025-09-04"
    );
    let err = peiling_in(
        d,
        &["report", "-q", q, "-d", &spring, "--start", "4-9-2025"],
    )
    .user_error();
    assert!(
        err.contains("--start \"4-9-2025\": expected a date like 2021-09-01"),
        "{err}"
    );

    // No completion date at all and no edition: one line saying how to give the start.
    let none = wpb_export(d, |_| String::new());
    let err = peiling_in(d, &["report", "-q", q, "-d", &none, "--out", "r2"]).user_error();
    assert!(
        err.contains("names no edition year and its exports no completion date")
            && err.contains("give --start YYYY-MM-DD"),
        "{err}"
    );
    assert!(!d.join("r2").exists());
    let err = peiling_in(d, &["plan", "-q", q, "-d", &none]).user_error();
    assert!(err.contains("give --start YYYY-MM-DD"), "{err}");
    assert_eq!(
        plan_start(d, &["-q", q, "-d", &none, "--start", "2024-09-02"]),
        "2024-09-02"
    );
}

#[test]
fn every_export_format_reads_the_same_last_submission() {
    let dir = repo().join("tests/fixtures/import");
    let q = dir.join("questionnaire.toml");
    let q = q.to_str().unwrap();
    // The fixtures hold the same nine responses: the last accepted one completed on
    // 7 October 2020, written 10/7/2020 (Microsoft Forms), 07-10-2020 (Google Forms: read
    // month first it would be 10 July), 2020-10-07 (LimeSurvey, Excel CSV) and as Excel
    // date cells (XLSX). Row 9, completed on 8 October, is rejected (no age): it counts
    // for no figure, so not for the last submission either.
    for file in [
        "msforms-nl.csv",
        "msforms-en.csv",
        "google-forms.csv",
        "limesurvey.csv",
        "excel-nl-1252.csv",
        "msforms-nl.xlsx",
        "msforms-en.xlsx",
    ] {
        let data = dir.join(file);
        let data = data.to_str().unwrap();
        let out = peiling(&["analyze", "--json", "-q", q, "-d", data]).ok();
        let s: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(s["parts"][0]["last_submission"], "2020-10-07", "{file}");
    }
}

#[test]
fn a_report_without_a_theme_mapping_has_no_plan_and_says_how_to_add_one() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = repo().join("tests/fixtures/import");
    let q = dir.join("questionnaire.toml");
    let data = dir.join("msforms-nl.csv");
    let out = peiling_in(
        tmp.path(),
        &[
            "report",
            "-q",
            q.to_str().unwrap(),
            "-d",
            data.to_str().unwrap(),
            "--out",
            "r",
        ],
    )
    .ok();
    let hint: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("No rotation plan"))
        .collect();
    assert_eq!(hint.len(), 1, "{out}");
    assert!(hint[0].contains("themes = ["), "{out}");
    assert!(!tmp.path().join("r/plan.json").exists());
    for file in ["report.md", "report.html"] {
        let text = std::fs::read_to_string(tmp.path().join("r").join(file)).unwrap();
        assert!(!text.contains("Rotatieplan"), "{file}");
        assert!(!text.contains("rotatieplan"), "{file}");
        assert!(!text.contains("peiling plan"), "{file}");
    }
    // --no-plan asks for none: no hint then.
    let out = peiling_in(
        tmp.path(),
        &[
            "report",
            "-q",
            q.to_str().unwrap(),
            "-d",
            data.to_str().unwrap(),
            "--out",
            "r",
            "--no-plan",
        ],
    )
    .ok();
    assert!(!out.contains("No rotation plan"), "{out}");
}
