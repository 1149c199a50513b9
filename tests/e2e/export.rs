//! `peiling export`: the tidy data read back into a polars frame gives the counts of
//! `peiling analyze --json` for every question; bad output paths are one line, exit 2.

use std::collections::HashMap;
use std::path::Path;

use polars::prelude::*;
use serde_json::Value;

use crate::common::{peiling, peiling_in, repo};

/// The exported CSV as a polars frame (read with the csv crate: this build of polars
/// has no CSV reader), the columns the recount needs.
fn read(path: &Path) -> DataFrame {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (iq, iid, is, ir, ic, il) = (
        at("questionnaire"),
        at("question"),
        at("status"),
        at("respondent"),
        at("category"),
        at("label"),
    );
    let (mut q, mut id, mut st, mut resp, mut cat, mut lab) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for rec in r.records() {
        let rec = rec.unwrap();
        q.push(rec[iq].to_string());
        id.push(rec[iid].to_string());
        st.push(rec[is].to_string());
        resp.push(rec[ir].parse::<u32>().unwrap());
        cat.push((!rec[ic].is_empty()).then(|| rec[ic].parse::<u32>().unwrap()));
        lab.push((!rec[il].is_empty()).then(|| rec[il].to_string()));
    }
    df!(
        "questionnaire" => q,
        "question" => id,
        "status" => st,
        "respondent" => resp,
        "category" => cat,
        "label" => lab,
    )
    .unwrap()
}

fn strings(df: &DataFrame, name: &str) -> Vec<Option<String>> {
    df.column(name)
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .map(|s| s.map(str::to_string))
        .collect()
}

fn numbers(df: &DataFrame, name: &str) -> Vec<Option<u32>> {
    df.column(name)
        .unwrap()
        .cast(&DataType::UInt32)
        .unwrap()
        .u32()
        .unwrap()
        .iter()
        .collect()
}

/// Per (questionnaire, question, status): distinct respondents; per (questionnaire,
/// question, label): rows. Counted with a lazy group-by on the file read back.
#[allow(clippy::type_complexity)]
fn recount(
    df: &DataFrame,
) -> (
    HashMap<(String, String, String), u32>,
    HashMap<(String, String, String), u32>,
) {
    let by_status = df
        .clone()
        .lazy()
        .group_by([col("questionnaire"), col("question"), col("status")])
        .agg([col("respondent").n_unique().alias("n")])
        .collect()
        .unwrap();
    let by_label = df
        .clone()
        .lazy()
        .filter(col("category").is_not_null())
        .group_by([col("questionnaire"), col("question"), col("label")])
        .agg([len().alias("n")])
        .collect()
        .unwrap();
    let table = |t: &DataFrame, key: &str| {
        let q = strings(t, "questionnaire");
        let id = strings(t, "question");
        let k = strings(t, key);
        let n = numbers(t, "n");
        (0..t.height())
            .map(|i| {
                (
                    (
                        q[i].clone().unwrap(),
                        id[i].clone().unwrap(),
                        k[i].clone().unwrap_or_default(),
                    ),
                    n[i].unwrap(),
                )
            })
            .collect::<HashMap<_, _>>()
    };
    (table(&by_status, "status"), table(&by_label, "label"))
}

