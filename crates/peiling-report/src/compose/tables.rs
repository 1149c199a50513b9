//! The tables of a question (counts, scales, missing rows) and its quotes.

use super::{share, Composer};
use crate::i18n::{audience_plural, Lang};
use crate::model::{Block, Quotes, Row, RowKind, Table};
use crate::privacy::{may_quote, redact};
use peiling_analysis::{CategoryRow, PartSummary, QuestionSummary};

impl Composer<'_> {
    /// Answer, n, % of base; then the apart rows and the total.
    pub(super) fn count_table(
        &self,
        q: &QuestionSummary,
        rows: &[CategoryRow],
        apart: &[(String, usize)],
    ) -> Table {
        let lang = self.lang;
        let mut out: Vec<Row> = rows
            .iter()
            .map(|r| {
                Row::new(
                    RowKind::Normal,
                    vec![
                        r.label(self.en()).to_string(),
                        r.count.to_string(),
                        lang.pct(r.pct_base),
                    ],
                )
            })
            .collect();
        for (label, n) in apart {
            out.push(Row::new(
                RowKind::Apart,
                vec![label.clone(), n.to_string(), lang.pct(share(*n, q.base))],
            ));
        }
        out.extend(self.missing_rows(q, 1));
        let total_label = if q.kind == "multi" {
            self.t("Aantal dat de vraag kreeg", "Number asked")
        } else {
            self.t("Totaal", "Total")
        };
        out.push(Row::new(
            RowKind::Total,
            vec![
                total_label.into(),
                q.base.to_string(),
                lang.pct(if q.base > 0 { 100.0 } else { 0.0 }),
            ],
        ));
        Table {
            header: vec![
                self.t("Antwoord", "Answer").into(),
                self.t("Aantal", "Count").into(),
                match lang {
                    Lang::Nl => format!("% van {}", q.base),
                    Lang::En => format!("% of {}", q.base),
                },
            ],
            rows: out,
            numeric_from: 1,
        }
    }

    /// "geen antwoord" always, "ongeldig" when there are any; `extra` empty cells after %.
    pub(super) fn missing_rows(&self, q: &QuestionSummary, extra: usize) -> Vec<Row> {
        let lang = self.lang;
        let mut rows = Vec::new();
        let mut push = |label: &str, n: usize| {
            let mut cells = vec![label.to_string(), n.to_string(), lang.pct(share(n, q.base))];
            cells.extend(std::iter::repeat_n("–".to_string(), extra - 1));
            rows.push(Row::new(RowKind::Apart, cells));
        };
        push(self.t("geen antwoord", "no answer"), q.no_answer);
        if q.invalid > 0 {
            push(self.t("ongeldig", "invalid"), q.invalid);
        }
        rows
    }

    pub(super) fn scale_table(
        &self,
        q: &QuestionSummary,
        rows: &[CategoryRow],
        na: &[CategoryRow],
    ) -> Table {
        let lang = self.lang;
        let rated: usize = rows.iter().map(|r| r.count).sum();
        let mut out: Vec<Row> = rows
            .iter()
            .map(|r| {
                Row::new(
                    RowKind::Normal,
                    vec![
                        r.label(self.en()).to_string(),
                        r.count.to_string(),
                        lang.pct(r.pct_base),
                        r.pct_answered.map_or("–".into(), |p| lang.pct(p)),
                    ],
                )
            })
            .collect();
        for r in na {
            out.push(Row::new(
                RowKind::Apart,
                vec![
                    r.label(self.en()).to_string(),
                    r.count.to_string(),
                    lang.pct(r.pct_base),
                    "–".into(),
                ],
            ));
        }
        out.extend(self.missing_rows(q, 2));
        out.push(Row::new(
            RowKind::Total,
            vec![
                self.t("Totaal", "Total").into(),
                q.base.to_string(),
                lang.pct(if q.base > 0 { 100.0 } else { 0.0 }),
                if rated > 0 {
                    format!("{} ({rated})", lang.pct(100.0))
                } else {
                    "–".into()
                },
            ],
        ));
        Table {
            header: vec![
                self.t("Antwoord", "Answer").into(),
                self.t("Aantal", "Count").into(),
                match lang {
                    Lang::Nl => format!("% van {}", q.base),
                    Lang::En => format!("% of {}", q.base),
                },
                match lang {
                    Lang::Nl => format!("% van {rated} met een niveau"),
                    Lang::En => format!("% of {rated} choosing a level"),
                },
            ],
            rows: out,
            numeric_from: 1,
        }
    }

    /// Quotes, redacted; a question put to fewer than min_group people (`asked`) gets a
    /// note instead.
    pub(super) fn quotes<'t>(
        &self,
        title: String,
        items: impl Iterator<Item = (&'t str, usize)>,
        asked: usize,
        answered: usize,
    ) -> Block {
        if !may_quote(asked, self.min_group) {
            self.held_back(|t| t.texts += answered);
            return Block::Note(match self.lang {
                Lang::Nl => format!(
                    "{title}: {answered} antwoorden, niet getoond omdat de groep kleiner is dan {}.",
                    self.min_group
                ),
                Lang::En => format!(
                    "{title}: {answered} answers, not shown because the group is smaller than {}.",
                    self.min_group
                ),
            });
        }
        Block::Quotes(Quotes {
            title,
            items: items
                .map(|(t, n)| (redact(t, self.lang), n))
                .filter(|(t, _)| !t.is_empty())
                .collect(),
        })
    }

    // ---------------------------------------------------------------- charts

    /// "% van 63 werkplekbegeleiders" (or "... aan wie de vraag gesteld is").
    pub(super) fn counted(&self, part: &PartSummary, base: usize, conditional: bool) -> String {
        let who = audience_plural(self.lang, &part.audience);
        match (self.lang, conditional) {
            (Lang::Nl, false) => format!("% van {base} {who}"),
            (Lang::Nl, true) => format!("% van {base} {who} aan wie de vraag gesteld is"),
            (Lang::En, false) => format!("% of {base} {who}"),
            (Lang::En, true) => format!("% of {base} {who} who were asked"),
        }
    }

    /// "21 (33 %)": count and percentage, written as the table writes them.
    pub(super) fn value(&self, count: usize, pct: f64) -> String {
        format!("{count} ({})", self.lang.pct(pct))
    }
}
