//! Who came: per meeting the registrations, attendance and no-shows, and per theme the
//! distinct persons who came, by role. Aggregates only (no names); the records store
//! computes them, the report puts them beside the plan and the demand.

use chrono::NaiveDate;

/// The turnout of the activities of one or more school years.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Turnout {
    /// The activities, by date.
    pub meetings: Vec<MeetingTurnout>,
    /// Per theme (activities without a theme are left out), by theme id.
    pub themes: Vec<ThemeTurnout>,
}

/// One activity's turnout.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingTurnout {
    /// The activity's id in the store; for a plan's meetings "2021-2022-3" (school year
    /// and slot), so the report can put it beside the planned meeting.
    pub id: String,
    pub title: String,
    pub theme: Option<String>,
    pub date: NaiveDate,
    pub registered: usize,
    pub attended: usize,
    /// Registered but not on the attendance list.
    pub no_shows: usize,
    /// Attended without registering.
    pub walk_ins: usize,
    /// Attended, by role ("" for unknown), in role order.
    pub attended_by_role: Vec<(String, usize)>,
}

/// The distinct persons who came to any activity of a theme.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeTurnout {
    pub theme: String,
    pub persons: usize,
    /// By role ("" for unknown), in role order.
    pub by_role: Vec<(String, usize)>,
}
