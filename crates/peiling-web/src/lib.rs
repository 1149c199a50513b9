//! peiling-web: peiling in the browser. A [`Workspace`] is a virtual folder of the files
//! a team dropped on the page (exports, questionnaires, a `survey.toml`); from it come
//! the same report, plan and accounting as the CLI's, through the same library calls,
//! with nothing touching a disk, a clock or a thread.
//!
//! The Rust API here returns `Result<_, String>`, the message being the one line the CLI
//! prints for the same mistake (without its `peiling: ` prefix). In the wasm build,
//! `bindings` wraps it for JavaScript with wasm-bindgen (errors become `JsError`).

#[cfg(target_arch = "wasm32")]
mod bindings;
mod message;
mod workspace;

pub use message::{one_line, one_line_in};
pub use workspace::{Length, Workspace, BUNDLED_ID};
