//! Respondent-level answers as they come out of the import, and the import's accounting.

use serde::Serialize;

/// One question's answer of one respondent.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Answer {
    /// "geen antwoord": the cell was empty.
    NoAnswer,
    /// The cell held something the question does not accept; the problem is listed.
    Invalid(String),
    /// Index into the question's categories: option, scale level, band, or yes (0) / no (1).
    Choice(usize),
    /// A scale's not-applicable level (index into `not_applicable`).
    NotApplicable(usize),
    /// Multi-select: chosen option indices in option order, and the "other" text.
    Multi {
        chosen: Vec<usize>,
        other: Option<String>,
    },
    /// A number; for a bands question, the band it falls in.
    Number {
        value: f64,
        band: Option<usize>,
    },
    /// A marker such as "???": the respondent answered but the value is unknown.
    Unknown(String),
    Text(String),
}

impl Answer {
    pub fn is_answered(&self) -> bool {
        !matches!(self, Answer::NoAnswer | Answer::Invalid(_))
    }

    /// The category index for single-category answers (choice, or a band by number).
    pub fn category(&self) -> Option<usize> {
        match self {
            Answer::Choice(i) => Some(*i),
            Answer::Number { band, .. } => *band,
            _ => None,
        }
    }
}

/// Export metadata of one submission.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Meta {
    pub id: Option<String>,
    pub started: Option<String>,
    pub completed: Option<String>,
    /// Personal data: never reported unless asked for.
    #[serde(skip)]
    pub email: Option<String>,
    /// Personal data: never reported unless asked for.
    #[serde(skip)]
    pub name: Option<String>,
}

/// One accepted submission: answers in questionnaire order.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// Row in the source file (1-based, the header is row 1 in a spreadsheet; for CSV the line).
    pub row: usize,
    pub meta: Meta,
    pub answers: Vec<Answer>,
}

/// A problem with one cell: `file:row:column: found, expected`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub row: usize,
    /// 1-based column number in the file.
    pub column: usize,
    pub header: String,
    pub question: Option<String>,
    pub found: String,
    pub expected: crate::wording::Expected,
}

/// A row that was not accepted, kept with its fields so it can be written out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rejected {
    pub row: usize,
    /// 1-based column the reason points at (the first extra or missing field, the
    /// required question's column).
    pub column: usize,
    pub reason: crate::wording::RowReason,
    pub fields: Vec<String>,
}

/// A tolerated spelling: `from` was read as the option `to`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coercion {
    pub question: String,
    pub from: String,
    pub to: String,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Duplicate {
    pub row: usize,
    pub first_row: usize,
    pub key: String,
    pub kept: bool,
}

/// Per question: answered + no_answer + invalid + not_asked = accepted rows; the first
/// three count the respondents the question was put to (its `only_if` held), as the
/// figures do.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct QuestionTally {
    pub question: String,
    pub answered: usize,
    pub no_answer: usize,
    pub invalid: usize,
    /// Part of `answered`: "???" and the like.
    pub unknown: usize,
    /// Part of `answered`: a scale's "n.v.t." levels.
    pub not_applicable: usize,
    /// Respondents the question was not put to (its `only_if` did not hold).
    pub not_asked: usize,
    /// Part of `not_asked`: they answered anyway; each is a listed problem and the
    /// answer is left out of the figures.
    pub answered_not_asked: usize,
}

/// What the import did with every row and cell of one file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportReport {
    pub file: String,
    pub format: String,
    pub encoding: String,
    /// The export's header row as read (for writing rejected rows back out).
    pub headers: Vec<String>,
    pub rows_read: usize,
    pub rows_accepted: usize,
    pub rejected: Vec<Rejected>,
    pub problems: Vec<Problem>,
    pub coercions: Vec<Coercion>,
    pub unmatched_columns: Vec<String>,
    /// Questions without a column: all their answers are "geen antwoord".
    pub missing_questions: Vec<String>,
    pub duplicates: Vec<Duplicate>,
    pub tallies: Vec<QuestionTally>,
    pub warnings: Vec<String>,
    /// The latest completion date of the accepted rows (`YYYY-MM-DD`), from the
    /// export's completion-time column; `None` without one or without a readable date.
    pub last_submission: Option<String>,
}

impl QuestionTally {
    /// Counts `n` respondents who were asked the question and gave `answer`.
    pub(crate) fn asked(&mut self, answer: &Answer, n: usize) {
        match answer {
            Answer::NoAnswer => self.no_answer += n,
            Answer::Invalid(_) => self.invalid += n,
            Answer::Unknown(_) => {
                self.answered += n;
                self.unknown += n;
            }
            Answer::NotApplicable(_) => {
                self.answered += n;
                self.not_applicable += n;
            }
            _ => self.answered += n,
        }
    }
}

impl ImportReport {
    pub fn rows_rejected(&self) -> usize {
        self.rejected.len()
    }

    /// True when nothing needs the user's attention.
    pub fn is_clean(&self) -> bool {
        self.rejected.is_empty()
            && self.problems.is_empty()
            && self.unmatched_columns.is_empty()
            && self.missing_questions.is_empty()
            && self.duplicates.is_empty()
    }
}
