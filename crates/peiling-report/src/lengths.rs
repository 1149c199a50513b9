//! The report's two lengths, made from one composed document: the short bijlage
//! (summary, conclusions, per audience one compact table or chart per question group,
//! and the Verantwoording) and the full report (the short part, then the rotation plan
//! and the per-question appendix, with a table of contents that prints).

use std::collections::BTreeSet;

use crate::compose::{
    bijlage_reading, ANCHOR_METHOD, ANCHOR_OFFER, ANCHOR_PLAN, ANCHOR_READING, ANCHOR_SUMMARY,
};
use crate::i18n::Lang;
use crate::model::{Block, Document, Inline, Section};
use crate::reflection::ANCHOR_REFLECTION;

/// The title of the conclusions section, when the document has one (or its anchor
/// starts with "conclusie").
const CONCLUSIONS: [&str; 2] = [
    "Conclusies en aanbevelingen",
    "Conclusions and recommendations",
];

/// Suffix of the anchors of the compact sections (the detailed ones keep theirs).
const SHORT: &str = "-kort";

/// Top-level sections of a composed document, by what they are.
struct Parts<'d> {
    summary: Option<&'d Section>,
    conclusions: Option<&'d Section>,
    plan: Option<&'d Section>,
    /// The partnership's yearly reflection: in the full report only.
    reflection: Option<&'d Section>,
    method: Option<&'d Section>,
    /// The survey parts and whatever else (a comparison), in order.
    detail: Vec<&'d Section>,
}

fn parts(doc: &Document) -> Parts<'_> {
    let mut p = Parts {
        summary: None,
        conclusions: None,
        plan: None,
        reflection: None,
        method: None,
        detail: Vec::new(),
    };
    for s in &doc.sections {
        match s.anchor.as_str() {
            ANCHOR_SUMMARY => p.summary = Some(s),
            ANCHOR_PLAN => p.plan = Some(s),
            ANCHOR_REFLECTION => p.reflection = Some(s),
            ANCHOR_METHOD => p.method = Some(s),
            _ if CONCLUSIONS.contains(&s.title.as_str()) || s.anchor.starts_with("conclusie") => {
                p.conclusions = Some(s)
            }
            _ => p.detail.push(s),
        }
    }
    p
}

/// Whether a top-level section is a survey part (it has the response subsection).
fn is_part(s: &Section) -> bool {
    s.children.iter().any(|c| c.anchor.ends_with("-respons"))
}

/// The short bijlage: summary, conclusions, the overview per audience, Verantwoording.
/// Links to what it leaves out become plain text (or point at the overview).
pub fn bijlage(doc: &Document, lang: Lang) -> Document {
    let p = parts(doc);
    let mut sections: Vec<Section> = Vec::new();
    // The summary's charts are the overview's too: in the short one they show once.
    sections.extend(p.summary.map(without_charts).map(|mut s| {
        short_guide(&mut s, lang);
        s
    }));
    sections.extend(p.conclusions.cloned());
    // The bijlage is pasted into a plan without the rotation plan: no pointer to it, and
    // the sentences that name its meetings (with their dates) keep them as plain text.
    for s in &mut sections {
        without_plan(s);
    }
    // The short one runs on from chapter to chapter: no half-empty pages.
    for s in p.detail.iter().filter(|s| is_part(s)) {
        let mut o = overview(s);
        o.page_break = false;
        sections.push(o);
    }
    sections.extend(p.method.cloned().map(|mut m| {
        m.page_break = false;
        // How the figures are made is for the full report.
        m.children.retain(|c| !c.anchor.ends_with("-berekening"));
        m
    }));
    let mut out = Document {
        title: doc.title.clone(),
        subtitle: doc.subtitle.clone(),
        sections,
    };
    relink(&mut out, lang);
    out
}

