//! "Conclusies en aanbevelingen": rule-based sentences after the summary, each citing
//! its figures and linking to its table (rules C1-C6 in docs/report-rules.md).

use super::{anchor, first_multi, groups, top_k, Composer};
use crate::headline;
use crate::i18n::{audience_plural, capitalise, decapitalise, Lang};
use crate::model::{text, Block, Inline, Section};
use peiling_analysis::{Detail, GroupRole, PartSummary, QuestionSummary};
use peiling_planner::RotationPlan;

pub const ANCHOR_CONCLUSIONS: &str = "conclusies";

/// C3: a capability gap is named when the most positive item has at least half positive,
/// the least positive fewer than half, and they lie at least this many points apart.
pub const GAP_POINTS: f64 = 20.0;
/// C5: facilitation hours are a signal when at least this share of those asked does not
/// know them or gave none.
pub const UNKNOWN_HOURS_SHARE: f64 = 0.25;

impl Composer<'_> {
    pub(super) fn conclusions_section(&self) -> Section {
        let lang = self.lang;
        let mut sec = Section::new(
            ANCHOR_CONCLUSIONS,
            self.t(
                "Conclusies en aanbevelingen",
                "Conclusions and recommendations",
            ),
        );
        let items: Vec<Vec<Inline>> = self
            .summary
            .parts
            .iter()
            .flat_map(|p| conclusions(lang, p))
            .collect();
        if items.is_empty() {
            sec.blocks.push(Block::Paragraph(vec![text(self.t(
                "Uit deze cijfers volgt geen aanbeveling: de enquête vraagt niet naar thema's, vormen, hoe bekwaam men zich voelt, contact of uren voor de taak, of de antwoorden wijzen geen kant op.",
                "These figures lead to no recommendation: the survey does not ask about themes, forms, capability, contact or hours for the role, or the answers point no way.",
            ))]));
        } else {
            sec.blocks.push(Block::Paragraph(vec![text(self.t(
                "Wat uit de cijfers volgt, per doelgroep; elke zin verwijst naar zijn tabel.",
                "What follows from the figures, per audience; each sentence links to its table.",
            ))]));
            sec.blocks.push(Block::List(items));
        }
        sec
    }
}

