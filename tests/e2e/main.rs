//! End-to-end tests: run the real `peiling` binary, one module per area.

mod analyze;
mod bad_input;
mod bijlage;
mod bounds;
mod certificates;
mod common;
mod compare;
mod counts;
mod foundation;
mod import;
mod init;
mod output;
mod plan;
mod plan_seeds;
mod privacy;
mod records;
mod reliability;
mod report;
mod silent_loss;
mod start;
mod synth;
