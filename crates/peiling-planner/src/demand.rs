//! Demand per catalogue theme: what the survey's audiences asked for (the analysis's theme
//! demand), made comparable across audiences of different size and weighed by level.

use serde::{Deserialize, Serialize};

use crate::catalogue::{Catalogue, Level};

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

/// A theme's demand as the planner weighs it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Demand {
    pub theme: String,
    pub level: Level,
    /// Σ over audiences of factor × weighted / respondents × 100, times the manual weight:
    /// weighted requests per 100 respondents of each audience.
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
    /// Respondents of this part (the denominator).
    pub of: usize,
    /// Respondents who asked for the theme.
    pub respondents: usize,
    pub weighted: f64,
    /// 1 for the level's own audience, the catalogue's `others` factor for the rest.
    pub factor: f64,
    pub sources: Vec<RequestSource>,
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
                        factor: catalogue.demand.factor(theme.level, &p.audience),
                        sources: t.sources.clone(),
                    })
                })
                .collect();
            // The level's own audience first, then by share.
            let share = |a: &AudienceDemand| a.factor * a.weighted / a.of as f64;
            audiences.sort_by(|a, b| {
                b.factor
                    .total_cmp(&a.factor)
                    .then(share(b).total_cmp(&share(a)))
            });
            let score: f64 = audiences
                .iter()
                .map(|a| a.factor * a.weighted / a.of as f64 * 100.0)
                .sum();
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
