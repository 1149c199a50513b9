//! `peiling report`: the bijlage-style report (Markdown, HTML, charts) of a survey, and
//! with `--contacts` the separate list of who offered to help give professionalisation;
//! with `--records` who came to the meetings held.

use std::io::Write;

use anyhow::Result;
use peiling_analysis::compare;
use peiling_planner::PlanOptions;
use peiling_report::{Lang, ReportInput, ReportOptions};
use peiling_survey::Survey;

use super::{csv_safe, refuse_input};
use crate::args::{LangArg, ReportArgs};
use crate::config;
use crate::load;
use crate::output::{self, Privacy};

pub fn run(args: &ReportArgs) -> Result<()> {
    // Every output is checked before anything is computed or written.
    let out_dir = output::folder(&args.out, "report")?;
    let contacts = match &args.contacts {
        Some(path) => {
            refuse_input(path, &args.survey)?;
            if out_dir.contains(path) {
                return Err(crate::status::user(format!(
                    "{}: --contacts holds personal data, which never goes into the report folder {}; choose a file outside it",
                    path.display(),
                    args.out.display()
                )));
            }
            Some(output::file(path, Privacy::Personal)?)
        }
        None => None,
    };
    let reflection = match &args.reflection {
        Some(path) => {
            let (form, export) = super::reflection_at(path)?;
            Some(super::reflection_figures(&form, &export, args.min_group)?)
        }
        None => None,
    };
    // A series is read (and its mistakes reported) before the survey's figures.
    let trend = match &args.series {
        Some(_) if !args.filters.is_empty() => {
            return Err(crate::status::user(
                "--series shows every respondent of every edition, so it cannot be combined with --where; leave one out".to_string(),
            ))
        }
        Some(path) => Some(series_trend(path)?),
        None => None,
    };
    let opts = crate::config::analysis_options(&args.filters, args.by.clone(), args.min_group)?;
    let summary = crate::stream::summary(&args.survey, &opts)?;
    if let Some(trend) = &trend {
        warn_outside_series(trend, &summary.survey.id);
    }
    super::warn_missing_columns(&summary);
    let comparison = match &args.compare {
        Some(path) => {
            let import = load::import_options(&args.survey);
            let other = crate::stream::summary_at(
                path,
                &import,
                &opts,
                crate::stream::threads(&args.survey),
            )?;
            Some(compare(&summary, &other))
        }
        None => None,
    };
    let lang = match args.lang {
        LangArg::Nl => Lang::Nl,
        LangArg::En => Lang::En,
    };
    let plan = if args.no_plan {
        None
    } else {
        let catalogue = config::catalogue(args.catalogue.as_deref())?;
        // The report's plan follows the catalogue's rule; only the first day is an option.
        let options = PlanOptions {
            start: config::start(&args.start)?,
            ..PlanOptions::default()
        };
        let sources = super::PlanSources::new(
            args.records.as_deref(),
            args.requirements.as_deref(),
            args.evaluations.as_deref(),
        );
        super::survey_plan(
            &catalogue,
            args.catalogue.is_some(),
            options,
            &summary,
            &sources,
        )?
    };
    let report_opts = ReportOptions {
        lang,
        png: args.png,
        min_group: args.min_group,
        ..ReportOptions::default()
    };
    let turnout = match &args.records {
        Some(db) => Some(super::turnout(db, plan.as_ref())?),
        None => None,
    };
    let input = ReportInput {
        summary: &summary,
        comparison: comparison.as_ref(),
        plan: plan.as_ref(),
        turnout: turnout.as_ref(),
        reflection: reflection
            .as_ref()
            .map(|(figures, about)| peiling_report::ReflectionInput { figures, about }),
        trend: trend.as_ref(),
    };
    let files = peiling_report::report_files(&input, &report_opts)?;

    for f in &files {
        refuse_input(&args.out.join(&f.path), &args.survey)?;
    }
    // The contacts and the report are made ready first and put in place together, so a
    // failure leaves neither half-written.
    let mut staged = Vec::new();
    let mut contact_rows = None;
    if let Some(contacts) = &contacts {
        // Only the contacts need the responses themselves.
        let (bytes, rows) = contacts_csv(&load::survey(&args.survey)?, lang)?;
        staged.push(contacts.stage(&bytes)?);
        contact_rows = Some(rows);
    }
    staged.push(out_dir.stage(files.iter().map(|f| (f.path.as_str(), f.bytes.as_slice())))?);
    output::commit(staged)?;
    let charts = files
        .iter()
        .filter(|f| f.path.starts_with("charts/"))
        .count();
    // Not println!: a full disk or a closed pipe on standard output is an error, no panic.
    let mut stdout = std::io::stdout().lock();
    writeln!(
        stdout,
        "{}: report.md, report.html (the full report), bijlage.md, bijlage.html (the short one), {charts} chart files{}",
        args.out.display(),
        if plan.is_some() {
            " and the rotation plan (plan.json, plan.ics)"
        } else {
            ""
        }
    )?;
    // Without [[group]] roles the summary and the conclusions find no themes, forms,
    // capability or contact questions: say how to declare them.
    let roles = summary
        .parts
        .iter()
        .any(|p| p.groups.iter().any(|g| g.role.is_some()));
    if !roles {
        writeln!(
            stdout,
            "No conclusions: the questionnaire gives no group a role; add [[group]] tables with role = \"themes\", \"forms\", \"capability\", \"contact\", \"facilitation\" or \"network\" (docs/questionnaire-format.md)"
        )?;
    }
    if plan.is_none() && !args.no_plan {
        writeln!(
            stdout,
            "No rotation plan: no answer option of the questionnaire names a theme of the catalogue; add themes = [{{ theme = \"...\" }}] to the options that ask for one (docs/questionnaire-format.md), or give --catalogue with your own themes"
        )?;
    }
    // The plan's warnings (e.g. too few host schools) also reach the terminal.
    for w in plan.iter().flat_map(|p| &p.warnings) {
        let line = format!("peiling: warning: rotation plan: {}", w.get(lang.is_en()));
        eprintln!("{}", super::terminal_safe(&line));
    }
    if let (Some(contacts), Some(rows)) = (&contacts, contact_rows) {
        writeln!(
            stdout,
            "{}: {rows} respondents who may be approached (personal data: keep it out of the report)",
            contacts.path().display()
        )?;
    }
    Ok(())
}

