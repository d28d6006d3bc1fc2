//! Building the `basic` fixture: pairing, inheritance, topics, Markdown, and the page kinds.

use crate::support::{Site, alternates, broken_links, hreflang_problems, main_of, read, tree};

const BASE: &str = "https://example.github.io/fixture/";

#[test]
fn writes_every_output_of_the_spec() {
    let site = Site::fixture("basic");
    let public = site.build_ok();
    let files = tree(&public);
    for expected in [
        "index.html",
        "404.html",
        "robots.txt",
        ".nojekyll",
        "sitemap.xml",
        "assets/style.css",
        "assets/highlight.css",
        "fr/index.html",
        "en/index.html",
        "fr/feed.xml",
        "en/feed.xml",
        "fr/themes/sanctions/index.html",
        "fr/themes/sanctions/feed.xml",
        "en/topics/sanctions/index.html",
        "en/topics/cybercrime/feed.xml",
        "fr/articles/un-report/index.html",
        "en/articles/un-report/index.html",
        "fr/articles/sommet/index.html",
        "en/articles/summit-hanoi/index.html",
        "fr/articles/lazarus/index.html",
        "en/articles/wannacry/index.html",
    ] {
        assert!(
            files.contains_key(expected),
            "missing {expected}; have {:?}",
            files.keys()
        );
    }
    // No page pretends to be a translation that does not exist.
    assert!(!files.contains_key("en/articles/lazarus/index.html"));
    assert!(!files.contains_key("fr/articles/wannacry/index.html"));
}

