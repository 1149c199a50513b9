//! Tests of the chunked analysis: cut into 2, 3 or 7 chunks (run one after another here;
//! the CLI runs them on threads) and merged, a survey gives the JSON of one reader,
//! byte for byte, on the bundled survey and on messy synthetic exports in every style,
//! in memory and from files, with and without --by and --where.

use std::sync::atomic::{AtomicUsize, Ordering};

use peiling_survey::export::{ExportOptions, ExportStyle};
use peiling_survey::synth::{SynthOptions, Synthesizer};
use peiling_survey::{DataSource, ImportOptions, PlannedPart, Survey, SurveyPlan};

use super::*;
use crate::stream::analyze_streaming_on;
use crate::Filter;

/// Runs the jobs one after another, counting them.
struct Counting(AtomicUsize);

impl Runner for Counting {
    fn run<'a>(&self, jobs: Vec<Box<dyn FnOnce() + Send + 'a>>) {
        self.0.fetch_add(jobs.len(), Ordering::Relaxed);
        OneByOne.run(jobs);
    }
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

fn json(plan: &SurveyPlan, o: &AnalysisOptions, threads: Threads<'_>) -> String {
    let summary = analyze_streaming_on(plan, &ImportOptions::default(), o, threads, &mut |_, _| {})
        .unwrap()
        .expect("streamable");
    serde_json::to_string_pretty(&summary).unwrap()
}

/// One reader against 2, 3 and 7 chunks; the chunks are really cut (jobs are run).
fn same_in_chunks(plan: &SurveyPlan, o: &AnalysisOptions) {
    let one = json(plan, o, Threads::one());
    for count in [2, 3, 7] {
        let runner = Counting(AtomicUsize::new(0));
        let threads = Threads {
            count,
            runner: &runner,
        };
        let chunked = json(plan, o, threads);
        assert!(runner.0.load(Ordering::Relaxed) >= 2 * plan.parts.len());
        if chunked != one {
            let line = one
                .lines()
                .zip(chunked.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            panic!(
                "{count} chunks differ at line {line}: {:?} against {:?}",
                one.lines().nth(line),
                chunked.lines().nth(line)
            );
        }
    }
}

fn option_sets() -> Vec<AnalysisOptions> {
    vec![
        opts(&[], None),
        opts(&[], Some("leeftijd")),
        opts(&["opleiding=Ja"], Some("opleiding")),
    ]
}

#[test]
fn the_bundled_survey_in_chunks() {
    let plan = SurveyPlan::bundled().unwrap();
    for o in option_sets() {
        same_in_chunks(&plan, &o);
    }
}

/// The bundled survey's parts as synthetic exports of `rows` rows in `style`, with
/// broken rows (empty, a field too many, unreadable answers) in the middle and at the end.
fn synthetic(style: ExportStyle, rows: u64, seed: u64) -> SurveyPlan {
    synthetic_as(ExportOptions::new(style), rows, seed)
}

/// [`synthetic`] written with `export`'s options (an encoding, a separator).
fn synthetic_as(export: ExportOptions, rows: u64, seed: u64) -> SurveyPlan {
    let bundled = Survey::bundled(&ImportOptions::default()).unwrap();
    let mut plan = SurveyPlan::bundled().unwrap();
    for (i, (part, planned)) in bundled.parts.iter().zip(&mut plan.parts).enumerate() {
        let synth = |seed: u64| {
            Synthesizer::new(&part.data)
                .write(
                    export,
                    Vec::new(),
                    SynthOptions {
                        rows,
                        seed,
                        messy: 0.2,
                    },
                    |_| {},
                )
                .unwrap()
        };
        let mut bytes = synth(seed + i as u64);
        let width = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(bytes.as_slice())
            .records()
            .next()
            .unwrap()
            .unwrap()
            .len();
        let sep = ",".repeat(width - 1);
        let broken = format!("{sep}\r\n{sep},x\n{}\n", vec!["???"; width].join(","));
        bytes.extend_from_slice(broken.as_bytes());
        // A second export's rows after the first's: new texts in later chunks.
        let second = synth(seed + 100 + i as u64);
        let body = second
            .iter()
            .position(|&b| b == b'\n')
            .map_or(&second[..], |p| &second[p + 1..]);
        bytes.extend_from_slice(body);
        bytes.extend_from_slice(broken.as_bytes());
        planned.file = format!("synth-{}.csv", planned.questionnaire.id);
        planned.data = DataSource::Memory(bytes);
    }
    plan
}

#[test]
fn synthetic_exports_in_chunks() {
    for (style, seed) in [
        (ExportStyle::MsFormsNl, 7),
        (ExportStyle::GoogleForms, 8),
        (ExportStyle::LimeSurvey, 9),
    ] {
        let plan = synthetic(style, 500, seed);
        for o in option_sets() {
            same_in_chunks(&plan, &o);
        }
    }
}

#[test]
fn exports_in_windows_1252_in_chunks() {
    let mut export = ExportOptions::new(ExportStyle::MsFormsNl);
    export.windows_1252 = true;
    let plan = synthetic_as(export, 500, 12);
    for o in option_sets() {
        same_in_chunks(&plan, &o);
    }
}

#[test]
fn exports_in_files_in_chunks() {
    let dir = std::env::temp_dir().join(format!("peiling-merge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut plan = synthetic(ExportStyle::MsFormsNl, 500, 3);
    for part in &mut plan.parts {
        let path = dir.join(&part.file);
        let DataSource::Memory(bytes) = &part.data else {
            unreachable!()
        };
        std::fs::write(&path, bytes).unwrap();
        part.data = DataSource::File(path);
    }
    same_in_chunks(&plan, &opts(&[], Some("leeftijd")));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn what_cannot_be_cut_is_read_whole() {
    // An export that does not stream (binary data in a file that is not UTF-8: the
    // control byte in one chunk, the line that is not UTF-8 in another) still gives
    // `None` in chunks, as whole.
    let mut plan = SurveyPlan::bundled().unwrap();
    let part: &mut PlannedPart = &mut plan.parts[0];
    let DataSource::Memory(bytes) = &mut part.data else {
        unreachable!()
    };
    let second = bytes.iter().position(|&b| b == b'\n').unwrap() + 1;
    bytes.insert(second, 0x02);
    bytes.extend_from_slice(b"\xE9\xE9\n");
    let threads = Threads {
        count: 4,
        runner: &OneByOne,
    };
    let o = opts(&[], None);
    let r = analyze_streaming_on(
        &plan,
        &ImportOptions::default(),
        &o,
        threads,
        &mut |_, _| {},
    );
    assert!(r.unwrap().is_none());
    // An option error is the one of the whole export.
    let plan = SurveyPlan::bundled().unwrap();
    let bad = opts(&[], Some("nergens"));
    let chunked = analyze_streaming_on(
        &plan,
        &ImportOptions::default(),
        &bad,
        threads,
        &mut |_, _| {},
    );
    let whole =
        crate::stream::analyze_streaming(&plan, &ImportOptions::default(), &bad, &mut |_, _| {});
    assert_eq!(
        chunked.unwrap_err().to_string(),
        whole.unwrap_err().to_string()
    );
}
