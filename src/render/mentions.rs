//! The actors an article names, found in its text: one Aho–Corasick automaton per language over
//! every spelling of every actor (names and aliases, folded: case, accents, hyphens and spaces
//! aside), one pass over each text. A match counts only as a whole word, the longest spelling
//! first; never inside code, links or headings. The first mention of each actor in a body may
//! become a link to its page (`link_mentions` in `actors.toml`: first, every, none).

use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::config::{ActorId, Config, LinkMentions};
use crate::render::markdown::Block;
use crate::render::search::plain_text;
use crate::text::fold::fold_name_placed;

/// The automata of every language.
pub struct Finder {
    languages: Vec<Option<Automaton>>,
}

struct Automaton {
    searcher: AhoCorasick,
    /// The actor of each pattern.
    actors: Vec<ActorId>,
    /// Whether each pattern is an acronym (`UN`, `ONU`, `U.S.`: letters, none lower case),
    /// found only in capitals: `US` is not the word `us`, nor `UN` the French `un`.
    capitals: Vec<bool>,
}

/// An actor named in a body: which, and the sentence of its first mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub actor: ActorId,
    pub sentence: String,
}

/// Each actor's link from one body, made once however often the body names it: `None` for an
/// actor the article leaves out.
struct Hrefs<'a> {
    made: Vec<(ActorId, Option<String>)>,
    href: &'a dyn Fn(ActorId) -> Option<String>,
}

impl Hrefs<'_> {
    fn of(&mut self, actor: ActorId) -> Option<&str> {
        let at = match self.made.iter().position(|(a, _)| *a == actor) {
            Some(at) => at,
            None => {
                self.made.push((actor, (self.href)(actor)));
                self.made.len() - 1
            }
        };
        self.made[at].1.as_deref()
    }
}

/// What ends each run of text when a body's runs are searched as one: neither a letter nor
/// white space, so that no name is found across two runs.
const RUN_END: char = '\u{1}';

/// Elements whose text names nobody: code, links, headings, footnote marks, scripts, and
/// text struck out (`~~…~~`: no longer said).
const SKIPPED: [&str; 17] = [
    "a", "code", "pre", "kbd", "samp", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6",
    "sup", "svg", "del", "s",
];

impl Finder {
    pub fn new(config: &Config) -> Finder {
        let languages = (0..config.languages.len())
            .map(|lang| {
                let mut patterns = Vec::new();
                let mut actors = Vec::new();
                let mut capitals = Vec::new();
                for (index, actor) in config.actors.actors.iter().enumerate() {
                    for spelling in actor.texts[lang].spellings() {
                        let folded = crate::text::fold::fold_name(spelling);
                        // A spelling holding the byte that ends each run of text (written
                        // as an escape in `actors.toml`) could only match across two runs.
                        let usable = !folded.trim().is_empty() && !folded.contains(RUN_END);
                        if usable && !patterns.contains(&folded) {
                            patterns.push(folded);
                            actors.push(ActorId(index));
                            capitals.push(is_acronym(spelling));
                        }
                    }
                }
                (!patterns.is_empty()).then(|| Automaton {
                    searcher: AhoCorasick::builder()
                        .match_kind(MatchKind::Standard)
                        .build(&patterns)
                        .expect("an automaton of a few thousand names"),
                    actors,
                    capitals,
                })
            })
            .collect();
        Finder { languages }
    }

    /// Whether `lang` has any actor to find.
    pub fn has_any(&self, lang: usize) -> bool {
        self.languages.get(lang).is_some_and(Option::is_some)
    }

    /// The actors named in the plain `text` of `lang`, each match with its bytes in `text`, in
    /// order: whole words only, and where spellings overlap, the one that starts first, then
    /// the longest.
    pub fn find(&self, lang: usize, text: &str) -> Vec<(ActorId, Range<usize>)> {
        let Some(Some(automaton)) = self.languages.get(lang) else {
            return Vec::new();
        };
        let (folded, origin) = fold_name_placed(text);
        let in_capitals = |start: usize, end: usize| {
            let written = &text[origin.at(start)..origin.at(end)];
            !written.chars().any(char::is_lowercase)
        };
        let mut found: Vec<(ActorId, Range<usize>)> = automaton
            .searcher
            .find_overlapping_iter(&folded)
            .filter(|m| is_whole_word(&folded, m.start(), m.end()))
            .filter(|m| {
                !automaton.capitals[m.pattern().as_usize()] || in_capitals(m.start(), m.end())
            })
            .map(|m| (automaton.actors[m.pattern().as_usize()], m.start()..m.end()))
            .collect();
        found.sort_by_key(|(_, r)| (r.start, std::cmp::Reverse(r.end)));
        let mut kept: Vec<(ActorId, Range<usize>)> = Vec::new();
        for (actor, range) in found {
            if kept.last().is_none_or(|(_, last)| range.start >= last.end) {
                kept.push((actor, range));
            }
        }
        kept.into_iter()
            .map(|(actor, r)| (actor, origin.at(r.start)..origin.at(r.end)))
            .collect()
    }

