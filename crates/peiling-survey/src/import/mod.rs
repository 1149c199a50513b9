//! Import of survey exports: every row accepted or rejected with its reason, every
//! cell answered, unanswered or invalid, so the accounting always closes.

mod answers;
mod asked;
pub(crate) mod columns;
mod dictionary;
pub mod merge;
mod scrub;
pub mod split;
pub mod stream;
pub mod submitted;
mod table;
mod xlsx_check;

use std::collections::HashMap;

use peiling_core::privacy::OwnName;

pub use answers::parse_number;
pub use columns::{detect_format, ExportFormat};
pub(crate) use table::sniff_binary;
pub use table::{read_table, FormulaCell, NotUtf8, Row, Table, TableOptions};

use crate::error::ImportError;
use crate::questionnaire::{Kind, Questionnaire};
use crate::response::{
    Answer, Coercion, Duplicate, ImportReport, Meta, Problem, QuestionTally, Rejected, Response,
};
use columns::{map_columns, MetaField, Source};

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

pub fn import_table(
    questionnaire: &Questionnaire,
    file: &str,
    table: Table,
    opts: &ImportOptions,
) -> Result<Dataset, ImportError> {
    let map = map_columns(questionnaire, &table.headers, opts.format);
    let mut warnings = Vec::new();
    let mut missing_questions = Vec::new();
    for (q, source) in questionnaire.questions.iter().zip(&map.questions) {
        if source.is_none() {
            if q.required {
                return Err(ImportError::at(
                    file,
                    1,
                    table.headers.len() + 1,
                    format!(
                        "found no column for required question \"{}\" ({}), expected a header \"{}\"",
                        q.id,
                        q.kind.name(),
                        q.text
                    ),
                ));
            }
            missing_questions.push(q.id.clone());
        }
    }
    if map.questions.iter().all(Option::is_none) {
        return Err(ImportError::at(
            file,
            1,
            1,
            format!(
                "found no column that matches a question of \"{}\", expected the headers of its questions: is this the right questionnaire for this export?",
                questionnaire.id
            ),
        ));
    }
    require_rows(file, &table)?;

    let width = table.headers.len();
    let name_columns = scrub::name_columns(questionnaire, &map);
    let mut responses = Vec::new();
    let mut rejected = Vec::new();
    let mut problems = Vec::new();
    let mut coerced: HashMap<(usize, String, String), usize> = HashMap::new();
    let rows_read = table.rows.len() + table.repeated.len();
    let conditions = asked::Conditions::new(questionnaire);
    // Per row (line): the questions answered although not asked (each a problem).
    let mut not_asked: HashMap<usize, Vec<usize>> = HashMap::new();
    let formula_at: HashMap<(usize, usize), &FormulaCell> = table
        .formulas
        .iter()
        .map(|f| ((f.line, f.field), f))
        .collect();
    for row in &table.repeated {
        rejected.push(Rejected {
            row: row.line,
            column: 1,
            reason: format!(
                "found row {} of the sheet a second time, expected each row once (the first was read)",
                row.line
            ),
            fields: row.fields.clone(),
        });
    }
    for n in &table.not_utf8 {
        problems.push(Problem {
            row: n.line,
            column: n.column,
            header: table.headers.get(n.column - 1).cloned().unwrap_or_default(),
            question: None,
            found: format!("byte 0x{:02X}, which is not UTF-8", n.byte),
            expected: "UTF-8 as in the rest of the file (this line was read as Windows-1252)"
                .into(),
        });
    }

    for row in &table.rows {
        let fields = &row.fields;
        let filled = fields.iter().filter(|f| !f.trim().is_empty()).count();
        if filled == 0 {
            rejected.push(Rejected {
                row: row.line,
                column: 1,
                reason: "found an empty row, expected a response".into(),
                fields: fields.clone(),
            });
            continue;
        }
        if is_header_again(&table.headers, fields.iter().map(String::as_str)) {
            rejected.push(Rejected {
                row: row.line,
                column: 1,
                reason: HEADER_AGAIN.into(),
                fields: fields.clone(),
            });
            continue;
        }
        // Extra trailing separators are common in spreadsheet saves; extra data is not.
        let extra_data = fields.iter().skip(width).any(|f| !f.trim().is_empty());
        if fields.len() < width || extra_data {
            let column = if extra_data {
                width
                    + 1
                    + fields[width..]
                        .iter()
                        .position(|f| !f.trim().is_empty())
                        .unwrap_or(0)
            } else {
                fields.len() + 1
            };
            rejected.push(Rejected {
                row: row.line,
                column,
                reason: format!(
                    "found {} fields, expected {} as in the header: a separator too many or too few?",
                    fields.len(),
                    width
                ),
                fields: fields.clone(),
            });
            continue;
        }
        let cell = |col: usize| fields.get(col).map_or("", |s| s.as_str());

        let mut meta = Meta::default();
        let mut row_problems = Vec::new();
        for &(col, field) in &map.meta {
            if let Some(f) = formula_at.get(&(row.line, col)) {
                if field != MetaField::Ignored {
                    row_problems.push(formula_problem(f, &table.headers, None, false));
                }
            }
            let v = cell(col).trim();
            if v.is_empty() {
                continue;
            }
            let slot = match field {
                MetaField::Id => &mut meta.id,
                MetaField::Started => &mut meta.started,
                MetaField::Completed => &mut meta.completed,
                MetaField::Email => &mut meta.email,
                MetaField::Name => &mut meta.name,
                MetaField::Ignored => continue,
            };
            *slot = Some(v.to_string());
        }

        let mut answers = Vec::with_capacity(questionnaire.questions.len());
        let mut missing_required: Option<(String, usize)> = None;
        for (qi, (q, source)) in questionnaire
            .questions
            .iter()
            .zip(&map.questions)
            .enumerate()
        {
            let (col, raw) = source_text(q, source.as_ref(), &cell);
            // A formula without a stored result: what it says is unknown, not an answer.
            let formula = match source {
                None => None,
                Some(Source::Column(col)) => formula_at.get(&(row.line, *col)),
                Some(Source::OptionColumns { options, other }) => options
                    .iter()
                    .map(|o| o.0)
                    .chain(*other)
                    .find_map(|c| formula_at.get(&(row.line, c))),
            };
            let parsed = match formula {
                Some(f) => {
                    let p = formula_problem(f, &table.headers, Some(&q.id), q.is_personal());
                    let found = p.found.clone();
                    row_problems.push(p);
                    Ok(answers::Parsed {
                        answer: Answer::Invalid(found),
                        coerced: Vec::new(),
                    })
                }
                None => answers::parse_cell(q, &raw),
            };
            let answer = match parsed {
                Ok(parsed) => {
                    for (from, to) in parsed.coerced {
                        *coerced.entry((qi, from, to)).or_default() += 1;
                    }
                    let mut answer = parsed.answer;
                    scrub::scrub_answer(q, &mut answer);
                    answer
                }
                Err(e) => {
                    row_problems.push(Problem {
                        row: row.line,
                        column: col + 1,
                        header: table.headers.get(col).cloned().unwrap_or_default(),
                        question: Some(q.id.clone()),
                        found: raw.trim().to_string(),
                        expected: e.expected,
                    });
                    Answer::Invalid(raw.trim().to_string())
                }
            };
            if q.required && !answer.is_answered() && missing_required.is_none() {
                missing_required = Some((q.id.clone(), col + 1));
            }
            answers.push(answer);
        }
        // An answer to a question that was not asked is set aside: a problem, and no
        // answer in the figures.
        let aside = asked::set_aside(
            questionnaire,
            &conditions,
            |qi| &answers[qi],
            &map.questions,
            &table.headers,
            row.line,
            &cell,
        );
        for (qi, problem) in aside {
            if let Some(p) = problem {
                row_problems.push(p);
                not_asked.entry(row.line).or_default().push(qi);
            }
            answers[qi] = Answer::NoAnswer;
        }
        if let Some((qid, column)) = missing_required {
            problems.extend(row_problems);
            rejected.push(Rejected {
                row: row.line,
                column,
                reason: format!(
                    "found no valid answer to required question \"{qid}\", expected one"
                ),
                fields: fields.clone(),
            });
            continue;
        }
        problems.extend(row_problems);
        let own_name = OwnName::from_cells(name_columns.iter().map(|&col| cell(col)));
        for (q, answer) in questionnaire.questions.iter().zip(answers.iter_mut()) {
            if let Some(text) = scrub::without_own_name(q, answer, &own_name) {
                *answer = scrub::with_free_text(q, answer, text);
            }
        }
        responses.push(Response {
            row: row.line,
            meta,
            answers,
        });
    }

    let duplicates = resolve_duplicates(&mut responses, &mut rejected, opts.duplicates);
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
        if let Some(&(col, _)) = map.meta.iter().find(|(_, m)| *m == field) {
            r.column = col + 1;
        }
    }
    if !map.unmatched.is_empty() {
        warnings.push(format!(
            "{} column(s) match no question and were not read",
            map.unmatched.len()
        ));
    }

    let mut tallies: Vec<QuestionTally> = questionnaire
        .questions
        .iter()
        .map(|q| QuestionTally {
            question: q.id.clone(),
            ..QuestionTally::default()
        })
        .collect();
    for r in &responses {
        let asked = conditions.asked(questionnaire, |qi| &r.answers[qi]);
        for ((t, answer), asked) in tallies.iter_mut().zip(&r.answers).zip(asked) {
            if !asked {
                t.not_asked += 1;
                continue;
            }
            match answer {
                Answer::NoAnswer => t.no_answer += 1,
                Answer::Invalid(_) => t.invalid += 1,
                Answer::Unknown(_) => {
                    t.answered += 1;
                    t.unknown += 1;
                }
                Answer::NotApplicable(_) => {
                    t.answered += 1;
                    t.not_applicable += 1;
                }
                _ => t.answered += 1,
            }
        }
        for &qi in not_asked.get(&r.row).into_iter().flatten() {
            tallies[qi].answered_not_asked += 1;
        }
    }

    let mut coercions: Vec<Coercion> = coerced
        .into_iter()
        .map(|((qi, from, to), count)| Coercion {
            question: questionnaire.questions[qi].id.clone(),
            from,
            to,
            count,
        })
        .collect();
    coercions.sort_by(|a, b| (&a.question, &a.from).cmp(&(&b.question, &b.from)));
    rejected.sort_by_key(|r| r.row);
    problems.sort_by_key(|p| (p.row, p.column));

    let report = ImportReport {
        file: file.to_string(),
        format: map.format.name().to_string(),
        encoding: table.encoding.to_string(),
        headers: table.headers.clone(),
        rows_read,
        rows_accepted: responses.len(),
        rejected,
        problems,
        coercions,
        unmatched_columns: map.unmatched.into_iter().map(|(_, h)| h).collect(),
        missing_questions,
        duplicates,
        tallies,
        warnings,
        last_submission: last_submission(&responses),
    };
    debug_assert_eq!(
        report.rows_read,
        report.rows_accepted + report.rows_rejected()
    );

    if opts.strict {
        if let Some(e) = first_problem(&report, &table.headers) {
            return Err(e);
        }
    }
    Ok(Dataset {
        questionnaire: questionnaire.clone(),
        responses,
        report,
    })
}

