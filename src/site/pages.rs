//! The pages the site has, where each is written, and its versions in the other languages.

use ahash::AHashMap;
use serde::Serialize;

use crate::config::{ActorId, Config, LangId, TopicId};
use crate::model::{ArticleId, Dossier};
use crate::site::urls;

/// Every HTML page of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Page {
    Entrance,
    NotFound,
    Home(LangId),
    /// Every topic of a language, with its description and how many articles it has.
    Topics(LangId),
    /// A page of a topic's articles: `page` counts from 1, the topic page itself (`[lists]
    /// per_page` articles each).
    Topic {
        lang: LangId,
        topic: TopicId,
        page: usize,
    },
    /// A page of every article shown in a language, by date, grouped by year; `page` counts
    /// from 1, as a topic's.
    Timeline {
        lang: LangId,
        page: usize,
    },
    /// The search page of a language; without JavaScript, a list of the newest articles.
    Search(LangId),
    /// The editors' translation status, in a language (only with `[editors] status_page`).
    Status(LangId),
    /// The printable briefing: every article shown in a language, in full, by topic.
    Briefing(LangId),
    /// The briefing as an EPUB e-book (not HTML: made by `render::epub`, not a template).
    Ebook(LangId),
    /// Every actor of `actors.toml`, by kind (only when there are actors).
    Actors(LangId),
    /// A page of an actor's: who it is, and the articles that name it; `page` counts from 1,
    /// as a topic's.
    Actor {
        lang: LangId,
        actor: ActorId,
        page: usize,
    },
    /// An article's page; with translations, it holds their text too, shown beside its own
    /// when the reader asks (`has_side_by_side`).
    Article(ArticleId),
}

impl Page {
    /// The template that renders this page.
    pub fn template(&self) -> &'static str {
        match self {
            Page::Entrance => "entrance.html",
            Page::NotFound => "404.html",
            Page::Home(_) => "home.html",
            Page::Topics(_) => "topics.html",
            Page::Topic { .. } => "topic.html",
            Page::Timeline { .. } => "timeline.html",
            Page::Search(_) => "search.html",
            Page::Status(_) => "status.html",
            Page::Briefing(_) => "briefing.html",
            Page::Ebook(_) => "",
            Page::Actors(_) => "actors.html",
            Page::Actor { .. } => "actor.html",
            Page::Article(_) => "article.html",
        }
    }
}

/// How many articles each actor's pages list in each language (`lang * actors + actor`),
/// which sets how many pages they take (`[lists] per_page` a page). The render layer counts
/// them, since it finds the actors the articles name (`render::ActorIndex::counts`); none
/// without actors.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActorCounts(pub Vec<usize>);

impl ActorCounts {
    /// How many pages `actor`'s articles take in `lang`: at least one.
    pub fn pages(&self, config: &Config, lang: LangId, actor: ActorId) -> usize {
        let count = self.0.get(lang.0 * config.actors.actors.len() + actor.0);
        config.lists.pages(count.copied().unwrap_or(0))
    }
}

/// All pages, in a stable order.
pub fn all(dossier: &Dossier, actors: &ActorCounts) -> Vec<Page> {
    let mut pages = vec![Page::Entrance, Page::NotFound];
    for lang in dossier.config.lang_ids() {
        pages.push(Page::Home(lang));
        pages.push(Page::Topics(lang));
        push_list_pages(dossier, lang, dossier.config.topic_ids(), &mut pages);
        pages.push(Page::Search(lang));
        pages.push(Page::Status(lang));
        pages.push(Page::Briefing(lang));
        pages.push(Page::Ebook(lang));
        pages.extend(actor_pages(&dossier.config, lang, actors));
    }
    pages.retain(|&page| written(&dossier.config, page));
    pages.extend((0..dossier.articles.len()).map(|id| Page::Article(ArticleId(id))));
    pages
}

/// The actors' pages of a language: their index, then each actor's, every page of it (none
/// without actors).
pub fn actor_pages(config: &Config, lang: LangId, counts: &ActorCounts) -> Vec<Page> {
    if config.actors.actors.is_empty() {
        return Vec::new();
    }
    let mut pages = vec![Page::Actors(lang)];
    for actor in (0..config.actors.actors.len()).map(ActorId) {
        pages.extend(every_actor_page(config, lang, actor, counts));
    }
    pages
}

