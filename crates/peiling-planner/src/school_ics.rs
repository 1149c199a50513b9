//! The school mode's workshops as iCalendar files (RFC 5545): all of them, or one school's
//! or one trainer's, deterministic like the rotation plan's (`ics.rs`).

use crate::ics::{compact, escape, line, VTIMEZONE};
use crate::school_mode::{SchoolPlan, Workshop};

/// Whose calendar.
#[derive(Debug, Clone, Copy)]
pub enum CalendarOf<'a> {
    All,
    School(&'a str),
    Trainer(&'a str),
}

impl SchoolPlan {
    /// The workshops of `of` as a calendar, in Dutch or English.
    pub fn to_ics(&self, of: CalendarOf<'_>, english: bool) -> String {
        let mut out = String::new();
        line(&mut out, "BEGIN:VCALENDAR");
        line(&mut out, "VERSION:2.0");
        line(&mut out, "PRODID:-//peiling//workshops//NL");
        line(&mut out, "CALSCALE:GREGORIAN");
        line(&mut out, "METHOD:PUBLISH");
        let name = match of {
            CalendarOf::All => self.catalogue_title.clone(),
            CalendarOf::School(s) | CalendarOf::Trainer(s) => {
                format!("{} - {s}", self.catalogue_title)
            }
        };
        line(&mut out, &format!("X-WR-CALNAME:{}", escape(&name)));
        out.push_str(VTIMEZONE);
        let stamp = format!("{}T000000Z", compact(self.start));
        let workshops: Vec<&Workshop> = match of {
            CalendarOf::All => self.workshops.iter().collect(),
            CalendarOf::School(s) => self.for_school(s).collect(),
            CalendarOf::Trainer(t) => self.for_trainer(t).collect(),
        };
        for w in workshops {
            line(&mut out, "BEGIN:VEVENT");
            // The same workshop has the same UID in every file it appears in.
            line(
                &mut out,
                &format!(
                    "UID:{}-{}-{}@peiling",
                    self.catalogue,
                    compact(self.start),
                    w.number
                ),
            );
            line(&mut out, &format!("DTSTAMP:{stamp}"));
            let time = |t: &str| t.replace(':', "") + "00";
            for (key, t) in [("DTSTART", &w.start), ("DTEND", &w.end)] {
                line(
                    &mut out,
                    &format!(
                        "{key};TZID=Europe/Amsterdam:{}T{}",
                        compact(w.date),
                        time(t)
                    ),
                );
            }
            let title = match (&w.title_en, english) {
                (Some(en), true) => en.as_str(),
                _ => w.title.as_str(),
            };
            line(&mut out, &format!("SUMMARY:{}", escape(title)));
            line(&mut out, &format!("LOCATION:{}", escape(&w.school)));
            let (expected, trainer) = if english {
                ("Expected participants", "Trainer")
            } else {
                ("Verwachte deelnemers", "Trainer")
            };
            let mut description = format!("{expected}: {}", w.participants);
            if let Some(t) = &w.trainer {
                description += &format!("\n{trainer}: {t}");
            }
            description += &format!("\n{}", w.reason.get(english));
            line(&mut out, &format!("DESCRIPTION:{}", escape(&description)));
            line(&mut out, "END:VEVENT");
        }
        line(&mut out, "END:VCALENDAR");
        out
    }
}
