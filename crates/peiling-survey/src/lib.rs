//! peiling-survey: the questionnaire model and the import of survey exports.
//!
//! A [`Questionnaire`] is read from TOML ([`Questionnaire::from_toml`]); an export is
//! imported against it into a [`Dataset`] of [`Response`]s with an [`ImportReport`]
//! that accounts for every row and cell; a [`Survey`] ties questionnaires, exports and
//! populations together.

pub mod contacts;
pub mod draft;
pub mod error;
pub mod export;
pub mod files;
pub mod import;
pub mod input;
pub mod normalize;
pub mod questionnaire;
pub mod response;
pub mod source;
pub mod survey;
pub mod synth;
pub mod wording;

pub use error::{DefinitionError, ImportError, ImportSetting, SurveyError};
pub use files::FileError;
pub use import::{import, Dataset, DuplicatePolicy, ExportFormat, ImportOptions};
pub use input::{Accounting, Input};
pub use questionnaire::{
    Band, Choice, Condition, GridItem, Group, GroupRole, Kind, PersonalKind, Question,
    Questionnaire, ScaleSet, ThemeLink,
};
pub use response::{Answer, ImportReport, Meta, Problem, QuestionTally, Response};
pub use source::{MemoryFiles, Role, Source};
pub use survey::{
    About, DataSource, Origin, Part, PlannedPart, Said, Survey, SurveyPlan, BUNDLED_NAME,
};
pub use wording::{Expected, ImportMessage, RowReason};
