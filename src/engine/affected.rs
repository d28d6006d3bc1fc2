//! What a change between two models makes stale: the pages and feeds that show the articles
//! that changed, and the old pages that may have gone.

use std::collections::BTreeSet;
use std::sync::Arc;

use ahash::{AHashMap, AHashSet};

use super::Good;
use crate::config::{ActorId, LangId, TopicId};
use crate::model::reading::Paths;
use crate::model::{Article, ArticleId, Dossier};
use crate::render::ActorIndex;
use crate::render::markdown::Rendered;
use crate::site::pages::{self, ActorCounts, Page};

/// A feed: its language, and its topic (none for the language's main feed).
pub(super) type Feed = (LangId, Option<TopicId>);

pub(super) fn all_feeds(dossier: &Dossier) -> Vec<Feed> {
    let mut feeds = Vec::new();
    for lang in dossier.config.lang_ids() {
        feeds.push((lang, None));
        feeds.extend(dossier.config.topic_ids().map(|t| (lang, Some(t))));
    }
    feeds
}

/// What a change between two models makes stale.
#[derive(Default)]
pub(super) struct Affected {
    pub(super) pages: Vec<Page>,
    pub(super) feeds: Vec<Feed>,
    /// Old page paths that may have gone.
    pub(super) stale: Vec<String>,
    /// Pages appeared, went or changed their alternates or dates: the sitemap changes.
    pub(super) structural: bool,
    /// The new model's reading paths, when they were made to compare.
    pub(super) reading: Option<Arc<Vec<Paths>>>,
}

impl super::Engine {
    /// What the new model makes stale since the last good build: every page with
    /// `all_pages` or without one.
    pub(super) fn affected_by(
        &self,
        dossier: &Dossier,
        bodies: &[Arc<Rendered>],
        (actors, actor_counts): (&ActorIndex, &ActorCounts),
        all_pages: bool,
    ) -> Affected {
        match &self.good {
            Some(old) if !all_pages => {
                let mut affected = affected(
                    &old.dossier,
                    &old.bodies,
                    &old.reading,
                    dossier,
                    bodies,
                    ((&old.actors, &old.actor_counts), (actors, actor_counts)),
                );
                // A picture of the site changed, came or went: the e-books hold the site's
                // pictures, and the homes say how large each book is.
                if self.pending.statics && dossier.config.outputs.epub {
                    let books = dossier.config.lang_ids().flat_map(|lang| {
                        [Page::Briefing(lang), Page::Ebook(lang), Page::Home(lang)]
                    });
                    affected
                        .pages
                        .extend(books.filter(|&page| pages::written(&dossier.config, page)));
                    affected.pages.sort();
                    affected.pages.dedup();
                }
                affected
            }
            _ => Affected {
                pages: pages::all(dossier, actor_counts),
                feeds: all_feeds(dossier),
                stale: Vec::new(),
                structural: true,
                reading: None,
            },
        }
    }
}

