//! The plan's counts: meetings per year and the basis split, each a number or a range
//! ("5 to 7", "40 to 60 %"), resolved from the options and the catalogue ([`Counts`]); the
//! meetings per year of each candidate cycle in the order the objective prefers them
//! (closest to the middle of the range, then fewest meetings); and the [`Rule`] of one
//! such cycle that the search works on.

use crate::calendar::{self, Year};
use crate::catalogue::{Catalogue, Level};
use crate::infeasible::{diagnose, precheck};
use crate::plan::PlanOptions;
use crate::solve::{self, Problem};
use crate::text::Text;
use crate::{Advice, PlanError, PlanSetting};

/// At most this many candidate cycles are tried (a wide range over many years).
const MAX_CYCLES: usize = 10_000;

/// At least / at most, both included.
pub type Range = [u32; 2];

/// How many basis meetings a year has.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Basis {
    /// A fixed number every year.
    Fixed(u32),
    /// A share of the year's meetings: at least / at most (0 to 1).
    Share(f64, f64),
    /// Half (odd: rounded down or up).
    Half,
    /// The catalogue has one level: all its meetings (or none of them basis).
    All,
    None,
}

/// The resolved counts, before the meetings per year are chosen.
#[derive(Debug, Clone)]
pub(crate) struct Counts {
    pub years: usize,
    pub per_year: Range,
    pub basis: Basis,
}

/// One candidate cycle: meetings and basis meetings (at least, at most) per year.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rule {
    pub years: usize,
    pub counts: Vec<usize>,
    pub basis_min: Vec<usize>,
    pub basis_max: Vec<usize>,
}

impl Basis {
    /// Basis meetings at least / at most in a year of `n` meetings. A share rounds inward
    /// (40 to 60 % of 7: 3 to 4); when no whole number lies inside, the nearest to its
    /// middle.
    pub(crate) fn of(self, n: u32) -> (u32, u32) {
        match self {
            Basis::Fixed(b) => (b, b),
            Basis::Share(lo, hi) => {
                let (a, b) = (
                    (lo * f64::from(n) - 1e-9).ceil().max(0.0) as u32,
                    (hi * f64::from(n) + 1e-9).floor() as u32,
                );
                if a <= b {
                    (a, b.min(n))
                } else {
                    let mid = ((lo + hi) / 2.0 * f64::from(n)).round() as u32;
                    (mid.min(n), mid.min(n))
                }
            }
            Basis::Half => (n / 2, n.div_ceil(2)),
            Basis::All => (n, n),
            Basis::None => (0, 0),
        }
    }
}

impl Counts {
    /// From the options, else the catalogue's `[rotation]`.
    pub(crate) fn resolve(
        catalogue: &Catalogue,
        options: &PlanOptions,
    ) -> Result<Counts, PlanError> {
        let r = &catalogue.rotation;
        let years = options.years.unwrap_or(r.years);
        if !(1..=10).contains(&years) {
            return Err(PlanError::Setting {
                setting: PlanSetting::Years,
                value: years.to_string(),
                problem: "a cycle is 1 to 10 years".into(),
            });
        }
        let per_year = options
            .per_year_range
            .or(options.per_year.map(|n| [n, n]))
            .unwrap_or(r.per_year);
        if per_year[0] > per_year[1] || per_year[0] < 1 || per_year[1] > 40 {
            return Err(PlanError::Setting {
                setting: PlanSetting::PerYear,
                value: range_text(per_year),
                problem: "1 to 40 meetings a year (a range from the lower to the higher)".into(),
            });
        }
        let has = |level: Level| catalogue.themes.iter().any(|t| t.level == level);
        // The catalogue's split belongs to its own number of meetings a year.
        let own = per_year == r.per_year;
        let basis = match (options.basis_per_year, options.basis_share) {
            (Some(b), _) => Basis::Fixed(b),
            (None, Some([lo, hi])) => Basis::Share(lo, hi),
            (None, None) => match (r.basis_per_year.filter(|_| own), r.basis_share) {
                (Some(b), _) => Basis::Fixed(b),
                (None, Some([lo, hi])) => Basis::Share(lo, hi),
                (None, None) => match (has(Level::Basis), has(Level::Verdiepend)) {
                    (true, true) => Basis::Half,
                    (true, false) => Basis::All,
                    _ => Basis::None,
                },
            },
        };
        if let Basis::Fixed(b) = basis {
            if b > per_year[0] {
                return Err(PlanError::Setting {
                    setting: PlanSetting::BasisPerYear,
                    value: b.to_string(),
                    problem: format!("more than the {} meetings a year", per_year[0]),
                });
            }
        }
        if let Basis::Share(lo, hi) = basis {
            if !(0.0..=1.0).contains(&lo) || !(0.0..=1.0).contains(&hi) || lo > hi {
                return Err(PlanError::Setting {
                    setting: PlanSetting::BasisPerYear,
                    value: format!("{lo}-{hi}"),
                    problem: "a share from 0 to 1, the lower first".into(),
                });
            }
        }
        Ok(Counts {
            years: years as usize,
            per_year,
            basis,
        })
    }

