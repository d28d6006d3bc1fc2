//! The general rebuild: the model assembled again from the cached front matter, the bodies
//! rendered again when what they depend on changed, then the pages that show what changed.

use std::sync::Arc;

use ahash::{AHashMap, AHashSet};
use rayon::prelude::*;

use super::copies;
use super::{
    Affected, ArticleFile, Engine, Files, Good, LinkedFrom, Output, Pending, Search, Update,
    build_search, bytes, diff, is_search_shard, render_outputs,
};
use crate::config::{CONFIG_FILE, Config, line_of_key, normalize_base_url};
use crate::error::{Diagnostic, Error, Problems, Result};
use crate::model::SourceFile;
use crate::model::{Dossier, Draft};
use crate::output::Contents;
use crate::render::feeds;
use crate::render::highlight;
use crate::render::markdown::Rendered;
use crate::render::mentions::Finder;
use crate::render::redirects;
use crate::render::templates::Templates;
use crate::render::{self, ActorIndex, EntryCache, Renderer};
use crate::site::pages::{self, ActorCounts, Page};
use crate::site::urls;

impl Engine {
    pub(super) fn rebuild(&mut self) -> Result<Update> {
        let mut problems = Problems::default();
        let result = self.try_rebuild(&mut problems);
        crate::error::sort(&mut problems.warnings);
        self.warnings = problems.warnings;
        result
    }

