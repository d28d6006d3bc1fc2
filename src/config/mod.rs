//! `config.toml`: the site's languages, topics and UI strings, read strictly.
//!
//! Languages and topics are data keyed by language-neutral ids; nothing in the code knows
//! that the dossier is in French and English, except as the languages that must work.

use indexmap::IndexMap;
use serde::Deserialize;

use crate::error::{Diagnostic, Problems, explain_serde_message, line_of_offset};
use crate::text::typography;

pub const CONFIG_FILE: &str = "config.toml";

/// UI strings the built-in templates use. Each must exist in at least one language; a string
/// missing in one language falls back to the default language (or any other) with a warning.
/// `only_<lang>` and `not_translated` are also required, per language.
pub const REQUIRED_STRINGS: &[&str] = &[
    "skip_to_content",
    "home",
    "topics",
    "topics_nav",
    "latest",
    "topic_latest",
    "all_articles",
    "no_articles",
    "published",
    "updated",
    "source",
    "contents",
    "also_in",
    "language",
    "feed",
    "footer",
    "entrance_intro",
    "not_found_title",
    "not_found_text",
    "back_home",
    "not_translated",
    "timeline",
    "timeline_description",
    "timeline_years",
    "search",
    "search_label",
    "search_button",
    "search_description",
    "search_help",
    "search_all",
    "search_noscript",
    "search_none",
    "search_one",
    "search_many",
    "search_more",
    "status",
    "status_description",
    "status_article",
    "status_articles",
    "status_missing",
    "status_original",
    "status_fresh",
    "status_stale",
    "status_unmarked",
    "status_source_missing",
    "parallel",
    "parallel_link",
    "parallel_description",
    "briefing",
    "briefing_description",
    "briefing_as_of",
    "briefing_print",
    "briefing_printed_under",
    "briefing_also",
];

#[derive(Debug, Clone)]
pub struct Config {
    pub base_url: String,
    /// The custom domain of the published site (`dossier.example.org`): written to `CNAME`.
    pub custom_domain: Option<String>,
    pub feeds: FeedOptions,
    pub languages: Vec<Language>,
    /// Index into `languages`.
    pub default_language: usize,
    pub topics: Vec<Topic>,
    pub markdown: MarkdownOptions,
    pub editors: EditorOptions,
    pub outputs: OutputOptions,
    /// `[import]`: what `dossier import` removes besides its built-in patterns.
    pub import: ImportPatterns,
}

/// `[import] debris`: lines of page debris particular to the sites a dossier copies from, each
/// a regular expression matched against a whole line (trimmed), ignoring case.
#[derive(Debug, Clone, Default)]
pub struct ImportPatterns {
    pub debris: Vec<regex::Regex>,
}

#[derive(Debug, Clone)]
pub struct Language {
    pub code: String,
    /// The language's own name for itself (`Français`).
    pub name: String,
    pub title: String,
    pub description: String,
    pub date_format: String,
    pub months: Vec<String>,
    pub first_day: Option<String>,
    pub french_typography: bool,
    /// URL segment of topic pages (`topics`, or a localized `themes`).
    pub topics_path: String,
    pub articles_path: String,
    /// URL segment of the timeline (`timeline`, or a localized `chronologie`).
    pub timeline_path: String,
    /// URL segment of the search page (`search`, or a localized `recherche`).
    pub search_path: String,
    /// URL segment of the editors' translation status page, when published.
    pub status_path: String,
    /// Folder of the side-by-side view under each paired article's page (`side-by-side`, or a
    /// localized `cote-a-cote`).
    pub parallel_path: String,
    /// URL segment of the printable briefing (`briefing`, or a localized `dossier-imprimable`).
    pub briefing_path: String,
    pub strings: IndexMap<String, String>,
}

