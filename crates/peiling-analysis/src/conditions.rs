//! Which tests of a cross-tab a report may show: the minimum n, group size and expected
//! counts each test needs, and the effect size that goes with it (docs/report-rules.md).

use statrs::distribution::{ContinuousCDF, Normal};

use crate::summary::{Effect, Test, Withheld};

/// Fewest respondents in a table for any test.
pub const TEST_MIN_N: usize = 30;
/// Fewest respondents in each compared group for any test.
pub const TEST_MIN_GROUP: usize = 5;

/// Chi-square's condition (Cochran): every expected count at least 1 and at most a fifth
/// of them below 5. Returns whether it holds and the smallest expected count. Empty rows
/// and columns are left out, as the test leaves them out.
pub fn cochran(counts: &[Vec<usize>]) -> (bool, f64) {
    let rows: Vec<&Vec<usize>> = counts
        .iter()
        .filter(|r| r.iter().sum::<usize>() > 0)
        .collect();
    let width = rows.first().map_or(0, |r| r.len());
    let cols: Vec<usize> = (0..width)
        .filter(|&j| rows.iter().any(|r| r[j] > 0))
        .collect();
    let total: usize = rows.iter().flat_map(|r| cols.iter().map(|&j| r[j])).sum();
    if total == 0 {
        return (false, 0.0);
    }
    let mut smallest = f64::INFINITY;
    let (mut below5, mut cells) = (0usize, 0usize);
    for r in &rows {
        let row: usize = cols.iter().map(|&j| r[j]).sum();
        for &j in &cols {
            let col: usize = rows.iter().map(|x| x[j]).sum();
            let e = row as f64 * col as f64 / total as f64;
            smallest = smallest.min(e);
            below5 += usize::from(e < 5.0);
            cells += 1;
        }
    }
    (smallest >= 1.0 && below5 * 5 <= cells, smallest)
}

/// The tests of a table (`counts[category][group]`, one answer per respondent) that
/// a report may show, each with its effect size, and why one was left out.
pub fn shown_tests(
    counts: &[Vec<usize>],
    chi_square: Option<&Test>,
    fisher: Option<&Test>,
    ordinal: Option<&Test>,
) -> (Vec<Test>, Option<Withheld>) {
    let n: usize = counts.iter().flatten().sum();
    if n < TEST_MIN_N {
        return (
            Vec::new(),
            Some(Withheld::FewRespondents { n, min: TEST_MIN_N }),
        );
    }
    let width = counts.first().map_or(0, Vec::len);
    let groups: Vec<usize> = (0..width)
        .map(|j| counts.iter().map(|r| r[j]).sum())
        .filter(|&g| g > 0)
        .collect();
    if let Some(&smallest) = groups.iter().min().filter(|&&g| g < TEST_MIN_GROUP) {
        return (
            Vec::new(),
            Some(Withheld::SmallGroup {
                smallest,
                min: TEST_MIN_GROUP,
            }),
        );
    }
    let mut shown = Vec::new();
    let mut withheld = None;
    let (holds, smallest) = cochran(counts);
    let used_rows = counts
        .iter()
        .filter(|r| r.iter().sum::<usize>() > 0)
        .count();
    match (holds, chi_square) {
        (true, Some(chi)) => {
            let k = used_rows.min(groups.len());
            shown.push(with_effect(
                chi,
                "Cramér's V",
                cramers_v(chi.statistic, n, k),
            ));
        }
        (false, Some(chi)) => match fisher {
            // A 2x2 table: the exact test needs no expected counts; phi is its effect.
            Some(f) => shown.push(with_effect(f, "phi", cramers_v(chi.statistic, n, 2))),
            None => withheld = Some(Withheld::SmallExpected { smallest }),
        },
        _ => {}
    }
    if let Some(t) = ordinal {
        let effect = if t.df.is_some() {
            // Kruskal-Wallis: epsilon squared = H / (n - 1).
            ("epsilon²", t.statistic / (n as f64 - 1.0))
        } else {
            // Mann-Whitney: r = z / sqrt(n), z from the two-sided p.
            let z = Normal::standard().inverse_cdf(1.0 - t.p / 2.0);
            ("r", z.max(0.0) / (n as f64).sqrt())
        };
        shown.push(with_effect(t, effect.0, effect.1));
    }
    (shown, withheld)
}

