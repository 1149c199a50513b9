//! The one privacy filter of peiling: contact details (e-mail addresses in their common
//! disguises, phone numbers) and a respondent's own name are replaced by a marker;
//! control characters are removed and bidi overrides isolated, so no text from an
//! export can run in a terminal, break an XML file or reorder the text around it.
//!
//! The analysis applies [`scrub`] to every text of its summary (labels, titles, quotes),
//! the import applies [`OwnName`] where the row is at hand, and each writer makes the
//! text safe for its format with [`plain_text`] (Markdown, HTML, SVG, CSV) or
//! [`terminal`] (terminal output).

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

/// What an e-mail address is replaced with.
pub const EMAIL_MARK: &str = "[e-mailadres weggelaten]";
/// What a phone number is replaced with.
pub const PHONE_MARK: &str = "[telefoonnummer weggelaten]";
/// What a respondent's own name in their free text is replaced with.
pub const NAME_MARK: &str = "[naam weggelaten]";

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    // Deliberately loose: a false positive costs a word, a miss leaks an address.
    // The at sign: @, fullwidth or small @, URL-encoded, or (at) [at] {at} <at>, with or
    // without spaces around it. A dot: "." (spaces only on both sides, so a sentence
    // ending after an address keeps its next word), fullwidth, or (dot) [punt] ...
    let local = r"[\p{L}\p{N}._%+\-]+";
    let at = r"(?:\s*[@＠﹫]\s*|%40|\s*[(\[{<]\s*(?:at|@|＠|apenstaartje)\s*[)\]}>]\s*)";
    let label = r"[\p{L}\p{N}\-]+";
    let dot = r"(?:[.．]|\s+[.．]\s+|\s*[(\[{<]\s*(?:dot|punt|\.)\s*[)\]}>]\s*)";
    Regex::new(&format!(
        r"(?i)(?:mailto:)?{local}{at}{label}(?:{dot}{label})*{dot}\p{{L}}{{2,}}"
    ))
    .unwrap()
});

static EMAIL_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    // "jan at school dot nl": plain words are ordinary language too, so only with a
    // known top-level domain at the end.
    Regex::new(
        r"(?i)[\p{L}\p{N}._%+\-]+\s+(?:at|apenstaartje)\s+[\p{L}\p{N}\-]+(?:\s+(?:dot|punt)\s+[\p{L}\p{N}\-]+)*\s+(?:dot|punt)\s+(?:nl|be|com|org|net|eu|edu|info)\b",
    )
    .unwrap()
});

static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    // Nine or more digits, led by + or a 0 (Dutch numbers: 06-12345678, 010-1234567,
    // +31 6 12345678, 0031612345678) and split by at most two spaces, dots, dashes,
    // slashes or brackets at a time. Years, counts, bands ("25-35") and dates are shorter
    // or do not start with a 0.
    Regex::new(r"(?:\+\s*\d|\(?\b0)(?:[\s\-./()]{0,2}\d){8,}").unwrap()
});

/// The full filter for any text from a survey: control characters out, contact details
/// replaced, bidi controls isolated. Applying it twice changes nothing more.
pub fn scrub(text: &str) -> String {
    let clean = strip_controls(text);
    let redacted = redact_contacts(&clean);
    isolate_bidi(&redacted).into_owned()
}

/// E-mail addresses and phone numbers replaced by [`EMAIL_MARK`] and [`PHONE_MARK`].
pub fn redact_contacts(text: &str) -> Cow<'_, str> {
    let mut out = Cow::Borrowed(text);
    // Cheap tests first: most answers hold neither an at sign nor nine digits.
    let at_like = text.contains(['@', '＠', '﹫', '%', '(', '[', '{', '<'])
        || text
            .split_whitespace()
            .any(|w| w.eq_ignore_ascii_case("at") || w.eq_ignore_ascii_case("apenstaartje"));
    if at_like {
        for re in [&*EMAIL, &*EMAIL_WORDS] {
            if let Cow::Owned(s) = re.replace_all(&out, EMAIL_MARK) {
                out = Cow::Owned(s);
            }
        }
    }
    if out.bytes().filter(u8::is_ascii_digit).count() >= 9 {
        if let Cow::Owned(s) = PHONE.replace_all(&out, PHONE_MARK) {
            out = Cow::Owned(s);
        }
    }
    out
}

