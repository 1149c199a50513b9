//! Turns a computed [`Summary`] into the report's [`Document`]: the summary page, per
//! survey part a section per question group (headline,
//! table, chart, quotes), the comparison, and the method notes. Bijlage 2's order.

use peiling_analysis::{
    CategoryRow, Comparison, CrossTab, Detail, PartSummary, QuestionSummary, Summary,
};

use crate::charts::{self, Bar, Chart, DivergingItem, GroupedRow};
use crate::headline;
use crate::i18n::{audience_plural, capitalise, group_subject, group_title, Lang, GROUP_ORDER};
use crate::model::{text, Block, ChartRef, Document, Inline, Quotes, Row, RowKind, Section, Table};
use crate::privacy::{may_quote, redact};

/// Anchors other documents may link to (the plan section is added with a plan, by
/// [`crate::plan::fill`]).
pub const ANCHOR_SUMMARY: &str = "samenvatting";
pub const ANCHOR_PLAN: &str = "rotatieplan";
pub const ANCHOR_METHOD: &str = "verantwoording";
/// The summary's "what it means for next year's offer", where a plan adds its pointer.
pub const ANCHOR_OFFER: &str = "samenvatting-aanbod";

pub struct Composer<'a> {
    pub summary: &'a Summary,
    pub comparison: Option<&'a Comparison>,
    pub lang: Lang,
    pub min_group: usize,
    pub theme_titles: &'a std::collections::BTreeMap<String, String>,
}

