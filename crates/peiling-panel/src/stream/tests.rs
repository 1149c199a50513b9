//! The streamed tidy rows against the rows of the survey loaded whole: the same file,
//! byte for byte, over several blocks, with second submissions dropped and rejected
//! rows; and the same counts for a trend.

use std::path::{Path, PathBuf};

use peiling_survey::{DuplicatePolicy, ImportOptions, Survey, SurveyPlan};
use polars::prelude::*;

use super::*;
use crate::counts::EditionCounts;
use crate::series::Series;
use crate::write::{Format, TidyWriter};

fn datasets() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../datasets")
}

/// The BOS 2020 survey with its WPB export repeated `copies` times (the same
/// respondents again: second submissions) and a row that cannot be read in between.
fn repeated(dir: &Path, copies: usize) {
    let src = datasets().join("bos-2020");
    for f in ["survey.toml", "so.toml", "so.csv", "wpb.toml"] {
        std::fs::copy(src.join(f), dir.join(f)).unwrap();
    }
    let wpb = std::fs::read_to_string(src.join("wpb.csv")).unwrap();
    let (header, body) = wpb.split_once('\n').unwrap();
    let mut out = format!("{header}\n");
    for k in 0..copies {
        out.push_str(body);
        if k == copies / 2 {
            out.push_str("only,three,cells\n");
        }
    }
    std::fs::write(dir.join("wpb.csv"), out).unwrap();
}

/// The CSV of the frame's columns, written here from the frame (not by the crate's
/// CSV writer): what the export must be.
fn reference_csv(tidy: &Tidy) -> Vec<u8> {
    let df = tidy.frame().unwrap();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(crate::tidy::COLUMNS).unwrap();
    let cols: Vec<Vec<String>> = crate::tidy::COLUMNS
        .iter()
        .map(|c| {
            let s = df.column(c).unwrap().as_materialized_series().clone();
            match s.dtype() {
                DataType::String => s
                    .str()
                    .unwrap()
                    .iter()
                    .map(|v| v.unwrap_or("").to_string())
                    .collect(),
                DataType::UInt32 => s
                    .u32()
                    .unwrap()
                    .iter()
                    .map(|v| v.map(|v| v.to_string()).unwrap_or_default())
                    .collect(),
                DataType::Float64 => s
                    .f64()
                    .unwrap()
                    .iter()
                    .map(|v| v.map(|v| v.to_string()).unwrap_or_default())
                    .collect(),
                other => panic!("column {c}: {other:?}"),
            }
        })
        .collect();
    for i in 0..df.height() {
        w.write_record(cols.iter().map(|c| c[i].as_str())).unwrap();
    }
    w.into_inner().unwrap()
}

/// The export as `peiling export` streams it, and the number of blocks.
fn streamed_csv(path: &Path, opts: &ImportOptions) -> (Vec<u8>, usize, Streamed) {
    let plan = SurveyPlan::load(path).unwrap();
    let mut bytes = Vec::new();
    let mut blocks = 0;
    let mut w = TidyWriter::new(&mut bytes, Format::Csv).unwrap();
    let done = stream(&plan, opts, &mut |block| {
        blocks += 1;
        assert!(
            block.rows.len() < BLOCK_ROWS + 200,
            "a block of {}",
            block.rows.len()
        );
        w.write(block)
    })
    .unwrap()
    .expect("streamable");
    w.finish().unwrap();
    (bytes, blocks, done)
}

#[test]
fn streamed_blocks_are_the_rows_of_the_loaded_survey_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    repeated(dir.path(), 40);
    for duplicates in [DuplicatePolicy::KeepAll, DuplicatePolicy::KeepFirst] {
        let opts = ImportOptions {
            duplicates,
            ..ImportOptions::default()
        };
        let survey = Survey::load(dir.path(), &opts).unwrap();
        let wpb = survey.part("wpb").unwrap();
        // 40 copies of 63 rows and one unreadable row; keeping the first submission
        // drops the 39 later copies.
        let (rejected, accepted) = match duplicates {
            DuplicatePolicy::KeepFirst => (1 + 39 * 63, 63),
            _ => (1, 40 * 63),
        };
        assert_eq!(wpb.data.report.rows_rejected(), rejected);
        assert_eq!(wpb.data.responses.len(), accepted);
        let whole = Tidy::from_survey(&survey);
        let (bytes, blocks, done) = streamed_csv(dir.path(), &opts);
        if duplicates == DuplicatePolicy::KeepAll {
            assert!(blocks >= 2, "{blocks} block(s) of {} rows", whole.len());
        }
        assert_eq!(done.rows, whole.len());
        let respondents: Vec<u32> = done.tidy.parts.iter().map(|p| p.respondents).collect();
        let accepted: Vec<u32> = survey
            .parts
            .iter()
            .map(|p| p.data.responses.len() as u32)
            .collect();
        assert_eq!(respondents, accepted);
        assert!(
            bytes == reference_csv(&whole),
            "{duplicates:?}: the streamed CSV differs"
        );
        let mut own = Vec::new();
        whole.write_csv(&mut own).unwrap();
        assert!(bytes == own);
    }
}

#[test]
fn the_bundled_surveys_stream_to_the_same_file() {
    for survey in ["bos-2020", "bos-2021-synthetic", "bos-2022-synthetic"] {
        let path = datasets().join(survey);
        let opts = ImportOptions::default();
        let whole = Tidy::from_survey(&Survey::load(&path, &opts).unwrap());
        let (bytes, blocks, _) = streamed_csv(&path, &opts);
        assert_eq!(blocks, 1);
        assert!(bytes == reference_csv(&whole), "{survey}");
    }
}

fn same_counts(a: &EditionCounts, b: &EditionCounts) {
    assert_eq!((a.year, &a.survey), (b.year, &b.survey));
    assert!(
        a.by_label.equals_missing(&b.by_label),
        "{}\n{}",
        a.by_label,
        b.by_label
    );
    assert!(a.by_question.equals_missing(&b.by_question));
    let themes = |e: &EditionCounts| format!("{:?}", e.themes);
    assert_eq!(themes(a), themes(b));
    assert!(a.by_label.height() > 0 && !a.themes.is_empty());
}

#[test]
fn an_edition_counted_as_it_streams_has_the_counts_of_the_loaded_survey() {
    let series = Series::load(&datasets().join("bos-series")).unwrap();
    let opts = ImportOptions::default();
    for e in &series.editions {
        let streamed = EditionCounts::of_edition(&series, e, &opts).unwrap();
        let survey = Survey::load(&e.path, &opts).unwrap();
        same_counts(
            &streamed,
            &EditionCounts::of_survey(&series, e.year, &survey).unwrap(),
        );
    }
    // Over several blocks, second submissions and a rejected row included.
    let dir = tempfile::tempdir().unwrap();
    repeated(dir.path(), 40);
    let text = format!(
        "id = \"x\"\ntitle = \"X\"\n[[edition]]\nyear = 2020\nsurvey = \"{}\"\n",
        dir.path().display()
    );
    let series = Series::parse("series.toml", &text, Path::new("/")).unwrap();
    let streamed = EditionCounts::of_edition(&series, &series.editions[0], &opts).unwrap();
    let survey = Survey::load(dir.path(), &opts).unwrap();
    same_counts(
        &streamed,
        &EditionCounts::of_survey(&series, 2020, &survey).unwrap(),
    );
}
