//! The document as Markdown (CommonMark with GitHub tables); charts linked as
//! `charts/<id>.svg`. Every text from the survey is escaped, so an answer can never
//! turn into markup.

use std::borrow::Cow;
use std::fmt::Write as _;

use peiling_core::privacy::{isolate_bidi, strip_controls};

use crate::i18n::Lang;
use crate::model::{Block, Document, Inline, Quotes, RowKind, Section, Table};

pub fn render(doc: &Document, lang: Lang) -> String {
    render_with_contents(doc, lang, 1)
}

/// With a table of contents of `depth` levels: 1 is one line of the chapters, 2 a
/// numbered list of the chapters with their sections.
pub fn render_with_contents(doc: &Document, lang: Lang, depth: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&doc.title));
    if !doc.subtitle.is_empty() {
        let lines: Vec<String> = doc.subtitle.iter().map(|s| escape(s)).collect();
        let _ = writeln!(out, "{}\n", lines.join(" · "));
    }
    if depth >= 2 {
        let _ = writeln!(out, "**{}**\n", lang.pick("Inhoud", "Contents"));
        for (i, s) in doc.sections.iter().enumerate() {
            let _ = writeln!(out, "{}. [{}](#{})", i + 1, escape(&s.title), s.anchor);
            for c in &s.children {
                let _ = writeln!(out, "    - [{}](#{})", escape(&c.title), c.anchor);
            }
        }
        out.push('\n');
    } else {
        let toc: Vec<String> = doc
            .sections
            .iter()
            .map(|s| format!("[{}](#{})", escape(&s.title), s.anchor))
            .collect();
        let _ = writeln!(
            out,
            "{}: {}\n",
            lang.pick("Inhoud", "Contents"),
            toc.join(" · ")
        );
    }
    for s in &doc.sections {
        section(&mut out, s, 2, lang);
    }
    // One trailing newline, whatever the last block was.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn section(out: &mut String, s: &Section, level: usize, lang: Lang) {
    let _ = writeln!(out, "<a id=\"{}\"></a>\n", s.anchor);
    let _ = writeln!(out, "{} {}\n", "#".repeat(level.min(6)), escape(&s.title));
    if let Some(h) = &s.headline {
        let _ = writeln!(out, "**{}**\n", escape(h));
    }
    for b in &s.blocks {
        block(out, b, lang);
    }
    for c in &s.children {
        section(out, c, level + 1, lang);
    }
}

fn block(out: &mut String, b: &Block, lang: Lang) {
    match b {
        Block::Paragraph(inlines) => {
            let _ = writeln!(out, "{}\n", inline(inlines));
        }
        Block::Note(text) => {
            let _ = writeln!(out, "*{}*\n", escape(text));
        }
        Block::List(items) => {
            for item in items {
                let _ = writeln!(out, "- {}", inline(item));
            }
            out.push('\n');
        }
        Block::Table(t) => table(out, t),
        Block::Chart(c) => {
            let _ = writeln!(out, "![{}](charts/{}.svg)\n", escape(&c.alt), c.id);
        }
        Block::Quotes(q) => quotes(out, q, lang),
    }
}

fn inline(items: &[Inline]) -> String {
    items
        .iter()
        .map(|i| match i {
            Inline::Text(t) => escape(t),
            Inline::Strong(t) if t.trim().is_empty() => escape(t),
            Inline::Strong(t) => format!("**{}**", escape(t.trim())) + trailing_space(t),
            Inline::Link { text, anchor } => format!("[{}](#{anchor})", escape(text)),
            // Our own command lines only: they hold no backticks.
            Inline::Code(c) => format!("`{}`", c.replace('`', "'")),
        })
        .collect()
}

fn trailing_space(t: &str) -> &'static str {
    if t.ends_with(' ') {
        " "
    } else {
        ""
    }
}

fn table(out: &mut String, t: &Table) {
    let cells = |cells: &[String]| -> String {
        let inner: Vec<String> = cells.iter().map(|c| escape(c)).collect();
        format!("| {} |", inner.join(" | "))
    };
    let _ = writeln!(out, "{}", cells(&t.header));
    let align: Vec<&str> = (0..t.header.len())
        .map(|i| if i >= t.numeric_from { "--:" } else { "---" })
        .collect();
    let _ = writeln!(out, "| {} |", align.join(" | "));
    for row in &t.rows {
        let styled: Vec<String> = row
            .cells
            .iter()
            .map(|c| {
                let e = escape(c);
                match row.kind {
                    _ if e.is_empty() => e,
                    RowKind::Normal | RowKind::Detail => e,
                    RowKind::Apart => format!("*{e}*"),
                    RowKind::Total => format!("**{e}**"),
                }
            })
            .collect();
        let _ = writeln!(out, "| {} |", styled.join(" | "));
    }
    out.push('\n');
}

