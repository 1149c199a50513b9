//! `peiling validate` on real-looking exports (tests/fixtures/import/): the accounting,
//! every problem as `file:row:column`, --rejects, --strict, --duplicates, --format, and
//! the broken inputs of issue 3, each a one-line error with exit code 2.

use std::path::Path;

use crate::common::{peiling_in, repo};

/// A temporary folder holding the fixture questionnaire (as q.toml) and the named files.
fn workdir(files: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = repo().join("tests/fixtures/import");
    std::fs::copy(
        fixtures.join("questionnaire.toml"),
        dir.path().join("q.toml"),
    )
    .unwrap();
    for f in files {
        std::fs::copy(fixtures.join(f), dir.path().join(f)).unwrap();
    }
    dir
}

/// The output with runs of spaces as one: the per-question table aligns its columns.
fn squeezed(out: &str) -> String {
    out.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn validate(dir: &Path, data: &str, extra: &[&str]) -> crate::common::Run {
    let mut args = vec!["validate", "-q", "q.toml", "-d", data];
    args.extend_from_slice(extra);
    peiling_in(dir, &args)
}

/// The header and the first accepted submission of msforms-nl.csv, for small variants.
const HEAD: &str = "ID,Begintijd,Tijd van voltooien,E-mail,Naam,Wat is je leeftijd?,Heb je behoefte aan professionalisering?,Hoeveel jaar leservaring heb je?,Wil je nog iets toelichten?\n";

#[test]
fn validate_reports_the_accounting_of_every_fixture() {
    // (file, format, encoding, line of submission 9: two fields hold a line break before it)
    let fixtures = [
        ("msforms-nl.csv", "Microsoft Forms", "UTF-8 (BOM)", 11, 6),
        ("msforms-en.xlsx", "Microsoft Forms", "XLSX", 10, 6),
        ("google-forms.csv", "Google Forms", "UTF-8", 11, 3),
        ("limesurvey.csv", "LimeSurvey", "UTF-8", 11, 6),
        (
            "excel-nl-1252.csv",
            "Microsoft Forms",
            "Windows-1252",
            11,
            6,
        ),
    ];
    let names: Vec<&str> = fixtures.iter().map(|f| f.0).collect();
    let dir = workdir(&names);
    for (file, format, encoding, line, column) in fixtures {
        let out = validate(dir.path(), file, &[]).ok();
        assert!(
            out.contains(&format!("{file} ({format}, {encoding})")),
            "{out}"
        );
        assert!(
            out.contains("rows: 9 read, 8 accepted, 1 rejected"),
            "{out}"
        );
        // 8 rows x 10 questions = 80 cells; hand-counted from the generator's table:
        // 22 empty (waarom_niet 6, thema 4, competent 1, uren 1, stagiaires 1,
        // toelichting 5, email 4), no invalid; the unknowns are "???" and "onbekend".
        // Of the 4 empty thema cells 3 belong to a "Nee" to behoefte: not asked.
        assert!(
            out.contains(
                "answers: 58 given (2 unknown), 19 geen antwoord, 0 invalid, 3 not asked, "
            ),
            "{file}: {out}"
        );
        assert!(
            out.contains(&format!(
                "  {file}:{line}:{column}: row rejected: found no valid answer to required question \"leeftijd\""
            )),
            "{file}: {out}"
        );
        assert!(
            squeezed(&out).contains("jaren 8 given (2 unknown), 0 geen antwoord, 0 invalid"),
            "{out}"
        );
    }
    let dutch = validate(dir.path(), "excel-nl-1252.csv", &[]).ok();
    for coerced in [
        "coerced in jaren: \"12 jaar\" read as \"12\" (1x)",
        "coerced in uren: \"7,5\" read as \"7.5\" (1x)",
        "coerced in competent: \"niet van toepassing\" read as \"n.v.t.\" (1x)",
    ] {
        assert!(dutch.contains(coerced), "{coerced} missing: {dutch}");
    }
}

#[test]
fn unmatched_columns_are_listed() {
    let dir = workdir(&[]);
    let head = HEAD.replace('\n', ",Extra vraag\n");
    std::fs::write(
        dir.path().join("d.csv"),
        format!("{head}1,,,a,,25-35,Ja,3,,x\n"),
    )
    .unwrap();
    let out = validate(dir.path(), "d.csv", &[]).ok();
    assert!(
        out.contains("unmatched columns (not read): \"Extra vraag\""),
        "{out}"
    );
    let err = validate(dir.path(), "d.csv", &["--strict"]).user_error();
    assert!(
        err.starts_with("peiling: d.csv:1:10: found column \"Extra vraag\""),
        "{err}"
    );
}

#[test]
fn strict_fails_on_the_first_problem_and_passes_a_clean_file() {
    let dir = workdir(&["msforms-nl.csv"]);
    let err = validate(dir.path(), "msforms-nl.csv", &["--strict"]).user_error();
    assert_eq!(
        err,
        "peiling: msforms-nl.csv:11:6: row rejected: found no valid answer to required question \"leeftijd\", expected one"
    );
    // The fixture's header and its first submission: every question has its column.
    let fixture = std::fs::read_to_string(dir.path().join("msforms-nl.csv")).unwrap();
    let clean: Vec<&str> = fixture.lines().take(2).collect();
    std::fs::write(dir.path().join("clean.csv"), clean.join("\n")).unwrap();
    let out = validate(dir.path(), "clean.csv", &["--strict"]).ok();
    assert!(
        out.contains("rows: 1 read, 1 accepted, 0 rejected"),
        "{out}"
    );
}

#[test]
fn rejects_file_holds_the_rows_with_reasons_and_no_formulas() {
    let dir = workdir(&[]);
    let data = format!(
        "{HEAD}1,,,a,,25-35,Ja,12,=HYPERLINK(\"http://x.invalid\";\"klik\")\n\
         2,,,b,,,Ja,3,+cmd|' /C calc'!A0\n\
         3,,,c,,36-45,Nee,4,ok,extra\n\
         4,,,@SUM(A1:A9),,,Nee,-2+3,geen\n"
    );
    std::fs::write(dir.path().join("d.csv"), data).unwrap();
    let out = validate(dir.path(), "d.csv", &["--rejects", "rejects.csv"]).ok();
    assert!(
        out.contains("rows: 4 read, 1 accepted, 3 rejected"),
        "{out}"
    );
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_path(dir.path().join("rejects.csv"))
        .unwrap();
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert_eq!(rows[0][..5], ["file", "row", "column", "reason", "ID"]);
    assert_eq!(rows.len(), 4, "header + 3 rejected rows: {rows:?}");
    assert_eq!(rows[1][..3], ["d.csv", "3", "6"]);
    assert!(
        rows[1][3].contains("required question \"leeftijd\""),
        "{rows:?}"
    );
    assert_eq!(rows[2][..3], ["d.csv", "4", "10"]);
    assert!(
        rows[2][3].contains("found 10 fields, expected 9"),
        "{rows:?}"
    );
    // OWASP: no cell may start with = + - @ (or tab / CR); the original text stays readable.
    for cell in rows.iter().flatten() {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "{cell:?}"
        );
    }
    assert_eq!(rows[1][12], "'+cmd|' /C calc'!A0");
    assert_eq!(rows[3][7], "'@SUM(A1:A9)");
    assert_eq!(rows[3][11], "'-2+3");
}

