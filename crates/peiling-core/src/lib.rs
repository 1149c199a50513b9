//! peiling-core: what every output of peiling shares, below the survey, analysis and
//! report crates: the one privacy filter ([`privacy`]), the file:line error of a TOML
//! definition ([`definition`]) and the data of a certificate ([`certificate`]), computed
//! by the records store and rendered by the report, the turnout of meetings
//! ([`turnout`]), the id that ties a plan's meeting to a records activity
//! ([`activity`]), and the result of a series' trend ([`trend`]), computed by the panel
//! crate and rendered by the report.

pub mod activity;
pub mod certificate;
pub mod definition;
pub mod privacy;
pub mod trend;
pub mod turnout;

pub use activity::activity_id;
pub use definition::DefinitionError;
