//! Tests of merging chunk imports: split into 1 to 8 chunks, streamed chunk by chunk
//! and merged, an export gives the report of streaming it whole, field by field.

use crate::import::split::split_bytes;
use crate::import::stream::{stream_csv, StreamReport};
use crate::questionnaire::Questionnaire;
use crate::ImportOptions;

fn questionnaire() -> Questionnaire {
    let text = include_str!("../../../../../tests/fixtures/counts/questionnaire.toml");
    Questionnaire::from_toml("questionnaire.toml", text).unwrap()
}

const HEADER: &str = "ID,Begintijd,Tijd van voltooien,E-mail,Naam,Wat is je leeftijd?,\
Heb je behoefte aan professionalisering?,Aan welke thema's heb je behoefte?,\
Wil je nog iets toelichten?,Mogen we je benaderen? Laat dan je e-mailadres achter.";

/// A messy export of `rows` rows: spellings, invalid answers, answers to a question
/// that was not asked, own names in free text, addresses, quoted line ends, empty and
/// ragged rows and the header again, with `end` as the line end.
fn export(rows: usize, end: &str) -> Vec<u8> {
    let mut s = format!("\u{FEFF}{HEADER}{end}");
    let mut x: u64 = 7;
    let mut next = |n: u64| {
        x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (x >> 33) % n
    };
    let ages = [
        "35-50",
        "jonger dan 35",
        " Ouder dan 50",
        "",
        "42",
        "35 - 50",
    ];
    let needs = ["Ja", "Nee", "ja", "", "misschien"];
    let themes = [
        "Observeren;",
        "Feedback geven;Beoordelen;",
        "Anders: klassenmanagement",
        "",
        "observeren;Anders: coaching;",
        "Beoordelen;Onbekend thema;",
    ];
    let names = ["", "Anna Bakker", "Piet", "Fatima el Idrissi"];
    for i in 0..rows {
        match next(40) {
            0 => s.push_str(",,,,,,,,,"),
            1 => s.push_str("kapot,rijtje"),
            2 => s.push_str(HEADER),
            _ => {
                let name = names[next(4) as usize];
                let text = match next(6) {
                    0 => format!("\"{} vindt het \"\"prima\"\",{end}echt\"", name),
                    1 => format!("tekst {}", next(50)),
                    2 => "mail me: a.b@school.nl".to_string(),
                    _ => String::new(),
                };
                let (day, month) = (1 + next(28), 1 + next(12));
                let date = if next(2) == 0 {
                    format!("{month}/{day}/2020 9:0{}", next(10))
                } else {
                    format!("2020-{month:02}-{day:02} 10:00:00")
                };
                let contact = ["", "x@y.nl", "ja@school.nl"][next(3) as usize];
                s.push_str(&format!(
                    "{i},{date},{date},anoniem,{name},{},{},\"{}\",{text},{contact}",
                    ages[next(6) as usize],
                    needs[next(5) as usize],
                    themes[next(6) as usize],
                ));
            }
        }
        s.push_str(end);
    }
    s.into_bytes()
}

fn whole(q: &Questionnaire, bytes: &[u8]) -> StreamReport {
    let opts = ImportOptions::default();
    stream_csv(q, "x.csv", bytes, &opts, &mut |_| {}, &mut |_, _| {}).unwrap()
}

/// Streams every chunk on its own, then merges them in order; also checks that the ids
/// each chunk handed out map to the merged entries of the same answers.
fn chunked(q: &Questionnaire, bytes: &[u8], n: usize) -> StreamReport {
    let split = split_bytes(bytes, None, n).unwrap();
    let mut opts = ImportOptions::default();
    opts.table.delimiter = Some(split.delimiter);
    let mut merged: Option<StreamReport> = None;
    for (i, c) in split.chunks.iter().enumerate() {
        let body = &bytes[c.start as usize..c.end as usize];
        let mut rows: Vec<Vec<u32>> = Vec::new();
        let mut report = stream_csv(
            q,
            "x.csv",
            split.reader(i, body),
            &opts,
            &mut |_| {},
            &mut |ids, _| rows.push(ids.to_vec()),
        )
        .unwrap();
        if i > 0 {
            report.behind_header(split.header_lines());
        }
        report.shift_rows(split.line_offset(i));
        let answers: Vec<Vec<_>> = rows
            .iter()
            .map(|ids| {
                ids.iter()
                    .enumerate()
                    .map(|(qi, &id)| report.dictionaries[qi].answers[id as usize].clone())
                    .collect()
            })
            .collect();
        match &mut merged {
            None => merged = Some(report),
            Some(m) => {
                let map = m.merge(q, report);
                for (ids, answers) in rows.iter().zip(&answers) {
                    for (qi, &id) in ids.iter().enumerate() {
                        let to = map[qi][id as usize] as usize;
                        assert_eq!(m.dictionaries[qi].answers[to], answers[qi]);
                    }
                }
            }
        }
    }
    merged.unwrap()
}

