//! The section "Ontwikkeling door de jaren" (development over the years) of a series:
//! per questionnaire and question a headline that says whether a change is larger than
//! the noise, a table with the share and its 95 % interval per edition, and a small
//! chart with one dot-and-interval line per edition; then the demand for themes. The
//! same section stands alone (`peiling trend -o`) and goes into a survey's full report
//! ([`fill`]), where the summary gets one paragraph about it (the short bijlage keeps
//! only that). An edition with fewer answers than the minimum group is not shown, and
//! no test is printed over a question with such an edition (docs/report-rules.md).

use peiling_core::trend::{CategoryTrend, ChangeTest, Point, Presence, QuestionTrend, Trend};

use crate::charts::{Chart, IntervalRow, Intervals};
use crate::compose::{ANCHOR_CONCLUSIONS, ANCHOR_PLAN, ANCHOR_SUMMARY};
use crate::i18n::Lang;
use crate::model::{text, Block, ChartRef, Document, Inline, Row, RowKind, Section, Table};
use crate::turnout::ANCHOR_TURNOUT;

/// Anchor of the section.
pub const ANCHOR_TREND: &str = "ontwikkeling";

/// How the section is written: the series' years, the language and the minimum group.
#[derive(Clone, Copy)]
struct View<'a> {
    years: &'a [String],
    lang: Lang,
    min_group: usize,
}

impl View<'_> {
    /// Whether a point may be shown: asked, answered, and by at least the minimum.
    fn shown(self, p: &Point) -> bool {
        p.pct.is_some() && p.wilson95.is_some() && p.n as usize >= self.min_group.max(1)
    }

    /// Whether an edition that asks the question is held back as too small.
    fn hidden(self, p: &Point) -> bool {
        p.n > 0 && (p.n as usize) < self.min_group
    }

    /// Whether any edition of the question is held back (then no test is shown).
    fn any_hidden(self, q: &QuestionTrend) -> bool {
        q.n.iter()
            .flatten()
            .any(|&n| n > 0 && (n as usize) < self.min_group)
    }
}

/// The trend as a document of its own.
pub fn document(trend: &Trend, lang: Lang, min_group: usize) -> Document {
    let title = match (&trend.series.title_en, lang.is_en()) {
        (Some(en), true) => en.clone(),
        _ => trend.series.title.clone(),
    };
    Document {
        title: lang
            .pick("Ontwikkeling door de jaren", "Development over the years")
            .to_string(),
        subtitle: vec![title],
        sections: vec![section(trend, lang, min_group)],
    }
}

/// Puts the trend section into a survey's report: after the rotation plan and the
/// turnout when there are, else after the conclusions; the full report shows it before
/// the per-question appendix. The summary gets one paragraph that links to it (in the
/// short bijlage the link becomes a pointer to the full report).
pub fn fill(doc: &mut Document, trend: &Trend, lang: Lang, min_group: usize) {
    let sec = section(trend, lang, min_group);
    let after = [
        ANCHOR_TURNOUT,
        ANCHOR_PLAN,
        ANCHOR_CONCLUSIONS,
        ANCHOR_SUMMARY,
    ]
    .iter()
    .find_map(|a| doc.sections.iter().position(|s| s.anchor == *a));
    doc.sections.insert(after.map_or(0, |i| i + 1), sec);
    if let Some(summary) = doc.sections.iter_mut().find(|s| s.anchor == ANCHOR_SUMMARY) {
        summary
            .blocks
            .push(Block::Paragraph(summary_paragraph(trend, lang, min_group)));
    }
}

/// The summary's one paragraph: the editions, how many headline figures changed more
/// than the noise, and where the section is.
fn summary_paragraph(trend: &Trend, lang: Lang, min_group: usize) -> Vec<Inline> {
    let years: Vec<String> = trend.editions.iter().map(|e| e.year.to_string()).collect();
    let view = View {
        years: &years,
        lang,
        min_group,
    };
    let (tested, changed) = verdicts(trend, view);
    let lead = match lang {
        Lang::Nl => format!(
            "Ontwikkeling door de jaren (edities {}): van de {tested} getoetste kerncijfers veranderden er {changed} meer dan de ruis (p < 0,05). Per vraag staat het in ",
            lang.join_and(&years)
        ),
        Lang::En => format!(
            "Development over the years (editions {}): of the {tested} tested key figures, {changed} changed more than the noise (p < 0.05). Per question it is in ",
            lang.join_and(&years)
        ),
    };
    vec![
        Inline::Text(lead),
        Inline::Link {
            text: lang
                .pick("Ontwikkeling door de jaren", "Development over the years")
                .to_string(),
            anchor: ANCHOR_TREND.to_string(),
        },
        Inline::Text(".".into()),
    ]
}

/// (headline figures with a test shown, of which p < 0.05), as the headlines say it.
fn verdicts(trend: &Trend, view: View<'_>) -> (usize, usize) {
    let mut tested = 0;
    let mut changed = 0;
    for q in &trend.questions {
        let (figure, test) = figure(q);
        if figure.is_none() || view.any_hidden(q) {
            continue;
        }
        if let Some(t) = test {
            tested += 1;
            changed += usize::from(t.p < 0.05);
        }
    }
    (tested, changed)
}

