//! Sources and authors as the pages, the briefing, the feeds and the structured data show
//! them, in the reader's language.

use serde::Serialize;

use crate::config::Language;
use crate::model::Article;
use crate::model::credits::{Source, SourceKind};

/// A source as a template shows it.
#[derive(Serialize)]
pub(crate) struct SourceView {
    name: String,
    title: Option<String>,
    url: Option<String>,
    date: Option<String>,
    date_iso: Option<String>,
    /// "presse", "report": the kind in the reader's language (empty when not said).
    kind: String,
}

/// The article's sources for a reader of `language`.
pub(crate) fn sources(article: &Article, language: &Language) -> Vec<SourceView> {
    article
        .sources
        .iter()
        .map(|source| SourceView {
            name: language.typeset(&source.name),
            title: source.title.as_deref().map(|t| language.typeset(t)),
            url: source.url.clone(),
            date: source.date.map(|d| language.localize(d)),
            date_iso: source.date.map(|d| d.iso()),
            kind: source
                .kind
                .map(|kind| language.string(&kind_string(kind)).to_string())
                .unwrap_or_default(),
        })
        .collect()
}

/// The UI string naming a kind of source: `source_kind_press`.
pub(crate) fn kind_string(kind: SourceKind) -> String {
    ["source_kind_", kind.name()].concat()
}

/// The article's authors' names for a reader of `lang`.
pub(crate) fn authors(article: &Article, lang: usize) -> Vec<String> {
    article
        .authors
        .iter()
        .map(|author| author.name_in(lang).to_string())
        .collect()
}

/// A source as `schema.org` describes it: the kind of work it is, its title, publisher,
/// date and address.
pub(crate) fn structured_source(source: &Source) -> serde_json::Value {
    let kind = match source.kind {
        Some(SourceKind::Press) => "NewsArticle",
        Some(SourceKind::Report) => "Report",
        Some(SourceKind::Academic) => "ScholarlyArticle",
        Some(SourceKind::Official) | None => "CreativeWork",
    };
    let mut work = serde_json::json!({
        "@type": kind,
        "name": source.title.as_deref().unwrap_or(&source.name),
        "publisher": { "@type": "Organization", "name": source.name },
    });
    if let Some(url) = &source.url {
        work["url"] = url.clone().into();
    }
    if let Some(date) = source.date {
        work["datePublished"] = date.iso().into();
    }
    work
}
