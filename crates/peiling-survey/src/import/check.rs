//! The one row checker of every import: the header mapped to questions, each row
//! classified (an empty row, the header again, a separator too many or too few), its
//! cells read through the per-question dictionaries (`parse_cell` once per distinct
//! text), answers to questions that were not asked set aside, required questions
//! enforced, the respondent's own name taken out of their free text, and the accounting
//! kept, every problem and rejected row named by row and column. CSV blocks
//! ([`super::stream`]) and whole tables (a CSV read whole, an XLSX sheet) feed it row
//! by row; the whole-file import collects the accepted rows into responses.

use std::collections::HashMap;

use peiling_core::privacy::OwnName;

use crate::error::ImportError;
use crate::questionnaire::Questionnaire;
use crate::response::{Coercion, Duplicate, Problem, QuestionTally, Rejected};
use crate::wording::{ImportMessage, RowReason};

use super::asked::{set_aside, Conditions};
use super::columns::{map_columns, MetaField, Source};
use super::dedup::Drops;
use super::dictionary::Dictionary;
use super::submitted::LatestSubmission;
use super::table::FormulaCell;
use super::{formula_problem, is_header_again, option_columns_text, ImportOptions};

/// The cells of one row, as text (`""` beyond its end).
pub(crate) trait Cells {
    fn count(&self) -> usize;
    fn cell(&self, i: usize) -> &str;
}

impl Cells for [String] {
    fn count(&self) -> usize {
        self.len()
    }
    fn cell(&self, i: usize) -> &str {
        self.get(i).map_or("", String::as_str)
    }
}

impl Cells for csv::ByteRecord {
    fn count(&self) -> usize {
        self.len()
    }
    /// A field of a block that is valid UTF-8, split at ASCII bytes: always text.
    fn cell(&self, i: usize) -> &str {
        self.get(i)
            .map_or("", |f| std::str::from_utf8(f).unwrap_or_default())
    }
}

/// The checker's state for one export.
pub(crate) struct Checker {
    pub(crate) headers: Vec<String>,
    pub(crate) format: &'static str,
    /// Metadata columns (0-based) and what they hold.
    pub(crate) meta: Vec<(usize, MetaField)>,
    /// Per question: where its answer is read.
    pub(crate) sources: Vec<Option<Source>>,
    pub(crate) unmatched: Vec<String>,
    pub(crate) missing_questions: Vec<String>,
    /// The columns of the respondent's name, taken out of their free text.
    name_columns: Vec<usize>,
    /// Per question (questionnaire order): the answers the ids of the rows point at.
    pub(crate) dictionaries: Vec<Dictionary>,
    conditions: Conditions,
    pub(crate) rows_read: usize,
    pub(crate) rows_accepted: usize,
    pub(crate) rejected: Vec<Rejected>,
    pub(crate) problems: Vec<Problem>,
    /// (row, question) of every answer given to a question that was not asked.
    pub(crate) answered_not_asked: Vec<(usize, usize)>,
    /// The ids of the last row checked: one per question.
    pub(crate) ids: Vec<u32>,
    scratch: String,
    /// The completion-time column, and the latest date of the accepted rows in it.
    completed: Option<usize>,
    pub(super) latest: LatestSubmission,
    /// Per question, per id: the accepted rows that were asked it and gave that answer;
    /// per question, the accepted rows that were not asked it.
    asked_ids: Vec<Vec<usize>>,
    not_asked: Vec<usize>,
    /// The first accepted row of each respondent (by e-mail address, else by id).
    pub(super) first_of: HashMap<String, usize>,
    /// Every later accepted row of a respondent, with the row of their first.
    pub(crate) duplicates: Vec<Duplicate>,
    /// The second submissions the duplicate policy drops (decided by a first pass),
    /// and the rows dropped so far.
    drops: Drops,
    pub(crate) dropped: Vec<usize>,
}

