//! Where peiling writes: pipes and devices are written into and stay what they are,
//! personal data is 0600, a report folder is replaced as a whole, bad output paths and
//! full disks are one plain line with exit 2, and nothing unfinished is left behind.

use std::collections::BTreeSet;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{bundled, peiling, peiling_in, Run};

/// Every file under `dir`, relative, hidden ones included.
fn tree(dir: &Path) -> BTreeSet<String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeSet<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.insert(p.strip_prefix(root).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(dir, dir, &mut out);
    out
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("peiling-tmp") || n.contains("peiling-old"))
        .collect()
}

/// A user error whose one line is plain words: no raw `os error NN`.
#[track_caller]
fn plain_user_error(run: &Run) -> String {
    let err = run.user_error();
    assert!(!err.contains("os error"), "{err}");
    err
}

/// Runs peiling in `dir` through `sh` with a file size limit of `blocks`, so a write
/// beyond it fails (EFBIG) as on a full disk.
fn peiling_limited(dir: &Path, blocks: u32, args: &[&str]) -> Run {
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f {blocks}; exec \"$0\" \"$@\""
        ))
        .arg(env!("CARGO_BIN_EXE_peiling"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    Run(output)
}

#[test]
fn a_fifo_receives_the_output_and_stays_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = fifo.clone();
    std::thread::spawn(move || {
        let _ = tx.send(std::fs::read_to_string(reader));
    });
    peiling_in(dir.path(), &["analyze", "--json", "-o", "pipe"]).ok();
    let received = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("the reader got the output")
        .unwrap();
    let expected = peiling(&["analyze", "--json"]).ok();
    assert_eq!(received, expected);
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the FIFO was replaced: {kind:?}");
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn a_full_device_is_reported_and_stays_a_device() {
    let full = Path::new("/dev/full");
    let is_device = || {
        std::fs::symlink_metadata(full)
            .unwrap()
            .file_type()
            .is_char_device()
    };
    assert!(
        is_device(),
        "/dev/full must be a character device to start with"
    );
    let dir = tempfile::tempdir().unwrap();
    let export = bundled().join("wpb.csv");
    let runs: [&[&str]; 5] = [
        &["analyze", "--json", "-o", "/dev/full"],
        &["validate", "--rejects", "/dev/full"],
        &["synth", "-n", "2000", "-o", "/dev/full"],
        &[
            "init",
            export.to_str().unwrap(),
            "--force",
            "-o",
            "/dev/full",
        ],
        &["report", "--out", "rapport", "--contacts", "/dev/full"],
    ];
    for args in runs {
        let err = plain_user_error(&peiling_in(dir.path(), args));
        assert!(
            err.contains("cannot write /dev/full: the disk is full"),
            "{args:?}: {err}"
        );
        assert!(is_device(), "{args:?} replaced /dev/full");
    }
    // The contacts failed, so the report was not written either.
    assert!(!dir.path().join("rapport").exists());
    // Standard output on a full disk: the same plain line, no panic.
    for args in [
        &["analyze", "--json"][..],
        &["validate"],
        &["report", "--out", "r2"],
    ] {
        let device = std::fs::OpenOptions::new().write(true).open(full).unwrap();
        let output = Command::new(env!("CARGO_BIN_EXE_peiling"))
            .args(args)
            .current_dir(dir.path())
            .stdout(device)
            .output()
            .unwrap();
        let err = plain_user_error(&Run(output));
        assert!(err.contains("the disk is full"), "{args:?}: {err}");
        assert!(is_device());
    }
}

#[test]
fn personal_data_is_for_the_owner_only_and_no_temporary_file_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // An existing, world-readable contacts file is replaced by one only its owner reads.
    std::fs::write(d.join("contacten.csv"), "oud\n").unwrap();
    std::fs::set_permissions(d.join("contacten.csv"), PermissionsExt::from_mode(0o644)).unwrap();
    peiling_in(
        d,
        &[
            "report",
            "--no-plan",
            "--out",
            "rapport",
            "--contacts",
            "contacten.csv",
        ],
    )
    .ok();
    peiling_in(d, &["validate", "--rejects", "afgewezen.csv"]).ok();
    for f in ["contacten.csv", "afgewezen.csv"] {
        let mode = std::fs::metadata(d.join(f)).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{f}: {mode:o}");
    }
    assert!(leftovers(d).is_empty(), "{:?}", leftovers(d));

    // A write that fails half-way (a file size limit, as a full disk) leaves no
    // temporary file with personal data, and no report either.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let run = peiling_limited(
        d,
        1,
        &["report", "--out", "rapport", "--contacts", "contacten.csv"],
    );
    let err = plain_user_error(&run);
    assert!(
        err.contains("cannot write contacten.csv: the file is too large for this disk"),
        "{err}"
    );
    assert!(leftovers(d).is_empty(), "{:?}", leftovers(d));
    assert!(
        std::fs::read_dir(d).unwrap().next().is_none(),
        "{:?}",
        tree(d)
    );

    // The same for a streamed file.
    let err = plain_user_error(&peiling_limited(
        d,
        64,
        &["synth", "-n", "5000", "-o", "s.csv"],
    ));
    assert!(
        err.contains("cannot write s.csv: the file is too large"),
        "{err}"
    );
    assert!(
        std::fs::read_dir(d).unwrap().next().is_none(),
        "{:?}",
        tree(d)
    );
}

