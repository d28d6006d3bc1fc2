//! What `dossier new` writes, from its options: the path, the language, the topic, the title,
//! and for a translation what pairs it with its original.

use std::path::Path;

use super::NewOptions;
use crate::config::Config;
use crate::error::{Error, Result, suggestion};
use crate::model;

/// What the new file will be.
#[derive(Debug, PartialEq)]
pub(super) struct Plan {
    /// `content/…/<name>.<lang>.md`, with `/`.
    pub(super) path: String,
    pub(super) lang: usize,
    pub(super) title: String,
    /// The topic, for an original.
    pub(super) topic: Option<usize>,
    /// For a translation: the original's file, title and summary, and the key both share.
    pub(super) translates: Option<Translates>,
    /// The key to add to the original, which has none and a different name.
    pub(super) key_for_original: Option<String>,
}

#[derive(Debug, PartialEq)]
pub(super) struct Translates {
    pub(super) file: String,
    pub(super) title: String,
    pub(super) summary: Option<String>,
    pub(super) key: Option<String>,
}

pub(super) fn plan(
    config: &Config,
    options: &NewOptions,
    original: Option<&model::Draft>,
) -> Result<Plan> {
    let asked_lang = match &options.lang {
        Some(code) => Some(crate::commands::language_option(config, code)?),
        None => None,
    };
    let asked_topic = match &options.topic {
        Some(key) => Some(
            config
                .topic(key)
                .ok_or_else(|| unknown_topic(config, key))?,
        ),
        None => None,
    };
    let path = path_of(config, options, original, asked_topic)?;
    let (path, lang) = with_language(config, &path, asked_lang)?;
    if let Some(original) = original {
        if original.lang() == lang {
            return Err(Error::Usage(format!(
                "{} is in {} already: a translation is in another language (--lang)",
                original.file(),
                config.languages[lang].code
            )));
        }
    }
    let folder_topic = path
        .strip_prefix("content/")
        .and_then(|rest| rest.split_once('/'))
        .and_then(|(first, _)| config.topic(first));
    let topic = match original {
        Some(_) => None,
        None => Some(asked_topic.or(folder_topic).ok_or_else(|| {
            Error::Usage(format!(
                "{path}: its folder is not a topic: give one with --topic (topics: {})",
                config.topic_keys()
            ))
        })?),
    };
    let title = match (&options.title, original) {
        (Some(title), _) => title.trim().to_string(),
        (None, Some(original)) => original.title().to_string(),
        (None, None) => title_from_name(&path),
    };
    let same_name = original.is_some_and(|o| stem_key(o.file()) == stem_key(&path));
    let (key, key_for_original) = match original {
        Some(o) if !same_name => match o.translation_key() {
            Some(key) => (Some(key.to_string()), None),
            None => {
                let key = stem_key(o.file())
                    .rsplit('/')
                    .next()
                    .unwrap_or("")
                    .to_string();
                (Some(key.clone()), Some(key))
            }
        },
        _ => (None, None),
    };
    Ok(Plan {
        path,
        lang,
        title,
        topic,
        translates: original.map(|o| Translates {
            file: o.file().to_string(),
            title: o.title().to_string(),
            summary: o.summary().map(str::to_string),
            key,
        }),
        key_for_original,
    })
}

/// The new file's path without its language: PATH (a bare name with `--topic` in the topic's
/// folder), or beside the original, or from `--topic` and `--title`.
fn path_of(
    config: &Config,
    options: &NewOptions,
    original: Option<&model::Draft>,
    asked_topic: Option<usize>,
) -> Result<String> {
    let bare_name = options
        .path
        .as_ref()
        .filter(|p| p.components().count() == 1);
    Ok(match &options.path {
        // A bare name with `--topic`: in the topic's folder.
        Some(path) if bare_name.is_some() && asked_topic.is_some() => format!(
            "content/{}/{}",
            asked_topic.map_or("", |t| config.topics[t].key.as_str()),
            path.display()
        ),
        Some(path) => content_path(&options.root, path)?,
        None => match original {
            // The translation beside its original, with the same name: paired by name.
            Some(original) => {
                let file = original.file();
                let (folder, _) = file.rsplit_once('/').unwrap_or(("content", file));
                let name = file.rsplit('/').next().unwrap_or(file);
                let stem = name.strip_suffix(".md").unwrap_or(name);
                let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
                format!("{folder}/{stem}")
            }
            None => match (&options.title, asked_topic) {
                (Some(title), Some(topic)) => format!(
                    "content/{}/{}",
                    config.topics[topic].key,
                    model::suggest_slug(title)
                ),
                _ => {
                    return Err(Error::Usage(
                        "name the new file (dossier new content/<topic>/<name>.<lang>.md), or give --topic and --title".into(),
                    ));
                }
            },
        },
    })
}

