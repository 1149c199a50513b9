//! `peiling analyze`: the figures as compact terminal tables or as JSON.

use std::fmt::Write as _;
use std::io::Write;

use anyhow::Result;
use peiling_analysis::{compare, Detail, Summary};

use crate::args::AnalyzeArgs;
use crate::load;
use crate::output::{self, Privacy};

pub fn run(args: &AnalyzeArgs) -> Result<()> {
    let out = match &args.out {
        Some(path) => {
            super::refuse_input(path, &args.survey)?;
            Some(output::file(path, Privacy::Public)?)
        }
        None => None,
    };
    let opts = crate::config::analysis_options(&args.filters, args.by.clone(), args.min_group)?;
    let summary = crate::stream::summary(&args.survey, &opts)?;
    super::warn_missing_columns(&summary);
    let comparison = match &args.compare {
        Some(path) => {
            let import = load::import_options(&args.survey);
            let other = crate::stream::summary_at(
                path,
                &import,
                &opts,
                crate::stream::threads(&args.survey),
            )?;
            Some(compare(&summary, &other))
        }
        None => None,
    };
    let text = if args.json {
        let mut value = serde_json::to_value(&summary)?;
        if let (Some(c), Some(obj)) = (&comparison, value.as_object_mut()) {
            obj.insert("comparison".into(), serde_json::to_value(c)?);
        }
        let mut s = serde_json::to_string_pretty(&value)?;
        s.push('\n');
        s
    } else {
        let mut s = tables(&summary);
        if let Some(c) = &comparison {
            s.push_str(&comparison_table(c));
        }
        super::terminal_safe(&s)
    };
    match &out {
        Some(out) => out.write(text.as_bytes()),
        None => {
            std::io::stdout().lock().write_all(text.as_bytes())?;
            Ok(())
        }
    }
}

fn pct(x: f64) -> String {
    format!("{x:5.1}%")
}

