//! Unit tests of the draft: kinds, LimeSurvey option columns, ids, odd exports.

use super::*;
use crate::import::Row;

fn table(headers: &[&str], rows: &[&[&str]]) -> Table {
    Table {
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, r)| Row {
                line: i + 2,
                fields: r.iter().map(|f| f.to_string()).collect(),
            })
            .collect(),
        encoding: "UTF-8",
        formulas: Vec::new(),
        not_utf8: Vec::new(),
        repeated: Vec::new(),
    }
}

fn guesses(t: &Table) -> Vec<(String, Guess)> {
    let opts = DraftOptions {
        id: "t".into(),
        title: "T".into(),
        audience: "WPB".into(),
        format: None,
    };
    let d = draft("t.csv", t, &opts).unwrap();
    Questionnaire::from_toml("draft.toml", &d.toml).expect("the draft parses");
    d.questions.into_iter().map(|q| (q.id, q.guess)).collect()
}

use crate::Questionnaire;

#[test]
fn kinds_are_read_off_the_answers() {
    let t = table(
        &[
            "ID",
            "Begintijd",
            "Tijd van voltooien",
            "Behoefte?",
            "Hoeveel uren?",
            "Hoe competent voel je je?",
            "Thema's",
            "Leeftijd",
            "Hoe vaak begeleid?",
            "Waarom?",
            "Wat is je e-mailadres?",
        ],
        &[
            &[
                "1",
                "",
                "",
                "Ja",
                "12 jaar",
                "Zeer competent",
                "A;B;",
                "25-35",
                "1-5 keer",
                "geen tijd",
                "a@x.invalid",
            ],
            &[
                "2",
                "",
                "",
                "nee",
                "???",
                "n.v.t.",
                "B;",
                "Jonger dan 25",
                "5-10 keer",
                "geen tijd",
                "",
            ],
            &[
                "3",
                "",
                "",
                "Ja",
                "7,5",
                "Redelijk competent",
                "A;",
                "25-35",
                "Meer dan 10 keer",
                "",
                "",
            ],
            &[
                "4",
                "",
                "",
                "Nee",
                "3",
                "Zeer competent",
                "A;B;",
                "Jonger dan 25",
                "1-5 keer",
                "",
                "",
            ],
            &[
                "5",
                "",
                "",
                "Ja",
                "3",
                "Zeer competent",
                "B;",
                "25-35",
                "5-10 keer",
                "",
                "",
            ],
            &[
                "6",
                "",
                "",
                "Ja",
                "4",
                "Zeer competent",
                "A;",
                "25-35",
                "1-5 keer",
                "",
                "",
            ],
        ],
    );
    let g = guesses(&t);
    let ids: Vec<&str> = g.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "behoefte",
            "hoeveel_uren",
            "competent_voel",
            "themas",
            "leeftijd",
            "vaak_begeleid",
            "waarom",
            "e_mailadres"
        ]
    );
    assert_eq!(g[0].1, Guess::YesNo);
    assert_eq!(
        g[1].1,
        Guess::Number {
            unknown: vec!["???".into()],
            min: 0.0,
            max: 12.0
        }
    );
    assert_eq!(
        g[2].1,
        Guess::Scale {
            levels: ["Uitermate", "Zeer", "Redelijk", "Niet erg", "Helemaal niet"]
                .iter()
                .map(|l| format!("{l} competent"))
                .collect(),
            not_applicable: vec!["n.v.t.".into()],
        }
    );
    assert_eq!(
        g[3].1,
        Guess::Multi {
            options: vec!["A".into(), "B".into()],
            codes: vec![],
            other: None
        }
    );
    assert_eq!(
        g[4].1,
        Guess::Single(vec!["Jonger dan 25".into(), "25-35".into()])
    );
    assert_eq!(
        g[5].1,
        Guess::Bands(vec![
            ("1-5 keer".into(), Some(1.0), Some(5.0)),
            ("5-10 keer".into(), Some(6.0), Some(10.0)),
            ("Meer dan 10 keer".into(), Some(11.0), None),
        ])
    );
    assert_eq!(g[6].1, Guess::Text);
    assert_eq!(g[7].1, Guess::Personal("email"));
}

