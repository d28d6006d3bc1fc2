//! The site kept in memory, rebuilt by the smallest step a change needs.
//!
//! `dossier build` uses it once; `dossier serve` and `build --watch` keep it and feed it the
//! changes the watcher sees. An edit to one article re-reads that file only, re-renders its
//! Markdown (and that of articles whose links it affects), and re-renders the pages that show
//! it: its own, its translations', its topics' pages, the homes, the feeds and the sitemap. A
//! template change re-renders every page from the cached Markdown; `config.toml` rebuilds all.
//! A failed rebuild keeps the last good site and remembers what is still to be redone.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ahash::{AHashMap, AHashSet};
use rayon::prelude::*;

use crate::config::{CONFIG_FILE, Config, line_of_key, normalize_base_url};
use crate::error::{Diagnostic, Error, Problems, Result};
use crate::model::SourceFile;
use crate::model::{self, Article, Dossier, Draft};
use crate::output::Contents;
use crate::render::feeds;
use crate::render::highlight;
use crate::render::markdown::Rendered;
use crate::render::search;
use crate::render::templates::Templates;
use crate::render::{self, EntryCache, Piece, Renderer};
use crate::site::pages::{self, Page};
use crate::site::urls;
use crate::source;

/// What a build (or the preview, `check`, `status`) was asked to do, free of any command-line type.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `public/` under the root.
    pub output_dir: Option<PathBuf>,
    /// Overrides `base_url` from the config.
    pub base_url: Option<String>,
    pub drafts: bool,
}

/// The model of the site at `options.root`, without rendering anything (`dossier status`).
pub fn read_model(options: &BuildOptions, problems: &mut Problems) -> Result<Dossier> {
    let sources = source::load(&options.root, problems)?;
    let config = Config::parse(&sources.config, problems);
    problems.check()?;
    let Some(config) = config else {
        return Err(Error::Site(Vec::new()));
    };
    let dossier = Dossier::assemble(config, &sources.articles, options.drafts, problems);
    problems.check()?;
    Ok(dossier)
}

/// The generated site: output path → contents. Keys are shared strings, so that copying the
/// map (the server may still be reading the previous one) allocates nothing per file.
pub type Output = BTreeMap<Arc<str>, Contents>;

/// A feed: its language, and its topic (none for the language's main feed).
type Feed = (usize, Option<usize>);

/// A file of the site root that changed on disk (created, edited or deleted).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Change {
    Config,
    /// `content/…/x.fr.md`, relative to the root.
    Content(String),
    /// `templates/…`, relative to the root.
    Template(String),
    /// `static/…`, relative to the root.
    Static(String),
}

/// What a rebuild changed in the output.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Update {
    /// Output paths written anew with different contents, or added.
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    /// How many pages were rendered (for reports and benchmarks).
    pub rendered_pages: usize,
    /// True when the edit changed only the text, title or summary of articles, which were
    /// updated in place in the last good build (no model rebuild).
    pub in_place: bool,
}

impl Update {
    /// True when only stylesheets changed: a browser can swap them without reloading.
    /// (`404.html` inlines the stylesheet, so it changes with it.)
    pub fn stylesheets_only(&self) -> bool {
        self.removed.is_empty()
            && !self.changed.is_empty()
            && self
                .changed
                .iter()
                .all(|p| p.ends_with(".css") || p == urls::NOT_FOUND)
    }

    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.removed.is_empty()
    }
}

/// One article file as last read, with its parsed front matter (for the config it was read
/// with).
struct ArticleFile {
    text: String,
    read: Option<std::result::Result<Draft, Vec<Diagnostic>>>,
    /// What the last good build was made from.
    good: Option<Draft>,
}

impl ArticleFile {
    /// Reads the front matter, unless it was read already for this text.
    fn parse(&mut self, path: &str, config: &Config) {
        if self.read.is_none() {
            let source = SourceFile {
                path: path.to_string(),
                text: std::mem::take(&mut self.text),
            };
            let mut own = Problems::default();
            self.read = Some(model::read_article(config, &source, &mut own).ok_or(own.errors));
            self.text = source.text;
        }
    }
}

/// A rendered body and what it was rendered against.
struct CachedBody {
    text: Arc<str>,
    page_path: String,
    /// The page path each link target had (None: it did not exist).
    targets: Vec<(String, Option<String>)>,
    body: Arc<Rendered>,
}

/// The last build that succeeded.
struct Good {
    config: Config,
    templates: Arc<Templates>,
    highlight_css: String,
    dossier: Dossier,
    bodies: Vec<Arc<Rendered>>,
    output: Arc<Output>,
    /// Page path of each article, by id.
    paths: Vec<String>,
    /// Article ids by file.
    by_file: AHashMap<String, usize>,
    /// For each article file, the articles whose links point at one of its headings.
    linked_from: AHashMap<String, BTreeSet<usize>>,
    /// Rendered list entries of unchanged articles.
    entries: EntryCache,
    /// Each language's search, for edits in place.
    search: Vec<Search>,
}

/// A language's search: its articles by id, in its order, and their index.
struct Search {
    ids: Vec<usize>,
    index: search::Index,
}

/// What is still to be redone since the last good build.
#[derive(Default)]
struct Pending {
    config: bool,
    templates: bool,
    statics: bool,
    content: BTreeSet<String>,
}

pub struct Engine {
    root: PathBuf,
    options: BuildOptions,
    config_text: String,
    templates: BTreeMap<String, String>,
    statics: BTreeMap<String, PathBuf>,
    /// Files of `content/` that are not articles (images, PDFs), by path from the root.
    files: BTreeMap<String, PathBuf>,
    articles: BTreeMap<String, ArticleFile>,
    body_cache: AHashMap<String, CachedBody>,
    good: Option<Good>,
    pending: Pending,
    warnings: Vec<Diagnostic>,
    /// Where a one-shot build writes its files as they are made (see [`Engine::open_staged`]).
    staging: Option<Arc<crate::output::Staging>>,
}

impl Engine {
    /// Loads the site root and builds everything.
    pub fn open(options: &BuildOptions) -> Result<(Engine, Result<Update>)> {
        Engine::open_staged(options, None)
    }