fn quotes(out: &mut String, q: &Quotes, lang: Lang) {
    let _ = writeln!(out, "*{}:*\n", escape(&q.title));
    let (open, close) = quote_marks(lang);
    for (text, n) in &q.items {
        let times = if *n > 1 {
            format!(" ({n}×)")
        } else {
            String::new()
        };
        let _ = writeln!(out, "- {open}{}{close}{times}", escape(text));
    }
    out.push('\n');
}

pub fn quote_marks(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Nl => ("\u{201e}", "\u{201d}"),
        Lang::En => ("\u{201c}", "\u{201d}"),
    }
}

/// Escapes text for Markdown: every character that can start markup gets a backslash
/// (CommonMark lets any ASCII punctuation be escaped), line breaks become spaces, a
/// line that would read as a list item, heading or rule is defused at its start,
/// control characters are removed and bidi overrides isolated.
pub fn escape(s: &str) -> String {
    // Control characters never reach the file; bidi overrides are isolated last, around
    // the escaped text.
    let s = strip_controls(s);
    let escaped = escape_markup(&s);
    match isolate_bidi(&escaped) {
        Cow::Borrowed(_) => escaped,
        Cow::Owned(isolated) => isolated,
    }
}

fn escape_markup(s: &str) -> String {
    // Runs of whitespace (line breaks too) become one space; a space at either end
    // stays, as inline text joins its neighbours.
    let lead = s.starts_with(char::is_whitespace);
    let trail = s.len() > 1 && s.ends_with(char::is_whitespace);
    let body = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(body.len() + 8);
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        // '!' needs no escape: an image needs the '[' after it, which is escaped. A '<'
        // opens a tag or an autolink only before a letter, '/', '!' or '?': "< 5" and
        // "< 0,001" stay as a reader writes them (a stray backslash shows in many
        // Markdown viewers).
        let opens_tag = c == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'));
        if opens_tag
            || matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '>' | '|' | '#' | '~' | '&' | '$'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
    // "- x", "+ x", "= ", "1. x", "1) x" at the start of a line make lists or headings.
    // (Also after a leading space: a line's first spaces do not count.)
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    } else {
        let digits = out.chars().take_while(char::is_ascii_digit).count();
        let rest = &out[digits..];
        // A list marker only when the dot or bracket ends the text or a space follows.
        if digits > 0
            && rest.starts_with(['.', ')'])
            && rest[1..].chars().next().is_none_or(|c| c == ' ')
        {
            out.insert(digits, '\\');
        }
    }
    match (lead && !body.is_empty(), trail && !body.is_empty()) {
        (true, true) => format!(" {out} "),
        (true, false) => format!(" {out}"),
        (false, true) => format!("{out} "),
        (false, false) => out,
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_in_answers_stays_text() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(escape("a | b"), "a \\| b");
        assert_eq!(escape("*vet* en _schuin_"), "\\*vet\\* en \\_schuin\\_");
        assert_eq!(escape("[x](y)"), "\\[x\\](y)");
        assert_eq!(escape("![img](http://x)"), "!\\[img\\](http://x)");
        assert_eq!(escape("zie "), "zie ");
        assert_eq!(escape(" - niet"), " \\- niet");
        assert_eq!(escape("# kop"), "\\# kop");
        assert_eq!(escape("- lijst"), "\\- lijst");
        assert_eq!(escape("1. eerste"), "1\\. eerste");
        assert_eq!(escape("7.9 %"), "7.9 %");
        assert_eq!(escape("R&amp;D"), "R\\&amp;D");
        assert_eq!(escape("twee\nregels"), "twee regels");
        assert_eq!(escape("<!-- x -->"), "\\<!-- x --\\>");
        assert_eq!(escape("<?php"), "\\<?php");
        assert_eq!(escape("a</b"), "a\\</b");
    }

    #[test]
    fn a_less_than_sign_before_a_number_gets_no_backslash() {
        // Review of 2026-12-01, finding 11: "(“\\< 5”)" in the Verantwoording.
        assert_eq!(
            escape("cellen kleiner dan 5 (“< 5”)"),
            "cellen kleiner dan 5 (“< 5”)"
        );
        assert_eq!(escape("p < 0,001"), "p < 0,001");
        assert_eq!(escape("<"), "<");
    }

    #[test]
    fn control_characters_go_and_bidi_overrides_are_isolated() {
        assert_eq!(escape("a\u{1b}[31mb\u{7}c\0"), "a\\[31mbc");
        assert_eq!(escape("x\u{202E}*y*"), "\u{2068}x\u{202E}\\*y\\*\u{2069}");
    }
}
