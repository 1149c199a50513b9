//! School holidays (and single days off) that meetings must avoid, read from TOML.

use chrono::NaiveDate;
use peiling_core::DefinitionError;
use serde::{Deserialize, Serialize};
use toml::Spanned;

/// A period without meetings, both ends included.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Holiday {
    pub name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
pub struct Holidays {
    /// E.g. "zuid": Dutch school holidays differ per region.
    pub region: Option<String>,
    /// Where the dates come from.
    pub source: Option<String>,
    /// The school years the file is complete for ("2021-2022"); a bundled file is only
    /// used by default for a plan inside them.
    #[serde(default)]
    pub school_years: Vec<String>,
    pub periods: Vec<Holiday>,
}

/// Holidays files compiled in: (name, TOML).
pub const BUNDLED_HOLIDAYS: &[(&str, &str)] = &[
    (
        "noord.toml",
        include_str!("../../../datasets/holidays/noord.toml"),
    ),
    (
        "midden.toml",
        include_str!("../../../datasets/holidays/midden.toml"),
    ),
    (
        "zuid.toml",
        include_str!("../../../datasets/holidays/zuid.toml"),
    ),
];

impl Holidays {
    /// Parses a holidays file; `file` names it in error messages.
    pub fn from_toml(file: &str, source: &str) -> Result<Holidays, DefinitionError> {
        let raw: RawHolidays = toml::from_str(source)
            .map_err(|e| DefinitionError::toml(file, source, e.span(), e.message()))?;
        let at =
            |offset: usize, message: String| DefinitionError::at(file, source, offset, message);
        let mut periods = Vec::with_capacity(raw.holidays.len());
        for h in raw.holidays {
            let offset = h.span().start;
            let h = h.into_inner();
            let name = h.name.trim().to_string();
            if name.is_empty() {
                return Err(at(offset, "a holiday needs a name".into()));
            }
            let from = date(&h.from)
                .map_err(|m| at(h.from.span().start, format!("holiday \"{name}\": from {m}")))?;
            let to = match &h.to {
                Some(to) => date(to)
                    .map_err(|m| at(to.span().start, format!("holiday \"{name}\": to {m}")))?,
                None => from,
            };
            if to < from {
                return Err(at(
                    offset,
                    format!("holiday \"{name}\": ends ({to}) before it starts ({from})"),
                ));
            }
            periods.push(Holiday { name, from, to });
        }
        periods.sort_by_key(|p| (p.from, p.to));
        Ok(Holidays {
            region: raw.region,
            source: raw.source,
            school_years: raw.school_years,
            periods,
        })
    }

    /// A bundled holidays file of `region` that is complete for every one of
    /// `school_years`.
    pub fn bundled(region: &str, school_years: &[String]) -> Option<Holidays> {
        BUNDLED_HOLIDAYS
            .iter()
            .filter_map(|(name, text)| Holidays::from_toml(name, text).ok())
            .find(|h| {
                h.region
                    .as_deref()
                    .is_some_and(|r| r.eq_ignore_ascii_case(region.trim()))
                    && school_years.iter().all(|y| h.school_years.contains(y))
            })
    }

    /// The holiday `day` falls in, if any.
    pub fn on(&self, day: NaiveDate) -> Option<&Holiday> {
        self.periods.iter().find(|h| h.from <= day && day <= h.to)
    }
}

