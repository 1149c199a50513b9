//! The bijlage's framing text after the second Dutch reading (issue 14, review
//! 2026-12-01-bijlage-nl-second.md, new findings 1, 3, 4, 7 and 10): what a team pastes
//! into its plan calls its data no software example, describes only what it shows,
//! points at no other document, says the privacy rules in short sentences that hold, and
//! says its headlines as sentences drawn from the figures.

use std::collections::BTreeMap;

use crate::common::{bundled, repo};
use crate::report::{read, report, section};

/// The bijlage and the full report, Markdown and HTML, of the bundled survey in `lang`.
struct Made {
    _dir: tempfile::TempDir,
    md: String,
    html: String,
    full: String,
}

fn made(lang: &str, extra: &[&str]) -> Made {
    let mut args = vec!["--lang", lang];
    args.extend_from_slice(extra);
    let (dir, out) = report(&args);
    Made {
        md: read(&out.join("bijlage.md")),
        html: read(&out.join("bijlage.html")),
        full: read(&out.join("report.md")),
        _dir: dir,
    }
}

/// Level counts of one column of the bundled SO export ("" for no answer).
fn so_column(header: &str) -> BTreeMap<String, usize> {
    let text = read(&bundled().join("so.csv"));
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let col = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == header)
        .unwrap_or_else(|| panic!("no column {header}"));
    let mut out = BTreeMap::new();
    for rec in r.records() {
        *out.entry(rec.unwrap()[col].trim().to_string()).or_insert(0) += 1;
    }
    out
}

