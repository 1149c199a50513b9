//! Meetings per year and the basis share as ranges, against brute force: on small random
//! catalogues every number of meetings per year in the range and every assignment of
//! themes to their slots is enumerated and checked against the rules as
//! docs/catalogue-format.md states them, written out again here: the cycles closest to the
//! middle of the range come first, then those with the fewest meetings, and among the
//! first of those that has a plan the highest demand-weighted earliness wins.

mod support;

use std::fmt::Write as _;

use chrono::{Duration, NaiveDate};

use peiling_planner::{plan, Catalogue, PlanError, PlanOptions, SurveyDemand};
use proptest::prelude::*;
use support::instance::{
    assignment, brute_force, catalogue_head, demand, theme_tables, with_predecessors, year_days,
};

#[derive(Debug, Clone)]
struct Case {
    /// Per theme: basis?, demand, predecessor.
    themes: Vec<(bool, u32, Option<usize>)>,
    offered: Vec<bool>,
    years: u32,
    per_year: [u32; 2],
    /// Basis share in whole percent, at least / at most; `None`: half.
    share: Option<(u32, u32)>,
    max_gap_weeks: u32,
    spread_min: u32,
    /// In the catalogue (`[rotation]`), else as options.
    in_catalogue: bool,
}

fn case() -> impl Strategy<Value = Case> {
    // Ranges around the fewest meetings a year that can hold every theme, at most 6
    // slots in all (the brute force tries every assignment of every cycle).
    (2usize..=4, 1u32..=2, 0u32..=2, 0u32..=2).prop_flat_map(|(n, years, below, wide)| {
        let top = 6 / years;
        let need = (n as u32).div_ceil(years);
        let lo = (need + 1).saturating_sub(below).clamp(1, top);
        let hi = (lo + wide).min(top);
        let theme = (any::<bool>(), 0u32..4, any::<bool>(), 0usize..4);
        (
            prop::collection::vec(theme, n),
            prop::collection::vec(prop::bool::weighted(0.2), n),
            prop::option::of(prop::sample::select(vec![
                (40u32, 60u32),
                (30, 70),
                (50, 50),
                (0, 100),
                (20, 40),
            ])),
            prop::sample::select(vec![0u32, 8, 12, 16, 24]),
            1u32..=3,
            any::<bool>(),
        )
            .prop_map(
                move |(themes, offered, share, max_gap_weeks, spread_min, in_catalogue)| Case {
                    themes: with_predecessors(themes),
                    // A cycle of one year has nowhere for a waiting theme to go.
                    offered: offered.into_iter().map(|o| o && years == 2).collect(),
                    years,
                    per_year: [lo, hi],
                    share,
                    max_gap_weeks,
                    spread_min,
                    in_catalogue,
                },
            )
    })
}

fn catalogue(c: &Case) -> Catalogue {
    let mut s = catalogue_head(c.max_gap_weeks, c.spread_min);
    if c.in_catalogue {
        let _ = writeln!(
            s,
            "[rotation]\nyears = {}\nper_year = {{ min = {}, max = {} }}",
            c.years, c.per_year[0], c.per_year[1]
        );
        if let Some((lo, hi)) = c.share {
            let _ = writeln!(
                s,
                "basis_share = {{ min = {}, max = {} }}",
                f64::from(lo) / 100.0,
                f64::from(hi) / 100.0
            );
        }
    }
    theme_tables(&mut s, c.themes.iter().map(|t| (t.0, t.2)));
    Catalogue::from_toml("t.toml", &s).unwrap()
}

fn survey(c: &Case) -> SurveyDemand {
    let asked: Vec<usize> = c.themes.iter().map(|t| t.1 as usize).collect();
    demand("t", &asked)
}

/// The rules for one cycle of `counts` meetings per year.
struct Cycle<'a> {
    c: &'a Case,
    counts: Vec<usize>,
    /// Per year: basis meetings at least, at most.
    split: Vec<(usize, usize)>,
    waiting: Vec<bool>,
}

