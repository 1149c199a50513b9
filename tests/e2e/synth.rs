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
        let out = peiling_in(
            d,
            &["analyze", "-q", wpb, "-d", &a, "--json", "--by", "leeftijd"],
        )
        .ok();
        let streamed: Value = serde_json::from_str(&out).unwrap();
        let part = &streamed["parts"][0];
        assert_eq!(part["rows_read"], 300, "{style}");
        assert_eq!(part["rows_rejected"], 0, "{style}");
        assert_eq!(part["respondents"], 300, "{style}");
        let crosstabs = part["crosstabs"].as_array().unwrap();
        assert!(!crosstabs.is_empty(), "{style}");
    }
}
