//! The plain-language check of every sentence template the document can print: the
//! string literals of each module that writes text for the report (and of the planner's
//! reasons and notes), in Dutch and English. A template holds no variable names
//! (snake_case), backticks, command-line flags, file names or solver talk; a team reads
//! the report, not the program.

/// The modules that put text into the document, with their source.
const SOURCES: &[(&str, &str)] = &[
    ("i18n.rs", include_str!("i18n.rs")),
    ("headline.rs", include_str!("headline.rs")),
    ("plan.rs", include_str!("plan.rs")),
    ("privacy.rs", include_str!("privacy.rs")),
    ("compose/mod.rs", include_str!("compose/mod.rs")),
    ("compose/summary.rs", include_str!("compose/summary.rs")),
    ("compose/parts.rs", include_str!("compose/parts.rs")),
    ("compose/question.rs", include_str!("compose/question.rs")),
    ("compose/tables.rs", include_str!("compose/tables.rs")),
    ("compose/chart.rs", include_str!("compose/chart.rs")),
    ("compose/crosstab.rs", include_str!("compose/crosstab.rs")),
    (
        "compose/comparison.rs",
        include_str!("compose/comparison.rs"),
    ),
    ("compose/method.rs", include_str!("compose/method.rs")),
    (
        "peiling-planner/src/text.rs",
        include_str!("../../peiling-planner/src/text.rs"),
    ),
    (
        "peiling-planner/src/plan.rs",
        include_str!("../../peiling-planner/src/plan.rs"),
    ),
    (
        "peiling-planner/src/calendar.rs",
        include_str!("../../peiling-planner/src/calendar.rs"),
    ),
    (
        "peiling-planner/src/per_school.rs",
        include_str!("../../peiling-planner/src/per_school.rs"),
    ),
];

/// The string literals of `source` outside its test module, with their line numbers.
/// Handles escapes and `\u{..}`; raw strings are not used for text in these modules.
pub(crate) fn literals(source: &str) -> Vec<(usize, String)> {
    let code = source.split("#[cfg(test)]").next().unwrap_or(source);
    let mut out = Vec::new();
    for (i, line) in code.lines().enumerate() {
        let line = line.trim_start();
        if line.starts_with("//") || line.starts_with("#[") {
            continue;
        }
        let mut chars = line.chars().peekable();
        let mut in_lit: Option<String> = None;
        let mut prev = ' ';
        while let Some(c) = chars.next() {
            match (&mut in_lit, c) {
                (Some(s), '\\') => {
                    if let Some(e) = chars.next() {
                        s.push('\\');
                        s.push(e);
                    }
                }
                (Some(s), '"') => {
                    out.push((i + 1, std::mem::take(s)));
                    in_lit = None;
                }
                (Some(s), c) => s.push(c),
                // A char literal '"' is not the start of a string.
                (None, '"') if prev != '\'' => in_lit = Some(String::new()),
                (None, '/') if chars.peek() == Some(&'/') => break,
                _ => {}
            }
            prev = c;
        }
        // Multi-line literals: the rest of the line is enough to judge a template.
        if let Some(s) = in_lit {
            out.push((i + 1, s));
        }
    }
    out
}

/// What a reader should not meet in the document, or None.
pub(crate) fn problem(template: &str) -> Option<&'static str> {
    // Placeholders ({unit_s}, {:.1}) and escapes are the program's, not the reader's.
    let mut text = String::new();
    let mut depth = 0;
    for c in template.chars() {
        match c {
            '{' => {
                if depth == 0 {
                    text.push('0');
                }
                depth += 1
            }
            '}' if depth > 0 => depth -= 1,
            _ if depth == 0 => text.push(c),
            _ => {}
        }
    }
    let text = text.replace("\\u", " ").replace("\\n", " ");
    if text.contains('`') {
        return Some("a backtick (code)");
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || "(),;:\u{201c}\u{201d}„".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    for w in &words {
        if w.starts_with("--") && w[2..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            return Some("a command-line flag");
        }
        let w = w.trim_end_matches(['.', '?', '!']);
        let bytes: Vec<char> = w.chars().collect();
        if bytes
            .windows(3)
            .any(|t| t[0].is_ascii_alphanumeric() && t[1] == '_' && t[2].is_ascii_alphanumeric())
        {
            return Some("a variable name (snake_case)");
        }
        if w.starts_with("docs/") || w.starts_with("src/") {
            return Some("a file path");
        }
        if let Some((stem, ext)) = w.rsplit_once('.') {
            let ext_ok = [
                "md", "toml", "csv", "json", "ics", "html", "svg", "png", "xlsx", "rs",
            ]
            .contains(&ext);
            if ext_ok
                && !stem.is_empty()
                && stem
                    .chars()
                    .all(|c| c.is_alphanumeric() || "-_/".contains(c))
            {
                return Some("a file name");
            }
        }
    }
    // Words of the program or of a policy text where a plain word exists (review of
    // 2026-12-01, findings 11, 12 and 14): "rij" and "export" are the software's,
    // "capabel" and "facilitering" have the plain "bekwaam" and "uren voor de taak",
    // and "volgend jaar" is unclear once the text is pasted into a plan.
    for w in &words {
        let w = w.trim_end_matches(['.', '?', '!']).to_lowercase();
        if ["rij", "rijen", "export", "capabel", "facilitering"].contains(&w.as_str()) {
            return Some("a word with a plainer one (rij, export, capabel, facilitering)");
        }
    }
    let lower = text.to_lowercase();
    for unclear in ["volgend jaar", "next year"] {
        if lower.contains(unclear) {
            return Some("\"volgend jaar\" instead of the school years");
        }
    }
    for talk in ["zoektocht", " stappen", "search ran", " steps)", "solver"] {
        if lower.contains(talk) {
            return Some("solver talk");
        }
    }
    // Statistician's shorthand a teacher would have to look up.
    for jargon in [
        "haar n",
        "its n",
        "kengetallen",
        "getallen:",
        "statistics of the",
    ] {
        if lower.contains(jargon) {
            return Some("jargon");
        }
    }
    None
}

