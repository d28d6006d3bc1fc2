//! `dossier check`: every check of a build, without writing anything, then a scan of the
//! generated pages as a browser and a search engine would see them: every relative link and
//! anchor leads somewhere, canonical links and hreflang alternates are absolute under the base
//! URL, and translations point back at each other.

use std::collections::BTreeMap;

use ahash::AHashSet;
use indexmap::IndexMap;

use crate::engine::BuildOptions;
use crate::engine::{Engine, Output};
use crate::error::{Diagnostic, Error, Result};
use crate::site::urls;
use crate::text::html;

/// What `dossier check` found.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
    /// Article pages per language code (none when the model could not be built).
    pub articles_per_language: Vec<(String, usize)>,
    /// Generated HTML pages scanned.
    pub pages: usize,
}

impl CheckReport {
    pub fn summary(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let articles: usize = self.articles_per_language.iter().map(|(_, n)| n).sum();
        let per_language: Vec<String> = self
            .articles_per_language
            .iter()
            .map(|(code, n)| format!("{n} {code}"))
            .collect();
        let scope = if self.pages == 0 {
            String::new()
        } else {
            format!(
                " in {} ({}) and {}",
                plural(articles, "article"),
                per_language.join(", "),
                plural(self.pages, "page")
            )
        };
        format!(
            "check: {}, {}{scope}",
            plural(self.errors.len(), "error"),
            plural(self.warnings.len(), "warning"),
        )
    }
}

/// Runs every check; `Err` only when the check itself could not run (no site, an unreadable
/// folder).
pub fn check(options: &BuildOptions) -> Result<CheckReport> {
    let (engine, result) = Engine::open(options)?;
    let mut report = CheckReport {
        warnings: engine.warnings().to_vec(),
        ..CheckReport::default()
    };
    match result {
        Ok(_) => {}
        Err(Error::Site(diagnostics)) => {
            report.errors = diagnostics;
            return Ok(report);
        }
        Err(other) => return Err(other),
    }
    report.warnings.extend(engine.missing_translations());
    report.warnings.extend(engine.actor_warnings());
    report.articles_per_language = engine.articles_per_language();
    let (Some(output), Some(base_url)) = (engine.output(), engine.base_url()) else {
        return Ok(report);
    };
    let scan = scan_output(&output, base_url);
    report.pages = scan.pages;
    report.errors = scan.problems;
    Ok(report)
}

/// What the scan of the generated pages found.
#[derive(Debug, Default)]
pub struct Scan {
    pub pages: usize,
    pub problems: Vec<Diagnostic>,
}

/// Checks the links of every generated HTML page of `output` (files copied from `static/` are
/// the author's own and are not read).
pub fn scan_output(output: &Output, base_url: &str) -> Scan {
    let pages: BTreeMap<&str, Page> = output
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        // `check` runs an engine that keeps its pages in memory: never staged.
        .filter_map(|(path, contents)| {
            let bytes = contents.in_memory()?;
            Some((&**path, Page::read(&String::from_utf8_lossy(&bytes))))
        })
        .collect();
    let mut scan = Scan {
        pages: pages.len(),
        problems: Vec::new(),
    };
    let has = |path: &str| output.contains_key(path);
    // A broken link in a template breaks every page made from it: one message per link, with
    // the first page that has it and how many others do.
    let mut broken: IndexMap<&str, (&str, String, usize)> = IndexMap::new();
    for (&path, page) in &pages {
        for link in &page.links {
            if let Some(message) = link_problem(path, link, base_url, &has, &pages) {
                broken
                    .entry(link.as_str())
                    .and_modify(|(_, _, others)| *others += 1)
                    .or_insert((path, message, 0));
            }
        }
    }
    for (path, message, others) in broken.into_values() {
        let message = match others {
            0 => message,
            1 => format!("{message} (and in 1 other page)"),
            n => format!("{message} (and in {n} other pages)"),
        };
        scan.problems
            .push(Diagnostic::file(generated(path), message));
    }
    for (&path, page) in &pages {
        let mut problem = |message: String| {
            scan.problems
                .push(Diagnostic::file(generated(path), message))
        };
        if let Some(canonical) = &page.canonical {
            match page_of(canonical, base_url) {
                Some(target) if target == path => {}
                Some(target) if page.redirect && pages.contains_key(target.as_str()) => {}
                _ if page.redirect => problem(format!(
                    "canonical link {canonical} of this redirect is no page of the site under {base_url}"
                )),
                _ => problem(format!(
                    "canonical link {canonical} is not this page's address under {base_url}"
                )),
            }
        }
        for (hreflang, url) in &page.alternates {
            let Some(target) = page_of(url, base_url) else {
                problem(format!(
                    "alternate {hreflang} {url} is not under the base URL {base_url}"
                ));
                continue;
            };
            if hreflang == "x-default" {
                if !has(&target) {
                    problem(format!("alternate x-default {url} does not exist"));
                }
                continue;
            }
            match pages.get(target.as_str()) {
                None => problem(format!("alternate {hreflang} {url} does not exist")),
                Some(other) => {
                    let back = other
                        .alternates
                        .iter()
                        .any(|(_, u)| page_of(u, base_url).as_deref() == Some(path));
                    if !back && !page.alternates.is_empty() && path != urls::ENTRANCE {
                        problem(format!(
                            "alternate {hreflang} {url} does not list this page among its own alternates"
                        ));
                    }
                }
            }
        }
    }
    scan
}

