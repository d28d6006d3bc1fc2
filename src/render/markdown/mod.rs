//! Markdown to HTML with pulldown-cmark: heading ids, links between articles resolved to page
//! URLs, code highlighted, raw HTML escaped unless allowed, French typography on text.
//! Pure: the caller says how to find other articles.

mod autolinks;
mod comments;
mod footnotes;
mod headings;
mod ids;
mod links;
mod raw_html;
mod shortcodes;
mod source_quotes;
mod structure;
mod summary;
mod write;

use crate::error::LineIndex;
use ids::{Footnotes, UsedIds, unique_id};
pub use ids::{heading_id, unicode_heading_id};
pub(crate) use raw_html::tokens as html_tokens;
use structure::is_block_boundary;
pub(crate) use write::escape;
use write::{code_block, push, write_blocks};

use ahash::AHashSet;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::text::typography;

/// How to render one article.
pub struct Settings<'a> {
    pub french_typography: bool,
    pub allow_raw_html: bool,
    /// The article's file, relative to the site root (`content/a/b.fr.md`).
    pub file: &'a str,
    /// File line of the body's first line, for messages.
    pub body_line: usize,
    /// The relative URL of the page of an article file (`content/a/b.fr.md`), if it exists.
    pub resolve: &'a (dyn Fn(&str) -> Option<String> + Sync),
    /// For an article file in another language than this article's: that language's code,
    /// and the mark that says so in this article's language ("in French").
    pub other_language: &'a (dyn Fn(&str) -> Option<(String, String)> + Sync),
    /// The relative URL of another file of `content/` (`content/a/map.png`), if it exists.
    pub asset: &'a (dyn Fn(&str) -> Option<String> + Sync),
    /// The article file nearest to one that does not exist, to suggest.
    pub nearest: &'a (dyn Fn(&str) -> Option<String> + Sync),
    /// Whether an article file exists but could not be read (its own errors say why): a link
    /// to it is not an error of this body.
    pub unread: &'a (dyn Fn(&str) -> bool + Sync),
    /// The article's page, relative to the output root, to make `/…` links relative.
    pub page: &'a str,
    /// A preview with drafts (`--drafts`): what an unfinished article may still have (a
    /// shortcode) is a warning, not an error.
    pub drafts: bool,
    /// The article is itself a draft (`draft = true`): an empty body is expected, no warning.
    pub is_draft: bool,
    /// The article's title: a body that starts with it as a `# ` heading loses that heading.
    pub title: &'a str,
    /// Heading ids in ASCII only (`arriere-plan`), not with the text's letters (`arrière-plan`).
    pub ascii_ids: bool,
    /// The label of a quote of the source (`> [!SOURCE]`), in the article's language.
    pub source_label: &'a str,
    /// Ids the page around the body uses: its headings and notes take others.
    pub reserved_ids: &'a [String],
}

/// A link target found in the body, for the caller to resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleLink {
    /// The target file relative to the site root (`content/sanctions/x.fr.md`), normalized.
    pub target: String,
    pub fragment: Option<String>,
    /// As written, for messages.
    pub written: String,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A top-level block of a rendered body: its bytes in `Rendered::html`, and its heading level
/// when it is a heading (headings anchor the side-by-side alignment).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub range: std::ops::Range<usize>,
    pub heading: Option<u8>,
}

