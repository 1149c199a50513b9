//! What the plan rests on, end to end: the list in the terminal table, plan.json and the
//! report's plan section names the audience weights, the schools with their room, the
//! holiday region with its source, the weeks kept free and the number of meetings, each
//! from the catalogue and holidays file it was made with.

use serde_json::Value;

use crate::common::{peiling, peiling_in, repo};

#[test]
fn the_plan_says_what_it_rests_on_in_the_table_the_json_and_the_report() {
    let p: Value = serde_json::from_str(&peiling(&["plan", "--json"]).ok()).unwrap();
    let nl: Vec<String> = p["assumptions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["nl"].as_str().unwrap().to_string())
        .collect();
    // The source line of the bundled holidays of the catalogue's region (zuid).
    let zuid = std::fs::read_to_string(repo().join("datasets/holidays/zuid.toml")).unwrap();
    let source = zuid
        .lines()
        .find_map(|l| l.strip_prefix("source = "))
        .unwrap()
        .trim_matches('"')
        .to_string();
    assert_eq!(
        nl,
        [
            "Gewicht van één respondent: SO 1, WPB 1. Basisthema's tellen de vraag van WPB volledig, verdiepende thema's die van SO en IO; andere doelgroepen tellen half mee.".to_string(),
            "Gastscholen: Koning Willem II College (capaciteit niet opgegeven) en Onze Lieve Vrouwelyceum (capaciteit niet opgegeven); elke school ontvangt om de beurt even vaak (op één na), en alleen bijeenkomsten waarvoor ze plaats genoeg heeft voor iedereen die om het thema vroeg.".to_string(),
            format!("Schoolvakanties: regio zuid, uit het meegeleverde bestand van de regio van de catalogus (bron: {source})."),
            "Vrijgehouden weken: lesweek 2 en 3 (startbijeenkomsten op de scholen) en de laatste week voor de kerstvakantie.".to_string(),
            "Bijeenkomsten per jaar: 5 tot 7 (gekozen: 6 en 6); basisbijeenkomsten: 40 tot 60 % van de bijeenkomsten, dus 3 per jaar.".to_string(),
        ]
    );
    // The terminal table lists the same sentences under one heading.
    let table = peiling(&["plan"]).ok();
    let at = table.find("Waarop dit plan rust:").expect("heading");
    for a in &nl {
        assert!(table[at..].contains(&format!("  - {a}")), "{a}");
    }
    // Another catalogue, holidays file and rule: the list follows them.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(repo().join("datasets/catalogues/bos.toml"))
        .unwrap()
        .replace(
            "schools = [\"Koning Willem II College\", \"Onze Lieve Vrouwelyceum\"]",
            "schools = [{ name = \"Beekvliet\", capacity = 30 }, \"Theresialyceum\", { name = \"Odulphus\", capacity = 45 }]",
        )
        .replace("others = 0.5", "others = 0.25\nweights = { SO = 2 }")
        .replace("reserved_school_weeks = [2, 3]", "reserved_school_weeks = []");
    std::fs::write(dir.path().join("cat.toml"), text).unwrap();
    std::fs::copy(
        repo().join("datasets/holidays/noord.toml"),
        dir.path().join("noord.toml"),
    )
    .unwrap();
    let args = [
        "plan",
        "--catalogue",
        "cat.toml",
        "--holidays",
        "noord.toml",
        "--per-year",
        "7",
        "--lang",
        "en",
    ];
    let table = peiling_in(dir.path(), &args).ok();
    for expected in [
        "  - Weight of one respondent: SO 2, WPB 1. Basis themes count the demand of WPB fully, deepening themes that of SO and IO; other audiences count × 0.25.",
        "  - Host schools: Beekvliet (30 places), Theresialyceum (capacity not given) and Odulphus (45 places);",
        "  - School holidays: region noord, from a file given for this plan (source: ",
        "  - Weeks kept free: the last week before the Christmas holiday.",
        "  - Meetings a year: 7; basis meetings: 40 to 60 % of the meetings, so 3-4 a year.",
    ] {
        assert!(table.contains(expected), "{expected}\n{table}");
    }
    // The report's plan section has the list too.
    let out = tempfile::tempdir().unwrap();
    peiling_in(out.path(), &["report", "--out", "r"]).ok();
    let md = std::fs::read_to_string(out.path().join("r/report.md")).unwrap();
    let at = md.find("Waarop dit plan rust").expect("section");
    for a in &nl {
        assert!(md[at..].contains(a.as_str()), "{a}");
    }
}
