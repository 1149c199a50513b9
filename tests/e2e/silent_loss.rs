//! The silent-loss corpus of tests/fixtures/silent-loss/ (README.md there): inputs that
//! peiling once read without a word while it lost, merged or changed answers. Each is
//! now refused with a located one-line error, or read with every row accounted for
//! (rows read = accepted + rejected) and the problem listed, the same whichever import
//! path (streamed or whole-file) reads it. Expected figures are counted by hand from
//! make.py, which writes the corpus.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{peiling_in, repo, Run};

fn corpus() -> PathBuf {
    repo().join("tests/fixtures/silent-loss")
}

/// A folder with the corpus, the import fixture questionnaire (q.toml) and its good
/// export (good.csv).
fn workdir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let import = repo().join("tests/fixtures/import");
    std::fs::copy(import.join("questionnaire.toml"), dir.path().join("q.toml")).unwrap();
    std::fs::copy(import.join("msforms-nl.csv"), dir.path().join("good.csv")).unwrap();
    for entry in std::fs::read_dir(corpus()).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> Run {
    peiling_in(dir, args)
}

/// `analyze --json` of one questionnaire and export.
fn summary(dir: &Path, q: &str, data: &str, extra: &[&str]) -> Value {
    let mut args = vec!["analyze", "--json", "-q", q, "-d", data];
    args.extend(extra);
    serde_json::from_str(&run(dir, &args).ok()).unwrap()
}

fn question<'a>(s: &'a Value, id: &str) -> &'a Value {
    s["parts"][0]["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == id)
        .unwrap_or_else(|| panic!("no question {id}"))
}

/// (label or text, count) of a choice question's rows or a text question's answers.
fn counts(q: &Value) -> Vec<(String, u64)> {
    let d = &q["detail"];
    let list = d["rows"].as_array().or(d["answers"].as_array()).unwrap();
    list.iter()
        .map(|r| {
            let label = r["label"].as_str().or(r["text"].as_str()).unwrap();
            (label.to_string(), r["count"].as_u64().unwrap())
        })
        .collect()
}

fn pairs(list: &[(&str, u64)]) -> Vec<(String, u64)> {
    list.iter().map(|(s, n)| (s.to_string(), *n)).collect()
}

fn rows_line(read: usize, accepted: usize, rejected: usize) -> String {
    format!("rows: {read} read, {accepted} accepted, {rejected} rejected")
}

#[test]
fn only_if_circles_are_refused_naming_the_circle() {
    let dir = workdir();
    for (file, circle) in [
        ("only-if-self.toml", "behoefte → behoefte"),
        ("only-if-pair.toml", "behoefte → contact → behoefte"),
        (
            "only-if-circle.toml",
            "behoefte → contact → mail → behoefte",
        ),
    ] {
        // Line 15 holds the only_if of "behoefte" in each file (make.py).
        let expected = format!(
            "peiling: {file}:15: question \"behoefte\": its only_if conditions go round in a circle ({circle})"
        );
        for command in ["validate", "analyze", "report"] {
            let err = run(dir.path(), &[command, "-q", file, "-d", "good.csv"]).user_error();
            assert!(err.starts_with(&expected), "{command} {file}: {err}");
        }
    }
}

#[test]
fn unreadable_shared_string_indexes_are_refused() {
    let dir = workdir();
    for (file, index) in [
        ("xlsx-shared-string-minus-one.xlsx", "-1"),
        ("xlsx-shared-string-2pow64.xlsx", "18446744073709551616"),
    ] {
        for strict in [false, true] {
            let mut args = vec!["validate", "-q", "q.toml", "-d", file];
            if strict {
                args.push("--strict");
            }
            let err = run(dir.path(), &args).user_error();
            assert!(
                err.starts_with(&format!(
                    "peiling: {file}:3:2: found shared-string index \"{index}\" in cell B3"
                )),
                "{err}"
            );
        }
    }
}

#[test]
fn a_row_the_workbook_holds_twice_is_read_and_set_aside() {
    let dir = workdir();
    let file = "xlsx-duplicate-row.xlsx";
    let out = run(dir.path(), &["validate", "-q", "q.toml", "-d", file]).ok();
    // Rows 2, 3, 3 again and 4: four read, the second row 3 rejected.
    assert!(out.contains(&rows_line(4, 3, 1)), "{out}");
    assert!(
        out.contains(&format!(
            "{file}:3:1: row rejected: found row 3 of the sheet a second time, expected each row once"
        )),
        "{out}"
    );
    let s = summary(dir.path(), "q.toml", file, &[]);
    assert_eq!(s["parts"][0]["respondents"], 3);
    assert_eq!(s["parts"][0]["rows_read"], 4);
    assert_eq!(s["parts"][0]["rows_rejected"], 1);
    // The first row 3 (36-45, Ja) counts, not the second (25-35, Nee).
    let age = counts(question(&s, "leeftijd"));
    assert_eq!(age[1], ("25-35".to_string(), 1));
    assert_eq!(age[2], ("36-45".to_string(), 2));
    assert_eq!(
        counts(question(&s, "behoefte")),
        pairs(&[("Ja", 2), ("Nee", 1)])
    );
    let err = run(
        dir.path(),
        &["validate", "-q", "q.toml", "-d", file, "--strict"],
    )
    .user_error();
    assert!(
        err.starts_with(&format!("peiling: {file}:3:1: row rejected: found row 3")),
        "{err}"
    );
}

