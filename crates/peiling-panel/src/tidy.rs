//! The tidy (long) form of a survey's validated responses: one row per respondent x
//! question x chosen category, as a polars frame, Parquet or CSV (docs/tidy-schema.md).
//!
//! Every accepted respondent has at least one row for every question that is not
//! personal: a question not put to them (its `only_if` did not hold) is a row with
//! status "not asked", an empty cell one with "geen antwoord". Personal questions (names,
//! e-mail addresses) and free texts never enter the rows: a text answer is a row with
//! status "answered" and no label.

use std::io::Write;

use peiling_core::privacy::scrub;
use peiling_survey::normalize::normalize;
use peiling_survey::{Answer, Kind, Questionnaire, Survey};
use polars::prelude::*;

use crate::write::{Format, TidyWriter};
use crate::PanelError;

/// The columns of the tidy data, in order.
pub const COLUMNS: [&str; 12] = [
    "edition",
    "survey",
    "questionnaire",
    "audience",
    "respondent",
    "question",
    "question_text",
    "kind",
    "status",
    "category",
    "label",
    "value",
];

/// What a row says about the respondent's answer to the question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// An option, level, band, number or text (multi-select: one row per option chosen).
    Answered,
    /// The cell was empty.
    NoAnswer,
    /// A scale's not-applicable level ("n.v.t.").
    NotApplicable,
    /// A marker such as "???": answered, value unknown.
    Unknown,
    /// The cell held something the question does not accept (a listed problem).
    Invalid,
    /// The question's `only_if` did not hold: it was not put to this respondent.
    NotAsked,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Answered,
        Status::NoAnswer,
        Status::NotApplicable,
        Status::Unknown,
        Status::Invalid,
        Status::NotAsked,
    ];

    /// The value of the `status` column.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Answered => "answered",
            Status::NoAnswer => "geen antwoord",
            Status::NotApplicable => "n.v.t.",
            Status::Unknown => "unknown",
            Status::Invalid => "invalid",
            Status::NotAsked => "not asked",
        }
    }

    /// Counts as answered in the figures (`analyze`'s `answered`).
    pub fn is_answered(self) -> bool {
        matches!(
            self,
            Status::Answered | Status::NotApplicable | Status::Unknown
        )
    }
}

/// One question of a part, with its texts already through the privacy filter.
#[derive(Debug, Clone)]
pub struct QuestionInfo {
    pub id: String,
    pub text: String,
    pub text_en: Option<String>,
    pub kind: &'static str,
    /// The categories' labels (options, levels, bands; yes/no), in questionnaire order.
    pub labels: Vec<String>,
    pub labels_en: Vec<Option<String>>,
    /// The categories are ordered (scale levels, bands): a trend test applies.
    pub ordered: bool,
    /// A scale's not-applicable labels.
    pub not_applicable: Vec<String>,
}

/// One questionnaire (audience) of the survey.
#[derive(Debug, Clone)]
pub struct PartInfo {
    pub questionnaire: String,
    pub audience: String,
    /// Accepted respondents of the part's export.
    pub respondents: u32,
    /// The questions that are in the tidy data (personal ones left out).
    pub questions: Vec<QuestionInfo>,
}

/// The label a row carries.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Label {
    None,
    Category(u32),
    NotApplicable(u32),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Row {
    pub(crate) part: u16,
    pub(crate) question: u32,
    pub(crate) respondent: u32,
    pub(crate) status: Status,
    pub(crate) label: Label,
    pub(crate) value: Option<f64>,
}

/// A survey's responses in long form.
#[derive(Debug, Clone)]
pub struct Tidy {
    pub edition: Option<String>,
    pub survey: String,
    pub parts: Vec<PartInfo>,
    pub(crate) rows: Vec<Row>,
}

/// Turns one part's respondents into rows: the questions kept (personal ones left out)
/// and the `only_if` rules, derived once per part.
pub(crate) struct PartRows<'q> {
    q: &'q Questionnaire,
    part: u16,
    rules: Vec<Option<(usize, String)>>,
    /// Questionnaire indices of the questions in the tidy data.
    kept: Vec<usize>,
}

