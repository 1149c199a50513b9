//! The small-cell rule of the report (docs/report-rules.md): tries to recover what it
//! hides: a typed number from the key figures and headlines, a hidden cell of a
//! breakdown from the totals and the shown cells, from the chart, or from the test
//! statistic printed under the table; and a small filtered group from anything.

use std::collections::BTreeSet;

use crate::common::{bundled, peiling};

fn report(args: &[&str]) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rapport");
    let mut all = vec!["report", "--no-plan", "--out", out.to_str().unwrap()];
    all.extend_from_slice(args);
    peiling(&all).ok();
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    (dir, md)
}

/// The Markdown from an anchor to the next anchor.
fn section<'a>(md: &'a str, anchor: &str) -> &'a str {
    let tag = format!("<a id=\"{anchor}\"></a>");
    let start = md
        .find(&tag)
        .unwrap_or_else(|| panic!("no section {anchor}"));
    let rest = &md[start + tag.len()..];
    &rest[..rest.find("<a id=\"").unwrap_or(rest.len())]
}

/// The numbers typed into one column of the SO export, read here from the CSV.
fn typed_numbers(header_start: &str) -> Vec<String> {
    let mut r = csv::Reader::from_path(bundled().join("so.csv")).unwrap();
    let headers = r.headers().unwrap().clone();
    let col = headers
        .iter()
        .position(|h| h.starts_with(header_start))
        .unwrap_or_else(|| panic!("no column {header_start}"));
    let values: Vec<String> = r
        .records()
        .filter_map(|rec| {
            // "25 jaar" is 25 typed with its unit.
            let cell = rec.unwrap()[col].to_string();
            let first = cell.split_whitespace().next()?.to_string();
            first.parse::<u32>().ok().map(|v| v.to_string())
        })
        .collect();
    assert!(values.len() >= 5, "{header_start}: {values:?}");
    values
}

/// The numbers standing on their own in the prose of `text` (tables and chart
/// descriptions left out): "19", "10,3"; a band such as "5-9" is not one.
fn loose_numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('|') && !l.starts_with("!["))
    {
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if chars[i].is_ascii_digit() {
                let start = i;
                while i < chars.len()
                    && (chars[i].is_ascii_digit()
                        || (matches!(chars[i], ',' | '.')
                            && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
                {
                    i += 1;
                }
                let before = start.checked_sub(1).map(|k| chars[k]);
                let after = chars.get(i).copied();
                if before != Some('-') && after != Some('-') {
                    out.push(chars[start..i].iter().collect());
                }
            } else {
                i += 1;
            }
        }
    }
    out
}

#[test]
fn no_typed_number_of_the_so_reaches_the_report() {
    for lang in ["nl", "en"] {
        let (_tmp, md) = report(&["--lang", lang]);
        for (column, sections) in [
            (
                "Hoeveel jaar leservaring",
                ["so-ervaring", "so-ervaring-leservaring"],
            ),
            (
                "Hoeveel klokuren facilitering",
                ["so-facilitering", "so-facilitering-klokuren"],
            ),
        ] {
            let typed: BTreeSet<String> = typed_numbers(column).into_iter().collect();
            for anchor in sections {
                let text = section(&md, anchor);
                let leaked: Vec<String> = loose_numbers(text)
                    .into_iter()
                    .filter(|n| typed.contains(n))
                    .collect();
                assert!(
                    leaked.is_empty(),
                    "{lang} {anchor}: typed values {leaked:?} printed in\n{text}"
                );
            }
        }
        for list in ["Alle antwoorden", "All answers"] {
            assert!(!md.contains(list), "{lang}: the list of answers is printed");
        }
    }
}

/// A breakdown's table: the header's group names, and per row its label and cells
/// (None: hidden as "< 5").
struct Breakdown {
    columns: Vec<String>,
    rows: Vec<(String, Vec<Option<u64>>)>,
}

fn breakdown(text: &str) -> Breakdown {
    let mut lines = text
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| ---"));
    let split = |l: &str| -> Vec<String> {
        l.trim_matches('|')
            .split(" | ")
            .map(|c| c.trim().to_string())
            .collect()
    };
    let header = split(lines.next().expect("a table"));
    let columns = header[1..]
        .iter()
        .map(|c| c.split(" (n = ").next().unwrap().to_string())
        .collect();
    let rows = lines
        .map(|l| {
            let cells = split(l);
            (
                cells[0].clone(),
                cells[1..].iter().map(|c| c.parse().ok()).collect(),
            )
        })
        .collect();
    Breakdown { columns, rows }
}

