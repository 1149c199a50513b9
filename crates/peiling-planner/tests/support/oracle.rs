//! The planner's rules as docs/catalogue-format.md states them, written out again without
//! the planner's code: an instance (`Case`) as catalogue and survey, the rules checked on a
//! full assignment (theme per slot), the objective, and two independent optimisers: plain
//! enumeration of every assignment (small instances) and an exhaustive search memoised on
//! what the rules look at (up to 8 themes, 3 years and 12 slots). Random instances come
//! from a fixed-seed generator, so every run checks the same ones.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use peiling_planner::{Catalogue, Offering, PlanOptions, SurveyDemand};

use super::instance::{brute_force, catalogue_head, demand, theme_tables, year_days};

#[derive(Debug, Clone)]
pub struct Case {
    /// Per theme: basis?, demand (small integers, so ties happen), predecessor.
    pub themes: Vec<(bool, u32, Option<usize>)>,
    pub offered: Vec<bool>,
    pub years: u32,
    pub per_year: u32,
    pub basis_per_year: Option<u32>,
    /// The spread rule: at most this many weeks between a level's meetings (0: none), for
    /// levels with at least `spread_min` meetings a year.
    pub max_gap_weeks: u32,
    pub spread_min: u32,
    /// Themes last given three school years before the plan (in 2018-2019 for a plan of
    /// 2021-2022): refreshers due in year 1.
    pub due: Vec<bool>,
    /// `[refresher] basis_every_year`: every basis theme in every year.
    pub basis_every_year: bool,
}

pub fn catalogue(c: &Case) -> Catalogue {
    // Both levels' demand counts fully, so a theme's score is its integer demand.
    let mut s = catalogue_head(c.max_gap_weeks, c.spread_min);
    if c.basis_every_year {
        s.push_str("[refresher]\nbasis_every_year = true\n");
    }
    theme_tables(&mut s, c.themes.iter().map(|t| (t.0, t.2)));
    Catalogue::from_toml("t.toml", &s).unwrap()
}

pub fn survey(c: &Case) -> SurveyDemand {
    let asked: Vec<usize> = c.themes.iter().map(|t| t.1 as usize).collect();
    demand("t", &asked)
}

/// The plan options that go with a case.
pub fn options(c: &Case) -> PlanOptions {
    PlanOptions {
        years: Some(c.years),
        per_year: Some(c.per_year),
        basis_per_year: c.basis_per_year,
        offered: c
            .offered
            .iter()
            .enumerate()
            .filter(|(_, &o)| o)
            .map(|(i, _)| format!("t{i}"))
            .collect(),
        history: c
            .due
            .iter()
            .enumerate()
            .filter(|(_, &d)| d)
            .map(|(i, _)| Offering {
                theme: format!("t{i}"),
                school_year: "2018-2019".into(),
            })
            .collect(),
        ..PlanOptions::default()
    }
}

/// The documented rules, checked on a full assignment (theme per slot).
pub struct Rules {
    pub n: usize,
    pub years: usize,
    pub per_year: usize,
    pub basis_min: usize,
    pub basis_max: usize,
    pub basis: Vec<bool>,
    pub preds: Vec<Option<usize>>,
    pub waiting: Vec<bool>,
    pub score: Vec<f64>,
    /// Per year, the meeting days; the first and last Thursday a meeting could take; the
    /// spread rule's gap and threshold.
    pub dates: Vec<Vec<NaiveDate>>,
    pub free: Vec<(NaiveDate, NaiveDate)>,
    pub max_gap_weeks: u32,
    pub spread_min: usize,
    /// Per year: the themes that must come up in it (refreshers in year 1, basis themes
    /// every year with `basis_every_year`).
    pub required: Vec<Vec<usize>>,
}

/// The meeting days of each year ([`year_days`]).
pub fn meeting_days(
    years: usize,
    per_year: usize,
) -> Vec<(Vec<NaiveDate>, (NaiveDate, NaiveDate))> {
    (0..years).map(|y| year_days(y, per_year)).collect()
}

