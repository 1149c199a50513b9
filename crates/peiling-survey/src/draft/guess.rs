//! Guessing one question's kind from its header and its answers: yes/no, numbers,
//! answer scales, bands, single choices, free text and personal data.

use std::collections::{BTreeSet, HashSet};

use super::{DraftBand, Guess};
use crate::import::{parse_number, ExportFormat};
use crate::normalize::normalize;

/// Ordered answer scales peiling recognises, most positive first (first words only:
/// "Zeer competent" and "Zeer capabel" are both "zeer").
const SCALES: &[&[&str]] = &[
    &["uitermate", "zeer", "redelijk", "niet erg", "helemaal niet"],
    &["uitstekend", "goed", "redelijk", "matig", "slecht"],
    &["zeer goed", "goed", "voldoende", "onvoldoende", "slecht"],
    &[
        "helemaal eens",
        "eens",
        "neutraal",
        "oneens",
        "helemaal oneens",
    ],
    &["excellent", "good", "fair", "poor", "very poor"],
    &[
        "strongly agree",
        "agree",
        "neutral",
        "disagree",
        "strongly disagree",
    ],
];

const NOT_APPLICABLE: &[&str] = &[
    "nvt",
    "n v t",
    "niet van toepassing",
    "weet niet",
    "geen mening",
    "not applicable",
    "n a",
    "na",
    "don t know",
];

const UNKNOWN: &[&str] = &["???", "??", "?", "onbekend", "weet ik niet", "unknown"];

/// At most this many distinct answers make a choice question rather than free text.
pub(super) const MAX_OPTIONS: usize = 15;

/// A guessed kind and the notes on what in it is uncertain (empty when it is sure).
pub(super) type Guessed = (Guess, Vec<String>);

/// Headers that ask for a count or an amount: their answers are numbers or bands,
/// never a scale.
const COUNT_STARTS: &[&str] = &[
    "hoeveel",
    "hoe vaak",
    "hoe lang",
    "hoe oud",
    "how many",
    "how much",
    "how often",
    "how long",
    "how old",
];
const COUNT_WORDS: &[&str] = &[
    "aantal", "leeftijd", "jaar", "jaren", "uur", "uren", "keer", "number", "age", "years",
    "hours", "times",
];
/// Headers that ask for a rating: a column of small whole numbers is its scale.
const SCALE_WORDS: &[&str] = &[
    "schaal",
    "cijfer",
    "tevreden",
    "hoeverre",
    "mate",
    "waardeer",
    "beoordeel",
    "scale",
    "rate",
    "rating",
    "satisfied",
    "score",
];

pub(super) fn guess(header: &str, cells: &[&str], format: ExportFormat) -> Guessed {
    let sure = |g: Guess| (g, Vec::new());
    let h = normalize(header);
    let words: Vec<&str> = h.split(' ').collect();
    let has = |w: &str| words.contains(&w);
    if has("email") || has("mail") || has("mailadres") || has("emailadres") {
        return sure(Guess::Personal("email"));
    }
    if has("telefoon") || has("telefoonnummer") || has("phone") {
        return sure(Guess::Personal("phone"));
    }
    if has("naam") || has("name") {
        return sure(Guess::Personal("name"));
    }
    let norm: Vec<String> = cells.iter().map(|c| normalize(c)).collect();
    let distinct: BTreeSet<&str> = norm.iter().map(String::as_str).collect();
    if distinct.is_empty() {
        return sure(Guess::Text);
    }
    let yes_no = ["ja", "nee", "yes", "no"];
    let lime_yes_no = ["y", "n"];
    if distinct.iter().all(|d| yes_no.contains(d))
        || (format == ExportFormat::LimeSurvey && distinct.iter().all(|d| lime_yes_no.contains(d)))
    {
        return sure(Guess::YesNo);
    }
    // A Google Forms linear scale exports its marks 1..5 (or 0..10): a column of few
    // small whole numbers is a scale, unless the header asks for a count.
    let starts_count = COUNT_STARTS.iter().any(|c| h.starts_with(c));
    let rated = words.iter().any(|w| SCALE_WORDS.contains(w));
    let counted = starts_count || (!rated && words.iter().any(|w| COUNT_WORDS.contains(w)));
    if !counted {
        if let Some(g) = numeric_scale(cells, &norm, rated) {
            return g;
        }
    }
    if let Some(g) = guess_number(cells, &norm) {
        return g;
    }
    if let Some(g) = guess_scale(cells, &norm) {
        return sure(g);
    }
    // Answers to "why", "explain" or "which ones" are free text, however often they
    // repeat or whatever separators they hold.
    let open = [
        "waarom",
        "toelichting",
        "toelichten",
        "opmerking",
        "opmerkingen",
        "kwijt",
        "why",
    ]
    .iter()
    .any(|w| has(w))
        || h.starts_with("zo ja")
        || h.starts_with("zo nee")
        || h.starts_with("explain")
        || h.starts_with("comment");
    if open {
        return sure(Guess::Text);
    }
    if let Some(g) = super::multi::guess_multi(cells, format) {
        return g;
    }
    let options = first_seen(cells.iter().copied());
    // Answers typed in lowercase are free text (a form's choices start with a capital).
    let lowercase = options
        .iter()
        .filter(|o| o.starts_with(|c: char| c.is_lowercase()))
        .count();
    // A choice repeats: more distinct answers than half the respondents is free text.
    if lowercase * 2 >= options.len()
        || options.len() > MAX_OPTIONS
        || options.len() * 2 > cells.len().max(2)
    {
        return sure(Guess::Text);
    }
    if starts_count {
        if let Some(bands) = bands(&options) {
            return sure(Guess::Bands(bands));
        }
    }
    sure(Guess::Single(band_order(options)))
}

