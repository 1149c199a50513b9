//! Activities: the meetings of a rotation plan (`plan.json`) or one declared by hand.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::RecordsError;
use crate::store::Records;

/// One professionalisation activity: a meeting with its theme, date, place and hours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    /// "2021-2022-3" for the third meeting of that year of a plan, or chosen by hand.
    pub id: String,
    pub title: String,
    pub theme: Option<String>,
    pub level: Option<String>,
    pub date: NaiveDate,
    pub place: Option<String>,
    pub hours: f64,
}

/// The part of a planner's `plan.json` the records need.
#[derive(Debug, Deserialize)]
pub struct PlanActivities {
    schema: String,
    meetings: Vec<PlanMeeting>,
}

#[derive(Debug, Deserialize)]
struct PlanMeeting {
    school_year: String,
    slot: u32,
    date: NaiveDate,
    host: Option<String>,
    theme: String,
    title: String,
    level: String,
    hours: f64,
}

impl PlanActivities {
    /// Reads the JSON a `plan` run wrote; `file` names it in messages.
    pub fn from_json(file: &str, text: &str) -> Result<Vec<Activity>, RecordsError> {
        let plan: PlanActivities = serde_json::from_str(text).map_err(|e| RecordsError::Input {
            file: file.to_string(),
            message: format!(
                "{}:{}: expected the plan.json of a plan run: {e}",
                e.line(),
                e.column()
            ),
        })?;
        if !plan.schema.starts_with("peiling-plan/") {
            return Err(RecordsError::Input {
                file: file.to_string(),
                message: format!("schema \"{}\", expected peiling-plan/1", plan.schema),
            });
        }
        Ok(plan
            .meetings
            .into_iter()
            .map(|m| Activity {
                id: peiling_core::activity_id(&m.school_year, m.slot),
                title: m.title,
                theme: Some(m.theme),
                level: Some(m.level),
                date: m.date,
                place: m.host,
                hours: m.hours,
            })
            .collect())
    }
}

impl Records {
    /// Adds the activities, or updates those with the same id; one transaction.
    /// Returns how many were new.
    pub fn add_activities(&mut self, activities: &[Activity]) -> Result<usize, RecordsError> {
        for a in activities {
            if !(a.hours.is_finite() && a.hours > 0.0 && a.hours <= 24.0) {
                return Err(RecordsError::Invalid(format!(
                    "activity \"{}\": {} hours, expected a number of hours above 0 and at most 24",
                    a.id, a.hours
                )));
            }
            if a.id.trim().is_empty() {
                return Err(RecordsError::Invalid("an activity needs an id".into()));
            }
        }
        let tx = self.conn.transaction()?;
        let mut new = 0;
        for a in activities {
            let exists: bool = tx.query_row(
                "SELECT count(*) > 0 FROM activities WHERE id = ?1",
                [&a.id],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO activities (id, title, theme, level, date, place, hours)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT(id) DO UPDATE SET title = ?2, theme = ?3, level = ?4,
                   date = ?5, place = ?6, hours = ?7",
                rusqlite::params![
                    a.id,
                    a.title,
                    a.theme,
                    a.level,
                    a.date.to_string(),
                    a.place,
                    a.hours
                ],
            )?;
            new += usize::from(!exists);
        }
        // A meeting moved to another date may move someone's first year.
        tx.execute_batch(crate::schema::REFRESH_FIRST_YEAR)?;
        tx.commit()?;
        Ok(new)
    }

    pub fn activities(&self) -> Result<Vec<Activity>, RecordsError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, title, theme, level, date, place, hours FROM activities ORDER BY date, id",
        )?;
        let rows = stmt.query_map([], activity_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

pub(crate) fn activity_row(r: &rusqlite::Row) -> rusqlite::Result<Activity> {
    let date: String = r.get(4)?;
    Ok(Activity {
        id: r.get(0)?,
        title: r.get(1)?,
        theme: r.get(2)?,
        level: r.get(3)?,
        date: date.parse().map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(4, rusqlite::types::Type::Text, Box::new(e))
        })?,
        place: r.get(5)?,
        hours: r.get(6)?,
    })
}
