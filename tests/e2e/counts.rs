//! One count everywhere (issue 12): the defects that made `validate`, `analyze --json`
//! and the report disagree (a personal e-mail question, an answer to a question that was
//! not asked, an XLSX formula without a stored result), each with its fixture in
//! tests/fixtures/counts/; and, for every export in the repository, the same counts in
//! all three commands.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{peiling_in, repo, Run};

fn fixtures() -> PathBuf {
    repo().join("tests/fixtures/counts")
}

/// A temporary folder holding every file of tests/fixtures/counts/.
fn workdir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(fixtures()).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
    }
    dir
}

fn squeezed(out: &str) -> String {
    out.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn json(run: &Run) -> Value {
    serde_json::from_str(&run.ok()).unwrap()
}

fn question<'a>(summary: &'a Value, id: &str) -> &'a Value {
    summary["parts"][0]["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == id)
        .unwrap_or_else(|| panic!("no question {id}"))
}

fn counts(q: &Value) -> [u64; 4] {
    ["base", "answered", "no_answer", "invalid"].map(|k| q[k].as_u64().unwrap())
}

fn q_d(data: &str) -> Vec<&str> {
    vec!["-q", "questionnaire.toml", "-d", data]
}

#[test]
fn a_personal_email_question_counts_who_left_an_address() {
    let dir = workdir();
    let d = dir.path();
    let data = q_d("personal-email.csv");
    // Three rows; only the third left an address (the form's own E-mail column says
    // "anoniem" on every row).
    let validate = peiling_in(d, &[&["validate"], &data[..]].concat()).ok();
    assert!(
        squeezed(&validate).contains("contact 1 given (0 unknown), 2 geen antwoord, 0 invalid"),
        "{validate}"
    );
    for extra in [&[][..], &["--duplicates", "keep-first"][..]] {
        let s = json(&peiling_in(
            d,
            &[&["analyze", "--json"], &data[..], extra].concat(),
        ));
        assert_eq!(counts(question(&s, "contact")), [3, 1, 2, 0], "{extra:?}");
    }
    let contacts = d.join("contacten.csv");
    let out = peiling_in(
        d,
        &[
            &["report", "--no-plan", "--out", "rapport", "--contacts"],
            &[contacts.to_str().unwrap()][..],
            &data[..],
        ]
        .concat(),
    )
    .ok();
    assert!(out.contains("1 respondents who may be approached"), "{out}");
    let md = std::fs::read_to_string(d.join("rapport/report.md")).unwrap();
    assert!(
        md.contains(
            "Mogen we je benaderen? Laat dan je e-mailadres achter.: ingevuld door 1 van 3"
        ),
        "{md}"
    );
    assert!(
        !md.contains("els@school.invalid"),
        "no address in the report"
    );
    // The address left is the consent: its respondent (line 4) is on the list.
    let list = std::fs::read_to_string(&contacts).unwrap();
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 2, "{list}");
    assert!(lines[1].starts_with("telling,4,"), "{list}");
    assert!(lines[1].contains("els@school.invalid"), "{list}");
    assert!(lines[1].contains("Feedback geven"), "{list}");
    assert!(!list.contains("anoniem"), "{list}");
}

#[test]
fn an_answer_to_a_question_not_asked_is_a_listed_problem() {
    let dir = workdir();
    let d = dir.path();
    let data = q_d("not-asked.csv");
    let out = peiling_in(d, &[&["validate"], &data[..]].concat()).ok();
    for (row, found) in [(3, "Feedback geven;"), (4, "Anders: klassenmanagement")] {
        let line = format!(
            "not-asked.csv:{row}:8: column \"Aan welke thema's heb je behoefte?\": found \"{found}\", expected no answer: answered although not asked (only asked when \"behoefte\" is \"Ja\")"
        );
        assert!(out.contains(&line), "{line}\n{out}");
    }
    assert!(!out.contains("no problems"), "{out}");
    // Asked of rows 1 and 4 (behoefte Ja): one answered, one left it open; rows 2 and 3
    // answered Nee and ticked a theme anyway.
    assert!(
        squeezed(&out).contains(
            "thema 1 given (0 unknown), 1 geen antwoord, 0 invalid, 2 not asked (2 answered although not asked)"
        ),
        "{out}"
    );
    let err = peiling_in(d, &[&["validate", "--strict"], &data[..]].concat()).user_error();
    assert!(
        err.starts_with(
            "peiling: not-asked.csv:3:8: column \"Aan welke thema's heb je behoefte?\""
        ),
        "{err}"
    );
    // Kept out of the figures by both engines (streamed, and whole-file with --duplicates).
    let streamed = peiling_in(d, &[&["analyze", "--json"], &data[..]].concat()).ok();
    let whole = peiling_in(
        d,
        &[
            &["analyze", "--json", "--duplicates", "keep-first"],
            &data[..],
        ]
        .concat(),
    )
    .ok();
    assert_eq!(streamed, whole);
    let s: Value = serde_json::from_str(&streamed).unwrap();
    let thema = question(&s, "thema");
    assert_eq!(counts(thema), [2, 1, 1, 0]);
    let rows = thema["detail"]["rows"].as_array().unwrap();
    let count = |label: &str| rows.iter().find(|r| r["label"] == label).unwrap()["count"].clone();
    assert_eq!(
        (
            count("Observeren"),
            count("Feedback geven"),
            count("Anders")
        ),
        (1.into(), 0.into(), 1.into())
    );
    let other = thema["detail"]["other"].to_string();
    assert!(other.contains("coaching"), "{other}");
    assert!(!other.contains("klassenmanagement"), "{other}");
    let demand = s["parts"][0]["theme_demand"].as_array().unwrap();
    let feedback = demand.iter().find(|t| t["theme"] == "feedback").unwrap();
    assert_eq!(
        (
            feedback["weighted"].as_f64(),
            feedback["respondents"].as_u64()
        ),
        (Some(0.0), Some(0)),
        "{feedback}"
    );
}

