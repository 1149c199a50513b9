//! Tidy rows straight from the streamed import: each accepted row of an export becomes
//! its tidy rows as the import hands it over ([`peiling_survey::import::stream_part`]),
//! and every [`BLOCK_ROWS`] rows the block goes to the caller and is dropped. Memory
//! grows with the questionnaire and the distinct answers, not with the respondents.
//!
//! The rows, their order and their respondent keys are those of
//! [`Tidy::from_survey`] on the loaded survey. Where the import cannot stream an export
//! (other encodings than UTF-8), or strict mode finds a problem, [`stream`] gives `None`
//! and the caller loads the survey whole, which also gives the canonical error.

use peiling_survey::import::stream_part;
use peiling_survey::{ImportOptions, SurveyPlan};

use crate::tidy::{PartRows, Tidy};
use crate::write::BLOCK_ROWS;
use crate::PanelError;

/// What [`stream`] went through: the survey's parts (with their respondents) and the
/// number of rows handed over.
#[derive(Debug, Clone)]
pub struct Streamed {
    /// The survey's description; its rows were handed over block by block.
    pub tidy: Tidy,
    pub rows: usize,
}

/// Streams every export of `plan` into tidy rows, handing them to `block` in blocks of
/// about [`BLOCK_ROWS`] (each a [`Tidy`] of the whole survey's parts so far and that
/// block's rows), in the order of [`Tidy::from_survey`]. `Ok(None)`: some export cannot
/// be streamed or strict mode finds a problem; blocks may have been handed over, and
/// the caller starts again from the loaded survey. An error of `block` stops it.
pub fn stream(
    plan: &SurveyPlan,
    import: &ImportOptions,
    block: &mut dyn FnMut(&Tidy) -> Result<(), PanelError>,
) -> Result<Option<Streamed>, PanelError> {
    let mut tidy = Tidy::empty(plan.edition.as_deref(), &plan.id);
    let mut total = 0usize;
    let mut failed: Option<PanelError> = None;
    for (pi, part) in plan.parts.iter().enumerate() {
        let builder = PartRows::new(&part.questionnaire, pi);
        tidy.parts.push(builder.info());
        let mut respondents = 0u32;
        let report = stream_part(part, import, &mut |_| {}, &mut |ids, dicts| {
            if failed.is_some() {
                return;
            }
            respondents += 1;
            let answer = |qi: usize| {
                let id = *ids.get(qi)? as usize;
                dicts.get(qi)?.answers.get(id)
            };
            builder.respondent(respondents, answer, &mut tidy.rows);
            if tidy.rows.len() >= BLOCK_ROWS {
                total += tidy.rows.len();
                if let Err(e) = block(&tidy) {
                    failed = Some(e);
                }
                tidy.rows.clear();
            }
        });
        if let Some(e) = failed {
            return Err(e);
        }
        let Some(report) = report else {
            return Ok(None);
        };
        if import.strict && report.strict_error().is_some() {
            return Ok(None);
        }
        tidy.parts[pi].respondents = respondents;
    }
    if !tidy.rows.is_empty() {
        total += tidy.rows.len();
        block(&tidy)?;
        tidy.rows.clear();
    }
    Ok(Some(Streamed { tidy, rows: total }))
}

#[cfg(test)]
mod tests;
