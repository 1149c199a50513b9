//! `peiling report`: the figures of Bijlage 2 in the written report, valid chart files,
//! no personal data in any output, escaped free text, byte-identical reruns, and the
//! committed reports/bos-2020 kept up to date.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::{bundled, dutch_day, peiling, repo};

/// Every file under `dir`, by relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

pub(crate) fn report(args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rapport");
    let mut all = vec!["report", "--out", out.to_str().unwrap()];
    all.extend_from_slice(args);
    peiling(&all).ok();
    (dir, out)
}

pub(crate) fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// The Markdown of one section: from its anchor to the next anchor.
pub(crate) fn section<'a>(md: &'a str, anchor: &str) -> &'a str {
    let tag = format!("<a id=\"{anchor}\"></a>");
    let start = md
        .find(&tag)
        .unwrap_or_else(|| panic!("no section {anchor}"));
    let rest = &md[start + tag.len()..];
    let end = rest.find("<a id=\"").unwrap_or(rest.len());
    &rest[..end]
}

/// (label, n, %) of the Markdown table rows in `text`, emphasis stripped.
fn rows(text: &str) -> Vec<(String, String, String)> {
    text.lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| ---"))
        .map(|l| {
            let cells: Vec<String> = l
                .trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().trim_matches('*').to_string())
                .collect();
            (
                cells[0].clone(),
                cells.get(1).cloned().unwrap_or_default(),
                cells.get(2).cloned().unwrap_or_default(),
            )
        })
        .collect()
}

fn count(rows: &[(String, String, String)], label: &str) -> (String, String) {
    let r = rows
        .iter()
        .find(|r| r.0 == label)
        .unwrap_or_else(|| panic!("no row {label} in {rows:?}"));
    (r.1.clone(), r.2.clone())
}

#[test]
fn report_carries_the_figures_of_bijlage_2() {
    let (_tmp, out) = report(&[]);
    let md = read(&out.join("report.md"));

    // Bijlage 2: "Respons was goed. Ingevuld door 10 van de 14 schoolopleiders van BOS".
    assert!(
        section(&md, "so-respons")
            .contains("Respons was goed: ingevuld door 10 van de 14 schoolopleiders"),
        "{}",
        section(&md, "so-respons")
    );

    // "WPB'ers voelen zich competent": 7,9 % / 47,6 % / 41,3 % / 3,2 % / 0 %, which
    // the report writes whole, as every percentage (docs/report-rules.md).
    let t = rows(section(&md, "wpb-capabel-competent"));
    for (label, pct) in [
        ("Uitermate competent", "8 %"),
        ("Zeer competent", "48 %"),
        ("Redelijk competent", "41 %"),
        ("Niet erg competent", "3 %"),
        ("Helemaal niet competent", "0 %"),
    ] {
        assert_eq!(count(&t, label).1, pct, "{label}");
    }

    // "Welk thema?" (WPB): 16, 13, 23, 15, 8, 17, andere 7.
    let t = rows(section(&md, "wpb-thema-thema"));
    for (label, n) in [
        ("Gespreks- en begeleidingsvaardigheden", "16"),
        ("Reflecteren en feedback geven", "13"),
        ("Opleidingsdidactiek (leerprocessen student)", "23"),
        (
            "Introductie in competentiegericht begeleiden en opleiden",
            "15",
        ),
        ("Vakdidactisch handelen", "8"),
        ("Informatie over samen opleiden", "17"),
        ("Andere", "7"),
    ] {
        assert_eq!(count(&t, label).0, n, "{label}");
    }
    // "Welke vorm?" (WPB): 20, 16, 10, 19, andere 7.
    let t = rows(section(&md, "wpb-vorm-vorm"));
    for (label, n) in [
        ("Cursus/opleiding aan hogeschool", "20"),
        ("Intervisie met andere werkplekbegeleiders", "16"),
        ("Intervisie met schoolopleider", "10"),
        ("Studiemiddag", "19"),
        ("Andere", "7"),
    ] {
        assert_eq!(count(&t, label).0, n, "{label}");
    }

    // "Merendeel is tweedegraads bevoegd": eerstegraads 25, tweedegraads 38.
    let bev = section(&md, "wpb-bevoegdheid");
    assert!(
        bev.contains("Bevoegdheid: merendeel tweedegraads (38 van de 63)"),
        "{bev}"
    );
    let t = rows(section(&md, "wpb-bevoegdheid-bevoegdheid"));
    assert_eq!(count(&t, "Eerstegraads").0, "25");
    assert_eq!(count(&t, "Tweedegraads").0, "38");

    // "Leeftijd is gevarieerd": 2 / 21 / 16 / 12 / 12.
    assert!(section(&md, "wpb-leeftijd").contains("Leeftijd is gevarieerd"));
    let t = rows(section(&md, "wpb-leeftijd-leeftijd"));
    let ages: Vec<String> = ["Jonger dan 25", "25-35", "36-45", "46-55", "56-65"]
        .iter()
        .map(|a| count(&t, a).0)
        .collect();
    assert_eq!(ages, ["2", "21", "16", "12", "12"]);

    // SO leservaring: "gemiddeld 19 jaar, variërend van 5 tot 39 jaar".
    // The report names the bands of the lowest and highest answer, never the answers.
    assert!(section(&md, "so-ervaring").contains("gemiddeld 19 jaar, van 5-9 tot 35-39"));

    // Contactgegevens (WPB): 51 nee, 12 ja.
    let t = rows(section(&md, "wpb-contactgegevens-benaderen"));
    assert_eq!(count(&t, "Ja").0, "12");
    assert_eq!(count(&t, "Nee").0, "51");

    // Relatie met IO van Fontys: 8 / 35 / 14 / 37 % of all 63 (5 / 22 / 9 / n.v.t. 23).
    let t = rows(section(&md, "wpb-relatie-relatie-io"));
    assert_eq!(count(&t, "Uitstekend").1, "8 %");
    assert_eq!(count(&t, "Goed").1, "35 %");
    assert_eq!(count(&t, "Redelijk").1, "14 %");
    assert_eq!(count(&t, "n.v.t.").1, "37 %");

    // The English report: same figures, English number format.
    let (_tmp_en, out_en) = report(&["--lang", "en"]);
    let en = read(&out_en.join("report.md"));
    assert!(
        en.contains("Response was good: completed by 10 of the 14 school-based teacher educators")
    );
    let t = rows(section(&en, "wpb-capabel-competent"));
    assert_eq!(count(&t, "Very competent").1, "48 %");
}

