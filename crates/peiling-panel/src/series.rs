//! A series: the editions of one enquête (`series.toml`, docs/series-format.md), each a
//! survey folder with its year, and how their questions line up across the years.
//!
//! A question lines up by questionnaire id and question id. A question that was renamed
//! or reworded says `same_as` per edition; an option whose wording changed says which
//! label it had before. Each edition is read as its own survey and counted in the
//! series' ids and labels ([`EditionCounts`]), one edition at a time.

use std::path::{Path, PathBuf};

use peiling_core::definition::line_of;
use peiling_survey::ImportOptions;
use serde::Deserialize;

use crate::counts::EditionCounts;
use crate::tidy::Tidy;
use crate::PanelError;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSeries {
    id: String,
    title: String,
    title_en: Option<String>,
    #[serde(rename = "edition", default)]
    editions: Vec<RawEdition>,
    #[serde(rename = "question", default)]
    questions: Vec<Align>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEdition {
    year: i32,
    survey: String,
}

/// How one question of the series lines up where its id or an option changed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Align {
    /// The questionnaire (audience) id.
    pub questionnaire: String,
    /// The question's id in the series (and in every edition not named in `same_as`).
    pub id: String,
    /// Editions where the question has another id.
    #[serde(default)]
    pub same_as: Vec<SameAs>,
    /// Options whose wording changed in an edition.
    #[serde(default)]
    pub options: Vec<OptionAlign>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SameAs {
    pub edition: i32,
    /// The question's id in that edition.
    pub id: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionAlign {
    pub edition: i32,
    /// The option's label in that edition.
    pub label: String,
    /// The series' label for it (the one the other editions use).
    pub same_as: String,
}

/// One edition as the series lists it.
#[derive(Debug, Clone)]
pub struct EditionRef {
    pub year: i32,
    /// The survey folder (or survey.toml), resolved against the series folder.
    pub path: PathBuf,
}

/// A parsed `series.toml`.
#[derive(Debug, Clone)]
pub struct Series {
    pub id: String,
    pub title: String,
    pub title_en: Option<String>,
    /// The definition file, for messages.
    pub file: String,
    source: String,
    /// Oldest first.
    pub editions: Vec<EditionRef>,
    pub align: Vec<Align>,
}

impl Series {
    /// Reads a series folder (with a `series.toml`) or the definition file itself.
    pub fn load(path: &Path) -> Result<Series, PanelError> {
        let file = if path.is_dir() {
            path.join("series.toml")
        } else {
            path.to_path_buf()
        };
        let source = std::fs::read_to_string(&file).map_err(|source| PanelError::Read {
            path: file.clone(),
            source,
        })?;
        let dir = file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        Series::parse(&file.display().to_string(), &source, dir)
    }

    /// Parses a definition; `file` names it in messages, `dir` is where its paths start.
    pub fn parse(file: &str, source: &str, dir: &Path) -> Result<Series, PanelError> {
        let raw: RawSeries = toml::from_str(source).map_err(|e| {
            let message = e.message().lines().next().unwrap_or("invalid TOML").trim();
            PanelError::Definition {
                file: file.to_string(),
                line: line_of(source, e.span().map_or(0, |s| s.start)),
                message: format!("invalid TOML: {message}"),
            }
        })?;
        let at = |needle: &str, message: String| PanelError::Definition {
            file: file.to_string(),
            line: line_of(source, source.find(needle).unwrap_or(0)),
            message,
        };
        if raw.editions.is_empty() {
            return Err(at(
                "",
                "the series lists no editions: expected [[edition]] tables with year and survey"
                    .into(),
            ));
        }
        for pair in raw.editions.windows(2) {
            if pair[1].year <= pair[0].year {
                return Err(at(
                    &format!("year = {}", pair[1].year),
                    format!(
                        "edition {} comes after {}: expected the editions oldest first, each year once",
                        pair[1].year, pair[0].year
                    ),
                ));
            }
        }
        let years: Vec<i32> = raw.editions.iter().map(|e| e.year).collect();
        for a in &raw.questions {
            let editions = a
                .same_as
                .iter()
                .map(|s| s.edition)
                .chain(a.options.iter().map(|o| o.edition));
            for year in editions {
                if !years.contains(&year) {
                    return Err(at(
                        &format!("edition = {year}"),
                        format!(
                            "question \"{}\": edition {year} is not in the series (editions: {})",
                            a.id,
                            years
                                .iter()
                                .map(i32::to_string)
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ));
                }
            }
        }
        Ok(Series {
            id: raw.id,
            title: raw.title,
            title_en: raw.title_en,
            file: file.to_string(),
            source: source.to_string(),
            editions: raw
                .editions
                .into_iter()
                .map(|e| EditionRef {
                    year: e.year,
                    path: dir.join(e.survey),
                })
                .collect(),
            align: raw.questions,
        })
    }

    pub fn title(&self, english: bool) -> &str {
        match (&self.title_en, english) {
            (Some(en), true) => en,
            _ => &self.title,
        }
    }

    fn error_at(&self, needle: &str, message: String) -> PanelError {
        PanelError::Definition {
            file: self.file.clone(),
            line: line_of(&self.source, self.source.find(needle).unwrap_or(0)),
            message,
        }
    }

    /// The counts of every edition, one edition at a time: each edition's exports are
    /// streamed, counted and dropped before the next is read.
    pub fn count_editions(&self, opts: &ImportOptions) -> Result<Vec<EditionCounts>, PanelError> {
        self.editions
            .iter()
            .map(|e| EditionCounts::of_edition(self, e, opts))
            .collect()
    }

    /// The tidy rows of the edition of `year` in the series' ids and labels.
    pub fn line_up(&self, year: i32, mut tidy: Tidy) -> Result<Tidy, PanelError> {
        tidy.edition = Some(year.to_string());
        for a in &self.align {
            for s in a.same_as.iter().filter(|s| s.edition == year) {
                if !tidy.rename_question(&a.questionnaire, &s.id, &a.id) {
                    return Err(self.error_at(
                        &format!("\"{}\"", s.id),
                        format!(
                            "question \"{}\": same_as names \"{}\", which questionnaire \"{}\" of edition {year} does not have",
                            a.id, s.id, a.questionnaire
                        ),
                    ));
                }
            }
            for o in a.options.iter().filter(|o| o.edition == year) {
                if !tidy.rename_label(&a.questionnaire, &a.id, &o.label, &o.same_as) {
                    return Err(self.error_at(
                        &format!("\"{}\"", o.label),
                        format!(
                            "question \"{}\": edition {year} has no option \"{}\" to line up with \"{}\"",
                            a.id, o.label, o.same_as
                        ),
                    ));
                }
            }
        }
        Ok(tidy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Series, PanelError> {
        Series::parse("series.toml", text, Path::new("/s"))
    }

    #[test]
    fn editions_resolve_against_the_folder_oldest_first() {
        let s = parse(
            "id = \"x\"\ntitle = \"X\"\n[[edition]]\nyear = 2020\nsurvey = \"../a\"\n[[edition]]\nyear = 2021\nsurvey = \"b\"\n",
        )
        .unwrap();
        assert_eq!(s.editions[0].path, Path::new("/s/../a"));
        assert_eq!(s.editions[1].year, 2021);
    }

    #[test]
    fn a_bad_definition_names_its_line() {
        let e = parse(
            "id = \"x\"\ntitle = \"X\"\n[[edition]]\nyear = 2021\nsurvey = \"a\"\n[[edition]]\nyear = 2020\nsurvey = \"b\"\n",
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "series.toml:7: edition 2020 comes after 2021: expected the editions oldest first, each year once"
        );
        let e = parse(
            "id = \"x\"\ntitle = \"X\"\n[[edition]]\nyear = 2020\nsurvey = \"a\"\n[[question]]\nquestionnaire = \"wpb\"\nid = \"q\"\nsame_as = [{ edition = 2019, id = \"p\" }]\n",
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("series.toml:9: question \"q\": edition 2019 is not in the series"),
            "{e}"
        );
        let e = parse("id = \"x\"\ntitle = \"X\"\nedtion = 1\n").unwrap_err();
        assert!(
            e.to_string().starts_with("series.toml:3: invalid TOML"),
            "{e}"
        );
        assert!(e.is_user_error());
        let e = parse("id = \"x\"\ntitle = \"X\"\n").unwrap_err();
        assert!(e.to_string().contains("no editions"), "{e}");
    }
}
