//! Reading an export file into a header and rows of text: CSV dialects, encodings, XLSX.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use crate::error::ImportError;

/// A rectangular-ish table of text cells; `line` is what a user sees in an editor.
#[derive(Debug, Clone)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    pub encoding: &'static str,
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
const MAX_FIELD: usize = 1 << 20;

pub fn read_table(file: &str, bytes: &[u8], opts: &TableOptions) -> Result<Table, ImportError> {
    if bytes.starts_with(b"PK\x03\x04") {
        return read_xlsx(file, bytes, opts);
    }
    if opts.sheet.is_some() {
        return Err(ImportError::file(
            file,
            "--sheet was given but the file is not an XLSX workbook",
        ));
    }
    let (text, encoding) = decode(file, bytes, opts.utf8_only)?;
    read_csv(file, &text, encoding, opts.delimiter)
}

fn decode(
    file: &str,
    bytes: &[u8],
    utf8_only: bool,
) -> Result<(String, &'static str), ImportError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::file(
            file,
            "the file is empty: expected a header row and responses",
        ));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(|s| (s.to_string(), "UTF-8 (BOM)"))
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
            return Err(ImportError::file(file, format!("invalid {label} text")));
        }
        return Ok((text.trim_start_matches('\u{feff}').to_string(), label));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => {
            if let Some(pos) = s.find('\0') {
                return Err(binary(file, s, pos));
            }
            Ok((s.to_string(), "UTF-8"))
        }
        Err(e) if utf8_only => Err(invalid_utf8(file, bytes, e)),
        Err(e) => {
            if let Some(pos) = bytes.iter().position(|&b| b == 0 || looks_binary(b)) {
                let valid = String::from_utf8_lossy(&bytes[..pos]).into_owned();
                let _ = e;
                return Err(binary(file, &valid, valid.len()));
            }
            // Dutch Excel saves "CSV" in Windows-1252; every byte decodes there.
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok((text.into_owned(), "Windows-1252"))
        }
    }
}

/// Control bytes that never occur in text, in any of the encodings we read.
fn looks_binary(b: u8) -> bool {
    matches!(b, 0x01..=0x08 | 0x0E..=0x1A | 0x1C..=0x1F)
}

fn binary(file: &str, text_before: &str, pos: usize) -> ImportError {
    let line = crate::error::line_of(text_before, pos);
    ImportError::row(
        file,
        line,
        "binary data (a NUL or control byte): expected a CSV or XLSX export",
    )
}

fn invalid_utf8(file: &str, bytes: &[u8], e: std::str::Utf8Error) -> ImportError {
    let before = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
    let line = crate::error::line_of(&before, before.len());
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    ImportError {
        file: file.to_string(),
        location: format!("{line}:{column}: "),
        message: format!(
            "invalid UTF-8 (byte 0x{:02X}): save the export as UTF-8, or leave the encoding to detection",
            bytes[e.valid_up_to()]
        ),
    }
}

/// Picks the separator that splits the header line into the most fields, outside quotes.
fn detect_delimiter(text: &str) -> u8 {
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
                "the file is empty: expected a header row",
            ))
        }
    };
    if headers.len() < 2 {
        return Err(ImportError::row(
            file,
            1,
            format!(
                "the header has a single column: expected columns separated by {}; is the separator right?",
                match delimiter {
                    b';' => "semicolons",
                    b'\t' => "tabs",
                    _ => "commas, semicolons or tabs",
                }
            ),
        ));
    }
    let mut rows = Vec::new();
    for record in records {
        let record = record.map_err(|e| csv_error(file, e))?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        if let Some((i, f)) = record.iter().enumerate().find(|(_, f)| f.len() > MAX_FIELD) {
            return Err(ImportError::cell(
                file,
                line,
                &(i + 1).to_string(),
                format!(
                    "a field of {} bytes: expected a survey answer (at most {} bytes); is a quote left open?",
                    f.len(),
                    MAX_FIELD
                ),
            ));
        }
        rows.push(Row {
            line,
            fields: record.iter().map(str::to_string).collect(),
        });
    }
    check_unterminated_quote(file, text, &rows)?;
    Ok(Table {
        headers,
        rows,
        encoding,
    })
}

