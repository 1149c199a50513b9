//! Importing a sign-up export (Microsoft Forms, Google Forms) or an attendance list:
//! read through the survey crate's import layer (dialects, encodings, XLSX), every row
//! accepted or rejected with its reason, persons matched on the normalised e-mail
//! address, else on name and school, and all of it in one transaction.

use std::collections::HashMap;

use peiling_survey::import::{read_table, Table, TableOptions};
use peiling_survey::ImportError;
use rusqlite::{params, OptionalExtension, Transaction};

use crate::error::RecordsError;
use crate::store::Records;
use crate::{normalise_email, normalise_name, school_year_start};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ImportKind {
    /// Who signed up for which activity.
    #[default]
    Registrations,
    /// Who was there.
    Attendance,
}

#[derive(Debug, Default)]
pub struct ImportOptions {
    pub kind: ImportKind,
    /// The activity every row is about (an attendance list); otherwise each row names
    /// its activities in a column.
    pub activity: Option<String>,
    pub table: TableOptions,
}

/// A row set aside, with where and why, and its fields as they were.
#[derive(Debug, Clone, PartialEq)]
pub struct RejectedRow {
    pub row: usize,
    /// 1-based column.
    pub column: usize,
    pub reason: String,
    pub fields: Vec<String>,
}

/// Two persons that may be one: the team decides (merge, or leave them apart).
#[derive(Debug, Clone, PartialEq)]
pub struct Uncertain {
    pub person: i64,
    pub maybe: i64,
    pub reason: String,
}

/// What an import did. `rows_read = rows_accepted + rejected.len()`.
#[derive(Debug, Clone, Default)]
pub struct ImportSummary {
    pub file: String,
    pub encoding: &'static str,
    pub headers: Vec<String>,
    pub rows_read: usize,
    pub rows_accepted: usize,
    pub rejected: Vec<RejectedRow>,
    pub persons_added: usize,
    pub persons_matched: usize,
    /// Registrations or attendances written by this import.
    pub added: usize,
    /// Those that were already in the database (an import done before).
    pub already_known: usize,
    /// Attendance rows ticked absent (accepted, nothing written).
    pub absent: usize,
    pub uncertain: Vec<Uncertain>,
}

/// The columns found in the header (0-based).
#[derive(Debug)]
struct Columns {
    name: usize,
    email: Option<usize>,
    school: Option<usize>,
    role: Option<usize>,
    since: Option<usize>,
    activity: Option<usize>,
    /// An attendance list's tick column ("Aanwezig": ja / nee).
    present: Option<usize>,
}

fn header_key(h: &str) -> String {
    normalise_name(h).replace(['-', '_', ':', '?'], "")
}

/// The last column whose header is one of `names` or starts with one of them followed
/// by a space: Microsoft Forms puts its own account columns (E-mail, Naam) first and
/// the questions the form asked after them.
fn find(headers: &[String], names: &[&str]) -> Option<usize> {
    headers.iter().rposition(|h| {
        let k = header_key(h);
        names
            .iter()
            .any(|n| k == *n || k.starts_with(&format!("{n} ")))
    })
}

fn columns(file: &str, table: &Table, need_activity: bool) -> Result<Columns, ImportError> {
    let h = &table.headers;
    let name = find(
        h,
        &[
            "naam",
            "name",
            "volledige naam",
            "full name",
            "voor en achternaam",
        ],
    )
    .ok_or_else(|| {
        ImportError::file(
            file,
            "no column with the person's name, expected a header such as \"Naam\" or \"Name\"",
        )
    })?;
    let activity = find(
        h,
        &[
            "bijeenkomst",
            "bijeenkomsten",
            "activiteit",
            "activiteiten",
            "activity",
            "meeting",
            "training",
        ],
    );
    if need_activity && activity.is_none() {
        return Err(ImportError::file(
            file,
            "no column naming the activity (a header such as \"Bijeenkomst\" or \"Activiteit\"), and no activity was given for the whole list",
        ));
    }
    Ok(Columns {
        name,
        email: find(
            h,
            &["email", "emailadres", "e mail", "mail", "email address"],
        ),
        school: find(h, &["school", "locatie school", "werkplek"]),
        role: find(h, &["rol", "role", "functie"]),
        since: find(h, &["sinds", "since", "in deze rol sinds", "rol sinds"]),
        activity,
        present: find(
            h,
            &[
                "aanwezig",
                "aanwezigheid",
                "presentie",
                "present",
                "attended",
            ],
        ),
    })
}

