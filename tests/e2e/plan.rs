//! `peiling plan` end to end: the bundled survey's plan as table, JSON, plan.md, plan.json
//! and plan.ics; infeasible and malformed input; the per-school mode on a small test survey.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::common::{dutch_day, peiling, peiling_in, repo};

/// Day of the week of an ISO date, Monday = 0 (Sakamoto's method, no date library).
fn weekday(date: &str) -> u32 {
    let y: i64 = date[0..4].parse().unwrap();
    let m: usize = date[5..7].parse().unwrap();
    let d: i64 = date[8..10].parse().unwrap();
    let t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if m < 3 { y - 1 } else { y };
    let sunday0 = (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
    ((sunday0 + 6) % 7) as u32
}

const THURSDAY: u32 = 3;

/// The holiday periods of a holidays file, read line by line ("from = ...", "to = ...").
fn holiday_periods(file: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(repo().join(file)).unwrap();
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if let Some(d) = line.strip_prefix("from = ") {
            out.push((d.trim().to_string(), d.trim().to_string()));
        } else if let Some(d) = line.strip_prefix("to = ") {
            out.last_mut().unwrap().1 = d.trim().to_string();
        }
    }
    out
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&peiling(args).ok()).unwrap()
}

#[test]
fn bundled_plan_covers_every_theme_with_a_3_3_split() {
    let p = json(&["plan", "--json"]);
    assert_eq!(p["schema"], "peiling-plan/2");
    assert_eq!(p["optimal"], true);
    let meetings = p["meetings"].as_array().unwrap();
    assert_eq!(meetings.len(), 12);
    let themes: BTreeSet<&str> = meetings
        .iter()
        .map(|m| m["theme"].as_str().unwrap())
        .collect();
    assert_eq!(themes.len(), 11);
    for year in [1, 2] {
        let levels: Vec<&str> = meetings
            .iter()
            .filter(|m| m["year"] == year)
            .map(|m| m["level"].as_str().unwrap())
            .collect();
        assert_eq!(levels.len(), 6);
        assert_eq!(levels.iter().filter(|l| **l == "basis").count(), 3);
    }
    for m in meetings {
        let date = m["date"].as_str().unwrap();
        assert_eq!(weekday(date), THURSDAY, "{date}");
        assert_eq!(
            (m["start"].as_str(), m["end"].as_str()),
            (Some("13:30"), Some("16:00"))
        );
        assert!(!m["reason"]["nl"].as_str().unwrap().is_empty());
        assert!(!m["reason"]["en"].as_str().unwrap().is_empty());
    }
    // The first meeting: the theme with the most people asking (Feedback: 23 WPB'ers
    // through "reflecteren en feedback geven" or "introductie in competentiegericht
    // begeleiden", and 2 SO's at half: 24); the spread makes the levels alternate and
    // basis, wanted more, takes the first slot.
    assert_eq!(meetings[0]["theme"], "feedback");
    assert_eq!(meetings[0]["level"], "basis");
    assert_eq!(meetings[0]["demand"], 24.0);
    // Its day by hand: the Thursdays of 1 September 2021 to 30 June 2022 outside zuid's
    // holidays (summer until 5 September), lesweek 2-3 (16 and 23 September) and the week
    // before Christmas (23 December) are 9 and 30 September, 7 October, ... (34 in all);
    // the first of six equal runs has its middle at index 34 / 12 = 2: 7 October (it was
    // 23 September, lesweek 3, before issue 15).
    assert_eq!(meetings[0]["date"], "2021-10-07");
}