/// A TOML date (`2021-10-16`) or a string holding one.
fn date(value: &Spanned<toml::Value>) -> Result<NaiveDate, String> {
    let text = match value.get_ref() {
        toml::Value::Datetime(dt) => dt.to_string(),
        toml::Value::String(s) => s.trim().to_string(),
        other => return Err(format!("{other} is not a date like 2021-10-16")),
    };
    NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .map_err(|_| format!("\"{text}\" is not a date like 2021-10-16"))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHolidays {
    region: Option<String>,
    source: Option<String>,
    #[serde(default)]
    school_years: Vec<String>,
    #[serde(default, rename = "holiday")]
    holidays: Vec<Spanned<RawHoliday>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHoliday {
    name: String,
    from: Spanned<toml::Value>,
    to: Option<Spanned<toml::Value>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn region(name: &str) -> Holidays {
        let years: Vec<String> = (2020..2028).map(|y| format!("{y}-{}", y + 1)).collect();
        Holidays::bundled(name, &years).unwrap_or_else(|| panic!("{name}: 2020-2028"))
    }

    /// Every region and school year 2020-2021 .. 2027-2028 is complete: after the summer
    /// holiday that opens it come herfst-, kerst-, voorjaars- and meivakantie once each,
    /// in that order, then the summer holiday that closes it; every summer lasts six
    /// weeks (Saturday to Sunday), a school year between two summers lasts 45 to 48
    /// whole weeks, and no holiday overlaps another or falls between the years.
    #[test]
    fn bundled_holidays_are_complete() {
        assert_eq!(BUNDLED_HOLIDAYS.len(), 3);
        for name in ["noord", "midden", "zuid"] {
            let h = region(name);
            assert_eq!(h.region.as_deref(), Some(name));
            assert!(h.source.as_deref().unwrap().contains("rijksoverheid.nl"));
            assert!(
                h.periods.windows(2).all(|w| w[0].to < w[1].from),
                "{name}: overlap"
            );
            let summers: Vec<&Holiday> = h
                .periods
                .iter()
                .filter(|p| p.name == "Zomervakantie")
                .collect();
            assert_eq!(summers.len(), 9, "{name}: summer 2020 .. 2028");
            for s in &summers {
                assert_eq!((s.to - s.from).num_days(), 43, "{name}: {s:?}");
                assert_eq!(s.from.format("%a").to_string(), "Sat");
            }
            for (k, pair) in summers.windows(2).enumerate() {
                let year = format!("{}-{}", 2020 + k, 2021 + k);
                assert!(h.school_years.contains(&year), "{name}: {year}");
                let (open, close) = (pair[0], pair[1]);
                assert_eq!(open.to.year(), 2020 + k as i32, "{name} {year}");
                // From the Monday after one summer to the Friday before the next.
                let days = (close.from - open.to).num_days() + 1;
                assert_eq!(days % 7, 0, "{name} {year}");
                assert!(
                    (45..=48).contains(&(days / 7)),
                    "{name} {year}: {days} days"
                );
                let inside: Vec<&str> = h
                    .periods
                    .iter()
                    .filter(|p| open.to < p.from && p.to < close.from)
                    .filter(|p| p.name.ends_with("vakantie"))
                    .map(|p| p.name.as_str())
                    .collect();
                assert_eq!(
                    inside,
                    [
                        "Herfstvakantie",
                        "Kerstvakantie",
                        "Voorjaarsvakantie",
                        "Meivakantie"
                    ],
                    "{name} {year}"
                );
                // Hemelvaartsdag (a Thursday) is off in every year; on 6 May 2027 it falls
                // inside the meivakantie.
                let ascension = h.periods.iter().filter(|p| {
                    p.name == "Hemelvaartsdag" && open.to < p.from && p.to < close.from
                });
                let expected = usize::from(year != "2026-2027");
                assert_eq!(ascension.count(), expected, "{name} {year}");
            }
        }
    }

    /// Dates checked against the ministry's tables by hand.
    #[test]
    fn known_dates_match_the_official_tables() {
        let (noord, midden, zuid) = (region("noord"), region("midden"), region("zuid"));
        let on = |h: &Holidays, day: &str| h.on(d(day)).map(|p| (p.name.clone(), p.from, p.to));
        // Zomervakantie 2021: noord 10 Jul - 22 Aug, midden 17 Jul - 29 Aug, zuid 24 Jul - 5 Sep.
        let summer = |f: &str, t: &str| Some(("Zomervakantie".to_string(), d(f), d(t)));
        assert_eq!(on(&zuid, "2021-09-02"), summer("2021-07-24", "2021-09-05"));
        assert_eq!(on(&noord, "2021-08-01"), summer("2021-07-10", "2021-08-22"));
        assert_eq!(
            on(&midden, "2021-08-01"),
            summer("2021-07-17", "2021-08-29")
        );
        assert!(on(&noord, "2021-09-02").is_none() && on(&midden, "2021-09-02").is_none());
        // Kerstvakantie 2021: 25 December 2021 - 9 January 2022 everywhere.
        for h in [&noord, &midden, &zuid] {
            assert_eq!(
                on(h, "2021-12-30"),
                Some(("Kerstvakantie".into(), d("2021-12-25"), d("2022-01-09")))
            );
            assert!(on(h, "2021-12-23").is_none());
        }
        // Herfstvakantie 2021 and 2027: zuid a week after noord and midden.
        assert!(on(&zuid, "2021-10-21").is_none());
        assert_eq!(on(&zuid, "2021-10-28").unwrap().0, "Herfstvakantie");
        assert_eq!(on(&noord, "2021-10-21").unwrap().0, "Herfstvakantie");
        assert_eq!(on(&zuid, "2027-10-28").unwrap().0, "Herfstvakantie");
        assert!(on(&midden, "2027-10-28").is_none());
        // Zomervakantie 2028 (adviesdata): zuid 22 Jul - 3 Sep.
        assert_eq!(on(&zuid, "2028-09-01"), summer("2028-07-22", "2028-09-03"));
        assert_eq!(on(&zuid, "2027-05-06").unwrap().0, "Meivakantie");
        // Hemelvaartsdag 2022 and Koningsdag 2023, both on a Thursday.
        assert_eq!(on(&zuid, "2022-05-26").unwrap().0, "Hemelvaartsdag");
        assert_eq!(on(&zuid, "2023-04-27").unwrap().0, "Koningsdag");
    }

    /// The rules every year the ministry published shows (2020-2021 .. 2025-2026, and
    /// 2027-2028 as published provisionally), held over all bundled years: the compulsory
    /// meivakantie is ISO week 18 with its weekends; the advised voorjaarsvakantie falls in
    /// week 7, 8 or 9; the summer holidays of the three regions take turns in a six-year
    /// cycle (the order early / middle / late of year y is that of year y - 6), the first
    /// starting on the Saturday from 4 to 10 July, the next ones a week after each other.
    #[test]
    fn every_year_follows_the_rules_of_the_published_years() {
        let regions = ["noord", "midden", "zuid"];
        let all: Vec<Holidays> = regions.iter().map(|r| region(r)).collect();
        let named = |h: &Holidays, name: &str, year: i32| {
            h.periods
                .iter()
                .find(|p| p.name == name && p.from.year() == year)
                .unwrap_or_else(|| panic!("{name} {year}"))
                .clone()
        };
        for (r, h) in regions.iter().zip(&all) {
            for year in 2021..=2028 {
                let may = named(h, "Meivakantie", year);
                let monday = NaiveDate::from_isoywd_opt(year, 18, chrono::Weekday::Mon).unwrap();
                assert_eq!(
                    (may.from, may.to),
                    (
                        monday - chrono::Duration::days(2),
                        monday + chrono::Duration::days(6)
                    ),
                    "{r} meivakantie {year}"
                );
                let spring = named(h, "Voorjaarsvakantie", year);
                let week = (spring.from + chrono::Duration::days(2)).iso_week().week();
                assert!(
                    (7..=9).contains(&week),
                    "{r} voorjaarsvakantie {year}: week {week}"
                );
                assert_eq!((spring.to - spring.from).num_days(), 8, "{r} {year}");
            }
        }
        let starts = |year: i32| -> Vec<NaiveDate> {
            all.iter()
                .map(|h| named(h, "Zomervakantie", year).from)
                .collect()
        };
        let order = |year: i32| {
            let s = starts(year);
            let mut idx: Vec<usize> = (0..3).collect();
            idx.sort_by_key(|&i| s[i]);
            idx
        };
        for year in 2020..=2028 {
            let mut s = starts(year);
            s.sort();
            assert!(
                (4..=10).contains(&s[0].day()) && s[0].month() == 7,
                "{year}: {s:?}"
            );
            assert_eq!(s[1] - s[0], chrono::Duration::days(7), "{year}");
            assert_eq!(s[2] - s[1], chrono::Duration::days(7), "{year}");
            if year >= 2026 {
                assert_eq!(order(year), order(year - 6), "{year} vs {}", year - 6);
            }
        }
    }

    /// 2026-2027 as decided in datasets/holidays/README.md ("Check of 2026-2027"): no
    /// official page could be read; the dates agree with the rules above and with the
    /// sources named there.
    #[test]
    fn the_dates_of_2026_2027_are_pinned() {
        let pinned: [(&str, &str, [&str; 2]); 15] = [
            ("noord", "Herfstvakantie", ["2026-10-10", "2026-10-18"]),
            ("midden", "Herfstvakantie", ["2026-10-17", "2026-10-25"]),
            ("zuid", "Herfstvakantie", ["2026-10-17", "2026-10-25"]),
            ("noord", "Kerstvakantie", ["2026-12-19", "2027-01-03"]),
            ("midden", "Kerstvakantie", ["2026-12-19", "2027-01-03"]),
            ("zuid", "Kerstvakantie", ["2026-12-19", "2027-01-03"]),
            ("noord", "Voorjaarsvakantie", ["2027-02-20", "2027-02-28"]),
            ("midden", "Voorjaarsvakantie", ["2027-02-20", "2027-02-28"]),
            ("zuid", "Voorjaarsvakantie", ["2027-02-13", "2027-02-21"]),
            ("noord", "Meivakantie", ["2027-05-01", "2027-05-09"]),
            ("midden", "Meivakantie", ["2027-05-01", "2027-05-09"]),
            ("zuid", "Meivakantie", ["2027-05-01", "2027-05-09"]),
            ("noord", "Zomervakantie", ["2027-07-10", "2027-08-22"]),
            ("midden", "Zomervakantie", ["2027-07-17", "2027-08-29"]),
            ("zuid", "Zomervakantie", ["2027-07-24", "2027-09-05"]),
        ];
        for (r, name, [from, to]) in pinned {
            let h = region(r);
            let p = h.on(d(from)).unwrap_or_else(|| panic!("{r} {name} {from}"));
            assert_eq!(
                (p.name.as_str(), p.from, p.to),
                (name, d(from), d(to)),
                "{r}"
            );
        }
    }

    #[test]
    fn mistakes_name_file_and_line() {
        let e = Holidays::from_toml(
            "h.toml",
            "[[holiday]]\nname = \"Kerst\"\nfrom = 2021-12-25\nto = 2021-12-01\n",
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "h.toml:1: holiday \"Kerst\": ends (2021-12-01) before it starts (2021-12-25)"
        );
        let e = Holidays::from_toml(
            "h.toml",
            "[[holiday]]\nname = \"Kerst\"\nfrom = \"25 december\"\n",
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "h.toml:3: holiday \"Kerst\": from \"25 december\" is not a date like 2021-10-16"
        );
        // Strings with a date are accepted too.
        let h = Holidays::from_toml(
            "h.toml",
            "[[holiday]]\nname = \"X\"\nfrom = \"2022-01-03\"\n",
        )
        .unwrap();
        assert_eq!(h.periods[0].from, h.periods[0].to);
    }
}
