//! The Verantwoording en beperkingen at the end of the report: the data's origin,
//! response, what was not asked, corrections, privacy and how figures are made.

use peiling_analysis::{About, Detail, Origin, QuestionSummary};

use super::{Composer, ANCHOR_METHOD};
use crate::i18n::{audience_plural, capitalise, Lang};
use crate::model::{text, Block, Section};

impl Composer<'_> {
    // ---------------------------------------------------------------- method

    /// Verantwoording en beperkingen: where the data come from, the response per
    /// audience, what was not asked, the corrections applied, what privacy held back,
    /// and how the figures are made. Plain words: no ids, flags or file names.
    pub(super) fn method_section(&self) -> Section {
        let lang = self.lang;
        let mut sec = Section::new(
            ANCHOR_METHOD,
            self.t("Verantwoording en beperkingen", "Method and limitations"),
        );
        sec.page_break = true;
        let about = &self.summary.survey.about;
        let sub = |key: &str, nl: &str, en: &str, items: Vec<String>| {
            let mut s = Section::new(format!("{ANCHOR_METHOD}-{key}"), self.t(nl, en));
            s.blocks.push(Block::List(
                items.into_iter().map(|i| vec![text(i)]).collect(),
            ));
            s
        };
        sec.children.push(sub(
            "herkomst",
            "Herkomst van de gegevens",
            "Where the data come from",
            vec![origin_line(about, self.lang)],
        ));
        sec.children.push(sub(
            "respons",
            "Respons per doelgroep",
            "Response per audience",
            self.response_lines(),
        ));
        let mut not_asked: Vec<String> = about
            .not_asked
            .iter()
            .map(|s| s.text(self.en()).to_string())
            .collect();
        for part in &self.summary.parts {
            for id in &part.missing_questions {
                let label = self
                    .unscreened
                    .parts
                    .iter()
                    .find(|p| p.questionnaire == part.questionnaire)
                    .and_then(|p| p.question(id))
                    .map_or(id.as_str(), |q| q.label(self.en()));
                let who = audience_plural(lang, &part.audience);
                not_asked.push(match lang {
                    Lang::Nl => format!("De vraag \u{201e}{label}\u{201d} ontbrak in de ingevulde lijsten van de {who}: iedereen telt daar als geen antwoord."),
                    Lang::En => format!("The question \u{201c}{label}\u{201d} was missing from the {who}' completed forms: everyone counts as no answer there."),
                });
            }
        }
        if not_asked.is_empty() {
            not_asked.push(
                self.t(
                    "Niet vastgelegd: de enquête zegt niet wie of wat zij niet heeft gevraagd.",
                    "Not declared: the survey does not say whom or what it did not ask.",
                )
                .to_string(),
            );
        }
        sec.children.push(sub(
            "niet-gevraagd",
            "Wat niet is gevraagd",
            "What was not asked",
            not_asked,
        ));
        let mut corrections: Vec<String> = about
            .corrections
            .iter()
            .map(|s| s.text(self.en()).to_string())
            .collect();
        if corrections.is_empty() {
            corrections.push(
                self.t(
                    "Er zijn geen correcties op de gegevens vastgelegd: de cijfers zijn de antwoorden zoals ze zijn gegeven.",
                    "No corrections to the data are declared: the figures are the answers as given.",
                )
                .to_string(),
            );
        }
        sec.children.push(sub(
            "correcties",
            "Correcties op de gegevens",
            "Corrections to the data",
            corrections,
        ));
        sec.children.push(sub(
            "privacy",
            "Privacy en kleine groepen",
            "Privacy and small groups",
            self.privacy_lines(),
        ));
        sec.children.push(sub(
            "berekening",
            "Hoe de cijfers zijn gemaakt",
            "How the figures are made",
            vec![
                self.t(
                    "Percentages zijn hele getallen, van iedereen aan wie een vraag gesteld is, \u{201c}geen antwoord\u{201d} meegeteld, zodat de aantallen in elke tabel optellen tot het totaal. Bij schaalvragen staat daarnaast het percentage van wie een niveau koos; \u{201c}n.v.t.\u{201d} en geen antwoord tellen daar niet mee. Bij vragen met meer antwoorden tellen de percentages niet op tot 100 %.",
                    "Percentages are whole numbers, of everyone a question was put to, \u{201c}no answer\u{201d} included, so the counts in every table add up to the total. Scale questions also show the percentage of those who chose a level; \u{201c}not applicable\u{201d} and no answer are left out there. With several answers allowed, percentages do not add up to 100 %.",
                ).to_string(),
                self.t(
                    "De kernzinnen volgen vaste regels uit de cijfers, zodat elk jaar hetzelfde gemeten wordt.",
                    "The headline sentences follow fixed rules from the figures, so every year is measured the same way.",
                ).to_string(),
                self.t(
                    "Grafieken: staven in het kleurenblind-veilige palet van Okabe & Ito; schaalvragen als divergerende staven (Heiberger & Robbins) in ColorBrewer RdBu, het neutrale niveau rond nul, labels onder 5 % weggelaten.",
                    "Charts: bars in Okabe & Ito's colour-blind-safe palette; scale questions as diverging bars (Heiberger & Robbins) in ColorBrewer RdBu, the neutral level centred on zero, labels under 5 % left off.",
                ).to_string(),
            ],
        ));
        let made = Block::Paragraph(vec![text(match lang {
            Lang::Nl => format!("Gemaakt met peiling {}.", env!("CARGO_PKG_VERSION")),
            Lang::En => format!("Made with peiling {}.", env!("CARGO_PKG_VERSION")),
        })]);
        if let Some(last) = sec.children.last_mut() {
            last.blocks.push(made);
        }
        sec
    }

    /// Whether the answers are people's own (collected, or nothing declared): only then
    /// does the report promise a separate list of who may be approached.
    pub(super) fn answers_are_people(&self) -> bool {
        matches!(
            self.summary.survey.about.origin,
            None | Some(Origin::Collected)
        )
    }

    /// Per audience: invited, taken part, rows set aside.
    fn response_lines(&self) -> Vec<String> {
        let lang = self.lang;
        let mut out = Vec::new();
        for p in &self.summary.parts {
            let who = capitalise(&audience_plural(lang, &p.audience));
            let n = p.respondents;
            let mut line = match (p.population, lang) {
                (Some(pop), Lang::Nl) if pop > 0 => format!(
                    "{who}: {n} van de {pop} die de enquête kregen, deden mee ({}).",
                    lang.pct(n as f64 * 100.0 / pop as f64)
                ),
                (Some(pop), Lang::En) if pop > 0 => format!(
                    "{who}: {n} of the {pop} who received the survey took part ({}).",
                    lang.pct(n as f64 * 100.0 / pop as f64)
                ),
                (_, Lang::Nl) => {
                    format!("{who}: {n} deden mee; hoeveel er de enquête kregen, is niet bekend.")
                }
                (_, Lang::En) => {
                    format!("{who}: {n} took part; how many received the survey is not known.")
                }
            };
            // Finding 11: no "rij" or "export", only what a teacher counts: forms.
            line.push(' ');
            line.push_str(&used_forms(lang, p.rows_read, p.rows_rejected));
            out.push(line);
        }
        out
    }

    /// The privacy promise (docs/report-rules.md, "Kleine groepen") and what keeping it
    /// held back in this report, counted.
    fn privacy_lines(&self) -> Vec<String> {
        let min = self.min_group;
        let mut out = vec![self.t(
            "Namen, e-mailadressen en telefoonnummers staan niet in dit rapport, ook niet in antwoorden of open teksten; alleen hoeveel mensen ze gaven.",
            "Names, e-mail addresses and phone numbers are not in this report, not in answers or open texts either; only how many people gave them.",
        ).to_string()];
        if min == 0 {
            out.push(
                self.t(
                    "Kleine groepen zijn voor dit rapport niet afgeschermd: ook losse getallen en cellen van één persoon staan erin.",
                    "Small groups are not shielded in this report: single numbers and cells of one person are in it.",
                )
                .to_string(),
            );
            return out;
        }
        out.push(self.small_groups_line());
        if let Some(line) = self.held_back_line() {
            out.push(line);
        }
        out
    }

    /// The small-cell rule in three short sentences, each said only when it applies to
    /// this survey: questions put to too few, typed numbers in bands (with a band of
    /// this report as the example), a mean over at least the minimum; breakdowns only
    /// when the report has them.
    fn small_groups_line(&self) -> String {
        let min = self.min_group;
        let lang = self.lang;
        let mut out = vec![match lang {
            Lang::Nl => format!("Vragen die minder dan {min} mensen kregen, staan er niet in."),
            Lang::En => format!("Questions put to fewer than {min} people are not in it."),
        }];
        // Questions where people typed a number, and as the example the first band of
        // them that is a range of numbers ("5-9", with the unit: "5-9 jaar").
        let typed: Vec<&QuestionSummary> = self
            .summary
            .parts
            .iter()
            .flat_map(|p| &p.questions)
            .filter(|q| matches!(&q.detail, Detail::Number { values, .. } if *values > 0))
            .collect();
        let example = typed.iter().find_map(|q| match &q.detail {
            Detail::Number {
                histogram,
                unit,
                unit_en,
                ..
            } => {
                let band = histogram
                    .iter()
                    .map(|r| r.label(self.en()))
                    .zip(histogram.iter().map(|r| r.count))
                    .find(|(l, n)| *n > 0 && l.starts_with(|c: char| c.is_ascii_digit()))?
                    .0;
                let unit = match (lang, unit_en) {
                    (Lang::En, Some(en)) => Some(en),
                    _ => unit.as_ref(),
                };
                Some(match unit {
                    Some(u) if !band.chars().any(char::is_alphabetic) => format!("{band} {u}"),
                    _ => band.to_string(),
                })
            }
            _ => None,
        });
        if !typed.is_empty() {
            let such = example
                .map(|band| match lang {
                    Lang::Nl => format!(", zoals \u{201c}{band}\u{201d}"),
                    Lang::En => format!(", such as \u{201c}{band}\u{201d}"),
                })
                .unwrap_or_default();
            out.push(match lang {
                Lang::Nl => {
                    format!("Getallen die iemand zelf invulde, staan alleen in groepen{such}.")
                }
                Lang::En => {
                    format!("Numbers people typed in themselves appear only in groups{such}.")
                }
            });
            out.push(match lang {
                Lang::Nl => format!(
                    "Een gemiddelde staat er alleen als minstens {min} mensen een getal gaven."
                ),
                Lang::En => {
                    format!("A mean is given only when at least {min} people gave a number.")
                }
            });
        }
        if self.summary.parts.iter().any(|p| !p.crosstabs.is_empty()) {
            out.push(match lang {
                Lang::Nl => format!(
                    "In uitsplitsingen staat een groep kleiner dan {min} als \u{201c}< {min}\u{201d}."
                ),
                Lang::En => format!(
                    "In breakdowns, a group smaller than {min} shows as \u{201c}< {min}\u{201d}."
                ),
            });
        }
        out.join(" ")
    }

    /// How much the small-cell rule held back in this report, counted (never which);
    /// nothing when it held nothing back. Typed numbers are not counted: every one is
    /// shown in its band, as the rule above says.
    fn held_back_line(&self) -> Option<String> {
        let t = self.tally.get();
        let mut parts = Vec::new();
        let mut count = |n: usize, nl1: &str, nl: &str, en1: &str, en: &str| {
            if n > 0 {
                let word = match (self.lang, n) {
                    (Lang::Nl, 1) => nl1,
                    (Lang::Nl, _) => nl,
                    (Lang::En, 1) => en1,
                    (Lang::En, _) => en,
                };
                parts.push(format!("{n} {word}"));
            }
        };
        count(
            t.questions,
            "vraag niet getoond",
            "vragen niet getoond",
            "question not shown",
            "questions not shown",
        );
        count(
            t.texts,
            "open antwoord niet geciteerd",
            "open antwoorden niet geciteerd",
            "open answer not quoted",
            "open answers not quoted",
        );
        count(
            t.cells,
            "cel weggelaten",
            "cellen weggelaten",
            "cell left out",
            "cells left out",
        );
        if parts.is_empty() {
            return None;
        }
        Some(match self.lang {
            Lang::Nl => format!("Zo zijn in dit rapport {}.", self.lang.join_and(&parts)),
            Lang::En => format!(
                "In this report, that meant: {}.",
                self.lang.join_and(&parts)
            ),
        })
    }
}

