//! The BOS plan's optimum against an independent MILP (good_lp + microlp) on the real
//! calendar, and the search effort on catalogues larger than BOS.

mod support;

use chrono::NaiveDate;
use good_lp::{constraint, microlp, variable, variables, Expression, Solution, SolverModel};
use peiling_planner::{plan, Catalogue, Level, PlanOptions, RotationPlan};
use support::bos::{bos, bos_plan, demand};

/// The same instance as a MILP, solved by microlp: x[t][s] = theme t in slot s.
// Slot and theme indices address the variable matrix both ways round.
#[allow(clippy::needless_range_loop)]
fn milp_optimum(p: &RotationPlan, catalogue: &Catalogue) -> f64 {
    let t_n = catalogue.themes.len();
    let (years, per_year) = (p.years as usize, p.per_year as usize);
    let s_n = years * per_year;
    let score = |id: &str| p.demand.iter().find(|d| d.theme == id).unwrap().score;
    let mut vars = variables!();
    let x: Vec<Vec<good_lp::Variable>> = (0..t_n)
        .map(|_| (0..s_n).map(|_| vars.add(variable().binary())).collect())
        .collect();
    let objective: Expression = (0..t_n)
        .flat_map(|t| (0..s_n).map(move |s| (t, s)))
        .map(|(t, s)| score(&catalogue.themes[t].id) * (s_n - s) as f64 * x[t][s])
        .sum();
    let mut model = vars.maximise(objective.clone()).using(microlp);
    let basis: Vec<bool> = catalogue
        .themes
        .iter()
        .map(|t| t.level == Level::Basis)
        .collect();
    for s in 0..s_n {
        let e: Expression = (0..t_n).map(|t| x[t][s]).sum();
        model = model.with(constraint!(e == 1));
    }
    for (t, theme) in catalogue.themes.iter().enumerate() {
        let all: Expression = (0..s_n).map(|s| x[t][s]).sum();
        // 6 basis themes for 6 basis slots: once; 5 verdiepend for 6 slots: at most twice.
        let cap = if basis[t] { 1.0 } else { 2.0 };
        model = model
            .with(constraint!(all.clone() >= 1))
            .with(constraint!(all <= cap));
        for y in 0..years {
            let e: Expression = (0..per_year).map(|i| x[t][y * per_year + i]).sum();
            model = model.with(constraint!(e <= 1));
        }
        for a in &theme.after {
            let q = catalogue.themes.iter().position(|x| x.id == *a).unwrap();
            for s in 0..s_n {
                let before: Expression = (0..s).map(|r| x[q][r]).sum();
                model = model.with(constraint!(x[t][s] <= before));
            }
        }
    }
    for y in 0..years {
        let e: Expression = (0..t_n)
            .filter(|&t| basis[t])
            .flat_map(|t| (0..per_year).map(move |i| (t, i)))
            .map(|(t, i)| x[t][y * per_year + i])
            .sum();
        model = model.with(constraint!(e == 3));
    }
    // The spread (both levels have 3 meetings a year): when two days a < b of a year lie
    // more than 16 weeks apart and a level meets on both (the year's first and last free
    // Thursday count as meetings of both levels), it also meets in between. Free
    // Thursdays by hand from zuid's table: 9 September 2021 to 30 June 2022, 8 September
    // 2022 to 29 June 2023.
    let gap = catalogue.calendar.max_gap_weeks as i64 * 7;
    let free = [("2021-09-09", "2022-06-30"), ("2022-09-08", "2023-06-29")];
    for y in 0..years {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        // Extended positions: 0 the first free day, 1..=per_year the slots, then the last.
        let day = |i: usize| match i {
            0 => d(free[y].0),
            i if i == per_year + 1 => d(free[y].1),
            i => p.meetings[y * per_year + i - 1].date,
        };
        for level in [true, false] {
            let at = |i: usize| -> Expression {
                (0..t_n)
                    .filter(|&t| basis[t] == level)
                    .map(|t| x[t][y * per_year + i - 1])
                    .sum()
            };
            let end = |i: usize| -> Expression {
                if i == 0 || i == per_year + 1 {
                    Expression::from(1.0)
                } else {
                    at(i)
                }
            };
            for a in 0..per_year + 2 {
                for b in a + 1..per_year + 2 {
                    if (day(b) - day(a)).num_days() <= gap {
                        continue;
                    }
                    let between: Expression = (a + 1..b).map(at).sum();
                    model = model.with(constraint!(between >= end(a) + end(b) - 1.0));
                }
            }
        }
    }
    let solution = model.solve().unwrap();
    solution.eval(&objective)
}