    /// The basis share, when the split is one.
    pub(crate) fn basis_share(&self) -> Option<[f64; 2]> {
        match self.basis {
            Basis::Share(a, b) => Some([a, b]),
            _ => None,
        }
    }

    /// The rule of a cycle with `counts` meetings per year.
    pub(crate) fn rule(&self, counts: &[usize]) -> Rule {
        let (basis_min, basis_max) = counts.iter().map(|&n| self.basis.of(n as u32)).fold(
            (Vec::new(), Vec::new()),
            |(mut lo, mut hi), (a, b)| {
                lo.push(a as usize);
                hi.push(b as usize);
                (lo, hi)
            },
        );
        Rule {
            years: self.years,
            counts: counts.to_vec(),
            basis_min,
            basis_max,
        }
    }

    /// How far a year of `n` meetings lies from the middle of the range, in half meetings.
    fn distance(&self, n: u32) -> u32 {
        (2 * n).abs_diff(self.per_year[0] + self.per_year[1])
    }

    /// The meetings per year of the candidate cycles, grouped by the objective's first two
    /// criteria: closest to the middle of the range (the sum over the years of the
    /// distance), then fewest meetings; within a group in a fixed order. Only groups up
    /// to `limit` cycles in all are produced.
    pub(crate) fn candidates(&self, limit: usize) -> Vec<Vec<Vec<usize>>> {
        let [lo, hi] = self.per_year;
        let mut all: Vec<(u32, usize, Vec<usize>)> = Vec::new();
        let max_distance = self.distance(lo).max(self.distance(hi)) * self.years as u32;
        // Distance by distance, so a wide range over many years stays small.
        'outer: for d in 0..=max_distance {
            let mut found = Vec::new();
            self.with_distance(d, &mut Vec::new(), &mut found);
            for v in found {
                let total = v.iter().sum();
                all.push((d, total, v));
                if all.len() >= limit {
                    break 'outer;
                }
            }
        }
        all.sort();
        let mut groups: Vec<Vec<Vec<usize>>> = Vec::new();
        let mut last: Option<(u32, usize)> = None;
        for (d, total, v) in all {
            if last != Some((d, total)) {
                groups.push(Vec::new());
                last = Some((d, total));
            }
            if let Some(g) = groups.last_mut() {
                g.push(v);
            }
        }
        groups
    }

    fn with_distance(&self, left: u32, prefix: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        if prefix.len() == self.years {
            if left == 0 {
                out.push(prefix.clone());
            }
            return;
        }
        for n in self.per_year[0]..=self.per_year[1] {
            let d = self.distance(n);
            if d <= left {
                prefix.push(n as usize);
                self.with_distance(left - d, prefix, out);
                prefix.pop();
            }
        }
    }
}

/// The best plan over the candidate cycles.
pub(crate) struct Found {
    pub rule: Rule,
    pub slots: Vec<usize>,
    pub dates: Vec<Year>,
    /// Every search that counts ran to the end.
    pub optimal: bool,
    pub nodes: u64,
}