/// "Alle 10 ingevulde lijsten zijn gebruikt." / "... waarvan 2 niet (onleesbaar of
/// dubbel)": every completed form accounted for, in a teacher's words.
fn used_forms(lang: Lang, read: usize, rejected: usize) -> String {
    match (lang, rejected) {
        (Lang::Nl, 0) => format!("Alle {read} ingevulde lijsten zijn gebruikt."),
        (Lang::En, 0) => format!("All {read} completed forms were used."),
        (Lang::Nl, 1) => format!(
            "Van de {read} ingevulde lijsten is er 1 niet gebruikt, omdat hij onleesbaar of dubbel was."
        ),
        (Lang::En, 1) => {
            format!("Of the {read} completed forms, 1 was not used: unreadable or a duplicate.")
        }
        (Lang::Nl, r) => format!(
            "Van de {read} ingevulde lijsten zijn er {r} niet gebruikt, omdat ze onleesbaar of dubbel waren."
        ),
        (Lang::En, r) => {
            format!("Of the {read} completed forms, {r} were not used: unreadable or duplicates.")
        }
    }
}

/// What kind of data `origin` names: "Nagebouwde gegevens".
pub(crate) fn origin_kind(origin: Option<Origin>, lang: Lang) -> &'static str {
    match origin {
        Some(Origin::Reconstructed) => lang.pick("Nagebouwde gegevens", "Reconstructed data"),
        Some(Origin::Synthetic) => lang.pick(
            "Kunstmatige (synthetische) gegevens",
            "Made-up (synthetic) data",
        ),
        Some(Origin::Collected) => lang.pick("Verzamelde gegevens", "Collected data"),
        None => lang.pick("Niet vastgelegd", "Not declared"),
    }
}

