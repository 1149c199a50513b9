//! Properties for any responses: every question's counts add up to its base, the
//! percentages of choices, scale levels and number bands add up to 100 (within
//! rounding), and no breakdown shows a small cell or one recoverable from a margin.

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
            prop_assert_eq!(t.answered + t.no_answer + t.invalid + t.not_asked, report.rows_accepted);
        }
        let survey = Survey {
            id: "p".into(), title: "P".into(), title_en: None, partnership: None, edition: None, about: Default::default(),
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
                    // Levels are a share of those who rated (not-applicable kept apart).
                    let rated: usize = rows.iter().map(|r| r.count).sum();
                    if rated > 0 {
                        let pct: f64 = rows.iter().map(|r| r.pct_answered.unwrap()).sum();
                        prop_assert!((pct - 100.0).abs() < 1e-3, "{}", pct);
                    }
                }
                Detail::Number { values, unknown, histogram, .. } => {
                    prop_assert_eq!(values + unknown, question.answered);
                    let counted: usize = histogram.iter().map(|r| r.count).sum();
                    prop_assert_eq!(counted, *values);
                    if *values > 0 {
                        let pct: f64 = histogram.iter().map(|r| r.pct_answered.unwrap()).sum();
                        prop_assert!((pct - 100.0).abs() < 1e-3, "{}", pct);
                    }
                }
                Detail::Multi { rows, .. } => {
                    // Each option is chosen by at most everyone who answered.
                    for r in rows {
                        prop_assert!(r.count <= question.answered);
                    }
                }
                _ => {}
            }
            // Shares of the base, with geen antwoord and invalid shown, add to 100.
            if question.base > 0 {
                if let Detail::Choice { rows } = &question.detail {
                    let pct: f64 = rows.iter().map(|r| r.pct_base).sum::<f64>()
                        + 100.0 * (question.no_answer + question.invalid) as f64
                            / question.base as f64;
                    prop_assert!((pct - 100.0).abs() < 1e-3, "{}", pct);
                }
            }
        }
    }

    #[test]
    fn breakdowns_never_show_a_small_or_recoverable_cell(rows in prop::collection::vec(row(), 1..60)) {
        let q = Questionnaire::from_toml("p.toml", QUESTIONNAIRE).unwrap();
        let data = import(&q, "p.csv", csv(&rows).as_bytes(), &ImportOptions::default()).unwrap();
        let survey = Survey {
            id: "p".into(), title: "P".into(), title_en: None, partnership: None, edition: None, about: Default::default(),
            parts: vec![Part { population: None, data }],
        };
        let opts = AnalysisOptions { by: Some("age".into()), ..AnalysisOptions::default() };
        let s = analyze(&survey, &opts).unwrap();
        for t in &s.parts[0].crosstabs {
            let width = t.columns.len();
            for c in t.counts.iter().flatten().flatten() {
                prop_assert!(*c == 0 || *c >= 5, "{}: {:?}", t.question, t.counts);
            }
            for r in &t.counts {
                prop_assert_ne!(r.iter().filter(|c| c.is_none()).count(), 1, "{:?}", t.counts);
            }
            for j in 0..width {
                let hidden = t.counts.iter().filter(|r| r[j].is_none()).count();
                prop_assert_ne!(hidden, 1, "{}: {:?}", t.question, t.counts);
            }
        }
    }
}
