//! Tests of the record-boundary splitter: the chunks, each read behind the header, give
//! exactly the records (and line numbers) of the whole file.

use proptest::prelude::*;

use super::*;

/// The records of `bytes` as the csv crate reads them, each with the line it starts on
/// (counted as the streamed import counts them: line ends before its first byte).
fn records(bytes: &[u8], delimiter: u8) -> Vec<(usize, Vec<Vec<u8>>)> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut out = Vec::new();
    let mut record = csv::ByteRecord::new();
    let (mut seen, mut lines) = (0, 0);
    while reader.read_byte_record(&mut record).unwrap() {
        let mut byte = record.position().unwrap().byte() as usize;
        while matches!(bytes.get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        lines += bytes[seen..byte].iter().filter(|&&b| b == b'\n').count();
        seen = byte;
        out.push((lines + 1, record.iter().map(<[u8]>::to_vec).collect()));
    }
    out
}

/// The records of every chunk (behind the header, which is left out again), with their
/// lines moved on: must be the records of the whole file after its header.
fn chunked_records(bytes: &[u8], split: &Split) -> Vec<(usize, Vec<Vec<u8>>)> {
    let mut out = Vec::new();
    for (i, chunk) in split.chunks.iter().enumerate() {
        let mut text = if i == 0 {
            Vec::new()
        } else {
            split.header.clone()
        };
        text.extend_from_slice(&bytes[chunk.start as usize..chunk.end as usize]);
        let offset = split.line_offset(i);
        out.extend(
            records(&text, split.delimiter)
                .into_iter()
                .skip(1)
                .map(|(line, fields)| (line + offset, fields)),
        );
    }
    out
}

fn check(bytes: &[u8], n: usize) -> Split {
    let split = split_bytes(bytes, None, n).expect("splittable");
    assert!(split.chunks.len() <= n);
    assert_eq!(split.chunks[0].start, 0);
    assert_eq!(split.chunks.last().unwrap().end, bytes.len() as u64);
    for pair in split.chunks.windows(2) {
        assert_eq!(pair[0].end, pair[1].start);
        assert!(pair[0].start < pair[0].end);
    }
    for c in &split.chunks {
        let newlines = bytes[..c.start as usize]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        assert_eq!(c.line, newlines + 1, "line of the chunk at {}", c.start);
    }
    let whole: Vec<_> = records(bytes, split.delimiter)
        .into_iter()
        .skip(1)
        .collect();
    assert_eq!(chunked_records(bytes, &split), whole, "{n} chunks");
    split
}

#[test]
fn cuts_only_after_a_line_end_outside_quotes() {
    let mut bytes = b"a,b,c\n".to_vec();
    for i in 0..50 {
        bytes
            .extend_from_slice(format!("{i},\"two\nlines, with \"\"quotes\"\"\n\",x\n").as_bytes());
    }
    for n in 1..=8 {
        let split = check(&bytes, n);
        assert_eq!(split.chunks.len(), n);
        for c in &split.chunks[1..] {
            // Every record starts with its number: a cut inside the quoted field
            // would start a chunk with "lines".
            assert!(bytes[c.start as usize].is_ascii_digit());
        }
    }
}

#[test]
fn bom_crlf_and_a_header_over_two_lines() {
    let mut bytes = b"\xEF\xBB\xBFnaam;\"vraag\r\nover twee regels\";c\r\n".to_vec();
    for i in 0..40 {
        bytes.extend_from_slice(format!("r{i};\"ja; nee\";\"\"\"\"\r\n").as_bytes());
    }
    for n in 1..=8 {
        let split = check(&bytes, n);
        assert_eq!(split.delimiter, b';');
        assert!(split.header.starts_with(b"\xEF\xBB\xBF"));
        assert!(split.header.ends_with(b"\r\n"));
        if n > 1 {
            // Line 1 and 2 are the header; the first row of chunk 1 is on its own line.
            assert_eq!(split.line_offset(1), split.chunks[1].line - 3);
        }
    }
}

