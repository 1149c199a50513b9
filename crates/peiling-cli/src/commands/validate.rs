//! `peiling validate`: the import's accounting, file by file, and every problem.

use std::io::Write;

use anyhow::Result;
use peiling_survey::import::problem_error;
use peiling_survey::{ImportReport, Questionnaire};

use super::csv_safe;
use crate::args::ValidateArgs;
use crate::load;
use crate::output::{self, Privacy};

pub fn run(args: &ValidateArgs) -> Result<()> {
    // The rejected rows are rows of the export, names and addresses included.
    let rejects = match &args.rejects {
        Some(path) => {
            super::refuse_input(path, &args.survey)?;
            Some(output::file(path, Privacy::Personal)?)
        }
        None => None,
    };
    let accounting = load::input(&args.survey).accounting(&load::import_options(&args.survey))?;
    let (title, parts) = (accounting.title, accounting.parts);
    // Collected first so hostile control characters can be neutralised in one place.
    let mut out: Vec<u8> = Vec::new();
    writeln!(out, "{}", peiling_core::privacy::scrub(&title))?;
    for (q, report) in &parts {
        print_report(&mut out, q, report)?;
    }
    if let Some(rejects) = &rejects {
        rejects.write(&rejects_csv(parts.iter().map(|p| &p.1))?)?;
        writeln!(out, "rejected rows written to {}", rejects.path().display())?;
    }
    let text = super::terminal_safe(&String::from_utf8_lossy(&out));
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(())
}

fn print_report(out: &mut impl Write, q: &Questionnaire, r: &ImportReport) -> Result<()> {
    writeln!(out)?;
    writeln!(
        out,
        "{} ({}, {}) — questionnaire {} ({})",
        r.file, r.format, r.encoding, q.id, q.audience
    )?;
    writeln!(
        out,
        "  rows: {} read, {} accepted, {} rejected",
        r.rows_read,
        r.rows_accepted,
        r.rows_rejected()
    )?;
    let sum =
        |f: fn(&peiling_survey::QuestionTally) -> usize| r.tallies.iter().map(f).sum::<usize>();
    let coerced: usize = r.coercions.iter().map(|c| c.count).sum();
    writeln!(
        out,
        "  answers: {} given ({} unknown), {} geen antwoord, {} invalid{}, {} coerced",
        sum(|t| t.answered),
        sum(|t| t.unknown),
        sum(|t| t.no_answer),
        sum(|t| t.invalid),
        not_asked(sum(|t| t.not_asked), sum(|t| t.answered_not_asked)),
        coerced
    )?;
    let noteworthy: Vec<&peiling_survey::QuestionTally> = r
        .tallies
        .iter()
        .filter(|t| t.unknown + t.not_applicable + t.no_answer + t.invalid + t.not_asked > 0)
        .collect();
    if !noteworthy.is_empty() {
        writeln!(
            out,
            "  per question (of {} accepted rows):",
            r.rows_accepted
        )?;
    }
    let width = noteworthy
        .iter()
        .map(|t| t.question.chars().count())
        .max()
        .unwrap_or(0);
    for t in noteworthy {
        let na = if t.not_applicable > 0 {
            format!(", {} n.v.t.", t.not_applicable)
        } else {
            String::new()
        };
        writeln!(
            out,
            "    {:<width$} {:>w$} given ({} unknown{na}), {:>w$} geen antwoord, {} invalid{}",
            t.question,
            t.answered,
            t.unknown,
            t.no_answer,
            t.invalid,
            not_asked(t.not_asked, t.answered_not_asked),
            w = r.rows_accepted.to_string().len()
        )?;
    }
    for c in &r.coercions {
        writeln!(
            out,
            "    coerced in {}: \"{}\" read as \"{}\" ({}x)",
            c.question,
            shown(&c.from),
            shown(&c.to),
            c.count
        )?;
    }
    if !r.unmatched_columns.is_empty() {
        writeln!(
            out,
            "  unmatched columns (not read): {}",
            quoted(&r.unmatched_columns)
        )?;
    }
    // Where the missing column would be: after the last one, as in strict mode's error.
    for id in &r.missing_questions {
        let e = peiling_survey::import::missing_column_error(&r.file, r.headers.len(), q, id);
        writeln!(out, "  {e}")?;
    }
    for d in &r.duplicates {
        let e = peiling_survey::import::duplicate_error(&r.file, d, &shown(&d.key));
        writeln!(out, "  {e}")?;
    }
    for rej in &r.rejected {
        writeln!(
            out,
            "  {}",
            peiling_survey::import::rejected_error(&r.file, rej)
        )?;
    }
    for p in &r.problems {
        let p = peiling_survey::Problem {
            found: shown(&p.found),
            ..p.clone()
        };
        writeln!(out, "  {}", problem_error(&r.file, &p))?;
    }
    if r.is_clean() {
        writeln!(out, "  no problems")?;
    }
    Ok(())
}

/// A text from the export as validate shows it: contact details replaced (the row and
/// column say where to look); control characters are escaped for the whole output.
fn shown(text: &str) -> String {
    peiling_core::privacy::redact_contacts(text).into_owned()
}

/// ", 4 not asked (1 answered although not asked)" when a condition left questions out.
fn not_asked(not_asked: usize, answered: usize) -> String {
    match (not_asked, answered) {
        (0, _) => String::new(),
        (n, 0) => format!(", {n} not asked"),
        (n, a) => format!(", {n} not asked ({a} answered although not asked)"),
    }
}

fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("\"{}\"", shown(i)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The rejected rows as they were, behind file, row, column and reason: one block per
/// export file, each with that file's header, so a row can be fixed and imported again.
/// Every cell is neutralised against formula injection (`csv_safe`).
fn rejects_csv<'a>(reports: impl Iterator<Item = &'a ImportReport>) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    let columns = ["file", "row", "column", "reason"];
    let mut wrote_header = false;
    for r in reports {
        if r.rejected.is_empty() {
            continue;
        }
        let mut header: Vec<String> = columns.iter().map(|s| s.to_string()).collect();
        header.extend(r.headers.iter().map(|h| csv_safe(h)));
        w.write_record(&header)?;
        wrote_header = true;
        for rej in &r.rejected {
            let mut record = vec![
                csv_safe(&r.file),
                rej.row.to_string(),
                rej.column.to_string(),
                csv_safe(&rej.reason.to_string()),
            ];
            record.extend(rej.fields.iter().map(|f| csv_safe(f)));
            w.write_record(&record)?;
        }
    }
    if !wrote_header {
        w.write_record(columns)?;
    }
    Ok(w.into_inner()?)
}