#[test]
fn optimum_agrees_with_an_independent_milp() {
    let p = bos_plan(&PlanOptions::default());
    // By hand from the recounted demand and the calendar. The slots are the middles of six
    // equal runs of each year's free Thursdays (zuid, lesweek 2-3 and the week before
    // Christmas left out): year 1 counts 34 from 9 September 2021 to 30 June 2022, the slots
    // lie 28, 77, 140, 182, 224 and 280 days after 9 September and 30 June is day 294;
    // year 2 counts 33 from 8 September 2022 to 29 June 2023: days 28, 77, 133, 182, 217,
    // 280 and 294. The spread (16 weeks = 112 days, the first and last free Thursday count
    // for both levels): three steps along first, slots, last span 133 to 154 days except
    // slot 4 to the last day (112), so neither level may miss two slots in a row among
    // slots 1-5. Each of the pairs (1,2), (2,3), (3,4), (4,5) then holds one meeting of
    // each level: the levels alternate, B V B V B V or V B V B V B, in both years. Every
    // basis theme (15 to 24) is wanted more than every verdiepend one (at most 11.5), so
    // basis takes the odd slots, weights 12, 10, 8 | 6, 4, 2, and verdiepend the even ones,
    // 11, 9, 7 | 5, 3, 1; within a level higher demand goes first. Year 1:
    // 24·12 + 11.5·11 + 23·10 + 9.5·9 + 22·8 + 3·7 = 927; year 2 the other basis themes,
    // the best repeat (wie ben ik als opleider, before beroepsregistratie as the catalogue
    // asks), beoordelen and beroepsregistratie: 17·6 + 11.5·5 + 15.5·4 + 1·3 + 15·2 + 1·1
    // = 255.5. (Without the spread, B B B V V V in both years gave 961.5 + 277 = 1238.5.)
    assert_eq!(p.objective, 927.0 + 255.5);
    let levels: String = p
        .meetings
        .iter()
        .map(|m| match m.level {
            Level::Basis => 'B',
            Level::Verdiepend => 'V',
        })
        .collect();
    assert_eq!(levels, "BVBVBVBVBVBV");
    let milp = milp_optimum(&p, &bos());
    assert!(
        (p.objective - milp).abs() < 1e-6 * milp.abs().max(1.0),
        "search {} vs MILP {milp}",
        p.objective
    );
}

/// Search effort (deterministic, unlike time): the bounds keep the exact search small on
/// catalogues larger than BOS, also where only catalogue order separates the themes and
/// where an odd number of meetings lets the split vary by year.
#[test]
fn larger_catalogues_are_solved_exactly_with_little_search() {
    // The spread rule is not in the bound: measured with it off here, and on below.
    let mut toml = String::from("id = \"big\"\ntitle = \"Big\"\n[calendar]\nmax_gap_weeks = 0\n");
    for i in 0..18 {
        let level = if i < 9 { "basis" } else { "verdiepend" };
        toml += &format!("[[theme]]\nid = \"t{i}\"\ntitle = \"T{i}\"\nlevel = \"{level}\"\n");
        if i == 12 || i == 15 {
            toml += &format!("after = [\"t{}\"]\n", i - 1);
        }
    }
    let big = Catalogue::from_toml("big.toml", &toml).unwrap();
    let no_demand = demand(); // links to BOS themes only: every score is 0
    for (years, per_year) in [(3, 6), (4, 5), (2, 9), (3, 7)] {
        let p = plan(
            &big,
            &no_demand,
            &PlanOptions {
                years: Some(years),
                per_year: Some(per_year),
                ..PlanOptions::default()
            },
        )
        .unwrap();
        assert!(p.optimal);
        assert!(
            p.search_nodes < 10_000,
            "{years}×{per_year}: {} steps",
            p.search_nodes
        );
        // Equal demand: catalogue order within each level.
        let basis: Vec<&str> = p
            .meetings
            .iter()
            .filter(|m| m.level == Level::Basis && m.occurrence == 1)
            .map(|m| m.theme.as_str())
            .collect();
        let mut sorted = basis.clone();
        sorted.sort_by_key(|t| t[1..].parse::<usize>().unwrap());
        assert_eq!(basis, sorted);
    }
    let p = bos_plan(&PlanOptions::default());
    assert!(p.search_nodes < 5_000, "{} steps", p.search_nodes);
    // With the spread (16 weeks) the search takes more steps but still finishes.
    let spread = Catalogue::from_toml("big.toml", &toml.replace("max_gap_weeks = 0", "")).unwrap();
    let p = plan(
        &spread,
        &no_demand,
        &PlanOptions {
            years: Some(3),
            per_year: Some(6),
            ..PlanOptions::default()
        },
    )
    .unwrap();
    assert!(p.optimal);
    assert!(p.search_nodes < 2_000_000, "{} steps", p.search_nodes);
}
