//! User-facing errors of the survey crate: definition files and imports.

use std::path::PathBuf;

/// A mistake in a questionnaire or survey definition file, located by line.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct DefinitionError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl DefinitionError {
    pub fn at(file: &str, source: &str, offset: usize, message: String) -> Self {
        DefinitionError {
            file: file.to_string(),
            line: line_of(source, offset),
            message,
        }
    }

    pub(crate) fn toml(
        file: &str,
        source: &str,
        span: Option<std::ops::Range<usize>>,
        message: &str,
    ) -> Self {
        // toml's messages can span several lines; the first carries the meaning.
        let message = message.lines().next().unwrap_or("invalid TOML").trim();
        Self::at(
            file,
            source,
            span.map_or(0, |s| s.start),
            format!("invalid TOML: {message}"),
        )
    }
}

/// 1-based line of a byte offset.
pub fn line_of(source: &str, offset: usize) -> usize {
    let end = offset.min(source.len());
    source.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Why a survey or export could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum SurveyError {
    #[error("{}: cannot read: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Definition(#[from] DefinitionError),
    #[error(transparent)]
    Import(#[from] ImportError),
}

/// A problem that stops an export from being imported; always names the file and
/// where possible the row and column.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{location}{message}")]
pub struct ImportError {
    pub file: String,
    /// `row:column: `, `row: ` or empty.
    pub location: String,
    pub message: String,
}

impl ImportError {
    pub fn file(file: &str, message: impl Into<String>) -> Self {
        ImportError {
            file: file.to_string(),
            location: " ".into(),
            message: message.into(),
        }
    }

    pub fn row(file: &str, row: usize, message: impl Into<String>) -> Self {
        ImportError {
            file: file.to_string(),
            location: format!("{row}: "),
            message: message.into(),
        }
    }

    pub fn cell(file: &str, row: usize, column: &str, message: impl Into<String>) -> Self {
        ImportError {
            file: file.to_string(),
            location: format!("{row}:{column}: "),
            message: message.into(),
        }
    }
}