    /// Finds the actors a rendered body (`html`, cut into `blocks`) names in its text, and
    /// links their mentions as `link` says, each to `href(actor)` (`None`: an actor the
    /// article leaves out, neither counted nor linked). Returns the body with the
    /// links, its blocks moved accordingly, and each actor named, in order of first mention,
    /// with the sentence of that mention.
    pub fn mark(
        &self,
        lang: usize,
        html: &str,
        blocks: &[Block],
        link: LinkMentions,
        href: &dyn Fn(ActorId) -> Option<String>,
    ) -> (String, Vec<Block>, Vec<Mention>) {
        if !self.has_any(lang) {
            return (html.to_string(), blocks.to_vec(), Vec::new());
        }
        // The runs of text that may name someone, between tags, out of skipped elements.
        let mut runs: Vec<Range<usize>> = Vec::new();
        let mut skipped = 0usize;
        let mut at = 0;
        for tag in crate::text::html::tags(html) {
            if skipped == 0 && tag.range.start > at {
                runs.push(at..tag.range.start);
            }
            let name = &html[tag.name.clone()];
            if SKIPPED.iter().any(|s| s.eq_ignore_ascii_case(name)) {
                match tag.closing {
                    true => skipped = skipped.saturating_sub(1),
                    false => skipped += 1,
                }
            }
            at = tag.range.end;
        }
        if skipped == 0 && at < html.len() {
            runs.push(at..html.len());
        }
        let mut out = String::with_capacity(html.len() + 256);
        // Where links were put, in the old text: (position, bytes added), in order.
        let mut added: Vec<(usize, usize)> = Vec::new();
        let mut first: Vec<(ActorId, Range<usize>)> = Vec::new();
        let mut href = Hrefs {
            made: Vec::new(),
            href,
        };
        let mut copied = 0;
        for (actor, range) in self.find_in_runs(lang, html, &runs) {
            let Some(target) = href.of(actor) else {
                continue;
            };
            let is_first = !first.iter().any(|(a, _)| *a == actor);
            if is_first {
                first.push((actor, range.clone()));
            }
            let linked = match link {
                LinkMentions::First => is_first,
                LinkMentions::Every => true,
                LinkMentions::None => false,
            };
            if linked {
                out.push_str(&html[copied..range.start]);
                let before = out.len();
                out.push_str("<a class=\"actor-link\" href=\"");
                out.push_str(target);
                out.push_str("\">");
                let opened = out.len() - before;
                out.push_str(&html[range.clone()]);
                out.push_str("</a>");
                added.push((range.start, opened));
                added.push((range.end, 4));
                copied = range.end;
            }
        }
        out.push_str(&html[copied..]);
        let moved = |position: usize| {
            position
                + added
                    .iter()
                    .take_while(|(p, _)| *p < position)
                    .map(|(_, n)| n)
                    .sum::<usize>()
        };
        let new_blocks: Vec<Block> = blocks
            .iter()
            .map(|b| Block {
                range: moved(b.range.start)..moved(b.range.end),
                heading: b.heading,
            })
            .collect();
        (out, new_blocks, Finder::sentences(html, blocks, &first))
    }

