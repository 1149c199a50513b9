//! Themes whose evaluation asks for a redesign before they are offered again
//! ("herontwerpen voor herhaling", rule 3 of docs/evaluation-rules.md): the plan keeps
//! them where demand puts them, and says so in their meetings' reasons and in its notes.
//! The team decides what to change.

use serde::{Deserialize, Serialize};

use crate::catalogue::Catalogue;
use crate::plan::RotationPlan;
use crate::text::{in_sentence, Reason, Text};

/// What a theme's evaluation fell short on.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "measure", rename_all = "snake_case")]
pub enum Measure {
    Useful,
    Applicable,
    /// A condition for effective professionalisation, by its statement.
    Condition {
        name: Text,
    },
}

/// One shortfall: the theme's share in the two most positive levels (of `n` who chose
/// a level) against that of the other meetings together.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Shortfall {
    pub measure: Measure,
    pub share: f64,
    pub others: f64,
    pub n: usize,
}

/// A theme the evaluation flags, as the evaluation names it.
#[derive(Debug, Clone, PartialEq)]
pub struct RedesignTheme {
    /// The theme's name in the evaluation (its title in the catalogue, in either language).
    pub theme: String,
    /// The catalogue's id, when the evaluation matched its meetings to a plan.
    pub theme_id: Option<String>,
    pub shortfalls: Vec<Shortfall>,
}

/// "33 %" below 30 people, "86,3 %" from 30 (as the report writes a percentage of n).
fn pct(x: f64, n: usize, english: bool) -> String {
    let s = if n < 30 {
        format!("{:.0}", (x * 100.0).round())
    } else {
        format!("{:.1}", (x * 1000.0).round() / 10.0)
    };
    if english {
        format!("{s} %")
    } else {
        format!("{} %", s.replace('.', ","))
    }
}

impl Shortfall {
    /// "vond 33 % (n = 9) het goed toepasbaar in de eigen praktijk, tegen 86,3 % in de
    /// andere bijeenkomsten".
    pub fn text(&self) -> Text {
        let (own_nl, own_en) = (
            pct(self.share, self.n, false),
            pct(self.share, self.n, true),
        );
        // The others are many: one decimal.
        let (rest_nl, rest_en) = (pct(self.others, 30, false), pct(self.others, 30, true));
        let n = self.n;
        let (nl, en) = match &self.measure {
            Measure::Useful => (
                format!("vond {own_nl} (n = {n}) de bijeenkomst nuttig"),
                format!("{own_en} (n = {n}) found the meeting useful"),
            ),
            Measure::Applicable => (
                format!("vond {own_nl} (n = {n}) het goed toepasbaar in de eigen praktijk"),
                format!("{own_en} (n = {n}) found it applicable in their own practice"),
            ),
            Measure::Condition { name } => (
                format!(
                    "zag {own_nl} (n = {n}) de voorwaarde \u{201c}{}\u{201d} in de bijeenkomst terug",
                    in_sentence(&name.nl)
                ),
                format!(
                    "{own_en} (n = {n}) saw the condition \u{201c}{}\u{201d} in the meeting",
                    in_sentence(&name.en)
                ),
            ),
        };
        Text::new(
            format!("{nl}, tegen {rest_nl} in de andere bijeenkomsten"),
            format!("{en}, against {rest_en} in the other meetings"),
        )
    }
}

/// The reason a flagged theme's meetings get.
pub(crate) fn reason_text(shortfalls: &[Shortfall]) -> Text {
    let texts: Vec<Text> = shortfalls.iter().map(Shortfall::text).collect();
    let join = |english: bool, and: &str| {
        texts
            .iter()
            .map(|t| t.get(english))
            .collect::<Vec<_>>()
            .join(and)
    };
    Text::new(
        format!(
            "herontwerpen voor herhaling: bij de evaluatie {}",
            join(false, " en ")
        ),
        format!(
            "redesign before it is repeated: in the evaluation {}",
            join(true, " and ")
        ),
    )
}

