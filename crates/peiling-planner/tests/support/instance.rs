//! The pieces of the small instances the planner's tests write by hand: one audience's
//! demand for themes named by their index, a catalogue's head and `[[theme]]` tables, the
//! meeting days of the documented calendar, a plan read back as theme indices, and the
//! enumeration of every assignment.

use std::fmt::Write as _;

use chrono::{Datelike, Months, NaiveDate, Weekday};
use peiling_planner::{PartDemand, RequestSource, RotationPlan, SurveyDemand, ThemeRequest};

/// The 2020 edition's demand of 100 WPB'ers: `asked[i]` of them asked for theme
/// `{prefix}{i}` (through answer option `O{i}`, weight 1).
pub fn demand(prefix: &str, asked: &[usize]) -> SurveyDemand {
    SurveyDemand {
        survey: "s".into(),
        title: "S".into(),
        edition: Some("2020".into()),
        last_submission: None,
        filters: Vec::new(),
        filter_words: Vec::new(),
        parts: vec![PartDemand {
            questionnaire: "q".into(),
            audience: "WPB".into(),
            respondents: 100,
            themes: asked
                .iter()
                .enumerate()
                .map(|(i, &n)| ThemeRequest {
                    theme: format!("{prefix}{i}"),
                    weighted: n as f64,
                    respondents: n,
                    sources: vec![RequestSource {
                        question: "q".into(),
                        option: format!("O{i}"),
                        option_en: None,
                        count: n,
                        weight: 1.0,
                    }],
                })
                .collect(),
        }],
    }
}

/// The start of a test catalogue `t`: both levels' demand from the WPB'ers (counted
/// fully), no weeks kept free, and the spread rule as given (`max_gap_weeks` 0: none).
pub fn catalogue_head(max_gap_weeks: u32, spread_min: u32) -> String {
    format!(
        "id = \"t\"\ntitle = \"T\"\n[demand]\nbasis = [\"WPB\"]\nverdiepend = [\"WPB\"]\n\
         [calendar]\nreserved_school_weeks = []\nreserved_weeks_before_christmas = 0\n\
         max_gap_weeks = {max_gap_weeks}\nspread_min_meetings = {spread_min}\n"
    )
}

/// Appends a `[[theme]]` table per theme to a catalogue's text: theme `t{i}` titled
/// `T{i}`, basis or verdiepend, after `t{p}` when it has a predecessor `p`.
pub fn theme_tables(s: &mut String, themes: impl IntoIterator<Item = (bool, Option<usize>)>) {
    for (i, (basis, pred)) in themes.into_iter().enumerate() {
        let level = if basis { "basis" } else { "verdiepend" };
        let _ = write!(
            s,
            "[[theme]]\nid = \"t{i}\"\ntitle = \"T{i}\"\nlevel = \"{level}\"\n"
        );
        if let Some(p) = pred {
            let _ = writeln!(s, "after = [\"t{p}\"]");
        }
    }
}

/// The meeting days of year `y` (from 0) with `n` meetings: from 1 September 2021 (after
/// the 2020 edition) a year runs ten months, and the meetings are the middle Thursdays of
/// `n` equal runs. Also the year's first and last Thursday.
pub fn year_days(y: usize, n: usize) -> (Vec<NaiveDate>, (NaiveDate, NaiveDate)) {
    let first = NaiveDate::from_ymd_opt(2021, 9, 1).unwrap() + Months::new(12 * y as u32);
    let end = first + Months::new(10);
    let thursdays: Vec<NaiveDate> = first
        .iter_days()
        .take_while(|d| *d < end)
        .filter(|d| d.weekday() == Weekday::Thu)
        .collect();
    let c = thursdays.len();
    let days = (0..n)
        .map(|i| thursdays[(2 * i + 1) * c / (2 * n)])
        .collect();
    (days, (thursdays[0], thursdays[c - 1]))
}

/// Random themes (basis?, demand, has a predecessor?, which) with their predecessor: an
/// edge only to an earlier theme keeps the ordering acyclic.
pub fn with_predecessors(themes: Vec<(bool, u32, bool, usize)>) -> Vec<(bool, u32, Option<usize>)> {
    themes
        .into_iter()
        .enumerate()
        .map(|(i, (b, d, edge, to))| (b, d, (edge && i > 0).then_some(to % i.max(1))))
        .collect()
}

/// A plan's meetings as the index of their theme (`t3`: 3), slot by slot.
pub fn assignment(p: &RotationPlan) -> Vec<usize> {
    p.meetings
        .iter()
        .map(|m| m.theme[1..].parse().unwrap())
        .collect()
}

/// The best `objective` over every assignment of `slots` slots to `k` themes that is
/// `feasible`, each assignment tried; `None` when none is.
pub fn brute_force(
    slots: usize,
    k: usize,
    feasible: impl Fn(&[usize]) -> bool,
    objective: impl Fn(&[usize]) -> (i64, i64),
) -> Option<(i64, i64)> {
    let mut a = vec![0usize; slots];
    let mut best: Option<(i64, i64)> = None;
    loop {
        if feasible(&a) {
            let o = objective(&a);
            if best.is_none_or(|b| o > b) {
                best = Some(o);
            }
        }
        if !next_assignment(&mut a, k) {
            return best;
        }
    }
}

/// The assignment after `a` (each entry below `k`), counting as a number in base `k` with
/// its lowest digit first; `false` once every assignment has been seen.
pub fn next_assignment(a: &mut [usize], k: usize) -> bool {
    for x in a.iter_mut() {
        *x += 1;
        if *x < k {
            return true;
        }
        *x = 0;
    }
    false
}
