//! `peiling report`: the bijlage-style report (Markdown, HTML, charts) of a survey, and
//! with `--contacts` the separate list of who offered to help give professionalisation;
//! with `--records` who came to the meetings held.

use std::io::Write;
use std::path::Path;

use anyhow::Result;
use peiling_analysis::{analyze, compare};
use peiling_planner::RotationPlan;
use peiling_records::{Records, Turnout};
use peiling_report::{Lang, ReportOptions};
use peiling_survey::{Answer, Kind, PersonalKind, Survey};

use super::{csv_safe, refuse_input};
use crate::args::{LangArg, ReportArgs};
use crate::load;
use crate::output::{self, Privacy};

pub fn run(args: &ReportArgs) -> Result<()> {
    // Every output is checked before anything is computed or written.
    let out_dir = output::folder(&args.out, "report")?;
    let contacts = match &args.contacts {
        Some(path) => {
            refuse_input(path, &args.survey)?;
            if out_dir.contains(path) {
                return Err(crate::status::user(format!(
                    "{}: --contacts holds personal data, which never goes into the report folder {}; choose a file outside it",
                    path.display(),
                    args.out.display()
                )));
            }
            Some(output::file(path, Privacy::Personal)?)
        }
        None => None,
    };
    let survey = load::survey(&args.survey)?;
    let opts = super::analyze::options(&args.filters, args.by.clone(), args.min_group)?;
    let summary = analyze(&survey, &opts)?;
    super::warn_missing_columns(&summary);
    let comparison = match &args.compare {
        Some(path) => {
            let other = Survey::load(path, &load::import_options(&args.survey))?;
            Some(compare(&summary, &analyze(&other, &opts)?))
        }
        None => None,
    };
    let lang = match args.lang {
        LangArg::Nl => Lang::Nl,
        LangArg::En => Lang::En,
    };
    let plan = if args.no_plan {
        None
    } else {
        super::plan::for_report(args.catalogue.as_deref(), &args.start, &summary)?
    };
    let report_opts = ReportOptions {
        lang,
        png: args.png,
        min_group: args.min_group,
        // The catalogue's names for the themes the summary counts.
        theme_titles: plan
            .iter()
            .flat_map(|p| &p.meetings)
            .map(|m| {
                let title = match (&m.title_en, lang) {
                    (Some(en), Lang::En) => en,
                    _ => &m.title,
                };
                (m.theme.clone(), title.clone())
            })
            .collect(),
    };
    let mut doc = peiling_report::document(&summary, comparison.as_ref(), &report_opts);
    if let Some(plan) = &plan {
        peiling_report::plan::fill(&mut doc, plan, lang);
    }
    if let Some(db) = &args.records {
        let turnout = turnout(db, plan.as_ref())?;
        peiling_report::turnout::fill(&mut doc, &turnout, plan.as_ref(), lang, args.min_group);
    }
    let mut files = peiling_report::render_document(&mut doc, &report_opts)?;
    if let Some(plan) = &plan {
        let mut json = serde_json::to_string_pretty(plan)?;
        json.push('\n');
        files.push(peiling_report::OutputFile {
            path: "plan.json".into(),
            bytes: json.into_bytes(),
        });
        files.push(peiling_report::OutputFile {
            path: "plan.ics".into(),
            bytes: plan.to_ics(lang.is_en()).into_bytes(),
        });
    }

    for f in &files {
        refuse_input(&args.out.join(&f.path), &args.survey)?;
    }
    // The contacts and the report are made ready first and put in place together, so a
    // failure leaves neither half-written.
    let mut staged = Vec::new();
    let mut contact_rows = None;
    if let Some(contacts) = &contacts {
        let (bytes, rows) = contacts_csv(&survey, lang)?;
        staged.push(contacts.stage(&bytes)?);
        contact_rows = Some(rows);
    }
    staged.push(out_dir.stage(files.iter().map(|f| (f.path.as_str(), f.bytes.as_slice())))?);
    output::commit(staged)?;
    let charts = files
        .iter()
        .filter(|f| f.path.starts_with("charts/"))
        .count();
    // Not println!: a full disk or a closed pipe on standard output is an error, no panic.
    let mut stdout = std::io::stdout().lock();
    writeln!(
        stdout,
        "{}: report.md, report.html, {charts} chart files{}",
        args.out.display(),
        if plan.is_some() {
            " and the rotation plan (plan.json, plan.ics)"
        } else {
            ""
        }
    )?;
    if plan.is_none() && !args.no_plan {
        writeln!(
            stdout,
            "No rotation plan: no answer option of the questionnaire names a theme of the catalogue; add themes = [{{ theme = \"...\" }}] to the options that ask for one (docs/questionnaire-format.md), or give --catalogue with your own themes"
        )?;
    }
    if let (Some(contacts), Some(rows)) = (&contacts, contact_rows) {
        writeln!(
            stdout,
            "{}: {rows} respondents who may be approached (personal data: keep it out of the report)",
            contacts.path().display()
        )?;
    }
    Ok(())
}

