//! Two surveys (year over year) or two parts (SO vs WPB) side by side on shared questions.

use crate::analyze::round6;
use crate::stats;
use crate::summary::*;

/// Pairs the parts of two summaries by questionnaire id (year-over-year). When no id is
/// shared and each side has one part, those two are compared (e.g. SO vs WPB).
pub fn compare(left: &Summary, right: &Summary) -> Comparison {
    let name = |s: &Summary| {
        s.survey
            .edition
            .clone()
            .unwrap_or_else(|| s.survey.id.clone())
    };
    let mut questions = Vec::new();
    let mut paired = false;
    for lp in &left.parts {
        if let Some(rp) = right.part(&lp.questionnaire) {
            questions.extend(compare_parts(lp, rp));
            paired = true;
        }
    }
    if !paired && left.parts.len() == 1 && right.parts.len() == 1 {
        questions.extend(compare_parts(&left.parts[0], &right.parts[0]));
    }
    Comparison {
        schema: SCHEMA.to_string(),
        left: name(left),
        right: name(right),
        questions,
    }
}

fn rows_of(detail: &Detail) -> Option<&[CategoryRow]> {
    match detail {
        Detail::Choice { rows } | Detail::Multi { rows, .. } | Detail::Scale { rows, .. } => {
            Some(rows)
        }
        Detail::Number { histogram, .. } => Some(histogram),
        Detail::Text { .. } | Detail::Personal { .. } => None,
    }
}

/// Shared questions of two parts: same id and kind.
pub fn compare_parts(left: &PartSummary, right: &PartSummary) -> Vec<QuestionComparison> {
    let mut out = Vec::new();
    for lq in &left.questions {
        let Some(rq) = right.question(&lq.id).filter(|rq| rq.kind == lq.kind) else {
            continue;
        };
        let (Some(lrows), Some(rrows)) = (rows_of(&lq.detail), rows_of(&rq.detail)) else {
            continue;
        };
        // Rows in the left order, then right-only labels: levels never shift position.
        let mut labels: Vec<&str> = lrows.iter().map(|r| r.label.as_str()).collect();
        for r in rrows {
            if !labels.contains(&r.label.as_str()) {
                labels.push(&r.label);
            }
        }
        let find = |rows: &[CategoryRow], l: &str| {
            rows.iter().find(|r| r.label == l).map_or(0, |r| r.count)
        };
        let rows: Vec<ComparedRow> = labels
            .iter()
            .map(|&l| {
                let (lc, rc) = (find(lrows, l), find(rrows, l));
                let lp = share(lc, lq.base);
                let rp = share(rc, rq.base);
                ComparedRow {
                    label: l.to_string(),
                    left_count: lc,
                    left_pct: lp,
                    right_count: rc,
                    right_pct: rp,
                    diff_pp: round6(rp - lp),
                }
            })
            .collect();
        let test = match lq.kind.as_str() {
            "scale" => {
                let k = rows.len() as f64;
                let expand = |counts: Vec<usize>| -> Vec<f64> {
                    counts
                        .iter()
                        .enumerate()
                        .flat_map(|(i, &c)| std::iter::repeat_n(k - i as f64, c))
                        .collect()
                };
                stats::mann_whitney(
                    &expand(rows.iter().map(|r| r.left_count).collect()),
                    &expand(rows.iter().map(|r| r.right_count).collect()),
                )
            }
            "single" | "yesno" | "bands" => stats::chi_square(&[
                rows.iter().map(|r| r.left_count).collect(),
                rows.iter().map(|r| r.right_count).collect(),
            ])
            .map(|(t, _)| t),
            _ => None,
        }
        .map(|t| Test {
            statistic: round6(t.statistic),
            p: round6(t.p),
            ..t
        });
        out.push(QuestionComparison {
            questionnaire: left.questionnaire.clone(),
            id: lq.id.clone(),
            text: lq.text.clone(),
            kind: lq.kind.clone(),
            left_base: lq.base,
            right_base: rq.base,
            rows,
            test,
        });
    }
    out
}

fn share(k: usize, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        round6(k as f64 * 100.0 / n as f64)
    }
}