/// Control characters removed: a line break stays (`\r\n` and a lone `\r` become
/// `\n`), tabs and other whitespace controls become a space, everything else (NUL, ESC,
/// BEL, C1) goes, as do U+FFFE and U+FFFF, which XML does not allow.
pub fn strip_controls(text: &str) -> Cow<'_, str> {
    let unwanted = |c: char| (c.is_control() && c != '\n') || matches!(c, '\u{FFFE}' | '\u{FFFF}');
    if !text.chars().any(unwanted) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' => out.push('\n'),
            '\t' | '\u{0B}' | '\u{0C}' | '\u{85}' => out.push(' '),
            c if unwanted(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Bidi embeddings and overrides (U+202A..U+202E), which could reorder the text around
/// an answer, are isolated: a closing isolate (U+2069) ends every one opened after its
/// isolate began. Isolates already in the text are balanced (a stray closing one is
/// dropped, an open one closed at the end), and if an embedding or override is then still
/// outside every isolate, the whole text is wrapped in FIRST STRONG ISOLATE (U+2068) ..
/// POP DIRECTIONAL ISOLATE. Text that was isolated before comes back unchanged.
pub fn isolate_bidi(text: &str) -> Cow<'_, str> {
    let opens = |c: char| ('\u{2066}'..='\u{2068}').contains(&c);
    let embedding = |c: char| ('\u{202A}'..='\u{202E}').contains(&c);
    if !text
        .chars()
        .any(|c| opens(c) || c == '\u{2069}' || embedding(c))
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut depth = 0usize;
    let mut exposed = false;
    for c in text.chars() {
        match c {
            c if opens(c) => depth += 1,
            '\u{2069}' if depth == 0 => continue,
            '\u{2069}' => depth -= 1,
            c if embedding(c) && depth == 0 => exposed = true,
            _ => {}
        }
        out.push(c);
    }
    out.extend(std::iter::repeat_n('\u{2069}', depth));
    if exposed {
        out.insert(0, '\u{2068}');
        out.push('\u{2069}');
    }
    if out == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(out)
    }
}

