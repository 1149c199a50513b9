//! `peiling records`: the records store through the real binary, on real SQLite files
//! in a temporary folder. Expected counts are worked out by hand from the synthetic
//! fixtures in tests/fixtures/records (see the comments).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::common::{peiling_in, repo};

fn fixture(name: &str) -> String {
    repo()
        .join("tests/fixtures/records")
        .join(name)
        .display()
        .to_string()
}

/// A folder with a database holding the fixture plan's three meetings and the two
/// sign-up exports and the attendance list of "Observeren".
fn filled() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    peiling_in(d, &["records", "activity", "plan", &fixture("plan.json")]).ok();
    peiling_in(
        d,
        &["records", "import", &fixture("aanmelding-msforms.csv")],
    )
    .ok();
    peiling_in(d, &["records", "import", &fixture("aanmelding-google.csv")]).ok();
    let att = fixture("presentie-observeren.csv");
    let args = [
        "records",
        "import",
        &att,
        "--kind",
        "attendance",
        "--activity",
        "2021-2022-1",
    ];
    peiling_in(d, &args).ok();
    dir
}

#[test]
fn import_prints_its_accounting_and_the_file_is_private() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = peiling_in(d, &["records", "activity", "plan", &fixture("plan.json")]).ok();
    assert!(out.contains("3 activities"), "{out}");
    let rejects = d.join("afgewezen.csv");
    let out = peiling_in(
        d,
        &[
            "records",
            "import",
            &fixture("aanmelding-msforms.csv"),
            "--rejects",
            rejects.to_str().unwrap(),
        ],
    )
    .ok();
    assert!(
        out.contains("rows: 7 read, 4 accepted, 3 rejected"),
        "{out}"
    );
    assert!(
        out.contains("aanmelding-msforms.csv:5:7: row rejected:"),
        "{out}"
    );
    assert!(out.contains("uncertain: #4 may be #3"), "{out}");
    use std::os::unix::fs::PermissionsExt;
    for file in [d.join("peiling.db"), rejects.clone()] {
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{}", file.display());
    }
    // The rejects file: a header and the three rejected rows, each with its place.
    let text = std::fs::read_to_string(&rejects).unwrap();
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(rows.len(), 4, "{text}");
    assert!(rows[1].contains(",5,7,"), "{text}");
}

#[test]
fn list_shows_counts_only_and_person_shows_one_person() {
    let dir = filled();
    let d = dir.path();
    let out = peiling_in(d, &["records", "list"]).ok();
    // Anna, Bram, two Carla's, Farid, José.
    assert!(out.starts_with("6 persons\n"), "{out}");
    // Observeren: registered Anna, Bram, Carla (De Populier) = 3; attended Anna, José,
    // Carla (De Eik) = 3; no-shows Bram and the other Carla = 2.
    let line = out.lines().find(|l| l.starts_with("2021-2022-1")).unwrap();
    let numbers: Vec<&str> = line.split_whitespace().rev().take(3).collect();
    assert_eq!(numbers, ["2", "3", "3"], "{line}");
    for personal in ["Anna", "Bakker", "@", "Carla"] {
        assert!(!out.contains(personal), "{personal} in {out}");
    }
    let out = peiling_in(d, &["records", "person", "B.JANSEN@delinde.example "]).ok();
    assert!(
        out.contains("Bram Jansen") && out.contains("registered: 3 (9 hours)"),
        "{out}"
    );
    let err = peiling_in(d, &["records", "person", "Carla Smit"]).user_error();
    assert!(err.contains("matches 2 persons (#3, #4)"), "{err}");
    let err = peiling_in(d, &["records", "person", "Niemand"]).user_error();
    assert!(err.contains("no person matches \"Niemand\""), "{err}");
}

