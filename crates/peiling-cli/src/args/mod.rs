//! Command-line arguments (clap). Doc comments here are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

mod records;
pub use records::*;

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
    /// Write synthetic responses drawn from a survey's answers (for tests and benchmarks).
    Synth(SynthArgs),
    /// Draft a questionnaire definition (TOML) from an export: one question per column,
    /// its kind guessed from the answers. Edit it, then use it with --questionnaire.
    Init(InitArgs),
    /// Who came, what they earned: registrations, attendance and who is due for what.
    Records(RecordsArgs),
    /// One A4 certificate (HTML) per person who attended something in a school year,
    /// and an index for the team. The files hold personal data: readable by you only.
    Certificates(CertificatesArgs),
    /// Write the validated responses as tidy data (one row per respondent, question and
    /// chosen category) to Parquet or CSV, for DuckDB, polars, R or a spreadsheet
    /// (schema: docs/tidy-schema.md). Personal questions are left out.
    Export(ExportCommandArgs),
    /// Follow one enquête across its editions (a series folder with a series.toml): per
    /// question the share per edition with its 95 % interval, a test of change, and the
    /// demand for themes; with -o DIR the section "Ontwikkeling door de jaren" with charts.
    Trend(TrendArgs),
    /// The evaluatieverslag: how the meetings were evaluated (response, usefulness,
    /// applicability, the eight conditions, what to keep and change) and what the rules
    /// find (docs/evaluation-rules.md).
    Evaluate(EvaluateArgs),
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

    #[command(flatten)]
    pub export: ExportArgs,

    /// Read CSV as UTF-8 only, instead of falling back to Windows-1252.
    #[arg(long)]
    pub utf8_only: bool,

    /// Fail (exit code 2) on any problem instead of counting bad answers as invalid.
    #[arg(long)]
    pub strict: bool,

    /// What to do with a second submission of the same respondent (same id or e-mail).
    #[arg(long, value_enum, default_value_t = DuplicatesArg::KeepAll)]
    pub duplicates: DuplicatesArg,

    /// Read a CSV export on this many threads (default: all cores). The figures do
    /// not depend on it.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub threads: Option<u16>,
}

/// How to read an export file: which tool wrote it, which sheet, which separator.
#[derive(Debug, Args, Clone, Default)]
pub struct ExportArgs {
    /// The survey tool that wrote the export; detected from the header when left out.
    #[arg(long, value_enum, default_value_t = FormatArg::Auto)]
    pub format: FormatArg,

    /// Sheet of an XLSX workbook to read (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// Field separator of a CSV export (default: detected from the header).
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    pub separator: Option<u8>,
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

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    #[default]
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
pub struct ExportCommandArgs {
    #[command(flatten)]
    pub survey: SurveyArgs,

    /// The file to write: FILE.parquet or FILE.csv (the extension picks the format).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct TrendArgs {
    /// Series folder (with a series.toml, docs/series-format.md) or the series.toml itself.
    #[arg(value_name = "SERIES")]
    pub series: PathBuf,

    /// Language of the tables and the report.
    #[arg(long, value_enum, default_value_t = LangArg::Nl)]
    pub lang: LangArg,

    /// Print the trend as JSON (schema: docs/trend-schema.md).
    #[arg(long)]
    pub json: bool,

    /// Folder to write the report (report.md, report.html, charts/) and trend.json to.
    /// It is replaced as a whole; an existing folder only when an earlier `peiling
    /// trend` wrote it and it holds nothing else.
    #[arg(long, short = 'o', value_name = "DIR")]
    pub out: Option<PathBuf>,
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

    /// Only respondents with this answer (repeatable), e.g. --where behoefte=Ja. A
    /// part that does not ask the question is left out.
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

    /// Folder to write the report (report.md, report.html; the short bijlage.md,
    /// bijlage.html) and the charts to. It is replaced as a
    /// whole; an existing folder only when an earlier `peiling report` wrote it and it
    /// holds nothing else.
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

    /// Also write PNG versions of the charts (twice the SVG size, bundled font).
    #[arg(long)]
    pub png: bool,

    /// Write the contact details of respondents who offered to help give
    /// professionalisation, with their chosen themes, to this CSV file (personal data:
    /// it never goes into the report itself).
    #[arg(long, value_name = "FILE")]
    pub contacts: Option<PathBuf>,

