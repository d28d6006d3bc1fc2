//! The briefing as an EPUB 3 e-book (issue 30): one per language, the same bytes from the same
//! sources, `mimetype` first and stored, the briefing's articles in its order with their links
//! leading inside the book, pictures included. EPUBCheck validates the books of every fixture
//! in `scripts/test.sh`.

use std::path::Path;

use crate::support::{Site, read};

/// The entries of a zip archive, in order, inflated: (name, method, bytes).
fn entries(path: &Path) -> Vec<(String, u16, Vec<u8>)> {
    let bytes = std::fs::read(path).unwrap();
    let u16_at = |at: usize| u16::from_le_bytes([bytes[at], bytes[at + 1]]);
    let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
    let mut entries = Vec::new();
    let mut at = 0;
    while bytes[at..].starts_with(b"PK\x03\x04") {
        let method = u16_at(at + 8);
        let (packed, size) = (u32_at(at + 18), u32_at(at + 22));
        let (name_len, extra_len) = (usize::from(u16_at(at + 26)), usize::from(u16_at(at + 28)));
        let name = String::from_utf8(bytes[at + 30..at + 30 + name_len].to_vec()).unwrap();
        let start = at + 30 + name_len + extra_len;
        let data = &bytes[start..start + packed];
        let data = match method {
            0 => data.to_vec(),
            8 => {
                let mut out = Vec::new();
                std::io::Read::read_to_end(&mut flate2::read::DeflateDecoder::new(data), &mut out)
                    .unwrap();
                out
            }
            other => panic!("{name}: compression method {other}"),
        };
        assert_eq!(data.len(), size, "{name}");
        assert_eq!(crc32fast::hash(&data), u32_at(at + 14) as u32, "{name}");
        entries.push((name, method, data));
        at = start + packed;
    }
    assert!(
        bytes[at..].starts_with(b"PK\x01\x02"),
        "the central directory follows"
    );
    entries
}

fn text_of(entries: &[(String, u16, Vec<u8>)], name: &str) -> String {
    let (_, _, data) = entries
        .iter()
        .find(|(n, _, _)| n == name)
        .unwrap_or_else(|| panic!("no {name} in the book"));
    String::from_utf8(data.clone()).unwrap()
}

#[test]
fn each_language_has_its_book_the_same_bytes_from_one_build_to_the_next() {
    let site = Site::fixture("basic");
    let public = site.build_ok();
    let fr = public.join("fr/dossier.epub");
    let en = public.join("en/briefing.epub");
    let first = (std::fs::read(&fr).unwrap(), std::fs::read(&en).unwrap());
    // OCF: the first entry is `mimetype`, stored, with no extra field, so that its text sits
    // at byte 38, where e-readers and `file` look for it.
    assert_eq!(&first.0[..4], b"PK\x03\x04");
    assert_eq!(&first.0[8..10], [0, 0], "stored");
    assert_eq!(&first.0[28..30], [0, 0], "no extra field");
    assert_eq!(&first.0[30..38], b"mimetype");
    assert_eq!(&first.0[38..58], b"application/epub+zip");
    // Another build, into another folder, some time later: the same bytes.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let again = site.root.join("again");
    site.build_ok_with(&["--output-dir", again.to_str().unwrap()]);
    assert_eq!(
        std::fs::read(again.join("fr/dossier.epub")).unwrap(),
        first.0
    );
    assert_eq!(
        std::fs::read(again.join("en/briefing.epub")).unwrap(),
        first.1
    );
    // Not a page: no search engine is sent to it.
    let sitemap = read(&public.join("sitemap.xml"));
    assert!(!sitemap.contains(".epub"), "{sitemap}");
}

#[test]
fn the_book_holds_the_briefing_s_articles_in_its_order_linked_inside_it() {
    let site = Site::fixture("basic");
    let public = site.build_ok();
    let book = entries(&public.join("fr/dossier.epub"));
    let names: Vec<&str> = book.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(
        names[..4],
        [
            "mimetype",
            "META-INF/container.xml",
            "EPUB/package.opf",
            "EPUB/style.css"
        ]
    );
    let package = text_of(&book, "EPUB/package.opf");
    insta::assert_snapshot!("epub_package", package);
    let nav = text_of(&book, "EPUB/nav.xhtml");
    insta::assert_snapshot!("epub_nav", nav);
    // Every document says its language, and is linked to the stylesheet.
    for (name, _, data) in book.iter().filter(|(n, _, _)| n.ends_with(".xhtml")) {
        let xhtml = String::from_utf8(data.clone()).unwrap();
        assert!(xhtml.contains("xml:lang=\"fr\" lang=\"fr\""), "{name}");
        assert!(xhtml.contains("href=\"style.css\""), "{name}");
    }
    // The Lazarus article links to the summit, printed in the book: the link stays inside it;
    // its own heading links stay on its document; its footnote is an EPUB footnote.
    let lazarus = book
        .iter()
        .map(|(_, _, data)| String::from_utf8_lossy(data).into_owned())
        .find(|xhtml| xhtml.contains("<title>Le groupe Lazarus"))
        .expect("the Lazarus article in the book");
    let summit = book
        .iter()
        .find(|(_, _, data)| String::from_utf8_lossy(data).contains("<title>Le sommet de Hanoï"))
        .map(|(name, _, _)| name.trim_start_matches("EPUB/").to_string())
        .expect("the summit in the book");
    assert!(lazarus.contains(&format!("href=\"{summit}\"")), "{lazarus}");
    assert!(lazarus.contains("<h1 id=\"fr_lazarus\""), "{lazarus}");
    assert!(!lazarus.contains("dossier-imprimable"), "{lazarus}");
    insta::assert_snapshot!("epub_article", lazarus);
}

