//! Certificates: one self-contained A4 HTML page per person (only that person's data)
//! and an index page for the team (names and totals only), from the records store's
//! [`Certificate`] values. Every text is escaped and passes the privacy filter's
//! control-character and bidi rules.

use chrono::{Datelike, NaiveDate};
use peiling_core::certificate::Certificate;

use crate::html::escape;
use crate::i18n::Lang;

const CSS: &str = "@page { size: A4; margin: 20mm; }
body { font-family: Georgia, 'Times New Roman', serif; color: #222; margin: 0; }
main { max-width: 170mm; margin: 0 auto; }
h1 { font-size: 22pt; margin: 0 0 4mm; text-align: center; }
p.sub { text-align: center; margin: 0 0 10mm; font-size: 12pt; }
p.who { font-size: 16pt; text-align: center; margin: 0 0 2mm; }
table { border-collapse: collapse; width: 100%; margin: 8mm 0; font-size: 11pt; }
th, td { border-bottom: 1px solid #999; padding: 2mm; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; white-space: nowrap; }
tfoot td { font-weight: bold; border-bottom: none; }
footer { margin-top: 15mm; font-size: 10pt; text-align: center; }
main, table, tr { page-break-inside: avoid; break-inside: avoid; }";

/// A date written out: "donderdag 23 september 2021" / "Thursday 23 September 2021".
pub fn long_date(date: NaiveDate, lang: Lang) -> String {
    let nl_days = [
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
    ];
    let en_days = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let nl_months = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let en_months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let day = date.weekday().num_days_from_monday() as usize;
    let month = date.month0() as usize;
    let (d, m) = match lang {
        Lang::Nl => (nl_days[day], nl_months[month]),
        Lang::En => (en_days[day], en_months[month]),
    };
    format!("{d} {} {m} {}", date.day(), date.year())
}

fn hours(h: f64, lang: Lang) -> String {
    format!("{} {}", lang.num(h), lang.pick("uur", "hours"))
}

fn page(lang: Lang, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>{}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        lang.code(),
        escape(title)
    )
}

/// One person's certificate: their name, school and role, each activity attended in the
/// year with its content, date and hours, the year's total and the partnership's name.
pub fn render(c: &Certificate, partnership: &str, lang: Lang) -> String {
    let heading = lang.pick(
        "Certificaat professionalisering",
        "Professional development certificate",
    );
    let mut b = String::new();
    b.push_str(&format!("<h1>{}</h1>\n", escape(heading)));
    b.push_str(&format!(
        "<p class=\"sub\">{} {}</p>\n",
        lang.pick("Schooljaar", "School year"),
        escape(&c.year)
    ));
    b.push_str(&format!("<p class=\"who\">{}</p>\n", escape(&c.name)));
    let about: Vec<String> = [&c.role, &c.school]
        .into_iter()
        .flatten()
        .map(|s| escape(s))
        .collect();
    if !about.is_empty() {
        b.push_str(&format!("<p class=\"sub\">{}</p>\n", about.join(", ")));
    }
    b.push_str(&format!(
        "<p>{}</p>\n",
        escape(lang.pick(
            &format!("heeft in schooljaar {} deelgenomen aan de volgende professionaliseringsactiviteiten van {partnership}:", c.year),
            &format!("took part in the following professional development activities of {partnership} in school year {}:", c.year),
        ))
    ));
    b.push_str(&format!(
        "<table>\n<thead><tr><th>{}</th><th>{}</th><th class=\"n\">{}</th></tr></thead>\n<tbody>\n",
        lang.pick("Activiteit (inhoud)", "Activity (content)"),
        lang.pick("Datum", "Date"),
        lang.pick("Tijdsinvestering", "Time"),
    ));
    for a in &c.activities {
        // A plan's meeting is titled after its theme ("observeren" / "Observeren"):
        // the theme is shown only when it says something the title does not.
        let same = |t: &str| t.replace('_', " ").to_lowercase() == a.title.to_lowercase();
        let theme = match &a.theme {
            Some(t) if !same(t) => format!(" <small>({})</small>", escape(t)),
            _ => String::new(),
        };
        b.push_str(&format!(
            "<tr><td>{}{theme}</td><td>{}</td><td class=\"n\">{}</td></tr>\n",
            escape(&a.title),
            long_date(a.date, lang),
            hours(a.hours, lang)
        ));
    }
    b.push_str(&format!(
        "</tbody>\n<tfoot><tr><td colspan=\"2\">{}</td><td class=\"n\">{}</td></tr></tfoot>\n</table>\n",
        lang.pick("Totaal", "Total"),
        hours(c.total_hours, lang)
    ));
    b.push_str(&format!("<footer>{}</footer>\n", escape(partnership)));
    page(lang, &format!("{heading} {} {}", c.year, c.name), &b)
}

/// The team's index: per certificate its file, the name and the total, nothing more.
pub fn index(certificates: &[(String, Certificate)], partnership: &str, lang: Lang) -> String {
    let year = certificates
        .first()
        .map(|(_, c)| c.year.as_str())
        .unwrap_or("");
    let heading = lang.pick(
        "Certificaten professionalisering",
        "Professional development certificates",
    );
    let mut b = format!(
        "<h1>{}</h1>\n<p class=\"sub\">{} — {} {}</p>\n",
        escape(heading),
        escape(partnership),
        lang.pick("Schooljaar", "School year"),
        escape(year)
    );
    b.push_str(&format!(
        "<table>\n<thead><tr><th>{}</th><th class=\"n\">{}</th></tr></thead>\n<tbody>\n",
        lang.pick("Naam", "Name"),
        lang.pick("Totaal", "Total"),
    ));
    for (file, c) in certificates {
        b.push_str(&format!(
            "<tr><td><a href=\"{}\">{}</a></td><td class=\"n\">{}</td></tr>\n",
            escape(file),
            escape(&c.name),
            hours(c.total_hours, lang)
        ));
    }
    b.push_str("</tbody>\n</table>\n");
    page(lang, &format!("{heading} {year}"), &b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use peiling_core::certificate::CertificateActivity;

    fn cert(name: &str) -> Certificate {
        Certificate {
            person_id: 7,
            name: name.into(),
            school: Some("De Eik".into()),
            role: Some("WPB".into()),
            year: "2021-2022".into(),
            activities: vec![CertificateActivity {
                title: "Observeren".into(),
                theme: Some("observeren".into()),
                date: NaiveDate::from_ymd_opt(2021, 9, 23).unwrap(),
                hours: 2.5,
            }],
            total_hours: 2.5,
        }
    }

    #[test]
    fn dates_are_written_out_in_the_language() {
        let d = NaiveDate::from_ymd_opt(2021, 9, 23).unwrap();
        assert_eq!(long_date(d, Lang::Nl), "donderdag 23 september 2021");
        assert_eq!(long_date(d, Lang::En), "Thursday 23 September 2021");
    }

    #[test]
    fn names_are_escaped_controls_removed_and_bidi_isolated() {
        let html = render(&cert("<b>Eve</b>\u{7}\u{202E}x"), "BOS", Lang::Nl);
        assert!(
            html.contains("\u{2068}&lt;b&gt;Eve&lt;/b&gt;\u{202E}x\u{2069}"),
            "{html}"
        );
        assert!(!html.contains("<b>") && !html.contains('\u{7}'));
        assert!(html.contains("@page { size: A4"));
        assert!(html.contains("2,5 uur"), "{html}");
    }
}