impl Rules {
    pub fn new(c: &Case) -> Rules {
        let n = c.themes.len();
        let basis: Vec<bool> = c.themes.iter().map(|t| t.0).collect();
        let score: Vec<f64> = c.themes.iter().map(|t| t.1 as f64).collect();
        let per_year = c.per_year as usize;
        let nb = basis.iter().filter(|&&b| b).count();
        let (basis_min, basis_max) = split(per_year, c.basis_per_year, nb, n - nb);
        // Exceptional: at least twice the mean of its level, and above zero.
        let waiting = (0..n)
            .map(|i| {
                let level: Vec<f64> = (0..n)
                    .filter(|&j| basis[j] == basis[i])
                    .map(|j| score[j])
                    .collect();
                let mean = level.iter().sum::<f64>() / level.len() as f64;
                c.offered[i] && !(score[i] > 0.0 && score[i] >= 2.0 * mean)
            })
            .collect();
        let required = (0..c.years as usize)
            .map(|y| {
                (0..n)
                    .filter(|&t| (y == 0 && c.due[t]) || (c.basis_every_year && basis[t]))
                    .collect()
            })
            .collect();
        Rules {
            n,
            years: c.years as usize,
            per_year,
            basis_min,
            basis_max,
            basis,
            preds: c.themes.iter().map(|t| t.2).collect(),
            waiting,
            score,
            dates: meeting_days(c.years as usize, per_year)
                .iter()
                .map(|d| d.0.clone())
                .collect(),
            free: meeting_days(c.years as usize, per_year)
                .iter()
                .map(|d| d.1)
                .collect(),
            max_gap_weeks: c.max_gap_weeks,
            spread_min: c.spread_min as usize,
            required,
        }
    }

    /// At most this many meetings of a level a year.
    pub fn level_max(&self, basis: bool) -> usize {
        if basis {
            self.basis_max
        } else {
            self.per_year - self.basis_min
        }
    }

    /// The most meetings one theme may take per cycle and per year: its level's meetings
    /// shared out over the level's themes, rounded up.
    pub fn caps(&self, t: usize) -> (usize, usize) {
        let b = self.basis[t];
        let k = self.basis.iter().filter(|&&x| x == b).count().max(1);
        let max = self.level_max(b);
        ((max * self.years).div_ceil(k), max.div_ceil(k))
    }

    /// The levels the spread rule applies to: a gap is set and the level has at least
    /// `spread_min` (and at least one) meetings in every year.
    pub fn spread_levels(&self) -> Vec<bool> {
        if self.max_gap_weeks == 0 {
            return Vec::new();
        }
        [
            (true, self.basis_min),
            (false, self.per_year - self.basis_max),
        ]
        .into_iter()
        .filter(|&(_, min_a_year)| min_a_year > 0 && min_a_year >= self.spread_min)
        .map(|(level, _)| level)
        .collect()
    }

    /// Each level with at least `spread_min` meetings in every year meets, within each
    /// year, at most `max_gap_weeks` apart, counting from the year's first Thursday a
    /// meeting could take to its last.
    pub fn spread(&self, a: &[usize]) -> bool {
        let gap = Duration::weeks(self.max_gap_weeks as i64);
        for level in self.spread_levels() {
            for y in 0..self.years {
                let days = &self.dates[y];
                let year = &a[y * self.per_year..(y + 1) * self.per_year];
                let mut met: Vec<NaiveDate> = year
                    .iter()
                    .zip(days)
                    .filter(|(&t, _)| self.basis[t] == level)
                    .map(|(_, &d)| d)
                    .collect();
                met.push(self.free[y].0);
                met.push(self.free[y].1);
                met.sort();
                if met.windows(2).any(|w| w[1] - w[0] > gap) {
                    return false;
                }
            }
        }
        true
    }

    pub fn feasible(&self, a: &[usize]) -> bool {
        let slots = a.len();
        for t in 0..self.n {
            let (cap_total, cap_year) = self.caps(t);
            let total = a.iter().filter(|&&x| x == t).count();
            if total == 0 || total > cap_total {
                return false;
            }
            for y in 0..self.years {
                let in_year = a[y * self.per_year..(y + 1) * self.per_year]
                    .iter()
                    .filter(|&&x| x == t)
                    .count();
                if in_year > cap_year {
                    return false;
                }
            }
        }
        for y in 0..self.years {
            let year = &a[y * self.per_year..(y + 1) * self.per_year];
            let b = year.iter().filter(|&&t| self.basis[t]).count();
            if b < self.basis_min || b > self.basis_max {
                return false;
            }
            if y == 0 && year.iter().any(|&t| self.waiting[t]) {
                return false;
            }
            if !self.required[y].iter().all(|t| year.contains(t)) {
                return false;
            }
        }
        self.spread(a)
            && (0..slots).all(|s| match self.preds[a[s]] {
                Some(p) => a[..s].contains(&p),
                None => true,
            })
    }

    /// (demand-weighted earliness in millionths, catalogue-order tie-break): compared
    /// lexicographically.
    pub fn objective(&self, a: &[usize]) -> (i64, i64) {
        let slots = a.len();
        a.iter().enumerate().fold((0, 0), |(d, t), (s, &x)| {
            let w = (slots - s) as i64;
            (
                d + (self.score[x] * 1e6).round() as i64 * w,
                t + (self.n - x) as i64 * w,
            )
        })
    }

