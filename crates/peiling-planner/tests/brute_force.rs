//! The planner's optimum against brute force: on small random catalogues (levels, ties in
//! demand, ordering, themes offered last year, splits, the spread of each level over the
//! year) every assignment of themes to slots is enumerated and checked against the rules
//! as docs/catalogue-format.md states them, written out again here without the planner's
//! code (the meeting days too: evenly spread Thursdays, no holidays or reserved weeks).

use std::fmt::Write as _;

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};

use peiling_planner::{
    plan, Catalogue, Level, PartDemand, PlanError, PlanOptions, RequestSource, SurveyDemand,
    ThemeRequest,
};
use proptest::prelude::*;

#[derive(Debug, Clone)]
struct Case {
    /// Per theme: basis?, demand (small integers, so ties happen), predecessor.
    themes: Vec<(bool, u32, Option<usize>)>,
    offered: Vec<bool>,
    years: u32,
    per_year: u32,
    basis_per_year: Option<u32>,
    /// The spread rule: at most this many weeks between a level's meetings (0: none), for
    /// levels with at least `spread_min` meetings a year.
    max_gap_weeks: u32,
    spread_min: u32,
}

fn case() -> impl Strategy<Value = Case> {
    (2usize..=5, 1u32..=2, 2u32..=4).prop_flat_map(|(n, years, per_year)| {
        let theme = (any::<bool>(), 0u32..4, any::<bool>(), 0usize..5);
        (
            prop::collection::vec(theme, n),
            prop::collection::vec(prop::bool::weighted(0.2), n),
            prop::option::of(0u32..=per_year),
            prop::sample::select(vec![0u32, 8, 12, 16, 24]),
            1u32..=3,
        )
            .prop_map(
                move |(themes, offered, basis_per_year, max_gap_weeks, spread_min)| Case {
                    // An edge only to an earlier theme keeps the ordering acyclic.
                    themes: themes
                        .into_iter()
                        .enumerate()
                        .map(|(i, (b, d, edge, to))| {
                            (b, d, (edge && i > 0).then_some(to % i.max(1)))
                        })
                        .collect(),
                    offered,
                    years,
                    per_year,
                    basis_per_year,
                    max_gap_weeks,
                    spread_min,
                },
            )
    })
}

fn catalogue(c: &Case) -> Catalogue {
    // Both levels' demand counts fully, so a theme's score is its integer demand.
    let mut s = String::from(
        "id = \"t\"\ntitle = \"T\"\n[demand]\nbasis = [\"WPB\"]\nverdiepend = [\"WPB\"]\n",
    );
    let _ = write!(
        s,
        "[calendar]\nreserved_school_weeks = []\nreserved_weeks_before_christmas = 0\nmax_gap_weeks = {}\nspread_min_meetings = {}\n",
        c.max_gap_weeks, c.spread_min
    );
    for (i, (basis, _, pred)) in c.themes.iter().enumerate() {
        let level = if *basis { "basis" } else { "verdiepend" };
        let _ = write!(
            s,
            "[[theme]]\nid = \"t{i}\"\ntitle = \"T{i}\"\nlevel = \"{level}\"\n"
        );
        if let Some(p) = pred {
            let _ = writeln!(s, "after = [\"t{p}\"]");
        }
    }
    Catalogue::from_toml("t.toml", &s).unwrap()
}

fn survey(c: &Case) -> SurveyDemand {
    SurveyDemand {
        survey: "s".into(),
        title: "S".into(),
        edition: Some("2020".into()),
        last_submission: None,
        filters: Vec::new(),
        parts: vec![PartDemand {
            questionnaire: "q".into(),
            audience: "WPB".into(),
            respondents: 100,
            themes: c
                .themes
                .iter()
                .enumerate()
                .map(|(i, (_, d, _))| ThemeRequest {
                    theme: format!("t{i}"),
                    weighted: *d as f64,
                    respondents: *d as usize,
                    sources: vec![RequestSource {
                        question: "q".into(),
                        option: format!("O{i}"),
                        option_en: None,
                        count: *d as usize,
                        weight: 1.0,
                    }],
                })
                .collect(),
        }],
    }
}