    pub(super) fn try_rebuild(&mut self, problems: &mut Problems) -> Result<Update> {
        if let Some(result) = self.in_place(problems) {
            return result;
        }
        let everything = self.good.is_none() || self.pending.config;
        let (config, mut dossier) = self.model(everything, problems)?;
        // The actors' automata: the last good build's while the config is the same.
        let finder = match (&self.good, everything) {
            (Some(good), false) => Arc::clone(&good.finder),
            _ => Arc::new(Finder::new(&dossier.config)),
        };
        // Article files left out of the model by errors (their own, or their original's):
        // links to them are not errors of their own. Drafts are left out on purpose.
        let in_model: AHashSet<&str> = dossier.articles.iter().map(|a| a.file.as_str()).collect();
        let unread: AHashSet<String> = self
            .articles
            .iter()
            .filter(|(path, file)| {
                let draft = matches!(&file.read, Some(Ok(draft)) if draft.is_draft());
                !in_model.contains(path.as_str()) && !draft
            })
            .map(|(path, _)| path.clone())
            .collect();
        let mut clock = crate::timings::Clock::start();
        let compiled = self.templates_and_highlight(&config, everything);
        if !problems.errors.is_empty() || compiled.is_err() {
            // Something is wrong already: the bodies' problems are gathered with it, nothing
            // is rendered, nothing is kept.
            if let Err(Error::Site(errors)) = compiled {
                problems.errors.extend(errors);
            } else if let Err(error) = compiled {
                return Err(error);
            }
            let paths = pages::article_paths(&dossier);
            let by_file = pages::ids_by_file(&dossier);
            let bodies = self.bodies(&dossier, None, &paths, &by_file, &unread, &finder);
            for problem in render::check_links(&dossier, &bodies, &by_file) {
                problems.error(problem);
            }
            return Err(problems
                .check()
                .err()
                .unwrap_or_else(|| Error::Site(Vec::new())));
        }
        let (templates, highlight_css) = compiled?;

        // Render: bodies first (cached when nothing they depend on changed), then pages.
        clock.lap("templates");
        // A staged build renders each body once (see `drafts`): its Markdown goes with it.
        let markdown = self.staging.is_some().then(|| dossier.take_markdown());
        let paths = pages::article_paths(&dossier);
        let by_file = pages::ids_by_file(&dossier);
        clock.lap("paths");
        let bodies = self.bodies(
            &dossier,
            markdown,
            &paths,
            &by_file,
            &AHashSet::new(),
            &finder,
        );
        clock.lap("bodies");
        // The actors each article names: how many pages each actor's takes.
        let actors = Arc::new(ActorIndex::new(&dossier, &bodies, &finder));
        let actor_counts = actors.counts(&dossier);
        clock.lap("actors");
        // Broken links do not stop the build here: the pages are rendered all the same, so that
        // one run reports every problem (links from the root are checked against the output).
        for problem in render::check_links(&dossier, &bodies, &by_file) {
            problems.error(problem);
        }
        for warning in render::body_warnings(&dossier, &bodies) {
            problems.warn(warning);
        }
        let by_file: AHashMap<String, usize> = by_file
            .into_iter()
            .map(|(file, id)| (file.to_string(), id))
            .collect();
        let all_pages = everything || self.pending.templates;
        clock.lap("check_links");
        let affected = self.affected_by(&dossier, &bodies, (&actors, &actor_counts), all_pages);
        // A staged build is never rebuilt: its cache keeps only what the build itself reuses.
        let entries = match self.staging {
            Some(_) => EntryCache::one_shot(),
            None => EntryCache::default(),
        };
        let site_files = super::site_files(&self.statics, &self.files);
        let mut renderer = Renderer::new(&dossier, &paths, &bodies, &templates, &entries)
            .with_actor_index(Arc::clone(&actors))
            .with_site_files(&site_files);
        if let Some(reading) = &affected.reading {
            renderer = renderer.with_reading_paths(Arc::clone(reading));
        }
        clock.lap("affected");
        let (fresh, search) = self.generate(
            &renderer,
            &affected,
            &actor_counts,
            &templates,
            &highlight_css,
            problems,
        )?;
        let reading = renderer.reading_arc();

        // Static files never overwrite generated ones.
        clock.lap("robots etc");
        let other_pages: Vec<String> = pages::all(&dossier, &actor_counts)
            .into_iter()
            .filter(|p| !matches!(p, Page::Article(_)))
            .map(|p| pages::page_path(&dossier, p))
            .collect();
        let all_page_paths: AHashSet<&str> = paths
            .iter()
            .chain(&other_pages)
            .map(String::as_str)
            .collect();
        copies::check_aliases(&dossier, &paths, &all_page_paths, problems);
        let statics = self.statics(&fresh, &all_page_paths, &config, problems);

        // The new output: the old one with the fresh files, without what no longer exists.
        clock.lap("statics");
        let previous: Arc<Output> = self
            .good
            .as_ref()
            .map(|g| Arc::clone(&g.output))
            .unwrap_or_default();
        let output = next_output(
            &previous,
            &config,
            all_pages,
            &all_page_paths,
            &affected,
            fresh,
            statics,
        );
        check_links_from_root(&dossier, &bodies, &output, problems);
        problems.check()?;

        clock.lap("output");
        let update = diff(&previous, &output);
        for (path, file) in self.articles.iter_mut() {
            if everything || self.pending.content.contains(path) || file.good.is_none() {
                file.good = file.read.as_ref().and_then(|r| r.as_ref().ok()).cloned();
            }
        }
        self.good = Some(Good {
            config,
            templates,
            highlight_css,
            linked_from: LinkedFrom::of(&bodies),
            dossier,
            bodies,
            output: Arc::new(output),
            paths,
            by_file,
            entries,
            search,
            reading,
            actors,
            actor_counts,
            finder,
        });
        self.pending = Pending::default();
        Ok(Update {
            rendered_pages: affected.pages.len(),
            ..update
        })
    }

