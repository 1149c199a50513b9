//! Every input a fuzzer once crashed on: it must now give a result or an error, not a panic.

use peiling_survey::{import, ImportOptions, Questionnaire};

#[test]
fn fuzz_regressions_do_not_panic() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/fuzz");
    let q = Questionnaire::from_toml(
        "all-kinds.toml",
        &std::fs::read_to_string(root.join("all-kinds.toml")).unwrap(),
    )
    .unwrap();
    let mut seen = 0;
    for entry in std::fs::read_dir(root.join("regressions")).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("questionnaire-") {
            let _ = Questionnaire::from_toml(&name, &String::from_utf8_lossy(&bytes));
        } else if let Ok(d) = import(&q, &name, &bytes, &ImportOptions::default()) {
            assert_eq!(
                d.report.rows_read,
                d.report.rows_accepted + d.report.rows_rejected()
            );
        }
        seen += 1;
    }
    assert!(seen >= 1, "the regression corpus is not empty");
}
