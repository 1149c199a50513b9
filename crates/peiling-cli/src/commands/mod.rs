//! One module per subcommand; `dispatch` routes the parsed arguments to it.

mod analyze;
mod init;
mod plan;
mod report;
mod synth;
mod validate;

use anyhow::Result;

use crate::args::{Cli, Command};

pub fn dispatch(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Validate(args) => validate::run(&args),
        Command::Analyze(args) => analyze::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Plan(args) => plan::run(&args),
        Command::Synth(args) => synth::run(&args),
        Command::Init(args) => init::run(&args),
    }
}

/// Writes `text` to `path` through a temporary file and a rename, so an interrupted
/// run leaves the old file or the new one, never half of one.
pub fn write_atomic(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    use anyhow::Context;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let name = path
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.peiling-tmp"));
    std::fs::write(&tmp, bytes).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

/// Text for the user's terminal: control characters and bidi controls from the input
/// are shown escaped, so a hostile answer cannot repaint, retitle or reorder it.
pub fn terminal_safe(text: &str) -> String {
    peiling_core::privacy::terminal(text).into_owned()
}

/// OWASP CSV injection: a cell starting with = + - @ (or tab/CR) is prefixed with '.
pub fn csv_safe(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// The temporary sibling a file is written to before the rename.
pub fn temp_path(path: &std::path::Path) -> std::path::PathBuf {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    dir.join(format!(".{name}.peiling-tmp"))
}

/// peiling never writes over its input: an output path that is one of the input files
/// is a user error.
pub fn refuse_input(out: &std::path::Path, args: &crate::args::SurveyArgs) -> Result<()> {
    let same = |input: &std::path::Path| match (out.canonicalize(), input.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    let mut inputs: Vec<std::path::PathBuf> = Vec::new();
    inputs.extend(args.questionnaire.clone());
    inputs.extend(args.data.clone());
    if let Some(s) = &args.survey {
        let dir = if s.is_dir() {
            s.clone()
        } else {
            s.parent().map(|p| p.to_path_buf()).unwrap_or_default()
        };
        if let Ok(entries) = std::fs::read_dir(&dir) {
            inputs.extend(entries.flatten().map(|e| e.path()));
        }
    }
    match inputs.iter().find(|i| same(i)) {
        Some(i) => Err(crate::status::user(format!(
            "{}: is an input file; peiling never writes over its input, choose another output",
            i.display()
        ))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::csv_safe;

    #[test]
    fn cells_that_a_spreadsheet_would_run_are_quoted() {
        // OWASP CSV injection: = + - @ tab and carriage return start a formula.
        for cell in [
            "=1+1",
            "+31 6 1234",
            "-2",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "=HYPERLINK(\"http://x\")",
        ] {
            assert_eq!(csv_safe(cell), format!("'{cell}"));
        }
        for cell in ["Jan de Vries", "jan@school.nl", "1 + 1", "", "'al veilig"] {
            assert_eq!(csv_safe(cell), cell);
        }
    }
}
