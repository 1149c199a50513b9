//! The partnership's yearly reflection beside the need figures: how present the eight
//! conditions for effective professionalisation (Darling-Hammond et al., 2017;
//! reflectiekaart 2) are in the partnership, from a computed [`MeetingFigures`] (never
//! rows). A section of the full report after the audiences' overviews, and one sentence
//! in the summary; percentages only over at least the minimum group.

use peiling_analysis::evaluation::{MeetingFigures, ScaleCounts};
use peiling_analysis::{About, Origin};

use crate::compose::{origin_kind, origin_line, ANCHOR_OFFER, ANCHOR_SUMMARY};
use crate::evaluation::{conditions_chart, item_label};
use crate::i18n::Lang;
use crate::model::{text, Block, Document, Inline, Row, RowKind, Section, Table};
use crate::privacy::may_quote;

/// The anchor of the section.
pub const ANCHOR_REFLECTION: &str = "voorwaarden-reflectie";

fn share(c: &ScaleCounts) -> f64 {
    c.top2_share().unwrap_or(0.0) * 100.0
}

/// The two most positive levels in a sentence: "in hoge mate of enigszins".
fn top_levels(c: &ScaleCounts, lang: Lang) -> String {
    let label = |i: usize| {
        let nl = c.levels.get(i).map_or("", String::as_str);
        let s = match (c.levels_en.get(i).and_then(Option::as_ref), lang) {
            (Some(en), Lang::En) => en.as_str(),
            _ => nl,
        };
        s.to_lowercase()
    };
    format!("{} {} {}", label(0), lang.pick("of", "or"), label(1))
}

/// The condition the partnership sees least: the lowest share in the two most positive
/// levels among the conditions rated by at least the minimum group.
fn least(r: &MeetingFigures, min: usize) -> Option<&ScaleCounts> {
    r.conditions
        .iter()
        .filter(|c| c.rated() > 0 && may_quote(c.rated(), min))
        .min_by(|a, b| share(a).total_cmp(&share(b)))
}

