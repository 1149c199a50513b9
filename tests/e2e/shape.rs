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

/// Rule C6: with a plan, the conclusions say where each audience's most asked-for
/// catalogue themes first come up, recounted here from plan.json; without a plan, not.
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
    for part in ["so", "wpb"] {
        // Per theme, the most respondents of this part asking for it (over its levels).
        let mut asked: Vec<(String, u64)> = Vec::new();
        for d in plan["demand"].as_array().unwrap() {
            let theme = d["theme"].as_str().unwrap().to_string();
            for a in d["audiences"].as_array().unwrap() {
                if a["questionnaire"] != part {
                    continue;
                }
                let n = a["respondents"].as_u64().unwrap();
                match asked.iter_mut().find(|x| x.0 == theme) {
                    Some(x) => x.1 = x.1.max(n),
                    None => asked.push((theme.clone(), n)),
                }
            }
        }
        asked.retain(|x| x.1 > 0);
        asked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let second = asked[1].1;
        let top: Vec<&(String, u64)> = asked
            .iter()
            .enumerate()
            .filter(|(i, x)| *i < 2 || x.1 == second)
            .map(|(_, x)| x)
            .collect();
        for (theme, n) in top {
            let m = plan["meetings"]
                .as_array()
                .unwrap()
                .iter()
                .find(|m| m["theme"] == theme.as_str())
                .unwrap_or_else(|| panic!("{theme} has no meeting"));
            let date: Vec<usize> = m["date"]
                .as_str()
                .unwrap()
                .split('-')
                .map(|x| x.parse().unwrap())
                .collect();
            let title = m["title"].as_str().unwrap();
            let said = format!(
                "{title} ({n} mensen) op {} {} {} {}",
                weekday(date[0], date[1], date[2]),
                date[2],
                months[date[1] - 1],
                date[0]
            );
            assert!(
                conclusions.contains(&said),
                "{part}: \"{said}\" in {conclusions}"
            );
        }
    }
    let (_tmp, out) = report(&["--no-plan"]);
    let md = read(&out.join("report.md"));
    assert!(!section(&md, "conclusies").contains("in het plan"), "{md}");
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
