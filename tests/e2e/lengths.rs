//! The report's two lengths: the short bijlage (summary, conclusions, one compact table
//! or chart per question group, Verantwoording; at most 8 A4 pages for BOS 2020 when
//! Chromium prints it) and the full report (the short part, then the per-question
//! appendix, with a table of contents), both with links that land.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use crate::common::{peiling, repo};

fn report(lang: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rapport");
    peiling(&["report", "--lang", lang, "--out", out.to_str().unwrap()]).ok();
    (dir, out)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// Anchors of a Markdown file, in order.
fn anchors(md: &str) -> Vec<String> {
    md.match_indices("<a id=\"")
        .map(|(i, _)| {
            let rest = &md[i + 7..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

/// Every `](#x)` link target of a Markdown file.
fn links(md: &str) -> Vec<String> {
    md.match_indices("](#")
        .map(|(i, _)| {
            let rest = &md[i + 3..];
            rest[..rest.find(')').unwrap()].to_string()
        })
        .collect()
}

/// Every `href="#x"` and `id="x"` of an HTML file.
fn html_targets(html: &str) -> (Vec<String>, BTreeSet<String>) {
    let grab = |key: &str| -> Vec<String> {
        html.match_indices(key)
            .map(|(i, _)| {
                let rest = &html[i + key.len()..];
                rest[..rest.find('"').unwrap()].to_string()
            })
            .collect()
    };
    (
        grab("href=\"#"),
        grab(" id=\"").into_iter().collect::<BTreeSet<_>>(),
    )
}

#[test]
fn the_bijlage_is_the_short_part_and_the_report_adds_the_appendix() {
    let (_tmp, out) = report("nl");
    let short = read(&out.join("bijlage.md"));
    let full = read(&out.join("report.md"));
    // Both files' links land, in Markdown and in HTML.
    for (name, md) in [("bijlage.md", &short), ("report.md", &full)] {
        let have: BTreeSet<String> = anchors(md).into_iter().collect();
        for l in links(md) {
            assert!(have.contains(&l), "{name}: link to #{l} lands nowhere");
        }
    }
    for name in ["bijlage.html", "report.html"] {
        let (hrefs, ids) = html_targets(&read(&out.join(name)));
        for h in hrefs {
            assert!(ids.contains(&h), "{name}: link to #{h} lands nowhere");
        }
    }
    // The short one: summary, per audience an overview with one table or chart per
    // question group, the Verantwoording; no per-question detail, no plan.
    let a = anchors(&short);
    assert_eq!(a.first().map(String::as_str), Some("samenvatting"));
    for must in [
        "so-kort",
        "wpb-kort",
        "so-leeftijd-kort",
        "wpb-capabel-kort",
    ] {
        assert!(a.iter().any(|x| x == must), "bijlage lacks {must}: {a:?}");
    }
    assert!(a.iter().any(|x| x == "verantwoording"));
    for absent in ["so-leeftijd-leeftijd", "rotatieplan", "so"] {
        assert!(!a.iter().any(|x| x == absent), "bijlage has {absent}");
    }
    // One compact block per group: each group of the overview has at most one table
    // or chart, and every group of the detailed part is in it.
    let detailed_groups: Vec<&String> = anchors(&full)
        .iter()
        .filter(|x| x.starts_with("so-") && x.matches('-').count() == 1)
        .filter(|x| !x.ends_with("-respons") && !x.ends_with("-kort"))
        .map(|x| {
            a.iter()
                .find(|y| **y == format!("{x}-kort"))
                .unwrap_or_else(|| panic!("{x}"))
        })
        .collect();
    assert!(detailed_groups.len() >= 10, "{detailed_groups:?}");
    for g in detailed_groups {
        let body = between(&short, g);
        let tables = body.lines().filter(|l| l.starts_with("| ---")).count();
        let charts = body.lines().filter(|l| l.starts_with("![")).count();
        assert!(
            tables + charts <= 1,
            "{g}: {tables} tables, {charts} charts\n{body}"
        );
        assert!(body.contains("**"), "{g}: no headline\n{body}");
    }
    // The full report: the short part first (the same overview), then the appendix
    // in detail; its contents list names every chapter and its sections, numbered.
    let f = anchors(&full);
    let pos = |x: &str| {
        f.iter()
            .position(|y| y == x)
            .unwrap_or_else(|| panic!("{x}"))
    };
    assert!(pos("so-kort") < pos("so") && pos("wpb-kort") < pos("so"));
    assert!(pos("so-leeftijd-leeftijd") > pos("wpb-kort"));
    let contents = &full[full.find("**Inhoud**").expect("a table of contents")..];
    let contents = &contents[..contents.find("<a id=").unwrap()];
    assert!(
        contents.contains("1. [Samenvatting](#samenvatting)"),
        "{contents}"
    );
    assert!(contents.contains("(#so-leeftijd)"), "{contents}");
    assert!(
        contents.contains("Per vraag: Schoolopleiders (SO)"),
        "{contents}"
    );
}

fn between<'a>(md: &'a str, anchor: &str) -> &'a str {
    let tag = format!("<a id=\"{anchor}\"></a>");
    let rest = &md[md.find(&tag).unwrap() + tag.len()..];
    &rest[..rest.find("<a id=\"").unwrap_or(rest.len())]
}

fn browser() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

/// Runs scripts/page-count.sh and returns the page count it prints.
fn pages(html: &Path) -> usize {
    let out = Command::new("bash")
        .arg(repo().join("scripts/page-count.sh"))
        .arg(html)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    text.trim()
        .rsplit(": ")
        .next()
        .and_then(|t| t.trim_end_matches(" pages").parse().ok())
        .unwrap_or_else(|| panic!("no page count in {text}"))
}

#[test]
fn the_bos_bijlage_prints_on_at_most_8_a4_pages() {
    // CI installs chromium and poppler-utils and runs the same check on the committed
    // reports (.ci/run); here it needs them on the machine.
    if browser().is_none() || Command::new("pdfinfo").arg("-v").output().is_err() {
        eprintln!("SKIPPED: chromium or pdfinfo missing (.ci/run installs them and checks)");
        return;
    }
    for lang in ["nl", "en"] {
        let (_tmp, out) = report(lang);
        let short = pages(&out.join("bijlage.html"));
        let full = pages(&out.join("report.html"));
        assert!(
            (2..=8).contains(&short),
            "{lang}: the bijlage takes {short} pages"
        );
        assert!(
            full > short,
            "{lang}: the full report ({full}) is not longer"
        );
    }
}

#[test]
fn a_single_questionnaire_gets_both_lengths_too() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rapport");
    let b = crate::common::bundled();
    peiling(&[
        "report",
        "-q",
        b.join("wpb.toml").to_str().unwrap(),
        "-d",
        b.join("wpb.csv").to_str().unwrap(),
        "--no-plan",
        "--out",
        out.to_str().unwrap(),
    ])
    .ok();
    let short = read(&out.join("bijlage.md"));
    let a = anchors(&short);
    assert!(a.iter().any(|x| x == "wpb-kort"), "{a:?}");
    assert!(a.iter().any(|x| x == "verantwoording"), "{a:?}");
    let have: BTreeSet<String> = a.into_iter().collect();
    for l in links(&short) {
        assert!(have.contains(&l), "link to #{l} lands nowhere");
    }
    assert!(read(&out.join("report.md")).contains("<a id=\"wpb-leeftijd-leeftijd\"></a>"));
}
