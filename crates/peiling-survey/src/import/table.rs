//! Reading an export file into a header and rows of text: CSV dialects, encodings, XLSX.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, XlsxFormulaMetadata};

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
pub(crate) const MAX_COLUMNS: usize = EXCEL_COLUMNS as usize;
/// Rows × columns of one export that peiling reads into memory at once (a national
/// survey of 200,000 respondents and 100 questions is 20 million); a streamed CSV
/// is not held in memory and has no such cap.
pub(crate) const MAX_CELLS: usize = 50_000_000;

pub fn read_table(file: &str, bytes: &[u8], opts: &TableOptions) -> Result<Table, ImportError> {
    if bytes.starts_with(b"PK\x03\x04") {
        return read_xlsx(file, bytes, opts);
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
        let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
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
                text.push_str(&encoding_rs::WINDOWS_1252.decode(line).0);
            }
        }
    }
    (text, "UTF-8", not_utf8)
}

/// Control bytes that never occur in text, in any of the encodings we read.
fn looks_binary(b: u8) -> bool {
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

fn read_xlsx(file: &str, bytes: &[u8], opts: &TableOptions) -> Result<Table, ImportError> {
    super::xlsx_check::check_shared_string_indexes(file, bytes)?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| ImportError::file(file, format!("found an unreadable XLSX workbook ({e}), expected a workbook saved by Excel or a survey tool")))?;
    let names = book.sheet_names();
    let sheet = match &opts.sheet {
        Some(s) => names.iter().find(|n| *n == s).cloned().ok_or_else(|| {
            ImportError::file(
                file,
                format!(
                    "found no sheet \"{s}\", expected one of {}",
                    names.join(", ")
                ),
            )
        })?,
        None => names.first().cloned().ok_or_else(|| {
            ImportError::file(
                file,
                "found a workbook without sheets, expected one with the responses",
            )
        })?,
    };
    let unreadable = |e: calamine::XlsxError| {
        ImportError::file(
            file,
            format!("found sheet \"{sheet}\" unreadable ({e}), expected a readable sheet"),
        )
    };
    // The cells one by one, not calamine's dense range: a workbook of a few bytes can
    // name a cell far beyond Excel's last column, and the dense range would allocate
    // every cell up to it.
    let mut cells: std::collections::BTreeMap<u32, Vec<(u32, Data)>> = Default::default();
    // Formula cells without a stored result: (row, column, formula text).
    let mut unstored: Vec<(u32, u32, Option<String>)> = Vec::new();
    // A row the sheet holds twice (a second `<row>` of the same number) is kept apart,
    // not merged into the first: a cell comes again, or its row number comes back.
    let mut repeats: Vec<(u32, Vec<(u32, Data)>)> = Vec::new();
    let mut seen_rows = std::collections::HashSet::new();
    let mut open_row: Option<(u32, std::collections::HashSet<u32>, bool)> = None;
    {
        let mut reader = book.worksheet_cells_reader(&sheet).map_err(unreadable)?;
        // With the formulas' metadata, not their text expanded: a shared formula's
        // index would size a table.
        while let Some(cell) = reader
            .next_cell_with_formula_metadata()
            .map_err(unreadable)?
        {
            let (row, col) = cell.pos;
            if row >= EXCEL_ROWS || col >= EXCEL_COLUMNS {
                return Err(ImportError::file(
                    file,
                    format!(
                        "found a cell beyond Excel's last row or column (row {}, column {}) in sheet \"{sheet}\", expected cells within A1:XFD1048576",
                        u64::from(row) + 1,
                        u64::from(col) + 1
                    ),
                ));
            }
            let same_row = open_row
                .as_ref()
                .is_some_and(|(r, cols, _)| *r == row && !cols.contains(&col));
            if !same_row {
                let again = !seen_rows.insert(row);
                if again {
                    repeats.push((row, Vec::new()));
                }
                open_row = Some((row, Default::default(), again));
            }
            let Some((_, cols, again)) = open_row.as_mut() else {
                continue;
            };
            cols.insert(col);
            let again = *again;
            let value = Data::from(cell.value);
            if value == Data::Empty {
                // A formula without a stored result (in the first of a repeated row).
                if let (Some(formula), false) = (cell.formula, again) {
                    let text = match formula {
                        XlsxFormulaMetadata::Normal { formula }
                        | XlsxFormulaMetadata::Shared { formula, .. } => Some(formula),
                        _ => None,
                    };
                    cells.entry(row).or_default();
                    unstored.push((row, col, text));
                }
                continue;
            }
            match repeats.last_mut() {
                Some((_, values)) if again => values.push((col, value)),
                _ => cells.entry(row).or_default().push((col, value)),
            }
        }
    }
    repeats.retain(|(_, values)| !values.is_empty());
    let Some((_, header_cells)) = cells.iter().next() else {
        return Err(ImportError::file(
            file,
            format!("found sheet \"{sheet}\" empty, expected a header row"),
        ));
    };
    // Columns start where the table does (a sheet may begin at B3, as a range would).
    let first_col = cells
        .values()
        .chain(repeats.iter().map(|(_, v)| v))
        .flatten()
        .map(|(c, _)| *c)
        .min()
        .unwrap_or(0);
    let mut headers = Vec::new();
    for (col, value) in header_cells {
        let at = (col - first_col) as usize;
        if headers.len() <= at {
            headers.resize(at + 1, String::new());
        }
        headers[at] = cell_text(value).trim().to_string();
    }
    let width = headers
        .iter()
        .rposition(|h| !h.is_empty())
        .map_or(0, |i| i + 1);
    headers.truncate(width);
    let data_rows = cells.len() - 1 + repeats.len();
    if data_rows.saturating_mul(width.max(1)) > MAX_CELLS {
        return Err(ImportError::file(
            file,
            format!(
                "found sheet \"{sheet}\" with {data_rows} rows of {width} columns, more than peiling reads at once ({MAX_CELLS} cells), expected a survey export: save it as CSV"
            ),
        ));
    }
    let header_row = cells.keys().next().copied();
    let formulas: Vec<FormulaCell> = unstored
        .into_iter()
        .filter(|&(row, col, _)| {
            Some(row) != header_row && col >= first_col && ((col - first_col) as usize) < width
        })
        .map(|(row, col, formula)| FormulaCell {
            line: row as usize + 1,
            field: (col - first_col) as usize,
            cell: format!("{}{}", column_letters(col), u64::from(row) + 1),
            formula: formula.map(|f| format!("={}", f.trim_start_matches('='))),
        })
        .collect();
    let to_row = |row: u32, values: &[(u32, Data)]| {
        let mut fields = vec![String::new(); width.max(1)];
        for (col, value) in values {
            if let Some(f) = fields.get_mut((col - first_col) as usize) {
                *f = cell_text(value);
            }
        }
        let line = row as usize + 1;
        let blank =
            fields.iter().all(|f| f.trim().is_empty()) && !formulas.iter().any(|f| f.line == line);
        (!blank).then_some(Row { line, fields })
    };
    let rows = cells
        .iter()
        .skip(1)
        .filter_map(|(&row, values)| to_row(row, values))
        .collect();
    let repeated = repeats
        .iter()
        .filter_map(|(row, values)| to_row(*row, values))
        .collect();
    Ok(Table {
        headers,
        rows,
        encoding: "XLSX",
        formulas,
        not_utf8: Vec::new(),
        repeated,
    })
}

/// Excel's column name of a 0-based column: A, B, ..., Z, AA, ...
fn column_letters(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Excel's own limits: 1,048,576 rows and 16,384 columns (XFD).
const EXCEL_ROWS: u32 = 1 << 20;
const EXCEL_COLUMNS: u32 = 1 << 14;

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "Ja" } else { "Nee" }.to_string(),
        Data::DateTime(d) => d
            .as_datetime()
            .map_or_else(|| d.to_string(), |t| t.to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

#[cfg(test)]
mod tests;
