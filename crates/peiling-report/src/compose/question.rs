//! One question's subsection: headline, table, chart and quotes.

use super::{anchor, groups, small, Composer};
use crate::i18n::{audience_plural, Lang};

/// A number with its unit, except after a bare 1 ("1 studenten" reads wrong, and the
/// questionnaire gives only the plural): "19 jaar", "1".
pub(super) fn with_unit(lang: Lang, v: f64, unit: Option<&str>) -> String {
    let n = lang.mean(v);
    match unit {
        Some(u) if n != "1" => format!("{n} {u}"),
        _ => n,
    }
}
use crate::model::{text, Block, Inline, Section};
use peiling_analysis::{Detail, PartSummary, QuestionSummary};

impl Composer<'_> {
    pub(super) fn question_section(
        &self,
        part: &PartSummary,
        group: &str,
        q: &QuestionSummary,
        own_chart: bool,
    ) -> Section {
        let lang = self.lang;
        let mut sec = Section::new(
            anchor(&format!("{}-{group}-{}", part.questionnaire, q.id)),
            groups::item_label(part, q, self.en()),
        );
        sec.headline = Some(self.headline(q, None));
        if let Some(cond) = &q.condition {
            sec.blocks
                .push(Block::Note(self.condition_note(part, q.base, cond)));
        }
        match &q.detail {
            Detail::Choice { rows } => {
                sec.blocks
                    .push(Block::Table(self.count_table(q, rows, &[])));
                sec.blocks
                    .push(Block::Chart(self.bars_chart(part, q, rows, false)));
                // The base of the percentages is in the column heading, the convention
                // in the reading guide: no footnote under every table.
            }
            Detail::Multi {
                rows,
                other,
                mean_chosen,
            } => {
                sec.blocks
                    .push(Block::Table(self.count_table(q, rows, &[])));
                sec.blocks
                    .push(Block::Chart(self.bars_chart(part, q, rows, true)));
                let mut note = self
                    .t("Meer antwoorden mogelijk.", "Several answers allowed.")
                    .to_string();
                if let Some(m) = mean_chosen {
                    note.push_str(&match lang {
                        Lang::Nl => format!(
                            " Gemiddeld {} keuzes per persoon die antwoordde.",
                            lang.num_precise(*m)
                        ),
                        Lang::En => format!(
                            " On average {} choices per person who answered.",
                            lang.num_precise(*m)
                        ),
                    });
                }
                sec.blocks.push(Block::Note(note));
                if !other.is_empty() {
                    sec.blocks.push(self.quotes(
                        self.t("Andere, namelijk", "Other, namely").into(),
                        other.iter().map(|o| (o.text.as_str(), o.count)),
                        q.base,
                        other.iter().map(|o| o.count).sum(),
                    ));
                }
            }
            Detail::Scale {
                rows,
                not_applicable,
                median,
                ..
            } => {
                sec.blocks
                    .push(Block::Table(self.scale_table(q, rows, not_applicable)));
                if own_chart {
                    sec.blocks
                        .push(Block::Chart(self.diverging_chart(part, &q.id, &[q])));
                }
                let mut note = String::new();
                if let Some(m) = median {
                    let label = rows
                        .iter()
                        .find(|r| &r.label == m)
                        .map_or(m.as_str(), |r| r.label(self.en()));
                    let label = self.names.in_sentence(label);
                    note.push_str(&format!("{}: {label}.", self.t("Mediaan", "Median")));
                }
                if !note.is_empty() {
                    sec.blocks.push(Block::Note(note));
                }
            }
            Detail::Number {
                unit,
                unit_en,
                unknown,
                histogram,
                mode,
                ..
            } => {
                let unit = match (lang, unit_en) {
                    (Lang::En, Some(en)) => Some(en.as_str()),
                    _ => unit.as_deref(),
                };
                if let Some(facts) = self.number_facts(q, unit) {
                    sec.blocks.push(facts);
                }
                let mut apart = Vec::new();
                if *unknown > 0 {
                    apart.push((self.t("onbekend", "unknown").to_string(), *unknown));
                }
                sec.blocks
                    .push(Block::Table(self.count_table(q, histogram, &apart)));
                sec.blocks.push(Block::Chart(
                    self.histogram_chart(part, q, histogram, *unknown),
                ));
                if !mode.is_empty() {
                    let note = format!(
                        "{}: {}.",
                        self.t("Het vaakst", "Most frequent"),
                        self.lang.join_and(
                            &histogram
                                .iter()
                                .filter(|r| mode.contains(&r.label))
                                .map(|r| self.names.in_sentence(r.label(self.en())))
                                .collect::<Vec<_>>()
                        )
                    );
                    sec.blocks.push(Block::Note(note));
                }
            }
            Detail::Text { answers, .. } => {
                sec.blocks.push(self.quotes(
                    self.t("Antwoorden", "Answers").into(),
                    answers.iter().map(|a| (a.text.as_str(), a.count)),
                    q.base,
                    q.answered,
                ));
            }
            Detail::Personal { .. } => {}
        }
        for t in part.crosstabs.iter().filter(|t| t.question == q.id) {
            sec.children.push(self.crosstab_section(part, q, t));
        }
        sec
    }

    /// Key figures of a number question by the small-cell rule: mean and standard
    /// deviation (over at least the minimum of answers), and the bands of the lowest,
    /// middle and highest answer, never the answers themselves.
    fn number_facts(&self, q: &QuestionSummary, unit: Option<&str>) -> Option<Block> {
        let lang = self.lang;
        let Detail::Number {
            values,
            unknown,
            mean,
            sd,
            histogram,
            ..
        } = &q.detail
        else {
            return None;
        };
        if *values == 0 {
            return None;
        }
        let unit_s = unit.map(|u| format!(" {u}")).unwrap_or_default();
        let mut facts = if self.too_few(*values) {
            match lang {
                Lang::Nl => format!(
                    "minder dan {} getallen ingevuld; gemiddelde en spreiding worden daarom niet getoond",
                    self.min_group
                ),
                Lang::En => format!(
                    "fewer than {} numbers given; mean and spread are therefore not shown",
                    self.min_group
                ),
            }
        } else {
            let f = |v: &Option<f64>| v.map_or("–".to_string(), |v| lang.mean(v));
            // The unit after the mean, but not after a bare 1 ("1 studenten").
            let m = mean.map_or("–".to_string(), |v| with_unit(lang, v, unit));
            let mut s = match lang {
                Lang::Nl => format!("gemiddeld {m}, standaardafwijking {}", f(sd)),
                Lang::En => format!("mean {m}, standard deviation {}", f(sd)),
            };
            if let Some(sp) = small::spread(histogram, self.en()) {
                let middle = lang.join_and(&sp.middle);
                s.push_str(&match lang {
                    Lang::Nl => format!(
                        "; de laagste waarde valt in {}, de middelste in {middle} en de hoogste in {}{unit_s}",
                        sp.low, sp.high
                    ),
                    Lang::En => format!(
                        "; the lowest value lies in {}, the middle one in {middle} and the highest in {}{unit_s}",
                        sp.low, sp.high
                    ),
                });
            }
            s
        };
        if *unknown > 0 {
            facts.push_str(&match lang {
                Lang::Nl => format!("; {unknown} keer onbekend"),
                Lang::En => format!("; {unknown} unknown"),
            });
        }
        Some(Block::Paragraph(vec![
            Inline::Strong(match lang {
                Lang::Nl => format!("In cijfers ({values} antwoorden):"),
                Lang::En => format!("In figures ({values} answers):"),
            }),
            text(format!(" {facts}.")),
        ]))
    }

    /// Who a conditional question was put to, in the words of the question it depends
    /// on: "Alleen gesteld aan de 8 schoolopleiders die „ja” antwoordden op „Heb je ...?”".
    pub(super) fn condition_note(&self, part: &PartSummary, base: usize, cond: &str) -> String {
        let who = audience_plural(self.lang, &part.audience);
        let (id, answer) = cond.split_once(" = ").unwrap_or((cond, ""));
        let on = part.questions.iter().find(|q| q.id == id.trim());
        let answer = on
            .map(super::category_rows)
            .unwrap_or_default()
            .into_iter()
            .find(|r| r.label == answer.trim())
            .map_or(answer.trim().to_string(), |r| {
                self.names.in_sentence(r.label(self.en()))
            });
        let asked = on.map_or_else(|| id.replace('_', " "), |q| q.label(self.en()).to_string());
        match self.lang {
            Lang::Nl => format!(
                "Alleen gesteld aan de {base} {who} die \u{201e}{answer}\u{201d} antwoordden op \u{201e}{asked}\u{201d}."
            ),
            Lang::En => format!(
                "Only asked of the {base} {who} who answered \u{201c}{answer}\u{201d} to \u{201c}{asked}\u{201d}."
            ),
        }
    }
}
