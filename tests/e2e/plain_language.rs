//! The bundled report as a teacher reads it, in Dutch and English: no program words
//! (variable names, flags, backticks, file names, solver talk), no option label with its
//! capital in the middle of a sentence, meeting dates written out.

use serde_json::Value;

use crate::common::peiling;

/// report.md of the bundled survey in `lang`.
fn report(lang: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rapport");
    peiling(&["report", "--lang", lang, "--out", out.to_str().unwrap()]).ok();
    std::fs::read_to_string(out.join("report.md")).unwrap()
}

/// The prose of a report: every line but tables, charts, headings (question texts),
/// anchors and quoted answers; quotations inside a line are left out too.
fn prose(md: &str) -> Vec<String> {
    md.lines()
        .filter(|l| {
            !(l.is_empty()
                || l.starts_with('|')
                || l.starts_with("![")
                || l.starts_with('#')
                || l.starts_with("<a id=")
                || l.starts_with("- \u{201e}")
                || l.starts_with("- \u{201c}"))
        })
        .map(|l| {
            let l = l.replace("\\_", "_");
            let mut out = String::new();
            let mut quoted = false;
            for c in l.chars() {
                match c {
                    '\u{201e}' | '\u{201c}' => quoted = true,
                    '\u{201d}' => quoted = false,
                    _ if !quoted => out.push(c),
                    _ => {}
                }
            }
            out
        })
        .collect()
}

