//! The plan of the bundled BOS 2020 survey with the BOS catalogue: coverage, split, year 1
//! against demand worked out by hand from Bijlage 2, the calendar and the iCalendar file.
//! Its optimum against an independent MILP: `bos_optimum.rs`.

mod support;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, Weekday};
use peiling_planner::{
    plan, Catalogue, Holidays, Level, PlanError, PlanOptions, PlanSetting, RotationPlan,
};
use support::bos::{bos, bos_plan, demand, holidays};

/// Per respondent who was asked the theme question (behoefte = "Ja"), the options chosen:
/// read from the bundled CSV with the csv crate only (Microsoft Forms joins a multi-select
/// with ';').
fn asked_choices(file: &str, behoefte: &str) -> Vec<BTreeSet<String>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../datasets/bos-2020")
        .join(file);
    let text = std::fs::read_to_string(path).unwrap();
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = r.headers().unwrap().clone();
    let col = |h: &str| headers.iter().position(|x| x == h).expect(h);
    let (need, themes) = (col(behoefte), col("Aan welke thema's heb je behoefte?"));
    r.records()
        .map(Result::unwrap)
        .filter(|rec| rec[need].trim() == "Ja")
        .map(|rec| {
            rec[themes]
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// Demand per theme in people, recounted from the raw CSV cells: per audience the
/// respondents who chose any option linked to the theme (wpb.toml, so.toml), each once;
/// the level's own audience (basis: WPB, verdiepend: SO) fully, the other at half; every
/// respondent weighs 1.
fn hand_demand() -> BTreeMap<&'static str, f64> {
    let wpb_rows = asked_choices(
        "wpb.csv",
        "Heb je behoefte aan professionalisering als werkplekbegeleider?",
    );
    let so_rows = asked_choices(
        "so.csv",
        "Heb je behoefte aan professionalisering als schoolopleider?",
    );
    let people = |rows: &[BTreeSet<String>], options: &[&str]| {
        rows.iter()
            .filter(|chosen| options.iter().any(|o| chosen.contains(*o)))
            .count() as f64
    };
    let wpb = |options: &[&str]| people(&wpb_rows, options);
    let so = |options: &[&str]| people(&so_rows, options);
    const GESPREK: &str = "Gespreks- en begeleidingsvaardigheden";
    const REFLECT: &str = "Reflecteren en feedback geven";
    const DIDACTIEK: &str = "Opleidingsdidactiek (leerprocessen student)";
    const INTRO: &str = "Introductie in competentiegericht begeleiden en opleiden";
    const VAK: &str = "Vakdidactisch handelen";
    const SAMEN: &str = "Informatie over samen opleiden";
    const INTERVISIE: &str = "Intervisiebijeenkomsten";
    const BEOORDELING: &str = "Beoordelingssystematiek van de diverse lerarenopleidingen";
    const CERTIFICERING: &str = "Certificering SO";
    const INFO_SAMEN: &str = "Info samen opleiden";
    // The option counts of Bijlage 2 hold on these rows; the overlaps are what a person
    // count removes (WPB: 13 + 15 for feedback, 8 + 17 for leraar; SO: 2 + 3 for reflectie).
    assert_eq!(
        [
            wpb(&[DIDACTIEK]),
            wpb(&[INTRO]),
            wpb(&[REFLECT]),
            wpb(&[GESPREK])
        ],
        [23.0, 15.0, 13.0, 16.0]
    );
    assert_eq!(
        [
            wpb(&[REFLECT, INTRO]),
            wpb(&[VAK, SAMEN]),
            so(&[REFLECT, INTERVISIE])
        ],
        [23.0, 22.0, 5.0]
    );
    BTreeMap::from([
        // basis: WPB counts fully, SO at half
        ("wie_ben_ik_als_lerende", wpb(&[DIDACTIEK])),
        ("wie_ben_ik_als_leraar", wpb(&[VAK, SAMEN])),
        ("observeren", wpb(&[INTRO])),
        ("feedback", wpb(&[REFLECT, INTRO]) + 0.5 * so(&[REFLECT])),
        ("agogisch_bekwaam", wpb(&[GESPREK]) + 0.5 * so(&[GESPREK])),
        (
            "reflectie",
            wpb(&[REFLECT]) + 0.5 * so(&[REFLECT, INTERVISIE]),
        ),
        // verdiepend: SO counts fully, WPB at half
        ("onderzoekende_houding", so(&[INTERVISIE])),
        ("wie_ben_ik_als_opleider", 0.5 * wpb(&[DIDACTIEK])),
        ("innovatie", so(&[INFO_SAMEN]) + 0.5 * wpb(&[SAMEN])),
        ("beoordelen", so(&[BEOORDELING])),
        ("beroepsregistratie_velon", so(&[CERTIFICERING])),
    ])
}

#[test]
fn demand_scores_match_the_hand_count() {
    let p = bos_plan(&PlanOptions::default());
    let hand = hand_demand();
    assert_eq!(p.demand.len(), 11);
    for d in &p.demand {
        let want = hand[d.theme.as_str()];
        assert!(
            (d.score - want).abs() < 1e-6,
            "{}: {} vs {want}",
            d.theme,
            d.score
        );
    }
    // The recount, written out: 23 + 1, 23, 22, 16 + 1, 13 + 2.5, 15; 11.5, 1 + 8.5, 3, 1, 1.
    let written = [
        ("feedback", 24.0),
        ("wie_ben_ik_als_lerende", 23.0),
        ("wie_ben_ik_als_leraar", 22.0),
        ("agogisch_bekwaam", 17.0),
        ("reflectie", 15.5),
        ("observeren", 15.0),
        ("wie_ben_ik_als_opleider", 11.5),
        ("innovatie", 9.5),
        ("onderzoekende_houding", 3.0),
        ("beoordelen", 1.0),
        ("beroepsregistratie_velon", 1.0),
    ];
    for (theme, score) in written {
        assert_eq!(hand[theme], score, "{theme}");
    }
    // One SO weighs as much as one WPB'er: one more SO asking for intervisie adds 1 to
    // onderzoekende houding, not 10 per 100.
    let mut more = demand();
    let so = more.parts.iter_mut().find(|p| p.audience == "SO").unwrap();
    so.themes
        .iter_mut()
        .find(|t| t.theme == "onderzoekende_houding")
        .unwrap()
        .respondents += 1;
    let q = plan(&bos(), &more, &PlanOptions::default()).unwrap();
    let score = |p: &RotationPlan, id: &str| p.demand.iter().find(|d| d.theme == id).unwrap().score;
    assert_eq!(score(&q, "onderzoekende_houding"), 4.0);
    // The weights per person are printed with the plan.
    let weights: Vec<(&str, f64)> = p
        .audience_weights
        .iter()
        .map(|w| (w.audience.as_str(), w.weight))
        .collect();
    assert_eq!(weights, [("SO", 1.0), ("WPB", 1.0)]);
    assert!(
        p.notes[0].nl.contains("Gewicht per persoon: SO 1, WPB 1."),
        "{}",
        p.notes[0].nl
    );
}

#[test]
fn audience_weights_from_the_catalogue_scale_their_people() {
    let toml = include_str!("../../../datasets/catalogues/bos.toml")
        .replace("others = 0.5\n", "others = 0.5\nweights = { SO = 2 }\n");
    let catalogue = Catalogue::from_toml("bos.toml", &toml).unwrap();
    let p = plan(&catalogue, &demand(), &PlanOptions::default()).unwrap();
    let hand = hand_demand();
    let score = |id: &str| p.demand.iter().find(|d| d.theme == id).unwrap().score;
    // SO people count twice: beoordelen 1 SO -> 2; innovatie 1 SO × 2 + 17 WPB × 0.5.
    assert_eq!(score("beoordelen"), 2.0 * hand["beoordelen"]);
    assert_eq!(score("innovatie"), 2.0 * 1.0 + 0.5 * 17.0);
    // feedback: 23 WPB + 2 SO × 2 × 0.5.
    assert_eq!(score("feedback"), 23.0 + 2.0);
    assert!(
        p.notes[0].en.contains("Weight per person: SO 2, WPB 1."),
        "{}",
        p.notes[0].en
    );
    let bad = include_str!("../../../datasets/catalogues/bos.toml")
        .replace("others = 0.5\n", "others = 0.5\nweights = { SO = -1 }\n");
    let e = Catalogue::from_toml("bos.toml", &bad)
        .unwrap_err()
        .to_string();
    assert!(
        e.ends_with("[demand]: weights: SO = -1: one respondent weighs from 0 to 100"),
        "{e}"
    );
}

#[test]
fn covers_all_themes_in_two_years_with_a_3_3_split_and_top_demand_first() {
    let p = bos_plan(&PlanOptions::default());
    assert_eq!(p.meetings.len(), 12);
    assert!(p.optimal);
    let catalogue = bos();
    let covered: BTreeSet<&str> = p.meetings.iter().map(|m| m.theme.as_str()).collect();
    assert_eq!(covered.len(), 11, "every theme at least once");
    for year in 1..=2 {
        let in_year: Vec<_> = p.meetings.iter().filter(|m| m.year == year).collect();
        assert_eq!(in_year.len(), 6);
        let basis = in_year.iter().filter(|m| m.level == Level::Basis).count();
        assert_eq!(basis, 3, "year {year}: 3 basis, 3 verdiepend");
        let distinct: BTreeSet<&str> = in_year.iter().map(|m| m.theme.as_str()).collect();
        assert_eq!(distinct.len(), 6, "no theme twice in a year");
    }

    // Year 1 holds, per level, the three themes with the highest hand-counted demand
    // (ties in catalogue order).
    let hand = hand_demand();
    for level in [Level::Basis, Level::Verdiepend] {
        let mut ranked: Vec<(usize, &str)> = catalogue
            .themes
            .iter()
            .enumerate()
            .filter(|(_, t)| t.level == level)
            .map(|(i, t)| (i, t.id.as_str()))
            .collect();
        ranked.sort_by(|a, b| hand[b.1].total_cmp(&hand[a.1]).then(a.0.cmp(&b.0)));
        let top: BTreeSet<&str> = ranked.iter().take(3).map(|r| r.1).collect();
        let year1: BTreeSet<&str> = p
            .meetings
            .iter()
            .filter(|m| m.year == 1 && m.level == level)
            .map(|m| m.theme.as_str())
            .collect();
        assert_eq!(year1, top, "{level:?}");
    }
    // Within year 1, higher demand comes earlier within each level (the spread decides
    // which level takes a slot).
    for level in [Level::Basis, Level::Verdiepend] {
        let year1: Vec<f64> = p
            .meetings
            .iter()
            .filter(|m| m.year == 1 && m.level == level)
            .map(|m| m.demand)
            .collect();
        assert!(year1.windows(2).all(|w| w[0] >= w[1]), "{year1:?}");
    }
    // The catalogue's ordering: Wie ben ik als opleider before Beroepsregistratie.
    let at = |id: &str| p.meetings.iter().position(|m| m.theme == id).unwrap();
    assert!(at("wie_ben_ik_als_opleider") < at("beroepsregistratie_velon"));
    // The one spare verdiepend meeting repeats a theme, in the other year.
    let repeats: Vec<_> = p.meetings.iter().filter(|m| m.occurrence == 2).collect();
    assert_eq!(repeats.len(), 1);
    assert_eq!(repeats[0].level, Level::Verdiepend);
    // Reasons in both languages, from the same data; the expected headcount by audience.
    let first = &p.meetings[0];
    assert_eq!(first.theme, "feedback");
    assert_eq!(
        first.reason.nl,
        "gevraagd door 23 WPB'ers via reflecteren en feedback geven en introductie in competentiegericht begeleiden en opleiden; \
         gevraagd door 2 SO's via reflecteren en feedback geven; 1e van 6 basisthema's naar vraag; jaar 1 heeft 3 basisbijeenkomsten"
    );
    assert!(
        first
            .reason
            .en
            .ends_with("; 1st of 6 basic themes by demand; year 1 has 3 basic meetings"),
        "{}",
        first.reason.en
    );
    let heads: Vec<(&str, usize)> = first
        .headcount
        .iter()
        .map(|h| (h.audience.as_str(), h.people))
        .collect();
    assert_eq!(heads, [("WPB", 23), ("SO", 2)]);
    // Year 2's basis themes rank 4th to 6th: agogisch bekwaam 17, reflectie 15.5,
    // observeren 15.
    let year2: Vec<(&str, &str)> = p
        .meetings
        .iter()
        .filter(|m| m.year == 2 && m.level == Level::Basis)
        .map(|m| (m.theme.as_str(), m.reason.nl.as_str()))
        .collect();
    for ((theme, reason), (want, rank)) in year2.iter().zip([
        ("agogisch_bekwaam", "4e"),
        ("reflectie", "5e"),
        ("observeren", "6e"),
    ]) {
        assert_eq!(*theme, want);
        assert!(
            reason.ends_with(&format!(
                "{rank} van 6 basisthema's naar vraag; jaar 2 heeft 3 basisbijeenkomsten"
            )),
            "{reason}"
        );
    }
}

/// Issue 15's calendar gaps: the default BOS plan (bundled holidays of region zuid) skips
/// summer 2021 (zuid: until 5 September), lesweek 2 and 3 (the startbijeenkomsten) and
/// the last week before the Christmas break, and no level waits more than 16 weeks.
#[test]
fn reserved_weeks_are_kept_free_and_each_level_is_spread() {
    let p = bos_plan(&PlanOptions::default());
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    // By hand from the ministry's table: zuid's school year 2021-2022 starts on Monday
    // 6 September (lesweek 2-3: 13-26 September), 2022-2023 on 5 September (12-25
    // September); Christmas starts 25 December 2021 and 24 December 2022.
    let blocked = [
        ("2021-09-01", "2021-09-05"),
        ("2021-09-13", "2021-09-26"),
        ("2021-12-18", "2021-12-24"),
        ("2022-09-12", "2022-09-25"),
        ("2022-12-17", "2022-12-23"),
    ];
    for m in &p.meetings {
        for (from, to) in blocked {
            assert!(
                !(d(from) <= m.date && m.date <= d(to)),
                "{} in {from}..{to}",
                m.date
            );
        }
    }
    // The first meeting is no longer 2 September nor 23 September 2021.
    assert!(
        p.meetings[0].date > d("2021-09-26"),
        "{}",
        p.meetings[0].date
    );
    for year in 1..=2 {
        let in_year: Vec<_> = p.meetings.iter().filter(|m| m.year == year).collect();
        let (first, last) = (in_year[0].date, in_year[in_year.len() - 1].date);
        for level in [Level::Basis, Level::Verdiepend] {
            let mut days: Vec<NaiveDate> = in_year
                .iter()
                .filter(|m| m.level == level)
                .map(|m| m.date)
                .collect();
            days.insert(0, first);
            days.push(last);
            for w in days.windows(2) {
                assert!((w[1] - w[0]).num_days() <= 16 * 7, "{level:?}: {w:?}");
            }
        }
    }
    // SO's get a verdiepend meeting before Christmas in year 1.
    assert!(p
        .meetings
        .iter()
        .any(|m| m.year == 1 && m.level == Level::Verdiepend && m.date < d("2021-12-25")));
    assert!(p
        .notes
        .iter()
        .any(|n| n.nl.contains("Geen bijeenkomsten in lesweek 2 en 3 (")));
}

#[test]
fn same_input_same_plan_and_calendar() {
    let opts = PlanOptions {
        holidays: Some(holidays()),
        ..PlanOptions::default()
    };
    let a = bos_plan(&opts);
    let b = bos_plan(&opts);
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
    assert_eq!(a.to_ics(false), b.to_ics(false));
    let back: RotationPlan = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
    assert_eq!(back, a);
}

#[test]
fn calendar_parses_and_every_date_is_a_thursday_outside_the_holidays() {
    let h = holidays();
    let p = bos_plan(&PlanOptions {
        holidays: Some(h.clone()),
        hosts: vec!["A".into(), "B".into(), "C".into()],
        ..PlanOptions::default()
    });
    // Default start: 1 September after the 2020 edition.
    assert_eq!(p.start, NaiveDate::from_ymd_opt(2021, 9, 1).unwrap());
    assert_eq!(p.school_years, ["2021-2022", "2022-2023"]);
    let ics = p.to_ics(false);
    let calendar: icalendar::Calendar = ics.parse().expect("icalendar parses the file");
    let events: Vec<&icalendar::Event> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            icalendar::CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(events.len(), 12);
    let mut uids = BTreeSet::new();
    for (e, m) in events.iter().zip(&p.meetings) {
        use icalendar::Component;
        let start = match e.get_start().expect("DTSTART") {
            icalendar::DatePerhapsTime::DateTime(icalendar::CalendarDateTime::WithTimezone {
                date_time,
                tzid,
            }) => {
                assert_eq!(tzid, "Europe/Amsterdam");
                date_time
            }
            other => panic!("expected a local date-time with TZID, got {other:?}"),
        };
        let day = start.date();
        assert_eq!(day, m.date);
        assert_eq!(day.weekday(), Weekday::Thu, "{day}");
        assert_eq!((start.format("%H:%M").to_string()), "13:30");
        assert!(h.on(day).is_none(), "{day} is in {:?}", h.on(day));
        assert!(
            uids.insert(e.get_uid().unwrap().to_string()),
            "UIDs are unique"
        );
        assert!(e.get_summary().unwrap().starts_with(&m.title));
    }
    // Hosts take turns.
    let hosts: Vec<&str> = p
        .meetings
        .iter()
        .map(|m| m.host.as_deref().unwrap())
        .collect();
    assert_eq!(&hosts[..4], ["A", "B", "C", "A"]);
    // Dates in order, each year inside September..June of its school year.
    assert!(p.meetings.windows(2).all(|w| w[0].date < w[1].date));
    for m in &p.meetings {
        let first = NaiveDate::from_ymd_opt(2020 + m.year as i32, 9, 1).unwrap();
        let end = NaiveDate::from_ymd_opt(2021 + m.year as i32, 7, 1).unwrap();
        assert!(first <= m.date && m.date < end, "{}", m.date);
    }
}

#[test]
fn offered_last_year_waits_unless_exceptional() {
    let p = bos_plan(&PlanOptions {
        offered: vec!["agogisch_bekwaam".into(), "innovatie".into()],
        ..PlanOptions::default()
    });
    for id in ["agogisch_bekwaam", "innovatie"] {
        let years: Vec<u32> = p
            .meetings
            .iter()
            .filter(|m| m.theme == id)
            .map(|m| m.year)
            .collect();
        assert_eq!(years, [2], "{id} waits");
        let m = p.meetings.iter().find(|m| m.theme == id).unwrap();
        assert!(m
            .reason
            .nl
            .contains("vorig jaar aangeboden, dus niet in jaar 1"));
    }
    // With a manual weight of 3 agogisch bekwaam scores 51, more than twice the mean of
    // the basis themes (2 × (51 + 24 + 23 + 22 + 15.5 + 15) / 6 = 50.17): it need not wait.
    let p = bos_plan(&PlanOptions {
        offered: vec!["agogisch_bekwaam".into()],
        weights: vec![("agogisch_bekwaam".into(), 3.0)],
        ..PlanOptions::default()
    });
    let first = &p.meetings[0];
    assert_eq!(first.theme, "agogisch_bekwaam");
    assert!(
        first.reason.en.contains("demand is exceptional"),
        "{}",
        first.reason.en
    );
    assert!(
        first.reason.en.contains("manual weight × 3"),
        "{}",
        first.reason.en
    );
}

#[test]
fn infeasible_input_names_the_conflict() {
    let err = |o: PlanOptions| match plan(&bos(), &demand(), &o) {
        Err(PlanError::Infeasible(m)) => m,
        other => panic!("infeasible expected, got {other:?}"),
    };
    let m = err(PlanOptions {
        per_year: Some(5),
        ..PlanOptions::default()
    });
    // The settings stay typed: the library words them itself, a front end its own way.
    assert_eq!(
        m.settings().collect::<Vec<_>>(),
        [PlanSetting::PerYear, PlanSetting::Years]
    );
    assert_eq!(
        m.to_string(),
        "11 themes do not fit in 10 meetings (2 years × 5): every theme comes up once per cycle; raise the meetings a year or the number of years"
    );
    assert_eq!(
        m.render(|s| format!("<{s:?}>")),
        "11 themes do not fit in 10 meetings (2 years × 5): every theme comes up once per cycle; raise <PerYear> or <Years>"
    );
    let m = err(PlanOptions {
        basis_per_year: Some(2),
        ..PlanOptions::default()
    })
    .to_string();
    assert!(
        m.starts_with("6 basis themes do not fit in the 4 basis meetings"),
        "{m}"
    );
    // Six meetings a year (the catalogue's range of 5 to 7 would give year 1 five, two
    // of them basis, which the two themes that need not wait can fill).
    let m = err(PlanOptions {
        per_year: Some(6),
        offered: vec![
            "wie_ben_ik_als_lerende".into(),
            "wie_ben_ik_als_leraar".into(),
            "observeren".into(),
            "feedback".into(),
        ],
        ..PlanOptions::default()
    })
    .to_string();
    assert!(
        m.starts_with("year 1 needs 3 basis meetings but only 2 themes"),
        "{m}"
    );
    // A holidays file that leaves too few Thursdays.
    let all_year = Holidays::from_toml(
        "h.toml",
        "[[holiday]]\nname = \"Sabbatical\"\nfrom = 2021-09-01\nto = 2022-06-08\n",
    )
    .unwrap();
    let m = err(PlanOptions {
        holidays: Some(all_year),
        ..PlanOptions::default()
    })
    .to_string();
    assert!(
        m.starts_with("school year 2021-2022 has only 4 Thursdays"),
        "{m}"
    );
}

/// Meeting days too far apart for the spread: the one-line message names it; a mistake
/// in the calendar settings names file and line.
#[test]
fn the_spread_is_named_when_it_leaves_no_plan() {
    let text = include_str!("../../../datasets/catalogues/bos.toml");
    let tight = text.replace("max_gap_weeks = 16", "max_gap_weeks = 4");
    let c = Catalogue::from_toml("bos.toml", &tight).unwrap();
    let six = PlanOptions {
        per_year: Some(6),
        ..PlanOptions::default()
    };
    match plan(&c, &demand(), &six) {
        Err(PlanError::Infeasible(m)) => assert_eq!(
            m.to_string(),
            "no plan meets all constraints at once; dropping the spread of each level over the year (at least once every 4 weeks) would make one possible"
        ),
        other => panic!("infeasible expected, got {other:?}"),
    }
    let bad = text.replace(
        "reserved_school_weeks = [2, 3]",
        "reserved_school_weeks = [2, 2]",
    );
    let line = text
        .lines()
        .position(|l| l == "[calendar]")
        .map(|i| i + 1)
        .unwrap();
    let e = Catalogue::from_toml("bos.toml", &bad).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("bos.toml:{line}: [calendar]: reserved_school_weeks: lesweek 2 appears twice")
    );
}

#[test]
fn unknown_theme_links_are_reported() {
    let mut d = demand();
    d.parts[0].themes[0].theme = "niet_in_de_catalogus".into();
    let p = plan(&bos(), &d, &PlanOptions::default()).unwrap();
    assert!(
        p.warnings
            .iter()
            .any(|w| w.en.contains("niet_in_de_catalogus")),
        "{:?}",
        p.warnings
    );
}
