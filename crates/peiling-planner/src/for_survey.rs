//! The plan of a survey, made one way for every caller (the CLI's `plan` and `report`,
//! the web page): the catalogue's rule over the survey's demand with the themes whose
//! evaluation fell short marked for redesign, and the plan's `plan.json` text.

use crate::plan::RotationPlan;
#[cfg(feature = "summary")]
use crate::{catalogue::Catalogue, plan::plan, PlanError, PlanOptions};

impl RotationPlan {
    /// The meetings per year as a plan states them: "6", or "6 + 5 + 6" when the years
    /// differ.
    pub fn per_year_text(&self) -> String {
        if self.meetings_per_year.windows(2).all(|w| w[0] == w[1]) {
            self.per_year.to_string()
        } else {
            self.meetings_per_year
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(" + ")
        }
    }

    /// `plan.json`: the plan as pretty JSON with a final newline.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        let mut json = serde_json::to_string_pretty(self)?;
        json.push('\n');
        Ok(json)
    }
}

/// The plan of `catalogue` for the survey `summary` counts, with `options` (the first
/// day, those due and any other setting as the caller found them), and the themes whose
/// evaluation fell short marked for redesign. `None` when the catalogue was not chosen by
/// the user (`chosen` false) and the survey asks for none of its themes (a survey of
/// another partnership).
#[cfg(feature = "summary")]
pub fn plan_for_survey(
    catalogue: &Catalogue,
    chosen: bool,
    options: PlanOptions,
    summary: &peiling_analysis::Summary,
    redesign: Option<&[crate::RedesignTheme]>,
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
    let mut plan = plan(catalogue, &demand, &options)?;
    if let Some(redesign) = redesign {
        crate::mark_redesign(&mut plan, catalogue, redesign);
    }
    Ok(Some(plan))
}