/// The full report: the short part, then the plan and the per-question appendix
/// (every part in detail, a comparison), the Verantwoording last.
pub fn full(doc: &Document, lang: Lang) -> Document {
    let p = parts(doc);
    let mut sections: Vec<Section> = Vec::new();
    sections.extend(p.summary.cloned());
    sections.extend(p.conclusions.cloned());
    sections.extend(p.detail.iter().filter(|s| is_part(s)).map(|s| overview(s)));
    // Beside the need figures of the audiences.
    sections.extend(p.reflection.cloned());
    sections.extend(p.plan.cloned());
    for s in &p.detail {
        let mut s = (*s).clone();
        if is_part(&s) {
            s.title = match lang {
                Lang::Nl => format!("Per vraag: {}", s.title),
                Lang::En => format!("Per question: {}", s.title),
            };
        }
        sections.push(s);
    }
    sections.extend(p.method.cloned());
    let mut out = Document {
        title: doc.title.clone(),
        subtitle: doc.subtitle.clone(),
        sections,
    };
    relink(&mut out, lang);
    out
}

/// A section with its charts (and theirs) left out.
fn without_charts(s: &Section) -> Section {
    let mut s = s.clone();
    fn strip(s: &mut Section) {
        s.blocks.retain(|b| !matches!(b, Block::Chart(_)));
        s.children.iter_mut().for_each(strip);
    }
    strip(&mut s);
    s
}

/// The summary's reading guide, the bijlage's own: it speaks of no chart or column the
/// bijlage does not have.
fn short_guide(s: &mut Section, lang: Lang) {
    for c in &mut s.children {
        if c.anchor == ANCHOR_READING {
            c.blocks = vec![bijlage_reading(lang)];
        }
        short_guide(c, lang);
    }
}

/// Without the rotation plan: the offer's pointer to it ("zie Rotatieplan") goes, and
/// every other link to it becomes plain text (those sentences name the dates).
fn without_plan(s: &mut Section) {
    let to_plan = |i: &Inline| matches!(i, Inline::Link { anchor, .. } if anchor == ANCHOR_PLAN);
    let offer = s.anchor == ANCHOR_OFFER;
    for b in &mut s.blocks {
        match b {
            Block::List(items) if offer => items.retain(|item| !item.iter().any(to_plan)),
            _ => {}
        }
        let lines: Vec<&mut Vec<Inline>> = match b {
            Block::Paragraph(items) => vec![items],
            Block::List(list) => list.iter_mut().collect(),
            _ => Vec::new(),
        };
        for line in lines {
            for i in line.iter_mut() {
                if to_plan(i) {
                    if let Inline::Link { text, .. } = i {
                        *i = Inline::Text(std::mem::take(text));
                    }
                }
            }
        }
    }
    s.children.iter_mut().for_each(without_plan);
}

/// A survey part in short: its response headline, and per question group its
/// headline with one compact table or chart.
fn overview(part: &Section) -> Section {
    let mut sec = Section::new(format!("{}{SHORT}", part.anchor), part.title.clone());
    sec.page_break = true;
    sec.blocks = part
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Paragraph(_)))
        .cloned()
        .collect();
    for group in part
        .children
        .iter()
        .filter(|g| !g.anchor.ends_with("-respons"))
    {
        let mut g = Section::new(format!("{}{SHORT}", group.anchor), group.title.clone());
        g.headline = group
            .headline
            .clone()
            .or_else(|| group.children.iter().find_map(|c| c.headline.clone()));
        if let Some(b) = compact(group) {
            g.blocks.push(b);
        }
        sec.children.push(g);
    }
    sec
}

/// The one compact block of a question group: the group's own chart (scale items
/// side by side), else the table of its first question.
fn compact(group: &Section) -> Option<Block> {
    if let Some(chart) = group.blocks.iter().find(|b| matches!(b, Block::Chart(_))) {
        return Some(chart.clone());
    }
    group.children.iter().find_map(|q| {
        q.blocks.iter().find_map(|b| match b {
            // Whole: every table adds up to its n, "geen antwoord" included.
            Block::Table(t) => Some(Block::Table(t.clone())),
            _ => None,
        })
    })
}

