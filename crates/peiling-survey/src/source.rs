//! Where a survey's files are read from: a folder on disk, files held in memory by their
//! base names (the web page's dropped files), or the bundled BOS 2020 survey. Every
//! loader reads through [`Source::read`], so a file has the same bounds, checks and
//! messages wherever it comes from.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

use crate::error::{DefinitionError, SurveyError};
use crate::files::{self, FileError};

/// The BOS 2020 survey of Bijlage 2, compiled into the binary so it works anywhere.
pub(crate) static BUNDLED: Dir<'static> =
    include_dir!("$CARGO_MANIFEST_DIR/../../datasets/bos-2020");

/// Files in memory by base name ("wpb.csv", "survey.toml").
pub type MemoryFiles = BTreeMap<String, Vec<u8>>;

/// Where a survey's files are read from.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    /// A folder on disk: names are joined to it (an absolute name stands alone, and an
    /// empty folder leaves a name as it was given).
    Folder(&'a Path),
    /// Files held in memory by base name; messages name them by that name.
    Memory(&'a MemoryFiles),
    /// The bundled BOS 2020 survey ("bos-2020/wpb.csv" in messages).
    Bundled,
}

/// What a file of a survey is, which decides how much of it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A questionnaire, a `survey.toml`: small, read whole.
    Definition,
    /// An export (CSV or XLSX): binary content refused from its first block.
    Export,
}

impl Source<'_> {
    /// The file `name` with the name messages give it, within the bounds of its role.
    pub fn read(&self, name: &Path, role: Role) -> Result<(String, Vec<u8>), SurveyError> {
        match self {
            Source::Folder(dir) => {
                let path = dir.join(name);
                let bytes = match role {
                    Role::Definition => files::read_definition(&path)?,
                    Role::Export => files::read_export(&path)?,
                };
                Ok((path.display().to_string(), bytes))
            }
            Source::Memory(map) => {
                let shown = name.display().to_string();
                let bytes = name
                    .to_str()
                    .and_then(|n| map.get(n))
                    .ok_or_else(|| missing(name, "no file of that name was given"))?;
                check(&shown, bytes, role)?;
                Ok((shown, bytes.clone()))
            }
            Source::Bundled => {
                let bytes = name
                    .to_str()
                    .and_then(|n| BUNDLED.get_file(n))
                    .ok_or_else(|| missing(name, "not in the bundled survey"))?;
                Ok((
                    format!("bos-2020/{}", name.display()),
                    bytes.contents().to_vec(),
                ))
            }
        }
    }

    /// A definition file as UTF-8 text, with the name messages give it.
    pub fn read_text(&self, name: &Path) -> Result<(String, String), SurveyError> {
        let (shown, bytes) = self.read(name, Role::Definition)?;
        let text = text(&shown, bytes)?;
        Ok((shown, text))
    }
}

fn missing(name: &Path, why: &str) -> SurveyError {
    SurveyError::Io {
        path: name.to_path_buf(),
        source: std::io::Error::new(std::io::ErrorKind::NotFound, why.to_string()),
    }
}

/// The bounds [`files`] puts on a file read from disk, for bytes already in memory.
fn check(name: &str, bytes: &[u8], role: Role) -> Result<(), SurveyError> {
    let (limit, what) = match role {
        Role::Definition => (files::MAX_DEFINITION_BYTES, "a definition file"),
        Role::Export => (files::MAX_EXPORT_BYTES, "an export"),
    };
    if role == Role::Export {
        let head = &bytes[..bytes.len().min(files::SNIFF_BYTES)];
        if let Some(e) = crate::import::sniff_binary(name, head) {
            return Err(SurveyError::Import(e));
        }
    }
    let size = bytes.len() as u64;
    if size > limit {
        return Err(FileError::TooLarge {
            path: PathBuf::from(name),
            size,
            limit,
            what,
        }
        .into());
    }
    Ok(())
}

/// A definition file's bytes as text; not UTF-8 is a definition error at line 1.
pub(crate) fn text(file: &str, bytes: Vec<u8>) -> Result<String, SurveyError> {
    String::from_utf8(bytes).map_err(|e| {
        DefinitionError {
            file: file.to_string(),
            line: 1,
            message: format!(
                "not UTF-8 text (byte {}): definition files must be UTF-8",
                e.utf8_error().valid_up_to()
            ),
        }
        .into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes in memory meet the bounds and checks of a file on disk, with the same
    /// message (the folder's path aside).
    #[test]
    fn files_in_memory_are_checked_as_files_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let cases: [(&str, Vec<u8>, Role); 3] = [
            ("big.toml", vec![b'#'; (2 << 20) + 1], Role::Definition),
            (
                "image.csv",
                b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
                Role::Export,
            ),
            (
                "latin1.toml",
                b"title = \"enqu\xeate\"\n".to_vec(),
                Role::Definition,
            ),
        ];
        for (name, bytes, role) in cases {
            std::fs::write(dir.path().join(name), &bytes).unwrap();
            let memory: MemoryFiles = [(name.to_string(), bytes)].into_iter().collect();
            let read = |source: Source| match role {
                Role::Definition => source.read_text(Path::new(name)).map(|_| ()),
                Role::Export => source.read(Path::new(name), role).map(|_| ()),
            };
            let on_disk = read(Source::Folder(dir.path())).unwrap_err().to_string();
            let in_memory = read(Source::Memory(&memory)).unwrap_err().to_string();
            let folder = format!("{}/", dir.path().display());
            assert_eq!(on_disk.replacen(&folder, "", 1), in_memory, "{name}");
            assert!(in_memory.starts_with(name), "{in_memory}");
        }
        let none = MemoryFiles::new();
        let e = Source::Memory(&none).read(Path::new("wpb.csv"), Role::Export);
        assert_eq!(
            e.unwrap_err().to_string(),
            "wpb.csv: cannot read: no file of that name was given"
        );
    }
}
