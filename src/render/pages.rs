//! The contexts of the entrance, the 404 page, the homes, topic pages, timelines and search
//! pages.

use serde::Serialize;

use super::search;
use super::{Common, Entry, Head, ListKind, Listed, Lists, Renderer, page_context};
use crate::config::{LangId, TopicId};
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

pub(crate) struct TopicContext {
    common: Common,
    topic: TopicPage,
    /// The page of every topic, the trail's second step.
    topics_href: String,
    articles: Listed,
}

pub(crate) struct TimelineContext {
    common: Common,
    /// Newest year first, each with its articles newest first.
    years: Vec<TimelineYear>,
    count: usize,
}

#[derive(Serialize)]
pub(crate) struct TimelineYear {
    year: i32,
    entries: Listed,
}

pub(crate) struct SearchContext {
    common: Common,
    /// Every article the language shows, newest first: the list without JavaScript.
    entries: Listed,
    count: usize,
    index_href: String,
    script_href: String,
}

#[derive(Serialize)]
pub(crate) struct TopicPage {
    key: String,
    name: String,
    description: String,
    feed_href: String,
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

    pub(crate) fn topic(
        &self,
        lang: usize,
        t: usize,
        path: &str,
        lists: &mut Lists,
    ) -> Result<TopicContext, Diagnostic> {
        let config = self.config();
        let language = &config.languages[lang];
        let topic = &config.topics[t];
        let (alternates, switcher) = self.everywhere(
            Page::Topic {
                lang: LangId(lang),
                topic: TopicId(t),
            },
            lang,
            |l| urls::topic(l, &topic.key),
            path,
        );
        let title = format!("{} · {}", topic.names[lang], language.title);
        let common = self.common_marking(
            lang,
            path,
            Head {
                root: urls::root_of(path),
                title,
                description: topic.descriptions[lang].clone(),
                alternates,
                switcher,
            },
            &[t],
        );
        let articles =
            self.listed_all(self.topic_listing(lang, t), lang, ListKind::Topic, lists)?;
        Ok(TopicContext {
            common,
            topics_href: urls::relative(path, &urls::topics(language)),
            topic: TopicPage {
                key: topic.key.clone(),
                name: topic.names[lang].clone(),
                description: topic.descriptions[lang].clone(),
                feed_href: urls::relative(path, &urls::topic_feed(language, &topic.key)),
            },
            articles,
        })
    }

    pub(crate) fn timeline(
        &self,
        lang: usize,
        path: &str,
        lists: &mut Lists,
    ) -> Result<TimelineContext, Diagnostic> {
        let mut common = self.named_page(
            Page::Timeline(LangId(lang)),
            lang,
            urls::timeline,
            path,
            "timeline",
        );
        common.timeline_current = true;
        let ids = self.timeline_ids(lang);
        let years = ids
            .chunk_by(|&a, &b| {
                self.dossier.articles[a].date.map(|d| d.year)
                    == self.dossier.articles[b].date.map(|d| d.year)
            })
            .map(|ids| {
                Ok(TimelineYear {
                    year: self.dossier.articles[ids[0]].date.map_or(0, |d| d.year),
                    entries: self.listed_all(ids, lang, ListKind::Timeline, lists)?,
                })
            })
            .collect::<Result<Vec<_>, Diagnostic>>()?;
        Ok(TimelineContext {
            common,
            count: ids.len(),
            years,
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
        let entries = self.listed_all(&self.search_ids(lang), lang, ListKind::Search, lists)?;
        Ok(SearchContext {
            common,
            index_href: search::INDEX_FILE.to_string(),
            script_href: urls::relative(path, urls::SEARCH_SCRIPT),
            count: entries.count,
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
    TopicContext {
        topic,
        topics_href,
        articles
    },
    TimelineContext { years, count },
    SearchContext {
        entries,
        count,
        index_href,
        script_href
    },
);
