//! The headline sentences: one conclusion per section and question, by the fixed rules
//! written down in docs/report-headlines.md (keep the two in step).

use peiling_analysis::{CategoryRow, Detail, PartSummary, QuestionSummary};

use crate::i18n::{audience_plural, capitalise, decapitalise, Lang, Names};

/// Response rate from which the response counts as good, and as fair (rule R).
pub const GOOD_RESPONSE: f64 = 70.0;
pub const FAIR_RESPONSE: f64 = 50.0;
/// Share of everyone asked from which one answer is "bijna iedereen" (rule C1): 8 of 10
/// is not nearly everyone.
pub const NEARLY_ALL: f64 = 90.0;
/// A category counts towards "gevarieerd" from this share on (rule C3).
pub const VARIED_SHARE: f64 = 15.0;
/// Coefficient of variation from which numbers "lopen uiteen" (rule N).
pub const WIDE_CV: f64 = 0.4;
/// A scale side "overwegend" from this share on (rule S).
pub const MOSTLY: f64 = 75.0;
/// Items of a scale group differing less than this (points) are "vergelijkbaar" (rule G).
pub const SIMILAR_PP: f64 = 10.0;
/// Not-applicable answers are named in the headline from this share of the base on.
pub const NOTABLE_NA: f64 = 25.0;

fn pct(k: usize, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        k as f64 * 100.0 / n as f64
    }
}

/// Rule R: the response of a survey part.
pub fn response(lang: Lang, part: &PartSummary) -> String {
    let n = part.respondents;
    let who = audience_plural(lang, &part.audience);
    if n == 0 {
        return lang
            .pick(
                "Niemand heeft de enquête ingevuld",
                "Nobody completed the survey",
            )
            .to_string();
    }
    match part.population {
        Some(pop) if pop > 0 => {
            let rate = pct(n, pop as usize);
            let judgement = if rate >= GOOD_RESPONSE {
                lang.pick("Respons was goed", "Response was good")
            } else if rate >= FAIR_RESPONSE {
                lang.pick("Respons was redelijk", "Response was fair")
            } else {
                lang.pick("Respons was laag", "Response was low")
            };
            match lang {
                Lang::Nl => format!(
                    "{judgement}: ingevuld door {n} van de {pop} {who} ({})",
                    lang.pct(rate)
                ),
                Lang::En => format!(
                    "{judgement}: completed by {n} of the {pop} {who} ({})",
                    lang.pct(rate)
                ),
            }
        }
        _ => match lang {
            Lang::Nl => format!(
                "Ingevuld door {n} {who}; hoeveel er zijn uitgenodigd is niet bekend, dus de respons is niet te beoordelen"
            ),
            Lang::En => format!(
                "Completed by {n} {who}; how many were invited is not known, so the response rate cannot be judged"
            ),
        },
    }
}

/// "9 van de 10" / "9 of the 10": a count of the table's base, named.
fn of_the(lang: Lang, k: usize, n: usize) -> String {
    match lang {
        Lang::Nl => format!("{k} van de {n}"),
        Lang::En => format!("{k} of the {n}"),
    }
}

/// The headline of one question, by its kind; `subject` names the group for the
/// "gevarieerd" and "loopt uiteen" sentences.
pub fn question(lang: Lang, names: &Names, q: &QuestionSummary, subject: Option<&str>) -> String {
    // Rule J first: "Nee" or "Ja, met …" is told as yes and no.
    if let Detail::Choice { rows } | Detail::Multi { rows, .. } = &q.detail {
        if q.kind != "yesno" {
            if let Some(s) = qualified::sentence(lang, names, rows, q.answered, q.base, subject) {
                return s;
            }
        }
    }
    match &q.detail {
        Detail::Choice { rows } => choice(lang, names, rows, q.base, subject, q.kind == "yesno"),
        Detail::Multi { rows, .. } => multi(lang, names, rows, q.base),
        Detail::Scale {
            rows,
            not_applicable,
            neutral,
            ..
        } => scale(lang, rows, not_applicable, *neutral, q.base),
        Detail::Number {
            unit,
            unit_en,
            values,
            unknown,
            mean,
            sd,
            histogram,
            ..
        } => {
            // The small-cell rule: the lowest and highest answer by their bands only.
            let spread = crate::compose::small::spread(histogram, lang.is_en());
            if let Some(sp) = spread.filter(|_| *values > 0) {
                number(
                    lang,
                    NumberFacts {
                        unit: match (lang, unit_en) {
                            (Lang::En, Some(en)) => Some(en.as_str()),
                            _ => unit.as_deref(),
                        },
                        values: *values,
                        unknown: *unknown,
                        mean: mean.unwrap_or(0.0),
                        sd: sd.unwrap_or(0.0),
                        low: &sp.low,
                        high: &sp.high,
                    },
                    subject,
                )
            } else {
                choice(lang, names, histogram, q.base, subject, false)
            }
        }
        Detail::Text { .. } | Detail::Personal { .. } => text(lang, q.answered, q.base),
    }
}

