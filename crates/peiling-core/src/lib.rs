//! peiling-core: what every output of peiling shares, below the survey, analysis and
//! report crates. Today that is the one privacy filter ([`privacy`]).

pub mod privacy;
