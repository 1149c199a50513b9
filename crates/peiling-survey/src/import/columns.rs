//! Which survey tool wrote the export, and which column holds which question.

use serde::Serialize;

use crate::normalize::normalize;
use crate::questionnaire::{Kind, Questionnaire};

/// The survey tools whose export conventions peiling knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExportFormat {
    /// Microsoft Forms: ID, Start time/Begintijd, ...; multi-select joined with `;`.
    MsForms,
    /// Google Forms: Timestamp/Tijdstempel first; multi-select joined with `, `.
    GoogleForms,
    /// LimeSurvey: question codes as headers, `CODE[SQ001]` columns holding `Y`.
    LimeSurvey,
    /// Any other table with one column per question.
    Plain,
}

impl ExportFormat {
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::MsForms => "Microsoft Forms",
            ExportFormat::GoogleForms => "Google Forms",
            ExportFormat::LimeSurvey => "LimeSurvey",
            ExportFormat::Plain => "plain table",
        }
    }
}

/// What a metadata column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetaField {
    Id,
    Started,
    Completed,
    Email,
    Name,
    /// Known to the tool, carries nothing for the analysis (last page, language, ...).
    Ignored,
}

/// Where a question's answer is read from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// One column holds the whole answer.
    Column(usize),
    /// LimeSurvey multi-select: one column per option (`Y` or empty), and an "other" text column.
    OptionColumns {
        options: Vec<(usize, usize)>,
        other: Option<usize>,
    },
}

#[derive(Debug, Clone)]
pub struct ColumnMap {
    pub format: ExportFormat,
    pub meta: Vec<(usize, MetaField)>,
    /// Per question (questionnaire order): where its answer is, if anywhere.
    pub questions: Vec<Option<Source>>,
    pub unmatched: Vec<(usize, String)>,
}

pub(crate) fn meta_field(format: ExportFormat, header: &str) -> Option<MetaField> {
    let h = normalize(header);
    let common = match h.as_str() {
        "id" | "response id" | "respondent id" | "respondentid" => Some(MetaField::Id),
        "start time" | "begintijd" | "starttijd" | "startdate" | "date started" => {
            Some(MetaField::Started)
        }
        "completion time" | "tijd van voltooien" | "voltooiingstijd" | "submitdate"
        | "date submitted" | "timestamp" | "tijdstempel" => Some(MetaField::Completed),
        "email" | "e mail" | "e mailadres" | "email address" | "emailadres" => {
            Some(MetaField::Email)
        }
        "name" | "naam" => Some(MetaField::Name),
        "last modified time" | "tijd laatst gewijzigd" | "laatst gewijzigd" => {
            Some(MetaField::Ignored)
        }
        _ => None,
    };
    common.or(match (format, h.as_str()) {
        (
            ExportFormat::LimeSurvey,
            "lastpage" | "last page" | "startlanguage" | "start language" | "seed" | "datestamp"
            | "date last action" | "ipaddr" | "ip address" | "refurl" | "referrer url" | "token",
        ) => Some(MetaField::Ignored),
        _ => None,
    })
}

/// Reads the tool from the header row.
pub fn detect_format(headers: &[String]) -> ExportFormat {
    let norm: Vec<String> = headers.iter().map(|h| normalize(h)).collect();
    let has = |names: &[&str]| norm.iter().any(|h| names.contains(&h.as_str()));
    if has(&["completion time", "tijd van voltooien"])
        || (has(&["id"]) && has(&["start time", "begintijd"]))
    {
        ExportFormat::MsForms
    } else if norm
        .first()
        .is_some_and(|h| h == "timestamp" || h == "tijdstempel")
    {
        ExportFormat::GoogleForms
    } else if has(&["lastpage", "startlanguage", "submitdate"])
        || headers.iter().any(|h| is_subquestion_header(h).is_some())
    {
        ExportFormat::LimeSurvey
    } else {
        ExportFormat::Plain
    }
}