impl Cycle<'_> {
    fn new(c: &Case, counts: Vec<usize>) -> Cycle<'_> {
        let n = c.themes.len();
        let has_b = c.themes.iter().any(|t| t.0);
        let has_v = c.themes.iter().any(|t| !t.0);
        let split = counts
            .iter()
            .map(|&m| match c.share {
                // Inward: ⌈lo·m⌉ to ⌊hi·m⌋ in whole percent; none inside: the middle, rounded.
                Some((lo, hi)) => {
                    let (a, b) = ((lo as usize * m).div_ceil(100), hi as usize * m / 100);
                    if a <= b {
                        (a, b)
                    } else {
                        let mid = ((lo + hi) as usize * m + 100) / 200;
                        (mid, mid)
                    }
                }
                None if has_b && has_v => (m / 2, m.div_ceil(2)),
                None if has_b => (m, m),
                None => (0, 0),
            })
            .collect();
        let score = |i: usize| c.themes[i].1 as f64;
        let waiting = (0..n)
            .map(|i| {
                let level: Vec<f64> = (0..n)
                    .filter(|&j| c.themes[j].0 == c.themes[i].0)
                    .map(score)
                    .collect();
                let mean = level.iter().sum::<f64>() / level.len() as f64;
                c.offered[i] && !(score(i) > 0.0 && score(i) >= 2.0 * mean)
            })
            .collect();
        Cycle {
            c,
            counts,
            split,
            waiting,
        }
    }

    fn year_of<'b>(&self, a: &'b [usize]) -> Vec<&'b [usize]> {
        let mut out = Vec::new();
        let mut at = 0;
        for &n in &self.counts {
            out.push(&a[at..at + n]);
            at += n;
        }
        out
    }

    fn feasible(&self, a: &[usize]) -> bool {
        let c = self.c;
        let n = c.themes.len();
        let basis = |t: usize| c.themes[t].0;
        let k = |b: bool| c.themes.iter().filter(|t| t.0 == b).count().max(1);
        // The level's most meetings in year y.
        let most = |b: bool, y: usize| {
            if b {
                self.split[y].1
            } else {
                self.counts[y] - self.split[y].0
            }
        };
        let years = self.year_of(a);
        for t in 0..n {
            let b = basis(t);
            let total = a.iter().filter(|&&x| x == t).count();
            let cycle: usize = (0..years.len()).map(|y| most(b, y)).sum();
            let year_cap = (0..years.len()).map(|y| most(b, y)).max().unwrap();
            if total == 0 || total > cycle.div_ceil(k(b)) {
                return false;
            }
            if years
                .iter()
                .any(|year| year.iter().filter(|&&x| x == t).count() > year_cap.div_ceil(k(b)))
            {
                return false;
            }
        }
        for (y, year) in years.iter().enumerate() {
            let nb = year.iter().filter(|&&t| basis(t)).count();
            if nb < self.split[y].0 || nb > self.split[y].1 {
                return false;
            }
            if y == 0 && year.iter().any(|&t| self.waiting[t]) {
                return false;
            }
        }
        if !(0..a.len()).all(|s| match c.themes[a[s]].2 {
            Some(p) => a[..s].contains(&p),
            None => true,
        }) {
            return false;
        }
        self.spread(&years)
    }

    /// In each year, a level with at least `spread_min` meetings in that year (by the
    /// split) meets at most `max_gap_weeks` apart, counting from the year's first Thursday
    /// to its last.
    fn spread(&self, years: &[&[usize]]) -> bool {
        let c = self.c;
        if c.max_gap_weeks == 0 {
            return true;
        }
        let gap = Duration::weeks(c.max_gap_weeks as i64);
        for level in [true, false] {
            for (y, year) in years.iter().enumerate() {
                let least = if level {
                    self.split[y].0
                } else {
                    self.counts[y] - self.split[y].1
                };
                if least == 0 || least < c.spread_min as usize {
                    continue;
                }
                let (days, free) = year_days(y, year.len());
                let mut met: Vec<NaiveDate> = year
                    .iter()
                    .zip(&days)
                    .filter(|(&t, _)| c.themes[t].0 == level)
                    .map(|(_, &d)| d)
                    .collect();
                met.push(free.0);
                met.push(free.1);
                met.sort();
                if met.windows(2).any(|w| w[1] - w[0] > gap) {
                    return false;
                }
            }
        }
        true
    }

    /// (demand-weighted earliness in millionths, catalogue-order tie-break).
    fn objective(&self, a: &[usize]) -> (i64, i64) {
        let n = self.c.themes.len() as i64;
        let slots = a.len();
        a.iter().enumerate().fold((0, 0), |(d, t), (s, &x)| {
            let w = (slots - s) as i64;
            (
                d + self.c.themes[x].1 as i64 * 1_000_000 * w,
                t + (n - x as i64) * w,
            )
        })
    }

    fn brute_force(&self) -> Option<(i64, i64)> {
        let slots: usize = self.counts.iter().sum();
        brute_force(
            slots,
            self.c.themes.len(),
            |a| self.feasible(a),
            |a| self.objective(a),
        )
    }
}