#[test]
fn an_xlsx_formula_without_a_stored_result_is_a_problem_naming_its_cell() {
    let dir = workdir();
    let d = dir.path();
    let out = peiling_in(d, &[&["validate"], &q_d("formula.xlsx")[..]].concat()).ok();
    let line = "formula.xlsx:3:9: column \"Wil je nog iets toelichten?\": found \"=HYPERLINK(\"https://voorbeeld.invalid/verslag\",\"mijn verslag\")\", expected a value stored in cell I3";
    assert!(out.contains(line), "{out}");
    assert!(
        out.contains("rows: 3 read, 3 accepted, 0 rejected"),
        "{out}"
    );
    assert!(
        squeezed(&out).contains("toelichting 1 given (0 unknown), 1 geen antwoord, 1 invalid"),
        "{out}"
    );
    // A formula whose result was saved (F4) is read as that result.
    assert!(!out.contains("F4"), "{out}");
    assert!(
        !squeezed(&out).contains("leeftijd "),
        "every age was read: {out}"
    );
    // The CSV export of the same form keeps the text: the difference is now visible.
    let csv = peiling_in(d, &[&["validate"], &q_d("formula.csv")[..]].concat()).ok();
    assert!(
        squeezed(&csv).contains("toelichting 2 given (0 unknown), 1 geen antwoord, 0 invalid"),
        "{csv}"
    );
    let err = peiling_in(
        d,
        &[&["validate", "--strict"], &q_d("formula.xlsx")[..]].concat(),
    )
    .user_error();
    assert!(err.starts_with("peiling: formula.xlsx:3:9: "), "{err}");
    assert!(err.contains("cell I3"), "{err}");
    let s = json(&peiling_in(
        d,
        &[&["analyze", "--json"], &q_d("formula.xlsx")[..]].concat(),
    ));
    assert_eq!(counts(question(&s, "toelichting")), [3, 1, 1, 1]);
}

/// The counts `validate` prints for one questionnaire's file.
#[derive(Debug, Default)]
struct Accounting {
    rows: [u64; 3],
    /// Per question listed: given, unknown, n.v.t., geen antwoord, invalid, not asked.
    questions: Vec<(String, [u64; 6])>,
}

/// `validate`'s blocks by questionnaire id.
fn parse_validate(out: &str) -> Vec<(String, Accounting)> {
    let mut parts: Vec<(String, Accounting)> = Vec::new();
    let number = |t: &str| -> u64 {
        t.chars()
            .filter(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .unwrap_or_else(|_| panic!("a number: {t}"))
    };
    let mut listing = false;
    for line in out.lines() {
        if let Some((_, rest)) = line.split_once(" — questionnaire ") {
            let id = rest.split(" (").next().unwrap().to_string();
            parts.push((id, Accounting::default()));
            listing = false;
            continue;
        }
        let Some((_, acc)) = parts.last_mut() else {
            continue;
        };
        let words: Vec<&str> = line.split_whitespace().collect();
        if line.starts_with("  rows: ") {
            acc.rows = [number(words[1]), number(words[3]), number(words[5])];
        } else if line.starts_with("  per question") {
            listing = true;
        } else if listing && line.starts_with("    ") && words.get(2) == Some(&"given") {
            let before = |word: &str| -> u64 {
                words
                    .iter()
                    .position(|w| w.starts_with(word))
                    .map_or(0, |i| number(words[i - 1]))
            };
            acc.questions.push((
                words[0].to_string(),
                [
                    number(words[1]),
                    before("unknown"),
                    before("n.v.t."),
                    before("geen"),
                    before("invalid"),
                    before("not"),
                ],
            ));
        } else if !line.starts_with("    ") {
            listing = false;
        }
    }
    parts
}

/// The Markdown section of a part: from its anchor to the next part's.
fn part_section<'a>(md: &'a str, part: &str, parts: &[String]) -> &'a str {
    let anchor = |id: &str| format!("<a id=\"{id}\"></a>\n\n## ");
    let start = md
        .find(&anchor(part))
        .unwrap_or_else(|| panic!("no section for {part}"));
    let end = parts
        .iter()
        .filter_map(|p| md[start + 1..].find(&anchor(p)).map(|i| start + 1 + i))
        .chain(
            md[start..]
                .find("<a id=\"verantwoording\"></a>")
                .map(|i| start + i),
        )
        .min()
        .unwrap_or(md.len());
    &md[start..end]
}

