//! A first questionnaire definition guessed from an export, for a team that has the
//! export but no TOML yet: one question per column, its kind read off the answers.
//!
//! The guess is a draft to edit, not a model: it cannot know conditions (`only_if`),
//! report groups or catalogue themes. What it had to guess at (a Google Forms choice
//! with a comma, "other" texts, a number word, a scale read off numbers) it says, per
//! question, as `# unsure:` notes. It always parses, and the export it came from
//! always imports with it; a problem in that import should be on a question with a
//! note (checked on every export in the repository and on random ones).

mod guess;
mod ids;
mod multi;
mod write;

use std::collections::{BTreeSet, HashMap};

use crate::error::ImportError;
use crate::import::columns::{is_subquestion_header, meta_field};
use crate::import::{
    detect_format, import_table, read_table, require_rows, ExportFormat, ImportOptions, Table,
    TableOptions,
};
use crate::normalize::normalize;
use crate::questionnaire::Questionnaire;
use crate::response::ImportReport;
use guess::guess;
use ids::IdMaker;
use write::write_toml;

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
        /// The label of the free-text option, when the answers show one.
        other: Option<String>,
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

/// One drafted question: its id, the column it reads, the guessed kind, and what in
/// that guess is uncertain (empty when nothing is).
#[derive(Debug, Clone, PartialEq)]
pub struct DraftQuestion {
    pub id: String,
    /// The column header, as the question's text.
    pub text: String,
    /// LimeSurvey: the question code the header is.
    pub code: Option<String>,
    pub guess: Guess,
    pub unsure: Vec<String>,
}

/// A draft: the TOML text and its questions.
#[derive(Debug, Clone)]
pub struct Draft {
    pub toml: String,
    pub questions: Vec<DraftQuestion>,
    pub format: ExportFormat,
}

impl Draft {
    /// The questions whose guess is uncertain, each with its notes.
    pub fn unsure(&self) -> impl Iterator<Item = &DraftQuestion> {
        self.questions.iter().filter(|q| !q.unsure.is_empty())
    }
}

/// A draft with what its own export gave when read with it.
#[derive(Debug, Clone)]
pub struct CheckedDraft {
    pub draft: Draft,
    pub report: ImportReport,
}

/// Why an export gave no draft.
#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    /// The export cannot be read (or has nothing to draft).
    #[error(transparent)]
    Export(#[from] ImportError),
    /// The draft does not parse: peiling's fault, not the user's.
    #[error("the draft does not parse (a bug in peiling init, please report it): {0}")]
    Unparsable(String),
}

/// The title a draft gets from its export's file name without extension.
pub fn default_title(stem: &str) -> String {
    format!("Enquête {stem}")
}

/// The draft of the export `file` (its bytes), checked by reading the export with it
/// before it is handed over (`peiling init`, the web page's draft).
pub fn draft_export(
    file: &str,
    bytes: &[u8],
    table: &TableOptions,
    opts: &DraftOptions,
) -> Result<CheckedDraft, DraftError> {
    let table = read_table(file, bytes, table)?;
    let made = draft(file, &table, opts)?;
    // The draft must parse and read its own export: a failure here is peiling's.
    let questionnaire = Questionnaire::from_toml("draft.toml", &made.toml)
        .map_err(|e| DraftError::Unparsable(e.to_string()))?;
    let import = ImportOptions {
        format: Some(made.format),
        ..ImportOptions::default()
    };
    let report = import_table(&questionnaire, file, table, &import)?.report;
    Ok(CheckedDraft {
        draft: made,
        report,
    })
}

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
    let mut questions: Vec<DraftQuestion> = Vec::new();
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
                        questions.push(DraftQuestion {
                            id: ids.make(code),
                            text: code.to_string(),
                            code: Some(code.to_string()),
                            guess: Guess::Multi {
                                options: Vec::new(),
                                codes: Vec::new(),
                                other: None,
                            },
                            unsure: Vec::new(),
                        });
                        lime_multi.insert(code.to_string(), questions.len() - 1);
                        questions.len() - 1
                    }
                };
                if let Guess::Multi {
                    options,
                    codes,
                    other,
                } = &mut questions[at].guess
                {
                    let again = if sub.eq_ignore_ascii_case("other") {
                        other.replace(String::new()).is_some()
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
        let (guess, unsure) = guess(header, &column(c), format);
        questions.push(DraftQuestion {
            id: ids.make(header),
            text: header.trim().to_string(),
            code,
            guess,
            unsure,
        });
    }
    // A LimeSurvey "other" column without option columns has no choices to draft.
    questions.retain(|q| {
        let empty = matches!(&q.guess, Guess::Multi { options, .. } if options.is_empty());
        if empty {
            repeated.push(format!(
                "\"{}[other]\" (no option columns)",
                comment_safe(&q.text)
            ));
        }
        !empty
    });
    // A LimeSurvey [other] column: its option gets a label no choice has.
    for q in &mut questions {
        if let Guess::Multi {
            options,
            other: Some(label),
            ..
        } = &mut q.guess
        {
            if label.is_empty() {
                *label = multi::other_label(options);
            }
        }
    }
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
        questions,
        format,
    })
}

/// At most four texts, quoted, for a note: `"a", "b", "c", "d" and 2 more`.
fn quote_some(items: &[String]) -> String {
    let mut s: Vec<String> = items
        .iter()
        .take(4)
        .map(|i| format!("\"{}\"", comment_safe(i)))
        .collect();
    if items.len() > 4 {
        s.push(format!("and {} more", items.len() - 4));
        let last = s.pop().unwrap_or_default();
        return format!("{} {last}", s.join(", "));
    }
    s.join(", ")
}

/// A header as it can stand in a TOML comment: one line, no control characters.
pub(crate) fn comment_safe(header: &str) -> String {
    header
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests;
