//! peiling-analysis: the figures of a survey, computed on polars, tested with statrs.
//!
//! [`analyze`] turns a loaded [`peiling_survey::Survey`] into a [`Summary`] (the JSON
//! schema of `peiling analyze --json`, documented in docs/analysis-schema.md);
//! [`compare`] puts two summaries side by side.

mod analyze;
mod compare;
mod crosstab;
mod filter;
mod frame;
pub mod privacy;
pub mod stats;
pub mod stream;
pub mod summary;

pub use analyze::{analyze, answer_is, AnalysisOptions, Filter};
pub use compare::compare;
pub use summary::*;

#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    /// A request that does not fit the survey (unknown question, bad filter).
    #[error("{0}")]
    Invalid(String),
    /// A failure inside the computation itself.
    #[error("internal analysis error: {0}")]
    Internal(String),
}
