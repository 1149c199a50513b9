//! Reading an export file into a header and rows of text: CSV dialects, encodings, XLSX.

use crate::error::{ImportError, ImportSetting};

/// A rectangular-ish table of text cells; `line` is what a user sees in an editor.
#[derive(Debug, Clone)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    pub encoding: &'static str,
    /// XLSX cells of the rows that hold a formula without a stored result: their field
    /// is empty, and what they mean is unknown (the import lists each as a problem).
    pub formulas: Vec<FormulaCell>,
    /// Lines of a UTF-8 file that were not UTF-8 and were read as Windows-1252.
    pub not_utf8: Vec<NotUtf8>,
    /// Rows a workbook holds twice (a second `<row>` with the same number): each is
    /// read but set aside, the first of its number being the response.
    pub repeated: Vec<Row>,
}

/// A line of an otherwise UTF-8 export with bytes that are not UTF-8.
#[derive(Debug, Clone, PartialEq)]
pub struct NotUtf8 {
    pub line: usize,
    /// The field of the first such byte (1-based).
    pub column: usize,
    pub byte: u8,
}

/// A formula cell whose result was never saved (a workbook written by a program, or
/// `=HYPERLINK(...)` typed as an answer): peiling does not compute formulas.
#[derive(Debug, Clone, PartialEq)]
pub struct FormulaCell {
    pub line: usize,
    /// 0-based field of the row.
    pub field: usize,
    /// The cell as Excel names it, e.g. "C7".
    pub cell: String,
    /// The formula text, when the cell holds it (a shared formula's copies do not).
    pub formula: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub line: usize,
    pub fields: Vec<String>,
}

/// How to read the bytes; `None` fields are detected.
#[derive(Debug, Clone, Default)]
pub struct TableOptions {
    pub delimiter: Option<u8>,
    /// Sheet name for XLSX; the first sheet when not given.
    pub sheet: Option<String>,
    /// Refuse anything that is not UTF-8 instead of falling back to Windows-1252.
    pub utf8_only: bool,
}

/// Largest single field accepted; a bigger one is almost certainly not a survey answer.
pub(crate) const MAX_FIELD: usize = 1 << 20;
/// Largest row (all its fields together) accepted: 16 MiB.
pub(crate) const MAX_ROW_BYTES: usize = 16 << 20;
/// Most columns a row may have: Excel's own limit (XFD), 16,384.
pub(crate) const MAX_COLUMNS: usize = super::xlsx::EXCEL_COLUMNS as usize;
/// Rows × columns of one export that peiling reads into memory at once (a national
/// survey of 200,000 respondents and 100 questions is 20 million); a streamed CSV
/// is not held in memory and has no such cap.
pub(crate) const MAX_CELLS: usize = 50_000_000;

pub fn read_table(file: &str, bytes: &[u8], opts: &TableOptions) -> Result<Table, ImportError> {
    if bytes.starts_with(b"PK\x03\x04") {
        return super::xlsx::read_xlsx(file, bytes, opts);
    }
    if opts.sheet.is_some() {
        return Err(
            ImportError::file(file, "found a text file, expected an XLSX workbook")
                .given(ImportSetting::Sheet),
        );
    }
    let (text, encoding, not_utf8) = decode(file, bytes, opts.utf8_only, opts.delimiter)?;
    let mut table = read_csv(file, &text, encoding, opts.delimiter)?;
    table.not_utf8 = not_utf8;
    Ok(table)
}

type Decoded = (String, &'static str, Vec<NotUtf8>);

fn decode(
    file: &str,
    bytes: &[u8],
    utf8_only: bool,
    delimiter: Option<u8>,
) -> Result<Decoded, ImportError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::file(
            file,
            "found an empty file, expected a header row and responses",
        ));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(|s| (s.to_string(), "UTF-8 (BOM)", Vec::new()))
            .map_err(|e| invalid_utf8(file, rest, e));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (enc, label) = if bytes[0] == 0xFF {
            (encoding_rs::UTF_16LE, "UTF-16LE")
        } else {
            (encoding_rs::UTF_16BE, "UTF-16BE")
        };
        let (text, _, had_errors) = enc.decode(bytes);
        if had_errors {
            return Err(ImportError::file(
                file,
                format!("found invalid {label} text, expected a readable export"),
            ));
        }
        return Ok((
            text.trim_start_matches('\u{feff}').to_string(),
            label,
            Vec::new(),
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => {
            if let Some(pos) = s.find('\0') {
                return Err(binary(file, s, pos));
            }
            Ok((s.to_string(), "UTF-8", Vec::new()))
        }
        Err(e) if utf8_only => Err(invalid_utf8(file, bytes, e)),
        Err(e) => {
            if let Some(pos) = bytes.iter().position(|&b| b == 0 || looks_binary(b)) {
                let valid = String::from_utf8_lossy(&bytes[..pos]).into_owned();
                let _ = e;
                return Err(binary(file, &valid, valid.len()));
            }
            Ok(decode_mixed(bytes, delimiter))
        }
    }
}

