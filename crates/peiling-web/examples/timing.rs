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

fn best_of_3(what: &str, mut job: impl FnMut() -> usize) {
    let mut best = Duration::MAX;
    let mut bytes = 0;
    for _ in 0..3 {
        let start = Instant::now();
        bytes = job();
        best = best.min(start.elapsed());
    }
    println!("{what}: {:.3} s ({bytes} bytes)", best.as_secs_f64());
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut bos = Workspace::new();
    bos.use_bundled("bos-2020")?;
    for name in ["wpb.csv", "so.csv"] {
        bos.add_file(name, bundled_file(name).ok_or("not bundled")?.to_vec());
    }
    best_of_3("BOS 2020 report_html(nl, full)", || {
        bos.report_html("nl", "full").map_or(0, |h| h.len())
    });
    best_of_3("BOS 2020 accounting", || {
        bos.accounting("nl").map_or(0, |a| a.len())
    });

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
    let mut big = Workspace::new();
    big.add_file(
        "wpb.toml",
        bundled_file("wpb.toml").ok_or("not bundled")?.to_vec(),
    );
    big.add_file("wpb.csv", export);
    best_of_3("10,000 rows report_html(nl, full)", || {
        big.report_html("nl", "full").map_or(0, |h| h.len())
    });
    best_of_3("10,000 rows accounting", || {
        big.accounting("nl").map_or(0, |a| a.len())
    });
    Ok(())
}
