//! The analysis on a small survey whose every figure is counted by hand below.

use peiling_analysis::{analyze, AnalysisError, AnalysisOption, AnalysisOptions, Detail, Filter};
use peiling_survey::{import, ImportOptions, Part, Survey};

const QUESTIONNAIRE: &str = r#"
id = "mini"
title = "Mini"
audience = "WPB"
population = 10

[[question]]
id = "grade"
text = "Bevoegdheid"
kind = "single"
options = ["Eerstegraads", "Tweedegraads"]

[[question]]
id = "need"
text = "Behoefte?"
kind = "yesno"

[[question]]
id = "themes"
text = "Thema's"
kind = "multi"
other = "Andere"
only_if = { question = "need", answer = "Ja" }
options = ["Feedback", "Observeren", "Reflectie"]

[[question]]
id = "comp"
text = "Competent?"
kind = "scale"
levels = ["Uitermate", "Zeer", "Redelijk", "Niet erg", "Helemaal niet"]
not_applicable = ["n.v.t."]

[[question]]
id = "comp2"
text = "Competent 2?"
kind = "scale"
levels = ["Uitermate", "Zeer", "Redelijk", "Niet erg", "Helemaal niet"]

[[question]]
id = "hours"
text = "Uren"
kind = "number"
unknown = ["???"]

[[question]]
id = "why"
text = "Waarom?"
kind = "text"

[[question]]
id = "mail"
text = "E-mail adres"
kind = "personal"
personal = "email"

[[scale]]
id = "competent"
title = "Competent"
items = ["comp", "comp2"]
"#;

// 8 respondents. need: Ja x5 (rows 1-5), Nee x2, empty x1.
const DATA: &str = "\
ID,Bevoegdheid,Behoefte?,Thema's,Competent?,Competent 2?,Uren,Waarom?,E-mail adres
1,Eerstegraads,Ja,Feedback;Reflectie;,Zeer,Zeer,10,veel ervaring,a@x.invalid
2,Tweedegraads,Ja,Feedback;,Redelijk,Redelijk,20,Veel ervaring!,
3,Tweedegraads,Ja,Observeren;iets anders;,Zeer,Redelijk,???,,
4,Tweedegraads,Ja,,n.v.t.,Niet erg,30,,
5,Eerstegraads,ja,Feedback;Observeren;,Uitermate,Zeer,40,tijd,
6,Tweedegraads,Nee,,Zeer,Zeer,,,
7,Eerstegraads,Nee,,Redelijk,Redelijk,5,,
8,Tweedegraads,,,,,,,
";

fn survey() -> Survey {
    let q = peiling_survey::Questionnaire::from_toml("mini.toml", QUESTIONNAIRE).unwrap();
    let data = import(&q, "mini.csv", DATA.as_bytes(), &ImportOptions::default()).unwrap();
    Survey {
        id: "mini".into(),
        title: "Mini".into(),
        title_en: None,
        partnership: None,
        edition: Some("2020".into()),
        about: Default::default(),
        parts: vec![Part {
            population: Some(10),
            data,
        }],
    }
}

