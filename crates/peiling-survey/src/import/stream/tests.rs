//! Tests of the streaming CSV reader.

use super::*;
use crate::import::import;
use crate::response::Answer;

fn q() -> Questionnaire {
    Questionnaire::from_toml(
        "q.toml",
        r#"
id = "t"
title = "T"
audience = "WPB"
[[question]]
id = "need"
text = "Behoefte?"
kind = "yesno"
required = true
[[question]]
id = "age"
text = "Leeftijd?"
kind = "number"
only_if = { question = "need", answer = "Ja" }
"#,
    )
    .unwrap()
}

/// Streams `bytes` in blocks of every size up to the whole and compares the
/// accounting with the import's.
fn same_as_import(bytes: &[u8]) {
    for block in 1..=bytes.len() + 1 {
        same_in_blocks(bytes, block);
    }
}

fn same_in_blocks(bytes: &[u8], block: usize) {
    let q = q();
    let opts = ImportOptions::default();
    let reference = import(&q, "x.csv", bytes, &opts).unwrap();
    let mut answers: Vec<Vec<Answer>> = Vec::new();
    let mut keep = |ids: &[u32], dicts: &[Dictionary]| {
        answers.push(
            ids.iter()
                .zip(dicts)
                .map(|(&id, d)| d.answers[id as usize].clone())
                .collect(),
        )
    };
    let report = stream_blocks(
        &q,
        "x.csv",
        bytes,
        &opts,
        (&Drops::none(), block),
        &mut |_| {},
        &mut keep,
    )
    .unwrap();
    let r = &reference.report;
    assert_eq!(report.encoding, r.encoding, "block {block}");
    assert_eq!(report.rows_read, r.rows_read, "block {block}");
    assert_eq!(report.rejected, r.rejected, "block {block}");
    assert_eq!(report.problems, r.problems, "block {block}");
    assert_eq!(report.coercions, r.coercions, "block {block}");
    assert_eq!(report.tallies, r.tallies, "block {block}");
    assert_eq!(report.duplicates, r.duplicates, "block {block}");
    let expected: Vec<Vec<Answer>> = reference
        .responses
        .iter()
        .map(|r| r.answers.clone())
        .collect();
    assert_eq!(answers, expected, "block {block}");
}

#[test]
fn rows_problems_and_lines_match_the_import() {
    same_as_import(
        b"Behoefte?,Leeftijd?\nJa,40\nBehoefte?, Leeftijd?,\n,,\nnee,\"veertig\nen een\"\r\nJA,12,extra\n\"ja\",31\nja\n",
    );
    // A BOM, CRLF, a quoted line break after CRLF, multi-byte text, no final newline;
    // "Nee" with an age: answered although not asked, as in the import.
    let bom =
        "\u{feff}Behoefte?;Leeftijd?\r\nJa;\"één\r\nregel \"\"x\"\"\"\r\n\r\nNee; 7 jaar\r\nja;€";
    same_as_import(bom.as_bytes());
    let problems = import(&q(), "x.csv", bom.as_bytes(), &ImportOptions::default())
        .unwrap()
        .report
        .problems;
    assert!(
        problems.iter().any(|p| p.row == 5
            && p.expected
                .to_string()
                .contains("answered although not asked")),
        "{problems:?}"
    );
}

#[test]
fn a_repeated_header_is_a_rejected_row_in_both_paths() {
    // The second export may bring its own byte-order mark.
    let bom = b"Behoefte?,Leeftijd?\nJa,40\n\xEF\xBB\xBFBehoefte?,Leeftijd?\nNee,41\n";
    let d = import(&q(), "x.csv", bom, &ImportOptions::default()).unwrap();
    assert_eq!((d.report.rows_read, d.report.rows_accepted), (3, 2));
    assert_eq!(d.report.rejected.len(), 1);
    assert_eq!(d.report.rejected[0].row, 3);
    assert_eq!(
        d.report.rejected[0].reason,
        crate::wording::RowReason::HeaderAgain
    );
    same_as_import(b"Behoefte?,Leeftijd?\nJa,40\nBehoefte?,Leeftijd?\nNee,41\n");
}

