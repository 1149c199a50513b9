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
        let min = self.min_group;
        let items: Vec<String> = vec![
            self.t(
                "Percentages zijn van iedereen aan wie een vraag gesteld is (de basis, n), \u{201c}geen antwoord\u{201d} meegeteld, zodat de aantallen in elke tabel optellen tot het totaal. Bij schaalvragen staat daarnaast het percentage van wie een niveau koos; \u{201c}n.v.t.\u{201d} en geen antwoord tellen daar niet mee. Bij vragen met meer antwoorden tellen de percentages niet op tot 100 %.",
                "Percentages are of everyone a question was put to (the base, n), \u{201c}no answer\u{201d} included, so the counts in every table add up to the total. Scale questions also show the percentage of those who chose a level; \u{201c}not applicable\u{201d} and no answer are left out there. With several answers allowed, percentages do not add up to 100 %.",
            ).to_string(),
            self.t(
                "Elke rij van de export is geteld: rijen gelezen = respondenten + afgewezen (zie Respons per doelgroep).",
                "Every row of the export is counted: rows read = respondents + rejected (see Response per audience).",
            ).to_string(),
            match lang {
                Lang::Nl => format!(
                    "Privacy: namen, e-mailadressen en telefoonnummers staan niet in dit rapport, alleen hoeveel mensen ze gaven; e-mailadressen en telefoonnummers zijn uit alle teksten weggelaten (ook uit antwoordopties), en de eigen naam van een respondent uit zijn open antwoorden. In uitsplitsingen zijn groepen en cellen kleiner dan {min} weggelaten (\u{201c}< {min}\u{201d}), en ook een cel die anders uit het totaal terug te rekenen is. Open antwoorden van groepen kleiner dan {min} worden niet getoond."
                ),
                Lang::En => format!(
                    "Privacy: names, e-mail addresses and phone numbers are not in this report, only how many people gave them; e-mail addresses and phone numbers are removed from every text (answer options too), and a respondent's own name from their open answers. In breakdowns, groups and cells smaller than {min} are left out (\u{201c}< {min}\u{201d}), and so is a cell that could otherwise be worked out from the total. Open answers of groups smaller than {min} are not shown."
                ),
            },
            self.t(
                "De kernzinnen volgen vaste regels uit de cijfers, zodat elk jaar hetzelfde gemeten wordt.",
                "The headline sentences follow fixed rules from the figures, so every year is measured the same way.",
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
}