/// Rule T: free text and personal data only say how many filled something in.
pub fn text(lang: Lang, answered: usize, base: usize) -> String {
    match lang {
        Lang::Nl => format!("{} vulden iets in", lang.of(answered, base)),
        Lang::En => format!("{} filled something in", lang.of(answered, base)),
    }
}

/// Rules C1-C4 (single choice, yes/no, bands): shares of the table's base (everyone the
/// question was put to, geen antwoord included), which the headline names: "9 van de 10".
pub fn choice(
    lang: Lang,
    names: &Names,
    rows: &[CategoryRow],
    base: usize,
    subject: Option<&str>,
    yesno: bool,
) -> String {
    let answered: usize = rows.iter().map(|r| r.count).sum();
    // The base is never below the answers counted in it.
    let base = base.max(answered);
    if answered == 0 {
        return lang
            .pick(
                "Geen antwoorden op deze vraag",
                "No answers to this question",
            )
            .to_string();
    }
    let top = rows.iter().map(|r| r.count).max().unwrap_or(0);
    let leaders: Vec<&CategoryRow> = rows.iter().filter(|r| r.count == top).collect();
    let share = pct(top, base);
    let names: Vec<String> = leaders
        .iter()
        .map(|r| {
            let l = r.label(lang.is_en());
            if yesno {
                l.to_lowercase()
            } else {
                names.in_sentence(l)
            }
        })
        .collect();
    let count = if leaders.len() > 1 {
        match lang {
            Lang::Nl => format!("elk {}", of_the(lang, top, base)),
            Lang::En => format!("{} each", of_the(lang, top, base)),
        }
    } else {
        of_the(lang, top, base)
    };
    let name = lang.join_and(&names);
    // "Zelf ook werkplekbegeleider: ..." names what was asked; without a subject the
    // section's title above says it.
    let lead = |judgement: &str, rest: String| match subject {
        Some(s) => format!("{s}: {judgement} {rest}"),
        None => format!("{}: {rest}", capitalise(judgement)),
    };
    if yesno && leaders.len() == 1 {
        // The count says how many; "bijna iedereen" would judge 8 of 10 (finding 8).
        let says = match (lang, top) {
            (Lang::Nl, 1) => "zegt",
            (Lang::Nl, _) => "zeggen",
            (Lang::En, 1) => "says",
            (Lang::En, _) => "say",
        };
        let said = format!("{} {says} {name}", of_the(lang, top, base));
        return match subject {
            Some(s) => format!("{s}: {said}"),
            None => said,
        };
    }
    if leaders.len() == 1 && share >= NEARLY_ALL {
        return lead(
            lang.pick("bijna iedereen", "nearly everyone"),
            format!("{name} ({count})"),
        );
    }
    if leaders.len() == 1 && share > 50.0 {
        return lead(
            lang.pick("merendeel", "mostly"),
            format!("{name} ({count})"),
        );
    }
    let spread = rows
        .iter()
        .filter(|r| pct(r.count, base) >= VARIED_SHARE)
        .count();
    if spread >= 3 {
        return match (lang, subject) {
            (Lang::Nl, Some(s)) => format!("{s} is gevarieerd: het vaakst {name} ({count})"),
            (Lang::Nl, None) => format!("Gevarieerd: het vaakst {name} ({count})"),
            (Lang::En, Some(s)) => format!("{s} varies: most often {name} ({count})"),
            (Lang::En, None) => format!("Varied: most often {name} ({count})"),
        };
    }
    if yesno {
        return match (lang, subject) {
            (Lang::Nl, Some(s)) => format!("{s}: ja en nee houden elkaar in evenwicht ({count})"),
            (Lang::Nl, None) => format!("Ja en nee houden elkaar in evenwicht ({count})"),
            (Lang::En, Some(s)) => format!("{s}: yes and no are even ({count})"),
            (Lang::En, None) => format!("Yes and no are even ({count})"),
        };
    }
    lead(
        lang.pick("het vaakst", "most often"),
        format!("{name} ({count})"),
    )
}

