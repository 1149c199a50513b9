//! The plan as an iCalendar file (RFC 5545): deterministic (DTSTAMP from the plan's start,
//! UIDs from catalogue, cycle and slot), local times in Europe/Amsterdam.

use std::fmt::Write as _;

use crate::plan::RotationPlan;

/// Central European time as the Netherlands keeps it since 1996.
pub(crate) const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r
TZID:Europe/Amsterdam\r
BEGIN:DAYLIGHT\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0200\r
TZNAME:CEST\r
DTSTART:19700329T020000\r
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r
END:DAYLIGHT\r
BEGIN:STANDARD\r
TZOFFSETFROM:+0200\r
TZOFFSETTO:+0100\r
TZNAME:CET\r
DTSTART:19701025T030000\r
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r
END:STANDARD\r
END:VTIMEZONE\r
";

/// TEXT value escaping (RFC 5545 3.3.11).
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded at 75 octets without splitting a character.
pub(crate) fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

pub(crate) fn compact(date: chrono::NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

impl RotationPlan {
    /// The meetings as a calendar, in Dutch or English.
    pub fn to_ics(&self, english: bool) -> String {
        let mut out = String::new();
        line(&mut out, "BEGIN:VCALENDAR");
        line(&mut out, "VERSION:2.0");
        line(&mut out, "PRODID:-//peiling//rotatieplan//NL");
        line(&mut out, "CALSCALE:GREGORIAN");
        line(&mut out, "METHOD:PUBLISH");
        let title = match (&self.catalogue_title_en, english) {
            (Some(en), true) => en.as_str(),
            _ => self.catalogue_title.as_str(),
        };
        line(&mut out, &format!("X-WR-CALNAME:{}", escape(title)));
        out.push_str(VTIMEZONE);
        let stamp = format!("{}T000000Z", compact(self.start));
        for m in &self.meetings {
            line(&mut out, "BEGIN:VEVENT");
            line(
                &mut out,
                &format!(
                    "UID:{}-{}-{}-{}@peiling",
                    self.catalogue,
                    compact(self.start),
                    m.year,
                    m.slot
                ),
            );
            line(&mut out, &format!("DTSTAMP:{stamp}"));
            let time = |t: &str| t.replace(':', "") + "00";
            line(
                &mut out,
                &format!(
                    "DTSTART;TZID=Europe/Amsterdam:{}T{}",
                    compact(m.date),
                    time(&m.start)
                ),
            );
            line(
                &mut out,
                &format!(
                    "DTEND;TZID=Europe/Amsterdam:{}T{}",
                    compact(m.date),
                    time(&m.end)
                ),
            );
            let theme = match (&m.title_en, english) {
                (Some(en), true) => en.as_str(),
                _ => m.title.as_str(),
            };
            let level = m.level.text();
            line(
                &mut out,
                &format!("SUMMARY:{} ({})", escape(theme), escape(level.get(english))),
            );
            if let Some(host) = &m.host {
                line(&mut out, &format!("LOCATION:{}", escape(host)));
            }
            let mut description = String::new();
            let _ = write!(
                description,
                "{}: {}\n{}",
                match (english, m.due.is_empty()) {
                    (true, true) => "Expected (who asked for it)",
                    (false, true) => "Verwacht (wie erom vroeg)",
                    (true, false) => "Expected (who asked for it, and who must come)",
                    (false, false) => "Verwacht (wie erom vroeg, en wie moet komen)",
                },
                m.expected_text().get(english),
                m.reason.get(english)
            );
            if let Some(p) = &m.prerequisite {
                let _ = write!(
                    description,
                    "\n{}: {}",
                    if english {
                        "Who may take part"
                    } else {
                        "Deelname"
                    },
                    p.get(english)
                );
            }
            line(&mut out, &format!("DESCRIPTION:{}", escape(&description)));
            line(
                &mut out,
                &format!("CATEGORIES:{}", escape(level.get(english))),
            );
            line(&mut out, "END:VEVENT");
        }
        line(&mut out, "END:VCALENDAR");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_on_character_boundaries() {
        let mut out = String::new();
        let content = format!("DESCRIPTION:{}", "é".repeat(60));
        line(&mut out, &content);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end(), content);
    }

    #[test]
    fn escapes_text() {
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }
}
