//! The printable briefing puts every article of a language on one page. Each body was rendered
//! for the article's own page; `move_body` moves it onto the briefing: ids of different
//! articles would collide on one page, so each gets its article's prefix and the body's
//! `#fragment` links follow; relative links are made relative to the briefing; a link to an
//! article the briefing shows leads to its section; headings go two levels down, under the
//! topic's and the article's own. Pure: text in, text out.
//!
//! The HTML is the Markdown renderer's (author text escaped, attributes quoted), or the
//! author's own when `allow_raw_html` is on: tags are read with their quoted values, comments
//! and the text of `<script>` and `<style>` are copied as they are.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::error::Diagnostic;
use crate::front_matter::Source;
use crate::render::{Common, Page, Renderer, localized_date, page_path};
use crate::templates;
use crate::urls;

/// Where `briefing-article.html` puts the body, and `briefing.html` a topic's contents and
/// articles (`<!--dossier:articles:2-->`): the text is spliced in after Tera, so that megabytes
/// of bodies and thousands of entries never pass through a context. (Author text cannot forge
/// one: in templates it is escaped, and bodies are spliced in after.)
const BODY: &str = "<!--dossier:body-->";
const MARKER: &str = "<!--dossier:";

fn marker(kind: &str, topic: usize) -> String {
    format!("{MARKER}{kind}:{topic}-->")
}

/// The id of an article's section: `{code}_{slug}`. Language codes hold no `_`, so two
/// articles never share one; topics' sections (`topic-…`), `cover` and `contents` hold none.
pub fn anchor(code: &str, slug: &str) -> String {
    format!("{code}_{slug}")
}

/// Where a body moves, and what the briefing shows.
pub struct Move<'a> {
    /// The article's page, which the body's relative links start from.
    pub page: &'a str,
    /// The briefing page.
    pub briefing: &'a str,
    /// The article's section id; its body's ids become `{anchor}.{id}` (neither codes nor
    /// slugs hold a `.`, so they stay unique on the page).
    pub anchor: &'a str,
    /// The section id of the article at an output path, when the briefing shows it.
    pub section_of: &'a dyn Fn(&str) -> Option<String>,
}

/// Attributes that hold an id, or a list of ids.
const ID_ATTRIBUTES: &[&str] = &[
    "id",
    "for",
    "headers",
    "aria-labelledby",
    "aria-describedby",
    "aria-controls",
    "aria-owns",
];

/// The body, moved: appended to `out`.
pub fn move_body(html: &str, to: &Move, out: &mut String) {
    out.reserve(html.len() + html.len() / 8);
    let bytes = html.as_bytes();
    let mut copied = 0;
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        let start = at + offset;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            at = rest
                .find("-->")
                .map(|end| start + end + 3)
                .unwrap_or(html.len());
            continue;
        }
        let closing = rest.as_bytes().get(1) == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        let name_len = html[name_start..]
            .bytes()
            .take_while(u8::is_ascii_alphanumeric)
            .count();
        if name_len == 0 {
            at = start + 1;
            continue;
        }
        let name_end = name_start + name_len;
        // The end of the tag: the first `>` outside a quoted value.
        let mut end = name_end;
        let mut quote = None;
        while end < bytes.len() {
            match (quote, bytes[end]) {
                (Some(q), b) if b == q => quote = None,
                (None, b @ (b'"' | b'\''))
                    if bytes[end - 1] == b'=' || is_space(bytes[end - 1]) =>
                {
                    quote = Some(b)
                }
                (None, b'>') => break,
                _ => {}
            }
            end += 1;
        }
        let end = (end + 1).min(html.len());
        out.push_str(&html[copied..start]);
        let name = html[name_start..name_end].to_ascii_lowercase();
        out.push_str(if closing { "</" } else { "<" });
        out.push_str(&heading_down(&name).unwrap_or_else(|| html[name_start..name_end].into()));
        if closing {
            out.push_str(&html[name_end..end]);
        } else {
            attributes(&html[name_end..end], to, out);
        }
        copied = end;
        at = end;
        if !closing && (name == "script" || name == "style") {
            let close = format!("</{name}");
            at = html[at..]
                .to_ascii_lowercase()
                .find(&close)
                .map(|i| at + i)
                .unwrap_or(html.len());
        }
    }
    out.push_str(&html[copied..]);
}

