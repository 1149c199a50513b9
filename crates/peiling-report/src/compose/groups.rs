//! What the questionnaire declares about its report groups (`[[group]]`): titles, order,
//! intro sentence, role, and the grid stem a group's questions share.

use peiling_analysis::{Group, GroupRole, PartSummary, QuestionSummary};

use crate::i18n::{capitalise, decapitalise, Lang};

/// The group questions go to when the questionnaire names none (the format's default).
const DEFAULT_GROUP: &str = "overig";

fn declared<'p>(part: &'p PartSummary, id: &str) -> Option<&'p Group> {
    part.groups.iter().find(|g| g.id == id)
}

/// Section title of a group: the declared title, else the id made readable.
pub(super) fn title(lang: Lang, part: &PartSummary, id: &str) -> String {
    match declared(part, id) {
        Some(g) => match (&g.title_en, lang) {
            (Some(en), Lang::En) => en.clone(),
            _ => g.title.clone(),
        },
        None if id == DEFAULT_GROUP => lang.pick("Overige vragen", "Other questions").into(),
        None => capitalise(&id.replace(['_', '-'], " ")),
    }
}

/// How a headline names the group ("Vraag naar thema's"): the declared subject, else
/// the title.
pub(super) fn subject(lang: Lang, part: &PartSummary, id: &str) -> String {
    let own = declared(part, id).and_then(|g| match lang {
        Lang::En => g.subject_en.clone().or_else(|| {
            // An English title says more than a Dutch subject in an English report.
            g.title_en.is_none().then(|| g.subject.clone()).flatten()
        }),
        Lang::Nl => g.subject.clone(),
    });
    own.unwrap_or_else(|| title(lang, part, id))
}

/// The sentence under a group's title: the declared intro, else the stem its grid
/// questions share (in the language of the questions' labels).
pub(super) fn intro(lang: Lang, part: &PartSummary, id: &str) -> Option<String> {
    if let Some(g) = declared(part, id) {
        let own = match (&g.intro_en, lang) {
            (Some(en), Lang::En) => Some(en.clone()),
            _ => g.intro.clone(),
        };
        if own.is_some() {
            return own;
        }
    }
    let questions: Vec<&QuestionSummary> =
        part.questions.iter().filter(|q| q.group == id).collect();
    grid_stem(&questions, lang.is_en()).map(str::to_string)
}

/// Report order: the declared groups in declaration order, then the others in
/// questionnaire order; only groups with questions.
pub(super) fn order(part: &PartSummary) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for q in &part.questions {
        if !seen.contains(&q.group) {
            seen.push(q.group.clone());
        }
    }
    let mut out: Vec<String> = part
        .groups
        .iter()
        .filter(|g| seen.contains(&g.id))
        .map(|g| g.id.clone())
        .collect();
    out.extend(seen.into_iter().filter(|g| declared(part, g).is_none()));
    out
}

/// The id of the group declared with `role`, if any.
pub(super) fn with_role(part: &PartSummary, role: GroupRole) -> Option<&str> {
    part.groups
        .iter()
        .find(|g| g.role == Some(role))
        .map(|g| g.id.as_str())
}

/// "Stem [Item]" as a grid question's column header reads (Google Forms, Microsoft
/// Forms): the stem and the item.
fn split_grid(label: &str) -> Option<(&str, &str)> {
    let inner = label.trim_end().strip_suffix(']')?;
    let open = inner.rfind('[')?;
    let (stem, item) = (inner[..open].trim_end(), inner[open + 1..].trim());
    (!stem.is_empty() && !item.is_empty()).then_some((stem, item))
}

/// The stem that two or more of the questions share as "Stem [Item]".
fn grid_stem<'q>(questions: &[&'q QuestionSummary], english: bool) -> Option<&'q str> {
    let stems: Vec<&str> = questions
        .iter()
        .filter_map(|q| split_grid(q.label(english)).map(|(s, _)| s))
        .collect();
    stems
        .iter()
        .find(|s| stems.iter().filter(|t| t == s).count() >= 2)
        .copied()
}

/// A question's heading: only the item when it is one of a grid whose stem its group
/// shares (the stem is then the group's intro), else its label.
pub(super) fn item_label<'q>(part: &PartSummary, q: &'q QuestionSummary, english: bool) -> &'q str {
    let label = q.label(english);
    let Some((stem, item)) = split_grid(label) else {
        return label;
    };
    let shares = part
        .questions
        .iter()
        .filter(|o| o.group == q.group && o.id != q.id)
        .any(|o| split_grid(o.label(english)).is_some_and(|(s, _)| s == stem));
    if shares {
        item
    } else {
        label
    }
}

