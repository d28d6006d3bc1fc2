//! Search, per language: the index the site's search script reads in the browser, built with
//! the site. Everything here is pure.
//!
//! The index of a language is made of scripts, not JSON, so that search works from disk,
//! where a browser refuses to `fetch` files; and it is cut so that a search loads only what
//! its words need (at 10,000 articles, the whole index is some 14 MB, a search 100-odd kB):
//!
//! - `index.js`: how many articles there are, and the first word of each chunk of words;
//! - `words-N.js`: a chunk of the folded words (`Corée` → `coree`) of the articles' texts,
//!   titles and summaries, in JavaScript's string order, each with the articles whose text
//!   holds it and those whose title or summary does (what ranking needs); the script loads
//!   the chunks that hold the words starting with those of the query;
//! - `docs-N.js`: [`DOC_SHARD`] articles each, as results show them (link, title, summary,
//!   date, language) with their plain text, to cut a snippet around the words found; loaded
//!   for the results shown.
//!
//! [`fold`] and [`words`] must split and fold text exactly as `templates/search.js` does.

mod files;
mod postings;
mod run;
mod text;
mod words;

pub use files::{
    CHUNK_BYTES, DOC_SHARD, INDEX_FILE, MAX_CHUNK, docs_file, docs_shard, is_shard_file, words_file,
};
pub use text::plain_text;
pub use words::{fold, words};

use postings::Postings;
use run::Run;
#[cfg(test)]
use run::pack;
#[cfg(test)]
use text::*;
use words::*;

#[cfg(test)]
use crate::text::json::any_special;
use crate::text::json::push_string;

use ahash::{AHashMap, AHashSet};
use rayon::prelude::*;

/// One article as the search of a language shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    /// Relative to the search page.
    pub href: String,
    pub title: String,
    pub summary: String,
    /// Localized, as the page shows it.
    pub date: String,
    /// The language the article is written in.
    pub lang: String,
    /// The language its title and summary are shown in when not `lang` (an abstract's, the
    /// page's), else empty.
    pub shown_lang: String,
    /// When it is not written in the search page's language: the mark (`French only`).
    pub only: String,
    /// The plain text of its body.
    pub text: String,
    /// The distinct folded words of `text`, each followed by `\n`, when another language's
    /// search found them already (`Index::extend` gives them): taken as they are instead of
    /// folding the text again.
    pub words: Option<String>,
}

/// Where a word is besides the text: in the title, in the summary (bits of a field mark).
const IN_SUMMARY: u8 = 1;
const IN_TITLE: u8 = 2;

/// A language's search index, kept between builds so that an edit in place costs one article,
/// not the whole dossier: each article's entry, already written out, each folded word of the
/// texts with the articles (by position) whose text holds it, and each word of the titles and
/// summaries with the articles whose title or summary holds it.
#[derive(Debug, Default)]
pub struct Index {
    entries: Vec<String>,
    postings: Postings,
    /// Articles by position, each with `IN_TITLE` and `IN_SUMMARY` bits.
    fields: AHashMap<Box<str>, Vec<(u32, u8)>>,
    /// Each article's title and summary words with their bits, to take them back out (none
    /// in an index that is never edited: `never_edited`).
    field_words: Vec<Vec<(Box<str>, u8)>>,
    /// The words in order with the bytes each takes, and the chunks made, kept between
    /// edits: an edit makes again only the chunks of the words it changed.
    written: std::sync::Mutex<files::Written>,
    /// Built to be written once (`dossier build`): what only edits need is not kept.
    never_edited: bool,
}

impl Clone for Index {
    fn clone(&self) -> Index {
        Index {
            entries: self.entries.clone(),
            postings: self.postings.clone(),
            fields: self.fields.clone(),
            field_words: self.field_words.clone(),
            written: std::sync::Mutex::new(self.written.lock().expect("search").clone()),
            never_edited: self.never_edited,
        }
    }
}

/// How many texts a caller that builds an index in batches should make at once: a whole
/// number of shards.
pub const BATCH: usize = 170 * DOC_SHARD;

/// How many texts one thread indexes on its own before their postings are merged.
const RUN: usize = 256;

/// The folded words of a text, once each.
fn distinct_words(folded: &str) -> Vec<&str> {
    let mut seen: AHashSet<&str> = AHashSet::with_capacity(512);
    words(folded).filter(|word| seen.insert(word)).collect()
}

