//! The section "Ontwikkeling door de jaren" (development over the years) of a series:
//! per questionnaire and question a headline that says whether a change is larger than
//! the noise, a table with the share and its 95 % interval per edition, and a small
//! chart with one dot-and-interval line per edition; then the demand for themes.

use peiling_panel::stats::ChangeTest;
use peiling_panel::trend::{CategoryTrend, Point, Presence, QuestionTrend, Trend};

use crate::charts::{Chart, IntervalRow, Intervals};
use crate::i18n::Lang;
use crate::model::{text, Block, ChartRef, Document, Inline, Row, RowKind, Section, Table};

/// Anchor of the section.
pub const ANCHOR_TREND: &str = "ontwikkeling";

/// The trend as a document of its own.
pub fn document(trend: &Trend, lang: Lang) -> Document {
    let t = |nl: &'static str, en: &'static str| lang.pick(nl, en).to_string();
    let years: Vec<String> = trend.editions.iter().map(|e| e.year.to_string()).collect();
    let title = match (&trend.series.title_en, lang.is_en()) {
        (Some(en), true) => en.clone(),
        _ => trend.series.title.clone(),
    };
    let mut section = Section::new(
        ANCHOR_TREND,
        t("Ontwikkeling door de jaren", "Development over the years"),
    );
    section.blocks.push(Block::Paragraph(vec![text(match lang {
        Lang::Nl => format!(
            "Edities {}. Elke editie is een nieuwe groep respondenten (herhaalde dwarsdoorsnede): de cijfers volgen geen personen door de jaren. Per vraag staat het aandeel per editie met het 95 %-betrouwbaarheidsinterval (Wilson) en n. Een verandering wordt getoetst als elke editie die de vraag stelt minstens {} antwoorden heeft; een p-waarde van 0,05 of meer betekent dat de verandering binnen de ruis valt.",
            lang.join_and(&years),
            trend.min_n
        ),
        Lang::En => format!(
            "Editions {}. Each edition is a new group of respondents (repeated cross-sections): the figures do not follow persons across the years. Per question: the share per edition with its 95 % confidence interval (Wilson) and n. A change is tested when every edition that asks the question has at least {} answers; a p-value of 0.05 or more means the change is within the noise.",
            lang.join_and(&years),
            trend.min_n
        ),
    })]));
    let mut audiences: Vec<(String, String)> = Vec::new();
    for q in &trend.questions {
        let key = (q.questionnaire.clone(), q.audience.clone());
        if !audiences.contains(&key) {
            audiences.push(key);
        }
    }
    for (questionnaire, audience) in &audiences {
        let mut part = Section::new(
            format!("ontwikkeling-{}", questionnaire.replace('_', "-")),
            audience.clone(),
        );
        for q in trend
            .questions
            .iter()
            .filter(|q| &q.questionnaire == questionnaire)
        {
            part.children.push(question(q, &years, lang));
        }
        section.children.push(part);
    }
    if !trend.themes.is_empty() {
        section.children.push(themes(trend, &years, lang));
    }
    Document {
        title: t("Ontwikkeling door de jaren", "Development over the years"),
        subtitle: vec![title],
        sections: vec![section],
    }
}

