//! `--threads N`: the figures do not depend on the number of threads. `analyze --json`
//! and the report's Markdown are byte-identical on 1, 2, 3 and 7 threads, for the
//! bundled survey and for a synthetic export of 50,000 messy rows.

use std::path::Path;

use crate::common::{bundled, peiling, peiling_in};

const THREADS: [&str; 4] = ["1", "2", "3", "7"];

/// `analyze --json` and `report.md` of `survey` (the flags that name it) per thread count.
fn outputs(dir: &Path, survey: &[&str]) -> Vec<(String, String)> {
    THREADS
        .iter()
        .map(|n| {
            let mut analyze = vec!["analyze", "--json", "--threads", n];
            analyze.extend_from_slice(survey);
            let json = peiling_in(dir, &analyze).ok();
            let out = dir.join(format!("report-{n}"));
            let out = out.to_str().unwrap();
            let mut report = vec!["report", "--no-plan", "--threads", n, "--out", out];
            report.extend_from_slice(survey);
            peiling_in(dir, &report).ok();
            let md = std::fs::read_to_string(dir.join(format!("report-{n}/report.md"))).unwrap();
            (json, md)
        })
        .collect()
}

fn all_the_same(outputs: &[(String, String)]) {
    let (json, md) = &outputs[0];
    assert!(json.contains("\"respondents\""));
    for (n, (j, m)) in THREADS.iter().zip(outputs) {
        assert!(
            j == json,
            "analyze --json on {n} threads differs from 1 thread"
        );
        assert!(m == md, "report.md on {n} threads differs from 1 thread");
    }
}

#[test]
fn the_bundled_survey_is_the_same_on_any_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    let bundled = bundled();
    all_the_same(&outputs(dir.path(), &[bundled.to_str().unwrap()]));
}

#[test]
fn fifty_thousand_rows_are_the_same_on_any_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("wpb-50k.csv");
    let csv = csv.to_str().unwrap();
    let args = [
        "synth", "--part", "wpb", "-n", "50000", "--seed", "5", "--messy", "0.05", "-o", csv,
    ];
    peiling_in(dir.path(), &args).ok();
    // Rejected rows in the middle and at the end, with their file rows to keep.
    let mut bytes = std::fs::read(csv).unwrap();
    let width = bytes
        .split(|&b| b == b'\n')
        .next()
        .unwrap()
        .iter()
        .filter(|&&b| b == b',')
        .count();
    let commas = ",".repeat(width);
    let middle = bytes.len() / 2
        + bytes[bytes.len() / 2..]
            .iter()
            .position(|&b| b == b'\n')
            .unwrap()
        + 1;
    bytes.splice(
        middle..middle,
        format!("{commas}\nkapot,rijtje\n").into_bytes(),
    );
    bytes.extend_from_slice(format!("{commas}\nkapot\n").as_bytes());
    std::fs::write(csv, bytes).unwrap();
    let q = bundled().join("wpb.toml");
    let survey = ["-q", q.to_str().unwrap(), "-d", csv];
    let outputs = outputs(dir.path(), &survey);
    all_the_same(&outputs);
    // The figures are those of all rows: every row is accounted for.
    let summary: serde_json::Value = serde_json::from_str(&outputs[0].0).unwrap();
    let part = &summary["parts"][0];
    assert_eq!(part["rows_read"], 50_004);
    assert!(part["rows_rejected"].as_u64().unwrap() >= 4);
}

#[test]
fn zero_threads_is_refused() {
    let run = peiling(&["analyze", "--threads", "0"]);
    assert_eq!(run.code(), 2);
    assert!(run.stderr().contains("--threads"), "{}", run.stderr());
}

/// Dropping second submissions streams in two passes, on any number of threads: the
/// same JSON and report on 1 and 3 threads as loaded whole would give, and the rows
/// dropped are the copies recounted here.
#[test]
fn dropped_second_submissions_are_the_same_on_any_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("wpb-dup.csv");
    let csv = csv.to_str().unwrap();
    let args = [
        "synth", "--part", "wpb", "-n", "8000", "--seed", "3", "--messy", "0", "-o", csv,
    ];
    peiling_in(dir.path(), &args).ok();
    // Every fourth row submitted again at the end (same id): 2,000 second submissions,
    // each in a later chunk than its first.
    let text = std::fs::read_to_string(csv).unwrap();
    let copies: Vec<&str> = text.lines().skip(1).step_by(4).collect();
    assert_eq!(copies.len(), 2000);
    let mut bytes = text.clone();
    for line in &copies {
        bytes.push_str(line);
        bytes.push('\n');
    }
    std::fs::write(csv, bytes).unwrap();
    let q = bundled().join("wpb.toml");
    let survey = ["-q", q.to_str().unwrap(), "-d", csv];
    for policy in ["keep-first", "keep-last"] {
        let mut json = Vec::new();
        for n in ["1", "3"] {
            let mut analyze = vec!["analyze", "--json", "--duplicates", policy, "--threads", n];
            analyze.extend_from_slice(&survey);
            json.push(peiling_in(dir.path(), &analyze).ok());
        }
        assert!(json[0] == json[1], "{policy}: 3 threads differ from 1");
        let summary: serde_json::Value = serde_json::from_str(&json[0]).unwrap();
        let part = &summary["parts"][0];
        assert_eq!(part["rows_read"], 10_000);
        assert_eq!(part["rows_rejected"], 2_000, "{policy}");
        assert_eq!(part["respondents"], 8_000, "{policy}");
        let mut validate = vec!["validate", "--duplicates", policy];
        validate.extend_from_slice(&survey);
        let out = peiling_in(dir.path(), &validate).ok();
        assert!(
            out.contains("rows: 10000 read, 8000 accepted, 2000 rejected"),
            "{out}"
        );
    }
    // keep-first drops the copies (rows 8002..), keep-last the first submissions.
    let rejects = dir.path().join("r.csv");
    let mut validate = vec![
        "validate",
        "--duplicates",
        "keep-last",
        "--rejects",
        rejects.to_str().unwrap(),
    ];
    validate.extend_from_slice(&survey);
    peiling_in(dir.path(), &validate).ok();
    let rejected = std::fs::read_to_string(&rejects).unwrap();
    let rows: Vec<usize> = rejected
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap().parse().unwrap())
        .collect();
    // The first submissions: data lines 0, 4, 8, ... are file rows 2, 6, 10, ...
    let expected: Vec<usize> = (0..2000).map(|k| 2 + 4 * k).collect();
    assert_eq!(rows, expected);
}
