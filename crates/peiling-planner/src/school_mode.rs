//! The school mode (seed 002, the Alliantie model): each school takes `pick` of the
//! catalogue's workshops a year by its own respondents' demand, each given at the school
//! on a free day as a dagdeel for a group of a limited size by a trainer with a limited
//! number of days. Owns the catalogue's `[school_mode]` settings, the groups (split when
//! too large, combined with a nearby school or moved to the central offer when too small),
//! and the workshops; trainers and dates are assigned in `school_assign.rs`, the calendar
//! files written in `school_ics.rs`.

use chrono::{Duration, Months, NaiveDate, Timelike};
use serde::{Deserialize, Serialize};

use crate::calendar::school_year;
use crate::catalogue::Catalogue;
use crate::demand::{self, SurveyDemand};
use crate::holidays::Holidays;
use crate::plan::{count, PlanOptions};
use crate::problem::start_date;
use crate::school_assign::{assign_dates, assign_trainers};
use crate::text::Text;
use crate::{Advice, PlanError, PlanSetting};

/// Version of the school plan JSON (plan.json in the school mode).
pub const SCHOOL_PLAN_SCHEMA: &str = "peiling-school-plan/1";

/// The catalogue's `[school_mode]` settings.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SchoolModeRule {
    /// Workshops each school takes a year.
    pub pick: usize,
    /// A group has at least this many participants (fewer: combined or moved).
    pub min_participants: usize,
    /// ... and at most this many (more: two or more groups).
    pub max_participants: usize,
    /// A workshop at a school lasts at least this long (a dagdeel).
    pub min_hours: f64,
    pub trainers: Vec<Trainer>,
    /// Groups of schools close to each other, whose small groups may combine.
    pub near: Vec<Vec<String>>,
}

impl Default for SchoolModeRule {
    /// The Alliantie rules: 4 workshops a school, 5 to 20 participants, at least 3.5 h.
    fn default() -> Self {
        SchoolModeRule {
            pick: 4,
            min_participants: 5,
            max_participants: 20,
            min_hours: 3.5,
            trainers: Vec::new(),
            near: Vec::new(),
        }
    }
}

/// A trainer of the institutes and the days they can give a year.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Trainer {
    pub name: String,
    pub days: usize,
    /// The workshops they give (theme ids); empty: all.
    pub themes: Vec<String>,
}

