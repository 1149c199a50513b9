//! `peiling certificates`: a year's certificates from a real records database filled
//! from the fixtures in tests/fixtures/records and attendance lists written here. The
//! expected totals are recounted in this file from the CSV files and plan.json, not
//! taken from peiling.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{peiling_in, repo};

fn fixture(name: &str) -> String {
    repo()
        .join("tests/fixtures/records")
        .join(name)
        .display()
        .to_string()
}

/// An attendance list written by the test: name, address, school, tick.
const FEEDBACK: &str = "Naam;E-mail;School;Aanwezig
Anna Bakker;anna.bakker@deeik.example;De Eik;ja
Bram Jansen;b.jansen@delinde.example;De Linde;ja
Farid El Amrani;farid.elamrani@depopulier.example;De Populier;nee
";
const INTERVISIE: &str = "Naam;E-mail;School;Aanwezig
Anna Bakker;anna.bakker@deeik.example;De Eik;ja
Farid El Amrani;farid.elamrani@depopulier.example;De Populier;ja
";
/// The next school year: never on a 2021-2022 certificate.
const LATER: &str = "Naam;E-mail;School
Bram Jansen;b.jansen@delinde.example;De Linde
";

/// Per attended name (whitespace folded), the rows of a `;` list that count: those
/// without an "Aanwezig" column, or ticked "ja". Bytes are read as Latin-1, which the
/// Windows-1252 fixture's names (é) are.
fn attended(bytes: &[u8]) -> Vec<String> {
    let text: String = bytes.iter().map(|&b| b as char).collect();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(';').collect();
    let col = |name: &str| header.iter().position(|h| h.trim() == name);
    let (naam, tick) = (col("Naam").unwrap(), col("Aanwezig"));
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split(';').collect::<Vec<_>>())
        .filter(|f| tick.is_none_or(|t| f[t].trim() == "ja"))
        .map(|f| fold(f[naam]))
        .collect()
}

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every name in every list of the test (attended or not, registered or not).
fn all_names(files: &[Vec<u8>]) -> Vec<String> {
    let mut names = Vec::new();
    for bytes in files {
        let text: String = bytes.iter().map(|&b| b as char).collect();
        let mut lines = text.lines();
        let first = lines.next().unwrap();
        let sep = if first.contains(';') { ';' } else { ',' };
        let header: Vec<&str> = first.split(sep).collect();
        for col in ["Naam", "Volledige naam"] {
            if let Some(i) = header.iter().position(|h| *h == col) {
                for l in text.lines().skip(1) {
                    let f: Vec<&str> = l.split(sep).collect();
                    if let Some(n) = f.get(i).map(|n| fold(n)).filter(|n| !n.is_empty()) {
                        names.push(n);
                    }
                }
            }
        }
    }
    names.sort();
    names.dedup();
    names
}

/// Checks the HTML is well-formed (balanced elements) by parsing it as XML.
fn assert_balanced(file: &Path, html: &str) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(html);
    reader.config_mut().check_end_names = true;
    let mut depth = 0i32;
    loop {
        match reader.read_event() {
            Ok(Event::Start(_)) => depth += 1,
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{}: not well-formed: {e}", file.display()),
        }
    }
    assert_eq!(depth, 0, "{}", file.display());
}

/// The rows of the index: (file, name, total text).
fn index_rows(html: &str) -> Vec<(String, String, String)> {
    html.lines()
        .filter_map(|l| l.strip_prefix("<tr><td><a href=\""))
        .map(|l| {
            let (file, rest) = l.split_once("\">").unwrap();
            let (name, rest) = rest.split_once("</a></td><td class=\"n\">").unwrap();
            let total = rest.split_once("</td>").unwrap().0;
            (file.to_string(), name.to_string(), total.to_string())
        })
        .collect()
}

struct Filled {
    dir: tempfile::TempDir,
    lists: Vec<Vec<u8>>,
    /// Per name, the hours attended in 2021-2022, recounted here.
    expected: BTreeMap<String, f64>,
}

