//! Questions asked of the store: the overview (aggregates only), one person's record
//! (an access request), erasure and merging two persons.

use serde::Serialize;

use crate::activity::{activity_row, Activity};
use crate::error::RecordsError;
use crate::import::Uncertain;
use crate::store::Records;
use crate::{normalise_email, normalise_name};

/// Per activity: how many registered and attended, and the no-shows among them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActivityCount {
    pub activity: Activity,
    pub registered: usize,
    pub attended: usize,
    /// Registered but not on the attendance list.
    pub no_shows: usize,
}

/// Aggregates only: no names or addresses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overview {
    pub persons: usize,
    /// Persons per role ("" for unknown), most first.
    pub roles: Vec<(String, usize)>,
    pub activities: Vec<ActivityCount>,
    pub uncertain: Vec<Uncertain>,
}

/// Everything the store holds about one person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonRecord {
    pub id: i64,
    pub name: String,
    pub email: Option<String>,
    /// Addresses of persons merged into this one.
    pub other_emails: Vec<String>,
    pub school: Option<String>,
    pub role: Option<String>,
    pub role_since: Option<i64>,
    /// The first school year (its first calendar year) the records hold an activity of
    /// this person.
    pub first_year: Option<i64>,
    pub registered: Vec<Activity>,
    pub attended: Vec<Activity>,
    /// Other persons this one may be, waiting for the team's decision.
    pub maybe_also: Vec<Uncertain>,
}

impl Serialize for Uncertain {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Uncertain", 3)?;
        st.serialize_field("person", &self.person)?;
        st.serialize_field("maybe", &self.maybe)?;
        st.serialize_field("reason", &self.reason)?;
        st.end()
    }
}

pub(crate) fn count(r: &Records, sql: &str, id: &str) -> rusqlite::Result<usize> {
    r.conn
        .query_row(sql, [id], |row| row.get::<_, i64>(0))
        .map(|n| n as usize)
}

impl Records {
    /// One activity's registrations, attendance and no-shows: the counts `list` shows
    /// and the report's turnout repeats.
    pub(crate) fn activity_count(&self, activity: Activity) -> Result<ActivityCount, RecordsError> {
        let id = activity.id.clone();
        Ok(ActivityCount {
            registered: count(
                self,
                "SELECT count(*) FROM registrations WHERE activity = ?1",
                &id,
            )?,
            attended: count(
                self,
                "SELECT count(*) FROM attendance WHERE activity = ?1",
                &id,
            )?,
            no_shows: count(
                self,
                "SELECT count(*) FROM registrations g WHERE g.activity = ?1 AND NOT EXISTS
                   (SELECT 1 FROM attendance a WHERE a.person = g.person AND a.activity = ?1)",
                &id,
            )?,
            activity,
        })
    }

