//! Streaming import of a UTF-8 CSV export: the file is read in blocks cut at record
//! boundaries, every cell is looked up in a per-question dictionary (`parse_cell` runs
//! once per distinct cell text), and each accepted row is handed on as dictionary ids.
//!
//! It follows [`super::import_table`] row for row (same rejections, problems, coercions
//! and line numbers) but keeps no responses: memory grows with distinct answers, not
//! rows. Anything it does not handle exactly the same way (XLSX, other encodings, strict
//! mode, dropping duplicates, any error) makes it give up with `None`, and the caller
//! uses the ordinary import, which then gives the canonical answer or error.

use std::io::Read;

use peiling_core::privacy::OwnName;

use crate::questionnaire::Questionnaire;
use crate::response::{Coercion, Problem, Rejected};

use super::asked::{set_aside, Conditions};
use super::columns::{map_columns, MetaField, Source};
pub use super::dictionary::Dictionary;
use super::submitted::LatestSubmission;
use super::table::{detect_delimiter, MAX_COLUMNS, MAX_FIELD, MAX_ROW_BYTES};
use super::{option_columns_text, DuplicatePolicy, ImportOptions};

/// Blocks of about this size are parsed at a time.
const BLOCK: usize = 4 << 20;

/// What the streamed import did; the same figures as [`crate::ImportReport`] except
/// that duplicates are not looked for (keeping them all, they change no figure).
#[derive(Debug)]
pub struct StreamReport {
    pub file: String,
    pub format: String,
    pub encoding: &'static str,
    pub headers: Vec<String>,
    pub rows_read: usize,
    pub rows_accepted: usize,
    pub rejected: Vec<Rejected>,
    pub problems: Vec<Problem>,
    pub coercions: Vec<Coercion>,
    pub unmatched_columns: Vec<String>,
    pub missing_questions: Vec<String>,
    /// Per question (questionnaire order): the answers the ids of the rows point at.
    pub dictionaries: Vec<Dictionary>,
    /// As [`crate::ImportReport::last_submission`].
    pub last_submission: Option<String>,
    /// The completion times it was read from (chunks of one export are merged).
    pub(crate) submissions: LatestSubmission,
}

impl StreamReport {
    pub fn rows_rejected(&self) -> usize {
        self.rejected.len()
    }
}

/// Can this import be streamed at all (before looking at the bytes)?
pub fn supported(opts: &ImportOptions) -> bool {
    !opts.strict && opts.duplicates == DuplicatePolicy::KeepAll && opts.table.sheet.is_none()
}

/// Streams `reader` (the export named `file`); `row` gets the dictionary ids of every
/// accepted row (one per question) with the dictionaries, `progress` the bytes read so
/// far. `None`: not streamable, use [`super::import`].
pub fn stream_csv<R: Read>(
    questionnaire: &Questionnaire,
    file: &str,
    reader: R,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(u64),
    row: &mut dyn FnMut(&[u32], &[Dictionary]),
) -> Option<StreamReport> {
    stream_blocks(questionnaire, file, reader, opts, BLOCK, progress, row)
}