impl Checker {
    /// Maps the header; an export that misses a required question, or matches none at
    /// all, is refused.
    pub(crate) fn new(
        q: &Questionnaire,
        file: &str,
        headers: Vec<String>,
        opts: &ImportOptions,
    ) -> Result<Checker, ImportError> {
        let map = map_columns(q, &headers, opts.format);
        let mut missing_questions = Vec::new();
        for (question, source) in q.questions.iter().zip(&map.questions) {
            if source.is_some() {
                continue;
            }
            if question.required {
                return Err(ImportError::at(
                    file,
                    1,
                    headers.len() + 1,
                    ImportMessage::NoRequiredColumn {
                        id: question.id.clone(),
                        kind: question.kind.name(),
                        text: question.text.clone(),
                    },
                ));
            }
            missing_questions.push(question.id.clone());
        }
        if map.questions.iter().all(Option::is_none) {
            return Err(ImportError::at(
                file,
                1,
                1,
                ImportMessage::NoQuestionColumns {
                    questionnaire: q.id.clone(),
                },
            ));
        }
        Ok(Checker {
            name_columns: super::scrub::name_columns(q, &map),
            format: map.format.name(),
            completed: map
                .meta
                .iter()
                .find(|(_, f)| *f == MetaField::Completed)
                .map(|(col, _)| *col),
            meta: map.meta,
            sources: map.questions,
            unmatched: map.unmatched.into_iter().map(|(_, h)| h).collect(),
            headers,
            missing_questions,
            dictionaries: q.questions.iter().map(|_| Dictionary::default()).collect(),
            conditions: Conditions::new(q),
            rows_read: 0,
            rows_accepted: 0,
            rejected: Vec::new(),
            problems: Vec::new(),
            answered_not_asked: Vec::new(),
            ids: Vec::with_capacity(q.questions.len()),
            scratch: String::new(),
            latest: LatestSubmission::default(),
            asked_ids: vec![Vec::new(); q.questions.len()],
            not_asked: vec![0; q.questions.len()],
            first_of: HashMap::new(),
            duplicates: Vec::new(),
            drops: Drops::none(),
            dropped: Vec::new(),
        })
    }

    /// Leaves the rows `drops` names out (they become rejected rows).
    pub(crate) fn dropping(&mut self, drops: Drops) {
        self.drops = drops;
    }

    /// A row read but set aside before it is checked (a workbook row held twice).
    pub(crate) fn reject_read(&mut self, rejected: Rejected) {
        self.rows_read += 1;
        self.rejected.push(rejected);
    }

    /// One data row at `line`; `formulas` are its cells that hold a formula without a
    /// stored result. True when it is accepted: [`Self::ids`] then holds its answers.
    pub(crate) fn row<C: Cells + ?Sized>(
        &mut self,
        q: &Questionnaire,
        line: usize,
        fields: &C,
        formulas: &[&FormulaCell],
    ) -> bool {
        self.rows_read += 1;
        if let Some((column, reason)) = self.classify(fields) {
            self.reject(line, column, reason, fields);
            return false;
        }
        for &(col, field) in &self.meta {
            if field != MetaField::Ignored {
                if let Some(f) = formulas.iter().find(|f| f.field == col) {
                    self.problems
                        .push(formula_problem(f, &self.headers, None, false));
                }
            }
        }
        let missing_required = self.answers(q, line, fields, formulas);
        let asides = self.answered_not_asked.len();
        self.set_aside(q, line, fields);
        if let Some((qi, column)) = missing_required {
            // Only responses count in the tallies.
            self.answered_not_asked.truncate(asides);
            let reason = RowReason::NoRequiredAnswer {
                id: q.questions[qi].id.clone(),
            };
            self.reject(line, column, reason, fields);
            return false;
        }
        if self.drops.drops(line) {
            // A second submission the policy drops: found again, then set aside whole.
            self.answered_not_asked.truncate(asides);
            let by_email = self.second_submission(line, fields);
            self.drop_row(line, by_email, fields);
            return false;
        }
        self.without_own_name(q, fields);
        self.tally(q);
        self.second_submission(line, fields);
        self.rows_accepted += 1;
        if let Some(col) = self.completed {
            self.latest.add(fields.cell(col));
        }
        true
    }

    /// Why the row is no response at all (its column and the reason), if it is not.
    fn classify<C: Cells + ?Sized>(&self, fields: &C) -> Option<(usize, RowReason)> {
        let n = fields.count();
        let blank = |i: usize| fields.cell(i).trim().is_empty();
        if (0..n).all(blank) {
            return Some((1, RowReason::Empty));
        }
        if is_header_again(&self.headers, (0..n).map(|i| fields.cell(i))) {
            return Some((1, RowReason::HeaderAgain));
        }
        // Extra trailing separators are common in spreadsheet saves; extra data is not.
        let width = self.headers.len();
        let extra = (width..n).find(|&i| !blank(i));
        if n < width || extra.is_some() {
            return Some((
                extra.map_or(n + 1, |i| i + 1),
                RowReason::Fields {
                    found: n,
                    expected: width,
                },
            ));
        }
        None
    }

