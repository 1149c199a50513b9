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
                        labels.push(pct.map_or(c.to_string(), |p| lang.pct(p)));
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
        if !hidden_any {
            notes.extend(self.test_notes(t));
        }
        if !notes.is_empty() {
            sec.blocks.push(Block::Note(notes.join(" ")));
        }
        sec
    }

    /// The tests whose conditions hold, each with its effect size, or why there is none
    /// (docs/report-rules.md).
    fn test_notes(&self, t: &peiling_analysis::CrossTab) -> Vec<String> {
        let lang = self.lang;
        let mut out: Vec<String> = t
            .shown
            .iter()
            .map(|test| {
                let name = match (test.name.as_str(), lang) {
                    ("chi-square", Lang::Nl) => "Chi-kwadraattoets",
                    ("chi-square", Lang::En) => "Chi-square test",
                    ("Fisher exact", Lang::Nl) => "Exacte toets van Fisher",
                    ("Fisher exact", Lang::En) => "Fisher's exact test",
                    (other, _) => other,
                };
                let effect = test
                    .effect
                    .as_ref()
                    .map(|e| format!("; {} = {}", e.name, lang.num_precise(e.value)))
                    .unwrap_or_default();
                // Fisher's statistic is an odds ratio, not a test statistic: its p says it.
                let statistic = if test.name == "Fisher exact" {
                    String::new()
                } else {
                    format!(
                        "{}{}, ",
                        lang.num_precise(test.statistic),
                        test.df
                            .map(|d| format!(" (df = {})", lang.num(d)))
                            .unwrap_or_default()
                    )
                };
                format!("{name}: {statistic}p = {}{effect}.", lang.num_p(test.p))
            })
            .collect();
        if let Some(why) = &t.withheld {
            use peiling_analysis::Withheld;
            out.push(match (why, lang) {
                (Withheld::FewRespondents { n, min }, Lang::Nl) => format!(
                    "Geen toets: {n} mensen in de tabel, een toets vraagt er minstens {min}."
                ),
                (Withheld::FewRespondents { n, min }, Lang::En) => format!(
                    "No test: {n} people in the table, a test needs at least {min}."
                ),
                (Withheld::SmallGroup { smallest, min }, Lang::Nl) => format!(
                    "Geen toets: de kleinste groep telt {smallest} mensen, een toets vraagt er minstens {min} per groep."
                ),
                (Withheld::SmallGroup { smallest, min }, Lang::En) => format!(
                    "No test: the smallest group has {smallest} people, a test needs at least {min} per group."
                ),
                (Withheld::SmallExpected { .. }, Lang::Nl) => "Geen chi-kwadraattoets: te veel cellen zijn te klein gevuld om hem betrouwbaar te maken.".to_string(),
                (Withheld::SmallExpected { .. }, Lang::En) => "No chi-square test: too many cells are too sparsely filled for it to be reliable.".to_string(),
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use peiling_analysis::{CrossTab, Effect, Test, Withheld};

    fn table(shown: Vec<Test>, withheld: Option<Withheld>) -> CrossTab {
        CrossTab {
            question: "q".into(),
            by: "b".into(),
            rows: Vec::new(),
            columns: Vec::new(),
            counts: Vec::new(),
            suppressed: 0,
            chi_square: None,
            cramers_v: None,
            fisher: None,
            ordinal: None,
            warning: None,
            shown,
            withheld,
        }
    }

    fn notes(lang: Lang, t: &CrossTab) -> Vec<String> {
        let summary: peiling_analysis::Summary = serde_json::from_value(serde_json::json!({
            "schema": "peiling-analysis/1",
            "survey": { "id": "t", "title": "T", "title_en": null, "partnership": null, "edition": null },
            "filters": [], "min_group": 5, "parts": []
        }))
        .unwrap();
        let titles = std::collections::BTreeMap::new();
        let c = Composer {
            summary: &summary,
            comparison: None,
            lang,
            min_group: 5,
            theme_titles: &titles,
            unscreened: &summary,
            withheld: Vec::new(),
            tally: Default::default(),
            names: Default::default(),
        };
        c.test_notes(t)
    }

    #[test]
    fn a_test_is_printed_with_its_effect_size_and_a_withheld_one_says_why() {
        let chi = Test {
            name: "chi-square".into(),
            statistic: 10.0,
            df: Some(2.0),
            p: 0.0067,
            effect: Some(Effect {
                name: "Cramér's V".into(),
                value: 0.408,
            }),
        };
        assert_eq!(
            notes(Lang::Nl, &table(vec![chi], None)),
            ["Chi-kwadraattoets: 10,00 (df = 2), p = 0,007; Cramér's V = 0,41."]
        );
        let few = table(Vec::new(), Some(Withheld::FewRespondents { n: 9, min: 30 }));
        assert_eq!(
            notes(Lang::Nl, &few),
            ["Geen toets: 9 mensen in de tabel, een toets vraagt er minstens 30."]
        );
        assert_eq!(
            notes(Lang::En, &few),
            ["No test: 9 people in the table, a test needs at least 30."]
        );
    }
}