fn question(q: &QuestionTrend, years: &[String], lang: Lang) -> Section {
    let label = match (&q.text_en, lang.is_en()) {
        (Some(en), true) => en.clone(),
        _ => q.text.clone(),
    };
    let slug = format!("{}-{}", q.questionnaire, q.id).replace('_', "-");
    let mut s = Section::new(format!("ontwikkeling-{slug}"), label.clone());
    let (figure, test) = figure(q);
    s.headline = figure.map(|c| headline(q, c, test, lang));
    match q.presence {
        Presence::Shared => {}
        Presence::New => s.blocks.push(Block::Note(format!(
            "{} {}.",
            lang.pick("Nieuw vanaf", "New from"),
            q.editions[0]
        ))),
        Presence::Dropped => s.blocks.push(Block::Note(format!(
            "{} {}.",
            lang.pick("Niet meer gevraagd na", "Not asked after"),
            q.editions[q.editions.len() - 1]
        ))),
        Presence::Partial => s.blocks.push(Block::Note(format!(
            "{} {}.",
            lang.pick("Alleen gevraagd in", "Only asked in"),
            lang.join_and(&q.editions.iter().map(i32::to_string).collect::<Vec<_>>())
        ))),
    }
    let mut header = vec![lang.pick("Antwoord", "Answer").to_string()];
    header.extend(years.iter().cloned());
    let mut rows: Vec<Row> = q
        .categories
        .iter()
        .map(|c| Row::new(RowKind::Normal, cells(c, years, lang)))
        .collect();
    if let Some(h) = q.headline.as_ref().filter(|h| h.label == "top2") {
        let mut top2 = CategoryTrend {
            label: lang
                .pick("Twee hoogste niveaus", "Two highest levels")
                .into(),
            ..h.clone()
        };
        top2.label_en = None;
        rows.push(Row::new(RowKind::Apart, cells(&top2, years, lang)));
    }
    let mut n_row = vec!["n".to_string()];
    n_row.extend(q.n.iter().map(|n| n.map_or("–".into(), |n| n.to_string())));
    rows.push(Row::new(RowKind::Total, n_row));
    s.blocks.push(Block::Table(Table {
        header,
        rows,
        numeric_from: 1,
    }));
    s.blocks.push(Block::Note(lang.pick(
        "Percentage van wie een antwoord koos (meerkeuze: van wie minstens één optie koos), met tussen haakjes het 95 %-interval.",
        "Share of those who chose an answer (multi-select: of those who chose at least one option), with the 95 % interval in brackets.",
    ).to_string()));
    if let Some(c) = figure {
        let name = category_label(c, lang);
        s.blocks.push(Block::Chart(ChartRef {
            id: format!("trend-{slug}"),
            alt: format!(
                "{label}: {name}, {}",
                lang.pick("per editie", "per edition")
            ),
            chart: Chart::Intervals(Intervals {
                title: format!("{label}: {name}"),
                rows: years
                    .iter()
                    .map(|y| {
                        let p = c.points.iter().find(|p| &p.edition.to_string() == y);
                        interval_row(y, p, lang)
                    })
                    .collect(),
                note: Some(
                    lang.pick(
                        "Stip: aandeel; lijn: 95 %-interval (Wilson).",
                        "Dot: share; line: 95 % interval (Wilson).",
                    )
                    .to_string(),
                ),
            }),
        }));
    }
    if let Some(t) = test.or(q.test.as_ref()) {
        s.blocks.push(Block::Note(test_note(t, lang)));
    } else if q.no_test.is_some() {
        s.blocks.push(Block::Note(no_test(q, lang)));
    }
    s
}

/// The figure the headline and the chart follow: "Ja" of a yes/no question, the two
/// highest levels of a scale, else the category chosen most in the latest edition;
/// with its own test for a multi-select option.
fn figure(q: &QuestionTrend) -> (Option<&CategoryTrend>, Option<&ChangeTest>) {
    if let Some(h) = &q.headline {
        return (Some(h), q.test.as_ref());
    }
    let last = |c: &CategoryTrend| c.points.last().map_or(0, |p| p.count);
    let best = q
        .categories
        .iter()
        .enumerate()
        .max_by_key(|(i, c)| (last(c), std::cmp::Reverse(*i)))
        .map(|(_, c)| c);
    (best, best.and_then(|c| c.test.as_ref()).or(q.test.as_ref()))
}

fn category_label(c: &CategoryTrend, lang: Lang) -> String {
    if c.label == "top2" {
        return lang
            .pick("twee hoogste niveaus", "two highest levels")
            .into();
    }
    match (&c.label_en, lang.is_en()) {
        (Some(en), true) => format!("«{en}»"),
        _ => format!("«{}»", c.label),
    }
}

