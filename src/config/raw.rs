//! The configuration as `config.toml` spells it, read strictly (`deny_unknown_fields`) before
//! it is checked (`validate`) into a [`Config`](super::Config).

use indexmap::IndexMap;
use serde::Deserialize;

use super::{
    BriefingOptions, EditorOptions, FeedOptions, ListOptions, MarkdownOptions, OutputOptions,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConfig {
    pub(super) base_url: String,
    pub(super) custom_domain: Option<String>,
    #[serde(default)]
    pub(super) feeds: FeedOptions,
    #[serde(default)]
    pub(super) lists: ListOptions,
    #[serde(default)]
    pub(super) briefing: BriefingOptions,
    pub(super) default_language: String,
    #[serde(default)]
    pub(super) markdown: MarkdownOptions,
    #[serde(default)]
    pub(super) editors: EditorOptions,
    #[serde(default)]
    pub(super) outputs: OutputOptions,
    #[serde(default)]
    pub(super) import: RawImport,
    pub(super) languages: IndexMap<String, RawLanguage>,
    pub(super) topics: IndexMap<String, IndexMap<String, RawTopicText>>,
    #[serde(default)]
    pub(super) strings: IndexMap<String, IndexMap<String, String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLanguage {
    pub(super) name: String,
    pub(super) title: String,
    pub(super) description: String,
    pub(super) date_format: String,
    pub(super) months: Vec<String>,
    pub(super) first_day: Option<String>,
    #[serde(default)]
    pub(super) typography: Typography,
    #[serde(default = "default_topics_path")]
    pub(super) topics_path: String,
    #[serde(default = "default_articles_path")]
    pub(super) articles_path: String,
    #[serde(default = "default_timeline_path")]
    pub(super) timeline_path: String,
    #[serde(default = "default_search_path")]
    pub(super) search_path: String,
    #[serde(default = "default_status_path")]
    pub(super) status_path: String,
    /// Called `parallel_path` while the side-by-side views were pages of their own.
    #[serde(default = "default_parallel_anchor", alias = "parallel_path")]
    pub(super) parallel_anchor: String,
    #[serde(default = "default_briefing_path")]
    pub(super) briefing_path: String,
    #[serde(default = "default_actors_path")]
    pub(super) actors_path: String,
    #[serde(default = "default_ebook_name")]
    pub(super) ebook_name: String,
}

#[derive(Deserialize, Default, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub(super) enum Typography {
    #[default]
    None,
    French,
}

pub(super) fn default_topics_path() -> String {
    "topics".to_string()
}

pub(super) fn default_articles_path() -> String {
    "articles".to_string()
}

pub(super) fn default_timeline_path() -> String {
    "timeline".to_string()
}

pub(super) fn default_search_path() -> String {
    "search".to_string()
}

pub(super) fn default_status_path() -> String {
    "translation-status".to_string()
}

pub(super) fn default_parallel_anchor() -> String {
    "side-by-side".to_string()
}

pub(super) fn default_actors_path() -> String {
    "actors".to_string()
}

pub(super) fn default_ebook_name() -> String {
    "briefing".to_string()
}

pub(super) fn default_briefing_path() -> String {
    "briefing".to_string()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTopicText {
    pub(super) name: String,
    pub(super) description: String,
    #[serde(default)]
    pub(super) keywords: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawImport {
    #[serde(default)]
    pub(super) debris: Vec<String>,
}
