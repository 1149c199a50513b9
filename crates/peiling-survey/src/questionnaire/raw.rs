//! The raw TOML shape of a questionnaire definition and its conversion into questions,
//! with the checks on options, levels and bands.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use toml::Spanned;

use super::{Band, Choice, Condition, GridItem, Kind, PersonalKind, Question, ThemeLink};
use crate::normalize::normalize;

mod grid;
use grid::RawGrid;

type Located = (Option<std::ops::Range<usize>>, String);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuestionnaire {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) title_en: Option<String>,
    pub(super) audience: String,
    pub(super) population: Option<u32>,
    #[serde(default, rename = "question")]
    pub(super) questions: Vec<Spanned<RawQuestion>>,
    #[serde(default, rename = "group")]
    pub(super) groups: Vec<Spanned<super::sections::RawGroup>>,
    #[serde(default, rename = "scale")]
    pub(super) scales: Vec<Spanned<super::sections::RawScale>>,
    #[serde(default, rename = "grid")]
    grids: Vec<RawGrid>,
    #[serde(default)]
    pub(super) about: crate::survey::About,
}

impl RawQuestionnaire {
    /// The questions and the expanded grid items in the order of the file, each grid
    /// item with its grid.
    #[allow(clippy::type_complexity)]
    pub(super) fn all_questions(
        &mut self,
    ) -> Result<Vec<(Spanned<RawQuestion>, Option<GridItem>)>, Located> {
        let mut out: Vec<(usize, Spanned<RawQuestion>, Option<GridItem>)> =
            std::mem::take(&mut self.questions)
                .into_iter()
                .map(|q| (q.span().start, q, None))
                .collect();
        for grid in std::mem::take(&mut self.grids) {
            let start = grid.start();
            for (q, item) in grid.expand()? {
                out.push((start, q, Some(item)));
            }
        }
        // Stable: the items of one grid keep their order.
        out.sort_by_key(|(start, _, _)| *start);
        Ok(out.into_iter().map(|(_, q, g)| (q, g)).collect())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuestion {
    pub(super) id: Spanned<String>,
    pub(super) text: String,
    label_en: Option<String>,
    pub(super) short: Option<String>,
    pub(super) short_en: Option<String>,
    group: Option<String>,
    code: Option<String>,
    #[serde(default)]
    required: bool,
    only_if: Option<Condition>,
    kind: Spanned<String>,
    options: Option<Vec<Spanned<RawChoice>>>,
    option: Option<Vec<Spanned<RawChoice>>>,
    levels: Option<Vec<Spanned<RawChoice>>>,
    not_applicable: Option<Vec<Spanned<RawChoice>>>,
    neutral: Option<String>,
    other: Option<Spanned<String>>,
    unit: Option<String>,
    unit_en: Option<String>,
    min: Option<f64>,
    max: Option<f64>,
    unknown: Option<Vec<String>>,
    bands: Option<Vec<Spanned<RawBand>>>,
    yes: Option<Vec<String>>,
    no: Option<Vec<String>>,
    follow_up: Option<String>,
    motivation_for: Option<String>,
    personal: Option<Spanned<String>>,
}

#[derive(Deserialize, Clone)]
#[serde(untagged)]
enum RawChoice {
    Label(String),
    Full(RawChoiceTable),
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct RawChoiceTable {
    label: String,
    label_en: Option<String>,
    #[serde(default)]
    synonyms: Vec<String>,
    code: Option<String>,
    #[serde(default)]
    themes: Vec<ThemeLink>,
    #[serde(default)]
    exclusive: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBand {
    label: String,
    label_en: Option<String>,
    #[serde(default)]
    synonyms: Vec<String>,
    code: Option<String>,
    min: Option<f64>,
    max: Option<f64>,
}

impl RawChoice {
    fn into_choice(self) -> Choice {
        match self {
            RawChoice::Label(label) => Choice::plain(&label),
            RawChoice::Full(t) => Choice {
                label: t.label,
                label_en: t.label_en,
                synonyms: t.synonyms,
                code: t.code,
                themes: t.themes,
                exclusive: t.exclusive,
            },
        }
    }
}

/// Longest label, English label, synonym or code of an option, level or band, in
/// characters: an answer is matched against them, and that must stay fast.
pub const MAX_LABEL_CHARS: usize = 500;

/// Turns spanned raw choices into choices, rejecting empty labels and clashing spellings.
fn choices(what: &str, raw: Vec<Spanned<RawChoice>>) -> Result<Vec<Choice>, Located> {
    let mut out: Vec<Choice> = Vec::with_capacity(raw.len());
    let mut seen: HashMap<String, String> = HashMap::new();
    for item in raw {
        let span = item.span();
        let choice = item.into_inner().into_choice();
        if choice.label.trim().is_empty() {
            return Err((Some(span), format!("{what} with an empty label")));
        }
        let spellings = std::iter::once(&choice.label)
            .chain(&choice.label_en)
            .chain(&choice.synonyms)
            .chain(&choice.code);
        if let Some(long) = spellings
            .clone()
            .find(|s| s.chars().count() > MAX_LABEL_CHARS)
        {
            return Err((
                Some(span),
                format!(
                    "{what} \"{}…\" is {} characters long, expected at most {MAX_LABEL_CHARS}",
                    long.chars().take(30).collect::<String>(),
                    long.chars().count()
                ),
            ));
        }
        // "None of these" is an answer option, and wishes nothing.
        if choice.exclusive && what != "option" {
            return Err((
                Some(span),
                format!(
                    "{what} \"{}\": only an answer option can be exclusive",
                    choice.label
                ),
            ));
        }
        if choice.exclusive && !choice.themes.is_empty() {
            return Err((
                Some(span),
                format!(
                    "option \"{}\" is exclusive (it means none of the others), so it cannot lead to a theme",
                    choice.label
                ),
            ));
        }
        for (i, link) in choice.themes.iter().enumerate() {
            if !(link.weight.is_finite() && link.weight > 0.0) {
                return Err((
                    Some(span),
                    format!(
                        "{what} \"{}\": theme \"{}\" needs a positive weight",
                        choice.label, link.theme
                    ),
                ));
            }
            if choice.themes[..i].iter().any(|l| l.theme == link.theme) {
                return Err((
                    Some(span),
                    format!(
                        "{what} \"{}\": theme \"{}\" is linked twice",
                        choice.label, link.theme
                    ),
                ));
            }
        }
        // One answer is one person's wish: its links share at most that one person.
        let total: f64 = choice.themes.iter().map(|l| l.weight).sum();
        if total > 1.0 + 1e-9 {
            return Err((
                Some(span),
                format!(
                    "{what} \"{}\": the theme weights add up to {}, expected at most 1 in total",
                    choice.label,
                    (total * 1000.0).round() / 1000.0
                ),
            ));
        }
        let own: HashSet<String> = choice.spellings().collect();
        for spelling in own {
            if let Some(owner) = seen.get(&spelling) {
                let msg = if normalize(owner) == normalize(&choice.label) {
                    format!("{what} \"{}\" appears twice", choice.label)
                } else {
                    format!(
                        "{what} \"{}\" can be spelled \"{spelling}\", which already means \"{owner}\"",
                        choice.label
                    )
                };
                return Err((Some(span), msg));
            }
            seen.insert(spelling, choice.label.clone());
        }
        out.push(choice);
    }
    Ok(out)
}

impl RawQuestion {
    pub(super) fn build(self, id: &str) -> Result<Question, Located> {
        let kind_span = self.kind.span();
        let kind = match self.kind.get_ref().as_str() {
            "single" => Kind::Single {
                options: self.option_list("option")?,
            },
            "multi" => {
                let other_label = self.other.clone();
                let mut options = self.option_list("option")?;
                let other = match other_label {
                    None => None,
                    Some(label) => {
                        let wanted = normalize(label.get_ref());
                        match options.iter().position(|o| o.spellings().any(|s| s == wanted)) {
                            Some(i) => Some(i),
                            None => {
                                options.push(Choice::plain(label.get_ref()));
                                Some(options.len() - 1)
                            }
                        }
                    }
                };
                Kind::Multi { options, other }
            }
            "scale" => {
                let levels = match self.levels {
                    Some(l) if !l.is_empty() => choices("level", l)?,
                    _ => {
                        return Err((
                            Some(kind_span),
                            "a scale needs `levels` (at least two, most positive first)".into(),
                        ))
                    }
                };
                if levels.len() < 2 {
                    return Err((Some(kind_span), "a scale needs at least two levels".into()));
                }
                let not_applicable = choices("not-applicable level", self.not_applicable.unwrap_or_default())?;
                for na in &not_applicable {
                    let na_spellings: Vec<String> = na.spellings().collect();
                    if levels.iter().any(|l| l.spellings().any(|s| na_spellings.contains(&s))) {
                        return Err((
                            Some(kind_span),
                            format!("\"{}\" is both a level and a not-applicable level", na.label),
                        ));
                    }
                }
                let neutral = match &self.neutral {
                    Some(n) => {
                        let wanted = normalize(n);
                        Some(
                            levels
                                .iter()
                                .position(|l| l.spellings().any(|s| s == wanted))
                                .ok_or((Some(kind_span), format!("neutral level \"{n}\" is not one of the levels")))?,
                        )
                    }
                    None if levels.len() % 2 == 1 => Some(levels.len() / 2),
                    None => None,
                };
                Kind::Scale {
                    levels,
                    not_applicable,
                    neutral,
                }
            }
            "number" => {
                if let (Some(lo), Some(hi)) = (self.min, self.max) {
                    if lo > hi {
                        return Err((Some(kind_span), format!("min {lo} is larger than max {hi}")));
                    }
                }
                Kind::Number {
                    unit: self.unit,
                    unit_en: self.unit_en,
                    min: self.min,
                    max: self.max,
                    unknown: self.unknown.unwrap_or_default(),
                }
            }
            "bands" => {
                let raw = match self.bands {
                    Some(b) if !b.is_empty() => b,
                    _ => return Err((Some(kind_span), "a bands question needs `bands`".into())),
                };
                let mut bands = Vec::with_capacity(raw.len());
                let mut labels = Vec::new();
                for b in raw {
                    let span = b.span();
                    let b = b.into_inner();
                    if let (Some(lo), Some(hi)) = (b.min, b.max) {
                        if lo > hi {
                            return Err((Some(span), format!("band \"{}\": min {lo} is larger than max {hi}", b.label)));
                        }
                    }
                    labels.push(Spanned::new(
                        span,
                        RawChoice::Full(RawChoiceTable {
                            label: b.label,
                            label_en: b.label_en,
                            synonyms: b.synonyms,
                            code: b.code,
                            themes: Vec::new(),
                            exclusive: false,
                        }),
                    ));
                    bands.push((b.min, b.max));
                }
                let labels = choices("band", labels)?;
                Kind::Bands {
                    bands: labels
                        .into_iter()
                        .zip(bands)
                        .map(|(choice, (min, max))| Band { choice, min, max })
                        .collect(),
                    unit: self.unit,
                    unit_en: self.unit_en,
                    unknown: self.unknown.unwrap_or_default(),
                }
            }
            "yesno" => {
                let mut yes = Choice::plain("Ja");
                yes.label_en = Some("Yes".into());
                yes.synonyms = self.yes.unwrap_or_else(|| vec!["Yes".into(), "J".into(), "Y".into()]);
                let mut no = Choice::plain("Nee");
                no.label_en = Some("No".into());
                no.synonyms = self.no.unwrap_or_else(|| vec!["No".into(), "N".into()]);
                Kind::YesNo {
                    options: vec![yes, no],
                    follow_up: self.follow_up,
                }
            }
            "text" => Kind::Text {
                motivation_for: self.motivation_for,
            },
            "personal" => {
                let personal = match self.personal.as_ref().map(|p| p.get_ref().as_str()) {
                    Some("email") => PersonalKind::Email,
                    Some("name") => PersonalKind::Name,
                    Some("phone") => PersonalKind::Phone,
                    Some("other") | None => PersonalKind::Other,
                    Some(other) => {
                        return Err((
                            self.personal.as_ref().map(|p| p.span()),
                            format!("personal = \"{other}\" is not one of email, name, phone, other"),
                        ))
                    }
                };
                Kind::Personal { personal }
            }
            other => {
                return Err((
                    Some(kind_span),
                    format!(
                        "unknown kind \"{other}\" (expected single, multi, scale, number, bands, yesno, text or personal)"
                    ),
                ))
            }
        };
        Ok(Question {
            id: id.to_string(),
            text: self.text,
            label_en: self.label_en,
            short: self.short,
            short_en: self.short_en,
            group: self.group.unwrap_or_else(|| "overig".into()),
            code: self.code,
            required: self.required,
            only_if: self.only_if,
            kind,
            grid: None,
        })
    }

    fn option_list(&self, what: &str) -> Result<Vec<Choice>, Located> {
        let raw = match (&self.options, &self.option) {
            (Some(_), Some(_)) => {
                return Err((
                    Some(self.kind.span()),
                    "use either `options = [...]` or [[question.option]] tables, not both".into(),
                ))
            }
            (Some(o), None) | (None, Some(o)) if !o.is_empty() => o,
            _ => {
                return Err((
                    Some(self.kind.span()),
                    format!(
                        "a {} question needs at least one option",
                        self.kind.get_ref()
                    ),
                ))
            }
        };
        choices(what, raw.clone())
    }
}