#[test]
fn pictures_go_into_the_book_and_the_output_can_leave_it_out() {
    // A real site's shapes (its warnings are another test's).
    let site = Site::fixture("real-yaml");
    let built = |site: &Site| {
        let output = site.build(&[]);
        assert!(output.status.success(), "{output:?}");
        site.public()
    };
    let public = built(&site);
    let book = entries(&public.join("fr/briefing.epub"));
    let picture = std::fs::read(site.root.join("static/img/carte.png")).unwrap();
    let (name, method, _) = book
        .iter()
        .find(|(_, _, data)| *data == picture)
        .expect("the map in the book");
    assert_eq!(*method, 0, "a PNG is stored, compressed already");
    let file = name.trim_start_matches("EPUB/");
    let package = text_of(&book, "EPUB/package.opf");
    assert!(
        package.contains(&format!("href=\"{file}\" media-type=\"image/png\"")),
        "{package}"
    );
    assert!(
        book.iter()
            .any(|(_, _, data)| String::from_utf8_lossy(data).contains(&format!("src=\"{file}\""))),
        "an article shows it"
    );

    let config = read(&site.root.join("config.toml"));
    site.write(
        "config.toml",
        format!("{config}\n[outputs]\nepub = false\n"),
    );
    let public = built(&site);
    assert!(!public.join("fr/briefing.epub").exists());
    assert!(!public.join("en/briefing.epub").exists());
}

#[test]
fn the_who_s_who_closes_the_book_and_the_articles_lead_to_it() {
    let site = crate::actors::site_with_actors();
    // An article written in English only, printed in the French book, names an actor: its
    // mention links to the English actor page on the site, to the entry in the book.
    let wannacry = "content/cybercrime/wannacry.en.md";
    let text = std::fs::read_to_string(site.root.join(wannacry)).unwrap();
    site.write(wannacry, format!("{text}\nPyongyang denied it.\n"));
    let public = site.build_ok();
    let book = entries(&public.join("fr/dossier.epub"));
    let names: Vec<&str> = book.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(names.last(), Some(&"EPUB/who.xhtml"), "{names:?}");
    let english = book
        .iter()
        .map(|(_, _, data)| String::from_utf8_lossy(data).into_owned())
        .find(|xhtml| xhtml.contains("</a> denied it"))
        .expect("the English article in the French book");
    assert!(
        english.contains(
            "<a class=\"actor-link\" href=\"who.xhtml#actor-north-korea\">Pyongyang</a> denied it"
        ),
        "{english}"
    );
    let package = text_of(&book, "EPUB/package.opf");
    let spine = &package[package.find("<spine>").unwrap()..];
    let who_id = package
        .split("<item ")
        .find(|item| item.contains("href=\"who.xhtml\""))
        .and_then(|item| item.split('"').nth(1))
        .expect("the who's who in the manifest");
    assert!(
        spine.trim_end().ends_with(&format!(
            "<itemref idref=\"{who_id}\"/>\n  </spine>\n</package>"
        )),
        "{spine}"
    );
    let nav = text_of(&book, "EPUB/nav.xhtml");
    assert!(
        nav.contains("<li><a href=\"who.xhtml\">Qui est qui</a></li>\n</ol>"),
        "{nav}"
    );
    // The actors the printed articles name, not the one no article names.
    let who = text_of(&book, "EPUB/who.xhtml");
    insta::assert_snapshot!("epub_who", who);
    assert!(who.contains("<dt id=\"actor-lazarus\">"), "{who}");
    assert!(!who.contains("Interpol"), "{who}");
    // An article's mention of an actor leads to the actor's entry, not to the web.
    let lazarus = book
        .iter()
        .map(|(_, _, data)| String::from_utf8_lossy(data).into_owned())
        .find(|xhtml| xhtml.contains("<title>Le groupe Lazarus"))
        .expect("the Lazarus article in the book");
    assert!(
        lazarus.contains("href=\"who.xhtml#actor-lazarus\""),
        "{lazarus}"
    );
    // So does the list of the actors it names.
    assert!(
        lazarus.contains("<p class=\"actors-named\">Acteurs cités\u{a0}: <a href=\"who.xhtml#actor-lazarus\">Lazarus</a>"),
        "{lazarus}"
    );
    assert!(!lazarus.contains("/acteurs/"), "{lazarus}");
}
