//! An article's page: its body, table of contents, dates, topics, source and versions.

use serde::Serialize;

use super::side_by_side::{Cells, Parallel};
use super::{Common, Head, ROWS, Renderer, Switch, numbered_marker, page_context};
use crate::model::ArticleId;
use crate::site::pages::{Page, alternates, has_side_by_side, page_path};
use crate::site::urls;

pub(crate) struct ArticleContext {
    common: Common,
    article: ArticlePage,
}

#[derive(Serialize)]
pub(crate) struct ArticlePage {
    title: String,
    /// The summary that stands for the article elsewhere (empty without text).
    summary: String,
    /// The summary its front matter gives, shown above the body; none when the summary is
    /// the body's own start (its first paragraph, or the text before `<!-- more -->`), which
    /// would show it twice.
    lede: Option<String>,
    date: String,
    date_iso: String,
    updated: Option<String>,
    updated_iso: Option<String>,
    /// `TopicLink`s, as a template value (`topic_links`).
    topics: tera::Value,
    /// `SourceView`s: what it is based on, shown after the body.
    sources: Vec<super::credits::SourceView>,
    /// Its authors' names in the page's language.
    authors: Vec<String>,
    /// The actors it (or a version of it) names, linked to their pages.
    actors: Vec<super::actors::ActorLink>,
    /// Its key figures, in a box above its text.
    figures: super::figures::Figures,
    /// The body: a safe string, printed as it is (no `| safe` copying it once more). With
    /// side by side, a marker that the rows replace after Tera (`Renderer::splice_rows`).
    html: tera::Value,
    toc: Vec<TocEntry>,
    translations: Vec<Translation>,
    /// The link that shows the versions side by side (`#cote-a-cote`), when the article has
    /// a translation.
    parallel_href: Option<String>,
    /// Its side-by-side reading: the body's id and a column per version.
    parallel: Option<Parallel>,
    file: String,
    /// "4 min de lecture": its words at 220 a minute, in the page's language (empty for a
    /// language whose strings have no `reading_time`).
    reading_time: String,
    /// Its first topic's name (Open Graph's `article:section`).
    section: Option<String>,
    /// Its title and summary in the languages it has no version in, shown above its text
    /// for the readers who come from them.
    abstracts: Vec<AbstractView>,
    /// Its reading paths: each topic's page and its older and newer articles beside this
    /// one, then related articles; a safe string (`Renderer::paths_html`).
    reading_paths: tera::Value,
    /// Its `schema.org` description as JSON-LD, safe in a `<script>` (printed as it is).
    structured_data: tera::Value,
}

