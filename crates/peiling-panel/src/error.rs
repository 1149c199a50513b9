//! The errors of the panel crate: a series definition that does not fit, a survey of a
//! series that cannot be loaded, and failures inside polars or while writing.

use std::path::PathBuf;

/// What can go wrong in the panel crate. Messages name files and settings as concepts,
/// never command-line flags.
#[derive(Debug, thiserror::Error)]
pub enum PanelError {
    /// The series definition is not valid: file, line and what was expected.
    #[error("{file}:{line}: {message}")]
    Definition {
        file: String,
        line: usize,
        message: String,
    },
    /// An edition's survey could not be loaded.
    #[error("edition {edition}: {source}")]
    Edition {
        edition: String,
        #[source]
        source: peiling_survey::SurveyError,
    },
    /// A file of the series could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Writing the tidy data failed (the destination's own error is the source).
    #[error("cannot write the tidy data: {0}")]
    Write(#[source] std::io::Error),
    /// Parquet was asked for, but this build has no Parquet writer.
    #[error("this peiling was built without Parquet support (the `parquet` feature of peiling-panel): write CSV, or build it with that feature")]
    NoParquet,
    /// A failure inside the data-frame computation itself (a bug, not the input).
    #[error("internal error in the data frames: {0}")]
    Frame(String),
}

impl PanelError {
    /// True when the user's input is at fault (exit code 2 in the binary).
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            PanelError::Definition { .. }
                | PanelError::Edition { .. }
                | PanelError::Read { .. }
                | PanelError::NoParquet
        )
    }
}

impl From<polars::prelude::PolarsError> for PanelError {
    fn from(e: polars::prelude::PolarsError) -> Self {
        PanelError::Frame(e.to_string())
    }
}
