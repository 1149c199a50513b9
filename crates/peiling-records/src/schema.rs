//! The versioned schema: migrations as a list, applied in order, the version kept in
//! `PRAGMA user_version`. A migration is never edited once released; add a new one.

use rusqlite::Connection;

/// Migration `i` brings the schema from version `i` to version `i + 1`.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: persons, activities, registrations, attendance.
    "CREATE TABLE persons (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        email TEXT UNIQUE,
        school TEXT,
        school_key TEXT NOT NULL DEFAULT '',
        role TEXT
    );
    CREATE INDEX persons_name ON persons(name_key);
    CREATE TABLE activities (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        theme TEXT,
        level TEXT,
        date TEXT NOT NULL,
        place TEXT,
        hours REAL NOT NULL
    );
    CREATE TABLE registrations (
        person INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
        activity TEXT NOT NULL REFERENCES activities(id),
        PRIMARY KEY (person, activity)
    );
    CREATE TABLE attendance (
        person INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
        activity TEXT NOT NULL REFERENCES activities(id),
        PRIMARY KEY (person, activity)
    );",
    // 2: since when someone has their role (for Beroepsregistratie), and the uncertain
    // matches the team has to decide on.
    "ALTER TABLE persons ADD COLUMN role_since INTEGER;
    CREATE TABLE uncertain (
        person INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
        maybe INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
        reason TEXT NOT NULL,
        PRIMARY KEY (person, maybe)
    );",
    // 3: the other addresses of a merged person, so the next import finds them again.
    "CREATE TABLE other_emails (
        email TEXT PRIMARY KEY,
        person INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE
    );",
    // 4: the first school year a person appears in the records (registered or attended),
    // the start of their role when the sign-up export did not say it (`due`). Old
    // persons get it from what the file already holds; without either, it stays unknown.
    "ALTER TABLE persons ADD COLUMN first_year INTEGER;",
];

/// Sets `first_year` of every person to the school year (starting 1 August) of the
/// earliest activity they registered for or attended; run after every change of links
/// or activities, so it always says what the file holds.
pub(crate) const REFRESH_FIRST_YEAR: &str = "UPDATE persons SET first_year = (
        SELECT min(CAST(strftime('%Y', a.date) AS INTEGER)
                   - (CAST(strftime('%m', a.date) AS INTEGER) < 8))
        FROM activities a
        WHERE a.id IN (SELECT activity FROM registrations WHERE person = persons.id
                       UNION SELECT activity FROM attendance WHERE person = persons.id))";

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(crate) fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Applies the migrations after `from`, each with its version, in one transaction.
pub(crate) fn migrate(conn: &mut Connection, from: i64) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
    }
    if from < SCHEMA_VERSION {
        tx.execute_batch(REFRESH_FIRST_YEAR)?;
    }
    tx.commit()
}