#[derive(Debug, Clone)]
pub struct Topic {
    pub key: String,
    /// Per language, in the order of `Config::languages`.
    pub names: Vec<String>,
    pub descriptions: Vec<String>,
    /// Per language: the words that suggest this topic to `dossier import`, each a word or a
    /// phrase, matched ignoring case and accents, plurals included; `*` ends a prefix
    /// (`sanction`, `conseil de sécurité`, `cyber*`).
    pub keywords: Vec<Vec<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownOptions {
    /// Raw HTML in Markdown is escaped unless this is on.
    #[serde(default)]
    pub allow_raw_html: bool,
    #[serde(default = "default_light_theme")]
    pub highlight_theme: String,
    #[serde(default = "default_dark_theme")]
    pub highlight_theme_dark: String,
}

impl Default for MarkdownOptions {
    fn default() -> Self {
        MarkdownOptions {
            allow_raw_html: false,
            highlight_theme: default_light_theme(),
            highlight_theme_dark: default_dark_theme(),
        }
    }
}

/// `[editors]`: pages for the dossier's editors, off by default.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditorOptions {
    /// Publish the translation status (`dossier status`) as a page in each language.
    #[serde(default)]
    pub status_page: bool,
}

/// `[outputs]`: the reader features that write many pages or large files, all on by default.
/// A dossier of tens of thousands of articles may leave some out, for a smaller site (GitHub
/// Pages publishes at most 1 GB) and a faster build; the pages left then link to none of them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutputOptions {
    /// The printable briefing of each language: every article it shows, in full, on one page.
    #[serde(default = "default_on")]
    pub briefing: bool,
    /// A side-by-side view of each translated article, in each of its languages.
    #[serde(default = "default_on")]
    pub side_by_side: bool,
    /// The search page of each language, its index and the texts it searches.
    #[serde(default = "default_on")]
    pub search: bool,
}

impl Default for OutputOptions {
    fn default() -> Self {
        OutputOptions {
            briefing: true,
            side_by_side: true,
            search: true,
        }
    }
}

fn default_on() -> bool {
    true
}

/// `[feeds]`: how many of the newest articles each Atom feed carries.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedOptions {
    #[serde(default = "default_feed_entries")]
    pub entries: usize,
}

impl Default for FeedOptions {
    fn default() -> Self {
        FeedOptions {
            entries: default_feed_entries(),
        }
    }
}

fn default_feed_entries() -> usize {
    50
}

fn default_light_theme() -> String {
    "InspiredGitHub".to_string()
}

fn default_dark_theme() -> String {
    "base16-ocean.dark".to_string()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    base_url: String,
    custom_domain: Option<String>,
    #[serde(default)]
    feeds: FeedOptions,
    default_language: String,
    #[serde(default)]
    markdown: MarkdownOptions,
    #[serde(default)]
    editors: EditorOptions,
    #[serde(default)]
    outputs: OutputOptions,
    #[serde(default)]
    import: RawImport,
    languages: IndexMap<String, RawLanguage>,
    topics: IndexMap<String, IndexMap<String, RawTopicText>>,
    #[serde(default)]
    strings: IndexMap<String, IndexMap<String, String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    name: String,
    title: String,
    description: String,
    date_format: String,
    months: Vec<String>,
    first_day: Option<String>,
    #[serde(default)]
    typography: Typography,
    #[serde(default = "default_topics_path")]
    topics_path: String,
    #[serde(default = "default_articles_path")]
    articles_path: String,
    #[serde(default = "default_timeline_path")]
    timeline_path: String,
    #[serde(default = "default_search_path")]
    search_path: String,
    #[serde(default = "default_status_path")]
    status_path: String,
    #[serde(default = "default_parallel_path")]
    parallel_path: String,
    #[serde(default = "default_briefing_path")]
    briefing_path: String,
}

#[derive(Deserialize, Default, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Typography {
    #[default]
    None,
    French,
}

fn default_topics_path() -> String {
    "topics".to_string()
}

fn default_articles_path() -> String {
    "articles".to_string()
}

fn default_timeline_path() -> String {
    "timeline".to_string()
}

fn default_search_path() -> String {
    "search".to_string()
}

fn default_status_path() -> String {
    "translation-status".to_string()
}

fn default_parallel_path() -> String {
    "side-by-side".to_string()
}

