//! The bijlage as a team pastes it into its plan (issue 14, the Dutch second reader's
//! review): it points only at what it holds, says nothing a team's own report must not
//! say about its data, and its corrections read as notes, not as guesses.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{bundled, peiling, repo};
use crate::report::{read, report, section};

/// Level counts of one column of the bundled SO export, read with the csv crate alone.
fn so_levels(header: &str) -> BTreeMap<String, usize> {
    let text = read(&bundled().join("so.csv"));
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let col = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == header)
        .unwrap();
    let mut out = BTreeMap::new();
    for rec in r.records() {
        let cell = rec.unwrap()[col].to_string();
        if !cell.is_empty() {
            *out.entry(cell).or_insert(0) += 1;
        }
    }
    out
}

/// Review finding 3: no "![…](charts/x.svg)" in a bijlage.md pasted alone, no link to a
/// section it does not have, no "(tabel)" or "elke zin verwijst naar zijn tabel" where
/// the figures are a chart, no Leeswijzer about "de laatste kolom" or "de tabel
/// erboven"; the plan, which only the full report has, is not pointed at.
#[test]
fn the_bijlage_points_only_at_what_it_holds() {
    for lang in ["nl", "en"] {
        let (_tmp, out) = report(&["--lang", lang]);
        let md = read(&out.join("bijlage.md"));
        assert!(!md.contains("](charts/"), "{lang}: {md}");
        assert!(!md.contains("[tabel]") && !md.contains("[table]"), "{md}");
        assert!(!md.contains("verwijst naar zijn tabel"), "{md}");
        // The reading guide speaks of no "last column" or "table above" the bijlage's
        // scale charts do not have.
        for gone in [
            "laatste kolom",
            "tabel erboven",
            "last column",
            "table above",
        ] {
            assert!(!md.contains(gone), "{lang}: {gone}");
        }
        // Every link lands on an anchor of the bijlage itself.
        for link in md.split("](#").skip(1) {
            let target = &link[..link.find(')').unwrap()];
            assert!(
                md.contains(&format!("<a id=\"{target}\"></a>")),
                "{lang}: a link to #{target}, which the bijlage does not have"
            );
        }
        // The plan, which only the full report has, is named by its dates, not
        // pointed at (second reading, new finding 4: tests/e2e/framing.rs).
        let elsewhere = if lang == "nl" {
            "volledige rapport"
        } else {
            "full report"
        };
        assert!(!md.contains(elsewhere), "{lang}: {md}");
    }
    // The scale questions, a chart in HTML, are a table of the same figures: recounted.
    let (_tmp, out) = report(&[]);
    let md = read(&out.join("bijlage.md"));
    let question =
        "Hoe capabel voel je je om aan WPB'ers professionalisering te geven/ontwikkelen?";
    let levels = so_levels(question);
    let n: usize = levels.values().sum();
    let pct = |level: &str| {
        let k = levels.get(level).copied().unwrap_or(0);
        format!("{} %", (k as f64 * 100.0 / n as f64).round())
    };
    // Second reading, finding 8: the question by its short title, the count in words,
    // the levels' shared word ("capabel") once in the header.
    let row = format!(
        "| Scholing geven aan werkplekbegeleiders ({n} antwoorden) | {} | {} | {} | {} | {} |",
        pct("Uitermate capabel"),
        pct("Zeer capabel"),
        pct("Redelijk capabel"),
        pct("Niet erg capabel"),
        pct("Helemaal niet capabel")
    );
    assert!(md.contains(&row), "{row}\n{md}");
    assert!(
        md.contains("| % van wie een niveau koos (uitermate … helemaal niet capabel) | Uitermate | Zeer | Redelijk | Niet erg | Helemaal niet |"),
        "{md}"
    );
    // Items whose levels end in different words ("competent", "capabel") say them once.
    assert!(
        md.contains("| % van wie een niveau koos (uitermate … helemaal niet competent of capabel) | Uitermate | Zeer |"),
        "{md}"
    );
    // Plain words in the tables, not the form's abbreviations.
    for abbreviation in ["WPB'ers", "als WPB", "van WPB", "(n = "] {
        let tables: Vec<&str> = md.lines().filter(|l| l.starts_with('|')).collect();
        assert!(
            !tables.iter().any(|l| l.contains(abbreviation)),
            "{abbreviation} in a table"
        );
    }
    // The HTML keeps the chart itself.
    let html = read(&out.join("bijlage.html"));
    assert!(html.contains("<svg"), "the HTML bijlage lost its charts");
}

