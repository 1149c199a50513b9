//! The questionnaire model and its TOML definition format (docs/questionnaire-format.md).

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::error::DefinitionError;
use crate::normalize::normalize;

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
}

#[derive(Debug, Clone, Serialize)]
pub struct Question {
    pub id: String,
    /// The question text as the export's column header shows it (Dutch).
    pub text: String,
    pub label_en: Option<String>,
    /// Report section (bijlage group); `overig` when not given.
    pub group: String,
    /// LimeSurvey question code.
    pub code: Option<String>,
    pub required: bool,
    /// Asked only of respondents who gave this answer to another question.
    pub only_if: Option<Condition>,
    pub kind: Kind,
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
        min: Option<f64>,
        max: Option<f64>,
        unknown: Vec<String>,
    },
    Bands {
        bands: Vec<Band>,
        unit: Option<String>,
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
        let raw: RawQuestionnaire = toml::from_str(source)
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
        if raw.questions.is_empty() {
            return Err(DefinitionError::at(
                file,
                source,
                0,
                "the questionnaire has no questions (add a [[question]] table)".into(),
            ));
        }
        let mut questions = Vec::with_capacity(raw.questions.len());
        let mut spans = Vec::with_capacity(raw.questions.len());
        let mut ids = HashSet::new();
        let mut texts = HashSet::new();
        for raw_q in raw.questions {
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
            let question = raw_q.build(&id).map_err(|(s, m)| {
                at(s.unwrap_or(span.clone()), format!("question \"{id}\": {m}"))
            })?;
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
        Ok(Questionnaire {
            id: raw.id,
            title: raw.title,
            title_en: raw.title_en,
            audience: raw.audience,
            population: raw.population,
            questions,
        })
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    pub fn question_index(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id == id)
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

type Located = (Option<std::ops::Range<usize>>, String);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestionnaire {
    id: String,
    title: String,
    title_en: Option<String>,
    audience: String,
    population: Option<u32>,
    #[serde(default, rename = "question")]
    questions: Vec<Spanned<RawQuestion>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Spanned<String>,
    text: String,
    label_en: Option<String>,
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
    fn build(self, id: &str) -> Result<Question, Located> {
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
            group: self.group.unwrap_or_else(|| "overig".into()),
            code: self.code,
            required: self.required,
            only_if: self.only_if,
            kind,
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

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "id = \"wpb\"\ntitle = \"Enquête\"\naudience = \"WPB\"\n\n";

    fn error(body: &str) -> String {
        Questionnaire::from_toml("wpb.toml", &format!("{HEAD}{body}"))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn duplicate_option_names_file_line_and_option() {
        let body = "[[question]]\nid = \"themes\"\ntext = \"Welk thema?\"\nkind = \"multi\"\n\
                    options = [\n  \"Observeren\",\n  \"Feedback\",\n  \"feedback\",\n]\n";
        // Line 5 opens the question; the third option stands on line 12.
        assert_eq!(
            error(body),
            "wpb.toml:12: question \"themes\": option \"feedback\" appears twice"
        );
    }

    #[test]
    fn synonym_clash_is_named() {
        let body = "[[question]]\nid = \"rel\"\ntext = \"Relatie?\"\nkind = \"single\"\n\
                    options = [\"Goed\", { label = \"Redelijk\", synonyms = [\"goed\"] }]\n";
        assert_eq!(
            error(body),
            "wpb.toml:9: question \"rel\": option \"Redelijk\" can be spelled \"goed\", which already means \"Goed\""
        );
    }

    #[test]
    fn overlong_option_spellings_are_refused() {
        let long = "lang ".repeat(101);
        let body = format!(
            "[[question]]\nid = \"rel\"\ntext = \"Relatie?\"\nkind = \"single\"\n\
             options = [\"Goed\", {{ label = \"Redelijk\", synonyms = [\"{long}\"] }}]\n"
        );
        assert_eq!(
            error(&body),
            "wpb.toml:9: question \"rel\": option \"lang lang lang lang lang lang …\" is 505 characters long, expected at most 500"
        );
        // At the limit it is read.
        let ok = body.replace(&long, &"x".repeat(500));
        assert!(Questionnaire::from_toml("wpb.toml", &format!("{HEAD}{ok}")).is_ok());
    }

    #[test]
    fn theme_weights_of_an_option_add_up_to_at_most_1() {
        let q = |themes: &str| {
            format!(
                "[[question]]\nid = \"t\"\ntext = \"Thema?\"\nkind = \"multi\"\n\
                 [[question.option]]\nlabel = \"Reflecteren\"\nthemes = {themes}\n"
            )
        };
        assert_eq!(
            error(&q(r#"[{ theme = "feedback", weight = 0.75 }, { theme = "reflectie", weight = 0.5 }]"#)),
            "wpb.toml:9: question \"t\": option \"Reflecteren\": the theme weights add up to 1.25, expected at most 1 in total"
        );
        assert_eq!(
            error(&q(r#"[{ theme = "feedback", weight = 0.5 }, { theme = "feedback", weight = 0.5 }]"#)),
            "wpb.toml:9: question \"t\": option \"Reflecteren\": theme \"feedback\" is linked twice"
        );
        // Exactly 1 in total (three thirds) is read.
        let ok = q(
            r#"[{ theme = "a", weight = 0.3333333333 }, { theme = "b", weight = 0.3333333333 }, { theme = "c", weight = 0.3333333334 }]"#,
        );
        assert!(Questionnaire::from_toml("wpb.toml", &format!("{HEAD}{ok}")).is_ok());
    }

    #[test]
    fn unknown_kind() {
        let body = "[[question]]\nid = \"age\"\ntext = \"Leeftijd?\"\nkind = \"slider\"\n";
        assert_eq!(
            error(body),
            "wpb.toml:8: question \"age\": unknown kind \"slider\" (expected single, multi, scale, number, bands, yesno, text or personal)"
        );
    }

    #[test]
    fn scale_without_levels() {
        let body = "[[question]]\nid = \"comp\"\ntext = \"Hoe competent?\"\nkind = \"scale\"\n";
        assert_eq!(
            error(body),
            "wpb.toml:8: question \"comp\": a scale needs `levels` (at least two, most positive first)"
        );
    }

    #[test]
    fn bad_toml_gives_its_line() {
        let body = "[[question]]\nid = \"age\"\ntext = \"Leeftijd?\nkind = \"single\"\n";
        let e = error(body);
        assert!(e.starts_with("wpb.toml:7: invalid TOML: "), "{e}");
        assert_eq!(e.lines().count(), 1);
    }

    #[test]
    fn empty_questionnaire_is_refused() {
        assert_eq!(
            error(""),
            "wpb.toml:1: the questionnaire has no questions (add a [[question]] table)"
        );
    }

    #[test]
    fn follow_up_must_exist() {
        let body = "[[question]]\nid = \"need\"\ntext = \"Behoefte?\"\nkind = \"yesno\"\nfollow_up = \"why\"\n";
        assert_eq!(
            error(body),
            "wpb.toml:6: question \"need\": follow_up names question \"why\", which does not exist"
        );
    }

    #[test]
    fn only_if_circles_are_refused_with_their_line() {
        let q = |id: &str, on: &str| {
            format!(
                "[[question]]\nid = \"{id}\"\ntext = \"Vraag {id}?\"\nkind = \"yesno\"\nonly_if = {{ question = \"{on}\", answer = \"Ja\" }}\n"
            )
        };
        // Each question takes 5 lines after the 4-line head: its only_if is the 5th.
        assert_eq!(
            error(&q("a", "a")),
            "wpb.toml:9: question \"a\": its only_if conditions go round in a circle (a → a), expected each condition to name a question that does not depend on it"
        );
        let two = format!("{}{}", q("a", "b"), q("b", "a"));
        assert!(error(&two).starts_with("wpb.toml:9: question \"a\": its only_if conditions go round in a circle (a → b → a)"), "{}", error(&two));
        // The circle b → c → d → b behind a: reported from b, the first question in it.
        let three = format!(
            "{}{}{}{}",
            q("a", "b"),
            q("b", "c"),
            q("c", "d"),
            q("d", "b")
        );
        assert!(error(&three).starts_with("wpb.toml:14: question \"b\": its only_if conditions go round in a circle (b → c → d → b)"), "{}", error(&three));
        // A chain without a circle is fine.
        let chain = format!(
            "{}{}[[question]]\nid = \"c\"\ntext = \"C?\"\nkind = \"yesno\"\n",
            q("a", "b"),
            q("b", "c")
        );
        assert!(Questionnaire::from_toml("wpb.toml", &format!("{HEAD}{chain}")).is_ok());
    }

    #[test]
    fn parses_every_kind() {
        let body = r#"
[[question]]
id = "age"
text = "Leeftijd"
kind = "single"
options = ["<25", "25-35"]

[[question]]
id = "need"
text = "Behoefte?"
kind = "yesno"
follow_up = "why"

[[question]]
id = "why"
text = "Waarom niet?"
kind = "text"
motivation_for = "need"

[[question]]
id = "themes"
text = "Welk thema?"
kind = "multi"
other = "Andere"
only_if = { question = "need", answer = "ja" }
  [[question.option]]
  label = "Reflecteren en feedback geven"
  themes = [{ theme = "feedback", weight = 0.5 }, { theme = "reflectie", weight = 0.5 }]

[[question]]
id = "comp"
text = "Competent?"
kind = "scale"
levels = ["Uitermate", "Zeer", "Redelijk", "Niet erg", "Helemaal niet"]
not_applicable = [{ label = "n.v.t.", synonyms = ["niet van toepassing"] }]

[[question]]
id = "hours"
text = "Klokuren"
kind = "number"
unit = "uur"
min = 0
unknown = ["???"]

[[question]]
id = "years"
text = "Leservaring"
kind = "bands"
bands = [{ label = "1-5", min = 1, max = 5 }, { label = "Meer dan 5", min = 6 }]

[[question]]
id = "mail"
text = "E-mailadres"
kind = "personal"
personal = "email"
"#;
        let q = Questionnaire::from_toml("wpb.toml", &format!("{HEAD}{body}")).unwrap();
        assert_eq!(q.questions.len(), 8);
        let Kind::Multi { options, other } = &q.question("themes").unwrap().kind else {
            panic!("multi expected")
        };
        assert_eq!(options.len(), 2);
        assert_eq!(*other, Some(1));
        assert_eq!(options[0].themes[1].theme, "reflectie");
        let Kind::Scale {
            neutral,
            not_applicable,
            ..
        } = &q.question("comp").unwrap().kind
        else {
            panic!("scale expected")
        };
        assert_eq!(*neutral, Some(2));
        assert_eq!(not_applicable[0].label, "n.v.t.");
        let Kind::Bands { bands, .. } = &q.question("years").unwrap().kind else {
            panic!("bands expected")
        };
        assert!(bands[1].contains(30.0) && !bands[0].contains(6.0));
        assert!(q.question("mail").unwrap().is_personal());
    }
}
