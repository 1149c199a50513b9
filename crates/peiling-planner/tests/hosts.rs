//! Host schools, recounted: on random catalogues with schools of random capacity, every
//! school of the plan hosts ⌊meetings/schools⌋ or ⌈meetings/schools⌉ meetings, every host
//! has room for the people who asked for the meeting's theme, and when the planner finds
//! no such rotation, an exhaustive search over all host assignments finds none either.
//! One or two schools give a warning.

mod support;

use std::fmt::Write as _;

use peiling_planner::{plan, Catalogue, PlanError, PlanOptions, SurveyDemand};
use proptest::prelude::*;
use support::instance::{demand, next_assignment, theme_tables};

#[derive(Debug, Clone)]
struct Case {
    /// Per theme: basis?, people who asked for it.
    themes: Vec<(bool, u32)>,
    per_year: u32,
    /// Per school: capacity (None: not stated).
    schools: Vec<Option<u32>>,
    /// Written as `[[school]]` tables (else as a `schools = [...]` list).
    tables: bool,
}

fn case() -> impl Strategy<Value = Case> {
    (2usize..=5, 0usize..=4).prop_flat_map(|(n, k)| {
        (
            prop::collection::vec((any::<bool>(), 0u32..30), n),
            n as u32..=7,
            prop::collection::vec(prop::option::weighted(0.7, 5u32..40), k),
            any::<bool>(),
        )
            .prop_map(|(themes, per_year, schools, tables)| Case {
                themes,
                per_year,
                schools,
                tables,
            })
    })
}

fn catalogue(c: &Case) -> Catalogue {
    let mut s = String::from("id = \"t\"\ntitle = \"T\"\n");
    let name = |i: usize| format!("School {}", (b'A' + i as u8) as char);
    if !c.tables && !c.schools.is_empty() {
        let entries: Vec<String> = c
            .schools
            .iter()
            .enumerate()
            .map(|(i, cap)| match cap {
                Some(cap) => format!("{{ name = \"{}\", capacity = {cap} }}", name(i)),
                None => format!("\"{}\"", name(i)),
            })
            .collect();
        let _ = writeln!(s, "schools = [{}]", entries.join(", "));
    }
    s.push_str("[rotation]\nyears = 1\n[calendar]\nmax_gap_weeks = 0\n");
    s.push_str("[demand]\nbasis = [\"WPB\"]\nverdiepend = [\"WPB\"]\n");
    if c.tables {
        for (i, cap) in c.schools.iter().enumerate() {
            let _ = writeln!(s, "[[school]]\nname = \"{}\"", name(i));
            if let Some(cap) = cap {
                let _ = writeln!(s, "capacity = {cap}");
            }
        }
    }
    theme_tables(&mut s, c.themes.iter().map(|t| (t.0, None)));
    Catalogue::from_toml("t.toml", &s).unwrap()
}

fn survey(c: &Case) -> SurveyDemand {
    let asked: Vec<usize> = c.themes.iter().map(|t| t.1 as usize).collect();
    demand("t", &asked)
}

/// Is there any host per meeting with each school at ⌊M/K⌋ or ⌈M/K⌉ meetings and room for
/// each meeting's people? Every assignment is tried.
fn fair_rotation_exists(people: &[u32], schools: &[Option<u32>]) -> bool {
    let (m, k) = (people.len(), schools.len());
    let mut a = vec![0usize; m];
    loop {
        let fits = (0..m).all(|i| schools[a[i]].is_none_or(|cap| people[i] <= cap));
        let fair = (0..k).all(|s| {
            let n = a.iter().filter(|&&x| x == s).count();
            n == m / k || n == m.div_ceil(k)
        });
        if fits && fair {
            return true;
        }
        if !next_assignment(&mut a, k) {
            return false;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn hosts_rotate_fairly_within_their_room(c in case()) {
        let options = PlanOptions { per_year: Some(c.per_year), ..PlanOptions::default() };
        let people = |theme: &str| c.themes[theme[1..].parse::<usize>().unwrap()].1;
        match plan(&catalogue(&c), &survey(&c), &options) {
            Ok(p) => {
                let k = c.schools.len();
                let m = p.meetings.len();
                prop_assert_eq!(p.schools.len(), k);
                for (i, cap) in c.schools.iter().enumerate() {
                    let name = format!("School {}", (b'A' + i as u8) as char);
                    let hosted = p.meetings.iter().filter(|x| x.host.as_deref() == Some(&name)).count();
                    prop_assert!(hosted == m / k || hosted == m.div_ceil(k), "{} hosts {} of {}", name, hosted, m);
                    prop_assert_eq!(p.schools[i].meetings as usize, hosted);
                    prop_assert_eq!(p.schools[i].capacity, *cap);
                    for x in p.meetings.iter().filter(|x| x.host.as_deref() == Some(&name)) {
                        // The expected headcount, recounted from the survey.
                        let expected: usize = x.headcount.iter().map(|h| h.people).sum();
                        prop_assert_eq!(expected as u32, people(&x.theme));
                        prop_assert!(cap.is_none_or(|cap| people(&x.theme) <= cap), "{} has no room for {}", name, x.theme);
                    }
                }
                if k == 0 {
                    prop_assert!(p.meetings.iter().all(|x| x.host.is_none()));
                }
                let warned = p.warnings.iter().any(|w| w.nl.contains("bekend als gastschool"));
                prop_assert_eq!(warned, (1..=2).contains(&k));
            }
            Err(PlanError::Infeasible(advice)) => {
                let text = advice.to_string();
                prop_assert_eq!(text.lines().count(), 1);
                // The same themes and meetings without schools: is there a plan at all?
                let mut free = c.clone();
                free.schools.clear();
                let Ok(p) = plan(&catalogue(&free), &survey(&free), &options) else {
                    return Ok(());
                };
                prop_assert!(text.contains("host"), "{}", text);
                let people: Vec<u32> = p.meetings.iter().map(|x| people(&x.theme)).collect();
                prop_assert!(!fair_rotation_exists(&people, &c.schools), "a fair rotation exists for {:?}", people);
            }
            Err(e) => prop_assert!(false, "unexpected error {}", e),
        }
    }
}

#[test]
fn a_school_listed_twice_or_without_room_is_refused_with_its_line() {
    let text = "id = \"t\"\ntitle = \"T\"\nschools = [\"A\"]\n[[school]]\nname = \"a\"\n\
                [[theme]]\nid = \"x\"\ntitle = \"X\"\nlevel = \"basis\"\n";
    let e = Catalogue::from_toml("t.toml", text)
        .unwrap_err()
        .to_string();
    assert_eq!(e, "t.toml:4: school \"a\" appears twice");
    let text = "id = \"t\"\ntitle = \"T\"\n[[school]]\nname = \"A\"\ncapacity = -3\n\
                [[theme]]\nid = \"x\"\ntitle = \"X\"\nlevel = \"basis\"\n";
    let e = Catalogue::from_toml("t.toml", text)
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "t.toml:3: school \"A\": capacity = -3: a room holds 1 to 10000 people"
    );
}