/// Options such as "1-5 keer", "6-10 keer", "Meer dan 10 keer" as bands in order, each
/// starting after the previous one ends (forms often write 1-5, 5-10).
fn bands(options: &[String]) -> Option<Vec<DraftBand>> {
    let mut out = Vec::new();
    for o in options {
        let n = normalize(o);
        let numbers: Vec<f64> = n.split(' ').filter_map(|w| w.parse().ok()).collect();
        let above = ["meer", "ouder", "langer", "more", "over", "boven", "plus"];
        let below = ["jonger", "minder", "korter", "less", "under", "onder", "lt"];
        let word = |set: &[&str]| n.split(' ').any(|w| set.contains(&w));
        let band = match numbers.as_slice() {
            [a, b] if o.contains('-') || n.contains(" tot ") => (Some(*a), Some(*b)),
            [a] if word(&above) => (Some(a + 1.0), None),
            [a] if word(&below) => (None, Some(a - 1.0)),
            _ => return None,
        };
        out.push((o.clone(), band.0, band.1));
    }
    let key = |b: &DraftBand| b.1.unwrap_or(f64::NEG_INFINITY);
    out.sort_by(|a, b| key(a).total_cmp(&key(b)));
    for i in 1..out.len() {
        let prev_max = out[i - 1].2?;
        if out[i].1.is_none_or(|min| min <= prev_max) {
            out[i].1 = Some(prev_max + 1.0);
        }
        if out[i].2.is_some_and(|max| Some(max) < out[i].1) {
            return None;
        }
    }
    (out.len() >= 2).then_some(out)
}

/// Distinct trimmed texts in the order they first appear (folded spellings count once).
fn first_seen<'a>(cells: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for c in cells {
        let t = c.trim();
        if !t.is_empty() && seen.insert(normalize(t)) {
            out.push(t.to_string());
        }
    }
    out
}

/// Bands such as "25-35", "Jonger dan 25", "1-5 keer" go in numeric order; other
/// options keep the order of the export.
fn band_order(mut options: Vec<String>) -> Vec<String> {
    let key = |o: &str| -> Option<f64> {
        let n = normalize(o);
        let first = n.split(' ').find_map(|w| w.parse::<f64>().ok())?;
        let below = ["jonger", "minder", "lt", "onder", "younger", "less"];
        Some(if below.iter().any(|b| n.contains(b)) {
            first - 0.5
        } else {
            first
        })
    };
    if options.iter().all(|o| key(o).is_some()) {
        options.sort_by(|a, b| key(a).unwrap_or(0.0).total_cmp(&key(b).unwrap_or(0.0)));
    }
    options
}

/// Numbers, with the unknown markers ("???") apart. A few answers that are not numbers
/// ("twee") among many that are keep the column a number question: reading the export
/// reports them as problems, and the draft says so.
fn guess_number(cells: &[&str], norm: &[String]) -> Option<Guessed> {
    let mut unknown: Vec<String> = Vec::new();
    let mut values = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut seen = HashSet::new();
    let mut wrong = 0;
    for (cell, n) in cells.iter().zip(norm) {
        let t = cell.trim();
        if UNKNOWN.contains(&t) || UNKNOWN.contains(&n.as_str()) {
            if !unknown.iter().any(|u| u == t) {
                unknown.push(t.to_string());
            }
        } else if let Some(v) = parse_number(t) {
            values.push(v);
        } else {
            wrong += 1;
            // Past one in five it is no number question: stop before listing them all.
            if wrong * 5 > cells.len() {
                return None;
            }
            if seen.insert(t) {
                words.push(t.to_string());
            }
        }
    }
    // At most one answer in five, and at least four numbers to go by.
    if values.is_empty() || (wrong > 0 && (values.len() < 4 || wrong * 5 > values.len() + wrong)) {
        return None;
    }
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut unsure = Vec::new();
    if wrong > 0 {
        unsure.push(format!(
            "{wrong} of {} answers are not numbers ({}): reading the export reports them as problems; correct them in the export, or add them to unknown if they mean \"not known\"",
            cells.len(),
            super::quote_some(&words)
        ));
    }
    Some((
        Guess::Number {
            unknown,
            min: min.min(0.0),
            max,
        },
        unsure,
    ))
}

