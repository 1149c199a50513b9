//! `peiling evaluate`: the evaluatieverslag of the meetings. Each export is imported and
//! summarised by the analysis crate, the figures and rules come from its evaluation
//! module, the report crate renders; this command only wires them and writes the folder.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use peiling_analysis::evaluation::{evaluate, meeting_of, MeetingFigures};
use peiling_analysis::{analyze, AnalysisOptions};
use peiling_planner::RotationPlan;
use peiling_report::{Lang, ReportOptions};
use peiling_survey::{ImportOptions, Survey};

use crate::args::{EvaluateArgs, LangArg};
use crate::output;

/// The form and the exports the arguments name.
fn inputs(args: &EvaluateArgs) -> Result<(PathBuf, Vec<PathBuf>)> {
    match (&args.survey, &args.questionnaire) {
        (Some(dir), _) => {
            let form = dir.join("bijeenkomst.toml");
            let folder = dir.join("bijeenkomsten");
            let entries = std::fs::read_dir(&folder).map_err(|e| {
                crate::status::user(format!(
                    "{}: cannot read the folder of meeting exports ({e}); expected {} with one export per meeting",
                    folder.display(),
                    folder.display()
                ))
            })?;
            let mut data: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension()
                        .is_some_and(|x| x == "csv" || x == "xlsx")
                })
                .collect();
            data.sort();
            if data.is_empty() {
                return Err(crate::status::user(format!(
                    "{}: no exports (.csv or .xlsx) found, expected one per meeting",
                    folder.display()
                )));
            }
            Ok((form, data))
        }
        (None, Some(q)) => Ok((q.clone(), args.data.clone())),
        (None, None) => Err(crate::status::user(
            "give a folder with bijeenkomst.toml and bijeenkomsten/, or --questionnaire with --data",
        )),
    }
}

fn read_plan(path: &Path) -> Result<RotationPlan> {
    let bytes = std::fs::read(path).map_err(|e| {
        crate::status::user(format!("{}: cannot read the plan: {e}", path.display()))
    })?;
    serde_json::from_slice(&bytes).map_err(|e| {
        crate::status::user(format!(
            "{}: line {}, column {}: not a plan written by `peiling plan`: {e}",
            path.display(),
            e.line(),
            e.column()
        ))
    })
}

pub fn run(args: &EvaluateArgs) -> Result<()> {
    let out_dir = output::folder(&args.out, "evaluate")?;
    let (form, data) = inputs(args)?;
    let plan = args.plan.as_deref().map(read_plan).transpose()?;
    let lang = match args.lang {
        LangArg::Nl => Lang::Nl,
        LangArg::En => Lang::En,
    };
    let opts = AnalysisOptions {
        min_group: args.min_group,
        ..AnalysisOptions::default()
    };
    let turnout = match (&args.records, &plan) {
        (Some(db), Some(plan)) => Some(super::turnout(db, Some(plan))?),
        _ => None,
    };
    let mut meetings = Vec::with_capacity(data.len());
    let mut title = None;
    for path in &data {
        let survey = Survey::single(&form, path, &ImportOptions::default())?;
        let summary = analyze(&survey, &opts)?;
        super::warn_missing_columns(&summary);
        super::warn_set_aside(&summary, &form, path);
        let part = &summary.parts[0];
        title.get_or_insert_with(|| part.title.clone());
        let file = path
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let meeting = meeting_of(part).unwrap_or(file);
        // The theme: the title of the plan's theme for this meeting (in the report's
        // language), else the meeting's name without its date.
        let planned = plan
            .iter()
            .flat_map(|p| &p.meetings)
            .find(|m| meeting == format!("{} ({})", m.title, m.date));
        // Attendance of the plan's meeting, by its activity id.
        // No one on its attendance list: not known (the list was not imported).
        let attended = planned.zip(turnout.as_ref()).and_then(|(m, t)| {
            let id = m.activity_id();
            t.meetings
                .iter()
                .find(|x| x.id == id && x.attended > 0)
                .map(|x| x.attended)
        });
        let theme = planned
            .map(|m| match (&m.title_en, lang) {
                (Some(en), Lang::En) => en.clone(),
                _ => m.title.clone(),
            })
            .unwrap_or_else(|| {
                meeting
                    .rsplit_once(" (")
                    .map_or(meeting.as_str(), |(t, _)| t)
                    .to_string()
            });
        let mut figures = MeetingFigures::from_part(part, meeting, theme);
        figures.attended = attended;
        figures.theme_id = planned.map(|m| m.theme.clone());
        meetings.push(figures);
    }
    let mut eval = evaluate(meetings, args.min_group);
    // The yearly reflection, when the folder holds one (reflectie.toml and its export).
    if let Some((form, export)) = args.survey.as_deref().and_then(super::reflection_files) {
        eval.reflection = Some(super::reflection_figures(&form, &export, args.min_group)?.0);
    }
    let mut doc = peiling_report::evaluation::document(&eval, title.as_deref().unwrap_or(""), lang);
    let report_opts = ReportOptions {
        lang,
        min_group: args.min_group,
        ..ReportOptions::default()
    };
    let mut files = peiling_report::render_single(&mut doc, &report_opts)?;
    let mut json = serde_json::to_string_pretty(&eval)?;
    json.push('\n');
    files.push(peiling_report::OutputFile {
        path: "evaluation.json".into(),
        bytes: json.clone().into_bytes(),
    });
    let staged = out_dir.stage(files.iter().map(|f| (f.path.as_str(), f.bytes.as_slice())))?;
    output::commit(vec![staged])?;
    let mut stdout = std::io::stdout().lock();
    if args.json {
        stdout.write_all(json.as_bytes())?;
        return Ok(());
    }
    writeln!(
        stdout,
        "{}: report.md, report.html, evaluation.json; {} meetings, {} findings, {} to redesign before repeating{}",
        args.out.display(),
        eval.meetings.len(),
        eval.findings.len(),
        match eval.redesign.len() {
            1 => "1 theme".to_string(),
            n => format!("{n} themes"),
        },
        match eval.redesign.len() {
            0 => String::new(),
            n => format!(
                "; `peiling plan --evaluations {}` marks {} in the plan",
                args.out.display(),
                if n == 1 { "it" } else { "them" }
            ),
        }
    )?;
    Ok(())
}