/// How a generated page is named in messages.
fn generated(path: &str) -> String {
    format!("{path} (generated)")
}

/// What one generated page links to and defines.
#[derive(Debug, Default)]
struct Page {
    ids: AHashSet<String>,
    /// `href` and `src` values, unescaped.
    links: Vec<String>,
    canonical: Option<String>,
    /// A page at an old address (`aliases`), which sends the reader on: its canonical link
    /// names the page it leads to.
    redirect: bool,
    /// (hreflang, href) of `<link rel="alternate" hreflang>`.
    alternates: Vec<(String, String)>,
}

impl Page {
    fn read(html: &str) -> Page {
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

/// Why a link of the page at `from` leads nowhere, if it does.
fn link_problem(
    from: &str,
    link: &str,
    base_url: &str,
    has: &dyn Fn(&str) -> bool,
    pages: &BTreeMap<&str, Page>,
) -> Option<String> {
    let link = link.trim();
    if link.is_empty() {
        return Some("empty link".to_string());
    }
    if link.starts_with(base_url) {
        // Absolute, into the site itself (feeds): the file must exist.
        let target = page_of(link, base_url)?;
        return (!has(&target))
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
            None => return Some(format!("link {link} climbs above the site's root")),
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
fn page_of(url: &str, base_url: &str) -> Option<String> {
    let path = url.strip_prefix(base_url)?;
    let path = path.split(['#', '?']).next().unwrap_or(path);
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    Some(if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.into_owned()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Contents;
    use std::sync::Arc;

    const BASE: &str = "https://example.github.io/repo/";

    fn output(files: &[(&str, &str)]) -> Output {
        files
            .iter()
            .map(|(path, html)| {
                (
                    Arc::from(*path),
                    Contents::Bytes(html.as_bytes().to_vec().into()),
                )
            })
            .collect()
    }

    /// A page's canonical link and its alternates in French and English.
    fn head(own: &str, fr: &str, en: &str) -> String {
        format!(
            "<link rel=\"canonical\" href=\"{BASE}{own}\"><link rel=\"alternate\" hreflang=\"fr\" href=\"{BASE}{fr}\"><link rel=\"alternate\" hreflang=\"en\" href=\"{BASE}{en}\">"
        )
    }

    fn messages(scan: &Scan) -> Vec<String> {
        scan.problems.iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn a_whole_site_has_no_problem() {
        let fr = format!(
            "{}<a href=\"../en/x.html#part\">en</a><img src=\"img/a%20b.png\" alt=\"\"><a href=\"https://example.org/\">x</a><a href=\"#top\" id=\"top\">top</a>",
            head("fr/x.html", "fr/x.html", "en/x.html")
        );
        let en = format!(
            "{}<h2 id=\"part\">Part</h2><a href=\"../fr/x.html\">fr</a><a href=\"{BASE}fr/feed.xml\">feed</a><script>if (a<b) x = '<a href=\"/nowhere\">';</script>",
            head("en/x.html", "fr/x.html", "en/x.html")
        );
        let scan = scan_output(
            &output(&[
                ("fr/x.html", &fr),
                ("en/x.html", &en),
                ("fr/img/a b.png", ""),
                ("fr/feed.xml", ""),
            ]),
            BASE,
        );
        assert_eq!(messages(&scan), Vec::<String>::new());
        assert_eq!(scan.pages, 2);
    }

    #[test]
    fn broken_links_anchors_and_one_sided_alternates_are_found() {
        let fr = format!(
            "{}<a href=\"../en/x.html#nope\">a</a> <a href=\"gone.html\">b</a> <a href=\"/fr/x.html\">c</a> <a href=\"sub/\">d</a> <a href=\"../../up.html\">e</a>",
            head("fr/x.html", "fr/x.html", "en/x.html")
        );
        let en = "<link rel=\"canonical\" href=\"https://elsewhere.org/en/x.html\"><h2 id=\"part\">Part</h2>";
        let scan = scan_output(
            &output(&[
                ("fr/x.html", &fr),
                ("en/x.html", en),
                ("fr/sub/index.html", "<p>"),
            ]),
            BASE,
        );
        let found = messages(&scan);
        let expected = [
            "fr/x.html (generated): link ../en/x.html#nope: en/x.html has no element with id `nope`",
            "fr/x.html (generated): link gone.html leads to fr/gone.html, which does not exist",
            "fr/x.html (generated): link /fr/x.html starts from the server's root: it breaks under a project path and from disk",
            "fr/x.html (generated): link sub/ names a folder: it works on a server but not from disk (link its index.html)",
            "fr/x.html (generated): link ../../up.html climbs above the site's root",
            "en/x.html (generated): canonical link https://elsewhere.org/en/x.html is not this page's address under https://example.github.io/repo/",
            "fr/x.html (generated): alternate en https://example.github.io/repo/en/x.html does not list this page among its own alternates",
        ];
        assert_eq!(found, expected);
    }

    #[test]
    fn links_are_read_whatever_the_quotes() {
        let page = Page::read("<p><a title=\"a > b\" href='x&amp;y' data-x=1><img src=z.png></a>");
        assert_eq!(page.links, ["x&y", "z.png"]);
    }
}
