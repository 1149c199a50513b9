//! One export on several cores: the CSV is split at record boundaries
//! ([`peiling_survey::import::split`]), each chunk streamed into its own
//! [`PartAccumulator`], and the accumulators merged in file order into exactly what one
//! accumulator would have counted. The library has no threads of its own: the caller
//! hands a [`Runner`] that runs the chunks' jobs (the CLI: one thread each).

use std::io::{Read, Seek, SeekFrom};

use peiling_survey::import::merge::IdMap;
use peiling_survey::import::split::{split_bytes, split_reader, Split};
use peiling_survey::import::stream::{stream_csv_dropping, Dictionary, StreamReport};
use peiling_survey::import::Drops;
use peiling_survey::{DataSource, DuplicatePolicy, ImportOptions, PlannedPart};

use crate::stream::{analyze_part, PartAccumulator};
use crate::{AnalysisError, AnalysisOptions, PartSummary};

/// Runs jobs, possibly at the same time, and returns when all have run.
pub trait Runner: Sync {
    fn run<'a>(&self, jobs: Vec<Box<dyn FnOnce() + Send + 'a>>);
}

/// Runs the jobs one after another.
pub struct OneByOne;

impl Runner for OneByOne {
    fn run<'a>(&self, jobs: Vec<Box<dyn FnOnce() + Send + 'a>>) {
        for job in jobs {
            job();
        }
    }
}

/// How many chunks to cut an export into, and what runs them.
#[derive(Clone, Copy)]
pub struct Threads<'r> {
    pub count: usize,
    pub runner: &'r dyn Runner,
}

impl Threads<'static> {
    /// One chunk: the export is read as a whole.
    pub fn one() -> Self {
        Threads {
            count: 1,
            runner: &OneByOne,
        }
    }
}

impl PartAccumulator<'_> {
    /// Adds `other`, the accumulator of the next chunk of the same export: `map` turns
    /// its dictionary ids into those of the merged dictionaries `dicts` (see
    /// [`StreamReport::merge`]). Respondents of `other` come after those counted here.
    pub fn merge(&mut self, other: PartAccumulator<'_>, map: &IdMap, dicts: &[Dictionary]) {
        self.grow(dicts);
        let offset = self.respondents;
        for (qi, ids) in map.iter().enumerate() {
            for (old, &n) in other.counts[qi].iter().enumerate() {
                if n == 0 {
                    continue;
                }
                let new = ids[old] as usize;
                self.counts[qi][new] += n;
                if self.first_seen[qi][new] == usize::MAX {
                    self.first_seen[qi][new] = offset + other.first_seen[qi][old];
                }
            }
            self.base[qi] += other.base[qi];
            if let (Some(mine), Some(theirs)) = (&mut self.ordered[qi], &other.ordered[qi]) {
                mine.extend(theirs.iter().map(|&id| ids[id as usize]));
            }
            if let (Some(mine), Some(theirs)) = (&mut self.crosstabs[qi], &other.crosstabs[qi]) {
                for (row, add) in mine.iter_mut().zip(theirs) {
                    for (cell, n) in row.iter_mut().zip(add) {
                        *cell += n;
                    }
                }
            }
        }
        for (mine, n) in self
            .theme_respondents
            .iter_mut()
            .zip(&other.theme_respondents)
        {
            *mine += n;
        }
        for (g, h) in self.reliability.iter_mut().zip(&other.reliability) {
            g.n += h.n;
            for (a, b) in g.sum.iter_mut().zip(&h.sum) {
                *a += b;
            }
            for (a, b) in g.sumsq.iter_mut().zip(&h.sumsq) {
                *a += b;
            }
            g.total += h.total;
            g.totalsq += h.totalsq;
        }
        self.respondents += other.respondents;
    }
}