    /// Like [`Engine::open`], but with `staging`, every generated file is written into it as
    /// soon as it is made, and the output keeps only its path ([`Contents::Staged`]): the
    /// whole site is never held in memory. For `dossier build`, which writes once; such an
    /// engine cannot rebuild after changes.
    pub fn open_staged(
        options: &BuildOptions,
        staging: Option<Arc<crate::output::Staging>>,
    ) -> Result<(Engine, Result<Update>)> {
        let mut problems = Problems::default();
        let mut clock = crate::timings::Clock::start();
        let sources = source::load(&options.root, &mut problems)?;
        clock.lap("load");
        let mut engine = Engine {
            root: options.root.clone(),
            options: options.clone(),
            config_text: sources.config,
            templates: sources
                .templates
                .into_iter()
                .map(|f| (f.path, f.text))
                .collect(),
            statics: sources.static_files.into_iter().collect(),
            files: sources.content_files.into_iter().collect(),
            articles: sources
                .articles
                .into_iter()
                .map(|f| {
                    (
                        f.path,
                        ArticleFile {
                            text: f.text,
                            read: None,
                            good: None,
                        },
                    )
                })
                .collect(),
            body_cache: AHashMap::new(),
            good: None,
            staging,
            pending: Pending {
                config: true,
                templates: true,
                statics: true,
                content: BTreeSet::new(),
            },
            warnings: Vec::new(),
        };
        // Files that could not be read at all (not UTF-8): errors of the first build.
        let unreadable = std::mem::take(&mut problems.errors);
        let result = if unreadable.is_empty() {
            engine.rebuild()
        } else {
            Err(Error::Site(unreadable))
        };
        Ok((engine, result))
    }

    /// The last good site, if any build succeeded.
    pub fn output(&self) -> Option<Arc<Output>> {
        self.good.as_ref().map(|g| Arc::clone(&g.output))
    }

    /// Warnings of the last rebuild (fallback UI strings).
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// Article pages per language code of the last good build.
    pub fn articles_per_language(&self) -> Vec<(String, usize)> {
        let Some(good) = &self.good else {
            return Vec::new();
        };
        good.config
            .languages
            .iter()
            .enumerate()
            .map(|(l, language)| {
                (
                    language.code.clone(),
                    good.dossier.articles.iter().filter(|a| a.lang == l).count(),
                )
            })
            .collect()
    }

    /// One warning per article of the last good build that lacks a translation.
    pub fn missing_translations(&self) -> Vec<Diagnostic> {
        self.good
            .as_ref()
            .map(|g| g.dossier.missing_translations())
            .unwrap_or_default()
    }

    /// The base URL of the last good build (after `--base-url`).
    pub fn base_url(&self) -> Option<&str> {
        self.good.as_ref().map(|g| g.config.base_url.as_str())
    }

    pub fn page_count(&self) -> usize {
        self.good
            .as_ref()
            .map(|g| pages::all(&g.dossier).len())
            .unwrap_or(0)
    }

    /// Reads the changed files again and rebuilds what they affect.
    pub fn apply(&mut self, changes: &[Change]) -> Result<Update> {
        debug_assert!(self.staging.is_none(), "a staging engine builds once");
        for change in changes {
            match change {
                Change::Config => {
                    self.config_text = self.read_text(CONFIG_FILE)?.unwrap_or_default();
                    self.pending.config = true;
                }
                Change::Template(path) => {
                    for path in self.files_at(path, self.templates.keys())? {
                        match self.read_text(&path)? {
                            Some(text) => self.templates.insert(path, text),
                            None => self.templates.remove(&path),
                        };
                    }
                    self.pending.templates = true;
                }
                Change::Static(path) => {
                    let known: Vec<String> =
                        self.statics.keys().map(|p| format!("static/{p}")).collect();
                    for path in self.files_at(path, known.iter())? {
                        let file = self.root.join(&path);
                        let inside = path.trim_start_matches("static/").to_string();
                        if source::is_file(&file) {
                            self.statics.insert(inside, file);
                        } else {
                            self.statics.remove(&inside);
                        }
                    }
                    self.pending.statics = true;
                }
                Change::Content(path) => {
                    // A file, or a folder that appeared, moved or went: look again at every
                    // file under it.
                    let known = self.articles.keys().chain(self.files.keys());
                    for path in self.files_at(path, known)? {
                        if path.ends_with(".md") {
                            self.reload_article(&path)?;
                        } else {
                            self.reload_file(&path);
                        }
                    }
                }
            }
        }
        self.rebuild()
    }

