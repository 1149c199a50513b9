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
];

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
    tx.commit()
}
