//! Each folded word of a language's texts with the articles that hold it, kept in shards by a
//! hash of the word, so that the runs of a batch are merged into them by every thread at once
//! (merged into one map, they were one thread's work while the other waited).

use ahash::AHashMap;
use rayon::prelude::*;

/// How many shards: enough for the threads of a machine to share them evenly.
const SHARDS: usize = 16;

/// Words, each with its articles.
type Words = Vec<(Box<str>, Vec<u32>)>;

/// The words of one run of texts, each with its articles, by shard ([`shard_of`]).
pub(super) type Sharded = Vec<Words>;

/// The postings of a language: each word with the articles (by position, in order) whose text
/// holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Postings {
    shards: Vec<AHashMap<Box<str>, Vec<u32>>>,
}

impl Default for Postings {
    fn default() -> Postings {
        Postings {
            shards: (0..SHARDS).map(|_| AHashMap::default()).collect(),
        }
    }
}

/// The shard of `word`: a hash with fixed keys, the same in every index.
pub(super) fn shard_of(word: &str) -> usize {
    static STATE: std::sync::LazyLock<ahash::RandomState> = std::sync::LazyLock::new(|| {
        ahash::RandomState::with_seeds(
            0x243f_6a88_85a3_08d3,
            0x1319_8a2e_0370_7344,
            0xa409_3822_299f_31d0,
            0x082e_fa98_ec4e_6c89,
        )
    });
    (STATE.hash_one(word) >> 32) as usize % SHARDS
}

/// Words with their articles, put in the shards they go to.
pub(super) fn shard(words: Vec<Box<str>>, articles: Vec<Vec<u32>>) -> Sharded {
    let shards: Vec<u8> = words.iter().map(|word| shard_of(word) as u8).collect();
    let mut counts = [0usize; SHARDS];
    for &s in &shards {
        counts[usize::from(s)] += 1;
    }
    let mut sharded: Sharded = counts.iter().map(|&n| Vec::with_capacity(n)).collect();
    for ((word, articles), s) in words.into_iter().zip(articles).zip(shards) {
        sharded[usize::from(s)].push((word, articles));
    }
    sharded
}

impl Postings {
    pub(super) fn get(&self, word: &str) -> Option<&Vec<u32>> {
        self.shards[shard_of(word)].get(word)
    }

    pub(super) fn get_mut(&mut self, word: &str) -> Option<&mut Vec<u32>> {
        self.shards[shard_of(word)].get_mut(word)
    }

    pub(super) fn contains_key(&self, word: &str) -> bool {
        self.shards[shard_of(word)].contains_key(word)
    }

    pub(super) fn remove(&mut self, word: &str) -> Option<Vec<u32>> {
        self.shards[shard_of(word)].remove(word)
    }

    /// The articles of `word`, empty when it had none.
    pub(super) fn articles_mut(&mut self, word: &str) -> &mut Vec<u32> {
        self.shards[shard_of(word)].entry(word.into()).or_default()
    }

    /// Every word, in no particular order.
    pub(super) fn keys(&self) -> impl Iterator<Item = &Box<str>> {
        self.shards.iter().flat_map(|shard| shard.keys())
    }

    /// Adds runs of texts that come after those the postings hold, in order: each shard by
    /// one thread, taking each run's words in turn.
    pub(super) fn merge(&mut self, runs: Vec<Sharded>) {
        let mut by_shard: Vec<Vec<Words>> = (0..SHARDS)
            .map(|_| Vec::with_capacity(runs.len()))
            .collect();
        for run in runs {
            for (s, words) in run.into_iter().enumerate() {
                by_shard[s].push(words);
            }
        }
        self.shards
            .par_iter_mut()
            .zip(by_shard)
            .for_each(|(shard, runs)| {
                for (word, articles) in runs.into_iter().flatten() {
                    shard
                        .entry(word)
                        // Grown to what it holds and no more: the postings of the whole
                        // dossier are most of what a build holds in memory at its peak.
                        .and_modify(|all| {
                            all.reserve_exact(articles.len());
                            all.extend_from_slice(&articles);
                        })
                        .or_insert(articles);
                }
            });
    }

    /// Every word with its articles, in one map.
    #[cfg(test)]
    pub(super) fn to_map(&self) -> AHashMap<Box<str>, Vec<u32>> {
        self.shards
            .iter()
            .flat_map(|shard| shard.iter().map(|(w, a)| (w.clone(), a.clone())))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_merge_in_order_and_words_are_found_in_their_shard() {
        let mut postings = Postings::default();
        let run = |words: &[(&str, &[u32])]| {
            shard(
                words.iter().map(|(w, _)| Box::<str>::from(*w)).collect(),
                words.iter().map(|(_, a)| a.to_vec()).collect(),
            )
        };
        postings.merge(vec![
            run(&[("coree", &[0, 2]), ("nord", &[1])]),
            run(&[("coree", &[3]), ("sanctions", &[4])]),
        ]);
        postings.merge(vec![run(&[("nord", &[5, 6])])]);
        assert_eq!(postings.get("coree"), Some(&vec![0, 2, 3]));
        assert_eq!(postings.get("nord"), Some(&vec![1, 5, 6]));
        assert!(postings.contains_key("sanctions"));
        assert_eq!(postings.get("onu"), None);
        postings.articles_mut("onu").push(7);
        assert_eq!(postings.remove("onu"), Some(vec![7]));
        let mut words: Vec<&str> = postings.keys().map(|w| &**w).collect();
        words.sort_unstable();
        assert_eq!(words, ["coree", "nord", "sanctions"]);
    }
}