#[test]
fn every_figure_of_a_small_survey() {
    let s = analyze(&survey(), &AnalysisOptions::default()).unwrap();
    let p = &s.parts[0];
    assert_eq!(p.respondents, 8);
    assert_eq!(p.response_rate, Some(0.8));

    let grade = p.question("grade").unwrap();
    let Detail::Choice { rows } = &grade.detail else {
        panic!()
    };
    assert_eq!((rows[0].count, rows[1].count), (3, 5));
    assert_eq!(rows[0].pct_base, 37.5);

    let need = p.question("need").unwrap();
    assert_eq!((need.answered, need.no_answer, need.base), (7, 1, 8));

    // themes: put to the 5 "Ja" respondents; row 4 left it empty.
    let themes = p.question("themes").unwrap();
    assert_eq!((themes.base, themes.answered, themes.no_answer), (5, 4, 1));
    let Detail::Multi {
        rows,
        other,
        mean_chosen,
    } = &themes.detail
    else {
        panic!()
    };
    let ranked: Vec<(&str, usize)> = rows.iter().map(|r| (r.label.as_str(), r.count)).collect();
    assert_eq!(
        ranked,
        vec![
            ("Feedback", 3),
            ("Observeren", 2),
            ("Reflectie", 1),
            ("Andere", 1)
        ]
    );
    assert_eq!(rows[0].pct_base, 60.0);
    assert_eq!(rows[0].pct_answered, Some(75.0));
    assert_eq!(other[0].text, "iets anders");
    assert_eq!(*mean_chosen, Some(1.75));

    // comp: Uitermate 1, Zeer 3, Redelijk 2, n.v.t. 1, geen antwoord 1: 6 rated.
    let comp = p.question("comp").unwrap();
    let Detail::Scale {
        rows,
        not_applicable,
        top2,
        median,
        ..
    } = &comp.detail
    else {
        panic!()
    };
    let counts: Vec<usize> = rows.iter().map(|r| r.count).collect();
    assert_eq!(counts, vec![1, 3, 2, 0, 0]);
    assert_eq!(not_applicable[0].count, 1);
    assert_eq!(comp.no_answer, 1);
    let top2 = top2.as_ref().unwrap();
    assert_eq!(top2.count, 4);
    assert_eq!(top2.pct_answered, Some(66.666667));
    assert_eq!(median.as_deref(), Some("Zeer"));

    // hours: 10, 20, ???, 30, 40, 5 → known 5 values, mean 21, median 20, sd sqrt(820/4).
    let hours = p.question("hours").unwrap();
    let Detail::Number {
        values,
        unknown,
        mean,
        median,
        sd,
        min,
        max,
        list,
        ..
    } = &hours.detail
    else {
        panic!()
    };
    assert_eq!((*values, *unknown), (5, 1));
    assert_eq!(*mean, Some(21.0));
    assert_eq!(*median, Some(20.0));
    assert_eq!(*sd, Some((205f64.sqrt() * 1e6).round() / 1e6));
    assert_eq!((*min, *max), (Some(5.0), Some(40.0)));
    assert_eq!(
        list,
        &vec![
            Some(10.0),
            Some(20.0),
            None,
            Some(30.0),
            Some(40.0),
            Some(5.0)
        ]
    );

    // text: "veel ervaring" and "Veel ervaring!" are one answer.
    let why = p.question("why").unwrap();
    let Detail::Text { answers, .. } = &why.detail else {
        panic!()
    };
    assert_eq!(answers.len(), 2);
    assert_eq!(
        (answers[0].text.as_str(), answers[0].count),
        ("veel ervaring", 2)
    );

    // personal data: counted, never shown.
    let json = serde_json::to_string(&s).unwrap();
    assert!(!json.contains("a@x.invalid"));

    // reliability of comp + comp2 over the 6 complete cases (rows 1,2,3,5,6,7):
    // scores (5 - level index): comp 4,3,4,5,4,3 ; comp2 4,3,3,4,4,3.
    // python3 -c "import numpy as np; a=np.array([[4,4],[3,3],[4,3],[5,4],[4,4],[3,3]],float);
    //   print(2*(1-a.var(0,ddof=1).sum()/a.sum(1).var(ddof=1)))"  -> 0.8181818181818179
    let rows = [[4., 4.], [3., 3.], [4., 3.], [5., 4.], [4., 4.], [3., 3.]].map(Vec::from);
    let alpha = peiling_analysis::stats::cronbach_alpha(&rows).unwrap();
    assert!((alpha - 0.818182).abs() < 1e-6);
    // The declared scale is counted, but its alpha is not given: 2 items, 6 people
    // (at least 3 items and 30 people; docs/report-rules.md).
    let rel = &p.reliability[0];
    assert_eq!(rel.items, vec!["comp", "comp2"]);
    assert_eq!(rel.scale.as_deref(), Some("competent"));
    assert_eq!(rel.respondents, 6);
    assert_eq!(rel.cronbach_alpha, None);
}

