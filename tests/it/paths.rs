//! Reading paths (SPEC §4): on each article, its topics' older and newer articles and up to
//! four related ones; a page of every topic; trails whose every step is a link; and each
//! article once on a page that lists it.

use std::collections::BTreeMap;

use crate::support::{Site, main_of, read};

/// The basic fixture and eight more French articles: `a1`…`a8`, a day apart in January 2024,
/// `a1` oldest; the odd ones of diplomacy and sanctions, the even ones of diplomacy alone,
/// `a8` of all three topics.
fn site_with_a_series() -> Site {
    let site = Site::fixture("basic");
    for n in 1..=8 {
        let topics = match n {
            8 => "[\"diplomacy\", \"sanctions\", \"cybercrime\"]",
            n if n % 2 == 1 => "[\"diplomacy\", \"sanctions\"]",
            _ => "[\"diplomacy\"]",
        };
        site.write(
            &format!("content/diplomacy/a{n}.fr.md"),
            format!("+++\ntitle = \"Article {n}\"\ndate = 2024-01-0{n}\ntopics = {topics}\n+++\n\nTexte {n}.\n"),
        );
    }
    site
}

/// The hrefs of the reading paths of a page, by class of list item (`older`, `newer`) or
/// `related`, in order.
fn paths_of(page: &str) -> BTreeMap<&'static str, Vec<String>> {
    let nav = page
        .split("<nav class=\"reading-paths\"")
        .nth(1)
        .and_then(|rest| rest.split("</nav>").next())
        .unwrap_or_default();
    let href = regex::Regex::new(r#"<a href="\.\./([^/"]+)/index\.html""#).unwrap();
    let mut found: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    for (class, marker) in [
        ("older", "<li class=\"older\">"),
        ("newer", "<li class=\"newer\">"),
    ] {
        for piece in nav.split(marker).skip(1) {
            let line = piece.split("</li>").next().unwrap();
            found
                .entry(class)
                .or_default()
                .extend(href.captures_iter(line).map(|c| c[1].to_string()));
        }
    }
    if let Some(related) = nav.split("<ul class=\"related\">").nth(1) {
        found.insert(
            "related",
            href.captures_iter(related)
                .map(|c| c[1].to_string())
                .collect(),
        );
    }
    found
}

#[test]
fn articles_lead_to_their_topics_neighbours_and_related_articles() {
    let site = site_with_a_series();
    let public = site.build_ok();
    let page = read(&public.join("fr/articles/a5/index.html"));
    let paths = paths_of(&page);
    // Diplomacy (every aN): a4 older, a6 newer. Sanctions (odd ones and a8; the UN report of
    // 2019 too): a3 older, a7 newer.
    assert_eq!(paths["older"], ["a4", "a3"], "{page}");
    assert_eq!(paths["newer"], ["a6", "a7"]);
    // Related: those sharing both its topics first (a8, a1: a7 and a3 are already shown),
    // newest first, never one already shown as older or newer, never itself, four at most.
    let related = &paths["related"];
    assert_eq!(related.len(), 4, "{related:?}");
    assert!(
        !related
            .iter()
            .any(|r| ["a5", "a4", "a3", "a6", "a7"].contains(&r.as_str()))
    );
    assert_eq!(
        related[..2],
        ["a8", "a1"],
        "both topics first, newest first"
    );
    // Each topic's line links back to its page.
    assert!(
        page.contains("<a class=\"topic-path-name\" href=\"../../themes/diplomacy/index.html\">")
    );
    assert!(
        page.contains("<a class=\"topic-path-name\" href=\"../../themes/sanctions/index.html\">")
    );

    // The newest of diplomacy has no newer article there; the oldest of the series leads on
    // to older articles of the fixture.
    let newest = paths_of(&read(&public.join("fr/articles/a8/index.html")));
    assert!(
        !newest
            .get("newer")
            .is_some_and(|n| n.contains(&"a9".to_string()))
    );
    insta::assert_snapshot!(
        "paths_a8",
        read(&public.join("fr/articles/a8/index.html"))
            .split("<nav class=\"reading-paths\"")
            .nth(1)
            .and_then(|rest| rest.split("</nav>").next())
            .unwrap()
    );
}

