//! peiling-panel: the validated responses as tidy (long) data on polars, and the trends
//! of one enquête across its editions.
//!
//! [`tidy::Tidy::from_survey`] turns a loaded [`peiling_survey::Survey`] into one row per
//! respondent x question x chosen category (schema: docs/tidy-schema.md), written as
//! Parquet or CSV; [`stream::stream`] builds the same rows block by block from the
//! streamed import and [`write::TidyWriter`] writes them a block at a time, so an export
//! of millions of rows never sits in memory whole. A [`series::Series`] lists the editions of one enquête and how their
//! questions line up (docs/series-format.md); [`trend::trend`] computes per shared
//! question the figure per edition with its interval and a test of change, from counts
//! taken one edition at a time ([`counts::EditionCounts`]). Editions are
//! repeated cross-sections: no respondent is followed from one edition to the next.

pub mod counts;
pub mod error;
pub mod series;
pub mod stats;
pub mod stream;
pub mod tidy;
pub mod trend;
pub mod write;

pub use error::PanelError;
pub use tidy::{Status, Tidy};
pub use write::{Format, TidyWriter};