/// Every page of `actor`'s in `lang`.
pub fn every_actor_page(
    config: &Config,
    lang: LangId,
    actor: ActorId,
    counts: &ActorCounts,
) -> impl Iterator<Item = Page> {
    let count = counts.pages(config, lang, actor);
    (1..=count).map(move |page| Page::Actor { lang, actor, page })
}

/// How many pages the list of a topic (or, without one, the timeline) takes in a language.
pub fn list_pages(dossier: &Dossier, lang: LangId, topic: Option<TopicId>) -> usize {
    let count = dossier.shown_count(lang.0, topic.map(|t| t.0));
    dossier.config.lists.pages(count)
}

/// Every page of the lists of these topics (every topic's, with `None`) and of the timeline,
/// in every language.
pub fn list_pages_of(dossier: &Dossier, topics: Option<&[usize]>) -> Vec<Page> {
    let mut pages = Vec::new();
    for lang in dossier.config.lang_ids() {
        match topics {
            Some(topics) => {
                let topics = topics.iter().map(|&t| TopicId(t));
                push_list_pages(dossier, lang, topics, &mut pages);
            }
            None => push_list_pages(dossier, lang, dossier.config.topic_ids(), &mut pages),
        }
    }
    pages
}

/// Pushes every page of a language's lists of `topics`, then of its timeline.
fn push_list_pages(
    dossier: &Dossier,
    lang: LangId,
    topics: impl Iterator<Item = TopicId>,
    pages: &mut Vec<Page>,
) {
    for topic in topics {
        let count = list_pages(dossier, lang, Some(topic));
        pages.extend((1..=count).map(|page| Page::Topic { lang, topic, page }));
    }
    let count = list_pages(dossier, lang, None);
    pages.extend((1..=count).map(|page| Page::Timeline { lang, page }));
}

/// Whether the site has pages of this kind: `[outputs]` may leave out the search and the
/// briefings, `[editors]` adds the status page. (The side-by-side reading is part of an
/// article's page: [`has_side_by_side`].)
pub fn written(config: &Config, page: Page) -> bool {
    match page {
        Page::Search(_) => config.outputs.search,
        Page::Briefing(_) => config.outputs.briefing,
        Page::Ebook(_) => config.outputs.epub,
        Page::Status(_) => config.editors.status_page,
        Page::Actors(_) | Page::Actor { .. } => !config.actors.actors.is_empty(),
        _ => true,
    }
}

/// Whether an article's page holds its versions side by side: when it has a translation and
/// every version has text to read (and the dossier has such readings: `[outputs]
/// side_by_side`). Then the page shows the other versions' text too, hidden until the reader
/// asks for it (its anchor, `Language::parallel_anchor`), so that it changes with them.
pub fn has_side_by_side(dossier: &Dossier, id: usize) -> bool {
    let group = dossier.group_of(id);
    dossier.config.outputs.side_by_side
        && group.existing().nth(1).is_some()
        && group.existing().all(|v| dossier.articles[v].has_text)
}

/// The pages that show an article's text: its own, and with side by side, every version's.
pub fn pages_with_text_of(dossier: &Dossier, id: usize) -> Vec<Page> {
    match has_side_by_side(dossier, id) {
        true => dossier
            .group_of(id)
            .existing()
            .map(|version| Page::Article(ArticleId(version)))
            .collect(),
        false => vec![Page::Article(ArticleId(id))],
    }
}

pub fn page_path(dossier: &Dossier, page: Page) -> String {
    let config = &dossier.config;
    match page {
        Page::Entrance => urls::ENTRANCE.to_string(),
        Page::NotFound => urls::NOT_FOUND.to_string(),
        Page::Home(lang) => urls::home(&config.languages[lang]),
        Page::Topics(lang) => urls::topics(&config.languages[lang]),
        Page::Topic { lang, topic, page } => {
            urls::topic_page(&config.languages[lang], &config.topics[topic].key, page)
        }
        Page::Timeline { lang, page } => urls::timeline_page(&config.languages[lang], page),
        Page::Search(lang) => urls::search(&config.languages[lang]),
        Page::Status(lang) => urls::status(&config.languages[lang]),
        Page::Briefing(lang) => urls::briefing(&config.languages[lang]),
        Page::Ebook(lang) => urls::ebook(&config.languages[lang]),
        Page::Actors(lang) => urls::actors(&config.languages[lang]),
        Page::Actor { lang, actor, page } => {
            urls::actor_page(&config.languages[lang], &config.actors[actor].key, page)
        }
        Page::Article(id) => {
            let article = &dossier.articles[id];
            let language = &config.languages[article.lang];
            match article.is_page() {
                true => urls::reference_page(language, &article.slug),
                false => urls::article(language, &article.slug),
            }
        }
    }
}

