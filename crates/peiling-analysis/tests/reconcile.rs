//! Property: for any responses, every question's counts add up to its base and the
//! percentages of a single-choice question add up to 100 over those who answered.

use peiling_analysis::{analyze, AnalysisOptions, Detail};
use peiling_survey::{import, ImportOptions, Part, Questionnaire, Survey};
use proptest::prelude::*;

const QUESTIONNAIRE: &str = r#"
id = "p"
title = "P"
audience = "WPB"

[[question]]
id = "age"
text = "Leeftijd"
kind = "single"
options = ["<25", "25-35", "36-45"]

[[question]]
id = "need"
text = "Behoefte"
kind = "yesno"

[[question]]
id = "themes"
text = "Thema"
kind = "multi"
only_if = { question = "need", answer = "Ja" }
options = ["A", "B, met komma", "C"]

[[question]]
id = "comp"
text = "Competent"
kind = "scale"
levels = ["Zeer", "Redelijk", "Niet"]
not_applicable = ["n.v.t."]

[[question]]
id = "hours"
text = "Uren"
kind = "number"
max = 100
unknown = ["???"]
"#;

fn cell(options: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::sample::select(options).prop_map(str::to_string)
}

fn row() -> impl Strategy<Value = Vec<String>> {
    (
        cell(&["<25", "25-35", "36-45", "", "onzin"]),
        cell(&["Ja", "Nee", "", "ja"]),
        cell(&["A;", "A;B, met komma;", "C;A;", "", "Z;"]),
        cell(&["Zeer", "Redelijk", "Niet", "n.v.t.", "", "heel erg"]),
        cell(&["10", "7,5", "???", "", "500", "veel"]),
    )
        .prop_map(|(a, b, c, d, e)| vec![a, b, c, d, e])
}

fn csv(rows: &[Vec<String>]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["Leeftijd", "Behoefte", "Thema", "Competent", "Uren"])
        .unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn counts_reconcile(rows in prop::collection::vec(row(), 1..40)) {
        let q = Questionnaire::from_toml("p.toml", QUESTIONNAIRE).unwrap();
        let data = import(&q, "p.csv", csv(&rows).as_bytes(), &ImportOptions::default()).unwrap();
        let report = &data.report;
        prop_assert_eq!(report.rows_read, report.rows_accepted + report.rows_rejected());
        for t in &report.tallies {
            prop_assert_eq!(t.answered + t.no_answer + t.invalid, report.rows_accepted);
        }
        let survey = Survey {
            id: "p".into(), title: "P".into(), title_en: None, partnership: None, edition: None,
            parts: vec![Part { population: None, data }],
        };
        let s = analyze(&survey, &AnalysisOptions::default()).unwrap();
        for question in &s.parts[0].questions {
            prop_assert_eq!(question.answered + question.no_answer + question.invalid, question.base);
            match &question.detail {
                Detail::Choice { rows } if question.answered > 0 => {
                    let total: usize = rows.iter().map(|r| r.count).sum();
                    prop_assert_eq!(total, question.answered);
                    let pct: f64 = rows.iter().map(|r| r.pct_answered.unwrap()).sum();
                    prop_assert!((pct - 100.0).abs() < 1e-3, "{}", pct);
                }
                Detail::Scale { rows, not_applicable, .. } => {
                    let total: usize = rows.iter().chain(not_applicable).map(|r| r.count).sum();
                    prop_assert_eq!(total, question.answered);
                }
                _ => {}
            }
        }
    }
}
