//! The summary of a survey [`Input`]: streamed where it can be (every encoding peiling
//! reads), loaded whole otherwise, which also gives the canonical message of any
//! import error. The CLI and the web page both start here, so
//! their figures cannot drift apart.

use peiling_survey::{ImportOptions, Input, SurveyError};

use crate::merge::Threads;
use crate::stream::analyze_streaming_on;
use crate::{analyze, AnalysisError, AnalysisOptions, Summary};

/// Why there is no summary: the survey could not be read, or the analysis refused.
#[derive(Debug, thiserror::Error)]
pub enum SummaryError {
    #[error(transparent)]
    Survey(#[from] SurveyError),
    #[error(transparent)]
    Analysis(#[from] AnalysisError),
}

/// The summary of `input`, its CSV exports streamed on `threads`; `progress` gets
/// (bytes read, bytes total) while streaming.
pub fn summary(
    input: &Input,
    import: &ImportOptions,
    opts: &AnalysisOptions,
    threads: Threads<'_>,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Summary, SummaryError> {
    if let Ok(plan) = input.plan() {
        if let Some(summary) = analyze_streaming_on(&plan, import, opts, threads, progress)? {
            return Ok(summary);
        }
    }
    Ok(analyze(&input.load(import)?, opts)?)
}
