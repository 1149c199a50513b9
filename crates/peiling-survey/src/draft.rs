//! A first questionnaire definition guessed from an export, for a team that has the
//! export but no TOML yet: one question per column, its kind read off the answers.
//!
//! The guess is a draft to edit, not a model: it cannot know conditions (`only_if`),
//! report groups, catalogue themes, or which Google Forms choices contain a comma. It
//! always parses, and the export it came from always imports with it.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

use crate::error::ImportError;
use crate::import::columns::{is_subquestion_header, meta_field};
use crate::import::{detect_format, parse_number, require_rows, ExportFormat, Table};
use crate::normalize::normalize;

/// What the draft is called and who answered it.
#[derive(Debug, Clone)]
pub struct DraftOptions {
    pub id: String,
    pub title: String,
    pub audience: String,
    /// Read the export as written by this tool instead of detecting it.
    pub format: Option<ExportFormat>,
}

/// One guessed question, before it is written out.
#[derive(Debug, Clone, PartialEq)]
pub enum Guess {
    Single(Vec<String>),
    Multi {
        options: Vec<String>,
        codes: Vec<String>,
        other: bool,
    },
    Scale {
        levels: Vec<String>,
        not_applicable: Vec<String>,
    },
    Number {
        unknown: Vec<String>,
        min: f64,
        max: f64,
    },
    /// A count asked for in bands, in order.
    Bands(Vec<DraftBand>),
    YesNo,
    Text,
    Personal(&'static str),
}

/// A band's label and bounds (an open band has no min or no max).
pub type DraftBand = (String, Option<f64>, Option<f64>);

/// A draft: the TOML text and, per question, its id and guessed kind.
#[derive(Debug, Clone)]
pub struct Draft {
    pub toml: String,
    pub questions: Vec<(String, Guess)>,
    pub format: ExportFormat,
}

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
const MAX_OPTIONS: usize = 15;

/// The draft of the export `file` (named in errors) read into `table`. An export with
/// no question columns (only the survey tool's own) has nothing to draft.
pub fn draft(file: &str, table: &Table, opts: &DraftOptions) -> Result<Draft, ImportError> {
    require_rows(file, table)?;
    let format = opts.format.unwrap_or_else(|| detect_format(&table.headers));
    let column = |c: usize| -> Vec<&str> {
        table
            .rows
            .iter()
            .filter_map(|r| r.fields.get(c).map(|f| f.trim()))
            .filter(|f| !f.is_empty())
            .collect()
    };
    let mut ids = IdMaker::default();
    let mut questions: Vec<(String, String, Option<String>, Guess)> = Vec::new();
    let mut lime_multi: HashMap<String, usize> = HashMap::new();
    let mut texts = BTreeSet::new();
    let mut repeated = Vec::new();
    for (c, header) in table.headers.iter().enumerate() {
        if meta_field(format, header).is_some() || header.trim().is_empty() {
            continue;
        }
        // Two columns with one header cannot be told apart by the import: the first
        // one is drafted, the others are named in the draft.
        if !texts.insert(normalize(header)) {
            repeated.push(format!("column {} (\"{}\")", c + 1, comment_safe(header)));
            continue;
        }
        if format == ExportFormat::LimeSurvey {
            if let Some((code, sub)) = is_subquestion_header(header) {
                let at = match lime_multi.get(code) {
                    Some(&at) => at,
                    // The question's text is its code: taken already by a column?
                    None if !texts.insert(normalize(code)) => {
                        repeated.push(format!("column {} (\"{}\")", c + 1, comment_safe(header)));
                        continue;
                    }
                    None => {
                        questions.push((
                            ids.make(code),
                            code.to_string(),
                            Some(code.to_string()),
                            Guess::Multi {
                                options: Vec::new(),
                                codes: Vec::new(),
                                other: false,
                            },
                        ));
                        lime_multi.insert(code.to_string(), questions.len() - 1);
                        questions.len() - 1
                    }
                };
                if let Guess::Multi {
                    options,
                    codes,
                    other,
                } = &mut questions[at].3
                {
                    let again = if sub.eq_ignore_ascii_case("other") {
                        std::mem::replace(other, true)
                    } else if codes.iter().any(|k| k.eq_ignore_ascii_case(sub)) {
                        true
                    } else {
                        options.push(sub.to_string());
                        codes.push(sub.to_string());
                        false
                    };
                    if again {
                        repeated.push(format!("column {} (\"{}\")", c + 1, comment_safe(header)));
                    }
                }
                continue;
            }
        }
        let code = (format == ExportFormat::LimeSurvey).then(|| header.trim().to_string());
        let guess = guess(header, &column(c), format);
        questions.push((ids.make(header), header.trim().to_string(), code, guess));
    }
    // A LimeSurvey "other" column without option columns has no choices to draft.
    questions.retain(|(_, text, _, guess)| {
        let empty = matches!(guess, Guess::Multi { options, .. } if options.is_empty());
        if empty {
            repeated.push(format!(
                "\"{}[other]\" (no option columns)",
                comment_safe(text)
            ));
        }
        !empty
    });
    if questions.is_empty() {
        return Err(ImportError::file(
            file,
            format!(
                "found no question columns (only the survey tool's own: {}), expected one column per question",
                table.headers.join(", ")
            ),
        ));
    }
    let mut toml = write_toml(table, opts, format, &questions);
    if !repeated.is_empty() {
        toml.insert_str(
            0,
            &format!(
                "# Left out, as they repeat an earlier column or have no options: {}.\n",
                repeated.join(", ")
            ),
        );
    }
    Ok(Draft {
        toml,
        questions: questions.into_iter().map(|(id, _, _, g)| (id, g)).collect(),
        format,
    })
}

fn guess(header: &str, cells: &[&str], format: ExportFormat) -> Guess {
    let h = normalize(header);
    let words: Vec<&str> = h.split(' ').collect();
    let has = |w: &str| words.contains(&w);
    if has("email") || has("mail") || has("mailadres") || has("emailadres") {
        return Guess::Personal("email");
    }
    if has("telefoon") || has("telefoonnummer") || has("phone") {
        return Guess::Personal("phone");
    }
    if has("naam") || has("name") {
        return Guess::Personal("name");
    }
    let norm: Vec<String> = cells.iter().map(|c| normalize(c)).collect();
    let distinct: BTreeSet<&str> = norm.iter().map(String::as_str).collect();
    if distinct.is_empty() {
        return Guess::Text;
    }
    let yes_no = ["ja", "nee", "yes", "no"];
    let lime_yes_no = ["y", "n"];
    if distinct.iter().all(|d| yes_no.contains(d))
        || (format == ExportFormat::LimeSurvey && distinct.iter().all(|d| lime_yes_no.contains(d)))
    {
        return Guess::YesNo;
    }
    if let Some(g) = guess_number(cells, &norm) {
        return g;
    }
    if let Some(g) = guess_scale(cells, &norm) {
        return g;
    }
    // Microsoft Forms joins choices with ';' (and ends with one); Google Forms with ", ".
    let joined = match format {
        ExportFormat::MsForms | ExportFormat::Plain => cells.iter().any(|c| c.contains(';')),
        ExportFormat::GoogleForms => cells.iter().any(|c| c.contains(", ")),
        ExportFormat::LimeSurvey => false,
    };
    if joined {
        let sep = if cells.iter().any(|c| c.contains(';')) {
            ";"
        } else {
            ", "
        };
        let pieces: Vec<&str> = cells.iter().flat_map(|c| c.split(sep)).collect();
        let options = first_seen(pieces.iter().copied());
        if options.len() <= MAX_OPTIONS && options.len() < cells.len() {
            return Guess::Multi {
                options,
                codes: Vec::new(),
                other: false,
            };
        }
        // Too many to be the form's choices: the ones chosen once are "other" texts.
        let mut count: HashMap<String, usize> = HashMap::new();
        for p in &pieces {
            *count.entry(normalize(p)).or_default() += 1;
        }
        let chosen: Vec<String> = options
            .into_iter()
            .filter(|o| count[&normalize(o)] > 1)
            .collect();
        if !chosen.is_empty() && chosen.len() <= MAX_OPTIONS {
            return Guess::Multi {
                options: chosen,
                codes: Vec::new(),
                other: true,
            };
        }
    }
    let options = first_seen(cells.iter().copied());
    // Answers to "why", "explain" or "which ones" are free text, however often they
    // repeat; so are answers typed in lowercase (a form's choices start with a capital).
    let open = [
        "waarom",
        "toelichting",
        "toelichten",
        "opmerking",
        "opmerkingen",
        "why",
    ]
    .iter()
    .any(|w| has(w))
        || h.starts_with("zo ja")
        || h.starts_with("zo nee")
        || h.starts_with("explain")
        || h.starts_with("comment");
    let lowercase = options
        .iter()
        .filter(|o| o.starts_with(|c: char| c.is_lowercase()))
        .count();
    // A choice repeats: more distinct answers than half the respondents is free text.
    if open
        || lowercase * 2 >= options.len()
        || options.len() > MAX_OPTIONS
        || options.len() * 2 > cells.len().max(2)
    {
        return Guess::Text;
    }
    let counts = [
        "hoeveel",
        "hoe vaak",
        "hoe lang",
        "how many",
        "how often",
        "how long",
    ];
    if counts.iter().any(|c| h.starts_with(c)) {
        if let Some(bands) = bands(&options) {
            return Guess::Bands(bands);
        }
    }
    Guess::Single(band_order(options))
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

fn guess_number(cells: &[&str], norm: &[String]) -> Option<Guess> {
    let mut unknown = Vec::new();
    let mut values = Vec::new();
    for (cell, n) in cells.iter().zip(norm) {
        if UNKNOWN.contains(&cell.trim()) || UNKNOWN.contains(&n.as_str()) {
            if !unknown.contains(&cell.trim().to_string()) {
                unknown.push(cell.trim().to_string());
            }
        } else {
            values.push(parse_number(cell)?);
        }
    }
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (!values.is_empty()).then_some(Guess::Number {
        unknown,
        min: min.min(0.0),
        max,
    })
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

/// A header as it can stand in a TOML comment: one line, no control characters.
fn comment_safe(header: &str) -> String {
    header
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Question ids from headers: lowercase ASCII words joined by `_`, at most four words
/// and 32 characters, unique within the questionnaire.
#[derive(Default)]
struct IdMaker {
    used: BTreeSet<String>,
}

impl IdMaker {
    fn make(&mut self, header: &str) -> String {
        let skip = [
            "wat", "is", "je", "heb", "hoe", "de", "het", "een", "van", "welke",
        ];
        // Words only: a header of punctuation ("???") folds to itself and gives none.
        let words: Vec<String> = normalize(header)
            .split(' ')
            .filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphanumeric()))
            .map(str::to_string)
            .collect();
        let kept: Vec<&str> = words
            .iter()
            .map(String::as_str)
            .filter(|w| !skip.contains(w))
            .take(4)
            .collect();
        let mut base = if kept.is_empty() {
            words.iter().take(4).cloned().collect::<Vec<_>>().join("_")
        } else {
            kept.join("_")
        };
        while base.len() > 32 {
            match base.rfind('_') {
                Some(cut) => base.truncate(cut),
                None => base.truncate(32),
            }
        }
        if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
            base = format!("q_{base}").trim_end_matches('_').to_string();
        }
        let mut id = base.clone();
        let mut n = 2;
        while !self.used.insert(id.clone()) {
            id = format!("{base}_{n}");
            n += 1;
        }
        id
    }
}

fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn list(items: &[String]) -> String {
    let q: Vec<String> = items.iter().map(|i| quoted(i)).collect();
    format!("[{}]", q.join(", "))
}

/// A TOML number: an integer where it is one and fits, else a float TOML can read back
/// (`1e29`, not the 30 digits `Display` gives, which TOML takes for an integer).
fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        format!("{x:?}")
    }
}

