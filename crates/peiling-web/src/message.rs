//! Errors as the one line the CLI prints: each cause in turn, a cause whose text is
//! already there not repeated, on one line, with control characters escaped. An import
//! error is worded in the page's language (its typed message has English and Dutch
//! words); other errors keep the CLI's English.

use peiling_survey::draft::DraftError;
use peiling_survey::{ImportError, SurveyError};

/// The one-line message of `err`, as the CLI words an error no flag caused.
pub fn one_line(err: &(dyn std::error::Error + 'static)) -> String {
    one_line_in(err, true)
}

/// The one-line message of `err` in English (the CLI's line) or Dutch.
pub fn one_line_in(err: &(dyn std::error::Error + 'static), english: bool) -> String {
    let mut message = String::new();
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(c) = cause {
        let text = worded(c, english);
        if message.is_empty() {
            message = text;
        } else if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        cause = c.source();
    }
    peiling_core::privacy::terminal(&message.replace('\n', " ")).into_owned()
}

/// One cause's text: an import error's in the language asked for.
fn worded(cause: &(dyn std::error::Error + 'static), english: bool) -> String {
    let import = cause
        .downcast_ref::<ImportError>()
        .or_else(|| match cause.downcast_ref::<SurveyError>() {
            Some(SurveyError::Import(e)) => Some(e),
            _ => None,
        })
        .or_else(|| match cause.downcast_ref::<DraftError>() {
            Some(DraftError::Export(e)) => Some(e),
            _ => None,
        });
    import.map_or_else(|| cause.to_string(), |e| e.text(english))
}