/// The words of an article's title and summary, each once with where it is.
fn field_words(doc: &Doc) -> Vec<(Box<str>, u8)> {
    let mut found: Vec<(Box<str>, u8)> = Vec::new();
    for (text, bit) in [(&doc.title, IN_TITLE), (&doc.summary, IN_SUMMARY)] {
        for_each_word(text, |word| {
            match found.iter_mut().find(|(w, _)| &**w == word) {
                Some((_, bits)) => *bits |= bit,
                None => found.push((word.into(), bit)),
            }
        });
    }
    found
}

/// An article's entry: `[href, title, summary, date, lang, only, shown]`, `shown` the language
/// of its title and summary when not `lang`, else empty.
fn entry(doc: &Doc) -> String {
    let mut entry =
        String::with_capacity(doc.href.len() + doc.title.len() + doc.summary.len() + 64);
    entry.push('[');
    for (j, field) in [
        &doc.href,
        &doc.title,
        &doc.summary,
        &doc.date,
        &doc.lang,
        &doc.only,
        &doc.shown_lang,
    ]
    .into_iter()
    .enumerate()
    {
        if j > 0 {
            entry.push(',');
        }
        push_string(&mut entry, field);
    }
    entry.push(']');
    entry
}

impl Index {
    /// The index of a language's articles, in the order results break ties in (newest first),
    /// built at once: what the tests compare the index built in batches and edited with.
    #[cfg(test)]
    pub(crate) fn new(docs: &[Doc]) -> Index {
        let mut index = Index::default();
        for chunk in docs.chunks(BATCH) {
            index.extend(chunk, |_| false);
        }
        index
    }

    /// Adds articles after those indexed: a caller can index a language in batches (of
    /// [`BATCH`]) and drop each batch's texts before it makes the next. Returns the distinct
    /// words (as `Doc::words` takes them) of the docs at the positions in `docs` that `keep`
    /// asks for, so that another language's search need not fold their texts again.
    pub fn extend(
        &mut self,
        docs: &[Doc],
        keep: impl Fn(usize) -> bool + Sync,
    ) -> Vec<(usize, String)> {
        // Each run of texts is folded and indexed on its own (in parallel), then the runs'
        // postings are merged in order: per word and run, not per word of every text.
        *self.written.get_mut().expect("search") = files::Written::default();
        let first = self.entries.len();
        let (runs, kept): (Vec<postings::Sharded>, Vec<Vec<(usize, String)>>) = docs
            .par_chunks(RUN)
            .enumerate()
            .map(|(r, run)| {
                let mut postings = Run::default();
                let mut kept = Vec::new();
                for (j, doc) in run.iter().enumerate() {
                    let at = r * RUN + j;
                    let i = (first + at) as u32;
                    match (&doc.words, keep(at)) {
                        (Some(words), _) => words
                            .split_terminator('\n')
                            .for_each(|word| _ = postings.add(word, i)),
                        (None, false) => for_each_word(&doc.text, |word| _ = postings.add(word, i)),
                        (None, true) => {
                            let mut words = String::new();
                            for_each_word(&doc.text, |word| {
                                if postings.add(word, i) {
                                    words.push_str(word);
                                    words.push('\n');
                                }
                            });
                            kept.push((at, words));
                        }
                    }
                }
                (postings.into_sharded(), kept)
            })
            .unzip();
        self.postings.merge(runs);
        let fields: Vec<Vec<(Box<str>, u8)>> = docs.par_iter().map(field_words).collect();
        for (at, words) in fields.iter().enumerate() {
            let position = (first + at) as u32;
            for (word, bits) in words {
                self.fields
                    .entry(word.clone())
                    .or_default()
                    .push((position, *bits));
            }
        }
        if !self.never_edited {
            self.field_words.extend(fields);
        }
        self.entries.par_extend(docs.par_iter().map(entry));
        kept.into_iter().flatten().collect()
    }

    /// An empty index to be built, written once and never edited (`replace` panics): it
    /// keeps less (at 10,000 groups, 15 MB a language of title and summary words).
    pub fn never_edited() -> Index {
        Index {
            never_edited: true,
            ..Index::default()
        }
    }

