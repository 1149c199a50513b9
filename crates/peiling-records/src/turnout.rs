//! The turnout of a school year's activities for the report: per activity the
//! registrations, attendance, no-shows and walk-ins, attendance by role, and per theme
//! the distinct persons who came. Counts only, never a name.

pub use peiling_core::turnout::{MeetingTurnout, ThemeTurnout, Turnout};

use crate::activity::Activity;
use crate::error::RecordsError;
use crate::query::count;
use crate::store::Records;
use crate::{school_year_of, school_year_start};

/// The order roles are listed in; other roles follow alphabetically, unknown last.
const ROLE_ORDER: [&str; 3] = ["WPB", "SO", "IO"];

fn role_rank(role: &str) -> (usize, String) {
    let upper = role.to_uppercase();
    match ROLE_ORDER.iter().position(|r| *r == upper) {
        Some(i) => (i, String::new()),
        None if role.is_empty() => (ROLE_ORDER.len() + 1, String::new()),
        None => (ROLE_ORDER.len(), upper),
    }
}

fn by_role(mut counts: Vec<(String, usize)>) -> Vec<(String, usize)> {
    counts.sort_by_key(|(role, _)| role_rank(role));
    counts
}

impl Records {
    /// The turnout of the activities in `years` (school years such as "2021-2022"; empty:
    /// every activity in the store).
    pub fn turnout(&self, years: &[String]) -> Result<Turnout, RecordsError> {
        let mut wanted = Vec::new();
        for y in years {
            let start = school_year_start(y).ok_or_else(|| RecordsError::BadYear(y.clone()))?;
            wanted.push(format!("{start}-{}", start + 1));
        }
        let in_years =
            |date: chrono::NaiveDate| wanted.is_empty() || wanted.contains(&school_year_of(date));
        let mut meetings = Vec::new();
        for a in self.activities()? {
            if !in_years(a.date) {
                continue;
            }
            meetings.push(self.meeting_turnout(a)?);
        }
        meetings.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
        let mut themes: Vec<String> = meetings.iter().filter_map(|m| m.theme.clone()).collect();
        themes.sort();
        themes.dedup();
        let mut out = Vec::new();
        for theme in themes {
            let ids: Vec<&str> = meetings
                .iter()
                .filter(|m| m.theme.as_deref() == Some(theme.as_str()))
                .map(|m| m.id.as_str())
                .collect();
            out.push(self.theme_turnout(&theme, &ids)?);
        }
        Ok(Turnout {
            meetings,
            themes: out,
        })
    }

    fn meeting_turnout(&self, activity: Activity) -> Result<MeetingTurnout, RecordsError> {
        let c = self.activity_count(activity)?;
        let id = c.activity.id.as_str();
        let walk_ins = count(
            self,
            "SELECT count(*) FROM attendance a WHERE a.activity = ?1 AND NOT EXISTS
               (SELECT 1 FROM registrations g WHERE g.person = a.person AND g.activity = ?1)",
            id,
        )?;
        let mut stmt = self.conn.prepare(
            "SELECT coalesce(p.role, ''), count(*) FROM attendance a
             JOIN persons p ON p.id = a.person WHERE a.activity = ?1 GROUP BY 1",
        )?;
        let roles = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(MeetingTurnout {
            id: id.to_string(),
            title: c.activity.title.clone(),
            theme: c.activity.theme.clone(),
            date: c.activity.date,
            registered: c.registered,
            attended: c.attended,
            no_shows: c.no_shows,
            walk_ins,
            attended_by_role: by_role(roles),
        })
    }

    fn theme_turnout(&self, theme: &str, ids: &[&str]) -> Result<ThemeTurnout, RecordsError> {
        let list = ids.iter().map(|_| "?").collect::<Vec<_>>().join(", ");
        let sql = format!(
            "SELECT coalesce(p.role, ''), count(DISTINCT p.id) FROM attendance a
             JOIN persons p ON p.id = a.person WHERE a.activity IN ({list}) GROUP BY 1"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let roles = stmt
            .query_map(rusqlite::params_from_iter(ids), |r| {
                Ok((r.get(0)?, r.get::<_, i64>(1)? as usize))
            })?
            .collect::<Result<Vec<(String, usize)>, _>>()?;
        Ok(ThemeTurnout {
            theme: theme.to_string(),
            persons: roles.iter().map(|(_, n)| n).sum(),
            by_role: by_role(roles),
        })
    }
}