/// Who came to the meetings of the plan's school years (every year in the store when
/// there is no plan): counts from the records database.
pub(super) fn turnout(db: &Path, plan: Option<&RotationPlan>) -> Result<Turnout> {
    if !db.is_file() {
        return Err(crate::status::user(format!(
            "{}: no records database here; `peiling records import` starts one",
            db.display()
        )));
    }
    let records =
        Records::open(db).map_err(|e| anyhow::Error::from(e).context(db.display().to_string()))?;
    let years = plan.map(|p| p.school_years.clone()).unwrap_or_default();
    Ok(records.turnout(&years)?)
}

/// A cell of the contacts list: control characters out, safe for spreadsheets (a
/// leading = + - @ cannot start a formula), bidi overrides isolated.
fn contact_cell(text: &str) -> String {
    use peiling_core::privacy::{isolate_bidi, strip_controls};
    isolate_bidi(&csv_safe(&strip_controls(text))).into_owned()
}

/// The inventory of who may be approached to give or develop professionalisation: per
/// part, respondents who answered yes to the yes/no question of the "contactgegevens"
/// group, with their name, e-mail, phone and chosen themes. A part without such a
/// question asks for the address itself ("leave your e-mail address if we may approach
/// you"): there an e-mail address or phone number given is the consent. Every cell is
/// a [`contact_cell`].
fn contacts_csv(survey: &Survey, lang: Lang) -> Result<(Vec<u8>, usize)> {
    let header: [&str; 7] = match lang {
        Lang::Nl => [
            "deel", "rij", "naam", "e-mail", "telefoon", "thema's", "anders",
        ],
        Lang::En => ["part", "row", "name", "e-mail", "phone", "themes", "other"],
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header)?;
    let mut rows = 0;
    for part in &survey.parts {
        let q = part.questionnaire();
        let consent = q
            .questions
            .iter()
            .position(|x| x.group == "contactgegevens" && matches!(x.kind, Kind::YesNo { .. }));
        let personal = |kind: PersonalKind| {
            q.questions
                .iter()
                .position(|x| matches!(x.kind, Kind::Personal { personal } if personal == kind))
        };
        let (name, email, phone) = (
            personal(PersonalKind::Name),
            personal(PersonalKind::Email),
            personal(PersonalKind::Phone),
        );
        let themes: Vec<usize> = q
            .questions
            .iter()
            .enumerate()
            .filter(|(_, x)| x.group == "thema" && matches!(x.kind, Kind::Multi { .. }))
            .map(|(i, _)| i)
            .collect();
        for r in &part.data.responses {
            let text = |i: Option<usize>| match i.and_then(|i| r.answers.get(i)) {
                Some(Answer::Text(t)) => t.trim().to_string(),
                _ => String::new(),
            };
            let agreed = match consent {
                Some(consent) => r.answers.get(consent) == Some(&Answer::Choice(0)),
                None => !text(email).is_empty() || !text(phone).is_empty(),
            };
            if !agreed {
                continue;
            }
            // The export's own columns (Microsoft Forms' Naam/E-mail) when the
            // questionnaire has no question for it; "anonymous" ("anoniem") is no address.
            let meta = |v: &Option<String>| {
                v.as_deref()
                    .map(str::trim)
                    .filter(|s| {
                        !s.is_empty()
                            && !s.eq_ignore_ascii_case("anonymous")
                            && !s.eq_ignore_ascii_case("anoniem")
                    })
                    .unwrap_or_default()
                    .to_string()
            };
            let name = Some(text(name))
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| meta(&r.meta.name));
            let email = Some(text(email))
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| meta(&r.meta.email));
            let mut chosen = Vec::new();
            let mut other = Vec::new();
            for &i in &themes {
                if let (
                    Some(Answer::Multi {
                        chosen: c,
                        other: o,
                    }),
                    Kind::Multi {
                        options,
                        other: other_idx,
                    },
                ) = (r.answers.get(i), &q.questions[i].kind)
                {
                    for &k in c {
                        if Some(k) != *other_idx {
                            if let Some(opt) = options.get(k) {
                                chosen.push(opt.label(lang.is_en()).to_string());
                            }
                        }
                    }
                    if let Some(o) = o {
                        other.push(o.trim().to_string());
                    }
                }
            }
            w.write_record([
                contact_cell(&q.id),
                r.row.to_string(),
                contact_cell(&name),
                contact_cell(&email),
                contact_cell(&text(phone)),
                contact_cell(&chosen.join("; ")),
                contact_cell(&other.join("; ")),
            ])?;
            rows += 1;
        }
    }
    Ok((w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?, rows))
}