impl Trainer {
    pub(crate) fn gives(&self, theme: &str) -> bool {
        self.themes.is_empty() || self.themes.iter().any(|t| t == theme)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSchoolMode {
    pick: Option<usize>,
    min_participants: Option<usize>,
    max_participants: Option<usize>,
    min_hours: Option<f64>,
    #[serde(default, rename = "trainer")]
    trainers: Vec<RawTrainer>,
    #[serde(default)]
    near: Vec<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTrainer {
    name: String,
    days: usize,
    #[serde(default)]
    themes: Vec<String>,
}

impl RawSchoolMode {
    /// Checks the values; theme ids are checked against the catalogue by the caller.
    pub(crate) fn build(self) -> Result<SchoolModeRule, String> {
        let d = SchoolModeRule::default();
        let rule = SchoolModeRule {
            pick: self.pick.unwrap_or(d.pick),
            min_participants: self.min_participants.unwrap_or(d.min_participants),
            max_participants: self.max_participants.unwrap_or(d.max_participants),
            min_hours: self.min_hours.unwrap_or(d.min_hours),
            trainers: self
                .trainers
                .into_iter()
                .map(|t| Trainer {
                    name: t.name.trim().to_string(),
                    days: t.days,
                    themes: t.themes,
                })
                .collect(),
            near: self.near,
        };
        if rule.pick == 0 {
            return Err("pick: a school takes at least 1 workshop".into());
        }
        if rule.min_participants == 0 || rule.min_participants > rule.max_participants {
            return Err(format!(
                "min_participants {} and max_participants {}: expected 1 <= min <= max",
                rule.min_participants, rule.max_participants
            ));
        }
        if !(rule.min_hours.is_finite() && rule.min_hours > 0.0 && rule.min_hours <= 12.0) {
            return Err(format!(
                "min_hours {}: expected more than 0 and at most 12",
                rule.min_hours
            ));
        }
        for (i, t) in rule.trainers.iter().enumerate() {
            if t.name.is_empty() {
                return Err("a trainer with an empty name".into());
            }
            if rule.trainers[..i].iter().any(|u| u.name == t.name) {
                return Err(format!("trainer \"{}\" appears twice", t.name));
            }
        }
        Ok(rule)
    }
}

/// What the school mode plans from.
#[derive(Debug, Clone)]
pub struct SchoolModeOptions {
    /// The grouping question (e.g. "school"), for the plan's record.
    pub question: String,
    /// Each school with the demand of its own respondents.
    pub schools: Vec<(String, SurveyDemand)>,
    /// Overrides the catalogue's `pick`.
    pub pick: Option<usize>,
    /// Schools with fewer respondents take the overall choice and their counts are not
    /// shown; a group below it shows no count either.
    pub min_group: usize,
    pub start: Option<NaiveDate>,
    pub holidays: Option<Holidays>,
    pub bundled_holidays: bool,
}

/// The workshops per school and per trainer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SchoolPlan {
    pub schema: String,
    pub survey: String,
    pub survey_title: String,
    pub catalogue: String,
    pub catalogue_title: String,
    pub per_school: String,
    pub start: NaiveDate,
    pub school_years: Vec<String>,
    pub pick: usize,
    pub participants: [usize; 2],
    pub min_hours: f64,
    /// Region and source of the holidays skipped.
    pub holidays: Option<String>,
    /// In date order; a school's and a trainer's calendar are views of it.
    pub workshops: Vec<Workshop>,
    pub schools: Vec<SchoolSummary>,
    pub trainers: Vec<TrainerLoad>,
    /// Small groups no nearby school could join: they go to the central offer.
    pub central: Vec<CentralRequest>,
    pub notes: Vec<Text>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Workshop {
    /// 1-based, in date order.
    pub number: u32,
    pub year: u32,
    pub school_year: String,
    pub date: NaiveDate,
    pub start: String,
    pub end: String,
    pub hours: f64,
    /// Where it is given.
    pub school: String,
    /// Whose participants come (the host first; more when small groups combine).
    pub schools: Vec<String>,
    pub theme: String,
    pub title: String,
    pub title_en: Option<String>,
    /// Group k of n at this school.
    pub group: u32,
    pub groups: u32,
    /// Expected participants: the respondents who asked for it.
    pub participants: usize,
    pub trainer: Option<String>,
    pub reason: Text,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SchoolSummary {
    pub school: String,
    /// `None` below the small-group threshold (the overall choice is taken).
    pub respondents: Option<usize>,
    /// Per year, the workshops taken (theme ids, best first).
    pub picks: Vec<Vec<String>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TrainerLoad {
    pub name: String,
    /// Days available a year, and used per year.
    pub days: usize,
    pub used: Vec<usize>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CentralRequest {
    pub year: u32,
    pub theme: String,
    pub title: String,
    pub title_en: Option<String>,
    pub schools: Vec<String>,
    /// `None` when below the small-group threshold.
    pub participants: Option<usize>,
}

impl SchoolPlan {
    /// One school's calendar (workshops it hosts or sends participants to).
    pub fn for_school<'a>(&'a self, school: &'a str) -> impl Iterator<Item = &'a Workshop> + 'a {
        self.workshops
            .iter()
            .filter(move |w| w.schools.iter().any(|s| s == school))
    }

    /// One trainer's calendar.
    pub fn for_trainer<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Workshop> + 'a {
        self.workshops
            .iter()
            .filter(move |w| w.trainer.as_deref() == Some(name))
    }
}

/// A group before it has a trainer and a date.
pub(crate) struct Group {
    pub year: usize,
    /// Rank of the workshop in the school's pick (0 best): its run of the year.
    pub rank: usize,
    pub school: String,
    pub schools: Vec<String>,
    pub theme: usize,
    pub group: u32,
    pub groups: u32,
    pub participants: usize,
}

/// Plans the workshops of every school.
pub fn plan_schools(
    catalogue: &Catalogue,
    survey: &SurveyDemand,
    options: &SchoolModeOptions,
) -> Result<SchoolPlan, PlanError> {
    let rule = &catalogue.school_mode;
    let themes = &catalogue.themes;
    let pick = options.pick.unwrap_or(rule.pick);
    if pick == 0 || pick > themes.len() {
        return Err(PlanError::Setting {
            setting: PlanSetting::Pick,
            value: pick.to_string(),
            problem: format!(
                "the catalogue \"{}\" offers {}; pick 1 to {}",
                catalogue.id,
                count(themes.len(), "workshop", "workshops"),
                themes.len()
            ),
        });
    }
    if options.schools.is_empty() {
        return Err(PlanError::Invalid(
            "the grouping question has no answers: no school to plan for".into(),
        ));
    }
    let years = catalogue.rotation.years as usize;
    let start = start_date(
        survey,
        &PlanOptions {
            start: options.start,
            ..PlanOptions::default()
        },
    )?;
    let holidays = options.holidays.clone().or_else(|| {
        let region = catalogue
            .region
            .as_deref()
            .filter(|_| options.bundled_holidays)?;
        let names: Vec<String> = (0..years)
            .filter_map(|y| start.checked_add_months(Months::new(12 * y as u32)))
            .map(school_year)
            .collect();
        Holidays::bundled(region, &names)
    });

    // The overall demand breaks ties and chooses for schools below the threshold.
    let (overall, _) = demand::demand(catalogue, survey, &[]);
    let mut summaries = Vec::new();
    // Per school, per theme: the respondents who asked for it.
    let mut asked: Vec<Vec<usize>> = Vec::new();
    let mut order: Vec<Vec<usize>> = Vec::new();
    for (school, demand) in &options.schools {
        let (d, _) = demand::demand(catalogue, demand, &[]);
        let respondents: usize = demand.parts.iter().map(|p| p.respondents).sum();
        let small = respondents < options.min_group;
        let people: Vec<usize> = d
            .iter()
            .map(|x| x.audiences.iter().map(|a| a.respondents).sum())
            .collect();
        let mut ranked: Vec<usize> = (0..themes.len()).collect();
        ranked.sort_by(|&a, &b| {
            let own = if small {
                std::cmp::Ordering::Equal
            } else {
                d[b].score.total_cmp(&d[a].score)
            };
            own.then(overall[b].score.total_cmp(&overall[a].score))
                .then(a.cmp(&b))
        });
        summaries.push(SchoolSummary {
            school: school.clone(),
            respondents: (!small).then_some(respondents),
            picks: Vec::new(),
        });
        asked.push(people);
        order.push(ranked);
    }

    let mut groups: Vec<Group> = Vec::new();
    let mut central = Vec::new();
    for y in 0..years {
        // Each school's picks this year: its best workshops not taken earlier in the cycle
        // while enough remain.
        let mut small: Vec<Vec<(usize, usize)>> = vec![Vec::new(); themes.len()];
        for (s, summary) in summaries.iter_mut().enumerate() {
            let taken: Vec<&String> = summary.picks.iter().flatten().collect();
            let fresh: Vec<usize> = order[s]
                .iter()
                .copied()
                .filter(|&t| !taken.contains(&&themes[t].id))
                .collect();
            let chosen: Vec<usize> = if fresh.len() >= pick {
                fresh[..pick].to_vec()
            } else {
                order[s][..pick].to_vec()
            };
            for (rank, &t) in chosen.iter().enumerate() {
                let hours = themes[t].hours;
                if hours < rule.min_hours {
                    return Err(PlanError::Infeasible(Advice::text(format!(
                        "workshop \"{}\" lasts {hours} h, but a workshop at a school is a dagdeel of at least {} h (min_hours in [school_mode]); lengthen it in the catalogue",
                        themes[t].id, rule.min_hours
                    ))));
                }
                let n = asked[s][t];
                if n < rule.min_participants {
                    small[t].push((s, rank));
                    continue;
                }
                let k = n.div_ceil(rule.max_participants);
                for g in 0..k {
                    groups.push(Group {
                        year: y,
                        rank,
                        school: summary.school.clone(),
                        schools: vec![summary.school.clone()],
                        theme: t,
                        group: g as u32 + 1,
                        groups: k as u32,
                        // Even sizes: the first n % k groups take one more.
                        participants: n / k + usize::from(g < n % k),
                    });
                }
            }
            summary
                .picks
                .push(chosen.iter().map(|&t| themes[t].id.clone()).collect());
        }
        // Small groups: combine with nearby schools that picked the same workshop.
        for (t, list) in small.iter().enumerate() {
            let mut left: Vec<(usize, usize)> = list.clone();
            for cluster in &rule.near {
                let (inside, rest): (Vec<_>, Vec<_>) = left
                    .into_iter()
                    .partition(|&(s, _)| cluster.contains(&options.schools[s].0));
                left = rest;
                let total: usize = inside.iter().map(|&(s, _)| asked[s][t]).sum();
                if inside.len() < 2 || total < rule.min_participants {
                    left.extend(inside);
                    continue;
                }
                // Hosted by the school with most participants (first in order on ties).
                let host = inside
                    .iter()
                    .max_by(|a, b| asked[a.0][t].cmp(&asked[b.0][t]).then(b.0.cmp(&a.0)))
                    .copied()
                    .unwrap();
                let mut names = vec![options.schools[host.0].0.clone()];
                names.extend(
                    inside
                        .iter()
                        .filter(|x| x.0 != host.0)
                        .map(|x| options.schools[x.0].0.clone()),
                );
                let k = total.div_ceil(rule.max_participants);
                for g in 0..k {
                    groups.push(Group {
                        year: y,
                        rank: host.1,
                        school: names[0].clone(),
                        schools: names.clone(),
                        theme: t,
                        group: g as u32 + 1,
                        groups: k as u32,
                        participants: total / k + usize::from(g < total % k),
                    });
                }
            }
            if !left.is_empty() {
                let total: usize = left.iter().map(|&(s, _)| asked[s][t]).sum();
                central.push(CentralRequest {
                    year: y as u32 + 1,
                    theme: themes[t].id.clone(),
                    title: themes[t].title.clone(),
                    title_en: themes[t].title_en.clone(),
                    schools: left
                        .iter()
                        .map(|&(s, _)| options.schools[s].0.clone())
                        .collect(),
                    participants: (total >= options.min_group).then_some(total),
                });
            }
        }
    }

    let trainer_of = assign_trainers(catalogue, &groups, years)?;
    let dates = assign_dates(
        catalogue,
        &groups,
        &trainer_of,
        start,
        years,
        pick,
        holidays.as_ref(),
    )?;
    let mut workshops: Vec<Workshop> = groups
        .iter()
        .zip(&dates)
        .zip(&trainer_of)
        .map(|((g, &date), trainer)| workshop(catalogue, g, date, trainer, start))
        .collect();
    workshops.sort_by(|a, b| {
        (a.date, &a.school, &a.theme, a.group).cmp(&(b.date, &b.school, &b.theme, b.group))
    });
    for (i, w) in workshops.iter_mut().enumerate() {
        w.number = i as u32 + 1;
    }
    let trainers = rule
        .trainers
        .iter()
        .enumerate()
        .map(|(i, t)| TrainerLoad {
            name: t.name.clone(),
            days: t.days,
            used: (0..years)
                .map(|y| {
                    groups
                        .iter()
                        .zip(&trainer_of)
                        .filter(|(g, tr)| g.year == y && **tr == Some(i))
                        .count()
                })
                .collect(),
        })
        .collect();
    let mut notes = Vec::new();
    if rule.trainers.is_empty() {
        notes.push(Text::new(
            "De catalogus noemt geen trainers: de trainers zijn niet ingepland.",
            "The catalogue names no trainers: trainers are not planned.",
        ));
    }
    if !central.is_empty() {
        notes.push(Text::new(
            format!(
                "Groepen van minder dan {} deelnemers zonder school in de buurt gaan naar het centrale aanbod ({}).",
                rule.min_participants,
                count(central.len(), "workshop", "workshops")
            ),
            format!(
                "Groups of fewer than {} participants without a nearby school move to the central offer ({}).",
                rule.min_participants,
                count(central.len(), "workshop", "workshops")
            ),
        ));
    }
    Ok(SchoolPlan {
        schema: SCHOOL_PLAN_SCHEMA.into(),
        survey: survey.survey.clone(),
        survey_title: survey.title.clone(),
        catalogue: catalogue.id.clone(),
        catalogue_title: catalogue.title.clone(),
        per_school: options.question.clone(),
        start,
        school_years: (0..years)
            .filter_map(|y| start.checked_add_months(Months::new(12 * y as u32)))
            .map(school_year)
            .collect(),
        pick,
        participants: [rule.min_participants, rule.max_participants],
        min_hours: rule.min_hours,
        holidays: holidays.as_ref().map(|h| match (&h.region, &h.source) {
            (Some(r), Some(s)) => format!("{r} ({s})"),
            (Some(r), None) => r.clone(),
            (None, Some(s)) => s.clone(),
            (None, None) => format!("{} periods", h.periods.len()),
        }),
        workshops,
        schools: summaries,
        trainers,
        central,
        notes,
    })
}

fn workshop(
    catalogue: &Catalogue,
    g: &Group,
    date: NaiveDate,
    trainer: &Option<usize>,
    start: NaiveDate,
) -> Workshop {
    let theme = &catalogue.themes[g.theme];
    let begin = catalogue.rotation.start_time;
    let end = begin + Duration::minutes((theme.hours * 60.0).round() as i64);
    let first = start + Months::new(12 * g.year as u32);
    let mut nl = format!(
        "{}e keuze van {} ({} deelnemers vroegen erom)",
        g.rank + 1,
        g.schools[0],
        g.participants
    );
    let mut en = format!(
        "choice {} of {} ({} participants asked for it)",
        g.rank + 1,
        g.schools[0],
        g.participants
    );
    if g.groups > 1 {
        nl += &format!("; groep {} van {}", g.group, g.groups);
        en += &format!("; group {} of {}", g.group, g.groups);
    }
    if g.schools.len() > 1 {
        nl += &format!("; samen met {}", g.schools[1..].join(", "));
        en += &format!("; together with {}", g.schools[1..].join(", "));
    }
    Workshop {
        number: 0,
        year: g.year as u32 + 1,
        school_year: school_year(first),
        date,
        start: format!("{:02}:{:02}", begin.hour(), begin.minute()),
        end: format!("{:02}:{:02}", end.hour(), end.minute()),
        hours: theme.hours,
        school: g.school.clone(),
        schools: g.schools.clone(),
        theme: theme.id.clone(),
        title: theme.title.clone(),
        title_en: theme.title_en.clone(),
        group: g.group,
        groups: g.groups,
        participants: g.participants,
        trainer: trainer.map(|i| catalogue.school_mode.trainers[i].name.clone()),
        reason: Text::new(nl, en),
    }
}
