//! The two readers of an export (streamed CSV blocks, and the whole file read into a
//! table) feed the one row checker and the one engine the same rows: the same `Summary`
//! on synthetic surveys of 5,000 rows with messy spellings and broken rows, in every
//! export style (Microsoft Forms' meta columns, Google Forms, LimeSurvey's option
//! columns), with and without --by and --where. The figures themselves are checked by
//! the oracle (tests/oracle.rs). Floats may differ in the last bits (1e-9 relative).

use peiling_analysis::stream::analyze_streaming;
use peiling_analysis::{analyze, AnalysisOptions, Filter, Summary};
use peiling_survey::export::{ExportOptions, ExportStyle};
use peiling_survey::synth::{SynthOptions, Synthesizer};
use peiling_survey::{import, DataSource, ImportOptions, Part, PlannedPart, Survey, SurveyPlan};
use serde_json::Value;

fn same(a: &Value, b: &Value, path: &str) {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            let tol = 1e-9 * x.abs().max(y.abs()).max(1.0);
            assert!((x - y).abs() <= tol, "{path}: {x} != {y}");
        }
        (Value::Array(x), Value::Array(y)) => {
            assert_eq!(x.len(), y.len(), "{path}: lengths differ");
            for (i, (x, y)) in x.iter().zip(y).enumerate() {
                same(x, y, &format!("{path}[{i}]"));
            }
        }
        (Value::Object(x), Value::Object(y)) => {
            let kx: Vec<_> = x.keys().collect();
            let ky: Vec<_> = y.keys().collect();
            assert_eq!(kx, ky, "{path}: keys differ");
            for (k, v) in x {
                same(v, &y[k], &format!("{path}.{k}"));
            }
        }
        _ => assert_eq!(a, b, "{path}"),
    }
}

fn assert_same(stream: &Summary, reference: &Summary) {
    same(
        &serde_json::to_value(stream).unwrap(),
        &serde_json::to_value(reference).unwrap(),
        "summary",
    );
}

fn opts(filters: &[&str], by: Option<&str>) -> AnalysisOptions {
    AnalysisOptions {
        filters: filters
            .iter()
            .map(|f| f.parse::<Filter>().unwrap())
            .collect(),
        by: by.map(str::to_string),
        ..AnalysisOptions::default()
    }
}

fn streamed(plan: &SurveyPlan, o: &AnalysisOptions) -> Summary {
    analyze_streaming(plan, &ImportOptions::default(), o, &mut |_, _| {})
        .unwrap()
        .expect("streamable")
}

/// A synthetic survey of both bundled parts in one export style, with broken rows
/// (empty, a field too many, an unreadable answer) appended.
fn synthetic(style: ExportStyle, rows: u64, seed: u64) -> (Survey, SurveyPlan) {
    let bundled = Survey::bundled(&ImportOptions::default()).unwrap();
    let mut parts = Vec::new();
    let mut planned = Vec::new();
    for (i, part) in bundled.parts.iter().enumerate() {
        let mut bytes = Synthesizer::new(&part.data)
            .write(
                ExportOptions::new(style),
                Vec::new(),
                SynthOptions {
                    rows,
                    seed: seed + i as u64,
                    messy: 0.2,
                },
                |_| {},
            )
            .unwrap();
        let width = String::from_utf8_lossy(&bytes)
            .lines()
            .next()
            .map_or(0, |h| {
                csv::ReaderBuilder::new()
                    .has_headers(false)
                    .from_reader(h.as_bytes())
                    .records()
                    .next()
                    .unwrap()
                    .unwrap()
                    .len()
            });
        let sep = ",".repeat(width - 1);
        bytes.extend_from_slice(format!("{sep}\r\n{sep},x\n").as_bytes());
        // Every cell "???": unreadable for choices, "unknown" for numbers.
        bytes.extend_from_slice(format!("{}\n", vec!["???"; width].join(",")).as_bytes());
        let q = part.questionnaire();
        let file = format!("synth-{}.csv", q.id);
        let data = import(q, &file, &bytes, &ImportOptions::default()).unwrap();
        parts.push(Part {
            population: part.population,
            data,
        });
        planned.push(PlannedPart {
            questionnaire: q.clone(),
            population: part.population,
            file,
            data: DataSource::Memory(bytes),
        });
    }
    let survey = Survey { parts, ..bundled };
    let plan = SurveyPlan {
        id: survey.id.clone(),
        title: survey.title.clone(),
        title_en: survey.title_en.clone(),
        partnership: survey.partnership.clone(),
        edition: survey.edition.clone(),
        about: survey.about.clone(),
        parts: planned,
    };
    (survey, plan)
}

#[test]
fn synthetic_surveys_are_the_same_streamed() {
    for (style, seed) in [
        (ExportStyle::MsFormsNl, 7),
        (ExportStyle::GoogleForms, 8),
        (ExportStyle::LimeSurvey, 9),
    ] {
        let (survey, plan) = synthetic(style, 5_000, seed);
        assert!(survey
            .parts
            .iter()
            .all(|p| p.data.report.rows_rejected() >= 2));
        for o in [
            opts(&[], None),
            opts(&[], Some("leeftijd")),
            opts(&["opleiding=Ja"], Some("opleiding")),
        ] {
            assert_same(&streamed(&plan, &o), &analyze(&survey, &o).unwrap());
        }
    }
}

#[test]
fn unstreamable_input_gives_way_to_the_whole_file() {
    let plan = SurveyPlan::bundled().unwrap();
    // A sheet name: only a workbook has sheets, and the whole-file import says so.
    let mut sheet = ImportOptions::default();
    sheet.table.sheet = Some("Blad1".into());
    let r = analyze_streaming(&plan, &sheet, &opts(&[], None), &mut |_, _| {}).unwrap();
    assert!(r.is_none());
}
