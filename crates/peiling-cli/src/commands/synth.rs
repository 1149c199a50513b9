//! `peiling synth`: synthetic responses, streamed to a file with a progress bar.

use std::io::{BufWriter, Write};

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use peiling_survey::export::{ExportError, ExportOptions, ExportStyle};
use peiling_survey::synth::{SynthOptions, Synthesizer};

use crate::args::{SynthArgs, SynthFormat};
use crate::load;
use crate::output::{self, FileOut, Privacy};
use crate::status::user;

/// The most responses `synth -n` writes: ten times the largest benchmark, about 40 GB.
pub const MAX_ROWS: u64 = 100_000_000;

pub fn run(args: &SynthArgs) -> Result<()> {
    if args.n > MAX_ROWS {
        return Err(user(format!(
            "-n {}: expected at most {MAX_ROWS} responses (100 million)",
            args.n
        )));
    }
    if !(0.0..=1.0).contains(&args.messy) {
        return Err(user(format!(
            "--messy {}: expected a share from 0 to 1",
            args.messy
        )));
    }
    let source = args.source.survey_args();
    super::refuse_input(&args.out, &source)?;
    let out = output::file(&args.out, Privacy::Public)?;
    let survey = load::survey(&source)?;
    let part = match &args.part {
        Some(id) => survey.part(id).ok_or_else(|| {
            user(format!(
                "--part {id}: the survey has {}",
                survey
                    .parts
                    .iter()
                    .map(|p| p.questionnaire().id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?,
        None => survey
            .parts
            .iter()
            .max_by_key(|p| p.data.responses.len())
            .ok_or_else(|| user("the survey has no parts"))?,
    };
    if part.data.responses.is_empty() {
        return Err(user(format!(
            "questionnaire \"{}\" has no responses to draw from",
            part.questionnaire().id
        )));
    }
    let style = match args.style {
        SynthFormat::Msforms => ExportStyle::MsFormsNl,
        SynthFormat::MsformsEn => ExportStyle::MsFormsEn,
        SynthFormat::Google => ExportStyle::GoogleForms,
        SynthFormat::Limesurvey => ExportStyle::LimeSurvey,
    };
    let bar = ProgressBar::new(args.n);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} responses ({eta} left)")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let (file, staged) = out.open()?;
    let result = Synthesizer::new(&part.data).write(
        ExportOptions::new(style),
        BufWriter::with_capacity(1 << 20, file),
        SynthOptions {
            rows: args.n,
            seed: args.seed,
            messy: args.messy,
        },
        |n| bar.set_position(n),
    );
    bar.finish_and_clear();
    // Dropping `staged` on an error removes the temporary file.
    let mut writer = result.map_err(|e| export_error(&out, e))?;
    writer.flush().map_err(|e| out.error(e))?;
    let file = writer.into_inner().map_err(|e| out.error(e.into_error()))?;
    file.sync_all().or_else(|e| match e.kind() {
        // A pipe or a device cannot be synced; it was written.
        std::io::ErrorKind::InvalidInput => Ok(()),
        _ => Err(out.error(e)),
    })?;
    output::commit(vec![staged])?;
    eprintln!(
        "wrote {} synthetic {} responses to {}",
        args.n,
        part.questionnaire().audience,
        args.out.display()
    );
    Ok(())
}

/// A write error in the middle of the export, such as a full disk, in plain words.
fn export_error(out: &FileOut, e: ExportError) -> anyhow::Error {
    match e {
        ExportError::Io(io) => out.error(io),
        ExportError::Csv(csv) if csv.is_io_error() => match csv.into_kind() {
            csv::ErrorKind::Io(io) => out.error(io),
            other => anyhow::anyhow!("writing the export: {other:?}"),
        },
        other => other.into(),
    }
}
