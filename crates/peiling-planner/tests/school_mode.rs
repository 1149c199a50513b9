//! The school mode (seed 002): picks per school by its own demand, groups of 5 to 20
//! (split, combined with a nearby school, or moved to the central offer), trainers within
//! their days, free days per school and per trainer, and the calendars, checked against
//! hand-computed values and recounts.

use std::collections::BTreeMap;

use chrono::{Datelike, Weekday};
use peiling_planner::{
    plan_schools, CalendarOf, Catalogue, Holidays, NaiveDate, PartDemand, PlanError, RequestSource,
    SchoolModeOptions, SchoolPlan, SurveyDemand, ThemeRequest,
};

const SETTINGS: &str = r#"
[school_mode]
pick = 2
near = [["Het Baken", "De Meander"]]
[[school_mode.trainer]]
name = "Trainer HAN"
days = 4
[[school_mode.trainer]]
name = "Trainer Radboud"
days = 3
themes = ["begeleiden_met_video", "leerwerktaken"]
"#;

fn catalogue(settings: &str) -> Catalogue {
    Catalogue::from_toml("alliantie.toml", &format!("{}{settings}", alliantie())).unwrap()
}

/// The bundled Alliantie catalogue without its own `[school_mode]` settings.
fn alliantie() -> String {
    let text = include_str!("../../../datasets/catalogues/alliantie-2016.toml");
    let (from, to) = (
        text.find("[school_mode]").unwrap(),
        text.find("[demand]").unwrap(),
    );
    format!("{}{}", &text[..from], &text[to..])
}

fn demand(school: &str, respondents: usize, asked: &[(&str, usize)]) -> SurveyDemand {
    SurveyDemand {
        survey: "s".into(),
        title: "S".into(),
        edition: Some("2017".into()),
        last_submission: None,
        filters: vec![format!("school={school}")],
        filter_words: Vec::new(),
        parts: vec![PartDemand {
            questionnaire: "wpb".into(),
            audience: "WPB".into(),
            respondents,
            themes: asked
                .iter()
                .map(|&(theme, n)| ThemeRequest {
                    theme: theme.into(),
                    weighted: n as f64,
                    respondents: n,
                    sources: vec![RequestSource {
                        question: "workshops".into(),
                        option: theme.into(),
                        option_en: None,
                        count: n,
                        weight: 1.0,
                    }],
                })
                .collect(),
        }],
    }
}

/// Three schools: Het Baken wants video (45) and bumpy moments (3), De Meander
/// pedagogische competentie (12) and bumpy moments (4), Sint-Jan leerwerktaken (21) and
/// weekreflectie (2).
fn schools() -> Vec<(String, SurveyDemand)> {
    vec![
        (
            "Het Baken".into(),
            demand(
                "Het Baken",
                50,
                &[
                    ("begeleiden_met_video", 45),
                    ("bumpy_moments", 3),
                    ("weekreflectie", 1),
                ],
            ),
        ),
        (
            "De Meander".into(),
            demand(
                "De Meander",
                15,
                &[("pedagogische_competentie", 12), ("bumpy_moments", 4)],
            ),
        ),
        (
            "Sint-Jan".into(),
            demand(
                "Sint-Jan",
                25,
                &[("leerwerktaken", 21), ("weekreflectie", 2)],
            ),
        ),
    ]
}

fn holidays() -> Holidays {
    Holidays::from_toml(
        "h.toml",
        "[[holiday]]\nname = \"Herfstvakantie\"\nfrom = 2018-10-13\nto = 2018-10-21\n[[holiday]]\nname = \"Kerstvakantie\"\nfrom = 2018-12-22\nto = 2019-01-06\n",
    )
    .unwrap()
}

fn options() -> SchoolModeOptions {
    SchoolModeOptions {
        question: "school".into(),
        schools: schools(),
        pick: None,
        min_group: 5,
        start: None,
        holidays: Some(holidays()),
        bundled_holidays: false,
    }
}

fn all(schools: &[(String, SurveyDemand)]) -> SurveyDemand {
    let mut d = schools[0].1.clone();
    d.filters.clear();
    for (_, s) in &schools[1..] {
        d.parts.extend(s.parts.clone());
    }
    d
}

