//! Multi-select columns: splitting the joined choices (Microsoft Forms `A;B;`, Google
//! Forms `A, B`) into the form's options, and telling the "other" texts apart.
//!
//! Both tools write an "other" answer as the respondent's text among the choices
//! (sometimes as `Anders: tekst`). Such a text is given once or typed in lowercase,
//! while a choice of the form is written the same way by everyone who picks it.

use std::collections::{HashMap, HashSet};

use super::guess::{Guessed, MAX_OPTIONS};
use super::{quote_some, Guess};
use crate::import::ExportFormat;
use crate::normalize::{fold, normalize};

/// A piece's key as the multi-select import matches it: punctuation folds to nothing
/// there (a piece of only punctuation joins its neighbours), unlike in [`normalize`].
fn piece_key(piece: &str) -> String {
    fold(piece).text
}

/// How forms label their free-text option, as a prefix `Anders: ...` of the answer.
const OTHER_PREFIXES: &[&str] = &[
    "anders",
    "andere",
    "anders namelijk",
    "andere namelijk",
    "overig",
    "overige",
    "other",
    "other please specify",
];

/// Free-text option labels to choose from when the export does not show one.
const OTHER_LABELS: &[&str] = &[
    "Anders",
    "Andere",
    "Overig",
    "Other",
    "Anders (toelichting)",
];

/// Below this many answers a choice of the form may well be chosen only once.
const FEW_ANSWERS: usize = 10;

