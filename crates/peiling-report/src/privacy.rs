//! What personal data may not reach the report: free text passes the one privacy
//! filter ([`peiling_core::privacy`]; the summary already did, this is the last line)
//! with its markers said in the report's language, and small groups are not shown.

use peiling_core::privacy::{scrub, EMAIL_MARK, NAME_MARK, PHONE_MARK};

use crate::i18n::Lang;

/// Free text through the privacy filter (contact details replaced by a marker in the
/// report's language), with line breaks folded to spaces (a quote is one line in every
/// output).
pub fn redact(text: &str, lang: Lang) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let scrubbed = scrub(&one_line);
    match lang {
        Lang::Nl => scrubbed,
        Lang::En => scrubbed
            .replace(EMAIL_MARK, "[e-mail address removed]")
            .replace(PHONE_MARK, "[phone number removed]")
            .replace(NAME_MARK, "[name removed]"),
    }
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
        let from_analysis = scrub("mail a@b.nl aub");
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