/// Solves the candidate cycles group by group (closest to the middle of the range, then
/// fewest meetings) and returns the best plan of the first group that has one: within a
/// group every cycle has the same number of slots, so their objectives compare directly
/// (equal: the first in the group's order). No plan at all: the error of the cycle with the
/// most meetings, which the ranges allow and every rule can use best.
pub(crate) fn search(
    catalogue: &Catalogue,
    counts: &Counts,
    dates_of: impl Fn(&[usize]) -> Result<Vec<Year>, PlanError>,
    problem_of: impl Fn(&Rule) -> Result<Problem, PlanError>,
    max_nodes: u64,
) -> Result<Found, PlanError> {
    let widest = vec![counts.per_year[1] as usize; counts.years];
    let mut nodes = 0u64;
    let mut optimal = true;
    let mut best: Option<(i128, Found)> = None;
    let mut widest_error: Option<PlanError> = None;
    'groups: for group in counts.candidates(MAX_CYCLES) {
        for v in group {
            let rule = counts.rule(&v);
            let tried = try_cycle(catalogue, &rule, &dates_of, &problem_of, max_nodes, nodes);
            match tried {
                Err(e) => {
                    if v == widest {
                        widest_error = Some(e);
                    }
                }
                Ok((outcome, problem, dates)) => {
                    nodes += outcome.nodes;
                    optimal &= outcome.optimal;
                    match outcome.slots {
                        Some(slots) if best.as_ref().is_none_or(|(b, _)| outcome.value > *b) => {
                            let found = Found {
                                rule,
                                slots,
                                dates,
                                optimal,
                                nodes,
                            };
                            best = Some((outcome.value, found));
                        }
                        Some(_) => {}
                        None if v == widest => {
                            widest_error = Some(PlanError::Infeasible(if outcome.optimal {
                                diagnose(catalogue, &rule, &problem, max_nodes)
                            } else {
                                Advice::text(format!(
                                    "no plan found within the search budget of {max_nodes} steps; fewer constraints (ordering, "
                                ))
                                .setting(PlanSetting::Offered)
                                .then(") or fewer themes make it easier")
                            }));
                        }
                        None => {}
                    }
                    if nodes >= max_nodes {
                        break 'groups;
                    }
                }
            }
        }
        if best.is_some() {
            break;
        }
    }
    match best {
        Some((_, mut found)) => {
            found.optimal = optimal;
            found.nodes = nodes;
            Ok(found)
        }
        None => Err(widest_error.unwrap_or_else(|| {
            PlanError::Infeasible(
                Advice::text("no number of meetings in the range gives a plan; widen ")
                    .setting(PlanSetting::PerYear),
            )
        })),
    }
}

type Tried = (solve::Outcome, Problem, Vec<Year>);

/// One cycle: its meeting days, the conflicts named before searching, the search.
fn try_cycle(
    catalogue: &Catalogue,
    rule: &Rule,
    dates_of: &impl Fn(&[usize]) -> Result<Vec<Year>, PlanError>,
    problem_of: &impl Fn(&Rule) -> Result<Problem, PlanError>,
    max_nodes: u64,
    used: u64,
) -> Result<Tried, PlanError> {
    let dates = dates_of(&rule.counts)?;
    let mut problem = problem_of(rule)?;
    problem.spread = calendar::spread(rule, &catalogue.calendar, &dates);
    precheck(catalogue, rule, &problem)?;
    let outcome = solve::solve(&problem, max_nodes.saturating_sub(used).max(1), false);
    debug_assert!(outcome
        .slots
        .as_ref()
        .is_none_or(|s| problem.objective(s) == outcome.value));
    Ok((outcome, problem, dates))
}

