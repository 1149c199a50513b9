//! Bilingual text: every sentence a plan shows exists in Dutch and English, rendered from
//! data (reasons, notes) so both languages say the same.

use serde::{Deserialize, Serialize};

use crate::catalogue::Level;

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
    Level {
        level: Level,
    },
    Year {
        year: u32,
    },
    /// Offered last year, so it waits until year 2 or later.
    Waited,
    /// Offered last year, but its demand is at least `factor` times its level's mean.
    Exceptional {
        factor: f64,
    },
    /// A second meeting on the theme: its level has more meetings than themes in a cycle.
    Repeat {
        level: Level,
        meetings: usize,
        themes: usize,
    },
    /// The catalogue puts the theme after these (titles).
    After {
        themes: Vec<Text>,
    },
    /// A manual weight multiplied its demand.
    Weight {
        factor: f64,
    },
}

/// An audience code as a Dutch noun: "WPB'er"/"WPB'ers", "SO"/"SO's".
fn audience_nl(code: &str, n: usize) -> String {
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

fn audience_en(code: &str, n: usize) -> String {
    if n == 1 {
        code.to_string()
    } else {
        format!("{code}s")
    }
}

/// "a", "a en b", "a, b en c".
fn join(items: &[&str], and: &str) -> String {
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
            Reason::Level { level } => level.text(),
            Reason::Year { year } => Text::new(format!("jaar {year}"), format!("year {year}")),
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
            Reason::Level {
                level: Level::Basis,
            },
            Reason::Year { year: 1 },
        ]);
        assert_eq!(
            all.nl,
            "gevraagd door 23 WPB'ers via opleidingsdidactiek (leerprocessen student); basis; jaar 1"
        );
        assert_eq!(
            all.en,
            "asked for by 23 WPBs via teacher-education pedagogy (student learning); basis; year 1"
        );
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
