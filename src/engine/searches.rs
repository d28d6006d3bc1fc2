//! Every language's search built in batches, the languages taking turns, so that a text that
//! several searches show is made and folded into words once.

use std::sync::Mutex;

use ahash::AHashMap;
use rayon::prelude::*;

use super::{Files, staged_or_kept};
use crate::output::Contents;
use crate::render::Renderer;
use crate::render::markdown::Rendered;
use crate::render::search;
use crate::site::urls;

/// A language's search: its articles by id, in its order, and their index; after them, the
/// actors' pages (their texts, for the shards an edit writes again).
pub(super) struct Search {
    pub(super) ids: Vec<usize>,
    pub(super) index: search::Index,
    pub(super) actor_texts: Vec<String>,
}

impl Search {
    /// The plain text of what the search shows at `at`: an article's body, or an actor's
    /// names.
    pub(super) fn text_at(&self, at: usize, bodies: &[std::sync::Arc<Rendered>]) -> String {
        match self.ids.get(at) {
            Some(&id) => search::plain_text(&bodies[id].html),
            None => self.actor_texts[at - self.ids.len()].clone(),
        }
    }
}

/// Renders pages and feeds in one parallel pass, so that both cores stay busy.
/// Every language's search, and its files: `index.js`, the chunks of words and the shards of
/// articles.
pub(super) fn build_search(
    renderer: &Renderer,
    staging: Option<&crate::output::Staging>,
) -> (Vec<Search>, Files) {
    let config = &renderer.dossier.config;
    let languages = config.languages.len();
    let ids: Vec<Vec<usize>> = (0..languages).map(|l| renderer.search_ids(l)).collect();
    // After the articles, the actors' pages (none without actors).
    let actors: Vec<Vec<search::Doc>> = (0..languages)
        .map(|l| renderer.actor_search_docs(l))
        .collect();
    let total = |l: usize| ids[l].len() + actors[l].len();
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
    // A build that writes as it goes is never edited.
    let new_index = || match staging {
        Some(_) => search::Index::never_edited(),
        None => search::Index::default(),
    };
    let mut indexes: Vec<search::Index> = (0..languages).map(|_| new_index()).collect();
    let mut files: Vec<Vec<(String, Contents)>> = (0..languages).map(|_| Vec::new()).collect();
    let mut next = vec![0usize; languages];
    let stage = |path: String, text: String| {
        let contents = staged_or_kept(staging, &path, text);
        (path, contents)
    };
    while let Some(lang) = (0..languages)
        .filter(|&l| next[l] * search::BATCH < total(l))
        .min_by_key(|&l| {
            ids[l]
                .get(next[l] * search::BATCH)
                .map_or(usize::MAX, |&id| rank[id])
        })
    {
        let language = &config.languages[lang];
        let batch = next[lang];
        next[lang] += 1;
        let all = &ids[lang];
        let (start, end) = (
            batch * search::BATCH,
            total(lang).min((batch + 1) * search::BATCH),
        );
        let batch_ids = &all[start.min(all.len())..end.min(all.len())];
        let (mut docs, mut collect): (Vec<search::Doc>, Vec<bool>) = batch_ids
            .par_iter()
            .map(|&id| {
                let taken = texts.take(id);
                let mut doc = renderer.search_doc_with(lang, id, taken.text);
                doc.words = taken.words;
                (doc, taken.first)
            })
            .unzip();
        // The actors' pages, after the articles.
        let first_actor = start.max(all.len()) - all.len();
        for doc in &actors[lang][first_actor..end.max(all.len()) - all.len()] {
            docs.push(doc.clone());
            collect.push(false);
        }
        // The words of the texts that other searches show too, for them.
        for (at, words) in indexes[lang].extend(&docs, |at| collect[at]) {
            texts.give_words(batch_ids[at], words);
        }
        let (start, index) = (batch * search::BATCH, &indexes[lang]);
        files[lang].par_extend(
            docs.par_chunks(search::DOC_SHARD)
                .enumerate()
                .map(|(n, chunk)| {
                    let first = start + n * search::DOC_SHARD;
                    let articles = chunk
                        .iter()
                        .enumerate()
                        .map(|(i, doc)| (index.entry(first + i), doc.text.as_str()));
                    let n = first / search::DOC_SHARD;
                    stage(
                        urls::search_file(language, &search::docs_file(n)),
                        search::docs_shard(n, articles),
                    )
                }),
        );
    }
    let mut searches = Vec::with_capacity(languages);
    let mut all_files = Vec::new();
    for (lang, ((ids, mut index), mut language_files)) in
        ids.into_iter().zip(indexes).zip(files).enumerate()
    {
        let language = &config.languages[lang];
        // A build that writes as it goes never edits: its files are taken out of the index,
        // not copied, and the index goes (the dossier's postings, most of a build's memory).
        let words = match staging {
            Some(_) => std::mem::take(&mut index).take_files(),
            None => index.files(),
        };
        // Written by every thread: a language has hundreds of chunks.
        language_files.par_extend(
            words
                .into_par_iter()
                .map(|(name, text)| stage(urls::search_file(language, &name), text)),
        );
        let actor_texts = actors[lang].iter().map(|doc| doc.text.clone()).collect();
        searches.push(Search {
            ids,
            index,
            actor_texts,
        });
        all_files.append(&mut language_files);
    }
    debug_assert!(texts.kept.lock().expect("search texts").is_empty());
    (searches, all_files)
}

/// The plain texts of the bodies that the searches show: made once for an article that
/// several searches show, and kept with their distinct words (found by the first search that
/// indexes them) until the last of them takes it.
pub(super) struct SharedTexts<'a> {
    pub(super) renderer: &'a Renderer<'a>,
    /// How many searches show each article.
    pub(super) shown_in: Vec<u8>,
    pub(super) kept: Mutex<AHashMap<usize, Kept>>,
}

/// A text made and still to be taken, how many more times, and its words once found.
pub(super) struct Kept {
    pub(super) text: String,
    pub(super) words: Option<String>,
    pub(super) left: u8,
}

/// An article's text as one search takes it.
pub(super) struct Taken {
    pub(super) text: String,
    /// Its distinct words, when another search found them.
    pub(super) words: Option<String>,
    /// The first of several searches to take it: its words are wanted (`give_words`).
    pub(super) first: bool,
}

impl<'a> SharedTexts<'a> {
    pub(super) fn new(renderer: &'a Renderer<'a>, ids: &[Vec<usize>]) -> SharedTexts<'a> {
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
    pub(super) fn take(&self, id: usize) -> Taken {
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
    pub(super) fn give_words(&self, id: usize, words: String) {
        if let Some(shared) = self.kept.lock().expect("search texts").get_mut(&id) {
            shared.words = Some(words);
        }
    }
}

/// Whether an output path is a chunk of words or a shard of articles in one of the search
/// folders (`fr/recherche/`).
pub(super) fn is_search_shard(folders: &[String], path: &str) -> bool {
    folders.iter().any(|folder| {
        path.strip_prefix(folder.as_str())
            .is_some_and(search::is_shard_file)
    })
}
