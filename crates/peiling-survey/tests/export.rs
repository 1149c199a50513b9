//! Exporting in each survey tool's style and importing again gives the same answers.

use peiling_survey::export::{ExportOptions, ExportStyle, ExportWriter};
use peiling_survey::{import, Answer, ImportOptions, Questionnaire};

fn fixture() -> Questionnaire {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/fuzz/all-kinds.toml");
    Questionnaire::from_toml("all-kinds.toml", &std::fs::read_to_string(path).unwrap()).unwrap()
}

const DATA: &str = "\
Leeftijd,Behoefte,Waarom niet,Thema,Competent,Uren,Jaren,E-mail adres
<25,Ja,,\"A;B, met komma;\",Zeer,12,3,a@voorbeeld.invalid
36-45,Nee,geen tijd,,n.v.t.,???,Meer dan 5,
25-35,Ja,,\"C;iets anders, met komma;\",,\"7,5\",,
,,,,,,,
";

#[test]
fn every_style_round_trips() {
    let q = fixture();
    let original = import(&q, "d.csv", DATA.as_bytes(), &ImportOptions::default()).unwrap();
    assert_eq!(original.responses.len(), 3);
    assert_eq!(
        original.report.rows_rejected(),
        1,
        "the empty row is rejected, not lost"
    );
    for style in [
        ExportStyle::MsFormsNl,
        ExportStyle::MsFormsEn,
        ExportStyle::GoogleForms,
        ExportStyle::LimeSurvey,
    ] {
        for windows_1252 in [false, true] {
            let mut opts = ExportOptions::new(style);
            if windows_1252 {
                opts.delimiter = b';';
                opts.windows_1252 = true;
            }
            let mut w = ExportWriter::new(&q, opts, Vec::new()).unwrap();
            for (i, r) in original.responses.iter().enumerate() {
                w.write(i + 1, &r.meta, &r.answers).unwrap();
            }
            let bytes = w.finish().unwrap();
            let again = import(&q, "again.csv", &bytes, &ImportOptions::default())
                .unwrap_or_else(|e| panic!("{style:?}: {e}"));
            let a: Vec<&Vec<Answer>> = original.responses.iter().map(|r| &r.answers).collect();
            let b: Vec<&Vec<Answer>> = again.responses.iter().map(|r| &r.answers).collect();
            assert_eq!(a, b, "{style:?} windows-1252={windows_1252}");
            assert!(
                again.report.problems.is_empty(),
                "{style:?}: {:?}",
                again.report.problems
            );
        }
    }
}