    /// The files a change at `path` concerns: the file itself, or, for a folder, every file
    /// under it now and every known file that was under it.
    fn files_at<'a>(
        &self,
        path: &str,
        known: impl Iterator<Item = &'a String>,
    ) -> Result<Vec<String>> {
        let full = self.root.join(path);
        if source::is_file(&full) {
            return Ok(vec![path.to_string()]);
        }
        let prefix = format!("{path}/");
        let mut files: BTreeSet<String> = known
            .filter(|p| p.starts_with(&prefix) || *p == path)
            .cloned()
            .collect();
        if source::is_folder(&full) {
            files.extend(crate::source::walk(&self.root, path)?);
        }
        Ok(files.into_iter().collect())
    }

    fn reload_article(&mut self, path: &str) -> Result<()> {
        match self.read_text(path)? {
            Some(text) => match self.articles.get_mut(path) {
                Some(file) if file.text == text => {}
                Some(file) => {
                    file.text = text;
                    file.read = None;
                }
                None => {
                    let file = ArticleFile {
                        text,
                        read: None,
                        good: None,
                    };
                    self.articles.insert(path.to_string(), file);
                }
            },
            None => {
                self.articles.remove(path);
            }
        }
        self.pending.content.insert(path.to_string());
        Ok(())
    }

    /// A file of `content/` that is not an article: copied with the statics.
    fn reload_file(&mut self, path: &str) {
        let full = self.root.join(path);
        if source::is_file(&full) && source::is_content_file(path) {
            self.files.insert(path.to_string(), full);
        } else {
            self.files.remove(path);
        }
        self.pending.statics = true;
    }

    /// The text of a file under the root; `None` when it no longer exists.
    fn read_text(&self, path: &str) -> Result<Option<String>> {
        source::reread(&self.root, path)
    }

    fn rebuild(&mut self) -> Result<Update> {
        let mut problems = Problems::default();
        let result = self.try_rebuild(&mut problems);
        crate::error::sort(&mut problems.warnings);
        self.warnings = problems.warnings;
        result
    }

    fn try_rebuild(&mut self, problems: &mut Problems) -> Result<Update> {
        if let Some(result) = self.in_place(problems) {
            return result;
        }
        let everything = self.good.is_none() || self.pending.config;

        // Model: configuration, then each article's front matter (cached per file), then pairs.
        let config = if everything {
            let mut config = Config::parse(&self.config_text, problems);
            problems.check()?;
            let Some(config) = config.as_mut() else {
                return Err(Error::Site(Vec::new()));
            };
            if let Some(base_url) = &self.options.base_url {
                config.base_url = normalize_base_url(base_url).map_err(|_| {
                    Error::Usage(format!(
                        "--base-url \"{}\" must be an absolute http(s) URL, like https://user.github.io/repo/",
                        base_url.trim()
                    ))
                })?;
            }
            for file in self.articles.values_mut() {
                file.read = None;
            }
            self.body_cache.clear();
            config.clone()
        } else {
            self.good
                .as_ref()
                .map(|g| g.config.clone())
                .expect("a good build")
        };
        let mut clock = crate::timings::Clock::start();
        let drafts = self.drafts(&config, problems);
        clock.lap("drafts");
        let mut dossier =
            Dossier::from_drafts(config.clone(), drafts, self.options.drafts, problems);
        problems.check()?;
        clock.lap("model");

        let templates = match (&self.good, everything || self.pending.templates) {
            (Some(good), false) => Arc::clone(&good.templates),
            _ => {
                let site: Vec<SourceFile> = self
                    .templates
                    .iter()
                    .map(|(path, text)| SourceFile {
                        path: path.clone(),
                        text: text.clone(),
                    })
                    .collect();
                Arc::new(Templates::compile(&site).map_err(Error::Site)?)
            }
        };
        let highlight_css = match (&self.good, everything) {
            (Some(good), false) => good.highlight_css.clone(),
            _ => highlight::stylesheet(
                &config.markdown.highlight_theme,
                &config.markdown.highlight_theme_dark,
            )
            .map_err(|message| {
                Error::site(Diagnostic::new(
                    CONFIG_FILE,
                    line_of_key(&self.config_text, "highlight_theme"),
                    message,
                ))
            })?,
        };

        // Render: bodies first (cached when nothing they depend on changed), then pages.
        clock.lap("templates");
        // A staged build renders each body once (see `drafts`): its Markdown goes with it.
        let markdown = self.staging.is_some().then(|| dossier.take_markdown());
        let paths = pages::article_paths(&dossier);
        let by_file = pages::ids_by_file(&dossier);
        clock.lap("paths");
        let bodies = self.bodies(&dossier, markdown, &paths, &by_file);
        clock.lap("bodies");
        // Broken links do not stop the build here: the pages are rendered all the same, so that
        // one run reports every problem (links from the root are checked against the output).
        for problem in render::check_links(&dossier, &bodies, &by_file) {
            problems.error(problem);
        }
        let by_file: AHashMap<String, usize> = by_file
            .into_iter()
            .map(|(file, id)| (file.to_string(), id))
            .collect();

        let all_pages = everything || self.pending.templates;
        let old = self.good.as_ref();
        clock.lap("check_links");
        let affected = match old {
            Some(old) if !all_pages => affected(&old.dossier, &old.bodies, &dossier, &bodies),
            _ => Affected {
                pages: pages::all(&dossier),
                feeds: all_feeds(&dossier),
                stale: Vec::new(),
                structural: true,
            },
        };
        let Affected {
            pages,
            feeds: feeds_to_write,
            stale,
            structural,
        } = affected;
        // A staged build is never rebuilt: its cache keeps only what the build itself reuses.
        let entries = match self.staging {
            Some(_) => EntryCache::one_shot(),
            None => EntryCache::default(),
        };
        let renderer = Renderer::new(&dossier, &paths, &bodies, &templates, &entries);
        clock.lap("affected");
        // Pages and feeds, the sitemap and the search index at the same time: each has parts
        // that run on one thread, which the others fill.
        let staging = self.staging.as_deref();
        let ((rendered, feed_files), (sitemaps, (search, search_files))) = rayon::join(
            || {
                render_outputs(
                    &renderer,
                    &|page| pages::page_path(&dossier, page),
                    &pages,
                    &feeds_to_write,
                    staging,
                )
            },
            || {
                rayon::join(
                    || match structural {
                        true => feeds::sitemaps(&dossier, &pages::all(&dossier)),
                        false => Vec::new(),
                    },
                    || match dossier.config.outputs.search {
                        true => build_search(&renderer, staging),
                        false => Default::default(),
                    },
                )
            },
        );
        clock.lap("pages, feeds, sitemap, search");
        let mut fresh: Vec<(String, Contents)> = Vec::with_capacity(rendered.len() + 16);
        let mut unrendered = false;
        for result in rendered {
            match result {
                Ok(file) => fresh.push(file),
                Err(diagnostic) => {
                    unrendered = true;
                    if !problems.errors.contains(&diagnostic) {
                        problems.error(diagnostic);
                    }
                }
            }
        }
        if unrendered {
            // Without every page, the output cannot be checked.
            problems.check()?;
        }
        fresh.extend(feed_files);
        fresh.extend(sitemaps.into_iter().map(|(path, xml)| (path, bytes(xml))));
        fresh.push(("robots.txt".into(), bytes(feeds::robots(&dossier))));
        fresh.push((".nojekyll".into(), bytes(String::new())));
        if let Some(domain) = &config.custom_domain {
            fresh.push((urls::CNAME.into(), bytes(format!("{domain}\n"))));
        }
        fresh.push((urls::STYLESHEET.into(), bytes(templates.stylesheet.clone())));
        if config.outputs.search {
            fresh.push((
                urls::SEARCH_SCRIPT.into(),
                bytes(templates.search_script.clone()),
            ));
        }
        fresh.extend(search_files);
        fresh.push((
            urls::HIGHLIGHT_STYLESHEET.into(),
            bytes(highlight_css.clone()),
        ));

        if let Some(staging) = &self.staging {
            fresh.par_iter_mut().for_each(|(path, contents)| {
                if let Some(bytes) = contents.in_memory() {
                    staging.write(path, &bytes);
                    *contents = Contents::Staged;
                }
            });
        }

        // Static files never overwrite generated ones.
        clock.lap("robots etc");
        let generated: AHashSet<&str> = fresh.iter().map(|(p, _)| p.as_str()).collect();
        let other_pages: Vec<String> = pages::all(&dossier)
            .into_iter()
            .filter(|p| !matches!(p, Page::Article(_)))
            .map(|p| pages::page_path(&dossier, p))
            .collect();
        let all_page_paths: AHashSet<&str> = paths
            .iter()
            .chain(&other_pages)
            .map(String::as_str)
            .collect();
        let mut statics = Vec::new();
        for (path, source) in &self.statics {
            if generated.contains(path.as_str()) || all_page_paths.contains(path.as_str()) {
                problems.error(Diagnostic::file(
                    format!("static/{path}"),
                    format!("would overwrite the generated {path}: rename or remove it"),
                ));
            } else {
                statics.push((path.clone(), Contents::Copy(source.clone())));
            }
        }
        for (file, source) in &self.files {
            let path = urls::content_file(file);
            if self.statics.contains_key(&path) {
                problems.error(Diagnostic::file(
                    format!("static/{path}"),
                    format!("has the same place in the site as {file}: rename or remove one"),
                ));
            } else {
                statics.push((path, Contents::Copy(source.clone())));
            }
        }

        // The new output: the old one with the fresh files, without what no longer exists.
        clock.lap("statics");
        let previous: Arc<Output> = old.map(|g| Arc::clone(&g.output)).unwrap_or_default();
        let mut output: Output = if all_pages {
            Output::new()
        } else {
            (*previous).clone()
        };
        for path in &stale {
            if !all_page_paths.contains(path.as_str()) {
                output.remove(path.as_str());
            }
        }
        if structural {
            // A split sitemap may now have fewer parts.
            output.retain(|path, _| !feeds::is_sitemap_part(path));
        }
        // The search of a language may now have fewer text shards.
        let search_folders: Vec<String> = config
            .languages
            .iter()
            .map(|language| urls::search_file(language, ""))
            .collect();
        output.retain(|path, _| !is_search_shard(&search_folders, path));
        if !all_pages {
            let copies: AHashSet<&str> = statics.iter().map(|(p, _)| p.as_str()).collect();
            output.retain(|path, contents| {
                !matches!(contents, Contents::Copy(_)) || copies.contains(&**path)
            });
        }
        let rendered_pages = pages.len();
        output.extend(
            fresh
                .into_iter()
                .map(|(path, contents)| (Arc::from(path), contents)),
        );
        output.extend(
            statics
                .into_iter()
                .map(|(path, contents)| (Arc::from(path), contents)),
        );

        // Links written from the root of the site, against the whole new output.
        let mut site_problems = Vec::new();
        for (article, body) in dossier.articles.iter().zip(&bodies) {
            render::check_site_links(
                &article.file,
                body,
                &|path| output.contains_key(path),
                &mut site_problems,
            );
        }
        for problem in site_problems {
            problems.error(problem);
        }
        problems.check()?;

        clock.lap("output");
        let update = diff(&previous, &output);
        let mut linked_from: AHashMap<String, BTreeSet<usize>> = AHashMap::new();
        for (id, body) in bodies.iter().enumerate() {
            for link in body.links.iter().filter(|l| l.fragment.is_some()) {
                linked_from
                    .entry(link.target.clone())
                    .or_default()
                    .insert(id);
            }
        }
        for (path, file) in self.articles.iter_mut() {
            if everything || self.pending.content.contains(path) || file.good.is_none() {
                file.good = file.read.as_ref().and_then(|r| r.as_ref().ok()).cloned();
            }
        }
        self.good = Some(Good {
            config,
            templates,
            highlight_css,
            dossier,
            bodies,
            output: Arc::new(output),
            paths,
            by_file,
            linked_from,
            entries,
            search,
        });
        self.pending = Pending::default();
        Ok(Update {
            rendered_pages,
            ..update
        })
    }

    /// The fast path for the usual edit while writing: the text of existing articles changed
    /// and nothing else in them. The model is left as it is; the new bodies are swapped into
    /// the last good build, checked, and their pages re-rendered. `None` when the edit is of
    /// another kind (the general path then handles it).
    fn in_place(&mut self, problems: &mut Problems) -> Option<Result<Update>> {
        let mut clock = crate::timings::Clock::start();
        let Engine {
            good,
            articles,
            files,
            pending,
            body_cache,
            ..
        } = self;
        let good = good.as_mut()?;
        if pending.config || pending.templates || pending.statics || pending.content.is_empty() {
            return None;
        }
        let mut edits: Vec<(usize, Draft)> = Vec::new();
        for path in &pending.content {
            let file = articles.get_mut(path)?;
            file.parse(path, &good.config);
            let draft = file.read.as_ref()?.as_ref().ok()?;
            if !draft.same_structure(file.good.as_ref()?) {
                return None;
            }
            let id = *good.by_file.get(path)?;
            let article = &good.dossier.articles[id];
            let same = Arc::ptr_eq(draft.body().0, &article.body)
                && draft.title() == article.title
                && draft.summary() == article.summary.as_deref();
            if !same {
                edits.push((id, draft.clone()));
            }
        }
        if edits.is_empty() {
            *pending = Pending::default();
            return Some(Ok(Update::default()));
        }

        // Swap the new text in, remembering the old one in case it does not pass.
        let mut undo = Vec::with_capacity(edits.len());
        for (id, draft) in &edits {
            let article = &mut good.dossier.articles[*id];
            let (body, line) = draft.body();
            undo.push(Undo {
                id: *id,
                body: std::mem::replace(&mut article.body, Arc::clone(body)),
                body_line: std::mem::replace(&mut article.body_line, line),
                title: std::mem::replace(&mut article.title, draft.title().to_string()),
                summary: std::mem::replace(
                    &mut article.summary,
                    draft.summary().map(str::to_string),
                ),
                rendered: Arc::clone(&good.bodies[*id]),
            });
        }
        let by_file = &good.by_file;
        let lookup = |file: &str| by_file.get(file).copied();
        let has_file = |file: &str| files.contains_key(file);
        let fresh: Vec<(usize, Rendered)> = edits
            .par_iter()
            .map(|(id, _)| {
                (
                    *id,
                    render::render_body(
                        &good.dossier,
                        &good.paths,
                        &lookup,
                        &has_file,
                        *id,
                        &good.dossier.articles[*id].body,
                    ),
                )
            })
            .collect();
        for (id, body) in fresh {
            good.bodies[id] = Arc::new(body);
        }
        let mut checked: BTreeSet<usize> = edits.iter().map(|(id, _)| *id).collect();
        for (id, _) in &edits {
            if let Some(sources) = good.linked_from.get(&good.dossier.articles[*id].file) {
                checked.extend(sources);
            }
        }
        let mut diagnostics = Vec::new();
        for id in checked {
            render::check_article_links(&good.dossier, &good.bodies, &lookup, id, &mut diagnostics);
        }
        // The edit leaves the set of output files as it is: links from the root are checked
        // against the last output.
        for (id, _) in &edits {
            render::check_site_links(
                &good.dossier.articles[*id].file,
                &good.bodies[*id],
                &|path| good.output.contains_key(path),
                &mut diagnostics,
            );
        }
        clock.lap("text: bodies and links");

        // The pages that show the article: its own, its feeds; its translations' and the lists
        // when its title or its summary (or the first paragraph standing for it) changed.
        let mut lists: BTreeSet<usize> = BTreeSet::new();
        let mut feeds: BTreeSet<Feed> = BTreeSet::new();
        let mut articles_to_render: BTreeSet<usize> = BTreeSet::new();
        for before in &undo {
            let article = &good.dossier.articles[before.id];
            articles_to_render.insert(before.id);
            feeds_of(article, &mut feeds);
            let shown_summary_changed = article.summary != before.summary
                || (article.summary.is_none()
                    && before.rendered.first_paragraph != good.bodies[before.id].first_paragraph);
            if article.title != before.title || shown_summary_changed {
                lists.extend(article.topics.iter().copied());
            }
            if article.title != before.title {
                articles_to_render.extend(good.dossier.group_of(before.id).existing());
            }
        }
        // The side-by-side views show every version of the group of an edited article.
        let views: BTreeSet<Page> = articles_to_render
            .iter()
            .flat_map(|&id| pages::parallels_of(&good.dossier, id))
            .collect();
        let mut pages: Vec<Page> = articles_to_render.into_iter().map(Page::Article).collect();
        pages.extend(views);
        // The briefings print every body they show.
        for lang in 0..good.config.languages.len() {
            if undo.iter().any(|b| good.dossier.is_shown(b.id, lang)) {
                pages.push(Page::Briefing(lang));
            }
        }
        // The editors' status: any text may make a translation stale or fresh.
        pages.extend((0..good.config.languages.len()).map(Page::Status));
        if !lists.is_empty() {
            for lang in 0..good.config.languages.len() {
                pages.push(Page::Home(lang));
                pages.push(Page::Timeline(lang));
                pages.push(Page::Search(lang));
                pages.extend(lists.iter().map(|&topic| Page::Topic { lang, topic }));
            }
        }
        // Those of the kinds the site has.
        pages.retain(|&page| pages::written(&good.config, page));
        for before in &undo {
            good.entries.forget(before.id);
        }
        let renderer = Renderer::new(
            &good.dossier,
            &good.paths,
            &good.bodies,
            &good.templates,
            &good.entries,
        );
        let feeds: Vec<Feed> = feeds.into_iter().collect();
        let (rendered, feed_files) =
            render_outputs(&renderer, &|page| good.paths_of(page), &pages, &feeds, None);
        let mut written: Vec<(String, Contents)> = feed_files;
        for result in rendered {
            match result {
                Ok(file) => written.push(file),
                Err(diagnostic) => diagnostics.push(diagnostic),
            }
        }
        // Each edited article as each language's search shows it (language, position, old
        // text, new entry), applied to the kept indexes once the edit has passed.
        let mut search_docs = Vec::new();
        for (lang, state) in good.search.iter().enumerate() {
            for before in &undo {
                if let Some(at) = state.ids.iter().position(|&id| id == before.id) {
                    let old_text = search::plain_text(&before.rendered.html);
                    search_docs.push((lang, at, old_text, renderer.search_doc(lang, before.id)));
                }
            }
        }
        if !diagnostics.is_empty() {
            for before in undo {
                good.entries.forget(before.id);
                let article = &mut good.dossier.articles[before.id];
                article.body = before.body;
                article.body_line = before.body_line;
                article.title = before.title;
                article.summary = before.summary;
                good.bodies[before.id] = before.rendered;
            }
            for diagnostic in diagnostics {
                if !problems.errors.contains(&diagnostic) {
                    problems.error(diagnostic);
                }
            }
            return Some(problems.check().map(|()| Update::default()));
        }
        clock.lap("text: pages and feeds");

        // The search of each language that shows an edited article: its entry and words, and
        // the text shard that holds it.
        for (lang, state) in good.search.iter_mut().enumerate() {
            let language = &good.config.languages[lang];
            let mut shards = BTreeSet::new();
            for (at, old_text, doc) in search_docs
                .iter()
                .filter(|(l, ..)| *l == lang)
                .map(|(_, at, old, doc)| (*at, old, doc))
            {
                state.index.replace(at, old_text, doc);
                shards.insert(at / search::SHARD);
            }
            if shards.is_empty() {
                continue;
            }
            written.push((
                urls::search_file(language, search::INDEX_FILE),
                bytes(state.index.script()),
            ));
            for n in shards {
                let ids =
                    &state.ids[n * search::SHARD..state.ids.len().min((n + 1) * search::SHARD)];
                let texts: Vec<String> = ids
                    .iter()
                    .map(|&id| search::plain_text(&good.bodies[id].html))
                    .collect();
                written.push((
                    urls::search_file(language, &search::shard_file(n)),
                    bytes(search::shard(n, texts.iter().map(String::as_str))),
                ));
            }
        }
        clock.lap("text: search");

        // Commit: output, link index, caches.
        let output = Arc::make_mut(&mut good.output);
        let mut changed = Vec::new();
        for (path, contents) in written {
            if output.get(path.as_str()) != Some(&contents) {
                output.insert(Arc::from(path.as_str()), contents);
                changed.push(path);
            }
        }
        for ((id, draft), before) in edits.iter().zip(&undo) {
            let old_body = &before.rendered;
            let file = &good.dossier.articles[*id].file;
            for link in old_body.links.iter().filter(|l| l.fragment.is_some()) {
                if let Some(sources) = good.linked_from.get_mut(&link.target) {
                    sources.remove(id);
                }
            }
            for link in good.bodies[*id]
                .links
                .iter()
                .filter(|l| l.fragment.is_some())
            {
                good.linked_from
                    .entry(link.target.clone())
                    .or_default()
                    .insert(*id);
            }
            let targets = good.bodies[*id]
                .targets
                .iter()
                .map(|t| (t.clone(), target_of(t, by_file, &good.paths, files)))
                .collect();
            body_cache.insert(
                file.clone(),
                CachedBody {
                    text: Arc::clone(draft.body().0),
                    page_path: good.paths[*id].clone(),
                    targets,
                    body: Arc::clone(&good.bodies[*id]),
                },
            );
            if let Some(article_file) = articles.get_mut(file) {
                article_file.good = Some(draft.clone());
            }
        }
        *pending = Pending::default();
        changed.sort();
        clock.lap("text: commit");
        Some(Ok(Update {
            changed,
            removed: Vec::new(),
            rendered_pages: pages.len(),
            in_place: true,
        }))
    }

    /// Every article file's draft, reading front matter only for files not read yet.
    fn drafts(&mut self, config: &Config, problems: &mut Problems) -> Vec<Draft> {
        let unread: Vec<(&String, &mut ArticleFile)> = self
            .articles
            .iter_mut()
            .filter(|(_, f)| f.read.is_none())
            .collect();
        // A staged build reads each file once and is never rebuilt: the text goes as soon as
        // its draft holds the body.
        let keep_text = self.staging.is_none();
        unread.into_par_iter().for_each(|(path, file)| {
            file.parse(path, config);
            if !keep_text {
                file.text = String::new();
            }
        });
        let mut drafts = Vec::with_capacity(self.articles.len());
        for file in self.articles.values_mut() {
            // Nor does it keep the drafts, for the same reason.
            let read = match keep_text {
                true => file.read.clone(),
                false => file.read.take(),
            };
            match read.expect("read above") {
                Ok(draft) => drafts.push(draft),
                Err(errors) => {
                    for error in errors {
                        problems.error(error);
                    }
                }
            }
        }
        drafts
    }

    /// Each article's rendered Markdown: from the cache when its text, its page and the pages
    /// of everything it links to are unchanged; rendered anew (in parallel) otherwise. With
    /// `markdown` (every article's, by id, taken out of the model), each text is dropped as
    /// soon as its body is made; without, the model's are read.
    fn bodies(
        &mut self,
        dossier: &Dossier,
        markdown: Option<Vec<Arc<str>>>,
        paths: &[String],
        by_file: &AHashMap<&str, usize>,
    ) -> Vec<Arc<Rendered>> {
        let files = &self.files;
        let page_of = |target: &str| target_of(target, by_file, paths, files);
        let has_file = |file: &str| files.contains_key(file);
        let cached: Vec<Option<Arc<Rendered>>> = dossier
            .articles
            .iter()
            .enumerate()
            .map(|(id, article)| {
                let entry = self.body_cache.get(&article.file)?;
                let valid = Arc::ptr_eq(&entry.text, &article.body)
                    && entry.page_path == paths[id]
                    && entry
                        .targets
                        .iter()
                        .all(|(target, page)| page_of(target) == *page);
                valid.then(|| Arc::clone(&entry.body))
            })
            .collect();
        let render = |id: usize, markdown: &str| {
            let body = render::render_body(
                dossier,
                paths,
                &|f| by_file.get(f).copied(),
                &has_file,
                id,
                markdown,
            );
            (id, Arc::new(body))
        };
        let fresh: Vec<(usize, Arc<Rendered>)> = match markdown {
            None => cached
                .par_iter()
                .enumerate()
                .filter(|(_, c)| c.is_none())
                .map(|(id, _)| render(id, &dossier.articles[id].body))
                .collect(),
            Some(markdown) => markdown
                .into_par_iter()
                .enumerate()
                .filter(|(id, _)| cached[*id].is_none())
                .map(|(id, markdown)| render(id, &markdown))
                .collect(),
        };
        let mut bodies = cached;
        for (id, body) in fresh {
            // A staged build never renders them again: see `drafts`.
            if self.staging.is_none() {
                let article = &dossier.articles[id];
                let targets = body
                    .targets
                    .iter()
                    .map(|t| (t.clone(), page_of(t)))
                    .collect();
                self.body_cache.insert(
                    article.file.clone(),
                    CachedBody {
                        text: Arc::clone(&article.body),
                        page_path: paths[id].clone(),
                        targets,
                        body: Arc::clone(&body),
                    },
                );
            }
            bodies[id] = Some(body);
        }
        let live: AHashSet<&str> = dossier.articles.iter().map(|a| a.file.as_str()).collect();
        self.body_cache
            .retain(|file, _| live.contains(file.as_str()));
        bodies
            .into_iter()
            .map(|b| b.expect("every body rendered"))
            .collect()
    }
}

