//! Lays each chart kind out into a [`Scene`]: sizes follow from the wrapped labels, so
//! long Dutch option texts never run into the bars.

use peiling_core::privacy::{strip_bidi, strip_controls};

use super::scene::{text_width, wrap, Align, Op, Rgb, Scene};
use super::{Bars, Chart, Diverging, Grouped, Histogram};

mod intervals;

const WIDTH: f64 = 720.0;
const PAD: f64 = 14.0;
const TITLE: f64 = 15.0;
const LABEL: f64 = 13.0;
const SMALL: f64 = 12.0;
const LINE: f64 = 16.0;

const INK: Rgb = Rgb(33, 33, 33);
const MUTED: Rgb = Rgb(96, 96, 96);
const GRID: Rgb = Rgb(228, 228, 228);
const AXIS: Rgb = Rgb(120, 120, 120);
/// Okabe & Ito's colour-blind-safe palette, blue first.
const OKABE_ITO: [Rgb; 7] = [
    Rgb(0, 114, 178),
    Rgb(230, 159, 0),
    Rgb(0, 158, 115),
    Rgb(213, 94, 0),
    Rgb(204, 121, 167),
    Rgb(86, 180, 233),
    Rgb(120, 120, 120),
];
const BAR: Rgb = OKABE_ITO[0];
/// Categories shown apart: mid greys, darker than the neutral level so the two never
/// read as one.
const APART: [Rgb; 3] = [Rgb(120, 120, 120), Rgb(165, 165, 165), Rgb(95, 95, 95)];
/// ColorBrewer RdBu (colour-blind safe), from the neutral side outwards.
const BLUES: [Rgb; 5] = [
    Rgb(209, 229, 240),
    Rgb(146, 197, 222),
    Rgb(67, 147, 195),
    Rgb(33, 102, 172),
    Rgb(5, 48, 97),
];
const REDS: [Rgb; 5] = [
    Rgb(253, 219, 199),
    Rgb(244, 165, 130),
    Rgb(214, 96, 77),
    Rgb(178, 24, 43),
    Rgb(103, 0, 31),
];
/// The neutral level: a grey that stays visible on white.
const NEUTRAL: Rgb = Rgb(222, 222, 222);

pub fn scene(chart: &Chart) -> Scene {
    let mut scene = match chart {
        Chart::Bars(c) => bars(c),
        Chart::Diverging(c) => diverging(c),
        Chart::Histogram(c) => histogram(c),
        Chart::Grouped(c) => grouped(c),
        Chart::Intervals(c) => intervals::intervals(c),
    };
    // Every text is drawn on its own: control characters (not allowed in SVG's XML) and
    // bidi controls (a box in a PNG) are left out.
    for op in &mut scene.ops {
        if let Op::Text { text, .. } = op {
            let clean = strip_bidi(&strip_controls(text)).into_owned();
            *text = clean;
        }
    }
    scene
}

struct Builder {
    ops: Vec<Op>,
}

impl Builder {
    fn new() -> Builder {
        Builder { ops: Vec::new() }
    }

    fn rect(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, fill: Rgb) {
        if x1 - x0 > 0.0 && y1 - y0 > 0.0 {
            self.ops.push(Op::Rect {
                x0,
                y0,
                x1,
                y1,
                fill,
            });
        }
    }

    fn line(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, colour: Rgb, width: f64) {
        self.ops.push(Op::Line {
            x0,
            y0,
            x1,
            y1,
            colour,
            width,
        });
    }

    #[allow(clippy::too_many_arguments)]
    fn text(
        &mut self,
        text: &str,
        x: f64,
        y: f64,
        size: f64,
        colour: Rgb,
        align: Align,
        bold: bool,
    ) {
        if !text.is_empty() {
            self.ops.push(Op::Text {
                text: text.to_string(),
                x,
                y,
                size,
                colour,
                align,
                bold,
            });
        }
    }

    /// The title, wrapped; returns the y below it.
    fn title(&mut self, title: &str) -> f64 {
        let mut y = PAD;
        for line in wrap(title, WIDTH - 2.0 * PAD, TITLE, true, 3) {
            self.text(&line, PAD, y + 10.0, TITLE, INK, Align::Left, true);
            y += 20.0;
        }
        y + 8.0
    }