/// The number in a Markdown table row `| label | n | ...` (label and n maybe emphasised).
fn table_number(section: &str, label: &str) -> Option<u64> {
    section.lines().find_map(|l| {
        let cells: Vec<&str> = l.split('|').map(|c| c.trim().trim_matches('*')).collect();
        (cells.len() > 2 && cells[1].replace('\\', "") == label)
            .then(|| cells[2].trim_matches('*').parse().ok())
            .flatten()
    })
}

/// The lines under the `#### text` heading of a question, up to the next heading.
fn question_section<'a>(part: &'a str, text: &str) -> Option<&'a str> {
    let wanted = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut offset = 0;
    for line in part.split_inclusive('\n') {
        offset += line.len();
        if line.starts_with("#### ") && line[5..].trim_end().replace('\\', "") == wanted {
            let rest = &part[offset..];
            let end = rest.find("\n#").map_or(rest.len(), |i| i + 1);
            return Some(&rest[..end]);
        }
    }
    None
}

/// Runs validate, analyze --json and report on one export and compares every count.
fn same_counts(name: &str, dir: &Path, args: &[&str]) {
    let validate = peiling_in(dir, &[&["validate"], args].concat());
    let analyze = peiling_in(dir, &[&["analyze", "--json"], args].concat());
    let report = peiling_in(
        dir,
        &[&["report", "--no-plan", "--out", "one-count"], args].concat(),
    );
    // A file one command refuses, all refuse, with the same words.
    if validate.code() != 0 {
        let err = validate.user_error();
        assert_eq!(analyze.user_error(), err, "{name}: analyze");
        assert_eq!(report.user_error(), err, "{name}: report");
        return;
    }
    let accounts = parse_validate(&validate.stdout());
    let summary = json(&analyze);
    report.ok();
    let md = std::fs::read_to_string(dir.join("one-count/report.md")).unwrap();
    let parts = summary["parts"].as_array().unwrap();
    assert_eq!(parts.len(), accounts.len(), "{name}");
    let ids: Vec<String> = accounts.iter().map(|a| a.0.clone()).collect();
    for (part, (id, acc)) in parts.iter().zip(&accounts) {
        let what = format!("{name} ({id})");
        assert_eq!(part["questionnaire"], id.as_str(), "{what}");
        let n = |k: &str| part[k].as_u64().unwrap();
        assert_eq!(
            [n("rows_read"), n("respondents"), n("rows_rejected")],
            acc.rows,
            "{what}: rows read, accepted, rejected"
        );
        let section = part_section(&md, id, &ids);
        assert_eq!(
            [
                table_number(section, "Ingevulde lijsten"),
                table_number(section, "Deden mee"),
                table_number(section, "Niet gebruikt (onleesbaar of dubbel)"),
            ],
            acc.rows.map(Some),
            "{what}: the report's response table"
        );
        for q in part["questions"].as_array().unwrap() {
            let qid = q["id"].as_str().unwrap();
            let what = format!("{what}, question {qid}");
            let [base, answered, no_answer, invalid] = counts(q);
            let na: u64 = q["detail"]["not_applicable"].as_array().map_or(0, |rows| {
                rows.iter().map(|r| r["count"].as_u64().unwrap()).sum()
            });
            let unknown = q["detail"]["unknown"].as_u64().unwrap_or(0);
            // A question validate does not list was answered by every accepted row.
            let listed = acc
                .questions
                .iter()
                .find(|(id, _)| id == qid)
                .map_or([acc.rows[1], 0, 0, 0, 0, 0], |(_, c)| *c);
            assert_eq!(
                [answered, unknown, na, no_answer, invalid, acc.rows[1] - base],
                listed,
                "{what}: analyze (given, unknown, n.v.t., geen antwoord, invalid, not asked) against validate"
            );
            // The report: the table of the question, or the line saying how many filled it in.
            let text = q["text"].as_str().unwrap();
            if q["kind"] == "personal" {
                let line = format!("- {text}: ingevuld door {answered} van {base}");
                assert!(section.contains(&line), "{what}: {line}");
                continue;
            }
            if !q["detail"]["motivation_for"].is_null() {
                continue; // quoted under the question it explains
            }
            // A grid question ("Stem [Item]") is headed by its item alone.
            let item = text
                .strip_suffix(']')
                .and_then(|t| t.rsplit_once(" ["))
                .map(|(_, item)| item);
            let own = question_section(section, text)
                .or_else(|| item.and_then(|i| question_section(section, i)));
            let Some(own) = own else {
                panic!("{what}: no section \"#### {text}\" in the report");
            };
            if base > 0 && base < 5 {
                // Put to fewer than the report's minimum (5): only how many were asked.
                let line = format!("Deze vraag is aan {base} ");
                assert!(own.contains(&line), "{what}: {line} in {own}");
                continue;
            }
            if q["kind"] == "text" {
                let line = format!("{answered} van {base} vulden iets in");
                assert!(own.contains(&line), "{what}: {line} in {own}");
                continue;
            }
            let total = table_number(own, "Totaal")
                .or_else(|| table_number(own, "Aantal dat de vraag kreeg"));
            assert_eq!(total, Some(base), "{what}: the report's total in {own}");
            assert_eq!(
                table_number(own, "geen antwoord"),
                Some(no_answer),
                "{what}: geen antwoord in {own}"
            );
            assert_eq!(
                table_number(own, "ongeldig").unwrap_or(0),
                invalid,
                "{what}: ongeldig in {own}"
            );
            if let Some(rows) = q["detail"]["not_applicable"].as_array() {
                for r in rows {
                    let label = r["label"].as_str().unwrap();
                    assert_eq!(
                        table_number(own, label),
                        r["count"].as_u64(),
                        "{what}: {label} in {own}"
                    );
                }
            }
        }
    }
}

