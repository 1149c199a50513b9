//! The figures of the evaluation of meetings (issue 17): per meeting the response,
//! usefulness, applicability and the eight conditions, from each export's
//! [`PartSummary`]; across meetings the comparison of applicability and the findings of
//! the rules in docs/evaluation-rules.md; the themes to redesign in [`redesign`].
//! Written as evaluation.json (docs/evaluation-schema.md) and read back by the plan.

mod redesign;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use redesign::{Measure, Redesign, Shortfall};

use crate::stats::kruskal_wallis;
use crate::summary::{Detail, PartSummary, QuestionSummary, Test, TextCount};

/// The question naming the meeting ("Titel (JJJJ-MM-DD)").
pub const MEETING: &str = "bijeenkomst";
/// Question ids the evaluation form (datasets/evaluatie/bijeenkomst.toml) uses.
pub const USEFUL: &str = "nuttig";
pub const APPLICABLE: &str = "toepasbaar";
pub const KEEP: &str = "behouden";
pub const CHANGE: &str = "veranderen";
/// The grid of the conditions: its items are the questions `voorwaarden_<item>`.
pub const CONDITIONS: &str = "voorwaarden";

/// A condition is weak when, of those who rated it, fewer than this share chose one of
/// the two most positive levels: over all meetings together, and in more than half of
/// the meetings where at least the minimum group rated it (at least two such meetings).
/// Why more than half, not three quarters or every meeting: docs/evaluation-rules.md.
pub const WEAK_SHARE: f64 = 0.5;
/// A theme lags when its applicability (two most positive levels) is at least this far
/// below that of all other meetings together, and Fisher's exact test gives p < 0.05.
pub const LAG: f64 = 0.20;
/// Version of evaluation.json; bump on a change of meaning (docs/evaluation-schema.md).
pub const SCHEMA: &str = "peiling-evaluation/1";

/// Counts of a scale question: per level (most positive first), not applicable, no answer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ScaleCounts {
    pub id: String,
    pub label: String,
    pub label_en: Option<String>,
    pub levels: Vec<String>,
    pub levels_en: Vec<Option<String>>,
    pub counts: Vec<usize>,
    pub not_applicable: usize,
    pub no_answer: usize,
}

impl ScaleCounts {
    fn from(q: &QuestionSummary) -> Option<ScaleCounts> {
        let Detail::Scale {
            rows,
            not_applicable,
            ..
        } = &q.detail
        else {
            return None;
        };
        Some(ScaleCounts {
            id: q.id.clone(),
            label: q.text.clone(),
            label_en: q.label_en.clone(),
            levels: rows.iter().map(|r| r.label.clone()).collect(),
            levels_en: rows.iter().map(|r| r.label_en.clone()).collect(),
            counts: rows.iter().map(|r| r.count).collect(),
            not_applicable: not_applicable.iter().map(|r| r.count).sum(),
            no_answer: q.no_answer + q.invalid,
        })
    }

    /// How many chose a level.
    pub fn rated(&self) -> usize {
        self.counts.iter().sum()
    }

    /// How many chose one of the two most positive levels.
    pub fn top2(&self) -> usize {
        self.counts.iter().take(2).sum()
    }

    /// The share in the two most positive levels, of those who chose a level.
    pub fn top2_share(&self) -> Option<f64> {
        let n = self.rated();
        (n > 0).then(|| self.top2() as f64 / n as f64)
    }

    /// One value per rating: the level's position, 1 the most positive.
    fn values(&self) -> Vec<f64> {
        self.counts
            .iter()
            .enumerate()
            .flat_map(|(i, &c)| std::iter::repeat_n((i + 1) as f64, c))
            .collect()
    }
}

/// The figures of one meeting's export.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MeetingFigures {
    /// The meeting as the form names it ("Feedback (2021-10-07)"), or the file's name.
    pub meeting: String,
    /// The theme the meeting belongs to (meetings of one theme are pooled).
    pub theme: String,
    /// The catalogue's id of the theme, when the meeting was found in the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme_id: Option<String>,
    pub respondents: usize,
    /// Who attended the meeting, from the records, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attended: Option<usize>,
    pub useful: Option<ScaleCounts>,
    pub applicable: Option<ScaleCounts>,
    /// The items of the conditions grid, in the form's order.
    pub conditions: Vec<ScaleCounts>,
    pub keep: Vec<TextCount>,
    pub change: Vec<TextCount>,
}

