//! The printable briefing puts the articles of a language on one page: all of them while the
//! dossier is small, else a selection (`model::briefing`). Each body was rendered
//! for the article's own page; `relocate::move_body` moves it onto the briefing, each under
//! its article's section.

use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::{LangId, TopicId};
use crate::error::Diagnostic;
use crate::model::ArticleId;
use crate::render::relocate::{Move, move_body};
use crate::render::templates;
use crate::render::{
    ALSO, ARTICLES, BODY, CONTENTS, Common, Cut, Piece, Renderer, cut_at_markers, numbered_marker,
    page_context, put,
};
use crate::site::pages::Page;
use crate::site::urls;

/// How many articles the briefing makes at once.
const ARTICLE_BATCH: usize = 256;

/// The id of an article's section: `{code}_{slug}`. Language codes hold no `_`, so two
/// articles never share one; topics' sections (`topic-…`), `cover` and `contents` hold none.
pub fn anchor(code: &str, slug: &str) -> String {
    format!("{code}_{slug}")
}

impl Renderer<'_> {
    /// The printable briefing of a language: cover, table of contents, then each topic with
    /// its articles in full, newest first. An article of several topics is printed under the
    /// first of them (in the config's order); the others list it with a link to it.
    pub(crate) fn briefing(
        &self,
        lang: usize,
        path: &str,
        out: &mut dyn FnMut(Piece),
    ) -> Result<(), Diagnostic> {
        let mut clock = crate::timings::Clock::start();
        let dossier = self.dossier;
        let config = self.config();
        let language = &config.languages[lang];
        let mut common = self.named_page(
            Page::Briefing(LangId(lang)),
            lang,
            urls::briefing,
            path,
            "briefing",
        );
        common.briefing_current = true;
        let selection = dossier.briefing_selection(lang, self.newest_first());
        let printed = &selection.printed;
        let as_of = selection.as_of;
        let listed = self.briefing_listing(lang, printed);
        clock.lap("briefing: listings");
        let entries: Vec<Arc<str>> = listed
            .par_iter()
            .map(|l| self.briefing_entry(l.id, lang, l.under, l.number))
            .collect::<Result<_, _>>()?;
        clock.lap("briefing: entries");
        let topics = config
            .topics
            .iter()
            .enumerate()
            .map(|(t, topic)| {
                let in_topic = listed.iter().filter(|l| l.topic == t);
                BriefingTopic {
                    anchor: topic_anchor(&topic.key),
                    key: topic.key.clone(),
                    name: topic.names[lang].clone(),
                    description: topic.descriptions[lang].clone(),
                    count: in_topic.clone().count(),
                    printed: in_topic.filter(|l| l.under.is_none()).count(),
                    contents: numbered_marker(CONTENTS, t),
                    also: numbered_marker(ALSO, t),
                    articles: numbered_marker(ARTICLES, t),
                }
            })
            .collect();
        let context = self.to_context(&BriefingContext {
            common,
            briefing: BriefingCover {
                as_of: as_of.map(|date| language.localize(date)),
                as_of_iso: as_of.map(|date| date.iso()),
                count: selection.count,
                total: selection.total,
                whole: selection.whole,
                heads: print_heads(
                    &language.title,
                    config
                        .topics
                        .iter()
                        .map(|t| (topic_anchor(&t.key), t.names[lang].as_str())),
                ),
                selection: self.selection_said(lang, &selection),
            },
            topics,
            who: self.who_is_who(lang, printed, path),
        })?;
        let page = self
            .templates
            .tera
            .render(Page::Briefing(LangId(lang)).template(), &context)
            .map_err(|e| templates::diagnostic(&e))?;
        clock.lap("briefing: tera");

        // The markers, replaced by what they stand for: the page goes out in pieces, never
        // whole (at 10,000 articles, it is some 80 MB). The bodies of a topic's articles are
        // spliced in after Tera, so that megabytes of bodies and thousands of entries never
        // pass through a context.
        for cut in cut_at_markers(page.as_bytes(), &[CONTENTS, ALSO, ARTICLES]) {
            let (kind, topic) = match cut {
                Cut::Text(text) => {
                    out(Piece::Made(text));
                    continue;
                }
                Cut::Marker { kind, n, .. } => (kind, n),
            };
            let of_topic = |l: &&Listing| l.topic == topic;
            match kind {
                // The contents list each article once, under the topic it is printed under.
                0 => listed
                    .iter()
                    .zip(&entries)
                    .filter(|(l, _)| of_topic(l) && l.under.is_none())
                    .for_each(|(_, html)| out(Piece::Kept(html))),
                1 => listed
                    .iter()
                    .zip(&entries)
                    .filter(|(l, _)| of_topic(l) && l.under.is_some())
                    .for_each(|(_, html)| out(Piece::Kept(html))),
                // The articles, a batch at a time (each in parallel): the bodies of a
                // whole topic are never held at once.
                _ => {
                    let printed: Vec<&Listing> = listed
                        .iter()
                        .filter(|l| l.under.is_none() && of_topic(l))
                        .collect();
                    for batch in printed.chunks(ARTICLE_BATCH) {
                        let articles: Vec<Printed> = batch
                            .par_iter()
                            .map(|l| self.briefing_article(l.id, lang, path, l.number))
                            .collect::<Result<_, _>>()?;
                        articles.iter().for_each(|printed| match printed {
                            Printed::Kept(html) => out(Piece::Kept(html)),
                            Printed::Made(html) => out(Piece::Made(html.as_bytes())),
                        });
                    }
                }
            }
        }
        clock.lap("briefing: page and articles");
        Ok(())
    }

    /// What a briefing that does not print the whole dossier holds, in a sentence of `lang`
    /// (`briefing_selection`); empty when it prints it whole.
    pub(super) fn selection_said(
        &self,
        lang: usize,
        selection: &crate::model::briefing::Selection,
    ) -> String {
        match selection.whole {
            true => String::new(),
            false => self.config().languages[lang]
                .string("briefing_selection")
                .replace("{per_topic}", &self.config().briefing.per_topic.to_string())
                .replace("{count}", &selection.count.to_string())
                .replace("{total}", &selection.total.to_string()),
        }
    }

    /// Each topic's printed articles (`printed`, by article), in the config's order of topics
    /// and each topic's order of articles. An article of several topics is printed under the
    /// first of them; the others list it. The articles are numbered in the order they are
    /// printed, so that a reader finds one on paper. The briefing and the e-book both follow it.
    pub(super) fn briefing_listing(&self, lang: usize, printed: &[bool]) -> Vec<Listing> {
        let dossier = self.dossier;
        let mut listed: Vec<Listing> = (0..self.config().topics.len())
            .flat_map(|t| {
                self.topic_listing(lang, t)
                    .iter()
                    .filter(|&&id| printed[id])
                    .map(move |&id| {
                        let home = dossier.articles[id].topics.iter().copied().min();
                        Listing {
                            topic: t,
                            id,
                            under: home.filter(|&h| h != t),
                            number: 0,
                        }
                    })
            })
            .collect();
        let mut numbers = ahash::AHashMap::new();
        for l in listed.iter_mut().filter(|l| l.under.is_none()) {
            l.number = numbers.len() + 1;
            numbers.insert(l.id, l.number);
        }
        for l in listed.iter_mut().filter(|l| l.under.is_some()) {
            l.number = numbers.get(&l.id).copied().unwrap_or_default();
        }
        listed
    }

    /// The section id of an article on the briefing.
    pub(super) fn anchor_of(&self, id: usize) -> String {
        let article = &self.dossier.articles[id];
        anchor(&self.config().languages[article.lang].code, &article.slug)
    }

    /// One entry of the briefing's contents, from the cache or rendered through
    /// `briefing-entry.html`; `under`: the topic it is printed under, when not this one.
    fn briefing_entry(
        &self,
        id: usize,
        lang: usize,
        under: Option<usize>,
        number: usize,
    ) -> Result<Arc<str>, Diagnostic> {
        let key = (ArticleId(id), LangId(lang), under.map(TopicId));
        if let Some(html) = self.entries.contents.lock().expect("entry cache").get(&key) {
            return Ok(Arc::clone(html));
        }
        let config = self.config();
        // Its title as lists show it: an abstract's in the page's language.
        let shown = self.entry_without_topics(id, lang, "");
        let mut context = tera::Context::new();
        put(
            &mut context,
            "entry",
            &BriefingEntry {
                title: shown.title,
                anchor: self.anchor_of(id),
                lang: shown.lang,
                only: shown.only,
                number,
                printed_under: under.map(|t| BriefingTopicLink {
                    anchor: topic_anchor(&config.topics[t].key),
                    name: config.topics[t].names[lang].clone(),
                }),
            },
        )?;
        let html = self.render_piece("briefing-entry.html", lang, context)?;
        let html: Arc<str> = Arc::from(html);
        self.entries
            .contents
            .lock()
            .expect("entry cache")
            .insert(key, Arc::clone(&html));
        Ok(html)
    }

    /// One article on the briefing, from the cache or rendered through
    /// `briefing-article.html` with its body moved in.
    pub(super) fn briefing_article(
        &self,
        id: usize,
        lang: usize,
        briefing: &str,
        number: usize,
    ) -> Result<Printed, Diagnostic> {
        let key = (ArticleId(id), LangId(lang));
        if let Some(html) = self.entries.sections.lock().expect("entry cache").get(&key) {
            return Ok(Printed::Kept(Arc::clone(html)));
        }
        let dossier = self.dossier;
        let config = self.config();
        let article = &dossier.articles[id];
        let written_in = &config.languages[article.lang];
        let language = &config.languages[lang];
        let anchor = self.anchor_of(id);
        // Its title and summary as lists show them: an abstract's in the page's language.
        let shown = self.entry_without_topics(id, lang, "");
        let mut context = tera::Context::new();
        put(
            &mut context,
            "article",
            &BriefingArticle {
                anchor: anchor.clone(),
                number,
                title: shown.title,
                summary: match article.abstract_in(lang) {
                    Some(_) => Some(shown.summary).filter(|s| !s.is_empty()),
                    None => article.summary.as_deref().map(|s| written_in.typeset(s)),
                },
                lang: written_in.code.clone(),
                title_lang: shown.lang,
                only: shown.only,
                date: self.date_in(lang, id),
                date_iso: article.date_iso(),
                updated: article.updated.map(|date| language.localize(date)),
                updated_iso: article.updated.map(|d| d.iso()),
                sources: super::credits::sources(article, language),
                figures: self.article_figures(id, lang, &format!("{anchor}-figures"), 4),
                authors: super::credits::authors(article, lang),
                topics: article
                    .topics
                    .iter()
                    .map(|&t| BriefingTopicLink {
                        anchor: topic_anchor(&config.topics[t].key),
                        name: config.topics[t].names[lang].clone(),
                    })
                    .collect(),
                actors: self.actor_links(id, lang, briefing),
                body: tera::Value::safe_string(&numbered_marker(BODY, 0)),
            },
        )?;
        let shell = self.render_piece("briefing-article.html", lang, context)?;
        // The sections of the articles this body links to that the briefing prints (articles
        // are sorted by file), and of itself.
        let body = &self.bodies[id];
        let page = self.article_path(id);
        let mut sections: ahash::AHashMap<String, String> = body
            .links
            .iter()
            .filter_map(|link| {
                dossier
                    .articles
                    .binary_search_by(|a| a.file.as_str().cmp(&link.target))
                    .ok()
            })
            .filter(|&target| dossier.is_shown(target, lang))
            .map(|target| {
                (
                    self.article_path(target).to_string(),
                    self.anchor_of(target),
                )
            })
            .collect();
        sections.insert(page.to_string(), anchor.clone());
        let section_of = |path: &str| sections.get(path).cloned();
        let mut html = String::with_capacity(shell.len() + body.html.len() * 9 / 8);
        // The body where the template printed its marker (the first time).
        let mut moved = false;
        for cut in cut_at_markers(shell.as_bytes(), &[BODY]) {
            match cut {
                Cut::Marker { n: 0, .. } if !moved => {
                    moved = true;
                    let to = Move {
                        page,
                        to: briefing,
                        id_prefix: &format!("{anchor}."),
                        headings_down: 2,
                        section_of: &section_of,
                    };
                    move_body(&body.html, &to, &mut html);
                }
                Cut::Text(text) | Cut::Marker { text, .. } => {
                    html.push_str(std::str::from_utf8(text).expect("cut between ASCII markers"));
                }
            }
        }
        if self.entries.one_shot {
            return Ok(Printed::Made(html));
        }
        let html: Arc<str> = Arc::from(html);
        self.entries
            .sections
            .lock()
            .expect("entry cache")
            .insert(key, Arc::clone(&html));
        Ok(Printed::Kept(html))
    }
}

