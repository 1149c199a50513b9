//! How a sentence names the levels of a scale by their own labels: the words every
//! level shares said once ("uitermate of zeer capabel; 4 redelijk, 5 niet erg of
//! helemaal niet"), and the counts of the other sides beside the positive one (rule A3).

use peiling_analysis::CategoryRow;

use super::{first_negative, positive_levels};
use crate::i18n::{decapitalise, Lang};

/// The last words every label shares, and each label without them: "Uitermate
/// capabel" … "Helemaal niet capabel" give "capabel" and "Uitermate" … "Helemaal niet".
/// No shared words, or a label that would be left empty: no suffix, labels whole.
pub fn shared_suffix(labels: &[String]) -> (Vec<String>, Option<String>) {
    suffix_words(labels, false)
}

/// As [`shared_suffix`]; with `allow_empty` a label may be the shared words alone
/// ("Zeer bekwaam", "Bekwaam" give "bekwaam" and "Zeer", "").
fn suffix_words(labels: &[String], allow_empty: bool) -> (Vec<String>, Option<String>) {
    let words: Vec<Vec<&str>> = labels
        .iter()
        .map(|l| l.split_whitespace().collect())
        .collect();
    let shortest = words.iter().map(Vec::len).min().unwrap_or(0);
    let mut common = 0;
    while labels.len() >= 2
        && common + usize::from(!allow_empty) < shortest
        && words.iter().all(|w| {
            w[w.len() - 1 - common].to_lowercase()
                == words[0][words[0].len() - 1 - common].to_lowercase()
        })
    {
        common += 1;
    }
    if common == 0 {
        return (labels.to_vec(), None);
    }
    let heads = words
        .iter()
        .map(|w| w[..w.len() - common].join(" "))
        .collect();
    let tail = words[0][words[0].len() - common..].join(" ");
    (heads, Some(tail))
}

/// Rule A3's tail after "maar *k* van de *r* *doelgroep*": which levels the count
/// holds and what the others chose, from the scale's own labels: "voelt zich uitermate
/// of zeer capabel; 4 redelijk, 5 niet erg of helemaal niet" (second reading, finding 5:
/// "voelt zich hierin bekwaam" did not say that "redelijk" was not counted).
pub fn positive_and_rest(lang: Lang, rows: &[CategoryRow], neutral: Option<usize>) -> String {
    let labels: Vec<String> = rows
        .iter()
        .map(|r| decapitalise(r.label(lang.is_en())))
        .collect();
    let (heads, suffix) = suffix_words(&labels, true);
    let positive = positive_levels(rows.len(), neutral);
    let negative = first_negative(rows.len(), neutral);
    let k: usize = rows.iter().take(positive).map(|r| r.count).sum();
    // A group of levels by their heads ("uitermate of zeer"), or whole where one is
    // the shared words alone ("zeer bekwaam of bekwaam").
    let group = |range: std::ops::Range<usize>| -> (String, bool) {
        if heads[range.clone()].iter().any(String::is_empty) {
            (lang.join_or(&labels[range]), true)
        } else {
            (lang.join_or(&heads[range]), false)
        }
    };
    let (named, whole) = group(0..positive);
    let named = match (&suffix, whole) {
        (Some(tail), false) => format!("{named} {tail}"),
        _ => named,
    };
    let mut s = match (lang, &suffix, k) {
        (Lang::Nl, Some(_), 1) => format!("voelt zich {named}"),
        (Lang::Nl, Some(_), _) => format!("voelen zich {named}"),
        (Lang::En, Some(_), 1) => format!("feels {named}"),
        (Lang::En, Some(_), _) => format!("feel {named}"),
        (Lang::Nl, None, 1) => format!("koos {named}"),
        (Lang::Nl, None, _) => format!("kozen {named}"),
        (Lang::En, None, _) => format!("chose {named}"),
    };
    let mut rest: Vec<String> = Vec::new();
    for range in [positive..negative, negative..rows.len()] {
        if range.is_empty() {
            continue;
        }
        let n: usize = rows[range.clone()].iter().map(|r| r.count).sum();
        rest.push(format!("{n} {}", group(range).0));
    }
    if !rest.is_empty() {
        s.push_str("; ");
        s.push_str(&rest.join(", "));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(counts: &[(&str, usize)]) -> Vec<CategoryRow> {
        counts
            .iter()
            .map(|(l, c)| CategoryRow {
                label: l.to_string(),
                label_en: None,
                count: *c,
                pct_base: 0.0,
                pct_answered: None,
                wilson95: None,
                exclusive: false,
            })
            .collect()
    }

    const CAPABEL: [&str; 5] = [
        "Uitermate capabel",
        "Zeer capabel",
        "Redelijk capabel",
        "Niet erg capabel",
        "Helemaal niet capabel",
    ];

    #[test]
    fn the_shared_last_word_is_said_once() {
        let labels: Vec<String> = CAPABEL.iter().map(|s| s.to_string()).collect();
        let (heads, tail) = shared_suffix(&labels);
        assert_eq!(
            heads,
            ["Uitermate", "Zeer", "Redelijk", "Niet erg", "Helemaal niet"]
        );
        assert_eq!(tail.as_deref(), Some("capabel"));
        let plain: Vec<String> = ["Uitstekend", "Goed"].map(String::from).to_vec();
        assert_eq!(shared_suffix(&plain), (plain.clone(), None));
    }

    /// Second reading, finding 5: SO, "scholing geven aan werkplekbegeleiders":
    /// 0, 1, 4, 3, 2 of 10 (the bundled table: 0 %, 10 %, 40 %, 30 %, 20 %).
    #[test]
    fn the_count_says_which_levels_it_holds_and_what_the_others_chose() {
        let counts: Vec<(&str, usize)> = CAPABEL.into_iter().zip([0, 1, 4, 3, 2]).collect();
        let r = rows(&counts);
        assert_eq!(
            positive_and_rest(Lang::Nl, &r, Some(2)),
            "voelt zich uitermate of zeer capabel; 4 redelijk, 5 niet erg of helemaal niet"
        );
        // The other sides add up with the count to everyone who chose a level.
        let counts: Vec<(&str, usize)> = CAPABEL.into_iter().zip([0, 12, 24, 20, 5]).collect();
        assert_eq!(
            positive_and_rest(Lang::Nl, &rows(&counts), Some(2)),
            "voelen zich uitermate of zeer capabel; 24 redelijk, 25 niet erg of helemaal niet"
        );
        // Levels without a shared word are named as they are; no middle, two sides.
        let r = rows(&[("Goed", 1), ("Matig", 2), ("Slecht", 3), ("Heel slecht", 4)]);
        assert_eq!(
            positive_and_rest(Lang::Nl, &r, None),
            "kozen goed of matig; 7 slecht of heel slecht"
        );
        // A level that is the shared word alone (po-rivierenland: "Zeer bekwaam",
        // "Bekwaam", "Een beetje bekwaam", "Niet bekwaam"): that side named whole.
        let r = rows(&[
            ("Zeer bekwaam", 7),
            ("Bekwaam", 19),
            ("Een beetje bekwaam", 27),
            ("Niet bekwaam", 3),
        ]);
        assert_eq!(
            positive_and_rest(Lang::Nl, &r, None),
            "voelen zich zeer bekwaam of bekwaam; 30 een beetje of niet"
        );
    }
}
