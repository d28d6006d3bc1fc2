//! `config.toml`: the site's languages, topics and UI strings, read strictly.
//!
//! Languages and topics are data keyed by language-neutral ids; nothing in the code knows
//! that the dossier is in French and English, except as the languages that must work.

mod actors;
mod built_in;
mod ids;
mod raw;
mod validate;

pub(crate) use actors::{ACTORS_FILE, ActorId, Actors, LinkMentions};
pub use ids::{LangId, TopicId};

use raw::RawConfig;

use indexmap::IndexMap;
use serde::Deserialize;

use crate::error::{Diagnostic, Problems, explain_serde_message, line_of_offset};
use crate::text::typography;

pub(crate) const CONFIG_FILE: &str = "config.toml";

/// UI strings the built-in templates use. Each must exist in at least one language; a string
/// missing in one language falls back to the default language (or any other) with a warning.
/// `only_<lang>` and `not_translated` are also required, per language.
pub(crate) const REQUIRED_STRINGS: &[&str] = &[
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
    pub lists: ListOptions,
    pub briefing: BriefingOptions,
    pub languages: Vec<Language>,
    /// Index into `languages`.
    pub default_language: usize,
    pub topics: Vec<Topic>,
    pub markdown: MarkdownOptions,
    pub editors: EditorOptions,
    pub outputs: OutputOptions,
    /// `[import]`: what `dossier import` removes besides its built-in patterns.
    pub import: ImportPatterns,
    /// The actors of `actors.toml` (none without the file).
    pub actors: Actors,
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
    /// The anchor that shows a translated article's versions side by side on its page
    /// (`#side-by-side`, or a localized `#cote-a-cote`): the id of its body.
    pub parallel_anchor: String,
    /// URL segment of the printable briefing (`briefing`, or a localized `dossier-imprimable`).
    pub briefing_path: String,
    /// URL segment of the actors' pages (`actors`, or a localized `acteurs`).
    pub actors_path: String,
    /// The name of the briefing's e-book, without `.epub` (`briefing`, or a localized
    /// `dossier`).
    pub ebook_name: String,
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
    /// The longest automatic summary (an article's first paragraph, cut between words), in
    /// characters; a summary the author wrote (`summary`, `<!-- more -->`) is never cut.
    #[serde(default = "default_summary_length")]
    pub summary_length: usize,
    /// How headings' ids are made from their text: with its letters (`arrière-plan`, as Hugo
    /// does), or in ASCII only (`arriere-plan`).
    #[serde(default)]
    pub heading_ids: HeadingIds,
}

/// `[markdown] heading_ids`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HeadingIds {
    #[default]
    Unicode,
    Ascii,
}

fn default_summary_length() -> usize {
    160
}

impl Default for MarkdownOptions {
    fn default() -> Self {
        MarkdownOptions {
            allow_raw_html: false,
            highlight_theme: default_light_theme(),
            highlight_theme_dark: default_dark_theme(),
            summary_length: default_summary_length(),
            heading_ids: HeadingIds::Unicode,
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
    /// The other versions' text in each translated article's page, to read side by side.
    #[serde(default = "default_on")]
    pub side_by_side: bool,
    /// The search page of each language, its index and the texts it searches.
    #[serde(default = "default_on")]
    pub search: bool,
    /// The briefing of each language as an EPUB 3 e-book.
    #[serde(default = "default_on")]
    pub epub: bool,
}

impl Default for OutputOptions {
    fn default() -> Self {
        OutputOptions {
            briefing: true,
            side_by_side: true,
            search: true,
            epub: true,
        }
    }
}

fn default_on() -> bool {
    true
}

/// `[lists]`: how long the pages of a long list are. A topic page and the timeline show
/// `per_page` articles each, newest first; later pages follow at `page/2/`, `page/3/`….
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListOptions {
    #[serde(default = "default_per_page")]
    pub per_page: usize,
}

impl Default for ListOptions {
    fn default() -> Self {
        ListOptions {
            per_page: default_per_page(),
        }
    }
}

fn default_per_page() -> usize {
    50
}

impl ListOptions {
    /// How many pages a list of `count` articles takes: at least one, even empty.
    pub fn pages(&self, count: usize) -> usize {
        count.div_ceil(self.per_page).max(1)
    }
}

/// `[briefing]`: what the printable briefing of a language holds. While the language shows at
/// most `all_up_to` articles, every one of them; beyond, the newest `per_topic` of each topic
/// and those whose front matter says `briefing = true`. `briefing = false` leaves an article
/// out of it at any size.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BriefingOptions {
    #[serde(default = "default_all_up_to")]
    pub all_up_to: usize,
    #[serde(default = "default_per_topic")]
    pub per_topic: usize,
}

impl Default for BriefingOptions {
    fn default() -> Self {
        BriefingOptions {
            all_up_to: default_all_up_to(),
            per_topic: default_per_topic(),
        }
    }
}

fn default_all_up_to() -> usize {
    100
}

fn default_per_topic() -> usize {
    10
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

impl Config {
    /// Every language's id, in the config's order.
    pub fn lang_ids(&self) -> impl Iterator<Item = LangId> + use<> {
        (0..self.languages.len()).map(LangId)
    }

    /// Every topic's id, in the config's order.
    pub fn topic_ids(&self) -> impl Iterator<Item = TopicId> + use<> {
        (0..self.topics.len()).map(TopicId)
    }

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
        let config = validate::validate(raw, text, problems);
        // The versions of an article are reported original (default language) first.
        let mut codes: Vec<String> = config.languages.iter().map(|l| l.code.clone()).collect();
        if config.default_language < codes.len() {
            let default = codes.remove(config.default_language);
            codes.insert(0, default);
        }
        problems.languages = codes;
        (problems.errors.len() == before).then_some(config)
    }

    /// Parses `config.toml` (`text`), then `actors.toml` when the site has one: `None` when
    /// either has an error (in `problems`).
    pub fn parse_site(text: &str, actors: Option<&str>, problems: &mut Problems) -> Option<Config> {
        let mut config = Config::parse(text, problems)?;
        if let Some(actors) = actors {
            let before = problems.errors.len();
            config.actors = Actors::parse(actors, &config, problems);
            if problems.errors.len() > before {
                return None;
            }
        }
        Some(config)
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
    /// The folders of the language's own pages (`articles`, `topics`, …), beside which its
    /// reference pages sit: a reference page's slug cannot take one.
    pub fn own_folders(&self) -> [&str; 7] {
        [
            &self.articles_path,
            &self.topics_path,
            &self.timeline_path,
            &self.search_path,
            &self.status_path,
            &self.briefing_path,
            &self.actors_path,
        ]
    }

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
pub(crate) fn line_of_key(text: &str, key: &str) -> Option<usize> {
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
/// The host of a base URL (`https://dossier.example.org/x/` → `dossier.example.org`), lower
/// case, without a port.
pub(crate) fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next().unwrap_or("");
    host.to_ascii_lowercase()
}

pub(crate) fn normalize_base_url(url: &str) -> Result<String, &'static str> {
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

#[cfg(test)]
mod tests {
    use super::validate::{is_domain, is_language_code};
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
    fn hosts_of_base_urls() {
        assert_eq!(
            host_of("https://Dossier.Example.org/x/"),
            "dossier.example.org"
        );
        assert_eq!(host_of("http://127.0.0.1:8080/"), "127.0.0.1");
        assert_eq!(host_of("https://user.github.io"), "user.github.io");
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
