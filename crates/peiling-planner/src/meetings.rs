//! The plan's meetings from the search's slots: date, time, host, expected headcount and
//! the reasons why each theme sits where it sits (rank by demand, year, waiting, repeats,
//! order, a move away from the year its demand alone would give).

use std::cmp::Ordering;

use chrono::{Duration, Timelike};

use crate::calendar::{school_year, Year};
use crate::catalogue::{Catalogue, Level};
use crate::demand::Demand;
use crate::due::DueHeadcount;
use crate::plan::Meeting;
use crate::ranges::Rule;
use crate::text::{in_sentence, Headcount, Reason, Text};

/// Everything the meetings are made from, once the search has placed the themes.
pub(crate) struct Placement<'a> {
    pub catalogue: &'a Catalogue,
    pub demand: &'a [Demand],
    pub rule: &'a Rule,
    /// Theme index per slot, in date order.
    pub slots: &'a [usize],
    pub dates: &'a [Year],
    /// Offered last year (or required there by the history).
    pub offered: &'a [bool],
    /// Offered last year and not exceptional: waits until year 2.
    pub waiting: &'a [bool],
    pub exceptional: f64,
    pub hosts: &'a [String],
    /// Host index per slot.
    pub host_of: &'a [usize],
    /// Those due expected per slot.
    pub due: &'a [Vec<DueHeadcount>],
}

/// The year of the cycle (0-based) slot `s` falls in.
pub(crate) fn year_at(rule: &Rule, s: usize) -> usize {
    (0..rule.years).rfind(|&y| rule.start(y) <= s).unwrap_or(0)
}

/// The school year ("2021-2022") of every slot.
pub(crate) fn school_years(rule: &Rule, dates: &[Year], slots: usize) -> Vec<String> {
    (0..slots)
        .map(|s| school_year(dates[year_at(rule, s)].first))
        .collect()
}

/// Respondents of each audience who asked for a theme: its expected headcount.
pub(crate) fn asked(demand: &Demand) -> Vec<Headcount> {
    demand
        .audiences
        .iter()
        .filter(|a| a.respondents > 0)
        .map(|a| Headcount {
            audience: a.audience.clone(),
            people: a.respondents,
        })
        .collect()
}