    /// A note in small grey print; returns the y below it.
    fn note(&mut self, note: Option<&str>, y: f64) -> f64 {
        let mut y = y;
        if let Some(note) = note {
            y += 6.0;
            for line in wrap(note, WIDTH - 2.0 * PAD, SMALL, false, 4) {
                self.text(&line, PAD, y + 8.0, SMALL, MUTED, Align::Left, false);
                y += 15.0;
            }
        }
        y
    }

    /// Right-aligned label lines centred on `mid`.
    fn label(&mut self, lines: &[String], x: f64, mid: f64) {
        let top = mid - (lines.len() as f64 - 1.0) * LINE / 2.0;
        for (i, line) in lines.iter().enumerate() {
            self.text(
                line,
                x,
                top + i as f64 * LINE,
                LABEL,
                INK,
                Align::Right,
                false,
            );
        }
    }

    fn legend(&mut self, entries: &[(String, Rgb)], y: f64) -> f64 {
        let mut x = PAD;
        let mut y = y;
        for (name, colour) in entries {
            let w = 14.0 + 5.0 + text_width(name, SMALL, false) + 16.0;
            if x + w > WIDTH - PAD && x > PAD {
                x = PAD;
                y += 18.0;
            }
            self.rect(x, y + 1.0, x + 12.0, y + 13.0, *colour);
            self.text(name, x + 17.0, y + 7.0, SMALL, INK, Align::Left, false);
            x += w;
        }
        y + 24.0
    }

    fn finish(self, height: f64) -> Scene {
        Scene {
            width: WIDTH,
            height: (height + PAD).ceil(),
            ops: self.ops,
        }
    }
}

fn row_height(lines: usize, min: f64) -> f64 {
    (lines as f64 * LINE + 9.0).max(min)
}

fn bars(c: &Bars) -> Scene {
    let mut b = Builder::new();
    let mut y = b.title(&c.title);
    let label_w = 270.0;
    let value_w = 110.0;
    let x0 = PAD + label_w + 10.0;
    let x_max = WIDTH - PAD - value_w;
    let max = c.bars.iter().map(|b| b.pct).fold(1.0, f64::max);
    let k = (x_max - x0) / max;
    let top = y;
    let mut seen_apart = false;
    for bar in &c.bars {
        if bar.apart && !seen_apart {
            seen_apart = true;
            if y > top {
                y += 8.0;
            }
        }
        let lines = wrap(&bar.label, label_w, LABEL, false, 3);
        let h = row_height(lines.len(), 25.0);
        let mid = y + h / 2.0;
        b.label(&lines, PAD + label_w, mid);
        let end = x0 + bar.pct * k;
        b.rect(
            x0,
            mid - 8.0,
            end,
            mid + 8.0,
            if bar.apart { APART[1] } else { BAR },
        );
        b.text(&bar.value, end + 6.0, mid, LABEL, INK, Align::Left, false);
        y += h;
    }
    b.line(x0, top, x0, y, AXIS, 1.0);
    let y = b.note(c.note.as_deref(), y);
    b.finish(y)
}

fn histogram(c: &Histogram) -> Scene {
    let mut b = Builder::new();
    let y = b.title(&c.title);
    let plot_h = 120.0;
    let has_apart = c.bins.iter().any(|b| b.apart);
    let gap = if has_apart { 24.0 } else { 0.0 };
    let n = c.bins.len().max(1) as f64;
    let slot = (WIDTH - 2.0 * PAD - gap) / n;
    let max = c.bins.iter().map(|b| b.count).max().unwrap_or(0).max(1) as f64;
    let top = y + 22.0;
    let base = top + plot_h;
    let mut max_lines = 1;
    let mut first_apart = None;
    for (i, bin) in c.bins.iter().enumerate() {
        let shift = if bin.apart { gap } else { 0.0 };
        if bin.apart && first_apart.is_none() {
            first_apart = Some(PAD + i as f64 * slot + shift);
        }
        let left = PAD + i as f64 * slot + shift;
        let centre = left + slot / 2.0;
        let w = (slot * 0.66).min(80.0);
        let h = bin.count as f64 / max * plot_h;
        b.rect(
            centre - w / 2.0,
            base - h,
            centre + w / 2.0,
            base,
            if bin.apart { APART[1] } else { BAR },
        );
        let value = if text_width(&bin.value, SMALL, false) <= slot - 4.0 {
            &bin.value
        } else {
            &bin.short
        };
        b.text(
            value,
            centre,
            base - h - 9.0,
            SMALL,
            INK,
            Align::Centre,
            false,
        );
        let lines = wrap(&bin.label, slot - 6.0, SMALL, false, 3);
        max_lines = max_lines.max(lines.len());
        for (j, line) in lines.iter().enumerate() {
            b.text(
                line,
                centre,
                base + 13.0 + j as f64 * 15.0,
                SMALL,
                INK,
                Align::Centre,
                false,
            );
        }
    }
    let end = first_apart.map_or(WIDTH - PAD, |x| x - gap / 2.0);
    b.line(PAD, base, end, base, AXIS, 1.0);
    if let Some(x) = first_apart {
        b.line(x, base, WIDTH - PAD, base, AXIS, 1.0);
    }
    let y = base + 8.0 + max_lines as f64 * 15.0;
    let y = b.note(c.note.as_deref(), y);
    b.finish(y)
}

