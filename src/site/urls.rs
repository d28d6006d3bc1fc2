//! Where each page lives, and links between pages. Internal links are always relative and
//! always name a file (`../articles/x/index.html`), so one build works at a domain root,
//! under a project path, and opened from disk; absolute URLs exist only for canonical links,
//! alternates, feeds and the sitemap.
//!
//! Paths are joined with `concat`, not `format!`: they are made hundreds of thousands of times
//! in a large build, and `format!` costs several times as much (it grows its string as it goes).

use crate::config::{Config, Language};

pub fn home(lang: &Language) -> String {
    [&lang.code, "/index.html"].concat()
}

pub fn topics(lang: &Language) -> String {
    [&lang.code, "/", &lang.topics_path, "/index.html"].concat()
}

pub fn topic(lang: &Language, topic_key: &str) -> String {
    [
        &lang.code,
        "/",
        &lang.topics_path,
        "/",
        topic_key,
        "/index.html",
    ]
    .concat()
}

/// Page `page` (from 1) of a topic's list: the first is the topic page itself, the others sit
/// two folders below it (`page/2/index.html`), as Hugo and Zola place them.
pub fn topic_page(lang: &Language, topic_key: &str, page: usize) -> String {
    nth_page(topic(lang, topic_key), page)
}

/// Page `page` (from 1) of a list whose first page is `first` (`…/index.html`): the first
/// itself, or `…/page/N/index.html`.
fn nth_page(first: String, page: usize) -> String {
    match page {
        0 | 1 => first,
        _ => {
            let folder = first.strip_suffix("index.html").unwrap_or(&first);
            [folder, "page/", &page.to_string(), "/index.html"].concat()
        }
    }
}

pub fn topic_feed(lang: &Language, topic_key: &str) -> String {
    [
        &lang.code,
        "/",
        &lang.topics_path,
        "/",
        topic_key,
        "/feed.xml",
    ]
    .concat()
}

pub fn article(lang: &Language, slug: &str) -> String {
    [
        &lang.code,
        "/",
        &lang.articles_path,
        "/",
        slug,
        "/index.html",
    ]
    .concat()
}

/// A reference page, at the top of its language: `fr/a-propos/index.html`.
pub fn reference_page(lang: &Language, slug: &str) -> String {
    [&lang.code, "/", slug, "/index.html"].concat()
}

pub fn timeline(lang: &Language) -> String {
    [&lang.code, "/", &lang.timeline_path, "/index.html"].concat()
}

/// Page `page` (from 1) of the timeline, placed as a topic's (`topic_page`).
pub fn timeline_page(lang: &Language, page: usize) -> String {
    nth_page(timeline(lang), page)
}

/// The search page; its index (`index.js`) and text shards sit beside it.
pub fn search(lang: &Language) -> String {
    [&lang.code, "/", &lang.search_path, "/index.html"].concat()
}

/// A file beside a language's search page (`index.js`, `text-3.js`).
pub fn search_file(lang: &Language, name: &str) -> String {
    [&lang.code, "/", &lang.search_path, "/", name].concat()
}

/// The editors' translation status page (when `[editors] status_page` is on).
pub fn status(lang: &Language) -> String {
    [&lang.code, "/", &lang.status_path, "/index.html"].concat()
}

pub fn briefing(lang: &Language) -> String {
    [&lang.code, "/", &lang.briefing_path, "/index.html"].concat()
}

/// The e-book of the briefing (`fr/dossier.epub`).
pub fn ebook(lang: &Language) -> String {
    [&lang.code, "/", &lang.ebook_name, ".epub"].concat()
}

/// The index of the actors, by kind.
pub fn actors(lang: &Language) -> String {
    [&lang.code, "/", &lang.actors_path, "/index.html"].concat()
}

/// An actor's page (`actor_key` is language-neutral: `kim-jong-un`).
pub fn actor(lang: &Language, actor_key: &str) -> String {
    [
        &lang.code,
        "/",
        &lang.actors_path,
        "/",
        actor_key,
        "/index.html",
    ]
    .concat()
}

/// Page `page` (from 1) of an actor's articles: the first is the actor's page itself.
pub fn actor_page(lang: &Language, actor_key: &str, page: usize) -> String {
    nth_page(actor(lang, actor_key), page)
}

pub fn feed(lang: &Language) -> String {
    [&lang.code, "/feed.xml"].concat()
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
    let from_dir = folder(from);
    let common = common_folders(from_dir, to);
    let ups = slashes(&from_dir[common..]);
    let rest = &to[common..];
    let mut link = String::with_capacity(ups * 3 + rest.len());
    for _ in 0..ups {
        link.push_str("../");
    }
    link.push_str(rest);
    link
}

/// How many folders deep a path goes: its `/`s, counted by byte (a few bytes each time, and
/// hundreds of thousands of times in a build).
fn slashes(path: &str) -> usize {
    path.bytes().filter(|&b| b == b'/').count()
}

