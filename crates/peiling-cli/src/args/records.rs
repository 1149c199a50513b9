//! The arguments of `peiling records` and `peiling certificates` (clap): persons,
//! activities, registrations, attendance and what is due.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::LangArg;

/// Who came, what they earned: persons, activities, registrations and attendance.
#[derive(Debug, Args)]
pub struct RecordsArgs {
    /// The partnership's records database (SQLite), created readable by you only.
    #[arg(long, global = true, value_name = "FILE", default_value = "peiling.db")]
    pub db: PathBuf,

    #[command(subcommand)]
    pub command: RecordsCommand,
}

#[derive(Debug, Subcommand)]
pub enum RecordsCommand {
    /// Import a sign-up export (Microsoft Forms, Google Forms) or an attendance list
    /// (CSV or XLSX). Importing the same file twice changes nothing.
    Import(ImportArgs),
    /// Declare activities: the meetings of a plan.json, or one by hand.
    #[command(subcommand)]
    Activity(ActivityCommand),
    /// Counts only: persons per role, and per activity registrations, attendance and
    /// no-shows; the uncertain matches waiting for a decision (by number).
    List,
    /// Everything about one person (by number #12, e-mail address or full name).
    Person { person: String },
    /// Who is due for what in a school year, under the partnership's requirements.
    Due(DueArgs),
    /// All data about one person as JSON (an AVG access request).
    Export {
        person: String,
        /// Write it to this file (readable by you only) instead of the terminal.
        #[arg(long, short = 'o', value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Erase one person (AVG): afterwards the database file holds no trace of them.
    Forget { person: String },
    /// Merge two persons that are one: B's registrations and attendance move to A.
    Merge { a: String, b: String },
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = KindArg::Registrations)]
    pub kind: KindArg,
    /// The activity of every row (an attendance list of one meeting): its id or title.
    #[arg(long, value_name = "ID")]
    pub activity: Option<String>,
    /// Write the rejected rows, with a reason column, to this CSV file (readable by you only).
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,
    /// Sheet of an XLSX workbook to read (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Read CSV as UTF-8 only, instead of falling back to Windows-1252.
    #[arg(long)]
    pub utf8_only: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    Registrations,
    Attendance,
}

#[derive(Debug, Subcommand)]
pub enum ActivityCommand {
    /// Declare the meetings of a plan.json (written by `peiling plan --out DIR`).
    Plan { plan: PathBuf },
    /// Declare one activity by hand.
    Add {
        id: String,
        #[arg(long)]
        title: String,
        /// YYYY-MM-DD
        #[arg(long)]
        date: String,
        #[arg(long)]
        hours: f64,
        #[arg(long)]
        theme: Option<String>,
        /// basis or verdiepend
        #[arg(long)]
        level: Option<String>,
        #[arg(long)]
        place: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct DueArgs {
    /// School year, e.g. 2022-2023 (default: the current one).
    #[arg(long, value_name = "YEAR")]
    pub year: Option<String>,
    /// The partnership's requirements (TOML); default: BOS's, bundled.
    #[arg(long, value_name = "FILE")]
    pub requirements: Option<PathBuf>,
    /// Also list the persons due (names: personal data on the terminal).
    #[arg(long)]
    pub names: bool,
}

#[derive(Debug, Args)]
pub struct CertificatesArgs {
    /// School year, e.g. 2021-2022.
    #[arg(long, value_name = "YEAR")]
    pub year: String,
    /// Folder to write the certificates and index.html to (replaced as a whole; an
    /// existing folder only when an earlier `peiling certificates` wrote it).
    #[arg(long, short = 'o', value_name = "DIR")]
    pub out: PathBuf,
    /// Language of the certificates.
    #[arg(long, value_enum, default_value_t = LangArg::Nl)]
    pub lang: LangArg,
    /// The partnership's records database (SQLite).
    #[arg(long, value_name = "FILE", default_value = "peiling.db")]
    pub db: PathBuf,
    /// The partnership's name on the certificates; default: from the requirements.
    #[arg(long, value_name = "NAME")]
    pub partnership: Option<String>,
    /// The partnership's requirements (TOML), for its name; default: BOS's, bundled.
    #[arg(long, value_name = "FILE")]
    pub requirements: Option<PathBuf>,
}