/// Rule M (multi-select): the three most chosen options, of everyone asked.
pub fn multi(lang: Lang, names: &Names, rows: &[CategoryRow], base: usize) -> String {
    // An option that means "none of these" is counted in the table, never a choice here.
    let mut ranked: Vec<&CategoryRow> = rows
        .iter()
        .filter(|r| r.count > 0 && !r.exclusive)
        .collect();
    // The analysis ranks already; sorting again (stable) keeps this rule self-contained.
    ranked.sort_by_key(|r| std::cmp::Reverse(r.count));
    let Some(first) = ranked.first() else {
        return lang
            .pick(
                "Niemand koos een van de opties",
                "Nobody chose any of the options",
            )
            .to_string();
    };
    let head = format!(
        "{} ({})",
        names.in_sentence(first.label(lang.is_en())),
        lang.of(first.count, base)
    );
    let rest: Vec<String> = ranked
        .iter()
        .skip(1)
        .take(2)
        .map(|r| format!("{} ({})", names.in_sentence(r.label(lang.is_en())), r.count))
        .collect();
    match (lang, rest.is_empty()) {
        (Lang::Nl, true) => format!("Meest gekozen: {head}"),
        (Lang::En, true) => format!("Chosen most: {head}"),
        (Lang::Nl, false) => format!("Meest gekozen: {head}, daarna {}", lang.join_and(&rest)),
        (Lang::En, false) => format!("Chosen most: {head}, then {}", lang.join_and(&rest)),
    }
}

/// Levels on the positive side of a scale (before the neutral one, or the first half).
pub fn positive_levels(levels: usize, neutral: Option<usize>) -> usize {
    match neutral {
        Some(n) if n < levels => n,
        _ => levels / 2,
    }
}

/// Levels on the negative side: after the neutral one, or the second half.
pub fn first_negative(levels: usize, neutral: Option<usize>) -> usize {
    match neutral {
        Some(n) if n < levels => n + 1,
        _ => levels / 2,
    }
}

/// "uitermate of zeer competent": labels sharing their last word(s) say them once.
pub fn level_names(lang: Lang, rows: &[&CategoryRow]) -> String {
    let labels: Vec<String> = rows
        .iter()
        .map(|r| decapitalise(r.label(lang.is_en())))
        .collect();
    let words: Vec<Vec<&str>> = labels
        .iter()
        .map(|l| l.split_whitespace().collect())
        .collect();
    let shortest = words.iter().map(Vec::len).min().unwrap_or(0);
    let mut common = 0;
    while common + 1 < shortest
        && words
            .iter()
            .all(|w| w[w.len() - 1 - common] == words[0][words[0].len() - 1 - common])
    {
        common += 1;
    }
    if labels.len() < 2 || common == 0 {
        return lang.join_or(&labels);
    }
    let heads: Vec<String> = words
        .iter()
        .map(|w| w[..w.len() - common].join(" "))
        .collect();
    let tail = words[0][words[0].len() - common..].join(" ");
    format!("{} {tail}", lang.join_or(&heads))
}

/// Share of the positive and negative sides among those who chose a level.
pub fn sides(rows: &[CategoryRow], neutral: Option<usize>) -> (f64, f64, usize) {
    let rated: usize = rows.iter().map(|r| r.count).sum();
    let pos: usize = rows
        .iter()
        .take(positive_levels(rows.len(), neutral))
        .map(|r| r.count)
        .sum();
    let neg: usize = rows
        .iter()
        .skip(first_negative(rows.len(), neutral))
        .map(|r| r.count)
        .sum();
    (pct(pos, rated), pct(neg, rated), rated)
}