/// The marks of a linear scale (Google Forms exports 1..5 or 0..10 as numbers): at
/// least five answers, whole numbers from 0 to 10, some repeated. The levels run from
/// the highest mark down (most positive first), over the whole range the marks suggest.
/// `rated`: the header asks for a rating, so only levels nobody chose are uncertain.
fn numeric_scale(cells: &[&str], norm: &[String], rated: bool) -> Option<Guessed> {
    let mut not_applicable: Vec<String> = Vec::new();
    let mut marks = BTreeSet::new();
    let mut answers = 0;
    for (cell, n) in cells.iter().zip(norm) {
        let t = cell.trim();
        if NOT_APPLICABLE.contains(&n.as_str()) {
            if !not_applicable.iter().any(|x| normalize(x) == *n) {
                not_applicable.push(t.to_string());
            }
            continue;
        }
        if t.is_empty() || t.len() > 2 || !t.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let mark: u32 = t.parse().ok()?;
        // "05" would not read as the level "5".
        if mark > 10 || mark.to_string() != t {
            return None;
        }
        marks.insert(mark);
        answers += 1;
    }
    let (lo, hi) = (*marks.first()?, *marks.last()?);
    if answers < 5 || marks.len() < 2 || marks.len() >= answers {
        return None;
    }
    let bottom = lo.min(1);
    let top = match hi {
        ..=5 => 5,
        6 | 7 => 7,
        _ => 10,
    };
    let mut unsure = Vec::new();
    if !rated || lo != bottom || hi != top {
        unsure.push(format!(
            "read as a scale from {bottom} to {top} (the answers run from {lo} to {hi}), highest first: if {bottom} is the best mark, reverse the levels; if the answers are counts, make it kind = \"number\""
        ));
    }
    Some((
        Guess::Scale {
            levels: (bottom..=top).rev().map(|m| m.to_string()).collect(),
            not_applicable,
        },
        unsure,
    ))
}

fn guess_scale(cells: &[&str], norm: &[String]) -> Option<Guess> {
    let mut not_applicable = Vec::new();
    let mut answers: Vec<(&str, &str)> = Vec::new();
    for (cell, n) in cells.iter().zip(norm) {
        if NOT_APPLICABLE.contains(&n.as_str()) {
            if !not_applicable.iter().any(|x: &String| normalize(x) == *n) {
                not_applicable.push(cell.trim().to_string());
            }
        } else {
            answers.push((cell.trim(), n.as_str()));
        }
    }
    if answers.is_empty() {
        return None;
    }
    // The longest level that starts the answer ("niet erg competent" is "niet erg", not
    // a level "niet"), then what follows it, as the export spells it.
    let level_of = |scale: &[&str], n: &str| -> Option<usize> {
        (0..scale.len())
            .filter(|&i| n == scale[i] || n.starts_with(&format!("{} ", scale[i])))
            .max_by_key(|&i| scale[i].len())
    };
    let scale = SCALES
        .iter()
        .find(|s| answers.iter().all(|(_, n)| level_of(s, n).is_some()))?;
    let mut spelled: Vec<Option<String>> = vec![None; scale.len()];
    let mut suffix: Option<String> = None;
    for (cell, n) in &answers {
        let i = level_of(scale, n)?;
        spelled[i].get_or_insert_with(|| cell.to_string());
        // The words after the level ("competent"), to spell the levels nobody chose.
        let words = scale[i].split(' ').count();
        let rest: Vec<&str> = cell.split_whitespace().skip(words).collect();
        if suffix.is_none() && !rest.is_empty() {
            suffix = Some(rest.join(" "));
        }
    }
    let levels = spelled
        .into_iter()
        .zip(scale.iter())
        .map(|(seen, level)| {
            seen.unwrap_or_else(|| {
                let mut l = capitalise(level);
                if let Some(s) = &suffix {
                    l.push(' ');
                    l.push_str(s);
                }
                l
            })
        })
        .collect();
    Some(Guess::Scale {
        levels,
        not_applicable,
    })
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
