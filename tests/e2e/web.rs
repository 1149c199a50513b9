//! The web page's workspace (crates/peiling-web, called natively) against the CLI on the
//! same files: the same report, bijlage, plan.json and plan.ics byte for byte, and the
//! same one-line message for a bad file.

use std::path::Path;

use peiling_web::Workspace;

use crate::common::{peiling_in, repo};

/// Every file of `dir` (no subfolders) in a workspace, as a team would drop them.
fn workspace_of(dir: &Path, skip: &[&str]) -> Workspace {
    let mut ws = Workspace::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let wanted = path.is_file()
            && [".toml", ".csv", ".xlsx"].iter().any(|e| name.ends_with(e))
            && !skip.contains(&name.as_str());
        if wanted {
            ws.add_file(&name, std::fs::read(&path).unwrap());
        }
    }
    ws
}

fn read(path: &Path) -> String {
    String::from_utf8(std::fs::read(path).unwrap()).unwrap()
}

/// `peiling report survey.toml` and `peiling plan survey.toml` run inside `dir`, in both
/// languages, against the workspace `ws`.
fn same_as_the_cli(dir: &Path, ws: &Workspace, with_plan: bool) {
    let out = tempfile::tempdir().unwrap();
    for lang in ["nl", "en"] {
        let report = out.path().join(format!("report-{lang}"));
        let report_arg = report.to_str().unwrap();
        peiling_in(
            dir,
            &["report", "survey.toml", "--lang", lang, "--out", report_arg],
        )
        .ok();
        for (file, length) in [("report", "full"), ("bijlage", "bijlage")] {
            let html = ws.report_html(lang, length).unwrap();
            assert!(
                html == read(&report.join(format!("{file}.html"))),
                "{file}.html ({lang}) differs from the CLI's for {}",
                dir.display()
            );
            let md = ws.report_markdown(lang, length).unwrap();
            assert!(
                md == read(&report.join(format!("{file}.md"))),
                "{file}.md ({lang}) differs from the CLI's for {}",
                dir.display()
            );
        }
        // The report inlines its charts: every chart the CLI wrote is in the page's HTML.
        let html = ws.report_html(lang, "full").unwrap();
        let charts = std::fs::read_dir(report.join("charts")).unwrap();
        let mut n = 0;
        for chart in charts {
            let svg = read(&chart.unwrap().path());
            // The HTML adds a role and a label to the opening tag; the rest is as written.
            let open = svg.find("<svg").unwrap();
            let body = &svg[open + svg[open..].find('>').unwrap() + 1..];
            assert!(html.contains(body.trim_end()), "a chart is missing");
            n += 1;
        }
        assert!(n > 0);
        assert_eq!(report.join("plan.json").exists(), with_plan);
    }
    for lang in ["nl", "en"] {
        let plan = out.path().join(format!("plan-{lang}"));
        let run = peiling_in(
            dir,
            &[
                "plan",
                "survey.toml",
                "--lang",
                lang,
                "--out",
                plan.to_str().unwrap(),
            ],
        );
        if run.code() == 0 {
            assert_eq!(ws.plan_json().unwrap(), read(&plan.join("plan.json")));
            assert_eq!(ws.plan_ics(lang).unwrap(), read(&plan.join("plan.ics")));
        } else {
            let line = run.user_error();
            let message = ws.plan_json().unwrap_err();
            assert_eq!(line, format!("peiling: {message}"));
        }
    }
    if with_plan {
        // The calendar is written in the language asked for: not the same file twice.
        assert_ne!(ws.plan_ics("nl").unwrap(), ws.plan_ics("en").unwrap());
    }
    if with_plan {
        // The report's plan is the plan command's plan.
        let report = out.path().join("report-nl");
        assert_eq!(ws.plan_json().unwrap(), read(&report.join("plan.json")));
        assert_eq!(ws.plan_ics("nl").unwrap(), read(&report.join("plan.ics")));
        let report = out.path().join("report-en");
        assert_eq!(ws.plan_ics("en").unwrap(), read(&report.join("plan.ics")));
    }
}

