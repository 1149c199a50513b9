//! What a trend needs of one edition, counted one edition at a time: per question and
//! label the rows with that category, per question the respondents with a category,
//! and the demand for the catalogue's themes. An edition's tidy rows are tallied block
//! by block as the import streams them and then dropped; what is kept is a small polars
//! frame of counts per edition, so memory does not grow with the editions' rows.

use peiling_analysis::merge::Threads;
use peiling_analysis::AnalysisOptions;
use peiling_survey::{ImportOptions, Input, Survey, SurveyPlan};
use polars::prelude::*;

use crate::series::{EditionRef, Series};
use crate::tidy::{Label, PartInfo, Tidy};
use crate::PanelError;

/// The theme demand of one questionnaire of an edition (the analysis' own figures).
#[derive(Debug, Clone)]
pub struct PartThemes {
    pub questionnaire: String,
    pub audience: String,
    /// Respondents of the part (the n of every theme).
    pub respondents: u32,
    /// (theme, respondents who chose an option feeding it), in the analysis' order.
    pub themes: Vec<(String, u32)>,
}

/// The counts of one edition, in the series' question ids and labels.
#[derive(Debug, Clone)]
pub struct EditionCounts {
    pub year: i32,
    /// The edition's survey id.
    pub survey: String,
    /// Its questionnaires and their questions (lined up with the series).
    pub parts: Vec<PartInfo>,
    /// Columns questionnaire, question, edition, label, n: rows with that category.
    pub by_label: DataFrame,
    /// Columns questionnaire, question, edition, n: respondents with a category.
    pub by_question: DataFrame,
    pub themes: Vec<PartThemes>,
}

/// Running counts over tidy rows, by part, question slot and category index.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    /// [part][slot][category]: rows.
    rows: Vec<Vec<Vec<u32>>>,
    /// [part][slot]: respondents with a category, and the last one counted.
    respondents: Vec<Vec<(u32, u32)>>,
}

impl Tally {
    /// Adds the rows of `tidy` (a block of one survey, blocks in order).
    pub(crate) fn add(&mut self, tidy: &Tidy) {
        for (pi, part) in tidy.parts.iter().enumerate() {
            if self.rows.len() <= pi {
                self.rows.push(
                    part.questions
                        .iter()
                        .map(|q| vec![0; q.labels.len()])
                        .collect(),
                );
                self.respondents.push(vec![(0, 0); part.questions.len()]);
            }
        }
        for row in &tidy.rows {
            let Label::Category(c) = row.label else {
                continue;
            };
            let (p, s) = (row.part as usize, row.question as usize);
            if let Some(n) = self.rows[p][s].get_mut(c as usize) {
                *n += 1;
            }
            let (count, last) = &mut self.respondents[p][s];
            if *last != row.respondent {
                *count += 1;
                *last = row.respondent;
            }
        }
    }

    /// The counts as small frames, keyed by the (lined-up) ids and labels of `parts`.
    fn frames(
        &self,
        edition: &str,
        parts: &[PartInfo],
    ) -> Result<(DataFrame, DataFrame), PanelError> {
        let (mut lq, mut lid, mut llabel, mut ln) = (vec![], vec![], vec![], vec![]);
        let (mut qq, mut qid, mut qn) = (vec![], vec![], vec![]);
        for (p, part) in parts.iter().enumerate() {
            for (s, q) in part.questions.iter().enumerate() {
                let respondents = self.respondents.get(p).map_or(0, |r| r[s].0);
                if respondents == 0 {
                    continue;
                }
                qq.push(part.questionnaire.as_str());
                qid.push(q.id.as_str());
                qn.push(respondents);
                for (c, label) in q.labels.iter().enumerate() {
                    let n = self.rows[p][s][c];
                    if n > 0 {
                        lq.push(part.questionnaire.as_str());
                        lid.push(q.id.as_str());
                        llabel.push(label.as_str());
                        ln.push(n);
                    }
                }
            }
        }
        let by_label = df!(
            "questionnaire" => lq,
            "question" => lid,
            "edition" => vec![edition; ln.len()],
            "label" => llabel,
            "n" => ln,
        )?;
        let by_question = df!(
            "questionnaire" => qq,
            "question" => qid,
            "edition" => vec![edition; qn.len()],
            "n" => qn,
        )?;
        // Two categories or questions the series gives one label or id add up.
        let by_label = by_label
            .lazy()
            .group_by_stable([
                col("questionnaire"),
                col("question"),
                col("edition"),
                col("label"),
            ])
            .agg([col("n").sum()])
            .collect()?;
        let by_question = by_question
            .lazy()
            .group_by_stable([col("questionnaire"), col("question"), col("edition")])
            .agg([col("n").sum()])
            .collect()?;
        Ok((by_label, by_question))
    }
}

