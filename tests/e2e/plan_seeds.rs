//! The school mode (`plan --per-school school --at-school`, seed 002) on the invented
//! Alliantie survey: picks, groups and the central offer recounted from wpb.csv with the
//! csv crate alone; calendar files per school and per trainer; one line when no plan fits.
//! Also `plan --history` (seed 001) with an earlier plan.json.

use std::collections::BTreeMap;

use crate::common::{peiling, repo};

/// Option label -> workshop id, in catalogue order (datasets/catalogues/alliantie-2016.toml).
const OPTIONS: [(&str, &str); 9] = [
    ("Pedagogische competentie", "pedagogische_competentie"),
    ("Theorie en praktijk koppelen", "koppeling_theorie_praktijk"),
    ("Bumpy moments", "bumpy_moments"),
    ("Video in de begeleiding", "begeleiden_met_video"),
    ("Voorbeeldig zijn", "anders_voorbeeldig_zijn"),
    (
        "Beoordelen en het woordrapport",
        "beoordeling_werkplekleren",
    ),
    ("Weekreflectie", "weekreflectie"),
    ("Leerwerktaken", "leerwerktaken"),
    ("Intervisie", "begeleide_intervisie"),
];

#[test]
fn school_mode_recounts_from_the_export() {
    let folder = repo().join("tests/fixtures/planner/alliantie-2017");
    let mut rows: BTreeMap<String, usize> = BTreeMap::new();
    let mut asked: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut overall = vec![0usize; OPTIONS.len()];
    let mut r = csv::Reader::from_path(folder.join("wpb.csv")).unwrap();
    for rec in r.records() {
        let rec = rec.unwrap();
        *rows.entry(rec[1].to_string()).or_default() += 1;
        let counts = asked
            .entry(rec[1].to_string())
            .or_insert_with(|| vec![0; OPTIONS.len()]);
        for chosen in rec[3].split(';').filter(|s| !s.is_empty()) {
            let i = OPTIONS.iter().position(|o| o.0 == chosen).unwrap();
            counts[i] += 1;
            overall[i] += 1;
        }
    }
    // A school's four: its own count, then the overall count, then catalogue order; a
    // school under 5 respondents takes the overall order.
    let four = |own: &[usize]| {
        let mut idx: Vec<usize> = (0..OPTIONS.len()).collect();
        idx.sort_by(|&a, &b| {
            own[b]
                .cmp(&own[a])
                .then(overall[b].cmp(&overall[a]))
                .then(a.cmp(&b))
        });
        idx.truncate(4);
        idx
    };

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan");
    let args = [
        "plan",
        folder.to_str().unwrap(),
        "--catalogue",
        "alliantie",
        "--per-school",
        "school",
        "--at-school",
    ];
    let json: serde_json::Value = serde_json::from_str(
        &peiling(&[&args[..], &["--json", "--out", out.to_str().unwrap()]].concat()).ok(),
    )
    .unwrap();
    assert_eq!(json["schema"], "peiling-school-plan/1");
    let schools = json["schools"].as_array().unwrap();
    assert_eq!(schools.len(), rows.len());
    let workshops = json["workshops"].as_array().unwrap();
    let central = json["central"].as_array().unwrap();
    for s in schools {
        let school = s["school"].as_str().unwrap();
        let own = &asked[school];
        let small = rows[school] < 5;
        let want = if small {
            four(&vec![0; OPTIONS.len()])
        } else {
            four(own)
        };
        let picks: Vec<&str> = s["picks"][0]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        let want_ids: Vec<&str> = want.iter().map(|&i| OPTIONS[i].1).collect();
        assert_eq!(picks, want_ids, "{school}");
        // Each pick: a workshop at the school for everyone who asked (5 to 20 a group),
        // or, under 5 and no school near, the central offer.
        for &i in &want {
            let theme = OPTIONS[i].1;
            let here: Vec<&serde_json::Value> = workshops
                .iter()
                .filter(|w| w["school"] == school && w["theme"] == theme)
                .collect();
            let moved = central.iter().any(|c| {
                c["theme"] == theme && c["schools"].as_array().unwrap().iter().any(|x| x == school)
            });
            if own[i] >= 5 {
                assert!(!moved, "{school} {theme}");
                let total: u64 = here
                    .iter()
                    .map(|w| w["participants"].as_u64().unwrap())
                    .sum();
                assert_eq!(total, own[i] as u64, "{school} {theme}");
                assert!(here
                    .iter()
                    .all(|w| (5..=20).contains(&w["participants"].as_u64().unwrap())));
            } else {
                assert!(here.is_empty() && moved, "{school} {theme}");
            }
        }
    }
    // The central offer: per workshop the schools that moved, their count shown from 5.
    for c in central {
        let i = OPTIONS.iter().position(|o| c["theme"] == o.1).unwrap();
        let total: usize = c["schools"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| asked[s.as_str().unwrap()][i])
            .sum();
        if total >= 5 {
            assert_eq!(c["participants"], total);
        } else {
            assert!(c["participants"].is_null());
        }
    }
    // Files: all workshops, one calendar per school and per trainer (by number).
    let names = crate::common::names_in(&out);
    assert_eq!(
        names,
        [
            "plan.ics",
            "plan.json",
            "school-1.ics",
            "school-2.ics",
            "school-3.ics",
            "school-4.ics",
            "trainer-1.ics",
            "trainer-2.ics"
        ]
    );
    let events = |name: &str| {
        std::fs::read_to_string(out.join(name))
            .unwrap()
            .matches("BEGIN:VEVENT")
            .count()
    };
    assert_eq!(events("plan.ics"), workshops.len());
    let first = schools[0]["school"].as_str().unwrap();
    assert_eq!(
        events("school-1.ics"),
        workshops
            .iter()
            .filter(|w| w["schools"].as_array().unwrap().iter().any(|s| s == first))
            .count()
    );
    // The terminal shows each school and each trainer.
    let text = peiling(&args).ok();
    for s in rows.keys() {
        assert!(text.contains(&format!("\n{s}\n")), "{s}:\n{text}");
    }
    assert!(text.contains("Trainer ILS HAN ("), "{text}");
}

