//! Fuzz target: any text as a theme catalogue (peiling-planner's `Catalogue::from_toml`,
//! prerequisite cycles included); errors are fine, panics and multi-line errors are not.
#![no_main]

use libfuzzer_sys::fuzz_target;
use peiling_planner::Catalogue;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(e) = Catalogue::from_toml("fuzz.toml", text) {
            let message = e.to_string();
            assert!(!message.contains('\n'), "one-line errors: {message:?}");
            assert!(message.starts_with("fuzz.toml:"), "names the file: {message}");
        }
    }
});
