//! The small-cell rule (docs/report-rules.md, "Kleine groepen"): which figures the
//! report may print about few people, and a tally of what it held back, for the
//! Verantwoording. One rule for every table, chart, headline and list.

use std::cell::Cell;

use peiling_analysis::{CategoryRow, Detail, PartSummary, QuestionSummary, Summary};

use super::{anchor, Composer};
use crate::headline;
use crate::i18n::{audience_plural, Lang};
use crate::model::{Block, Section};

/// A question left out of the report because it was put to fewer people than the
/// minimum: every cell of its table would be a small cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withheld {
    /// The part's questionnaire id.
    pub part: String,
    pub group: String,
    pub id: String,
    pub label: String,
    pub label_en: Option<String>,
    /// How many it was put to (fewer than the minimum, more than zero).
    pub base: usize,
}

impl Withheld {
    pub fn label(&self, en: bool) -> &str {
        match (&self.label_en, en) {
            (Some(l), true) => l,
            _ => &self.label,
        }
    }
}

/// What the small-cell rule held back, counted (never which).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Questions put to fewer than the minimum: not shown.
    pub questions: usize,
    /// Free-text answers not quoted.
    pub texts: usize,
    /// Cells of breakdowns shown as "< minimum".
    pub cells: usize,
}

/// Adds to a tally kept in a cell (the composer composes through `&self`).
pub(crate) fn add(cell: &Cell<Tally>, f: impl FnOnce(&mut Tally)) {
    let mut t = cell.get();
    f(&mut t);
    cell.set(t);
}

/// Whether a figure about `n` people is below the minimum (`min` 0: the rule is off).
pub(crate) fn too_few(n: usize, min: usize) -> bool {
    min > 0 && n > 0 && n < min
}

/// The summary with the questions put to fewer than `min` people taken out (with
/// their breakdowns and reliability sets), and the demand per theme of a part with
/// fewer respondents than `min`; the list of questions taken out, and the tally.
pub(crate) fn screen(summary: &Summary, min: usize) -> (Summary, Vec<Withheld>, Tally) {
    let mut out = summary.clone();
    let mut withheld = Vec::new();
    let mut tally = Tally::default();
    for part in &mut out.parts {
        if too_few(part.respondents, min) {
            // Two cells per theme: weighted demand and people.
            tally.cells += 2 * part.theme_demand.len();
            part.theme_demand.clear();
        }
        let small: Vec<String> = part
            .questions
            .iter()
            .filter(|q| q.kind != "personal" && too_few(q.base, min))
            .map(|q| q.id.clone())
            .collect();
        if small.is_empty() {
            continue;
        }
        for q in part.questions.iter().filter(|q| small.contains(&q.id)) {
            withheld.push(Withheld {
                part: part.questionnaire.clone(),
                group: q.group.clone(),
                id: q.id.clone(),
                label: q.text.clone(),
                label_en: q.label_en.clone(),
                base: q.base,
            });
        }
        part.questions.retain(|q| !small.contains(&q.id));
        part.crosstabs
            .retain(|t| !small.contains(&t.question) && !small.contains(&t.by));
        part.reliability
            .retain(|r| !r.items.iter().any(|i| small.contains(i)));
    }
    tally.questions = withheld.len();
    (out, withheld, tally)
}

/// Where the lowest, the middle and the highest of a number question's answers lie:
/// the labels of their bands (histogram rows in ascending order), never the values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spread {
    pub low: String,
    /// One band, or two when the middle falls between two bands.
    pub middle: Vec<String>,
    pub high: String,
}

pub(crate) fn spread(histogram: &[CategoryRow], en: bool) -> Option<Spread> {
    let n: usize = histogram.iter().map(|r| r.count).sum();
    if n == 0 {
        return None;
    }
    // The band of the k-th smallest answer (0-based).
    let band = |k: usize| {
        let mut seen = 0;
        histogram
            .iter()
            .find(|r| {
                seen += r.count;
                seen > k
            })
            .map(|r| r.label(en).to_string())
    };
    let low = band(0)?;
    let high = band(n - 1)?;
    let (a, b) = (band((n - 1) / 2)?, band(n / 2)?);
    let middle = if a == b { vec![a] } else { vec![a, b] };
    Some(Spread { low, middle, high })
}