    fn reject<C: Cells + ?Sized>(
        &mut self,
        line: usize,
        column: usize,
        reason: RowReason,
        fields: &C,
    ) {
        self.rejected.push(Rejected {
            row: line,
            column,
            reason,
            fields: (0..fields.count())
                .map(|i| fields.cell(i).to_string())
                .collect(),
        });
    }

    /// Reads every question's cell into [`Self::ids`], listing what cannot be read; the
    /// first required question without a valid answer (question, column), if any.
    fn answers<C: Cells + ?Sized>(
        &mut self,
        q: &Questionnaire,
        line: usize,
        fields: &C,
        formulas: &[&FormulaCell],
    ) -> Option<(usize, usize)> {
        self.ids.clear();
        let mut missing_required = None;
        for (qi, question) in q.questions.iter().enumerate() {
            let source = self.sources[qi].as_ref();
            let (col, raw): (usize, &str) = match source {
                None => (0, ""),
                Some(Source::Column(col)) => (*col, fields.cell(*col)),
                Some(Source::OptionColumns { options, other }) => {
                    self.scratch =
                        option_columns_text(question, options, *other, &|c| fields.cell(c));
                    (options.first().map_or(0, |o| o.0), self.scratch.as_str())
                }
            };
            // A formula without a stored result: what it says is unknown, not an answer.
            let formula = formula_of(source, formulas);
            let dict = &mut self.dictionaries[qi];
            let id = match formula {
                Some(f) => {
                    let p = formula_problem(
                        f,
                        &self.headers,
                        Some(&question.id),
                        question.is_personal(),
                    );
                    let id = dict.formula(p.found.clone());
                    self.problems.push(p);
                    id
                }
                None => dict.id(question, raw.as_bytes()),
            };
            if let Some(expected) = &dict.invalid[id as usize] {
                self.problems.push(Problem {
                    row: line,
                    column: col + 1,
                    header: self.headers.get(col).cloned().unwrap_or_default(),
                    question: Some(question.id.clone()),
                    found: raw.trim().to_string(),
                    expected: expected.clone(),
                });
            }
            if question.required
                && !dict.answers[id as usize].is_answered()
                && missing_required.is_none()
            {
                missing_required = Some((qi, col + 1));
            }
            self.ids.push(id);
        }
        missing_required
    }

    /// An answer to a question that was not asked is set aside: a problem, and no
    /// answer in the figures.
    fn set_aside<C: Cells + ?Sized>(&mut self, q: &Questionnaire, line: usize, fields: &C) {
        let (dicts, ids) = (&self.dictionaries, &self.ids);
        let aside = set_aside(
            q,
            &self.conditions,
            |qi| &dicts[qi].answers[ids[qi] as usize],
            &self.sources,
            &self.headers,
            line,
            &|c| fields.cell(c),
        );
        for (qi, problem) in aside {
            if let Some(p) = problem {
                self.problems.push(p);
                self.answered_not_asked.push((line, qi));
            }
            self.ids[qi] = self.dictionaries[qi].id(&q.questions[qi], b"");
        }
    }

    /// The respondent's own name out of their free text.
    fn without_own_name<C: Cells + ?Sized>(&mut self, q: &Questionnaire, fields: &C) {
        if self.name_columns.is_empty() {
            return;
        }
        let own_name = OwnName::from_cells(self.name_columns.iter().map(|&c| fields.cell(c)));
        for (qi, question) in q.questions.iter().enumerate() {
            let dict = &mut self.dictionaries[qi];
            let id = self.ids[qi];
            if let Some(text) =
                super::scrub::without_own_name(question, &dict.answers[id as usize], &own_name)
            {
                self.ids[qi] = dict.derived(question, id, text);
            }
        }
    }