fn assert_same(a: &StreamReport, b: &StreamReport, n: usize) {
    assert_eq!(a.rows_read, b.rows_read, "{n} chunks");
    assert_eq!(a.rows_accepted, b.rows_accepted, "{n} chunks");
    assert_eq!(a.rejected, b.rejected, "{n} chunks");
    assert_eq!(a.problems, b.problems, "{n} chunks");
    assert_eq!(a.coercions, b.coercions, "{n} chunks");
    assert_eq!(a.last_submission, b.last_submission, "{n} chunks");
    assert_eq!(a.tallies, b.tallies, "{n} chunks");
    assert_eq!(a.duplicates, b.duplicates, "{n} chunks");
    assert_eq!(a.headers, b.headers);
    assert_eq!(a.encoding, b.encoding);
    assert_eq!(a.format, b.format);
    for (x, y) in a.dictionaries.iter().zip(&b.dictionaries) {
        assert_eq!(x.answers, y.answers, "{n} chunks");
        assert_eq!(x.invalid, y.invalid, "{n} chunks");
        assert_eq!(x.coerced, y.coerced, "{n} chunks");
        assert_eq!(x.seen, y.seen, "{n} chunks");
    }
}

#[test]
fn chunks_merge_into_the_whole_import() {
    let q = questionnaire();
    for end in ["\n", "\r\n"] {
        let bytes = export(400, end);
        let one = whole(&q, &bytes);
        // The export is as messy as meant: every kind of trouble is in it.
        assert!(one.rejected.len() > 10 && one.problems.len() > 50);
        assert!(one
            .problems
            .iter()
            .any(|p| p.expected.to_string().contains("not asked")));
        assert!(one.coercions.len() > 2 && one.last_submission.is_some());
        for n in 1..=8 {
            assert_same(&chunked(&q, &bytes, n), &one, n);
        }
    }
}

#[test]
fn chunks_in_other_encodings_merge_into_the_whole_import() {
    let q = questionnaire();
    let bytes = export(400, "\r\n");
    let text = std::str::from_utf8(&bytes[3..])
        .unwrap()
        .replace("Piet", "Piët")
        .replace("tekst", "tékst");
    let latin = encoding_rs::WINDOWS_1252.encode(&text).0.into_owned();
    // UTF-8 but for every fifth line (Windows-1252 there): each such line with an
    // accent is a problem.
    let mut mixed = Vec::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        match i % 5 {
            4 => mixed.extend_from_slice(&encoding_rs::WINDOWS_1252.encode(line).0),
            _ => mixed.extend_from_slice(line.as_bytes()),
        }
    }
    for (bytes, encoding) in [(latin, "Windows-1252"), (mixed, "UTF-8")] {
        let one = whole(&q, &bytes);
        let reference = crate::import::import(&q, "x.csv", &bytes, &ImportOptions::default())
            .unwrap()
            .report;
        assert_eq!(one.encoding, encoding);
        assert_eq!(one.problems, reference.problems);
        let lines = one
            .problems
            .iter()
            .filter(|p| crate::import::is_not_utf8(p))
            .count();
        assert_eq!(lines > 10, encoding == "UTF-8", "{lines}");
        for n in 1..=8 {
            assert_same(&chunked(&q, &bytes, n), &one, n);
        }
    }
}

#[test]
fn the_bundled_export_merges_into_the_whole() {
    let text = include_str!("../../../../../datasets/bos-2020/wpb.toml");
    let q = Questionnaire::from_toml("wpb.toml", text).unwrap();
    let bytes = include_bytes!("../../../../../datasets/bos-2020/wpb.csv");
    let one = whole(&q, bytes);
    for n in 1..=8 {
        assert_same(&chunked(&q, bytes, n), &one, n);
    }
}

#[test]
fn the_date_order_is_decided_over_all_chunks() {
    // 10/3 alone reads as 3 October; a later 25/3 shows the column is day-month.
    let q = questionnaire();
    let mut s = format!("{HEADER}\n");
    for i in 0..20 {
        s.push_str(&format!("{i},,10/3/2020 9:00,anoniem,,35-50,Ja,,,\n"));
    }
    s.push_str("99,,25/3/2020 9:00,anoniem,,35-50,Ja,,,\n");
    let bytes = s.into_bytes();
    let one = whole(&q, &bytes);
    assert_eq!(one.last_submission.as_deref(), Some("2020-03-25"));
    for n in 1..=4 {
        assert_same(&chunked(&q, &bytes, n), &one, n);
    }
}

#[test]
fn second_submissions_are_found_across_chunks() {
    // Respondent ids come back every 30 rows: most second submissions lie in another
    // chunk than the first.
    let q = questionnaire();
    let mut s = format!("{HEADER}\n");
    for i in 0..200 {
        s.push_str(&format!(
            "{},,10/3/2020 9:00,anoniem,,35-50,Ja,,,\n",
            i % 30
        ));
    }
    let bytes = s.into_bytes();
    let one = whole(&q, &bytes);
    assert_eq!(one.duplicates.len(), 170);
    for n in 1..=8 {
        assert_same(&chunked(&q, &bytes, n), &one, n);
    }
}
