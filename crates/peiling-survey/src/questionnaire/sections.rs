//! The report groups (`[[group]]`: title, order, intro, role) and the declared scales
//! (`[[scale]]`: items measuring one thing) of a questionnaire, with their checks.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::{valid_id, Kind, Question};
use crate::normalize::normalize;

/// A report section: the questions whose `group` is this id, under this title.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Group {
    pub id: String,
    pub title: String,
    pub title_en: Option<String>,
    /// How a headline names the group ("Vraag naar thema's"); the title when not given.
    pub subject: Option<String>,
    pub subject_en: Option<String>,
    /// A sentence under the title, e.g. the shared stem of a grid question.
    pub intro: Option<String>,
    pub intro_en: Option<String>,
    /// What the summary and the conclusions read the group as.
    pub role: Option<GroupRole>,
}

/// The parts of a questionnaire the summary page looks for, declared per group.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum GroupRole {
    /// The multi-choice question of the themes asked for.
    Themes,
    /// The multi-choice question of the forms asked for.
    Forms,
    /// Scale questions on how capable people feel.
    Capability,
    /// The yes/no question "may we approach you?".
    Contact,
    /// Questions on the time and hours the school gives.
    Facilitation,
    /// The question whether people wish for contact with colleagues.
    Network,
}

impl GroupRole {
    pub const ALL: [(&'static str, GroupRole); 6] = [
        ("themes", GroupRole::Themes),
        ("forms", GroupRole::Forms),
        ("capability", GroupRole::Capability),
        ("contact", GroupRole::Contact),
        ("facilitation", GroupRole::Facilitation),
        ("network", GroupRole::Network),
    ];
}

/// Scale questions declared to measure one thing: only these get Cronbach's alpha.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ScaleSet {
    pub id: String,
    pub title: String,
    pub title_en: Option<String>,
    /// Question ids, all of kind `scale` with the same number of levels.
    pub items: Vec<String>,
}

type Located = (Option<std::ops::Range<usize>>, String);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawGroup {
    id: String,
    title: String,
    title_en: Option<String>,
    subject: Option<String>,
    subject_en: Option<String>,
    intro: Option<String>,
    intro_en: Option<String>,
    role: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawScale {
    id: String,
    title: String,
    title_en: Option<String>,
    items: Vec<String>,
}

/// Checks the `[[group]]` tables against the questions: known ids, each once, a title,
/// a known role used once, and at least one question in each group.
pub(super) fn groups(
    raw: Vec<Spanned<RawGroup>>,
    questions: &[Question],
) -> Result<Vec<Group>, Located> {
    let mut out: Vec<Group> = Vec::with_capacity(raw.len());
    for item in raw {
        let span = Some(item.span());
        let g = item.into_inner();
        let fail = |m: String| Err((span.clone(), m));
        if !valid_id(&g.id) {
            return fail(format!(
                "group id \"{}\" must be lowercase letters, digits and _",
                g.id
            ));
        }
        if out.iter().any(|o| o.id == g.id) {
            return fail(format!("group \"{}\" is declared twice", g.id));
        }
        if g.title.trim().is_empty() {
            return fail(format!("group \"{}\" needs a non-empty title", g.id));
        }
        if !questions.iter().any(|q| q.group == g.id) {
            return fail(format!(
                "group \"{}\" has no questions, expected at least one question with group = \"{}\"",
                g.id, g.id
            ));
        }
        let role = match g.role.as_deref() {
            None => None,
            Some(r) => match GroupRole::ALL.iter().find(|(name, _)| *name == r) {
                Some((_, role)) => Some(*role),
                None => {
                    let names: Vec<&str> = GroupRole::ALL.iter().map(|(n, _)| *n).collect();
                    return fail(format!(
                        "group \"{}\": role \"{r}\" is not one of {}",
                        g.id,
                        names.join(", ")
                    ));
                }
            },
        };
        if let Some(other) = out.iter().find(|o| role.is_some() && o.role == role) {
            return fail(format!(
                "group \"{}\": role \"{}\" is already given to group \"{}\"",
                g.id,
                g.role.unwrap_or_default(),
                other.id
            ));
        }
        out.push(Group {
            id: g.id,
            title: g.title,
            title_en: g.title_en,
            subject: g.subject,
            subject_en: g.subject_en,
            intro: g.intro,
            intro_en: g.intro_en,
            role,
        });
    }
    Ok(out)
}

/// Checks the `[[scale]]` tables: known scale questions with equal numbers of levels, at
/// least two items, no question in two scales.
pub(super) fn scales(
    raw: Vec<Spanned<RawScale>>,
    questions: &[Question],
) -> Result<Vec<ScaleSet>, Located> {
    let mut out: Vec<ScaleSet> = Vec::with_capacity(raw.len());
    let mut used: HashSet<String> = HashSet::new();
    for item in raw {
        let span = Some(item.span());
        let s = item.into_inner();
        let fail = |m: String| Err((span.clone(), m));
        if !valid_id(&s.id) {
            return fail(format!(
                "scale id \"{}\" must be lowercase letters, digits and _",
                s.id
            ));
        }
        if out.iter().any(|o| o.id == s.id) {
            return fail(format!("scale \"{}\" is declared twice", s.id));
        }
        if s.title.trim().is_empty() {
            return fail(format!("scale \"{}\" needs a non-empty title", s.id));
        }
        if s.items.len() < 2 {
            return fail(format!(
                "scale \"{}\" has {} item(s), expected at least 2 questions",
                s.id,
                s.items.len()
            ));
        }
        let mut levels: Option<(String, usize)> = None;
        for id in &s.items {
            let Some(q) = questions.iter().find(|q| &q.id == id) else {
                return fail(format!(
                    "scale \"{}\": item \"{id}\" is not a question of this questionnaire",
                    s.id
                ));
            };
            let Kind::Scale { levels: l, .. } = &q.kind else {
                return fail(format!(
                    "scale \"{}\": item \"{id}\" is a {} question, expected a scale question",
                    s.id,
                    q.kind.name()
                ));
            };
            match &levels {
                Some((first, n)) if *n != l.len() => {
                    return fail(format!(
                        "scale \"{}\": item \"{id}\" has {} levels and item \"{first}\" {n}, expected the same number",
                        s.id,
                        l.len()
                    ))
                }
                Some(_) => {}
                None => levels = Some((id.clone(), l.len())),
            }
            if !used.insert(normalize(id)) {
                return fail(format!(
                    "scale \"{}\": item \"{id}\" is listed twice or already in another scale",
                    s.id
                ));
            }
        }
        out.push(ScaleSet {
            id: s.id,
            title: s.title,
            title_en: s.title_en,
            items: s.items,
        });
    }
    Ok(out)
}