fn check_against_analyze(survey: &[&str], file: &Path, df: &DataFrame) {
    let mut args = vec!["analyze", "--json"];
    args.extend_from_slice(survey);
    let summary: Value = serde_json::from_str(&peiling(&args).ok()).unwrap();
    let (status, labels) = recount(df);
    let get = |m: &HashMap<(String, String, String), u32>, q: &str, id: &str, k: &str| {
        m.get(&(q.to_string(), id.to_string(), k.to_string()))
            .copied()
            .unwrap_or(0) as u64
    };
    let mut questions = 0;
    let mut categories = 0;
    for part in summary["parts"].as_array().unwrap() {
        let qn = part["questionnaire"].as_str().unwrap();
        let respondents = part["respondents"].as_u64().unwrap();
        for q in part["questions"].as_array().unwrap() {
            let id = q["id"].as_str().unwrap();
            let kind = q["kind"].as_str().unwrap();
            if kind == "personal" {
                let rows = ["answered", "geen antwoord"]
                    .iter()
                    .map(|s| get(&status, qn, id, s))
                    .sum::<u64>();
                assert_eq!(
                    rows,
                    0,
                    "{}: personal question {id} exported",
                    file.display()
                );
                continue;
            }
            let answered = ["answered", "n.v.t.", "unknown"]
                .iter()
                .map(|s| get(&status, qn, id, s))
                .sum::<u64>();
            assert_eq!(
                answered,
                q["answered"].as_u64().unwrap(),
                "{qn}.{id} answered"
            );
            assert_eq!(
                get(&status, qn, id, "geen antwoord"),
                q["no_answer"].as_u64().unwrap(),
                "{qn}.{id} no answer"
            );
            assert_eq!(
                get(&status, qn, id, "invalid"),
                q["invalid"].as_u64().unwrap(),
                "{qn}.{id} invalid"
            );
            assert_eq!(
                get(&status, qn, id, "not asked"),
                respondents - q["base"].as_u64().unwrap(),
                "{qn}.{id} not asked"
            );
            let detail = &q["detail"];
            if let Some(rows) = detail["rows"].as_array() {
                for row in rows {
                    let label = row["label"].as_str().unwrap();
                    assert_eq!(
                        get(&labels, qn, id, label),
                        row["count"].as_u64().unwrap(),
                        "{qn}.{id} {label}"
                    );
                    categories += 1;
                }
            }
            if let Some(na) = detail["not_applicable"].as_array() {
                let total: u64 = na.iter().map(|r| r["count"].as_u64().unwrap()).sum();
                assert_eq!(get(&status, qn, id, "n.v.t."), total, "{qn}.{id} n.v.t.");
            }
            questions += 1;
        }
    }
    assert!(questions > 0 && categories > 0);
}

#[test]
fn read_back_the_export_has_the_counts_of_analyze_for_every_question() {
    let dir = tempfile::tempdir().unwrap();
    for survey in [
        "datasets/bos-2020",
        "datasets/bos-2021-synthetic",
        "datasets/bos-2022-synthetic",
    ] {
        let path = repo().join(survey);
        let file = dir.path().join("tidy.csv");
        let run = peiling(&[
            "export",
            path.to_str().unwrap(),
            "-o",
            file.to_str().unwrap(),
        ]);
        run.ok();
        assert!(run.stderr().contains("rows"), "{}", run.stderr());
        let df = read(&file);
        check_against_analyze(&[path.to_str().unwrap()], &file, &df);
    }
}

#[test]
fn one_questionnaire_and_export_and_the_schemas_columns() {
    let dir = tempfile::tempdir().unwrap();
    let q = repo().join("datasets/bos-2020/wpb.toml");
    let d = repo().join("datasets/bos-2020/wpb.csv");
    let (q, d) = (q.to_str().unwrap(), d.to_str().unwrap());
    peiling_in(dir.path(), &["export", "-q", q, "-d", d, "-o", "t.csv"]).ok();
    let df = read(&dir.path().join("t.csv"));
    check_against_analyze(&["-q", q, "-d", d], Path::new("t.csv"), &df);
    // The columns of docs/tidy-schema.md, in order.
    let text = std::fs::read_to_string(dir.path().join("t.csv")).unwrap();
    let header = text.lines().next().unwrap();
    assert_eq!(
        header,
        "edition,survey,questionnaire,audience,respondent,question,question_text,kind,status,category,label,value"
    );
    // No name or e-mail address of the export reaches the file.
    let export = std::fs::read_to_string(d).unwrap();
    assert!(export.contains("@") && !text.contains('@'));
}

