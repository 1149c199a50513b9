//! The calendar of a plan: the catalogue's calendar settings (reserved weeks, the spread of
//! each level over the year), the meeting days of each school year outside holidays and
//! reserved weeks, which slots lie close enough together for the spread rule, and the
//! plan's notes about them; weekday names.

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::holidays::Holidays;
use crate::ranges::Rule;
use crate::solve::Spread;
use crate::text::Text;
use crate::PlanError;

/// The catalogue's `[calendar]` settings.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CalendarRule {
    /// Lesweken (school weeks, 1 = the week of the first Monday after the summer holiday)
    /// without meetings: BOS keeps 2 and 3 for each school's startbijeenkomst.
    pub reserved_school_weeks: Vec<u32>,
    /// Weeks right before the Christmas holiday without meetings (BOS: 1, the last week).
    pub reserved_weeks_before_christmas: u32,
    /// A level with at least `spread_min_meetings` meetings a year goes at most this many
    /// weeks without one (counted from the year's first meeting to its last); 0: no rule.
    pub max_gap_weeks: u32,
    pub spread_min_meetings: u32,
}

impl Default for CalendarRule {
    /// The BOS settings: lesweek 2-3 and the last week before Christmas kept free; each
    /// level with 3 or more meetings a year at least once every 16 weeks.
    fn default() -> Self {
        CalendarRule {
            reserved_school_weeks: vec![2, 3],
            reserved_weeks_before_christmas: 1,
            max_gap_weeks: 16,
            spread_min_meetings: 3,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCalendar {
    reserved_school_weeks: Option<Vec<u32>>,
    reserved_weeks_before_christmas: Option<u32>,
    max_gap_weeks: Option<u32>,
    spread_min_meetings: Option<u32>,
}

impl RawCalendar {
    pub(crate) fn build(self) -> Result<CalendarRule, String> {
        let d = CalendarRule::default();
        let weeks = self
            .reserved_school_weeks
            .unwrap_or(d.reserved_school_weeks);
        for (i, w) in weeks.iter().enumerate() {
            if !(1..=45).contains(w) {
                return Err(format!(
                    "reserved_school_weeks: lesweek {w} is not a school week (1 to 45)"
                ));
            }
            if weeks[..i].contains(w) {
                return Err(format!("reserved_school_weeks: lesweek {w} appears twice"));
            }
        }
        let christmas = self
            .reserved_weeks_before_christmas
            .unwrap_or(d.reserved_weeks_before_christmas);
        if christmas > 4 {
            return Err(format!(
                "reserved_weeks_before_christmas = {christmas}: 0 to 4 weeks"
            ));
        }
        let gap = self.max_gap_weeks.unwrap_or(d.max_gap_weeks);
        if gap > 52 {
            return Err(format!("max_gap_weeks = {gap}: 0 (no rule) to 52 weeks"));
        }
        Ok(CalendarRule {
            reserved_school_weeks: weeks,
            reserved_weeks_before_christmas: christmas,
            max_gap_weeks: gap,
            spread_min_meetings: self.spread_min_meetings.unwrap_or(d.spread_min_meetings),
        })
    }
}

/// One school year of the plan: its first day, the meeting days and what was reserved.
#[derive(Debug, Clone)]
pub(crate) struct Year {
    pub first: NaiveDate,
    pub dates: Vec<NaiveDate>,
    /// The first and last day a meeting could have had (end points of the spread).
    pub free: (NaiveDate, NaiveDate),
    /// The Christmas holiday was not found, so no week before it is reserved.
    pub no_christmas: bool,
}

/// "2021-2022" for a school year starting on `first`.
pub(crate) fn school_year(first: NaiveDate) -> String {
    let y = if first.month() >= 7 {
        first.year()
    } else {
        first.year() - 1
    };
    format!("{y}-{}", y + 1)
}

fn is_summer(name: &str) -> bool {
    let n = name.to_lowercase();
    n.contains("zomer") || n.contains("summer")
}

fn is_christmas(name: &str) -> bool {
    let n = name.to_lowercase();
    n.contains("kerst") || n.contains("christmas")
}

/// The Monday of lesweek 1 of the school year starting around `first`: the first Monday
/// after the summer holiday that ends within two months of `first`, or without one the
/// first Monday on or after `first`.
pub(crate) fn first_school_monday(first: NaiveDate, holidays: Option<&Holidays>) -> NaiveDate {
    let summer_end = holidays.and_then(|h| {
        h.periods
            .iter()
            .filter(|p| is_summer(&p.name))
            .map(|p| p.to)
            .find(|&to| (to - first).num_days().abs() <= 61)
    });
    let mut day = summer_end.map_or(first, |to| to + Duration::days(1));
    while day.weekday() != Weekday::Mon {
        day += Duration::days(1);
    }
    day
}

/// The days of one school year (from `first`, before `end`) that `rule` keeps free.
fn reserved(
    first: NaiveDate,
    end: NaiveDate,
    holidays: Option<&Holidays>,
    rule: &CalendarRule,
) -> (Vec<(NaiveDate, NaiveDate)>, bool) {
    let mut out = Vec::new();
    let monday = first_school_monday(first, holidays);
    for &w in &rule.reserved_school_weeks {
        let from = monday + Duration::weeks(i64::from(w) - 1);
        out.push((from, from + Duration::days(6)));
    }
    let mut no_christmas = false;
    if rule.reserved_weeks_before_christmas > 0 {
        let christmas = holidays.and_then(|h| {
            h.periods
                .iter()
                .find(|p| is_christmas(&p.name) && first <= p.from && p.from < end)
        });
        match christmas {
            Some(c) => out.push((
                c.from - Duration::weeks(i64::from(rule.reserved_weeks_before_christmas)),
                c.from - Duration::days(1),
            )),
            None => no_christmas = true,
        }
    }
    (out, no_christmas)
}

/// The days on `weekday` from `first` to before `end` outside the holidays and the
/// reserved weeks; true when no Christmas holiday was found to reserve a week before.
pub(crate) fn free_days(
    first: NaiveDate,
    end: NaiveDate,
    weekday: Weekday,
    holidays: Option<&Holidays>,
    rule: &CalendarRule,
) -> (Vec<NaiveDate>, bool) {
    let (reserved, no_christmas) = reserved(first, end, holidays, rule);
    let mut day = first;
    while day.weekday() != weekday {
        day += Duration::days(1);
    }
    let mut candidates = Vec::new();
    while day < end {
        let free = holidays.is_none_or(|h| h.on(day).is_none())
            && !reserved.iter().any(|&(a, b)| a <= day && day <= b);
        if free {
            candidates.push(day);
        }
        day += Duration::weeks(1);
    }
    (candidates, no_christmas)
}

/// Per year of the cycle: its first day and the meeting dates. A school year runs ten
/// months from its first day (September to June); the meetings go on the chosen weekday,
/// outside holidays and reserved weeks, spread evenly over the days that remain.
pub(crate) fn calendar(
    start: NaiveDate,
    counts: &[usize],
    weekday: Weekday,
    holidays: Option<&Holidays>,
    rule: &CalendarRule,
) -> Result<Vec<Year>, PlanError> {
    let mut out = Vec::with_capacity(counts.len());
    for (y, &per_year) in counts.iter().enumerate() {
        let first = start
            .checked_add_months(Months::new(12 * y as u32))
            .ok_or_else(|| out_of_range(start))?;
        let end = first
            .checked_add_months(Months::new(10))
            .ok_or_else(|| out_of_range(start))?;
        let (candidates, no_christmas) = free_days(first, end, weekday, holidays, rule);
        let c = candidates.len();
        if c < per_year {
            return Err(PlanError::Infeasible(crate::Advice::text(format!(
                "school year {} has only {c} {} outside the holidays and reserved weeks between {first} and {} for {} meetings",
                school_year(first),
                weekday_text(weekday).en + "s",
                end - Duration::days(1),
                per_year
            ))));
        }
        // The middle of each of per_year equal runs of candidate days.
        let dates = (0..per_year)
            .map(|i| candidates[(2 * i + 1) * c / (2 * per_year)])
            .collect();
        out.push(Year {
            first,
            dates,
            free: (candidates[0], candidates[c - 1]),
            no_christmas,
        });
    }
    Ok(out)
}

/// Per slot of a year: the last slot at most `max_gap_weeks` after it.
pub(crate) fn reach(dates: &[NaiveDate], max_gap_weeks: u32) -> Vec<usize> {
    let gap = Duration::weeks(i64::from(max_gap_weeks));
    (0..dates.len())
        .map(|a| {
            (a..dates.len())
                .take_while(|&b| dates[b] - dates[a] <= gap)
                .last()
                .unwrap_or(a)
        })
        .collect()
}

/// The last slot at most `max_gap_weeks` after the year's first free day, and the first
/// slot at most that long before its last free day.
pub(crate) fn ends(year: &Year, max_gap_weeks: u32) -> (Option<usize>, Option<usize>) {
    let gap = Duration::weeks(i64::from(max_gap_weeks));
    let d = &year.dates;
    (
        (0..d.len())
            .take_while(|&b| d[b] - year.free.0 <= gap)
            .last(),
        (0..d.len()).find(|&a| year.free.1 - d[a] <= gap),
    )
}

/// The spread rule, in each year for the levels that have at least `spread_min_meetings`
/// meetings in it; `None` when it applies to neither level in any year.
pub(crate) fn spread(rule: &Rule, cal: &CalendarRule, years: &[Year]) -> Option<Spread> {
    let applies = |min_a_year: usize| {
        cal.max_gap_weeks > 0 && min_a_year > 0 && min_a_year >= cal.spread_min_meetings as usize
    };
    let basis: Vec<bool> = rule.basis_min.iter().map(|&b| applies(b)).collect();
    let verdiepend: Vec<bool> = (0..rule.years)
        .map(|y| applies(rule.counts[y] - rule.basis_max[y]))
        .collect();
    let ends: Vec<_> = years.iter().map(|y| ends(y, cal.max_gap_weeks)).collect();
    (basis.iter().chain(&verdiepend).any(|&a| a)).then(|| Spread {
        reach: years
            .iter()
            .map(|y| reach(&y.dates, cal.max_gap_weeks))
            .collect(),
        first: ends.iter().map(|e| e.0).collect(),
        last: ends.iter().map(|e| e.1).collect(),
        basis,
        verdiepend,
    })
}

/// What the calendar kept free and how the levels are spread, for the plan's notes.
pub(crate) fn notes(cal: &CalendarRule, rule: &Rule, years: &[Year]) -> Vec<Text> {
    let mut notes = Vec::new();
    let mut free_nl = Vec::new();
    let mut free_en = Vec::new();
    if !cal.reserved_school_weeks.is_empty() {
        let weeks: Vec<String> = cal
            .reserved_school_weeks
            .iter()
            .map(u32::to_string)
            .collect();
        let and = |word: &str| match weeks.split_last() {
            Some((last, rest)) if !rest.is_empty() => {
                format!("{} {word} {last}", rest.join(", "))
            }
            _ => weeks.join(""),
        };
        free_nl.push(format!(
            "lesweek {} (geteld vanaf de eerste maandag na de zomervakantie)",
            and("en")
        ));
        free_en.push(format!(
            "school weeks {} (counted from the first Monday after the summer holiday)",
            and("and")
        ));
    }
    if cal.reserved_weeks_before_christmas > 0 {
        let n = cal.reserved_weeks_before_christmas;
        free_nl.push(if n == 1 {
            "de laatste week voor de kerstvakantie".to_string()
        } else {
            format!("de laatste {n} weken voor de kerstvakantie")
        });
        free_en.push(if n == 1 {
            "the last week before the Christmas holiday".to_string()
        } else {
            format!("the last {n} weeks before the Christmas holiday")
        });
    }
    if !free_nl.is_empty() {
        notes.push(Text::new(
            format!("Geen bijeenkomsten in {}.", free_nl.join(" en ")),
            format!("No meetings in {}.", free_en.join(" or ")),
        ));
    }
    if years.iter().any(|y| y.no_christmas) && cal.reserved_weeks_before_christmas > 0 {
        notes.push(Text::new(
            "Geen kerstvakantie bekend: de week ervoor is niet vrijgehouden.",
            "No Christmas holiday known: the week before it is not kept free.",
        ));
    }
    if let Some(s) = spread(rule, cal, years) {
        let any = |v: &[bool]| v.iter().any(|&a| a);
        let levels = match (any(&s.basis), any(&s.verdiepend)) {
            (true, true) => ("basis en verdiepend", "basic and deepening"),
            (true, false) => ("basis", "basic"),
            _ => ("verdiepend", "deepening"),
        };
        // With years of different sizes a level may have too few meetings in some years.
        let every = s.basis.iter().all(|&a| a == s.basis[0])
            && s.verdiepend.iter().all(|&a| a == s.verdiepend[0]);
        let (year_nl, year_en) = if every {
            ("elk jaar".to_string(), "each year".to_string())
        } else {
            (
                format!(
                    "in elk jaar met minstens {} bijeenkomsten van dat niveau",
                    cal.spread_min_meetings
                ),
                format!(
                    "in each year with at least {} meetings of that level",
                    cal.spread_min_meetings
                ),
            )
        };
        notes.push(Text::new(
            format!(
                "Spreiding: {} komen {year_nl} minstens eens per {} weken aan bod, gerekend van de eerste tot de laatste dag waarop een bijeenkomst kan.",
                levels.0, cal.max_gap_weeks
            ),
            format!(
                "Spread: {} meetings come up at least once every {} weeks {year_en}, counted from the first day a meeting can take place to the last.",
                levels.1, cal.max_gap_weeks
            ),
        ));
    }
    notes
}

pub(crate) fn parse_weekday(s: &str) -> Option<Weekday> {
    let day = match s.trim().to_lowercase().as_str() {
        "maandag" | "monday" | "mon" | "ma" => Weekday::Mon,
        "dinsdag" | "tuesday" | "tue" | "di" => Weekday::Tue,
        "woensdag" | "wednesday" | "wed" | "wo" => Weekday::Wed,
        "donderdag" | "thursday" | "thu" | "do" => Weekday::Thu,
        "vrijdag" | "friday" | "fri" | "vr" => Weekday::Fri,
        "zaterdag" | "saturday" | "sat" | "za" => Weekday::Sat,
        "zondag" | "sunday" | "sun" | "zo" => Weekday::Sun,
        _ => return None,
    };
    Some(day)
}

pub(crate) fn weekday_text(day: Weekday) -> Text {
    let (nl, en) = match day {
        Weekday::Mon => ("maandag", "Monday"),
        Weekday::Tue => ("dinsdag", "Tuesday"),
        Weekday::Wed => ("woensdag", "Wednesday"),
        Weekday::Thu => ("donderdag", "Thursday"),
        Weekday::Fri => ("vrijdag", "Friday"),
        Weekday::Sat => ("zaterdag", "Saturday"),
        Weekday::Sun => ("zondag", "Sunday"),
    };
    Text::new(nl, en)
}

/// The plan's first day lies too far in the future to count its years.
fn out_of_range(start: NaiveDate) -> PlanError {
    PlanError::Setting {
        setting: crate::PlanSetting::Start,
        value: start.to_string(),
        problem: "date out of range".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn zuid() -> Holidays {
        Holidays::bundled("zuid", &["2021-2022".into()]).unwrap()
    }

    #[test]
    fn lesweek_one_follows_the_regions_summer_holiday() {
        // Zuid: summer until Sunday 5 September 2021; noord until 22 August.
        assert_eq!(
            first_school_monday(d("2021-09-01"), Some(&zuid())),
            d("2021-09-06")
        );
        let noord = Holidays::bundled("noord", &["2021-2022".into()]).unwrap();
        assert_eq!(
            first_school_monday(d("2021-09-01"), Some(&noord)),
            d("2021-08-23")
        );
        // Without holidays: the first Monday from the start.
        assert_eq!(first_school_monday(d("2021-09-01"), None), d("2021-09-06"));
    }

    #[test]
    fn reserved_weeks_and_holidays_are_skipped() {
        let h = zuid();
        let rule = CalendarRule::default();
        let years = calendar(d("2021-09-01"), &[30], Weekday::Thu, Some(&h), &rule).unwrap();
        let dates = &years[0].dates;
        // Hand count: Thursdays 2 Sep 2021 .. 30 Jun 2022 (44) less 2 Sep (summer), 16 and
        // 23 Sep (lesweek 2-3), 28 Oct, 23 Dec (last week before Christmas), 30 Dec, 6 Jan,
        // 3 Mar, 5 May, 26 May (Hemelvaart): 34 free, of which 30 are taken evenly.
        for gone in [
            "2021-09-02",
            "2021-09-16",
            "2021-09-23",
            "2021-10-28",
            "2021-12-23",
            "2021-12-30",
            "2022-01-06",
            "2022-03-03",
            "2022-05-05",
            "2022-05-26",
        ] {
            assert!(!dates.contains(&d(gone)), "{gone}");
        }
        assert!(dates.contains(&d("2021-09-09")) && dates.contains(&d("2021-12-16")));
        assert!(!years[0].no_christmas);
        let all = calendar(d("2021-09-01"), &[35], Weekday::Thu, Some(&h), &rule).unwrap_err();
        assert!(all.to_string().contains("only 34 Thursdays"), "{all}");
        // Without the reservations, 37 Thursdays are free.
        let none = CalendarRule {
            reserved_school_weeks: Vec::new(),
            reserved_weeks_before_christmas: 0,
            ..CalendarRule::default()
        };
        assert!(calendar(d("2021-09-01"), &[37], Weekday::Thu, Some(&h), &none).is_ok());
        assert!(calendar(d("2021-09-01"), &[38], Weekday::Thu, Some(&h), &none).is_err());
    }

    #[test]
    fn the_spread_applies_per_year_by_that_years_split() {
        // 5 + 6 meetings, 40 to 60 % basis: 2-3 basis in year 1, 3 in year 2. With the
        // BOS threshold of 3, year 1 has too few of either level for the rule, year 2 not.
        let rule = Rule {
            years: 2,
            counts: vec![5, 6],
            basis_min: vec![2, 3],
            basis_max: vec![3, 3],
        };
        let year = |first: &str, n: usize| Year {
            first: d(first),
            dates: (0..n)
                .map(|i| d(first) + Duration::weeks(6 * i as i64 + 1))
                .collect(),
            free: (d(first), d(first) + Duration::weeks(40)),
            no_christmas: false,
        };
        let years = [year("2021-09-02", 5), year("2022-09-01", 6)];
        let s = spread(&rule, &CalendarRule::default(), &years).unwrap();
        assert_eq!(s.basis, [false, true]);
        assert_eq!(s.verdiepend, [false, true]);
        let notes = notes(&CalendarRule::default(), &rule, &years);
        assert!(
            notes.iter().any(|n| n
                .nl
                .contains("in elk jaar met minstens 3 bijeenkomsten van dat niveau")),
            "{notes:?}"
        );
    }

    #[test]
    fn reach_is_the_last_slot_within_the_gap() {
        let dates = [
            d("2021-10-07"),
            d("2021-11-25"),
            d("2022-01-27"),
            d("2022-03-10"),
        ];
        // 7 weeks, 16 weeks, 22 weeks after the first.
        assert_eq!(reach(&dates, 16), vec![2, 3, 3, 3]);
        assert_eq!(reach(&dates, 15), vec![1, 3, 3, 3]);
    }

    #[test]
    fn settings_are_checked() {
        let raw = |s: &str| toml::from_str::<RawCalendar>(s).unwrap().build();
        assert_eq!(raw("").unwrap(), CalendarRule::default());
        assert_eq!(
            raw("reserved_school_weeks = [2, 2]").unwrap_err(),
            "reserved_school_weeks: lesweek 2 appears twice"
        );
        assert_eq!(
            raw("reserved_school_weeks = [0]").unwrap_err(),
            "reserved_school_weeks: lesweek 0 is not a school week (1 to 45)"
        );
        assert!(raw("max_gap_weeks = 60").is_err());
        assert!(raw("reserved_weeks_before_christmas = 5").is_err());
    }
}
