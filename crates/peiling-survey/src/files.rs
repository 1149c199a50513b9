//! Reading the files peiling is given, within bounds: regular files only (a device or a
//! pipe can be read forever), at most a documented size, and an export's binary content
//! refused from its first block instead of after reading it all. Every file a command
//! reads (definitions, catalogues, holidays, exports) goes through here.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::SurveyError;

/// Largest definition file read: a questionnaire, a `survey.toml`, a catalogue, a
/// holidays file (1 MiB; the bundled questionnaires are about 12 KB).
pub const MAX_DEFINITION_BYTES: u64 = 1 << 20;

/// Largest export read whole into memory (1 GiB): XLSX, `init`, the contacts list. A
/// CSV that is streamed (UTF-8, UTF-16 or Windows-1252) has no size cap: it is read in
/// blocks, and its memory is bounded by the cap on one row.
pub const MAX_EXPORT_BYTES: u64 = 1 << 30;

/// The first bytes of an export that are looked at for binary data before the rest.
pub(crate) const SNIFF_BYTES: usize = 64 << 10;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{}: cannot read: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: is {what}, expected a regular file (peiling does not read devices, pipes or sockets)", path.display())]
    NotAFile { path: PathBuf, what: &'static str },
    #[error("{}: is {}, expected at most {} for {what}", path.display(), sizes(*.size, *.limit).0, sizes(*.size, *.limit).1)]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
        what: &'static str,
    },
}

/// Opens `path` if it is a regular file. Looked up before opening, since opening a
/// FIFO waits for a writer; looked at again after, in case the file was swapped.
pub fn open(path: &Path) -> Result<(File, u64), FileError> {
    let io = |source| FileError::Io {
        path: path.to_path_buf(),
        source,
    };
    check_kind(path, &std::fs::metadata(path).map_err(io)?)?;
    let file = File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    check_kind(path, &meta)?;
    Ok((file, meta.len()))
}

fn check_kind(path: &Path, meta: &std::fs::Metadata) -> Result<(), FileError> {
    if meta.is_file() {
        return Ok(());
    }
    let kind = meta.file_type();
    let what = if kind.is_dir() {
        "a folder"
    } else {
        special_kind(&kind)
    };
    Err(FileError::NotAFile {
        path: path.to_path_buf(),
        what,
    })
}

#[cfg(unix)]
fn special_kind(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a pipe (FIFO)"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> &'static str {
    "not a regular file"
}

/// Reads `file` whole, refusing it when it holds more than `limit` bytes (also when it
/// grew after it was looked at). `head` sees the first bytes before the rest is read.
fn read_bounded(
    path: &Path,
    limit: u64,
    what: &'static str,
    head: &mut dyn FnMut(&[u8]) -> Result<(), SurveyError>,
) -> Result<Vec<u8>, SurveyError> {
    let (file, size) = open(path)?;
    let too_large = |size| FileError::TooLarge {
        path: path.to_path_buf(),
        size,
        limit,
        what,
    };
    let io = |source| FileError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut reader = file.take(limit + 1);
    let mut bytes = Vec::with_capacity(size.min(SNIFF_BYTES as u64) as usize);
    (&mut reader)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    head(&bytes)?;
    if size > limit {
        return Err(too_large(size).into());
    }
    bytes.reserve(size.saturating_sub(bytes.len() as u64) as usize);
    reader.read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64).into());
    }
    Ok(bytes)
}

/// A definition file (questionnaire, survey, catalogue, holidays), whole.
pub fn read_definition(path: &Path) -> Result<Vec<u8>, FileError> {
    read_bounded(path, MAX_DEFINITION_BYTES, "a definition file", &mut |_| {
        Ok(())
    })
    .map_err(|e| match e {
        SurveyError::File(f) => f,
        other => FileError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::other(other.to_string()),
        },
    })
}

/// An export (CSV or XLSX), whole; binary data in its first block is refused at once.
pub fn read_export(path: &Path) -> Result<Vec<u8>, SurveyError> {
    let name = path.display().to_string();
    read_bounded(
        path,
        MAX_EXPORT_BYTES,
        "an export",
        &mut |head| match crate::import::sniff_binary(&name, head) {
            Some(e) => Err(SurveyError::Import(e)),
            None => Ok(()),
        },
    )
}

/// Two sizes as people read them ("3.0 GiB", "1.0 MiB"), exact when they would read
/// the same.
fn sizes(size: u64, limit: u64) -> (String, String) {
    let (a, b) = (human(size), human(limit));
    if a == b {
        (format!("{size} bytes"), format!("{limit} bytes"))
    } else {
        (a, b)
    }
}

fn human(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 => format!("{:.1} GiB", b as f64 / (1u64 << 30) as f64),
        b if b >= 1 << 20 => format!("{:.1} MiB", b as f64 / (1u64 << 20) as f64),
        b if b >= 1 << 10 => format!("{:.1} KiB", b as f64 / (1u64 << 10) as f64),
        b => format!("{b} bytes"),
    }
}
