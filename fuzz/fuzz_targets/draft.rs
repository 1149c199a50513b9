//! Fuzz target: any bytes as an export handed to `peiling init`. Whatever the draft
//! guesses, it must parse as a questionnaire and read the export it came from.
#![no_main]

use libfuzzer_sys::fuzz_target;
use peiling_survey::draft::{draft, DraftOptions};
use peiling_survey::import::{read_table, TableOptions};
use peiling_survey::{import, ImportOptions, Questionnaire};

fuzz_target!(|data: &[u8]| {
    let Ok(table) = read_table("fuzz.csv", data, &TableOptions::default()) else {
        return;
    };
    let opts = DraftOptions {
        id: "fuzz".into(),
        title: "Fuzz".into(),
        audience: "WPB".into(),
        format: None,
    };
    let Ok(made) = draft("fuzz.csv", &table, &opts) else {
        return;
    };
    let q = Questionnaire::from_toml("draft.toml", &made.toml)
        .unwrap_or_else(|e| panic!("the draft parses: {e}\n{}", made.toml));
    let import_opts = ImportOptions {
        format: Some(made.format),
        ..ImportOptions::default()
    };
    let d = import(&q, "fuzz.csv", data, &import_opts)
        .unwrap_or_else(|e| panic!("the draft reads its export: {e}\n{}", made.toml));
    assert_eq!(d.report.rows_read, table.rows.len());
});
