//! Step three: from the dossier to pages. Renders every article body once, then every page
//! through its template, in parallel. One pure function builds each page kind's context.

pub mod briefing;
pub mod feeds;
pub mod highlight;
pub mod markdown;
pub mod relocate;
pub mod search;
pub mod side_by_side;
pub mod templates;

use std::sync::{Arc, Mutex, OnceLock};

use ahash::AHashMap;
use serde::Serialize;

use crate::config::{Config, Language};
use crate::error::Diagnostic;
use crate::model::Dossier;
use crate::site::urls;
use markdown::Rendered;
use relocate::Move;
use templates::Templates;

/// How many articles a home page shows per topic, and in its "latest" list.
const HOME_PER_TOPIC: usize = 3;
const HOME_LATEST: usize = 10;

/// Every HTML page of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Page {
    Entrance,
    NotFound,
    Home(usize),
    Topic {
        lang: usize,
        topic: usize,
    },
    /// Every article shown in a language, by date, grouped by year.
    Timeline(usize),
    /// The search page of a language; without JavaScript, a list of every article.
    Search(usize),
    /// The editors' translation status, in a language (only with `[editors] status_page`).
    Status(usize),
    /// The printable briefing: every article shown in a language, in full, by topic.
    Briefing(usize),
    Article(usize),
    /// The versions of a translated article side by side, with the chrome of this article's
    /// language (one view per language the article exists in).
    Parallel(usize),
}

impl Page {
    /// The template that renders this page.
    pub fn template(&self) -> &'static str {
        match self {
            Page::Entrance => "entrance.html",
            Page::NotFound => "404.html",
            Page::Home(_) => "home.html",
            Page::Topic { .. } => "topic.html",
            Page::Timeline(_) => "timeline.html",
            Page::Search(_) => "search.html",
            Page::Status(_) => "status.html",
            Page::Briefing(_) => "briefing.html",
            Page::Article(_) => "article.html",
            Page::Parallel(_) => "parallel.html",
        }
    }
}

/// All pages, in a stable order.
pub fn pages(dossier: &Dossier) -> Vec<Page> {
    let mut pages = vec![Page::Entrance, Page::NotFound];
    for lang in 0..dossier.config.languages.len() {
        pages.push(Page::Home(lang));
        for topic in 0..dossier.config.topics.len() {
            pages.push(Page::Topic { lang, topic });
        }
        pages.push(Page::Timeline(lang));
        pages.push(Page::Search(lang));
        pages.push(Page::Status(lang));
        pages.push(Page::Briefing(lang));
    }
    pages.retain(|&page| written(&dossier.config, page));
    pages.extend((0..dossier.articles.len()).map(Page::Article));
    pages.extend((0..dossier.articles.len()).filter_map(|id| parallel(dossier, id)));
    pages
}

/// Whether the site has pages of this kind: `[outputs]` may leave out the search and the
/// briefings, `[editors]` adds the status page. (The side-by-side views: [`parallel`].)
pub fn written(config: &Config, page: Page) -> bool {
    match page {
        Page::Search(_) => config.outputs.search,
        Page::Briefing(_) => config.outputs.briefing,
        Page::Status(_) => config.editors.status_page,
        _ => true,
    }
}

/// The side-by-side view in an article's language, when the article has a translation (and
/// the dossier has such views: `[outputs] side_by_side`).
pub fn parallel(dossier: &Dossier, id: usize) -> Option<Page> {
    (dossier.config.outputs.side_by_side && dossier.group_of(id).existing().nth(1).is_some())
        .then_some(Page::Parallel(id))
}

/// The side-by-side views that show an article: one per version of its group.
pub fn parallels_of(dossier: &Dossier, id: usize) -> impl Iterator<Item = Page> + '_ {
    dossier
        .group_of(id)
        .existing()
        .filter_map(move |version| parallel(dossier, version))
}

pub fn page_path(dossier: &Dossier, page: Page) -> String {
    let config = &dossier.config;
    match page {
        Page::Entrance => urls::ENTRANCE.to_string(),
        Page::NotFound => urls::NOT_FOUND.to_string(),
        Page::Home(lang) => urls::home(&config.languages[lang]),
        Page::Topic { lang, topic } => {
            urls::topic(&config.languages[lang], &config.topics[topic].key)
        }
        Page::Timeline(lang) => urls::timeline(&config.languages[lang]),
        Page::Search(lang) => urls::search(&config.languages[lang]),
        Page::Status(lang) => urls::status(&config.languages[lang]),
        Page::Briefing(lang) => urls::briefing(&config.languages[lang]),
        Page::Article(id) => {
            let article = &dossier.articles[id];
            urls::article(&config.languages[article.lang], &article.slug)
        }
        Page::Parallel(id) => {
            let article = &dossier.articles[id];
            urls::parallel(&config.languages[article.lang], &article.slug)
        }
    }
}