/// The pages and feeds that show anything of the articles that changed between two models.
/// An edit to an article's text alone touches its page and its feeds, and the lists only
/// when the summary they show (its first paragraph) changed. `actors`: the actors each
/// article names and how many articles each actor's pages list, before and after.
pub(super) fn affected(
    old: &Dossier,
    old_bodies: &[Arc<Rendered>],
    old_paths: &[Paths],
    new: &Dossier,
    new_bodies: &[Arc<Rendered>],
    actors: ((&ActorIndex, &ActorCounts), (&ActorIndex, &ActorCounts)),
) -> Affected {
    let counts = (actors.0.1, actors.1.1);
    let old_ids = pages::ids_by_file(old);
    let new_ids = pages::ids_by_file(new);
    let config = &new.config;
    let mut affected = Affected::default();
    let mut articles: BTreeSet<usize> = BTreeSet::new();
    let mut topics: BTreeSet<&str> = BTreeSet::new();
    let mut feeds: BTreeSet<Feed> = BTreeSet::new();
    let mut lists = false;
    for (file, &id) in &new_ids {
        let article = &new.articles[id];
        match old_ids.get(file) {
            Some(&o)
                if old.articles[o].shown() == article.shown()
                    && old.articles[o].aliases == article.aliases
                    && old.groups[old.articles[o].group].key == new.groups[article.group].key =>
            {
                if Arc::ptr_eq(&old_bodies[o], &new_bodies[id]) {
                    continue;
                }
                // The text changed, nothing else: its page, its feeds, and the lists if they
                // show its first paragraph.
                articles.insert(id);
                feeds_of(article, &mut feeds);
                if article.summary.is_none()
                    && old_bodies[o].own_summary() != new_bodies[id].own_summary()
                {
                    lists = true;
                    topics.extend(topic_keys(new, article));
                }
            }
            before => {
                // The sitemap shows URLs, dates and translations; titles and topics are not in it.
                // Side-by-side views exist while every version has text.
                affected.structural |= before.is_none_or(|&o| {
                    let was = &old.articles[o];
                    was.slug != article.slug
                        || was.lang != article.lang
                        || was.date != article.date
                        || was.updated != article.updated
                        || was.has_text != article.has_text
                        || old.groups[was.group].key != new.groups[article.group].key
                });
                lists = true;
                topics.extend(topic_keys(new, article));
                articles.extend(new.group_of(id).existing());
                feeds_of(article, &mut feeds);
                if let Some(&o) = old_ids.get(file) {
                    mark_old(old, o, &new_ids, &mut affected, &mut articles, &mut topics);
                    feeds_of(&old.articles[o], &mut feeds);
                }
            }
        }
    }
    for (file, &o) in &old_ids {
        if !new_ids.contains_key(file) {
            affected.structural = true;
            lists = true;
            mark_old(old, o, &new_ids, &mut affected, &mut articles, &mut topics);
            feeds_of(&old.articles[o], &mut feeds);
        }
    }
    if lists {
        // Lists may now take more or fewer pages (the sitemap lists them); old later pages
        // may have gone.
        let list_paths = |dossier: &Dossier| -> Vec<String> {
            pages::list_pages_of(dossier, None)
                .into_iter()
                .map(|page| pages::page_path(dossier, page))
                .collect()
        };
        let (before, after) = (list_paths(old), list_paths(new));
        affected.structural |= before != after;
        affected.stale.extend(before);
    }
    if counts.0 != counts.1 {
        // Actors' pages may have come or gone (the sitemap lists them).
        affected.structural = true;
        for lang in old.config.lang_ids() {
            let before = pages::actor_pages(&old.config, lang, counts.0);
            affected
                .stale
                .extend(before.into_iter().map(|page| pages::page_path(old, page)));
        }
    }
    let new_paths = Arc::new(new.reading_paths());
    articles.extend(paths_changed(
        old, old_paths, &old_ids, new, &new_paths, &new_ids,
    ));
    affected.reading = Some(new_paths);
    // The briefings print every article in full: any article that changed changes them.
    let briefings = match lists || !articles.is_empty() {
        true => 0..config.languages.len(),
        false => 0..0,
    };
    let topics: BTreeSet<usize> = topics.iter().filter_map(|key| config.topic(key)).collect();
    affected.pages = match navigation(old) == navigation(new) {
        true => {
            let named = named_around(old, new, &articles, (actors.0.0, actors.1.0));
            let actors = (counts.1, Some(&named[..]));
            pages_showing(new, articles, briefings, lists.then_some(&topics), actors)
        }
        // Every page shows the navigation.
        false => pages::all(new, counts.1),
    };
    affected.feeds = feeds.into_iter().collect();
    affected
}

/// The actors whose pages change when `articles` of `new` are shown again: those that these
/// articles and their versions name now, and that the same files, or those gone, named in
/// `old`. An actor's pages show only what comes from the articles that name it (their titles,
/// dates, addresses, sentences, language marks, figures, the actors named with it), so the
/// pages of every other actor are the same.
fn named_around(
    old: &Dossier,
    new: &Dossier,
    articles: &BTreeSet<usize>,
    (old_actors, new_actors): (&ActorIndex, &ActorIndex),
) -> Vec<ActorId> {
    if new.config.actors.actors.is_empty() {
        return Vec::new();
    }
    let shown: BTreeSet<usize> = articles
        .iter()
        .flat_map(|&id| new.group_of(id).existing())
        .collect();
    let files: AHashSet<&str> = shown
        .iter()
        .map(|&id| new.articles[id].file.as_str())
        .collect();
    let now: AHashSet<&str> = new.articles.iter().map(|a| a.file.as_str()).collect();
    let before = (old.articles.iter().enumerate())
        .filter(|(_, a)| files.contains(a.file.as_str()) || !now.contains(a.file.as_str()))
        .map(|(o, _)| o);
    let mut named = new_actors.named_by(shown.iter().copied());
    named.extend(old_actors.named_by(before));
    named.sort_unstable();
    named.dedup();
    named
}

