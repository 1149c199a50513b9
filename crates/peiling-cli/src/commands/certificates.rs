//! `peiling certificates`: a year's certificates from the records store, rendered by
//! the report crate, written as one private folder through the safe writer. File names
//! come from the person's number in the store (`certificaat-0007.html`), never from a
//! name, so a shared folder listing shows nobody.

use std::io::Write;

use anyhow::Result;
use peiling_records::{Requirements, BOS_REQUIREMENTS};
use peiling_report::certificate;
use peiling_report::Lang;

use crate::args::{CertificatesArgs, LangArg};
use crate::config::read_text;
use crate::output;

pub fn run(args: &CertificatesArgs) -> Result<()> {
    // The output folder is checked before the database is touched.
    let out_dir = output::personal_folder(&args.out, "certificates")?;
    if out_dir.contains(&args.db) {
        return Err(crate::status::user(format!(
            "{}: is the records database; choose an output folder that does not hold it",
            args.db.display()
        )));
    }
    if !args.db.exists() {
        return Err(crate::status::user(format!(
            "{}: no records database here; `peiling records import` starts one, --db names another",
            args.db.display()
        )));
    }
    let partnership = match &args.partnership {
        Some(name) => name.clone(),
        None => match &args.requirements {
            Some(path) => {
                Requirements::from_toml(&path.display().to_string(), &read_text(path)?)?.partnership
            }
            None => Requirements::from_toml("bos.toml (bundled)", BOS_REQUIREMENTS)?.partnership,
        },
    };
    let lang = match args.lang {
        LangArg::Nl => Lang::Nl,
        LangArg::En => Lang::En,
    };
    let records = super::open_records(&args.db)?;
    let certs = records.certificates(&args.year)?;
    let named: Vec<(String, _)> = certs
        .into_iter()
        .map(|c| (format!("certificaat-{:04}.html", c.person_id), c))
        .collect();
    let mut files: Vec<(String, Vec<u8>)> = named
        .iter()
        .map(|(file, c)| {
            (
                file.clone(),
                certificate::render(c, &partnership, lang).into_bytes(),
            )
        })
        .collect();
    files.push((
        "index.html".to_string(),
        certificate::index(&named, &partnership, lang).into_bytes(),
    ));
    let staged = out_dir.stage(files.iter().map(|(n, b)| (n.as_str(), b.as_slice())))?;
    output::commit(vec![staged])?;
    let total: f64 = named.iter().map(|(_, c)| c.total_hours).sum();
    writeln!(
        std::io::stdout().lock(),
        "{} certificates for school year {} ({} hours in all) written to {}",
        named.len(),
        named[0].1.year,
        lang.num(total),
        args.out.display()
    )?;
    Ok(())
}