#[test]
fn school_mode_without_a_fit_is_one_line() {
    let folder = repo().join("tests/fixtures/planner/alliantie-2017");
    let run = peiling(&[
        "plan",
        folder.to_str().unwrap(),
        "--catalogue",
        "alliantie",
        "--per-school",
        "school",
        "--at-school",
        "--pick",
        "10",
    ]);
    let e = run.user_error();
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(e.contains("--pick 10"), "{e}");
    assert!(e.contains("pick 1 to 9"), "{e}");
}

/// `plan --history`: a plan made for 2018-2019 and 2019-2020; planning 2021-2022, the
/// themes last given in 2018-2019 (three school years before) come due in year 1, read
/// back from the earlier plan.json here.
#[test]
fn history_makes_refreshers_due_in_year_1() {
    let dir = tempfile::tempdir().unwrap();
    let earlier = dir.path().join("earlier");
    peiling(&[
        "plan",
        "--start",
        "2018-09-01",
        "--out",
        earlier.to_str().unwrap(),
    ])
    .ok();
    let file = earlier.join("plan.json");
    let old: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let mut last: BTreeMap<String, String> = BTreeMap::new();
    for m in old["meetings"].as_array().unwrap() {
        let (theme, year) = (
            m["theme"].as_str().unwrap(),
            m["school_year"].as_str().unwrap(),
        );
        let e = last.entry(theme.to_string()).or_default();
        if year > e.as_str() {
            *e = year.to_string();
        }
    }
    let mut due: Vec<&str> = last
        .iter()
        .filter(|(_, y)| y.as_str() == "2018-2019")
        .map(|(t, _)| t.as_str())
        .collect();
    due.sort();
    assert!(!due.is_empty());
    let new: serde_json::Value = serde_json::from_str(
        &peiling(&["plan", "--history", file.to_str().unwrap(), "--json"]).ok(),
    )
    .unwrap();
    assert_eq!(new["school_years"][0], "2021-2022");
    let mut year1: Vec<&str> = new["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["year"] == 1)
        .map(|m| m["theme"].as_str().unwrap())
        .collect();
    year1.sort();
    for t in &due {
        assert!(year1.contains(t), "{t} due in year 1: {year1:?}");
    }
    // A file that is not a plan: one line naming it, exit 2.
    let bad = dir.path().join("x.json");
    std::fs::write(
        &bad,
        "{\"schema\": \"peiling-summary/3\", \"meetings\": []}",
    )
    .unwrap();
    let e = peiling(&["plan", "--history", bad.to_str().unwrap()]).user_error();
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(e.contains("x.json:1: schema \"peiling-summary/3\""), "{e}");
}
