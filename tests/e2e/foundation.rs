//! The bundled survey loads from anywhere and malformed definitions are refused clearly.

use crate::common::{peiling, peiling_in};

#[test]
fn validate_bundled_survey_from_any_directory() {
    let out = peiling(&["validate"]).ok();
    assert!(
        out.contains("rows: 10 read, 10 accepted, 0 rejected"),
        "{out}"
    );
    assert!(
        out.contains("rows: 63 read, 63 accepted, 0 rejected"),
        "{out}"
    );
}

#[test]
fn malformed_questionnaire_is_a_one_line_user_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("q.toml"),
        "id = \"x\"\ntitle = \"X\"\naudience = \"WPB\"\n\n[[question]]\nid = \"a\"\ntext = \"A\"\nkind = \"single\"\noptions = [\"Ja\", \"ja\"]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("d.csv"), "ID,A\n1,Ja\n").unwrap();
    let err = peiling_in(dir.path(), &["validate", "-q", "q.toml", "-d", "d.csv"]).user_error();
    assert_eq!(
        err,
        "peiling: q.toml:9: question \"a\": option \"ja\" appears twice"
    );
}

#[test]
fn missing_survey_folder_is_a_user_error() {
    let err = peiling(&["validate", "no-such-folder"]).user_error();
    assert!(err.contains("no-such-folder"), "{err}");
}
