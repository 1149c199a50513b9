//! The bad-input corpus of tests/fixtures/bad-input/ (README.md there lists what each
//! file tests): every file gets a one-line error naming file, row and column with exit
//! code 2 and no panic; the valid-but-hostile files (`hostile-*`) are read, and what
//! peiling writes neutralises them.

use std::path::{Path, PathBuf};

use crate::common::{peiling_in, repo, Run};

fn corpus() -> PathBuf {
    repo().join("tests/fixtures/bad-input")
}

/// A working folder with the import fixture questionnaire (q.toml), a good export
/// (good.csv) and the named corpus files.
fn workdir(files: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let import = repo().join("tests/fixtures/import");
    std::fs::copy(import.join("questionnaire.toml"), dir.path().join("q.toml")).unwrap();
    std::fs::copy(import.join("msforms-nl.csv"), dir.path().join("good.csv")).unwrap();
    for f in files {
        std::fs::copy(corpus().join(f), dir.path().join(f)).unwrap();
    }
    dir
}

/// How a corpus file is fed to peiling: exports in strict mode (lenient mode counts
/// most of these as invalid answers or rejected rows), questionnaires with a good export,
/// theme catalogues (`catalogue-*`) to `peiling plan`.
fn run(dir: &Path, name: &str, strict: bool) -> Run {
    if name.starts_with("catalogue-") {
        return peiling_in(dir, &["plan", "--catalogue", name]);
    }
    let mut args = vec!["validate"];
    if name.ends_with(".toml") {
        args.extend(["-q", name, "-d", "good.csv"]);
    } else {
        args.extend(["-q", "q.toml", "-d", name]);
        if strict {
            args.push("--strict");
        }
        if name.contains(".utf8-only.") {
            args.push("--utf8-only");
        }
    }
    peiling_in(dir, &args)
}

#[test]
fn every_bad_input_gives_a_located_one_line_error() {
    let mut names: Vec<String> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("hostile-") && n != "README.md" && n != "make.py")
        .collect();
    names.sort();
    assert!(
        names.len() >= 30,
        "the corpus has {} bad files",
        names.len()
    );
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let dir = workdir(&refs);
    for name in &names {
        let err = run(dir.path(), name, true).user_error();
        let located = err
            .strip_prefix(&format!("peiling: {name}:"))
            .unwrap_or_else(|| panic!("{name}: the error names the file: {err}"));
        let numbers: Vec<&str> = located.split(": ").next().unwrap().split(':').collect();
        // Exports are located by row and column; definition files (TOML) by line.
        let want = if name.ends_with(".toml") { 1 } else { 2 };
        assert_eq!(numbers.len(), want, "{name}: {err}");
        assert!(
            numbers
                .iter()
                .all(|n| n.parse::<usize>().is_ok_and(|n| n > 0)),
            "{name}: {err}"
        );
        // Lenient mode never panics either, and whatever it accepts adds up.
        let lenient = run(dir.path(), name, false);
        assert!(
            matches!(lenient.code(), 0 | 2),
            "{name}: {}",
            lenient.stderr()
        );
        assert!(!lenient.stderr().contains("panicked"), "{name}");
        if lenient.code() == 0 && !name.starts_with("catalogue-") {
            let out = lenient.stdout();
            let line = out.lines().find(|l| l.contains("rows: ")).unwrap();
            let n: Vec<usize> = line
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|t| t.parse().ok())
                .collect();
            assert_eq!(n[0], n[1] + n[2], "{name}: {line}");
        }
    }
}

#[test]
fn a_huge_field_is_refused_with_its_location() {
    // Generated rather than committed: a 3 MB answer (the limit is 1 MB).
    let dir = workdir(&[]);
    let head = std::fs::read_to_string(corpus().join("header-only.csv")).unwrap();
    let mut data = format!("{head}1,,,anonymous,,25-35,Ja,,,,12,4,,").into_bytes();
    data.extend(std::iter::repeat_n(b'z', 3 << 20));
    data.extend(b",\n");
    std::fs::write(dir.path().join("huge.csv"), data).unwrap();
    let err = run(dir.path(), "huge.csv", false).user_error();
    assert!(
        err.starts_with("peiling: huge.csv:2:14: found a field of 3145728 bytes"),
        "{err}"
    );
}

