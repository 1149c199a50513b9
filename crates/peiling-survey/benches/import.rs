//! Parsing and matching answers: the whole-file import (a `Response` per row, an
//! `Answer` per cell) against the streamed import (a dictionary lookup per cell).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use peiling_survey::export::{ExportOptions, ExportStyle};
use peiling_survey::import::stream::stream_csv;
use peiling_survey::synth::{SynthOptions, Synthesizer};
use peiling_survey::{import, ImportOptions, Survey};

fn import_bench(c: &mut Criterion) {
    let survey = Survey::bundled(&ImportOptions::default()).unwrap();
    let part = survey.part("wpb").unwrap();
    let q = part.questionnaire();
    let opts = ImportOptions::default();
    let mut group = c.benchmark_group("import_wpb_20k");
    group.sample_size(10);
    for (name, style) in [
        ("msforms", ExportStyle::MsFormsNl),
        ("limesurvey", ExportStyle::LimeSurvey),
    ] {
        let bytes = Synthesizer::new(&part.data)
            .write(
                ExportOptions::new(style),
                Vec::new(),
                SynthOptions {
                    rows: 20_000,
                    seed: 1,
                    messy: 0.02,
                },
                |_| {},
            )
            .unwrap();
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(format!("{name}/whole_file"), |b| {
            b.iter(|| import(q, "x.csv", &bytes, &opts).unwrap().responses.len())
        });
        group.bench_function(format!("{name}/streamed"), |b| {
            b.iter(|| {
                let mut rows = 0usize;
                stream_csv(
                    q,
                    "x.csv",
                    bytes.as_slice(),
                    &opts,
                    &mut |_| {},
                    &mut |_, _| rows += 1,
                )
                .unwrap();
                rows
            })
        });
    }
    group.finish();
}

criterion_group!(benches, import_bench);
criterion_main!(benches);
