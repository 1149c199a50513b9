//! `peiling init`: a draft questionnaire definition from an export, checked by reading
//! the export with it before it is handed over.

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::Result;
use peiling_survey::draft::{
    default_title, draft_export, CheckedDraft, DraftError, DraftOptions, Guess,
};
use peiling_survey::import::TableOptions;

use crate::args::InitArgs;
use crate::load::export_format;
use crate::output::{self, Privacy};
use crate::status::user;

pub fn run(args: &InitArgs) -> Result<()> {
    if args.id.is_empty()
        || !args
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return Err(user(format!(
            "--id \"{}\": expected lowercase letters, digits and _ (e.g. wpb)",
            args.id
        )));
    }
    let out_file = match &args.out {
        Some(out) => {
            let same =
                matches!((out.canonicalize(), args.data.canonicalize()), (Ok(a), Ok(b)) if a == b);
            if same {
                return Err(user(format!(
                    "{}: is the export; peiling never writes over its input, choose another output",
                    out.display()
                )));
            }
            let file = output::file(out, Privacy::Public)?;
            if file.replaces_a_file() && !args.force {
                return Err(user(format!(
                    "{}: exists already; choose another file or add --force to replace it",
                    out.display()
                )));
            }
            Some(file)
        }
        None => None,
    };
    let file = args.data.display().to_string();
    let bytes = peiling_survey::files::read_export(&args.data)?;
    let table_options = TableOptions {
        delimiter: args.export.separator,
        sheet: args.export.sheet.clone(),
        utf8_only: false,
    };
    let title = args.title.clone().unwrap_or_else(|| {
        let stem = args
            .data
            .file_stem()
            .map_or_else(|| "enquête".into(), |s| s.to_string_lossy().into_owned());
        default_title(&stem)
    });
    let options = DraftOptions {
        id: args.id.clone(),
        title,
        audience: args.audience.clone(),
        format: export_format(args.export.format),
    };
    // An unreadable export is the user's (exit 2), a draft that does not parse ours.
    let CheckedDraft {
        draft: made,
        report,
    } = draft_export(&file, &bytes, &table_options, &options).map_err(|e| match e {
        DraftError::Export(e) => anyhow::Error::from(e),
        e @ DraftError::Unparsable(_) => anyhow::anyhow!("{e}"),
    })?;

    match &out_file {
        Some(out) => out.write(made.toml.as_bytes())?,
        None => std::io::stdout().lock().write_all(made.toml.as_bytes())?,
    }
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for q in &made.questions {
        *kinds.entry(kind_name(&q.guess)).or_default() += 1;
    }
    let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
    eprintln!(
        "{}draft of {} questions ({}) from a {} export; read with it, the export gives {} of {} rows accepted, {} {}. Check the kinds, then: peiling validate -q DRAFT.toml -d {file}",
        args.out
            .as_ref()
            .map(|p| format!("{}: ", p.display()))
            .unwrap_or_default(),
        made.questions.len(),
        kinds.join(", "),
        made.format.name(),
        report.rows_accepted,
        report.rows_read,
        report.problems.len(),
        if report.problems.len() == 1 {
            "problem"
        } else {
            "problems"
        },
    );
    // What the draft had to guess at, so the user knows where to look first.
    let unsure: Vec<_> = made.unsure().collect();
    if !unsure.is_empty() {
        let notes: usize = unsure.iter().map(|q| q.unsure.len()).sum();
        eprintln!(
            "{notes} {} to check, marked \"# unsure:\" in the draft:",
            if notes == 1 { "guess" } else { "guesses" }
        );
        for q in unsure {
            for note in &q.unsure {
                eprintln!("  {}: {note}", q.id);
            }
        }
    }
    Ok(())
}

fn kind_name(guess: &Guess) -> &'static str {
    match guess {
        Guess::Single(_) => "single",
        Guess::Multi { .. } => "multi",
        Guess::Scale { .. } => "scale",
        Guess::Number { .. } => "number",
        Guess::Bands(_) => "bands",
        Guess::YesNo => "yesno",
        Guess::Text => "text",
        Guess::Personal(_) => "personal",
    }
}
