//! The plan's settings as library concepts ([`PlanSetting`]) and the one-line messages
//! that name them ([`Advice`]): a front end words a setting its own way (a CLI flag),
//! this crate never does.

use std::fmt;

/// A choice the user makes for a plan (in the CLI each is a flag).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanSetting {
    /// The number of years of one rotation cycle.
    Years,
    /// The number of meetings a year.
    PerYear,
    /// How many of the meetings a year are basis meetings.
    BasisPerYear,
    /// The themes offered last year.
    Offered,
    /// A theme's weight.
    Weight,
    /// The plan's first day.
    Start,
    /// The per-school pick of a meeting.
    Pick,
    /// The school-holidays file.
    Holidays,
    /// The host schools.
    Host,
}

impl PlanSetting {
    /// The setting in plain words, for front ends without a name of their own.
    pub fn describe(self) -> &'static str {
        match self {
            PlanSetting::Years => "the number of years",
            PlanSetting::PerYear => "the meetings a year",
            PlanSetting::BasisPerYear => "the basis meetings a year",
            PlanSetting::Offered => "the themes offered last year",
            PlanSetting::Weight => "the theme weight",
            PlanSetting::Start => "the first day",
            PlanSetting::Pick => "the school's pick",
            PlanSetting::Holidays => "the holidays file",
            PlanSetting::Host => "the host schools",
        }
    }
}

impl fmt::Display for PlanSetting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

/// One piece of a message: fixed text or a setting the front end names.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Text(String),
    Setting(PlanSetting),
}

/// A one-line message that names plan settings, e.g. "... raise {PerYear} or {Years}".
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Advice(pub Vec<Piece>);

impl Advice {
    /// Starts a message with fixed text.
    pub fn text(text: impl Into<String>) -> Self {
        Advice(vec![Piece::Text(text.into())])
    }

    /// Appends fixed text.
    pub fn then(mut self, text: impl Into<String>) -> Self {
        self.0.push(Piece::Text(text.into()));
        self
    }

    /// Appends a setting, worded by the front end.
    pub fn setting(mut self, setting: PlanSetting) -> Self {
        self.0.push(Piece::Setting(setting));
        self
    }

    /// The settings the message names, in order.
    pub fn settings(&self) -> impl Iterator<Item = PlanSetting> + '_ {
        self.0.iter().filter_map(|p| match p {
            Piece::Setting(s) => Some(*s),
            Piece::Text(_) => None,
        })
    }

    /// The message with each setting worded by `name`.
    pub fn render(&self, name: impl Fn(PlanSetting) -> String) -> String {
        self.0
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.clone(),
                Piece::Setting(s) => name(*s),
            })
            .collect()
    }
}

impl fmt::Display for Advice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(|s| s.describe().to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DefinitionError, PlanError};

    const ALL: [PlanSetting; 9] = [
        PlanSetting::Years,
        PlanSetting::PerYear,
        PlanSetting::BasisPerYear,
        PlanSetting::Offered,
        PlanSetting::Weight,
        PlanSetting::Start,
        PlanSetting::Pick,
        PlanSetting::Holidays,
        PlanSetting::Host,
    ];

    /// The library never words a setting as a command-line flag: the CLI does.
    #[test]
    fn no_message_names_a_flag() {
        let mut errors: Vec<PlanError> = ALL
            .iter()
            .map(|&setting| PlanError::Setting {
                setting,
                value: "3".into(),
                problem: "1 to 2".into(),
            })
            .collect();
        errors.extend(ALL.iter().map(|&s| {
            PlanError::Infeasible(
                Advice::text("no room; change ")
                    .setting(s)
                    .then(" or the split"),
            )
        }));
        errors.push(PlanError::Invalid(
            "exceptional demand factor 0 must be above 0".into(),
        ));
        errors.push(PlanError::NoStart {
            survey: "bos".into(),
        });
        errors.push(PlanError::Definition(DefinitionError::at(
            "c.toml",
            "a = 1\n",
            0,
            "expected a table".into(),
        )));
        for e in &errors {
            let text = e.to_string();
            assert!(!text.contains("--"), "{text}");
            assert_eq!(text.lines().count(), 1, "{text}");
        }
        assert_eq!(
            errors[1].to_string(),
            "the meetings a year 3: 1 to 2",
            "the setting and its value are in the message"
        );
    }

    #[test]
    fn a_front_end_words_the_settings() {
        let a = Advice::text("raise ")
            .setting(PlanSetting::PerYear)
            .then(" or ")
            .setting(PlanSetting::Years);
        assert_eq!(
            a.settings().collect::<Vec<_>>(),
            [PlanSetting::PerYear, PlanSetting::Years]
        );
        assert_eq!(
            a.render(|s| format!("[{s:?}]")),
            "raise [PerYear] or [Years]"
        );
        assert_eq!(
            a.to_string(),
            "raise the meetings a year or the number of years"
        );
    }
}