/// `h2` → `h4`: a body's headings sit under the topic's (`h2`) and the article's (`h3`).
fn heading_down(name: &str) -> Option<String> {
    let level = name.strip_prefix('h')?.parse::<u8>().ok()?;
    (1..=6)
        .contains(&level)
        .then(|| format!("h{}", (level + 2).min(6)))
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Copies a tag's attributes (everything after its name), rewriting ids and links.
fn attributes(tag: &str, to: &Move, out: &mut String) {
    let bytes = tag.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if is_space(bytes[i]) || matches!(bytes[i], b'/' | b'>') {
            out.push(bytes[i] as char);
            i += 1;
            continue;
        }
        let name_start = i;
        while i < bytes.len() && !is_space(bytes[i]) && !matches!(bytes[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        if i == name_start {
            // A stray character (`=` alone): copy it.
            let c = tag[i..].chars().next().expect("not at the end");
            out.push(c);
            i += c.len_utf8();
            continue;
        }
        let name = tag[name_start..i].to_ascii_lowercase();
        out.push_str(&tag[name_start..i]);
        let before_equals = i;
        while i < bytes.len() && is_space(bytes[i]) {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            out.push_str(&tag[before_equals..i]);
            continue;
        }
        i += 1;
        while i < bytes.len() && is_space(bytes[i]) {
            i += 1;
        }
        out.push_str(&tag[before_equals..i]);
        let (value, quote) = match bytes.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let start = i + 1;
                let end = tag[start..]
                    .find(q as char)
                    .map(|e| start + e)
                    .unwrap_or(tag.len());
                i = (end + 1).min(tag.len());
                (&tag[start..end], Some(q as char))
            }
            _ => {
                let start = i;
                while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'>' {
                    i += 1;
                }
                (&tag[start..i], None)
            }
        };
        let value = if ID_ATTRIBUTES.contains(&name.as_str()) {
            value
                .split_ascii_whitespace()
                .map(|id| format!("{}.{id}", to.anchor))
                .collect::<Vec<_>>()
                .join(" ")
        } else if name == "href" || name == "src" {
            link(value, to)
        } else {
            value.to_string()
        };
        match quote {
            Some(quote) => {
                out.push(quote);
                out.push_str(&value);
                out.push(quote);
            }
            None => out.push_str(&value),
        }
    }
}

/// A link of the body, as it must read on the briefing.
fn link(value: &str, to: &Move) -> String {
    if let Some(fragment) = value.strip_prefix('#') {
        return if fragment.is_empty() {
            value.to_string()
        } else {
            format!("#{}.{fragment}", to.anchor)
        };
    }
    if value.is_empty()
        || urls::has_scheme(value)
        || value.starts_with('/')
        || value.starts_with('?')
    {
        return value.to_string();
    }
    let (rest, fragment) = match value.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment)),
        None => (value, None),
    };
    let (path, query) = match rest.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (rest, None),
    };
    let folder = to.page.rsplit_once('/').map(|(f, _)| f).unwrap_or("");
    let Some(mut target) = urls::normalize(&format!("{folder}/{path}")) else {
        return value.to_string();
    };
    if query.is_none() {
        let decoded = percent_encoding::percent_decode_str(&target.replace("&amp;", "&"))
            .decode_utf8_lossy()
            .into_owned();
        if let Some(section) = (to.section_of)(&decoded) {
            return match fragment {
                Some(fragment) if !fragment.is_empty() => format!("#{section}.{fragment}"),
                _ => format!("#{section}"),
            };
        }
    }
    if path.ends_with('/') && !target.is_empty() {
        target.push('/');
    }
    let mut link = urls::relative(to.briefing, &target);
    if let Some(query) = query {
        link.push('?');
        link.push_str(query);
    }
    if let Some(fragment) = fragment {
        link.push('#');
        link.push_str(fragment);
    }
    link
}

