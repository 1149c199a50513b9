//! The "Wie kwamen er?" section: the turnout of the meetings held (from the records
//! store, counts only) beside the plan's expected headcount and the survey's demand.
//! Breakdowns by role follow the report's small-group rule.

use std::collections::BTreeMap;

use peiling_core::turnout::Turnout;
use peiling_planner::RotationPlan;

use crate::certificate::long_date;
use crate::compose::ANCHOR_PLAN;
use crate::i18n::Lang;
use crate::model::{text, Block, Document, Row, RowKind, Section, Table};

/// The anchor of the section.
pub const ANCHOR_TURNOUT: &str = "wie-kwamen-er";

/// Puts the turnout section in `doc`, after the plan section when there is one (else at
/// the end). Nothing when no meeting has been held yet.
pub fn fill(
    doc: &mut Document,
    turnout: &Turnout,
    plan: Option<&RotationPlan>,
    lang: Lang,
    min_group: usize,
) {
    let Some(section) = section(turnout, plan, lang, min_group) else {
        return;
    };
    let at = doc
        .sections
        .iter()
        .position(|s| s.anchor == ANCHOR_PLAN)
        .map_or(doc.sections.len(), |i| i + 1);
    doc.sections.insert(at, section);
}

/// The section on its own; `None` when no meeting had anyone registered or present.
pub fn section(
    turnout: &Turnout,
    plan: Option<&RotationPlan>,
    lang: Lang,
    min_group: usize,
) -> Option<Section> {
    let held: Vec<_> = turnout
        .meetings
        .iter()
        .filter(|m| m.attended > 0 || m.registered > 0)
        .collect();
    if held.is_empty() {
        return None;
    }
    let mut sec = Section::new(ANCHOR_TURNOUT, lang.pick("Wie kwamen er?", "Who came?"));
    let attended: usize = held.iter().map(|m| m.attended).sum();
    let no_shows: usize = held.iter().map(|m| m.no_shows).sum();
    sec.headline = Some(match lang {
        Lang::Nl => format!(
            "{} bijeenkomsten met aanmeldingen of aanwezigen; samen {attended} keer iemand aanwezig, {no_shows} keer aangemeld maar niet gekomen.",
            held.len()
        ),
        Lang::En => format!(
            "{} meetings with registrations or attendance; {attended} attendances in all, {no_shows} times registered but absent.",
            held.len()
        ),
    });
    let with_due = plan.is_some_and(|p| p.meetings.iter().any(|m| !m.due.is_empty()));
    sec.blocks.push(Block::Paragraph(vec![text(match (lang, with_due) {
        (Lang::Nl, false) => "Uit de aanmeldingen en presentielijsten: alleen aantallen, geen namen. Verwacht is het aantal respondenten van de enquête dat om het thema vroeg.",
        (Lang::En, false) => "From the registrations and attendance lists: numbers only, no names. Expected is the number of survey respondents who asked for the theme.",
        (Lang::Nl, true) => "Uit de aanmeldingen en presentielijsten: alleen aantallen, geen namen. Verwacht is het aantal respondenten van de enquête dat om het thema vroeg, plus wie volgens de registratie dat schooljaar moest komen (de training of de driejaarlijkse update).",
        (Lang::En, true) => "From the registrations and attendance lists: numbers only, no names. Expected is the number of survey respondents who asked for the theme, plus who the records say had to come that school year (the training or the three-yearly update).",
    })]));
    sec.blocks
        .push(Block::Table(meetings_table(turnout, plan, lang)));
    if let Some(table) = themes_table(turnout, plan, lang, min_group) {
        sec.blocks.push(Block::Table(table));
        sec.blocks.push(Block::Paragraph(vec![text(match lang {
            Lang::Nl => format!(
                "Per thema telt iemand één keer, ook wie meer bijeenkomsten van het thema bezocht. Een verdeling naar rol met een groep van 1 tot {} personen is niet getoond (–).",
                min_group.saturating_sub(1)
            ),
            Lang::En => format!(
                "Per theme each person counts once, also who came to more of its meetings. A split by role with a group of 1 to {} people is not shown (–).",
                min_group.saturating_sub(1)
            ),
        })]));
    }
    Some(sec)
}

/// Expected participants of a plan meeting, by the activity id the records give plan
/// meetings ("2021-2022-3").
fn expected(plan: Option<&RotationPlan>) -> BTreeMap<String, usize> {
    plan.map(|p| {
        p.meetings
            .iter()
            .map(|m| (m.activity_id(), m.expected()))
            .collect()
    })
    .unwrap_or_default()
}

