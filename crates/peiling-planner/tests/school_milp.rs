//! The school mode against an independent MILP (good_lp + microlp) on 100 random
//! partnerships of 3 to 6 schools, 9 workshops and 2 to 4 trainers with their own days and
//! workshops: the picks maximise each school's own demand (the MILP chooses `pick`
//! workshops per school), and a plan exists exactly when the MILP can cover every group
//! with trainer days; the plan's own trainers keep the rules.

mod support;

use std::collections::BTreeMap;

use good_lp::{
    constraint, microlp, variable, variables, Expression, ResolutionError, Solution, SolverModel,
    Variable,
};
use peiling_planner::{plan_schools, Catalogue, PlanError, SchoolModeOptions, SurveyDemand};
use support::oracle::Rng;

const WORKSHOPS: usize = 9;

struct Instance {
    /// Per school, per workshop: the respondents who asked for it.
    asked: Vec<Vec<usize>>,
    pick: usize,
    /// Per trainer: days, and the workshops given (all when empty).
    trainers: Vec<(usize, Vec<usize>)>,
}

fn instance(rng: &mut Rng) -> Instance {
    let schools = rng.range(3, 6) as usize;
    let asked = (0..schools)
        .map(|_| {
            (0..WORKSHOPS)
                .map(|_| rng.pick(&[0, 2, 4, 5, 8, 12, 19, 20, 21, 30, 41]))
                .collect()
        })
        .collect();
    let trainers = (0..rng.range(2, 4))
        .map(|_| {
            let themes = if rng.chance(0.5) {
                Vec::new()
            } else {
                (0..WORKSHOPS).filter(|_| rng.chance(0.5)).collect()
            };
            (rng.range(4, 16) as usize, themes)
        })
        .collect();
    Instance {
        asked,
        pick: rng.range(2, 4) as usize,
        trainers,
    }
}

fn catalogue(inst: &Instance) -> Catalogue {
    let mut s = String::from(
        "id = \"w\"\ntitle = \"W\"\n[rotation]\nyears = 1\nper_year = 9\nhours = 3.5\n",
    );
    s += &format!("[school_mode]\npick = {}\n", inst.pick);
    for (i, (days, themes)) in inst.trainers.iter().enumerate() {
        let list: Vec<String> = themes.iter().map(|w| format!("\"w{w}\"")).collect();
        s += &format!(
            "[[school_mode.trainer]]\nname = \"T{i}\"\ndays = {days}\nthemes = [{}]\n",
            list.join(", ")
        );
    }
    for w in 0..WORKSHOPS {
        s += &format!("[[theme]]\nid = \"w{w}\"\ntitle = \"W{w}\"\nlevel = \"basis\"\n");
    }
    Catalogue::from_toml("w.toml", &s).unwrap()
}

/// The 2017 edition's demand of 60 WPB'ers for workshops `w0`, `w1`, ….
fn demand(asked: &[usize]) -> SurveyDemand {
    let mut demand = support::instance::demand("w", asked);
    demand.edition = Some("2017".into());
    demand.parts[0].respondents = 60;
    demand
}

/// The best total own demand of `pick` workshops per school.
fn best_picks(inst: &Instance) -> f64 {
    let mut vars = variables!();
    let y: Vec<Vec<Variable>> = inst
        .asked
        .iter()
        .map(|a| a.iter().map(|_| vars.add(variable().binary())).collect())
        .collect();
    let objective: Expression = inst
        .asked
        .iter()
        .zip(&y)
        .flat_map(|(a, ys)| a.iter().zip(ys).map(|(&n, &v)| n as f64 * v))
        .sum();
    let mut model = vars.maximise(objective.clone()).using(microlp);
    for ys in &y {
        let e: Expression = ys.iter().copied().sum();
        model = model.with(constraint!(e == inst.pick as f64));
    }
    model.solve().unwrap().eval(&objective)
}

/// Whether trainer days can cover `groups` (per workshop) within each trainer's days.
fn trainers_can_cover(inst: &Instance, groups: &[usize]) -> bool {
    let mut vars = variables!();
    let gives =
        |t: usize, w: usize| inst.trainers[t].1.is_empty() || inst.trainers[t].1.contains(&w);
    let z: Vec<Vec<Option<Variable>>> = (0..inst.trainers.len())
        .map(|t| {
            (0..WORKSHOPS)
                .map(|w| gives(t, w).then(|| vars.add(variable().integer().min(0))))
                .collect()
        })
        .collect();
    let mut model = vars.maximise(Expression::from(0.0)).using(microlp);
    for (w, &g) in groups.iter().enumerate() {
        let e: Expression = z.iter().filter_map(|row| row[w]).sum();
        model = model.with(constraint!(e == g as f64));
    }
    for (t, row) in z.iter().enumerate() {
        let e: Expression = row.iter().flatten().copied().sum();
        model = model.with(constraint!(e <= inst.trainers[t].0 as f64));
    }
    match model.solve() {
        Ok(_) => true,
        Err(ResolutionError::Infeasible) => false,
        Err(e) => panic!("microlp: {e}"),
    }
}

