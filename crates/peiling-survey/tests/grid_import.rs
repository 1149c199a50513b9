//! Grid questions (`[[grid]]`) read from each tool's export shape (tests/fixtures/grid/):
//! every file gives the answers written down by hand in the fixtures' README.

use std::path::{Path, PathBuf};

use peiling_survey::{import, Answer, ImportOptions, Kind, Questionnaire};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/grid")
}

fn questionnaire() -> Questionnaire {
    let text = std::fs::read_to_string(dir().join("questionnaire.toml")).unwrap();
    Questionnaire::from_toml("questionnaire.toml", &text).unwrap()
}

#[test]
fn a_grid_expands_into_scale_questions_that_keep_the_stem() {
    let q = questionnaire();
    let ids: Vec<&str> = q.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "rol",
            "voorwaarden_inhoud",
            "voorwaarden_actief",
            "voorwaarden_coaching"
        ]
    );
    let inhoud = &q.questions[1];
    assert!(matches!(
        &inhoud.kind,
        Kind::Scale { levels, not_applicable, .. } if levels.len() == 4 && not_applicable.len() == 1
    ));
    assert_eq!(inhoud.group, "voorwaarden");
    assert_eq!(
        inhoud.text,
        "In welke mate gold dit in deze bijeenkomst? [De inhoud sloot aan bij mijn vak]"
    );
    let grid = inhoud.grid.as_ref().unwrap();
    assert_eq!(grid.grid, "voorwaarden");
    assert_eq!(
        grid.stem(true),
        "To what extent did this hold in this meeting?"
    );
    assert_eq!(grid.item(true), "Content focused");
    assert_eq!(grid.item(false), "De inhoud sloot aan bij mijn vak");
    assert_eq!(q.questions[3].code.as_deref(), Some("VW[SQ009]"));
    assert!(q.questions[0].grid.is_none());
}

#[test]
fn every_export_shape_of_a_grid_gives_the_same_answers() {
    use Answer::{Choice, NoAnswer, NotApplicable};
    let q = questionnaire();
    let want = vec![
        vec![Choice(0), Choice(1), Choice(0), NotApplicable(0)],
        vec![Choice(1), Choice(2), NoAnswer, Choice(3)],
        vec![Choice(0), Choice(0), Choice(1), Choice(1)],
    ];
    for (name, format) in [
        ("msforms-likert.csv", "Microsoft Forms"),
        ("google-forms.csv", "Google Forms"),
        ("limesurvey-text.csv", "LimeSurvey"),
        ("limesurvey-codes.csv", "LimeSurvey"),
    ] {
        let bytes = std::fs::read(dir().join(name)).unwrap();
        let d = import(&q, name, &bytes, &ImportOptions::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(d.report.format, format, "{name}");
        let got: Vec<Vec<Answer>> = d.responses.iter().map(|r| r.answers.clone()).collect();
        assert_eq!(got, want, "{name}");
        assert!(
            d.report.problems.is_empty(),
            "{name}: {:?}",
            d.report.problems
        );
        assert!(
            d.report.unmatched_columns.is_empty(),
            "{name}: {:?}",
            d.report.unmatched_columns
        );
    }
}

#[test]
fn a_grid_without_items_is_refused_at_its_line() {
    let src = "id = \"x\"\ntitle = \"T\"\naudience = \"WPB\"\n\n[[grid]]\nid = \"leeg\"\nstem = \"Stam\"\nlevels = [\"Ja\", \"Nee\"]\n";
    let err = Questionnaire::from_toml("x.toml", src)
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "x.toml:6: grid \"leeg\" has no items (add [[grid.item]] tables)"
    );
}

#[test]
fn two_items_of_one_grid_with_the_same_statement_are_refused() {
    let src = "id = \"x\"\ntitle = \"T\"\naudience = \"WPB\"\n\n[[grid]]\nid = \"g\"\nstem = \"Stam\"\nlevels = [\"Ja\", \"Nee\"]\n  [[grid.item]]\n  id = \"a\"\n  text = \"Zelfde\"\n  [[grid.item]]\n  id = \"b\"\n  text = \"zelfde\"\n";
    let err = Questionnaire::from_toml("x.toml", src)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("x.toml:12: question \"g_b\": its text \"Stam [zelfde]\" is the same"),
        "{err}"
    );
}
