//! The rotation-plan section of the report, from a computed [`RotationPlan`]: what the
//! plan is, the meetings with the reason for each, and the demand it was made from.

use peiling_planner::{Meeting, RotationPlan};

use crate::compose::{plan_landing, ANCHOR_CONCLUSIONS, ANCHOR_OFFER, ANCHOR_PLAN, ANCHOR_SUMMARY};
use crate::i18n::Lang;
use crate::model::{text, Block, Document, Inline, Row, RowKind, Section, Table};

/// Puts `plan` in the document: its section right after the summary (replacing one
/// already there), and a pointer to it under the summary's "what it means for the
/// offer", whose title then names the plan's school years. A report without a plan has
/// neither.
pub fn fill(doc: &mut Document, plan: &RotationPlan, lang: Lang) {
    let section = section(plan, lang);
    if let Some(s) = doc.sections.iter_mut().find(|s| s.anchor == ANCHOR_PLAN) {
        *s = section;
        return;
    }
    // After the conclusions (or the summary), which say where the wanted themes land.
    let at = doc
        .sections
        .iter()
        .position(|s| s.anchor == ANCHOR_CONCLUSIONS)
        .or_else(|| doc.sections.iter().position(|s| s.anchor == ANCHOR_SUMMARY))
        .map_or(0, |i| i + 1);
    doc.sections.insert(at, section);
    if let Some(c) = doc
        .sections
        .iter_mut()
        .find(|s| s.anchor == ANCHOR_CONCLUSIONS)
    {
        let landing = plan_landing(plan, lang);
        match c.blocks.iter_mut().find_map(|b| match b {
            Block::List(items) => Some(items),
            _ => None,
        }) {
            Some(items) => items.extend(landing),
            None if !landing.is_empty() => c.blocks.push(Block::List(landing)),
            None => {}
        }
    }
    let offer = doc
        .sections
        .iter_mut()
        .find(|s| s.anchor == ANCHOR_SUMMARY)
        .and_then(|s| s.children.iter_mut().find(|c| c.anchor == ANCHOR_OFFER));
    if let Some(offer) = offer {
        offer.title = crate::compose::offer_title(lang, &plan.school_years);
        let pointer = vec![
            text(lang.pick(
                "Hoe de thema's over de bijeenkomsten van de komende jaren rouleren: zie ",
                "How the themes rotate over the meetings of the coming years: see ",
            )),
            Inline::Link {
                text: lang.pick("Rotatieplan", "Rotation plan").into(),
                anchor: ANCHOR_PLAN.into(),
            },
            text("."),
        ];
        match offer.blocks.iter_mut().find_map(|b| match b {
            Block::List(items) => Some(items),
            _ => None,
        }) {
            Some(items) => items.push(pointer),
            None => offer.blocks.push(Block::List(vec![pointer])),
        }
    }
}

/// The plan on its own, as a document (`peiling plan --out` writes it as plan.md).
pub fn document(plan: &RotationPlan, lang: Lang) -> Document {
    let catalogue = title(
        &plan.catalogue_title,
        plan.catalogue_title_en.as_deref(),
        lang,
    );
    let mut subtitle = vec![catalogue.to_string()];
    subtitle.push(format!(
        "{}: {}{}",
        lang.pick("Vraag uit", "Demand from"),
        plan.survey_title,
        if plan.filters.is_empty() {
            String::new()
        } else if plan.filter_words.is_empty() {
            format!(" ({})", plan.filters.join(", "))
        } else {
            let words: Vec<String> = plan
                .filter_words
                .iter()
                .map(|w| w.get(lang.is_en()).to_string())
                .collect();
            format!(
                " ({} {})",
                lang.pick("alleen respondenten die", "only respondents who"),
                lang.join_and(&words)
            )
        }
    ));
    let mut section = section(plan, lang);
    section.page_break = false;
    Document {
        title: lang.pick("Rotatieplan", "Rotation plan").to_string(),
        subtitle,
        sections: vec![section],
    }
}

fn title<'a>(nl: &'a str, en: Option<&'a str>, lang: Lang) -> &'a str {
    match (en, lang) {
        (Some(e), Lang::En) => e,
        _ => nl,
    }
}

/// When a meeting is, for people: "donderdag 23 september 2021, 13.30-16.00 uur" /
/// "Thursday 23 September 2021, 13:30-16:00".
pub fn meeting_when(
    date: peiling_planner::NaiveDate,
    start: &str,
    end: &str,
    lang: Lang,
) -> String {
    let day = crate::certificate::long_date(date, lang);
    match lang {
        Lang::Nl => format!(
            "{day}, {}-{} uur",
            start.replace(':', "."),
            end.replace(':', ".")
        ),
        Lang::En => format!("{day}, {start}-{end}"),
    }
}

/// A day without its weekday: "1 september 2021" / "1 September 2021".
fn day_month_year(date: peiling_planner::NaiveDate, lang: Lang) -> String {
    let long = crate::certificate::long_date(date, lang);
    long.split_once(' ')
        .map_or(long.clone(), |(_, rest)| rest.to_string())
}

