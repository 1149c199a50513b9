//! peiling-records: who came and what they earned. One SQLite file per partnership
//! holds persons, activities, registrations and attendance; this crate is the only one
//! that speaks SQL.
//!
//! [`Records::open`] creates the file readable by its owner only and brings its schema
//! up to date; [`Records::import`] reads a sign-up export or an attendance list in one
//! transaction; the queries answer `list`, `person`, `due`, `export` and `forget`, and
//! [`Records::certificates`] gathers the data of a year's certificates and
//! [`Records::turnout`] the counts of who came, for the report.

mod activity;
mod certificate;
mod due;
mod error;
mod import;
mod query;
mod schema;
mod store;
mod test_hook;
mod turnout;

pub use activity::{Activity, PlanActivities};
pub use certificate::{Certificate, CertificateActivity};
pub use due::{
    DueLine, DueReport, Expected, ExpectedDue, Requirement, RequirementKind, Requirements,
    BOS_REQUIREMENTS,
};
pub use error::{NotRecords, RecordsError};
pub use import::{ImportKind, ImportOptions, ImportSummary, RejectedRow, Uncertain};
pub use query::{ActivityCount, Overview, PersonRecord};
pub use schema::SCHEMA_VERSION;
pub use store::Records;
pub use turnout::{MeetingTurnout, ThemeTurnout, Turnout};

/// An e-mail address as it is compared: without surrounding spaces, in lower case.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A name or school as it is compared: words separated by one space, lower case.
pub fn normalise_name(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The school year a date falls in ("2022-2023"); a school year starts on 1 August.
pub fn school_year_of(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let start = if date.month() >= 8 {
        date.year()
    } else {
        date.year() - 1
    };
    format!("{start}-{}", start + 1)
}

/// The first calendar year of a school year written "2022-2023" (or "2022").
pub fn school_year_start(text: &str) -> Option<i32> {
    let t = text.trim();
    let (a, b) = match t.split_once(['-', '/']) {
        Some((a, b)) => (a.trim(), Some(b.trim())),
        None => (t, None),
    };
    let start: i32 = a.parse().ok().filter(|y| (1900..3000).contains(y))?;
    match b {
        None => Some(start),
        Some(b) => {
            let end: i32 = b.parse().ok()?;
            (end == start + 1).then_some(start)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_compare_without_spaces_and_capitals() {
        assert_eq!(
            normalise_email("  Anna.Bakker@School.NL "),
            "anna.bakker@school.nl"
        );
        assert_eq!(normalise_name(" Anna   de  Vries"), "anna de vries");
    }

    #[test]
    fn school_years() {
        let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(school_year_of(d(2022, 7, 31)), "2021-2022");
        assert_eq!(school_year_of(d(2022, 8, 1)), "2022-2023");
        assert_eq!(school_year_start("2022-2023"), Some(2022));
        assert_eq!(school_year_start("2019"), Some(2019));
        assert_eq!(school_year_start("2022-2024"), None);
        assert_eq!(school_year_start("vorig jaar"), None);
    }
}