/// Bidi embeddings, overrides and isolates removed: for a text drawn on its own, such as
/// a chart label, where an isolate would be drawn as a box.
pub fn strip_bidi(text: &str) -> Cow<'_, str> {
    let bidi =
        |c: char| ('\u{202A}'..='\u{202E}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c);
    if text.chars().any(bidi) {
        Cow::Owned(text.chars().filter(|&c| !bidi(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// What every text format needs of a text: control characters out, bidi isolated.
pub fn plain_text(text: &str) -> Cow<'_, str> {
    match strip_controls(text) {
        Cow::Borrowed(t) => isolate_bidi(t),
        Cow::Owned(t) => Cow::Owned(isolate_bidi(&t).into_owned()),
    }
}

/// Text for a terminal: control characters (but the line break) and bidi controls are
/// shown escaped (`\u{1b}`), so an answer cannot repaint, retitle or reorder the user's
/// terminal.
pub fn terminal(text: &str) -> Cow<'_, str> {
    let escaped = |c: char| {
        (c.is_control() && c != '\n')
            || ('\u{202A}'..='\u{202E}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    };
    if !text.chars().any(escaped) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if escaped(c) {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// A respondent's own name, from the personal name cells of their row: each word of two
/// or more letters, except particles ("de", "van"), "anoniem"-like placeholders and
/// short abbreviations in capitals beside ordinary words ("SO" in "Test Persoon SO 1").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OwnName {
    /// Lower case.
    words: Vec<String>,
}

/// Words of a name that are not names themselves.
const NOT_NAMES: &[&str] = &[
    "de",
    "den",
    "der",
    "van",
    "het",
    "ter",
    "ten",
    "te",
    "op",
    "in",
    "la",
    "le",
    "du",
    "da",
    "di",
    "del",
    "von",
    "zu",
    "anoniem",
    "anonymous",
    "anonieme",
    "gebruiker",
    "user",
];

impl OwnName {
    /// The name from the row's name cells (a cell with an e-mail address in it is not a
    /// name and is skipped).
    pub fn from_cells<'a>(cells: impl IntoIterator<Item = &'a str>) -> OwnName {
        let mut words: Vec<String> = Vec::new();
        for cell in cells.into_iter().filter(|c| !c.contains('@')) {
            let capitals = |w: &str| !w.chars().any(char::is_lowercase);
            let mixed = cell.split_whitespace().any(|w| !capitals(w));
            for word in cell.split(|c: char| !c.is_alphanumeric()) {
                // A short word in capitals beside ordinary ones is an abbreviation
                // ("Test Persoon SO 1"), not a name; a name typed all in capitals counts.
                if mixed && capitals(word) && word.chars().count() <= 3 {
                    continue;
                }
                let word = word.to_lowercase();
                if word.chars().count() >= 2
                    && word.chars().any(char::is_alphabetic)
                    && !NOT_NAMES.contains(&word.as_str())
                    && !words.contains(&word)
                {
                    words.push(word);
                }
            }
        }
        OwnName { words }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// `text` with every whole word of the name (any case) replaced by [`NAME_MARK`];
    /// `None` when the name does not occur.
    pub fn redact(&self, text: &str) -> Option<String> {
        if self.words.is_empty() {
            return None;
        }
        let mut out = String::with_capacity(text.len());
        let mut changed = false;
        let mut rest = text;
        while !rest.is_empty() {
            let start = rest
                .find(|c: char| c.is_alphanumeric())
                .unwrap_or(rest.len());
            out.push_str(&rest[..start]);
            rest = &rest[start..];
            let end = rest
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(rest.len());
            let word = &rest[..end];
            if !word.is_empty() && self.words.contains(&word.to_lowercase()) {
                out.push_str(NAME_MARK);
                changed = true;
            } else {
                out.push_str(word);
            }
            rest = &rest[end..];
        }
        changed.then_some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e_mail_addresses_in_their_disguises_are_replaced() {
        for (text, expected) in [
            (
                "mail jan@school.nl aub",
                "mail [e-mailadres weggelaten] aub",
            ),
            ("jan.de.vries@school.nl", EMAIL_MARK),
            ("jan(at)school.nl", EMAIL_MARK),
            ("jan (at) school.nl", EMAIL_MARK),
            ("jan [at] school [dot] nl", EMAIL_MARK),
            ("jan{at}school(punt)nl", EMAIL_MARK),
            ("jan＠school.nl", EMAIL_MARK),
            ("jan﹫school．nl", EMAIL_MARK),
            ("jan @ school . nl", EMAIL_MARK),
            ("jan%40school.nl", EMAIL_MARK),
            ("jan at school dot nl", EMAIL_MARK),
            ("JAN [AT] SCHOOL [DOT] NL", EMAIL_MARK),
            ("mailto:a@b.nl", EMAIL_MARK),
            ("(piet@school.nl).", "([e-mailadres weggelaten])."),
            (
                "Mail jan@school.nl. Daarna bel ik",
                "Mail [e-mailadres weggelaten]. Daarna bel ik",
            ),
            (
                "Mijn mail is privé: juf.an@basisschool-de-linde.nl",
                "Mijn mail is privé: [e-mailadres weggelaten]",
            ),
        ] {
            assert_eq!(redact_contacts(text), expected, "{text}");
        }
    }

    #[test]
    fn phone_numbers_are_replaced() {
        for text in [
            "06-12345678",
            "06 1234 5678",
            "+31 6 12345678",
            "+31 (0)6 1234 5678",
            "0031612345678",
            "010-1234567",
            "010 123 45 67",
            "(010) 123 45 67",
            "0612345678",
        ] {
            assert_eq!(redact_contacts(text), PHONE_MARK, "{text}");
        }
        assert_eq!(
            redact_contacts("bel 06-12345678 of mail"),
            "bel [telefoonnummer weggelaten] of mail"
        );
    }

    #[test]
    fn ordinary_text_and_numbers_stay() {
        for text in [
            "2021",
            "sinds 2015, 1 dag per week",
            "1-5 keer",
            "25-35",
            "36-45 jaar, 75% van de tijd",
            "498 uur, inclusief andere taken",
            "ca. 15 jaar geleden (2005)",
            "2015 2016 2017",
            "01-10-2020 - 03-10-2020",
            "@SUM en 5 @ school",
            "Ik was @ school. Daarna thuis",
            "ik at een appel en een peer",
            "een punt van aandacht",
            "Fontys, HAN (at the time), Leiden",
            "[e-mailadres weggelaten] en [telefoonnummer weggelaten]",
        ] {
            assert_eq!(redact_contacts(text), text, "{text}");
        }
    }

    #[test]
    fn control_characters_go_and_line_breaks_stay() {
        assert_eq!(strip_controls("a\u{1b}[31mb\u{7}c\0d"), "a[31mbcd");
        assert_eq!(
            strip_controls("een\r\ntwee\rdrie\tvier"),
            "een\ntwee\ndrie vier"
        );
        assert_eq!(strip_controls("x\u{9b}y\u{FFFF}"), "xy");
        assert!(matches!(strip_controls("gewoon\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn bidi_overrides_are_isolated_once() {
        let evil = "abc\u{202E}lmth.exe";
        let once = isolate_bidi(evil).into_owned();
        assert_eq!(once, "\u{2068}abc\u{202E}lmth.exe\u{2069}");
        assert_eq!(isolate_bidi(&once), once);
        // An isolated part stays as it is, inside a longer text too.
        let headline = format!("gekozen: {once} (1)");
        assert_eq!(isolate_bidi(&headline), headline);
        // Stray isolates cannot swallow the closing one, or leave one open.
        assert_eq!(
            isolate_bidi("\u{2069}a\u{202E}b"),
            "\u{2068}a\u{202E}b\u{2069}"
        );
        assert_eq!(
            isolate_bidi("\u{2067}a\u{202E}b"),
            "\u{2067}a\u{202E}b\u{2069}"
        );
        assert_eq!(isolate_bidi("a\u{2066}b"), "a\u{2066}b\u{2069}");
        assert_eq!(isolate_bidi("gewoon"), "gewoon");
    }

    #[test]
    fn scrub_is_idempotent() {
        let text = "\u{1b}]0;titel\u{7}mail jan＠school.nl\u{202E} of 06-12345678\r\n";
        let once = scrub(text);
        assert_eq!(
            once,
            "\u{2068}]0;titelmail [e-mailadres weggelaten]\u{202E} of [telefoonnummer weggelaten]\n\u{2069}"
        );
        assert_eq!(scrub(&once), once);
    }

    #[test]
    fn terminal_text_shows_controls_escaped() {
        assert_eq!(terminal("a\u{1b}[2Jb\u{7}\n"), "a\\u{1b}[2Jb\\u{7}\n");
        assert_eq!(terminal("x\u{202E}y"), "x\\u{202e}y");
        assert!(matches!(terminal("gewoon\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn chart_text_loses_bidi_controls() {
        assert_eq!(strip_bidi("\u{2068}a\u{202E}b\u{2069}"), "ab");
        assert!(matches!(strip_bidi("gewoon"), Cow::Borrowed(_)));
    }

    #[test]
    fn plain_text_is_safe_for_every_format() {
        assert_eq!(plain_text("a\0b\u{1b}c"), "abc");
        assert_eq!(plain_text("\u{7}x\u{202E}y"), "\u{2068}x\u{202E}y\u{2069}");
    }

    #[test]
    fn the_own_name_is_replaced_as_a_whole_word() {
        let name = OwnName::from_cells(["Jan de Vries"]);
        assert_eq!(
            name.redact("Ik, jan, wil graag. Groet, Jan de VRIES")
                .as_deref(),
            Some("Ik, [naam weggelaten], wil graag. Groet, [naam weggelaten] de [naam weggelaten]")
        );
        // Not inside other words, and "de" is no name.
        assert_eq!(name.redact("Januari bij de Vriesland"), None);
        let name = OwnName::from_cells(["Anna-Maria Ölçer", "", "anoniem"]);
        assert_eq!(
            name.redact("groet van anna-maria ÖLÇER").as_deref(),
            Some("groet van [naam weggelaten]-[naam weggelaten] [naam weggelaten]")
        );
        assert!(OwnName::from_cells(["jan@school.nl", "A", "12"]).is_empty());
        // An abbreviation beside a name is not part of it; a name in capitals is.
        let name = OwnName::from_cells(["Test Persoon SO 1"]);
        assert_eq!(name.redact("niet zo lang SO meer"), None);
        assert!(name.redact("als persoon").is_some());
        let name = OwnName::from_cells(["JAN DE VRIES"]);
        assert_eq!(
            name.redact("groet, Jan").as_deref(),
            Some("groet, [naam weggelaten]")
        );
        assert_eq!(OwnName::default().redact("Jan"), None);
    }
}
