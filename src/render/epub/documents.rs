//! The documents of a language's e-book, in reading order: the cover, the navigation document
//! (contents by topic, then article), then each topic followed by the articles printed under
//! it, as the printable briefing orders them.

use std::fmt::Write as _;

use ahash::AHashMap;
use rayon::prelude::*;

use super::xhtml::{self, Address, escape_xml_attribute as attr, escape_xml_text as text};
use crate::error::Diagnostic;
use crate::render::Renderer;
use crate::render::actors::WhoKind;
use crate::render::briefing::{Printed, topic_anchor};
use crate::site::urls;
use crate::text::date::Date;

/// One XHTML document of the book, by its file name beside the package.
pub(super) struct Document {
    pub(super) file: String,
    pub(super) xhtml: String,
    /// The navigation document.
    pub(super) nav: bool,
}

/// What a book holds: its documents in reading order, the pictures they show, and the newest
/// date it prints.
pub(super) struct Book {
    pub(super) documents: Vec<Document>,
    pub(super) images: Vec<Image>,
    pub(super) as_of: Option<Date>,
}

/// A picture of the book: its file beside the package, media type and bytes.
pub(super) struct Image {
    pub(super) file: String,
    pub(super) media_type: &'static str,
    pub(super) bytes: Vec<u8>,
}

/// The pictures found so far, by their path in the site: the book's image, or none (not a
/// file of the site, or of a type e-readers need not show).
type Pictures = std::sync::Mutex<AHashMap<String, Option<Image>>>;

/// Where the book holds what the briefing links to.
#[derive(Default)]
struct Places {
    /// The file of each article and topic, by its anchor on the briefing (`fr_slug`,
    /// `topic-key`).
    sections: AHashMap<String, String>,
    /// The who's who entry of each actor it lists, by the actor's page on the site.
    actors: AHashMap<String, String>,
}

/// The file of the who's who, the book's annex.
const WHO_FILE: &str = "who.xhtml";

/// A topic of the book: its place, and the articles printed under it and under others.
struct Chapter {
    topic: usize,
    printed: Vec<usize>,
    also: Vec<usize>,
}

