//! Trends across the editions of a series, computed with polars lazy frames over the
//! editions' counts (each edition counted on its own, [`EditionCounts`]): per question and questionnaire the figure per edition with its
//! Wilson 95 % interval and n, a test of change fit for the kind, and the demand for the
//! catalogue's themes per edition (JSON schema `peiling-trend/1`, docs/trend-schema.md).
//!
//! Editions are repeated cross-sections: a respondent key is only unique within one
//! edition's export, and nothing here follows a person from one year to the next.

use std::collections::{BTreeMap, HashMap};

use peiling_analysis::stats::wilson;
use polars::prelude::*;

use crate::counts::EditionCounts;
use crate::series::Series;
use crate::stats::change_test;
use crate::tidy::QuestionInfo;
use crate::PanelError;

// The result types live in peiling-core, so the report renders a trend without polars.
pub use peiling_core::trend::{
    CategoryTrend, EditionInfo, EditionPart, Point, Presence, QuestionTrend, SeriesInfo,
    ThemeTrend, Trend, MIN_N, SCHEMA,
};

/// The editions' small count frames as one lazy frame each (per label, per question).
fn frames(editions: &[EditionCounts]) -> Result<(LazyFrame, LazyFrame), PanelError> {
    let by_label = editions
        .iter()
        .map(|e| e.by_label.clone().lazy())
        .collect::<Vec<_>>();
    let by_question = editions
        .iter()
        .map(|e| e.by_question.clone().lazy())
        .collect::<Vec<_>>();
    Ok((
        concat(by_label, UnionArgs::default())?,
        concat(by_question, UnionArgs::default())?,
    ))
}

type Key = (String, String, String);
/// Rows per (question key, label) and respondents per question key.
type Counts = (HashMap<(Key, String), u32>, HashMap<Key, u32>);

/// Per (questionnaire, question, edition, label): rows with a category; per
/// (questionnaire, question, edition): respondents with a category.
fn counts(editions: &[EditionCounts]) -> Result<Counts, PanelError> {
    let (by_label, by_question) = frames(editions)?;
    let by_label = by_label
        .group_by([
            col("questionnaire"),
            col("question"),
            col("edition"),
            col("label"),
        ])
        .agg([col("n").sum()])
        .collect()?;
    let by_question = by_question
        .group_by([col("questionnaire"), col("question"), col("edition")])
        .agg([col("n").sum()])
        .collect()?;
    let key = |df: &DataFrame| -> Result<Vec<Key>, PanelError> {
        let q = strings(df, "questionnaire")?;
        let id = strings(df, "question")?;
        let e = strings(df, "edition")?;
        Ok(q.into_iter()
            .zip(id)
            .zip(e)
            .map(|((q, id), e)| (q, id, e))
            .collect())
    };
    let labels = strings(&by_label, "label")?;
    let n = u32s(&by_label, "n")?;
    let per_label = key(&by_label)?.into_iter().zip(labels).zip(n).collect();
    let n = u32s(&by_question, "n")?;
    let per_question = key(&by_question)?.into_iter().zip(n).collect();
    Ok((per_label, per_question))
}

fn strings(df: &DataFrame, name: &str) -> Result<Vec<String>, PanelError> {
    Ok(df
        .column(name)?
        .str()?
        .iter()
        .map(|s| s.unwrap_or_default().to_string())
        .collect())
}

fn u32s(df: &DataFrame, name: &str) -> Result<Vec<u32>, PanelError> {
    Ok(df
        .column(name)?
        .cast(&DataType::UInt32)?
        .u32()?
        .iter()
        .map(|n| n.unwrap_or(0))
        .collect())
}

fn point(edition: i32, count: u32, n: u32) -> Point {
    Point {
        edition,
        count,
        n,
        pct: (n > 0).then(|| round(100.0 * f64::from(count) / f64::from(n))),
        wilson95: wilson(count as usize, n as usize)
            .map(|[lo, hi]| [round(lo * 100.0), round(hi * 100.0)]),
    }
}

