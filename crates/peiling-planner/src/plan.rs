//! The rotation plan: from catalogue, demand and options to meetings with dates, hosts and
//! reasons. Infeasible input is explained in `infeasible.rs`, the per-school selection made in
//! `per_school.rs`.

use chrono::{Datelike, Duration, Months, NaiveDate, Timelike};
use serde::{Deserialize, Serialize};

use crate::assumptions;
use crate::calendar::{self, school_year, weekday_text};
use crate::catalogue::{Catalogue, Level};
use crate::demand::{self, round6, AudienceWeight, Demand, SurveyDemand};
use crate::history::{self, Offering};
use crate::holidays::Holidays;
use crate::hosts::{self, HostSchool};
use crate::per_school::{select_per_school, PerSchool, SchoolSelection};
use crate::ranges::{self, Counts, Range, Rule};
use crate::solve::Problem;
use crate::text::{in_sentence, number_in, Headcount, Reason, Text};
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
    /// 1 for the theme's first meeting in the cycle, 2 for a repeat.
    pub occurrence: u32,
    pub prerequisite: Option<Text>,
    pub reasons: Vec<Reason>,
    /// The reasons as one sentence per language.
    pub reason: Text,
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

/// Plans the catalogue's themes over the cycle from the survey's demand.
pub fn plan(
    catalogue: &Catalogue,
    survey: &SurveyDemand,
    options: &PlanOptions,
) -> Result<RotationPlan, PlanError> {
    let counts = Counts::resolve(catalogue, options)?;
    for id in &options.offered {
        if catalogue.theme(id).is_none() {
            return Err(PlanError::Setting {
                setting: PlanSetting::Offered,
                value: id.clone(),
                problem: format!(
                    "the catalogue \"{}\" has no such theme (its themes: {})",
                    catalogue.id,
                    catalogue.theme_ids()
                ),
            });
        }
    }
    for (id, w) in &options.weights {
        if catalogue.theme(id).is_none() {
            return Err(PlanError::Setting {
                setting: PlanSetting::Weight,
                value: id.clone(),
                problem: format!(
                    "the catalogue \"{}\" has no such theme (its themes: {})",
                    catalogue.id,
                    catalogue.theme_ids()
                ),
            });
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
        let years: Vec<String> = (0..counts.years)
            .filter_map(|y| start.checked_add_months(Months::new(12 * y as u32)))
            .map(school_year)
            .collect();
        Holidays::bundled(region, &years)
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

    let schools = hosts::schools(&catalogue.schools, &options.hosts);
    let hosts: Vec<String> = schools.iter().map(|s| s.name.clone()).collect();
    // Expected headcount per meeting: everyone who asked for its theme.
    let expected: Vec<usize> = slots
        .iter()
        .map(|&t| demand[t].audiences.iter().map(|a| a.respondents).sum())
        .collect();
    let titles: Vec<String> = slots.iter().map(|&t| themes[t].title.clone()).collect();
    let host_of = hosts::assign(&expected, &titles, &schools).map_err(PlanError::Infeasible)?;

    let level_counts = |level: Level| themes.iter().filter(|t| t.level == level).count();
    let level_slots = |level: Level| slots.iter().filter(|&&t| themes[t].level == level).count();
    // Rank within the level by demand, ties in catalogue order (as the search breaks them).
    let rank = |t: usize| {
        1 + (0..n)
            .filter(|&j| themes[j].level == themes[t].level)
            .filter(|&j| {
                demand[j].score > demand[t].score || (demand[j].score == demand[t].score && j < t)
            })
            .count()
    };
    let year_slots = |y: usize, level: Level| {
        slots[rule.start(y)..rule.start(y + 1)]
            .iter()
            .filter(|&&t| themes[t].level == level)
            .count()
    };
    // The year of each theme's first meeting; by demand alone, the k-th most wanted theme
    // of a level would be in the year of its level's k-th first meeting.
    let year_at = |s: usize| (0..rule.years).rfind(|&y| rule.start(y) <= s).unwrap_or(0);
    let first_year: Vec<usize> = (0..n)
        .map(|t| slots.iter().position(|&x| x == t).map_or(0, year_at))
        .collect();
    let by_demand = |t: usize| {
        let mut years: Vec<usize> = (0..n)
            .filter(|&j| themes[j].level == themes[t].level)
            .map(|j| first_year[j])
            .collect();
        years.sort_unstable();
        years[rank(t) - 1]
    };
    let moved = |t: usize| {
        let (y, expected) = (first_year[t], by_demand(t));
        // Later: less wanted themes of its level come before; earlier: more wanted later.
        let others: Vec<Text> = (0..n)
            .filter(|&j| themes[j].level == themes[t].level)
            .filter(|&j| match y.cmp(&expected) {
                std::cmp::Ordering::Greater => rank(j) > rank(t) && first_year[j] < y,
                std::cmp::Ordering::Less => rank(j) < rank(t) && first_year[j] > y,
                std::cmp::Ordering::Equal => false,
            })
            .map(|j| themes[j].title_text())
            .collect();
        (y != expected).then(|| Reason::Moved {
            year: y as u32 + 1,
            by_demand: expected as u32 + 1,
            others,
        })
    };
    let mut seen = vec![0u32; n];
    let mut meetings = Vec::with_capacity(slots.len());
    for (s, &t) in slots.iter().enumerate() {
        let theme = &themes[t];
        let d = &demand[t];
        let y = year_at(s);
        let pos = s - rule.start(y);
        seen[t] += 1;
        let mut reasons: Vec<Reason> = d
            .audiences
            .iter()
            .filter(|a| a.respondents > 0)
            .map(|a| Reason::Asked {
                audience: a.audience.clone(),
                respondents: a.respondents,
                options: a
                    .sources
                    .iter()
                    .filter(|s| s.count > 0)
                    .map(|s| {
                        Text::new(
                            in_sentence(&s.option),
                            in_sentence(s.option_en.as_deref().unwrap_or(&s.option)),
                        )
                    })
                    .collect(),
            })
            .collect();
        if reasons.is_empty() {
            reasons.push(Reason::NotAsked);
        }
        if d.weight != 1.0 {
            reasons.push(Reason::Weight { factor: d.weight });
        }
        reasons.push(Reason::Rank {
            level: theme.level,
            rank: rank(t),
            themes: level_counts(theme.level),
        });
        reasons.push(Reason::Year {
            year: y as u32 + 1,
            level: theme.level,
            meetings: year_slots(y, theme.level),
        });
        if waiting[t] {
            reasons.push(Reason::Waited);
        } else if offered[t] {
            reasons.push(Reason::Exceptional {
                factor: options.exceptional,
            });
        }
        if seen[t] > 1 {
            reasons.push(Reason::Repeat {
                level: theme.level,
                meetings: level_slots(theme.level),
                themes: level_counts(theme.level),
            });
        }
        if !theme.after.is_empty() {
            reasons.push(Reason::After {
                themes: theme
                    .after
                    .iter()
                    .filter_map(|a| catalogue.theme(a))
                    .map(|a| a.title_text())
                    .collect(),
            });
        }
        if seen[t] == 1 {
            reasons.extend(moved(t));
        }
        let begin = catalogue.rotation.start_time;
        let end = begin + Duration::minutes((theme.hours * 60.0).round() as i64);
        meetings.push(Meeting {
            number: s as u32 + 1,
            year: y as u32 + 1,
            school_year: school_year(dates[y].first),
            slot: pos as u32 + 1,
            date: dates[y].dates[pos],
            start: format!("{:02}:{:02}", begin.hour(), begin.minute()),
            end: format!("{:02}:{:02}", end.hour(), end.minute()),
            host: host_of.get(s).map(|&h| hosts[h].clone()),
            theme: theme.id.clone(),
            title: theme.title.clone(),
            title_en: theme.title_en.clone(),
            level: theme.level,
            hours: theme.hours,
            demand: d.score,
            headcount: d
                .audiences
                .iter()
                .filter(|a| a.respondents > 0)
                .map(|a| Headcount {
                    audience: a.audience.clone(),
                    people: a.respondents,
                })
                .collect(),
            occurrence: seen[t],
            prerequisite: theme.prerequisite.clone(),
            reason: Reason::join_all(&reasons),
            reasons,
        });
    }

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
    let mut notes = vec![demand_note(catalogue, &audience_weights)];
    notes.extend(required.notes.iter().cloned());
    let mut warnings = Vec::new();
    if !unknown.is_empty() {
        warnings.push(Text::new(
            format!(
                "De enquête koppelt keuzes aan thema's die niet in de catalogus \"{}\" staan; die vraag telt niet mee: {}",
                catalogue.id,
                unknown.join(", ")
            ),
            format!(
                "The survey links choices to themes that are not in the catalogue \"{}\"; that demand is not counted: {}",
                catalogue.id,
                unknown.join(", ")
            ),
        ));
    }
    if demand.iter().all(|d| d.audiences.is_empty()) {
        warnings.push(Text::new(
            "Geen enkele keuze in de enquête is aan een thema van deze catalogus gekoppeld: het plan volgt de volgorde van de catalogus.",
            "No choice in the survey is linked to a theme of this catalogue: the plan follows catalogue order.",
        ));
    }
    if !survey.filters.is_empty() {
        notes.push(Text::new(
            format!("Alleen respondenten met {}.", survey.filters.join(", ")),
            format!("Only respondents with {}.", survey.filters.join(", ")),
        ));
    }
    if default_holidays {
        notes.push(Text::new(
            "De schoolvakanties van de regio van de catalogus zijn overgeslagen.",
            "The school holidays of the catalogue's region are skipped.",
        ));
    }
    notes.extend(calendar::notes(cal, rule, dates));
    notes.extend(ranges::note(&counts, rule));
    if holidays.is_none() {
        notes.push(Text::new(
            "Er was geen vakantierooster: kijk zelf of een datum in een schoolvakantie valt.",
            "There was no holiday calendar: check whether a date falls in a school holiday.",
        ));
    }
    let assumptions = assumptions::assumptions(&assumptions::Basics {
        catalogue,
        weights: &audience_weights,
        schools: &schools,
        holidays: holidays.as_ref(),
        bundled: default_holidays,
        counts: &counts,
        rule,
    });
    let (host_note, host_warning) = hosts::remarks(&schools);
    notes.extend(host_note);
    warnings.extend(host_warning);
    if !found.optimal {
        warnings.push(Text::new(
            "Dit is het beste plan dat binnen de rekentijd gevonden is; een beter plan is niet uitgesloten.",
            "This is the best plan found in the time allowed; a better plan is not ruled out.",
        ));
    }

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

/// How demand is counted, with the weights it rests on, in both languages.
fn demand_note(catalogue: &Catalogue, weights: &[AudienceWeight]) -> Text {
    let rule = &catalogue.demand;
    let per = |english: bool| {
        if weights.is_empty() {
            return "1".to_string();
        }
        weights
            .iter()
            .map(|w| format!("{} {}", w.audience, number_in(w.weight, english)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Text::new(
        format!(
            "Vraag in mensen: wie om een thema vroeg, telt één keer mee, ook met meer keuzes die bij dat thema horen. Gewicht per persoon: {}. Een basisthema telt volledig voor {}, een verdiepend thema voor {}; voor andere doelgroepen telt de vraag × {}. Bij gelijke vraag gaat de volgorde van de catalogus voor.",
            per(false),
            rule.basis.join(", "),
            rule.verdiepend.join(", "),
            number_in(rule.others, false)
        ),
        format!(
            "Demand in people: whoever asked for a theme counts once, even with several choices that belong to it. Weight per person: {}. A basic theme counts fully for {}, a deepening theme for {}; for other audiences demand counts × {}. Equal demand keeps catalogue order.",
            per(true),
            rule.basis.join(", "),
            rule.verdiepend.join(", "),
            number_in(rule.others, true)
        ),
    )
}

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