#[test]
fn a_reused_out_folder_holds_exactly_the_new_run() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    peiling_in(d, &["report", "--by", "leeftijd", "--out", "rapport"]).ok();
    let first = tree(&d.join("rapport"));
    assert!(first.contains("plan.json") && first.contains("plan.ics"));
    peiling_in(d, &["report", "--no-plan", "--out", "rapport"]).ok();
    peiling_in(d, &["report", "--no-plan", "--out", "vers"]).ok();
    let reused = tree(&d.join("rapport"));
    assert_eq!(reused, tree(&d.join("vers")));
    assert!(!reused.contains("plan.json") && !reused.contains("plan.ics"));
    assert!(
        first.len() > reused.len(),
        "{} {}",
        first.len(),
        reused.len()
    );
    for name in &reused {
        let a = std::fs::read(d.join("rapport").join(name)).unwrap();
        assert!(
            a == std::fs::read(d.join("vers").join(name)).unwrap(),
            "{name}"
        );
    }
    assert!(leftovers(d).is_empty(), "{:?}", leftovers(d));

    // A folder holding a file peiling did not write is left alone.
    std::fs::write(d.join("rapport/notities.txt"), "mijn notities").unwrap();
    let err = plain_user_error(&peiling_in(d, &["report", "--out", "rapport"]));
    assert!(err.contains("notities.txt"), "{err}");
    assert_eq!(
        std::fs::read_to_string(d.join("rapport/notities.txt")).unwrap(),
        "mijn notities"
    );
    assert_eq!(tree(&d.join("rapport")).len(), reused.len() + 1);
    // ... and a plan does not replace a report.
    let err = plain_user_error(&peiling_in(d, &["plan", "--out", "vers"]));
    assert!(err.contains("peiling report"), "{err}");
    assert!(d.join("vers/report.md").exists());
    // A plan folder is replaced by the next plan.
    peiling_in(d, &["plan", "--out", "plan"]).ok();
    peiling_in(d, &["plan", "--years", "3", "--out", "plan"]).ok();
    let plan = tree(&d.join("plan"));
    let names: Vec<&str> = plan.iter().map(String::as_str).collect();
    assert_eq!(
        names,
        [".peiling-manifest", "plan.ics", "plan.json", "plan.md"]
    );
}

