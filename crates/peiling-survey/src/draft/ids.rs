//! Question ids made from column headers: short, readable and unique.

use std::collections::BTreeSet;

use crate::normalize::normalize;

/// Question ids from headers: lowercase ASCII words joined by `_`, at most four words
/// and 32 characters, unique within the questionnaire.
#[derive(Default)]
pub(super) struct IdMaker {
    used: BTreeSet<String>,
}

impl IdMaker {
    pub(super) fn make(&mut self, header: &str) -> String {
        let skip = [
            "wat", "is", "je", "heb", "hoe", "de", "het", "een", "van", "welke",
        ];
        let words: Vec<String> = normalize(header)
            .split(' ')
            // Words only: a header of punctuation ("???") folds to itself and gives none.
            .filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphanumeric()))
            .map(str::to_string)
            .collect();
        let kept: Vec<&str> = words
            .iter()
            .map(String::as_str)
            .filter(|w| !skip.contains(w))
            .take(4)
            .collect();
        let mut base = if kept.is_empty() {
            words.iter().take(4).cloned().collect::<Vec<_>>().join("_")
        } else {
            kept.join("_")
        };
        while base.len() > 32 {
            match base.rfind('_') {
                Some(cut) => base.truncate(cut),
                None => base.truncate(32),
            }
        }
        if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
            base = format!("q_{base}").trim_end_matches('_').to_string();
        }
        let mut id = base.clone();
        let mut n = 2;
        while !self.used.insert(id.clone()) {
            id = format!("{base}_{n}");
            n += 1;
        }
        id
    }
}
