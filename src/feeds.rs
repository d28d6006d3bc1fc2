//! Machine-readable outputs written by code rather than templates, so that their escaping
//! cannot be got wrong by an override: Atom feeds, the sitemap, robots.txt.

use std::fmt::Write;

use crate::model::Dossier;
use crate::render::{self, Page, page_path};
use crate::urls;

/// The newest entries a feed carries.
pub const FEED_ENTRIES: usize = 50;

/// Escapes text for XML content and attribute values.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids: drop them rather than write an invalid feed.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// An Atom feed of `ids` (newest first) for `lang`, optionally restricted to one topic.
/// `bodies` holds each article's HTML, made absolute with `xml:base`.
pub fn atom(
    dossier: &Dossier,
    lang: usize,
    topic: Option<usize>,
    ids: &[usize],
    bodies: &[&str],
) -> String {
    let config = &dossier.config;
    let language = &config.languages[lang];
    let (self_path, page, title) = match topic {
        Some(t) => {
            let key = &config.topics[t].key;
            (
                urls::topic_feed(language, key),
                urls::topic(language, key),
                format!("{} · {}", config.topics[t].names[lang], language.title),
            )
        }
        None => (
            urls::feed(language),
            urls::home(language),
            language.title.clone(),
        ),
    };
    let updated = ids
        .iter()
        .map(|&id| {
            dossier.articles[id]
                .updated
                .unwrap_or(dossier.articles[id].date)
                .max(dossier.articles[id].date)
        })
        .max()
        .map(|d| d.rfc3339())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
    let mut xml = String::new();
    let _ = write!(
        xml,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <subtitle>{}</subtitle>\n  <id>{}</id>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  <updated>{updated}</updated>\n  <author><name>{}</name></author>\n  <generator>dossier</generator>\n",
        xml_escape(&language.code),
        xml_escape(&title),
        xml_escape(&language.description),
        xml_escape(&urls::absolute(config, &self_path)),
        xml_escape(&urls::absolute(config, &self_path)),
        xml_escape(&urls::absolute(config, &page)),
        xml_escape(&language.title),
    );
    for &id in ids.iter().take(FEED_ENTRIES) {
        let article = &dossier.articles[id];
        let url = urls::absolute(config, &page_path(dossier, Page::Article(id)));
        let entry_updated = article.updated.unwrap_or(article.date).max(article.date);
        let _ = write!(
            xml,
            "  <entry xml:base=\"{url}\">\n    <title>{}</title>\n    <id>{url}</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n    <published>{}</published>\n    <updated>{}</updated>\n",
            xml_escape(&language.typeset(&article.title)),
            article.date.rfc3339(),
            entry_updated.rfc3339(),
            url = xml_escape(&url),
        );
        if let Some(source) = &article.source {
            let _ = writeln!(
                xml,
                "    <author><name>{}</name></author>",
                xml_escape(&source.name)
            );
        }
        for &t in &article.topics {
            let _ = writeln!(
                xml,
                "    <category term=\"{}\" label=\"{}\"/>",
                xml_escape(&config.topics[t].key),
                xml_escape(&config.topics[t].names[lang])
            );
        }
        if let Some(summary) = &article.summary {
            let _ = writeln!(
                xml,
                "    <summary>{}</summary>",
                xml_escape(&language.typeset(summary))
            );
        }
        let _ = write!(
            xml,
            "    <content type=\"html\">{}</content>\n  </entry>\n",
            xml_escape(bodies[id])
        );
    }
    xml.push_str("</feed>\n");
    xml
}

/// The sitemap: every page but the 404, with hreflang alternates for translated pages.
pub fn sitemap(dossier: &Dossier, pages: &[Page]) -> String {
    let config = &dossier.config;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for &page in pages {
        if page == Page::NotFound {
            continue;
        }
        let loc = urls::absolute(config, &page_path(dossier, page));
        let _ = write!(xml, "  <url>\n    <loc>{}</loc>\n", xml_escape(&loc));
        if let Page::Article(id) = page {
            let article = &dossier.articles[id];
            let lastmod = article.updated.unwrap_or(article.date).max(article.date);
            let _ = writeln!(xml, "    <lastmod>{lastmod}</lastmod>");
        }
        let alternates = render::alternates(dossier, page);
        // Only translated pages: more than one language besides x-default.
        if alternates.len() > 2 {
            for alternate in alternates {
                let _ = writeln!(
                    xml,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    xml_escape(&alternate.hreflang),
                    xml_escape(&alternate.href)
                );
            }
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

pub fn robots(dossier: &Dossier) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        urls::absolute(&dossier.config, "sitemap.xml")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            xml_escape("<a href=\"x\">'&'</a>\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;"
        );
    }
}
