//! The site kept in memory, rebuilt by the smallest step a change needs.
//!
//! `dossier build` uses it once; `dossier serve` and `build --watch` keep it and feed it the
//! changes the watcher sees. An edit to one article re-reads that file only, re-renders its
//! Markdown (and that of articles whose links it affects), and re-renders the pages that show
//! it: its own, its translations', its topics' pages, the homes, the feeds and the sitemap. A
//! template change re-renders every page from the cached Markdown; `config.toml` rebuilds all.
//! A failed rebuild keeps the last good site and remembers what is still to be redone.

mod affected;
mod bodies;
mod change;
mod copies;
mod in_place;
mod outputs;
mod rebuild;
mod searches;
mod sources;

pub use change::{Change, Update, classify};

use affected::{Affected, Feed, feeds_of, list_pages_around, pages_showing};
use bodies::{CachedBody, target_of};
use change::diff;
use outputs::{bytes, render_outputs, staged_or_kept};
use searches::{Search, build_search, is_search_shard};
use sources::ArticleFile;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ahash::AHashMap;

use crate::config::Config;
use crate::error::{Diagnostic, Error, Problems, Result};
use crate::model::{Dossier, SiteSources};
use crate::output::Contents;
use crate::render::markdown::Rendered;
use crate::render::mentions::Finder;
use crate::render::templates::Templates;
use crate::render::{ActorIndex, EntryCache, Renderer};
use crate::site::pages;
use crate::source;

/// What a build (or the preview, `check`, `status`) was asked to do, free of any command-line
/// type.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `public/` under the root.
    pub output_dir: Option<PathBuf>,
    /// Overrides `base_url` from the config.
    pub base_url: Option<String>,
    pub drafts: bool,
}

/// The site root as text, and its configuration read: what a command that reads the site
/// without building it starts from (`dossier status`, `dossier import`).
pub fn read_sources(root: &Path, problems: &mut Problems) -> Result<(SiteSources, Config)> {
    let sources = source::load(root, problems)?;
    let config = Config::parse_site(&sources.config, sources.actors.as_deref(), problems);
    problems.check()?;
    let config = config.ok_or_else(|| Error::Site(Vec::new()))?;
    Ok((sources, config))
}

/// The model of the site at `options.root`, without rendering anything (`dossier status`).
pub fn read_model(options: &BuildOptions, problems: &mut Problems) -> Result<Dossier> {
    let (sources, config) = read_sources(&options.root, problems)?;
    let dossier = Dossier::assemble(config, &sources.articles, options.drafts, problems);
    problems.check()?;
    Ok(dossier)
}

/// Generated files, each with its output path.
type Files = Vec<(String, Contents)>;

/// The generated site: output path → contents. Keys are shared strings, so that copying the
/// map (the server may still be reading the previous one) allocates nothing per file.
pub type Output = BTreeMap<Arc<str>, Contents>;

