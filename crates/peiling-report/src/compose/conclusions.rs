//! "Conclusies en aanbevelingen": rule-based sentences after the summary, each citing
//! its figures and linking to its table (rules C1-C6 in docs/report-rules.md).

use super::{anchor, first_multi, groups, top_k, Composer};
use crate::headline;
use crate::i18n::{audience_plural, capitalise, decapitalise, Lang};
use crate::model::{text, Block, Inline, Section};
use peiling_analysis::{CategoryRow, Detail, GroupRole, PartSummary, QuestionSummary};

pub const ANCHOR_CONCLUSIONS: &str = "conclusies";

/// C3: a capability gap is named when the most positive item has at least half positive,
/// the least positive fewer than half, and they lie at least this many points apart.
pub const GAP_POINTS: f64 = 20.0;
/// C5: facilitation hours are a signal when at least this share of those asked does not
/// know them or gave none.
pub const UNKNOWN_HOURS_SHARE: f64 = 0.25;
/// C2: a form chosen by fewer than this many points (of those asked) less than the most
/// chosen one is as wanted: the two are named together, neither is "the" form.
pub const CLOSE_POINTS: f64 = 5.0;

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
                "Wat uit de cijfers volgt, per doelgroep. Achter elke zin staat het onderdeel met de cijfers waarop hij steunt.",
                "What follows from the figures, per audience. After each sentence is the section with the figures it rests on.",
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

/// The sentence's closing pointer to the question's table or chart, by its section's
/// title, so it still says where to look once pasted without links: " (zie „Welk
/// thema?”)."
fn cite(lang: Lang, p: &PartSummary, q: &QuestionSummary, mut line: Vec<Inline>) -> Vec<Inline> {
    line.push(text(lang.pick(" (zie \u{201e}", " (see \u{201c}")));
    line.push(Inline::Link {
        text: groups::title(lang, p, &q.group),
        anchor: anchor(&format!("{}-{}-{}", p.questionnaire, q.group, q.id)),
    });
    line.push(text("\u{201d})."));
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

/// C2: the most wanted form. It is the way to shape the offer ("vooral") only when most
/// of those asked want it and no other form comes within `CLOSE_POINTS`; forms that
/// close are named together; intervisie leading asks for standing groups. An option
/// that means "none" is never a wanted form.
pub(super) fn forms(lang: Lang, p: &PartSummary) -> Option<Vec<Inline>> {
    let q = first_multi(p, GroupRole::Forms)?;
    let Detail::Multi { rows, .. } = &q.detail else {
        return None;
    };
    let leading = leading(q, rows);
    let (first, close) = leading.split_first()?;
    let first = *first;
    let label = |r: &CategoryRow| decapitalise(r.label(lang.is_en()));
    let lead = format!("{} ({})", label(first), lang.of(first.count, q.base));
    let who = who(lang, p);
    let s = if !close.is_empty() {
        let others: Vec<String> = close
            .iter()
            .map(|r| format!("{} ({})", label(r), r.count))
            .collect();
        let others = lang.join_and(&others);
        match lang {
            Lang::Nl => format!(
                "De {who} kiezen (bijna) even vaak voor {lead} als voor {others}: geen vorm springt eruit, bied ze naast elkaar aan"
            ),
            Lang::En => format!(
                "The {who} choose {lead} (nearly) as often as {others}: no form stands out, offer them side by side"
            ),
        }
    } else if first.label.to_lowercase().contains("intervisie") {
        match lang {
            Lang::Nl => format!(
                "Intervisie is de vorm die de {who} het meest vragen, {lead}: richt vaste intervisiegroepen in die het hele jaar met dezelfde mensen bij elkaar komen"
            ),
            Lang::En => format!(
                "Peer consultation (intervisie) is the form the {who} ask for most, {lead}: set up standing peer groups that meet all year with the same people"
            ),
        }
    } else if first.count * 2 > q.base {
        match lang {
            Lang::Nl => format!("De meeste {who} vragen om {lead}: geef het aanbod vooral zo vorm"),
            Lang::En => format!("Most {who} ask for {lead}: shape the offer mainly that way"),
        }
    } else {
        match lang {
            Lang::Nl => format!(
                "De vorm die de {who} het meest vragen is {lead}, maar dat is minder dan de helft: bied ook andere vormen aan"
            ),
            Lang::En => format!(
                "The form the {who} ask for most is {lead}, but that is fewer than half: offer other forms too"
            ),
        }
    };
    Some(cite(lang, p, q, vec![text(s)]))
}

/// The most chosen wanted option and every other within `CLOSE_POINTS` of it (points of
/// those asked), most chosen first; empty when nothing wanted was chosen.
pub(super) fn leading<'r>(q: &QuestionSummary, rows: &'r [CategoryRow]) -> Vec<&'r CategoryRow> {
    let ranked = top_k(rows, rows.len());
    let Some(first) = ranked.first().copied() else {
        return Vec::new();
    };
    let points = |r: &CategoryRow| (first.count - r.count) as f64 * 100.0 / q.base.max(1) as f64;
    ranked
        .into_iter()
        .filter(|r| points(r) < CLOSE_POINTS)
        .collect()
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
                .filter(|r| headline::qualified::is_no(&r.label))
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

#[cfg(test)]
mod tests;
