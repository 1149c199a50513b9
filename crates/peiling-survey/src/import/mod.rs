//! Import of survey exports: every row accepted or rejected with its reason, every
//! cell answered, unanswered or invalid, so the accounting always closes.

mod answers;
mod asked;
mod check;
pub(crate) mod columns;
mod decode;
mod dedup;
mod dictionary;
pub mod merge;
mod scrub;
pub mod split;
pub mod stream;
pub mod submitted;
mod table;
mod xlsx;
mod xlsx_check;

use std::collections::HashMap;

pub use answers::parse_number;
pub use columns::{detect_format, ExportFormat};
pub(crate) use table::sniff_binary;
pub use table::{read_table, FormulaCell, NotUtf8, Row, Table, TableOptions};

use crate::error::ImportError;
use crate::questionnaire::{Kind, Questionnaire};
use crate::response::{
    Answer, Duplicate, ImportReport, Meta, Problem, QuestionTally, Rejected, Response,
};
use crate::wording::{ImportMessage, RowReason};
use check::Checker;
use columns::{MetaField, Source};
pub use dedup::{stream_part, Drops};

/// What to do with a second submission of the same respondent (same id or e-mail).
#[allow(clippy::enum_variant_names)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DuplicatePolicy {
    /// Keep every submission; duplicates are only reported.
    #[default]
    KeepAll,
    KeepFirst,
    KeepLast,
}

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Force the export format instead of detecting it from the header.
    pub format: Option<ExportFormat>,
    pub table: TableOptions,
    pub duplicates: DuplicatePolicy,
    /// Any problem at all is an error.
    pub strict: bool,
}

/// The responses of one questionnaire from one export file.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub questionnaire: Questionnaire,
    pub responses: Vec<Response>,
    pub report: ImportReport,
}

