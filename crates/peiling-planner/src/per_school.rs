//! Per-school selection (Alliantie model): each school takes `pick` of the themes the plan
//! offers in a year, by its own respondents' demand; small groups get the overall choice.

use serde::{Deserialize, Serialize};

use crate::catalogue::Catalogue;
use crate::demand::{self, SurveyDemand};
use crate::plan::{count, PlanOptions, RotationPlan};
use crate::text::Text;
use crate::PlanError;

/// Per-school selection (Alliantie model): each school takes `pick` of the year's themes.
#[derive(Debug, Clone)]
pub struct PerSchool {
    /// The grouping question (e.g. "school"), for the plan's record.
    pub question: String,
    pub pick: usize,
    /// Schools with fewer respondents get the overall choice (small groups are not shown).
    pub min_group: usize,
    /// Each school with the demand of its own respondents.
    pub schools: Vec<(String, SurveyDemand)>,
}

/// The themes one school takes in one year.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SchoolSelection {
    pub school: String,
    pub year: u32,
    /// `None` when the school has fewer respondents than the small-group threshold.
    pub respondents: Option<usize>,
    pub picks: Vec<SchoolPick>,
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SchoolPick {
    pub theme: String,
    pub title: String,
    pub title_en: Option<String>,
    /// The school's own demand score; `None` when suppressed: the school, or the number
    /// of its respondents asking for the theme, is below the small-group threshold.
    pub demand: Option<f64>,
    /// The school's respondents who asked for it; `None` when suppressed.
    pub respondents: Option<usize>,
}

pub(crate) fn select_per_school(
    catalogue: &Catalogue,
    plan: &RotationPlan,
    options: &PlanOptions,
    per_school: &PerSchool,
) -> Result<Vec<SchoolSelection>, PlanError> {
    let index = |id: &str| {
        catalogue
            .themes
            .iter()
            .position(|t| t.id == id)
            .unwrap_or(0)
    };
    let overall = |id: &str| {
        plan.demand
            .iter()
            .find(|d| d.theme == id)
            .map_or(0.0, |d| d.score)
    };
    let mut out = Vec::new();
    for year in 1..=plan.years {
        let mut year_themes: Vec<&str> = Vec::new();
        for m in plan.meetings.iter().filter(|m| m.year == year) {
            if !year_themes.contains(&m.theme.as_str()) {
                year_themes.push(&m.theme);
            }
        }
        if per_school.pick == 0 || per_school.pick > year_themes.len() {
            return Err(PlanError::Setting {
                setting: crate::PlanSetting::Pick,
                value: per_school.pick.to_string(),
                problem: format!(
                    "year {year} offers {}; pick 1 to {}",
                    count(year_themes.len(), "theme", "themes"),
                    year_themes.len()
                ),
            });
        }
        for (school, survey) in &per_school.schools {
            let (demand, _) = demand::demand(catalogue, survey, &options.weights);
            let respondents: usize = survey.parts.iter().map(|p| p.respondents).sum();
            let small = respondents < per_school.min_group;
            let score = |id: &str| {
                demand
                    .iter()
                    .find(|d| d.theme == id)
                    .map_or(0.0, |d| d.score)
            };
            let mut ranked = year_themes.clone();
            if small {
                ranked.sort_by(|a, b| {
                    overall(b)
                        .total_cmp(&overall(a))
                        .then(index(a).cmp(&index(b)))
                });
            } else {
                ranked.sort_by(|a, b| {
                    score(b)
                        .total_cmp(&score(a))
                        .then(overall(b).total_cmp(&overall(a)))
                        .then(index(a).cmp(&index(b)))
                });
            }
            let picks = ranked
                .iter()
                .take(per_school.pick)
                .filter_map(|id| catalogue.theme(id))
                .map(|t| {
                    let d = demand.iter().find(|d| d.theme == t.id);
                    let asked: usize =
                        d.map_or(0, |d| d.audiences.iter().map(|a| a.respondents).sum());
                    // A count under the threshold is a small cell of school × theme.
                    let shown = !small && (asked == 0 || asked >= per_school.min_group);
                    SchoolPick {
                        theme: t.id.clone(),
                        title: t.title.clone(),
                        title_en: t.title_en.clone(),
                        demand: shown.then(|| d.map_or(0.0, |d| d.score)),
                        respondents: shown.then_some(asked),
                    }
                })
                .collect();
            out.push(SchoolSelection {
                school: school.clone(),
                year,
                respondents: (!small).then_some(respondents),
                picks,
                note: small.then(|| {
                    Text::new(
                        format!(
                            "minder dan {} respondenten: keuze op grond van de vraag van alle scholen",
                            per_school.min_group
                        ),
                        format!(
                            "fewer than {} respondents: chosen by the demand of all schools",
                            per_school.min_group
                        ),
                    )
                }),
            });
        }
    }
    Ok(out)
}