impl Composer<'_> {
    /// Whether a figure about `n` people falls under the minimum.
    pub(super) fn too_few(&self, n: usize) -> bool {
        too_few(n, self.min_group)
    }

    /// A question's headline by the small-cell rule: a number question with fewer
    /// typed answers than the minimum is described by its bands, without a mean.
    pub(super) fn headline(&self, q: &QuestionSummary, subject: Option<&str>) -> String {
        // The question's own short title says best what was asked; else the group's.
        let subject = q.short(self.en()).or(subject);
        match &q.detail {
            Detail::Number { values, .. } if self.too_few(*values) => {
                let mut bands_only = q.clone();
                if let Detail::Number { values, .. } = &mut bands_only.detail {
                    *values = 0;
                }
                headline::question(self.lang, &self.names, &bands_only, subject)
            }
            _ => headline::question(self.lang, &self.names, q, subject),
        }
    }

    /// Counts something the rule held back.
    pub(super) fn held_back(&self, f: impl FnOnce(&mut Tally)) {
        add(&self.tally, f);
    }

    /// The place of a question put to too few people: its title and why it is empty.
    pub(super) fn withheld_section(&self, part: &PartSummary, w: &Withheld) -> Section {
        let mut sec = Section::new(
            anchor(&format!("{}-{}-{}", part.questionnaire, w.group, w.id)),
            w.label(self.en()),
        );
        let who = audience_plural(self.lang, &part.audience);
        let min = self.min_group;
        sec.blocks.push(Block::Note(match self.lang {
            Lang::Nl => format!(
                "Deze vraag is aan {} {who} gesteld, minder dan {min}: de antwoorden staan niet in dit rapport, zodat niemand herkenbaar is.",
                w.base
            ),
            Lang::En => format!(
                "This question was put to {} {who}, fewer than {min}: the answers are not in this report, so that no one can be recognised.",
                w.base
            ),
        }));
        sec
    }

    /// The headline of a group with nothing to show.
    pub(super) fn withheld_headline(&self) -> String {
        self.t(
            "Niet getoond: te weinig mensen gevraagd",
            "Not shown: too few people asked",
        )
        .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(label: &str, count: usize) -> CategoryRow {
        CategoryRow {
            label: label.into(),
            label_en: None,
            count,
            pct_base: 0.0,
            pct_answered: None,
            wilson95: None,
            exclusive: false,
        }
    }

    #[test]
    fn the_spread_names_bands_not_values() {
        // SO leservaring: 5, 8 | 12, 14 | 17, 18 | 22 | 25 | 30 | 39.
        let h = [
            row("0-4", 0),
            row("5-9", 2),
            row("10-14", 2),
            row("15-19", 2),
            row("20-24", 1),
            row("25-29", 1),
            row("30-34", 1),
            row("35-39", 1),
        ];
        let s = spread(&h, false).unwrap();
        assert_eq!(s.low, "5-9");
        assert_eq!(s.high, "35-39");
        // The 5th and 6th of 10 (17 and 18) both lie in 15-19.
        assert_eq!(s.middle, ["15-19"]);
        // Four answers: the middle two straddle two bands.
        let h = [row("0-9", 2), row("10-19", 2)];
        assert_eq!(spread(&h, false).unwrap().middle, ["0-9", "10-19"]);
        assert_eq!(spread(&[row("0-9", 0)], false), None);
    }

    #[test]
    fn a_question_put_to_too_few_is_small_but_zero_or_the_minimum_is_not() {
        assert!(too_few(4, 5));
        assert!(too_few(1, 5));
        assert!(!too_few(5, 5));
        assert!(!too_few(0, 5));
        assert!(!too_few(1, 0));
    }
}