/// The Verantwoording's origin line and the contacts sentence of a report.
fn origin_and_contacts(survey: &Path) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    peiling(&[
        "report",
        survey.to_str().unwrap(),
        "--no-plan",
        "--out",
        out.to_str().unwrap(),
    ])
    .ok();
    let md = read(&out.join("bijlage.md"));
    let origin = section(&md, "verantwoording-herkomst").trim().to_string();
    let contacts = md
        .lines()
        .filter(|l| l.contains("willen benaderd worden"))
        .collect::<Vec<_>>()
        .join("\n");
    (origin, contacts)
}

/// Review finding 1: "er staan geen antwoorden van echte personen in, en namen en
/// e-mailadressen zijn verzonnen" beside "Hun namen staan ... in een aparte lijst". The
/// bundled examples say they are the examples and promise no list of names; a team's
/// own survey.toml (its own [about], or none) gets neither the example's note nor a
/// denial of its data, and keeps the list.
#[test]
fn only_the_bundled_examples_say_they_are_examples_and_none_contradicts_the_contacts() {
    let denial = ["echte personen", "verzonnen", "niet echt"];
    let (origin, contacts) = origin_and_contacts(&bundled());
    // Rebuilt from the 2020 totals, and said so without calling it the tool's example
    // (second reading, new finding 1).
    assert!(
        origin.contains("Nagebouwde gegevens: de cijfers komen uit de totalen"),
        "{origin}"
    );
    assert!(!contacts.is_empty());
    assert!(!contacts.contains("aparte lijst"), "{contacts}");
    for bad in denial {
        assert!(!origin.contains(bad), "{bad}: {origin}");
    }
    let po = repo().join("datasets/po-rivierenland");
    let (origin, contacts) = origin_and_contacts(&po);
    assert!(
        origin.contains("- Kunstmatige (synthetische) gegevens: een verzonnen opleidingsschool"),
        "{origin}"
    );
    assert!(
        !contacts.is_empty() && !contacts.contains("aparte lijst"),
        "{contacts}"
    );

    // A team's own: the bundled files with their own [about] ("collected"), and none.
    let own = |about: &str| {
        let dir = tempfile::tempdir().unwrap();
        for f in ["so.toml", "so.csv", "wpb.toml", "wpb.csv"] {
            std::fs::copy(bundled().join(f), dir.path().join(f)).unwrap();
        }
        let toml = read(&bundled().join("survey.toml"));
        let head = &toml[..toml.find("# What the report's Verantwoording").unwrap()];
        std::fs::write(dir.path().join("survey.toml"), format!("{head}{about}")).unwrap();
        dir
    };
    for about in ["[about]\norigin = \"collected\"\n", ""] {
        let dir = own(about);
        let (origin, contacts) = origin_and_contacts(dir.path());
        for bad in denial.iter().chain(&["voorbeeld", "Nagebouwde"]) {
            assert!(!origin.contains(bad), "{about:?}: {bad} in {origin}");
        }
        assert_eq!(contacts.matches("aparte lijst").count(), 2, "{contacts}");
    }
}

/// Review finding 13: "Bijlage 2 telt ... 66 van de 63. Aangehouden zijn ..." reads as
/// this bijlage and as officialese; "Eén werkplekbegeleider noemt daarom twee plaatsen"
/// states a guess as a fact.
#[test]
fn the_corrections_speak_of_the_original_count_and_mark_a_guess() {
    let (_tmp, out) = report(&["--no-plan"]);
    let md = read(&out.join("bijlage.md"));
    let corrections = section(&md, "verantwoording-correcties");
    for bad in ["Bijlage 2", "Aangehouden", "aangehouden", "noemt daarom"] {
        assert!(!corrections.contains(bad), "{bad}: {corrections}");
    }
    assert!(
        corrections.contains("de oorspronkelijke telling geeft 28 mannen en 38 vrouwen, samen 66 van de 63. Wij gingen uit van 38 vrouwen"),
        "{corrections}"
    );
    assert!(
        corrections.contains("Vermoedelijk noemde één werkplekbegeleider twee plaatsen"),
        "{corrections}"
    );
}

/// Earlier finding 9 (2026-12-01-bijlage-nl.md): "wij gingen uit van 33 (52 %)" beside
/// the table's "Goed | 58 %". The correction names its base and the table's, and both
/// agree with a recount of the export.
#[test]
fn the_correction_and_the_table_give_the_same_share_of_the_same_base() {
    let text = read(&bundled().join("wpb.csv"));
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let col = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "Hoe ervaar je de relatie met je huidige schoolopleider?")
        .unwrap();
    let cells: Vec<String> = r.records().map(|x| x.unwrap()[col].to_string()).collect();
    let n = cells.len();
    let level = |l: &str| cells.iter().filter(|c| c.as_str() == l).count();
    let levels = ["Uitstekend", "Goed", "Redelijk", "Matig", "Slecht"];
    let rated: usize = levels.iter().map(|l| level(l)).sum();
    let good = level("Goed");
    let pct = |k: usize, of: usize| format!("{} %", (k as f64 * 100.0 / of as f64).round());
    let (_tmp, out) = report(&["--no-plan"]);
    let md = read(&out.join("bijlage.md"));
    let corrections = section(&md, "verantwoording-correcties");
    let said = format!(
        "wij gingen uit van {good} van alle {n} ({}). In de tabel staat {}: dat is van de {rated} die een niveau kozen.",
        pct(good, n),
        pct(good, rated)
    );
    assert!(corrections.contains(&said), "{said}\n{corrections}");
    let row = format!(
        "| Relatie met de schoolopleider ({rated} antwoorden) | {} | {} |",
        pct(level("Uitstekend"), rated),
        pct(good, rated)
    );
    assert!(md.contains(&row), "{row}");
}

