//! `peiling records`: the records store of who came and what they earned. Thin: the
//! arguments become the records library's options, its answers terminal tables.

use std::io::Write;
use std::path::Path;

use anyhow::Result;
use peiling_records::{
    Activity, ImportKind, ImportOptions, ImportSummary, PlanActivities, Records, Requirements,
    BOS_REQUIREMENTS,
};
use peiling_survey::files;
use peiling_survey::import::TableOptions;

use super::{csv_safe, terminal_safe};
use crate::args::{ActivityCommand, DueArgs, ImportArgs, KindArg, RecordsArgs, RecordsCommand};
use crate::config::read_text;
use crate::output::{self, Privacy};

pub fn run(args: &RecordsArgs) -> Result<()> {
    // The store's own failures name the file they happened in.
    run_on(args).map_err(
        |e| match e.downcast_ref::<peiling_records::RecordsError>() {
            Some(peiling_records::RecordsError::Sql(_) | peiling_records::RecordsError::Io(_)) => {
                e.context(args.db.display().to_string())
            }
            _ => e,
        },
    )
}

fn run_on(args: &RecordsArgs) -> Result<()> {
    let mut out: Vec<u8> = Vec::new();
    // An export's output file is checked before the database is touched.
    let export_out = match &args.command {
        RecordsCommand::Export { out: Some(p), .. } => {
            refuse_inputs(p, &[&args.db])?;
            Some(output::file(p, Privacy::Personal)?)
        }
        _ => None,
    };
    let rejects = match &args.command {
        RecordsCommand::Import(ImportArgs {
            rejects: Some(p),
            file,
            ..
        }) => {
            refuse_inputs(p, &[&args.db, file])?;
            Some(output::file(p, Privacy::Personal)?)
        }
        _ => None,
    };
    // Only an import or a declaration starts a new database; asking questions of a
    // file that is not there is a mistake (a typo in --db, another folder).
    let creates = matches!(
        args.command,
        RecordsCommand::Import(_) | RecordsCommand::Activity(_)
    );
    if !creates && !args.db.exists() {
        return Err(crate::status::user(format!(
            "{}: no records database here; `peiling records activity` and `peiling records import` start one, --db names another",
            args.db.display()
        )));
    }
    let mut records = Records::open(&args.db)?;
    match &args.command {
        RecordsCommand::Import(a) => {
            let summary = import(&mut records, a)?;
            print_import(&mut out, &summary)?;
            if let Some(rejects) = &rejects {
                rejects.write(&rejects_csv(&summary)?)?;
                writeln!(out, "rejected rows written to {}", rejects.path().display())?;
            }
        }
        RecordsCommand::Activity(ActivityCommand::Plan { plan }) => {
            let text = read_text(plan)?;
            let activities = PlanActivities::from_json(&plan.display().to_string(), &text)?;
            let new = records.add_activities(&activities)?;
            writeln!(
                out,
                "{} activities from {} ({new} new, {} updated)",
                activities.len(),
                plan.display(),
                activities.len() - new
            )?;
        }
        RecordsCommand::Activity(ActivityCommand::Add {
            id,
            title,
            date,
            hours,
            theme,
            level,
            place,
        }) => {
            let date = date.parse().map_err(|_| {
                crate::status::user(format!("--date {date}: expected a date as YYYY-MM-DD"))
            })?;
            let new = records.add_activities(&[Activity {
                id: id.clone(),
                title: title.clone(),
                theme: theme.clone(),
                level: level.clone(),
                date,
                place: place.clone(),
                hours: *hours,
            }])?;
            let what = if new == 1 { "added" } else { "updated" };
            writeln!(out, "activity {id} {what}")?;
        }
        RecordsCommand::List => print_list(&mut out, &records)?,
        RecordsCommand::Person { person } => {
            let id = records.find_person(person)?;
            print_person(&mut out, &records.person(id)?)?;
        }
        RecordsCommand::Due(a) => print_due(&mut out, &records, a)?,
        RecordsCommand::Export { person, .. } => {
            let id = records.find_person(person)?;
            let json = serde_json::to_string_pretty(&records.person(id)?)? + "\n";
            match &export_out {
                Some(file) => {
                    file.write(json.as_bytes())?;
                    writeln!(out, "person #{id} written to {}", file.path().display())?;
                }
                None => out.extend_from_slice(json.as_bytes()),
            }
        }
        RecordsCommand::Forget { person } => {
            let id = records.find_person(person)?;
            let gone = records.forget(id)?;
            writeln!(
                out,
                "person #{id} erased: {} registrations and {} attendances with them",
                gone.registered.len(),
                gone.attended.len()
            )?;
        }
        RecordsCommand::Merge { a, b } => {
            let (keep, drop) = (records.find_person(a)?, records.find_person(b)?);
            records.merge(keep, drop)?;
            writeln!(out, "person #{drop} merged into #{keep}")?;
        }
    }
    let text = terminal_safe(&String::from_utf8_lossy(&out));
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(())
}

