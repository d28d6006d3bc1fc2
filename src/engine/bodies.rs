//! Every article's body, rendered once and cached between rebuilds: a cached body stands
//! while its text, its page and the pages of everything it links to are the same.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use ahash::{AHashMap, AHashSet};
use rayon::prelude::*;

use super::Engine;
use crate::model::Dossier;
use crate::render;
use crate::render::markdown::Rendered;
use crate::render::mentions::Finder;
use crate::site::urls;

/// A rendered body and what it was rendered against.
pub(super) struct CachedBody {
    pub(super) text: Arc<str>,
    pub(super) page_path: String,
    /// The page path each link target had (None: it did not exist).
    pub(super) targets: Vec<(String, Option<String>)>,
    pub(super) body: Arc<Rendered>,
}

/// What a link target of a body stands for: the page of an article, or the copy of a file of
/// `content/`; `None` when it does not exist. A cached body is valid while this is unchanged.
pub(super) fn target_of<K: std::borrow::Borrow<str> + std::hash::Hash + Eq>(
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

impl Engine {
    /// Each article's rendered Markdown: from the cache when its text, its page and the pages
    /// of everything it links to are unchanged; rendered anew (in parallel) otherwise. With
    /// `markdown` (every article's, by id, taken out of the model), each text is dropped as
    /// soon as its body is made; without, the model's are read.
    pub(super) fn bodies(
        &mut self,
        dossier: &Dossier,
        markdown: Option<Vec<Arc<str>>>,
        paths: &[String],
        by_file: &AHashMap<&str, usize>,
        unread: &AHashSet<String>,
        finder: &Finder,
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
        let around = render::Bodies {
            dossier,
            paths,
            lookup: &|f| by_file.get(f).copied(),
            has_file: &has_file,
            unread: &|f| unread.contains(f),
            finder,
        };
        let render = |id: usize, markdown: &str| {
            let body = render::render_body(&around, id, markdown);
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
            // A staged build never renders them again: see `drafts`. Nor is a body kept that
            // was rendered while some files could not be read (links to them were let pass).
            if self.staging.is_none() && unread.is_empty() {
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
