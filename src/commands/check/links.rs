//! Reading a generated page (or an e-book's document) for what it links to and defines, and
//! telling why a link leads nowhere.

use std::collections::BTreeMap;

use ahash::AHashSet;

use crate::site::urls;
use crate::text::html;

/// What one generated page links to and defines.
#[derive(Debug, Default)]
pub(super) struct Page {
    pub(super) ids: AHashSet<String>,
    /// `href` and `src` values, unescaped.
    pub(super) links: Vec<String>,
    pub(super) canonical: Option<String>,
    /// A page at an old address (`aliases`), which sends the reader on: its canonical link
    /// names the page it leads to.
    pub(super) redirect: bool,
    /// (hreflang, href) of `<link rel="alternate" hreflang>`.
    pub(super) alternates: Vec<(String, String)>,
}

impl Page {
    pub(super) fn read(html: &str) -> Page {
        let mut page = Page::default();
        for tag in html::tags(html).filter(|t| !t.closing) {
            let attributes: Vec<(&str, String)> =
                html::attributes(html, tag.name.end..tag.range.end)
                    .map(|a| (&html[a.name], unescape(&html[a.value])))
                    .collect();
            let get = |name: &str| {
                attributes
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v.clone())
            };
            if let Some(id) = get("id") {
                page.ids.insert(id);
            }
            let name = &html[tag.name];
            let is_link_tag = name.eq_ignore_ascii_case("link");
            if name.eq_ignore_ascii_case("meta")
                && get("http-equiv").is_some_and(|e| e.eq_ignore_ascii_case("refresh"))
            {
                page.redirect = true;
            }
            match (is_link_tag, get("rel").as_deref(), get("href")) {
                (true, Some("canonical"), Some(href)) => page.canonical = Some(href),
                (true, Some("alternate"), Some(href)) => match get("hreflang") {
                    Some(hreflang) => page.alternates.push((hreflang, href)),
                    // Feeds: absolute, under the base URL like the alternates.
                    None => page.links.push(href),
                },
                (_, _, Some(href)) => page.links.push(href),
                _ => {}
            }
            // Pictures and scripts, and where forms (the search fields) lead.
            for name in ["src", "action"] {
                if let Some(link) = get(name) {
                    page.links.push(link);
                }
            }
        }
        page
    }
}

/// An attribute's value as written in HTML, its character references decoded.
fn unescape(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Where links are checked: a site's pages, or the documents of a book (whose links into the
/// site are absolute, under the base URL).
pub(super) struct Within<'a> {
    pub(super) base_url: &'a str,
    /// Whether the site has this output file (an absolute link under the base URL).
    pub(super) site_has: &'a dyn Fn(&str) -> bool,
    /// Whether a relative link's target exists (a file of the site, a document of the book).
    pub(super) has: &'a dyn Fn(&str) -> bool,
    /// The pages (or documents) whose anchors relative links may name.
    pub(super) pages: &'a BTreeMap<&'a str, Page>,
    /// What the links are relative to, in messages: "the site's root", "the book's root".
    pub(super) root: &'a str,
}

/// Why a link of the page at `from` leads nowhere, if it does.
pub(super) fn link_problem(from: &str, link: &str, within: &Within<'_>) -> Option<String> {
    let Within {
        base_url,
        site_has,
        has,
        pages,
        root,
    } = within;
    let link = link.trim();
    if link.is_empty() {
        return Some("empty link".to_string());
    }
    if link.starts_with(base_url) {
        // Absolute, into the site itself (feeds, a book's links to the web): the file must
        // exist.
        let target = page_of(link, base_url)?;
        return (!site_has(&target))
            .then(|| format!("link {link} leads to {target}, which does not exist"));
    }
    if is_external(link) {
        return None;
    }
    if link.starts_with('/') {
        return Some(format!(
            "link {link} starts from the server's root: it breaks under a project path and from disk"
        ));
    }
    let (path, fragment) = match link.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (link, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    let target = if path.is_empty() {
        from.to_string()
    } else {
        let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        match resolve(from, &decoded) {
            Some(target) => target,
            None => return Some(format!("link {link} climbs above {root}")),
        }
    };
    if target.ends_with('/') || target.is_empty() {
        return Some(format!(
            "link {link} names a folder: it works on a server but not from disk (link its index.html)"
        ));
    }
    if !has(&target) {
        let hint = if has(&format!("{target}/index.html")) {
            " (a folder: link its index.html)"
        } else {
            ""
        };
        return Some(format!(
            "link {link} leads to {target}, which does not exist{hint}"
        ));
    }
    match (fragment, pages.get(target.as_str())) {
        (Some(fragment), Some(page)) if !fragment.is_empty() => {
            let fragment = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy();
            (!page.ids.contains(&*fragment))
                .then(|| format!("link {link}: {target} has no element with id `{fragment}`"))
        }
        _ => None,
    }
}

fn is_external(link: &str) -> bool {
    link.starts_with("//") || urls::has_scheme(link)
}

/// The output file a relative link from the page at `from` leads to; a link ending in `/`
/// keeps it. `None` above the root.
fn resolve(from: &str, link: &str) -> Option<String> {
    let folder = from.rsplit_once('/').map_or("", |(folder, _)| folder);
    let mut target = urls::normalize(&format!("{folder}/{link}"))?;
    if link.ends_with('/') {
        target.push('/');
    }
    Some(target)
}

/// The output file an absolute URL under `base_url` stands for (`…/fr/` → `fr/index.html`).
pub(super) fn page_of(url: &str, base_url: &str) -> Option<String> {
    let path = url.strip_prefix(base_url)?;
    let path = path.split(['#', '?']).next().unwrap_or(path);
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    Some(if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.into_owned()
    })
}
