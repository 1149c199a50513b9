//! The options of an analysis, a loaded survey fed through the accumulator, and the
//! assembly of each question's figures from the accumulator's counts.

use std::collections::HashMap;

use peiling_survey::import::stream::Dictionary;
use peiling_survey::normalize::normalize;
use peiling_survey::{Answer, Kind, Part, Question, Questionnaire, Survey};

use crate::aggregates::{Aggregates, INVALID, NOT_APPLICABLE, NO_ANSWER, UNKNOWN};
use crate::filter::filter_value_expected;
pub use crate::filter::Filter;
use crate::stats;
use crate::stream::{Accounting, PartAccumulator};
use crate::summary::*;
use crate::{AnalysisError, AnalysisOption};

/// What to compute; the CLI turns its flags into this.
#[derive(Debug, Clone)]
pub struct AnalysisOptions {
    /// Only respondents whose answer to `question` is `value` (all filters must hold).
    pub filters: Vec<Filter>,
    /// Cross-tabulate every categorical question by this question.
    pub by: Option<String>,
    /// Suppress breakdown cells below this many respondents (0: off).
    pub min_group: usize,
}

impl Default for AnalysisOptions {
    fn default() -> Self {
        AnalysisOptions {
            filters: Vec::new(),
            by: None,
            min_group: 5,
        }
    }
}

impl AnalysisOptions {
    /// How the options apply to each questionnaire of a survey, whose parts ask different
    /// questions (the SO questionnaire has no "bevoegdheid"). A `--by` question a part
    /// lacks gives that part no cross-tabs; a `--where` question it lacks leaves the part
    /// out (none of its respondents can meet the filter). Only a question that no part
    /// asks is an error, and a single questionnaire keeps the plain message.
    pub fn per_part(
        &self,
        questionnaires: &[&Questionnaire],
    ) -> Result<Vec<Option<AnalysisOptions>>, AnalysisError> {
        let asks = |id: &str| {
            questionnaires
                .iter()
                .any(|q| q.question_index(id).is_some())
        };
        let flags = self
            .filters
            .iter()
            .map(|f| (f.question.as_str(), AnalysisOption::Filter));
        let by = self.by.as_deref().map(|b| (b, AnalysisOption::GroupBy));
        for (id, option) in flags.chain(by) {
            if asks(id) {
                continue;
            }
            if let [q] = questionnaires {
                resolve(q, id, option)?;
            }
            return Err(AnalysisError::Request {
                option,
                value: None,
                problem: format!(
                    "no questionnaire has a question \"{id}\" ({})",
                    questionnaires
                        .iter()
                        .map(|q| format!("{}: {}", q.id, question_ids(q)))
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
            });
        }
        // A value is refused when no questionnaire asking the question can have it (the
        // parts may offer different options: "opleiding" is yes/no for WPB only).
        for f in &self.filters {
            let mut expected = Vec::new();
            for q in questionnaires {
                if let Some(question) = q.question(&f.question) {
                    match filter_value_expected(question, &f.value) {
                        None => {
                            expected.clear();
                            break;
                        }
                        Some(e) if questionnaires.len() > 1 => {
                            expected.push(format!("{e} (in {})", q.id))
                        }
                        Some(e) => expected.push(e),
                    }
                }
            }
            if !expected.is_empty() {
                return Err(AnalysisError::Request {
                    option: AnalysisOption::Filter,
                    value: Some(format!("{}={}", f.question, f.value)),
                    problem: format!(
                        "\"{}\" is not an answer to question \"{}\", expected {}",
                        f.value,
                        f.question,
                        expected.join(", or ")
                    ),
                });
            }
        }
        Ok(questionnaires
            .iter()
            .map(|q| {
                let has = |id: &str| q.question_index(id).is_some();
                self.filters.iter().all(|f| has(&f.question)).then(|| {
                    let mut own = self.clone();
                    own.by = self.by.clone().filter(|b| has(b));
                    own
                })
            })
            .collect())
    }
}

pub fn analyze(survey: &Survey, opts: &AnalysisOptions) -> Result<Summary, AnalysisError> {
    let questionnaires: Vec<&Questionnaire> =
        survey.parts.iter().map(|p| p.questionnaire()).collect();
    let parts = survey
        .parts
        .iter()
        .zip(opts.per_part(&questionnaires)?)
        .filter_map(|(p, own)| own.map(|own| analyze_part(p, &own)))
        .collect::<Result<Vec<_>, _>>()?;
    let mut summary = Summary {
        schema: SCHEMA.to_string(),
        survey: SurveyInfo {
            id: survey.id.clone(),
            title: survey.title.clone(),
            title_en: survey.title_en.clone(),
            partnership: survey.partnership.clone(),
            edition: survey.edition.clone(),
            about: survey.about.clone(),
        },
        filters: opts
            .filters
            .iter()
            .map(|f| format!("{}={}", f.question, f.value))
            .collect(),
        min_group: opts.min_group,
        parts,
    };
    crate::privacy::scrub_summary(&mut summary);
    Ok(summary)
}

/// Does this answer say `wanted` (normalised) for its question?
pub fn answer_is(question: &Question, answer: &Answer, wanted: &str) -> bool {
    question.answer_is(answer, wanted)
}

pub(crate) fn resolve<'a>(
    q: &'a Questionnaire,
    id: &str,
    option: AnalysisOption,
) -> Result<(usize, &'a Question), AnalysisError> {
    find(q, id).map_err(|problem| AnalysisError::Request {
        option,
        value: None,
        problem,
    })
}

