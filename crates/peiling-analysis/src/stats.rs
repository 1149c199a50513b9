//! Statistical tests and intervals (statrs distributions), checked against scipy.

use statrs::distribution::{ChiSquared, ContinuousCDF, Discrete, Hypergeometric, Normal};

use crate::summary::Test;

/// z for a two-sided 95 % interval.
const Z95: f64 = 1.959_963_984_540_054;

/// Wilson score interval for k successes out of n, as proportions.
pub fn wilson(k: usize, n: usize) -> Option<[f64; 2]> {
    if n == 0 {
        return None;
    }
    let (k, n) = (k as f64, n as f64);
    let p = k / n;
    let z2 = Z95 * Z95;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / (1.0 + z2 / n);
    Some([(centre - half).max(0.0), (centre + half).min(1.0)])
}

/// Pearson's chi-square test of independence (no continuity correction), and the
/// smallest expected count. Empty rows and columns are left out.
pub fn chi_square(table: &[Vec<usize>]) -> Option<(Test, f64)> {
    let rows: Vec<&Vec<usize>> = table
        .iter()
        .filter(|r| r.iter().sum::<usize>() > 0)
        .collect();
    let width = rows.first()?.len();
    let cols: Vec<usize> = (0..width)
        .filter(|&j| rows.iter().map(|r| r[j]).sum::<usize>() > 0)
        .collect();
    if rows.len() < 2 || cols.len() < 2 {
        return None;
    }
    let total: f64 = rows
        .iter()
        .flat_map(|r| cols.iter().map(|&j| r[j] as f64))
        .sum();
    let row_sums: Vec<f64> = rows
        .iter()
        .map(|r| cols.iter().map(|&j| r[j] as f64).sum())
        .collect();
    let col_sums: Vec<f64> = cols
        .iter()
        .map(|&j| rows.iter().map(|r| r[j] as f64).sum())
        .collect();
    let mut stat = 0.0;
    let mut min_expected = f64::INFINITY;
    for (i, r) in rows.iter().enumerate() {
        for (jj, &j) in cols.iter().enumerate() {
            let e = row_sums[i] * col_sums[jj] / total;
            min_expected = min_expected.min(e);
            stat += (r[j] as f64 - e).powi(2) / e;
        }
    }
    let df = ((rows.len() - 1) * (cols.len() - 1)) as f64;
    let p = ChiSquared::new(df).ok()?.sf(stat);
    Some((
        Test {
            name: "chi-square".into(),
            statistic: stat,
            df: Some(df),
            p,
            effect: None,
        },
        min_expected,
    ))
}

/// Cramér's V from a chi-square statistic.
pub fn cramers_v(chi2: f64, n: usize, rows: usize, cols: usize) -> Option<f64> {
    let k = rows.min(cols);
    (n > 0 && k > 1).then(|| (chi2 / (n as f64 * (k - 1) as f64)).sqrt())
}

/// Fisher's exact test, two-sided, for [[a, b], [c, d]] (scipy's definition: the sum of
/// the probabilities of all tables no more likely than the observed one).
pub fn fisher_exact(a: usize, b: usize, c: usize, d: usize) -> Option<Test> {
    let n = (a + b + c + d) as u64;
    let row1 = (a + b) as u64;
    let col1 = (a + c) as u64;
    if n == 0 {
        return None;
    }
    let dist = Hypergeometric::new(n, col1, row1).ok()?;
    let lo = row1.saturating_sub(n - col1);
    let hi = row1.min(col1);
    let observed = dist.pmf(a as u64);
    let p: f64 = (lo..=hi)
        .map(|x| dist.pmf(x))
        .filter(|&px| px <= observed * (1.0 + 1e-7))
        .sum();
    let odds = (a * d) as f64 / (b * c) as f64;
    Some(Test {
        name: "Fisher exact".into(),
        statistic: odds,
        df: None,
        p: p.min(1.0),
        effect: None,
    })
}

/// Average ranks (1-based) with ties sharing their mean rank, and the tie term Σ(t³ - t).
fn ranks(values: &[f64]) -> (Vec<f64>, f64) {
    let mut idx: Vec<usize> = (0..values.len()).collect();
    idx.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut out = vec![0.0; values.len()];
    let mut ties = 0.0;
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && values[idx[j + 1]] == values[idx[i]] {
            j += 1;
        }
        let rank = (i + j) as f64 / 2.0 + 1.0;
        for &k in &idx[i..=j] {
            out[k] = rank;
        }
        let t = (j - i + 1) as f64;
        ties += t * t * t - t;
        i = j + 1;
    }
    (out, ties)
}

/// Mann-Whitney U of the first sample, normal approximation with tie and continuity
/// correction, two-sided (scipy `mannwhitneyu(x, y, method="asymptotic")`).
pub fn mann_whitney(x: &[f64], y: &[f64]) -> Option<Test> {
    let (n1, n2) = (x.len() as f64, y.len() as f64);
    if x.is_empty() || y.is_empty() {
        return None;
    }
    let all: Vec<f64> = x.iter().chain(y).copied().collect();
    let (r, ties) = ranks(&all);
    let r1: f64 = r[..x.len()].iter().sum();
    let u1 = r1 - n1 * (n1 + 1.0) / 2.0;
    let n = n1 + n2;
    let mu = n1 * n2 / 2.0;
    let sigma = (n1 * n2 / 12.0 * ((n + 1.0) - ties / (n * (n - 1.0)))).sqrt();
    if sigma == 0.0 {
        return None;
    }
    let u = u1.max(n1 * n2 - u1);
    let z = (u - mu - 0.5) / sigma;
    let p = (2.0 * Normal::standard().sf(z)).min(1.0);
    Some(Test {
        name: "Mann-Whitney U".into(),
        statistic: u1,
        df: None,
        p,
        effect: None,
    })
}

