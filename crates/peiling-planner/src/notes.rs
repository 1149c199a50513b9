//! The plan's notes and warnings: how demand is counted, filters, holidays, ranges, hosts,
//! those due, and what to check before relying on the plan.

use crate::catalogue::Catalogue;
use crate::demand::{AudienceWeight, Demand, SurveyDemand};
use crate::due::{DueCount, DueKind, Unplaced};
use crate::hosts::{self, School};
use crate::text::{audience_en, audience_nl, join, number_in, Text};

/// How demand is counted, with the weights it rests on, in both languages.
pub(crate) fn demand_note(catalogue: &Catalogue, weights: &[AudienceWeight]) -> Text {
    let rule = &catalogue.demand;
    let per = |english: bool| {
        if weights.is_empty() {
            return "1".to_string();
        }
        weights
            .iter()
            .map(|w| format!("{} {}", w.audience, number_in(w.weight, english)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Text::new(
        format!(
            "Vraag in mensen: wie om een thema vroeg, telt één keer mee, ook met meer keuzes die bij dat thema horen. Gewicht per persoon: {}. Een basisthema telt volledig voor {}, een verdiepend thema voor {}; voor andere doelgroepen telt de vraag × {}. Bij gelijke vraag gaat de volgorde van de catalogus voor.",
            per(false),
            rule.basis.join(", "),
            rule.verdiepend.join(", "),
            number_in(rule.others, false)
        ),
        format!(
            "Demand in people: whoever asked for a theme counts once, even with several choices that belong to it. Weight per person: {}. A basic theme counts fully for {}, a deepening theme for {}; for other audiences demand counts × {}. Equal demand keeps catalogue order.",
            per(true),
            rule.basis.join(", "),
            rule.verdiepend.join(", "),
            number_in(rule.others, true)
        ),
    )
}

/// What the notes and warnings are drawn from.
pub(crate) struct Remarks<'a> {
    pub catalogue: &'a Catalogue,
    pub survey: &'a SurveyDemand,
    pub weights: &'a [AudienceWeight],
    pub demand: &'a [Demand],
    /// Theme ids the survey links to that the catalogue does not have.
    pub unknown: &'a [String],
    pub history_notes: &'a [Text],
    pub default_holidays: bool,
    pub holidays: bool,
    pub calendar: Vec<Text>,
    pub ranges: Option<Text>,
    pub schools: &'a [School],
    pub optimal: bool,
    pub due: &'a [DueCount],
    pub unplaced: &'a [Unplaced],
}

/// The plan's notes and warnings, in the order a reader meets them.
pub(crate) fn remarks(r: &Remarks) -> (Vec<Text>, Vec<Text>) {
    let catalogue = r.catalogue;
    let mut notes = vec![demand_note(catalogue, r.weights)];
    notes.extend(r.history_notes.iter().cloned());
    let mut warnings = Vec::new();
    if !r.unknown.is_empty() {
        warnings.push(Text::new(
            format!(
                "De enquête koppelt keuzes aan thema's die niet in de catalogus \"{}\" staan; die vraag telt niet mee: {}",
                catalogue.id,
                r.unknown.join(", ")
            ),
            format!(
                "The survey links choices to themes that are not in the catalogue \"{}\"; that demand is not counted: {}",
                catalogue.id,
                r.unknown.join(", ")
            ),
        ));
    }
    if r.demand.iter().all(|d| d.audiences.is_empty()) {
        warnings.push(Text::new(
            "Geen enkele keuze in de enquête is aan een thema van deze catalogus gekoppeld: het plan volgt de volgorde van de catalogus.",
            "No choice in the survey is linked to a theme of this catalogue: the plan follows catalogue order.",
        ));
    }
    if !r.survey.filters.is_empty() {
        notes.push(filter_note(r.survey));
    }
    if r.default_holidays {
        notes.push(Text::new(
            "De schoolvakanties van de regio van de catalogus zijn overgeslagen.",
            "The school holidays of the catalogue's region are skipped.",
        ));
    }
    notes.extend(r.calendar.iter().cloned());
    notes.extend(r.ranges.iter().cloned());
    if !r.holidays {
        notes.push(Text::new(
            "Er was geen vakantierooster: kijk zelf of een datum in een schoolvakantie valt.",
            "There was no holiday calendar: check whether a date falls in a school holiday.",
        ));
    }
    let (host_note, host_warning) = hosts::remarks(r.schools);
    notes.extend(host_note);
    warnings.extend(host_warning);
    if !r.due.is_empty() {
        notes.push(due_note());
    }
    warnings.extend(r.unplaced.iter().map(unplaced_warning));
    if !r.optimal {
        warnings.push(Text::new(
            "Dit is het beste plan dat binnen de rekentijd gevonden is; een beter plan is niet uitgesloten.",
            "This is the best plan found in the time allowed; a better plan is not ruled out.",
        ));
    }
    (notes, warnings)
}

/// Which respondents the demand comes from, in the questions' own words.
fn filter_note(survey: &SurveyDemand) -> Text {
    if survey.filter_words.is_empty() {
        let ids = survey.filters.join(", ");
        return Text::new(
            format!("Alleen respondenten met {ids}."),
            format!("Only respondents with {ids}."),
        );
    }
    let nl: Vec<&str> = survey.filter_words.iter().map(|t| t.nl.as_str()).collect();
    let en: Vec<&str> = survey.filter_words.iter().map(|t| t.en.as_str()).collect();
    Text::new(
        format!("Alleen respondenten die {}.", join(&nl, "en")),
        format!("Only respondents who {}.", join(&en, "and")),
    )
}

/// The rule by which those due join the expected headcount.
fn due_note() -> Text {
    Text::new(
        "Verwacht aantal: wie om het thema vroeg, plus wie volgens de registratie dit schooljaar moet komen. Wie de training nog moet halen, komt naar elke bijeenkomst van de training (zonder thema's van de catalogus: elke basisbijeenkomst); wie de driejaarlijkse update moet halen, komt naar één bijeenkomst voor zijn doelgroep, verdeeld in hele personen. De enquête is anoniem: wie erom vroeg en wie moet komen, kan dezelfde persoon zijn.",
        "Expected headcount: who asked for the theme, plus who the records say must come this school year. Whoever still needs the training comes to every meeting of the training (without themes of the catalogue: every basic meeting); whoever needs the three-yearly update comes to one meeting for their audience, shared out in whole persons. The survey is anonymous: who asked and who must come may be the same person.",
    )
}

fn unplaced_warning(u: &Unplaced) -> Text {
    let (nl, en) = match u.kind {
        DueKind::Training => ("de training", "the training"),
        DueKind::Refresher => ("de driejaarlijkse update", "the three-yearly update"),
    };
    Text::new(
        format!(
            "{} {} moeten in {} {nl} halen, maar dat schooljaar heeft geen bijeenkomst daarvoor.",
            u.people,
            audience_nl(&u.audience, u.people),
            u.school_year
        ),
        format!(
            "{} {} need {en} in {}, but that school year has no meeting for it.",
            u.people,
            audience_en(&u.audience, u.people),
            u.school_year
        ),
    )
}