#[test]
fn formula_injection_is_neutralised_in_rejects() {
    let name = "hostile-formula-injection.csv";
    let dir = workdir(&[name]);
    let out = peiling_in(
        dir.path(),
        &[
            "validate",
            "-q",
            "q.toml",
            "-d",
            name,
            "--rejects",
            "rejects.csv",
        ],
    )
    .ok();
    assert!(
        out.contains("rows: 4 read, 1 accepted, 3 rejected"),
        "{out}"
    );
    let text = std::fs::read_to_string(dir.path().join("rejects.csv")).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut cells = 0;
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
            cells += 1;
        }
    }
    assert!(cells > 40, "{text}");
    // The payloads are still there, readable, behind the neutralising quote.
    for payload in ["'+cmd|' /C calc'!A0", "'@SUM(1+1)", "'-1+1", "'-2+3"] {
        assert!(text.contains(payload), "{payload} missing: {text}");
    }
}

#[test]
fn terminal_escapes_in_answers_are_shown_escaped() {
    let name = "hostile-terminal-escape.csv";
    let dir = workdir(&[name]);
    for args in [
        vec!["analyze", "-q", "q.toml", "-d", name],
        vec!["validate", "-q", "q.toml", "-d", name],
    ] {
        let run = peiling_in(dir.path(), &args);
        let out = run.ok();
        assert!(!out.contains(['\u{1b}', '\u{7}']), "{args:?}: {out:?}");
        if args[0] == "analyze" {
            // The privacy filter removed the escape itself; the harmless rest stays.
            assert!(out.contains("[31mrood"), "{out}");
        }
    }
    let json = peiling_in(
        dir.path(),
        &["analyze", "--json", "-q", "q.toml", "-d", name],
    )
    .ok();
    assert!(!json.contains('\u{1b}'), "JSON escapes control characters");
    // A strict-mode error quotes the bad answer: escaped there too.
    let head = std::fs::read_to_string(corpus().join("header-only.csv")).unwrap();
    let data = format!("{head}1,,,anonymous,,\u{1b}[2J25-35,Ja,,,,12,4,,,\n");
    std::fs::write(dir.path().join("esc.csv"), data).unwrap();
    let err = run(dir.path(), "esc.csv", true).user_error();
    assert!(err.contains("found \"\\u{1b}[2J25-35\""), "{err}");
    assert!(!err.contains('\u{1b}'), "{err}");
}

#[test]
fn script_in_free_text_is_kept_as_inert_data() {
    // The HTML and Markdown escaping of these belongs to `peiling report`; here the JSON
    // must carry the text unchanged (as a string) for the report to escape.
    let name = "hostile-script.csv";
    let dir = workdir(&[name]);
    let json = peiling_in(
        dir.path(),
        &["analyze", "--json", "-q", "q.toml", "-d", name],
    )
    .ok();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let texts: Vec<&str> = v["parts"][0]["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "toelichting")
        .unwrap()["detail"]["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "<script>alert('x')</script>",
            "<img src=x onerror=\"alert(1)\">"
        ]
    );
}

#[test]
fn e_mail_addresses_in_free_text_are_redacted() {
    let name = "hostile-contact-details.csv";
    let dir = workdir(&[name]);
    for json in [false, true] {
        let mut args = vec!["analyze", "-q", "q.toml", "-d", name];
        if json {
            args.push("--json");
        }
        let out = peiling_in(dir.path(), &args).ok();
        assert!(!out.contains("jan.jansen@"), "{out}");
        assert!(!out.contains("piet@"), "{out}");
        assert!(
            out.contains("Mail me op [e-mailadres weggelaten] of bel"),
            "{out}"
        );
    }
}
