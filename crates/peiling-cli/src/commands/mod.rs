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

/// Says on stderr what an export of the evaluation or the reflection could not count:
/// rows set aside and answers that are no option of the form (those count as geen
/// antwoord in the figures). `peiling validate` names each one.
pub fn warn_set_aside(
    summary: &peiling_analysis::Summary,
    form: &std::path::Path,
    export: &std::path::Path,
) {
    for part in &summary.parts {
        let invalid: usize = part.questions.iter().map(|q| q.invalid).sum();
        if invalid == 0 && part.rows_rejected == 0 {
            continue;
        }
        let line = format!(
            "peiling: warning: {}: {} of {} rows set aside, {} {} not an option of the form (counted as geen antwoord); `peiling validate -q {} -d {}` names each",
            export.display(),
            part.rows_rejected,
            part.rows_read,
            invalid,
            if invalid == 1 { "answer is" } else { "answers are" },
            form.display(),
            export.display()
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

/// `reflectie.toml` and the one export named `reflectie-*.csv` of a folder, if both: the
/// partnership's yearly reflection (datasets/evaluatie), the latest year's export being
/// the last by name.
pub fn reflection_files(dir: &std::path::Path) -> Option<(std::path::PathBuf, std::path::PathBuf)> {
    let form = dir.join("reflectie.toml");
    if !form.is_file() {
        return None;
    }
    let mut exports: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("reflectie-") && n.ends_with(".csv"))
        })
        .collect();
    exports.sort();
    exports.pop().map(|e| (form, e))
}

/// The yearly reflection that `report --reflection` names: a folder as
/// [`reflection_files`] reads it, or an export whose folder holds `reflectie.toml`.
pub fn reflection_at(path: &std::path::Path) -> Result<(std::path::PathBuf, std::path::PathBuf)> {
    if path.is_dir() {
        return reflection_files(path).ok_or_else(|| {
            crate::status::user(format!(
                "{}: no yearly reflection here; expected reflectie.toml and an export reflectie-<year>.csv (as datasets/evaluatie)",
                path.display()
            ))
        });
    }
    let form = path
        .parent()
        .unwrap_or(std::path::Path::new("."))
        .join("reflectie.toml");
    if !path.is_file() {
        return Err(crate::status::user(format!(
            "{}: no such export of the yearly reflection",
            path.display()
        )));
    }
    if !form.is_file() {
        return Err(crate::status::user(format!(
            "{}: no reflectie.toml beside the export, expected {}",
            path.display(),
            form.display()
        )));
    }
    Ok((form, path.to_path_buf()))
}

/// The figures of the yearly reflection (the eight conditions at partnership level),
/// as both the evaluatieverslag and the survey report show them, and what its
/// questionnaire declares about where the answers come from (`[about]`).
pub fn reflection_figures(
    form: &std::path::Path,
    export: &std::path::Path,
    min_group: usize,
) -> Result<(
    peiling_analysis::evaluation::MeetingFigures,
    peiling_analysis::About,
)> {
    let survey =
        peiling_survey::Survey::single(form, export, &peiling_survey::ImportOptions::default())?;
    let opts = peiling_analysis::AnalysisOptions {
        min_group,
        ..peiling_analysis::AnalysisOptions::default()
    };
    let summary = peiling_analysis::analyze(&survey, &opts)?;
    warn_missing_columns(&summary);
    warn_set_aside(&summary, form, export);
    let part = &summary.parts[0];
    let figures = peiling_analysis::evaluation::MeetingFigures::from_part(
        part,
        part.title.clone(),
        String::new(),
    );
    Ok((figures, summary.survey.about.clone()))
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

/// Who the records in `db` say is due in each school year the plan of `options` covers,
/// as counts per role (under `requirements`, default BOS's bundled ones).
pub fn due_counts(
    db: &std::path::Path,
    requirements: Option<&std::path::Path>,
    catalogue: &peiling_planner::Catalogue,
    demand: &peiling_planner::SurveyDemand,
    options: &peiling_planner::PlanOptions,
) -> Result<Vec<peiling_planner::DueCount>> {
    use peiling_planner::{DueCount, DueKind};
    use peiling_records::{Expected, Requirements, BOS_REQUIREMENTS};
    let years = peiling_planner::school_years(catalogue, demand, options)
        .map_err(crate::messages::plan_error)?;
    let records = open_records(db)?;
    let reqs = match requirements {
        Some(path) => Requirements::from_toml(
            &path.display().to_string(),
            &crate::config::read_text(path)?,
        )?,
        None => Requirements::from_toml("bos.toml (bundled)", BOS_REQUIREMENTS)?,
    };
    let mut out = Vec::new();
    for year in &years {
        for e in records.due(&reqs, year)?.expected(&reqs) {
            out.push(DueCount {
                school_year: year.clone(),
                kind: match e.kind {
                    Expected::Training => DueKind::Training,
                    Expected::Refresher => DueKind::Refresher,
                },
                audience: e.role,
                people: e.people,
                themes: e.themes,
                levels: e.levels,
            });
        }
    }
    Ok(out)
}

/// Where `plan` and `report` find who is due and how the meetings were evaluated; both
/// optional.
pub struct PlanSources<'a> {
    /// The records database, and the requirements that say who is due (BOS's bundled
    /// ones without).
    pub records: Option<(&'a std::path::Path, Option<&'a std::path::Path>)>,
    /// The `evaluation.json` of `peiling evaluate`, or its folder.
    pub evaluations: Option<&'a std::path::Path>,
}

