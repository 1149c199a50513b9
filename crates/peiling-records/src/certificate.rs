//! Certificates' data: per person who attended something in a school year, the
//! activities with their content, date and hours, and the year's total.

use chrono::NaiveDate;
pub use peiling_core::certificate::{Certificate, CertificateActivity};

use crate::error::RecordsError;
use crate::store::Records;
use crate::{school_year_of, school_year_start};

impl Records {
    /// One certificate per person who attended an activity in `year` ("2021-2022"),
    /// ordered by person number. A year without any attendance is the user's mistake.
    pub fn certificates(&self, year: &str) -> Result<Vec<Certificate>, RecordsError> {
        let start = school_year_start(year).ok_or_else(|| RecordsError::BadYear(year.into()))?;
        let year = format!("{start}-{}", start + 1);
        let mut stmt = self.conn.prepare(
            "SELECT p.id, p.name, p.school, p.role, a.title, a.theme, a.date, a.hours
             FROM attendance t JOIN persons p ON p.id = t.person
                  JOIN activities a ON a.id = t.activity
             ORDER BY p.id, a.date, a.id",
        )?;
        let rows = stmt.query_map([], |r| {
            let date: String = r.get(6)?;
            Ok((
                (
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ),
                CertificateActivity {
                    title: r.get(4)?,
                    theme: r.get(5)?,
                    date: date.parse::<NaiveDate>().map_err(|e| {
                        rusqlite::Error::FromSqlConversionFailure(
                            6,
                            rusqlite::types::Type::Text,
                            Box::new(e),
                        )
                    })?,
                    hours: r.get(7)?,
                },
            ))
        })?;
        let mut out: Vec<Certificate> = Vec::new();
        for row in rows {
            let ((id, name, school, role), activity) = row?;
            if school_year_of(activity.date) != year {
                continue;
            }
            match out.last_mut() {
                Some(c) if c.person_id == id => c.activities.push(activity),
                _ => out.push(Certificate {
                    person_id: id,
                    name,
                    school,
                    role,
                    year: year.clone(),
                    activities: vec![activity],
                    total_hours: 0.0,
                }),
            }
        }
        if out.is_empty() {
            return Err(RecordsError::NoAttendance(year));
        }
        for c in &mut out {
            c.total_hours = c.activities.iter().map(|a| a.hours).sum();
        }
        Ok(out)
    }
}