/// The section: a headline, the rule in one paragraph, the meetings, the demand.
pub fn section(plan: &RotationPlan, lang: Lang) -> Section {
    let en = lang.is_en();
    let t = |nl: &'static str, e: &'static str| lang.pick(nl, e);
    let mut sec = Section::new(ANCHOR_PLAN, t("Rotatieplan", "Rotation plan"));
    sec.page_break = true;

    let themes = plan
        .meetings
        .iter()
        .map(|m| m.theme.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let basis = plan
        .meetings
        .iter()
        .filter(|m| m.level == peiling_planner::Level::Basis)
        .count();
    sec.headline = Some(match lang {
        Lang::Nl => format!(
            "{} bijeenkomsten in {} jaar ({}), {themes} thema's, {basis} basis en {} verdiepend.",
            plan.meetings.len(),
            plan.years,
            plan.school_years.join(", "),
            plan.meetings.len() - basis
        ),
        Lang::En => format!(
            "{} meetings in {} years ({}), {themes} themes, {basis} basic and {} deepening.",
            plan.meetings.len(),
            plan.years,
            plan.school_years.join(", "),
            plan.meetings.len() - basis
        ),
    });

    let catalogue = title(
        &plan.catalogue_title,
        plan.catalogue_title_en.as_deref(),
        lang,
    );
    let uniform = plan.meetings_per_year.windows(2).all(|w| w[0] == w[1]);
    let per_year = plan.per_year_text();
    let split = if uniform && plan.basis_per_year[0] == plan.basis_per_year[1] {
        match lang {
            Lang::Nl => format!(
                "{} basis en {} verdiepend",
                plan.basis_per_year[0],
                plan.per_year - plan.basis_per_year[0]
            ),
            Lang::En => format!(
                "{} basic and {} deepening",
                plan.basis_per_year[0],
                plan.per_year - plan.basis_per_year[0]
            ),
        }
    } else {
        match lang {
            Lang::Nl => format!(
                "{} tot {} basis",
                plan.basis_per_year[0], plan.basis_per_year[1]
            ),
            Lang::En => format!(
                "{} to {} basic",
                plan.basis_per_year[0], plan.basis_per_year[1]
            ),
        }
    };
    let optimal = match (plan.optimal, lang) {
        (true, Lang::Nl) => "Geen ander rooster past beter bij de vraag.",
        (true, Lang::En) => "No other schedule fits the demand better.",
        (false, Lang::Nl) => {
            "Dit is het beste rooster dat gevonden is; een beter rooster is niet uitgesloten."
        }
        (false, Lang::En) => "This is the best schedule found; a better one is not ruled out.",
    };
    sec.blocks.push(Block::Paragraph(vec![text(match lang {
        Lang::Nl => format!(
            "De thema's van de catalogus \u{201c}{catalogue}\u{201d} verdeeld over {per_year} bijeenkomsten per jaar ({split}), {}, vanaf {}. Elk thema komt minstens één keer per cyclus van {} jaar aan bod; een thema met meer vraag komt eerder. {optimal}",
            plan.weekday.get(en),
            day_month_year(plan.start, lang),
            plan.years,
        ),
        Lang::En => format!(
            "The themes of the catalogue \u{201c}{catalogue}\u{201d} spread over {per_year} meetings a year ({split}), {}, from {}. Every theme comes up at least once per cycle of {} years; a theme in higher demand comes earlier. {optimal}",
            plan.weekday.get(en),
            day_month_year(plan.start, lang),
            plan.years,
        ),
    })]));

    sec.blocks
        .push(Block::Table(meetings_table(&plan.meetings, lang)));
    let mut note = t(
        "Vraag: de mensen die om het thema vroegen, ieder één keer, gewogen per doelgroep en niveau (zie de tabel hieronder). Verwacht: wie erom vroeg, per doelgroep. ",
        "Demand: the people who asked for the theme, each once, weighed by audience and level (see the table below). Expected: who asked for it, by audience. ",
    )
    .to_string();
    match &plan.holidays {
        Some(h) => note.push_str(&match lang {
            Lang::Nl => format!("Vakanties overgeslagen: {h}."),
            Lang::En => format!("Holidays skipped: {h}."),
        }),
        None => note.push_str(t(
            "Schoolvakanties zijn niet overgeslagen: er was geen vakantierooster.",
            "School holidays are not skipped: there was no holiday calendar.",
        )),
    }
    sec.blocks.push(Block::Note(note));

    if !plan.assumptions.is_empty() {
        let mut rests = Section::new(
            "rotatieplan-aannames",
            t("Waarop dit plan rust", "What this plan rests on"),
        );
        rests.blocks.push(Block::List(
            plan.assumptions
                .iter()
                .map(|a| vec![text(a.get(en))])
                .collect(),
        ));
        sec.children.push(rests);
    }

    let mut why = Section::new(
        "rotatieplan-waarom",
        t("Waarom deze volgorde", "Why this order"),
    );
    why.blocks.push(Block::List(
        plan.meetings
            .iter()
            .map(|m| {
                vec![
                    Inline::Strong(format!(
                        "{} {}",
                        m.number,
                        title(&m.title, m.title_en.as_deref(), lang)
                    )),
                    text(format!(": {}", m.reason.get(en))),
                ]
            })
            .collect(),
    ));
    sec.children.push(why);

    let mut demand = Section::new(
        "rotatieplan-vraag",
        t("Vraag per thema", "Demand per theme"),
    );
    demand.blocks.push(Block::Table(demand_table(plan, lang)));
    demand.blocks.push(Block::Note(
        t(
            "Per doelgroep: wie erom vroeg / respondenten × gewicht per persoon × factor; de factor is kleiner voor een doelgroep waarvoor het niveau niet in de eerste plaats bedoeld is.",
            "Per audience: who asked for it / respondents × weight per person × factor; the factor is smaller for an audience the level is not primarily meant for.",
        )
        .to_string(),
    ));
    sec.children.push(demand);

    if !plan.selections.is_empty() {
        let mut per_school = Section::new(
            "rotatieplan-scholen",
            t("Keuze per school", "Choice per school"),
        );
        per_school.blocks.push(Block::Table(Table {
            header: vec![
                t("Jaar", "Year").into(),
                t("School", "School").into(),
                t("Respondenten", "Respondents").into(),
                t("Thema's", "Themes").into(),
            ],
            rows: plan
                .selections
                .iter()
                .map(|s| {
                    Row::new(
                        RowKind::Normal,
                        vec![
                            s.year.to_string(),
                            s.school.clone(),
                            s.respondents.map_or_else(
                                || s.note.as_ref().map_or(String::new(), |n| n.get(en).into()),
                                |r| r.to_string(),
                            ),
                            s.picks
                                .iter()
                                .map(|p| title(&p.title, p.title_en.as_deref(), lang))
                                .collect::<Vec<_>>()
                                .join("; "),
                        ],
                    )
                })
                .collect(),
            numeric_from: 4,
        }));
        sec.children.push(per_school);
    }

    let remarks: Vec<Vec<Inline>> = plan
        .notes
        .iter()
        .map(|n| vec![text(n.get(en))])
        .chain(plan.warnings.iter().map(|w| {
            vec![
                Inline::Strong(t("Let op", "Warning").into()),
                text(format!(": {}", w.get(en))),
            ]
        }))
        .collect();
    if !remarks.is_empty() {
        sec.blocks.push(Block::List(remarks));
    }
    sec
}

fn meetings_table(meetings: &[Meeting], lang: Lang) -> Table {
    let t = |nl: &'static str, e: &'static str| lang.pick(nl, e).to_string();
    Table {
        header: vec![
            t("Nr.", "No."),
            t("Schooljaar", "School year"),
            t("Datum", "Date"),
            t("Thema", "Theme"),
            t("Niveau", "Level"),
            t("Locatie", "Location"),
            t("Verwacht", "Expected"),
            t("Vraag", "Demand"),
        ],
        rows: meetings
            .iter()
            .map(|m| {
                Row::new(
                    RowKind::Normal,
                    vec![
                        m.number.to_string(),
                        m.school_year.clone(),
                        meeting_when(m.date, &m.start, &m.end, lang),
                        title(&m.title, m.title_en.as_deref(), lang).to_string(),
                        m.level.text().get(lang.is_en()).to_string(),
                        m.host.clone().unwrap_or_else(|| "-".into()),
                        m.expected_text().get(lang.is_en()).to_string(),
                        lang.num(m.demand),
                    ],
                )
            })
            .collect(),
        numeric_from: 7,
    }
}

fn demand_table(plan: &RotationPlan, lang: Lang) -> Table {
    let t = |nl: &'static str, e: &'static str| lang.pick(nl, e).to_string();
    Table {
        header: vec![
            t("Thema", "Theme"),
            t("Niveau", "Level"),
            t("Per doelgroep", "Per audience"),
            t("In jaar", "In year"),
            t("Vraag", "Demand"),
        ],
        rows: plan
            .demand
            .iter()
            .map(|d| {
                let meeting = plan.meetings.iter().find(|m| m.theme == d.theme);
                let years: Vec<String> = plan
                    .meetings
                    .iter()
                    .filter(|m| m.theme == d.theme)
                    .map(|m| m.year.to_string())
                    .collect();
                let audiences = d
                    .audiences
                    .iter()
                    .map(|a| {
                        format!(
                            "{} {}/{} × {} × {}",
                            a.audience,
                            a.respondents,
                            a.of,
                            lang.num(a.per_person),
                            lang.num(a.factor)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                Row::new(
                    RowKind::Normal,
                    vec![
                        meeting.map_or_else(
                            || d.theme.clone(),
                            |m| title(&m.title, m.title_en.as_deref(), lang).to_string(),
                        ),
                        d.level.text().get(lang.is_en()).to_string(),
                        audiences,
                        if years.is_empty() {
                            "-".into()
                        } else {
                            years.join(" + ")
                        },
                        lang.num(d.score),
                    ],
                )
            })
            .collect(),
        numeric_from: 4,
    }
}