fn school_plan(settings: &str) -> Result<SchoolPlan, PlanError> {
    plan_schools(&catalogue(settings), &all(&schools()), &options())
}

#[test]
fn groups_are_split_combined_or_moved_and_nothing_is_lost() {
    let p = school_plan(SETTINGS).unwrap();
    // Picks: each school's two most wanted workshops (by hand from `schools()`).
    let picks: Vec<(&str, Vec<&str>)> = p
        .schools
        .iter()
        .map(|s| {
            (
                s.school.as_str(),
                s.picks[0].iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        picks,
        [
            ("Het Baken", vec!["begeleiden_met_video", "bumpy_moments"]),
            (
                "De Meander",
                vec!["pedagogische_competentie", "bumpy_moments"]
            ),
            ("Sint-Jan", vec!["leerwerktaken", "weekreflectie"]),
        ]
    );
    // Groups by hand: 45 = 15 + 15 + 15; 21 = 11 + 10; 12; 3 + 4 = 7 at De Meander (the
    // larger share) with Het Baken; Sint-Jan's 2 for weekreflectie move to the central
    // offer, their count under the small-group threshold not shown.
    let mut groups: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for w in &p.workshops {
        groups
            .entry((w.schools.join("+"), w.theme.clone()))
            .or_default()
            .push(w.participants);
    }
    let expect: BTreeMap<(String, String), Vec<usize>> = [
        ("Het Baken", "begeleiden_met_video", vec![15, 15, 15]),
        ("De Meander+Het Baken", "bumpy_moments", vec![7]),
        ("De Meander", "pedagogische_competentie", vec![12]),
        ("Sint-Jan", "leerwerktaken", vec![11, 10]),
    ]
    .into_iter()
    .map(|(s, t, v)| ((s.to_string(), t.to_string()), v))
    .collect();
    assert_eq!(groups, expect);
    assert_eq!(p.central.len(), 1);
    assert_eq!(
        (
            p.central[0].theme.as_str(),
            p.central[0].schools.clone(),
            p.central[0].participants
        ),
        ("weekreflectie", vec!["Sint-Jan".to_string()], None)
    );
    // Nothing lost: every pick of every school is in a workshop it takes part in, or in
    // the central offer; the participants add up to the people who asked.
    for (school, d) in schools() {
        let summary = p.schools.iter().find(|s| s.school == school).unwrap();
        for theme in &summary.picks[0] {
            let asked = d.parts[0]
                .themes
                .iter()
                .find(|t| &t.theme == theme)
                .map_or(0, |t| t.respondents);
            let at: Vec<_> = p
                .for_school(&school)
                .filter(|w| &w.theme == theme)
                .collect();
            let central = p
                .central
                .iter()
                .any(|c| &c.theme == theme && c.schools.contains(&school));
            assert!(at.is_empty() == central, "{school} {theme}");
            if at.len() > 1 || at.first().is_some_and(|w| w.schools.len() == 1) {
                assert_eq!(at.iter().map(|w| w.participants).sum::<usize>(), asked);
            }
        }
    }
    for w in &p.workshops {
        assert!((5..=20).contains(&w.participants), "{w:?}");
        assert!(w.hours >= 3.5);
        assert_eq!(w.start, "13:30");
        assert_eq!(w.end, "17:00");
    }
}

#[test]
fn days_are_free_for_school_and_trainer_and_trainers_keep_their_days() {
    let p = school_plan(SETTINGS).unwrap();
    let h = holidays();
    assert_eq!(p.start, NaiveDate::from_ymd_opt(2018, 9, 1).unwrap());
    let mut school_days = std::collections::BTreeSet::new();
    let mut trainer_days = std::collections::BTreeSet::new();
    for w in &p.workshops {
        assert_eq!(w.date.weekday(), Weekday::Thu);
        assert!(h.on(w.date).is_none(), "{} in a holiday", w.date);
        assert!(w.date >= p.start && w.date < NaiveDate::from_ymd_opt(2019, 7, 1).unwrap());
        for s in &w.schools {
            assert!(
                school_days.insert((s.clone(), w.date)),
                "{s} twice on {}",
                w.date
            );
        }
        let t = w.trainer.clone().expect("every workshop has a trainer");
        assert!(
            trainer_days.insert((t, w.date)),
            "trainer twice on {}",
            w.date
        );
    }
    // 7 groups for 4 + 3 trainer days; Radboud gives only video and leerwerktaken.
    let load = |name: &str| p.for_trainer(name).count();
    assert_eq!(load("Trainer HAN") + load("Trainer Radboud"), 7);
    assert!(load("Trainer HAN") <= 4 && load("Trainer Radboud") <= 3);
    assert!(p
        .for_trainer("Trainer Radboud")
        .all(|w| ["begeleiden_met_video", "leerwerktaken"].contains(&w.theme.as_str())));
    for t in &p.trainers {
        assert_eq!(t.used, [load(&t.name)]);
    }
    // A school's second pick comes after its first (each in its own half of the year).
    let day = |theme: &str| {
        p.for_school("De Meander")
            .find(|w| w.theme == theme)
            .unwrap()
            .date
    };
    assert!(day("pedagogische_competentie") < day("bumpy_moments"));
}

#[test]
fn too_few_trainer_days_is_one_line() {
    let err = |settings: &str| match school_plan(settings) {
        Err(PlanError::Infeasible(m)) => m.to_string(),
        other => panic!("infeasible expected, got {other:?}"),
    };
    // 7 groups, 1 + 3 days: every workshop alone has enough, all together not.
    assert_eq!(
        err(&SETTINGS.replace("days = 4", "days = 1")),
        "year 1 has 7 workshop groups but the trainers can cover only part of them with their days (4 days in all); add trainers or days in [school_mode] or lower the pick"
    );
    // Nobody gives pedagogische competentie.
    assert_eq!(
        err(&SETTINGS.replace("days = 4", "days = 4\nthemes = [\"bumpy_moments\"]")),
        "year 1 has 1 group of workshop \"pedagogische_competentie\" but the trainers who give it (none) have 0 days a year; add trainers or days in [school_mode] or lower the pick"
    );
}

#[test]
fn a_workshop_shorter_than_a_dagdeel_is_refused() {
    let long = SETTINGS.replace("pick = 2", "pick = 2\nmin_hours = 4");
    match school_plan(&long) {
        Err(PlanError::Infeasible(m)) => assert_eq!(
            m.to_string(),
            "workshop \"begeleiden_met_video\" lasts 3.5 h, but a workshop at a school is a dagdeel of at least 4 h (min_hours in [school_mode]); lengthen it in the catalogue"
        ),
        other => panic!("infeasible expected, got {other:?}"),
    }
}

#[test]
fn settings_are_checked_with_file_and_line() {
    let text = alliantie();
    let bad = format!(
        "{text}{}",
        SETTINGS.replace("\"leerwerktaken\"", "\"onbekend\"")
    );
    let e = Catalogue::from_toml("a.toml", &bad)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains(": [school_mode]: trainer \"Trainer Radboud\" gives theme \"onbekend\", which is not in the catalogue"),
        "{e}"
    );
    let bad = format!(
        "{text}{}",
        SETTINGS.replace("pick = 2", "pick = 2\nmin_participants = 30")
    );
    let e = Catalogue::from_toml("a.toml", &bad)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("min_participants 30 and max_participants 20"),
        "{e}"
    );
}

#[test]
fn calendars_per_school_and_per_trainer_parse() {
    use icalendar::{Component, EventLike};
    let p = school_plan(SETTINGS).unwrap();
    let events = |ics: &str| -> Vec<(String, String)> {
        let c: icalendar::Calendar = ics.parse().expect("icalendar parses the file");
        c.components
            .iter()
            .filter_map(|c| match c {
                icalendar::CalendarComponent::Event(e) => Some((
                    e.get_summary().unwrap().to_string(),
                    e.get_location().unwrap().to_string(),
                )),
                _ => None,
            })
            .collect()
    };
    assert_eq!(events(&p.to_ics(CalendarOf::All, false)).len(), 7);
    // Het Baken: three video groups at home and bumpy moments at De Meander.
    let baken = events(&p.to_ics(CalendarOf::School("Het Baken"), false));
    assert_eq!(baken.len(), 4);
    assert_eq!(baken.iter().filter(|e| e.1 == "De Meander").count(), 1);
    let han = events(&p.to_ics(CalendarOf::Trainer("Trainer HAN"), true));
    assert_eq!(han.len(), p.for_trainer("Trainer HAN").count());
}