#[test]
fn due_counts_under_the_bundled_requirements() {
    let dir = filled();
    let d = dir.path();
    let out = peiling_in(d, &["records", "due", "--year", "2022-2023"]).ok();
    // WPB training: Anna (WPB since 2021, so new in 2022-2023) attended 3 of the 18
    // hours: due. Farid's sign-up (Google Forms) does not say since when, and his first
    // year in the records is the records' first: not known, not due.
    // Refresher: Anna, Bram, both Carla's, Farid; Anna and Carla (De Eik) attended
    // since August 2020. Beroepsregistratie: SO/IO Bram (2018), Carla (2019), Carla
    // (2020): all two years in the role by 2022, none attended that meeting.
    let dues: Vec<&str> = out.lines().filter(|l| l.starts_with("  due:")).collect();
    assert_eq!(
        dues,
        ["  due: 1 of 2", "  due: 3 of 5", "  due: 3 of 3"],
        "{out}"
    );
    assert!(
        out.contains("  new in the role (started in 2021-2022 or 2022-2023): 1, due if fewer than 18 hours attended\n"),
        "{out}"
    );
    assert!(
        out.contains("  not known since when in the role: 1 (not counted as due;"),
        "{out}"
    );
    assert!(!out.contains("Farid"), "names only when asked: {out}");
    let out = peiling_in(d, &["records", "due", "--year", "2022-2023", "--names"]).ok();
    assert!(out.contains("Farid El Amrani"), "{out}");
    assert!(out.contains("Anna Bakker (3 of 18 hours)"), "{out}");
    // Two years later nobody attended within three years.
    let out = peiling_in(d, &["records", "due", "--year", "2024-2025"]).ok();
    assert!(out.contains("  due: 5 of 5"), "{out}");
    let err = peiling_in(d, &["records", "due", "--year", "volgend jaar"]).user_error();
    assert!(err.contains("expected one such as 2022-2023"), "{err}");
}

#[test]
fn export_and_forget_a_person() {
    let dir = filled();
    let d = dir.path();
    let out = peiling_in(d, &["records", "export", "Anna Bakker"]).ok();
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["email"], "anna.bakker@deeik.example");
    assert_eq!(json["registered"].as_array().unwrap().len(), 3);
    assert_eq!(json["attended"][0]["id"], "2021-2022-1");
    let out = peiling_in(d, &["records", "forget", "anna.bakker@deeik.example"]).ok();
    assert!(out.contains("3 registrations and 1 attendances"), "{out}");
    let bytes = std::fs::read(d.join("peiling.db")).unwrap();
    for trace in ["anna.bakker@deeik.example", "Anna Bakker"] {
        assert!(
            !bytes.windows(trace.len()).any(|w| w == trace.as_bytes()),
            "{trace} still in the file"
        );
    }
    peiling_in(d, &["records", "person", "Anna Bakker"]).user_error();
    assert!(peiling_in(d, &["records", "list"])
        .ok()
        .starts_with("5 persons\n"));
}

#[test]
fn merge_joins_two_persons_the_team_says_are_one() {
    let dir = filled();
    let d = dir.path();
    let out = peiling_in(d, &["records", "merge", "#3", "#4"]).ok();
    assert!(out.contains("#4 merged into #3"), "{out}");
    let out = peiling_in(d, &["records", "person", "Carla Smit"]).ok();
    assert!(
        out.contains("registered: 2") && !out.contains("uncertain"),
        "{out}"
    );
    let err = peiling_in(d, &["records", "merge", "#3", "#3"]).user_error();
    assert!(err.contains("same person"), "{err}");
}

#[test]
fn mistakes_are_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let att = fixture("presentie-observeren.csv");
    let err = peiling_in(d, &["records", "list"]).user_error();
    assert!(
        err.contains("peiling.db: no records database here"),
        "{err}"
    );
    assert!(
        !d.join("peiling.db").exists(),
        "a question creates no database"
    );
    let err = peiling_in(d, &["records", "--db", "geen/map/p.db", "import", &att]).user_error();
    assert!(
        err.contains("geen/map/p.db: cannot open the records database"),
        "{err}"
    );
    let err = peiling_in(d, &["records", "import", &att, "--activity", "Dansles"]).user_error();
    assert!(err.contains("no activity \"Dansles\""), "{err}");
    let err = peiling_in(d, &["records", "import", &att]).user_error();
    assert!(
        err.contains("presentie-observeren.csv:1:1: no column naming the activity"),
        "{err}"
    );
    std::fs::write(
        d.join("notes.db"),
        "not a database but notes typed by hand, long enough",
    )
    .unwrap();
    let err = peiling_in(d, &["records", "--db", "notes.db", "list"]).user_error();
    // A plain sentence naming the file; SQLite's "(Error code 26: ...)" stays out.
    assert_eq!(
        err,
        "peiling: notes.db: is not a peiling records database: the file holds something else (text, a document, a spreadsheet)"
    );
    let err = peiling_in(
        d,
        &[
            "records",
            "activity",
            "add",
            "x",
            "--title",
            "X",
            "--date",
            "7-10-2021",
            "--hours",
            "3",
        ],
    )
    .user_error();
    assert!(err.contains("expected a date as YYYY-MM-DD"), "{err}");
}