    /// Article `at` changed: its entry, its words from those of `old_text` to those of its
    /// new text, and the words of its title and summary.
    pub fn replace(&mut self, at: usize, old_text: &str, doc: &Doc) {
        assert!(
            !self.never_edited,
            "an index built to be written once is edited"
        );
        let position = at as u32;
        self.entries[at] = entry(doc);
        let (old, new) = (fold(old_text), fold(&doc.text));
        let (old, new) = (distinct_words(&old), distinct_words(&new));
        let gone: AHashSet<&str> = old.iter().copied().collect();
        let kept: AHashSet<&str> = new.iter().copied().collect();
        let fields = field_words(doc);
        // The words whose articles change, to write out again.
        let mut changed: Vec<Box<str>> = Vec::new();
        for word in old.iter().filter(|w| !kept.contains(*w)) {
            if let Some(articles) = self.postings.get_mut(word) {
                if let Ok(i) = articles.binary_search(&position) {
                    articles.remove(i);
                }
                if articles.is_empty() {
                    self.postings.remove(word);
                }
            }
            changed.push((*word).into());
        }
        for word in new.iter().filter(|w| !gone.contains(*w)) {
            let articles = self.postings.articles_mut(word);
            if let Err(i) = articles.binary_search(&position) {
                articles.insert(i, position);
            }
            changed.push((*word).into());
        }
        let old_fields = std::mem::take(&mut self.field_words[at]);
        if old_fields != fields {
            for (word, _) in &old_fields {
                if let Some(articles) = self.fields.get_mut(word) {
                    articles.retain(|&(p, _)| p != position);
                    if articles.is_empty() {
                        self.fields.remove(word);
                    }
                }
                changed.push(word.clone());
            }
            for (word, bits) in &fields {
                let articles = self.fields.entry(word.clone()).or_default();
                let i = articles.partition_point(|&(p, _)| p < position);
                articles.insert(i, (position, *bits));
                changed.push(word.clone());
            }
        }
        self.field_words[at] = fields;
        let written = self.written.get_mut().expect("search");
        for word in changed {
            let held = self.postings.contains_key(&word) || self.fields.contains_key(&word);
            written.forget(word, held);
        }
    }

    /// How many articles the index holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Article `at`'s entry, as its shard writes it.
    pub fn entry(&self, at: usize) -> &str {
        &self.entries[at]
    }

    /// `index.js` and the chunks of words (`words-<id>.js`), by file name.
    pub fn files(&self) -> Vec<(String, String)> {
        let mut written = self.written.lock().expect("search");
        files::word_files(self, &mut written)
    }

    /// `index.js` and the chunks of words, taken out of the index: for a build that writes
    /// them and never edits (`dossier build`), so that they are not held twice. An edit after
    /// this makes every chunk again.
    pub fn take_files(&mut self) -> Vec<(String, String)> {
        let mut written = std::mem::take(self.written.get_mut().expect("search"));
        files::take_word_files(self, &mut written)
    }

    /// What an edit changed: `index.js` and the chunks of words made anew since the chunks
    /// were last made (by this or by [`Index::files`]), and the files of the chunks that went.
    pub fn changed_files(&self) -> (Vec<(String, String)>, Vec<String>) {
        let mut written = self.written.lock().expect("search");
        files::changed_word_files(self, &mut written)
    }

    /// Everything the index writes, in one text: its entries, then its files.
    #[cfg(test)]
    fn script(&self) -> String {
        let mut script = self.entries.join("\n");
        for (name, text) in &self.files() {
            script.push_str("\n// ");
            script.push_str(name);
            script.push('\n');
            script.push_str(text);
        }
        script
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::fmt::Write as _;

    #[test]
    fn folding_drops_case_accents_and_ligatures() {
        assert_eq!(fold("Corée"), "coree");
        assert_eq!(fold("CORÉE"), "coree");
        assert_eq!(fold("Sanctions"), "sanctions");
        assert_eq!(
            fold("Œuvre, cœur, ÆTHER, Straße"),
            "oeuvre, coeur, aether, strasse"
        );
        assert_eq!(fold("ﬁnance ²"), "finance 2");
        // Decomposed input folds like composed input.
        assert_eq!(fold("Core\u{301}e"), "coree");
        // JavaScript lowers a final `Σ` to `ς`, Rust's `char` to `σ`: both fold to `σ`.
        assert_eq!(fold("ΟΔΟΣ οδος"), "οδοσ οδοσ");
    }

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        let folded = fold("Nord-Coréens : 1,5 milliard (2025) l’ONU");
        let found: Vec<&str> = words(&folded).collect();
        assert_eq!(
            found,
            ["nord", "coreens", "1", "5", "milliard", "2025", "l", "onu"]
        );
    }

