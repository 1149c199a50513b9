//! Streaming import of a UTF-8 CSV export: the file is read in blocks cut at record
//! boundaries, every cell is looked up in a per-question dictionary (`parse_cell` runs
//! once per distinct cell text), and each accepted row is handed on as dictionary ids.
//!
//! Its rows go through the one row checker that the whole-file import uses
//! ([`super::check`]), but no responses are kept: memory grows with distinct answers,
//! not rows. Second submissions that the duplicate policy drops are named by a first
//! pass ([`super::dedup`]); strict mode's error comes from the finished report
//! ([`StreamReport::strict_error`]). Exports in UTF-16 or Windows-1252 (also a UTF-8
//! file with some lines that are not) are decoded block by block on the way in
//! ([`super::decode`]). Anything it does not handle exactly the same way (a workbook,
//! which [`super::stream_part`] streams from its cells, any error) makes it give up
//! with `None`, and the caller uses the ordinary import, which then gives the
//! canonical answer or error.

use std::collections::HashMap;
use std::io::Read;

use crate::questionnaire::Questionnaire;
use crate::response::{Coercion, Duplicate, ImportReport, Problem, QuestionTally, Rejected};

use crate::error::ImportError;

use super::check::Checker;
use super::decode::{Decoding, TextFindings};
use super::dedup::Drops;
pub use super::dictionary::Dictionary;
use super::submitted::LatestSubmission;
use super::table::{detect_delimiter, MAX_COLUMNS, MAX_FIELD, MAX_ROW_BYTES};
use super::ImportOptions;

/// Blocks of about this size are parsed at a time.
const BLOCK: usize = 4 << 20;

/// What the streamed import did: the figures of [`crate::ImportReport`] (into which it
/// turns, [`StreamReport::into_import_report`]) and the dictionaries.
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
    pub tallies: Vec<QuestionTally>,
    /// Second submissions of a respondent, each marked kept or dropped.
    pub duplicates: Vec<Duplicate>,
    /// The completion times it was read from (chunks of one export are merged).
    pub(crate) submissions: LatestSubmission,
    /// Each respondent key's first row, to find second submissions across chunks.
    pub(crate) first_of: HashMap<String, usize>,
    /// The rows the duplicate policy dropped (in row order).
    pub(crate) dropped: Vec<usize>,
    /// What decoding the text found (the encoding, lines that are not UTF-8).
    pub(crate) text: TextFindings,
}

impl StreamReport {
    pub fn rows_rejected(&self) -> usize {
        self.rejected.len()
    }

    /// Marks each second submission kept unless its row was dropped.
    pub(crate) fn mark_kept(&mut self) {
        for d in &mut self.duplicates {
            d.kept = self.dropped.binary_search(&d.row).is_err();
        }
    }

    /// Strict mode's error (any problem at all is one): the first of them, worded as
    /// the whole-file import words it.
    pub fn strict_error(&self) -> Option<ImportError> {
        super::first_problem(&super::Findings {
            file: &self.file,
            headers: &self.headers,
            problems: &self.problems,
            rejected: &self.rejected,
            duplicates: &self.duplicates,
            unmatched_columns: &self.unmatched_columns,
            missing_questions: &self.missing_questions,
        })
    }

    /// Names the encoding from what decoding found, and for a UTF-8 file with lines
    /// that are not, makes each of those a problem as the whole-file import does (in
    /// front of the row's other problems in the same column). `false`: the findings
    /// are not complete, only the whole-file import can say it (see
    /// [`TextFindings::complete`]).
    pub(crate) fn settle_text(&mut self) -> bool {
        self.encoding = self.text.encoding();
        if !self.text.not_utf8.is_empty() {
            self.problems.retain(|p| !super::is_not_utf8(p));
            if self.text.mixed() {
                let headers = &self.headers;
                let noted = self.text.not_utf8.iter();
                self.problems
                    .extend(noted.map(|n| super::not_utf8_problem(n, headers)));
                self.problems
                    .sort_by_key(|p| (p.row, p.column, !super::is_not_utf8(p)));
            }
        }
        self.text.complete()
    }

    /// Can the merged reports of an export's chunks say what the whole-file import
    /// says of its text? (See [`TextFindings::complete`].)
    pub fn text_complete(&self) -> bool {
        self.text.complete()
    }

    /// Forgets what chunk reading found on the header record put in front of it
    /// (`lines` lines): the first chunk found it already.
    pub fn behind_header(&mut self, lines: usize) {
        self.text.not_utf8.retain(|n| n.line > lines);
        self.problems
            .retain(|p| p.row > lines || !super::is_not_utf8(p));
    }

    /// The accounting without the dictionaries, as the whole-file import gives it.
    pub fn into_import_report(self) -> ImportReport {
        ImportReport {
            warnings: super::check::unmatched_warnings(&self.unmatched_columns),
            file: self.file,
            format: self.format,
            encoding: self.encoding.to_string(),
            headers: self.headers,
            rows_read: self.rows_read,
            rows_accepted: self.rows_accepted,
            rejected: self.rejected,
            problems: self.problems,
            coercions: self.coercions,
            unmatched_columns: self.unmatched_columns,
            missing_questions: self.missing_questions,
            duplicates: self.duplicates,
            tallies: self.tallies,
            last_submission: self.last_submission,
        }
    }
}