/// Rule S (one scale item): the positive and negative sides among those who chose a
/// level; not-applicable named when it is a large share of the base.
pub fn scale(
    lang: Lang,
    rows: &[CategoryRow],
    not_applicable: &[CategoryRow],
    neutral: Option<usize>,
    base: usize,
) -> String {
    let (pos, neg, rated) = sides(rows, neutral);
    if rated == 0 {
        return lang
            .pick("Niemand koos een niveau", "Nobody chose a level")
            .to_string();
    }
    let positive: Vec<&CategoryRow> = rows
        .iter()
        .take(positive_levels(rows.len(), neutral))
        .collect();
    let negative: Vec<&CategoryRow> = rows
        .iter()
        .skip(first_negative(rows.len(), neutral))
        .collect();
    let pos_text = format!("{} {}", lang.pct(pos), level_names(lang, &positive));
    let neg_text = format!("{} {}", lang.pct(neg), level_names(lang, &negative));
    let mut s = if pos >= MOSTLY {
        format!(
            "{}: {pos_text}",
            lang.pick("Overwegend positief", "Mostly positive")
        )
    } else if pos > 50.0 {
        format!(
            "{}: {pos_text}",
            lang.pick("Merendeel positief", "Mostly positive")
        )
    } else if neg >= MOSTLY {
        format!(
            "{}: {neg_text}",
            lang.pick("Overwegend negatief", "Mostly negative")
        )
    } else if neg > 50.0 {
        format!(
            "{}: {neg_text}",
            lang.pick("Merendeel negatief", "Mostly negative")
        )
    } else if let Some((mid, row)) = neutral
        .and_then(|m| rows.get(m))
        .map(|r| (pct(r.count, rated), r))
        .filter(|(mid, _)| *mid > 50.0)
    {
        // Middle-heavy: most chose the neutral level; the larger side is named beside it.
        let side = if neg > pos { neg_text } else { pos_text };
        format!(
            "{}: {} {}, {side}",
            lang.pick("Merendeel in het midden", "Mostly in the middle"),
            lang.pct(mid),
            decapitalise(row.label(lang.is_en()))
        )
    } else {
        format!(
            "{}: {pos_text}, {neg_text}",
            lang.pick("Verdeeld", "Divided")
        )
    };
    let na: usize = not_applicable.iter().map(|r| r.count).sum();
    if na > 0 && pct(na, base) >= NOTABLE_NA {
        let label = not_applicable
            .first()
            .map_or("n.v.t.", |r| r.label(lang.is_en()));
        s.push_str(&format!("; {} {label}", lang.of(na, base)));
    }
    s
}

/// One item of a scale group, for rule G.
pub struct ScaleItem<'a> {
    /// How a sentence names the item: its short title, else its text in quotes.
    pub label: std::borrow::Cow<'a, str>,
    pub rows: &'a [CategoryRow],
    pub neutral: Option<usize>,
}

/// How many chose a positive level, and how many chose a level at all.
pub fn positive_count(rows: &[CategoryRow], neutral: Option<usize>) -> (usize, usize) {
    let rated = rows.iter().map(|r| r.count).sum();
    let pos = rows
        .iter()
        .take(positive_levels(rows.len(), neutral))
        .map(|r| r.count)
        .sum();
    (pos, rated)
}