    /// The model: the configuration (read again when it changed), each article's front matter
    /// (cached per file), then pairs.
    fn model(&mut self, everything: bool, problems: &mut Problems) -> Result<(Config, Dossier)> {
        let config = if everything {
            let mut config =
                Config::parse_site(&self.config_text, self.actors_text.as_deref(), problems);
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
        let dossier = Dossier::from_drafts(config.clone(), drafts, self.options.drafts, problems);
        // Errors in the articles do not stop here: their links and the templates are checked
        // too, so that one run reports every problem (see `try_rebuild`).
        clock.lap("model");
        Ok((config, dossier))
    }

    /// The compiled templates and the highlighting stylesheet: the last good build's unless
    /// what they are made from changed.
    fn templates_and_highlight(
        &self,
        config: &Config,
        everything: bool,
    ) -> Result<(Arc<Templates>, String)> {
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
        Ok((templates, highlight_css))
    }

    /// Every generated file the change affects: pages and feeds, the sitemap and the search
    /// index made at the same time (each has parts that run on one thread, which the others
    /// fill), then the files written by code. A staging build has them written already.
    fn generate(
        &self,
        renderer: &Renderer,
        affected: &Affected,
        actor_counts: &ActorCounts,
        templates: &Templates,
        highlight_css: &str,
        problems: &mut Problems,
    ) -> Result<(Files, Vec<Search>)> {
        let mut clock = crate::timings::Clock::start();
        let dossier = renderer.dossier;
        let config = &dossier.config;
        let staging = self.staging.as_deref();
        let ((rendered, feed_files), (sitemaps, (search, search_files))) = rayon::join(
            || {
                render_outputs(
                    renderer,
                    &|page| pages::page_path(dossier, page),
                    &affected.pages,
                    &affected.feeds,
                    staging,
                )
            },
            || {
                rayon::join(
                    || match affected.structural {
                        true => feeds::sitemaps(dossier, &pages::all(dossier, actor_counts)),
                        false => Vec::new(),
                    },
                    || match config.outputs.search {
                        true => build_search(renderer, staging),
                        false => Default::default(),
                    },
                )
            },
        );
        clock.lap("pages, feeds, sitemap, search");
        let mut fresh: Files = Vec::with_capacity(rendered.len() + 16);
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
        fresh.push(("robots.txt".into(), bytes(feeds::robots(dossier))));
        // Pages at old addresses: a few bytes each, made again every time.
        let (redirect_files, clashes) = redirects::redirects(dossier);
        for clash in clashes {
            problems.error(clash);
        }
        fresh.extend(
            redirect_files
                .into_iter()
                .map(|(path, html)| (path, bytes(html))),
        );
        fresh.push((".nojekyll".into(), bytes(String::new())));
        if let Some(domain) = self.cname(config.custom_domain.as_deref(), &config.base_url) {
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
            bytes(highlight_css.to_string()),
        ));
        if let Some(staging) = &self.staging {
            fresh.par_iter_mut().for_each(|(path, contents)| {
                if let Some(bytes) = contents.in_memory() {
                    staging.write(path, &bytes);
                    *contents = Contents::Staged;
                }
            });
        }
        Ok((fresh, search))
    }

    /// Every article file's draft, reading front matter only for files not read yet.
    pub(super) fn drafts(&mut self, config: &Config, problems: &mut Problems) -> Vec<Draft> {
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
}

/// The new output: the previous one (none when every page was rendered) with the fresh files,
/// without what no longer exists: old pages that went (not those that are still pages), sitemap
/// parts and search shards that may now be fewer, copies of files that went.
fn next_output(
    previous: &Output,
    config: &Config,
    all_pages: bool,
    page_paths: &AHashSet<&str>,
    affected: &Affected,
    fresh: Files,
    statics: Files,
) -> Output {
    let mut output: Output = match all_pages {
        true => Output::new(),
        false => previous.clone(),
    };
    for path in &affected.stale {
        if !page_paths.contains(path.as_str()) {
            output.remove(path.as_str());
        }
    }
    if affected.structural {
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
            !matches!(contents, Contents::Copy(..)) || copies.contains(&**path)
        });
    }
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
    output
}

/// Links written from the root of the site (`/img/a.png`), against the whole new output.
fn check_links_from_root(
    dossier: &Dossier,
    bodies: &[Arc<Rendered>],
    output: &Output,
    problems: &mut Problems,
) {
    let mut site_problems = Vec::new();
    for (article, body) in dossier.articles.iter().zip(bodies) {
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
}