pub fn tables(summary: &Summary) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}", summary.survey.title);
    if !summary.filters.is_empty() {
        let _ = writeln!(s, "filter: {}", summary.filters.join(", "));
    }
    for part in &summary.parts {
        let _ = writeln!(s);
        let rate = match (part.population, part.response_rate) {
            (Some(p), Some(r)) => format!(" of {p} ({:.0}%)", r * 100.0),
            _ => String::new(),
        };
        let _ = writeln!(
            s,
            "== {} ({}): {} respondents{rate}",
            part.title, part.audience, part.respondents
        );
        for q in &part.questions {
            let cond = q
                .condition
                .as_ref()
                .map(|c| format!(", only if {c}"))
                .unwrap_or_default();
            let _ = writeln!(s, "\n[{}] {} (n={}{cond})", q.id, q.text, q.base);
            let table = |s: &mut String, rows: &[peiling_analysis::CategoryRow]| {
                for r in rows {
                    let _ = writeln!(
                        s,
                        "  {:<48} {:>4} {}",
                        truncate(&r.label, 48),
                        r.count,
                        pct(r.pct_base)
                    );
                }
            };
            match &q.detail {
                Detail::Choice { rows } | Detail::Multi { rows, .. } => table(&mut s, rows),
                Detail::Scale {
                    rows,
                    not_applicable,
                    top2,
                    median,
                    ..
                } => {
                    table(&mut s, rows);
                    table(&mut s, not_applicable);
                    if let Some(t) = top2 {
                        let _ = writeln!(
                            s,
                            "  top-2: {} {} of rated; median level: {}",
                            t.count,
                            pct(t.pct_answered.unwrap_or(0.0)),
                            median.as_deref().unwrap_or("-")
                        );
                    }
                }
                Detail::Number {
                    values,
                    unknown,
                    mean,
                    median,
                    sd,
                    min,
                    max,
                    histogram,
                    mode,
                    ..
                } => {
                    if *values > 0 {
                        let f = |v: &Option<f64>| v.map_or("-".into(), |v| format!("{v:.1}"));
                        let _ = writeln!(
                            s,
                            "  n={values} unknown={unknown} mean={} median={} sd={} min={} max={}",
                            f(mean),
                            f(median),
                            f(sd),
                            f(min),
                            f(max)
                        );
                    }
                    table(&mut s, histogram);
                    if !mode.is_empty() {
                        let _ = writeln!(s, "  most frequent: {}", mode.join(", "));
                    }
                }
                Detail::Text { answers, .. } => {
                    for a in answers.iter().take(10) {
                        let _ = writeln!(
                            s,
                            "  \"{}\"{}",
                            truncate(&a.text, 70),
                            if a.count > 1 {
                                format!(" ({}x)", a.count)
                            } else {
                                String::new()
                            }
                        );
                    }
                    if answers.len() > 10 {
                        let _ = writeln!(s, "  … {} more", answers.len() - 10);
                    }
                }
                Detail::Personal { .. } => {
                    let _ = writeln!(s, "  (personal data: {} gave it; not shown)", q.answered);
                }
            }
            let _ = writeln!(
                s,
                "  {:<48} {:>4} {}",
                "geen antwoord",
                q.no_answer,
                pct(share(q.no_answer, q.base))
            );
            if q.invalid > 0 {
                let _ = writeln!(
                    s,
                    "  {:<48} {:>4} {}",
                    "ongeldig",
                    q.invalid,
                    pct(share(q.invalid, q.base))
                );
            }
        }
        for r in &part.reliability {
            let _ = writeln!(
                s,
                "\nCronbach's alpha of {}: {} (n={})",
                r.items.join(", "),
                r.cronbach_alpha.map_or_else(
                    || {
                        format!(
                            "not given (needs {} items and {} people answering every item)",
                            peiling_analysis::stats::ALPHA_MIN_ITEMS,
                            peiling_analysis::stats::ALPHA_MIN_N
                        )
                    },
                    |a| format!("{a:.2}")
                ),
                r.respondents
            );
        }
        for t in &part.crosstabs {
            let _ = writeln!(s, "\n[{} by {}]", t.question, t.by);
            let _ = writeln!(
                s,
                "  {:<30} {}",
                "",
                t.columns
                    .iter()
                    .map(|c| format!("{:>10}", truncate(c, 10)))
                    .collect::<String>()
            );
            for (label, cells) in t.rows.iter().zip(&t.counts) {
                let cells: String = cells
                    .iter()
                    .map(|c| c.map_or(format!("{:>10}", "<5"), |c| format!("{c:>10}")))
                    .collect();
                let _ = writeln!(s, "  {:<30} {cells}", truncate(label, 30));
            }
            for test in [&t.chi_square, &t.fisher, &t.ordinal].into_iter().flatten() {
                let _ = writeln!(
                    s,
                    "  {}: {:.3}{} p={:.3}",
                    test.name,
                    test.statistic,
                    test.df.map(|d| format!(" df={d}")).unwrap_or_default(),
                    test.p
                );
            }
            if let Some(v) = t.cramers_v {
                let _ = writeln!(s, "  Cramér's V: {v:.3}");
            }
            if let Some(w) = &t.warning {
                let _ = writeln!(s, "  warning: {w}");
            }
        }
    }
    s
}

fn comparison_table(c: &peiling_analysis::Comparison) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "\n== {} vs {}", c.left, c.right);
    for q in &c.questions {
        let _ = writeln!(
            s,
            "\n[{}/{}] {} (n={} vs n={})",
            q.questionnaire, q.id, q.text, q.left_base, q.right_base
        );
        for r in &q.rows {
            let _ = writeln!(
                s,
                "  {:<40} {:>4} {} {:>4} {} {:+6.1} pp",
                truncate(&r.label, 40),
                r.left_count,
                pct(r.left_pct),
                r.right_count,
                pct(r.right_pct),
                r.diff_pp
            );
        }
        if let Some(t) = &q.test {
            let _ = writeln!(s, "  {}: {:.3} p={:.3}", t.name, t.statistic, t.p);
        }
    }
    s
}

fn share(k: usize, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        k as f64 * 100.0 / n as f64
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}