/// The documented rules, checked on a full assignment (theme per slot).
struct Rules {
    n: usize,
    years: usize,
    per_year: usize,
    basis_min: usize,
    basis_max: usize,
    basis: Vec<bool>,
    preds: Vec<Option<usize>>,
    waiting: Vec<bool>,
    score: Vec<f64>,
    /// Per year, the meeting days; the first and last Thursday a meeting could take; the
    /// spread rule's gap and threshold.
    dates: Vec<Vec<NaiveDate>>,
    free: Vec<(NaiveDate, NaiveDate)>,
    max_gap_weeks: u32,
    spread_min: usize,
}

/// The meeting days of each year: the start is 1 September 2021 (after the 2020 edition),
/// a year runs ten months, and the meetings are the middle Thursdays of equal runs.
fn meeting_days(years: usize, per_year: usize) -> Vec<(Vec<NaiveDate>, (NaiveDate, NaiveDate))> {
    (0..years)
        .map(|y| {
            let first = NaiveDate::from_ymd_opt(2021, 9, 1).unwrap() + Months::new(12 * y as u32);
            let end = first + Months::new(10);
            let thursdays: Vec<NaiveDate> = first
                .iter_days()
                .take_while(|d| *d < end)
                .filter(|d| d.weekday() == Weekday::Thu)
                .collect();
            let c = thursdays.len();
            let days = (0..per_year)
                .map(|i| thursdays[(2 * i + 1) * c / (2 * per_year)])
                .collect();
            (days, (thursdays[0], thursdays[c - 1]))
        })
        .collect()
}

