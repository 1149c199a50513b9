//! One export on several cores: the CSV is split at record boundaries
//! ([`peiling_survey::import::split`]), each chunk streamed into its own
//! [`PartAccumulator`], and the accumulators merged in file order into exactly what one
//! accumulator would have counted. The library has no threads of its own: the caller
//! hands a [`Runner`] that runs the chunks' jobs (the CLI: one thread each).

use std::io::{Read, Seek, SeekFrom};

use peiling_survey::import::merge::IdMap;
use peiling_survey::import::split::{split_bytes, split_reader, Split};
use peiling_survey::import::stream::{stream_csv, supported, Dictionary, StreamReport};
use peiling_survey::{DataSource, ImportOptions, PlannedPart};

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
    let whole = |progress: &mut dyn FnMut(u64)| match &part.data {
        // Not a regular file (a pipe, a device): the whole-file path says so.
        DataSource::File(path) => match peiling_survey::files::open(path) {
            Ok((f, _)) => analyze_part(part, f, import, opts, progress),
            Err(_) => Ok(None),
        },
        DataSource::Memory(bytes) => analyze_part(part, bytes.as_slice(), import, opts, progress),
    };
    let Some(opts) = opts.filter(|_| threads.count > 1 && supported(import)) else {
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
    let mut results: Vec<Option<(PartAccumulator<'_>, StreamReport)>> =
        split.chunks.iter().map(|_| None).collect();
    let jobs = results
        .iter_mut()
        .zip(accumulators)
        .enumerate()
        .map(|(i, (slot, acc))| {
            let (split, chunk_import) = (&split, &chunk_import);
            Box::new(move || *slot = chunk(part, split, i, chunk_import, acc))
                as Box<dyn FnOnce() + Send + '_>
        })
        .collect();
    threads.runner.run(jobs);
    if results.iter().any(Option::is_none) {
        return whole(progress);
    }
    progress(len);
    let mut results = results.into_iter().flatten().enumerate();
    let Some((_, (mut acc, mut report))) = results.next() else {
        return whole(progress);
    };
    for (i, (next, mut next_report)) in results {
        next_report.shift_rows(split.line_offset(i));
        let map = report.merge(q, next_report);
        acc.merge(next, &map, &report.dictionaries);
    }
    Ok(Some(Some(acc.finish(part, &report, opts))))
}

/// Streams chunk `i` of the part's export into `acc`; `None` when the stream gives up.
fn chunk<'q>(
    part: &'q PlannedPart,
    split: &Split,
    i: usize,
    import: &ImportOptions,
    mut acc: PartAccumulator<'q>,
) -> Option<(PartAccumulator<'q>, StreamReport)> {
    let c = &split.chunks[i];
    let q = &part.questionnaire;
    let mut sink = |ids: &[u32], dicts: &[Dictionary]| acc.row(ids, dicts);
    let report = match &part.data {
        DataSource::File(path) => {
            let mut f = std::fs::File::open(path).ok()?;
            f.seek(SeekFrom::Start(c.start)).ok()?;
            let body = f.take(c.end - c.start);
            stream_csv(
                q,
                &part.file,
                split.reader(i, body),
                import,
                &mut |_| {},
                &mut sink,
            )?
        }
        DataSource::Memory(bytes) => {
            let body = bytes.get(c.start as usize..c.end as usize)?;
            stream_csv(
                q,
                &part.file,
                split.reader(i, body),
                import,
                &mut |_| {},
                &mut sink,
            )?
        }
    };
    Some((acc, report))
}

#[cfg(test)]
mod tests;
