//! Snapshot tests of the Markdown (insta, snapshots in src/snapshots/) and the report's
//! promises on a hand-made summary: escaping, redaction, small groups, stable bytes.

use peiling_analysis::{analyze, AnalysisOptions, Summary};
use peiling_survey::{ImportOptions, Survey};
use serde_json::json;

use crate::{render, Lang, ReportOptions};

fn bundled() -> Summary {
    let survey = Survey::bundled(&ImportOptions::default()).unwrap();
    analyze(&survey, &AnalysisOptions::default()).unwrap()
}

fn file(files: &[crate::OutputFile], path: &str) -> String {
    let f = files.iter().find(|f| f.path == path).unwrap();
    String::from_utf8(f.bytes.clone()).unwrap()
}

fn markdown(summary: &Summary, lang: Lang, min_group: usize) -> String {
    let opts = ReportOptions {
        lang,
        min_group,
        ..ReportOptions::default()
    };
    file(&render(summary, None, &opts).unwrap(), "report.md")
}

#[test]
fn bundled_report_markdown_nl() {
    insta::assert_snapshot!(markdown(&bundled(), Lang::Nl, 5));
}

#[test]
fn bundled_report_markdown_en() {
    insta::assert_snapshot!(markdown(&bundled(), Lang::En, 5));
}

/// A small survey part with hostile free text: one choice question, one explanation
/// with markup, an address and a phone number in it, and a name question.
fn hostile(respondents: usize) -> Summary {
    let row = |label: &str, count: usize| {
        json!({ "label": label, "label_en": null, "count": count,
                "pct_base": count as f64 * 100.0 / respondents as f64,
                "pct_answered": count as f64 * 100.0 / respondents as f64, "wilson95": null })
    };
    serde_json::from_value(json!({
        "schema": "peiling-analysis/1",
        "survey": { "id": "t", "title": "Test | *enquête*", "title_en": null,
                    "partnership": null, "edition": null },
        "filters": [],
        "min_group": 5,
        "parts": [{
            "questionnaire": "wpb", "title": "WPB", "title_en": null, "audience": "WPB",
            "population": null, "respondents": respondents, "rows_read": respondents,
            "rows_rejected": 0, "response_rate": null, "reliability": [], "crosstabs": [],
            "questions": [
                { "id": "behoefte", "text": "Behoefte <b>nu</b>?", "label_en": null,
                  "group": "behoefte", "kind": "yesno", "base": respondents, "condition": null,
                  "answered": respondents, "no_answer": 0, "invalid": 0,
                  "detail": { "type": "choice",
                              "rows": [row("Ja", respondents - 1), row("Nee", 1)] } },
                { "id": "waarom", "text": "Waarom?", "label_en": null, "group": "behoefte",
                  "kind": "text", "base": respondents, "condition": null, "answered": 3,
                  "no_answer": respondents - 3, "invalid": 0,
                  "detail": { "type": "text", "motivation_for": "behoefte", "answers": [
                      { "text": "<script>alert('x')</script>", "count": 1 },
                      { "text": "zie [x](javascript:y) | *vet* # kop\n- lijst", "count": 1 },
                      { "text": "mail me: p.jansen@school.nl, 06 1234 5678", "count": 1 } ] } },
                { "id": "naam", "text": "Naam", "label_en": null, "group": "contactgegevens",
                  "kind": "personal", "base": respondents, "condition": null, "answered": 2,
                  "no_answer": respondents - 2, "invalid": 0,
                  "detail": { "type": "personal", "personal": "name" } }
            ]
        }]
    }))
    .unwrap()
}

#[test]
fn hostile_text_markdown() {
    let md = markdown(&hostile(8), Lang::Nl, 5);
    // Only escaped: every "<" of an answer has its backslash.
    assert!(!md.replace("\\<", "").contains("<script"));
    assert!(!md.contains("p.jansen@school.nl"));
    assert!(!md.contains("1234 5678"));
    insta::assert_snapshot!(md);
}

#[test]
fn hostile_text_html_is_escaped() {
    let opts = ReportOptions::default();
    let html = file(&render(&hostile(8), None, &opts).unwrap(), "report.html");
    assert!(!html.contains("<script"));
    assert!(!html.contains("<b>nu</b>"));
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(html.contains("Behoefte &lt;b&gt;nu&lt;/b&gt;?"));
    assert!(!html.contains("p.jansen@school.nl"));
}

#[test]
fn a_question_put_to_a_small_group_is_not_shown() {
    // Four respondents, below the default minimum of five: every cell of the table is a
    // small cell, and the total gives the last one away: no counts, no chart, no quotes.
    let md = markdown(&hostile(4), Lang::Nl, 5);
    assert!(!md.contains("alert"), "{md}");
    assert!(!md.contains("jansen"), "{md}");
    assert!(!md.contains("| Ja | 3 |"), "{md}");
    assert!(!md.contains("charts/wpb-behoefte.svg"), "{md}");
    assert!(
        md.contains("Deze vraag is aan 4 werkplekbegeleiders gesteld, minder dan 5"),
        "{md}"
    );
    // The Verantwoording counts what was held back: both questions.
    assert!(
        md.contains("Zo zijn in dit rapport 2 vragen niet getoond."),
        "{md}"
    );
    // With the threshold off (in the analysis and the report), all is back.
    let mut off = hostile(4);
    off.min_group = 0;
    let md = markdown(&off, Lang::Nl, 0);
    assert!(md.contains("alert"));
    assert!(md.contains("| Ja | 3 |"), "{md}");
}

