//! The report as a small document model (sections, headlines, paragraphs, tables,
//! charts, quotes) that every output format renders. All text in it is plain text:
//! each renderer escapes it for its own format.

use crate::charts::Chart;

#[derive(Debug, Clone)]
pub struct Document {
    pub title: String,
    /// Lines under the title (partnership, edition, filters).
    pub subtitle: Vec<String>,
    pub sections: Vec<Section>,
}

/// A section; its depth in the tree gives the heading level (top level: `##`).
#[derive(Debug, Clone)]
pub struct Section {
    /// Anchor, unique in the document: ASCII letters, digits and dashes.
    pub anchor: String,
    pub title: String,
    /// The one-line conclusion printed in bold under the title.
    pub headline: Option<String>,
    pub blocks: Vec<Block>,
    pub children: Vec<Section>,
    /// Starts a new printed page (the summary, each survey part).
    pub page_break: bool,
}

impl Section {
    pub fn new(anchor: impl Into<String>, title: impl Into<String>) -> Section {
        Section {
            anchor: anchor.into(),
            title: title.into(),
            headline: None,
            blocks: Vec::new(),
            children: Vec::new(),
            page_break: false,
        }
    }
}

#[derive(Debug, Clone)]
pub enum Block {
    Paragraph(Vec<Inline>),
    /// Small print under a table or chart: the base of the percentages and the like.
    Note(String),
    List(Vec<Vec<Inline>>),
    Table(Table),
    Chart(ChartRef),
    Quotes(Quotes),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    Strong(String),
    /// A link to an anchor in the document.
    Link {
        text: String,
        anchor: String,
    },
    Code(String),
}

pub fn text(s: impl Into<String>) -> Inline {
    Inline::Text(s.into())
}

#[derive(Debug, Clone)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Row>,
    /// Columns from this index on hold numbers (right-aligned).
    pub numeric_from: usize,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub cells: Vec<String>,
    pub kind: RowKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Normal,
    /// "geen antwoord", "n.v.t.", "ongeldig", "onbekend": shown, set apart.
    Apart,
    /// The total the rows add up to.
    Total,
    /// A part of the row above it (an answer under its theme): indented, quieter.
    Detail,
}

impl Row {
    pub fn new(kind: RowKind, cells: Vec<String>) -> Row {
        Row { cells, kind }
    }
}

/// A chart: rendered to `charts/<id>.svg` (and `.png`), shown inline in HTML.
#[derive(Debug, Clone)]
pub struct ChartRef {
    pub id: String,
    /// Text alternative: what the chart shows, in words.
    pub alt: String,
    pub chart: Chart,
}

/// Free-text answers, already redacted.
#[derive(Debug, Clone)]
pub struct Quotes {
    pub title: String,
    /// Answer and how many gave it.
    pub items: Vec<(String, usize)>,
}