impl<'a> PlanSources<'a> {
    /// The sources of the options `--records`, `--requirements` and `--evaluations`.
    pub fn new(
        records: Option<&'a std::path::Path>,
        requirements: Option<&'a std::path::Path>,
        evaluations: Option<&'a std::path::Path>,
    ) -> Self {
        PlanSources {
            records: records.map(|db| (db, requirements)),
            evaluations,
        }
    }
}

/// The plan of `catalogue` for the survey `summary` counts, made the one way `plan` and
/// `report` make it: those the records say are due join the expected headcount of
/// `options`, and the themes the evaluation flags are marked for redesign
/// ([`peiling_planner::plan_for_survey`]). `None` when the catalogue was not `chosen` and
/// the survey asks for none of its themes (a survey of another partnership).
pub fn survey_plan(
    catalogue: &peiling_planner::Catalogue,
    chosen: bool,
    mut options: peiling_planner::PlanOptions,
    summary: &peiling_analysis::Summary,
    sources: &PlanSources,
) -> Result<Option<peiling_planner::RotationPlan>> {
    let redesign = sources.evaluations.map(read_evaluation).transpose()?;
    if let Some((db, requirements)) = sources.records {
        let demand = peiling_planner::SurveyDemand::from(summary);
        options.due = due_counts(db, requirements, catalogue, &demand, &options)?;
    }
    peiling_planner::plan_for_survey(catalogue, chosen, options, summary, redesign.as_deref())
        .map_err(crate::messages::plan_error)
}

/// The themes to redesign from the evaluation.json of `peiling evaluate` (or the folder
/// holding it), as the planner takes them.
pub fn read_evaluation(path: &std::path::Path) -> Result<Vec<peiling_planner::RedesignTheme>> {
    use peiling_analysis::evaluation::{Evaluation, SCHEMA};
    let file = if path.is_dir() {
        path.join("evaluation.json")
    } else {
        path.to_path_buf()
    };
    let bytes = std::fs::read(&file).map_err(|e| {
        crate::status::user(format!(
            "{}: cannot read the evaluation ({e}); expected the evaluation.json that `peiling evaluate` writes, or its folder",
            file.display()
        ))
    })?;
    // The version first, so an older or foreign file gets that message, not a field's.
    let schema = serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()
        .and_then(|v| v.get("schema")?.as_str().map(str::to_string));
    if schema.as_deref() != Some(SCHEMA) {
        return Err(crate::status::user(format!(
            "{}: not an evaluation of this version of peiling (expected schema \"{SCHEMA}\", found {}); run `peiling evaluate` again",
            file.display(),
            schema.map_or_else(|| "none".to_string(), |s| format!("\"{s}\""))
        )));
    }
    let eval: Evaluation = serde_json::from_slice(&bytes).map_err(|e| {
        crate::status::user(format!(
            "{}: line {}, column {}: not an evaluation written by `peiling evaluate`: {e}",
            file.display(),
            e.line(),
            e.column()
        ))
    })?;
    Ok(eval.redesign.iter().map(Into::into).collect())
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