fn default_briefing_path() -> String {
    "briefing".to_string()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopicText {
    name: String,
    description: String,
    #[serde(default)]
    keywords: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawImport {
    #[serde(default)]
    debris: Vec<String>,
}

impl Config {
    /// Parses and validates `config.toml`. Warnings (fallback strings) go to `problems`.
    pub fn parse(text: &str, problems: &mut Problems) -> Option<Config> {
        let raw: RawConfig = match toml::from_str(text) {
            Ok(raw) => raw,
            Err(error) => {
                let line = error.span().map(|span| line_of_offset(text, span.start));
                problems.error(Diagnostic::new(
                    CONFIG_FILE,
                    line,
                    explain_serde_message(error.message()),
                ));
                return None;
            }
        };
        let before = problems.errors.len();
        let config = validate(raw, text, problems);
        (problems.errors.len() == before).then_some(config)
    }

    pub fn language(&self, code: &str) -> Option<usize> {
        self.languages.iter().position(|l| l.code == code)
    }

    pub fn topic(&self, key: &str) -> Option<usize> {
        self.topics.iter().position(|t| t.key == key)
    }

    pub fn topic_keys(&self) -> String {
        let keys: Vec<&str> = self.topics.iter().map(|t| t.key.as_str()).collect();
        keys.join(", ")
    }

    pub fn language_codes(&self) -> String {
        let codes: Vec<&str> = self.languages.iter().map(|l| l.code.as_str()).collect();
        codes.join(", ")
    }
}

impl Language {
    /// Applies the language's typographic rules to a piece of plain text.
    pub fn typeset(&self, text: &str) -> String {
        if self.french_typography {
            typography::french(text).into_owned()
        } else {
            text.to_string()
        }
    }

    /// `date` as this language writes it (`date_format`, `months`, `first_day`).
    pub fn localize(&self, date: crate::text::date::Date) -> String {
        date.localize(&self.date_format, &self.months, self.first_day.as_deref())
    }

    pub fn string(&self, key: &str) -> &str {
        self.strings.get(key).map(String::as_str).unwrap_or("")
    }
}

/// The line where `key = ` or `[… key …]` first appears, for errors found after parsing.
pub fn line_of_key(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            let line = line.trim_start();
            line.starts_with(&format!("{key} "))
                || line.starts_with(&format!("{key}="))
                || (line.starts_with('[') && line.contains(key))
        })
        .map(|index| index + 1)
}

/// The one rule for a base URL, from `config.toml` or `--base-url`: an absolute http(s) URL
/// without white space, ending with `/` (`https://example.org/repo` →
/// `https://example.org/repo/`). The error says what is wrong with it.
pub fn normalize_base_url(url: &str) -> Result<String, &'static str> {
    let url = url.trim();
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err("must start with https:// or http://");
    }
    if url.contains(char::is_whitespace) {
        return Err("must not contain spaces: write them as %20");
    }
    Ok(match url.ends_with('/') {
        true => url.to_string(),
        false => [url, "/"].concat(),
    })
}

