//! Turns a computed [`Summary`] into the report's [`Document`]: the summary page, per
//! survey part a section per question group (headline,
//! table, chart, quotes), the comparison, and the method notes. Bijlage 2's order.

mod chart;
mod comparison;
mod conclusions;
mod crosstab;
mod demand;
mod groups;
mod landing;
mod method;

pub(crate) use method::{origin_kind, origin_line};
mod parts;
mod question;
mod reading;
pub(crate) mod small;
mod summary;
mod tables;
pub mod trend;

use peiling_analysis::{
    CategoryRow, Comparison, Detail, GroupRole, PartSummary, QuestionSummary, Summary,
};

use crate::headline;
use crate::i18n::Lang;
use crate::model::Document;

pub(crate) use conclusions::ANCHOR_CONCLUSIONS;
pub(crate) use landing::plan_landing;
pub(crate) use reading::{bijlage_reading, ANCHOR_READING};
pub(crate) use summary::offer_title;

/// Anchors other documents may link to (the plan section is added with a plan, by
/// [`crate::plan::fill`]).
pub const ANCHOR_SUMMARY: &str = "samenvatting";
pub const ANCHOR_PLAN: &str = "rotatieplan";
pub const ANCHOR_METHOD: &str = "verantwoording";
/// The summary's "what it means for next year's offer", where a plan adds its pointer.
pub const ANCHOR_OFFER: &str = "samenvatting-aanbod";

pub struct Composer<'a> {
    pub summary: &'a Summary,
    pub comparison: Option<&'a Comparison>,
    pub lang: Lang,
    pub min_group: usize,
    pub theme_titles: &'a std::collections::BTreeMap<String, String>,
    /// The summary before the small-cell rule took questions out (for their places).
    pub unscreened: &'a Summary,
    /// Questions put to fewer than `min_group` people, taken out of `summary`.
    pub withheld: Vec<small::Withheld>,
    /// What the small-cell rule held back so far (the Verantwoording says how much).
    pub tally: std::cell::Cell<small::Tally>,
    /// The survey's proper names, which keep their capital inside a sentence.
    pub names: crate::i18n::Names,
}

impl Composer<'_> {
    fn en(&self) -> bool {
        self.lang.is_en()
    }

    fn t<'s>(&self, nl: &'s str, en: &'s str) -> &'s str {
        self.lang.pick(nl, en)
    }

    pub fn document(&self) -> Document {
        let s = self.summary;
        let mut subtitle = Vec::new();
        let survey_title = match (&s.survey.title_en, self.en()) {
            (Some(en), true) => en.clone(),
            _ => s.survey.title.clone(),
        };
        subtitle.push(survey_title);
        if let Some(p) = &s.survey.partnership {
            subtitle.push(p.clone());
        }
        if !s.filters.is_empty() {
            let each: Vec<String> = s.filters.iter().map(|f| self.filter_text(f)).collect();
            subtitle.push(match self.lang {
                Lang::Nl => format!("Alleen respondenten die {}.", self.lang.join_and(&each)),
                Lang::En => format!("Only respondents who {}.", self.lang.join_and(&each)),
            });
        }
        let mut sections = vec![self.summary_section(), self.conclusions_section()];
        for part in &s.parts {
            sections.push(self.part_section(part));
        }
        if let Some(c) = self.comparison {
            sections.push(self.comparison_section(c));
        }
        sections.push(self.method_section());
        Document {
            title: self
                .t(
                    "Bijlage: enquête professionalisering",
                    "Appendix: professionalisation survey",
                )
                .to_string(),
            subtitle,
            sections,
        }
    }
}

impl Composer<'_> {
    /// A filter ("question=answer") in the words of the question and its answer:
    /// "„ja” antwoordden op „Heb je behoefte ...?”".
    fn filter_text(&self, filter: &str) -> String {
        let (id, value) = filter.split_once('=').unwrap_or((filter, ""));
        let q = self
            .summary
            .parts
            .iter()
            .flat_map(|p| &p.questions)
            .find(|q| q.id == id.trim());
        let answer = q
            .map(category_rows)
            .unwrap_or_default()
            .into_iter()
            .find(|r| r.label.eq_ignore_ascii_case(value.trim()))
            .map_or(value.trim().to_string(), |r| {
                self.names.in_sentence(r.label(self.en()))
            });
        let asked = q.map_or_else(|| id.replace('_', " "), |q| q.label(self.en()).to_string());
        match self.lang {
            Lang::Nl => format!("\u{201e}{answer}\u{201d} antwoordden op \u{201e}{asked}\u{201d}"),
            Lang::En => format!("answered \u{201c}{answer}\u{201d} to \u{201c}{asked}\u{201d}"),
        }
    }
}

fn share(k: usize, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        k as f64 * 100.0 / n as f64
    }
}

/// "Hoe capabel?" stays, "Relatie met SO en IO" gets a colon: the lead of a title.
fn title_lead(s: &str) -> String {
    if s.ends_with(['?', ':', '.']) {
        s.to_string()
    } else {
        format!("{s}:")
    }
}