impl<'q> PartRows<'q> {
    pub(crate) fn new(q: &'q Questionnaire, part: usize) -> Self {
        PartRows {
            q,
            part: part as u16,
            rules: conditions(q),
            kept: (0..q.questions.len())
                .filter(|&i| !q.questions[i].is_personal())
                .collect(),
        }
    }

    /// The part's description, with no respondents counted yet.
    pub(crate) fn info(&self) -> PartInfo {
        PartInfo {
            questionnaire: self.q.id.clone(),
            audience: scrub(&self.q.audience),
            respondents: 0,
            questions: self.kept.iter().map(|&qi| info(self.q, qi)).collect(),
        }
    }

    /// Appends the rows of respondent number `respondent`, whose answer to question
    /// `qi` is `answer(qi)` (`None`: no answer).
    pub(crate) fn respondent<'a>(
        &self,
        respondent: u32,
        answer: impl Fn(usize) -> Option<&'a Answer>,
        rows: &mut Vec<Row>,
    ) {
        let asked = asked(self.q, &self.rules, &answer);
        for (slot, &qi) in self.kept.iter().enumerate() {
            let mut push = |status, label, value| {
                rows.push(Row {
                    part: self.part,
                    question: slot as u32,
                    respondent,
                    status,
                    label,
                    value,
                });
            };
            if !asked[qi] {
                push(Status::NotAsked, Label::None, None);
                continue;
            }
            let kind = &self.q.questions[qi].kind;
            match answer(qi).unwrap_or(&Answer::NoAnswer) {
                Answer::NoAnswer => push(Status::NoAnswer, Label::None, None),
                Answer::Invalid(_) => push(Status::Invalid, Label::None, None),
                Answer::Unknown(_) => push(Status::Unknown, Label::None, None),
                Answer::Text(_) => push(Status::Answered, Label::None, None),
                Answer::NotApplicable(i) => {
                    push(Status::NotApplicable, Label::NotApplicable(*i as u32), None)
                }
                Answer::Choice(i) => push(
                    Status::Answered,
                    Label::Category(*i as u32),
                    category_value(kind, *i),
                ),
                Answer::Multi { chosen, .. } if chosen.is_empty() => {
                    push(Status::Answered, Label::None, None)
                }
                Answer::Multi { chosen, .. } => {
                    for &c in chosen {
                        push(Status::Answered, Label::Category(c as u32), None);
                    }
                }
                Answer::Number { value, band } => push(
                    Status::Answered,
                    band.map_or(Label::None, |b| Label::Category(b as u32)),
                    Some(*value),
                ),
            }
        }
    }
}

impl Tidy {
    /// The long form of every accepted response of `survey`.
    pub fn from_survey(survey: &Survey) -> Tidy {
        let mut tidy = Tidy::empty(survey.edition.as_deref(), &survey.id);
        for (pi, part) in survey.parts.iter().enumerate() {
            let q = part.questionnaire();
            let builder = PartRows::new(q, pi);
            for (ri, response) in part.data.responses.iter().enumerate() {
                builder.respondent(ri as u32 + 1, |qi| response.answers.get(qi), &mut tidy.rows);
            }
            let mut info = builder.info();
            info.respondents = part.data.responses.len() as u32;
            tidy.parts.push(info);
        }
        tidy
    }

    /// A survey's tidy data without parts or rows yet (its edition through the privacy
    /// filter).
    pub(crate) fn empty(edition: Option<&str>, survey: &str) -> Tidy {
        Tidy {
            edition: edition.map(scrub),
            survey: survey.to_string(),
            parts: Vec::new(),
            rows: Vec::new(),
        }
    }

    /// Gives question `from` of `questionnaire` the id `to` (a series lines up a renamed
    /// or reworded question). False when there is no such question.
    pub fn rename_question(&mut self, questionnaire: &str, from: &str, to: &str) -> bool {
        let found = self
            .parts
            .iter_mut()
            .filter(|p| p.questionnaire == questionnaire)
            .flat_map(|p| p.questions.iter_mut())
            .find(|q| q.id == from);
        found.map(|q| q.id = to.to_string()).is_some()
    }