/// The capitalised answer options of the bundled survey that are not proper names or
/// abbreviations (those are listed by hand: an independent reading of the data).
fn common_labels(lang: &str) -> Vec<String> {
    let names = [
        "Fontys",
        "Universiteit Leiden",
        "HAN",
        "TU Eindhoven",
        "TU Delft",
    ];
    let summary: Value = serde_json::from_str(&peiling(&["analyze", "--json"]).ok()).unwrap();
    let mut out = Vec::new();
    for part in summary["parts"].as_array().unwrap() {
        for q in part["questions"].as_array().unwrap() {
            for key in ["rows", "not_applicable"] {
                for r in q["detail"][key].as_array().into_iter().flatten() {
                    let label = match (lang, r["label_en"].as_str()) {
                        ("en", Some(en)) => en,
                        _ => r["label"].as_str().unwrap(),
                    };
                    // "(Nog) geen opleiding" too.
                    let mut c = label.trim_start_matches('(').chars();
                    let capitalised = matches!((c.next(), c.next()),
                        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase());
                    if capitalised && !names.contains(&label) {
                        out.push(label.to_string());
                    }
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

fn problems(lang: &str) -> Vec<String> {
    let md = report(lang);
    let labels = common_labels(lang);
    let mut found = Vec::new();
    for line in prose(&md) {
        let words: Vec<&str> = line
            .split(|c: char| c.is_whitespace() || "(),;:*".contains(c))
            .filter(|w| !w.is_empty())
            .collect();
        for w in &words {
            let w = w.trim_end_matches(['.', '?', '!']);
            let chars: Vec<char> = w.chars().collect();
            if w.contains('`') {
                found.push(format!("code: {line}"));
            }
            if w.starts_with("--") {
                found.push(format!("flag {w}: {line}"));
            }
            if chars
                .windows(3)
                .any(|t| t[0].is_alphanumeric() && t[1] == '_' && t[2].is_alphanumeric())
            {
                found.push(format!("id {w}: {line}"));
            }
            if [".md", ".toml", ".csv", ".json", ".ics"]
                .iter()
                .any(|e| w.ends_with(e))
                || w.starts_with("docs/")
            {
                found.push(format!("file name {w}: {line}"));
            }
        }
        let lower = line.to_lowercase();
        for talk in ["zoektocht", "stappen)", "search", "steps)"] {
            if lower.contains(talk) {
                found.push(format!("solver talk: {line}"));
            }
        }
        // A label with its capital after the start of the line's text.
        let start = line
            .trim_start_matches(|c: char| "-*_ 0123456789.".contains(c))
            .to_string();
        for label in &labels {
            let mut from = 0;
            while let Some(i) = start[from..].find(label.as_str()) {
                let at = from + i;
                let before = start[..at].chars().last();
                let after = start[at + label.len()..].chars().next();
                let sentence_start = start[..at].trim_end().ends_with(['.', '?', '!']);
                let word_start = before.is_some_and(|b| b == ' ' || b == '(') && !sentence_start;
                let word_end = after.is_none_or(|a| !a.is_alphanumeric());
                if at > 0 && word_start && word_end {
                    found.push(format!("label \"{label}\" mid-sentence: {line}"));
                }
                from = at + label.len();
            }
        }
    }
    found
}

#[test]
fn the_dutch_report_reads_as_plain_language() {
    let found = problems("nl");
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_english_report_reads_as_plain_language() {
    let found = problems("en");
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn meeting_dates_are_written_out() {
    let nl = report("nl");
    assert!(
        nl.contains("donderdag 7 oktober 2021, 13.30-16.00 uur"),
        "{nl}"
    );
    assert!(!nl.contains("do 2021-"));
    let en = report("en");
    assert!(en.contains("Thursday 7 October 2021, 13:30-16:00"), "{en}");
    assert!(!en.contains("Thu 2021-"));
}

#[test]
fn each_convention_is_explained_once() {
    for lang in ["nl", "en"] {
        let md = report(lang);
        let guide = if lang == "nl" {
            "### Leeswijzer"
        } else {
            "### How to read"
        };
        assert!(md.contains(guide), "{lang}: no reading guide");
        // The conventions of the tables and charts, as they were footnoted under each.
        for convention in [
            "aan wie de vraag gesteld is, geen antwoord meegeteld",
            "who were asked, no answer included",
            "De laatste kolom telt alleen wie een niveau koos",
            "The last column counts only those who chose a level",
            "Percentages in de staven",
            "Percentages in the bars",
            "de percentages (van",
            "the percentages (of",
        ] {
            let n = md.matches(convention).count();
            assert!(n <= 1, "{lang}: \"{convention}\" {n} times");
        }
    }
}

/// Every Markdown file `report` writes for the bundled survey and the second bundled
/// dataset, in both languages: (name, text).
fn all_markdown() -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let mut out = Vec::new();
    for (survey, args) in [
        ("bos-2020", vec![]),
        ("po-rivierenland", vec!["datasets/po-rivierenland"]),
    ] {
        for lang in ["nl", "en"] {
            let folder = dir.path().join(format!("{survey}-{lang}"));
            let mut a: Vec<&str> = vec!["report"];
            a.extend(args.iter().copied());
            a.extend(["--lang", lang, "--out", folder.to_str().unwrap()]);
            crate::common::peiling_in(&crate::common::repo(), &a).ok();
            for file in ["bijlage.md", "report.md"] {
                let text = std::fs::read_to_string(folder.join(file)).unwrap();
                out.push((format!("{survey}/{lang}/{file}"), text));
            }
        }
    }
    out
}

#[test]
fn no_markdown_escape_shows_where_no_markup_could_start() {
    // Review of 2026-12-01, finding 11: "(“\< 5”)" in the Verantwoording, and
    // "p \< 0,001" in the full report: a backslash the reader sees in many viewers.
    for (name, md) in all_markdown() {
        for (i, line) in md.lines().enumerate() {
            assert!(
                !line.contains("\\< "),
                "{name}:{}: a stray backslash: {line}",
                i + 1
            );
        }
    }
}

/// The abbreviations of the bundled surveys with how they are spelled out (singular or
/// plural; the check ignores case).
const ABBREVIATIONS: &[(&str, &str, &str)] = &[
    ("SO", "schoolopleider", "school-based teacher educator"),
    ("WPB", "werkplekbegeleider", "workplace mentor"),
    (
        "IO",
        "instituutsopleider",
        "institute-based teacher educator",
    ),
];

#[test]
fn each_abbreviation_is_spelled_out_at_its_first_use() {
    // Review of 2026-12-01, finding 12: "SO's", "WPB'ers" and "IO" were spelled out only
    // in the last section, if at all.
    let mut found = Vec::new();
    for (name, md) in all_markdown() {
        let en = name.contains("/en/");
        for (code, nl_word, en_word) in ABBREVIATIONS {
            let word = if en { en_word } else { nl_word };
            // The first use as a word of its own ("WPB'ers", "SO-opleiding" count).
            let first = md.match_indices(code).find(|(i, _)| {
                let before = md[..*i].chars().last();
                let after = md[i + code.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            });
            let Some((at, _)) = first else { continue };
            // Left for the planner: the rotation plan's note on the catalogue's levels
            // ("een verdiepend thema voor SO, IO") names the catalogue's audiences by
            // code; the full report reaches it before the SO chapter spells IO out.
            if *code == "IO"
                && name.ends_with("report.md")
                && md[..at].contains("<a id=\"rotatieplan\">")
            {
                continue;
            }
            let lead = md[..at].to_lowercase();
            let spelled =
                lead.ends_with(&format!("{word} (")) || lead.ends_with(&format!("{word}s ("));
            if !spelled {
                let line = md[..at].lines().count();
                found.push(format!(
                    "{name}:{line}: \"{code}\" before \"{word} ({code})\""
                ));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_bijlage_uses_plain_words_and_names_the_school_years() {
    // Review of 2026-12-01, findings 7, 8, 11, 12 and 14, each as the old text had it.
    for (name, md) in all_markdown() {
        let prose = prose(&md).join("\n").to_lowercase();
        for stale in [
            "elke rij",
            "export",
            "afgewezen",
            "respondenten (basis)",
            "respondents (base)",
            "volgend jaar",
            "next year",
            "minder dan de helft",
            "fewer than half",
            "uren facilitering",
            "merendeel zegt",
            "bijna iedereen zegt",
            "in dit rapport: ",
            "hierin bekwaam",
        ] {
            assert!(!prose.contains(stale), "{name}: \"{stale}\"");
        }
        // The headline of a yes/no question says what was asked, the count and its base.
        if name == "bos-2020/nl/bijlage.md" {
            for said in [
                "**Zelf ook werkplekbegeleider: 6 van de 10 zeggen nee**",
                "**Wil zich verder scholen: 8 van de 10 zeggen ja**",
                // Second reading, finding 5: which levels the count holds, and the others.
                "Scholing geven aan werkplekbegeleiders: maar 1 van de 10 schoolopleiders voelt zich uitermate of zeer capabel; 4 redelijk, 5 niet erg of helemaal niet.",
                "### Wat betekent dit voor het aanbod van 2021-2022 en 2022-2023?",
                "Alle 10 ingevulde lijsten zijn gebruikt.",
                "| Antwoord | Aantal | % van 10 |",
            ] {
                assert!(md.contains(said), "{name}: no \"{said}\"");
            }
            // No question is quoted whole in a sentence of the summary or the conclusions.
            let top = md.split("<a id=\"so-kort\">").next().unwrap();
            assert!(!top.contains("„Hoe capabel voel je je"), "{top}");
        }
    }
}

#[test]
fn a_percentage_is_written_the_same_way_everywhere() {
    // Review of 2026-12-01, finding 9: "71,4 %" in the summary, "71 %" in the
    // Verantwoording; whole percentages throughout (docs/report-rules.md).
    for (name, md) in all_markdown() {
        let decimal = md.lines().find(|l| {
            let b = l.as_bytes();
            b.windows(5).any(|w| {
                w[0].is_ascii_digit()
                    && (w[1] == b',' || w[1] == b'.')
                    && w[2].is_ascii_digit()
                    && w[3] == b' '
                    && w[4] == b'%'
            })
        });
        assert!(decimal.is_none(), "{name}: {}", decimal.unwrap_or_default());
    }
}