/// What a link target of a body stands for: the page of an article, or the copy of a file of
/// `content/`; `None` when it does not exist. A cached body is valid while this is unchanged.
fn target_of<K: std::borrow::Borrow<str> + std::hash::Hash + Eq>(
    target: &str,
    by_file: &AHashMap<K, usize>,
    paths: &[String],
    files: &BTreeMap<String, PathBuf>,
) -> Option<String> {
    if target.ends_with(".md") {
        by_file.get(target).map(|&id| paths[id].clone())
    } else {
        files
            .contains_key(target)
            .then(|| urls::content_file(target))
    }
}

/// A page or a feed, rendered, or the problem that stopped it.
type Rendering = std::result::Result<(String, Contents), Diagnostic>;

/// Renders pages and feeds in one parallel pass, so that both cores stay busy.
/// Every language's search, and its files: `index.js` and the text shards.
fn build_search(
    renderer: &Renderer,
    staging: Option<&crate::output::Staging>,
) -> (Vec<Search>, Vec<(String, Contents)>) {
    let config = &renderer.dossier.config;
    let languages = config.languages.len();
    let ids: Vec<Vec<usize>> = (0..languages).map(|l| renderer.search_ids(l)).collect();
    let texts = SharedTexts::new(renderer, &ids);
    // Each language's search goes a batch at a time: its texts are made, its shards written
    // and its words indexed, then its texts go. The searches take turns, the one whose next
    // batch starts with the newest article first (each lists the dossier's articles newest
    // first, some left out), so that they go through the dossier together and a text that
    // several show is kept only from one's batch to the other's.
    let mut rank = vec![usize::MAX; renderer.dossier.articles.len()];
    for (at, &id) in renderer.newest_first().iter().enumerate() {
        rank[id] = at;
    }
    let mut indexes: Vec<search::Index> = (0..languages).map(|_| Default::default()).collect();
    let mut files: Vec<Vec<(String, Contents)>> = (0..languages).map(|_| Vec::new()).collect();
    let mut next = vec![0usize; languages];
    let stage = |path: String, text: String| {
        let contents = staged_or_kept(staging, &path, text);
        (path, contents)
    };
    while let Some(lang) = (0..languages)
        .filter(|&l| next[l] * search::BATCH < ids[l].len())
        .min_by_key(|&l| rank[ids[l][next[l] * search::BATCH]])
    {
        let language = &config.languages[lang];
        let batch = next[lang];
        next[lang] += 1;
        let all = &ids[lang];
        let batch_ids = &all[batch * search::BATCH..all.len().min((batch + 1) * search::BATCH)];
        let (docs, collect): (Vec<search::Doc>, Vec<bool>) = batch_ids
            .par_iter()
            .map(|&id| {
                let taken = texts.take(id);
                let mut doc = renderer.search_doc_with(lang, id, taken.text);
                doc.words = taken.words;
                (doc, taken.first)
            })
            .unzip();
        let first_shard = batch * search::BATCH / search::SHARD;
        files[lang].par_extend(
            docs.par_chunks(search::SHARD)
                .enumerate()
                .map(|(n, chunk)| {
                    let n = first_shard + n;
                    stage(
                        urls::search_file(language, &search::shard_file(n)),
                        search::shard(n, chunk.iter().map(|d| d.text.as_str())),
                    )
                }),
        );
        // The words of the texts that other searches show too, for them.
        for (at, words) in indexes[lang].extend(&docs, |at| collect[at]) {
            texts.give_words(batch_ids[at], words);
        }
    }
    let mut searches = Vec::with_capacity(languages);
    let mut all_files = Vec::new();
    for (lang, ((ids, index), mut language_files)) in
        ids.into_iter().zip(indexes).zip(files).enumerate()
    {
        language_files.push(stage(
            urls::search_file(&config.languages[lang], search::INDEX_FILE),
            index.script(),
        ));
        searches.push(Search { ids, index });
        all_files.append(&mut language_files);
    }
    debug_assert!(texts.kept.lock().expect("search texts").is_empty());
    (searches, all_files)
}

