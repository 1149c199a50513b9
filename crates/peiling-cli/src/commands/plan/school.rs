//! `peiling plan --per-school QUESTION --at-school`: the school mode (seed 002) as a
//! calendar per school and per trainer in the terminal, JSON, and plan.json with calendar
//! files (all workshops, one per school, one per trainer).

use std::fmt::Write as _;
use std::io::Write;

use anyhow::Result;
use peiling_planner::{
    plan_schools, CalendarOf, Catalogue, Holidays, NaiveDate, PerSchool, SchoolModeOptions,
    SchoolPlan, SurveyDemand,
};

use super::super::refuse_input;
use crate::args::{LangArg, PlanArgs};
use crate::messages::plan_error;
use crate::output::{self, FolderOut};

/// What `plan::run` has read before it hands over.
pub struct Input {
    pub catalogue: Catalogue,
    pub demand: SurveyDemand,
    pub per_school: PerSchool,
    pub start: Option<NaiveDate>,
    pub holidays: Option<Holidays>,
    pub out_dir: Option<FolderOut>,
}

pub fn run(args: &PlanArgs, input: Input) -> Result<()> {
    let options = SchoolModeOptions {
        question: input.per_school.question.clone(),
        schools: input.per_school.schools,
        pick: args.pick,
        min_group: args.min_group,
        start: input.start,
        holidays: input.holidays,
        bundled_holidays: !args.no_holidays,
    };
    let plan = plan_schools(&input.catalogue, &input.demand, &options).map_err(plan_error)?;
    let english = args.lang == LangArg::En;
    let mut json = serde_json::to_string_pretty(&plan)?;
    json.push('\n');
    let mut written = Vec::new();
    if let (Some(dir), Some(out_dir)) = (&args.out, &input.out_dir) {
        // Files by number, not by name: plan.ics, school-1.ics .., trainer-1.ics ..
        let mut files: Vec<(String, Vec<u8>)> = vec![
            ("plan.json".into(), json.clone().into_bytes()),
            (
                "plan.ics".into(),
                plan.to_ics(CalendarOf::All, english).into_bytes(),
            ),
        ];
        for (i, s) in plan.schools.iter().enumerate() {
            files.push((
                format!("school-{}.ics", i + 1),
                plan.to_ics(CalendarOf::School(&s.school), english)
                    .into_bytes(),
            ));
        }
        for (i, t) in plan.trainers.iter().enumerate() {
            files.push((
                format!("trainer-{}.ics", i + 1),
                plan.to_ics(CalendarOf::Trainer(&t.name), english)
                    .into_bytes(),
            ));
        }
        for (name, _) in &files {
            refuse_input(&dir.join(name), &args.survey)?;
        }
        output::commit(vec![
            out_dir.stage(files.iter().map(|(n, b)| (n.as_str(), b.as_slice())))?
        ])?;
        written = files.into_iter().map(|(n, _)| dir.join(n)).collect();
    }
    let mut text = if args.json {
        json
    } else {
        super::super::terminal_safe(&table(&plan, english))
    };
    if !written.is_empty() && !args.json {
        let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
        let _ = writeln!(
            text,
            "\n{}: {}",
            if english { "Written" } else { "Geschreven" },
            names.join(", ")
        );
    }
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(())
}

/// Per school, then per trainer: date, time, workshop, where, group and participants.
pub fn table(plan: &SchoolPlan, en: bool) -> String {
    let t = |nl: &'static str, english: &'static str| if en { english } else { nl };
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}: {} ({} {}, {}; {} {}-{} {}, {} {} h)",
        t("Workshops op de scholen", "Workshops at the schools"),
        plan.catalogue_title,
        plan.pick,
        t(
            "workshops per school per jaar",
            "workshops per school a year"
        ),
        plan.school_years.join(", "),
        t("groepen van", "groups of"),
        plan.participants[0],
        plan.participants[1],
        t("deelnemers", "participants"),
        t("elk minstens", "each at least"),
        plan.min_hours
    );
    let line = |s: &mut String, w: &peiling_planner::Workshop, who: &str| {
        let title = match (&w.title_en, en) {
            (Some(e), true) => e.as_str(),
            _ => w.title.as_str(),
        };
        let group = if w.groups > 1 {
            format!(" ({} {}/{})", t("groep", "group"), w.group, w.groups)
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "  {} {}-{}  {title}{group}  {who}  {} {}",
            w.date,
            w.start,
            w.end,
            w.participants,
            t("deelnemers", "participants")
        );
    };
    for school in &plan.schools {
        let _ = writeln!(s, "\n{}", school.school);
        for w in plan.for_school(&school.school) {
            let mut who = if w.school == school.school {
                t("op school", "at the school").to_string()
            } else {
                format!("{} {}", t("bij", "at"), w.school)
            };
            if let Some(tr) = &w.trainer {
                who += &format!(", {tr}");
            }
            line(&mut s, w, &who);
        }
        for c in plan
            .central
            .iter()
            .filter(|c| c.schools.contains(&school.school))
        {
            let title = match (&c.title_en, en) {
                (Some(e), true) => e.as_str(),
                _ => c.title.as_str(),
            };
            let _ = writeln!(
                s,
                "  {}: {title} ({})",
                t("naar het centrale aanbod", "to the central offer"),
                t("te weinig deelnemers", "too few participants")
            );
        }
    }
    for tr in &plan.trainers {
        let used: usize = tr.used.iter().sum();
        let _ = writeln!(
            s,
            "\n{} ({used} {} {} {})",
            tr.name,
            t("van", "of"),
            tr.days,
            t("dagen per jaar", "days a year")
        );
        for w in plan.for_trainer(&tr.name) {
            line(&mut s, w, &w.school);
        }
    }
    for n in &plan.notes {
        let _ = writeln!(s, "\n{}", n.get(en));
    }
    s
}
