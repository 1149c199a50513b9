//! Theme demand (`PartSummary::theme_demand`) against counts worked out by hand from
//! Bijlage 2 and, for distinct respondents, straight from the bundled CSV files.

use std::collections::BTreeSet;
use std::path::PathBuf;

use peiling_analysis::{analyze, AnalysisOptions, Filter, PartSummary, ThemeDemand};
use peiling_survey::{import, ImportOptions, Part, Survey};

fn bundled() -> Survey {
    Survey::bundled(&ImportOptions::default()).unwrap()
}

fn demand<'a>(part: &'a PartSummary, theme: &str) -> &'a ThemeDemand {
    part.theme_demand
        .iter()
        .find(|d| d.theme == theme)
        .unwrap_or_else(|| panic!("no demand for {theme}"))
}

/// The theme cells of a bundled CSV, read with the csv crate only: per row, the set of
/// options chosen (Microsoft Forms joins them with ';' and ends with ';'), and the cell
/// of `filter_header` for filtering.
fn raw_rows(file: &str, header: &str, filter_header: &str) -> Vec<(BTreeSet<String>, String)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../datasets/bos-2020");
    let text = std::fs::read_to_string(path.join(file)).unwrap();
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = r.headers().unwrap().clone();
    let col = headers.iter().position(|h| h == header).expect(header);
    let fcol = headers
        .iter()
        .position(|h| h == filter_header)
        .expect(filter_header);
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            let chosen = rec[col]
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            (chosen, rec[fcol].to_string())
        })
        .collect()
}

const WPB_THEMES: &str = "Aan welke thema's heb je behoefte?";
const OPLEIDINGSDIDACTIEK: &str = "Opleidingsdidactiek (leerprocessen student)";
const REFLECTEREN: &str = "Reflecteren en feedback geven";
const INTRODUCTIE: &str = "Introductie in competentiegericht begeleiden en opleiden";

#[test]
fn wpb_demand_follows_bijlage_2_counts_times_weights() {
    let s = analyze(&bundled(), &AnalysisOptions::default()).unwrap();
    let wpb = s.part("wpb").unwrap();
    // Bijlage 2, WPB thema's: gespreks- en begeleidingsvaardigheden 16, reflecteren en
    // feedback geven 13, opleidingsdidactiek 23, introductie competentiegericht 15,
    // vakdidactisch handelen 8, informatie over samen opleiden 17. Weights from wpb.toml.
    let expected = [
        ("wie_ben_ik_als_leraar", 8.0 * 1.0 + 17.0 * 0.5), // 16.5
        ("agogisch_bekwaam", 16.0),
        ("feedback", 13.0 * 0.5 + 15.0 * 0.5),   // 14
        ("wie_ben_ik_als_lerende", 23.0 * 0.5),  // 11.5
        ("wie_ben_ik_als_opleider", 23.0 * 0.5), // 11.5
        ("innovatie", 17.0 * 0.5),               // 8.5
        ("observeren", 15.0 * 0.5),              // 7.5
        ("reflectie", 13.0 * 0.5),               // 6.5
    ];
    let got: Vec<(&str, f64)> = wpb
        .theme_demand
        .iter()
        .map(|d| (d.theme.as_str(), d.weighted))
        .collect();
    // Ranked by weighted demand; the 11.5 tie in theme-id order.
    assert_eq!(got, expected.to_vec());

    let lerende = demand(wpb, "wie_ben_ik_als_lerende");
    assert_eq!(lerende.respondents, 23);
    assert_eq!(lerende.sources.len(), 1);
    let src = &lerende.sources[0];
    assert_eq!(
        (
            src.question.as_str(),
            src.option.as_str(),
            src.count,
            src.weight
        ),
        ("thema", OPLEIDINGSDIDACTIEK, 23, 0.5)
    );

    // Feedback is fed by two options; a respondent who chose both counts once.
    let rows = raw_rows("wpb.csv", WPB_THEMES, "Welke onderwijsbevoegdheid heb je?");
    let either = rows
        .iter()
        .filter(|(c, _)| c.contains(REFLECTEREN) || c.contains(INTRODUCTIE))
        .count();
    let both = rows
        .iter()
        .filter(|(c, _)| c.contains(REFLECTEREN) && c.contains(INTRODUCTIE))
        .count();
    assert_eq!(
        either + both,
        13 + 15,
        "inclusion-exclusion on the raw cells"
    );
    let feedback = demand(wpb, "feedback");
    assert_eq!(feedback.respondents, either);
    let counts: Vec<usize> = feedback.sources.iter().map(|s| s.count).collect();
    assert_eq!(counts, vec![13, 15]);
}

#[test]
fn so_demand_follows_bijlage_2() {
    let s = analyze(&bundled(), &AnalysisOptions::default()).unwrap();
    let so = s.part("so").unwrap();
    // Bijlage 2, SO thema's (asked of the 8 with behoefte): gespreks- en
    // begeleidingsvaardigheden 2, reflecteren en feedback 2, intervisie 3, beoordeling 1,
    // certificering 1, info samen opleiden 1.
    let w = |t: &str| demand(so, t).weighted;
    assert_eq!(w("agogisch_bekwaam"), 2.0);
    assert_eq!(w("reflectie"), 2.0 * 0.5 + 3.0 * 0.5);
    assert_eq!(w("onderzoekende_houding"), 1.5);
    assert_eq!(w("feedback"), 1.0);
    assert_eq!(w("beoordelen"), 1.0);
    assert_eq!(w("beroepsregistratie_velon"), 1.0);
    assert_eq!(w("innovatie"), 1.0);
    assert_eq!(so.theme_demand.len(), 7);
    assert_eq!(so.theme_demand[0].theme, "reflectie");
}