#[test]
fn a_line_that_is_not_utf8_is_listed_and_the_rest_stays_utf8() {
    let dir = workdir();
    let file = "mixed-encoding.csv";
    let out = run(dir.path(), &["validate", "-q", "q.toml", "-d", file]).ok();
    assert!(out.contains(&rows_line(4, 4, 0)), "{out}");
    // Line 4, the toelichting (column 14): the one line read as Windows-1252.
    let listed = format!(
        "{file}:4:14: column \"Wil je nog iets toelichten?\": found \"byte 0xE9, which is not UTF-8\", expected UTF-8 as in the rest of the file (this line was read as Windows-1252)"
    );
    assert!(out.contains(&listed), "{out}");
    assert_eq!(out.matches("not UTF-8").count(), 1, "{out}");
    let s = summary(dir.path(), "q.toml", file, &[]);
    let texts: Vec<String> = counts(question(&s, "toelichting"))
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    for t in ["Café-overleg werkt", "café en thé", "één keer"] {
        assert!(texts.contains(&t.to_string()), "{t} missing from {texts:?}");
    }
    assert!(!texts.iter().any(|t| t.contains('Ã')), "{texts:?}");
    let err = run(
        dir.path(),
        &["validate", "-q", "q.toml", "-d", file, "--strict"],
    )
    .user_error();
    assert_eq!(err, format!("peiling: {listed}"));
}

#[test]
fn a_file_in_windows_1252_throughout_is_read_as_that_without_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    let import = repo().join("tests/fixtures/import");
    let out = run(
        dir.path(),
        &[
            "validate",
            "-q",
            import.join("questionnaire.toml").to_str().unwrap(),
            "-d",
            import.join("excel-nl-1252.csv").to_str().unwrap(),
        ],
    )
    .ok();
    assert!(out.contains("Windows-1252"), "{out}");
    assert!(!out.contains("not UTF-8"), "{out}");
}

#[test]
fn a_repeated_header_row_is_a_rejected_row() {
    let dir = workdir();
    let file = "repeated-header.csv";
    let out = run(dir.path(), &["validate", "-q", "q.toml", "-d", file]).ok();
    assert!(out.contains(&rows_line(5, 4, 1)), "{out}");
    assert!(
        out.contains(&format!(
            "{file}:4:1: row rejected: found the header row again, expected a response"
        )),
        "{out}"
    );
    let s = summary(dir.path(), "q.toml", file, &[]);
    assert_eq!(s["parts"][0]["respondents"], 4);
    assert_eq!(s["parts"][0]["rows_read"], 5);
    assert_eq!(s["parts"][0]["rows_rejected"], 1);
    assert_eq!(
        counts(question(&s, "behoefte")),
        pairs(&[("Ja", 3), ("Nee", 1)])
    );
}

#[test]
fn punctuation_only_answers_stay_apart() {
    let dir = workdir();
    let (q, file) = ("punctuation.toml", "punctuation.csv");
    let out = run(dir.path(), &["validate", "-q", q, "-d", file]).ok();
    assert!(out.contains(&rows_line(5, 5, 0)), "{out}");
    // "*" is no option (it is not "---"): one listed problem, no coercion.
    assert!(
        out.contains(&format!(
            "{file}:4:1: column \"Wat vind je ervan?\": found \"*\", expected one of \"Goed\", \"Slecht\", \"---\""
        )),
        "{out}"
    );
    assert!(!out.contains("coerced in"), "{out}");
    let s = summary(dir.path(), q, file, &[]);
    let oordeel = question(&s, "oordeel");
    assert_eq!(
        counts(oordeel),
        pairs(&[("Goed", 2), ("Slecht", 0), ("---", 2)])
    );
    assert_eq!(oordeel["invalid"], 1);
    assert_eq!(
        counts(question(&s, "opmerking")),
        pairs(&[("---", 2), ("*", 2), ("?", 1)])
    );
}