    pub fn overview(&self) -> Result<Overview, RecordsError> {
        let persons: i64 = self
            .conn
            .query_row("SELECT count(*) FROM persons", [], |r| r.get(0))?;
        let mut stmt = self.conn.prepare(
            "SELECT coalesce(role, ''), count(*) FROM persons GROUP BY 1 ORDER BY 2 DESC, 1",
        )?;
        let roles = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)))?
            .collect::<Result<_, _>>()?;
        let mut activities = Vec::new();
        for activity in self.activities()? {
            activities.push(self.activity_count(activity)?);
        }
        Ok(Overview {
            persons: persons as usize,
            roles,
            activities,
            uncertain: self.uncertain(None)?,
        })
    }

    fn uncertain(&self, person: Option<i64>) -> Result<Vec<Uncertain>, RecordsError> {
        let mut stmt = self.conn.prepare(
            "SELECT person, maybe, reason FROM uncertain
             WHERE ?1 IS NULL OR person = ?1 OR maybe = ?1 ORDER BY person, maybe",
        )?;
        let rows = stmt.query_map([person], |r| {
            Ok(Uncertain {
                person: r.get(0)?,
                maybe: r.get(1)?,
                reason: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The one person `query` names: "#12" or "12", an e-mail address, or a full name.
    pub fn find_person(&self, query: &str) -> Result<i64, RecordsError> {
        let q = query.trim();
        if let Ok(id) = q.trim_start_matches('#').parse::<i64>() {
            let found: i64 =
                self.conn
                    .query_row("SELECT count(*) FROM persons WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })?;
            return match found {
                1 => Ok(id),
                _ => Err(RecordsError::NoSuchPerson(query.to_string())),
            };
        }
        let mut stmt = self.conn.prepare(
            "SELECT id FROM persons WHERE email = ?1 OR name_key = ?2
                 UNION SELECT person FROM other_emails WHERE email = ?1 ORDER BY 1",
        )?;
        let ids: Vec<i64> = stmt
            .query_map([normalise_email(q), normalise_name(q)], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        match ids.as_slice() {
            [] => Err(RecordsError::NoSuchPerson(query.to_string())),
            [id] => Ok(*id),
            _ => Err(RecordsError::AmbiguousPerson {
                query: query.to_string(),
                ids,
            }),
        }
    }

    pub fn person(&self, id: i64) -> Result<PersonRecord, RecordsError> {
        let (name, email, school, role, role_since, first_year) = self.conn.query_row(
            "SELECT name, email, school, role, role_since, first_year FROM persons WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )?;
        let linked = |table: &str| -> Result<Vec<Activity>, RecordsError> {
            let mut stmt = self.conn.prepare(&format!(
                "SELECT a.id, a.title, a.theme, a.level, a.date, a.place, a.hours
                 FROM activities a JOIN {table} l ON l.activity = a.id
                 WHERE l.person = ?1 ORDER BY a.date, a.id"
            ))?;
            let rows = stmt.query_map([id], activity_row)?;
            Ok(rows.collect::<Result<_, _>>()?)
        };
        let mut stmt = self
            .conn
            .prepare("SELECT email FROM other_emails WHERE person = ?1 ORDER BY email")?;
        let other_emails = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(PersonRecord {
            id,
            name,
            email,
            other_emails,
            school,
            role,
            role_since,
            first_year,
            registered: linked("registrations")?,
            attended: linked("attendance")?,
            maybe_also: self.uncertain(Some(id))?,
        })
    }

    /// Erases a person: their row, registrations, attendance and open questions about
    /// them, then rewrites the file so no page keeps their name or address.
    pub fn forget(&mut self, id: i64) -> Result<PersonRecord, RecordsError> {
        let record = self.person(id)?;
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM registrations WHERE person = ?1", [id])?;
        tx.execute("DELETE FROM attendance WHERE person = ?1", [id])?;
        tx.execute(
            "DELETE FROM uncertain WHERE person = ?1 OR maybe = ?1",
            [id],
        )?;
        tx.execute("DELETE FROM other_emails WHERE person = ?1", [id])?;
        tx.execute("DELETE FROM persons WHERE id = ?1", [id])?;
        tx.commit()?;
        // secure_delete zeroes the freed cells; VACUUM rebuilds the file from what is
        // left, so neither a free page nor an index page keeps a trace.
        self.conn.execute_batch("VACUUM")?;
        Ok(record)
    }

    /// Merges person `drop` into `keep`: registrations and attendance move over,
    /// `keep`'s blanks are filled from `drop`, and `drop` is erased. One transaction.
    pub fn merge(&mut self, keep: i64, drop: i64) -> Result<(), RecordsError> {
        if keep == drop {
            return Err(RecordsError::Invalid(format!(
                "#{keep} and #{drop} are the same person; nothing to merge"
            )));
        }
        self.person(keep)?;
        self.person(drop)?;
        let tx = self.conn.transaction()?;
        for table in ["registrations", "attendance"] {
            tx.execute(
                &format!("INSERT OR IGNORE INTO {table} (person, activity) SELECT ?1, activity FROM {table} WHERE person = ?2"),
                [keep, drop],
            )?;
        }
        let email: Option<String> =
            tx.query_row("SELECT email FROM persons WHERE id = ?1", [drop], |r| {
                r.get(0)
            })?;
        tx.execute("UPDATE persons SET email = NULL WHERE id = ?1", [drop])?;
        // The dropped person's addresses stay known, so a later import finds `keep`.
        tx.execute(
            "UPDATE other_emails SET person = ?1 WHERE person = ?2",
            [keep, drop],
        )?;
        if let Some(email) = &email {
            tx.execute(
                "INSERT INTO other_emails (email, person)
                 SELECT ?1, ?2 WHERE (SELECT email FROM persons WHERE id = ?2) IS NOT NULL",
                rusqlite::params![email, keep],
            )?;
        }
        tx.execute(
            "UPDATE persons SET email = coalesce(email, ?2),
               school = coalesce(school, (SELECT school FROM persons WHERE id = ?3)),
               school_key = CASE WHEN school IS NULL
                 THEN (SELECT school_key FROM persons WHERE id = ?3) ELSE school_key END,
               role = coalesce(role, (SELECT role FROM persons WHERE id = ?3)),
               role_since = min(coalesce(role_since, 9999), coalesce((SELECT role_since FROM persons WHERE id = ?3), 9999))
             WHERE id = ?1",
            rusqlite::params![keep, email, drop],
        )?;
        tx.execute(
            "UPDATE persons SET role_since = NULL WHERE id = ?1 AND role_since = 9999",
            [keep],
        )?;
        tx.execute(
            "DELETE FROM uncertain WHERE person = ?1 OR maybe = ?1",
            [drop],
        )?;
        tx.execute("DELETE FROM persons WHERE id = ?1", [drop])?;
        tx.execute_batch(crate::schema::REFRESH_FIRST_YEAR)?;
        tx.commit()?;
        Ok(())
    }
}