/// Kruskal-Wallis H with tie correction (scipy `kruskal`).
pub fn kruskal_wallis(groups: &[Vec<f64>]) -> Option<Test> {
    let groups: Vec<&Vec<f64>> = groups.iter().filter(|g| !g.is_empty()).collect();
    if groups.len() < 2 {
        return None;
    }
    let all: Vec<f64> = groups.iter().flat_map(|g| g.iter().copied()).collect();
    let n = all.len() as f64;
    let (r, ties) = ranks(&all);
    let mut offset = 0;
    let mut h = 0.0;
    for g in &groups {
        let sum: f64 = r[offset..offset + g.len()].iter().sum();
        h += sum * sum / g.len() as f64;
        offset += g.len();
    }
    h = 12.0 / (n * (n + 1.0)) * h - 3.0 * (n + 1.0);
    let correction = 1.0 - ties / (n * n * n - n);
    if correction <= 0.0 {
        return None;
    }
    h /= correction;
    let df = (groups.len() - 1) as f64;
    let p = ChiSquared::new(df).ok()?.sf(h);
    Some(Test {
        name: "Kruskal-Wallis H".into(),
        statistic: h,
        df: Some(df),
        p,
        effect: None,
    })
}

/// Fewest items of a declared scale for which Cronbach's alpha is shown.
pub const ALPHA_MIN_ITEMS: usize = 3;
/// Fewest respondents with a level on every item for which Cronbach's alpha is shown.
pub const ALPHA_MIN_N: usize = 30;

/// May Cronbach's alpha of a declared scale be shown? At least 3 items and 30 complete
/// answers: below that it swings too much to say anything (docs/report-rules.md).
pub fn alpha_allowed(items: usize, n: usize) -> bool {
    items >= ALPHA_MIN_ITEMS && n >= ALPHA_MIN_N
}

/// Cronbach's alpha over complete cases: rows are respondents, columns items.
pub fn cronbach_alpha(rows: &[Vec<f64>]) -> Option<f64> {
    let k = rows.first()?.len();
    if k < 2 || rows.len() < 2 {
        return None;
    }
    let var = |v: &[f64]| {
        let m = v.iter().sum::<f64>() / v.len() as f64;
        v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (v.len() - 1) as f64
    };
    let item_var: f64 = (0..k)
        .map(|j| var(&rows.iter().map(|r| r[j]).collect::<Vec<_>>()))
        .sum();
    let totals: Vec<f64> = rows.iter().map(|r| r.iter().sum()).collect();
    let total_var = var(&totals);
    (total_var > 0.0).then(|| k as f64 / (k - 1) as f64 * (1.0 - item_var / total_var))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9, "{a} != {b}");
    }

    #[test]
    fn wilson_matches_the_formula() {
        // python3: from scipy.stats import norm; z=norm.ppf(.975); k,n=23,44; p=k/n
        //   c=(p+z*z/(2*n))/(1+z*z/n); h=z*sqrt(p*(1-p)/n+z*z/(4*n*n))/(1+z*z/n) -> c-h, c+h
        let [lo, hi] = wilson(23, 44).unwrap();
        close(lo, 0.3793546556062164);
        close(hi, 0.662450089677489);
        assert_eq!(wilson(0, 0), None);
    }

    #[test]
    fn chi_square_matches_scipy() {
        // scipy.stats.chi2_contingency([[12,5,9],[3,10,7]], correction=False)
        let (t, _) = chi_square(&[vec![12, 5, 9], vec![3, 10, 7]]).unwrap();
        close(t.statistic, 6.647147435897436);
        assert_eq!(t.df, Some(2.0));
        close(t.p, 0.03602386231776529);
    }

    #[test]
    fn fisher_matches_scipy() {
        // scipy.stats.fisher_exact([[8,2],[1,5]]).pvalue
        close(fisher_exact(8, 2, 1, 5).unwrap().p, 0.034965034965034975);
    }

    #[test]
    fn mann_whitney_matches_scipy() {
        // scipy.stats.mannwhitneyu([1,2,2,3,4,4,5], [3,4,4,5,5,5,2,6], method="asymptotic")
        let t = mann_whitney(
            &[1., 2., 2., 3., 4., 4., 5.],
            &[3., 4., 4., 5., 5., 5., 2., 6.],
        )
        .unwrap();
        close(t.statistic, 14.0);
        close(t.p, 0.10995231615541845);
    }

    #[test]
    fn kruskal_matches_scipy() {
        // scipy.stats.kruskal([1,2,2,3], [3,4,4,5], [5,5,6,2,1])
        let t = kruskal_wallis(&[
            vec![1., 2., 2., 3.],
            vec![3., 4., 4., 5.],
            vec![5., 5., 6., 2., 1.],
        ])
        .unwrap();
        close(t.statistic, 3.5770538243626033);
        close(t.p, 0.16720629789892721);
    }

    #[test]
    fn cronbach_matches_numpy() {
        // items=np.array(rows); k=4; k/(k-1)*(1-items.var(0,ddof=1).sum()/items.sum(1).var(ddof=1))
        let rows = vec![
            vec![4., 3., 4., 5.],
            vec![3., 3., 2., 4.],
            vec![5., 4., 4., 5.],
            vec![2., 2., 3., 3.],
            vec![4., 4., 3., 4.],
            vec![3., 2., 2., 3.],
        ];
        close(cronbach_alpha(&rows).unwrap(), 0.9129129129129129);
    }
}
