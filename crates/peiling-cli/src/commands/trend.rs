//! `peiling trend`: a series' trend as terminal tables or JSON, and with an output
//! folder the report section "Ontwikkeling door de jaren" with its charts.

use std::fmt::Write as _;
use std::io::Write;

use anyhow::Result;
use peiling_panel::series::Series;
use peiling_panel::trend::{trend, CategoryTrend, Trend};
use peiling_report::{Lang, ReportOptions};
use peiling_survey::ImportOptions;

use crate::args::{LangArg, TrendArgs};
use crate::output;

pub fn run(args: &TrendArgs) -> Result<()> {
    let lang = match args.lang {
        LangArg::Nl => Lang::Nl,
        LangArg::En => Lang::En,
    };
    let out = match &args.out {
        Some(dir) => Some(output::folder(dir, "trend")?),
        None => None,
    };
    let series = Series::load(&args.series)?;
    let editions = series.count_editions(&ImportOptions::default())?;
    let trend = trend(&series, &editions)?;
    let mut json = serde_json::to_string_pretty(&trend)?;
    json.push('\n');
    if let Some(out) = &out {
        let opts = ReportOptions {
            lang,
            ..ReportOptions::default()
        };
        let mut files = peiling_report::render_trend(&trend, &opts)?;
        files.push(peiling_report::OutputFile {
            path: "trend.json".into(),
            bytes: json.clone().into_bytes(),
        });
        let staged = out.stage(files.iter().map(|f| (f.path.as_str(), f.bytes.as_slice())))?;
        output::commit(vec![staged])?;
        if let Some(dir) = &args.out {
            eprintln!(
                "{}",
                super::terminal_safe(&format!(
                    "peiling: trend of {} editions written to {}",
                    trend.editions.len(),
                    dir.display()
                ))
            );
        }
        return Ok(());
    }
    let text = if args.json {
        json
    } else {
        super::terminal_safe(&tables(&trend, lang))
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(())
}

fn cell(c: &CategoryTrend, year: i32) -> String {
    match c.points.iter().find(|p| p.edition == year) {
        Some(p) => match (p.pct, p.wilson95) {
            (Some(pct), Some([lo, hi])) => format!("{pct:.0}% ({lo:.0}-{hi:.0})"),
            _ => "-".into(),
        },
        None => "-".into(),
    }
}

/// The library's reason for not testing, in Dutch.
fn dutch(why: &str) -> String {
    why.replace("asked in one edition only", "in één editie gevraagd")
        .replace("one test per option", "een toets per optie")
        .replace("fewer than", "minder dan")
        .replace("answers in", "antwoorden in")
}

/// One table per question: a row per category, a column per edition.
pub fn tables(trend: &Trend, lang: Lang) -> String {
    let en = lang.is_en();
    let years: Vec<i32> = trend.editions.iter().map(|e| e.year).collect();
    let mut s = String::new();
    let title = match (&trend.series.title_en, en) {
        (Some(t), true) => t,
        _ => &trend.series.title,
    };
    let _ = writeln!(s, "{title}");
    for e in &trend.editions {
        let parts: Vec<String> = e
            .parts
            .iter()
            .map(|p| format!("{} {}", p.audience, p.respondents))
            .collect();
        let _ = writeln!(s, "  {}: {} ({})", e.year, e.survey, parts.join(", "));
    }
    for q in &trend.questions {
        let text = match (&q.text_en, en) {
            (Some(t), true) => t,
            _ => &q.text,
        };
        let _ = writeln!(
            s,
            "\n{} {}.{} [{:?}]: {text}",
            q.audience, q.questionnaire, q.id, q.presence
        );
        let width = q
            .categories
            .iter()
            .map(|c| c.label.chars().count())
            .max()
            .unwrap_or(0)
            .clamp(8, 44);
        let _ = write!(s, "  {:width$}", "");
        for y in &years {
            let _ = write!(s, " {y:>15}");
        }
        s.push('\n');
        let mut rows: Vec<&CategoryTrend> = q.categories.iter().collect();
        rows.extend(q.headline.iter().filter(|h| h.label == "top2"));
        for c in rows {
            let label: String = c.label.chars().take(width).collect();
            let _ = write!(s, "  {label:width$}");
            for y in &years {
                let _ = write!(s, " {:>15}", cell(c, *y));
            }
            s.push('\n');
        }
        let _ = write!(s, "  {:width$}", "n");
        for n in &q.n {
            let _ = write!(s, " {:>15}", n.map_or("-".into(), |n| n.to_string()));
        }
        s.push('\n');
        match (&q.test, &q.no_test) {
            (Some(t), _) => {
                let _ = writeln!(
                    s,
                    "  {}: {} = {:.2}, df = {}, p = {:.3}, {} = {:.2}{}",
                    if en { "test" } else { "toets" },
                    t.name,
                    t.statistic,
                    t.df,
                    t.p,
                    t.effect,
                    t.effect_size,
                    if t.p < 0.05 {
                        ""
                    } else if en {
                        " (within the noise)"
                    } else {
                        " (binnen de ruis)"
                    }
                );
            }
            (None, Some(why)) if en => {
                let _ = writeln!(s, "  no test: {why}");
            }
            (None, Some(why)) => {
                let _ = writeln!(s, "  geen toets: {}", dutch(why));
            }
            (None, None) => {}
        }
    }
    s
}
