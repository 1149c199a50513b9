//! Which themes to redesign before they are offered again (rule 3 of
//! docs/evaluation-rules.md): a theme whose usefulness, applicability or one of the
//! conditions clearly lags the other meetings. `peiling plan --evaluations` reads the
//! list from evaluation.json and flags the theme in the plan; it does not drop it.

use serde::{Deserialize, Serialize};

use super::{Finding, MeetingFigures, ScaleCounts, LAG, WEAK_SHARE};
use crate::stats::fisher_exact;

/// What a theme's evaluation fell short on.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "measure", rename_all = "snake_case")]
pub enum Measure {
    /// How useful the meeting was (`nuttig`).
    Useful,
    /// How applicable in one's own practice (`toepasbaar`).
    Applicable,
    /// One condition of the grid (its item question and label, as in `conditions`).
    Condition {
        condition: String,
        label: String,
        label_en: Option<String>,
    },
}

/// One shortfall of a theme: its share in the two most positive levels against that of
/// all other meetings together, with its n and Fisher's exact p.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Shortfall {
    pub measure: Measure,
    pub share: f64,
    pub others: f64,
    pub n: usize,
    pub p: f64,
}

/// A theme to redesign before it is offered again, with what it fell short on.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Redesign {
    /// The theme as the evaluatieverslag names it.
    pub theme: String,
    /// The catalogue's id of the theme, when the meetings were matched to a plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme_id: Option<String>,
    /// The theme's evaluated meetings.
    pub meetings: usize,
    pub shortfalls: Vec<Shortfall>,
}

/// `top` of `rated` against `rest_top` of `rest_n`: (share, others, p) when the share
/// is at least [`LAG`] below the others' and Fisher's exact test gives p < 0.05, and at
/// least the minimum group rated it.
pub(super) fn lag(
    (top, rated): (usize, usize),
    (rest_top, rest_n): (usize, usize),
    min_group: usize,
) -> Option<(f64, f64, f64)> {
    if rated < min_group.max(1) || rest_n == 0 {
        return None;
    }
    let share = top as f64 / rated as f64;
    let others = rest_top as f64 / rest_n as f64;
    if others - share < LAG {
        return None;
    }
    let t = fisher_exact(top, rated - top, rest_top, rest_n - rest_top)?;
    (t.p < 0.05).then_some((share, others, t.p))
}

type Pick = for<'m> fn(&'m MeetingFigures) -> Option<&'m ScaleCounts>;

fn useful(m: &MeetingFigures) -> Option<&ScaleCounts> {
    m.useful.as_ref()
}

fn applicable(m: &MeetingFigures) -> Option<&ScaleCounts> {
    m.applicable.as_ref()
}

fn condition<'m>(m: &'m MeetingFigures, id: &str) -> Option<&'m ScaleCounts> {
    m.conditions.iter().find(|x| x.id == id)
}

/// (top two, rated) of a measure summed over meetings.
fn pooled<'a>(scales: impl Iterator<Item = &'a ScaleCounts>) -> (usize, usize) {
    scales.fold((0, 0), |(t, n), s| (t + s.top2(), n + s.rated()))
}

