//! The configuration checked into a [`Config`]: every problem reported with its line, UI strings
//! completed from the other languages with a warning.

use indexmap::IndexMap;

use super::raw::{RawConfig, RawLanguage, RawTopicText, Typography};
use super::{
    CONFIG_FILE, Config, ImportPatterns, Language, REQUIRED_STRINGS, Topic, line_of_key,
    normalize_base_url,
};
use crate::error::{Diagnostic, Problems};
use crate::text::typography;

pub(super) fn validate(raw: RawConfig, text: &str, problems: &mut Problems) -> Config {
    let (base_url, custom_domain) = site_address(&raw, text, problems);
    let (mut languages, default_language) = read_languages(&raw, text, problems);
    let topics = read_topics(&raw, &languages, text, problems);
    for lang in raw.strings.keys() {
        if !raw.languages.contains_key(lang) {
            error(
                problems,
                text,
                &format!("strings.{lang}"),
                format!(
                    "[strings.{lang}] is for an undeclared language (known: {})",
                    language_list(&languages)
                ),
            );
        }
    }
    let import = import_patterns(&raw, text, problems);
    resolve_strings(
        &raw.strings,
        &mut languages,
        default_language,
        text,
        problems,
    );
    Config {
        base_url,
        custom_domain,
        feeds: raw.feeds,
        lists: raw.lists,
        briefing: raw.briefing,
        languages,
        default_language,
        topics,
        markdown: raw.markdown,
        editors: raw.editors,
        outputs: raw.outputs,
        import,
        actors: super::Actors::default(),
    }
}

/// A problem with the key `key` of the configuration, on its line.
fn error(problems: &mut Problems, text: &str, key: &str, message: String) {
    problems.error(Diagnostic::new(
        CONFIG_FILE,
        line_of_key(text, key),
        message,
    ));
}

/// The site's base URL and custom domain; the feeds' length checked.
fn site_address(raw: &RawConfig, text: &str, problems: &mut Problems) -> (String, Option<String>) {
    let base_url = match normalize_base_url(&raw.base_url) {
        Ok(url) => url,
        Err(problem) => {
            let url = raw.base_url.trim();
            error(
                problems,
                text,
                "base_url",
                format!("base_url \"{url}\" {problem}"),
            );
            String::new()
        }
    };

    let custom_domain = raw
        .custom_domain
        .as_deref()
        .map(str::trim)
        .map(str::to_string);
    if let Some(domain) = &custom_domain {
        let host = super::host_of(&base_url);
        if is_domain(domain) && !base_url.is_empty() && !host.eq_ignore_ascii_case(domain) {
            problems.warn(Diagnostic::new(
                CONFIG_FILE,
                line_of_key(text, "custom_domain"),
                format!(
                    "custom_domain \"{domain}\" is not the host of base_url ({host}): GitHub Pages will serve the site at {domain}, while its links, feeds and sitemap name {host}; make them agree"
                ),
            ));
        }
        if !is_domain(domain) {
            error(
                problems,
                text,
                "custom_domain",
                format!(
                    "custom_domain \"{}\" must be a bare domain name, like dossier.example.org (no https://, no path)",
                    domain.escape_debug()
                ),
            );
        }
    }
    if raw.feeds.entries == 0 {
        error(
            problems,
            text,
            "entries",
            "[feeds] entries must be at least 1".into(),
        );
    }
    if raw.lists.per_page == 0 {
        error(
            problems,
            text,
            "per_page",
            "[lists] per_page must be at least 1".into(),
        );
    }

    (base_url, custom_domain)
}

/// The languages, in the config's order, and the index of the default one.
fn read_languages(raw: &RawConfig, text: &str, problems: &mut Problems) -> (Vec<Language>, usize) {
    if raw.languages.is_empty() {
        error(
            problems,
            text,
            "languages",
            "no language declared: add a [languages.<code>] table".into(),
        );
    }
    let codes: Vec<&String> = raw.languages.keys().collect();
    let default_language = match codes.iter().position(|c| **c == raw.default_language) {
        Some(index) => index,
        None => {
            let known: Vec<&str> = codes.iter().map(|c| c.as_str()).collect();
            error(
                problems,
                text,
                "default_language",
                format!(
                    "default_language \"{}\" is not a declared language (known: {})",
                    raw.default_language,
                    known.join(", ")
                ),
            );
            0
        }
    };

    let languages = raw
        .languages
        .iter()
        .map(|(code, lang)| read_language(code, lang, text, problems))
        .collect();
    (languages, default_language)
}

