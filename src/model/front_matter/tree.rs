//! Front matter in any of its three formats as one tree of values with their file lines, so
//! that TOML, YAML and JSON are read by the same field rules and give the same messages.

use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};
use toml::de::{DeTable, DeValue};

use super::LineError;
use crate::error::{LineIndex, explain_serde_message};

/// The three ways a front matter is written, told apart by its first line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Between `+++` lines.
    Toml,
    /// Between `---` lines.
    Yaml,
    /// One object, from a `{` line to a `}` line.
    Json,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Toml => "TOML",
            Format::Yaml => "YAML",
            Format::Json => "JSON",
        }
    }
}

/// A value and the file line it is written on.
#[derive(Debug)]
pub(super) struct Node {
    pub(super) line: usize,
    pub(super) value: Value,
}

#[derive(Debug)]
pub(super) enum Value {
    /// YAML's `~` or an empty value, JSON's `null`.
    Null,
    Bool(bool),
    Integer(i64),
    Float(f64),
    Text(String),
    /// An unquoted TOML date or datetime.
    Datetime(toml::value::Datetime),
    List(Vec<Node>),
    /// Keys in the order written, each with its line.
    Table(Vec<(String, Node)>),
}

impl Value {
    /// What the value is, for messages: `the text "x"`, `a list`.
    pub(super) fn describe(&self) -> String {
        match self {
            Value::Null => "nothing".into(),
            Value::Bool(b) => format!("`{b}`"),
            Value::Integer(n) => format!("the number {n}"),
            Value::Float(n) => format!("the number {n}"),
            Value::Text(text) => format!("the text \"{}\"", shorten(text).escape_debug()),
            Value::Datetime(date) => format!("`{date}`"),
            Value::List(_) => "a list".into(),
            Value::Table(_) => "a table".into(),
        }
    }
}

fn shorten(text: &str) -> String {
    let mut short: String = text.chars().take(60).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

/// Parses `text`, which starts on file line `first_line`, into a table.
pub(super) fn parse(format: Format, text: &str, first_line: usize) -> Result<Node, LineError> {
    let root = match format {
        Format::Toml => from_toml(text, first_line)?,
        Format::Json => {
            // serde_json for JSON's own rules (no comments, no trailing commas, quoted keys),
            // then the YAML loader, of which JSON is a subset, for the lines of every value.
            if let Err(error) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
                let message = error.to_string();
                let message = message
                    .rsplit_once(" at line ")
                    .map_or(message.as_str(), |(m, _)| m);
                let hint = match message {
                    "trailing comma" | "key must be a string" => {
                        " (JSON allows no comma after the last field, and writes keys in double quotes)"
                    }
                    _ => "",
                };
                return Err(LineError::new(
                    first_line + error.line().max(1) - 1,
                    format!("invalid JSON: {message}{hint}"),
                ));
            }
            from_yaml(text, first_line, format)?
        }
        Format::Yaml => from_yaml(text, first_line, format)?,
    };
    match root.value {
        Value::Table(_) => Ok(root),
        // An empty YAML front matter.
        Value::Null => Ok(Node {
            line: first_line,
            value: Value::Table(Vec::new()),
        }),
        other => Err(LineError::new(
            root.line,
            format!(
                "the front matter is {}, not a set of fields such as `title`",
                other.describe()
            ),
        )),
    }
}

fn from_toml(text: &str, first_line: usize) -> Result<Node, LineError> {
    let lines = LineIndex::new(text);
    let line_of = |offset: usize| first_line + lines.line(offset) - 1;
    let table = DeTable::parse(text).map_err(|error| {
        let line = error.span().map_or(first_line, |span| line_of(span.start));
        LineError::new(line, explain_serde_message(error.message()))
    })?;
    Ok(Node {
        line: first_line,
        value: toml_table(table.get_ref(), &line_of),
    })
}

fn toml_table(table: &DeTable<'_>, line_of: &dyn Fn(usize) -> usize) -> Value {
    Value::Table(
        table
            .iter()
            .map(|(key, value)| {
                let mut node = toml_node(value, line_of);
                node.line = line_of(key.span().start);
                (key.get_ref().to_string(), node)
            })
            .collect(),
    )
}

