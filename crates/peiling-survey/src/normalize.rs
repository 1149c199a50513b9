//! Tolerant text comparison, one fold for every match (a single choice, the pieces of a
//! multi-select cell, a filter, a condition): case, whitespace, punctuation, quotes and
//! diacritics do not count.

/// Folds a label or answer to the form used for matching (its key): ASCII (diacritics
/// removed), lowercase, quotes (also typographic: ‘ ’ “ ” „ « » ‹ ›) and other
/// punctuation dropped, whitespace collapsed. Comparison symbols keep a word so "<25"
/// and "25" stay different.
///
/// A text of punctuation only ("---", "*", "?") folds to itself, trimmed: such answers
/// are kept as written, so they never merge with each other (or with an empty cell)
/// into one answer. No folded word can look like them: those are letters, digits and
/// spaces only ([`words`] tells them apart).
pub fn normalize(text: &str) -> String {
    let folded = fold(text).text;
    if folded.is_empty() {
        return text.trim().to_string();
    }
    folded
}

/// The words of a key made by [`normalize`]: the key itself, or nothing for a text of
/// punctuation only. What the pieces of a multi-select cell are matched with, so that
/// an option's spellings are folded once, by [`normalize`].
pub(crate) fn words(key: &str) -> &str {
    let is_words = key
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' ');
    if is_words {
        key
    } else {
        ""
    }
}

/// Quotation marks, dropped like the ASCII ones before a text is made ASCII (which
/// would turn guillemets into comparison symbols: « is "<<").
fn is_quote(c: char) -> bool {
    matches!(
        c,
        '\u{ab}' | '\u{bb}' | '\u{2039}' | '\u{203a}' | '\u{2018}'..='\u{201f}'
    )
}

/// A folded piece of text with what decides the space between it and its neighbours,
/// so that the fold of a concatenation can be built from the folds of its parts
/// (see [`Folded::append`]) without folding the whole again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Folded {
    /// [`normalize`] of the piece.
    pub text: String,
    /// A space goes before the piece's first word when something precedes it.
    pub lead: bool,
    /// A space goes after the piece's last word when something follows it.
    pub trail: bool,
}

impl Folded {
    /// Extends `self` (the fold of a text A) to the fold of A followed by `next`'s text,
    /// as long as no character of A and of `next` touch in a way other than
    /// through `;` or `,` (those are dropped: the pieces of a multi-select cell).
    pub fn append(&mut self, next: &Folded) {
        if next.text.is_empty() {
            self.trail |= next.trail;
            return;
        }
        if self.text.is_empty() {
            self.lead |= next.lead;
        } else if self.trail || next.lead {
            self.text.push(' ');
        }
        self.text.push_str(&next.text);
        self.trail = next.trail;
    }
}

pub(crate) fn fold(text: &str) -> Folded {
    let unquoted: String;
    let text = if text.chars().any(is_quote) {
        unquoted = text.chars().filter(|&c| !is_quote(c)).collect();
        unquoted.as_str()
    } else {
        text
    };
    let ascii = deunicode::deunicode(text);
    let mut out = String::with_capacity(ascii.len());
    let mut lead = false;
    let mut pending_space = false;
    for c in ascii.chars() {
        let piece: Option<&str> = match c {
            '<' => Some("lt"),
            '>' => Some("gt"),
            '+' => Some("plus"),
            _ => None,
        };
        if let Some(word) = piece {
            if out.is_empty() {
                lead = true;
            } else {
                out.push(' ');
            }
            out.push_str(word);
            pending_space = true;
            continue;
        }
        if c.is_ascii_alphanumeric() {
            if out.is_empty() {
                lead = pending_space;
            } else if pending_space {
                out.push(' ');
            }
            pending_space = false;
            out.push(c.to_ascii_lowercase());
        } else if c.is_whitespace() || c == '-' || c == '/' || c == '_' {
            pending_space = true;
        }
        // Other punctuation (.,;:'"!?()) is dropped without a space: "n.v.t." == "nvt".
    }
    // deunicode drops the space it writes after some characters ("北" is "Bei ") at the
    // end of a text; inside a longer text (followed by ";") that space counts.
    let spaced_end = text
        .chars()
        .next_back()
        .and_then(deunicode::deunicode_char)
        .is_some_and(|d| d.len() > 1 && d.ends_with(' '));
    if out.is_empty() {
        lead = pending_space || spaced_end;
    }
    Folded {
        text: out,
        lead,
        trail: pending_space || spaced_end,
    }
}

#[cfg(test)]
mod tests {
    use super::{fold, normalize, words, Folded};

    #[test]
    fn folds_case_diacritics_and_punctuation() {
        assert_eq!(normalize("  Créatie,  Één!  "), "creatie een");
        assert_eq!(normalize("n.v.t."), normalize("nvt"));
        assert_eq!(normalize("Niet van toepassing"), "niet van toepassing");
        assert_eq!(normalize("WPB’s"), "wpbs");
        assert_eq!(normalize("25-35"), "25 35");
        assert_ne!(normalize("<25"), normalize("25"));
        assert_ne!(normalize("> 10"), normalize("10"));
    }

    #[test]
    fn quotes_of_every_kind_do_not_count() {
        for quoted in [
            "\"Ja\"", "'Ja'", "‘Ja’", "“Ja”", "„Ja”", "«Ja»", "‹Ja›", "« Ja »", "`Ja´",
        ] {
            assert_eq!(normalize(quoted), "ja", "{quoted}");
        }
        assert_eq!(normalize("WPB’ers en SO‘s"), normalize("WPBers en SOs"));
        // Comparison symbols still count.
        assert_eq!(normalize("<25"), "lt 25");
        assert_eq!(normalize("«<25»"), "lt 25");
    }

    #[test]
    fn a_key_s_words_are_its_fold() {
        for text in [
            "",
            " ",
            "Ja",
            "  Créatie,  Één!  ",
            "---",
            "?",
            "«»",
            "n.v.t.",
            "<5",
            "北",
            "x北",
            "\u{200b}",
            "Feedback, feedforward en beoordelen",
            "‘’",
            "- ja -",
        ] {
            assert_eq!(words(&normalize(text)), fold(text).text, "{text:?}");
        }
    }

    #[test]
    fn folds_of_pieces_add_up_to_the_fold_of_the_whole() {
        let pieces = [
            "", " ", "a", " b ", "c-", "<5", "+", ".", " . ", "北", "x北", "Één", "-d", "e/",
            "n.v.t.", " >10", "f ", "_", "«g»", "“", "’s",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for sep in [";", ","] {
                        let whole = format!("{a}{sep}{b}{sep}{c}");
                        let mut acc = Folded::default();
                        for p in [a, b, c] {
                            acc.append(&fold(p));
                        }
                        assert_eq!(acc.text, fold(&whole).text, "{whole:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn punctuation_only_texts_stay_apart() {
        assert_eq!(normalize(" --- "), "---");
        assert_ne!(normalize("---"), normalize("*"));
        assert_ne!(normalize("?"), normalize("??"));
        assert_ne!(normalize("-"), normalize(""));
        assert_eq!(normalize("   "), "");
        // A word with punctuation still folds: only texts without a letter or digit stay.
        assert_eq!(normalize("-ja-"), "ja");
    }
}