impl Rules {
    fn new(c: &Case) -> Rules {
        let n = c.themes.len();
        let basis: Vec<bool> = c.themes.iter().map(|t| t.0).collect();
        let score: Vec<f64> = c.themes.iter().map(|t| t.1 as f64).collect();
        let per_year = c.per_year as usize;
        let has_b = basis.iter().any(|&b| b);
        let has_v = basis.iter().any(|&b| !b);
        let (basis_min, basis_max) = match c.basis_per_year {
            Some(b) => (b as usize, b as usize),
            None if has_b && has_v => (per_year / 2, per_year.div_ceil(2)),
            None if has_b => (per_year, per_year),
            None => (0, 0),
        };
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
        }
    }

    /// Each level with at least `spread_min` meetings in every year meets, within each
    /// year, at most `max_gap_weeks` apart, counting from the year's first Thursday a
    /// meeting could take to its last.
    fn spread(&self, a: &[usize]) -> bool {
        if self.max_gap_weeks == 0 {
            return true;
        }
        let gap = Duration::weeks(self.max_gap_weeks as i64);
        for (level, min_a_year) in [
            (true, self.basis_min),
            (false, self.per_year - self.basis_max),
        ] {
            if min_a_year == 0 || min_a_year < self.spread_min {
                continue;
            }
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

    fn feasible(&self, a: &[usize]) -> bool {
        let slots = a.len();
        let k = |b: bool| self.basis.iter().filter(|&&x| x == b).count().max(1);
        let level_max = |b: bool| {
            if b {
                self.basis_max
            } else {
                self.per_year - self.basis_min
            }
        };
        for t in 0..self.n {
            let b = self.basis[t];
            let total = a.iter().filter(|&&x| x == t).count();
            if total == 0 || total > (level_max(b) * self.years).div_ceil(k(b)) {
                return false;
            }
            for y in 0..self.years {
                let in_year = a[y * self.per_year..(y + 1) * self.per_year]
                    .iter()
                    .filter(|&&x| x == t)
                    .count();
                if in_year > level_max(b).div_ceil(k(b)) {
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
        }
        self.spread(a)
            && (0..slots).all(|s| match self.preds[a[s]] {
                Some(p) => a[..s].contains(&p),
                None => true,
            })
    }

    /// (demand-weighted earliness in millionths, catalogue-order tie-break): compared
    /// lexicographically.
    fn objective(&self, a: &[usize]) -> (i64, i64) {
        let slots = a.len();
        a.iter().enumerate().fold((0, 0), |(d, t), (s, &x)| {
            let w = (slots - s) as i64;
            (
                d + (self.score[x] * 1e6).round() as i64 * w,
                t + (self.n - x) as i64 * w,
            )
        })
    }

    fn brute_force(&self) -> Option<(i64, i64)> {
        let slots = self.years * self.per_year;
        let mut a = vec![0usize; slots];
        let mut best: Option<(i64, i64)> = None;
        loop {
            if self.feasible(&a) {
                let o = self.objective(&a);
                if best.is_none_or(|b| o > b) {
                    best = Some(o);
                }
            }
            // Next assignment, as a number in base n.
            let mut i = 0;
            loop {
                if i == slots {
                    return best;
                }
                a[i] += 1;
                if a[i] < self.n {
                    break;
                }
                a[i] = 0;
                i += 1;
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn planner_matches_brute_force(c in case()) {
        let rules = Rules::new(&c);
        let options = PlanOptions {
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
            ..PlanOptions::default()
        };
        let brute = rules.brute_force();
        match plan(&catalogue(&c), &survey(&c), &options) {
            Ok(p) => {
                prop_assert!(p.optimal);
                let a: Vec<usize> = p
                    .meetings
                    .iter()
                    .map(|m| m.theme[1..].parse().unwrap())
                    .collect();
                prop_assert!(rules.feasible(&a), "plan breaks a rule: {:?}", a);
                prop_assert_eq!(Some(rules.objective(&a)), brute, "plan {:?}", a);
                let levels_ok = p.meetings.iter().all(|m| (m.level == Level::Basis) == rules.basis[a[m.number as usize - 1]]);
                prop_assert!(levels_ok);
                let days_ok = p.meetings.iter().all(|m| m.date == rules.dates[m.year as usize - 1][m.slot as usize - 1]);
                prop_assert!(days_ok, "meeting days differ from the hand-computed ones");
            }
            Err(PlanError::Infeasible(m)) => {
                prop_assert_eq!(brute, None, "planner says infeasible: {}", m);
                prop_assert_eq!(m.to_string().lines().count(), 1);
            }
            Err(e) => prop_assert!(false, "unexpected error {}", e),
        }
    }
}

/// An instance only the search can find infeasible: the diagnosis names the ordering and
/// the waiting theme, either of which would have to go.
#[test]
fn diagnosis_names_the_conflicting_constraints() {
    let c = Case {
        // t0, t1 basis; t2 verdiepend after t3; t3 verdiepend after t1.
        themes: vec![
            (true, 3, None),
            (true, 2, None),
            (false, 2, Some(3)),
            (false, 1, Some(1)),
        ],
        offered: vec![false, true, false, false],
        years: 2,
        per_year: 2,
        basis_per_year: Some(1),
        max_gap_weeks: 0,
        spread_min: 3,
    };
    assert_eq!(Rules::new(&c).brute_force(), None);
    let options = PlanOptions {
        offered: vec!["t1".into()],
        ..PlanOptions::default()
    };
    let c2 = c.clone();
    let err = plan(
        &catalogue(&c2),
        &survey(&c2),
        &PlanOptions {
            years: Some(2),
            per_year: Some(2),
            basis_per_year: Some(1),
            ..options
        },
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "no plan possible: no plan meets all constraints at once; dropping the ordering (t2 after t3, t3 after t1), or the waiting of themes offered last year (t1) would make one possible"
    );
}