    /// Counts the accepted row's answers per question, or that it was not asked.
    fn tally(&mut self, q: &Questionnaire) {
        let asked = if self.conditions.any() {
            let (dicts, ids) = (&self.dictionaries, &self.ids);
            self.conditions
                .asked(q, |qi| &dicts[qi].answers[ids[qi] as usize])
        } else {
            Vec::new()
        };
        for (qi, &id) in self.ids.iter().enumerate() {
            if asked.get(qi) == Some(&false) {
                self.not_asked[qi] += 1;
                continue;
            }
            let counts = &mut self.asked_ids[qi];
            if counts.len() <= id as usize {
                counts.resize(id as usize + 1, 0);
            }
            counts[id as usize] += 1;
        }
    }

    /// A second submission the duplicate policy drops, as a rejected row: named at its
    /// e-mail column when the respondent was found by address, else at its id column.
    fn drop_row<C: Cells + ?Sized>(&mut self, line: usize, by_email: bool, fields: &C) {
        let field = if by_email {
            MetaField::Email
        } else {
            MetaField::Id
        };
        let column = self
            .meta
            .iter()
            .find(|(_, m)| *m == field)
            .map_or(1, |&(col, _)| col + 1);
        self.reject(line, column, RowReason::SecondSubmission, fields);
        self.dropped.push(line);
    }

    /// Notes the accepted row as a second submission when its respondent (the e-mail
    /// address, else the id of the export's columns) was seen before. Whether the
    /// respondent is known by e-mail address.
    fn second_submission<C: Cells + ?Sized>(&mut self, line: usize, fields: &C) -> bool {
        let (mut email, mut id) = (None, None);
        for &(col, field) in &self.meta {
            let v = fields.cell(col).trim();
            match field {
                _ if v.is_empty() => {}
                MetaField::Email => email = Some(v),
                MetaField::Id => id = Some(v),
                _ => {}
            }
        }
        let key = match email.map(str::to_lowercase).filter(|e| e.contains('@')) {
            Some(e) => format!("e-mail {e}"),
            None => match id {
                Some(id) => format!("id {id}"),
                None => return false,
            },
        };
        let by_email = key.starts_with("e-mail");
        match self.first_of.get(&key) {
            Some(&first_row) => self.duplicates.push(Duplicate {
                row: line,
                first_row,
                key,
                kept: true,
            }),
            None => {
                self.first_of.insert(key, line);
            }
        }
        by_email
    }

    /// Per question: how the accepted rows answered it, and how many were not asked.
    pub(crate) fn tallies(&self, q: &Questionnaire) -> Vec<QuestionTally> {
        let mut not_asked = vec![0; q.questions.len()];
        for &(_, qi) in &self.answered_not_asked {
            not_asked[qi] += 1;
        }
        q.questions
            .iter()
            .enumerate()
            .map(|(qi, question)| {
                let mut t = QuestionTally {
                    question: question.id.clone(),
                    not_asked: self.not_asked[qi],
                    answered_not_asked: not_asked[qi],
                    ..QuestionTally::default()
                };
                for (id, &n) in self.asked_ids[qi].iter().enumerate() {
                    t.asked(&self.dictionaries[qi].answers[id], n);
                }
                t
            })
            .collect()
    }

    /// The tolerated spellings, counted over every row that was read as a response.
    pub(crate) fn coercions(&self, q: &Questionnaire) -> Vec<Coercion> {
        super::merge::coercions(q, &self.dictionaries)
    }

    /// The latest completion date among the accepted rows (`YYYY-MM-DD`).
    pub(crate) fn last_submission(&self) -> Option<String> {
        self.latest.latest()
    }
}

/// The import's warning about columns that match no question, if there are any.
pub(crate) fn unmatched_warnings(unmatched: &[String]) -> Vec<String> {
    if unmatched.is_empty() {
        return Vec::new();
    }
    vec![format!(
        "{} column(s) match no question and were not read",
        unmatched.len()
    )]
}

/// The formula cell (without a stored result) a question's answer would be read from.
fn formula_of<'f>(
    source: Option<&Source>,
    formulas: &[&'f FormulaCell],
) -> Option<&'f FormulaCell> {
    if formulas.is_empty() {
        return None;
    }
    let at = |col: usize| formulas.iter().find(|f| f.field == col).copied();
    match source? {
        Source::Column(col) => at(*col),
        Source::OptionColumns { options, other } => {
            options.iter().map(|o| o.0).chain(*other).find_map(at)
        }
    }
}
