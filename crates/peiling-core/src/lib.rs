//! peiling-core: what every output of peiling shares, below the survey, analysis and
//! report crates. Today that is the one privacy filter ([`privacy`]) and the
//! file:line error of a TOML definition ([`definition`]).

pub mod definition;
pub mod privacy;

pub use definition::DefinitionError;