/// The articles of `new` whose reading paths (`model::reading`) lead elsewhere than in `old`,
/// or to articles whose title, date or language changed.
fn paths_changed(
    old: &Dossier,
    old_paths: &[Paths],
    old_ids: &AHashMap<&str, usize>,
    new: &Dossier,
    new_paths: &[Paths],
    new_ids: &AHashMap<&str, usize>,
) -> Vec<usize> {
    let mut changed = Vec::new();
    for (file, &id) in new_ids {
        if let Some(&o) = old_ids.get(file) {
            if shown_paths(old, &old_paths[o]) != shown_paths(new, &new_paths[id]) {
                changed.push(id);
            }
        }
    }
    changed
}

/// What a page shows of its reading paths, comparable across two models: each topic (its
/// key) and the file, title, date, language and slug of each article linked.
fn shown_paths<'a>(dossier: &'a Dossier, paths: &Paths) -> impl PartialEq + use<'a> {
    let link = |id: Option<usize>| {
        id.map(|id| {
            let article = &dossier.articles[id];
            let address = (article.lang, article.slug.as_str());
            (
                article.file.as_str(),
                article.title.as_str(),
                article.date,
                address,
            )
        })
    };
    let topics: Vec<_> = paths
        .topics
        .iter()
        .map(|n| {
            let key = dossier.config.topics[n.topic].key.as_str();
            (key, link(n.older), link(n.newer))
        })
        .collect();
    let related: Vec<_> = paths.related.iter().map(|&id| link(Some(id))).collect();
    (topics, related)
}

/// The reference pages each language's navigation links to: their files, pages and titles.
fn navigation(dossier: &Dossier) -> Vec<Vec<(&str, String, &str)>> {
    (0..dossier.config.languages.len())
        .map(|lang| {
            dossier
                .navigation(lang)
                .into_iter()
                .map(|id| {
                    let page = &dossier.articles[id];
                    let path = pages::page_path(dossier, Page::Article(ArticleId(id)));
                    (page.file.as_str(), path, page.title.as_str())
                })
                .collect()
        })
        .collect()
}

/// The pages that show articles: the pages of `articles` (and of their versions, which show
/// them side by side), the
/// briefings of the languages `briefings`, the editors' status in every language (a new mark,
/// a new text, a new or gone version all show there), and with `lists`, every language's
/// home, timeline, search page and the pages of those topics. Only the kinds the site has.
/// With actors, the pages of every actor (`actors.1` none) or of those given, and their
/// index, `actors.0` saying how many pages each takes.
pub(super) fn pages_showing(
    dossier: &Dossier,
    articles: BTreeSet<usize>,
    briefings: impl Iterator<Item = usize>,
    lists: Option<&BTreeSet<usize>>,
    actors: (&ActorCounts, Option<&[ActorId]>),
) -> Vec<Page> {
    // Read side by side, every version's page shows the article.
    let with_text: BTreeSet<Page> = articles
        .iter()
        .flat_map(|&id| pages::pages_with_text_of(dossier, id))
        .collect();
    let mut shown: Vec<Page> = with_text.into_iter().collect();
    // The home says how large the e-book is, when there is one.
    let ebooks = dossier.config.outputs.epub;
    shown.extend(briefings.flat_map(|lang| {
        let lang = LangId(lang);
        let home = ebooks.then_some(Page::Home(lang));
        [Some(Page::Briefing(lang)), Some(Page::Ebook(lang)), home]
            .into_iter()
            .flatten()
    }));
    shown.extend(dossier.config.lang_ids().map(Page::Status));
    if let Some(topics) = lists {
        for lang in dossier.config.lang_ids() {
            shown.push(Page::Home(lang));
            shown.push(Page::Topics(lang));
            shown.push(Page::Search(lang));
        }
        // Every page of their lists: an article that comes or goes moves those after it.
        let topics: Vec<usize> = topics.iter().copied().collect();
        shown.extend(pages::list_pages_of(dossier, Some(&topics)));
    }
    // The actors an article names show on every version's page, and on the actors' pages
    // (the articles that name each, the actors named with it, the counts of the index).
    if !dossier.config.actors.actors.is_empty() && (!articles.is_empty() || lists.is_some()) {
        for &id in &articles {
            let versions = dossier.group_of(id).existing();
            shown.extend(versions.map(|v| Page::Article(ArticleId(v))));
        }
        let config = &dossier.config;
        for lang in config.lang_ids() {
            match actors.1 {
                None => shown.extend(pages::actor_pages(config, lang, actors.0)),
                Some(some) => {
                    shown.push(Page::Actors(lang));
                    for &actor in some {
                        shown.extend(pages::every_actor_page(config, lang, actor, actors.0));
                    }
                }
            }
        }
    }
    shown.sort_unstable();
    shown.dedup();
    shown.retain(|&page| pages::written(&dossier.config, page));
    shown
}

