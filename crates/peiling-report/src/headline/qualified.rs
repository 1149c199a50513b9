//! Rule J: a question answered "Nee" or "Ja, met …" (one no option, the others yes
//! with a qualifier, as forms often ask a wish) is told as a yes/no question: how many
//! say no, how many yes, and which yes, in a sentence a teacher would write.

use peiling_analysis::CategoryRow;

use super::of_the;
use crate::i18n::{capitalise, Lang, Names};

/// The option that means no: "Nee" or "No" (the questionnaire's label, any case). The
/// network conclusion counts its "yes" with the same test.
pub fn is_no(label: &str) -> bool {
    matches!(label.trim().to_lowercase().as_str(), "nee" | "no")
}

/// The qualifier of a yes option: "met collega's" of "Ja, met collega's"; `None` for
/// an option that does not start with yes.
fn qualifier(label: &str) -> Option<&str> {
    let t = label.trim();
    let lower = t.to_lowercase();
    ["ja", "yes"].iter().find_map(|w| {
        let rest = lower.strip_prefix(w)?;
        let sep = rest.chars().next()?;
        (sep == ',' || sep == ' ').then(|| {
            t[w.len()..]
                .trim_start_matches([',', ' '])
                .trim_end_matches('.')
        })
    })
}

/// Rule J's sentence, or `None` when the rows are not one no option and yes options
/// with a qualifier. `answered`: who gave an answer (those who said yes are the others
/// besides the no's, also when one chose two yes options).
pub fn sentence(
    lang: Lang,
    names: &Names,
    rows: &[CategoryRow],
    answered: usize,
    base: usize,
    subject: Option<&str>,
) -> Option<String> {
    let mut no = None;
    let mut yes: Vec<(&CategoryRow, &str)> = Vec::new();
    for r in rows {
        if is_no(&r.label) {
            if no.replace(r).is_some() {
                return None;
            }
        } else {
            yes.push((r, qualifier(&r.label)?));
        }
    }
    let no = no?.count;
    if yes.is_empty() {
        return None;
    }
    let said_yes = answered.saturating_sub(no);
    yes.retain(|(r, _)| r.count > 0);
    yes.sort_by_key(|(r, _)| std::cmp::Reverse(r.count));
    // The qualifiers in the report's language, the words the first one starts with
    // said once: "met collega's van de eigen school (25) en binnen BOS (9)".
    let quals: Vec<(String, usize)> = yes
        .iter()
        .map(|(r, q)| {
            let q = match (lang, &r.label_en) {
                (Lang::En, Some(en)) => qualifier(en).unwrap_or(q),
                _ => q,
            };
            (names.in_sentence(q), r.count)
        })
        .collect();
    let first: Vec<&str> = quals
        .first()
        .map(|q| q.0.split_whitespace().collect())
        .unwrap_or_default();
    let named: Vec<String> = quals
        .iter()
        .enumerate()
        .map(|(i, (q, k))| {
            let words: Vec<&str> = q.split_whitespace().collect();
            let shared = words.iter().zip(&first).take_while(|(a, b)| a == b).count();
            let q = if i > 0 && shared > 0 && shared < words.len() {
                words[shared..].join(" ")
            } else {
                q.clone()
            };
            format!("{q} ({k})")
        })
        .collect();
    let which = lang.join_and(&named);
    let says = |k: usize| match (lang, k) {
        (Lang::Nl, 1) => "zegt",
        (Lang::Nl, _) => "zeggen",
        (Lang::En, 1) => "says",
        (Lang::En, _) => "say",
    };
    let (nee, ja) = (lang.pick("nee", "no"), lang.pick("ja", "yes"));
    let told = if no >= said_yes {
        let mut s = format!("{} {} {nee}", of_the(lang, no, base), says(no));
        if said_yes > 0 {
            s.push_str(&format!(", {said_yes} {ja}: {which}"));
        }
        s
    } else {
        let mut s = format!(
            "{} {} {ja}: {which}",
            of_the(lang, said_yes, base),
            says(said_yes)
        );
        if no > 0 {
            s.push_str(&format!("; {no} {nee}"));
        }
        s
    };
    Some(match subject {
        Some(s) => format!("{s}: {told}"),
        None => capitalise(&told),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(label: &str, label_en: &str, count: usize) -> CategoryRow {
        CategoryRow {
            label: label.to_string(),
            label_en: Some(label_en.to_string()),
            count,
            pct_base: 0.0,
            pct_answered: None,
            wilson95: None,
            exclusive: false,
        }
    }

    /// Second reading, finding 9: "Meest gekozen: nee (35 van 63), daarna ja, met
    /// WPB'ers van mijn eigen school (25) …". The bundled WPB contact question: 35 nee,
    /// 19 only the own school, 3 only BOS, 6 both (reconstruct.py), so 28 say yes.
    #[test]
    fn a_no_or_yes_with_question_is_told_as_yes_and_no() {
        let rows = [
            row("Nee", "No", 35),
            row(
                "Ja, met werkplekbegeleiders van de eigen school",
                "Yes, with workplace mentors of the own school",
                19 + 6,
            ),
            row(
                "Ja, met werkplekbegeleiders binnen BOS",
                "Yes, with workplace mentors within BOS",
                3 + 6,
            ),
        ];
        let names = Names::from_texts(["binnen BOS"]);
        let answered = 35 + 19 + 3 + 6;
        assert_eq!(
            sentence(Lang::Nl, &names, &rows, answered, 63, Some("Wil contact met andere werkplekbegeleiders")).as_deref(),
            Some("Wil contact met andere werkplekbegeleiders: 35 van de 63 zeggen nee, 28 ja: met werkplekbegeleiders van de eigen school (25) en binnen BOS (9)")
        );
        assert_eq!(
            sentence(Lang::En, &names, &rows, answered, 63, None).as_deref(),
            Some("35 of the 63 say no, 28 yes: with workplace mentors of the own school (25) and within BOS (9)")
        );
        // More yes than no: yes first.
        let rows = [row("Nee", "No", 2), row("Ja, graag", "Yes, please", 8)];
        assert_eq!(
            sentence(Lang::Nl, &names, &rows, 10, 11, None).as_deref(),
            Some("8 van de 11 zeggen ja: graag (8); 2 nee")
        );
        // Not this pattern: an option that is neither no nor yes-with.
        let rows = [row("Nee", "No", 2), row("Misschien", "Maybe", 8)];
        assert_eq!(sentence(Lang::Nl, &names, &rows, 10, 10, None), None);
        let rows = [row("Ja", "Yes", 2), row("Jazeker", "Sure", 8)];
        assert_eq!(sentence(Lang::Nl, &names, &rows, 10, 10, None), None);
    }
}