    /// Break every question down by this grouping question (id), with small groups
    /// suppressed.
    #[arg(long, value_name = "QUESTION")]
    pub by: Option<String>,

    /// Only respondents with this answer (repeatable), e.g. --where behoefte=Ja.
    #[arg(long = "where", value_name = "QUESTION=VALUE")]
    pub filters: Vec<String>,

    /// Compare with another survey (year-over-year) on the shared questions.
    #[arg(long, value_name = "SURVEY")]
    pub compare: Option<PathBuf>,

    /// Leave the rotation plan out. By default the report plans the themes of the
    /// catalogue (the bundled BOS one unless --catalogue) when the survey asks for them,
    /// and writes plan.json and plan.ics beside it.
    #[arg(long)]
    pub no_plan: bool,

    /// Theme catalogue for the rotation plan: `bos`, `alliantie` or a TOML file
    /// (docs/catalogue-format.md). For other plan settings use `peiling plan`.
    #[arg(long, value_name = "CATALOGUE", conflicts_with = "no_plan")]
    pub catalogue: Option<PathBuf>,

    /// The evaluation of the meetings (evaluation.json of `peiling evaluate`, or its
    /// folder): the plan marks themes to redesign before they are repeated.
    #[arg(long, value_name = "FILE", conflicts_with = "no_plan")]
    pub evaluations: Option<PathBuf>,

    /// The partnership's yearly reflection on the conditions for effective
    /// professionalisation: a folder with reflectie.toml and reflectie-<year>.csv (as
    /// datasets/evaluatie), or that export. The full report shows it beside the need
    /// figures; the bijlage gives one sentence.
    #[arg(long, value_name = "EXPORT|SURVEY")]
    pub reflection: Option<PathBuf>,

    #[command(flatten)]
    pub start: StartArg,

    /// Groups smaller than this are suppressed in breakdowns, and their free text is not
    /// quoted (0 turns it off).
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub min_group: usize,

    /// The partnership's records database (`peiling records`): the report adds who came
    /// to the meetings of the plan's years (counts only, no names), and who is due joins
    /// the plan's expected headcount as in `peiling plan --records`.
    #[arg(long, value_name = "FILE")]
    pub records: Option<PathBuf>,

    /// With --records: the partnership's requirements (TOML); default: BOS's, bundled.
    #[arg(long, value_name = "FILE", requires = "records")]
    pub requirements: Option<PathBuf>,

    /// A series of editions of this enquête (a folder with series.toml, see `peiling
    /// trend`): the full report adds the section "Ontwikkeling door de jaren" with its
    /// charts, the summary one paragraph about it. The trend covers every respondent of
    /// every edition, so it cannot be combined with --where.
    #[arg(long, value_name = "SERIES")]
    pub series: Option<PathBuf>,
}

/// The plan's first day, shared by `report` and `plan`.
#[derive(Debug, Args)]
pub struct StartArg {
    /// First day of the plan (YYYY-MM-DD); default 1 September of the year after the
    /// survey's edition (edition 2020: 2021-09-01), or without an edition the first
    /// 1 September after the export's last submission date (its completion-time column).
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    #[command(flatten)]
    pub survey: SurveyArgs,

    /// Theme catalogue: `bos` (the bundled BOS themes, the default), `alliantie` (the
    /// bundled 2016-2017 workshops of Alliantie VO & Notre Dame) or a TOML file
    /// (docs/catalogue-format.md).
    #[arg(long, value_name = "FILE")]
    pub catalogue: Option<PathBuf>,

    /// Cycle length in years: every theme comes up at least once per cycle (default: the
    /// catalogue's, 2 for BOS).
    #[arg(long, value_name = "N")]
    pub years: Option<u32>,

    /// Meetings per school year, a number or a range such as 5-7 (default: the
    /// catalogue's, 5-7 for BOS: six when the rules allow).
    #[arg(long, value_name = "N|MIN-MAX", value_parser = count_range)]
    pub per_year: Option<[u32; 2]>,

    /// Basis meetings per year; the others are verdiepend (default: the catalogue's, or
    /// half of --per-year).
    #[arg(long, value_name = "N")]
    pub basis_per_year: Option<u32>,

    #[command(flatten)]
    pub start: StartArg,