#[derive(Debug, Clone)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    /// Plain text of the first paragraph, for a summary when none is given.
    pub first_paragraph: Option<String>,
    /// Plain text of what comes before a `<!-- more -->` line: the summary the author marked.
    pub summary: Option<String>,
    /// Links to other articles that exist, for the caller to check their fragments.
    pub links: Vec<ArticleLink>,
    /// Links to `#fragment` on the same page, with their line.
    pub self_anchors: Vec<(String, usize)>,
    /// Problems found while reading the body: (line, message).
    pub problems: Vec<(usize, String)>,
    /// What the body should not have but can be published with: (line, message).
    pub warnings: Vec<(usize, String)>,
    /// Every article file the body links to, found or not: when one of them appears, moves
    /// or disappears, the body must be rendered again.
    pub targets: Vec<String>,
    /// Every `id` the body defines (headings, footnotes), for anchor checks.
    pub ids: AHashSet<String>,
    /// Links to files of the generated site written from its root (`/fr/`, `/img/a.png`),
    /// made relative; `target` is the output file, for the caller to check once the whole
    /// output is known.
    pub site_links: Vec<ArticleLink>,
    /// The top-level blocks of `html`, in order; together they cover it.
    pub blocks: Vec<Block>,
    /// How many words its text holds (for the reading time).
    pub words: usize,
    /// The actors its text names, in order of first mention (`render::mentions`).
    pub mentions: Vec<super::mentions::Mention>,
}

impl Rendered {
    /// What stands for the article where it is listed when its front matter gives no summary:
    /// the text before `<!-- more -->`, else the first paragraph (to be cut to length).
    pub fn own_summary(&self) -> Option<&str> {
        self.summary.as_deref().or(self.first_paragraph.as_deref())
    }
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

pub fn render(body: &str, settings: &Settings) -> Rendered {
    let mut walk = Walk::new(body, settings);
    // pulldown-cmark 0.13 panics on some text (a task item ending in `\` over a `-` line, found
    // by fuzzing): the article gets an error rather than the build crashing.
    let parsed = std::panic::catch_unwind(|| {
        Parser::new_ext(body, options())
            .into_offset_iter()
            .collect::<Vec<_>>()
    });
    let Ok(parsed) = parsed.map(source_quotes::mark) else {
        walk.out.problems.push((
            settings.body_line,
            "the Markdown parser (pulldown-cmark) fails on this text; a known cause is a task \
             item (`- [ ] …`) whose next line is only `-` or `=`"
                .to_string(),
        ));
        return walk.out;
    };
    let levels = headings::Levels::of(&parsed, settings.title);
    if let Some(range) = &levels.title {
        walk.out.warnings.push((
            walk.line_at(parsed[range.start].1.start),
            "the body starts with the title as a `# ` heading: it is left out (the page shows the title above the body)".to_string(),
        ));
    }
    walk.shift = levels.shift;
    for (index, (event, range)) in parsed.into_iter().enumerate() {
        if levels
            .title
            .as_ref()
            .is_some_and(|title| title.contains(&index))
        {
            continue;
        }
        walk.step(event, range);
    }
    walk.finish()
}

/// A heading being gathered: its level, its id if written, its events and its plain text.
type OpenHeading<'a> = (HeadingLevel, Option<CowStr<'a>>, Vec<Event<'a>>, String);

/// One body's rendering, event by event: the parser's events changed (links resolved, ids
/// given, code highlighted, typography applied) and gathered for the HTML writer, with what
/// the body tells about itself (headings, links, first paragraph, problems).
struct Walk<'a, 's> {
    settings: &'s Settings<'s>,
    body: &'a str,
    /// Byte ranges of code and of HTML comments, in order: where a shortcode is not one.
    not_text: Vec<std::ops::Range<usize>>,
    /// Inside an HTML comment that spans events.
    in_comment: bool,
    /// The line and first tag of raw HTML left out (not allowed by the config).
    html_left_out: Option<(usize, String)>,
    /// Where the `<!-- more -->` marker is, and the plain text before it.
    more: Option<(usize, String)>,
    /// Headings one level down: the body has `# ` headings, and the page's `<h1>` is the title.
    shift: bool,
    /// Pictures open (their text is their description: no link in it), and links written in
    /// raw HTML (no link in theirs).
    images_open: usize,
    /// Allowed raw HTML: the block being read (its first line, its text so far), and what the
    /// body's raw HTML has left open.
    html_block: Option<(usize, String)>,
    balance: raw_html::Balance,
    lines: LineIndex,
    out: Rendered,
    events: Vec<Event<'a>>,
    used_ids: UsedIds,
    heading: Option<OpenHeading<'a>>,
    code: Option<(Option<String>, String)>,
    paragraph: Option<String>,
    /// Struck-out text is left out of the plain-text first paragraph.
    struck: usize,
    /// A task item's text sits in a <label> with its checkbox, closed at the end of the text.
    open_label: bool,
    footnotes: Footnotes,
    links_open: usize,
    /// The mark to close the outer link open with, when it leads to another language.
    link_mark: Option<String>,
    /// Nesting of the parser's events, and where each top-level block starts in `events`.
    depth: usize,
    starts: Vec<(usize, Option<u8>)>,
}

impl<'a, 's> Walk<'a, 's> {
    fn new(body: &'a str, settings: &'s Settings<'s>) -> Walk<'a, 's> {
        Walk {
            settings,
            body,
            not_text: Vec::new(),
            in_comment: false,
            html_left_out: None,
            more: summary::more_marker(body).map(|at| (at, String::new())),
            shift: false,
            images_open: 0,
            html_block: None,
            balance: raw_html::Balance::default(),
            lines: LineIndex::new(body),
            out: Rendered {
                html: String::with_capacity(body.len() * 3 / 2),
                headings: Vec::new(),
                first_paragraph: None,
                summary: None,
                links: Vec::new(),
                self_anchors: Vec::new(),
                problems: Vec::new(),
                warnings: Vec::new(),
                targets: Vec::new(),
                ids: AHashSet::new(),
                site_links: Vec::new(),
                blocks: Vec::new(),
                words: 0,
                mentions: Vec::new(),
            },
            events: Vec::new(),
            used_ids: UsedIds::reserving(settings.reserved_ids),
            heading: None,
            code: None,
            paragraph: None,
            struck: 0,
            open_label: false,
            footnotes: Footnotes::default(),
            links_open: 0,
            link_mark: None,
            depth: 0,
            starts: Vec::new(),
        }
    }

