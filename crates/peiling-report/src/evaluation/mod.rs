//! The evaluatieverslag: the evaluation of the meetings (response, usefulness,
//! applicability, the eight conditions as diverging bars, what to keep and change) and
//! the findings of the rules, composed from a computed [`Evaluation`] in the report's
//! style and privacy rules (docs/evaluation-rules.md).

use std::collections::BTreeMap;

use peiling_analysis::evaluation::{Evaluation, Finding, Measure, MeetingFigures, ScaleCounts};

use crate::charts::{Chart, Diverging, DivergingItem};
use crate::i18n::Lang;
use crate::model::{text, Block, ChartRef, Document, Quotes, Row, RowKind, Section, Table};
use crate::privacy::{may_quote, redact};

fn share(k: usize, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        k as f64 * 100.0 / n as f64
    }
}

/// The statement of a grid item: its English label, or the text between the brackets
/// of "Stem [Item]".
pub(crate) fn item_label(c: &ScaleCounts, lang: Lang) -> String {
    match (&c.label_en, lang) {
        (Some(en), Lang::En) => en.clone(),
        _ => c
            .label
            .rsplit_once(" [")
            .map_or(c.label.as_str(), |(_, item)| item.trim_end_matches(']'))
            .to_string(),
    }
}

/// "= 0,071" or "< 0,001".
fn p_text(lang: Lang, p: f64) -> String {
    let s = lang.num_p(p);
    if s.starts_with('<') {
        s
    } else {
        format!("= {s}")
    }
}

fn top2(c: Option<&ScaleCounts>, lang: Lang, shown: bool) -> String {
    match c {
        Some(c) if shown && c.rated() > 0 => {
            format!(
                "{} (n = {})",
                lang.pct(share(c.top2(), c.rated())),
                c.rated()
            )
        }
        _ => "—".into(),
    }
}

/// The evaluatieverslag as a document; `title` names the programme.
pub fn document(eval: &Evaluation, title: &str, lang: Lang) -> Document {
    let min = eval.min_group;
    let responses: usize = eval.meetings.iter().map(|m| m.respondents).sum();
    let mut sections = vec![conclusions(eval, lang), overview(eval, lang)];
    let mut per = Section::new("bijeenkomsten", lang.pick("Per bijeenkomst", "Per meeting"));
    for (i, m) in eval.meetings.iter().enumerate() {
        per.children.push(meeting(i + 1, m, lang, min));
    }
    sections.push(per);
    if let Some(r) = &eval.reflection {
        sections.push(reflection(r, lang, min));
    }
    Document {
        title: format!("{} — {title}", lang.pick("Evaluatieverslag", "Evaluation report")),
        subtitle: vec![match lang {
            Lang::Nl => format!(
                "{} bijeenkomsten, {responses} ingevulde evaluaties; groepen kleiner dan {min} zonder percentages en citaten.",
                eval.meetings.len()
            ),
            Lang::En => format!(
                "{} meetings, {responses} evaluations filled in; groups smaller than {min} without percentages and quotes.",
                eval.meetings.len()
            ),
        }],
        sections,
    }
}