/// The plain texts of the bodies that the searches show: made once for an article that
/// several searches show, and kept with their distinct words (found by the first search that
/// indexes them) until the last of them takes it.
struct SharedTexts<'a> {
    renderer: &'a Renderer<'a>,
    /// How many searches show each article.
    shown_in: Vec<u8>,
    kept: Mutex<AHashMap<usize, Kept>>,
}

/// A text made and still to be taken, how many more times, and its words once found.
struct Kept {
    text: String,
    words: Option<String>,
    left: u8,
}

/// An article's text as one search takes it.
struct Taken {
    text: String,
    /// Its distinct words, when another search found them.
    words: Option<String>,
    /// The first of several searches to take it: its words are wanted (`give_words`).
    first: bool,
}

impl<'a> SharedTexts<'a> {
    fn new(renderer: &'a Renderer<'a>, ids: &[Vec<usize>]) -> SharedTexts<'a> {
        let mut shown_in = vec![0u8; renderer.dossier.articles.len()];
        for &id in ids.iter().flatten() {
            shown_in[id] = shown_in[id].saturating_add(1);
        }
        SharedTexts {
            renderer,
            shown_in,
            kept: Mutex::default(),
        }
    }

    /// The plain text of article `id`'s body, for one of the searches that show it.
    fn take(&self, id: usize) -> Taken {
        let make = || search::plain_text(&self.renderer.bodies[id].html);
        if self.shown_in[id] <= 1 {
            return Taken {
                text: make(),
                words: None,
                first: false,
            };
        }
        {
            let mut kept = self.kept.lock().expect("search texts");
            if let Some(shared) = kept.get_mut(&id) {
                shared.left -= 1;
                if shared.left == 0 {
                    let Kept { text, words, .. } = kept.remove(&id).expect("a kept text");
                    return Taken {
                        text,
                        words,
                        first: false,
                    };
                }
                return Taken {
                    text: shared.text.clone(),
                    words: shared.words.clone(),
                    first: false,
                };
            }
        }
        // Made outside the lock (one search takes an article's text once, so no other
        // thread makes it meanwhile).
        let text = make();
        let kept = Kept {
            text: text.clone(),
            words: None,
            left: self.shown_in[id] - 1,
        };
        self.kept.lock().expect("search texts").insert(id, kept);
        Taken {
            text,
            words: None,
            first: true,
        }
    }

    /// The distinct words of article `id`'s text, for the searches still to take it.
    fn give_words(&self, id: usize, words: String) {
        if let Some(shared) = self.kept.lock().expect("search texts").get_mut(&id) {
            shared.words = Some(words);
        }
    }
}

