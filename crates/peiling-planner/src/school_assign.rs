//! The school mode's assignments: a trainer per workshop group within each trainer's days
//! (augmenting paths, so a fit is found whenever one exists, else a one-line reason), and
//! a free day per group that neither its schools nor its trainer have taken.

use chrono::{Months, NaiveDate};

use crate::calendar::{free_days, school_year};
use crate::catalogue::Catalogue;
use crate::holidays::Holidays;
use crate::plan::count;
use crate::school_mode::{Group, Trainer};
use crate::{Advice, PlanError};

/// A trainer per group, each trainer within their days a year (augmenting paths, so a
/// fit is found whenever one exists); `None` for all when the catalogue names none.
pub(crate) fn assign_trainers(
    catalogue: &Catalogue,
    groups: &[Group],
    years: usize,
) -> Result<Vec<Option<usize>>, PlanError> {
    let trainers = &catalogue.school_mode.trainers;
    if trainers.is_empty() {
        return Ok(vec![None; groups.len()]);
    }
    let mut of: Vec<Option<usize>> = vec![None; groups.len()];
    for y in 0..years {
        let ids: Vec<usize> = (0..groups.len()).filter(|&g| groups[g].year == y).collect();
        for &g in &ids {
            let mut seen = vec![false; trainers.len()];
            if !augment(catalogue, groups, &ids, g, &mut of, &mut seen) {
                return Err(PlanError::Infeasible(trainer_shortage(
                    catalogue, groups, &ids, y,
                )));
            }
        }
    }
    Ok(of)
}

fn augment(
    catalogue: &Catalogue,
    groups: &[Group],
    ids: &[usize],
    g: usize,
    of: &mut [Option<usize>],
    seen: &mut [bool],
) -> bool {
    let trainers = &catalogue.school_mode.trainers;
    let theme = &catalogue.themes[groups[g].theme].id;
    let load = |of: &[Option<usize>], t: usize| ids.iter().filter(|&&h| of[h] == Some(t)).count();
    // Least loaded first, so the days are shared out.
    let mut candidates: Vec<usize> = (0..trainers.len())
        .filter(|&t| trainers[t].gives(theme))
        .collect();
    candidates.sort_by_key(|&t| (load(of, t), t));
    for t in candidates {
        if seen[t] {
            continue;
        }
        seen[t] = true;
        if load(of, t) < trainers[t].days {
            of[g] = Some(t);
            return true;
        }
        let holders: Vec<usize> = ids.iter().copied().filter(|&h| of[h] == Some(t)).collect();
        for h in holders {
            if augment(catalogue, groups, ids, h, of, seen) {
                of[g] = Some(t);
                return true;
            }
        }
    }
    false
}

/// The one-line reason: the workshop whose trainers have too few days (or none give it),
/// else the total.
fn trainer_shortage(catalogue: &Catalogue, groups: &[Group], ids: &[usize], y: usize) -> Advice {
    let trainers = &catalogue.school_mode.trainers;
    let year = y + 1;
    for (t, theme) in catalogue.themes.iter().enumerate() {
        let need = ids.iter().filter(|&&g| groups[g].theme == t).count();
        let able: Vec<&Trainer> = trainers.iter().filter(|tr| tr.gives(&theme.id)).collect();
        let days: usize = able.iter().map(|tr| tr.days).sum();
        if need > days {
            return Advice::text(format!(
                "year {year} has {} of workshop \"{}\" but the trainers who give it ({}) have {} a year; add trainers or days in [school_mode] or lower the pick",
                count(need, "group", "groups"),
                theme.id,
                if able.is_empty() { "none".to_string() } else { able.iter().map(|t| t.name.as_str()).collect::<Vec<_>>().join(", ") },
                count(days, "day", "days")
            ));
        }
    }
    let days: usize = trainers.iter().map(|t| t.days).sum();
    Advice::text(format!(
        "year {year} has {} but the trainers can cover only part of them with their days ({} in all); add trainers or days in [school_mode] or lower the pick",
        count(ids.len(), "workshop group", "workshop groups"),
        count(days, "day", "days")
    ))
}

/// A free day per group: the school's k-th pick in the k-th of `pick` equal runs of the
/// year's free days, as near the run's middle as the school (one workshop a day) and the
/// trainer (one a day) allow; else the nearest free day of the year.
pub(crate) fn assign_dates(
    catalogue: &Catalogue,
    groups: &[Group],
    trainer_of: &[Option<usize>],
    start: NaiveDate,
    years: usize,
    pick: usize,
    holidays: Option<&Holidays>,
) -> Result<Vec<NaiveDate>, PlanError> {
    let weekday = catalogue.rotation.weekday;
    let mut out = vec![NaiveDate::MIN; groups.len()];
    let mut busy: Vec<(String, NaiveDate)> = Vec::new();
    let mut trainer_busy: Vec<(usize, NaiveDate)> = Vec::new();
    for y in 0..years {
        let first = start + Months::new(12 * y as u32);
        let end = first + Months::new(10);
        let (days, _) = free_days(first, end, weekday, holidays, &catalogue.calendar);
        let runs = groups
            .iter()
            .map(|g| g.rank + 1)
            .max()
            .unwrap_or(1)
            .max(pick);
        let c = days.len();
        for (i, g) in groups.iter().enumerate().filter(|(_, g)| g.year == y) {
            let middle = (2 * g.rank + 1) * c / (2 * runs);
            let mut by_distance: Vec<usize> = (0..c).collect();
            by_distance.sort_by_key(|&d| (d.abs_diff(middle), d));
            let free = by_distance.into_iter().map(|d| days[d]).find(|&day| {
                !g.schools
                    .iter()
                    .any(|s| busy.iter().any(|(b, d)| b == s && *d == day))
                    && trainer_of[i].is_none_or(|t| !trainer_busy.contains(&(t, day)))
            });
            let Some(day) = free else {
                return Err(PlanError::Infeasible(Advice::text(format!(
                    "school year {} has {} free {}s for the workshops of {}; fewer workshops per school (pick) or fewer reserved weeks make room",
                    school_year(first),
                    c,
                    crate::calendar::weekday_text(weekday).en.to_lowercase(),
                    g.school
                ))));
            };
            out[i] = day;
            for s in &g.schools {
                busy.push((s.clone(), day));
            }
            if let Some(t) = trainer_of[i] {
                trainer_busy.push((t, day));
            }
        }
    }
    Ok(out)
}
