//! The rules of `oracle::Rules` as a mixed-integer programme, solved by microlp through
//! good_lp: x[t][s] = 1 when theme t takes slot s. Independent of the planner's search and
//! of the oracle's enumeration; it maximises the demand part of the objective.

use good_lp::{
    constraint, microlp, variable, variables, Expression, ResolutionError, Solution, SolverModel,
    Variable,
};

use super::oracle::Rules;

/// The optimum (Σ demand × (slots − slot index)) and an assignment reaching it, or `None`
/// when no assignment keeps the rules.
// Slot and theme indices address the variable matrix both ways round.
#[allow(clippy::needless_range_loop)]
pub fn milp(r: &Rules) -> Option<(f64, Vec<usize>)> {
    let (t_n, per_year) = (r.n, r.per_year);
    let s_n = r.years * per_year;
    let mut vars = variables!();
    let x: Vec<Vec<Variable>> = (0..t_n)
        .map(|_| (0..s_n).map(|_| vars.add(variable().binary())).collect())
        .collect();
    let objective: Expression = (0..t_n)
        .flat_map(|t| (0..s_n).map(move |s| (t, s)))
        .map(|(t, s)| r.score[t] * (s_n - s) as f64 * x[t][s])
        .sum();
    let mut model = vars.maximise(objective.clone()).using(microlp);
    for s in 0..s_n {
        let e: Expression = (0..t_n).map(|t| x[t][s]).sum();
        model = model.with(constraint!(e == 1));
    }
    for t in 0..t_n {
        let (cap_total, cap_year) = r.caps(t);
        let all: Expression = (0..s_n).map(|s| x[t][s]).sum();
        model = model
            .with(constraint!(all.clone() >= 1))
            .with(constraint!(all <= cap_total as f64));
        for y in 0..r.years {
            let e: Expression = (0..per_year).map(|i| x[t][y * per_year + i]).sum();
            model = model.with(constraint!(e <= cap_year as f64));
        }
        if r.waiting[t] {
            let first: Expression = (0..per_year).map(|i| x[t][i]).sum();
            model = model.with(constraint!(first == 0));
        }
        if let Some(q) = r.preds[t] {
            for s in 0..s_n {
                let before: Expression = (0..s).map(|u| x[q][u]).sum();
                model = model.with(constraint!(x[t][s] <= before));
            }
        }
    }
    for y in 0..r.years {
        let e: Expression = (0..t_n)
            .filter(|&t| r.basis[t])
            .flat_map(|t| (0..per_year).map(move |i| (t, i)))
            .map(|(t, i)| x[t][y * per_year + i])
            .sum();
        model = model
            .with(constraint!(e.clone() >= r.basis_min as f64))
            .with(constraint!(e <= r.basis_max as f64));
    }
    for (y, required) in r.required.iter().enumerate() {
        for &t in required {
            let e: Expression = (0..per_year).map(|i| x[t][y * per_year + i]).sum();
            model = model.with(constraint!(e >= 1));
        }
    }
    // The spread: when two days a < b of a year lie more than the gap apart and a level
    // meets on both (the year's first and last free Thursday count as meetings of every
    // level), it also meets in between.
    let gap = r.max_gap_weeks as i64 * 7;
    for y in 0..r.years {
        // Extended positions: 0 the first free day, 1..=per_year the slots, then the last.
        let day = |i: usize| match i {
            0 => r.free[y].0,
            i if i == per_year + 1 => r.free[y].1,
            i => r.dates[y][i - 1],
        };
        for level in r.spread_levels() {
            let at = |i: usize| -> Expression {
                (0..t_n)
                    .filter(|&t| r.basis[t] == level)
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
            // A valid cut that lets the relaxation see infeasibility at once: the fewest
            // meetings that bridge the year (greedy: each as late as the gap allows).
            let (mut at_day, mut needed) = (0, 0);
            while (day(per_year + 1) - day(at_day)).num_days() > gap {
                match (at_day + 1..=per_year)
                    .rev()
                    .find(|&i| (day(i) - day(at_day)).num_days() <= gap)
                {
                    Some(i) => (at_day, needed) = (i, needed + 1),
                    None => (at_day, needed) = (per_year + 1, per_year + 1),
                }
            }
            let all: Expression = (1..=per_year).map(at).sum();
            model = model.with(constraint!(all >= needed as f64));
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
    match model.solve() {
        Ok(solution) => {
            let a = (0..s_n)
                .map(|s| {
                    (0..t_n)
                        .find(|&t| solution.value(x[t][s]) > 0.5)
                        .expect("one theme per slot")
                })
                .collect();
            Some((solution.eval(&objective), a))
        }
        Err(ResolutionError::Infeasible) => None,
        Err(e) => panic!("microlp: {e}"),
    }
}