#[test]
fn pairs_by_stem_and_by_translation_key() {
    let site = Site::fixture("basic");
    let public = site.build_ok();
    let by_stem = read(&public.join("fr/articles/un-report/index.html"));
    assert!(
        by_stem.contains(r#"href="../../../en/articles/un-report/index.html" hreflang="en""#),
        "{by_stem}"
    );
    let by_key = read(&public.join("en/articles/summit-hanoi/index.html"));
    assert!(by_key.contains(r#"href="../../../fr/articles/sommet/index.html" hreflang="fr""#));
    assert_eq!(
        alternates(&by_key).get("fr").map(String::as_str),
        Some("https://example.github.io/fixture/fr/articles/sommet/")
    );
}

#[test]
fn translations_inherit_date_topics_and_source() {
    let site = Site::fixture("basic");
    let public = site.build_ok();
    let english = read(&public.join("en/articles/un-report/index.html"));
    assert!(
        english.contains(r#"<time datetime="2019-08-05">August 5, 2019</time>"#),
        "{}",
        main_of(&english)
    );
    assert!(english.contains(r#"<a href="https://www.un.org/">Nations unies</a>"#));
    assert!(english.contains(r#"href="../../topics/sanctions/index.html">Sanctions</a>"#));
    assert!(english.contains(r#"href="../../topics/cybercrime/index.html">Cybercrime</a>"#));
    let cybercrime = read(&public.join("en/topics/cybercrime/index.html"));
    assert!(cybercrime.contains("The UN report: $2bn stolen?"));
}

#[test]
fn missing_translations_are_listed_and_marked() {
    let site = Site::fixture("basic");
    let public = site.build_ok();
    let english_home = read(&public.join("en/index.html"));
    assert!(english_home.contains(
        r#"href="../fr/articles/lazarus/index.html" hreflang="fr" lang="fr">Le groupe Lazarus</a>"#
    ));
    assert!(english_home.contains("French only"));
    let french_home = read(&public.join("fr/index.html"));
    assert!(french_home.contains(r#"href="../en/articles/wannacry/index.html" hreflang="en" lang="en">WannaCry, five years on</a>"#));
    assert!(french_home.contains("Article en anglais uniquement"));
    // The switcher of a French-only article leads to the English home, with a notice.
    let lazarus = read(&public.join("fr/articles/lazarus/index.html"));
    assert!(
        lazarus.contains(r#"class="untranslated" href="../../../en/index.html" hreflang="en""#)
    );
    assert!(lazarus.contains("Not available in English"));
    let links = alternates(&lazarus);
    assert_eq!(links.len(), 2, "itself and x-default only: {links:?}");
}

/// The articles a timeline page links to, in order, with the years it shows.
fn timeline_of(html: &str) -> (Vec<String>, Vec<String>) {
    let main = main_of(html);
    let items =
        regex::Regex::new(r#"<li>\s*<time datetime="[^"]+">[^<]+</time>\s*<a href="([^"]+)""#)
            .unwrap();
    let years = regex::Regex::new(r#"<h2 id="year-(\d+)">"#).unwrap();
    (
        items
            .captures_iter(&main)
            .map(|c| c[1].to_string())
            .collect(),
        years
            .captures_iter(&main)
            .map(|c| c[1].to_string())
            .collect(),
    )
}

#[test]
fn the_timeline_lists_every_article_once_per_language() {
    let site = Site::fixture("basic");
    let public = site.build_ok();
    let (french, years) = timeline_of(&read(&public.join("fr/chronologie/index.html")));
    assert_eq!(
        french,
        [
            "../articles/lazarus/index.html",
            "../../en/articles/wannacry/index.html",
            "../articles/un-report/index.html",
            "../articles/sommet/index.html",
        ]
    );
    assert_eq!(years, ["2025", "2022", "2019"]);
    let (english, years) = timeline_of(&read(&public.join("en/timeline/index.html")));
    assert_eq!(
        english,
        [
            "../../fr/articles/lazarus/index.html",
            "../articles/wannacry/index.html",
            "../articles/un-report/index.html",
            "../articles/summit-hanoi/index.html",
        ]
    );
    assert_eq!(years, ["2025", "2022", "2019"]);
    let english = read(&public.join("en/timeline/index.html"));
    assert!(
        english.contains(
            r#"hreflang="fr" lang="fr">Le groupe Lazarus</a> <span class="only">French only</span>"#
        ),
        "{english}"
    );
    // Every page leads to the timeline; the two timelines are each other's translation.
    let home = read(&public.join("fr/index.html"));
    assert!(
        home.contains(r#"<a href="chronologie/index.html">Chronologie</a>"#),
        "{home}"
    );
    let links = alternates(&english);
    assert_eq!(
        links.get("fr").map(String::as_str),
        Some("https://example.github.io/fixture/fr/chronologie/")
    );
}

/// Every page path under a folder of the output, relative to it, sorted.
fn pages_under(public: &std::path::Path, folder: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![public.join(folder)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                let relative = path.strip_prefix(public).unwrap();
                found.push(relative.to_string_lossy().into_owned());
            }
        }
    }
    found.sort();
    found
}

#[test]
fn only_translated_articles_can_be_read_side_by_side() {
    let site = Site::fixture("basic");
    let public = site.build_ok();
    // No page of its own: the reading is part of the article's page.
    let views: Vec<String> = ["fr", "en"]
        .iter()
        .flat_map(|lang| pages_under(&public, lang))
        .filter(|p| p.contains("/cote-a-cote/") || p.contains("/side-by-side/"))
        .collect();
    assert_eq!(views, Vec::<String>::new());
    // Linked from both articles of a pair to their own body, not from an article without
    // translation.
    let summit = read(&public.join("en/articles/summit-hanoi/index.html"));
    assert!(
        summit.contains(r##"<a class="parallel-link" href="#side-by-side">Read side by side</a>"##),
        "{summit}"
    );
    assert!(summit.contains(r#"<div class="prose parallel-view" id="side-by-side""#));
    let sommet = read(&public.join("fr/articles/sommet/index.html"));
    assert!(sommet.contains(r##"href="#cote-a-cote">Lire côte à côte</a>"##));
    assert!(sommet.contains(r#"<div class="prose parallel-view" id="cote-a-cote""#));
    let lazarus = read(&public.join("fr/articles/lazarus/index.html"));
    assert!(
        !lazarus.contains("parallel-link") && !lazarus.contains("parallel-"),
        "{lazarus}"
    );
    // The page's own version first, its ids as on a page without translation; the other's
    // prefixed with its language, so that the two conclusions do not collide. Every row
    // holds both, each cell in its language.
    for (path, own, other) in [
        ("en/articles/un-report/index.html", "en", "fr"),
        ("fr/articles/un-report/index.html", "fr", "en"),
    ] {
        let page = read(&public.join(path));
        let main = main_of(&page);
        let own_heading = main.find(r#"<h2 id="conclusions">"#).expect("own heading");
        let other_heading = main
            .find(&format!(r#"<h2 id="{other}-conclusions">"#))
            .expect("other heading");
        assert!(own_heading < other_heading, "{main}");
        let own_cells = format!(r#"<div class="parallel-cell" lang="{own}">"#);
        let other_cells = format!(r#"<div class="parallel-cell parallel-other" lang="{other}">"#);
        let rows = main.matches("<div class=\"parallel-row").count();
        assert!(rows > 2, "{main}");
        assert_eq!(main.matches(&own_cells).count(), rows, "{main}");
        assert_eq!(main.matches(&other_cells).count(), rows, "{main}");
        // The heads of the columns: the other version's title leads to its page.
        assert!(
            main.contains(&format!(
                r#"<a href="../../../{other}/articles/un-report/index.html" hreflang="{other}">"#
            )),
            "{main}"
        );
        assert!(page.starts_with(&format!("<!DOCTYPE html>\n<html lang=\"{own}\">")));
        assert!(!main.contains("dossier:"), "a marker left: {main}");
    }
    // Its address is the page's: the sitemap lists articles only.
    let sitemap = read(&public.join("sitemap.xml"));
    assert!(!sitemap.contains("side-by-side") && !sitemap.contains("cote-a-cote"));
}

#[test]
fn a_heading_never_takes_an_id_of_the_page_around_the_body() {
    let site = Site::fixture("basic");
    // Headings named like the side-by-side anchor, the main element and the table of
    // contents' heading.
    let english = read(&site.root.join("content/sanctions/un-report.en.md"));
    site.write(
        "content/sanctions/un-report.en.md",
        format!("{english}\n## Side by side\n\nA.\n\n## Content\n\nB.\n\n## Toc heading\n\nC.\n"),
    );
    let public = site.build_ok();
    let page = read(&public.join("en/articles/un-report/index.html"));
    for (id, heading) in [
        ("side-by-side", "side-by-side-1"),
        ("content", "content-1"),
        ("toc-heading", "toc-heading-1"),
    ] {
        assert_eq!(
            page.matches(&format!("id=\"{id}\"")).count(),
            1,
            "{id}: {page}"
        );
        assert!(
            page.contains(&format!("<h2 id=\"{heading}\">")),
            "{heading}: {page}"
        );
        // Its table of contents leads to the heading, not to the page's own element.
        assert!(page.contains(&format!("href=\"#{heading}\"")), "{heading}");
    }
    assert_eq!(crate::support::broken_links(&public), Vec::<String>::new());
}

#[test]
fn side_by_side_rows_leave_a_cell_empty_where_a_version_has_nothing() {
    let site = Site::fixture("basic");
    // A section the English version does not have: its row's English cell is empty.
    let french = read(&site.root.join("content/sanctions/un-report.fr.md"));
    site.write(
        "content/sanctions/un-report.fr.md",
        format!("{french}\n## Annexe\n\nLa liste des banques visées.\n"),
    );
    let public = site.build_ok();
    for (path, annex, empty, conclusions) in [
        (
            "fr/articles/un-report/index.html",
            r#"<h2 id="annexe">"#,
            r#"<div class="parallel-cell parallel-other" lang="en"></div>"#,
            [r#"<h2 id="conclusions">"#, r#"<h2 id="en-conclusions">"#],
        ),
        (
            "en/articles/un-report/index.html",
            r#"<h2 id="fr-annexe">"#,
            r#"<div class="parallel-cell" lang="en"></div>"#,
            [r#"<h2 id="fr-conclusions">"#, r#"<h2 id="conclusions">"#],
        ),
    ] {
        let main = main_of(&read(&public.join(path)));
        let annex = main.find(annex).expect("the annex");
        let row_start = main[..annex].rfind("<div class=\"parallel-row").unwrap();
        let row_end = annex + main[annex..].find("\n  </div>").unwrap();
        let row = &main[row_start..row_end];
        assert!(row.contains("parallel-row parallel-heading"), "{row}");
        assert!(row.contains(empty), "{row}");
        assert!(!row.contains("dossier:"), "a marker left: {row}");
        // The rows before it pair both versions, each cell with its own part.
        let before = &main[..row_start];
        for heading in conclusions {
            assert!(before.contains(heading), "{main}");
        }
        assert!(!main.contains("<!--dossier:"), "{main}");
    }
}

#[test]
fn a_site_article_template_of_its_own_gets_the_rows_where_it_prints_the_body() {
    let site = Site::fixture("basic");
    // Written as templates once were: `| safe` on the body, no side-by-side head.
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}{% block main %}<h1>{{ article.title }}</h1>\
         <section class=\"body\">{{ article.html | safe }}</section>{% endblock main %}",
    );
    let public = site.build_ok();
    let main = main_of(&read(&public.join("en/articles/un-report/index.html")));
    assert!(main.contains("<section class=\"body\">"), "{main}");
    assert_bodies_spliced(&main, "fr");
}

/// The main of the English page of `un-report` holds both versions' parts, the other
/// version's moved (ids prefixed with `other`), printed as they are, and no marker is left.
fn assert_bodies_spliced(main: &str, other: &str) {
    assert!(main.contains(r#"<h2 id="conclusions">"#), "{main}");
    assert!(
        main.contains(&format!(r#"<h2 id="{other}-conclusions">"#)),
        "{main}"
    );
    assert!(main.contains("Experts recommend more controls."), "{main}");
    assert!(
        !main.contains("dossier:") && !main.contains("&lt;"),
        "{main}"
    );
}

#[test]
fn a_site_row_template_prints_each_row_of_every_page_in_its_language() {
    let site = Site::fixture("basic");
    // Rows alike on several pages are rendered once per language: each page gets its own.
    site.write(
        "templates/parallel-row.html",
        "<section data-view=\"{{ lang.code }}\" data-label=\"{{ strings.parallel }}\"\
         {% if row.heading %} data-heading{% endif %}>{% for cell in row.cells %}\
         <div data-cell=\"{{ cell.tag }}\">{{ cell.html }}</div>{% endfor %}</section>\n",
    );
    let public = site.build_ok();
    for (path, code, label, other) in [
        (
            "fr/articles/un-report/index.html",
            "fr",
            "Côte à côte",
            "en",
        ),
        (
            "en/articles/un-report/index.html",
            "en",
            "Side by side",
            "fr",
        ),
    ] {
        let main = main_of(&read(&public.join(path)));
        let rows = main.matches("<section data-view=").count();
        assert!(rows > 2, "{main}");
        let own = format!(r#"<section data-view="{code}" data-label="{label}""#);
        assert_eq!(main.matches(&own).count(), rows, "{main}");
        let tag = code.to_uppercase();
        assert!(
            main.contains(&format!(
                r#"data-heading><div data-cell="{tag}"><h2 id="conclusions">"#
            )),
            "{main}"
        );
        assert_bodies_spliced(&main, other);
    }
}

#[test]
fn a_site_article_template_may_leave_the_body_out() {
    let site = Site::fixture("basic");
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}{% block main %}<h1>{{ article.title }}</h1>{% endblock main %}",
    );
    let public = site.build_ok();
    let main = main_of(&read(&public.join("en/articles/un-report/index.html")));
    assert!(main.contains("<h1>"), "{main}");
    assert!(
        !main.contains("dossier:") && !main.contains("parallel-row"),
        "{main}"
    );
}

#[test]
fn an_article_in_both_searches_has_its_text_in_both() {
    let site = Site::fixture("basic");
    let public = site.build_ok();
    // Lazarus, only in French, and WannaCry, only in English, are in both searches: each
    // text is made once and given to both.
    for folder in ["fr/recherche", "en/search"] {
        let shards = crate::support::search_files(&public, folder);
        assert!(
            shards.contains("Le groupe Lazarus a volé 1 milliard 1,5 milliard de dollars"),
            "{folder}: {shards}"
        );
        let wannacry = read(&site.root.join("content/cybercrime/wannacry.en.md"));
        let first_words: String = wannacry
            .split("+++")
            .nth(2)
            .unwrap()
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            shards.contains(&first_words),
            "{folder}: {first_words}: {shards}"
        );
        // And their words are in both indexes: Bybit is a word of Lazarus only, ransomware
        // of WannaCry only.
        assert!(shards.contains("\"bybit\""), "{folder}: {shards}");
        assert!(shards.contains("\"ransomware\""), "{folder}: {shards}");
    }
}

#[test]
fn the_search_index_holds_every_article_a_language_shows() {
    let site = Site::fixture("basic");
    let public = site.build_ok();
    let index = crate::support::search_files(&public, "fr/recherche");
    assert!(index.starts_with("window.DOSSIER_SEARCH={\"docs\":4,\"shard\":6,\"chunks\":["));
    // The articles, newest first, as the timeline and the page's own list give them.
    let hrefs: Vec<&str> = index
        .lines()
        .filter(|l| l.starts_with("[\""))
        .map(|l| l[2..].split('"').next().unwrap())
        .collect();
    let (timeline, _) = timeline_of(&read(&public.join("fr/chronologie/index.html")));
    assert_eq!(hrefs, timeline);
    let page = read(&public.join("fr/recherche/index.html"));
    for href in &hrefs {
        assert!(page.contains(&format!("<a href=\"{href}\"")), "{href}");
    }
    // An article only in English is marked, in the page's language.
    assert!(
        index.contains(
            "[\"../../en/articles/wannacry/index.html\",\"WannaCry, five years on\",\"The WannaCry ransomware spread worldwide in May 2017.\",\"12 mai 2022\",\"en\",\"Article en anglais uniquement\",\"\","
        ),
        "{index}"
    );
    // Words are folded: `achevé` is found as `acheve`; `Lazarus` (title and text of the
    // newest, article 0) as `lazarus`.
    let words = index
        .split("\"words\":[")
        .nth(1)
        .unwrap()
        .split(']')
        .next()
        .unwrap();
    assert!(words.contains("\"acheve\""), "{words}");
    assert!(!words.contains("achevé"), "{words}");
    assert!(!words.contains("\"Lazarus\""), "{words}");
    // The texts are in the articles' shard (of six), footnote numbers left out.
    let shard = read(&public.join("fr/recherche/docs-0.js"));
    assert!(shard.contains("Le groupe Lazarus a volé 1 milliard 1,5 milliard de dollars."));
    assert!(!public.join("fr/recherche/docs-1.js").exists());
    assert!(public.join("en/search/index.js").exists());
    assert!(public.join("assets/search.js").exists());
    // Every page but the search page has the masthead field, which leads to it.
    let home = read(&public.join("fr/index.html"));
    assert!(
        home.contains(r#"<form class="masthead-search" role="search" action="recherche/index.html" method="get">"#),
        "{home}"
    );
    assert!(!page.contains("masthead-search"));
    let links = alternates(&read(&public.join("en/search/index.html")));
    assert_eq!(
        links.get("fr").map(String::as_str),
        Some("https://example.github.io/fixture/fr/recherche/")
    );
}

/// What a briefing page prints, in order (the ids of its article titles), and what its table
/// of contents links to, in order (topics and articles).
fn briefing_of(html: &str) -> (Vec<String>, Vec<String>) {
    let main = main_of(html);
    let titles = regex::Regex::new(r#"<h3 id="([^"]+)" data-number="(\d+)""#).unwrap();
    let toc = &main[main.find("briefing-toc").unwrap()..main.find("</nav>").unwrap()];
    let entries = regex::Regex::new(r##"<li(?: data-number="\d+")?><a href="#([^"]+)""##).unwrap();
    // The articles are numbered 1, 2, 3… as they are printed (the contents have no page
    // numbers).
    let numbers: Vec<usize> = titles
        .captures_iter(&main)
        .map(|c| c[2].parse().unwrap())
        .collect();
    assert_eq!(numbers, (1..=numbers.len()).collect::<Vec<_>>());
    (
        titles
            .captures_iter(&main)
            .map(|c| c[1].to_string())
            .collect(),
        entries
            .captures_iter(toc)
            .map(|c| c[1].to_string())
            .collect(),
    )
}

#[test]
fn the_briefing_prints_every_article_once_by_topic() {
    let site = Site::fixture("basic");
    // A picture beside an article, and links to a page the French briefing does not print.
    site.write("content/diplomacy/carte.png", b"\x89PNG fake");
    let summit = "content/diplomacy/sommet.fr.md";
    site.write(
        summit,
        read(&site.root.join(summit)).replace(
            "Voir [le rapport]",
            "![Carte](carte.png) [En anglais](summit-hanoi.en.md) [Accueil](/fr/). Voir [le rapport]",
        ),
    );
    let public = site.build_ok();
    let french = read(&public.join("fr/dossier-imprimable/index.html"));
    let (printed, toc) = briefing_of(&french);
    // Topics in the config's order, each newest first; the report, in two topics, is printed
    // under the first, and listed there alone in the contents; the English-only article is
    // printed, marked.
    assert_eq!(
        printed,
        ["fr_sommet", "fr_un-report", "fr_lazarus", "en_wannacry"]
    );
    assert_eq!(
        toc,
        [
            "topic-diplomacy",
            "fr_sommet",
            "topic-sanctions",
            "fr_un-report",
            "topic-cybercrime",
            "fr_lazarus",
            "en_wannacry",
        ]
    );
    assert!(french.contains(r##"(imprimé sous <a href="#topic-sanctions">Sanctions</a>)"##));
    assert!(
        french.contains(
            r#"<article class="briefing-article" aria-labelledby="en_wannacry" lang="en">"#
        )
    );
    assert!(french.contains(r#"<span class="only">Article en anglais uniquement</span>"#));
    assert!(french.contains(r#"État au <time datetime="2025-02-21">21 février 2025</time>"#));
    // Bodies: headings two levels down with prefixed ids, links into the page where the
    // briefing prints the target, relative to the briefing elsewhere.
    for html in [
        r##"<h4 id="fr_un-report.conclusions">Conclusions</h4>"##,
        r##"<a href="#fr_un-report.conclusions">le rapport</a>"##,
        r##"<sup class="footnote-reference" id="fr_lazarus.fnref-bybit"><a href="#fr_lazarus.fn-bybit">1</a></sup>"##,
        r##"<a href="#fr_sommet">le sommet</a>"##,
        r##"<a href="#fr_lazarus.chronologie">la chronologie</a>"##,
        r#"<img src="../../files/diplomacy/carte.png" alt="Carte" />"#,
        r#"<a href="../../en/articles/summit-hanoi/index.html" hreflang="en">En anglais</a> <span class="in-lang">(en anglais)</span>"#,
        r#"<a href="../index.html">Accueil</a>"#,
    ] {
        assert!(french.contains(html), "{html} not in {french}");
    }
    // The source's address is a link (print shows it); no other page's chrome is lost.
    assert!(french.contains(r#"<a href="https://www.un.org/">Nations unies</a>"#));

    let english = read(&public.join("en/briefing/index.html"));
    let (printed, toc) = briefing_of(&english);
    assert_eq!(
        printed,
        [
            "en_summit-hanoi",
            "en_un-report",
            "fr_lazarus",
            "en_wannacry"
        ]
    );
    // Each article once in the contents, under the topic it is printed under.
    assert_eq!(toc.len(), 7, "{toc:?}");
    assert!(english.contains(r#"<span class="only">French only</span>"#));
    assert!(english.contains(r#"Also in this topic:"#));

    // Linked from the homes and every page's footer; each other's translation; in the sitemap.
    let home = read(&public.join("fr/index.html"));
    assert!(
        home.contains(r#"<p class="briefing-link"><a href="dossier-imprimable/index.html">Dossier imprimable</a>"#),
        "{home}"
    );
    let article = read(&public.join("en/articles/wannacry/index.html"));
    assert!(article.contains(r#"<a href="../../briefing/index.html">Printable briefing</a>"#));
    assert_eq!(
        alternates(&english).get("fr").map(String::as_str),
        Some("https://example.github.io/fixture/fr/dossier-imprimable/")
    );
    assert!(
        read(&public.join("sitemap.xml"))
            .contains("<loc>https://example.github.io/fixture/en/briefing/</loc>")
    );
    assert_eq!(broken_links(&public), Vec::<String>::new());
}

#[test]
fn ids_are_unique_on_each_briefing() {
    let site = Site::fixture("basic");
    // The same heading in two articles, and footnotes in both.
    let summit = "content/diplomacy/sommet.fr.md";
    site.write(
        summit,
        format!(
            "{}\n## Chronologie\n\nTexte[^bybit].\n\n[^bybit]: Note.\n",
            read(&site.root.join(summit))
        ),
    );
    let public = site.build_ok();
    for path in ["fr/dossier-imprimable/index.html", "en/briefing/index.html"] {
        let html = read(&public.join(path));
        let ids = crate::support::attribute_values(&html, "id");
        let mut seen = std::collections::BTreeSet::new();
        for id in &ids {
            assert!(seen.insert(id), "{path}: id {id} twice");
        }
        assert!(ids.len() > 10, "{path}: {ids:?}");
    }
    let french = read(&public.join("fr/dossier-imprimable/index.html"));
    assert!(french.contains(r#"id="fr_sommet.chronologie""#));
    assert!(french.contains(r#"id="fr_lazarus.chronologie""#));
    assert!(french.contains(r#"id="fr_sommet.fn-bybit""#));
}

#[test]
fn an_article_can_have_several_topics() {
    let site = Site::fixture("basic");
    let public = site.build_ok();
    for topic in ["sanctions", "cybercrime"] {
        let page = read(&public.join(format!("fr/themes/{topic}/index.html")));
        assert!(
            page.contains("../../articles/un-report/index.html"),
            "{topic}"
        );
    }
    let diplomacy = read(&public.join("fr/themes/diplomacy/index.html"));
    assert!(!diplomacy.contains("un-report"));
}

#[test]
fn markdown_features_and_french_typography() {
    let site = Site::fixture("basic");
    let public = site.build_ok();
    let lazarus = read(&public.join("fr/articles/lazarus/index.html"));
    assert!(lazarus.contains("<table>"));
    assert!(lazarus.contains("<del>1 milliard</del>"));
    assert!(lazarus.contains(r#"<label class="task"><input type="checkbox" disabled="" checked=""> vérifier les montants</label>"#));
    assert!(
        lazarus.contains(r##"<a href="#fn-bybit">1</a>"##) && lazarus.contains(r#"id="fn-bybit""#)
    );
    assert!(lazarus.contains(r#"<h2 id="chronologie">Chronologie</h2>"#));
    assert!(
        lazarus
            .contains(r#"<pre class="code" data-lang="rust" tabindex="0"><code><span class="hl-"#)
    );
    assert!(lazarus.contains(r##"href="#chronologie""##));
    assert!(lazarus.contains(r#"href="../sommet/index.html""#));
    let report = read(&public.join("fr/articles/un-report/index.html"));
    assert!(report.contains(
        "recommandent\u{a0}: plus de contrôles\u{202f}; une coopération renforcée\u{202f}!"
    ));
    assert!(report.contains("«\u{a0}confidentiel\u{a0}»"));
    assert!(report.contains("5 août 2019"));
    let summit = read(&public.join("fr/articles/sommet/index.html"));
    assert!(summit.contains(r#"href="../un-report/index.html#conclusions""#));
    let css = read(&public.join("assets/highlight.css"));
    assert!(css.contains(".hl-") && css.contains("prefers-color-scheme: dark"));
}

#[test]
fn links_are_relative_and_whole() {
    let site = Site::fixture("basic");
    let public = site.build_ok();
    assert_eq!(broken_links(&public), Vec::<String>::new());
    assert_eq!(hreflang_problems(&public, BASE), Vec::<String>::new());
}

#[test]
fn feeds_sitemap_and_robots() {
    let site = Site::fixture("basic");
    let public = site.build_ok();
    let feed = read(&public.join("fr/feed.xml"));
    assert!(feed.contains(r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">"#));
    assert!(feed.contains("<id>https://example.github.io/fixture/fr/articles/lazarus/</id>"));
    // Newest first.
    let lazarus = feed.find("articles/lazarus/").unwrap();
    let report = feed.find("articles/un-report/").unwrap();
    assert!(lazarus < report);
    assert!(
        !feed.contains("wannacry"),
        "the French feed holds French articles only"
    );
    let topic_feed = read(&public.join("en/topics/cybercrime/feed.xml"));
    assert!(
        topic_feed.contains("wannacry")
            && topic_feed.contains("un-report")
            && !topic_feed.contains("summit-hanoi")
    );
    let sitemap = read(&public.join("sitemap.xml"));
    assert!(sitemap.contains(
        r#"<xhtml:link rel="alternate" hreflang="en" href="https://example.github.io/fixture/en/articles/summit-hanoi/"/>"#
    ));
    assert!(!sitemap.contains("404"));
    let robots = read(&public.join("robots.txt"));
    assert!(robots.contains("Sitemap: https://example.github.io/fixture/sitemap.xml"));
}

#[test]
fn base_url_can_be_overridden() {
    let site = Site::fixture("basic");
    let output = site.build(&["--base-url", "https://user.github.io/repo"]);
    assert!(output.status.success());
    let page = read(&site.public().join("en/index.html"));
    assert!(page.contains(r#"<link rel="canonical" href="https://user.github.io/repo/en/">"#));
    let not_found = read(&site.public().join("404.html"));
    assert!(
        not_found.contains(r#"href="https://user.github.io/repo/en/index.html""#),
        "{not_found}"
    );
    assert!(
        not_found.contains("<style>"),
        "the 404 page carries its own stylesheet"
    );
}

#[test]
fn builds_are_deterministic() {
    let site = Site::fixture("basic");
    let first = tree(&site.build_ok());
    let second = tree(&site.build_ok());
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(second[path] == *bytes, "{path} differs between two builds");
    }
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = Site::fixture("basic");
    site.write("content/cybercrime/draft.fr.md", "+++\ntitle = \"Brouillon\"\ndate = 2025-01-01\ntopics = [\"cybercrime\"]\ndraft = true\n+++\nTexte.\n");
    site.build_ok();
    assert!(!site.public().join("fr/articles/draft/index.html").exists());
    assert!(site.build(&["--drafts"]).status.success());
    assert!(site.public().join("fr/articles/draft/index.html").exists());
}

#[test]
fn a_site_template_overrides_the_built_in_one() {
    let site = Site::fixture("basic");
    site.write("templates/topic.html", "{% extends \"base.html\" %}{% block main %}<p class=\"custom\">{{ topic.name }}: {{ articles.count }}</p>{% endblock main %}");
    site.build_ok();
    let page = read(&site.public().join("en/topics/cybercrime/index.html"));
    assert!(
        page.contains("<p class=\"custom\">Cybercrime: 3</p>"),
        "{page}"
    );
    let home = read(&site.public().join("en/index.html"));
    assert!(home.contains("topic-card"), "other templates stay built-in");
}

#[test]
fn static_files_are_copied() {
    let site = Site::fixture("basic");
    site.write(
        "static/images/map.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.build_ok();
    assert!(site.public().join("images/map.svg").exists());
}

#[test]
fn files_beside_articles_and_links_from_the_root_work_from_any_folder() {
    let site = Site::fixture("basic");
    site.write("content/diplomacy/carte du sommet.png", b"\x89PNG fake");
    site.write("content/sanctions/rapport.pdf", b"%PDF-1.4 fake");
    site.write(
        "static/images/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.write("content/diplomacy/.notes.txt", "hidden");
    site.write("content/diplomacy/carte.png~", "backup");
    site.write(
        "content/diplomacy/sommet.fr.md",
        "+++\ntitle = \"Le sommet de Hanoï\"\ndate = 2019-02-28\ntopics = [\"diplomacy\"]\ntranslation_key = \"hanoi-summit\"\n+++\n\n![La carte](carte%20du%20sommet.png)\n\n[Le rapport](../sanctions/rapport.pdf), [le logo](/images/logo.svg), [l'accueil](/fr/), [le flux](/fr/feed.xml#top).\n",
    );
    let public = site.build_ok();
    assert_eq!(
        std::fs::read(public.join("files/diplomacy/carte du sommet.png")).unwrap(),
        b"\x89PNG fake"
    );
    assert!(public.join("files/sanctions/rapport.pdf").is_file());
    assert!(!public.join("files/diplomacy/.notes.txt").exists());
    assert!(!public.join("files/diplomacy/carte.png~").exists());
    let page = read(&public.join("fr/articles/sommet/index.html"));
    for href in [
        "src=\"../../../files/diplomacy/carte%20du%20sommet.png\"",
        "href=\"../../../files/sanctions/rapport.pdf\"",
        "href=\"../../../images/logo.svg\"",
        "href=\"../../../fr/index.html\"",
        "href=\"../../../fr/feed.xml#top\"",
    ] {
        assert!(page.contains(href), "{href} not in {page}");
    }
}

macro_rules! snapshot_main {
    ($name:ident, $path:expr) => {
        #[test]
        fn $name() {
            let site = Site::fixture("basic");
            let public = site.build_ok();
            insta::assert_snapshot!(main_of(&read(&public.join($path))));
        }
    };
}

snapshot_main!(html_entrance, "index.html");
snapshot_main!(html_not_found, "404.html");
snapshot_main!(html_home_fr, "fr/index.html");
snapshot_main!(html_home_en, "en/index.html");
snapshot_main!(html_topic_en, "en/topics/cybercrime/index.html");
snapshot_main!(html_timeline_fr, "fr/chronologie/index.html");
snapshot_main!(html_search_fr, "fr/recherche/index.html");
snapshot_main!(html_briefing_fr, "fr/dossier-imprimable/index.html");
snapshot_main!(html_article_fr, "fr/articles/lazarus/index.html");
snapshot_main!(html_article_en, "en/articles/summit-hanoi/index.html");
snapshot_main!(html_parallel_fr, "fr/articles/un-report/index.html");

#[test]
fn a_ui_string_missing_in_one_language_falls_back_with_a_warning() {
    let site = Site::fixture("basic");
    let config = read(&site.root.join("config.toml"));
    let english = config.find("[strings.en]").unwrap();
    let (head, tail) = config.split_at(english);
    site.write(
        "config.toml",
        format!(
            "{head}{}",
            tail.replace("all_articles = \"All articles in this topic\"\n", "")
        ),
    );
    let output = site.build(&[]);
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("warning: config.toml:")
            && stderr
                .contains("UI string `all_articles` is missing in \"en\"; using the \"fr\" one"),
        "{stderr}"
    );
    let home = read(&site.public().join("en/index.html"));
    assert!(home.contains("Tous les articles du thème"));
}

#[test]
fn built_pages_carry_no_reload_script() {
    let site = Site::fixture("basic");
    let public = site.build_ok();
    for (path, bytes) in tree(&public) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("__dossier") && !text.contains("EventSource"),
            "{path}"
        );
        // Only search runs a script; a page read side by side has one that keeps the columns
        // while the reader follows its links: the pages are read without any.
        // (Structured data is data, not a script that runs.)
        let scripts = text.matches("<script").count()
            - text
                .matches("<script type=\"application/ld+json\">")
                .count();
        if path.ends_with("/recherche/index.html") || path.ends_with("/search/index.html") {
            assert_eq!(scripts, 2, "{path}: the search index and the search script");
            assert!(
                text.contains("<script src=\"index.js\"></script>"),
                "{path}"
            );
            assert!(
                text.contains("<script src=\"../../assets/search.js\"></script>"),
                "{path}"
            );
        } else if text.contains("class=\"prose parallel-view\"") {
            assert_eq!(scripts, 1, "{path}: the side-by-side reading's");
        } else {
            assert_eq!(scripts, 0, "{path}: the built site needs no JavaScript");
        }
    }
}

#[test]
fn build_watch_rewrites_the_output_after_an_edit() {
    use std::time::{Duration, Instant};
    let site = Site::fixture("basic");
    let mut child = std::process::Command::new(crate::support::BIN)
        .args(["build", "--watch", "--root"])
        .arg(&site.root)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let page = site.public().join("fr/articles/lazarus/index.html");
    let wait_until = |check: &dyn Fn() -> bool| {
        let start = Instant::now();
        while !check() {
            assert!(start.elapsed() < Duration::from_secs(15), "timed out");
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    wait_until(&|| page.exists());
    std::thread::sleep(Duration::from_millis(200));
    let lazarus = site.root.join("content/cybercrime/lazarus.fr.md");
    let text = std::fs::read_to_string(&lazarus).unwrap();
    std::fs::write(
        &lazarus,
        text.replace(
            "title = \"Le groupe Lazarus\"",
            "title = \"Lazarus, suite\"",
        ),
    )
    .unwrap();
    wait_until(&|| {
        std::fs::read_to_string(&page).is_ok_and(|html| html.contains("<h1>Lazarus, suite</h1>"))
    });
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn the_report_counts_the_bytes_of_every_file_written_copied_or_kept() {
    let site = Site::fixture("basic");
    // A file beside the articles and a static file: copied, not rendered.
    site.write("content/sanctions/carte.txt", "une carte\n");
    site.write("static/extra.txt", "extra\n");
    let options = dossier::BuildOptions {
        root: site.root.clone(),
        output_dir: None,
        base_url: None,
        drafts: false,
    };
    let on_disk = |public: &std::path::Path| -> u64 {
        crate::support::tree(public)
            .iter()
            .filter(|(path, _)| path.as_str() != dossier::output::OUTPUT_MARKER)
            .map(|(_, bytes)| bytes.len() as u64)
            .sum()
    };
    let report = dossier::build(&options, false, &mut Vec::new()).unwrap();
    assert_eq!(report.bytes, on_disk(&site.public()));
    assert!(report.bytes > 0);
    // Again, with every file unchanged (linked from the previous output, not written).
    let again = dossier::build(&options, true, &mut Vec::new()).unwrap();
    assert!(!again.up_to_date);
    assert_eq!(again.bytes, report.bytes);
    // And without `force`: nothing to do, the same report.
    let kept = dossier::build(&options, false, &mut Vec::new()).unwrap();
    assert!(kept.up_to_date);
    assert_eq!(
        (kept.bytes, kept.files, kept.pages),
        (report.bytes, report.files, report.pages)
    );
}

/// `--jobs N` sets how many threads build; the output is the same, byte for byte, whatever
/// the number (README).
#[test]
fn one_thread_and_two_build_the_same_bytes() {
    let site = Site::repository();
    let mut outputs = Vec::new();
    for jobs in ["1", "2"] {
        let out = site.root.join(format!("public-{jobs}"));
        let output = site.build(&["--jobs", jobs, "--output-dir", out.to_str().unwrap()]);
        assert!(output.status.success(), "--jobs {jobs}: {output:?}");
        outputs.push(tree(&out));
    }
    assert!(outputs[0].len() > 30, "{} files", outputs[0].len());
    assert!(outputs[0] == outputs[1], "--jobs 1 and --jobs 2 differ");
}