/// One number, one truth: the headcount of every meeting is, per audience, the number of
/// respondents `analyze --json` counts as asking for the theme; the table, plan.md and
/// plan.ics show the same people.
#[test]
fn every_meeting_shows_its_expected_headcount_as_analyze_counts_it() {
    let summary = json(&["analyze", "--json"]);
    let mut asked: BTreeMap<(String, String), u64> = BTreeMap::new();
    for part in summary["parts"].as_array().unwrap() {
        for d in part["theme_demand"].as_array().unwrap() {
            let n = d["respondents"].as_u64().unwrap();
            if n > 0 {
                asked.insert(
                    (
                        d["theme"].as_str().unwrap().to_string(),
                        part["audience"].as_str().unwrap().to_string(),
                    ),
                    n,
                );
            }
        }
    }
    let p = json(&["plan", "--json"]);
    let meetings = p["meetings"].as_array().unwrap();
    for m in meetings {
        let theme = m["theme"].as_str().unwrap();
        let heads: BTreeMap<(String, String), u64> = m["headcount"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                (
                    (
                        theme.to_string(),
                        h["audience"].as_str().unwrap().to_string(),
                    ),
                    h["people"].as_u64().unwrap(),
                )
            })
            .collect();
        let want: BTreeMap<(String, String), u64> = asked
            .iter()
            .filter(|((t, _), _)| t == theme)
            .map(|(k, v)| (k.clone(), *v))
            .collect();
        assert_eq!(heads, want, "{theme}");
    }
    // The weights per person are printed with the plan (the catalogue's default: 1 each).
    assert_eq!(
        p["audience_weights"],
        serde_json::json!([{ "audience": "SO", "weight": 1.0 }, { "audience": "WPB", "weight": 1.0 }])
    );
    let table = peiling(&["plan"]).ok();
    assert!(
        table.contains("Verwacht (wie erom vroeg): 23 WPB'ers, 2 SO's"),
        "{table}"
    );
    assert!(
        table.contains("Gewicht per persoon: SO 1, WPB 1."),
        "{table}"
    );
    assert!(
        table.contains("1e van 6 basisthema's naar vraag; jaar 1 heeft 3 basisbijeenkomsten"),
        "{table}"
    );
    let dir = tempfile::tempdir().unwrap();
    peiling_in(dir.path(), &["plan", "--out", "out"]).ok();
    let md = std::fs::read_to_string(dir.path().join("out/plan.md")).unwrap();
    let first = md
        .lines()
        .find(|l| l.starts_with("| 1 | "))
        .unwrap_or_else(|| panic!("{md}"));
    assert!(first.contains("| 23 WPB'ers, 2 SO's |"), "{first}");
    let ics = std::fs::read_to_string(dir.path().join("out/plan.ics")).unwrap();
    // Unfolded, the first event's description opens with the headcount.
    let unfolded = ics.replace("\r\n ", "");
    assert!(
        unfolded.contains("DESCRIPTION:Verwacht (wie erom vroeg): 23 WPB'ers\\, 2 SO's\\n"),
        "{unfolded}"
    );
}