impl MeetingFigures {
    /// The figures of one export's summary; `meeting` and `theme` name it.
    pub fn from_part(part: &PartSummary, meeting: String, theme: String) -> MeetingFigures {
        let scale = |id: &str| part.question(id).and_then(ScaleCounts::from);
        let texts = |id: &str| match part.question(id).map(|q| &q.detail) {
            Some(Detail::Text { answers, .. }) => answers.clone(),
            _ => Vec::new(),
        };
        let prefix = format!("{CONDITIONS}_");
        MeetingFigures {
            meeting,
            theme,
            theme_id: None,
            respondents: part.respondents,
            attended: None,
            useful: scale(USEFUL),
            applicable: scale(APPLICABLE),
            conditions: part
                .questions
                .iter()
                .filter(|q| q.id.starts_with(&prefix))
                .filter_map(ScaleCounts::from)
                .collect(),
            keep: texts(KEEP),
            change: texts(CHANGE),
        }
    }
}

/// The meeting an export evaluates: the answer most given to the meeting question.
pub fn meeting_of(part: &PartSummary) -> Option<String> {
    match &part.question(MEETING)?.detail {
        Detail::Choice { rows } => rows
            .iter()
            .filter(|r| r.count > 0)
            .max_by_key(|r| r.count)
            .map(|r| r.label.clone()),
        _ => None,
    }
}

/// The comparison of applicability across meetings.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Across {
    pub test: Test,
    /// Epsilon squared, H / (n - 1).
    pub epsilon_squared: f64,
    /// Meetings compared (those rated by at least the minimum group) and their ratings.
    pub meetings: usize,
    pub n: usize,
}

/// What the rules of docs/evaluation-rules.md found.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Finding {
    /// A condition below [`WEAK_SHARE`] overall and in most meetings that rated it enough.
    WeakCondition {
        condition: String,
        label: String,
        label_en: Option<String>,
        /// Meetings rated by at least the minimum group, and how many of them below.
        meetings: usize,
        weak_in: usize,
        /// The share over all meetings together.
        pooled: f64,
    },
    /// A theme whose applicability lags the other meetings by at least [`LAG`].
    LaggingTheme {
        theme: String,
        share: f64,
        others: f64,
        n: usize,
        p: f64,
    },
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Evaluation {
    /// [`SCHEMA`].
    pub schema: String,
    pub min_group: usize,
    pub meetings: Vec<MeetingFigures>,
    pub applicability: Option<Across>,
    pub findings: Vec<Finding>,
    /// The themes to redesign before they are offered again (rule 3).
    pub redesign: Vec<Redesign>,
    /// The yearly partnership reflection on the same conditions, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reflection: Option<MeetingFigures>,
}

