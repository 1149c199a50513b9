//! Dropping second submissions without loading the export: a first streamed pass finds
//! them (the row checker keeps only each respondent's key and first row), the duplicate
//! policy decides which rows go ([`Drops`], the one rule the whole-file import uses
//! too), and the second pass leaves those rows out of the figures: each becomes a
//! rejected row with the same reason, column and fields as in the whole-file import.

use std::collections::HashSet;
use std::io::Read;
use std::sync::Arc;

use crate::response::Duplicate;
use crate::survey::{DataSource, PlannedPart};

use super::stream::{stream_csv_dropping, Dictionary, StreamReport};
use super::{DuplicatePolicy, ImportOptions};

/// The rows of an export that its duplicate policy drops (as rows of the whole file),
/// as seen from a reader whose rows are `offset` lines further up (a chunk of it).
#[derive(Debug, Clone, Default)]
pub struct Drops {
    policy: DuplicatePolicy,
    rows: Arc<HashSet<usize>>,
    offset: usize,
}

impl Drops {
    /// Nothing dropped: every submission is kept.
    pub fn none() -> Drops {
        Drops::default()
    }

    /// What `policy` drops of the second submissions found (each with the row of its
    /// respondent's first): per respondent every row but the first (keep-first) or
    /// the last (keep-last).
    pub fn decide(detected: &[Duplicate], policy: DuplicatePolicy) -> Drops {
        let mut detected: Vec<&Duplicate> = detected.iter().collect();
        detected.sort_by_key(|d| (d.first_row, d.row));
        let mut rows = HashSet::new();
        for group in detected.chunk_by(|a, b| a.first_row == b.first_row) {
            let first = group[0].first_row;
            let keep = match policy {
                DuplicatePolicy::KeepAll => continue,
                DuplicatePolicy::KeepFirst => first,
                DuplicatePolicy::KeepLast => group.last().map_or(first, |d| d.row),
            };
            rows.extend(
                std::iter::once(first)
                    .chain(group.iter().map(|d| d.row))
                    .filter(|&row| row != keep),
            );
        }
        Drops {
            policy,
            rows: Arc::new(rows),
            offset: 0,
        }
    }

    /// The policy these drops were decided under.
    pub fn policy(&self) -> DuplicatePolicy {
        self.policy
    }

    /// The same drops for a reader of a chunk whose rows are `offset` lines up (see
    /// [`super::split::Split::line_offset`]).
    pub fn for_chunk(&self, offset: usize) -> Drops {
        Drops {
            offset,
            ..self.clone()
        }
    }

    /// Does the policy drop the reader's row `line`?
    pub(crate) fn drops(&self, line: usize) -> bool {
        !self.rows.is_empty() && self.rows.contains(&(line + self.offset))
    }

    /// Does the policy drop the whole file's row `row`?
    pub(crate) fn drops_file_row(&self, row: usize) -> bool {
        self.rows.contains(&row)
    }
}

impl ImportOptions {
    /// The options of the first pass: every submission kept (to find them all), and no
    /// strict check (the second pass makes it).
    pub fn first_pass(&self) -> ImportOptions {
        ImportOptions {
            duplicates: DuplicatePolicy::KeepAll,
            strict: false,
            ..self.clone()
        }
    }
}

/// Streams a part's export on one reader (a workbook's sheet from its cells): with a
/// duplicate policy that drops rows, a first pass decides which, then the second hands
/// `row` the rows that stay. `None`: not streamable (as
/// [`super::stream::stream_csv`]). `progress` gets the bytes done, each pass counting
/// for half when there are two.
pub fn stream_part(
    part: &PlannedPart,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(u64),
    row: &mut dyn FnMut(&[u32], &[Dictionary]),
) -> Option<StreamReport> {
    let q = &part.questionnaire;
    let (mut reader, len) = open(&part.data)?;
    // A workbook is read whole (calamine needs all of it) and its sheet streamed.
    let mut magic = Vec::with_capacity(4);
    (&mut reader).take(4).read_to_end(&mut magic).ok()?;
    if magic == b"PK\x03\x04" {
        let read;
        let bytes = match &part.data {
            DataSource::File(path) => {
                read = crate::files::read_export(path).ok()?;
                read.as_slice()
            }
            DataSource::Memory(bytes) => bytes.as_slice(),
        };
        let report = super::xlsx::stream_xlsx(q, &part.file, bytes, opts, row);
        progress(len);
        return report;
    }
    let reader = magic.as_slice().chain(reader);
    if opts.duplicates == DuplicatePolicy::KeepAll {
        return stream_csv_dropping(q, &part.file, reader, opts, &Drops::none(), progress, row);
    }
    let first = stream_csv_dropping(
        q,
        &part.file,
        reader,
        &opts.first_pass(),
        &Drops::none(),
        &mut |n| progress(n / 2),
        &mut |_, _| {},
    )?;
    let drops = Drops::decide(&first.duplicates, opts.duplicates);
    drop(first);
    let (reader, _) = open(&part.data)?;
    stream_csv_dropping(
        q,
        &part.file,
        reader,
        opts,
        &drops,
        &mut |n| progress(len / 2 + n / 2),
        row,
    )
}

/// A reader of the export and its length; `None` for what is not a regular file (the
/// whole-file import words why).
fn open(data: &DataSource) -> Option<(Box<dyn Read + '_>, u64)> {
    match data {
        DataSource::File(path) => {
            let (file, len) = crate::files::open(path).ok()?;
            Some((Box::new(file), len))
        }
        DataSource::Memory(bytes) => Some((Box::new(bytes.as_slice()), bytes.len() as u64)),
    }
}
