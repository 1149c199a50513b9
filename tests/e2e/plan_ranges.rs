//! Meetings per year as a range end to end: `--per-year MIN-MAX`, the bundled catalogue's
//! "ongeveer zes" (5 to 7: six when the rules allow) and a reversed range refused.

use serde_json::Value;

use crate::common::peiling;

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&peiling(args).ok()).unwrap()
}

#[test]
fn a_range_keeps_the_middle_when_the_rules_allow_it() {
    // The bundled catalogue: 5 to 7 a year, 40 to 60 % basis: six, three of them basis.
    let p = json(&["plan", "--json"]);
    assert_eq!(p["per_year_range"], serde_json::json!([5, 7]));
    assert_eq!(p["meetings_per_year"], serde_json::json!([6, 6]));
    assert_eq!(p["basis_share"], serde_json::json!([0.4, 0.6]));
    // 6 to 8: seven a year; 40 to 60 % of 7 is 2.8 to 4.2, so 3 or 4 basis meetings.
    let p = json(&["plan", "--json", "--per-year", "6-8"]);
    assert_eq!(p["meetings_per_year"], serde_json::json!([7, 7]));
    let meetings = p["meetings"].as_array().unwrap();
    assert_eq!(meetings.len(), 14);
    for year in [1, 2] {
        let basis = meetings
            .iter()
            .filter(|m| m["year"] == year && m["level"] == "basis")
            .count();
        assert!((3..=4).contains(&basis), "year {year}: {basis} basis");
    }
    // One year of 8 to 10 meetings cannot hold 11 themes: the message names the most.
    let err = peiling(&["plan", "--years", "1", "--per-year", "8-10"]).user_error();
    assert_eq!(
        err,
        "peiling: no plan possible: 11 themes do not fit in 10 meetings (1 year × 10): every theme comes up once per cycle; raise --per-year or --years"
    );
    let err = peiling(&["plan", "--per-year", "7-5"]).user_error();
    assert!(err.contains("--per-year 7-5"), "{err}");
    // A word is refused by the argument parser (exit 2, its usual hint below).
    let run = peiling(&["plan", "--per-year", "vijf"]);
    assert_eq!(run.code(), 2);
    assert!(
        run.stderr().contains("a range like 5-7"),
        "{}",
        run.stderr()
    );
}