#[test]
fn contacts_never_go_into_the_report_folder() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let err = plain_user_error(&peiling_in(
        d,
        &[
            "report",
            "--out",
            "rapport",
            "--contacts",
            "rapport/contacten.csv",
        ],
    ));
    assert!(err.contains("personal data"), "{err}");
    let err = plain_user_error(&peiling_in(
        d,
        &[
            "report",
            "--out",
            "rapport",
            "--contacts",
            "elders/../rapport/sub/c.csv",
        ],
    ));
    assert!(err.contains("personal data"), "{err}");
    assert!(!d.join("rapport").exists() && !d.join("elders").exists());
}

#[test]
fn bad_output_paths_are_one_plain_line_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("alleen-lezen")).unwrap();
    std::fs::set_permissions(d.join("alleen-lezen"), PermissionsExt::from_mode(0o555)).unwrap();
    std::os::unix::fs::symlink(d.join("nergens/x.json"), d.join("los")).unwrap();
    std::fs::create_dir(d.join("map")).unwrap();
    std::fs::write(d.join("bestand"), "x").unwrap();
    let ro = d.join("alleen-lezen").canonicalize().unwrap();
    let link = d.canonicalize().unwrap().join("los");
    let cases: Vec<(Vec<&str>, String)> = vec![
        (
            vec!["analyze", "-o", "alleen-lezen/a.json"],
            format!(
                "cannot write alleen-lezen/a.json: the folder {} is read-only",
                ro.display()
            ),
        ),
        (
            vec!["report", "--out", "alleen-lezen/rapport"],
            format!("the folder {} is read-only", ro.display()),
        ),
        (
            vec!["report", "--contacts", "alleen-lezen/c.csv"],
            format!(
                "cannot write alleen-lezen/c.csv: the folder {} is read-only",
                ro.display()
            ),
        ),
        (
            vec!["validate", "--rejects", "los"],
            format!("cannot write los: {} is a link to", link.display()),
        ),
        (
            vec!["analyze", "-o", "map"],
            "cannot write map: it is a folder".to_string(),
        ),
        (
            vec!["synth", "-n", "5", "-o", "map"],
            "cannot write map: it is a folder".to_string(),
        ),
        (
            vec!["plan", "--out", "bestand"],
            "cannot write bestand: it is a file".to_string(),
        ),
        (
            vec!["analyze", "-o", "bestand/a.json"],
            "is a file, not a folder".to_string(),
        ),
    ];
    for (args, expected) in cases {
        let err = plain_user_error(&peiling_in(d, &args));
        assert!(err.contains(&expected), "{args:?}: {err}");
    }
    assert!(std::fs::read_dir(d.join("alleen-lezen"))
        .unwrap()
        .next()
        .is_none());
    assert!(!d.join("nergens").exists());
    assert!(leftovers(d).is_empty(), "{:?}", leftovers(d));
}

#[test]
fn synth_has_a_bound_and_plan_dates_a_range() {
    let dir = tempfile::tempdir().unwrap();
    let err = plain_user_error(&peiling_in(
        dir.path(),
        &["synth", "-n", "18446744073709551615", "-o", "s.csv"],
    ));
    assert!(err.contains("at most 100000000 responses"), "{err}");
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
    for start in ["9999-12-31", "2201-01-01", "1899-12-31"] {
        let err = plain_user_error(&peiling_in(
            dir.path(),
            &["plan", "--start", start, "--out", "plan"],
        ));
        assert!(err.contains("expected a date from 1900 to 2200"), "{err}");
    }
    assert!(!dir.path().join("plan").exists());
}

#[test]
fn an_interrupt_removes_the_unfinished_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut child = Command::new(env!("CARGO_BIN_EXE_peiling"))
        .args(["synth", "-n", "50000000", "-o", "groot.csv"])
        .current_dir(d)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while leftovers(d).is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no temporary file"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "{status:?}");
    assert!(
        std::fs::read_dir(d).unwrap().next().is_none(),
        "{:?}",
        tree(d)
    );
}
