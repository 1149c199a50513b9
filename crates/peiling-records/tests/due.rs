//! Who is due for the WPB training under BOS's bundled requirements, on a real SQLite
//! file built here by hand: new WPB'ers only (started this school year or the one before),
//! the basis meetings and an activity of theme `wpb-training` counting towards the 18
//! hours. Every expected number is worked out by hand in the comments.

use chrono::NaiveDate;
use peiling_records::{
    Activity, DueLine, Expected, ImportKind, ImportOptions, Records, Requirements, BOS_REQUIREMENTS,
};

fn activity(id: &str, theme: &str, level: Option<&str>, date: &str, hours: f64) -> Activity {
    Activity {
        id: id.to_string(),
        title: id.to_string(),
        theme: Some(theme.to_string()),
        level: level.map(String::from),
        date: date.parse::<NaiveDate>().unwrap(),
        place: None,
        hours,
    }
}

/// Six basis meetings of 3 hours (b1-b3 in 2021-2022, b4-b6 in 2022-2023), one
/// verdiepend meeting (v1) and the training given at the pabo (t1, 6 hours).
///
/// | person | role | since     | attended            | hours by 2021-22 / 2022-23 |
/// |--------|------|-----------|---------------------|----------------------------|
/// | Anna   | WPB  | 2021      | b1-b6               | 9 / 18                     |
/// | Bas    | WPB  | 2021      | b1, b2, v1          | 6 / 6 (v1 does not count)  |
/// | Cor    | WPB  | 2015      | b1                  | not new                    |
/// | Dirk   | WPB  | 2020      | nothing (signed up) | 0 / 0                      |
/// | Eva    | WPB  | -         | b1 (first: 2021)    | start not known            |
/// | Fenna  | WPB  | -         | b4 (first: 2022)    | - / 3, new by the records  |
/// | Gijs   | WPB  | 2021-2022 | t1, b1-b3, b4       | 15 / 18                    |
/// | Hans   | SO   | 2021      | b1                  | not a WPB'er               |
fn filled(dir: &std::path::Path) -> Records {
    let mut r = Records::open(&dir.join("r.db")).unwrap();
    let mut list = vec![
        activity("v1", "innovatie", Some("verdiepend"), "2021-11-11", 3.0),
        activity("t1", "wpb-training", None, "2022-02-10", 6.0),
    ];
    for (i, date) in [
        "2021-10-07",
        "2022-01-20",
        "2022-04-14",
        "2022-10-06",
        "2023-01-19",
        "2023-04-13",
    ]
    .iter()
    .enumerate()
    {
        list.push(activity(
            &format!("b{}", i + 1),
            "feedback",
            Some("basis"),
            date,
            3.0,
        ));
    }
    r.add_activities(&list).unwrap();
    let signups = "Naam;E-mail;School;Rol;In deze rol sinds;Bijeenkomst\n\
        Anna;anna@x.example;De Eik;WPB;2021;b1\n\
        Bas;bas@x.example;De Eik;WPB;2021;b1\n\
        Cor;cor@x.example;De Ruit;WPB;2015;b1\n\
        Dirk;dirk@x.example;De Ruit;WPB;2020;b1\n\
        Eva;eva@x.example;De Eik;WPB;;b1\n\
        Fenna;fenna@x.example;De Eik;WPB;;b4\n\
        Gijs;gijs@x.example;De Ruit;WPB;2021-2022;t1\n\
        Hans;hans@x.example;De Eik;SO;2021;b1\n";
    r.import(
        "aanmelding.csv",
        signups.as_bytes(),
        &ImportOptions::default(),
    )
    .unwrap();
    let attended = "Naam;E-mail;Bijeenkomst\n\
        Anna;anna@x.example;b1;b2;b3;b4;b5;b6\n\
        Bas;bas@x.example;b1;b2;v1\n\
        Cor;cor@x.example;b1\n\
        Eva;eva@x.example;b1\n\
        Fenna;fenna@x.example;b4\n\
        Gijs;gijs@x.example;t1;b1;b2;b3;b4\n\
        Hans;hans@x.example;b1\n";
    // One cell lists several meetings, separated by ";": quote it.
    let attended: String = attended
        .lines()
        .map(|l| match l.split_once(".example;") {
            Some((who, meetings)) => format!("{who}.example;\"{meetings}\"\n"),
            None => format!("{l}\n"),
        })
        .collect();
    let opts = ImportOptions {
        kind: ImportKind::Attendance,
        ..Default::default()
    };
    let s = r
        .import("presentie.csv", attended.as_bytes(), &opts)
        .unwrap();
    assert_eq!((s.rows_read, s.rows_accepted), (7, 7), "{:?}", s.rejected);
    r
}

fn training(r: &Records, year: &str) -> DueLine {
    let reqs = Requirements::from_toml("bos.toml", BOS_REQUIREMENTS).unwrap();
    let report = r.due(&reqs, year).unwrap();
    report
        .lines
        .into_iter()
        .find(|l| l.requirement == "wpb-training")
        .unwrap()
}

