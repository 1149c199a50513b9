//! The streaming analysis: exports are read block by block and aggregated on the fly,
//! so a survey of millions of rows is analysed in memory that grows with its distinct
//! answers, not its rows. [`PartAccumulator`] is the one engine: [`crate::analyze`]
//! feeds a loaded survey through it too, for whatever cannot be streamed.
//!
//! Per accepted row the importer hands over one dictionary id per question
//! ([`peiling_survey::import::stream`]); everything a figure needs is derived once per
//! (question, id): its category codes, which filters and conditions it meets, which
//! themes it feeds. Per row only counters move.

use std::collections::HashMap;

use peiling_survey::import::stream::{Dictionary, StreamReport};
use peiling_survey::import::stream_part;
use peiling_survey::normalize::normalize;
use peiling_survey::{
    Answer, DataSource, ImportOptions, Kind, PlannedPart, Questionnaire, SurveyPlan,
};

use crate::aggregates::{Aggregates, NumericStats, INVALID, NOT_APPLICABLE, NO_ANSWER, NO_BAND};
use crate::aggregates::{TEXT, UNKNOWN};
use crate::analyze::{find, resolve, summarise, theme_demand, AnalysisOptions, AskedAnswers};
use crate::crosstab::{categories, crosstab};
use crate::merge::{analyze_part_on, Threads};
use crate::reliability::{reliability_groups, reliability_of};
use crate::summary::*;
use crate::{AnalysisError, AnalysisOption};

