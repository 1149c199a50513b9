//! The rotation plan: from catalogue, demand and options to meetings with dates, hosts and
//! reasons. Infeasible input is explained in `infeasible.rs`, the per-school selection made in
//! `per_school.rs`.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::assumptions;
use crate::calendar::{self, school_year, weekday_text};
use crate::catalogue::{Catalogue, Level};
use crate::demand::{self, round6, AudienceWeight, Demand, SurveyDemand};
use crate::due::{self, DueCount, DueHeadcount};
use crate::history::{self, Offering};
use crate::holidays::Holidays;
use crate::hosts::{self, HostSchool};
use crate::meetings::{self, Placement};
use crate::notes::{self, Remarks};
use crate::per_school::{select_per_school, PerSchool, SchoolSelection};
use crate::problem::build_problem;
pub(crate) use crate::problem::start_date;
use crate::ranges::{self, Counts, Range, Rule};
use crate::text::{Headcount, Reason, Text};
use crate::{PlanError, PlanSetting};

/// Version of the plan JSON (`peiling plan --json`, plan.json).
pub const PLAN_SCHEMA: &str = "peiling-plan/2";

/// What to plan; `None` fields take the catalogue's rotation rule.
#[derive(Debug, Clone)]
pub struct PlanOptions {
    pub years: Option<u32>,
    pub per_year: Option<u32>,
    /// Meetings a year as a range [at least, at most]; overrides `per_year`.
    pub per_year_range: Option<Range>,
    pub basis_per_year: Option<u32>,
    /// Basis meetings as a share of each year's meetings [at least, at most], 0 to 1.
    pub basis_share: Option<[f64; 2]>,
    /// First day of the plan; default 1 September of the year after the survey's edition,
    /// or without one the first 1 September after the last submission date.
    pub start: Option<NaiveDate>,
    pub holidays: Option<Holidays>,
    /// Without `holidays`, skip the bundled holidays of the catalogue's region when they
    /// cover the plan's school years.
    pub bundled_holidays: bool,
    /// Host schools in turn; empty: the catalogue's schools.
    pub hosts: Vec<String>,
    /// Themes offered last year: they wait until year 2 unless their demand is exceptional.
    pub offered: Vec<String>,
    /// Manual weights (theme id, factor) multiplying a theme's demand.
    pub weights: Vec<(String, f64)>,
    /// Exceptional demand: at least this many times the mean demand of the theme's level.
    pub exceptional: f64,
    pub per_school: Option<PerSchool>,
    /// What earlier plans offered (`read_history`): refreshers come due, last year's
    /// themes wait.
    pub history: Vec<Offering>,
    /// Search budget; beyond it the best plan found is returned, marked not proven optimal.
    pub max_nodes: u64,
    /// Persons due under the partnership's requirements in the plan's school years (from
    /// the records, see [`school_years`]): they join the expected headcount.
    pub due: Vec<DueCount>,
}

impl Default for PlanOptions {
    fn default() -> Self {
        PlanOptions {
            years: None,
            per_year: None,
            per_year_range: None,
            basis_per_year: None,
            basis_share: None,
            start: None,
            holidays: None,
            bundled_holidays: true,
            hosts: Vec::new(),
            offered: Vec::new(),
            weights: Vec::new(),
            exceptional: 2.0,
            per_school: None,
            history: Vec::new(),
            max_nodes: 20_000_000,
            due: Vec::new(),
        }
    }
}