/// Page paths of every article, by id: what links between articles resolve against.
pub fn article_paths(dossier: &Dossier) -> Vec<String> {
    (0..dossier.articles.len())
        .map(|id| page_path(dossier, Page::Article(id)))
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

/// Renders one article's Markdown, its links resolved against `paths`; `lookup` finds an
/// article's id by file, `has_file` says whether a file of `content/` that is not an article
/// exists.
pub fn render_body(
    dossier: &Dossier,
    paths: &[String],
    lookup: &(dyn Fn(&str) -> Option<usize> + Sync),
    has_file: &(dyn Fn(&str) -> bool + Sync),
    id: usize,
    markdown: &str,
) -> Rendered {
    let article = &dossier.articles[id];
    let from = &paths[id];
    let resolve = |target: &str| lookup(target).map(|other| urls::relative(from, &paths[other]));
    let asset =
        |target: &str| has_file(target).then(|| urls::relative(from, &urls::content_file(target)));
    let settings = markdown::Settings {
        french_typography: dossier.config.languages[article.lang].french_typography,
        allow_raw_html: dossier.config.markdown.allow_raw_html,
        file: &article.file,
        body_line: article.body_line,
        resolve: &resolve,
        asset: &asset,
        page: from,
    };
    markdown::render(markdown, &settings)
}

/// Links written from the site's root (`/img/a.png`) to a file the output does not have.
pub fn check_site_links(
    file: &str,
    body: &Rendered,
    exists: &dyn Fn(&str) -> bool,
    problems: &mut Vec<Diagnostic>,
) {
    for link in &body.site_links {
        if !exists(&link.target) {
            let hint = if !link.target.ends_with("index.html")
                && exists(&format!("{}/index.html", link.target))
            {
                format!(" (a folder: write `{}/`)", link.written)
            } else {
                String::new()
            };
            problems.push(Diagnostic::at(
                file,
                link.line,
                format!(
                    "link `{}` points to {}, which the site will not have{hint}: put the file in static/, or fix the link",
                    link.written, link.target
                ),
            ));
        }
    }
}

/// The problems found in bodies, and links to headings that do not exist.
pub fn check_links(
    dossier: &Dossier,
    bodies: &[Arc<Rendered>],
    by_file: &AHashMap<&str, usize>,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for id in 0..bodies.len() {
        check_article_links(
            dossier,
            bodies,
            &|f| by_file.get(f).copied(),
            id,
            &mut problems,
        );
    }
    problems
}

/// The problems of one article's body: its own, and its links to missing headings.
pub fn check_article_links(
    dossier: &Dossier,
    bodies: &[Arc<Rendered>],
    lookup: &dyn Fn(&str) -> Option<usize>,
    id: usize,
    problems: &mut Vec<Diagnostic>,
) {
    let body = &bodies[id];
    let file = &dossier.articles[id].file;
    for (line, message) in &body.problems {
        problems.push(Diagnostic::at(file, *line, message.clone()));
    }
    for (fragment, line) in &body.self_anchors {
        if !body.ids.contains(fragment) {
            problems.push(Diagnostic::at(
                file,
                *line,
                format!("link to `#{fragment}`: this article has no such heading"),
            ));
        }
    }
    for link in &body.links {
        let (Some(fragment), Some(target)) = (&link.fragment, lookup(&link.target)) else {
            continue;
        };
        if !bodies[target].ids.contains(fragment) {
            let known: Vec<&str> = bodies[target]
                .headings
                .iter()
                .map(|h| h.id.as_str())
                .collect();
            let hint = crate::error::did_you_mean(fragment, known.iter().copied())
                .map(|g| format!(" (did you mean `#{g}`?)"))
                .unwrap_or_default();
            problems.push(Diagnostic::at(
                file,
                link.line,
                format!(
                    "link `{}`: {} has no heading `#{fragment}`{hint}",
                    link.written, link.target
                ),
            ));
        }
    }
}

/// The hreflang alternates of a page, absolute: every language it exists in, then
/// `x-default` (the entrance for pages that exist in every language, else the version in the
/// default language). The `<head>` and the sitemap both use this list.
pub fn alternates(dossier: &Dossier, page: Page) -> Vec<Alternate> {
    let config = &dossier.config;
    let absolute = |page: Page| urls::absolute(config, &page_path(dossier, page));
    let versions: Vec<(usize, Page)> = match page {
        Page::NotFound => return Vec::new(),
        Page::Entrance | Page::Home(_) => (0..config.languages.len())
            .map(|l| (l, Page::Home(l)))
            .collect(),
        Page::Topic { topic, .. } => (0..config.languages.len())
            .map(|l| (l, Page::Topic { lang: l, topic }))
            .collect(),
        Page::Timeline(_) => (0..config.languages.len())
            .map(|l| (l, Page::Timeline(l)))
            .collect(),
        Page::Search(_) => (0..config.languages.len())
            .map(|l| (l, Page::Search(l)))
            .collect(),
        Page::Status(_) => (0..config.languages.len())
            .map(|l| (l, Page::Status(l)))
            .collect(),
        Page::Briefing(_) => (0..config.languages.len())
            .map(|l| (l, Page::Briefing(l)))
            .collect(),
        Page::Article(id) => {
            let group = dossier.group_of(id);
            (0..config.languages.len())
                .filter_map(|l| group.version(l).map(|v| (l, Page::Article(v))))
                .collect()
        }
        Page::Parallel(id) => {
            let group = dossier.group_of(id);
            (0..config.languages.len())
                .filter_map(|l| group.version(l).map(|v| (l, Page::Parallel(v))))
                .collect()
        }
    };
    let default = match page {
        Page::Article(id) | Page::Parallel(id) => {
            let group = dossier.group_of(id);
            let version = group
                .version(config.default_language)
                .or_else(|| group.existing().next())
                .unwrap_or(id);
            absolute(match page {
                Page::Parallel(_) => Page::Parallel(version),
                _ => Page::Article(version),
            })
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

/// Which list an entry is rendered for: its links are relative to the list's page, and all
/// pages of one kind in one language sit at the same depth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListKind {
    Home,
    Topic,
    /// The timeline's years.
    Timeline,
    /// The search page's list of every article (what it shows without JavaScript).
    Search,
}

impl ListKind {
    /// The template of an entry of this list.
    fn template(self) -> &'static str {
        match self {
            ListKind::Home | ListKind::Topic => "entry.html",
            ListKind::Timeline => "timeline-entry.html",
            ListKind::Search => "search-entry.html",
        }
    }

    /// The heading level of an entry's title in a list of `entry.html`.
    fn level(self) -> Option<u8> {
        match self {
            ListKind::Home => Some(3),
            ListKind::Topic => Some(2),
            ListKind::Timeline | ListKind::Search => None,
        }
    }

    /// Whether the list is on one page per language: in a build that is never rebuilt, its
    /// entries are used once and not kept.
    fn on_one_page(self) -> bool {
        matches!(self, ListKind::Home | ListKind::Timeline | ListKind::Search)
    }
}

/// A briefing's contents entry: article, language, and the topic it is printed under when
/// that is not the one listing it.
type ContentsKey = (usize, usize, Option<usize>);

/// List entries rendered once through `entry.html` and kept, by article, page language and
/// list: a topic page of thousands of articles then re-renders only the entries that changed.
/// Likewise the articles of the printable briefing, by article and briefing language.
/// Whoever changes an article forgets its entries.
#[derive(Debug, Default)]
pub struct EntryCache {
    entries: Mutex<AHashMap<(usize, usize, ListKind), Arc<str>>>,
    pub(crate) sections: Mutex<AHashMap<(usize, usize), Arc<str>>>,
    /// Entries of the briefing's contents, by article, language and the topic it is printed
    /// under when that is not the one listing it.
    pub(crate) contents: Mutex<AHashMap<ContentsKey, Arc<str>>>,
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
    }
}

/// A long list, its entries rendered through their template (`entry.html`…) and cached.
#[derive(Serialize)]
pub struct Listed {
    /// A marker, replaced after Tera by the entries (`Renderer::splice_lists`).
    pub html: String,
    pub count: usize,
}

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
    /// Rows of side-by-side views, made once for all the views whose rows are alike (see
    /// `ParallelRowKey`): as template values, and rendered through `parallel-row.html`.
    parallel_rows: Mutex<AHashMap<ParallelRowKey, Arc<ParallelRowMade>>>,
    /// Lists of topic links (`topic_links`).
    topic_links: Mutex<AHashMap<TopicLinksKey, tera::Value>>,
    /// Each article's date in each language (`id * languages + lang`), localized once for
    /// its page, its entries, side-by-side views and briefings.
    dates: Vec<OnceLock<String>>,
    /// Each language's timeline, and its listing of each topic (by `lang * topics + topic`),
    /// read once for all the pages that show them off every article sorted once.
    newest_first: OnceLock<Vec<usize>>,
    timelines: Vec<OnceLock<Vec<usize>>>,
    topic_listings: Vec<OnceLock<Vec<usize>>>,
}

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
            nav_targets: config
                .languages
                .iter()
                .map(|l| NavTargets::new(config, l))
                .collect(),
            navs: Mutex::default(),
            parallel_rows: Mutex::default(),
            topic_links: Mutex::default(),
            dates: (0..dossier.articles.len() * config.languages.len())
                .map(|_| OnceLock::new())
                .collect(),
            newest_first: OnceLock::new(),
            timelines: config.languages.iter().map(|_| OnceLock::new()).collect(),
            topic_listings: (0..config.languages.len() * config.topics.len())
                .map(|_| OnceLock::new())
                .collect(),
        }
    }
}

