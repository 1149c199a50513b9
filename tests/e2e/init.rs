//! `peiling init`: a draft questionnaire from an export reads that export, and on the
//! bundled survey it guesses the kinds the hand-made questionnaires have.

use std::collections::BTreeMap;

use crate::common::{bundled, peiling_in, repo};

fn fixtures() -> std::path::PathBuf {
    repo().join("tests/fixtures/import")
}

/// Question text -> (kind, the whole question table), from a questionnaire TOML.
fn kinds(toml_text: &str) -> BTreeMap<String, (String, toml::Value)> {
    let v: toml::Value = toml::from_str(toml_text).unwrap();
    v["question"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["text"].as_str().unwrap().to_string(),
                (q["kind"].as_str().unwrap().to_string(), q.clone()),
            )
        })
        .collect()
}

#[test]
fn a_draft_reads_the_export_it_came_from() {
    let dir = tempfile::tempdir().unwrap();
    for file in [
        "msforms-nl.csv",
        "msforms-en.csv",
        "msforms-nl.xlsx",
        "google-forms.csv",
        "limesurvey.csv",
        "excel-nl-1252.csv",
    ] {
        let export = fixtures().join(file);
        let draft = dir.path().join(format!("{file}.toml"));
        let run = peiling_in(
            dir.path(),
            &[
                "init",
                export.to_str().unwrap(),
                "-o",
                draft.to_str().unwrap(),
            ],
        );
        run.ok();
        assert!(
            run.stderr().contains("9 of 9 rows accepted, 0 problems"),
            "{file}: {}",
            run.stderr()
        );
        let out = peiling_in(
            dir.path(),
            &[
                "validate",
                "-q",
                draft.to_str().unwrap(),
                "-d",
                export.to_str().unwrap(),
            ],
        )
        .ok();
        assert!(
            out.contains("rows: 9 read, 9 accepted, 0 rejected"),
            "{file}: {out}"
        );
        assert!(out.contains("no problems"), "{file}: {out}");
    }
}

#[test]
fn drafts_of_the_bundled_exports_have_the_hand_made_kinds() {
    let dir = tempfile::tempdir().unwrap();
    for part in ["wpb", "so"] {
        let export = bundled().join(format!("{part}.csv"));
        let draft = peiling_in(dir.path(), &["init", export.to_str().unwrap()]).ok();
        let guessed = kinds(&draft);
        let made = kinds(&std::fs::read_to_string(bundled().join(format!("{part}.toml"))).unwrap());
        for (text, (kind, question)) in &made {
            // "Dit jaar gestart" names no number: the draft cannot make it a band.
            let expected = if text == "Hoe lang ben je al schoolopleider?" {
                "single"
            } else {
                kind.as_str()
            };
            let (got, guess) = guessed
                .get(text)
                .unwrap_or_else(|| panic!("{part}: {text}"));
            assert_eq!(got, expected, "{part}: {text}");
            if kind == "bands" && got == "bands" {
                assert_eq!(
                    guess["bands"].as_array().unwrap().len(),
                    question["bands"].as_array().unwrap().len()
                );
                for (g, m) in guess["bands"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .zip(question["bands"].as_array().unwrap())
                {
                    for key in ["label", "min", "max"] {
                        assert_eq!(g.get(key), m.get(key), "{part}: {text}: {key}");
                    }
                }
            }
        }
        assert_eq!(guessed.len(), made.len(), "{part}: one question per column");
    }
}

#[test]
fn init_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("export.csv");
    std::fs::copy(fixtures().join("msforms-nl.csv"), &export).unwrap();
    let draft = dir.path().join("draft.toml");
    std::fs::write(&draft, "mine").unwrap();
    let args = |out: &std::path::Path, extra: &[&'static str]| -> Vec<String> {
        let mut a = vec![
            "init".to_string(),
            export.display().to_string(),
            "-o".into(),
            out.display().to_string(),
        ];
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    let run = |a: Vec<String>| {
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        peiling_in(dir.path(), &a)
    };
    let err = run(args(&draft, &[])).user_error();
    assert!(
        err.ends_with("exists already; choose another file or add --force to replace it"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&draft).unwrap(), "mine");
    let err = run(args(&export, &["--force"])).user_error();
    assert!(
        err.contains("is the export; peiling never writes over its input"),
        "{err}"
    );
    run(args(&draft, &["--force"])).ok();
    assert!(std::fs::read_to_string(&draft)
        .unwrap()
        .contains("[[question]]"));
    let err = run(args(&dir.path().join("x.toml"), &["--id", "Mijn Enquête"])).user_error();
    assert!(
        err.contains("--id \"Mijn Enquête\": expected lowercase letters"),
        "{err}"
    );
    std::fs::write(dir.path().join("empty.csv"), "").unwrap();
    let err = peiling_in(dir.path(), &["init", "empty.csv"]).user_error();
    assert!(
        err.starts_with("peiling: empty.csv:1:1: found an empty file"),
        "{err}"
    );
}
