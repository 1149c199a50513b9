//! Tests of the headline rules against hand-computed sentences.

use super::*;

fn row(label: &str, count: usize) -> CategoryRow {
    CategoryRow {
        label: label.to_string(),
        label_en: None,
        count,
        pct_base: 0.0,
        pct_answered: None,
        wilson95: None,
        exclusive: false,
    }
}

fn part(respondents: usize, population: Option<u32>, audience: &str) -> PartSummary {
    PartSummary {
        questionnaire: audience.to_lowercase(),
        title: String::new(),
        title_en: None,
        audience: audience.to_string(),
        population,
        respondents,
        rows_read: respondents,
        rows_rejected: 0,
        last_submission: None,
        missing_questions: Vec::new(),
        response_rate: None,
        questions: Vec::new(),
        reliability: Vec::new(),
        groups: Vec::new(),
        crosstabs: Vec::new(),
        theme_demand: Vec::new(),
    }
}

#[test]
fn response_is_judged_against_the_population() {
    // Bijlage 2: "Respons was goed. Ingevuld door 10 van de 14 schoolopleiders".
    assert_eq!(
        response(Lang::Nl, &part(10, Some(14), "SO")),
        "Respons was goed: ingevuld door 10 van de 14 schoolopleiders (71 %)"
    );
    assert!(response(Lang::Nl, &part(6, Some(14), "SO")).starts_with("Respons was laag"));
    assert!(response(Lang::En, &part(63, None, "WPB")).contains("cannot be judged"));
}

#[test]
fn a_clear_majority_is_merendeel() {
    // Bijlage 2, WPB: eerstegraads 25, tweedegraads 38: "Merendeel is tweedegraads".
    let rows = [row("Eerstegraads", 25), row("Tweedegraads", 38)];
    assert_eq!(
        choice(
            Lang::Nl,
            &Names::default(),
            &rows,
            63,
            Some("Bevoegdheid"),
            false
        ),
        "Bevoegdheid: merendeel tweedegraads (38 van de 63)"
    );
    // Without a subject the section's title says what was asked.
    assert_eq!(
        choice(Lang::Nl, &Names::default(), &rows, 63, None, false),
        "Merendeel: tweedegraads (38 van de 63)"
    );
}

#[test]
fn a_spread_is_gevarieerd() {
    // Bijlage 2, WPB age: 2 / 21 / 16 / 12 / 12: "Leeftijd is gevarieerd".
    let rows = [
        row("Jonger dan 25", 2),
        row("25-35", 21),
        row("36-45", 16),
        row("46-55", 12),
        row("56-65", 12),
    ];
    assert_eq!(
        choice(
            Lang::Nl,
            &Names::default(),
            &rows,
            63,
            Some("Leeftijd"),
            false
        ),
        "Leeftijd is gevarieerd: het vaakst 25-35 (21 van de 63)"
    );
    // SO age: 2 / 4 / 4, a tie at the top.
    let rows = [
        row("<35", 2),
        row("36-45", 0),
        row("46-55", 4),
        row("56-65", 4),
    ];
    assert_eq!(
        choice(Lang::En, &Names::default(), &rows, 10, Some("Age"), false),
        "Age varies: most often 46-55 and 56-65 (4 of the 10 each)"
    );
}

