//! The questionnaire model and its TOML definition format (docs/questionnaire-format.md).

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

mod raw;
mod sections;

use raw::RawQuestionnaire;
pub use raw::MAX_LABEL_CHARS;
pub use sections::{Group, GroupRole, ScaleSet};

use crate::error::DefinitionError;
use crate::normalize::normalize;
use crate::survey::About;

/// A survey instrument for one audience: the questions as they appear in the export.
#[derive(Debug, Clone, Serialize)]
pub struct Questionnaire {
    pub id: String,
    pub title: String,
    pub title_en: Option<String>,
    /// Short role code: WPB, SO, IO, IC, ...
    pub audience: String,
    /// How many were invited, for the response rate.
    pub population: Option<u32>,
    pub questions: Vec<Question>,
    /// Report sections declared with `[[group]]`, in report order.
    pub groups: Vec<Group>,
    /// Scale questions declared with `[[scale]]` to measure one thing.
    pub scales: Vec<ScaleSet>,
    /// Where the answers of this questionnaire's export come from (`[about]`), when it
    /// is read on its own with one export (`-q`/`-d`, the yearly reflection); in a
    /// survey folder survey.toml's `[about]` speaks for the data.
    #[serde(skip_serializing_if = "About::is_empty")]
    pub about: About,
}

#[derive(Debug, Clone, Serialize)]
pub struct Question {
    pub id: String,
    /// The question text as the export's column header shows it (Dutch).
    pub text: String,
    pub label_en: Option<String>,
    /// A few words that name the question in a report's sentences ("Zelf ook
    /// werkplekbegeleider"), where the whole question would be too long.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short_en: Option<String>,
    /// Report section (bijlage group); `overig` when not given.
    pub group: String,
    /// LimeSurvey question code.
    pub code: Option<String>,
    pub required: bool,
    /// Asked only of respondents who gave this answer to another question.
    pub only_if: Option<Condition>,
    pub kind: Kind,
    /// The grid this scale question is an item of (`[[grid]]`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grid: Option<GridItem>,
}

/// Where a question expanded from a `[[grid]]` came from: the grid's stem and its item.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GridItem {
    /// The grid's id; the question's id is `<grid>_<item>`.
    pub grid: String,
    pub stem: String,
    pub stem_en: Option<String>,
    /// The statement, as Microsoft Forms heads its column.
    pub item: String,
    pub item_en: Option<String>,
}

impl GridItem {
    pub fn stem(&self, english: bool) -> &str {
        match (&self.stem_en, english) {
            (Some(en), true) => en,
            _ => &self.stem,
        }
    }

