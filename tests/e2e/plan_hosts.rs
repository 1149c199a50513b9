//! The plan's host schools end to end: a catalogue with `[[school]]` tables and their
//! capacity, the fair rotation recounted from plan.json, and the warning (terminal and
//! report) when fewer than three schools are known.

use serde_json::Value;

use crate::common::{peiling, peiling_in, repo};

/// The bundled BOS catalogue with its two schools replaced by `schools` (TOML text).
fn bos_with(schools: &str) -> String {
    let text = std::fs::read_to_string(repo().join("datasets/catalogues/bos.toml")).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("schools = "))
        .expect("bos.toml lists its schools on one line");
    // In its place: the next line is a comment, then `[rotation]`.
    text.replace(line, schools.trim_end())
}

#[test]
fn four_schools_with_rooms_each_host_three_meetings_with_room_for_everyone() {
    let dir = tempfile::tempdir().unwrap();
    let schools = "[[school]]\nname = \"Beekvliet\"\ncapacity = 20\n\
                   [[school]]\nname = \"Koning Willem II College\"\ncapacity = 40\n\
                   [[school]]\nname = \"Onze Lieve Vrouwelyceum\"\n\
                   [[school]]\nname = \"Theresialyceum\"\ncapacity = 24\n";
    std::fs::write(dir.path().join("cat.toml"), bos_with(schools)).unwrap();
    let run = peiling_in(dir.path(), &["plan", "--catalogue", "cat.toml", "--json"]);
    let p: Value = serde_json::from_str(&run.ok()).unwrap();
    let rooms = [
        ("Beekvliet", Some(20)),
        ("Koning Willem II College", Some(40)),
        ("Onze Lieve Vrouwelyceum", None),
        ("Theresialyceum", Some(24)),
    ];
    let meetings = p["meetings"].as_array().unwrap();
    assert_eq!(meetings.len(), 12);
    let mut biggest = 0;
    for (name, room) in rooms {
        let hosted: Vec<&Value> = meetings.iter().filter(|m| m["host"] == name).collect();
        // 12 meetings over 4 schools: 3 each.
        assert_eq!(hosted.len(), 3, "{name}");
        for m in hosted {
            let people: u64 = m["headcount"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h["people"].as_u64().unwrap())
                .sum();
            biggest = biggest.max(people);
            if let Some(room) = room {
                assert!(people <= room, "{name} has no room for {m}");
            }
        }
    }
    // The capacities matter: the bundled survey has meetings of 25 people (Feedback).
    assert_eq!(biggest, 25);
    let listed: Vec<(String, Option<u64>, u64)> = p["schools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_string(),
                s["capacity"].as_u64(),
                s["meetings"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(listed[0], ("Beekvliet".to_string(), Some(20), 3));
    assert_eq!(listed[2], ("Onze Lieve Vrouwelyceum".to_string(), None, 3));
    let warnings = p["warnings"].to_string();
    assert!(!warnings.contains("gastschool"), "{warnings}");
    // Nobody has room for 25: one line, exit 2.
    let small = bos_with(
        "schools = [{ name = \"A\", capacity = 20 }, { name = \"B\", capacity = 12 }, \"C\"]\n",
    )
    .replace("\"C\"]", "{ name = \"C\", capacity = 8 }]");
    std::fs::write(dir.path().join("small.toml"), small).unwrap();
    let err = peiling_in(dir.path(), &["plan", "--catalogue", "small.toml"]).user_error();
    assert!(err.contains("expects 25 people"), "{err}");
    assert!(err.contains("--host"), "{err}");
}

#[test]
fn two_schools_give_a_warning_in_the_terminal_and_the_report() {
    let table = peiling(&["plan"]).ok();
    let warning = "Let op: Maar 2 scholen bekend als gastschool (Koning Willem II College, Onze Lieve Vrouwelyceum)";
    assert_eq!(table.matches(warning).count(), 1, "{table}");
    let dir = tempfile::tempdir().unwrap();
    let run = peiling_in(dir.path(), &["report", "--out", "r"]);
    run.ok();
    let err = run.stderr();
    let lines: Vec<&str> = err.lines().filter(|l| l.contains("gastschool")).collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(lines[0].starts_with("peiling: warning: rotation plan: Maar 2 scholen"));
    let md = std::fs::read_to_string(dir.path().join("r/report.md")).unwrap();
    assert!(md.contains("Maar 2 scholen bekend als gastschool"), "{md}");
}
