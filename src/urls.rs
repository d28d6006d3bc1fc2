//! Where each page lives, and links between pages. Internal links are always relative and
//! always name a file (`../articles/x/index.html`), so one build works at a domain root,
//! under a project path, and opened from disk; absolute URLs exist only for canonical links,
//! alternates, feeds and the sitemap.

use crate::config::{Config, Language};

pub fn home(lang: &Language) -> String {
    format!("{}/index.html", lang.code)
}

pub fn topic(lang: &Language, topic_key: &str) -> String {
    format!("{}/{}/{topic_key}/index.html", lang.code, lang.topics_path)
}

pub fn topic_feed(lang: &Language, topic_key: &str) -> String {
    format!("{}/{}/{topic_key}/feed.xml", lang.code, lang.topics_path)
}

pub fn article(lang: &Language, slug: &str) -> String {
    format!("{}/{}/{slug}/index.html", lang.code, lang.articles_path)
}

/// The side-by-side view of an article, in a folder under the article's page.
pub fn parallel(lang: &Language, slug: &str) -> String {
    format!(
        "{}/{}/{slug}/{}/index.html",
        lang.code, lang.articles_path, lang.parallel_path
    )
}

pub fn timeline(lang: &Language) -> String {
    format!("{}/{}/index.html", lang.code, lang.timeline_path)
}

/// The search page; its index (`index.js`) and text shards sit beside it.
pub fn search(lang: &Language) -> String {
    format!("{}/{}/index.html", lang.code, lang.search_path)
}

/// A file beside a language's search page (`index.js`, `text-3.js`).
pub fn search_file(lang: &Language, name: &str) -> String {
    format!("{}/{}/{name}", lang.code, lang.search_path)
}

/// The editors' translation status page (when `[editors] status_page` is on).
pub fn status(lang: &Language) -> String {
    format!("{}/{}/index.html", lang.code, lang.status_path)
}

pub fn briefing(lang: &Language) -> String {
    format!("{}/{}/index.html", lang.code, lang.briefing_path)
}

pub fn feed(lang: &Language) -> String {
    format!("{}/feed.xml", lang.code)
}

/// Where a file of `content/` that is not an article (`content/a/map.png`) is copied.
pub fn content_file(path: &str) -> String {
    format!(
        "{CONTENT_FILES}/{}",
        path.strip_prefix("content/").unwrap_or(path)
    )
}

pub const CONTENT_FILES: &str = "files";
pub const ENTRANCE: &str = "index.html";
pub const NOT_FOUND: &str = "404.html";
pub const CNAME: &str = "CNAME";
pub const STYLESHEET: &str = "assets/style.css";
pub const HIGHLIGHT_STYLESHEET: &str = "assets/highlight.css";
pub const SEARCH_SCRIPT: &str = "assets/search.js";

/// The link from the page at `from` to the file at `to`, both relative to the output root.
/// (Called for every entry of every list: it allocates only the result.)
pub fn relative(from: &str, to: &str) -> String {
    let from_dir = from.rfind('/').map(|i| &from[..=i]).unwrap_or("");
    // The longest common prefix of whole folders.
    let mut common = 0;
    for (i, (a, b)) in from_dir.bytes().zip(to.bytes()).enumerate() {
        if a != b {
            break;
        }
        if a == b'/' {
            common = i + 1;
        }
    }
    let ups = from_dir[common..].matches('/').count();
    let rest = &to[common..];
    let mut link = String::with_capacity(ups * 3 + rest.len());
    for _ in 0..ups {
        link.push_str("../");
    }
    link.push_str(rest);
    link
}

/// Whether a link names its scheme (`https:`, `mailto:`, `javascript:`…).
pub fn has_scheme(dest: &str) -> bool {
    match dest.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// Resolves `.` and `..` segments; `None` when the path climbs above its start.
pub fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// The prefix that leads from the page at `from` back to the output root (`../../`).
pub fn root_of(from: &str) -> String {
    "../".repeat(from.matches('/').count())
}

/// The public URL of a file: `index.html` is dropped, the rest is under `base_url`.
pub fn absolute(config: &Config, path: &str) -> String {
    let pretty = path.strip_suffix("index.html").unwrap_or(path);
    format!("{}{}", config.base_url, pretty)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links() {
        assert_eq!(
            relative("fr/articles/a/index.html", "fr/articles/b/index.html"),
            "../b/index.html"
        );
        assert_eq!(
            relative("fr/articles/a/index.html", "en/index.html"),
            "../../../en/index.html"
        );
        assert_eq!(relative("index.html", "fr/index.html"), "fr/index.html");
        assert_eq!(relative("fr/index.html", "fr/index.html"), "index.html");
        assert_eq!(
            relative("fr/index.html", "assets/style.css"),
            "../assets/style.css"
        );
        assert_eq!(
            relative("fr/topics/x/index.html", "fr/topics/x/feed.xml"),
            "feed.xml"
        );
    }

    #[test]
    fn roots() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("fr/articles/a/index.html"), "../../../");
    }
}
