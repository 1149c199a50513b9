//! The fixtures of tests/fixtures/import/: one questionnaire answered by the same nine
//! submissions, exported as each survey tool does (written by the generator next to
//! them, independent of peiling's exporter). Every file must give the same answers,
//! and the accounting must close on each.

use std::path::{Path, PathBuf};

use peiling_survey::{import, Answer, Dataset, ImportOptions, Questionnaire};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/import")
}

fn questionnaire() -> Questionnaire {
    let text = std::fs::read_to_string(dir().join("questionnaire.toml")).unwrap();
    Questionnaire::from_toml("questionnaire.toml", &text).unwrap()
}

fn load(q: &Questionnaire, name: &str) -> Dataset {
    let bytes = std::fs::read(dir().join(name)).unwrap();
    import(q, name, &bytes, &ImportOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

/// (file, detected format, encoding)
const FIXTURES: [(&str, &str, &str); 7] = [
    ("msforms-nl.csv", "Microsoft Forms", "UTF-8 (BOM)"),
    ("msforms-en.csv", "Microsoft Forms", "UTF-8 (BOM)"),
    ("msforms-nl.xlsx", "Microsoft Forms", "XLSX"),
    ("msforms-en.xlsx", "Microsoft Forms", "XLSX"),
    ("google-forms.csv", "Google Forms", "UTF-8"),
    ("limesurvey.csv", "LimeSurvey", "UTF-8"),
    ("excel-nl-1252.csv", "Microsoft Forms", "Windows-1252"),
];

fn text(s: &str) -> Answer {
    Answer::Text(s.to_string())
}

fn num(v: f64) -> Answer {
    Answer::Number {
        value: v,
        band: None,
    }
}

fn multi(chosen: &[usize], other: Option<&str>) -> Answer {
    Answer::Multi {
        chosen: chosen.to_vec(),
        other: other.map(str::to_string),
    }
}

/// The accepted submissions written out by hand from the generator's table (not from
/// any import): indices follow questionnaire.toml (leeftijd: 0 "Jonger dan 25" .. 3;
/// yes/no: 0 Ja, 1 Nee; thema: 0 Observeren, 1 "Reflecteren, feedback geven",
/// 2 Beoordelen, 3 Andere; competent: 0 Zeer .. 2 Niet; stagiaires: 0 "1-5 keer" ..).
fn expected() -> Vec<Vec<Answer>> {
    use Answer::{Choice, NoAnswer, NotApplicable, Unknown};
    vec![
        vec![
            Choice(1),
            Choice(0),
            NoAnswer,
            multi(&[0, 1], None),
            Choice(0),
            num(12.0),
            num(7.5),
            Choice(1),
            text("Fijn dat dit gevraagd wordt"),
            text("r1@voorbeeld.invalid"),
        ],
        vec![
            Choice(0),
            Choice(1),
            text("Geen tijd dit jaar"),
            NoAnswer,
            NotApplicable(0),
            num(1.0),
            num(2.0),
            Choice(0),
            NoAnswer,
            NoAnswer,
        ],
        vec![
            Choice(2),
            Choice(0),
            NoAnswer,
            multi(&[1, 3], Some("Intervisie, met collega's")),
            Choice(1),
            Unknown("???".into()),
            num(4.0),
            Choice(2),
            text("Eerste regel\nTweede regel; met \"aanhalingstekens\", en een komma"),
            text("r3@voorbeeld.invalid"),
        ],
        vec![
            Choice(3),
            Choice(0),
            NoAnswer,
            multi(&[2], None),
            Choice(0),
            num(25.0),
            NoAnswer,
            Choice(2),
            NoAnswer,
            NoAnswer,
        ],
        vec![
            Choice(1),
            Choice(1),
            NoAnswer,
            NoAnswer,
            Choice(1),
            num(8.0),
            num(0.0),
            Choice(0),
            text("Café-overleg werkt goed"),
            text("r5@voorbeeld.invalid"),
        ],
        vec![
            Choice(2),
            Choice(0),
            NoAnswer,
            multi(&[0, 2], None),
            NoAnswer,
            num(15.0),
            num(3.0),
            NoAnswer,
            NoAnswer,
            NoAnswer,
        ],
        vec![
            Choice(0),
            Choice(0),
            NoAnswer,
            NoAnswer,
            Choice(2),
            num(2.0),
            num(1.5),
            Choice(0),
            NoAnswer,
            text("r7@voorbeeld.invalid"),
        ],
        vec![
            Choice(3),
            Choice(1),
            text("Ik ga met pensioen"),
            NoAnswer,
            NotApplicable(0),
            Unknown("onbekend".into()),
            num(10.0),
            Choice(1),
            NoAnswer,
            NoAnswer,
        ],
    ]
}

#[test]
fn every_fixture_gives_the_same_answers() {
    let q = questionnaire();
    let want = expected();
    for (name, format, encoding) in FIXTURES {
        let d = load(&q, name);
        let r = &d.report;
        assert_eq!(
            (r.format.as_str(), r.encoding.as_str()),
            (format, encoding),
            "{name}"
        );
        let got: Vec<&Vec<Answer>> = d.responses.iter().map(|r| &r.answers).collect();
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            assert_eq!(*g, w, "{name}: submission {}", i + 1);
        }
        assert_eq!(got.len(), want.len(), "{name}");
        assert!(r.problems.is_empty(), "{name}: {:?}", r.problems);
        assert!(
            r.unmatched_columns.is_empty(),
            "{name}: {:?}",
            r.unmatched_columns
        );
        // Submission 9 left the required age open: rejected, with its reason.
        assert_eq!(r.rejected.len(), 1, "{name}");
        assert!(
            r.rejected[0].reason.to_string().contains("\"leeftijd\""),
            "{name}: {}",
            r.rejected[0].reason
        );
        if format != "Google Forms" {
            let ids: Vec<&str> = d
                .responses
                .iter()
                .map(|r| r.meta.id.as_deref().unwrap())
                .collect();
            assert_eq!(ids, ["1", "2", "3", "4", "5", "6", "7", "8"], "{name}");
        }
        assert!(
            d.responses.iter().all(|r| r.meta.completed.is_some()),
            "{name}"
        );
    }
}

#[test]
fn accounting_closes_on_every_fixture() {
    let q = questionnaire();
    for (name, ..) in FIXTURES {
        let r = load(&q, name).report;
        assert_eq!(r.rows_read, 9, "{name}");
        assert_eq!(r.rows_read, r.rows_accepted + r.rows_rejected(), "{name}");
        for t in &r.tallies {
            assert_eq!(
                t.answered + t.no_answer + t.invalid + t.not_asked,
                r.rows_accepted,
                "{name}: {t:?}"
            );
        }
        // Counted from the generator's table: thema is asked of 1, 3, 4, 6 and 7 (behoefte
        // Ja) and answered by 1, 3, 4 and 6; 2, 5 and 8 were not asked.
        let thema = r.tallies.iter().find(|t| t.question == "thema").unwrap();
        assert_eq!(
            (thema.answered, thema.no_answer, thema.not_asked),
            (4, 1, 3),
            "{name}"
        );
        let jaren = r.tallies.iter().find(|t| t.question == "jaren").unwrap();
        assert_eq!((jaren.answered, jaren.unknown), (8, 2), "{name}");
    }
}

#[test]
fn tolerated_spellings_are_reported_as_coercions() {
    let q = questionnaire();
    let coerced = |name: &str| -> Vec<(String, String, String)> {
        load(&q, name)
            .report
            .coercions
            .into_iter()
            .map(|c| (c.question, c.from, c.to))
            .collect()
    };
    let dutch = coerced("excel-nl-1252.csv");
    for (question, from, to) in [
        ("jaren", "12 jaar", "12"),
        ("uren", "7,5", "7.5"),
        ("uren", "1,5", "1.5"),
        ("competent", "niet van toepassing", "n.v.t."),
    ] {
        assert!(
            dutch.contains(&(question.into(), from.into(), to.into())),
            "{from} -> {to} missing from {dutch:?}"
        );
    }
    let lime = coerced("limesurvey.csv");
    assert!(
        lime.contains(&("leeftijd".into(), "A2".into(), "25-35".into())),
        "{lime:?}"
    );
    assert!(
        lime.contains(&("behoefte".into(), "Y".into(), "Ja".into())),
        "{lime:?}"
    );
    let english = coerced("msforms-en.csv");
    assert!(
        english.contains(&("behoefte".into(), "No".into(), "Nee".into())),
        "{english:?}"
    );
    assert!(coerced("msforms-nl.csv").is_empty());
}

#[test]
fn limesurvey_underscore_subquestion_headers_read_the_same() {
    let q = questionnaire();
    let text = std::fs::read_to_string(dir().join("limesurvey.csv")).unwrap();
    let underscored = text
        .replace("THEMA[SQ00", "THEMA_SQ00")
        .replace("THEMA[other]", "THEMA_other")
        .replace("1],", "1,")
        .replace("2],", "2,")
        .replace("3],", "3,");
    assert!(
        underscored.contains("THEMA_SQ002,THEMA_SQ003,THEMA_other"),
        "{underscored}"
    );
    let d = import(
        &q,
        "lime.csv",
        underscored.as_bytes(),
        &ImportOptions::default(),
    )
    .unwrap();
    let got: Vec<Vec<Answer>> = d.responses.into_iter().map(|r| r.answers).collect();
    assert_eq!(got, expected());
}