/// Every rule that fires for one part, in rule order.
pub(super) fn conclusions(lang: Lang, p: &PartSummary) -> Vec<Vec<Inline>> {
    [
        themes(lang, p),
        forms(lang, p),
        capability_gap(lang, p),
        network(lang, p),
        facilitation(lang, p),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The sentence's closing link to the question's table: " (tabel)."
fn cite(lang: Lang, p: &PartSummary, q: &QuestionSummary, mut line: Vec<Inline>) -> Vec<Inline> {
    line.push(text(" ("));
    line.push(Inline::Link {
        text: lang.pick("tabel", "table").into(),
        anchor: anchor(&format!("{}-{}-{}", p.questionnaire, q.group, q.id)),
    });
    line.push(text(")."));
    line
}

fn who(lang: Lang, p: &PartSummary) -> String {
    audience_plural(lang, &p.audience)
}

/// C1: the most chosen themes (two, and any tied with the second).
pub(super) fn themes(lang: Lang, p: &PartSummary) -> Option<Vec<Inline>> {
    let q = first_multi(p, GroupRole::Themes)?;
    let Detail::Multi { rows, .. } = &q.detail else {
        return None;
    };
    let top = top_k(rows, 2);
    if top.is_empty() {
        return None;
    }
    let names: Vec<String> = top
        .iter()
        .map(|r| {
            format!(
                "{} ({})",
                decapitalise(r.label(lang.is_en())),
                lang.of(r.count, q.base)
            )
        })
        .collect();
    let s = match lang {
        Lang::Nl => format!(
            "{}: het meest gevraagd zijn {}; bied die thema's in elk geval aan",
            capitalise(&who(lang, p)),
            lang.join_and(&names)
        ),
        Lang::En => format!(
            "{}: most asked for are {}; offer these themes in any case",
            capitalise(&who(lang, p)),
            lang.join_and(&names)
        ),
    };
    Some(cite(lang, p, q, vec![text(s)]))
}

/// C2: the most wanted form; intervisie leading asks for standing groups.
pub(super) fn forms(lang: Lang, p: &PartSummary) -> Option<Vec<Inline>> {
    let q = first_multi(p, GroupRole::Forms)?;
    let Detail::Multi { rows, .. } = &q.detail else {
        return None;
    };
    let top = top_k(rows, 1);
    if top.is_empty() {
        return None;
    }
    let names: Vec<String> = top
        .iter()
        .map(|r| {
            format!(
                "{} ({})",
                decapitalise(r.label(lang.is_en())),
                lang.of(r.count, q.base)
            )
        })
        .collect();
    let intervisie = top
        .iter()
        .any(|r| r.label.to_lowercase().contains("intervisie"));
    let who = who(lang, p);
    let s = match (lang, intervisie) {
        (Lang::Nl, true) => format!(
            "Intervisie is de vorm die de {who} het meest vragen, {}: richt vaste intervisiegroepen in die het hele jaar met dezelfde mensen bij elkaar komen",
            lang.join_and(&names)
        ),
        (Lang::En, true) => format!(
            "Peer consultation (intervisie) is the form the {who} ask for most, {}: set up standing peer groups that meet all year with the same people",
            lang.join_and(&names)
        ),
        (Lang::Nl, false) => format!(
            "De vorm die de {who} het meest vragen is {}: geef het aanbod vooral zo vorm",
            lang.join_or(&names)
        ),
        (Lang::En, false) => format!(
            "The form the {who} ask for most is {}: shape the offer mainly that way",
            lang.join_or(&names)
        ),
    };
    Some(cite(lang, p, q, vec![text(s)]))
}

/// C3: capable on one task but not on another (e.g. towards students, not towards WPB'ers).
/// Each figure is a count of its own base, named ("36 van 58 (62 %)"), the questions by
/// their short titles.
pub(super) fn capability_gap(lang: Lang, p: &PartSummary) -> Option<Vec<Inline>> {
    let group = groups::with_role(p, GroupRole::Capability)?;
    let items: Vec<(&QuestionSummary, f64, usize, usize)> = p
        .questions
        .iter()
        .filter(|q| q.group == group)
        .filter_map(|q| match &q.detail {
            Detail::Scale { rows, neutral, .. } => {
                let (k, rated) = headline::positive_count(rows, *neutral);
                (rated > 0).then_some((q, k as f64 * 100.0 / rated as f64, k, rated))
            }
            _ => None,
        })
        .collect();
    let hi = items.iter().max_by(|a, b| a.1.total_cmp(&b.1))?;
    let lo = items.iter().min_by(|a, b| a.1.total_cmp(&b.1))?;
    if !(hi.1 >= 50.0 && lo.1 < 50.0 && hi.1 - lo.1 >= GAP_POINTS) {
        return None;
    }
    let name = |q: &QuestionSummary| groups::in_sentence(lang, p, q).into_owned();
    let figure = |x: &(&QuestionSummary, f64, usize, usize)| {
        format!("{} ({})", lang.of(x.2, x.3), lang.pct(x.1))
    };
    let who = capitalise(&who(lang, p));
    let s = match lang {
        Lang::Nl => format!(
            "{who} voelen zich vaker bekwaam bij {}, {}, dan bij {}, {}: richt het aanbod op dat laatste",
            name(hi.0),
            figure(hi),
            name(lo.0),
            figure(lo)
        ),
        Lang::En => format!(
            "{who} feel capable more often with {}, {}, than with {}, {}: aim the offer at the latter",
            name(hi.0),
            figure(hi),
            name(lo.0),
            figure(lo)
        ),
    };
    Some(cite(lang, p, lo.0, vec![text(s)]))
}

/// C4: at least half of those asked want contact with colleagues: a kick-off meeting.
pub(super) fn network(lang: Lang, p: &PartSummary) -> Option<Vec<Inline>> {
    let group = groups::with_role(p, GroupRole::Network)?;
    let q = p
        .questions
        .iter()
        .find(|q| q.group == group && matches!(q.kind.as_str(), "yesno" | "multi"))?;
    let yes = match &q.detail {
        Detail::Choice { rows } if q.kind == "yesno" => rows.first()?.count,
        Detail::Multi { rows, .. } => {
            let no: usize = rows
                .iter()
                .filter(|r| matches!(r.label.trim().to_lowercase().as_str(), "nee" | "no"))
                .map(|r| r.count)
                .sum();
            q.answered.saturating_sub(no)
        }
        _ => return None,
    };
    if q.base == 0 || yes * 2 < q.base {
        return None;
    }
    let who = who(lang, p);
    let s = match lang {
        Lang::Nl => format!(
            "{} {who} willen contact met collega's: begin het jaar met een startbijeenkomst waar zij elkaar leren kennen",
            capitalise(&lang.of(yes, q.base))
        ),
        Lang::En => format!(
            "{} {who} wish for contact with colleagues: start the year with a kick-off meeting where they get to know each other",
            capitalise(&lang.of(yes, q.base))
        ),
    };
    Some(cite(lang, p, q, vec![text(s)]))
}

/// C5: many do not know their facilitation hours (or gave none): agree and publish them.
pub(super) fn facilitation(lang: Lang, p: &PartSummary) -> Option<Vec<Inline>> {
    let group = groups::with_role(p, GroupRole::Facilitation)?;
    let q = p
        .questions
        .iter()
        .find(|q| q.group == group && q.kind == "number")?;
    let Detail::Number { unknown, .. } = &q.detail else {
        return None;
    };
    let missing = unknown + q.no_answer;
    if q.base == 0 || (missing as f64) < UNKNOWN_HOURS_SHARE * q.base as f64 {
        return None;
    }
    let who = who(lang, p);
    let s = match lang {
        Lang::Nl => format!(
            "{} {who} weten niet hoeveel uren ze voor hun taak krijgen of vulden het niet in: maak met de scholen afspraken over die uren en maak ze bekend",
            capitalise(&lang.of(missing, q.base))
        ),
        Lang::En => format!(
            "{} {who} do not know how many hours they get for the role or gave none: agree the hours with the schools and make them known",
            capitalise(&lang.of(missing, q.base))
        ),
    };
    Some(cite(lang, p, q, vec![text(s)]))
}

/// C6 (with a plan): where each audience's most wanted catalogue themes first come up.
pub(crate) fn plan_landing(plan: &RotationPlan, lang: Lang) -> Vec<Vec<Inline>> {
    let mut audiences: Vec<(String, String)> = Vec::new();
    for d in &plan.demand {
        for a in &d.audiences {
            if !audiences.iter().any(|x| x.0 == a.questionnaire) {
                audiences.push((a.questionnaire.clone(), a.audience.clone()));
            }
        }
    }
    let mut out = Vec::new();
    for (questionnaire, audience) in audiences {
        // Per theme (over its levels): how many of this audience asked for it.
        let mut asked: Vec<(&str, usize)> = Vec::new();
        for d in &plan.demand {
            for a in d
                .audiences
                .iter()
                .filter(|a| a.questionnaire == questionnaire)
            {
                match asked.iter_mut().find(|x| x.0 == d.theme) {
                    Some(x) => x.1 = x.1.max(a.respondents),
                    None => asked.push((d.theme.as_str(), a.respondents)),
                }
            }
        }
        // The two most asked for, and any tied with the second: a tie is named.
        asked.retain(|x| x.1 > 0);
        asked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        if let Some(cut) = asked.get(1).map(|x| x.1) {
            let mut i = 0;
            asked.retain(|x| {
                i += 1;
                i <= 2 || x.1 == cut
            });
        }
        let landed: Vec<String> = asked
            .iter()
            .map(|(theme, n)| {
                let first = plan.meetings.iter().find(|m| m.theme == *theme);
                match first {
                    Some(m) => {
                        let title = match (&m.title_en, lang) {
                            (Some(en), Lang::En) => en.as_str(),
                            _ => m.title.as_str(),
                        };
                        match lang {
                            Lang::Nl => format!(
                                "{title} ({n} mensen) op {}",
                                crate::certificate::long_date(m.date, lang)
                            ),
                            Lang::En => format!(
                                "{title} ({n} people) on {}",
                                crate::certificate::long_date(m.date, lang)
                            ),
                        }
                    }
                    None => {
                        let name = capitalise(&theme.replace(['_', '-'], " "));
                        match lang {
                            Lang::Nl => format!("{name} ({n} mensen) nog niet"),
                            Lang::En => format!("{name} ({n} people) not yet"),
                        }
                    }
                }
            })
            .collect();
        if landed.is_empty() {
            continue;
        }
        let who = audience_plural(lang, &audience);
        out.push(vec![
            text(match lang {
                Lang::Nl => format!(
                    "Waar de meest gevraagde thema's van de {who} in het plan staan: {} (",
                    lang.join_and(&landed)
                ),
                Lang::En => format!(
                    "Where the themes the {who} ask for most stand in the plan: {} (",
                    lang.join_and(&landed)
                ),
            }),
            Inline::Link {
                text: lang.pick("rotatieplan", "rotation plan").into(),
                anchor: super::ANCHOR_PLAN.into(),
            },
            text(")."),
        ]);
    }
    out
}

#[cfg(test)]
mod tests;