/// Binary data in the first bytes of an export (a NUL outside a workbook or UTF-16
/// text), found before the rest of the file is read: the error the whole file gives.
pub(crate) fn sniff_binary(file: &str, head: &[u8]) -> Option<ImportError> {
    if head.starts_with(b"PK\x03\x04")
        || head.starts_with(b"\xFF\xFE")
        || head.starts_with(b"\xFE\xFF")
    {
        return None;
    }
    let pos = head.iter().position(|&b| b == 0)?;
    let before = String::from_utf8_lossy(&head[..pos]);
    Some(binary(file, &before, before.len()))
}

/// Text that is not UTF-8 throughout. Dutch Excel saves "CSV" in Windows-1252 (every
/// byte decodes there): a file with no UTF-8 beyond ASCII is read as that. A file that
/// is UTF-8 but for some lines (pasted together from two sources) keeps its UTF-8, and
/// only the lines that are not UTF-8 are read as Windows-1252 and listed, so valid text
/// never turns into "cafÃ©". A character never spans a line: line breaks are ASCII.
fn decode_mixed(bytes: &[u8], delimiter: Option<u8>) -> Decoded {
    let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
    let utf8_beyond_ascii = lines
        .iter()
        .any(|l| !l.is_ascii() && std::str::from_utf8(l).is_ok());
    if !utf8_beyond_ascii {
        let text = encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0;
        return (text.into_owned(), "Windows-1252", Vec::new());
    }
    let header = String::from_utf8_lossy(lines.first().copied().unwrap_or_default());
    let delimiter = delimiter.unwrap_or_else(|| detect_delimiter(&header));
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    let mut not_utf8 = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        match std::str::from_utf8(line) {
            Ok(s) => text.push_str(s),
            Err(e) => {
                let bad = e.valid_up_to();
                let mut in_quotes = false;
                let mut column = 1;
                for &b in &line[..bad] {
                    match b {
                        b'"' => in_quotes = !in_quotes,
                        _ if b == delimiter && !in_quotes => column += 1,
                        _ => {}
                    }
                }
                not_utf8.push(NotUtf8 {
                    line: i + 1,
                    column,
                    byte: line[bad],
                });
                // A line is no file: bytes that look like a byte order mark are text.
                text.push_str(
                    &encoding_rs::WINDOWS_1252
                        .decode_without_bom_handling(line)
                        .0,
                );
            }
        }
    }
    (text, "UTF-8", not_utf8)
}

/// Control bytes that never occur in text, in any of the encodings we read.
pub(crate) fn looks_binary(b: u8) -> bool {
    matches!(b, 0x01..=0x08 | 0x0E..=0x1A | 0x1C..=0x1F)
}

fn binary(file: &str, text_before: &str, pos: usize) -> ImportError {
    let (line, column) = line_and_field(&text_before[..pos.min(text_before.len())]);
    ImportError::at(
        file,
        line,
        column,
        "found binary data (a NUL or control byte), expected a CSV or XLSX export",
    )
}

fn invalid_utf8(file: &str, bytes: &[u8], e: std::str::Utf8Error) -> ImportError {
    let before = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
    let (line, column) = line_and_field(&before);
    ImportError::at(
        file,
        line,
        column,
        format!(
            "found invalid UTF-8 (byte 0x{:02X}), expected UTF-8 text: save the export as UTF-8, or leave the encoding to detection",
            bytes[e.valid_up_to()]
        ),
    )
}

/// Line and field (1-based) at the end of `before`: the separator is guessed from the
/// first line and counted outside quotes on the last one.
fn line_and_field(before: &str) -> (usize, usize) {
    let line = crate::error::line_of(before, before.len());
    let delimiter = detect_delimiter(before);
    let last = before.rsplit('\n').next().unwrap_or("");
    let mut in_quotes = false;
    let mut field = 1;
    for b in last.bytes() {
        match b {
            b'"' => in_quotes = !in_quotes,
            _ if b == delimiter && !in_quotes => field += 1,
            _ => {}
        }
    }
    (line, field)
}

/// Picks the separator that splits the header line into the most fields, outside quotes.
pub(crate) fn detect_delimiter(text: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut in_quotes = false;
    for c in text.bytes() {
        match c {
            b'"' => in_quotes = !in_quotes,
            b'\n' | b'\r' if !in_quotes => break,
            _ if !in_quotes => {
                for (d, n) in counts.iter_mut() {
                    if *d == c {
                        *n += 1;
                    }
                }
            }
            _ => {}
        }
    }
    // Ties go to the first in the list: comma, then semicolon, then tab.
    let best = counts
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
    match best {
        Some(&(d, n)) if n > 0 => d,
        _ => b',',
    }
}

