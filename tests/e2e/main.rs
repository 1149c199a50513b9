//! End-to-end tests: run the real `peiling` binary, one module per area.

mod analyze;
mod bad_input;
mod bijlage;
mod bounds;
mod certificates;
mod common;
mod compare;
mod counts;
mod evaluate;
mod foundation;
mod import;
mod init;
mod output;
mod plan;
mod privacy;
mod records;
mod records_dataset;
mod reliability;
mod report;
mod silent_loss;
mod start;
mod synth;
