//! Which survey a command or the web page works on: a folder (or its `survey.toml`), a
//! `survey.toml` among some files, or one questionnaire with one export. Both ways of
//! reading it, whole ([`Survey`]) or planned for streaming ([`SurveyPlan`]), start here.

use std::path::Path;

use crate::error::SurveyError;
use crate::import::stream_part;
use crate::import::ImportOptions;
use crate::questionnaire::Questionnaire;
use crate::response::ImportReport;
use crate::source::Source;
use crate::survey::{Survey, SurveyPlan};

/// The import's accounting of a survey: its title, and per part the questionnaire and
/// what the import made of its export (`peiling validate`).
#[derive(Debug, Clone)]
pub struct Accounting {
    pub title: String,
    pub parts: Vec<(Questionnaire, ImportReport)>,
}

/// A survey to read.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    /// A folder with a `survey.toml`, or the definition file itself.
    Path(&'a Path),
    /// The `survey.toml` of a source (the bundled survey, files in memory).
    Survey(Source<'a>),
    /// One questionnaire and one export of a source, without a `survey.toml`.
    Single {
        source: Source<'a>,
        questionnaire: &'a Path,
        data: &'a Path,
    },
}

impl Input<'_> {
    /// The survey with every export imported whole.
    pub fn load(&self, opts: &ImportOptions) -> Result<Survey, SurveyError> {
        match self {
            Input::Path(path) => Survey::load(path, opts),
            Input::Survey(source) => Survey::from_source(source, opts),
            Input::Single {
                source,
                questionnaire,
                data,
            } => Survey::single_in(source, questionnaire, data, opts),
        }
    }

    /// The survey's definition with its exports not yet read, for streaming.
    pub fn plan(&self) -> Result<SurveyPlan, SurveyError> {
        match self {
            Input::Path(path) => SurveyPlan::load(path),
            Input::Survey(source) => SurveyPlan::from_source(source),
            Input::Single {
                source,
                questionnaire,
                data,
            } => SurveyPlan::single_in(source, questionnaire, data),
        }
    }

    /// The import's accounting: each export streamed through the row checker where it
    /// can be (twice when second submissions are dropped; UTF-16 and Windows-1252
    /// decoded on the way), imported whole otherwise (an error, which the whole-file
    /// import words).
    /// Strict mode's error is the import's.
    pub fn accounting(&self, opts: &ImportOptions) -> Result<Accounting, SurveyError> {
        if let Some(streamed) = self.streamed(opts)? {
            return Ok(streamed);
        }
        let survey = self.load(opts)?;
        Ok(Accounting {
            title: survey.title,
            parts: survey
                .parts
                .into_iter()
                .map(|p| (p.data.questionnaire, p.data.report))
                .collect(),
        })
    }

    fn streamed(&self, opts: &ImportOptions) -> Result<Option<Accounting>, SurveyError> {
        let Ok(plan) = self.plan() else {
            return Ok(None);
        };
        let mut parts = Vec::with_capacity(plan.parts.len());
        for part in &plan.parts {
            let Some(report) = stream_part(part, opts, &mut |_| {}, &mut |_, _| {}) else {
                return Ok(None);
            };
            if let Some(e) = report.strict_error().filter(|_| opts.strict) {
                return Err(e.into());
            }
            parts.push((part.questionnaire.clone(), report.into_import_report()));
        }
        Ok(Some(Accounting {
            title: plan.title,
            parts,
        }))
    }
}
