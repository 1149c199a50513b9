//! Library errors worded for the terminal: the libraries carry the facts (which setting,
//! which value), this module names the command-line flag that sets it.

use peiling_planner::{Advice, PlanError, PlanSetting};

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

/// A plan error as the user error the terminal shows.
pub fn plan_error(e: PlanError) -> anyhow::Error {
    user(plan_message(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

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
