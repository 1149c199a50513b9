//! The answers of one questionnaire as a long polars frame, and the two lazy
//! aggregations every figure is read from: counts per category and numeric statistics.

use std::collections::HashMap;

use peiling_survey::{Answer, Response};
use polars::prelude::*;

use crate::AnalysisError;

/// Codes for answers that are not a category.
pub const NO_ANSWER: i32 = -1;
pub const INVALID: i32 = -2;
pub const NO_BAND: i32 = -3;
pub const UNKNOWN: i32 = -4;
pub const TEXT: i32 = -5;
/// Not-applicable levels are coded from here on, so they never mix with levels.
pub const NOT_APPLICABLE: i32 = 1000;

/// Counts per (question, code) and numeric statistics per question.
#[derive(Debug, Default)]
pub struct Aggregates {
    pub counts: HashMap<(u32, i32), usize>,
    /// How many respondents gave at least one row for the question (multi: answered once).
    pub stats: HashMap<u32, NumericStats>,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct NumericStats {
    pub n: usize,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    pub sd: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

/// Long format: one row per respondent, question and chosen category (multi-select
/// gives several), with the numeric value where there is one.
pub fn long_frame(
    responses: &[&Response],
    asked: &[Vec<bool>],
) -> Result<DataFrame, AnalysisError> {
    let mut respondent: Vec<u32> = Vec::new();
    let mut question: Vec<u32> = Vec::new();
    let mut code: Vec<i32> = Vec::new();
    let mut value: Vec<Option<f64>> = Vec::new();
    for (ri, r) in responses.iter().enumerate() {
        for (qi, answer) in r.answers.iter().enumerate() {
            // Personal data counts as answered or not like any answer; its text never
            // enters the frame (an `Answer::Text` is only a code here).
            if !asked[qi][ri] {
                continue;
            }
            let mut push = |c: i32, v: Option<f64>| {
                respondent.push(ri as u32);
                question.push(qi as u32);
                code.push(c);
                value.push(v);
            };
            match answer {
                Answer::NoAnswer => push(NO_ANSWER, None),
                Answer::Invalid(_) => push(INVALID, None),
                Answer::Choice(i) => push(*i as i32, None),
                Answer::NotApplicable(i) => push(NOT_APPLICABLE + *i as i32, None),
                Answer::Multi { chosen, .. } => {
                    for &c in chosen {
                        push(c as i32, None);
                    }
                }
                Answer::Number { value, band } => {
                    push(band.map_or(NO_BAND, |b| b as i32), Some(*value));
                }
                Answer::Unknown(_) => push(UNKNOWN, None),
                Answer::Text(_) => push(TEXT, None),
            }
        }
    }
    df!(
        "respondent" => respondent,
        "question" => question,
        "code" => code,
        "value" => value,
    )
    .map_err(polars_error)
}

pub fn aggregate(frame: DataFrame) -> Result<Aggregates, AnalysisError> {
    let counts_df = frame
        .clone()
        .lazy()
        .group_by([col("question"), col("code")])
        .agg([len().alias("n")])
        .collect()
        .map_err(polars_error)?;
    let stats_df = frame
        .lazy()
        .filter(col("value").is_not_null())
        .group_by([col("question")])
        .agg([
            col("value").count().alias("n"),
            col("value").mean().alias("mean"),
            col("value").median().alias("median"),
            col("value").std(1).alias("sd"),
            col("value").min().alias("min"),
            col("value").max().alias("max"),
        ])
        .collect()
        .map_err(polars_error)?;

    let mut out = Aggregates::default();
    let q = u32_column(&counts_df, "question")?;
    let c = i32_column(&counts_df, "code")?;
    let n = u32_column(&counts_df, "n")?;
    for ((q, c), n) in q.into_iter().zip(c).zip(n) {
        if let (Some(q), Some(c), Some(n)) = (q, c, n) {
            out.counts.insert((q, c), n as usize);
        }
    }
    let q = u32_column(&stats_df, "question")?;
    let n = u32_column(&stats_df, "n")?;
    let floats = ["mean", "median", "sd", "min", "max"]
        .iter()
        .map(|name| f64_column(&stats_df, name))
        .collect::<Result<Vec<_>, _>>()?;
    for (i, (q, n)) in q.into_iter().zip(n).enumerate() {
        if let Some(q) = q {
            out.stats.insert(
                q,
                NumericStats {
                    n: n.unwrap_or(0) as usize,
                    mean: floats[0][i],
                    median: floats[1][i],
                    sd: floats[2][i],
                    min: floats[3][i],
                    max: floats[4][i],
                },
            );
        }
    }
    Ok(out)
}

fn column<'a>(df: &'a DataFrame, name: &str) -> Result<&'a Column, AnalysisError> {
    df.column(name).map_err(polars_error)
}

fn u32_column(df: &DataFrame, name: &str) -> Result<Vec<Option<u32>>, AnalysisError> {
    let c = column(df, name)?
        .cast(&DataType::UInt32)
        .map_err(polars_error)?;
    Ok(c.u32().map_err(polars_error)?.iter().collect())
}

fn i32_column(df: &DataFrame, name: &str) -> Result<Vec<Option<i32>>, AnalysisError> {
    let c = column(df, name)?
        .cast(&DataType::Int32)
        .map_err(polars_error)?;
    Ok(c.i32().map_err(polars_error)?.iter().collect())
}

fn f64_column(df: &DataFrame, name: &str) -> Result<Vec<Option<f64>>, AnalysisError> {
    let c = column(df, name)?
        .cast(&DataType::Float64)
        .map_err(polars_error)?;
    Ok(c.f64().map_err(polars_error)?.iter().collect())
}

fn polars_error(e: PolarsError) -> AnalysisError {
    AnalysisError::Internal(format!("polars: {e}"))
}
