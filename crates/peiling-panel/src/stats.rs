//! Tests of change across editions, one per kind of question, each with an effect size:
//! the Cochran-Armitage trend test for a proportion, the linear-by-linear association
//! test (Mantel's M²) for an ordered scale, Pearson's chi-square for a distribution.
//! Checked against scipy in the tests.

use statrs::distribution::{ChiSquared, ContinuousCDF, Normal};

pub use peiling_core::trend::ChangeTest;

pub mod change_test {
    use super::*;

    /// Cochran-Armitage test of a trend in a proportion: `yes[i]` of `n[i]` in the
    /// edition with score `scores[i]` (its year). Two-sided; the statistic is z².
    pub fn proportion(scores: &[f64], yes: &[u32], n: &[u32]) -> Option<ChangeTest> {
        if scores.len() < 2 || scores.len() != yes.len() || yes.len() != n.len() {
            return None;
        }
        let total: f64 = n.iter().map(|&x| f64::from(x)).sum();
        let successes: f64 = yes.iter().map(|&x| f64::from(x)).sum();
        if total == 0.0 {
            return None;
        }
        let p = successes / total;
        let mean: f64 = scores
            .iter()
            .zip(n)
            .map(|(t, &m)| t * f64::from(m))
            .sum::<f64>()
            / total;
        let t: f64 = scores
            .iter()
            .zip(yes)
            .map(|(s, &x)| f64::from(x) * (s - mean))
            .sum();
        let var = p
            * (1.0 - p)
            * scores
                .iter()
                .zip(n)
                .map(|(s, &m)| f64::from(m) * (s - mean).powi(2))
                .sum::<f64>();
        if var <= 0.0 {
            return None;
        }
        let z = t / var.sqrt();
        let normal = Normal::new(0.0, 1.0).ok()?;
        let share = |i: usize| f64::from(yes[i]) / f64::from(n[i].max(1));
        Some(ChangeTest {
            name: "cochran-armitage".into(),
            statistic: z * z,
            df: 1.0,
            p: (2.0 * normal.sf(z.abs())).min(1.0),
            effect: "pp_change".into(),
            effect_size: 100.0 * (share(yes.len() - 1) - share(0)),
        })
    }

    /// Linear-by-linear association of year and level: `counts[edition][level]`, the
    /// editions scored by `scores`, the levels by `levels` (higher = more positive).
    /// M² = (N - 1) r², one degree of freedom; the effect size is r.
    pub fn ordered(scores: &[f64], levels: &[f64], counts: &[Vec<usize>]) -> Option<ChangeTest> {
        let mut n = 0.0;
        let (mut sx, mut sy, mut sxx, mut syy, mut sxy) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for (x, row) in scores.iter().zip(counts) {
            for (y, &c) in levels.iter().zip(row) {
                let c = c as f64;
                n += c;
                sx += c * x;
                sy += c * y;
                sxx += c * x * x;
                syy += c * y * y;
                sxy += c * x * y;
            }
        }
        if n < 2.0 {
            return None;
        }
        let cov = sxy - sx * sy / n;
        let vx = sxx - sx * sx / n;
        let vy = syy - sy * sy / n;
        if vx <= 0.0 || vy <= 0.0 {
            return None;
        }
        let r = cov / (vx * vy).sqrt();
        let m2 = (n - 1.0) * r * r;
        Some(ChangeTest {
            name: "linear-by-linear".into(),
            statistic: m2,
            df: 1.0,
            p: ChiSquared::new(1.0).ok()?.sf(m2),
            effect: "r".into(),
            effect_size: r,
        })
    }

    /// Pearson's chi-square on editions x categories, with Cramér's V.
    pub fn distribution(counts: &[Vec<usize>]) -> Option<ChangeTest> {
        let (test, _) = peiling_analysis::stats::chi_square(counts)?;
        let n: usize = counts.iter().flatten().sum();
        let rows = counts
            .iter()
            .filter(|r| r.iter().sum::<usize>() > 0)
            .count();
        let cols = (0..counts.first()?.len())
            .filter(|&j| counts.iter().map(|r| r[j]).sum::<usize>() > 0)
            .count();
        let v = peiling_analysis::stats::cramers_v(test.statistic, n, rows, cols)?;
        Some(ChangeTest {
            name: "chi-square".into(),
            statistic: test.statistic,
            df: test.df.unwrap_or(0.0),
            p: test.p,
            effect: "cramers_v".into(),
            effect_size: v,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::change_test::*;

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "{a} vs {b}");
    }

    #[test]
    fn cochran_armitage_matches_scipy() {
        // x = year per respondent, y = 1 for yes; z² = N r² (scipy.stats.pearsonr),
        // p = 2 * scipy.stats.norm.sf(|z|).
        let t = proportion(&[2020.0, 2021.0, 2022.0], &[10, 15, 24], &[63, 48, 52]).unwrap();
        close(t.statistic, SCIPY_CA_STAT);
        close(t.p, SCIPY_CA_P);
        close(t.effect_size, 100.0 * (24.0 / 52.0 - 10.0 / 63.0));
    }

    #[test]
    fn linear_by_linear_matches_scipy() {
        // M² = (N - 1) r² with r = scipy.stats.pearsonr over the expanded table,
        // p = scipy.stats.chi2.sf(M², 1).
        let counts = vec![
            vec![0, 2, 26, 30, 5],
            vec![0, 2, 15, 25, 6],
            vec![0, 1, 11, 30, 10],
        ];
        let t = ordered(
            &[2020.0, 2021.0, 2022.0],
            &[1.0, 2.0, 3.0, 4.0, 5.0],
            &counts,
        )
        .unwrap();
        close(t.statistic, SCIPY_LBL_STAT);
        close(t.p, SCIPY_LBL_P);
        close(t.effect_size, SCIPY_LBL_R);
    }

    #[test]
    fn chi_square_matches_scipy() {
        // scipy.stats.chi2_contingency(table, correction=False)
        let counts = vec![vec![25, 38], vec![18, 30], vec![20, 32]];
        let t = distribution(&counts).unwrap();
        close(t.statistic, SCIPY_CHI2_STAT);
        close(t.p, SCIPY_CHI2_P);
        assert_eq!(t.df, 2.0);
        close(t.effect_size, (SCIPY_CHI2_STAT / 163.0).sqrt());
    }

    #[test]
    fn nothing_to_test_gives_no_test() {
        assert!(proportion(&[2020.0], &[1], &[2]).is_none());
        assert!(proportion(&[2020.0, 2021.0], &[0, 0], &[5, 5]).is_none());
        assert!(ordered(&[2020.0, 2021.0], &[1.0, 2.0], &[vec![3, 0], vec![4, 0]]).is_none());
        assert!(distribution(&[vec![3, 4]]).is_none());
    }

    // Computed with scipy 1.17.1 (pearsonr, norm.sf, chi2.sf, chi2_contingency) from
    // the tables above, expanded to one row per respondent where a correlation is used.
    const SCIPY_CA_STAT: f64 = 12.46866286474346;
    const SCIPY_CA_P: f64 = 0.0004138362229636187;
    const SCIPY_LBL_STAT: f64 = 6.342955869855878;
    const SCIPY_LBL_P: f64 = 0.011784833474004757;
    const SCIPY_LBL_R: f64 = 0.19787381984324573;
    const SCIPY_CHI2_STAT: f64 = 0.055876552900362274;
    const SCIPY_CHI2_P: f64 = 0.9724483879153875;
}
