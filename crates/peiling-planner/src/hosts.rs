//! Host schools: the partnership's schools with their room (the catalogue's `schools` and
//! `[[school]]`), and the fair rotation of the plan's meetings over them: every school
//! hosts the floor or the ceiling of meetings / schools, a host has room for the meeting's
//! expected headcount, and in date order the school that hosted longest ago goes first.

use serde::{Deserialize, Serialize};

use crate::text::Text;
use crate::{Advice, PlanSetting};

/// A school of the partnership that can host meetings.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct School {
    pub name: String,
    /// Places in its largest room; `None`: not stated, taken as room enough.
    pub capacity: Option<u32>,
}

impl School {
    fn room(&self) -> u64 {
        self.capacity.map_or(u64::MAX, u64::from)
    }
}

/// A host school as the plan shows it: its room and how many meetings it hosts.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct HostSchool {
    pub name: String,
    pub capacity: Option<u32>,
    pub meetings: u32,
}

/// Per meeting (in date order, `expected` people each) the index of its host school.
/// Each school hosts ⌊M/K⌋ or ⌈M/K⌉ of the M meetings (the schools with the most room
/// take the ⌈M/K⌉); a meeting goes to a school with room for its expected headcount; among
/// the schools that keep a complete assignment possible, the one that hosted longest ago
/// (never: first, in list order) takes the meeting. `titles` name meetings in messages.
pub(crate) fn assign(
    expected: &[usize],
    titles: &[String],
    schools: &[School],
) -> Result<Vec<usize>, Advice> {
    let (m, k) = (expected.len(), schools.len());
    if k == 0 {
        return Ok(Vec::new());
    }
    // Schools by room, most first (list order between equals).
    let mut by_room: Vec<usize> = (0..k).collect();
    by_room.sort_by(|&a, &b| schools[b].room().cmp(&schools[a].room()).then(a.cmp(&b)));
    let mut quota = vec![m / k; k];
    for &s in by_room.iter().take(m % k) {
        quota[s] += 1;
    }
    let largest = &schools[by_room[0]];
    if let Some(i) = (0..m).find(|&i| expected[i] as u64 > largest.room()) {
        return Err(Advice::text(format!(
            "meeting {} ({}) expects {} people, more than any host school has room for (the most: {}, {} places); raise a capacity in the catalogue or change ",
            i + 1,
            titles[i],
            expected[i],
            largest.name,
            largest.room()
        ))
        .setting(PlanSetting::Host));
    }
    let mut left: Vec<bool> = vec![true; m];
    if let Err((need, n, room)) = hall(expected, &left, &quota, schools, &by_room) {
        return Err(Advice::text(format!(
            "the host schools cannot share the meetings fairly: {n} meetings expect more than {need} people, but the schools with room for them host only {room} meetings in a fair rotation (each school ⌊meetings/schools⌋ or ⌈meetings/schools⌉); raise a capacity in the catalogue or change "
        ))
        .setting(PlanSetting::Host));
    }
    let mut last: Vec<Option<usize>> = vec![None; k];
    let mut host = Vec::with_capacity(m);
    for i in 0..m {
        left[i] = false;
        let mut order: Vec<usize> = (0..k).collect();
        // Never hosted first, then the one that hosted longest ago; list order between equals.
        order.sort_by_key(|&s| (last[s].map_or(0, |l| l + 1), s));
        let chosen = order.into_iter().find(|&s| {
            if quota[s] == 0 || expected[i] as u64 > schools[s].room() {
                return false;
            }
            quota[s] -= 1;
            let ok = hall(expected, &left, &quota, schools, &by_room).is_ok();
            quota[s] += 1;
            ok
        });
        // The check before the loop guarantees a choice; keep the invariant visible.
        let Some(s) = chosen else {
            return Err(Advice::text("the host schools cannot share the meetings"));
        };
        quota[s] -= 1;
        last[s] = Some(i);
        host.push(s);
    }
    Ok(host)
}

/// The host schools of a plan: `hosts` when given (with the catalogue's capacity of a
/// school of the same name), else the catalogue's schools.
pub(crate) fn schools(catalogue: &[School], hosts: &[String]) -> Vec<School> {
    if hosts.is_empty() {
        return catalogue.to_vec();
    }
    hosts
        .iter()
        .map(|h| School {
            name: h.trim().to_string(),
            capacity: catalogue
                .iter()
                .find(|s| s.name.eq_ignore_ascii_case(h.trim()))
                .and_then(|s| s.capacity),
        })
        .collect()
}

/// What the plan says about its hosts: a note without any, a warning with one or two
/// (a rotation over so few is a stopgap: the same colleagues travel every time).
pub(crate) fn remarks(schools: &[School]) -> (Option<Text>, Option<Text>) {
    let names: Vec<&str> = schools.iter().map(|s| s.name.as_str()).collect();
    match schools.len() {
        0 => (
            Some(Text::new(
                "Geen gastscholen bekend: de locatie staat open.",
                "No host schools known: the location is open.",
            )),
            None,
        ),
        1 | 2 => (
            None,
            Some(Text::new(
                format!(
                    "Maar {} bekend als gastschool ({}): de bijeenkomsten rouleren niet over het hele samenwerkingsverband, dus reizen steeds dezelfde collega's; zet alle scholen in de catalogus.",
                    if names.len() == 1 { "1 school" } else { "2 scholen" },
                    names.join(", ")
                ),
                format!(
                    "Only {} known as host ({}): the meetings do not rotate over the whole partnership, so the same colleagues travel every time; list all schools in the catalogue.",
                    if names.len() == 1 { "1 school" } else { "2 schools" },
                    names.join(", ")
                ),
            )),
        ),
        _ => (None, None),
    }
}

