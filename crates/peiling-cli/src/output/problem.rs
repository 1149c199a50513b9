//! Why an output path cannot be written, in words for a teacher, and which exit code
//! that is: the user's path or disk (2), or peiling's own failure (1).

use std::io;
use std::path::{Path, PathBuf};

use crate::status::user;

/// Why a path cannot be written, in words for a teacher.
#[derive(Debug)]
pub(super) enum Problem {
    ReadOnlyFolder(PathBuf),
    ReadOnlyFile,
    ReadOnlyDisk(PathBuf),
    NoPermission(PathBuf),
    DiskFull,
    QuotaFull,
    TooLarge,
    NameTooLong,
    IsFolder,
    IsFile,
    NotFolder(PathBuf),
    Dangling {
        link: PathBuf,
        target: PathBuf,
    },
    BlockDevice,
    Socket,
    NoSuchDevice,
    FolderOnDevice,
    HoldsWorkingFolder,
    NotOurs(String),
    OtherCommand(String),
    /// Not the user's doing: exit 1.
    Io(io::Error),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::ReadOnlyFolder(d) => write!(f, "the folder {} is read-only", d.display()),
            Problem::ReadOnlyFile => f.write_str("the file is read-only"),
            Problem::ReadOnlyDisk(d) => {
                write!(f, "the folder {} is on a read-only disk", d.display())
            }
            Problem::NoPermission(d) => write!(
                f,
                "you have no permission to write in the folder {}",
                d.display()
            ),
            Problem::DiskFull => f.write_str("the disk is full"),
            Problem::QuotaFull => f.write_str("your disk quota is used up"),
            Problem::TooLarge => f.write_str("the file is too large for this disk"),
            Problem::NameTooLong => f.write_str("the name is too long"),
            Problem::IsFolder => f.write_str("it is a folder; give the name of a file"),
            Problem::IsFile => f.write_str("it is a file; give the name of a folder"),
            Problem::NotFolder(d) => write!(f, "{} is a file, not a folder", d.display()),
            Problem::Dangling { link, target } => write!(
                f,
                "{} is a link to {}, which does not exist",
                link.display(),
                target.display()
            ),
            Problem::BlockDevice => f.write_str(
                "it is a disk device; peiling writes to files, folders, pipes and devices such as /dev/null",
            ),
            Problem::Socket => f.write_str("it is a socket, not a file"),
            Problem::NoSuchDevice => f.write_str("there is no such device"),
            Problem::FolderOnDevice => f.write_str("it is a device; give the name of a folder"),
            Problem::HoldsWorkingFolder => f.write_str(
                "it is the folder you are working in; give the name of a new folder, such as rapport",
            ),
            Problem::NotOurs(example) => write!(
                f,
                "the folder holds files peiling did not write (such as {example}); choose a new or empty folder"
            ),
            Problem::OtherCommand(command) => write!(
                f,
                "the folder holds the output of peiling {command}; choose another folder"
            ),
            Problem::Io(e) => {
                let text = e.to_string();
                let plain = text.find(" (os error").map_or(&text[..], |i| &text[..i]);
                f.write_str(plain)
            }
        }
    }
}

/// The error for `problem` with `shown`: a user error unless it is peiling's own.
pub(super) fn fail(shown: &Path, problem: Problem) -> anyhow::Error {
    let message = format!("cannot write {}: {problem}", shown.display());
    match problem {
        // A closed pipe stays an io error: the reader went away, which is no failure.
        Problem::Io(e) if e.kind() == io::ErrorKind::BrokenPipe => e.into(),
        Problem::Io(_) => anyhow::anyhow!(message),
        _ => user(message),
    }
}

/// The problem an io error of writing in `dir` stands for.
pub(super) fn from_io(e: io::Error, dir: &Path) -> Problem {
    use rustix::io::Errno;
    match Errno::from_io_error(&e) {
        Some(Errno::NOSPC) => Problem::DiskFull,
        Some(Errno::DQUOT) => Problem::QuotaFull,
        Some(Errno::FBIG) => Problem::TooLarge,
        Some(Errno::ROFS) => Problem::ReadOnlyDisk(dir.to_path_buf()),
        Some(Errno::ACCESS | Errno::PERM) => Problem::NoPermission(dir.to_path_buf()),
        Some(Errno::NAMETOOLONG) => Problem::NameTooLong,
        Some(Errno::ISDIR) => Problem::IsFolder,
        _ => Problem::Io(e),
    }
}
