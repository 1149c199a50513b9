//! The document as one self-contained HTML file: CSS inline, charts inline as SVG, no
//! scripts or external assets, laid out for A4 print. Every text from the survey is
//! escaped.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use peiling_core::privacy::plain_text;

use crate::i18n::Lang;
use crate::markdown::quote_marks;
use crate::model::{Block, Document, Inline, Quotes, RowKind, Section, Table};

const CSS: &str = include_str!("report.css");

/// `svgs`: the rendered chart per chart id.
pub fn render(doc: &Document, lang: Lang, svgs: &BTreeMap<String, String>) -> String {
    render_with_contents(doc, lang, svgs, 1)
}

/// With a table of contents of `depth` levels: 1 is one line of the chapters under
/// the title, 2 a numbered list of the chapters with their sections, on a page of its
/// own when printed.
pub fn render_with_contents(
    doc: &Document,
    lang: Lang,
    svgs: &BTreeMap<String, String>,
    depth: usize,
) -> String {
    let mut out = String::with_capacity(256 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body class=\"{}\">\n",
        lang.code(),
        escape(&doc.title),
        if depth >= 2 { "full" } else { "short" }
    );
    out.push_str("<header class=\"cover\">\n");
    let _ = writeln!(out, "<h1>{}</h1>", escape(&doc.title));
    for line in &doc.subtitle {
        let _ = writeln!(out, "<p class=\"sub\">{}</p>", escape(line));
    }
    if depth >= 2 {
        let _ = writeln!(
            out,
            "<nav class=\"contents\" aria-label=\"{0}\">\n<p class=\"contents-title\">{0}</p>\n<ol>",
            lang.pick("Inhoud", "Contents")
        );
        for s in &doc.sections {
            let _ = write!(
                out,
                "<li><a href=\"#{}\">{}</a>",
                s.anchor,
                escape(&s.title)
            );
            if !s.children.is_empty() {
                out.push_str("\n<ul>");
                for c in &s.children {
                    let _ = write!(
                        out,
                        "<li><a href=\"#{}\">{}</a></li>",
                        c.anchor,
                        escape(&c.title)
                    );
                }
                out.push_str("</ul>");
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n</nav>\n</header>\n<main>\n");
    } else {
        let _ = write!(
            out,
            "<nav class=\"toc\" aria-label=\"{}\"><span>{}:</span>",
            lang.pick("Inhoud", "Contents"),
            lang.pick("Inhoud", "Contents")
        );
        for s in &doc.sections {
            let _ = write!(out, " <a href=\"#{}\">{}</a>", s.anchor, escape(&s.title));
        }
        out.push_str("</nav>\n</header>\n<main>\n");
    }
    for (i, s) in doc.sections.iter().enumerate() {
        // The summary shares the first page with the title, unless a full table of
        // contents fills that page.
        section(
            &mut out,
            s,
            2,
            lang,
            svgs,
            (i > 0 || depth >= 2) && s.page_break,
        );
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn section(
    out: &mut String,
    s: &Section,
    level: usize,
    lang: Lang,
    svgs: &BTreeMap<String, String>,
    page_break: bool,
) {
    let class = match (level, page_break) {
        (_, true) => "chapter",
        (2, false) => "first",
        (3, _) => "group",
        _ => "question",
    };
    let h = level.min(6);
    let _ = writeln!(out, "<section id=\"{}\" class=\"{class}\">", s.anchor);
    let _ = writeln!(out, "<h{h}>{}</h{h}>", escape(&s.title));
    if let Some(headline) = &s.headline {
        let _ = writeln!(out, "<p class=\"headline\">{}</p>", escape(headline));
    }
    for b in &s.blocks {
        block(out, b, lang, svgs);
    }
    for c in &s.children {
        section(out, c, level + 1, lang, svgs, c.page_break);
    }
    out.push_str("</section>\n");
}

fn block(out: &mut String, b: &Block, lang: Lang, svgs: &BTreeMap<String, String>) {
    match b {
        Block::Paragraph(inlines) => {
            let _ = writeln!(out, "<p>{}</p>", inline(inlines));
        }
        Block::Note(text) => {
            let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(text));
        }
        Block::List(items) => {
            out.push_str("<ul>\n");
            for item in items {
                let _ = writeln!(out, "<li>{}</li>", inline(item));
            }
            out.push_str("</ul>\n");
        }
        Block::Table(t) => table(out, t),
        Block::Chart(c) => {
            let svg = svgs.get(&c.id).map_or("", String::as_str);
            // The SVG comes from our own renderer (its texts escaped by plotters); the
            // label is the alternative text, escaped here.
            let labelled = svg.replacen(
                "<svg ",
                &format!("<svg role=\"img\" aria-label=\"{}\" ", escape(&c.alt)),
                1,
            );
            let _ = writeln!(out, "<figure class=\"chart\">\n{labelled}</figure>");
        }
        Block::Quotes(q) => quotes(out, q, lang),
    }
}

fn inline(items: &[Inline]) -> String {
    items
        .iter()
        .map(|i| match i {
            Inline::Text(t) => escape(t),
            Inline::Strong(t) => format!("<strong>{}</strong>", escape(t)),
            Inline::Link { text, anchor } => format!("<a href=\"#{anchor}\">{}</a>", escape(text)),
            Inline::Code(c) => format!("<code>{}</code>", escape(c)),
        })
        .collect()
}

fn table(out: &mut String, t: &Table) {
    out.push_str("<table>\n<thead><tr>");
    for (i, h) in t.header.iter().enumerate() {
        let class = if i >= t.numeric_from {
            " class=\"num\""
        } else {
            ""
        };
        let _ = write!(out, "<th scope=\"col\"{class}>{}</th>", escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        let class = match row.kind {
            RowKind::Normal => "",
            RowKind::Apart => " class=\"apart\"",
            RowKind::Total => " class=\"total\"",
            RowKind::Detail => " class=\"detail\"",
        };
        let _ = write!(out, "<tr{class}>");
        for (i, c) in row.cells.iter().enumerate() {
            if i == 0 {
                let _ = write!(out, "<th scope=\"row\">{}</th>", escape(c));
            } else if i >= t.numeric_from {
                let _ = write!(out, "<td class=\"num\">{}</td>", escape(c));
            } else {
                let _ = write!(out, "<td>{}</td>", escape(c));
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn quotes(out: &mut String, q: &Quotes, lang: Lang) {
    let (open, close) = quote_marks(lang);
    let _ = writeln!(
        out,
        "<div class=\"quotes\">\n<p class=\"quotes-title\">{}:</p>\n<ul>",
        escape(&q.title)
    );
    for (text, n) in &q.items {
        let times = if *n > 1 {
            format!(" <span class=\"times\">({n}×)</span>")
        } else {
            String::new()
        };
        let _ = writeln!(out, "<li>{open}{}{close}{times}</li>", escape(text));
    }
    out.push_str("</ul>\n</div>\n");
}

/// Escapes text for HTML content and attribute values; control characters are removed
/// and bidi overrides isolated (U+2068..U+2069, which also works inside an attribute).
pub fn escape(s: &str) -> String {
    let s = plain_text(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_in_answers_stays_text() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }

    #[test]
    fn control_characters_go_and_bidi_overrides_are_isolated() {
        assert_eq!(escape("a\u{1b}b\u{7}\0<"), "ab&lt;");
        assert_eq!(escape("x\u{202E}y"), "\u{2068}x\u{202E}y\u{2069}");
    }
}
