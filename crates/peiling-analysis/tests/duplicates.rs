//! Dropping second submissions (keep-first, keep-last) and strict mode on the streamed
//! path: a first pass finds the second submissions, the second leaves the dropped rows
//! out. The import's accounting is that of the whole-file import, field by field; the
//! rows dropped are recounted here from the export itself; the summary is the whole-file
//! one, and byte-identical on 1, 2, 3 and 7 chunks. Respondents are found by e-mail
//! address (capitals do not count) and by id, within and across chunks.

use std::collections::{BTreeSet, HashMap};

use peiling_analysis::merge::{OneByOne, Threads};
use peiling_analysis::stream::analyze_streaming_on;
use peiling_analysis::{analyze, AnalysisOptions, Filter, Summary};
use peiling_survey::export::{ExportOptions, ExportStyle};
use peiling_survey::import::stream_part;
use peiling_survey::synth::{SynthOptions, Synthesizer};
use peiling_survey::{
    import, DataSource, DuplicatePolicy, ImportOptions, Part, PlannedPart, Survey, SurveyPlan,
};
use serde_json::Value;

/// A Microsoft Forms export of a bundled part: two synthetic exports one after the
/// other (so every id comes twice, the second time in a later chunk), broken rows in
/// between, and an e-mail address on every fifth row (one of 40, in mixed capitals).
fn export(part: &Part, rows: u64, seed: u64, messy: f64) -> Vec<u8> {
    let synth = |seed: u64| {
        Synthesizer::new(&part.data)
            .write(
                ExportOptions::new(ExportStyle::MsFormsNl),
                Vec::new(),
                SynthOptions { rows, seed, messy },
                |_| {},
            )
            .unwrap()
    };
    let mut records: Vec<Vec<String>> = Vec::new();
    for (i, bytes) in [synth(seed), synth(seed + 100)].iter().enumerate() {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(bytes.as_slice());
        for (r, record) in reader.records().enumerate() {
            let mut fields: Vec<String> = record.unwrap().iter().map(str::to_string).collect();
            if r == 0 {
                if i == 0 {
                    records.push(fields);
                }
                continue;
            }
            let id: usize = fields[0].parse().unwrap();
            if id % 5 == 0 {
                let name = if id % 2 == 0 { "Persoon" } else { "persoon" };
                fields[3] = format!("{name}{}@School.nl", id % 40);
            }
            records.push(fields);
        }
        let width = records[0].len();
        records.push(vec![String::new(); width]);
        records.push(vec!["???".to_string(); width]);
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    for r in &records {
        writer.write_record(r).unwrap();
    }
    writer.into_inner().unwrap()
}

fn opts(policy: DuplicatePolicy, strict: bool) -> ImportOptions {
    ImportOptions {
        duplicates: policy,
        strict,
        ..ImportOptions::default()
    }
}

/// The bundled survey's parts as such exports, planned (streamed) and loaded whole.
fn survey(rows: u64, messy: f64, import_opts: &ImportOptions) -> (SurveyPlan, Option<Survey>) {
    let bundled = Survey::bundled(&ImportOptions::default()).unwrap();
    let mut plan = SurveyPlan::bundled().unwrap();
    let mut parts = Vec::new();
    let mut failed = false;
    for (i, (part, planned)) in bundled.parts.iter().zip(&mut plan.parts).enumerate() {
        let bytes = export(part, rows, 11 + i as u64, messy);
        planned.file = format!("dup-{}.csv", planned.questionnaire.id);
        match import(part.questionnaire(), &planned.file, &bytes, import_opts) {
            Ok(data) => parts.push(Part {
                population: part.population,
                data,
            }),
            Err(_) => failed = true,
        }
        planned.data = DataSource::Memory(bytes);
    }
    let whole = (!failed).then_some(Survey { parts, ..bundled });
    (plan, whole)
}

/// The rows each policy drops, recounted from the export: per respondent (lower-case
/// e-mail address when it has an @, else the id) the accepted rows in file order; all
/// but the first or the last go.
fn recount(
    bytes: &[u8],
    not_responses: &BTreeSet<usize>,
    policy: DuplicatePolicy,
) -> BTreeSet<usize> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes);
    let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
    for record in reader.records() {
        let record = record.unwrap();
        // One record a line: the file row is the line number.
        let row = record.position().unwrap().line() as usize;
        if not_responses.contains(&row) {
            continue;
        }
        let email = record[3].trim().to_lowercase();
        let key = if email.contains('@') {
            format!("e-mail {email}")
        } else {
            format!("id {}", record[0].trim())
        };
        groups.entry(key).or_default().push(row);
    }
    let mut dropped = BTreeSet::new();
    for rows in groups.values() {
        let keep = match policy {
            DuplicatePolicy::KeepAll => continue,
            DuplicatePolicy::KeepFirst => rows[0],
            DuplicatePolicy::KeepLast => rows[rows.len() - 1],
        };
        dropped.extend(rows.iter().copied().filter(|&r| r != keep));
    }
    dropped
}

fn streamed(plan: &SurveyPlan, import: &ImportOptions, o: &AnalysisOptions, n: usize) -> String {
    let threads = Threads {
        count: n,
        runner: &OneByOne,
    };
    let summary = analyze_streaming_on(plan, import, o, threads, &mut |_, _| {})
        .unwrap()
        .expect("streamed, not loaded whole");
    serde_json::to_string_pretty(&summary).unwrap()
}

