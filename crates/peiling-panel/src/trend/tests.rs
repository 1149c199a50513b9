//! The bundled BOS series: figures against a recount of the editions' responses.

use std::path::PathBuf;

use peiling_survey::{Answer, ImportOptions, Survey};

use super::*;

fn datasets() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../datasets")
}

fn bundled_trend() -> Trend {
    let series = Series::load(&datasets().join("bos-series")).unwrap();
    let editions = series.count_editions(&ImportOptions::default()).unwrap();
    trend(&series, &editions).unwrap()
}

/// (chosen, answered with a category) of option `label` of question `id` of `wpb`,
/// counted from the responses of one edition.
fn recount(edition: &str, id: &str, label: &str) -> (u32, u32) {
    let survey = Survey::load(&datasets().join(edition), &ImportOptions::default()).unwrap();
    let part = survey.part("wpb").unwrap();
    let q = part.questionnaire();
    let qi = q.question_index(id).unwrap();
    let target = q.questions[qi]
        .kind
        .categories()
        .iter()
        .position(|c| c.label == label)
        .unwrap();
    let (mut k, mut n) = (0, 0);
    for r in &part.data.responses {
        match &r.answers[qi] {
            Answer::Choice(c) => {
                n += 1;
                k += u32::from(*c == target);
            }
            Answer::Multi { chosen, .. } if !chosen.is_empty() => {
                n += 1;
                k += u32::from(chosen.contains(&target));
            }
            _ => {}
        }
    }
    (k, n)
}

fn question<'a>(t: &'a Trend, questionnaire: &str, id: &str) -> &'a QuestionTrend {
    t.questions
        .iter()
        .find(|q| q.questionnaire == questionnaire && q.id == id)
        .unwrap_or_else(|| panic!("{questionnaire}.{id}"))
}

fn points<'a>(q: &'a QuestionTrend, label: &str) -> &'a [Point] {
    &q.categories
        .iter()
        .find(|c| c.label == label)
        .unwrap_or_else(|| panic!("{label}"))
        .points
}

#[test]
fn figures_per_edition_match_a_recount() {
    let t = bundled_trend();
    assert_eq!(
        t.editions.iter().map(|e| e.year).collect::<Vec<_>>(),
        [2020, 2021, 2022]
    );
    let need = question(&t, "wpb", "behoefte");
    let yes = points(need, "Ja");
    for (p, edition) in yes
        .iter()
        .zip(["bos-2020", "bos-2021-synthetic", "bos-2022-synthetic"])
    {
        let (k, n) = recount(edition, "behoefte", "Ja");
        assert_eq!((p.count, p.n), (k, n), "{edition}");
        let [lo, hi] = peiling_analysis::stats::wilson(k as usize, n as usize).unwrap();
        let w = p.wilson95.unwrap();
        assert!((w[0] - 100.0 * lo).abs() < 1e-5 && (w[1] - 100.0 * hi).abs() < 1e-5);
        assert!((p.pct.unwrap() - 100.0 * f64::from(k) / f64::from(n)).abs() < 1e-5);
    }
    assert_eq!(need.presence, Presence::Shared);
    assert!(need.test.is_some(), "{:?}", need.no_test);
}

#[test]
fn a_reworded_question_and_a_renamed_option_line_up() {
    let t = bundled_trend();
    let competent = question(&t, "wpb", "competent");
    assert_eq!(competent.editions, [2020, 2021, 2022]);
    assert!(!t.questions.iter().any(|q| q.id == "competent_stagiair"));
    let level = "Zeer competent";
    let p = points(competent, level);
    assert_eq!(
        (p[0].count, p[0].n),
        recount("bos-2020", "competent", level)
    );
    assert_eq!(
        (p[2].count, p[2].n),
        recount("bos-2022-synthetic", "competent_stagiair", level)
    );
    assert_eq!(competent.test.as_ref().unwrap().name, "linear-by-linear");

    let thema = question(&t, "wpb", "thema");
    let p = points(thema, "Reflecteren en feedback geven");
    assert_eq!(p.len(), 3);
    assert_eq!(
        (p[1].count, p[1].n),
        recount(
            "bos-2021-synthetic",
            "thema",
            "Reflecteren en feedback geven"
        )
    );
    assert_eq!(
        (p[2].count, p[2].n),
        recount(
            "bos-2022-synthetic",
            "thema",
            "Feedback geven en reflecteren"
        )
    );
    assert!(!thema
        .categories
        .iter()
        .any(|c| c.label == "Feedback geven en reflecteren"));
    assert!(thema.categories.iter().all(|c| c.test.is_some()));
}

#[test]
fn a_new_question_is_shown_as_new_and_small_groups_get_no_test() {
    let t = bundled_trend();
    let new = question(&t, "wpb", "bijeenkomst");
    assert_eq!(new.presence, Presence::New);
    assert_eq!(new.editions, [2022]);
    assert_eq!(new.n[0], None);
    assert!(new.test.is_none());
    // SO has fewer than MIN_N respondents in every edition: figures, but no test.
    let so = question(&t, "so", "behoefte");
    assert!(so.test.is_none());
    assert!(
        so.no_test.as_deref().unwrap().contains("fewer than 10"),
        "{:?}",
        so.no_test
    );
    assert_eq!(so.categories[0].points.len(), 3);
}

#[test]
fn theme_demand_per_edition_is_the_analysis_count() {
    let t = bundled_trend();
    let survey = Survey::load(&datasets().join("bos-2020"), &ImportOptions::default()).unwrap();
    let part = survey.part("wpb").unwrap();
    let q = part.questionnaire();
    let qi = q.question_index("thema").unwrap();
    let cats = q.questions[qi].kind.categories();
    // Respondents who chose an option linked to "feedback", recounted.
    let feeding: Vec<usize> = (0..cats.len())
        .filter(|&i| cats[i].themes.iter().any(|l| l.theme == "feedback"))
        .collect();
    let k = part
        .data
        .responses
        .iter()
        .filter(|r| match &r.answers[qi] {
            Answer::Multi { chosen, .. } => chosen.iter().any(|c| feeding.contains(c)),
            _ => false,
        })
        .count() as u32;
    let theme = t
        .themes
        .iter()
        .find(|x| x.questionnaire == "wpb" && x.theme == "feedback")
        .unwrap();
    assert_eq!(theme.points[0].count, k);
    assert_eq!(theme.points[0].n, part.data.responses.len() as u32);
    assert_eq!(theme.points.len(), 3);
}
