//! The fast path for the usual edit while writing: the text, title or summary of existing
//! articles changed and nothing else. The model is left as it is; the new text is swapped into
//! the last good build, checked, and only the pages that show it are rendered.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;

use ahash::AHashSet;
use rayon::prelude::*;

use super::{
    ArticleFile, CachedBody, Engine, Feed, Files, Good, Pending, Update, bytes, feeds_of,
    list_pages_around, pages_showing, render_outputs, target_of,
};
use crate::error::{Diagnostic, Problems, Result};
use crate::model::Draft;
use crate::model::reading::Paths;
use crate::render::markdown::Rendered;
use crate::render::search;
use crate::render::{self, ActorIndex, Renderer};
use crate::site::pages::Page;
use crate::site::urls;

/// What the fast path changed in an article, to put back when the edit does not pass.
pub(super) struct Undo {
    pub(super) id: usize,
    pub(super) body: Arc<str>,
    pub(super) body_line: usize,
    pub(super) title: String,
    pub(super) summary: Option<String>,
    pub(super) rendered: Arc<Rendered>,
}

impl Engine {
    /// The fast path for the usual edit while writing: the text of existing articles changed
    /// and nothing else in them. The model is left as it is; the new bodies are swapped into
    /// the last good build, checked, and their pages re-rendered. `None` when the edit is of
    /// another kind (the general path then handles it).
    pub(super) fn in_place(&mut self, problems: &mut Problems) -> Option<Result<Update>> {
        let mut clock = crate::timings::Clock::start();
        let Engine {
            good,
            articles,
            files,
            statics,
            pending,
            body_cache,
            warnings,
            ..
        } = self;
        let good = good.as_mut()?;
        if pending.config || pending.templates || pending.statics || pending.content.is_empty() {
            return None;
        }
        let edits = text_edits(good, articles, pending)?;
        if edits.is_empty() {
            *pending = Pending::default();
            return Some(Ok(Update::default()));
        }

        // Swap the new text in, remembering the old one in case it does not pass.
        let undo = good.swap_in(&edits);
        let mut diagnostics = good.render_edited(&edits, files);
        clock.lap("text: bodies and links");
        // The actors the edited articles name, read again. When an actor's pages would come
        // or go, the general path takes the edit (the sitemap lists them).
        let edited: Vec<usize> = undo.iter().map(|before| before.id).collect();
        let actors =
            Arc::new(
                good.actors
                    .with_edited(&good.dossier, &good.bodies, &good.finder, &edited),
            );
        if actors.counts(&good.dossier) != good.actor_counts {
            good.put_back(undo);
            return None;
        }
        clock.lap("text: actors");

        // The reading paths do not depend on titles (a day's articles are taken in file
        // order): they stay, and the pages that lead to a retitled article show its new title.
        let reading = Arc::clone(&good.reading);
        let (pages, feeds) = good.showing(&undo, &reading, &actors);
        good.forget_entries(&undo, &actors);
        let site_files = super::site_files(statics, files);
        let renderer = Renderer::new(
            &good.dossier,
            &good.paths,
            &good.bodies,
            &good.templates,
            &good.entries,
        )
        .with_reading_paths(Arc::clone(&reading))
        .with_actor_index(Arc::clone(&actors))
        .with_site_files(&site_files);
        let (rendered, feed_files) =
            render_outputs(&renderer, &|page| good.paths_of(page), &pages, &feeds, None);
        let mut written: Files = feed_files;
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
            good.put_back(undo);
            for diagnostic in diagnostics {
                if !problems.errors.contains(&diagnostic) {
                    problems.error(diagnostic);
                }
            }
            return Some(problems.check().map(|()| Update::default()));
        }
        clock.lap("text: pages and feeds");
        let (search_files, gone) = good.update_search(&search_docs);
        written.extend(search_files);
        clock.lap("text: search");

        // Commit: output, link index, caches.
        good.reading = reading;
        good.actors = actors;
        let output = Arc::make_mut(&mut good.output);
        let mut changed = Vec::new();
        for (path, contents) in written {
            if output.get(path.as_str()) != Some(&contents) {
                output.insert(Arc::from(path.as_str()), contents);
                changed.push(path);
            }
        }
        // The chunks of words that went (their words now in another).
        let mut removed = Vec::new();
        for path in gone {
            if output.remove(path.as_str()).is_some() {
                removed.push(path);
            }
        }
        for ((id, draft), before) in edits.iter().zip(&undo) {
            let file = &good.dossier.articles[*id].file;
            good.linked_from.remove(*id, &before.rendered);
            good.linked_from.add(*id, &good.bodies[*id]);
            let targets = good.bodies[*id]
                .targets
                .iter()
                .map(|t| (t.clone(), target_of(t, &good.by_file, &good.paths, files)))
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
        // The edited bodies' warnings replace theirs; the others stay. They are the run's
        // warnings, which become the engine's (`Engine::rebuild`).
        let edited: AHashSet<&str> = edits
            .iter()
            .map(|(id, _)| good.dossier.articles[*id].file.as_str())
            .collect();
        problems.warnings.extend(
            warnings
                .iter()
                .filter(|w| !edited.contains(w.file.as_str()))
                .cloned(),
        );
        for (id, _) in &edits {
            for (line, message) in &good.bodies[*id].warnings {
                let file = &good.dossier.articles[*id].file;
                problems
                    .warnings
                    .push(Diagnostic::at(file, *line, message.clone()));
            }
        }
        *pending = Pending::default();
        changed.sort();
        clock.lap("text: commit");
        Some(Ok(Update {
            changed,
            removed,
            rendered_pages: pages.len(),
            in_place: true,
        }))
    }
}