    pub fn item(&self, english: bool) -> &str {
        match (&self.item_en, english) {
            (Some(en), true) => en,
            _ => &self.item,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Condition {
    pub question: String,
    pub answer: String,
}

/// An answer option (or scale level, or band label) with the spellings it accepts.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Choice {
    pub label: String,
    pub label_en: Option<String>,
    pub synonyms: Vec<String>,
    pub code: Option<String>,
    /// Catalogue themes this choice feeds, used by the planner.
    pub themes: Vec<ThemeLink>,
    /// The option means "none of these" ("Geen enkele vorm"): counted and shown, but
    /// never a wish or an advice (`exclusive = true`).
    pub exclusive: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ThemeLink {
    pub theme: String,
    #[serde(default = "one")]
    pub weight: f64,
}

fn one() -> f64 {
    1.0
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Band {
    pub choice: Choice,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

impl Band {
    pub fn contains(&self, value: f64) -> bool {
        self.min.is_none_or(|m| value >= m) && self.max.is_none_or(|m| value <= m)
    }
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum PersonalKind {
    Email,
    Name,
    Phone,
    Other,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Kind {
    Single {
        options: Vec<Choice>,
    },
    Multi {
        options: Vec<Choice>,
        /// Index of the "other" option in `options`, whose free text is kept.
        other: Option<usize>,
    },
    Scale {
        /// Most positive first.
        levels: Vec<Choice>,
        not_applicable: Vec<Choice>,
        neutral: Option<usize>,
    },
    Number {
        unit: Option<String>,
        /// The unit in English ("years" for "jaar").
        #[serde(skip_serializing_if = "Option::is_none")]
        unit_en: Option<String>,
        min: Option<f64>,
        max: Option<f64>,
        unknown: Vec<String>,
    },
    Bands {
        bands: Vec<Band>,
        unit: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        unit_en: Option<String>,
        unknown: Vec<String>,
    },
    /// Stored as two choices: index 0 is yes, 1 is no.
    #[serde(rename = "yesno")]
    YesNo {
        options: Vec<Choice>,
        follow_up: Option<String>,
    },
    Text {
        motivation_for: Option<String>,
    },
    Personal {
        personal: PersonalKind,
    },
}

impl Kind {
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Single { .. } => "single",
            Kind::Multi { .. } => "multi",
            Kind::Scale { .. } => "scale",
            Kind::Number { .. } => "number",
            Kind::Bands { .. } => "bands",
            Kind::YesNo { .. } => "yesno",
            Kind::Text { .. } => "text",
            Kind::Personal { .. } => "personal",
        }
    }

    /// The ordered categories an answer can fall in (options, levels, bands), if any.
    pub fn categories(&self) -> Vec<&Choice> {
        match self {
            Kind::Single { options }
            | Kind::Multi { options, .. }
            | Kind::YesNo { options, .. } => options.iter().collect(),
            Kind::Scale { levels, .. } => levels.iter().collect(),
            Kind::Bands { bands, .. } => bands.iter().map(|b| &b.choice).collect(),
            Kind::Number { .. } | Kind::Text { .. } | Kind::Personal { .. } => Vec::new(),
        }
    }
}

impl Question {
    /// The label in the requested language, falling back to the Dutch text.
    pub fn label(&self, english: bool) -> &str {
        match (&self.label_en, english) {
            (Some(en), true) => en,
            _ => &self.text,
        }
    }

    pub fn is_personal(&self) -> bool {
        matches!(self.kind, Kind::Personal { .. })
    }

    /// Does `answer` say `wanted` (already normalised) — the option, level, band, number
    /// or text it names? Used for `only_if` conditions and `--where` filters.
    pub fn answer_is(&self, answer: &crate::response::Answer, wanted: &str) -> bool {
        use crate::response::Answer;
        let cats = self.kind.categories();
        let is = |i: usize| {
            cats.get(i)
                .is_some_and(|c| c.spellings().any(|s| s == wanted))
        };
        match answer {
            Answer::Choice(i) => is(*i),
            Answer::Number { band: Some(b), .. } => is(*b),
            Answer::Multi { chosen, .. } => chosen.iter().any(|&i| is(i)),
            Answer::NotApplicable(i) => match &self.kind {
                Kind::Scale { not_applicable, .. } => not_applicable
                    .get(*i)
                    .is_some_and(|c| c.spellings().any(|s| s == wanted)),
                _ => false,
            },
            Answer::Text(t) | Answer::Unknown(t) => normalize(t) == wanted,
            Answer::Number { value, band: None } => {
                crate::import::parse_number(wanted).is_some_and(|w| w == *value)
            }
            Answer::NoAnswer | Answer::Invalid(_) => false,
        }
    }
}

impl Choice {
    pub fn label(&self, english: bool) -> &str {
        match (&self.label_en, english) {
            (Some(en), true) => en,
            _ => &self.label,
        }
    }

    pub(crate) fn plain(label: &str) -> Self {
        Choice {
            label: label.to_string(),
            label_en: None,
            synonyms: Vec::new(),
            code: None,
            themes: Vec::new(),
            exclusive: false,
        }
    }

    /// All accepted spellings, normalised for matching.
    pub fn spellings(&self) -> impl Iterator<Item = String> + '_ {
        std::iter::once(normalize(&self.label))
            .chain(self.label_en.iter().map(|l| normalize(l)))
            .chain(self.synonyms.iter().map(|s| normalize(s)))
            .chain(self.code.iter().map(|c| normalize(c)))
    }
}

impl Questionnaire {
    /// Parses a questionnaire definition; `file` names it in error messages.
    pub fn from_toml(file: &str, source: &str) -> Result<Self, DefinitionError> {
        let mut raw: RawQuestionnaire = toml::from_str(source)
            .map_err(|e| DefinitionError::toml(file, source, e.span(), e.message()))?;
        let at = |span: std::ops::Range<usize>, message: String| {
            DefinitionError::at(file, source, span.start, message)
        };
        if raw.id.trim().is_empty() {
            return Err(DefinitionError::at(
                file,
                source,
                0,
                "the questionnaire needs a non-empty `id`".into(),
            ));
        }
        let all = raw
            .all_questions()
            .map_err(|(s, m)| DefinitionError::at(file, source, s.map_or(0, |s| s.start), m))?;
        if all.is_empty() {
            return Err(DefinitionError::at(
                file,
                source,
                0,
                "the questionnaire has no questions (add a [[question]] or [[grid]] table)".into(),
            ));
        }
        let mut questions = Vec::with_capacity(all.len());
        let mut spans = Vec::with_capacity(all.len());
        let mut ids = HashSet::new();
        let mut texts = HashSet::new();
        for (raw_q, grid) in all {
            let span = raw_q.span();
            let raw_q = raw_q.into_inner();
            let id = raw_q.id.get_ref().clone();
            if !valid_id(&id) {
                return Err(at(
                    raw_q.id.span(),
                    format!("question id \"{id}\" must be lowercase letters, digits and _"),
                ));
            }
            if !ids.insert(id.clone()) {
                return Err(at(
                    raw_q.id.span(),
                    format!("question \"{id}\" is defined twice"),
                ));
            }
            if !texts.insert(normalize(&raw_q.text)) {
                return Err(at(
                    span.clone(),
                    format!(
                        "question \"{id}\": its text \"{}\" is the same as an earlier question's, so export columns could not be told apart",
                        raw_q.text
                    ),
                ));
            }
            let mut question = raw_q.build(&id).map_err(|(s, m)| {
                at(s.unwrap_or(span.clone()), format!("question \"{id}\": {m}"))
            })?;
            question.grid = grid;
            questions.push(question);
            spans.push(span);
        }
        // References between questions are checked once all ids are known.
        for q in &questions {
            let refs = [
                q.only_if.as_ref().map(|c| ("only_if", c.question.as_str())),
                match &q.kind {
                    Kind::YesNo { follow_up, .. } => follow_up.as_deref().map(|f| ("follow_up", f)),
                    Kind::Text { motivation_for } => {
                        motivation_for.as_deref().map(|f| ("motivation_for", f))
                    }
                    _ => None,
                },
            ];
            for (field, target) in refs.into_iter().flatten() {
                if !ids.contains(target) {
                    let offset = source.find(&format!("\"{}\"", q.id)).unwrap_or(0);
                    return Err(DefinitionError::at(
                        file,
                        source,
                        offset,
                        format!(
                            "question \"{}\": {field} names question \"{target}\", which does not exist",
                            q.id
                        ),
                    ));
                }
            }
            if let Some(cond) = &q.only_if {
                let target = questions.iter().find(|t| t.id == cond.question);
                let known = target.is_some_and(|t| {
                    let wanted = normalize(&cond.answer);
                    t.kind
                        .categories()
                        .iter()
                        .any(|c| c.spellings().any(|s| s == wanted))
                });
                if !known {
                    let offset = source.find(&format!("\"{}\"", q.id)).unwrap_or(0);
                    return Err(DefinitionError::at(
                        file,
                        source,
                        offset,
                        format!(
                            "question \"{}\": only_if answer \"{}\" is not an option of question \"{}\"",
                            q.id, cond.answer, cond.question
                        ),
                    ));
                }
            }
        }
        if let Some(cycle) = only_if_cycle(&questions) {
            let names: Vec<&str> = cycle
                .iter()
                .chain(cycle.first())
                .map(|&i| questions[i].id.as_str())
                .collect();
            // The line of the first question's `only_if`, where the circle starts (the
            // question's span may cover only its `[[question]]` line).
            let start = spans[cycle[0]].start;
            let offset = source
                .get(start..)
                .and_then(|t| t.find("only_if"))
                .map_or(start, |o| start + o);
            return Err(DefinitionError::at(
                file,
                source,
                offset,
                format!(
                    "question \"{}\": its only_if conditions go round in a circle ({}), expected each condition to name a question that does not depend on it",
                    names[0],
                    names.join(" → ")
                ),
            ));
        }
        let located = |(s, m): (Option<std::ops::Range<usize>>, String)| {
            DefinitionError::at(file, source, s.map_or(0, |s| s.start), m)
        };
        let groups = sections::groups(raw.groups, &questions).map_err(located)?;
        let scales = sections::scales(raw.scales, &questions).map_err(located)?;
        Ok(Questionnaire {
            id: raw.id,
            title: raw.title,
            title_en: raw.title_en,
            audience: raw.audience,
            population: raw.population,
            questions,
            groups,
            scales,
            about: raw.about,
        })
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    pub fn question_index(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id == id)
    }

    /// The declared group of this id, if any.
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    pub fn title(&self, english: bool) -> &str {
        match (&self.title_en, english) {
            (Some(en), true) => en,
            _ => &self.title,
        }
    }
}

/// The first circle of `only_if` conditions (a question asked only after an answer to
/// itself, or a → b → a), as question indexes starting at the one earliest in the file.
fn only_if_cycle(questions: &[Question]) -> Option<Vec<usize>> {
    let parent = |i: usize| -> Option<usize> {
        let c = questions[i].only_if.as_ref()?;
        questions.iter().position(|q| q.id == c.question)
    };
    for start in 0..questions.len() {
        // Each question has at most one condition: follow the chain, at most n steps.
        let mut path = vec![start];
        let mut at = start;
        while let Some(next) = parent(at) {
            if next == start {
                return Some(path);
            }
            if path.contains(&next) || path.len() > questions.len() {
                break; // a circle that does not pass through `start`: found from its own start
            }
            path.push(next);
            at = next;
        }
    }
    None
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests;