    #[test]
    fn plain_text_keeps_words_apart_and_drops_footnote_numbers() {
        let html = "<h2 id=\"a\">Chronologie</h2>\n<p>Le groupe a volé <del>1</del> 1,5 milliard\
            <sup class=\"footnote-reference\" id=\"fnref-b\"><a href=\"#fn-b\">1</a></sup>.</p>\
            <table><tr><td>2016</td><td>Banque</td></tr></table><p>A &amp; B &#39;c&#x27; &eacute;</p>";
        assert_eq!(
            plain_text(html),
            "Chronologie Le groupe a volé 1 1,5 milliard. 2016 Banque A & B 'c' &eacute;"
        );
    }

    #[test]
    fn every_byte_collapsing_looks_at_may_matter() {
        // Anywhere in the eight, followed by a letter or by a space.
        for b in 0..=255u8 {
            for (at, after) in [(0, b'a'), (3, b'a'), (6, b' '), (7, b'a')] {
                let mut chunk = *b"abcdefgh";
                chunk[at] = b;
                if at < 7 {
                    chunk[at + 1] = after;
                }
                let flagged = may_matter(u64::from_le_bytes(chunk)) & 0x80 << (8 * at) != 0;
                let single_space = b == b' ' && after.is_ascii_graphic() && at < 7;
                let looked_at = SPACE_CLASS[usize::from(b)] != 0 && !single_space;
                assert!(flagged || !looked_at, "{b:#x} at {at}");
            }
        }
    }

    #[test]
    fn white_space_collapses_wherever_the_eight_bytes_fall() {
        for text in [
            " a",
            "  leading and trailing  ",
            "one\n two",
            "a\u{a0}b c\u{202f}: d",
            "words  with\tdouble   spaces and\u{3000}ideographic",
            "\n\n  x",
            "abcdefg h",
            "abcdefgh i",
            "abcdefg  h",
            "abcdefg\u{2028}h",
            "\u{1680}abcdefghijklmnop q",
        ] {
            let mut fast = Collapsed {
                text: String::new(),
                space: false,
            };
            fast.push_str(text);
            assert_eq!(fast.text, collapse_spaces_reference(text), "{text:?}");
        }
    }

    #[test]
    fn shard_files_are_recognized() {
        assert!(is_shard_file(&docs_file(0)));
        assert!(is_shard_file(&words_file("0a1b2c3d")));
        assert!(is_shard_file("docs-12.js"));
        assert!(!is_shard_file("docs-.js"));
        assert!(!is_shard_file("docs-1a.js"));
        assert!(!is_shard_file("index.js"));
        assert!(!is_shard_file("words-1A.js"));
        assert!(!is_shard_file("words-.js"));
        assert!(!is_shard_file("text-1.js"));
    }

    fn doc(text: &str) -> Doc {
        Doc {
            href: "../a/index.html".into(),
            title: "T".into(),
            summary: "S".into(),
            date: "1 mai".into(),
            lang: "fr".into(),
            shown_lang: String::new(),
            only: String::new(),
            text: text.into(),
            words: None,
        }
    }

    /// The words one search keeps of its docs, given to another's, index them alike.
    #[test]
    fn words_kept_by_one_index_make_the_same_index_in_another() {
        let texts = [
            "Corée et corée, Pyongyang",
            "",
            "rien",
            "un deux un",
            "Écho « écho »",
        ];
        let docs: Vec<Doc> = texts.iter().map(|t| doc(t)).collect();
        let mut first = Index::default();
        let kept = first.extend(&docs, |at| at != 2);
        assert_eq!(
            kept.iter().map(|(at, _)| *at).collect::<Vec<_>>(),
            [0, 1, 3, 4]
        );
        assert_eq!(kept[0].1, "coree\net\npyongyang\n");
        assert_eq!(kept[2].1, "un\ndeux\n");
        let mut given = docs.clone();
        for (at, words) in kept {
            given[at].words = Some(words);
        }
        let mut second = Index::default();
        assert!(second.extend(&given, |_| false).is_empty());
        assert_eq!(second.script(), first.script());
        assert_eq!(first.script(), Index::new(&docs).script());
    }