/// The schools with their room and the number of meetings each hosts.
pub(crate) fn summary(schools: &[School], host: &[usize]) -> Vec<HostSchool> {
    schools
        .iter()
        .enumerate()
        .map(|(i, s)| HostSchool {
            name: s.name.clone(),
            capacity: s.capacity,
            meetings: host.iter().filter(|&&h| h == i).count() as u32,
        })
        .collect()
}

/// Hall's condition for the meetings still `left`: the schools able to host a meeting
/// are those with at least its room, a prefix of `by_room`, so an assignment with each
/// school at most its quota exists exactly when, for every prefix, the meetings that only
/// its schools can host number no more than their quotas. Err: (people, meetings, room).
fn hall(
    expected: &[usize],
    left: &[bool],
    quota: &[usize],
    schools: &[School],
    by_room: &[usize],
) -> Result<(), (u64, usize, usize)> {
    // The meetings still to host, biggest first; the rooms fall along `by_room`, so the
    // count of meetings bigger than the next room only grows.
    let mut needs: Vec<u64> = (0..expected.len())
        .filter(|&i| left[i])
        .map(|i| expected[i] as u64)
        .collect();
    needs.sort_unstable_by(|a, b| b.cmp(a));
    let (mut room, mut only_here) = (0, 0);
    for (j, &s) in by_room.iter().enumerate() {
        room += quota[s];
        let next = by_room.get(j + 1).map_or(0, |&n| schools[n].room());
        while only_here < needs.len() && needs[only_here] > next {
            only_here += 1;
        }
        if only_here > room {
            return Err((next, only_here, room));
        }
    }
    Ok(())
}

/// The catalogue's `schools` entries: a name, or a table with a name and a capacity.
#[derive(Deserialize)]
#[serde(untagged)]
pub(crate) enum RawSchool {
    Name(String),
    Table(RawSchoolTable),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSchoolTable {
    name: String,
    capacity: Option<i64>,
}

impl RawSchool {
    pub(crate) fn build(self) -> Result<School, String> {
        let (name, capacity) = match self {
            RawSchool::Name(n) => (n, None),
            RawSchool::Table(t) => (t.name, t.capacity),
        };
        let name = name.trim().to_string();
        if name.is_empty() {
            return Err("a school with an empty name".into());
        }
        let capacity = match capacity {
            None => None,
            Some(c) if (1..=10_000).contains(&c) => Some(c as u32),
            Some(c) => {
                return Err(format!(
                    "school \"{name}\": capacity = {c}: a room holds 1 to 10000 people"
                ))
            }
        };
        Ok(School { name, capacity })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn school(name: &str, capacity: Option<u32>) -> School {
        School {
            name: name.into(),
            capacity,
        }
    }

    fn titles(n: usize) -> Vec<String> {
        (1..=n).map(|i| format!("T{i}")).collect()
    }

    #[test]
    fn without_capacities_the_schools_take_turns() {
        let s = [school("A", None), school("B", None), school("C", None)];
        let host = assign(&[10; 7], &titles(7), &s).unwrap();
        assert_eq!(host, [0, 1, 2, 0, 1, 2, 0]);
    }

    #[test]
    fn capacity_decides_who_hosts_the_big_meetings() {
        // A holds 10, B 30, C 20. Seven meetings: B (most room) hosts 3, A and C 2.
        let s = [
            school("A", Some(10)),
            school("B", Some(30)),
            school("C", Some(20)),
        ];
        let expected = [25, 5, 25, 15, 5, 8, 25];
        let host = assign(&expected, &titles(7), &s).unwrap();
        // Worked out by hand: 25s only fit B; 15 fits B or C; A takes two small ones.
        assert_eq!(host, [1, 0, 1, 2, 0, 2, 1]);
    }

    #[test]
    fn too_big_or_unfair_is_one_line() {
        let s = [school("A", Some(10)), school("B", Some(20))];
        let e = assign(&[25], &titles(1), &s).unwrap_err().to_string();
        assert!(e.contains("meeting 1 (T1) expects 25 people"), "{e}");
        assert!(e.contains("B, 20 places"), "{e}");
        // Three meetings of 15: only B fits them, but B hosts at most 2 of 3.
        let e = assign(&[15, 15, 15], &titles(3), &s)
            .unwrap_err()
            .to_string();
        assert!(e.contains("3 meetings expect more than 10 people"), "{e}");
        assert_eq!(e.lines().count(), 1);
    }

    #[test]
    fn schools_parse_from_names_and_tables() {
        let raw: RawSchool = toml::from_str::<toml::Value>("x = \"A\"")
            .unwrap()
            .get("x")
            .unwrap()
            .clone()
            .try_into()
            .unwrap();
        assert_eq!(raw.build().unwrap(), school("A", None));
        let t: RawSchool = toml::from_str("name = \" B \"\ncapacity = 40").unwrap();
        assert_eq!(t.build().unwrap(), school("B", Some(40)));
        let bad: RawSchool = toml::from_str("name = \"B\"\ncapacity = 0").unwrap();
        assert!(bad.build().unwrap_err().contains("1 to 10000"));
    }
}
