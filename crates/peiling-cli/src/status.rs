//! Exit codes: 0 ok, 1 internal error, 2 user error; a closed pipe is a normal exit.

use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// The command did what was asked.
    Success,
    /// peiling itself failed: a bug or the machine (disk full, ...).
    Failure,
    /// The input or the arguments were wrong; the message says how.
    Error,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> Self {
        match status {
            ExitStatus::Success => ExitCode::SUCCESS,
            ExitStatus::Failure => ExitCode::from(1),
            ExitStatus::Error => ExitCode::from(2),
        }
    }
}

/// A mistake of the user that the CLI itself found (conflicting flags, a bad value).
#[derive(Debug)]
pub struct UserError(pub String);

impl std::fmt::Display for UserError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UserError {}

pub fn user(message: impl Into<String>) -> anyhow::Error {
    UserError(message.into()).into()
}

/// Prints the error as one line and picks the exit status.
pub fn report(err: &anyhow::Error) -> ExitStatus {
    for cause in err.chain() {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::BrokenPipe {
                return ExitStatus::Success;
            }
        }
    }
    // A full disk under standard output (`peiling analyze > file`) is the machine's
    // state, not peiling's failure; the files peiling opens itself say so in output.rs.
    let full = err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| {
            matches!(
                rustix::io::Errno::from_io_error(io),
                Some(rustix::io::Errno::NOSPC | rustix::io::Errno::DQUOT)
            )
        })
    });
    if full {
        eprintln!("peiling: cannot write the output: the disk is full");
        return ExitStatus::Error;
    }
    let user_error = err.chain().any(|c| {
        c.is::<UserError>()
            || c.is::<peiling_survey::SurveyError>()
            || c.is::<peiling_survey::FileError>()
            || c.is::<peiling_survey::ImportError>()
            || c.is::<peiling_survey::DefinitionError>()
            || c.downcast_ref::<peiling_records::RecordsError>()
                .is_some_and(peiling_records::RecordsError::is_user_error)
            || matches!(
                c.downcast_ref::<peiling_analysis::AnalysisError>(),
                Some(
                    peiling_analysis::AnalysisError::Invalid(_)
                        | peiling_analysis::AnalysisError::Request { .. }
                        | peiling_analysis::AnalysisError::Import(_)
                )
            )
            || c.is::<peiling_planner::PlanError>()
            || c.downcast_ref::<peiling_panel::PanelError>()
                .is_some_and(peiling_panel::PanelError::is_user_error)
    });
    // Library errors often print their source already ("cannot read: {source}"):
    // a cause whose text is there is not repeated.
    let mut message = String::new();
    for cause in err.chain() {
        // Library errors name settings as concepts; the terminal names the flags.
        let text = crate::messages::describe(cause).unwrap_or_else(|| cause.to_string());
        if message.is_empty() {
            message = text;
        } else if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
    }
    let message = crate::commands::terminal_safe(&message.replace('\n', " "));
    eprintln!("peiling: {message}");
    if user_error {
        ExitStatus::Error
    } else {
        ExitStatus::Failure
    }
}
