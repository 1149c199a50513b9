//! peiling-report: the bijlage-style report (Markdown and one self-contained HTML
//! file) with its charts (SVG, optionally PNG), from a computed
//! [`peiling_analysis::Summary`] — never from raw responses.
//!
//! [`render`] composes a small document model ([`model`]) and hands it to one module
//! per output format ([`markdown`], [`html`], [`charts`]). A rotation plan, when there is
//! one, goes into its section with [`plan::fill`]. It returns the files to
//! write; writing them (atomically) is the caller's job.

pub mod certificate;
pub mod charts;
mod compose;
pub mod evaluation;
mod files;
pub mod headline;
pub mod html;
pub mod i18n;
pub mod lengths;
pub mod markdown;
pub mod model;
mod pasted;
#[cfg(test)]
mod plain_language;
pub mod plan;
pub mod privacy;
pub mod reflection;
#[cfg(test)]
mod tests;
pub mod turnout;

use std::collections::BTreeMap;

use peiling_analysis::{Comparison, Summary};

pub use compose::{ANCHOR_METHOD, ANCHOR_PLAN, ANCHOR_SUMMARY};
pub use files::{plan_files, report_files, ReflectionInput, ReportInput};
pub use i18n::Lang;
use model::{Block, ChartRef, Document, Section};

/// How to write the report.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    pub lang: Lang,
    /// Also write PNG versions of the charts.
    pub png: bool,
    /// Groups smaller than this are suppressed in breakdowns and their free text is
    /// not quoted (0: off). The larger of this and the summary's own value is used.
    pub min_group: usize,
    /// Catalogue theme titles in the report's language, by theme id; a theme without
    /// one is named after its id.
    pub theme_titles: BTreeMap<String, String>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            lang: Lang::Nl,
            png: false,
            min_group: 5,
            theme_titles: BTreeMap::new(),
        }
    }
}

/// A file of the report: a path relative to the output folder, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("chart {chart}: {message}")]
    Chart { chart: String, message: String },
    /// The plan could not be written as JSON.
    #[error("plan.json: {0}")]
    Plan(String),
}

/// The report's document model, for callers that want to add to it or render it
/// themselves.
pub fn document(
    summary: &Summary,
    comparison: Option<&Comparison>,
    opts: &ReportOptions,
) -> Document {
    let min_group = opts.min_group.max(summary.min_group);
    let (screened, withheld, tally) = compose::small::screen(summary, min_group);
    compose::Composer {
        summary: &screened,
        unscreened: summary,
        comparison,
        lang: opts.lang,
        min_group,
        theme_titles: &opts.theme_titles,
        tally: std::cell::Cell::new(tally),
        withheld,
        names: i18n::Names::of(summary),
    }
    .document()
}

/// The report's files: the full report (`report.md`, `report.html`), the short bijlage
/// (`bijlage.md`, `bijlage.html`), `charts/<id>.svg` (and `.png` with `opts.png`), in a
/// fixed order with fixed bytes for the same input.
pub fn render(
    summary: &Summary,
    comparison: Option<&Comparison>,
    opts: &ReportOptions,
) -> Result<Vec<OutputFile>, ReportError> {
    let mut doc = document(summary, comparison, opts);
    render_document(&mut doc, opts)
}

/// Renders a document (perhaps extended by the caller) to the report's files.
pub fn render_document(
    doc: &mut Document,
    opts: &ReportOptions,
) -> Result<Vec<OutputFile>, ReportError> {
    let (charts, svgs) = prepare(doc)?;
    // Both lengths are made of the same sections, so they share the chart files.
    let full = lengths::full(doc, opts.lang);
    let short = lengths::bijlage(doc, opts.lang);
    let mut files = vec![
        OutputFile {
            path: "report.md".into(),
            bytes: markdown::render_with_contents(&full, opts.lang, 2).into_bytes(),
        },
        OutputFile {
            path: "report.html".into(),
            bytes: html::render_with_contents(&full, opts.lang, &svgs, 2).into_bytes(),
        },
        OutputFile {
            path: "bijlage.md".into(),
            // Pasted on its own, without the charts folder: its charts as tables.
            bytes: markdown::render(&pasted::without_chart_files(&short, opts.lang), opts.lang)
                .into_bytes(),
        },
        OutputFile {
            path: "bijlage.html".into(),
            bytes: html::render(&short, opts.lang, &svgs).into_bytes(),
        },
    ];
    files.extend(chart_files(&charts, svgs, opts)?);
    Ok(files)
}

/// Unique anchors and chart ids in `doc`, and each chart as SVG by id.
fn prepare(doc: &mut Document) -> Result<(Vec<ChartRef>, BTreeMap<String, String>), ReportError> {
    unique_anchors(doc);
    let charts = unique_charts(doc);
    let mut svgs = BTreeMap::new();
    for c in &charts {
        svgs.insert(c.id.clone(), charts::svg::render(&c.chart, &c.id)?);
    }
    Ok((charts, svgs))
}

