//! The computed figures of a survey: what `analyze --json` prints and what the report
//! and planner read. Schema documented in docs/analysis-schema.md; bump SCHEMA on change.

use peiling_survey::About;
use serde::{Deserialize, Serialize};

pub use peiling_survey::{Group, GroupRole};

pub const SCHEMA: &str = "peiling-analysis/1";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Summary {
    pub schema: String,
    pub survey: SurveyInfo,
    /// The `--where` filters applied, as given.
    pub filters: Vec<String>,
    /// Breakdown cells below this are suppressed (0: off).
    pub min_group: usize,
    pub parts: Vec<PartSummary>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SurveyInfo {
    pub id: String,
    pub title: String,
    pub title_en: Option<String>,
    pub partnership: Option<String>,
    pub edition: Option<String>,
    /// What the survey declares about its data (origin, not asked, corrections).
    #[serde(default, skip_serializing_if = "About::is_empty")]
    pub about: About,
}

/// One questionnaire (audience) of the survey.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PartSummary {
    pub questionnaire: String,
    pub title: String,
    pub title_en: Option<String>,
    pub audience: String,
    pub population: Option<u32>,
    /// Accepted rows after filters: the n of every question.
    pub respondents: usize,
    pub rows_read: usize,
    pub rows_rejected: usize,
    /// The latest completion date of the export's accepted rows (`YYYY-MM-DD`, before
    /// any filter), from its completion-time column; the plan starts after it when the
    /// survey names no edition.
    #[serde(default)]
    pub last_submission: Option<String>,
    /// Questions the export has no column for: every answer to them is "geen antwoord".
    #[serde(default)]
    pub missing_questions: Vec<String>,
    /// respondents / population, when the population is known.
    pub response_rate: Option<f64>,
    pub questions: Vec<QuestionSummary>,
    /// Cronbach's alpha per scale the questionnaire declares (`[[scale]]`); the alpha
    /// itself only where its conditions hold (`stats::alpha_allowed`).
    pub reliability: Vec<Reliability>,
    /// The report groups the questionnaire declares (`[[group]]`), in report order.
    #[serde(default)]
    pub groups: Vec<Group>,
    /// Present with `--by`.
    pub crosstabs: Vec<CrossTab>,
    /// Demand per catalogue theme, from the options' `themes` links: every theme a
    /// linked option names, also when nobody chose it. Ranked by `weighted`, then id.
    #[serde(default)]
    pub theme_demand: Vec<ThemeDemand>,
}

/// How much the respondents of one part asked for one catalogue theme.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ThemeDemand {
    /// Catalogue theme id, as the questionnaire's `themes` links write it.
    pub theme: String,
    /// Sum over the feeding options of count × weight.
    pub weighted: f64,
    /// Respondents who chose at least one option feeding this theme (each counted once).
    pub respondents: usize,
    /// The options feeding the theme, in questionnaire order.
    pub sources: Vec<DemandSource>,
}

/// One option that feeds a theme: how many chose it (of those it was put to) and its weight.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DemandSource {
    pub question: String,
    pub option: String,
    pub option_en: Option<String>,
    pub count: usize,
    pub weight: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct QuestionSummary {
    pub id: String,
    pub text: String,
    pub label_en: Option<String>,
    /// The questionnaire's short title for the question (`short`, `short_en`): how a
    /// report's sentences name it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_en: Option<String>,
    pub group: String,
    pub kind: String,
    /// Respondents the question was put to: all, or those meeting its `only_if`.
    pub base: usize,
    /// `only_if` as "question = answer", when the question was conditional.
    pub condition: Option<String>,
    /// answered + no_answer + invalid = base.
    pub answered: usize,
    pub no_answer: usize,
    pub invalid: usize,
    pub detail: Detail,
}

