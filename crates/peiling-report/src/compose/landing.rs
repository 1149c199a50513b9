//! Rule C6 of the conclusions: where the options each audience asked for most come up in
//! the rotation plan. Told per option, not per theme: one option can feed two themes, and
//! a sentence per theme would count the same people twice.

use peiling_planner::RotationPlan;

use super::ANCHOR_PLAN;
use crate::i18n::{audience_plural, capitalise, decapitalise, Lang};
use crate::model::{text, Inline};

/// One option an audience chose, with the catalogue themes it feeds (and their level).
struct Asked<'p> {
    question: &'p str,
    label: &'p str,
    label_en: Option<&'p str>,
    /// How many of the audience chose it: each person once.
    count: usize,
    themes: Vec<(&'p str, &'p peiling_planner::Level)>,
}

/// C6 (with a plan): per audience, the options asked for most (two, and any tied with
/// the second: the same people as rule C1 names) and, per option, the meetings of the
/// themes it feeds, in date order: "intervisiebijeenkomsten (3 mensen): Onderzoekende
/// houding op donderdag 16 juni 2022 en Reflectie op donderdag 19 januari 2023".
pub(crate) fn plan_landing(plan: &RotationPlan, lang: Lang) -> Vec<Vec<Inline>> {
    let mut audiences: Vec<(&str, &str)> = Vec::new();
    for d in &plan.demand {
        for a in &d.audiences {
            if !audiences.iter().any(|x| x.0 == a.questionnaire) {
                audiences.push((&a.questionnaire, &a.audience));
            }
        }
    }
    let mut out = Vec::new();
    for (questionnaire, audience) in audiences {
        let mut asked: Vec<Asked> = Vec::new();
        for d in &plan.demand {
            for a in d
                .audiences
                .iter()
                .filter(|a| a.questionnaire == questionnaire)
            {
                for s in &a.sources {
                    let i = match asked
                        .iter()
                        .position(|x| x.question == s.question && x.label == s.option)
                    {
                        Some(i) => i,
                        None => {
                            asked.push(Asked {
                                question: &s.question,
                                label: &s.option,
                                label_en: s.option_en.as_deref(),
                                count: s.count,
                                themes: Vec::new(),
                            });
                            asked.len() - 1
                        }
                    };
                    let x = &mut asked[i];
                    if !x.themes.iter().any(|t| t.0 == d.theme && *t.1 == d.level) {
                        x.themes.push((&d.theme, &d.level));
                    }
                }
            }
        }
        // The two most chosen, and any tied with the second: a tie is named.
        asked.retain(|x| x.count > 0);
        asked.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(b.label)));
        if let Some(cut) = asked.get(1).map(|x| x.count) {
            let mut i = 0;
            asked.retain(|x| {
                i += 1;
                i <= 2 || x.count == cut
            });
        }
        let each: Vec<String> = asked.iter().map(|x| landed(plan, x, lang)).collect();
        if each.is_empty() {
            continue;
        }
        let who = audience_plural(lang, audience);
        out.push(vec![
            text(match lang {
                Lang::Nl => format!("Wat de {who} het meest vroegen, komt zo terug in het "),
                Lang::En => "In the ".to_string(),
            }),
            // The sentence names the dates itself: without the plan (the bijlage) the
            // link becomes plain text and the sentence still holds.
            Inline::Link {
                text: lang
                    .pick("rooster van de bijeenkomsten", "schedule of meetings")
                    .into(),
                anchor: ANCHOR_PLAN.into(),
            },
            text(match lang {
                Lang::Nl => format!(": {}.", each.join("; ")),
                Lang::En => format!(
                    ", what the {who} asked for most comes up as follows: {}.",
                    each.join("; ")
                ),
            }),
        ]);
    }
    out
}

/// "opleidingsdidactiek (23 mensen) valt onder Wie ben ik als opleider? (donderdag 25
/// november 2021) en Wie ben ik als lerende? (donderdag 27 januari 2022)": the first
/// meeting of each theme the option feeds (at the option's level when there is one),
/// earliest first.
fn landed(plan: &RotationPlan, x: &Asked, lang: Lang) -> String {
    let label = match (x.label_en, lang) {
        (Some(en), Lang::En) => en,
        _ => x.label,
    };
    let mut dated: Vec<&peiling_planner::Meeting> = Vec::new();
    let mut not_yet: Vec<String> = Vec::new();
    for (theme, level) in &x.themes {
        let first = plan
            .meetings
            .iter()
            .filter(|m| m.theme == *theme)
            .min_by_key(|m| (m.level != **level, m.date));
        match first {
            Some(m) if !dated.iter().any(|d| d.theme == m.theme) => dated.push(m),
            Some(_) => {}
            None => {
                let name = capitalise(&theme.replace(['_', '-'], " "));
                if !not_yet.contains(&name) {
                    not_yet.push(name);
                }
            }
        }
    }
    dated.sort_by_key(|m| m.date);
    let mut places: Vec<String> = dated
        .iter()
        .map(|m| {
            let title = match (&m.title_en, lang) {
                (Some(en), Lang::En) => en.as_str(),
                _ => m.title.as_str(),
            };
            format!("{title} ({})", crate::certificate::long_date(m.date, lang))
        })
        .collect();
    if !not_yet.is_empty() {
        places.push(match lang {
            Lang::Nl => format!("{} (nog niet gepland)", lang.join_and(&not_yet)),
            Lang::En => format!("{} (not planned yet)", lang.join_and(&not_yet)),
        });
    }
    let people = match (lang, x.count) {
        (Lang::Nl, 1) => "1 persoon".to_string(),
        (Lang::Nl, n) => format!("{n} mensen"),
        (Lang::En, 1) => "1 person".to_string(),
        (Lang::En, n) => format!("{n} people"),
    };
    let under = lang.pick("valt onder", "comes under");
    format!(
        "{} ({people}) {under} {}",
        decapitalise(label),
        lang.join_and(&places)
    )
}

#[cfg(test)]
mod tests;
