//! Demand per catalogue theme in people: how many respondents of each audience asked for
//! it (the analysis's theme demand, a person once per theme), weighed per person by
//! audience and by level; the catalogue's `[demand]` table that states those weights.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::catalogue::{Catalogue, Level};
use crate::text::Text;

/// Whose demand counts fully for which level (other audiences count at `others`), and
/// what one respondent of each audience weighs.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DemandRule {
    pub basis: Vec<String>,
    pub verdiepend: Vec<String>,
    pub others: f64,
    /// Weight of one respondent, per audience code; an audience not listed weighs 1.
    pub weights: Vec<AudienceWeight>,
}

/// What one respondent of an audience weighs in the demand.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AudienceWeight {
    pub audience: String,
    pub weight: f64,
}

impl DemandRule {
    /// The factor demand from `audience` gets on a theme of `level`.
    pub fn factor(&self, level: Level, audience: &str) -> f64 {
        let primary = match level {
            Level::Basis => &self.basis,
            Level::Verdiepend => &self.verdiepend,
        };
        if primary.iter().any(|a| a.eq_ignore_ascii_case(audience)) {
            1.0
        } else {
            self.others
        }
    }

    /// What one respondent of `audience` weighs (1 unless the catalogue says otherwise).
    pub fn weight(&self, audience: &str) -> f64 {
        self.weights
            .iter()
            .find(|w| w.audience.eq_ignore_ascii_case(audience))
            .map_or(1.0, |w| w.weight)
    }
}

impl Default for DemandRule {
    /// WPB demand weighs on basis themes, SO/IO demand on verdiepend ones; others at half;
    /// every respondent weighs 1.
    fn default() -> Self {
        DemandRule {
            basis: vec!["WPB".into()],
            verdiepend: vec!["SO".into(), "IO".into()],
            others: 0.5,
            weights: Vec::new(),
        }
    }
}

/// The catalogue's `[demand]` table as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDemand {
    basis: Option<Vec<String>>,
    verdiepend: Option<Vec<String>>,
    others: Option<f64>,
    weights: Option<BTreeMap<String, f64>>,
}

impl RawDemand {
    pub(crate) fn build(self) -> Result<DemandRule, String> {
        let d = DemandRule::default();
        let others = self.others.unwrap_or(d.others);
        if !(others.is_finite() && (0.0..=1.0).contains(&others)) {
            return Err(format!("others = {others}: a factor from 0 to 1"));
        }
        let list = |v: Option<Vec<String>>, default: Vec<String>, what: &str| {
            let v = v.unwrap_or(default);
            if v.iter().any(|a| a.trim().is_empty()) {
                Err(format!("{what}: an empty audience code"))
            } else {
                Ok(v.into_iter().map(|a| a.trim().to_string()).collect())
            }
        };
        let mut weights: Vec<AudienceWeight> = Vec::new();
        for (audience, weight) in self.weights.unwrap_or_default() {
            let audience = audience.trim().to_string();
            if audience.is_empty() {
                return Err("weights: an empty audience code".into());
            }
            if !(weight.is_finite() && (0.0..=100.0).contains(&weight)) {
                return Err(format!(
                    "weights: {audience} = {weight}: one respondent weighs from 0 to 100"
                ));
            }
            if weights
                .iter()
                .any(|w| w.audience.eq_ignore_ascii_case(&audience))
            {
                return Err(format!("weights: audience {audience} appears twice"));
            }
            weights.push(AudienceWeight { audience, weight });
        }
        Ok(DemandRule {
            basis: list(self.basis, d.basis, "basis")?,
            verdiepend: list(self.verdiepend, d.verdiepend, "verdiepend")?,
            others,
            weights,
        })
    }
}

/// What the planner reads from a survey's analysis: per part (audience) its respondents
/// and the demand for each theme its options link to.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SurveyDemand {
    pub survey: String,
    pub title: String,
    /// E.g. "2020": the plan starts in the school year after it.
    pub edition: Option<String>,
    /// The latest completion date in the exports (`YYYY-MM-DD`): without an edition,
    /// the plan starts in the school year after it.
    #[serde(default)]
    pub last_submission: Option<String>,
    /// `--where` filters the analysis applied.
    pub filters: Vec<String>,
    /// The filters in the questions' own words ("„Ja” antwoordden op „…”").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub filter_words: Vec<Text>,
    pub parts: Vec<PartDemand>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PartDemand {
    pub questionnaire: String,
    pub audience: String,
    pub respondents: usize,
    pub themes: Vec<ThemeRequest>,
}

/// One theme's demand in one part: the analysis's `ThemeDemand`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ThemeRequest {
    pub theme: String,
    /// Sum of count × weight over the options feeding the theme.
    pub weighted: f64,
    /// Respondents who chose at least one of those options.
    pub respondents: usize,
    pub sources: Vec<RequestSource>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RequestSource {
    pub question: String,
    pub option: String,
    pub option_en: Option<String>,
    pub count: usize,
    pub weight: f64,
}