/// An article as the briefing prints it: kept in the entry cache (shared with it), or made
/// for a build that is never rebuilt (not copied into an `Arc` only to be written once).
pub(super) enum Printed {
    Kept(Arc<str>),
    Made(String),
}

/// The running heads of the printed briefing, as CSS paged media: the dossier's title at the
/// top of every page but the cover, each topic's name on the pages of its section (a named
/// page per topic: Chromium has no `string-set`), the page number at the foot.
fn print_heads<'t>(title: &str, topics: impl Iterator<Item = (String, &'t str)>) -> String {
    let mut css = format!(
        "@page {{ @top-left {{ content: {}; }} @bottom-right {{ content: counter(page); }} }}\n\
         @page cover {{ @top-left {{ content: none; }} @top-right {{ content: none; }} @bottom-right {{ content: none; }} }}\n\
         .briefing-cover {{ page: cover; }}\n",
        css_string(title)
    );
    for (n, (anchor, name)) in topics.enumerate() {
        css.push_str(&format!(
            "@page topic-{n} {{ @top-right {{ content: {}; }} }}\n\
             .briefing-topic[aria-labelledby={}] {{ page: topic-{n}; }}\n",
            css_string(name),
            css_string(&anchor)
        ));
    }
    css
}

/// `text` as a CSS string, quoted, that cannot close the `<style>` it is printed in.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '<' | '>' | '&' => out.push_str(&format!("\\{:X} ", c as u32)),
            c if c.is_control() => out.push_str(&format!("\\{:X} ", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub(super) fn topic_anchor(key: &str) -> String {
    format!("topic-{key}")
}

struct BriefingContext {
    common: Common,
    briefing: BriefingCover,
    topics: Vec<BriefingTopic>,
    /// The actors its articles name, by kind (`actors.toml`; none without).
    who: Vec<super::actors::WhoKind>,
}

page_context!(BriefingContext {
    briefing,
    topics,
    who
});

#[derive(Serialize)]
struct BriefingCover {
    /// The newest date of the articles shown (published or updated), localized.
    as_of: Option<String>,
    as_of_iso: Option<String>,
    /// How many articles it prints, of how many the language shows.
    count: usize,
    total: usize,
    /// Whether it prints the whole dossier (`[briefing] all_up_to`).
    whole: bool,
    /// When it does not: what it holds, in a sentence (`briefing_selection`).
    selection: String,
    /// The print stylesheet's running heads (`print_heads`), to print with `| safe` in a
    /// `<style>`.
    heads: String,
}

#[derive(Serialize)]
struct BriefingTopic {
    key: String,
    anchor: String,
    name: String,
    description: String,
    /// How many articles the topic holds, and how many of them are printed under it (the
    /// others are printed under another of their topics).
    count: usize,
    printed: usize,
    /// Markers (to print with `| safe`) of the topic's entries in the table of contents, of
    /// those printed under another topic, and of the articles printed under this one.
    contents: String,
    also: String,
    articles: String,
}

#[derive(Serialize)]
struct BriefingEntry {
    title: String,
    anchor: String,
    lang: String,
    only: String,
    /// The number it is printed under (`Listing::number`).
    number: usize,
    /// When the article is printed under another of its topics: that one.
    printed_under: Option<BriefingTopicLink>,
}

/// An article as a briefing lists it under a topic.
pub(super) struct Listing {
    pub(super) topic: usize,
    pub(super) id: usize,
    /// The topic it is printed under, when it is not this one.
    pub(super) under: Option<usize>,
    /// Its number in the briefing: the articles are numbered from 1 as they are printed.
    pub(super) number: usize,
}

#[derive(Serialize)]
struct BriefingTopicLink {
    anchor: String,
    name: String,
}

#[derive(Serialize)]
struct BriefingArticle {
    anchor: String,
    /// Its number in the briefing (`Listing::number`), printed before its title.
    number: usize,
    title: String,
    /// The summary the author wrote (the first paragraph, which stands for it elsewhere, is
    /// in the body).
    summary: Option<String>,
    lang: String,
    /// The language of its title and summary: the page's for an abstract.
    title_lang: String,
    only: String,
    date: String,
    date_iso: String,
    updated: Option<String>,
    updated_iso: Option<String>,
    sources: Vec<super::credits::SourceView>,
    /// Its key figures, before its text.
    figures: super::figures::Figures,
    authors: Vec<String>,
    topics: Vec<BriefingTopicLink>,
    /// The actors its group names, in the briefing's language, linked to their pages.
    actors: Vec<super::actors::ActorLink>,
    /// Where the body goes: a safe string, printed as it is.
    body: tera::Value,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_running_head_cannot_close_its_string_or_its_style() {
        assert_eq!(css_string("Corée « A »"), "\"Corée « A »\"");
        assert_eq!(
            css_string("a\"b\\c</style><x>&\n"),
            "\"a\\\"b\\\\c\\3C /style\\3E \\3C x\\3E \\26 \\A \""
        );
        let heads = print_heads("T", [("topic-a".to_string(), "A")].into_iter());
        assert!(heads.contains("@page topic-0 { @top-right { content: \"A\"; } }"));
        assert!(heads.contains(".briefing-topic[aria-labelledby=\"topic-a\"] { page: topic-0; }"));
    }
}
