//! What the search is handed: the plan's first day and the problem of one candidate rule
//! (values of the themes, levels, caps, order) built from catalogue and demand.

use chrono::{Datelike, NaiveDate};

use crate::catalogue::{Catalogue, Level};
use crate::demand::{Demand, SurveyDemand};
use crate::plan::PlanOptions;
use crate::ranges::Rule;
use crate::solve::Problem;
use crate::PlanError;

pub(crate) fn build_problem(
    catalogue: &Catalogue,
    rule: &Rule,
    demand: &[Demand],
    waiting: &[bool],
) -> Result<Problem, PlanError> {
    let themes = &catalogue.themes;
    let n = themes.len();
    let slots = rule.slots();
    // Tie-break units stay below one unit of demand: T·S(S+1)/2 bounds their total.
    let scale = (n * slots * (slots + 1) / 2 + 1) as i128;
    let values: Vec<i128> = demand
        .iter()
        .enumerate()
        .map(|(i, d)| (d.score * 1e6).round() as i128 * scale + (n - i) as i128)
        .collect();
    let basis: Vec<bool> = themes.iter().map(|t| t.level == Level::Basis).collect();
    let per_level = |level: Level| themes.iter().filter(|t| t.level == level).count().max(1);
    // No theme twice unless its level has spare meetings: caps from the level's most
    // meetings per cycle and in any year over its number of themes.
    let cap = |level: Level, most: &dyn Fn(usize) -> usize| {
        let k = per_level(level);
        let cycle: usize = (0..rule.years).map(most).sum();
        let year = (0..rule.years).map(most).max().unwrap_or(0);
        (cycle.div_ceil(k).max(1), year.div_ceil(k).max(1))
    };
    let basis_caps = cap(Level::Basis, &|y| rule.basis_max[y]);
    let verd_caps = cap(Level::Verdiepend, &|y| rule.counts[y] - rule.basis_min[y]);
    let caps: Vec<(usize, usize)> = basis
        .iter()
        .map(|&b| if b { basis_caps } else { verd_caps })
        .collect();
    let preds: Vec<Vec<usize>> = themes
        .iter()
        .map(|t| {
            t.after
                .iter()
                .filter_map(|a| themes.iter().position(|x| x.id == *a))
                .collect()
        })
        .collect();
    Ok(Problem {
        values,
        basis,
        preds,
        waiting: waiting.to_vec(),
        years: rule.years,
        counts: rule.counts.clone(),
        basis_min: rule.basis_min.clone(),
        basis_max: rule.basis_max.clone(),
        cap_total: caps.iter().map(|c| c.0).collect(),
        cap_year: caps.iter().map(|c| c.1).collect(),
        spread: None,
        required: Vec::new(),
    })
}

/// The plan's first day: the option; or 1 September of the year after the edition; or,
/// without an edition, the first 1 September after the exports' last submission date.
pub(crate) fn start_date(
    survey: &SurveyDemand,
    options: &PlanOptions,
) -> Result<NaiveDate, PlanError> {
    if let Some(d) = options.start {
        return Ok(d);
    }
    let year = survey.edition.as_deref().and_then(|e| {
        e.split(|c: char| !c.is_ascii_digit())
            .find(|part| part.len() == 4)
            .and_then(|y| y.parse::<i32>().ok())
    });
    if let Some(d) = year.and_then(|y| NaiveDate::from_ymd_opt(y + 1, 9, 1)) {
        return Ok(d);
    }
    let last = survey
        .last_submission
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    last.and_then(|d| {
        let september = NaiveDate::from_ymd_opt(d.year(), 9, 1)?;
        if d < september {
            Some(september)
        } else {
            NaiveDate::from_ymd_opt(d.year() + 1, 9, 1)
        }
    })
    .ok_or_else(|| PlanError::NoStart {
        survey: survey.survey.clone(),
    })
}
