//! Test-only: lets the end-to-end test stop an import halfway, inside its transaction,
//! so that it can kill the process there and see the database unchanged.
//!
//! In a debug build (the one `cargo test` runs) the variable
//! `PEILING_TEST_PAUSE_IMPORT_AFTER=N` makes [`crate::Records::import`] print
//! "paused after N rows" on stderr after its N-th written row and sleep for two minutes.
//! A release build has no such hook: it reads no variable and never pauses.

#[cfg(debug_assertions)]
const PAUSE_ENV: &str = "PEILING_TEST_PAUSE_IMPORT_AFTER";

/// The row after which to pause, if the test asked for one.
#[cfg(debug_assertions)]
pub(crate) fn pause_wanted() -> Option<usize> {
    std::env::var(PAUSE_ENV).ok().and_then(|v| v.parse().ok())
}

#[cfg(not(debug_assertions))]
pub(crate) fn pause_wanted() -> Option<usize> {
    None
}

/// Pauses when `done` rows are written and the test asked for a pause there.
pub(crate) fn pause(wanted: Option<usize>, done: usize) {
    if wanted == Some(done) {
        eprintln!("paused after {done} rows");
        std::thread::sleep(std::time::Duration::from_secs(120));
    }
}
