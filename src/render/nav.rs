//! The navigation every page shows, made once per language, way of linking and current
//! topics, and lists of topic links made once for all the pages that link to them alike.

use std::sync::Arc;

use serde::Serialize;

use super::{Renderer, SiteContext};
use crate::config::LangId;
use crate::model::{ArticleId, Dossier};
use crate::site::pages::{Page, page_path, written};
use crate::site::urls;

/// The part of a page's context that thousands of pages share: made once for each language,
/// way of linking (`urls::links_key`, or the 404 page's absolute links) and set of topics
/// marked current, then put into each page's context as it is (template values are
/// reference-counted).
pub(crate) struct Nav {
    pub(crate) values: Vec<(&'static str, tera::Value)>,
}

/// How a page's navigation links: relatively, from a folder that links like every page with
/// the same `urls::links_key`; or through `base_url` (the 404 page).
#[derive(PartialEq, Eq, Hash)]
pub(crate) enum NavLinks {
    Relative(String, usize),
    Absolute(String),
}

pub(crate) type NavKey = (LangId, NavLinks, Vec<bool>);

/// The files a language's navigation links to.
pub(crate) struct NavTargets {
    home: String,
    timeline: String,
    search: String,
    briefing: String,
    ebook: String,
    actors: String,
    feed: String,
    pub(super) topics: Vec<String>,
    /// The reference pages in the navigation, in order: (page, title, language written in).
    pages: Vec<(String, String, String)>,
}

impl NavTargets {
    pub(crate) fn new(dossier: &Dossier, lang: usize) -> NavTargets {
        let config = &dossier.config;
        let language = &config.languages[lang];
        let pages = dossier
            .navigation(lang)
            .into_iter()
            .map(|id| {
                let page = &dossier.articles[id];
                let written_in = &config.languages[page.lang];
                (
                    page_path(dossier, Page::Article(ArticleId(id))),
                    written_in.typeset(&page.title),
                    written_in.code.clone(),
                )
            })
            .collect();
        NavTargets {
            pages,
            home: urls::home(language),
            timeline: urls::timeline(language),
            search: urls::search(language),
            briefing: urls::briefing(language),
            ebook: urls::ebook(language),
            actors: urls::actors(language),
            feed: urls::feed(language),
            topics: config
                .topics
                .iter()
                .map(|t| urls::topic(language, &t.key))
                .collect(),
        }
    }

    pub(crate) fn all(&self) -> impl Iterator<Item = &str> {
        [
            &self.home,
            &self.timeline,
            &self.search,
            &self.briefing,
            &self.ebook,
            &self.feed,
        ]
        .into_iter()
        .map(String::as_str)
        .chain([urls::STYLESHEET, urls::HIGHLIGHT_STYLESHEET])
        .chain(self.topics.iter().map(String::as_str))
        .chain(self.pages.iter().map(|(page, _, _)| page.as_str()))
    }
}

/// A list of topic links by what makes it: language, topics, and `urls::links_key` of the
/// page (the folder run it shares with the topic pages, and its depth).
pub(crate) type TopicLinksKey = (LangId, Vec<usize>, String, usize);

/// A reference page in the navigation.
#[derive(Serialize)]
struct PageLink<'a> {
    name: &'a str,
    href: String,
    /// The language it is written in, when not the page's.
    lang: Option<&'a str>,
}

#[derive(Serialize)]
pub(super) struct TopicLink {
    pub key: String,
    pub name: String,
    pub href: String,
    pub current: bool,
}