/// One accepted row, ready to be written.
struct Incoming {
    name: String,
    email: Option<String>,
    school: Option<String>,
    role: Option<String>,
    since: Option<i64>,
    activities: Vec<String>,
}

/// The activities of the database, by id and by title.
struct ActivityIndex {
    ids: HashMap<String, String>,
    titles: HashMap<String, Vec<String>>,
}

impl ActivityIndex {
    fn load(tx: &Transaction) -> rusqlite::Result<Self> {
        let mut ids = HashMap::new();
        let mut titles: HashMap<String, Vec<String>> = HashMap::new();
        let mut stmt = tx.prepare("SELECT id, title, date FROM activities ORDER BY date, id")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (id, title, date): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            ids.insert(normalise_name(&id), id.clone());
            // "Feedback geven (2021-10-07)" names one meeting of a theme given twice.
            titles
                .entry(normalise_name(&format!("{title} ({date})")))
                .or_default()
                .push(id.clone());
            titles.entry(normalise_name(&title)).or_default().push(id);
        }
        Ok(ActivityIndex { ids, titles })
    }

    /// The one activity `text` names, or why not.
    fn one(&self, text: &str) -> Result<String, String> {
        let key = normalise_name(text);
        if let Some(id) = self.ids.get(&key) {
            return Ok(id.clone());
        }
        match self.titles.get(&key).map(Vec::as_slice) {
            Some([id]) => Ok(id.clone()),
            Some(ids) if ids.len() > 1 => Err(format!(
                "\"{}\" is the title of {} activities ({}), expected one; add the date as \"title (YYYY-MM-DD)\"",
                text.trim(),
                ids.len(),
                ids.join(", ")
            )),
            _ => Err(format!("no activity \"{}\", expected the id or title of a declared activity", text.trim())),
        }
    }

    /// A cell naming one activity, or several separated by ";" (Microsoft Forms) or
    /// "," (Google Forms).
    fn resolve(&self, cell: &str) -> Result<Vec<String>, String> {
        if let Ok(id) = self.one(cell) {
            return Ok(vec![id]);
        }
        let sep = if cell.contains(';') { ';' } else { ',' };
        let parts: Vec<&str> = cell.split(sep).filter(|p| !p.trim().is_empty()).collect();
        if parts.len() < 2 {
            return self.one(cell).map(|id| vec![id]);
        }
        parts.iter().map(|p| self.one(p)).collect()
    }
}

fn cell(fields: &[String], col: Option<usize>) -> Option<String> {
    let text = fields.get(col?)?.trim();
    (!text.is_empty()).then(|| text.to_string())
}

fn read_row(
    fields: &[String],
    cols: &Columns,
    activity: Option<&str>,
    index: &ActivityIndex,
) -> Result<Incoming, (usize, String)> {
    let name = cell(fields, Some(cols.name))
        .ok_or((cols.name, "no name, expected the person's name".to_string()))?;
    let email = match cell(fields, cols.email) {
        // Microsoft Forms' account column of an anonymous form.
        Some(e) if e.eq_ignore_ascii_case("anonymous") || e.eq_ignore_ascii_case("anoniem") => None,
        Some(e) => {
            let e = normalise_email(&e);
            let ok = e.split_once('@').is_some_and(|(user, host)| {
                !user.is_empty() && host.contains('.') && !e.contains(char::is_whitespace)
            });
            if !ok {
                return Err((
                    cols.email.unwrap_or(0),
                    format!("\"{e}\", expected an e-mail address"),
                ));
            }
            Some(e)
        }
        None => None,
    };
    let since = match cell(fields, cols.since) {
        Some(text) => Some(i64::from(school_year_start(&text).ok_or((
            cols.since.unwrap_or(0),
            format!("\"{text}\", expected a year such as 2019 or 2019-2020"),
        ))?)),
        None => None,
    };
    let activities = match activity {
        Some(id) => vec![id.to_string()],
        None => {
            let col = cols.activity.unwrap_or(0);
            let text = cell(fields, cols.activity).ok_or((
                col,
                "no activity, expected the activity the person signed up for".to_string(),
            ))?;
            index.resolve(&text).map_err(|e| (col, e))?
        }
    };
    Ok(Incoming {
        name,
        email,
        school: cell(fields, cols.school),
        role: cell(fields, cols.role).map(|r| r.to_uppercase()),
        since,
        activities,
    })
}

