//! peiling-analysis: the figures of a survey, computed on polars, tested with statrs.
//!
//! [`analyze`] turns a loaded [`peiling_survey::Survey`] into a [`Summary`] (the JSON
//! schema of `peiling analyze --json`, documented in docs/analysis-schema.md);
//! [`compare`] puts two summaries side by side.

mod analyze;
mod compare;
mod crosstab;
pub mod evaluation;
mod filter;
mod frame;
pub mod privacy;
pub mod stats;
pub mod stream;
pub mod summary;

pub use analyze::{analyze, answer_is, AnalysisOptions, Filter};
pub use compare::compare;

/// An option of an analysis that names a question (in the CLI each is a flag).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnalysisOption {
    /// A filter QUESTION=VALUE: only the respondents who gave that answer.
    Filter,
    /// The question whose answers split every table into groups.
    GroupBy,
}

impl std::fmt::Display for AnalysisOption {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            AnalysisOption::Filter => "filter",
            AnalysisOption::GroupBy => "grouping question",
        })
    }
}
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
