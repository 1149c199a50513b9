//! `peiling plan`: the rotation plan of a catalogue's themes from the survey's demand, as
//! a table, JSON, and plan.json + plan.ics; with `--at-school` the school mode ([`school`]).

mod school;

use std::fmt::Write as _;
use std::io::Write;

use anyhow::Result;
use peiling_planner::{
    read_history, Holidays, NaiveDate, PerSchool, PlanOptions, RotationPlan, SurveyDemand,
};
use peiling_report::Lang;

use super::refuse_input;
use crate::args::{LangArg, PlanArgs, SurveyArgs};
use crate::config;
use crate::load;
use crate::messages::plan_error;
use crate::output;
use crate::status::user;

fn weight(s: &str) -> Result<(String, f64)> {
    let parsed = s
        .split_once('=')
        .and_then(|(t, f)| {
            Some((
                t.trim().to_string(),
                f.trim().replace(',', ".").parse::<f64>().ok()?,
            ))
        })
        .filter(|(t, _)| !t.is_empty());
    parsed.ok_or_else(|| {
        user(format!(
            "--weight \"{s}\": expected THEME=FACTOR, e.g. beoordelen=2"
        ))
    })
}

/// The survey's parts that ask `question`, with each of its answer labels as a school:
/// streamed in one pass where the exports allow it
/// ([`peiling_analysis::per_group_streaming`]), from the loaded survey otherwise.
fn per_school(
    survey: &SurveyArgs,
    question: &str,
    filters: &[String],
    min_group: usize,
    pick: usize,
) -> Result<PerSchool> {
    let opts = config::analysis_options(filters, None, min_group)?;
    let import = load::import_options(survey);
    let streamed = match load::input(survey).plan() {
        Ok(plan) => peiling_analysis::per_group_streaming(&plan, &import, question, &opts)?,
        Err(_) => None,
    };
    let groups = match streamed {
        Some(groups) => groups,
        None => peiling_analysis::per_group(&load::survey(survey)?, question, &opts)?,
    };
    let schools = groups
        .into_iter()
        .map(|(label, summary)| (label, SurveyDemand::from(&summary)))
        .collect();
    Ok(PerSchool {
        question: question.to_string(),
        pick,
        min_group,
        schools,
    })
}

pub fn run(args: &PlanArgs) -> Result<()> {
    let out_dir = match &args.out {
        Some(dir) => Some(output::folder(dir, "plan")?),
        None => None,
    };
    let catalogue = config::catalogue(args.catalogue.as_deref())?;
    let opts = config::analysis_options(&args.filters, None, args.min_group)?;
    let summary = crate::stream::summary(&args.survey, &opts)?;
    super::warn_missing_columns(&summary);

    let start = config::start(&args.start)?;
    let holidays = match &args.holidays {
        Some(path) => {
            let text = config::read_text(path)?;
            Some(
                Holidays::from_toml(&path.display().to_string(), &text)
                    .map_err(|e| plan_error(e.into()))?,
            )
        }
        None => None,
    };
    if args.at_school {
        let Some(question) = &args.per_school else {
            return Err(user("--at-school needs --per-school QUESTION".to_string()));
        };
        let per_school = per_school(&args.survey, question, &args.filters, args.min_group, 0)?;
        let input = school::Input {
            catalogue,
            demand: SurveyDemand::from(&summary),
            per_school,
            start,
            holidays,
            out_dir,
        };
        return school::run(args, input);
    }
    let per_school = match &args.per_school {
        Some(q) => Some(per_school(
            &args.survey,
            q,
            &args.filters,
            args.min_group,
            args.pick.unwrap_or(4),
        )?),
        None => None,
    };
    let mut history = Vec::new();
    for path in &args.history {
        let text = config::read_text(path)?;
        history.extend(
            read_history(&path.display().to_string(), &text).map_err(|e| plan_error(e.into()))?,
        );
    }
    let options = PlanOptions {
        history,
        years: args.years,
        per_year_range: args.per_year,
        basis_per_year: args.basis_per_year,
        start,
        holidays,
        bundled_holidays: !args.no_holidays,
        hosts: args.hosts.clone(),
        offered: args.offered.clone(),
        weights: args
            .weights
            .iter()
            .map(|w| weight(w))
            .collect::<Result<_>>()?,
        per_school,
        ..PlanOptions::default()
    };
    let sources = super::PlanSources::new(
        args.records.as_deref(),
        args.requirements.as_deref(),
        args.evaluations.as_deref(),
    );
    // A catalogue is always planned here, asked for or not (`chosen`).
    let plan = super::survey_plan(&catalogue, true, options, &summary, &sources)?
        .ok_or_else(|| anyhow::anyhow!("no plan made of the catalogue asked for"))?;
    let english = args.lang == LangArg::En;

    let lang = if english { Lang::En } else { Lang::Nl };
    let files = peiling_report::plan_files(&plan, lang)?;
    let json = String::from_utf8_lossy(&files[0].bytes).into_owned();
    if let (Some(dir), Some(out_dir)) = (&args.out, &out_dir) {
        for f in &files {
            refuse_input(&dir.join(&f.path), &args.survey)?;
        }
        let files = files.iter().map(|f| (f.path.as_str(), f.bytes.as_slice()));
        output::commit(vec![out_dir.stage(files)?])?;
    }
    let mut text = if args.json {
        json
    } else {
        table(&plan, english)
    };
    if let (Some(dir), false) = (&args.out, args.json) {
        let _ = writeln!(
            text,
            "\n{}: {}, {}, {}",
            if english { "Written" } else { "Geschreven" },
            dir.join("plan.md").display(),
            dir.join("plan.json").display(),
            dir.join("plan.ics").display()
        );
    }
    let text = if args.json {
        text
    } else {
        super::terminal_safe(&text)
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(())
}

fn truncate(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(width - 1).collect();
        t.push('…');
        t
    }
}