/// Imports an export file's bytes; `file` names it in messages.
pub fn import(
    questionnaire: &Questionnaire,
    file: &str,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<Dataset, ImportError> {
    let table = read_table(file, bytes, &opts.table)?;
    import_table(questionnaire, file, table, opts)
}

/// The whole-file import: the table's rows through the one row checker
/// ([`check::Checker`]), the accepted ones collected as responses (with their metadata
/// and personal answers as given, for the contacts list, synthetic exports and the
/// duplicates), then duplicates resolved and the answers tallied.
pub fn import_table(
    questionnaire: &Questionnaire,
    file: &str,
    table: Table,
    opts: &ImportOptions,
) -> Result<Dataset, ImportError> {
    let mut checker = Checker::new(questionnaire, file, table.headers.clone(), opts)?;
    require_rows(file, &table)?;
    for row in &table.repeated {
        checker.reject_read(repeated_row(row.clone()));
    }
    for n in &table.not_utf8 {
        checker.problems.push(not_utf8_problem(n, &table.headers));
    }
    let mut formulas: HashMap<usize, Vec<&FormulaCell>> = HashMap::new();
    for f in &table.formulas {
        formulas.entry(f.line).or_default().push(f);
    }
    let mut responses = Vec::new();
    for row in &table.rows {
        let cells = formulas.get(&row.line).map_or(&[][..], Vec::as_slice);
        if checker.row(questionnaire, row.line, row.fields.as_slice(), cells) {
            responses.push(collect(questionnaire, &checker, row));
        }
    }
    let mut rejected = std::mem::take(&mut checker.rejected);
    let detected = std::mem::take(&mut checker.duplicates);
    let duplicates = resolve_duplicates(&mut responses, &mut rejected, detected, opts.duplicates);
    // A dropped duplicate is written to --rejects like any other row: with its fields.
    for r in rejected.iter_mut().filter(|r| r.fields.is_empty()) {
        if let Ok(i) = table.rows.binary_search_by_key(&r.row, |row| row.line) {
            r.fields = table.rows[i].fields.clone();
        }
        let by_email = duplicates
            .iter()
            .any(|d| (d.row == r.row || d.first_row == r.row) && d.key.starts_with("e-mail"));
        let field = if by_email {
            MetaField::Email
        } else {
            MetaField::Id
        };
        if let Some(&(col, _)) = checker.meta.iter().find(|(_, m)| *m == field) {
            r.column = col + 1;
        }
    }
    rejected.sort_by_key(|r| r.row);
    let mut problems = std::mem::take(&mut checker.problems);
    problems.sort_by_key(|p| (p.row, p.column));
    let warnings = check::unmatched_warnings(&checker.unmatched);
    let report = ImportReport {
        file: file.to_string(),
        format: checker.format.to_string(),
        encoding: table.encoding.to_string(),
        headers: table.headers.clone(),
        rows_read: checker.rows_read,
        rows_accepted: responses.len(),
        rejected,
        problems,
        coercions: checker.coercions(questionnaire),
        unmatched_columns: std::mem::take(&mut checker.unmatched),
        missing_questions: std::mem::take(&mut checker.missing_questions),
        duplicates,
        tallies: tallies(questionnaire, &responses, &checker.answered_not_asked),
        warnings,
        last_submission: last_submission(&responses),
    };
    debug_assert_eq!(
        report.rows_read,
        report.rows_accepted + report.rows_rejected()
    );
    if opts.strict {
        if let Some(e) = first_problem(&Findings {
            file: &report.file,
            headers: &table.headers,
            problems: &report.problems,
            rejected: &report.rejected,
            duplicates: &report.duplicates,
            unmatched_columns: &report.unmatched_columns,
            missing_questions: &report.missing_questions,
        }) {
            return Err(e);
        }
    }
    Ok(Dataset {
        questionnaire: questionnaire.clone(),
        responses,
        report,
    })
}

/// The problem of a line of a UTF-8 export that is not UTF-8 (read as Windows-1252).
pub(crate) fn not_utf8_problem(n: &NotUtf8, headers: &[String]) -> Problem {
    Problem {
        row: n.line,
        column: n.column,
        header: headers.get(n.column - 1).cloned().unwrap_or_default(),
        question: None,
        found: format!("byte 0x{:02X}, which is not UTF-8", n.byte),
        expected: crate::wording::Expected::Utf8,
    }
}

/// Is `p` the problem of a line that is not UTF-8 ([`not_utf8_problem`])?
pub(crate) fn is_not_utf8(p: &Problem) -> bool {
    p.question.is_none() && p.expected == crate::wording::Expected::Utf8
}

/// A row a workbook holds a second time, read but set aside.
pub(crate) fn repeated_row(row: Row) -> Rejected {
    Rejected {
        row: row.line,
        column: 1,
        reason: RowReason::RepeatedRow { row: row.line },
        fields: row.fields,
    }
}

/// The accepted row the checker just read, as a response: its answers from the
/// dictionaries, personal ones as given (the dictionaries do not keep them), and its
/// metadata.
fn collect(questionnaire: &Questionnaire, checker: &Checker, row: &Row) -> Response {
    let cell = |col: usize| row.fields.get(col).map_or("", |s| s.as_str()).trim();
    let mut meta = Meta::default();
    for &(col, field) in &checker.meta {
        let v = cell(col);
        let slot = match field {
            _ if v.is_empty() => continue,
            MetaField::Id => &mut meta.id,
            MetaField::Started => &mut meta.started,
            MetaField::Completed => &mut meta.completed,
            MetaField::Email => &mut meta.email,
            MetaField::Name => &mut meta.name,
            MetaField::Ignored => continue,
        };
        *slot = Some(v.to_string());
    }
    let answers = questionnaire
        .questions
        .iter()
        .enumerate()
        .map(|(qi, q)| {
            let answer = &checker.dictionaries[qi].answers[checker.ids[qi] as usize];
            match (answer, &checker.sources[qi]) {
                (Answer::Text(_), Some(Source::Column(col))) if q.is_personal() => {
                    Answer::Text(cell(*col).to_string())
                }
                _ => answer.clone(),
            }
        })
        .collect();
    Response {
        row: row.line,
        meta,
        answers,
    }
}

/// Per question: how the accepted responses answered it, and how many were not asked.
fn tallies(
    questionnaire: &Questionnaire,
    responses: &[Response],
    answered_not_asked: &[(usize, usize)],
) -> Vec<QuestionTally> {
    let conditions = asked::Conditions::new(questionnaire);
    let mut tallies: Vec<QuestionTally> = questionnaire
        .questions
        .iter()
        .map(|q| QuestionTally {
            question: q.id.clone(),
            ..QuestionTally::default()
        })
        .collect();
    for r in responses {
        let asked = conditions.asked(questionnaire, |qi| &r.answers[qi]);
        for ((t, answer), asked) in tallies.iter_mut().zip(&r.answers).zip(asked) {
            if !asked {
                t.not_asked += 1;
                continue;
            }
            t.asked(answer, 1);
        }
    }
    // Answers set aside count for the rows that are responses (not dropped duplicates).
    let rows: std::collections::HashSet<usize> = responses.iter().map(|r| r.row).collect();
    for &(row, qi) in answered_not_asked {
        if rows.contains(&row) {
            tallies[qi].answered_not_asked += 1;
        }
    }
    tallies
}

/// The problem of a formula cell without a stored result, naming the cell ("C7").
pub(crate) fn formula_problem(
    f: &FormulaCell,
    headers: &[String],
    question: Option<&str>,
    personal: bool,
) -> Problem {
    Problem {
        row: f.line,
        column: f.field + 1,
        header: headers.get(f.field).cloned().unwrap_or_default(),
        question: question.map(str::to_string),
        found: match &f.formula {
            Some(_) if personal => "a formula (personal data)".to_string(),
            Some(text) => text.clone(),
            None => "a formula".to_string(),
        },
        expected: crate::wording::Expected::StoredValue {
            cell: f.cell.clone(),
        },
    }
}

/// Where a question's answer is read and its text: the column (0-based; the first
/// option column of a LimeSurvey multi-select) and the cell, or the options re-assembled.
pub(crate) fn source_text<'a>(
    q: &crate::questionnaire::Question,
    source: Option<&Source>,
    cell: &impl Fn(usize) -> &'a str,
) -> (usize, String) {
    match source {
        None => (0, String::new()),
        Some(Source::Column(col)) => (*col, cell(*col).to_string()),
        Some(Source::OptionColumns { options, other }) => (
            options.first().map_or(0, |o| o.0),
            option_columns_text(q, options, *other, cell),
        ),
    }
}