/// A category (option, level, band) with its count and percentages.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CategoryRow {
    pub label: String,
    pub label_en: Option<String>,
    pub count: usize,
    /// % of the question's base (all respondents it was put to).
    pub pct_base: f64,
    /// % of those who answered (for scales: answered minus not applicable).
    pub pct_answered: Option<f64>,
    /// 95 % Wilson interval of the proportion of those who answered, in %.
    pub wilson95: Option<[f64; 2]>,
    /// The option means "none of these" (the questionnaire's `exclusive = true`):
    /// never named as a wish.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub exclusive: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TextCount {
    pub text: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Detail {
    /// single, yesno: rows in option order.
    Choice { rows: Vec<CategoryRow> },
    /// multi: rows ranked by count (ties in option order); "other" texts collected.
    Multi {
        rows: Vec<CategoryRow>,
        other: Vec<TextCount>,
        /// Mean number of options chosen by those who answered.
        mean_chosen: Option<f64>,
    },
    /// scale: levels in order (most positive first), not-applicable apart.
    Scale {
        rows: Vec<CategoryRow>,
        not_applicable: Vec<CategoryRow>,
        neutral: Option<usize>,
        /// Share of the two most positive levels among those who answered a level.
        top2: Option<CategoryRow>,
        /// Label of the median level.
        median: Option<String>,
    },
    /// number and bands: statistics over the known values; histogram in the bands.
    Number {
        unit: Option<String>,
        /// The unit in English, when the questionnaire gives one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit_en: Option<String>,
        /// Answers with a known value (for bands answered by label: none).
        values: usize,
        /// Answers like "???": answered, value unknown.
        unknown: usize,
        /// The unknown markers as written, in order of appearance.
        unknown_texts: Vec<String>,
        mean: Option<f64>,
        median: Option<f64>,
        sd: Option<f64>,
        min: Option<f64>,
        max: Option<f64>,
        histogram: Vec<CategoryRow>,
        /// Label(s) of the most frequent band.
        mode: Vec<String>,
        /// Individual values in answer order (small surveys: the report's table).
        list: Vec<Option<f64>>,
    },
    /// text: trimmed, deduplicated (case-insensitively), first-seen order.
    Text {
        answers: Vec<TextCount>,
        motivation_for: Option<String>,
    },
    /// personal data: only how many gave it, never the content.
    Personal { personal: String },
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Reliability {
    pub items: Vec<String>,
    /// Respondents who answered a level on every item.
    pub respondents: usize,
    /// Shown only for a declared scale of at least 3 items and 30 such respondents.
    pub cronbach_alpha: Option<f64>,
    /// The declared scale's id and title.
    #[serde(default)]
    pub scale: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub title_en: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Test {
    pub name: String,
    pub statistic: f64,
    pub df: Option<f64>,
    pub p: f64,
    /// The effect size that goes with the test (Cramér's V, phi, r, epsilon squared).
    #[serde(default)]
    pub effect: Option<Effect>,
}

/// How strong a difference or association is, next to whether it is significant.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Effect {
    pub name: String,
    pub value: f64,
}

/// Why a cross-tab's test is not for the report (docs/report-rules.md).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Withheld {
    /// Fewer respondents in the table than a test needs.
    FewRespondents { n: usize, min: usize },
    /// A group smaller than a test needs.
    SmallGroup { smallest: usize, min: usize },
    /// Expected counts too small for chi-square, and the table is not 2x2 (no exact test).
    SmallExpected { smallest: f64 },
}

/// A question by a grouping question; `None` cells are suppressed (small groups).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CrossTab {
    pub question: String,
    pub by: String,
    pub rows: Vec<String>,
    pub columns: Vec<String>,
    pub counts: Vec<Vec<Option<usize>>>,
    pub suppressed: usize,
    pub chi_square: Option<Test>,
    pub cramers_v: Option<f64>,
    /// 2x2 tables: Fisher's exact test (two-sided).
    pub fisher: Option<Test>,
    /// Ordinal question: Mann-Whitney U (two groups) or Kruskal-Wallis (more).
    pub ordinal: Option<Test>,
    /// Expected counts below 5: the chi-square approximation is doubtful.
    pub warning: Option<String>,
    /// The tests whose conditions hold, each with its effect size: what a report shows.
    #[serde(default)]
    pub shown: Vec<Test>,
    /// Why a test is left out of `shown`, when one is.
    #[serde(default)]
    pub withheld: Option<Withheld>,
}

/// Two surveys (or two parts) side by side on their shared questions.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Comparison {
    pub schema: String,
    pub left: String,
    pub right: String,
    pub questions: Vec<QuestionComparison>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct QuestionComparison {
    pub questionnaire: String,
    pub id: String,
    pub text: String,
    pub kind: String,
    pub left_base: usize,
    pub right_base: usize,
    pub rows: Vec<ComparedRow>,
    pub test: Option<Test>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ComparedRow {
    pub label: String,
    pub left_count: usize,
    pub left_pct: f64,
    pub right_count: usize,
    pub right_pct: f64,
    /// right - left, in percentage points.
    pub diff_pp: f64,
}

impl Summary {
    pub fn part(&self, questionnaire: &str) -> Option<&PartSummary> {
        self.parts.iter().find(|p| p.questionnaire == questionnaire)
    }
}

impl PartSummary {
    pub fn question(&self, id: &str) -> Option<&QuestionSummary> {
        self.questions.iter().find(|q| q.id == id)
    }
}

impl CategoryRow {
    pub fn label(&self, english: bool) -> &str {
        match (&self.label_en, english) {
            (Some(en), true) => en,
            _ => &self.label,
        }
    }
}

impl QuestionSummary {
    pub fn label(&self, english: bool) -> &str {
        match (&self.label_en, english) {
            (Some(en), true) => en,
            _ => &self.text,
        }
    }

    /// The short title in the requested language, when the questionnaire gives one (an
    /// English report never falls back to the Dutch one).
    pub fn short(&self, english: bool) -> Option<&str> {
        if english {
            self.short_en.as_deref()
        } else {
            self.short.as_deref()
        }
    }
}