/// The trend of the series at `path` (a folder with series.toml, or the file).
fn series_trend(path: &std::path::Path) -> Result<peiling_panel::trend::Trend> {
    let series = peiling_panel::series::Series::load(path)?;
    let editions = series.count_editions(&peiling_survey::ImportOptions::default())?;
    Ok(peiling_panel::trend::trend(&series, &editions)?)
}

/// Says so when the report's survey is none of the series' editions: the section then
/// follows other years than the report's.
fn warn_outside_series(trend: &peiling_panel::trend::Trend, survey: &str) {
    if trend.editions.iter().any(|e| e.survey == survey) {
        return;
    }
    let years: Vec<String> = trend.editions.iter().map(|e| e.year.to_string()).collect();
    let line = format!(
        "peiling: warning: survey {survey} is not an edition of the series {} ({}); the section \"Ontwikkeling door de jaren\" shows the series as it is",
        trend.series.id,
        years.join(", ")
    );
    eprintln!("{}", super::terminal_safe(&line));
}

/// A cell of the contacts list: control characters out, safe for spreadsheets (a
/// leading = + - @ cannot start a formula), bidi overrides isolated.
fn contact_cell(text: &str) -> String {
    use peiling_core::privacy::{isolate_bidi, strip_controls};
    isolate_bidi(&csv_safe(&strip_controls(text))).into_owned()
}

/// The contacts list ([`peiling_survey::contacts`]) as CSV, in the report's language;
/// every cell is a [`contact_cell`].
fn contacts_csv(survey: &Survey, lang: Lang) -> Result<(Vec<u8>, usize)> {
    let header: [&str; 7] = match lang {
        Lang::Nl => [
            "deel", "rij", "naam", "e-mail", "telefoon", "thema's", "anders",
        ],
        Lang::En => ["part", "row", "name", "e-mail", "phone", "themes", "other"],
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header)?;
    let contacts = peiling_survey::contacts::contacts(survey, lang.is_en());
    for c in &contacts {
        w.write_record([
            contact_cell(&c.part),
            c.row.to_string(),
            contact_cell(&c.name),
            contact_cell(&c.email),
            contact_cell(&c.phone),
            contact_cell(&c.themes.join("; ")),
            contact_cell(&c.other.join("; ")),
        ])?;
    }
    Ok((
        w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?,
        contacts.len(),
    ))
}
