//! The import's problems in words: each message a typed variant holding its facts, worded
//! once in English (the terminal's, and `Display`) and once in Dutch (the page's), side
//! by side, so the two languages never drift apart.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::error::one_line;

/// The quoted labels of a list: `"A", "B"`.
fn quoted(labels: &[String]) -> String {
    labels
        .iter()
        .map(|l| format!("\"{l}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a cell should have held, by its facts.
#[derive(Debug, Clone, PartialEq)]
pub enum Expected {
    /// One of these option labels.
    OneOf(Vec<String>),
    /// A number, with its unit and the texts that stand for "unknown".
    Number {
        unit: Option<String>,
        unknown: Vec<String>,
    },
    /// A number between two bounds (written as text: "-∞" and "∞" when open).
    Range {
        min: String,
        max: String,
        unit: Option<String>,
    },
    /// A number inside one of the bands, or one of the bands' labels.
    InBand(Vec<String>),
    /// Options among these labels; `others` named none of them.
    Among { labels: Vec<String>, others: String },
    /// No answer: the question was not asked (only when `question` is `answer`).
    NotAsked { condition: Option<(String, String)> },
    /// UTF-8 on a line that was read as Windows-1252.
    Utf8,
    /// A value stored in the workbook's cell, not a formula.
    StoredValue { cell: String },
}

impl Expected {
    /// The words, in English or Dutch.
    pub fn text(&self, english: bool) -> String {
        match (self, english) {
            (Expected::OneOf(labels), true) => format!("one of {}", quoted(labels)),
            (Expected::OneOf(labels), false) => format!("een van {}", quoted(labels)),
            (Expected::Number { unit, unknown }, _) => {
                let mut s = if english { "a number" } else { "een getal" }.to_string();
                if let Some(u) = unit {
                    s.push_str(&format!(" ({u})"));
                }
                if !unknown.is_empty() {
                    let or = if english { "or" } else { "of" };
                    s.push_str(&format!(" {or} {}", quoted(unknown)));
                }
                s
            }
            (Expected::Range { min, max, unit }, _) => {
                let unit = unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default();
                if english {
                    format!("a number from {min} to {max}{unit}")
                } else {
                    format!("een getal van {min} tot en met {max}{unit}")
                }
            }
            (Expected::InBand(labels), true) => format!(
                "a number inside one of the bands, or one of {}",
                quoted(labels)
            ),
            (Expected::InBand(labels), false) => format!(
                "een getal binnen een van de klassen, of een van {}",
                quoted(labels)
            ),
            (Expected::Among { labels, others }, true) => format!(
                "options among {} (\"{others}\" is none of them)",
                quoted(labels)
            ),
            (Expected::Among { labels, others }, false) => format!(
                "antwoorden uit {} (\"{others}\" is daar geen van)",
                quoted(labels)
            ),
            (Expected::NotAsked { condition }, true) => format!(
                "no answer: answered although not asked{}",
                condition
                    .as_ref()
                    .map(|(q, a)| format!(" (only asked when \"{q}\" is \"{a}\")"))
                    .unwrap_or_default()
            ),
            (Expected::NotAsked { condition }, false) => format!(
                "geen antwoord: beantwoord terwijl de vraag niet gesteld is{}",
                condition
                    .as_ref()
                    .map(|(q, a)| format!(" (alleen gesteld als \"{q}\" \"{a}\" is)"))
                    .unwrap_or_default()
            ),
            (Expected::Utf8, true) => {
                "UTF-8 as in the rest of the file (this line was read as Windows-1252)".into()
            }
            (Expected::Utf8, false) => {
                "UTF-8 zoals in de rest van het bestand (deze regel is gelezen als Windows-1252)"
                    .into()
            }
            (Expected::StoredValue { cell }, true) => format!(
                "a value stored in cell {cell}: the formula's result was never saved and peiling does not compute formulas (open the workbook in Excel and save it again)"
            ),
            (Expected::StoredValue { cell }, false) => format!(
                "een opgeslagen waarde in cel {cell}: de uitkomst van de formule is nooit bewaard en peiling rekent geen formules uit (open de werkmap in Excel en sla hem opnieuw op)"
            ),
        }
    }
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(true))
    }
}

/// Written as its English words, as before it had a type (the JSON stays the same).
impl Serialize for Expected {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text(true))
    }
}

