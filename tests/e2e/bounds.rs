//! Hangs and unbounded resources: special files are refused at once, and the time to
//! read adversarial input grows in proportion to it (each input doubled: at most about
//! twice the time, where a quadratic algorithm takes four times).

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::Run;

/// Runs `peiling ARGS` in `dir`, killed (and the test failed) after `limit` or beyond
/// 1 GiB of memory (where Linux tells), so that a regression fails here instead of
/// hanging or exhausting the machine; how long
/// it took: the processor time it used where Linux tells (other work on a busy machine
/// hardly changes that), else the time on the clock.
fn run_within(dir: &Path, args: &[&str], limit: Duration) -> (Run, Duration) {
    let out = dir.join(".stdout");
    let err = dir.join(".stderr");
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_peiling"))
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap())
        .spawn()
        .expect("the peiling binary runs");
    let stat = format!("/proc/{}/stat", child.id());
    let mut cpu = None;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        let now = process_stat(&stat);
        cpu = now.map(|(time, _)| time).or(cpu);
        if now.is_some_and(|(_, rss)| rss > 1 << 30) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("peiling {args:?} took more than 1 GiB of memory");
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("peiling {args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let took = cpu.unwrap_or_else(|| start.elapsed());
    let output = std::process::Output {
        status,
        stdout: std::fs::read(&out).unwrap(),
        stderr: std::fs::read(&err).unwrap(),
    };
    (Run(output), took)
}

/// User plus system time and resident memory (bytes) of a running process, from its
/// `/proc/PID/stat` (fields 14, 15 in ticks of 1/100 s; 24 in pages of 4 KiB).
fn process_stat(stat: &str) -> Option<(Duration, u64)> {
    let text = std::fs::read_to_string(stat).ok()?;
    let fields: Vec<&str> = text.rsplit_once(')')?.1.split_whitespace().collect();
    let field = |i: usize| fields.get(i)?.parse::<u64>().ok();
    let ticks = field(11)? + field(12)?;
    Some((Duration::from_millis(ticks * 10), field(21)? * 4096))
}

const QUESTIONNAIRE: &str = r#"
id = "t"
title = "Test"
audience = "WPB"

[[question]]
id = "age"
text = "Leeftijd"
kind = "single"
options = ["Jonger dan 25", "25-35", "36-45"]

[[question]]
id = "themes"
text = "Thema's"
kind = "multi"
other = "Andere"
options = ["Feedback geven", "Coachen, begeleiden", "Reflectie", "Andere"]

[[question]]
id = "why"
text = "Toelichting"
kind = "text"
"#;

fn workdir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("q.toml"), QUESTIONNAIRE).unwrap();
    std::fs::write(
        dir.path().join("good.csv"),
        "Leeftijd;Thema's;Toelichting\n25-35;Reflectie;prima\n",
    )
    .unwrap();
    dir
}

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
}

