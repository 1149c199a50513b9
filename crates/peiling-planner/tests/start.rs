//! The plan's default first day: after the edition year, else after the exports' last
//! submission date, else a typed error (never a guess).

use peiling_planner::{
    plan, Catalogue, NaiveDate, PartDemand, PlanError, PlanOptions, SurveyDemand,
};

fn survey(edition: Option<&str>, last_submission: Option<&str>) -> SurveyDemand {
    SurveyDemand {
        survey: "wpb".into(),
        title: "WPB".into(),
        edition: edition.map(Into::into),
        last_submission: last_submission.map(Into::into),
        filters: Vec::new(),
        filter_words: Vec::new(),
        parts: vec![PartDemand {
            questionnaire: "wpb".into(),
            audience: "WPB".into(),
            respondents: 10,
            themes: Vec::new(),
        }],
    }
}

fn start(edition: Option<&str>, last: Option<&str>) -> Result<NaiveDate, PlanError> {
    let options = PlanOptions {
        bundled_holidays: false,
        ..PlanOptions::default()
    };
    plan(
        &Catalogue::bundled("bos").unwrap(),
        &survey(edition, last),
        &options,
    )
    .map(|p| p.start)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn the_edition_year_wins() {
    assert_eq!(
        start(Some("2020"), Some("2023-10-05")).unwrap(),
        day(2021, 9, 1)
    );
}

#[test]
fn without_an_edition_the_first_september_after_the_last_submission() {
    // An October survey plans the next school year but one; a spring survey this autumn.
    assert_eq!(start(None, Some("2020-10-30")).unwrap(), day(2021, 9, 1));
    assert_eq!(start(None, Some("2024-03-14")).unwrap(), day(2024, 9, 1));
    assert_eq!(start(None, Some("2024-09-01")).unwrap(), day(2025, 9, 1));
    assert_eq!(start(None, Some("2024-08-31")).unwrap(), day(2024, 9, 1));
}

#[test]
fn neither_is_a_typed_error_without_flag_names() {
    let e = start(None, None).unwrap_err();
    assert!(
        matches!(&e, PlanError::NoStart { survey } if survey == "wpb"),
        "{e:?}"
    );
    assert!(!e.to_string().contains("--"), "{e}");
}
