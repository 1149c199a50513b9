//! Library errors worded for the terminal: the libraries carry the facts (which setting,
//! which value), this module names the command-line flag that sets it.

use peiling_analysis::{AnalysisError, AnalysisOption};
use peiling_planner::{Advice, PlanError, PlanSetting};
use peiling_survey::{ImportError, ImportSetting, SurveyError};

use crate::status::user;

/// The flag of `peiling plan` (and `peiling report`) that sets a plan setting.
pub fn plan_flag(setting: PlanSetting) -> &'static str {
    match setting {
        PlanSetting::Years => "--years",
        PlanSetting::PerYear => "--per-year",
        PlanSetting::BasisPerYear => "--basis-per-year",
        PlanSetting::Offered => "--offered",
        PlanSetting::Weight => "--weight",
        PlanSetting::Start => "--start",
        PlanSetting::Pick => "--pick",
        PlanSetting::Holidays => "--holidays",
        PlanSetting::Host => "--host",
    }
}

/// Advice with each setting named by its flag.
fn with_flags(advice: &Advice) -> String {
    advice.render(|s| plan_flag(s).to_string())
}

/// The one-line message of a plan error; all are the user's to fix (exit 2).
pub fn plan_message(e: &PlanError) -> String {
    match e {
        PlanError::NoStart { survey } => format!(
            "survey \"{survey}\" names no edition year and its exports no completion date to start the plan after: give --start YYYY-MM-DD (or an edition in survey.toml)"
        ),
        PlanError::Setting {
            setting,
            value,
            problem,
        } => format!("{} {value}: {problem}", plan_flag(*setting)),
        PlanError::Infeasible(advice) => format!("no plan possible: {}", with_flags(advice)),
        e => e.to_string(),
    }
}

/// The flag of `peiling analyze` (and the commands that share its options) that sets an
/// analysis option.
pub fn analysis_flag(option: AnalysisOption) -> &'static str {
    match option {
        AnalysisOption::Filter => "--where",
        AnalysisOption::GroupBy => "--by",
        AnalysisOption::PerGroup => "--per-school",
    }
}

/// The one-line message of an analysis error, with the flag named.
pub fn analysis_message(e: &AnalysisError) -> String {
    match e {
        AnalysisError::Request {
            option,
            value,
            problem,
        } => match value {
            Some(value) => format!("{} {value}: {problem}", analysis_flag(*option)),
            None => format!("{}: {problem}", analysis_flag(*option)),
        },
        e => e.to_string(),
    }
}

/// The flag that sets an import setting.
pub fn import_flag(setting: ImportSetting) -> &'static str {
    match setting {
        ImportSetting::Sheet => "--sheet",
    }
}

/// The one-line message of an import error, with the flag that caused it named.
pub fn import_message(e: &ImportError) -> Option<String> {
    let flag = import_flag(e.given?);
    Some(format!(
        "{}:{}{} ({flag} was given)",
        e.file, e.location, e.message
    ))
}

/// The terminal's wording of a library error that names a setting; `None` for errors
/// whose own text is already what the user reads.
pub fn describe(cause: &(dyn std::error::Error + 'static)) -> Option<String> {
    if let Some(e) = cause.downcast_ref::<AnalysisError>() {
        return Some(analysis_message(e));
    }
    if let Some(SurveyError::Import(e)) = cause.downcast_ref::<SurveyError>() {
        return import_message(e);
    }
    if let Some(e) = cause.downcast_ref::<ImportError>() {
        return import_message(e);
    }
    cause.downcast_ref::<PlanError>().map(plan_message)
}

/// A plan error as the user error the terminal shows.
pub fn plan_error(e: PlanError) -> anyhow::Error {
    user(plan_message(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analysis_options_are_named_by_their_flags() {
        let e = AnalysisError::Request {
            option: AnalysisOption::Filter,
            value: Some("leeftijd=Z".into()),
            problem: "\"Z\" is not an answer".into(),
        };
        assert_eq!(
            describe(&e).as_deref(),
            Some("--where leeftijd=Z: \"Z\" is not an answer")
        );
        let e = AnalysisError::Request {
            option: AnalysisOption::GroupBy,
            value: None,
            problem: "\"why\" is a text question".into(),
        };
        assert_eq!(analysis_message(&e), "--by: \"why\" is a text question");
        let io = std::io::Error::other("x");
        assert_eq!(describe(&io), None);
    }

    #[test]
    fn import_settings_are_named_by_their_flags() {
        let e = ImportError::file("a.csv", "found a text file, expected an XLSX workbook")
            .given(ImportSetting::Sheet);
        // The library names the setting as a concept, the terminal names the flag.
        assert_eq!(
            e.to_string(),
            "a.csv:1:1: found a text file, expected an XLSX workbook (a sheet name was given)"
        );
        let expected =
            "a.csv:1:1: found a text file, expected an XLSX workbook (--sheet was given)";
        assert_eq!(describe(&e).as_deref(), Some(expected));
        assert_eq!(describe(&SurveyError::Import(e)).as_deref(), Some(expected));
        assert_eq!(describe(&ImportError::file("a.csv", "x")), None);
    }

    #[test]
    fn plan_settings_are_named_by_their_flags() {
        let e = PlanError::Setting {
            setting: PlanSetting::BasisPerYear,
            value: "7".into(),
            problem: "more than the 5 meetings a year".into(),
        };
        assert_eq!(
            plan_message(&e),
            "--basis-per-year 7: more than the 5 meetings a year"
        );
        let e = PlanError::Infeasible(
            Advice::text("11 themes do not fit; raise ")
                .setting(PlanSetting::PerYear)
                .then(" or ")
                .setting(PlanSetting::Years),
        );
        assert_eq!(
            plan_message(&e),
            "no plan possible: 11 themes do not fit; raise --per-year or --years"
        );
    }
}
