//! `peiling analyze` with --where and --by on a survey whose parts ask different
//! questions: each flag applies where its question is asked.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::common::{bundled, peiling};

/// The rows of a bundled export as header -> cell maps, read with the csv crate alone.
fn rows(file: &str) -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(bundled().join(file)).unwrap();
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            headers
                .iter()
                .zip(rec.unwrap().iter())
                .map(|(h, c)| (h.to_string(), c.to_string()))
                .collect()
        })
        .collect()
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&peiling(args).ok()).unwrap()
}

const NEED_WPB: &str = "Heb je behoefte aan professionalisering als werkplekbegeleider?";
const NEED_SO: &str = "Heb je behoefte aan professionalisering als schoolopleider?";
const BEVOEGDHEID: &str = "Welke onderwijsbevoegdheid heb je?";
const AGE: &str = "Wat is je leeftijd?";

#[test]
fn by_a_question_one_part_asks_breaks_down_that_part_only() {
    // The README's example: SO has no "bevoegdheid", so only WPB gets cross-tabs.
    let s = json(&[
        "analyze",
        "--where",
        "behoefte=Ja",
        "--by",
        "bevoegdheid",
        "--min-group",
        "0",
        "--json",
    ]);
    let parts = s["parts"].as_array().unwrap();
    let n = |file: &str, header: &str| rows(file).iter().filter(|r| r[header] == "Ja").count();
    assert_eq!(parts[0]["questionnaire"], "so");
    assert_eq!(parts[0]["respondents"], n("so.csv", NEED_SO));
    assert_eq!(parts[0]["crosstabs"].as_array().unwrap().len(), 0);
    assert_eq!(parts[1]["respondents"], n("wpb.csv", NEED_WPB));
    assert_eq!(
        parts[1]["respondents"], 44,
        "Bijlage 2: 63 - 19 without need"
    );

    let age = parts[1]["crosstabs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["question"] == "leeftijd")
        .unwrap();
    let columns: Vec<String> = age["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    for (i, band) in age["rows"].as_array().unwrap().iter().enumerate() {
        for (j, col) in columns.iter().enumerate() {
            let expected = rows("wpb.csv")
                .iter()
                .filter(|r| r[NEED_WPB] == "Ja" && r[AGE] == *band && r[BEVOEGDHEID] == *col)
                .count();
            assert_eq!(age["counts"][i][j], expected, "{band} x {col}");
        }
    }
}

#[test]
fn where_on_a_question_one_part_asks_leaves_the_other_part_out() {
    let s = json(&["analyze", "--where", "bevoegdheid=Eerstegraads", "--json"]);
    let parts = s["parts"].as_array().unwrap();
    assert_eq!(parts.len(), 1, "SO was not asked for its bevoegdheid");
    assert_eq!(parts[0]["questionnaire"], "wpb");
    assert_eq!(parts[0]["respondents"], 25, "Bijlage 2: eerstegraads 25");
}

#[test]
fn a_question_no_part_asks_is_a_user_error() {
    let err = peiling(&["analyze", "--by", "nope"]).user_error();
    assert!(
        err.starts_with("peiling: --by: no questionnaire has a question \"nope\" (so: leeftijd,"),
        "{err}"
    );
    assert!(err.contains("; wpb: "), "{err}");
    let err = peiling(&["analyze", "--where", "nope=Ja"]).user_error();
    assert!(
        err.contains("--where: no questionnaire has a question \"nope\""),
        "{err}"
    );
}

#[test]
fn a_cause_is_not_repeated_in_the_error_line() {
    let err = peiling(&["validate", "/no/such/survey"]).user_error();
    assert_eq!(
        err,
        "peiling: /no/such/survey: cannot read: no such file or folder"
    );
}
