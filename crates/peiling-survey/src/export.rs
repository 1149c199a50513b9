//! Writing responses back out as a survey tool's export (round trips, `peiling synth`),
//! one row at a time so any number of rows needs little memory.

use std::io::Write;

use crate::questionnaire::{Kind, Question, Questionnaire};
use crate::response::{Answer, Meta};

/// The export conventions to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportStyle {
    /// Microsoft Forms with Dutch headers (ID, Begintijd, Tijd van voltooien, E-mail, Naam).
    MsFormsNl,
    /// Microsoft Forms with English headers (ID, Start time, Completion time, Email, Name).
    MsFormsEn,
    /// Google Forms: Tijdstempel first, multi-select joined with ", ".
    GoogleForms,
    /// LimeSurvey: question codes as headers, one Y/empty column per multi-select option.
    LimeSurvey,
}

#[derive(Debug, Clone, Copy)]
pub struct ExportOptions {
    pub style: ExportStyle,
    pub delimiter: u8,
    /// Encode as Windows-1252 (Dutch Excel's "CSV") instead of UTF-8.
    pub windows_1252: bool,
    /// Start with a UTF-8 byte-order mark, as Microsoft Forms does.
    pub bom: bool,
}

impl ExportOptions {
    pub fn new(style: ExportStyle) -> Self {
        ExportOptions {
            style,
            delimiter: b',',
            windows_1252: false,
            bom: matches!(style, ExportStyle::MsFormsNl | ExportStyle::MsFormsEn),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("writing the export: {0}")]
    Io(#[from] std::io::Error),
    #[error("writing the export: {0}")]
    Csv(#[from] csv::Error),
    #[error("\"{0}\" cannot be written in Windows-1252")]
    Unencodable(String),
}

/// Streams rows of one questionnaire to a writer in the chosen export style.
pub struct ExportWriter<'q, W: Write> {
    questionnaire: &'q Questionnaire,
    opts: ExportOptions,
    out: W,
    /// Reused buffer for one encoded row.
    row: Vec<u8>,
}

impl<W: Write> std::fmt::Debug for ExportWriter<'_, W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExportWriter")
            .field("style", &self.opts.style)
            .finish()
    }
}

impl<'q, W: Write> ExportWriter<'q, W> {
    pub fn new(
        questionnaire: &'q Questionnaire,
        opts: ExportOptions,
        mut out: W,
    ) -> Result<Self, ExportError> {
        if opts.bom && !opts.windows_1252 {
            out.write_all(b"\xEF\xBB\xBF")?;
        }
        let mut w = ExportWriter {
            questionnaire,
            opts,
            out,
            row: Vec::new(),
        };
        let headers = w.headers();
        w.emit(&headers)?;
        Ok(w)
    }

    fn headers(&self) -> Vec<String> {
        let meta: &[&str] = match self.opts.style {
            ExportStyle::MsFormsNl => &["ID", "Begintijd", "Tijd van voltooien", "E-mail", "Naam"],
            ExportStyle::MsFormsEn => &["ID", "Start time", "Completion time", "Email", "Name"],
            ExportStyle::GoogleForms => &["Tijdstempel"],
            ExportStyle::LimeSurvey => &["id", "submitdate", "lastpage", "startlanguage", "seed"],
        };
        let mut h: Vec<String> = meta.iter().map(|s| s.to_string()).collect();
        for q in &self.questionnaire.questions {
            match (&q.kind, self.opts.style) {
                (Kind::Multi { options, other }, ExportStyle::LimeSurvey) => {
                    let code = lime_code(q);
                    for (i, o) in options.iter().enumerate() {
                        if Some(i) == *other {
                            h.push(format!("{code}[other]"));
                        } else {
                            let sub = o.code.clone().unwrap_or_else(|| format!("SQ{:03}", i + 1));
                            h.push(format!("{code}[{sub}]"));
                        }
                    }
                }
                (_, ExportStyle::LimeSurvey) => h.push(lime_code(q)),
                _ => h.push(q.text.clone()),
            }
        }
        h
    }