    pub fn brute_force(&self) -> Option<(i64, i64)> {
        let slots = self.years * self.per_year;
        brute_force(slots, self.n, |a| self.feasible(a), |a| self.objective(a))
    }
}

/// What the rules look at after a prefix of slots: enough to decide every later slot.
#[derive(Clone)]
struct State {
    occ: Vec<usize>,
    occ_year: Vec<usize>,
    basis_year: usize,
    /// Per level (basis, verdiepend): position in the year of its last meeting.
    last: [Option<usize>; 2],
}

impl State {
    fn key(&self, s: usize) -> u128 {
        let mut k = s as u128;
        for &x in self.occ.iter().chain(&self.occ_year) {
            k = (k << 4) | x as u128;
        }
        k = (k << 4) | self.basis_year as u128;
        for l in self.last {
            k = (k << 4) | l.map_or(0, |p| p + 1) as u128;
        }
        k
    }
}

type Memo = HashMap<u128, Option<(i64, i64)>>;

impl Rules {
    /// The best objective over every feasible assignment and one assignment reaching it,
    /// or `None` when no assignment keeps the rules. Exhaustive: every theme is tried in
    /// every slot; a prefix is cut off only when it already breaks a rule, and two prefixes
    /// that leave the same state (counts, this year's split and last meeting per level)
    /// share the best completion, since the objective adds up slot by slot.
    pub fn exhaustive(&self) -> Option<((i64, i64), Vec<usize>)> {
        assert!(self.n <= 8 && self.years * self.per_year <= 15 && self.per_year <= 14);
        let mut memo = Memo::new();
        let start = State {
            occ: vec![0; self.n],
            occ_year: vec![0; self.n],
            basis_year: 0,
            last: [None, None],
        };
        let best = self.best_from(0, &start, &mut memo)?;
        // Walk the memo forward for an assignment that reaches it.
        let mut a = Vec::new();
        let mut state = start;
        let mut so_far = (0, 0);
        for s in 0..self.years * self.per_year {
            let (t, next, gain) = (0..self.n)
                .filter_map(|t| self.step(s, &state, t).map(|(n, g)| (t, n, g)))
                .find(|(_, next, gain)| {
                    let rest = self.best_from(s + 1, next, &mut memo);
                    rest.is_some_and(|r| (so_far.0 + gain.0 + r.0, so_far.1 + gain.1 + r.1) == best)
                })
                .expect("the memo leads to the optimum");
            a.push(t);
            so_far = (so_far.0 + gain.0, so_far.1 + gain.1);
            state = next;
        }
        assert!(
            self.feasible(&a),
            "the exhaustive search broke a rule: {a:?}"
        );
        assert_eq!(self.objective(&a), best);
        Some((best, a))
    }

    fn best_from(&self, s: usize, state: &State, memo: &mut Memo) -> Option<(i64, i64)> {
        if s == self.years * self.per_year {
            return (!state.occ.contains(&0)).then_some((0, 0));
        }
        let key = state.key(s);
        if let Some(v) = memo.get(&key) {
            return *v;
        }
        let mut best: Option<(i64, i64)> = None;
        for t in 0..self.n {
            let Some((next, gain)) = self.step(s, state, t) else {
                continue;
            };
            if let Some(rest) = self.best_from(s + 1, &next, memo) {
                let v = (gain.0 + rest.0, gain.1 + rest.1);
                if best.is_none_or(|b| v > b) {
                    best = Some(v);
                }
            }
        }
        memo.insert(key, best);
        best
    }

    /// Theme `t` in slot `s`: the state after it and what it adds to the objective, or
    /// `None` when it breaks a rule (at the year's end, also the split and the spread up
    /// to the year's last free day).
    fn step(&self, s: usize, state: &State, t: usize) -> Option<(State, (i64, i64))> {
        let (y, pos) = (s / self.per_year, s % self.per_year);
        let (cap_total, cap_year) = self.caps(t);
        let b = self.basis[t];
        if state.occ[t] >= cap_total || state.occ_year[t] >= cap_year {
            return None;
        }
        if y == 0 && self.waiting[t] {
            return None;
        }
        if self.preds[t].is_some_and(|p| state.occ[p] == 0) {
            return None;
        }
        let level_so_far = if b {
            state.basis_year
        } else {
            pos - state.basis_year
        };
        if level_so_far + 1 > self.level_max(b) {
            return None;
        }
        let gap = Duration::weeks(self.max_gap_weeks as i64);
        let levels = self.spread_levels();
        let day = |p: Option<usize>| p.map_or(self.free[y].0, |p| self.dates[y][p]);
        let li = usize::from(!b);
        if levels.contains(&b) && self.dates[y][pos] - day(state.last[li]) > gap {
            return None;
        }
        let mut next = state.clone();
        next.occ[t] += 1;
        next.occ_year[t] += 1;
        next.basis_year += usize::from(b);
        next.last[li] = Some(pos);
        if pos + 1 == self.per_year {
            if next.basis_year < self.basis_min || next.basis_year > self.basis_max {
                return None;
            }
            if self.required[y].iter().any(|&r| next.occ_year[r] == 0) {
                return None;
            }
            for level in levels {
                let l = usize::from(!level);
                if self.free[y].1 - day(next.last[l]) > gap {
                    return None;
                }
            }
            next.occ_year = vec![0; self.n];
            next.basis_year = 0;
            next.last = [None, None];
        }
        let w = (self.years * self.per_year - s) as i64;
        let gain = (
            (self.score[t] * 1e6).round() as i64 * w,
            (self.n - t) as i64 * w,
        );
        Some((next, gain))
    }
}

