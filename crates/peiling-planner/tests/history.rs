//! History and refreshers (seed 001): earlier plans make a theme's three-yearly refresher
//! come due in year 1 and last year's themes wait; `basis_every_year` brings every basis
//! theme back every year. Checked on the BOS plan and a small catalogue by recount.

mod support;

use peiling_planner::{
    plan, read_history, Catalogue, Offering, PlanError, PlanOptions, SurveyDemand,
};
use support::bos::{bos, bos_plan, demand};
use support::instance::{self, theme_tables};

fn given(theme: &str, school_year: &str) -> Offering {
    Offering {
        theme: theme.into(),
        school_year: school_year.into(),
    }
}

fn years_of(p: &peiling_planner::RotationPlan, theme: &str) -> Vec<u32> {
    p.meetings
        .iter()
        .filter(|m| m.theme == theme)
        .map(|m| m.year)
        .collect()
}

#[test]
fn a_theme_given_three_years_ago_comes_due_in_year_1() {
    // Without history observeren (least asked basis theme) is in year 2.
    assert_eq!(
        years_of(&bos_plan(&PlanOptions::default()), "observeren"),
        [2]
    );
    // Given in 2018-2019, three school years before 2021-2022: a refresher in year 1.
    let p = bos_plan(&PlanOptions {
        history: vec![
            given("observeren", "2018-2019"),
            given("observeren", "2017-2018"),
        ],
        ..PlanOptions::default()
    });
    assert_eq!(years_of(&p, "observeren"), [1]);
    assert!(
        p.notes.iter().any(|n| n.nl
            == "Opfrissers: Observeren (2018-2019) kwamen 3 of meer schooljaren geleden voor het laatst aan bod en staan in jaar 1."),
        "{:?}",
        p.notes
    );
    // Year 1 still has 3 basis meetings: observeren displaces the least asked of the three.
    let year1: Vec<&str> = p
        .meetings
        .iter()
        .filter(|m| m.year == 1 && m.level == peiling_planner::Level::Basis)
        .map(|m| m.theme.as_str())
        .collect();
    assert_eq!(year1.len(), 3);
    assert!(year1.contains(&"observeren"));
    // Given two years ago (2019-2020): not yet due.
    let p = bos_plan(&PlanOptions {
        history: vec![given("observeren", "2019-2020")],
        ..PlanOptions::default()
    });
    assert_eq!(years_of(&p, "observeren"), [2]);
}

#[test]
fn a_theme_given_last_year_waits() {
    // Feedback is the most asked basis theme: first meeting of year 1.
    let base = bos_plan(&PlanOptions::default());
    assert_eq!(base.meetings[0].theme, "feedback");
    let p = bos_plan(&PlanOptions {
        history: vec![given("feedback", "2020-2021")],
        ..PlanOptions::default()
    });
    assert_eq!(years_of(&p, "feedback"), [2]);
    // The same as saying so with `offered`.
    let q = bos_plan(&PlanOptions {
        offered: vec!["feedback".into()],
        ..PlanOptions::default()
    });
    let themes = |p: &peiling_planner::RotationPlan| -> Vec<String> {
        p.meetings.iter().map(|m| m.theme.clone()).collect()
    };
    assert_eq!(themes(&p), themes(&q));
}

/// 3 basis and 2 verdiepend themes, 2 years of 6 meetings (4 basis): a basis theme may
/// come up twice a year, so without the setting one can skip a year; with
/// `basis_every_year` each comes up in both years.
fn small(every_year: bool) -> Catalogue {
    let mut s = String::from(
        "id = \"s\"\ntitle = \"S\"\n[rotation]\nyears = 2\nper_year = 6\nbasis_per_year = 4\n[calendar]\nmax_gap_weeks = 0\n[demand]\nbasis = [\"WPB\"]\nverdiepend = [\"WPB\"]\n",
    );
    if every_year {
        s += "[refresher]\nbasis_every_year = true\n";
    }
    theme_tables(&mut s, (0..5).map(|i| (i < 3, None)));
    Catalogue::from_toml("s.toml", &s).unwrap()
}

fn small_demand() -> SurveyDemand {
    // Verdiepend themes asked more than basis ones, so only the rule brings basis back.
    instance::demand("t", &[1, 2, 3, 40, 30])
}

#[test]
fn basis_every_year_brings_each_basis_theme_back_every_year() {
    let options = PlanOptions {
        bundled_holidays: false,
        ..PlanOptions::default()
    };
    let once = plan(&small(false), &small_demand(), &options).unwrap();
    let every = plan(&small(true), &small_demand(), &options).unwrap();
    for t in ["t0", "t1", "t2"] {
        let years = years_of(&every, t);
        assert!(years.contains(&1) && years.contains(&2), "{t}: {years:?}");
    }
    // Without the setting the 8 basis slots go to the best basis themes first, at most
    // twice a year and 3 times a cycle (8 over 3 themes, rounded up): by hand, year 1
    // t2 t2 t1 t1, year 2 t2 t1 t0 t0, so t0 waits for year 2.
    assert_eq!(years_of(&once, "t0"), [2, 2]);
    assert_eq!(years_of(&every, "t0"), [1, 2]);
    assert!(every
        .notes
        .iter()
        .any(|n| n.en == "Every basis theme comes up every year (new WPB'ers)."));
    // BOS has 6 basis themes for at most 4 basis meetings a year (7 meetings, 60 %
    // basis at most): one line says why not.
    let text = include_str!("../../../datasets/catalogues/bos.toml");
    let c = Catalogue::from_toml(
        "bos.toml",
        &format!("{text}\n[refresher]\nbasis_every_year = true\n"),
    )
    .unwrap();
    match plan(&c, &demand(), &PlanOptions::default()) {
        Err(PlanError::Infeasible(m)) => assert_eq!(
            m.to_string(),
            "year 1 must hold 6 basis themes (wie_ben_ik_als_lerende, wie_ben_ik_als_leraar, observeren, feedback, agogisch_bekwaam, reflectie: refreshers due, or basis every year) but has at most 4 basis meetings; raise the meetings a year or set [refresher] basis_every_year = false"
        ),
        other => panic!("infeasible expected, got {other:?}"),
    }
    let _ = bos();
}

#[test]
fn history_files_are_checked() {
    let plan = bos_plan(&PlanOptions::default());
    let json = serde_json::to_string_pretty(&plan).unwrap();
    let read = read_history("plan.json", &json).unwrap();
    assert_eq!(read.len(), 12);
    assert_eq!(read[0], given(&plan.meetings[0].theme, "2021-2022"));
    let e = read_history(
        "x.json",
        "{\n  \"schema\": \"peiling-plan/2\",\n  \"meetings\": [1]\n}",
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("x.json:3: not a plan.json of peiling plan"),
        "{e}"
    );
    let e = read_history(
        "a.json",
        "{\"schema\": \"peiling-summary/1\", \"meetings\": []}",
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "a.json:1: schema \"peiling-summary/1\": expected a rotation plan (peiling-plan/...)"
    );
}