#[test]
fn the_bundled_survey_dropped_on_the_page_gives_the_cli_report() {
    let dir = repo().join("datasets/bos-2020");
    let mut ws = Workspace::new();
    ws.use_bundled("bos-2020").unwrap();
    // The bundled survey brings its definitions, never its exports.
    assert_eq!(ws.file_names(), ["so.toml", "survey.toml", "wpb.toml"]);
    for export in ["wpb.csv", "so.csv"] {
        ws.add_file(export, std::fs::read(dir.join(export)).unwrap());
    }
    same_as_the_cli(&dir, &ws, true);
    let list: serde_json::Value = serde_json::from_str(&Workspace::bundled()).unwrap();
    assert_eq!(list[0]["id"], "bos-2020");
    assert_eq!(
        list[0]["title"],
        "Enquête professionalisering BOS, oktober 2020"
    );
}

#[test]
fn another_partnerships_survey_gives_the_cli_report() {
    let dir = repo().join("datasets/po-rivierenland");
    let ws = workspace_of(&dir, &[]);
    same_as_the_cli(&dir, &ws, false);
}

/// Without a survey.toml, one questionnaire and one export are `-q Q -d EXPORT`.
#[test]
fn one_questionnaire_and_one_export_are_read_as_the_cli_reads_them() {
    let dir = repo().join("datasets/bos-2020");
    let mut ws = Workspace::new();
    for name in ["wpb.toml", "wpb.csv"] {
        ws.add_file(name, std::fs::read(dir.join(name)).unwrap());
    }
    let out = tempfile::tempdir().unwrap();
    let arg = out.path().to_str().unwrap();
    let args = ["report", "-q", "wpb.toml", "-d", "wpb.csv", "--out", arg];
    peiling_in(&dir, &args).ok();
    assert_eq!(
        ws.report_html("nl", "full").unwrap(),
        read(&out.path().join("report.html"))
    );
    // A second export leaves it unclear which one is meant: said, not guessed (and the
    // report computed before it came is not handed out again).
    ws.add_file("so.csv", std::fs::read(dir.join("so.csv")).unwrap());
    let e = ws.report_html("nl", "full").unwrap_err();
    assert!(e.contains("1 questionnaire(s) and 2 export(s)"), "{e}");
}

/// A bad file gives the page the line the CLI prints (without "peiling: ").
#[test]
fn a_bad_file_gives_the_cli_message() {
    let src = repo().join("datasets/bos-2020");
    let dir = tempfile::tempdir().unwrap();
    for name in ["survey.toml", "so.toml", "wpb.toml", "so.csv", "wpb.csv"] {
        std::fs::copy(src.join(name), dir.path().join(name)).unwrap();
    }
    // A row with a bad number of fields: rejected rows are accounted, not errors; so a
    // questionnaire with a TOML mistake, and an export that is an image.
    let broken_toml = read(&src.join("so.toml")).replacen("[[question]]", "[[question]", 1);
    let cases: [(&str, Vec<u8>); 2] = [
        ("so.toml", broken_toml.into_bytes()),
        (
            "wpb.csv",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01".to_vec(),
        ),
    ];
    for (name, bytes) in cases {
        let original = std::fs::read(dir.path().join(name)).unwrap();
        std::fs::write(dir.path().join(name), &bytes).unwrap();
        let out = dir.path().join("out");
        let line = peiling_in(
            dir.path(),
            &["report", "survey.toml", "--out", out.to_str().unwrap()],
        )
        .user_error();
        let ws = workspace_of(dir.path(), &[]);
        let message = ws.report_html("nl", "full").unwrap_err();
        assert_eq!(line, format!("peiling: {message}"), "{name}");
        assert!(message.starts_with(name), "{message}");
        assert_eq!(ws.accounting("nl").unwrap_err(), message);
        std::fs::write(dir.path().join(name), original).unwrap();
    }
}