impl Renderer<'_> {
    /// The navigation of the page at `path`, from the cache when a page that links alike
    /// (`urls::links_key`) has made it.
    pub(crate) fn nav(&self, lang: usize, path: &str, root: &str, current: &[usize]) -> Arc<Nav> {
        let targets = &self.nav_targets[lang];
        let topics = self.config().topics.len();
        let current: Vec<bool> = (0..topics).map(|t| current.contains(&t)).collect();
        // Pages link relatively; only the 404 page, served at any path, goes through base_url.
        let links = if root.contains("://") {
            NavLinks::Absolute(root.to_string())
        } else {
            let (shared, depth) = urls::links_key(path, targets.all());
            NavLinks::Relative(shared.to_string(), depth)
        };
        let key = (LangId(lang), links, current);
        if let Some(nav) = self.navs.lock().expect("navigation cache").get(&key) {
            return Arc::clone(nav);
        }
        let (_, links, current) = &key;
        let href = |target: &str| match links {
            NavLinks::Absolute(root) => format!("{root}{target}"),
            NavLinks::Relative(..) => urls::relative(path, target),
        };
        let link = |target: &str| tera::Value::from_serializable(&href(target));
        let config = self.config();
        // A page the site does not have gets no link: null, which templates test.
        let link_to = |page: Page, target: &str| match written(config, page) {
            true => link(target),
            false => tera::Value::from_serializable(&None::<String>),
        };
        let language = &config.languages[lang];
        let nav = Arc::new(Nav {
            values: vec![
                ("lang", self.langs[lang].clone()),
                (
                    "site",
                    tera::Value::from_serializable(&SiteContext {
                        title: language.title.clone(),
                        description: language.description.clone(),
                        base_url: config.base_url.clone(),
                    }),
                ),
                ("home_href", link(&targets.home)),
                ("timeline_href", link(&targets.timeline)),
                (
                    "search_href",
                    link_to(Page::Search(LangId(lang)), &targets.search),
                ),
                (
                    "briefing_href",
                    link_to(Page::Briefing(LangId(lang)), &targets.briefing),
                ),
                (
                    "ebook_href",
                    link_to(Page::Ebook(LangId(lang)), &targets.ebook),
                ),
                // Known when the page shows it (the home, the briefing): made first.
                (
                    "ebook_size",
                    tera::Value::from_serializable(&self.ebook_size(lang)),
                ),
                (
                    "actors_href",
                    link_to(Page::Actors(LangId(lang)), &targets.actors),
                ),
                ("feed_href", link(&targets.feed)),
                ("stylesheet_href", link(urls::STYLESHEET)),
                ("highlight_href", link(urls::HIGHLIGHT_STYLESHEET)),
                (
                    "pages_nav",
                    tera::Value::from_serializable(
                        &targets
                            .pages
                            .iter()
                            .map(|(target, name, code)| PageLink {
                                name,
                                href: href(target),
                                lang: (*code != language.code).then_some(code.as_str()),
                            })
                            .collect::<Vec<_>>(),
                    ),
                ),
                (
                    "topics_nav",
                    tera::Value::from_serializable(
                        &config
                            .topics
                            .iter()
                            .zip(&targets.topics)
                            .zip(current)
                            .map(|((t, target), &current)| TopicLink {
                                key: t.key.clone(),
                                name: t.names[lang].clone(),
                                href: href(target),
                                current,
                            })
                            .collect::<Vec<_>>(),
                    ),
                ),
            ],
        });
        self.navs
            .lock()
            .expect("navigation cache")
            .insert(key, Arc::clone(&nav));
        nav
    }

    /// The links to `topics` from the page at `from`, as a template value (a list of
    /// `TopicLink`s): made once for all the pages that link to them alike (`urls::links_key`).
    pub(crate) fn topic_links(&self, topics: &[usize], lang: usize, from: &str) -> tera::Value {
        let targets = &self.nav_targets[lang].topics;
        let (shared, depth) = urls::links_key(from, targets.iter().map(String::as_str));
        let key = (LangId(lang), topics.to_vec(), shared.to_string(), depth);
        if let Some(links) = self.topic_links.lock().expect("topic links").get(&key) {
            return links.clone();
        }
        let config = self.config();
        let links = tera::Value::from_serializable(
            &topics
                .iter()
                .map(|&t| TopicLink {
                    key: config.topics[t].key.clone(),
                    name: config.topics[t].names[lang].clone(),
                    href: urls::relative(from, &targets[t]),
                    current: false,
                })
                .collect::<Vec<_>>(),
        );
        let mut made = self.topic_links.lock().expect("topic links");
        made.entry(key).or_insert(links).clone()
    }
}