/// `CODE[SQ001]` or `CODE_SQ001` (also `CODE[other]`): the code and the subquestion.
pub(crate) fn is_subquestion_header(header: &str) -> Option<(&str, &str)> {
    let h = header.trim();
    if let Some(open) = h.find('[') {
        if h.ends_with(']') && open > 0 {
            return Some((&h[..open], &h[open + 1..h.len() - 1]));
        }
    }
    let (code, sub) = h.rsplit_once('_')?;
    let sub_ok = sub.eq_ignore_ascii_case("other")
        || (sub.len() > 2
            && sub.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("sq"))
            && sub[2..].chars().all(|c| c.is_ascii_digit()));
    (sub_ok && !code.is_empty()).then_some((code, sub))
}

pub fn map_columns(
    q: &Questionnaire,
    headers: &[String],
    forced: Option<ExportFormat>,
) -> ColumnMap {
    let format = forced.unwrap_or_else(|| detect_format(headers));
    let mut meta = Vec::new();
    let mut questions: Vec<Option<Source>> = vec![None; q.questions.len()];
    let mut unmatched = Vec::new();

    // The question text is the strongest claim on a column; then the export's own
    // metadata columns; only then ids, codes and English labels ("Naam" is metadata
    // even when a question has the id "naam").
    let texts: Vec<String> = q
        .questions
        .iter()
        .map(|question| normalize(&question.text))
        .collect();
    let keys: Vec<Vec<String>> = q
        .questions
        .iter()
        .map(|question| {
            let mut k = vec![normalize(&question.id)];
            k.extend(question.code.iter().map(|c| normalize(c)));
            k.extend(question.label_en.iter().map(|l| normalize(l)));
            // A grid item alone heads its column in a Microsoft Forms "Likert" export.
            k.extend(question.grid.iter().map(|g| normalize(&g.item)));
            k
        })
        .collect();
    let normalized: Vec<String> = headers.iter().map(|h| normalize(h)).collect();
    let mut taken = vec![false; headers.len()];
    for (col, h) in normalized.iter().enumerate() {
        if let Some(qi) = texts.iter().position(|t| t == h) {
            if questions[qi].is_none() {
                questions[qi] = Some(Source::Column(col));
                taken[col] = true;
            }
        }
    }

    for (col, header) in headers.iter().enumerate() {
        if taken[col] {
            continue;
        }
        if let Some(m) = meta_field(format, header) {
            meta.push((col, m));
            continue;
        }
        let h = &normalized[col];
        // The first question of that key still without a column: grids that share
        // their items (one statement in two grids) fill in the order of the file.
        if let Some(qi) = keys
            .iter()
            .enumerate()
            .position(|(i, k)| k.contains(h) && questions[i].is_none())
            .or_else(|| keys.iter().position(|k| k.contains(h)))
        {
            if questions[qi].is_none() {
                questions[qi] = Some(Source::Column(col));
                continue;
            }
        }
        if let Some((code, sub)) = is_subquestion_header(header) {
            let code_n = normalize(code);
            if let Some(qi) = q.questions.iter().position(|qq| {
                qq.code.as_deref().is_some_and(|c| normalize(c) == code_n)
                    || normalize(&qq.id) == code_n
            }) {
                if let Kind::Multi { options, other } = &q.questions[qi].kind {
                    let sub_n = normalize(sub);
                    let option = options.iter().enumerate().position(|(i, o)| {
                        o.code.as_deref().map_or_else(
                            || sub_n == format!("sq{:03}", i + 1),
                            |c| normalize(c) == sub_n,
                        )
                    });
                    let entry = questions[qi].get_or_insert(Source::OptionColumns {
                        options: Vec::new(),
                        other: None,
                    });
                    if let Source::OptionColumns {
                        options: cols,
                        other: other_col,
                    } = entry
                    {
                        match option {
                            Some(oi) if Some(oi) != *other => {
                                cols.push((col, oi));
                                continue;
                            }
                            _ if sub_n == "other" || option.is_some() => {
                                *other_col = Some(col);
                                continue;
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
        unmatched.push((col, header.clone()));
    }
    ColumnMap {
        format,
        meta,
        questions,
        unmatched,
    }
}