/// The page's accounting is `peiling validate`'s: the same numbers and problem lines.
#[test]
fn the_accounting_is_the_validate_accounting() {
    let src = repo().join("datasets/bos-2020");
    let dir = tempfile::tempdir().unwrap();
    for name in ["survey.toml", "so.toml", "wpb.toml", "so.csv"] {
        std::fs::copy(src.join(name), dir.path().join(name)).unwrap();
    }
    // One row of wpb.csv cut short, and another one sent twice.
    let csv = read(&src.join("wpb.csv"));
    let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
    lines[3] = lines[3].split(',').take(3).collect::<Vec<_>>().join(",");
    lines.push(lines[5].clone());
    std::fs::write(dir.path().join("wpb.csv"), lines.join("\n") + "\n").unwrap();
    let text = peiling_in(dir.path(), &["validate", "survey.toml"]).ok();
    let ws = workspace_of(dir.path(), &[]);
    // In English: validate's lines themselves.
    let json: serde_json::Value = serde_json::from_str(&ws.accounting("en").unwrap()).unwrap();
    let exports = json.as_array().unwrap();
    assert_eq!(exports.len(), 2);
    for e in exports {
        let file = e["file"].as_str().unwrap();
        let (read_, accepted, rejected) = (
            e["rows_read"].as_u64().unwrap(),
            e["accepted"].as_u64().unwrap(),
            e["rejected"].as_u64().unwrap(),
        );
        assert_eq!(read_, accepted + rejected);
        let rows = format!("  rows: {read_} read, {accepted} accepted, {rejected} rejected");
        let block = &text[text.find(&format!("{file} (")).unwrap()..];
        assert_eq!(block.lines().nth(1).unwrap(), rows, "{file}");
        for p in e["problems"].as_array().unwrap() {
            let line = p["line"].as_str().unwrap();
            assert!(
                text.contains(&format!("  {line}\n")),
                "{line} not in {text}"
            );
            let (file, row, column) = (p["file"].as_str().unwrap(), &p["row"], &p["column"]);
            let message = p["message"].as_str().unwrap();
            let at = match column.as_u64() {
                // A duplicate submission is a whole row.
                Some(0) => format!("{file}:{row}: {message}"),
                _ => format!("{file}:{row}:{column}: {message}"),
            };
            assert_eq!(at, line);
        }
    }
    let wpb = exports.iter().find(|e| e["file"] == "wpb.csv").unwrap();
    // Recounted from the file: every data line is a row, one of them spoiled.
    assert_eq!(wpb["rows_read"].as_u64().unwrap() as usize, lines.len() - 1);
    assert_eq!(wpb["rejected"], 1);
    let lines: Vec<&str> = wpb["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["line"].as_str().unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].contains("duplicate submission of row 6"),
        "{lines:?}"
    );
    assert!(
        lines[1].contains(":4:") && lines[1].contains("row rejected"),
        "{lines:?}"
    );
    // In Dutch: the same rows and columns, the same facts, Dutch words.
    let json: serde_json::Value = serde_json::from_str(&ws.accounting("nl").unwrap()).unwrap();
    let wpb = json
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["file"] == "wpb.csv")
        .unwrap();
    let dutch: Vec<&str> = wpb["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["line"].as_str().unwrap())
        .collect();
    let (head, key) = lines[0].split_once(" (").unwrap();
    let first_row = head.rsplit(' ').next().unwrap();
    let row = lines[0].split(':').nth(1).unwrap();
    assert_eq!(
        dutch[0],
        format!(
            "wpb.csv:{row}: dubbele inzending van rij {first_row} ({}",
            key.replace(", kept", ", bewaard")
                .replace(", dropped", ", weggelaten")
        )
    );
    let fields = lines[1]
        .split("found ")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap();
    let width = csv.lines().next().unwrap();
    let width = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(width.as_bytes())
        .records()
        .next()
        .unwrap()
        .unwrap()
        .len();
    assert_eq!(fields, "3");
    assert_eq!(
        dutch[1],
        format!("wpb.csv:4:4: rij afgekeurd: 3 velden gevonden, verwacht {width} zoals in de kopregel: een scheidingsteken te veel of te weinig?")
    );
}

/// The draft is `peiling init`'s, and a questionnaire parses to its serde form.
#[test]
fn the_draft_and_the_questionnaire_are_the_cli_ones() {
    let dir = repo().join("datasets/po-rivierenland");
    let ws = workspace_of(&dir, &[]);
    let toml = peiling_in(&dir, &["init", "mentoren.csv"]).ok();
    assert_eq!(ws.draft("mentoren.csv", "WPB", "en").unwrap(), toml);
    // Another audience, as `init --audience` gives it: one of the usual or the team's own.
    for audience in ["SO", "Mentoren \"po\""] {
        let toml = peiling_in(&dir, &["init", "mentoren.csv", "--audience", audience]).ok();
        let draft = ws.draft("mentoren.csv", audience, "nl").unwrap();
        assert_eq!(draft, toml);
        let q: toml::Value = toml::from_str(&draft).unwrap();
        assert_eq!(q["audience"].as_str(), Some(audience));
    }
    let q: serde_json::Value =
        serde_json::from_str(&ws.questionnaire_json("mentoren.toml").unwrap()).unwrap();
    let source: toml::Value = toml::from_str(&read(&dir.join("mentoren.toml"))).unwrap();
    assert_eq!(q["id"], source["id"].as_str().unwrap());
    let questions = source["question"].as_array().unwrap();
    assert_eq!(q["questions"].as_array().unwrap().len(), questions.len());
    assert!(ws
        .draft("nothing.csv", "WPB", "en")
        .unwrap_err()
        .starts_with("nothing.csv"));
}

