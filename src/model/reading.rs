//! Reading paths: where an article's page leads its reader next. For each topic of the
//! article, the next older and next newer article of that topic; and up to [`RELATED`]
//! related articles: those sharing the most topics with it, newest first among equals, chosen
//! among the [`CANDIDATES`] newest of each of its topics, none of them already shown as an
//! older or newer neighbour. All of it in the lists of the article's own language (a group
//! without a version in that language stands there by its original, as in every list),
//! articles of one day taken in file order.
//!
//! One pass per language (in parallel) over the articles sorted once: a few hundred steps
//! per article, whatever the size of the dossier.

use rayon::prelude::*;

use super::Dossier;

/// How many related articles a page shows, at most.
pub const RELATED: usize = 4;

/// How many of the newest articles of each of its topics an article's related ones are chosen
/// from: older articles sharing more topics may be missed, but the cost stays flat.
const CANDIDATES: usize = 64;

/// Where one article leads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paths {
    /// For each of its topics, in its order.
    pub topics: Vec<Neighbours>,
    /// Related articles, best first.
    pub related: Vec<usize>,
}

/// The articles beside one in a topic's list (newest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Neighbours {
    pub topic: usize,
    /// The next older article of the topic.
    pub older: Option<usize>,
    /// The next newer article of the topic.
    pub newer: Option<usize>,
}

impl Paths {
    /// Every article the paths lead to.
    pub fn targets(&self) -> impl Iterator<Item = usize> + '_ {
        self.topics
            .iter()
            .flat_map(|n| n.older.into_iter().chain(n.newer))
            .chain(self.related.iter().copied())
    }
}

impl Dossier {
    /// The reading paths of every article, by id (empty for reference pages). Each language
    /// is a pass of its own, run in parallel.
    pub fn reading_paths(&self) -> Vec<Paths> {
        // Newest first; among the articles of a day, by file (not by title, as the lists are:
        // a new title, the usual edit, then changes no path, only the links' text).
        let mut order: Vec<usize> = (0..self.articles.len())
            .filter(|&id| !self.articles[id].is_page())
            .collect();
        order.sort_unstable_by(|&a, &b| {
            let (a, b) = (&self.articles[a], &self.articles[b]);
            b.date.cmp(&a.date).then_with(|| a.file.cmp(&b.file))
        });
        let mut rank = vec![usize::MAX; self.articles.len()];
        for (at, &id) in order.iter().enumerate() {
            rank[id] = at;
        }
        let by_language: Vec<Vec<(usize, Paths)>> = (0..self.config.languages.len())
            .into_par_iter()
            .map(|lang| self.paths_in(lang, &order, &rank))
            .collect();
        let mut paths = vec![Paths::default(); self.articles.len()];
        for (id, own) in by_language.into_iter().flatten() {
            paths[id] = own;
        }
        paths
    }

    /// The reading paths of the articles written in `lang`, in its lists.
    fn paths_in(&self, lang: usize, order: &[usize], rank: &[usize]) -> Vec<(usize, Paths)> {
        let mut lists: Vec<Vec<usize>> = vec![Vec::new(); self.config.topics.len()];
        for &id in order {
            if self.is_shown(id, lang) {
                for &topic in &self.articles[id].topics {
                    lists[topic].push(id);
                }
            }
        }
        let mut paths: ahash::AHashMap<usize, Paths> = ahash::AHashMap::new();
        for (topic, list) in lists.iter().enumerate() {
            for (at, &id) in list.iter().enumerate() {
                if self.articles[id].lang == lang {
                    paths.entry(id).or_default().topics.push(Neighbours {
                        topic,
                        older: list.get(at + 1).copied(),
                        newer: at.checked_sub(1).map(|before| list[before]),
                    });
                }
            }
        }
        // Which article each candidate was last met for: no article counted twice.
        let mut met = vec![usize::MAX; self.articles.len()];
        let mut made = Vec::with_capacity(paths.len());
        for &id in order {
            let article = &self.articles[id];
            if article.lang != lang {
                continue;
            }
            let mut own = paths.remove(&id).unwrap_or_default();
            own.topics
                .sort_by_key(|n| article.topics.iter().position(|&t| t == n.topic));
            met[id] = id;
            for other in own.targets() {
                met[other] = id;
            }
            own.related = self.related(id, &lists, rank, &mut met);
            made.push((id, own));
        }
        made
    }

    /// The related articles of `id`, off its topics' lists, leaving out those `met` marks as
    /// met for it (itself, its neighbours; then each candidate once): the best [`RELATED`],
    /// kept in order as they come, with no sort.
    fn related(
        &self,
        id: usize,
        lists: &[Vec<usize>],
        rank: &[usize],
        met: &mut [usize],
    ) -> Vec<usize> {
        let topics = &self.articles[id].topics;
        // (shared topics, rank, article), best first.
        let mut best: Vec<(usize, usize, usize)> = Vec::with_capacity(RELATED + 1);
        for &topic in topics {
            for &other in lists[topic].iter().take(CANDIDATES + 1) {
                if met[other] == id {
                    continue;
                }
                met[other] = id;
                let shared = self.articles[other]
                    .topics
                    .iter()
                    .filter(|t| topics.contains(t))
                    .count();
                let candidate = (shared, rank[other], other);
                let at = best
                    .iter()
                    .position(|&(s, r, _)| shared > s || (shared == s && candidate.1 < r))
                    .unwrap_or(best.len());
                if at < RELATED {
                    best.insert(at, candidate);
                    best.truncate(RELATED);
                }
            }
        }
        best.into_iter().map(|(_, _, other)| other).collect()
    }
}