/// Where the answers come from, as the survey (or the questionnaire read on its own)
/// declares it: "Nagebouwde gegevens: ...".
pub(crate) fn origin_line(about: &About, lang: Lang) -> String {
    let kind = origin_kind(about.origin, lang);
    if let Some(note) = &about.origin_note {
        return format!("{kind}: {}", note.text(lang.is_en()));
    }
    let plain = match about.origin {
        Some(Origin::Reconstructed) => lang.pick(
            "de antwoorden per persoon zijn nagebouwd uit gepubliceerde totalen.",
            "the answers per person were rebuilt from published totals.",
        ),
        Some(Origin::Synthetic) => lang.pick(
            "voorbeeldantwoorden, gemaakt om te laten zien hoe een rapport eruitziet.",
            "example answers, made to show what a report looks like.",
        ),
        Some(Origin::Collected) => lang.pick(
            "de antwoorden zoals de enquête ze heeft verzameld.",
            "the answers as the survey collected them.",
        ),
        None => lang.pick(
            "de enquête zegt niet of de antwoorden verzameld, nagebouwd of kunstmatig zijn; dit rapport gaat uit van de antwoorden zoals ze zijn ingevuld.",
            "the survey does not say whether the answers were collected, reconstructed or made up; this report takes the answers as they were given.",
        ),
    };
    format!("{kind}: {plain}")
}
