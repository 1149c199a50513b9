//! The errors of the records store, typed: the user's mistakes apart from the store's own.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum RecordsError {
    /// The database file cannot be created or opened where it was asked for.
    #[error("{}: cannot open the records database: {source}", path.display())]
    Open {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file exists but is no records database: SQLite's own words stay out.
    #[error("{}: is not a peiling records database: {holds}", path.display())]
    NotADatabase { path: PathBuf, holds: NotRecords },
    #[error("{}: was written by a newer peiling (schema {found}, this one knows up to {known}); use that version", path.display())]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error(transparent)]
    File(#[from] peiling_survey::FileError),
    #[error(transparent)]
    Import(#[from] peiling_survey::ImportError),
    #[error(transparent)]
    Definition(#[from] peiling_survey::DefinitionError),
    #[error("{file}: {message}")]
    Input { file: String, message: String },
    #[error("no person matches \"{0}\"; `list` shows how many there are, a person is found by number (#12), e-mail address or full name")]
    NoSuchPerson(String),
    #[error("\"{query}\" matches {} persons ({}); use the number", ids.len(), ids.iter().map(|i| format!("#{i}")).collect::<Vec<_>>().join(", "))]
    AmbiguousPerson { query: String, ids: Vec<i64> },
    #[error("no activity \"{0}\"; declare it first or import the plan.json it comes from")]
    NoSuchActivity(String),
    #[error("{0}")]
    Invalid(String),
    #[error("school year \"{0}\": expected a school year such as 2021-2022")]
    BadYear(String),
    #[error("school year {0}: nobody attended an activity that year; nothing to certify")]
    NoAttendance(String),
    /// The store itself failed (a bug, a full disk, a damaged file): not the user's input.
    #[error("records database: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("records database: {0}")]
    Io(#[from] std::io::Error),
}

/// What a file that is no records database holds instead, as far as can be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NotRecords {
    /// Not an SQLite file at all.
    #[error("the file holds something else (text, a document, a spreadsheet)")]
    Other,
    /// An SQLite file whose pages do not read back.
    #[error("the file is damaged; take a backup copy of it")]
    Damaged,
    /// An SQLite file of another program.
    #[error("it holds the tables of another program")]
    ForeignTables,
}

impl RecordsError {
    /// Whether the user can fix it (exit code 2) rather than peiling (exit code 1).
    /// A full disk, a read-only file or folder: the machine's state or the user's path,
    /// which the user can fix, as with every other output peiling writes.
    pub fn is_user_error(&self) -> bool {
        use rusqlite::ErrorCode::{CannotOpen, DiskFull, PermissionDenied, ReadOnly};
        match self {
            RecordsError::Sql(rusqlite::Error::SqliteFailure(f, _)) => {
                matches!(f.code, DiskFull | ReadOnly | CannotOpen | PermissionDenied)
            }
            RecordsError::Sql(_) | RecordsError::Io(_) => false,
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite(code: std::ffi::c_int) -> RecordsError {
        RecordsError::Sql(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(code),
            None,
        ))
    }

    #[test]
    fn a_full_disk_or_read_only_file_is_for_the_user_a_broken_one_for_us() {
        assert!(sqlite(rusqlite::ffi::SQLITE_FULL).is_user_error());
        assert!(sqlite(rusqlite::ffi::SQLITE_READONLY).is_user_error());
        assert!(!sqlite(rusqlite::ffi::SQLITE_CORRUPT).is_user_error());
        assert!(!sqlite(rusqlite::ffi::SQLITE_MISUSE).is_user_error());
        assert!(RecordsError::NoSuchPerson("x".into()).is_user_error());
    }
}
