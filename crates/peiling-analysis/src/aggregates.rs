//! What the accumulator hands to the summary: counts per (question, answer code) and
//! numeric statistics per question, and the codes of answers that are not a category.

use std::collections::HashMap;

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
    /// Statistics of the numbers given, per question.
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
