//! The exact search behind the plan: depth-first branch and bound over the slots in
//! date order, on integer values, so the optimum is proven and ties are broken by a rule
//! rather than by floating-point noise.
//!
//! Objective: Σ over slots s of value(theme in s) × (S − s), S the number of slots. The
//! value is the demand in millionths, scaled by M, plus a tie-break (T − catalogue index)
//! smaller than M, so demand decides and, between equal demands, catalogue order does.
//!
//! Years may hold different numbers of meetings (`counts`): the slots are numbered over
//! the whole cycle, year after year.
//!
//! The spread rule is checked slot by slot: a level it applies to has, within each year,
//! its meetings (with the year's first and last free day as end points) no further apart
//! than the precomputed reach of a slot. The bound ignores it, so it stays an upper bound.

/// The instance: themes with integer values and levels, the slots, the constraints.
#[derive(Debug, Clone)]
pub(crate) struct Problem {
    /// Per theme, > 0; distinct themes have distinct values.
    pub values: Vec<i128>,
    pub basis: Vec<bool>,
    /// Themes that must have come up before (indices).
    pub preds: Vec<Vec<usize>>,
    /// Offered last year: not in year 1.
    pub waiting: Vec<bool>,
    pub years: usize,
    /// Meetings in each year.
    pub counts: Vec<usize>,
    /// Basis meetings in each year, at least / at most.
    pub basis_min: Vec<usize>,
    pub basis_max: Vec<usize>,
    /// Per theme: at most this many meetings per cycle and per year.
    pub cap_total: Vec<usize>,
    pub cap_year: Vec<usize>,
    pub spread: Option<Spread>,
    /// Per year (may be shorter than the cycle): themes that must come up in that year
    /// (refreshers due, basis themes every year).
    pub required: Vec<Vec<usize>>,
}

/// Each level it applies to comes up again within the reach of its previous meeting.
#[derive(Debug, Clone)]
pub(crate) struct Spread {
    /// Per year, per slot: the last slot of the year close enough after it.
    pub reach: Vec<Vec<usize>>,
    /// Per year: the last slot close enough after the year's first free day (`None`: no
    /// slot is).
    pub first: Vec<Option<usize>>,
    /// Per year: the first slot close enough before the year's last free day.
    pub last: Vec<Option<usize>>,
    /// Per year: the rule applies to the level.
    pub basis: Vec<bool>,
    pub verdiepend: Vec<bool>,
}

#[derive(Debug, Clone)]
pub(crate) struct Outcome {
    /// Theme per slot, or `None`: no plan exists (when `optimal`) or none was found.
    pub slots: Option<Vec<usize>>,
    pub value: i128,
    /// The search finished: the plan is optimal, or none exists.
    pub optimal: bool,
    pub nodes: u64,
}

impl Problem {
    pub fn slots(&self) -> usize {
        self.counts.iter().sum()
    }

    /// The first slot of year `y`.
    pub fn start(&self, y: usize) -> usize {
        self.counts[..y].iter().sum()
    }

    /// Year and position in the year of every slot.
    fn positions(&self) -> Vec<(usize, usize)> {
        (0..self.years)
            .flat_map(|y| (0..self.counts[y]).map(move |pos| (y, pos)))
            .collect()
    }

    /// Weight of slot s: earlier slots weigh more.
    pub fn weight(&self, s: usize) -> i128 {
        (self.slots() - s) as i128
    }

    /// The objective of a full assignment.
    pub fn objective(&self, slots: &[usize]) -> i128 {
        slots
            .iter()
            .enumerate()
            .map(|(s, &t)| self.values[t] * self.weight(s))
            .sum()
    }
}

struct Search<'a> {
    p: &'a Problem,
    /// Per slot: year and position in it.
    at: Vec<(usize, usize)>,
    order: Vec<usize>,
    occ: Vec<usize>,
    occ_year: Vec<Vec<usize>>,
    basis_in_year: Vec<usize>,
    seq: Vec<usize>,
    best: Option<(i128, Vec<usize>)>,
    nodes: u64,
    max_nodes: u64,
    aborted: bool,
    first_only: bool,
    buf: Vec<i128>,
}

