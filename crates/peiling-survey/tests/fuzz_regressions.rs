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
        // The fuzz targets' own checks: accounting closes, errors are one located line.
        let check = |message: String| {
            assert!(!message.contains('\n'), "{name}: {message:?}");
            assert!(
                message.starts_with(&format!("{name}:")),
                "{name}: {message}"
            );
        };
        if name.starts_with("questionnaire-") {
            if let Err(e) = Questionnaire::from_toml(&name, &String::from_utf8_lossy(&bytes)) {
                check(e.to_string());
            }
        } else {
            for strict in [false, true] {
                let opts = ImportOptions {
                    strict,
                    ..ImportOptions::default()
                };
                match import(&q, &name, &bytes, &opts) {
                    Ok(d) => {
                        let r = &d.report;
                        assert_eq!(r.rows_read, r.rows_accepted + r.rows_rejected());
                        for t in &r.tallies {
                            assert_eq!(
                                t.answered + t.no_answer + t.invalid + t.not_asked,
                                r.rows_accepted
                            );
                        }
                    }
                    Err(e) => check(e.to_string()),
                }
            }
        }
        seen += 1;
    }
    assert!(seen >= 2, "the regression corpus is not empty");
}