/// How a sentence names a question in the middle: its short title ("scholing geven aan
/// studenten"), else its heading in quotes („Hoe ...?”).
pub(super) fn in_sentence<'q>(
    lang: Lang,
    part: &PartSummary,
    q: &'q QuestionSummary,
) -> std::borrow::Cow<'q, str> {
    match q.short(lang.is_en()) {
        Some(short) => decapitalise(short).into(),
        None => {
            let (open, close) = crate::markdown::quote_marks(lang);
            format!("{open}{}{close}", item_label(part, q, lang.is_en())).into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use peiling_analysis::Detail;

    fn question(id: &str, text: &str, group: &str) -> QuestionSummary {
        QuestionSummary {
            id: id.into(),
            text: text.into(),
            label_en: None,
            short: None,
            short_en: None,
            group: group.into(),
            kind: "text".into(),
            base: 1,
            condition: None,
            answered: 0,
            no_answer: 1,
            invalid: 0,
            detail: Detail::Text {
                answers: Vec::new(),
                motivation_for: None,
            },
        }
    }

    fn part(questions: Vec<QuestionSummary>, groups: Vec<Group>) -> PartSummary {
        let mut p: PartSummary = serde_json::from_value(serde_json::json!({
            "questionnaire": "po", "title": "t", "title_en": null, "audience": "LK",
            "population": null, "respondents": 1, "rows_read": 1, "rows_rejected": 0,
            "response_rate": null, "questions": [], "reliability": [], "crosstabs": []
        }))
        .unwrap();
        p.questions = questions;
        p.groups = groups;
        p
    }

    fn group(id: &str, title: &str, role: Option<GroupRole>) -> Group {
        Group {
            id: id.into(),
            title: title.into(),
            title_en: Some(format!("{title} (en)")),
            subject: None,
            subject_en: None,
            intro: None,
            intro_en: None,
            role,
        }
    }

    #[test]
    fn declared_groups_come_first_in_their_order_then_the_rest() {
        let p = part(
            vec![
                question("a", "A", "x"),
                question("b", "B", "y"),
                question("c", "C", "z"),
                question("d", "D", "overig"),
            ],
            vec![
                group("z", "Zet", None),
                group("x", "Iks", Some(GroupRole::Themes)),
            ],
        );
        assert_eq!(order(&p), ["z", "x", "y", "overig"]);
        assert_eq!(title(Lang::Nl, &p, "x"), "Iks");
        assert_eq!(title(Lang::En, &p, "x"), "Iks (en)");
        assert_eq!(title(Lang::Nl, &p, "y"), "Y");
        assert_eq!(title(Lang::Nl, &p, "overig"), "Overige vragen");
        assert_eq!(with_role(&p, GroupRole::Themes), Some("x"));
        assert_eq!(with_role(&p, GroupRole::Forms), None);
    }

    #[test]
    fn a_shared_grid_stem_becomes_the_intro_and_headings_show_the_item() {
        let stem = "Hoe tevreden ben je over";
        let p = part(
            vec![
                question("a", &format!("{stem} [de begeleiding]"), "tevreden"),
                question("b", &format!("{stem} [het rooster]"), "tevreden"),
                question("c", "Alleen [dit]", "los"),
            ],
            Vec::new(),
        );
        assert_eq!(intro(Lang::Nl, &p, "tevreden").as_deref(), Some(stem));
        assert_eq!(item_label(&p, &p.questions[1], false), "het rooster");
        // One question alone is no grid: its heading stays whole, no intro.
        assert_eq!(item_label(&p, &p.questions[2], false), "Alleen [dit]");
        assert_eq!(intro(Lang::Nl, &p, "los"), None);
    }

    #[test]
    fn a_declared_intro_wins_over_the_stem() {
        let mut g = group("tevreden", "Tevredenheid", None);
        g.intro = Some("Over de begeleiding.".into());
        let p = part(
            vec![
                question("a", "S [x]", "tevreden"),
                question("b", "S [y]", "tevreden"),
            ],
            vec![g],
        );
        assert_eq!(
            intro(Lang::Nl, &p, "tevreden").as_deref(),
            Some("Over de begeleiding.")
        );
    }
}