fn names(line: &DueLine) -> Vec<(&str, f64)> {
    line.persons
        .iter()
        .zip(&line.hours_done)
        .map(|((_, n), h)| (n.as_str(), *h))
        .collect()
}

#[test]
fn only_new_wpbers_short_of_their_hours_are_due_for_the_training() {
    let dir = tempfile::tempdir().unwrap();
    let r = filled(dir.path());

    // 2021-2022: new are those started 2020 or 2021: Anna, Bas, Dirk, Gijs. Eva's start
    // is not known (her first year is the records' first), Fenna comes only in 2022.
    let line = training(&r, "2021-2022");
    assert_eq!(line.applies_to, 7);
    assert_eq!((line.new, line.new_from_records, line.unknown), (4, 0, 1));
    assert_eq!(
        names(&line),
        [("Anna", 9.0), ("Bas", 6.0), ("Dirk", 0.0), ("Gijs", 15.0)]
    );

    // 2022-2023: new are those started 2021 or 2022: Anna, Bas, Gijs, and Fenna by her
    // first year in the records. Anna and Gijs have their 18 hours; Dirk is no longer new.
    let line = training(&r, "2022-2023");
    assert_eq!((line.new, line.new_from_records, line.unknown), (4, 1, 1));
    assert_eq!(names(&line), [("Bas", 6.0), ("Fenna", 3.0)]);
    assert_eq!(line.by_school.get("De Eik"), Some(&2));

    // 2023-2024: only Fenna (started 2022) is still new.
    let line = training(&r, "2023-2024");
    assert_eq!((line.new, line.due), (1, 1));
}

#[test]
fn the_planner_gets_those_due_for_the_training_once_with_the_basis_level() {
    let dir = tempfile::tempdir().unwrap();
    let r = filled(dir.path());
    let reqs = Requirements::from_toml("bos.toml", BOS_REQUIREMENTS).unwrap();
    let expected = r.due(&reqs, "2022-2023").unwrap().expected(&reqs);
    let training: Vec<_> = expected
        .iter()
        .filter(|e| e.kind == Expected::Training)
        .collect();
    assert_eq!(training.len(), 1);
    assert_eq!((training[0].role.as_str(), training[0].people), ("WPB", 2));
    assert_eq!(training[0].levels, ["basis"]);
    // The refresher (any activity within three school years): everyone attended something
    // since August 2020 except Dirk, who is no longer new: one WPB'er for the update.
    let refresher: Vec<_> = expected
        .iter()
        .filter(|e| e.kind == Expected::Refresher)
        .map(|e| (e.role.as_str(), e.people))
        .collect();
    assert_eq!(refresher, [("WPB", 1)]);
}

#[test]
fn without_new_years_an_hours_requirement_is_for_everyone_in_the_role() {
    let dir = tempfile::tempdir().unwrap();
    let r = filled(dir.path());
    let text = "partnership = \"X\"\n[[requirement]]\nid = \"t\"\ntitle = \"T\"\nkind = \"hours\"\nroles = [\"WPB\"]\nhours = 9\nlevels = [\"basis\"]\n";
    let reqs = Requirements::from_toml("r.toml", text).unwrap();
    let line = &r.due(&reqs, "2021-2022").unwrap().lines[0];
    // Fewer than 9 basis hours by July 2022: Bas 6, Cor 3, Dirk 0, Eva 3, Fenna 0.
    let who: Vec<&str> = line.persons.iter().map(|p| p.1.as_str()).collect();
    assert_eq!(who, ["Bas", "Cor", "Dirk", "Eva", "Fenna"]);
    assert_eq!((line.new, line.unknown), (0, 0));
}

#[test]
fn new_years_is_checked_where_it_is_written() {
    let refresher = "partnership = \"X\"\n[[requirement]]\nid = \"r\"\ntitle = \"R\"\nkind = \"refresher\"\nroles = [\"WPB\"]\nevery_years = 3\nnew_years = 2\n";
    let err = Requirements::from_toml("r.toml", refresher)
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "r.toml:3: requirement \"r\": new_years is only for a requirement of kind hours"
    );
    let zero = "partnership = \"X\"\n[[requirement]]\nid = \"t\"\ntitle = \"T\"\nkind = \"hours\"\nroles = [\"WPB\"]\nhours = 18\nnew_years = 0\n";
    let err = Requirements::from_toml("r.toml", zero)
        .unwrap_err()
        .to_string();
    assert!(err.contains("new_years = 0, expected 1 or more"), "{err}");
}

#[test]
fn the_first_year_in_the_records_follows_the_links() {
    let dir = tempfile::tempdir().unwrap();
    let r = filled(dir.path());
    let first = |q: &str| r.person(r.find_person(q).unwrap()).unwrap().first_year;
    assert_eq!(first("fenna@x.example"), Some(2022));
    assert_eq!(first("eva@x.example"), Some(2021));
    // Gijs signed up for the pabo's training of February 2022: school year 2021-2022.
    assert_eq!(first("gijs@x.example"), Some(2021));
}