/// A sign-up export of `n` fictional persons for "Observeren".
fn big_export(dir: &Path, n: usize) -> PathBuf {
    let mut text = String::from("Naam,E-mailadres,School,Rol,Bijeenkomst\n");
    for i in 0..n {
        text.push_str(&format!(
            "Persoon {i:03},p{i:03}@school.example,De Eik,WPB,Observeren\n"
        ));
    }
    let path = dir.join("groot.csv");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn an_import_killed_halfway_leaves_the_database_as_it_was() {
    let dir = filled();
    let d = dir.path();
    let before = peiling_in(d, &["records", "list"]).ok();
    let export = big_export(d, 300);
    let mut child = Command::new(env!("CARGO_BIN_EXE_peiling"))
        .args(["records", "import", export.to_str().unwrap()])
        .current_dir(d)
        .env("PEILING_TEST_PAUSE_IMPORT_AFTER", "150")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim(), "paused after 150 rows");
    child.kill().unwrap(); // SIGKILL: no clean-up runs
    child.wait().unwrap();
    // 150 persons were written inside the open transaction; none of them remains.
    assert_eq!(peiling_in(d, &["records", "list"]).ok(), before);
    let out = peiling_in(d, &["records", "import", export.to_str().unwrap()]).ok();
    assert!(out.contains("persons: 300 new"), "{out}");
    assert!(peiling_in(d, &["records", "list"])
        .ok()
        .starts_with("306 persons\n"));
}

#[test]
fn the_meetings_of_a_real_plan_become_activities() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    peiling_in(d, &["plan", "--out", "plan"]).ok();
    let plan: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("plan/plan.json")).unwrap()).unwrap();
    let meetings = plan["meetings"].as_array().unwrap();
    let out = peiling_in(d, &["records", "activity", "plan", "plan/plan.json"]).ok();
    assert!(
        out.starts_with(&format!(
            "{n} activities from plan/plan.json ({n} new, 0 updated)",
            n = meetings.len()
        )),
        "{out}"
    );
    let first = &meetings[0];
    let id = format!(
        "{}-{}",
        first["school_year"].as_str().unwrap(),
        first["slot"]
    );
    let out = peiling_in(d, &["records", "list"]).ok();
    let line = out.lines().find(|l| l.starts_with(&id)).unwrap();
    assert!(line.contains(first["date"].as_str().unwrap()), "{line}");
    // Declaring the same plan again updates, adds nothing.
    let out = peiling_in(d, &["records", "activity", "plan", "plan/plan.json"]).ok();
    assert!(out.contains("(0 new,"), "{out}");
}

#[test]
fn an_output_file_never_replaces_the_database_or_the_import() {
    let dir = filled();
    let d = dir.path();
    let db = std::fs::read(d.join("peiling.db")).unwrap();
    let err = peiling_in(d, &["records", "export", "#2", "-o", "peiling.db"]).user_error();
    assert!(err.contains("peiling.db: is an input file"), "{err}");
    let export = fixture("aanmelding-google.csv");
    let err = peiling_in(d, &["records", "import", &export, "--rejects", &export]).user_error();
    assert!(err.contains("is an input file"), "{err}");
    assert_eq!(std::fs::read(d.join("peiling.db")).unwrap(), db);
    assert!(std::fs::read_to_string(&export)
        .unwrap()
        .starts_with("Tijdstempel,"));
}