/// A plan a renderer can show without the catalogue or the survey at hand.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RotationPlan {
    pub schema: String,
    pub survey: String,
    pub survey_title: String,
    pub edition: Option<String>,
    /// `--where` filters of the analysis the demand comes from.
    pub filters: Vec<String>,
    /// The filters in the questions' own words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub filter_words: Vec<Text>,
    pub catalogue: String,
    pub catalogue_title: String,
    pub catalogue_title_en: Option<String>,
    pub partnership: Option<String>,
    pub years: u32,
    /// Meetings a year: the number of every year, or with a range the most of any year.
    pub per_year: u32,
    /// The range the meetings a year were chosen from: [at least, at most].
    #[serde(default)]
    pub per_year_range: [u32; 2],
    /// Meetings in each year of the cycle.
    #[serde(default)]
    pub meetings_per_year: Vec<u32>,
    /// Basis meetings per year: [at least, at most].
    pub basis_per_year: [u32; 2],
    /// Basis meetings as a share of the year's meetings, when set: [at least, at most].
    #[serde(default)]
    pub basis_share: Option<[f64; 2]>,
    pub start: NaiveDate,
    /// "2021-2022", one per year of the cycle.
    pub school_years: Vec<String>,
    pub weekday: Text,
    pub hosts: Vec<String>,
    /// The host schools with their room and how many meetings each hosts.
    #[serde(default)]
    pub schools: Vec<HostSchool>,
    /// Region and source of the holidays skipped, if a holidays file was given.
    pub holidays: Option<String>,
    pub meetings: Vec<Meeting>,
    /// Every catalogue theme's demand, highest first.
    pub demand: Vec<Demand>,
    /// What one respondent weighs, for each audience of the survey.
    pub audience_weights: Vec<AudienceWeight>,
    /// Σ demand × (slots − slot index): what the plan maximises.
    pub objective: f64,
    /// The search finished: no plan scores higher.
    pub optimal: bool,
    pub search_nodes: u64,
    /// What the plan rests on: weights, schools, holidays, weeks kept free, counts.
    #[serde(default)]
    pub assumptions: Vec<Text>,
    pub notes: Vec<Text>,
    pub warnings: Vec<Text>,
    /// Per-school mode: the grouping question and how many themes each school takes.
    pub per_school: Option<String>,
    pub pick: Option<u32>,
    pub selections: Vec<SchoolSelection>,
    /// Themes the evaluation of their meetings flags for redesign (ids), when given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub redesign: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Meeting {
    /// 1-based over the whole plan, in date order.
    pub number: u32,
    /// Year of the cycle, 1-based.
    pub year: u32,
    pub school_year: String,
    /// Position in the year, 1-based.
    pub slot: u32,
    pub date: NaiveDate,
    /// "13:30"
    pub start: String,
    pub end: String,
    pub host: Option<String>,
    pub theme: String,
    pub title: String,
    pub title_en: Option<String>,
    pub level: Level,
    pub hours: f64,
    pub demand: f64,
    /// Expected participants by audience: the respondents who asked for the theme.
    pub headcount: Vec<Headcount>,
    /// Expected participants because the records say they are due this school year.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub due: Vec<DueHeadcount>,
    /// 1 for the theme's first meeting in the cycle, 2 for a repeat.
    pub occurrence: u32,
    pub prerequisite: Option<Text>,
    pub reasons: Vec<Reason>,
    /// The reasons as one sentence per language.
    pub reason: Text,
}

impl Meeting {
    /// The id this meeting has as an activity of the records ("2021-2022-3").
    pub fn activity_id(&self) -> String {
        peiling_core::activity_id(&self.school_year, self.slot)
    }

    /// Expected participants in all: who asked for the theme plus who is due.
    pub fn expected(&self) -> usize {
        self.headcount.iter().map(|h| h.people).sum::<usize>()
            + self.due.iter().map(|h| h.people).sum::<usize>()
    }

    /// Who is expected: "23 WPB'ers, 2 SO's", and with those due
    /// "23 WPB'ers, 2 SO's; moeten komen: 28 WPB'ers (training); samen 53".
    pub fn expected_text(&self) -> Text {
        let asked = Headcount::text(&self.headcount);
        if self.due.is_empty() {
            return asked;
        }
        let due = DueHeadcount::text(&self.due);
        let total = self.expected();
        Text::new(
            format!("{}; moeten komen: {}; samen {total}", asked.nl, due.nl),
            format!("{}; must come: {}; {total} in all", asked.en, due.en),
        )
    }
}

pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

pub(crate) fn list(ids: &[&str]) -> String {
    ids.join(", ")
}

/// The school years ("2021-2022") a plan of these options would cover, before any search:
/// for counting who is due in them.
pub fn school_years(
    catalogue: &Catalogue,
    survey: &SurveyDemand,
    options: &PlanOptions,
) -> Result<Vec<String>, PlanError> {
    let counts = Counts::resolve(catalogue, options)?;
    let start = start_date(survey, options)?;
    Ok(plan_years(start, counts.years))
}

fn plan_years(start: NaiveDate, years: usize) -> Vec<String> {
    (0..years)
        .filter_map(|y| start.checked_add_months(Months::new(12 * y as u32)))
        .map(school_year)
        .collect()
}