/// The last build that succeeded.
struct Good {
    config: Config,
    /// The actors' automata of this config, reused by the edits that keep it.
    finder: Arc<Finder>,
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
    linked_from: LinkedFrom,
    /// Rendered list entries of unchanged articles.
    entries: EntryCache,
    /// Each language's search, for edits in place.
    search: Vec<Search>,
    /// Every article's reading paths (`model::reading`): kept while the model is, compared
    /// with the next model's to find the pages whose links changed.
    reading: Arc<Vec<crate::model::reading::Paths>>,
    /// The actors each article names, and how many articles each actor's pages list: an
    /// edit reads again only the articles it changed.
    actors: Arc<ActorIndex>,
    actor_counts: pages::ActorCounts,
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
    /// `actors.toml`, when the site has one.
    actors_text: Option<String>,
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
        Ok(Engine::open_loaded(
            options,
            sources,
            problems.errors,
            staging,
        ))
    }

    /// Like [`Engine::open_staged`], from the site root read already (`source::load`) and
    /// the files it could not read (not UTF-8: errors of the first build).
    pub fn open_loaded(
        options: &BuildOptions,
        sources: SiteSources,
        unreadable: Vec<Diagnostic>,
        staging: Option<Arc<crate::output::Staging>>,
    ) -> (Engine, Result<Update>) {
        let mut engine = Engine {
            root: options.root.clone(),
            options: options.clone(),
            config_text: sources.config,
            actors_text: sources.actors,
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
        let result = if unreadable.is_empty() {
            engine.rebuild()
        } else {
            Err(Error::Site(unreadable))
        };
        (engine, result)
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
                    good.dossier
                        .articles
                        .iter()
                        .filter(|a| a.lang == l && !a.is_page())
                        .count(),
                )
            })
            .collect()
    }

    /// Reference pages (all languages) of the last good build.
    pub fn reference_pages(&self) -> usize {
        self.good.as_ref().map_or(0, |good| {
            good.dossier.articles.iter().filter(|a| a.is_page()).count()
        })
    }

    /// One warning per article of the last good build that lacks a translation.
    pub fn missing_translations(&self) -> Vec<Diagnostic> {
        self.good
            .as_ref()
            .map(|g| g.dossier.missing_translations())
            .unwrap_or_default()
    }

    /// `dossier check`'s warnings about the actors of the last good build: those no article
    /// names, and names that look like actors' and are not declared.
    pub fn actor_warnings(&self) -> Vec<Diagnostic> {
        let Some(good) = &self.good else {
            return Vec::new();
        };
        Renderer::new(
            &good.dossier,
            &good.paths,
            &good.bodies,
            &good.templates,
            &good.entries,
        )
        .with_actor_index(Arc::clone(&good.actors))
        .actor_warnings()
    }

    /// The base URL of the last good build (after `--base-url`).
    pub fn base_url(&self) -> Option<&str> {
        self.good.as_ref().map(|g| g.config.base_url.as_str())
    }

    /// The HTML pages of the last good build (its e-books are files, not pages).
    pub fn page_count(&self) -> usize {
        self.good
            .as_ref()
            .map(|g| {
                let all = pages::all(&g.dossier, &g.actor_counts);
                all.iter()
                    .filter(|p| !matches!(p, pages::Page::Ebook(_)))
                    .count()
            })
            .unwrap_or(0)
    }
}

/// For each article file, the articles whose links point at one of its headings: when its
/// text changes, their links are checked again. Built by full rebuilds, kept up to date by
/// edits in place, from one rule: the links of a body that name a heading.
#[derive(Default)]
struct LinkedFrom(AHashMap<String, BTreeSet<usize>>);

impl LinkedFrom {
    fn of(bodies: &[Arc<Rendered>]) -> LinkedFrom {
        let mut linked = LinkedFrom::default();
        for (id, body) in bodies.iter().enumerate() {
            linked.add(id, body);
        }
        linked
    }

    /// The articles that link to a heading of `file`.
    fn to(&self, file: &str) -> impl Iterator<Item = usize> + '_ {
        self.0.get(file).into_iter().flatten().copied()
    }

    fn add(&mut self, id: usize, body: &Rendered) {
        for target in to_headings(body) {
            self.0.entry(target.clone()).or_default().insert(id);
        }
    }

    fn remove(&mut self, id: usize, body: &Rendered) {
        for target in to_headings(body) {
            if let Some(sources) = self.0.get_mut(target) {
                sources.remove(&id);
            }
        }
    }
}

/// The files a body links to a heading of.
fn to_headings(body: &Rendered) -> impl Iterator<Item = &String> {
    body.links
        .iter()
        .filter(|l| l.fragment.is_some())
        .map(|l| &l.target)
}

/// Reads a file the site copies by its path in the output (`static/`'s, or one beside the
/// articles): what the e-books hold of the pictures their articles show.
fn site_files<'a>(
    statics: &'a BTreeMap<String, PathBuf>,
    files: &'a BTreeMap<String, PathBuf>,
) -> impl Fn(&str) -> Option<Vec<u8>> + Sync + 'a {
    let by_output: AHashMap<String, &PathBuf> = files
        .iter()
        .map(|(file, source)| (crate::site::urls::content_file(file), source))
        .collect();
    move |path: &str| {
        let source = statics.get(path).or_else(|| by_output.get(path).copied())?;
        crate::source::read(source).ok()
    }
}