/// One `[languages.<code>]` table: its code, page folders and texts checked.
fn read_language(code: &str, lang: &RawLanguage, text: &str, problems: &mut Problems) -> Language {
    if !is_language_code(code) {
        error(
            problems,
            text,
            code,
            format!("\"{code}\" is not a language code (like fr, en, pt-BR)"),
        );
    }
    if lang.months.len() != 12 {
        error(
            problems,
            text,
            "months",
            format!(
                "[languages.{code}] months must list 12 names, not {}",
                lang.months.len()
            ),
        );
    }
    for (field, value) in [
        ("topics_path", &lang.topics_path),
        ("articles_path", &lang.articles_path),
        ("timeline_path", &lang.timeline_path),
        ("search_path", &lang.search_path),
        ("status_path", &lang.status_path),
        ("parallel_anchor", &lang.parallel_anchor),
        ("briefing_path", &lang.briefing_path),
        ("actors_path", &lang.actors_path),
        ("ebook_name", &lang.ebook_name),
    ] {
        if !is_slug(value) {
            error(
                problems,
                text,
                field,
                format!(
                    "[languages.{code}] {field} \"{value}\" must be lowercase letters, digits and dashes"
                ),
            );
        }
    }
    // Each page folder of a language is its own: two that share a name would write their
    // pages over each other.
    let folders = [
        ("topics_path", &lang.topics_path),
        ("articles_path", &lang.articles_path),
        ("timeline_path", &lang.timeline_path),
        ("search_path", &lang.search_path),
        ("status_path", &lang.status_path),
        ("briefing_path", &lang.briefing_path),
        ("actors_path", &lang.actors_path),
    ];
    for (i, (field, value)) in folders.iter().enumerate() {
        if let Some((other, _)) = folders[..i].iter().find(|(_, v)| v == value) {
            error(
                problems,
                text,
                field,
                format!(
                    "[languages.{code}] {field} \"{value}\" is also its {other}: each kind of page needs a folder of its own"
                ),
            );
        }
    }
    let french = lang.typography == Typography::French;
    let set = |s: &str| {
        if french {
            typography::french(s).into_owned()
        } else {
            s.to_string()
        }
    };
    Language {
        code: code.to_string(),
        name: lang.name.clone(),
        title: set(&lang.title),
        description: set(&lang.description),
        date_format: lang.date_format.clone(),
        months: lang.months.clone(),
        first_day: lang.first_day.clone(),
        french_typography: french,
        topics_path: lang.topics_path.clone(),
        articles_path: lang.articles_path.clone(),
        timeline_path: lang.timeline_path.clone(),
        search_path: lang.search_path.clone(),
        status_path: lang.status_path.clone(),
        parallel_anchor: lang.parallel_anchor.clone(),
        briefing_path: lang.briefing_path.clone(),
        actors_path: lang.actors_path.clone(),
        ebook_name: lang.ebook_name.clone(),
        strings: IndexMap::new(),
    }
}

/// The topics, in the config's order: each with a name in every language.
fn read_topics(
    raw: &RawConfig,
    languages: &[Language],
    text: &str,
    problems: &mut Problems,
) -> Vec<Topic> {
    let topics: Vec<Topic> = raw
        .topics
        .iter()
        .map(|(key, texts)| read_topic(key, texts, &raw.languages, languages, text, problems))
        .collect();
    if topics.is_empty() {
        error(
            problems,
            text,
            "topics",
            "no topic declared: add a [topics.<key>.<lang>] table".into(),
        );
    }
    topics
}

/// One `[topics.<key>.<lang>]` group of tables.
fn read_topic(
    key: &str,
    texts: &IndexMap<String, RawTopicText>,
    declared: &IndexMap<String, RawLanguage>,
    languages: &[Language],
    text: &str,
    problems: &mut Problems,
) -> Topic {
    if !is_slug(key) {
        error(
            problems,
            text,
            key,
            format!("topic key \"{key}\" must be lowercase letters, digits and dashes"),
        );
    }
    for lang in texts.keys() {
        if !declared.contains_key(lang) {
            error(
                problems,
                text,
                key,
                format!(
                    "topic \"{key}\" has text in \"{lang}\", which is not a declared language (known: {})",
                    language_list(languages)
                ),
            );
        }
    }
    let mut names = Vec::new();
    let mut descriptions = Vec::new();
    let mut keywords = Vec::new();
    for language in languages {
        match texts.get(&language.code) {
            Some(own) => {
                names.push(language.typeset(&own.name));
                descriptions.push(language.typeset(&own.description));
                for keyword in &own.keywords {
                    if keyword.split_whitespace().next().is_none() {
                        error(
                            problems,
                            text,
                            "keywords",
                            format!(
                                "[topics.{key}.{}] keywords: an empty keyword",
                                language.code
                            ),
                        );
                    }
                }
                keywords.push(own.keywords.clone());
            }
            None => {
                error(
                    problems,
                    text,
                    key,
                    format!(
                        "topic \"{key}\" has no name in \"{}\": add [topics.{key}.{}]",
                        language.code, language.code
                    ),
                );
                names.push(key.to_string());
                descriptions.push(String::new());
                keywords.push(Vec::new());
            }
        }
    }
    Topic {
        key: key.to_string(),
        names,
        descriptions,
        keywords,
    }
}

