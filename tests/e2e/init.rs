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
            // The choices of a multi-select are the form's, the rest "other" texts.
            if kind == "multi" {
                let labels = |q: &toml::Value| -> std::collections::BTreeSet<String> {
                    let list = q.get("options").or_else(|| q.get("option")).unwrap();
                    list.as_array()
                        .unwrap()
                        .iter()
                        .map(|o| {
                            o.as_str()
                                .or_else(|| o["label"].as_str())
                                .unwrap()
                                .to_string()
                        })
                        .collect()
                };
                // The option that `other` names (listed for its English label) is the
                // bucket of other texts, not a choice of the form.
                let mut made_labels = labels(question);
                if let Some(other) = question.get("other").and_then(|o| o.as_str()) {
                    made_labels.remove(other);
                }
                // A hand-made option may read plainer than the export and keep the
                // export's wording as a synonym: the draft has the export's.
                let drafted = labels(guess);
                for o in question
                    .get("options")
                    .or_else(|| question.get("option"))
                    .and_then(|l| l.as_array())
                    .into_iter()
                    .flatten()
                {
                    let synonyms = o.get("synonyms").and_then(|s| s.as_array());
                    let seen = synonyms
                        .into_iter()
                        .flatten()
                        .filter_map(|s| s.as_str())
                        .find(|s| drafted.contains(*s));
                    if let (Some(label), Some(seen)) =
                        (o.get("label").and_then(|l| l.as_str()), seen)
                    {
                        made_labels.remove(label);
                        made_labels.insert(seen.to_string());
                    }
                }
                assert_eq!(labels(guess), made_labels, "{part}: {text}");
                assert_eq!(
                    guess.get("other").is_some(),
                    question.get("other").is_some(),
                    "{part}: {text}"
                );
            }
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

fn trap(name: &str) -> std::path::PathBuf {
    repo().join("tests/fixtures/init").join(name)
}

/// Question text -> its `# unsure:` notes, as written at the top of each question.
fn notes(toml_text: &str) -> BTreeMap<String, Vec<String>> {
    toml_text
        .split("\n[[question]]\n")
        .skip(1)
        .map(|block| {
            let text = block
                .lines()
                .find_map(|l| l.strip_prefix("text = "))
                .map(|t| toml::from_str::<toml::Value>(&format!("t = {t}")).unwrap()["t"].clone())
                .and_then(|t| t.as_str().map(str::to_string))
                .unwrap();
            let notes = block
                .lines()
                .filter_map(|l| l.strip_prefix("# unsure: "))
                .map(str::to_string)
                .collect();
            (text, notes)
        })
        .collect()
}

fn strings(v: &toml::Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

/// `peiling init` on `export`: the draft's text and what init printed.
fn init_draft(dir: &std::path::Path, export: &std::path::Path) -> (String, String) {
    let draft = dir.join("draft.toml");
    let run = peiling_in(
        dir,
        &[
            "init",
            export.to_str().unwrap(),
            "-o",
            draft.to_str().unwrap(),
        ],
    );
    run.ok();
    (std::fs::read_to_string(&draft).unwrap(), run.stderr())
}

/// Rows of a CSV fixture as header -> cell maps (the test's own reading of the file).
fn csv_rows(path: &std::path::Path) -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, c)| (h.to_string(), c.to_string()))
                .collect()
        })
        .collect()
}

/// The multi-select `question` of `analyze --json` with the draft: option -> count, and
/// how many respondents gave an "other" text.
fn multi_counts(
    dir: &std::path::Path,
    export: &std::path::Path,
    question: &str,
) -> (BTreeMap<String, u64>, u64) {
    let draft = dir.join("draft.toml");
    let json = peiling_in(
        dir,
        &[
            "analyze",
            "-q",
            draft.to_str().unwrap(),
            "-d",
            export.to_str().unwrap(),
            "--json",
        ],
    )
    .ok();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let q = v["parts"][0]["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["text"] == question)
        .unwrap()
        .clone();
    let rows = q["detail"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["label"].as_str().unwrap().to_string(),
                r["count"].as_u64().unwrap(),
            )
        })
        .collect();
    let other = q["detail"]["other"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["count"].as_u64().unwrap())
        .sum();
    (rows, other)
}

