//! `plan --evaluations` and `report --evaluations`: the themes the evaluation of the
//! meetings flags ("herontwerpen voor herhaling", docs/evaluation-rules.md rule 3) are
//! marked in the plan's reasons, its notes and the report's plan section. The planted
//! lagging theme of datasets/evaluatie is flagged (its figures recounted from the CSV
//! files), the control set flags none, and a file that is not an evaluation is one line.

use std::path::Path;

use crate::common::{peiling, repo};
use crate::evaluate::{bundled, control, exports, json, read, top2, APPLY, FORM_TEXT_APPLY, PLAN};

/// The reason the planner gives a flagged theme whose applicability lags: `top` of
/// `rated` against `rest_top` of `rest_n` (whole percent below 30 people).
fn applicability_reason(top: usize, rated: usize, rest_top: usize, rest_n: usize) -> String {
    let own = top as f64 * 100.0 / rated as f64;
    let others = rest_top as f64 * 100.0 / rest_n as f64;
    let own = if rated < 30 {
        format!("{:.0} %", own.round())
    } else {
        format!("{:.1} %", (own * 10.0).round() / 10.0).replace('.', ",")
    };
    format!(
        "herontwerpen voor herhaling: bij de evaluatie vond {own} (n = {rated}) het goed toepasbaar in de eigen praktijk, tegen {} in de andere bijeenkomsten",
        format!("{:.1} %", (others * 10.0).round() / 10.0).replace('.', ",")
    )
}

fn plan_json(evaluations: &Path) -> serde_json::Value {
    let out = peiling(&[
        "plan",
        "--json",
        "--evaluations",
        evaluations.to_str().unwrap(),
    ])
    .ok();
    serde_json::from_str(&out).unwrap()
}

/// The themes of the meetings whose reasons hold a redesign reason.
fn flagged(plan: &serde_json::Value) -> Vec<String> {
    let mut v: Vec<String> = plan["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| {
            m["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["kind"] == "redesign")
        })
        .map(|m| m["theme"].as_str().unwrap().to_string())
        .collect();
    v.dedup();
    v
}

#[test]
fn the_planted_theme_is_flagged_in_the_plan_and_the_control_set_flags_none() {
    let (_tmp, out) = bundled();
    // The applicability of innovatie against all other meetings, recounted.
    let (mut own, mut rest) = ((0, 0), (0, 0));
    for path in exports("bijeenkomsten") {
        let (header, rows) = read(&path);
        let (t, n) = top2(&header, &rows, FORM_TEXT_APPLY, APPLY);
        let is_innovation = path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .contains("innovatie");
        let acc = if is_innovation { &mut own } else { &mut rest };
        acc.0 += t;
        acc.1 += n;
    }
    let redesign = json(&out)["redesign"].clone();
    assert_eq!(redesign.as_array().unwrap().len(), 1, "{redesign}");
    assert_eq!(redesign[0]["theme_id"], "innovatie");
    let s = &redesign[0]["shortfalls"][0];
    assert_eq!(s["measure"]["measure"], "applicable");
    assert_eq!(s["n"], own.1);
    assert!((s["share"].as_f64().unwrap() - own.0 as f64 / own.1 as f64).abs() < 1e-12);
    assert!((s["others"].as_f64().unwrap() - rest.0 as f64 / rest.1 as f64).abs() < 1e-12);

    // `evaluate --json` prints the same figures it writes.
    let tmp = tempfile::tempdir().unwrap();
    let dir = repo().join("datasets/evaluatie");
    let again = tmp.path().join("ev");
    let printed = peiling(&[
        "evaluate",
        dir.to_str().unwrap(),
        "--plan",
        repo().join(PLAN).to_str().unwrap(),
        "--json",
        "-o",
        again.to_str().unwrap(),
    ])
    .ok();
    assert_eq!(
        printed,
        std::fs::read_to_string(out.join("evaluation.json")).unwrap()
    );
    assert_eq!(
        printed,
        std::fs::read_to_string(again.join("evaluation.json")).unwrap()
    );

    // The folder and the file itself are both accepted.
    let plan = plan_json(&out);
    assert_eq!(plan, plan_json(&out.join("evaluation.json")));
    assert_eq!(flagged(&plan), ["innovatie"]);
    assert_eq!(plan["redesign"], serde_json::json!(["innovatie"]));
    let reason = applicability_reason(own.0, own.1, rest.0, rest.1);
    for m in plan["meetings"].as_array().unwrap() {
        let text = m["reason"]["nl"].as_str().unwrap();
        assert_eq!(
            text.contains(&reason),
            m["theme"] == "innovatie",
            "{}: {text}",
            m["theme"]
        );
    }
    // The terminal shows the reason and the note, in plain Dutch without ids.
    let table = peiling(&["plan", "--evaluations", out.to_str().unwrap()]).ok();
    assert!(table.contains(&reason), "{table}");
    assert!(table.contains("Uit de evaluatie van de bijeenkomsten: herontwerpen voor herhaling: \u{201c}Innovatie\u{201d}."), "{table}");
    assert!(!table.contains("voorwaarden_") && !table.contains("applicable"));
    // Without the option nothing is marked.
    let plain = peiling(&["plan"]).ok();
    assert!(!plain.contains("herontwerpen"));

    let (_tmp, out) = control();
    assert_eq!(json(&out)["redesign"], serde_json::json!([]));
    let plan = plan_json(&out);
    assert!(flagged(&plan).is_empty());
    assert!(plan.get("redesign").is_none());
    assert!(!serde_json::to_string(&plan)
        .unwrap()
        .contains("herontwerpen"));
}