#[test]
fn personal_questions_show_only_how_many() {
    let md = markdown(&hostile(8), Lang::En, 5);
    assert!(md.contains("Naam: given by 2 of 8"), "{md}");
}

#[test]
fn rendering_twice_gives_the_same_bytes() {
    let summary = bundled();
    let opts = ReportOptions {
        png: true,
        ..ReportOptions::default()
    };
    assert_eq!(
        render(&summary, None, &opts).unwrap(),
        render(&summary, None, &opts).unwrap()
    );
}

/// Issue 14: "bied in elk geval A (3 van 8) en B (2 van 8)" while C also has 2 cut C off.
#[test]
fn tied_top_options_are_named_not_cut_off() {
    use peiling_analysis::CategoryRow;
    let row = |label: &str, count: usize| CategoryRow {
        label: label.to_string(),
        label_en: None,
        count,
        pct_base: 0.0,
        pct_answered: None,
        wilson95: None,
        exclusive: false,
    };
    let labels = |rows: &[CategoryRow], k: usize| -> Vec<String> {
        crate::compose::top_k(rows, k)
            .iter()
            .map(|r| r.label.clone())
            .collect()
    };
    let rows = [
        row("A", 3),
        row("B", 2),
        row("C", 2),
        row("D", 1),
        row("E", 0),
    ];
    assert_eq!(labels(&rows, 2), ["A", "B", "C"]);
    assert_eq!(labels(&rows, 1), ["A"]);
    assert_eq!(labels(&rows, 3), ["A", "B", "C"]);
    assert_eq!(labels(&rows, 4), ["A", "B", "C", "D"]);
    // Nothing chosen is never a top option, whatever k; an unsorted table is sorted.
    assert_eq!(labels(&rows, 9), ["A", "B", "C", "D"]);
    let shuffled = [row("D", 1), row("B", 2), row("A", 3), row("C", 2)];
    assert_eq!(labels(&shuffled, 2), ["A", "B", "C"]);
    let all_tied = [row("A", 2), row("B", 2), row("C", 2)];
    assert_eq!(labels(&all_tied, 1), ["A", "B", "C"]);
}

/// The small-cell rule holds in the comparison with an earlier edition too: a question
/// put to fewer than the minimum in either edition is named, not compared.
#[test]
fn a_comparison_of_a_small_group_is_not_shown() {
    let comparison: peiling_analysis::Comparison = serde_json::from_value(json!({
        "schema": "peiling-compare/1", "left": "2019", "right": "2020",
        "questions": [
            { "questionnaire": "wpb", "id": "behoefte", "text": "Behoefte?", "kind": "yesno",
              "left_base": 3, "right_base": 8, "test": null,
              "rows": [ { "label": "Ja", "left_count": 2, "left_pct": 66.7,
                          "right_count": 7, "right_pct": 87.5, "diff_pp": 20.8 } ] },
            { "questionnaire": "wpb", "id": "rol", "text": "Rol?", "kind": "single",
              "left_base": 9, "right_base": 8, "test": null,
              "rows": [ { "label": "WPB", "left_count": 6, "left_pct": 66.7,
                          "right_count": 7, "right_pct": 87.5, "diff_pp": 20.8 } ] }
        ]
    }))
    .unwrap();
    let opts = ReportOptions::default();
    let md = file(
        &render(&hostile(8), Some(&comparison), &opts).unwrap(),
        "report.md",
    );
    let small = &md[md.find("<a id=\"vergelijking-wpb-behoefte\"></a>").unwrap()..];
    let small = &small[..small[5..].find("<a id=").unwrap() + 5];
    assert!(
        small.contains("aan 3 mensen gesteld, minder dan 5"),
        "{small}"
    );
    assert!(!small.contains("66,7"), "{small}");
    assert!(!small.contains("| Ja |"), "{small}");
    // The other question is compared as before.
    assert!(md.contains("| WPB | 6 |"), "{md}");
    assert!(
        md.contains("Zo zijn in dit rapport 1 vraag niet getoond."),
        "{md}"
    );
}

/// Every bar of a question's chart says what its table row says, of the same base:
/// the same count and the same percentage, written the same way.
#[test]
fn chart_and_table_of_a_question_agree() {
    use crate::model::{Block, Section};
    fn walk(s: &Section, checked: &mut usize) {
        let table = s.blocks.iter().find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        });
        let bars = s.blocks.iter().find_map(|b| match b {
            Block::Chart(c) => match &c.chart {
                crate::charts::Chart::Bars(b) => Some(&b.bars),
                _ => None,
            },
            _ => None,
        });
        if let (Some(t), Some(bars)) = (table, bars) {
            assert!(
                t.header[2].ends_with(&t.rows.last().unwrap().cells[1]),
                "{}",
                s.title
            );
            for bar in bars {
                let row = t
                    .rows
                    .iter()
                    .find(|r| r.cells[0] == bar.label)
                    .unwrap_or_else(|| panic!("{}: no row {}", s.title, bar.label));
                assert_eq!(
                    bar.value,
                    format!("{} ({})", row.cells[1], row.cells[2]),
                    "{}",
                    s.title
                );
                *checked += 1;
            }
        }
        for c in &s.children {
            walk(c, checked);
        }
    }
    for lang in [Lang::Nl, Lang::En] {
        let opts = ReportOptions {
            lang,
            ..ReportOptions::default()
        };
        let doc = crate::document(&bundled(), None, &opts);
        let mut checked = 0;
        for s in &doc.sections {
            walk(s, &mut checked);
        }
        // The BOS 2020 survey has more than 40 bars in its choice and multi charts: the
        // walk found them, not just a few.
        assert!(checked > 40, "{checked}");
    }
}