fn cramers_v(chi2: f64, n: usize, k: usize) -> f64 {
    if k < 2 || n == 0 {
        return 0.0;
    }
    (chi2 / (n as f64 * (k - 1) as f64)).sqrt()
}

fn with_effect(t: &Test, name: &str, value: f64) -> Test {
    Test {
        effect: Some(Effect {
            name: name.into(),
            value: (value * 1e6).round() / 1e6,
        }),
        ..t.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn test(name: &str, statistic: f64, df: Option<f64>, p: f64) -> Test {
        Test {
            name: name.into(),
            statistic,
            df,
            p,
            effect: None,
        }
    }

    #[test]
    fn no_test_below_30_respondents() {
        // 9 people: the chi-square of the SO's relation items is not for the report.
        let counts = vec![vec![3, 2], vec![1, 3]];
        let chi = test("chi-square", 1.2, Some(1.0), 0.27);
        let (shown, why) = shown_tests(&counts, Some(&chi), None, None);
        assert!(shown.is_empty());
        assert_eq!(why, Some(Withheld::FewRespondents { n: 9, min: 30 }));
    }

    #[test]
    fn no_test_with_a_group_below_5() {
        let counts = vec![vec![20, 2], vec![15, 1]];
        let chi = test("chi-square", 0.1, Some(1.0), 0.75);
        let (shown, why) = shown_tests(&counts, Some(&chi), None, None);
        assert!(shown.is_empty());
        assert_eq!(
            why,
            Some(Withheld::SmallGroup {
                smallest: 3,
                min: 5
            })
        );
    }

    #[test]
    fn chi_square_with_cramers_v_when_expected_counts_hold() {
        // 2x3, n = 60, every expected count 10: chi2 = 2 * (5²/10) * 2 = 10, V = sqrt(10/60).
        let counts = vec![vec![15, 10, 5], vec![5, 10, 15]];
        let chi = test("chi-square", 10.0, Some(2.0), 0.0067);
        assert_eq!(cochran(&counts), (true, 10.0));
        let (shown, why) = shown_tests(&counts, Some(&chi), None, None);
        assert_eq!(why, None);
        let e = shown[0].effect.as_ref().unwrap();
        assert_eq!(e.name, "Cramér's V");
        assert!((e.value - (10.0f64 / 60.0).sqrt()).abs() < 1e-6);
    }

    #[test]
    fn small_expected_counts_fall_back_to_fisher_in_2x2_else_no_test() {
        // Expected count of the [1][1] cell: 6 * 6 / 40 = 0.9 < 1.
        let counts = vec![vec![30, 4], vec![4, 2]];
        assert!(!cochran(&counts).0);
        let chi = test("chi-square", 2.5, Some(1.0), 0.11);
        let fisher = test("Fisher exact", 3.75, None, 0.2);
        let (shown, why) = shown_tests(&counts, Some(&chi), Some(&fisher), None);
        assert_eq!(why, None);
        assert_eq!(shown[0].name, "Fisher exact");
        let phi = shown[0].effect.as_ref().unwrap();
        assert_eq!(phi.name, "phi");
        assert!((phi.value - (2.5f64 / 40.0).sqrt()).abs() < 1e-6);
        // The same counts in three rows: no exact test, so none at all.
        let wide = vec![vec![28, 4], vec![2, 0], vec![4, 2]];
        let (shown, why) = shown_tests(&wide, Some(&chi), None, None);
        assert!(shown.is_empty());
        assert!(matches!(why, Some(Withheld::SmallExpected { .. })));
    }

    #[test]
    fn ordinal_tests_get_r_or_epsilon_squared() {
        let counts = vec![vec![10, 10], vec![10, 10]];
        // p = 0.05 two-sided: z = 1.959964; r = z / sqrt(40).
        let mw = test("Mann-Whitney U", 120.0, None, 0.05);
        let (shown, _) = shown_tests(&counts, None, None, Some(&mw));
        let r = shown[0].effect.as_ref().unwrap();
        assert_eq!(r.name, "r");
        assert!(
            (r.value - 1.959964 / 40f64.sqrt()).abs() < 1e-5,
            "{}",
            r.value
        );
        let kw = test("Kruskal-Wallis H", 7.8, Some(2.0), 0.02);
        let (shown, _) = shown_tests(&counts, None, None, Some(&kw));
        assert!((shown[0].effect.as_ref().unwrap().value - 7.8 / 39.0).abs() < 1e-6);
    }
}
