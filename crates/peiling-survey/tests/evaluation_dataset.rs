//! The bundled synthetic evaluation data (datasets/evaluatie/): both questionnaires load,
//! every export imports whole (every row a response, every column a question or the
//! tool's metadata, no problem), and the meeting options are the bundled plan's meetings.

use std::path::{Path, PathBuf};

use peiling_survey::{import, Answer, ImportOptions, Kind, Questionnaire};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../datasets/evaluatie")
}

fn load(name: &str) -> Questionnaire {
    let text = std::fs::read_to_string(dir().join(name)).unwrap();
    Questionnaire::from_toml(name, &text).unwrap_or_else(|e| panic!("{e}"))
}

fn exports(folder: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir().join(folder))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    files.sort();
    files
}

/// Data rows of a generated export: no cell spans two lines.
fn rows(path: &Path) -> usize {
    std::fs::read_to_string(path).unwrap().lines().count() - 1
}

fn check(q: &Questionnaire, path: &Path) -> Vec<Vec<Answer>> {
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let bytes = std::fs::read(path).unwrap();
    let d = import(q, &name, &bytes, &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(d.report.format, "Microsoft Forms", "{name}");
    assert_eq!(d.responses.len(), rows(path), "{name}");
    assert!(
        d.report.problems.is_empty(),
        "{name}: {:?}",
        d.report.problems
    );
    assert!(d.report.rejected.is_empty(), "{name}");
    assert!(
        d.report.unmatched_columns.is_empty(),
        "{name}: {:?}",
        d.report.unmatched_columns
    );
    assert!(
        d.responses
            .iter()
            .all(|r| r.answers.len() == q.questions.len()),
        "{name}"
    );
    d.responses.into_iter().map(|r| r.answers).collect()
}

#[test]
fn the_meeting_form_has_the_eight_conditions_as_a_grid() {
    let q = load("bijeenkomst.toml");
    let grid: Vec<&str> = q
        .questions
        .iter()
        .filter(|x| x.grid.is_some())
        .map(|x| x.id.as_str())
        .collect();
    assert_eq!(grid.len(), 8);
    assert!(grid.contains(&"voorwaarden_coaching"));
    let r = load("reflectie.toml");
    assert_eq!(r.questions.iter().filter(|x| x.grid.is_some()).count(), 8);
}

#[test]
fn every_meeting_export_imports_whole_and_names_one_meeting_of_the_plan() {
    let q = load("bijeenkomst.toml");
    let plan: String =
        std::fs::read_to_string(dir().join("../../reports/bos-2020/nl/plan.json")).unwrap();
    let Kind::Single { options } = &q.question("bijeenkomst").unwrap().kind else {
        panic!("bijeenkomst is a single choice")
    };
    assert_eq!(options.len(), 12);
    for folder in ["bijeenkomsten", "controle"] {
        let files = exports(folder);
        assert_eq!(files.len(), 12, "{folder}");
        for (i, path) in files.iter().enumerate() {
            let answers = check(&q, path);
            let n = answers.len();
            if folder == "bijeenkomsten" {
                assert!((8..=25).contains(&n), "{}: {n} responses", path.display());
            }
            // Every response names the meeting of its file: the i-th of the plan.
            assert!(
                answers.iter().all(|a| a[0] == Answer::Choice(i)),
                "{}",
                path.display()
            );
            let label = &options[i].label;
            let date = &label[label.len() - 11..label.len() - 1];
            assert!(plan.contains(&format!("\"date\": \"{date}\"")), "{label}");
        }
    }
}

#[test]
fn the_reflection_export_imports_whole() {
    let q = load("reflectie.toml");
    let answers = check(&q, &dir().join("reflectie-2022.csv"));
    assert_eq!(answers.len(), 39);
}
