//! Splitting an article into its TOML front matter and Markdown body, and reading the front
//! matter strictly. Errors carry the line in the article file, not in the TOML snippet.

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use crate::error::{explain_serde_message, line_of_offset};

pub const DELIMITER: &str = "+++";

/// An article file cut in two. Line numbers are 1-based lines of the whole file.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub front_matter: &'a str,
    /// Line of the first front-matter line (after the opening `+++`).
    pub front_matter_line: usize,
    pub body: &'a str,
    /// Line of the first body line.
    pub body_line: usize,
}

/// An error inside a file, with its line.
#[derive(Debug, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub message: String,
}

impl LineError {
    fn new(line: usize, message: impl Into<String>) -> Self {
        LineError {
            line,
            message: message.into(),
        }
    }
}

/// Cuts `text` (already free of a byte-order mark and of `\r\n`) at its `+++` lines.
pub fn split(text: &str) -> Result<Split<'_>, LineError> {
    if text.trim().is_empty() {
        return Err(LineError::new(
            1,
            "the file is empty: an article starts with a `+++` front matter block",
        ));
    }
    let first_line = text.lines().next().unwrap_or("");
    if first_line.trim_end() != DELIMITER {
        return Err(LineError::new(
            1,
            format!(
                "expected `{DELIMITER}` on the first line to open the front matter, found `{}`",
                shorten(first_line)
            ),
        ));
    }
    // After the first `\n`, not after `first_line`, which `lines()` cut before a `\r\n`.
    let after_open = text.find('\n').map_or(text.len(), |i| i + 1);
    let rest = &text[after_open..];
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == DELIMITER {
            let front_matter = &rest[..offset];
            let body_start = (offset + line.len()).min(rest.len());
            return Ok(Split {
                front_matter,
                front_matter_line: 2,
                body: &rest[body_start..],
                body_line: 2 + front_matter.matches('\n').count() + 1,
            });
        }
        offset += line.len();
    }
    Err(LineError::new(
        1,
        format!("the front matter opened here is never closed: add a `{DELIMITER}` line after it"),
    ))
}

fn shorten(line: &str) -> String {
    let mut short: String = line.chars().take(40).collect();
    if short.len() < line.len() {
        short.push('…');
    }
    short
}

/// The front matter as written. Spans point into the front-matter text.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Spanned<String>,
    pub date: Option<Spanned<Datetime>>,
    pub topics: Option<Spanned<Vec<Spanned<String>>>>,
    pub summary: Option<String>,
    pub source: Option<Source>,
    pub translation_key: Option<Spanned<String>>,
    pub slug: Option<Spanned<String>>,
    pub updated: Option<Spanned<Datetime>>,
    #[serde(default)]
    pub draft: bool,
    /// `"fr:0123456789abcdef"`: the language this translation was made from, and the
    /// fingerprint of that version's text when the translation was last brought up to date
    /// (written by `dossier status --mark-translated`).
    pub translated_from: Option<Spanned<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub name: String,
    pub url: Option<String>,
}

/// Parses the front matter; `first_line` is the file line where it starts.
pub fn parse(front_matter: &str, first_line: usize) -> Result<FrontMatter, LineError> {
    toml::from_str(front_matter).map_err(|error| {
        let line = match error.span() {
            Some(span) => first_line + line_of_offset(front_matter, span.start) - 1,
            None => first_line,
        };
        LineError::new(line, explain_serde_message(error.message()))
    })
}

/// The file line of a span inside front matter that starts at `first_line`.
pub fn line_of_span(front_matter: &str, first_line: usize, span: std::ops::Range<usize>) -> usize {
    first_line + line_of_offset(front_matter, span.start) - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let text = "+++\ntitle = \"T\"\n+++\n\nBody\n";
        let split = split(text).unwrap();
        assert_eq!(split.front_matter, "title = \"T\"\n");
        assert_eq!(split.front_matter_line, 2);
        assert_eq!(split.body, "\nBody\n");
        assert_eq!(split.body_line, 4);
    }

    #[test]
    fn reports_unclosed_and_missing_front_matter() {
        assert_eq!(split("+++\ntitle = \"T\"\n").unwrap_err().line, 1);
        assert!(
            split("title = \"T\"\n")
                .unwrap_err()
                .message
                .contains("expected `+++`")
        );
        assert!(split("").unwrap_err().message.contains("empty"));
    }

    #[test]
    fn accepts_a_closing_line_at_end_of_file() {
        let split = split("+++\ntitle = \"T\"\n+++").unwrap();
        assert_eq!(split.body, "");
    }

    #[test]
    fn error_lines_are_file_lines() {
        let error = parse("title = \"T\"\ndate = 2019-08-05\ntitel = \"x\"\n", 2).unwrap_err();
        assert_eq!(error.line, 4);
        assert!(
            error.message.contains("did you mean `title`"),
            "{}",
            error.message
        );
    }
}
