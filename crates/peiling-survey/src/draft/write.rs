//! Writing a draft as questionnaire TOML, with its notes as comments.

use std::fmt::Write as _;

use super::{comment_safe, DraftOptions, DraftQuestion, Guess};
use crate::import::{ExportFormat, Table};

fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn list(items: &[String]) -> String {
    let q: Vec<String> = items.iter().map(|i| quoted(i)).collect();
    format!("[{}]", q.join(", "))
}

/// A TOML number: an integer where it is one and fits, else a float TOML can read back
/// (`1e29`, not the 30 digits `Display` gives, which TOML takes for an integer).
fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        format!("{x:?}")
    }
}

pub(super) fn write_toml(
    table: &Table,
    opts: &DraftOptions,
    format: ExportFormat,
    questions: &[DraftQuestion],
) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# Draft made by `peiling init` from a {} export ({} rows).\n\
         # Check every question: the kinds are guessed from the answers. Add what an export\n\
         # cannot tell: only_if conditions, report groups, themes, the population and\n\
         # options nobody chose.\n\
         # Format: docs/questionnaire-format.md",
        format.name(),
        table.rows.len()
    );
    let unsure: usize = questions.iter().map(|q| q.unsure.len()).sum();
    if unsure > 0 {
        let _ = writeln!(
            s,
            "# {unsure} {} to check: look for \"# unsure:\" below.",
            if unsure == 1 { "guess" } else { "guesses" }
        );
    }
    let _ = writeln!(s, "id = {}", quoted(&opts.id));
    let _ = writeln!(s, "title = {}", quoted(&opts.title));
    let _ = writeln!(s, "audience = {}", quoted(&opts.audience));
    for DraftQuestion {
        id,
        text,
        code,
        guess,
        unsure,
    } in questions
    {
        let _ = writeln!(s, "\n[[question]]");
        for note in unsure {
            let _ = writeln!(s, "# unsure: {}", comment_safe(note));
        }
        let _ = writeln!(s, "id = {}", quoted(id));
        let _ = writeln!(s, "text = {}", quoted(text));
        if let Some(code) = code {
            let _ = writeln!(s, "code = {}", quoted(code));
        }
        match guess {
            Guess::Single(options) => {
                let _ = writeln!(s, "kind = \"single\"\noptions = {}", list(options));
            }
            Guess::Multi {
                options,
                codes,
                other,
            } => {
                let _ = writeln!(s, "kind = \"multi\"");
                if let Some(label) = other {
                    let _ = writeln!(s, "other = {}", quoted(label));
                }
                if codes.is_empty() {
                    let _ = writeln!(s, "options = {}", list(options));
                } else {
                    for (label, code) in options.iter().zip(codes) {
                        let _ = writeln!(
                            s,
                            "  [[question.option]]\n  label = {}  # the option's text\n  code = {}",
                            quoted(label),
                            quoted(code)
                        );
                    }
                }
            }
            Guess::Scale {
                levels,
                not_applicable,
            } => {
                let _ = writeln!(s, "kind = \"scale\"\nlevels = {}", list(levels));
                if !not_applicable.is_empty() {
                    let _ = writeln!(s, "not_applicable = {}", list(not_applicable));
                }
            }
            Guess::Number { unknown, min, max } => {
                let _ = writeln!(
                    s,
                    "kind = \"number\"\nmin = {}\nmax = {}  # the largest answer; raise it to what is possible",
                    number(*min),
                    number(*max)
                );
                if !unknown.is_empty() {
                    let _ = writeln!(s, "unknown = {}", list(unknown));
                }
            }
            Guess::Bands(bands) => {
                let _ = writeln!(s, "kind = \"bands\"\nbands = [");
                for (label, min, max) in bands {
                    let mut b = format!("  {{ label = {}", quoted(label));
                    if let Some(min) = min {
                        let _ = write!(b, ", min = {}", number(*min));
                    }
                    if let Some(max) = max {
                        let _ = write!(b, ", max = {}", number(*max));
                    }
                    let _ = writeln!(s, "{b} }},");
                }
                let _ = writeln!(s, "]");
            }
            Guess::YesNo => {
                let _ = writeln!(s, "kind = \"yesno\"");
            }
            Guess::Text => {
                let _ = writeln!(s, "kind = \"text\"");
            }
            Guess::Personal(what) => {
                let _ = writeln!(s, "kind = \"personal\"\npersonal = \"{what}\"");
            }
        }
    }
    s
}
