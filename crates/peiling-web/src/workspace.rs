//! The virtual folder and what the page asks of it: which survey the files make, its
//! accounting, draft, report and plan, each through the library call the CLI makes.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::Path;

use peiling_analysis::merge::Threads;
use peiling_analysis::{AnalysisOptions, Summary, SummaryError};
use peiling_planner::{Catalogue, PlanOptions, RotationPlan, SurveyDemand};
use peiling_report::{Lang, OutputFile, ReportInput, ReportOptions};
use peiling_survey::draft::{default_title, draft_export, DraftOptions};
use peiling_survey::import::{
    duplicate_error, missing_column_error, problem_error, rejected_error, TableOptions,
};
use peiling_survey::survey::{bundled_file, definition_names};
use peiling_survey::{
    ImportOptions, ImportReport, Input, MemoryFiles, Questionnaire, Role, Source,
};
use serde::Serialize;

use crate::message::{one_line, one_line_in};

/// The id of the bundled BOS 2020 survey in [`Workspace::bundled`].
pub const BUNDLED_ID: &str = "bos-2020";

/// The smallest group the report shows anything about (the CLI's `--min-group` default).
const MIN_GROUP: usize = 5;

/// Which of the report's two lengths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Length {
    /// `report.html` / `report.md`.
    Full,
    /// `bijlage.html` / `bijlage.md`.
    Bijlage,
}

impl Length {
    /// "full" or "bijlage".
    pub fn parse(text: &str) -> Result<Length, String> {
        match text {
            "full" => Ok(Length::Full),
            "bijlage" => Ok(Length::Bijlage),
            other => Err(format!(
                "length \"{other}\": expected \"full\" or \"bijlage\""
            )),
        }
    }

    fn stem(self) -> &'static str {
        match self {
            Length::Full => "report",
            Length::Bijlage => "bijlage",
        }
    }
}

/// Whether `text` ("nl" or "en") asks for English.
fn english(text: &str) -> Result<bool, String> {
    lang(text).map(Lang::is_en)
}

fn lang(text: &str) -> Result<Lang, String> {
    match text {
        "nl" => Ok(Lang::Nl),
        "en" => Ok(Lang::En),
        other => Err(format!("language \"{other}\": expected \"nl\" or \"en\"")),
    }
}

fn err(e: impl std::error::Error + 'static) -> String {
    one_line(&e)
}