#[test]
fn limesurvey_option_columns_become_one_multi() {
    let t = table(
        &[
            "id",
            "submitdate",
            "lastpage",
            "BEH",
            "THEMA[SQ001]",
            "THEMA[SQ002]",
            "THEMA[other]",
        ],
        &[
            &["1", "", "2", "Y", "Y", "", "iets"],
            &["2", "", "2", "N", "", "Y", ""],
        ],
    );
    let g = guesses(&t);
    assert_eq!(g[0], ("beh".into(), Guess::YesNo));
    assert_eq!(
        g[1],
        (
            "thema".into(),
            Guess::Multi {
                options: vec!["SQ001".into(), "SQ002".into()],
                codes: vec!["SQ001".into(), "SQ002".into()],
                other: Some("Anders".into())
            }
        )
    );
}

#[test]
fn ids_are_short_and_unique() {
    let mut ids = IdMaker::default();
    assert_eq!(
        ids.make("Hoe capabel voel je je om aan studenten te geven?"),
        "capabel_voel_om_aan"
    );
    assert_eq!(
        ids.make("Hoe capabel voel je je om aan WPB'ers te geven?"),
        "capabel_voel_om_aan_2"
    );
    assert_eq!(ids.make("2. Wat?"), "q_2");
    assert_eq!(ids.make("???"), "q");
}

#[test]
fn huge_numbers_repeated_headers_and_no_questions() {
    let t = table(
        &["ID", "Begintijd", "Hoeveel?", "Hoeveel?"],
        &[
            &["1", "", "12", "1"],
            &["2", "", "100000000000000000000000000000", "2"],
        ],
    );
    let g = guesses(&t);
    assert_eq!(g.len(), 1, "the repeated column is left out");
    assert!(matches!(g[0].1, Guess::Number { max, .. } if max == 1e29));
    let opts = DraftOptions {
        id: "t".into(),
        title: "T".into(),
        audience: "WPB".into(),
        format: None,
    };
    let toml = draft("t.csv", &t, &opts).unwrap().toml;
    assert!(
            toml.starts_with(
                "# Left out, as they repeat an earlier column or have no options: column 4 (\"Hoeveel?\")."
            ),
            "{toml}"
        );
    let only_meta = table(&["ID", "Begintijd"], &[&["1", ""]]);
    let err = draft("t.csv", &only_meta, &opts).unwrap_err().to_string();
    assert_eq!(err, "t.csv:1:1: found no question columns (only the survey tool's own: ID, Begintijd), expected one column per question");
}