/// Equal JSON, floats to 1e-9 (the whole-file engine sums in another order).
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
            assert_eq!(x.keys().collect::<Vec<_>>(), y.keys().collect::<Vec<_>>());
            for (k, v) in x {
                same(v, &y[k], &format!("{path}.{k}"));
            }
        }
        _ => assert_eq!(a, b, "{path}"),
    }
}

#[test]
fn dropped_second_submissions_are_the_whole_file_import_s() {
    let keep_all = opts(DuplicatePolicy::KeepAll, false);
    for policy in [DuplicatePolicy::KeepFirst, DuplicatePolicy::KeepLast] {
        let import_opts = opts(policy, false);
        let (plan, whole) = survey(400, 0.2, &import_opts);
        let whole = whole.expect("imports");
        for (planned, part) in plan.parts.iter().zip(&whole.parts) {
            let mut progress = Vec::new();
            let report = stream_part(
                planned,
                &import_opts,
                &mut |n| progress.push(n),
                &mut |_, _| {},
            )
            .expect("streamed")
            .into_import_report();
            // Two passes, each counting for half: the bytes done only grow.
            assert!(progress.windows(2).all(|w| w[0] <= w[1]));
            let r = &part.data.report;
            assert_eq!(report.rows_read, r.rows_read);
            assert_eq!(report.rows_accepted, r.rows_accepted);
            assert_eq!(report.rejected, r.rejected);
            assert_eq!(report.problems, r.problems);
            assert_eq!(report.duplicates, r.duplicates);
            assert_eq!(report.tallies, r.tallies);
            assert_eq!(report.coercions, r.coercions);
            assert_eq!(report.last_submission, r.last_submission);
            // The rows dropped, recounted from the export.
            let DataSource::Memory(bytes) = &planned.data else {
                unreachable!()
            };
            let all = stream_part(planned, &keep_all, &mut |_| {}, &mut |_, _| {})
                .unwrap()
                .into_import_report();
            let not_responses: BTreeSet<usize> = all.rejected.iter().map(|r| r.row).collect();
            let dropped = recount(bytes, &not_responses, policy);
            assert!(dropped.len() > 100, "{} dropped", dropped.len());
            let rejected: BTreeSet<usize> = report.rejected.iter().map(|r| r.row).collect();
            assert_eq!(
                rejected,
                not_responses
                    .union(&dropped)
                    .copied()
                    .collect::<BTreeSet<_>>()
            );
            assert_eq!(report.rows_accepted, all.rows_accepted - dropped.len());
            assert!(report
                .duplicates
                .iter()
                .all(|d| d.kept != dropped.contains(&d.row)));
        }
        // The figures: the whole-file engine's, and the same on any number of chunks.
        for o in [
            AnalysisOptions::default(),
            AnalysisOptions {
                filters: vec!["opleiding=Ja".parse::<Filter>().unwrap()],
                by: Some("leeftijd".into()),
                ..AnalysisOptions::default()
            },
        ] {
            let one = streamed(&plan, &import_opts, &o, 1);
            let reference: Summary = analyze(&whole, &o).unwrap();
            same(
                &serde_json::from_str(&one).unwrap(),
                &serde_json::to_value(&reference).unwrap(),
                "summary",
            );
            for n in [2, 3, 7] {
                assert!(
                    streamed(&plan, &import_opts, &o, n) == one,
                    "{policy:?}: {n} chunks differ from one"
                );
            }
        }
    }
}

#[test]
fn strict_mode_streams_and_fails_with_the_whole_file_import_s_error() {
    for (messy, policy) in [
        (0.2, DuplicatePolicy::KeepAll),
        (0.2, DuplicatePolicy::KeepLast),
        // Clean answers: the first finding is a rejected (broken) row.
        (0.0, DuplicatePolicy::KeepFirst),
    ] {
        let import_opts = opts(policy, true);
        let (plan, whole) = survey(300, messy, &import_opts);
        assert!(whole.is_none(), "strict mode refuses these exports");
        let planned = &plan.parts[0];
        let DataSource::Memory(bytes) = &planned.data else {
            unreachable!()
        };
        let expected = import(&planned.questionnaire, &planned.file, bytes, &import_opts)
            .unwrap_err()
            .to_string();
        for n in [1, 3] {
            let threads = Threads {
                count: n,
                runner: &OneByOne,
            };
            let err = analyze_streaming_on(
                &plan,
                &import_opts,
                &AnalysisOptions::default(),
                threads,
                &mut |_, _| {},
            )
            .expect_err("strict");
            assert_eq!(err.to_string(), expected, "{n} chunks");
        }
        let report = stream_part(planned, &import_opts, &mut |_| {}, &mut |_, _| {}).unwrap();
        assert_eq!(report.strict_error().unwrap().to_string(), expected);
    }
}

#[test]
fn an_unknown_policy_pass_gives_way() {
    // Streaming with a policy that drops rows but without the first pass's decision
    // would keep them: the plain stream refuses.
    let plan = SurveyPlan::bundled().unwrap();
    let planned: &PlannedPart = &plan.parts[0];
    let DataSource::Memory(bytes) = &planned.data else {
        unreachable!()
    };
    let o = opts(DuplicatePolicy::KeepFirst, false);
    let plain = peiling_survey::import::stream::stream_csv(
        &planned.questionnaire,
        &planned.file,
        bytes.as_slice(),
        &o,
        &mut |_| {},
        &mut |_, _| {},
    );
    assert!(plain.is_none());
    assert!(stream_part(planned, &o, &mut |_| {}, &mut |_, _| {}).is_some());
}