/// The themes to redesign, in the order of their first meeting. A condition weak over
/// the whole programme (a [`Finding::WeakCondition`]) flags no single theme: it asks for
/// a change in every meeting, which the verslag's conclusions say.
pub(super) fn redesign<'a>(
    meetings: &'a [MeetingFigures],
    findings: &[Finding],
    min_group: usize,
) -> Vec<Redesign> {
    let enough = |n: usize| n >= min_group.max(1);
    let mut themes: Vec<&str> = Vec::new();
    for m in meetings {
        if !themes.contains(&m.theme.as_str()) {
            themes.push(&m.theme);
        }
    }
    let programme_weak = |id: &str| {
        findings
            .iter()
            .any(|f| matches!(f, Finding::WeakCondition { condition, .. } if condition == id))
    };
    let mut conditions: Vec<&ScaleCounts> = Vec::new();
    for c in meetings.iter().flat_map(|m| &m.conditions) {
        if !conditions.iter().any(|o| o.id == c.id) {
            conditions.push(c);
        }
    }
    let mut out = Vec::new();
    for theme in themes {
        let (own, rest): (Vec<&MeetingFigures>, Vec<&MeetingFigures>) =
            meetings.iter().partition(|m| m.theme == theme);
        let mut shortfalls = Vec::new();
        for (measure, f) in [
            (Measure::Useful, useful as Pick),
            (Measure::Applicable, applicable as Pick),
        ] {
            let (own_n, rest_n) = (
                pooled(own.iter().filter_map(|m| f(m))),
                pooled(rest.iter().filter_map(|m| f(m))),
            );
            if let Some((share, others, p)) = lag(own_n, rest_n, min_group) {
                shortfalls.push(Shortfall {
                    measure,
                    share,
                    others,
                    n: own_n.1,
                    p,
                });
            }
        }
        for c in &conditions {
            if programme_weak(&c.id) {
                continue;
            }
            let item = |m: &&'a MeetingFigures| condition(m, &c.id);
            let (top, n) = pooled(own.iter().filter_map(item));
            // Weak in the theme: below half over its meetings together and in more than
            // half of its meetings that enough people rated it in.
            let shares: Vec<f64> = own
                .iter()
                .filter_map(item)
                .filter(|x| enough(x.rated()))
                .filter_map(ScaleCounts::top2_share)
                .collect();
            let weak_in = shares.iter().filter(|&&s| s < WEAK_SHARE).count();
            if n == 0 || top as f64 / n as f64 >= WEAK_SHARE || 2 * weak_in <= shares.len() {
                continue;
            }
            if let Some((share, others, p)) =
                lag((top, n), pooled(rest.iter().filter_map(item)), min_group)
            {
                shortfalls.push(Shortfall {
                    measure: Measure::Condition {
                        condition: c.id.clone(),
                        label: c.label.clone(),
                        label_en: c.label_en.clone(),
                    },
                    share,
                    others,
                    n,
                    p,
                });
            }
        }
        if !shortfalls.is_empty() {
            out.push(Redesign {
                theme: theme.to_string(),
                theme_id: own.iter().find_map(|m| m.theme_id.clone()),
                meetings: own.len(),
                shortfalls,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluation::tests::scale;
    use crate::evaluation::{evaluate, APPLICABLE, USEFUL};

    /// A meeting of `theme` with these top-two counts out of 10 for usefulness,
    /// applicability and two conditions.
    fn meeting(
        theme: &str,
        useful: usize,
        apply: usize,
        duur: usize,
        coaching: usize,
    ) -> MeetingFigures {
        let ten = |k: usize| [k, 0, 10 - k, 0];
        MeetingFigures {
            meeting: theme.into(),
            theme: theme.into(),
            theme_id: Some(theme.to_lowercase()),
            respondents: 10,
            attended: None,
            useful: Some(scale(USEFUL, ten(useful))),
            applicable: Some(scale(APPLICABLE, ten(apply))),
            conditions: vec![
                scale("voorwaarden_duur", ten(duur)),
                scale("voorwaarden_coaching", ten(coaching)),
            ],
            keep: vec![],
            change: vec![],
        }
    }

    #[test]
    fn a_theme_is_flagged_for_what_lags_and_only_that() {
        // Five good themes (9 of 10 everywhere, coaching 2 of 10: weak everywhere) and
        // "Laag": usefulness 2 of 10 (against 45 of 50: 70 points lower; Fisher's
        // exact p for 2/8 against 45/5 is far below 0.05), applicability as good as
        // the others, duur 3 of 10.
        let mut ms: Vec<MeetingFigures> = (0..5)
            .map(|i| meeting(&format!("G{i}"), 9, 9, 9, 2))
            .collect();
        ms.push(meeting("Laag", 2, 9, 3, 2));
        let e = evaluate(ms, 5);
        assert_eq!(e.redesign.len(), 1, "{:?}", e.redesign);
        let r = &e.redesign[0];
        assert_eq!(
            (r.theme.as_str(), r.theme_id.as_deref()),
            ("Laag", Some("laag"))
        );
        let what: Vec<&Measure> = r.shortfalls.iter().map(|s| &s.measure).collect();
        // Coaching is weak in every meeting: a finding for the programme, no flag here.
        assert!(
            matches!(
                what[..],
                [Measure::Useful, Measure::Condition { ref condition, .. }] if condition == "voorwaarden_duur"
            ),
            "{what:?}"
        );
        assert!(e
            .findings
            .iter()
            .any(|f| matches!(f, Finding::WeakCondition { condition, .. } if condition == "voorwaarden_coaching")));
        let useful = &r.shortfalls[0];
        assert_eq!(useful.n, 10);
        assert!((useful.share - 0.2).abs() < 1e-12 && (useful.others - 0.9).abs() < 1e-12);
        assert!(useful.p < 0.001, "{}", useful.p);
    }

    #[test]
    fn below_the_minimum_group_or_twenty_points_no_flag() {
        // 2 of 10 against 9 of 10, but the minimum group is 11: not enough ratings.
        let mut ms: Vec<MeetingFigures> = (0..5)
            .map(|i| meeting(&format!("G{i}"), 9, 9, 9, 9))
            .collect();
        ms.push(meeting("Laag", 2, 2, 3, 9));
        assert!(evaluate(ms.clone(), 11).redesign.is_empty());
        // 8 of 10 against 9 of 10: 10 points, not 20.
        let mut ms: Vec<MeetingFigures> = (0..5)
            .map(|i| meeting(&format!("G{i}"), 9, 9, 9, 9))
            .collect();
        ms.push(meeting("Bijna", 8, 8, 9, 9));
        assert!(evaluate(ms, 5).redesign.is_empty());
    }

    #[test]
    fn a_condition_weak_in_only_one_of_two_meetings_of_a_theme_flags_nothing() {
        // Theme "Twee": duur 0 of 10 and 6 of 10 (pooled 6 of 20, 30 %, far below the
        // others' 90 %), but weak in one of its two meetings only: not "in most".
        let mut ms: Vec<MeetingFigures> = (0..5)
            .map(|i| meeting(&format!("G{i}"), 9, 9, 9, 9))
            .collect();
        ms.push(meeting("Twee", 9, 9, 0, 9));
        ms.push(meeting("Twee", 9, 9, 6, 9));
        assert!(evaluate(ms.clone(), 5).redesign.is_empty());
        // Weak in both (0 and 4 of 10): flagged.
        ms.pop();
        ms.push(meeting("Twee", 9, 9, 4, 9));
        let e = evaluate(ms, 5);
        assert_eq!(e.redesign.len(), 1);
        assert_eq!(
            (e.redesign[0].meetings, e.redesign[0].shortfalls[0].n),
            (2, 20)
        );
    }
}
