//! The latest submission date of an export, from its completion-time column (Microsoft
//! Forms "Tijd van voltooien"/"Completion time", Google Forms "Tijdstempel"/"Timestamp",
//! LimeSurvey "submitdate"), as both import engines read it.
//!
//! Dates come as the form tool's locale writes them: `2020-10-01 09:40:24` (year first,
//! read as year-month-day), `10/1/2020 17:49:24` or `1-10-2020 9:40` (year last), or an
//! Excel date number. With the year last, the column decides the order: a first number
//! above 12 anywhere makes it day-month, a second number above 12 month-day; when no
//! value tells, slashes are read month/day (Microsoft Forms and Google Forms in English
//! write 10/1/2020 for 1 October) and dashes or dots day-month (the Dutch 1-10-2020).
//! A cell that is no date is left out of the latest date (the column is metadata, not an
//! answer).

/// A calendar day as (year, month, day); orders by time.
pub type Day = (i32, u32, u32);

/// Gathers the completion times of the accepted rows; [`LatestSubmission::latest`] is
/// the latest day among them.
#[derive(Debug, Clone, Default)]
pub struct LatestSubmission {
    /// Latest of the unambiguous values (year first, Excel numbers).
    certain: Option<Day>,
    /// Latest of the year-last values read day-month and read month-day.
    day_month: Option<Day>,
    month_day: Option<Day>,
    /// Whether some year-last value cannot be day-month (second number above 12) or
    /// month-day (first number above 12).
    not_day_month: bool,
    not_month_day: bool,
    slashes: usize,
    others: usize,
}

impl LatestSubmission {
    /// Takes one completion-time cell.
    pub fn add(&mut self, cell: &str) {
        let cell = cell.trim();
        if cell.is_empty() {
            return;
        }
        if let Some(day) = excel_serial(cell) {
            self.certain = self.certain.max(Some(day));
            return;
        }
        let date = cell
            .split(|c: char| c.is_whitespace() || c == 'T')
            .next()
            .unwrap_or_default();
        let sep = if date.contains('/') {
            '/'
        } else if date.contains('-') {
            '-'
        } else {
            '.'
        };
        let parts: Vec<&str> = date.split(sep).collect();
        if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || p.len() > 4) {
            return;
        }
        let Ok(nums) = parts
            .iter()
            .map(|p| p.parse::<u32>())
            .collect::<Result<Vec<u32>, _>>()
        else {
            return;
        };
        if parts[0].len() == 4 {
            if let Some(day) = valid(nums[0] as i32, nums[1], nums[2]) {
                self.certain = self.certain.max(Some(day));
            }
            return;
        }
        let year = match parts[2].len() {
            4 => nums[2] as i32,
            2 => 2000 + nums[2] as i32,
            _ => return,
        };
        let (a, b) = (nums[0], nums[1]);
        match valid(year, b, a) {
            Some(day) => self.day_month = self.day_month.max(Some(day)),
            None => self.not_day_month = true,
        }
        match valid(year, a, b) {
            Some(day) => self.month_day = self.month_day.max(Some(day)),
            None => self.not_month_day = true,
        }
        if sep == '/' {
            self.slashes += 1;
        } else {
            self.others += 1;
        }
    }

    /// Adds the completion times `other` gathered (of the rows after these).
    pub(crate) fn merge(&mut self, other: &LatestSubmission) {
        self.certain = self.certain.max(other.certain);
        self.day_month = self.day_month.max(other.day_month);
        self.month_day = self.month_day.max(other.month_day);
        self.not_day_month |= other.not_day_month;
        self.not_month_day |= other.not_month_day;
        self.slashes += other.slashes;
        self.others += other.others;
    }

    /// The latest submission day as `YYYY-MM-DD`, `None` when no cell held a date.
    pub fn latest(&self) -> Option<String> {
        let year_last = match (self.not_day_month, self.not_month_day) {
            (false, true) => self.day_month,
            (true, false) => self.month_day,
            // Mixed up beyond reading: only the unambiguous values count.
            (true, true) => None,
            (false, false) if self.slashes >= self.others => self.month_day,
            (false, false) => self.day_month,
        };
        self.certain
            .max(year_last)
            .map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
    }
}

/// (year, month, day) when it is a real calendar day from 1900 to 2200.
fn valid(year: i32, month: u32, day: u32) -> Option<Day> {
    if !(1900..=2200).contains(&year) || !(1..=12).contains(&month) || day == 0 {
        return None;
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (day <= days).then_some((year, month, day))
}

/// An Excel date number (days since 1899-12-30, a fraction for the time of day), as an
/// XLSX completion-time cell without its date format reads: 1982 to 2119 only.
fn excel_serial(cell: &str) -> Option<Day> {
    let value: f64 = cell.parse().ok()?;
    if !(30_000.0..80_000.0).contains(&value) {
        return None;
    }
    // Days since 1970-01-01, then the civil date (Howard Hinnant's algorithm).
    let z = value.floor() as i64 - 25_569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    valid(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn latest(cells: &[&str]) -> Option<String> {
        let mut l = LatestSubmission::default();
        for c in cells {
            l.add(c);
        }
        l.latest()
    }

    #[test]
    fn year_first_is_read_as_is() {
        assert_eq!(
            latest(&[
                "2020-10-01 09:40:24",
                "2020-11-03T08:00:00",
                "2020/10/30 9:40:24 AM GMT+2"
            ]),
            Some("2020-11-03".into())
        );
    }

    #[test]
    fn slashes_without_a_tell_are_month_first() {
        // Microsoft Forms in English: 10/2/2020 is 2 October, later than 1 October.
        assert_eq!(
            latest(&["10/1/2020 17:49:24", "10/2/2020 9:00:00", "9/30/2020 8:00"]),
            Some("2020-10-02".into())
        );
    }

    #[test]
    fn a_first_number_above_12_makes_the_column_day_first() {
        // 13/10/2020 cannot be month-day: the whole column is day/month, so 2/11 is
        // 2 November, not 11 February.
        assert_eq!(
            latest(&["13/10/2020 10:00", "2/11/2020 10:00", "1/10/2020"]),
            Some("2020-11-02".into())
        );
    }

    #[test]
    fn dashes_without_a_tell_are_day_first() {
        assert_eq!(
            latest(&["1-10-2020 9:40:24", "5-10-2020 12:00:00"]),
            Some("2020-10-05".into())
        );
    }

    #[test]
    fn a_second_number_above_12_makes_the_column_month_first() {
        assert_eq!(
            latest(&["1-10-2020", "10-14-2020", "12-1-2020"]),
            Some("2020-12-01".into())
        );
    }

    #[test]
    fn excel_numbers_and_two_digit_years() {
        // 44105 is 2020-10-01 in Excel's count; 44136.5 is 2020-11-01 at noon.
        assert_eq!(latest(&["44105.74", "44136.5"]), Some("2020-11-01".into()));
        assert_eq!(latest(&["10/1/21 9:00"]), Some("2021-10-01".into()));
    }

    #[test]
    fn no_date_is_none() {
        assert_eq!(latest(&[]), None);
        assert_eq!(latest(&["", "gisteren", "31/31/2020", "2020-02-30"]), None);
    }
}