impl Renderer<'_> {
    /// The page of an article.
    pub(crate) fn article_path(&self, id: usize) -> &str {
        &self.article_paths[id]
    }

    /// The articles `lang` shows, of `topic` when there is one, newest first.
    fn listing(&self, lang: usize, topic: Option<usize>) -> Vec<usize> {
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
    fn listed(&self, id: usize, lang: usize, kind: ListKind) -> Result<Arc<str>, Diagnostic> {
        let key = (id, lang, kind);
        let language = &self.config().languages[lang];
        // Links are made from a page that stands for every page of the list's kind, so that
        // one rendering serves them all (`-` is never a topic key).
        let from = match kind {
            ListKind::Home => urls::home(language),
            ListKind::Topic => urls::topic(language, "-"),
            ListKind::Timeline => urls::timeline(language),
            ListKind::Search => urls::search(language),
        };
        let mut context = tera::Context::new();
        put(&mut context, "entry", &self.entry(id, lang, &from))?;
        if let Some(level) = kind.level() {
            put(&mut context, "entry_level", &level)?;
        }
        let html: Arc<str> = Arc::from(self.render_piece(kind.template(), lang, context)?);
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

    /// A whole list, each entry from the cache or rendered: in the context, a marker that
    /// `splice_lists` replaces after Tera by the entries in `lists`, as the cache keeps them
    /// (a topic page of thousands of entries is neither joined nor copied through Tera).
    fn listed_all(
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
                .map(|&id| cache.get(&(id, lang, kind)).cloned())
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
    fn splice_lists(&self, shell: &[u8], lists: &Lists, out: &mut dyn FnMut(Piece)) {
        for cut in cut_at_markers(shell, LIST) {
            match cut {
                Cut::Text(text) => out(Piece::Made(text)),
                Cut::Marker(n, marker) => match lists.get(n) {
                    Some(entries) => entries.iter().for_each(|entry| out(Piece::Kept(entry))),
                    None => out(Piece::Made(marker)),
                },
            }
        }
    }

    /// Renders one page to HTML.
    pub fn render(&self, page: Page) -> Result<String, Diagnostic> {
        let mut html = Vec::new();
        let path = match page {
            Page::Article(id) => self.article_path(id).to_string(),
            _ => page_path(self.dossier, page),
        };
        self.render_into(page, &path, &mut |piece| {
            html.extend_from_slice(piece.bytes())
        })?;
        Ok(String::from_utf8(html).expect("templates and bodies are UTF-8"))
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
        let context = match page {
            Page::Entrance => self.to_context(&self.entrance(path)),
            Page::NotFound => self.to_context(&self.not_found()),
            Page::Home(lang) => self.to_context(&self.home(lang, path, &mut lists)?),
            Page::Topic { lang, topic } => {
                self.to_context(&self.topic(lang, topic, path, &mut lists)?)
            }
            Page::Timeline(lang) => self.to_context(&self.timeline(lang, path, &mut lists)?),
            Page::Search(lang) => self.to_context(&self.search(lang, path, &mut lists)?),
            Page::Status(lang) => self.to_context(&self.status(lang, path)),
            // Thousands of article bodies: assembled outside Tera, see `briefing.rs`.
            Page::Briefing(lang) => return self.briefing(lang, path, out),
            Page::Article(id) => self.to_context(&self.article(id, path)),
            Page::Parallel(id) => {
                let (context, cells) = self.parallel(id, path);
                let mut shell = Vec::with_capacity(1 << 14);
                self.templates
                    .tera
                    .render_to(page.template(), &self.to_context(&context)?, &mut shell)
                    .map_err(|e| templates::diagnostic(&e))?;
                return self.splice_rows(&shell, &cells, path, out);
            }
        }?;
        // Into bytes, which Tera writes as it goes: no copy into a `String` checked again.
        let mut html = Vec::with_capacity(1 << 14);
        self.templates
            .tera
            .render_to(page.template(), &context, &mut html)
            .map_err(|e| templates::diagnostic(&e))?;
        if lists.is_empty() {
            out(Piece::Made(&html));
        } else {
            self.splice_lists(&html, &lists, out);
        }
        Ok(())
    }

    /// A page's context: each of its fields, and of the fields every page has, under its own
    /// name (made into a template value one by one: no map of the whole page is made first).
    pub(crate) fn to_context<T: PageContext>(
        &self,
        value: &T,
    ) -> Result<tera::Context, Diagnostic> {
        let mut context = tera::Context::new();
        let common = value.common();
        common.insert_into(&mut context)?;
        value.insert_into(&mut context)?;
        context.insert_value("strings", self.strings[common.strings].clone());
        for (key, value) in &common.nav.values {
            context.insert_value(*key, value.clone());
        }
        Ok(context)
    }

    pub(crate) fn config(&self) -> &Config {
        &self.dossier.config
    }

    pub(crate) fn common(&self, lang: usize, path: &str, head: Head) -> Common {
        self.common_marking(lang, path, head, &[])
    }

    /// The common context of a page whose navigation marks the `current` topics.
    pub(crate) fn common_marking(
        &self,
        lang: usize,
        path: &str,
        head: Head,
        current: &[usize],
    ) -> Common {
        let Head {
            root,
            title,
            description,
            alternates,
            switcher,
        } = head;
        Common {
            nav: self.nav(lang, path, &root, current),
            strings: lang,
            timeline_current: false,
            search_current: false,
            briefing_current: false,
            canonical: urls::absolute(self.config(), path),
            root,
            title,
            description,
            alternates,
            languages: switcher,
        }
    }

    /// The navigation of the page at `path`, from the cache when a page that links alike
    /// (`urls::links_key`) has made it.
    fn nav(&self, lang: usize, path: &str, root: &str, current: &[usize]) -> Arc<Nav> {
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
        let key = (lang, links, current);
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
                ("search_href", link_to(Page::Search(lang), &targets.search)),
                (
                    "briefing_href",
                    link_to(Page::Briefing(lang), &targets.briefing),
                ),
                ("feed_href", link(&targets.feed)),
                ("stylesheet_href", link(urls::STYLESHEET)),
                ("highlight_href", link(urls::HIGHLIGHT_STYLESHEET)),
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

    /// Alternates and switcher for pages that exist in every language (homes, topic pages).
    pub(crate) fn everywhere(
        &self,
        page: Page,
        lang: usize,
        path_in: impl Fn(&Language) -> String,
        from: &str,
    ) -> (Vec<Alternate>, Vec<Switch>) {
        let config = self.config();
        let alternates = alternates(self.dossier, page);
        let switcher = config
            .languages
            .iter()
            .enumerate()
            .map(|(i, l)| Switch {
                code: l.code.clone(),
                name: l.name.clone(),
                href: urls::relative(from, &path_in(l)),
                current: i == lang,
                available: true,
                notice: String::new(),
            })
            .collect();
        (alternates, switcher)
    }

    fn entry(&self, id: usize, lang: usize, from: &str) -> Entry {
        let mut entry = self.entry_without_topics(id, lang, from);
        entry.topics = self.topic_links(&self.dossier.articles[id].topics, lang, from);
        entry
    }

    /// An entry without its topic links (which search does not show).
    fn entry_without_topics(&self, id: usize, lang: usize, from: &str) -> Entry {
        let config = self.config();
        let article = &self.dossier.articles[id];
        let written_in = &config.languages[article.lang];
        Entry {
            title: written_in.typeset(&article.title),
            href: urls::relative(from, self.article_path(id)),
            date: self.date_in(lang, id),
            date_iso: article.date.iso(),
            summary: self.summary(id),
            lang: written_in.code.clone(),
            only: self.only(article.lang, lang),
            topics: tera::Value::from(Vec::<tera::Value>::new()),
        }
    }

    /// Article `id`'s date, localized for `lang`.
    pub(crate) fn date_in(&self, lang: usize, id: usize) -> String {
        let languages = &self.config().languages;
        self.dates[id * languages.len() + lang]
            .get_or_init(|| languages[lang].localize(self.dossier.articles[id].date))
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

    fn summary(&self, id: usize) -> String {
        let article = &self.dossier.articles[id];
        let language = &self.config().languages[article.lang];
        let text = article
            .summary
            .as_deref()
            .or(self.bodies[id].first_paragraph.as_deref())
            .unwrap_or(&article.title);
        language.typeset(text)
    }

    /// The links to `topics` from the page at `from`, as a template value (a list of
    /// `TopicLink`s): made once for all the pages that link to them alike (`urls::links_key`).
    fn topic_links(&self, topics: &[usize], lang: usize, from: &str) -> tera::Value {
        let targets = &self.nav_targets[lang].topics;
        let (shared, depth) = urls::links_key(from, targets.iter().map(String::as_str));
        let key = (lang, topics.to_vec(), shared.to_string(), depth);
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

    fn entrance(&self, path: &str) -> EntranceContext {
        let config = self.config();
        let lang = config.default_language;
        let (alternates, switcher) = self.everywhere(Page::Home(lang), lang, urls::home, path);
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

    fn not_found(&self) -> NotFoundContext {
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
        let mut common = self.common(
            lang,
            urls::NOT_FOUND,
            Head {
                root: root.clone(),
                title,
                description: language.description.clone(),
                alternates: Vec::new(),
                switcher: Vec::new(),
            },
        );
        common.languages = config
            .languages
            .iter()
            .enumerate()
            .map(|(i, l)| Switch {
                code: l.code.clone(),
                name: l.name.clone(),
                href: format!("{root}{}", urls::home(l)),
                current: i == lang,
                available: true,
                notice: String::new(),
            })
            .collect();
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

    fn home(&self, lang: usize, path: &str, lists: &mut Lists) -> Result<HomeContext, Diagnostic> {
        let config = self.config();
        let language = &config.languages[lang];
        let (alternates, switcher) = self.everywhere(Page::Home(lang), lang, urls::home, path);
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
        let topics = config
            .topics
            .iter()
            .enumerate()
            .map(|(t, topic)| {
                let shown = self.dossier.shown(lang, Some(t));
                let count = shown.len();
                HomeTopic {
                    key: topic.key.clone(),
                    name: topic.names[lang].clone(),
                    description: topic.descriptions[lang].clone(),
                    href: urls::relative(path, &urls::topic(language, &topic.key)),
                    count,
                    articles: self
                        .dossier
                        .newest(shown, HOME_PER_TOPIC)
                        .into_iter()
                        .map(|id| self.entry(id, lang, path))
                        .collect(),
                }
            })
            .collect();
        let latest = self.listed_all(
            &self
                .dossier
                .newest(self.dossier.shown(lang, None), HOME_LATEST),
            lang,
            ListKind::Home,
            lists,
        )?;
        Ok(HomeContext {
            common,
            topics,
            latest,
        })
    }

    fn topic(
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
            Page::Topic { lang, topic: t },
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
            topic: TopicPage {
                key: topic.key.clone(),
                name: topic.names[lang].clone(),
                description: topic.descriptions[lang].clone(),
                feed_href: urls::relative(path, &urls::topic_feed(language, &topic.key)),
            },
            articles,
        })
    }

    /// The common context of a page that every language has under a name of its own
    /// (timeline, search, briefing): titled with the string `key`, described by
    /// `<key>_description`.
    pub(crate) fn named_page(
        &self,
        page: Page,
        lang: usize,
        path_in: impl Fn(&Language) -> String,
        path: &str,
        key: &str,
    ) -> Common {
        let language = &self.config().languages[lang];
        let (alternates, switcher) = self.everywhere(page, lang, path_in, path);
        self.common(
            lang,
            path,
            Head {
                root: urls::root_of(path),
                title: format!("{} · {}", language.string(key), language.title),
                description: language.string(&format!("{key}_description")).to_string(),
                alternates,
                switcher,
            },
        )
    }

    fn timeline(
        &self,
        lang: usize,
        path: &str,
        lists: &mut Lists,
    ) -> Result<TimelineContext, Diagnostic> {
        let mut common =
            self.named_page(Page::Timeline(lang), lang, urls::timeline, path, "timeline");
        common.timeline_current = true;
        let ids = self.timeline_ids(lang);
        let years = ids
            .chunk_by(|&a, &b| {
                self.dossier.articles[a].date.year == self.dossier.articles[b].date.year
            })
            .map(|ids| {
                Ok(TimelineYear {
                    year: self.dossier.articles[ids[0]].date.year,
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

    fn search(
        &self,
        lang: usize,
        path: &str,
        lists: &mut Lists,
    ) -> Result<SearchContext, Diagnostic> {
        let mut common = self.named_page(Page::Search(lang), lang, urls::search, path, "search");
        common.search_current = true;
        let entries = self.listed_all(self.timeline_ids(lang), lang, ListKind::Search, lists)?;
        Ok(SearchContext {
            common,
            index_href: search::INDEX_FILE.to_string(),
            script_href: urls::relative(path, urls::SEARCH_SCRIPT),
            count: entries.count,
            entries,
        })
    }

    fn status(&self, lang: usize, path: &str) -> StatusContext {
        let config = self.config();
        let language = &config.languages[lang];
        let common = self.named_page(Page::Status(lang), lang, urls::status, path, "status");
        let table = crate::model::status::table(self.dossier);
        let by_file = ids_by_file(self.dossier);
        let state_word = |state: crate::model::status::State| {
            use crate::model::status::State;
            language.string(match state {
                State::Original => "status_original",
                State::Fresh => "status_fresh",
                State::Stale => "status_stale",
                State::Unmarked => "status_unmarked",
                State::SourceMissing => "status_source_missing",
            })
        };
        let rows = table
            .articles
            .iter()
            .map(|row| StatusRow {
                key: row.key.clone(),
                cells: row
                    .versions
                    .iter()
                    .map(|(code, version)| match version {
                        Some(v) => {
                            let id = by_file[v.file.as_str()];
                            StatusCell {
                                lang: code.clone(),
                                title: config.languages[self.dossier.articles[id].lang]
                                    .typeset(&v.title),
                                href: urls::relative(path, self.article_path(id)),
                                file: v.file.clone(),
                                state: serde_plain(v.state),
                                state_text: state_word(v.state).to_string(),
                            }
                        }
                        None => StatusCell {
                            lang: code.clone(),
                            title: String::new(),
                            href: String::new(),
                            file: String::new(),
                            state: "missing".into(),
                            state_text: language.string("status_missing").to_string(),
                        },
                    })
                    .collect(),
            })
            .collect();
        let t = &table.totals;
        StatusContext {
            common,
            columns: config.languages.iter().map(|l| l.name.clone()).collect(),
            rows,
            totals: StatusTotals {
                articles: t.articles,
                missing: t.missing.values().sum(),
                fresh: t.fresh,
                stale: t.stale,
                unmarked: t.unmarked,
            },
        }
    }

    /// The articles of a language's search, by id, in its order: every article the language
    /// shows, newest first, as on its timeline and in the search page's list.
    pub fn search_ids(&self, lang: usize) -> Vec<usize> {
        self.timeline_ids(lang).to_vec()
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
        search::Doc {
            href: entry.href,
            title: entry.title,
            summary: entry.summary,
            date: entry.date,
            lang: entry.lang,
            only: entry.only,
            text,
            words: None,
        }
    }

    fn article(&self, id: usize, path: &str) -> ArticleContext {
        let config = self.config();
        let article = &self.dossier.articles[id];
        let lang = article.lang;
        let language = &config.languages[lang];
        let group = self.dossier.group_of(id);

        let title = language.typeset(&article.title);
        let summary = self.summary(id);
        let common = self.article_common(
            id,
            Page::Article,
            path,
            format!("{title} · {}", language.title),
            summary.clone(),
        );
        let body = &self.bodies[id];
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
        ArticleContext {
            common,
            article: ArticlePage {
                title,
                summary,
                date: self.date_in(lang, id),
                date_iso: article.date.iso(),
                updated: article.updated.map(|date| language.localize(date)),
                updated_iso: article.updated.map(|d| d.iso()),
                topics: self.topic_links(&article.topics, lang, path),
                source: article.source.clone(),
                html: tera::Value::safe_string(&body.html),
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
                parallel_href: parallel(self.dossier, id)
                    .map(|view| urls::relative(path, &page_path(self.dossier, view))),
                file: article.file.clone(),
            },
        }
    }

    /// The language switcher of a page that exists for some versions of an article: each
    /// language leads to `page` of its version, or to its home with a notice.
    fn versions_switcher(
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

    /// The common context of a page about one article (its page, its side-by-side view): the
    /// same page of each version as alternates and in the switcher, the article's topics
    /// marked in the navigation.
    fn article_common(
        &self,
        id: usize,
        page: fn(usize) -> Page,
        path: &str,
        title: String,
        description: String,
    ) -> Common {
        let article = &self.dossier.articles[id];
        self.common_marking(
            article.lang,
            path,
            Head {
                root: urls::root_of(path),
                title,
                description,
                alternates: alternates(self.dossier, page(id)),
                switcher: self.versions_switcher(id, path, page),
            },
            &article.topics,
        )
    }

    /// The side-by-side view: every version of the article in a column, in the order of the
    /// configured languages, cut into aligned rows (see `parallel::align`). Each body, as
    /// rendered for its article's page, is moved onto the view (`relocate::moved`): its
    /// links made relative to the view, its ids prefixed with its language code, so that two
    /// versions never share one.
    fn parallel(&self, id: usize, path: &str) -> (ParallelContext, Cells<'_>) {
        let config = self.config();
        let article = &self.dossier.articles[id];
        let lang = article.lang;
        let language = &config.languages[lang];
        let versions: Vec<usize> = self.dossier.group_of(id).existing().collect();
        let title = language.typeset(&article.title);
        let name = language.string("parallel");
        let common = self.article_common(
            id,
            Page::Parallel,
            path,
            format!("{title} · {name} · {}", language.title),
            language.string("parallel_description").to_string(),
        );
        let bodies: Vec<&Rendered> = versions.iter().map(|&v| &*self.bodies[v]).collect();
        let moves: Vec<(&str, String)> = versions
            .iter()
            .map(|&v| {
                let code = &config.languages[self.dossier.articles[v].lang].code;
                (self.article_path(v), [code.as_str(), "-"].concat())
            })
            .collect();
        let blocks: Vec<&[markdown::Block]> = bodies.iter().map(|b| b.blocks.as_slice()).collect();
        // Each cell's HTML is a marker in the context, replaced after Tera by the part of the
        // body it stands for, moved onto the view (see `splice_cells`).
        let mut parts: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
        // Each row by what makes it (its cells' languages and markers): most views' rows are
        // alike, and are made into template values once.
        let keys: Vec<ParallelRowKey> = crate::render::side_by_side::align(&blocks)
            .into_iter()
            .map(|row| {
                let mut key = Vec::with_capacity(1 + 2 * row.cells.len());
                key.push(u32::from(row.heading));
                for (column, ((cell, body), &v)) in
                    row.cells.iter().zip(&bodies).zip(&versions).enumerate()
                {
                    let mut marker = 0;
                    if let (Some(first), Some(last)) =
                        (body.blocks.get(cell.start), cell.end.checked_sub(1))
                        && !cell.is_empty()
                    {
                        parts.push((column, first.range.start..body.blocks[last].range.end));
                        marker = parts.len() as u32;
                    }
                    key.extend([self.dossier.articles[v].lang as u32, marker]);
                }
                key
            })
            .collect();
        let made: Vec<Arc<ParallelRowMade>> = {
            let mut made = self.parallel_rows.lock().expect("row cache");
            keys.into_iter()
                .map(|key| {
                    made.entry(key)
                        .or_insert_with_key(|key| {
                            Arc::new(ParallelRowMade {
                                value: parallel_row(config, key),
                                html: config.languages.iter().map(|_| OnceLock::new()).collect(),
                            })
                        })
                        .clone()
                })
                .collect()
        };
        let rows = made.iter().map(|row| row.value.clone()).collect();
        let columns = versions
            .iter()
            .map(|&v| {
                let version = &self.dossier.articles[v];
                let written_in = &config.languages[version.lang];
                ParallelColumn {
                    code: written_in.code.clone(),
                    name: written_in.name.clone(),
                    title: written_in.typeset(&version.title),
                    href: urls::relative(path, self.article_path(v)),
                    date: self.date_in(version.lang, v),
                    date_iso: version.date.iso(),
                    current: v == id,
                }
            })
            .collect();
        let context = ParallelContext {
            common,
            parallel: ParallelPage {
                title,
                columns,
                rows,
                rows_html: tera::Value::safe_string(&numbered_marker(ROWS, 0)),
            },
        };
        (
            context,
            Cells {
                lang,
                versions,
                moves,
                parts,
                rows: made,
            },
        )
    }

    /// The side-by-side view with its rows' marker replaced by its rows (`parallel-row.html`,
    /// each distinct row rendered once per language), and each cell's marker by its part of
    /// the body, handed to `out` piece by piece (Tera's bytes as they are, each cell moved into
    /// one buffer). A template that prints the rows itself (`parallel.rows`) has cell markers
    /// in the shell: they are replaced the same way.
    fn splice_rows(
        &self,
        shell: &[u8],
        cells: &Cells,
        path: &str,
        out: &mut dyn FnMut(Piece),
    ) -> Result<(), Diagnostic> {
        let mut html = String::new();
        for cut in cut_at_markers(shell, ROWS) {
            match cut {
                Cut::Text(text) => self.splice_cells(text, cells, path, &mut html, out),
                Cut::Marker(0, _) => {
                    for row in &cells.rows {
                        let made = &row.html[cells.lang];
                        let row_html = match made.get() {
                            Some(row_html) => row_html,
                            None => {
                                let mut context = tera::Context::new();
                                context.insert_value("row", row.value.clone());
                                let rendered =
                                    self.render_piece("parallel-row.html", cells.lang, context)?;
                                // Another thread may have rendered it too: the same text.
                                made.get_or_init(|| rendered)
                            }
                        };
                        self.splice_cells(row_html.as_bytes(), cells, path, &mut html, out);
                    }
                }
                Cut::Marker(_, marker) => out(Piece::Made(marker)),
            }
        }
        Ok(())
    }

    /// `html` with each cell's marker replaced by its part of the body, moved (in `buffer`).
    fn splice_cells(
        &self,
        html: &[u8],
        cells: &Cells,
        path: &str,
        buffer: &mut String,
        out: &mut dyn FnMut(Piece),
    ) {
        for cut in cut_at_markers(html, CELL) {
            let (column, range) = match cut {
                Cut::Text(text) => {
                    out(Piece::Made(text));
                    continue;
                }
                Cut::Marker(n, marker) => match cells.parts.get(n) {
                    Some(part) => part,
                    None => {
                        out(Piece::Made(marker));
                        continue;
                    }
                },
            };
            let (page, id_prefix) = &cells.moves[*column];
            let to = Move {
                page,
                to: path,
                id_prefix,
                headings_down: 0,
                section_of: &|_| None,
            };
            let html = &self.bodies[cells.versions[*column]].html[range.clone()];
            out(Piece::Made(relocate::moved(html, &to, buffer).as_bytes()));
        }
    }
}

/// A page rendered by Tera, cut at its numbered markers (`marker`, a number, `-->`).
enum Cut<'a> {
    Text(&'a [u8]),
    /// The marker's number and its text (what stays when the number stands for nothing).
    Marker(usize, &'a [u8]),
}

/// Marker `n` of a kind (`CELL`, `LIST`), as `cut_at_markers` finds it: `<!--dossier:list:3-->`.
/// (Made for every cell of every side-by-side view: without `format!`.)
fn numbered_marker(marker: &str, n: usize) -> String {
    let mut html = String::with_capacity(marker.len() + 8);
    html.push_str(marker);
    crate::text::date::push_number(&mut html, n as u32, 1);
    html.push_str("-->");
    html
}

/// (By bytes: markers are ASCII, so the pieces between them are whole characters; Tera's
/// output is never checked as UTF-8 again.)
fn cut_at_markers<'a>(shell: &'a [u8], marker: &'static str) -> impl Iterator<Item = Cut<'a>> {
    let mut rest = shell;
    let mut next: Option<Cut<'a>> = None;
    let finder = memchr::memmem::Finder::new(marker);
    std::iter::from_fn(move || {
        if let Some(cut) = next.take() {
            return Some(cut);
        }
        if rest.is_empty() {
            return None;
        }
        let mut from = 0;
        while let Some(found) = finder.find(&rest[from..]) {
            let at = from + found;
            let after = &rest[at + marker.len()..];
            let digits = after.iter().take_while(|b| b.is_ascii_digit()).count();
            let number = after[..digits].iter().try_fold(0usize, |n, &d| {
                n.checked_mul(10)?.checked_add(usize::from(d - b'0'))
            });
            if let Some(n) = number.filter(|_| digits > 0)
                && after[digits..].starts_with(b"-->")
            {
                let end = at + marker.len() + digits + 3;
                let text = &rest[..at];
                next = Some(Cut::Marker(n, &rest[at..end]));
                rest = &rest[end..];
                return Some(Cut::Text(text));
            }
            from = at + marker.len();
        }
        Some(Cut::Text(std::mem::take(&mut rest)))
    })
}

/// A piece of a page as the renderer hands it out: made for the page, or a part that the
/// renderer's cache keeps (the briefing's articles and contents entries), which an output kept
/// in memory holds as it is instead of copying it (`fs::Gather`).
#[derive(Clone, Copy)]
pub enum Piece<'a> {
    Made(&'a [u8]),
    Kept(&'a Arc<str>),
}

impl Piece<'_> {
    pub fn bytes(&self) -> &[u8] {
        match self {
            Piece::Made(bytes) => bytes,
            Piece::Kept(text) => text.as_bytes(),
        }
    }
}

/// What differs between pages in their `<head>` and switcher.
pub(crate) struct Head {
    pub root: String,
    pub title: String,
    pub description: String,
    pub alternates: Vec<Alternate>,
    pub switcher: Vec<Switch>,
}

/// Where the side-by-side view's template prints a cell's HTML: `<!--dossier:cell:N-->`,
/// replaced after Tera. (Author text cannot forge one: in templates it is escaped, and bodies
/// are spliced in after.)
const CELL: &str = "<!--dossier:cell:";

/// Where the side-by-side view's template prints its rows (`parallel.rows_html`):
/// `<!--dossier:rows:0-->`, replaced after Tera by the rows, each through `parallel-row.html`.
const ROWS: &str = "<!--dossier:rows:";

/// Where a page's template prints a long list (`Listed::html`): `<!--dossier:list:N-->`,
/// replaced after Tera by the list's entries. (Author text cannot forge one: in templates it
/// is escaped.)
const LIST: &str = "<!--dossier:list:";

/// The entries of a page's long lists, by the number in their marker.
type Lists = Vec<Vec<Arc<str>>>;

/// The parts of the bodies a side-by-side view shows: each version, its page and id prefix
/// (`fr-`), and each cell's version (by column) and range of its body's HTML.
struct Cells<'a> {
    /// The view's language.
    lang: usize,
    versions: Vec<usize>,
    moves: Vec<(&'a str, String)>,
    parts: Vec<(usize, std::ops::Range<usize>)>,
    /// The view's rows, as the renderer keeps them.
    rows: Vec<Arc<ParallelRowMade>>,
}

/// The context of a whole page: its own fields beside the ones every page has.
pub(crate) trait PageContext {
    fn common(&self) -> &Common;
    /// Puts the page's own fields into its context, each under its name.
    fn insert_into(&self, context: &mut tera::Context) -> Result<(), Diagnostic>;
}

/// Puts `value` into `context` under `key`, made into a template value.
pub(crate) fn put(
    context: &mut tera::Context,
    key: &'static str,
    value: &(impl Serialize + ?Sized),
) -> Result<(), Diagnostic> {
    let value = tera::Value::try_from_serializable(value).map_err(|e| templates::diagnostic(&e))?;
    context.insert_value(key, value);
    Ok(())
}

/// `PageContext` for each page's context: a struct of `common` and the fields named, each a
/// variable of its template (the destructuring fails to compile when one is left out).
macro_rules! page_context {
    ($($context:ident { $($field:ident),* }),* $(,)?) => {
        $(impl $crate::render::PageContext for $context {
            fn common(&self) -> &$crate::render::Common {
                &self.common
            }

            fn insert_into(
                &self,
                context: &mut tera::Context,
            ) -> Result<(), $crate::error::Diagnostic> {
                let $context { common: _, $($field),* } = self;
                $($crate::render::put(context, stringify!($field), $field)?;)*
                Ok(())
            }
        })*
    };
}
pub(crate) use page_context;

page_context!(
    EntranceContext { entrance_languages },
    NotFoundContext {
        inline_stylesheet,
        not_found_languages
    },
    HomeContext { topics, latest },
    TopicContext { topic, articles },
    TimelineContext { years, count },
    StatusContext {
        columns,
        rows,
        totals
    },
    SearchContext {
        entries,
        count,
        index_href,
        script_href
    },
    ArticleContext { article },
    ParallelContext { parallel },
);

pub struct Common {
    /// `lang`, `site`, `topics_nav` and the links of the navigation and stylesheets
    /// (`home_href`…), as template values shared by the pages that link alike.
    pub nav: Arc<Nav>,
    /// The language whose UI strings the page shows: they go into its context as a value
    /// converted once (`Renderer::strings`), not serialized again for every page.
    pub strings: usize,
    /// Prefix from this page to the output root: `../../`, empty at the root, `base_url` on 404.
    pub root: String,
    pub title: String,
    pub description: String,
    pub canonical: String,
    pub alternates: Vec<Alternate>,
    pub languages: Vec<Switch>,
    /// True on the timeline itself (the navigation marks it).
    pub timeline_current: bool,
    /// True on the search page itself (it has its own search field).
    pub search_current: bool,
    /// True on the briefing itself.
    pub briefing_current: bool,
}

impl Common {
    /// Puts the fields every page has into its context (the navigation's and the strings'
    /// values are put in by `Renderer::to_context`).
    fn insert_into(&self, context: &mut tera::Context) -> Result<(), Diagnostic> {
        let Common {
            nav: _,
            strings: _,
            root,
            title,
            description,
            canonical,
            alternates,
            languages,
            timeline_current,
            search_current,
            briefing_current,
        } = self;
        put(context, "root", root)?;
        put(context, "title", title)?;
        put(context, "description", description)?;
        put(context, "canonical", canonical)?;
        put(context, "alternates", alternates)?;
        put(context, "languages", languages)?;
        put(context, "timeline_current", timeline_current)?;
        put(context, "search_current", search_current)?;
        put(context, "briefing_current", briefing_current)?;
        Ok(())
    }
}

/// The part of a page's context that thousands of pages share: made once for each language,
/// way of linking (`urls::links_key`, or the 404 page's absolute links) and set of topics
/// marked current, then put into each page's context as it is (template values are
/// reference-counted).
pub struct Nav {
    values: Vec<(&'static str, tera::Value)>,
}

/// How a page's navigation links: relatively, from a folder that links like every page with
/// the same `urls::links_key`; or through `base_url` (the 404 page).
#[derive(PartialEq, Eq, Hash)]
enum NavLinks {
    Relative(String, usize),
    Absolute(String),
}

type NavKey = (usize, NavLinks, Vec<bool>);

/// The files a language's navigation links to.
struct NavTargets {
    home: String,
    timeline: String,
    search: String,
    briefing: String,
    feed: String,
    topics: Vec<String>,
}

impl NavTargets {
    fn new(config: &Config, language: &Language) -> NavTargets {
        NavTargets {
            home: urls::home(language),
            timeline: urls::timeline(language),
            search: urls::search(language),
            briefing: urls::briefing(language),
            feed: urls::feed(language),
            topics: config
                .topics
                .iter()
                .map(|t| urls::topic(language, &t.key))
                .collect(),
        }
    }

    fn all(&self) -> impl Iterator<Item = &str> {
        [
            &self.home,
            &self.timeline,
            &self.search,
            &self.briefing,
            &self.feed,
        ]
        .into_iter()
        .map(String::as_str)
        .chain([urls::STYLESHEET, urls::HIGHLIGHT_STYLESHEET])
        .chain(self.topics.iter().map(String::as_str))
    }
}

#[derive(Serialize)]
pub struct LangContext {
    pub code: String,
    pub name: String,
}

#[derive(Serialize)]
pub struct SiteContext {
    pub title: String,
    pub description: String,
    pub base_url: String,
}

#[derive(Serialize)]
pub struct Alternate {
    pub hreflang: String,
    pub href: String,
}

/// One entry of the language switcher.
#[derive(Serialize)]
pub struct Switch {
    pub code: String,
    pub name: String,
    pub href: String,
    pub current: bool,
    /// False when the page has no version in this language: `href` leads to that
    /// language's home and `notice` says so, in that language.
    pub available: bool,
    pub notice: String,
}

#[derive(Serialize)]
pub struct TopicLink {
    pub key: String,
    pub name: String,
    pub href: String,
    pub current: bool,
}

/// An article in a list.
#[derive(Serialize)]
pub struct Entry {
    pub title: String,
    pub href: String,
    pub date: String,
    pub date_iso: String,
    pub summary: String,
    /// The language the article is written in.
    pub lang: String,
    /// When it is not written in the page's language: the mark (`French only`).
    pub only: String,
    /// `TopicLink`s, as a template value (`topic_links`).
    pub topics: tera::Value,
}

struct EntranceContext {
    common: Common,
    entrance_languages: Vec<EntranceLanguage>,
}

#[derive(Serialize)]
struct EntranceLanguage {
    skip_to_content: String,
    footer: String,
    code: String,
    name: String,
    title: String,
    description: String,
    intro: String,
    href: String,
}

struct NotFoundContext {
    common: Common,
    inline_stylesheet: String,
    not_found_languages: Vec<NotFoundLanguage>,
}

#[derive(Serialize)]
struct NotFoundLanguage {
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

struct HomeContext {
    common: Common,
    topics: Vec<HomeTopic>,
    latest: Listed,
}

#[derive(Serialize)]
struct HomeTopic {
    key: String,
    name: String,
    description: String,
    href: String,
    count: usize,
    articles: Vec<Entry>,
}

struct TopicContext {
    common: Common,
    topic: TopicPage,
    articles: Listed,
}

struct TimelineContext {
    common: Common,
    /// Newest year first, each with its articles newest first.
    years: Vec<TimelineYear>,
    count: usize,
}

#[derive(Serialize)]
struct TimelineYear {
    year: i32,
    entries: Listed,
}

/// A state as its JSON name (`source-missing`), for a class in the page.
fn serde_plain(state: crate::model::status::State) -> String {
    serde_json::to_value(state)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

struct StatusContext {
    common: Common,
    /// The languages' names, in config order.
    columns: Vec<String>,
    rows: Vec<StatusRow>,
    totals: StatusTotals,
}

#[derive(Serialize)]
struct StatusRow {
    key: String,
    cells: Vec<StatusCell>,
}

#[derive(Serialize)]
struct StatusCell {
    lang: String,
    title: String,
    href: String,
    file: String,
    /// `original`, `fresh`, `stale`, `unmarked`, `source-missing` or `missing`.
    state: String,
    state_text: String,
}

#[derive(Serialize)]
struct StatusTotals {
    articles: usize,
    missing: usize,
    fresh: usize,
    stale: usize,
    unmarked: usize,
}

struct SearchContext {
    common: Common,
    /// Every article the language shows, newest first: the list without JavaScript.
    entries: Listed,
    count: usize,
    index_href: String,
    script_href: String,
}

#[derive(Serialize)]
struct TopicPage {
    key: String,
    name: String,
    description: String,
    feed_href: String,
}

struct ArticleContext {
    common: Common,
    article: ArticlePage,
}

#[derive(Serialize)]
struct ArticlePage {
    title: String,
    summary: String,
    date: String,
    date_iso: String,
    updated: Option<String>,
    updated_iso: Option<String>,
    /// `TopicLink`s, as a template value (`topic_links`).
    topics: tera::Value,
    source: Option<crate::model::front_matter::Source>,
    /// The body: a safe string, printed as it is (no `| safe` copying it once more).
    html: tera::Value,
    toc: Vec<TocEntry>,
    translations: Vec<Translation>,
    /// The side-by-side view, when the article has a translation.
    parallel_href: Option<String>,
    file: String,
}

struct ParallelContext {
    common: Common,
    parallel: ParallelPage,
}

#[derive(Serialize)]
struct ParallelPage {
    /// The title in the page's language.
    title: String,
    /// One per version, in the order of the configured languages.
    columns: Vec<ParallelColumn>,
    /// `ParallelRow`s, as template values (`parallel_row`).
    rows: Vec<tera::Value>,
    /// A marker, replaced after Tera by the rows, each rendered through `parallel-row.html`.
    rows_html: tera::Value,
}

#[derive(Serialize)]
struct ParallelColumn {
    code: String,
    name: String,
    title: String,
    /// The version's own page.
    href: String,
    date: String,
    date_iso: String,
    /// The version in the page's language.
    current: bool,
}

/// A list of topic links by what makes it: language, topics, and `urls::links_key` of the
/// page (the folder run it shares with the topic pages, and its depth).
type TopicLinksKey = (usize, Vec<usize>, String, usize);

/// A row of a side-by-side view: whether it holds headings, then each cell's language (by
/// index) and marker (its number plus one, 0 for an empty cell).
type ParallelRowKey = Vec<u32>;

/// A row of side-by-side views, as every view that has it shares it.
struct ParallelRowMade {
    /// The row as a template value (`parallel_row`).
    value: tera::Value,
    /// The row through `parallel-row.html`, by the view's language: rendered when a view
    /// first prints it.
    html: Vec<OnceLock<String>>,
}

/// The template value of a row of a side-by-side view, from its key.
fn parallel_row(config: &Config, key: &[u32]) -> tera::Value {
    let (heading, cells) = key.split_first().expect("a row key");
    tera::Value::from_serializable(&ParallelRow {
        heading: *heading == 1,
        cells: cells
            .chunks(2)
            .map(|cell| {
                let code = &config.languages[cell[0] as usize].code;
                ParallelCell {
                    lang: code.clone(),
                    tag: code.to_uppercase(),
                    html: tera::Value::safe_string(&match cell[1] {
                        0 => String::new(),
                        n => numbered_marker(CELL, n as usize - 1),
                    }),
                }
            })
            .collect(),
    })
}

#[derive(Serialize)]
struct ParallelRow {
    /// The row holds the headings that open paired sections.
    heading: bool,
    /// One per column: that version's blocks in this row (may be empty).
    cells: Vec<ParallelCell>,
}

#[derive(Serialize)]
struct ParallelCell {
    lang: String,
    /// The language code in capitals, as the cell's tag shows it (the template makes no
    /// `upper` call for each cell of each view).
    tag: String,
    /// Empty, or the cell's marker: a safe string, printed as it is.
    html: tera::Value,
}

#[derive(Serialize)]
struct TocEntry {
    level: u8,
    id: String,
    text: String,
}

#[derive(Serialize)]
struct Translation {
    code: String,
    name: String,
    title: String,
    href: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_cut_at_well_formed_markers_only() {
        let text = |bytes: &[u8]| String::from_utf8(bytes.to_vec()).unwrap();
        let cuts: Vec<String> = cut_at_markers(
            "a<!--m:0-->b<!--m:x--><!--m:7>c<!--m:12--><!--m:3-->é<!--m:99999999999999999999999-->"
                .as_bytes(),
            "<!--m:",
        )
        .map(|cut| match cut {
            Cut::Text(bytes) => format!("text {}", text(bytes)),
            Cut::Marker(n, marker) => format!("{n} {}", text(marker)),
        })
        .collect();
        assert_eq!(
            cuts,
            [
                "text a",
                "0 <!--m:0-->",
                "text b<!--m:x--><!--m:7>c",
                "12 <!--m:12-->",
                "text ",
                "3 <!--m:3-->",
                // A number too large for any list is no marker.
                "text é<!--m:99999999999999999999999-->",
            ]
        );
        assert_eq!(cut_at_markers(b"", "<!--m:").count(), 0);
        // The markers the renderer makes are those it cuts at.
        for n in [0, 7, 12, 4096] {
            let marker = numbered_marker("<!--m:", n);
            let cut: Vec<_> = cut_at_markers(marker.as_bytes(), "<!--m:").collect();
            assert!(
                matches!(cut[..], [Cut::Text(b""), Cut::Marker(m, _)] if m == n),
                "{marker}"
            );
        }
    }
}
