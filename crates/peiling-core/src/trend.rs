//! The result of a series' trend across editions (JSON schema `peiling-trend/1`,
//! docs/trend-schema.md): computed by peiling-panel on polars, rendered by the report,
//! which must build without polars. Editions are repeated cross-sections: nothing here
//! follows a person from one year to the next.

use serde::Serialize;

/// Version of the JSON; bumped when a field changes meaning or disappears.
pub const SCHEMA: &str = "peiling-trend/1";

/// No test of change when an edition that asks the question has fewer answers than this.
pub const MIN_N: usize = 10;

/// The trend of a whole series.
#[derive(Debug, Clone, Serialize)]
pub struct Trend {
    pub schema: &'static str,
    pub series: SeriesInfo,
    pub editions: Vec<EditionInfo>,
    pub min_n: usize,
    pub questions: Vec<QuestionTrend>,
    pub themes: Vec<ThemeTrend>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SeriesInfo {
    pub id: String,
    pub title: String,
    pub title_en: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EditionInfo {
    pub year: i32,
    pub survey: String,
    pub parts: Vec<EditionPart>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EditionPart {
    pub questionnaire: String,
    pub audience: String,
    pub respondents: u32,
}

/// Where in the series a question is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// In every edition.
    Shared,
    /// From a later edition on.
    New,
    /// Up to an edition, not after.
    Dropped,
    /// With gaps.
    Partial,
}

/// One edition's figure for one category.
#[derive(Debug, Clone, Serialize)]
pub struct Point {
    pub edition: i32,
    pub count: u32,
    /// Respondents who answered with a category (multi: chose at least one option).
    pub n: u32,
    /// `count / n` in %; null when n is 0.
    pub pct: Option<f64>,
    /// Wilson 95 % interval of `pct`, in %.
    pub wilson95: Option<[f64; 2]>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CategoryTrend {
    pub label: String,
    pub label_en: Option<String>,
    pub points: Vec<Point>,
    /// Multi-select: the test of change of this option's share.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test: Option<ChangeTest>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionTrend {
    pub questionnaire: String,
    pub audience: String,
    pub id: String,
    pub text: String,
    pub text_en: Option<String>,
    pub kind: String,
    pub presence: Presence,
    /// The editions that ask the question, oldest first.
    pub editions: Vec<i32>,
    /// Per edition of the series: respondents who answered with a category.
    pub n: Vec<Option<u32>>,
    pub categories: Vec<CategoryTrend>,
    /// The headline share: "Ja" of a yes/no question, the two most positive levels of a
    /// scale (`top2`); none for other kinds.
    pub headline: Option<CategoryTrend>,
    pub test: Option<ChangeTest>,
    /// Why there is no test (too few answers, one edition, a multi-select).
    pub no_test: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ThemeTrend {
    pub questionnaire: String,
    pub audience: String,
    pub theme: String,
    /// Respondents who chose an option feeding the theme, of all respondents.
    pub points: Vec<Point>,
}

/// A test of change with its effect size.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeTest {
    pub name: String,
    pub statistic: f64,
    pub df: f64,
    pub p: f64,
    /// What the effect size is: `pp_change` (last minus first edition, percentage
    /// points), `r` (correlation of year and level), `cramers_v`.
    pub effect: String,
    pub effect_size: f64,
}
