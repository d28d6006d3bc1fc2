//! Machine-readable outputs written by code rather than templates, so that their escaping
//! cannot be got wrong by an override: Atom feeds, the sitemap, robots.txt.

use std::fmt::Write;

use crate::model::{ArticleId, Dossier};
use crate::site::pages::{self, Page, page_path};
use crate::site::urls;

/// Escapes text for XML content and attribute values.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    // Runs of bytes that need nothing are copied at once; every byte that does is ASCII.
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        let escaped = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&apos;",
            // Characters XML 1.0 forbids: drop them rather than write an invalid feed.
            b'\t' | b'\n' | b'\r' => continue,
            b if b < 0x20 => "",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(escaped);
        start = i + 1;
    }
    out.push_str(&text[start..]);
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
        .filter_map(|&id| dossier.articles[id].last_changed())
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
    for &id in ids.iter().take(config.feeds.entries) {
        let article = &dossier.articles[id];
        let url = urls::absolute(config, &page_path(dossier, Page::Article(ArticleId(id))));
        // Feeds list articles, which have dates (reference pages are in none).
        let (Some(published), Some(entry_updated)) = (article.date, article.last_changed()) else {
            continue;
        };
        // An article of another language stands here by its abstract: its title and summary
        // in the feed's language, its text in its own.
        let shown = article.abstract_in(lang);
        let written_in = &config.languages[article.lang];
        let (title, hreflang) = match shown {
            Some(summary) => (
                language.typeset(&summary.title),
                format!(" hreflang=\"{}\"", xml_escape(&written_in.code)),
            ),
            None => (written_in.typeset(&article.title), String::new()),
        };
        let _ = write!(
            xml,
            "  <entry xml:base=\"{url}\">\n    <title>{}</title>\n    <id>{url}</id>\n    <link rel=\"alternate\" type=\"text/html\"{hreflang} href=\"{url}\"/>\n    <published>{}</published>\n    <updated>{}</updated>\n",
            xml_escape(&title),
            published.rfc3339(),
            entry_updated.rfc3339(),
            url = xml_escape(&url),
        );
        entry_credits(&mut xml, article);
        for &t in &article.topics {
            let _ = writeln!(
                xml,
                "    <category term=\"{}\" label=\"{}\"/>",
                xml_escape(&config.topics[t].key),
                xml_escape(&config.topics[t].names[lang])
            );
        }
        let summary = match shown {
            Some(summary) => summary.summary.as_deref().map(|s| language.typeset(s)),
            None => article.summary.as_deref().map(|s| written_in.typeset(s)),
        };
        if let Some(summary) = summary {
            let _ = writeln!(xml, "    <summary>{}</summary>", xml_escape(&summary));
        }
        let content_lang = match shown {
            Some(_) => format!(" xml:lang=\"{}\"", xml_escape(&written_in.code)),
            None => String::new(),
        };
        let _ = write!(
            xml,
            "    <content type=\"html\"{content_lang}>{}</content>\n  </entry>\n",
            xml_escape(bodies[id])
        );
    }
    xml.push_str("</feed>\n");
    xml
}

/// The sitemap protocol's limits for one file: 50,000 URLs and 50 MiB uncompressed.
pub const SITEMAP_MAX_URLS: usize = 50_000;
pub const SITEMAP_MAX_BYTES: usize = 50 * 1024 * 1024;

const URLSET_OPEN: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
const URLSET_CLOSE: &str = "</urlset>\n";

/// The sitemap files: every page but the 404, with hreflang alternates for translated pages.
/// One `sitemap.xml` while the protocol's limits allow; above them, `sitemap-1.xml`,
/// `sitemap-2.xml`, … and `sitemap.xml` as their index.
pub fn sitemaps(dossier: &Dossier, pages: &[Page]) -> Vec<(String, String)> {
    sitemaps_within(dossier, pages, SITEMAP_MAX_URLS, SITEMAP_MAX_BYTES)
}