/// An output file that is the database or the file being imported would destroy it.
fn refuse_inputs(out: &Path, inputs: &[&Path]) -> Result<()> {
    let same = |input: &Path| match (out.canonicalize(), input.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    match inputs.iter().find(|i| same(i)) {
        Some(i) => Err(crate::status::user(format!(
            "{}: is an input file; peiling never writes over its input, choose another output",
            i.display()
        ))),
        None => Ok(()),
    }
}

fn import(records: &mut Records, a: &ImportArgs) -> Result<ImportSummary> {
    let bytes = files::read_export(&a.file)?;
    let opts = ImportOptions {
        kind: match a.kind {
            KindArg::Registrations => ImportKind::Registrations,
            KindArg::Attendance => ImportKind::Attendance,
        },
        activity: a.activity.clone(),
        table: TableOptions {
            delimiter: None,
            sheet: a.sheet.clone(),
            utf8_only: a.utf8_only,
        },
    };
    Ok(records.import(&a.file.display().to_string(), &bytes, &opts)?)
}

fn print_import(out: &mut Vec<u8>, s: &ImportSummary) -> Result<()> {
    writeln!(out, "{} ({})", s.file, s.encoding)?;
    writeln!(
        out,
        "  rows: {} read, {} accepted, {} rejected",
        s.rows_read,
        s.rows_accepted,
        s.rejected.len()
    )?;
    writeln!(
        out,
        "  persons: {} new, {} found again; {} written, {} already known",
        s.persons_added, s.persons_matched, s.added, s.already_known
    )?;
    if s.absent > 0 {
        writeln!(
            out,
            "  {} marked absent (nothing written for them)",
            s.absent
        )?;
    }
    for r in &s.rejected {
        writeln!(
            out,
            "  {}:{}:{}: row rejected: {}",
            s.file, r.row, r.column, r.reason
        )?;
    }
    for u in &s.uncertain {
        writeln!(
            out,
            "  uncertain: #{} may be #{} ({}); kept apart, `peiling records merge` joins them",
            u.person, u.maybe, u.reason
        )?;
    }
    Ok(())
}

fn rejects_csv(s: &ImportSummary) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    let mut header: Vec<String> = ["file", "row", "column", "reason"]
        .map(String::from)
        .to_vec();
    header.extend(s.headers.iter().map(|h| csv_safe(h)));
    w.write_record(&header)?;
    for r in &s.rejected {
        let mut record = vec![
            csv_safe(&s.file),
            r.row.to_string(),
            r.column.to_string(),
            csv_safe(&r.reason),
        ];
        record.extend(r.fields.iter().map(|f| csv_safe(f)));
        w.write_record(&record)?;
    }
    Ok(w.into_inner()?)
}

fn print_list(out: &mut Vec<u8>, records: &Records) -> Result<()> {
    let o = records.overview()?;
    writeln!(out, "{} persons", o.persons)?;
    for (role, n) in &o.roles {
        let role = if role.is_empty() {
            "(rol onbekend)"
        } else {
            role
        };
        writeln!(out, "  {role:<16} {n:>5}")?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{:<14} {:<10} {:<36} {:>5} {:>10} {:>8} {:>8}",
        "activity", "date", "title", "hours", "registered", "attended", "no-shows"
    )?;
    for a in &o.activities {
        let title: String = a.activity.title.chars().take(36).collect();
        writeln!(
            out,
            "{:<14} {:<10} {:<36} {:>5} {:>10} {:>8} {:>8}",
            a.activity.id,
            a.activity.date,
            title,
            a.activity.hours,
            a.registered,
            a.attended,
            a.no_shows
        )?;
    }
    if !o.uncertain.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{} uncertain matches, for the team to decide:",
            o.uncertain.len()
        )?;
        for u in &o.uncertain {
            writeln!(out, "  #{} may be #{}: {}", u.person, u.maybe, u.reason)?;
        }
    }
    Ok(())
}

