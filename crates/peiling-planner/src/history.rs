//! What was offered before (seed 001): earlier plan.json files read as (theme, school
//! year) pairs, the catalogue's `[refresher]` settings, and what they require of the new
//! plan: a theme last given `years` school years before its first year comes due as a
//! refresher in year 1, a theme given last school year waits as with `offered`, and with
//! `basis_every_year` every basis theme comes up every year (new WPB'ers each year).

use peiling_core::DefinitionError;
use serde::{Deserialize, Serialize};

use crate::catalogue::{Catalogue, Level};
use crate::plan::{count, list};
use crate::text::Text;
use crate::{Advice, PlanError};

/// The catalogue's `[refresher]` settings.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RefresherRule {
    /// A theme last given this many school years before the plan's first comes due.
    pub years: u32,
    /// Every basis theme every year (new WPB'ers join each year), not once per cycle.
    pub basis_every_year: bool,
}

impl Default for RefresherRule {
    /// The driejaarlijkse update of seed 001; basis themes once per cycle.
    fn default() -> Self {
        RefresherRule {
            years: 3,
            basis_every_year: false,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRefresher {
    years: Option<u32>,
    basis_every_year: Option<bool>,
}

impl RawRefresher {
    pub(crate) fn build(self) -> Result<RefresherRule, String> {
        let d = RefresherRule::default();
        let years = self.years.unwrap_or(d.years);
        if !(1..=10).contains(&years) {
            return Err(format!("years {years}: expected 1 to 10"));
        }
        Ok(RefresherRule {
            years,
            basis_every_year: self.basis_every_year.unwrap_or(d.basis_every_year),
        })
    }
}

/// One theme given in one school year ("2018-2019").
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Offering {
    pub theme: String,
    pub school_year: String,
}

/// The part of a plan.json the history needs; other fields (of any version) are ignored.
#[derive(Deserialize)]
struct PlanFile {
    schema: String,
    meetings: Vec<PlanFileMeeting>,
}

#[derive(Deserialize)]
struct PlanFileMeeting {
    theme: String,
    school_year: String,
}

/// The first year of "2018-2019".
fn first_year(school_year: &str) -> Option<i32> {
    let (a, b) = school_year.split_once('-')?;
    let (a, b) = (a.parse::<i32>().ok()?, b.parse::<i32>().ok()?);
    (b == a + 1).then_some(a)
}

/// Reads an earlier plan.json of `peiling plan`; `file` names it in messages.
pub fn read_history(file: &str, text: &str) -> Result<Vec<Offering>, DefinitionError> {
    let plan: PlanFile = serde_json::from_str(text).map_err(|e| {
        let offset = text
            .lines()
            .take(e.line().saturating_sub(1))
            .map(|l| l.len() + 1)
            .sum();
        DefinitionError::at(
            file,
            text,
            offset,
            format!("not a plan.json of peiling plan ({e})"),
        )
    })?;
    if !plan.schema.starts_with("peiling-plan/") {
        return Err(DefinitionError::at(
            file,
            text,
            0,
            format!(
                "schema \"{}\": expected a rotation plan (peiling-plan/...)",
                plan.schema
            ),
        ));
    }
    let mut out = Vec::with_capacity(plan.meetings.len());
    for m in plan.meetings {
        if first_year(&m.school_year).is_none() {
            return Err(DefinitionError::at(
                file,
                text,
                0,
                format!(
                    "meeting of \"{}\": school year \"{}\" is not like 2018-2019",
                    m.theme, m.school_year
                ),
            ));
        }
        out.push(Offering {
            theme: m.theme,
            school_year: m.school_year,
        });
    }
    Ok(out)
}

/// What the history and the settings ask of the plan.
pub(crate) struct Required {
    /// Per year of the cycle, the themes that must come up in it (indices).
    pub per_year: Vec<Vec<usize>>,
    /// Given last school year (indices): they wait as offered themes do.
    pub last_year: Vec<usize>,
    pub notes: Vec<Text>,
}

/// The requirements for a plan whose first school year starts in `start_year`.
pub(crate) fn required(
    catalogue: &Catalogue,
    history: &[Offering],
    start_year: i32,
    years: usize,
) -> Required {
    let rule = &catalogue.refresher;
    let themes = &catalogue.themes;
    let last: Vec<Option<i32>> = themes
        .iter()
        .map(|t| {
            history
                .iter()
                .filter(|o| o.theme == t.id)
                .filter_map(|o| first_year(&o.school_year))
                .filter(|&y| y < start_year)
                .max()
        })
        .collect();
    let due: Vec<usize> = (0..themes.len())
        .filter(|&i| last[i].is_some_and(|y| start_year - y >= rule.years as i32))
        .collect();
    let last_year: Vec<usize> = (0..themes.len())
        .filter(|&i| last[i] == Some(start_year - 1))
        .collect();
    let mut per_year: Vec<Vec<usize>> = vec![Vec::new(); years];
    if years > 0 {
        per_year[0] = due.clone();
    }
    if rule.basis_every_year {
        for (y, year) in per_year.iter_mut().enumerate() {
            for (i, t) in themes.iter().enumerate() {
                // A theme given last year still waits in year 1.
                let waits = y == 0 && last_year.contains(&i);
                if t.level == Level::Basis && !year.contains(&i) && !waits {
                    year.push(i);
                }
            }
        }
    }
    let mut notes = Vec::new();
    if !due.is_empty() {
        let names: Vec<String> = due
            .iter()
            .map(|&i| {
                format!(
                    "{} ({}-{})",
                    themes[i].title,
                    last[i].unwrap_or(0),
                    last[i].unwrap_or(0) + 1
                )
            })
            .collect();
        notes.push(Text::new(
            format!(
                "Opfrissers: {} kwamen {} of meer schooljaren geleden voor het laatst aan bod en staan in jaar 1.",
                names.join(", "),
                rule.years
            ),
            format!(
                "Refreshers: {} were last given {} or more school years ago and are in year 1.",
                names.join(", "),
                rule.years
            ),
        ));
    }
    if !last_year.is_empty() {
        let ids: Vec<&str> = last_year.iter().map(|&i| themes[i].id.as_str()).collect();
        notes.push(Text::new(
            format!(
                "Vorig schooljaar gegeven (volgens de eerdere plannen): {}.",
                list(&ids)
            ),
            format!(
                "Given last school year (by the earlier plans): {}.",
                list(&ids)
            ),
        ));
    }
    if rule.basis_every_year {
        notes.push(Text::new(
            "Elk basisthema komt elk jaar aan bod (nieuwe WPB'ers).",
            "Every basis theme comes up every year (new WPB'ers).",
        ));
    }
    Required {
        per_year,
        last_year,
        notes,
    }
}

/// The year's required themes of each level must fit its meetings.
pub(crate) fn precheck(
    catalogue: &Catalogue,
    required: &Required,
    basis_max: &[usize],
    verdiepend_max: &[usize],
) -> Result<(), PlanError> {
    for (y, year) in required.per_year.iter().enumerate() {
        let at = |v: &[usize]| v.get(y).or(v.last()).copied().unwrap_or(0);
        for (level, max, name) in [
            (Level::Basis, at(basis_max), "basis"),
            (Level::Verdiepend, at(verdiepend_max), "verdiepend"),
        ] {
            let ids: Vec<&str> = year
                .iter()
                .filter(|&&i| catalogue.themes[i].level == level)
                .map(|&i| catalogue.themes[i].id.as_str())
                .collect();
            if ids.len() > max {
                return Err(PlanError::Infeasible(Advice::text(format!(
                    "year {} must hold {} {name} themes ({}: refreshers due, or basis every year) but has at most {}; raise the meetings a year or set [refresher] basis_every_year = false",
                    y + 1,
                    ids.len(),
                    list(&ids),
                    count(max, &format!("{name} meeting"), &format!("{name} meetings"))
                ))));
            }
        }
    }
    Ok(())
}
