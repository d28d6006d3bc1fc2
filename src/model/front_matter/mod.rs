//! Splitting an article into its front matter and Markdown body, and reading the front matter
//! strictly, in TOML (`+++`), YAML (`---`) or JSON (`{ … }`): each format is parsed into one
//! tree of values with lines ([`tree`]), read by one set of field rules ([`fields`]). Errors
//! carry the line in the article file, not in the front-matter snippet.

mod abstracts;
mod credits;
mod edit;
mod fields;
mod figures;
mod tree;

pub use abstracts::AbstractEntry;
pub use credits::{AuthorEntry, SourceEntry};
pub use edit::{with_field, with_translated_from};
pub use figures::FigureEntry;
pub use tree::Format;

use crate::text::date::Date;

/// An article file cut in two. Line numbers are 1-based lines of the whole file.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub format: Format,
    pub front_matter: &'a str,
    /// Line of the first front-matter line.
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

/// A value and the file line it was written on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct At<T> {
    pub value: T,
    pub line: usize,
}

/// The front matter as written, each field with its line.
#[derive(Debug, Default)]
pub struct FrontMatter {
    pub title: At<String>,
    pub date: Option<At<Date>>,
    pub topics: Option<At<Vec<At<String>>>>,
    pub summary: Option<String>,
    /// `sources`, or the single `source` of older files: each entry with its line.
    pub sources: Option<At<Vec<At<SourceEntry>>>>,
    /// Which of the two names was written.
    pub sources_field: Option<String>,
    /// `authors` (or `author`), each with its line.
    pub authors: Option<At<Vec<At<AuthorEntry>>>>,
    pub authors_field: Option<String>,
    /// `abstracts`: title and summary in other languages, by language code.
    pub abstracts: Option<At<Vec<AbstractEntry>>>,
    pub translation_key: Option<At<String>>,
    pub slug: Option<At<String>>,
    pub updated: Option<At<Date>>,
    pub draft: bool,
    /// `"fr:0123456789abcdef"`: the language this translation was made from, and the
    /// fingerprint of that version's text when the translation was last brought up to date
    /// (written by `dossier status --mark-translated`).
    pub translated_from: Option<At<String>>,
    /// `"article"` (the default) or `"page"`: a reference page (About, Methods) has no date
    /// and no topics, and stays out of the lists, the feeds and the briefing.
    pub kind: Option<At<String>>,
    /// A reference page's place in the navigation (lowest first); without it, the page is
    /// not in the navigation.
    pub nav: Option<At<i64>>,
    /// Old addresses of the page, from the site's root (`/fr/old/`): each gets a page that
    /// sends the reader on.
    pub aliases: Option<At<Vec<At<String>>>>,
    /// `true`: always in the printable briefing, however large the dossier; `false`: never.
    pub briefing: Option<At<bool>>,
    /// Actors (keys of `actors.toml`) the article names though its text does not.
    pub actors: Option<At<Vec<At<String>>>>,
    /// Actors its text seems to name but does not (a false match): left out.
    pub not_actors: Option<At<Vec<At<String>>>>,
    /// `figures`: its key figures, each with its line.
    pub figures: Option<At<Vec<At<FigureEntry>>>>,
}

/// The line that opens a front matter in `format`, and closes it (for TOML and YAML).
pub fn delimiter(format: Format) -> &'static str {
    match format {
        Format::Toml => "+++",
        Format::Yaml => "---",
        Format::Json => "{",
    }
}

/// Cuts `text` (already free of a byte-order mark and of `\r\n`) after its front matter.
pub fn split(text: &str) -> Result<Split<'_>, LineError> {
    if text.trim().is_empty() {
        return Err(LineError::new(
            1,
            "the file is empty: an article starts with a front matter between `+++` lines",
        ));
    }
    let first_line = text.lines().next().unwrap_or("");
    let format = match first_line.trim_end() {
        "+++" => Format::Toml,
        "---" => Format::Yaml,
        line if line.starts_with('{') => Format::Json,
        _ => {
            return Err(LineError::new(
                1,
                format!(
                    "expected `+++` on the first line to open the front matter (or `---` for YAML, `{{` for JSON), found `{}`",
                    shorten(first_line)
                ),
            ));
        }
    };
    if format == Format::Json {
        return split_json(text);
    }
    let delimiter = delimiter(format);
    // After the first `\n`, not after `first_line`, which `lines()` cut before a `\r\n`.
    let after_open = text.find('\n').map_or(text.len(), |i| i + 1);
    let rest = &text[after_open..];
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == delimiter {
            let front_matter = &rest[..offset];
            let body_start = (offset + line.len()).min(rest.len());
            return Ok(Split {
                format,
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
        format!("the front matter opened here is never closed: add a `{delimiter}` line after it"),
    ))
}

/// A JSON front matter ends where its object closes; the rest of that line must be empty.
fn split_json(text: &str) -> Result<Split<'_>, LineError> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, byte) in text.bytes().enumerate() {
        match byte {
            _ if escaped => escaped = false,
            b'\\' if in_string => escaped = true,
            b'"' => in_string = !in_string,
            b'{' if !in_string => depth += 1,
            b'}' if !in_string => {
                depth -= 1;
                if depth == 0 {
                    let end = i + 1;
                    let line_end = text[end..].find('\n').map_or(text.len(), |n| end + n);
                    let close_line = 1 + text[..end].matches('\n').count();
                    if !text[end..line_end].trim().is_empty() {
                        return Err(LineError::new(
                            close_line,
                            "the JSON front matter must end with `}` alone on its line",
                        ));
                    }
                    let body_start = (line_end + 1).min(text.len());
                    return Ok(Split {
                        format: Format::Json,
                        front_matter: &text[..end],
                        front_matter_line: 1,
                        body: &text[body_start..],
                        body_line: close_line + 1,
                    });
                }
            }
            _ => {}
        }
    }
    Err(LineError::new(
        1,
        "the JSON front matter opened here is never closed: end it with a `}` line",
    ))
}

fn shorten(line: &str) -> String {
    let mut short: String = line.chars().take(40).collect();
    if short.len() < line.len() {
        short.push('…');
    }
    short
}

/// Reads a front matter `text` written in `format` that starts on file line `first_line`:
/// every problem of its fields at once, by line.
pub fn read(format: Format, text: &str, first_line: usize) -> Result<FrontMatter, Vec<LineError>> {
    let (matter, errors) = read_partly(format, text, first_line)?;
    if errors.is_empty() {
        Ok(matter)
    } else {
        Err(errors)
    }
}

/// Like [`read`], but the fields that could be read come back with the problems of the others,
/// so that the rules on values (known topics, clean slugs) can report theirs in the same run.
/// `Err` when the text cannot be parsed at all.
pub fn read_partly(
    format: Format,
    text: &str,
    first_line: usize,
) -> Result<(FrontMatter, Vec<LineError>), Vec<LineError>> {
    let root = tree::parse(format, text, first_line).map_err(|error| vec![error])?;
    Ok(fields::read(root, first_line))
}

#[cfg(test)]
mod tests;
