//! Realistic synthetic responses for a questionnaire: each answer is drawn from the
//! answers real respondents gave to that question (a per-question bootstrap), with
//! `only_if` respected and a small share of messy spellings, streamed row by row.

use std::io::Write;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::export::{ExportError, ExportOptions, ExportWriter};
use crate::import::Dataset;
use crate::normalize::normalize;
use crate::questionnaire::Kind;
use crate::response::{Answer, Meta};

#[derive(Debug, Clone, Copy)]
pub struct SynthOptions {
    pub rows: u64,
    pub seed: u64,
    /// Share of choice answers written in another accepted spelling (case, spaces, synonym).
    pub messy: f64,
}

/// The answers each question drew on, per question (empty: all "geen antwoord").
#[derive(Debug)]
pub struct Synthesizer<'d> {
    data: &'d Dataset,
    pools: Vec<Vec<&'d Answer>>,
}

impl<'d> Synthesizer<'d> {
    pub fn new(data: &'d Dataset) -> Self {
        let q = &data.questionnaire;
        let pools = q
            .questions
            .iter()
            .enumerate()
            .map(|(qi, question)| {
                let cond = question.only_if.as_ref().and_then(|c| {
                    q.question_index(&c.question)
                        .map(|ci| (ci, normalize(&c.answer)))
                });
                data.responses
                    .iter()
                    .filter(|r| match &cond {
                        Some((ci, wanted)) => q.questions[*ci].answer_is(&r.answers[*ci], wanted),
                        None => true,
                    })
                    .map(|r| &r.answers[qi])
                    .filter(|a| !matches!(a, Answer::Invalid(_)))
                    .collect()
            })
            .collect();
        Synthesizer { data, pools }
    }

    /// Writes `opts.rows` synthetic submissions; `progress` is called every 10 000 rows.
    pub fn write<W: Write>(
        &self,
        export: ExportOptions,
        out: W,
        opts: SynthOptions,
        mut progress: impl FnMut(u64),
    ) -> Result<W, ExportError> {
        let q = &self.data.questionnaire;
        let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
        let mut w = ExportWriter::new(q, export, out)?;
        let mut answers: Vec<Answer> = Vec::with_capacity(q.questions.len());
        // What is written can be a messy spelling of the answer; conditions read the answer.
        let mut written: Vec<Answer> = Vec::with_capacity(q.questions.len());
        for n in 1..=opts.rows {
            answers.clear();
            written.clear();
            for (qi, question) in q.questions.iter().enumerate() {
                let asked = question.only_if.as_ref().is_none_or(|c| {
                    q.question_index(&c.question).is_some_and(|ci| {
                        q.questions[ci].answer_is(&answers[ci], &normalize(&c.answer))
                    })
                });
                let pool = &self.pools[qi];
                let mut a = if !asked || pool.is_empty() {
                    Answer::NoAnswer
                } else {
                    pool[rng.random_range(0..pool.len())].clone()
                };
                if let (Kind::Personal { .. }, Answer::Text(_)) = (&question.kind, &a) {
                    a = Answer::Text(format!("synth{n}-{}@voorbeeld.invalid", question.id));
                }
                let mut text = a.clone();
                if let Answer::Choice(i) = a {
                    if rng.random_bool(opts.messy.clamp(0.0, 1.0)) {
                        text = messy(question, i, &mut rng).unwrap_or(text);
                    }
                }
                answers.push(a);
                written.push(text);
            }
            let minute = n % 60;
            let meta = Meta {
                id: Some(n.to_string()),
                started: Some(format!("10/{}/2020 9:{minute:02}:00", 1 + n % 28)),
                completed: Some(format!("10/{}/2020 9:{minute:02}:30", 1 + n % 28)),
                email: None,
                name: None,
            };
            w.write(n as usize, &meta, &written)?;
            if n % 10_000 == 0 {
                progress(n);
            }
        }
        w.finish()
    }
}

/// Another accepted spelling of a choice, written as `Invalid` so the exporter keeps the
/// text as it is (the importer then reads it back as the choice).
fn messy(
    question: &crate::questionnaire::Question,
    i: usize,
    rng: &mut ChaCha8Rng,
) -> Option<Answer> {
    let cats = question.kind.categories();
    let choice = cats.get(i)?;
    let text = match rng.random_range(0..3) {
        0 => choice.label.to_lowercase(),
        1 => format!("  {} ", choice.label.to_uppercase()),
        _ => choice
            .synonyms
            .first()
            .cloned()
            .unwrap_or_else(|| choice.label.to_lowercase()),
    };
    Some(Answer::Invalid(text))
}