impl Renderer<'_> {
    /// The printable briefing of a language: cover, table of contents, then each topic with
    /// its articles in full, newest first. An article of several topics is printed under the
    /// first of them (in the config's order); the others list it with a link to it.
    pub(crate) fn briefing(&self, lang: usize, path: &str) -> Result<String, Diagnostic> {
        let mut clock = crate::timings::Clock::start();
        let dossier = self.dossier;
        let config = self.config();
        let language = &config.languages[lang];
        let mut common =
            self.named_page(Page::Briefing(lang), lang, urls::briefing, path, "briefing");
        common.briefing_current = true;
        let shown = dossier.shown(lang, None);
        // "As of" the newest date the dossier shows: the page says when it was made without
        // depending on the day of the build.
        let as_of = shown
            .iter()
            .map(|&id| {
                let article = &dossier.articles[id];
                article.updated.unwrap_or(article.date).max(article.date)
            })
            .max();
        // Each topic's articles: (topic, article, the topic it is printed under if another).
        let listed: Vec<(usize, usize, Option<usize>)> = (0..config.topics.len())
            .flat_map(|t| {
                dossier.topic_listing(lang, t).into_iter().map(move |id| {
                    let home = dossier.articles[id].topics.iter().copied().min();
                    (t, id, home.filter(|&h| h != t))
                })
            })
            .collect();
        clock.lap("briefing: listings");
        let entries: Vec<Arc<str>> = listed
            .par_iter()
            .map(|&(_, id, under)| self.briefing_entry(id, lang, under))
            .collect::<Result<_, _>>()?;
        let articles: Vec<Arc<str>> = listed
            .par_iter()
            .filter(|(_, _, under)| under.is_none())
            .map(|&(_, id, _)| self.briefing_article(id, lang, path))
            .collect::<Result<_, _>>()?;
        clock.lap("briefing: entries and articles");
        let topics = config
            .topics
            .iter()
            .enumerate()
            .map(|(t, topic)| {
                let in_topic = listed.iter().filter(|(of, _, _)| *of == t);
                BriefingTopic {
                    anchor: topic_anchor(&topic.key),
                    key: topic.key.clone(),
                    name: topic.names[lang].clone(),
                    description: topic.descriptions[lang].clone(),
                    count: in_topic.clone().count(),
                    printed: in_topic.filter(|(_, _, under)| under.is_none()).count(),
                    contents: marker("contents", t),
                    also: marker("also", t),
                    articles: marker("articles", t),
                }
            })
            .collect();
        let context = self.to_context(&BriefingContext {
            common,
            briefing: BriefingCover {
                as_of: as_of.map(|date| {
                    date.localize(
                        &language.date_format,
                        &language.months,
                        language.first_day.as_deref(),
                    )
                }),
                as_of_iso: as_of.map(|date| date.iso()),
                count: shown.len(),
            },
            topics,
        })?;
        let page = self
            .templates
            .tera
            .render(Page::Briefing(lang).template(), &context)
            .map_err(|e| templates::diagnostic(&e))?;
        clock.lap("briefing: tera");

        // The markers, replaced by what they stand for.
        let total = page.len()
            + entries.iter().map(|s| s.len()).sum::<usize>() * 2
            + articles.iter().map(|s| s.len()).sum::<usize>();
        let mut out = String::with_capacity(total);
        let mut rest = page.as_str();
        while let Some(at) = rest.find(MARKER) {
            out.push_str(&rest[..at]);
            let after = &rest[at + MARKER.len()..];
            let Some(end) = after.find("-->") else {
                break;
            };
            let (kind, topic) = after[..end].split_once(':').unwrap_or(("", ""));
            let topic: Option<usize> = topic.parse().ok();
            let of_topic = |(t, _, _): &&(usize, usize, Option<usize>)| Some(*t) == topic;
            match kind {
                "contents" => listed
                    .iter()
                    .zip(&entries)
                    .filter(|(l, _)| of_topic(l))
                    .for_each(|(_, html)| out.push_str(html)),
                "also" => listed
                    .iter()
                    .zip(&entries)
                    .filter(|(l, _)| of_topic(l) && l.2.is_some())
                    .for_each(|(_, html)| out.push_str(html)),
                "articles" => listed
                    .iter()
                    .filter(|l| l.2.is_none())
                    .zip(&articles)
                    .filter(|(l, _)| of_topic(l))
                    .for_each(|(_, html)| out.push_str(html)),
                _ => out.push_str(&rest[at..at + MARKER.len() + end + 3]),
            }
            rest = &after[end + 3..];
        }
        out.push_str(rest);
        clock.lap("briefing: page");
        Ok(out)
    }

    /// The section id of an article on the briefing.
    fn anchor_of(&self, id: usize) -> String {
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
    ) -> Result<Arc<str>, Diagnostic> {
        let key = (id, lang, under);
        if let Some(html) = self.entries.contents.lock().expect("entry cache").get(&key) {
            return Ok(Arc::clone(html));
        }
        let config = self.config();
        let article = &self.dossier.articles[id];
        let written_in = &config.languages[article.lang];
        let mut context = tera::Context::new();
        context.insert(
            "entry",
            &BriefingEntry {
                title: written_in.typeset(&article.title),
                anchor: self.anchor_of(id),
                lang: written_in.code.clone(),
                only: self.only(article.lang, lang),
                printed_under: under.map(|t| BriefingTopicLink {
                    anchor: topic_anchor(&config.topics[t].key),
                    name: config.topics[t].names[lang].clone(),
                }),
            },
        );
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
    fn briefing_article(
        &self,
        id: usize,
        lang: usize,
        briefing: &str,
    ) -> Result<Arc<str>, Diagnostic> {
        let key = (id, lang);
        if let Some(html) = self.entries.sections.lock().expect("entry cache").get(&key) {
            return Ok(Arc::clone(html));
        }
        let dossier = self.dossier;
        let config = self.config();
        let article = &dossier.articles[id];
        let written_in = &config.languages[article.lang];
        let language = &config.languages[lang];
        let anchor = self.anchor_of(id);
        let localize = |date: crate::date::Date| {
            date.localize(
                &language.date_format,
                &language.months,
                language.first_day.as_deref(),
            )
        };
        let mut context = tera::Context::new();
        context.insert(
            "article",
            &BriefingArticle {
                anchor: anchor.clone(),
                title: written_in.typeset(&article.title),
                summary: article.summary.as_deref().map(|s| written_in.typeset(s)),
                lang: written_in.code.clone(),
                only: self.only(article.lang, lang),
                date: localized_date(language, article),
                date_iso: article.date.iso(),
                updated: article.updated.map(localize),
                updated_iso: article.updated.map(|d| d.iso()),
                source: article.source.clone(),
                topics: article
                    .topics
                    .iter()
                    .map(|&t| BriefingTopicLink {
                        anchor: topic_anchor(&config.topics[t].key),
                        name: config.topics[t].names[lang].clone(),
                    })
                    .collect(),
                body: BODY,
            },
        );
        let shell = self.render_piece("briefing-article.html", lang, context)?;
        // The sections of the articles this body links to that the briefing prints (articles
        // are sorted by file), and of itself.
        let body = &self.bodies[id];
        let page = page_path(dossier, Page::Article(id));
        let mut sections: HashMap<String, String> = body
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
                    page_path(dossier, Page::Article(target)),
                    self.anchor_of(target),
                )
            })
            .collect();
        sections.insert(page.clone(), anchor.clone());
        let section_of = |path: &str| sections.get(path).cloned();
        let mut html = String::with_capacity(shell.len() + body.html.len() * 9 / 8);
        match shell.split_once(BODY) {
            Some((head, tail)) => {
                html.push_str(head);
                let to = Move {
                    page: &page,
                    briefing,
                    anchor: &anchor,
                    section_of: &section_of,
                };
                move_body(&body.html, &to, &mut html);
                html.push_str(tail);
            }
            None => html.push_str(&shell),
        }
        let html: Arc<str> = Arc::from(html);
        self.entries
            .sections
            .lock()
            .expect("entry cache")
            .insert(key, Arc::clone(&html));
        Ok(html)
    }
}