fn conclusions(eval: &Evaluation, lang: Lang) -> Section {
    let mut sec = Section::new("conclusies", lang.pick("Conclusies", "Conclusions"));
    let items: Vec<Vec<crate::model::Inline>> = eval
        .findings
        .iter()
        .map(|f| {
            vec![text(match (f, lang) {
                (Finding::WeakCondition { label, label_en, meetings, weak_in, pooled, .. }, _) => {
                    let item = ScaleCounts {
                        id: String::new(),
                        label: label.clone(),
                        label_en: label_en.clone(),
                        levels: vec![],
                        levels_en: vec![],
                        counts: vec![],
                        not_applicable: 0,
                        no_answer: 0,
                    };
                    let name = item_label(&item, lang);
                    match lang {
                        Lang::Nl => format!(
                            "Voorwaarde \"{name}\" is zwak: over alle bijeenkomsten samen koos {} een van de twee hoogste niveaus, en in {weak_in} van de {meetings} bijeenkomsten met genoeg antwoorden minder dan de helft.",
                            lang.pct(pooled * 100.0)
                        ),
                        Lang::En => format!(
                            "Condition \"{name}\" is weak: over all meetings together {} chose one of the two highest levels, and fewer than half in {weak_in} of the {meetings} meetings with enough answers.",
                            lang.pct(pooled * 100.0)
                        ),
                    }
                }
                (Finding::LaggingTheme { theme, share, others, n, p }, Lang::Nl) => format!(
                    "De toepasbaarheid van thema \"{theme}\" blijft achter: {} (n = {n}) vindt het goed toepasbaar, tegen {} in de andere bijeenkomsten (Fisher p {}).",
                    lang.pct(share * 100.0),
                    lang.pct(others * 100.0),
                    p_text(lang, *p)
                ),
                (Finding::LaggingTheme { theme, share, others, n, p }, Lang::En) => format!(
                    "The applicability of theme \"{theme}\" lags: {} (n = {n}) find it applicable, against {} in the other meetings (Fisher p {}).",
                    lang.pct(share * 100.0),
                    lang.pct(others * 100.0),
                    p_text(lang, *p)
                ),
            })]
        })
        .chain(eval.redesign.iter().map(|r| vec![text(redesign(r, lang))]))
        .collect();
    if items.is_empty() {
        sec.blocks.push(Block::Paragraph(vec![text(lang.pick(
            "De regels vonden geen zwakke voorwaarde, geen thema waarvan de toepasbaarheid achterblijft en geen thema om te herontwerpen.",
            "The rules found no weak condition, no theme whose applicability lags and no theme to redesign.",
        ))]));
    } else {
        sec.blocks.push(Block::List(items));
    }
    sec.blocks.push(Block::Note(lang.pick(
        "Regels: docs/evaluation-rules.md (zwak: minder dan 50 % in de twee hoogste niveaus, over alle bijeenkomsten samen en in meer dan de helft van de bijeenkomsten met genoeg antwoorden; achterblijven: minstens 20 procentpunt lager dan de andere bijeenkomsten en Fisher p < 0,05; herontwerpen: een thema waarvan het nut, de toepasbaarheid of een voorwaarde die niet overal zwak is zo achterblijft).",
        "Rules: docs/evaluation-rules.md (weak: below 50 % in the two highest levels, over all meetings together and in more than half of the meetings with enough answers; lagging: at least 20 percentage points below the other meetings and Fisher p < 0.05; redesign: a theme whose usefulness, applicability or a condition not weak everywhere lags like that).",
    ).to_string()));
    sec
}

/// "Herontwerpen voor herhaling: thema "Innovatie" (toepasbaarheid 33 %, n = 9)."
fn redesign(r: &peiling_analysis::evaluation::Redesign, lang: Lang) -> String {
    let what: Vec<String> = r
        .shortfalls
        .iter()
        .map(|s| {
            let name = match &s.measure {
                Measure::Useful => lang.pick("nut", "usefulness").to_string(),
                Measure::Applicable => lang.pick("toepasbaarheid", "applicability").to_string(),
                Measure::Condition {
                    label, label_en, ..
                } => {
                    let item = ScaleCounts {
                        id: String::new(),
                        label: label.clone(),
                        label_en: label_en.clone(),
                        levels: vec![],
                        levels_en: vec![],
                        counts: vec![],
                        not_applicable: 0,
                        no_answer: 0,
                    };
                    format!(
                        "{} \"{}\"",
                        lang.pick("voorwaarde", "condition"),
                        item_label(&item, lang)
                    )
                }
            };
            format!(
                "{name} {}, n = {}, {} {}",
                lang.pct(s.share * 100.0),
                s.n,
                lang.pick("tegen", "against"),
                lang.pct(s.others * 100.0)
            )
        })
        .collect();
    match lang {
        Lang::Nl => format!(
            "Herontwerpen voor herhaling: thema \"{}\" ({}).",
            r.theme,
            what.join("; ")
        ),
        Lang::En => format!(
            "Redesign before repeating: theme \"{}\" ({}).",
            r.theme,
            what.join("; ")
        ),
    }
}

