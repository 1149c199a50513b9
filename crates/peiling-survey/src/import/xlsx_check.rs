//! Checks on a workbook's XML that calamine does not make: a shared-string index it
//! cannot read ("-1", "18446744073709551616") would be read as index 0, the first
//! text of the workbook, without a word.

use std::io::{BufReader, Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::error::ImportError;

/// Refuses a workbook whose sheets hold a shared-string cell (`t="s"`) whose value is
/// not a plain index (digits that fit a number). Every worksheet part is checked: one
/// that cannot be read is left to calamine, which reports it.
pub(crate) fn check_shared_string_indexes(file: &str, bytes: &[u8]) -> Result<(), ImportError> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index(i) else {
            continue;
        };
        let Ok(name) = part.name().map(|n| n.into_owned()) else {
            continue;
        };
        if !(name.starts_with("xl/worksheets/") && name.ends_with(".xml")) {
            continue;
        }
        if let Some((cell, found)) = bad_index(part) {
            let (row, column) = cell.as_deref().and_then(cell_position).unwrap_or((1, 1));
            return Err(ImportError::at(
                file,
                row,
                column,
                format!(
                    "found shared-string index \"{}\" in cell {} ({name}), expected a whole number that points into the workbook's list of texts: the workbook is damaged",
                    short(&found),
                    cell.as_deref().unwrap_or("without a reference")
                ),
            ));
        }
    }
    Ok(())
}

/// The first shared-string cell with an unreadable index: its reference and value.
fn bad_index(part: impl Read) -> Option<(Option<String>, String)> {
    let mut reader = Reader::from_reader(BufReader::new(part));
    let mut buf = Vec::new();
    // The reference of the shared-string cell we are in, and the text of its <v>.
    let mut cell: Option<Option<String>> = None;
    let mut value: Option<Vec<u8>> = None;
    loop {
        let event = reader.read_event_into(&mut buf).ok()?;
        match event {
            Event::Start(e) if e.local_name().as_ref() == "c" => {
                let shared = e
                    .try_get_attribute("t")
                    .ok()
                    .flatten()
                    .is_some_and(|a| a.value.as_ref() == "s");
                cell = shared.then(|| {
                    e.try_get_attribute("r")
                        .ok()
                        .flatten()
                        .map(|a| a.value.into_owned())
                });
            }
            Event::End(e) if e.local_name().as_ref() == "c" => cell = None,
            Event::Start(e) if e.local_name().as_ref() == "v" && cell.is_some() => {
                value = Some(Vec::new());
            }
            Event::Text(t) => {
                if let Some(v) = value.as_mut() {
                    v.extend_from_slice(t.as_bytes());
                }
            }
            // An entity or CDATA inside an index: not the plain digits calamine reads.
            Event::GeneralRef(_) | Event::CData(_) => {
                if let Some(v) = value.as_mut() {
                    v.push(b'&');
                }
            }
            Event::End(e) if e.local_name().as_ref() == "v" => {
                if let Some(v) = value.take() {
                    let readable = v.is_empty()
                        || (v.iter().all(u8::is_ascii_digit)
                            && std::str::from_utf8(&v)
                                .ok()
                                .and_then(|s| s.parse::<u64>().ok())
                                .is_some_and(|n| usize::try_from(n).is_ok()));
                    if !readable {
                        return Some((
                            cell.clone().flatten(),
                            String::from_utf8_lossy(&v).into_owned(),
                        ));
                    }
                }
            }
            Event::Eof => return None,
            _ => {}
        }
        buf.clear();
    }
}

/// Row and column (1-based) of a reference such as "B3".
fn cell_position(reference: &str) -> Option<(usize, usize)> {
    let split = reference.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = reference.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let column = letters
        .bytes()
        .fold(0usize, |n, b| n * 26 + usize::from(b - b'A') + 1);
    Some((digits.parse().ok()?, column))
}

fn short(s: &str) -> String {
    if s.chars().count() <= 40 {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(40).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_read_as_row_and_column() {
        assert_eq!(cell_position("B3"), Some((3, 2)));
        assert_eq!(cell_position("AA10"), Some((10, 27)));
        assert_eq!(cell_position("3"), None);
    }

    #[test]
    fn unreadable_indexes_are_found() {
        let sheet = |v: &str| {
            format!(
                r#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>-1</v></c></row><row r="2"><c r="B2" t="s"><v>{v}</v></c></row></sheetData></worksheet>"#
            )
        };
        for bad in ["-1", "18446744073709551616", " 1", "x", "&#49;"] {
            let found = bad_index(sheet(bad).as_bytes());
            assert_eq!(found.map(|f| f.0), Some(Some("B2".to_string())), "{bad}");
        }
        // A number that is not a shared string (B1 above) and a good index pass.
        assert_eq!(bad_index(sheet("1").as_bytes()), None);
        assert_eq!(bad_index(sheet("").as_bytes()), None);
    }
}
