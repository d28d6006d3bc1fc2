//! The index written out as the scripts the search page loads: `index.js`, the chunks of
//! words (`words-N.js`) and the shards of articles (`docs-N.js`).

use std::fmt::Write as _;

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
pub(super) fn word_files(index: &Index) -> Vec<(String, String)> {
    let mut words: Vec<&str> = index.postings.keys().map(|w| &**w).collect();
    words.extend(
        index
            .fields
            .keys()
            .map(|w| &**w)
            .filter(|w| !index.postings.contains_key(*w)),
    );
    // JavaScript compares strings by UTF-16 code units: as Rust compares them (by code
    // point) unless a word holds a character from U+E000 on (UTF-8 from byte 0xEE).
    if words.iter().all(|word| word.bytes().all(|b| b < 0xEE)) {
        words.sort_unstable();
    } else {
        words.sort_unstable_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
    }
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut current = Chunk::default();
    for word in words {
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
        if !current.words.is_empty() && current.bytes >= CHUNK_BYTES {
            chunks.push(std::mem::take(&mut current));
        }
        current.add(word, &postings, &fields);
    }
    if !current.words.is_empty() || chunks.is_empty() {
        chunks.push(current);
    }
    let mut files = Vec::with_capacity(chunks.len() + 1);
    let mut script = String::with_capacity(64 + chunks.len() * 12);
    let _ = write!(
        script,
        "window.DOSSIER_SEARCH={{\"docs\":{},\"shard\":{DOC_SHARD},\"chunks\":[",
        index.entries.len()
    );
    for (n, chunk) in chunks.iter().enumerate() {
        if n > 0 {
            script.push(',');
        }
        push_string(&mut script, chunk.first.as_str());
    }
    script.push_str("]};\n");
    files.push((INDEX_FILE.to_string(), script));
    for (n, chunk) in chunks.into_iter().enumerate() {
        files.push((words_file(n), chunk.script(n)));
    }
    files
}

/// A chunk of words as it is written: its first word, and its three arrays' items.
#[derive(Default)]
struct Chunk {
    first: String,
    words: String,
    postings: String,
    fields: String,
    bytes: usize,
}

impl Chunk {
    fn add(&mut self, word: &str, postings: &str, fields: &str) {
        if self.words.is_empty() {
            self.first = word.to_string();
        } else {
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
        self.bytes = self.words.len() + self.postings.len() + self.fields.len();
    }

    fn script(&self, n: usize) -> String {
        let mut script = String::with_capacity(self.bytes + 128);
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