/// An anchor from ids: lower-case ASCII letters, digits and dashes.
pub fn anchor(s: &str) -> String {
    slug(s)
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// The first multiple-choice question of the group declared with `role`.
fn first_multi(part: &PartSummary, role: GroupRole) -> Option<&QuestionSummary> {
    let group = groups::with_role(part, role)?;
    part.questions
        .iter()
        .find(|q| q.group == group && q.kind == "multi")
}

fn top_rows(q: &QuestionSummary, k: usize) -> Vec<&CategoryRow> {
    match &q.detail {
        Detail::Multi { rows, .. } => top_k(rows, k),
        _ => Vec::new(),
    }
}

/// The `k` most chosen rows (count above 0, not an option that means "none", most
/// first, the table's order among equals),
/// and every further row tied with the last of them: a tie is named, never cut off.
pub(crate) fn top_k(rows: &[CategoryRow], k: usize) -> Vec<&CategoryRow> {
    // An option that means "none of these" is never a wish (docs/report-rules.md, N1).
    let mut chosen: Vec<&CategoryRow> = rows
        .iter()
        .filter(|r| r.count > 0 && !r.exclusive)
        .collect();
    chosen.sort_by_key(|r| std::cmp::Reverse(r.count));
    if k == 0 {
        return Vec::new();
    }
    if let Some(cut) = chosen.get(k - 1).map(|r| r.count) {
        let mut i = 0;
        chosen.retain(|r| {
            i += 1;
            i <= k || r.count == cut
        });
    }
    chosen
}

/// The yes/no question of the group declared with role "contact": may we approach you?
fn contact_question(part: &PartSummary) -> Option<&QuestionSummary> {
    let group = groups::with_role(part, GroupRole::Contact)?;
    part.questions
        .iter()
        .find(|q| q.group == group && q.kind == "yesno")
}

/// The scale questions of the group declared with `role`, clustered as
/// [`scale_clusters`] does, with the group's id.
fn role_clusters(
    part: &PartSummary,
    role: GroupRole,
) -> Option<(&str, Vec<Vec<&QuestionSummary>>)> {
    let group = groups::with_role(part, role)?;
    Some((group, scale_clusters(part, group)))
}

/// Scale questions of a group, clustered by shape (number of levels, neutral level),
/// so items on the same kind of scale share one diverging chart.
fn scale_clusters<'p>(part: &'p PartSummary, group: &str) -> Vec<Vec<&'p QuestionSummary>> {
    let mut clusters: Vec<(usize, Option<usize>, Vec<&QuestionSummary>)> = Vec::new();
    for q in part.questions.iter().filter(|q| q.group == group) {
        if let Detail::Scale { rows, neutral, .. } = &q.detail {
            match clusters
                .iter_mut()
                .find(|(n, m, _)| *n == rows.len() && m == neutral)
            {
                Some(c) => c.2.push(q),
                None => clusters.push((rows.len(), *neutral, vec![q])),
            }
        }
    }
    clusters.into_iter().map(|c| c.2).collect()
}

fn scale_items<'q>(
    lang: Lang,
    part: &PartSummary,
    qs: &[&'q QuestionSummary],
) -> Vec<headline::ScaleItem<'q>> {
    qs.iter()
        .filter_map(|q| match &q.detail {
            Detail::Scale { rows, neutral, .. } => Some(headline::ScaleItem {
                label: groups::in_sentence(lang, part, q),
                rows,
                neutral: *neutral,
            }),
            _ => None,
        })
        .collect()
}

/// Level names for a chart legend: the words the items' labels share ("Uitermate
/// competent" and "Uitermate capabel" give "Uitermate"), and the words left out that way
/// ("competent of capabel"), for a table header to say once.
fn common_level_names(lang: Lang, items: &[&QuestionSummary]) -> (Vec<String>, Option<String>) {
    let per_item: Vec<Vec<String>> = items
        .iter()
        .filter_map(|q| match &q.detail {
            Detail::Scale { rows, .. } => Some(
                rows.iter()
                    .map(|r| r.label(lang.is_en()).to_string())
                    .collect(),
            ),
            _ => None,
        })
        .collect();
    let Some(first) = per_item.first() else {
        return (Vec::new(), None);
    };
    let mut left_out: Vec<String> = Vec::new();
    let names = (0..first.len())
        .map(|i| {
            let labels: Vec<&str> = per_item
                .iter()
                .filter_map(|l| l.get(i).map(String::as_str))
                .collect();
            if labels.iter().all(|l| *l == labels[0]) {
                return labels[0].to_string();
            }
            let words: Vec<Vec<&str>> = labels
                .iter()
                .map(|l| l.split_whitespace().collect())
                .collect();
            let mut k = 0;
            while words.iter().all(|w| k < w.len() && w[k] == words[0][k]) {
                k += 1;
            }
            if k == 0 {
                labels[0].to_string()
            } else {
                for w in &words {
                    let tail = crate::i18n::decapitalise(&w[k..].join(" "));
                    if !tail.is_empty() && !left_out.contains(&tail) {
                        left_out.push(tail);
                    }
                }
                words[0][..k].join(" ")
            }
        })
        .collect();
    let word = (!left_out.is_empty()).then(|| lang.join_or(&left_out));
    (names, word)
}

/// The categories of a question as rows (for matching cross-tab labels).
fn category_rows(q: &QuestionSummary) -> Vec<&CategoryRow> {
    match &q.detail {
        Detail::Choice { rows } | Detail::Multi { rows, .. } => rows.iter().collect(),
        Detail::Scale {
            rows,
            not_applicable,
            ..
        } => rows.iter().chain(not_applicable).collect(),
        Detail::Number { histogram, .. } => histogram.iter().collect(),
        _ => Vec::new(),
    }
}

/// Group sizes of a cross-tab's columns, from the grouping question's own counts.
fn group_sizes(by: Option<&QuestionSummary>, columns: &[String]) -> Vec<Option<usize>> {
    let rows = by.map(category_rows).unwrap_or_default();
    columns
        .iter()
        .map(|c| rows.iter().find(|r| &r.label == c).map(|r| r.count))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_ascii_slugs() {
        assert_eq!(anchor("wpb-capabel_studenten"), "wpb-capabel-studenten");
        assert_eq!(slug("Vergelijking: 2020 / 2021"), "vergelijking-2020-2021");
    }
}