/// The problem of a formula cell without a stored result, naming the cell ("C7").
fn formula_problem(
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
        expected: format!(
            "a value stored in cell {}: the formula's result was never saved and peiling does not compute formulas (open the workbook in Excel and save it again)",
            f.cell
        ),
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

pub(crate) const HEADER_AGAIN: &str =
    "found the header row again, expected a response (were two exports pasted together?)";

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
fn option_columns_text<'a>(
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

fn resolve_duplicates(
    responses: &mut Vec<Response>,
    rejected: &mut Vec<Rejected>,
    policy: DuplicatePolicy,
) -> Vec<Duplicate> {
    let key = |r: &Response| -> Option<String> {
        if let Some(e) = r.meta.email.as_deref() {
            let e = e.trim().to_lowercase();
            if e.contains('@') {
                return Some(format!("e-mail {e}"));
            }
        }
        r.meta.id.as_deref().map(|id| format!("id {}", id.trim()))
    };
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, r) in responses.iter().enumerate() {
        if let Some(k) = key(r) {
            match first.get(&k) {
                Some(&g) => groups[g].1.push(i),
                None => {
                    first.insert(k.clone(), groups.len());
                    groups.push((k, vec![i]));
                }
            }
        }
    }
    let mut duplicates = Vec::new();
    let mut drop = vec![false; responses.len()];
    for (k, members) in groups.iter().filter(|(_, m)| m.len() > 1) {
        let keep = match policy {
            DuplicatePolicy::KeepAll => None,
            DuplicatePolicy::KeepFirst => Some(members[0]),
            DuplicatePolicy::KeepLast => Some(*members.last().unwrap_or(&members[0])),
        };
        for &i in &members[1..] {
            duplicates.push(Duplicate {
                row: responses[i].row,
                first_row: responses[members[0]].row,
                key: k.clone(),
                kept: keep.is_none() || keep == Some(i),
            });
        }
        if let Some(keep) = keep {
            for &i in members.iter().filter(|&&i| i != keep) {
                drop[i] = true;
            }
        }
    }
    let mut i = 0;
    responses.retain(|r| {
        let d = drop[i];
        i += 1;
        if d {
            rejected.push(Rejected {
                row: r.row,
                column: 1,
                reason: "found a second submission of the same respondent, expected one (the other was kept)"
                    .into(),
                fields: Vec::new(),
            });
        }
        !d
    });
    duplicates
}

fn first_problem(report: &ImportReport, headers: &[String]) -> Option<ImportError> {
    let file = &report.file;
    if let Some(p) = report.problems.first() {
        return Some(problem_error(file, p));
    }
    if let Some(r) = report.rejected.first() {
        return Some(ImportError::at(
            file,
            r.row,
            r.column,
            format!("row rejected: {}", r.reason),
        ));
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
        return Err(ImportError::at(
            file,
            2,
            1,
            "found only a header row, expected responses below it",
        ));
    }
    Ok(())
}

pub fn problem_error(file: &str, p: &Problem) -> ImportError {
    ImportError::at(
        file,
        p.row,
        p.column,
        format!(
            "column \"{}\": found \"{}\", expected {}",
            short(&p.header, 60),
            short(&p.found, 80),
            p.expected
        ),
    )
}

fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max).collect();
        t.push('…');
        t
    }
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
