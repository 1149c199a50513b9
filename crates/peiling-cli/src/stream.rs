//! The streaming analysis from the survey flags, with a progress bar on stderr for
//! inputs that take more than a second (none when stderr is not a terminal).

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use anyhow::Result;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use peiling_analysis::stream::analyze_streaming;
use peiling_analysis::{AnalysisOptions, Summary};
use peiling_survey::SurveyPlan;

use crate::args::SurveyArgs;
use crate::load;

/// The summary by streaming, or `None` when the input must be loaded whole (the
/// caller then uses the reference path, which also reports any error).
pub fn summary(args: &SurveyArgs, opts: &AnalysisOptions) -> Result<Option<Summary>> {
    let plan = match (&args.survey, &args.questionnaire, &args.data) {
        (Some(path), _, _) => SurveyPlan::load(path),
        (None, Some(q), Some(d)) => SurveyPlan::single(q, d),
        _ => SurveyPlan::bundled(),
    };
    let Ok(plan) = plan else {
        return Ok(None);
    };
    let start = Instant::now();
    let terminal = std::io::stderr().is_terminal();
    let mut bar: Option<ProgressBar> = None;
    let mut progress = |done: u64, total: u64| {
        if !terminal || start.elapsed() < Duration::from_secs(1) {
            return;
        }
        let b = bar.get_or_insert_with(|| {
            let b = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            b.set_style(
                ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} ({eta} left)")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            b
        });
        b.set_position(done);
    };
    let summary = analyze_streaming(&plan, &load::import_options(args), opts, &mut progress)?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    Ok(summary)
}