#[test]
fn a_draft_keeps_punctuation_only_choices_apart() {
    let dir = workdir();
    run(
        dir.path(),
        &["init", "punctuation-draft.csv", "-o", "draft.toml"],
    )
    .ok();
    let draft = std::fs::read_to_string(dir.path().join("draft.toml")).unwrap();
    let out = run(
        dir.path(),
        &[
            "validate",
            "-q",
            "draft.toml",
            "-d",
            "punctuation-draft.csv",
        ],
    )
    .ok();
    assert!(out.contains("no problems"), "{out}\n{draft}");
    assert!(!out.contains("coerced in"), "{out}\n{draft}");
    let s = summary(dir.path(), "draft.toml", "punctuation-draft.csv", &[]);
    let column = s["parts"][0]["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["text"] == "Kies er een")
        .unwrap();
    let mut got = counts(column);
    got.sort();
    // Recounted from make.py: Ja 3, Nee 2, --- 2, * 3.
    assert_eq!(
        got,
        pairs(&[("*", 3), ("---", 2), ("Ja", 3), ("Nee", 2)]),
        "{draft}"
    );
}

#[test]
fn missing_question_columns_are_listed_and_refused_when_strict() {
    let dir = workdir();
    let file = "missing-columns.csv";
    let out = run(dir.path(), &["validate", "-q", "q.toml", "-d", file]).ok();
    assert!(out.contains(&rows_line(3, 3, 0)), "{out}");
    // Every question but "leeftijd" is listed, at the column after the last one.
    for (id, text) in [
        ("behoefte", "Heb je behoefte aan professionalisering?"),
        ("email", "Wat is je e-mailadres?"),
    ] {
        let line = format!(
            "{file}:1:3: found no column for question \"{id}\" (\"{text}\"), expected one: all its answers count as geen antwoord"
        );
        assert!(out.contains(&line), "{line}\n{out}");
    }
    assert_eq!(
        out.matches("found no column for question").count(),
        9,
        "{out}"
    );
    assert!(!out.contains("no problems"), "{out}");
    // analyze and report say so on stderr, and still work.
    for command in [&["analyze"][..], &["report", "--out", "r"][..]] {
        let mut args = command.to_vec();
        args.extend(["-q", "q.toml", "-d", file]);
        let r = run(dir.path(), &args);
        r.ok();
        assert!(
            r.stderr().contains(
                "questionnaire \"fixture\": 9 of 10 questions have no column in the export"
            ),
            "{}",
            r.stderr()
        );
    }
    let err = run(
        dir.path(),
        &["validate", "-q", "q.toml", "-d", file, "--strict"],
    )
    .user_error();
    assert!(
        err.starts_with(&format!(
            "peiling: {file}:1:3: found no column for question \"behoefte\""
        )),
        "{err}"
    );
}

#[test]
fn where_values_must_be_answers_the_question_can_have() {
    let dir = workdir();
    let expected = "peiling: --where leeftijd=Z: \"Z\" is not an answer to question \"leeftijd\", expected one of \"Jonger dan 25\", \"25-35\", \"36-45\", \"Ouder dan 45\"";
    let where_z = ["-q", "q.toml", "-d", "good.csv", "--where", "leeftijd=Z"];
    for command in [&["report", "--out", "r"][..], &["plan"][..]] {
        let mut args = command.to_vec();
        args.extend(where_z);
        assert_eq!(run(dir.path(), &args).user_error(), expected, "{command:?}");
    }
    let mut args = vec!["analyze"];
    args.extend(where_z);
    assert_eq!(run(dir.path(), &args).user_error(), expected);
    let err = run(
        dir.path(),
        &[
            "analyze",
            "-q",
            "q.toml",
            "-d",
            "good.csv",
            "--where",
            "jaren=veel",
        ],
    )
    .user_error();
    assert!(
        err.ends_with("expected one of a number, \"???\", \"onbekend\""),
        "{err}"
    );
    // The bundled survey's parts offer different options for "opleiding" (yes/no for
    // WPB, kinds of training for SO): a value one part can have is accepted, one that
    // no part can have is refused, naming each part's options.
    run(dir.path(), &["analyze", "--where", "opleiding=Ja"]).ok();
    let err = run(dir.path(), &["analyze", "--where", "opleiding=Misschien"]).user_error();
    assert!(
    err.starts_with("peiling: --where opleiding=Misschien: \"Misschien\" is not an answer to question \"opleiding\", expected one of ")
        && err.contains("(in wpb)")
        && err.contains("(in so)"),
    "{err}"
    );
    // Values that are answers select: recounted from msforms-nl.csv.
    for (filter, respondents) in [
        ("behoefte=ja", 5), // row 9 says Ja but is rejected (no age)
        ("leeftijd=A2", 2), // an option's code
        ("competent=n.v.t.", 2),
        ("jaren=???", 1),
        ("jaren=12", 1),
        ("stagiaires=1-5 keer", 3),
        ("toelichting=Fijn dat dit gevraagd wordt", 1),
    ] {
        let s = summary(dir.path(), "q.toml", "good.csv", &["--where", filter]);
        assert_eq!(s["parts"][0]["respondents"], respondents, "{filter}");
    }
}