pub(crate) fn meetings(p: &Placement) -> Vec<Meeting> {
    let (themes, demand, rule, slots) = (&p.catalogue.themes, p.demand, p.rule, p.slots);
    let n = themes.len();
    let level_counts = |level: Level| themes.iter().filter(|t| t.level == level).count();
    let level_slots = |level: Level| slots.iter().filter(|&&t| themes[t].level == level).count();
    // Rank within the level by demand, ties in catalogue order (as the search breaks them).
    let rank = |t: usize| {
        1 + (0..n)
            .filter(|&j| themes[j].level == themes[t].level)
            .filter(|&j| {
                demand[j].score > demand[t].score || (demand[j].score == demand[t].score && j < t)
            })
            .count()
    };
    let year_slots = |y: usize, level: Level| {
        slots[rule.start(y)..rule.start(y + 1)]
            .iter()
            .filter(|&&t| themes[t].level == level)
            .count()
    };
    // The year of each theme's first meeting; by demand alone, the k-th most wanted theme
    // of a level would be in the year of its level's k-th first meeting.
    let first_year: Vec<usize> = (0..n)
        .map(|t| {
            slots
                .iter()
                .position(|&x| x == t)
                .map_or(0, |s| year_at(rule, s))
        })
        .collect();
    let by_demand = |t: usize| {
        let mut years: Vec<usize> = (0..n)
            .filter(|&j| themes[j].level == themes[t].level)
            .map(|j| first_year[j])
            .collect();
        years.sort_unstable();
        years[rank(t) - 1]
    };
    let moved = |t: usize| {
        let (y, expected) = (first_year[t], by_demand(t));
        // Later: less wanted themes of its level come before; earlier: more wanted later.
        let others: Vec<Text> = (0..n)
            .filter(|&j| themes[j].level == themes[t].level)
            .filter(|&j| match y.cmp(&expected) {
                Ordering::Greater => rank(j) > rank(t) && first_year[j] < y,
                Ordering::Less => rank(j) < rank(t) && first_year[j] > y,
                Ordering::Equal => false,
            })
            .map(|j| themes[j].title_text())
            .collect();
        (y != expected).then(|| Reason::Moved {
            year: y as u32 + 1,
            by_demand: expected as u32 + 1,
            others,
        })
    };
    let mut seen = vec![0u32; n];
    let mut meetings = Vec::with_capacity(slots.len());
    for (s, &t) in slots.iter().enumerate() {
        let theme = &themes[t];
        let d = &demand[t];
        let y = year_at(rule, s);
        let pos = s - rule.start(y);
        seen[t] += 1;
        let due = p.due.get(s).cloned().unwrap_or_default();
        let mut reasons: Vec<Reason> = d
            .audiences
            .iter()
            .filter(|a| a.respondents > 0)
            .map(|a| Reason::Asked {
                audience: a.audience.clone(),
                respondents: a.respondents,
                options: a
                    .sources
                    .iter()
                    .filter(|s| s.count > 0)
                    .map(|s| {
                        Text::new(
                            in_sentence(&s.option),
                            in_sentence(s.option_en.as_deref().unwrap_or(&s.option)),
                        )
                    })
                    .collect(),
            })
            .collect();
        if reasons.is_empty() {
            reasons.push(Reason::NotAsked);
        }
        reasons.extend(due.iter().map(|h| Reason::Due {
            due: h.kind,
            audience: h.audience.clone(),
            people: h.people,
        }));
        if d.weight != 1.0 {
            reasons.push(Reason::Weight { factor: d.weight });
        }
        reasons.push(Reason::Rank {
            level: theme.level,
            rank: rank(t),
            themes: level_counts(theme.level),
        });
        reasons.push(Reason::Year {
            year: y as u32 + 1,
            level: theme.level,
            meetings: year_slots(y, theme.level),
        });
        if p.waiting[t] {
            reasons.push(Reason::Waited);
        } else if p.offered[t] {
            reasons.push(Reason::Exceptional {
                factor: p.exceptional,
            });
        }
        if seen[t] > 1 {
            reasons.push(Reason::Repeat {
                level: theme.level,
                meetings: level_slots(theme.level),
                themes: level_counts(theme.level),
            });
        }
        if !theme.after.is_empty() {
            reasons.push(Reason::After {
                themes: theme
                    .after
                    .iter()
                    .filter_map(|a| p.catalogue.theme(a))
                    .map(|a| a.title_text())
                    .collect(),
            });
        }
        if seen[t] == 1 {
            reasons.extend(moved(t));
        }
        let begin = p.catalogue.rotation.start_time;
        let end = begin + Duration::minutes((theme.hours * 60.0).round() as i64);
        meetings.push(Meeting {
            number: s as u32 + 1,
            year: y as u32 + 1,
            school_year: school_year(p.dates[y].first),
            slot: pos as u32 + 1,
            date: p.dates[y].dates[pos],
            start: format!("{:02}:{:02}", begin.hour(), begin.minute()),
            end: format!("{:02}:{:02}", end.hour(), end.minute()),
            host: p.host_of.get(s).map(|&h| p.hosts[h].clone()),
            theme: theme.id.clone(),
            title: theme.title.clone(),
            title_en: theme.title_en.clone(),
            level: theme.level,
            hours: theme.hours,
            demand: d.score,
            headcount: asked(d),
            due,
            occurrence: seen[t],
            prerequisite: theme.prerequisite.clone(),
            reason: Reason::join_all(&reasons),
            reasons,
        });
    }
    meetings
}