fn overview(eval: &Evaluation, lang: Lang) -> Section {
    let min = eval.min_group;
    let mut sec = Section::new("overzicht", lang.pick("Overzicht", "Overview"));
    // The response against attendance, when the records tell who came.
    let attendance = eval.meetings.iter().any(|m| m.attended.is_some());
    let mut header = vec![
        lang.pick("Bijeenkomst", "Meeting").to_string(),
        lang.pick("Reacties", "Responses").to_string(),
    ];
    if attendance {
        header.push(lang.pick("Aanwezig", "Attended").to_string());
        header.push(lang.pick("Respons", "Response rate").to_string());
    }
    header.push(lang.pick("Nuttig", "Useful").to_string());
    header.push(lang.pick("Toepasbaar", "Applicable").to_string());
    let rows = eval
        .meetings
        .iter()
        .map(|m| {
            let shown = may_quote(m.respondents, min);
            let mut cells = vec![m.meeting.clone(), m.respondents.to_string()];
            if attendance {
                match m.attended {
                    Some(a) => {
                        cells.push(a.to_string());
                        cells.push(if a > 0 {
                            lang.pct(share(m.respondents, a))
                        } else {
                            "—".into()
                        });
                    }
                    None => cells.extend([lang.pick("onbekend", "unknown").into(), "—".into()]),
                }
            }
            cells.push(top2(m.useful.as_ref(), lang, shown));
            cells.push(top2(m.applicable.as_ref(), lang, shown));
            Row::new(RowKind::Normal, cells)
        })
        .collect();
    sec.blocks.push(Block::Table(Table {
        header,
        rows,
        numeric_from: 1,
    }));
    sec.blocks.push(Block::Note(lang.pick(
        "Nuttig: % \"zeer nuttig\" of \"nuttig\"; toepasbaar: % \"zeer goed\" of \"goed\"; van wie een niveau koos.",
        "Useful: % \"very useful\" or \"useful\"; applicable: % \"very well\" or \"well\"; of those choosing a level.",
    ).to_string()));
    // Per theme: the meetings of one theme pooled.
    let mut themes: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let mut order = Vec::new();
    for m in &eval.meetings {
        let e = themes.entry(&m.theme).or_insert_with(|| {
            order.push(m.theme.as_str());
            (0, 0, 0)
        });
        e.0 += m.respondents;
        if let Some(a) = &m.applicable {
            e.1 += a.top2();
            e.2 += a.rated();
        }
    }
    let rows = order
        .iter()
        .map(|t| {
            let (n, top, rated) = themes[t];
            let pct = if may_quote(rated, min) && rated > 0 {
                format!("{} (n = {rated})", lang.pct(share(top, rated)))
            } else {
                "—".into()
            };
            Row::new(RowKind::Normal, vec![t.to_string(), n.to_string(), pct])
        })
        .collect();
    let mut theme_sec = Section::new("per-thema", lang.pick("Per thema", "Per theme"));
    theme_sec.blocks.push(Block::Table(Table {
        header: vec![
            lang.pick("Thema", "Theme").into(),
            lang.pick("Reacties", "Responses").into(),
            lang.pick("Toepasbaar", "Applicable").into(),
        ],
        rows,
        numeric_from: 1,
    }));
    sec.children.push(theme_sec);
    sec.blocks.push(Block::Paragraph(vec![text(match (&eval.applicability, lang) {
        (Some(a), Lang::Nl) => format!(
            "Toepasbaarheid over {} bijeenkomsten vergeleken (n = {}): Kruskal-Wallis H = {}, df = {}, p {}, epsilon² = {}.",
            a.meetings,
            a.n,
            lang.num_precise(a.test.statistic),
            a.test.df.unwrap_or(0.0),
            p_text(lang, a.test.p),
            lang.num_precise(a.epsilon_squared)
        ),
        (Some(a), Lang::En) => format!(
            "Applicability compared across {} meetings (n = {}): Kruskal-Wallis H = {}, df = {}, p {}, epsilon² = {}.",
            a.meetings,
            a.n,
            lang.num_precise(a.test.statistic),
            a.test.df.unwrap_or(0.0),
            p_text(lang, a.test.p),
            lang.num_precise(a.epsilon_squared)
        ),
        (None, _) => lang
            .pick(
                "Te weinig bijeenkomsten met genoeg antwoorden om de toepasbaarheid te vergelijken.",
                "Too few meetings with enough answers to compare applicability.",
            )
            .to_string(),
    })]));
    sec
}

