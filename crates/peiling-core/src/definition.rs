//! A mistake in a TOML definition file (questionnaire, survey, catalogue, holidays),
//! located by file and line: shared by every crate that reads such a file.

/// A mistake in a questionnaire or survey definition file, located by line.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct DefinitionError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl DefinitionError {
    pub fn at(file: &str, source: &str, offset: usize, message: String) -> Self {
        DefinitionError {
            file: file.to_string(),
            line: line_of(source, offset),
            message,
        }
    }

    /// A TOML syntax or type error at its line.
    pub fn toml(
        file: &str,
        source: &str,
        span: Option<std::ops::Range<usize>>,
        message: &str,
    ) -> Self {
        // toml's messages can span several lines; the first carries the meaning.
        let message = message.lines().next().unwrap_or("invalid TOML").trim();
        Self::at(
            file,
            source,
            span.map_or(0, |s| s.start),
            format!("invalid TOML: {message}"),
        )
    }
}

/// 1-based line of a byte offset.
pub fn line_of(source: &str, offset: usize) -> usize {
    let end = offset.min(source.len());
    source.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn located_by_line_and_free_of_flags() {
        let source = "a = 1\nb = \"x\"\nc = oops\n";
        let offset = source.find("oops").unwrap();
        let e = DefinitionError::at("cat.toml", source, offset, "expected a number".into());
        assert_eq!(e.line, 3);
        assert_eq!(e.to_string(), "cat.toml:3: expected a number");
        let e = DefinitionError::toml("cat.toml", source, Some(6..7), "bad\nmore");
        assert_eq!(e.to_string(), "cat.toml:2: invalid TOML: bad");
        assert!(!e.to_string().contains("--"));
    }
}
