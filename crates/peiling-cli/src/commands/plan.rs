//! `peiling plan`.

use anyhow::Result;

use crate::args;

pub fn run(_args: &args::PlanArgs) -> Result<()> {
    Err(crate::status::user("not yet available"))
}
