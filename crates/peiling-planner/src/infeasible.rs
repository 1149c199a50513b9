//! Infeasible input explained in one line: conflicts named before the search (`precheck`)
//! and, when the search finds no plan, the constraint family whose removal would allow one
//! (`diagnose`).

use crate::catalogue::{Catalogue, Level};
use crate::plan::{count, list};
use crate::ranges::Rule;
use crate::solve::{self, Problem};
use crate::{Advice, PlanError, PlanSetting};

/// Conflicts that can be named before searching, one line each.
pub(crate) fn precheck(catalogue: &Catalogue, rule: &Rule, p: &Problem) -> Result<(), PlanError> {
    let themes = &catalogue.themes;
    let n = themes.len();
    let slots = rule.slots();
    let infeasible = |m: Advice| Err(PlanError::Infeasible(m));
    if n > slots {
        return infeasible(
            Advice::text(format!(
                "{} do not fit in {} ({}): every theme comes up once per cycle; raise ",
                count(n, "theme", "themes"),
                count(slots, "meeting", "meetings"),
                rule.meetings_text()
            ))
            .setting(PlanSetting::PerYear)
            .then(" or ")
            .setting(PlanSetting::Years),
        );
    }
    let years = 0..rule.years;
    let verd_max: Vec<usize> = years
        .clone()
        .map(|y| rule.counts[y] - rule.basis_min[y])
        .collect();
    let verd_min: Vec<usize> = years
        .clone()
        .map(|y| rule.counts[y] - rule.basis_max[y])
        .collect();
    for (level, name, max_a_year, min_a_year) in [
        (Level::Basis, "basis", &rule.basis_max, &rule.basis_min),
        (Level::Verdiepend, "verdiepend", &verd_max, &verd_min),
    ] {
        let k = themes.iter().filter(|t| t.level == level).count();
        let most: usize = max_a_year.iter().sum();
        let min_a_year = min_a_year.iter().copied().max().unwrap_or(0);
        if k > most {
            return infeasible(
                Advice::text(format!(
                    "{k} {name} themes do not fit in the {} {name} meetings of a cycle ({}): change ",
                    most,
                    rule.split_text()
                ))
                .setting(PlanSetting::BasisPerYear)
                .then(" or ")
                .setting(PlanSetting::PerYear),
            );
        }
        if k == 0 && min_a_year > 0 {
            return infeasible(
                Advice::text(format!(
                    "the split asks for {min_a_year} {name} meetings a year ({}), but the catalogue has no {name} themes; change ",
                    rule.split_text()
                ))
                .setting(PlanSetting::BasisPerYear),
            );
        }
    }
    let waiting: Vec<&str> = (0..n)
        .filter(|&i| p.waiting[i])
        .map(|i| themes[i].id.as_str())
        .collect();
    if !waiting.is_empty() && rule.years == 1 {
        return infeasible(
            Advice::default()
                .setting(PlanSetting::Offered)
                .then(format!(
                    " {}: a theme offered last year waits a year, but the cycle is 1 year and every theme comes up in it; plan 2 years or drop ",
                    list(&waiting)
                ))
                .setting(PlanSetting::Offered),
        );
    }
    // Year 1 must be filled from the themes that need not wait.
    for (level, name, need) in [
        (Level::Basis, "basis", rule.basis_min[0]),
        (Level::Verdiepend, "verdiepend", verd_min[0]),
    ] {
        let free: Vec<usize> = (0..n)
            .filter(|&i| themes[i].level == level && !p.waiting[i])
            .collect();
        let room: usize = free.iter().map(|&i| p.cap_year[i]).sum();
        if room < need {
            let waiting_here: Vec<&str> = (0..n)
                .filter(|&i| themes[i].level == level && p.waiting[i])
                .map(|i| themes[i].id.as_str())
                .collect();
            return infeasible(
                Advice::text(format!(
                    "year 1 needs {need} {name} meetings but only {} of that level need not wait (offered last year: {}); drop some of ",
                    count(free.len(), "theme", "themes"),
                    list(&waiting_here)
                ))
                .setting(PlanSetting::Offered)
                .then(" or change the split"),
            );
        }
    }
    Ok(())
}

