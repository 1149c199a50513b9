//! The trend section: headlines, charts per edition, editions below the minimum group.

use super::*;

fn point(edition: i32, count: u32, n: u32) -> Point {
    Point {
        edition,
        count,
        n,
        pct: Some(100.0 * f64::from(count) / f64::from(n)),
        wilson95: Some([10.0, 90.0]),
    }
}

fn yes_no(test: Option<ChangeTest>, no_test: Option<&str>) -> QuestionTrend {
    let yes = CategoryTrend {
        label: "Ja".into(),
        label_en: Some("Yes".into()),
        points: vec![point(2020, 30, 60), point(2022, 40, 50)],
        test: None,
    };
    QuestionTrend {
        questionnaire: "wpb".into(),
        audience: "WPB".into(),
        id: "behoefte".into(),
        text: "Behoefte?".into(),
        text_en: None,
        kind: "yesno".into(),
        presence: Presence::Shared,
        editions: vec![2020, 2022],
        n: vec![Some(60), Some(50)],
        categories: vec![yes.clone()],
        headline: Some(yes),
        test,
        no_test: no_test.map(str::to_string),
    }
}

fn test(p: f64) -> ChangeTest {
    ChangeTest {
        name: "cochran-armitage".into(),
        statistic: 4.0,
        df: 1.0,
        p,
        effect: "pp_change".into(),
        effect_size: 30.0,
    }
}

fn headline_of(q: &QuestionTrend, lang: Lang) -> String {
    let years = ["2020".to_string(), "2022".to_string()];
    question(
        q,
        View {
            years: &years,
            lang,
            min_group: 5,
        },
    )
    .headline
    .unwrap()
}

#[test]
fn headlines_say_when_a_change_is_within_the_noise() {
    let q = yes_no(Some(test(0.31)), None);
    assert_eq!(
        headline_of(&q, Lang::Nl),
        "Aandeel «Ja»: van 50 % (2020) naar 80 % (2022); dat valt binnen de ruis (p = 0,310)."
    );
    let q = yes_no(Some(test(0.004)), None);
    assert_eq!(
        headline_of(&q, Lang::En),
        "Share «Yes»: from 50 % (2020) to 80 % (2022); a change larger than the noise (p = 0.004)."
    );
    let q = yes_no(None, Some("fewer than 10 answers in 2022"));
    assert!(headline_of(&q, Lang::Nl)
        .ends_with("te weinig antwoorden om een verandering te toetsen: binnen de ruis."));
}

#[test]
fn every_edition_gets_a_line_in_the_chart() {
    let q = yes_no(Some(test(0.2)), None);
    let years = ["2020".to_string(), "2021".to_string(), "2022".to_string()];
    let s = question(&q, view(&years, 5));
    let c = chart(&s);
    assert_eq!(c.rows.len(), 3);
    assert_eq!(c.rows[1].pct, None);
    assert_eq!(c.rows[1].value, "niet gevraagd");
    assert_eq!(c.rows[2].pct, Some(80.0));
}

fn view(years: &[String], min_group: usize) -> View<'_> {
    View {
        years,
        lang: Lang::Nl,
        min_group,
    }
}

fn chart(s: &Section) -> &Intervals {
    let chart = s
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Chart(c) => Some(c),
            _ => None,
        })
        .unwrap();
    let Chart::Intervals(c) = &chart.chart else {
        panic!("not an interval chart")
    };
    c
}

#[test]
fn an_edition_below_the_minimum_group_is_held_back() {
    // 2022: 4 answers, below the minimum of 5; the test over it is not shown.
    let mut q = yes_no(Some(test(0.01)), None);
    for c in q.categories.iter_mut().chain(q.headline.iter_mut()) {
        c.points[1] = point(2022, 3, 4);
    }
    q.n[1] = Some(4);
    let years = ["2020".to_string(), "2022".to_string()];
    let s = question(&q, view(&years, 5));
    let Some(Block::Table(t)) = s.blocks.iter().find(|b| matches!(b, Block::Table(_))) else {
        panic!("no table")
    };
    assert_eq!(t.rows[0].cells, ["Ja", "50 % (10–90)", "te weinig"]);
    assert_eq!(t.rows[1].cells, ["n", "60", "4"]);
    let c = chart(&s);
    assert_eq!(c.rows[1].pct, None);
    assert_eq!(c.rows[1].value, "minder dan 5 antwoorden");
    assert_eq!(
        s.headline.as_deref(),
        Some("Aandeel «Ja»: 50 % in 2020; niet getoetst: een editie had minder dan 5 antwoorden.")
    );
    let notes: Vec<&String> = s
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Note(n) => Some(n),
            _ => None,
        })
        .collect();
    assert!(notes.iter().all(|n| !n.contains("p =")), "{notes:?}");
    // With the minimum at 4 the edition is shown, and so is the test.
    let s = question(&q, view(&years, 4));
    assert!(s.headline.unwrap().contains("(p = 0,010)"));
}
