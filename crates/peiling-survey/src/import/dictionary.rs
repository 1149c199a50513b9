//! The per-question dictionary of the streamed import: each distinct cell text is read
//! once (`parse_cell` and the privacy filter run per text, not per row), and rows carry
//! its id.

use std::collections::HashMap;

use crate::questionnaire::Question;
use crate::response::Answer;

use super::answers::parse_cell;

/// A multiply-rotate hash (as in rustc's FxHash): cell texts are short and not chosen
/// by an attacker who could exploit it, and SipHash would be a third of the row cost.
#[derive(Default, Clone, Copy)]
pub(super) struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0xf135_7aea_2e62_a9c5;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.write(&[i]);
    }
    fn write_usize(&mut self, i: usize) {
        self.write(&i.to_le_bytes());
    }
    fn finish(&self) -> u64 {
        // The multiply leaves its entropy in the high bits; the table indexes by the low.
        self.0.rotate_left(26)
    }
}

pub(super) type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<FastHasher>>;

/// The distinct cell texts of one question and what they were read as.
#[derive(Debug, Default)]
pub struct Dictionary {
    /// Parsed answers by id; ids are dense and given in first-seen order.
    pub answers: Vec<Answer>,
    pub(super) index: FastMap<Box<[u8]>, u32>,
    /// Per id: the `expected` text when the cell was not accepted.
    pub(super) invalid: Vec<Option<crate::wording::Expected>>,
    pub(super) coerced: Vec<Vec<(String, String)>>,
    /// Per id: how often it was parsed (accepted or later rejected rows), for coercions.
    pub(super) seen: Vec<usize>,
}

impl Dictionary {
    pub(super) fn id(&mut self, question: &Question, raw: &[u8]) -> u32 {
        // Personal data is not kept: every name or address is one "answered" entry
        // (a key no text can have), so the dictionary does not grow with respondents.
        let personal = question.is_personal() && !text(raw).trim().is_empty();
        let key = if personal { b"\xFF".as_slice() } else { raw };
        if let Some(&id) = self.index.get(key) {
            self.seen[id as usize] += 1;
            return id;
        }
        let id = self.answers.len() as u32;
        let text = text(raw);
        let parsed = if personal {
            parse_cell(question, text).map(|mut p| {
                if let Answer::Text(t) = &mut p.answer {
                    t.clear();
                }
                p
            })
        } else {
            parse_cell(question, text).map(|mut p| {
                super::scrub::scrub_answer(question, &mut p.answer);
                p
            })
        };
        let (answer, invalid, coerced) = match parsed {
            Ok(p) => (p.answer, None, p.coerced),
            Err(e) => (
                Answer::Invalid(text.trim().to_string()),
                Some(e.expected),
                Vec::new(),
            ),
        };
        self.answers.push(answer);
        self.invalid.push(invalid);
        self.coerced.push(coerced);
        self.seen.push(1);
        self.index.insert(key.into(), id);
        id
    }

    /// The entry of a cell that holds a formula without a stored result: unreadable,
    /// `found` saying what it was. Its key cannot be a cell's (0xFD starts no UTF-8 text).
    pub(super) fn formula(&mut self, found: String) -> u32 {
        let mut key = vec![0xFD];
        key.extend_from_slice(found.as_bytes());
        if let Some(&id) = self.index.get(key.as_slice()) {
            return id;
        }
        let id = self.push(Answer::Invalid(found));
        self.index.insert(key.into(), id);
        id
    }

    /// An entry for an answer read elsewhere (a response held in memory): it is not
    /// looked up by text, so every call gives a new id.
    pub fn push(&mut self, answer: Answer) -> u32 {
        let id = self.answers.len() as u32;
        self.answers.push(answer);
        self.invalid.push(None);
        self.coerced.push(Vec::new());
        self.seen.push(0);
        id
    }

    /// The entry of answer `of` with `text` (the answer's free text without the
    /// respondent's own name) as its free text. Its key cannot be a cell's (0xFE starts
    /// no UTF-8 text); the answer's coercions stay counted on `of`.
    pub(super) fn derived(&mut self, question: &Question, of: u32, text: String) -> u32 {
        let mut key = vec![0xFE];
        key.extend_from_slice(&of.to_le_bytes());
        key.extend_from_slice(text.as_bytes());
        if let Some(&id) = self.index.get(key.as_slice()) {
            return id;
        }
        let id = self.answers.len() as u32;
        let answer = super::scrub::with_free_text(question, &self.answers[of as usize], text);
        self.answers.push(answer);
        self.invalid.push(None);
        self.coerced.push(Vec::new());
        self.seen.push(0);
        self.index.insert(key.into(), id);
        id
    }
}

/// A field of a block that is valid UTF-8, split at ASCII bytes: always text.
fn text(field: &[u8]) -> &str {
    std::str::from_utf8(field).unwrap_or_default()
}