/// Three scale items answered by `n` people; every row scores (level index) i % 5 on
/// each item, so the items agree perfectly and alpha is 1.
fn scale_survey(n: usize, declared: bool) -> Survey {
    let levels = r#"levels = ["5", "4", "3", "2", "1"]"#;
    let mut toml = format!(
        "id = \"s\"\ntitle = \"S\"\naudience = \"LK\"\n\n\
         [[question]]\nid = \"a\"\ntext = \"A\"\nkind = \"scale\"\n{levels}\n\n\
         [[question]]\nid = \"b\"\ntext = \"B\"\nkind = \"scale\"\n{levels}\n\n\
         [[question]]\nid = \"c\"\ntext = \"C\"\nkind = \"scale\"\n{levels}\n"
    );
    if declared {
        toml.push_str(
            "\n[[scale]]\nid = \"abc\"\ntitle = \"ABC\"\nitems = [\"a\", \"b\", \"c\"]\n",
        );
    }
    let q = peiling_survey::Questionnaire::from_toml("s.toml", &toml).unwrap();
    let mut csv = String::from("A,B,C\n");
    for i in 0..n {
        let l = 5 - i % 5;
        csv.push_str(&format!("{l},{l},{l}\n"));
    }
    let data = import(&q, "s.csv", csv.as_bytes(), &ImportOptions::default()).unwrap();
    Survey {
        id: "s".into(),
        title: "S".into(),
        title_en: None,
        partnership: None,
        edition: None,
        about: Default::default(),
        parts: vec![Part {
            population: None,
            data,
        }],
    }
}

#[test]
fn alpha_only_for_a_declared_scale_of_3_items_and_30_people() {
    let alpha = |n, declared| {
        let s = analyze(&scale_survey(n, declared), &AnalysisOptions::default()).unwrap();
        s.parts[0]
            .reliability
            .first()
            .map(|r| (r.respondents, r.cronbach_alpha))
    };
    assert_eq!(alpha(30, true), Some((30, Some(1.0))));
    assert_eq!(alpha(29, true), Some((29, None)));
    // Three items on the same levels but not declared one scale: nothing.
    assert_eq!(alpha(30, false), None);
}

#[test]
fn filters_and_crosstabs() {
    let opts = AnalysisOptions {
        filters: vec!["grade=tweedegraads".parse::<Filter>().unwrap()],
        by: None,
        min_group: 5,
    };
    let s = analyze(&survey(), &opts).unwrap();
    assert_eq!(s.parts[0].respondents, 5);
    assert_eq!(s.parts[0].response_rate, None);

    let opts = AnalysisOptions {
        filters: vec![],
        by: Some("grade".into()),
        min_group: 0,
    };
    let s = analyze(&survey(), &opts).unwrap();
    let t = s.parts[0]
        .crosstabs
        .iter()
        .find(|t| t.question == "need")
        .unwrap();
    // need by grade: Ja: eerste 2 (rows 1,5), tweede 3; Nee: eerste 1, tweede 1.
    assert_eq!(
        t.counts,
        vec![vec![Some(2), Some(3)], vec![Some(1), Some(1)]]
    );
    // scipy.stats.fisher_exact([[2,3],[1,1]]).pvalue == 1.0
    assert_eq!(t.fisher.as_ref().unwrap().p, 1.0);
    assert!(t.warning.is_some());

    let suppressed = analyze(
        &survey(),
        &AnalysisOptions {
            min_group: 5,
            ..opts
        },
    )
    .unwrap();
    let t = suppressed.parts[0]
        .crosstabs
        .iter()
        .find(|t| t.question == "need")
        .unwrap();
    assert!(t.counts.iter().flatten().all(Option::is_none));
}

#[test]
fn bad_filters_are_user_errors() {
    assert!("need".parse::<Filter>().is_err());
    let opts = AnalysisOptions {
        filters: vec!["nope=Ja".parse().unwrap()],
        ..AnalysisOptions::default()
    };
    let e = analyze(&survey(), &opts).unwrap_err();
    assert!(
        matches!(
            &e,
            AnalysisError::Request {
                option: AnalysisOption::Filter,
                value: None,
                problem,
            } if problem.starts_with("questionnaire \"mini\" has no question \"nope\"")
        ),
        "{e:?}"
    );
    let e = e.to_string();
    assert!(
        e.starts_with("filter: questionnaire \"mini\" has no question \"nope\""),
        "{e}"
    );
    // A grouping question without options is refused, naming the option as a concept.
    let opts = AnalysisOptions {
        by: Some("why".into()),
        ..AnalysisOptions::default()
    };
    let e = analyze(&survey(), &opts).unwrap_err().to_string();
    assert!(!e.contains("--"), "{e}");
}