#[test]
fn school_mode_agrees_with_a_milp_on_100_random_partnerships() {
    let mut rng = Rng(2);
    let (mut plans, mut none) = (0, 0);
    for i in 0..100 {
        let inst = instance(&mut rng);
        let c = catalogue(&inst);
        let schools: Vec<(String, SurveyDemand)> = inst
            .asked
            .iter()
            .enumerate()
            .map(|(s, a)| (format!("S{s}"), demand(a)))
            .collect();
        let mut all = schools[0].1.clone();
        for (_, d) in &schools[1..] {
            all.parts.extend(d.parts.clone());
        }
        let options = SchoolModeOptions {
            question: "school".into(),
            schools,
            pick: None,
            min_group: 5,
            start: None,
            holidays: None,
            bundled_holidays: false,
        };
        // Groups per workshop from the picks, recounted: 20 at most a group, 5 at least
        // (no schools are near each other, so smaller ones go central).
        let result = plan_schools(&c, &all, &options);
        let picks: Vec<Vec<usize>> = match &result {
            Ok(p) => p
                .schools
                .iter()
                .map(|s| {
                    s.picks[0]
                        .iter()
                        .map(|id| id[1..].parse().unwrap())
                        .collect()
                })
                .collect(),
            Err(_) => Vec::new(),
        };
        match result {
            Ok(p) => {
                let total: usize = picks
                    .iter()
                    .zip(&inst.asked)
                    .map(|(ws, a)| ws.iter().map(|&w| a[w]).sum::<usize>())
                    .sum();
                assert_eq!(total as f64, best_picks(&inst), "case {i}");
                let mut groups = vec![0usize; WORKSHOPS];
                for (ws, a) in picks.iter().zip(&inst.asked) {
                    for &w in ws {
                        if a[w] >= 5 {
                            groups[w] += a[w].div_ceil(20);
                        }
                    }
                }
                assert_eq!(p.workshops.len(), groups.iter().sum::<usize>(), "case {i}");
                assert!(trainers_can_cover(&inst, &groups), "case {i}");
                // The plan's trainers: qualified, within their days, one place a day.
                let mut load: BTreeMap<String, usize> = BTreeMap::new();
                for w in &p.workshops {
                    let t: usize = w.trainer.as_ref().unwrap()[1..].parse().unwrap();
                    let theme: usize = w.theme[1..].parse().unwrap();
                    assert!(inst.trainers[t].1.is_empty() || inst.trainers[t].1.contains(&theme));
                    *load.entry(format!("T{t}")).or_default() += 1;
                    assert_eq!(
                        p.for_trainer(w.trainer.as_ref().unwrap())
                            .filter(|x| x.date == w.date)
                            .count(),
                        1
                    );
                }
                for (t, n) in &load {
                    let k: usize = t[1..].parse().unwrap();
                    assert!(*n <= inst.trainers[k].0, "case {i}: {t} {n}");
                }
                plans += 1;
            }
            Err(PlanError::Infeasible(m)) => {
                assert_eq!(m.to_string().lines().count(), 1);
                // Recount the picks by hand (own demand, then overall, then order) and ask
                // the MILP whether any trainer cover exists.
                let overall: Vec<usize> = (0..WORKSHOPS)
                    .map(|w| inst.asked.iter().map(|a| a[w]).sum())
                    .collect();
                let mut groups = vec![0usize; WORKSHOPS];
                for a in &inst.asked {
                    let mut order: Vec<usize> = (0..WORKSHOPS).collect();
                    order.sort_by(|&x, &y| {
                        a[y].cmp(&a[x])
                            .then(overall[y].cmp(&overall[x]))
                            .then(x.cmp(&y))
                    });
                    for &w in &order[..inst.pick] {
                        if a[w] >= 5 {
                            groups[w] += a[w].div_ceil(20);
                        }
                    }
                }
                assert!(!trainers_can_cover(&inst, &groups), "case {i}: {m}");
                none += 1;
            }
            Err(e) => panic!("case {i}: {e}"),
        }
    }
    println!("100 partnerships: {plans} plans compared, {none} without a plan on both sides");
    assert!(plans >= 30 && none >= 10, "{plans} plans, {none} without");
}