    fn emit(&mut self, fields: &[String]) -> Result<(), ExportError> {
        let mut row = csv::WriterBuilder::new()
            .delimiter(self.opts.delimiter)
            .from_writer(std::mem::take(&mut self.row));
        row.write_record(fields)?;
        let mut bytes = row.into_inner().map_err(|e| e.into_error())?;
        if self.opts.windows_1252 {
            let text = String::from_utf8_lossy(&bytes);
            let (encoded, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
            if unmappable {
                return Err(ExportError::Unencodable(text.trim_end().to_string()));
            }
            self.out.write_all(&encoded)?;
        } else {
            self.out.write_all(&bytes)?;
        }
        bytes.clear();
        self.row = bytes;
        Ok(())
    }

    /// Writes one submission; `answers` follow the questionnaire's question order.
    pub fn write(
        &mut self,
        number: usize,
        meta: &Meta,
        answers: &[Answer],
    ) -> Result<(), ExportError> {
        let id = meta.id.clone().unwrap_or_else(|| number.to_string());
        let started = meta.started.clone().unwrap_or_default();
        let completed = meta.completed.clone().unwrap_or_default();
        let mut fields: Vec<String> = match self.opts.style {
            ExportStyle::MsFormsNl | ExportStyle::MsFormsEn => vec![
                id,
                started,
                completed,
                meta.email.clone().unwrap_or_else(|| "anonymous".into()),
                meta.name.clone().unwrap_or_default(),
            ],
            ExportStyle::GoogleForms => vec![completed],
            ExportStyle::LimeSurvey => {
                vec![id, completed, "5".into(), "nl".into(), number.to_string()]
            }
        };
        for (q, a) in self.questionnaire.questions.iter().zip(answers) {
            match (&q.kind, self.opts.style) {
                (Kind::Multi { options, other }, ExportStyle::LimeSurvey) => {
                    let (chosen, other_text) = match a {
                        Answer::Multi { chosen, other } => (chosen.as_slice(), other.as_deref()),
                        _ => (&[][..], None),
                    };
                    for i in 0..options.len() {
                        if Some(i) == *other {
                            fields.push(other_text.unwrap_or_default().to_string());
                        } else {
                            fields.push(if chosen.contains(&i) {
                                "Y".into()
                            } else {
                                String::new()
                            });
                        }
                    }
                }
                _ => fields.push(answer_text(q, a, self.opts.style)),
            }
        }
        self.emit(&fields)
    }

    pub fn finish(mut self) -> Result<W, ExportError> {
        self.out.flush()?;
        Ok(self.out)
    }
}

fn lime_code(q: &Question) -> String {
    q.code.clone().unwrap_or_else(|| q.id.clone())
}

/// The cell text a survey tool would write for an answer.
pub fn answer_text(q: &Question, a: &Answer, style: ExportStyle) -> String {
    let cats = q.kind.categories();
    match a {
        Answer::NoAnswer => String::new(),
        Answer::Invalid(raw) | Answer::Unknown(raw) | Answer::Text(raw) => raw.clone(),
        Answer::Choice(i) => cats.get(*i).map(|c| c.label.clone()).unwrap_or_default(),
        Answer::NotApplicable(i) => match &q.kind {
            Kind::Scale { not_applicable, .. } => not_applicable
                .get(*i)
                .map(|c| c.label.clone())
                .unwrap_or_default(),
            _ => String::new(),
        },
        Answer::Number { value, .. } => {
            if value.fract() == 0.0 && value.abs() < 1e15 {
                format!("{}", *value as i64)
            } else {
                value.to_string()
            }
        }
        Answer::Multi { chosen, other } => {
            let other_index = match &q.kind {
                Kind::Multi { other, .. } => *other,
                _ => None,
            };
            let mut parts: Vec<String> = chosen
                .iter()
                .filter(|&&i| Some(i) != other_index)
                .filter_map(|&i| cats.get(i).map(|c| c.label.clone()))
                .collect();
            if let Some(t) = other {
                parts.push(t.clone());
            } else if let Some(oi) = other_index.filter(|oi| chosen.contains(oi)) {
                parts.push(cats[oi].label.clone());
            }
            match style {
                ExportStyle::GoogleForms => parts.join(", "),
                _ => parts.iter().map(|p| format!("{p};")).collect(),
            }
        }
    }
}