/// On the Dutch page an import's mistakes are in Dutch: the same file, row and column as
/// the CLI's English line, the same facts, Dutch words. In English they are the CLI's.
#[test]
fn import_mistakes_are_worded_in_the_page_language() {
    let src = repo().join("datasets/bos-2020");
    let dir = tempfile::tempdir().unwrap();
    for name in ["survey.toml", "so.toml", "wpb.toml", "so.csv"] {
        std::fs::copy(src.join(name), dir.path().join(name)).unwrap();
    }
    // An export with the wrong header: none of its columns is a question.
    std::fs::write(dir.path().join("wpb.csv"), "Naam,Kleur\nAnna,blauw\n").unwrap();
    let out = dir.path().join("out");
    let line = peiling_in(
        dir.path(),
        &["report", "survey.toml", "--out", out.to_str().unwrap()],
    )
    .user_error();
    let ws = workspace_of(dir.path(), &[]);
    assert_eq!(
        line,
        format!("peiling: {}", ws.accounting("en").unwrap_err())
    );
    assert_eq!(
        line,
        format!("peiling: {}", ws.report_html("en", "full").unwrap_err())
    );
    let dutch = "wpb.csv:1:1: geen kolom gevonden die bij een vraag van \"wpb\" past, verwacht de kolomkoppen van de vragen: is dit de goede vragenlijst bij deze export?";
    assert_eq!(ws.accounting("nl").unwrap_err(), dutch);
    assert_eq!(ws.report_html("nl", "full").unwrap_err(), dutch);

    // An answer that is not an option, and a question without its column.
    let mut records: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(src.join("wpb.csv"))
        .unwrap()
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert_eq!(records[1][5], "25-35");
    records[1][5] = "heel oud".into();
    for r in &mut records {
        r.remove(6); // "Wat is je geslacht?"
    }
    let columns = records[0].len();
    let mut w = csv::Writer::from_path(dir.path().join("wpb.csv")).unwrap();
    for r in &records {
        w.write_record(r).unwrap();
    }
    w.flush().unwrap();
    let text = peiling_in(dir.path(), &["validate", "survey.toml"]).ok();
    let ws = workspace_of(dir.path(), &[]);
    let problems = |lang: &str| -> Vec<String> {
        let json: serde_json::Value = serde_json::from_str(&ws.accounting(lang).unwrap()).unwrap();
        let wpb = json
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["file"] == "wpb.csv")
            .unwrap()
            .clone();
        wpb["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["line"].as_str().unwrap().to_string())
            .collect()
    };
    let english = problems("en");
    let dutch = problems("nl");
    assert_eq!(english.len(), 2, "{english:?}");
    for line in &english {
        assert!(
            text.contains(&format!("  {line}\n")),
            "{line} not in {text}"
        );
    }
    let gender = "Wat is je geslacht?";
    assert_eq!(
        english[0],
        format!("wpb.csv:1:{}: found no column for question \"geslacht\" (\"{gender}\"), expected one: all its answers count as geen antwoord", columns + 1)
    );
    assert_eq!(
        dutch[0],
        format!("wpb.csv:1:{}: geen kolom gevonden voor vraag \"geslacht\" (\"{gender}\"), verwacht er een: al haar antwoorden tellen als geen antwoord", columns + 1)
    );
    // The English line names the options; the Dutch one the same options, in Dutch words.
    let (head, options) = english[1].split_once(", expected one of ").unwrap();
    assert_eq!(
        head,
        "wpb.csv:2:6: column \"Wat is je leeftijd?\": found \"heel oud\""
    );
    assert_eq!(
        dutch[1],
        format!("wpb.csv:2:6: kolom \"Wat is je leeftijd?\": \"heel oud\" gevonden, verwacht een van {options}")
    );
    assert!(
        options.starts_with("\"<25\"") || options.contains("\"25-35\""),
        "{options}"
    );
}
