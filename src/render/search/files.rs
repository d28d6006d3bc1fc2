//! The index written out as the scripts the search page loads: `index.js`, the chunks of
//! words (`words-N.js`) and the shards of articles (`docs-N.js`).

use std::fmt::Write as _;

use ahash::{AHashMap, AHashSet};
use rayon::prelude::*;

use super::Index;
use crate::text::json::push_string;

/// Articles per shard of `docs-N.js`: few, so that a search whose results are spread over the
/// dossier loads little beside them (a shard holds its articles' plain texts).
pub const DOC_SHARD: usize = 6;

/// About how many bytes a chunk of words holds. Its limits are chosen by the words
/// themselves: a chunk closes after a word whose hash says so (one in [`BOUNDARY`]) once it
/// holds half this many bytes, or before any word once it holds [`MAX_CHUNK`]. So a word that
/// comes or goes, or articles that change, change their own chunk's bytes and no other's:
/// the limits after it fall where they fell (an edit in the live preview writes one chunk
/// again, not every chunk after it).
pub const CHUNK_BYTES: usize = 20 * 1024;

/// A chunk may close after a word once it holds this many bytes.
const MIN_CHUNK: usize = CHUNK_BYTES / 2;

/// A chunk closes before any word once it holds this many bytes (a word whose articles take
/// more makes a chunk of its own).
pub const MAX_CHUNK: usize = 32 * 1024;

/// One word in this many may close a chunk (past [`MIN_CHUNK`]): about 9 KiB of words, at the
/// 140-odd bytes a word and its articles take on average.
const BOUNDARY: u64 = 64;

/// The index file, beside the search page.
pub const INDEX_FILE: &str = "index.js";

/// The chunk of words `id` (eight hexadecimal digits, [`chunk_id`]), beside the search page.
pub fn words_file(id: &str) -> String {
    format!("words-{id}.js")
}

/// The shard of articles `n`, beside the search page.
pub fn docs_file(n: usize) -> String {
    format!("docs-{n}.js")
}

/// Whether `name` (the last part of a path) is a chunk of words or a shard of articles: the
/// files of a search that may come and go from one build to the next.
pub fn is_shard_file(name: &str) -> bool {
    let named = |prefix: &str, digit: fn(&u8) -> bool| {
        name.strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix(".js"))
            .is_some_and(|n| !n.is_empty() && n.as_bytes().iter().all(digit))
    };
    named("docs-", u8::is_ascii_digit)
        || named("words-", |b| {
            b.is_ascii_digit() || (b'a'..=b'f').contains(b)
        })
}

/// FNV-1a, 64 bits: a hash of a word that is the same on every machine and in every build.
fn fnv(bytes: &[u8], seed: u64) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325 ^ seed;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Whether a chunk may close after `word` (once it holds [`MIN_CHUNK`] bytes).
fn closes(word: &str) -> bool {
    (fnv(word.as_bytes(), 0) >> 32) % BOUNDARY == 0
}

/// The id of a chunk that opens with `first`: eight hexadecimal digits of its hash, the next
/// seed's when an earlier chunk of the list took them (in `used`). The same words give the
/// same ids, so that a chunk keeps its file while its words stay.
fn chunk_id(first: &str, used: &mut AHashSet<u32>) -> String {
    let mut seed = 0;
    loop {
        let hash = fnv(first.as_bytes(), seed);
        let id = (hash ^ (hash >> 32)) as u32;
        if used.insert(id) {
            return format!("{id:08x}");
        }
        seed += 1;
    }
}

/// Shard `n`: it adds `window.DOSSIER_SEARCH_DOCS[n]`, the articles `n × DOC_SHARD` on, each
/// its entry (`[href, title, summary, date, lang, only, shown]`) with its plain text last.
pub fn docs_shard<'a>(
    n: usize,
    articles: impl IntoIterator<Item = (&'a str, &'a str)> + Clone,
) -> String {
    // Sized once: an entry, its text, its quotes, and rarely an escape or two.
    let size: usize = articles
        .clone()
        .into_iter()
        .map(|(entry, text)| entry.len() + text.len() + 8)
        .sum();
    let mut shard = String::with_capacity(80 + size + size / 64);
    let _ = write!(
        shard,
        "(window.DOSSIER_SEARCH_DOCS=window.DOSSIER_SEARCH_DOCS||{{}})[{n}]=["
    );
    for (i, (entry, text)) in articles.into_iter().enumerate() {
        if i > 0 {
            shard.push(',');
        }
        shard.push('\n');
        shard.push_str(entry.strip_suffix(']').unwrap_or(entry));
        shard.push(',');
        push_string(&mut shard, text);
        shard.push(']');
    }
    shard.push_str("];\n");
    shard
}