    #[test]
    fn the_index_lists_each_word_with_its_articles() {
        let mut docs: Vec<Doc> = (0..40).map(|_| doc("rien")).collect();
        docs[0].text = "Corée et corée".into();
        docs[37].text = "La Corée </script>".into();
        docs[37].title = "Rien de neuf".into();
        let index = Index::new(&docs);
        let files = index.files();
        assert_eq!(files.len(), 2, "{files:?}");
        assert_eq!(
            files[0],
            (
                "index.js".to_string(),
                // The chunk's id: the hash of its first word, the same in every build.
                "window.DOSSIER_SEARCH={\"docs\":40,\"shard\":6,\"chunks\":[\"coree\"],\"ids\":\"9b1f0b0f\"};\n"
                    .to_string()
            )
        );
        assert_eq!(files[1].0, "words-9b1f0b0f.js");
        let chunk = &files[1].1;
        assert!(chunk.starts_with(
            "(window.DOSSIER_SEARCH_WORDS=window.DOSSIER_SEARCH_WORDS||{})[\"9b1f0b0f\"]={\"words\":["
        ));
        // Titles and summaries count: `t` and `s` are the articles' title and summary, `de`
        // and `neuf` only in the 38th's title.
        assert!(
            chunk.contains(
                "\"words\":[\"coree\",\"de\",\"et\",\"la\",\"neuf\",\"rien\",\"s\",\"script\",\"t\"]"
            ),
            "{chunk}"
        );
        // `coree`: articles 0 and 37 (37 = 1 × 36 + 1: "11" in base 36).
        assert!(
            chunk.contains("\"postings\":[\"0 11\",\"\",\"0\",\"11\",\"\",\"1 1 1 1"),
            "{chunk}"
        );
        // In the title of the 38th (37 × 4 + 2 = 150 = "46" in base 36); `rien` in its title
        // and in the texts; `s` in every summary (1, then 4 + 1 = 5 each).
        assert!(
            chunk.contains("\"fields\":[\"\",\"46\",\"\",\"\",\"46\",\"46\",\"1 5 5"),
            "{chunk}"
        );
        let shard = docs_shard(
            6,
            (36..40).map(|at| (index.entry(at), docs[at].text.as_str())),
        );
        assert!(
            shard.starts_with(
                "(window.DOSSIER_SEARCH_DOCS=window.DOSSIER_SEARCH_DOCS||{})[6]=[\n[\"../a/index.html\",\"T\",\"S\",\"1 mai\",\"fr\",\"\",\"\",\"rien\"]"
            ),
            "{shard}"
        );
        assert!(shard.contains("\"La Corée \\u003c/script>\"]"), "{shard}");
    }

    #[test]
    fn chunks_close_within_their_sizes_and_list_their_first_words_and_ids() {
        // Words enough for several chunks: each article holds ten of its own.
        let docs: Vec<Doc> = (0..2000)
            .map(|i| {
                let text: Vec<String> = (0..10).map(|w| format!("m{i}x{w}")).collect();
                doc(&text.join(" "))
            })
            .collect();
        let index = Index::new(&docs);
        let files = index.files();
        assert!(files.len() > 3, "{}", files.len());
        let list = files[0].1.split("\"chunks\":[").nth(1).unwrap();
        let chunks: Vec<&str> = list.split(']').next().unwrap().split(',').collect();
        assert_eq!(chunks.len(), files.len() - 1);
        let ids = files[0].1.split("\"ids\":\"").nth(1).unwrap();
        let ids = ids.split('"').next().unwrap();
        assert_eq!(ids.len(), 8 * chunks.len());
        let mut sizes = Vec::new();
        for (n, (name, text)) in files[1..].iter().enumerate() {
            let id = &ids[8 * n..8 * n + 8];
            assert_eq!(name, &words_file(id));
            assert!(text.contains(&format!("[\"{id}\"]=")), "{name}");
            assert!(text.len() < MAX_CHUNK + 1024, "{name}: {}", text.len());
            let words = text.split("\"words\":[").nth(1).unwrap();
            assert_eq!(words.split(',').next().unwrap(), chunks[n], "{name}");
            sizes.push(text.len());
        }
        // About `CHUNK_BYTES` each on average, the last one aside.
        sizes.pop();
        let mean = sizes.iter().sum::<usize>() / sizes.len();
        assert!(
            (CHUNK_BYTES / 2..CHUNK_BYTES * 3 / 2).contains(&mean),
            "{mean}: {sizes:?}"
        );
    }