/// A question by its id, or what is wrong: the questionnaire has no such question.
pub(crate) fn find<'a>(q: &'a Questionnaire, id: &str) -> Result<(usize, &'a Question), String> {
    q.question_index(id)
        .map(|i| (i, &q.questions[i]))
        .ok_or_else(|| {
            format!(
                "questionnaire \"{}\" has no question \"{id}\" (its questions: {})",
                q.id,
                question_ids(q)
            )
        })
}

fn question_ids(q: &Questionnaire) -> String {
    q.questions
        .iter()
        .map(|q| q.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// One loaded part through the one engine, the [`PartAccumulator`]: each question's
/// distinct answers become its dictionary entries, and every response a row of ids.
fn analyze_part(part: &Part, opts: &AnalysisOptions) -> Result<PartSummary, AnalysisError> {
    let q = part.questionnaire();
    let mut acc = PartAccumulator::new(q, opts)?;
    let n = q.questions.len();
    let mut dicts: Vec<Dictionary> = (0..n).map(|_| Dictionary::default()).collect();
    // Equal answers share an entry; the exact form of a number is part of its key.
    let mut index: Vec<HashMap<String, u32>> = vec![HashMap::new(); n];
    let mut ids = vec![0u32; n];
    for r in &part.data.responses {
        for (qi, answer) in r.answers.iter().enumerate() {
            let dict = &mut dicts[qi];
            ids[qi] = *index[qi]
                .entry(format!("{answer:?}"))
                .or_insert_with(|| dict.push(answer.clone()));
        }
        acc.row(&ids, &dicts);
    }
    let report = &part.data.report;
    let accounting = Accounting {
        rows_read: report.rows_read,
        rows_rejected: report.rows_rejected(),
        last_submission: report.last_submission.clone(),
        missing_questions: report.missing_questions.clone(),
    };
    Ok(acc.summary(part.population, accounting, &dicts, opts))
}

/// Demand per catalogue theme from the options' `themes` links. Option counts come from
/// the same aggregation as the figures (so they reconcile with the question's rows);
/// `respondents` holds the distinct asked respondents who chose any option of a theme.
pub(crate) fn theme_demand(
    q: &Questionnaire,
    agg: &Aggregates,
    respondents: &HashMap<String, usize>,
) -> Vec<ThemeDemand> {
    let mut out: Vec<ThemeDemand> = Vec::new();
    for (qi, question) in q.questions.iter().enumerate() {
        for (ci, choice) in question.kind.categories().into_iter().enumerate() {
            let count = agg
                .counts
                .get(&(qi as u32, ci as i32))
                .copied()
                .unwrap_or(0);
            for link in &choice.themes {
                let i = match out.iter().position(|t| t.theme == link.theme) {
                    Some(i) => i,
                    None => {
                        out.push(ThemeDemand {
                            theme: link.theme.clone(),
                            weighted: 0.0,
                            respondents: respondents.get(&link.theme).copied().unwrap_or(0),
                            sources: Vec::new(),
                        });
                        out.len() - 1
                    }
                };
                let demand = &mut out[i];
                demand.weighted += count as f64 * link.weight;
                demand.sources.push(DemandSource {
                    question: question.id.clone(),
                    option: choice.label.clone(),
                    option_en: choice.label_en.clone(),
                    count,
                    weight: link.weight,
                });
            }
        }
    }
    for d in &mut out {
        d.weighted = round6(d.weighted);
    }
    out.sort_by(|a, b| {
        b.weighted
            .total_cmp(&a.weighted)
            .then_with(|| a.theme.cmp(&b.theme))
    });
    out
}

/// Did this answer choose category `ci` (option, level or band)?
pub(crate) fn chooses(answer: &Answer, ci: usize) -> bool {
    match answer {
        Answer::Choice(i) => *i == ci,
        Answer::Multi { chosen, .. } => chosen.contains(&ci),
        Answer::Number { band, .. } => *band == Some(ci),
        _ => false,
    }
}

fn pct(k: usize, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        round6(k as f64 * 100.0 / n as f64)
    }
}

/// Rounding to 6 decimals keeps the JSON stable across platforms' last-bit noise.
pub(crate) fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

fn row(
    label: &peiling_survey::Choice,
    count: usize,
    base: usize,
    answered: Option<usize>,
) -> CategoryRow {
    CategoryRow {
        label: label.label.clone(),
        label_en: label.label_en.clone(),
        count,
        pct_base: pct(count, base),
        pct_answered: answered.map(|a| pct(count, a)),
        wilson95: answered
            .and_then(|a| stats::wilson(count, a))
            .map(|[lo, hi]| [round6(lo * 100.0), round6(hi * 100.0)]),
        exclusive: label.exclusive,
    }
}

/// The answers of the respondents a question was put to, each with how many gave it.
/// Numbers and "unknown" markers come one by one in respondent order (they are listed);
/// other answers may come grouped, in the order they were first given.
pub(crate) type AskedAnswers<'a> = Box<dyn Iterator<Item = (&'a Answer, usize)> + 'a>;

