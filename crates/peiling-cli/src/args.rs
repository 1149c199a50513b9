//! Command-line arguments (clap). Doc comments here are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// peiling: turn the October professionalisation survey into numbers, charts, a
/// report (bijlage) and a rotation plan of themes.
///
/// Without a SURVEY every command works on the bundled BOS 2020 survey.
#[derive(Debug, Parser)]
#[command(name = "peiling", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a survey's exports: rows read, accepted and rejected, and every problem.
    Validate(ValidateArgs),
    /// Compute the figures: demand for themes and forms, distributions, statistics.
    Analyze(AnalyzeArgs),
    /// Write the bijlage-style report (Markdown and HTML) with charts.
    Report(ReportArgs),
    /// Plan which themes to offer when and where, from the survey's demand.
    Plan(PlanArgs),
}

/// Where the responses come from: a survey folder, or one questionnaire and one export.
#[derive(Debug, Args, Clone)]
pub struct SurveyArgs {
    /// Survey folder (with a survey.toml) or the survey.toml itself; default: the bundled
    /// BOS 2020 survey.
    #[arg(value_name = "SURVEY", conflicts_with_all = ["questionnaire", "data"])]
    pub survey: Option<PathBuf>,

    /// A questionnaire definition (TOML), used with --data instead of a survey folder.
    #[arg(long, short = 'q', value_name = "Q.toml", requires = "data")]
    pub questionnaire: Option<PathBuf>,

    /// The export file (CSV or XLSX) answering --questionnaire.
    #[arg(long, short = 'd', value_name = "EXPORT", requires = "questionnaire")]
    pub data: Option<PathBuf>,

    /// The survey tool that wrote the export; detected from the header when left out.
    #[arg(long, value_enum, default_value_t = FormatArg::Auto)]
    pub format: FormatArg,

    /// Sheet of an XLSX workbook to read (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// Field separator of a CSV export (default: detected from the header).
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    pub separator: Option<u8>,

    /// Read CSV as UTF-8 only, instead of falling back to Windows-1252.
    #[arg(long)]
    pub utf8_only: bool,

    /// Fail (exit code 2) on any problem instead of counting bad answers as invalid.
    #[arg(long)]
    pub strict: bool,

    /// What to do with a second submission of the same respondent (same id or e-mail).
    #[arg(long, value_enum, default_value_t = DuplicatesArg::KeepAll)]
    pub duplicates: DuplicatesArg,
}

fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "," | "comma" => Ok(b','),
        ";" | "semicolon" => Ok(b';'),
        "\\t" | "\t" | "tab" => Ok(b'\t'),
        "|" | "pipe" => Ok(b'|'),
        other => Err(format!("\"{other}\" is not a separator: use , ; tab or |")),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Auto,
    Msforms,
    Google,
    Limesurvey,
    Plain,
}

// The variant names are the flag values users type: keep-all, keep-first, keep-last.
#[allow(clippy::enum_variant_names)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DuplicatesArg {
    KeepAll,
    KeepFirst,
    KeepLast,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Nl,
    En,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub survey: SurveyArgs,

    /// Write the rejected rows, with a reason column, to this CSV file.
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    pub survey: SurveyArgs,

    /// Print the figures as JSON (schema: docs/analysis-schema.md).
    #[arg(long)]
    pub json: bool,

    /// Cross-tabulate every question by this grouping question (id), with tests.
    #[arg(long, value_name = "QUESTION")]
    pub by: Option<String>,

    /// Only respondents with this answer (repeatable), e.g. --where need=Ja.
    #[arg(long = "where", value_name = "QUESTION=VALUE")]
    pub filters: Vec<String>,

    /// Compare with another survey (year-over-year, or SO vs WPB) on shared questions.
    #[arg(long, value_name = "SURVEY")]
    pub compare: Option<PathBuf>,

    /// Groups smaller than this are suppressed in breakdowns (0 turns it off).
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub min_group: usize,

    /// Write the output to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub survey: SurveyArgs,

    /// Folder to write report.md, report.html and the charts to.
    #[arg(
        long,
        short = 'o',
        value_name = "DIR",
        default_value = "peiling-report"
    )]
    pub out: PathBuf,

    /// Language of the report.
    #[arg(long, value_enum, default_value_t = LangArg::Nl)]
    pub lang: LangArg,

    /// Also write PNG versions of the charts.
    #[arg(long)]
    pub png: bool,

    /// Write the contact details of respondents who offered to help to this CSV file
    /// (personal data: it never goes into the report itself).
    #[arg(long, value_name = "FILE")]
    pub contacts: Option<PathBuf>,

    /// Add the rotation plan (with the bundled BOS catalogue) to the report.
    #[arg(long)]
    pub plan: bool,

    /// Groups smaller than this are suppressed in breakdowns (0 turns it off).
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub min_group: usize,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    #[command(flatten)]
    pub survey: SurveyArgs,

    /// Theme catalogue (TOML); default: the bundled BOS themes. `alliantie` names the
    /// bundled 2016 workshop list.
    #[arg(long, value_name = "FILE")]
    pub catalogue: Option<PathBuf>,

    /// Cycle length in years: every theme comes up once per cycle.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub years: u32,

    /// Meetings per school year.
    #[arg(long, value_name = "N", default_value_t = 6)]
    pub per_year: u32,

    /// Basis meetings per year (default: half of --per-year).
    #[arg(long, value_name = "N")]
    pub basis_per_year: Option<u32>,

    /// First day of the plan (YYYY-MM-DD); default 1 September of next school year.
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,

    /// Holiday weeks to skip (TOML with [[holiday]] name, from, to).
    #[arg(long, value_name = "FILE")]
    pub holidays: Option<PathBuf>,

    /// Partner schools that host the meetings in turn (repeatable).
    #[arg(long = "host", value_name = "SCHOOL")]
    pub hosts: Vec<String>,

    /// Themes offered last year (ids, repeatable): they wait unless demand is exceptional.
    #[arg(long = "offered", value_name = "THEME")]
    pub offered: Vec<String>,

    /// Folder to write plan.md, plan.json and plan.ics to.
    #[arg(long, short = 'o', value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Language of the written plan.
    #[arg(long, value_enum, default_value_t = LangArg::Nl)]
    pub lang: LangArg,

    /// Print the plan as JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}