    /// Article `i`'s text in version `v`: words of its own (`v` changes them: words come and
    /// go), and two of a hundred shared ones (`v` changes which: only their articles change).
    fn text(i: usize, v: usize) -> String {
        let words: Vec<String> = (0..10).map(|w| format!("m{i}x{w}v{}", v / 10)).collect();
        format!(
            "{} p{} q{}",
            words.join(" "),
            (i + v) % 100,
            (i * 7 + v) % 100
        )
    }

    /// An edit's changed files, put in place of those before, give the files of the index
    /// built anew; and they are its own chunk and few others, not every chunk after it.
    #[test]
    fn an_edit_changes_its_own_chunks_and_names_those_gone() {
        let mut docs: Vec<Doc> = (0..2000).map(|i| doc(&text(i, 0))).collect();
        let index_files =
            |index: &Index| -> BTreeMap<String, String> { index.files().iter().cloned().collect() };
        let mut index = Index::new(&docs);
        let mut files = index_files(&index);
        let chunks = files.len() - 1;
        assert!(chunks > 10, "{chunks}");
        for (at, v) in [(500, 1), (1500, 30), (10, 20), (10, 21), (1999, 40)] {
            let old = std::mem::replace(&mut docs[at].text, text(at, v));
            index.replace(at, &old, &docs[at]);
            let (changed, gone) = index.changed_files();
            for name in gone {
                assert!(files.remove(&name).is_some(), "{name}");
            }
            let remade = changed.len() - 1;
            files.extend(changed);
            assert_eq!(files, index_files(&Index::new(&docs)), "edit of {at}");
            // Its own words, and `p…` and `q…` words that may lie in two chunks each.
            assert!(
                remade <= 6,
                "edit of {at}: {remade} of {chunks} chunks made again"
            );
        }
    }

    /// Many chunks, written out between edits: those whose words did not change are taken
    /// as they were, and the whole is what a fresh build writes.
    #[test]
    fn chunks_kept_between_edits_give_the_index_built_anew() {
        let mut docs: Vec<Doc> = (0..2000).map(|i| doc(&text(i, 0))).collect();
        let mut index = Index::new(&docs);
        assert!(index.files().len() > 5);
        // Shared words only (no word comes or goes), then words that come and go, then a
        // title.
        for (at, v) in [(500, 1), (1500, 3), (10, 20), (10, 21)] {
            let old = std::mem::replace(&mut docs[at].text, text(at, v));
            index.replace(at, &old, &docs[at]);
            let _ = index.files();
            assert_eq!(index.script(), Index::new(&docs).script(), "edit of {at}");
        }
        let old = docs[7].text.clone();
        docs[7].title = "Un titre nouveau".into();
        index.replace(7, &old, &docs[7]);
        assert_eq!(index.script(), Index::new(&docs).script());
    }

    #[test]
    fn words_are_in_javascript_order() {
        // By UTF-16 code units: U+10428 (a surrogate pair, from 0xD801) before U+FA0E, a
        // compatibility ideograph without decomposition.
        let docs = [doc("zèbre \u{FA0E} a \u{10428} é")];
        let script = Index::new(&docs).script();
        assert!(
            script.contains(
                "\"words\":[\"a\",\"e\",\"s\",\"t\",\"zebre\",\"\u{10428}\",\"\u{FA0E}\"]"
            ),
            "{script}"
        );
    }

    #[test]
    fn an_article_replaced_gives_the_index_built_anew() {
        let mut docs: Vec<Doc> = (0..5).map(|i| doc(&format!("commun mot{i}"))).collect();
        let mut index = Index::new(&docs);
        let old = docs[2].text.clone();
        docs[2].text = "Nouveau texte, commun".into();
        docs[2].title = "Autre titre".into();
        index.replace(2, &old, &docs[2]);
        assert_eq!(index.script(), Index::new(&docs).script());
        // Back again.
        let old = docs[2].text.clone();
        docs[2].text = "mot2 commun mot9".into();
        index.replace(2, &old, &docs[2]);
        assert_eq!(index.script(), Index::new(&docs).script());
    }

    #[test]
    fn words_of_every_character_the_table_folds_match_fold() {
        // Every character of the table and those around its two ranges, inside a word and
        // beside it: each folded from the table as `fold` folds it.
        let codes = (0x7eu32..0x260).chain(0x1ff0..0x2080);
        for c in codes.filter_map(char::from_u32) {
            for text in [format!("a{c}b"), format!("{c}"), format!("É{c}{c}x")] {
                let mut found = Vec::new();
                for_each_word(&text, |word| found.push(word.to_string()));
                let folded = fold(&text);
                let expected: Vec<&str> = words(&folded).collect();
                assert_eq!(found, expected, "{text:?} (U+{:04X})", u32::from(c));
            }
        }
    }