pub(crate) fn summarise<'a>(
    question: &Question,
    qi: usize,
    base: usize,
    asked_answers: &dyn Fn() -> AskedAnswers<'a>,
    agg: &Aggregates,
) -> QuestionSummary {
    let count = |code: i32| agg.counts.get(&(qi as u32, code)).copied().unwrap_or(0);
    let no_answer = count(NO_ANSWER);
    let invalid = count(INVALID);
    let answered = base - no_answer - invalid;

    let detail = match &question.kind {
        Kind::Single { options } | Kind::YesNo { options, .. } => Detail::Choice {
            rows: options
                .iter()
                .enumerate()
                .map(|(i, o)| row(o, count(i as i32), base, Some(answered)))
                .collect(),
        },
        Kind::Multi { options, .. } => {
            let mut rows: Vec<(usize, CategoryRow)> = options
                .iter()
                .enumerate()
                .map(|(i, o)| (i, row(o, count(i as i32), base, Some(answered))))
                .collect();
            rows.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(&b.0)));
            let chosen: usize = rows.iter().map(|r| r.1.count).sum();
            Detail::Multi {
                rows: rows.into_iter().map(|r| r.1).collect(),
                other: dedup(asked_answers().filter_map(|(a, n)| match a {
                    Answer::Multi { other: Some(t), .. } => Some((t.as_str(), n)),
                    _ => None,
                })),
                mean_chosen: (answered > 0).then(|| round6(chosen as f64 / answered as f64)),
            }
        }
        Kind::Scale {
            levels,
            not_applicable,
            neutral,
        } => {
            let na: Vec<usize> = (0..not_applicable.len())
                .map(|i| count(NOT_APPLICABLE + i as i32))
                .collect();
            let rated = answered - na.iter().sum::<usize>();
            let counts: Vec<usize> = (0..levels.len()).map(|i| count(i as i32)).collect();
            let top2 = counts.iter().take(2).sum::<usize>();
            let mut top2_row = row(
                levels.first().unwrap_or(&levels[0]),
                top2,
                base,
                Some(rated),
            );
            top2_row.label = format!(
                "{} + {}",
                levels[0].label,
                levels.get(1).map_or("", |l| l.label.as_str())
            );
            top2_row.label_en = match (
                &levels[0].label_en,
                levels.get(1).and_then(|l| l.label_en.as_ref()),
            ) {
                (Some(a), Some(b)) => Some(format!("{a} + {b}")),
                _ => None,
            };
            Detail::Scale {
                rows: levels
                    .iter()
                    .zip(&counts)
                    .map(|(l, &c)| row(l, c, base, Some(rated)))
                    .collect(),
                not_applicable: not_applicable
                    .iter()
                    .zip(&na)
                    .map(|(l, &c)| row(l, c, base, None))
                    .collect(),
                neutral: *neutral,
                top2: (rated > 0).then_some(top2_row),
                median: median_level(&counts).map(|i| levels[i].label.clone()),
            }
        }
        Kind::Number { unit, unit_en, .. } | Kind::Bands { unit, unit_en, .. } => {
            let values: Vec<Option<f64>> = asked_answers()
                .filter_map(|(a, n)| match a {
                    Answer::Number { value, .. } => Some((Some(*value), n)),
                    Answer::Unknown(_) => Some((None, n)),
                    Answer::Choice(_) => Some((None, n)),
                    _ => None,
                })
                .flat_map(|(v, n)| std::iter::repeat_n(v, n))
                .collect();
            let unknown = count(UNKNOWN);
            let s = agg.stats.get(&(qi as u32)).copied().unwrap_or_default();
            let known = answered - unknown;
            let histogram: Vec<CategoryRow> = match &question.kind {
                Kind::Bands { bands, .. } => bands
                    .iter()
                    .enumerate()
                    .map(|(i, b)| row(&b.choice, count(i as i32), base, Some(known)))
                    .collect(),
                _ => nice_bins(&values.iter().flatten().copied().collect::<Vec<_>>())
                    .into_iter()
                    .map(|(choice, c)| row(&choice, c, base, Some(known)))
                    .collect(),
            };
            let top = histogram.iter().map(|r| r.count).max().unwrap_or(0);
            Detail::Number {
                unit: unit.clone(),
                unit_en: unit_en.clone(),
                values: s.n,
                unknown,
                unknown_texts: asked_answers()
                    .filter_map(|(a, n)| match a {
                        Answer::Unknown(t) => Some((t.clone(), n)),
                        _ => None,
                    })
                    .flat_map(|(t, n)| std::iter::repeat_n(t, n))
                    .collect(),
                mean: s.mean.map(round6),
                median: s.median.map(round6),
                sd: s.sd.filter(|x| x.is_finite()).map(round6),
                min: s.min,
                max: s.max,
                mode: if top == 0 {
                    Vec::new()
                } else {
                    histogram
                        .iter()
                        .filter(|r| r.count == top)
                        .map(|r| r.label.clone())
                        .collect()
                },
                histogram,
                list: if matches!(question.kind, Kind::Number { .. }) {
                    values
                } else {
                    Vec::new()
                },
            }
        }
        Kind::Text { motivation_for } => Detail::Text {
            answers: dedup(asked_answers().filter_map(|(a, n)| match a {
                Answer::Text(t) => Some((t.as_str(), n)),
                _ => None,
            })),
            motivation_for: motivation_for.clone(),
        },
        Kind::Personal { personal } => Detail::Personal {
            personal: format!("{personal:?}").to_lowercase(),
        },
    };
    QuestionSummary {
        id: question.id.clone(),
        text: question.text.clone(),
        label_en: question.label_en.clone(),
        short: question.short.clone(),
        short_en: question.short_en.clone(),
        group: question.group.clone(),
        kind: question.kind.name().to_string(),
        base,
        condition: question
            .only_if
            .as_ref()
            .map(|c| format!("{} = {}", c.question, c.answer)),
        answered,
        no_answer,
        invalid,
        detail,
    }
}

