//! The report's "Verantwoording en beperkingen": the data's origin, the response per
//! audience, what was not asked and each correction, as the survey declares them in
//! its `[about]`, in plain words (no ids, flags or file names).

use std::path::Path;

use crate::common::{bundled, peiling};

fn report_of(survey: &Path, lang: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rapport");
    peiling(&[
        "report",
        survey.to_str().unwrap(),
        "--no-plan",
        "--lang",
        lang,
        "--out",
        out.to_str().unwrap(),
    ])
    .ok();
    std::fs::read_to_string(out.join("report.md")).unwrap()
}

/// From the Verantwoording's anchor to the end of the report.
fn method(md: &str) -> &str {
    &md[md
        .find("<a id=\"verantwoording\"></a>")
        .expect("a Verantwoording")..]
}

/// A copy of the bundled survey folder with its survey.toml edited.
fn copy_with(edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["so.toml", "so.csv", "wpb.toml", "wpb.csv"] {
        std::fs::copy(bundled().join(f), dir.path().join(f)).unwrap();
    }
    let toml = std::fs::read_to_string(bundled().join("survey.toml")).unwrap();
    std::fs::write(dir.path().join("survey.toml"), edit(toml)).unwrap();
    dir
}

#[test]
fn the_bundled_report_says_where_its_data_come_from_and_what_was_corrected() {
    let toml = std::fs::read_to_string(bundled().join("survey.toml")).unwrap();
    let declared = toml.matches("[[about.correction]]").count();
    assert!(declared >= 4, "{toml}");
    for lang in ["nl", "en"] {
        let md = report_of(&bundled(), lang);
        let m = method(&md);
        let (origin, io, response_so, response_wpb) = if lang == "nl" {
            (
                "Nagebouwde gegevens: ",
                "Instituutsopleiders (IO) en instituutscoördinatoren zijn niet bevraagd",
                "Schoolopleiders: 10 van de 14 die de enquête kregen, deden mee (71 %).",
                "Werkplekbegeleiders: 63 deden mee; hoeveel er de enquête kregen, is niet bekend.",
            )
        } else {
            (
                "Reconstructed data: ",
                "Institute-based teacher educators (IO) and their coordinators were not surveyed",
                "School-based teacher educators: 10 of the 14 who received the survey took part (71 %).",
                "Workplace mentors: 63 took part; how many received the survey is not known.",
            )
        };
        for line in [origin, io, response_so, response_wpb] {
            assert!(m.contains(line), "{lang}: {line}\n{m}");
        }
        // Every declared correction is listed, in the corrections' own subsection.
        let corrections = &m[m.find("<a id=\"verantwoording-correcties\"></a>").unwrap()..];
        let corrections = &corrections[..corrections[10..].find("<a id=").unwrap() + 10];
        assert_eq!(
            corrections.lines().filter(|l| l.starts_with("- ")).count(),
            declared,
            "{lang}: {corrections}"
        );
        assert!(corrections.contains("28"), "{corrections}");
        // Plain words: no file names, flags or snake_case ids.
        for bad in [".toml", ".csv", ".md", "--", "`", "survey.", "about."] {
            assert!(!m.contains(bad), "{lang}: {bad:?} in\n{m}");
        }
        let snake = m.split(|c: char| !(c.is_alphanumeric() || c == '_'));
        for word in snake {
            assert!(
                !word.contains('_'),
                "{lang}: id {word:?} in the Verantwoording"
            );
        }
    }
}

#[test]
fn without_declarations_the_report_says_so_and_names_a_missing_column() {
    // The [about] table taken out, and one question's column taken out of the export.
    let dir = copy_with(|t| t[..t.find("[about]").unwrap()].to_string());
    let csv = std::fs::read_to_string(dir.path().join("so.csv")).unwrap();
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let drop = headers
        .iter()
        .position(|h| h == "Ben je zelf ook werkplekbegeleider?")
        .unwrap();
    let mut w = csv::Writer::from_path(dir.path().join("so.csv")).unwrap();
    let keep = |r: &csv::StringRecord| -> Vec<String> {
        r.iter()
            .enumerate()
            .filter(|(i, _)| *i != drop)
            .map(|(_, c)| c.to_string())
            .collect()
    };
    w.write_record(keep(&headers)).unwrap();
    for r in rdr.records() {
        w.write_record(keep(&r.unwrap())).unwrap();
    }
    w.flush().unwrap();
    let md = report_of(dir.path(), "nl");
    let m = method(&md);
    for line in [
        "Niet vastgelegd: de enquête zegt niet of de antwoorden verzameld, nagebouwd of kunstmatig zijn",
        "Er zijn geen correcties op de gegevens vastgelegd",
        "De vraag „Ben je zelf ook werkplekbegeleider?” ontbrak in de ingevulde lijsten van de schoolopleiders",
    ] {
        assert!(m.contains(line), "{line}\n{m}");
    }
    assert!(!m.contains("Instituutsopleiders (IO)"), "{m}");
}

#[test]
fn an_unknown_origin_is_one_line_naming_the_file_and_line() {
    let dir = copy_with(|t| t.replace("origin = \"reconstructed\"", "origin = \"guessed\""));
    let line = toml_line(dir.path(), "origin = \"guessed\"");
    let err = peiling(&["validate", dir.path().to_str().unwrap()]).user_error();
    assert!(err.contains("survey.toml"), "{err}");
    assert!(err.contains(&format!(":{line}")), "{err}");
    assert!(err.contains("guessed"), "{err}");
}

fn toml_line(dir: &Path, needle: &str) -> usize {
    let t = std::fs::read_to_string(dir.join("survey.toml")).unwrap();
    t.lines().position(|l| l.contains(needle)).unwrap() + 1
}
