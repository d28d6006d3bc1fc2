//! The fields of a front matter, read from its tree by one set of rules whatever the format:
//! each value of the expected kind, unknown fields refused, and every problem of the file
//! reported at once, naming the field, the value found and what is accepted.

use super::tree::{Node, Value};
use super::{At, FrontMatter, LineError, abstracts, credits, figures};
use crate::error::did_you_mean;
use crate::text::date::Date;

/// Every field a front matter may have, in the order the messages list them.
const FIELDS: &[&str] = &[
    "title",
    "date",
    "topics",
    "summary",
    "sources",
    "authors",
    "abstracts",
    "translation_key",
    "slug",
    "updated",
    "draft",
    "translated_from",
    "kind",
    "nav",
    "aliases",
    "briefing",
    "actors",
    "not_actors",
    "figures",
];

/// Reads the fields of `root`, a table whose first line is `first_line`: the fields that could
/// be read, and a problem for each that could not (a missing title is left empty, on line 0).
pub(super) fn read(root: Node, first_line: usize) -> (FrontMatter, Vec<LineError>) {
    let Value::Table(entries) = root.value else {
        unreachable!("tree::parse returns a table")
    };
    let mut errors = Vec::new();
    let mut matter = FrontMatter::default();
    let mut title = None;
    // A field written under both its names (`source` and `sources`): line, first, second.
    let mut both: Vec<(usize, String, String)> = Vec::new();
    for (name, node) in entries {
        let line = node.line;
        let result = match name.as_str() {
            "title" => text(&name, node).map(|t| title = t),
            "date" => date(&name, node).map(|d| matter.date = d),
            "updated" => date(&name, node).map(|d| matter.updated = d),
            "topics" => texts(&name, node).map(|t| matter.topics = t),
            "summary" => text(&name, node).map(|t| matter.summary = t.map(|t| t.value)),
            "sources" | "source" => {
                match credits::sources(&name, node) {
                    Ok(sources) => matter.sources = sources,
                    Err((at, message)) => errors.push(LineError::new(at, message)),
                }
                if let Some(first) = matter.sources_field.replace(name.clone()) {
                    both.push((line, first, name.clone()));
                }
                Ok(())
            }
            "authors" | "author" => {
                match credits::authors(&name, node) {
                    Ok(authors) => matter.authors = authors,
                    Err((at, message)) => errors.push(LineError::new(at, message)),
                }
                if let Some(first) = matter.authors_field.replace(name.clone()) {
                    both.push((line, first, name.clone()));
                }
                Ok(())
            }
            "abstracts" => {
                match abstracts::abstracts(node) {
                    Ok(read) => matter.abstracts = read,
                    Err((at, message)) => errors.push(LineError::new(at, message)),
                }
                Ok(())
            }
            "translation_key" => text(&name, node).map(|t| matter.translation_key = t),
            "slug" => text(&name, node).map(|t| matter.slug = t),
            "draft" => boolean(&name, node).map(|b| matter.draft = b.unwrap_or(false)),
            "translated_from" => text(&name, node).map(|t| matter.translated_from = t),
            "kind" => text(&name, node).map(|t| matter.kind = t),
            "nav" => integer(&name, node).map(|n| matter.nav = n),
            "aliases" => texts(&name, node).map(|a| matter.aliases = a),
            "briefing" => boolean(&name, node).map(|b| {
                matter.briefing = b.map(|value| At { value, line });
            }),
            "actors" => texts(&name, node).map(|a| matter.actors = a),
            "not_actors" => texts(&name, node).map(|a| matter.not_actors = a),
            "figures" => {
                match figures::figures(node) {
                    Ok(read) => matter.figures = read,
                    Err((at, message)) => errors.push(LineError::new(at, message)),
                }
                Ok(())
            }
            _ => Err(unknown_field(&name, FIELDS, "")),
        };
        if let Err(message) = result {
            errors.push(LineError::new(line, message));
        }
    }
    for (line, first, second) in both {
        errors.push(LineError::new(
            line,
            format!("`{second}` repeats `{first}`: write one of them (a list holds several)"),
        ));
    }
    match title {
        Some(title) => matter.title = title,
        None => errors.insert(
            0,
            LineError::new(first_line, "missing required field `title`"),
        ),
    }
    errors.sort_by_key(|e| e.line);
    (matter, errors)
}

/// A mistake in a field of a list of tables, at the line of the entry or value at fault.
pub(super) type Fail = (usize, String);

