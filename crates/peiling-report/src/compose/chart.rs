//! The charts of a question: bars, histogram and diverging scale chart.

use super::{common_level_names, groups, share, title_lead, Composer};
use crate::charts::{self, Bar, Chart, DivergingItem};
use crate::i18n::{audience_plural, Lang};
use crate::model::ChartRef;
use peiling_analysis::{CategoryRow, Detail, PartSummary, QuestionSummary};

impl Composer<'_> {
    pub(super) fn bars_chart(
        &self,
        part: &PartSummary,
        q: &QuestionSummary,
        rows: &[CategoryRow],
        multi: bool,
    ) -> ChartRef {
        let mut bars: Vec<Bar> = rows
            .iter()
            .map(|r| Bar {
                label: r.label(self.en()).to_string(),
                pct: r.pct_base,
                value: self.value(r.count, r.pct_base),
                apart: false,
            })
            .collect();
        self.push_missing_bars(q, &mut bars);
        let title = format!(
            "{} ({})",
            q.label(self.en()),
            self.counted(part, q.base, q.condition.is_some())
        );
        let note = multi.then(|| {
            self.t(
                "Meer antwoorden mogelijk; gerangschikt naar hoe vaak gekozen.",
                "Several answers allowed; ranked by how often chosen.",
            )
            .to_string()
        });
        let alt = self.alt(
            &title,
            bars.iter().map(|b| (b.label.as_str(), b.value.as_str())),
        );
        ChartRef {
            id: format!("{}-{}", part.questionnaire, q.id),
            alt,
            chart: Chart::Bars(charts::Bars { title, bars, note }),
        }
    }

    pub(super) fn push_missing_bars(&self, q: &QuestionSummary, bars: &mut Vec<Bar>) {
        for (label, n) in [
            (self.t("geen antwoord", "no answer"), q.no_answer),
            (self.t("ongeldig", "invalid"), q.invalid),
        ] {
            if n > 0 {
                let pct = share(n, q.base);
                bars.push(Bar {
                    label: label.into(),
                    pct,
                    value: self.value(n, pct),
                    apart: true,
                });
            }
        }
    }

    pub(super) fn histogram_chart(
        &self,
        part: &PartSummary,
        q: &QuestionSummary,
        rows: &[CategoryRow],
        unknown: usize,
    ) -> ChartRef {
        let bin = |label: &str, count: usize, pct: f64, apart: bool| charts::Bin {
            label: label.to_string(),
            count,
            value: self.value(count, pct),
            short: count.to_string(),
            apart,
        };
        let mut bins: Vec<charts::Bin> = rows
            .iter()
            .map(|r| bin(r.label(self.en()), r.count, r.pct_base, false))
            .collect();
        for (label, n) in [
            (self.t("onbekend", "unknown"), unknown),
            (self.t("geen antwoord", "no answer"), q.no_answer),
            (self.t("ongeldig", "invalid"), q.invalid),
        ] {
            if n > 0 {
                bins.push(bin(label, n, share(n, q.base), true));
            }
        }
        let title = format!(
            "{} ({})",
            q.label(self.en()),
            self.counted(part, q.base, q.condition.is_some()).replacen(
                '%',
                self.t("aantal en %", "count and %"),
                1
            )
        );
        let alt = self.alt(
            &title,
            bins.iter().map(|b| (b.label.as_str(), b.value.as_str())),
        );
        ChartRef {
            id: format!("{}-{}", part.questionnaire, q.id),
            alt,
            chart: Chart::Histogram(charts::Histogram {
                title,
                bins,
                note: None,
            }),
        }
    }

    /// One diverging chart for scale items on the same levels; `key` names the file.
    pub(super) fn diverging_chart(
        &self,
        part: &PartSummary,
        key: &str,
        items: &[&QuestionSummary],
    ) -> ChartRef {
        let lang = self.lang;
        let neutral = items
            .iter()
            .find_map(|q| match &q.detail {
                Detail::Scale { neutral, .. } => Some(*neutral),
                _ => None,
            })
            .flatten();
        let first_na: &[CategoryRow] = items
            .iter()
            .find_map(|q| match &q.detail {
                Detail::Scale { not_applicable, .. } => Some(not_applicable.as_slice()),
                _ => None,
            })
            .unwrap_or(&[]);
        let (levels, level_word) = common_level_names(lang, items);
        let mut apart_names: Vec<String> = first_na
            .iter()
            .map(|r| r.label(self.en()).to_string())
            .collect();
        let na_slots = items
            .iter()
            .map(|q| match &q.detail {
                Detail::Scale { not_applicable, .. } => not_applicable.len(),
                _ => 0,
            })
            .max()
            .unwrap_or(0);
        while apart_names.len() < na_slots {
            apart_names.push(self.t("n.v.t.", "not applicable").into());
        }
        apart_names.push(self.t("geen antwoord", "no answer").into());
        let div_items: Vec<DivergingItem> = items
            .iter()
            .filter_map(|q| {
                let Detail::Scale {
                    rows,
                    not_applicable,
                    ..
                } = &q.detail
                else {
                    return None;
                };
                let rated: usize = rows.iter().map(|r| r.count).sum();
                let mut apart: Vec<f64> = (0..na_slots)
                    .map(|i| not_applicable.get(i).map_or(0.0, |r| r.pct_base))
                    .collect();
                apart.push(share(q.no_answer + q.invalid, q.base));
                // "Scholing geven aan werkplekbegeleiders (61 antwoorden)": the short
                // title when there is one (second reading, finding 8), and the count in
                // words.
                let name = q.short(self.en()).map_or_else(
                    || groups::item_label(part, q, self.en()).to_string(),
                    crate::i18n::capitalise,
                );
                Some(DivergingItem {
                    label: match lang {
                        Lang::Nl => format!("{name} ({rated} antwoorden)"),
                        Lang::En => format!("{name} ({rated} answers)"),
                    },
                    levels: rows.iter().map(|r| share(r.count, rated)).collect(),
                    apart,
                })
            })
            .collect();
        let who = audience_plural(lang, &part.audience);
        let same_base = items.iter().all(|q| q.base == items[0].base);
        let title = if items.len() == 1 {
            format!(
                "{} ({})",
                items[0].label(self.en()),
                match lang {
                    Lang::Nl => format!(
                        "% van wie een niveau koos, {} {who} gevraagd",
                        items[0].base
                    ),
                    Lang::En =>
                        format!("% of those choosing a level, {} {who} asked", items[0].base),
                }
            )
        } else {
            let base = if same_base {
                match lang {
                    Lang::Nl => format!("{} {who} gevraagd", items[0].base),
                    Lang::En => format!("{} {who} asked", items[0].base),
                }
            } else {
                who.clone()
            };
            match lang {
                Lang::Nl => format!(
                    "{} % van wie een niveau koos, per vraag ({base})",
                    title_lead(&groups::title(lang, part, &items[0].group))
                ),
                Lang::En => format!(
                    "{} % of those choosing a level, per question ({base})",
                    title_lead(&groups::title(lang, part, &items[0].group))
                ),
            }
        };
        let alt = {
            let mut parts = Vec::new();
            for (q, item) in items.iter().zip(&div_items) {
                let levels_txt: Vec<String> = levels
                    .iter()
                    .zip(&item.levels)
                    .map(|(l, p)| format!("{l} {}", lang.pct(*p)))
                    .collect();
                parts.push(format!(
                    "{}: {}",
                    groups::item_label(part, q, self.en()),
                    levels_txt.join(", ")
                ));
            }
            format!("{title}. {}", parts.join("; "))
        };
        ChartRef {
            id: format!("{}-{key}", part.questionnaire),
            alt,
            chart: Chart::Diverging(charts::Diverging {
                title,
                levels,
                level_word,
                neutral,
                apart: apart_names,
                apart_title: self
                    .t("apart: % van iedereen", "apart: % of everyone")
                    .into(),
                items: div_items,
                note: None,
            }),
        }
    }

    pub(super) fn alt<'x>(
        &self,
        title: &str,
        items: impl Iterator<Item = (&'x str, &'x str)>,
    ) -> String {
        let parts: Vec<String> = items.map(|(l, v)| format!("{l}: {v}")).collect();
        format!("{title}. {}", parts.join("; "))
    }
}
