//! The records store on real SQLite files in a temporary folder: import accounting,
//! matching, idempotent re-import, erasure and merging. Expected values are counted by
//! hand from the synthetic fixtures in tests/fixtures/records.

use std::path::{Path, PathBuf};

use peiling_records::{ImportKind, ImportOptions, ImportSummary, PlanActivities, Records};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/records")
        .join(name)
}

fn fresh(dir: &Path) -> Records {
    let mut r = Records::open(&dir.join("peiling.db")).unwrap();
    let text = std::fs::read_to_string(fixture("plan.json")).unwrap();
    let activities = PlanActivities::from_json("plan.json", &text).unwrap();
    assert_eq!(r.add_activities(&activities).unwrap(), 3);
    r
}

fn import(r: &mut Records, name: &str, kind: ImportKind, activity: Option<&str>) -> ImportSummary {
    let bytes = std::fs::read(fixture(name)).unwrap();
    let opts = ImportOptions {
        kind,
        activity: activity.map(String::from),
        ..Default::default()
    };
    r.import(name, &bytes, &opts).unwrap()
}

/// Independent recount straight from the file's tables.
fn count(path: &Path, table: &str) -> i64 {
    let conn = rusqlite_count::open(path);
    rusqlite_count::count(&conn, table)
}

mod rusqlite_count {
    // The test reads the file through its own connection, not the store's queries.
    pub fn open(path: &std::path::Path) -> rusqlite::Connection {
        rusqlite::Connection::open(path).unwrap()
    }
    pub fn count(conn: &rusqlite::Connection, table: &str) -> i64 {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    }
}

#[test]
fn an_import_accounts_for_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = fresh(dir.path());
    let s = import(
        &mut r,
        "aanmelding-msforms.csv",
        ImportKind::Registrations,
        None,
    );
    assert_eq!(s.rows_read, 7);
    assert_eq!(s.rows_accepted, 4);
    assert_eq!(s.rows_read, s.rows_accepted + s.rejected.len());
    let where_: Vec<(usize, usize)> = s.rejected.iter().map(|x| (x.row, x.column)).collect();
    // Line 5: e-mail (column 7); line 6: unknown activity (11); line 7: no name (6).
    assert_eq!(where_, vec![(5, 7), (6, 11), (7, 6)]);
    assert!(
        s.rejected[0].reason.contains("expected an e-mail address"),
        "{:?}",
        s.rejected[0]
    );
    assert!(s.rejected[1].reason.contains("Dansles"));
    // Anna 2 meetings, Bram 1, Carla 1, the other Carla 1.
    assert_eq!(s.added, 5);
    assert_eq!(count(&dir.path().join("peiling.db"), "registrations"), 5);
    assert_eq!(count(&dir.path().join("peiling.db"), "persons"), 4);
}

#[test]
fn importing_the_same_file_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("peiling.db");
    let mut r = fresh(dir.path());
    import(
        &mut r,
        "aanmelding-msforms.csv",
        ImportKind::Registrations,
        None,
    );
    let before = std::fs::read(&db).unwrap();
    let persons = count(&db, "persons");
    let again = import(
        &mut r,
        "aanmelding-msforms.csv",
        ImportKind::Registrations,
        None,
    );
    assert_eq!(
        (again.added, again.already_known, again.persons_added),
        (0, 5, 0)
    );
    assert_eq!(count(&db, "persons"), persons);
    assert_eq!(count(&db, "registrations"), 5);
    assert_eq!(count(&db, "uncertain"), 1);
    drop(r);
    assert_eq!(std::fs::read(&db).unwrap().len(), before.len());
}

#[test]
fn the_same_person_in_two_exports_with_other_capitals_and_spaces_is_one_person() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = fresh(dir.path());
    import(
        &mut r,
        "aanmelding-msforms.csv",
        ImportKind::Registrations,
        None,
    );
    let s = import(
        &mut r,
        "aanmelding-google.csv",
        ImportKind::Registrations,
        None,
    );
    // Anna and Bram found again by their address; Farid is new.
    assert_eq!((s.persons_matched, s.persons_added), (2, 1));
    assert!(s.uncertain.is_empty());
    let anna = r.find_person("  ANNA.bakker@deeik.example").unwrap();
    let rec = r.person(anna).unwrap();
    let ids: Vec<&str> = rec.registered.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["2021-2022-1", "2021-2022-2", "2021-2022-3"]);
    assert_eq!(rec.email.as_deref(), Some("anna.bakker@deeik.example"));
    assert_eq!(count(&dir.path().join("peiling.db"), "persons"), 5);
}