/// A list of tables, or one table alone (`sources`, `figures`): each entry read by `read`
/// with its name (`sources[2]`), its line and its fields; none for an empty value. `example`
/// shows a table in the messages.
pub(super) fn tables<T>(
    field: &str,
    node: Node,
    example: &str,
    mut read: impl FnMut(&str, usize, Vec<(String, Node)>) -> Result<T, Fail>,
) -> Result<Option<At<Vec<At<T>>>>, Fail> {
    let line = node.line;
    let items = match node.value {
        Value::Null => return Ok(None),
        Value::List(items) => items,
        Value::Table(_) => vec![node],
        other => {
            return Err((
                line,
                format!(
                    "`{field}` must be a table such as {example}, or a list of them, not {}",
                    other.describe()
                ),
            ));
        }
    };
    let mut entries = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        let at = format!("{field}[{}]", index + 1);
        let Value::Table(fields) = item.value else {
            return Err((
                item.line,
                format!(
                    "`{at}` must be a table such as {example}, not {}",
                    item.value.describe()
                ),
            ));
        };
        let value = read(&at, item.line, fields)?;
        entries.push(At {
            value,
            line: item.line,
        });
    }
    Ok(Some(At {
        value: entries,
        line,
    }))
}

/// `unknown field `x` (did you mean `y`? known: …)`.
pub(super) fn unknown_field(name: &str, known: &[&str], within: &str) -> String {
    let list = known.join(", ");
    match did_you_mean(name, known.iter().copied()) {
        Some(guess) => {
            format!("unknown field `{within}{name}` (did you mean `{guess}`? known: {list})")
        }
        None => format!("unknown field `{within}{name}` (known: {list})"),
    }
}

/// A text field. Numbers are text too (YAML reads `title: 1984` as a number); an empty YAML
/// value is no value.
pub(super) fn text(name: &str, node: Node) -> Result<Option<At<String>>, String> {
    let value = match node.value {
        Value::Null => return Ok(None),
        Value::Text(text) => text,
        Value::Integer(n) => n.to_string(),
        Value::Float(n) => n.to_string(),
        other => {
            return Err(format!(
                "`{name}` must be text in quotes, not {}",
                other.describe()
            ));
        }
    };
    Ok(Some(At {
        value,
        line: node.line,
    }))
}

/// A list of texts (`topics`); one text alone is accepted as a list of one.
pub(super) fn texts(name: &str, node: Node) -> Result<Option<At<Vec<At<String>>>>, String> {
    let line = node.line;
    let items = match node.value {
        Value::Null => return Ok(None),
        Value::List(items) => items,
        Value::Text(_) => vec![node],
        other => {
            return Err(format!(
                "`{name}` must be a list such as [\"diplomacy\"], not {}",
                other.describe()
            ));
        }
    };
    let mut values = Vec::with_capacity(items.len());
    for item in items {
        match item.value {
            Value::Text(value) => values.push(At {
                value,
                line: item.line,
            }),
            other => {
                return Err(format!(
                    "`{name}` must list texts in quotes, not {}",
                    other.describe()
                ));
            }
        }
    }
    Ok(Some(At {
        value: values,
        line,
    }))
}

fn integer(name: &str, node: Node) -> Result<Option<At<i64>>, String> {
    match node.value {
        Value::Null => Ok(None),
        Value::Integer(n) => Ok(Some(At {
            value: n,
            line: node.line,
        })),
        other => Err(format!(
            "`{name}` must be a whole number (without quotes), not {}",
            other.describe()
        )),
    }
}

fn boolean(name: &str, node: Node) -> Result<Option<bool>, String> {
    match node.value {
        Value::Null => Ok(None),
        Value::Bool(b) => Ok(Some(b)),
        other => Err(format!(
            "`{name}` must be true or false (without quotes), not {}",
            other.describe()
        )),
    }
}

/// What a date may be written as, for messages.
const DATE_FORMS: &str = "write it as 2019-08-05 (in TOML without quotes), or as a date and time with its offset such as 2019-08-05T09:30:00+02:00; a reference page (kind = \"page\") needs no date";

/// A date: TOML's own, or a text in the same forms (YAML and JSON have no dates); a time of
/// day is allowed and ignored.
pub(super) fn date(name: &str, node: Node) -> Result<Option<At<Date>>, String> {
    let datetime = match &node.value {
        Value::Null => return Ok(None),
        Value::Datetime(datetime) => *datetime,
        Value::Text(text) => text.trim().parse::<toml::value::Datetime>().map_err(|_| {
            format!(
                "`{name}` is {}, not a date: {DATE_FORMS}",
                node.value.describe()
            )
        })?,
        other => {
            return Err(format!(
                "`{name}` must be a date, not {}: {DATE_FORMS}",
                other.describe()
            ));
        }
    };
    let date = Date::from_toml(&datetime).map_err(|message| format!("`{name}`: {message}"))?;
    Ok(Some(At {
        value: date,
        line: node.line,
    }))
}
