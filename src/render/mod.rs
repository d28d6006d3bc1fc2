//! Step three: from the dossier to pages. Renders every article body once, then every page
//! through its template, in parallel. One pure function builds each page kind's context.

mod actor_index;
mod actor_list;
mod actors;
mod actors_check;
mod align;
mod article;
mod body;
pub mod briefing;
mod context;
mod credits;
pub mod epub;
pub mod feeds;
mod figures;
pub mod highlight;
mod list_pages;
mod lists;
pub mod markdown;
pub mod mentions;
mod nav;
mod pages;
mod pagination;
mod paths;
pub mod redirects;
pub mod relocate;
pub mod search;
mod side_by_side;
mod splice;
mod status_page;
pub mod template_errors;
pub mod templates;
mod topics;

pub use actor_index::ActorIndex;
pub use body::{
    Bodies, body_warnings, check_article_links, check_links, check_site_links, render_body,
};
pub(crate) use context::{
    Common, Head, LangContext, PageContext, SiteContext, Switch, page_context, put,
};
pub(crate) use lists::Entry;
pub use lists::{EntryCache, ListKind, Listed};
pub(crate) use nav::{Nav, NavKey, NavTargets, TopicLinksKey};
pub(crate) use side_by_side::{RowKey, RowMade};
pub use splice::Piece;
pub(crate) use splice::{
    ALSO, ARTICLES, BODY, CELL, CONTENTS, Cut, LIST, Lists, ROWS, SENTENCE, cut_at_markers,
    numbered_marker,
};

use std::sync::{Arc, Mutex, OnceLock};

use ahash::AHashMap;

use crate::config::Config;
use crate::error::Diagnostic;
use crate::model::Dossier;
use crate::site::pages::Page;
use markdown::Rendered;
use templates::Templates;

/// Everything rendering needs, borrowed.
pub struct Renderer<'a> {
    pub dossier: &'a Dossier,
    /// Each article's page, by id (`article_paths`).
    article_paths: &'a [String],
    pub bodies: &'a [Arc<Rendered>],
    pub templates: &'a Templates,
    pub entries: &'a EntryCache,
    /// Each language's UI strings as a template value, converted once.
    pub(crate) strings: Vec<tera::Value>,
    /// `lang` (code and name) of each language, as a template value made once.
    langs: Vec<tera::Value>,
    nav_targets: Vec<NavTargets>,
    navs: Mutex<AHashMap<NavKey, Arc<Nav>>>,
    /// Rows of side-by-side readings, made once for all the pages whose rows are alike (see
    /// `RowKey`): as template values, and rendered through `parallel-row.html`.
    side_by_side_rows: Mutex<AHashMap<RowKey, Arc<RowMade>>>,
    /// Lists of topic links (`topic_links`).
    topic_links: Mutex<AHashMap<TopicLinksKey, tera::Value>>,
    /// Each article's date in each language (`id * languages + lang`), localized once for
    /// its page, its entries, side-by-side readings and briefings.
    dates: Vec<OnceLock<String>>,
    /// What a reading path's link to each article says after its address, in each language
    /// (`id * languages + lang`): its title escaped, and its mark when in another language.
    link_texts: Vec<OnceLock<(String, String)>>,
    /// Each language's timeline, and its listing of each topic (by `lang * topics + topic`),
    /// read once for all the pages that show them off every article sorted once.
    newest_first: OnceLock<Vec<usize>>,
    timelines: Vec<OnceLock<Vec<usize>>>,
    topic_listings: Vec<OnceLock<Vec<usize>>>,
    /// Every article's reading paths (`reading_paths`).
    reading: OnceLock<Arc<Vec<crate::model::reading::Paths>>>,
    /// The actors every article names (`actor_index`): the engine's, or made when a page
    /// first asks.
    actor_index: OnceLock<Arc<ActorIndex>>,
    /// The bytes of a file the site copies, by its path in the output (`img/a.png`): what
    /// the e-books hold of the pictures their articles show. None: they show none.
    site_files: Option<&'a SiteFiles<'a>>,
    /// Each language's e-book, once made (`make_ebooks`): its page, and its size on the
    /// pages that link to it.
    ebooks: Vec<OnceLock<Arc<[u8]>>>,
}

/// Reads a file the site copies (from `static/`, or beside the articles) by its path in the
/// output; the engine's, which reads the disk.
pub type SiteFiles<'a> = dyn Fn(&str) -> Option<Vec<u8>> + Sync + 'a;