/// Colours of the levels (most positive first) and of the neutral level.
fn level_colours(levels: usize, neutral: Option<usize>) -> Vec<Rgb> {
    let (positive, negative) = sides(levels, neutral);
    let pick = |palette: &[Rgb; 5], k: usize| -> Vec<Rgb> {
        let idx: Vec<usize> = match k {
            0 => vec![],
            1 => vec![2],
            2 => vec![1, 3],
            3 => vec![1, 2, 3],
            4 => vec![0, 1, 2, 3],
            _ => (0..5).collect(),
        };
        // Beyond five levels a side the darkest colour repeats: rare, and still ordered.
        (0..k).map(|i| palette[idx[i.min(idx.len() - 1)]]).collect()
    };
    let mut colours: Vec<Rgb> = pick(&BLUES, positive).into_iter().rev().collect();
    if neutral.is_some() {
        colours.push(NEUTRAL);
    }
    colours.extend(pick(&REDS, negative));
    colours
}

/// How many levels lie on the positive and on the negative side of the neutral one.
fn sides(levels: usize, neutral: Option<usize>) -> (usize, usize) {
    match neutral {
        Some(n) if n < levels => (n, levels - n - 1),
        _ => (levels / 2, levels - levels / 2),
    }
}

fn diverging(c: &Diverging) -> Scene {
    let mut b = Builder::new();
    let y = b.title(&c.title);
    let levels = c.levels.len();
    let neutral = c.neutral.filter(|&n| n < levels);
    let (positive, _) = sides(levels, neutral);
    let colours = level_colours(levels, neutral);
    // The legend runs from the most negative level to the most positive, as the bars do.
    let mut legend: Vec<(String, Rgb)> = c
        .levels
        .iter()
        .zip(&colours)
        .rev()
        .map(|(l, c)| (l.clone(), *c))
        .collect();
    let any_apart = c.items.iter().any(|i| i.apart.iter().any(|&p| p > 0.0));
    if any_apart {
        legend.extend(c.apart.iter().zip(APART).map(|(l, c)| (l.clone(), c)));
    }
    let mut y = b.legend(&legend, y);

    let label_w = 230.0;
    let apart_w = if any_apart { 120.0 } else { 0.0 };
    let xa = PAD + label_w + 12.0;
    let xb = WIDTH - PAD - if any_apart { apart_w + 18.0 } else { 0.0 };
    let xc = (xa + xb) / 2.0;
    let half = (xb - xa) / 2.0;
    // Each side's extent: its levels plus half the neutral one.
    let extent = |item: &super::DivergingItem| -> (f64, f64) {
        let neutral_half =
            neutral.map_or(0.0, |n| item.levels.get(n).copied().unwrap_or(0.0) / 2.0);
        let pos: f64 = item.levels.iter().take(positive).sum::<f64>() + neutral_half;
        let skip = positive + usize::from(neutral.is_some());
        let neg: f64 = item.levels.iter().skip(skip).sum::<f64>() + neutral_half;
        (neg, pos)
    };
    let widest = c
        .items
        .iter()
        .map(|i| {
            let (n, p) = extent(i);
            n.max(p)
        })
        .fold(0.0, f64::max);
    let domain = ((widest / 20.0).ceil() * 20.0).clamp(20.0, 100.0);
    let k = half / domain;

    if any_apart {
        b.text(
            &c.apart_title,
            WIDTH - PAD - apart_w / 2.0,
            y,
            SMALL,
            MUTED,
            Align::Centre,
            false,
        );
        y += 10.0;
    }
    let top = y;
    let rows: Vec<(Vec<String>, f64)> = c
        .items
        .iter()
        .map(|i| {
            let lines = wrap(&i.label, label_w, LABEL, false, 4);
            let h = row_height(lines.len(), 30.0);
            (lines, h)
        })
        .collect();
    let bottom = top + rows.iter().map(|r| r.1).sum::<f64>();
    // Ticks at least 48 px apart, so "100 %" labels never touch.
    let step = [10.0, 20.0, 25.0, 50.0]
        .into_iter()
        .find(|s| s * k >= 48.0)
        .unwrap_or(100.0);
    let mut tick = 0.0;
    while tick <= domain + 1e-9 {
        for x in [xc - tick * k, xc + tick * k] {
            b.line(x, top, x, bottom, GRID, 1.0);
            let label = if tick == 0.0 {
                "0".to_string()
            } else {
                format!("{tick:.0} %")
            };
            b.text(&label, x, bottom + 10.0, SMALL, MUTED, Align::Centre, false);
            if tick == 0.0 {
                break;
            }
        }
        tick += step;
    }
    // Zero under the bars: the neutral segment's label may cross it.
    b.line(xc, top, xc, bottom, AXIS, 1.5);

    let mut y = top;
    for (item, (lines, h)) in c.items.iter().zip(&rows) {
        let mid = y + h / 2.0;
        b.label(lines, PAD + label_w, mid);
        let (y0, y1) = (mid - 10.0, mid + 10.0);
        let segment = |b: &mut Builder, from: f64, to: f64, colour: Rgb, pct: f64| {
            let (l, r) = if from < to { (from, to) } else { (to, from) };
            b.rect(l, y0, r, y1, colour);
            if pct < 5.0 {
                return;
            }
            // Every segment of 5 % or more is labelled: "48 %" inside, else "8" inside
            // (the title says the figures are %), else "5" just above the bar.
            let full = format!("{:.0} %", pct.round());
            let short = format!("{:.0}", pct.round());
            let ink = if colour.is_dark() {
                Rgb(255, 255, 255)
            } else {
                INK
            };
            if text_width(&full, SMALL, false) + 4.0 <= r - l {
                b.text(&full, (l + r) / 2.0, mid, SMALL, ink, Align::Centre, false);
            } else if text_width(&short, SMALL, false) + 2.0 <= r - l {
                b.text(&short, (l + r) / 2.0, mid, SMALL, ink, Align::Centre, false);
            } else {
                b.text(
                    &short,
                    (l + r) / 2.0,
                    y0 - 5.0,
                    9.0,
                    INK,
                    Align::Centre,
                    false,
                );
            }
        };
        let mut right = xc;
        let mut left = xc;
        if let Some(n) = neutral {
            let pct = item.levels.get(n).copied().unwrap_or(0.0);
            let w = pct / 2.0 * k;
            segment(&mut b, xc - w, xc + w, colours[n], pct);
            right += w;
            left -= w;
        }
        for i in (0..positive).rev() {
            let pct = item.levels.get(i).copied().unwrap_or(0.0);
            let to = right + pct * k;
            segment(&mut b, right, to, colours[i], pct);
            right = to;
        }
        let first_negative = positive + usize::from(neutral.is_some());
        for (i, colour) in colours.iter().enumerate().skip(first_negative) {
            let pct = item.levels.get(i).copied().unwrap_or(0.0);
            let to = left - pct * k;
            segment(&mut b, to, left, *colour, pct);
            left = to;
        }
        if any_apart {
            let mut x = WIDTH - PAD - apart_w;
            for (j, pct) in item.apart.iter().enumerate() {
                let to = x + pct / 100.0 * apart_w;
                segment(&mut b, x, to, APART[j.min(APART.len() - 1)], *pct);
                x = to;
            }
        }
        y += h;
    }
    if any_apart {
        let x = WIDTH - PAD - apart_w;
        b.line(x, top, x, bottom, AXIS, 1.0);
    }
    let y = b.note(c.note.as_deref(), bottom + 18.0);
    b.finish(y)
}