#[derive(Serialize)]
pub(crate) struct AbstractView {
    /// `abstract-en`: the links of that language's lists lead there.
    id: String,
    lang: String,
    /// "Abstract in English", in that language.
    label: String,
    title: String,
    summary: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct TocEntry {
    level: u8,
    id: String,
    text: String,
}

#[derive(Serialize)]
pub(crate) struct Translation {
    code: String,
    name: String,
    title: String,
    href: String,
}

impl Renderer<'_> {
    /// The context of article `id`'s page, and with side by side, the cells its rows hold.
    pub(crate) fn article(&self, id: usize, path: &str) -> (ArticleContext, Option<Cells<'_>>) {
        let config = self.config();
        let article = &self.dossier.articles[id];
        let lang = article.lang;
        let language = &config.languages[lang];
        let group = self.dossier.group_of(id);

        let title = language.typeset(&article.title);
        let summary = self.summary(id);
        let common = self.article_common(
            id,
            path,
            format!("{title} · {}", language.title),
            summary
                .clone()
                .unwrap_or_else(|| language.description.clone()),
        );
        let body = &self.bodies[id];
        let reading_paths = tera::Value::safe_string(&self.paths_html(id, path));
        let translations = config
            .languages
            .iter()
            .enumerate()
            .filter(|&(l, _)| l != lang)
            .filter_map(|(l, other_language)| {
                group.version(l).map(|other| Translation {
                    code: other_language.code.clone(),
                    name: other_language.name.clone(),
                    title: other_language.typeset(&self.dossier.articles[other].title),
                    href: urls::relative(path, self.article_path(other)),
                })
            })
            .collect();
        let (parallel, cells) = match has_side_by_side(self.dossier, id) {
            true => {
                let (parallel, cells) = self.side_by_side(id, path);
                (Some(parallel), Some(cells))
            }
            false => (None, None),
        };
        let html = match cells {
            Some(_) => numbered_marker(ROWS, 0),
            None => body.html.clone(),
        };
        let context = ArticleContext {
            common,
            article: ArticlePage {
                title,
                summary: summary.unwrap_or_default(),
                lede: article.summary.as_deref().map(|s| language.typeset(s)),
                date: self.date_in(lang, id),
                date_iso: article.date_iso(),
                updated: article.updated.map(|date| language.localize(date)),
                updated_iso: article.updated.map(|d| d.iso()),
                topics: self.topic_links(&article.topics, lang, path),
                sources: super::credits::sources(article, language),
                authors: super::credits::authors(article, lang),
                actors: self.article_actors(id, path),
                figures: self.article_figures(id, lang, "figures", 2),
                html: tera::Value::safe_string(&html),
                toc: body
                    .headings
                    .iter()
                    .filter(|h| h.level <= 3)
                    .map(|h| TocEntry {
                        level: h.level,
                        id: h.id.clone(),
                        text: language.typeset(&h.text),
                    })
                    .collect(),
                translations,
                parallel_href: parallel.as_ref().map(|p| ["#", &p.id].concat()),
                parallel,
                file: article.file.clone(),
                reading_time: reading_time(language.string("reading_time"), body.words),
                section: article
                    .topics
                    .first()
                    .map(|&t| config.topics[t].names[lang].clone()),
                abstracts: article
                    .abstracts
                    .iter()
                    .map(|summary| {
                        let other = &config.languages[summary.lang];
                        AbstractView {
                            id: super::lists::abstract_anchor(other),
                            lang: other.code.clone(),
                            label: other.string("abstract_label").to_string(),
                            title: other.typeset(&summary.title),
                            summary: summary.summary.as_deref().map(|s| other.typeset(s)),
                        }
                    })
                    .collect(),
                reading_paths,
                structured_data: tera::Value::safe_string(&self.structured_data(id, path)),
            },
        };
        (context, cells)
    }

