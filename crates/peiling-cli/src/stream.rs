//! The streaming analysis from the survey flags, on `--threads` threads (one per core
//! by default), with a progress bar on stderr for inputs that take more than a second
//! (none when stderr is not a terminal).

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use anyhow::Result;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use peiling_analysis::merge::{Runner, Threads};
use peiling_analysis::stream::analyze_streaming_on;
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
    let threads = Threads {
        count: threads(args),
        runner: &Spawn,
    };
    let import = load::import_options(args);
    let summary = analyze_streaming_on(&plan, &import, opts, threads, &mut progress)?;
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
