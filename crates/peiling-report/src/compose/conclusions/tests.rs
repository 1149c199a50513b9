//! Each conclusion rule with a case that fires it and one that does not.

use super::*;
use peiling_analysis::{CategoryRow, Group};

fn row(label: &str, count: usize, base: usize) -> CategoryRow {
    CategoryRow {
        label: label.into(),
        label_en: None,
        count,
        pct_base: count as f64 * 100.0 / base as f64,
        pct_answered: None,
        wilson95: None,
        exclusive: false,
    }
}

fn question(id: &str, group: &str, kind: &str, base: usize, detail: Detail) -> QuestionSummary {
    QuestionSummary {
        id: id.into(),
        text: format!("Vraag {id}?"),
        label_en: None,
        short: None,
        short_en: None,
        group: group.into(),
        kind: kind.into(),
        base,
        condition: None,
        answered: base,
        no_answer: 0,
        invalid: 0,
        detail,
    }
}

fn multi(id: &str, group: &str, base: usize, rows: &[(&str, usize)]) -> QuestionSummary {
    let rows = rows.iter().map(|(l, c)| row(l, *c, base)).collect();
    question(
        id,
        group,
        "multi",
        base,
        Detail::Multi {
            rows,
            other: Vec::new(),
            mean_chosen: None,
        },
    )
}

/// A five-level scale (most positive first) with these counts.
fn scale(id: &str, counts: [usize; 5]) -> QuestionSummary {
    let base = counts.iter().sum();
    let rows = ["Uitermate", "Zeer", "Redelijk", "Niet erg", "Helemaal niet"]
        .iter()
        .zip(counts)
        .map(|(l, c)| row(l, c, base))
        .collect();
    question(
        id,
        "kunnen",
        "scale",
        base,
        Detail::Scale {
            rows,
            not_applicable: Vec::new(),
            neutral: Some(2),
            top2: None,
            median: None,
        },
    )
}

fn part(questions: Vec<QuestionSummary>, roles: &[(&str, GroupRole)]) -> PartSummary {
    let mut p: PartSummary = serde_json::from_value(serde_json::json!({
        "questionnaire": "lk", "title": "t", "title_en": null, "audience": "SO",
        "population": null, "respondents": 40, "rows_read": 40, "rows_rejected": 0,
        "response_rate": null, "questions": [], "reliability": [], "crosstabs": []
    }))
    .unwrap();
    p.questions = questions;
    p.groups = roles
        .iter()
        .map(|(id, role)| Group {
            id: (*id).into(),
            title: id.to_uppercase(),
            title_en: None,
            subject: None,
            subject_en: None,
            intro: None,
            intro_en: None,
            role: Some(*role),
        })
        .collect();
    p
}

/// The sentence as plain text, links by their text.
fn plain(line: &[Inline]) -> String {
    line.iter()
        .map(|i| match i {
            Inline::Text(t) | Inline::Strong(t) => t.clone(),
            Inline::Link { text, anchor } => format!("[{text}](#{anchor})"),
            _ => String::new(),
        })
        .collect()
}

#[test]
fn c1_names_the_two_most_wanted_themes_and_ties() {
    let q = multi(
        "th",
        "wens",
        40,
        &[
            ("Feedback", 20),
            ("Observeren", 12),
            ("Coachen", 12),
            ("Toetsen", 3),
        ],
    );
    let p = part(vec![q], &[("wens", GroupRole::Themes)]);
    assert_eq!(
        plain(&themes(Lang::Nl, &p).unwrap()),
        "Schoolopleiders: het meest gevraagd zijn feedback (20 van 40), observeren (12 van 40) en coachen (12 van 40); bied die thema's in elk geval aan (zie „[WENS](#lk-wens-th)”)."
    );
}

#[test]
fn c1_is_silent_when_nobody_chose_a_theme_or_no_group_has_the_role() {
    let q = multi("th", "wens", 40, &[("Feedback", 0)]);
    assert!(themes(
        Lang::Nl,
        &part(vec![q.clone()], &[("wens", GroupRole::Themes)])
    )
    .is_none());
    assert!(themes(Lang::Nl, &part(vec![q], &[])).is_none());
}