fn weekday_short(date: NaiveDate, english: bool) -> &'static str {
    let nl = ["ma", "di", "wo", "do", "vr", "za", "zo"];
    let en = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let i = chrono_weekday(date);
    if english {
        en[i]
    } else {
        nl[i]
    }
}

/// Monday = 0, from the number of days since a known Monday (no chrono in the CLI).
fn chrono_weekday(date: NaiveDate) -> usize {
    let monday = NaiveDate::from_ymd_opt(2001, 1, 1).unwrap_or_default();
    (date - monday).num_days().rem_euclid(7) as usize
}

/// The plan as terminal text: header, meetings with their reasons, demand, selections.
pub fn table(plan: &RotationPlan, en: bool) -> String {
    let t = |nl: &str, english: &str| {
        if en {
            english.to_string()
        } else {
            nl.to_string()
        }
    };
    let mut s = String::new();
    let title = match (&plan.catalogue_title_en, en) {
        (Some(e), true) => e.as_str(),
        _ => plan.catalogue_title.as_str(),
    };
    let _ = writeln!(s, "{}: {title}", t("Rotatieplan", "Rotation plan"));
    let uniform = plan.meetings_per_year.windows(2).all(|w| w[0] == w[1]);
    let per_year = plan.per_year_text();
    let split = if uniform && plan.basis_per_year[0] == plan.basis_per_year[1] {
        let b = plan.basis_per_year[0];
        let v = plan.per_year - b;
        if v == 0 || b == 0 {
            t(
                if v == 0 {
                    "alle basis"
                } else {
                    "alle verdiepend"
                },
                if v == 0 { "all basis" } else { "all deepening" },
            )
        } else {
            t(
                &format!("{b} basis en {v} verdiepend"),
                &format!("{b} basis and {v} deepening"),
            )
        }
    } else {
        t(
            &format!(
                "{} tot {} basis",
                plan.basis_per_year[0], plan.basis_per_year[1]
            ),
            &format!(
                "{} to {} basis",
                plan.basis_per_year[0], plan.basis_per_year[1]
            ),
        )
    };
    let _ = writeln!(
        s,
        "{} {} ({}); {} {}: {split}; {}",
        plan.years,
        t("jaar", if plan.years == 1 { "year" } else { "years" }),
        plan.school_years.join(", "),
        per_year,
        t("bijeenkomsten per jaar", "meetings a year"),
        plan.weekday.get(en),
    );
    let _ = writeln!(
        s,
        "{}: {}",
        t("Vraag uit", "Demand from"),
        plan.survey_title
    );
    let _ = writeln!(
        s,
        "{}: {:.1}; {} ({} {})",
        t("Doelwaarde", "Objective"),
        plan.objective,
        if plan.optimal {
            t("optimaal, bewezen", "optimal, proven")
        } else {
            t("niet bewezen optimaal", "not proven optimal")
        },
        plan.search_nodes,
        t("zoekstappen", "search steps"),
    );
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "{:>3} {:>4}  {:<14} {:<11}  {:<32} {:<10} {:>6}  {}",
        t("nr", "no"),
        t("jaar", "year"),
        t("datum", "date"),
        t("tijd", "time"),
        t("thema", "theme"),
        t("niveau", "level"),
        t("vraag", "demand"),
        t("locatie", "location"),
    );
    for m in &plan.meetings {
        let title = match (&m.title_en, en) {
            (Some(e), true) => e.as_str(),
            _ => m.title.as_str(),
        };
        let _ = writeln!(
            s,
            "{:>3} {:>4}  {:<14} {:<11}  {:<32} {:<10} {:>6.1}  {}",
            m.number,
            m.year,
            format!("{} {}", weekday_short(m.date, en), m.date),
            format!("{}-{}", m.start, m.end),
            truncate(title, 32),
            m.level.text().get(en),
            m.demand,
            m.host.as_deref().unwrap_or("-"),
        );
        let _ = writeln!(
            s,
            "{:10}{}: {}",
            "",
            if m.due.is_empty() {
                t("Verwacht (wie erom vroeg)", "Expected (who asked for it)")
            } else {
                t(
                    "Verwacht (wie erom vroeg, en wie moet komen)",
                    "Expected (who asked for it, and who must come)",
                )
            },
            m.expected_text().get(en)
        );
        let _ = writeln!(s, "{:10}{}", "", m.reason.get(en));
        if let Some(p) = &m.prerequisite {
            let _ = writeln!(
                s,
                "{:10}{}: {}",
                "",
                t("Deelname", "Who may take part"),
                p.get(en)
            );
        }
    }

    let _ = writeln!(
        s,
        "\n{}",
        t(
            "Vraag per thema (mensen die erom vroegen, gewogen; per doelgroep: gevraagd/respondenten × gewicht per persoon × niveaufactor)",
            "Demand per theme (people who asked for it, weighed; per audience: asked/respondents × weight per person × level factor)"
        )
    );
    for d in &plan.demand {
        let years: Vec<String> = plan
            .meetings
            .iter()
            .filter(|m| m.theme == d.theme)
            .map(|m| m.year.to_string())
            .collect();
        let parts: Vec<String> = d
            .audiences
            .iter()
            .map(|a| {
                format!(
                    "{} {}/{} ×{} ×{}",
                    a.audience, a.respondents, a.of, a.per_person, a.factor
                )
            })
            .collect();
        let _ = writeln!(
            s,
            "  {:<28} {:<10} {:>6.1}  {} {:<5} {}",
            d.theme,
            d.level.text().get(en),
            d.score,
            t("jaar", "year"),
            years.join("+"),
            parts.join(", ")
        );
    }

    if !plan.selections.is_empty() {
        let _ = writeln!(
            s,
            "\n{} \"{}\", {} {}",
            t("Keuze per school: vraag", "Choice per school: question"),
            plan.per_school.as_deref().unwrap_or("-"),
            plan.pick.unwrap_or(0),
            t("per school per jaar", "per school per year")
        );
        for sel in &plan.selections {
            let picks: Vec<String> = sel
                .picks
                .iter()
                .map(|p| {
                    let title = match (&p.title_en, en) {
                        (Some(e), true) => e.as_str(),
                        _ => p.title.as_str(),
                    };
                    match p.respondents {
                        Some(r) => format!("{title} ({r})"),
                        None => title.to_string(),
                    }
                })
                .collect();
            let n = match sel.respondents {
                Some(r) => format!("{r} {}", t("respondenten", "respondents")),
                None => sel
                    .note
                    .as_ref()
                    .map_or(String::new(), |n| n.get(en).to_string()),
            };
            let _ = writeln!(
                s,
                "  {} {} · {} ({n}): {}",
                t("jaar", "year"),
                sel.year,
                sel.school,
                picks.join("; ")
            );
        }
    }
    if !plan.assumptions.is_empty() {
        let _ = writeln!(
            s,
            "\n{}",
            t("Waarop dit plan rust:", "What this plan rests on:")
        );
        for a in &plan.assumptions {
            let _ = writeln!(s, "  - {}", a.get(en));
        }
    }
    for n in &plan.notes {
        let _ = writeln!(s, "\n{}", n.get(en));
    }
    if plan.holidays.is_none() {
        let _ = writeln!(
            s,
            "{}",
            t(
                "Schoolvakanties meegeven: --holidays BESTAND.",
                "To skip school holidays: --holidays FILE."
            )
        );
    }
    for w in &plan.warnings {
        let _ = writeln!(s, "\n{}: {}", t("Let op", "Warning"), w.get(en));
    }
    s
}
