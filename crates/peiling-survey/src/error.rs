//! User-facing errors of the survey crate: definition files and imports.

use std::path::PathBuf;

pub use peiling_core::definition::{line_of, DefinitionError};

use crate::wording::ImportMessage;

/// Why a survey or export could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum SurveyError {
    #[error("{}: cannot read: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    File(#[from] crate::files::FileError),
    #[error(transparent)]
    Definition(#[from] DefinitionError),
    #[error(transparent)]
    Import(#[from] ImportError),
}

/// A problem that stops an export from being imported; always names the file, the row
/// and the column (1:1 when the file as a whole is wrong).
#[derive(Debug)]
pub struct ImportError {
    pub file: String,
    /// `row:column: `.
    pub location: String,
    /// What is wrong, by its facts ([`ImportMessage::text`] words it in either language;
    /// boxed: an error stays small to hand back).
    pub message: Box<ImportMessage>,
    /// The import setting that led to the problem, named by whoever shows the message
    /// (the command line names its flag).
    pub given: Option<ImportSetting>,
}

/// In English: the terminal's line.
impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(true))
    }
}

impl std::error::Error for ImportError {}

/// An import setting a message can point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportSetting {
    /// The name of the workbook sheet to read.
    Sheet,
}

impl ImportSetting {
    /// The setting as a concept, in English or Dutch.
    pub fn text(self, english: bool) -> &'static str {
        match (self, english) {
            (ImportSetting::Sheet, true) => "a sheet name",
            (ImportSetting::Sheet, false) => "een bladnaam",
        }
    }
}

impl std::fmt::Display for ImportSetting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text(true))
    }
}

impl ImportError {
    /// The whole line, `file:row:column: message`, in English (as `Display`) or Dutch.
    pub fn text(&self, english: bool) -> String {
        let given = self.given.map(|g| {
            if english {
                format!(" ({} was given)", g.text(true))
            } else {
                format!(" ({} was opgegeven)", g.text(false))
            }
        });
        format!(
            "{}:{}{}{}",
            self.file,
            self.location,
            self.message.text(english),
            given.unwrap_or_default()
        )
    }

    /// The file as a whole is wrong: located at its start.
    pub fn file(file: &str, message: impl Into<ImportMessage>) -> Self {
        Self::at(file, 1, 1, message)
    }

    /// `file:row:column: message`, both 1-based.
    pub fn at(file: &str, row: usize, column: usize, message: impl Into<ImportMessage>) -> Self {
        ImportError {
            file: one_line(file),
            location: format!("{row}:{column}: "),
            message: Box::new(message.into()),
            given: None,
        }
    }

    /// The same problem, caused by the import setting `given`.
    pub fn given(mut self, setting: ImportSetting) -> Self {
        self.given = Some(setting);
        self
    }

    pub fn row(file: &str, row: usize, message: impl Into<ImportMessage>) -> Self {
        ImportError {
            file: one_line(file),
            location: format!("{row}: "),
            message: Box::new(message.into()),
            given: None,
        }
    }

    pub fn cell(file: &str, row: usize, column: &str, message: impl Into<ImportMessage>) -> Self {
        ImportError {
            file: one_line(file),
            location: format!("{row}:{column}: "),
            message: Box::new(message.into()),
            given: None,
        }
    }
}

/// Messages quote the input (answers, sheet names, a parser's own text): line breaks
/// and other control characters in it are written escaped, so an error stays one line.
pub fn one_line(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}