/// Why a row is no response at all, by its facts.
#[derive(Debug, Clone, PartialEq)]
pub enum RowReason {
    /// Every cell empty.
    Empty,
    /// The header row once more.
    HeaderAgain,
    /// Another number of fields than the header has.
    Fields { found: usize, expected: usize },
    /// No valid answer to the required question `id`.
    NoRequiredAnswer { id: String },
    /// A second submission the duplicate policy drops.
    SecondSubmission,
    /// A workbook row read a second time.
    RepeatedRow { row: usize },
}

impl RowReason {
    /// The words, in English or Dutch.
    pub fn text(&self, english: bool) -> String {
        match (self, english) {
            (RowReason::Empty, true) => "found an empty row, expected a response".into(),
            (RowReason::Empty, false) => "een lege rij gevonden, verwacht een antwoord".into(),
            (RowReason::HeaderAgain, true) => {
                "found the header row again, expected a response (were two exports pasted together?)".into()
            }
            (RowReason::HeaderAgain, false) => {
                "de kopregel nog een keer gevonden, verwacht een antwoord (zijn twee exports aan elkaar geplakt?)".into()
            }
            (RowReason::Fields { found, expected }, true) => format!(
                "found {found} fields, expected {expected} as in the header: a separator too many or too few?"
            ),
            (RowReason::Fields { found, expected }, false) => format!(
                "{found} velden gevonden, verwacht {expected} zoals in de kopregel: een scheidingsteken te veel of te weinig?"
            ),
            (RowReason::NoRequiredAnswer { id }, true) => {
                format!("found no valid answer to required question \"{id}\", expected one")
            }
            (RowReason::NoRequiredAnswer { id }, false) => format!(
                "geen geldig antwoord gevonden op de verplichte vraag \"{id}\", verwacht er een"
            ),
            (RowReason::SecondSubmission, true) => {
                "found a second submission of the same respondent, expected one (the other was kept)".into()
            }
            (RowReason::SecondSubmission, false) => {
                "een tweede inzending van dezelfde persoon gevonden, verwacht er een (de andere is bewaard)".into()
            }
            (RowReason::RepeatedRow { row }, true) => format!(
                "found row {row} of the sheet a second time, expected each row once (the first was read)"
            ),
            (RowReason::RepeatedRow { row }, false) => format!(
                "rij {row} van het werkblad een tweede keer gevonden, verwacht elke rij één keer (de eerste is gelezen)"
            ),
        }
    }
}

impl fmt::Display for RowReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(true))
    }
}

/// Written as its English words, as before it had a type.
impl Serialize for RowReason {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text(true))
    }
}

/// What an [`crate::ImportError`] says after its `file:row:column: `.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportMessage {
    /// A message not (yet) typed: the same English words in both languages.
    Text(String),
    /// A cell that is not an answer to its question.
    Cell {
        header: String,
        found: String,
        expected: Expected,
    },
    /// An optional question without a column: all its answers count as no answer.
    NoColumn { id: String, text: String },
    /// A required question without a column.
    NoRequiredColumn {
        id: String,
        kind: &'static str,
        text: String,
    },
    /// No column matches any question of the questionnaire.
    NoQuestionColumns { questionnaire: String },
    /// A header row and nothing under it.
    OnlyHeader,
    /// A row that is no response (accounted as rejected).
    Rejected(RowReason),
    /// A second submission of the respondent of `first_row` (by `key`), kept or dropped.
    Duplicate {
        first_row: usize,
        key: String,
        kept: bool,
    },
}