/// [`sitemaps`] with the limits as parameters, for tests.
pub fn sitemaps_within(
    dossier: &Dossier,
    pages: &[Page],
    max_urls: usize,
    max_bytes: usize,
) -> Vec<(String, String)> {
    let config = &dossier.config;
    let budget = max_bytes.saturating_sub(URLSET_OPEN.len() + URLSET_CLOSE.len());
    // Each chunk: its entries and the newest lastmod among them.
    let mut chunks: Vec<(String, usize, Option<crate::text::date::Date>)> = Vec::new();
    for &page in pages {
        // Not for search engines: the 404 page, and the editors' status.
        // Nor the e-books, which are no pages.
        if matches!(page, Page::NotFound | Page::Status(_) | Page::Ebook(_)) {
            continue;
        }
        let mut entry = String::new();
        let loc = urls::absolute(config, &page_path(dossier, page));
        let _ = write!(entry, "  <url>\n    <loc>{}</loc>\n", xml_escape(&loc));
        let mut lastmod = None;
        let newest = |id: usize| dossier.articles[id].last_changed();
        let date = match page {
            // Read side by side, it shows every version: it changes with the newest.
            Page::Article(id) if pages::has_side_by_side(dossier, id.0) => {
                dossier.group_of(id.0).existing().filter_map(newest).max()
            }
            Page::Article(id) => newest(id.0),
            _ => None,
        };
        if let Some(date) = date {
            let _ = writeln!(entry, "    <lastmod>{date}</lastmod>");
            lastmod = Some(date);
        }
        let alternates = pages::alternates(dossier, page);
        // Only translated pages: more than one language besides x-default.
        if alternates.len() > 2 {
            for alternate in alternates {
                let _ = writeln!(
                    entry,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    xml_escape(&alternate.hreflang),
                    xml_escape(&alternate.href)
                );
            }
        }
        entry.push_str("  </url>\n");
        let fits = chunks
            .last()
            .is_some_and(|(xml, n, _)| *n < max_urls && xml.len() + entry.len() <= budget);
        if !fits {
            chunks.push((String::new(), 0, None));
        }
        let (xml, n, newest) = chunks.last_mut().expect("a chunk");
        xml.push_str(&entry);
        *n += 1;
        *newest = (*newest).max(lastmod);
    }
    let urlset = |entries: &str| format!("{URLSET_OPEN}{entries}{URLSET_CLOSE}");
    if chunks.len() <= 1 {
        let entries = chunks.first().map(|(xml, _, _)| xml.as_str()).unwrap_or("");
        return vec![(SITEMAP.to_string(), urlset(entries))];
    }
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut files = Vec::with_capacity(chunks.len() + 1);
    for (number, (entries, _, newest)) in chunks.iter().enumerate() {
        let path = format!("sitemap-{}.xml", number + 1);
        let _ = write!(
            index,
            "  <sitemap>\n    <loc>{}</loc>\n",
            xml_escape(&urls::absolute(config, &path))
        );
        if let Some(date) = newest {
            let _ = writeln!(index, "    <lastmod>{date}</lastmod>");
        }
        index.push_str("  </sitemap>\n");
        files.push((path, urlset(entries)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, (SITEMAP.to_string(), index));
    files
}

/// The sitemap, or the index of the sitemaps.
pub const SITEMAP: &str = "sitemap.xml";

/// True for the numbered parts of a split sitemap (`sitemap-2.xml`).
pub fn is_sitemap_part(path: &str) -> bool {
    path.strip_prefix("sitemap-")
        .and_then(|rest| rest.strip_suffix(".xml"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

pub fn robots(dossier: &Dossier) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        urls::absolute(&dossier.config, SITEMAP)
    )
}

/// An entry's authors (in its own language) and sources: each source with an address as a
/// `via` link, the first also as the entry's `<source>`.
fn entry_credits(xml: &mut String, article: &crate::model::Article) {
    for name in super::credits::authors(article, article.lang) {
        let _ = writeln!(
            xml,
            "    <author><name>{}</name></author>",
            xml_escape(&name)
        );
    }
    for source in &article.sources {
        if let Some(url) = &source.url {
            let title = match &source.title {
                Some(title) => format!("{title} ({})", source.name),
                None => source.name.clone(),
            };
            let _ = writeln!(
                xml,
                "    <link rel=\"via\" href=\"{}\" title=\"{}\"/>",
                xml_escape(url),
                xml_escape(&title)
            );
        }
    }
    if let Some(source) = article.sources.first() {
        let _ = write!(
            xml,
            "    <source>\n      <title>{}</title>\n",
            xml_escape(&source.name)
        );
        if let Some(url) = &source.url {
            let _ = writeln!(
                xml,
                "      <link rel=\"alternate\" href=\"{}\"/>",
                xml_escape(url)
            );
        }
        xml.push_str("    </source>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A dossier of `n` French articles, each with its English translation.
    fn dossier(n: usize) -> Dossier {
        let mut problems = crate::error::Problems::default();
        let config_text = include_str!("../../tests/fixtures/basic/config.toml");
        let config = crate::config::Config::parse(config_text, &mut problems).unwrap();
        let drafts = (0..n)
            .flat_map(|i| ["fr", "en"].map(|lang| (i, lang)))
            .map(|(i, lang)| {
                let file = crate::model::SourceFile {
                    path: format!("content/diplomacy/a{i}.{lang}.md"),
                    text: format!(
                        "+++\ntitle = \"A{i}\"\ndate = 2024-01-{:02}\ntopics = [\"diplomacy\"]\n+++\nText.\n",
                        i % 28 + 1
                    ),
                };
                crate::model::read_article(&config, &file, &mut problems).unwrap()
            })
            .collect();
        let dossier = Dossier::from_drafts(config, drafts, false, &mut problems);
        assert!(problems.errors.is_empty(), "{:?}", problems.errors);
        dossier
    }

    #[test]
    fn one_sitemap_within_the_limits() {
        let dossier = dossier(3);
        let files = sitemaps(&dossier, &pages::all(&dossier, &Default::default()));
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].0, "sitemap.xml");
        assert!(files[0].1.contains("<urlset"));
    }

    #[test]
    fn sitemaps_split_with_an_index_above_the_limits() {
        let dossier = dossier(5);
        let pages = pages::all(&dossier, &Default::default());
        let urls = pages
            .iter()
            .filter(|&&p| !matches!(p, Page::NotFound | Page::Ebook(_)))
            .count();
        let files = sitemaps_within(&dossier, &pages, 4, SITEMAP_MAX_BYTES);
        let parts = urls.div_ceil(4);
        assert_eq!(files.len(), parts + 1);
        let (index_path, index) = &files[0];
        assert_eq!(index_path, "sitemap.xml");
        assert!(index.contains("<sitemapindex"));
        let mut listed = 0;
        for (n, (path, xml)) in files[1..].iter().enumerate() {
            assert_eq!(path, &format!("sitemap-{}.xml", n + 1));
            assert!(is_sitemap_part(path));
            assert!(index.contains(&format!(
                "<loc>https://example.github.io/fixture/{path}</loc>"
            )));
            let count = xml.matches("<url>").count();
            assert!((1..=4).contains(&count));
            listed += count;
        }
        assert_eq!(listed, urls);

        // The byte limit splits too: a budget of about two entries per file.
        let entry = files[1].1.split("<url>").nth(1).unwrap().len();
        let by_size = sitemaps_within(&dossier, &pages, 1000, entry * 2 + 500);
        assert!(by_size.len() > 2);
        for (_, xml) in &by_size[1..] {
            assert!(xml.len() <= entry * 2 + 500);
        }
    }

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            xml_escape("<a href=\"x\">'&'</a>\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;"
        );
        assert_eq!(xml_escape("Corée\t«\r\n»\u{1f}é&"), "Corée\t«\r\n»é&amp;");
    }
}
