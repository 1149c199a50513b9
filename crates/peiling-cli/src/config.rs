//! Flags turned into library options, once: the analysis options of --where/--by, the
//! theme catalogue of --catalogue, the plan's --start. Commands take these; no library
//! sees clap.

use std::path::Path;

use anyhow::Result;
use peiling_analysis::{AnalysisOptions, Filter};
use peiling_planner::{Catalogue, NaiveDate};

use crate::args::StartArg;
use crate::messages::plan_error;
use crate::status::user;

/// The analysis options of `--where`, `--by` and `--min-group`.
pub fn analysis_options(
    filters: &[String],
    by: Option<String>,
    min_group: usize,
) -> Result<AnalysisOptions> {
    Ok(AnalysisOptions {
        filters: filters
            .iter()
            .map(|f| f.parse::<Filter>())
            .collect::<Result<_, _>>()?,
        by,
        min_group,
    })
}

/// A definition file (catalogue, holidays, history, plan.json, requirements) as UTF-8
/// text, bounded by the one reader.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = peiling_survey::files::read_definition(path)?;
    String::from_utf8(bytes).map_err(|e| {
        user(format!(
            "{}:1: not UTF-8 text (byte {}): definition files must be UTF-8",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })
}

/// `bos`, `alliantie` or a file; a file of that name wins over the bundled one.
pub fn catalogue(arg: Option<&Path>) -> Result<Catalogue> {
    let Some(path) = arg else {
        return Catalogue::bundled("bos")
            .ok_or_else(|| anyhow::anyhow!("bundled catalogue bos does not parse"));
    };
    if !path.exists() {
        if let Some(c) = path.to_str().and_then(Catalogue::bundled) {
            return Ok(c);
        }
        return Err(user(format!(
            "{}: no such catalogue file (bundled catalogues: {})",
            path.display(),
            peiling_planner::BUNDLED_CATALOGUES.join(", ")
        )));
    }
    let text = read_text(path)?;
    Catalogue::from_toml(&path.display().to_string(), &text).map_err(|e| plan_error(e.into()))
}

/// The plan's first day from `--start`, if given.
pub fn start(arg: &StartArg) -> Result<Option<NaiveDate>> {
    arg.start.as_deref().map(start_date).transpose()
}

/// `--start`: a date from 1900 to 2200 (a calendar far outside that is no plan).
fn start_date(text: &str) -> Result<NaiveDate> {
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        user(format!(
            "--start \"{text}\": expected a date like 2021-09-01"
        ))
    })?;
    let first = NaiveDate::from_ymd_opt(1900, 1, 1);
    let last = NaiveDate::from_ymd_opt(2200, 12, 31);
    if Some(date) < first || Some(date) > last {
        return Err(user(format!(
            "--start \"{text}\": expected a date from 1900 to 2200"
        )));
    }
    Ok(date)
}
