//! The theme catalogue and its TOML format (docs/catalogue-format.md): themes with level,
//! audience, prerequisites, ordering and duration; the partnership's rotation rule; the
//! two bundled catalogues. The `[demand]` table is read in `demand.rs`.

use std::collections::HashSet;

use chrono::{NaiveTime, Weekday};
use peiling_core::DefinitionError;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::calendar::{parse_weekday, CalendarRule, RawCalendar};
use crate::demand::{DemandRule, RawDemand};
use crate::history::{RawRefresher, RefresherRule};
use crate::hosts::{RawSchool, School};
use crate::ranges::{range_text, Range};
use crate::school_mode::{RawSchoolMode, SchoolModeRule};
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

    /// Parses a catalogue; `file` names it in error messages (`bos.toml:12: ...`).
    pub fn from_toml(file: &str, source: &str) -> Result<Catalogue, DefinitionError> {
        let raw: RawCatalogue = toml::from_str(source)
            .map_err(|e| DefinitionError::toml(file, source, e.span(), e.message()))?;
        let at =
            |offset: usize, message: String| DefinitionError::at(file, source, offset, message);

        if !valid_id(&raw.id, true) {
            return Err(at(
                0,
                format!(
                    "catalogue id \"{}\" must be lowercase letters, digits, _ and -",
                    raw.id
                ),
            ));
        }
        if raw.themes.is_empty() {
            return Err(at(
                0,
                "the catalogue has no themes (add a [[theme]] table)".into(),
            ));
        }

        let rotation = match raw.rotation {
            None => Rotation::default(),
            Some(r) => {
                let offset = r.span().start;
                r.into_inner()
                    .build()
                    .map_err(|m| at(offset, format!("[rotation]: {m}")))?
            }
        };
        let calendar = match raw.calendar {
            None => CalendarRule::default(),
            Some(c) => {
                let offset = c.span().start;
                c.into_inner()
                    .build()
                    .map_err(|m| at(offset, format!("[calendar]: {m}")))?
            }
        };
        let demand = match raw.demand {
            None => DemandRule::default(),
            Some(d) => {
                let offset = d.span().start;
                d.into_inner()
                    .build()
                    .map_err(|m| at(offset, format!("[demand]: {m}")))?
            }
        };

        let mut schools: Vec<School> = Vec::with_capacity(raw.schools.len());
        for s in raw.schools.into_iter().chain(raw.school) {
            let offset = s.span().start;
            let school = s.into_inner().build().map_err(|m| at(offset, m))?;
            if schools
                .iter()
                .any(|x| x.name.eq_ignore_ascii_case(&school.name))
            {
                return Err(at(
                    offset,
                    format!("school \"{}\" appears twice", school.name),
                ));
            }
            schools.push(school);
        }

        let mut themes: Vec<Theme> = Vec::with_capacity(raw.themes.len());
        let mut offsets: Vec<usize> = Vec::with_capacity(raw.themes.len());
        let mut ids = HashSet::new();
        for t in raw.themes {
            let offset = t.span().start;
            let t = t.into_inner();
            let id = t.id.get_ref().clone();
            let id_at = t.id.span().start;
            if !valid_id(&id, false) {
                return Err(at(
                    id_at,
                    format!("theme id \"{id}\" must be lowercase letters, digits and _"),
                ));
            }
            if !ids.insert(id.clone()) {
                return Err(at(id_at, format!("theme \"{id}\" is defined twice")));
            }
            let theme = t
                .build(&id, &rotation)
                .map_err(|(o, m)| at(o.unwrap_or(offset), format!("theme \"{id}\": {m}")))?;
            themes.push(theme);
            offsets.push(offset);
        }

        // `after` references are checked once every id is known.
        for (theme, &offset) in themes.iter().zip(&offsets) {
            for a in &theme.after {
                if !ids.contains(a) {
                    return Err(at(
                        offset,
                        format!(
                            "theme \"{}\": after names theme \"{a}\", which is not in the catalogue",
                            theme.id
                        ),
                    ));
                }
            }
        }
        if let Some(cycle) = ordering_cycle(&themes) {
            let first = themes.iter().position(|t| t.id == cycle[0]).unwrap_or(0);
            return Err(at(
                offsets[first],
                format!(
                    "theme \"{}\": the ordering goes round in a circle: {}",
                    cycle[0],
                    cycle.join(" after ")
                ),
            ));
        }

        let school_mode = match raw.school_mode {
            None => SchoolModeRule::default(),
            Some(m) => {
                let offset = m.span().start;
                let rule = m
                    .into_inner()
                    .build()
                    .map_err(|e| at(offset, format!("[school_mode]: {e}")))?;
                let unknown = rule
                    .trainers
                    .iter()
                    .flat_map(|t| t.themes.iter().map(move |id| (t, id)))
                    .find(|(_, id)| !themes.iter().any(|x| x.id == **id));
                if let Some((t, id)) = unknown {
                    return Err(at(
                        offset,
                        format!(
                            "[school_mode]: trainer \"{}\" gives theme \"{id}\", which is not in the catalogue",
                            t.name
                        ),
                    ));
                }
                rule
            }
        };

        let refresher = match raw.refresher {
            None => RefresherRule::default(),
            Some(r) => {
                let offset = r.span().start;
                r.into_inner()
                    .build()
                    .map_err(|m| at(offset, format!("[refresher]: {m}")))?
            }
        };

        Ok(Catalogue {
            id: raw.id,
            title: raw.title,
            title_en: raw.title_en,
            partnership: raw.partnership,
            region: raw.region,
            source: raw.source,
            schools,
            rotation,
            calendar,
            demand,
            school_mode,
            refresher,
            themes,
        })
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

/// A cycle in the `after` relation, as ids from a theme back to itself.
fn ordering_cycle(themes: &[Theme]) -> Option<Vec<String>> {
    let index = |id: &str| themes.iter().position(|t| t.id == id);
    // 0 unvisited, 1 on the current path, 2 done.
    let mut state = vec![0u8; themes.len()];
    let mut path: Vec<usize> = Vec::new();
    fn visit(
        i: usize,
        themes: &[Theme],
        index: &dyn Fn(&str) -> Option<usize>,
        state: &mut [u8],
        path: &mut Vec<usize>,
    ) -> Option<Vec<usize>> {
        state[i] = 1;
        path.push(i);
        for a in &themes[i].after {
            let Some(j) = index(a) else { continue };
            if state[j] == 1 {
                let from = path.iter().position(|&p| p == j).unwrap_or(0);
                let mut cycle = path[from..].to_vec();
                cycle.push(j);
                return Some(cycle);
            }
            if state[j] == 0 {
                if let Some(c) = visit(j, themes, index, state, path) {
                    return Some(c);
                }
            }
        }
        path.pop();
        state[i] = 2;
        None
    }
    for i in 0..themes.len() {
        if state[i] == 0 {
            if let Some(c) = visit(i, themes, &index, &mut state, &mut path) {
                return Some(c.into_iter().map(|i| themes[i].id.clone()).collect());
            }
        }
    }
    None
}

fn valid_id(id: &str, dash: bool) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || (dash && c == '-'))
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

