//! End-to-end tests: run the real `peiling` binary, one module per area.

mod common;
mod bijlage;
mod foundation;