/// Is this row the header once more (as when two exports are pasted into one file)?
/// Every column holds its header's text; a BOM or trailing empty fields do not count.
pub(crate) fn is_header_again<'a>(
    headers: &[String],
    fields: impl Iterator<Item = &'a str>,
) -> bool {
    let mut n = 0;
    for (i, f) in fields.enumerate() {
        let f = f.trim().trim_start_matches('\u{feff}').trim();
        match headers.get(i) {
            Some(h) if *h == f => n += 1,
            None if f.is_empty() => {}
            _ => return false,
        }
    }
    n == headers.len() && n > 0
}

/// LimeSurvey spreads a multi-select over columns; re-assemble it as `a;b;other;`.
pub(crate) fn option_columns_text<'a>(
    q: &crate::questionnaire::Question,
    options: &[(usize, usize)],
    other: Option<usize>,
    cell: &impl Fn(usize) -> &'a str,
) -> String {
    let Kind::Multi {
        options: choices, ..
    } = &q.kind
    else {
        return String::new();
    };
    let mut out = String::new();
    let mut sorted = options.to_vec();
    sorted.sort_by_key(|&(_, oi)| oi);
    for (col, oi) in sorted {
        let v = crate::normalize::normalize(cell(col));
        if matches!(v.as_str(), "y" | "yes" | "ja" | "1" | "x") {
            out.push_str(&choices[oi].label);
            out.push(';');
        }
    }
    if let Some(col) = other {
        let v = cell(col).trim();
        if !v.is_empty() {
            out.push_str(&v.replace(';', ","));
            out.push(';');
        }
    }
    out
}

/// Applies the policy to the second submissions the checker found (`detected`, each
/// with the row of its respondent's first): which are kept, and the rows dropped.
fn resolve_duplicates(
    responses: &mut Vec<Response>,
    rejected: &mut Vec<Rejected>,
    mut detected: Vec<Duplicate>,
    policy: DuplicatePolicy,
) -> Vec<Duplicate> {
    detected.sort_by_key(|d| (d.first_row, d.row));
    let drops = Drops::decide(&detected, policy);
    for d in &mut detected {
        d.kept = !drops.drops_file_row(d.row);
    }
    responses.retain(|r| {
        let d = drops.drops_file_row(r.row);
        if d {
            rejected.push(Rejected {
                row: r.row,
                column: 1,
                reason: RowReason::SecondSubmission,
                fields: Vec::new(),
            });
        }
        !d
    });
    detected
}