/// Analyses `plan` by streaming its exports. `Ok(None)`: some part cannot be streamed
/// (or has an import error to report); use [`crate::analyze`] on the loaded survey
/// instead, which gives the canonical result or error. An error about the options (an
/// unknown question in --where or --by) is the one the reference would give.
/// `progress` gets (bytes read, bytes total).
pub fn analyze_streaming(
    plan: &SurveyPlan,
    import: &ImportOptions,
    opts: &AnalysisOptions,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Option<Summary>, AnalysisError> {
    analyze_streaming_on(plan, import, opts, Threads::one(), progress)
}

/// [`analyze_streaming`] with each CSV export cut into `threads.count` chunks, run by
/// `threads.runner` and merged: the same summary, byte for byte.
pub fn analyze_streaming_on(
    plan: &SurveyPlan,
    import: &ImportOptions,
    opts: &AnalysisOptions,
    threads: Threads<'_>,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Option<Summary>, AnalysisError> {
    let total: u64 = plan
        .parts
        .iter()
        .map(|p| match &p.data {
            DataSource::File(path) => std::fs::metadata(path).map_or(0, |m| m.len()),
            DataSource::Memory(b) => b.len() as u64,
        })
        .sum();
    let questionnaires: Vec<&Questionnaire> = plan.parts.iter().map(|p| &p.questionnaire).collect();
    // A flag that fits no part is refused after the exports are read, as in the reference.
    let (scoped, mut failed) = match opts.per_part(&questionnaires) {
        Ok(scoped) => (scoped, None),
        Err(e) => (vec![None; plan.parts.len()], Some(e)),
    };
    let mut done = 0u64;
    let mut parts = Vec::with_capacity(plan.parts.len());
    for (part, own) in plan.parts.iter().zip(&scoped) {
        let mut last = 0u64;
        let mut on_progress = |n: u64| {
            progress(done + n, total);
            last = n;
        };
        let summary = analyze_part_on(part, import, own.as_ref(), threads, &mut on_progress);
        done += last;
        match summary {
            Ok(Some(Some(s))) => parts.push(s),
            // Left out by a filter on a question this part does not ask.
            Ok(Some(None)) => {}
            Ok(None) => return Ok(None),
            // An import error (strict mode) stops the reading, as when loading whole.
            Err(e @ AnalysisError::Import(_)) => return Err(e),
            // As in the reference, every export is read before a flag is refused: an
            // import error in a later part (it gives `None`) comes first.
            Err(e) => {
                failed.get_or_insert(e);
            }
        }
    }
    if let Some(e) = failed {
        return Err(e);
    }
    let mut summary = Summary {
        schema: SCHEMA.to_string(),
        survey: SurveyInfo {
            id: plan.id.clone(),
            title: plan.title.clone(),
            title_en: plan.title_en.clone(),
            partnership: plan.partnership.clone(),
            edition: plan.edition.clone(),
            about: plan.about.clone(),
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
    Ok(Some(summary))
}

/// One part: stream its export into a [`PartAccumulator`] and summarise (two passes
/// when second submissions are dropped, see [`stream_part`]). Without options (the
/// part is left out of this analysis) the export is only read, so that its import
/// errors are not missed: `Some(None)` when it reads cleanly. Strict mode's error is
/// the import's.
pub fn analyze_part(
    part: &PlannedPart,
    import: &ImportOptions,
    opts: Option<&AnalysisOptions>,
    progress: &mut dyn FnMut(u64),
) -> Result<Option<Option<PartSummary>>, AnalysisError> {
    let q = &part.questionnaire;
    let read_only =
        |progress: &mut dyn FnMut(u64)| match stream_part(part, import, progress, &mut |_, _| {}) {
            Some(report) => strict(&report, import).map(|()| Some(None)),
            None => Ok(None),
        };
    let Some(opts) = opts else {
        return read_only(progress);
    };
    let mut acc = match PartAccumulator::new(q, opts) {
        Ok(acc) => acc,
        // The export is still read: its import errors come before this one.
        Err(e) => {
            return match read_only(progress)? {
                Some(_) => Err(e),
                None => Ok(None),
            }
        }
    };
    let Some(report) = stream_part(part, import, progress, &mut |ids, dicts| {
        acc.row(ids, dicts)
    }) else {
        return Ok(None);
    };
    strict(&report, import)?;
    Ok(Some(Some(acc.finish(part, &report, opts))))
}

/// In strict mode, any problem of the import is its error.
pub(crate) fn strict(report: &StreamReport, import: &ImportOptions) -> Result<(), AnalysisError> {
    match report.strict_error() {
        Some(e) if import.strict => Err(AnalysisError::Import(e)),
        _ => Ok(()),
    }
}

/// What the import counted of a part, repeated in its summary.
#[derive(Debug, Clone, Default)]
pub struct Accounting {
    pub rows_read: usize,
    pub rows_rejected: usize,
    pub last_submission: Option<String>,
    pub missing_questions: Vec<String>,
}

/// A test of one question's answer: does it say `wanted`? Cached per dictionary id.
struct AnswerTest {
    qi: usize,
    wanted: String,
    /// Per id: 0 not yet known, 1 no, 2 yes.
    cache: Vec<u8>,
}

/// What one (question, dictionary id) contributes, derived once.
#[derive(Default, Clone)]
struct IdInfo {
    /// Answer codes (several for multi-select).
    codes: Vec<i32>,
    /// Categories for cross-tabs.
    categories: Vec<usize>,
    /// Bit t: feeds theme t.
    themes: u128,
    /// Scale level for reliability.
    level: Option<usize>,
}

/// Running aggregates of one part.
pub struct PartAccumulator<'q> {
    q: &'q Questionnaire,
    tests: Vec<AnswerTest>,
    filters: Vec<usize>,
    /// Per question: the test of its `only_if`.
    conditions: Vec<Option<usize>>,
    info: Vec<Vec<IdInfo>>,
    pub(crate) respondents: usize,
    pub(crate) base: Vec<usize>,
    /// Per question, per id: how many asked respondents gave it, and from which
    /// respondent on (first-seen order of texts).
    pub(crate) counts: Vec<Vec<usize>>,
    pub(crate) first_seen: Vec<Vec<usize>>,
    /// Per number question: ids in respondent order (its values are listed); per
    /// bands question: the ids of "unknown" answers in order.
    pub(crate) ordered: Vec<Option<Vec<u32>>>,
    themes: Vec<String>,
    pub(crate) theme_respondents: Vec<usize>,
    /// Per reliability group: items, levels, complete cases, sums of items, of their
    /// squares, of totals and of squared totals (exact integers).
    pub(crate) reliability: Vec<ReliabilitySums>,
    by: Option<usize>,
    /// Per question: counts[category][group] when cross-tabulated.
    pub(crate) crosstabs: Vec<Option<Vec<Vec<usize>>>>,
}

pub(crate) struct ReliabilitySums {
    items: Vec<usize>,
    k: usize,
    pub(crate) n: u64,
    pub(crate) sum: Vec<i128>,
    pub(crate) sumsq: Vec<i128>,
    pub(crate) total: i128,
    pub(crate) totalsq: i128,
}

impl<'q> PartAccumulator<'q> {
    pub fn new(q: &'q Questionnaire, opts: &AnalysisOptions) -> Result<Self, AnalysisError> {
        let mut tests: Vec<AnswerTest> = Vec::new();
        let mut test = |qi: usize, wanted: String| -> usize {
            match tests.iter().position(|t| t.qi == qi && t.wanted == wanted) {
                Some(i) => i,
                None => {
                    tests.push(AnswerTest {
                        qi,
                        wanted,
                        cache: Vec::new(),
                    });
                    tests.len() - 1
                }
            }
        };
        let mut filters = Vec::new();
        for f in &opts.filters {
            let (qi, question) = resolve(q, &f.question, AnalysisOption::Filter)?;
            if question.is_personal() {
                return Err(AnalysisError::Request {
                    option: AnalysisOption::Filter,
                    value: None,
                    problem: format!(
                        "\"{}\" is personal data and cannot be used as a filter",
                        f.question
                    ),
                });
            }
            filters.push(test(qi, normalize(&f.value)));
        }
        let mut conditions = Vec::with_capacity(q.questions.len());
        for question in &q.questions {
            conditions.push(match &question.only_if {
                None => None,
                Some(cond) => {
                    let (ci, _) = find(q, &cond.question)
                        .map_err(|m| AnalysisError::Invalid(format!("only_if: {m}")))?;
                    Some(test(ci, normalize(&cond.answer)))
                }
            });
        }
        let mut themes: Vec<String> = Vec::new();
        for question in &q.questions {
            for choice in question.kind.categories() {
                for link in &choice.themes {
                    if !themes.contains(&link.theme) {
                        themes.push(link.theme.clone());
                    }
                }
            }
        }
        if themes.len() > 128 {
            return Err(AnalysisError::Invalid(
                "more than 128 themes: the streaming analysis does not handle them".into(),
            ));
        }
        let by = match &opts.by {
            Some(by) => {
                let (bi, by_q) = resolve(q, by, AnalysisOption::GroupBy)?;
                if by_q.kind.categories().is_empty() {
                    return Err(AnalysisError::Request {
                        option: AnalysisOption::GroupBy,
                        value: None,
                        problem: format!(
                            "\"{by}\" is a {} question; group by a question with options",
                            by_q.kind.name()
                        ),
                    });
                }
                Some(bi)
            }
            None => None,
        };
        let groups = by.map_or(0, |bi| q.questions[bi].kind.categories().len());
        let n = q.questions.len();
        Ok(PartAccumulator {
            q,
            tests,
            filters,
            conditions,
            info: vec![Vec::new(); n],
            respondents: 0,
            base: vec![0; n],
            counts: vec![Vec::new(); n],
            first_seen: vec![Vec::new(); n],
            ordered: q
                .questions
                .iter()
                .map(|question| {
                    matches!(question.kind, Kind::Number { .. } | Kind::Bands { .. }).then(Vec::new)
                })
                .collect(),
            theme_respondents: vec![0; themes.len()],
            themes,
            reliability: reliability_groups(q)
                .into_iter()
                .map(|(k, items)| ReliabilitySums {
                    k,
                    n: 0,
                    sum: vec![0; items.len()],
                    sumsq: vec![0; items.len()],
                    total: 0,
                    totalsq: 0,
                    items,
                })
                .collect(),
            crosstabs: q
                .questions
                .iter()
                .enumerate()
                .map(|(qi, question)| {
                    let cats = question.kind.categories().len();
                    (by.is_some_and(|bi| bi != qi) && cats > 0).then(|| vec![vec![0; groups]; cats])
                })
                .collect(),
            by,
        })
    }

    /// Derives what the new dictionary ids of each question contribute.
    pub(crate) fn grow(&mut self, dicts: &[Dictionary]) {
        for (qi, d) in dicts.iter().enumerate() {
            let have = self.info[qi].len();
            if have == d.answers.len() {
                continue;
            }
            let question = &self.q.questions[qi];
            let cats = question.kind.categories();
            for answer in &d.answers[have..] {
                // Personal data counts as answered or not like any answer (its text is
                // not kept in the dictionary).
                let codes = match answer {
                    Answer::NoAnswer => vec![NO_ANSWER],
                    Answer::Invalid(_) => vec![INVALID],
                    Answer::Choice(i) => vec![*i as i32],
                    Answer::NotApplicable(i) => vec![NOT_APPLICABLE + *i as i32],
                    Answer::Multi { chosen, .. } => chosen.iter().map(|&c| c as i32).collect(),
                    Answer::Number { band, .. } => vec![band.map_or(NO_BAND, |b| b as i32)],
                    Answer::Unknown(_) => vec![UNKNOWN],
                    Answer::Text(_) => vec![TEXT],
                };
                let mut themes = 0u128;
                for (ci, choice) in cats.iter().enumerate() {
                    if crate::analyze::chooses(answer, ci) {
                        for link in &choice.themes {
                            if let Some(t) = self.themes.iter().position(|x| *x == link.theme) {
                                themes |= 1 << t;
                            }
                        }
                    }
                }
                self.info[qi].push(IdInfo {
                    codes,
                    categories: categories(answer),
                    themes,
                    level: match answer {
                        Answer::Choice(l) => Some(*l),
                        _ => None,
                    },
                });
            }
            self.counts[qi].resize(d.answers.len(), 0);
            self.first_seen[qi].resize(d.answers.len(), usize::MAX);
        }
        for t in &mut self.tests {
            let d = &dicts[t.qi];
            t.cache.resize(d.answers.len(), 0);
        }
    }

    fn check(&mut self, t: usize, ids: &[u32], dicts: &[Dictionary]) -> bool {
        let test = &mut self.tests[t];
        let id = ids[test.qi] as usize;
        match test.cache[id] {
            1 => false,
            2 => true,
            _ => {
                let question = &self.q.questions[test.qi];
                let yes = question.answer_is(&dicts[test.qi].answers[id], &test.wanted);
                test.cache[id] = if yes { 2 } else { 1 };
                yes
            }
        }
    }

    /// One accepted row.
    pub fn row(&mut self, ids: &[u32], dicts: &[Dictionary]) {
        self.grow(dicts);
        for i in 0..self.filters.len() {
            if !self.check(self.filters[i], ids, dicts) {
                return;
            }
        }
        let r = self.respondents;
        self.respondents += 1;
        let mut themes = 0u128;
        for qi in 0..ids.len() {
            let asked = match self.conditions[qi] {
                None => true,
                Some(t) => self.check(t, ids, dicts),
            };
            if !asked {
                continue;
            }
            let id = ids[qi] as usize;
            self.base[qi] += 1;
            self.counts[qi][id] += 1;
            if self.first_seen[qi][id] == usize::MAX {
                self.first_seen[qi][id] = r;
            }
            themes |= self.info[qi][id].themes;
            if let Some(list) = &mut self.ordered[qi] {
                let keep = matches!(self.q.questions[qi].kind, Kind::Number { .. })
                    || matches!(dicts[qi].answers[id], Answer::Unknown(_));
                if keep {
                    list.push(id as u32);
                }
            }
        }
        while themes != 0 {
            let t = themes.trailing_zeros() as usize;
            self.theme_respondents[t] += 1;
            themes &= themes - 1;
        }
        for g in &mut self.reliability {
            let k = g.k as i128;
            let mut total = 0i128;
            let complete = g.items.iter().all(|&qi| {
                self.info[qi][ids[qi] as usize].level.is_some_and(|l| {
                    total += k - l as i128;
                    true
                })
            });
            if complete {
                g.n += 1;
                for (j, &qi) in g.items.iter().enumerate() {
                    let v = k - self.info[qi][ids[qi] as usize].level.unwrap_or(0) as i128;
                    g.sum[j] += v;
                    g.sumsq[j] += v * v;
                }
                g.total += total;
                g.totalsq += total * total;
            }
        }
        if let Some(bi) = self.by {
            let groups = &self.info[bi][ids[bi] as usize].categories;
            if !groups.is_empty() {
                for (qi, table) in self.crosstabs.iter_mut().enumerate() {
                    let Some(table) = table else { continue };
                    for &c in &self.info[qi][ids[qi] as usize].categories {
                        for &g in groups {
                            if let Some(cell) = table.get_mut(c).and_then(|row| row.get_mut(g)) {
                                *cell += 1;
                            }
                        }
                    }
                }
            }
        }
    }

    /// The part's summary after its streamed import.
    pub fn finish(
        self,
        part: &PlannedPart,
        report: &StreamReport,
        opts: &AnalysisOptions,
    ) -> PartSummary {
        let accounting = Accounting {
            rows_read: report.rows_read,
            rows_rejected: report.rows_rejected(),
            last_submission: report.last_submission.clone(),
            missing_questions: report.missing_questions.clone(),
        };
        self.summary(part.population, accounting, &report.dictionaries, opts)
    }

    /// The part's summary: its figures from the counts, `dicts` being the answers the
    /// rows' ids point at, and the import's `accounting`.
    pub fn summary(
        self,
        population: Option<u32>,
        accounting: Accounting,
        dicts: &[Dictionary],
        opts: &AnalysisOptions,
    ) -> PartSummary {
        let q = self.q;
        let agg = self.aggregates(dicts);
        let questions = q
            .questions
            .iter()
            .enumerate()
            .map(|(qi, question)| {
                let answers = &dicts[qi].answers;
                let asked = || -> AskedAnswers<'_> {
                    match &self.ordered[qi] {
                        Some(list) => Box::new(list.iter().map(|&id| (&answers[id as usize], 1))),
                        None => {
                            let mut ids: Vec<usize> = (0..self.counts[qi].len())
                                .filter(|&id| self.counts[qi][id] > 0)
                                .collect();
                            ids.sort_by_key(|&id| self.first_seen[qi][id]);
                            Box::new(
                                ids.into_iter()
                                    .map(|id| (&answers[id], self.counts[qi][id])),
                            )
                        }
                    }
                };
                summarise(question, qi, self.base[qi], &asked, &agg)
            })
            .collect();
        let crosstabs = match self.by {
            Some(bi) => self
                .crosstabs
                .iter()
                .enumerate()
                .filter_map(|(qi, t)| {
                    t.as_ref()
                        .map(|t| crosstab(&q.questions[qi], &q.questions[bi], t, opts.min_group))
                })
                .collect(),
            None => Vec::new(),
        };
        let respondents_per_theme: HashMap<String, usize> = self
            .themes
            .iter()
            .cloned()
            .zip(self.theme_respondents.iter().copied())
            .collect();
        let reliability = self
            .reliability
            .iter()
            .enumerate()
            .map(|(si, g)| reliability_of(q, si, g.n as usize, alpha(g)))
            .collect();
        let respondents = self.respondents;
        PartSummary {
            questionnaire: q.id.clone(),
            title: q.title.clone(),
            title_en: q.title_en.clone(),
            audience: q.audience.clone(),
            population,
            respondents,
            rows_read: accounting.rows_read,
            rows_rejected: accounting.rows_rejected,
            last_submission: accounting.last_submission,
            missing_questions: accounting.missing_questions,
            response_rate: population
                .filter(|&p| p > 0 && opts.filters.is_empty())
                .map(|p| respondents as f64 / p as f64),
            questions,
            reliability,
            groups: q.groups.clone(),
            crosstabs,
            theme_demand: theme_demand(q, &agg, &respondents_per_theme),
        }
    }

    /// Counts per (question, code) and numeric statistics, from the per-id counts.
    fn aggregates(&self, dicts: &[Dictionary]) -> Aggregates {
        let mut agg = Aggregates::default();
        for (qi, counts) in self.counts.iter().enumerate() {
            let mut values: Vec<(f64, usize)> = Vec::new();
            for (id, &n) in counts.iter().enumerate() {
                if n == 0 {
                    continue;
                }
                for &code in &self.info[qi][id].codes {
                    *agg.counts.entry((qi as u32, code)).or_default() += n;
                }
                if let Answer::Number { value, .. } = dicts[qi].answers[id] {
                    if !self.q.questions[qi].is_personal() {
                        values.push((value, n));
                    }
                }
            }
            if let Some(s) = numeric_stats(values) {
                agg.stats.insert(qi as u32, s);
            }
        }
        agg
    }
}

/// Mean, median (midpoint of the two middle values), sample sd, min and max of values
/// given with their multiplicities.
fn numeric_stats(mut values: Vec<(f64, usize)>) -> Option<NumericStats> {
    values.sort_by(|a, b| a.0.total_cmp(&b.0));
    let n: usize = values.iter().map(|v| v.1).sum();
    if n == 0 {
        return None;
    }
    let mean = values.iter().map(|&(v, c)| v * c as f64).sum::<f64>() / n as f64;
    let nth = |k: usize| {
        let mut cum = 0;
        values
            .iter()
            .find(|&&(_, c)| {
                cum += c;
                cum > k
            })
            .map_or(f64::NAN, |v| v.0)
    };
    let (lo, hi) = (nth((n - 1) / 2), nth(n / 2));
    let median = lo + (hi - lo) * if n % 2 == 0 { 0.5 } else { 0.0 };
    let sd = (n > 1).then(|| {
        let ss: f64 = values
            .iter()
            .map(|&(v, c)| (v - mean).powi(2) * c as f64)
            .sum();
        (ss / (n - 1) as f64).sqrt()
    });
    Some(NumericStats {
        n,
        mean: Some(mean),
        median: Some(median),
        sd,
        min: values.first().map(|v| v.0),
        max: values.last().map(|v| v.0),
    })
}

/// Cronbach's alpha from exact sums: the same figure as [`stats::cronbach_alpha`].
fn alpha(g: &ReliabilitySums) -> Option<f64> {
    let k = g.items.len();
    if k < 2 || g.n < 2 {
        return None;
    }
    let n = g.n as i128;
    // n(n-1) var = n Σx² - (Σx)², exact in integers.
    let var = |sum: i128, sumsq: i128| (n * sumsq - sum * sum) as f64 / (n * (n - 1)) as f64;
    let item_var: f64 = g.sum.iter().zip(&g.sumsq).map(|(&s, &q)| var(s, q)).sum();
    let total_var = var(g.total, g.totalsq);
    (total_var > 0.0).then(|| k as f64 / (k - 1) as f64 * (1.0 - item_var / total_var))
}
