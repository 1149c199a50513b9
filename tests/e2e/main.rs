//! End-to-end tests: run the real `peiling` binary, one module per area.

mod common;
mod compare;
mod bijlage;
mod foundation;