/// Streams `reader` (the export named `file`) keeping every submission; `row` gets the
/// dictionary ids of every accepted row (one per question) with the dictionaries,
/// `progress` the bytes read so far. `None`: not streamable (or a duplicate policy
/// that drops rows, which needs [`super::stream_part`]'s first pass), use
/// [`super::import`].
pub fn stream_csv<R: Read>(
    questionnaire: &Questionnaire,
    file: &str,
    reader: R,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(u64),
    row: &mut dyn FnMut(&[u32], &[Dictionary]),
) -> Option<StreamReport> {
    let drops = Drops::none();
    stream_blocks(
        questionnaire,
        file,
        reader,
        opts,
        (&drops, BLOCK),
        progress,
        row,
    )
}

/// [`stream_csv`] leaving out the rows `drops` names (decided by a first pass under
/// `opts`' duplicate policy): each becomes a rejected row, as in the whole-file import.
pub fn stream_csv_dropping<R: Read>(
    questionnaire: &Questionnaire,
    file: &str,
    reader: R,
    opts: &ImportOptions,
    drops: &Drops,
    progress: &mut dyn FnMut(u64),
    row: &mut dyn FnMut(&[u32], &[Dictionary]),
) -> Option<StreamReport> {
    stream_blocks(
        questionnaire,
        file,
        reader,
        opts,
        (drops, BLOCK),
        progress,
        row,
    )
}

/// [`stream_csv_dropping`] with blocks of about `block` bytes (tests use tiny ones).
fn stream_blocks<R: Read>(
    questionnaire: &Questionnaire,
    file: &str,
    mut reader: R,
    opts: &ImportOptions,
    (drops, block_size): (&Drops, usize),
    progress: &mut dyn FnMut(u64),
    row: &mut dyn FnMut(&[u32], &[Dictionary]),
) -> Option<StreamReport> {
    // Drops decided under another policy (or none at all) would not be the policy's;
    // a sheet name is for a workbook (the whole-file import says so of a CSV).
    if opts.table.sheet.is_some() || drops.policy() != opts.duplicates {
        return None;
    }
    let mut buf: Vec<u8> = Vec::with_capacity(block_size + (1 << 20));
    let mut eof = false;
    let mut read_total = 0u64;
    let mut state: Option<Rows> = None;
    let mut first = true;
    let mut text = Decoding::new(opts.table.utf8_only, opts.table.delimiter);
    let mut want = block_size;
    loop {
        while !eof && buf.len() < want {
            let max = (want - buf.len()).clamp(1, 1 << 20);
            let n = text.fill(&mut reader, &mut buf, max)?;
            read_total += n as u64;
            eof = n == 0;
        }
        // Whole lines of UTF-8 only (those that are not UTF-8 decoded); the rest is
        // completed by the next read.
        let lines_before = state.as_ref().map_or(0, |s| s.line_base);
        let ready = text.ready(&mut buf, eof, lines_before)?;
        if first {
            first = false;
            if buf.iter().all(|b| b.is_ascii_whitespace()) {
                return None;
            }
        }
        let block = std::str::from_utf8(&buf[..ready]).ok()?;
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
            None => {
                let mut rows = Rows::start(questionnaire, file, block, delimiter, opts)?;
                rows.checker.dropping(drops.clone());
                state.insert(rows)
            }
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
            text.consumed(used);
        }
    }
    let mut report = state?.finish(questionnaire)?;
    report.file = file.to_string();
    report.text = text.findings;
    report.settle_text().then_some(report)
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

/// The CSV records of the blocks, fed to the one row checker.
struct Rows {
    delimiter: u8,
    checker: Checker,
    /// Lines before the current block.
    line_base: usize,
    header_done: bool,
}

impl Rows {
    fn start(
        q: &Questionnaire,
        file: &str,
        first_block: &str,
        delimiter: u8,
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
        Some(Rows {
            delimiter,
            checker: Checker::new(q, file, headers, opts).ok()?,
            line_base: 0,
            header_done: false,
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
            if record.len() > MAX_COLUMNS || record.iter().any(|f| f.len() > MAX_FIELD) {
                return None;
            }
            if self.checker.row(q, seen_line, &record, &[]) {
                sink(&self.checker.ids, &self.checker.dictionaries);
            }
        }
        self.line_base += text.as_bytes()[..used]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        Some(used)
    }

    fn finish(self, q: &Questionnaire) -> Option<StreamReport> {
        if self.checker.rows_read == 0 {
            return None; // "only a header row": the ordinary import's error
        }
        // The encoding is named once the whole file is decoded.
        Some(report_of(self.checker, q, "UTF-8"))
    }
}

/// What the row checker counted, as the streamed import's report (its file not named).
pub(crate) fn report_of(c: Checker, q: &Questionnaire, encoding: &'static str) -> StreamReport {
    let coercions = c.coercions(q);
    let last_submission = c.last_submission();
    let tallies = c.tallies(q);
    let mut duplicates = c.duplicates;
    duplicates.sort_by_key(|d| (d.first_row, d.row));
    let mut rejected = c.rejected;
    rejected.sort_by_key(|r| r.row);
    let mut problems = c.problems;
    problems.sort_by_key(|p| (p.row, p.column));
    let mut report = StreamReport {
        file: String::new(),
        format: c.format.to_string(),
        encoding,
        headers: c.headers,
        rows_read: c.rows_read,
        rows_accepted: c.rows_accepted,
        rejected,
        problems,
        coercions,
        unmatched_columns: c.unmatched,
        missing_questions: c.missing_questions,
        dictionaries: c.dictionaries,
        last_submission,
        tallies,
        duplicates,
        submissions: c.latest,
        first_of: c.first_of,
        dropped: c.dropped,
        text: TextFindings::new(encoding),
    };
    report.mark_kept();
    report
}

#[cfg(test)]
mod tests;