/// Page paths of every article, by id: what links between articles resolve against.
pub fn article_paths(dossier: &Dossier) -> Vec<String> {
    (0..dossier.articles.len())
        .map(|id| page_path(dossier, Page::Article(ArticleId(id))))
        .collect()
}

/// Article ids by file (`content/a/b.fr.md`).
pub fn ids_by_file(dossier: &Dossier) -> AHashMap<&str, usize> {
    dossier
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.file.as_str(), i))
        .collect()
}

/// The hreflang alternates of a page, absolute: every language it exists in, then
/// `x-default` (the entrance for pages that exist in every language, else the version in the
/// default language). The `<head>` and the sitemap both use this list. The later pages of a
/// list have none: page 2 of a topic in French does not hold the articles of its page 2 in
/// English.
pub fn alternates(dossier: &Dossier, page: Page) -> Vec<Alternate> {
    let config = &dossier.config;
    let absolute = |page: Page| urls::absolute(config, &page_path(dossier, page));
    let versions: Vec<(LangId, Page)> = match page {
        Page::NotFound
        | Page::Ebook(_)
        | Page::Topic { page: 2.., .. }
        | Page::Timeline { page: 2.., .. }
        | Page::Actor { page: 2.., .. } => {
            return Vec::new();
        }
        Page::Entrance | Page::Home(_) => config.lang_ids().map(|l| (l, Page::Home(l))).collect(),
        Page::Topic { topic, .. } => config
            .lang_ids()
            .map(|l| {
                let page = Page::Topic {
                    lang: l,
                    topic,
                    page: 1,
                };
                (l, page)
            })
            .collect(),
        Page::Timeline { .. } => config
            .lang_ids()
            .map(|l| (l, Page::Timeline { lang: l, page: 1 }))
            .collect(),
        Page::Topics(_) => config.lang_ids().map(|l| (l, Page::Topics(l))).collect(),
        Page::Search(_) => config.lang_ids().map(|l| (l, Page::Search(l))).collect(),
        Page::Status(_) => config.lang_ids().map(|l| (l, Page::Status(l))).collect(),
        Page::Briefing(_) => config.lang_ids().map(|l| (l, Page::Briefing(l))).collect(),
        Page::Actors(_) => config.lang_ids().map(|l| (l, Page::Actors(l))).collect(),
        Page::Actor { actor, .. } => config
            .lang_ids()
            .map(|l| {
                let page = Page::Actor {
                    lang: l,
                    actor,
                    page: 1,
                };
                (l, page)
            })
            .collect(),
        Page::Article(id) => {
            let group = dossier.group_of(id.0);
            config
                .lang_ids()
                .filter_map(|l| group.version(l.0).map(|v| (l, Page::Article(ArticleId(v)))))
                .collect()
        }
    };
    let default = match page {
        Page::Article(id) => {
            let group = dossier.group_of(id.0);
            let version = ArticleId(
                group
                    .version(config.default_language)
                    .or_else(|| group.existing().next())
                    .unwrap_or(id.0),
            );
            absolute(Page::Article(version))
        }
        _ => urls::absolute(config, urls::ENTRANCE),
    };
    let mut list: Vec<Alternate> = versions
        .into_iter()
        .map(|(l, version)| Alternate {
            hreflang: config.languages[l].code.clone(),
            href: absolute(version),
        })
        .collect();
    list.push(Alternate {
        hreflang: "x-default".into(),
        href: default,
    });
    list
}

#[derive(Serialize)]
pub struct Alternate {
    pub hreflang: String,
    pub href: String,
}
