//! `abstracts`: an article's title and summary in other languages than its own, for the
//! readers of a language it has no version in:
//!
//! ```toml
//! [abstracts.en]
//! title = "North Korea stole $2bn for weapons via cyber-attacks"
//! summary = "A leaked UN report says…"
//! ```
//!
//! Read here as written; the languages are checked against the site by the model.

use super::At;
use super::fields::{text, unknown_field};
use super::tree::{Node, Value};

/// One abstract as written: its language code (with its line), title and summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AbstractEntry {
    pub lang: At<String>,
    pub title: String,
    pub summary: Option<String>,
}

const EXAMPLE: &str = "[abstracts.en] with title = \"…\" and summary = \"…\"";

/// `abstracts = { en = { title = "…", summary = "…" } }`, however written; errors carry the
/// line at fault.
pub(super) fn abstracts(node: Node) -> Result<Option<At<Vec<AbstractEntry>>>, (usize, String)> {
    let line = node.line;
    let languages = match node.value {
        Value::Null => return Ok(None),
        Value::Table(languages) => languages,
        other => {
            return Err((
                line,
                format!(
                    "`abstracts` must be a table by language, such as {EXAMPLE}, not {}",
                    other.describe()
                ),
            ));
        }
    };
    let mut entries = Vec::with_capacity(languages.len());
    for (code, node) in languages {
        let at = node.line;
        let Value::Table(fields) = node.value else {
            return Err((
                at,
                format!(
                    "`abstracts.{code}` must be a table with a title and a summary, such as {EXAMPLE}, not {}",
                    node.value.describe()
                ),
            ));
        };
        let mut title = None;
        let mut summary = None;
        for (field, node) in fields {
            let label = format!("abstracts.{code}.{field}");
            let value_line = node.line;
            let read = match field.as_str() {
                "title" => text(&label, node).map(|t| title = t.map(|t| t.value)),
                "summary" => text(&label, node).map(|t| summary = t.map(|t| t.value)),
                _ => Err(unknown_field(
                    &field,
                    &["title", "summary"],
                    &format!("abstracts.{code}."),
                )),
            };
            read.map_err(|message| (value_line, message))?;
        }
        let Some(title) = title
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
        else {
            return Err((at, format!("`abstracts.{code}` needs a `title`")));
        };
        entries.push(AbstractEntry {
            lang: At {
                value: code,
                line: at,
            },
            title,
            summary: summary
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
        });
    }
    Ok(Some(At {
        value: entries,
        line,
    }))
}