/// Every single-answer table adds up to its total, with "geen antwoord" as a row.
#[test]
fn every_table_adds_up_to_its_n() {
    let (_tmp, out) = report(&[]);
    let md = read(&out.join("report.md"));
    let mut checked = 0;
    for table in md
        .split("\n\n")
        .filter(|b| b.starts_with("| Antwoord | Aantal |"))
    {
        let t = rows(table);
        let Some(total) = t.iter().find(|r| r.0 == "Totaal") else {
            // Multi-select tables end in "Aantal dat de vraag kreeg": they do not add up.
            assert!(
                t.iter().any(|r| r.0 == "Aantal dat de vraag kreeg"),
                "{table}"
            );
            continue;
        };
        assert!(t.iter().any(|r| r.0 == "geen antwoord"), "{table}");
        let sum: usize = t
            .iter()
            .filter(|r| r.0 != "Totaal" && r.0 != "Antwoord")
            .map(|r| r.1.parse::<usize>().unwrap())
            .sum();
        assert_eq!(sum.to_string(), total.1, "{table}");
        checked += 1;
    }
    assert!(checked > 30, "only {checked} tables checked");
}

/// Width and height attributes of the root element of an SVG file, parsed as XML.
fn svg_size(bytes: &[u8]) -> (u32, u32) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut size = None;
    let mut depth = 0i32;
    loop {
        match reader.read_event_into(&mut buf).expect("well-formed SVG") {
            Event::Start(e) => {
                if depth == 0 {
                    assert_eq!(e.name().as_ref(), "svg");
                    let attr = |name: &str| -> u32 {
                        let a = e
                            .attributes()
                            .map(|a| a.unwrap())
                            .find(|a| a.key.as_ref() == name)
                            .expect("width and height");
                        a.value.parse().unwrap()
                    };
                    size = Some((attr("width"), attr("height")));
                }
                depth += 1;
            }
            Event::End(_) => depth -= 1,
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    assert_eq!(depth, 0, "unbalanced SVG");
    size.expect("an <svg> root")
}

#[test]
fn every_chart_exists_and_is_a_valid_svg_and_png() {
    let (_tmp, out) = report(&["--png"]);
    let md = read(&out.join("report.md"));
    let linked: Vec<&str> = md
        .split("](charts/")
        .skip(1)
        .map(|s| &s[..s.find(')').unwrap()])
        .collect();
    assert!(linked.len() > 20, "{} charts", linked.len());
    let all = files(&out);
    let svgs: Vec<&String> = all.keys().filter(|k| k.ends_with(".svg")).collect();
    for name in &linked {
        assert!(
            all.contains_key(&format!("charts/{name}")),
            "missing chart {name}"
        );
    }
    for svg in svgs {
        let (w, h) = svg_size(&all[svg]);
        assert!(w >= 600 && h >= 60, "{svg}: {w}x{h}");
        // The PNG is the same picture at twice the size.
        let png = svg.replace(".svg", ".png");
        let decoder = png::Decoder::new(std::io::Cursor::new(&all[&png]));
        let mut reader = decoder.read_info().unwrap_or_else(|e| panic!("{png}: {e}"));
        let info = reader.info();
        assert_eq!((info.width, info.height), (2 * w, 2 * h), "{png}");
        let mut pixels = vec![0; reader.output_buffer_size()];
        reader.next_frame(&mut pixels).unwrap();
        // Not a blank image: something other than white was drawn.
        assert!(pixels.iter().any(|&b| b < 200), "{png} is blank");
    }
    let html = read(&out.join("report.html"));
    // Self-contained: charts inline, nothing fetched, no scripts.
    assert_eq!(html.matches("<svg ").count(), linked.len());
    // (The SVG namespace is a name, not an address anything fetches.)
    let fetchable = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    for forbidden in [
        "<script", "src=", "<link", "http://", "https://", "@import", "url(",
    ] {
        assert!(!fetchable.contains(forbidden), "HTML contains {forbidden}");
    }
    assert!(html.contains("@page"));
}

/// Values of the columns whose header is one of `headers`, read with the csv crate.
fn column_values(file: &Path, headers: &[&str]) -> Vec<String> {
    let text = read(file);
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let cols: Vec<usize> = r
        .headers()
        .unwrap()
        .iter()
        .enumerate()
        .filter(|(_, h)| headers.contains(h))
        .map(|(i, _)| i)
        .collect();
    assert!(!cols.is_empty(), "no {headers:?} in {}", file.display());
    r.records()
        .flat_map(|rec| {
            let rec = rec.unwrap();
            cols.iter()
                .map(|&c| rec[c].trim().to_string())
                .collect::<Vec<_>>()
        })
        .filter(|v| !v.is_empty() && v != "anonymous")
        .collect()
}

#[test]
fn contact_details_appear_in_no_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let contacts = dir.path().join("contacten.csv");
    let out = dir.path().join("rapport");
    peiling(&[
        "report",
        "--png",
        "--out",
        out.to_str().unwrap(),
        "--contacts",
        contacts.to_str().unwrap(),
    ])
    .ok();
    let personal = [
        "Naam",
        "E-mail",
        "Wat is je naam?",
        "Wat is je e-mailadres?",
    ];
    let mut details = column_values(&bundled().join("wpb.csv"), &personal);
    details.extend(column_values(&bundled().join("so.csv"), &personal));
    // 12 WPBs and 9 SOs gave a name and an address (Bijlage 2: "12x wel contactgegevens").
    assert_eq!(details.len(), 2 * (12 + 9), "{details:?}");
    for (name, bytes) in files(&out) {
        let text = String::from_utf8_lossy(&bytes);
        for d in &details {
            assert!(!text.contains(d.as_str()), "{name} contains {d}");
        }
        assert!(
            !text.contains("@voorbeeld.invalid"),
            "{name} holds an address"
        );
    }
    // ... while the separate contacts file does hold them, with the chosen themes.
    let list = read(&contacts);
    for d in &details {
        assert!(list.contains(d.as_str()), "contacts lack {d}");
    }
    assert_eq!(list.lines().count(), 1 + 12 + 9);
}