impl ImportMessage {
    /// The words, in English or Dutch, on one line.
    pub fn text(&self, english: bool) -> String {
        let text = match (self, english) {
            (ImportMessage::Text(text), _) => text.clone(),
            (
                ImportMessage::Cell {
                    header,
                    found,
                    expected,
                },
                true,
            ) => format!(
                "column \"{}\": found \"{}\", expected {}",
                short(header, 60),
                short(found, 80),
                expected.text(true)
            ),
            (
                ImportMessage::Cell {
                    header,
                    found,
                    expected,
                },
                false,
            ) => format!(
                "kolom \"{}\": \"{}\" gevonden, verwacht {}",
                short(header, 60),
                short(found, 80),
                expected.text(false)
            ),
            (ImportMessage::NoColumn { id, text }, true) => format!(
                "found no column for question \"{id}\" (\"{text}\"), expected one: all its answers count as geen antwoord"
            ),
            (ImportMessage::NoColumn { id, text }, false) => format!(
                "geen kolom gevonden voor vraag \"{id}\" (\"{text}\"), verwacht er een: al haar antwoorden tellen als geen antwoord"
            ),
            (ImportMessage::NoRequiredColumn { id, kind, text }, true) => format!(
                "found no column for required question \"{id}\" ({kind}), expected a header \"{text}\""
            ),
            (ImportMessage::NoRequiredColumn { id, kind, text }, false) => format!(
                "geen kolom gevonden voor de verplichte vraag \"{id}\" ({kind}), verwacht een kolomkop \"{text}\""
            ),
            (ImportMessage::NoQuestionColumns { questionnaire }, true) => format!(
                "found no column that matches a question of \"{questionnaire}\", expected the headers of its questions: is this the right questionnaire for this export?"
            ),
            (ImportMessage::NoQuestionColumns { questionnaire }, false) => format!(
                "geen kolom gevonden die bij een vraag van \"{questionnaire}\" past, verwacht de kolomkoppen van de vragen: is dit de goede vragenlijst bij deze export?"
            ),
            (ImportMessage::OnlyHeader, true) => {
                "found only a header row, expected responses below it".into()
            }
            (ImportMessage::OnlyHeader, false) => {
                "alleen een kopregel gevonden, verwacht antwoorden eronder".into()
            }
            (ImportMessage::Rejected(reason), true) => format!("row rejected: {}", reason.text(true)),
            (ImportMessage::Rejected(reason), false) => {
                format!("rij afgekeurd: {}", reason.text(false))
            }
            (
                ImportMessage::Duplicate {
                    first_row,
                    key,
                    kept,
                },
                true,
            ) => format!(
                "duplicate submission of row {first_row} ({key}), {}",
                if *kept { "kept" } else { "dropped" }
            ),
            (
                ImportMessage::Duplicate {
                    first_row,
                    key,
                    kept,
                },
                false,
            ) => format!(
                "dubbele inzending van rij {first_row} ({key}), {}",
                if *kept { "bewaard" } else { "weggelaten" }
            ),
        };
        one_line(&text)
    }
}

impl fmt::Display for ImportMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(true))
    }
}

impl From<String> for ImportMessage {
    fn from(text: String) -> Self {
        ImportMessage::Text(text)
    }
}

impl From<&str> for ImportMessage {
    fn from(text: &str) -> Self {
        ImportMessage::Text(text.to_string())
    }
}

/// `s`, cut at `max` characters with "…".
fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_message_has_its_english_and_its_dutch_words() {
        let cell = ImportMessage::Cell {
            header: "Leeftijd".into(),
            found: "oud".into(),
            expected: Expected::OneOf(vec!["20-29".into(), "30-39".into()]),
        };
        assert_eq!(
            cell.to_string(),
            "column \"Leeftijd\": found \"oud\", expected one of \"20-29\", \"30-39\""
        );
        assert_eq!(
            cell.text(false),
            "kolom \"Leeftijd\": \"oud\" gevonden, verwacht een van \"20-29\", \"30-39\""
        );
        let number = Expected::Number {
            unit: Some("jaar".into()),
            unknown: vec!["weet niet".into()],
        };
        assert_eq!(number.to_string(), "a number (jaar) or \"weet niet\"");
        assert_eq!(number.text(false), "een getal (jaar) of \"weet niet\"");
        let missing = ImportMessage::NoColumn {
            id: "rol".into(),
            text: "Je rol".into(),
        };
        assert!(missing
            .text(false)
            .starts_with("geen kolom gevonden voor vraag \"rol\""));
        // A line break in the input stays escaped in both languages.
        let broken = ImportMessage::NoQuestionColumns {
            questionnaire: "a\nb".into(),
        };
        assert!(!broken.text(true).contains('\n') && !broken.text(false).contains('\n'));
        assert_eq!(
            serde_json::to_string(&Expected::Utf8).unwrap(),
            "\"UTF-8 as in the rest of the file (this line was read as Windows-1252)\""
        );
    }
}