/// [`stream_csv`] with blocks of about `block` bytes (tests use tiny ones).
fn stream_blocks<R: Read>(
    questionnaire: &Questionnaire,
    file: &str,
    mut reader: R,
    opts: &ImportOptions,
    block_size: usize,
    progress: &mut dyn FnMut(u64),
    row: &mut dyn FnMut(&[u32], &[Dictionary]),
) -> Option<StreamReport> {
    if !supported(opts) {
        return None;
    }
    let mut buf: Vec<u8> = Vec::with_capacity(block_size + (1 << 20));
    let mut eof = false;
    let mut read_total = 0u64;
    let mut state: Option<Rows> = None;
    let mut first = true;
    let mut encoding = "UTF-8";
    // The first read must hold a BOM or a workbook's magic number whole.
    let mut want = block_size.max(4);
    loop {
        while !eof && buf.len() < want {
            let start = buf.len();
            buf.resize(start + (want - start).clamp(1, 1 << 20), 0);
            let n = reader.read(&mut buf[start..]).ok()?;
            buf.truncate(start + n);
            read_total += n as u64;
            eof = n == 0;
        }
        if first {
            first = false;
            if buf.starts_with(b"PK\x03\x04")
                || buf.starts_with(b"\xFF\xFE")
                || buf.starts_with(b"\xFE\xFF")
                || buf.iter().all(|b| b.is_ascii_whitespace())
            {
                return None;
            }
            if buf.starts_with(b"\xEF\xBB\xBF") {
                buf.drain(..3);
                encoding = "UTF-8 (BOM)";
            }
        }
        // Whole characters only; a character cut by the read is completed next time.
        let block = match std::str::from_utf8(&buf) {
            Ok(text) => text,
            Err(e) if !eof && e.error_len().is_none() => {
                std::str::from_utf8(&buf[..e.valid_up_to()]).ok()?
            }
            Err(_) => return None,
        };
        if block.contains('\0') {
            return None;
        }
        let delimiter = match &state {
            Some(s) => s.delimiter,
            None => {
                let delimiter = opts
                    .table
                    .delimiter
                    .unwrap_or_else(|| detect_delimiter(block));
                // The separator is guessed from the whole header line: read on until
                // the header record has ended.
                if !eof
                    && Scanner::default()
                        .scan(block.as_bytes(), delimiter)
                        .is_none()
                {
                    if buf.len() > MAX_ROW_BYTES {
                        return None; // the whole-file path names the row
                    }
                    want = buf.len() * 2;
                    continue;
                }
                delimiter
            }
        };
        if eof {
            // The csv crate reads an unclosed quote to the end without complaint; the
            // last block starts at a record, so a fresh scan finds one.
            let mut scan = Scanner::default();
            scan.scan(block.as_bytes(), delimiter);
            if scan.in_quotes {
                return None;
            }
        }
        let rows = match &mut state {
            Some(s) => s,
            None => state.insert(Rows::start(
                questionnaire,
                file,
                block,
                delimiter,
                encoding,
                opts,
            )?),
        };
        let used = rows.block(questionnaire, block, eof, row)?;
        progress(read_total);
        if eof && used == buf.len() {
            break;
        }
        if used == 0 {
            if buf.len() > MAX_ROW_BYTES {
                return None; // the whole-file path names the row
            }
            want = buf.len() * 2; // one record longer than a block: read on
        } else {
            want = block_size;
            buf.drain(..used);
        }
    }
    state?.finish(questionnaire)
}

/// A field of a block that is valid UTF-8, split at ASCII bytes: always text.
fn text(field: &[u8]) -> &str {
    std::str::from_utf8(field).unwrap_or_default()
}

/// Finds record ends with the csv crate's quoting rules (a quote opens a field only at
/// its start, `""` inside is a quote), carrying its state across reads.
#[derive(Debug, Default)]
struct Scanner {
    pos: usize,
    in_quotes: bool,
    at_field_start: bool,
    started: bool,
}

impl Scanner {
    /// Scans the new bytes; the end of the last complete record, if any.
    fn scan(&mut self, bytes: &[u8], delimiter: u8) -> Option<usize> {
        if !self.started {
            self.started = true;
            self.at_field_start = true;
        }
        let mut last = None;
        let mut i = self.pos;
        while i < bytes.len() {
            let b = bytes[i];
            if self.in_quotes {
                if b == b'"' {
                    match bytes.get(i + 1) {
                        Some(b'"') => i += 1,
                        None => break, // cannot tell yet: "" or a closing quote
                        Some(_) => self.in_quotes = false,
                    }
                }
                i += 1;
                continue;
            }
            match b {
                b'"' if self.at_field_start => {
                    self.in_quotes = true;
                    self.at_field_start = false;
                }
                b'\n' => {
                    self.at_field_start = true;
                    last = Some(i + 1);
                }
                b'\r' => self.at_field_start = true,
                _ if b == delimiter => self.at_field_start = true,
                _ => self.at_field_start = false,
            }
            i += 1;
        }
        self.pos = i;
        last
    }
}

/// The row loop of [`super::import_table`], block by block.
struct Rows {
    file: String,
    delimiter: u8,
    encoding: &'static str,
    format: String,
    headers: Vec<String>,
    sources: Vec<Option<Source>>,
    /// The columns of the respondent's name, taken out of their free text.
    name_columns: Vec<usize>,
    unmatched: Vec<String>,
    missing_questions: Vec<String>,
    dictionaries: Vec<Dictionary>,
    conditions: Conditions,
    /// Lines before the current block.
    line_base: usize,
    header_done: bool,
    rows_read: usize,
    rows_accepted: usize,
    rejected: Vec<Rejected>,
    problems: Vec<Problem>,
    ids: Vec<u32>,
    scratch: String,
    /// The completion-time column, and the latest date of the accepted rows in it.
    completed: Option<usize>,
    latest: LatestSubmission,
}