impl Renderer<'_> {
    /// The documents of `lang`'s e-book.
    pub(super) fn book(&self, lang: usize) -> Result<Book, Diagnostic> {
        let dossier = self.dossier;
        let config = self.config();
        let language = &config.languages[lang];
        let selection = dossier.briefing_selection(lang, self.newest_first());
        let printed = &selection.printed;
        let as_of = selection.as_of;
        let mut chapters: Vec<Chapter> = (0..config.topics.len())
            .map(|topic| Chapter {
                topic,
                printed: Vec::new(),
                also: Vec::new(),
            })
            .collect();
        let mut numbers = AHashMap::new();
        for listed in self.briefing_listing(lang, printed) {
            let chapter = &mut chapters[listed.topic];
            match listed.under {
                None => {
                    chapter.printed.push(listed.id);
                    numbers.insert(listed.id, listed.number);
                }
                Some(_) => chapter.also.push(listed.id),
            }
        }
        // Where each article and topic is in the book, by its anchor on the briefing; where
        // each actor of the who's who is, by its page on the site.
        let mut places = Places::default();
        let mut article_file = AHashMap::new();
        for chapter in &chapters {
            let topic = &config.topics[chapter.topic];
            places
                .sections
                .insert(topic_anchor(&topic.key), topic_file(chapter.topic));
            for &id in &chapter.printed {
                let file = format!("article-{}.xhtml", article_file.len() + 1);
                places.sections.insert(self.anchor_of(id), file.clone());
                article_file.insert(id, file);
            }
        }
        let briefing = urls::briefing(language);
        let who = self.who_is_who(lang, printed, &briefing);
        // A mention links to the actor's page in its article's language, which may not be
        // the book's (an article not translated): every language's page leads to the entry.
        for actor in who.iter().flat_map(|kind| &kind.actors) {
            for written_in in &config.languages {
                places.actors.insert(
                    urls::actor(written_in, &actor.key),
                    format!("{WHO_FILE}#{}", actor_anchor(&actor.key)),
                );
            }
        }
        let pictures = Pictures::default();
        let address = |key: &str, value: &str| {
            self.address_in_book(&places, &pictures, &briefing, key, value)
        };
        let options = xhtml::Options {
            address: &address,
            headings_up: 2,
        };
        let mut clock = crate::timings::Clock::start();
        let mut documents = vec![
            self.cover(lang, &selection),
            self.navigation(lang, &chapters, &article_file, !who.is_empty()),
        ];
        for chapter in &chapters {
            documents.push(self.topic_document(lang, chapter, &places.sections));
            let articles: Vec<Document> = chapter
                .printed
                .par_iter()
                .map(|&id| {
                    let html = match self.briefing_article(id, lang, &briefing, numbers[&id])? {
                        Printed::Kept(html) => xhtml::to_xhtml(&html, &options),
                        Printed::Made(html) => xhtml::to_xhtml(&html, &options),
                    };
                    let title = self.entry_without_topics(id, lang, "").title;
                    Ok(Document::page(
                        article_file[&id].clone(),
                        &language.code,
                        &title,
                        &html,
                        false,
                    ))
                })
                .collect::<Result<_, Diagnostic>>()?;
            documents.extend(articles);
        }
        if !who.is_empty() {
            documents.push(self.who_document(lang, &who));
        }
        clock.lap("e-book: articles (the briefing's, as XHTML)");
        let mut images: Vec<Image> = pictures
            .into_inner()
            .expect("pictures")
            .into_values()
            .flatten()
            .collect();
        images.sort_by(|a, b| a.file.cmp(&b.file));
        Ok(Book {
            documents,
            images,
            as_of,
        })
    }

    /// The book's file for the picture at `path` in the site, read the first time it is
    /// shown: `None` when the site has no such file, or e-readers no such type.
    fn picture(&self, pictures: &Pictures, path: &str) -> Option<String> {
        if let Some(known) = pictures.lock().expect("pictures").get(path) {
            return known.as_ref().map(|image| image.file.clone());
        }
        let image = (|| {
            let extension = path.rsplit_once('.')?.1.to_ascii_lowercase();
            // EPUB's core media types for pictures.
            let media_type = match extension.as_str() {
                "png" => "image/png",
                "jpg" | "jpeg" => "image/jpeg",
                "gif" => "image/gif",
                "webp" => "image/webp",
                "svg" => "image/svg+xml",
                _ => return None,
            };
            let bytes = (self.site_files?)(path)?;
            // Named by a hash of the path (fixed keys): the same name whichever article shows
            // it first, and whichever thread.
            let hash = ahash::RandomState::with_seeds(1, 2, 3, 4).hash_one(path);
            Some(Image {
                file: format!("images/{hash:016x}.{extension}"),
                media_type,
                bytes,
            })
        })();
        let file = image.as_ref().map(|i| i.file.clone());
        pictures
            .lock()
            .expect("pictures")
            .insert(path.to_string(), image);
        file
    }

    /// What an address of the briefing becomes in the book: a section of an article or topic
    /// it holds, its file; an actor of its who's who, the entry there; any other page of the
    /// site, its address on the web.
    fn address_in_book(
        &self,
        places: &Places,
        pictures: &Pictures,
        briefing: &str,
        key: &str,
        value: &str,
    ) -> Address {
        if let Some(fragment) = value.strip_prefix('#') {
            // `#fr_slug` (an article), `#fr_slug.heading` (inside it), `#topic-key`.
            let section = fragment.split('.').next().unwrap_or_default();
            return match places.sections.get(section) {
                Some(file) if section == fragment => Address::To(file.clone()),
                Some(file) => Address::To(format!("{file}#{fragment}")),
                None => Address::Keep,
            };
        }
        if urls::has_scheme(value) || value.starts_with("//") {
            return match key {
                "href" => Address::Keep,
                _ => Address::Outside,
            };
        }
        // A page or file of the site, written relative to the briefing: on the web.
        let folder = briefing.rsplit_once('/').map_or("", |(f, _)| f);
        let (path, rest) = match value.find(['?', '#']) {
            Some(at) => value.split_at(at),
            None => (value, ""),
        };
        let Some(mut resolved) = urls::normalize(&format!("{folder}/{path}")) else {
            return Address::Keep;
        };
        if path.ends_with('/') && !resolved.is_empty() {
            resolved.push('/');
        }
        match key {
            // An actor of the who's who: its entry there.
            "href" if places.actors.contains_key(&resolved) => {
                Address::To(places.actors[&resolved].clone())
            }
            "href" => Address::To(urls::absolute(self.config(), &resolved) + rest),
            // A picture of the site goes into the book; anything else is left out.
            _ => match self.picture(pictures, &resolved) {
                Some(file) => Address::To(file),
                None => Address::Outside,
            },
        }
    }

    /// The cover: the dossier's title, description, what the book holds and its date.
    fn cover(&self, lang: usize, selection: &crate::model::briefing::Selection) -> Document {
        let language = &self.config().languages[lang];
        let mut body = format!(
            "<section class=\"cover\" epub:type=\"cover\" aria-labelledby=\"title\">\n<p class=\"kicker\">{}</p>\n<h1 id=\"title\">{}</h1>\n<p class=\"lede\">{}</p>\n",
            text(language.string("briefing")),
            text(&language.title),
            text(&language.description),
        );
        if !selection.whole {
            let said = self.selection_said(lang, selection);
            let _ = writeln!(body, "<p class=\"selection\">{}</p>", text(&said));
        }
        if let Some(date) = selection.as_of {
            let _ = writeln!(
                body,
                "<p class=\"as-of\">{} <time datetime=\"{}\">{}</time></p>",
                text(language.string("briefing_as_of")),
                date.iso(),
                text(&language.localize(date)),
            );
        }
        body.push_str("</section>");
        Document::page(
            "cover.xhtml".into(),
            &language.code,
            &language.title,
            &body,
            false,
        )
    }

    /// The navigation document: each topic, then the articles printed under it; then the
    /// who's who when the book has one.
    fn navigation(
        &self,
        lang: usize,
        chapters: &[Chapter],
        article_file: &AHashMap<usize, String>,
        who: bool,
    ) -> Document {
        let config = self.config();
        let language = &config.languages[lang];
        let contents = language.string("contents");
        let mut body = format!(
            "<nav epub:type=\"toc\" id=\"toc\" aria-labelledby=\"contents\">\n<h1 id=\"contents\">{}</h1>\n<ol>\n",
            text(contents)
        );
        for chapter in chapters {
            let _ = write!(
                body,
                "<li><a href=\"{}\">{}</a>",
                topic_file(chapter.topic),
                text(&config.topics[chapter.topic].names[lang])
            );
            if !chapter.printed.is_empty() {
                body.push_str("\n<ol>\n");
                for id in &chapter.printed {
                    let entry = self.entry_without_topics(*id, lang, "");
                    let _ = writeln!(
                        body,
                        "<li><a href=\"{}\"{}>{}</a></li>",
                        article_file[id],
                        lang_attributes(&entry.lang, &language.code),
                        text(&entry.title)
                    );
                }
                body.push_str("</ol>\n");
            }
            body.push_str("</li>\n");
        }
        if who {
            let _ = writeln!(
                body,
                "<li><a href=\"{WHO_FILE}\">{}</a></li>",
                text(language.string("briefing_who"))
            );
        }
        body.push_str("</ol>\n</nav>");
        Document::page("nav.xhtml".into(), &language.code, contents, &body, true)
    }

    /// A topic's opening page: its name and description, and the articles of it printed
    /// under another topic.
    fn topic_document(
        &self,
        lang: usize,
        chapter: &Chapter,
        files: &AHashMap<String, String>,
    ) -> Document {
        let config = self.config();
        let language = &config.languages[lang];
        let topic = &config.topics[chapter.topic];
        let name = &topic.names[lang];
        let mut body = format!(
            "<section class=\"topic\" epub:type=\"chapter\" aria-labelledby=\"topic\">\n<h1 id=\"topic\">{}</h1>\n<p class=\"lede\">{}</p>\n",
            text(name),
            text(&topic.descriptions[lang])
        );
        if chapter.printed.is_empty() && chapter.also.is_empty() {
            let _ = writeln!(
                body,
                "<p class=\"empty\">{}</p>",
                text(language.string("no_articles"))
            );
        }
        if !chapter.also.is_empty() {
            let _ = writeln!(
                body,
                "<p class=\"also\">{}</p>\n<ul class=\"also\">",
                text(language.string("briefing_also"))
            );
            for &id in &chapter.also {
                let entry = self.entry_without_topics(id, lang, "");
                let Some(file) = files.get(&self.anchor_of(id)) else {
                    continue;
                };
                let _ = writeln!(
                    body,
                    "<li><a href=\"{}\"{}>{}</a></li>",
                    attr(file),
                    lang_attributes(&entry.lang, &language.code),
                    text(&entry.title)
                );
            }
            body.push_str("</ul>\n");
        }
        body.push_str("</section>");
        Document::page(
            topic_file(chapter.topic),
            &language.code,
            name,
            &body,
            false,
        )
    }
}