/// The one line in English (the CLI's) or Dutch (an import error's own Dutch words).
fn err_in(english: bool) -> impl Fn(&(dyn std::error::Error + 'static)) -> String {
    move |e| one_line_in(e, english)
}

/// The library's error handed on as itself (as the CLI does), worded as one line.
fn summary_err(e: SummaryError, english: bool) -> String {
    match e {
        SummaryError::Survey(e) => err_in(english)(&e),
        SummaryError::Analysis(e) => err_in(english)(&e),
    }
}

/// A virtual folder of files by base name; nothing touches a disk. What it computed is
/// kept until a file changes, so asking for the report in both lengths reads the
/// exports once.
#[derive(Debug, Clone, Default)]
pub struct Workspace {
    files: MemoryFiles,
    cache: RefCell<Cache>,
}

/// What was computed from the files as they are now.
#[derive(Debug, Clone, Default)]
struct Cache {
    summary: Option<Summary>,
    /// The report's files per language ("nl", "en").
    reports: BTreeMap<String, Vec<OutputFile>>,
    plan: Option<RotationPlan>,
}

/// One line of [`Workspace::bundled`].
#[derive(Serialize)]
struct BundledSurvey {
    id: &'static str,
    title: String,
}

/// One export's accounting for the page.
#[derive(Serialize)]
struct ExportAccounting {
    file: String,
    questionnaire: String,
    audience: String,
    rows_read: usize,
    accepted: usize,
    rejected: usize,
    problems: Vec<ProblemLine>,
}

/// A problem of the accounting: where, what, and the line `peiling validate` prints
/// (a duplicate submission is a whole row: column 0, and its line names no column).
#[derive(Serialize)]
struct ProblemLine {
    file: String,
    row: usize,
    column: usize,
    message: String,
    line: String,
}

impl Workspace {
    pub fn new() -> Workspace {
        Workspace::default()
    }

    /// Adds or replaces one file by its base name.
    pub fn add_file(&mut self, name: &str, bytes: Vec<u8>) {
        self.files.insert(name.to_string(), bytes);
        self.changed();
    }

    pub fn remove_file(&mut self, name: &str) {
        self.files.remove(name);
        self.changed();
    }

    /// A file changed: nothing computed before holds.
    fn changed(&mut self) {
        *self.cache.get_mut() = Cache::default();
    }

    pub fn file_names(&self) -> Vec<String> {
        self.files.keys().cloned().collect()
    }

    /// The bundled surveys that [`Workspace::use_bundled`] loads, as JSON
    /// `[{"id","title"}]`.
    pub fn bundled() -> String {
        let title = bundled_file("survey.toml")
            .and_then(|_| peiling_survey::SurveyPlan::bundled().ok())
            .map(|p| p.title)
            .unwrap_or_default();
        serde_json::to_string(&[BundledSurvey {
            id: BUNDLED_ID,
            title,
        }])
        .unwrap_or_else(|_| "[]".into())
    }

    /// Puts the bundled survey's `survey.toml` and questionnaires in the folder (not its
    /// exports: those the team drops itself).
    pub fn use_bundled(&mut self, id: &str) -> Result<(), String> {
        if id != BUNDLED_ID {
            return Err(format!(
                "no bundled survey \"{id}\" (bundled: {BUNDLED_ID})"
            ));
        }
        for name in definition_names(&Source::Bundled).map_err(err)? {
            let bytes = bundled_file(&name)
                .ok_or_else(|| format!("bos-2020/{name}: not in the bundled survey"))?;
            self.files.insert(name, bytes.to_vec());
        }
        self.changed();
        Ok(())
    }

    /// The draft questionnaire TOML for the export `export_name`, answered by
    /// `audience` (WPB, SO, IO or a team's own short name), as `peiling init EXPORT
    /// --audience AUDIENCE` prints it; a mistake in the export worded in `lang_code`.
    pub fn draft(
        &self,
        export_name: &str,
        audience: &str,
        lang_code: &str,
    ) -> Result<String, String> {
        let english = english(lang_code)?;
        let (file, bytes) = Source::Memory(&self.files)
            .read(Path::new(export_name), Role::Export)
            .map_err(|e| err_in(english)(&e))?;
        let stem = Path::new(export_name)
            .file_stem()
            .map_or_else(|| "enquête".into(), |s| s.to_string_lossy().into_owned());
        let options = DraftOptions {
            id: "enquete".into(),
            title: default_title(&stem),
            audience: audience.to_string(),
            format: None,
        };
        let checked = draft_export(&file, &bytes, &TableOptions::default(), &options)
            .map_err(|e| err_in(english)(&e))?;
        Ok(checked.draft.toml)
    }

    /// The questionnaire `name`, parsed, as JSON (the serde form of the library's type).
    pub fn questionnaire_json(&self, name: &str) -> Result<String, String> {
        let q =
            peiling_survey::survey::questionnaire_in(&Source::Memory(&self.files), Path::new(name))
                .map_err(err)?;
        serde_json::to_string(&q).map_err(err)
    }

    /// Which survey the files make: a `survey.toml`, or else one questionnaire (`.toml`)
    /// with one export (`.csv`, `.xlsx`), like `peiling report -q Q -d EXPORT`.
    fn input(&self) -> Result<Input<'_>, String> {
        let source = Source::Memory(&self.files);
        if self.files.contains_key("survey.toml") {
            return Ok(Input::Survey(source));
        }
        let ends = |n: &str, exts: &[&str]| {
            let lower = n.to_lowercase();
            exts.iter().any(|e| lower.ends_with(e))
        };
        let tomls: Vec<&String> = self.files.keys().filter(|n| ends(n, &[".toml"])).collect();
        let exports: Vec<&String> = self
            .files
            .keys()
            .filter(|n| ends(n, &[".csv", ".xlsx", ".txt", ".tsv"]))
            .collect();
        match (tomls.as_slice(), exports.as_slice()) {
            ([q], [d]) => Ok(Input::Single {
                source,
                questionnaire: Path::new(q.as_str()),
                data: Path::new(d.as_str()),
            }),
            _ => Err(format!(
                "no survey.toml, so one questionnaire (.toml) and one export (.csv or .xlsx) are expected; found {} questionnaire(s) and {} export(s)",
                tomls.len(),
                exports.len()
            )),
        }
    }

    /// The import's accounting as JSON, per export: file, audience, rows read,
    /// accepted, rejected and every problem, as `peiling validate` counts and words them.
    pub fn accounting(&self, lang_code: &str) -> Result<String, String> {
        let english = english(lang_code)?;
        let accounting = self
            .input()?
            .accounting(&ImportOptions::default())
            .map_err(|e| err_in(english)(&e))?;
        let exports: Vec<ExportAccounting> = accounting
            .parts
            .iter()
            .map(|(q, r)| ExportAccounting {
                file: r.file.clone(),
                questionnaire: q.id.clone(),
                audience: q.audience.clone(),
                rows_read: r.rows_read,
                accepted: r.rows_accepted,
                rejected: r.rows_rejected(),
                problems: problems(q, r, english),
            })
            .collect();
        serde_json::to_string(&exports).map_err(err)
    }

    /// The summary of the folder's survey, as the CLI computes it (one thread); a
    /// mistake in the files worded in English or Dutch.
    fn summary(&self, english: bool) -> Result<Summary, String> {
        if let Some(summary) = &self.cache.borrow().summary {
            return Ok(summary.clone());
        }
        let summary = self.compute_summary(english)?;
        self.cache.borrow_mut().summary = Some(summary.clone());
        Ok(summary)
    }

    fn compute_summary(&self, english: bool) -> Result<Summary, String> {
        let opts = AnalysisOptions {
            filters: Vec::new(),
            by: None,
            min_group: MIN_GROUP,
        };
        peiling_analysis::summary(
            &self.input()?,
            &ImportOptions::default(),
            &opts,
            Threads::one(),
            &mut |_, _| {},
        )
        .map_err(|e| summary_err(e, english))
    }

    /// The report's files as `peiling report` writes them (with its plan, when the
    /// survey asks for themes of the bundled catalogue).
    pub fn report_files(&self, lang_code: &str) -> Result<Vec<OutputFile>, String> {
        if let Some(files) = self.cache.borrow().reports.get(lang_code) {
            return Ok(files.clone());
        }
        let files = self.compute_report(lang_code)?;
        let mut cache = self.cache.borrow_mut();
        cache.reports.insert(lang_code.to_string(), files.clone());
        Ok(files)
    }

    fn compute_report(&self, lang_code: &str) -> Result<Vec<OutputFile>, String> {
        let lang = lang(lang_code)?;
        let summary = self.summary(lang.is_en())?;
        let plan = peiling_planner::plan_for_survey(
            &catalogue()?,
            false,
            peiling_planner::PlanOptions::default(),
            &summary,
            None,
        )
        .map_err(err)?;
        let input = ReportInput {
            summary: &summary,
            comparison: None,
            plan: plan.as_ref(),
            turnout: None,
            reflection: None,
            trend: None,
        };
        let opts = ReportOptions {
            lang,
            png: false,
            min_group: MIN_GROUP,
            ..ReportOptions::default()
        };
        peiling_report::report_files(&input, &opts).map_err(err)
    }

    fn report_file(&self, lang_code: &str, length: &str, ext: &str) -> Result<String, String> {
        let name = format!("{}.{ext}", Length::parse(length)?.stem());
        let files = self.report_files(lang_code)?;
        text_of(&files, &name)
    }

    /// `report.html` (length "full") or `bijlage.html` ("bijlage"), charts inlined.
    pub fn report_html(&self, lang_code: &str, length: &str) -> Result<String, String> {
        self.report_file(lang_code, length, "html")
    }

    /// `report.md` or `bijlage.md`.
    pub fn report_markdown(&self, lang_code: &str, length: &str) -> Result<String, String> {
        self.report_file(lang_code, length, "md")
    }

    /// The plan `peiling plan` makes with its defaults.
    fn plan(&self) -> Result<RotationPlan, String> {
        if let Some(plan) = &self.cache.borrow().plan {
            return Ok(plan.clone());
        }
        // The page asks for the plan after the accounting, which said any mistake in
        // the files already (in the page's language).
        let summary = self.summary(true)?;
        let demand = SurveyDemand::from(&summary);
        let plan =
            peiling_planner::plan(&catalogue()?, &demand, &PlanOptions::default()).map_err(err)?;
        self.cache.borrow_mut().plan = Some(plan.clone());
        Ok(plan)
    }

    fn plan_file(&self, name: &str, lang: Lang) -> Result<String, String> {
        let files = peiling_report::plan_files(&self.plan()?, lang).map_err(err)?;
        text_of(&files, name)
    }

    /// `plan.json` as `peiling plan --out` writes it (the same in both languages).
    pub fn plan_json(&self) -> Result<String, String> {
        self.plan_file("plan.json", Lang::Nl)
    }

    /// `plan.ics` as `peiling plan --lang LANG --out` writes it.
    pub fn plan_ics(&self, lang_code: &str) -> Result<String, String> {
        self.plan_file("plan.ics", lang(lang_code)?)
    }
}

