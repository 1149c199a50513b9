//! A survey: questionnaires with their response files and populations (`survey.toml`),
//! loaded from a folder, from one questionnaire + export, or from the bundled data.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{DefinitionError, SurveyError};
use crate::import::{import, Dataset, ImportOptions};
use crate::questionnaire::Questionnaire;
use crate::source::{Role, Source, BUNDLED};

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

pub fn load_questionnaire(path: &Path) -> Result<Questionnaire, SurveyError> {
    questionnaire_in(&Source::Folder(Path::new("")), path)
}

/// The questionnaire `name` of `source`.
pub fn questionnaire_in(source: &Source, name: &Path) -> Result<Questionnaire, SurveyError> {
    let (name, text) = source.read_text(name)?;
    Ok(Questionnaire::from_toml(&name, &text)?)
}

/// Where a survey's definition is: its folder (or memory), and the definition file when
/// it is not `survey.toml` in that folder.
fn definition(path: &Path) -> Result<(PathBuf, Option<&Path>), SurveyError> {
    let dir = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    };
    if path.is_dir() {
        Ok((dir, None))
    } else if path.exists() {
        Ok((dir, Some(path)))
    } else {
        Err(SurveyError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
        })
    }
}

/// The survey definition's name and text: `def` (a file given by its own path) or the
/// source's `survey.toml`.
fn definition_text(source: &Source, def: Option<&Path>) -> Result<(String, String), SurveyError> {
    match def {
        // Any file name is read as the survey definition (a pipe or device is refused).
        Some(path) => Source::Folder(Path::new("")).read_text(path),
        None => source.read_text(Path::new("survey.toml")),
    }
}

fn parse(name: &str, source: &str) -> Result<RawSurvey, SurveyError> {
    let raw: RawSurvey = toml::from_str(source)
        .map_err(|e| DefinitionError::toml(name, source, e.span(), e.message()))?;
    if raw.parts.is_empty() {
        return Err(
            DefinitionError::at(name, source, 0, "the survey has no [[part]]".into()).into(),
        );
    }
    Ok(raw)
}

impl Survey {
    /// The bundled BOS 2020 survey.
    pub fn bundled(opts: &ImportOptions) -> Result<Survey, SurveyError> {
        Self::from_source(&Source::Bundled, opts)
    }

    /// A folder with a `survey.toml`, or the `survey.toml` itself.
    pub fn load(path: &Path, opts: &ImportOptions) -> Result<Survey, SurveyError> {
        let (dir, def) = definition(path)?;
        Self::read(&Source::Folder(&dir), def, opts)
    }

    /// The survey of `source`'s `survey.toml`.
    pub fn from_source(source: &Source, opts: &ImportOptions) -> Result<Survey, SurveyError> {
        Self::read(source, None, opts)
    }

    /// One questionnaire and one export file, without a survey.toml.
    pub fn single(
        questionnaire: &Path,
        data: &Path,
        opts: &ImportOptions,
    ) -> Result<Survey, SurveyError> {
        Self::single_in(&Source::Folder(Path::new("")), questionnaire, data, opts)
    }

    /// One questionnaire and one export of `source`, without a survey.toml.
    pub fn single_in(
        source: &Source,
        questionnaire: &Path,
        data: &Path,
        opts: &ImportOptions,
    ) -> Result<Survey, SurveyError> {
        let q = questionnaire_in(source, questionnaire)?;
        let (name, bytes) = source.read(data, Role::Export)?;
        let dataset = import(&q, &name, &bytes, opts)?;
        Ok(Survey {
            id: q.id.clone(),
            title: q.title.clone(),
            title_en: q.title_en.clone(),
            partnership: None,
            edition: None,
            about: q.about.clone(),
            parts: vec![Part {
                population: q.population,
                data: dataset,
            }],
        })
    }

    fn read(
        files: &Source,
        def: Option<&Path>,
        opts: &ImportOptions,
    ) -> Result<Survey, SurveyError> {
        let (name, source) = definition_text(files, def)?;
        let raw = parse(&name, &source)?;
        let mut parts = Vec::with_capacity(raw.parts.len());
        for p in &raw.parts {
            let q = questionnaire_in(files, Path::new(&p.questionnaire))?;
            if parts.iter().any(|x: &Part| x.questionnaire().id == q.id) {
                let offset = source.find(&p.questionnaire).unwrap_or(0);
                return Err(DefinitionError::at(
                    &name,
                    &source,
                    offset,
                    format!("questionnaire \"{}\" is used by two parts", q.id),
                )
                .into());
            }
            let (dname, dbytes) = files.read(Path::new(&p.data), Role::Export)?;
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

/// The definition files of `source`'s survey: `survey.toml` and the questionnaires its
/// parts name, in that order (the exports are left out).
pub fn definition_names(source: &Source) -> Result<Vec<String>, SurveyError> {
    let (name, text) = definition_text(source, None)?;
    let raw = parse(&name, &text)?;
    let mut names = vec!["survey.toml".to_string()];
    names.extend(raw.parts.into_iter().map(|p| p.questionnaire));
    Ok(names)
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
        Self::read(&Source::Bundled, None)
    }

    /// A folder with a `survey.toml`, or the definition file itself.
    pub fn load(path: &Path) -> Result<SurveyPlan, SurveyError> {
        let (dir, def) = definition(path)?;
        Self::read(&Source::Folder(&dir), def)
    }

    /// The plan of `source`'s `survey.toml`.
    pub fn from_source(source: &Source) -> Result<SurveyPlan, SurveyError> {
        Self::read(source, None)
    }

    pub fn single(questionnaire: &Path, data: &Path) -> Result<SurveyPlan, SurveyError> {
        Self::single_in(&Source::Folder(Path::new("")), questionnaire, data)
    }

    /// One questionnaire and one export of `source`, without a survey.toml.
    pub fn single_in(
        source: &Source,
        questionnaire: &Path,
        data: &Path,
    ) -> Result<SurveyPlan, SurveyError> {
        let q = questionnaire_in(source, questionnaire)?;
        let (file, data) = planned_data(source, data)?;
        Ok(SurveyPlan {
            id: q.id.clone(),
            title: q.title.clone(),
            title_en: q.title_en.clone(),
            partnership: None,
            edition: None,
            about: q.about.clone(),
            parts: vec![PlannedPart {
                population: q.population,
                file,
                data,
                questionnaire: q,
            }],
        })
    }

    fn read(files: &Source, def: Option<&Path>) -> Result<SurveyPlan, SurveyError> {
        let (name, source) = definition_text(files, def)?;
        let raw = parse(&name, &source)?;
        let mut parts: Vec<PlannedPart> = Vec::with_capacity(raw.parts.len());
        for p in &raw.parts {
            let q = questionnaire_in(files, Path::new(&p.questionnaire))?;
            if parts.iter().any(|x| x.questionnaire.id == q.id) {
                return Err(SurveyError::Io {
                    path: PathBuf::from(&p.questionnaire),
                    source: std::io::Error::other("questionnaire used by two parts"),
                });
            }
            let (file, data) = planned_data(files, Path::new(&p.data))?;
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

/// Where a planned part's export is: a file on disk stays there to be streamed; one in
/// memory is taken as it is.
fn planned_data(files: &Source, data: &Path) -> Result<(String, DataSource), SurveyError> {
    match files {
        Source::Folder(dir) => {
            let path = dir.join(data);
            Ok((path.display().to_string(), DataSource::File(path)))
        }
        Source::Memory(_) | Source::Bundled => {
            let (file, bytes) = files.read(data, Role::Export)?;
            Ok((file, DataSource::Memory(bytes)))
        }
    }
}
