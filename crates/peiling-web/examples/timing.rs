//! How long the page's work takes, natively: `cargo run --release -p peiling-web
//! --example timing` times `Workspace::report_html` on the bundled BOS 2020 survey and
//! on a synthetic export of 10,000 rows (`peiling synth -n 10000`), best of 3 each, on
//! a fresh workspace each time (a workspace keeps what it computed).

use std::time::{Duration, Instant};

use peiling_survey::export::{ExportOptions, ExportStyle};
use peiling_survey::survey::bundled_file;
use peiling_survey::synth::{SynthOptions, Synthesizer};
use peiling_survey::{ImportOptions, Survey};
use peiling_web::Workspace;

fn best_of_3(what: &str, mut job: impl FnMut() -> Result<usize, String>) -> Result<(), String> {
    let mut best = Duration::MAX;
    let mut bytes = 0;
    for _ in 0..3 {
        let start = Instant::now();
        bytes = job()?;
        best = best.min(start.elapsed());
    }
    println!(
        "{what}: {:.1} ms ({bytes} bytes)",
        best.as_secs_f64() * 1000.0
    );
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let bos = || -> Result<Workspace, String> {
        let mut ws = Workspace::new();
        ws.use_bundled("bos-2020")?;
        for name in ["wpb.csv", "so.csv"] {
            ws.add_file(name, bundled_file(name).unwrap_or_default().to_vec());
        }
        Ok(ws)
    };
    best_of_3("BOS 2020 report_html(nl, full)", || {
        Ok(bos()?.report_html("nl", "full")?.len())
    })?;
    best_of_3("BOS 2020 accounting", || Ok(bos()?.accounting("nl")?.len()))?;

    // 10,000 rows drawn from the bundled WPB answers, as `peiling synth -n 10000` does.
    let survey = Survey::bundled(&ImportOptions::default())?;
    let part = survey.part("wpb").ok_or("no wpb part")?;
    let options = SynthOptions {
        rows: 10_000,
        seed: 1,
        messy: 0.02,
    };
    let export = Synthesizer::new(&part.data).write(
        ExportOptions::new(ExportStyle::MsFormsNl),
        Vec::new(),
        options,
        |_| {},
    )?;
    let questionnaire = bundled_file("wpb.toml").ok_or("not bundled")?.to_vec();
    let big = || {
        let mut ws = Workspace::new();
        ws.add_file("wpb.toml", questionnaire.clone());
        ws.add_file("wpb.csv", export.clone());
        ws
    };
    println!("10,000 rows: {} bytes of CSV", export.len());
    best_of_3("10,000 rows report_html(nl, full)", || {
        Ok(big().report_html("nl", "full")?.len())
    })?;
    best_of_3("10,000 rows accounting", || {
        Ok(big().accounting("nl")?.len())
    })?;
    // The page asks for more than one thing: the second comes from what the first kept.
    let ws = big();
    let start = Instant::now();
    ws.report_html("nl", "full")?;
    ws.report_html("nl", "bijlage")?;
    ws.plan_json()?;
    println!(
        "10,000 rows report, bijlage and plan on one workspace: {:.1} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    Ok(())
}