/// The homes, pages of every topic and search pages (with their lists of the newest
/// articles), and the pages of the timelines and of `topics` that hold one of `ids`: the pages
/// that show a change of title or summary (lists order articles by date, then file, so a new
/// title or summary moves none).
pub(super) fn list_pages_around(
    dossier: &Dossier,
    ids: &[usize],
    topics: &BTreeSet<usize>,
) -> Vec<Page> {
    let newest_first = dossier.newest_first_all();
    let per_page = dossier.config.lists.per_page;
    let mut found: BTreeSet<Page> = BTreeSet::new();
    for lang in dossier.config.lang_ids() {
        found.extend([Page::Home(lang), Page::Topics(lang), Page::Search(lang)]);
        let lists = std::iter::once(None).chain(topics.iter().map(|&t| Some(TopicId(t))));
        for topic in lists {
            let listing = dossier.shown_among(&newest_first, lang.0, topic.map(|t| t.0));
            for &id in ids {
                if let Some(at) = listing.iter().position(|&a| a == id) {
                    let page = at / per_page + 1;
                    found.insert(match topic {
                        Some(topic) => Page::Topic { lang, topic, page },
                        None => Page::Timeline { lang, page },
                    });
                }
            }
        }
    }
    found
        .into_iter()
        .filter(|&page| pages::written(&dossier.config, page))
        .collect()
}

impl Good {
    /// The output path of a page.
    pub(super) fn paths_of(&self, page: Page) -> String {
        match page {
            Page::Article(id) => self.paths[id.0].clone(),
            other => pages::page_path(&self.dossier, other),
        }
    }
}

/// The feeds an article appears in: its language's, and its topics' in that language; and
/// those of the languages it has an abstract in. (Indexes are the same in both models: a
/// config change rebuilds everything.)
pub(super) fn feeds_of(article: &Article, feeds: &mut BTreeSet<Feed>) {
    let abstracts = article.abstracts.iter().map(|a| a.lang);
    for lang in std::iter::once(article.lang).chain(abstracts) {
        let lang = LangId(lang);
        feeds.insert((lang, None));
        feeds.extend(article.topics.iter().map(|&t| (lang, Some(TopicId(t)))));
    }
}

/// What an article of the old model leaves stale: its page, its translations' pages, its topics.
pub(super) fn mark_old<'a>(
    old: &'a Dossier,
    id: usize,
    new_ids: &AHashMap<&str, usize>,
    affected: &mut Affected,
    articles: &mut BTreeSet<usize>,
    topics: &mut BTreeSet<&'a str>,
) {
    affected
        .stale
        .push(pages::page_path(old, Page::Article(ArticleId(id))));
    // Its pages at old addresses (made again if it still has them).
    affected.stale.extend(
        old.articles[id]
            .aliases
            .iter()
            .map(|(alias, _)| alias.clone()),
    );
    topics.extend(topic_keys(old, &old.articles[id]));
    for other in old.group_of(id).existing() {
        if let Some(&now) = new_ids.get(old.articles[other].file.as_str()) {
            articles.insert(now);
        }
    }
}

/// The keys of an article's topics (keys, not indexes, to compare two models).
pub(super) fn topic_keys<'a>(
    dossier: &'a Dossier,
    article: &'a Article,
) -> impl Iterator<Item = &'a str> {
    article
        .topics
        .iter()
        .map(|&t| dossier.config.topics[t].key.as_str())
}
