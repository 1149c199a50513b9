//! The breakdown of a question by another one (`--by`): cross table and test.

use super::{anchor, category_rows, group_sizes, share, Composer};
use crate::charts::{self, Chart, GroupedRow};
use crate::i18n::Lang;
use crate::model::{Block, ChartRef, Row, RowKind, Section, Table};
use peiling_analysis::{CrossTab, PartSummary, QuestionSummary};

impl Composer<'_> {
    // ---------------------------------------------------------------- breakdowns

    pub(super) fn crosstab_section(
        &self,
        part: &PartSummary,
        q: &QuestionSummary,
        t: &CrossTab,
    ) -> Section {
        let lang = self.lang;
        let by = part.question(&t.by);
        let by_label = by.map_or(t.by.as_str(), |b| b.label(self.en()));
        let mut sec = Section::new(
            anchor(&format!("{}-{}-by-{}", part.questionnaire, q.id, t.by)),
            format!("{} {by_label}", self.t("Naar", "By")),
        );
        let sizes = group_sizes(by, &t.columns);
        // A group below min_group is hidden as a whole: with its size known from the
        // grouping question's own table, even its zero cells would give it away.
        let small: Vec<bool> = sizes
            .iter()
            .map(|s| s.is_some_and(|n| n > 0 && n < self.min_group))
            .collect();
        let mark = format!("< {}", self.min_group.max(1));
        let col_label = |j: usize| match by.and_then(|b| {
            category_rows(b)
                .into_iter()
                .find(|r| r.label == t.columns[j])
        }) {
            Some(r) => r.label(self.en()).to_string(),
            None => t.columns[j].clone(),
        };
        let mut header = vec![self.t("Antwoord", "Answer").to_string()];
        for j in 0..t.columns.len() {
            let n = sizes[j].map(|n| {
                if small[j] {
                    mark.clone()
                } else {
                    n.to_string()
                }
            });
            header.push(match n {
                Some(n) => format!("{} (n = {n})", col_label(j)),
                None => col_label(j),
            });
        }
        let row_label = |i: usize| match category_rows(q).into_iter().find(|r| r.label == t.rows[i])
        {
            Some(r) => r.label(self.en()).to_string(),
            None => t.rows[i].clone(),
        };
        let mut rows = Vec::new();
        let mut grouped = Vec::new();
        for (i, cells) in t.counts.iter().enumerate() {
            let mut out = vec![row_label(i)];
            let mut values = Vec::new();
            let mut labels = Vec::new();
            for (j, cell) in cells.iter().enumerate() {
                match (cell, small[j]) {
                    (Some(c), false) => {
                        out.push(c.to_string());
                        let pct = sizes[j].map(|n| share(*c, n));
                        values.push(pct);
                        labels.push(pct.map_or(c.to_string(), |p| lang.pct0(p)));
                    }
                    _ => {
                        self.held_back(|t| t.cells += 1);
                        out.push(mark.clone());
                        values.push(None);
                        labels.push(mark.clone());
                    }
                }
            }
            rows.push(Row::new(RowKind::Normal, out));
            grouped.push(GroupedRow {
                label: row_label(i),
                values,
                labels,
            });
        }
        sec.blocks.push(Block::Table(Table {
            header,
            rows,
            numeric_from: 1,
        }));
        let title = match lang {
            Lang::Nl => format!("{} naar {by_label} (% van elke groep)", q.label(false)),
            Lang::En => format!("{} by {by_label} (% of each group)", q.label(true)),
        };
        let series: Vec<String> = (0..t.columns.len()).map(col_label).collect();
        let alt = format!(
            "{title}. {}",
            grouped
                .iter()
                .map(|r| format!(
                    "{}: {}",
                    r.label,
                    series
                        .iter()
                        .zip(&r.labels)
                        .map(|(s, l)| format!("{s} {l}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
                .collect::<Vec<_>>()
                .join("; ")
        );
        sec.blocks.push(Block::Chart(ChartRef {
            id: format!("{}-{}-by-{}", part.questionnaire, q.id, t.by),
            alt,
            chart: Chart::Grouped(charts::Grouped {
                title,
                series,
                rows: grouped,
                note: None,
            }),
        }));
        let mut notes = Vec::new();
        let hidden_any = t.suppressed > 0 || small.iter().any(|&s| s);
        if hidden_any {
            notes.push(match lang {
                Lang::Nl => format!(
                    "\u{201c}{mark}\u{201d}: weggelaten omdat de groep of de cel kleiner is dan {}, of omdat een weggelaten cel anders uit het totaal terug te rekenen is.",
                    self.min_group
                ),
                Lang::En => format!(
                    "\u{201c}{mark}\u{201d}: left out because the group or cell is smaller than {}, or because a hidden cell could otherwise be worked out from the total.",
                    self.min_group
                ),
            });
        }
        // A test over a table with hidden cells narrows down which tables fit its
        // totals (often to one): shown only when every cell is (docs/report-rules.md).
        let all_shown = !hidden_any;
        for test in [&t.chi_square, &t.fisher, &t.ordinal]
            .into_iter()
            .flatten()
            .filter(|_| all_shown)
        {
            notes.push(format!(
                "{}: {}{}, p = {}.",
                test.name,
                lang.num_precise(test.statistic),
                test.df
                    .map(|d| format!(" (df = {})", lang.num(d)))
                    .unwrap_or_default(),
                lang.num_p(test.p)
            ));
        }
        if let Some(w) = t.warning.as_ref().filter(|_| all_shown) {
            notes.push(w.clone());
        }
        if !notes.is_empty() {
            sec.blocks.push(Block::Note(notes.join(" ")));
        }
        sec
    }
}
