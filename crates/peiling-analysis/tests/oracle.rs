//! An independent oracle for the one analysis engine. Random questionnaires (every kind,
//! `only_if` conditions, theme links, a required question) and random exports (messy
//! spellings, empty and invalid cells, other-texts, rows too short, too long or empty)
//! are generated together with what every cell means (`oracle/generate.rs`); each
//! figure is recounted here from that meaning, in plain code, and compared with the
//! engine's `Summary`: streamed from the CSV bytes and through `analyze` on the imported
//! survey, plain, with a filter and with a grouping question.

use peiling_analysis::stream::analyze_streaming;
use peiling_analysis::{analyze, AnalysisOptions, Detail, Filter, PartSummary, Summary};
use peiling_survey::{
    import, DataSource, ImportOptions, Part, PlannedPart, Questionnaire, Survey, SurveyPlan,
};

#[path = "oracle/generate.rs"]
mod generate;

use generate::{export, questionnaire, toml, Kind, Rng, Q, T, THEMES};

/// Per accepted row, the meanings with the questions not asked set aside (as empty).
fn effective(qs: &[Q], truth: &[T]) -> Vec<T> {
    let mut eff: Vec<T> = Vec::with_capacity(qs.len());
    for (q, t) in qs.iter().zip(truth) {
        let asked = q.only_if.is_none_or(|(j, c)| eff[j] == T::Cat(c));
        eff.push(if asked { t.clone() } else { T::Empty });
    }
    eff
}

fn asked(qs: &[Q], eff: &[T], qi: usize) -> bool {
    qs[qi].only_if.is_none_or(|(j, c)| eff[j] == T::Cat(c))
}

fn close(a: f64, b: f64, what: &str) {
    assert!(
        (a - b).abs() <= 1e-6 * b.abs().max(1.0),
        "{what}: engine {a}, recount {b}"
    );
}

/// Recounts every figure of the part from the meanings and compares.
fn check(
    qs: &[Q],
    rows: &[Option<Vec<T>>],
    keep: &dyn Fn(&[T]) -> bool,
    by: Option<usize>,
    part: &PartSummary,
    ctx: &str,
) {
    assert_eq!(part.rows_read, rows.len(), "{ctx}: rows read");
    let accepted: Vec<Vec<T>> = rows.iter().flatten().map(|t| effective(qs, t)).collect();
    assert_eq!(
        part.rows_rejected,
        rows.len() - accepted.len(),
        "{ctx}: rows rejected"
    );
    let rs: Vec<&Vec<T>> = accepted.iter().filter(|e| keep(e)).collect();
    assert_eq!(part.respondents, rs.len(), "{ctx}: respondents");
    for (qi, q) in qs.iter().enumerate() {
        let s = &part.questions[qi];
        let ctx = format!("{ctx} q{qi} {:?}", q.kind);
        let mine: Vec<&T> = rs
            .iter()
            .filter(|e| asked(qs, e, qi))
            .map(|e| &e[qi])
            .collect();
        let n = |f: &dyn Fn(&T) -> bool| mine.iter().filter(|t| f(t)).count();
        assert_eq!(s.base, mine.len(), "{ctx}: base");
        assert_eq!(s.no_answer, n(&|t| *t == T::Empty), "{ctx}: no answer");
        assert_eq!(s.invalid, n(&|t| *t == T::Invalid), "{ctx}: invalid");
        assert_eq!(
            s.answered,
            mine.len() - s.no_answer - s.invalid,
            "{ctx}: answered"
        );
        let cat = |c: usize| n(&|t| q.categories(t).contains(&c));
        let labels = q.labels();
        match &s.detail {
            Detail::Choice { rows } => {
                for (c, r) in rows.iter().enumerate() {
                    assert_eq!(r.count, cat(c), "{ctx}: {}", r.label);
                }
            }
            Detail::Multi { rows, other, .. } => {
                for r in rows {
                    let c = labels.iter().position(|l| *l == r.label).unwrap();
                    assert_eq!(r.count, cat(c), "{ctx}: {}", r.label);
                }
                let others = n(&|t| matches!(t, T::Multi(_, Some(_))));
                assert_eq!(
                    other.iter().map(|o| o.count).sum::<usize>(),
                    others,
                    "{ctx}: other texts"
                );
            }
            Detail::Scale {
                rows,
                not_applicable,
                ..
            } => {
                for (c, r) in rows.iter().enumerate() {
                    assert_eq!(r.count, cat(c), "{ctx}: {}", r.label);
                }
                let na: usize = not_applicable.iter().map(|r| r.count).sum();
                assert_eq!(na, n(&|t| *t == T::Na), "{ctx}: n.v.t.");
            }
            Detail::Number {
                values,
                unknown,
                mean,
                median,
                min,
                max,
                histogram,
                ..
            } => {
                let mut v: Vec<f64> = mine
                    .iter()
                    .filter_map(|t| match t {
                        T::Num(x) => Some(*x),
                        _ => None,
                    })
                    .collect();
                v.sort_by(f64::total_cmp);
                assert_eq!(*values, v.len(), "{ctx}: values");
                assert_eq!(*unknown, n(&|t| *t == T::Unknown), "{ctx}: unknown");
                if v.is_empty() {
                    assert_eq!(*mean, None, "{ctx}: mean");
                } else {
                    close(
                        mean.unwrap(),
                        v.iter().sum::<f64>() / v.len() as f64,
                        &format!("{ctx}: mean"),
                    );
                    let m = (v[(v.len() - 1) / 2] + v[v.len() / 2]) / 2.0;
                    close(median.unwrap(), m, &format!("{ctx}: median"));
                    close(min.unwrap(), v[0], &format!("{ctx}: min"));
                    close(max.unwrap(), v[v.len() - 1], &format!("{ctx}: max"));
                }
                if matches!(q.kind, Kind::Bands) {
                    for (c, r) in histogram.iter().enumerate() {
                        assert_eq!(r.count, cat(c), "{ctx}: band {}", r.label);
                    }
                } else {
                    assert_eq!(
                        histogram.iter().map(|r| r.count).sum::<usize>(),
                        v.len(),
                        "{ctx}: histogram"
                    );
                }
            }
            Detail::Text { answers, .. } => {
                assert_eq!(
                    answers.iter().map(|a| a.count).sum::<usize>(),
                    s.answered,
                    "{ctx}: texts"
                );
            }
            Detail::Personal { .. } => {}
        }
    }
    check_themes(qs, &rs, part, ctx);
    check_reliability(qs, &rs, part, ctx);
    check_crosstabs(qs, &rs, by, part, ctx);
}