/// Every count vector of the range, with its key: (distance from the middle in half
/// meetings, summed over the years; meetings in all).
fn cycles(c: &Case) -> Vec<((u32, usize), Vec<usize>)> {
    let [lo, hi] = c.per_year;
    let mut out = vec![Vec::new()];
    for _ in 0..c.years {
        out = out
            .into_iter()
            .flat_map(|v: Vec<usize>| {
                (lo..=hi).map(move |n| {
                    let mut w = v.clone();
                    w.push(n as usize);
                    w
                })
            })
            .collect();
    }
    out.into_iter()
        .map(|v| {
            let distance = v.iter().map(|&n| (2 * n as u32).abs_diff(lo + hi)).sum();
            ((distance, v.iter().sum()), v)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn ranges_match_brute_force(c in case()) {
        // The best key with a plan, and the best objective among its cycles.
        let mut all = cycles(&c);
        all.sort();
        let mut expected: Option<((u32, usize), (i64, i64))> = None;
        for (key, v) in &all {
            if expected.is_some_and(|(k, _)| k < *key) {
                break;
            }
            if let Some(o) = Cycle::new(&c, v.clone()).brute_force() {
                if expected.is_none_or(|(_, b)| o > b) {
                    expected = Some((*key, o));
                }
            }
        }
        let mut options = PlanOptions::default();
        if !c.in_catalogue {
            options.years = Some(c.years);
            options.per_year_range = Some(c.per_year);
            options.basis_share = c.share.map(|(lo, hi)| [f64::from(lo) / 100.0, f64::from(hi) / 100.0]);
        }
        options.offered = (0..c.themes.len()).filter(|&i| c.offered[i]).map(|i| format!("t{i}")).collect();
        match plan(&catalogue(&c), &survey(&c), &options) {
            Ok(p) => {
                prop_assert!(p.optimal);
                let counts: Vec<usize> = p.meetings_per_year.iter().map(|&n| n as usize).collect();
                prop_assert_eq!(counts.len(), c.years as usize);
                prop_assert!(counts.iter().all(|&n| n as u32 >= c.per_year[0] && n as u32 <= c.per_year[1]));
                let cycle = Cycle::new(&c, counts.clone());
                let a = assignment(&p);
                prop_assert!(cycle.feasible(&a), "plan breaks a rule: {:?} in {:?}", a, counts);
                let (key, best) = expected.expect("brute force finds a plan too");
                let distance = counts.iter().map(|&n| (2 * n as u32).abs_diff(c.per_year[0] + c.per_year[1])).sum::<u32>();
                prop_assert_eq!((distance, a.len()), key, "cycle {:?}", counts);
                prop_assert_eq!(cycle.objective(&a), best, "plan {:?}", a);
                for m in &p.meetings {
                    let (days, _) = year_days(m.year as usize - 1, counts[m.year as usize - 1]);
                    prop_assert_eq!(m.date, days[m.slot as usize - 1]);
                }
            }
            Err(PlanError::Infeasible(m)) => {
                prop_assert_eq!(expected, None, "planner says infeasible: {}", m);
                prop_assert_eq!(m.to_string().lines().count(), 1);
            }
            Err(e) => prop_assert!(false, "unexpected error {}", e),
        }
    }
}
