//! The reading guide ("Leeswijzer"): each convention of the tables and charts said once,
//! so no table repeats it in a footnote.

use super::Composer;
use crate::model::{text, Block, Section};

/// Anchor of the reading guide, under the summary.
pub const ANCHOR_READING: &str = "leeswijzer";

impl Composer<'_> {
    pub(super) fn reading_section(&self) -> Section {
        let mut sec = Section::new(ANCHOR_READING, self.t("Leeswijzer", "How to read"));
        let items = [
            self.t(
                "Een percentage is van iedereen aan wie de vraag gesteld is; het kopje van de kolom zegt hoeveel mensen dat zijn (\u{201c}% van 63\u{201d}). Wie geen antwoord gaf, telt mee en staat op een eigen regel, zodat de aantallen optellen tot het totaal.",
                "A percentage is of everyone who was asked the question; the column heading says how many people that is (\u{201c}% of 63\u{201d}). Those who gave no answer are counted and have a row of their own, so the counts add up to the total.",
            ),
            self.t(
                "Bij een vraag met meer antwoorden kon iedereen meer dan één keuze maken: de percentages tellen dan niet op tot 100 %.",
                "With a question that allows several answers, people could choose more than one option: the percentages then do not add up to 100 %.",
            ),
            self.t(
                "Bij een schaalvraag (bijvoorbeeld van \u{201c}uitstekend\u{201d} tot \u{201c}slecht\u{201d}) tellen de grafiek en de kolom \u{201c}met een niveau\u{201d} alleen wie een niveau koos; \u{201c}n.v.t.\u{201d} en geen antwoord tellen daar niet mee. De grafiek zet negatief links, positief rechts en het middelste niveau rond het midden.",
                "With a scale question (for example from \u{201c}excellent\u{201d} to \u{201c}poor\u{201d}) the chart and the column \u{201c}choosing a level\u{201d} count only those who chose a level; \u{201c}not applicable\u{201d} and no answer are left out there. The chart puts negative on the left, positive on the right, the middle level around the centre.",
            ),
            self.t(
                "Waar een vraag een tabel en een grafiek heeft, tonen ze dezelfde aantallen, van hetzelfde totaal.",
                "Where a question has a table and a chart, they show the same counts, of the same total.",
            ),
        ];
        sec.blocks
            .push(Block::List(items.iter().map(|s| vec![text(*s)]).collect()));
        sec
    }
}