#[test]
fn the_bundled_plan_skips_the_school_holidays_of_its_region_by_default() {
    let periods = holiday_periods("datasets/holidays/zuid.toml");
    let in_holiday = |p: &Value| {
        p["meetings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["date"].as_str().unwrap().to_string())
            .filter(|d| periods.iter().any(|(from, to)| from <= d && d <= to))
            .collect::<Vec<_>>()
    };
    let default = json(&["plan", "--json"]);
    assert!(
        in_holiday(&default).is_empty(),
        "{:?}",
        in_holiday(&default)
    );
    assert!(default["holidays"].as_str().unwrap().starts_with("zuid"));
    // The same as naming the file.
    let named = json(&[
        "plan",
        "--json",
        "--holidays",
        repo().join("datasets/holidays/zuid.toml").to_str().unwrap(),
    ]);
    assert_eq!(named["meetings"], default["meetings"]);
    // Without them, the evenly spread Thursdays fall in the Christmas and spring holidays.
    let none = json(&["plan", "--json", "--no-holidays"]);
    assert_eq!(none["holidays"], Value::Null);
    assert!(!in_holiday(&none).is_empty());
    // Outside the bundled school years no holidays are assumed, and the plan says so.
    let later = json(&["plan", "--json", "--start", "2029-09-01"]);
    assert_eq!(later["holidays"], Value::Null);
    // The plan (and the report it goes into) says so in words; the terminal names the flag.
    assert!(later["notes"].to_string().contains("geen vakantierooster"));
    assert!(!later["notes"].to_string().contains("--"));
    let text = peiling(&["plan", "--start", "2029-09-01"]).ok();
    assert!(text.contains("--holidays"), "{text}");
}

#[test]
fn table_in_dutch_and_english() {
    let nl = peiling(&["plan"]).ok();
    assert!(
        nl.starts_with("Rotatieplan: Professionaliseringsaanbod BOS"),
        "{nl}"
    );
    assert!(nl.contains("optimaal, bewezen"), "{nl}");
    assert!(
        nl.contains("gevraagd door 16 WPB'ers via gespreks- en begeleidingsvaardigheden"),
        "{nl}"
    );
    assert!(nl.contains("Vraag in mensen"), "{nl}");
    let en = peiling(&["plan", "--lang", "en"]).ok();
    assert!(
        en.starts_with("Rotation plan: BOS professional development"),
        "{en}"
    );
    assert!(
        en.contains("asked for by 16 WPBs via conversation and supervision skills"),
        "{en}"
    );
    assert!(
        en.contains("Expected (who asked for it): 23 WPBs, 2 SOs"),
        "{en}"
    );
    assert!(en.contains("Weight per person: SO 1, WPB 1."), "{en}");
}

#[test]
fn out_writes_identical_json_and_a_calendar_outside_the_holidays() {
    let dir = tempfile::tempdir().unwrap();
    let holidays = repo().join("datasets/holidays/zuid.toml");
    let args = [
        "plan",
        "--holidays",
        holidays.to_str().unwrap(),
        "--out",
        "out",
    ];
    let printed = peiling_in(dir.path(), &args).ok();
    assert!(
        printed.contains("Geschreven: out/plan.md, out/plan.json, out/plan.ics"),
        "{printed}"
    );
    // plan.md: the report's plan section on its own, one table row per meeting.
    let md = std::fs::read_to_string(dir.path().join("out/plan.md")).unwrap();
    let plan: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/plan.json")).unwrap()).unwrap();
    assert!(md.starts_with("# Rotatieplan"), "{md}");
    for m in plan["meetings"].as_array().unwrap() {
        let row = format!(
            "| {} | {} | ",
            m["number"],
            m["school_year"].as_str().unwrap()
        );
        let line = md
            .lines()
            .find(|l| l.starts_with(&row))
            .unwrap_or_else(|| panic!("{row}"));
        assert!(
            line.contains(&dutch_day(m["date"].as_str().unwrap())),
            "{line}"
        );
        assert!(line.contains(m["title"].as_str().unwrap()), "{line}");
    }
    let first_json = std::fs::read(dir.path().join("out/plan.json")).unwrap();
    let first_ics = std::fs::read(dir.path().join("out/plan.ics")).unwrap();
    peiling_in(dir.path(), &args).ok();
    assert_eq!(
        std::fs::read(dir.path().join("out/plan.json")).unwrap(),
        first_json
    );
    assert_eq!(
        std::fs::read(dir.path().join("out/plan.ics")).unwrap(),
        first_ics
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("peiling-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    let ics = String::from_utf8(first_ics).unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    let starts: Vec<&str> = ics
        .lines()
        .filter_map(|l| l.strip_prefix("DTSTART;TZID=Europe/Amsterdam:"))
        .collect();
    assert_eq!(starts.len(), 12);
    let periods = holiday_periods("datasets/holidays/zuid.toml");
    // Summer 2020, then 8 school years of 5 vacations and 4 national days, less the 4 that
    // fall in the meivakantie (Koningsdag 2024, 2025 and 2026, Hemelvaartsdag 2027).
    assert_eq!(periods.len(), 1 + 8 * 5 + 8 * 4 - 4);
    for s in starts {
        let date = format!("{}-{}-{}", &s[0..4], &s[4..6], &s[6..8]);
        assert_eq!(weekday(&date), THURSDAY, "{date}");
        assert_eq!(&s[8..], "T133000");
        // ISO dates compare as strings.
        for (from, to) in &periods {
            assert!(
                !(from.as_str() <= date.as_str() && date.as_str() <= to.as_str()),
                "{date} in {from}..{to}"
            );
        }
    }
    // Nothing time-dependent: the stamp is the plan's start.
    assert!(ics.contains("DTSTAMP:20210901T000000Z"));
}

#[test]
fn infeasible_and_malformed_input_are_one_line_user_errors() {
    let err = peiling(&["plan", "--per-year", "5"]).user_error();
    assert_eq!(
        err,
        "peiling: no plan possible: 11 themes do not fit in 10 meetings (2 years × 5): every theme comes up once per cycle; raise --per-year or --years"
    );
    let err = peiling(&[
        "plan",
        "--years",
        "1",
        "--per-year",
        "11",
        "--offered",
        "feedback",
    ])
    .user_error();
    assert!(
        err.contains("a theme offered last year waits a year, but the cycle is 1 year"),
        "{err}"
    );
    let err = peiling(&["plan", "--offered", "yoga"]).user_error();
    assert!(
        err.starts_with("peiling: --offered yoga: the catalogue \"bos\" has no such theme"),
        "{err}"
    );
    let err = peiling(&["plan", "--start", "1 september"]).user_error();
    assert!(err.contains("--start \"1 september\""), "{err}");

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("cat.toml"),
        "id = \"x\"\ntitle = \"X\"\n\n[[theme]]\nid = \"a\"\ntitle = \"A\"\nlevel = \"kruin\"\n",
    )
    .unwrap();
    let err = peiling_in(dir.path(), &["plan", "--catalogue", "cat.toml"]).user_error();
    assert_eq!(
        err,
        "peiling: cat.toml:7: theme \"a\": level \"kruin\" is not basis or verdiepend"
    );
    let err = peiling(&["plan", "--catalogue", "no-such.toml"]).user_error();
    assert!(
        err.contains("no-such.toml: no such catalogue file"),
        "{err}"
    );
}

#[test]
fn alliantie_catalogue_on_the_bos_survey_warns_about_unknown_links() {
    let p = json(&["plan", "--catalogue", "alliantie", "--json"]);
    assert_eq!(p["meetings"].as_array().unwrap().len(), 9);
    let warnings = p["warnings"].to_string();
    assert!(warnings.contains("agogisch_bekwaam"), "{warnings}");
}

/// Per-school mode on tests/fixtures/planner/alliantie-2017: the picks recomputed from
/// wpb.csv with the csv crate and the documented rule (the school's own count, then the
/// overall count, then catalogue order; schools under 5 respondents take the overall
/// order and show no counts).
#[test]
fn per_school_picks_follow_each_schools_own_respondents() {
    let folder = repo().join("tests/fixtures/planner/alliantie-2017");
    // Option label -> workshop id, in catalogue order (datasets/catalogues/alliantie-2016.toml).
    let options = [
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
    let mut rows: BTreeMap<String, usize> = BTreeMap::new();
    let mut per_school: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut overall = vec![0usize; options.len()];
    let mut r = csv::Reader::from_path(folder.join("wpb.csv")).unwrap();
    for rec in r.records() {
        let rec = rec.unwrap();
        let school = rec[1].to_string();
        *rows.entry(school.clone()).or_default() += 1;
        let counts = per_school
            .entry(school)
            .or_insert_with(|| vec![0; options.len()]);
        for chosen in rec[3].split(';').filter(|s| !s.is_empty()) {
            let i = options.iter().position(|o| o.0 == chosen).unwrap();
            counts[i] += 1;
            overall[i] += 1;
        }
    }
    let rank = |own: &[usize]| {
        let mut idx: Vec<usize> = (0..options.len()).collect();
        idx.sort_by(|&a, &b| {
            own[b]
                .cmp(&own[a])
                .then(overall[b].cmp(&overall[a]))
                .then(a.cmp(&b))
        });
        idx.into_iter()
            .take(4)
            .map(|i| options[i].1)
            .collect::<Vec<_>>()
    };

    let p = json(&[
        "plan",
        folder.to_str().unwrap(),
        "--catalogue",
        "alliantie",
        "--per-school",
        "school",
        "--pick",
        "4",
        "--json",
    ]);
    assert_eq!(p["per_school"], "school");
    let selections = p["selections"].as_array().unwrap();
    assert_eq!(selections.len(), 4);
    for sel in selections {
        let school = sel["school"].as_str().unwrap();
        let picks: Vec<&str> = sel["picks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["theme"].as_str().unwrap())
            .collect();
        let n = rows[school];
        if n >= 5 {
            assert_eq!(picks, rank(&per_school[school]), "{school}");
            assert_eq!(sel["respondents"], n);
        } else {
            assert_eq!(picks, rank(&vec![0; options.len()]), "{school}");
            assert!(sel["respondents"].is_null());
            assert!(sel["picks"]
                .as_array()
                .unwrap()
                .iter()
                .all(|p| p["respondents"].is_null()));
        }
    }
    // By hand: Het Baken's 7 respondents chose video 4x, bumpy moments and intervisie 3x
    // each, weekreflectie, leerwerktaken and pedagogische competentie once; the tie for the
    // fourth place goes to weekreflectie (6 overall, before leerwerktaken's 6 in catalogue
    // order).
    let baken = selections
        .iter()
        .find(|s| s["school"] == "Het Baken")
        .unwrap();
    let picks: Vec<&str> = baken["picks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["theme"].as_str().unwrap())
        .collect();
    assert_eq!(
        picks,
        [
            "begeleiden_met_video",
            "bumpy_moments",
            "begeleide_intervisie",
            "weekreflectie"
        ]
    );
    // Counts under 5 in a school are small cells: not shown.
    assert_eq!(baken["picks"][3]["respondents"], Value::Null);

    let err = peiling(&[
        "plan",
        folder.to_str().unwrap(),
        "--catalogue",
        "alliantie",
        "--per-school",
        "workshops",
        "--pick",
        "12",
    ])
    .user_error();
    assert!(err.contains("--pick 12: year 1 offers 9 themes"), "{err}");
    let err = peiling(&["plan", "--per-school", "school"]).user_error();
    assert!(
        err.contains("no questionnaire of the survey has a question \"school\""),
        "{err}"
    );
}

/// A `--where` filter is named in the question's own words, in the table, plan.md and
/// plan.json's notes, never as the id "behoefte=Ja".
#[test]
fn a_filter_is_named_in_the_questions_words() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = peiling_in(d, &["plan", "--where", "behoefte=Ja", "--out", "p"]).ok();
    let md = std::fs::read_to_string(d.join("p/plan.md")).unwrap();
    let json = std::fs::read_to_string(d.join("p/plan.json")).unwrap();
    let plan: Value = serde_json::from_str(&json).unwrap();
    let notes: Vec<&str> = plan["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["nl"].as_str().unwrap())
        .collect();
    // The SO's and the WPB'ers were asked in their own words: both are named.
    let words = "Alleen respondenten die \u{201e}Ja\u{201d} antwoordden op \u{201e}Heb je behoefte aan professionalisering als schoolopleider?\u{201d} of \u{201e}Heb je behoefte aan professionalisering als werkplekbegeleider?\u{201d}.";
    assert!(notes.contains(&words), "{notes:?}");
    assert!(out.contains(words), "{out}");
    assert!(
        md.contains("alleen respondenten die \u{201e}Ja\u{201d} antwoordden op"),
        "{md}"
    );
    for text in [&out, &md] {
        assert!(!text.contains("behoefte=Ja"), "{text}");
    }
    assert!(notes.iter().all(|n| !n.contains("behoefte=Ja")));
    let en = peiling_in(d, &["plan", "--where", "behoefte=Ja", "--lang", "en"]).ok();
    assert!(
        en.contains("Only respondents who answered \u{201c}Ja\u{201d} to \u{201c}Need for professionalisation\u{201d}."),
        "{en}"
    );
}

/// Per-school mode on a synthetic export of 3,000 rows (`peiling synth` from the
/// alliantie fixture), streamed in one pass with one accumulator per school: each
/// school's respondents and its respondents per workshop are those recounted from
/// the CSV here (schools and counts of at least 5 are shown).
#[test]
fn per_school_figures_of_a_synthetic_export_are_recounted() {
    let folder = repo().join("tests/fixtures/planner/alliantie-2017");
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("wpb.csv");
    let synth = [
        "synth",
        folder.to_str().unwrap(),
        "-n",
        "3000",
        "--seed",
        "4",
        "-o",
        csv_path.to_str().unwrap(),
    ];
    peiling(&synth).ok();
    let options = [
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
    // Per school (lower case): its rows, and per workshop the rows that chose it
    // (asked: "Ja").
    let mut rows: BTreeMap<String, usize> = BTreeMap::new();
    let mut chose: BTreeMap<(String, &str), usize> = BTreeMap::new();
    let mut r = csv::Reader::from_path(&csv_path).unwrap();
    let headers = r.headers().unwrap().clone();
    let column = |h: &str| headers.iter().position(|x| x == h).unwrap();
    let (school_at, want_at, which_at) = (
        column("Op welke school werk je?"),
        column("Wil je dit jaar een workshop volgen?"),
        column("Welke workshops wil je volgen?"),
    );
    for rec in r.records() {
        let rec = rec.unwrap();
        // synth writes some answers in other accepted spellings ("  HET BAKEN ").
        let school = rec[school_at].trim().to_lowercase();
        *rows.entry(school.clone()).or_default() += 1;
        // "Yes" is the English spelling of "Ja" that synth also writes.
        let want = rec[want_at].trim().to_lowercase();
        if want != "ja" && want != "yes" {
            continue;
        }
        for (label, id) in options {
            if rec[which_at]
                .split(';')
                .any(|c| c.trim().eq_ignore_ascii_case(label))
            {
                *chose.entry((school.clone(), id)).or_default() += 1;
            }
        }
    }
    assert!(rows.values().filter(|&&n| n >= 5).count() >= 3, "{rows:?}");
    let q = folder.join("wpb.toml");
    let p = json(&[
        "plan",
        "-q",
        q.to_str().unwrap(),
        "-d",
        csv_path.to_str().unwrap(),
        "--catalogue",
        "alliantie",
        "--per-school",
        "school",
        "--pick",
        "4",
        "--json",
    ]);
    let selections = p["selections"].as_array().unwrap();
    assert!(!selections.is_empty());
    for sel in selections {
        let school = sel["school"].as_str().unwrap();
        let key = school.to_lowercase();
        match rows.get(&key).copied().unwrap_or(0) {
            n if n >= 5 => assert_eq!(sel["respondents"], n, "{school}"),
            _ => {
                assert!(sel["respondents"].is_null(), "{school}");
                continue;
            }
        }
        for pick in sel["picks"].as_array().unwrap() {
            let theme = pick["theme"].as_str().unwrap();
            let n = chose.get(&(key.clone(), theme)).copied().unwrap_or(0);
            if n >= 5 {
                assert_eq!(pick["respondents"], n, "{school}: {theme}");
            } else {
                assert!(pick["respondents"].is_null(), "{school}: {theme}");
            }
        }
    }
}