fn toml_node(value: &toml::Spanned<DeValue<'_>>, line_of: &dyn Fn(usize) -> usize) -> Node {
    let line = line_of(value.span().start);
    let value = match value.get_ref() {
        DeValue::String(text) => Value::Text(text.to_string()),
        DeValue::Integer(n) => i64::from_str_radix(n.as_str(), n.radix())
            .map_or_else(|_| Value::Text(n.to_string()), Value::Integer),
        DeValue::Float(n) => n
            .as_str()
            .parse()
            .map_or_else(|_| Value::Text(n.as_str().into()), Value::Float),
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(date) => Value::Datetime(*date),
        DeValue::Array(items) => Value::List(items.iter().map(|i| toml_node(i, line_of)).collect()),
        DeValue::Table(table) => toml_table(table, line_of),
    };
    Node { line, value }
}

/// File lines of the YAML loader's positions. Its markers count characters, and count a lone
/// `\r` as a line break, which our lines (and editors) do not: the line is found from the
/// character index.
struct YamlLines {
    first_line: usize,
    /// Character index of each `\n`.
    breaks: Vec<usize>,
}

impl YamlLines {
    fn new(text: &str, first_line: usize) -> Self {
        let breaks = text
            .chars()
            .enumerate()
            .filter(|(_, c)| *c == '\n')
            .map(|(i, _)| i)
            .collect();
        YamlLines { first_line, breaks }
    }

    fn line(&self, marker: &saphyr::Marker) -> usize {
        let index = marker.index().min(self.breaks.last().map_or(0, |&b| b));
        self.first_line + self.breaks.partition_point(|&b| b < index)
    }
}

fn from_yaml(text: &str, first_line: usize, format: Format) -> Result<Node, LineError> {
    let lines = YamlLines::new(text, first_line);
    let documents = MarkedYaml::load_from_str(text).map_err(|error| {
        LineError::new(
            lines.line(error.marker()),
            format!("invalid {}: {}", format.name(), error.info()),
        )
    })?;
    let mut documents = documents.into_iter();
    let Some(root) = documents.next() else {
        return Ok(Node {
            line: first_line,
            value: Value::Null,
        });
    };
    if let Some(second) = documents.next() {
        return Err(LineError::new(
            lines.line(&second.span.start),
            "a second YAML document inside the front matter: close it with one `---` line",
        ));
    }
    yaml_node(&root, &lines)
}

fn yaml_node(node: &MarkedYaml<'_>, lines: &YamlLines) -> Result<Node, LineError> {
    let line = lines.line(&node.span.start);
    let value = match &node.data {
        YamlData::Value(scalar) => match scalar {
            Scalar::Null => Value::Null,
            Scalar::Boolean(b) => Value::Bool(*b),
            Scalar::Integer(n) => Value::Integer(*n),
            Scalar::FloatingPoint(n) => Value::Float(n.into_inner()),
            Scalar::String(text) => Value::Text(text.to_string()),
        },
        YamlData::Representation(text, _, _) => Value::Text(text.to_string()),
        YamlData::Sequence(items) => Value::List(
            items
                .iter()
                .map(|item| yaml_node(item, lines))
                .collect::<Result<_, _>>()?,
        ),
        YamlData::Mapping(mapping) => {
            let mut entries = Vec::with_capacity(mapping.len());
            for (key, value) in mapping {
                let key_node = yaml_node(key, lines)?;
                let name = match key_node.value {
                    Value::Text(name) => name,
                    other => {
                        return Err(LineError::new(
                            key_node.line,
                            format!("a field name must be text, not {}", other.describe()),
                        ));
                    }
                };
                let mut value = yaml_node(value, lines)?;
                value.line = key_node.line;
                entries.push((name, value));
            }
            Value::Table(entries)
        }
        YamlData::Tagged(_, inner) => return yaml_node(inner, lines),
        YamlData::Alias(_) => {
            return Err(LineError::new(
                line,
                "YAML aliases (`*name`) are not read in front matter: write the value out",
            ));
        }
        YamlData::BadValue => {
            return Err(LineError::new(line, "invalid YAML value"));
        }
    };
    Ok(Node { line, value })
}