/// Every breakdown section of a report made with `--by`.
fn breakdown_anchors(md: &str, by: &str) -> Vec<String> {
    md.match_indices("<a id=\"")
        .map(|(i, _)| {
            let rest = &md[i + 7..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .filter(|a| a.ends_with(&format!("-by-{by}")))
        .collect()
}

/// What someone who knows every row and column total (more than the report prints)
/// can work out from the shown cells: a line with one hidden cell gives it, a line
/// whose shown cells already reach its total gives zeros. Returns the cells found
/// (a line nobody is in teaches nothing and is skipped).
fn worked_out(shown: &[Vec<Option<u64>>], truth: &[Vec<u64>]) -> Vec<(usize, usize)> {
    let mut known = shown.to_vec();
    let (h, w) = (truth.len(), truth[0].len());
    let mut found = Vec::new();
    loop {
        let mut changed = false;
        let lines: Vec<Vec<(usize, usize)>> = (0..h)
            .map(|i| (0..w).map(|j| (i, j)).collect())
            .chain((0..w).map(|j| (0..h).map(|i| (i, j)).collect()))
            .collect();
        for line in lines {
            let total: u64 = line.iter().map(|&(i, j)| truth[i][j]).sum();
            if total == 0 {
                // Nobody at all gave this answer (or is in this group): the question's
                // own table says so already; that says nothing about anyone.
                continue;
            }
            let seen: u64 = line.iter().filter_map(|&(i, j)| known[i][j]).sum();
            let hidden: Vec<(usize, usize)> = line
                .iter()
                .copied()
                .filter(|&(i, j)| known[i][j].is_none())
                .collect();
            if hidden.len() == 1 || (!hidden.is_empty() && seen == total) {
                for &(i, j) in &hidden {
                    known[i][j] = Some(if hidden.len() == 1 { total - seen } else { 0 });
                    found.push((i, j));
                }
                changed = true;
            }
        }
        if !changed {
            return found;
        }
    }
}

#[test]
fn a_hidden_cell_of_a_breakdown_cannot_be_worked_out() {
    let (_a, md) = report(&["--by", "leeftijd"]);
    let (_b, open) = report(&["--by", "leeftijd", "--min-group", "0"]);
    let anchors = breakdown_anchors(&md, "leeftijd");
    assert!(anchors.len() > 20, "{anchors:?}");
    let mut hidden_somewhere = 0;
    for anchor in &anchors {
        let text = section(&md, anchor);
        let shown = breakdown(text);
        let truth = breakdown(section(&open, anchor));
        assert_eq!(shown.columns, truth.columns, "{anchor}");
        let truth: Vec<Vec<u64>> = truth
            .rows
            .iter()
            .map(|(_, r)| r.iter().map(|c| c.expect("all shown")).collect())
            .collect();
        let cells: Vec<Vec<Option<u64>>> = shown.rows.iter().map(|r| r.1.clone()).collect();
        // Shown cells are the true ones.
        for (i, row) in cells.iter().enumerate() {
            for (j, c) in row.iter().enumerate() {
                if let Some(c) = c {
                    assert_eq!(*c, truth[i][j], "{anchor} ({i}, {j})");
                }
            }
        }
        let n_hidden = cells.iter().flatten().filter(|c| c.is_none()).count();
        hidden_somewhere += n_hidden;
        let found = worked_out(&cells, &truth);
        assert!(
            found.is_empty(),
            "{anchor}: hidden cells {found:?} follow from the totals\n{text}"
        );
        if n_hidden > 0 {
            // The chart shows no more than the table: each hidden cell is "< 5" in its
            // description too, and a test statistic over the hidden cells (which narrows
            // down the tables that fit the totals) is not printed.
            let alt = text.lines().find(|l| l.starts_with("![")).expect("a chart");
            assert_eq!(alt.matches("< 5").count(), n_hidden, "{anchor}: {alt}");
            for stat in ["chi-square", "Fisher", "p = "] {
                assert!(!text.contains(stat), "{anchor}: {stat} printed\n{text}");
            }
        }
    }
    assert!(
        hidden_somewhere > 0,
        "nothing hidden: the test tests nothing"
    );
}

/// Every line that is neither a heading, an anchor, a table rule nor empty.
fn content(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with("<a id"))
}

#[test]
fn a_filtered_group_under_the_minimum_shows_nothing_about_its_members() {
    // Two SOs are younger than 35 (the age table of the full report says so).
    let (_a, md) = report(&["--where", "leeftijd=Jonger dan 35"]);
    let so = section(&md, "so-respons");
    assert!(so.contains("ingevuld door 2 van de 14"), "{so}");
    let part =
        &md[md.find("<a id=\"so-leeftijd\"></a>").unwrap()..md.find("<a id=\"wpb\"></a>").unwrap()];
    for line in content(part) {
        let allowed = line.starts_with("**Niet getoond")
            || line.starts_with("*Deze vraag is aan 2 schoolopleiders gesteld, minder dan 5")
            || line.starts_with("Persoonsgegevens staan niet")
            // The questionnaire's intro of the training group says nothing about anyone.
            || line.starts_with("Een instituutsopleider (IO) is")
            || line.ends_with("ingevuld door 2 van 2")
            || line.starts_with("**2 van 2 vulden iets in");
        assert!(allowed, "printed about 2 SOs: {line}");
    }
    // Neither the summary's demand table nor a chart speaks for the two.
    let demand = md
        .lines()
        .find(|l| l.starts_with("| Thema |"))
        .expect("the demand table");
    assert_eq!(demand, "| Thema | Werkplekbegeleiders |", "{md}");
    assert!(!md.contains("(charts/so-"), "{md}");
    assert!(md.contains("vragen niet getoond"), "{md}");
}

/// Rule 6: the Verantwoording says how much was held back. Every typed number is shown
/// in its band, which the rule says once, so they are not counted (second reading, new
/// finding 7); questions not shown are.
#[test]
fn the_verantwoording_counts_what_was_held_back() {
    let (_a, md) = report(&[]);
    assert!(typed_numbers("Hoeveel jaar leservaring").len() >= 5);
    let method = section(&md, "verantwoording-privacy");
    assert!(
        !method.contains("zelf ingevulde getallen alleen"),
        "{method}"
    );
    assert!(
        method.contains("Getallen die iemand zelf invulde, staan alleen in groepen"),
        "{method}"
    );
    let (_b, md) = report(&["--where", "leeftijd=Jonger dan 35"]);
    let method = section(&md, "verantwoording-privacy");
    assert!(method.contains("Zo zijn in dit rapport "), "{method}");
    assert!(method.contains(" vragen niet getoond"), "{method}");
}
