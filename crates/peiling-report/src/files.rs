//! Every file `peiling report` and `peiling plan` write, made in one place so that the
//! CLI and the web page give the same bytes: the report with its plan and turnout
//! ([`report_files`]), and the plan's own files ([`plan_files`]).

use peiling_analysis::evaluation::MeetingFigures;
use peiling_analysis::{About, Comparison, Summary};
use peiling_core::trend::Trend;
use peiling_core::turnout::Turnout;
use peiling_planner::RotationPlan;

use crate::i18n::Lang;
use crate::{OutputFile, ReportError, ReportOptions};

/// What the report is made of: the summary, and what the caller adds to it.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    pub summary: &'a Summary,
    /// Another edition to compare with.
    pub comparison: Option<&'a Comparison>,
    /// The rotation plan: its section, and plan.json and plan.ics beside the report.
    pub plan: Option<&'a RotationPlan>,
    /// Who came to the plan's meetings (from the records).
    pub turnout: Option<&'a Turnout>,
    /// The partnership's yearly reflection on the conditions (its own section).
    pub reflection: Option<ReflectionInput<'a>>,
    /// The trend over a series of editions (its own section, after the turnout).
    pub trend: Option<&'a Trend>,
}

/// The partnership's yearly reflection: its figures, and what its questionnaire
/// declares about where the answers come from (`[about]`).
#[derive(Debug, Clone, Copy)]
pub struct ReflectionInput<'a> {
    pub figures: &'a MeetingFigures,
    pub about: &'a About,
}

/// The report's files ([`crate::render_document`]) and with a plan `plan.json` and
/// `plan.ics`; the themes are named as the plan's catalogue names them.
pub fn report_files(
    input: &ReportInput,
    opts: &ReportOptions,
) -> Result<Vec<OutputFile>, ReportError> {
    let lang = opts.lang;
    let mut opts = opts.clone();
    // The catalogue's names for the themes the summary counts.
    for m in input.plan.iter().flat_map(|p| &p.meetings) {
        let title = match (&m.title_en, lang) {
            (Some(en), Lang::En) => en,
            _ => &m.title,
        };
        opts.theme_titles.insert(m.theme.clone(), title.clone());
    }
    let mut doc = crate::document(input.summary, input.comparison, &opts);
    if let Some(plan) = input.plan {
        crate::plan::fill(&mut doc, plan, lang);
    }
    if let Some(r) = input.reflection {
        crate::reflection::fill(&mut doc, r.figures, r.about, lang, opts.min_group);
    }
    if let Some(turnout) = input.turnout {
        crate::turnout::fill(&mut doc, turnout, input.plan, lang, opts.min_group);
    }
    if let Some(trend) = input.trend {
        crate::fill_trend(&mut doc, trend, &opts);
    }
    let mut files = crate::render_document(&mut doc, &opts)?;
    if let Some(plan) = input.plan {
        files.extend(
            plan_files(plan, lang)?
                .into_iter()
                .filter(|f| f.path != "plan.md"),
        );
    }
    Ok(files)
}

/// The plan's files as `peiling plan` writes them: `plan.json`, `plan.ics` (in `lang`)
/// and `plan.md` (the plan as a document).
pub fn plan_files(plan: &RotationPlan, lang: Lang) -> Result<Vec<OutputFile>, ReportError> {
    let json = plan
        .to_json()
        .map_err(|e| ReportError::Plan(e.to_string()))?;
    let md = crate::markdown::render(&crate::plan::document(plan, lang), lang);
    Ok(vec![
        OutputFile {
            path: "plan.json".into(),
            bytes: json.into_bytes(),
        },
        OutputFile {
            path: "plan.ics".into(),
            bytes: plan.to_ics(lang.is_en()).into_bytes(),
        },
        OutputFile {
            path: "plan.md".into(),
            bytes: md.into_bytes(),
        },
    ])
}