/// How often each option of a multiple-choice column was chosen in a bundled export.
fn option_counts(file: &str, header: &str) -> BTreeMap<String, usize> {
    let text = read(&bundled().join(file));
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let col = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == header)
        .unwrap();
    let mut out = BTreeMap::new();
    for rec in r.records() {
        for o in rec.unwrap()[col].split(';').filter(|o| !o.is_empty()) {
            *out.entry(o.to_string()).or_insert(0) += 1;
        }
    }
    out
}

/// Workplace mentors who chose any of `options` in the bundled export: once each.
fn wpb_either(options: &[&str]) -> usize {
    let text = read(&bundled().join("wpb.csv"));
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let col = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "Aan welke thema's heb je behoefte?")
        .unwrap();
    r.records()
        .filter(|rec| {
            rec.as_ref().unwrap()[col]
                .split(';')
                .any(|o| options.contains(&o))
        })
        .count()
}

/// Second reading, finding 2: in a team's own export people are known, so a theme's
/// count over two answers is exact: no "schatting" without a survey that says its
/// answers were rebuilt; the legend of "–" stays.
#[test]
fn a_teams_own_export_gets_no_estimate_note() {
    let data = bundled();
    let (_tmp, out) = report(&[
        "-q",
        data.join("wpb.toml").to_str().unwrap(),
        "-d",
        data.join("wpb.csv").to_str().unwrap(),
        "--no-plan",
    ]);
    let md = read(&out.join("bijlage.md"));
    let demand = section(&md, "samenvatting-vraag");
    assert!(
        demand.contains("| · Reflecteren en feedback geven |"),
        "{demand}"
    );
    assert!(demand.contains("– = niet in de enquête"), "{demand}");
    assert!(!demand.contains("schatting"), "{demand}");
}

/// Review findings 4 and 5: the summary's demand per theme in whole people, no weights
/// ("SO gewogen 2,5"), each person once per theme: recounted from the raw export, a
/// schoolopleider asking for intervisie and for reflection counts once under Reflectie.
#[test]
fn the_theme_table_counts_whole_people_once_per_theme() {
    let (_tmp, out) = report(&["--no-plan"]);
    let md = read(&out.join("bijlage.md"));
    let demand = section(&md, "samenvatting-vraag");
    assert!(
        !demand.contains("gewogen") && !demand.contains("gewicht"),
        "{demand}"
    );
    assert!(
        demand.contains("| Thema | Schoolopleiders | Werkplekbegeleiders |"),
        "{demand}"
    );
    // Themes linked to options in so.toml: Reflectie through both options below.
    let text = read(&bundled().join("so.csv"));
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let col = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "Aan welke thema's heb je behoefte?")
        .unwrap();
    let cells: Vec<String> = r.records().map(|x| x.unwrap()[col].to_string()).collect();
    let chose = |o: &str| {
        cells
            .iter()
            .filter(|c| c.split(';').any(|x| x == o))
            .count()
    };
    let either = cells
        .iter()
        .filter(|c| {
            c.split(';')
                .any(|x| x == "Intervisiebijeenkomsten" || x == "Reflecteren en feedback geven")
        })
        .count();
    let row = |theme: &str| {
        demand
            .lines()
            .find(|l| l.starts_with(&format!("| {theme} |")))
            .unwrap_or_else(|| panic!("{theme}: {demand}"))
            .to_string()
    };
    assert!(row("Reflectie").starts_with(&format!("| Reflectie | {either} |")));
    assert!(row("Onderzoekende houding").starts_with(&format!(
        "| Onderzoekende houding | {} |",
        chose("Intervisiebijeenkomsten")
    )));
    // Second reading, finding 2: under each theme the answers that feed it, each with
    // its own count per audience, recounted from both exports; "–" where the audience's
    // survey has no such answer, and a legend for it.
    let wpb = option_counts("wpb.csv", "Aan welke thema's heb je behoefte?");
    let so = option_counts("so.csv", "Aan welke thema's heb je behoefte?");
    let count = |c: &BTreeMap<String, usize>, o: &str| c.get(o).copied().unwrap_or(0);
    let feedback = &demand[demand.find("| Feedback |").unwrap()..];
    let reflecting = "Reflecteren en feedback geven";
    let intro = "Introductie in competentiegericht begeleiden en opleiden";
    assert!(
        feedback.starts_with(&format!(
            "| Feedback | {} | {} |\n| · {reflecting} | {} | {} |\n| · {intro} | – | {} |\n",
            chose(reflecting),
            wpb_either(&[reflecting, intro]),
            count(&so, reflecting),
            count(&wpb, reflecting),
            count(&wpb, intro)
        )),
        "{demand}"
    );
    assert!(
        demand.contains(&format!(
            "| Reflectie | {either} | {} |\n| · {reflecting} | {} | {} |\n| · Intervisiebijeenkomsten | {} | – |",
            count(&wpb, reflecting),
            count(&so, reflecting),
            count(&wpb, reflecting),
            count(&so, "Intervisiebijeenkomsten")
        )),
        "{demand}"
    );
    assert!(
        demand.contains("– = niet in de enquête van deze doelgroep"),
        "{demand}"
    );
    // The bundled data are rebuilt from totals: a theme over two answers is an estimate.
    assert!(
        demand.contains("is het aantal daarom een schatting"),
        "{demand}"
    );
    // Whole numbers only: no half people.
    for line in demand
        .lines()
        .filter(|l| l.starts_with("| ") && !l.contains("---"))
    {
        assert!(!line.contains(','), "{line}");
    }
}