#[test]
fn rejects_never_overwrites_an_input_file() {
    let dir = workdir(&["msforms-nl.csv"]);
    let before = std::fs::read(dir.path().join("msforms-nl.csv")).unwrap();
    for target in ["msforms-nl.csv", "q.toml"] {
        let err = validate(dir.path(), "msforms-nl.csv", &["--rejects", target]).user_error();
        assert!(err.contains("is an input file"), "{err}");
    }
    assert_eq!(
        std::fs::read(dir.path().join("msforms-nl.csv")).unwrap(),
        before
    );
}

#[test]
fn duplicates_keep_first_last_or_all() {
    let dir = workdir(&[]);
    std::fs::write(
        dir.path().join("d.csv"),
        format!(
            "{HEAD}1,,,Jan@School.invalid,,25-35,Ja,3,eerste\n\
             2,,,ander@school.invalid,,36-45,Nee,8,\n\
             3,,,jan@school.invalid,,25-35,Nee,4,tweede\n"
        ),
    )
    .unwrap();
    let all = validate(dir.path(), "d.csv", &[]).ok();
    assert!(
        all.contains("rows: 3 read, 3 accepted, 0 rejected"),
        "{all}"
    );
    assert!(
        // The key is the respondent's address: validate shows it scrubbed, like every output.
        all.contains(
            "d.csv:4: duplicate submission of row 2 (e-mail [e-mailadres weggelaten]), kept"
        ),
        "{all}"
    );
    for (policy, dropped_row, dropped_text) in
        [("keep-first", "4", "tweede"), ("keep-last", "2", "eerste")]
    {
        let out = validate(
            dir.path(),
            "d.csv",
            &["--duplicates", policy, "--rejects", "r.csv"],
        )
        .ok();
        assert!(
            out.contains("rows: 3 read, 2 accepted, 1 rejected"),
            "{policy}: {out}"
        );
        let rejects = std::fs::read_to_string(dir.path().join("r.csv")).unwrap();
        let line = rejects.lines().nth(1).unwrap();
        assert!(
            line.starts_with(&format!("d.csv,{dropped_row},4,")),
            "{policy}: {rejects}"
        );
        assert!(line.ends_with(dropped_text), "{policy}: {rejects}");
    }
    let err = validate(dir.path(), "d.csv", &["--strict"]).user_error();
    assert!(
        err.starts_with("peiling: d.csv:4:1: found a second submission of row 2"),
        "{err}"
    );
}

