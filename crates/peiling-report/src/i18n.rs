//! The report's words and number formats in Dutch (default) and English.

/// Language of the report: Dutch unless asked otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    pub fn is_en(self) -> bool {
        self == Lang::En
    }

    /// The `lang` attribute of the HTML page.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    /// Picks the Dutch or English text.
    pub fn pick<'a>(self, nl: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }

    /// A number with at most one decimal, trailing ",0" dropped: "19", "208,3" / "208.3".
    pub fn num(self, x: f64) -> String {
        let r = round1(x);
        let s = if r.fract() == 0.0 {
            format!("{r:.0}")
        } else {
            format!("{r:.1}")
        };
        self.decimal(s)
    }

    /// A mean or spread as a report prints it (docs/report-rules.md, "Means"): one
    /// decimal below 10 ("2,4"), a whole number from 10 ("19"), and from 100 two
    /// significant digits after "ongeveer" ("ongeveer 210" for 208,3): a few dozen
    /// answers do not carry more.
    pub fn mean(self, x: f64) -> String {
        let a = x.abs();
        if a < 10.0 {
            return self.num(x);
        }
        if a < 100.0 {
            return self.decimal(format!("{:.0}", x.round()));
        }
        let step = 10f64.powi(a.log10().floor() as i32 - 1);
        let r = (x / step).round() * step;
        format!("{} {r:.0}", self.pick("ongeveer", "about"))
    }

    /// A statistic with two decimals: "0,08" / "0.08".
    pub fn num_precise(self, x: f64) -> String {
        self.decimal(format!("{:.2}", (x * 100.0).round() / 100.0))
    }

    /// A p-value: three decimals, or "< 0,001".
    pub fn num_p(self, p: f64) -> String {
        if p < 0.001 {
            self.decimal("< 0.001".to_string())
        } else {
            self.decimal(format!("{:.3}", (p * 1000.0).round() / 1000.0))
        }
    }

    /// A percentage, whole: "48 %" (47,6 % of 63 people), "10 %" (1 of 10). One
    /// convention for every percentage of a report, in its text, tables and charts alike,
    /// so a figure never reads as "71,4 %" in one place and "71 %" in another; a decimal
    /// would suggest a precision a few dozen people do not give (docs/report-rules.md).
    /// Halves round away from zero: 12,5 % is "13 %".
    pub fn pct(self, x: f64) -> String {
        format!("{} %", self.decimal(format!("{:.0}", x.round())))
    }

    fn decimal(self, s: String) -> String {
        // "-0.0" would read as a sign error in a table.
        let s = match s.strip_prefix('-') {
            Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_string(),
            _ => s,
        };
        match self {
            Lang::Nl => s.replace('.', ","),
            Lang::En => s,
        }
    }

    /// "10 van 14" / "10 of 14".
    pub fn of(self, k: usize, n: usize) -> String {
        match self {
            Lang::Nl => format!("{k} van {n}"),
            Lang::En => format!("{k} of {n}"),
        }
    }

    /// "a, b en c" / "a, b and c".
    pub fn join_and(self, items: &[String]) -> String {
        join_with(items, self.pick(" en ", " and "))
    }

    /// "a, b of c" / "a, b or c".
    pub fn join_or(self, items: &[String]) -> String {
        join_with(items, self.pick(" of ", " or "))
    }
}

fn join_with(items: &[String], last: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., tail] => format!("{}{last}{tail}", init.join(", ")),
    }
}

/// Rounds half away from zero to one decimal, so 47.55 prints as 47.6 on every platform.
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Plural noun for the respondents of an audience: "schoolopleiders", "workplace mentors".
pub fn audience_plural(lang: Lang, audience: &str) -> String {
    let s = match (audience.to_ascii_uppercase().as_str(), lang) {
        ("SO", Lang::Nl) => "schoolopleiders",
        ("SO", Lang::En) => "school-based teacher educators",
        ("WPB", Lang::Nl) => "werkplekbegeleiders",
        ("WPB", Lang::En) => "workplace mentors",
        ("IO", Lang::Nl) => "instituutsopleiders",
        ("IO", Lang::En) => "institute-based teacher educators",
        (_, Lang::Nl) => "respondenten",
        (_, Lang::En) => "respondents",
    };
    s.to_string()
}

