//! The oracle's random material: questionnaires of every kind and exports with messy
//! cells, generated together with what every cell means (`T`), which the recount in
//! `oracle.rs` counts from.

/// splitmix64: a generator of the test's own, seeded per case.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

const LEVELS: [&str; 4] = ["Helemaal eens", "Eens", "Oneens", "Helemaal oneens"];
const BANDS: [(&str, u32, Option<u32>); 3] = [
    ("0-9", 0, Some(9)),
    ("10-19", 10, Some(19)),
    ("20 of meer", 20, None),
];
pub const THEMES: [&str; 3] = ["feedback", "reflectie", "coaching"];

#[derive(Debug, Clone)]
pub enum Kind {
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
pub struct Q {
    pub kind: Kind,
    /// Asked only when question .0 has category .1.
    pub only_if: Option<(usize, usize)>,
    pub required: bool,
    /// (category, theme, weight)
    pub themes: Vec<(usize, &'static str, f64)>,
}

/// What a cell means.
#[derive(Debug, Clone, PartialEq)]
pub enum T {
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
    pub fn labels(&self) -> Vec<String> {
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
    pub fn categories(&self, t: &T) -> Vec<usize> {
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

pub fn questionnaire(rng: &mut Rng) -> Vec<Q> {
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

pub fn toml(qs: &[Q]) -> String {
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
pub fn export(rng: &mut Rng, qs: &[Q]) -> (Vec<u8>, Vec<Option<Vec<T>>>) {
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
