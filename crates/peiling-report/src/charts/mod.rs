//! Charts: what each kind shows ([`Chart`]), laid out once into a [`scene::Scene`] of
//! rectangles, lines and text, then drawn by plotters to SVG ([`svg`]) or PNG ([`png`]).
//!
//! Every text in a chart spec is final (already translated and formatted), so the
//! chart code knows no language.

mod layout;
pub mod png;
pub mod scene;
pub mod svg;

#[cfg(not(target_arch = "wasm32"))]
use std::sync::Once;

use std::sync::OnceLock;

use ab_glyph::FontRef;
#[cfg(not(target_arch = "wasm32"))]
use plotters::style::{register_font, FontStyle};

/// The font family every chart names; the bundled DejaVu Sans is registered under it,
/// and the SVG asks the browser for the same font first.
pub const FAMILY: &str = "DejaVu Sans, sans-serif";

// DejaVu Sans (Bitstream Vera licence, assets/DejaVuSans-LICENSE.txt): bundled so PNG
// charts need no system fonts or fontconfig.
static REGULAR: &[u8] = include_bytes!("../../assets/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/DejaVuSans-Bold.ttf");

#[cfg(not(target_arch = "wasm32"))]
static FONTS: Once = Once::new();

/// Registers the bundled font with plotters (for PNG), once per process. In the wasm
/// build plotters has no font of its own: the SVG names the font, the browser draws it.
pub fn init_fonts() {
    #[cfg(not(target_arch = "wasm32"))]
    FONTS.call_once(|| {
        // The files are compiled in and known to parse (a unit test checks).
        let _ = register_font(FAMILY, FontStyle::Normal, REGULAR);
        let _ = register_font(FAMILY, FontStyle::Bold, BOLD);
    });
}

/// The bundled font, parsed once, for measuring text ([`scene::text_width`]); `None`
/// only if the compiled-in file did not parse (a unit test checks it does).
pub(crate) fn font(bold: bool) -> Option<&'static FontRef<'static>> {
    static PARSED: OnceLock<[Option<FontRef<'static>>; 2]> = OnceLock::new();
    let fonts = PARSED.get_or_init(|| {
        [
            FontRef::try_from_slice(REGULAR).ok(),
            FontRef::try_from_slice(BOLD).ok(),
        ]
    });
    fonts[usize::from(bold)].as_ref()
}

/// A chart, described by what it shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Chart {
    /// Horizontal bars (ranked demand, or options in questionnaire order).
    Bars(Bars),
    /// Diverging stacked bars for scale items (Heiberger & Robbins).
    Diverging(Diverging),
    /// Vertical bars over ordered bins (numbers, bands).
    Histogram(Histogram),
    /// Horizontal bars grouped per category, one per series (breakdowns, years).
    Grouped(Grouped),
    /// One dot with its 95 % interval per edition (a small multiple of a trend).
    Intervals(Intervals),
}

impl Chart {
    pub fn title(&self) -> &str {
        match self {
            Chart::Bars(c) => &c.title,
            Chart::Diverging(c) => &c.title,
            Chart::Histogram(c) => &c.title,
            Chart::Grouped(c) => &c.title,
            Chart::Intervals(c) => &c.title,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bars {
    pub title: String,
    pub bars: Vec<Bar>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    /// Bar length, in %.
    pub pct: f64,
    /// Printed at the end of the bar: "23 · 52,3 %".
    pub value: String,
    /// "geen antwoord" and the like: grey, set apart below the others.
    pub apart: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diverging {
    pub title: String,
    /// Level names, most positive first (the order of the questionnaire).
    pub levels: Vec<String>,
    /// Words the level names leave out because the items' labels differ there
    /// ("competent of capabel"): said once where the levels are named as a table's
    /// columns.
    pub level_word: Option<String>,
    /// Index of the neutral level, centred on zero; `None`: the split lies between
    /// the two middle levels.
    pub neutral: Option<usize>,
    /// Names of the categories shown apart ("n.v.t.", "geen antwoord").
    pub apart: Vec<String>,
    /// Heading over the apart panel.
    pub apart_title: String,
    pub items: Vec<DivergingItem>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DivergingItem {
    pub label: String,
    /// % per level, of those who chose a level.
    pub levels: Vec<f64>,
    /// % per apart category, of everyone asked.
    pub apart: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    pub title: String,
    pub bins: Vec<Bin>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bin {
    pub label: String,
    pub count: usize,
    /// Printed over the bar: "21 (33,3 %)"; `short` when that does not fit.
    pub value: String,
    pub short: String,
    pub apart: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Grouped {
    pub title: String,
    pub series: Vec<String>,
    pub rows: Vec<GroupedRow>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GroupedRow {
    pub label: String,
    /// Bar length in % per series; `None`: suppressed (small group) or not asked.
    pub values: Vec<Option<f64>>,
    /// Printed after each bar ("52 %", "< 5").
    pub labels: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Intervals {
    pub title: String,
    pub rows: Vec<IntervalRow>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IntervalRow {
    /// The edition ("2021").
    pub label: String,
    /// The share in %; `None`: not asked in that edition.
    pub pct: Option<f64>,
    /// The 95 % interval, in %.
    pub low: f64,
    pub high: f64,
    /// Printed after the line: "57 % (n = 63)".
    pub value: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_fonts_parse() {
        assert!(ab_glyph_parses(REGULAR));
        assert!(ab_glyph_parses(BOLD));
    }

    fn ab_glyph_parses(bytes: &'static [u8]) -> bool {
        register_font("test-only", FontStyle::Normal, bytes).is_ok()
    }

    /// The wasm build measures text itself; natively plotters measures it through its
    /// registered font. Both must give the same widths, or the charts would differ.
    #[test]
    fn text_is_measured_as_plotters_measures_it() {
        use plotters::style::{FontDesc, FontFamily};
        init_fonts();
        assert!(font(false).is_some() && font(true).is_some());
        let texts = [
            "",
            "Werkplekbegeleiders",
            "geen antwoord",
            "23 · 52,3 %",
            "AV Wa To, ff fi (kerning) ‘quotes’ — ëé",
            "Begeleiden van studenten in de praktijk en het beoordelen daarvan",
        ];
        for text in texts {
            for size in [8.0, 9.5, 11.0, 13.0, 16.5] {
                for bold in [false, true] {
                    let style = if bold {
                        FontStyle::Bold
                    } else {
                        FontStyle::Normal
                    };
                    let desc = FontDesc::new(FontFamily::Name(FAMILY), size * 1.24, style);
                    let (w, _) = desc.box_size(text).expect("the font is registered");
                    assert_eq!(
                        scene::text_width(text, size, bold),
                        f64::from(w),
                        "{text:?} at {size} bold {bold}"
                    );
                }
            }
        }
    }
}