impl Composer<'_> {
    fn en(&self) -> bool {
        self.lang.is_en()
    }

    fn t<'s>(&self, nl: &'s str, en: &'s str) -> &'s str {
        self.lang.pick(nl, en)
    }

    pub fn document(&self) -> Document {
        let s = self.summary;
        let mut subtitle = Vec::new();
        let survey_title = match (&s.survey.title_en, self.en()) {
            (Some(en), true) => en.clone(),
            _ => s.survey.title.clone(),
        };
        subtitle.push(survey_title);
        if let Some(p) = &s.survey.partnership {
            subtitle.push(p.clone());
        }
        if !s.filters.is_empty() {
            subtitle.push(format!(
                "{}: {}",
                self.t("Alleen respondenten met", "Only respondents with"),
                s.filters.join(", ")
            ));
        }
        let mut sections = vec![self.summary_section()];
        for part in &s.parts {
            sections.push(self.part_section(part));
        }
        if let Some(c) = self.comparison {
            sections.push(self.comparison_section(c));
        }
        sections.push(self.method_section());
        Document {
            title: self
                .t(
                    "Bijlage: enquête professionalisering",
                    "Appendix: professionalisation survey",
                )
                .to_string(),
            subtitle,
            sections,
        }
    }

    // ---------------------------------------------------------------- summary page

    fn summary_section(&self) -> Section {
        let mut sec = Section::new(ANCHOR_SUMMARY, self.t("Samenvatting", "Summary"));
        sec.page_break = true;
        let parts = &self.summary.parts;
        sec.blocks.push(Block::Paragraph(vec![text(self.t(
            "Per doelgroep de respons, de gevraagde thema's en vormen, hoe capabel men zich voelt en wat dat betekent voor het aanbod van volgend jaar. De cijfers per vraag staan in de hoofdstukken per doelgroep; elke tabel telt op tot haar n, met \u{201c}geen antwoord\u{201d} als eigen rij.",
            "For each audience: the response, the themes and forms asked for, how capable people feel, and what that means for next year's offer. The figures per question are in the chapters per audience; every table adds up to its n, with \u{201c}no answer\u{201d} as a row of its own.",
        ))]));

        let mut response = Section::new("samenvatting-respons", self.t("Respons", "Response"));
        response.blocks.push(Block::List(
            parts
                .iter()
                .map(|p| {
                    vec![
                        Inline::Link {
                            text: p.audience.clone(),
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
            for (group, what) in [
                ("thema", self.t("thema's", "themes")),
                ("vorm", self.t("vormen", "forms")),
            ] {
                if let Some(q) = first_multi(p, group) {
                    items.push(vec![
                        Inline::Strong(format!("{}, {what}", p.audience)),
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
            self.t("Hoe capabel voelt men zich?", "How capable do people feel?"),
        );
        for p in parts {
            let clusters = scale_clusters(p, "capabel");
            for cluster in &clusters {
                let items = scale_items(self.lang, cluster);
                let line = headline::scale_group(self.lang, &items)
                    .unwrap_or_else(|| headline::question(self.lang, cluster[0], None));
                capable.blocks.push(Block::Paragraph(vec![
                    Inline::Strong(format!("{}: ", p.audience)),
                    text(format!("{line}.")),
                ]));
                capable
                    .blocks
                    .push(Block::Chart(self.diverging_chart(p, "capabel", cluster)));
            }
        }
        if capable.blocks.is_empty() {
            capable.blocks.push(Block::Paragraph(vec![text(self.t(
                "Deze enquête heeft geen vragen over hoe capabel men zich voelt.",
                "This survey has no questions on how capable people feel.",
            ))]));
        }
        sec.children.push(capable);

        let mut offer = Section::new(
            ANCHOR_OFFER,
            self.t(
                "Wat betekent dit voor het aanbod van volgend jaar?",
                "What does this mean for next year's offer?",
            ),
        );
        offer.blocks.push(Block::List(self.implications()));
        sec.children.push(offer);
        sec
    }

    /// Demand per catalogue theme and audience (the analysis' `theme_demand`), ranked
    /// by the total weighted demand; `None` when no option links to a theme.
    fn theme_demand_table(&self) -> Option<Table> {
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
    fn top_list(&self, q: &QuestionSummary, k: usize) -> String {
        let Detail::Multi { rows, .. } = &q.detail else {
            return String::new();
        };
        let items: Vec<String> = top_k(rows, k)
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                if i == 0 {
                    format!("{} ({})", r.label(self.en()), self.lang.of(r.count, q.base))
                } else {
                    format!("{} ({})", r.label(self.en()), r.count)
                }
            })
            .collect();
        if items.is_empty() {
            self.t("geen keuzes", "nothing chosen").to_string()
        } else {
            self.lang.join_and(&items)
        }
    }

    /// The rules of "what it means for next year" (docs/report-headlines.md, rule A).
    fn implications(&self) -> Vec<Vec<Inline>> {
        let lang = self.lang;
        let mut out = Vec::new();
        for p in &self.summary.parts {
            let who = audience_plural(lang, &p.audience);
            if let Some(q) = first_multi(p, "thema") {
                let top = top_rows(q, 2);
                if !top.is_empty() {
                    let names: Vec<String> = top
                        .iter()
                        .map(|r| format!("{} ({})", r.label(self.en()), lang.of(r.count, q.base)))
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
            if let Some(q) = first_multi(p, "vorm") {
                if let Some(r) = top_rows(q, 1).first() {
                    out.push(vec![text(match lang {
                        Lang::Nl => format!(
                            "De vorm die {who} het vaakst vragen: {} ({}).",
                            r.label(false),
                            lang.of(r.count, q.base)
                        ),
                        Lang::En => format!(
                            "The form {who} ask for most: {} ({}).",
                            r.label(true),
                            lang.of(r.count, q.base)
                        ),
                    })]);
                }
            }
            for cluster in scale_clusters(p, "capabel") {
                for q in cluster {
                    let Detail::Scale { rows, neutral, .. } = &q.detail else {
                        continue;
                    };
                    let (pos, _, rated) = headline::sides(rows, *neutral);
                    if rated > 0 && pos < 50.0 {
                        out.push(vec![text(match lang {
                            Lang::Nl => format!(
                                "Minder dan de helft van de {who} is positief bij \u{201e}{}\u{201d} ({}): een ontwikkelpunt voor het aanbod.",
                                q.label(false),
                                lang.pct(pos)
                            ),
                            Lang::En => format!(
                                "Fewer than half of the {who} are positive on \u{201c}{}\u{201d} ({}): a point to develop in the offer.",
                                q.label(true),
                                lang.pct(pos)
                            ),
                        })]);
                    }
                }
            }
            if let Some(q) = contact_question(p) {
                if let Detail::Choice { rows } = &q.detail {
                    let yes = rows.first().map_or(0, |r| r.count);
                    out.push(vec![
                        text(match lang {
                            Lang::Nl => format!(
                                "{} {who} willen benaderd worden om zelf professionalisering te geven of te ontwikkelen; wie dat zijn staat niet in dit rapport (",
                                lang.of(yes, q.base)
                            ),
                            Lang::En => format!(
                                "{} {who} are willing to be approached to give or develop professionalisation themselves; who they are is not in this report (",
                                lang.of(yes, q.base)
                            ),
                        }),
                        Inline::Code("peiling report --contacts FILE".into()),
                        text(")."),
                    ]);
                }
            }
        }
        out
    }

    // ---------------------------------------------------------------- survey parts

    fn part_section(&self, part: &PartSummary) -> Section {
        let lang = self.lang;
        let who = audience_plural(lang, &part.audience);
        let mut sec = Section::new(
            anchor(&part.questionnaire),
            format!("{} ({})", capitalise(&who), part.audience),
        );
        sec.page_break = true;
        let title = match (&part.title_en, self.en()) {
            (Some(en), true) => en.as_str(),
            _ => part.title.as_str(),
        };
        sec.blocks.push(Block::Paragraph(vec![text(title)]));

        let mut resp = Section::new(
            anchor(&format!("{}-respons", part.questionnaire)),
            self.t("Respons", "Response"),
        );
        resp.headline = Some(headline::response(lang, part));
        let mut rows = Vec::new();
        if let Some(pop) = part.population {
            rows.push(Row::new(
                RowKind::Normal,
                vec![self.t("Uitgenodigd", "Invited").into(), pop.to_string()],
            ));
        }
        rows.push(Row::new(
            RowKind::Normal,
            vec![
                self.t("Rijen in de export", "Rows in the export").into(),
                part.rows_read.to_string(),
            ],
        ));
        rows.push(Row::new(
            RowKind::Apart,
            vec![
                self.t(
                    "Afgewezen (onleesbaar of dubbel)",
                    "Rejected (unreadable or duplicate)",
                )
                .into(),
                part.rows_rejected.to_string(),
            ],
        ));
        if !self.summary.filters.is_empty() {
            rows.push(Row::new(
                RowKind::Apart,
                vec![
                    self.t("Buiten het filter", "Outside the filter").into(),
                    (part.rows_read - part.rows_rejected)
                        .saturating_sub(part.respondents)
                        .to_string(),
                ],
            ));
        }
        rows.push(Row::new(
            RowKind::Total,
            vec![
                self.t("Respondenten", "Respondents").into(),
                part.respondents.to_string(),
            ],
        ));
        if let Some(rate) = part.response_rate {
            rows.push(Row::new(
                RowKind::Normal,
                vec![
                    self.t("Respons", "Response rate").into(),
                    lang.pct(rate * 100.0),
                ],
            ));
        }
        resp.blocks.push(Block::Table(Table {
            header: vec![String::new(), "n".into()],
            rows,
            numeric_from: 1,
        }));
        sec.children.push(resp);

        for group in group_order(part) {
            sec.children.push(self.group_section(part, &group));
        }
        sec
    }

    fn group_section(&self, part: &PartSummary, group: &str) -> Section {
        let lang = self.lang;
        let mut sec = Section::new(
            anchor(&format!("{}-{group}", part.questionnaire)),
            group_title(lang, group),
        );
        let questions: Vec<&QuestionSummary> =
            part.questions.iter().filter(|q| q.group == group).collect();
        let motivation_target = |q: &QuestionSummary| match &q.detail {
            Detail::Text {
                motivation_for: Some(target),
                ..
            } => part.question(target).map(|_| target.clone()),
            _ => None,
        };
        let clusters = scale_clusters(part, group);
        let subject = group_subject(lang, group);

        // The headline: rule G for a group of scale items, else the lead question's.
        let lead = questions
            .iter()
            .find(|q| !matches!(q.kind.as_str(), "text" | "personal"));
        let group_rule = lead.filter(|q| q.kind == "scale").and_then(|q| {
            clusters
                .iter()
                .find(|c| c.len() >= 2 && c.iter().any(|x| x.id == q.id))
                .and_then(|c| headline::scale_group(lang, &scale_items(lang, c)))
        });
        // When the group's headline is its lead question's, the question does not
        // repeat it.
        let lead_said = if group_rule.is_none() {
            lead.map(|q| q.id.as_str())
        } else {
            None
        };
        let group_headline = match (group_rule, lead) {
            (Some(g), _) => g,
            (None, Some(q)) => headline::question(lang, q, Some(&subject)),
            (None, None) => questions
                .first()
                .map(|q| headline::question(lang, q, None))
                .unwrap_or_default(),
        };
        sec.headline = Some(group_headline);

        for cluster in clusters.iter().filter(|c| c.len() >= 2) {
            sec.blocks
                .push(Block::Chart(self.diverging_chart(part, group, cluster)));
            sec.blocks.push(Block::Note(self.t(
                "Percentages in de staven: van wie een niveau koos; n.v.t. en geen antwoord staan apart, als % van iedereen aan wie de vraag gesteld is.",
                "Percentages in the bars: of those who chose a level; not applicable and no answer are shown apart, as % of everyone asked.",
            ).to_string()));
        }
        for r in &part.reliability {
            let inside = r
                .items
                .iter()
                .all(|id| part.question(id).is_some_and(|q| q.group == group));
            if inside {
                if let Some(alpha) = r.cronbach_alpha {
                    sec.blocks.push(Block::Note(match lang {
                        Lang::Nl => format!(
                            "Samenhang van deze {} schaalvragen (Cronbach's alfa): {} (n = {}); onder 0,7 meten ze niet hetzelfde en horen ze apart gelezen te worden.",
                            r.items.len(),
                            lang.num_precise(alpha),
                            r.respondents
                        ),
                        Lang::En => format!(
                            "Consistency of these {} scale questions (Cronbach's alpha): {} (n = {}); below 0.7 they do not measure one thing and should be read apart.",
                            r.items.len(),
                            lang.num_precise(alpha),
                            r.respondents
                        ),
                    }));
                }
            }
        }

        let mut personal = Vec::new();
        for q in &questions {
            if q.kind == "personal" {
                personal.push(q);
                continue;
            }
            if motivation_target(q).is_some() {
                continue;
            }
            let in_cluster = clusters
                .iter()
                .any(|c| c.len() >= 2 && c.iter().any(|x| x.id == q.id));
            let mut child = self.question_section(part, group, q, !in_cluster);
            if lead_said == Some(q.id.as_str()) {
                child.headline = None;
            }
            // Motivations (possibly from another group) go under the question they explain.
            for m in part
                .questions
                .iter()
                .filter(|m| motivation_target(m).as_deref() == Some(q.id.as_str()))
            {
                if let Detail::Text { answers, .. } = &m.detail {
                    child.blocks.push(self.quotes(
                        part,
                        m.label(self.en()).to_string(),
                        answers.iter().map(|a| (a.text.as_str(), a.count)),
                        m.answered,
                    ));
                }
            }
            sec.children.push(child);
        }
        if !personal.is_empty() {
            let items = personal
                .iter()
                .map(|q| {
                    vec![text(match lang {
                        Lang::Nl => format!(
                            "{}: ingevuld door {}",
                            q.label(false),
                            lang.of(q.answered, q.base)
                        ),
                        Lang::En => format!(
                            "{}: given by {}",
                            q.label(true),
                            lang.of(q.answered, q.base)
                        ),
                    })]
                })
                .collect();
            // After the question that asked for them (the last one shown), else here.
            let target = match sec.children.last_mut() {
                Some(last) => &mut last.blocks,
                None => &mut sec.blocks,
            };
            target.push(Block::Paragraph(vec![text(self.t(
                "Persoonsgegevens staan niet in dit rapport; alleen hoeveel mensen ze gaven:",
                "Personal data is not in this report; only how many people gave it:",
            ))]));
            target.push(Block::List(items));
        }
        sec
    }

    fn question_section(
        &self,
        part: &PartSummary,
        group: &str,
        q: &QuestionSummary,
        own_chart: bool,
    ) -> Section {
        let lang = self.lang;
        let mut sec = Section::new(
            anchor(&format!("{}-{group}-{}", part.questionnaire, q.id)),
            q.label(self.en()),
        );
        sec.headline = Some(headline::question(lang, q, None));
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
                        part,
                        self.t("Andere, namelijk", "Other, namely").into(),
                        other.iter().map(|o| (o.text.as_str(), o.count)),
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
                values,
                unknown,
                unknown_texts,
                mean,
                median,
                sd,
                min,
                max,
                histogram,
                mode,
                list,
            } => {
                let unit_s = unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default();
                if *values > 0 {
                    let f = |v: &Option<f64>| v.map_or("–".to_string(), |v| lang.num(v));
                    let mut facts = match lang {
                        Lang::Nl => format!(
                            "gemiddeld {}{unit_s}, mediaan {}{unit_s}, standaardafwijking {}, van {} tot {}{unit_s}",
                            f(mean), f(median), f(sd), f(min), f(max)
                        ),
                        Lang::En => format!(
                            "mean {}{unit_s}, median {}{unit_s}, standard deviation {}, from {} to {}{unit_s}",
                            f(mean), f(median), f(sd), f(min), f(max)
                        ),
                    };
                    if *unknown > 0 {
                        let marks = distinct(unknown_texts)
                            .iter()
                            .map(|t| redact(t, lang))
                            .collect::<Vec<_>>()
                            .join(", ");
                        facts.push_str(&match lang {
                            Lang::Nl => format!("; {unknown}× onbekend ({marks})"),
                            Lang::En => format!("; {unknown}× unknown ({marks})"),
                        });
                    }
                    sec.blocks.push(Block::Paragraph(vec![
                        Inline::Strong(match lang {
                            Lang::Nl => format!("Kengetallen van de {values} getallen:"),
                            Lang::En => format!("Statistics of the {values} numbers:"),
                        }),
                        text(format!(" {facts}.")),
                    ]));
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
                let known: Vec<f64> = list.iter().flatten().copied().collect();
                if !known.is_empty() && may_quote(part.respondents, self.min_group) {
                    let mut sorted = known.clone();
                    sorted.sort_by(f64::total_cmp);
                    let mut all: Vec<String> = sorted.iter().map(|v| lang.num(*v)).collect();
                    all.extend(unknown_texts.iter().map(|t| redact(t, lang)));
                    sec.blocks.push(Block::Paragraph(vec![
                        Inline::Strong(
                            self.t("Alle antwoorden, oplopend", "All answers, ascending")
                                .into(),
                        ),
                        text(format!(": {}.", all.join("; "))),
                    ]));
                }
            }
            Detail::Text { answers, .. } => {
                sec.blocks.push(self.quotes(
                    part,
                    self.t("Antwoorden", "Answers").into(),
                    answers.iter().map(|a| (a.text.as_str(), a.count)),
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

    fn base_note(&self, part: &PartSummary, q: &QuestionSummary) -> String {
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

    /// Answer, n, % of base; then the apart rows and the total.
    fn count_table(
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
                        lang.pct_n(r.pct_base, q.base),
                    ],
                )
            })
            .collect();
        for (label, n) in apart {
            out.push(Row::new(
                RowKind::Apart,
                vec![
                    label.clone(),
                    n.to_string(),
                    lang.pct_n(share(*n, q.base), q.base),
                ],
            ));
        }
        out.extend(self.missing_rows(q, 1));
        let total_label = if q.kind == "multi" {
            self.t("Respondenten (basis)", "Respondents (base)")
        } else {
            self.t("Totaal", "Total")
        };
        out.push(Row::new(
            RowKind::Total,
            vec![
                total_label.into(),
                q.base.to_string(),
                lang.pct_n(if q.base > 0 { 100.0 } else { 0.0 }, q.base),
            ],
        ));
        Table {
            header: vec![
                self.t("Antwoord", "Answer").into(),
                "n".into(),
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
    fn missing_rows(&self, q: &QuestionSummary, extra: usize) -> Vec<Row> {
        let lang = self.lang;
        let mut rows = Vec::new();
        let mut push = |label: &str, n: usize| {
            let mut cells = vec![
                label.to_string(),
                n.to_string(),
                lang.pct_n(share(n, q.base), q.base),
            ];
            cells.extend(std::iter::repeat_n("–".to_string(), extra - 1));
            rows.push(Row::new(RowKind::Apart, cells));
        };
        push(self.t("geen antwoord", "no answer"), q.no_answer);
        if q.invalid > 0 {
            push(self.t("ongeldig", "invalid"), q.invalid);
        }
        rows
    }

    fn scale_table(&self, q: &QuestionSummary, rows: &[CategoryRow], na: &[CategoryRow]) -> Table {
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
                        lang.pct_n(r.pct_base, q.base),
                        r.pct_answered.map_or("–".into(), |p| lang.pct_n(p, rated)),
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
                    lang.pct_n(r.pct_base, q.base),
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
                lang.pct_n(if q.base > 0 { 100.0 } else { 0.0 }, q.base),
                if rated > 0 {
                    format!("{} ({rated})", lang.pct_n(100.0, rated))
                } else {
                    "–".into()
                },
            ],
        ));
        Table {
            header: vec![
                self.t("Antwoord", "Answer").into(),
                "n".into(),
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

    /// Quotes, redacted; a group smaller than min_group gets a note instead.
    fn quotes<'t>(
        &self,
        part: &PartSummary,
        title: String,
        items: impl Iterator<Item = (&'t str, usize)>,
        answered: usize,
    ) -> Block {
        if !may_quote(part.respondents, self.min_group) {
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
    fn counted(&self, part: &PartSummary, base: usize, conditional: bool) -> String {
        let who = audience_plural(self.lang, &part.audience);
        match (self.lang, conditional) {
            (Lang::Nl, false) => format!("% van {base} {who}"),
            (Lang::Nl, true) => format!("% van {base} {who} aan wie de vraag gesteld is"),
            (Lang::En, false) => format!("% of {base} {who}"),
            (Lang::En, true) => format!("% of {base} {who} who were asked"),
        }
    }

    fn value(&self, count: usize, pct: f64) -> String {
        format!("{count} ({})", self.lang.pct(pct))
    }

    fn bars_chart(
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

    fn push_missing_bars(&self, q: &QuestionSummary, bars: &mut Vec<Bar>) {
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

    fn histogram_chart(
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
    fn diverging_chart(
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
        let levels = common_level_names(lang, items);
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
                Some(DivergingItem {
                    label: format!("{} (n = {rated})", q.label(self.en())),
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
                    title_lead(&group_title(lang, &items[0].group))
                ),
                Lang::En => format!(
                    "{} % of those choosing a level, per question ({base})",
                    title_lead(&group_title(lang, &items[0].group))
                ),
            }
        };
        let alt = {
            let mut parts = Vec::new();
            for (q, item) in items.iter().zip(&div_items) {
                let levels_txt: Vec<String> = levels
                    .iter()
                    .zip(&item.levels)
                    .map(|(l, p)| format!("{l} {}", lang.pct0(*p)))
                    .collect();
                parts.push(format!("{}: {}", q.label(self.en()), levels_txt.join(", ")));
            }
            format!("{title}. {}", parts.join("; "))
        };
        ChartRef {
            id: format!("{}-{key}", part.questionnaire),
            alt,
            chart: Chart::Diverging(charts::Diverging {
                title,
                levels,
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

    fn alt<'x>(&self, title: &str, items: impl Iterator<Item = (&'x str, &'x str)>) -> String {
        let parts: Vec<String> = items.map(|(l, v)| format!("{l}: {v}")).collect();
        format!("{title}. {}", parts.join("; "))
    }

    // ---------------------------------------------------------------- breakdowns

    fn crosstab_section(&self, part: &PartSummary, q: &QuestionSummary, t: &CrossTab) -> Section {
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
        if t.suppressed > 0 || small.iter().any(|&s| s) {
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
        for test in [&t.chi_square, &t.fisher, &t.ordinal].into_iter().flatten() {
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
        if let Some(w) = &t.warning {
            notes.push(w.clone());
        }
        if !notes.is_empty() {
            sec.blocks.push(Block::Note(notes.join(" ")));
        }
        sec
    }

    fn comparison_section(&self, c: &Comparison) -> Section {
        let lang = self.lang;
        let mut sec = Section::new(
            "vergelijking",
            match lang {
                Lang::Nl => format!("Vergelijking: {} en {}", c.left, c.right),
                Lang::En => format!("Comparison: {} and {}", c.left, c.right),
            },
        );
        sec.page_break = true;
        sec.blocks.push(Block::Paragraph(vec![text(match lang {
            Lang::Nl => format!(
                "De vragen die beide enquêtes stellen, met percentages van ieders eigen basis; het verschil in procentpunten is {} min {}.",
                c.right, c.left
            ),
            Lang::En => format!(
                "The questions both surveys ask, with percentages of each one's own base; the difference in percentage points is {} minus {}.",
                c.right, c.left
            ),
        })]));
        for q in &c.questions {
            let mut child = Section::new(
                anchor(&format!("vergelijking-{}-{}", q.questionnaire, q.id)),
                q.text.clone(),
            );
            let rows = q
                .rows
                .iter()
                .map(|r| {
                    Row::new(
                        RowKind::Normal,
                        vec![
                            r.label.clone(),
                            r.left_count.to_string(),
                            lang.pct(r.left_pct),
                            r.right_count.to_string(),
                            lang.pct(r.right_pct),
                            format!("{:+.1}", crate::i18n::round1(r.diff_pp))
                                .replace('.', lang.pick(",", ".")),
                        ],
                    )
                })
                .collect();
            child.blocks.push(Block::Table(Table {
                header: vec![
                    self.t("Antwoord", "Answer").into(),
                    format!("{} n", c.left),
                    format!("{} % (van {})", c.left, q.left_base)
                        .replace(" (van ", self.t(" (van ", " (of ")),
                    format!("{} n", c.right),
                    format!("{} % (van {})", c.right, q.right_base)
                        .replace(" (van ", self.t(" (van ", " (of ")),
                    self.t("verschil (pp)", "difference (pp)").into(),
                ],
                rows,
                numeric_from: 1,
            }));
            let grouped: Vec<GroupedRow> = q
                .rows
                .iter()
                .map(|r| GroupedRow {
                    label: r.label.clone(),
                    values: vec![Some(r.left_pct), Some(r.right_pct)],
                    labels: vec![lang.pct0(r.left_pct), lang.pct0(r.right_pct)],
                })
                .collect();
            let title = match lang {
                Lang::Nl => format!(
                    "{} {} en {} (% van elk)",
                    title_lead(&q.text),
                    c.left,
                    c.right
                ),
                Lang::En => format!(
                    "{} {} and {} (% of each)",
                    title_lead(&q.text),
                    c.left,
                    c.right
                ),
            };
            let alt = format!(
                "{title}. {}",
                q.rows
                    .iter()
                    .map(|r| format!(
                        "{}: {} {}, {} {}",
                        r.label,
                        c.left,
                        lang.pct0(r.left_pct),
                        c.right,
                        lang.pct0(r.right_pct)
                    ))
                    .collect::<Vec<_>>()
                    .join("; ")
            );
            child.blocks.push(Block::Chart(ChartRef {
                id: slug(&format!("vergelijking-{}-{}", q.questionnaire, q.id)),
                alt,
                chart: Chart::Grouped(charts::Grouped {
                    title,
                    series: vec![c.left.clone(), c.right.clone()],
                    rows: grouped,
                    note: None,
                }),
            }));
            if let Some(t) = &q.test {
                child.blocks.push(Block::Note(format!(
                    "{}: {}, p = {}.",
                    t.name,
                    lang.num_precise(t.statistic),
                    lang.num_p(t.p)
                )));
            }
            sec.children.push(child);
        }
        sec
    }

    // ---------------------------------------------------------------- method

    fn method_section(&self) -> Section {
        let lang = self.lang;
        let mut sec = Section::new(ANCHOR_METHOD, self.t("Verantwoording", "Method"));
        sec.page_break = true;
        let min = self.min_group;
        let items: Vec<String> = vec![
            self.t(
                "Percentages zijn van iedereen aan wie een vraag gesteld is (de basis, n), \u{201c}geen antwoord\u{201d} meegeteld, zodat elke tabel optelt tot haar n. Bij schaalvragen staat daarnaast het percentage van wie een niveau koos; \u{201c}n.v.t.\u{201d} en geen antwoord tellen daar niet mee. Bij vragen met meer antwoorden tellen de percentages niet op tot 100 %.",
                "Percentages are of everyone a question was put to (the base, n), \u{201c}no answer\u{201d} included, so every table adds up to its n. Scale questions also show the percentage of those who chose a level; \u{201c}not applicable\u{201d} and no answer are left out there. With several answers allowed, percentages do not add up to 100 %.",
            ).to_string(),
            self.t(
                "Elke rij van de export is geteld: rijen gelezen = respondenten + afgewezen (zie Respons per doelgroep).",
                "Every row of the export is counted: rows read = respondents + rejected (see Response per audience).",
            ).to_string(),
            match lang {
                Lang::Nl => format!(
                    "Privacy: namen, e-mailadressen en telefoonnummers staan niet in dit rapport, alleen hoeveel mensen ze gaven; e-mailadressen en telefoonnummers zijn uit alle teksten weggelaten (ook uit antwoordopties), en de eigen naam van een respondent uit zijn open antwoorden. In uitsplitsingen zijn groepen en cellen kleiner dan {min} weggelaten (\u{201c}< {min}\u{201d}), en ook een cel die anders uit het totaal terug te rekenen is. Open antwoorden van groepen kleiner dan {min} worden niet getoond."
                ),
                Lang::En => format!(
                    "Privacy: names, e-mail addresses and phone numbers are not in this report, only how many people gave them; e-mail addresses and phone numbers are removed from every text (answer options too), and a respondent's own name from their open answers. In breakdowns, groups and cells smaller than {min} are left out (\u{201c}< {min}\u{201d}), and so is a cell that could otherwise be worked out from the total. Open answers of groups smaller than {min} are not shown."
                ),
            },
            self.t(
                "De kernzinnen zijn volgens vaste regels uit de cijfers afgeleid (docs/report-headlines.md), zodat elk jaar hetzelfde gemeten wordt.",
                "The headline sentences follow fixed rules from the figures (docs/report-headlines.md), so every year is measured the same way.",
            ).to_string(),
            self.t(
                "Grafieken: staven in het kleurenblind-veilige palet van Okabe & Ito; schaalvragen als divergerende staven (Heiberger & Robbins) in ColorBrewer RdBu, het neutrale niveau rond nul, labels onder 5 % weggelaten.",
                "Charts: bars in Okabe & Ito's colour-blind-safe palette; scale questions as diverging bars (Heiberger & Robbins) in ColorBrewer RdBu, the neutral level centred on zero, labels under 5 % left off.",
            ).to_string(),
        ];
        sec.blocks.push(Block::List(
            items.into_iter().map(|s| vec![text(s)]).collect(),
        ));
        sec.blocks.push(Block::Paragraph(vec![text(match lang {
            Lang::Nl => format!("Gemaakt met peiling {}.", env!("CARGO_PKG_VERSION")),
            Lang::En => format!("Made with peiling {}.", env!("CARGO_PKG_VERSION")),
        })]));
        sec
    }
}

fn share(k: usize, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        k as f64 * 100.0 / n as f64
    }
}

/// "Hoe capabel?" stays, "Relatie met SO en IO" gets a colon: the lead of a title.
fn title_lead(s: &str) -> String {
    if s.ends_with(['?', ':', '.']) {
        s.to_string()
    } else {
        format!("{s}:")
    }
}

/// An anchor from ids: lower-case ASCII letters, digits and dashes.
pub fn anchor(s: &str) -> String {
    slug(s)
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// The items without repeats, first-seen order; linear (a set remembers what was seen).
fn distinct(items: &[String]) -> Vec<String> {
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    items
        .iter()
        .filter(|i| seen.insert(i.as_str()))
        .cloned()
        .collect()
}

/// Groups in Bijlage 2's order, then the others in questionnaire order.
fn group_order(part: &PartSummary) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for q in &part.questions {
        if !seen.contains(&q.group) {
            seen.push(q.group.clone());
        }
    }
    let mut out: Vec<String> = GROUP_ORDER
        .iter()
        .filter(|g| seen.iter().any(|s| s == *g))
        .map(|g| g.to_string())
        .collect();
    out.extend(
        seen.into_iter()
            .filter(|g| !GROUP_ORDER.contains(&g.as_str())),
    );
    out
}

fn first_multi<'p>(part: &'p PartSummary, group: &str) -> Option<&'p QuestionSummary> {
    part.questions
        .iter()
        .find(|q| q.group == group && q.kind == "multi")
}

fn top_rows(q: &QuestionSummary, k: usize) -> Vec<&CategoryRow> {
    match &q.detail {
        Detail::Multi { rows, .. } => top_k(rows, k),
        _ => Vec::new(),
    }
}

/// The `k` most chosen rows (count above 0, most first, the table's order among equals),
/// and every further row tied with the last of them: a tie is named, never cut off.
pub(crate) fn top_k(rows: &[CategoryRow], k: usize) -> Vec<&CategoryRow> {
    let mut chosen: Vec<&CategoryRow> = rows.iter().filter(|r| r.count > 0).collect();
    chosen.sort_by_key(|r| std::cmp::Reverse(r.count));
    if k == 0 {
        return Vec::new();
    }
    if let Some(cut) = chosen.get(k - 1).map(|r| r.count) {
        let mut i = 0;
        chosen.retain(|r| {
            i += 1;
            i <= k || r.count == cut
        });
    }
    chosen
}

/// The yes/no question of the "contactgegevens" group: may we approach you?
fn contact_question(part: &PartSummary) -> Option<&QuestionSummary> {
    part.questions
        .iter()
        .find(|q| q.group == "contactgegevens" && q.kind == "yesno")
}

/// Scale questions of a group, clustered by shape (number of levels, neutral level),
/// so items on the same kind of scale share one diverging chart.
fn scale_clusters<'p>(part: &'p PartSummary, group: &str) -> Vec<Vec<&'p QuestionSummary>> {
    let mut clusters: Vec<(usize, Option<usize>, Vec<&QuestionSummary>)> = Vec::new();
    for q in part.questions.iter().filter(|q| q.group == group) {
        if let Detail::Scale { rows, neutral, .. } = &q.detail {
            match clusters
                .iter_mut()
                .find(|(n, m, _)| *n == rows.len() && m == neutral)
            {
                Some(c) => c.2.push(q),
                None => clusters.push((rows.len(), *neutral, vec![q])),
            }
        }
    }
    clusters.into_iter().map(|c| c.2).collect()
}

fn scale_items<'q>(lang: Lang, qs: &[&'q QuestionSummary]) -> Vec<headline::ScaleItem<'q>> {
    qs.iter()
        .filter_map(|q| match &q.detail {
            Detail::Scale { rows, neutral, .. } => Some(headline::ScaleItem {
                label: q.label(lang.is_en()),
                rows,
                neutral: *neutral,
            }),
            _ => None,
        })
        .collect()
}

/// Level names for a chart legend: the words the items' labels share ("Uitermate
/// competent" and "Uitermate capabel" give "Uitermate").
fn common_level_names(lang: Lang, items: &[&QuestionSummary]) -> Vec<String> {
    let per_item: Vec<Vec<String>> = items
        .iter()
        .filter_map(|q| match &q.detail {
            Detail::Scale { rows, .. } => Some(
                rows.iter()
                    .map(|r| r.label(lang.is_en()).to_string())
                    .collect(),
            ),
            _ => None,
        })
        .collect();
    let Some(first) = per_item.first() else {
        return Vec::new();
    };
    (0..first.len())
        .map(|i| {
            let labels: Vec<&str> = per_item
                .iter()
                .filter_map(|l| l.get(i).map(String::as_str))
                .collect();
            if labels.iter().all(|l| *l == labels[0]) {
                return labels[0].to_string();
            }
            let words: Vec<Vec<&str>> = labels
                .iter()
                .map(|l| l.split_whitespace().collect())
                .collect();
            let mut k = 0;
            while words.iter().all(|w| k < w.len() && w[k] == words[0][k]) {
                k += 1;
            }
            if k == 0 {
                labels[0].to_string()
            } else {
                words[0][..k].join(" ")
            }
        })
        .collect()
}

/// The categories of a question as rows (for matching cross-tab labels).
fn category_rows(q: &QuestionSummary) -> Vec<&CategoryRow> {
    match &q.detail {
        Detail::Choice { rows } | Detail::Multi { rows, .. } => rows.iter().collect(),
        Detail::Scale {
            rows,
            not_applicable,
            ..
        } => rows.iter().chain(not_applicable).collect(),
        Detail::Number { histogram, .. } => histogram.iter().collect(),
        _ => Vec::new(),
    }
}

/// Group sizes of a cross-tab's columns, from the grouping question's own counts.
fn group_sizes(by: Option<&QuestionSummary>, columns: &[String]) -> Vec<Option<usize>> {
    let rows = by.map(category_rows).unwrap_or_default();
    columns
        .iter()
        .map(|c| rows.iter().find(|r| &r.label == c).map(|r| r.count))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_ascii_slugs() {
        assert_eq!(anchor("wpb-capabel_studenten"), "wpb-capabel-studenten");
        assert_eq!(slug("Vergelijking: 2020 / 2021"), "vergelijking-2020-2021");
    }
}
