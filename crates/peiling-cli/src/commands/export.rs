//! `peiling export`: the validated responses as tidy data (Parquet or CSV) through the
//! one writer; the rows' accounting is printed on stderr.

use anyhow::Result;
use peiling_panel::Tidy;

use crate::args::ExportCommandArgs;
use crate::load;
use crate::output::{self, Privacy};

/// The file formats `export` writes, picked by the output's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Parquet,
    Csv,
}

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
    let survey = load::survey(&args.survey)?;
    let tidy = Tidy::from_survey(&survey);
    let (file, staged) = out.open()?;
    let mut writer = std::io::BufWriter::new(file);
    let written = match format {
        Format::Parquet => tidy.write_parquet(&mut writer),
        Format::Csv => tidy.write_csv(&mut writer),
    };
    match written {
        Ok(()) => {}
        Err(peiling_panel::PanelError::Write(e)) => return Err(out.error(e)),
        Err(e) => return Err(e.into()),
    }
    let file = writer.into_inner().map_err(|e| out.error(e.into_error()))?;
    file.sync_all().map_err(|e| out.error(e))?;
    output::commit(vec![staged])?;
    let respondents: u32 = tidy.parts.iter().map(|p| p.respondents).sum();
    eprintln!(
        "{}",
        super::terminal_safe(&format!(
            "peiling: {} rows ({} respondents, {} questionnaire{}) written to {}",
            tidy.len(),
            respondents,
            tidy.parts.len(),
            if tidy.parts.len() == 1 { "" } else { "s" },
            args.out.display()
        ))
    );
    Ok(())
}