impl<'a> Renderer<'a> {
    pub fn new(
        dossier: &'a Dossier,
        article_paths: &'a [String],
        bodies: &'a [Arc<Rendered>],
        templates: &'a Templates,
        entries: &'a EntryCache,
    ) -> Renderer<'a> {
        let strings = dossier
            .config
            .languages
            .iter()
            .map(|l| tera::Value::from_serializable(&l.strings))
            .collect();
        let config = &dossier.config;
        let langs = config
            .languages
            .iter()
            .map(|language| {
                tera::Value::from_serializable(&LangContext {
                    code: language.code.clone(),
                    name: language.name.clone(),
                })
            })
            .collect();
        Renderer {
            dossier,
            article_paths,
            bodies,
            templates,
            entries,
            strings,
            langs,
            nav_targets: (0..config.languages.len())
                .map(|l| NavTargets::new(dossier, l))
                .collect(),
            navs: Mutex::default(),
            side_by_side_rows: Mutex::default(),
            topic_links: Mutex::default(),
            dates: (0..dossier.articles.len() * config.languages.len())
                .map(|_| OnceLock::new())
                .collect(),
            link_texts: (0..dossier.articles.len() * config.languages.len())
                .map(|_| OnceLock::new())
                .collect(),
            newest_first: OnceLock::new(),
            timelines: config.languages.iter().map(|_| OnceLock::new()).collect(),
            topic_listings: (0..config.languages.len() * config.topics.len())
                .map(|_| OnceLock::new())
                .collect(),
            reading: OnceLock::new(),
            actor_index: OnceLock::new(),
            site_files: None,
            ebooks: config.languages.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// The renderer, reading the files the site copies with `files` (for the e-books'
    /// pictures).
    pub fn with_site_files(mut self, files: &'a SiteFiles<'a>) -> Self {
        self.site_files = Some(files);
        self
    }
}

impl Renderer<'_> {
    /// The page of an article.
    pub(crate) fn article_path(&self, id: usize) -> &str {
        &self.article_paths[id]
    }

    /// A piece of a page through its template, with the page language and its strings.
    pub(crate) fn render_piece(
        &self,
        template: &str,
        lang: usize,
        mut context: tera::Context,
    ) -> Result<String, Diagnostic> {
        context.insert_value("lang", self.langs[lang].clone());
        context.insert_value("strings", self.strings[lang].clone());
        self.templates
            .tera
            .render(template, &context)
            .map_err(|e| templates::diagnostic(&e))
    }

    /// Renders one page, at `path` (`page_path`), handing its HTML to `out` in one piece or
    /// in many (the briefing, long lists).
    pub fn render_into(
        &self,
        page: Page,
        path: &str,
        out: &mut dyn FnMut(Piece),
    ) -> Result<(), Diagnostic> {
        let mut lists = Lists::new();
        // A translated article's side-by-side rows, which go in after Tera.
        let mut cells = None;
        let context = match page {
            Page::Entrance => self.to_context(&self.entrance(path)),
            Page::NotFound => self.to_context(&self.not_found()),
            Page::Home(lang) => self.to_context(&self.home(lang.0, path, &mut lists)?),
            Page::Topics(lang) => self.to_context(&self.topics(lang.0, path)),
            Page::Topic { lang, topic, page } => {
                self.to_context(&self.topic(lang.0, topic.0, page, path, &mut lists)?)
            }
            Page::Timeline { lang, page } => {
                self.to_context(&self.timeline(lang.0, page, path, &mut lists)?)
            }
            Page::Search(lang) => self.to_context(&self.search(lang.0, path, &mut lists)?),
            Page::Status(lang) => self.to_context(&self.status(lang.0, path)),
            // Thousands of article bodies: assembled outside Tera, see `briefing.rs`.
            Page::Briefing(lang) => return self.briefing(lang.0, path, out),
            Page::Ebook(lang) => {
                match self.ebooks[lang.0].get() {
                    Some(book) => out(Piece::Made(book)),
                    None => out(Piece::Made(&self.ebook(lang.0)?)),
                }
                return Ok(());
            }
            Page::Actors(lang) => self.to_context(&self.actors_page(lang.0, path)),
            Page::Actor { lang, actor, page } => {
                self.to_context(&self.actor_page(lang.0, actor, page, path, &mut lists)?)
            }
            Page::Article(id) => {
                let (context, article_cells) = self.article(id.0, path);
                cells = article_cells;
                self.to_context(&context)
            }
        }?;
        let template = match page {
            Page::Article(id) => self.article_template(id.0),
            _ => page.template(),
        };
        // Into bytes, which Tera writes as it goes: no copy into a `String` checked again.
        let mut html = Vec::with_capacity(1 << 14);
        self.templates
            .tera
            .render_to(template, &context, &mut html)
            .map_err(|e| templates::diagnostic(&e))?;
        if let Some(cells) = cells {
            return self.splice_rows(&html, &cells, path, out);
        }
        if lists.is_empty() {
            out(Piece::Made(&html));
        } else {
            self.splice_lists(&html, &lists, out);
        }
        Ok(())
    }

    /// The template of an article's page: `page.html` for a reference page.
    fn article_template(&self, id: usize) -> &'static str {
        match self.dossier.articles[id].is_page() {
            true => "page.html",
            false => "article.html",
        }
    }

    pub(crate) fn config(&self) -> &Config {
        &self.dossier.config
    }

    /// Article `id`'s date, localized for `lang`.
    pub(crate) fn date_in(&self, lang: usize, id: usize) -> String {
        let languages = &self.config().languages;
        self.dates[id * languages.len() + lang]
            .get_or_init(|| {
                let date = self.dossier.articles[id].date;
                date.map(|d| languages[lang].localize(d))
                    .unwrap_or_default()
            })
            .clone()
    }

    /// The mark of an article not written in the page's language (`French only`).
    pub(crate) fn only(&self, written_in: usize, lang: usize) -> String {
        if written_in == lang {
            return String::new();
        }
        let languages = &self.config().languages;
        languages[lang]
            .string(&["only_", &languages[written_in].code].concat())
            .to_string()
    }
}
