//! Turning one cell's text into an answer to one question, tolerantly.

use crate::normalize::normalize;
use crate::questionnaire::{Choice, Kind, Question};
use crate::response::Answer;

/// A successful parse, with the spelling that was tolerated, if it was not the label itself.
pub struct Parsed {
    pub answer: Answer,
    pub coerced: Vec<(String, String)>,
}

/// Why a cell was not accepted: the human description of what was expected.
pub struct Rejected {
    pub expected: String,
}

pub fn parse_cell(question: &Question, raw: &str) -> Result<Parsed, Rejected> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(plain(Answer::NoAnswer));
    }
    match &question.kind {
        Kind::Single { options } | Kind::YesNo { options, .. } => match find(options, text) {
            Some((i, coerced)) => Ok(Parsed {
                answer: Answer::Choice(i),
                coerced: coerced.into_iter().collect(),
            }),
            None => Err(one_of(options)),
        },
        Kind::Scale {
            levels,
            not_applicable,
            ..
        } => {
            if let Some((i, coerced)) = find(levels, text) {
                return Ok(Parsed {
                    answer: Answer::Choice(i),
                    coerced: coerced.into_iter().collect(),
                });
            }
            if let Some((i, coerced)) = find(not_applicable, text) {
                return Ok(Parsed {
                    answer: Answer::NotApplicable(i),
                    coerced: coerced.into_iter().collect(),
                });
            }
            let all: Vec<Choice> = levels.iter().chain(not_applicable).cloned().collect();
            Err(one_of(&all))
        }
        Kind::Number {
            min,
            max,
            unknown,
            unit,
        } => {
            if is_unknown(unknown, text) {
                return Ok(plain(Answer::Unknown(text.to_string())));
            }
            let value = parse_number(text).ok_or_else(|| Rejected {
                expected: format!("a number{}", unit_suffix(unit.as_deref(), unknown)),
            })?;
            if min.is_some_and(|m| value < m) || max.is_some_and(|m| value > m) {
                return Err(Rejected {
                    expected: format!(
                        "a number from {} to {}{}",
                        min.map_or("-∞".into(), fmt_num),
                        max.map_or("∞".into(), fmt_num),
                        unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default()
                    ),
                });
            }
            Ok(Parsed {
                answer: Answer::Number { value, band: None },
                coerced: number_coercion(text, value),
            })
        }
        Kind::Bands { bands, unknown, .. } => {
            if is_unknown(unknown, text) {
                return Ok(plain(Answer::Unknown(text.to_string())));
            }
            let labels: Vec<Choice> = bands.iter().map(|b| b.choice.clone()).collect();
            if let Some((i, coerced)) = find(&labels, text) {
                return Ok(Parsed {
                    answer: Answer::Choice(i),
                    coerced: coerced.into_iter().collect(),
                });
            }
            match parse_number(text) {
                Some(value) => match bands.iter().position(|b| b.contains(value)) {
                    Some(band) => Ok(Parsed {
                        answer: Answer::Number {
                            value,
                            band: Some(band),
                        },
                        coerced: number_coercion(text, value),
                    }),
                    None => Err(Rejected {
                        expected: format!(
                            "a number inside one of the bands, or {}",
                            one_of(&labels).expected
                        ),
                    }),
                },
                None => Err(one_of(&labels)),
            }
        }
        Kind::Multi { options, other } => parse_multi(options, *other, text),
        Kind::Text { .. } | Kind::Personal { .. } => Ok(plain(Answer::Text(text.to_string()))),
    }
}

/// "12 jaar" or "7,5" read as a number is worth reporting; "12" is not.
fn number_coercion(text: &str, value: f64) -> Vec<(String, String)> {
    let written = fmt_num(value);
    if text.trim() == written {
        Vec::new()
    } else {
        vec![(text.trim().to_string(), written)]
    }
}

fn plain(answer: Answer) -> Parsed {
    Parsed {
        answer,
        coerced: Vec::new(),
    }
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        v.to_string()
    }
}

