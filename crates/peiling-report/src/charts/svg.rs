//! Charts as SVG text (plotters' SVG backend), with a title element for screen readers.

use peiling_core::privacy::{strip_bidi, strip_controls};
use plotters::prelude::*;

use super::layout::scene;
use super::{init_fonts, Chart};
use crate::ReportError;

/// plotters writes dy="0.5ex", which centres lower case; digits and capitals sit a
/// little high without this.
const TEXT_DY: f64 = 0.1;

/// The chart as a standalone SVG document.
pub fn render(chart: &Chart, id: &str) -> Result<String, ReportError> {
    init_fonts();
    let scene = scene(chart);
    let mut out = String::new();
    {
        let size = (scene.width as u32, scene.height as u32);
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        scene
            .draw(&root, 1.0, TEXT_DY)
            .and_then(|()| root.present())
            .map_err(|e| ReportError::Chart {
                chart: id.to_string(),
                message: e.to_string(),
            })?;
    }
    // A <title> right after the opening tag is the SVG's accessible name.
    let title = format!("<title>{}</title>\n", escape(chart.title()));
    match out.find(">\n") {
        Some(i) => out.insert_str(i + 2, &title),
        None => out.push_str(&title),
    }
    Ok(out)
}

/// XML text: markup escaped, control characters (not allowed in XML) and bidi controls
/// removed, as in the chart's own texts.
fn escape(s: &str) -> String {
    let s = strip_controls(s);
    strip_bidi(&s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