/// What an import found, for strict mode's error (the whole-file and the streamed
/// import each lend theirs).
pub(crate) struct Findings<'a> {
    pub file: &'a str,
    pub headers: &'a [String],
    pub problems: &'a [Problem],
    pub rejected: &'a [Rejected],
    pub duplicates: &'a [Duplicate],
    pub unmatched_columns: &'a [String],
    pub missing_questions: &'a [String],
}

/// Strict mode's error: the first problem, else the first rejected row, second
/// submission, unmatched column or missing question.
pub(crate) fn first_problem(report: &Findings<'_>) -> Option<ImportError> {
    let (file, headers) = (report.file, report.headers);
    if let Some(p) = report.problems.first() {
        return Some(problem_error(file, p));
    }
    if let Some(r) = report.rejected.first() {
        return Some(rejected_error(file, r));
    }
    if let Some(d) = report.duplicates.first() {
        return Some(ImportError::at(
            file,
            d.row,
            1,
            format!(
                "found a second submission of row {} ({}), expected one per respondent (strict mode)",
                d.first_row, d.key
            ),
        ));
    }
    if let Some(c) = report.unmatched_columns.first() {
        let column = headers.iter().position(|h| h == c).map_or(1, |i| i + 1);
        return Some(ImportError::at(
            file,
            1,
            column,
            format!(
                "found column \"{c}\", expected only columns that match a question (strict mode)"
            ),
        ));
    }
    report.missing_questions.first().map(|q| {
        ImportError::at(
            file,
            1,
            headers.len() + 1,
            format!("found no column for question \"{q}\", expected one (strict mode)"),
        )
    })
}

/// The one-line form of a cell problem: `file:row:column: found ..., expected ...`.
/// An export without responses is refused (by the import and by `peiling init`).
pub(crate) fn require_rows(file: &str, table: &Table) -> Result<(), ImportError> {
    if table.rows.is_empty() {
        return Err(ImportError::at(file, 2, 1, ImportMessage::OnlyHeader));
    }
    Ok(())
}

pub fn problem_error(file: &str, p: &Problem) -> ImportError {
    ImportError::at(
        file,
        p.row,
        p.column,
        ImportMessage::Cell {
            header: p.header.clone(),
            found: p.found.clone(),
            expected: p.expected.clone(),
        },
    )
}

/// The line for a rejected row: `file:row:column: row rejected: reason`.
pub fn rejected_error(file: &str, r: &Rejected) -> ImportError {
    ImportError::at(
        file,
        r.row,
        r.column,
        ImportMessage::Rejected(r.reason.clone()),
    )
}

/// The line for a second submission (a whole row: no column), kept or dropped; `key`
/// as the caller shows it (an e-mail address hidden).
pub fn duplicate_error(file: &str, d: &Duplicate, key: &str) -> ImportError {
    ImportError::row(
        file,
        d.row,
        ImportMessage::Duplicate {
            first_row: d.first_row,
            key: key.to_string(),
            kept: d.kept,
        },
    )
}

/// The line for an optional question of `q` that has no column in the export (its
/// answers all count as no answer): located after the last of `columns` columns.
pub fn missing_column_error(
    file: &str,
    columns: usize,
    q: &Questionnaire,
    id: &str,
) -> ImportError {
    let text = q.question(id).map_or("", |question| question.text.as_str());
    ImportError::at(
        file,
        1,
        columns + 1,
        ImportMessage::NoColumn {
            id: id.to_string(),
            text: text.to_string(),
        },
    )
}

/// The latest completion time among the accepted responses (`YYYY-MM-DD`).
fn last_submission(responses: &[Response]) -> Option<String> {
    let mut latest = submitted::LatestSubmission::default();
    for r in responses {
        if let Some(c) = &r.meta.completed {
            latest.add(c);
        }
    }
    latest.latest()
}
