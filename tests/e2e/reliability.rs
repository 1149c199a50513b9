//! Privacy, reproducibility and safe writing on the bundled survey: no contact details
//! in any output, small cells suppressed in every JSON breakdown, byte-identical output
//! for the same input, and never a write over an input file.

use crate::common::{bundled, peiling, peiling_in};

/// The fake contact details in the bundled exports, read straight from the CSV files.
fn contact_details() -> Vec<String> {
    let mut found = Vec::new();
    for file in ["so.csv", "wpb.csv"] {
        let mut reader = csv::Reader::from_path(bundled().join(file)).unwrap();
        let headers = reader.headers().unwrap().clone();
        let personal: Vec<usize> = headers
            .iter()
            .enumerate()
            .filter(|(_, h)| {
                let h = h.trim_start_matches('\u{feff}');
                matches!(
                    h,
                    "Naam" | "E-mail" | "Wat is je naam?" | "Wat is je e-mailadres?"
                )
            })
            .map(|(i, _)| i)
            .collect();
        assert_eq!(personal.len(), 4, "{file}: {headers:?}");
        for record in reader.records() {
            let record = record.unwrap();
            for &i in &personal {
                let v = record[i].trim();
                if !v.is_empty() && v != "anonymous" {
                    found.push(v.to_string());
                }
            }
        }
    }
    found
}

#[test]
fn no_output_contains_the_contact_details() {
    let contacts = contact_details();
    // so.csv: 10 names + 10 addresses offered; wpb.csv: the 12 who said yes (Bijlage 2).
    assert!(contacts.len() >= 24, "{contacts:?}");
    let runs: [&[&str]; 6] = [
        &["validate"],
        &["analyze"],
        &["analyze", "--json"],
        &["analyze", "--json", "--by", "leeftijd", "--min-group", "0"],
        &["analyze", "--where", "benaderen=Ja"],
        &["analyze", "--json", "--where", "benaderen=Ja"],
    ];
    for args in runs {
        let out = peiling(args).ok();
        for c in &contacts {
            assert!(!out.contains(c.as_str()), "{args:?} prints {c}");
        }
        assert!(!out.contains("@voorbeeld.invalid"), "{args:?}");
    }
}

#[test]
fn every_json_breakdown_suppresses_small_cells() {
    let json = peiling(&["analyze", "--json", "--by", "leeftijd"]).ok();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut tables = 0;
    let mut hidden_total = 0;
    for part in v["parts"].as_array().unwrap() {
        for t in part["crosstabs"].as_array().unwrap() {
            tables += 1;
            let cells: Vec<Vec<Option<u64>>> = t["counts"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r.as_array().unwrap().iter().map(|c| c.as_u64()).collect())
                .collect();
            let width = cells.first().map_or(0, Vec::len);
            // Primary: no visible count from 1 to 4.
            for c in cells.iter().flatten().flatten() {
                assert!(*c == 0 || *c >= 5, "{}: visible {c}", t["question"]);
            }
            // Secondary: no row or column hides exactly one cell (it could be recovered).
            let lines = cells
                .iter()
                .map(|r| r.iter().filter(|c| c.is_none()).count())
                .chain((0..width).map(|j| cells.iter().filter(|r| r[j].is_none()).count()));
            for hidden in lines {
                assert_ne!(hidden, 1, "{}: {cells:?}", t["question"]);
            }
            let hidden = cells.iter().flatten().filter(|c| c.is_none()).count();
            assert_eq!(t["suppressed"].as_u64(), Some(hidden as u64));
            hidden_total += hidden;
        }
    }
    assert!(
        tables > 20 && hidden_total > 0,
        "{tables} tables, {hidden_total} hidden"
    );
    // --min-group 0 turns it off: every cell visible.
    let open = peiling(&["analyze", "--json", "--by", "leeftijd", "--min-group", "0"]).ok();
    let v: serde_json::Value = serde_json::from_str(&open).unwrap();
    for part in v["parts"].as_array().unwrap() {
        for t in part["crosstabs"].as_array().unwrap() {
            assert_eq!(t["suppressed"].as_u64(), Some(0));
            assert!(
                !t["counts"].to_string().contains("null"),
                "{}",
                t["question"]
            );
        }
    }
}

#[test]
fn the_same_input_gives_byte_identical_output() {
    let dir = tempfile::tempdir().unwrap();
    let runs: [&[&str]; 4] = [
        &["analyze", "--json", "--out", "a.json"],
        &["analyze", "--json", "--by", "leeftijd", "--out", "a.json"],
        &["analyze", "--out", "a.json"],
        &["validate", "--rejects", "a.json"],
    ];
    for args in runs {
        peiling_in(dir.path(), args).ok();
        let first = std::fs::read(dir.path().join("a.json")).unwrap();
        peiling_in(dir.path(), args).ok();
        let second = std::fs::read(dir.path().join("a.json")).unwrap();
        assert!(first.len() > 20, "{args:?}");
        assert!(first == second, "{args:?} differs between two runs");
        // Written through a temporary file that is gone afterwards.
        let leftovers: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("peiling-tmp"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}

#[test]
fn analyze_never_writes_over_its_input() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["survey.toml", "so.toml", "so.csv", "wpb.toml", "wpb.csv"] {
        std::fs::copy(bundled().join(f), dir.path().join(f)).unwrap();
    }
    let before = std::fs::read(dir.path().join("wpb.csv")).unwrap();
    for args in [
        vec!["analyze", ".", "--json", "--out", "wpb.csv"],
        vec![
            "analyze", "-q", "wpb.toml", "-d", "wpb.csv", "--out", "wpb.csv",
        ],
        vec![
            "analyze",
            "-q",
            "wpb.toml",
            "-d",
            "wpb.csv",
            "--out",
            "./wpb.toml",
        ],
    ] {
        let err = peiling_in(dir.path(), &args).user_error();
        assert!(err.contains("is an input file"), "{args:?}: {err}");
    }
    assert_eq!(std::fs::read(dir.path().join("wpb.csv")).unwrap(), before);
    // An output next to the inputs is fine.
    peiling_in(
        dir.path(),
        &["analyze", ".", "--json", "--out", "figures.json"],
    )
    .ok();
    assert!(dir.path().join("figures.json").exists());
}
