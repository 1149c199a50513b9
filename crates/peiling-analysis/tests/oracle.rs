//! An independent oracle for the one analysis engine. Random questionnaires (every kind,
//! `only_if` conditions, theme links, a required question) and random exports (messy
//! spellings, empty and invalid cells, other-texts, rows too short, too long or empty)
//! are generated together with what every cell means; each figure is recounted here
//! from that meaning, in plain code, and compared with the engine's `Summary`: streamed
//! from the CSV bytes and through `analyze` on the imported survey, plain, with a
//! filter and with a grouping question.

use peiling_analysis::stream::analyze_streaming;
use peiling_analysis::{analyze, AnalysisOptions, Detail, Filter, PartSummary, Summary};
use peiling_survey::{
    import, DataSource, ImportOptions, Part, PlannedPart, Questionnaire, Survey, SurveyPlan,
};

/// splitmix64: a generator of the test's own, seeded per case.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

const LEVELS: [&str; 4] = ["Helemaal eens", "Eens", "Oneens", "Helemaal oneens"];
const BANDS: [(&str, u32, Option<u32>); 3] = [
    ("0-9", 0, Some(9)),
    ("10-19", 10, Some(19)),
    ("20 of meer", 20, None),
];
const THEMES: [&str; 3] = ["feedback", "reflectie", "coaching"];

#[derive(Debug, Clone)]
enum Kind {
    YesNo,
    Single(Vec<String>),
    /// Options, and whether an "Anders" option takes other texts (it comes last).
    Multi(Vec<String>, bool),
    /// With a not-applicable level?
    Scale(bool),
    Number,
    Bands,
    Text,
    Personal,
}

#[derive(Debug)]
struct Q {
    kind: Kind,
    /// Asked only when question .0 has category .1.
    only_if: Option<(usize, usize)>,
    required: bool,
    /// (category, theme, weight)
    themes: Vec<(usize, &'static str, f64)>,
}

/// What a cell means.
#[derive(Debug, Clone, PartialEq)]
enum T {
    Empty,
    Invalid,
    /// Option, level, yes (0) / no (1), or a band by its label.
    Cat(usize),
    Na,
    /// Chosen options (without "Anders") and the other text.
    Multi(Vec<usize>, Option<String>),
    Num(f64),
    Unknown,
    Text(String),
}

impl Q {
    fn labels(&self) -> Vec<String> {
        match &self.kind {
            Kind::YesNo => vec!["Ja".into(), "Nee".into()],
            Kind::Single(o) => o.clone(),
            Kind::Multi(o, other) => {
                let mut o = o.clone();
                if *other {
                    o.push("Anders".into());
                }
                o
            }
            Kind::Scale(_) => LEVELS.iter().map(|s| s.to_string()).collect(),
            Kind::Bands => BANDS.iter().map(|b| b.0.to_string()).collect(),
            _ => Vec::new(),
        }
    }

