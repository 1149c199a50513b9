//! `peiling synth`: deterministic per seed, every export style reads back, and the
//! streamed `analyze` equals the reference on what it wrote.

use serde_json::Value;

use crate::common::peiling_in;

#[test]
fn synth_is_deterministic_and_reads_back_in_every_style() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for style in ["msforms", "google", "limesurvey"] {
        let a = format!("{style}-a.csv");
        let b = format!("{style}-b.csv");
        let c = format!("{style}-c.csv");
        for (out, seed) in [(&a, "3"), (&b, "3"), (&c, "4")] {
            peiling_in(
                d,
                &[
                    "synth", "-n", "300", "--seed", seed, "--format", style, "--messy", "0.3",
                    "-o", out,
                ],
            )
            .ok();
        }
        let read = |f: &str| std::fs::read(d.join(f)).unwrap();
        assert_eq!(read(&a), read(&b), "{style}: same seed, same file");
        assert_ne!(read(&a), read(&c), "{style}: another seed, another file");

        let wpb = crate::common::bundled().join("wpb.toml");
        let wpb = wpb.to_str().unwrap();
        let json = |engine: &str| -> Value {
            let out = peiling_in(
                d,
                &[
                    "analyze", "-q", wpb, "-d", &a, "--json", "--by", "leeftijd", "--engine",
                    engine,
                ],
            )
            .ok();
            serde_json::from_str(&out).unwrap()
        };
        let streamed = json("stream");
        let part = &streamed["parts"][0];
        assert_eq!(part["rows_read"], 300, "{style}");
        assert_eq!(part["rows_rejected"], 0, "{style}");
        assert_eq!(part["respondents"], 300, "{style}");
        // Whole-number figures are equal; the library test compares floats too.
        let reference = json("reference");
        for q in 0..part["questions"].as_array().unwrap().len() {
            let (s, r) = (
                &part["questions"][q],
                &reference["parts"][0]["questions"][q],
            );
            assert_eq!(s["base"], r["base"], "{style} {}", s["id"]);
            assert_eq!(s["answered"], r["answered"], "{style} {}", s["id"]);
            assert_eq!(s["invalid"], r["invalid"], "{style} {}", s["id"]);
        }
        assert_eq!(
            part["crosstabs"], reference["parts"][0]["crosstabs"],
            "{style}"
        );
    }
}

#[test]
fn stream_engine_refuses_what_it_cannot_stream() {
    let dir = tempfile::tempdir().unwrap();
    let err = peiling_in(dir.path(), &["analyze", "--strict", "--engine", "stream"]).user_error();
    assert!(err.contains("cannot be streamed"), "{err}");
}
