//! `peiling validate`: the import's accounting, file by file, and every problem.

use std::io::Write;

use anyhow::Result;
use peiling_survey::import::problem_error;
use peiling_survey::ImportReport;

use super::{csv_safe, write_atomic};
use crate::args::ValidateArgs;
use crate::load;

pub fn run(args: &ValidateArgs) -> Result<()> {
    let survey = load::survey(&args.survey)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", survey.title)?;
    for part in &survey.parts {
        let q = part.questionnaire();
        print_report(&mut out, &q.id, &q.audience, &part.data.report)?;
    }
    if let Some(path) = &args.rejects {
        write_atomic(path, &rejects_csv(&survey)?)?;
        writeln!(out, "rejected rows written to {}", path.display())?;
    }
    Ok(())
}

fn print_report(out: &mut impl Write, qid: &str, audience: &str, r: &ImportReport) -> Result<()> {
    writeln!(out)?;
    writeln!(
        out,
        "{} ({}, {}) — questionnaire {qid} ({audience})",
        r.file, r.format, r.encoding
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
        "  answers: {} given ({} unknown), {} geen antwoord, {} invalid, {} coerced",
        sum(|t| t.answered),
        sum(|t| t.unknown),
        sum(|t| t.no_answer),
        sum(|t| t.invalid),
        coerced
    )?;
    for c in &r.coercions {
        writeln!(
            out,
            "    coerced in {}: \"{}\" read as \"{}\" ({}x)",
            c.question, c.from, c.to, c.count
        )?;
    }
    if !r.unmatched_columns.is_empty() {
        writeln!(
            out,
            "  unmatched columns (not read): {}",
            quoted(&r.unmatched_columns)
        )?;
    }
    if !r.missing_questions.is_empty() {
        writeln!(
            out,
            "  questions without a column (all geen antwoord): {}",
            quoted(&r.missing_questions)
        )?;
    }
    for d in &r.duplicates {
        writeln!(
            out,
            "  {}:{}: duplicate submission of row {} ({}){}",
            r.file,
            d.row,
            d.first_row,
            d.key,
            if d.kept { ", kept" } else { ", dropped" }
        )?;
    }
    for rej in &r.rejected {
        writeln!(
            out,
            "  {}:{}: row rejected: {}",
            r.file, rej.row, rej.reason
        )?;
    }
    for p in &r.problems {
        writeln!(out, "  {}", problem_error(&r.file, p))?;
    }
    if r.is_clean() {
        writeln!(out, "  no problems")?;
    }
    Ok(())
}

fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("\"{i}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn rejects_csv(survey: &peiling_survey::Survey) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["file", "row", "reason", "fields"])?;
    for part in &survey.parts {
        let r = &part.data.report;
        for rej in &r.rejected {
            let fields: Vec<String> = rej.fields.iter().map(|f| csv_safe(f)).collect();
            w.write_record([
                csv_safe(&r.file),
                rej.row.to_string(),
                csv_safe(&rej.reason),
                fields.join(" | "),
            ])?;
        }
    }
    Ok(w.into_inner()?)
}
