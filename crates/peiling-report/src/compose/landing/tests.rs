//! Rule C6 on a hand-made plan: one option feeding two themes is told once, with its own
//! count, and the meetings come in date order.

use super::*;
use serde_json::{json, Value};

/// The committed plan of the bundled survey as a template, with these demand rows and
/// meetings in place of its own.
fn plan(demand: Value, meetings: &[(&str, &str, &str, &str)]) -> RotationPlan {
    let mut p: Value =
        serde_json::from_str(include_str!("../../../../../reports/bos-2020/nl/plan.json")).unwrap();
    let template = p["meetings"][0].clone();
    p["meetings"] = Value::Array(
        meetings
            .iter()
            .enumerate()
            .map(|(i, (date, theme, title, level))| {
                let mut m = template.clone();
                m["number"] = json!(i + 1);
                m["date"] = json!(date);
                m["theme"] = json!(theme);
                m["title"] = json!(title);
                m["title_en"] = json!(title);
                m["level"] = json!(level);
                m
            })
            .collect(),
    );
    p["demand"] = demand;
    serde_json::from_value(p).unwrap()
}

fn source(option: &str, count: usize) -> Value {
    json!({ "question": "thema", "option": option, "option_en": null, "count": count, "weight": 0.5 })
}

fn row(theme: &str, level: &str, respondents: usize, sources: Vec<Value>) -> Value {
    json!({ "theme": theme, "level": level, "score": respondents as f64, "weight": 1.0,
        "exceptional": false, "audiences": [{ "questionnaire": "so", "audience": "SO",
        "of": 10, "respondents": respondents, "weighted": 1.0, "per_person": 1.0,
        "factor": 1.0, "sources": sources }] })
}

fn said(items: &[Vec<Inline>]) -> Vec<String> {
    items
        .iter()
        .map(|l| {
            l.iter()
                .map(|i| match i {
                    Inline::Text(t) => t.as_str(),
                    Inline::Link { text, .. } => text.as_str(),
                    _ => "",
                })
                .collect()
        })
        .collect()
}

/// Review finding 4: three SO's chose intervisie, which feeds Reflectie and Onderzoekende
/// houding; two chose reflecteren, which feeds Reflectie. "Reflectie (5 mensen) en
/// Onderzoekende houding (3 mensen)" added the three twice. Finding 15: dates in order.
#[test]
fn an_option_feeding_two_themes_is_counted_once_and_dates_are_in_order() {
    let demand = json!([
        row(
            "reflectie",
            "basis",
            5,
            vec![
                source("Reflecteren", 2),
                source("Intervisiebijeenkomsten", 3)
            ]
        ),
        row(
            "onderzoekende_houding",
            "verdiepend",
            3,
            vec![source("Intervisiebijeenkomsten", 3)]
        ),
        row("feedback", "basis", 2, vec![source("Reflecteren", 2)]),
        row(
            "innovatie",
            "verdiepend",
            1,
            vec![source("Innovatie op school", 1)]
        ),
    ]);
    let p = plan(
        demand,
        &[
            ("2021-10-07", "feedback", "Feedback", "basis"),
            (
                "2022-06-16",
                "onderzoekende_houding",
                "Onderzoekende houding",
                "verdiepend",
            ),
            ("2023-01-19", "reflectie", "Reflectie", "basis"),
            ("2021-11-25", "innovatie", "Innovatie", "verdiepend"),
        ],
    );
    let lines = said(&plan_landing(&p, Lang::Nl));
    assert_eq!(
        lines,
        ["Wat de schoolopleiders het meest vroegen, komt zo terug in het rooster van de bijeenkomsten: \
          intervisiebijeenkomsten (3 mensen) valt onder Onderzoekende houding (donderdag 16 juni 2022) \
          en Reflectie (donderdag 19 januari 2023); reflecteren (2 mensen) valt onder Feedback \
          (donderdag 7 oktober 2021) en Reflectie (donderdag 19 januari 2023)."]
    );
    // No theme is given the sum of two options' people.
    assert!(!lines[0].contains("5 mensen"), "{lines:?}");
}

#[test]
fn a_theme_without_a_meeting_says_so_and_a_tie_is_named() {
    let demand = json!([
        row("reflectie", "basis", 2, vec![source("Reflecteren", 2)]),
        row("feedback", "basis", 2, vec![source("Feedback geven", 2)]),
        row(
            "innovatie",
            "verdiepend",
            2,
            vec![source("Innovatie op school", 2)]
        ),
    ]);
    let p = plan(demand, &[("2022-03-10", "feedback", "Feedback", "basis")]);
    let lines = said(&plan_landing(&p, Lang::En));
    assert_eq!(lines.len(), 1);
    for part in [
        "feedback geven (2 people) comes under Feedback (Thursday 10 March 2022)",
        "innovatie op school (2 people) comes under Innovatie (not planned yet)",
        "reflecteren (2 people) comes under Reflectie (not planned yet)",
    ] {
        assert!(lines[0].contains(part), "{part} in {lines:?}");
    }
}