fn print_person(out: &mut Vec<u8>, p: &peiling_records::PersonRecord) -> Result<()> {
    let or = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    writeln!(out, "#{} {}", p.id, p.name)?;
    writeln!(out, "  e-mail: {}", or(&p.email))?;
    writeln!(out, "  school: {}", or(&p.school))?;
    let since = p
        .role_since
        .map(|y| format!(" (since {y})"))
        .unwrap_or_default();
    writeln!(out, "  role:   {}{since}", or(&p.role))?;
    if let Some(first) = p.first_year {
        writeln!(out, "  in the records since: {first}-{}", first + 1)?;
    }
    for (what, list) in [("registered", &p.registered), ("attended", &p.attended)] {
        let hours: f64 = list.iter().map(|a| a.hours).sum();
        writeln!(out, "  {what}: {} ({hours} hours)", list.len())?;
        for a in list {
            writeln!(
                out,
                "    {} {:<14} {} ({} h)",
                a.date, a.id, a.title, a.hours
            )?;
        }
    }
    for u in &p.maybe_also {
        writeln!(
            out,
            "  uncertain: #{} may be #{} ({})",
            u.person, u.maybe, u.reason
        )?;
    }
    Ok(())
}

fn print_due(out: &mut Vec<u8>, records: &Records, a: &DueArgs) -> Result<()> {
    let reqs = match &a.requirements {
        Some(path) => Requirements::from_toml(&path.display().to_string(), &read_text(path)?)?,
        None => Requirements::from_toml("bos.toml (bundled)", BOS_REQUIREMENTS)?,
    };
    // The library has no clock: today's school year is decided here.
    let year = a
        .year
        .clone()
        .unwrap_or_else(|| peiling_records::school_year_of(chrono::Local::now().date_naive()));
    let report = records.due(&reqs, &year)?;
    writeln!(out, "{}, school year {}", report.partnership, report.year)?;
    let start = peiling_records::school_year_start(&report.year).unwrap_or_default();
    for (line, q) in report.lines.iter().zip(&reqs.requirements) {
        writeln!(out)?;
        writeln!(out, "{} ({})", line.title, line.requirement)?;
        writeln!(out, "  due: {} of {}", line.due, line.applies_to)?;
        if let Some(n) = q.new_years {
            let first = start + 1 - n as i32;
            let years = (first..=start)
                .map(|y| format!("{y}-{}", y + 1))
                .collect::<Vec<_>>()
                .join(" or ");
            writeln!(
                out,
                "  new in the role (started in {years}): {}, due if fewer than {} hours attended",
                line.new,
                q.hours.unwrap_or(0.0)
            )?;
            if line.new_from_records > 0 {
                writeln!(
                    out,
                    "    of whom {} by their first year in the records (the sign-up export did not say since when)",
                    line.new_from_records
                )?;
            }
        }
        if line.unknown > 0 {
            writeln!(
                out,
                "  not known since when in the role: {} (not counted as due; a column \"In deze rol sinds\" in the sign-up form tells)",
                line.unknown
            )?;
        }
        for (school, n) in &line.by_school {
            let school = if school.is_empty() {
                "(school onbekend)"
            } else {
                school
            };
            writeln!(out, "    {school:<30} {n:>5}")?;
        }
        if a.names {
            for ((id, name), done) in line.persons.iter().zip(&line.hours_done) {
                match q.hours {
                    Some(hours) => writeln!(out, "    #{id} {name} ({done} of {hours} hours)")?,
                    None => writeln!(out, "    #{id} {name}")?,
                }
            }
        }
    }
    Ok(())
}