fn check_options(catalogue: &Catalogue, options: &PlanOptions) -> Result<(), PlanError> {
    let unknown = |setting: PlanSetting, id: &str| PlanError::Setting {
        setting,
        value: id.to_string(),
        problem: format!(
            "the catalogue \"{}\" has no such theme (its themes: {})",
            catalogue.id,
            catalogue.theme_ids()
        ),
    };
    if let Some(id) = options
        .offered
        .iter()
        .find(|id| catalogue.theme(id).is_none())
    {
        return Err(unknown(PlanSetting::Offered, id));
    }
    for (id, w) in &options.weights {
        if catalogue.theme(id).is_none() {
            return Err(unknown(PlanSetting::Weight, id));
        }
        if !(w.is_finite() && *w >= 0.0) {
            return Err(PlanError::Setting {
                setting: PlanSetting::Weight,
                value: format!("{id}={w}"),
                problem: "a weight is a number of 0 or more".into(),
            });
        }
    }
    if !(options.exceptional.is_finite() && options.exceptional > 0.0) {
        return Err(PlanError::Invalid(format!(
            "exceptional demand factor {} must be above 0",
            options.exceptional
        )));
    }
    Ok(())
}

/// Plans the catalogue's themes over the cycle from the survey's demand.
pub fn plan(
    catalogue: &Catalogue,
    survey: &SurveyDemand,
    options: &PlanOptions,
) -> Result<RotationPlan, PlanError> {
    let counts = Counts::resolve(catalogue, options)?;
    check_options(catalogue, options)?;

    let (mut demand, unknown) = demand::demand(catalogue, survey, &options.weights);
    let themes = &catalogue.themes;
    let n = themes.len();
    let start = start_date(survey, options)?;
    let required = history::required(
        catalogue,
        &options.history,
        school_year(start)[..4].parse().unwrap_or(start.year()),
        counts.years,
    );
    let offered: Vec<bool> = themes
        .iter()
        .enumerate()
        .map(|(i, t)| options.offered.contains(&t.id) || required.last_year.contains(&i))
        .collect();
    for i in 0..n {
        if offered[i] {
            let level_scores: Vec<f64> = demand
                .iter()
                .filter(|d| d.level == demand[i].level)
                .map(|d| d.score)
                .collect();
            demand[i].exceptional =
                demand::exceptional(demand[i].score, &level_scores, options.exceptional);
        }
    }
    let waiting: Vec<bool> = (0..n)
        .map(|i| offered[i] && !demand[i].exceptional)
        .collect();

    let weekday = catalogue.rotation.weekday;
    let holidays = options.holidays.clone().or_else(|| {
        let region = catalogue
            .region
            .as_deref()
            .filter(|_| options.bundled_holidays)?;
        Holidays::bundled(region, &plan_years(start, counts.years))
    });
    let default_holidays = options.holidays.is_none() && holidays.is_some();
    let cal = &catalogue.calendar;
    let found = ranges::search(
        catalogue,
        &counts,
        |per_year: &[usize]| calendar::calendar(start, per_year, weekday, holidays.as_ref(), cal),
        |rule: &Rule| {
            // Refreshers due and basis every year (seed 001) are themes a year must hold.
            let verdiepend_max: Vec<usize> = rule
                .counts
                .iter()
                .zip(&rule.basis_min)
                .map(|(n, b)| n - b)
                .collect();
            history::precheck(catalogue, &required, &rule.basis_max, &verdiepend_max)?;
            let mut problem = build_problem(catalogue, rule, &demand, &waiting)?;
            problem.required = required.per_year.clone();
            Ok(problem)
        },
        options.max_nodes,
    )?;
    let (rule, slots, dates) = (&found.rule, &found.slots, &found.dates);

    // Who is due (from the records) joins those who asked in the expected headcount.
    let years_of = meetings::school_years(rule, dates, slots.len());
    let asked_of: Vec<Vec<Headcount>> =
        slots.iter().map(|&t| meetings::asked(&demand[t])).collect();
    let lookups: Vec<_> = asked_of
        .iter()
        .map(|heads| {
            move |audience: &str| {
                heads
                    .iter()
                    .filter(|h| h.audience.eq_ignore_ascii_case(audience))
                    .map(|h| h.people)
                    .sum::<usize>()
            }
        })
        .collect();
    let due_slots: Vec<due::Slot> = slots
        .iter()
        .enumerate()
        .map(|(s, &t)| due::Slot {
            school_year: &years_of[s],
            theme: t,
            asked: &lookups[s],
        })
        .collect();
    let (due_at, unplaced) = due::spread(catalogue, &due_slots, &options.due);

    let schools = hosts::schools(&catalogue.schools, &options.hosts);
    let hosts: Vec<String> = schools.iter().map(|s| s.name.clone()).collect();
    let expected: Vec<usize> = (0..slots.len())
        .map(|s| {
            asked_of[s].iter().map(|h| h.people).sum::<usize>()
                + due_at[s].iter().map(|h| h.people).sum::<usize>()
        })
        .collect();
    let titles: Vec<String> = slots.iter().map(|&t| themes[t].title.clone()).collect();
    let host_of = hosts::assign(&expected, &titles, &schools).map_err(PlanError::Infeasible)?;

    let meetings = meetings::meetings(&Placement {
        catalogue,
        demand: &demand,
        rule,
        slots,
        dates,
        offered: &offered,
        waiting: &waiting,
        exceptional: options.exceptional,
        hosts: &hosts,
        host_of: &host_of,
        due: &due_at,
    });

    let objective = round6(
        slots
            .iter()
            .enumerate()
            .map(|(s, &t)| demand[t].score * (slots.len() - s) as f64)
            .sum(),
    );

    let mut audience_weights: Vec<AudienceWeight> = Vec::new();
    for p in &survey.parts {
        if !audience_weights
            .iter()
            .any(|w| w.audience.eq_ignore_ascii_case(&p.audience))
        {
            audience_weights.push(AudienceWeight {
                audience: p.audience.clone(),
                weight: catalogue.demand.weight(&p.audience),
            });
        }
    }
    let (notes, warnings) = notes::remarks(&Remarks {
        catalogue,
        survey,
        weights: &audience_weights,
        demand: &demand,
        unknown: &unknown,
        history_notes: &required.notes,
        default_holidays,
        holidays: holidays.is_some(),
        calendar: calendar::notes(cal, rule, dates),
        ranges: ranges::note(&counts, rule),
        schools: &schools,
        optimal: found.optimal,
        due: &options.due,
        unplaced: &unplaced,
    });
    let assumptions = assumptions::assumptions(&assumptions::Basics {
        catalogue,
        weights: &audience_weights,
        schools: &schools,
        holidays: holidays.as_ref(),
        bundled: default_holidays,
        counts: &counts,
        rule,
    });

    let mut ranked = demand.clone();
    let index = |id: &str| themes.iter().position(|t| t.id == id).unwrap_or(0);
    ranked.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| index(&a.theme).cmp(&index(&b.theme)))
    });

    let mut plan = RotationPlan {
        schema: PLAN_SCHEMA.to_string(),
        survey: survey.survey.clone(),
        survey_title: survey.title.clone(),
        edition: survey.edition.clone(),
        filters: survey.filters.clone(),
        filter_words: survey.filter_words.clone(),
        catalogue: catalogue.id.clone(),
        catalogue_title: catalogue.title.clone(),
        catalogue_title_en: catalogue.title_en.clone(),
        partnership: catalogue.partnership.clone(),
        years: rule.years as u32,
        per_year: rule.counts.iter().max().copied().unwrap_or(0) as u32,
        per_year_range: counts.per_year,
        meetings_per_year: rule.counts.iter().map(|&n| n as u32).collect(),
        basis_per_year: [
            rule.basis_min.iter().min().copied().unwrap_or(0) as u32,
            rule.basis_max.iter().max().copied().unwrap_or(0) as u32,
        ],
        basis_share: counts.basis_share(),
        start,
        school_years: dates.iter().map(|y| school_year(y.first)).collect(),
        weekday: weekday_text(weekday),
        hosts,
        schools: hosts::summary(&schools, &host_of),
        holidays: holidays.as_ref().map(|h| match (&h.region, &h.source) {
            (Some(r), Some(s)) => format!("{r} ({s})"),
            (Some(r), None) => r.clone(),
            (None, Some(s)) => s.clone(),
            (None, None) => format!("{} periods", h.periods.len()),
        }),
        meetings,
        demand: ranked,
        audience_weights,
        objective,
        optimal: found.optimal,
        search_nodes: found.nodes,
        assumptions,
        notes,
        warnings,
        per_school: options.per_school.as_ref().map(|p| p.question.clone()),
        pick: options.per_school.as_ref().map(|p| p.pick as u32),
        selections: Vec::new(),
        redesign: Vec::new(),
    };
    if let Some(per_school) = &options.per_school {
        plan.selections = select_per_school(catalogue, &plan, options, per_school)?;
    }
    Ok(plan)
}