/// The csv crate reads an unterminated quote to the end of the file without error;
/// a final field that swallowed line breaks and separators is that case.
fn check_unterminated_quote(file: &str, text: &str, rows: &[Row]) -> Result<(), ImportError> {
    let quotes = text.bytes().filter(|&b| b == b'"').count();
    if quotes % 2 == 1 {
        let line = rows.last().map_or(1, |r| r.line);
        return Err(ImportError::row(
            file,
            line,
            "a quoted field is never closed: expected a closing \" before the end of the file",
        ));
    }
    Ok(())
}

fn csv_error(file: &str, e: csv::Error) -> ImportError {
    match e.position() {
        Some(p) => ImportError::row(file, p.line() as usize, format!("unreadable CSV: {e}")),
        None => ImportError::file(file, format!("unreadable CSV: {e}")),
    }
}

fn read_xlsx(file: &str, bytes: &[u8], opts: &TableOptions) -> Result<Table, ImportError> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| ImportError::file(file, format!("unreadable XLSX workbook: {e}")))?;
    let names = book.sheet_names();
    let sheet = match &opts.sheet {
        Some(s) => names.iter().find(|n| *n == s).cloned().ok_or_else(|| {
            ImportError::file(
                file,
                format!("no sheet \"{s}\": the workbook has {}", names.join(", ")),
            )
        })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| ImportError::file(file, "the workbook has no sheets"))?,
    };
    let range = book
        .worksheet_range(&sheet)
        .map_err(|e| ImportError::file(file, format!("sheet \"{sheet}\" unreadable: {e}")))?;
    let start_row = range.start().map_or(0, |(r, _)| r as usize);
    let mut iter = range.rows();
    let headers: Vec<String> = match iter.next() {
        Some(r) => r.iter().map(|c| cell_text(c).trim().to_string()).collect(),
        None => {
            return Err(ImportError::file(
                file,
                format!("sheet \"{sheet}\" is empty: expected a header row"),
            ))
        }
    };
    let width = headers
        .iter()
        .rposition(|h| !h.is_empty())
        .map_or(0, |i| i + 1);
    let headers = headers[..width].to_vec();
    let rows = iter
        .enumerate()
        .map(|(i, r)| Row {
            line: start_row + i + 2,
            fields: r.iter().take(width.max(1)).map(cell_text).collect(),
        })
        .filter(|r| r.fields.iter().any(|f| !f.trim().is_empty()))
        .collect();
    Ok(Table {
        headers,
        rows,
        encoding: "XLSX",
    })
}

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
mod tests {
    use super::*;

    #[test]
    fn detects_separators_outside_quotes() {
        assert_eq!(detect_delimiter("a;b;\"c,d,e\"\n1;2;3"), b';');
        assert_eq!(detect_delimiter("a,b,c\n"), b',');
        assert_eq!(detect_delimiter("a\tb\tc;d\n"), b'\t');
    }

    #[test]
    fn windows_1252_is_transcoded() {
        let bytes = b"Vraag;Antwoord\nr\xe9\xe9l;caf\xe9\n";
        let t = read_table("x.csv", bytes, &TableOptions::default()).unwrap();
        assert_eq!(t.encoding, "Windows-1252");
        assert_eq!(t.rows[0].fields, vec!["r\u{e9}\u{e9}l", "caf\u{e9}"]);
    }

    #[test]
    fn embedded_newlines_keep_the_start_line() {
        let t = read_table(
            "x.csv",
            b"a,b\n1,\"twee\nregels\"\n3,4\n",
            &TableOptions::default(),
        )
        .unwrap();
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].line, 2);
        assert_eq!(t.rows[1].line, 4);
    }

    #[test]
    fn unterminated_quote_is_an_error() {
        let e = read_table("x.csv", b"a,b\n1,\"open\n3,4\n", &TableOptions::default()).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("x.csv:2: a quoted field is never closed"),
            "{e}"
        );
    }
}
