//! The plan a survey's report shows, chosen once for every caller (the CLI's `report`,
//! the web page): the catalogue's default rule over the survey's demand, and the plan's
//! `plan.json` text.

use chrono::NaiveDate;

use crate::catalogue::Catalogue;
use crate::plan::{plan, PlanOptions, RotationPlan};
use crate::PlanError;

impl RotationPlan {
    /// `plan.json`: the plan as pretty JSON with a final newline.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        let mut json = serde_json::to_string_pretty(self)?;
        json.push('\n');
        Ok(json)
    }
}

/// The plan of `catalogue` for the survey `summary` counts, with the default options and
/// the first day `start` when given. `None` when the catalogue was not chosen by the user
/// (`chosen` false) and the survey asks for none of its themes (a survey of another
/// partnership).
#[cfg(feature = "summary")]
pub fn plan_for_report(
    catalogue: &Catalogue,
    chosen: bool,
    start: Option<NaiveDate>,
    summary: &peiling_analysis::Summary,
) -> Result<Option<RotationPlan>, PlanError> {
    let asked = summary.parts.iter().any(|p| {
        p.theme_demand
            .iter()
            .any(|d| catalogue.themes.iter().any(|t| t.id == d.theme))
    });
    if !asked && !chosen {
        return Ok(None);
    }
    let demand = crate::SurveyDemand::from(summary);
    let options = PlanOptions {
        start,
        ..PlanOptions::default()
    };
    plan(catalogue, &demand, &options).map(Some)
}