/// Review finding 6: 20 of 44 for a course against 19 for a studiemiddag is no
/// "vooral": the conclusions and the summary name both, counted from the raw export.
#[test]
fn forms_chosen_nearly_as_often_are_named_together() {
    let text = read(&bundled().join("wpb.csv"));
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let col = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "In welke vorm wil je je professionaliseren?")
        .unwrap();
    let cells: Vec<String> = r.records().map(|x| x.unwrap()[col].to_string()).collect();
    let chose = |o: &str| {
        cells
            .iter()
            .filter(|c| c.split(';').any(|x| x == o))
            .count()
    };
    let (course, afternoon) = (
        chose("Cursus/opleiding aan hogeschool"),
        chose("Studiemiddag"),
    );
    assert_eq!((course, afternoon), (20, 19), "Bijlage 2's figures");
    let (_tmp, out) = report(&["--no-plan"]);
    let md = read(&out.join("bijlage.md"));
    let conclusions = section(&md, "conclusies");
    assert!(!conclusions.contains("vooral"), "{conclusions}");
    assert!(
        conclusions.contains(&format!("De werkplekbegeleiders kiezen (bijna) even vaak voor cursus/opleiding aan hogeschool ({course} van 44) als voor studiemiddag ({afternoon})")),
        "{conclusions}"
    );
    let offer = section(&md, "samenvatting-aanbod");
    assert!(
        offer.contains(&format!("De vormen die werkplekbegeleiders (bijna) even vaak het meest vragen: cursus/opleiding aan hogeschool ({course} van 44) en studiemiddag ({afternoon} van 44).")),
        "{offer}"
    );
}

/// Second reading, finding 9: "Meest gekozen: nee (35 van 63), daarna ja, met WPB'ers
/// van mijn eigen school (25) …" read as a list of wishes. A question answered "Nee" or
/// "Ja, met …" is told as yes and no (rule J), recounted here from the export.
#[test]
fn a_no_or_yes_with_question_reads_as_yes_and_no() {
    let text = read(&bundled().join("wpb.csv"));
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let col = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "Heb je behoefte aan contact met andere werkplekbegeleiders?")
        .unwrap();
    let (mut n, mut answered, mut no, mut own, mut bos) = (0, 0, 0, 0, 0);
    for rec in r.records() {
        let cell = rec.unwrap()[col].to_string();
        let chosen: Vec<&str> = cell.split(';').filter(|c| !c.is_empty()).collect();
        n += 1;
        answered += usize::from(!chosen.is_empty());
        no += usize::from(chosen.contains(&"Nee"));
        own += usize::from(chosen.contains(&"Ja, met WPB'ers van mijn eigen school"));
        bos += usize::from(chosen.contains(&"Ja, met WPB'ers binnen BOS"));
    }
    let (_tmp, out) = report(&[]);
    let md = read(&out.join("bijlage.md"));
    let said = format!(
        "**Wil contact met andere werkplekbegeleiders: {no} van de {n} zeggen nee, {} ja: met werkplekbegeleiders van de eigen school ({own}) en binnen BOS ({bos})**",
        answered - no
    );
    assert!(
        md.contains(&said),
        "{said}\n{}",
        section(&md, "wpb-contact-kort")
    );
}