/// Whether an output path is a text shard in one of the search folders (`fr/recherche/`).
fn is_search_shard(folders: &[String], path: &str) -> bool {
    folders.iter().any(|folder| {
        path.strip_prefix(folder.as_str())
            .is_some_and(search::is_shard_file)
    })
}

fn render_outputs(
    renderer: &Renderer,
    path_of: &(dyn Fn(Page) -> String + Sync),
    pages: &[Page],
    feeds: &[Feed],
    staging: Option<&crate::output::Staging>,
) -> (Vec<Rendering>, Vec<(String, Contents)>) {
    let dossier = renderer.dossier;
    let config = &dossier.config;
    let feed_bodies: Vec<&str> = renderer.bodies.iter().map(|b| b.html.as_str()).collect();
    // Written at once when staging, so that no more than a page per thread is held.
    let contents = |path: &str, text: String| staged_or_kept(staging, path, text);
    rayon::join(
        || {
            pages
                .par_iter()
                .map(|&page| {
                    let path = path_of(page);
                    match staging {
                        Some(staging) => staging
                            .write_pieces(&path, |out| {
                                renderer.render_into(page, &path, &mut |piece| out(piece.bytes()))
                            })
                            .map(|()| (path, Contents::Staged)),
                        None => {
                            let mut gather = crate::output::Gather::default();
                            renderer
                                .render_into(page, &path, &mut |piece| match piece {
                                    Piece::Made(bytes) => gather.text(bytes),
                                    Piece::Kept(text) => gather.shared(text),
                                })
                                .map(|()| (path, gather.finish()))
                        }
                    }
                })
                .collect()
        },
        || {
            feeds
                .par_iter()
                .map(|&(lang, topic)| {
                    let language = &config.languages[lang];
                    let ids = dossier.newest(
                        dossier.written_in(lang, topic),
                        dossier.config.feeds.entries,
                    );
                    let path = match topic {
                        Some(t) => urls::topic_feed(language, &config.topics[t].key),
                        None => urls::feed(language),
                    };
                    let xml = feeds::atom(dossier, lang, topic, &ids, &feed_bodies);
                    let contents = contents(&path, xml);
                    (path, contents)
                })
                .collect()
        },
    )
}