/// How a list or a label names an audience: "Schoolopleiders", "Workplace mentors" for
/// the audiences the report knows (their abbreviation is spelled out), else the code the
/// questionnaire gives.
pub fn audience_name(lang: Lang, audience: &str) -> String {
    let plural = audience_plural(lang, audience);
    if plural == audience_plural(lang, "") {
        audience.to_string()
    } else {
        capitalise(&plural)
    }
}

pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// First letter lower case, for a label inside a sentence ("zeer capabel").
pub fn decapitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        // Keep acronyms and names whose second letter is upper case too (SO, HAN).
        Some(f) if !c.clone().next().is_some_and(char::is_uppercase) => {
            f.to_lowercase().collect::<String>() + c.as_str()
        }
        _ => s.to_string(),
    }
}

/// The proper names of a survey: words written with a capital in the middle of its
/// question texts, titles and answer options ("Fontys" in "training bij Fontys?",
/// "Leiden" in "Universiteit Leiden"). An option label that starts with one keeps its
/// capital inside a sentence; any other label is lower-cased there.
#[derive(Debug, Clone, Default)]
pub struct Names(std::collections::BTreeSet<String>);

impl Names {
    /// The names written in `texts` (each a sentence or a label).
    pub fn from_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Names {
        let mut set = std::collections::BTreeSet::new();
        for t in texts {
            let mut start = true;
            for raw in t.split_whitespace() {
                let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
                if !start && is_capitalised(word) {
                    set.insert(word.to_string());
                }
                start = raw.ends_with(['.', '?', '!', ':']);
            }
        }
        Names(set)
    }

    /// The names of a summary's survey: its titles, question texts and option labels.
    pub fn of(summary: &peiling_analysis::Summary) -> Names {
        let mut texts: Vec<&str> = vec![summary.survey.title.as_str()];
        texts.extend(summary.survey.partnership.as_deref());
        for part in &summary.parts {
            texts.push(&part.title);
            for q in &part.questions {
                texts.push(&q.text);
                texts.extend(q.label_en.as_deref());
                if let peiling_analysis::Detail::Choice { rows }
                | peiling_analysis::Detail::Multi { rows, .. } = &q.detail
                {
                    for r in rows {
                        texts.push(&r.label);
                        texts.extend(r.label_en.as_deref());
                    }
                }
            }
        }
        Names::from_texts(texts)
    }

    /// An option label as it reads inside a sentence: "vrouw", "eigen school",
    /// "certificering SO"; names and abbreviations stay ("Fontys", "HAN",
    /// "SO-opleiding Fontys", "Universiteit Leiden").
    pub fn in_sentence(&self, label: &str) -> String {
        let first = label
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_matches(|c: char| !c.is_alphanumeric());
        let later_name = label
            .split_whitespace()
            .skip(1)
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .any(|w| is_capitalised(w) && self.0.contains(w));
        // A one-letter option ("A", "B") is a name too.
        if self.0.contains(first) || later_name || first.chars().count() == 1 {
            label.to_string()
        } else if let Some(rest) = label.strip_prefix('(') {
            // "(Nog) geen opleiding" reads "(nog) geen opleiding" inside a sentence.
            format!("({}", decapitalise(rest))
        } else {
            decapitalise(label)
        }
    }
}

