//! The contacts list: who may be approached to give or develop professionalisation.
//! Per part, the respondents who answered yes to the yes/no question of the group
//! declared with role "contact", with their name, e-mail address, phone number and chosen
//! themes. A part without such a question asks for the address itself ("leave your
//! e-mail address if we may approach you"): there an address or phone number given is
//! the consent. Personal data: the caller writes it apart from any report.

use crate::questionnaire::{GroupRole, Kind, PersonalKind, Question, Questionnaire};
use crate::response::{Answer, Response};
use crate::survey::Survey;

/// One respondent who may be approached.
#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    /// The questionnaire's id.
    pub part: String,
    /// The row of the export.
    pub row: usize,
    pub name: String,
    pub email: String,
    pub phone: String,
    /// The options chosen in the multi-select questions of the group with role "themes" (labels in
    /// English when asked and given), and their other texts.
    pub themes: Vec<String>,
    pub other: Vec<String>,
}

/// Everyone of the survey who may be approached, part by part, in row order.
pub fn contacts(survey: &Survey, english: bool) -> Vec<Contact> {
    let mut out = Vec::new();
    for part in &survey.parts {
        let q = part.questionnaire();
        let columns = Columns::of(q);
        out.extend(
            part.data
                .responses
                .iter()
                .filter_map(|r| contact(q, &columns, r, english)),
        );
    }
    out
}

/// Where a questionnaire keeps consent, name, address, phone and themes.
struct Columns {
    consent: Option<usize>,
    name: Option<usize>,
    email: Option<usize>,
    phone: Option<usize>,
    themes: Vec<usize>,
}

impl Columns {
    fn of(q: &Questionnaire) -> Self {
        let personal = |kind: PersonalKind| {
            q.questions
                .iter()
                .position(|x| matches!(x.kind, Kind::Personal { personal } if personal == kind))
        };
        let in_role =
            |x: &Question, role: GroupRole| q.group(&x.group).is_some_and(|g| g.role == Some(role));
        Columns {
            consent: q.questions.iter().position(|x| {
                in_role(x, GroupRole::Contact) && matches!(x.kind, Kind::YesNo { .. })
            }),
            name: personal(PersonalKind::Name),
            email: personal(PersonalKind::Email),
            phone: personal(PersonalKind::Phone),
            themes: q
                .questions
                .iter()
                .enumerate()
                .filter(|(_, x)| {
                    in_role(x, GroupRole::Themes) && matches!(x.kind, Kind::Multi { .. })
                })
                .map(|(i, _)| i)
                .collect(),
        }
    }
}

fn contact(q: &Questionnaire, c: &Columns, r: &Response, english: bool) -> Option<Contact> {
    let text = |i: Option<usize>| match i.and_then(|i| r.answers.get(i)) {
        Some(Answer::Text(t)) => t.trim().to_string(),
        _ => String::new(),
    };
    let agreed = match c.consent {
        Some(consent) => r.answers.get(consent) == Some(&Answer::Choice(0)),
        None => !text(c.email).is_empty() || !text(c.phone).is_empty(),
    };
    if !agreed {
        return None;
    }
    // The export's own columns (Microsoft Forms' Naam/E-mail) when the questionnaire
    // has no question for it; "anonymous" ("anoniem") is no address.
    let meta = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| {
                !s.is_empty()
                    && !s.eq_ignore_ascii_case("anonymous")
                    && !s.eq_ignore_ascii_case("anoniem")
            })
            .unwrap_or_default()
            .to_string()
    };
    let or_meta = |given: String, v: &Option<String>| {
        if given.is_empty() {
            meta(v)
        } else {
            given
        }
    };
    let mut themes = Vec::new();
    let mut other = Vec::new();
    for &i in &c.themes {
        if let (
            Some(Answer::Multi {
                chosen,
                other: text,
            }),
            Kind::Multi {
                options,
                other: other_option,
            },
        ) = (r.answers.get(i), &q.questions[i].kind)
        {
            for &k in chosen {
                if Some(k) != *other_option {
                    if let Some(option) = options.get(k) {
                        themes.push(option.label(english).to_string());
                    }
                }
            }
            if let Some(t) = text {
                other.push(t.trim().to_string());
            }
        }
    }
    Some(Contact {
        part: q.id.clone(),
        row: r.row,
        name: or_meta(text(c.name), &r.meta.name),
        email: or_meta(text(c.email), &r.meta.email),
        phone: text(c.phone),
        themes,
        other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{import, ImportOptions};
    use crate::survey::Part;

    #[test]
    fn an_address_left_under_a_personal_question_is_the_consent() {
        let q = Questionnaire::from_toml(
            "q.toml",
            r#"
id = "t"
title = "T"
audience = "WPB"
[[group]]
id = "thema"
title = "Thema's"
role = "themes"
[[question]]
id = "mail"
text = "Je e-mailadres?"
kind = "personal"
personal = "email"
[[question]]
id = "themes"
text = "Welke thema's?"
kind = "multi"
group = "thema"
other = "Anders"
  [[question.option]]
  label = "Feedback"
  [[question.option]]
  label = "Coaching"
"#,
        )
        .unwrap();
        let csv = "Naam,Je e-mailadres?,Welke thema's?\nAnna,anna@school.nl,Feedback;iets anders\nBert,,Coaching\n";
        let data = import(&q, "x.csv", csv.as_bytes(), &ImportOptions::default()).unwrap();
        let survey = Survey {
            id: "t".into(),
            title: "T".into(),
            title_en: None,
            partnership: None,
            edition: None,
            about: Default::default(),
            parts: vec![Part {
                population: None,
                data,
            }],
        };
        let anna = Contact {
            part: "t".into(),
            row: 2,
            name: "Anna".into(),
            email: "anna@school.nl".into(),
            phone: String::new(),
            themes: vec!["Feedback".into()],
            other: vec!["iets anders".into()],
        };
        assert_eq!(contacts(&survey, false), [anna]);
    }
}
