//! What the planner's test binaries share: the rules written out without the planner's
//! code (`oracle`), an exhaustive search and a MILP over them, and random instances.
// Each test binary uses part of this module.
#![allow(dead_code)]

pub mod bos;
pub mod milp;
pub mod oracle;
