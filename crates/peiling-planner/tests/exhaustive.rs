//! The planner's optimum against an exhaustive search at size: random instances of up to 8
//! themes, 3 years and 12 slots (levels, ties in demand, ordering, themes offered last
//! year, fixed and default splits, the spread of each level), drawn so that most have a
//! plan. The search in `support/oracle.rs` tries every theme in every slot (memoised on
//! the state the rules look at) and is checked against plain enumeration on small
//! instances in `brute_force.rs`.

mod support;

use peiling_planner::{plan, Level, PlanError};
use support::instance::assignment;
use support::oracle::{catalogue, options, random_case, survey, Limits, Rng, Rules};

/// Fixed seeds: every run checks the same instances. The count keeps the test near 30 s in
/// debug on a loaded 2-core machine.
const CASES: usize = 600;

#[test]
fn planner_matches_exhaustive_search_up_to_8_themes_3_years_12_slots() {
    let limits = Limits {
        max_themes: 8,
        min_themes: 3,
        years: (2, 3),
        per_year: (2, 6),
        max_slots: 12,
        max_demand: 6,
        fixed_split: 0.25,
        ordering: 0.2,
        offered: 0.06,
        gaps: &[0, 0, 16, 20, 24],
        spread_min: (2, 3),
        due: 0.08,
        basis_every_year: 0.05,
    };
    let mut rng = Rng(15);
    let (mut optima, mut infeasible, mut at_size) = (0, 0, 0);
    for i in 0..CASES {
        let c = random_case(&mut rng, &limits);
        let rules = Rules::new(&c);
        let exhaustive = rules.exhaustive();
        let slots = (c.years * c.per_year) as usize;
        match plan(&catalogue(&c), &survey(&c), &options(&c)) {
            Ok(p) => {
                assert!(p.optimal, "case {i}: {c:?}");
                let a = assignment(&p);
                assert!(
                    rules.feasible(&a),
                    "case {i}: plan breaks a rule: {a:?}\n{c:?}"
                );
                let (best, witness) = exhaustive.unwrap_or_else(|| {
                    panic!("case {i}: the exhaustive search finds no plan: {c:?}")
                });
                assert_eq!(
                    rules.objective(&a),
                    best,
                    "case {i}: plan {a:?}, exhaustive {witness:?}\n{c:?}"
                );
                assert!(p
                    .meetings
                    .iter()
                    .all(|m| (m.level == Level::Basis) == rules.basis[a[m.number as usize - 1]]));
                assert!(p
                    .meetings
                    .iter()
                    .all(|m| m.date == rules.dates[m.year as usize - 1][m.slot as usize - 1]));
                optima += 1;
                if c.themes.len() >= 7 && slots >= 10 {
                    at_size += 1;
                }
            }
            Err(PlanError::Infeasible(m)) => {
                assert!(
                    exhaustive.is_none(),
                    "case {i}: planner says infeasible: {m}\n{c:?}"
                );
                assert_eq!(m.to_string().lines().count(), 1);
                infeasible += 1;
            }
            Err(e) => panic!("case {i}: unexpected error {e}"),
        }
    }
    println!(
        "{CASES} instances: {optima} optima compared ({at_size} with 7-8 themes and 10-12 slots), {infeasible} without a plan on both sides"
    );
    // Most instances have a plan, and a good share of them is at the full size.
    assert!(optima * 5 >= CASES * 4, "{optima} of {CASES}");
    assert!(at_size * 10 >= CASES, "{at_size} of {CASES} at size");
}
