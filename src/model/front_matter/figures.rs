//! The `figures` field of a front matter: an article's key figures as written, each entry with
//! its line. What a translation inherits, and the actors' keys, are settled by
//! [`crate::model::figures`].

use super::At;
use super::fields::{Fail, date, tables, text, texts, unknown_field};
use super::tree::{Node, Value};
use crate::model::figures::FigureDate;

/// One key figure as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FigureEntry {
    /// What is counted, with its unit: `2 milliards de dollars`.
    pub value: String,
    /// What it measures: `volés par des cyberattaques`.
    pub label: String,
    /// When it holds: a year or a day.
    pub date: Option<FigureDate>,
    /// Who states it.
    pub source: Option<String>,
    /// Where it is stated.
    pub url: Option<String>,
    /// The actors it concerns (keys of `actors.toml`), each with its line.
    pub actors: Option<Vec<At<String>>>,
}

const FIGURE_FIELDS: &[&str] = &["value", "label", "date", "source", "url", "actors"];

const FIGURE_EXAMPLE: &str = "{ value = \"2 milliards de dollars\", label = \"volés par des cyberattaques\", date = 2019, source = \"…\" }";

/// `figures = [{ … }, { … }]` (`[[figures]]` tables in TOML), or one table alone.
pub(super) fn figures(node: Node) -> Result<Option<At<Vec<At<FigureEntry>>>>, Fail> {
    tables("figures", node, FIGURE_EXAMPLE, figure)
}

fn figure(at: &str, line: usize, fields: Vec<(String, Node)>) -> Result<FigureEntry, Fail> {
    let mut entry = FigureEntry::default();
    let (mut value, mut label) = (None, None);
    for (field, node) in fields {
        let name = format!("{at}.{field}");
        let value_line = node.line;
        let read = match field.as_str() {
            "value" => text(&name, node).map(|t| value = t),
            "label" => text(&name, node).map(|t| label = t),
            "date" => figure_date(&name, node).map(|d| entry.date = d),
            "source" => text(&name, node).map(|t| entry.source = t.map(|t| t.value)),
            "url" => text(&name, node).map(|t| entry.url = t.map(|t| t.value)),
            "actors" => keys(&name, node).map(|a| entry.actors = a),
            _ => Err(unknown_field(&field, FIGURE_FIELDS, &format!("{at}."))),
        };
        read.map_err(|message| (value_line, message))?;
    }
    let required = |field: &str, what: &str, given: Option<At<String>>| match given
        .filter(|t| !t.value.trim().is_empty())
    {
        Some(t) => Ok(t.value.trim().to_string()),
        None => Err((line, format!("`{at}` needs a `{field}`: {what}"))),
    };
    entry.value = required(
        "value",
        "the figure with its unit, such as \"2 milliards de dollars\"",
        value,
    )?;
    entry.label = required(
        "label",
        "what it measures, such as \"volés par des cyberattaques\"",
        label,
    )?;
    entry.source = trimmed(entry.source);
    entry.url = trimmed(entry.url);
    Ok(entry)
}

fn trimmed(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

/// A year (`2019`, or `"2019"`) or a day (`2019-08-05`).
fn figure_date(name: &str, node: Node) -> Result<Option<FigureDate>, String> {
    let year = match &node.value {
        Value::Integer(n) => Some(*n),
        Value::Text(text) if text.trim().len() == 4 => text.trim().parse().ok(),
        _ => None,
    };
    if let Some(year) = year {
        return match i32::try_from(year) {
            Ok(year) if (1..=9999).contains(&year) => Ok(Some(FigureDate::Year(year))),
            _ => Err(format!(
                "`{name}` is the year {year}, which is not one: write a year such as 2019, or a date such as 2019-08-05"
            )),
        };
    }
    let found = node.value.describe();
    let day = date(name, node).map_err(|_| {
        format!("`{name}` is {found}, not a date: write a year such as 2019, or a day such as 2019-08-05 (in TOML without quotes)")
    })?;
    Ok(day.map(|d| FigureDate::Day(d.value)))
}

/// A list of keys of `actors.toml`, each with its line; one key alone is a list of one.
fn keys(name: &str, node: Node) -> Result<Option<Vec<At<String>>>, String> {
    Ok(texts(name, node)?.map(|keys| {
        keys.value
            .into_iter()
            .map(|key| At {
                value: key.value.trim().to_string(),
                line: key.line,
            })
            .collect()
    }))
}
