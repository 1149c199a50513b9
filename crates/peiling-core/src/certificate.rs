//! The data of one certificate: one person's attended activities in one school year.
//! The records store computes it, the report crate renders it; neither knows the other.

use chrono::NaiveDate;

/// One person's certificate for one school year: only that person's data.
#[derive(Debug, Clone, PartialEq)]
pub struct Certificate {
    /// The person's number in the records store: a stable, non-personal key.
    pub person_id: i64,
    pub name: String,
    pub school: Option<String>,
    pub role: Option<String>,
    /// The school year, "2021-2022".
    pub year: String,
    /// The activities attended that year, by date.
    pub activities: Vec<CertificateActivity>,
    /// The sum of the activities' hours.
    pub total_hours: f64,
}

/// One attended activity: its content, when, and the time it took.
#[derive(Debug, Clone, PartialEq)]
pub struct CertificateActivity {
    pub title: String,
    /// The catalogue theme it belongs to, if any.
    pub theme: Option<String>,
    pub date: NaiveDate,
    pub hours: f64,
}
