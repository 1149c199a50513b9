//! `peiling init`'s promise on every export the repository holds (the bundled surveys,
//! the import fixtures, the bad-input corpus, the fuzz regressions): whatever the draft
//! guesses, it parses as a questionnaire and reads the export it came from, and any
//! problem in that reading is on a question the draft marks as an uncertain guess.

use peiling_survey::draft::{draft, DraftOptions};
use peiling_survey::import::{read_table, TableOptions};
use peiling_survey::{import, ImportOptions, Questionnaire};

#[test]
fn every_draft_parses_and_reads_its_export() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let opts = DraftOptions {
        id: "draft".into(),
        title: "Draft".into(),
        audience: "WPB".into(),
        format: None,
    };
    let mut drafted = 0;
    for dir in [
        "datasets/bos-2020",
        "datasets/bos-2021-synthetic",
        "tests/fixtures/import",
        "tests/fixtures/init",
        "tests/fixtures/bad-input",
        "tests/fixtures/fuzz/regressions",
    ] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.display().to_string();
            if path.is_dir()
                || path
                    .extension()
                    .is_some_and(|e| e == "toml" || e == "md" || e == "py")
            {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let Ok(table) = read_table(&name, &bytes, &TableOptions::default()) else {
                continue;
            };
            let Ok(made) = draft(&name, &table, &opts) else {
                continue;
            };
            let q = Questionnaire::from_toml("draft.toml", &made.toml)
                .unwrap_or_else(|e| panic!("{name}: the draft parses: {e}"));
            let import_opts = ImportOptions {
                format: Some(made.format),
                ..ImportOptions::default()
            };
            let d = import(&q, &name, &bytes, &import_opts)
                .unwrap_or_else(|e| panic!("{name}: the draft reads its export: {e}"));
            assert_eq!(d.report.rows_read, table.rows.len(), "{name}");
            for p in &d.report.problems {
                let question = p.question.as_deref().unwrap_or_default();
                assert!(
                    made.unsure().any(|q| q.id == question),
                    "{name}: a problem the draft did not warn about: {p:?}"
                );
            }
            drafted += 1;
        }
    }
    assert!(drafted >= 30, "only {drafted} exports drafted");
}

/// A CSV export's cells as the first sheet of a workbook, numbers as numeric cells the
/// way the survey tools' XLSX downloads store them.
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

#[test]
fn the_init_traps_draft_alike_from_a_workbook() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/init");
    let opts = DraftOptions {
        id: "draft".into(),
        title: "Draft".into(),
        audience: "WPB".into(),
        format: None,
    };
    for name in ["google-forms-traps.csv", "msforms-traps.csv"] {
        let csv_bytes = std::fs::read(root.join(name)).unwrap();
        let xlsx = to_xlsx(&csv_bytes);
        let from = |file: &str, bytes: &[u8]| {
            let table = read_table(file, bytes, &TableOptions::default()).unwrap();
            draft(file, &table, &opts).unwrap()
        };
        let (a, b) = (from(name, &csv_bytes), from("export.xlsx", &xlsx));
        assert_eq!(a.format, b.format, "{name}");
        assert_eq!(a.questions, b.questions, "{name}");
        assert!(b.unsure().count() >= 2, "{name}");
    }
}
