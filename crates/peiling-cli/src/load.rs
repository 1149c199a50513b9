//! Turns the survey flags into import options and loads the survey they name.

use anyhow::Result;
use peiling_survey::import::TableOptions;
use peiling_survey::{DuplicatePolicy, ExportFormat, ImportOptions, Input, Source, Survey};

use crate::args::{DuplicatesArg, FormatArg, SurveyArgs};

pub fn export_format(arg: FormatArg) -> Option<ExportFormat> {
    match arg {
        FormatArg::Auto => None,
        FormatArg::Msforms => Some(ExportFormat::MsForms),
        FormatArg::Google => Some(ExportFormat::GoogleForms),
        FormatArg::Limesurvey => Some(ExportFormat::LimeSurvey),
        FormatArg::Plain => Some(ExportFormat::Plain),
    }
}

pub fn import_options(args: &SurveyArgs) -> ImportOptions {
    ImportOptions {
        format: export_format(args.export.format),
        table: TableOptions {
            delimiter: args.export.separator,
            sheet: args.export.sheet.clone(),
            utf8_only: args.utf8_only,
        },
        duplicates: match args.duplicates {
            DuplicatesArg::KeepAll => DuplicatePolicy::KeepAll,
            DuplicatesArg::KeepFirst => DuplicatePolicy::KeepFirst,
            DuplicatesArg::KeepLast => DuplicatePolicy::KeepLast,
        },
        strict: args.strict,
    }
}

/// The survey the flags name: a folder, a questionnaire + export, or the bundled one.
pub fn input(args: &SurveyArgs) -> Input<'_> {
    match (&args.survey, &args.questionnaire, &args.data) {
        (Some(path), _, _) => Input::Path(path),
        (None, Some(q), Some(d)) => Input::Single {
            source: Source::Folder(std::path::Path::new("")),
            questionnaire: q,
            data: d,
        },
        _ => Input::Survey(Source::Bundled),
    }
}

/// The survey the flags name, every export imported whole.
pub fn survey(args: &SurveyArgs) -> Result<Survey> {
    Ok(input(args).load(&import_options(args))?)
}