#[test]
fn format_is_detected_and_can_be_forced() {
    let dir = workdir(&["limesurvey.csv"]);
    let detected = validate(dir.path(), "limesurvey.csv", &[]).ok();
    assert!(detected.contains("(LimeSurvey, UTF-8)"), "{detected}");
    assert!(!detected.contains("unmatched"), "{detected}");
    // Forced to a plain table, LimeSurvey's own bookkeeping columns mean nothing.
    let plain = validate(dir.path(), "limesurvey.csv", &["--format", "plain"]).ok();
    assert!(plain.contains("(plain table, UTF-8)"), "{plain}");
    assert!(
        plain.contains("unmatched columns (not read): \"lastpage\", \"startlanguage\", \"seed\""),
        "{plain}"
    );
}

/// Issue 3's broken inputs: (file, bytes, extra flags, expected start of the error).
fn broken_inputs() -> Vec<(&'static str, Vec<u8>, &'static [&'static str], &'static str)> {
    let one_line = vec![b'x'; 5 << 20];
    let mut huge = HEAD.as_bytes().to_vec();
    huge.extend(b"1,,,a,,25-35,Ja,3,");
    huge.extend(std::iter::repeat_n(b'y', 5 << 20));
    huge.push(b'\n');
    let mut latin1 = format!("{HEAD}1,,,a,,25-35,Ja,3,caf").into_bytes();
    latin1.extend(b"\xE9\n");
    vec![
        ("empty.csv", Vec::new(), &[], "empty.csv:1:1: found an empty file"),
        ("header-only.csv", HEAD.as_bytes().to_vec(), &[], "header-only.csv:2:1: found only a header row"),
        (
            "wrong-separator.csv",
            format!("{HEAD}1|||a||25-35|Ja|3|\n").replace(',', "|").into_bytes(),
            &[],
            "wrong-separator.csv:1:1: found a header with a single column, expected columns separated by commas, semicolons or tabs",
        ),
        (
            "latin1.csv",
            latin1,
            &["--utf8-only"],
            "latin1.csv:2:9: found invalid UTF-8 (byte 0xE9)",
        ),
        (
            "ragged.csv",
            format!("{HEAD}1,,,a,,25-35,Ja,3,\n2,,,b,,25-35,Ja\n").into_bytes(),
            &["--strict"],
            "ragged.csv:3:8: row rejected: found 7 fields, expected 9",
        ),
        (
            "unknown-option.csv",
            format!("{HEAD}1,,,a,,Honderd,Ja,3,\n").into_bytes(),
            &["--strict"],
            "unknown-option.csv:2:6: column \"Wat is je leeftijd?\": found \"Honderd\", expected one of \"Jonger dan 25\"",
        ),
        (
            "out-of-range.csv",
            format!("{HEAD}1,,,a,,25-35,Ja,99 jaar,\n").into_bytes(),
            &["--strict"],
            "out-of-range.csv:2:8: column \"Hoeveel jaar leservaring heb je?\": found \"99 jaar\", expected a number from 0 to 50 jaar",
        ),
        (
            "unterminated.csv",
            format!("{HEAD}1,,,a,,25-35,Ja,3,\"open\n2,,,b,,25-35,Ja,3,\n").into_bytes(),
            &[],
            "unterminated.csv:2:9: found a quoted field that is never closed",
        ),
        ("one-line.csv", one_line, &[], "one-line.csv:1:1: found a header with a single column"),
        ("huge-field.csv", huge, &[], "huge-field.csv:2:9: found a field of 5242880 bytes"),
    ]
}

#[test]
fn broken_inputs_give_one_line_errors_with_exit_code_2() {
    let dir = workdir(&[]);
    for (file, bytes, flags, expected) in broken_inputs() {
        std::fs::write(dir.path().join(file), bytes).unwrap();
        let err = validate(dir.path(), file, flags).user_error();
        assert!(
            err.starts_with(&format!("peiling: {expected}")),
            "{file}: expected \"{expected}\", got \"{err}\""
        );
        assert!(
            err.len() < 400,
            "{file}: the message stays short: {} bytes",
            err.len()
        );
    }
}

#[test]
fn lenient_mode_counts_bad_answers_as_invalid_and_keeps_the_row() {
    let dir = workdir(&[]);
    std::fs::write(
        dir.path().join("d.csv"),
        format!("{HEAD}1,,,a,,25-35,Ja,99,\n2,,,b,,25-35,Ja\n3,,,c,,36-45,Misschien,4,\n"),
    )
    .unwrap();
    let out = validate(dir.path(), "d.csv", &[]).ok();
    assert!(
        out.contains("rows: 3 read, 2 accepted, 1 rejected"),
        "{out}"
    );
    assert!(out.contains("  d.csv:2:8: column \"Hoeveel jaar leservaring heb je?\": found \"99\", expected a number from 0 to 50 jaar"), "{out}");
    assert!(out.contains("  d.csv:4:7: column \"Heb je behoefte aan professionalisering?\": found \"Misschien\", expected one of \"Ja\", \"Nee\""), "{out}");
    assert!(
        squeezed(&out).contains("jaren 1 given (0 unknown), 0 geen antwoord, 1 invalid"),
        "{out}"
    );
}

#[test]
fn a_sheet_for_a_text_file_names_the_flag() {
    let dir = workdir(&["msforms-nl.csv"]);
    let err = validate(dir.path(), "msforms-nl.csv", &["--sheet", "Blad1"]).user_error();
    assert_eq!(
        err,
        "peiling: msforms-nl.csv:1:1: found a text file, expected an XLSX workbook (--sheet was given)"
    );
}
