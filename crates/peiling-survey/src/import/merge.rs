//! Merging the streamed imports of consecutive chunks of one export (see
//! [`super::split`]) into the report of the whole file, exactly as one reader would
//! have made it: dictionaries keep the order in which texts first appear, problems and
//! rejected rows their order and file rows, and the counts add up.
//!
//! Dictionary ids are per chunk; merging maps the later chunk's ids by the text they
//! stand for, and returns that map so that whatever counted by id can follow.

use std::collections::HashMap;

use crate::questionnaire::Questionnaire;
use crate::response::{Coercion, Duplicate, QuestionTally};

use super::dictionary::Dictionary;
use super::stream::StreamReport;

/// Per question: the merged id of each id of the later chunk.
pub type IdMap = Vec<Vec<u32>>;

impl Dictionary {
    /// Adds the entries of `other` (a dictionary of a later chunk of the same export):
    /// texts already here keep their id, new ones are appended in `other`'s order (the
    /// order they first appeared in). The merged id of each of `other`'s ids.
    pub(super) fn merge(&mut self, other: Dictionary) -> Vec<u32> {
        let mut keys: Vec<Option<Box<[u8]>>> = vec![None; other.answers.len()];
        for (key, id) in other.index {
            keys[id as usize] = Some(key);
        }
        let mut map = Vec::with_capacity(keys.len());
        let entries = other
            .answers
            .into_iter()
            .zip(other.invalid)
            .zip(other.coerced)
            .zip(other.seen);
        for (key, (((answer, invalid), coerced), seen)) in keys.into_iter().zip(entries) {
            let Some(mut key) = key else {
                // Every entry has a key; none would be an internal error: keep it apart.
                map.push(self.push_entry(answer, invalid, coerced, seen, None));
                continue;
            };
            // A derived entry's key holds the id it was derived from: map that too.
            if key.first() == Some(&0xFE) && key.len() >= 5 {
                let mut of = [0u8; 4];
                of.copy_from_slice(&key[1..5]);
                let merged = map[u32::from_le_bytes(of) as usize];
                key[1..5].copy_from_slice(&merged.to_le_bytes());
            }
            match self.index.get(&key) {
                Some(&id) => {
                    self.seen[id as usize] += seen;
                    map.push(id);
                }
                None => map.push(self.push_entry(answer, invalid, coerced, seen, Some(key))),
            }
        }
        map
    }

    /// A new entry with what the other chunk knew of it: [`Dictionary::push`], then
    /// its invalid mark, coercions, count and (when it was read from a cell) its key.
    fn push_entry(
        &mut self,
        answer: crate::response::Answer,
        invalid: Option<crate::wording::Expected>,
        coerced: Vec<(String, String)>,
        seen: usize,
        key: Option<Box<[u8]>>,
    ) -> u32 {
        let id = self.push(answer);
        let at = id as usize;
        self.invalid[at] = invalid;
        self.coerced[at] = coerced;
        self.seen[at] = seen;
        if let Some(key) = key {
            self.index.insert(key, id);
        }
        id
    }
}

impl StreamReport {
    /// Moves the row numbers of this chunk's problems and rejected rows on by `lines`
    /// (see [`super::split::Split::line_offset`]).
    pub fn shift_rows(&mut self, lines: usize) {
        for r in &mut self.rejected {
            r.row += lines;
        }
        for p in &mut self.problems {
            p.row += lines;
        }
        for d in &mut self.duplicates {
            d.row += lines;
            d.first_row += lines;
        }
        for first in self.first_of.values_mut() {
            *first += lines;
        }
        for row in &mut self.dropped {
            *row += lines;
        }
        for n in &mut self.text.not_utf8 {
            n.line += lines;
        }
    }

    /// Adds the report of the next chunk of the same export (read with the same
    /// header, rows already shifted). The merged id of each of `other`'s ids, per
    /// question.
    pub fn merge(&mut self, q: &Questionnaire, other: StreamReport) -> IdMap {
        self.rows_read += other.rows_read;
        self.rows_accepted += other.rows_accepted;
        // Each list is in row order, and the later chunk's rows come after.
        self.rejected.extend(other.rejected);
        self.problems.extend(other.problems);
        // A line that is UTF-8 beyond ASCII in one chunk makes the lines of every
        // chunk that are not UTF-8 problems: named again for the whole.
        self.text.absorb(other.text);
        self.settle_text();
        self.submissions.merge(&other.submissions);
        self.last_submission = self.submissions.latest();
        for (mine, theirs) in self.tallies.iter_mut().zip(&other.tallies) {
            mine.add(theirs);
        }
        self.merge_duplicates(other.duplicates, other.first_of);
        self.dropped.extend(other.dropped);
        self.mark_kept();
        let map = self
            .dictionaries
            .iter_mut()
            .zip(other.dictionaries)
            .map(|(mine, theirs)| mine.merge(theirs))
            .collect();
        self.coercions = coercions(q, &self.dictionaries);
        map
    }
}

impl QuestionTally {
    /// Adds the counts of the same question in the next chunk.
    fn add(&mut self, other: &QuestionTally) {
        self.answered += other.answered;
        self.no_answer += other.no_answer;
        self.invalid += other.invalid;
        self.unknown += other.unknown;
        self.not_applicable += other.not_applicable;
        self.not_asked += other.not_asked;
        self.answered_not_asked += other.answered_not_asked;
    }
}

impl StreamReport {
    /// Second submissions across chunks: a key first seen in this chunk and again in
    /// the next is a duplicate there, as on one thread.
    fn merge_duplicates(&mut self, mut theirs: Vec<Duplicate>, first_of: HashMap<String, usize>) {
        for d in &mut theirs {
            if let Some(&first) = self.first_of.get(&d.key) {
                d.first_row = first;
            }
        }
        for (key, row) in first_of {
            match self.first_of.get(&key) {
                Some(&first_row) => theirs.push(Duplicate {
                    row,
                    first_row,
                    key,
                    kept: true,
                }),
                None => {
                    self.first_of.insert(key, row);
                }
            }
        }
        self.duplicates.extend(theirs);
        self.duplicates.sort_by_key(|d| (d.first_row, d.row));
    }
}

/// The tolerated spellings of the whole import, from how often each entry was read.
pub(crate) fn coercions(q: &Questionnaire, dictionaries: &[Dictionary]) -> Vec<Coercion> {
    let mut counts: HashMap<(usize, String, String), usize> = HashMap::new();
    for (qi, d) in dictionaries.iter().enumerate() {
        for (pairs, &seen) in d.coerced.iter().zip(&d.seen) {
            for (from, to) in pairs {
                *counts.entry((qi, from.clone(), to.clone())).or_default() += seen;
            }
        }
    }
    let mut coercions: Vec<Coercion> = counts
        .into_iter()
        .map(|((qi, from, to), count)| Coercion {
            question: q.questions[qi].id.clone(),
            from,
            to,
            count,
        })
        .collect();
    coercions.sort_by(|a, b| (&a.question, &a.from, &a.to).cmp(&(&b.question, &b.from, &b.to)));
    coercions
}

#[cfg(test)]
mod tests;