#[test]
fn where_filter_narrows_theme_demand() {
    let opts = AnalysisOptions {
        filters: vec!["bevoegdheid=Eerstegraads".parse::<Filter>().unwrap()],
        ..AnalysisOptions::default()
    };
    // The SO questionnaire has no bevoegdheid question: analyse the WPB part alone.
    let mut survey = bundled();
    survey.parts.retain(|p| p.questionnaire().id == "wpb");
    let s = analyze(&survey, &opts).unwrap();
    let wpb = s.part("wpb").unwrap();
    let rows: Vec<_> = raw_rows("wpb.csv", WPB_THEMES, "Welke onderwijsbevoegdheid heb je?")
        .into_iter()
        .filter(|(_, b)| b == "Eerstegraads")
        .collect();
    assert_eq!(rows.len(), 25);
    let n = |o: &str| rows.iter().filter(|(c, _)| c.contains(o)).count();
    let lerende = demand(wpb, "wie_ben_ik_als_lerende");
    assert_eq!(lerende.sources[0].count, n(OPLEIDINGSDIDACTIEK));
    assert_eq!(lerende.weighted, n(OPLEIDINGSDIDACTIEK) as f64 * 0.5);
    assert_eq!(
        demand(wpb, "feedback").weighted,
        (n(REFLECTEREN) + n(INTRODUCTIE)) as f64 * 0.5
    );
    // Fewer respondents than without the filter, but some.
    assert!(n(OPLEIDINGSDIDACTIEK) > 0 && n(OPLEIDINGSDIDACTIEK) < 23);
}

#[test]
fn only_asked_respondents_count_and_unchosen_themes_are_listed() {
    // Row 3 answered the theme question although it was not put to them (need = Nee):
    // the question's base excludes them, so must the demand. "Innovatie" is linked but
    // chosen by nobody: listed with zero.
    let q = peiling_survey::Questionnaire::from_toml(
        "mini.toml",
        r#"
id = "mini"
title = "Mini"
audience = "WPB"

[[question]]
id = "need"
text = "Behoefte?"
kind = "yesno"

[[question]]
id = "themes"
text = "Thema's"
kind = "multi"
only_if = { question = "need", answer = "Ja" }
  [[question.option]]
  label = "Feedback geven"
  themes = [{ theme = "feedback", weight = 0.5 }, { theme = "reflectie", weight = 0.5 }]
  [[question.option]]
  label = "Observeren"
  themes = [{ theme = "observeren", weight = 0.75 }, { theme = "feedback", weight = 0.25 }]
  [[question.option]]
  label = "Vernieuwing"
  themes = [{ theme = "innovatie" }]

[[question]]
id = "first"
text = "Liefste thema"
kind = "single"
  [[question.option]]
  label = "Reflectie"
  themes = [{ theme = "reflectie" }]
  [[question.option]]
  label = "Geen"
"#,
    )
    .unwrap();
    let data = "ID,Behoefte?,Thema's,Liefste thema\n\
                1,Ja,Feedback geven;Observeren;,Reflectie\n\
                2,Ja,Observeren;,Geen\n\
                3,Nee,Feedback geven;,Reflectie\n\
                4,Ja,,\n";
    let dataset = import(&q, "mini.csv", data.as_bytes(), &ImportOptions::default()).unwrap();
    let survey = Survey {
        id: "mini".into(),
        title: "Mini".into(),
        title_en: None,
        partnership: None,
        edition: None,
        about: Default::default(),
        parts: vec![Part {
            population: None,
            data: dataset,
        }],
    };
    let s = analyze(&survey, &AnalysisOptions::default()).unwrap();
    let p = &s.parts[0];
    // feedback: "Feedback geven" 1 (row 1; row 3 not asked) × 0.5 + "Observeren" 2 × 0.25.
    let fb = demand(p, "feedback");
    assert_eq!((fb.weighted, fb.respondents), (1.0, 2));
    // reflectie: "Feedback geven" 1 × 0.5 + "Reflectie" (single, asked of all) 2 × 1;
    // respondents 1 and 3.
    let re = demand(p, "reflectie");
    assert_eq!((re.weighted, re.respondents), (2.5, 2));
    // observeren: "Observeren" 2 × 0.75 (an option's weights add up to at most 1).
    let ob = demand(p, "observeren");
    assert_eq!((ob.weighted, ob.respondents), (1.5, 2));
    let inn = demand(p, "innovatie");
    assert_eq!(
        (inn.weighted, inn.respondents, inn.sources[0].count),
        (0.0, 0, 0)
    );
    let order: Vec<&str> = p.theme_demand.iter().map(|d| d.theme.as_str()).collect();
    assert_eq!(order, ["reflectie", "observeren", "feedback", "innovatie"]);
}
