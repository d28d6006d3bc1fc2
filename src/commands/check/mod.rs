//! `dossier check`: every check of a build, without writing anything, then a scan of the
//! generated pages as a browser and a search engine would see them: every relative link and
//! anchor leads somewhere, canonical links and hreflang alternates are absolute under the base
//! URL, and translations point back at each other; and the links of the e-books, inside each
//! book and from it to the site.

mod ebooks;
mod links;

use std::collections::BTreeMap;

use indexmap::IndexMap;

use crate::engine::BuildOptions;
use crate::engine::{Engine, Output};
use crate::error::{Diagnostic, Error, Result};
use crate::site::urls;
use links::{Page, Within, link_problem, page_of};

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
/// the author's own and are not read), then those of its e-books.
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
    let within = Within {
        base_url,
        site_has: &has,
        has: &has,
        pages: &pages,
        root: "the site's root",
    };
    scan.problems = broken_links(&within, generated);
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
    scan.problems.extend(ebooks::scan(output, base_url));
    scan
}

/// The links of `within`'s pages that lead nowhere, each page named in messages by `name`. A
/// broken link in a template breaks every page made from it: one message per link, with the
/// first page that has it and how many others do.
fn broken_links(within: &Within<'_>, name: impl Fn(&str) -> String) -> Vec<Diagnostic> {
    let mut broken: IndexMap<&str, (&str, String, usize)> = IndexMap::new();
    for (&path, page) in within.pages {
        for link in &page.links {
            if let Some(message) = link_problem(path, link, within) {
                broken
                    .entry(link.as_str())
                    .and_modify(|(_, _, others)| *others += 1)
                    .or_insert((path, message, 0));
            }
        }
    }
    broken
        .into_values()
        .map(|(path, message, others)| {
            let message = match others {
                0 => message,
                1 => format!("{message} (and in 1 other page)"),
                n => format!("{message} (and in {n} other pages)"),
            };
            Diagnostic::file(name(path), message)
        })
        .collect()
}

/// How a generated page is named in messages.
fn generated(path: &str) -> String {
    format!("{path} (generated)")
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