/// The level where the cumulative count first reaches half of the rated answers.
fn median_level(counts: &[usize]) -> Option<usize> {
    let total: usize = counts.iter().sum();
    if total == 0 {
        return None;
    }
    let mut cum = 0;
    counts.iter().position(|&c| {
        cum += c;
        2 * cum >= total
    })
}

/// Texts trimmed, through the privacy filter, deduplicated case- and
/// punctuation-insensitively, first-seen order; a hash of the folded text finds the
/// earlier one, so this is linear in the texts.
fn dedup<'a>(texts: impl Iterator<Item = (&'a str, usize)>) -> Vec<TextCount> {
    let mut out: Vec<TextCount> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (t, n) in texts {
        let redacted = peiling_core::privacy::scrub(t.trim());
        let t = redacted.as_str();
        if t.is_empty() {
            continue;
        }
        match index.entry(normalize(t)) {
            std::collections::hash_map::Entry::Occupied(e) => out[*e.get()].count += n,
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(out.len());
                out.push(TextCount {
                    text: t.to_string(),
                    count: n,
                });
            }
        }
    }
    out
}

/// Equal-width bins of a round width (1, 2, 5 × 10^k), at most 8 of them.
fn nice_bins(values: &[f64]) -> Vec<(peiling_survey::Choice, usize)> {
    let (Some(lo), Some(hi)) = (
        values.iter().copied().reduce(f64::min),
        values.iter().copied().reduce(f64::max),
    ) else {
        return Vec::new();
    };
    let span = (hi - lo).max(1.0);
    let mut width = 1.0;
    'outer: for exp in 0..12 {
        for m in [1.0, 2.0, 5.0] {
            width = m * 10f64.powi(exp);
            if span / width <= 7.0 {
                break 'outer;
            }
        }
    }
    let start = (lo / width).floor() * width;
    let mut bins = Vec::new();
    let mut from = start;
    while from <= hi {
        let to = from + width;
        let c = values.iter().filter(|&&v| v >= from && v < to).count();
        let label = if width == 1.0 {
            format!("{from}")
        } else {
            format!("{}-{}", from, to - 1.0)
        };
        bins.push((
            peiling_survey::Choice {
                label,
                label_en: None,
                synonyms: Vec::new(),
                code: None,
                themes: Vec::new(),
                exclusive: false,
            },
            c,
        ));
        from = to;
    }
    bins
}
