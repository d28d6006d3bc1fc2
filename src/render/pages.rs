//! The contexts of the entrance, the 404 page, the homes, topic pages, timelines and search
//! pages.

use serde::Serialize;

use super::search;
use super::{Common, Entry, Head, ListKind, Listed, Lists, Renderer, page_context};
use crate::config::LangId;
use crate::error::Diagnostic;
use crate::site::pages::Page;
use crate::site::urls;

/// How many articles a home page shows per topic, and in its "latest" list.
pub(crate) const HOME_PER_TOPIC: usize = 3;

pub(crate) const HOME_LATEST: usize = 10;

pub(crate) struct EntranceContext {
    common: Common,
    entrance_languages: Vec<EntranceLanguage>,
}

#[derive(Serialize)]
pub(crate) struct EntranceLanguage {
    skip_to_content: String,
    footer: String,
    code: String,
    name: String,
    title: String,
    description: String,
    intro: String,
    href: String,
}

pub(crate) struct NotFoundContext {
    common: Common,
    inline_stylesheet: String,
    not_found_languages: Vec<NotFoundLanguage>,
}

#[derive(Serialize)]
pub(crate) struct NotFoundLanguage {
    skip_to_content: String,
    footer: String,
    code: String,
    name: String,
    title: String,
    text: String,
    back_home: String,
    site_title: String,
    href: String,
}

pub(crate) struct HomeContext {
    common: Common,
    /// The page of every topic.
    topics_href: String,
    topics: Vec<HomeTopic>,
    latest: Listed,
}

#[derive(Serialize)]
pub(crate) struct HomeTopic {
    key: String,
    name: String,
    description: String,
    href: String,
    count: usize,
    articles: Vec<Entry>,
}

pub(crate) struct SearchContext {
    common: Common,
    /// The newest articles the language shows (`[lists] per_page`): the list without
    /// JavaScript.
    entries: Listed,
    /// How many articles the search holds.
    count: usize,
    /// The page of every topic, linked when the list is not whole (with the timeline).
    topics_href: String,
    index_href: String,
    script_href: String,
}