    /// Holidays to skip (TOML with [[holiday]] name, from, to), e.g.
    /// datasets/holidays/zuid.toml.
    #[arg(long, value_name = "FILE")]
    pub holidays: Option<PathBuf>,

    /// Do not skip any holidays (by default the bundled school holidays of the
    /// catalogue's region are skipped when they cover the plan's years: 2020-2021 to
    /// 2027-2028).
    #[arg(long, conflicts_with = "holidays")]
    pub no_holidays: bool,

    /// Partner schools that host the meetings in turn (repeatable; default: the
    /// catalogue's schools).
    #[arg(long = "host", value_name = "SCHOOL")]
    pub hosts: Vec<String>,

    /// Themes offered last year (ids, repeatable): they wait until year 2 unless their
    /// demand is exceptional (at least twice the mean of their level).
    #[arg(long = "offered", value_name = "THEME")]
    pub offered: Vec<String>,

    /// Multiply a theme's demand by a manual weight (repeatable), e.g. --weight
    /// beoordelen=2.
    #[arg(long = "weight", value_name = "THEME=FACTOR")]
    pub weights: Vec<String>,

    /// Only count respondents with this answer (repeatable), e.g. --where behoefte=Ja.
    #[arg(long = "where", value_name = "QUESTION=VALUE")]
    pub filters: Vec<String>,

    /// Per-school selection: group respondents by this question (e.g. school) and choose
    /// for each school the --pick themes of each year its own respondents want most.
    #[arg(long, value_name = "QUESTION")]
    pub per_school: Option<String>,

    /// Themes each school takes per year with --per-school (default 4, as in the
    /// Alliantie model).
    #[arg(long, value_name = "K", requires = "per_school")]
    pub pick: Option<usize>,

    /// Earlier plan.json files (repeatable): a theme last given 3 or more school years
    /// before the plan (the catalogue's [refresher] years) comes due as a refresher in
    /// year 1, and a theme given last school year waits as with --offered.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub history: Vec<PathBuf>,

    /// The partnership's records database (`peiling records`): who is due this school
    /// year for the three-yearly update or the training joins the expected headcount of
    /// each meeting (the rule: docs/catalogue-format.md). Not with --at-school.
    #[arg(long, value_name = "DB", conflicts_with = "at_school")]
    pub records: Option<PathBuf>,

    /// With --records: the partnership's requirements (TOML); default: BOS's, bundled.
    #[arg(long, value_name = "FILE", requires = "records")]
    pub requirements: Option<PathBuf>,
    /// The evaluation of the meetings: the evaluation.json that `peiling evaluate` writes,
    /// or its folder. Themes whose evaluation fell short are marked "herontwerpen voor
    /// herhaling" in their reasons (docs/evaluation-rules.md); they stay in the plan.
    #[arg(long, value_name = "FILE", conflicts_with = "at_school")]
    pub evaluations: Option<PathBuf>,

    /// With --per-school: each school's workshops given at the school itself (seed 002),
    /// with groups, trainers and a calendar per school and per trainer, instead of picks
    /// from the central plan. The rules are the catalogue's [school_mode] settings.
    #[arg(long, requires = "per_school")]
    pub at_school: bool,

    /// Schools with fewer respondents than this get the overall choice, and their counts
    /// are not shown (0 turns it off).
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub min_group: usize,

    /// Folder to write plan.md, plan.json and plan.ics to. It is replaced as a whole; an
    /// existing folder only when an earlier `peiling plan` wrote it and it holds nothing
    /// else.
    #[arg(long, short = 'o', value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Language of the table and the calendar.
    #[arg(long, value_enum, default_value_t = LangArg::Nl)]
    pub lang: LangArg,

    /// Print the plan as JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SynthFormat {
    /// Microsoft Forms, Dutch headers.
    Msforms,
    /// Microsoft Forms, English headers.
    MsformsEn,
    Google,
    Limesurvey,
}

#[derive(Debug, Args)]
pub struct SynthArgs {
    #[command(flatten)]
    pub source: SynthSource,

    /// Questionnaire (part) to draw from, by id; default: the one with most respondents.
    #[arg(long, value_name = "ID")]
    pub part: Option<String>,

    /// Number of responses to write.
    #[arg(long, short = 'n', value_name = "N")]
    pub n: u64,

    /// Seed: the same seed gives the same file.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,