fn round(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// The trend of every question that has categories (options, levels, bands, yes/no).
pub fn trend(series: &Series, editions: &[EditionCounts]) -> Result<Trend, PanelError> {
    let years: Vec<i32> = editions.iter().map(|e| e.year).collect();
    let (per_label, per_question) = counts(editions)?;
    // Every (questionnaire, question) in the order of the latest edition that asks it.
    let mut order: Vec<(String, String)> = Vec::new();
    let mut latest: HashMap<(String, String), (&QuestionInfo, String)> = HashMap::new();
    let mut asked: HashMap<(String, String), Vec<i32>> = HashMap::new();
    for e in editions {
        for part in &e.parts {
            for q in &part.questions {
                let key = (part.questionnaire.clone(), q.id.clone());
                if !order.contains(&key) {
                    order.push(key.clone());
                }
                latest.insert(key.clone(), (q, part.audience.clone()));
                asked.entry(key).or_default().push(e.year);
            }
        }
    }
    let mut questions = Vec::new();
    for key in order {
        let (info, audience) = &latest[&key];
        if info.labels.is_empty() {
            continue; // numbers and texts have no categories to follow
        }
        let editions_asked = asked[&key].clone();
        let presence = presence(&years, &editions_asked);
        let n: Vec<Option<u32>> = years
            .iter()
            .map(|y| {
                editions_asked.contains(y).then(|| {
                    per_question
                        .get(&(key.0.clone(), key.1.clone(), y.to_string()))
                        .copied()
                        .unwrap_or(0)
                })
            })
            .collect();
        let count = |label: &str, y: i32| {
            per_label
                .get(&(
                    (key.0.clone(), key.1.clone(), y.to_string()),
                    label.to_string(),
                ))
                .copied()
                .unwrap_or(0)
        };
        let points = |labels: &[&str]| -> Vec<Point> {
            years
                .iter()
                .zip(&n)
                .filter_map(|(&y, n)| {
                    let n = (*n)?;
                    Some(point(y, labels.iter().map(|l| count(l, y)).sum(), n))
                })
                .collect()
        };
        let mut categories: Vec<CategoryTrend> = info
            .labels
            .iter()
            .zip(&info.labels_en)
            .map(|(label, en)| CategoryTrend {
                label: label.clone(),
                label_en: en.clone(),
                points: points(&[label.as_str()]),
                test: None,
            })
            .collect();
        let headline = match info.kind {
            "yesno" => categories.first().cloned(),
            "scale" if info.labels.len() >= 2 => Some(CategoryTrend {
                label: "top2".into(),
                label_en: Some("top2".into()),
                points: points(&[info.labels[0].as_str(), info.labels[1].as_str()]),
                test: None,
            }),
            _ => None,
        };
        // The test: on the editions that ask the question, each with enough answers.
        let small: Vec<String> = years
            .iter()
            .zip(&n)
            .filter(|(_, n)| n.is_some_and(|n| (n as usize) < MIN_N))
            .map(|(y, _)| y.to_string())
            .collect();
        let scores: Vec<f64> = years
            .iter()
            .zip(&n)
            .filter(|(_, n)| n.is_some())
            .map(|(y, _)| f64::from(*y))
            .collect();
        let (test, no_test) = if editions_asked.len() < 2 {
            (None, Some("asked in one edition only".to_string()))
        } else if !small.is_empty() {
            (
                None,
                Some(format!(
                    "fewer than {MIN_N} answers in {}",
                    small.join(", ")
                )),
            )
        } else {
            let table =
                |cat: &CategoryTrend| -> Vec<u32> { cat.points.iter().map(|p| p.count).collect() };
            let totals: Vec<u32> = n.iter().flatten().copied().collect();
            match info.kind {
                "multi" => {
                    for c in &mut categories {
                        c.test = change_test::proportion(&scores, &table(c), &totals);
                    }
                    (None, Some("one test per option".to_string()))
                }
                "yesno" => (
                    change_test::proportion(&scores, &table(&categories[0]), &totals),
                    None,
                ),
                _ => {
                    // editions x categories
                    let counts: Vec<Vec<usize>> = (0..scores.len())
                        .map(|i| {
                            categories
                                .iter()
                                .map(|c| c.points[i].count as usize)
                                .collect()
                        })
                        .collect();
                    if info.ordered {
                        let k = info.labels.len();
                        let level_scores: Vec<f64> = (0..k)
                            .map(|i| {
                                if info.kind == "scale" {
                                    (k - i) as f64
                                } else {
                                    (i + 1) as f64
                                }
                            })
                            .collect();
                        (change_test::ordered(&scores, &level_scores, &counts), None)
                    } else {
                        (change_test::distribution(&counts), None)
                    }
                }
            }
        };
        questions.push(QuestionTrend {
            questionnaire: key.0.clone(),
            audience: audience.clone(),
            id: key.1.clone(),
            text: info.text.clone(),
            text_en: info.text_en.clone(),
            kind: info.kind.to_string(),
            presence,
            editions: editions_asked,
            n,
            categories,
            headline,
            test,
            no_test,
        });
    }
    Ok(Trend {
        schema: SCHEMA,
        series: SeriesInfo {
            id: series.id.clone(),
            title: peiling_core::privacy::scrub(&series.title),
            title_en: series.title_en.as_deref().map(peiling_core::privacy::scrub),
        },
        editions: editions
            .iter()
            .map(|e| EditionInfo {
                year: e.year,
                survey: e.survey.clone(),
                parts: e
                    .parts
                    .iter()
                    .map(|p| EditionPart {
                        questionnaire: p.questionnaire.clone(),
                        audience: p.audience.clone(),
                        respondents: p.respondents,
                    })
                    .collect(),
            })
            .collect(),
        min_n: MIN_N,
        questions,
        themes: themes(editions)?,
    })
}

fn presence(years: &[i32], asked: &[i32]) -> Presence {
    let flags: Vec<bool> = years.iter().map(|y| asked.contains(y)).collect();
    let first = flags.iter().position(|&f| f).unwrap_or(0);
    let last = flags.iter().rposition(|&f| f).unwrap_or(0);
    if flags[first..=last].iter().any(|&f| !f) {
        Presence::Partial
    } else if first == 0 && last == flags.len() - 1 {
        Presence::Shared
    } else if first > 0 && last == flags.len() - 1 {
        Presence::New
    } else if first == 0 {
        Presence::Dropped
    } else {
        Presence::Partial
    }
}

/// Demand for the catalogue's themes per edition: the figures of the analysis of each
/// edition (the same numbers `analyze` shows), as shares of all respondents.
fn themes(editions: &[EditionCounts]) -> Result<Vec<ThemeTrend>, PanelError> {
    let mut out: BTreeMap<(String, String), ThemeTrend> = BTreeMap::new();
    let mut order: Vec<(String, String)> = Vec::new();
    for e in editions {
        for part in &e.themes {
            for (theme, respondents) in &part.themes {
                let key = (part.questionnaire.clone(), theme.clone());
                if !order.contains(&key) {
                    order.push(key.clone());
                }
                out.entry(key)
                    .or_insert_with(|| ThemeTrend {
                        questionnaire: part.questionnaire.clone(),
                        audience: part.audience.clone(),
                        theme: theme.clone(),
                        points: Vec::new(),
                    })
                    .points
                    .push(point(e.year, *respondents, part.respondents));
            }
        }
    }
    Ok(order.into_iter().filter_map(|k| out.remove(&k)).collect())
}

#[cfg(test)]
mod tests;
