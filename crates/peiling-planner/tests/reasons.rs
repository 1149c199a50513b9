//! Why a theme lands in its year, recounted: for the BOS plan with and without themes
//! offered last year, each meeting's reason gives its rank among its level by demand and
//! the year's meetings of that level, and, exactly when the plan puts a theme in another
//! year than its rank alone would (the k-th most wanted theme of a level in the year of
//! the level's k-th first meeting), says so and names the themes that took the other way.

use peiling_analysis::{analyze, AnalysisOptions};
use peiling_planner::{plan, Catalogue, Level, PlanOptions, Reason, RotationPlan};
use peiling_survey::{ImportOptions, Survey};

fn bos_plan(offered: &[&str]) -> RotationPlan {
    let survey = Survey::bundled(&ImportOptions::default()).unwrap();
    let demand = peiling_planner::SurveyDemand::from(
        &analyze(&survey, &AnalysisOptions::default()).unwrap(),
    );
    let options = PlanOptions {
        offered: offered.iter().map(|s| s.to_string()).collect(),
        ..PlanOptions::default()
    };
    plan(&Catalogue::bundled("bos").unwrap(), &demand, &options).unwrap()
}

/// Checks every meeting's rank, year and moved reasons against a recount from the plan's
/// own demand table and meetings; returns how many first meetings moved.
fn check(p: &RotationPlan) -> usize {
    let catalogue = Catalogue::bundled("bos").unwrap();
    let index = |id: &str| catalogue.themes.iter().position(|t| t.id == id).unwrap();
    let score = |id: &str| p.demand.iter().find(|d| d.theme == id).unwrap().score;
    let first_year = |id: &str| p.meetings.iter().find(|m| m.theme == id).unwrap().year;
    let mut moved = 0;
    for m in &p.meetings {
        let level: Vec<&str> = catalogue
            .themes
            .iter()
            .filter(|t| t.level == m.level)
            .map(|t| t.id.as_str())
            .collect();
        // Rank: more demand first, equal demand in catalogue order.
        let mut ranked = level.clone();
        ranked.sort_by(|a, b| score(b).total_cmp(&score(a)).then(index(a).cmp(&index(b))));
        let rank = ranked.iter().position(|&x| x == m.theme).unwrap() + 1;
        let in_year = p
            .meetings
            .iter()
            .filter(|x| x.year == m.year && x.level == m.level)
            .count();
        assert!(m.reasons.contains(&Reason::Rank {
            level: m.level,
            rank,
            themes: level.len()
        }));
        assert!(m.reasons.contains(&Reason::Year {
            year: m.year,
            level: m.level,
            meetings: in_year
        }));
        let mut years: Vec<u32> = level.iter().map(|&t| first_year(t)).collect();
        years.sort_unstable();
        let by_demand = years[rank - 1];
        let reason = m.reasons.iter().find_map(|r| match r {
            Reason::Moved {
                year,
                by_demand,
                others,
            } => Some((*year, *by_demand, others.clone())),
            _ => None,
        });
        let first = m.occurrence == 1;
        if first && by_demand != m.year {
            moved += 1;
            let (year, expected, others) = reason.expect("a moved theme says so");
            assert_eq!((year, expected), (m.year, by_demand), "{}", m.theme);
            let mut named: Vec<&str> = level
                .iter()
                .copied()
                .filter(|&t| {
                    let r = ranked.iter().position(|&x| x == t).unwrap() + 1;
                    if m.year > by_demand {
                        r > rank && first_year(t) < m.year
                    } else {
                        r < rank && first_year(t) > m.year
                    }
                })
                .map(|t| catalogue.theme(t).unwrap().title.as_str())
                .collect();
            named.sort_unstable();
            let mut got: Vec<&str> = others.iter().map(|o| o.nl.as_str()).collect();
            got.sort_unstable();
            assert_eq!(got, named, "{}", m.theme);
            assert!(!named.is_empty());
        } else {
            assert!(
                reason.is_none(),
                "{} did not move: {}",
                m.theme,
                m.reason.nl
            );
        }
    }
    moved
}

#[test]
fn a_theme_out_of_its_demand_order_says_why() {
    // The bundled plan follows demand: nothing moves.
    assert_eq!(check(&bos_plan(&[])), 0);
    // Feedback (the most wanted basis theme) offered last year waits: it moves to year 2
    // and Agogisch bekwaam (4th) comes forward into year 1.
    let p = bos_plan(&["feedback"]);
    assert_eq!(check(&p), 2);
    let feedback = p.meetings.iter().find(|m| m.theme == "feedback").unwrap();
    assert!(
        feedback
            .reason
            .nl
            .contains("vorig jaar aangeboden, dus niet in jaar 1; naar vraag alleen in jaar 1, maar de regels geven daar voorrang aan"),
        "{}",
        feedback.reason.nl
    );
    let agogisch = p
        .meetings
        .iter()
        .find(|m| m.theme == "agogisch_bekwaam")
        .unwrap();
    assert_eq!(agogisch.year, 1);
    assert!(
        agogisch
            .reason
            .nl
            .ends_with("4e van 6 basisthema's naar vraag; jaar 1 heeft 3 basisbijeenkomsten; naar vraag alleen in jaar 2, maar eerder omdat Feedback (meer vraag) later komt"),
        "{}",
        agogisch.reason.nl
    );
    assert_eq!(agogisch.level, Level::Basis);
    // Two verdiepend themes waiting as well.
    assert!(check(&bos_plan(&["feedback", "innovatie", "observeren"])) >= 2);
}
