//! Long lists (a home's latest, topic pages, timelines, the search page's list): each entry
//! rendered once through its template and cached, the page holding a marker replaced by the
//! entries after Tera; and each article as a language's search shows it.

use std::borrow::Cow;
use std::sync::{Arc, Mutex};

use ahash::AHashMap;
use serde::Serialize;

use super::search;
use super::{Cut, LIST, Lists, Piece, Renderer, SENTENCE, cut_at_markers, numbered_marker, put};
use crate::config::{LangId, TopicId};
use crate::error::Diagnostic;
use crate::model::ArticleId;
use crate::site::urls;
use crate::text::words;

/// Which list an entry is rendered for: its links are relative to the list's page, and all
/// pages of one kind in one language sit at the same depth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListKind {
    Home,
    /// A topic's first page.
    Topic,
    /// A topic's later pages, two folders deeper (`page/2/`).
    TopicLater,
    /// The timeline's years, on its first page.
    Timeline,
    /// The timeline's later pages.
    TimelineLater,
    /// The search page's list of every article (what it shows without JavaScript).
    Search,
    /// An actor's first page: each article that names it, cut where the sentence naming it
    /// goes (`actor_list`).
    Actor,
    /// An actor's later pages.
    ActorLater,
}

impl ListKind {
    /// The template of an entry of this list.
    pub(crate) fn template(self) -> &'static str {
        match self {
            ListKind::Home | ListKind::Topic | ListKind::TopicLater => "entry.html",
            ListKind::Timeline | ListKind::TimelineLater => "timeline-entry.html",
            ListKind::Search => "search-entry.html",
            ListKind::Actor | ListKind::ActorLater => "actor-entry.html",
        }
    }

    /// The heading level of an entry's title in a list of `entry.html`.
    pub(crate) fn level(self) -> Option<u8> {
        match self {
            ListKind::Home => Some(3),
            ListKind::Topic | ListKind::TopicLater => Some(2),
            ListKind::Timeline
            | ListKind::TimelineLater
            | ListKind::Search
            | ListKind::Actor
            | ListKind::ActorLater => None,
        }
    }

    /// Whether the list is on one page per language: in a build that is never rebuilt, its
    /// entries are used once and not kept.
    pub(crate) fn on_one_page(self) -> bool {
        matches!(
            self,
            ListKind::Home | ListKind::Timeline | ListKind::TimelineLater | ListKind::Search
        )
    }
}

/// A briefing's contents entry: article, language, and the topic it is printed under when
/// that is not the one listing it.
pub(crate) type ContentsKey = (ArticleId, LangId, Option<TopicId>);

/// An entry of a list, by article, page language and list.
type EntryKey = (ArticleId, LangId, ListKind);

/// List entries rendered once through `entry.html` and kept, by article, page language and
/// list: a topic page of thousands of articles then re-renders only the entries that changed.
/// Likewise the articles of the printable briefing, by article and briefing language.
/// Whoever changes an article forgets its entries.
#[derive(Debug, Default)]
pub struct EntryCache {
    entries: Mutex<AHashMap<EntryKey, Arc<str>>>,
    pub(crate) sections: Mutex<AHashMap<(ArticleId, LangId), Arc<str>>>,
    /// Entries of the briefing's contents, by article, language and the topic it is printed
    /// under when that is not the one listing it.
    pub(crate) contents: Mutex<AHashMap<ContentsKey, Arc<str>>>,
    /// The entries of the actors' pages, cut where the sentence naming the actor goes: what
    /// comes before it and after (`actor_list`).
    pub(crate) cut: Mutex<AHashMap<EntryKey, super::actor_list::CutEntry>>,
    /// For a build that is never rebuilt (`dossier build`): the briefing's articles, each
    /// printed once, are not kept.
    pub(crate) one_shot: bool,
}

impl EntryCache {
    /// The cache of a build that is never rebuilt: what a build uses only once is not kept.
    pub fn one_shot() -> EntryCache {
        EntryCache {
            one_shot: true,
            ..EntryCache::default()
        }
    }

    /// Drops the entries of one article.
    pub fn forget(&self, id: usize) {
        let id = ArticleId(id);
        self.entries
            .lock()
            .expect("entry cache")
            .retain(|(article, _, _), _| *article != id);
        self.sections
            .lock()
            .expect("entry cache")
            .retain(|(article, _), _| *article != id);
        self.contents
            .lock()
            .expect("entry cache")
            .retain(|(article, _, _), _| *article != id);
        self.cut
            .lock()
            .expect("entry cache")
            .retain(|(article, _, _), _| *article != id);
    }
}

/// A long list, its entries rendered through their template (`entry.html`…) and cached.
#[derive(Serialize)]
pub struct Listed {
    /// A marker, replaced after Tera by the entries (`Renderer::splice_lists`).
    pub html: String,
    pub count: usize,
}

