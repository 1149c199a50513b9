//! Those due under the partnership's requirements (counted by the records, handed in as
//! plain numbers): who must come in a school year, and to which of the plan's meetings.
//!
//! The rule (docs/catalogue-format.md, "Wie moet komen"): a person due for the training (new
//! WPB'ers) comes to every meeting of the training's themes and levels in that school year
//! (BOS's: level basis; when the requirement names neither a theme of the catalogue nor
//! a level: every basis meeting, the basis themes being the training's content); a person due for the refresher comes to one meeting of
//! that year that is meant for their audience, so those due are shared out in whole persons
//! over those meetings (evenly; one more for the meetings their audience asked for most,
//! then the earliest). Counts are people, never parts of people.

use serde::{Deserialize, Serialize};

use crate::catalogue::{Catalogue, Level};
use crate::text::{audience_en, audience_nl, Text};

/// What a requirement asks of those due for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DueKind {
    /// A training (hours of its themes): every one of its meetings.
    Training,
    /// A refresher (something every few years): one meeting in the year.
    Refresher,
}

/// How many persons of one audience are due for one requirement in one school year, as
/// the records count them.
#[derive(Debug, Clone, PartialEq)]
pub struct DueCount {
    /// "2022-2023".
    pub school_year: String,
    pub kind: DueKind,
    /// An audience code (a role: WPB, SO, IO).
    pub audience: String,
    pub people: usize,
    /// The requirement's themes (catalogue ids) and levels ("basis") whose meetings
    /// count; both empty: any theme counts.
    pub themes: Vec<String>,
    pub levels: Vec<String>,
}

/// Expected participants of one audience at a meeting because they are due.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct DueHeadcount {
    pub kind: DueKind,
    pub audience: String,
    pub people: usize,
}

impl DueHeadcount {
    /// "28 WPB'ers (training), 3 SO's (driejaarlijkse update)" and in English.
    pub fn text(due: &[DueHeadcount]) -> Text {
        let nl: Vec<String> = due
            .iter()
            .map(|d| {
                let what = match d.kind {
                    DueKind::Training => "training",
                    DueKind::Refresher => "driejaarlijkse update",
                };
                format!(
                    "{} {} ({what})",
                    d.people,
                    audience_nl(&d.audience, d.people)
                )
            })
            .collect();
        let en: Vec<String> = due
            .iter()
            .map(|d| {
                let what = match d.kind {
                    DueKind::Training => "training",
                    DueKind::Refresher => "three-yearly update",
                };
                format!(
                    "{} {} ({what})",
                    d.people,
                    audience_en(&d.audience, d.people)
                )
            })
            .collect();
        Text::new(nl.join(", "), en.join(", "))
    }
}

/// A meeting as the spread needs it: its school year, theme and how many of each
/// audience asked for the theme.
pub(crate) struct Slot<'a> {
    pub school_year: &'a str,
    pub theme: usize,
    pub asked: &'a dyn Fn(&str) -> usize,
}

/// Those due who have no meeting to go to in their year, for a warning.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Unplaced {
    pub school_year: String,
    pub kind: DueKind,
    pub audience: String,
    pub people: usize,
}

/// Per meeting (in the order of `slots`) the persons due who are expected there, and those
/// due for whom the year has no meeting.
pub(crate) fn spread(
    catalogue: &Catalogue,
    slots: &[Slot],
    due: &[DueCount],
) -> (Vec<Vec<DueHeadcount>>, Vec<Unplaced>) {
    let mut out: Vec<Vec<DueHeadcount>> = vec![Vec::new(); slots.len()];
    let mut unplaced = Vec::new();
    let themes = &catalogue.themes;
    for d in due.iter().filter(|d| d.people > 0) {
        let named: Vec<usize> = d
            .themes
            .iter()
            .filter_map(|id| themes.iter().position(|t| t.id == *id))
            .collect();
        let for_audience = |t: usize| {
            themes[t].audience.is_empty()
                || themes[t]
                    .audience
                    .iter()
                    .any(|a| a.eq_ignore_ascii_case(&d.audience))
        };
        let levels: Vec<Level> = d.levels.iter().filter_map(|l| Level::parse(l)).collect();
        let counts = |t: usize| match d.kind {
            // Neither a theme of the catalogue nor a level named: the basis themes are the
            // training.
            DueKind::Training if named.is_empty() && levels.is_empty() => {
                themes[t].level == Level::Basis
            }
            _ if named.is_empty() && levels.is_empty() => true,
            _ => named.contains(&t) || levels.contains(&themes[t].level),
        };
        let eligible: Vec<usize> = (0..slots.len())
            .filter(|&s| slots[s].school_year == d.school_year)
            .filter(|&s| counts(slots[s].theme) && for_audience(slots[s].theme))
            .collect();
        if eligible.is_empty() {
            unplaced.push(Unplaced {
                school_year: d.school_year.clone(),
                kind: d.kind,
                audience: d.audience.clone(),
                people: d.people,
            });
            continue;
        }
        let shares = match d.kind {
            DueKind::Training => vec![d.people; eligible.len()],
            DueKind::Refresher => {
                let asked: Vec<usize> = eligible
                    .iter()
                    .map(|&s| (slots[s].asked)(&d.audience))
                    .collect();
                share_out(d.people, &asked)
            }
        };
        for (&s, people) in eligible.iter().zip(shares) {
            if people > 0 {
                add(&mut out[s], d.kind, &d.audience, people);
            }
        }
    }
    (out, unplaced)
}

fn add(list: &mut Vec<DueHeadcount>, kind: DueKind, audience: &str, people: usize) {
    match list
        .iter_mut()
        .find(|h| h.kind == kind && h.audience.eq_ignore_ascii_case(audience))
    {
        Some(h) => h.people += people,
        None => list.push(DueHeadcount {
            kind,
            audience: audience.to_string(),
            people,
        }),
    }
}

/// `people` over meetings in whole persons: each gets the floor of the even share; the
/// rest go one each to the meetings asked for most (ties: the earliest).
pub(crate) fn share_out(people: usize, asked: &[usize]) -> Vec<usize> {
    let k = asked.len();
    if k == 0 {
        return Vec::new();
    }
    let mut shares = vec![people / k; k];
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&a, &b| asked[b].cmp(&asked[a]).then(a.cmp(&b)));
    for &i in order.iter().take(people % k) {
        shares[i] += 1;
    }
    shares
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_whole_persons_that_add_up() {
        assert_eq!(share_out(7, &[1, 5, 5]), vec![2, 3, 2]);
        assert_eq!(share_out(2, &[0, 0, 0]), vec![1, 1, 0]);
        assert_eq!(share_out(0, &[3, 1]), vec![0, 0]);
        assert_eq!(share_out(9, &[2, 1, 0]), vec![3, 3, 3]);
        for people in 0..20 {
            let asked = [4, 0, 7, 7, 1];
            let s = share_out(people, &asked);
            assert_eq!(s.iter().sum::<usize>(), people);
            let (lo, hi) = (s.iter().min().unwrap(), s.iter().max().unwrap());
            assert!(hi - lo <= 1, "{people}: {s:?}");
        }
    }
}
