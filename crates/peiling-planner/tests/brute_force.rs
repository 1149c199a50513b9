//! The planner's optimum against brute force: on small random catalogues (levels, ties in
//! demand, ordering, themes offered last year, splits, the spread of each level over the
//! year) every assignment of themes to slots is enumerated and checked against the rules
//! as docs/catalogue-format.md states them, written out again in `support/oracle.rs`
//! without the planner's code (the meeting days too: evenly spread Thursdays, no holidays
//! or reserved weeks). Larger instances: `exhaustive.rs`.

mod support;

use peiling_planner::{plan, Level, PlanError, PlanOptions};
use proptest::prelude::*;
use support::instance::{assignment, with_predecessors};
use support::oracle::{catalogue, options, survey, Case, Rules};

fn case() -> impl Strategy<Value = Case> {
    (2usize..=5, 1u32..=2, 2u32..=4).prop_flat_map(|(n, years, per_year)| {
        let theme = (any::<bool>(), 0u32..4, any::<bool>(), 0usize..5);
        (
            prop::collection::vec(theme, n),
            prop::collection::vec(prop::bool::weighted(0.2), n),
            prop::option::of(0u32..=per_year),
            prop::sample::select(vec![0u32, 8, 12, 16, 24]),
            1u32..=3,
            prop::collection::vec(prop::bool::weighted(0.15), n),
            prop::bool::weighted(0.2),
        )
            .prop_map(
                move |(themes, offered, basis_per_year, max_gap_weeks, spread_min, due, every)| {
                    Case {
                        themes: with_predecessors(themes),
                        offered: offered.clone(),
                        years,
                        per_year,
                        basis_per_year,
                        max_gap_weeks,
                        spread_min,
                        // Given 3 years ago, so not also last year.
                        due: due.iter().zip(&offered).map(|(&d, &o)| d && !o).collect(),
                        basis_every_year: every,
                    }
                },
            )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn planner_matches_brute_force(c in case()) {
        let rules = Rules::new(&c);
        let options = options(&c);
        let brute = rules.brute_force();
        // The memoised exhaustive search (used at larger sizes) agrees with plain
        // enumeration here.
        prop_assert_eq!(rules.exhaustive().map(|(o, _)| o), brute);
        match plan(&catalogue(&c), &survey(&c), &options) {
            Ok(p) => {
                prop_assert!(p.optimal);
                let a = assignment(&p);
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
        due: vec![false; 4],
        basis_every_year: false,
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