/// Rule G (several scale items on the same levels): where people are most and least
/// positive, each as a count of those who chose a level ("36 van 58"), so no two
/// unnamed bases stand side by side. `who` is the audience (plural) and how many of them
/// answered: when everyone who chose a level chose a positive one on every item, the
/// headline says so in a sentence ("Alle schoolopleiders kiezen bij beide vragen
/// uitstekend of goed").
pub fn scale_group(lang: Lang, items: &[ScaleItem<'_>], who: (&str, usize)) -> Option<String> {
    // Each item with its positive share and count, and how many chose a level.
    let scored: Vec<(&ScaleItem<'_>, f64, usize, usize)> = items
        .iter()
        .filter_map(|i| {
            let (k, rated) = positive_count(i.rows, i.neutral);
            (rated > 0).then_some((i, pct(k, rated), k, rated))
        })
        .collect();
    if scored.len() < 2 {
        return None;
    }
    // First of equals wins, in questionnaire order.
    let best = scored
        .iter()
        .fold(None::<&(_, f64, _, _)>, |acc, x| match acc {
            Some(a) if a.1 >= x.1 => Some(a),
            _ => Some(x),
        })?;
    let worst = scored
        .iter()
        .fold(None::<&(_, f64, _, _)>, |acc, x| match acc {
            Some(a) if a.1 <= x.1 => Some(a),
            _ => Some(x),
        })?;
    if scored.iter().all(|(_, _, k, rated)| k == rated) {
        return Some(all_positive(lang, &scored, who));
    }
    if best.1 - worst.1 < SIMILAR_PP {
        let range = if lang.pct(worst.1) == lang.pct(best.1) {
            lang.pct(best.1)
        } else {
            format!(
                "{} {} {}",
                lang.pct(worst.1),
                lang.pick("tot", "to"),
                lang.pct(best.1)
            )
        };
        let all = match (lang, scored.len()) {
            (Lang::Nl, 2) => "beide vragen".to_string(),
            (Lang::En, 2) => "both questions".to_string(),
            (Lang::Nl, k) => format!("alle {k} vragen"),
            (Lang::En, k) => format!("all {k} questions"),
        };
        return Some(match lang {
            Lang::Nl => format!("Vergelijkbaar over {all}: {range} positief"),
            Lang::En => format!("Similar across {all}: {range} positive"),
        });
    }
    Some(match lang {
        Lang::Nl => format!(
            "Het meest positief over {} ({}), het minst over {} ({})",
            best.0.label,
            lang.of(best.2, best.3),
            worst.0.label,
            lang.of(worst.2, worst.3)
        ),
        Lang::En => format!(
            "Most positive about {} ({}), least about {} ({})",
            best.0.label,
            lang.of(best.2, best.3),
            worst.0.label,
            lang.of(worst.2, worst.3)
        ),
    })
}

/// Rule G when every item's levels are all positive: "Alle schoolopleiders (die een
/// niveau kozen) kiezen bij beide vragen uitstekend of goed", the levels named when the
/// items share them.
fn all_positive(
    lang: Lang,
    scored: &[(&ScaleItem<'_>, f64, usize, usize)],
    (who, answered): (&str, usize),
) -> String {
    let positive = |i: &ScaleItem<'_>| -> Vec<String> {
        let chosen: Vec<&CategoryRow> = i
            .rows
            .iter()
            .take(positive_levels(i.rows.len(), i.neutral))
            .filter(|r| r.count > 0)
            .collect();
        chosen.iter().map(|r| r.label.clone()).collect()
    };
    let first = scored[0].0;
    let same = scored.iter().all(|s| positive(s.0) == positive(first));
    let levels = if same {
        let rows: Vec<&CategoryRow> = first
            .rows
            .iter()
            .take(positive_levels(first.rows.len(), first.neutral))
            .filter(|r| r.count > 0)
            .collect();
        level_names(lang, &rows)
    } else {
        lang.pick("een positief niveau", "a positive level")
            .to_string()
    };
    let every = scored.iter().all(|s| s.3 == answered);
    let on = match (lang, scored.len()) {
        (Lang::Nl, 2) => "bij beide vragen".to_string(),
        (Lang::En, 2) => "on both questions".to_string(),
        (Lang::Nl, k) => format!("bij alle {k} vragen"),
        (Lang::En, k) => format!("on all {k} questions"),
    };
    match (lang, every) {
        (Lang::Nl, true) => format!("Alle {who} kiezen {on} {levels}"),
        (Lang::Nl, false) => format!("Alle {who} die een niveau kozen, kiezen {on} {levels}"),
        (Lang::En, true) => format!("All {who} choose {levels} {on}"),
        (Lang::En, false) => format!("All {who} who chose a level choose {levels} {on}"),
    }
}

/// What rule N needs of a number question.
pub struct NumberFacts<'a> {
    pub unit: Option<&'a str>,
    pub values: usize,
    pub unknown: usize,
    pub mean: f64,
    pub sd: f64,
    /// The bands of the lowest and the highest answer (never the answers: one
    /// person's number is not printed, docs/report-rules.md).
    pub low: &'a str,
    pub high: &'a str,
}

/// Rule N (numbers): mean and range (in bands); "loopt uiteen" when the spread is wide.
pub fn number(lang: Lang, f: NumberFacts<'_>, subject: Option<&str>) -> String {
    // The mean rounded as the report rounds means ("ongeveer 210"), with the unit once
    // after it ("uur per jaar"), but not after a bare 1 ("1 studenten").
    let mean_u = match f.unit {
        Some(u) if lang.mean(f.mean) != "1" => format!("{} {u}", lang.mean(f.mean)),
        _ => lang.mean(f.mean),
    };
    let cv = if f.mean.abs() > f64::EPSILON {
        f.sd / f.mean.abs()
    } else {
        0.0
    };
    let (min, max) = (f.low, f.high);
    let mut s = if f.values >= 2 && cv >= WIDE_CV {
        match (lang, subject) {
            (Lang::Nl, Some(s)) => {
                format!("{s} loopt uiteen: gemiddeld {mean_u}, van {min} tot {max}")
            }
            (Lang::Nl, None) => {
                format!("Loopt uiteen: gemiddeld {mean_u}, van {min} tot {max}")
            }
            (Lang::En, Some(s)) => {
                format!("{s} varies widely: on average {mean_u}, from {min} to {max}")
            }
            (Lang::En, None) => {
                format!("Varies widely: on average {mean_u}, from {min} to {max}")
            }
        }
    } else {
        match lang {
            Lang::Nl => format!("Gemiddeld {mean_u} (van {min} tot {max})"),
            Lang::En => format!("On average {mean_u} (from {min} to {max})"),
        }
    };
    if f.unknown > 0 {
        s.push_str(&match lang {
            Lang::Nl => format!("; {} keer onbekend", f.unknown),
            Lang::En => format!("; {} unknown", f.unknown),
        });
    }
    s
}

pub mod levels;
pub mod qualified;

#[cfg(test)]
mod tests;
