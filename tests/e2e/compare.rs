//! Year over year: the bundled 2020 survey against the synthetic 2021 one.

use serde_json::Value;

use crate::common::{peiling, repo};

#[test]
fn year_over_year_on_shared_questions() {
    let dir = repo().join("datasets");
    let out = peiling(&[
        "analyze",
        dir.join("bos-2020").to_str().unwrap(),
        "--compare",
        dir.join("bos-2021-synthetic").to_str().unwrap(),
        "--json",
    ])
    .ok();
    let v: Value = serde_json::from_str(&out).unwrap();
    let c = &v["comparison"];
    assert_eq!(
        (c["left"].as_str(), c["right"].as_str()),
        (Some("2020"), Some("2021"))
    );
    let q = c["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["questionnaire"] == "wpb" && q["id"] == "opleiding")
        .unwrap();
    // 2021 counted straight from the CSV: the column holds Ja/Nee.
    let mut r = csv::Reader::from_path(dir.join("bos-2021-synthetic/wpb.csv")).unwrap();
    let col = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| {
            h == "Heb je een opleiding of cursus gevolgd voor het begeleiden van studenten?"
        })
        .unwrap();
    let cells: Vec<String> = r.records().map(|x| x.unwrap()[col].to_string()).collect();
    let ja = cells.iter().filter(|c| c.as_str() == "Ja").count() as u64;
    let ja_row = &q["rows"][0];
    assert_eq!(ja_row["label"], "Ja");
    assert_eq!(ja_row["left_count"], 10);
    assert_eq!(ja_row["right_count"].as_u64(), Some(ja));
    let left = 10.0 * 100.0 / 63.0;
    let right = ja as f64 * 100.0 / cells.len() as f64;
    assert!((ja_row["diff_pp"].as_f64().unwrap() - (right - left)).abs() < 1e-4);
    assert_eq!(q["test"]["name"], "chi-square");
    // Scales are compared with Mann-Whitney; multi-select gets differences only.
    let scale = c["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "competent")
        .unwrap();
    assert_eq!(scale["test"]["name"], "Mann-Whitney U");
    let multi = c["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["questionnaire"] == "wpb" && q["id"] == "thema")
        .unwrap();
    assert!(multi["test"].is_null());
}