/// Literals that are not document text, each with the reason.
const NOT_DOCUMENT_TEXT: &[(&str, &str, &str)] = &[
    (
        "peiling-planner/src/calendar.rs",
        "reserved_",
        "an error about the catalogue file names the key to correct there",
    ),
    (
        "peiling-planner/src/calendar.rs",
        "max_gap_weeks",
        "an error about the catalogue file names the key to correct there",
    ),
];

#[test]
fn no_template_holds_ids_flags_code_or_file_names() {
    let mut found = Vec::new();
    for (file, source) in SOURCES {
        for (line, lit) in literals(source) {
            // A template is a literal with a space in it: ids, anchors and keys have none.
            // Flags and backticks are caught in any literal.
            let sentence = lit.contains(' ');
            if NOT_DOCUMENT_TEXT
                .iter()
                .any(|(f, start, _)| f == file && lit.starts_with(start))
            {
                continue;
            }
            if let Some(p) = problem(&lit) {
                if sentence || p == "a command-line flag" || p == "a backtick (code)" {
                    found.push(format!("{file}:{line}: {p}: \"{lit}\""));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "templates a team would have to rewrite:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_checker_catches_what_it_is_meant_to() {
    // Each known finding of issue 14, as a template would hold it.
    assert!(problem("Alleen gesteld aan wie voldeed aan andere_io = Ja").is_some());
    assert!(problem("wie dat zijn staat niet in dit rapport (`peiling report`)").is_some());
    assert!(problem("geef ze mee met peiling plan --holidays.").is_some());
    assert!(problem("volgens vaste regels (docs/report-headlines.md)").is_some());
    assert!(problem("zie plan.json voor de rest").is_some());
    assert!(problem("de zoektocht is volledig afgemaakt ({} stappen)").is_some());
    assert!(problem("elke tabel telt op tot haar n, met").is_some());
    assert!(problem("Kengetallen van de {values} getallen:").is_some());
    // Review of 2026-12-01: the Verantwoording's software words, jargon and an
    // unclear "next year", as the templates held them.
    assert!(problem(" Elke rij van de export is geteld: {} gelezen, {} afgewezen").is_some());
    assert!(problem("{} {who} weten hun uren facilitering niet").is_some());
    assert!(problem("Minder dan de helft van de {who} is positief bij „Hoe capabel").is_some());
    assert!(problem("bied die thema's volgend jaar in elk geval aan").is_some());
    assert!(problem("offer these themes next year in any case").is_some());
    assert!(problem("Alle {read} ingevulde lijsten zijn gebruikt.").is_none());
    // Placeholders, plain words, percentages and abbreviations pass.
    assert!(problem("gemiddeld {mean}{unit_s}, van {min} tot {max}").is_none());
    assert!(problem("n.v.t. en geen antwoord tellen niet mee.").is_none());
    assert!(problem("Percentages van alle {} {who}, 47,6 %.").is_none());
    assert!(problem("{}-{}-by-{}").is_none());
    let lits = literals("let a = t(\"één\", \"one \\\"x\\\"\"); // \"no\"\n#[cfg(test)]\n\"z\"");
    assert_eq!(
        lits,
        vec![(1, "één".to_string()), (1, "one \\\"x\\\"".to_string())]
    );
}
