//! Splits a CSV export at record boundaries into chunks that can be read side by side
//! (one reader per core), each with the line its first byte is on, so that every row
//! keeps the number it has when the file is read as a whole.
//!
//! Quotes are respected as the csv crate reads them: a quote opens a field only at its
//! start, inside it `""` is a quote, and separators and line ends are text. A chunk
//! always starts right after a line end outside quotes. Every chunk but the first is
//! read behind a copy of the header record ([`Split::header`]), and its row numbers are
//! moved on by [`Split::line_offset`].

use std::io::Read;

use super::table::{detect_delimiter, MAX_ROW_BYTES};

/// The bytes the streamed import guesses the separator from: its first block.
const FIRST_BLOCK: usize = 4 << 20;
/// The file is scanned in reads of this size.
const READ: usize = 1 << 20;

/// One part of the file: bytes `start..end`; `line` is the line (counted from 1, as an
/// editor counts them) that byte `start` is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    pub start: u64,
    pub end: u64,
    pub line: usize,
}

/// A CSV export cut into chunks.
#[derive(Debug, Clone)]
pub struct Split {
    /// The first record (the header) as the file holds it, with its byte order mark and
    /// line end: put before every chunk but the first.
    pub header: Vec<u8>,
    /// The separator the whole file is read with.
    pub delimiter: u8,
    /// In file order, covering the whole file; the first starts at 0, with the header.
    pub chunks: Vec<Chunk>,
}

impl Split {
    /// What to add to a row number read from chunk `i` (behind the header for `i > 0`)
    /// to get its row in the whole file.
    pub fn line_offset(&self, i: usize) -> usize {
        if i == 0 {
            return 0;
        }
        self.chunks[i].line - 1 - self.header_lines()
    }

    /// The lines of the header record put in front of every chunk but the first.
    pub fn header_lines(&self) -> usize {
        count_lines(&self.header)
    }

    /// What to read for chunk `i`, given the reader of its bytes: the header first,
    /// except for the first chunk (which starts with it).
    pub fn reader<'a, R: Read + 'a>(&'a self, i: usize, body: R) -> impl Read + 'a {
        let header: &[u8] = if i == 0 { &[] } else { &self.header };
        header.chain(body)
    }
}

/// Splits `bytes` into at most `n` chunks of about equal size. `None` when the export
/// cannot be split (UTF-16 text, no line end after its header, a header that does
/// not start on the first line): read it on one reader. A file in Windows-1252, or
/// UTF-8 with some lines that are not, is cut as it is: its line ends and quotes are
/// the same bytes, and each chunk decodes its own lines.
pub fn split_bytes(bytes: &[u8], delimiter: Option<u8>, n: usize) -> Option<Split> {
    split_reader(bytes, bytes.len() as u64, delimiter, n)
}

/// [`split_bytes`] for an export of `len` bytes read from `reader` (only as far as the
/// last cut: the rest is not read).
pub fn split_reader<R: Read>(
    mut reader: R,
    len: u64,
    delimiter: Option<u8>,
    n: usize,
) -> Option<Split> {
    let mut first = Vec::new();
    (&mut reader)
        .take(FIRST_BLOCK as u64)
        .read_to_end(&mut first)
        .ok()?;
    let bom = if first.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let body = &first[bom..];
    if first.starts_with(b"PK\x03\x04")
        || first.starts_with(b"\xFF\xFE")
        || first.starts_with(b"\xFE\xFF")
        || matches!(body.first(), None | Some(b'\r' | b'\n'))
        || body.contains(&0)
    {
        return None;
    }
    let delimiter = match delimiter {
        Some(d) => d,
        None => {
            // As the streamed import guesses it: from the first line (a line that is not
            // UTF-8 is Windows-1252 there; only the separators and quotes count).
            detect_delimiter(&String::from_utf8_lossy(body))
        }
    };
    let mut cuts = Cuts::new(delimiter, len, n.max(1));
    cuts.scan(&first);
    let mut buf = vec![0u8; READ];
    while !cuts.done() && cuts.offset < len {
        let got = reader.read(&mut buf).ok()?;
        if got == 0 {
            break;
        }
        cuts.scan(&buf[..got]);
    }
    let header_end = cuts.header_end?;
    if header_end as usize > MAX_ROW_BYTES || header_end as usize > first.len() {
        return None;
    }
    let mut chunks: Vec<Chunk> = Vec::with_capacity(cuts.found.len() + 1);
    let mut start = (0u64, 1usize);
    for &(at, line) in &cuts.found {
        chunks.push(Chunk {
            start: start.0,
            end: at,
            line: start.1,
        });
        start = (at, line);
    }
    chunks.push(Chunk {
        start: start.0,
        end: len.max(start.0),
        line: start.1,
    });
    Some(Split {
        header: first[..header_end as usize].to_vec(),
        delimiter,
        chunks,
    })
}

/// Finds the cuts: the first record end at or after each of the targets `k * len / n`.
struct Cuts {
    delimiter: u8,
    in_quotes: bool,
    /// Inside quotes, the last byte was a quote: `""` or the closing one.
    quote_pending: bool,
    at_field_start: bool,
    /// Line ends so far, and the offset of the next byte.
    lines: usize,
    offset: u64,
    header_end: Option<u64>,
    len: u64,
    targets: Vec<u64>,
    /// (offset, line) of each cut.
    found: Vec<(u64, usize)>,
}

impl Cuts {
    fn new(delimiter: u8, len: u64, n: usize) -> Cuts {
        Cuts {
            delimiter,
            in_quotes: false,
            quote_pending: false,
            at_field_start: true,
            lines: 0,
            offset: 0,
            header_end: None,
            len,
            // Largest first: the next target is popped off the end.
            targets: (1..n as u64).rev().map(|k| k * len / n as u64).collect(),
            found: Vec::new(),
        }
    }

    fn done(&self) -> bool {
        self.header_end.is_some() && self.targets.is_empty()
    }

    /// A record ended with the line end before `at`.
    fn record_end(&mut self, at: u64) {
        if self.header_end.is_none() {
            self.header_end = Some(at);
            return;
        }
        let mut cut = false;
        while self.targets.last().is_some_and(|&t| t <= at) {
            self.targets.pop();
            cut = true;
        }
        // A cut at the very end would leave an empty last chunk.
        if cut && at < self.len {
            self.found.push((at, self.lines + 1));
        }
    }

    fn scan(&mut self, block: &[u8]) {
        let mut i = 0;
        while i < block.len() && !self.done() {
            let b = block[i];
            if self.quote_pending {
                self.quote_pending = false;
                if b == b'"' {
                    i += 1; // a doubled quote: still inside
                    continue;
                }
                self.in_quotes = false;
            }
            if self.in_quotes {
                match block[i..].iter().position(|&c| c == b'"') {
                    Some(p) => {
                        self.lines += count_lines(&block[i..i + p]);
                        self.quote_pending = true;
                        i += p + 1;
                    }
                    None => {
                        self.lines += count_lines(&block[i..]);
                        i = block.len();
                    }
                }
                continue;
            }
            match b {
                b'"' if self.at_field_start => {
                    self.in_quotes = true;
                    self.at_field_start = false;
                }
                b'\n' => {
                    self.lines += 1;
                    self.at_field_start = true;
                    self.record_end(self.offset + i as u64 + 1);
                }
                b'\r' => self.at_field_start = true,
                _ if b == self.delimiter => self.at_field_start = true,
                _ => self.at_field_start = false,
            }
            i += 1;
        }
        self.offset += block.len() as u64;
    }
}

fn count_lines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

#[cfg(test)]
mod tests;