fn read_csv(
    file: &str,
    text: &str,
    encoding: &'static str,
    delimiter: Option<u8>,
) -> Result<Table, ImportError> {
    let delimiter = delimiter.unwrap_or_else(|| detect_delimiter(text));
    check_unterminated_quote(file, text, delimiter)?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let headers: Vec<String> = match records.next() {
        Some(Ok(r)) => r.iter().map(|h| h.trim().to_string()).collect(),
        Some(Err(e)) => return Err(csv_error(file, e)),
        None => {
            return Err(ImportError::file(
                file,
                "found an empty file, expected a header row",
            ))
        }
    };
    if headers.len() < 2 {
        return Err(ImportError::at(
            file,
            1,
            1,
            format!(
                "found a header with a single column, expected columns separated by {}; is the separator right?",
                match delimiter {
                    b';' => "semicolons",
                    b'\t' => "tabs",
                    _ => "commas, semicolons or tabs",
                }
            ),
        ));
    }
    if headers.len() > MAX_COLUMNS {
        return Err(too_wide(file, 1, headers.len()));
    }
    let mut cells = headers.len();
    let mut rows = Vec::new();
    // Lines as an editor counts them, from each record's byte offset (the csv crate's
    // own line count skips line breaks inside quoted fields after CRLF line ends).
    let (mut seen_byte, mut seen_line) = (0usize, 1usize);
    for record in records {
        let record = record.map_err(|e| csv_error(file, e))?;
        let mut byte = record
            .position()
            .map_or(seen_byte, |p| (p.byte() as usize).min(text.len()));
        // After a CR the position points at the LF that ends the previous record.
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
        if let Some((i, f)) = record.iter().enumerate().find(|(_, f)| f.len() > MAX_FIELD) {
            return Err(ImportError::at(
                file,
                line,
                i + 1,
                format!(
                    "found a field of {} bytes, expected a survey answer (at most {} bytes); is a quote left open?",
                    f.len(),
                    MAX_FIELD
                ),
            ));
        }
        if record.len() > MAX_COLUMNS {
            return Err(too_wide(file, line, record.len()));
        }
        if record.as_slice().len() > MAX_ROW_BYTES {
            return Err(ImportError::row(
                file,
                line,
                format!(
                    "found a row of {} bytes, expected a survey response (at most {MAX_ROW_BYTES} bytes); is a quote left open?",
                    record.as_slice().len()
                ),
            ));
        }
        cells += record.len();
        if cells > MAX_CELLS {
            return Err(ImportError::row(
                file,
                line,
                format!(
                    "found more than {MAX_CELLS} cells (rows × columns) up to this row, more than peiling reads at once, expected a survey export"
                ),
            ));
        }
        rows.push(Row {
            line,
            fields: record.iter().map(str::to_string).collect(),
        });
    }
    Ok(Table {
        headers,
        rows,
        encoding,
        formulas: Vec::new(),
        not_utf8: Vec::new(),
        repeated: Vec::new(),
    })
}

fn too_wide(file: &str, line: usize, columns: usize) -> ImportError {
    ImportError::at(
        file,
        line,
        MAX_COLUMNS + 1,
        format!("found a row of {columns} columns, expected at most {MAX_COLUMNS} (Excel's limit)"),
    )
}

/// The csv crate reads an unterminated quote to the end of the file without error.
/// Follows its quoting rules (a quote opens a field only at the field's start; `""`
/// inside is an escaped quote) to find where the quote that never closes was opened.
fn check_unterminated_quote(file: &str, text: &str, delimiter: u8) -> Result<(), ImportError> {
    let bytes = text.as_bytes();
    let (mut line, mut field) = (1usize, 1usize);
    let mut at_field_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if at_field_start && b == b'"' {
            let (open_line, open_field) = (line, field);
            i += 1;
            loop {
                match bytes.get(i) {
                    None => {
                        return Err(ImportError::at(
                            file,
                            open_line,
                            open_field,
                            "found a quoted field that is never closed, expected a closing \" before the end of the file",
                        ))
                    }
                    Some(b'"') if bytes.get(i + 1) == Some(&b'"') => i += 2,
                    Some(b'"') => {
                        i += 1;
                        break;
                    }
                    Some(b'\n') => {
                        line += 1;
                        i += 1;
                    }
                    Some(_) => i += 1,
                }
            }
            at_field_start = false;
            continue;
        }
        match b {
            b'\n' => {
                line += 1;
                field = 1;
                at_field_start = true;
            }
            b'\r' => {
                field = 1;
                at_field_start = true;
            }
            _ if b == delimiter => {
                field += 1;
                at_field_start = true;
            }
            _ => at_field_start = false,
        }
        i += 1;
    }
    Ok(())
}

fn csv_error(file: &str, e: csv::Error) -> ImportError {
    match e.position() {
        Some(p) => ImportError::at(
            file,
            p.line() as usize,
            1,
            format!("found unreadable CSV ({e}), expected a CSV export"),
        ),
        None => ImportError::file(
            file,
            format!("found unreadable CSV ({e}), expected a CSV export"),
        ),
    }
}

#[cfg(test)]
mod tests;
