//! peiling-analysis: the figures of a survey, counted by one engine (the streaming
//! [`stream::PartAccumulator`]), with statistics tested against statrs.
//!
//! [`stream::analyze_streaming`] reads a survey's exports block by block into a
//! [`Summary`]; [`analyze`] feeds a loaded [`peiling_survey::Survey`] through the same
//! accumulator. The [`Summary`] is the JSON schema of `peiling analyze --json`
//! (docs/analysis-schema.md); [`compare`] puts two summaries side by side.

mod aggregates;
mod analyze;
mod compare;
pub mod conditions;
mod crosstab;
pub mod evaluation;
mod filter;
mod groups;
pub mod input;
pub mod merge;
pub mod privacy;
mod reliability;
pub mod stats;
pub mod stream;
pub mod summary;

pub use analyze::{analyze, answer_is, AnalysisOptions, Filter};
pub use compare::compare;
pub use groups::{per_group, per_group_streaming};
pub use input::{summary, SummaryError};

/// An option of an analysis that names a question (in the CLI each is a flag).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnalysisOption {
    /// A filter QUESTION=VALUE: only the respondents who gave that answer.
    Filter,
    /// The question whose answers split every table into groups.
    GroupBy,
    /// The question whose answers (schools, say) each get figures of their own.
    PerGroup,
}

impl std::fmt::Display for AnalysisOption {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            AnalysisOption::Filter => "filter",
            AnalysisOption::GroupBy => "grouping question",
            AnalysisOption::PerGroup => "question per group",
        })
    }
}
/// What a survey declares about its data, carried in [`SurveyInfo::about`].
pub use peiling_survey::{About, Origin, Said};
pub use summary::*;

#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    /// A request that does not fit the survey.
    #[error("{0}")]
    Invalid(String),
    /// A filter or grouping question that does not fit the survey: which option, the
    /// value given (when the problem is about it) and what is wrong.
    #[error("{option}{}: {problem}", value.as_ref().map(|v| format!(" {v}")).unwrap_or_default())]
    Request {
        option: AnalysisOption,
        value: Option<String>,
        problem: String,
    },
    /// The export could not be imported as asked (strict mode found a problem).
    #[error(transparent)]
    Import(#[from] peiling_survey::ImportError),
    /// A failure inside the computation itself.
    #[error("internal analysis error: {0}")]
    Internal(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The library names its options as concepts; the CLI names the flags.
    #[test]
    fn no_message_names_a_flag() {
        let mut errors: Vec<AnalysisError> = [AnalysisOption::Filter, AnalysisOption::GroupBy]
            .into_iter()
            .flat_map(|option| {
                [None, Some("leeftijd=Z".to_string())].map(|value| AnalysisError::Request {
                    option,
                    value,
                    problem: "\"Z\" is not an answer to question \"leeftijd\"".into(),
                })
            })
            .collect();
        errors.push("behoefte".parse::<Filter>().unwrap_err());
        errors.push(AnalysisError::Invalid("only_if: no question \"x\"".into()));
        errors.push(AnalysisError::Internal("frame".into()));
        for e in &errors {
            let text = e.to_string();
            assert!(!text.contains("--"), "{text}");
        }
        assert_eq!(
            errors[1].to_string(),
            "filter leeftijd=Z: \"Z\" is not an answer to question \"leeftijd\""
        );
        assert_eq!(
            errors[4].to_string(),
            "filter \"behoefte\": expected QUESTION=VALUE, e.g. behoefte=Ja"
        );
    }
}
