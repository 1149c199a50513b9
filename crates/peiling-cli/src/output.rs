//! The one safe writer: every file and folder peiling writes goes through here. Output
//! paths are checked before anything is written; regular files are replaced through a
//! temporary sibling and a rename, devices and pipes (`/dev/null`, a FIFO) are written
//! straight into and never renamed over, a report folder is swapped in as a whole, and
//! every failure is one plain line (exit 2 when it is the user's path or disk).

use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use anyhow::Result;

mod problem;
mod temps;

use problem::{fail, from_io, Problem};
use temps::{forget_temp, make_temp, remove_any, temps};

/// The list of files in a folder peiling wrote; the next run replaces that folder only
/// when it holds nothing else.
pub const MANIFEST: &str = ".peiling-manifest";

/// Whether a file holds personal data: then it and its temporary file are created
/// readable by the owner only (0600).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Privacy {
    Public,
    Personal,
}

/// How a checked file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum How {
    /// A new file: temporary sibling, then a rename.
    Create,
    /// An existing regular file: temporary sibling with its permissions, then a rename.
    Replace { mode: u32 },
    /// A device or a pipe: opened and written into, never created or renamed over.
    Straight,
}

/// A file output whose path was checked; nothing is written until [`FileOut::stage`].
#[derive(Debug)]
pub struct FileOut {
    /// The path as the user gave it, for messages.
    shown: PathBuf,
    /// Where it goes: the absolute path, a link resolved to its target.
    real: PathBuf,
    how: How,
    privacy: Privacy,
}

/// A folder output (a report, a plan) whose path was checked.
#[derive(Debug)]
pub struct FolderOut {
    shown: PathBuf,
    real: PathBuf,
    exists: bool,
    /// The command that writes it (`report`, `plan`), recorded in the manifest.
    command: &'static str,
    /// Personal: the folder is created 0700 and its files 0600.
    privacy: Privacy,
}

/// The folder a path lies in (`.` for a bare name).
fn parent_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn absolute(shown: &Path) -> Result<PathBuf> {
    std::path::absolute(shown).map_err(|e| fail(shown, Problem::Io(e)))
}

/// `path` made absolute with its existing part's links resolved.
fn resolved(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let parts: Vec<Component> = abs.components().collect();
    // The longest part that exists, with its links resolved; the rest as written.
    for cut in (1..=parts.len()).rev() {
        let head: PathBuf = parts[..cut].iter().collect();
        if let Ok(mut real) = fs::canonicalize(&head) {
            for part in &parts[cut..] {
                match part {
                    Component::ParentDir => {
                        real.pop();
                    }
                    Component::Normal(name) => real.push(name),
                    _ => {}
                }
            }
            return real;
        }
    }
    abs
}

/// Devices and the kernel's files: written into as they are, never created or replaced.
fn is_system(abs: &Path) -> bool {
    (abs.starts_with("/dev") && !abs.starts_with("/dev/shm")) || abs.starts_with("/proc")
}

/// A folder's permission bits say read-only: respected even when running as root.
fn read_only_bits(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o222 == 0
}

/// Can peiling create and rename files in `dir` (an existing folder)?
fn writable_dir(dir: &Path, meta: &fs::Metadata) -> Result<(), Problem> {
    use rustix::fs::{access, Access};
    use rustix::io::Errno;
    if read_only_bits(meta) {
        return Err(Problem::ReadOnlyFolder(dir.to_path_buf()));
    }
    match access(dir, Access::WRITE_OK | Access::EXEC_OK) {
        Ok(()) => Ok(()),
        Err(Errno::ROFS) => Err(Problem::ReadOnlyDisk(dir.to_path_buf())),
        Err(Errno::ACCESS | Errno::PERM) => Err(Problem::NoPermission(dir.to_path_buf())),
        Err(e) => Err(Problem::Io(e.into())),
    }
}