#[test]
fn every_export_shows_one_count_in_validate_analyze_and_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // The bundled survey (no arguments) and the other survey folder.
    let synthetic = repo().join("datasets/bos-2021-synthetic");
    let mut cases: Vec<(String, Vec<String>)> = vec![
        ("bundled".into(), Vec::new()),
        (
            "datasets/bos-2021-synthetic".into(),
            vec![synthetic.to_string_lossy().into_owned()],
        ),
        (
            "datasets/po-rivierenland".into(),
            vec![repo()
                .join("datasets/po-rivierenland")
                .to_string_lossy()
                .into_owned()],
        ),
    ];
    let mut add = |folder: &str, questionnaire: &str, filter: &dyn Fn(&str) -> bool| {
        let src = repo().join(folder);
        let q = format!("{}-{questionnaire}", folder.replace('/', "-"));
        std::fs::copy(src.join(questionnaire), d.join(&q)).unwrap();
        let mut names: Vec<String> = std::fs::read_dir(&src)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| (n.ends_with(".csv") || n.ends_with(".xlsx")) && filter(n))
            .collect();
        names.sort();
        for n in names {
            std::fs::copy(src.join(&n), d.join(&n)).unwrap();
            let mut args = vec!["-q".to_string(), q.clone(), "-d".to_string(), n.clone()];
            if n.contains(".utf8-only.") {
                args.push("--utf8-only".into());
            }
            cases.push((format!("{folder}/{n}"), args));
        }
    };
    add("tests/fixtures/import", "questionnaire.toml", &|_| true);
    add("tests/fixtures/counts", "questionnaire.toml", &|_| true);
    // The bad-input corpus is read with the import fixtures' questionnaire.
    std::fs::copy(
        repo().join("tests/fixtures/import/questionnaire.toml"),
        d.join("tests-fixtures-bad-input-questionnaire.toml"),
    )
    .unwrap();
    let bad = repo().join("tests/fixtures/bad-input");
    let mut names: Vec<String> = std::fs::read_dir(&bad)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".csv") || n.ends_with(".xlsx"))
        .collect();
    names.sort();
    for n in names {
        std::fs::copy(bad.join(&n), d.join(&n)).unwrap();
        let mut args = vec![
            "-q".to_string(),
            "tests-fixtures-bad-input-questionnaire.toml".to_string(),
            "-d".to_string(),
            n.clone(),
        ];
        if n.contains(".utf8-only.") {
            args.push("--utf8-only".into());
        }
        cases.push((format!("bad-input/{n}"), args));
    }
    assert!(cases.len() > 40, "{} exports", cases.len());
    for (name, args) in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        same_counts(name, d, &args);
    }
}