#[test]
fn an_uncertain_match_is_kept_apart_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = fresh(dir.path());
    let s = import(
        &mut r,
        "aanmelding-msforms.csv",
        ImportKind::Registrations,
        None,
    );
    assert_eq!(s.uncertain.len(), 1);
    let u = &s.uncertain[0];
    assert_eq!(
        r.person(u.person).unwrap().school.as_deref(),
        Some("De Populier")
    );
    assert_eq!(r.person(u.maybe).unwrap().school.as_deref(), Some("De Eik"));
    assert!(matches!(
        r.find_person("carla smit"),
        Err(peiling_records::RecordsError::AmbiguousPerson { .. })
    ));
    // The team decides they are one: registrations move over, the doubt is gone.
    r.merge(u.maybe, u.person).unwrap();
    let carla = r.person(u.maybe).unwrap();
    assert_eq!(carla.registered.len(), 2);
    assert!(carla.maybe_also.is_empty());
    assert_eq!(r.overview().unwrap().persons, 3);
}

#[test]
fn attendance_of_one_meeting_and_the_no_shows() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = fresh(dir.path());
    import(
        &mut r,
        "aanmelding-msforms.csv",
        ImportKind::Registrations,
        None,
    );
    let s = import(
        &mut r,
        "presentie-observeren.csv",
        ImportKind::Attendance,
        Some("Observeren"),
    );
    assert_eq!((s.rows_read, s.rows_accepted), (3, 3));
    assert_eq!(s.encoding, "Windows-1252");
    // Anna by address, Carla by name and school, José new.
    assert_eq!((s.persons_matched, s.persons_added), (2, 1));
    assert!(r.find_person("José Peeters").is_ok());
    let o = r.overview().unwrap();
    let obs = &o.activities[0];
    assert_eq!(obs.activity.id, "2021-2022-1");
    // Registered: Anna, Bram, Carla (De Populier); attended: Anna, José, Carla (De Eik).
    assert_eq!((obs.registered, obs.attended, obs.no_shows), (3, 3, 2));
}

#[test]
fn forget_leaves_no_trace_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("peiling.db");
    let mut r = fresh(dir.path());
    import(
        &mut r,
        "aanmelding-msforms.csv",
        ImportKind::Registrations,
        None,
    );
    import(
        &mut r,
        "aanmelding-google.csv",
        ImportKind::Registrations,
        None,
    );
    let contains = |needle: &str| {
        let bytes = std::fs::read(&db).unwrap();
        bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
    };
    assert!(contains("anna.bakker@deeik.example") && contains("Anna Bakker"));
    let anna = r.find_person("anna.bakker@deeik.example").unwrap();
    let gone = r.forget(anna).unwrap();
    assert_eq!(gone.registered.len(), 3);
    drop(r);
    for trace in ["anna.bakker@deeik.example", "Anna Bakker", "anna bakker"] {
        assert!(!contains(trace), "{trace} is still in the file");
    }
    assert!(contains("Bram Jansen"), "the others stay");
    assert_eq!(count(&db, "registrations"), 9 - 3);
}

#[test]
fn a_sign_up_workbook_is_read_like_its_csv() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = fresh(dir.path());
    // The Microsoft Forms CSV fixture written as the XLSX the form gives.
    let text = std::fs::read_to_string(fixture("aanmelding-msforms.csv")).unwrap();
    let mut csv =
        peiling_survey::import::read_table("x.csv", text.as_bytes(), &Default::default()).unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    csv.rows.insert(
        0,
        peiling_survey::import::Row {
            line: 1,
            fields: csv.headers.clone(),
        },
    );
    for (i, row) in csv.rows.iter().enumerate() {
        for (j, cell) in row.fields.iter().enumerate() {
            ws.write_string(i as u32, j as u16, cell).unwrap();
        }
    }
    let bytes = wb.save_to_buffer().unwrap();
    let s = r
        .import("aanmelding.xlsx", &bytes, &ImportOptions::default())
        .unwrap();
    assert_eq!((s.rows_read, s.rows_accepted, s.added), (7, 4, 5));
    let rows: Vec<usize> = s.rejected.iter().map(|x| x.row).collect();
    assert_eq!(rows, [5, 6, 7]);
}

