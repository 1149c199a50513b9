//! A question by a grouping question: counts with small-cell suppression, and tests.

use peiling_survey::{Answer, Kind, Question};

use crate::analyze::round6;
use crate::conditions;
use crate::stats;
use crate::summary::{CrossTab, Test};

/// Category indices an answer falls in (several for multi-select).
pub(crate) fn categories(answer: &Answer) -> Vec<usize> {
    match answer {
        Answer::Multi { chosen, .. } => chosen.clone(),
        other => other.category().into_iter().collect(),
    }
}

pub fn crosstab(
    question: &Question,
    by: &Question,
    counts: &[Vec<usize>],
    min_group: usize,
) -> CrossTab {
    let counts = counts.to_vec();
    let rows: Vec<String> = question
        .kind
        .categories()
        .iter()
        .map(|c| c.label.clone())
        .collect();
    let columns: Vec<String> = by
        .kind
        .categories()
        .iter()
        .map(|c| c.label.clone())
        .collect();
    let exclusive =
        !matches!(question.kind, Kind::Multi { .. }) && !matches!(by.kind, Kind::Multi { .. });
    let (chi_square, cramers_v, warning) = match exclusive
        .then(|| stats::chi_square(&counts))
        .flatten()
    {
        Some((test, min_expected)) => {
            let n: usize = counts.iter().flatten().sum();
            let used_rows = counts
                .iter()
                .filter(|r| r.iter().sum::<usize>() > 0)
                .count();
            let used_cols = (0..columns.len())
                .filter(|&j| counts.iter().any(|r| r[j] > 0))
                .count();
            let v = stats::cramers_v(test.statistic, n, used_rows, used_cols).map(round6);
            let warning = (min_expected < 5.0).then(|| {
                format!(
                    "expected counts below 5 (smallest {:.1}): the chi-square p-value is approximate",
                    min_expected
                )
            });
            (Some(rounded(test)), v, warning)
        }
        None => (None, None, None),
    };
    let fisher = (exclusive && counts.len() == 2 && columns.len() == 2)
        .then(|| stats::fisher_exact(counts[0][0], counts[0][1], counts[1][0], counts[1][1]))
        .flatten()
        .map(rounded);
    let ordinal = match &question.kind {
        Kind::Scale { levels, .. } if exclusive => {
            let k = levels.len() as f64;
            let groups: Vec<Vec<f64>> = (0..columns.len())
                .map(|g| {
                    (0..rows.len())
                        .flat_map(|l| std::iter::repeat_n(k - l as f64, counts[l][g]))
                        .collect()
                })
                .filter(|v: &Vec<f64>| !v.is_empty())
                .collect();
            match groups.len() {
                2 => stats::mann_whitney(&groups[0], &groups[1]),
                n if n > 2 => stats::kruskal_wallis(&groups),
                _ => None,
            }
            .map(rounded)
        }
        _ => None,
    };
    let (shown, withheld) = if exclusive {
        conditions::shown_tests(
            &counts,
            chi_square.as_ref(),
            fisher.as_ref(),
            ordinal.as_ref(),
        )
    } else {
        (Vec::new(), None)
    };
    let (cells, suppressed) = suppress(&counts, min_group);
    CrossTab {
        question: question.id.clone(),
        by: by.id.clone(),
        rows,
        columns,
        counts: cells,
        suppressed,
        chi_square,
        cramers_v,
        fisher,
        ordinal,
        warning,
        shown,
        withheld,
    }
}

fn rounded(t: Test) -> Test {
    Test {
        statistic: round6(t.statistic),
        p: round6(t.p),
        ..t
    }
}

/// Primary suppression of cells 0 < n < min, then secondary suppression: a row or
/// column with a single suppressed cell loses its next smallest non-zero cell too, so
/// the hidden one cannot be recovered from the margin.
pub fn suppress(counts: &[Vec<usize>], min: usize) -> (Vec<Vec<Option<usize>>>, usize) {
    let mut cells: Vec<Vec<Option<usize>>> = counts
        .iter()
        .map(|r| {
            r.iter()
                .map(|&c| (c == 0 || c >= min).then_some(c))
                .collect()
        })
        .collect();
    let width = counts.first().map_or(0, Vec::len);
    loop {
        let mut changed = false;
        let lines: Vec<Vec<(usize, usize)>> = (0..counts.len())
            .map(|i| (0..width).map(|j| (i, j)).collect())
            .chain((0..width).map(|j| (0..counts.len()).map(|i| (i, j)).collect()))
            .collect();
        for line in lines {
            let hidden = line.iter().filter(|&&(i, j)| cells[i][j].is_none()).count();
            if hidden == 1 {
                // A line of zeros around the hidden cell would give it away from the
                // margin as surely as any count: then a zero goes too.
                let visible = |nonzero: bool| {
                    line.iter()
                        .filter(|&&(i, j)| cells[i][j].is_some_and(|c| !nonzero || c > 0))
                        .min_by_key(|&&(i, j)| (counts[i][j], i, j))
                        .copied()
                };
                let next = visible(true).or_else(|| visible(false));
                if let Some((i, j)) = next {
                    cells[i][j] = None;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    let n = cells.iter().flatten().filter(|c| c.is_none()).count();
    (cells, n)
}

#[cfg(test)]
mod tests {
    use super::suppress;

    #[test]
    fn a_lone_small_cell_takes_a_neighbour_with_it() {
        let (cells, n) = suppress(&[vec![10, 3], vec![8, 12]], 5);
        // 3 is primary; its row and column would reveal it, so 10 (row) and 12 (column)
        // go too, and then 8 (the last visible cell of both) so nothing can be derived.
        assert_eq!(cells, vec![vec![None, None], vec![None, None]]);
        assert_eq!(n, 4);
        let (cells, n) = suppress(&[vec![10, 6, 2], vec![8, 12, 3], vec![9, 7, 11]], 5);
        // 2 and 3 are primary (column 2 then hides two cells); rows 0 and 1 each lose
        // their smallest other cell (6, 8); columns 1 and 0 then lose 7 and 9.
        let hidden: Vec<(usize, usize)> = (0..3)
            .flat_map(|i| (0..3).map(move |j| (i, j)))
            .filter(|&(i, j)| cells[i][j].is_none())
            .collect();
        assert_eq!(hidden, vec![(0, 1), (0, 2), (1, 0), (1, 2), (2, 0), (2, 1)]);
        assert_eq!(n, 6);
        assert_eq!(cells[0][0], Some(10));
    }

    #[test]
    fn a_lone_small_cell_among_zeros_takes_a_zero_with_it() {
        // Column 0 holds 3 and zeros: its total (the group's size, printed elsewhere)
        // would reveal the 3 unless another cell of the column is hidden too.
        let (cells, n) = suppress(&[vec![0, 7], vec![3, 9], vec![0, 8]], 5);
        for j in 0..2 {
            let hidden = (0..3).filter(|&i| cells[i][j].is_none()).count();
            assert_ne!(hidden, 1, "column {j}: {cells:?}");
        }
        for row in &cells {
            assert_ne!(row.iter().filter(|c| c.is_none()).count(), 1, "{cells:?}");
        }
        assert!(n >= 2);
    }

    #[test]
    fn off_when_min_is_zero() {
        let (cells, n) = suppress(&[vec![1, 2]], 0);
        assert_eq!(cells, vec![vec![Some(1), Some(2)]]);
        assert_eq!(n, 0);
    }
}
