//! Shared helpers: run the built binary and look at what it printed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (tests run from the CLI crate's folder).
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

pub fn bundled() -> PathBuf {
    repo().join("datasets/bos-2020")
}

/// The names in a folder, sorted, without the hidden ones (the manifest).
pub fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names
}

/// Runs `peiling ARGS` from `dir` (a temporary folder by default, so tests never
/// depend on the working directory).
pub fn peiling_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_peiling"))
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("the peiling binary runs");
    Run(output)
}

pub fn peiling(args: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    peiling_in(dir.path(), args)
}

pub struct Run(pub Output);

impl Run {
    pub fn code(&self) -> i32 {
        self.0.status.code().unwrap_or(-1)
    }
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }
    /// Asserts exit code 0 and returns stdout.
    #[track_caller]
    pub fn ok(&self) -> String {
        assert_eq!(
            self.code(),
            0,
            "stderr: {}\nstdout: {}",
            self.stderr(),
            self.stdout()
        );
        self.stdout()
    }
    /// Asserts a user error: exit code 2, one line on stderr, no panic.
    #[track_caller]
    pub fn user_error(&self) -> String {
        let err = self.stderr();
        assert_eq!(self.code(), 2, "stderr: {err}\nstdout: {}", self.stdout());
        assert!(!err.contains("panicked"), "panic: {err}");
        assert_eq!(
            err.trim_end().lines().count(),
            1,
            "one line expected: {err}"
        );
        err.trim_end().to_string()
    }
}

/// An ISO date ("2021-10-07") as the Dutch report writes it, without the weekday:
/// "7 oktober 2021".
pub fn dutch_day(iso: &str) -> String {
    let months = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let parts: Vec<usize> = iso.split('-').map(|p| p.parse().unwrap()).collect();
    format!("{} {} {}", parts[2], months[parts[1] - 1], parts[0])
}