/// An export the import cannot stream (UTF-16) after one it can: the file starts again
/// from the survey loaded whole and is the same, byte for byte, as from UTF-8; strict
/// mode's error is the import's, and leaves no file.
#[test]
fn an_export_that_cannot_be_streamed_gives_the_same_file() {
    let dir = tempfile::tempdir().unwrap();
    let src = repo().join("datasets/bos-2020");
    let copy = dir.path().join("utf16");
    std::fs::create_dir(&copy).unwrap();
    for f in ["survey.toml", "so.toml", "so.csv", "wpb.toml"] {
        std::fs::copy(src.join(f), copy.join(f)).unwrap();
    }
    // wpb is the second part: the first is streamed before the second gives way.
    let text = std::fs::read_to_string(src.join("wpb.csv")).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(copy.join("wpb.csv"), utf16).unwrap();
    let run = |survey: &Path, out: &str| {
        peiling_in(dir.path(), &["export", survey.to_str().unwrap(), "-o", out]).ok();
        std::fs::read(dir.path().join(out)).unwrap()
    };
    let utf8 = run(&src, "a.csv");
    assert!(utf8.len() > 1000);
    assert!(
        run(&copy, "b.csv") == utf8,
        "the UTF-16 export gives another file"
    );
    // Strict: a row that cannot be read is the import's error (the streamed pass only
    // finds it), as `validate --strict` words it, and no file is left.
    let bad = dir.path().join("bad");
    std::fs::create_dir(&bad).unwrap();
    for f in ["survey.toml", "so.toml", "so.csv", "wpb.toml"] {
        std::fs::copy(src.join(f), bad.join(f)).unwrap();
    }
    std::fs::write(bad.join("wpb.csv"), format!("{text}only,three,cells\n")).unwrap();
    let b = bad.to_str().unwrap();
    let err = peiling_in(dir.path(), &["export", b, "--strict", "-o", "c.csv"]).user_error();
    let validate = peiling(&["validate", b, "--strict"]).user_error();
    assert_eq!(err.lines().next(), validate.lines().next());
    assert!(err.contains("wpb.csv"), "{err}");
    assert!(!dir.path().join("c.csv").exists());
    // Without strict mode the row is set aside and the rest exported.
    peiling_in(dir.path(), &["export", b, "-o", "d.csv"]).ok();
}

#[cfg(not(feature = "parquet"))]
#[test]
fn parquet_without_the_feature_is_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let err = peiling_in(dir.path(), &["export", "-o", "t.parquet"]).user_error();
    assert!(err.contains("Parquet"), "{err}");
    assert!(!dir.path().join("t.parquet").exists());
}

#[test]
fn bad_output_paths_are_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let err = peiling_in(dir.path(), &["export", "-o", "tidy.xlsx"]).user_error();
    assert!(err.contains(".parquet or .csv"), "{err}");
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    let err = peiling_in(dir.path(), &["export", "-o", "ro/tidy.parquet"]).user_error();
    assert!(err.contains("ro"), "{err}");
    assert!(!ro.join("tidy.parquet").exists());
    std::fs::create_dir(dir.path().join("t.csv")).unwrap();
    peiling_in(dir.path(), &["export", "-o", "t.csv"]).user_error();
}

/// With the `parquet` feature (`cargo test -p peiling-cli --features parquet --test e2e
/// export`): the Parquet file read back with polars has the counts of `analyze` for every
/// question, and the same rows as the CSV export.
#[cfg(feature = "parquet")]
#[test]
fn parquet_read_back_has_the_counts_of_analyze_for_every_question() {
    let dir = tempfile::tempdir().unwrap();
    for survey in [
        "datasets/bos-2020",
        "datasets/bos-2021-synthetic",
        "datasets/bos-2022-synthetic",
    ] {
        let path = repo().join(survey);
        let parquet = dir.path().join("tidy.parquet");
        let csv = dir.path().join("tidy.csv");
        for file in [&parquet, &csv] {
            peiling(&[
                "export",
                path.to_str().unwrap(),
                "-o",
                file.to_str().unwrap(),
            ])
            .ok();
        }
        let df = peiling_panel::tidy::read_parquet(&parquet).unwrap();
        check_against_analyze(&[path.to_str().unwrap()], &parquet, &df);
        let rows = std::fs::read_to_string(&csv).unwrap().lines().count() - 1;
        assert_eq!(df.height(), rows, "{survey}: Parquet and CSV rows");
        // The columns of docs/tidy-schema.md, in order.
        let names: Vec<String> = df
            .get_column_names()
            .iter()
            .map(|n| n.to_string())
            .collect();
        assert_eq!(
            names.join(","),
            "edition,survey,questionnaire,audience,respondent,question,question_text,kind,status,category,label,value"
        );
    }
}