impl Renderer<'_> {
    pub(crate) fn entrance(&self, path: &str) -> EntranceContext {
        let config = self.config();
        let lang = config.default_language;
        let (alternates, switcher) =
            self.everywhere(Page::Home(LangId(lang)), lang, urls::home, path);
        let language = &config.languages[lang];
        let title = config
            .languages
            .iter()
            .map(|l| l.title.as_str())
            .collect::<Vec<_>>()
            .join(" · ");
        let common = self.common(
            lang,
            path,
            Head {
                root: String::new(),
                title,
                description: language.description.clone(),
                alternates,
                switcher,
            },
        );
        EntranceContext {
            common,
            entrance_languages: config
                .languages
                .iter()
                .map(|l| EntranceLanguage {
                    code: l.code.clone(),
                    name: l.name.clone(),
                    title: l.title.clone(),
                    description: l.description.clone(),
                    intro: l.string("entrance_intro").to_string(),
                    skip_to_content: l.string("skip_to_content").to_string(),
                    footer: l.string("footer").to_string(),
                    href: urls::relative(path, &urls::home(l)),
                })
                .collect(),
        }
    }

    pub(crate) fn not_found(&self) -> NotFoundContext {
        let config = self.config();
        let lang = config.default_language;
        let language = &config.languages[lang];
        // Served at any missing path, so its links go through base_url.
        let root = config.base_url.clone();
        let title = config
            .languages
            .iter()
            .map(|l| l.string("not_found_title"))
            .collect::<Vec<_>>()
            .join(" · ");
        let common = self.common(
            lang,
            urls::NOT_FOUND,
            Head {
                root: root.clone(),
                title,
                description: language.description.clone(),
                alternates: Vec::new(),
                switcher: self.every_language(lang, |l| format!("{root}{}", urls::home(l))),
            },
        );
        NotFoundContext {
            // Inlined: the page is served at any path, and must look right even from disk.
            inline_stylesheet: self.templates.stylesheet.clone(),
            common,
            not_found_languages: config
                .languages
                .iter()
                .map(|l| NotFoundLanguage {
                    code: l.code.clone(),
                    name: l.name.clone(),
                    title: l.string("not_found_title").to_string(),
                    text: l.string("not_found_text").to_string(),
                    back_home: l.string("back_home").to_string(),
                    site_title: l.title.clone(),
                    skip_to_content: l.string("skip_to_content").to_string(),
                    footer: l.string("footer").to_string(),
                    href: format!("{root}{}", urls::home(l)),
                })
                .collect(),
        }
    }

    pub(crate) fn home(
        &self,
        lang: usize,
        path: &str,
        lists: &mut Lists,
    ) -> Result<HomeContext, Diagnostic> {
        let config = self.config();
        let language = &config.languages[lang];
        let (alternates, switcher) =
            self.everywhere(Page::Home(LangId(lang)), lang, urls::home, path);
        let common = self.common(
            lang,
            path,
            Head {
                root: urls::root_of(path),
                title: language.title.clone(),
                description: language.description.clone(),
                alternates,
                switcher,
            },
        );
        // Each article once on the page: a topic card shows the newest of its topic that no
        // card before it shows, and "Latest" the newest that no card shows.
        let mut seen: Vec<usize> = Vec::new();
        let topics = config
            .topics
            .iter()
            .enumerate()
            .map(|(t, topic)| {
                let listing = self.topic_listing(lang, t);
                let newest: Vec<usize> = listing
                    .iter()
                    .copied()
                    .filter(|id| !seen.contains(id))
                    .take(HOME_PER_TOPIC)
                    .collect();
                seen.extend(&newest);
                HomeTopic {
                    key: topic.key.clone(),
                    name: topic.names[lang].clone(),
                    description: topic.descriptions[lang].clone(),
                    href: urls::relative(path, &urls::topic(language, &topic.key)),
                    count: listing.len(),
                    articles: newest
                        .into_iter()
                        .map(|id| self.entry(id, lang, path))
                        .collect(),
                }
            })
            .collect();
        let latest: Vec<usize> = self
            .timeline_ids(lang)
            .iter()
            .copied()
            .filter(|id| !seen.contains(id))
            .take(HOME_LATEST)
            .collect();
        let latest = self.listed_all(&latest, lang, ListKind::Home, lists)?;
        Ok(HomeContext {
            common,
            topics_href: urls::relative(path, &urls::topics(language)),
            topics,
            latest,
        })
    }

    pub(crate) fn search(
        &self,
        lang: usize,
        path: &str,
        lists: &mut Lists,
    ) -> Result<SearchContext, Diagnostic> {
        let mut common = self.named_page(
            Page::Search(LangId(lang)),
            lang,
            urls::search,
            path,
            "search",
        );
        common.search_current = true;
        // Without JavaScript, the newest articles: a page of them, not the whole dossier.
        let ids = self.search_ids(lang);
        let shown = &ids[..ids.len().min(self.config().lists.per_page)];
        let entries = self.listed_all(shown, lang, ListKind::Search, lists)?;
        Ok(SearchContext {
            common,
            index_href: search::INDEX_FILE.to_string(),
            script_href: urls::relative(path, urls::SEARCH_SCRIPT),
            topics_href: urls::relative(path, &urls::topics(&self.config().languages[lang])),
            count: ids.len(),
            entries,
        })
    }
}

page_context!(
    EntranceContext { entrance_languages },
    NotFoundContext {
        inline_stylesheet,
        not_found_languages
    },
    HomeContext {
        topics,
        topics_href,
        latest
    },
    SearchContext {
        entries,
        count,
        topics_href,
        index_href,
        script_href
    },
);
