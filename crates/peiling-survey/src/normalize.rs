//! Tolerant text comparison: case, whitespace, punctuation and diacritics do not count.

/// Folds a label or answer to the form used for matching: ASCII (diacritics
/// removed), lowercase, punctuation dropped, whitespace collapsed.
/// Comparison symbols keep a word so "<25" and "25" stay different.
///
/// A text of punctuation only ("---", "*", "?") folds to itself, trimmed: such answers
/// are kept as written, so they never merge with each other (or with an empty cell)
/// into one answer. No folded word can look like them: those are letters, digits and
/// spaces only.
pub fn normalize(text: &str) -> String {
    let folded = fold(text);
    if folded.is_empty() {
        return text.trim().to_string();
    }
    folded
}

fn fold(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut out = String::with_capacity(ascii.len());
    let mut pending_space = false;
    for c in ascii.chars() {
        let piece: Option<&str> = match c {
            '<' => Some("lt"),
            '>' => Some("gt"),
            '+' => Some("plus"),
            _ => None,
        };
        if let Some(word) = piece {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
            pending_space = true;
            continue;
        }
        if c.is_ascii_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c.to_ascii_lowercase());
        } else if c.is_whitespace() || c == '-' || c == '/' || c == '_' {
            pending_space = true;
        }
        // Other punctuation (.,;:'"!?()) is dropped without a space: "n.v.t." == "nvt".
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalize;

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
