//! One module per subcommand; `dispatch` routes the parsed arguments to it.

mod analyze;
mod certificates;
mod evaluate;
mod export;
mod init;
mod plan;
mod records;
mod report;
mod synth;
mod trend;
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
        Command::Records(args) => records::run(&args),
        Command::Certificates(args) => certificates::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Trend(args) => trend::run(&args),
        Command::Evaluate(args) => evaluate::run(&args),
    }
}

/// Says on stderr which questions an export has no column for: their answers all count
/// as "geen antwoord", which the figures alone would not tell (`validate` lists them).
pub fn warn_missing_columns(summary: &peiling_analysis::Summary) {
    for part in &summary.parts {
        if part.missing_questions.is_empty() {
            continue;
        }
        let line = format!(
            "peiling: warning: questionnaire \"{}\": {} of {} questions have no column in the export ({}): all their answers count as geen antwoord; `peiling validate` lists them",
            part.questionnaire,
            part.missing_questions.len(),
            part.questions.len(),
            part.missing_questions.join(", ")
        );
        eprintln!("{}", terminal_safe(&line));
    }
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

/// Who came to the meetings of the plan's school years (every year in the store when
/// there is no plan): counts from the records database.
pub fn turnout(
    db: &std::path::Path,
    plan: Option<&peiling_planner::RotationPlan>,
) -> Result<peiling_records::Turnout> {
    if !db.is_file() {
        return Err(crate::status::user(format!(
            "{}: no records database here; `peiling records import` starts one",
            db.display()
        )));
    }
    let records = open_records(db)?;
    let years = plan.map(|p| p.school_years.clone()).unwrap_or_default();
    Ok(records.turnout(&years)?)
}

/// The records database at `db`; a failure of SQLite or the disk names the file (the
/// store's own errors already do).
pub fn open_records(db: &std::path::Path) -> Result<peiling_records::Records> {
    use peiling_records::RecordsError;
    peiling_records::Records::open(db).map_err(|e| match e {
        RecordsError::Sql(_) | RecordsError::Io(_) => {
            anyhow::Error::from(e).context(db.display().to_string())
        }
        _ => e.into(),
    })
}

/// The plan the report shows: the catalogue's default rule, from the report's own
/// summary. `None` when no catalogue was named and the survey asks for none of the
/// bundled catalogue's themes (a survey of another partnership).
pub fn plan_for_report(
    catalogue_arg: Option<&std::path::Path>,
    start: &crate::args::StartArg,
    summary: &peiling_analysis::Summary,
) -> Result<Option<peiling_planner::RotationPlan>> {
    let catalogue = crate::config::catalogue(catalogue_arg)?;
    let start = crate::config::start(start)?;
    peiling_planner::plan_for_report(&catalogue, catalogue_arg.is_some(), start, summary)
        .map_err(crate::messages::plan_error)
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
