//! School holidays (and single days off) that meetings must avoid, read from TOML.

use chrono::NaiveDate;
use peiling_survey::DefinitionError;
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
pub const BUNDLED_HOLIDAYS: &[(&str, &str)] = &[(
    "zuid-2021-2023",
    include_str!("../../../datasets/holidays/zuid-2021-2023.toml"),
)];

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

    #[test]
    fn bundled_example_parses() {
        let text = include_str!("../../../datasets/holidays/zuid-2021-2023.toml");
        let h = Holidays::from_toml("zuid-2021-2023.toml", text).unwrap();
        assert_eq!(h.region.as_deref(), Some("zuid"));
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        // Region zuid had its autumn break a week after noord and midden in 2021.
        assert!(h.on(d("2021-10-21")).is_none());
        assert_eq!(h.on(d("2021-10-28")).unwrap().name, "Herfstvakantie");
        assert_eq!(h.on(d("2022-05-26")).unwrap().name, "Hemelvaartsdag");
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