/// "coaching en support van experts het minst aanwezig (25 % in hoge mate of
/// enigszins, n = 36)".
fn least_text(c: &ScaleCounts, lang: Lang) -> String {
    let name = lowercase_first(&item_label(c, lang));
    let figure = format!(
        "{} {}, n = {}",
        lang.pct(share(c)),
        top_levels(c, lang),
        c.rated()
    );
    match lang {
        Lang::Nl => format!("{name} het minst aanwezig ({figure})"),
        Lang::En => format!("{name} as least present ({figure})"),
    }
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(f) => f.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(f) => f.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Puts the reflection in `doc`: its section (the full report places it after the
/// audiences' overviews, beside the need figures; the bijlage leaves it out) and one
/// sentence under the summary's "what it means for next year".
pub fn fill(doc: &mut Document, r: &MeetingFigures, about: &About, lang: Lang, min_group: usize) {
    doc.sections.push(section(r, about, lang, min_group));
    let offer = doc
        .sections
        .iter_mut()
        .find(|s| s.anchor == ANCHOR_SUMMARY)
        .and_then(|s| s.children.iter_mut().find(|c| c.anchor == ANCHOR_OFFER));
    let Some(offer) = offer else {
        return;
    };
    let n = r.respondents;
    let lead = match (
        may_quote(n, min_group)
            .then(|| least(r, min_group))
            .flatten(),
        lang,
    ) {
        (Some(c), Lang::Nl) => format!(
            "De jaarlijkse reflectie van het partnerschap ({n} reacties) ziet {}; zie ",
            least_text(c, lang)
        ),
        (Some(c), Lang::En) => format!(
            "The partnership's yearly reflection ({n} responses) sees {}; see ",
            least_text(c, lang)
        ),
        (None, Lang::Nl) => {
            format!("De jaarlijkse reflectie van het partnerschap ({n} reacties): zie ")
        }
        (None, Lang::En) => format!("The partnership's yearly reflection ({n} responses): see "),
    };
    // Made-up or rebuilt answers say so wherever their figures are quoted.
    let end = match made_up(about) {
        true => format!(" ({}).", origin_kind(about.origin, lang).to_lowercase()),
        false => ".".into(),
    };
    let sentence = vec![
        text(lead),
        Inline::Link {
            text: title(lang).into(),
            anchor: ANCHOR_REFLECTION.into(),
        },
        text(end),
    ];
    match offer.blocks.iter_mut().find_map(|b| match b {
        Block::List(items) => Some(items),
        _ => None,
    }) {
        Some(items) => items.push(sentence),
        None => offer.blocks.push(Block::List(vec![sentence])),
    }
}

fn title(lang: Lang) -> &'static str {
    lang.pick(
        "Voorwaarden voor effectieve professionalisering",
        "Conditions for effective professionalisation",
    )
}

/// Whether the answers are no real person's: rebuilt from totals, or made up.
fn made_up(about: &About) -> bool {
    matches!(
        about.origin,
        Some(Origin::Reconstructed | Origin::Synthetic)
    )
}

/// The section on its own; `about` is what the reflection's questionnaire declares about
/// its answers, said in one sentence when they are rebuilt or made up.
pub fn section(r: &MeetingFigures, about: &About, lang: Lang, min: usize) -> Section {
    let mut sec = Section::new(ANCHOR_REFLECTION, title(lang));
    sec.page_break = true;
    let n = r.respondents;
    if !may_quote(n, min) {
        sec.headline = Some(match lang {
            Lang::Nl => format!(
                "De jaarlijkse reflectie van het partnerschap: {n} reacties, minder dan {min}: geen percentages."
            ),
            Lang::En => format!(
                "The partnership's yearly reflection: {n} responses, fewer than {min}: no percentages."
            ),
        });
        return sec;
    }
    sec.headline = Some(match (least(r, min), lang) {
        (Some(c), Lang::Nl) => format!(
            "De jaarlijkse reflectie van het partnerschap ({n} reacties) ziet {}.",
            least_text(c, lang)
        ),
        (Some(c), Lang::En) => format!(
            "The partnership's yearly reflection ({n} responses) sees {}.",
            least_text(c, lang)
        ),
        (None, Lang::Nl) => format!("De jaarlijkse reflectie van het partnerschap: {n} reacties."),
        (None, Lang::En) => format!("The partnership's yearly reflection: {n} responses."),
    });
    sec.blocks.push(Block::Paragraph(vec![text(lang.pick(
        "In welke mate zijn de voorwaarden voor effectieve professionalisering (Darling-Hammond e.a., 2017; reflectiekaart 2) aanwezig binnen de opleidingsschool? Naast de gevraagde thema's en vormen laat dit zien waar het aanbod zelf kan verbeteren.",
        "To what extent are the conditions for effective professionalisation (Darling-Hammond et al., 2017; reflection card 2) present in the partnership? Beside the themes and forms asked for, this shows where the offer itself can improve.",
    ))]));
    if made_up(about) {
        sec.blocks
            .push(Block::Paragraph(vec![text(origin_line(about, lang))]));
    }
    let Some(first) = r.conditions.first() else {
        return sec;
    };
    sec.blocks.push(Block::Table(Table {
        header: vec![
            lang.pick("Voorwaarde", "Condition").into(),
            upper_first(&top_levels(first, lang)),
            "n".into(),
            lang.pick("Weet ik niet / n.v.t.", "Don't know / n/a")
                .into(),
            lang.pick("Geen antwoord", "No answer").into(),
        ],
        rows: r
            .conditions
            .iter()
            .map(|c| {
                let pct = if c.rated() > 0 && may_quote(c.rated(), min) {
                    lang.pct(share(c))
                } else {
                    "—".into()
                };
                Row::new(
                    RowKind::Normal,
                    vec![
                        item_label(c, lang),
                        pct,
                        c.rated().to_string(),
                        c.not_applicable.to_string(),
                        c.no_answer.to_string(),
                    ],
                )
            })
            .collect(),
        numeric_from: 1,
    }));
    // The bars only for conditions rated by at least the minimum group (the chart's rule).
    if let Some(chart) = conditions_chart(
        r,
        "reflectie-voorwaarden".into(),
        title(lang).into(),
        lang,
        min,
    ) {
        sec.blocks.push(chart);
    }
    sec.blocks.push(Block::Note(match lang {
        Lang::Nl => format!(
            "Percentage van wie een niveau koos; \u{201c}weet ik niet\u{201d} en geen antwoord tellen apart. Een voorwaarde met minder dan {min} antwoorden krijgt geen percentage."
        ),
        Lang::En => format!(
            "Percentage of those who chose a level; \u{201c}don't know\u{201d} and no answer count apart. A condition with fewer than {min} answers gets no percentage."
        ),
    }));
    sec
}
