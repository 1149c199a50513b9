//! A workbook's sheet streamed through the row checker (no table of text, no
//! responses) gives the whole-file import's accounting, field by field: on the
//! repository's workbooks (formulas without a result, a row held twice) and on messy
//! synthetic exports with second submissions, kept, dropped first or dropped last.

use std::path::Path;

use peiling_survey::export::{ExportOptions, ExportStyle};
use peiling_survey::import::stream_part;
use peiling_survey::synth::{SynthOptions, Synthesizer};
use peiling_survey::{
    import, DataSource, DuplicatePolicy, ImportOptions, PlannedPart, Questionnaire, Survey,
};

/// The CSV's cells in the first sheet, numbers as numeric cells as Excel stores them.
fn to_xlsx(csv_bytes: &[u8]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv_bytes);
    for (r, record) in reader.records().enumerate() {
        for (c, cell) in record.unwrap().iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell.parse::<f64>() {
                Ok(v) if r > 0 && v.is_finite() => sheet.write_number(r, c, v).map(|_| ()),
                _ if cell.is_empty() => Ok(()),
                _ => sheet.write_string(r, c, cell).map(|_| ()),
            }
            .unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

/// Streamed and whole, the same accounting (or both refuse the workbook).
fn same(q: &Questionnaire, file: &str, bytes: Vec<u8>, opts: &ImportOptions) -> usize {
    let whole = import(q, file, &bytes, opts);
    let part = PlannedPart {
        questionnaire: q.clone(),
        population: None,
        file: file.to_string(),
        data: DataSource::Memory(bytes),
    };
    let mut rows = 0;
    let streamed = stream_part(&part, opts, &mut |_| {}, &mut |_, _| rows += 1);
    let Ok(whole) = whole else {
        assert!(
            streamed.is_none(),
            "{file}: streamed what the import refuses"
        );
        return 0;
    };
    let streamed = streamed.expect("a workbook streams");
    if let Some(e) = streamed.strict_error().filter(|_| opts.strict) {
        panic!("{file}: strict error {e} streamed, none whole");
    }
    let s = streamed.into_import_report();
    let w = &whole.report;
    assert_eq!(s.encoding, "XLSX");
    assert_eq!(s.encoding, w.encoding);
    assert_eq!(s.format, w.format, "{file}");
    assert_eq!(s.headers, w.headers, "{file}");
    assert_eq!(s.rows_read, w.rows_read, "{file}");
    assert_eq!(s.rows_accepted, w.rows_accepted, "{file}");
    assert_eq!(s.rejected, w.rejected, "{file}");
    assert_eq!(s.problems, w.problems, "{file}");
    assert_eq!(s.duplicates, w.duplicates, "{file}");
    assert_eq!(s.tallies, w.tallies, "{file}");
    assert_eq!(s.coercions, w.coercions, "{file}");
    assert_eq!(s.unmatched_columns, w.unmatched_columns, "{file}");
    assert_eq!(s.missing_questions, w.missing_questions, "{file}");
    assert_eq!(s.last_submission, w.last_submission, "{file}");
    // Every accepted row reached the figures, and only those.
    assert_eq!(rows, whole.responses.len(), "{file}");
    rows
}

fn fixtures() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures"))
}

#[test]
fn the_repository_s_workbooks_stream_as_they_import() {
    let load = |p: &str| {
        let text = std::fs::read_to_string(fixtures().join(p)).unwrap();
        Questionnaire::from_toml(p, &text).unwrap()
    };
    let import_q = load("import/questionnaire.toml");
    let counts_q = load("counts/questionnaire.toml");
    let bundled = Survey::bundled(&ImportOptions::default()).unwrap();
    let wpb = bundled.parts[0].questionnaire();
    let cases: [(&Questionnaire, &str); 6] = [
        (&import_q, "import/msforms-nl.xlsx"),
        (&import_q, "import/msforms-en.xlsx"),
        (&counts_q, "counts/formula.xlsx"),
        (wpb, "silent-loss/xlsx-duplicate-row.xlsx"),
        (wpb, "silent-loss/xlsx-shared-string-minus-one.xlsx"),
        (wpb, "bad-input/broken-zip.xlsx"),
    ];
    let mut streamed = 0;
    for (q, file) in cases {
        let bytes = std::fs::read(fixtures().join(file)).unwrap();
        for policy in [DuplicatePolicy::KeepAll, DuplicatePolicy::KeepLast] {
            let opts = ImportOptions {
                duplicates: policy,
                ..ImportOptions::default()
            };
            streamed += same(q, file, bytes.clone(), &opts);
        }
    }
    assert!(streamed > 0);
}

#[test]
fn messy_synthetic_workbooks_with_second_submissions_stream_as_they_import() {
    let bundled = Survey::bundled(&ImportOptions::default()).unwrap();
    for part in &bundled.parts {
        let synth = |seed: u64| {
            Synthesizer::new(&part.data)
                .write(
                    ExportOptions::new(ExportStyle::MsFormsNl),
                    Vec::new(),
                    SynthOptions {
                        rows: 300,
                        seed,
                        messy: 0.2,
                    },
                    |_| {},
                )
                .unwrap()
        };
        // Two exports one after the other: every id twice; broken rows in between.
        let mut csv = synth(4);
        csv.extend_from_slice(b",,,\nkapot,rijtje\n");
        let second = synth(5);
        let body = &second[second.iter().position(|&b| b == b'\n').unwrap() + 1..];
        csv.extend_from_slice(body);
        let xlsx = to_xlsx(&csv);
        let kept: Vec<usize> = [
            DuplicatePolicy::KeepAll,
            DuplicatePolicy::KeepFirst,
            DuplicatePolicy::KeepLast,
        ]
        .into_iter()
        .map(|policy| {
            let opts = ImportOptions {
                duplicates: policy,
                ..ImportOptions::default()
            };
            same(part.questionnaire(), "synth.xlsx", xlsx.clone(), &opts)
        })
        .collect();
        // One submission per respondent either way, fewer than all of them.
        assert_eq!(kept[1], kept[2]);
        assert!(kept[1] + 100 < kept[0], "{kept:?}");
    }
}