impl Renderer<'_> {
    /// The who's who: the actors the book's articles name, by kind, each with its
    /// description and dates, its name leading to its page on the web.
    fn who_document(&self, lang: usize, who: &[WhoKind]) -> Document {
        let language = &self.config().languages[lang];
        let title = language.string("briefing_who");
        let mut body = format!(
            "<section class=\"who\" epub:type=\"appendix\" role=\"doc-appendix\" aria-labelledby=\"who\">\n<h1 id=\"who\">{}</h1>\n",
            text(title)
        );
        for kind in who {
            let _ = writeln!(body, "<h2>{}</h2>\n<dl>", text(&kind.name));
            for actor in &kind.actors {
                let page = urls::absolute(self.config(), &urls::actor(language, &actor.key));
                let _ = write!(
                    body,
                    "<dt id=\"{}\"><a href=\"{}\">{}</a></dt>\n<dd>{}",
                    attr(&actor_anchor(&actor.key)),
                    attr(&page),
                    text(&actor.name),
                    text(&actor.description)
                );
                if !actor.dates.is_empty() {
                    let _ = write!(
                        body,
                        " <span class=\"dates\">({})</span>",
                        text(&actor.dates)
                    );
                }
                body.push_str("</dd>\n");
            }
            body.push_str("</dl>\n");
        }
        body.push_str("</section>");
        Document::page(WHO_FILE.into(), &language.code, title, &body, false)
    }
}

/// The id of an actor's entry in the who's who.
fn actor_anchor(key: &str) -> String {
    format!("actor-{key}")
}

/// The file of topic `t`'s opening page.
fn topic_file(t: usize) -> String {
    format!("topic-{}.xhtml", t + 1)
}

/// ` lang="…" xml:lang="…"` for text in another language than the document's.
fn lang_attributes(lang: &str, document: &str) -> String {
    match lang == document {
        true => String::new(),
        false => format!(" lang=\"{0}\" xml:lang=\"{0}\"", attr(lang)),
    }
}
