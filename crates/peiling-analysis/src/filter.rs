//! Filters (QUESTION=VALUE): their QUESTION=VALUE form and which values a question can have.

use peiling_survey::normalize::normalize;
use peiling_survey::{Kind, Question};

use crate::{AnalysisError, AnalysisOption};

#[derive(Debug, Clone, PartialEq)]
pub struct Filter {
    pub question: String,
    pub value: String,
}

impl std::str::FromStr for Filter {
    type Err = AnalysisError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.split_once('=') {
            Some((q, v)) if !q.trim().is_empty() && !v.trim().is_empty() => Ok(Filter {
                question: q.trim().to_string(),
                value: v.trim().to_string(),
            }),
            _ => Err(AnalysisError::Request {
                option: AnalysisOption::Filter,
                value: Some(format!("\"{s}\"")),
                problem: "expected QUESTION=VALUE, e.g. behoefte=Ja".into(),
            }),
        }
    }
}

/// A filter value must be an answer the question can have: one of its options
/// (levels, bands, "n.v.t."), a number, or its "unknown" marker; any text for an open
/// question. A value that cannot occur would quietly select nobody. `None` when the
/// value can occur, else what was expected.
pub(crate) fn filter_value_expected(question: &Question, value: &str) -> Option<String> {
    let wanted = normalize(value);
    let names = |c: &peiling_survey::Choice| c.spellings().any(|s| s == wanted);
    let (ok, expected) = match &question.kind {
        Kind::Text { .. } | Kind::Personal { .. } => return None,
        Kind::Number { unknown, .. } => (
            peiling_survey::import::parse_number(value).is_some()
                || unknown.iter().any(|u| normalize(u) == wanted),
            std::iter::once("a number".to_string())
                .chain(unknown.iter().map(|u| format!("\"{u}\"")))
                .collect::<Vec<_>>(),
        ),
        kind => {
            let mut choices = kind.categories();
            if let Kind::Scale { not_applicable, .. } = kind {
                choices.extend(not_applicable);
            }
            (
                choices.iter().any(|c| names(c)),
                choices.iter().map(|c| format!("\"{}\"", c.label)).collect(),
            )
        }
    };
    (!ok).then(|| match expected.as_slice() {
        [one] => one.clone(),
        _ => format!("one of {}", expected.join(", ")),
    })
}
