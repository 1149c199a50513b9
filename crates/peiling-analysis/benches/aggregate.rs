//! Aggregation by the one engine: a loaded survey fed through the accumulator against
//! the streamed export, on 20,000 synthetic WPB rows, with and without a cross-tab;
//! and one question (a multi-select with themes) on its own.

use criterion::{criterion_group, criterion_main, Criterion};
use peiling_analysis::stream::analyze_streaming;
use peiling_analysis::{analyze, AnalysisOptions};
use peiling_survey::export::{ExportOptions, ExportStyle};
use peiling_survey::synth::{SynthOptions, Synthesizer};
use peiling_survey::{
    import, DataSource, ImportOptions, Part, PlannedPart, Questionnaire, Survey, SurveyPlan,
};

/// The bundled survey reduced to its WPB part with `rows` synthetic responses, loaded
/// and planned, for `questionnaire` (the whole WPB one, or a part of it).
fn inputs(rows: u64, questionnaire: Option<Questionnaire>) -> (Survey, SurveyPlan) {
    let bundled = Survey::bundled(&ImportOptions::default()).unwrap();
    let part = bundled.part("wpb").unwrap();
    let bytes = Synthesizer::new(&part.data)
        .write(
            ExportOptions::new(ExportStyle::MsFormsNl),
            Vec::new(),
            SynthOptions {
                rows,
                seed: 1,
                messy: 0.02,
            },
            |_| {},
        )
        .unwrap();
    let q = questionnaire.unwrap_or_else(|| part.questionnaire().clone());
    let data = import(&q, "wpb.csv", &bytes, &ImportOptions::default()).unwrap();
    let plan = SurveyPlan {
        id: bundled.id.clone(),
        title: bundled.title.clone(),
        title_en: None,
        partnership: None,
        edition: None,
        about: Default::default(),
        parts: vec![PlannedPart {
            questionnaire: q,
            population: None,
            file: "wpb.csv".into(),
            data: DataSource::Memory(bytes),
        }],
    };
    let survey = Survey {
        parts: vec![Part {
            population: None,
            data,
        }],
        ..bundled
    };
    (survey, plan)
}

fn aggregate_bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("analyze_wpb_20k");
    group.sample_size(10);
    let (survey, plan) = inputs(20_000, None);
    let by = AnalysisOptions {
        by: Some("leeftijd".into()),
        ..AnalysisOptions::default()
    };
    for (name, opts) in [("all", AnalysisOptions::default()), ("by_leeftijd", by)] {
        group.bench_function(format!("{name}/loaded"), |b| {
            b.iter(|| analyze(&survey, &opts).unwrap())
        });
        group.bench_function(format!("{name}/streamed_with_import"), |b| {
            b.iter(|| {
                analyze_streaming(&plan, &ImportOptions::default(), &opts, &mut |_, _| {})
                    .unwrap()
                    .unwrap()
            })
        });
    }
    group.finish();

    // One question: the themes multi-select (with the question its condition reads).
    let full = Survey::bundled(&ImportOptions::default()).unwrap();
    let mut one = full.part("wpb").unwrap().questionnaire().clone();
    one.questions
        .retain(|q| q.id == "thema" || q.id == "behoefte");
    for q in &mut one.questions {
        q.required = false;
    }
    let (survey, plan) = inputs(20_000, Some(one));
    let opts = AnalysisOptions::default();
    let mut group = c.benchmark_group("one_question_20k");
    group.sample_size(10);
    group.bench_function("loaded", |b| b.iter(|| analyze(&survey, &opts).unwrap()));
    group.bench_function("streamed_with_import", |b| {
        b.iter(|| {
            analyze_streaming(&plan, &ImportOptions::default(), &opts, &mut |_, _| {})
                .unwrap()
                .unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, aggregate_bench);
criterion_main!(benches);