fn topic_anchor(key: &str) -> String {
    format!("topic-{key}")
}

#[derive(Serialize)]
struct BriefingContext {
    #[serde(flatten)]
    common: Common,
    briefing: BriefingCover,
    topics: Vec<BriefingTopic>,
}

#[derive(Serialize)]
struct BriefingCover {
    /// The newest date of the articles shown (published or updated), localized.
    as_of: Option<String>,
    as_of_iso: Option<String>,
    count: usize,
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
    /// When the article is printed under another of its topics: that one.
    printed_under: Option<BriefingTopicLink>,
}

#[derive(Serialize)]
struct BriefingTopicLink {
    anchor: String,
    name: String,
}

#[derive(Serialize)]
struct BriefingArticle {
    anchor: String,
    title: String,
    /// The summary the author wrote (the first paragraph, which stands for it elsewhere, is
    /// in the body).
    summary: Option<String>,
    lang: String,
    only: String,
    date: String,
    date_iso: String,
    updated: Option<String>,
    updated_iso: Option<String>,
    source: Option<Source>,
    topics: Vec<BriefingTopicLink>,
    /// Where the body goes (to print with `| safe`).
    body: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moved(html: &str) -> String {
        let section_of = |path: &str| match path {
            "fr/articles/b/index.html" => Some("fr_b".to_string()),
            "en/articles/é/index.html" => Some("en_é".to_string()),
            "fr/articles/a/index.html" => Some("fr_a".to_string()),
            _ => None,
        };
        let to = Move {
            page: "fr/articles/a/index.html",
            briefing: "fr/dossier-imprimable/index.html",
            anchor: "fr_a",
            section_of: &section_of,
        };
        let mut out = String::new();
        move_body(html, &to, &mut out);
        out
    }