fn headline(q: &QuestionTrend, c: &CategoryTrend, test: Option<&ChangeTest>, lang: Lang) -> String {
    let name = category_label(c, lang);
    let shown: Vec<&Point> = c.points.iter().filter(|p| p.pct.is_some()).collect();
    let (Some(first), Some(last)) = (shown.first().copied(), shown.last().copied()) else {
        return format!("{}: {name}.", lang.pick("Geen antwoorden", "No answers"));
    };
    let pct = |p: &Point| lang.pct(p.pct.unwrap_or(0.0));
    let change = if shown.len() == 1 {
        match lang {
            Lang::Nl => format!("Aandeel {name}: {} in {}", pct(first), first.edition),
            Lang::En => format!("Share {name}: {} in {}", pct(first), first.edition),
        }
    } else {
        match lang {
            Lang::Nl => format!(
                "Aandeel {name}: van {} ({}) naar {} ({})",
                pct(first),
                first.edition,
                pct(last),
                last.edition
            ),
            Lang::En => format!(
                "Share {name}: from {} ({}) to {} ({})",
                pct(first),
                first.edition,
                pct(last),
                last.edition
            ),
        }
    };
    let verdict = match (test, &q.no_test) {
        (Some(t), _) if t.p < 0.05 => match lang {
            Lang::Nl => format!(
                "een verandering groter dan de ruis (p = {})",
                lang.num_p(t.p)
            ),
            Lang::En => format!("a change larger than the noise (p = {})", lang.num_p(t.p)),
        },
        (Some(t), _) => match lang {
            Lang::Nl => format!("dat valt binnen de ruis (p = {})", lang.num_p(t.p)),
            Lang::En => format!("that is within the noise (p = {})", lang.num_p(t.p)),
        },
        (None, _) if shown.len() == 1 => lang
            .pick(
                "nog geen reeks om te vergelijken",
                "no series to compare yet",
            )
            .into(),
        (None, Some(why)) if why.starts_with("fewer") => lang
            .pick(
                "te weinig antwoorden om een verandering te toetsen: binnen de ruis",
                "too few answers to test a change: within the noise",
            )
            .into(),
        (None, _) => lang.pick("niet getoetst", "not tested").into(),
    };
    format!("{change}; {verdict}.")
}

fn cells(c: &CategoryTrend, years: &[String], lang: Lang) -> Vec<String> {
    let mut out = vec![match (&c.label_en, lang.is_en()) {
        (Some(en), true) => en.clone(),
        _ => c.label.clone(),
    }];
    for y in years {
        let cell = c
            .points
            .iter()
            .find(|p| &p.edition.to_string() == y)
            .and_then(|p| Some((p.pct?, p.wilson95?)))
            .map_or("–".to_string(), |(pct, [lo, hi])| {
                format!(
                    "{} ({}–{})",
                    lang.pct(pct),
                    lang.num(lo.round()),
                    lang.num(hi.round())
                )
            });
        out.push(cell);
    }
    out
}

fn interval_row(year: &str, p: Option<&Point>, lang: Lang) -> IntervalRow {
    match p.and_then(|p| Some((p, p.pct?, p.wilson95?))) {
        Some((p, pct, [lo, hi])) => IntervalRow {
            label: year.to_string(),
            pct: Some(pct),
            low: lo,
            high: hi,
            value: format!("{} (n = {})", lang.pct(pct), p.n),
        },
        None => IntervalRow {
            label: year.to_string(),
            pct: None,
            low: 0.0,
            high: 0.0,
            value: lang.pick("niet gevraagd", "not asked").into(),
        },
    }
}

/// Why a question has no test, in the report's language.
fn no_test(q: &QuestionTrend, lang: Lang) -> String {
    let min_n = peiling_panel::trend::MIN_N;
    let small: Vec<String> = q
        .editions
        .iter()
        .zip(q.n.iter().flatten())
        .filter(|(_, n)| (**n as usize) < min_n)
        .map(|(y, _)| y.to_string())
        .collect();
    if q.editions.len() < 2 {
        lang.pick(
            "Geen toets: in één editie gevraagd.",
            "No test: asked in one edition only.",
        )
        .into()
    } else if !small.is_empty() {
        match lang {
            Lang::Nl => format!(
                "Geen toets: minder dan {min_n} antwoorden in {}.",
                lang.join_and(&small)
            ),
            Lang::En => format!(
                "No test: fewer than {min_n} answers in {}.",
                lang.join_and(&small)
            ),
        }
    } else {
        lang.pick(
            "Geen toets van de hele verdeling: een toets per optie.",
            "No test of the whole distribution: one test per option.",
        )
        .into()
    }
}

fn test_note(t: &ChangeTest, lang: Lang) -> String {
    let effect = match t.effect.as_str() {
        "pp_change" => format!(
            "{} {} {}",
            lang.pick(
                "verschil eerste-laatste editie",
                "difference first-last edition"
            ),
            lang.num(t.effect_size),
            lang.pick("procentpunt", "percentage points")
        ),
        "r" => format!("r = {}", lang.num_precise(t.effect_size)),
        _ => format!("Cramér's V = {}", lang.num_precise(t.effect_size)),
    };
    format!(
        "{}: {} = {}, df = {}, p = {}; {effect}.",
        lang.pick("Toets", "Test"),
        t.name,
        lang.num_precise(t.statistic),
        lang.num(t.df),
        lang.num_p(t.p)
    )
}