/// Every link to an anchor the document does not have points at the compact section
/// of it (or of the group it is in) when there is one, else becomes plain text that
/// says where it is ("Rotatieplan (in het volledige rapport)").
fn relink(doc: &mut Document, lang: Lang) {
    fn anchors(s: &Section, out: &mut BTreeSet<String>) {
        out.insert(s.anchor.clone());
        for c in &s.children {
            anchors(c, out);
        }
    }
    fn fix(items: &mut [Inline], have: &BTreeSet<String>, lang: Lang) {
        for k in 0..items.len() {
            // "(rotatieplan)" becomes "(rotatieplan, in het volledige rapport)".
            let in_parens =
                k > 0 && matches!(&items[k - 1], Inline::Text(t) if t.trim_end().ends_with('('));
            let Inline::Link { text, anchor } = &mut items[k] else {
                continue;
            };
            if have.contains(anchor.as_str()) {
                continue;
            }
            // A question's table ("wpb-thema-thema") is in its group's compact
            // section ("wpb-thema-kort") in the short one.
            let mut base = anchor.as_str();
            let found = loop {
                let short = format!("{base}{SHORT}");
                if have.contains(&short) {
                    break Some(short);
                }
                match base.rfind('-') {
                    Some(k) => base = &base[..k],
                    None => break None,
                }
            };
            match found {
                Some(short) => *anchor = short,
                None => {
                    let elsewhere = lang.pick("in het volledige rapport", "in the full report");
                    let text = std::mem::take(text);
                    items[k] = Inline::Text(if in_parens {
                        format!("{text}, {elsewhere}")
                    } else {
                        format!("{text} ({elsewhere})")
                    });
                }
            }
        }
    }
    fn walk(s: &mut Section, have: &BTreeSet<String>, lang: Lang) {
        for b in &mut s.blocks {
            match b {
                Block::Paragraph(items) => fix(items, have, lang),
                Block::List(list) => list.iter_mut().for_each(|items| fix(items, have, lang)),
                _ => {}
            }
        }
        for c in &mut s.children {
            walk(c, have, lang);
        }
    }
    let mut have = BTreeSet::new();
    for s in &doc.sections {
        anchors(s, &mut have);
    }
    for s in &mut doc.sections {
        walk(s, &have, lang);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{text, Row, RowKind, Table};

    fn table(rows: &[(&str, &str, RowKind)]) -> Block {
        Block::Table(Table {
            header: vec!["Antwoord".into(), "n".into()],
            rows: rows
                .iter()
                .map(|(l, n, k)| Row::new(*k, vec![l.to_string(), n.to_string()]))
                .collect(),
            numeric_from: 1,
        })
    }

    /// Summary (linking to the part and the plan), conclusions, plan, one part with a
    /// group of two questions, the Verantwoording.
    fn doc() -> Document {
        let mut summary = Section::new(ANCHOR_SUMMARY, "Samenvatting");
        summary.blocks.push(Block::Paragraph(vec![
            Inline::Link {
                text: "SO".into(),
                anchor: "so".into(),
            },
            Inline::Link {
                text: "Rotatieplan".into(),
                anchor: ANCHOR_PLAN.into(),
            },
            Inline::Link {
                text: "tabel".into(),
                anchor: "so-rol-b".into(),
            },
        ]));
        let conclusions = Section::new("conclusies", "Conclusies en aanbevelingen");
        let plan = Section::new(ANCHOR_PLAN, "Rotatieplan");
        let mut part = Section::new("so", "Schoolopleiders (SO)");
        part.children.push(Section::new("so-respons", "Respons"));
        let mut group = Section::new("so-rol", "Rol");
        group.headline = Some("Merendeel zegt nee".into());
        for id in ["so-rol-a", "so-rol-b"] {
            let mut q = Section::new(id, id);
            q.blocks.push(table(&[
                ("Ja", "4", RowKind::Normal),
                ("geen antwoord", "0", RowKind::Apart),
                ("ongeldig", "1", RowKind::Apart),
                ("Totaal", "5", RowKind::Total),
            ]));
            q.blocks.push(Block::Paragraph(vec![text("detail")]));
            group.children.push(q);
        }
        part.children.push(group);
        let method = Section::new(ANCHOR_METHOD, "Verantwoording");
        Document {
            title: "T".into(),
            subtitle: vec![],
            sections: vec![summary, conclusions, plan, part, method],
        }
    }

    fn titles(d: &Document) -> Vec<&str> {
        d.sections.iter().map(|s| s.anchor.as_str()).collect()
    }

    #[test]
    fn the_bijlage_keeps_conclusions_and_one_whole_table_per_group() {
        let short = bijlage(&doc(), Lang::Nl);
        assert_eq!(
            titles(&short),
            ["samenvatting", "conclusies", "so-kort", "verantwoording"]
        );
        let group = &short.sections[2].children[0];
        assert_eq!(group.anchor, "so-rol-kort");
        assert_eq!(group.headline.as_deref(), Some("Merendeel zegt nee"));
        assert_eq!(group.blocks.len(), 1);
        let Block::Table(t) = &group.blocks[0] else {
            panic!("{:?}", group.blocks)
        };
        // The whole table of the first question: it still adds up to its n.
        let labels: Vec<&str> = t.rows.iter().map(|r| r.cells[0].as_str()).collect();
        assert_eq!(labels, ["Ja", "geen antwoord", "ongeldig", "Totaal"]);
        // The link to the part goes to its overview; the plan's is plain text.
        let Block::Paragraph(p) = &short.sections[0].blocks[0] else {
            panic!()
        };
        assert_eq!(
            p[0],
            Inline::Link {
                text: "SO".into(),
                anchor: "so-kort".into()
            }
        );
        // The plan is not in the bijlage and it points at no other document: its
        // link is plain text (the sentences that link it name the dates themselves).
        assert_eq!(p[1], Inline::Text("Rotatieplan".into()));
        // A question's table: its group's compact section.
        assert!(matches!(&p[2], Inline::Link { anchor, .. } if anchor == "so-rol-kort"));
    }

    /// Review (second reading) findings 3 and 4: the bijlage's reading guide speaks of no
    /// chart or "met een niveau" column, and the offer's "zie Rotatieplan" goes.
    #[test]
    fn the_bijlage_has_its_own_guide_and_no_pointer_to_the_plan() {
        let mut d = doc();
        let mut offer = Section::new(ANCHOR_OFFER, "Aanbod");
        offer.blocks.push(Block::List(vec![
            vec![text("Bied A aan.")],
            vec![
                text("zie "),
                Inline::Link {
                    text: "Rotatieplan".into(),
                    anchor: ANCHOR_PLAN.into(),
                },
                text("."),
            ],
        ]));
        let mut guide = Section::new(ANCHOR_READING, "Leeswijzer");
        guide.blocks.push(Block::Paragraph(vec![text(
            "De grafiek zet negatief links.",
        )]));
        d.sections[0].children.extend([offer, guide]);
        let short = bijlage(&d, Lang::Nl);
        let summary = &short.sections[0];
        let Block::List(items) = &summary.children[0].blocks[0] else {
            panic!()
        };
        assert_eq!(items, &vec![vec![text("Bied A aan.")]]);
        let guide = format!("{:?}", summary.children[1].blocks);
        assert!(!guide.contains("grafiek"), "{guide}");
        assert!(guide.contains("tellen de percentages alleen wie een niveau koos"));
        // The full report keeps both.
        let full = full(&d, Lang::Nl);
        let kept = format!("{:?}", full.sections[0].children);
        assert!(kept.contains("De grafiek zet negatief links") && kept.contains("zie "));
    }

    #[test]
    fn the_full_report_is_the_short_part_then_the_appendix() {
        let full = full(&doc(), Lang::Nl);
        assert_eq!(
            titles(&full),
            [
                "samenvatting",
                "conclusies",
                "so-kort",
                "rotatieplan",
                "so",
                "verantwoording"
            ]
        );
        assert_eq!(full.sections[4].title, "Per vraag: Schoolopleiders (SO)");
        // Links to the detail stay.
        let Block::Paragraph(p) = &full.sections[0].blocks[0] else {
            panic!()
        };
        assert!(matches!(&p[0], Inline::Link { anchor, .. } if anchor == "so"));
    }
}