#[test]
fn yes_no_says_what_was_asked_and_how_many_said_what() {
    // Review of 2026-12-01, finding 8: "Merendeel zegt nee (6 van de 10)" without what
    // was asked, and "Bijna iedereen zegt ja (8 van de 10)".
    let rows = [row("Ja", 4), row("Nee", 6)];
    assert_eq!(
        choice(
            Lang::Nl,
            &Names::default(),
            &rows,
            10,
            Some("Zelf ook werkplekbegeleider"),
            true
        ),
        "Zelf ook werkplekbegeleider: 6 van de 10 zeggen nee"
    );
    let rows = [row("Ja", 8), row("Nee", 2)];
    assert_eq!(
        choice(
            Lang::Nl,
            &Names::default(),
            &rows,
            10,
            Some("Scholing gewenst"),
            true
        ),
        "Scholing gewenst: 8 van de 10 zeggen ja"
    );
    let mut en = rows.clone();
    en[0].label_en = Some("Yes".into());
    en[1].label_en = Some("No".into());
    assert_eq!(
        choice(
            Lang::En,
            &Names::default(),
            &en,
            10,
            Some("Need for training"),
            true
        ),
        "Need for training: 8 of the 10 say yes"
    );
    let rows = [row("Ja", 12), row("Nee", 51)];
    assert_eq!(
        choice(Lang::Nl, &Names::default(), &rows, 63, None, true),
        "51 van de 63 zeggen nee"
    );
    let rows = [row("Ja", 1), row("Nee", 0)];
    assert_eq!(
        choice(Lang::Nl, &Names::default(), &rows, 5, None, true),
        "1 van de 5 zegt ja"
    );
    let rows = [row("Ja", 3), row("Nee", 3)];
    assert!(
        choice(Lang::Nl, &Names::default(), &rows, 6, None, true).starts_with("Ja en nee houden")
    );
}

#[test]
fn a_headline_counts_of_the_tables_base_and_names_it() {
    // Issue 14: "Bijna iedereen zegt ja (9 van 9)" above a table of 10 (one gave no
    // answer): the headline cites the table's base.
    let rows = [row("Ja", 9), row("Nee", 0)];
    assert_eq!(
        choice(Lang::Nl, &Names::default(), &rows, 10, None, true),
        "9 van de 10 zeggen ja"
    );
    assert!(choice(Lang::En, &Names::default(), &rows, 10, None, true).starts_with("9 of the 10"));
    // 8 of 9 answers is 89 % of the answers but 8 of the 12 asked: a majority, not
    // "nearly everyone".
    let rows = [row("Ja", 8), row("Nee", 1)];
    assert_eq!(
        choice(Lang::Nl, &Names::default(), &rows, 12, None, false),
        "Merendeel: ja (8 van de 12)"
    );
    // 8 of 10 is a majority, not "nearly everyone" (finding 8); 9 of 10 is.
    let rows = [row("A", 8), row("B", 2)];
    assert!(choice(Lang::Nl, &Names::default(), &rows, 10, None, false).starts_with("Merendeel"));
    let rows = [row("A", 9), row("B", 1)];
    assert!(
        choice(Lang::Nl, &Names::default(), &rows, 10, None, false).starts_with("Bijna iedereen")
    );
    // 5 of 9 answers is more than half of them, 5 of 10 asked is not.
    let rows = [row("A", 5), row("B", 4)];
    assert_eq!(
        choice(Lang::Nl, &Names::default(), &rows, 10, None, false),
        "Het vaakst: A (5 van de 10)"
    );
}

#[test]
fn multi_names_the_top_three() {
    let rows = [row("A", 23), row("B", 17), row("C", 16), row("D", 15)];
    assert_eq!(
        multi(Lang::Nl, &Names::default(), &rows, 44),
        "Meest gekozen: A (23 van 44), daarna B (17) en C (16)"
    );
    assert!(multi(Lang::Nl, &Names::default(), &[row("A", 0)], 5).starts_with("Niemand"));
}

#[test]
fn scale_sides_and_shared_words() {
    // Bijlage 2, WPB competent: 5 / 30 / 26 / 2 / 0 of 63.
    let rows = [
        row("Uitermate competent", 5),
        row("Zeer competent", 30),
        row("Redelijk competent", 26),
        row("Niet erg competent", 2),
        row("Helemaal niet competent", 0),
    ];
    assert_eq!(
        scale(Lang::Nl, &rows, &[], Some(2), 63),
        "Merendeel positief: 56 % uitermate of zeer competent"
    );
    let na = [row("n.v.t.", 23)];
    let rows = [
        row("Uitstekend", 5),
        row("Goed", 22),
        row("Redelijk", 9),
        row("Matig", 0),
        row("Slecht", 0),
    ];
    assert_eq!(
        scale(Lang::Nl, &rows, &na, Some(2), 63),
        "Overwegend positief: 75 % uitstekend of goed; 23 van 63 n.v.t."
    );
}

