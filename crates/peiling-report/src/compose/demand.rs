//! The summary's demand per catalogue theme: how many people of each audience asked for
//! a theme, in whole people (rule S1 in docs/report-rules.md). The planner's weights are
//! its own business and stay in the plan. Also who chose an option that means "none":
//! said apart, never among the wishes.

use peiling_analysis::{PartSummary, ThemeDemand};

use super::Composer;
use crate::i18n::{audience_plural, capitalise};
use crate::model::{text, Block, Row, RowKind, Table};

impl Composer<'_> {
    /// The sentence that says what the table counts, the table (each theme with the
    /// answers that feed it), the legend of "–" and, for data rebuilt from totals, that
    /// a theme's count over two answers is an estimate; nothing when no option links to
    /// a catalogue theme.
    pub(super) fn theme_demand_blocks(&self) -> Vec<Block> {
        let Some(table) = self.theme_demand_table() else {
            return Vec::new();
        };
        let mut blocks = vec![
            Block::Paragraph(vec![text(self.t(
                "De tabel zegt hoeveel mensen om elk thema van het aanbod vroegen. Het ontwikkelteam heeft elk antwoord op de vraag naar thema's aan een of meer thema's gekoppeld; onder elk thema staan die antwoorden met hun eigen aantal. Iemand telt per thema één keer, ook wie twee antwoorden bij hetzelfde thema koos. Eén antwoord kan bij twee thema's horen: tel de rijen dus niet op.",
                "The table shows how many people asked for each theme of the offer. The development team linked each answer to the question on themes to one or more themes; under each theme are those answers with their own count. A person counts once per theme, also who chose two answers of the same theme. One answer can belong to two themes, so do not add up the rows.",
            ))]),
            Block::Table(table),
        ];
        let mut note = self
            .t(
                "– = niet in de enquête van deze doelgroep: geen antwoord daarin hoort bij dit thema.",
                "– = not in this audience's survey: none of its answers belongs to this theme.",
            )
            .to_string();
        if self.theme_union_is_estimated() {
            note.push(' ');
            note.push_str(self.t(
                "De antwoorden per persoon zijn nagebouwd uit totalen: hoeveel mensen twee antwoorden van één thema allebei kozen, is niet bekend. Waar een thema twee antwoorden telt, is het aantal daarom een schatting (tussen het grootste aantal van één antwoord en hun som).",
                "The answers per person were rebuilt from totals: how many chose both answers of one theme is not known. Where a theme counts two answers, its number is therefore an estimate (between the largest count of one answer and their sum).",
            ));
        }
        blocks.push(Block::Note(note));
        blocks
    }

    /// A theme's count unites its answers by person; with answers rebuilt from totals
    /// (the survey's `[about]` says `origin = "reconstructed"`) the overlap of two
    /// chosen answers is the reconstruction's, not known (second reading, finding 2).
    fn theme_union_is_estimated(&self) -> bool {
        self.summary.survey.about.origin == Some(peiling_analysis::Origin::Reconstructed)
            && self.summary.parts.iter().any(|p| {
                p.theme_demand
                    .iter()
                    .any(|d| d.sources.iter().filter(|s| s.count > 0).count() >= 2)
            })
    }

    /// Per catalogue theme and audience, the people who chose at least one option that
    /// leads to it (the analysis' `theme_demand`, the plan's numbers), most asked for
    /// first; under each theme a row per option feeding it, with that option's own
    /// count per audience ("–" where the audience's survey has no such option).
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
        let mut rows = Vec::new();
        for (theme, _) in &themes {
            fn demand<'p>(p: &'p PartSummary, theme: &str) -> Option<&'p ThemeDemand> {
                p.theme_demand.iter().find(|d| d.theme == theme)
            }
            let mut cells = vec![self.theme_titles.get(*theme).map_or_else(
                || capitalise(&theme.replace(['_', '-'], " ")),
                String::clone,
            )];
            for p in &parts {
                cells.push(
                    demand(p, theme).map_or_else(|| "–".to_string(), |d| d.respondents.to_string()),
                );
            }
            rows.push(Row::new(RowKind::Normal, cells));
            // The options that feed it, once each (the same label in two audiences'
            // surveys is one row), in the order the audiences' surveys give them.
            let mut options: Vec<&str> = Vec::new();
            for p in &parts {
                for src in demand(p, theme)
                    .map(|d| d.sources.as_slice())
                    .unwrap_or_default()
                {
                    if !options.contains(&src.option.as_str()) {
                        options.push(&src.option);
                    }
                }
            }
            for option in options {
                let mut label = None;
                let mut cells = vec![String::new()];
                for p in &parts {
                    let src = demand(p, theme)
                        .and_then(|d| d.sources.iter().find(|s| s.option == option));
                    if let Some(s) = src {
                        label.get_or_insert_with(|| match (self.en(), &s.option_en) {
                            (true, Some(en)) => en.clone(),
                            _ => s.option.clone(),
                        });
                    }
                    cells.push(src.map_or_else(|| "–".to_string(), |s| s.count.to_string()));
                }
                cells[0] = format!("\u{b7} {}", label.unwrap_or_default());
                rows.push(Row::new(RowKind::Detail, cells));
            }
        }
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
