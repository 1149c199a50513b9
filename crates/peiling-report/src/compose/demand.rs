//! The summary's demand per catalogue theme: how many people of each audience asked for
//! a theme, in whole people (rule S1 in docs/report-rules.md). The planner's weights are
//! its own business and stay in the plan. Also who chose an option that means "none":
//! said apart, never among the wishes.

use peiling_analysis::PartSummary;

use super::Composer;
use crate::i18n::{audience_plural, capitalise};
use crate::model::{text, Block, Row, RowKind, Table};

impl Composer<'_> {
    /// The sentence that says what the table counts, and the table; nothing when no
    /// option links to a catalogue theme.
    pub(super) fn theme_demand_blocks(&self) -> Vec<Block> {
        let Some(table) = self.theme_demand_table() else {
            return Vec::new();
        };
        vec![
            Block::Paragraph(vec![text(self.t(
                "De tabel zegt hoeveel mensen om elk thema van de catalogus vroegen. Het ontwikkelteam heeft elke keuze uit de enquête aan een of meer thema's gekoppeld; iemand telt per thema één keer. Eén keuze kan bij twee thema's horen: tel de rijen dus niet op.",
                "The table shows how many people asked for each theme of the catalogue. The development team linked each choice in the survey to one or more themes; a person counts once per theme. One choice can belong to two themes, so do not add up the rows.",
            ))]),
            Block::Table(table),
        ]
    }

    /// Per catalogue theme and audience, the people who chose at least one option that
    /// leads to it (the analysis' `theme_demand`), most asked for first.
    pub(super) fn theme_demand_table(&self) -> Option<Table> {
        let parts: Vec<&PartSummary> = self
            .summary
            .parts
            .iter()
            .filter(|p| !p.theme_demand.is_empty())
            .collect();
        if parts.is_empty() {
            return None;
        }
        let mut themes: Vec<(&str, usize)> = Vec::new();
        for p in &parts {
            for d in &p.theme_demand {
                match themes.iter_mut().find(|t| t.0 == d.theme) {
                    Some(t) => t.1 += d.respondents,
                    None => themes.push((&d.theme, d.respondents)),
                }
            }
        }
        // Most people first; equal counts in theme id order, so the order is stable.
        themes.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let mut header = vec![self.t("Thema", "Theme").to_string()];
        for p in &parts {
            header.push(capitalise(&audience_plural(self.lang, &p.audience)));
        }
        let rows = themes
            .iter()
            .map(|(theme, _)| {
                let mut cells = vec![self.theme_titles.get(*theme).map_or_else(
                    || capitalise(&theme.replace(['_', '-'], " ")),
                    String::clone,
                )];
                for p in &parts {
                    cells.push(
                        p.theme_demand
                            .iter()
                            .find(|d| d.theme == *theme)
                            .map_or_else(|| "–".to_string(), |d| d.respondents.to_string()),
                    );
                }
                Row::new(RowKind::Normal, cells)
            })
            .collect();
        Some(Table {
            header,
            rows,
            numeric_from: 1,
        })
    }
}

impl Composer<'_> {
    /// "; 1 koos geen enkele vorm": who chose an option that means "none", said apart from
    /// the wishes (rule N1 in docs/report-rules.md); empty when nobody did.
    pub(super) fn none_chosen(&self, rows: &[peiling_analysis::CategoryRow]) -> String {
        rows.iter()
            .filter(|r| r.exclusive && r.count > 0)
            .map(|r| {
                let label = self.names.in_sentence(r.label(self.en()));
                match (self.lang, r.count) {
                    (crate::i18n::Lang::Nl, 1) => format!("; 1 koos {label}"),
                    (crate::i18n::Lang::Nl, n) => format!("; {n} kozen {label}"),
                    (crate::i18n::Lang::En, n) => format!("; {n} chose {label}"),
                }
            })
            .collect()
    }
}