fn meetings_table(turnout: &Turnout, plan: Option<&RotationPlan>, lang: Lang) -> Table {
    let expected = expected(plan);
    let header = [
        lang.pick("Bijeenkomst", "Meeting"),
        lang.pick("Datum", "Date"),
        lang.pick("Verwacht", "Expected"),
        lang.pick("Aangemeld", "Registered"),
        lang.pick("Gekomen", "Came"),
        lang.pick("Niet gekomen", "Absent"),
        lang.pick("Zonder aanmelding", "Without registering"),
    ];
    let rows = turnout
        .meetings
        .iter()
        .filter(|m| m.attended > 0 || m.registered > 0)
        .map(|m| {
            Row::new(
                RowKind::Normal,
                vec![
                    m.title.clone(),
                    long_date(m.date, lang),
                    expected
                        .get(&m.id)
                        .map_or("–".to_string(), |n| n.to_string()),
                    m.registered.to_string(),
                    m.attended.to_string(),
                    m.no_shows.to_string(),
                    m.walk_ins.to_string(),
                ],
            )
        })
        .collect();
    Table {
        header: header.iter().map(|s| s.to_string()).collect(),
        rows,
        numeric_from: 2,
    }
}

/// Respondents who asked for each theme, from the plan's demand.
fn asked(plan: Option<&RotationPlan>) -> BTreeMap<String, usize> {
    plan.map(|p| {
        p.demand
            .iter()
            .map(|d| {
                let n = d.audiences.iter().map(|a| a.respondents).sum();
                (d.theme.clone(), n)
            })
            .collect()
    })
    .unwrap_or_default()
}

/// A role split with no group of 1 to `min - 1` people, or `None`.
fn role_split(by_role: &[(String, usize)], min: usize, lang: Lang) -> Option<String> {
    if by_role.iter().any(|(_, n)| *n > 0 && *n < min) {
        return None;
    }
    Some(
        by_role
            .iter()
            .map(|(role, n)| {
                let role = if role.is_empty() {
                    lang.pick("rol onbekend", "role unknown")
                } else {
                    role.as_str()
                };
                format!("{role} {n}")
            })
            .collect::<Vec<_>>()
            .join(", "),
    )
}

fn themes_table(
    turnout: &Turnout,
    plan: Option<&RotationPlan>,
    lang: Lang,
    min_group: usize,
) -> Option<Table> {
    let asked = asked(plan);
    let titles: BTreeMap<&str, &str> = turnout
        .meetings
        .iter()
        .filter_map(|m| m.theme.as_deref().map(|t| (t, m.title.as_str())))
        .collect();
    // In the order of the themes' first meeting.
    let first = |theme: &str| {
        turnout
            .meetings
            .iter()
            .position(|m| m.theme.as_deref() == Some(theme))
    };
    let mut themes: Vec<_> = turnout.themes.iter().filter(|t| t.persons > 0).collect();
    themes.sort_by_key(|t| first(&t.theme));
    let rows: Vec<Row> = themes
        .into_iter()
        .map(|t| {
            Row::new(
                RowKind::Normal,
                vec![
                    titles
                        .get(t.theme.as_str())
                        .unwrap_or(&t.theme.as_str())
                        .to_string(),
                    asked
                        .get(&t.theme)
                        .map_or("–".to_string(), |n| n.to_string()),
                    t.persons.to_string(),
                    role_split(&t.by_role, min_group, lang).unwrap_or_else(|| "–".into()),
                ],
            )
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    Some(Table {
        header: [
            lang.pick("Thema", "Theme"),
            lang.pick("Gevraagd door", "Asked for by"),
            lang.pick("Gekomen", "Came"),
            lang.pick("Naar rol", "By role"),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        rows,
        numeric_from: 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use peiling_core::turnout::{MeetingTurnout, ThemeTurnout};

    fn turnout() -> Turnout {
        let meeting = |id: &str, attended, registered| MeetingTurnout {
            id: id.into(),
            title: "Feedback".into(),
            theme: Some("feedback".into()),
            date: NaiveDate::from_ymd_opt(2021, 10, 7).unwrap(),
            registered,
            attended,
            no_shows: 4,
            walk_ins: 1,
            attended_by_role: vec![("WPB".into(), 14), ("SO".into(), 2)],
        };
        Turnout {
            meetings: vec![meeting("2021-2022-1", 16, 19), meeting("2022-2023-1", 0, 0)],
            themes: vec![ThemeTurnout {
                theme: "feedback".into(),
                persons: 16,
                by_role: vec![("WPB".into(), 14), ("SO".into(), 2)],
            }],
        }
    }

    #[test]
    fn only_held_meetings_are_listed_and_small_role_groups_are_hidden() {
        let sec = section(&turnout(), None, Lang::Nl, 5).unwrap();
        let tables: Vec<&Table> = sec
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect();
        assert_eq!(tables[0].rows.len(), 1);
        assert_eq!(
            tables[0].rows[0].cells,
            [
                "Feedback",
                "donderdag 7 oktober 2021",
                "–",
                "19",
                "16",
                "4",
                "1"
            ]
        );
        // Two SO's: the split by role is not shown.
        assert_eq!(tables[1].rows[0].cells, ["Feedback", "–", "16", "–"]);
        let sec = section(&turnout(), None, Lang::Nl, 2).unwrap();
        let Block::Table(t) = &sec.blocks[2] else {
            panic!("the themes table")
        };
        assert_eq!(t.rows[0].cells[3], "WPB 14, SO 2");
    }

    #[test]
    fn nothing_held_gives_no_section() {
        let mut t = turnout();
        t.meetings.remove(0);
        assert!(section(&t, None, Lang::En, 5).is_none());
    }
}