/// "Fontys", not "HAN" or "fontys": a capital followed by a lower-case letter.
fn is_capitalised(word: &str) -> bool {
    let mut c = word.chars();
    matches!((c.next(), c.next()), (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase())
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_percentage_is_whole() {
        use super::Lang;
        // Review of 2026-12-01, finding 9: "71,4 %" in the summary, "71 %" in the
        // Verantwoording; "10,0 %" on n = 10.
        assert_eq!(Lang::Nl.pct(10.0), "10 %");
        assert_eq!(Lang::Nl.pct(1000.0 / 14.0), "71 %");
        assert_eq!(Lang::Nl.pct(47.619), "48 %");
        assert_eq!(Lang::En.pct(47.619), "48 %");
        assert_eq!(Lang::En.pct(12.5), "13 %");
        assert_eq!(Lang::Nl.pct(-0.2), "0 %");
    }

    use super::*;

    #[test]
    fn dutch_uses_a_decimal_comma_english_a_point() {
        assert_eq!(Lang::Nl.pct(0.0), "0 %");
        assert_eq!(Lang::Nl.num(19.0), "19");
        assert_eq!(Lang::Nl.num(208.285714), "208,3");
        assert_eq!(Lang::En.num(208.285714), "208.3");
        assert_eq!(Lang::Nl.num_precise(-0.067039), "-0,07");
        assert_eq!(Lang::Nl.num(-0.01), "0");
        assert_eq!(Lang::En.num_p(0.0004), "< 0.001");
    }

    /// Second reading, finding 6: "gemiddeld 208,3 uur" claimed a precision seven
    /// typed answers do not give.
    #[test]
    fn means_round_to_what_the_answers_carry() {
        assert_eq!(Lang::Nl.mean(208.285714), "ongeveer 210");
        assert_eq!(Lang::En.mean(208.285714), "about 210");
        assert_eq!(Lang::Nl.mean(169.9), "ongeveer 170");
        assert_eq!(Lang::Nl.mean(1234.0), "ongeveer 1200");
        assert_eq!(Lang::Nl.mean(19.4), "19");
        assert_eq!(Lang::Nl.mean(99.4), "99");
        assert_eq!(Lang::Nl.mean(2.45), "2,5");
        assert_eq!(Lang::Nl.mean(3.0), "3");
    }

    #[test]
    fn halves_round_away_from_zero() {
        assert_eq!(Lang::Nl.pct(5.0 * 100.0 / 63.0), "8 %");
        assert_eq!(Lang::Nl.pct(2.5), "3 %");
        assert_eq!(round1(0.25), 0.3);
    }

    #[test]
    fn lists_join_with_the_language_conjunction() {
        let items = ["a".to_string(), "b".to_string(), "c".to_string()];
        assert_eq!(Lang::Nl.join_and(&items), "a, b en c");
        assert_eq!(Lang::En.join_or(&items[..2]), "a or b");
    }

    #[test]
    fn labels_inside_a_sentence_keep_only_the_capitals_of_names() {
        let names = Names::from_texts([
            "Volg je momenteel de SO/IO-training bij Fontys?",
            "Universiteit Leiden",
            "Vrouw",
            "Wat is je geslacht? Man of vrouw",
        ]);
        assert_eq!(names.in_sentence("Vrouw"), "vrouw");
        assert_eq!(names.in_sentence("Fontys"), "Fontys");
        assert_eq!(
            names.in_sentence("Universiteit Leiden"),
            "Universiteit Leiden"
        );
        assert_eq!(names.in_sentence("Eigen school"), "eigen school");
        assert_eq!(
            names.in_sentence("(Nog) geen opleiding"),
            "(nog) geen opleiding"
        );
        assert_eq!(names.in_sentence("HAN"), "HAN");
        assert_eq!(names.in_sentence("Certificering SO"), "certificering SO");
        assert_eq!(
            names.in_sentence("Ja, met WPB'ers binnen BOS"),
            "ja, met WPB'ers binnen BOS"
        );
        // "Man" after a question mark starts a sentence: no name.
        assert_eq!(names.in_sentence("Man"), "man");
    }

    #[test]
    fn decapitalise_keeps_acronyms() {
        assert_eq!(decapitalise("Zeer capabel"), "zeer capabel");
        assert_eq!(decapitalise("HAN"), "HAN");
    }
}