/// Names the constraint family whose removal makes an infeasible instance feasible.
pub(crate) fn diagnose(catalogue: &Catalogue, rule: &Rule, p: &Problem, max_nodes: u64) -> Advice {
    let themes = &catalogue.themes;
    let orderings: Vec<String> = themes
        .iter()
        .flat_map(|t| t.after.iter().map(move |a| format!("{} after {a}", t.id)))
        .collect();
    let waiting: Vec<&str> = (0..themes.len())
        .filter(|&i| p.waiting[i])
        .map(|i| themes[i].id.as_str())
        .collect();
    let mut families: Vec<(String, Problem)> = Vec::new();
    if !orderings.is_empty() {
        let mut q = p.clone();
        q.preds.iter_mut().for_each(Vec::clear);
        families.push((format!("the ordering ({})", orderings.join(", ")), q));
    }
    if !waiting.is_empty() {
        let mut q = p.clone();
        q.waiting.iter_mut().for_each(|w| *w = false);
        families.push((
            format!(
                "the waiting of themes offered last year ({})",
                list(&waiting)
            ),
            q,
        ));
    }
    if (0..rule.years).any(|y| rule.basis_min[y] > 0 || rule.basis_max[y] < rule.counts[y]) {
        let mut q = p.clone();
        q.basis_min = vec![0; rule.years];
        q.basis_max = rule.counts.clone();
        families.push((format!("the split of {}", rule.split_text()), q));
    }
    if p.spread.is_some() {
        let mut q = p.clone();
        q.spread = None;
        let weeks = catalogue.calendar.max_gap_weeks;
        families.push((
            format!("the spread of each level over the year (at least once every {weeks} weeks)"),
            q,
        ));
    }
    let mut q = p.clone();
    q.cap_total.iter_mut().for_each(|c| *c = rule.slots());
    let most = rule.counts.iter().copied().max().unwrap_or(0);
    q.cap_year.iter_mut().for_each(|c| *c = most);
    families.push((
        "the rule that a theme comes up at most once a year and twice a cycle only when meetings are spare"
            .to_string(),
        q,
    ));
    let budget = max_nodes.min(2_000_000);
    let feasible = |q: &Problem| solve::solve(q, budget, true).slots.is_some();
    let singles: Vec<&str> = families
        .iter()
        .filter(|(_, q)| feasible(q))
        .map(|(name, _)| name.as_str())
        .collect();
    if !singles.is_empty() {
        return Advice::text(format!(
            "no plan meets all constraints at once; dropping {} would make one possible",
            singles.join(", or ")
        ));
    }
    for i in 0..families.len() {
        for j in i + 1..families.len() {
            let mut q = families[i].1.clone();
            let r = &families[j].1;
            // Combine the two relaxations.
            if r.preds.iter().all(Vec::is_empty) {
                q.preds.iter_mut().for_each(Vec::clear);
            }
            if r.waiting.iter().all(|w| !w) {
                q.waiting.iter_mut().for_each(|w| *w = false);
            }
            if r.spread.is_none() {
                q.spread = None;
            }
            for y in 0..rule.years {
                q.basis_min[y] = q.basis_min[y].min(r.basis_min[y]);
                q.basis_max[y] = q.basis_max[y].max(r.basis_max[y]);
            }
            for t in 0..q.cap_total.len() {
                q.cap_total[t] = q.cap_total[t].max(r.cap_total[t]);
                q.cap_year[t] = q.cap_year[t].max(r.cap_year[t]);
            }
            if feasible(&q) {
                return Advice::text(format!(
                    "no plan meets all constraints at once: {} and {} conflict; dropping both would make one possible",
                    families[i].0, families[j].0
                ));
            }
        }
    }
    Advice::text(format!(
        "no plan meets all constraints at once ({}, {}); check the catalogue's ordering and ",
        count(themes.len(), "theme", "themes"),
        rule.split_text()
    ))
    .setting(PlanSetting::Offered)
}
