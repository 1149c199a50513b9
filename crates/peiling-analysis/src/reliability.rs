//! Cronbach's alpha of the scales a questionnaire declares (`[[scale]]`), given only
//! where its conditions hold (docs/report-rules.md).

use peiling_survey::Questionnaire;

use crate::analyze::round6;
use crate::stats;
use crate::summary::Reliability;

/// The figure of declared scale `si` over `n` complete answers: alpha only where its
/// conditions hold (docs/report-rules.md), so no output can show it otherwise.
pub(crate) fn reliability_of(
    q: &Questionnaire,
    si: usize,
    n: usize,
    alpha: Option<f64>,
) -> Reliability {
    let scale = &q.scales[si];
    Reliability {
        items: scale.items.clone(),
        respondents: n,
        cronbach_alpha: alpha
            .filter(|_| stats::alpha_allowed(scale.items.len(), n))
            .map(round6),
        scale: Some(scale.id.clone()),
        title: Some(scale.title.clone()),
        title_en: scale.title_en.clone(),
    }
}

/// Per declared scale, in declaration order: its number of levels and its items'
/// question indexes.
pub(crate) fn reliability_groups(q: &Questionnaire) -> Vec<(usize, Vec<usize>)> {
    q.scales
        .iter()
        .map(|s| {
            let items: Vec<usize> = s
                .items
                .iter()
                .filter_map(|id| q.question_index(id))
                .collect();
            let k = items
                .first()
                .map_or(0, |&qi| q.questions[qi].kind.categories().len());
            (k, items)
        })
        .collect()
}
