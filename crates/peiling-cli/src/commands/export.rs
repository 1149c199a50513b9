//! `peiling export`: the validated responses as tidy data (Parquet or CSV) through the
//! one writer, streamed block by block; the rows' accounting is printed on stderr.

use std::io::{BufWriter, Seek};

use anyhow::Result;
use peiling_panel::stream::stream;
use peiling_panel::{Format, PanelError, Tidy, TidyWriter};

use crate::args::ExportCommandArgs;
use crate::load;
use crate::output::{self, Privacy};

fn format(path: &std::path::Path) -> Result<Format> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("parquet") => Ok(Format::Parquet),
        Some("csv") => Ok(Format::Csv),
        _ => Err(crate::status::user(format!(
            "{}: expected a file name ending in .parquet or .csv (the extension picks the format)",
            path.display()
        ))),
    }
}

pub fn run(args: &ExportCommandArgs) -> Result<()> {
    let format = format(&args.out)?;
    super::refuse_input(&args.out, &args.survey)?;
    let out = output::file(&args.out, Privacy::Public)?;
    let (mut file, staged) = out.open()?;
    let import = load::import_options(&args.survey);
    // Streamed block by block where the exports allow it; otherwise (or for strict
    // mode's error) the file starts again from the survey loaded whole.
    let streamed = match load::input(&args.survey).plan() {
        Ok(plan) => {
            let mut w =
                TidyWriter::new(BufWriter::new(&mut file), format).map_err(|e| fail(&out, e))?;
            match stream(&plan, &import, &mut |block| w.write(block)).map_err(|e| fail(&out, e))? {
                Some(s) => {
                    w.finish().map_err(|e| fail(&out, e))?;
                    Some((s.tidy, s.rows))
                }
                None => None,
            }
        }
        Err(_) => None,
    };
    let (tidy, rows) = match streamed {
        Some(done) => done,
        None => {
            file.set_len(0).map_err(|e| out.error(e))?;
            file.rewind().map_err(|e| out.error(e))?;
            let survey = load::survey(&args.survey)?;
            let tidy = Tidy::from_survey(&survey);
            let mut w =
                TidyWriter::new(BufWriter::new(&mut file), format).map_err(|e| fail(&out, e))?;
            w.write(&tidy).map_err(|e| fail(&out, e))?;
            w.finish().map_err(|e| fail(&out, e))?;
            let rows = tidy.len();
            (tidy, rows)
        }
    };
    file.sync_all().map_err(|e| out.error(e))?;
    output::commit(vec![staged])?;
    let respondents: u32 = tidy.parts.iter().map(|p| p.respondents).sum();
    eprintln!(
        "{}",
        super::terminal_safe(&format!(
            "peiling: {} rows ({} respondents, {} questionnaire{}) written to {}",
            rows,
            respondents,
            tidy.parts.len(),
            if tidy.parts.len() == 1 { "" } else { "s" },
            args.out.display()
        ))
    );
    Ok(())
}

/// The destination's write error names the output; anything else is handed on.
fn fail(out: &output::FileOut, e: PanelError) -> anyhow::Error {
    match e {
        PanelError::Write(e) => out.error(e),
        e => e.into(),
    }
}