/// `index.js` (`window.DOSSIER_SEARCH = {docs, shard, chunks, ids}`, `chunks` the first word of
/// each chunk, `ids` their ids, eight characters each) and the chunks:
/// `window.DOSSIER_SEARCH_WORDS[id] = {words, postings, fields}`.
/// `words` in JavaScript's string order (UTF-16), for a binary search by prefix;
/// `postings[i]` the articles whose text holds `words[i]`, as differences from the previous
/// one in base 36, separated by spaces; `fields[i]` likewise the articles whose title or
/// summary holds it, each difference times 4 plus 2 for the title and 1 for the summary.
/// What the chunks are made of, kept between edits: the words in JavaScript's order with the
/// bytes each takes, and the chunks last made.
#[derive(Debug, Clone, Default)]
pub(super) struct Written {
    sorted: Option<Vec<Box<str>>>,
    /// For each word of `sorted`, the bytes it takes in its chunk, with [`CLOSES`] when a
    /// chunk may close after it: where chunks close is found from these alone.
    sizes: Vec<u32>,
    /// The words whose articles changed since the chunks were last made (some perhaps gone).
    changed: AHashSet<Box<str>>,
    /// The chunks last made, in order.
    chunks: Vec<Made>,
}

/// A chunk of words as made: its first word and number of words, its id and its script.
#[derive(Debug, Clone)]
struct Made {
    first: Box<str>,
    len: usize,
    id: String,
    script: String,
}

/// The bit of [`Written::sizes`] that says a chunk may close after the word.
const CLOSES: u32 = 1 << 31;

impl Written {
    /// `word`'s articles changed; `held` when some article still holds it.
    pub(super) fn forget(&mut self, word: Box<str>, held: bool) {
        if let Some(sorted) = &mut self.sorted {
            match (sorted.binary_search_by(|w| js_order(w, &word)), held) {
                (Ok(i), false) => {
                    sorted.remove(i);
                    self.sizes.remove(i);
                }
                (Err(i), true) => {
                    sorted.insert(i, word.clone());
                    self.sizes.insert(i, 0);
                }
                _ => {}
            }
        }
        self.changed.insert(word);
    }
}

/// What a word takes in its chunk (its quotes and commas, its articles' too, as
/// [`write_articles`] writes them), with [`CLOSES`] when a chunk may close after it.
fn size_of(index: &Index, word: &str) -> u32 {
    // Each code's digits in base 36, and a space between two.
    let written = |codes: &mut dyn Iterator<Item = u32>| {
        codes
            .map(|code| base36_len(code) + 1)
            .sum::<usize>()
            .saturating_sub(1)
    };
    let (mut postings, mut fields) = codes(index, word);
    let (postings, fields) = (written(&mut postings), written(&mut fields));
    let size = (word.len() + postings + fields + 9) as u32;
    match closes(word) {
        true => size | CLOSES,
        false => size,
    }
}

/// JavaScript's string order (by UTF-16 code units): Rust's (by code point) unless a word
/// holds a character from U+E000 on (UTF-8 from byte 0xEE).
fn js_order(a: &str, b: &str) -> std::cmp::Ordering {
    if a.bytes().chain(b.bytes()).all(|byte| byte < 0xEE) {
        a.cmp(b)
    } else {
        a.encode_utf16().cmp(b.encode_utf16())
    }
}

/// The codes a word's articles are written in: for the articles whose text holds it, each
/// one's difference from the previous; for those whose title or summary does, each
/// difference times 4, plus 2 for the title and 1 for the summary.
fn codes<'a>(
    index: &'a Index,
    word: &str,
) -> (
    impl Iterator<Item = u32> + 'a,
    impl Iterator<Item = u32> + 'a,
) {
    let mut previous = 0;
    let postings = index
        .postings
        .get(word)
        .into_iter()
        .flatten()
        .map(move |&doc| {
            let code = doc - previous;
            previous = doc;
            code
        });
    let mut previous = 0;
    let fields = index
        .fields
        .get(word)
        .into_iter()
        .flatten()
        .map(move |&(doc, bits)| {
            let code = (doc - previous) * 4 + u32::from(bits);
            previous = doc;
            code
        });
    (postings, fields)
}

/// A word's articles written out: those whose text holds it, and those whose title or
/// summary does ([`codes`] in base 36, separated by spaces).
fn write_articles(index: &Index, word: &str) -> (String, String) {
    let write = |codes: &mut dyn Iterator<Item = u32>| {
        let mut out = String::new();
        for (k, code) in codes.enumerate() {
            if k > 0 {
                out.push(' ');
            }
            push_base36(&mut out, code);
        }
        out
    };
    let (mut postings, mut fields) = codes(index, word);
    (write(&mut postings), write(&mut fields))
}