    #[test]
    fn packs_words_as_a_zeroed_copy_would() {
        let text = b"abcdefghijklmnopq\xc3\xa9";
        for start in 0..4 {
            for len in 0..=16 {
                let bytes = &text[start..start + len];
                let mut copy = [0u8; 16];
                copy[..len].copy_from_slice(bytes);
                assert_eq!(pack(bytes), u128::from_le_bytes(copy), "{len} bytes");
            }
        }
    }

    proptest::proptest! {
        /// Any run of edits in place leaves the index a fresh build would give.
        #[test]
        fn edits_in_place_give_the_index_built_anew(
            texts in proptest::collection::vec("[a-cé É<\"\\\\n]{0,12}", 1..6),
            edits in proptest::collection::vec((0usize..6, "[a-cé É]{0,12}"), 0..8),
        ) {
            let mut docs: Vec<Doc> = texts.iter().map(|t| doc(t)).collect();
            let mut index = Index::new(&docs);
            for (n, (at, text)) in edits.into_iter().enumerate() {
                let at = at % docs.len();
                // Every other edit is of the title and summary too.
                if n % 2 == 1 {
                    docs[at].title = text.chars().rev().collect();
                    docs[at].summary = text.clone();
                }
                let old = std::mem::replace(&mut docs[at].text, text);
                index.replace(at, &old, &docs[at]);
                // Written out between edits, as the live preview does: what it keeps must
                // follow the next edit.
                let _ = index.files();
            }
            proptest::prop_assert_eq!(index.script(), Index::new(&docs).script());
        }
    }

    #[test]
    fn strings_are_escaped() {
        let mut out = String::new();
        push_string(&mut out, "a\"b\\c\nd\u{1}\u{2028}");
        assert_eq!(out, "\"a\\\"b\\\\c\\nd\\u0001\\u2028\"");
        let mut n = String::new();
        files::push_base36(&mut n, 36 * 36 + 35);
        assert_eq!(n, "10z");
    }

    // The first, plainer versions of the functions made faster since: the same results.
    // (`fold` went faster on runs of ASCII; other characters still go through `fold_char`.)
    fn fold_reference(text: &str) -> String {
        let mut folded = String::with_capacity(text.len());
        for c in text.chars() {
            if c.is_ascii() {
                folded.push(c.to_ascii_lowercase());
                continue;
            }
            fold_char(c, &mut folded);
        }
        folded
    }

    fn words_reference(folded: &str) -> impl Iterator<Item = &str> {
        folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
    }

    fn collapse_spaces_reference(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for word in text.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        out
    }

    fn push_string_reference(out: &mut String, text: &str) {
        out.push('"');
        let mut start = 0;
        for (i, c) in text.char_indices() {
            let escaped = match c {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                // `</script>` cannot end anything in a script file, but `<` costs nothing to hide.
                '<' => "\\u003c",
                '\u{2028}' => "\\u2028",
                '\u{2029}' => "\\u2029",
                c if (c as u32) < 0x20 => "",
                _ => continue,
            };
            out.push_str(&text[start..i]);
            if escaped.is_empty() {
                let _ = write!(out, "\\u{:04x}", c as u32);
            } else {
                out.push_str(escaped);
            }
            start = i + c.len_utf8();
        }
        out.push_str(&text[start..]);
        out.push('"');
    }