/// Metadata of `path` with a link followed; a link to nothing is a problem.
fn follow(path: &Path) -> Result<fs::Metadata, Problem> {
    fs::metadata(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => Problem::Dangling {
            link: path.to_path_buf(),
            target: fs::read_link(path).unwrap_or_default(),
        },
        _ => from_io(e, parent_of(path)),
    })
}

/// The path does not exist (or a file stands where a folder on the way should be).
fn missing(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
    )
}

/// A path that does not exist yet: its nearest existing folder must take new files.
fn check_new(abs: &Path) -> Result<(), Problem> {
    let mut dir = abs.parent();
    while let Some(d) = dir {
        match fs::symlink_metadata(d) {
            Ok(_) => {
                let meta = follow(d)?;
                if !meta.is_dir() {
                    return Err(Problem::NotFolder(d.to_path_buf()));
                }
                return writable_dir(d, &meta);
            }
            Err(e) if missing(&e) => dir = d.parent(),
            Err(e) => return Err(from_io(e, d)),
        }
    }
    Ok(())
}

/// Checks that `path` can be written as a file, without writing anything.
pub fn file(path: &Path, privacy: Privacy) -> Result<FileOut> {
    let abs = absolute(path)?;
    let (how, real) = classify_file(&abs).map_err(|p| fail(path, p))?;
    Ok(FileOut {
        shown: path.to_path_buf(),
        real,
        how,
        privacy,
    })
}

