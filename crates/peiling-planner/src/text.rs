//! Bilingual text: every sentence a plan shows exists in Dutch and English, rendered from
//! data (reasons, notes) so both languages say the same.

use serde::{Deserialize, Serialize};

use crate::catalogue::Level;
use crate::due::DueKind;

/// A sentence in Dutch (the default) and English.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Text {
    pub nl: String,
    pub en: String,
}

impl Text {
    pub fn new(nl: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            nl: nl.into(),
            en: en.into(),
        }
    }

    /// The Dutch text also serves as the English one.
    pub fn same(text: impl Into<String>) -> Self {
        let text = text.into();
        Text {
            nl: text.clone(),
            en: text,
        }
    }

    pub fn get(&self, english: bool) -> &str {
        if english {
            &self.en
        } else {
            &self.nl
        }
    }
}

/// Why a theme sits where it sits in the plan: the parts of a meeting's reason, as data.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// `respondents` of one audience chose options that feed the theme.
    Asked {
        audience: String,
        respondents: usize,
        options: Vec<Text>,
    },
    /// Nobody asked for it; it comes up because every theme comes up once per cycle.
    NotAsked,
    /// The theme's place among the themes of its level by demand (1 = most asked for).
    Rank {
        level: Level,
        rank: usize,
        themes: usize,
    },
    /// The year the meeting is in, and how many meetings of the theme's level it has.
    Year {
        year: u32,
        level: Level,
        meetings: usize,
    },
    /// Not in the year its rank by demand alone would give (`by_demand`): the rules put
    /// it in `year`; `others` are the themes of its level that took the other way (less
    /// wanted ones earlier, or more wanted ones later).
    Moved {
        year: u32,
        by_demand: u32,
        others: Vec<Text>,
    },
    /// Offered last year, so it waits until year 2 or later.
    Waited,
    /// Offered last year, but its demand is at least `factor` times its level's mean.
    Exceptional { factor: f64 },
    /// A second meeting on the theme: its level has more meetings than themes in a cycle.
    Repeat {
        level: Level,
        meetings: usize,
        themes: usize,
    },
    /// The catalogue puts the theme after these (titles).
    After { themes: Vec<Text> },
    /// A manual weight multiplied its demand.
    Weight { factor: f64 },
    /// `people` of an audience are due (records): for the training or the refresher.
    Due {
        due: DueKind,
        audience: String,
        people: usize,
    },
    /// The evaluation of the theme's meetings fell short: redesign before repeating it
    /// (docs/evaluation-rules.md, rule 3). A flag for the team, not a move.
    Redesign {
        shortfalls: Vec<crate::evaluation::Shortfall>,
    },
}

/// An audience code as a Dutch noun: "WPB'er"/"WPB'ers", "SO"/"SO's".
pub(crate) fn audience_nl(code: &str, n: usize) -> String {
    let vowel_end = code
        .chars()
        .last()
        .is_some_and(|c| "aeiouAEIOU".contains(c));
    match (vowel_end, n == 1) {
        (true, true) => code.to_string(),
        (true, false) => format!("{code}'s"),
        (false, true) => format!("{code}'er"),
        (false, false) => format!("{code}'ers"),
    }
}

pub(crate) fn audience_en(code: &str, n: usize) -> String {
    if n == 1 {
        code.to_string()
    } else {
        format!("{code}s")
    }
}

/// "a", "a en b", "a, b en c".
pub(crate) fn join(items: &[&str], and: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

/// Option labels read inside a sentence: first letter lowercased unless it starts an
/// acronym ("SO-opleiding" stays).
pub(crate) fn in_sentence(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().chain(label.chars().skip(1)).collect()
        }
        _ => label.to_string(),
    }
}

/// "basisthema's", "verdiepende thema's"; "basisbijeenkomst", "verdiepende bijeenkomst".
fn level_nl(level: Level, noun: &str) -> String {
    match level {
        Level::Basis => format!("basis{noun}"),
        Level::Verdiepend => format!("verdiepende {noun}"),
    }
}