fn filled() -> Filled {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let run = |args: &[&str]| peiling_in(d, args).ok();
    run(&["records", "activity", "plan", &fixture("plan.json")]);
    run(&["records", "import", &fixture("aanmelding-msforms.csv")]);
    run(&["records", "import", &fixture("aanmelding-google.csv")]);
    let add = |id: &str, title: &str, date: &str, hours: &str| {
        run(&[
            "records", "activity", "add", id, "--title", title, "--date", date, "--hours", hours,
        ])
    };
    add("intervisie-2022", "Intervisie", "2022-05-19", "1.5");
    add("terugkomdag", "Terugkomdag", "2022-09-15", "2");
    // The plan's meetings' hours, read from plan.json here.
    let plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("plan.json")).unwrap()).unwrap();
    let plan_hours = |slot: u64| {
        plan["meetings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["slot"] == slot && m["school_year"] == "2021-2022")
            .unwrap()["hours"]
            .as_f64()
            .unwrap()
    };
    let observeren = std::fs::read(fixture("presentie-observeren.csv")).unwrap();
    let lists: Vec<(Vec<u8>, &str, Option<f64>)> = vec![
        (observeren, "2021-2022-1", Some(plan_hours(1))),
        (FEEDBACK.into(), "2021-2022-2", Some(plan_hours(2))),
        (INTERVISIE.into(), "intervisie-2022", Some(1.5)),
        (LATER.into(), "terugkomdag", None),
    ];
    let mut expected: BTreeMap<String, f64> = BTreeMap::new();
    for (i, (bytes, activity, hours)) in lists.iter().enumerate() {
        let file = d.join(format!("presentie-{i}.csv"));
        std::fs::write(&file, bytes).unwrap();
        let f = file.to_str().unwrap();
        run(&[
            "records",
            "import",
            f,
            "--kind",
            "attendance",
            "--activity",
            activity,
        ]);
        if let Some(h) = hours {
            for name in attended(bytes) {
                *expected.entry(name).or_default() += h;
            }
        }
    }
    let mut all: Vec<Vec<u8>> = lists.into_iter().map(|l| l.0).collect();
    for f in ["aanmelding-msforms.csv", "aanmelding-google.csv"] {
        all.push(std::fs::read(fixture(f)).unwrap());
    }
    Filled {
        dir,
        lists: all,
        expected,
    }
}

fn hours_nl(h: f64) -> String {
    format!("{} uur", format!("{h}").replace('.', ","))
}

#[test]
fn one_certificate_per_person_with_totals_recounted_from_the_lists() {
    let f = filled();
    let d = f.dir.path();
    // Hand-worked as a check on the recount: Anna 3 + 3 + 1.5, Farid only the
    // intervisie (absent at feedback), Bram, Carla and José one meeting each.
    assert_eq!(f.expected["Anna Bakker"], 7.5);
    assert_eq!(f.expected["Farid El Amrani"], 1.5);
    assert_eq!(f.expected.len(), 5, "{:?}", f.expected);
    let out = peiling_in(d, &["certificates", "--year", "2021-2022", "-o", "certs"]).ok();
    assert!(out.contains("5 certificates"), "{out}");
    let all: f64 = f.expected.values().sum();
    assert!(
        out.contains(&format!(
            "{} hours in all",
            format!("{all}").replace('.', ",")
        )),
        "{out}"
    );

    let folder = d.join("certs");
    let index = std::fs::read_to_string(folder.join("index.html")).unwrap();
    assert_balanced(&folder.join("index.html"), &index);
    let rows = index_rows(&index);
    let names: BTreeMap<String, String> = rows
        .iter()
        .map(|(_, n, t)| (n.clone(), t.clone()))
        .collect();
    let expected: BTreeMap<String, String> = f
        .expected
        .iter()
        .map(|(n, h)| (n.clone(), hours_nl(*h)))
        .collect();
    assert_eq!(names, expected);
    // The index holds names and totals only: no address, school or activity.
    for private in [".example", "De Eik", "Observeren", "oktober"] {
        assert!(!index.contains(private), "index shows {private}: {index}");
    }

    let everyone = all_names(&f.lists);
    assert!(everyone.len() >= 7, "{everyone:?}");
    use std::os::unix::fs::PermissionsExt;
    let mut files: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("certificaat-"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 5, "{files:?}");
    for (file, name, total) in &rows {
        assert!(
            files.contains(file),
            "{file} in the index, not in the folder"
        );
        let path = folder.join(file);
        let html = std::fs::read_to_string(&path).unwrap();
        assert_balanced(&path, &html);
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{file}");
        assert!(html.contains("@page { size: A4"), "{file}");
        assert!(html.contains("Certificaat professionalisering"), "{file}");
        assert!(html.contains("Schooljaar 2021-2022"), "{file}");
        assert!(html.contains("Opleidingsschool BOS"), "{file}");
        assert!(
            html.contains(&format!("Totaal</td><td class=\"n\">{total}</td>")),
            "{file}: {html}"
        );
        // Only this person's name; nobody else's.
        assert!(html.contains(name.as_str()), "{file}");
        for other in everyone.iter().filter(|o| *o != name) {
            assert!(!html.contains(other.as_str()), "{file} names {other}");
        }
        // Never an activity of another year.
        assert!(!html.contains("Terugkomdag"), "{file}");
        assert!(!file.contains(&name.to_lowercase().replace(' ', "-")));
    }
    let mode = std::fs::metadata(&folder).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o700);

    // Anna's certificate lists her three activities with their dates written out.
    let anna = &rows.iter().find(|r| r.1 == "Anna Bakker").unwrap().0;
    let html = std::fs::read_to_string(folder.join(anna)).unwrap();
    for line in [
        "donderdag 7 oktober 2021",
        "donderdag 11 november 2021",
        "donderdag 19 mei 2022",
        "Intervisie",
        "1,5 uur",
    ] {
        assert!(html.contains(line), "{line}: {html}");
    }
    assert!(
        !html.contains("10 maart 2022"),
        "an activity Anna missed: {html}"
    );

    // A second run replaces the folder; the same files, the same order.
    peiling_in(d, &["certificates", "--year", "2021-2022", "-o", "certs"]).ok();
    assert_eq!(
        std::fs::read_to_string(folder.join("index.html")).unwrap(),
        index
    );
}