    /// Gives the category labelled `from` of a question the label `to` (an option whose
    /// wording changed). False when the question has no such category.
    pub fn rename_label(
        &mut self,
        questionnaire: &str,
        question: &str,
        from: &str,
        to: &str,
    ) -> bool {
        let wanted = normalize(from);
        let found = self
            .parts
            .iter_mut()
            .filter(|p| p.questionnaire == questionnaire)
            .flat_map(|p| p.questions.iter_mut())
            .filter(|q| q.id == question)
            .flat_map(|q| q.labels.iter_mut())
            .find(|l| normalize(l) == wanted);
        found.map(|l| *l = to.to_string()).is_some()
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    fn question(&self, row: &Row) -> &QuestionInfo {
        &self.parts[row.part as usize].questions[row.question as usize]
    }

    fn label(&self, row: &Row) -> Option<&str> {
        let q = self.question(row);
        match row.label {
            Label::None => None,
            Label::Category(i) => q.labels.get(i as usize).map(String::as_str),
            Label::NotApplicable(i) => q.not_applicable.get(i as usize).map(String::as_str),
        }
    }

    fn category(row: &Row) -> Option<u32> {
        match row.label {
            Label::Category(i) => Some(i),
            _ => None,
        }
    }

    /// The rows as a polars frame with the columns of [`COLUMNS`].
    pub fn frame(&self) -> Result<DataFrame, PanelError> {
        self.frame_of(&self.rows)
    }

    /// `rows` (rows of this survey) as a polars frame with the columns of [`COLUMNS`].
    pub(crate) fn frame_of(&self, rows: &[Row]) -> Result<DataFrame, PanelError> {
        let n = rows.len();
        let edition: Vec<Option<&str>> = vec![self.edition.as_deref(); n];
        let survey: Vec<&str> = vec![self.survey.as_str(); n];
        let mut questionnaire = Vec::with_capacity(n);
        let mut audience = Vec::with_capacity(n);
        let mut respondent = Vec::with_capacity(n);
        let mut question = Vec::with_capacity(n);
        let mut text = Vec::with_capacity(n);
        let mut kind = Vec::with_capacity(n);
        let mut status = Vec::with_capacity(n);
        let mut category = Vec::with_capacity(n);
        let mut label = Vec::with_capacity(n);
        let mut value = Vec::with_capacity(n);
        for row in rows {
            let part = &self.parts[row.part as usize];
            let q = self.question(row);
            questionnaire.push(part.questionnaire.as_str());
            audience.push(part.audience.as_str());
            respondent.push(row.respondent);
            question.push(q.id.as_str());
            text.push(q.text.as_str());
            kind.push(q.kind);
            status.push(row.status.as_str());
            category.push(Self::category(row));
            label.push(self.label(row));
            value.push(row.value);
        }
        let df = df!(
            COLUMNS[0] => edition,
            COLUMNS[1] => survey,
            COLUMNS[2] => questionnaire,
            COLUMNS[3] => audience,
            COLUMNS[4] => respondent,
            COLUMNS[5] => question,
            COLUMNS[6] => text,
            COLUMNS[7] => kind,
            COLUMNS[8] => status,
            COLUMNS[9] => category,
            COLUMNS[10] => label,
            COLUMNS[11] => value,
        )?;
        Ok(df)
    }

    /// Appends `rows` (rows of this survey) as CSV records (the header is the writer's).
    pub(crate) fn csv_rows<W: Write>(
        &self,
        w: &mut csv::Writer<W>,
        rows: &[Row],
    ) -> Result<(), csv::Error> {
        let edition = self.edition.as_deref().unwrap_or("");
        let mut number = String::new();
        for row in rows {
            let part = &self.parts[row.part as usize];
            let q = self.question(row);
            let respondent = row.respondent.to_string();
            let category = Self::category(row)
                .map(|c| c.to_string())
                .unwrap_or_default();
            number.clear();
            if let Some(v) = row.value {
                number.push_str(&v.to_string());
            }
            w.write_record([
                edition,
                &self.survey,
                &part.questionnaire,
                &part.audience,
                &respondent,
                &q.id,
                &q.text,
                q.kind,
                row.status.as_str(),
                &category,
                self.label(row).unwrap_or(""),
                &number,
            ])?;
        }
        Ok(())
    }

    /// Writes the rows as Parquet (zstd-compressed, one file); without the `parquet`
    /// feature, [`PanelError::NoParquet`].
    pub fn write_parquet<W: Write>(&self, out: W) -> Result<(), PanelError> {
        self.write(TidyWriter::new(out, Format::Parquet)?)
    }

    /// Writes the rows as CSV (UTF-8, comma, a header row; an empty cell is null).
    pub fn write_csv<W: Write>(&self, out: W) -> Result<(), PanelError> {
        self.write(TidyWriter::new(out, Format::Csv)?)
    }

    fn write<W: Write>(&self, mut w: TidyWriter<W>) -> Result<(), PanelError> {
        w.write(self)?;
        w.finish()?;
        Ok(())
    }
}

/// Reads a tidy Parquet file back into a frame.
#[cfg(feature = "parquet")]
pub fn read_parquet(path: &std::path::Path) -> Result<DataFrame, PanelError> {
    use polars_io::SerReader;
    let file = std::fs::File::open(path).map_err(|source| PanelError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(polars_io::parquet::read::ParquetReader::new(file).finish()?)
}

fn info(q: &Questionnaire, qi: usize) -> QuestionInfo {
    let question = &q.questions[qi];
    let not_applicable = match &question.kind {
        Kind::Scale { not_applicable, .. } => {
            not_applicable.iter().map(|c| scrub(&c.label)).collect()
        }
        _ => Vec::new(),
    };
    QuestionInfo {
        id: question.id.clone(),
        text: scrub(&question.text),
        text_en: question.label_en.as_deref().map(scrub),
        kind: question.kind.name(),
        labels_en: question
            .kind
            .categories()
            .iter()
            .map(|c| c.label_en.as_deref().map(scrub))
            .collect(),
        ordered: matches!(question.kind, Kind::Scale { .. } | Kind::Bands { .. }),
        labels: question
            .kind
            .categories()
            .iter()
            .map(|c| scrub(&c.label))
            .collect(),
        not_applicable,
    }
}

/// The numeric value of a single category: a scale level counted from the least
/// positive (1) up, yes 1 and no 0; options of a single choice have none.
fn category_value(kind: &Kind, index: usize) -> Option<f64> {
    match kind {
        Kind::Scale { levels, .. } => Some(levels.len().saturating_sub(index) as f64),
        Kind::YesNo { .. } => Some(if index == 0 { 1.0 } else { 0.0 }),
        _ => None,
    }
}

/// Per question: the question its `only_if` rests on and the answer it wants.
fn conditions(q: &Questionnaire) -> Vec<Option<(usize, String)>> {
    q.questions
        .iter()
        .map(|question| {
            let cond = question.only_if.as_ref()?;
            Some((q.question_index(&cond.question)?, normalize(&cond.answer)))
        })
        .collect()
}

/// Per question: was it put to this respondent? A condition on a question that was
/// itself not asked does not hold (the import's rule).
fn asked<'a>(
    q: &Questionnaire,
    rules: &[Option<(usize, String)>],
    answer: &impl Fn(usize) -> Option<&'a Answer>,
) -> Vec<bool> {
    let mut asked = vec![true; rules.len()];
    let none = Answer::NoAnswer;
    loop {
        let mut changed = false;
        for (qi, rule) in rules.iter().enumerate() {
            let Some((ci, wanted)) = rule else { continue };
            let given = answer(*ci).unwrap_or(&none);
            if asked[qi] && !(asked[*ci] && q.questions[*ci].answer_is(given, wanted)) {
                asked[qi] = false;
                changed = true;
            }
        }
        if !changed {
            return asked;
        }
    }
}

#[cfg(test)]
mod tests;
