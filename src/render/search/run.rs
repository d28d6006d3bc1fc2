//! The postings of a run of texts, made by one thread: each folded word once, with the
//! articles that hold it. Words are looked up by their bytes packed into a `u128`, hashed by
//! one folded multiply.

use std::sync::OnceLock;

use ahash::AHashMap;

/// The postings of a run of texts, indexed by one thread: each word once (`words`), with its
/// articles and the last article that held it (checked for every word of every text, so kept
/// apart from the lists). A word of up to 16 bytes, nearly all of them, is looked up by its
/// bytes packed into a `u128` (hashed and compared in a few instructions; words hold no zero
/// byte, so the packing is unambiguous), a longer one by its text.
#[derive(Default)]
pub(super) struct Run {
    short: std::collections::HashMap<u128, u32, Packed>,
    long: AHashMap<Box<str>, u32>,
    pub(super) words: Vec<Box<str>>,
    pub(super) articles: Vec<Vec<u32>>,
    last: Vec<u32>,
}

impl Run {
    /// Adds `word` of `article` (articles come in order); true when the article had not
    /// held it yet.
    pub(super) fn add(&mut self, word: &str, article: u32) -> bool {
        let bytes = word.as_bytes();
        let found = match bytes.len() {
            0..=16 => {
                let next = self.words.len() as u32;
                *self.short.entry(pack(bytes)).or_insert(next)
            }
            _ => match self.long.get(word) {
                Some(&place) => place,
                None => {
                    let next = self.words.len() as u32;
                    self.long.insert(word.into(), next);
                    next
                }
            },
        };
        let place = found as usize;
        if place == self.words.len() {
            self.words.push(word.into());
            self.articles.push(vec![article]);
            self.last.push(article);
        } else if self.last[place] != article {
            self.last[place] = article;
            self.articles[place].push(article);
        } else {
            return false;
        }
        true
    }

    /// Its words with their articles, by the shard of the postings they go to.
    pub(super) fn into_sharded(self) -> super::postings::Sharded {
        super::postings::shard(self.words, self.articles)
    }
}

/// Up to 16 bytes packed into a `u128`, little-endian, zero above them: what copying them into
/// a zeroed `[u8; 16]` makes, read with two overlapping loads instead of a copy of a variable
/// length (a call to `memcpy` for every word of every text).
pub(super) fn pack(bytes: &[u8]) -> u128 {
    let len = bytes.len();
    let load8 = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
    let load4 = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
    match len {
        8..=16 => {
            // The last eight bytes, shifted down to those after the first eight.
            let high = load8(len - 8)
                .checked_shr(8 * (16 - len) as u32)
                .unwrap_or(0);
            u128::from(load8(0)) | u128::from(high) << 64
        }
        4..=7 => {
            let high = u64::from(load4(len - 4)) >> (8 * (8 - len));
            u128::from(u64::from(load4(0)) | high << 32)
        }
        _ => bytes
            .iter()
            .rev()
            .fold(0, |packed, &b| packed << 8 | u128::from(b)),
    }
}

/// The hash of packed words: one folded multiply of their two halves, seeded at random once
/// per process (so that no text can be written to make its words collide), where ahash's made
/// the look-up of a word cost twice as much.
#[derive(Clone, Copy)]
struct Packed {
    seed: u64,
}

impl Default for Packed {
    fn default() -> Packed {
        static SEED: OnceLock<u64> = OnceLock::new();
        Packed {
            seed: *SEED.get_or_init(|| ahash::RandomState::new().hash_one(0x5eed_u64)),
        }
    }
}

impl std::hash::BuildHasher for Packed {
    type Hasher = PackedHasher;

    fn build_hasher(&self) -> PackedHasher {
        PackedHasher(self.seed)
    }
}

struct PackedHasher(u64);

impl std::hash::Hasher for PackedHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u128(u128::from(b));
        }
    }

    fn write_u128(&mut self, n: u128) {
        let x = (n as u64) ^ ((n >> 64) as u64).rotate_left(29) ^ self.0;
        let m = u128::from(x) * 0x9e37_79b9_7f4a_7c15;
        self.0 = (m as u64) ^ ((m >> 64) as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
