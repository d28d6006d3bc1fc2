//! The briefing of a language as an EPUB 3 e-book (`/fr/dossier.epub`): the same selection as
//! the printable briefing, each article a document of its own as the briefing prints it
//! (date, sources, topics, figures, body), a document per topic, a cover and a navigation
//! document, in an archive whose bytes depend only on the dossier (`zip.rs`): every entry
//! dated by the newest article the book holds, as `dcterms:modified` is.
//!
//! Structure (EPUB 3.3, OCF): `mimetype` first and stored, `META-INF/container.xml`, then
//! `EPUB/package.opf` and the documents beside it.

mod documents;
pub mod xhtml;
pub mod zip;

use std::fmt::Write as _;

use std::sync::Arc;

use rayon::prelude::*;

use crate::config::LangId;
use crate::error::Diagnostic;
use crate::render::Renderer;
use crate::site::pages::{Page, written};
use crate::site::urls;
use crate::text::date::Date;
use documents::{Book, Document};
use xhtml::escape_xml_text as text;

/// The stylesheet of the book: the site's reading typography without its navigation, for
/// e-readers that apply their own fonts and margins.
const STYLE: &str = include_str!("style.css");

const CONTAINER: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"#;

impl Renderer<'_> {
    /// Makes the e-books of the languages whose pages among `pages` show it or its size (the
    /// book itself, the home, the briefing), before those pages are rendered in parallel: a
    /// page never waits inside the parallel pass for a book made there. A book that cannot be
    /// made is left to its own page, which reports why.
    pub fn make_ebooks(&self, pages: &[Page]) {
        let config = self.config();
        // The languages' books at once: each is mostly one thread's work at its end.
        (0..config.languages.len())
            .into_par_iter()
            .for_each(|lang| {
                let wanted = pages.iter().any(|page| {
                matches!(page, Page::Ebook(l) | Page::Home(l) | Page::Briefing(l) if l.0 == lang)
            });
                if wanted
                    && written(config, Page::Ebook(LangId(lang)))
                    && self.ebooks[lang].get().is_none()
                    && let Ok(book) = self.ebook(lang)
                {
                    let _ = self.ebooks[lang].set(Arc::from(book));
                }
            });
    }

    /// The size of `lang`'s e-book as its pages say it (`size_kb`, `size_mb`: `850 Ko`,
    /// `1,2 Mo`), once made.
    pub(crate) fn ebook_size(&self, lang: usize) -> Option<String> {
        let book = self.ebooks.get(lang)?.get()?;
        let language = &self.config().languages[lang];
        let bytes = book.len() as u64;
        let (said, n) = match bytes < 1_000_000 {
            true => (language.string("size_kb"), bytes.div_ceil(1000).to_string()),
            false => {
                let tenths = bytes.div_ceil(100_000);
                let n = format!("{}.{}", tenths / 10, tenths % 10);
                let n = match language.french_typography {
                    true => n.replace('.', ","),
                    false => n,
                };
                (language.string("size_mb"), n)
            }
        };
        said.contains("{n}").then(|| said.replace("{n}", &n))
    }

    /// The e-book of `lang`'s briefing, as the bytes of its archive.
    pub(crate) fn ebook(&self, lang: usize) -> Result<Vec<u8>, Diagnostic> {
        let mut clock = crate::timings::Clock::start();
        let book = self.book(lang)?;
        clock.lap("e-book: documents");
        let language = &self.config().languages[lang];
        let modified = book.as_of.unwrap_or(Date {
            year: 2000,
            month: 1,
            day: 1,
        });
        let mut zip = zip::Zip::new(zip::DosTime::midnight(
            modified.year,
            u32::from(modified.month),
            u32::from(modified.day),
        ));
        let too_large = |_| {
            Diagnostic::file(
                crate::config::CONFIG_FILE,
                format!(
                    "the e-book of {} is too large for a zip archive (4 GiB, 65,535 files): leave it out with `[outputs] epub = false`",
                    language.code
                ),
            )
        };
        zip.add("mimetype", b"application/epub+zip", zip::Method::Stored)
            .map_err(too_large)?;
        let deflated = |zip: &mut zip::Zip, name: &str, data: &str| {
            zip.add(name, data.as_bytes(), zip::Method::Deflated)
        };
        deflated(&mut zip, "META-INF/container.xml", CONTAINER).map_err(too_large)?;
        deflated(
            &mut zip,
            "EPUB/package.opf",
            &self.package(lang, &book, modified),
        )
        .map_err(too_large)?;
        deflated(&mut zip, "EPUB/style.css", STYLE).map_err(too_large)?;
        // Compressed in parallel, added in the book's order.
        let documents: Vec<zip::Entry> = book
            .documents
            .par_iter()
            .map(|document| {
                let name = format!("EPUB/{}", document.file);
                zip::Entry::new(&name, document.xhtml.as_bytes(), zip::Method::Deflated)
            })
            .collect();
        let images: Vec<zip::Entry> = book
            .images
            .par_iter()
            .map(|image| {
                // Pictures are compressed already, but for SVG's text.
                let method = match image.media_type {
                    "image/svg+xml" => zip::Method::Deflated,
                    _ => zip::Method::Stored,
                };
                zip::Entry::new(&format!("EPUB/{}", image.file), &image.bytes, method)
            })
            .collect();
        for entry in documents.into_iter().chain(images) {
            zip.push(entry).map_err(too_large)?;
        }
        clock.lap("e-book: archive");
        zip.finish().map_err(too_large)
    }

    /// The package document: metadata, every file of the book, and the reading order.
    fn package(&self, lang: usize, book: &Book, modified: Date) -> String {
        let config = self.config();
        let language = &config.languages[lang];
        let mut opf = String::with_capacity(4096 + book.documents.len() * 160);
        let _ = write!(
            opf,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"id\" xml:lang=\"{code}\">\n  <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n    <dc:identifier id=\"id\">{id}</dc:identifier>\n    <dc:title>{title}</dc:title>\n    <dc:language>{code}</dc:language>\n    <dc:description>{description}</dc:description>\n    <dc:date>{date}</dc:date>\n    <meta property=\"dcterms:modified\">{date}T00:00:00Z</meta>\n  </metadata>\n  <manifest>\n    <item id=\"style\" href=\"style.css\" media-type=\"text/css\"/>\n",
            code = language.code,
            id = identifier(&urls::absolute(config, &urls::ebook(language))),
            title = text(&language.title),
            description = text(&language.description),
            date = modified.iso(),
        );
        for (n, document) in book.documents.iter().enumerate() {
            let properties = match document.nav {
                true => " properties=\"nav\"",
                false => "",
            };
            let _ = writeln!(
                opf,
                "    <item id=\"d{n}\" href=\"{}\" media-type=\"application/xhtml+xml\"{properties}/>",
                document.file
            );
        }
        for (n, image) in book.images.iter().enumerate() {
            let _ = writeln!(
                opf,
                "    <item id=\"i{n}\" href=\"{}\" media-type=\"{}\"/>",
                image.file, image.media_type
            );
        }
        opf.push_str("  </manifest>\n  <spine>\n");
        for n in 0..book.documents.len() {
            let _ = writeln!(opf, "    <itemref idref=\"d{n}\"/>");
        }
        opf.push_str("  </spine>\n</package>\n");
        opf
    }
}

