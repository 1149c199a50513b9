//! The reading guide ("Leeswijzer"): each convention of the tables and charts said once,
//! so no table repeats it in a footnote. The short bijlage gets its own, shorter guide:
//! it has no question with both a table and a chart, and no column "met een niveau".

use super::Composer;
use crate::i18n::Lang;
use crate::model::{text, Block, Section};

/// Anchor of the reading guide, under the summary.
pub const ANCHOR_READING: &str = "leeswijzer";

/// How to read a percentage and a question with several answers: true for both lengths.
fn common(lang: Lang) -> [&'static str; 2] {
    [
        lang.pick(
            "Een percentage is van iedereen aan wie de vraag gesteld is; het kopje van de kolom zegt hoeveel mensen dat zijn (\u{201c}% van 63\u{201d}). Wie geen antwoord gaf, telt mee en staat op een eigen regel, zodat de aantallen optellen tot het totaal.",
            "A percentage is of everyone who was asked the question; the column heading says how many people that is (\u{201c}% of 63\u{201d}). Those who gave no answer are counted and have a row of their own, so the counts add up to the total.",
        ),
        lang.pick(
            "Bij een vraag met meer antwoorden kon iedereen meer dan één keuze maken: de percentages tellen dan niet op tot 100 %.",
            "With a question that allows several answers, people could choose more than one option: the percentages then do not add up to 100 %.",
        ),
    ]
}

/// The bijlage's guide: its scale questions are one chart (HTML) or one table of the same
/// percentages (Markdown), so the guide speaks of percentages, not of either.
pub(crate) fn bijlage_reading(lang: Lang) -> Block {
    let mut items = common(lang).to_vec();
    items.push(lang.pick(
        "Bij een schaalvraag (bijvoorbeeld van \u{201c}uitstekend\u{201d} tot \u{201c}slecht\u{201d}) tellen de percentages alleen wie een niveau koos. \u{201c}N.v.t.\u{201d} en geen antwoord tellen niet mee.",
        "With a scale question (for example from \u{201c}excellent\u{201d} to \u{201c}poor\u{201d}) the percentages count only those who chose a level. \u{201c}Not applicable\u{201d} and no answer are left out.",
    ));
    Block::List(items.into_iter().map(|s| vec![text(s)]).collect())
}

impl Composer<'_> {
    pub(super) fn reading_section(&self) -> Section {
        let mut sec = Section::new(ANCHOR_READING, self.t("Leeswijzer", "How to read"));
        let mut items = common(self.lang).to_vec();
        items.extend([
            self.t(
                "Bij een schaalvraag (bijvoorbeeld van \u{201c}uitstekend\u{201d} tot \u{201c}slecht\u{201d}) tellen de grafiek en de kolom \u{201c}met een niveau\u{201d} alleen wie een niveau koos; \u{201c}n.v.t.\u{201d} en geen antwoord tellen daar niet mee. De grafiek zet negatief links, positief rechts en het middelste niveau rond het midden.",
                "With a scale question (for example from \u{201c}excellent\u{201d} to \u{201c}poor\u{201d}) the chart and the column \u{201c}choosing a level\u{201d} count only those who chose a level; \u{201c}not applicable\u{201d} and no answer are left out there. The chart puts negative on the left, positive on the right, the middle level around the centre.",
            ),
            self.t(
                "Waar een vraag een tabel en een grafiek heeft, tonen ze dezelfde aantallen, van hetzelfde totaal.",
                "Where a question has a table and a chart, they show the same counts, of the same total.",
            ),
        ]);
        sec.blocks
            .push(Block::List(items.iter().map(|s| vec![text(*s)]).collect()));
        sec
    }
}