    #[test]
    fn ids_and_fragments_get_the_article_prefix() {
        assert_eq!(
            moved(
                "<h2 id=\"contexte\">Contexte</h2>\n<p>Voir<sup class=\"footnote-reference\" id=\"fnref-1\"><a href=\"#fn-1\">1</a></sup> <a href=\"#contexte\">ici</a> <a href=\"#\">haut</a></p>"
            ),
            "<h4 id=\"fr_a.contexte\">Contexte</h4>\n<p>Voir<sup class=\"footnote-reference\" id=\"fr_a.fnref-1\"><a href=\"#fr_a.fn-1\">1</a></sup> <a href=\"#fr_a.contexte\">ici</a> <a href=\"#\">haut</a></p>"
        );
    }

    #[test]
    fn links_to_shown_articles_lead_to_their_section() {
        assert_eq!(
            moved(
                "<a href=\"../b/index.html#conclusions\">b</a> <a href=\"../../../en/articles/%C3%A9/index.html\">é</a> <a href=\"index.html#x\">self</a>"
            ),
            "<a href=\"#fr_b.conclusions\">b</a> <a href=\"#en_é\">é</a> <a href=\"#fr_a.x\">self</a>"
        );
    }

    #[test]
    fn other_relative_links_start_from_the_briefing() {
        assert_eq!(
            moved(
                "<img src=\"../../../files/a/map%20v2.png\" alt=\"x\" /> <a href=\"../c/index.html#part\">c</a> <a href=\"../../../fr/\">fr</a> <a href=\"?q=1\">q</a>"
            ),
            "<img src=\"../../files/a/map%20v2.png\" alt=\"x\" /> <a href=\"../articles/c/index.html#part\">c</a> <a href=\"../\">fr</a> <a href=\"?q=1\">q</a>"
        );
    }

    #[test]
    fn external_links_text_comments_and_scripts_are_kept() {
        let html = "<p title='a > b' data-x=\"<h2 id=x>\">id=\"x\" href=\"#y\" &lt;h2&gt;</p><!-- <h2 id=\"c\"> --><a href=\"https://e.org/#x\" hreflang=en>e</a><script>if (a<b) x = '<h1 id=\"s\">';</script><pre class=\"code\"><code><span class=\"k\">fn</span></code></pre>";
        assert_eq!(moved(html), html);
    }

    #[test]
    fn headings_go_two_levels_down_and_id_lists_are_prefixed() {
        assert_eq!(
            moved(
                "<H1>T</H1><h5 ID=x>y</h5><h6>z</h6><label for=\"a\" aria-describedby=\"b c\">l</label>"
            ),
            "<h3>T</h3><h6 ID=fr_a.x>y</h6><h6>z</h6><label for=\"fr_a.a\" aria-describedby=\"fr_a.b fr_a.c\">l</label>"
        );
    }
}