/// What the plan says about a range: which numbers it chose and why.
pub(crate) fn note(counts: &Counts, rule: &Rule) -> Option<Text> {
    let [lo, hi] = counts.per_year;
    let chosen = rule.counts.iter().map(usize::to_string).collect::<Vec<_>>();
    let share = match counts.basis {
        Basis::Share(a, b) => Some((
            format!(
                " Basis: {} tot {} % van de bijeenkomsten van een jaar (naar binnen afgerond).",
                (a * 100.0).round(),
                (b * 100.0).round()
            ),
            format!(
                " Basis: {} to {} % of a year's meetings (rounded inward).",
                (a * 100.0).round(),
                (b * 100.0).round()
            ),
        )),
        _ => None,
    };
    if lo == hi && share.is_none() {
        return None;
    }
    let (share_nl, share_en) = share.unwrap_or_default();
    let per_year = if lo == hi {
        (String::new(), String::new())
    } else {
        (
            format!(
                "{lo} tot {hi} bijeenkomsten per jaar: dit plan houdt er {} (zo dicht mogelijk bij het midden van het bereik, dan zo weinig mogelijk; daarbinnen de hoogste doelwaarde).",
                join(&chosen, "en")
            ),
            format!(
                "{lo} to {hi} meetings a year: this plan holds {} (as close to the middle of the range as possible, then as few as possible; among those the highest objective).",
                join(&chosen, "and")
            ),
        )
    };
    Some(Text::new(
        format!("{}{share_nl}", per_year.0).trim().to_string(),
        format!("{}{share_en}", per_year.1).trim().to_string(),
    ))
}

fn join(items: &[String], and: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

impl Rule {
    pub(crate) fn slots(&self) -> usize {
        self.counts.iter().sum()
    }

    /// The first slot of year `y`.
    pub(crate) fn start(&self, y: usize) -> usize {
        self.counts[..y].iter().sum()
    }

    /// The same number of meetings every year.
    pub(crate) fn uniform(&self) -> Option<usize> {
        let n = self.counts[0];
        self.counts.iter().all(|&c| c == n).then_some(n)
    }

    /// "6 + 6", or "2 years × 6".
    pub(crate) fn meetings_text(&self) -> String {
        match self.uniform() {
            Some(n) => format!("{} × {n}", crate::plan::count(self.years, "year", "years")),
            None => self
                .counts
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(" + "),
        }
    }

    pub(crate) fn split_text(&self) -> String {
        let lo = self.basis_min.iter().min().copied().unwrap_or(0);
        let hi = self.basis_max.iter().max().copied().unwrap_or(0);
        match self.uniform() {
            Some(n) if self.basis_min == self.basis_max && lo == hi => {
                format!("{lo} basis and {} verdiepend meetings a year", n - lo)
            }
            Some(n) => format!("{lo} to {hi} basis meetings a year (of {n})"),
            None => format!(
                "{lo} to {hi} basis meetings a year (of {})",
                self.meetings_text()
            ),
        }
    }
}

/// "6" or "5-7".
pub(crate) fn range_text(r: Range) -> String {
    if r[0] == r[1] {
        r[0].to_string()
    } else {
        format!("{}-{}", r[0], r[1])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_rounds_inward_and_falls_back_to_its_middle() {
        let s = Basis::Share(0.4, 0.6);
        assert_eq!(s.of(6), (3, 3));
        assert_eq!(s.of(5), (2, 3));
        assert_eq!(s.of(7), (3, 4));
        assert_eq!(s.of(10), (4, 6));
        // 45 to 55 % of 3 is 1.35 to 1.65: no whole number inside, so 1.5 rounded: 2.
        assert_eq!(Basis::Share(0.45, 0.55).of(3), (2, 2));
        assert_eq!(Basis::Half.of(7), (3, 4));
    }

    #[test]
    fn candidates_come_closest_to_the_middle_first_then_fewest() {
        let c = Counts {
            years: 2,
            per_year: [5, 7],
            basis: Basis::Half,
        };
        let g = c.candidates(1000);
        assert_eq!(g[0], vec![vec![6, 6]]);
        // Distance 1 in half meetings is impossible; distance 2: one year off by one.
        assert_eq!(g[1], vec![vec![5, 6], vec![6, 5]]);
        assert_eq!(g[2], vec![vec![6, 7], vec![7, 6]]);
        assert_eq!(g[3], vec![vec![5, 5]]);
        assert_eq!(g.iter().map(Vec::len).sum::<usize>(), 9);
        // An even range: 4 to 5 has its middle at 4.5; fewer meetings first.
        let c = Counts {
            years: 1,
            per_year: [4, 5],
            basis: Basis::Half,
        };
        assert_eq!(c.candidates(1000), vec![vec![vec![4]], vec![vec![5]]]);
    }
}