#[test]
fn c2_intervisie_leading_asks_for_standing_groups() {
    let q = multi("vorm", "vorm", 10, &[("Intervisie", 4), ("Cursus", 2)]);
    let p = part(vec![q], &[("vorm", GroupRole::Forms)]);
    let s = plain(&forms(Lang::Nl, &p).unwrap());
    assert!(s.starts_with("Intervisie is de vorm die de schoolopleiders het meest vragen, intervisie (4 van 10): richt vaste intervisiegroepen in"), "{s}");
}

#[test]
fn c2_another_leading_form_is_named_without_intervisie_advice() {
    let q = multi(
        "vorm",
        "vorm",
        44,
        &[("Intervisie", 5), ("Cursus aan hogeschool", 20)],
    );
    let p = part(vec![q], &[("vorm", GroupRole::Forms)]);
    let s = plain(&forms(Lang::En, &p).unwrap());
    assert_eq!(s, "The form the school-based teacher educators ask for most is cursus aan hogeschool (20 of 44), but that is fewer than half: offer other forms too (see “[VORM](#lk-vorm-vorm)”).");
    let none = multi("vorm", "vorm", 44, &[("Intervisie", 0)]);
    assert!(forms(Lang::Nl, &part(vec![none], &[("vorm", GroupRole::Forms)])).is_none());
}

/// Review finding 6: "cursus aan hogeschool (20 van 44): geef het aanbod vooral zo vorm"
/// with studiemiddag at 19. Close forms are named together; "vooral" needs a majority.
#[test]
fn c2_says_vooral_only_for_a_clear_majority_and_names_close_forms_together() {
    let q = multi(
        "vorm",
        "vorm",
        44,
        &[
            ("Cursus aan hogeschool", 20),
            ("Studiemiddag", 19),
            ("Intervisie", 16),
        ],
    );
    let p = part(vec![q], &[("vorm", GroupRole::Forms)]);
    let s = plain(&forms(Lang::Nl, &p).unwrap());
    assert_eq!(s, "De schoolopleiders kiezen (bijna) even vaak voor cursus aan hogeschool (20 van 44) als voor studiemiddag (19): geen vorm springt eruit, bied ze naast elkaar aan (zie „[VORM](#lk-vorm-vorm)”).");
    assert!(!s.contains("vooral"), "{s}");
    // 30 of 44, the next 10 of 44 (45 points behind): a majority, and clear.
    let q = multi("vorm", "vorm", 44, &[("Studiemiddag", 30), ("Cursus", 10)]);
    let s = plain(&forms(Lang::Nl, &part(vec![q], &[("vorm", GroupRole::Forms)])).unwrap());
    assert!(s.starts_with("De meeste schoolopleiders vragen om studiemiddag (30 van 44): geef het aanbod vooral zo vorm"), "{s}");
}

/// Review findings 6 and 10: an option that means "none" ("Geen enkele vorm") is never a
/// wanted form, not even when it is chosen most.
#[test]
fn c2_and_the_top_lists_never_name_an_option_that_means_none() {
    let mut q = multi(
        "vorm",
        "vorm",
        10,
        &[("Geen enkele vorm", 5), ("Intervisie", 3), ("Cursus", 1)],
    );
    if let Detail::Multi { rows, .. } = &mut q.detail {
        rows[0].exclusive = true;
    }
    let p = part(vec![q.clone()], &[("vorm", GroupRole::Forms)]);
    let s = plain(&forms(Lang::Nl, &p).unwrap());
    assert!(
        s.starts_with(
            "Intervisie is de vorm die de schoolopleiders het meest vragen, intervisie (3 van 10)"
        ),
        "{s}"
    );
    assert!(!s.to_lowercase().contains("geen enkele vorm"), "{s}");
    let Detail::Multi { rows, .. } = &q.detail else {
        unreachable!()
    };
    let top: Vec<&str> = top_k(rows, 3).iter().map(|r| r.label.as_str()).collect();
    assert_eq!(top, ["Intervisie", "Cursus"]);
    let names = crate::i18n::Names::default();
    let headline = crate::headline::multi(Lang::Nl, &names, rows, 10);
    assert_eq!(
        headline,
        "Meest gekozen: intervisie (3 van 10), daarna cursus (1)"
    );
    // Nothing but "none" chosen: no form to advise.
    let mut only_none = multi("vorm", "vorm", 10, &[("Geen", 4), ("Cursus", 0)]);
    if let Detail::Multi { rows, .. } = &mut only_none.detail {
        rows[0].exclusive = true;
    }
    assert!(forms(
        Lang::Nl,
        &part(vec![only_none], &[("vorm", GroupRole::Forms)])
    )
    .is_none());
}

