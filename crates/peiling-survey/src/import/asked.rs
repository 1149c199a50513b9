//! Which questions were put to a respondent (`only_if`), and the problem an answer to a
//! question that was not asked becomes: it is set aside, listed, and kept out of the figures.

use crate::normalize::normalize;
use crate::questionnaire::Questionnaire;
use crate::response::{Answer, Problem};

use super::columns::Source;
use super::source_text;

/// The `only_if` of every question, resolved to the index of the question it rests on.
pub(crate) struct Conditions {
    /// Per question: the condition's question and its answer (normalised).
    rules: Vec<Option<(usize, String)>>,
}

impl Conditions {
    pub(crate) fn new(q: &Questionnaire) -> Self {
        Conditions {
            rules: q
                .questions
                .iter()
                .map(|question| {
                    let cond = question.only_if.as_ref()?;
                    Some((q.question_index(&cond.question)?, normalize(&cond.answer)))
                })
                .collect(),
        }
    }

    pub(crate) fn any(&self) -> bool {
        self.rules.iter().any(Option::is_some)
    }

    /// Per question: was it put to this respondent? A condition that rests on a
    /// question that was itself not asked does not hold (its answer counts as none).
    pub(crate) fn asked<'a>(
        &self,
        q: &Questionnaire,
        answer: impl Fn(usize) -> &'a Answer,
    ) -> Vec<bool> {
        let mut asked = vec![true; self.rules.len()];
        // Each round only turns questions off, so this ends within a round per question.
        loop {
            let mut changed = false;
            for (qi, rule) in self.rules.iter().enumerate() {
                let Some((ci, wanted)) = rule else { continue };
                if asked[qi] && !(asked[*ci] && q.questions[*ci].answer_is(answer(*ci), wanted)) {
                    asked[qi] = false;
                    changed = true;
                }
            }
            if !changed {
                return asked;
            }
        }
    }
}

/// One row of both import paths: the questions not asked that hold something, each to
/// be set to no answer, with the problem when it is an answer given anyway (an invalid
/// cell already is a problem).
pub(crate) fn set_aside<'a, 'c>(
    q: &Questionnaire,
    conditions: &Conditions,
    answer: impl Fn(usize) -> &'a Answer,
    sources: &[Option<Source>],
    headers: &[String],
    line: usize,
    cell: &impl Fn(usize) -> &'c str,
) -> Vec<(usize, Option<Problem>)> {
    if !conditions.any() {
        return Vec::new();
    }
    let asked = conditions.asked(q, &answer);
    let mut out = Vec::new();
    for (qi, asked) in asked.into_iter().enumerate() {
        let given = answer(qi);
        if asked || *given == Answer::NoAnswer {
            continue;
        }
        let problem = given.is_answered().then(|| {
            let (col, raw) = source_text(&q.questions[qi], sources[qi].as_ref(), cell);
            let header = headers.get(col).map_or("", String::as_str);
            not_asked_problem(q, qi, line, col + 1, header, &raw)
        });
        out.push((qi, problem));
    }
    out
}

/// The problem of a cell that answers a question the respondent was not asked.
fn not_asked_problem(
    q: &Questionnaire,
    qi: usize,
    row: usize,
    column: usize,
    header: &str,
    raw: &str,
) -> Problem {
    let question = &q.questions[qi];
    let condition = question
        .only_if
        .as_ref()
        .map(|c| (c.question.clone(), c.answer.clone()));
    Problem {
        row,
        column,
        header: header.to_string(),
        question: Some(question.id.clone()),
        // Personal data is not repeated in messages.
        found: if question.is_personal() {
            "(personal data)".to_string()
        } else {
            raw.trim().to_string()
        },
        expected: crate::wording::Expected::NotAsked { condition },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_condition_on_a_question_not_asked_does_not_hold() {
        let q = Questionnaire::from_toml(
            "q.toml",
            r#"
id = "t"
title = "T"
audience = "WPB"
[[question]]
id = "need"
text = "Behoefte?"
kind = "yesno"
[[question]]
id = "course"
text = "Een cursus?"
kind = "yesno"
only_if = { question = "need", answer = "Ja" }
[[question]]
id = "where"
text = "Waar?"
kind = "single"
options = ["Hogeschool", "School"]
only_if = { question = "course", answer = "Ja" }
"#,
        )
        .unwrap();
        let conditions = Conditions::new(&q);
        assert!(conditions.any());
        let asked = |answers: &[Answer]| conditions.asked(&q, |i| &answers[i]);
        let (yes, no) = (Answer::Choice(0), Answer::Choice(1));
        assert_eq!(
            asked(&[yes.clone(), yes.clone(), Answer::Choice(0)]),
            [true, true, true]
        );
        // "Nee" to need: course was not asked, so neither was where, whatever it says.
        assert_eq!(
            asked(&[no.clone(), yes.clone(), Answer::Choice(1)]),
            [true, false, false]
        );
        assert_eq!(asked(&[Answer::NoAnswer, yes, no]), [true, false, false]);
    }
}
