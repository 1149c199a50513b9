//! What personal data may not reach the report: e-mail addresses and phone numbers in
//! free text are blanked out, and small groups are not shown.

use std::sync::LazyLock;

use regex::Regex;

use crate::i18n::Lang;

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    // Deliberately loose: a false positive costs a word, a miss leaks an address.
    Regex::new(r"[[:alnum:]._%+\-]+\s*(?:@|\(at\)|\[at\])\s*[[:alnum:]\-]+(?:\.[[:alnum:]\-]+)+")
        .unwrap()
});

static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    // Nine or more digits, optionally led by + or 00 and split by spaces, dots, dashes,
    // slashes or brackets: Dutch numbers (06-12345678, +31 6 1234 5678, 010 123 45 67).
    // Years, hours and counts are shorter.
    Regex::new(r"(?:\+|\b00)?\d(?:[\s\-./()]{0,2}\d){8,}").unwrap()
});

/// Free text with e-mail addresses and phone numbers replaced by a marker, and line
/// breaks folded to spaces (a quote is one line in every output).
pub fn redact(text: &str, lang: Lang) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // The analysis already blanked plain addresses with its (Dutch) marker; say it in the
    // report's language.
    let one_line = one_line.replace(
        peiling_analysis::privacy::REDACTED_EMAIL,
        lang.pick("[e-mailadres weggelaten]", "[e-mail address removed]"),
    );
    let no_mail = EMAIL.replace_all(
        &one_line,
        lang.pick("[e-mailadres weggelaten]", "[e-mail address removed]"),
    );
    PHONE
        .replace_all(
            &no_mail,
            lang.pick("[telefoonnummer weggelaten]", "[phone number removed]"),
        )
        .into_owned()
}

/// Whether free text of a group of `n` respondents may be quoted.
pub fn may_quote(n: usize, min_group: usize) -> bool {
    min_group == 0 || n >= min_group
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_numbers_are_blanked() {
        let r = redact(
            "mail me: jan.de.vries@school.nl of bel 06-12345678",
            Lang::Nl,
        );
        assert_eq!(
            r,
            "mail me: [e-mailadres weggelaten] of bel [telefoonnummer weggelaten]"
        );
        assert_eq!(
            redact("+31 6 1234 5678 / info (at) bos.nl", Lang::En),
            "[phone number removed] / [e-mail address removed]"
        );
        assert_eq!(redact("010 123 45 67", Lang::En), "[phone number removed]");
    }

    #[test]
    fn the_analysis_marker_is_said_in_the_report_language() {
        let from_analysis = peiling_analysis::privacy::redact_emails("mail a@b.nl aub");
        assert_eq!(
            redact(&from_analysis, Lang::En),
            "mail [e-mail address removed] aub"
        );
        assert_eq!(
            redact(&from_analysis, Lang::Nl),
            "mail [e-mailadres weggelaten] aub"
        );
    }

    #[test]
    fn ordinary_numbers_stay() {
        for text in [
            "498 uur, inclusief andere taken",
            "sinds 2015, 1 dag per week",
            "ca. 15 jaar geleden (2005)",
        ] {
            assert_eq!(redact(text, Lang::Nl), text);
        }
    }

    #[test]
    fn line_breaks_fold_to_spaces() {
        assert_eq!(
            redact("eerste\r\ntweede\n  derde", Lang::Nl),
            "eerste tweede derde"
        );
    }
}
