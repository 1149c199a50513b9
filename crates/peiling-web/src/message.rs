//! Errors as the one line the CLI prints: each cause in turn, a cause whose text is
//! already there not repeated, on one line, with control characters escaped.

/// The one-line message of `err`, as the CLI words an error no flag caused.
pub fn one_line(err: &(dyn std::error::Error + 'static)) -> String {
    let mut message = String::new();
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(c) = cause {
        let text = c.to_string();
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
