//! One privacy filter for every output: on the privacy fixture (tests/fixtures/privacy,
//! README.md there), validate, analyze (tables and JSON) and report (Markdown, HTML,
//! SVG charts, contacts list) print no e-mail address in any disguise, no phone number,
//! no respondent's own name in their free text, no raw control character, and no
//! right-to-left override outside an isolate.

use std::path::Path;

use crate::common::{peiling_in, repo};

/// Pieces of every disguised address and phone number of the fixture.
const LEAKS: &[&str] = &[
    "jan@",
    "jan(at)",
    "jan [at]",
    "jan＠",
    "jan @ school",
    "jan%40",
    "juf.an",
    "school.nl",
    "school [dot]",
    "school . nl",
    "basisschool.nl",
    "12345678",
    "1234 5678",
    "0031612345678",
    "1234567",
];

fn workdir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fixture = repo().join("tests/fixtures/privacy");
    for f in ["questionnaire.toml", "export.csv"] {
        std::fs::copy(fixture.join(f), dir.path().join(f)).unwrap();
    }
    dir
}

/// Every U+202E lies inside an isolate (FSI/LRI/RLI .. PDI).
fn overrides_isolated(text: &str) -> bool {
    let mut depth = 0i32;
    for c in text.chars() {
        match c {
            '\u{2066}'..='\u{2068}' => depth += 1,
            '\u{2069}' => depth -= 1,
            '\u{202E}' if depth <= 0 => return false,
            _ => {}
        }
    }
    true
}

#[track_caller]
fn assert_clean(what: &str, text: &str) {
    for leak in LEAKS {
        assert!(!text.contains(leak), "{what} shows {leak:?}:\n{text}");
    }
    let raw = text
        .chars()
        .find(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'));
    assert_eq!(raw, None, "{what} holds a raw control character");
    assert!(
        overrides_isolated(text),
        "{what}: a right-to-left override outside an isolate"
    );
}

fn run(dir: &Path, args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.extend(["-q", "questionnaire.toml", "-d", "export.csv"]);
    peiling_in(dir, &all).ok()
}

#[test]
fn no_output_shows_contact_details_names_or_raw_control_characters() {
    let dir = workdir();
    let d = dir.path();
    let validate = run(d, &["validate"]);
    assert_clean("validate", &validate);
    assert!(validate.contains("6 read, 6 accepted"), "{validate}");

    let tables = run(d, &["analyze"]);
    assert_clean("analyze", &tables);
    // Terminal output shows control characters escaped, bidi controls too.
    assert!(!tables.contains('\u{202E}'), "{tables}");
    assert!(tables.contains("\\u{202e}"), "{tables}");

    let json = run(d, &["analyze", "--json"]);
    assert_clean("analyze --json", &json);
    let summary: serde_json::Value = serde_json::from_str(&json).unwrap();
    let texts: Vec<&str> = summary["parts"][0]["questions"]
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
            "Mail [e-mailadres weggelaten] of bel [telefoonnummer weggelaten]. Groeten, [naam weggelaten]",
            "Mail [e-mailadres weggelaten] of [telefoonnummer weggelaten] [31mrood",
            "[e-mailadres weggelaten] of [telefoonnummer weggelaten]; sinds 2021 1-5 keer per jaar, 25-35 uur, 80%",
            "[e-mailadres weggelaten] of [telefoonnummer weggelaten], vraag naar [naam weggelaten] [naam weggelaten]",
            "\u{2068}[e-mailadres weggelaten] of [telefoonnummer weggelaten] \u{202E}gnp.exe\u{2069}",
            "\u{2068}bestand \u{202E}txt.exe ]0;titel klaar\u{2069}",
        ]
    );
    assert_eq!(summary["survey"]["title"], "Privacytest [2J enquête");
    let kwijt = &summary["parts"][0]["questions"][1]["detail"];
    let labels: Vec<&str> = kwijt["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"Mijn mail is privé: [e-mailadres weggelaten]")
            && labels.contains(&"Bel me op [telefoonnummer weggelaten]")
            && labels.contains(&"Niets meer"),
        "{labels:?}"
    );
    assert_eq!(
        kwijt["other"][0]["text"],
        "anders: [e-mailadres weggelaten]"
    );

    let out = d.join("rapport");
    let contacts = d.join("contacten.csv");
    run(
        d,
        &[
            "report",
            "--no-plan",
            "--out",
            out.to_str().unwrap(),
            "--contacts",
            contacts.to_str().unwrap(),
        ],
    );
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert_clean("report.md", &md);
    assert_clean("report.html", &html);
    for doc in [&md, &html] {
        // (Markdown escapes the brackets of the marker.)
        assert!(
            doc.contains("Groeten, \\[naam weggelaten")
                || doc.contains("Groeten, [naam weggelaten]"),
            "{doc}"
        );
        assert!(doc.contains("Privacytest"), "{doc}");
        // The override in the free text and in the option label is there, isolated.
        assert!(doc.contains("\u{202E}gnp.exe"), "{doc}");
        assert!(doc.contains("\u{202E}editsoj"), "{doc}");
        // Isolated where it stands: the headline's "(1)" after the label is not reversed.
        assert!(doc.contains("editsoj\u{2069} (1)"), "{doc}");
    }
    let mut charts = 0;
    for entry in std::fs::read_dir(out.join("charts")).unwrap() {
        let path = entry.unwrap().path();
        let svg = std::fs::read_to_string(&path).unwrap();
        assert_clean(&path.display().to_string(), &svg);
        assert_well_formed(&svg);
        charts += 1;
    }
    assert!(charts >= 3, "{charts} charts");
    let csv = std::fs::read_to_string(&contacts).unwrap();
    assert!(
        csv.contains("\u{2068}Eve \u{202E}liam\u{2069}"),
        "the contacts list keeps the name, isolated:\n{csv}"
    );
    assert!(overrides_isolated(&csv) && !csv.contains('\u{1b}'), "{csv}");
}