/// The path under the root, `content/…` with `/`: PATH as given from the current folder
/// (`site/content/x.fr.md` with `--root site`) or from the root (`content/x.fr.md`), or a
/// path inside `content/` (`sanctions/x.fr.md`).
pub(super) fn content_path(root: &Path, path: &Path) -> Result<String> {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let text = relative.to_string_lossy().replace('\\', "/");
    let text = text.trim_start_matches("./");
    if path.is_absolute() && relative == path {
        return Err(Error::Usage(format!(
            "{}: outside the site root {} (give --root)",
            path.display(),
            root.display()
        )));
    }
    if text.split('/').any(|s| s == "..") {
        return Err(Error::Usage(format!(
            "{text}: must stay inside the site's content/ folder"
        )));
    }
    Ok(if text.starts_with("content/") {
        text.to_string()
    } else {
        format!("content/{text}")
    })
}

/// The path with its language suffix and `.md`, and the language: from the name
/// (`x.fr.md`) or `--lang`, which must agree.
fn with_language(config: &Config, path: &str, asked: Option<usize>) -> Result<(String, usize)> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let without_md = name.strip_suffix(".md").unwrap_or(name);
    let named = without_md
        .rsplit_once('.')
        .map(|(_, code)| (code, config.language(code)));
    match (named, asked) {
        (Some((_, Some(named))), Some(asked)) if named != asked => Err(Error::Usage(format!(
            "{path} is named for {} but --lang says {}",
            config.languages[named].code, config.languages[asked].code
        ))),
        (Some((_, Some(named))), _) => Ok((with_md(path), named)),
        (Some((code, None)), None) if name.ends_with(".md") => {
            let known: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
            let hint = suggestion(code, known.iter().copied(), "\"");
            Err(Error::Usage(format!(
                "{path}: unknown language suffix \"{code}\" ({hint}languages: {})",
                config.language_codes()
            )))
        }
        (_, Some(asked)) => {
            let base = path.strip_suffix(".md").unwrap_or(path);
            Ok((format!("{base}.{}.md", config.languages[asked].code), asked))
        }
        (_, None) => Err(Error::Usage(format!(
            "{path}: say its language, in its name ({}.<lang>.md) or with --lang (languages: {})",
            path.strip_suffix(".md").unwrap_or(path),
            config.language_codes()
        ))),
    }
}

fn with_md(path: &str) -> String {
    if path.ends_with(".md") {
        path.to_string()
    } else {
        format!("{path}.md")
    }
}

/// `folder/stem` of a content path, as the model pairs files by name.
fn stem_key(path: &str) -> String {
    let without_md = path.strip_suffix(".md").unwrap_or(path);
    without_md
        .rsplit_once('.')
        .map_or(without_md, |(s, _)| s)
        .to_string()
}

/// `sanctions-2026.fr.md` → "Sanctions 2026".
fn title_from_name(path: &str) -> String {
    let stem = stem_key(path);
    let mut name = stem.rsplit('/').next().unwrap_or(&stem);
    if name == "index" {
        name = stem.rsplit('/').nth(1).unwrap_or(name);
    }
    let words = name.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Untitled".to_string(),
    }
}

fn unknown_topic(config: &Config, key: &str) -> Error {
    let keys: Vec<&str> = config.topics.iter().map(|t| t.key.as_str()).collect();
    let hint = suggestion(key, keys.iter().copied(), "\"");
    Error::Usage(format!(
        "--topic {key}: not a topic of the dossier ({hint}topics: {})",
        config.topic_keys()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_from_names() {
        assert_eq!(
            title_from_name("content/sanctions/sanctions-2026.fr.md"),
            "Sanctions 2026"
        );
        assert_eq!(
            title_from_name("content/x/etat-des-lieux/index.fr.md"),
            "Etat des lieux"
        );
        assert_eq!(title_from_name("content/a/élan_vital.fr.md"), "Élan vital");
    }

    #[test]
    fn paths_are_taken_from_the_root_or_from_content() {
        let root = Path::new("site");
        let p = |s: &str| content_path(root, Path::new(s)).unwrap();
        assert_eq!(p("site/content/a/b.fr.md"), "content/a/b.fr.md");
        assert_eq!(p("content/a/b.fr.md"), "content/a/b.fr.md");
        assert_eq!(p("./a/b"), "content/a/b");
        assert!(content_path(root, Path::new("../x.fr.md")).is_err());
        assert!(content_path(root, Path::new("/elsewhere/x.fr.md")).is_err());
    }
}