fn check_themes(qs: &[Q], rs: &[&Vec<T>], part: &PartSummary, ctx: &str) {
    for theme in THEMES {
        let links: Vec<(usize, usize, f64)> = qs
            .iter()
            .enumerate()
            .flat_map(|(qi, q)| {
                q.themes
                    .iter()
                    .filter(|t| t.1 == theme)
                    .map(move |t| (qi, t.0, t.2))
            })
            .collect();
        let chose = |e: &Vec<T>, qi: usize, c: usize| {
            asked(qs, e, qi) && qs[qi].categories(&e[qi]).contains(&c)
        };
        let Some(d) = part.theme_demand.iter().find(|d| d.theme == theme) else {
            assert!(links.is_empty(), "{ctx}: theme {theme} missing");
            continue;
        };
        let people = rs
            .iter()
            .filter(|e| links.iter().any(|&(qi, c, _)| chose(e, qi, c)))
            .count();
        assert_eq!(d.respondents, people, "{ctx}: respondents of theme {theme}");
        let weighted: f64 = links
            .iter()
            .map(|&(qi, c, w)| rs.iter().filter(|e| chose(e, qi, c)).count() as f64 * w)
            .sum();
        close(d.weighted, weighted, &format!("{ctx}: demand for {theme}"));
    }
}

fn check_reliability(qs: &[Q], rs: &[&Vec<T>], part: &PartSummary, ctx: &str) {
    let items: Vec<usize> = (0..qs.len())
        .filter(|&qi| matches!(qs[qi].kind, Kind::Scale(_)))
        .collect();
    if items.len() < 2 {
        assert!(part.reliability.is_empty(), "{ctx}: reliability");
        return;
    }
    let r = &part.reliability[0];
    let scores: Vec<Vec<f64>> = rs
        .iter()
        .filter_map(|e| {
            items
                .iter()
                .map(|&qi| match e[qi] {
                    T::Cat(l) => Some(4.0 - l as f64),
                    _ => None,
                })
                .collect()
        })
        .collect();
    assert_eq!(
        r.respondents,
        scores.len(),
        "{ctx}: reliability respondents"
    );
    let var = |x: &[f64]| {
        let m = x.iter().sum::<f64>() / x.len() as f64;
        x.iter().map(|v| (v - m).powi(2)).sum::<f64>() / (x.len() as f64 - 1.0)
    };
    let k = items.len() as f64;
    let expected = (scores.len() >= 2)
        .then(|| {
            let item_var: f64 = (0..items.len())
                .map(|j| var(&scores.iter().map(|s| s[j]).collect::<Vec<_>>()))
                .sum();
            let total = var(&scores.iter().map(|s| s.iter().sum()).collect::<Vec<_>>());
            (total > 0.0).then(|| k / (k - 1.0) * (1.0 - item_var / total))
        })
        .flatten();
    let expected = expected.filter(|_| items.len() >= 3 && scores.len() >= 30);
    match (r.cronbach_alpha, expected) {
        (Some(a), Some(b)) => close(a, b, &format!("{ctx}: alpha")),
        (a, b) => assert_eq!(a, b, "{ctx}: alpha"),
    }
}

