//! The bundled BOS 2020 survey, exported in every survey tool's style (CSV in UTF-8 and
//! in Dutch Excel's Windows-1252 with semicolons, and as an XLSX workbook), imports
//! again with the same answers, the same metadata and the same accounting.

use peiling_survey::export::{ExportOptions, ExportStyle, ExportWriter};
use peiling_survey::{import, Dataset, ImportOptions, Survey};

const STYLES: [ExportStyle; 4] = [
    ExportStyle::MsFormsNl,
    ExportStyle::MsFormsEn,
    ExportStyle::GoogleForms,
    ExportStyle::LimeSurvey,
];

fn export(data: &Dataset, opts: ExportOptions) -> Vec<u8> {
    let mut w = ExportWriter::new(&data.questionnaire, opts, Vec::new()).unwrap();
    for (i, r) in data.responses.iter().enumerate() {
        w.write(i + 1, &r.meta, &r.answers).unwrap();
    }
    w.finish().unwrap()
}

/// The test helper for workbooks: the CSV export's cells in the first sheet, numbers as
/// numeric cells the way Excel stores them.
fn to_xlsx(csv_bytes: &[u8]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(csv_bytes));
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

fn assert_same(original: &Dataset, again: &Dataset, what: &str) {
    let (a, b) = (&original.report, &again.report);
    assert!(b.problems.is_empty(), "{what}: {:?}", b.problems.first());
    assert!(
        b.unmatched_columns.is_empty(),
        "{what}: {:?}",
        b.unmatched_columns
    );
    assert_eq!(
        (b.rows_read, b.rows_accepted, b.rows_rejected()),
        (a.rows_read, a.rows_accepted, a.rows_rejected()),
        "{what}"
    );
    assert_eq!(again.responses.len(), original.responses.len(), "{what}");
    for (x, y) in original.responses.iter().zip(&again.responses) {
        assert_eq!(x.answers, y.answers, "{what}: row {} vs {}", x.row, y.row);
    }
    assert_eq!(a.tallies, b.tallies, "{what}");
}

#[test]
fn bundled_survey_round_trips_through_every_export_style() {
    let survey = Survey::bundled(&ImportOptions::default()).unwrap();
    assert_eq!(survey.parts.len(), 2);
    let mut transcoded = 0;
    for part in &survey.parts {
        let data = &part.data;
        assert!(data.report.is_clean(), "the bundled data itself is clean");
        for style in STYLES {
            for dutch_excel in [false, true] {
                let mut opts = ExportOptions::new(style);
                if dutch_excel {
                    opts.delimiter = b';';
                    opts.windows_1252 = true;
                }
                let bytes = export(data, opts);
                let what = format!(
                    "{} {style:?} windows-1252={dutch_excel}",
                    data.questionnaire.id
                );
                let again = import(
                    &data.questionnaire,
                    "again.csv",
                    &bytes,
                    &ImportOptions::default(),
                )
                .unwrap_or_else(|e| panic!("{what}: {e}"));
                assert_eq!(
                    again.report.encoding,
                    // The WPB file is plain ASCII, which reads as UTF-8 in either encoding.
                    if std::str::from_utf8(&bytes).is_err() {
                        transcoded += 1;
                        "Windows-1252"
                    } else if opts.bom && !dutch_excel {
                        "UTF-8 (BOM)"
                    } else {
                        "UTF-8"
                    },
                    "{what}"
                );
                assert_same(data, &again, &what);
                if style != ExportStyle::GoogleForms {
                    let ids = |d: &Dataset| {
                        d.responses
                            .iter()
                            .map(|r| r.meta.id.clone())
                            .collect::<Vec<_>>()
                    };
                    assert_eq!(ids(data), ids(&again), "{what}");
                }
            }
            let xlsx = to_xlsx(&export(data, ExportOptions::new(style)));
            let what = format!("{} {style:?} xlsx", data.questionnaire.id);
            let again = import(
                &data.questionnaire,
                "again.xlsx",
                &xlsx,
                &ImportOptions::default(),
            )
            .unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_eq!(again.report.encoding, "XLSX");
            assert_same(data, &again, &what);
        }
    }
    // The SO file has "op één lijn": its Windows-1252 exports really were transcoded.
    assert_eq!(transcoded, 4);
}