/// Whether an attendance row says the person was there; without a tick column, every
/// row on the list was.
fn presence(fields: &[String], col: Option<usize>) -> Result<bool, (usize, String)> {
    let Some(col) = col else { return Ok(true) };
    let text = fields
        .get(col)
        .map(|t| t.trim().to_lowercase())
        .unwrap_or_default();
    match text.as_str() {
        "ja" | "yes" | "x" | "v" | "1" | "aanwezig" | "present" | "waar" | "true" | "\u{2713}" => {
            Ok(true)
        }
        "" | "nee" | "no" | "0" | "afwezig" | "absent" | "onwaar" | "false" | "-" => Ok(false),
        _ => Err((
            col,
            format!("\"{text}\", expected ja or nee (present or not)"),
        )),
    }
}

/// How an incoming person was found.
enum Found {
    Existing(i64),
    New(i64, Option<(i64, &'static str)>),
}

fn find_or_add(tx: &Transaction, p: &Incoming) -> Result<Found, String> {
    let sql = |e: rusqlite::Error| e.to_string();
    if let Some(email) = &p.email {
        let id: Option<i64> = tx
            .query_row(
                "SELECT id FROM persons WHERE email = ?1
                 UNION ALL SELECT person FROM other_emails WHERE email = ?1",
                [email],
                |r| r.get(0),
            )
            .optional()
            .map_err(sql)?;
        if let Some(id) = id {
            return Ok(Found::Existing(id));
        }
    }
    let name_key = normalise_name(&p.name);
    let school_key = p.school.as_deref().map(normalise_name).unwrap_or_default();
    let mut stmt = tx
        .prepare(
            "SELECT id, email FROM persons WHERE name_key = ?1 AND school_key = ?2 ORDER BY id",
        )
        .map_err(sql)?;
    let same: Vec<(i64, Option<String>)> = stmt
        .query_map([&name_key, &school_key], |r| Ok((r.get(0)?, r.get(1)?)))
        .map_err(sql)?
        .collect::<Result<_, _>>()
        .map_err(sql)?;
    let mut maybe = None;
    match (same.as_slice(), &p.email) {
        ([(id, _)], None) | ([(id, None)], Some(_)) => return Ok(Found::Existing(*id)),
        ([(id, Some(_))], Some(_)) => {
            maybe = Some((*id, "same name and school, another e-mail address"))
        }
        ([], _) => {}
        (many, _) => {
            if p.email.is_none() {
                let ids: Vec<String> = many.iter().map(|(id, _)| format!("#{id}")).collect();
                return Err(format!(
                    "\"{}\" at this school matches persons {}, expected one; merge them or add the e-mail address",
                    p.name,
                    ids.join(" and ")
                ));
            }
            maybe = Some((many[0].0, "same name and school, another e-mail address"));
        }
    }
    if maybe.is_none() {
        maybe = tx
            .query_row(
                "SELECT id FROM persons WHERE name_key = ?1 ORDER BY id LIMIT 1",
                [&name_key],
                |r| r.get(0),
            )
            .optional()
            .map_err(sql)?
            .map(|id| {
                (
                    id,
                    if p.email.is_none() {
                        "same name, no e-mail address to tell them apart"
                    } else {
                        "same name, another school"
                    },
                )
            });
    }
    tx.execute(
        "INSERT INTO persons (name, name_key, email, school, school_key, role, role_since)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            p.name.trim(),
            name_key,
            p.email,
            p.school,
            school_key,
            p.role,
            p.since
        ],
    )
    .map_err(sql)?;
    let id = tx.last_insert_rowid();
    if let Some((other, reason)) = maybe {
        tx.execute(
            "INSERT OR IGNORE INTO uncertain (person, maybe, reason) VALUES (?1, ?2, ?3)",
            params![id, other, reason],
        )
        .map_err(sql)?;
    }
    Ok(Found::New(id, maybe))
}

impl Records {
    /// Imports one export file's bytes; `file` names it in messages. Nothing is written
    /// unless the whole import succeeds.
    pub fn import(
        &mut self,
        file: &str,
        bytes: &[u8],
        opts: &ImportOptions,
    ) -> Result<ImportSummary, RecordsError> {
        let table = read_table(file, bytes, &opts.table)?;
        let cols = columns(file, &table, opts.activity.is_none())?;
        let tx = self.conn.transaction()?;
        let activity = match &opts.activity {
            Some(a) => Some(
                ActivityIndex::load(&tx)?
                    .one(a)
                    .map_err(|_| RecordsError::NoSuchActivity(a.clone()))?,
            ),
            None => None,
        };
        let index = ActivityIndex::load(&tx)?;
        let link_table = match opts.kind {
            ImportKind::Registrations => "registrations",
            ImportKind::Attendance => "attendance",
        };
        let mut summary = ImportSummary {
            file: file.to_string(),
            encoding: table.encoding,
            headers: table.headers.clone(),
            rows_read: table.rows.len(),
            ..Default::default()
        };
        let pause = crate::test_hook::pause_wanted();
        for (done, row) in table.rows.iter().enumerate() {
            let reject = |column: usize, reason: String| RejectedRow {
                row: row.line,
                column: column + 1,
                reason,
                fields: row.fields.clone(),
            };
            if opts.kind == ImportKind::Attendance {
                match presence(&row.fields, cols.present) {
                    Ok(true) => {}
                    Ok(false) => {
                        summary.absent += 1;
                        summary.rows_accepted += 1;
                        continue;
                    }
                    Err((col, reason)) => {
                        summary.rejected.push(reject(col, reason));
                        continue;
                    }
                }
            }
            let incoming = match read_row(&row.fields, &cols, activity.as_deref(), &index) {
                Ok(p) => p,
                Err((col, reason)) => {
                    summary.rejected.push(reject(col, reason));
                    continue;
                }
            };
            let id = match find_or_add(&tx, &incoming) {
                Ok(Found::Existing(id)) => {
                    summary.persons_matched += 1;
                    fill_blanks(&tx, id, &incoming)?;
                    id
                }
                Ok(Found::New(id, maybe)) => {
                    summary.persons_added += 1;
                    if let Some((other, reason)) = maybe {
                        summary.uncertain.push(Uncertain {
                            person: id,
                            maybe: other,
                            reason: reason.to_string(),
                        });
                    }
                    id
                }
                Err(reason) => {
                    summary.rejected.push(reject(cols.name, reason));
                    continue;
                }
            };
            for a in &incoming.activities {
                let n = tx.execute(
                    &format!(
                        "INSERT OR IGNORE INTO {link_table} (person, activity) VALUES (?1, ?2)"
                    ),
                    params![id, a],
                )?;
                if n == 1 {
                    summary.added += 1;
                } else {
                    summary.already_known += 1;
                }
            }
            summary.rows_accepted += 1;
            crate::test_hook::pause(pause, done + 1);
        }
        tx.execute_batch(crate::schema::REFRESH_FIRST_YEAR)?;
        tx.commit()?;
        Ok(summary)
    }
}

/// What an earlier import left empty, a later one may fill in; nothing is overwritten.
fn fill_blanks(tx: &Transaction, id: i64, p: &Incoming) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE persons SET
           email = coalesce(email, ?2),
           school = coalesce(school, ?3),
           school_key = CASE WHEN school IS NULL THEN ?4 ELSE school_key END,
           role = coalesce(role, ?5),
           role_since = coalesce(role_since, ?6)
         WHERE id = ?1",
        params![
            id,
            p.email,
            p.school,
            p.school.as_deref().map(normalise_name).unwrap_or_default(),
            p.role,
            p.since
        ],
    )?;
    Ok(())
}
