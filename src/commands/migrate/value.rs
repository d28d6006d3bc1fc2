//! The values of another generator's configuration and front matter, whatever their format
//! (TOML, YAML with its anchors and merge keys, JSON), as one tree; and written back as TOML.

use indexmap::IndexMap;

pub(super) use crate::text::quoted;

/// A configuration or front-matter value, keys in the order written.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Val {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    /// A TOML date or date-time, as written (`2024-02-12`, `2023-11-14T09:30:00+01:00`).
    Date(String),
    List(Vec<Val>),
    Map(IndexMap<String, Val>),
}

impl Val {
    pub(super) fn get(&self, key: &str) -> Option<&Val> {
        match self {
            Val::Map(map) => map.get(key),
            _ => None,
        }
    }

    /// The value at a dotted path (`languages.fr.params.description`).
    pub(super) fn at(&self, path: &str) -> Option<&Val> {
        path.split('.').try_fold(self, |val, key| val.get(key))
    }

    /// A string, or a number or boolean as text.
    pub(super) fn text(&self) -> Option<String> {
        match self {
            Val::Str(s) | Val::Date(s) => Some(s.clone()),
            Val::Int(n) => Some(n.to_string()),
            Val::Float(n) => Some(n.to_string()),
            Val::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    pub(super) fn str(&self) -> Option<&str> {
        match self {
            Val::Str(s) => Some(s),
            _ => None,
        }
    }

    pub(super) fn is_true(&self) -> bool {
        matches!(self, Val::Bool(true)) || matches!(self, Val::Str(s) if s == "true")
    }

    /// Texts: a list of them, or one.
    pub(super) fn texts(&self) -> Vec<String> {
        match self {
            Val::List(items) => items.iter().filter_map(Val::text).collect(),
            Val::Null => Vec::new(),
            other => other.text().into_iter().collect(),
        }
    }

    pub(super) fn entries(&self) -> impl Iterator<Item = (&String, &Val)> {
        let map = match self {
            Val::Map(map) => Some(map),
            _ => None,
        };
        map.into_iter().flatten()
    }

    /// The same value with every key lower-cased, as Hugo reads its configuration and front
    /// matter (`translationKey` is `translationkey`).
    pub(super) fn lowercase_keys(self) -> Val {
        match self {
            Val::Map(map) => Val::Map(
                map.into_iter()
                    .map(|(k, v)| (k.to_lowercase(), v.lowercase_keys()))
                    .collect(),
            ),
            Val::List(items) => Val::List(items.into_iter().map(Val::lowercase_keys).collect()),
            other => other,
        }
    }

    /// `value` put at `path` (tables made on the way), its keys merged into a table already
    /// there, the values already there kept.
    pub(super) fn merge_at(&mut self, path: &[String], value: Val) {
        let Val::Map(map) = self else { return };
        match path.split_first() {
            None => {}
            Some((last, [])) => match (map.get_mut(last), value) {
                (Some(existing @ Val::Map(_)), Val::Map(new)) => {
                    for (k, v) in new {
                        existing.merge_at(std::slice::from_ref(&k), v);
                    }
                }
                (Some(_), _) => {}
                (None, value) => {
                    map.insert(last.clone(), value);
                }
            },
            Some((first, rest)) => {
                let entry = map
                    .entry(first.clone())
                    .or_insert_with(|| Val::Map(IndexMap::new()));
                entry.merge_at(rest, value);
            }
        }
    }

    /// The value as TOML on one line (inline tables and arrays), for a field or a comment.
    pub(super) fn toml(&self) -> String {
        match self {
            Val::Null => "\"\"".into(),
            Val::Bool(b) => b.to_string(),
            Val::Int(n) => n.to_string(),
            Val::Float(n) if n.is_finite() => {
                let text = n.to_string();
                if text.contains(['.', 'e', 'E']) {
                    text
                } else {
                    format!("{text}.0")
                }
            }
            Val::Float(n) => if n.is_nan() {
                "nan"
            } else if *n > 0.0 {
                "inf"
            } else {
                "-inf"
            }
            .into(),
            Val::Str(s) => quoted(s),
            Val::Date(d) => d.clone(),
            Val::List(items) => {
                let items: Vec<String> = items.iter().map(Val::toml).collect();
                format!("[{}]", items.join(", "))
            }
            Val::Map(map) => {
                let entries: Vec<String> = map
                    .iter()
                    .map(|(k, v)| format!("{} = {}", key(k), v.toml()))
                    .collect();
                format!("{{ {} }}", entries.join(", "))
            }
        }
    }
}

/// A TOML key: bare when it can be.
pub(super) fn key(name: &str) -> String {
    if !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        name.to_string()
    } else {
        quoted(name)
    }
}

/// Parses TOML text.
pub(super) fn from_toml(text: &str) -> Result<Val, String> {
    let table: toml::Table = toml::from_str(text).map_err(|e| e.message().to_string())?;
    Ok(toml_value(toml::Value::Table(table)))
}

fn toml_value(value: toml::Value) -> Val {
    match value {
        toml::Value::String(s) => Val::Str(s),
        toml::Value::Integer(n) => Val::Int(n),
        toml::Value::Float(n) => Val::Float(n),
        toml::Value::Boolean(b) => Val::Bool(b),
        toml::Value::Datetime(d) => Val::Date(d.to_string()),
        toml::Value::Array(items) => Val::List(items.into_iter().map(toml_value).collect()),
        toml::Value::Table(table) => {
            Val::Map(table.into_iter().map(|(k, v)| (k, toml_value(v))).collect())
        }
    }
}

/// Parses YAML text (or JSON, which YAML reads): anchors resolved, merge keys (`<<: *x`)
/// merged, keys in the order written.
pub(super) fn from_yaml(text: &str) -> Result<Val, String> {
    use saphyr::LoadableYamlNode;
    let documents = saphyr::Yaml::load_from_str(text).map_err(|e| e.to_string())?;
    Ok(documents.first().map_or(Val::Null, yaml_value))
}

fn yaml_value(node: &saphyr::Yaml) -> Val {
    use saphyr::{Scalar, Yaml};
    match node {
        Yaml::Value(scalar) => match scalar {
            Scalar::Null => Val::Null,
            Scalar::Boolean(b) => Val::Bool(*b),
            Scalar::Integer(n) => Val::Int(*n),
            Scalar::FloatingPoint(n) => Val::Float(n.into_inner()),
            Scalar::String(s) => Val::Str(s.to_string()),
        },
        Yaml::Representation(text, _, _) => Val::Str(text.to_string()),
        Yaml::Sequence(items) => Val::List(items.iter().map(yaml_value).collect()),
        Yaml::Mapping(mapping) => {
            let mut map = IndexMap::new();
            let mut merged: Vec<Val> = Vec::new();
            for (k, v) in mapping {
                let name = match yaml_value(k) {
                    Val::Str(s) => s,
                    other => other.text().unwrap_or_default(),
                };
                if name == "<<" {
                    match yaml_value(v) {
                        Val::List(items) => merged.extend(items),
                        other => merged.push(other),
                    }
                } else {
                    map.insert(name, yaml_value(v));
                }
            }
            // Merged keys come after the mapping's own, which win.
            for source in merged {
                for (k, v) in source.entries() {
                    map.entry(k.clone()).or_insert_with(|| v.clone());
                }
            }
            Val::Map(map)
        }
        Yaml::Tagged(_, inner) => yaml_value(inner),
        Yaml::Alias(_) | Yaml::BadValue => Val::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_anchors_and_merge_keys_are_resolved() {
        let val =
            from_yaml("a: &x\n  n: 1\n  m: [2]\nb:\n  <<: *x\n  n: 3\nc: *x\nd: \"2024-01-02\"\n")
                .unwrap();
        assert_eq!(val.at("b.n"), Some(&Val::Int(3)));
        assert_eq!(val.at("b.m"), Some(&Val::List(vec![Val::Int(2)])));
        assert_eq!(val.at("c.n"), Some(&Val::Int(1)));
        assert_eq!(val.at("d").and_then(Val::str), Some("2024-01-02"));
        let keys: Vec<&String> = val.at("b").unwrap().entries().map(|(k, _)| k).collect();
        assert_eq!(keys, ["n", "m"]);
    }

    #[test]
    fn split_configurations_merge_and_keys_fold() {
        let mut base = from_toml("baseURL = \"x\"\n[languages.fr]\nweight = 1\n")
            .unwrap()
            .lowercase_keys();
        base.merge_at(
            &["languages".into(), "fr".into(), "menus".into()],
            from_toml("[[main]]\nname = \"A\"\n").unwrap(),
        );
        base.merge_at(
            &["languages".into()],
            from_toml("[en]\nweight = 2\n[fr]\nweight = 9\n").unwrap(),
        );
        assert_eq!(base.at("baseurl").and_then(Val::str), Some("x"));
        assert_eq!(base.at("languages.fr.weight"), Some(&Val::Int(1)));
        assert_eq!(base.at("languages.en.weight"), Some(&Val::Int(2)));
        assert!(base.at("languages.fr.menus.main").is_some());
    }

    #[test]
    fn values_are_written_as_toml() {
        let val =
            from_toml("a = 2024-02-12T07:00:00+01:00\nb = [\"x\\\"y\", 1.5]\n[c]\nd = true\n")
                .unwrap();
        assert_eq!(val.at("a").unwrap().toml(), "2024-02-12T07:00:00+01:00");
        assert_eq!(val.at("b").unwrap().toml(), "[\"x\\\"y\", 1.5]");
        assert_eq!(val.at("c").unwrap().toml(), "{ d = true }");
        let json = from_yaml("{\"title\": \"T\", \"n\": [1, 2]}").unwrap();
        assert_eq!(json.at("n").unwrap().toml(), "[1, 2]");
    }
}
