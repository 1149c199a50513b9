//! peiling-planner: the theme catalogue and the rotation planner.
//!
//! A [`Catalogue`] (TOML, [`Catalogue::from_toml`]; two are bundled) lists the themes a
//! partnership can offer. [`plan`] weighs the survey's demand for them ([`SurveyDemand`],
//! from the analysis) and places them over the meetings of a cycle with an exact search:
//! the [`RotationPlan`] holds the meetings with dates, hosts and reasons in Dutch and
//! English, and writes itself as iCalendar ([`RotationPlan::to_ics`]).

mod assumptions;
mod calendar;
mod catalogue;
mod catalogue_toml;
mod demand;
mod due;
mod evaluation;
mod for_survey;
mod history;
mod holidays;
mod hosts;
mod ics;
mod infeasible;
mod meetings;
mod notes;
mod per_school;
mod plan;
mod problem;
mod ranges;
mod school_assign;
mod school_ics;
mod school_mode;
mod setting;
mod solve;
mod text;

pub use calendar::CalendarRule;
pub use catalogue::{Catalogue, Level, Rotation, Theme, BUNDLED_CATALOGUES};
pub use chrono::NaiveDate;
pub use demand::{
    AudienceDemand, AudienceWeight, Demand, DemandRule, PartDemand, RequestSource, SurveyDemand,
    ThemeRequest,
};
pub use due::{DueCount, DueHeadcount, DueKind};
pub use evaluation::{mark_redesign, Measure as EvaluationMeasure, RedesignTheme, Shortfall};
#[cfg(feature = "summary")]
pub use for_survey::plan_for_survey;
pub use history::{read_history, Offering, RefresherRule};
pub use holidays::{Holiday, Holidays};
pub use hosts::{HostSchool, School};
pub use peiling_core::DefinitionError;
pub use per_school::{PerSchool, SchoolPick, SchoolSelection};
pub use plan::{plan, school_years, Meeting, PlanOptions, RotationPlan, PLAN_SCHEMA};
pub use school_ics::CalendarOf;
pub use school_mode::{
    plan_schools, CentralRequest, SchoolModeOptions, SchoolModeRule, SchoolPlan, SchoolSummary,
    Trainer, TrainerLoad, Workshop, SCHOOL_PLAN_SCHEMA,
};
pub use setting::{Advice, Piece, PlanSetting};
pub use text::{Headcount, Reason, Text};

/// Why no plan came out; every message is one line for the user.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    /// A mistake in a catalogue or holidays file, with file and line.
    #[error(transparent)]
    Definition(#[from] DefinitionError),
    /// A setting whose value does not fit the catalogue or the plan's limits.
    #[error("{setting} {value}: {problem}")]
    Setting {
        setting: PlanSetting,
        value: String,
        problem: String,
    },
    /// Options that do not fit the catalogue or the survey.
    #[error("{0}")]
    Invalid(String),
    /// No first day given, and the survey names neither an edition year nor a
    /// submission date to start the plan after.
    #[error("survey \"{survey}\" names no edition year and its exports no submission date to start the plan after: give the plan's first day")]
    NoStart { survey: String },
    /// The constraints leave no plan; the message names the ones that conflict.
    #[error("no plan possible: {0}")]
    Infeasible(Advice),
}