#[test]
fn google_forms_traps_are_drafted_as_the_form_was_made() {
    let dir = tempfile::tempdir().unwrap();
    let export = trap("google-forms-traps.csv");
    let (toml_text, stderr) = init_draft(dir.path(), &export);
    let q = kinds(&toml_text);
    let feedback = "Feedback, feedforward en beoordelen";
    let options = [
        feedback,
        "Opleidingsdidactiek",
        "Gespreks- en begeleidingsvaardigheden",
        "Begeleiden van zij-instromers",
    ];
    let others = [
        "omgaan met gedrag in de klas",
        "Werkdruk",
        "omgaan met lastige gesprekken, ook met ouders",
    ];
    let themes = &q["Aan welke thema's heb je behoefte?"];
    assert_eq!(themes.0, "multi");
    assert_eq!(strings(&themes.1["options"]), options);
    assert_eq!(themes.1["other"].as_str(), Some("Anders"));
    // A radio question whose choices hold ", " is a single choice, not a multi-select.
    let contact = &q["Heb je behoefte aan contact met andere werkplekbegeleiders?"];
    assert_eq!(contact.0, "single");
    assert_eq!(
        strings(&contact.1["options"]),
        [
            "Ja, met WPB'ers van mijn eigen school",
            "Nee",
            "Ja, binnen BOS"
        ]
    );
    let count = &q["Hoeveel stagiairs begeleid je dit jaar?"];
    assert_eq!(count.0, "number", "one answer reads \"twee\"");
    assert_eq!(count.1["max"].as_integer(), Some(4));
    let scale = &q["Hoe waardevol vond je de studiemiddag?"];
    assert_eq!(scale.0, "scale", "a 1-5 linear scale");
    assert_eq!(strings(&scale.1["levels"]), ["5", "4", "3", "2", "1"]);
    assert_eq!(q["Wat wil je nog kwijt?"].0, "text");
    assert_eq!(q["Wat is je tip voor het ontwikkelteam?"].0, "text");
    assert_eq!(q["Wat is je rol?"].0, "single");

    let n = notes(&toml_text);
    let quoted = |items: &[&str]| {
        items
            .iter()
            .map(|i| format!("\"{i}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    assert_eq!(
        n["Aan welke thema's heb je behoefte?"],
        [
            format!(
                "Google Forms joins choices with \", \"; read as one choice each: {}",
                quoted(&[feedback, others[2]])
            ),
            format!(
                "taken for \"other\" texts, not choices (given once, or typed in lowercase): {}",
                quoted(&others)
            ),
        ]
    );
    assert_eq!(n["Hoeveel stagiairs begeleid je dit jaar?"].len(), 1);
    assert!(n["Hoeveel stagiairs begeleid je dit jaar?"][0]
        .starts_with("1 of 14 answers are not numbers (\"twee\")"));
    assert_eq!(n["Hoe waardevol vond je de studiemiddag?"].len(), 1);
    let unsure: usize = n.values().map(Vec::len).sum();
    assert_eq!(unsure, 4, "{n:?}");
    for text in ["Wat is je rol?", "Wat wil je nog kwijt?"] {
        assert!(n[text].is_empty(), "{text}: {:?}", n[text]);
    }
    assert!(toml_text.contains("\n# 4 guesses to check: look for \"# unsure:\" below.\n"));
    assert!(
        stderr.contains("14 of 14 rows accepted, 1 problem."),
        "{stderr}"
    );
    assert!(
        stderr.contains("4 guesses to check, marked \"# unsure:\" in the draft:"),
        "{stderr}"
    );
    assert!(
        stderr.contains("  hoeveel_stagiairs_begeleid_dit: 1 of 14 answers are not numbers"),
        "{stderr}"
    );
    // Personal data in a free text never reaches a note or the terminal.
    assert!(!stderr.contains("juf.an@"), "{stderr}");

    // The draft reads its export: the one word is the one problem.
    let out = peiling_in(
        dir.path(),
        &[
            "validate",
            "-q",
            dir.path().join("draft.toml").to_str().unwrap(),
            "-d",
            export.to_str().unwrap(),
        ],
    )
    .ok();
    assert!(
        out.contains("rows: 14 read, 14 accepted, 0 rejected"),
        "{out}"
    );
    let problems: Vec<&str> = out.lines().filter(|l| l.contains("found \"")).collect();
    assert_eq!(problems.len(), 1, "{out}");
    assert!(
        problems[0].ends_with(
            "google-forms-traps.csv:4:6: column \"Hoeveel stagiairs begeleid je dit jaar?\": found \"twee\", expected a number"
        ),
        "{out}"
    );

    // Every choice is counted as often as the export holds it; the other texts apart.
    let rows = csv_rows(&export);
    let cells: Vec<&str> = rows
        .iter()
        .map(|r| r["Aan welke thema's heb je behoefte?"].as_str())
        .collect();
    let (counts, other) = multi_counts(dir.path(), &export, "Aan welke thema's heb je behoefte?");
    for o in options {
        let expected = cells.iter().filter(|c| c.contains(o)).count() as u64;
        assert_eq!(counts[o], expected, "{o}");
    }
    let with_other = cells
        .iter()
        .filter(|c| others.iter().any(|o| c.contains(o)))
        .count() as u64;
    assert_eq!((other, with_other), (3, 3));
    assert_eq!(
        counts["Anders"], 3,
        "the other option counts its respondents"
    );
}

#[test]
fn msforms_other_answers_are_the_other_option() {
    let dir = tempfile::tempdir().unwrap();
    let export = trap("msforms-traps.csv");
    let (toml_text, stderr) = init_draft(dir.path(), &export);
    let q = kinds(&toml_text);
    let options = [
        "Feedback en feedforward",
        "Opleidingsdidactiek",
        "Gespreks- en begeleidingsvaardigheden",
        "Beoordelen, certificeren en examineren",
    ];
    let themes = &q["Aan welke thema's heb je behoefte?"];
    assert_eq!(themes.0, "multi");
    assert_eq!(strings(&themes.1["options"]), options);
    assert_eq!(
        themes.1["other"].as_str(),
        Some("Anders"),
        "the form's label, from \"Anders: klassenmanagement\""
    );
    let n = notes(&toml_text);
    assert_eq!(
        n["Aan welke thema's heb je behoefte?"],
        ["taken for \"other\" texts, not choices (given once, or typed in lowercase): \"coaching van startende collega's\""]
    );
    let years = &q["Hoeveel jaar ben je werkplekbegeleider?"];
    assert_eq!(years.0, "number");
    assert_eq!(years.1["max"].as_integer(), Some(12));
    assert!(n["Hoeveel jaar ben je werkplekbegeleider?"][0]
        .starts_with("1 of 12 answers are not numbers (\"drie\")"));
    assert_eq!(q["Heb je nog opmerkingen?"].0, "text");
    assert!(
        stderr.contains("12 of 12 rows accepted, 1 problem."),
        "{stderr}"
    );
    assert!(stderr.contains("2 guesses to check"), "{stderr}");

    let rows = csv_rows(&export);
    let cells: Vec<&str> = rows
        .iter()
        .map(|r| r["Aan welke thema's heb je behoefte?"].as_str())
        .collect();
    let (counts, other) = multi_counts(dir.path(), &export, "Aan welke thema's heb je behoefte?");
    for o in options {
        let expected = cells
            .iter()
            .filter(|c| c.split(';').any(|p| p == o))
            .count() as u64;
        assert_eq!(counts[o], expected, "{o}");
    }
    // Rows 1, 7, 11 ("Anders: ...") and 12 (a text typed in lowercase).
    assert_eq!(other, 4);
    assert_eq!(counts["Anders"], 4);
}