/// The chunks made again from the words as they are now: each chunk that opens with the same
/// word, holds as many and none that changed, taken as it was; the others made anew. Returns
/// the positions of those made anew, and the files of the chunks that went.
fn rechunk(index: &Index, written: &mut Written) -> (Vec<usize>, Vec<String>) {
    let fresh = written.sorted.is_none();
    let sorted = written.sorted.get_or_insert_with(|| {
        let mut words: Vec<Box<str>> = index.postings.keys().cloned().collect();
        words.extend(
            index
                .fields
                .keys()
                .filter(|w| !index.postings.contains_key(w))
                .cloned(),
        );
        if words.iter().all(|word| word.bytes().all(|b| b < 0xEE)) {
            words.par_sort_unstable();
        } else {
            words.par_sort_unstable_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
        }
        words
    });
    // The bytes each word takes: all of them the first time, else those whose articles
    // changed.
    if fresh {
        written.sizes = sorted.par_iter().map(|word| size_of(index, word)).collect();
    } else {
        for word in &written.changed {
            if let Ok(at) = sorted.binary_search_by(|w| js_order(w, word)) {
                written.sizes[at] = size_of(index, word);
            }
        }
    }
    // Where chunks close: after a word that says so past `MIN_CHUNK`, or at `MAX_CHUNK`.
    let mut ranges = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, &word_size) in written.sizes.iter().enumerate() {
        if i > start
            && (size >= MAX_CHUNK || (size >= MIN_CHUNK && written.sizes[i - 1] & CLOSES != 0))
        {
            ranges.push(start..i);
            (start, size) = (i, 0);
        }
        size += (word_size & !CLOSES) as usize;
    }
    ranges.push(start..sorted.len());
    // Where the changed words are, in halves: `2i` for a word at `i`, `2i - 1` for a word
    // gone from just before `i` (it was in the chunk that holds `i - 1`, or opened the next).
    let mut changed: Vec<usize> = written
        .changed
        .iter()
        .map(
            |word| match sorted.binary_search_by(|w| js_order(w, word)) {
                Ok(i) => 2 * i,
                Err(i) => (2 * i).saturating_sub(1),
            },
        )
        .collect();
    changed.sort_unstable();
    let mut used = AHashSet::with_capacity(ranges.len());
    let ids: Vec<String> = ranges
        .iter()
        .map(|range| chunk_id(sorted.get(range.start).map_or("", |w| w), &mut used))
        .collect();
    let mut old: AHashMap<Box<str>, Made> = std::mem::take(&mut written.chunks)
        .into_iter()
        .map(|made| (made.first.clone(), made))
        .collect();
    let kept: Vec<Option<Made>> = ranges
        .iter()
        .zip(&ids)
        .map(|(range, id)| {
            let first = sorted.get(range.start).map_or("", |w| w);
            let touched = changed
                .get(changed.partition_point(|&c| c < 2 * range.start))
                .is_some_and(|&c| c < 2 * range.end);
            old.remove(first)
                .filter(|was| !touched && was.len == range.len() && was.id == *id)
        })
        .collect();
    let chunks: Vec<(Made, bool)> = ranges
        .into_par_iter()
        .zip(ids)
        .zip(kept)
        .map(|((range, id), kept)| match kept {
            Some(made) => (made, false),
            None => {
                let mut chunk = Chunk::default();
                for word in &sorted[range.clone()] {
                    let (postings, fields) = write_articles(index, word);
                    chunk.add(word, &postings, &fields);
                }
                let script = chunk.script(&id);
                let first = sorted.get(range.start).cloned().unwrap_or_default();
                let len = range.len();
                (
                    Made {
                        first,
                        len,
                        id,
                        script,
                    },
                    true,
                )
            }
        })
        .collect();
    let now: AHashSet<&str> = chunks.iter().map(|(made, _)| made.id.as_str()).collect();
    let mut gone: Vec<String> = old
        .values()
        .filter(|made| !now.contains(made.id.as_str()))
        .map(|made| words_file(&made.id))
        .collect();
    gone.sort_unstable();
    let remade = (0..chunks.len()).filter(|&n| chunks[n].1).collect();
    written.chunks = chunks.into_iter().map(|(made, _)| made).collect();
    written.changed.clear();
    (remade, gone)
}