fn valid_hours(h: f64) -> bool {
    h.is_finite() && h > 0.0 && h <= 12.0
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalogue {
    id: String,
    title: String,
    title_en: Option<String>,
    partnership: Option<String>,
    region: Option<String>,
    source: Option<String>,
    #[serde(default)]
    schools: Vec<Spanned<RawSchool>>,
    #[serde(default)]
    school: Vec<Spanned<RawSchool>>,
    rotation: Option<Spanned<RawRotation>>,
    calendar: Option<Spanned<RawCalendar>>,
    demand: Option<Spanned<RawDemand>>,
    school_mode: Option<Spanned<RawSchoolMode>>,
    refresher: Option<Spanned<RawRefresher>>,
    #[serde(default, rename = "theme")]
    themes: Vec<Spanned<RawTheme>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRotation {
    years: Option<u32>,
    per_year: Option<RawCount<u32>>,
    basis_per_year: Option<u32>,
    basis_share: Option<RawCount<f64>>,
    weekday: Option<String>,
    start_time: Option<String>,
    hours: Option<f64>,
}

impl RawRotation {
    fn build(self) -> Result<Rotation, String> {
        let d = Rotation::default();
        let years = self.years.unwrap_or(d.years);
        if !(1..=10).contains(&years) {
            return Err(format!("years = {years}: a cycle is 1 to 10 years"));
        }
        let per_year = self.per_year.map_or(d.per_year, RawCount::range);
        if per_year[0] < 1 || per_year[1] > 40 || per_year[0] > per_year[1] {
            return Err(format!(
                "per_year = {}: 1 to 40 meetings a year (min at most max)",
                range_text(per_year)
            ));
        }
        if let Some(b) = self.basis_per_year {
            if b > per_year[0] {
                return Err(format!(
                    "basis_per_year = {b} is more than the {} meetings a year",
                    per_year[0]
                ));
            }
        }
        let basis_share = self.basis_share.map(RawCount::range);
        if let Some([lo, hi]) = basis_share {
            if self.basis_per_year.is_some() {
                return Err("give basis_per_year or basis_share, not both".into());
            }
            if !(0.0..=1.0).contains(&lo) || !(0.0..=1.0).contains(&hi) || lo > hi {
                return Err(format!(
                    "basis_share = {lo} to {hi}: a share from 0 to 1 (0.5 is half; min at most max)"
                ));
            }
        }
        let weekday = match &self.weekday {
            None => d.weekday,
            Some(w) => parse_weekday(w).ok_or_else(|| {
                format!(
                    "weekday \"{w}\" is not a day of the week (e.g. \"donderdag\" or \"thursday\")"
                )
            })?,
        };
        let start_time = match &self.start_time {
            None => d.start_time,
            Some(t) => NaiveTime::parse_from_str(t.trim(), "%H:%M")
                .map_err(|_| format!("start_time \"{t}\" is not a time like \"13:30\""))?,
        };
        let hours = self.hours.unwrap_or(d.hours);
        if !valid_hours(hours) {
            return Err(format!(
                "hours = {hours}: a meeting lasts more than 0 and at most 12 hours"
            ));
        }
        Ok(Rotation {
            years,
            per_year,
            basis_per_year: self.basis_per_year,
            basis_share,
            weekday,
            start_time,
            hours,
        })
    }
}

/// A number, or a range `{ min = 5, max = 7 }`.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawCount<T> {
    One(T),
    Range { min: T, max: T },
}

impl<T: Copy> RawCount<T> {
    fn range(self) -> [T; 2] {
        match self {
            RawCount::One(n) => [n, n],
            RawCount::Range { min, max } => [min, max],
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    id: Spanned<String>,
    number: Option<u32>,
    title: String,
    title_en: Option<String>,
    subtitle: Option<String>,
    level: Spanned<String>,
    audience: Option<Spanned<Vec<String>>>,
    hours: Option<Spanned<f64>>,
    #[serde(default)]
    after: Vec<Spanned<String>>,
    prerequisite: Option<String>,
    prerequisite_en: Option<String>,
}

type Located = (Option<usize>, String);

impl RawTheme {
    fn build(self, id: &str, rotation: &Rotation) -> Result<Theme, Located> {
        if self.title.trim().is_empty() {
            return Err((None, "the title is empty".into()));
        }
        let level = match Level::parse(self.level.get_ref()) {
            Some(level) => level,
            None => {
                let other = self.level.get_ref().trim().to_lowercase();
                return Err((
                    Some(self.level.span().start),
                    format!("level \"{other}\" is not basis or verdiepend"),
                ));
            }
        };
        let audience = match self.audience {
            Some(a) => {
                let at = a.span().start;
                let list: Vec<String> = a
                    .into_inner()
                    .into_iter()
                    .map(|s| s.trim().to_string())
                    .collect();
                if list.is_empty() || list.iter().any(String::is_empty) {
                    return Err((
                        Some(at),
                        "audience needs one or more codes, e.g. [\"WPB\", \"SO\"]".into(),
                    ));
                }
                list
            }
            // BOS: basis themes are for all WPBs and starting SO/IO, verdiepend for SO/IO.
            None => match level {
                Level::Basis => vec!["WPB".into(), "SO".into(), "IO".into()],
                Level::Verdiepend => vec!["SO".into(), "IO".into()],
            },
        };
        let hours = match self.hours {
            Some(h) => {
                let v = *h.get_ref();
                if !valid_hours(v) {
                    return Err((
                        Some(h.span().start),
                        format!("hours = {v}: a meeting lasts more than 0 and at most 12 hours"),
                    ));
                }
                v
            }
            None => rotation.hours,
        };
        let mut after: Vec<String> = Vec::new();
        for a in self.after {
            let name = a.get_ref().trim().to_string();
            if name == id {
                return Err((
                    Some(a.span().start),
                    "a theme cannot come after itself".into(),
                ));
            }
            if after.contains(&name) {
                return Err((
                    Some(a.span().start),
                    format!("after names \"{name}\" twice"),
                ));
            }
            after.push(name);
        }
        let prerequisite = match (self.prerequisite, self.prerequisite_en) {
            (Some(nl), en) => Some(Text::new(nl.clone(), en.unwrap_or(nl))),
            (None, Some(_)) => {
                return Err((None, "prerequisite_en without prerequisite".into()));
            }
            (None, None) => None,
        };
        Ok(Theme {
            id: id.to_string(),
            number: self.number,
            title: self.title,
            title_en: self.title_en,
            subtitle: self.subtitle,
            level,
            audience,
            hours,
            after,
            prerequisite,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "id = \"test\"\ntitle = \"Test\"\n\n";

    fn error(body: &str) -> String {
        Catalogue::from_toml("cat.toml", &format!("{HEAD}{body}"))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn bundled_catalogues_parse() {
        let bos = Catalogue::bundled("bos").expect("bos.toml parses");
        assert_eq!(bos.themes.len(), 11);
        let levels: Vec<Level> = bos.themes.iter().map(|t| t.level).collect();
        assert_eq!(levels.iter().filter(|&&l| l == Level::Basis).count(), 6);
        // The seed names Observeren and Feedback basis, Beoordelen and Beroepsregistratie SO/IO.
        assert_eq!(bos.theme("observeren").unwrap().level, Level::Basis);
        assert_eq!(bos.theme("feedback").unwrap().level, Level::Basis);
        assert_eq!(bos.theme("beoordelen").unwrap().level, Level::Verdiepend);
        let velon = bos.theme("beroepsregistratie_velon").unwrap();
        assert_eq!(velon.level, Level::Verdiepend);
        assert!(velon
            .prerequisite
            .as_ref()
            .unwrap()
            .nl
            .contains("twee jaar"));
        assert_eq!(bos.rotation.years, 2);
        assert_eq!(bos.rotation.per_year, [5, 7]);
        assert_eq!(bos.rotation.basis_share, Some([0.4, 0.6]));

        let alliantie = Catalogue::bundled("alliantie").expect("alliantie-2016.toml parses");
        assert_eq!(alliantie.themes.len(), 9);
        assert!(Catalogue::bundled("nope").is_none());
    }

    #[test]
    fn duplicate_theme_names_file_and_line() {
        let body = "[[theme]]\nid = \"a\"\ntitle = \"A\"\nlevel = \"basis\"\n\n\
                    [[theme]]\nid = \"a\"\ntitle = \"A2\"\nlevel = \"basis\"\n";
        // HEAD is 3 lines; the second theme's id is on line 10.
        assert_eq!(error(body), "cat.toml:10: theme \"a\" is defined twice");
    }

    #[test]
    fn unknown_level_and_after() {
        let body = "[[theme]]\nid = \"a\"\ntitle = \"A\"\nlevel = \"gevorderd\"\n";
        assert_eq!(
            error(body),
            "cat.toml:7: theme \"a\": level \"gevorderd\" is not basis or verdiepend"
        );
        let body = "[[theme]]\nid = \"a\"\ntitle = \"A\"\nlevel = \"basis\"\nafter = [\"b\"]\n";
        assert_eq!(
            error(body),
            "cat.toml:4: theme \"a\": after names theme \"b\", which is not in the catalogue"
        );
    }

    #[test]
    fn ordering_cycle_is_named() {
        let body = "[[theme]]\nid = \"a\"\ntitle = \"A\"\nlevel = \"basis\"\nafter = [\"c\"]\n\n\
                    [[theme]]\nid = \"b\"\ntitle = \"B\"\nlevel = \"basis\"\nafter = [\"a\"]\n\n\
                    [[theme]]\nid = \"c\"\ntitle = \"C\"\nlevel = \"basis\"\nafter = [\"b\"]\n";
        assert_eq!(
            error(body),
            "cat.toml:4: theme \"a\": the ordering goes round in a circle: a after c after b after a"
        );
    }

    #[test]
    fn bad_toml_and_rotation() {
        let e = error("[[theme]]\nid = \"a\ntitle = \"A\"\n");
        assert!(e.starts_with("cat.toml:5: invalid TOML: "), "{e}");
        assert_eq!(e.lines().count(), 1);
        let body = "[rotation]\nweekday = \"donderdagmiddag\"\n\n[[theme]]\nid = \"a\"\ntitle = \"A\"\nlevel = \"basis\"\n";
        assert_eq!(
            error(body),
            "cat.toml:4: [rotation]: weekday \"donderdagmiddag\" is not a day of the week (e.g. \"donderdag\" or \"thursday\")"
        );
        assert_eq!(
            error(""),
            "cat.toml:1: the catalogue has no themes (add a [[theme]] table)"
        );
        let e =
            error("[[theme]]\nid = \"a\"\ntitle = \"A\"\nlevel = \"basis\"\ncolour = \"red\"\n");
        assert!(e.starts_with("cat.toml:"), "{e}");
        assert!(e.contains("colour"), "{e}");
    }
}