fn classify_file(abs: &Path) -> Result<(How, PathBuf), Problem> {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    if is_system(abs) {
        return match fs::metadata(abs) {
            Ok(m) if m.is_dir() => Err(Problem::IsFolder),
            Ok(m) if m.file_type().is_block_device() => Err(Problem::BlockDevice),
            Ok(_) => Ok((How::Straight, abs.to_path_buf())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Err(Problem::NoSuchDevice),
            Err(e) => Err(from_io(e, parent_of(abs))),
        };
    }
    let link = match fs::symlink_metadata(abs) {
        Ok(m) => m,
        Err(e) if missing(&e) => {
            check_new(abs)?;
            return Ok((How::Create, abs.to_path_buf()));
        }
        Err(e) => return Err(from_io(e, parent_of(abs))),
    };
    let (meta, real) = if link.file_type().is_symlink() {
        let meta = follow(abs)?;
        let real = fs::canonicalize(abs).map_err(|e| from_io(e, parent_of(abs)))?;
        (meta, real)
    } else {
        (link, abs.to_path_buf())
    };
    let kind = meta.file_type();
    if kind.is_dir() {
        Err(Problem::IsFolder)
    } else if kind.is_file() {
        if read_only_bits(&meta) {
            return Err(Problem::ReadOnlyFile);
        }
        let dir = parent_of(&real);
        writable_dir(dir, &fs::metadata(dir).map_err(|e| from_io(e, dir))?)?;
        let mode = meta.permissions().mode() & 0o7777;
        Ok((How::Replace { mode }, real))
    } else if kind.is_block_device() {
        Err(Problem::BlockDevice)
    } else if kind.is_socket() {
        Err(Problem::Socket)
    } else {
        // A character device or a FIFO, reached through the path as given.
        Ok((How::Straight, abs.to_path_buf()))
    }
}

/// Checks that `path` can be written as a folder of `command`'s files: a new folder, an
/// empty one, or one that an earlier run of the same command wrote and that holds
/// nothing else.
pub fn folder(path: &Path, command: &'static str) -> Result<FolderOut> {
    folder_of(path, command, Privacy::Public)
}

/// As [`folder`], for a folder of personal data (certificates): the folder is created
/// readable by the owner only (0700) and every file in it 0600.
pub fn personal_folder(path: &Path, command: &'static str) -> Result<FolderOut> {
    folder_of(path, command, Privacy::Personal)
}

fn folder_of(path: &Path, command: &'static str, privacy: Privacy) -> Result<FolderOut> {
    let abs = absolute(path)?;
    let (real, exists) = classify_folder(&abs, command).map_err(|p| fail(path, p))?;
    Ok(FolderOut {
        shown: path.to_path_buf(),
        real,
        exists,
        command,
        privacy,
    })
}

fn classify_folder(abs: &Path, command: &str) -> Result<(PathBuf, bool), Problem> {
    if is_system(abs) {
        return Err(Problem::FolderOnDevice);
    }
    match fs::symlink_metadata(abs) {
        Err(e) if missing(&e) => {
            check_new(abs)?;
            return Ok((resolved(abs), false));
        }
        Err(e) => return Err(from_io(e, parent_of(abs))),
        Ok(_) => {}
    }
    let meta = follow(abs)?;
    if !meta.is_dir() {
        return Err(Problem::IsFile);
    }
    let real = fs::canonicalize(abs).map_err(|e| from_io(e, parent_of(abs)))?;
    // Swapped away, the folder you are in would be left as a deleted one.
    if std::env::current_dir().is_ok_and(|here| here.starts_with(&real)) {
        return Err(Problem::HoldsWorkingFolder);
    }
    ours(&real, command)?;
    let parent = real
        .parent()
        .ok_or_else(|| Problem::NotOurs(real.display().to_string()))?;
    // The new folder is made beside the old one and swapped in; the old one is removed.
    writable_dir(
        parent,
        &fs::metadata(parent).map_err(|e| from_io(e, parent))?,
    )?;
    writable_dir(&real, &meta)?;
    Ok((real, true))
}

/// The folder is empty, or `command` wrote it and it holds only what the manifest lists.
fn ours(dir: &Path, command: &str) -> Result<(), Problem> {
    let listed: Option<Vec<String>> = match fs::read_to_string(dir.join(MANIFEST)) {
        Ok(text) => {
            let mut lines = text.lines();
            let written_by = lines
                .next()
                .and_then(|l| l.strip_prefix("# peiling "))
                .and_then(|l| l.split(':').next())
                .unwrap_or_default();
            if written_by != command {
                return Err(Problem::OtherCommand(written_by.to_string()));
            }
            Some(lines.map(str::to_string).collect())
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(from_io(e, dir)),
    };
    let listed = listed.unwrap_or_default();
    match foreign(dir, dir, &listed).map_err(|e| from_io(e, dir))? {
        Some(example) => Err(Problem::NotOurs(example)),
        None => Ok(()),
    }
}

/// The first entry under `dir` that is neither listed nor the manifest (empty folders
/// hold nothing to lose).
fn foreign(root: &Path, dir: &Path, listed: &[String]) -> io::Result<Option<String>> {
    let mut entries: Vec<_> = fs::read_dir(dir)?.collect::<io::Result<_>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let rel = relative(root, &path);
        if entry.file_type()?.is_dir() {
            if let Some(found) = foreign(root, &path, listed)? {
                return Ok(Some(found));
            }
        } else if rel != MANIFEST && !listed.contains(&rel) {
            return Ok(Some(rel));
        }
    }
    Ok(None)
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Output made ready but not yet in place; dropped uncommitted, it leaves nothing.
#[must_use]
#[derive(Debug)]
pub struct Staged(Option<Item>);

#[derive(Debug)]
enum Item {
    /// A device or pipe: written at commit, before any rename.
    Straight {
        shown: PathBuf,
        real: PathBuf,
        bytes: Vec<u8>,
    },
    /// Already written (a device streamed into).
    Done,
    File {
        shown: PathBuf,
        tmp: PathBuf,
        real: PathBuf,
    },
    Folder {
        shown: PathBuf,
        tmp: PathBuf,
        real: PathBuf,
        exists: bool,
    },
}

impl Drop for Staged {
    fn drop(&mut self) {
        if let Some(Item::File { tmp, .. } | Item::Folder { tmp, .. }) = &self.0 {
            let mut list = temps();
            remove_any(tmp);
            forget_temp(&mut list, tmp);
        }
    }
}

fn create_file(tmp: &Path, privacy: Privacy) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    if privacy == Privacy::Personal {
        options.mode(0o600);
    }
    options.open(tmp)
}

/// A file inside a staged folder: 0600 when personal.
fn folder_file(path: &Path, privacy: Privacy) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    if privacy == Privacy::Personal {
        options.mode(0o600);
    }
    options.open(path)
}

