//! Tests of reading CSV and XLSX exports into tables.

use super::*;
use crate::import::xlsx::column_letters;

#[test]
fn columns_are_named_as_excel_names_them() {
    let names: Vec<String> = [0, 8, 25, 26, 51, 701, 702, 16383]
        .into_iter()
        .map(column_letters)
        .collect();
    assert_eq!(names, ["A", "I", "Z", "AA", "AZ", "ZZ", "AAA", "XFD"]);
}

#[test]
fn detects_separators_outside_quotes() {
    assert_eq!(detect_delimiter("a;b;\"c,d,e\"\n1;2;3"), b';');
    assert_eq!(detect_delimiter("a,b,c\n"), b',');
    assert_eq!(detect_delimiter("a\tb\tc;d\n"), b'\t');
}

#[test]
fn quotes_inside_unquoted_fields_are_text() {
    let t = read_table(
        "x.csv",
        b"a,b\n1,een 24\" scherm\n2,\"gesloten \"\"ja\"\"\"\n",
        &TableOptions::default(),
    )
    .unwrap();
    assert_eq!(t.rows[0].fields[1], "een 24\" scherm");
    assert_eq!(t.rows[1].fields[1], "gesloten \"ja\"");
}

#[test]
fn windows_1252_is_transcoded() {
    let bytes = b"Vraag;Antwoord\nr\xe9\xe9l;caf\xe9\n";
    let t = read_table("x.csv", bytes, &TableOptions::default()).unwrap();
    assert_eq!(t.encoding, "Windows-1252");
    assert_eq!(t.rows[0].fields, vec!["r\u{e9}\u{e9}l", "caf\u{e9}"]);
}

#[test]
fn only_lines_that_are_not_utf8_are_read_as_windows_1252() {
    let bytes = b"Vraag;Antwoord\nr\xc3\xa9\xc3\xa9l;caf\xc3\xa9\n\"x;y\";caf\xe9\n";
    let t = read_table("x.csv", bytes, &TableOptions::default()).unwrap();
    assert_eq!(t.encoding, "UTF-8");
    assert_eq!(t.rows[0].fields, vec!["r\u{e9}\u{e9}l", "caf\u{e9}"]);
    assert_eq!(t.rows[1].fields, vec!["x;y", "caf\u{e9}"]);
    let bad = NotUtf8 {
        line: 3,
        column: 2,
        byte: 0xE9,
    };
    assert_eq!(t.not_utf8, vec![bad]);
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
    let crlf = read_table(
        "x.csv",
        b"a,b\r\n1,\"twee\nregels\"\r\n3,4\r\n5,6\r\n",
        &TableOptions::default(),
    )
    .unwrap();
    let lines: Vec<usize> = crlf.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2, 4, 5]);
}

#[test]
fn unterminated_quote_is_an_error() {
    let e = read_table(
        "x.csv",
        b"a,b\n1,2\n\"open,4\n5,6\n",
        &TableOptions::default(),
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("x.csv:3:1: found a quoted field that is never closed"),
        "{e}"
    );
}

#[test]
fn rows_too_wide_or_too_long_are_refused_with_their_row() {
    let wide = format!("a,b\n1,2\n{}\n", ",".repeat(MAX_COLUMNS));
    let e = read_table("x.csv", wide.as_bytes(), &TableOptions::default()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "x.csv:3:16385: found a row of 16385 columns, expected at most 16384 (Excel's limit)"
    );
    let field = "x".repeat(MAX_FIELD);
    let long = format!("a,b\n1,2\n{}\n", vec![field; 17].join(","));
    let e = read_table("x.csv", long.as_bytes(), &TableOptions::default()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "x.csv:3: found a row of 17825792 bytes, expected a survey response (at most 16777216 bytes); is a quote left open?"
    );
    // At the limits they are read.
    let ok = format!("a,b\n{}\n", ",".repeat(MAX_COLUMNS - 1));
    assert!(read_table("x.csv", ok.as_bytes(), &TableOptions::default()).is_ok());
}

#[test]
fn a_sheet_named_for_a_text_file_is_a_setting_not_a_flag() {
    let opts = TableOptions {
        sheet: Some("Blad1".into()),
        ..TableOptions::default()
    };
    let e = read_table("a.csv", b"a,b\n1,2\n", &opts).unwrap_err();
    assert_eq!(e.given, Some(ImportSetting::Sheet));
    // The library names the setting; the command line names its flag (messages.rs).
    assert!(!e.to_string().contains("--"), "{e}");
}