#[test]
fn a_merged_persons_other_address_finds_them_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = fresh(dir.path());
    import(
        &mut r,
        "aanmelding-msforms.csv",
        ImportKind::Registrations,
        None,
    );
    // Bram signs up again from his private address: same name and school, another
    // address, so the team is asked.
    let csv = "Naam,E-mail,School,Bijeenkomst\nBram Jansen,bram@thuis.example,De Linde,Beroepsregistratie Velon\n";
    let opts = ImportOptions::default();
    let s = r.import("bram.csv", csv.as_bytes(), &opts).unwrap();
    assert_eq!(s.uncertain.len(), 1);
    let (new, bram) = (s.uncertain[0].person, s.uncertain[0].maybe);
    r.merge(bram, new).unwrap();
    let rec = r.person(bram).unwrap();
    assert_eq!(rec.email.as_deref(), Some("b.jansen@delinde.example"));
    assert_eq!(rec.other_emails, ["bram@thuis.example"]);
    assert_eq!(rec.registered.len(), 2);
    // The same file again: found by the other address, nothing new, nothing to decide.
    let again = r.import("bram.csv", csv.as_bytes(), &opts).unwrap();
    assert_eq!(
        (again.persons_matched, again.persons_added, again.added),
        (1, 0, 0)
    );
    assert!(again.uncertain.is_empty());
    assert_eq!(r.find_person("BRAM@thuis.example").unwrap(), bram);
    // Erased, the other address goes too.
    r.forget(bram).unwrap();
    drop(r);
    let bytes = std::fs::read(dir.path().join("peiling.db")).unwrap();
    assert!(!bytes.windows(18).any(|w| w == b"bram@thuis.example"));
}

#[test]
fn an_attendance_list_with_a_tick_column_counts_only_those_present() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = fresh(dir.path());
    let csv = "Naam;E-mail;Aanwezig\nAnna Bakker;anna@x.example;Ja\nBram Jansen;bram@x.example;nee\nCarla Smit;carla@x.example;\nDirk de Boer;dirk@x.example;misschien\n";
    let opts = ImportOptions {
        kind: ImportKind::Attendance,
        activity: Some("2021-2022-1".into()),
        ..Default::default()
    };
    let s = r.import("lijst.csv", csv.as_bytes(), &opts).unwrap();
    // Anna present; Bram and Carla absent (accepted, nothing written); Dirk rejected.
    assert_eq!(
        (s.rows_read, s.rows_accepted, s.absent, s.added),
        (4, 3, 2, 1)
    );
    assert_eq!((s.rejected[0].row, s.rejected[0].column), (5, 3));
    assert_eq!(count(&dir.path().join("peiling.db"), "attendance"), 1);
    assert_eq!(count(&dir.path().join("peiling.db"), "persons"), 1);
}

#[test]
fn certificates_hold_each_persons_own_activities_of_the_year() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = fresh(dir.path());
    import(
        &mut r,
        "aanmelding-msforms.csv",
        ImportKind::Registrations,
        None,
    );
    import(
        &mut r,
        "presentie-observeren.csv",
        ImportKind::Attendance,
        Some("2021-2022-1"),
    );
    // The attendance list has three rows, all present; Observeren is 3 hours.
    let certs = r.certificates("2021-2022").unwrap();
    let names: Vec<&str> = certs.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Anna Bakker", "Carla Smit", "José Peeters"]);
    for c in &certs {
        assert_eq!(c.year, "2021-2022");
        assert_eq!(c.activities.len(), 1);
        assert_eq!(c.activities[0].title, "Observeren");
        assert_eq!(c.total_hours, 3.0);
    }
    assert!(certs.windows(2).all(|w| w[0].person_id < w[1].person_id));
    // "2021" names the same school year; others have no attendance, or are no year.
    assert_eq!(r.certificates("2021").unwrap(), certs);
    assert!(matches!(
        r.certificates("2022-2023"),
        Err(peiling_records::RecordsError::NoAttendance(y)) if y == "2022-2023"
    ));
    assert!(matches!(
        r.certificates("2021-2023"),
        Err(peiling_records::RecordsError::BadYear(_))
    ));
    // A forgotten person has no certificate.
    let anna = r.find_person("anna.bakker@deeik.example").unwrap();
    r.forget(anna).unwrap();
    assert_eq!(r.certificates("2021-2022").unwrap().len(), 2);
}