impl FileOut {
    /// The path as the user gave it.
    pub fn path(&self) -> &Path {
        &self.shown
    }

    /// Whether writing replaces an existing regular file.
    pub fn replaces_a_file(&self) -> bool {
        matches!(self.how, How::Replace { .. })
    }

    /// The error for a failed write of this file.
    pub fn error(&self, e: io::Error) -> anyhow::Error {
        fail(&self.shown, from_io(e, parent_of(&self.real)))
    }

    /// Opens the file to stream into: the temporary sibling, or the device itself.
    pub fn open(&self) -> Result<(fs::File, Staged)> {
        if self.how == How::Straight {
            let file = fs::OpenOptions::new()
                .write(true)
                .open(&self.real)
                .map_err(|e| self.error(e))?;
            return Ok((file, Staged(Some(Item::Done))));
        }
        let dir = parent_of(&self.real);
        fs::create_dir_all(dir).map_err(|e| self.error(e))?;
        let mut file = None;
        let tmp = make_temp(&self.real, |tmp| {
            file = Some(create_file(tmp, self.privacy)?);
            Ok(())
        })
        .map_err(|(e, dir)| fail(&self.shown, from_io(e, &dir)))?;
        let staged = Staged(Some(Item::File {
            shown: self.shown.clone(),
            tmp: tmp.clone(),
            real: self.real.clone(),
        }));
        let file = file.ok_or_else(|| anyhow::anyhow!("temporary file not opened"))?;
        if let (How::Replace { mode }, Privacy::Public) = (self.how, self.privacy) {
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(fs::Permissions::from_mode(mode))
                .map_err(|e| self.error(e))?;
        }
        Ok((file, staged))
    }

    /// Makes `bytes` ready to be put in place by [`commit`].
    pub fn stage(&self, bytes: &[u8]) -> Result<Staged> {
        if self.how == How::Straight {
            return Ok(Staged(Some(Item::Straight {
                shown: self.shown.clone(),
                real: self.real.clone(),
                bytes: bytes.to_vec(),
            })));
        }
        let (mut file, staged) = self.open()?;
        file.write_all(bytes)
            .and_then(|()| file.sync_all())
            .map_err(|e| self.error(e))?;
        Ok(staged)
    }

    /// Writes `bytes` and puts the file in place.
    pub fn write(&self, bytes: &[u8]) -> Result<()> {
        commit(vec![self.stage(bytes)?])
    }
}

impl FolderOut {
    /// Whether `path` (a file output) lies inside this folder.
    pub fn contains(&self, path: &Path) -> bool {
        resolved(path).starts_with(&self.real)
    }