fn write_toml(
    table: &Table,
    opts: &DraftOptions,
    format: ExportFormat,
    questions: &[(String, String, Option<String>, Guess)],
) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# Draft made by `peiling init` from a {} export ({} rows).\n\
         # Check every question: the kinds are guessed from the answers. Add what an export\n\
         # cannot tell: only_if conditions, report groups, themes, the population, options\n\
         # nobody chose, and (Google Forms) choices that contain a comma themselves.\n\
         # Format: docs/questionnaire-format.md",
        format.name(),
        table.rows.len()
    );
    let _ = writeln!(s, "id = {}", quoted(&opts.id));
    let _ = writeln!(s, "title = {}", quoted(&opts.title));
    let _ = writeln!(s, "audience = {}", quoted(&opts.audience));
    for (id, text, code, guess) in questions {
        let _ = writeln!(s, "\n[[question]]");
        let _ = writeln!(s, "id = {}", quoted(id));
        let _ = writeln!(s, "text = {}", quoted(text));
        if let Some(code) = code {
            let _ = writeln!(s, "code = {}", quoted(code));
        }
        match guess {
            Guess::Single(options) => {
                let _ = writeln!(s, "kind = \"single\"\noptions = {}", list(options));
            }
            Guess::Multi {
                options,
                codes,
                other,
            } => {
                let _ = writeln!(s, "kind = \"multi\"");
                if *other {
                    // The free-text option's label, unless a choice is called that.
                    let label = [
                        "Andere",
                        "Anders",
                        "Overig",
                        "Other",
                        "Andere (toelichting)",
                    ]
                    .into_iter()
                    .find(|l| !options.iter().any(|o| normalize(o) == normalize(l)))
                    .unwrap_or("Andere (toelichting)");
                    let _ = writeln!(s, "other = {}", quoted(label));
                }
                if codes.is_empty() {
                    let _ = writeln!(s, "options = {}", list(options));
                } else {
                    for (label, code) in options.iter().zip(codes) {
                        let _ = writeln!(
                            s,
                            "  [[question.option]]\n  label = {}  # the option's text\n  code = {}",
                            quoted(label),
                            quoted(code)
                        );
                    }
                }
            }
            Guess::Scale {
                levels,
                not_applicable,
            } => {
                let _ = writeln!(s, "kind = \"scale\"\nlevels = {}", list(levels));
                if !not_applicable.is_empty() {
                    let _ = writeln!(s, "not_applicable = {}", list(not_applicable));
                }
            }
            Guess::Number { unknown, min, max } => {
                let _ = writeln!(
                    s,
                    "kind = \"number\"\nmin = {}\nmax = {}  # the largest answer; raise it to what is possible",
                    number(*min),
                    number(*max)
                );
                if !unknown.is_empty() {
                    let _ = writeln!(s, "unknown = {}", list(unknown));
                }
            }
            Guess::Bands(bands) => {
                let _ = writeln!(s, "kind = \"bands\"\nbands = [");
                for (label, min, max) in bands {
                    let mut b = format!("  {{ label = {}", quoted(label));
                    if let Some(min) = min {
                        let _ = write!(b, ", min = {}", number(*min));
                    }
                    if let Some(max) = max {
                        let _ = write!(b, ", max = {}", number(*max));
                    }
                    let _ = writeln!(s, "{b} }},");
                }
                let _ = writeln!(s, "]");
            }
            Guess::YesNo => {
                let _ = writeln!(s, "kind = \"yesno\"");
            }
            Guess::Text => {
                let _ = writeln!(s, "kind = \"text\"");
            }
            Guess::Personal(what) => {
                let _ = writeln!(s, "kind = \"personal\"\npersonal = \"{what}\"");
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
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
        d.questions
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
                other: false
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
                    other: true
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
}
