//! Charts as PNG (plotters' bitmap backend with the bundled font), at twice the SVG's
//! size so they stay sharp in print.

use plotters::prelude::*;

use super::layout::scene;
use super::{init_fonts, Chart};
use crate::ReportError;

/// Pixels per SVG pixel.
pub const SCALE: f64 = 2.0;

/// plotters' bitmap text (ab_glyph) centres on the line box, which puts capitals and
/// digits about a quarter of the size too high.
const TEXT_DY: f64 = 0.27;

pub fn render(chart: &Chart, id: &str) -> Result<Vec<u8>, ReportError> {
    init_fonts();
    let error = |message: String| ReportError::Chart {
        chart: id.to_string(),
        message,
    };
    let scene = scene(chart);
    let (w, h) = ((scene.width * SCALE) as u32, (scene.height * SCALE) as u32);
    let mut rgb = vec![255u8; w as usize * h as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (w, h)).into_drawing_area();
        scene
            .draw(&root, SCALE, TEXT_DY)
            .and_then(|()| root.present())
            .map_err(|e| error(e.to_string()))?;
    }
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        // Flat colours compress well with the fast setting; the default costs ~5x the time.
        encoder.set_compression(png::Compression::Fast);
        let mut writer = encoder.write_header().map_err(|e| error(e.to_string()))?;
        writer
            .write_image_data(&rgb)
            .map_err(|e| error(e.to_string()))?;
    }
    Ok(out)
}