/// The multi-select a column is, if its answers join choices the way its survey tool
/// does and the pieces repeat like a form's choices (a column of mostly unique texts
/// is free text, whatever punctuation it holds).
pub(super) fn guess_multi(cells: &[&str], format: ExportFormat) -> Option<Guessed> {
    let mut unsure = Vec::new();
    let pieces: Vec<Vec<String>> = match format {
        ExportFormat::MsForms | ExportFormat::Plain => {
            if !cells.iter().any(|c| c.contains(';')) {
                return None;
            }
            let pieces: Vec<Vec<String>> = cells
                .iter()
                .map(|c| {
                    c.split(';')
                        .map(str::trim)
                        .filter(|p| !p.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .collect();
            // Microsoft Forms ends every multi-select answer with ';', even one choice.
            let trailing = cells.iter().any(|c| c.trim_end().ends_with(';'));
            if !trailing && pieces.iter().all(|p| p.len() < 2) {
                return None;
            }
            pieces
        }
        ExportFormat::GoogleForms => {
            if !cells.iter().any(|c| c.contains(", ")) {
                return None;
            }
            let (pieces, glued) = google_pieces(cells);
            if pieces.iter().all(|p| p.len() < 2) {
                return None;
            }
            if !glued.is_empty() {
                unsure.push(format!(
                    "Google Forms joins choices with \", \"; read as one choice each: {}",
                    quote_some(&glued)
                ));
            }
            pieces
        }
        ExportFormat::LimeSurvey => return None,
    };

    // How many answers hold each piece, in the order the pieces first appear.
    let mut order: Vec<String> = Vec::new();
    let mut count: HashMap<String, usize> = HashMap::new();
    // An answer of punctuation only ("-") names no choice: an "other" text. (Next to a
    // choice, the import reads it as part of that choice.)
    let mut blank: Vec<String> = Vec::new();
    let mut blank_seen = HashSet::new();
    for cell in &pieces {
        if !cell.is_empty() && cell.iter().all(|p| piece_key(p).is_empty()) {
            for p in cell {
                if blank_seen.insert(p.as_str()) {
                    blank.push(p.clone());
                }
            }
        }
        let mut seen = HashSet::new();
        for p in cell {
            let key = piece_key(p);
            if key.is_empty() || !seen.insert(key.clone()) {
                continue;
            }
            let n = count.entry(key).or_default();
            if *n == 0 {
                order.push(p.clone());
            }
            *n += 1;
        }
    }
    let times = |p: &String| count[&piece_key(p)];
    let occurrences: usize = count.values().sum();
    let repeated: usize = count.values().filter(|&&n| n > 1).sum();
    // A form's choices are chosen again and again; free texts are not.
    if order.is_empty() || repeated * 2 < occurrences {
        return None;
    }

    let mut label: Option<String> = None;
    let mut options = Vec::new();
    let mut others = blank;
    let mut kept_once = Vec::new();
    let capital = |p: &String| p.starts_with(|c: char| c.is_uppercase());
    let capitals = order.iter().filter(|p| times(p) > 1 && capital(p)).count();
    let lowers = order.iter().filter(|p| times(p) > 1 && !capital(p)).count();
    let once_capital = order.iter().filter(|p| times(p) == 1 && capital(p)).count();
    let repeated_distinct = order.iter().filter(|p| times(p) > 1).count();
    for p in &order {
        if let Some(prefix) = other_prefix(p) {
            label.get_or_insert(prefix);
            continue;
        }
        let lowercase = p.starts_with(|c: char| c.is_lowercase()) && capitals > lowers;
        let once = times(p) == 1 && repeated_distinct > 0;
        if lowercase || (once && cells.len() >= FEW_ANSWERS && repeated_distinct > once_capital) {
            others.push(p.clone());
        } else {
            if once {
                kept_once.push(p.clone());
            }
            options.push(p.clone());
        }
    }
    if options.is_empty() || options.len() > MAX_OPTIONS {
        return None;
    }
    if !others.is_empty() {
        unsure.push(format!(
            "taken for \"other\" texts, not choices (given once, or typed in lowercase): {}",
            quote_some(&others)
        ));
    }
    if !kept_once.is_empty() {
        unsure.push(format!(
            "chosen once, kept as choices (they may be \"other\" texts): {}",
            quote_some(&kept_once)
        ));
    }
    let other = (label.is_some() || !others.is_empty()).then(|| {
        label
            .filter(|l| !options.iter().any(|o| normalize(o) == normalize(l)))
            .unwrap_or_else(|| other_label(&options))
    });
    Some((
        Guess::Multi {
            options,
            codes: Vec::new(),
            other,
        },
        unsure,
    ))
}

/// "Anders: klassenmanagement" is the free-text option's answer: its label "Anders".
fn other_prefix(piece: &str) -> Option<String> {
    let (head, text) = piece.split_once(':')?;
    (OTHER_PREFIXES.contains(&normalize(head).as_str()) && !text.trim().is_empty()).then(|| {
        head.split_whitespace()
            .next()
            .unwrap_or(head)
            .trim_end_matches(',')
            .to_string()
    })
}

/// The free-text option's label: the first of the usual ones no choice is called.
pub(super) fn other_label(options: &[String]) -> String {
    OTHER_LABELS
        .iter()
        .find(|l| !options.iter().any(|o| normalize(o) == normalize(l)))
        .unwrap_or(&"Anders (toelichting)")
        .to_string()
}

/// Google Forms answers split into choices. The export joins choices with ", ", and a
/// choice may contain ", " itself, so the naive split is mended where the rows agree:
/// a piece starting in lowercase continues the one before it ("Reflecteren, feedback
/// geven") unless that one also stands alone elsewhere; and an answer of several
/// pieces that never occur apart from each other is one choice. Returns the pieces
/// per answer and the choices that were put back together.
fn google_pieces(cells: &[&str]) -> (Vec<Vec<String>>, Vec<String>) {
    let atoms: Vec<Vec<&str>> = cells
        .iter()
        .map(|c| {
            c.split(", ")
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .collect()
        })
        .collect();
    let lower = |a: &str| a.starts_with(|c: char| c.is_lowercase());
    // An atom stands alone when an answer ends with it or goes on with a capital.
    let mut alone: HashMap<String, bool> = HashMap::new();
    for cell in &atoms {
        for (i, a) in cell.iter().enumerate() {
            let ends = cell.get(i + 1).is_none_or(|next| !lower(next));
            *alone.entry(normalize(a)).or_default() |= ends;
        }
    }
    let mut units: Vec<Vec<String>> = atoms
        .iter()
        .map(|cell| {
            let mut out: Vec<String> = Vec::new();
            for a in cell {
                match out.last_mut() {
                    Some(prev)
                        if lower(a) && !alone.get(&normalize(prev)).copied().unwrap_or(true) =>
                    {
                        prev.push_str(", ");
                        prev.push_str(a);
                    }
                    _ => out.push(a.to_string()),
                }
            }
            out
        })
        .collect();
    let mut glued: Vec<String> = units
        .iter()
        .flatten()
        .filter(|u| u.contains(", "))
        .cloned()
        .collect();

    // Whole answers whose pieces only ever occur together, in that order. Each piece
    // indexes the answers it is in, so this stays linear in the answers.
    let keys: Vec<Vec<String>> = units
        .iter()
        .map(|u| u.iter().map(|p| normalize(p)).collect())
        .collect();
    let mut occurs: HashMap<&str, usize> = HashMap::new();
    let mut answers_with: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        for p in k {
            *occurs.entry(p.as_str()).or_default() += 1;
            let at = answers_with.entry(p.as_str()).or_default();
            if at.last() != Some(&i) {
                at.push(i);
            }
        }
    }
    let holds = |key: &[String], w: &[String]| key.windows(w.len()).position(|x| x == w);
    let mut tried: HashSet<&[String]> = HashSet::new();
    // A piece belongs to at most one such answer: indexed by its first piece.
    let mut whole: HashMap<&str, &[String]> = HashMap::new();
    for k in keys.iter().filter(|k| k.len() > 1) {
        let first = k[0].as_str();
        let n = occurs[first];
        if !tried.insert(k.as_slice()) || k.iter().any(|p| occurs[p.as_str()] != n) {
            continue;
        }
        let runs = answers_with[first]
            .iter()
            .filter(|&&i| holds(&keys[i], k).is_some())
            .count();
        if runs == n {
            whole.insert(first, k.as_slice());
        }
    }
    for (cell, key) in units.iter_mut().zip(&keys) {
        let found = key.iter().find_map(|p| {
            let w = whole.get(p.as_str())?;
            Some((holds(key, w)?, w.len()))
        });
        if let Some((at, len)) = found {
            let joined = cell[at..at + len].join(", ");
            let mut merged = cell[..at].to_vec();
            merged.push(joined.clone());
            merged.extend_from_slice(&cell[at + len..]);
            *cell = merged;
            glued.push(joined);
        }
    }
    let mut seen = HashSet::new();
    glued.retain(|g| seen.insert(normalize(g)));
    (units, glued)
}
