//! Reference pages (SPEC §8): About, Methods, Legal — no date, no topics; paired and translated
//! like articles, in the navigation in the order the site gives, out of the lists, the feeds
//! and the briefing, in the sitemap and the search.

use crate::support::{Site, broken_links, main_of, read, tree};

/// The basic fixture with an About page in both languages (the French in YAML), a French-only
/// legal page second in the navigation, and a methods page outside it that an article links to.
fn site_with_pages() -> Site {
    let site = Site::fixture("basic");
    site.write(
        "content/pages/about.fr.md",
        "---\ntitle: À propos de ce dossier\nkind: page\nnav: 1\nslug: a-propos\n---\n\nCe dossier rassemble des articles sur la Corée du Nord.\n\n## Méthode\n\nVoir [la méthode](methodes.fr.md).\n",
    );
    site.write(
        "content/pages/about.en.md",
        "+++\ntitle = \"About this dossier\"\n+++\n\nThis dossier gathers articles on North Korea.\n",
    );
    site.write(
        "content/pages/mentions.fr.md",
        "+++\ntitle = \"Mentions légales\"\nkind = \"page\"\nnav = 2\nslug = \"mentions-legales\"\n+++\n\nÉditeur : la rédaction.\n",
    );
    site.write(
        "content/pages/methodes.fr.md",
        "+++\ntitle = \"Nos méthodes\"\nkind = \"page\"\nupdated = 2025-03-01\n+++\n\nNous citons nos sources.\n",
    );
    site
}

#[test]
fn reference_pages_are_in_the_navigation_not_in_the_lists() {
    let site = site_with_pages();
    let public = site.build_ok();
    let about = read(&public.join("fr/a-propos/index.html"));
    insta::assert_snapshot!("reference_page_fr", main_of(&about));
    assert!(public.join("en/about/index.html").is_file());
    assert!(public.join("fr/methodes/index.html").is_file());

    // The navigation of every page of a language, in the site's order; the English one links
    // to the French-only legal page, marked as French.
    for (path, bytes) in tree(&public) {
        let html = String::from_utf8_lossy(&bytes);
        if path.starts_with("fr/") && path.ends_with(".html") {
            let start = html
                .find("<nav class=\"topics-nav\"")
                .unwrap_or_else(|| panic!("{path}"));
            let html = &html[start..start + html[start..].find("</nav>").unwrap()];
            let about = html
                .find(">À propos de ce dossier</a></li>")
                .unwrap_or_else(|| panic!("{path}"));
            let legal = html
                .find(">Mentions légales</a></li>")
                .unwrap_or_else(|| panic!("{path}"));
            assert!(about < legal, "{path}: the navigation's order");
            assert!(
                !html.contains(">Nos méthodes</a></li>"),
                "{path}: a page without nav"
            );
        }
    }
    let english_home = read(&public.join("en/index.html"));
    assert!(
        english_home.contains(
            "<li class=\"nav-page\"><a href=\"about/index.html\">About this dossier</a></li>"
        ),
        "{english_home}"
    );
    assert!(english_home.contains("<li class=\"nav-page\"><a href=\"../fr/mentions-legales/index.html\" hreflang=\"fr\" lang=\"fr\">Mentions légales</a></li>"), "{english_home}");

    // Out of the lists, the feeds and the briefing.
    for path in [
        "fr/index.html",
        "fr/chronologie/index.html",
        "fr/dossier-imprimable/index.html",
        "fr/feed.xml",
        "en/feed.xml",
        "en/briefing/index.html",
    ] {
        let text = main_or_all(&read(&public.join(path)));
        for title in [
            "À propos de ce dossier",
            "About this dossier",
            "Nos méthodes",
            "Mentions légales",
        ] {
            assert!(!text.contains(title), "{path} lists {title}");
        }
    }
    // In the sitemap, with its translation; in the search.
    let sitemap = read(&public.join("sitemap.xml"));
    assert!(
        sitemap.contains("<loc>https://example.github.io/fixture/fr/a-propos/</loc>"),
        "{sitemap}"
    );
    assert!(
        sitemap.contains("hreflang=\"en\" href=\"https://example.github.io/fixture/en/about/\"")
    );
    let index = crate::support::search_files(&public, "fr/recherche");
    assert!(index.contains("Nos méthodes"), "{index}");
    assert_eq!(broken_links(&public), Vec::<String>::new());
}

/// The `<main>` of a page, or all of a feed.
fn main_or_all(text: &str) -> String {
    match text.contains("<main") {
        true => main_of(text),
        false => text.to_string(),
    }
}

/// What a reference page cannot be: with topics, at a folder of the site's own, an article
/// placed in the navigation, an unknown kind.
#[test]
fn reference_page_errors() {
    let site = site_with_pages();
    site.write(
        "content/pages/methodes.fr.md",
        "+++\ntitle = \"Nos méthodes\"\nkind = \"page\"\ntopics = [\"diplomacy\"]\nslug = \"themes\"\n+++\n\nTexte.\n",
    );
    site.write(
        "content/cybercrime/lazarus.fr.md",
        "+++\ntitle = \"Lazarus\"\ndate = 2025-01-01\ntopics = [\"cybercrime\"]\nnav = 3\n+++\n\nTexte.\n",
    );
    site.write(
        "content/pages/contact.fr.md",
        "+++\ntitle = \"Contact\"\nkind = \"pgae\"\n+++\n\nTexte.\n",
    );
    let output = site.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(String::from_utf8_lossy(&output.stderr));
}
