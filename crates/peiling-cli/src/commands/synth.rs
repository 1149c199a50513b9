//! `peiling synth`: synthetic responses, streamed to a file with a progress bar.

use std::io::{BufWriter, Write};

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use peiling_survey::export::{ExportOptions, ExportStyle};
use peiling_survey::synth::{SynthOptions, Synthesizer};

use crate::args::{SynthArgs, SynthFormat};
use crate::load;
use crate::status::user;

pub fn run(args: &SynthArgs) -> Result<()> {
    if !(0.0..=1.0).contains(&args.messy) {
        return Err(user(format!(
            "--messy {}: expected a share from 0 to 1",
            args.messy
        )));
    }
    let source = args.source.survey_args();
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
    super::refuse_input(&args.out, &source)?;
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
    let tmp = super::temp_path(&args.out);
    let file =
        std::fs::File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
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
    let mut out = match result {
        Ok(out) => out,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(e.into());
        }
    };
    out.flush()?;
    drop(out);
    std::fs::rename(&tmp, &args.out).with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!(
        "wrote {} synthetic {} responses to {}",
        args.n,
        part.questionnaire().audience,
        args.out.display()
    );
    Ok(())
}