#[cfg(feature = "summary")]
impl From<&peiling_analysis::Summary> for SurveyDemand {
    fn from(s: &peiling_analysis::Summary) -> Self {
        SurveyDemand {
            survey: s.survey.id.clone(),
            title: s.survey.title.clone(),
            edition: s.survey.edition.clone(),
            last_submission: s
                .parts
                .iter()
                .filter_map(|p| p.last_submission.clone())
                .max(),
            filters: s.filters.clone(),
            filter_words: s.filters.iter().map(|f| filter_words(s, f)).collect(),
            parts: s
                .parts
                .iter()
                .map(|p| PartDemand {
                    questionnaire: p.questionnaire.clone(),
                    audience: p.audience.clone(),
                    respondents: p.respondents,
                    themes: p
                        .theme_demand
                        .iter()
                        .map(|t| ThemeRequest {
                            theme: t.theme.clone(),
                            weighted: t.weighted,
                            respondents: t.respondents,
                            sources: t
                                .sources
                                .iter()
                                .map(|s| RequestSource {
                                    question: s.question.clone(),
                                    option: s.option.clone(),
                                    option_en: s.option_en.clone(),
                                    count: s.count,
                                    weight: s.weight,
                                })
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// One `question=answer` filter in the question's words, in both languages; a question
/// worded differently per audience is named in each wording.
#[cfg(feature = "summary")]
fn filter_words(s: &peiling_analysis::Summary, filter: &str) -> Text {
    let (id, value) = filter.split_once('=').unwrap_or((filter, ""));
    let (id, value) = (id.trim(), value.trim());
    let asked = |en: bool| {
        let mut texts: Vec<String> = Vec::new();
        for q in s
            .parts
            .iter()
            .flat_map(|p| &p.questions)
            .filter(|q| q.id == id)
        {
            let text = q.label(en).to_string();
            if !texts.contains(&text) {
                texts.push(text);
            }
        }
        if texts.is_empty() {
            texts.push(id.replace('_', " "));
        }
        texts
    };
    let quoted = |texts: Vec<String>, open: char, close: char, or: &str| {
        texts
            .iter()
            .map(|t| format!("{open}{t}{close}"))
            .collect::<Vec<_>>()
            .join(or)
    };
    Text::new(
        format!(
            "\u{201e}{value}\u{201d} antwoordden op {}",
            quoted(asked(false), '\u{201e}', '\u{201d}', " of ")
        ),
        format!(
            "answered \u{201c}{value}\u{201d} to {}",
            quoted(asked(true), '\u{201c}', '\u{201d}', " or ")
        ),
    )
}

/// A theme's demand as the planner weighs it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Demand {
    pub theme: String,
    pub level: Level,
    /// Σ over audiences of respondents who asked × weight per person × level factor,
    /// times the manual weight: people, weighed.
    pub score: f64,
    /// Manual weight (1 unless `--weight` set one).
    pub weight: f64,
    /// Offered last year but asked for so much it need not wait (see `PlanOptions`).
    pub exceptional: bool,
    pub audiences: Vec<AudienceDemand>,
}

/// One audience's part in a theme's demand.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AudienceDemand {
    pub questionnaire: String,
    pub audience: String,
    /// Respondents of this part.
    pub of: usize,
    /// Respondents who asked for the theme through any option (each counted once).
    pub respondents: usize,
    /// The analysis's Σ count × link weight (shown, not planned on).
    pub weighted: f64,
    /// What one respondent of this audience weighs (the catalogue's `[demand] weights`).
    pub per_person: f64,
    /// 1 for the level's own audience, the catalogue's `others` factor for the rest.
    pub factor: f64,
    pub sources: Vec<RequestSource>,
}

impl AudienceDemand {
    /// This audience's share of the theme's score (before the manual weight).
    pub fn people(&self) -> f64 {
        self.respondents as f64 * self.per_person * self.factor
    }
}

pub(crate) fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// Demand for every catalogue theme (catalogue order), and the theme ids the survey links
/// to that the catalogue does not know.
pub(crate) fn demand(
    catalogue: &Catalogue,
    survey: &SurveyDemand,
    weights: &[(String, f64)],
) -> (Vec<Demand>, Vec<String>) {
    let mut unknown: Vec<String> = Vec::new();
    for part in &survey.parts {
        for t in &part.themes {
            if catalogue.theme(&t.theme).is_none() && !unknown.contains(&t.theme) {
                unknown.push(t.theme.clone());
            }
        }
    }
    let demand = catalogue
        .themes
        .iter()
        .map(|theme| {
            let weight = weights
                .iter()
                .rev()
                .find(|(id, _)| *id == theme.id)
                .map_or(1.0, |(_, w)| *w);
            let mut audiences: Vec<AudienceDemand> = survey
                .parts
                .iter()
                .filter(|p| p.respondents > 0)
                .filter_map(|p| {
                    let t = p.themes.iter().find(|t| t.theme == theme.id)?;
                    Some(AudienceDemand {
                        questionnaire: p.questionnaire.clone(),
                        audience: p.audience.clone(),
                        of: p.respondents,
                        respondents: t.respondents,
                        weighted: t.weighted,
                        per_person: catalogue.demand.weight(&p.audience),
                        factor: catalogue.demand.factor(theme.level, &p.audience),
                        sources: t.sources.clone(),
                    })
                })
                .collect();
            // The level's own audience first, then by weighed people.
            audiences.sort_by(|a, b| {
                b.factor
                    .total_cmp(&a.factor)
                    .then(b.people().total_cmp(&a.people()))
            });
            let score: f64 = audiences.iter().map(AudienceDemand::people).sum();
            Demand {
                theme: theme.id.clone(),
                level: theme.level,
                // + 0.0 turns the -0.0 of an empty sum into 0.
                score: round6(score * weight) + 0.0,
                weight,
                exceptional: false,
                audiences,
            }
        })
        .collect();
    (demand, unknown)
}

/// Is `score` exceptional among the scores of its level: at least `factor` × their mean
/// (and above zero)?
pub(crate) fn exceptional(score: f64, level_scores: &[f64], factor: f64) -> bool {
    if level_scores.is_empty() || score <= 0.0 {
        return false;
    }
    let mean = level_scores.iter().sum::<f64>() / level_scores.len() as f64;
    score >= factor * mean
}
