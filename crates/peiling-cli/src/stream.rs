//! The summary of the survey the flags name: streamed on `--threads` threads (one per
//! core by default), with a progress bar on stderr for inputs that take more than a
//! second (none when stderr is not a terminal), or loaded whole where it cannot be
//! streamed; the same engine counts either way.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use std::path::Path;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use peiling_analysis::merge::{Runner, Threads};
use peiling_analysis::stream::analyze_streaming_on;
use peiling_analysis::{analyze, AnalysisOptions, Summary};
use peiling_survey::{ImportOptions, Survey, SurveyError, SurveyPlan};

use crate::args::SurveyArgs;
use crate::load;

/// The summary of the survey the flags name. Streamed where it can be; loaded whole
/// otherwise (encodings other than UTF-8), which also gives the canonical message of any
/// import error.
pub fn summary(args: &SurveyArgs, opts: &AnalysisOptions) -> Result<Summary> {
    let plan = match (&args.survey, &args.questionnaire, &args.data) {
        (Some(path), _, _) => SurveyPlan::load(path),
        (None, Some(q), Some(d)) => SurveyPlan::single(q, d),
        _ => SurveyPlan::bundled(),
    };
    let import = load::import_options(args);
    match streamed(plan, &import, opts, threads(args))? {
        Some(summary) => Ok(summary),
        None => Ok(analyze(&load::survey(args)?, opts)?),
    }
}

/// The summary of another survey (a folder or its survey.toml), as [`summary`].
pub fn summary_at(
    path: &Path,
    import: &ImportOptions,
    opts: &AnalysisOptions,
    count: usize,
) -> Result<Summary> {
    match streamed(SurveyPlan::load(path), import, opts, count)? {
        Some(summary) => Ok(summary),
        None => Ok(analyze(&Survey::load(path, import)?, opts)?),
    }
}

/// The summary by streaming, or `None` when the input must be loaded whole.
fn streamed(
    plan: Result<SurveyPlan, SurveyError>,
    import: &ImportOptions,
    opts: &AnalysisOptions,
    count: usize,
) -> Result<Option<Summary>> {
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
    let threads = Threads {
        count,
        runner: &Spawn,
    };
    let summary = analyze_streaming_on(&plan, import, opts, threads, &mut progress)?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    Ok(summary)
}

/// How many threads `--threads` asks for: all cores when left out.
pub fn threads(args: &SurveyArgs) -> usize {
    match args.threads {
        Some(n) => usize::from(n),
        None => std::thread::available_parallelism().map_or(1, usize::from),
    }
}

/// Runs each job on a thread of its own and waits for all of them.
struct Spawn;

impl Runner for Spawn {
    fn run<'a>(&self, jobs: Vec<Box<dyn FnOnce() + Send + 'a>>) {
        std::thread::scope(|scope| {
            for job in jobs {
                scope.spawn(job);
            }
        });
    }
}