/// The section "Ontwikkeling door de jaren" itself.
pub fn section(trend: &Trend, lang: Lang, min_group: usize) -> Section {
    let years: Vec<String> = trend.editions.iter().map(|e| e.year.to_string()).collect();
    let view = View {
        years: &years,
        lang,
        min_group,
    };
    let mut section = Section::new(
        ANCHOR_TREND,
        lang.pick("Ontwikkeling door de jaren", "Development over the years"),
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
    let hidden = trend
        .questions
        .iter()
        .flat_map(|q| q.n.iter().flatten())
        .chain(
            trend
                .themes
                .iter()
                .flat_map(|t| t.points.iter().map(|p| &p.n)),
        )
        .filter(|&&n| n > 0 && (n as usize) < min_group)
        .count();
    if hidden > 0 {
        section.blocks.push(Block::Note(match lang {
            Lang::Nl => format!(
                "Kleine groepen: {hidden} keer had een editie minder dan {min_group} antwoorden op een vraag; die cijfers staan er niet (te weinig), alleen n, en over zo'n vraag staat geen toets."
            ),
            Lang::En => format!(
                "Small groups: {hidden} times an edition had fewer than {min_group} answers to a question; those figures are not shown (too few), only n, and no test is shown for such a question."
            ),
        }));
    }
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
            part.children.push(question(q, view));
        }
        section.children.push(part);
    }
    if !trend.themes.is_empty() {
        section.children.push(themes(trend, view));
    }
    section
}

fn question(q: &QuestionTrend, view: View<'_>) -> Section {
    let (years, lang) = (view.years, view.lang);
    let label = match (&q.text_en, lang.is_en()) {
        (Some(en), true) => en.clone(),
        _ => q.text.clone(),
    };
    let slug = format!("{}-{}", q.questionnaire, q.id).replace('_', "-");
    let mut s = Section::new(format!("ontwikkeling-{slug}"), label.clone());
    let (figure, test) = figure(q);
    // No test over a question with an edition held back (its table has hidden cells).
    let test = test.filter(|_| !view.any_hidden(q));
    s.headline = figure.map(|c| headline(q, c, test, view));
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
        .map(|c| Row::new(RowKind::Normal, cells(c, view)))
        .collect();
    if let Some(h) = q.headline.as_ref().filter(|h| h.label == "top2") {
        let mut top2 = CategoryTrend {
            label: lang
                .pick("Twee hoogste niveaus", "Two highest levels")
                .into(),
            ..h.clone()
        };
        top2.label_en = None;
        rows.push(Row::new(RowKind::Apart, cells(&top2, view)));
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
                        interval_row(y, p, view)
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
    if view.any_hidden(q) {
        s.blocks.push(Block::Note(match lang {
            Lang::Nl => format!(
                "Geen toets: een editie had minder dan {} antwoorden.",
                view.min_group
            ),
            Lang::En => format!(
                "No test: an edition had fewer than {} answers.",
                view.min_group
            ),
        }));
    } else if let Some(t) = test.or(q.test.as_ref()) {
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

fn headline(
    q: &QuestionTrend,
    c: &CategoryTrend,
    test: Option<&ChangeTest>,
    view: View<'_>,
) -> String {
    let lang = view.lang;
    let name = category_label(c, lang);
    let shown: Vec<&Point> = c.points.iter().filter(|p| view.shown(p)).collect();
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
        (None, _) if view.any_hidden(q) => match lang {
            Lang::Nl => format!(
                "niet getoetst: een editie had minder dan {} antwoorden",
                view.min_group
            ),
            Lang::En => format!(
                "not tested: an edition had fewer than {} answers",
                view.min_group
            ),
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

fn cells(c: &CategoryTrend, view: View<'_>) -> Vec<String> {
    let lang = view.lang;
    let too_few = lang.pick("te weinig", "too few");
    let mut out = vec![match (&c.label_en, lang.is_en()) {
        (Some(en), true) => en.clone(),
        _ => c.label.clone(),
    }];
    for y in view.years {
        let point = c.points.iter().find(|p| &p.edition.to_string() == y);
        if point.is_some_and(|p| view.hidden(p)) {
            out.push(too_few.to_string());
            continue;
        }
        let cell = point.and_then(|p| Some((p.pct?, p.wilson95?))).map_or(
            "–".to_string(),
            |(pct, [lo, hi])| {
                format!(
                    "{} ({}–{})",
                    lang.pct(pct),
                    lang.num(lo.round()),
                    lang.num(hi.round())
                )
            },
        );
        out.push(cell);
    }
    out
}

fn interval_row(year: &str, p: Option<&Point>, view: View<'_>) -> IntervalRow {
    let lang = view.lang;
    if p.is_some_and(|p| view.hidden(p)) {
        return IntervalRow {
            label: year.to_string(),
            pct: None,
            low: 0.0,
            high: 0.0,
            value: match lang {
                Lang::Nl => format!("minder dan {} antwoorden", view.min_group),
                Lang::En => format!("fewer than {} answers", view.min_group),
            },
        };
    }
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
    let min_n = peiling_core::trend::MIN_N;
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

fn themes(trend: &Trend, view: View<'_>) -> Section {
    let (years, lang) = (view.years, view.lang);
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
            let mut cells = cells(&c, view);
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
mod tests;