fn check_crosstabs(qs: &[Q], rs: &[&Vec<T>], by: Option<usize>, part: &PartSummary, ctx: &str) {
    let Some(bi) = by else {
        assert!(part.crosstabs.is_empty(), "{ctx}: crosstabs");
        return;
    };
    let tabled: Vec<usize> = (0..qs.len())
        .filter(|&qi| qi != bi && !qs[qi].labels().is_empty())
        .collect();
    assert_eq!(part.crosstabs.len(), tabled.len(), "{ctx}: crosstabs");
    for (t, &qi) in part.crosstabs.iter().zip(&tabled) {
        assert_eq!(t.question, format!("q{qi}"), "{ctx}");
        for (c, row) in t.counts.iter().enumerate() {
            for (g, &cell) in row.iter().enumerate() {
                let n = rs
                    .iter()
                    .filter(|e| {
                        qs[bi].categories(&e[bi]).contains(&g)
                            && qs[qi].categories(&e[qi]).contains(&c)
                    })
                    .count();
                assert_eq!(cell, Some(n), "{ctx}: q{qi} by q{bi} [{c}][{g}]");
            }
        }
    }
}

fn summaries(q: &Questionnaire, bytes: &[u8], opts: &AnalysisOptions) -> [Summary; 2] {
    let plan = SurveyPlan {
        id: "oracle".into(),
        title: "Oracle".into(),
        title_en: None,
        partnership: None,
        edition: None,
        about: Default::default(),
        parts: vec![PlannedPart {
            questionnaire: q.clone(),
            population: None,
            file: "oracle.csv".into(),
            data: DataSource::Memory(bytes.to_vec()),
        }],
    };
    let streamed = analyze_streaming(&plan, &ImportOptions::default(), opts, &mut |_, _| {})
        .unwrap()
        .expect("a UTF-8 CSV streams");
    let data = import(q, "oracle.csv", bytes, &ImportOptions::default()).unwrap();
    let survey = Survey {
        id: "oracle".into(),
        title: "Oracle".into(),
        title_en: None,
        partnership: None,
        edition: None,
        about: Default::default(),
        parts: vec![Part {
            population: None,
            data,
        }],
    };
    [streamed, analyze(&survey, opts).unwrap()]
}

#[test]
fn every_figure_matches_a_recount_of_what_was_generated() {
    for seed in 0..120u64 {
        let mut rng = Rng(seed);
        let qs = questionnaire(&mut rng);
        let source = toml(&qs);
        let q = Questionnaire::from_toml("oracle.toml", &source)
            .unwrap_or_else(|e| panic!("{e}\n{source}"));
        let (bytes, rows) = export(&mut rng, &qs);
        // Unconditional choice questions can filter and group.
        let plain: Vec<usize> = (0..qs.len())
            .filter(|&i| {
                qs[i].only_if.is_none() && matches!(qs[i].kind, Kind::YesNo | Kind::Single(_))
            })
            .collect();
        let f = plain[rng.below(plain.len())];
        let by = plain[rng.below(plain.len())];
        let label = qs[f].labels()[0].clone();
        let cases: [(Vec<Filter>, Option<usize>); 3] = [
            (Vec::new(), None),
            (vec![format!("q{f}={label}").parse().unwrap()], None),
            (Vec::new(), Some(by)),
        ];
        for (filters, by) in cases {
            let filtered = !filters.is_empty();
            let opts = AnalysisOptions {
                filters,
                by: by.map(|b| format!("q{b}")),
                min_group: 0,
            };
            let keep = |e: &[T]| !filtered || e[f] == T::Cat(0);
            for (engine, s) in ["streamed", "loaded"]
                .iter()
                .zip(summaries(&q, &bytes, &opts))
            {
                let ctx = format!("seed {seed}, {engine}, {:?}", (&opts.filters, &opts.by));
                check(&qs, &rows, &keep, by, &s.parts[0], &ctx);
                let json = serde_json::to_string(&s).unwrap();
                assert!(
                    !json.contains("@school.nl"),
                    "{ctx}: an address in the summary"
                );
            }
        }
    }
}