fn grouped(c: &Grouped) -> Scene {
    let mut b = Builder::new();
    let y = b.title(&c.title);
    let legend: Vec<(String, Rgb)> = c
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| (s.clone(), OKABE_ITO[i % OKABE_ITO.len()]))
        .collect();
    let mut y = b.legend(&legend, y);
    let label_w = 230.0;
    let value_w = 110.0;
    let x0 = PAD + label_w + 10.0;
    let x_max = WIDTH - PAD - value_w;
    let max = c
        .rows
        .iter()
        .flat_map(|r| r.values.iter().flatten())
        .copied()
        .fold(1.0, f64::max);
    let k = (x_max - x0) / max;
    let top = y;
    let bar_h = 12.0;
    let n = c.series.len().max(1) as f64;
    for row in &c.rows {
        let lines = wrap(&row.label, label_w, LABEL, false, 3);
        let h = row_height(lines.len(), n * (bar_h + 3.0) + 12.0);
        let mid = y + h / 2.0;
        b.label(&lines, PAD + label_w, mid);
        let first = mid - n * (bar_h + 3.0) / 2.0;
        for (i, value) in row.values.iter().enumerate() {
            let y0 = first + i as f64 * (bar_h + 3.0);
            let end = x0 + value.unwrap_or(0.0) * k;
            b.rect(x0, y0, end, y0 + bar_h, OKABE_ITO[i % OKABE_ITO.len()]);
            let label = row.labels.get(i).map_or("", String::as_str);
            b.text(
                label,
                end + 5.0,
                y0 + bar_h / 2.0,
                SMALL,
                INK,
                Align::Left,
                false,
            );
        }
        y += h;
        b.line(x0 - 4.0, y, WIDTH - PAD, y, GRID, 1.0);
    }
    b.line(x0, top, x0, y, AXIS, 1.0);
    let y = b.note(c.note.as_deref(), y);
    b.finish(y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{Diverging, DivergingItem};

    /// The numbers written on or just above the bars of a one-item diverging chart.
    fn bar_labels(chart: &Diverging) -> Vec<i64> {
        let scene = diverging(chart);
        // The segments: 20 px high, unlike the 12 px legend swatches.
        let bars: Vec<(f64, f64, f64, f64)> = scene
            .ops
            .iter()
            .filter_map(|op| match op {
                Op::Rect { x0, y0, x1, y1, .. } if (y1 - y0 - 20.0).abs() < 0.01 => {
                    Some((*x0, *y0, *x1, *y1))
                }
                _ => None,
            })
            .collect();
        let (top, bottom) = (bars[0].1, bars[0].3);
        let mut out: Vec<i64> = scene
            .ops
            .iter()
            .filter_map(|op| match op {
                Op::Text { text, x, y, .. } if *y >= top - 10.0 && *y <= bottom => {
                    let on_a_bar = bars.iter().any(|b| *x >= b.0 && *x <= b.2);
                    let n = text.trim_end_matches(" %").parse::<i64>().ok()?;
                    on_a_bar.then_some(n)
                }
                _ => None,
            })
            .collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn every_segment_of_five_percent_or_more_is_labelled() {
        // WPB, "Hoe capabel voel je je om aan WPB'ers professionalisering te geven?"
        // (0, 20, 39, 33, 8 %), 6 % no answer apart: before, the 8 % segment and the
        // 6 % apart had no label because "8 %" and "6 %" did not fit them.
        let levels = vec![0.0, 19.7, 39.3, 32.8, 8.2];
        let chart = Diverging {
            title: "t".into(),
            levels: ["a", "b", "c", "d", "e"].map(String::from).to_vec(),
            level_word: None,
            neutral: Some(2),
            apart: vec!["geen antwoord".into()],
            apart_title: "apart".into(),
            items: vec![DivergingItem {
                label: "q".into(),
                levels: levels.clone(),
                apart: vec![6.3],
            }],
            note: None,
        };
        // Hand-counted: every level and apart share of 5 % or more, rounded.
        assert_eq!(bar_labels(&chart), vec![6, 8, 20, 33, 39]);
        // A 5 % segment on a 100 % wide scale is too narrow even for "5": above it.
        let mut wide = chart.clone();
        wide.items[0].levels = vec![5.0, 90.0, 0.0, 0.0, 5.0];
        wide.items[0].apart = vec![0.0];
        assert_eq!(bar_labels(&wide), vec![5, 5, 90]);
    }

    #[test]
    fn five_levels_get_two_blues_grey_and_two_reds() {
        let c = level_colours(5, Some(2));
        assert_eq!(c, vec![BLUES[3], BLUES[1], NEUTRAL, REDS[1], REDS[3]]);
        // Four levels without a neutral one: two a side.
        assert_eq!(
            level_colours(4, None),
            vec![BLUES[3], BLUES[1], REDS[1], REDS[3]]
        );
    }
}
