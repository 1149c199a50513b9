//! Turning one cell's text into an answer to one question, tolerantly.

use crate::normalize::{fold, normalize, words, Folded};
use crate::questionnaire::{Choice, Kind, Question};
use crate::response::Answer;
use crate::wording::Expected;

/// A successful parse, with the spelling that was tolerated, if it was not the label itself.
pub struct Parsed {
    pub answer: Answer,
    pub coerced: Vec<(String, String)>,
}

/// Why a cell was not accepted: what was expected.
pub struct Rejected {
    pub expected: Expected,
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
            ..
        } => {
            if is_unknown(unknown, text) {
                return Ok(plain(Answer::Unknown(text.to_string())));
            }
            let value = parse_number(text).ok_or_else(|| Rejected {
                expected: Expected::Number {
                    unit: unit.clone(),
                    unknown: unknown.clone(),
                },
            })?;
            if min.is_some_and(|m| value < m) || max.is_some_and(|m| value > m) {
                return Err(Rejected {
                    expected: Expected::Range {
                        min: min.map_or("-∞".into(), fmt_num),
                        max: max.map_or("∞".into(), fmt_num),
                        unit: unit.clone(),
                    },
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
                        expected: Expected::InBand(labels_of(&labels)),
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

fn is_unknown(markers: &[String], text: &str) -> bool {
    markers
        .iter()
        .any(|m| m.trim() == text || (!normalize(m).is_empty() && normalize(m) == normalize(text)))
}

fn labels_of(options: &[Choice]) -> Vec<String> {
    options.iter().map(|o| o.label.clone()).collect()
}

fn one_of(options: &[Choice]) -> Rejected {
    Rejected {
        expected: Expected::OneOf(labels_of(options)),
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
/// they name an option, so options that contain the delimiter survive: from each piece
/// the longest run of pieces that names an option wins.
///
/// Linear in the cell (times the longest option): a run is only extended while its
/// folded text is the start of some option's spelling, the pieces are folded once
/// ([`Folded::append`] joins them), and pieces that fold to nothing ("", ".") are
/// stepped over together, so a run starting in them is computed once.
fn parse_multi(options: &[Choice], other: Option<usize>, text: &str) -> Result<Parsed, Rejected> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == ';' || c == ',' {
            spans.push((start, i));
            start = i + c.len_utf8();
        }
    }
    spans.push((start, text.len()));
    let runs = Runs::new(options, text, &spans);

    let mut chosen = Vec::new();
    let mut others: Vec<String> = Vec::new();
    let mut coerced = Vec::new();
    let mut memo: Vec<Option<Option<(usize, usize)>>> = vec![None; spans.len()];
    let mut i = 0;
    while i < spans.len() {
        let piece = &text[spans[i].0..spans[i].1];
        if piece.trim().is_empty() {
            i += 1;
            continue;
        }
        match runs.longest_from(i, &mut memo) {
            Some((j, oi)) => {
                if !chosen.contains(&oi) {
                    chosen.push(oi);
                }
                let candidate = text[spans[i].0..spans[j].1].trim();
                if options[oi].label.trim() != candidate {
                    coerced.push((candidate.to_string(), options[oi].label.clone()));
                }
                i = j + 1;
            }
            None => {
                others.push(piece.trim().to_string());
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
                    expected: Expected::Among {
                        labels: labels_of(options),
                        others: others.join(", "),
                    },
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

/// The pieces of one multi-select cell, folded, with the option spellings to match runs
/// of them against.
struct Runs<'t> {
    text: &'t str,
    spans: &'t [(usize, usize)],
    /// Every spelling of every option with the option's index, sorted by spelling.
    spellings: Vec<(String, usize)>,
    /// The spellings of punctuation only ("---"), by their key, with the option.
    bare: Vec<(String, usize)>,
    longest: usize,
    folded: Vec<Folded>,
    /// Per piece: the first piece from there on whose fold is not empty (`len` if none).
    next_word: Vec<usize>,
    /// Per piece: the last non-blank piece before `next_word` (a run may end there
    /// without changing its text), and whether a space is among them.
    quiet_end: Vec<Option<usize>>,
    quiet_space: Vec<bool>,
}

impl<'t> Runs<'t> {
    fn new(options: &[Choice], text: &'t str, spans: &'t [(usize, usize)]) -> Self {
        let mut spellings: Vec<(String, usize)> = options
            .iter()
            .enumerate()
            // Matched as the pieces are, by their words: a spelling of punctuation only
            // (kept as written by `normalize`) is spelled as nothing here, as its
            // pieces are.
            .flat_map(|(i, o)| o.spellings().map(move |s| (words(&s).to_string(), i)))
            .collect();
        spellings.sort();
        // The first option with a spelling is the one it names (spellings are unique
        // within a question anyway).
        spellings.dedup_by(|b, a| a.0 == b.0);
        let bare = options
            .iter()
            .enumerate()
            .flat_map(|(i, o)| o.spellings().map(move |s| (s, i)))
            .filter(|(s, _)| !s.is_empty() && words(s).is_empty())
            .collect();
        let longest = spellings.iter().map(|s| s.0.len()).max().unwrap_or(0);
        let folded: Vec<Folded> = spans.iter().map(|&(a, b)| fold(&text[a..b])).collect();
        let n = spans.len();
        let mut next_word = vec![n; n + 1];
        let mut quiet_end = vec![None; n + 1];
        let mut quiet_space = vec![false; n + 1];
        for k in (0..n).rev() {
            if folded[k].text.is_empty() {
                next_word[k] = next_word[k + 1];
                let blank = text[spans[k].0..spans[k].1].trim().is_empty();
                quiet_end[k] = quiet_end[k + 1].or((!blank).then_some(k));
                quiet_space[k] = folded[k].trail || quiet_space[k + 1];
            } else {
                next_word[k] = k;
            }
        }
        Runs {
            text,
            spans,
            spellings,
            bare,
            longest,
            folded,
            next_word,
            quiet_end,
            quiet_space,
        }
    }

    /// Where the longest run from the non-blank piece `i` that names an option ends,
    /// and the option.
    fn longest_from(
        &self,
        i: usize,
        memo: &mut [Option<Option<(usize, usize)>>],
    ) -> Option<(usize, usize)> {
        let first = self.next_word[i];
        // From `i` to `first` the run's text is empty: the same run as from `first`.
        let from_word = if first < self.folded.len() {
            *memo[first].get_or_insert_with(|| self.longest_from_word(first))
        } else {
            None
        };
        from_word.or_else(|| self.bare_from(i, self.quiet_end[i]?))
    }

    fn longest_from_word(&self, first: usize) -> Option<(usize, usize)> {
        let mut run = Folded::default();
        let mut best = None;
        // The spellings that start with the run's text, narrowed as the text grows.
        let (mut lo, mut hi) = (0, self.spellings.len());
        let mut k = first;
        while k < self.folded.len() {
            let next = &self.folded[k];
            if run.text.len() + 1 + next.text.len() > self.longest + 1 {
                break;
            }
            let from = run.text.len();
            run.append(next);
            for (q, &b) in run.text.as_bytes().iter().enumerate().skip(from) {
                let range = &self.spellings[lo..hi];
                let below = |s: &(String, usize), inclusive: bool| {
                    s.0.len() <= q || s.0.as_bytes()[q] < b || (inclusive && s.0.as_bytes()[q] == b)
                };
                hi = lo + range.partition_point(|s| below(s, true));
                lo += range.partition_point(|s| below(s, false));
            }
            if lo == hi {
                break; // no spelling starts with the run: no longer run can match
            }
            if self.spellings[lo].0.len() == run.text.len() {
                best = Some((self.quiet_end[k + 1].unwrap_or(k), self.spellings[lo].1));
            }
            run.trail |= self.quiet_space[k + 1];
            k = self.next_word[k + 1];
        }
        best
    }

    /// The longest run of pieces `i..=k` (`k` at most `end`, all of punctuation only)
    /// that spells an option of punctuation only ("---"), compared as written, as a
    /// single choice compares it; where it ends, and the option.
    fn bare_from(&self, i: usize, end: usize) -> Option<(usize, usize)> {
        if self.bare.is_empty() {
            return None;
        }
        (i..=end).rev().find_map(|k| {
            let piece = &self.text[self.spans[k].0..self.spans[k].1];
            if piece.trim().is_empty() {
                return None;
            }
            let key = normalize(&self.text[self.spans[i].0..self.spans[k].1]);
            let oi = self.bare.iter().find(|(s, _)| *s == key)?.1;
            Some((k, oi))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A single choice and a multi-select with the same options read the same
    /// spellings as the same option: one fold (case, accents, whitespace, quotes).
    #[test]
    fn one_fold_for_a_single_choice_and_a_multi_select() {
        let q = crate::questionnaire::Questionnaire::from_toml(
            "q.toml",
            r#"
id = "t"
title = "T"
audience = "WPB"
[[question]]
id = "one"
text = "Eén?"
kind = "single"
options = ["Feedback, feedforward en beoordelen", "Co-teaching", "---"]
[[question]]
id = "more"
text = "Meer?"
kind = "multi"
options = ["Feedback, feedforward en beoordelen", "Co-teaching", "---"]
"#,
        )
        .unwrap();
        let (single, multi) = (&q.questions[0], &q.questions[1]);
        let cases = [
            ("  FEEDBACK,   feedforward en beoordelen ", 0),
            ("«Feedback», “feedforward” en beoordelen", 0),
            ("féedback, feedforward en  beoordelen", 0),
            ("co teaching", 1),
            ("‘Co-Teaching’", 1),
            ("---", 2),
        ];
        for (text, option) in cases {
            let one = parse_cell(single, text).ok().map(|p| p.answer);
            assert_eq!(one, Some(Answer::Choice(option)), "{text:?}");
            let more = parse_cell(multi, text).ok().map(|p| p.answer);
            assert_eq!(
                more,
                Some(Answer::Multi {
                    chosen: vec![option],
                    other: None
                }),
                "{text:?}"
            );
        }
        // Punctuation of another kind is no option in either.
        assert!(parse_cell(single, "***").is_err());
        assert!(parse_cell(multi, "***").is_err());
    }

    #[test]
    fn numbers_in_dutch_writing() {
        assert_eq!(parse_number("12 jaar"), Some(12.0));
        assert_eq!(parse_number("7,5"), Some(7.5));
        assert_eq!(parse_number("1.234,5"), Some(1234.5));
        assert_eq!(parse_number("ca. 15 uur"), Some(15.0));
        assert_eq!(parse_number("tussen 5 en 10"), None);
        assert_eq!(parse_number("veel"), None);
    }

    /// The multi-select reading before it was made linear: every run from every piece,
    /// longest first. The new one must give the same answer.
    fn parse_multi_reference(options: &[Choice], text: &str) -> (Vec<usize>, Vec<String>) {
        let mut pieces: Vec<(&str, char)> = Vec::new();
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if c == ';' || c == ',' {
                pieces.push((&text[start..i], c));
                start = i + c.len_utf8();
            }
        }
        pieces.push((&text[start..], ' '));
        let (mut chosen, mut others) = (Vec::new(), Vec::new());
        let mut i = 0;
        while i < pieces.len() {
            if pieces[i].0.trim().is_empty() {
                i += 1;
                continue;
            }
            let mut joined = String::new();
            let mut candidates = Vec::new();
            for (j, (piece, sep)) in pieces.iter().enumerate().skip(i) {
                joined.push_str(piece);
                if !piece.trim().is_empty() {
                    candidates.push((j, joined.clone()));
                }
                joined.push(*sep);
            }
            let matched = candidates.iter().rev().find_map(|(j, c)| {
                let wanted = normalize(c);
                let oi = options
                    .iter()
                    .position(|o| o.spellings().any(|s| s == wanted))?;
                Some((*j, oi))
            });
            match matched {
                Some((j, oi)) => {
                    if !chosen.contains(&oi) {
                        chosen.push(oi);
                    }
                    i = j + 1;
                }
                None => {
                    others.push(pieces[i].0.trim().to_string());
                    i += 1;
                }
            }
        }
        chosen.sort_unstable();
        (chosen, others)
    }

    #[test]
    fn multi_select_reads_as_before() {
        let options = vec![
            Choice::plain("Reflecteren, feedback geven"),
            Choice::plain("a"),
            Choice::plain("a b"),
            Choice::plain("ab;c"),
            Choice::plain("北 x"),
            Choice::plain("< 5"),
            Choice::plain("n.v.t."),
            Choice::plain("a, b, c, d"),
        ];
        let pieces = [
            "a",
            " a",
            "b",
            "B ",
            "c",
            "d",
            "",
            " ",
            ".",
            "北",
            " x",
            "<",
            "5",
            "n.v.t",
            "zz",
            "Reflecteren",
            " feedback geven",
        ];
        // Every cell of up to four pieces from the list, both separators.
        let mut cells = vec![String::new()];
        for _ in 0..4 {
            let mut longer = Vec::new();
            for cell in &cells {
                for p in pieces {
                    for sep in [";", ","] {
                        longer.push(if cell.is_empty() {
                            p.to_string()
                        } else {
                            format!("{cell}{sep}{p}")
                        });
                    }
                }
            }
            cells.extend(longer.into_iter().step_by(4));
        }
        assert!(cells.len() > 3_000, "{}", cells.len());
        let others_of = |p: Parsed| match p.answer {
            Answer::Multi { chosen, other } => (chosen, other),
            a => panic!("{a:?}"),
        };
        for options in [options.clone(), {
            let mut o = options.clone();
            o.push(Choice::plain("."));
            o
        }] {
            let other = Some(options.len() - 1);
            for cell in &cells {
                let (want_chosen, want_others) = parse_multi_reference(&options, cell.trim());
                let Ok(parsed) = parse_multi(&options, other, cell.trim()) else {
                    panic!("{cell:?}");
                };
                let (chosen, others) = others_of(parsed);
                let mut want = want_chosen;
                if !want_others.is_empty() && !want.contains(&(options.len() - 1)) {
                    want.push(options.len() - 1);
                    want.sort_unstable();
                }
                assert_eq!(chosen, want, "{cell:?}");
                assert_eq!(
                    others,
                    (!want_others.is_empty()).then(|| want_others.join(", ")),
                    "{cell:?}"
                );
            }
        }
    }

    #[test]
    fn a_huge_multi_select_cell_is_read_in_linear_time() {
        let options: Vec<Choice> = ["Feedback geven", "Coachen, begeleiden", "Reflectie"]
            .iter()
            .map(|l| Choice::plain(l))
            .collect();
        // About 550 KB, under the 1 MB field cap: once this never ended.
        let cell = "Feedback geven;Coachen, begeleiden;Reflectie;iets anders;.;;".repeat(9_000);
        assert!(cell.len() > 500_000);
        // In a thread, so that a regression fails the test instead of hanging it.
        let (send, receive) = std::sync::mpsc::channel();
        let t = std::time::Instant::now();
        std::thread::spawn(move || {
            let _ = send.send(parse_multi(&options, Some(2), &cell).ok());
        });
        let parsed = receive
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("a 550 KB cell is read within 30 s")
            .expect("read");
        assert!(t.elapsed().as_secs() < 5, "{:?}", t.elapsed());
        let Answer::Multi { chosen, other } = parsed.answer else {
            panic!()
        };
        assert_eq!(chosen, vec![0, 1, 2]);
        // "iets anders" once per repetition; a "." joins the option after it (".;;Feedback
        // geven" folds to that option), except the last one.
        assert_eq!(other.expect("others").split(", ").count(), 9_000 + 1);
    }
}
