//! The privacy filter at import, where the row is at hand: free text (text answers,
//! "other" texts, unknown markers) loses contact details as it is read, and a
//! respondent's own name, from the row's name columns, is taken out of their free text.
//! Both import paths (whole file and streamed) use these, so they read the same answers.

use peiling_core::privacy::{self, OwnName};

use super::columns::{ColumnMap, MetaField, Source};
use crate::questionnaire::{Kind, PersonalKind, Question, Questionnaire};
use crate::response::Answer;

/// The columns holding a respondent's name: the export's name column and the columns of
/// the questionnaire's personal name questions.
pub(crate) fn name_columns(questionnaire: &Questionnaire, map: &ColumnMap) -> Vec<usize> {
    let mut cols: Vec<usize> = map
        .meta
        .iter()
        .filter(|(_, field)| *field == MetaField::Name)
        .map(|&(col, _)| col)
        .collect();
    for (q, source) in questionnaire.questions.iter().zip(&map.questions) {
        if let (
            Kind::Personal {
                personal: PersonalKind::Name,
            },
            Some(Source::Column(col)),
        ) = (&q.kind, source)
        {
            cols.push(*col);
        }
    }
    cols
}

/// The free text of an answer, if it has any (personal answers are not free text: they
/// are never reported, and the contacts list needs them as given).
fn free_text<'a>(question: &Question, answer: &'a mut Answer) -> Option<&'a mut String> {
    match answer {
        _ if question.is_personal() => None,
        Answer::Text(t) | Answer::Unknown(t) => Some(t),
        Answer::Multi { other: Some(t), .. } => Some(t),
        _ => None,
    }
}

/// Contact details, control characters and bidi overrides out of the answer's free text.
pub(crate) fn scrub_answer(question: &Question, answer: &mut Answer) {
    if let Some(t) = free_text(question, answer) {
        let clean = privacy::scrub(t);
        if clean != *t {
            *t = clean;
        }
    }
}

/// The answer's free text with the respondent's own name taken out; `None` when the
/// name does not occur in it.
pub(crate) fn without_own_name(
    question: &Question,
    answer: &Answer,
    name: &OwnName,
) -> Option<String> {
    let text = match answer {
        _ if question.is_personal() || name.is_empty() => return None,
        Answer::Text(t) | Answer::Unknown(t) => t,
        Answer::Multi { other: Some(t), .. } => t,
        _ => return None,
    };
    name.redact(text)
}

/// A copy of the answer with `text` as its free text.
pub(crate) fn with_free_text(question: &Question, answer: &Answer, text: String) -> Answer {
    let mut answer = answer.clone();
    if let Some(t) = free_text(question, &mut answer) {
        *t = text;
    }
    answer
}

#[cfg(test)]
mod tests {
    use crate::import::stream::stream_csv;
    use crate::import::{import, ImportOptions};
    use crate::questionnaire::Questionnaire;
    use crate::response::Answer;

    #[test]
    fn free_text_is_scrubbed_and_loses_its_own_name_as_in_the_import() {
        let q = Questionnaire::from_toml(
            "q.toml",
            r#"
id = "t"
title = "T"
audience = "WPB"
[[question]]
id = "toelichting"
text = "Toelichting?"
kind = "text"
[[question]]
id = "thema"
text = "Thema?"
kind = "multi"
options = ["Observeren"]
other = "Andere"
[[question]]
id = "naam"
text = "Je naam?"
kind = "personal"
personal = "name"
"#,
        )
        .unwrap();
        // The same text from two respondents: only its author's name is taken out; the
        // export's own name column (Naam) counts too.
        let bytes = "ID,Naam,Toelichting?,Thema?,Je naam?\n\
            1,,Groet van Jan; mail jan@school.nl,Observeren;Jan en Piet,Jan de Vries\n\
            2,,Groet van Jan; mail jan@school.nl,Observeren;Jan en Piet,Piet\n\
            3,Piet Bakker,Groet van piet \u{1b}[2J,,\n"
            .as_bytes();
        let opts = ImportOptions::default();
        let reference = import(&q, "x.csv", bytes, &opts).unwrap();
        let mut streamed: Vec<Vec<Answer>> = Vec::new();
        stream_csv(&q, "x.csv", bytes, &opts, &mut |_| {}, &mut |ids, dicts| {
            streamed.push(
                ids.iter()
                    .zip(dicts)
                    .map(|(&id, d)| d.answers[id as usize].clone())
                    .collect(),
            )
        })
        .unwrap();
        let text = |t: &str| Answer::Text(t.to_string());
        let other = |t: &str| Answer::Multi {
            chosen: vec![0, 1],
            other: Some(t.to_string()),
        };
        let expected = [
            [
                text("Groet van [naam weggelaten]; mail [e-mailadres weggelaten]"),
                other("[naam weggelaten] en Piet"),
            ],
            [
                text("Groet van Jan; mail [e-mailadres weggelaten]"),
                other("Jan en [naam weggelaten]"),
            ],
            [text("Groet van [naam weggelaten] [2J"), Answer::NoAnswer],
        ];
        for (i, want) in expected.iter().enumerate() {
            assert_eq!(&reference.responses[i].answers[..2], want, "row {i}");
            assert_eq!(&streamed[i][..2], want, "row {i}");
        }
        // The personal answer itself is kept for the contacts list.
        assert_eq!(reference.responses[0].answers[2], text("Jan de Vries"));
    }
}