    /// The file line of a byte of the body.
    fn line_at(&self, offset: usize) -> usize {
        self.settings.body_line + self.lines.line(offset) - 1
    }

    fn step(&mut self, event: Event<'a>, range: std::ops::Range<usize>) {
        if matches!(event, Event::Start(Tag::BlockQuote(Some(_)))) {
            self.open_source_quote();
            return;
        }
        let event = match event {
            Event::Html(html) => match self.raw_html(html, range.clone(), false) {
                Some(html) => Event::Html(html),
                None => return,
            },
            // `<br>` is a line break whether raw HTML is allowed or not: harmless, and words
            // would run together without it.
            Event::InlineHtml(html)
                if !self.settings.allow_raw_html && comments::is_line_break(&html) =>
            {
                Event::HardBreak
            }
            Event::InlineHtml(html) => match self.raw_html(html, range.clone(), true) {
                Some(html) => Event::InlineHtml(html),
                None => return,
            },
            other => other,
        };
        if matches!(event, Event::End(TagEnd::HtmlBlock)) {
            self.flush_html_block();
        }
        // An HTML block left with nothing (its comments, or HTML not allowed, left out) goes
        // whole: no empty block in the body.
        if matches!(event, Event::End(TagEnd::HtmlBlock))
            && matches!(self.events.last(), Some(Event::Start(Tag::HtmlBlock)))
        {
            self.events.pop();
            if self
                .starts
                .last()
                .is_some_and(|(at, _)| *at == self.events.len())
            {
                self.starts.pop();
            }
            self.depth = self.depth.saturating_sub(1);
            return;
        }
        if self.depth == 0 && self.heading.is_none() && self.code.is_none() {
            match &event {
                Event::Start(tag) => {
                    let level = match tag {
                        Tag::Heading { level, .. } => Some(*level as u8),
                        _ => None,
                    };
                    self.starts.push((self.events.len(), level));
                }
                Event::Rule | Event::Html(_) => self.starts.push((self.events.len(), None)),
                _ => {}
            }
        }
        match &event {
            Event::Start(tag) => {
                self.depth += 1;
                self.images_open += usize::from(matches!(tag, Tag::Image { .. }));
            }
            Event::End(tag) => {
                self.depth = self.depth.saturating_sub(1);
                if matches!(tag, TagEnd::Image) {
                    self.images_open = self.images_open.saturating_sub(1);
                }
            }
            _ => {}
        }
        if matches!(event, Event::Start(Tag::CodeBlock(_)) | Event::Code(_)) {
            // A marker in code is code: there is none.
            if self.more.as_ref().is_some_and(|(at, _)| range.contains(at)) {
                self.more = None;
            }
            self.not_text.push(range.clone());
        }
        if let Some((at, before)) = self.more.as_mut().filter(|(at, _)| range.start < *at) {
            if self.code.is_none() && self.heading.is_none() && self.struck == 0 {
                summary::gather(before, &event, range.end <= *at);
            }
        }
        // Code blocks: gather, then emit highlighted HTML.
        if let Some((token, text)) = self.code.as_mut() {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let html = code_block(token.as_deref(), text);
                    self.events.push(Event::Html(html.into()));
                    self.code = None;
                }
                _ => {}
            }
            return;
        }
        // A task's label holds the text of its item (a paragraph, or a heading) and ends with
        // that block, or before a block that follows in the item.
        if self.open_label && is_block_boundary(&event) {
            self.open_label = false;
            push(
                &mut self.events,
                &mut self.heading,
                Event::Html("</label>".into()),
            );
        }
        let event = match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let token = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split([' ', ',', '{'])
                        .next()
                        .map(str::to_lowercase)
                        .filter(|t| !t.is_empty()),
                    CodeBlockKind::Indented => None,
                };
                self.code = Some((token, String::new()));
                return;
            }
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) | Event::End(TagEnd::Link) => {
                match self.link(event, range) {
                    Some(event) => event,
                    None => return,
                }
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                let level = match self.shift {
                    true => headings::one_down(level),
                    false => level,
                };
                self.heading = Some((level, id, Vec::new(), String::new()));
                return;
            }
            Event::End(TagEnd::Heading(_)) => {
                self.end_heading();
                return;
            }
            Event::TaskListMarker(_)
            | Event::Start(Tag::Table(_) | Tag::FootnoteDefinition(_))
            | Event::End(TagEnd::Table | TagEnd::FootnoteDefinition)
            | Event::FootnoteReference(_) => self.structure(event, range),
            Event::Text(text)
                if self.links_open == 0
                    && self.images_open == 0
                    && !self.balance.in_link()
                    && autolinks::may_have_links(&text) =>
            {
                match autolinks::pieces(&text) {
                    Some(pieces) => {
                        self.autolinks(pieces);
                        return;
                    }
                    None => self.text(Event::Text(text)),
                }
            }
            other => self.text(other),
        };
        push(&mut self.events, &mut self.heading, event);
    }

    /// Text as the first paragraph and the heading being gathered read it.
    fn plain(&mut self, text: &str) {
        if let Some(p) = self.paragraph.as_mut().filter(|_| self.struck == 0) {
            p.push_str(text);
        }
        if let Some((_, _, _, plain)) = self.heading.as_mut() {
            plain.push_str(text);
        }
    }

    /// Puts an event in the body, or in the heading being gathered.
    fn push(&mut self, event: Event<'a>) {
        push(&mut self.events, &mut self.heading, event);
    }

    /// Text and what holds it: typography, and the plain text of the first paragraph and of
    /// the heading being gathered.
    fn text(&mut self, event: Event<'a>) -> Event<'a> {
        match event {
            Event::Start(Tag::Strikethrough) => {
                self.struck += 1;
                Event::Start(Tag::Strikethrough)
            }
            Event::End(TagEnd::Strikethrough) => {
                self.struck = self.struck.saturating_sub(1);
                Event::End(TagEnd::Strikethrough)
            }
            Event::Text(text) => {
                self.plain(&text);
                self.out.words += crate::text::words::count(&text);
                match self.settings.french_typography {
                    true => match typography::french(&text) {
                        std::borrow::Cow::Owned(typeset) => Event::Text(typeset.into()),
                        std::borrow::Cow::Borrowed(_) => Event::Text(text),
                    },
                    false => Event::Text(text),
                }
            }
            Event::Code(text) => {
                if let Some(p) = self.paragraph.as_mut() {
                    p.push_str(&text);
                }
                if let Some((_, _, _, plain)) = self.heading.as_mut() {
                    plain.push_str(&text);
                }
                Event::Code(text)
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(p) = self.paragraph.as_mut() {
                    p.push(' ');
                }
                if let Some((_, _, _, plain)) = self.heading.as_mut() {
                    plain.push(' ');
                }
                event
            }
            Event::Start(Tag::Paragraph)
                if self.out.first_paragraph.is_none() && self.heading.is_none() =>
            {
                self.paragraph = Some(String::new());
                Event::Start(Tag::Paragraph)
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some(p) = self.paragraph.take() {
                    let p = p.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !p.is_empty() {
                        self.out.first_paragraph = Some(p);
                    }
                }
                Event::End(TagEnd::Paragraph)
            }
            other => other,
        }
    }

    /// The end of a heading: its id (written, or made from its text, unique in the body), and
    /// its events put in place.
    fn end_heading(&mut self) {
        if let Some((level, id, inner, plain)) = self.heading.take() {
            let id = unique_id(
                id.map(|s| s.to_string())
                    .unwrap_or_else(|| match self.settings.ascii_ids {
                        true => heading_id(&plain),
                        false => unicode_heading_id(&plain),
                    }),
                &mut self.used_ids,
            );
            let level_number = level as u8;
            self.out.headings.push(Heading {
                level: level_number,
                id: id.clone(),
                text: plain.trim().to_string(),
            });
            self.events.push(Event::Start(Tag::Heading {
                level,
                id: Some(id.into()),
                classes: Vec::new(),
                attrs: Vec::new(),
            }));
            self.events.extend(inner);
            self.events.push(Event::End(TagEnd::Heading(level)));
        }
    }

    /// The HTML and what the body tells about itself.
    fn finish(mut self) -> Rendered {
        if let Some((_, before)) = self.more.take() {
            let before = before.split_whitespace().collect::<Vec<_>>().join(" ");
            self.out.summary = (!before.is_empty()).then_some(before);
        }
        if self.events.is_empty() && !self.settings.is_draft {
            self.out.warnings.push((
                self.settings.body_line,
                "the article has no text: write its body, or mark it `draft = true` until it has one".to_string(),
            ));
        }
        self.unmatched_footnotes();
        std::mem::take(&mut self.balance).finish(&mut self.out);
        if let Some((line, tag)) = self.html_left_out.take() {
            self.out.warnings.push((
                line,
                format!("raw HTML left out of the page (first: `{tag}`): write it in Markdown, or allow it with `allow_raw_html = true` under [markdown] in config.toml"),
            ));
        }
        for shortcode in shortcodes::find(self.body, &self.not_text) {
            let problem = (self.line_at(shortcode.at), shortcodes::message(&shortcode));
            match self.settings.drafts {
                true => self.out.warnings.push(problem),
                false => self.out.problems.push(problem),
            }
        }
        let mut out = self.out;
        write_blocks(&mut out, self.events, &self.starts);
        out.ids.extend(out.headings.iter().map(|h| h.id.clone()));
        for note in &self.footnotes.notes {
            out.ids.insert(format!("fn-{}", note.id));
            out.ids.insert(format!("fnref-{}", note.id));
        }
        // Every body is kept for the whole build: its HTML goes into a string of its own length,
        // the buffer it was written in (half as long again as the Markdown, and freed for the
        // next body) would keep a third of it unused. A new string, not `shrink_to_fit`: mimalloc
        // shrinks a block by less than half in place, keeping all of it.
        out.html = out.html.as_str().into();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(french: bool) -> Settings<'static> {
        fn resolve(target: &str) -> Option<String> {
            (target != "content/a/missing.fr.md").then(|| format!("page-of/{target}"))
        }
        fn asset(target: &str) -> Option<String> {
            (!target.contains("missing")).then(|| format!("copy-of/{target}"))
        }
        Settings {
            french_typography: french,
            allow_raw_html: false,
            file: "content/a/x.fr.md",
            body_line: 5,
            resolve: &resolve,
            other_language: &|_| None,
            asset: &asset,
            nearest: &|_| Some("content/a/near.fr.md".to_string()),
            unread: &|_| false,
            page: "fr/articles/x/index.html",
            drafts: false,
            is_draft: false,
            title: "Le titre",
            ascii_ids: true,
            source_label: "From the source",
            reserved_ids: &[],
        }
    }

    #[test]
    fn headings_get_unique_readable_ids() {
        let out = render(
            "## Contexte et arrière-plan\n\n## Contexte et arrière-plan\n\n### Own {#mine}\n",
            &settings(false),
        );
        let ids: Vec<&str> = out.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "contexte-et-arriere-plan",
                "contexte-et-arriere-plan-1",
                "mine"
            ]
        );
        assert!(out.html.contains("<h2 id=\"contexte-et-arriere-plan\">"));
    }

    #[test]
    fn repeated_headings_take_the_next_free_suffix() {
        let out = render(
            "## A\n\n## A 1\n\n## A\n\n## A\n\n### {#a-3}\n\n## A\n",
            &settings(false),
        );
        let ids: Vec<&str> = out.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["a", "a-1", "a-2", "a-3", "a-3-1", "a-4"]);
    }

    #[test]
    fn french_typography_applies_to_text_not_code() {
        let out = render("Il a dit : « oui » `a : b`\n", &settings(true));
        assert!(
            out.html.contains("dit\u{a0}: «\u{a0}oui\u{a0}»"),
            "{}",
            out.html
        );
        assert!(out.html.contains("<code>a : b</code>"));
    }

    #[test]
    fn raw_html_is_left_out_by_default_with_one_warning() {
        let out = render(
            "Intro\n\n<script>alert(1)</script>\n\nText <b>bold</b>\n",
            &settings(false),
        );
        assert!(!out.html.contains("script"), "{}", out.html);
        assert!(out.html.contains("<p>Text bold</p>"), "{}", out.html);
        assert_eq!(out.warnings.len(), 1);
        assert_eq!(out.warnings[0].0, 7);
        assert!(
            out.warnings[0].1.contains("(first: `<script>`)"),
            "{:?}",
            out.warnings
        );
    }

    #[test]
    fn allowed_raw_html_is_read_with_its_links_resolved_and_its_mistakes_reported() {
        let allowed = Settings {
            allow_raw_html: true,
            ..settings(false)
        };
        let body = "<figure>\n<img\n  src=\"/img/a.png\" alt=\"A & B\">\n<figcaption><a href=\"../b/y.fr.md#s\">y</a> https://e.org</figcaption>\n</figure>\n\nText <span class=x>in</span> <b>open\n\n<div>\n\n<script>if (a < b) {}</script>\n\n</section>\n";
        let out = render(body, &allowed);
        assert!(
            out.html
                .contains("<img src=\"../../../img/a.png\" alt=\"A &amp; B\">"),
            "{}",
            out.html
        );
        assert!(
            out.html.contains(
                "<a href=\"page-of/content/b/y.fr.md#s\">y</a> https://e.org</figcaption>"
            ),
            "{}",
            out.html
        );
        assert!(
            out.html.contains("<span class=\"x\">in</span>"),
            "{}",
            out.html
        );
        assert!(
            out.html.contains("<script>if (a < b) {}</script>"),
            "{}",
            out.html
        );
        assert_eq!(out.links.len(), 1);
        assert_eq!(out.site_links[0].target, "img/a.png");
        let warnings: Vec<(usize, &str)> =
            out.warnings.iter().map(|(l, m)| (*l, m.as_str())).collect();
        assert_eq!(
            warnings,
            [
                (
                    17,
                    "raw HTML `</section>` closes no open element: remove it, or open it first"
                ),
                (11, "raw HTML `<b>` is never closed: add `</b>`"),
                (13, "raw HTML `<div>` is never closed: add `</div>`"),
            ],
            "{warnings:?}"
        );
        let out = render("<p title=\"x>y</p>\n", &allowed);
        assert!(
            out.warnings[0].1.starts_with("invalid raw HTML"),
            "{:?}",
            out.warnings
        );
    }

    #[test]
    fn comments_are_left_out_whatever_the_config() {
        let body =
            "A<!-- hidden > text -->B\n\n<!--\n{{< hidden >}}\n-->\n\n<div>kept<!-- x --></div>\n";
        let out = render(body, &settings(false));
        assert!(!out.html.contains("hidden"), "{}", out.html);
        assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        let allowed = Settings {
            allow_raw_html: true,
            ..settings(false)
        };
        let out = render(body, &allowed);
        assert!(!out.html.contains("hidden"), "{}", out.html);
        assert!(out.html.contains("<div>kept</div>"), "{}", out.html);
        assert!(out.warnings.is_empty());
    }

    #[test]
    fn article_links_become_placeholders_with_lines() {
        let out = render(
            "Intro\n\nSee [the report](../sanctions/un.fr.md#conclusions) and [x](@/a/y.en.md).\n",
            &settings(false),
        );
        assert_eq!(out.links.len(), 2);
        assert_eq!(out.links[0].target, "content/sanctions/un.fr.md");
        assert_eq!(out.links[0].fragment.as_deref(), Some("conclusions"));
        assert_eq!(out.links[0].line, 7);
        assert_eq!(out.links[1].target, "content/a/y.en.md");
        assert!(
            out.html
                .contains("href=\"page-of/content/sanctions/un.fr.md#conclusions\"")
        );
        assert_eq!(out.first_paragraph.as_deref(), Some("Intro"));
    }

    #[test]
    fn links_outside_content_or_to_missing_files_are_problems() {
        let out = render(
            "[x](../../../etc.md)\n\n[y](missing.fr.md)\n",
            &settings(false),
        );
        assert_eq!(out.problems.len(), 2);
        assert_eq!(out.problems[1].0, 7);
    }

    #[test]
    fn files_beside_articles_and_links_from_the_root_become_relative() {
        let out = render(
            "![Carte](map%20v2.png \"t\")\n\n[PDF](@/b/report.pdf#page=2) [fr](/fr/) [css](/assets/x.css) [home](/)\n\n[gone](missing.png) [up](/../x)\n",
            &settings(false),
        );
        assert!(
            out.html.contains(
                "<img src=\"copy-of/content/a/map%20v2.png\" alt=\"Carte\" title=\"t\" />"
            ),
            "{}",
            out.html
        );
        assert!(
            out.html
                .contains("href=\"copy-of/content/b/report.pdf#page=2\"")
        );
        assert!(out.html.contains("href=\"../../../fr/index.html\""));
        assert!(out.html.contains("href=\"../../../assets/x.css\""));
        assert!(out.html.contains("href=\"../../../index.html\""));
        let site: Vec<&str> = out.site_links.iter().map(|l| l.target.as_str()).collect();
        assert_eq!(site, ["fr/index.html", "assets/x.css", "index.html"]);
        assert_eq!(
            out.targets,
            [
                "content/a/map v2.png",
                "content/b/report.pdf",
                "content/a/missing.png"
            ]
        );
        let problems: Vec<&str> = out.problems.iter().map(|(_, m)| m.as_str()).collect();
        assert_eq!(
            problems,
            [
                "link `missing.png` points to content/a/missing.png, which does not exist",
                "link `/../x` leads outside the site"
            ]
        );
    }

    #[test]
    fn links_that_run_scripts_are_problems() {
        let out = render(
            "[a](javascript:alert(1)) [b](JavaScript:x) ![c](data:text/html,x) ![d](data:image/svg+xml,x) ![e](data:image/png;base64,AA==) [f](vbscript:x)\n",
            &settings(false),
        );
        assert_eq!(out.problems.len(), 5, "{:?}", out.problems);
        assert!(!out.html.to_lowercase().contains("script:"), "{}", out.html);
        assert!(out.html.contains("data:image/png;base64,AA=="));
    }

    #[test]
    fn external_links_are_kept() {
        let out = render(
            "[x](https://example.org/a.md) [y](mailto:a@b.c)\n",
            &settings(false),
        );
        assert!(out.links.is_empty());
        assert!(out.html.contains("https://example.org/a.md"));
    }

    #[test]
    fn footnotes_tasks_and_tables_are_accessible() {
        let out = render(
            "Texte[^a b].\n\n- [x] fait\n- [ ] à faire\n\n| a |\n|---|\n| 1 |\n\n[^a b]: Note.\n",
            &settings(false),
        );
        assert!(
            out.html.contains(
                "<sup class=\"footnote-reference\" id=\"fnref-a-b\"><a href=\"#fn-a-b\">1</a></sup>"
            ),
            "{}",
            out.html
        );
        assert!(
            out.html
                .contains("<div class=\"footnote-definition\" id=\"fn-a-b\">")
        );
        assert!(out.html.contains("<li><label class=\"task\"><input type=\"checkbox\" disabled=\"\" checked=\"\"> fait</label></li>"));
        assert!(
            out.html
                .contains("<div class=\"table-wrap\" tabindex=\"0\">\n<table>")
        );
    }

    #[test]
    fn code_is_highlighted_only_when_labelled() {
        let out = render(
            "```rust\nfn main() {}\n```\n\n```\nplain <text>\n```\n",
            &settings(false),
        );
        assert!(out.html.contains("data-lang=\"rust\""));
        assert!(out.html.contains("plain &lt;text&gt;"));
    }

    /// `> [!SOURCE]` opens a quote of the source, labelled; the marker goes, with its line;
    /// other quotes, and `[!SOURCE]` anywhere else, stay as written.
    #[test]
    fn source_quotes_are_labelled_notes() {
        let body = "> [!SOURCE]\n> *Disclaimer* here.\n\n> [!source]\n>\n> ## Commentary\n>\n> Text.\n\n> Plain quote.\n\n[!SOURCE] in text.\n";
        let out = render(body, &settings(false));
        assert_eq!(
            out.html.matches("<blockquote class=\"from-source\">\n<p class=\"from-source-label\">From the source</p>").count(),
            2,
            "{}",
            out.html
        );
        assert!(
            out.html.contains("<p><em>Disclaimer</em> here.</p>"),
            "{}",
            out.html
        );
        assert!(
            out.html.contains("<blockquote>\n<p>Plain quote.</p>"),
            "{}",
            out.html
        );
        assert!(
            out.html.contains("<p>[!SOURCE] in text.</p>"),
            "{}",
            out.html
        );
        assert_eq!(out.html.matches("</blockquote>").count(), 3);
        assert_eq!(out.blocks.len(), 4, "one block per quote and paragraph");
        assert!(
            out.ids.contains("commentary"),
            "headings inside keep their ids"
        );
    }
}