impl EditionCounts {
    /// The counts of a survey already loaded whole (its tidy rows built at once).
    pub fn of_survey(series: &Series, year: i32, survey: &Survey) -> Result<Self, PanelError> {
        let tidy = series.line_up(year, Tidy::from_survey(survey))?;
        let mut tally = Tally::default();
        tally.add(&tidy);
        let summary = peiling_analysis::analyze(survey, &all())
            .map_err(|e| PanelError::Frame(e.to_string()))?;
        Self::finish(year, &survey.id, tidy.parts, &tally, themes(&summary))
    }

    /// The counts of edition `e` of `series`, its exports streamed block by block
    /// (loaded whole where they cannot be streamed).
    pub fn of_edition(
        series: &Series,
        e: &EditionRef,
        import: &ImportOptions,
    ) -> Result<Self, PanelError> {
        let edition_error = |source| PanelError::Edition {
            edition: e.year.to_string(),
            source,
        };
        let mut tally = Tally::default();
        let streamed = match SurveyPlan::load(&e.path) {
            Ok(plan) => crate::stream::stream(&plan, import, &mut |block| {
                tally.add(block);
                Ok(())
            })?,
            Err(_) => None,
        };
        let (survey_id, parts) = match streamed {
            Some(s) => (s.tidy.survey.clone(), series.line_up(e.year, s.tidy)?.parts),
            None => {
                // Not streamable: loaded whole (which also words any import error).
                let survey = Survey::load(&e.path, import).map_err(edition_error)?;
                return Self::of_survey(series, e.year, &survey);
            }
        };
        let summary = peiling_analysis::summary(
            &Input::Path(&e.path),
            import,
            &all(),
            Threads::one(),
            &mut |_, _| {},
        )
        .map_err(|err| match err {
            peiling_analysis::SummaryError::Survey(source) => edition_error(source),
            peiling_analysis::SummaryError::Analysis(err) => PanelError::Frame(err.to_string()),
        })?;
        Self::finish(e.year, &survey_id, parts, &tally, themes(&summary))
    }

    fn finish(
        year: i32,
        survey: &str,
        parts: Vec<PartInfo>,
        tally: &Tally,
        themes: Vec<PartThemes>,
    ) -> Result<Self, PanelError> {
        let (by_label, by_question) = tally.frames(&year.to_string(), &parts)?;
        Ok(EditionCounts {
            year,
            survey: survey.to_string(),
            parts,
            by_label,
            by_question,
            themes,
        })
    }
}

/// Every respondent, no filter, no suppression: the counts themselves.
fn all() -> AnalysisOptions {
    AnalysisOptions {
        filters: Vec::new(),
        by: None,
        min_group: 0,
    }
}

fn themes(summary: &peiling_analysis::Summary) -> Vec<PartThemes> {
    summary
        .parts
        .iter()
        .map(|part| PartThemes {
            questionnaire: part.questionnaire.clone(),
            audience: part.audience.clone(),
            respondents: part.respondents as u32,
            themes: part
                .theme_demand
                .iter()
                .map(|t| (t.theme.clone(), t.respondents as u32))
                .collect(),
        })
        .collect()
}
