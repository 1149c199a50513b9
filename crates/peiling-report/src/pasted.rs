//! The bijlage as Markdown is pasted into a plan on its own, without the charts folder:
//! each chart in it becomes a table of the same figures (the HTML keeps the chart).

use crate::charts::Chart;
use crate::i18n::Lang;
use crate::model::{text, Block, Document, Row, RowKind, Section, Table};

/// `doc` with every chart replaced by its figures as a table (or, for a kind of chart
/// without a table form, its description as a paragraph).
pub fn without_chart_files(doc: &Document, lang: Lang) -> Document {
    let mut out = doc.clone();
    fn walk(s: &mut Section, lang: Lang) {
        for b in &mut s.blocks {
            if let Block::Chart(c) = b {
                *b = match as_table(&c.chart, lang) {
                    Some(t) => Block::Table(t),
                    None => Block::Paragraph(vec![text(c.alt.clone())]),
                };
            }
        }
        for c in &mut s.children {
            walk(c, lang);
        }
    }
    for s in &mut out.sections {
        walk(s, lang);
    }
    out
}

/// The chart's figures as a table: one row per item (scale questions: % per level of
/// those who chose a level, as the chart draws them), one per bar or bin.
fn as_table(chart: &Chart, lang: Lang) -> Option<Table> {
    match chart {
        Chart::Diverging(d) => {
            // Levels that all end in the same word ("Uitermate capabel" … "Helemaal niet
            // capabel") say it once, in the header: "(uitermate … helemaal niet
            // capabel)" (second reading, finding 8).
            let (heads, suffix) = crate::headline::levels::shared_suffix(&d.levels);
            let base = lang.pick("% van wie een niveau koos", "% of those choosing a level");
            let word = suffix.or_else(|| d.level_word.clone());
            let mut header = vec![match (&word, heads.first(), heads.last()) {
                (Some(word), Some(first), Some(last)) => format!(
                    "{base} ({} … {} {word})",
                    crate::i18n::decapitalise(first),
                    crate::i18n::decapitalise(last)
                ),
                _ => base.to_string(),
            }];
            header.extend(heads);
            let rows = d
                .items
                .iter()
                .map(|item| {
                    let mut cells = vec![item.label.clone()];
                    cells.extend(item.levels.iter().map(|p| lang.pct(*p)));
                    Row::new(RowKind::Normal, cells)
                })
                .collect();
            Some(Table {
                header,
                rows,
                numeric_from: 1,
            })
        }
        Chart::Bars(b) => Some(two_columns(
            lang,
            b.bars
                .iter()
                .map(|x| (x.label.clone(), x.value.clone(), x.apart)),
        )),
        Chart::Histogram(h) => Some(two_columns(
            lang,
            h.bins
                .iter()
                .map(|x| (x.label.clone(), x.value.clone(), x.apart)),
        )),
        Chart::Grouped(_) | Chart::Intervals(_) => None,
    }
}

