//! A survey: questionnaires with their response files and populations (`survey.toml`),
//! loaded from a folder, from one questionnaire + export, or from the bundled data.

use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};
use serde::{Deserialize, Serialize};

use crate::error::{DefinitionError, SurveyError};
use crate::files;
use crate::import::{import, Dataset, ImportOptions};
use crate::questionnaire::Questionnaire;

/// The BOS 2020 survey of Bijlage 2, compiled into the binary so it works anywhere.
static BUNDLED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../datasets/bos-2020");

/// Name of the bundled survey, as shown to users.
pub const BUNDLED_NAME: &str = "bos-2020 (bundled)";

/// A loaded survey: one part per questionnaire, each with its imported responses.
#[derive(Debug, Clone)]
pub struct Survey {
    pub id: String,
    pub title: String,
    pub title_en: Option<String>,
    pub partnership: Option<String>,
    /// Label for year-over-year comparisons, e.g. "2020".
    pub edition: Option<String>,
    /// What the report's Verantwoording says about the data (`[about]`).
    pub about: About,
    pub parts: Vec<Part>,
}

/// What a survey declares about its data, for the report's Verantwoording: where the
/// answers come from, what was not asked, and each correction applied to the data
/// (`[about]` in survey.toml).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct About {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
    /// One or two sentences on the origin (how reconstructed, from what).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin_note: Option<Said>,
    /// Who or what the survey did not ask (for example an audience not surveyed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_asked: Vec<Said>,
    /// Each reconciliation or correction applied to the data, in plain words.
    #[serde(default, rename = "correction", skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<Said>,
}

impl About {
    pub fn is_empty(&self) -> bool {
        *self == About::default()
    }
}

/// Where a survey's answers come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Exported from the survey tool as people answered.
    Collected,
    /// Rebuilt from published tables: no real person's answers.
    Reconstructed,
    /// Made up (for example by `synth`): no real person's answers.
    Synthetic,
}

/// A sentence for the report, in Dutch and optionally in English.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Said {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_en: Option<String>,
}

