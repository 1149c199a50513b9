//! What the planner's test binaries share: the rules written out without the planner's
//! code (`oracle`), an exhaustive search and a MILP over them, random instances, the
//! pieces of hand-written instances (`instance`) and the bundled BOS instance (`bos`).
// Each test binary uses part of this module.
#![allow(dead_code)]

pub mod bos;
pub mod instance;
pub mod milp;
pub mod oracle;