fn meeting(number: usize, m: &MeetingFigures, lang: Lang, min: usize) -> Section {
    let mut sec = Section::new(format!("bijeenkomst-{number}"), m.meeting.clone());
    if !may_quote(m.respondents, min) {
        sec.blocks.push(Block::Paragraph(vec![text(match lang {
            Lang::Nl => format!(
                "{} reacties, minder dan {min}: geen percentages en geen citaten.",
                m.respondents
            ),
            Lang::En => format!(
                "{} responses, fewer than {min}: no percentages and no quotes.",
                m.respondents
            ),
        })]));
        return sec;
    }
    sec.blocks.push(Block::Paragraph(vec![text(match lang {
        Lang::Nl => format!(
            "{} reacties. Nuttig: {}. Toepasbaar: {}.",
            m.respondents,
            top2(m.useful.as_ref(), lang, true),
            top2(m.applicable.as_ref(), lang, true)
        ),
        Lang::En => format!(
            "{} responses. Useful: {}. Applicable: {}.",
            m.respondents,
            top2(m.useful.as_ref(), lang, true),
            top2(m.applicable.as_ref(), lang, true)
        ),
    })]));
    let title = format!(
        "{} — {}",
        lang.pick(
            "Voorwaarden in deze bijeenkomst",
            "Conditions in this meeting"
        ),
        m.meeting
    );
    if let Some(chart) = conditions_chart(m, format!("voorwaarden-{number:02}"), title, lang, min) {
        sec.blocks.push(chart);
    }
    for (title, texts) in [
        (lang.pick("Zo houden", "Keep"), &m.keep),
        (lang.pick("Veranderen", "Change"), &m.change),
    ] {
        if !texts.is_empty() {
            sec.blocks.push(Block::Quotes(Quotes {
                title: title.into(),
                items: texts
                    .iter()
                    .map(|t| (redact(&t.text, lang), t.count))
                    .collect(),
            }));
        }
    }
    sec
}

/// The conditions of one export as diverging bars.
pub(crate) fn conditions_chart(
    m: &MeetingFigures,
    id: String,
    title: String,
    lang: Lang,
    min: usize,
) -> Option<Block> {
    // A bar only for a condition rated by at least the minimum group: the chart shows
    // percentages, which the small-cell rule withholds below it.
    let shown: Vec<&ScaleCounts> = m
        .conditions
        .iter()
        .filter(|c| c.rated() > 0 && may_quote(c.rated(), min))
        .collect();
    let first = shown.first()?;
    let levels = first
        .levels
        .iter()
        .zip(&first.levels_en)
        .map(|(nl, en)| match (en, lang) {
            (Some(en), Lang::En) => en.clone(),
            _ => nl.clone(),
        })
        .collect();
    let items = shown
        .iter()
        .map(|c| {
            let asked = c.rated() + c.not_applicable + c.no_answer;
            DivergingItem {
                label: format!("{} (n = {})", item_label(c, lang), c.rated()),
                levels: c.counts.iter().map(|&k| share(k, c.rated())).collect(),
                apart: vec![share(c.not_applicable, asked), share(c.no_answer, asked)],
            }
        })
        .collect();
    Some(Block::Chart(ChartRef {
        id,
        alt: title.clone(),
        chart: Chart::Diverging(Diverging {
            title,
            levels,
            level_word: None,
            neutral: None,
            apart: vec![
                lang.pick("n.v.t.", "not applicable").into(),
                lang.pick("geen antwoord", "no answer").into(),
            ],
            apart_title: lang
                .pick("apart: % van iedereen", "apart: % of everyone")
                .into(),
            items,
            note: None,
        }),
    }))
}

