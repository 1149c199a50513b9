//! End-to-end tests: run the real `peiling` binary, one module per area.

mod analyze;
mod bad_input;
mod bijlage;
mod common;
mod compare;
mod foundation;
mod import;
mod init;
mod plan;
mod privacy;
mod reliability;
mod report;
mod synth;