#[test]
fn unsupported_input_gives_way() {
    let q = q();
    let opts = ImportOptions::default();
    let none =
        |bytes: &[u8]| stream_csv(&q, "x.csv", bytes, &opts, &mut |_| {}, &mut |_, _| {}).is_none();
    assert!(none(b"Behoefte?,Leeftijd?\n\"open,4\n"));
    assert!(none(b"Behoefte?,Leeftijd?\n"));
    assert!(none(b"PK\x03\x04rest"));
    // Binary data in a file that is not UTF-8 is the whole-file import's error, also
    // when the control byte comes long before the first line that is not UTF-8.
    assert!(none(b"Behoefte?,Leeftijd?\nJa,4\x02\nJa,caf\xe9\n"));
    assert!(none(b"\xEF\xBB\xBFBehoefte?,Leeftijd?\nJa,caf\xe9\n"));
    assert!(none(b"\xFF\xFEB\x00,\x00\n\x00\x00\xD8\n\x00"));
    let utf8_only = ImportOptions {
        table: crate::import::TableOptions {
            utf8_only: true,
            ..Default::default()
        },
        ..Default::default()
    };
    let latin = b"Behoefte?,Leeftijd?\nJa,caf\xe9\n";
    assert!(stream_csv(
        &q,
        "x.csv",
        &latin[..],
        &utf8_only,
        &mut |_| {},
        &mut |_, _| {}
    )
    .is_none());
}

/// Bytes of `text` in UTF-16 with its byte order mark.
fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        let bytes = if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        };
        out.extend_from_slice(&bytes);
    }
    out
}

#[test]
fn other_encodings_stream_as_the_import_reads_them() {
    let text = "Behoefte?;Leeftijd?\r\nJa;\"één\r\nregel\"\r\nNee; 7 jaar\r\nja;€ 40\r\nja;41";
    for big_endian in [false, true] {
        same_as_import(&utf16(text, big_endian));
        // More byte order marks after the first are dropped too.
        same_as_import(&utf16(&format!("\u{feff}\u{feff}{text}"), big_endian));
    }
    let latin = b"Behoefte?;Leeftijd?\r\nJa;\"\xe9\xe9n\r\nregel\"\r\nNee; 7 jaar\r\nja;\x80 40\n";
    same_as_import(latin);
    // UTF-8 with two lines that are not (one far down): those are problems.
    let mixed = b"Behoefte?,Leeftijd?\nJa,\"caf\xe9,\"\nja,40\n\xef\xbb\xbfnee,\"x\"\"\xe9\"\nJa,\xc3\xa9\xc3\xa9n\n";
    same_as_import(mixed);
    let d = import(&q(), "x.csv", &mixed[..], &ImportOptions::default()).unwrap();
    assert_eq!(d.report.encoding, "UTF-8");
    let lines: Vec<(usize, usize)> = d
        .report
        .problems
        .iter()
        .filter(|p| crate::import::is_not_utf8(p))
        .map(|p| (p.row, p.column))
        .collect();
    assert_eq!(lines, [(2, 2), (4, 2)]);
    for block in [1, 2, 3, 5, 8, 13, 40] {
        same_in_blocks(latin, block);
    }
}

#[test]
fn second_submissions_and_tallies_match_the_import() {
    let bytes = b"ID,Behoefte?,Leeftijd?\n1,Ja,40\n2,Nee,\n1,ja,41\n3,Nee,7\n2,Ja,30\n1,Ja,\n";
    same_as_import(bytes);
    let report = stream_csv(
        &q(),
        "x.csv",
        &bytes[..],
        &ImportOptions::default(),
        &mut |_| {},
        &mut |_, _| {},
    )
    .unwrap();
    let dups: Vec<(usize, usize, &str, bool)> = report
        .duplicates
        .iter()
        .map(|d| (d.row, d.first_row, d.key.as_str(), d.kept))
        .collect();
    assert_eq!(
        dups,
        [
            (4, 2, "id 1", true),
            (7, 2, "id 1", true),
            (6, 3, "id 2", true)
        ]
    );
    // Age is asked after "Ja" (rows 2, 4, 6, 7); row 5 answered it after "Nee".
    let age = &report.tallies[1];
    assert_eq!(
        (
            age.answered,
            age.no_answer,
            age.not_asked,
            age.answered_not_asked
        ),
        (3, 1, 2, 1)
    );
}