/// The guess of one column `header` with `cells`, in an export of `format`.
fn one(format: ExportFormat, header: &str, cells: &[&str]) -> (Guess, Vec<String>) {
    super::guess::guess(header, cells, format)
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn google_choices_with_a_comma_stay_whole() {
    let a = "Feedback, feedforward en beoordelen";
    let first = format!("{a}, Observeren");
    let last = format!("{a}, Intervisie, SO en WPB samen");
    let cells = [
        first.as_str(),
        "Observeren",
        a,
        "Observeren, Intervisie, SO en WPB samen",
        "Intervisie, SO en WPB samen",
        last.as_str(),
    ];
    let (g, unsure) = one(ExportFormat::GoogleForms, "Thema's", &cells);
    // "feedforward en beoordelen" continues its choice (lowercase); "Intervisie" and
    // "SO en WPB samen" never occur apart, and once make a whole answer.
    assert_eq!(
        g,
        Guess::Multi {
            options: strings(&[a, "Observeren", "Intervisie, SO en WPB samen"]),
            codes: vec![],
            other: None
        }
    );
    assert_eq!(
        unsure,
        [format!("Google Forms joins choices with \", \"; read as one choice each: \"{a}\", \"Intervisie, SO en WPB samen\"")]
    );
}

#[test]
fn a_lowercase_piece_after_a_choice_that_stands_alone_is_an_other_text() {
    let cells = [
        "Observeren, klassenmanagement",
        "Observeren",
        "Observeren, Beoordelen",
        "Beoordelen",
    ];
    let (g, unsure) = one(ExportFormat::GoogleForms, "Thema's", &cells);
    assert_eq!(
        g,
        Guess::Multi {
            options: strings(&["Observeren", "Beoordelen"]),
            codes: vec![],
            other: Some("Anders".into())
        }
    );
    assert_eq!(
        unsure,
        ["taken for \"other\" texts, not choices (given once, or typed in lowercase): \"klassenmanagement\""]
    );
}

#[test]
fn msforms_other_answers_are_not_options() {
    // "Anders: ..." names the form's free-text option; a choice given once among ten
    // answers whose other choices repeat is an "other" text too.
    let cells = [
        "Feedback;Anders: klassenmanagement;",
        "Feedback;Observeren;",
        "Observeren;",
        "Anders: klassenmanagement;",
        "Feedback;",
        "Observeren;Werkdruk;",
        "Feedback;Observeren;",
        "Feedback;",
        "Observeren;",
        "Feedback;",
    ];
    let (g, unsure) = one(ExportFormat::MsForms, "Thema's", &cells);
    assert_eq!(
        g,
        Guess::Multi {
            options: strings(&["Feedback", "Observeren"]),
            codes: vec![],
            other: Some("Anders".into())
        }
    );
    assert_eq!(unsure.len(), 1, "{unsure:?}");
    assert!(unsure[0].ends_with(": \"Werkdruk\""), "{unsure:?}");
    // With fewer answers a choice may well be chosen once: kept, and said so.
    let (g, unsure) = one(ExportFormat::MsForms, "Thema's", &cells[1..7]);
    assert!(
        matches!(&g, Guess::Multi { options, other: Some(l), .. } if options.len() == 3 && l == "Anders"),
        "{g:?}"
    );
    assert_eq!(
        unsure,
        ["chosen once, kept as choices (they may be \"other\" texts): \"Werkdruk\""]
    );
    // "Anders" is a choice of this form: the free-text option gets another label.
    let (g, _) = one(
        ExportFormat::MsForms,
        "Thema's",
        &["Anders;Feedback;", "Anders;", "Feedback;Anders: iets;"],
    );
    assert!(
        matches!(&g, Guess::Multi { other: Some(l), .. } if l == "Andere"),
        "{g:?}"
    );
}

#[test]
fn mostly_unique_texts_are_text_whatever_their_separators() {
    let cells = [
        "Meer tijd, Minder vergaderen",
        "Korte lijnen",
        "Meer tijd",
        "Studiemiddag, Niet op vrijdag",
        "Duidelijke planning, Vroeg",
        "Meer tijd, Betere roosters",
        "Online, Kort",
    ];
    assert_eq!(
        one(ExportFormat::GoogleForms, "Je tip?", &cells).0,
        Guess::Text
    );
    let ms: Vec<String> = cells.iter().map(|c| c.replace(", ", ";") + ";").collect();
    let ms: Vec<&str> = ms.iter().map(String::as_str).collect();
    assert_eq!(one(ExportFormat::MsForms, "Je tip?", &ms).0, Guess::Text);
    // A radio question whose choices hold ", " is one choice per answer.
    let (g, _) = one(
        ExportFormat::GoogleForms,
        "Contact?",
        &[
            "Ja, met collega's",
            "Nee",
            "Ja, binnen BOS",
            "Nee",
            "Ja, met collega's",
            "Nee",
            "Ja, binnen BOS",
        ],
    );
    assert_eq!(
        g,
        Guess::Single(strings(&["Ja, met collega's", "Nee", "Ja, binnen BOS"]))
    );
}

#[test]
fn a_few_number_words_keep_a_number_question() {
    let (g, unsure) = one(
        ExportFormat::GoogleForms,
        "Hoeveel stagiairs?",
        &["1", "2", "twee", "3", "???", "0", "2"],
    );
    assert_eq!(
        g,
        Guess::Number {
            unknown: strings(&["???"]),
            min: 0.0,
            max: 3.0
        }
    );
    assert_eq!(unsure.len(), 1);
    assert!(
        unsure[0].starts_with("1 of 7 answers are not numbers (\"twee\")"),
        "{unsure:?}"
    );
    // Two words in six answers are too many: not a number question.
    let (g, _) = one(
        ExportFormat::GoogleForms,
        "Hoeveel stagiairs?",
        &["1", "twee", "drie", "3", "1", "2"],
    );
    assert!(!matches!(g, Guess::Number { .. }), "{g:?}");
}

#[test]
fn small_whole_numbers_without_a_count_in_the_header_are_a_scale() {
    let marks = ["4", "5", "3", "4", "n.v.t.", "2", "4", "5"];
    let (g, unsure) = one(ExportFormat::GoogleForms, "Hoe waardevol was het?", &marks);
    assert_eq!(
        g,
        Guess::Scale {
            levels: strings(&["5", "4", "3", "2", "1"]),
            not_applicable: strings(&["n.v.t."]),
        }
    );
    assert_eq!(unsure.len(), 1);
    assert!(unsure[0].starts_with("read as a scale from 1 to 5 (the answers run from 2 to 5)"));
    // A rating header whose answers cover the scale is sure.
    let full = ["1", "2", "3", "4", "5", "3", "4"];
    let (g, unsure) = one(
        ExportFormat::GoogleForms,
        "Welk cijfer op een schaal?",
        &full,
    );
    assert!(matches!(g, Guess::Scale { .. }), "{g:?}");
    assert!(unsure.is_empty(), "{unsure:?}");
    // A count is a number, however small.
    let (g, _) = one(ExportFormat::GoogleForms, "Hoeveel stagiairs?", &marks[..4]);
    assert!(matches!(g, Guess::Number { .. }), "{g:?}");
    let (g, _) = one(ExportFormat::GoogleForms, "Aantal uren per week", &full);
    assert!(matches!(g, Guess::Number { .. }), "{g:?}");
}

#[test]
fn the_draft_marks_its_guesses_and_counts_them() {
    let t = table(
        &["Tijdstempel", "Hoeveel stagiairs?", "Wat is je rol?"],
        &[
            &["1", "1", "WPB"],
            &["2", "twee", "SO"],
            &["3", "3", "WPB"],
            &["4", "4", "WPB"],
            &["5", "2", "SO"],
        ],
    );
    let opts = DraftOptions {
        id: "t".into(),
        title: "T".into(),
        audience: "WPB".into(),
        format: None,
    };
    let d = draft("t.csv", &t, &opts).unwrap();
    let unsure: Vec<&str> = d.unsure().map(|q| q.id.as_str()).collect();
    assert_eq!(unsure, ["hoeveel_stagiairs"]);
    assert!(d
        .toml
        .contains("# 1 guess to check: look for \"# unsure:\" below.\n"));
    assert!(
        d.toml
            .contains("[[question]]\n# unsure: 1 of 5 answers are not numbers (\"twee\")"),
        "{}",
        d.toml
    );
    Questionnaire::from_toml("draft.toml", &d.toml).expect("the draft parses");
}

#[test]
fn odd_answers_still_read_without_an_unnoted_problem() {
    // An answer of punctuation only is an "other" text: the import cannot read it as a
    // choice, so the draft needs the free-text option.
    let (g, unsure) = one(
        ExportFormat::MsForms,
        "Thema's",
        &["A;", "-;", "B;A;", "A;", "B;"],
    );
    assert_eq!(
        g,
        Guess::Multi {
            options: strings(&["A", "B"]),
            codes: vec![],
            other: Some("Anders".into())
        }
    );
    assert_eq!(
        unsure,
        ["taken for \"other\" texts, not choices (given once, or typed in lowercase): \"-\""]
    );
    let t = table(
        &["ID", "Begintijd", "Thema's"],
        &[
            &["1", "", "A;"],
            &["2", "", "-;"],
            &["3", "", "B;A;"],
            &["4", "", "A;"],
            &["5", "", "B;"],
        ],
    );
    let opts = DraftOptions {
        id: "t".into(),
        title: "T".into(),
        audience: "WPB".into(),
        format: None,
    };
    let d = draft("t.csv", &t, &opts).unwrap();
    let q = Questionnaire::from_toml("draft.toml", &d.toml).unwrap();
    let import_opts = crate::ImportOptions {
        format: Some(d.format),
        ..crate::ImportOptions::default()
    };
    let read = crate::import::import_table(&q, "t.csv", t, &import_opts).unwrap();
    assert!(
        read.report.problems.is_empty(),
        "{:?}",
        read.report.problems
    );
    // "05" is not the level "5": no scale of it.
    let (g, _) = one(
        ExportFormat::GoogleForms,
        "Hoe waardevol was het?",
        &["4", "05", "3", "4", "2", "4"],
    );
    assert!(!matches!(g, Guess::Scale { .. }), "{g:?}");
}

/// Random exports built from the pieces the guesses turn on (separators, other
/// prefixes, number words, marks, punctuation): every draft parses, reads its export,
/// and every problem is on a question the draft marks unsure.
#[test]
fn random_exports_give_no_problem_the_draft_did_not_warn_about() {
    use rand::{Rng, SeedableRng};
    let tokens = [
        "A",
        "B",
        "Cé",
        "d e",
        "Anders: x",
        "other: y",
        "twee",
        "3",
        "05",
        "10",
        "-",
        "?",
        "???",
        "n.v.t.",
        "Ja",
        "nee",
        ", ",
        ";",
        ",",
        " ",
        "Feedback, feedforward",
        "x; y",
    ];
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(12);
    for round in 0..1500 {
        let headers = match round % 3 {
            0 => vec![
                "ID",
                "Begintijd",
                "Tijd van voltooien",
                "Q1",
                "Hoeveel?",
                "Q3",
            ],
            1 => vec!["Tijdstempel", "Q1", "Hoeveel?", "Q3"],
            _ => vec!["Q1", "Hoeveel?", "Q3"],
        };
        let rows: Vec<Vec<String>> = (0..rng.random_range(1..14))
            .map(|_| {
                headers
                    .iter()
                    .map(|_| {
                        (0..rng.random_range(0..4))
                            .map(|_| tokens[rng.random_range(0..tokens.len())])
                            .collect::<String>()
                    })
                    .collect()
            })
            .collect();
        let row_refs: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect();
        let row_slices: Vec<&[&str]> = row_refs.iter().map(Vec::as_slice).collect();
        let t = table(&headers, &row_slices);
        let opts = DraftOptions {
            id: "t".into(),
            title: "T".into(),
            audience: "WPB".into(),
            format: None,
        };
        let Ok(d) = draft("t.csv", &t, &opts) else {
            continue;
        };
        let q = Questionnaire::from_toml("draft.toml", &d.toml)
            .unwrap_or_else(|e| panic!("round {round}: {e}\n{}", d.toml));
        let import_opts = crate::ImportOptions {
            format: Some(d.format),
            ..crate::ImportOptions::default()
        };
        let Ok(read) = crate::import::import_table(&q, "t.csv", t, &import_opts) else {
            continue;
        };
        for p in &read.report.problems {
            let question = p.question.as_deref().unwrap_or_default();
            assert!(
                d.unsure().any(|u| u.id == question),
                "round {round}: {p:?}\n{rows:?}\n{}",
                d.toml
            );
        }
    }
}
