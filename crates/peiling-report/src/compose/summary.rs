//! The summary page: key figures, the demand per theme, the most wanted themes and
//! forms, and what it means for next year's offer.

use super::{
    anchor, contact_question, first_multi, groups, role_clusters, scale_items, top_k, top_rows,
    Composer, ANCHOR_OFFER, ANCHOR_SUMMARY,
};
use crate::headline;
use crate::i18n::{audience_name, audience_plural, capitalise, Lang};
use crate::model::{text, Block, Inline, Row, RowKind, Section, Table};
use peiling_analysis::{Detail, GroupRole, PartSummary, QuestionSummary};

impl Composer<'_> {
    // ---------------------------------------------------------------- summary page

    pub(super) fn summary_section(&self) -> Section {
        let mut sec = Section::new(ANCHOR_SUMMARY, self.t("Samenvatting", "Summary"));
        sec.page_break = true;
        let parts = &self.summary.parts;
        sec.blocks.push(Block::Paragraph(vec![
            text(self.t(
                "Per doelgroep de respons, de gevraagde thema's en vormen, hoe bekwaam men zich voelt en wat dat betekent voor het aanbod. De cijfers per vraag staan in de hoofdstukken per doelgroep. Hoe je de tabellen en grafieken leest, staat in de ",
                "For each audience: the response, the themes and forms asked for, how capable people feel, and what that means for the offer. The figures per question are in the chapters per audience. How to read the tables and charts is explained in ",
            )),
            Inline::Link {
                text: self.t("Leeswijzer", "How to read").into(),
                anchor: super::reading::ANCHOR_READING.into(),
            },
            text("."),
        ]));

        let mut response = Section::new("samenvatting-respons", self.t("Respons", "Response"));
        response.blocks.push(Block::List(
            parts
                .iter()
                .map(|p| {
                    vec![
                        Inline::Link {
                            text: audience_name(self.lang, &p.audience),
                            anchor: anchor(&p.questionnaire),
                        },
                        text(format!(": {}.", headline::response(self.lang, p))),
                    ]
                })
                .collect(),
        ));
        sec.children.push(response);

        let mut demand = Section::new(
            "samenvatting-vraag",
            self.t("Gevraagde thema's en vormen", "Themes and forms asked for"),
        );
        let mut items = Vec::new();
        for p in parts {
            for (role, what) in [
                (GroupRole::Themes, self.t("thema's", "themes")),
                (GroupRole::Forms, self.t("vormen", "forms")),
            ] {
                if let Some(q) = first_multi(p, role) {
                    items.push(vec![
                        Inline::Strong(format!(
                            "{}, {what}",
                            audience_name(self.lang, &p.audience)
                        )),
                        text(format!(": {}.", self.top_list(q, 3))),
                    ]);
                }
            }
        }
        if items.is_empty() {
            demand.blocks.push(Block::Paragraph(vec![text(self.t(
                "Deze enquête vraagt niet naar thema's of vormen.",
                "This survey does not ask for themes or forms.",
            ))]));
        } else {
            demand.blocks.push(Block::List(items));
        }
        if let Some(table) = self.theme_demand_table() {
            demand.blocks.push(Block::Paragraph(vec![text(self.t(
                "Omgerekend naar de thema's van de catalogus (elke keuze telt mee met het gewicht dat de vragenlijst haar geeft; die koppeling is een keuze van het ontwikkelteam):",
                "Converted to the catalogue's themes (each choice counts with the weight the questionnaire gives it; that link is the development team's judgement):",
            ))]));
            demand.blocks.push(Block::Table(table));
            demand.blocks.push(Block::Note(self.t(
                "Gewogen: som van keuzes × gewicht. Personen: hoeveel respondenten minstens één optie kozen die naar het thema leidt.",
                "Weighted: sum of choices × weight. People: how many respondents chose at least one option leading to the theme.",
            ).to_string()));
        }
        sec.children.push(demand);

        let mut capable = Section::new(
            "samenvatting-capabel",
            self.t("Hoe bekwaam voelt men zich?", "How capable do people feel?"),
        );
        for p in parts {
            let Some((group, clusters)) = role_clusters(p, GroupRole::Capability) else {
                continue;
            };
            for cluster in &clusters {
                let items = scale_items(self.lang, p, cluster);
                let line = headline::scale_group(self.lang, &items).unwrap_or_else(|| {
                    headline::question(self.lang, &self.names, cluster[0], None)
                });
                capable.blocks.push(Block::Paragraph(vec![
                    Inline::Strong(format!("{}: ", audience_name(self.lang, &p.audience))),
                    text(format!("{line}.")),
                ]));
                capable
                    .blocks
                    .push(Block::Chart(self.diverging_chart(p, group, cluster)));
            }
        }
        if capable.blocks.is_empty() {
            capable.blocks.push(Block::Paragraph(vec![text(self.t(
                "Deze enquête heeft geen vragen over hoe bekwaam men zich voelt.",
                "This survey has no questions on how capable people feel.",
            ))]));
        }
        sec.children.push(capable);

        let mut offer = Section::new(ANCHOR_OFFER, offer_title(self.lang, &[]));
        offer.blocks.push(Block::List(self.implications()));
        sec.children.push(offer);
        sec.children.push(self.reading_section());
        sec
    }

    /// Demand per catalogue theme and audience (the analysis' `theme_demand`), ranked
    /// by the total weighted demand; `None` when no option links to a theme.
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
        let mut themes: Vec<(String, f64)> = Vec::new();
        for p in &parts {
            for d in &p.theme_demand {
                match themes.iter_mut().find(|t| t.0 == d.theme) {
                    Some(t) => t.1 += d.weighted,
                    None => themes.push((d.theme.clone(), d.weighted)),
                }
            }
        }
        // Most wanted first; equal demand in theme id order, so the order is stable.
        themes.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let mut header = vec![self.t("Thema", "Theme").to_string()];
        for p in &parts {
            header.push(format!("{} {}", p.audience, self.t("gewogen", "weighted")));
            header.push(format!("{} {}", p.audience, self.t("personen", "people")));
        }
        let rows = themes
            .iter()
            .map(|(theme, _)| {
                let mut cells = vec![self.theme_titles.get(theme.as_str()).map_or_else(
                    || capitalise(&theme.replace(['_', '-'], " ")),
                    String::clone,
                )];
                for p in &parts {
                    match p.theme_demand.iter().find(|d| &d.theme == theme) {
                        Some(d) => {
                            cells.push(self.lang.num(d.weighted));
                            cells.push(d.respondents.to_string());
                        }
                        None => cells.extend(["–".to_string(), "–".to_string()]),
                    }
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

    /// "A (23 van 44), B (17) en C (16)".
    pub(super) fn top_list(&self, q: &QuestionSummary, k: usize) -> String {
        let Detail::Multi { rows, .. } = &q.detail else {
            return String::new();
        };
        let items: Vec<String> = top_k(rows, k)
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let label = self.names.in_sentence(r.label(self.en()));
                if i == 0 {
                    format!("{label} ({})", self.lang.of(r.count, q.base))
                } else {
                    format!("{label} ({})", r.count)
                }
            })
            .collect();
        if items.is_empty() {
            self.t("geen keuzes", "nothing chosen").to_string()
        } else {
            self.lang.join_and(&items)
        }
    }

    /// The rules of "what it means for the offer" (docs/report-headlines.md, rule A).
    pub(super) fn implications(&self) -> Vec<Vec<Inline>> {
        let lang = self.lang;
        let mut out = Vec::new();
        for p in &self.summary.parts {
            let who = audience_plural(lang, &p.audience);
            if let Some(q) = first_multi(p, GroupRole::Themes) {
                let top = top_rows(q, 2);
                if !top.is_empty() {
                    let names: Vec<String> = top
                        .iter()
                        .map(|r| {
                            format!(
                                "{} ({})",
                                self.names.in_sentence(r.label(self.en())),
                                lang.of(r.count, q.base)
                            )
                        })
                        .collect();
                    out.push(vec![text(match lang {
                        Lang::Nl => format!(
                            "Voor {who}: bied in elk geval {} aan.",
                            lang.join_and(&names)
                        ),
                        Lang::En => format!("For {who}: offer at least {}.", lang.join_and(&names)),
                    })]);
                }
            }
            if let Some(q) = first_multi(p, GroupRole::Forms) {
                if let Some(r) = top_rows(q, 1).first() {
                    out.push(vec![text(match lang {
                        Lang::Nl => format!(
                            "De vorm die {who} het vaakst vragen: {} ({}).",
                            self.names.in_sentence(r.label(false)),
                            lang.of(r.count, q.base)
                        ),
                        Lang::En => format!(
                            "The form {who} ask for most: {} ({}).",
                            self.names.in_sentence(r.label(true)),
                            lang.of(r.count, q.base)
                        ),
                    })]);
                }
            }
            let clusters = role_clusters(p, GroupRole::Capability).map(|c| c.1);
            for cluster in clusters.unwrap_or_default() {
                for q in cluster {
                    let Detail::Scale { rows, neutral, .. } = &q.detail else {
                        continue;
                    };
                    let (k, rated) = headline::positive_count(rows, *neutral);
                    if rated == 0 || k * 2 >= rated {
                        continue;
                    }
                    // "Scholing geven aan werkplekbegeleiders: maar 1 van de 10 ..."
                    // (finding 7): the count and its one base, the question by its
                    // short title.
                    let what = capitalise(&groups::in_sentence(lang, p, q));
                    out.push(vec![text(match (lang, k) {
                        (Lang::Nl, 1) => format!(
                            "{what}: maar 1 van de {rated} {who} voelt zich hierin bekwaam. Daar moet het aanbod op letten."
                        ),
                        (Lang::Nl, _) => format!(
                            "{what}: maar {k} van de {rated} {who} voelen zich hierin bekwaam. Daar moet het aanbod op letten."
                        ),
                        (Lang::En, 1) => format!(
                            "{what}: only 1 of the {rated} {who} feels capable of it. The offer should attend to that."
                        ),
                        (Lang::En, _) => format!(
                            "{what}: only {k} of the {rated} {who} feel capable of it. The offer should attend to that."
                        ),
                    })]);
                }
            }
            if let Some(q) = contact_question(p) {
                if let Detail::Choice { rows } = &q.detail {
                    let yes = rows.first().map_or(0, |r| r.count);
                    out.push(vec![text(match lang {
                        Lang::Nl => format!(
                            "{} {who} willen benaderd worden om zelf professionalisering te geven of te ontwikkelen. Hun namen staan niet in dit rapport, maar in een aparte lijst voor het ontwikkelteam.",
                            lang.of(yes, q.base)
                        ),
                        Lang::En => format!(
                            "{} {who} are willing to be approached to give or develop professionalisation themselves. Their names are not in this report but in a separate list for the development team.",
                            lang.of(yes, q.base)
                        ),
                    })]);
                }
            }
        }
        out
    }
}

/// "Wat betekent dit voor het aanbod van 2021-2022 en 2022-2023?": the school years of
/// the plan when there is one (finding 14: "volgend jaar" is unclear once the text is
/// pasted into a plan), else no year at all.
pub(crate) fn offer_title(lang: Lang, school_years: &[String]) -> String {
    match (lang, school_years.is_empty()) {
        (Lang::Nl, true) => "Wat betekent dit voor het aanbod?".to_string(),
        (Lang::En, true) => "What does this mean for the offer?".to_string(),
        (Lang::Nl, false) => format!(
            "Wat betekent dit voor het aanbod van {}?",
            lang.join_and(school_years)
        ),
        (Lang::En, false) => format!(
            "What does this mean for the offer of {}?",
            lang.join_and(school_years)
        ),
    }
}