fn themes(trend: &Trend, years: &[String], lang: Lang) -> Section {
    let mut s = Section::new(
        "ontwikkeling-themas",
        lang.pick(
            "Vraag naar thema's per editie",
            "Demand for themes per edition",
        ),
    );
    let mut header = vec![
        lang.pick("Thema", "Theme").to_string(),
        lang.pick("Doelgroep", "Audience").to_string(),
    ];
    header.extend(years.iter().cloned());
    let rows = trend
        .themes
        .iter()
        .map(|t| {
            let c = CategoryTrend {
                label: t.theme.clone(),
                label_en: None,
                points: t.points.clone(),
                test: None,
            };
            let mut cells = cells(&c, years, lang);
            cells.insert(1, t.audience.clone());
            Row::new(RowKind::Normal, cells)
        })
        .collect();
    s.blocks.push(Block::Table(Table {
        header,
        rows,
        numeric_from: 2,
    }));
    s.blocks.push(Block::Paragraph(vec![Inline::Text(
        lang.pick(
            "Percentage van alle respondenten van de doelgroep dat minstens één optie koos die bij het thema hoort, met het 95 %-interval.",
            "Share of all respondents of the audience who chose at least one option feeding the theme, with the 95 % interval.",
        )
        .into(),
    )]));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(edition: i32, count: u32, n: u32) -> Point {
        Point {
            edition,
            count,
            n,
            pct: Some(100.0 * f64::from(count) / f64::from(n)),
            wilson95: Some([10.0, 90.0]),
        }
    }

    fn yes_no(test: Option<ChangeTest>, no_test: Option<&str>) -> QuestionTrend {
        let yes = CategoryTrend {
            label: "Ja".into(),
            label_en: Some("Yes".into()),
            points: vec![point(2020, 30, 60), point(2022, 40, 50)],
            test: None,
        };
        QuestionTrend {
            questionnaire: "wpb".into(),
            audience: "WPB".into(),
            id: "behoefte".into(),
            text: "Behoefte?".into(),
            text_en: None,
            kind: "yesno".into(),
            presence: Presence::Shared,
            editions: vec![2020, 2022],
            n: vec![Some(60), Some(50)],
            categories: vec![yes.clone()],
            headline: Some(yes),
            test,
            no_test: no_test.map(str::to_string),
        }
    }

    fn test(p: f64) -> ChangeTest {
        ChangeTest {
            name: "cochran-armitage".into(),
            statistic: 4.0,
            df: 1.0,
            p,
            effect: "pp_change".into(),
            effect_size: 30.0,
        }
    }

    fn headline_of(q: &QuestionTrend, lang: Lang) -> String {
        question(q, &["2020".into(), "2022".into()], lang)
            .headline
            .unwrap()
    }

    #[test]
    fn headlines_say_when_a_change_is_within_the_noise() {
        let q = yes_no(Some(test(0.31)), None);
        assert_eq!(
            headline_of(&q, Lang::Nl),
            "Aandeel «Ja»: van 50 % (2020) naar 80 % (2022); dat valt binnen de ruis (p = 0,310)."
        );
        let q = yes_no(Some(test(0.004)), None);
        assert_eq!(
            headline_of(&q, Lang::En),
            "Share «Yes»: from 50 % (2020) to 80 % (2022); a change larger than the noise (p = 0.004)."
        );
        let q = yes_no(None, Some("fewer than 10 answers in 2022"));
        assert!(headline_of(&q, Lang::Nl)
            .ends_with("te weinig antwoorden om een verandering te toetsen: binnen de ruis."));
    }

    #[test]
    fn every_edition_gets_a_line_in_the_chart() {
        let q = yes_no(Some(test(0.2)), None);
        let s = question(&q, &["2020".into(), "2021".into(), "2022".into()], Lang::Nl);
        let chart = s
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Chart(c) => Some(c),
                _ => None,
            })
            .unwrap();
        let Chart::Intervals(c) = &chart.chart else {
            panic!("not an interval chart")
        };
        assert_eq!(c.rows.len(), 3);
        assert_eq!(c.rows[1].pct, None);
        assert_eq!(c.rows[1].value, "niet gevraagd");
        assert_eq!(c.rows[2].pct, Some(80.0));
    }
}