    /// The actors named in the `runs` of `html`, as [`Finder::find`] finds them in each run,
    /// with their bytes in `html`: the runs are folded and searched as one text, a byte
    /// between two that neither a name nor a word holds, rather than one by one (a body has
    /// tens of runs, between its tags).
    fn find_in_runs(
        &self,
        lang: usize,
        html: &str,
        runs: &[Range<usize>],
    ) -> Vec<(ActorId, Range<usize>)> {
        let mut joined = String::with_capacity(html.len() + runs.len());
        let mut starts = Vec::with_capacity(runs.len());
        for run in runs {
            starts.push(joined.len());
            joined.push_str(&html[run.clone()]);
            joined.push(RUN_END);
        }
        self.find(lang, &joined)
            .into_iter()
            .filter_map(|(actor, range)| {
                let run = starts.partition_point(|&start| start <= range.start) - 1;
                let offset = runs[run].start as isize - starts[run] as isize;
                let within = range.end <= starts[run] + runs[run].len();
                let moved = |at: usize| (at as isize + offset) as usize;
                within.then(|| (actor, moved(range.start)..moved(range.end)))
            })
            .collect()
    }

    /// Each first mention (`actor`, its bytes in the body) with its sentence: the plain text of
    /// its block, cut at the sentence ends around the mention. The mention's place in that
    /// text is the length of the plain text before it in the block, not a second search: the
    /// body is searched once.
    fn sentences(html: &str, blocks: &[Block], first: &[(ActorId, Range<usize>)]) -> Vec<Mention> {
        let mut text = String::new();
        let mut made: Option<Range<usize>> = None;
        first
            .iter()
            .map(|(actor, mention)| {
                let block = blocks
                    .iter()
                    .find(|b| b.range.contains(&mention.start))
                    .map_or(0..html.len(), |b| b.range.clone());
                if made.as_ref() != Some(&block) {
                    text = plain_text(&without_struck_out(&html[block.clone()]));
                    made = Some(block.clone());
                }
                let before = plain_text(&without_struck_out(&html[block.start..mention.start]));
                // A space that the text before held, written once a word follows it.
                let start =
                    before.len() + usize::from(text.as_bytes().get(before.len()) == Some(&b' '));
                let named = plain_text(&html[mention.clone()]);
                let end = (start + named.len()).min(text.len());
                let sentence = match text.get(start..end) {
                    Some(_) => sentence_around(&text, start..end),
                    None => "",
                };
                Mention {
                    actor: *actor,
                    sentence: sentence.to_string(),
                }
            })
            .collect()
    }
}