/// `charts/<id>.svg`, and `charts/<id>.png` with `opts.png`.
fn chart_files(
    charts: &[ChartRef],
    svgs: BTreeMap<String, String>,
    opts: &ReportOptions,
) -> Result<Vec<OutputFile>, ReportError> {
    let mut files: Vec<OutputFile> = svgs
        .into_iter()
        .map(|(id, svg)| OutputFile {
            path: format!("charts/{id}.svg"),
            bytes: svg.into_bytes(),
        })
        .collect();
    if opts.png {
        for c in charts {
            files.push(OutputFile {
                path: format!("charts/{}.png", c.id),
                bytes: charts::png::render(&c.chart, &c.id)?,
            });
        }
    }
    Ok(files)
}

/// A document of one length (the evaluatieverslag): `report.md` and `report.html` with a
/// table of contents, and `charts/<id>.svg` (and `.png` with `opts.png`). No bijlage:
/// the short/full split belongs to the survey report; sections keep their order.
pub fn render_single(
    doc: &mut Document,
    opts: &ReportOptions,
) -> Result<Vec<OutputFile>, ReportError> {
    let (charts, svgs) = prepare(doc)?;
    let mut files = vec![
        OutputFile {
            path: "report.md".into(),
            bytes: markdown::render_with_contents(doc, opts.lang, 2).into_bytes(),
        },
        OutputFile {
            path: "report.html".into(),
            bytes: html::render_with_contents(doc, opts.lang, &svgs, 2).into_bytes(),
        },
    ];
    files.extend(chart_files(&charts, svgs, opts)?);
    Ok(files)
}

/// The trend of a series ("Ontwikkeling door de jaren") as one document
/// ([`render_single`]: no short bijlage, which is the survey report's): `report.md`,
/// `report.html` and `charts/trend-*.svg`, one dot-and-interval chart per question;
/// editions with fewer answers than `opts.min_group` are held back.
pub fn render_trend(
    trend: &peiling_core::trend::Trend,
    opts: &ReportOptions,
) -> Result<Vec<OutputFile>, ReportError> {
    let mut doc = compose::trend::document(trend, opts.lang, opts.min_group);
    render_single(&mut doc, opts)
}

/// Puts the trend of a series into a survey's report (before [`render_document`]): the
/// section "Ontwikkeling door de jaren" in the full report, after the rotation plan and
/// the turnout; one paragraph in the summary, which is all the short bijlage shows of it.
/// Editions with fewer answers than `opts.min_group` are held back, as everywhere.
pub fn fill_trend(doc: &mut Document, trend: &peiling_core::trend::Trend, opts: &ReportOptions) {
    compose::trend::fill(doc, trend, opts.lang, opts.min_group);
}

/// Anchors made unique in document order: a later duplicate gets a suffix (the
/// top-level anchors, which links point to, come first and keep theirs).
fn unique_anchors(doc: &mut Document) {
    fn walk(s: &mut Section, seen: &mut std::collections::BTreeSet<String>) {
        if !seen.insert(s.anchor.clone()) {
            let mut k = 2;
            while seen.contains(&format!("{}-{k}", s.anchor)) {
                k += 1;
            }
            s.anchor = format!("{}-{k}", s.anchor);
            seen.insert(s.anchor.clone());
        }
        for c in &mut s.children {
            walk(c, seen);
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    // Top-level sections first, so a nested section never takes a linked name.
    for s in &doc.sections {
        seen.insert(s.anchor.clone());
    }
    for s in &mut doc.sections {
        for c in &mut s.children {
            walk(c, &mut seen);
        }
    }
}

/// Every chart once, in document order; a chart id that would name two different
/// charts gets a suffix, so no file overwrites another.
fn unique_charts(doc: &mut Document) -> Vec<ChartRef> {
    fn walk(s: &mut Section, seen: &mut Vec<ChartRef>) {
        for b in &mut s.blocks {
            if let Block::Chart(c) = b {
                let same = |x: &ChartRef| x.id == c.id;
                match seen.iter().find(|x| same(x)) {
                    Some(prev) if prev.chart == c.chart => {}
                    Some(_) => {
                        let base = c.id.clone();
                        let mut k = 2;
                        while seen.iter().any(|x| x.id == format!("{base}-{k}")) {
                            k += 1;
                        }
                        c.id = format!("{base}-{k}");
                        seen.push(c.clone());
                    }
                    None => seen.push(c.clone()),
                }
            }
        }
        for child in &mut s.children {
            walk(child, seen);
        }
    }
    let mut seen = Vec::new();
    for s in &mut doc.sections {
        walk(s, &mut seen);
    }
    seen
}