/// A generated file: written into the staging folder at once when there is one, else kept.
fn staged_or_kept(staging: Option<&crate::output::Staging>, path: &str, text: String) -> Contents {
    match staging {
        Some(staging) => {
            staging.write(path, text.as_bytes());
            Contents::Staged
        }
        None => bytes(text),
    }
}

fn bytes(text: String) -> Contents {
    Contents::Bytes(text.into_bytes().into())
}

fn all_feeds(dossier: &Dossier) -> Vec<Feed> {
    let mut feeds = Vec::new();
    for lang in 0..dossier.config.languages.len() {
        feeds.push((lang, None));
        feeds.extend((0..dossier.config.topics.len()).map(|t| (lang, Some(t))));
    }
    feeds
}

/// What a change between two models makes stale.
#[derive(Default)]
struct Affected {
    pages: Vec<Page>,
    feeds: Vec<Feed>,
    /// Old page paths that may have gone.
    stale: Vec<String>,
    /// Pages appeared, went or changed their alternates or dates: the sitemap changes.
    structural: bool,
}

/// The pages and feeds that show anything of the articles that changed between two models.
/// An edit to an article's text alone touches its page and its feeds, and the lists only
/// when the summary they show (its first paragraph) changed.
fn affected(
    old: &Dossier,
    old_bodies: &[Arc<Rendered>],
    new: &Dossier,
    new_bodies: &[Arc<Rendered>],
) -> Affected {
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
                if same_article(&old.articles[o], article)
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
                    && old_bodies[o].first_paragraph != new_bodies[id].first_paragraph
                {
                    lists = true;
                    topics.extend(topic_keys(new, article));
                }
            }
            before => {
                // The sitemap shows URLs, dates and translations; titles and topics are not in it.
                affected.structural |= before.is_none_or(|&o| {
                    let was = &old.articles[o];
                    was.slug != article.slug
                        || was.lang != article.lang
                        || was.date != article.date
                        || was.updated != article.updated
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
    // The side-by-side views that show an article whose page changes: those of its group.
    let views: BTreeSet<Page> = articles
        .iter()
        .flat_map(|&id| pages::parallels_of(new, id))
        .collect();
    // The briefings print every article in full: any article that changed changes them.
    let briefings = lists || !articles.is_empty();
    affected.pages = articles.into_iter().map(Page::Article).collect();
    affected.pages.extend(views);
    if briefings {
        affected
            .pages
            .extend((0..config.languages.len()).map(Page::Briefing));
    }
    // The editors' status: a new mark, a new text, a new or gone version all show there.
    affected
        .pages
        .extend((0..config.languages.len()).map(Page::Status));
    if lists {
        let topic_indexes: Vec<usize> = topics.iter().filter_map(|key| config.topic(key)).collect();
        for lang in 0..config.languages.len() {
            affected.pages.push(Page::Home(lang));
            affected.pages.push(Page::Timeline(lang));
            affected.pages.push(Page::Search(lang));
            affected.pages.extend(
                topic_indexes
                    .iter()
                    .map(|&topic| Page::Topic { lang, topic }),
            );
        }
    }
    // Those of the kinds the site has.
    affected.pages.retain(|&page| pages::written(config, page));
    affected.feeds = feeds.into_iter().collect();
    affected
}

/// What the fast path changed in an article, to put back when the edit does not pass.
struct Undo {
    id: usize,
    body: Arc<str>,
    body_line: usize,
    title: String,
    summary: Option<String>,
    rendered: Arc<Rendered>,
}

impl Good {
    /// The output path of a page.
    fn paths_of(&self, page: Page) -> String {
        match page {
            Page::Article(id) => self.paths[id].clone(),
            other => pages::page_path(&self.dossier, other),
        }
    }
}

/// The feeds an article appears in: its language's, and its topics' in that language.
/// (Indexes are the same in both models: a config change rebuilds everything.)
fn feeds_of(article: &Article, feeds: &mut BTreeSet<Feed>) {
    feeds.insert((article.lang, None));
    feeds.extend(article.topics.iter().map(|&t| (article.lang, Some(t))));
}

/// What an article of the old model leaves stale: its page, its translations' pages, its topics.
fn mark_old<'a>(
    old: &'a Dossier,
    id: usize,
    new_ids: &AHashMap<&str, usize>,
    affected: &mut Affected,
    articles: &mut BTreeSet<usize>,
    topics: &mut BTreeSet<&'a str>,
) {
    affected
        .stale
        .push(pages::page_path(old, Page::Article(id)));
    // The views of its old group may go (a translation deleted, a slug changed).
    affected
        .stale
        .extend(pages::parallels_of(old, id).map(|view| pages::page_path(old, view)));
    topics.extend(topic_keys(old, &old.articles[id]));
    for other in old.group_of(id).existing() {
        if let Some(&now) = new_ids.get(old.articles[other].file.as_str()) {
            articles.insert(now);
        }
    }
}

/// The keys of an article's topics (keys, not indexes, to compare two models).
fn topic_keys<'a>(dossier: &'a Dossier, article: &'a Article) -> impl Iterator<Item = &'a str> {
    article
        .topics
        .iter()
        .map(|&t| dossier.config.topics[t].key.as_str())
}

/// The facts of an article that pages show (its body is compared separately).
fn same_article(a: &Article, b: &Article) -> bool {
    a.lang == b.lang
        && a.slug == b.slug
        && a.title == b.title
        && a.date == b.date
        && a.updated == b.updated
        && a.topics == b.topics
        && a.summary == b.summary
        && a.source == b.source
}

/// What differs between two outputs.
fn diff(before: &Output, after: &Output) -> Update {
    let changed = after
        .par_iter()
        .filter(|(path, contents)| before.get(*path) != Some(contents))
        .map(|(path, _)| path.to_string())
        .collect();
    let removed = before
        .keys()
        .filter(|path| !after.contains_key(*path))
        .map(|path| path.to_string())
        .collect();
    Update {
        changed,
        removed,
        rendered_pages: 0,
        in_place: false,
    }
}

/// Sorts a file the watcher saw into a change, or `None` for files the site does not use
/// (editor swap and temporary files, the output folder, anything else).
pub fn classify(root: &Path, path: &Path) -> Option<Change> {
    let relative = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let name = parts.last()?;
    if crate::source::is_editor_file(name) {
        return None;
    }
    let joined = parts.join("/");
    match parts.first()?.as_str() {
        CONFIG_FILE if parts.len() == 1 => Some(Change::Config),
        "content" if parts.len() > 1 => Some(Change::Content(joined)),
        "templates" if parts.len() > 1 => Some(Change::Template(joined)),
        "static" if parts.len() > 1 => Some(Change::Static(joined)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_site_files_and_ignores_editor_debris() {
        let root = Path::new("/site");
        let change = |p: &str| classify(root, &root.join(p));
        assert_eq!(change("config.toml"), Some(Change::Config));
        assert_eq!(
            change("content/a/x.fr.md"),
            Some(Change::Content("content/a/x.fr.md".into()))
        );
        assert_eq!(
            change("templates/base.html"),
            Some(Change::Template("templates/base.html".into()))
        );
        assert_eq!(
            change("static/img/a.png"),
            Some(Change::Static("static/img/a.png".into()))
        );
        for ignored in [
            "content/a/.x.fr.md.swp",
            "content/a/x.fr.md~",
            "content/a/.#x.fr.md",
            "content/a/#x.fr.md#",
            "content/a/4913",
            "public/index.html",
            "target/debug/dossier",
            "content",
            "README.md",
        ] {
            assert_eq!(change(ignored), None, "{ignored}");
        }
        assert_eq!(classify(root, Path::new("/elsewhere/config.toml")), None);
    }

    #[test]
    fn stylesheet_only_updates() {
        let css = Update {
            changed: vec!["assets/style.css".into(), "404.html".into()],
            ..Update::default()
        };
        assert!(css.stylesheets_only());
        let page = Update {
            changed: vec!["assets/style.css".into(), "fr/index.html".into()],
            ..Update::default()
        };
        assert!(!page.stylesheets_only());
        assert!(!Update::default().stylesheets_only());
    }
}