/// `html` without the text struck out (`<del>…</del>`, `<s>…</s>`): a sentence quoted shows
/// what the article says, not what it took back.
fn without_struck_out(html: &str) -> std::borrow::Cow<'_, str> {
    if !html.contains("<del") && !html.contains("<s>") && !html.contains("<s ") {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    loop {
        let next = [("<del", "</del>"), ("<s>", "</s>"), ("<s ", "</s>")]
            .iter()
            .filter_map(|&(open, close)| rest.find(open).map(|at| (at, close)))
            .min();
        let Some((at, close)) = next else { break };
        out.push_str(&rest[..at]);
        match rest[at..].find(close) {
            Some(end) => rest = &rest[at + end + close.len()..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Whether a spelling is an acronym: it has letters, and none in lower case (`UN`, `U.S.`,
/// `RPDC`).
fn is_acronym(spelling: &str) -> bool {
    spelling.chars().any(char::is_alphabetic) && !spelling.chars().any(char::is_lowercase)
}

/// Whether `text[start..end]` stands as whole words: no letter or digit just before or after.
fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// The sentence of `text` that holds `range`: from after the end of the sentence before (`.`,
/// `!`, `?` or `…` followed by white space) to the end of its own, trimmed. (By bytes: the
/// first three are one byte each, and `…` is the only character that ends in E2 80 A6.)
pub fn sentence_around(text: &str, range: Range<usize>) -> &str {
    let bytes = text.as_bytes();
    // Whether a sentence ends just before byte `i`, the punctuation's last byte being `i - 1`.
    let ends = |i: usize| {
        let punctuation = match bytes[i - 1] {
            b'.' | b'!' | b'?' => true,
            // The last byte of `…` (E2 80 A6).
            0xa6 => i >= 3 && bytes[i - 3..i - 1] == [0xe2, 0x80],
            _ => false,
        };
        punctuation && text[i..].starts_with(char::is_whitespace)
    };
    let is_mark = |b: &u8| matches!(b, b'.' | b'!' | b'?' | 0xa6);
    let mut start = 0;
    let mut before = range.start;
    while let Some(at) = bytes[..before].iter().rposition(is_mark) {
        if at + 1 < range.start && ends(at + 1) {
            start = at + 1;
            break;
        }
        before = at;
    }
    let mut end = text.len();
    let mut from = range.end.saturating_sub(1);
    while let Some(at) = bytes[from..].iter().position(is_mark) {
        let i = from + at + 1;
        if i >= range.end && ends(i) {
            end = i;
            break;
        }
        from = i;
    }
    text[start..end].trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        let mut problems = crate::error::Problems::default();
        let config = Config::parse_site(
            include_str!("../../tests/fixtures/basic/config.toml"),
            Some(
                r#"
[kinds.person]
fr = "Personnes"
en = "People"
[kinds.organisation]
fr = "Organisations"
en = "Organisations"

[actors.kim-jong-un]
kind = "person"
[actors.kim-jong-un.fr]
name = "Kim Jong-un"
description = "Dirigeant."
aliases = ["Kim Jong Un", "Kim"]
[actors.kim-jong-un.en]
name = "Kim Jong Un"
description = "Leader."

[actors.onu]
kind = "organisation"
[actors.onu.fr]
name = "Organisation des Nations unies"
description = "L’ONU."
aliases = ["ONU", "Nations unies"]
[actors.onu.en]
name = "United Nations"
description = "The UN."
aliases = ["UN"]
"#,
            ),
            &mut problems,
        );
        assert!(problems.errors.is_empty(), "{:?}", problems.errors);
        config.expect("a config")
    }

    #[test]
    fn names_are_found_as_whole_words_the_longest_first_whatever_the_spelling() {
        let finder = Finder::new(&config());
        let text = "À l’ONU, KIM JONG\u{2011}UN a parlé ; Kimchi non. Les Nations unies, Kim.";
        let found: Vec<(usize, &str)> = finder
            .find(0, text)
            .into_iter()
            .map(|(a, r)| (a.0, &text[r]))
            .collect();
        assert_eq!(
            found,
            [
                (1, "ONU"),
                (0, "KIM JONG\u{2011}UN"),
                (1, "Nations unies"),
                (0, "Kim")
            ]
        );
        // English has its own spellings; `UN` is not inside `UNESCO` nor `unless`.
        // An acronym is found in capitals only: `un` and `Un` are not the UN.
        let found: Vec<usize> = finder
            .find(1, "The UN, unless UNESCO… un Un Kim Jong Un.")
            .into_iter()
            .map(|(a, _)| a.0)
            .collect();
        assert_eq!(found, [1, 0]);
    }

    #[test]
    fn the_first_mention_links_never_in_code_links_or_headings() {
        let finder = Finder::new(&config());
        let html = "<h2 id=\"kim\">Kim</h2>\n<p>Selon l’<a href=\"x\">ONU</a>, <code>Kim</code> \
                    et Kim Jong-un ont parlé. Puis Kim rentra.</p>\n<p>L’ONU confirme.</p>\n";
        let p = html.find("<p>").unwrap();
        let second = html.rfind("<p>").unwrap();
        let blocks = vec![
            Block {
                range: 0..p,
                heading: Some(2),
            },
            Block {
                range: p..second,
                heading: None,
            },
            Block {
                range: second..html.len(),
                heading: None,
            },
        ];
        let href = |a: ActorId| Some(format!("../acteurs/{}/", a.0));
        let (out, moved, mentions) = finder.mark(0, html, &blocks, LinkMentions::First, &href);
        assert_eq!(
            out,
            "<h2 id=\"kim\">Kim</h2>\n<p>Selon l’<a href=\"x\">ONU</a>, <code>Kim</code> et \
             <a class=\"actor-link\" href=\"../acteurs/0/\">Kim Jong-un</a> ont parlé. Puis Kim \
             rentra.</p>\n<p>L’<a class=\"actor-link\" href=\"../acteurs/1/\">ONU</a> confirme.</p>\n"
        );
        for block in &moved {
            assert!(out[block.range.clone()].starts_with('<'), "{block:?}");
        }
        assert_eq!(
            &out[moved[2].range.clone()],
            "<p>L’<a class=\"actor-link\" href=\"../acteurs/1/\">ONU</a> confirme.</p>\n"
        );
        assert_eq!(
            mentions,
            [
                Mention {
                    actor: ActorId(0),
                    sentence: "Selon l’ONU, Kim et Kim Jong-un ont parlé.".into()
                },
                Mention {
                    actor: ActorId(1),
                    sentence: "L’ONU confirme.".into()
                }
            ]
        );
        let (every, _, _) = finder.mark(0, html, &blocks, LinkMentions::Every, &href);
        assert_eq!(every.matches("actor-link").count(), 3);
        let (none, _, _) = finder.mark(0, html, &blocks, LinkMentions::None, &href);
        assert_eq!(none, html);
    }

    #[test]
    fn a_name_is_found_within_one_run_of_text_never_across_two() {
        let finder = Finder::new(&config());
        let html = "<p>Nations</p>\n<p>unies <em>Kim</em>Jong-un, <CODE>ONU</CODE> \
                    l’<strong>ONU</strong></p><p>Kim Jong<br>Un Nations unies</p>";
        let blocks = vec![Block {
            range: 0..html.len(),
            heading: None,
        }];
        let href = |a: ActorId| Some(format!("#{}", a.0));
        let (out, _, _) = finder.mark(0, html, &blocks, LinkMentions::Every, &href);
        let linked: Vec<&str> = out
            .split("<a class=\"actor-link\" href=\"")
            .skip(1)
            .map(|rest| rest.split("</a>").next().unwrap())
            .collect();
        assert_eq!(
            linked,
            ["#0\">Kim", "#1\">ONU", "#0\">Kim", "#1\">Nations unies"]
        );
    }

    #[test]
    fn the_sentence_quoted_is_the_first_mention_s_not_a_name_in_code_before_it() {
        let finder = Finder::new(&config());
        let html = "<p>Le code <code>Kim Jong-un</code> compile.\nPuis   Kim\nJong-un \
                    arrive &amp; parle. Fin.</p>\n";
        let blocks = vec![Block {
            range: 0..html.len(),
            heading: None,
        }];
        let href = |a: ActorId| Some(format!("#{}", a.0));
        let (_, _, mentions) = finder.mark(0, html, &blocks, LinkMentions::First, &href);
        assert_eq!(
            mentions,
            [Mention {
                actor: ActorId(0),
                sentence: "Puis Kim Jong-un arrive & parle.".into()
            }]
        );
    }

    /// `sentence_around` as it was first written, character by character.
    fn sentence_around_reference(text: &str, range: Range<usize>) -> &str {
        let ends = |i: usize| {
            let before = text[..i].chars().next_back();
            matches!(before, Some('.' | '!' | '?' | '…'))
                && text[i..].starts_with(|c: char| c.is_whitespace())
        };
        let start = text[..range.start]
            .char_indices()
            .rev()
            .map(|(i, _)| i)
            .find(|&i| i > 0 && ends(i))
            .unwrap_or(0);
        let end = text[range.end..]
            .char_indices()
            .map(|(i, _)| range.end + i)
            .find(|&i| ends(i))
            .unwrap_or(text.len());
        text[start..end].trim()
    }

    proptest::proptest! {
        #[test]
        fn sentences_are_cut_as_character_by_character(
            text in "([a-zA-Z ]{0,6}|[.!?…]|[ \t\n\u{a0}]|[éàæ’‰†]){0,30}",
            a in 0usize..40,
            b in 0usize..40,
        ) {
            let boundaries: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let start = boundaries[a % boundaries.len()];
            let end = boundaries[(a % boundaries.len()).max(b % boundaries.len())];
            let end = end.max(start);
            proptest::prop_assert_eq!(
                sentence_around(&text, start..end),
                sentence_around_reference(&text, start..end)
            );
        }
    }

    #[test]
    fn a_sentence_is_cut_at_its_ends() {
        let text = "Premier. Le 12 juin, Kim arrive ! Fin…";
        let at = text.find("Kim").unwrap();
        assert_eq!(
            sentence_around(text, at..at + 3),
            "Le 12 juin, Kim arrive !"
        );
        assert_eq!(sentence_around("Kim seul", 0..3), "Kim seul");
    }

    #[test]
    fn text_struck_out_names_nobody_and_is_not_quoted() {
        let finder = Finder::new(&config());
        let html = "<p>Selon <del>Kim et</del> l’ONU, <s>non</s> tout va bien.</p>\n";
        let blocks = vec![Block {
            range: 0..html.len(),
            heading: None,
        }];
        let href = |a: ActorId| Some(format!("../acteurs/{}/", a.0));
        let (_, _, mentions) = finder.mark(0, html, &blocks, LinkMentions::First, &href);
        assert_eq!(
            mentions,
            [Mention {
                actor: ActorId(1),
                sentence: "Selon l’ONU, tout va bien.".into()
            }]
        );
    }
}