/// Finds the assignment with the highest objective (the first found among equals, in a
/// fixed order), or with `first_only` any feasible one. Stops after `max_nodes` nodes.
pub(crate) fn solve(p: &Problem, max_nodes: u64, first_only: bool) -> Outcome {
    let t = p.values.len();
    let mut order: Vec<usize> = (0..t).collect();
    order.sort_by(|&a, &b| p.values[b].cmp(&p.values[a]).then(a.cmp(&b)));
    let mut search = Search {
        p,
        at: p.positions(),
        order,
        occ: vec![0; t],
        occ_year: vec![vec![0; t]; p.years],
        basis_in_year: vec![0; p.years],
        seq: Vec::with_capacity(p.slots()),
        best: None,
        nodes: 0,
        max_nodes,
        aborted: false,
        first_only,
        buf: Vec::new(),
    };
    if p.slots() > 0 && t > 0 {
        search.dfs(0, 0);
    }
    let optimal = !search.aborted;
    let nodes = search.nodes;
    match search.best {
        Some((value, slots)) => Outcome {
            slots: Some(slots),
            value,
            optimal,
            nodes,
        },
        None => Outcome {
            slots: None,
            value: 0,
            optimal,
            nodes,
        },
    }
}

impl Search<'_> {
    fn done(&self) -> bool {
        self.aborted || (self.first_only && self.best.is_some())
    }

    fn dfs(&mut self, s: usize, value: i128) {
        if self.done() {
            return;
        }
        self.nodes += 1;
        if self.nodes > self.max_nodes {
            self.aborted = true;
            return;
        }
        let p = self.p;
        if s == p.slots() {
            // Every theme at least once per cycle.
            if self.occ.contains(&0) {
                return;
            }
            if self.best.as_ref().is_none_or(|(b, _)| value > *b) {
                self.best = Some((value, self.seq.clone()));
            }
            return;
        }
        let Some(bound) = self.bound(s) else {
            return;
        };
        if let Some((b, _)) = &self.best {
            if value + bound <= *b {
                return;
            }
        }
        let (y, pos) = self.at[s];
        for k in 0..self.order.len() {
            let t = self.order[k];
            if !self.allowed(t, y, pos) {
                continue;
            }
            self.place(t, y, true);
            self.seq.push(t);
            self.dfs(s + 1, value + p.values[t] * p.weight(s));
            self.seq.pop();
            self.place(t, y, false);
            if self.done() {
                return;
            }
        }
    }

    fn allowed(&self, t: usize, y: usize, pos: usize) -> bool {
        let p = self.p;
        if self.occ[t] >= p.cap_total[t] || self.occ_year[y][t] >= p.cap_year[t] {
            return false;
        }
        if p.waiting[t] && y == 0 {
            return false;
        }
        if p.preds[t].iter().any(|&q| self.occ[q] == 0) {
            return false;
        }
        if !self.spread_ok(t, y, pos) {
            return false;
        }
        // The year's required themes still missing must fit its remaining slots.
        if let Some(required) = p.required.get(y) {
            let missing = required
                .iter()
                .filter(|&&r| r != t && self.occ_year[y][r] == 0)
                .count();
            if missing > p.counts[y] - pos - 1 {
                return false;
            }
        }
        let basis = self.basis_in_year[y];
        if p.basis[t] {
            basis < p.basis_max[y]
        } else {
            // verdiepend meetings so far this year, plus this one, leave room for basis_min.
            pos - basis < p.counts[y] - p.basis_min[y]
        }
    }

    /// Theme `t` in slot `pos` of year `y` keeps every spread level within reach: the
    /// level placed must be reachable from its previous meeting (or the year's first free
    /// day), the other one from its own up to the next slot; after the year's last slot,
    /// each must have met close enough before the year's last free day.
    fn spread_ok(&self, t: usize, y: usize, pos: usize) -> bool {
        let p = self.p;
        let Some(spread) = &p.spread else {
            return true;
        };
        let year = &self.seq[p.start(y)..];
        let reach = |last: Option<usize>| match last {
            Some(a) => Some(spread.reach[y][a]),
            None => spread.first[y],
        };
        let end = pos + 1 == p.counts[y];
        for (level, applies) in [(true, spread.basis[y]), (false, spread.verdiepend[y])] {
            if !applies {
                continue;
            }
            let last = year.iter().rposition(|&u| p.basis[u] == level);
            let (last, next) = if p.basis[t] == level {
                if reach(last).is_none_or(|r| pos > r) {
                    return false;
                }
                (Some(pos), pos + 1)
            } else {
                (last, pos + 1)
            };
            if end {
                if spread.last[y].is_none_or(|l| last.is_none_or(|a| a < l)) {
                    return false;
                }
            } else if p.basis[t] != level && reach(last).is_none_or(|r| next > r) {
                return false;
            }
        }
        true
    }

    fn place(&mut self, t: usize, y: usize, on: bool) {
        let add = |x: &mut usize| {
            if on {
                *x += 1
            } else {
                *x -= 1
            }
        };
        add(&mut self.occ[t]);
        add(&mut self.occ_year[y][t]);
        if self.p.basis[t] {
            add(&mut self.basis_in_year[y]);
        }
    }

    /// An upper bound on what slots s.. can still add, or `None` when they cannot be
    /// filled. Relaxation: each level takes its best values into the earliest slots it may
    /// use (its share of every remaining year), ignoring ordering, waiting and the other
    /// level's claims on the same slots.
    fn bound(&mut self, s: usize) -> Option<i128> {
        let p = self.p;
        let remaining = p.slots() - s;
        let (y, pos) = self.at[s];
        let n = p.counts[y];
        let verd_max = n - p.basis_min[y];
        let verd_min = n - p.basis_max[y];
        let basis_now = self.basis_in_year[y];
        let verd_now = pos - basis_now;

        // How many of the remaining slots each level fills: a range.
        let future = y + 1..p.years;
        let sum = |f: &dyn Fn(usize) -> usize| future.clone().map(f).sum::<usize>();
        let b_lo = p.basis_min[y].saturating_sub(basis_now) + sum(&|z| p.basis_min[z]);
        let b_hi = (p.basis_max[y] - basis_now).min(n - pos) + sum(&|z| p.basis_max[z]);
        let v_lo = verd_min.saturating_sub(verd_now) + sum(&|z| p.counts[z] - p.basis_max[z]);
        let v_hi = (verd_max - verd_now).min(n - pos) + sum(&|z| p.counts[z] - p.basis_min[z]);

        // Waiting themes cannot go into year 1: enough later slots must remain.
        if y == 0 {
            let waiting_unplaced = (0..p.values.len())
                .filter(|&t| p.waiting[t] && self.occ[t] == 0)
                .count();
            if waiting_unplaced > p.slots() - p.counts[0] {
                return None;
            }
        }
        let mut best: Option<i128> = None;
        for nb in b_lo..=b_hi.min(remaining) {
            let nv = remaining - nb;
            if nv < v_lo || nv > v_hi {
                continue;
            }
            // Both relaxations are upper bounds: each level in its own earliest slots
            // (which may overlap), and both levels in distinct slots ignoring the split.
            let (Some(bv), Some(vv)) = (self.level_values(true, nb), self.level_values(false, nv))
            else {
                continue;
            };
            let (Some(b), Some(v)) = (
                self.level_pairing(s, true, &bv),
                self.level_pairing(s, false, &vv),
            ) else {
                continue;
            };
            let mut here = (b + v).min(self.joint_pairing(s, &bv, &vv));
            if let Some(y) = self.years_bound(s, &bv, &vv) {
                here = here.min(y);
            }
            best = Some(best.map_or(here, |x| x.max(here)));
        }
        best
    }

    /// The `n` best values one level can still place (its unplaced themes first, then the
    /// best repeats its caps allow), highest first; `None` when it cannot fill exactly `n`.
    fn level_values(&self, basis: bool, n: usize) -> Option<Vec<i128>> {
        let p = self.p;
        let mut chosen: Vec<i128> = Vec::new();
        let mut extras: Vec<i128> = Vec::new();
        for t in 0..p.values.len() {
            if p.basis[t] != basis {
                continue;
            }
            let left = p.cap_total[t] - self.occ[t];
            if self.occ[t] == 0 {
                chosen.push(p.values[t]);
                extras.extend(std::iter::repeat_n(p.values[t], left.saturating_sub(1)));
            } else {
                extras.extend(std::iter::repeat_n(p.values[t], left));
            }
        }
        let mandatory = chosen.len();
        if mandatory > n || mandatory + extras.len() < n {
            return None;
        }
        extras.sort_unstable_by(|a, b| b.cmp(a));
        chosen.extend_from_slice(&extras[..n - mandatory]);
        chosen.sort_unstable_by(|a, b| b.cmp(a));
        Some(chosen)
    }

    /// `values` (highest first) in the earliest slots from s this level may use: in each
    /// remaining year up to its maximum share, first positions first (weights fall with
    /// every slot). `None` when they do not all fit.
    fn level_pairing(&self, s: usize, basis: bool, values: &[i128]) -> Option<i128> {
        let p = self.p;
        let n = values.len();
        let (y0, pos0) = self.at[s];
        let mut total: i128 = 0;
        let mut k = 0;
        'years: for y in y0..p.years {
            let share = if basis {
                p.basis_max[y]
            } else {
                p.counts[y] - p.basis_min[y]
            };
            let (first, mut room) = if y == y0 {
                let used = if basis {
                    self.basis_in_year[y]
                } else {
                    pos0 - self.basis_in_year[y]
                };
                (pos0, share - used)
            } else {
                (0, share)
            };
            let start = p.start(y);
            for pos in first..p.counts[y] {
                if room == 0 {
                    break;
                }
                if k == n {
                    break 'years;
                }
                total += values[k] * p.weight(start + pos);
                k += 1;
                room -= 1;
            }
        }
        (k == n).then_some(total)
    }

    /// Relaxing only the order within each year: for every way the remaining years can
    /// split into basis and verdiepend meetings (each year allows the basis counts of its
    /// split) that uses `basis.len()` basis slots, each level's best values go to the
    /// earliest years (moving a higher value to an earlier year gains at least that year's
    /// lowest weight, more than a later year's highest), and each year pairs its values,
    /// sorted, with its slots. The best over those splits; `None` when there are too many
    /// to try (more than 6 remaining years) or none fits.
    fn years_bound(&mut self, s: usize, basis: &[i128], verd: &[i128]) -> Option<i128> {
        let p = self.p;
        let (y0, pos0) = self.at[s];
        let years = p.years - y0;
        if years > 6 {
            return None;
        }
        let b_now = self.basis_in_year[y0];
        let v_now = pos0 - b_now;
        // Basis meetings still to place in each remaining year: the choices.
        let choices: Vec<Vec<usize>> = (0..years)
            .map(|k| {
                let y = y0 + k;
                if k == 0 {
                    (p.basis_min[y].max(b_now)..=p.basis_max[y].min(p.counts[y] - v_now))
                        .map(|total| total - b_now)
                        .collect()
                } else {
                    (p.basis_min[y]..=p.basis_max[y]).collect()
                }
            })
            .collect();
        let mut pick = vec![0usize; years];
        let mut best: Option<i128> = None;
        loop {
            let quotas: Vec<usize> = (0..years).map(|k| choices[k][pick[k]]).collect();
            if quotas.iter().sum::<usize>() == basis.len() {
                let value = self.year_pairing(s, basis, verd, &quotas);
                best = Some(best.map_or(value, |b: i128| b.max(value)));
            }
            let mut k = 0;
            loop {
                if k == years {
                    return best;
                }
                pick[k] += 1;
                if pick[k] < choices[k].len() {
                    break;
                }
                pick[k] = 0;
                k += 1;
            }
        }
    }

    /// One split of the remaining years (basis meetings per year in `quotas`).
    fn year_pairing(&mut self, s: usize, basis: &[i128], verd: &[i128], quotas: &[usize]) -> i128 {
        let p = self.p;
        let (y0, pos0) = self.at[s];
        let (mut ib, mut iv) = (0, 0);
        let mut total = 0;
        for (k, &qb) in quotas.iter().enumerate() {
            let y = y0 + k;
            let first = if k == 0 { pos0 } else { 0 };
            let qv = p.counts[y] - first - qb;
            let (qb, qv) = (qb.min(basis.len() - ib), qv.min(verd.len() - iv));
            self.buf.clear();
            self.buf.extend_from_slice(&basis[ib..ib + qb]);
            self.buf.extend_from_slice(&verd[iv..iv + qv]);
            self.buf.sort_unstable_by(|a, b| b.cmp(a));
            total += self
                .buf
                .iter()
                .enumerate()
                .map(|(i, v)| v * p.weight(p.start(y) + first + i))
                .sum::<i128>();
            ib += qb;
            iv += qv;
        }
        total
    }

    /// The two levels' values together in the remaining slots, each slot used once.
    fn joint_pairing(&mut self, s: usize, basis: &[i128], verd: &[i128]) -> i128 {
        self.buf.clear();
        self.buf.extend_from_slice(basis);
        self.buf.extend_from_slice(verd);
        self.buf.sort_unstable_by(|a, b| b.cmp(a));
        self.buf
            .iter()
            .enumerate()
            .map(|(i, v)| v * self.p.weight(s + i))
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(values: &[i128], basis: &[bool], years: usize, per_year: usize) -> Problem {
        let t = values.len();
        Problem {
            values: values.to_vec(),
            basis: basis.to_vec(),
            preds: vec![Vec::new(); t],
            waiting: vec![false; t],
            years,
            counts: vec![per_year; years],
            basis_min: vec![0; years],
            basis_max: vec![per_year; years],
            cap_total: vec![1; t],
            cap_year: vec![1; t],
            spread: None,
            required: Vec::new(),
        }
    }

    #[test]
    fn sorted_by_value_without_constraints() {
        let p = problem(&[10, 30, 20], &[true; 3], 1, 3);
        let out = solve(&p, 1_000, false);
        assert_eq!(out.slots, Some(vec![1, 2, 0]));
        assert!(out.optimal);
        assert_eq!(out.value, 30 * 3 + 20 * 2 + 10);
    }

    #[test]
    fn ordering_and_waiting_hold() {
        let mut p = problem(&[10, 30, 20, 5], &[true; 4], 2, 2);
        p.preds[1] = vec![0]; // 1 after 0
        p.waiting[2] = true; // 2 not in year 1
        let out = solve(&p, 10_000, false);
        let slots = out.slots.unwrap();
        let at = |t: usize| slots.iter().position(|&x| x == t).unwrap();
        assert!(at(0) < at(1));
        assert!(at(2) >= 2);
        assert!(out.optimal);
    }

    #[test]
    fn spread_keeps_each_level_within_reach() {
        // Three basis themes worth more than three verdiepend ones: unspread, basis first.
        let mut p = problem(
            &[60, 50, 40, 30, 20, 10],
            &[true, true, true, false, false, false],
            1,
            6,
        );
        p.basis_min = vec![3];
        p.basis_max = vec![3];
        assert_eq!(solve(&p, 10_000, false).slots, Some(vec![0, 1, 2, 3, 4, 5]));
        // Each slot reaches two slots on; the year's first free day reaches slot 1 and
        // the last is reached from slot 4: no level may skip more than one slot, start
        // after slot 1 or end before slot 4 (optimum found by hand enumeration).
        p.spread = Some(Spread {
            reach: vec![vec![2, 3, 4, 5, 5, 5]],
            first: vec![Some(1)],
            last: vec![Some(4)],
            basis: vec![true],
            verdiepend: vec![true],
        });
        let out = solve(&p, 10_000, false);
        assert_eq!(out.slots, Some(vec![0, 3, 1, 4, 2, 5]));
        assert_eq!(out.value, 860);
        assert!(out.optimal);
        // The same with the rule on verdiepend only.
        p.spread.as_mut().unwrap().basis = vec![false];
        assert_eq!(solve(&p, 10_000, false).slots, Some(vec![0, 3, 1, 4, 2, 5]));
        // The first free day reaching only slot 0: both levels cannot start in time.
        p.spread.as_mut().unwrap().basis = vec![true];
        p.spread.as_mut().unwrap().first = vec![Some(0)];
        let out = solve(&p, 10_000, false);
        assert!(out.slots.is_none() && out.optimal);
    }

    #[test]
    fn infeasible_is_proven() {
        let mut p = problem(&[10, 30], &[true; 2], 1, 2);
        p.waiting[0] = true;
        let out = solve(&p, 1_000, false);
        assert!(out.slots.is_none() && out.optimal);
    }
}
