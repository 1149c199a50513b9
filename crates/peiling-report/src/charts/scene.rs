//! A laid-out chart: shapes and text at fixed positions, drawn on any plotters backend
//! at any scale, so the SVG and the PNG of a chart are the same picture.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontDesc, FontFamily, FontStyle};

use super::FAMILY;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    fn plotters(self) -> RGBColor {
        RGBColor(self.0, self.1, self.2)
    }

    /// Dark colours take white text.
    pub fn is_dark(self) -> bool {
        let l = 0.299 * f64::from(self.0) + 0.587 * f64::from(self.1) + 0.114 * f64::from(self.2);
        l < 140.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Centre,
    Right,
}

#[derive(Debug, Clone)]
pub enum Op {
    Rect {
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        fill: Rgb,
    },
    Line {
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        colour: Rgb,
        width: f64,
    },
    /// Text vertically centred on `y`.
    Text {
        text: String,
        x: f64,
        y: f64,
        size: f64,
        colour: Rgb,
        align: Align,
        bold: bool,
    },
}

/// Width, height (logical pixels: the SVG's size) and what to draw.
#[derive(Debug, Clone)]
pub struct Scene {
    pub width: f64,
    pub height: f64,
    pub ops: Vec<Op>,
}

// plotters' fonts are sized by line height; the SVG then writes size / 1.24. Handing it
// size * 1.24 makes the SVG's font-size the size we mean.
const FONT_FACTOR: f64 = 1.24;

fn font(size: f64, bold: bool) -> FontDesc<'static> {
    let style = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    FontDesc::new(FontFamily::Name(FAMILY), size * FONT_FACTOR, style)
}

/// Width of `text` at font size `size`, measured on the bundled font the way plotters'
/// own font backend measures it (advances and kerning, rounded down to a whole pixel),
/// so the layout is the same in the wasm build, where plotters has no font.
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    use ab_glyph::{Font, ScaleFont};
    let Some(font) = super::font(bold) else {
        // Only if the bundled font did not parse: a generous estimate.
        return text.chars().count() as f64 * size * 0.62;
    };
    let font = font.as_scaled((size * FONT_FACTOR) as f32);
    let mut width = 0f32;
    let mut prev = None;
    for c in text.chars() {
        let glyph = font.glyph_id(c);
        width += font.h_advance(glyph);
        if let Some(p) = prev {
            width += font.kern(p, glyph);
        }
        prev = Some(glyph);
    }
    f64::from((width as i32).unsigned_abs())
}

/// Greedy word wrap to `max` pixels; at most `max_lines` lines, the last one cut with
/// an ellipsis when the text is longer.
pub fn wrap(text: &str, max: f64, size: f64, bold: bool, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if !current.is_empty() && text_width(&candidate, size, bold) > max {
            lines.push(std::mem::replace(&mut current, word.to_string()));
        } else {
            current = candidate;
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            while !last.is_empty() && text_width(&format!("{last} …"), size, bold) > max {
                last.pop();
            }
            last.push_str(" …");
        }
    }
    lines
}

impl Scene {
    /// Draws the scene on `area`, every coordinate multiplied by `scale`. Backends put
    /// "vertically centred" text at different heights; `text_dy` (a fraction of the
    /// font size) moves it down so capitals and digits centre on their `y`.
    pub fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        scale: f64,
        text_dy: f64,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        let p = |v: f64| (v * scale).round() as i32;
        area.fill(&WHITE)?;
        for op in &self.ops {
            match op {
                Op::Rect {
                    x0,
                    y0,
                    x1,
                    y1,
                    fill,
                } => {
                    area.draw(&Rectangle::new(
                        [(p(*x0), p(*y0)), (p(*x1), p(*y1))],
                        fill.plotters().filled(),
                    ))?;
                }
                Op::Line {
                    x0,
                    y0,
                    x1,
                    y1,
                    colour,
                    width,
                } => {
                    let w = ((width * scale).round() as u32).max(1);
                    area.draw(&PathElement::new(
                        vec![(p(*x0), p(*y0)), (p(*x1), p(*y1))],
                        colour.plotters().stroke_width(w),
                    ))?;
                }
                Op::Text {
                    text,
                    x,
                    y,
                    size,
                    colour,
                    align,
                    bold,
                } => {
                    let h = match align {
                        Align::Left => HPos::Left,
                        Align::Centre => HPos::Center,
                        Align::Right => HPos::Right,
                    };
                    let style = font(size * scale, *bold)
                        .color(&colour.plotters())
                        .pos(Pos::new(h, VPos::Center));
                    let y = y + size * text_dy;
                    area.draw(&Text::new(text.clone(), (p(*x), p(y)), style))?;
                }
            }
        }
        Ok(())
    }
}