/// The pending article files as edits of their text alone (article id, new draft; unchanged
/// files left out), or `None` when any change is of another kind: a file added, gone, not
/// read, or changed in more than its body, title and summary.
fn text_edits(
    good: &Good,
    articles: &mut BTreeMap<String, ArticleFile>,
    pending: &Pending,
) -> Option<Vec<(usize, Draft)>> {
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
    Some(edits)
}

impl Good {
    /// Puts the edited text into the model; what it replaced, to put back if the edit fails.
    fn swap_in(&mut self, edits: &[(usize, Draft)]) -> Vec<Undo> {
        let mut undo = Vec::with_capacity(edits.len());
        for (id, draft) in edits {
            let article = &mut self.dossier.articles[*id];
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
                rendered: Arc::clone(&self.bodies[*id]),
            });
        }
        undo
    }

    /// Puts back what [`Good::swap_in`] replaced: the last good build as it was.
    fn put_back(&mut self, undo: Vec<Undo>) {
        for before in undo {
            self.entries.forget(before.id);
            let article = &mut self.dossier.articles[before.id];
            article.body = before.body;
            article.body_line = before.body_line;
            article.title = before.title;
            article.summary = before.summary;
            self.bodies[before.id] = before.rendered;
        }
    }

    /// Renders the edited articles' bodies, then checks their links, those of the articles
    /// that link to their headings, and their links from the root (against the last output:
    /// an edit of text leaves the set of output files as it is).
    fn render_edited(
        &mut self,
        edits: &[(usize, Draft)],
        files: &BTreeMap<String, PathBuf>,
    ) -> Vec<Diagnostic> {
        let by_file = &self.by_file;
        let lookup = |file: &str| by_file.get(file).copied();
        let has_file = |file: &str| files.contains_key(file);
        let around = render::Bodies {
            dossier: &self.dossier,
            paths: &self.paths,
            lookup: &lookup,
            has_file: &has_file,
            unread: &|_| false,
            finder: &self.finder,
        };
        let fresh: Vec<(usize, Rendered)> = edits
            .par_iter()
            .map(|(id, _)| {
                let markdown = &self.dossier.articles[*id].body;
                (*id, render::render_body(&around, *id, markdown))
            })
            .collect();
        for (id, body) in fresh {
            self.bodies[id] = Arc::new(body);
        }
        let mut checked: BTreeSet<usize> = edits.iter().map(|(id, _)| *id).collect();
        for (id, _) in edits {
            checked.extend(self.linked_from.to(&self.dossier.articles[*id].file));
        }
        let mut diagnostics = Vec::new();
        for id in checked {
            render::check_article_links(&self.dossier, &self.bodies, &lookup, id, &mut diagnostics);
        }
        for (id, _) in edits {
            render::check_site_links(
                &self.dossier.articles[*id].file,
                &self.bodies[*id],
                &|path| self.output.contains_key(path),
                &mut diagnostics,
            );
        }
        diagnostics
    }

    /// Forgets the cached entries of the edited articles; and, since every version's briefing
    /// section lists the actors its group names in the order its versions name them, those of
    /// the versions of an article whose actors changed.
    fn forget_entries(&self, undo: &[Undo], actors: &ActorIndex) {
        for before in undo {
            self.entries.forget(before.id);
            if !self.actors.names_alike(actors, before.id) {
                for version in self.dossier.group_of(before.id).existing() {
                    self.entries.forget(version);
                }
            }
        }
    }

    /// The pages and feeds that show the edited articles: their own pages and feeds; their
    /// translations' pages and the lists when a title or a shown summary (or the first
    /// paragraph standing for it) changed; the briefings that print them.
    fn showing(
        &self,
        undo: &[Undo],
        reading: &[Paths],
        actors: &ActorIndex,
    ) -> (Vec<Page>, Vec<Feed>) {
        let mut lists: BTreeSet<usize> = BTreeSet::new();
        let mut figured: BTreeSet<usize> = BTreeSet::new();
        let mut listed = false;
        let mut feeds: BTreeSet<Feed> = BTreeSet::new();
        let mut articles: BTreeSet<usize> = BTreeSet::new();
        for before in undo {
            let article = &self.dossier.articles[before.id];
            articles.insert(before.id);
            feeds_of(article, &mut feeds);
            let shown_summary_changed = article.summary != before.summary
                || (article.summary.is_none()
                    && before.rendered.own_summary() != self.bodies[before.id].own_summary());
            if article.title != before.title || shown_summary_changed {
                // The homes, timelines and search pages list it (a reference page: the
                // search pages alone, and no topic).
                listed = true;
                lists.extend(article.topics.iter().copied());
            }
            if article.title != before.title {
                articles.extend(self.dossier.group_of(before.id).existing());
                // Its figures, gathered on the first page of each of its topics, lead to it
                // by its title.
                if !article.figures.is_empty() {
                    figured.extend(article.topics.iter().copied());
                }
            }
        }
        // The pages whose reading paths lead to a retitled article show its title.
        let retitled: Vec<usize> = undo
            .iter()
            .filter(|b| self.dossier.articles[b.id].title != b.title)
            .map(|b| b.id)
            .collect();
        if !retitled.is_empty() {
            for (id, paths) in reading.iter().enumerate() {
                if paths.targets().any(|t| retitled.contains(&t)) {
                    articles.insert(id);
                }
            }
        }
        // The briefings that print an edited article; and, since a briefing lists with each
        // article the actors its whole group names, those that print a version of one whose
        // actors changed.
        let briefings = (0..self.config.languages.len()).filter(|&lang| {
            undo.iter().any(|b| {
                let regrouped = !self.actors.names_alike(actors, b.id);
                let mut versions = self.dossier.group_of(b.id).existing();
                match regrouped {
                    true => versions.any(|v| self.dossier.is_shown(v, lang)),
                    false => self.dossier.is_shown(b.id, lang),
                }
            })
        });
        // The pages of the actors the edited articles' groups name, before or after: they list
        // the articles, and count the actors named together.
        let mut named = Vec::new();
        for before in undo {
            let versions = || self.dossier.group_of(before.id).existing();
            named.extend(self.actors.named_by(versions()));
            named.extend(actors.named_by(versions()));
        }
        named.sort_unstable();
        named.dedup();
        let shown_actors = (&self.actor_counts, Some(&named[..]));
        let mut pages = pages_showing(&self.dossier, articles, briefings, None, shown_actors);
        for lang in self.config.lang_ids() {
            pages.extend(figured.iter().map(|&t| Page::Topic {
                lang,
                topic: crate::config::TopicId(t),
                page: 1,
            }));
        }
        if listed {
            // Dates and files are the same: no article moves (a day's are in file order), and
            // only the pages of the lists that hold it change.
            let edited: Vec<usize> = undo.iter().map(|b| b.id).collect();
            pages.extend(list_pages_around(&self.dossier, &edited, &lists));
        }
        (pages, feeds.into_iter().collect())
    }

    /// The search of each language that shows an edited article: its entry and words
    /// replaced in the kept index, and the files to write again (the index, the chunks of
    /// words the edit changed, and the shards that hold the articles); with them, the
    /// chunks of words that went.
    fn update_search(
        &mut self,
        docs: &[(usize, usize, String, search::Doc)],
    ) -> (Files, Vec<String>) {
        let mut written = Vec::new();
        let mut gone = Vec::new();
        let mut clock = crate::timings::Clock::start();
        for (lang, state) in self.search.iter_mut().enumerate() {
            let language = &self.config.languages[lang];
            let mut shards = BTreeSet::new();
            for (at, old_text, doc) in docs
                .iter()
                .filter(|(l, ..)| *l == lang)
                .map(|(_, at, old, doc)| (*at, old, doc))
            {
                state.index.replace(at, old_text, doc);
                shards.insert(at / search::DOC_SHARD);
            }
            if shards.is_empty() {
                continue;
            }
            clock.lap("search: words");
            // The index and the chunks of words the edit changed: a word's chunk, and no
            // other (their limits are the words', see `search::CHUNK_BYTES`).
            let (files, went) = state.index.changed_files();
            clock.lap("search: chunks");
            gone.extend(went.iter().map(|name| urls::search_file(language, name)));
            written.extend(
                files
                    .into_iter()
                    .map(|(name, text)| (urls::search_file(language, &name), bytes(text))),
            );
            for n in shards {
                let first = n * search::DOC_SHARD;
                // A shard may hold actors' pages after the last articles.
                let texts: Vec<String> = (first..state.index.len().min(first + search::DOC_SHARD))
                    .map(|at| state.text_at(at, &self.bodies))
                    .collect();
                let articles = texts
                    .iter()
                    .enumerate()
                    .map(|(i, text)| (state.index.entry(first + i), text.as_str()));
                written.push((
                    urls::search_file(language, &search::docs_file(n)),
                    bytes(search::docs_shard(n, articles)),
                ));
            }
            clock.lap("search: shards");
        }
        (written, gone)
    }
}
