//! What a plan rests on, in plain words for the team: the weight of each audience, the
//! host schools and their room, the school holidays (region and source), the weeks kept
//! free, and the number of meetings a year with the basis share. One list serves the
//! terminal table and the report's plan section.

use crate::calendar::CalendarRule;
use crate::catalogue::Catalogue;
use crate::demand::AudienceWeight;
use crate::holidays::Holidays;
use crate::hosts::School;
use crate::ranges::{Basis, Counts, Rule};
use crate::text::{number_in, Text};

/// The facts the plan was made with.
pub(crate) struct Basics<'a> {
    pub catalogue: &'a Catalogue,
    pub weights: &'a [AudienceWeight],
    pub schools: &'a [School],
    pub holidays: Option<&'a Holidays>,
    /// The holidays are the bundled file of the catalogue's region.
    pub bundled: bool,
    pub counts: &'a Counts,
    pub rule: &'a Rule,
}

/// "a", "a en b", "a, b en c".
fn join(items: &[String], and: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

pub(crate) fn assumptions(b: &Basics) -> Vec<Text> {
    vec![
        weights(b),
        schools(b.schools),
        holidays(b),
        reserved(&b.catalogue.calendar),
        meetings(b.counts, b.rule),
    ]
}

fn weights(b: &Basics) -> Text {
    let rule = &b.catalogue.demand;
    let each = |en: bool| {
        if b.weights.is_empty() {
            return if en { "1 each" } else { "1 per persoon" }.to_string();
        }
        b.weights
            .iter()
            .map(|w| format!("{} {}", w.audience, number_in(w.weight, en)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let others = |en: bool| match (rule.others, en) {
        (0.5, false) => "tellen half mee".to_string(),
        (0.5, true) => "count for half".to_string(),
        (x, false) => format!("tellen mee × {}", number_in(x, false)),
        (x, true) => format!("count × {}", number_in(x, true)),
    };
    Text::new(
        format!(
            "Gewicht van één respondent: {}. Basisthema's tellen de vraag van {} volledig, verdiepende thema's die van {}; andere doelgroepen {}.",
            each(false),
            join(&rule.basis, "en"),
            join(&rule.verdiepend, "en"),
            others(false)
        ),
        format!(
            "Weight of one respondent: {}. Basis themes count the demand of {} fully, deepening themes that of {}; other audiences {}.",
            each(true),
            join(&rule.basis, "and"),
            join(&rule.verdiepend, "and"),
            others(true)
        ),
    )
}

fn schools(schools: &[School]) -> Text {
    if schools.is_empty() {
        return Text::new(
            "Gastscholen: geen opgegeven; de locatie staat open.",
            "Host schools: none given; the location is open.",
        );
    }
    let list = |en: bool| {
        let items: Vec<String> = schools
            .iter()
            .map(|s| match (s.capacity, en) {
                (Some(c), false) => format!("{} ({c} plaatsen)", s.name),
                (Some(c), true) => format!("{} ({c} places)", s.name),
                (None, false) => format!("{} (capaciteit niet opgegeven)", s.name),
                (None, true) => format!("{} (capacity not given)", s.name),
            })
            .collect();
        join(&items, if en { "and" } else { "en" })
    };
    Text::new(
        format!(
            "Gastscholen: {}; elke school ontvangt om de beurt even vaak (op één na), en alleen bijeenkomsten waarvoor ze plaats genoeg heeft voor iedereen die om het thema vroeg.",
            list(false)
        ),
        format!(
            "Host schools: {}; each hosts in turn equally often (give or take one), and only meetings it has room for everyone who asked for the theme.",
            list(true)
        ),
    )
}

fn holidays(b: &Basics) -> Text {
    let Some(h) = b.holidays else {
        return Text::new(
            "Schoolvakanties: geen vakantiebestand; de data zijn niet op vakanties gecontroleerd.",
            "School holidays: no holidays file; the dates are not checked against holidays.",
        );
    };
    let region = h.region.as_deref().unwrap_or("?");
    let source = h.source.as_deref();
    let (kind_nl, kind_en) = if b.bundled {
        (
            "het meegeleverde bestand van de regio van de catalogus",
            "the bundled file of the catalogue's region",
        )
    } else {
        ("een opgegeven bestand", "a file given for this plan")
    };
    Text::new(
        format!(
            "Schoolvakanties: regio {region}, uit {kind_nl}{}.",
            source.map_or(String::new(), |s| format!(" (bron: {s})"))
        ),
        format!(
            "School holidays: region {region}, from {kind_en}{}.",
            source.map_or(String::new(), |s| format!(" (source: {s})"))
        ),
    )
}

fn reserved(cal: &CalendarRule) -> Text {
    let weeks: Vec<String> = cal
        .reserved_school_weeks
        .iter()
        .map(u32::to_string)
        .collect();
    let mut nl = Vec::new();
    let mut en = Vec::new();
    if !weeks.is_empty() {
        nl.push(format!(
            "lesweek {} (startbijeenkomsten op de scholen)",
            join(&weeks, "en")
        ));
        en.push(format!(
            "school week {} (each school's opening meetings)",
            join(&weeks, "and")
        ));
    }
    match cal.reserved_weeks_before_christmas {
        0 => {}
        1 => {
            nl.push("de laatste week voor de kerstvakantie".into());
            en.push("the last week before the Christmas holiday".into());
        }
        n => {
            nl.push(format!("de laatste {n} weken voor de kerstvakantie"));
            en.push(format!("the last {n} weeks before the Christmas holiday"));
        }
    }
    if nl.is_empty() {
        return Text::new("Vrijgehouden weken: geen.", "Weeks kept free: none.");
    }
    Text::new(
        format!("Vrijgehouden weken: {}.", join(&nl, "en")),
        format!("Weeks kept free: {}.", join(&en, "and")),
    )
}

fn meetings(counts: &Counts, rule: &Rule) -> Text {
    let [lo, hi] = counts.per_year;
    let chosen: Vec<String> = rule.counts.iter().map(usize::to_string).collect();
    let (per_nl, per_en) = if lo == hi {
        (format!("{lo}"), format!("{lo}"))
    } else {
        (
            format!("{lo} tot {hi} (gekozen: {})", join(&chosen, "en")),
            format!("{lo} to {hi} (chosen: {})", join(&chosen, "and")),
        )
    };
    let basis: Vec<String> = (0..rule.years)
        .map(|y| {
            let (a, b) = (rule.basis_min[y], rule.basis_max[y]);
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        })
        .collect();
    let mut unique = basis.clone();
    unique.dedup();
    let basis_count = if unique.len() == 1 {
        unique[0].clone()
    } else {
        basis.join("/")
    };
    let (share_nl, share_en) = match counts.basis {
        Basis::Share(a, b) => (
            format!(
                "{} tot {} % van de bijeenkomsten, dus {basis_count} per jaar",
                (a * 100.0).round(),
                (b * 100.0).round()
            ),
            format!(
                "{} to {} % of the meetings, so {basis_count} a year",
                (a * 100.0).round(),
                (b * 100.0).round()
            ),
        ),
        _ => (
            format!("{basis_count} per jaar"),
            format!("{basis_count} a year"),
        ),
    };
    Text::new(
        format!("Bijeenkomsten per jaar: {per_nl}; basisbijeenkomsten: {share_nl}."),
        format!("Meetings a year: {per_en}; basis meetings: {share_en}."),
    )
}