    /// The article as `schema.org` describes a news article: headline, dates, language,
    /// authors (else the publisher), publisher, the sources it is based on, and its versions (`translationOfWork` from a
    /// translation to its original, `workTranslation` the other way), every address absolute.
    /// JSON with `<` escaped, so that nothing in it can end its `<script>`.
    fn structured_data(&self, id: usize, path: &str) -> String {
        let config = self.config();
        let article = &self.dossier.articles[id];
        let language = &config.languages[article.lang];
        let group = self.dossier.group_of(id);
        let address = |other: usize| urls::absolute(config, self.article_path(other));
        let publisher = serde_json::json!({
            "@type": "Organization",
            "name": language.title,
            "url": urls::absolute(config, &urls::home(language)),
        });
        let mut data = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": language.typeset(&article.title),
            "inLanguage": language.code,
            "url": urls::absolute(config, path),
            "mainEntityOfPage": urls::absolute(config, path),
            "publisher": publisher,
        });
        let object = data.as_object_mut().expect("an object");
        if let Some(summary) = self.summary(id) {
            object.insert("description".into(), summary.into());
        }
        if let Some(date) = article.date {
            object.insert("datePublished".into(), date.iso().into());
            let modified = article.updated.unwrap_or(date);
            object.insert("dateModified".into(), modified.iso().into());
        }
        // Without authors, the publisher answers for the article.
        let authors: Vec<serde_json::Value> = super::credits::authors(article, article.lang)
            .into_iter()
            .map(|name| serde_json::json!({ "@type": "Person", "name": name }))
            .collect();
        let author = if authors.is_empty() {
            object["publisher"].clone()
        } else {
            authors.into()
        };
        object.insert("author".into(), author);
        if !article.sources.is_empty() {
            let based_on: Vec<serde_json::Value> = article
                .sources
                .iter()
                .map(super::credits::structured_source)
                .collect();
            object.insert("isBasedOn".into(), based_on.into());
        }
        let original = article
            .translated_from
            .as_ref()
            .and_then(|(lang, _)| group.version(*lang));
        if let Some(original) = original {
            object.insert(
                "translationOfWork".into(),
                serde_json::json!({ "@id": address(original) }),
            );
        }
        let translations: Vec<serde_json::Value> = group
            .existing()
            .filter(|&other| {
                other != id
                    && self.dossier.articles[other]
                        .translated_from
                        .as_ref()
                        .is_some_and(|(lang, _)| *lang == article.lang)
            })
            .map(|other| serde_json::json!({ "@id": address(other) }))
            .collect();
        if !translations.is_empty() {
            object.insert("workTranslation".into(), translations.into());
        }
        serde_json::to_string(&data)
            .unwrap_or_default()
            .replace('<', "\\u003c")
    }

    /// The language switcher of a page that exists for some versions of an article: each
    /// language leads to `page` of its version, or to its home with a notice.
    pub(crate) fn versions_switcher(
        &self,
        id: usize,
        path: &str,
        page: impl Fn(usize) -> Page,
    ) -> Vec<Switch> {
        let config = self.config();
        let lang = self.dossier.articles[id].lang;
        let group = self.dossier.group_of(id);
        config
            .languages
            .iter()
            .enumerate()
            .map(|(l, other_language)| match group.version(l) {
                Some(other) => Switch {
                    code: other_language.code.clone(),
                    name: other_language.name.clone(),
                    href: urls::relative(path, &page_path(self.dossier, page(other))),
                    current: l == lang,
                    available: true,
                    notice: String::new(),
                },
                None => Switch {
                    code: other_language.code.clone(),
                    name: other_language.name.clone(),
                    href: urls::relative(path, &urls::home(other_language)),
                    current: false,
                    available: false,
                    notice: other_language.string("not_translated").to_string(),
                },
            })
            .collect()
    }

    /// The common context of an article's page: the page of each version as alternates and in
    /// the switcher, the article's first topic marked in the navigation.
    fn article_common(&self, id: usize, path: &str, title: String, description: String) -> Common {
        let article = &self.dossier.articles[id];
        self.common_marking(
            article.lang,
            path,
            Head {
                root: urls::root_of(path),
                title,
                description,
                alternates: alternates(self.dossier, Page::Article(ArticleId(id))),
                switcher: self.versions_switcher(id, path, |v| Page::Article(ArticleId(v))),
            },
            // One current item in the menu: its first topic.
            &article.topics[..article.topics.len().min(1)],
        )
    }
}

/// Words a reader reads in a minute, in French as in English (a briefing's prose).
const WORDS_PER_MINUTE: usize = 220;

/// The reading time of `words` in `pattern` (`{minutes} min read`), one minute at least.
fn reading_time(pattern: &str, words: usize) -> String {
    let minutes = words.div_ceil(WORDS_PER_MINUTE).max(1);
    pattern.replace("{minutes}", &minutes.to_string())
}

page_context!(ArticleContext { article });

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_time_is_a_minute_at_least() {
        assert_eq!(reading_time("{minutes} min read", 0), "1 min read");
        assert_eq!(reading_time("{minutes} min read", 220), "1 min read");
        assert_eq!(
            reading_time("{minutes} min de lecture", 221),
            "2 min de lecture"
        );
        assert_eq!(reading_time("", 5000), "");
    }
}