#[test]
fn c3_names_a_capability_gap_between_items() {
    // Students: 25 of 40 positive (62,5 %); WPB'ers: 6 of 40 (15,0 %): 47,5 points apart.
    let p = part(
        vec![
            scale("studenten", [5, 20, 10, 5, 0]),
            scale("wpb", [1, 5, 14, 15, 5]),
        ],
        &[("kunnen", GroupRole::Capability)],
    );
    let s = plain(&capability_gap(Lang::Nl, &p).unwrap());
    assert_eq!(
        s,
        "Schoolopleiders voelen zich vaker bekwaam bij \u{201e}Vraag studenten?\u{201d}, 25 van 40 (63 %), dan bij \u{201e}Vraag wpb?\u{201d}, 6 van 40 (15 %): richt het aanbod op dat laatste (zie „[KUNNEN](#lk-kunnen-wpb)”)."
    );
}

#[test]
fn c3_is_silent_when_both_sides_are_alike() {
    // 55 % and 45 %: under 50 on one side, but only 10 points apart.
    let p = part(
        vec![
            scale("a", [2, 20, 10, 8, 0]),
            scale("b", [2, 16, 12, 10, 0]),
        ],
        &[("kunnen", GroupRole::Capability)],
    );
    assert!(capability_gap(Lang::Nl, &p).is_none());
}

#[test]
fn c4_half_or_more_wanting_contact_asks_for_a_kick_off_meeting() {
    let mut yn = question(
        "contact",
        "netwerk",
        "yesno",
        10,
        Detail::Choice {
            rows: vec![row("Ja", 9, 10), row("Nee", 1, 10)],
        },
    );
    let p = part(vec![yn.clone()], &[("netwerk", GroupRole::Network)]);
    assert!(plain(&network(Lang::Nl, &p).unwrap())
        .starts_with("9 van 10 schoolopleiders willen contact met collega's: begin het jaar met een startbijeenkomst"));
    // A multiple-choice wish: everyone who did not tick "Nee" wants contact.
    let m = multi(
        "contact",
        "netwerk",
        44,
        &[("Nee", 20), ("Ja, eigen school", 15), ("Ja, binnen BOS", 9)],
    );
    let p = part(vec![m], &[("netwerk", GroupRole::Network)]);
    assert!(plain(&network(Lang::Nl, &p).unwrap()).starts_with("24 van 44"));
    yn.detail = Detail::Choice {
        rows: vec![row("Ja", 4, 10), row("Nee", 6, 10)],
    };
    assert!(network(
        Lang::Nl,
        &part(vec![yn], &[("netwerk", GroupRole::Network)])
    )
    .is_none());
}

fn hours(unknown: usize, no_answer: usize, base: usize) -> QuestionSummary {
    let mut q = question(
        "uren",
        "tijd",
        "number",
        base,
        Detail::Number {
            unit_en: None,
            unit: Some("uur".into()),
            values: base - unknown - no_answer,
            unknown,
            unknown_texts: vec!["???".into()],
            mean: None,
            median: None,
            sd: None,
            min: None,
            max: None,
            histogram: Vec::new(),
            mode: Vec::new(),
            list: Vec::new(),
        },
    );
    q.answered = base - no_answer;
    q.no_answer = no_answer;
    q
}

#[test]
fn c5_unknown_facilitation_hours_are_a_signal_from_a_quarter_on() {
    let p = part(vec![hours(2, 1, 12)], &[("tijd", GroupRole::Facilitation)]);
    assert_eq!(
        plain(&facilitation(Lang::Nl, &p).unwrap()),
        "3 van 12 schoolopleiders weten niet hoeveel uren ze voor hun taak krijgen of vulden het niet in: maak met de scholen afspraken over die uren en maak ze bekend (zie „[TIJD](#lk-tijd-uren)”)."
    );
    let p = part(vec![hours(1, 1, 12)], &[("tijd", GroupRole::Facilitation)]);
    assert!(facilitation(Lang::Nl, &p).is_none());
}