/// "1st", "2nd", "3rd", "4th", "11th", "22nd".
fn ordinal_en(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Expected participants of one audience at a meeting: those who asked for its theme.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Headcount {
    pub audience: String,
    pub people: usize,
}

impl Headcount {
    /// "23 WPB'ers, 2 SO's" / "23 WPBs, 2 SOs"; "nobody asked" when empty.
    pub fn text(counts: &[Headcount]) -> Text {
        if counts.is_empty() {
            return Text::new("0", "0");
        }
        let nl: Vec<String> = counts
            .iter()
            .map(|c| format!("{} {}", c.people, audience_nl(&c.audience, c.people)))
            .collect();
        let en: Vec<String> = counts
            .iter()
            .map(|c| format!("{} {}", c.people, audience_en(&c.audience, c.people)))
            .collect();
        Text::new(nl.join(", "), en.join(", "))
    }
}

/// A number with at most two decimals; Dutch with a decimal comma.
pub(crate) fn number_in(x: f64, english: bool) -> String {
    let s = number(x);
    if english {
        s
    } else {
        s.replace('.', ",")
    }
}

fn number(x: f64) -> String {
    let s = format!("{:.2}", x);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

impl Reason {
    pub fn text(&self) -> Text {
        match self {
            Reason::Asked {
                audience,
                respondents,
                options,
            } => {
                let nl: Vec<&str> = options.iter().map(|o| o.nl.as_str()).collect();
                let en: Vec<&str> = options.iter().map(|o| o.en.as_str()).collect();
                Text::new(
                    format!(
                        "gevraagd door {respondents} {} via {}",
                        audience_nl(audience, *respondents),
                        join(&nl, "en")
                    ),
                    format!(
                        "asked for by {respondents} {} via {}",
                        audience_en(audience, *respondents),
                        join(&en, "and")
                    ),
                )
            }
            Reason::NotAsked => Text::new(
                "niet gevraagd in de enquête, maar elk thema komt eens per cyclus aan bod",
                "not asked for in the survey, but every theme comes up once per cycle",
            ),
            Reason::Rank {
                level,
                rank,
                themes,
            } => Text::new(
                format!("{rank}e van {themes} {} naar vraag", level_nl(*level, "thema's")),
                format!(
                    "{} of {themes} {} themes by demand",
                    ordinal_en(*rank),
                    level.text().en
                ),
            ),
            Reason::Year {
                year,
                level,
                meetings,
            } => {
                let nl = if *meetings == 1 {
                    level_nl(*level, "bijeenkomst")
                } else {
                    level_nl(*level, "bijeenkomsten")
                };
                let en = if *meetings == 1 { "meeting" } else { "meetings" };
                Text::new(
                    format!("jaar {year} heeft {meetings} {nl}"),
                    format!("year {year} has {meetings} {} {en}", level.text().en),
                )
            }
            Reason::Moved {
                year,
                by_demand,
                others,
            } => {
                let nl: Vec<&str> = others.iter().map(|o| o.nl.as_str()).collect();
                let en: Vec<&str> = others.iter().map(|o| o.en.as_str()).collect();
                if year > by_demand {
                    Text::new(
                        format!(
                            "naar vraag alleen in jaar {by_demand}, maar de regels geven daar voorrang aan {} (minder vraag)",
                            join(&nl, "en")
                        ),
                        format!(
                            "by demand alone in year {by_demand}, but the rules give that place to {} (less demand)",
                            join(&en, "and")
                        ),
                    )
                } else {
                    Text::new(
                        format!(
                            "naar vraag alleen in jaar {by_demand}, maar eerder omdat {} (meer vraag) later {}",
                            join(&nl, "en"),
                            if nl.len() == 1 { "komt" } else { "komen" }
                        ),
                        format!(
                            "by demand alone in year {by_demand}, but earlier because {} (more demand) {} later",
                            join(&en, "and"),
                            if en.len() == 1 { "comes" } else { "come" }
                        ),
                    )
                }
            }
            Reason::Waited => Text::new(
                "vorig jaar aangeboden, dus niet in jaar 1",
                "offered last year, so not in year 1",
            ),
            Reason::Exceptional { factor } => Text::new(
                format!(
                    "vorig jaar aangeboden, maar de vraag is uitzonderlijk (minstens {}× het gemiddelde van het niveau)",
                    number(*factor)
                ),
                format!(
                    "offered last year, but demand is exceptional (at least {}× the mean of its level)",
                    number(*factor)
                ),
            ),
            Reason::Repeat {
                level,
                meetings,
                themes,
            } => {
                let nl = match level {
                    Level::Basis => {
                        format!("herhaling: {meetings} basisbijeenkomsten voor {themes} basisthema's")
                    }
                    Level::Verdiepend => format!(
                        "herhaling: {meetings} verdiepende bijeenkomsten voor {themes} verdiepende thema's"
                    ),
                };
                let en = level.text().en;
                Text::new(
                    nl,
                    format!("repeat: {meetings} {en} meetings for {themes} {en} themes"),
                )
            }
            Reason::After { themes } => {
                let nl: Vec<&str> = themes.iter().map(|o| o.nl.as_str()).collect();
                let en: Vec<&str> = themes.iter().map(|o| o.en.as_str()).collect();
                Text::new(
                    format!("na {} (volgorde in de catalogus)", join(&nl, "en")),
                    format!("after {} (catalogue order)", join(&en, "and")),
                )
            }
            Reason::Weight { factor } => Text::new(
                format!("handmatig gewicht × {}", number(*factor)),
                format!("manual weight × {}", number(*factor)),
            ),
            Reason::Due {
                due,
                audience,
                people,
            } => {
                let (nl_who, en_who) = (audience_nl(audience, *people), audience_en(audience, *people));
                let (nl_must, en_must) = if *people == 1 {
                    ("moet", "needs")
                } else {
                    ("moeten", "need")
                };
                match due {
                    DueKind::Refresher => Text::new(
                        format!("daarnaast {people} {nl_who} die dit jaar de driejaarlijkse update {nl_must} halen"),
                        format!("also {people} {en_who} who {en_must} their three-yearly update this year"),
                    ),
                    DueKind::Training => Text::new(
                        format!("daarnaast {people} {nl_who} die de training nog {nl_must} volgen"),
                        format!("also {people} {en_who} who still {en_must} the training"),
                    ),
                }
            }
            Reason::Redesign { shortfalls } => crate::evaluation::reason_text(shortfalls),
        }
    }

    /// All parts joined with "; " in each language.
    pub fn join_all(reasons: &[Reason]) -> Text {
        let texts: Vec<Text> = reasons.iter().map(Reason::text).collect();
        Text {
            nl: texts
                .iter()
                .map(|t| t.nl.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            en: texts
                .iter()
                .map(|t| t.en.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asked_renders_in_both_languages() {
        let r = Reason::Asked {
            audience: "WPB".into(),
            respondents: 23,
            options: vec![Text::new(
                in_sentence("Opleidingsdidactiek (leerprocessen student)"),
                in_sentence("Teacher-education pedagogy (student learning)"),
            )],
        };
        let all = Reason::join_all(&[
            r,
            Reason::Rank {
                level: Level::Basis,
                rank: 4,
                themes: 6,
            },
            Reason::Year {
                year: 1,
                level: Level::Basis,
                meetings: 3,
            },
        ]);
        assert_eq!(
            all.nl,
            "gevraagd door 23 WPB'ers via opleidingsdidactiek (leerprocessen student); 4e van 6 basisthema's naar vraag; jaar 1 heeft 3 basisbijeenkomsten"
        );
        assert_eq!(
            all.en,
            "asked for by 23 WPBs via teacher-education pedagogy (student learning); 4th of 6 basic themes by demand; year 1 has 3 basic meetings"
        );
        let one = Reason::Year {
            year: 2,
            level: Level::Verdiepend,
            meetings: 1,
        }
        .text();
        assert_eq!(one.nl, "jaar 2 heeft 1 verdiepende bijeenkomst");
        assert_eq!(one.en, "year 2 has 1 deepening meeting");
        let rank: Vec<String> = [1, 2, 3, 11, 12, 22]
            .iter()
            .map(|&n| ordinal_en(n))
            .collect();
        assert_eq!(rank, ["1st", "2nd", "3rd", "11th", "12th", "22nd"]);
        let heads = Headcount::text(&[
            Headcount {
                audience: "WPB".into(),
                people: 23,
            },
            Headcount {
                audience: "SO".into(),
                people: 1,
            },
        ]);
        assert_eq!(heads.nl, "23 WPB'ers, 1 SO");
        assert_eq!(heads.en, "23 WPBs, 1 SO");
        assert_eq!(number_in(0.5, false), "0,5");
    }

    #[test]
    fn audiences_and_lists() {
        assert_eq!(audience_nl("SO", 2), "SO's");
        assert_eq!(audience_nl("SO", 1), "SO");
        assert_eq!(audience_nl("WPB", 1), "WPB'er");
        assert_eq!(join(&["a", "b", "c"], "en"), "a, b en c");
        assert_eq!(in_sentence("SO-opleiding"), "SO-opleiding");
        assert_eq!(in_sentence("Certificering SO"), "certificering SO");
        let rep = Reason::Repeat {
            level: Level::Verdiepend,
            meetings: 6,
            themes: 5,
        }
        .text();
        assert_eq!(
            rep.nl,
            "herhaling: 6 verdiepende bijeenkomsten voor 5 verdiepende thema's"
        );
        let rep = Reason::Repeat {
            level: Level::Basis,
            meetings: 6,
            themes: 5,
        }
        .text();
        assert_eq!(
            rep.nl,
            "herhaling: 6 basisbijeenkomsten voor 5 basisthema's"
        );
    }
}