    /// Export style to write.
    #[arg(long = "format", id = "synth_format", value_enum, default_value_t = SynthFormat::Msforms)]
    pub style: SynthFormat,

    /// Share of answers written in another accepted spelling (0 to 1).
    #[arg(long, value_name = "P", default_value_t = 0.02)]
    pub messy: f64,

    /// File to write.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The export file (CSV or XLSX) of the survey tool, as it was downloaded.
    #[arg(value_name = "EXPORT")]
    pub data: PathBuf,

    /// Questionnaire id: short, lowercase (e.g. wpb).
    #[arg(long, default_value = "enquete")]
    pub id: String,

    /// Title of the questionnaire (default: from the export's file name).
    #[arg(long)]
    pub title: Option<String>,

    /// Who answered it: WPB, SO, IO or any short code.
    #[arg(long, default_value = "WPB")]
    pub audience: String,

    #[command(flatten)]
    pub export: ExportArgs,

    /// File to write the draft to (default: print it). An existing file is left alone
    /// unless --force is given.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Overwrite --out when it exists.
    #[arg(long)]
    pub force: bool,
}

/// The survey synth draws from. Not [`SurveyArgs`]: its `--format` (the tool that wrote
/// the input) would clash with synth's `--format` (the style to write); the input is
/// always read with detection and the default options.
#[derive(Debug, Args, Clone)]
pub struct SynthSource {
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
}

impl SynthSource {
    pub fn survey_args(&self) -> SurveyArgs {
        SurveyArgs {
            survey: self.survey.clone(),
            questionnaire: self.questionnaire.clone(),
            data: self.data.clone(),
            export: ExportArgs::default(),
            utf8_only: false,
            strict: false,
            duplicates: DuplicatesArg::KeepAll,
            threads: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// Clap checks its definitions (unique flags per command) only when asked.
    #[test]
    fn command_line_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}

/// `6` or `5-7` (also `5..7`, `5 tot 7`, `5 to 7`).
fn count_range(text: &str) -> Result<[u32; 2], String> {
    let t = text.trim();
    let parts: Vec<&str> = [" tot ", " to ", "..", "-"]
        .iter()
        .find_map(|sep| t.split_once(sep).map(|(a, b)| vec![a, b]))
        .unwrap_or_else(|| vec![t, t]);
    match (parts[0].trim().parse(), parts[1].trim().parse()) {
        (Ok(a), Ok(b)) => Ok([a, b]),
        _ => Err(format!(
            "\"{text}\": expected a number like 6 or a range like 5-7"
        )),
    }
}

#[derive(Debug, Args)]
pub struct EvaluateArgs {
    /// A folder with the evaluation form `bijeenkomst.toml` and one export per meeting in
    /// `bijeenkomsten/` (as datasets/evaluatie).
    #[arg(value_name = "SURVEY", conflicts_with_all = ["questionnaire", "data"])]
    pub survey: Option<PathBuf>,
    /// The evaluation form (TOML), with --data.
    #[arg(long, short = 'q', value_name = "Q.toml", requires = "data")]
    pub questionnaire: Option<PathBuf>,
    /// The exports of the meetings, one or more.
    #[arg(long, short = 'd', value_name = "EXPORT", num_args = 1.., requires = "questionnaire")]
    pub data: Vec<PathBuf>,
    /// The rotation plan (plan.json): meetings are grouped by its themes.
    #[arg(long, value_name = "plan.json")]
    pub plan: Option<PathBuf>,
    /// The records database (SQLite): the response against who attended each meeting
    /// of the plan (needs --plan).
    #[arg(long, value_name = "DB", requires = "plan")]
    pub records: Option<PathBuf>,
    /// Folder to write the evaluatieverslag to (replaced as a whole).
    #[arg(
        long,
        short = 'o',
        value_name = "DIR",
        default_value = "evaluatieverslag"
    )]
    pub out: PathBuf,
    /// Language of the evaluatieverslag.
    #[arg(long, value_enum, default_value_t = LangArg::Nl)]
    pub lang: LangArg,
    /// Meetings with fewer responses show no percentages and no quotes.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub min_group: usize,
    /// Also print the figures as JSON on standard output (the evaluation.json written
    /// to the folder, docs/evaluation-schema.md), instead of the one-line summary.
    #[arg(long)]
    pub json: bool,
}