/// One part as [`analyze_part`] does it, with a CSV export cut into `threads.count`
/// chunks run by `threads.runner`. Whatever cannot be cut (XLSX, a pipe, options that
/// the stream refuses, an export with an import error) is read whole, which gives the
/// canonical answer or error.
pub fn analyze_part_on(
    part: &PlannedPart,
    import: &ImportOptions,
    opts: Option<&AnalysisOptions>,
    threads: Threads<'_>,
    progress: &mut dyn FnMut(u64),
) -> Result<Option<Option<PartSummary>>, AnalysisError> {
    let whole = |progress: &mut dyn FnMut(u64)| analyze_part(part, import, opts, progress);
    let Some(opts) = opts.filter(|_| threads.count > 1) else {
        return whole(progress);
    };
    let q = &part.questionnaire;
    let accumulators: Vec<PartAccumulator<'_>> = match (0..threads.count)
        .map(|_| PartAccumulator::new(q, opts))
        .collect()
    {
        Ok(accs) => accs,
        Err(_) => return whole(progress),
    };
    let (split, len) = match &part.data {
        DataSource::File(path) => match peiling_survey::files::open(path) {
            Ok((f, len)) => (
                split_reader(f, len, import.table.delimiter, threads.count),
                len,
            ),
            Err(_) => return whole(progress),
        },
        DataSource::Memory(bytes) => (
            split_bytes(bytes, import.table.delimiter, threads.count),
            bytes.len() as u64,
        ),
    };
    let Some(split) = split.filter(|s| s.chunks.len() > 1) else {
        return whole(progress);
    };
    let mut chunk_import = import.clone();
    chunk_import.table.delimiter = Some(split.delimiter);
    // Second submissions that the policy drops: found by a first pass over the chunks.
    let drops = match chunk_import.duplicates {
        DuplicatePolicy::KeepAll => Drops::none(),
        policy => {
            let first = chunk_import.first_pass();
            let mut results: Vec<Option<StreamReport>> =
                split.chunks.iter().map(|_| None).collect();
            let jobs = results
                .iter_mut()
                .enumerate()
                .map(|(i, slot)| {
                    let (split, first) = (&split, &first);
                    Box::new(move || {
                        *slot = chunk(part, split, i, first, &Drops::none(), &mut |_, _| {});
                    }) as Box<dyn FnOnce() + Send + '_>
                })
                .collect();
            threads.runner.run(jobs);
            let Some(report) = merged(q, &split, results, |_, _| {}) else {
                return whole(progress);
            };
            Drops::decide(&report.duplicates, policy)
        }
    };
    let mut results: Vec<Option<(PartAccumulator<'_>, StreamReport)>> =
        split.chunks.iter().map(|_| None).collect();
    let jobs = results
        .iter_mut()
        .zip(accumulators)
        .enumerate()
        .map(|(i, (slot, mut acc))| {
            let (split, chunk_import) = (&split, &chunk_import);
            let drops = drops.for_chunk(split.line_offset(i));
            Box::new(move || {
                let report = chunk(part, split, i, chunk_import, &drops, &mut |ids, dicts| {
                    acc.row(ids, dicts)
                });
                *slot = report.map(|r| (acc, r));
            }) as Box<dyn FnOnce() + Send + '_>
        })
        .collect();
    threads.runner.run(jobs);
    let (mut accs, reports): (Vec<_>, Vec<_>) = results
        .into_iter()
        .map(|r| match r {
            Some((acc, report)) => (Some(acc), Some(report)),
            None => (None, None),
        })
        .unzip();
    let mut accs = accs.drain(..);
    let mut acc = accs.next().flatten();
    let Some(report) = merged(q, &split, reports, |map, dicts| {
        if let (Some(acc), Some(Some(next))) = (&mut acc, accs.next()) {
            acc.merge(next, map, dicts);
        }
    }) else {
        return whole(progress);
    };
    let Some(acc) = acc else {
        return whole(progress);
    };
    progress(len);
    crate::stream::strict(&report, import)?;
    Ok(Some(Some(acc.finish(part, &report, opts))))
}

/// The chunks' reports merged in file order into the whole export's; `then` gets each
/// later chunk's id map and the merged dictionaries. `None` when a chunk gave up.
fn merged(
    q: &peiling_survey::Questionnaire,
    split: &Split,
    reports: Vec<Option<StreamReport>>,
    mut then: impl FnMut(&IdMap, &[Dictionary]),
) -> Option<StreamReport> {
    if reports.iter().any(Option::is_none) {
        return None;
    }
    let mut reports = reports.into_iter().flatten().enumerate();
    let (_, mut report) = reports.next()?;
    for (i, mut next) in reports {
        next.behind_header(split.header_lines());
        next.shift_rows(split.line_offset(i));
        let map = report.merge(q, next);
        then(&map, &report.dictionaries);
    }
    report.text_complete().then_some(report)
}

/// Streams chunk `i` of the part's export, leaving out the rows `drops` names, into
/// `sink`; `None` when the stream gives up.
fn chunk(
    part: &PlannedPart,
    split: &Split,
    i: usize,
    import: &ImportOptions,
    drops: &Drops,
    sink: &mut dyn FnMut(&[u32], &[Dictionary]),
) -> Option<StreamReport> {
    let c = &split.chunks[i];
    let q = &part.questionnaire;
    match &part.data {
        DataSource::File(path) => {
            let mut f = std::fs::File::open(path).ok()?;
            f.seek(SeekFrom::Start(c.start)).ok()?;
            let body = f.take(c.end - c.start);
            let reader = split.reader(i, body);
            stream_csv_dropping(q, &part.file, reader, import, drops, &mut |_| {}, sink)
        }
        DataSource::Memory(bytes) => {
            let body = bytes.get(c.start as usize..c.end as usize)?;
            let reader = split.reader(i, body);
            stream_csv_dropping(q, &part.file, reader, import, drops, &mut |_| {}, sink)
        }
    }
}

#[cfg(test)]
mod tests;
