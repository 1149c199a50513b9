//! Report rendering: the bundled BOS 2020 summary to Markdown, HTML and SVG charts.

use criterion::{criterion_group, criterion_main, Criterion};
use peiling_analysis::{analyze, AnalysisOptions};
use peiling_report::{render, ReportOptions};
use peiling_survey::{ImportOptions, Survey};

fn render_bench(c: &mut Criterion) {
    let survey = Survey::bundled(&ImportOptions::default()).unwrap();
    let summary = analyze(&survey, &AnalysisOptions::default()).unwrap();
    let opts = ReportOptions::default();
    let mut group = c.benchmark_group("report_bos_2020");
    group.sample_size(10);
    group.bench_function("markdown_html_svg", |b| {
        b.iter(|| render(&summary, None, &opts).unwrap().len())
    });
    group.finish();
}

criterion_group!(benches, render_bench);
criterion_main!(benches);