/// The cross-meeting figures and the findings of the rules. The free texts of a meeting
/// with fewer responses than the minimum group are dropped: evaluation.json sits in the
/// verslag's folder, and the verslag does not quote them either.
pub fn evaluate(mut meetings: Vec<MeetingFigures>, min_group: usize) -> Evaluation {
    for m in meetings.iter_mut().filter(|m| m.respondents < min_group) {
        m.keep.clear();
        m.change.clear();
    }
    let enough = |n: usize| n >= min_group.max(1);
    let groups: Vec<Vec<f64>> = meetings
        .iter()
        .filter_map(|m| m.applicable.as_ref())
        .filter(|a| enough(a.rated()))
        .map(ScaleCounts::values)
        .collect();
    let n: usize = groups.iter().map(Vec::len).sum();
    let applicability = if groups.len() >= 2 {
        kruskal_wallis(&groups).map(|test| Across {
            epsilon_squared: test.statistic / (n as f64 - 1.0),
            test,
            meetings: groups.len(),
            n,
        })
    } else {
        None
    };

    let mut findings = Vec::new();
    // Weak conditions, by item id in the order of the first meeting that has it.
    let mut order: Vec<&ScaleCounts> = Vec::new();
    for m in &meetings {
        for c in &m.conditions {
            if !order.iter().any(|o| o.id == c.id) {
                order.push(c);
            }
        }
    }
    for c in order {
        let rated: Vec<&ScaleCounts> = meetings
            .iter()
            .filter_map(|m| m.conditions.iter().find(|x| x.id == c.id))
            .collect();
        let (top, n) = rated
            .iter()
            .fold((0, 0), |(t, n), x| (t + x.top2(), n + x.rated()));
        let shares: Vec<f64> = rated
            .iter()
            .filter(|x| enough(x.rated()))
            .filter_map(|x| x.top2_share())
            .collect();
        let weak_in = shares.iter().filter(|&&s| s < WEAK_SHARE).count();
        let pooled = if n > 0 { top as f64 / n as f64 } else { 1.0 };
        if shares.len() >= 2 && pooled < WEAK_SHARE && 2 * weak_in > shares.len() {
            findings.push(Finding::WeakCondition {
                condition: c.id.clone(),
                label: c.label.clone(),
                label_en: c.label_en.clone(),
                meetings: shares.len(),
                weak_in,
                pooled,
            });
        }
    }
    // Lagging themes: pooled top-2 of the theme against all other meetings.
    let mut themes: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut order: Vec<&str> = Vec::new();
    for m in &meetings {
        if let Some(a) = &m.applicable {
            let e = themes.entry(&m.theme).or_insert_with(|| {
                order.push(&m.theme);
                (0, 0)
            });
            e.0 += a.top2();
            e.1 += a.rated();
        }
    }
    let (all_top, all_n) = themes
        .values()
        .fold((0, 0), |(t, n), &(a, b)| (t + a, n + b));
    for theme in order {
        let (top, rated) = themes[theme];
        let rest = (all_top - top, all_n - rated);
        if let Some((share, others, p)) = redesign::lag((top, rated), rest, min_group) {
            findings.push(Finding::LaggingTheme {
                theme: theme.to_string(),
                share,
                others,
                n: rated,
                p,
            });
        }
    }
    let redesign = redesign::redesign(&meetings, &findings, min_group);
    Evaluation {
        schema: SCHEMA.to_string(),
        min_group,
        meetings,
        applicability,
        findings,
        redesign,
        reflection: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A four-level scale question `id` with these counts (also for `redesign`'s tests).
    pub(super) fn scale(id: &str, counts: [usize; 4]) -> ScaleCounts {
        ScaleCounts {
            id: id.into(),
            label: format!("Stam [{id}]"),
            label_en: None,
            levels: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            levels_en: vec![None; 4],
            counts: counts.to_vec(),
            not_applicable: 0,
            no_answer: 0,
        }
    }

    fn meeting(theme: &str, apply: [usize; 4], coaching: [usize; 4]) -> MeetingFigures {
        MeetingFigures {
            meeting: theme.into(),
            theme: theme.into(),
            theme_id: None,
            respondents: apply.iter().sum(),
            attended: None,
            useful: None,
            applicable: Some(scale(APPLICABLE, apply)),
            conditions: vec![scale("voorwaarden_coaching", coaching)],
            keep: vec![],
            change: vec![],
        }
    }

    #[test]
    fn kruskal_wallis_and_epsilon_squared_by_hand() {
        // Ratings 1, 2 against 3, 4: ranks sum to 3 and 7, H = 12/20 · (9/2 + 49/2) − 15
        // = 2.4 with df 1; epsilon² = H / (n − 1) = 0.8.
        let e = evaluate(
            vec![
                meeting("a", [1, 1, 0, 0], [1, 1, 0, 0]),
                meeting("b", [0, 0, 1, 1], [1, 1, 0, 0]),
            ],
            1,
        );
        let a = e.applicability.unwrap();
        assert!((a.test.statistic - 2.4).abs() < 1e-12);
        assert_eq!(a.test.df, Some(1.0));
        assert!((a.epsilon_squared - 0.8).abs() < 1e-12);
        assert_eq!((a.meetings, a.n), (2, 4));
        // Below the minimum group no meeting qualifies: no test.
        let e = evaluate(
            vec![
                meeting("a", [1, 1, 0, 0], [1, 1, 0, 0]),
                meeting("b", [0, 0, 1, 1], [1, 1, 0, 0]),
            ],
            5,
        );
        assert!(e.applicability.is_none());
    }

    #[test]
    fn a_condition_is_weak_only_below_half_overall_and_in_most_meetings() {
        // Four meetings of 10: coaching 2, 3, 4 and 6 of 10 in the top two levels:
        // pooled 15/40, below half in 3 of 4 meetings: weak.
        let m = |top: usize| meeting("t", [5, 5, 0, 0], [top, 0, 10 - top, 0]);
        let e = evaluate(vec![m(2), m(3), m(4), m(6)], 5);
        assert_eq!(
            e.findings,
            vec![Finding::WeakCondition {
                condition: "voorwaarden_coaching".into(),
                label: "Stam [voorwaarden_coaching]".into(),
                label_en: None,
                meetings: 4,
                weak_in: 3,
                pooled: 15.0 / 40.0,
            }]
        );
        // 2, 3, 6, 6: below half in only 2 of 4 (pooled 17/40 still below): not weak.
        let e = evaluate(vec![m(2), m(3), m(6), m(6)], 5);
        assert!(e.findings.is_empty(), "{:?}", e.findings);
    }

    #[test]
    fn the_weak_condition_rule_at_its_boundaries() {
        let m = |top: usize| meeting("t", [5, 5, 0, 0], [top, 0, 10 - top, 0]);
        let weak_in = |e: &Evaluation| match &e.findings[..] {
            [Finding::WeakCondition {
                weak_in,
                meetings,
                pooled,
                ..
            }] => Some((*weak_in, *meetings, *pooled)),
            _ => None,
        };
        // Six meetings, weak in four (4 of 6: more than half, fewer than three
        // quarters): pooled 3+3+3+3+7+7 = 26 of 60: weak.
        let e = evaluate(vec![m(3), m(3), m(3), m(3), m(7), m(7)], 5);
        assert_eq!(weak_in(&e), Some((4, 6, 26.0 / 60.0)));
        // Weak in exactly half (3 of 6), pooled 2+2+2+7+7+7 = 27 of 60 still below
        // half: not weak in most meetings.
        let e = evaluate(vec![m(2), m(2), m(2), m(7), m(7), m(7)], 5);
        assert_eq!(weak_in(&e), None, "{:?}", e.findings);
        // A meeting at exactly 50 % is not below half: 4, 4, 5 and 5 of 10 is weak in
        // 2 of 4, pooled 18 of 40: not weak. One fewer (4, 4, 4, 5) is weak in 3 of 4.
        let e = evaluate(vec![m(4), m(4), m(5), m(5)], 5);
        assert_eq!(weak_in(&e), None);
        let e = evaluate(vec![m(4), m(4), m(4), m(5)], 5);
        assert_eq!(weak_in(&e), Some((3, 4, 17.0 / 40.0)));
        // 5 of 10 in every meeting: exactly half, overall and in each: not weak.
        let e = evaluate(vec![m(5), m(5), m(5), m(5)], 5);
        assert_eq!(weak_in(&e), None);
        // One meeting rated by enough people is not a pattern: no finding.
        let e = evaluate(vec![m(0)], 5);
        assert_eq!(weak_in(&e), None);
        // Meetings below the minimum group do not count towards "most meetings":
        // 0 of 4 in four meetings of 4 (below 5) and 7 of 10 in two: pooled 14 of 36 is
        // below half, but neither of the two meetings rated by enough people is.
        let small = |top: usize| meeting("s", [2, 2, 0, 0], [top, 0, 4 - top, 0]);
        let e = evaluate(vec![small(0), small(0), small(0), small(0), m(7), m(7)], 5);
        assert_eq!(weak_in(&e), None, "{:?}", e.findings);
    }

    #[test]
    fn a_theme_lags_by_twenty_points_with_fisher_below_five_percent() {
        let good = [5, 5, 0, 0];
        // 2 of 10 against 40 of 40: 80 points lower, Fisher p far below 0.05.
        let mut ms: Vec<MeetingFigures> = (0..4)
            .map(|i| meeting(&format!("g{i}"), good, good))
            .collect();
        ms.push(meeting("laag", [1, 1, 4, 4], good));
        let e = evaluate(ms, 5);
        assert!(matches!(
            &e.findings[..],
            [Finding::LaggingTheme { theme, share, others, n: 10, .. }]
                if theme == "laag" && (*share - 0.2).abs() < 1e-12 && (*others - 1.0).abs() < 1e-12
        ));
        // 9 of 10 against 40 of 40: only 10 points lower: no finding.
        let mut ms: Vec<MeetingFigures> = (0..4)
            .map(|i| meeting(&format!("g{i}"), good, good))
            .collect();
        ms.push(meeting("bijna", [5, 4, 1, 0], good));
        assert!(evaluate(ms, 5).findings.is_empty());
    }
}
