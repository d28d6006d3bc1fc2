//! Errors and warnings: every problem names the file it comes from, and the line when there is one.

use std::fmt;
use std::path::Path;

/// One problem in the site, pointing at `file:line`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    /// The file, relative to the site root, with `/` separators.
    pub file: String,
    /// The 1-based line, when the problem has one.
    pub line: Option<usize>,
    /// The 1-based column (in characters), when the problem has one and its line.
    pub column: Option<usize>,
    pub message: String,
}

impl Diagnostic {
    pub fn new(file: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line,
            column: None,
            message: message.into(),
        }
    }

    /// The same problem, pointing at a column of its line.
    #[must_use]
    pub fn with_column(self, column: usize) -> Self {
        Diagnostic {
            column: Some(column),
            ..self
        }
    }

    pub fn at(file: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        Diagnostic::new(file, Some(line), message)
    }

    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic::new(file, None, message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => {
                write!(f, "{}:{line}:{column}: {}", self.file, self.message)
            }
            (Some(line), None) => write!(f, "{}:{line}: {}", self.file, self.message),
            (None, _) => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Why a command failed. `Usage` maps to exit status 2, everything else to 1.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Problems in the site's own files (content, config, templates, links).
    #[error("{}", list(.0))]
    Site(Vec<Diagnostic>),
    /// The disk refused something; names the path.
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    /// The command line asked for something impossible.
    #[error("{0}")]
    Usage(String),
}

impl Error {
    pub fn site(diagnostic: Diagnostic) -> Self {
        Error::Site(vec![diagnostic])
    }

    pub fn io(path: &Path, error: &std::io::Error) -> Self {
        Error::Io {
            path: path.display().to_string(),
            message: error.to_string(),
        }
    }

    /// The process exit status for this error (SPEC §1).
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }
}

fn list(diagnostics: &[Diagnostic]) -> String {
    let lines: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
    lines.join("\n")
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Gathers errors so that one build reports every problem it found, not only the first.
#[derive(Debug, Default)]
pub struct Problems {
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
    /// The site's language codes, the default first, once the config is read: the problems of
    /// an article's versions are sorted in that order (the original before its translations).
    pub languages: Vec<String>,
}

impl Problems {
    pub fn error(&mut self, diagnostic: Diagnostic) {
        self.errors.push(diagnostic);
    }

    pub fn warn(&mut self, diagnostic: Diagnostic) {
        self.warnings.push(diagnostic);
    }

    /// Fails with every error gathered so far, sorted by file and line.
    pub fn check(&mut self) -> Result<()> {
        if self.errors.is_empty() {
            return Ok(());
        }
        let mut errors = std::mem::take(&mut self.errors);
        sort_in(&mut errors, &self.languages);
        Err(Error::Site(errors))
    }
}

/// Sorts diagnostics by file, then line, then message, so output is stable.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    sort_in(diagnostics, &[]);
}

/// Sorts diagnostics by file, the versions of one article (`x.fr.md`, `x.en.md`) together in
/// the order of `languages` (the default language's, the original, first), then by line and
/// message.
pub fn sort_in(diagnostics: &mut [Diagnostic], languages: &[String]) {
    let key = |d: &Diagnostic| {
        let version = d.file.strip_suffix(".md").and_then(|f| f.rsplit_once('.'));
        match version
            .and_then(|(stem, code)| Some((stem, languages.iter().position(|l| l == code)?)))
        {
            Some((stem, rank)) => (stem.to_string(), rank),
            None => (d.file.clone(), usize::MAX),
        }
    };
    diagnostics.sort_by_cached_key(|d| {
        let (stem, rank) = key(d);
        (stem, rank, d.line, d.message.clone())
    });
}

/// The lines of a text, to find the line of many byte offsets: a binary search over its line
/// ends rather than a count from the start each time (an article holds thousands of links,
/// `actors.toml` thousands of names, a front matter hundreds of fields).
pub struct LineIndex {
    newlines: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        LineIndex {
            newlines: memchr::memchr_iter(b'\n', text.as_bytes()).collect(),
        }
    }

    /// The 1-based line of byte `offset`, as [`line_of_offset`] counts it.
    pub fn line(&self, offset: usize) -> usize {
        self.newlines.partition_point(|&at| at < offset) + 1
    }
}