fn unit_suffix(unit: Option<&str>, unknown: &[String]) -> String {
    let mut s = unit.map(|u| format!(" ({u})")).unwrap_or_default();
    if !unknown.is_empty() {
        s.push_str(&format!(
            " or {}",
            unknown
                .iter()
                .map(|u| format!("\"{u}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    s
}

fn is_unknown(markers: &[String], text: &str) -> bool {
    markers
        .iter()
        .any(|m| m.trim() == text || (!normalize(m).is_empty() && normalize(m) == normalize(text)))
}

fn one_of(options: &[Choice]) -> Rejected {
    let labels: Vec<String> = options.iter().map(|o| format!("\"{}\"", o.label)).collect();
    Rejected {
        expected: format!("one of {}", labels.join(", ")),
    }
}

/// The option a text names, and the (from, to) pair when a synonym or variant spelling was used.
fn find(options: &[Choice], text: &str) -> Option<(usize, Option<(String, String)>)> {
    let wanted = normalize(text);
    let i = options
        .iter()
        .position(|o| o.spellings().any(|s| s == wanted))?;
    let coerced = (options[i].label.trim() != text.trim())
        .then(|| (text.trim().to_string(), options[i].label.clone()));
    Some((i, coerced))
}

/// Reads "12", "12 jaar", "7,5", "1.234,5", "ca. 15": the first number in the text.
pub fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim();
    let start = t.find(|c: char| c.is_ascii_digit() || c == '-')?;
    // Words before the number are only tolerated when short ("ca.", "±").
    if t[..start].chars().filter(|c| c.is_alphanumeric()).count() > 3 {
        return None;
    }
    let rest = &t[start..];
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',' || c == '-'))
        .unwrap_or(rest.len());
    let num = &rest[..end];
    let tail = rest[end..].trim();
    // A unit word may follow ("jaar", "uur"); another number may not.
    if tail.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let cleaned = match (num.rfind(','), num.rfind('.')) {
        (Some(c), Some(d)) if c > d => num.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => num.replace(',', ""),
        (Some(_), None) => num.replace(',', "."),
        _ => num.to_string(),
    };
    let v: f64 = cleaned.trim_end_matches('.').parse().ok()?;
    v.is_finite().then_some(v)
}

/// Multi-select: splits on `;` and `,`, then re-joins adjacent pieces when together
/// they name an option, so options that contain the delimiter survive.
fn parse_multi(options: &[Choice], other: Option<usize>, text: &str) -> Result<Parsed, Rejected> {
    let mut pieces: Vec<(&str, char)> = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == ';' || c == ',' {
            pieces.push((&text[start..i], c));
            start = i + c.len_utf8();
        }
    }
    pieces.push((&text[start..], ' '));

    let mut chosen = Vec::new();
    let mut others: Vec<String> = Vec::new();
    let mut coerced = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        if pieces[i].0.trim().is_empty() {
            i += 1;
            continue;
        }
        // Longest run of pieces that names an option wins.
        let mut matched = None;
        let mut joined = String::new();
        let mut candidates = Vec::new();
        for (j, (piece, sep)) in pieces.iter().enumerate().skip(i) {
            joined.push_str(piece);
            // A run never ends on an empty piece: "a;" is the option "a", not "a;".
            if !piece.trim().is_empty() {
                candidates.push((j, joined.clone()));
            }
            joined.push(*sep);
        }
        for (j, candidate) in candidates.iter().rev() {
            if let Some((oi, c)) = find(options, candidate) {
                matched = Some((*j, oi, c));
                break;
            }
        }
        match matched {
            Some((j, oi, c)) => {
                if !chosen.contains(&oi) {
                    chosen.push(oi);
                }
                coerced.extend(c);
                i = j + 1;
            }
            None => {
                others.push(pieces[i].0.trim().to_string());
                i += 1;
            }
        }
    }
    if !others.is_empty() {
        match other {
            Some(oi) => {
                if !chosen.contains(&oi) {
                    chosen.push(oi);
                }
            }
            None => {
                return Err(Rejected {
                    expected: format!(
                        "options among {} (\"{}\" is none of them)",
                        one_of(options).expected.trim_start_matches("one of "),
                        others.join(", ")
                    ),
                })
            }
        }
    }
    chosen.sort_unstable();
    Ok(Parsed {
        answer: Answer::Multi {
            chosen,
            other: (!others.is_empty()).then(|| others.join(", ")),
        },
        coerced,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_dutch_writing() {
        assert_eq!(parse_number("12 jaar"), Some(12.0));
        assert_eq!(parse_number("7,5"), Some(7.5));
        assert_eq!(parse_number("1.234,5"), Some(1234.5));
        assert_eq!(parse_number("ca. 15 uur"), Some(15.0));
        assert_eq!(parse_number("tussen 5 en 10"), None);
        assert_eq!(parse_number("veel"), None);
    }
}