/// The folder of a file (`fr/articles/a/` for `fr/articles/a/index.html`), empty at the root.
fn folder(path: &str) -> &str {
    memchr::memrchr(b'/', path.as_bytes())
        .map(|i| &path[..=i])
        .unwrap_or("")
}

/// The length of the longest run of whole folders that `dir` (ending with `/`) and `to` start
/// with.
fn common_folders(dir: &str, to: &str) -> usize {
    let mut common = 0;
    for (i, (a, b)) in dir.bytes().zip(to.bytes()).enumerate() {
        if a != b {
            break;
        }
        if a == b'/' {
            common = i + 1;
        }
    }
    common
}

/// What the links from the page at `from` to each of `targets` depend on: the longest run of
/// whole folders that the page's folder shares with one of them, and the depth of that
/// folder. Pages with the same pair link to every target alike (`relative` climbs from the
/// page's folder to the run it shares with the target, which lies within the pair's run),
/// so that what is made of those links can be made once for all of them.
pub fn links_key<'a>(
    from: &'a str,
    targets: impl IntoIterator<Item = &'a str>,
) -> (&'a str, usize) {
    let dir = folder(from);
    let shared = targets
        .into_iter()
        .map(|to| common_folders(dir, to))
        .max()
        .unwrap_or(0);
    (&dir[..shared], slashes(dir))
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
    if is_normal(path) {
        return Some(path.to_string());
    }
    normalize_by_parts(path)
}

/// `normalize` segment by segment, for any path.
fn normalize_by_parts(path: &str) -> Option<String> {
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

/// Whether `normalize` leaves `path` as it is, the usual case: no segment is empty or starts
/// with a dot (a look at each byte, where splitting and joining allocates).
fn is_normal(path: &str) -> bool {
    let mut previous = b'/';
    for &b in path.as_bytes() {
        if previous == b'/' && (b == b'/' || b == b'.') {
            return false;
        }
        previous = b;
    }
    previous != b'/'
}

/// The prefix that leads from the page at `from` back to the output root (`../../`).
pub fn root_of(from: &str) -> String {
    "../".repeat(slashes(from))
}

/// The public URL of a file: `index.html` is dropped, the rest is under `base_url`.
pub fn absolute(config: &Config, path: &str) -> String {
    let pretty = path.strip_suffix("index.html").unwrap_or(path);
    [&config.base_url, pretty].concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_leaves_normal_paths_and_resolves_the_others() {
        for path in [
            "",
            "a",
            "a/b.md",
            "/a",
            "a/",
            "a//b",
            "./a",
            "a/./b",
            "a/../b",
            "../a",
            "a/..",
            ".well-known/x",
            "a/.b",
            "a.b/c.d",
            "a/b/../../..",
            ".",
            "..",
            "/",
            "a/b/",
        ] {
            assert_eq!(normalize(path), normalize_by_parts(path), "{path:?}");
        }
        assert_eq!(normalize("a/./b//c/../d").as_deref(), Some("a/b/d"));
        assert_eq!(normalize("a/../../b"), None);
    }

    proptest::proptest! {
        #[test]
        fn normalize_agrees_with_splitting_and_joining(path in "[ab./]{0,10}") {
            proptest::prop_assert_eq!(normalize(&path), normalize_by_parts(&path));
        }
    }

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
    fn pages_with_the_same_links_key_link_to_the_targets_alike() {
        let targets = [
            "fr/index.html",
            "fr/themes/a/index.html",
            "fr/themes/b/index.html",
            "assets/style.css",
        ];
        let pages = [
            "index.html",
            "404.html",
            "fr/index.html",
            "fr/feed.xml",
            "fr/themes/a/index.html",
            "fr/themes/b/index.html",
            "fr/themes/c/index.html",
            "fr/themes/index.html",
            "fr/articles/x/index.html",
            "fr/articles/y/index.html",
            "fr/articles/y/cote-a-cote/index.html",
            "fr/articles/z/cote-a-cote/index.html",
            "fr/chronologie/index.html",
            "fr/recherche/index.html",
            "en/index.html",
            "en/articles/x/index.html",
            "assets/x/index.html",
        ];
        let links = |page: &str| targets.map(|t| relative(page, t));
        let mut keys = std::collections::HashMap::new();
        for page in pages {
            let key = links_key(page, targets);
            match keys.get(&key) {
                Some(&other) => assert_eq!(links(page), links(other), "{page} and {other}"),
                None => {
                    keys.insert(key, page);
                }
            }
        }
        // Shared where the links are: every article at one depth, every page a folder under one.
        assert_eq!(
            links_key("fr/articles/x/index.html", targets),
            links_key("fr/articles/y/index.html", targets)
        );
        assert_eq!(
            links_key("fr/articles/y/cote-a-cote/index.html", targets),
            links_key("fr/articles/z/cote-a-cote/index.html", targets)
        );
        assert_eq!(keys.len(), 12);
    }

    #[test]
    fn roots() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("fr/articles/a/index.html"), "../../../");
    }
}