    /// The categories a (set-aside applied) meaning falls in.
    fn categories(&self, t: &T) -> Vec<usize> {
        match (t, &self.kind) {
            (T::Cat(i), _) => vec![*i],
            (T::Num(v), Kind::Bands) => vec![band(*v)],
            (T::Multi(chosen, other), Kind::Multi(o, _)) => {
                let mut c = chosen.clone();
                if other.is_some() {
                    c.push(o.len());
                }
                c
            }
            _ => Vec::new(),
        }
    }
}

fn band(v: f64) -> usize {
    BANDS
        .iter()
        .position(|b| v >= f64::from(b.1) && b.2.is_none_or(|m| v <= f64::from(m)))
        .unwrap()
}

fn questionnaire(rng: &mut Rng) -> Vec<Q> {
    let n = 4 + rng.below(7);
    let mut qs: Vec<Q> = Vec::new();
    for i in 0..n {
        let kind = if i == 0 {
            Kind::YesNo
        } else {
            match rng.below(8) {
                0 => Kind::YesNo,
                1 => Kind::Single(
                    (0..2 + rng.below(3))
                        .map(|k| format!("Keuze {}", (b'A' + k as u8) as char))
                        .collect(),
                ),
                2 => {
                    let mut o: Vec<String> = (0..2 + rng.below(3))
                        .map(|k| format!("Thema {}", (b'A' + k as u8) as char))
                        .collect();
                    o.push("Reflectie, feedback".into());
                    Kind::Multi(o, rng.chance(0.5))
                }
                3 => Kind::Scale(rng.chance(0.5)),
                4 => Kind::Number,
                5 => Kind::Bands,
                6 => Kind::Text,
                _ => Kind::Personal,
            }
        };
        // Conditions rest on an earlier yes/no or single-choice question.
        let conditional: Vec<usize> = (0..i)
            .filter(|&j| matches!(qs[j].kind, Kind::YesNo | Kind::Single(_)))
            .collect();
        let only_if = (i > 0 && !conditional.is_empty() && rng.chance(0.4)).then(|| {
            let j = conditional[rng.below(conditional.len())];
            (j, rng.below(qs[j].labels().len()))
        });
        let mut q = Q {
            kind,
            only_if,
            required: i == 0 && rng.chance(0.5),
            themes: Vec::new(),
        };
        // Theme links on the written options ("Anders" is added by the questionnaire).
        if let Kind::Single(o) | Kind::Multi(o, _) = &q.kind {
            for c in 0..o.len() {
                if rng.chance(0.5) {
                    q.themes
                        .push((c, THEMES[rng.below(3)], [1.0, 0.5][rng.below(2)]));
                }
            }
        }
        qs.push(q);
    }
    qs
}

fn text(i: usize) -> String {
    format!("Vraag {i}: hoe zit het?")
}

fn toml(qs: &[Q]) -> String {
    let mut s = String::from("id = \"oracle\"\ntitle = \"Oracle\"\naudience = \"WPB\"\n");
    for (i, q) in qs.iter().enumerate() {
        s += &format!("\n[[question]]\nid = \"q{i}\"\ntext = \"{}\"\n", text(i));
        if let Some((j, c)) = q.only_if {
            s += &format!(
                "only_if = {{ question = \"q{j}\", answer = \"{}\" }}\n",
                qs[j].labels()[c]
            );
        }
        if q.required {
            s += "required = true\n";
        }
        let options = |s: &mut String, labels: &[String]| {
            for (c, label) in labels.iter().enumerate() {
                *s += &format!("  [[question.option]]\n  label = \"{label}\"\n");
                let links: Vec<String> = q
                    .themes
                    .iter()
                    .filter(|t| t.0 == c)
                    .map(|t| format!("{{ theme = \"{}\", weight = {} }}", t.1, t.2))
                    .collect();
                if !links.is_empty() {
                    *s += &format!("  themes = [{}]\n", links.join(", "));
                }
            }
        };
        match &q.kind {
            Kind::YesNo => s += "kind = \"yesno\"\n",
            Kind::Single(o) => {
                s += "kind = \"single\"\n";
                options(&mut s, o);
            }
            Kind::Multi(o, other) => {
                s += "kind = \"multi\"\n";
                if *other {
                    s += "other = \"Anders\"\n";
                }
                options(&mut s, o);
            }
            Kind::Scale(na) => {
                s += &format!("kind = \"scale\"\nlevels = {LEVELS:?}\n");
                if *na {
                    s += "not_applicable = [\"n.v.t.\"]\n";
                }
            }
            Kind::Number => s += "kind = \"number\"\nunknown = [\"???\"]\n",
            Kind::Bands => {
                s += "kind = \"bands\"\nunknown = [\"???\"]\nbands = [";
                let bands: Vec<String> = BANDS
                    .iter()
                    .map(|b| match b.2 {
                        Some(max) => {
                            format!("{{ label = \"{}\", min = {}, max = {max} }}", b.0, b.1)
                        }
                        None => format!("{{ label = \"{}\", min = {} }}", b.0, b.1),
                    })
                    .collect();
                s += &format!("{}]\n", bands.join(", "));
            }
            Kind::Text => s += "kind = \"text\"\n",
            Kind::Personal => s += "kind = \"personal\"\npersonal = \"email\"\n",
        }
    }
    // All scale items declared as one scale: the engine gives its alpha where the
    // documented conditions hold (at least 3 items and 30 complete answers).
    let scales: Vec<String> = (0..qs.len())
        .filter(|&i| matches!(qs[i].kind, Kind::Scale(_)))
        .map(|i| format!("\"q{i}\""))
        .collect();
    if scales.len() >= 2 {
        s += &format!(
            "\n[[scale]]\nid = \"schaal\"\ntitle = \"Schaal\"\nitems = [{}]\n",
            scales.join(", ")
        );
    }
    s
}

/// A random meaning for a cell of question `q`.
fn meaning(rng: &mut Rng, q: &Q) -> T {
    if rng.chance(0.12) {
        return T::Empty;
    }
    let invalid_ok = !matches!(q.kind, Kind::Text | Kind::Personal | Kind::Multi(_, true));
    if invalid_ok && rng.chance(0.06) {
        return T::Invalid;
    }
    match &q.kind {
        Kind::YesNo => T::Cat(rng.below(2)),
        Kind::Single(o) => T::Cat(rng.below(o.len())),
        Kind::Multi(o, other) => {
            let chosen: Vec<usize> = (0..o.len()).filter(|_| rng.chance(0.4)).collect();
            let text = (*other && rng.chance(0.3)).then(|| format!("iets anders {}", rng.below(4)));
            if chosen.is_empty() && text.is_none() {
                T::Empty
            } else {
                T::Multi(chosen, text)
            }
        }
        Kind::Scale(na) if *na && rng.chance(0.15) => T::Na,
        Kind::Scale(_) => T::Cat(rng.below(4)),
        Kind::Number | Kind::Bands if rng.chance(0.1) => T::Unknown,
        Kind::Number if rng.chance(0.2) => T::Num(rng.below(30) as f64 + 0.5),
        Kind::Number => T::Num(rng.below(41) as f64),
        Kind::Bands if rng.chance(0.4) => T::Cat(rng.below(3)),
        Kind::Bands => T::Num(rng.below(35) as f64),
        Kind::Text => T::Text(format!("Tekst nummer {}", rng.below(5))),
        Kind::Personal => T::Text(format!("persoon{}@school.nl", rng.below(50))),
    }
}

/// A spelling of `label` as respondents and tools write it: case and spaces vary.
fn messy(rng: &mut Rng, label: &str) -> String {
    let s = match rng.below(4) {
        0 => label.to_uppercase(),
        1 => label.to_lowercase(),
        _ => label.to_string(),
    };
    let pad = ["", " ", "  "];
    format!("{}{s}{}", pad[rng.below(3)], pad[rng.below(3)])
}

fn cell(rng: &mut Rng, q: &Q, t: &T) -> String {
    let labels = q.labels();
    match t {
        T::Empty => [" ", "", "  "][rng.below(3)].to_string(),
        T::Invalid => match q.kind {
            Kind::Number | Kind::Bands => "heel veel".into(),
            _ => format!("onzin {}", rng.below(3)),
        },
        T::Cat(i) => messy(rng, &labels[*i]),
        T::Na => messy(rng, "n.v.t."),
        T::Multi(chosen, other) => {
            let mut pieces: Vec<String> = chosen.iter().map(|&i| messy(rng, &labels[i])).collect();
            if let Some(o) = other {
                pieces.insert(rng.below(pieces.len() + 1), o.clone());
            }
            pieces.join([";", ", "][rng.below(2)])
        }
        T::Num(v) if v.fract() != 0.0 => format!("{},5", v.trunc()),
        T::Num(v) if rng.chance(0.3) => format!("{v} jaar"),
        T::Num(v) => format!("{v}"),
        T::Unknown => "???".into(),
        T::Text(s) => s.clone(),
    }
}

/// One generated export: its bytes, and per data row its meanings when it is a response
/// the import must accept (`None`: a row it must reject).
fn export(rng: &mut Rng, qs: &[Q]) -> (Vec<u8>, Vec<Option<Vec<T>>>) {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    w.write_record((0..qs.len()).map(text)).unwrap();
    let mut rows = Vec::new();
    // Now and then a long export, so that declared scales reach the 30 complete answers
    // their alpha needs.
    let long = rng.chance(0.3);
    for _ in 0..5 + rng.below(if long { 250 } else { 80 }) {
        let truth: Vec<T> = qs.iter().map(|q| meaning(rng, q)).collect();
        let mut fields: Vec<String> = qs
            .iter()
            .zip(&truth)
            .map(|(q, t)| cell(rng, q, t))
            .collect();
        let mut ok = !fields.iter().all(|f| f.trim().is_empty());
        match rng.below(30) {
            0 => fields.iter_mut().for_each(|f| f.clear()),
            1 => {
                fields.pop();
            }
            2 => fields.push("te veel".into()),
            3 | 4 => fields.extend(["".to_string(), " ".to_string()]),
            _ => {}
        }
        ok &= !matches!(fields.len(), n if n < qs.len());
        ok &= !fields.iter().skip(qs.len()).any(|f| !f.trim().is_empty());
        ok &= !fields.iter().all(|f| f.trim().is_empty());
        // A required question without a valid answer rejects the row.
        ok &= !(qs[0].required && matches!(truth[0], T::Empty | T::Invalid));
        w.write_record(&fields).unwrap();
        rows.push(ok.then_some(truth));
    }
    (w.into_inner().unwrap(), rows)
}

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