/// A link to an article in another language says so, and carries `hreflang` and `lang`.
#[test]
fn links_to_the_other_language_are_marked() {
    let site = Site::fixture("basic");
    let public = site.build_ok();
    // Lazarus (French only, cybercrime) leads to WannaCry (English only, cybercrime).
    let page = read(&public.join("fr/articles/lazarus/index.html"));
    assert!(page.contains(
        "<a href=\"../../../en/articles/wannacry/index.html\" hreflang=\"en\" rel=\"prev\"><span lang=\"en\">WannaCry, five years on</span></a> <span class=\"in-lang\">(en anglais)</span>"
    ), "{page}");
    let page = read(&public.join("en/articles/wannacry/index.html"));
    assert!(
        page.contains("hreflang=\"fr\" rel=\"next\"><span lang=\"fr\">"),
        "{page}"
    );
    assert!(page.contains("<span class=\"in-lang\">(in French)</span>"));
}

/// Every article appears once on the home, whatever its topics: a topic card shows those no
/// card before it shows, "Latest" those no card shows.
#[test]
fn the_home_lists_each_article_once() {
    let site = site_with_a_series();
    let public = site.build_ok();
    let href = regex::Regex::new(r#"href="(\.\./)*(?:(?:fr|en)/)?articles/([^/"]+)/index\.html""#)
        .unwrap();
    for home in ["fr/index.html", "en/index.html"] {
        let main = main_of(&read(&public.join(home)));
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for caps in href.captures_iter(&main) {
            *seen.entry(caps[2].to_string()).or_default() += 1;
        }
        assert!(seen.len() >= 9, "{home}: {seen:?}");
        let twice: Vec<_> = seen.iter().filter(|&(_, &n)| n > 1).collect();
        assert!(twice.is_empty(), "{home}: {twice:?}");
    }
}

/// The page of every topic: each with its description, its count and its feed, reached from
/// every topic page's trail, whose every step is a link.
#[test]
fn a_page_lists_every_topic_and_trails_are_links() {
    let site = site_with_a_series();
    let public = site.build_ok();
    let page = read(&public.join("fr/themes/index.html"));
    let main = main_of(&page);
    for (key, count) in [
        ("diplomacy", "9 articles"),
        ("sanctions", "6 articles"),
        ("cybercrime", "4 articles"),
    ] {
        assert!(
            main.contains(&format!("<a href=\"{key}/index.html\">")),
            "{main}"
        );
        let at = main
            .find(&format!("<a href=\"{key}/index.html\">"))
            .unwrap();
        let rest = &main[at..];
        let meta = rest.split("<p class=\"topic-meta\">").nth(1).unwrap();
        assert!(meta.starts_with(count), "{key}: {meta}");
    }
    assert!(main.contains("<p class=\"topic-description\">"));
    let english = read(&public.join("en/topics/index.html"));
    assert!(english.contains("<h1>Topics</h1>"));
    assert!(
        english.contains("hreflang=\"fr\" href=\"https://example.github.io/fixture/fr/themes/\"")
    );
    let topic = read(&public.join("fr/themes/sanctions/index.html"));
    let trail = topic
        .split("<nav class=\"breadcrumbs\"")
        .nth(1)
        .and_then(|rest| rest.split("</nav>").next())
        .unwrap();
    assert_eq!(trail.matches("<li>").count(), 2);
    assert_eq!(
        trail.matches("<li><a href=").count(),
        2,
        "every step a link: {trail}"
    );
    assert!(trail.contains("<a href=\"../index.html\">Thèmes</a>"));
}

/// A link written in a body to an article in another language carries `hreflang` and says
/// so in the article's language, with a title kept; a link within the language does not.
#[test]
fn body_links_to_the_other_language_are_marked() {
    let site = Site::fixture("basic");
    site.write(
        "content/cybercrime/wannacry.en.md",
        "+++\ntitle = \"WannaCry, five years on\"\ndate = 2022-05-12\ntopics = [\"cybercrime\"]\n+++\n\nSee [the Lazarus *group*](lazarus.fr.md \"Lazarus & co\") and [the report](../sanctions/un-report.en.md).\n",
    );
    let public = site.build_ok();
    let page = read(&public.join("en/articles/wannacry/index.html"));
    assert!(
        page.contains("<a href=\"../../../fr/articles/lazarus/index.html\" hreflang=\"fr\" title=\"Lazarus &amp; co\">the Lazarus <em>group</em></a> <span class=\"in-lang\">(in French)</span>"),
        "{page}"
    );
    assert!(page.contains("<a href=\"../un-report/index.html\">the report</a>."));
    // The briefing prints the same body, link moved into the page and still marked.
    let briefing = read(&public.join("en/briefing/index.html"));
    assert!(briefing.contains("hreflang=\"fr\""), "{briefing}");
}
