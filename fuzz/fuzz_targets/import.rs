//! Fuzz target: any bytes as an export of a questionnaire with every question kind.
#![no_main]

use libfuzzer_sys::fuzz_target;
use peiling_survey::{import, ImportOptions, Questionnaire};

const QUESTIONNAIRE: &str = include_str!("../../tests/fixtures/fuzz/all-kinds.toml");

fuzz_target!(|data: &[u8]| {
    let q = Questionnaire::from_toml("all-kinds.toml", QUESTIONNAIRE).expect("valid fixture");
    if let Ok(d) = import(&q, "fuzz.csv", data, &ImportOptions::default()) {
        let r = &d.report;
        assert_eq!(r.rows_read, r.rows_accepted + r.rows_rejected());
        for t in &r.tallies {
            assert_eq!(t.answered + t.no_answer + t.invalid, r.rows_accepted);
        }
    }
});
