//! Lays out a dot-and-interval chart: one line per edition, the share as a dot on a
//! 0-100 % axis with its 95 % interval as a bar through it.

use super::super::Intervals;
use super::{Align, Builder, Scene, AXIS, BAR, GRID, INK, LABEL, MUTED, PAD, SMALL, WIDTH};

pub(super) fn intervals(c: &Intervals) -> Scene {
    let mut b = Builder::new();
    let mut y = b.title(&c.title);
    let label_w = 70.0;
    let value_w = 150.0;
    let x0 = PAD + label_w + 10.0;
    let x1 = WIDTH - PAD - value_w;
    let at = |pct: f64| x0 + (x1 - x0) * pct.clamp(0.0, 100.0) / 100.0;
    // The axis: 0, 25, 50, 75 and 100 %.
    for tick in [0.0, 25.0, 50.0, 75.0, 100.0] {
        b.text(
            &format!("{tick:.0} %"),
            at(tick),
            y + 6.0,
            SMALL,
            MUTED,
            Align::Centre,
            false,
        );
    }
    y += 16.0;
    let top = y;
    let h = 26.0;
    for row in &c.rows {
        let mid = y + h / 2.0;
        b.text(
            &row.label,
            PAD + label_w,
            mid,
            LABEL,
            INK,
            Align::Right,
            false,
        );
        if let Some(pct) = row.pct {
            b.line(at(row.low), mid, at(row.high), mid, BAR, 3.0);
            b.line(at(row.low), mid - 5.0, at(row.low), mid + 5.0, BAR, 1.5);
            b.line(at(row.high), mid - 5.0, at(row.high), mid + 5.0, BAR, 1.5);
            b.rect(at(pct) - 5.0, mid - 5.0, at(pct) + 5.0, mid + 5.0, INK);
        }
        b.text(&row.value, x1 + 12.0, mid, SMALL, INK, Align::Left, false);
        y += h;
    }
    for tick in [0.0, 25.0, 50.0, 75.0, 100.0] {
        b.line(at(tick), top, at(tick), y, GRID, 1.0);
    }
    b.line(x0, top, x0, y, AXIS, 1.0);
    let y = b.note(c.note.as_deref(), y);
    b.finish(y)
}
