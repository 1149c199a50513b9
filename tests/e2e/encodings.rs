//! One export in UTF-8, UTF-16LE (Excel's "Unicode text", with its byte order mark) and
//! Windows-1252 (Dutch Excel's "CSV"): `analyze --json` is byte-identical on one thread
//! and on three, and `validate` says the same but for the encoding's name. All three
//! are streamed block by block (crates/peiling-survey/src/import/decode.rs).

use std::path::Path;

use crate::common::{bundled, peiling_in};

/// `analyze --json` on 1 and 3 threads, and `validate` with the encoding's name put
/// back to `UTF-8`, of `wpb.csv` in `dir`.
fn outputs(dir: &Path, encoding: &str) -> (Vec<String>, String) {
    let q = bundled().join("wpb.toml");
    let q = q.to_str().unwrap();
    let json = ["1", "3"]
        .iter()
        .map(|n| {
            let args = [
                "analyze",
                "--json",
                "--threads",
                n,
                "-q",
                q,
                "-d",
                "wpb.csv",
            ];
            peiling_in(dir, &args).ok()
        })
        .collect();
    let validate = peiling_in(dir, &["validate", "-q", q, "-d", "wpb.csv"]).ok();
    let named = format!(", {encoding})");
    assert!(validate.contains(&named), "{validate}");
    (json, validate.replacen(&named, ", UTF-8)", 1))
}

#[test]
fn the_same_export_in_three_encodings_gives_the_same_figures() {
    let tmp = tempfile::tempdir().unwrap();
    let made = tmp.path().join("made.csv");
    let args = [
        "synth",
        "--part",
        "wpb",
        "-n",
        "4000",
        "--seed",
        "21",
        "--messy",
        "0.05",
        "-o",
        made.to_str().unwrap(),
    ];
    peiling_in(tmp.path(), &args).ok();
    let made = std::fs::read_to_string(&made).unwrap();
    // Text beyond ASCII, where the encodings differ: accents in every fifth row
    // (answers that are then no option, listed as problems with their text).
    let mut text = String::new();
    for (i, line) in made
        .trim_start_matches('\u{feff}')
        .split_inclusive('\n')
        .enumerate()
    {
        match i % 5 {
            3 => text.push_str(&line.replace("jaar", "jáár").replace("Nee", "Née")),
            _ => text.push_str(line),
        }
    }
    let text = text.as_str();
    assert!(text.matches('á').count() > 100, "too few accents");
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let (latin, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    let files = [
        ("UTF-8", text.as_bytes().to_vec()),
        ("UTF-16LE", utf16),
        ("Windows-1252", latin.into_owned()),
    ];
    let mut seen: Option<(Vec<String>, String)> = None;
    for (encoding, bytes) in files {
        let dir = tmp.path().join(encoding);
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join("wpb.csv"), &bytes).unwrap();
        let (json, validate) = outputs(&dir, encoding);
        assert!(json[0] == json[1], "{encoding}: 3 threads differ from 1");
        assert!(validate.contains("rows: 4000 read"), "{validate}");
        match &seen {
            None => seen = Some((json, validate)),
            Some((j, v)) => {
                assert!(
                    json[0] == j[0],
                    "analyze --json in {encoding} differs from UTF-8"
                );
                assert_eq!(&validate, v, "validate in {encoding}");
            }
        }
    }
}