fn two_columns(lang: Lang, rows: impl Iterator<Item = (String, String, bool)>) -> Table {
    Table {
        header: vec![
            lang.pick("Antwoord", "Answer").to_string(),
            lang.pick("Aantal", "Count").to_string(),
        ],
        rows: rows
            .map(|(label, value, apart)| {
                let kind = if apart {
                    RowKind::Apart
                } else {
                    RowKind::Normal
                };
                Row::new(kind, vec![label, value])
            })
            .collect(),
        numeric_from: 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{Diverging, DivergingItem};
    use crate::model::ChartRef;

    fn diverging(levels: &[&str], word: Option<&str>) -> Document {
        let chart = Chart::Diverging(Diverging {
            title: "Hoe bekwaam?".into(),
            levels: levels.iter().map(|l| l.to_string()).collect(),
            level_word: word.map(str::to_string),
            neutral: Some(2),
            apart: vec![],
            apart_title: String::new(),
            items: vec![DivergingItem {
                label: "Scholing geven aan werkplekbegeleiders (10 antwoorden)".into(),
                levels: vec![0.0, 10.0, 40.0, 30.0, 20.0],
                apart: vec![],
            }],
            note: None,
        });
        let mut s = Section::new("so-capabel-kort", "Hoe bekwaam?");
        s.blocks.push(Block::Chart(ChartRef {
            id: "so-capabel".into(),
            alt: String::new(),
            chart,
        }));
        Document {
            title: "T".into(),
            subtitle: vec![],
            sections: vec![s],
        }
    }

    /// Second reading, finding 8: "Uitermate capabel | Zeer capabel | … | Helemaal niet
    /// capabel" as columns: the shared word once, in the header.
    #[test]
    fn levels_sharing_a_word_say_it_once_in_the_header() {
        let doc = diverging(
            &[
                "Uitermate capabel",
                "Zeer capabel",
                "Redelijk capabel",
                "Niet erg capabel",
                "Helemaal niet capabel",
            ],
            None,
        );
        let md = crate::markdown::render(&without_chart_files(&doc, Lang::Nl), Lang::Nl);
        assert!(
            md.contains(
                "| % van wie een niveau koos (uitermate … helemaal niet capabel) | Uitermate | Zeer | Redelijk | Niet erg | Helemaal niet |"
            ),
            "{md}"
        );
        assert!(
            md.contains("| Scholing geven aan werkplekbegeleiders (10 antwoorden) | 0 % | 10 % | 40 % | 30 % | 20 % |"),
            "{md}"
        );
        // Levels without a shared word stay whole.
        let doc = diverging(&["Uitstekend", "Goed", "Redelijk", "Matig", "Slecht"], None);
        let md = crate::markdown::render(&without_chart_files(&doc, Lang::Nl), Lang::Nl);
        assert!(
            md.contains(
                "| % van wie een niveau koos | Uitstekend | Goed | Redelijk | Matig | Slecht |"
            ),
            "{md}"
        );
        // Items whose labels differ in their last word ("Uitermate competent",
        // "Uitermate capabel"): the chart's legend keeps the shared words, the header
        // says the others once.
        let doc = diverging(
            &["Uitermate", "Zeer", "Redelijk", "Niet erg", "Helemaal niet"],
            Some("competent of capabel"),
        );
        let md = crate::markdown::render(&without_chart_files(&doc, Lang::Nl), Lang::Nl);
        assert!(
            md.contains("| % van wie een niveau koos (uitermate … helemaal niet competent of capabel) | Uitermate | Zeer |"),
            "{md}"
        );
        let doc = diverging(&["Uitstekend", "Goed", "Redelijk", "Matig", "Slecht"], None);
        let md = crate::markdown::render(&without_chart_files(&doc, Lang::Nl), Lang::Nl);
        assert!(
            md.contains(
                "| % van wie een niveau koos | Uitstekend | Goed | Redelijk | Matig | Slecht |"
            ),
            "{md}"
        );
    }

    /// Review finding 3: "![…](charts/so-relatie.svg)" in a bijlage.md pasted alone.
    #[test]
    fn a_chart_becomes_a_table_of_its_figures() {
        let chart = Chart::Diverging(Diverging {
            title: "Relatie".into(),
            levels: vec!["Uitstekend".into(), "Goed".into(), "Slecht".into()],
            level_word: None,
            neutral: None,
            apart: vec![],
            apart_title: String::new(),
            items: vec![DivergingItem {
                label: "Relatie met de IO?".into(),
                levels: vec![55.6, 44.4, 0.0],
                apart: vec![],
            }],
            note: None,
        });
        let mut s = Section::new("so-relatie-kort", "Relatie");
        s.blocks.push(Block::Chart(ChartRef {
            id: "so-relatie".into(),
            alt: "Relatie: ...".into(),
            chart,
        }));
        let doc = Document {
            title: "T".into(),
            subtitle: vec![],
            sections: vec![s],
        };
        let out = without_chart_files(&doc, Lang::Nl);
        let md = crate::markdown::render(&out, Lang::Nl);
        assert!(!md.contains("charts/"), "{md}");
        assert!(
            md.contains("| Relatie met de IO? | 56 % | 44 % | 0 % |"),
            "{md}"
        );
        assert!(
            md.contains("| % van wie een niveau koos | Uitstekend | Goed | Slecht |"),
            "{md}"
        );
    }
}
