//! End-to-end tests: run the real `peiling` binary, one module per area.

mod bijlage;
mod common;
mod compare;
mod foundation;