#[test]
fn an_evaluation_without_a_plan_is_matched_by_the_theme_title() {
    // Evaluated without --plan the themes are the meetings' names without their date:
    // the catalogue's titles.
    let dir = repo().join("datasets/evaluatie");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("ev");
    let said = peiling(&[
        "evaluate",
        dir.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ])
    .ok();
    // The terminal says what to do with the flag.
    assert!(
        said.contains(&format!(
            "1 theme to redesign before repeating; `peiling plan --evaluations {}` marks it in the plan",
            out.display()
        )),
        "{said}"
    );
    let ev = json(&out);
    assert!(ev["redesign"][0].get("theme_id").is_none());
    assert_eq!(ev["redesign"][0]["theme"], "Innovatie");
    assert_eq!(flagged(&plan_json(&out)), ["innovatie"]);
    // A theme the catalogue does not know is a warning, not silence.
    let mut ev = ev;
    ev["redesign"][0]["theme"] = "Bestaat niet".into();
    let file = out.join("evaluation.json");
    std::fs::write(&file, serde_json::to_string(&ev).unwrap()).unwrap();
    let plan = plan_json(&file);
    assert!(flagged(&plan).is_empty());
    let warnings = serde_json::to_string(&plan["warnings"]).unwrap();
    assert!(
        warnings.contains("\u{201c}Bestaat niet\u{201d} te herontwerpen"),
        "{warnings}"
    );
}

#[test]
fn the_report_shows_the_flag_in_its_plan_section() {
    let (_tmp, out) = bundled();
    let tmp = tempfile::tempdir().unwrap();
    let report = tmp.path().join("r");
    peiling(&[
        "report",
        "--evaluations",
        out.to_str().unwrap(),
        "--out",
        report.to_str().unwrap(),
    ])
    .ok();
    let md = std::fs::read_to_string(report.join("report.md")).unwrap();
    let why = &md[md.find("Waarom deze volgorde").unwrap()..];
    let line = why
        .lines()
        .find(|l| l.contains("Innovatie**"))
        .unwrap_or_else(|| panic!("{why}"));
    assert!(
        line.contains("herontwerpen voor herhaling: bij de evaluatie vond"),
        "{line}"
    );
    assert_eq!(
        md.matches("herontwerpen voor herhaling: bij de evaluatie")
            .count(),
        1
    );
    assert!(md.contains("Uit de evaluatie van de bijeenkomsten: herontwerpen voor herhaling"));
    let plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(report.join("plan.json")).unwrap()).unwrap();
    assert_eq!(flagged(&plan), ["innovatie"]);
    // The bundled report (without the option) is unchanged by it.
    let committed = std::fs::read_to_string(repo().join("reports/bos-2020/nl/report.md")).unwrap();
    assert!(!committed.contains("herontwerpen"));
}

#[test]
fn a_file_that_is_not_an_evaluation_is_one_line_and_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("nergens.json");
    let err = peiling(&["plan", "--evaluations", missing.to_str().unwrap()]).user_error();
    assert!(
        err.contains("nergens.json: cannot read the evaluation"),
        "{err}"
    );
    // A plan is not an evaluation; neither is an evaluation.json of another version.
    let plan = repo().join(PLAN);
    let err = peiling(&["plan", "--evaluations", plan.to_str().unwrap()]).user_error();
    assert!(
        err.contains("not an evaluation of this version of peiling"),
        "{err}"
    );
    let broken = tmp.path().join("evaluation.json");
    std::fs::write(
        &broken,
        "{\"schema\": \"peiling-evaluation/1\", \"redesign\": 3}",
    )
    .unwrap();
    let err = peiling(&["plan", "--evaluations", tmp.path().to_str().unwrap()]).user_error();
    assert!(err.contains("evaluation.json: line 1, column"), "{err}");
    let err = peiling(&[
        "report",
        "--evaluations",
        broken.to_str().unwrap(),
        "--out",
        tmp.path().join("r").to_str().unwrap(),
    ])
    .user_error();
    assert!(err.contains("evaluation.json: line 1"), "{err}");
    assert!(!tmp.path().join("r").exists());
}
