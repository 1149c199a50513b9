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
            let mut header = vec![lang
                .pick("% van wie een niveau koos", "% of those choosing a level")
                .to_string()];
            header.extend(d.levels.iter().cloned());
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

    /// Review finding 3: "![…](charts/so-relatie.svg)" in a bijlage.md pasted alone.
    #[test]
    fn a_chart_becomes_a_table_of_its_figures() {
        let chart = Chart::Diverging(Diverging {
            title: "Relatie".into(),
            levels: vec!["Uitstekend".into(), "Goed".into(), "Slecht".into()],
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
