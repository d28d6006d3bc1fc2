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

/// A chunk of words closes once it holds this many bytes (a word whose articles take more
/// makes a chunk of its own).
pub const CHUNK_BYTES: usize = 24 * 1024;

/// The index file, beside the search page.
pub const INDEX_FILE: &str = "index.js";

/// The chunk of words `n`, beside the search page.
pub fn words_file(n: usize) -> String {
    format!("words-{n}.js")
}

/// The shard of articles `n`, beside the search page.
pub fn docs_file(n: usize) -> String {
    format!("docs-{n}.js")
}

/// Whether `name` (the last part of a path) is a chunk of words or a shard of articles: the
/// files of a search whose number may change from one build to the next.
pub fn is_shard_file(name: &str) -> bool {
    ["words-", "docs-"].iter().any(|prefix| {
        name.strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix(".js"))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    })
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

/// `index.js` (`window.DOSSIER_SEARCH = {docs, shard, chunks}`, `chunks` the first word of
/// each chunk) and the chunks: `window.DOSSIER_SEARCH_WORDS[n] = {words, postings, fields}`.
/// `words` in JavaScript's string order (UTF-16), for a binary search by prefix;
/// `postings[i]` the articles whose text holds `words[i]`, as differences from the previous
/// one in base 36, separated by spaces; `fields[i]` likewise the articles whose title or
/// summary holds it, each difference times 4 plus 2 for the title and 1 for the summary.
/// What the chunks are made of, kept between edits: the words in JavaScript's order (none
/// while a word came or went), and each word's articles written out.
#[derive(Debug, Clone, Default)]
pub(super) struct Written {
    sorted: Option<Vec<Box<str>>>,
    articles: AHashMap<Box<str>, (String, String)>,
    /// The words whose articles changed since the chunks were last made.
    changed: AHashSet<Box<str>>,
    /// The chunks last made: the words they hold (positions in `sorted`) and their script.
    chunks: Vec<(std::ops::Range<usize>, String)>,
}

impl Written {
    /// `word`'s articles changed; `held` when some article still holds it.
    pub(super) fn forget(&mut self, word: Box<str>, held: bool) {
        let known = self.articles.remove(&word).is_some();
        if let Some(sorted) = &self.sorted {
            let listed = known || sorted.binary_search_by(|w| js_order(w, &word)).is_ok();
            if listed != held {
                self.sorted = None;
            }
        }
        self.changed.insert(word);
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

/// A word's articles written out: those whose text holds it, and those whose title or
/// summary does (see [`word_files`]).
fn write_articles(index: &Index, word: &str) -> (String, String) {
    let mut postings = String::new();
    if let Some(list) = index.postings.get(word) {
        let mut previous = 0;
        for (k, &doc) in list.iter().enumerate() {
            if k > 0 {
                postings.push(' ');
            }
            push_base36(&mut postings, doc - previous);
            previous = doc;
        }
    }
    let mut fields = String::new();
    if let Some(list) = index.fields.get(word) {
        let mut previous = 0;
        for (k, &(doc, bits)) in list.iter().enumerate() {
            if k > 0 {
                fields.push(' ');
            }
            push_base36(&mut fields, (doc - previous) * 4 + u32::from(bits));
            previous = doc;
        }
    }
    (postings, fields)
}

pub(super) fn word_files(index: &Index, written: &mut Written) -> Vec<(String, String)> {
    // A word came or went: every chunk's words may have moved.
    let reuse = written.sorted.is_some();
    let sorted = written.sorted.get_or_insert_with(|| {
        let mut words: Vec<Box<str>> = index.postings.keys().cloned().collect();
        words.extend(
            index
                .fields
                .keys()
                .filter(|w| !index.postings.contains_key(*w))
                .cloned(),
        );
        if words.iter().all(|word| word.bytes().all(|b| b < 0xEE)) {
            words.sort_unstable();
        } else {
            words.sort_unstable_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
        }
        words
    });
    // The words not written out yet (all of them the first time), in parallel.
    let missing: Vec<&Box<str>> = sorted
        .iter()
        .filter(|w| !written.articles.contains_key(*w))
        .collect();
    let made: Vec<(Box<str>, (String, String))> = missing
        .par_iter()
        .map(|word| ((*word).clone(), write_articles(index, word)))
        .collect();
    written.articles.extend(made);
    // Where chunks close, from the sizes alone; then each chunk made, or taken as it was when
    // it holds the same words and none of them changed.
    let mut ranges = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, word) in sorted.iter().enumerate() {
        if i > start && size >= CHUNK_BYTES {
            ranges.push(start..i);
            (start, size) = (i, 0);
        }
        let (postings, fields) = &written.articles[word];
        size += word.len() + postings.len() + fields.len() + 9;
    }
    ranges.push(start..sorted.len());
    let mut changed: Vec<usize> = written
        .changed
        .iter()
        .filter_map(|word| sorted.binary_search_by(|w| js_order(w, word)).ok())
        .collect();
    changed.sort_unstable();
    let old = std::mem::take(&mut written.chunks);
    let chunks: Vec<(std::ops::Range<usize>, String)> = ranges
        .into_par_iter()
        .enumerate()
        .map(|(n, range)| {
            let first_changed = changed.partition_point(|&i| i < range.start);
            let untouched = changed.get(first_changed).is_none_or(|&i| i >= range.end);
            match old.get(n) {
                Some((was, text)) if reuse && untouched && *was == range => (range, text.clone()),
                _ => {
                    let mut chunk = Chunk::default();
                    for word in &sorted[range.clone()] {
                        let (postings, fields) = &written.articles[word];
                        chunk.add(word, postings, fields);
                    }
                    let text = chunk.script(n);
                    (range, text)
                }
            }
        })
        .collect();
    written.changed.clear();
    let mut files = Vec::with_capacity(chunks.len() + 1);
    let mut script = String::with_capacity(64 + chunks.len() * 12);
    let _ = write!(
        script,
        "window.DOSSIER_SEARCH={{\"docs\":{},\"shard\":{DOC_SHARD},\"chunks\":[",
        index.entries.len()
    );
    for (n, (range, _)) in chunks.iter().enumerate() {
        if n > 0 {
            script.push(',');
        }
        push_string(&mut script, sorted.get(range.start).map_or("", |w| &**w));
    }
    script.push_str("]};\n");
    files.push((INDEX_FILE.to_string(), script));
    for (n, (_, text)) in chunks.iter().enumerate() {
        files.push((words_file(n), text.clone()));
    }
    written.chunks = chunks;
    files
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

    fn script(&self, n: usize) -> String {
        let size = self.words.len() + self.postings.len() + self.fields.len();
        let mut script = String::with_capacity(size + 128);
        let _ = write!(
            script,
            "(window.DOSSIER_SEARCH_WORDS=window.DOSSIER_SEARCH_WORDS||{{}})[{n}]={{\"words\":["
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