#[test]
fn pipes_and_devices_are_refused_at_once() {
    let dir = workdir();
    let d = dir.path();
    mkfifo(&d.join("pipe"));
    std::fs::create_dir(d.join("survey")).unwrap();
    mkfifo(&d.join("survey/survey.toml"));
    let limit = Duration::from_secs(8);
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["validate", "-q", "q.toml", "-d", "pipe"], "pipe"),
        (vec!["analyze", "-q", "q.toml", "-d", "pipe"], "pipe"),
        (
            vec!["report", "-q", "q.toml", "-d", "pipe", "--out", "r"],
            "pipe",
        ),
        (vec!["init", "pipe", "-o", "draft.toml"], "pipe"),
        (vec!["validate", "-q", "pipe", "-d", "good.csv"], "pipe"),
        (vec!["analyze", "survey"], "survey.toml"),
        (vec!["validate", "survey/survey.toml"], "survey.toml"),
        (vec!["plan", "--catalogue", "pipe"], "pipe"),
        (
            vec!["validate", "-q", "q.toml", "-d", "/dev/zero"],
            "/dev/zero",
        ),
        (
            vec!["analyze", "-q", "q.toml", "-d", "/dev/zero"],
            "/dev/zero",
        ),
        (
            vec!["validate", "-q", "/dev/zero", "-d", "good.csv"],
            "/dev/zero",
        ),
        (vec!["plan", "--catalogue", "/dev/zero"], "/dev/zero"),
    ];
    for (args, file) in cases {
        let (run, _) = run_within(d, &args, limit);
        let err = run.user_error();
        assert!(
            err.contains(file) && (err.contains("pipe") || err.contains("device")),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn a_large_file_of_zeros_is_refused_from_its_first_block() {
    let dir = workdir();
    let d = dir.path();
    // Sparse: 3 GB of zeros that take no disk space; reading it all would take seconds
    // and (loaded whole) gigabytes.
    let zeros = std::fs::File::create(d.join("zeros.csv")).unwrap();
    zeros.set_len(3 << 30).unwrap();
    drop(zeros);
    for command in ["validate", "analyze"] {
        let (run, took) = run_within(
            d,
            &[command, "-q", "q.toml", "-d", "zeros.csv"],
            Duration::from_secs(30),
        );
        let err = run.user_error();
        assert!(err.contains("zeros.csv:1:1: found binary data"), "{err}");
        assert!(took < Duration::from_secs(1), "{command} took {took:?}");
    }
    // Text too large to load whole is refused by its size, before the rest is read.
    let text = "Leeftijd;Thema's;Toelichting\n".to_string() + &"25-35;Reflectie;ja\n".repeat(5_000);
    std::fs::write(d.join("big.csv"), text).unwrap();
    let big = std::fs::OpenOptions::new()
        .write(true)
        .open(d.join("big.csv"))
        .unwrap();
    big.set_len(3 << 30).unwrap();
    drop(big);
    let (run, took) = run_within(
        d,
        &["validate", "-q", "q.toml", "-d", "big.csv"],
        Duration::from_secs(30),
    );
    let err = run.user_error();
    assert!(
        err.contains("big.csv: is 3.0 GiB, expected at most 1.0 GiB for an export"),
        "{err}"
    );
    assert!(took < Duration::from_secs(1), "took {took:?}");
}

/// One timing of `peiling ARGS` in `dir`.
fn timed(dir: &Path, args: &[&str]) -> Duration {
    let (run, took) = run_within(dir, args, Duration::from_secs(120));
    assert!(matches!(run.code(), 0 | 2), "{args:?}: {}", run.stderr());
    assert!(!run.stderr().contains("panicked"), "{}", run.stderr());
    took
}

/// Times `args` on the files `make(n)` writes and on those of `make(2 n)`, the least
/// of three runs each, taken in turns (a busy machine only ever adds time); the second
/// may take at most `MAX_RATIO` times the first. A busy machine can still slow one side
/// of a measurement, so a ratio above the limit is measured again, up to three times:
/// a super-linear algorithm exceeds it every time, noise does not.
fn assert_linear(what: &str, n: usize, args: &[&str], make: &dyn Fn(&Path, usize)) {
    const MAX_RATIO: f64 = 2.5;
    const ATTEMPTS: usize = 3;
    let small = workdir();
    let large = workdir();
    make(small.path(), n);
    make(large.path(), 2 * n);
    let mut ratios = Vec::new();
    for _ in 0..ATTEMPTS {
        let (mut t1, mut t2) = (Duration::MAX, Duration::MAX);
        for _ in 0..3 {
            t1 = t1.min(timed(small.path(), args));
            t2 = t2.min(timed(large.path(), args));
        }
        let ratio = t2.as_secs_f64() / t1.as_secs_f64();
        eprintln!("{what}: n={n} {t1:?}, 2n {t2:?}, ratio {ratio:.2}");
        assert!(
            t1 >= Duration::from_millis(50),
            "{what}: n={n} is too small to time ({t1:?})"
        );
        if ratio <= MAX_RATIO {
            return;
        }
        ratios.push(format!("{ratio:.2} ({t1:?} -> {t2:?})"));
    }
    panic!(
        "{what}: doubling took more than {MAX_RATIO} times as long in each of {ATTEMPTS} measurements: {}",
        ratios.join(", ")
    );
}

#[test]
fn time_grows_linearly_with_each_adversarial_input() {
    let validate = ["validate", "-q", "q.toml", "-d", "data.csv"];
    // Choices in one cell: 20 rows, each one long multi-select cell (distinct, so no
    // reading is shared), options that contain the separator among them.
    assert_linear("choices per cell", 5_000, &validate, &|d, n| {
        let mut csv = String::from("Leeftijd;Thema's;Toelichting\n");
        for row in 0..20 {
            let _ = write!(csv, "25-35;\"r{row}");
            for i in 0..n {
                csv.push_str(match i % 4 {
                    0 => ",Feedback geven",
                    1 => ",Coachen, begeleiden",
                    2 => ",iets anders",
                    _ => ",.",
                });
            }
            csv.push_str("\";\n");
        }
        std::fs::write(d.join("data.csv"), csv).unwrap();
    });
    // Distinct free texts, through the whole report (they are quoted in it).
    assert_linear(
        "distinct texts",
        20_000,
        &[
            "report",
            "-q",
            "q.toml",
            "-d",
            "data.csv",
            "--out",
            "r",
            "--no-plan",
        ],
        &|d, n| {
            let mut csv = String::from("Leeftijd;Thema's;Toelichting\n");
            for row in 0..n {
                let _ = writeln!(csv, "25-35;Reflectie;antwoord nummer {row}");
            }
            std::fs::write(d.join("data.csv"), csv).unwrap();
        },
    );
    // Columns: n extra columns nobody asked about, in a header and 150 rows.
    assert_linear("columns", 8_000, &validate, &|d, n| {
        let mut csv = String::from("Leeftijd;Thema's;Toelichting");
        for c in 0..n {
            let _ = write!(csv, ";extra {c}");
        }
        csv.push('\n');
        for row in 0..150 {
            let _ = write!(csv, "25-35;Reflectie;tekst {row}");
            csv.push_str(&";x".repeat(n));
            csv.push('\n');
        }
        std::fs::write(d.join("data.csv"), csv).unwrap();
    });
    // Rows, both read whole (validate) and streamed (analyze).
    let rows = |d: &Path, n: usize| {
        let mut csv = String::from("Leeftijd;Thema's;Toelichting\n");
        for row in 0..n {
            let age = ["25-35", "Jonger dan 25", "36-45", "onbekend"][row % 4];
            let _ = writeln!(csv, "{age};Reflectie,Feedback geven;tekst {}", row % 97);
        }
        std::fs::write(d.join("data.csv"), csv).unwrap();
    };
    assert_linear("rows (read whole)", 50_000, &validate, &rows);
    assert_linear(
        "rows (streamed)",
        100_000,
        &["analyze", "-q", "q.toml", "-d", "data.csv", "--json"],
        &rows,
    );
    // Options of a question in the questionnaire.
    assert_linear(
        "options in the questionnaire",
        30_000,
        &["validate", "-q", "big.toml", "-d", "good.csv"],
        &|d, n| {
            let mut more = String::new();
            for i in 0..n {
                let _ = write!(more, ", \"keuze {i}\"");
            }
            let toml = QUESTIONNAIRE.replace(
                "\"Reflectie\", \"Andere\"]",
                &format!("\"Reflectie\", \"Andere\"{more}]"),
            );
            std::fs::write(d.join("big.toml"), toml).unwrap();
        },
    );
}