#[test]
fn a_middle_heavy_scale_is_called_so() {
    // Issue 14: 65 % chose the middle level and nobody a negative one: not "Verdeeld".
    let rows = [
        row("Uitstekend", 1),
        row("Goed", 6),
        row("Redelijk", 13),
        row("Matig", 0),
        row("Slecht", 0),
    ];
    assert_eq!(
        scale(Lang::Nl, &rows, &[], Some(2), 20),
        "Merendeel in het midden: 65 % redelijk, 35 % uitstekend of goed"
    );
    assert_eq!(
        scale(Lang::En, &rows, &[], Some(2), 20),
        "Mostly in the middle: 65 % redelijk, 35 % uitstekend or goed"
    );
    // The larger side is the one named: here the negative one.
    let rows = [row("Goed", 1), row("Redelijk", 6), row("Slecht", 3)];
    assert_eq!(
        scale(Lang::Nl, &rows, &[], Some(1), 10),
        "Merendeel in het midden: 60 % redelijk, 30 % slecht"
    );
    // Half in the middle is no majority: still divided.
    let rows = [row("Goed", 3), row("Redelijk", 5), row("Slecht", 2)];
    assert!(scale(Lang::Nl, &rows, &[], Some(1), 10).starts_with("Verdeeld"));
    // Without a middle level there is no middle.
    let rows = [row("Goed", 5), row("Slecht", 5)];
    assert!(scale(Lang::Nl, &rows, &[], None, 10).starts_with("Verdeeld"));
}

#[test]
fn numbers_spread_or_not() {
    // Bijlage 2, SO leservaring: mean 19, from 5 to 39; the report names the bands of
    // the lowest and highest answer, not the answers (the small-cell rule).
    let f = NumberFacts {
        unit: Some("jaar"),
        values: 10,
        unknown: 0,
        mean: 19.0,
        sd: 10.34,
        low: "5-9",
        high: "35-39",
    };
    assert_eq!(
        number(Lang::Nl, f, Some("Ervaring")),
        "Ervaring loopt uiteen: gemiddeld 19 jaar, van 5-9 tot 35-39"
    );
    // Second reading, finding 6: "gemiddeld 208,3 uur, van 0-99 tot 400-499 uur". The
    // mean of seven typed numbers rounded as means are, the unit (the questionnaire's,
    // "uur per jaar") once.
    let f = NumberFacts {
        unit: Some("uur per jaar"),
        values: 7,
        unknown: 2,
        mean: 1458.0 / 7.0,
        sd: 169.9,
        low: "0-99",
        high: "400-499",
    };
    assert_eq!(
        number(Lang::Nl, f, Some("Aantal uren voor de taak")),
        "Aantal uren voor de taak loopt uiteen: gemiddeld ongeveer 210 uur per jaar, van 0-99 tot 400-499; 2 keer onbekend"
    );
    let f = NumberFacts {
        unit: None,
        values: 3,
        unknown: 2,
        mean: 10.0,
        sd: 1.0,
        low: "5-9",
        high: "10-14",
    };
    assert_eq!(
        number(Lang::En, f, None),
        "On average 10 (from 5-9 to 10-14); 2 unknown"
    );
}

/// The audience of rule G's tests: ten schoolopleiders answered.
const WHO: (&str, usize) = ("schoolopleiders", 10);