/// A small fixed-seed generator (SplitMix64): the same instances on every run.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in lo..=hi.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    /// True with probability p.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 > 1.0 - p
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.range(0, items.len() as u64 - 1) as usize]
    }
}

/// The split a case gets when `basis_per_year` is not given (the planner's default:
/// half of the meetings, either way round when odd; one level alone takes them all).
pub fn split(per_year: usize, basis_per_year: Option<u32>, nb: usize, nv: usize) -> (usize, usize) {
    match basis_per_year {
        Some(b) => (b as usize, b as usize),
        None if nb > 0 && nv > 0 => (per_year / 2, per_year.div_ceil(2)),
        None if nb > 0 => (per_year, per_year),
        None => (0, 0),
    }
}

/// What a random instance may vary.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_themes: usize,
    /// At least this many themes, and at least half the slots.
    pub min_themes: usize,
    pub years: (u64, u64),
    pub per_year: (u64, u64),
    pub max_slots: usize,
    /// Highest demand (ties are likely when it is small).
    pub max_demand: u32,
    pub fixed_split: f64,
    pub ordering: f64,
    pub offered: f64,
    /// Gaps in weeks for the spread rule to pick from (0: no rule).
    pub gaps: &'static [u32],
    /// The spread applies to levels with at least this many meetings a year (a range).
    pub spread_min: (u64, u64),
    /// Chance that a theme's refresher is due, and that basis themes recur every year.
    pub due: f64,
    pub basis_every_year: f64,
}

/// A random instance within `limits`, its levels chosen so that every theme fits in its
/// level's meetings (most such instances have a plan; ordering, waiting and the spread
/// can still leave none).
pub fn random_case(rng: &mut Rng, limits: &Limits) -> Case {
    let years = rng.range(limits.years.0, limits.years.1) as usize;
    let max_per_year = (limits.max_slots / years).min(limits.per_year.1 as usize);
    let per_year = rng.range(limits.per_year.0, max_per_year as u64) as usize;
    let slots = years * per_year;
    let most = limits.max_themes.min(slots);
    let fewest = limits.min_themes.max(slots / 2).min(most);
    let n = rng.range(fewest as u64, most as u64) as usize;
    let basis_per_year = rng
        .chance(limits.fixed_split)
        .then(|| rng.range(0, per_year as u64) as u32);
    // The basis themes: a count whose levels each fit (every theme at least once).
    let fits: Vec<usize> = (0..=n)
        .filter(|&nb| {
            let (min, max) = split(per_year, basis_per_year, nb, n - nb);
            nb <= years * max
                && n - nb <= years * (per_year - min)
                && (min == 0 || nb > 0)
                && (max == per_year || n - nb > 0)
        })
        .collect();
    let nb = if fits.is_empty() {
        rng.range(0, n as u64) as usize
    } else {
        rng.pick(&fits)
    };
    let themes = (0..n)
        .map(|i| {
            let pred =
                (i > 0 && rng.chance(limits.ordering)).then(|| rng.range(0, i as u64 - 1) as usize);
            (i < nb, rng.range(0, limits.max_demand as u64) as u32, pred)
        })
        .collect();
    let offered: Vec<bool> = (0..n).map(|_| rng.chance(limits.offered)).collect();
    // A theme offered last year is not also due (it was given 1 year ago, not 3).
    let due = offered
        .iter()
        .map(|&o| !o && rng.chance(limits.due))
        .collect();
    Case {
        themes,
        offered,
        years: years as u32,
        per_year: per_year as u32,
        basis_per_year,
        max_gap_weeks: rng.pick(limits.gaps),
        spread_min: rng.range(limits.spread_min.0, limits.spread_min.1) as u32,
        due,
        basis_every_year: rng.chance(limits.basis_every_year),
    }
}
