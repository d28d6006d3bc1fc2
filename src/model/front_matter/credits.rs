//! The credit fields of a front matter: `sources` (or the older single `source`) and `authors`
//! (or `author`), read as written, each entry with its line. Their values are checked against
//! the site (web addresses, language codes) by [`crate::model::credits`].

use super::At;
use super::fields::{Fail, date, tables, text, unknown_field};
use super::tree::{Node, Value};
use crate::model::credits::SourceKind;
use crate::text::date::Date;

/// One source as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceEntry {
    pub name: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub date: Option<Date>,
    pub kind: Option<SourceKind>,
}

/// One author as written: a name, or names by language code (`{ fr = "…", en = "…" }`),
/// with `name` for the others.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuthorEntry {
    pub name: Option<String>,
    pub names: Vec<(String, String)>,
}

const SOURCE_FIELDS: &[&str] = &["name", "title", "url", "date", "kind"];

const SOURCE_EXAMPLE: &str =
    "{ name = \"…\", title = \"…\", url = \"https://…\", date = 2019-08-05, kind = \"press\" }";

/// `sources = [{ … }, { … }]`, one table alone, or the older `source = { … }`: `field` is the
/// name written.
pub(super) fn sources(field: &str, node: Node) -> Result<Option<At<Vec<At<SourceEntry>>>>, Fail> {
    tables(field, node, SOURCE_EXAMPLE, source)
}

fn source(at: &str, line: usize, fields: Vec<(String, Node)>) -> Result<SourceEntry, Fail> {
    let mut entry = SourceEntry::default();
    let mut name = None;
    for (field, node) in fields {
        let label = format!("{at}.{field}");
        let value_line = node.line;
        let read = match field.as_str() {
            "name" => text(&label, node).map(|t| name = t.map(|t| t.value)),
            "title" => text(&label, node).map(|t| entry.title = t.map(|t| t.value)),
            "url" => text(&label, node).map(|t| entry.url = t.map(|t| t.value)),
            "date" => date(&label, node).map(|d| entry.date = d.map(|d| d.value)),
            "kind" => kind(&label, node).map(|k| entry.kind = k),
            _ => Err(unknown_field(&field, SOURCE_FIELDS, &format!("{at}."))),
        };
        read.map_err(|message| (value_line, message))?;
    }
    let Some(name) = name.filter(|n| !n.trim().is_empty()) else {
        return Err((
            line,
            format!("`{at}` needs a `name`: the publisher or body the source comes from"),
        ));
    };
    entry.name = name.trim().to_string();
    entry.title = entry
        .title
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
    Ok(entry)
}

fn kind(label: &str, node: Node) -> Result<Option<SourceKind>, String> {
    let Some(written) = text(label, node)? else {
        return Ok(None);
    };
    let names: Vec<&str> = SourceKind::ALL.iter().map(|k| k.name()).collect();
    match SourceKind::ALL
        .iter()
        .find(|k| k.name() == written.value.trim())
    {
        Some(kind) => Ok(Some(*kind)),
        None => Err(format!(
            "`{label}` is \"{}\", which is not a kind of source{} (known: {})",
            written.value.escape_debug(),
            crate::error::did_you_mean(&written.value, names.iter().copied())
                .map(|g| format!("; did you mean \"{g}\"?"))
                .unwrap_or_default(),
            names.join(", ")
        )),
    }
}

const AUTHOR_EXAMPLE: &str = "[\"Jeanne Martin\", { fr = \"La rédaction\", en = \"The editors\" }]";

/// `authors = ["…", { fr = "…", en = "…" }]`, or one of them alone; `field` is the name
/// written (`author` is read the same way).
pub(super) fn authors(field: &str, node: Node) -> Result<Option<At<Vec<At<AuthorEntry>>>>, Fail> {
    let line = node.line;
    let items = match node.value {
        Value::Null => return Ok(None),
        Value::List(items) => items,
        Value::Text(_) | Value::Table(_) => vec![node],
        other => {
            return Err((
                line,
                format!(
                    "`{field}` must be a list of names such as {AUTHOR_EXAMPLE}, not {}",
                    other.describe()
                ),
            ));
        }
    };
    let mut entries = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        let at = format!("{field}[{}]", index + 1);
        let line = item.line;
        let entry = match item.value {
            Value::Text(name) => AuthorEntry {
                name: Some(name),
                names: Vec::new(),
            },
            Value::Table(fields) => {
                let mut entry = AuthorEntry::default();
                for (key, node) in fields {
                    let label = format!("{at}.{key}");
                    let value_line = node.line;
                    let Some(name) = text(&label, node).map_err(|m| (value_line, m))? else {
                        continue;
                    };
                    if key == "name" {
                        entry.name = Some(name.value);
                    } else {
                        entry.names.push((key, name.value));
                    }
                }
                entry
            }
            other => {
                return Err((
                    line,
                    format!(
                        "`{at}` must be a name in quotes, or a table of names by language such as {{ fr = \"…\", en = \"…\" }}, not {}",
                        other.describe()
                    ),
                ));
            }
        };
        let entry = AuthorEntry {
            name: entry.name.map(|n| n.trim().to_string()),
            names: entry
                .names
                .into_iter()
                .map(|(lang, n)| (lang, n.trim().to_string()))
                .collect(),
        };
        if entry.name.as_deref().is_some_and(str::is_empty)
            || entry.names.iter().any(|(_, n)| n.is_empty())
            || (entry.name.is_none() && entry.names.is_empty())
        {
            return Err((line, format!("`{at}` has an empty name")));
        }
        entries.push(At { value: entry, line });
    }
    Ok(Some(At {
        value: entries,
        line,
    }))
}