/// The SVG reads as XML, and every character is one XML 1.0 allows.
fn assert_well_formed(svg: &str) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(svg);
    loop {
        if let Event::Eof = reader.read_event().expect("well-formed SVG") {
            break;
        }
    }
    let bad = svg.chars().find(|&c| {
        !(matches!(c, '\t' | '\n' | '\r')
            || ('\u{20}'..='\u{D7FF}').contains(&c)
            || ('\u{E000}'..='\u{FFFD}').contains(&c)
            || c >= '\u{10000}')
    });
    assert_eq!(bad, None, "a character XML does not allow");
}

/// Issue 12, defect 5: `init` drafted a free-text question of a Google Forms export as a
/// choice whose options are the answers, one of them an e-mail address; the
/// report of that unedited draft printed it in a headline, a table and a chart.
#[test]
fn an_address_in_a_drafted_option_label_reaches_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let answers = [
        "Niets, dank je",
        "Niets",
        "Mijn mail is privé: juf.an@basisschool.nl",
        "Niets",
        "dank je",
        "Niets",
    ];
    let mut csv = String::from("Tijdstempel,Wat is je leeftijd?,Wat wil je nog kwijt?\n");
    for (i, a) in answers.iter().enumerate() {
        let age = if i % 2 == 0 { "25-35" } else { "36-45" };
        csv.push_str(&format!("2020/10/0{} 10:00:00,{age},\"{a}\"\n", i + 1));
    }
    std::fs::write(d.join("export.csv"), csv).unwrap();
    // `init` now drafts such a column as free text; the draft of before, whose options
    // were the answers, is written here as a team might still have it.
    peiling_in(d, &["init", "export.csv", "-o", "init.toml"]).ok();
    let drafted = std::fs::read_to_string(d.join("init.toml")).unwrap();
    assert!(
        drafted.contains("text = \"Wat wil je nog kwijt?\"\nkind = \"text\""),
        "{drafted}"
    );
    let draft = r#"id = "enquete"
title = "Enquête export"
audience = "WPB"

[[question]]
id = "leeftijd"
text = "Wat is je leeftijd?"
kind = "single"
options = ["25-35", "36-45"]

[[question]]
id = "kwijt"
text = "Wat wil je nog kwijt?"
kind = "single"
options = ["Niets, dank je", "Niets", "Mijn mail is privé: juf.an@basisschool.nl", "dank je"]
"#;
    std::fs::write(d.join("draft.toml"), draft).unwrap();
    let args = |extra: &[&'static str]| {
        let mut a: Vec<&str> = extra.to_vec();
        a.extend(["-q", "draft.toml", "-d", "export.csv"]);
        a
    };
    let json = peiling_in(d, &args(&["analyze", "--json"])).ok();
    assert!(
        json.contains("Mijn mail is privé: [e-mailadres weggelaten]"),
        "{json}"
    );
    for out in [json, peiling_in(d, &args(&["analyze"])).ok()] {
        assert!(!out.contains("juf.an"), "{out}");
    }
    let mut report = args(&["report", "--no-plan", "--out", "r"]);
    report.push("--min-group");
    report.push("0");
    peiling_in(d, &report).ok();
    let mut files = vec![d.join("r/report.md"), d.join("r/report.html")];
    for entry in std::fs::read_dir(d.join("r/charts")).unwrap() {
        files.push(entry.unwrap().path());
    }
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        assert!(!text.contains("juf.an"), "{}:\n{text}", f.display());
    }
    let md = std::fs::read_to_string(d.join("r/report.md")).unwrap();
    assert!(
        md.contains("Mijn mail is privé: \\[e-mailadres weggelaten\\]"),
        "{md}"
    );
}
