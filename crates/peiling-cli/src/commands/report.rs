//! `peiling report`.

use anyhow::Result;

use crate::args;

pub fn run(_args: &args::ReportArgs) -> Result<()> {
    Err(crate::status::user("not yet available"))
}
