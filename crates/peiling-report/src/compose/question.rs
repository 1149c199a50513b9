//! One question's subsection: headline, table, chart and quotes.

use super::{anchor, groups, small, Composer};
use crate::i18n::{audience_plural, Lang};
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
            sec.blocks.push(Block::Note(match lang {
                Lang::Nl => format!(
                    "Alleen gesteld aan wie voldeed aan {cond}: {} {}.",
                    q.base,
                    audience_plural(lang, &part.audience)
                ),
                Lang::En => format!(
                    "Only asked of those meeting {cond}: {} {}.",
                    q.base,
                    audience_plural(lang, &part.audience)
                ),
            }));
        }
        match &q.detail {
            Detail::Choice { rows } => {
                sec.blocks
                    .push(Block::Table(self.count_table(q, rows, &[])));
                sec.blocks
                    .push(Block::Chart(self.bars_chart(part, q, rows, false)));
                sec.blocks.push(Block::Note(self.base_note(part, q)));
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
                let mut note = match lang {
                    Lang::Nl => format!(
                        "Meer antwoorden mogelijk: de percentages (van {}) tellen niet op tot 100 %.",
                        q.base
                    ),
                    Lang::En => format!(
                        "Several answers allowed: the percentages (of {}) do not add up to 100 %.",
                        q.base
                    ),
                };
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
                let mut note = self
                    .t(
                        "De laatste kolom telt alleen wie een niveau koos: n.v.t. en geen antwoord tellen daar niet mee.",
                        "The last column counts only those who chose a level: not applicable and no answer are left out there.",
                    )
                    .to_string();
                if let Some(m) = median {
                    let label = rows
                        .iter()
                        .find(|r| &r.label == m)
                        .map_or(m.as_str(), |r| r.label(self.en()));
                    note.push_str(&format!(" {}: {label}.", self.t("Mediaan", "Median")));
                }
                sec.blocks.push(Block::Note(note));
            }
            Detail::Number {
                unit,
                unknown,
                histogram,
                mode,
                list,
                ..
            } => {
                if let Some(facts) = self.number_facts(q, unit.as_deref()) {
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
                let mut note = self.base_note(part, q);
                if !mode.is_empty() {
                    note.push_str(&format!(
                        " {}: {}.",
                        self.t("Het vaakst", "Most frequent"),
                        self.lang.join_and(
                            &histogram
                                .iter()
                                .filter(|r| mode.contains(&r.label))
                                .map(|r| r.label(self.en()).to_string())
                                .collect::<Vec<_>>()
                        )
                    ));
                }
                sec.blocks.push(Block::Note(note));
                let typed = list.iter().flatten().count();
                if typed > 0 {
                    // Each typed number is one person's: shown in its band only.
                    self.held_back(|t| t.values += typed);
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
            let f = |v: &Option<f64>| v.map_or("–".to_string(), |v| lang.num(v));
            let mut s = match lang {
                Lang::Nl => format!(
                    "gemiddeld {}{unit_s}, standaardafwijking {}",
                    f(mean),
                    f(sd)
                ),
                Lang::En => format!("mean {}{unit_s}, standard deviation {}", f(mean), f(sd)),
            };
            if let Some(sp) = small::spread(histogram, self.en()) {
                let middle = lang.join_and(&sp.middle);
                s.push_str(&match lang {
                    Lang::Nl => format!(
                        "; de laagste waarde valt in {}{unit_s}, de middelste in {middle}{unit_s} en de hoogste in {}{unit_s}",
                        sp.low, sp.high
                    ),
                    Lang::En => format!(
                        "; the lowest value lies in {}{unit_s}, the middle one in {middle}{unit_s} and the highest in {}{unit_s}",
                        sp.low, sp.high
                    ),
                });
            }
            s
        };
        if *unknown > 0 {
            facts.push_str(&match lang {
                Lang::Nl => format!("; {unknown}× onbekend"),
                Lang::En => format!("; {unknown}× unknown"),
            });
        }
        Some(Block::Paragraph(vec![
            Inline::Strong(match lang {
                Lang::Nl => format!("Kengetallen van de {values} getallen:"),
                Lang::En => format!("Statistics of the {values} numbers:"),
            }),
            text(format!(" {facts}.")),
        ]))
    }

    pub(super) fn base_note(&self, part: &PartSummary, q: &QuestionSummary) -> String {
        let who = audience_plural(self.lang, &part.audience);
        match self.lang {
            Lang::Nl => format!(
                "Percentages van alle {} {who} aan wie de vraag gesteld is, geen antwoord meegeteld.",
                q.base
            ),
            Lang::En => format!(
                "Percentages of all {} {who} who were asked, no answer included.",
                q.base
            ),
        }
    }
}