/// The yearly partnership reflection: the conditions at partnership level.
fn reflection(r: &MeetingFigures, lang: Lang, min: usize) -> Section {
    let mut sec = Section::new(
        "reflectie",
        lang.pick(
            "Jaarlijkse reflectie van het partnerschap",
            "Yearly partnership reflection",
        ),
    );
    let n = r.respondents;
    if !may_quote(n, min) {
        sec.blocks.push(Block::Paragraph(vec![text(match lang {
            Lang::Nl => format!("{n} reacties, minder dan {min}: geen percentages."),
            Lang::En => format!("{n} responses, fewer than {min}: no percentages."),
        })]));
        return sec;
    }
    sec.blocks.push(Block::Paragraph(vec![text(match lang {
        Lang::Nl => format!("{n} reacties van WPB'ers, SO's, IO's en trainers: in welke mate zijn de voorwaarden aanwezig binnen de opleidingsschool?"),
        Lang::En => format!("{n} responses of WPBs, SOs, IOs and trainers: to what extent are the conditions present in the partnership?"),
    })]));
    let title = lang
        .pick(
            "Voorwaarden binnen de opleidingsschool",
            "Conditions in the partnership",
        )
        .to_string();
    if let Some(chart) = conditions_chart(r, "reflectie-voorwaarden".into(), title, lang, min) {
        sec.blocks.push(chart);
    }
    sec
}

#[cfg(test)]
mod tests {
    use super::*;

    fn condition(id: &str, counts: Vec<usize>, not_applicable: usize) -> ScaleCounts {
        ScaleCounts {
            id: id.into(),
            label: id.into(),
            label_en: None,
            levels: vec!["hoog".into(), "laag".into()],
            levels_en: vec![None, None],
            counts,
            not_applicable,
            no_answer: 0,
        }
    }

    /// A meeting with enough responses can still have a condition that most found not
    /// applicable: its bar would show percentages of fewer than the minimum group.
    #[test]
    fn a_condition_rated_by_fewer_than_the_minimum_group_gets_no_bar() {
        let m = MeetingFigures {
            meeting: "Feedback".into(),
            theme: "Feedback".into(),
            theme_id: None,
            respondents: 12,
            attended: None,
            useful: None,
            applicable: None,
            conditions: vec![
                condition("inhoud", vec![8, 4], 0),
                condition("coaching", vec![2, 1], 9),
            ],
            keep: Vec::new(),
            change: Vec::new(),
        };
        let Some(Block::Chart(chart)) = conditions_chart(&m, "c".into(), "t".into(), Lang::Nl, 5)
        else {
            panic!("no chart")
        };
        let Chart::Diverging(d) = chart.chart else {
            panic!("not a diverging chart")
        };
        let labels: Vec<&str> = d.items.iter().map(|i| i.label.as_str()).collect();
        assert_eq!(labels, ["inhoud (n = 12)"]);
        // With a minimum of 3 both are shown.
        let Some(Block::Chart(chart)) = conditions_chart(&m, "c".into(), "t".into(), Lang::Nl, 3)
        else {
            panic!("no chart")
        };
        let Chart::Diverging(d) = chart.chart else {
            panic!("not a diverging chart")
        };
        assert_eq!(d.items.len(), 2);
    }
}