    /// Text with what the fast paths must get right: ASCII and not, marks, ligatures, white
    /// space of every kind, entities, tags, quotes and line separators.
    fn tricky() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy as _;
        proptest::collection::vec(
            proptest::prop_oneof![
                "[a-zA-Z0-9 ]{0,8}",
                "[éÉœŒßΣς\u{301}\u{a0}\u{202f}\u{2028}\u{2029}\u{85}\u{b}\u{c}\u{1f}\u{7f}\u{1680}\u{3000}\u{800}\u{3fff}\t\r\n\"\\\\<>&;#x’–\u{2000}\u{206f}\u{2070}\u{24f}\u{250}]{0,6}",
                proptest::sample::select(vec![
                    "<p>", "</p>", "<em>", "</em>", "&amp;", "&nbsp;", "&#233;", "&#x2028;",
                    "<sup class=\"footnote-reference\">", "</sup>", "<br />", "ﬁ", "²", "&bogus",
                ])
                .prop_map(str::to_string),
                proptest::prelude::any::<char>().prop_map(String::from),
            ],
            0..12,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest::proptest! {
        /// Text pushed into `Collapsed` in any pieces, with tags that separate words (`None`)
        /// between them, reads as the pieces joined, then collapsed.
        #[test]
        fn collapsing_as_text_is_pushed_agrees_with_collapsing_after(
            parts in proptest::collection::vec(proptest::option::of(tricky()), 0..6)
        ) {
            let mut fast = Collapsed {
                text: String::new(),
                space: false,
            };
            for part in &parts {
                match part {
                    Some(text) => fast.push_str(text),
                    None => fast.space = true,
                }
            }
            let joined: String = parts.iter().map(|p| p.as_deref().unwrap_or(" ")).collect();
            proptest::prop_assert_eq!(fast.text, collapse_spaces_reference(&joined));
        }

        /// The postings of texts indexed in runs are those of each text's words, in order:
        /// short words (packed) and long ones (by their text) alike.
        #[test]
        fn the_postings_are_each_words_articles(
            texts in proptest::collection::vec(
                proptest::strategy::Strategy::prop_map(
                    proptest::collection::vec(
                        proptest::sample::select(vec![
                            "a", "Corée", "sixteen-bytes-ab", "seventeen-bytes-a",
                            "abcdefghijklmnop", "abcdefghijklmnopq", "dénucléarisation",
                            "Dénucléarisations", "ﬁnance", "x2", "œuvre",
                        ]),
                        0..6,
                    ),
                    |words| words.join(" "),
                ),
                0..150,
            )
        ) {
            let docs: Vec<Doc> = texts.iter().map(|text| doc(text)).collect();
            let index = Index::new(&docs);
            let mut expected: AHashMap<Box<str>, Vec<u32>> = AHashMap::new();
            for (i, text) in texts.iter().enumerate() {
                let folded = fold(text);
                for word in distinct_words(&folded) {
                    expected.entry(word.into()).or_default().push(i as u32);
                }
            }
            proptest::prop_assert_eq!(index.postings.to_map(), expected);
        }

        #[test]
        fn bytes_that_may_matter_to_collapsing_are_flagged(chunk in proptest::prelude::any::<[u8; 8]>()) {
            let matters = |j: usize| match chunk[j] {
                b' ' => chunk.get(j + 1).is_none_or(|next| !next.is_ascii_graphic()),
                b => b < 0x20 || matches!(b, 0xc2 | 0xe0..=0xe3),
            };
            let flagged = may_matter(u64::from_le_bytes(chunk));
            for j in 0..8 {
                if matters(j) {
                    proptest::prop_assert!(flagged & 0x80 << (8 * j) != 0, "byte {}", j);
                }
            }
            proptest::prop_assert_eq!(flagged & !0x8080_8080_8080_8080, 0);
        }

        #[test]
        fn eight_bytes_are_special_when_one_of_them_is(chunk in proptest::prelude::any::<[u8; 8]>()) {
            let special = |b: u8| b < 0x20 || matches!(b, b'"' | b'\\' | b'<' | 0xe2);
            proptest::prop_assert_eq!(
                any_special(u64::from_le_bytes(chunk)),
                chunk.iter().any(|&b| special(b))
            );
            for b in 0..=255 {
                let mut one = *b"abcdefgh";
                one[usize::from(b % 8)] = b;
                proptest::prop_assert_eq!(any_special(u64::from_le_bytes(one)), special(b));
            }
        }

        #[test]
        fn the_fast_paths_agree_with_the_plain_versions(text in tricky()) {
            proptest::prop_assert_eq!(fold(&text), fold_reference(&text));
            let folded = fold(&text);
            let mut each = Vec::new();
            for_each_word(&text, |word| each.push(word.to_string()));
            proptest::prop_assert_eq!(each, words_reference(&folded).collect::<Vec<_>>());
            proptest::prop_assert_eq!(
                words(&folded).collect::<Vec<_>>(),
                words_reference(&folded).collect::<Vec<_>>()
            );
            let (mut fast, mut plain) = (String::new(), String::new());
            push_string(&mut fast, &text);
            push_string_reference(&mut plain, &text);
            proptest::prop_assert_eq!(fast, plain);
        }
    }
}