/// The 1-based line of byte `offset` in `text`.
pub fn line_of_offset(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Edit distance, for "did you mean" suggestions.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = if ca == *cb {
                previous
            } else {
                1 + previous.min(row[j]).min(row[j + 1])
            };
            previous = current;
        }
    }
    row[b.len()]
}

/// The closest of `candidates` to `word`, when it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (levenshtein(word, c), c))
        .filter(|(distance, c)| {
            let length = c.chars().count();
            *distance <= if length <= 3 { 1 } else { (length / 3).max(2) }
        })
        .min()
        .map(|(_, c)| c)
}

/// "did you mean `x`? " (with `quote` around the guess) when `word` is a likely typo of one of
/// `candidates`, else nothing: the start of a parenthesis that goes on with the list.
pub fn suggestion<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    quote: &str,
) -> String {
    did_you_mean(word, candidates)
        .map(|g| format!("did you mean {quote}{g}{quote}? "))
        .unwrap_or_default()
}

/// Rewrites serde's "unknown field `x`, expected one of `a`, `b`" into a message with a suggestion.
pub fn explain_serde_message(message: &str) -> String {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        if let Some((field, expected)) = rest.split_once('`') {
            let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
            let known_list = known.join(", ");
            return match did_you_mean(field, known.iter().copied()) {
                Some(guess) => {
                    format!("unknown field `{field}` (did you mean `{guess}`? known: {known_list})")
                }
                None => format!("unknown field `{field}` (known: {known_list})"),
            };
        }
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        return format!("missing required field `{rest}");
    }
    message.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_versions_of_an_article_are_sorted_original_first() {
        let mut problems: Vec<Diagnostic> = [
            "content/a/x.en.md",
            "content/a/x.fr.md",
            "config.toml",
            "content/a/w.en.md",
        ]
        .into_iter()
        .map(|f| Diagnostic::at(f, 1, "m"))
        .collect();
        sort_in(&mut problems, &["fr".to_string(), "en".to_string()]);
        let files: Vec<&str> = problems.iter().map(|d| d.file.as_str()).collect();
        assert_eq!(
            files,
            [
                "config.toml",
                "content/a/w.en.md",
                "content/a/x.fr.md",
                "content/a/x.en.md"
            ]
        );
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            did_you_mean("titel", ["title", "date", "topics"]),
            Some("title")
        );
        assert_eq!(
            did_you_mean("topic", ["title", "date", "topics"]),
            Some("topics")
        );
        assert_eq!(did_you_mean("weather", ["diplomacy", "sanctions"]), None);
    }

    #[test]
    fn rewrites_unknown_field_messages() {
        let message = "unknown field `titel`, expected one of `title`, `date`";
        assert_eq!(
            explain_serde_message(message),
            "unknown field `titel` (did you mean `title`? known: title, date)"
        );
    }

    #[test]
    fn lines_are_one_based() {
        assert_eq!(line_of_offset("a\nb\nc", 0), 1);
        assert_eq!(line_of_offset("a\nb\nc", 2), 2);
        assert_eq!(line_of_offset("a\nb\nc", 100), 3);
    }

    #[test]
    fn a_line_index_counts_lines_as_line_of_offset() {
        let index = LineIndex::new("a\nb\n\nc");
        let lines: Vec<usize> = [0, 1, 2, 4, 5, 6, 99].map(|at| index.line(at)).to_vec();
        assert_eq!(lines, [1, 1, 2, 3, 4, 4, 4]);
        for text in ["", "\n", "a\n\nb", "no end of line", "a\nb\n\nc\n"] {
            let index = LineIndex::new(text);
            for offset in 0..=text.len() + 2 {
                assert_eq!(
                    index.line(offset),
                    line_of_offset(text, offset),
                    "{text:?} at {offset}"
                );
            }
        }
    }
}
