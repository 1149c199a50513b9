//! The partnership's requirements (TOML) and who is due for what in a school year.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::RecordsError;
use crate::school_year_start;
use crate::store::Records;

/// BOS's requirements, from seeds 000 and 001: the WPB training, the three-yearly
/// refresher, two years as opleider towards Beroepsregistratie.
pub const BOS_REQUIREMENTS: &str = include_str!("../requirements/bos.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirements {
    pub partnership: String,
    #[serde(rename = "requirement")]
    pub requirements: Vec<Requirement>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    pub id: String,
    pub title: String,
    pub kind: RequirementKind,
    /// Roles it applies to (WPB, SO, IO), compared without regard to capitals.
    pub roles: Vec<String>,
    /// The themes whose activities count (with those of `levels`); both empty: every
    /// activity counts.
    #[serde(default)]
    pub themes: Vec<String>,
    /// The levels whose activities count ("basis": the plan's basis meetings).
    #[serde(default)]
    pub levels: Vec<String>,
    /// `hours`: only for persons new in their role, that is in their first `new_years`
    /// school years in it (the year they started counts as the first); without it, for
    /// everyone with one of the roles.
    pub new_years: Option<u32>,
    /// `hours`: the hours to attend.
    pub hours: Option<f64>,
    /// `refresher`: at least one activity in this many school years.
    pub every_years: Option<u32>,
    /// `years_in_role`: years in the role before one may start.
    pub years: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequirementKind {
    /// Attend `hours` hours of the `themes` (once).
    Hours,
    /// Attend something (of the `themes`) at least once every `every_years` years.
    Refresher,
    /// After `years` in the role one may start (the `themes` mark having started).
    YearsInRole,
}

impl Requirements {
    pub fn from_toml(file: &str, text: &str) -> Result<Requirements, RecordsError> {
        let r: Requirements = toml::from_str(text).map_err(|e| {
            peiling_survey::DefinitionError::toml(file, text, e.span(), e.message())
        })?;
        for q in &r.requirements {
            let missing = match q.kind {
                RequirementKind::Hours => q.hours.is_none().then_some("hours"),
                RequirementKind::Refresher => q.every_years.is_none().then_some("every_years"),
                RequirementKind::YearsInRole => q.years.is_none().then_some("years"),
            };
            let misplaced = (q.new_years.is_some() && q.kind != RequirementKind::Hours)
                .then_some("new_years is only for a requirement of kind hours");
            let zero = (q.new_years == Some(0)).then_some("new_years = 0, expected 1 or more");
            if let Some(problem) = misplaced.or(zero) {
                let at = text.find(&format!("\"{}\"", q.id)).unwrap_or(0);
                return Err(peiling_survey::DefinitionError::at(
                    file,
                    text,
                    at,
                    format!("requirement \"{}\": {problem}", q.id),
                )
                .into());
            }
            if let Some(field) = missing {
                let at = text.find(&format!("\"{}\"", q.id)).unwrap_or(0);
                return Err(peiling_survey::DefinitionError::at(
                    file,
                    text,
                    at,
                    format!(
                        "requirement \"{}\": no {field}, expected it for this kind",
                        q.id
                    ),
                )
                .into());
            }
        }
        Ok(r)
    }
}

/// One requirement's count in the year, and per school.
#[derive(Debug, Clone, PartialEq)]
pub struct DueLine {
    pub requirement: String,
    pub title: String,
    /// Persons with one of its roles.
    pub applies_to: usize,
    pub due: usize,
    /// Per school ("" for unknown): due persons.
    pub by_school: BTreeMap<String, usize>,
    /// Persons due, by id (shown only when asked for).
    pub persons: Vec<(i64, String)>,
    /// `hours`: the hours each person of `persons` attended of what counts.
    pub hours_done: Vec<f64>,
    /// `hours` with `new_years`: persons of the roles who are new in the year.
    pub new: usize,
    /// Of `new`: those whose start in the role is their first year in the records (the
    /// sign-up export did not say it).
    pub new_from_records: usize,
    /// `years_in_role`, and `hours` with `new_years`: persons whose start in the role is
    /// not known.
    pub unknown: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DueReport {
    pub partnership: String,
    pub year: String,
    pub lines: Vec<DueLine>,
    /// Every person's role (upper case), by id.
    roles: Vec<(i64, String)>,
}

struct Person {
    id: i64,
    name: String,
    school: String,
    role: String,
    since: Option<i64>,
    first_year: Option<i64>,
}

/// An activity attended: its theme, level, date and hours.
struct Attended {
    theme: String,
    level: String,
    date: String,
    hours: f64,
}

impl Requirement {
    /// Whether an activity of this theme and level counts towards the requirement.
    fn counts(&self, theme: &str, level: &str) -> bool {
        (self.themes.is_empty() && self.levels.is_empty())
            || self.themes.iter().any(|t| t == theme)
            || self.levels.iter().any(|l| l.eq_ignore_ascii_case(level))
    }
}

/// The school year (its first calendar year) a person started in their role: the one the
/// sign-up export gave, else their first year in the records, unless that is the first
/// year of the records themselves (then everyone appears for the first time and it says
/// nothing).
fn role_start(p: &Person, records_first: Option<i64>) -> Option<(i64, bool)> {
    match (p.since, p.first_year) {
        (Some(since), _) => Some((since, false)),
        (None, Some(first)) if records_first.is_some_and(|r| first > r) => Some((first, true)),
        _ => None,
    }
}

impl Records {
    /// Who is due for what in `year` ("2022-2023").
    pub fn due(&self, reqs: &Requirements, year: &str) -> Result<DueReport, RecordsError> {
        let year = year.to_string();
        let start = school_year_start(&year).ok_or_else(|| {
            RecordsError::Invalid(format!(
                "school year \"{year}\", expected one such as 2022-2023"
            ))
        })?;
        let year_end = format!("{}-07-31", start + 1);
        let mut stmt = self.conn.prepare(
            "SELECT id, name, coalesce(school, ''), upper(coalesce(role, '')), role_since, first_year
             FROM persons ORDER BY id",
        )?;
        let persons: Vec<Person> = stmt
            .query_map([], |r| {
                Ok(Person {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    school: r.get(2)?,
                    role: r.get(3)?,
                    since: r.get(4)?,
                    first_year: r.get(5)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let records_first = persons.iter().filter_map(|p| p.first_year).min();
        // What each person attended, up to the end of the year.
        let mut attended: BTreeMap<i64, Vec<Attended>> = BTreeMap::new();
        let mut stmt = self.conn.prepare(
            "SELECT t.person, coalesce(a.theme, ''), coalesce(a.level, ''), a.date, a.hours
             FROM attendance t JOIN activities a ON a.id = t.activity WHERE a.date <= ?1",
        )?;
        let mut rows = stmt.query([&year_end])?;
        while let Some(r) = rows.next()? {
            attended.entry(r.get(0)?).or_default().push(Attended {
                theme: r.get(1)?,
                level: r.get(2)?,
                date: r.get(3)?,
                hours: r.get(4)?,
            });
        }
        let mut lines = Vec::new();
        for q in &reqs.requirements {
            let mut line = DueLine {
                requirement: q.id.clone(),
                title: q.title.clone(),
                applies_to: 0,
                due: 0,
                by_school: BTreeMap::new(),
                persons: Vec::new(),
                hours_done: Vec::new(),
                new: 0,
                new_from_records: 0,
                unknown: 0,
            };
            for p in persons
                .iter()
                .filter(|p| q.roles.iter().any(|r| r.eq_ignore_ascii_case(&p.role)))
            {
                line.applies_to += 1;
                let done = attended.get(&p.id).map(Vec::as_slice).unwrap_or_default();
                let hours: f64 = done
                    .iter()
                    .filter(|a| q.counts(&a.theme, &a.level))
                    .map(|a| a.hours)
                    .sum();
                let is_due = match q.kind {
                    RequirementKind::Hours => {
                        let new = match q.new_years {
                            None => true,
                            Some(n) => match role_start(p, records_first) {
                                None => {
                                    line.unknown += 1;
                                    false
                                }
                                Some((since, from_records)) => {
                                    let new = since <= i64::from(start)
                                        && since > i64::from(start) - i64::from(n);
                                    if new {
                                        line.new += 1;
                                        line.new_from_records += usize::from(from_records);
                                    }
                                    new
                                }
                            },
                        };
                        new && hours + 1e-9 < q.hours.unwrap_or(0.0)
                    }
                    RequirementKind::Refresher => {
                        let from =
                            format!("{}-08-01", start + 1 - q.every_years.unwrap_or(1) as i32);
                        !done
                            .iter()
                            .any(|a| q.counts(&a.theme, &a.level) && a.date >= from)
                    }
                    RequirementKind::YearsInRole => match p.since {
                        None => {
                            line.unknown += 1;
                            false
                        }
                        Some(since) => {
                            let started = !q.themes.is_empty()
                                && done.iter().any(|a| q.themes.contains(&a.theme));
                            since + i64::from(q.years.unwrap_or(0)) <= i64::from(start) && !started
                        }
                    },
                };
                if is_due {
                    line.due += 1;
                    *line.by_school.entry(p.school.clone()).or_default() += 1;
                    line.persons.push((p.id, p.name.clone()));
                    line.hours_done.push(hours);
                }
            }
            lines.push(line);
        }
        Ok(DueReport {
            partnership: reqs.partnership.clone(),
            year,
            lines,
            roles: persons.into_iter().map(|p| (p.id, p.role)).collect(),
        })
    }
}

/// What a requirement asks of those due, as a planner counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// Every meeting of the training's themes.
    Training,
    /// One meeting in the year.
    Refresher,
}

/// Persons of one role due for one requirement: a count the planner can use.
#[derive(Debug, Clone, PartialEq)]
pub struct ExpectedDue {
    pub requirement: String,
    pub kind: Expected,
    pub role: String,
    pub people: usize,
    /// The requirement's themes and levels whose activities count; both empty: any.
    pub themes: Vec<String>,
    pub levels: Vec<String>,
}

impl DueReport {
    /// Per requirement and role, the persons due who are expected at meetings: those due
    /// for an `hours` requirement (a training) at its meetings; those due for a
    /// `refresher` at one meeting, except who is also due for a training that counts for
    /// the refresher (a refresher without themes or levels, or one naming a theme or
    /// level of the training):
    /// they come to the training already and are counted there, once.
    /// `years_in_role` requirements ask no attendance of the year and are left out.
    pub fn expected(&self, reqs: &Requirements) -> Vec<ExpectedDue> {
        let requirement = |id: &str| reqs.requirements.iter().find(|q| q.id == id);
        let mut out = Vec::new();
        for line in &self.lines {
            let Some(q) = requirement(&line.requirement) else {
                continue;
            };
            let kind = match q.kind {
                RequirementKind::Hours => Expected::Training,
                RequirementKind::Refresher => Expected::Refresher,
                RequirementKind::YearsInRole => continue,
            };
            // Persons (id, role) expected under this line.
            let mut by_role: BTreeMap<String, usize> = BTreeMap::new();
            let roles = self.roles_of(line);
            for (id, role) in line.persons.iter().map(|p| p.0).zip(roles) {
                let in_training = kind == Expected::Refresher
                    && self.lines.iter().any(|other| {
                        requirement(&other.requirement).is_some_and(|o| {
                            o.kind == RequirementKind::Hours
                                && ((q.themes.is_empty() && q.levels.is_empty())
                                    || o.themes.iter().any(|t| q.themes.contains(t))
                                    || o.levels.iter().any(|l| q.levels.contains(l)))
                        }) && other.persons.iter().any(|p| p.0 == id)
                    });
                if !in_training {
                    *by_role.entry(role).or_default() += 1;
                }
            }
            for (role, people) in by_role.into_iter().filter(|(r, _)| !r.is_empty()) {
                out.push(ExpectedDue {
                    requirement: q.id.clone(),
                    kind,
                    role,
                    people,
                    themes: q.themes.clone(),
                    levels: q.levels.clone(),
                });
            }
        }
        out
    }

    /// The role of each person of `line`, in the order of `line.persons`.
    fn roles_of(&self, line: &DueLine) -> Vec<String> {
        line.persons
            .iter()
            .map(|(id, _)| {
                self.roles
                    .iter()
                    .find(|(p, _)| p == id)
                    .map(|(_, r)| r.clone())
                    .unwrap_or_default()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_requirements_read() {
        let r = Requirements::from_toml("bos.toml", BOS_REQUIREMENTS).unwrap();
        assert_eq!(r.requirements.len(), 3);
        assert_eq!(r.requirements[0].hours, Some(18.0));
    }

    #[test]
    fn a_requirement_without_its_number_is_named_with_its_line() {
        let text = "partnership = \"X\"\n[[requirement]]\nid = \"t\"\ntitle = \"T\"\nkind = \"hours\"\nroles = [\"WPB\"]\n";
        let err = Requirements::from_toml("r.toml", text)
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "r.toml:3: requirement \"t\": no hours, expected it for this kind"
        );
    }
}