fn validate(raw: RawConfig, text: &str, problems: &mut Problems) -> Config {
    let error = |problems: &mut Problems, key: &str, message: String| {
        problems.error(Diagnostic::new(
            CONFIG_FILE,
            line_of_key(text, key),
            message,
        ));
    };

    let base_url = match normalize_base_url(&raw.base_url) {
        Ok(url) => url,
        Err(problem) => {
            let url = raw.base_url.trim();
            error(
                problems,
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
        if !is_domain(domain) {
            error(
                problems,
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
            "entries",
            "[feeds] entries must be at least 1".into(),
        );
    }

    if raw.languages.is_empty() {
        error(
            problems,
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

    let mut languages = Vec::new();
    for (code, lang) in &raw.languages {
        if !is_language_code(code) {
            error(
                problems,
                code,
                format!("\"{code}\" is not a language code (like fr, en, pt-BR)"),
            );
        }
        if lang.months.len() != 12 {
            error(
                problems,
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
            ("parallel_path", &lang.parallel_path),
            ("briefing_path", &lang.briefing_path),
        ] {
            if !is_slug(value) {
                error(
                    problems,
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
        ];
        for (i, (field, value)) in folders.iter().enumerate() {
            if let Some((other, _)) = folders[..i].iter().find(|(_, v)| v == value) {
                error(
                    problems,
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
        languages.push(Language {
            code: code.clone(),
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
            parallel_path: lang.parallel_path.clone(),
            briefing_path: lang.briefing_path.clone(),
            strings: IndexMap::new(),
        });
    }

    let mut topics = Vec::new();
    for (key, texts) in &raw.topics {
        if !is_slug(key) {
            error(
                problems,
                key,
                format!("topic key \"{key}\" must be lowercase letters, digits and dashes"),
            );
        }
        for lang in texts.keys() {
            if !raw.languages.contains_key(lang) {
                error(
                    problems,
                    key,
                    format!(
                        "topic \"{key}\" has text in \"{lang}\", which is not a declared language (known: {})",
                        language_list(&languages)
                    ),
                );
            }
        }
        let mut names = Vec::new();
        let mut descriptions = Vec::new();
        let mut keywords = Vec::new();
        for language in &languages {
            match texts.get(&language.code) {
                Some(text) => {
                    names.push(language.typeset(&text.name));
                    descriptions.push(language.typeset(&text.description));
                    for keyword in &text.keywords {
                        if keyword.split_whitespace().next().is_none() {
                            error(
                                problems,
                                "keywords",
                                format!(
                                    "[topics.{key}.{}] keywords: an empty keyword",
                                    language.code
                                ),
                            );
                        }
                    }
                    keywords.push(text.keywords.clone());
                }
                None => {
                    error(
                        problems,
                        key,
                        format!(
                            "topic \"{key}\" has no name in \"{}\": add [topics.{key}.{}]",
                            language.code, language.code
                        ),
                    );
                    names.push(key.clone());
                    descriptions.push(String::new());
                    keywords.push(Vec::new());
                }
            }
        }
        topics.push(Topic {
            key: key.clone(),
            names,
            descriptions,
            keywords,
        });
    }
    if topics.is_empty() {
        error(
            problems,
            "topics",
            "no topic declared: add a [topics.<key>.<lang>] table".into(),
        );
    }

    for lang in raw.strings.keys() {
        if !raw.languages.contains_key(lang) {
            error(
                problems,
                &format!("strings.{lang}"),
                format!(
                    "[strings.{lang}] is for an undeclared language (known: {})",
                    language_list(&languages)
                ),
            );
        }
    }
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
        languages,
        default_language,
        topics,
        markdown: raw.markdown,
        editors: raw.editors,
        outputs: raw.outputs,
        import: ImportPatterns { debris },
    }
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
    }
}

fn language_list(languages: &[Language]) -> String {
    let codes: Vec<&str> = languages.iter().map(|l| l.code.as_str()).collect();
    codes.join(", ")
}

fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Lowercase ASCII letters, digits and inner dashes: safe as a URL segment and a file name.
pub fn is_slug(value: &str) -> bool {
    !value.is_empty()
        && !value.starts_with('-')
        && !value.ends_with('-')
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A host name for `CNAME`: dot-separated labels of letters, digits and inner dashes.
fn is_domain(value: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// One rule for `base_url` and `--base-url`: http(s), no white space, a final `/`.
    #[test]
    fn base_urls_are_absolute_without_spaces_and_end_with_a_slash() {
        assert_eq!(
            normalize_base_url(" https://example.org/repo ").unwrap(),
            "https://example.org/repo/"
        );
        assert_eq!(
            normalize_base_url("http://example.org/").unwrap(),
            "http://example.org/"
        );
        for wrong in ["example.org", "/repo/", "ftp://example.org/", ""] {
            assert_eq!(
                normalize_base_url(wrong),
                Err("must start with https:// or http://")
            );
        }
        assert_eq!(
            normalize_base_url("https://example.org/my repo/"),
            Err("must not contain spaces: write them as %20")
        );
    }

    #[test]
    fn custom_domains() {
        assert!(is_domain("dossier.example.org"));
        assert!(is_domain("www.my-site.fr"));
        for bad in [
            "https://example.org",
            "example.org/repo",
            "example",
            "a..b",
            "-a.org",
            "",
        ] {
            assert!(!is_domain(bad), "{bad}");
        }
    }

    #[test]
    fn language_codes() {
        assert!(is_language_code("fr"));
        assert!(is_language_code("pt-BR"));
        assert!(!is_language_code("FR"));
        assert!(!is_language_code("french"));
    }

    #[test]
    fn finds_the_line_of_a_key() {
        let text = "base_url = \"x\"\n[languages.fr]\nname = \"Français\"\n";
        assert_eq!(line_of_key(text, "base_url"), Some(1));
        assert_eq!(line_of_key(text, "languages.fr"), Some(2));
        assert_eq!(line_of_key(text, "name"), Some(3));
    }
}