/// `[import] debris`, each a regular expression matched against a whole line, ignoring case.
fn import_patterns(raw: &RawConfig, text: &str, problems: &mut Problems) -> ImportPatterns {
    let mut debris = Vec::new();
    for pattern in &raw.import.debris {
        match regex::RegexBuilder::new(&format!("^(?:{pattern})$"))
            .case_insensitive(true)
            .build()
        {
            Ok(regex) => debris.push(regex),
            Err(problem) => {
                let detail = problem.to_string();
                let last = detail.lines().last().unwrap_or("").trim();
                error(
                    problems,
                    text,
                    "debris",
                    format!(
                        "[import] debris: \"{}\" is not a regular expression ({})",
                        pattern.escape_debug(),
                        last.trim_start_matches("error: ")
                    ),
                );
            }
        }
    }
    ImportPatterns { debris }
}

/// Fills every language's UI strings: its own, else the default language's, else any other's.
fn resolve_strings(
    raw: &IndexMap<String, IndexMap<String, String>>,
    languages: &mut [Language],
    default_language: usize,
    text: &str,
    problems: &mut Problems,
) {
    let mut keys: Vec<String> = REQUIRED_STRINGS.iter().map(|k| k.to_string()).collect();
    keys.extend(languages.iter().map(|l| format!("only_{}", l.code)));
    for table in raw.values() {
        for key in table.keys() {
            if !keys.contains(key) {
                keys.push(key.clone());
            }
        }
    }
    let codes: Vec<String> = languages.iter().map(|l| l.code.clone()).collect();
    let mut order: Vec<usize> = vec![default_language];
    order.extend((0..codes.len()).filter(|&i| i != default_language));
    for (index, language) in languages.iter_mut().enumerate() {
        for key in &keys {
            let own = raw.get(&codes[index]).and_then(|t| t.get(key));
            let value = match own {
                Some(value) => value.clone(),
                None => match order
                    .iter()
                    .find_map(|&i| raw.get(&codes[i]).and_then(|t| t.get(key)).map(|v| (i, v)))
                {
                    Some((from, value)) => {
                        problems.warn(Diagnostic::new(
                            CONFIG_FILE,
                            line_of_key(text, &format!("strings.{}", codes[index])),
                            format!(
                                "UI string `{key}` is missing in \"{}\"; using the \"{}\" one",
                                codes[index], codes[from]
                            ),
                        ));
                        value.clone()
                    }
                    None => {
                        // Said once, not once per language.
                        if index == 0 {
                            problems.error(Diagnostic::new(
                                CONFIG_FILE,
                                line_of_key(text, "strings"),
                                format!("UI string `{key}` is missing in every language: add it under [strings.<lang>]"),
                            ));
                        }
                        String::new()
                    }
                },
            };
            let value = language.typeset(&value);
            language.strings.insert(key.clone(), value);
        }
        for (key, french, english, fallback) in super::built_in::BUILT_IN_STRINGS {
            if !language.strings.contains_key(*key) {
                let value = match language.code.split('-').next() {
                    Some("fr") => french.to_string(),
                    Some("en") => english.to_string(),
                    _ => language.string(fallback).to_string(),
                };
                let value = language.typeset(&value);
                language.strings.insert(key.to_string(), value);
            }
        }
    }
}

fn language_list(languages: &[Language]) -> String {
    let codes: Vec<&str> = languages.iter().map(|l| l.code.as_str()).collect();
    codes.join(", ")
}

pub(super) fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Lowercase ASCII letters, digits and inner dashes: safe as a URL segment and a file name.
pub(super) fn is_slug(value: &str) -> bool {
    !value.is_empty()
        && !value.starts_with('-')
        && !value.ends_with('-')
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A host name for `CNAME`: dot-separated labels of letters, digits and inner dashes.
pub(super) fn is_domain(value: &str) -> bool {
    value.len() <= 253
        && value.contains('.')
        && value.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}
