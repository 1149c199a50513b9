//! The bundled synthetic records of 2021-2022 (datasets/bos-records-2021-2022): they
//! match the bundled plan's meetings (every row accepted), the totals are recounted
//! here from the CSV files and plan.json, and the two committed example certificates
//! are what `peiling certificates` writes today.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::common::{peiling_in, repo};

fn dataset() -> PathBuf {
    repo().join("datasets/bos-records-2021-2022")
}

/// The attendance lists, by the meeting slot their file name starts with.
fn attendance_lists() -> Vec<(u32, PathBuf)> {
    let mut lists: Vec<(u32, PathBuf)> = std::fs::read_dir(dataset().join("presentie"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name[..2].parse().unwrap(), p)
        })
        .collect();
    lists.sort();
    lists
}

/// Fills a records database the way scripts/regenerate-reports.sh does; returns the
/// `rows:` line of every import.
pub(crate) fn fill(dir: &Path) -> Vec<String> {
    let db = dir.join("r.db").display().to_string();
    let plan = repo().join("reports/bos-2020/nl/plan.json");
    let signups = dataset().join("aanmeldingen.csv");
    peiling_in(
        dir,
        &[
            "records",
            "--db",
            &db,
            "activity",
            "plan",
            plan.to_str().unwrap(),
        ],
    )
    .ok();
    let mut rows = Vec::new();
    let out = peiling_in(
        dir,
        &["records", "--db", &db, "import", signups.to_str().unwrap()],
    )
    .ok();
    rows.extend(
        out.lines()
            .filter(|l| l.contains("rows:"))
            .map(String::from),
    );
    for (slot, list) in attendance_lists() {
        let activity = peiling_core::activity_id("2021-2022", slot);
        let args = [
            "records",
            "--db",
            &db,
            "import",
            "--kind",
            "attendance",
            "--activity",
            &activity,
            list.to_str().unwrap(),
        ];
        let out = peiling_in(dir, &args).ok();
        rows.extend(
            out.lines()
                .filter(|l| l.contains("rows:"))
                .map(String::from),
        );
    }
    rows
}

#[test]
fn every_row_of_the_dataset_fits_the_bundled_plan() {
    let dir = tempfile::tempdir().unwrap();
    let rows = fill(dir.path());
    assert_eq!(rows.len(), 1 + attendance_lists().len());
    for line in &rows {
        assert!(
            line.trim_end().ends_with(" 0 rejected"),
            "{line}: run datasets/bos-records-2021-2022/generate.py after a change of the bundled plan"
        );
    }
}

#[test]
fn certificate_totals_match_a_recount_and_the_examples_are_fresh() {
    let dir = tempfile::tempdir().unwrap();
    fill(dir.path());
    // Recount: hours per meeting from plan.json, attended = rows ticked "ja".
    let plan: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("reports/bos-2020/nl/plan.json")).unwrap(),
    )
    .unwrap();
    let hours: BTreeMap<u64, f64> = plan["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["school_year"] == "2021-2022")
        .map(|m| (m["slot"].as_u64().unwrap(), m["hours"].as_f64().unwrap()))
        .collect();
    let mut people = BTreeSet::new();
    let mut total = 0.0;
    for (slot, list) in attendance_lists() {
        let text = std::fs::read_to_string(list).unwrap();
        for line in text
            .lines()
            .skip(1)
            .filter(|l| l.trim_end().ends_with(";ja"))
        {
            people.insert(line.split(';').nth(1).unwrap().to_lowercase());
            total += hours[&u64::from(slot)];
        }
    }
    let out_dir = dir.path().join("certificates");
    let db = dir.path().join("r.db").display().to_string();
    let args = [
        "certificates",
        "--db",
        &db,
        "--year",
        "2021-2022",
        "--out",
        out_dir.to_str().unwrap(),
    ];
    let said = peiling_in(dir.path(), &args).ok();
    // Dutch decimals, and a whole number without them ("180", "177,5").
    let total = format!("{total:.1}").replace('.', ",");
    let expected = format!(
        "{} certificates for school year 2021-2022 ({} hours in all)",
        people.len(),
        total.strip_suffix(",0").unwrap_or(&total)
    );
    assert!(said.starts_with(&expected), "{said} vs {expected}");
    for name in ["certificaat-0002.html", "certificaat-0029.html"] {
        let committed = repo().join("reports/certificates-2021-2022").join(name);
        assert_eq!(
            std::fs::read_to_string(&committed).ok(),
            Some(std::fs::read_to_string(out_dir.join(name)).unwrap()),
            "{} is out of date: run scripts/regenerate-reports.sh and commit the result",
            committed.display()
        );
    }
}

/// One count everywhere: the report's "Wie kwamen er?" table gives, per meeting, the
/// same registered / came / absent numbers as `peiling records list`.
#[test]
fn the_report_shows_the_turnout_that_records_list_counts() {
    let dir = tempfile::tempdir().unwrap();
    fill(dir.path());
    let db = dir.path().join("r.db").display().to_string();
    let list = peiling_in(dir.path(), &["records", "--db", &db, "list"]).ok();
    // activity  date  title...  hours registered attended no-shows
    let listed: Vec<(String, [String; 3])> = list
        .lines()
        .filter(|l| l.starts_with("2021-2022-"))
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let n = f.len();
            (
                f[1].to_string(),
                [f[n - 3], f[n - 2], f[n - 1]].map(String::from),
            )
        })
        .filter(|(_, c)| c[0] != "0" || c[1] != "0")
        .collect();
    let out = dir.path().join("rep");
    peiling_in(
        dir.path(),
        &["report", "--records", &db, "--out", out.to_str().unwrap()],
    )
    .ok();
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    let section = md
        .split("## Wie kwamen er?")
        .nth(1)
        .expect("the turnout section");
    let rows: Vec<Vec<&str>> = section
        .lines()
        .take_while(|l| !l.starts_with("## "))
        .filter(|l| l.contains(" donderdag "))
        .map(|l| l.split('|').map(str::trim).collect())
        .collect();
    assert_eq!(rows.len(), listed.len(), "{section}");
    for (row, (_, counts)) in rows.iter().zip(&listed) {
        // | title | date | expected | registered | came | absent | walk-ins |
        assert_eq!(
            [row[4], row[5], row[6]],
            [&counts[0], &counts[1], &counts[2]].map(|s| s.as_str())
        );
    }
    // Names never reach the report.
    let signups = std::fs::read_to_string(dataset().join("aanmeldingen.csv")).unwrap();
    for line in signups.lines().skip(1) {
        let name = line.split(';').nth(5).unwrap();
        assert!(!md.contains(name), "{name} in the report");
    }
}