#[test]
fn empty_trailing_lines_and_no_final_line_end() {
    let mut bytes = b"a,b\n".to_vec();
    for i in 0..30 {
        bytes.extend_from_slice(format!("{i},x\n").as_bytes());
    }
    let mut trailing = bytes.clone();
    trailing.extend_from_slice(b"\n\n\r\n\n");
    let mut unended = bytes.clone();
    unended.extend_from_slice(b"30,\"last\"");
    for n in 1..=8 {
        check(&trailing, n);
        check(&unended, n);
        // No chunk is only the file's last line end.
        assert!(split_bytes(&bytes, None, n)
            .unwrap()
            .chunks
            .iter()
            .all(|c| c.end > c.start));
    }
}

#[test]
fn a_quote_inside_an_unquoted_field_is_text() {
    // `5" scherm` opens no quoted field: the line end after it ends the record.
    let mut bytes = b"a,b\n".to_vec();
    for i in 0..30 {
        bytes.extend_from_slice(format!("{i},5\" scherm\n").as_bytes());
    }
    for n in 1..=8 {
        assert_eq!(check(&bytes, n).chunks.len(), n);
    }
}

#[test]
fn what_cannot_be_split_is_read_whole() {
    assert!(split_bytes(b"", None, 4).is_none());
    assert!(split_bytes(b"\na,b\n1,2\n", None, 4).is_none());
    assert!(split_bytes(b"PK\x03\x04....", None, 4).is_none());
    assert!(split_bytes(b"\xFF\xFEa\0,\0", None, 4).is_none());
    // No line end after the header: one record, nothing to cut.
    assert!(split_bytes(b"a,b", None, 4).is_none());
    // Only a header: one chunk.
    assert_eq!(split_bytes(b"a,b\n", None, 4).unwrap().chunks.len(), 1);
    // An unclosed quote: everything after it is one field, so one chunk.
    let split = split_bytes(b"a,b\n1,\"open\n2,x\n3,y\n4,z\n", None, 4).unwrap();
    assert_eq!(split.chunks.len(), 1);
}

#[test]
fn a_reader_gives_the_cuts_of_the_bytes() {
    let mut bytes = b"a,b\n".to_vec();
    for i in 0..200_000 {
        bytes.extend_from_slice(format!("{i},\"x\ny\"\n").as_bytes());
    }
    // Over two reads of the first block: a doubled quote or a line end may sit on the
    // edge of a read.
    let a = split_bytes(&bytes, None, 7).unwrap();
    let b = split_reader(std::io::Cursor::new(&bytes), bytes.len() as u64, None, 7).unwrap();
    assert_eq!(a.chunks, b.chunks);
    assert_eq!(a.chunks.len(), 7);
    check(&bytes, 7);
}

/// A cell: plain text, a quoted field with separators, line ends and doubled quotes,
/// or bytes that make a messy field (a stray quote, a lone carriage return).
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zé ]{0,6}",
        "[a-z,;\n\r\" é]{0,8}".prop_map(|s| format!("\"{}\"", s.replace('"', "\"\""))),
        "[a-z\"]{1,4}",
        Just(" \"x\" ".to_string()),
        Just("\r".to_string()),
    ]
}

fn export() -> impl Strategy<Value = Vec<u8>> {
    (
        any::<bool>(),
        prop_oneof![Just(","), Just(";")],
        prop_oneof![Just("\n"), Just("\r\n")],
        proptest::collection::vec(proptest::collection::vec(cell(), 1..5), 0..40),
        proptest::collection::vec(prop_oneof![Just(""), Just("\n"), Just("\r\n")], 0..3),
    )
        .prop_map(|(bom, sep, end, rows, trailing)| {
            let mut s = String::new();
            if bom {
                s.push('\u{FEFF}');
            }
            s.push_str(&format!("id{sep}\"vraag{sep} een\"{sep}c{end}"));
            for row in rows {
                s.push_str(&row.join(sep));
                s.push_str(end);
            }
            s.extend(trailing);
            s.into_bytes()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn chunks_read_as_the_whole(bytes in export(), n in 1usize..=8) {
        check(&bytes, n);
    }
}