/// An article in a list.
#[derive(Serialize)]
pub(crate) struct Entry {
    pub title: String,
    pub href: String,
    pub date: String,
    pub date_iso: String,
    pub summary: String,
    /// The language its title and summary are shown in: the article's, or the page's for an
    /// abstract (`abstracts` in its front matter).
    pub lang: String,
    /// The language of the page the link leads to, when it is not the page's (`hreflang`).
    pub hreflang: String,
    /// When it is not written in the page's language: the mark (`French only`, or `in
    /// French` beside an abstract).
    pub only: String,
    /// `TopicLink`s, as a template value (`topic_links`).
    pub topics: tera::Value,
}

impl Renderer<'_> {
    /// The articles `lang` shows, of `topic` when there is one, newest first.
    pub(crate) fn listing(&self, lang: usize, topic: Option<usize>) -> Vec<usize> {
        self.dossier.shown_among(self.newest_first(), lang, topic)
    }

    /// Every article, newest first: each listing is this order with some left out.
    pub(crate) fn newest_first(&self) -> &[usize] {
        self.newest_first
            .get_or_init(|| self.dossier.newest_first_all())
    }

    /// Every article shown in `lang`, newest first.
    pub(crate) fn timeline_ids(&self, lang: usize) -> &[usize] {
        self.timelines[lang].get_or_init(|| self.listing(lang, None))
    }

    /// The articles of a topic shown in `lang`, newest first.
    pub(crate) fn topic_listing(&self, lang: usize, topic: usize) -> &[usize] {
        let topics = self.config().topics.len();
        self.topic_listings[lang * topics + topic].get_or_init(|| self.listing(lang, Some(topic)))
    }

    /// One entry of a long list that the cache lacks, rendered through its template and
    /// kept.
    pub(crate) fn listed(
        &self,
        id: usize,
        lang: usize,
        kind: ListKind,
    ) -> Result<Arc<str>, Diagnostic> {
        let key = (ArticleId(id), LangId(lang), kind);
        let html: Arc<str> = Arc::from(self.entry_html(id, lang, kind)?);
        // (A home's entries are few; the timeline's and the search page's, used once by a
        // build that is never rebuilt, would only add to its peak memory.)
        if !(self.entries.one_shot && kind.on_one_page()) {
            self.entries
                .entries
                .lock()
                .expect("entry cache")
                .insert(key, Arc::clone(&html));
        }
        Ok(html)
    }

    /// One entry of a list of `kind` rendered through its template; an actor's entry holds
    /// the `SENTENCE` marker where its sentence goes.
    pub(crate) fn entry_html(
        &self,
        id: usize,
        lang: usize,
        kind: ListKind,
    ) -> Result<String, Diagnostic> {
        let language = &self.config().languages[lang];
        // Links are made from a page that stands for every page of the list's kind, so that
        // one rendering serves them all (`-` is never a topic key).
        let from = match kind {
            ListKind::Home => urls::home(language),
            ListKind::Topic => urls::topic(language, "-"),
            ListKind::TopicLater => urls::topic_page(language, "-", 2),
            ListKind::Timeline => urls::timeline(language),
            ListKind::TimelineLater => urls::timeline_page(language, 2),
            ListKind::Search => urls::search(language),
            ListKind::Actor => urls::actor(language, "-"),
            ListKind::ActorLater => urls::actor_page(language, "-", 2),
        };
        let mut context = tera::Context::new();
        put(&mut context, "entry", &self.entry(id, lang, &from))?;
        if let Some(level) = kind.level() {
            put(&mut context, "entry_level", &level)?;
        }
        if matches!(kind, ListKind::Actor | ListKind::ActorLater) {
            // Safe: a template that prints it without `| safe` still gives the marker.
            context.insert_value("sentence", tera::Value::safe_string(SENTENCE));
        }
        self.render_piece(kind.template(), lang, context)
    }

    /// A whole list, each entry from the cache or rendered: in the context, a marker that
    /// `splice_lists` replaces after Tera by the entries in `lists`, as the cache keeps them
    /// (a topic page of thousands of entries is neither joined nor copied through Tera).
    pub(crate) fn listed_all(
        &self,
        ids: &[usize],
        lang: usize,
        kind: ListKind,
        lists: &mut Lists,
    ) -> Result<Listed, Diagnostic> {
        // The cached entries under one lock, then the others rendered.
        let cached: Vec<Option<Arc<str>>> = {
            let cache = self.entries.entries.lock().expect("entry cache");
            ids.iter()
                .map(|&id| cache.get(&(ArticleId(id), LangId(lang), kind)).cloned())
                .collect()
        };
        let entries = ids
            .iter()
            .zip(cached)
            .map(|(&id, cached)| match cached {
                Some(html) => Ok(html),
                None => self.listed(id, lang, kind),
            })
            .collect::<Result<Vec<_>, _>>()?;
        let html = numbered_marker(LIST, lists.len());
        lists.push(entries);
        Ok(Listed {
            html,
            count: ids.len(),
        })
    }

    /// A page with each list's marker replaced by its entries, handed to `out`.
    pub(crate) fn splice_lists(&self, shell: &[u8], lists: &Lists, out: &mut dyn FnMut(Piece)) {
        for cut in cut_at_markers(shell, &[LIST]) {
            match cut {
                Cut::Text(text) => out(Piece::Made(text)),
                Cut::Marker {
                    n, text: marker, ..
                } => match lists.get(n) {
                    Some(entries) => entries.iter().for_each(|entry| out(Piece::Kept(entry))),
                    None => out(Piece::Made(marker)),
                },
            }
        }
    }

    pub(crate) fn entry(&self, id: usize, lang: usize, from: &str) -> Entry {
        let mut entry = self.entry_without_topics(id, lang, from);
        entry.topics = self.topic_links(&self.dossier.articles[id].topics, lang, from);
        entry
    }

    /// An entry without its topic links (which search does not show).
    pub(crate) fn entry_without_topics(&self, id: usize, lang: usize, from: &str) -> Entry {
        let config = self.config();
        let article = &self.dossier.articles[id];
        let written_in = &config.languages[article.lang];
        let href = urls::relative(from, self.article_path(id));
        let hreflang = match article.lang == lang {
            true => String::new(),
            false => written_in.code.clone(),
        };
        if let Some(summary) = article.abstract_in(lang) {
            // Its title and summary in the page's language, leading to the abstract shown
            // above the original's text.
            let language = &config.languages[lang];
            return Entry {
                title: language.typeset(&summary.title),
                href: [href.as_str(), "#", &abstract_anchor(language)].concat(),
                date: self.date_in(lang, id),
                date_iso: article.date_iso(),
                summary: summary
                    .summary
                    .as_deref()
                    .map(|s| language.typeset(s))
                    .unwrap_or_default(),
                lang: language.code.clone(),
                hreflang,
                only: language
                    .string(&["in_", &written_in.code].concat())
                    .to_string(),
                topics: tera::Value::from(Vec::<tera::Value>::new()),
            };
        }
        Entry {
            title: written_in.typeset(&article.title),
            href,
            date: self.date_in(lang, id),
            date_iso: article.date_iso(),
            summary: self.summary(id).unwrap_or_default(),
            lang: written_in.code.clone(),
            hreflang,
            only: self.only(article.lang, lang),
            topics: tera::Value::from(Vec::<tera::Value>::new()),
        }
    }

    /// The article's summary: the one its front matter gives, else the text before its
    /// `<!-- more -->`, else its first paragraph cut between words to `summary_length`; none
    /// for an article without text.
    pub(crate) fn summary(&self, id: usize) -> Option<String> {
        let article = &self.dossier.articles[id];
        let language = &self.config().languages[article.lang];
        let body = &self.bodies[id];
        let text = match (&article.summary, &body.summary, &body.first_paragraph) {
            (Some(summary), _, _) | (None, Some(summary), _) => Cow::Borrowed(summary.as_str()),
            (None, None, Some(first)) => {
                words::shorten(first, self.config().markdown.summary_length)
            }
            (None, None, None) => return None,
        };
        Some(language.typeset(&text))
    }

    /// The articles of a language's search, by id, in its order: every article the language
    /// shows, newest first, as on its timeline and in the search page's list; then its
    /// reference pages, in navigation order.
    pub fn search_ids(&self, lang: usize) -> Vec<usize> {
        let mut ids = self.timeline_ids(lang).to_vec();
        ids.extend(self.dossier.reference_pages(lang));
        ids
    }

    /// One article as a language's search shows it.
    pub fn search_doc(&self, lang: usize, id: usize) -> search::Doc {
        self.search_doc_with(lang, id, search::plain_text(&self.bodies[id].html))
    }

    /// One article as a language's search shows it, with the plain text of its body, `text`.
    pub fn search_doc_with(&self, lang: usize, id: usize, text: String) -> search::Doc {
        let config = self.config();
        let from = urls::search(&config.languages[lang]);
        let entry = self.entry_without_topics(id, lang, &from);
        // An abstract: its title and summary in the page's language, its page in another.
        let (lang, shown_lang) = match entry.hreflang.is_empty() || entry.hreflang == entry.lang {
            true => (entry.lang, String::new()),
            false => (entry.hreflang, entry.lang),
        };
        search::Doc {
            href: entry.href,
            title: entry.title,
            summary: entry.summary,
            date: entry.date,
            lang,
            shown_lang,
            only: entry.only,
            text,
            words: None,
        }
    }
}

/// The id of the abstract in `language` on the original's page: `abstract-en`.
pub(crate) fn abstract_anchor(language: &crate::config::Language) -> String {
    ["abstract-", &language.code].concat()
}