/// A `urn:uuid:` for the book at `address`: the same for every build of it, another for
/// another site or language (a UUID of version 8, made of two hashes with fixed keys).
fn identifier(address: &str) -> String {
    let hash = |seeds: [u64; 4]| {
        ahash::RandomState::with_seeds(seeds[0], seeds[1], seeds[2], seeds[3]).hash_one(address)
    };
    let a = hash([0x6570_7562, 1, 2, 3]);
    let b = hash([0x6570_7562, 4, 5, 6]);
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&a.to_be_bytes());
    bytes[8..].copy_from_slice(&b.to_be_bytes());
    bytes[6] = (bytes[6] & 0x0f) | 0x80; // version 8
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 9562 variant
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

impl Document {
    /// A document of the book: `body` (XHTML) in a page of `lang` titled `title`.
    fn page(file: String, lang: &str, title: &str, body: &str, nav: bool) -> Document {
        let xhtml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" xml:lang=\"{lang}\" lang=\"{lang}\">\n<head>\n<meta charset=\"UTF-8\"/>\n<title>{}</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"style.css\"/>\n</head>\n<body>\n{body}\n</body>\n</html>\n",
            text(title)
        );
        Document { file, xhtml, nav }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_book_s_identifier_is_stable_and_its_own() {
        let fr = identifier("https://example.org/fr/dossier.epub");
        assert_eq!(fr, identifier("https://example.org/fr/dossier.epub"));
        assert_ne!(fr, identifier("https://example.org/en/briefing.epub"));
        assert_eq!(fr.len(), "urn:uuid:".len() + 36);
        assert_eq!(&fr["urn:uuid:".len() + 14..][..1], "8", "version 8: {fr}");
    }
}
