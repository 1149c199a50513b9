//! The report as the questionnaire declares it: a survey of another shape than BOS, the
//! hint when no group has a role, and the conclusions' pointer into the plan.

use crate::common::{peiling_in, repo};
use crate::report::{read, report, section};

/// The primary-school survey of another shape reads as its own questionnaire says:
/// its group titles and order, a grid's stem once under the title with only the items
/// as headings, no plan without theme links, and a free-text group's headline said once.
#[test]
fn a_survey_of_another_shape_is_reported_by_its_own_questionnaire() {
    let po = repo().join("datasets/po-rivierenland");
    let (_tmp, out) = report(&[po.to_str().unwrap()]);
    let md = read(&out.join("report.md"));
    let titles: Vec<&str> = md
        .lines()
        .filter_map(|l| l.strip_prefix("### "))
        .skip_while(|t| *t != "School")
        .collect();
    assert_eq!(
        titles[..10],
        [
            "School",
            "Functie en bouw",
            "Ervaring als mentor",
            "Tevredenheid over de samenwerking met de pabo",
            "Hoe bekwaam voelen mentoren zich?",
            "Gewenste onderwerpen",
            "Gewenste vorm",
            "Tijd voor begeleiding",
            "Andere mentoren ontmoeten",
            "Tips voor de pabo",
        ]
    );
    let stem = "Hoe tevreden ben je over de samenwerking met de pabo?";
    let grid = section(&md, "mentoren-samenwerking");
    assert!(grid.contains(&format!("\n{stem}\n")), "{grid}");
    assert!(md.contains("#### Contact met de instituutsopleider"));
    assert!(!md.contains(&format!("#### {stem}")));
    assert!(!md.contains("Rotatieplan"));
    // Bijlage 2's BOS titles never reach another survey.
    assert!(!md.contains("Relatie met SO en IO") && !md.contains("Hoe capabel?"));
    let tips = &md[md.find("<a id=\"mentoren-tips\"></a>").unwrap()..];
    let tips = &tips[..tips.find("<a id=\"verantwoording\"></a>").unwrap()];
    assert_eq!(
        tips.matches("12 van 56 vulden iets in").count(),
        1,
        "{tips}"
    );
}

/// A questionnaire whose groups have no role gets no conclusions, and the terminal says
/// in one line how to declare the roles; one with roles gets no such line.
#[test]
fn without_group_roles_the_terminal_says_how_to_declare_them() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = repo().join("tests/fixtures/import");
    let (q, data) = (dir.join("questionnaire.toml"), dir.join("msforms-nl.csv"));
    let args = [
        "report",
        "-q",
        q.to_str().unwrap(),
        "-d",
        data.to_str().unwrap(),
        "--out",
        "r",
        "--no-plan",
    ];
    let out = peiling_in(tmp.path(), &args).ok();
    let hint: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("No conclusions"))
        .collect();
    assert_eq!(hint.len(), 1, "{out}");
    assert!(hint[0].contains("role = \"themes\""), "{out}");
    let md = read(&tmp.path().join("r/report.md"));
    assert!(
        md.contains("Uit deze cijfers volgt geen aanbeveling"),
        "{md}"
    );
    let po = repo().join("datasets/po-rivierenland");
    let out = peiling_in(tmp.path(), &["report", po.to_str().unwrap(), "--out", "po"]).ok();
    assert!(!out.contains("No conclusions"), "{out}");
}

/// Rule C6: with a plan, the conclusions say where the options each audience asked for
/// most come up in the plan, recounted here from plan.json: per option its own count
/// (review finding 4: an option feeding two themes is not counted under both), its
/// themes' first meetings in date order (finding 15); without a plan, not.
#[test]
fn conclusions_say_where_the_most_wanted_themes_land_in_the_plan() {
    let (_tmp, out) = report(&[]);
    let md = read(&out.join("report.md"));
    let conclusions = section(&md, "conclusies");
    let plan: serde_json::Value = serde_json::from_str(&read(&out.join("plan.json"))).unwrap();
    let months = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let meetings = plan["meetings"].as_array().unwrap();
    for (part, who) in [("so", "schoolopleiders"), ("wpb", "werkplekbegeleiders")] {
        // Per option of this part: how many chose it, and the themes it feeds.
        let mut asked: Vec<(String, u64, Vec<String>)> = Vec::new();
        for d in plan["demand"].as_array().unwrap() {
            let theme = d["theme"].as_str().unwrap().to_string();
            for a in d["audiences"].as_array().unwrap() {
                if a["questionnaire"] != part {
                    continue;
                }
                for s in a["sources"].as_array().unwrap() {
                    let option = s["option"].as_str().unwrap().to_string();
                    let n = s["count"].as_u64().unwrap();
                    match asked.iter_mut().find(|x| x.0 == option) {
                        Some(x) => x.2.push(theme.clone()),
                        None => asked.push((option, n, vec![theme.clone()])),
                    }
                }
            }
        }
        asked.retain(|x| x.1 > 0);
        asked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let second = asked[1].1;
        let line = conclusions
            .lines()
            .find(|l| l.contains(&format!("Wat de {who} het meest vroegen")))
            .unwrap_or_else(|| panic!("{who}: {conclusions}"));
        for (i, (option, n, themes)) in asked.iter().enumerate() {
            if i >= 2 && *n != second {
                continue;
            }
            let mut first: Vec<&serde_json::Value> = themes
                .iter()
                .map(|t| {
                    meetings
                        .iter()
                        .filter(|m| m["theme"] == t.as_str())
                        .min_by_key(|m| m["date"].as_str().unwrap().to_string())
                        .unwrap_or_else(|| panic!("{t} has no meeting"))
                })
                .collect();
            first.sort_by_key(|m| m["date"].as_str().unwrap().to_string());
            let places: Vec<String> = first
                .iter()
                .map(|m| {
                    let date: Vec<usize> = m["date"]
                        .as_str()
                        .unwrap()
                        .split('-')
                        .map(|x| x.parse().unwrap())
                        .collect();
                    format!(
                        "{} ({} {} {} {})",
                        m["title"].as_str().unwrap(),
                        weekday(date[0], date[1], date[2]),
                        date[2],
                        months[date[1] - 1],
                        date[0]
                    )
                })
                .collect();
            let places = match places.len() {
                1 => places[0].clone(),
                k => format!("{} en {}", places[..k - 1].join(", "), places[k - 1]),
            };
            let said = format!("{} ({n} mensen) valt onder {places}", option.to_lowercase());
            assert!(line.contains(&said), "{part}: \"{said}\" in {line}");
        }
        // No theme carries the people of two options added up.
        assert!(!line.contains("Reflectie (5 mensen)"), "{line}");
    }
    let (_tmp, out) = report(&["--no-plan"]);
    let md = read(&out.join("report.md"));
    assert!(!section(&md, "conclusies").contains("rotatieplan"), "{md}");
}

/// The Dutch weekday of a date (Zeller's congruence), independent of the report's code.
fn weekday(y: usize, m: usize, d: usize) -> &'static str {
    let (y, m) = if m < 3 { (y - 1, m + 12) } else { (y, m) };
    let h = (d + 13 * (m + 1) / 5 + y + y / 4 - y / 100 + y / 400) % 7;
    [
        "zaterdag",
        "zondag",
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
    ][h]
}
