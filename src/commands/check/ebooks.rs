//! The e-books' links, checked as the pages' are: every link of a book's documents (its
//! package document's manifest, its navigation, its articles' links, pictures and
//! stylesheet) leads to a file the book holds and, with a fragment, to an element of it; a
//! link to the site (absolute, under the base URL) leads to a file the site has.

use std::collections::BTreeMap;

use ahash::AHashSet;

use super::links::{Page, Within};
use crate::engine::Output;
use crate::error::Diagnostic;
use crate::render::epub::zip;

/// The problems of every book (`*.epub`) of `output`.
pub(super) fn scan(output: &Output, base_url: &str) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let site_has = |path: &str| output.contains_key(path);
    for (path, contents) in output.iter().filter(|(path, _)| path.ends_with(".epub")) {
        let Some(bytes) = contents.in_memory() else {
            continue;
        };
        let book = |message: String| Diagnostic::file(format!("{path} (generated)"), message);
        let entries = match zip::read(&bytes) {
            Ok(entries) => entries,
            Err(message) => {
                problems.push(book(format!("not a readable zip archive: {message}")));
                continue;
            }
        };
        let files: AHashSet<&str> = entries.iter().map(|(name, _)| name.as_str()).collect();
        let documents: BTreeMap<&str, Page> = entries
            .iter()
            .filter(|(name, _)| name.ends_with(".xhtml") || name.ends_with(".opf"))
            .map(|(name, bytes)| (name.as_str(), Page::read(&String::from_utf8_lossy(bytes))))
            .collect();
        let has = |name: &str| files.contains(name);
        let within = Within {
            base_url,
            site_has: &site_has,
            has: &has,
            pages: &documents,
            root: "the book's root",
        };
        problems.extend(super::broken_links(&within, |document| {
            format!("{path}, {document} (generated)")
        }));
        let package = entries
            .iter()
            .find(|(name, _)| name == "META-INF/container.xml")
            .and_then(|(_, bytes)| full_path(&String::from_utf8_lossy(bytes)));
        match package {
            Some(package) if files.contains(package.as_str()) => {}
            Some(package) => problems.push(book(format!(
                "META-INF/container.xml names {package}, which the book does not hold"
            ))),
            None => problems.push(book(
                "no META-INF/container.xml naming the package document".to_string(),
            )),
        }
    }
    problems
}

/// The package document's path, as `container.xml`'s `rootfile` gives it.
fn full_path(container: &str) -> Option<String> {
    let rest = &container[container.find("<rootfile ")?..];
    let value = &rest[rest.find("full-path=\"")? + "full-path=\"".len()..];
    Some(value[..value.find('"')?].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Contents;
    use crate::render::epub::zip::{DosTime, Method, Zip};
    use std::sync::Arc;

    const BASE: &str = "https://example.org/";

    fn book(documents: &[(&str, &str)]) -> Vec<u8> {
        let mut zip = Zip::new(DosTime::midnight(2025, 2, 21));
        for (name, text) in documents {
            zip.add(name, text.as_bytes(), Method::Deflated).unwrap();
        }
        zip.finish().unwrap()
    }

    fn messages(files: Vec<(&str, Vec<u8>)>) -> Vec<String> {
        let output: Output = files
            .into_iter()
            .map(|(path, bytes)| (Arc::from(path), Contents::Bytes(bytes.into())))
            .collect();
        scan(&output, BASE).iter().map(|d| d.to_string()).collect()
    }

    const CONTAINER: &str = r#"<container><rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#;
    const PACKAGE: &str = r#"<package><manifest><item id="a" href="a.xhtml"/><item id="b" href="b.xhtml"/></manifest></package>"#;

    #[test]
    fn a_whole_book_has_no_problem() {
        let a = format!(
            r#"<p><a href="b.xhtml#part">b</a> <a href="{BASE}fr/">site</a> <a href="https://elsewhere.org/">web</a> <img src="images/x.png" alt=""/></p>"#
        );
        let epub = book(&[
            ("META-INF/container.xml", CONTAINER),
            ("EPUB/package.opf", PACKAGE),
            ("EPUB/a.xhtml", &a),
            ("EPUB/b.xhtml", r#"<h2 id="part">Part</h2>"#),
            ("EPUB/images/x.png", ""),
        ]);
        let found = messages(vec![("fr/dossier.epub", epub), ("fr/index.html", vec![])]);
        assert_eq!(found, Vec::<String>::new());
    }

    #[test]
    fn links_outside_the_book_or_the_site_are_found() {
        let a = format!(
            r#"<a href="b.xhtml#nope">1</a> <a href="c.xhtml">2</a> <a href="{BASE}en/gone/">3</a> <a href="../../up.xhtml">4</a> <img src="images/y.png"/>"#
        );
        let package = PACKAGE.replace("b.xhtml", "missing.xhtml");
        let epub = book(&[
            ("META-INF/container.xml", CONTAINER),
            ("EPUB/package.opf", &package),
            ("EPUB/a.xhtml", &a),
            ("EPUB/b.xhtml", r#"<h2 id="part">Part</h2>"#),
        ]);
        let found = messages(vec![("en/briefing.epub", epub)]);
        let expected = [
            "en/briefing.epub, EPUB/a.xhtml (generated): link b.xhtml#nope: EPUB/b.xhtml has no element with id `nope`",
            "en/briefing.epub, EPUB/a.xhtml (generated): link c.xhtml leads to EPUB/c.xhtml, which does not exist",
            "en/briefing.epub, EPUB/a.xhtml (generated): link https://example.org/en/gone/ leads to en/gone/index.html, which does not exist",
            "en/briefing.epub, EPUB/a.xhtml (generated): link ../../up.xhtml climbs above the book's root",
            "en/briefing.epub, EPUB/a.xhtml (generated): link images/y.png leads to EPUB/images/y.png, which does not exist",
            "en/briefing.epub, EPUB/package.opf (generated): link missing.xhtml leads to EPUB/missing.xhtml, which does not exist",
        ];
        assert_eq!(found, expected);
    }

    #[test]
    fn a_book_that_cannot_be_read_or_has_no_package_is_reported() {
        let no_container = book(&[("EPUB/package.opf", "<package/>")]);
        let wrong_container = book(&[("META-INF/container.xml", CONTAINER)]);
        let found = messages(vec![
            ("a.epub", b"PK not a zip".to_vec()),
            ("b.epub", no_container),
            ("c.epub", wrong_container),
        ]);
        assert_eq!(
            found,
            [
                "a.epub (generated): not a readable zip archive: no end of central directory record where one is written",
                "b.epub (generated): no META-INF/container.xml naming the package document",
                "c.epub (generated): META-INF/container.xml names EPUB/package.opf, which the book does not hold",
            ]
        );
    }
}