impl Rows {
    fn start(
        q: &Questionnaire,
        file: &str,
        first_block: &str,
        delimiter: u8,
        encoding: &'static str,
        opts: &ImportOptions,
    ) -> Option<Rows> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(first_block.as_bytes());
        let headers: Vec<String> = match reader.records().next() {
            Some(Ok(r)) => r.iter().map(|h| h.trim().to_string()).collect(),
            _ => return None,
        };
        if headers.len() < 2 || headers.len() > MAX_COLUMNS {
            return None;
        }
        let map = map_columns(q, &headers, opts.format);
        let mut missing_questions = Vec::new();
        for (question, source) in q.questions.iter().zip(&map.questions) {
            if source.is_none() {
                if question.required {
                    return None;
                }
                missing_questions.push(question.id.clone());
            }
        }
        if map.questions.iter().all(Option::is_none) {
            return None;
        }
        Some(Rows {
            name_columns: super::scrub::name_columns(q, &map),
            file: file.to_string(),
            delimiter,
            encoding,
            format: map.format.name().to_string(),
            headers,
            sources: map.questions,
            unmatched: map.unmatched.into_iter().map(|(_, h)| h).collect(),
            missing_questions,
            dictionaries: q.questions.iter().map(|_| Dictionary::default()).collect(),
            conditions: Conditions::new(q),
            line_base: 0,
            header_done: false,
            rows_read: 0,
            rows_accepted: 0,
            rejected: Vec::new(),
            problems: Vec::new(),
            ids: Vec::with_capacity(q.questions.len()),
            scratch: String::new(),
            completed: map
                .meta
                .iter()
                .find(|(_, f)| *f == MetaField::Completed)
                .map(|(col, _)| *col),
            latest: LatestSubmission::default(),
        })
    }

    /// Reads the complete records of `text` (all of it at the end of the file); how
    /// many bytes that was. A record that reaches the end of a block may be cut short:
    /// it is read again, whole, with the next block.
    fn block(
        &mut self,
        q: &Questionnaire,
        text: &str,
        eof: bool,
        sink: &mut dyn FnMut(&[u32], &[Dictionary]),
    ) -> Option<usize> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(self.delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut record = csv::ByteRecord::new();
        let (mut seen_byte, mut seen_line) = (0usize, self.line_base + 1);
        let used;
        let width = self.headers.len();
        loop {
            let start = reader.position().byte() as usize;
            match reader.read_byte_record(&mut record) {
                Ok(true) => {}
                Ok(false) => {
                    used = text.len();
                    break;
                }
                Err(_) => return None,
            }
            if !eof && reader.position().byte() as usize >= text.len() {
                used = start;
                break;
            }
            if !self.header_done {
                self.header_done = true;
                continue;
            }
            // Lines as an editor counts them, exactly as `read_csv` does.
            let mut byte = record
                .position()
                .map_or(seen_byte, |p| (p.byte() as usize).min(text.len()));
            while matches!(text.as_bytes().get(byte), Some(b'\r' | b'\n')) {
                byte += 1;
            }
            if byte >= seen_byte {
                seen_line += text.as_bytes()[seen_byte..byte]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count();
                seen_byte = byte;
            }
            let line = seen_line;
            if record.len() > MAX_COLUMNS || record.iter().any(|f| f.len() > MAX_FIELD) {
                return None;
            }
            self.rows_read += 1;
            self.row(q, line, &record, width, sink);
        }
        self.line_base += text.as_bytes()[..used]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        Some(used)
    }

    fn row(
        &mut self,
        q: &Questionnaire,
        line: usize,
        fields: &csv::ByteRecord,
        width: usize,
        sink: &mut dyn FnMut(&[u32], &[Dictionary]),
    ) {
        let owned = || {
            fields
                .iter()
                .map(|f| text(f).to_string())
                .collect::<Vec<_>>()
        };
        // As `str::trim`: ASCII whitespace plus vertical tab, or any Unicode space.
        let blank = |f: &[u8]| {
            if f.is_ascii() {
                f.iter().all(|&b| b.is_ascii_whitespace() || b == 0x0B)
            } else {
                text(f).trim().is_empty()
            }
        };
        if fields.iter().all(blank) {
            self.rejected.push(Rejected {
                row: line,
                column: 1,
                reason: "found an empty row, expected a response".into(),
                fields: owned(),
            });
            return;
        }
        if super::is_header_again(&self.headers, fields.iter().map(text)) {
            self.rejected.push(Rejected {
                row: line,
                column: 1,
                reason: super::HEADER_AGAIN.into(),
                fields: owned(),
            });
            return;
        }
        let n = fields.len();
        let extra_data = fields.iter().skip(width).any(|f| !blank(f));
        if n < width || extra_data {
            let column = if extra_data {
                width
                    + 1
                    + fields
                        .iter()
                        .skip(width)
                        .position(|f| !blank(f))
                        .unwrap_or(0)
            } else {
                n + 1
            };
            self.rejected.push(Rejected {
                row: line,
                column,
                reason: format!(
                    "found {n} fields, expected {width} as in the header: a separator too many or too few?"
                ),
                fields: owned(),
            });
            return;
        }
        let cell = |col: usize| fields.get(col).map_or("", text);
        self.ids.clear();
        let mut missing_required: Option<(usize, usize)> = None;
        for (qi, (question, source)) in q.questions.iter().zip(&self.sources).enumerate() {
            let (col, raw): (usize, &[u8]) = match source {
                None => (0, b""),
                Some(Source::Column(col)) => (*col, fields.get(*col).unwrap_or_default()),
                Some(Source::OptionColumns { options, other }) => {
                    self.scratch = option_columns_text(question, options, *other, &cell);
                    (options.first().map_or(0, |o| o.0), self.scratch.as_bytes())
                }
            };
            let dict = &mut self.dictionaries[qi];
            let id = dict.id(question, raw);
            if let Some(expected) = &dict.invalid[id as usize] {
                self.problems.push(Problem {
                    row: line,
                    column: col + 1,
                    header: self.headers.get(col).cloned().unwrap_or_default(),
                    question: Some(question.id.clone()),
                    found: text(raw).trim().to_string(),
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
        // As the import does: an answer to a question that was not asked is set aside.
        let (dicts, ids) = (&self.dictionaries, &self.ids);
        let answer = |qi: usize| &dicts[qi].answers[ids[qi] as usize];
        let aside = set_aside(
            q,
            &self.conditions,
            answer,
            &self.sources,
            &self.headers,
            line,
            &cell,
        );
        for (qi, problem) in aside {
            self.problems.extend(problem);
            self.ids[qi] = self.dictionaries[qi].id(&q.questions[qi], b"");
        }
        if let Some((qi, column)) = missing_required {
            self.rejected.push(Rejected {
                row: line,
                column,
                reason: format!(
                    "found no valid answer to required question \"{}\", expected one",
                    q.questions[qi].id
                ),
                fields: owned(),
            });
            return;
        }
        if !self.name_columns.is_empty() {
            let own_name = OwnName::from_cells(self.name_columns.iter().map(|&col| cell(col)));
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
        self.rows_accepted += 1;
        if let Some(col) = self.completed {
            self.latest.add(cell(col));
        }
        sink(&self.ids, &self.dictionaries);
    }

    fn finish(self, q: &Questionnaire) -> Option<StreamReport> {
        if self.rows_read == 0 {
            return None; // "only a header row": the ordinary import's error
        }
        let coercions = super::merge::coercions(q, &self.dictionaries);
        let mut rejected = self.rejected;
        rejected.sort_by_key(|r| r.row);
        let mut problems = self.problems;
        problems.sort_by_key(|p| (p.row, p.column));
        Some(StreamReport {
            file: self.file,
            format: self.format,
            encoding: self.encoding,
            headers: self.headers,
            rows_read: self.rows_read,
            rows_accepted: self.rows_accepted,
            rejected,
            problems,
            coercions,
            unmatched_columns: self.unmatched,
            missing_questions: self.missing_questions,
            dictionaries: self.dictionaries,
            last_submission: self.latest.latest(),
            submissions: self.latest,
        })
    }
}

#[cfg(test)]
mod tests;