#[test]
fn english_certificates_and_another_year() {
    let f = filled();
    let d = f.dir.path();
    let args = [
        "certificates",
        "--year",
        "2021-2022",
        "-o",
        "en",
        "--lang",
        "en",
    ];
    peiling_in(d, &args).ok();
    let index = std::fs::read_to_string(d.join("en/index.html")).unwrap();
    assert!(index.contains("<html lang=\"en\">"));
    let rows = index_rows(&index);
    assert_eq!(rows.len(), f.expected.len());
    let anna = &rows.iter().find(|r| r.1 == "Anna Bakker").unwrap();
    assert_eq!(anna.2, "7.5 hours");
    let html = std::fs::read_to_string(d.join("en").join(&anna.0)).unwrap();
    assert_balanced(&d.join("en").join(&anna.0), &html);
    for line in [
        "Professional development certificate",
        "School year 2021-2022",
        "Thursday 7 October 2021",
        "Total</td><td class=\"n\">7.5 hours</td>",
    ] {
        assert!(html.contains(line), "{line}: {html}");
    }
    assert!(!html.contains("uur") && !html.contains("oktober"), "{html}");

    // 2022-2023: only Bram's terugkomdag, 2 hours.
    let args = [
        "certificates",
        "--year",
        "2022-2023",
        "-o",
        "next",
        "--partnership",
        "Mijn <Opleidingsschool>",
    ];
    let out = peiling_in(d, &args).ok();
    assert!(out.contains("1 certificates"), "{out}");
    let rows = index_rows(&std::fs::read_to_string(d.join("next/index.html")).unwrap());
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].1.as_str(), rows[0].2.as_str()),
        ("Bram Jansen", "2 uur")
    );
    let html = std::fs::read_to_string(d.join("next").join(&rows[0].0)).unwrap();
    assert!(html.contains("Mijn &lt;Opleidingsschool&gt;"), "{html}");
    assert!(html.contains("donderdag 15 september 2022"), "{html}");
}

#[test]
fn a_year_without_attendance_is_one_line_and_exit_2() {
    let f = filled();
    let d = f.dir.path();
    let err = peiling_in(d, &["certificates", "--year", "2023-2024", "-o", "c"]).user_error();
    assert!(
        err.contains("2023-2024") && err.contains("nobody attended"),
        "{err}"
    );
    assert!(!d.join("c").exists(), "nothing written");
    let err = peiling_in(d, &["certificates", "--year", "volgend jaar", "-o", "c"]).user_error();
    assert!(err.contains("volgend jaar"), "{err}");
    let err = peiling_in(
        d,
        &[
            "certificates",
            "--year",
            "2021-2022",
            "-o",
            "c",
            "--db",
            "nope.db",
        ],
    )
    .user_error();
    assert!(err.contains("nope.db"), "{err}");
    assert!(!d.join("nope.db").exists());
    // A folder holding something else is refused and left as it was.
    std::fs::create_dir(d.join("notes")).unwrap();
    std::fs::write(d.join("notes/mine.txt"), "x").unwrap();
    peiling_in(d, &["certificates", "--year", "2021-2022", "-o", "notes"]).user_error();
    assert_eq!(
        std::fs::read_to_string(d.join("notes/mine.txt")).unwrap(),
        "x"
    );
}