/// `index.js`, which lists the chunks.
fn index_script(index: &Index, chunks: &[Made]) -> (String, String) {
    let mut script = String::with_capacity(64 + chunks.len() * 24);
    let _ = write!(
        script,
        "window.DOSSIER_SEARCH={{\"docs\":{},\"shard\":{DOC_SHARD},\"chunks\":[",
        index.entries.len()
    );
    for (n, made) in chunks.iter().enumerate() {
        if n > 0 {
            script.push(',');
        }
        push_string(&mut script, &made.first);
    }
    script.push_str("],\"ids\":\"");
    for made in chunks {
        script.push_str(&made.id);
    }
    script.push_str("\"};\n");
    (INDEX_FILE.to_string(), script)
}

/// `index.js` and every chunk of words, by file name.
pub(super) fn word_files(index: &Index, written: &mut Written) -> Vec<(String, String)> {
    rechunk(index, written);
    let mut files = Vec::with_capacity(written.chunks.len() + 1);
    files.push(index_script(index, &written.chunks));
    files.extend(
        written
            .chunks
            .iter()
            .map(|made| (words_file(&made.id), made.script.clone())),
    );
    files
}

/// `index.js` and every chunk of words, moved out of `written` (which then holds none).
pub(super) fn take_word_files(index: &Index, written: &mut Written) -> Vec<(String, String)> {
    rechunk(index, written);
    let mut files = Vec::with_capacity(written.chunks.len() + 1);
    files.push(index_script(index, &written.chunks));
    files.extend(
        std::mem::take(&mut written.chunks)
            .into_iter()
            .map(|made| (words_file(&made.id), made.script)),
    );
    files
}

/// `index.js` and the chunks of words made anew since the chunks were last made, and the
/// files of the chunks that went.
pub(super) fn changed_word_files(
    index: &Index,
    written: &mut Written,
) -> (Vec<(String, String)>, Vec<String>) {
    let (remade, gone) = rechunk(index, written);
    let mut files = Vec::with_capacity(remade.len() + 1);
    files.push(index_script(index, &written.chunks));
    files.extend(remade.into_iter().map(|n| {
        let made = &written.chunks[n];
        (words_file(&made.id), made.script.clone())
    }));
    (files, gone)
}

/// A chunk of words as it is written: its three arrays' items.
#[derive(Default)]
struct Chunk {
    words: String,
    postings: String,
    fields: String,
}

impl Chunk {
    fn add(&mut self, word: &str, postings: &str, fields: &str) {
        if !self.words.is_empty() {
            self.words.push(',');
            self.postings.push(',');
            self.fields.push(',');
        }
        push_string(&mut self.words, word);
        self.postings.push('"');
        self.postings.push_str(postings);
        self.postings.push('"');
        self.fields.push('"');
        self.fields.push_str(fields);
        self.fields.push('"');
    }

    fn script(&self, id: &str) -> String {
        let size = self.words.len() + self.postings.len() + self.fields.len();
        let mut script = String::with_capacity(size + 128);
        let _ = write!(
            script,
            "(window.DOSSIER_SEARCH_WORDS=window.DOSSIER_SEARCH_WORDS||{{}})[\"{id}\"]={{\"words\":["
        );
        script.push_str(&self.words);
        script.push_str("],\n\"postings\":[");
        script.push_str(&self.postings);
        script.push_str("],\n\"fields\":[");
        script.push_str(&self.fields);
        script.push_str("]};\n");
        script
    }
}

/// How many digits `n` takes in base 36.
fn base36_len(mut n: u32) -> usize {
    let mut len = 1;
    while n >= 36 {
        n /= 36;
        len += 1;
    }
    len
}

pub(super) fn push_base36(out: &mut String, mut n: u32) {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buffer = [0u8; 7];
    let mut start = buffer.len();
    loop {
        start -= 1;
        buffer[start] = DIGITS[(n % 36) as usize];
        n /= 36;
        if n == 0 {
            break;
        }
    }
    for &b in &buffer[start..] {
        out.push(b as char);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::search::Doc;

    #[test]
    fn a_word_takes_the_bytes_its_articles_are_written_in() {
        let docs: Vec<Doc> = (0..3000)
            .map(|i| Doc {
                href: String::new(),
                title: match i % 5 {
                    0 => format!("commun t{}", i % 7),
                    _ => String::new(),
                },
                summary: String::new(),
                date: String::new(),
                lang: "fr".into(),
                shown_lang: String::new(),
                only: String::new(),
                text: format!("commun m{} r{}", i % 37, i % 1300),
                words: None,
            })
            .collect();
        let index = Index::new(&docs);
        let words: Vec<&Box<str>> = index.postings.keys().chain(index.fields.keys()).collect();
        assert!(words.len() > 1300);
        for word in words {
            let (postings, fields) = write_articles(&index, word);
            let size = size_of(&index, word) & !CLOSES;
            assert_eq!(
                size as usize,
                word.len() + postings.len() + fields.len() + 9,
                "{word}"
            );
        }
    }
}