/// Marks the flagged themes in `plan`: a reason on each of their meetings, their ids in
/// `plan.redesign` and one note; a flagged theme the catalogue does not know, or the
/// plan does not hold, is a warning, so nothing the evaluation asked is lost.
pub fn mark_redesign(plan: &mut RotationPlan, catalogue: &Catalogue, flags: &[RedesignTheme]) {
    let mut marked: Vec<Text> = Vec::new();
    for flag in flags {
        let name = flag.theme.trim();
        let theme = catalogue.themes.iter().find(|t| match &flag.theme_id {
            Some(id) => t.id == *id,
            None => {
                t.title.trim().eq_ignore_ascii_case(name)
                    || t.title_en
                        .as_deref()
                        .is_some_and(|en| en.trim().eq_ignore_ascii_case(name))
            }
        });
        let Some(theme) = theme else {
            plan.warnings.push(Text::new(
                format!(
                    "De evaluatie vraagt het thema \u{201c}{name}\u{201d} te herontwerpen, maar de catalogus \u{201c}{}\u{201d} heeft geen thema met die naam; het plan is daar niet op aangepast.",
                    catalogue.title
                ),
                format!(
                    "The evaluation asks to redesign the theme \u{201c}{name}\u{201d}, but the catalogue \u{201c}{}\u{201d} has no theme of that name; the plan does not mark it.",
                    catalogue.title_en.as_deref().unwrap_or(&catalogue.title)
                ),
            ));
            continue;
        };
        let mut found = false;
        for m in plan.meetings.iter_mut().filter(|m| m.theme == theme.id) {
            m.reasons.push(Reason::Redesign {
                shortfalls: flag.shortfalls.clone(),
            });
            m.reason = Reason::join_all(&m.reasons);
            found = true;
        }
        if !plan.redesign.contains(&theme.id) {
            plan.redesign.push(theme.id.clone());
        }
        if found {
            marked.push(theme.title_text());
        } else {
            plan.warnings.push(Text::new(
                format!(
                    "De evaluatie vraagt het thema \u{201c}{}\u{201d} te herontwerpen; het staat niet in dit plan.",
                    theme.title
                ),
                format!(
                    "The evaluation asks to redesign the theme \u{201c}{}\u{201d}; it is not in this plan.",
                    theme.title_text().en
                ),
            ));
        }
    }
    if !marked.is_empty() {
        let list = |english: bool| {
            marked
                .iter()
                .map(|t| format!("\u{201c}{}\u{201d}", t.get(english)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        plan.notes.push(Text::new(
            format!(
                "Uit de evaluatie van de bijeenkomsten: herontwerpen voor herhaling: {}. Het plan houdt {} op de plaats die de vraag geeft; het ontwikkelteam beslist wat er verandert.",
                list(false),
                if marked.len() == 1 { "dit thema" } else { "deze thema's" }
            ),
            format!(
                "From the evaluation of the meetings: redesign before repeating: {}. The plan keeps {} where demand puts {}; the team decides what changes.",
                list(true),
                if marked.len() == 1 { "this theme" } else { "these themes" },
                if marked.len() == 1 { "it" } else { "them" }
            ),
        ));
    }
}

#[cfg(feature = "summary")]
impl From<&peiling_analysis::evaluation::Redesign> for RedesignTheme {
    fn from(r: &peiling_analysis::evaluation::Redesign) -> Self {
        use peiling_analysis::evaluation::Measure as M;
        RedesignTheme {
            theme: r.theme.clone(),
            theme_id: r.theme_id.clone(),
            shortfalls: r
                .shortfalls
                .iter()
                .map(|s| Shortfall {
                    measure: match &s.measure {
                        M::Useful => Measure::Useful,
                        M::Applicable => Measure::Applicable,
                        M::Condition {
                            label, label_en, ..
                        } => {
                            // A grid item's label is "Stem [Statement]": the statement.
                            let nl = label
                                .rsplit_once(" [")
                                .map_or(label.as_str(), |(_, item)| item.trim_end_matches(']'))
                                .to_string();
                            let en = label_en.clone().unwrap_or_else(|| nl.clone());
                            Measure::Condition {
                                name: Text::new(nl, en),
                            }
                        }
                    },
                    share: s.share,
                    others: s.others,
                    n: s.n,
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reason_reads_as_a_sentence_in_both_languages() {
        let t = reason_text(&[
            Shortfall {
                measure: Measure::Applicable,
                share: 3.0 / 9.0,
                others: 139.0 / 161.0,
                n: 9,
            },
            Shortfall {
                measure: Measure::Condition {
                    name: Text::new("Duur: voldoende tijd", "Sustained duration"),
                },
                share: 0.25,
                others: 0.9,
                n: 40,
            },
        ]);
        assert_eq!(
            t.nl,
            "herontwerpen voor herhaling: bij de evaluatie vond 33 % (n = 9) het goed toepasbaar in de eigen praktijk, tegen 86,3 % in de andere bijeenkomsten en zag 25,0 % (n = 40) de voorwaarde \u{201c}duur: voldoende tijd\u{201d} in de bijeenkomst terug, tegen 90,0 % in de andere bijeenkomsten"
        );
        assert_eq!(
            t.en,
            "redesign before it is repeated: in the evaluation 33 % (n = 9) found it applicable in their own practice, against 86.3 % in the other meetings and 25.0 % (n = 40) saw the condition \u{201c}sustained duration\u{201d} in the meeting, against 90.0 % in the other meetings"
        );
    }
}
