//! The summary passes the privacy filter ([`peiling_core::privacy::scrub`]) where it is
//! built: every text it carries (titles, question texts, option labels, "other" texts,
//! quotes, unknown markers, cross-tab labels) is free of contact details, control
//! characters and unisolated bidi overrides, whichever engine computed it, so the JSON,
//! the terminal tables, the report, its charts and the plan all print clean text.

use peiling_core::privacy::scrub;

use crate::summary::*;

/// Scrubs every human-readable text of `summary` in place (ids, kinds and numbers stay).
pub fn scrub_summary(summary: &mut Summary) {
    let info = &mut summary.survey;
    clean(&mut info.title);
    clean_opt(&mut info.title_en);
    clean_opt(&mut info.partnership);
    clean_opt(&mut info.edition);
    summary.filters.iter_mut().for_each(clean);
    for part in &mut summary.parts {
        scrub_part(part);
    }
}

fn scrub_part(part: &mut PartSummary) {
    clean(&mut part.title);
    clean_opt(&mut part.title_en);
    clean(&mut part.audience);
    for q in &mut part.questions {
        clean(&mut q.text);
        clean_opt(&mut q.label_en);
        clean_opt(&mut q.short);
        clean_opt(&mut q.short_en);
        clean(&mut q.group);
        clean_opt(&mut q.condition);
        scrub_detail(&mut q.detail);
    }
    for c in &mut part.crosstabs {
        c.rows
            .iter_mut()
            .chain(c.columns.iter_mut())
            .for_each(clean);
    }
    for d in &mut part.theme_demand {
        for s in &mut d.sources {
            clean(&mut s.option);
            clean_opt(&mut s.option_en);
        }
    }
}

fn scrub_detail(detail: &mut Detail) {
    match detail {
        Detail::Choice { rows } => rows.iter_mut().for_each(row),
        Detail::Multi { rows, other, .. } => {
            rows.iter_mut().for_each(row);
            other.iter_mut().for_each(|t| clean(&mut t.text));
        }
        Detail::Scale {
            rows,
            not_applicable,
            top2,
            median,
            ..
        } => {
            rows.iter_mut()
                .chain(not_applicable.iter_mut())
                .chain(top2.iter_mut())
                .for_each(row);
            clean_opt(median);
        }
        Detail::Number {
            unit,
            unit_en,
            unknown_texts,
            histogram,
            mode,
            ..
        } => {
            clean_opt(unit);
            clean_opt(unit_en);
            unknown_texts.iter_mut().for_each(clean);
            histogram.iter_mut().for_each(row);
            mode.iter_mut().for_each(clean);
        }
        Detail::Text { answers, .. } => answers.iter_mut().for_each(|t| clean(&mut t.text)),
        Detail::Personal { .. } => {}
    }
}

fn row(r: &mut CategoryRow) {
    clean(&mut r.label);
    clean_opt(&mut r.label_en);
}

fn clean(text: &mut String) {
    let scrubbed = scrub(text);
    if scrubbed != *text {
        *text = scrubbed;
    }
}

fn clean_opt(text: &mut Option<String>) {
    if let Some(t) = text {
        clean(t);
    }
}