/// A copy of the bundled survey with `edit` applied to the WPB export's records.
fn edited_survey(edit: impl Fn(&csv::StringRecord, &mut Vec<String>)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["survey.toml", "so.toml", "so.csv", "wpb.toml"] {
        std::fs::copy(bundled().join(f), dir.path().join(f)).unwrap();
    }
    let text = read(&bundled().join("wpb.csv"));
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = r.headers().unwrap().clone();
    let mut w = csv::Writer::from_path(dir.path().join("wpb.csv")).unwrap();
    w.write_record(&headers).unwrap();
    for rec in r.records() {
        let mut cells: Vec<String> = rec.unwrap().iter().map(str::to_string).collect();
        edit(&headers, &mut cells);
        w.write_record(&cells).unwrap();
    }
    w.flush().unwrap();
    dir
}

#[test]
fn free_text_is_escaped_redacted_and_spreadsheet_safe() {
    let hostile =
        "<script>alert(1)</script> | *vet* [x](y) mail jan.jansen@school.nl of 06-12345678";
    let survey = edited_survey(|headers, cells| {
        let col = |h: &str| headers.iter().position(|x| x == h).unwrap();
        if cells[0] == "1" {
            cells[col("Kun je je antwoord toelichten?")] = hostile.to_string();
        }
        if cells[col("Wat is je naam?")].starts_with("Test Persoon") {
            cells[col("Wat is je naam?")] = "=HYPERLINK(\"http://x\")".to_string();
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rapport");
    let contacts = dir.path().join("contacten.csv");
    peiling(&[
        "report",
        survey.path().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--contacts",
        contacts.to_str().unwrap(),
    ])
    .ok();
    let html = read(&out.join("report.html"));
    assert!(!html.contains("<script"), "raw script tag in HTML");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; | *vet* [x](y)"));
    let md = read(&out.join("report.md"));
    assert!(md.contains("\\<script\\>alert(1)\\</script\\> \\| \\*vet\\* \\[x\\](y)"));
    // Only escaped: every "<" of the answer has its backslash.
    assert!(!md.replace("\\<", "").contains("<script"));
    for text in [&html, &md] {
        assert!(!text.contains("jan.jansen@school.nl"));
        assert!(!text.contains("06-12345678"));
        assert!(text.contains("e-mailadres weggelaten"));
        assert!(text.contains("telefoonnummer weggelaten"));
    }
    // OWASP: a cell that starts with = is prefixed, so no spreadsheet runs it.
    let list = read(&contacts);
    assert!(list.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{list}");
    assert!(!list
        .lines()
        .any(|l| l.split(',').any(|c| c.starts_with('='))));
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let (_a, first) = report(&["--png"]);
    let (_b, second) = report(&["--png"]);
    let (x, y) = (files(&first), files(&second));
    assert_eq!(x.keys().collect::<Vec<_>>(), y.keys().collect::<Vec<_>>());
    for (name, bytes) in &x {
        assert!(bytes == &y[name], "{name} differs between runs");
        assert!(!name.contains("peiling-tmp"), "temporary file left: {name}");
    }
}

#[test]
fn small_groups_in_breakdowns_are_suppressed() {
    let (_tmp, out) = report(&["--by", "leeftijd"]);
    let md = read(&out.join("report.md"));
    // SO by age: "Jonger dan 35" has 2 respondents, below the default 5: its column is
    // hidden as a whole, zeros too, since its size is known from the age table.
    let by = section(&md, "so-ook-wpb-by-leeftijd");
    let header = by.lines().find(|l| l.starts_with("| Antwoord")).unwrap();
    assert!(header.contains("Jonger dan 35 (n = < 5)"), "{header}");
    for (label, cells) in rows(by).iter().skip(1).map(|r| (&r.0, &r.1)) {
        assert_eq!(cells, "< 5", "{label}");
    }
    assert!(by.contains("weggelaten omdat de groep of de cel kleiner is dan 5"));
    // With suppression off, the counts show (2 SOs under 35: both or neither is WPB).
    let (_tmp, out) = report(&["--by", "leeftijd", "--min-group", "0"]);
    let md = read(&out.join("report.md"));
    let by = section(&md, "so-ook-wpb-by-leeftijd");
    assert!(!by.contains("< 5"), "{by}");
}

#[test]
fn the_rotation_plan_is_the_one_peiling_plan_makes() {
    let planned: serde_json::Value =
        serde_json::from_str(&peiling(&["plan", "--json"]).ok()).unwrap();
    let (_tmp, out) = report(&[]);
    // The files beside the report are the planner's own.
    let written: serde_json::Value = serde_json::from_str(&read(&out.join("plan.json"))).unwrap();
    assert_eq!(written, planned);
    assert!(read(&out.join("plan.ics")).starts_with("BEGIN:VCALENDAR"));

    let md = read(&out.join("report.md"));
    let plan = section(&md, "rotatieplan");
    // Table rows: | nr | schooljaar | datum | thema | niveau | locatie | verwacht | vraag |
    let table: Vec<Vec<String>> = plan
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| ---") && !l.starts_with("| Nr."))
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().replace('\\', ""))
                .collect()
        })
        .collect();
    let meetings = planned["meetings"].as_array().unwrap();
    assert_eq!(table.len(), meetings.len(), "{plan}");
    assert_eq!(meetings.len(), 12);
    for (row, m) in table.iter().zip(meetings) {
        assert_eq!(row[0], m["number"].to_string());
        assert_eq!(row[1], m["school_year"].as_str().unwrap());
        assert!(
            row[2].contains(&dutch_day(m["date"].as_str().unwrap())),
            "{row:?}"
        );
        assert_eq!(row[3], m["title"].as_str().unwrap());
        // The expected headcount: the people of each audience who asked for the theme.
        let heads: Vec<String> = m["headcount"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| format!("{} {}", h["people"], h["audience"].as_str().unwrap()))
            .collect();
        assert!(!heads.is_empty(), "{m}");
        for h in &heads {
            assert!(row[6].contains(h.as_str()), "{row:?} lacks {h}");
        }
        // Demand with one decimal and a decimal comma, as everywhere in the report.
        let demand = m["demand"].as_f64().unwrap();
        assert_eq!(
            row[7].replace(',', ".").parse::<f64>().unwrap(),
            (demand * 10.0).round() / 10.0
        );
    }
    let basis = meetings.iter().filter(|m| m["level"] == "basis").count();
    assert!(
        plan.contains(&format!("12 bijeenkomsten in 2 jaar (2021-2022, 2022-2023), 11 thema's, {basis} basis en {} verdiepend", 12 - basis)),
        "{plan}"
    );
    // Every meeting's reason is given, and the holidays the planner skipped are named.
    let why = section(&md, "rotatieplan-waarom").replace('\\', "");
    for m in meetings {
        let reason = m["reason"]["nl"].as_str().unwrap();
        assert!(why.contains(reason), "{reason}");
    }
    // The summary's theme table names the themes as the catalogue does.
    let summary = section(&md, "samenvatting-vraag").replace('\\', "");
    for m in meetings {
        let row = format!("| {} |", m["title"].as_str().unwrap());
        assert!(summary.contains(&row), "{row}");
    }
    let holidays = planned["holidays"].as_str().unwrap();
    assert!(plan.replace('\\', "").contains(holidays), "{plan}");
}

#[test]
fn the_plan_can_be_left_out_or_come_from_another_catalogue() {
    let (_tmp, out) = report(&["--no-plan"]);
    assert!(!out.join("plan.json").exists());
    let md = read(&out.join("report.md"));
    // No plan, no plan section, no entry in the contents, no pointer to one.
    assert!(
        !md.contains("Rotatieplan") && !md.contains("rotatieplan"),
        "{md}"
    );

    let (_tmp, out) = report(&["--catalogue", "alliantie", "--lang", "en"]);
    let plan: serde_json::Value = serde_json::from_str(&read(&out.join("plan.json"))).unwrap();
    assert_eq!(plan["catalogue"], "alliantie-2016");
    let md = read(&out.join("report.md"));
    assert!(section(&md, "rotatieplan-waarom").contains("Why this order"));

    let err = peiling(&["report", "--catalogue", "nergens.toml"]).user_error();
    assert!(
        err.contains("nergens.toml: no such catalogue file"),
        "{err}"
    );
}

#[test]
fn committed_reports_are_up_to_date() {
    // The bundled survey, and the primary-school survey of another shape.
    let po = repo().join("datasets/po-rivierenland");
    let cases: [(&str, Option<&Path>); 2] = [("bos-2020", None), ("po-rivierenland", Some(&po))];
    for (name, folder) in cases {
        for lang in ["nl", "en"] {
            let mut args = vec!["--lang", lang];
            if let Some(f) = folder {
                args.push(f.to_str().unwrap());
            }
            let (_tmp, out) = report(&args);
            let committed = repo().join("reports").join(name).join(lang);
            let fresh = files(&out);
            let old = if committed.is_dir() {
                files(&committed)
            } else {
                BTreeMap::new()
            };
            let stale: Vec<&String> = fresh
                .keys()
                .chain(old.keys())
                .filter(|k| fresh.get(*k) != old.get(*k))
                .collect();
            assert!(
                stale.is_empty(),
                "reports/{name}/{lang} is out of date ({} files differ, e.g. {}): run scripts/regenerate-reports.sh and commit the result",
                stale.len(),
                stale[0]
            );
        }
    }
}
