//! Free text leaves the analysis without contact details: anything that looks like an
//! e-mail address is replaced, whatever question it was typed into.

/// What an e-mail address in free text is replaced with.
pub const REDACTED_EMAIL: &str = "[e-mailadres weggelaten]";

/// Replaces every e-mail-like word (`x@y.z`, surrounding punctuation kept) in `text`.
pub fn redact_emails(text: &str) -> String {
    if !text.contains('@') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if !word.is_empty() {
            out.push_str(&redact_word(word));
            word.clear();
        }
    };
    for c in text.chars() {
        if c.is_whitespace()
            || matches!(
                c,
                '<' | '>' | '(' | ')' | '[' | ']' | ',' | ';' | '"' | '\''
            )
        {
            flush(&mut word, &mut out);
            out.push(c);
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

fn redact_word(word: &str) -> String {
    let trimmed = word.trim_end_matches(['.', ':', '!', '?']);
    let tail = &word[trimmed.len()..];
    let looks_like_email = trimmed.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
    });
    if looks_like_email {
        format!("{REDACTED_EMAIL}{tail}")
    } else {
        word.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e_mail_addresses_are_replaced_and_the_rest_stays() {
        assert_eq!(
            redact_emails("Mail jan.jansen@voorbeeld.invalid, of bel."),
            "Mail [e-mailadres weggelaten], of bel."
        );
        assert_eq!(
            redact_emails("(piet@school.nl)."),
            "([e-mailadres weggelaten])."
        );
        assert_eq!(redact_emails("mailto:a@b.nl"), "[e-mailadres weggelaten]");
        assert_eq!(redact_emails("@SUM en 5 @ school"), "@SUM en 5 @ school");
        assert_eq!(redact_emails("geen adres"), "geen adres");
    }
}
