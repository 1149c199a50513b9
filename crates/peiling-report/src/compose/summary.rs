//! The summary page: key figures, the demand per theme, the most wanted themes and
//! forms, and what it means for next year's offer.

use super::{
    anchor, contact_question, first_multi, groups, role_clusters, scale_items, top_k, top_rows,
    Composer, ANCHOR_OFFER, ANCHOR_SUMMARY,
};
use crate::headline;
use crate::i18n::{audience_name, audience_plural, capitalise, Lang};
use crate::model::{text, Block, Inline, Section};
use peiling_analysis::{Detail, GroupRole, QuestionSummary};

impl Composer<'_> {
    // ---------------------------------------------------------------- summary page

    pub(super) fn summary_section(&self) -> Section {
        let mut sec = Section::new(ANCHOR_SUMMARY, self.t("Samenvatting", "Summary"));
        sec.page_break = true;
        let parts = &self.summary.parts;
        sec.blocks.push(Block::Paragraph(vec![
            text(self.t(
                "De samenvatting geeft per doelgroep de respons, de gevraagde thema's en vormen, hoe bekwaam men zich voelt en wat dat betekent voor het aanbod. De cijfers per vraag staan in de hoofdstukken per doelgroep. Hoe je de cijfers leest, staat in de ",
                "The summary gives, for each audience, the response, the themes and forms asked for, how capable people feel, and what that means for the offer. The figures per question are in the chapters per audience. How to read the figures is explained in ",
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
        demand.blocks.extend(self.theme_demand_blocks());
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
                let who = audience_plural(self.lang, &p.audience);
                let line = headline::scale_group(self.lang, &items, (&who, p.respondents))
                    .unwrap_or_else(|| {
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
        let list = if items.is_empty() {
            self.t("geen keuzes", "nothing chosen").to_string()
        } else {
            self.lang.join_and(&items)
        };
        format!("{list}{}", self.none_chosen(rows))
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
                // As rule C2: forms (nearly) as often chosen are named together.
                let leading = match &q.detail {
                    Detail::Multi { rows, .. } => super::conclusions::leading(q, rows),
                    _ => Vec::new(),
                };
                let named: Vec<String> = leading
                    .iter()
                    .map(|r| {
                        let label = self.names.in_sentence(r.label(self.en()));
                        format!("{label} ({})", lang.of(r.count, q.base))
                    })
                    .collect();
                match (lang, named.len()) {
                    (_, 0) => {}
                    (Lang::Nl, 1) => out.push(vec![text(format!(
                        "De vorm die {who} het vaakst vragen: {}.",
                        named[0]
                    ))]),
                    (Lang::En, 1) => out.push(vec![text(format!(
                        "The form {who} ask for most: {}.",
                        named[0]
                    ))]),
                    (Lang::Nl, _) => out.push(vec![text(format!(
                        "De vormen die {who} (bijna) even vaak het meest vragen: {}.",
                        lang.join_and(&named)
                    ))]),
                    (Lang::En, _) => out.push(vec![text(format!(
                        "The forms {who} ask for most, (nearly) equally often: {}.",
                        lang.join_and(&named)
                    ))]),
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
                    // short title; which levels it counts and what the others chose,
                    // from the scale's labels (second reading, finding 5).
                    let what = capitalise(&groups::in_sentence(lang, p, q));
                    let levels = headline::levels::positive_and_rest(lang, rows, *neutral);
                    out.push(vec![text(match lang {
                        Lang::Nl => format!(
                            "{what}: maar {k} van de {rated} {who} {levels}. Daar moet het aanbod op letten."
                        ),
                        Lang::En => format!(
                            "{what}: only {k} of the {rated} {who} {levels}. The offer should attend to that."
                        ),
                    })]);
                }
            }
            if let Some(q) = contact_question(p) {
                if let Detail::Choice { rows } = &q.detail {
                    let yes = rows.first().map_or(0, |r| r.count);
                    // A list of names only where the answers are people's own.
                    let names = if self.answers_are_people() {
                        self.t(
                            "Hun namen staan niet in dit rapport, maar in een aparte lijst voor het ontwikkelteam.",
                            "Their names are not in this report but in a separate list for the development team.",
                        )
                    } else {
                        self.t(
                            "Hun namen staan niet in dit rapport.",
                            "Their names are not in this report.",
                        )
                    };
                    out.push(vec![text(match lang {
                        Lang::Nl => format!(
                            "{} {who} willen benaderd worden om zelf professionalisering te geven of te ontwikkelen. {names}",
                            lang.of(yes, q.base)
                        ),
                        Lang::En => format!(
                            "{} {who} are willing to be approached to give or develop professionalisation themselves. {names}",
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
