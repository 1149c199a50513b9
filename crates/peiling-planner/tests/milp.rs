//! The planner's optimum against an independent MILP (good_lp + microlp, `support/milp.rs`)
//! on random instances of BOS size (11 themes over 2 years of 6 meetings) for every mode
//! of the central plan: the default split, a fixed split, a split that varies (7 meetings a
//! year), the spread of each level over the year, ordering with themes offered last
//! year, refreshers due in year 1, basis themes every year, and the first five at once.
//! Both sides' plans are checked against the rules of `support/oracle.rs`.

mod support;

use peiling_planner::{plan, PlanError};
use support::instance::assignment;
use support::milp::milp;
use support::oracle::{catalogue, options, random_case, survey, Limits, Rng, Rules};

/// Instances per mode.
const CASES: usize = 100;

const BOS: Limits = Limits {
    max_themes: 11,
    min_themes: 11,
    years: (2, 2),
    per_year: (6, 6),
    max_slots: 12,
    max_demand: 40,
    fixed_split: 0.0,
    ordering: 0.0,
    offered: 0.0,
    gaps: &[0],
    spread_min: (3, 3),
    due: 0.0,
    basis_every_year: 0.0,
};

/// Plans `CASES` instances of a mode with both solvers; returns how many have a plan.
fn compare(mode: &str, limits: &Limits, seed: u64) -> usize {
    let mut rng = Rng(seed);
    let mut optima = 0;
    for i in 0..CASES {
        let c = random_case(&mut rng, limits);
        let rules = Rules::new(&c);
        let lp = milp(&rules);
        if let Some((value, a)) = &lp {
            assert!(
                rules.feasible(a),
                "{mode} {i}: the MILP's plan breaks a rule: {a:?}"
            );
            let own = rules.objective(a).0 as f64 / 1e6;
            assert!((own - value).abs() < 1e-6, "{mode} {i}: {own} vs {value}");
        }
        match plan(&catalogue(&c), &survey(&c), &options(&c)) {
            Ok(p) => {
                assert!(p.optimal, "{mode} {i}: {c:?}");
                let a = assignment(&p);
                assert!(
                    rules.feasible(&a),
                    "{mode} {i}: plan breaks a rule: {a:?}\n{c:?}"
                );
                let (value, _) = lp.unwrap_or_else(|| panic!("{mode} {i}: MILP infeasible: {c:?}"));
                assert!(
                    (p.objective - value).abs() < 1e-6 * value.abs().max(1.0),
                    "{mode} {i}: search {} vs MILP {value}\n{c:?}",
                    p.objective
                );
                optima += 1;
            }
            Err(PlanError::Infeasible(m)) => {
                assert!(
                    lp.is_none(),
                    "{mode} {i}: planner says infeasible: {m}\n{c:?}"
                );
            }
            Err(e) => panic!("{mode} {i}: unexpected error {e}"),
        }
    }
    println!("{mode}: {optima} of {CASES} optima compared");
    optima
}

#[test]
fn default_split() {
    assert_eq!(compare("default split", &BOS, 1), CASES);
}

#[test]
fn fixed_split() {
    let limits = Limits {
        fixed_split: 1.0,
        ..BOS
    };
    // A drawn split can leave a level without themes for its meetings: most have a plan.
    assert!(compare("fixed split", &limits, 2) >= CASES / 2);
}

#[test]
fn split_varying_by_year() {
    // 7 meetings a year: 3 or 4 basis meetings, year by year.
    let limits = Limits {
        per_year: (7, 7),
        max_slots: 14,
        ..BOS
    };
    assert_eq!(compare("split 3 to 4 of 7", &limits, 3), CASES);
}

#[test]
fn spread_over_the_year() {
    let limits = Limits {
        gaps: &[12, 16, 20],
        ..BOS
    };
    assert!(compare("spread", &limits, 4) >= CASES * 3 / 4);
}

#[test]
fn ordering_and_waiting() {
    let limits = Limits {
        ordering: 0.3,
        offered: 0.15,
        ..BOS
    };
    assert!(compare("ordering and waiting", &limits, 5) >= CASES * 3 / 4);
}

#[test]
fn refreshers_due() {
    // 1 to 3 of 11 themes last given three years ago must come up in year 1.
    let limits = Limits { due: 0.15, ..BOS };
    assert!(compare("refreshers due", &limits, 7) >= CASES * 3 / 4);
}

#[test]
fn basis_every_year() {
    // Every basis theme every year: 7 meetings with 4 of them basis (fixed split), a
    // catalogue of 8 themes so that the basis themes can fit.
    let limits = Limits {
        max_themes: 8,
        min_themes: 8,
        per_year: (7, 7),
        max_slots: 14,
        fixed_split: 1.0,
        basis_every_year: 1.0,
        ..BOS
    };
    assert!(compare("basis every year", &limits, 8) >= CASES / 4);
}

#[test]
fn everything_at_once() {
    let limits = Limits {
        per_year: (6, 7),
        max_slots: 14,
        max_demand: 8,
        fixed_split: 0.3,
        ordering: 0.2,
        offered: 0.1,
        gaps: &[0, 16, 20],
        ..BOS
    };
    assert!(compare("everything", &limits, 6) >= CASES * 3 / 4);
}