impl Said {
    pub fn text(&self, english: bool) -> &str {
        match (&self.text_en, english) {
            (Some(en), true) => en,
            _ => &self.text,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Part {
    /// Invited respondents; the survey.toml value wins over the questionnaire's.
    pub population: Option<u32>,
    pub data: Dataset,
}

impl Part {
    pub fn questionnaire(&self) -> &Questionnaire {
        &self.data.questionnaire
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSurvey {
    id: String,
    title: String,
    title_en: Option<String>,
    partnership: Option<String>,
    edition: Option<String>,
    #[serde(default)]
    about: About,
    #[serde(rename = "part")]
    parts: Vec<RawPart>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPart {
    questionnaire: String,
    data: String,
    population: Option<u32>,
}

/// Where the survey's files come from.
enum Files<'a> {
    Folder(&'a Path),
    Bundled,
}

/// What a file of a survey is, which decides how much of it is read.
#[derive(Clone, Copy)]
enum Role {
    Definition,
    Export,
}

impl Files<'_> {
    fn read(&self, name: &str, role: Role) -> Result<(String, Vec<u8>), SurveyError> {
        match self {
            Files::Folder(dir) => {
                let path = dir.join(name);
                let bytes = match role {
                    Role::Definition => files::read_definition(&path)?,
                    Role::Export => files::read_export(&path)?,
                };
                Ok((path.display().to_string(), bytes))
            }
            Files::Bundled => BUNDLED
                .get_file(name)
                .map(|f| (format!("bos-2020/{name}"), f.contents().to_vec()))
                .ok_or_else(|| SurveyError::Io {
                    path: PathBuf::from(name),
                    source: std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        "not in the bundled survey",
                    ),
                }),
        }
    }
}

fn text(file: &str, bytes: Vec<u8>) -> Result<String, SurveyError> {
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

pub fn load_questionnaire(path: &Path) -> Result<Questionnaire, SurveyError> {
    let bytes = files::read_definition(path)?;
    let name = path.display().to_string();
    let source = text(&name, bytes)?;
    Ok(Questionnaire::from_toml(&name, &source)?)
}

impl Survey {
    /// The bundled BOS 2020 survey.
    pub fn bundled(opts: &ImportOptions) -> Result<Survey, SurveyError> {
        Self::from_files(&Files::Bundled, opts)
    }

    /// A folder with a `survey.toml`, or the `survey.toml` itself.
    pub fn load(path: &Path, opts: &ImportOptions) -> Result<Survey, SurveyError> {
        let dir = if path.is_dir() {
            path.to_path_buf()
        } else {
            path.parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
        };
        if !path.is_dir() && !path.exists() {
            return Err(SurveyError::Io {
                path: path.to_path_buf(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
            });
        }
        if !path.is_dir() {
            // Any file name is read as the survey definition (a pipe or device is refused).
            let bytes = files::read_definition(path)?;
            return Self::from_definition(
                &Files::Folder(&dir),
                &path.display().to_string(),
                bytes,
                opts,
            );
        }
        Self::from_files(&Files::Folder(&dir), opts)
    }

    /// One questionnaire and one export file, without a survey.toml.
    pub fn single(
        questionnaire: &Path,
        data: &Path,
        opts: &ImportOptions,
    ) -> Result<Survey, SurveyError> {
        let q = load_questionnaire(questionnaire)?;
        let bytes = files::read_export(data)?;
        let dataset = import(&q, &data.display().to_string(), &bytes, opts)?;
        Ok(Survey {
            id: q.id.clone(),
            title: q.title.clone(),
            title_en: q.title_en.clone(),
            partnership: None,
            edition: None,
            about: About::default(),
            parts: vec![Part {
                population: q.population,
                data: dataset,
            }],
        })
    }

    fn from_files(files: &Files, opts: &ImportOptions) -> Result<Survey, SurveyError> {
        let (name, bytes) = files.read("survey.toml", Role::Definition)?;
        Self::from_definition(files, &name, bytes, opts)
    }

    fn from_definition(
        files: &Files,
        name: &str,
        bytes: Vec<u8>,
        opts: &ImportOptions,
    ) -> Result<Survey, SurveyError> {
        let source = text(name, bytes)?;
        let raw: RawSurvey = toml::from_str(&source)
            .map_err(|e| DefinitionError::toml(name, &source, e.span(), e.message()))?;
        if raw.parts.is_empty() {
            return Err(
                DefinitionError::at(name, &source, 0, "the survey has no [[part]]".into()).into(),
            );
        }
        let mut parts = Vec::with_capacity(raw.parts.len());
        for p in &raw.parts {
            let (qname, qbytes) = files.read(&p.questionnaire, Role::Definition)?;
            let q = Questionnaire::from_toml(&qname, &text(&qname, qbytes)?)?;
            if parts.iter().any(|x: &Part| x.questionnaire().id == q.id) {
                let offset = source.find(&p.questionnaire).unwrap_or(0);
                return Err(DefinitionError::at(
                    name,
                    &source,
                    offset,
                    format!("questionnaire \"{}\" is used by two parts", q.id),
                )
                .into());
            }
            let (dname, dbytes) = files.read(&p.data, Role::Export)?;
            let data = import(&q, &dname, &dbytes, opts)?;
            parts.push(Part {
                population: p.population.or(q.population),
                data,
            });
        }
        Ok(Survey {
            id: raw.id,
            title: raw.title,
            title_en: raw.title_en,
            partnership: raw.partnership,
            edition: raw.edition,
            about: raw.about,
            parts,
        })
    }

    pub fn part(&self, questionnaire_id: &str) -> Option<&Part> {
        self.parts
            .iter()
            .find(|p| p.questionnaire().id == questionnaire_id)
    }

    pub fn title(&self, english: bool) -> &str {
        match (&self.title_en, english) {
            (Some(en), true) => en,
            _ => &self.title,
        }
    }
}

/// The raw bytes of a bundled file (for tests and `peiling synth`).
pub fn bundled_file(name: &str) -> Option<&'static [u8]> {
    BUNDLED.get_file(name).map(|f| f.contents())
}

/// Where a part's export is read from when it is streamed rather than loaded.
#[derive(Debug, Clone)]
pub enum DataSource {
    File(PathBuf),
    Memory(Vec<u8>),
}

/// One part of a [`SurveyPlan`]: the questionnaire and where its export is.
#[derive(Debug, Clone)]
pub struct PlannedPart {
    pub questionnaire: Questionnaire,
    pub population: Option<u32>,
    /// The export's name in messages (as [`Survey::load`] names it).
    pub file: String,
    pub data: DataSource,
}

/// A survey's definition with its exports not yet read: what the streaming analysis
/// needs. Any error here is also an error of [`Survey::load`], which reports it.
#[derive(Debug, Clone)]
pub struct SurveyPlan {
    pub id: String,
    pub title: String,
    pub title_en: Option<String>,
    pub partnership: Option<String>,
    pub edition: Option<String>,
    pub about: About,
    pub parts: Vec<PlannedPart>,
}

impl SurveyPlan {
    pub fn bundled() -> Result<SurveyPlan, SurveyError> {
        Self::from_files(&Files::Bundled, None)
    }

    /// A folder with a `survey.toml`, or the definition file itself.
    pub fn load(path: &Path) -> Result<SurveyPlan, SurveyError> {
        let dir = if path.is_dir() {
            path.to_path_buf()
        } else {
            path.parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
        };
        let def = if path.is_dir() {
            None
        } else if path.exists() {
            Some(path)
        } else {
            return Err(SurveyError::Io {
                path: path.to_path_buf(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
            });
        };
        Self::from_files(&Files::Folder(&dir), def)
    }

    pub fn single(questionnaire: &Path, data: &Path) -> Result<SurveyPlan, SurveyError> {
        let q = load_questionnaire(questionnaire)?;
        Ok(SurveyPlan {
            id: q.id.clone(),
            title: q.title.clone(),
            title_en: q.title_en.clone(),
            partnership: None,
            edition: None,
            about: About::default(),
            parts: vec![PlannedPart {
                population: q.population,
                file: data.display().to_string(),
                data: DataSource::File(data.to_path_buf()),
                questionnaire: q,
            }],
        })
    }

    fn from_files(files: &Files, def: Option<&Path>) -> Result<SurveyPlan, SurveyError> {
        let (name, bytes) = match def {
            Some(path) => (path.display().to_string(), files::read_definition(path)?),
            None => files.read("survey.toml", Role::Definition)?,
        };
        let source = text(&name, bytes)?;
        let raw: RawSurvey = toml::from_str(&source)
            .map_err(|e| DefinitionError::toml(&name, &source, e.span(), e.message()))?;
        if raw.parts.is_empty() {
            return Err(DefinitionError::at(
                &name,
                &source,
                0,
                "the survey has no [[part]]".into(),
            )
            .into());
        }
        let mut parts: Vec<PlannedPart> = Vec::with_capacity(raw.parts.len());
        for p in &raw.parts {
            let (qname, qbytes) = files.read(&p.questionnaire, Role::Definition)?;
            let q = Questionnaire::from_toml(&qname, &text(&qname, qbytes)?)?;
            if parts.iter().any(|x| x.questionnaire.id == q.id) {
                return Err(SurveyError::Io {
                    path: PathBuf::from(&p.questionnaire),
                    source: std::io::Error::other("questionnaire used by two parts"),
                });
            }
            let (file, data) = match files {
                Files::Folder(dir) => {
                    let path = dir.join(&p.data);
                    (path.display().to_string(), DataSource::File(path))
                }
                Files::Bundled => {
                    let (file, bytes) = files.read(&p.data, Role::Export)?;
                    (file, DataSource::Memory(bytes))
                }
            };
            parts.push(PlannedPart {
                population: p.population.or(q.population),
                questionnaire: q,
                file,
                data,
            });
        }
        Ok(SurveyPlan {
            id: raw.id,
            title: raw.title,
            title_en: raw.title_en,
            partnership: raw.partnership,
            edition: raw.edition,
            about: raw.about,
            parts,
        })
    }
}