    /// Writes `files` (paths relative to the folder) and a manifest into a temporary
    /// sibling folder, to be swapped into place by [`commit`].
    pub fn stage<'a>(
        &self,
        files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    ) -> Result<Staged> {
        let err = |e: io::Error, dir: &Path| fail(&self.shown, from_io(e, dir));
        let parent = parent_of(&self.real);
        fs::create_dir_all(parent).map_err(|e| err(e, parent))?;
        let personal = self.privacy == Privacy::Personal;
        let tmp = make_temp(&self.real, |tmp| {
            use std::os::unix::fs::DirBuilderExt;
            let mut builder = fs::DirBuilder::new();
            if personal {
                builder.mode(0o700);
            }
            builder.create(tmp)
        })
        .map_err(|(e, dir)| err(e, &dir))?;
        let staged = Staged(Some(Item::Folder {
            shown: self.shown.clone(),
            tmp: tmp.clone(),
            real: self.real.clone(),
            exists: self.exists,
        }));
        if self.exists && !personal {
            if let Ok(meta) = fs::metadata(&self.real) {
                fs::set_permissions(&tmp, meta.permissions()).map_err(|e| err(e, parent))?;
            }
        }
        let mut names: Vec<String> = Vec::new();
        for (name, bytes) in files {
            let rel = Path::new(name);
            if name == MANIFEST || !rel.components().all(|c| matches!(c, Component::Normal(_))) {
                return Err(anyhow::anyhow!(
                    "{name}: not a file name inside the output folder (a bug in peiling)"
                ));
            }
            let target = tmp.join(rel);
            let dir = parent_of(&target);
            fs::create_dir_all(dir).map_err(|e| err(e, parent))?;
            let mut file = folder_file(&target, self.privacy).map_err(|e| err(e, parent))?;
            file.write_all(bytes)
                .and_then(|()| file.sync_all())
                .map_err(|e| err(e, parent))?;
            names.push(name.to_string());
        }
        names.sort();
        let mut manifest = format!(
            "# peiling {}: the files peiling wrote here; its next run replaces this folder as a whole\n",
            self.command
        );
        for n in &names {
            manifest.push_str(n);
            manifest.push('\n');
        }
        folder_file(&tmp.join(MANIFEST), self.privacy)
            .and_then(|mut f| f.write_all(manifest.as_bytes()))
            .map_err(|e| err(e, parent))?;
        Ok(staged)
    }
}

/// Puts staged output in place: devices and pipes are written first, then the renames
/// follow, so a failed write leaves every earlier file as it was.
pub fn commit(mut staged: Vec<Staged>) -> Result<()> {
    for s in &mut staged {
        if let Some(Item::Straight { shown, real, bytes }) = &s.0 {
            write_straight(real, bytes).map_err(|e| fail(shown, from_io(e, parent_of(real))))?;
            s.0 = Some(Item::Done);
        }
    }
    let mut list = temps();
    let mut result = Ok(());
    for s in &mut staged {
        let (shown, tmp, real, put) = match s.0.take() {
            Some(Item::File { shown, tmp, real }) => {
                let put = fs::rename(&tmp, &real);
                (shown, tmp, real, put)
            }
            Some(Item::Folder {
                shown,
                tmp,
                real,
                exists,
            }) => {
                let put = swap(&tmp, &real, exists);
                (shown, tmp, real, put)
            }
            Some(Item::Straight { .. } | Item::Done) | None => continue,
        };
        // After a swap the temporary name holds the old folder; after a failure, the
        // new output.
        remove_any(&tmp);
        forget_temp(&mut list, &tmp);
        if let Err(e) = put {
            result = Err(fail(&shown, from_io(e, parent_of(&real))));
            break;
        }
    }
    // Released before the staged output that is left is dropped (which takes the lock).
    drop(list);
    drop(staged);
    result
}

fn write_straight(real: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = fs::OpenOptions::new().write(true).open(real)?;
    file.write_all(bytes)?;
    file.flush()
}

/// Puts the folder `tmp` at `real`; an existing `real` ends up at `tmp`.
fn swap(tmp: &Path, real: &Path, exists: bool) -> io::Result<()> {
    if !exists {
        return fs::rename(tmp, real);
    }
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    match renameat_with(CWD, tmp, CWD, real, RenameFlags::EXCHANGE) {
        Ok(()) => return Ok(()),
        Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS | rustix::io::Errno::NOTSUP) => {}
        Err(e) => return Err(e.into()),
    }
    // No atomic exchange on this file system: two renames, undone if the second fails.
    let old = parent_of(real).join(format!(
        ".{}.peiling-old-{}",
        real.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    fs::rename(real, &old)?;
    if let Err(e) = fs::rename(tmp, real) {
        let _ = fs::rename(&old, real);
        return Err(e);
    }
    fs::rename(&old, tmp)
}
