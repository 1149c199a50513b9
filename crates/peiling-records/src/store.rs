//! Opening the records file: created readable by its owner only, checked to be a
//! peiling database, migrated to the current schema.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::error::{NotRecords, RecordsError};
use crate::schema;

/// An open records database.
#[derive(Debug)]
pub struct Records {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
}

impl Records {
    /// Opens `path`, creating it (mode 0600) when it does not exist, and migrates it.
    pub fn open(path: &Path) -> Result<Records, RecordsError> {
        let open_err = |source| RecordsError::Open {
            path: path.to_path_buf(),
            source,
        };
        match std::fs::metadata(path) {
            Ok(meta) if !meta.is_file() => {
                return Err(open_err(std::io::Error::other(
                    "it is not a regular file (a folder, a device or a pipe)",
                )))
            }
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => create_private(path)?,
            Err(e) => return Err(open_err(e)),
        }
        let mut conn = Connection::open(path).map_err(|e| match e {
            rusqlite::Error::SqliteFailure(_, Some(msg)) => open_err(std::io::Error::other(msg)),
            other => RecordsError::Sql(other),
        })?;
        let not_db = |e: rusqlite::Error| match e {
            rusqlite::Error::SqliteFailure(f, _)
                if matches!(
                    f.code,
                    rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt
                ) =>
            {
                RecordsError::NotADatabase {
                    path: path.to_path_buf(),
                    holds: if f.code == rusqlite::ErrorCode::NotADatabase {
                        NotRecords::Other
                    } else {
                        NotRecords::Damaged
                    },
                }
            }
            other => RecordsError::Sql(other),
        };
        // Erased rows are overwritten with zeros, not only unlinked (`forget`).
        conn.execute_batch("PRAGMA secure_delete = ON; PRAGMA foreign_keys = ON;")
            .map_err(not_db)?;
        let version = schema::version(&conn).map_err(not_db)?;
        if version > schema::SCHEMA_VERSION {
            return Err(RecordsError::TooNew {
                path: path.to_path_buf(),
                found: version,
                known: schema::SCHEMA_VERSION,
            });
        }
        if version == 0 {
            let tables: i64 = conn
                .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
                .map_err(not_db)?;
            if tables > 0 {
                return Err(RecordsError::NotADatabase {
                    path: path.to_path_buf(),
                    holds: NotRecords::ForeignTables,
                });
            }
        }
        if version < schema::SCHEMA_VERSION {
            schema::migrate(&mut conn, version)?;
        }
        Ok(Records {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64, RecordsError> {
        Ok(schema::version(&self.conn)?)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Creates an empty file readable and writable by its owner only; SQLite gives its
/// journal the same mode.
fn create_private(path: &Path) -> Result<(), RecordsError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
        .open(path)
        .map(drop)
        .map_err(|source| RecordsError::Open {
            path: path.to_path_buf(),
            source,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::MIGRATIONS;

    #[test]
    fn a_new_file_is_readable_by_its_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.db");
        Records::open(&path).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn migrates_from_the_first_schema_keeping_its_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(MIGRATIONS[0]).unwrap();
            conn.pragma_update(None, "user_version", 1).unwrap();
            conn.execute_batch(
                "INSERT INTO persons (name, name_key, email, school, school_key, role)
                   VALUES ('Anna Bakker', 'anna bakker', 'anna@x.nl', 'De Eik', 'de eik', 'WPB');
                 INSERT INTO activities VALUES ('a1', 'Feedback', 'feedback', 'basis', '2021-10-07', 'De Eik', 3.0);
                 INSERT INTO attendance VALUES (1, 'a1');",
            )
            .unwrap();
        }
        let records = Records::open(&path).unwrap();
        assert_eq!(records.schema_version().unwrap(), MIGRATIONS.len() as i64);
        let (name, since): (String, Option<i64>) = records
            .conn
            .query_row("SELECT name, role_since FROM persons", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((name.as_str(), since), ("Anna Bakker", None));
        let attended: i64 = records
            .conn
            .query_row("SELECT count(*) FROM attendance", [], |r| r.get(0))
            .unwrap();
        assert_eq!(attended, 1);
        // The second migration's table exists and takes rows.
        records
            .conn
            .execute("INSERT INTO uncertain VALUES (1, 1, 'test')", [])
            .unwrap();
        records
            .conn
            .execute("INSERT INTO other_emails VALUES ('a@y.nl', 1)", [])
            .unwrap();
    }

    /// Schema 3 had no `first_year`: opened, the old persons get the school year of
    /// their first registration or attendance, and who has none stays unknown.
    #[test]
    fn migrates_from_schema_three_giving_old_persons_their_first_year() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v3.db");
        {
            let conn = Connection::open(&path).unwrap();
            for sql in &MIGRATIONS[..3] {
                conn.execute_batch(sql).unwrap();
            }
            conn.pragma_update(None, "user_version", 3).unwrap();
            conn.execute_batch(
                "INSERT INTO persons (name, name_key, email, role, role_since)
                   VALUES ('Anna', 'anna', 'anna@x.nl', 'WPB', NULL),
                          ('Bas', 'bas', 'bas@x.nl', 'WPB', 2015),
                          ('Cor', 'cor', 'cor@x.nl', 'SO', NULL);
                 INSERT INTO activities VALUES ('a1', 'Feedback', 'feedback', 'basis', '2022-06-16', NULL, 2.5),
                                               ('a2', 'Reflectie', 'reflectie', 'basis', '2022-08-01', NULL, 2.5);
                 INSERT INTO registrations VALUES (1, 'a2'), (2, 'a2');
                 INSERT INTO attendance VALUES (1, 'a1');",
            )
            .unwrap();
        }
        let records = Records::open(&path).unwrap();
        assert_eq!(records.schema_version().unwrap(), 4);
        let first: Vec<(String, Option<i64>, Option<i64>)> = records
            .conn
            .prepare("SELECT name, role_since, first_year FROM persons ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        // Anna: attended 16 June 2022 (school year 2021-2022), registered for 1 August
        // 2022 (2022-2023): the earlier. Bas: 2022-2023, his role_since kept. Cor: none.
        assert_eq!(
            first,
            [
                ("Anna".to_string(), None, Some(2021)),
                ("Bas".to_string(), Some(2015), Some(2022)),
                ("Cor".to_string(), None, None)
            ]
        );
    }

    #[test]
    fn a_file_of_a_newer_peiling_or_another_program_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let newer = dir.path().join("newer.db");
        Connection::open(&newer)
            .unwrap()
            .pragma_update(None, "user_version", 99)
            .unwrap();
        assert!(matches!(
            Records::open(&newer),
            Err(RecordsError::TooNew { found: 99, .. })
        ));
        let text = dir.path().join("notes.db");
        std::fs::write(
            &text,
            "this is not a database, just some notes typed by hand",
        )
        .unwrap();
        let err = Records::open(&text).unwrap_err();
        assert!(err.is_user_error(), "{err:?}");
    }
}
