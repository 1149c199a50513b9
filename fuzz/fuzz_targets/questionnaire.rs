//! Fuzz target: any text as a questionnaire definition; errors are fine, panics are not.
#![no_main]

use libfuzzer_sys::fuzz_target;
use peiling_survey::Questionnaire;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(e) = Questionnaire::from_toml("fuzz.toml", text) {
            let message = e.to_string();
            assert!(!message.contains('\n'), "one-line errors: {message:?}");
            assert!(message.starts_with("fuzz.toml:"), "names the file: {message}");
        }
    }
});
