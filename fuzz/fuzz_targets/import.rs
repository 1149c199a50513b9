//! Fuzz target: any bytes as an export of a questionnaire with every question kind, read
//! as CSV, or wrapped in a valid XLSX container as its sheet or its shared strings so
//! the workbook reader sees more than broken zip files. The first byte picks the
//! container and the import options.
#![no_main]

use std::io::Write;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use peiling_survey::{import, DuplicatePolicy, ImportOptions, Questionnaire};

static QUESTIONNAIRE: LazyLock<Questionnaire> = LazyLock::new(|| {
    let text = include_str!("../../tests/fixtures/fuzz/all-kinds.toml");
    Questionnaire::from_toml("all-kinds.toml", text).expect("valid fixture")
});

/// A header row of shared strings, used when the fuzz data is the sheet.
const SHARED: &str = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Leeftijd</t></si><si><t>Behoefte</t></si><si><t>Thema</t></si><si><t>Uren</t></si></sst>"#;

/// A sheet whose cells refer to shared strings 0..4, used when the fuzz data is the strings.
const SHEET: &str = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c><c r="C2"><v>12.5</v></c></row></sheetData></worksheet>"#;

fn xlsx(sheet: &[u8], shared: &[u8]) -> Vec<u8> {
    let files: [(&str, &[u8]); 6] = [
        ("[Content_Types].xml", br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#),
        ("_rels/.rels", br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
        ("xl/workbook.xml", br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
        ("xl/_rels/workbook.xml.rels", br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#),
        ("xl/worksheets/sheet1.xml", sheet),
        ("xl/sharedStrings.xml", shared),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in files {
        zip.start_file(name, stored).expect("in-memory zip");
        zip.write_all(bytes).expect("in-memory zip");
    }
    zip.finish().expect("in-memory zip").into_inner()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = match mode & 3 {
        1 => xlsx(rest, SHARED.as_bytes()),
        2 => xlsx(SHEET.as_bytes(), rest),
        _ => rest.to_vec(),
    };
    let mut opts = ImportOptions {
        strict: mode & 4 != 0,
        duplicates: match (mode >> 3) & 3 {
            1 => DuplicatePolicy::KeepFirst,
            2 => DuplicatePolicy::KeepLast,
            _ => DuplicatePolicy::KeepAll,
        },
        ..ImportOptions::default()
    };
    opts.table.utf8_only = mode & 32 != 0;
    match import(&QUESTIONNAIRE, "fuzz.csv", &bytes, &opts) {
        Ok(d) => {
            let r = &d.report;
            assert_eq!(r.rows_read, r.rows_accepted + r.rows_rejected());
            assert_eq!(r.rows_accepted, d.responses.len());
            for t in &r.tallies {
                assert_eq!(t.answered + t.no_answer + t.invalid, r.rows_accepted);
            }
        }
        Err(e) => {
            let message = e.to_string();
            assert!(!message.contains('\n'), "one-line errors: {message:?}");
            assert!(message.starts_with("fuzz.csv:"), "names the file: {message}");
        }
    }
});