/// The bundled catalogue the CLI uses without `--catalogue`.
fn catalogue() -> Result<Catalogue, String> {
    Catalogue::bundled("bos").ok_or_else(|| "bundled catalogue bos does not parse".to_string())
}

fn text_of(files: &[OutputFile], name: &str) -> Result<String, String> {
    let file = files
        .iter()
        .find(|f| f.path == name)
        .ok_or_else(|| format!("{name}: not made"))?;
    String::from_utf8(file.bytes.clone()).map_err(err)
}

/// Every problem `peiling validate` lists for one export, in its order, each with its
/// line.
/// Worded in English (validate's lines) or Dutch.
fn problems(q: &Questionnaire, r: &ImportReport, english: bool) -> Vec<ProblemLine> {
    let shown = |t: &str| peiling_core::privacy::redact_contacts(t).into_owned();
    let safe = |t: String| peiling_core::privacy::terminal(&t).into_owned();
    let mut out = Vec::new();
    for id in &r.missing_questions {
        // Where the missing column would be: after the last one, as validate says.
        let e = missing_column_error(&r.file, r.headers.len(), q, id);
        out.push(ProblemLine {
            file: r.file.clone(),
            row: 1,
            column: r.headers.len() + 1,
            line: safe(e.text(english)),
            message: safe(e.message.text(english)),
        });
    }
    for d in &r.duplicates {
        let e = duplicate_error(&r.file, d, &shown(&d.key));
        out.push(ProblemLine {
            file: r.file.clone(),
            row: d.row,
            column: 0,
            line: safe(e.text(english)),
            message: safe(e.message.text(english)),
        });
    }
    for rej in &r.rejected {
        let e = rejected_error(&r.file, rej);
        out.push(ProblemLine {
            file: r.file.clone(),
            row: rej.row,
            column: rej.column,
            line: safe(e.text(english)),
            message: safe(e.message.text(english)),
        });
    }
    for p in &r.problems {
        let p = peiling_survey::Problem {
            found: shown(&p.found),
            ..p.clone()
        };
        let e = problem_error(&r.file, &p);
        out.push(ProblemLine {
            file: r.file.clone(),
            row: p.row,
            column: p.column,
            message: safe(e.message.text(english)),
            line: safe(e.text(english)),
        });
    }
    out
}