/// New finding 1: "Nagebouwde gegevens: het voorbeeld dat bij peiling hoort" calls the
/// team's survey a software example. The bijlage says where the figures come from and
/// that they are rebuilt, and no bijlage of a bundled survey names the tool.
#[test]
fn the_bijlage_calls_its_data_no_software_example() {
    for (lang, said) in [
        ("nl", "Nagebouwde gegevens: de cijfers komen uit de totalen van de enquête van oktober 2020, zoals het professionaliseringsplan 2021 ze geeft. Antwoorden per persoon zijn niet bewaard; die zijn uit de totalen nagebouwd"),
        ("en", "Reconstructed data: the figures come from the totals of the October 2020 survey, as the 2021 professionalisation plan gives them. Answers per person were not kept; they were rebuilt from the totals"),
    ] {
        let m = made(lang, &[]);
        let origin = section(&m.md, "verantwoording-herkomst");
        assert!(origin.contains(said), "{lang}: {origin}");
        for bad in ["voorbeeld", "example"] {
            assert!(!origin.contains(bad), "{lang}: {bad} in {origin}");
        }
        assert!(!m.md.to_lowercase().contains("peiling"), "{lang}: {}", m.md);
    }
    // The synthetic second example neither.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    let po = repo().join("datasets/po-rivierenland");
    crate::common::peiling(&[
        "report",
        po.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
    .ok();
    let md = read(&out.join("bijlage.md"));
    assert!(!md.to_lowercase().contains("peiling"), "{md}");
    // Its typed years fall in bands of its own questionnaire; the example is the first
    // that is a range of numbers, its unit said once (not "Dit is mijn eerste jaar jaar").
    let privacy = section(&md, "verantwoording-privacy");
    assert!(
        privacy.contains(
            "Getallen die iemand zelf invulde, staan alleen in groepen, zoals “2-5 jaar”."
        ),
        "{privacy}"
    );
}

/// New finding 3: the Leeswijzer of bijlage.md spoke of "de grafiek en de kolom “met een
/// niveau”" and "De grafiek zet negatief links", the summary of "tabellen en grafieken":
/// bijlage.md has neither. One text, true for the Markdown (tables) and the HTML (charts
/// for the scale questions); the full report keeps its own guide.
#[test]
fn the_bijlage_guide_describes_what_the_bijlage_shows() {
    for (lang, scale, gone) in [
        (
            "nl",
            "Bij een schaalvraag (bijvoorbeeld van “uitstekend” tot “slecht”) tellen de percentages alleen wie een niveau koos. “N.v.t.” en geen antwoord tellen niet mee.",
            ["grafiek", "met een niveau"],
        ),
        (
            "en",
            "With a scale question (for example from “excellent” to “poor”) the percentages count only those who chose a level. “Not applicable” and no answer are left out.",
            ["chart", "choosing a level"],
        ),
    ] {
        let m = made(lang, &["--no-plan"]);
        let guide = section(&m.md, "leeswijzer");
        assert!(guide.contains(scale), "{lang}: {guide}");
        let summary = section(&m.md, "samenvatting");
        for word in gone {
            assert!(!guide.contains(word), "{lang}: {word} in {guide}");
            assert!(!summary.contains(word), "{lang}: {word} in {summary}");
        }
        // The HTML bijlage shows charts, and the same guide (the quotes escaped alike).
        assert!(m.html.contains("<svg"), "{lang}: no chart in the HTML");
        let first = scale.split(" (").next().unwrap();
        assert!(m.html.contains(first), "{lang}: {first}");
        assert!(!m.html.contains("De grafiek zet negatief links"));
        // The full report has charts and the column: its guide says so.
        let full = section(&m.full, "leeswijzer");
        assert!(full.contains(gone[0]) && full.contains(gone[1]), "{full}");
    }
    // Both sentences without a verb have one now (l.11 and l.29 of the reviewed text).
    let m = made("nl", &["--no-plan"]);
    for line in m.md.lines() {
        assert!(!line.starts_with("Per doelgroep de respons"), "{line}");
        assert!(!line.starts_with("Hoeveel mensen om elk thema"), "{line}");
    }
    assert!(m
        .md
        .contains("De samenvatting geeft per doelgroep de respons"));
    assert!(m.md.contains("De tabel zegt hoeveel mensen om elk thema"));
}

/// Day and month of an ISO date the way the report writes it ("7 oktober 2021").
fn dutch_date(iso: &str) -> String {
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
    let (y, rest) = iso.split_once('-').unwrap();
    let (m, d) = rest.split_once('-').unwrap();
    let m: usize = m.parse().unwrap();
    let d: u32 = d.parse().unwrap();
    format!("{d} {} {y}", months[m - 1])
}

/// New finding 4: "zie Rotatieplan (in het volledige rapport)": the plan a team pastes
/// into has no such report. The bijlage names the meetings' dates and points at no other
/// document; the full report keeps the link to its plan.
#[test]
fn the_bijlage_names_the_dates_and_points_at_no_other_document() {
    for (lang, elsewhere) in [
        ("nl", ["volledige rapport", "otatieplan"]),
        ("en", ["full report", "otation plan"]),
    ] {
        let m = made(lang, &[]);
        for bad in elsewhere {
            assert!(!m.md.contains(bad), "{lang}: {bad}\n{}", m.md);
            assert!(!m.html.contains(bad), "{lang}: {bad} in the HTML");
        }
    }
    let (_dir, out) = report(&[]);
    let md = read(&out.join("bijlage.md"));
    let full = read(&out.join("report.md"));
    let plan: serde_json::Value = serde_json::from_str(&read(&out.join("plan.json"))).unwrap();
    let conclusions = section(&md, "conclusies");
    let lead = "komt zo terug in het rooster van de bijeenkomsten: ";
    let landed: Vec<&str> = conclusions.lines().filter(|l| l.contains(lead)).collect();
    assert_eq!(landed.len(), 2, "{conclusions}");
    // The same sentence as in the full report, there with its link to the plan.
    for line in &landed {
        let linked = line.replace(
            "rooster van de bijeenkomsten",
            "[rooster van de bijeenkomsten](#rotatieplan)",
        );
        assert!(full.contains(&linked), "{linked}");
    }
    // Every date it names is a meeting of the plan, with the theme it names.
    let meetings = plan["meetings"].as_array().expect("meetings");
    let mut named = 0;
    for m in meetings {
        let title = m["title"].as_str().unwrap();
        let date = dutch_date(m["date"].as_str().unwrap());
        if landed
            .iter()
            .any(|l| l.contains(&format!("{title} (donderdag {date})")))
        {
            named += 1;
        }
    }
    assert!(named >= 4, "{named} meetings named: {conclusions}");
    // The offer says nothing about a plan it does not hold.
    let offer = section(&md, "samenvatting-aanbod");
    assert!(!offer.contains("rouleren"), "{offer}");
}

/// New finding 7: the privacy paragraph was one sentence of ~80 words about breakdowns
/// the bijlage lacks, and "Zo zijn in dit rapport 17 zelf ingevulde getallen alleen als
/// klasse getoond". Three short sentences now, each true for this report: the band is
/// one of the report's own (the lowest typed leservaring), recounted from the export.
#[test]
fn the_privacy_paragraph_is_three_short_true_sentences() {
    let years: Vec<u32> = so_column("Hoeveel jaar leservaring heb je?")
        .keys()
        .filter_map(|k| k.split_whitespace().next()?.parse().ok())
        .collect();
    let low = years.iter().min().unwrap();
    let band = format!("{}-{}", low / 5 * 5, low / 5 * 5 + 4);
    for (lang, said, unit) in [
        ("nl", "Vragen die minder dan 5 mensen kregen, staan er niet in. Getallen die iemand zelf invulde, staan alleen in groepen, zoals “BAND jaar”. Een gemiddelde staat er alleen als minstens 5 mensen een getal gaven.", "jaar"),
        ("en", "Questions put to fewer than 5 people are not in it. Numbers people typed in themselves appear only in groups, such as “BAND years”. A mean is given only when at least 5 people gave a number.", "years"),
    ] {
        let m = made(lang, &["--no-plan"]);
        let privacy = section(&m.md, "verantwoording-privacy");
        let said = said.replace("BAND", &band);
        assert!(privacy.contains(&format!("- {said}\n")), "{lang} ({unit}): {privacy}");
        for bad in ["17", "uitsplitsing", "breakdown", "klasse", "band"] {
            assert!(!privacy.contains(bad), "{lang}: {bad} in {privacy}");
        }
    }
    // With breakdowns (in the full report), the rule for them is said too.
    let m = made("nl", &["--no-plan", "--by", "leeftijd"]);
    let privacy = section(&m.full, "verantwoording-privacy");
    assert!(
        privacy.contains("In uitsplitsingen staat een groep kleiner dan 5 als “< 5”."),
        "{privacy}"
    );
}

/// New finding 10: "Vergelijkbaar over beide vragen: 100 % positief" is no sentence. The
/// headline says it with a verb, from the figures: recounted, every SO who chose a level
/// on either relation chose excellent or good, and one of them chose none on the IO.
#[test]
fn an_all_positive_scale_group_is_said_in_a_sentence() {
    let io = so_column("Hoe ervaar je de relatie met je huidige instituutsopleider?");
    let wpb = so_column("Hoe ervaar je de relatie met de werkplekbegeleiders?");
    let positive = ["Uitstekend", "Goed"];
    let levels = ["Uitstekend", "Goed", "Redelijk", "Matig", "Slecht"];
    for col in [&io, &wpb] {
        for (answer, n) in col {
            if levels.contains(&answer.as_str()) {
                assert!(positive.contains(&answer.as_str()), "{answer}: {n}");
            }
        }
    }
    let rated = |c: &BTreeMap<String, usize>| -> usize {
        c.iter()
            .filter(|(a, _)| levels.contains(&a.as_str()))
            .map(|(_, n)| n)
            .sum()
    };
    let everyone = rated(&io) == 10 && rated(&wpb) == 10;
    assert!(
        !everyone,
        "the data changed: the test expects a non-level answer"
    );
    for (lang, headline) in [
        ("nl", "**Alle schoolopleiders die een niveau kozen, kiezen bij beide vragen uitstekend of goed**"),
        ("en", "**All school-based teacher educators who chose a level choose excellent or good on both questions**"),
    ] {
        let m = made(lang, &["--no-plan"]);
        let relation = section(&m.md, "so-relatie-kort");
        assert!(relation.contains(headline), "{lang}: {relation}");
        assert!(!m.md.contains("100 % posit"), "{lang}");
    }
}

/// New finding 10: "de oorspronkelijke telling noemt 11 plaatsen voor 10 mensen ... zo
/// is het hier ook geteld": the bijlage counts no places. The correction says how the
/// answers were rebuilt, which holds for every length.
#[test]
fn the_places_correction_speaks_of_the_data_not_of_a_table_here() {
    let m = made("nl", &["--no-plan"]);
    let corrections = section(&m.md, "verantwoording-correcties");
    assert!(!corrections.contains("hier ook geteld"), "{corrections}");
    assert!(
        corrections.contains("Vermoedelijk noemde één werkplekbegeleider twee plaatsen; zo zijn de antwoorden ook nagebouwd."),
        "{corrections}"
    );
    let m = made("en", &["--no-plan"]);
    let corrections = section(&m.md, "verantwoording-correcties");
    assert!(!corrections.contains("counted here"), "{corrections}");
}
