//! The theme catalogue (docs/catalogue-format.md): themes with level, audience,
//! prerequisites, ordering and duration; the partnership's rotation rule; the two bundled
//! catalogues. Its TOML is read and checked in `catalogue_toml.rs`, the `[demand]` table
//! in `demand.rs`.

use chrono::{NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use crate::calendar::CalendarRule;
use crate::demand::DemandRule;
use crate::history::RefresherRule;
use crate::hosts::School;
use crate::ranges::Range;
use crate::school_mode::SchoolModeRule;
use crate::text::Text;

/// The BOS themes of the professionaliseringsplan (seed 000), compiled in.
const BOS: &str = include_str!("../../../datasets/catalogues/bos.toml");
/// The 2016-2017 workshops of the Alliantie VO & Notre Dame (seed 002), compiled in.
const ALLIANTIE: &str = include_str!("../../../datasets/catalogues/alliantie-2016.toml");

/// Names that `--catalogue` accepts for the bundled catalogues.
pub const BUNDLED_CATALOGUES: [&str; 2] = ["bos", "alliantie"];

/// Trunk (basis: for all WPBs and starting SO/IO) or crown (verdiepend: for SO/IO).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Basis,
    Verdiepend,
}

impl Level {
    /// "basis" or "verdiepend", without regard to capitals and spaces.
    pub fn parse(text: &str) -> Option<Level> {
        match text.trim().to_lowercase().as_str() {
            "basis" => Some(Level::Basis),
            "verdiepend" => Some(Level::Verdiepend),
            _ => None,
        }
    }

    pub fn text(self) -> Text {
        match self {
            Level::Basis => Text::new("basis", "basic"),
            Level::Verdiepend => Text::new("verdiepend", "deepening"),
        }
    }
}

/// One theme (or workshop) the partnership can offer.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Theme {
    /// Stable id; questionnaires link their options to it (`themes = [{ theme = ... }]`).
    pub id: String,
    /// Position in the source document (the BOS tree numbers trunk to crown).
    pub number: Option<u32>,
    pub title: String,
    pub title_en: Option<String>,
    /// The tagline under the title in the source, if any.
    pub subtitle: Option<String>,
    pub level: Level,
    /// Who the theme is for (shown in the plan; demand is weighed by level, see [`DemandRule`]).
    pub audience: Vec<String>,
    /// Length of one meeting in hours.
    pub hours: f64,
    /// Themes that must have come up earlier in the cycle (ids).
    pub after: Vec<String>,
    /// Who may take part, e.g. two years of experience as opleider.
    pub prerequisite: Option<Text>,
}

impl Theme {
    pub fn title(&self, english: bool) -> &str {
        match (&self.title_en, english) {
            (Some(en), true) => en,
            _ => &self.title,
        }
    }

    pub fn title_text(&self) -> Text {
        Text::new(
            self.title.clone(),
            self.title_en.clone().unwrap_or_else(|| self.title.clone()),
        )
    }
}

/// The partnership's rotation rule: the defaults of `peiling plan`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Rotation {
    /// Cycle length: every theme comes up at least once in this many school years.
    pub years: u32,
    /// Meetings a school year: at least, at most (equal: a fixed number).
    pub per_year: Range,
    /// Basis meetings a year; `None`: `basis_share`, else half (when the catalogue has
    /// both levels).
    pub basis_per_year: Option<u32>,
    /// Basis meetings as a share of the year's meetings: at least, at most (0 to 1).
    pub basis_share: Option<[f64; 2]>,
    pub weekday: Weekday,
    pub start_time: NaiveTime,
    /// Default length of a meeting (hours), for themes that do not state theirs.
    pub hours: f64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Catalogue {
    pub id: String,
    pub title: String,
    pub title_en: Option<String>,
    pub partnership: Option<String>,
    /// Where the themes come from (document, chapter).
    pub source: Option<String>,
    /// Holiday region of the partnership ("zuid"): a bundled holidays file of that region
    /// is used when it covers the plan's school years and no other is given.
    pub region: Option<String>,
    /// Partner schools that host meetings in turn, with their room (`schools` and
    /// `[[school]]`).
    pub schools: Vec<School>,
    pub rotation: Rotation,
    /// Reserved weeks and the spread of each level over the year (`[calendar]`).
    pub calendar: CalendarRule,
    pub demand: DemandRule,
    /// Workshops given at each school (`[school_mode]`, seed 002).
    pub school_mode: SchoolModeRule,
    /// Refreshers and basis themes every year (`[refresher]`, seed 001).
    pub refresher: RefresherRule,
    pub themes: Vec<Theme>,
}

impl Catalogue {
    /// A bundled catalogue by name: `bos`, or `alliantie` (also `alliantie-2016`).
    pub fn bundled(name: &str) -> Option<Catalogue> {
        let (file, source) = match name {
            "bos" => ("catalogues/bos.toml", BOS),
            "alliantie" | "alliantie-2016" => ("catalogues/alliantie-2016.toml", ALLIANTIE),
            _ => return None,
        };
        // The bundled files are parsed by a test: a failure here is a build mistake.
        Catalogue::from_toml(file, source).ok()
    }

    pub fn theme(&self, id: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.id == id)
    }

    pub fn title(&self, english: bool) -> &str {
        match (&self.title_en, english) {
            (Some(en), true) => en,
            _ => &self.title,
        }
    }

    /// The theme ids, for "its themes: ..." in messages.
    pub fn theme_ids(&self) -> String {
        self.themes
            .iter()
            .map(|t| t.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl Default for Rotation {
    /// The BOS rule: two years, six meetings, Thursdays 13:30-16:00.
    fn default() -> Self {
        Rotation {
            years: 2,
            per_year: [6, 6],
            basis_per_year: None,
            basis_share: None,
            weekday: Weekday::Thu,
            start_time: NaiveTime::from_hms_opt(13, 30, 0).unwrap_or_default(),
            hours: 2.5,
        }
    }
}