#[test]
fn scale_groups_name_best_and_worst() {
    let a = [row("Zeer", 6), row("Redelijk", 4), row("Niet", 0)];
    let b = [row("Zeer", 1), row("Redelijk", 4), row("Niet", 5)];
    let items = [
        ScaleItem {
            label: "studenten".into(),
            rows: &a,
            neutral: Some(1),
        },
        ScaleItem {
            label: "WPB'ers".into(),
            rows: &b,
            neutral: Some(1),
        },
    ];
    assert_eq!(
        scale_group(Lang::Nl, &items, WHO).unwrap(),
        "Het meest positief over studenten (6 van 10), het minst over WPB'ers (1 van 10)"
    );
    let items = [
        ScaleItem {
            label: "IO".into(),
            rows: &a,
            neutral: Some(1),
        },
        ScaleItem {
            label: "WPB".into(),
            rows: &a,
            neutral: Some(1),
        },
    ];
    assert_eq!(
        scale_group(Lang::Nl, &items, WHO).unwrap(),
        "Vergelijkbaar over beide vragen: 60 % positief"
    );
    // Each figure a count of those who chose a level, its base named (finding 9): 39 of
    // 63 and 12 of 63.
    let c = [row("Zeer", 39), row("Redelijk", 24), row("Niet", 0)];
    let d = [row("Zeer", 12), row("Redelijk", 30), row("Niet", 21)];
    let items = [
        ScaleItem {
            label: "c".into(),
            rows: &c,
            neutral: Some(1),
        },
        ScaleItem {
            label: "d".into(),
            rows: &d,
            neutral: Some(1),
        },
    ];
    assert_eq!(
        scale_group(Lang::Nl, &items, WHO).unwrap(),
        "Het meest positief over c (39 van 63), het minst over d (12 van 63)"
    );
}

/// Review (second reading) finding 10: "Vergelijkbaar over beide vragen: 100 % positief"
/// has no verb; all positive is said as a sentence, from the figures: "alle" only for who
/// chose a level, the levels chosen named.
#[test]
fn a_scale_group_all_positive_is_a_sentence() {
    // Relation with the IO: 5 excellent, 4 good (one said n.v.t.); with the WPB: 6 and 4.
    let io = [
        row("Uitstekend", 5),
        row("Goed", 4),
        row("Redelijk", 0),
        row("Matig", 0),
        row("Slecht", 0),
    ];
    let wpb = [
        row("Uitstekend", 6),
        row("Goed", 4),
        row("Redelijk", 0),
        row("Matig", 0),
        row("Slecht", 0),
    ];
    fn item<'a>(label: &'static str, rows: &'a [CategoryRow]) -> ScaleItem<'a> {
        ScaleItem {
            label: label.into(),
            rows,
            neutral: Some(2),
        }
    }
    let items = [item("IO", &io), item("WPB", &wpb)];
    assert_eq!(
        scale_group(Lang::Nl, &items, WHO).unwrap(),
        "Alle schoolopleiders die een niveau kozen, kiezen bij beide vragen uitstekend of goed"
    );
    // Everyone who answered chose a level on both: no "die een niveau kozen".
    let items = [item("WPB", &wpb), item("WPB", &wpb), item("WPB", &wpb)];
    assert_eq!(
        scale_group(Lang::Nl, &items, WHO).unwrap(),
        "Alle schoolopleiders kiezen bij alle 3 vragen uitstekend of goed"
    );
    assert_eq!(
        scale_group(Lang::En, &items, ("school-based teacher educators", 10)).unwrap(),
        "All school-based teacher educators choose uitstekend or goed on all 3 questions"
    );
    // One negative answer: no longer "alle".
    let some = [
        row("Uitstekend", 6),
        row("Goed", 3),
        row("Redelijk", 0),
        row("Matig", 1),
        row("Slecht", 0),
    ];
    let items = [item("IO", &io), item("WPB", &some)];
    let line = scale_group(Lang::Nl, &items, WHO).unwrap();
    assert!(!line.starts_with("Alle"), "{line}");
}
