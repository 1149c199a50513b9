//! The method notes (verantwoording) at the end of the report.

use super::{Composer, ANCHOR_METHOD};
use crate::i18n::Lang;
use crate::model::{text, Block, Section};

impl Composer<'_> {
    // ---------------------------------------------------------------- method

    pub(super) fn method_section(&self) -> Section {
        let lang = self.lang;
        let mut sec = Section::new(ANCHOR_METHOD, self.t("Verantwoording", "Method"));
        sec.page_break = true;
        let items: Vec<String> = vec![
            self.t(
                "Percentages zijn van iedereen aan wie een vraag gesteld is (de basis, n), \u{201c}geen antwoord\u{201d} meegeteld, zodat elke tabel optelt tot haar n. Bij schaalvragen staat daarnaast het percentage van wie een niveau koos; \u{201c}n.v.t.\u{201d} en geen antwoord tellen daar niet mee. Bij vragen met meer antwoorden tellen de percentages niet op tot 100 %.",
                "Percentages are of everyone a question was put to (the base, n), \u{201c}no answer\u{201d} included, so every table adds up to its n. Scale questions also show the percentage of those who chose a level; \u{201c}not applicable\u{201d} and no answer are left out there. With several answers allowed, percentages do not add up to 100 %.",
            ).to_string(),
            self.t(
                "Elke rij van de export is geteld: rijen gelezen = respondenten + afgewezen (zie Respons per doelgroep).",
                "Every row of the export is counted: rows read = respondents + rejected (see Response per audience).",
            ).to_string(),
            self.privacy_note(),
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

    /// The privacy promise (docs/report-rules.md, "Kleine groepen") and what keeping it
    /// held back in this report, counted.
    fn privacy_note(&self) -> String {
        let min = self.min_group;
        let mut s = self.t(
            "Privacy: namen, e-mailadressen en telefoonnummers staan niet in dit rapport, alleen hoeveel mensen ze gaven; e-mailadressen en telefoonnummers zijn uit alle teksten weggelaten (ook uit antwoordopties), en de eigen naam van een respondent uit zijn open antwoorden.",
            "Privacy: names, e-mail addresses and phone numbers are not in this report, only how many people gave them; e-mail addresses and phone numbers are removed from every text (answer options too), and a respondent's own name from their open answers.",
        ).to_string();
        if min == 0 {
            s.push_str(self.t(
                " Kleine groepen zijn voor dit rapport niet afgeschermd.",
                " Small groups are not shielded in this report.",
            ));
            return s;
        }
        s.push_str(&match self.lang {
            Lang::Nl => format!(
                " Wat over minder dan {min} mensen gaat, staat er niet in: een vraag die aan minder dan {min} mensen is gesteld, wordt niet getoond; een ingevuld getal staat alleen in zijn klasse (“20-24”), nooit los, ook niet als laagste, middelste of hoogste waarde; in uitsplitsingen zijn groepen en cellen kleiner dan {min} weggelaten (“< {min}”), en ook een cel die anders uit de totalen terug te rekenen is."
            ),
            Lang::En => format!(
                " What concerns fewer than {min} people is left out: a question put to fewer than {min} people is not shown; a typed number appears only in its band (“20-24”), never on its own, not even as the lowest, middle or highest value; in breakdowns, groups and cells smaller than {min} are left out (“< {min}”), and so is a cell that could otherwise be worked out from the totals."
            ),
        });
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
            t.values,
            "ingevuld getal alleen in zijn klasse",
            "ingevulde getallen alleen in hun klasse",
            "typed number only in its band",
            "typed numbers only in their bands",
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
            "cel van een uitsplitsing weggelaten",
            "cellen van uitsplitsingen weggelaten",
            "cell of a breakdown left out",
            "cells of breakdowns left out",
        );
        s.push_str(&if parts.is_empty() {
            self.t(
                " Daardoor is in dit rapport niets weggelaten.",
                " In this report, that left nothing out.",
            )
            .to_string()
        } else {
            match self.lang {
                Lang::Nl => format!(" Daardoor in dit rapport: {}.", self.lang.join_and(&parts)),
                Lang::En => format!(
                    " In this report, that meant: {}.",
                    self.lang.join_and(&parts)
                ),
            }
        });
        s
    }
}
