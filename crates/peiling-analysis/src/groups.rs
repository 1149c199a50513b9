//! Figures per group of respondents: one summary for each answer of a question (each
//! school of a partnership, say), of the survey's parts that ask it. Streamed, each
//! export is read once with one accumulator per group ([`per_group_streaming`]).

use peiling_survey::import::stream_part;
use peiling_survey::{ImportOptions, PlannedPart, Questionnaire, Survey, SurveyPlan};

use crate::analyze::{analyze, AnalysisOptions};
use crate::filter::Filter;
use crate::stream::PartAccumulator;
use crate::summary::{PartSummary, Summary, SurveyInfo, SCHEMA};
use crate::{AnalysisError, AnalysisOption};

/// Per answer label of `question`, in the questionnaires' order: the summary of the
/// respondents who gave it, under the filters of `opts`. Only the parts that ask the
/// question take part; it must be a question with options, not personal data.
pub fn per_group(
    survey: &Survey,
    question: &str,
    opts: &AnalysisOptions,
) -> Result<Vec<(String, Summary)>, AnalysisError> {
    let mut sub = survey.clone();
    sub.parts
        .retain(|p| p.questionnaire().question(question).is_some());
    let questionnaires: Vec<&Questionnaire> = sub.parts.iter().map(|p| p.questionnaire()).collect();
    labels(&questionnaires, question)?
        .into_iter()
        .map(|label| {
            let own = with_group(opts, question, &label);
            Ok((label, analyze(&sub, &own)?))
        })
        .collect()
}

/// [`per_group`] streamed: each export that asks `question` is read once, every row
/// handed to one accumulator per answer label (each with its own filter), so memory
/// grows with the labels, not the rows. `Ok(None)`: an export cannot be streamed (or
/// has an import error to word); use [`per_group`] on the loaded survey.
pub fn per_group_streaming(
    plan: &SurveyPlan,
    import: &ImportOptions,
    question: &str,
    opts: &AnalysisOptions,
) -> Result<Option<Vec<(String, Summary)>>, AnalysisError> {
    let parts: Vec<&PlannedPart> = plan
        .parts
        .iter()
        .filter(|p| p.questionnaire.question(question).is_some())
        .collect();
    let questionnaires: Vec<&Questionnaire> = parts.iter().map(|p| &p.questionnaire).collect();
    let labels = labels(&questionnaires, question)?;
    let owns: Vec<AnalysisOptions> = labels
        .iter()
        .map(|label| with_group(opts, question, label))
        .collect();
    let scoped = owns
        .iter()
        .map(|own| own.per_part(&questionnaires))
        .collect::<Result<Vec<_>, _>>()?;
    let mut per_label: Vec<Vec<PartSummary>> = vec![Vec::new(); labels.len()];
    for (pi, part) in parts.iter().enumerate() {
        let mut accs = Vec::new();
        for (li, scope) in scoped.iter().enumerate() {
            if let Some(own) = &scope[pi] {
                accs.push((li, PartAccumulator::new(&part.questionnaire, own)?, own));
            }
        }
        let Some(report) = stream_part(part, import, &mut |_| {}, &mut |ids, dicts| {
            for (_, acc, _) in &mut accs {
                acc.row(ids, dicts);
            }
        }) else {
            return Ok(None);
        };
        crate::stream::strict(&report, import)?;
        for (li, acc, own) in accs {
            per_label[li].push(acc.finish(part, &report, own));
        }
    }
    let summaries = labels
        .into_iter()
        .zip(owns)
        .zip(per_label)
        .map(|((label, own), parts)| {
            let mut summary = Summary {
                schema: SCHEMA.to_string(),
                survey: SurveyInfo {
                    id: plan.id.clone(),
                    title: plan.title.clone(),
                    title_en: plan.title_en.clone(),
                    partnership: plan.partnership.clone(),
                    edition: plan.edition.clone(),
                    about: plan.about.clone(),
                },
                filters: own
                    .filters
                    .iter()
                    .map(|f| format!("{}={}", f.question, f.value))
                    .collect(),
                min_group: own.min_group,
                parts,
            };
            crate::privacy::scrub_summary(&mut summary);
            (label, summary)
        });
    Ok(Some(summaries.collect()))
}

/// `opts` with the filter `question=label` added: the respondents of one group.
fn with_group(opts: &AnalysisOptions, question: &str, label: &str) -> AnalysisOptions {
    let mut own = opts.clone();
    own.filters.push(Filter {
        question: question.to_string(),
        value: label.to_string(),
    });
    own
}

/// The groups: every answer label of `question` in the questionnaires that ask it
/// (each once, in their order). It must be a question with options, not personal data.
fn labels(questionnaires: &[&Questionnaire], question: &str) -> Result<Vec<String>, AnalysisError> {
    let refuse = |problem: String| AnalysisError::Request {
        option: AnalysisOption::PerGroup,
        value: Some(question.to_string()),
        problem,
    };
    if questionnaires.is_empty() {
        return Err(refuse(format!(
            "no questionnaire of the survey has a question \"{question}\""
        )));
    }
    let mut labels: Vec<String> = Vec::new();
    for q in questionnaires {
        let Some(q) = q.question(question) else {
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
    Ok(labels)
}

#[cfg(test)]
mod tests {
    use super::*;
    use peiling_survey::ImportOptions;

    /// Streamed in one pass, the groups are those of the loaded survey, byte for byte,
    /// and each group's respondents are those who gave its answer, recounted here.
    #[test]
    fn streamed_groups_are_those_of_the_loaded_survey() {
        let import = ImportOptions::default();
        let survey = Survey::bundled(&import).unwrap();
        let plan = SurveyPlan::bundled().unwrap();
        let opts = AnalysisOptions::default();
        for question in ["opleiding", "leeftijd"] {
            let loaded = per_group(&survey, question, &opts).unwrap();
            let streamed = per_group_streaming(&plan, &import, question, &opts)
                .unwrap()
                .expect("streamable");
            assert_eq!(loaded.len(), streamed.len());
            for ((a, x), (b, y)) in loaded.iter().zip(&streamed) {
                assert_eq!(a, b);
                assert_eq!(
                    serde_json::to_string(x).unwrap(),
                    serde_json::to_string(y).unwrap(),
                    "{question}={a}"
                );
                let asking = survey
                    .parts
                    .iter()
                    .filter(|p| p.questionnaire().question(question).is_some());
                for (part, p) in asking.zip(&y.parts) {
                    let q = part.questionnaire();
                    let qi = q.question_index(question).unwrap();
                    assert_eq!(p.questionnaire, q.id);
                    // The label's option: chosen (single) or among those chosen (multi).
                    let cats = q.questions[qi].kind.categories();
                    let Some(k) = cats.iter().position(|c| c.label == *a) else {
                        assert_eq!(p.respondents, 0, "{question}={a} in {}", q.id);
                        continue;
                    };
                    let recount = part
                        .data
                        .responses
                        .iter()
                        .filter(|r| match &r.answers[qi] {
                            peiling_survey::Answer::Choice(i) => *i == k,
                            peiling_survey::Answer::Multi { chosen, .. } => chosen.contains(&k),
                            _ => false,
                        })
                        .count();
                    assert_eq!(p.respondents, recount, "{question}={a} in {}", q.id);
                }
            }
        }
    }

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
