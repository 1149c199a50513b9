//! Figures per group of respondents: one summary for each answer of a question (each
//! school of a partnership, say), of the survey's parts that ask it.

use peiling_survey::Survey;

use crate::analyze::{analyze, AnalysisOptions};
use crate::filter::Filter;
use crate::summary::Summary;
use crate::{AnalysisError, AnalysisOption};

/// Per answer label of `question`, in the questionnaires' order: the summary of the
/// respondents who gave it, under the filters of `opts`. Only the parts that ask the
/// question take part; it must be a question with options, not personal data.
pub fn per_group(
    survey: &Survey,
    question: &str,
    opts: &AnalysisOptions,
) -> Result<Vec<(String, Summary)>, AnalysisError> {
    let refuse = |problem: String| AnalysisError::Request {
        option: AnalysisOption::PerGroup,
        value: Some(question.to_string()),
        problem,
    };
    let mut sub = survey.clone();
    sub.parts
        .retain(|p| p.questionnaire().question(question).is_some());
    if sub.parts.is_empty() {
        return Err(refuse(format!(
            "no questionnaire of the survey has a question \"{question}\""
        )));
    }
    let mut labels: Vec<String> = Vec::new();
    for part in &sub.parts {
        let Some(q) = part.questionnaire().question(question) else {
            continue;
        };
        let cats = q.kind.categories();
        if cats.is_empty() || q.is_personal() {
            return Err(refuse(format!(
                "a {} question; group by a question with options (e.g. the school)",
                q.kind.name()
            )));
        }
        for c in cats {
            if !labels.contains(&c.label) {
                labels.push(c.label.clone());
            }
        }
    }
    labels
        .into_iter()
        .map(|label| {
            let mut own = opts.clone();
            own.filters.push(Filter {
                question: question.to_string(),
                value: label.clone(),
            });
            Ok((label, analyze(&sub, &own)?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use peiling_survey::ImportOptions;

    #[test]
    fn a_summary_per_answer_and_refusals_that_name_no_flag() {
        let survey = Survey::bundled(&ImportOptions::default()).unwrap();
        let opts = AnalysisOptions::default();
        let groups = per_group(&survey, "opleiding", &opts).unwrap();
        // WPB answers yes/no, SO names kinds of training: every label once, and each
        // group holds only the respondents who gave it.
        let labels: Vec<&str> = groups.iter().map(|g| g.0.as_str()).collect();
        assert!(
            labels.contains(&"Ja") && labels.contains(&"Nee"),
            "{labels:?}"
        );
        let ja = &groups[labels.iter().position(|l| *l == "Ja").unwrap()].1;
        assert_eq!(ja.filters, ["opleiding=Ja"]);
        for e in [
            per_group(&survey, "nergens", &opts).unwrap_err(),
            per_group(&survey, "competent_toelichting", &opts).unwrap_err(),
        ] {
            assert!(matches!(
                e,
                AnalysisError::Request {
                    option: AnalysisOption::PerGroup,
                    ..
                }
            ));
            assert!(!e.to_string().contains("--"), "{e}");
        }
    }
}
