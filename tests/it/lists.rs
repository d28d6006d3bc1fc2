//! Long lists (issue 28): topic pages and timelines split into pages of `[lists] per_page`
//! articles, newest first, numbered and linked both ways; the search page without JavaScript
//! lists a page of the newest articles, not the whole dossier.

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::{Site, alternates, broken_links, hreflang_problems, main_of, read};

/// The basic fixture with twelve more French articles of diplomacy, `a01`…`a12`, a month
/// apart from January 2023, and lists of `per_page` articles.
fn site_with_a_long_topic(per_page: usize) -> Site {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root.join("config.toml")).unwrap();
    site.write(
        "config.toml",
        config.replacen(
            "[markdown]",
            &format!("[lists]\nper_page = {per_page}\n\n[markdown]"),
            1,
        ),
    );
    for n in 1..=12 {
        site.write(
            &format!("content/diplomacy/a{n:02}.fr.md"),
            format!(
                "+++\ntitle = \"Article {n}\"\ndate = 2023-{n:02}-10\ntopics = [\"diplomacy\"]\n+++\n\nTexte {n}.\n"
            ),
        );
    }
    site
}

/// The pages of a list, from its first (`…/index.html`) to its last (`…/page/N/index.html`).
fn pages_of(public: &Path, first: &str) -> Vec<String> {
    let folder = first.trim_end_matches("index.html");
    let mut pages = vec![read(&public.join(first))];
    for n in 2.. {
        match std::fs::read_to_string(public.join(format!("{folder}page/{n}/index.html"))) {
            Ok(page) => pages.push(page),
            Err(_) => break,
        }
    }
    pages
}

/// The articles a page of a list links to, by slug, in order.
fn listed(page: &str, list_class: &str) -> Vec<String> {
    let list = page
        .split(list_class)
        .skip(1)
        .map(|rest| rest.split("</ol>").next().unwrap())
        .collect::<String>();
    let href = regex::Regex::new(r#"href="[^"]*articles/([^/"]+)/index\.html""#).unwrap();
    href.captures_iter(&list)
        .map(|c| c[1].to_string())
        .collect()
}

/// The `<nav class="pagination">` of a page, and the `rel` links of its head.
fn pagination_of(page: &str) -> String {
    let head: Vec<&str> = page
        .lines()
        .filter(|l| l.starts_with("<link rel=\"prev\"") || l.starts_with("<link rel=\"next\""))
        .collect();
    let nav = main_of(page)
        .split("<nav class=\"pagination\"")
        .nth(1)
        .map(|rest| {
            format!(
                "<nav class=\"pagination\"{}</nav>",
                rest.split("</nav>").next().unwrap()
            )
        })
        .unwrap_or_default();
    format!("{}\n{nav}", head.join("\n"))
}

#[test]
fn a_long_topic_is_split_into_numbered_pages_newest_first() {
    let site = site_with_a_long_topic(4);
    let public = site.build_ok();
    let pages = pages_of(&public, "fr/themes/diplomacy/index.html");
    // The summit and the twelve: four pages, the last with one article.
    assert_eq!(pages.len(), 4);
    let lists: Vec<Vec<String>> = pages
        .iter()
        .map(|p| listed(p, "<ol class=\"entries\">"))
        .collect();
    assert_eq!(lists.iter().map(Vec::len).collect::<Vec<_>>(), [4, 4, 4, 1]);
    let all: Vec<String> = lists.concat();
    let expected: Vec<String> = (1..=12)
        .rev()
        .map(|n| format!("a{n:02}"))
        .chain(["sommet".to_string()])
        .collect();
    assert_eq!(all, expected, "newest first, each article once");

    insta::assert_snapshot!("topic_page_2", pagination_of(&pages[1]));
    insta::assert_snapshot!("topic_page_4", pagination_of(&pages[3]));
    // Later pages say their number, keep the trail to the topic, and are their own canonical
    // address without alternates: page 2 in French is not page 2 in English.
    assert!(
        pages[1].contains("<title>Diplomatie · page 2 · "),
        "{}",
        pages[1]
    );
    assert!(pages[1].contains("<link rel=\"canonical\" href=\"https://example.github.io/fixture/fr/themes/diplomacy/page/2/\">"));
    assert!(alternates(&pages[1]).is_empty());
    assert!(!alternates(&pages[0]).is_empty());
    assert!(
        main_of(&pages[1])
            .contains("<li><a href=\"../../index.html\">Diplomatie</a></li></ol></nav>")
    );
    // A topic that fits on one page has no page links.
    let sanctions = read(&public.join("fr/themes/sanctions/index.html"));
    assert!(!sanctions.contains("class=\"pagination\""));
    assert!(!public.join("fr/themes/sanctions/page").exists());

    // The sitemap lists every page; links and hreflang stay whole.
    let sitemap = read(&public.join("sitemap.xml"));
    for n in 2..=4 {
        let url =
            format!("<loc>https://example.github.io/fixture/fr/themes/diplomacy/page/{n}/</loc>");
        assert!(sitemap.contains(&url), "{url}");
    }
    assert_eq!(broken_links(&public), Vec::<String>::new());
    assert_eq!(
        hreflang_problems(&public, "https://example.github.io/fixture/"),
        Vec::<String>::new()
    );
}

#[test]
fn the_timeline_pages_link_each_year_where_it_begins() {
    let site = site_with_a_long_topic(5);
    let public = site.build_ok();
    let pages = pages_of(&public, "fr/chronologie/index.html");
    let slugs: Vec<Vec<String>> = pages
        .iter()
        .map(|p| listed(p, "<ol class=\"timeline-list\">"))
        .collect();
    let all: Vec<&String> = slugs.iter().flatten().collect();
    let distinct: BTreeSet<&String> = all.iter().copied().collect();
    assert_eq!(all.len(), distinct.len(), "each article once");
    assert!(slugs.iter().all(|s| s.len() <= 5));
    assert_eq!(pages.len(), all.len().div_ceil(5));
    // Each year's link leads to the page holding its first article, at its heading.
    let years = regex::Regex::new(r#"<li><a href="([^"]*)#year-(\d{4})">"#).unwrap();
    for (n, page) in pages.iter().enumerate() {
        for link in years.captures_iter(page) {
            let (href, year) = (&link[1], &link[2]);
            let target = match href {
                "" => page.clone(),
                href => {
                    let here = match n {
                        0 => "fr/chronologie/index.html".to_string(),
                        n => format!("fr/chronologie/page/{}/index.html", n + 1),
                    };
                    read(&public.join(crate::support::resolve(&here, href)))
                }
            };
            let heading = format!("<h2 id=\"year-{year}\">{year}</h2>");
            assert!(
                target.contains(&heading),
                "page {} links {year} to {href}",
                n + 1
            );
        }
    }
    assert!(pages[1].contains("<title>Chronologie · page 2 · "));
    assert_eq!(broken_links(&public), Vec::<String>::new());
}

#[test]
fn the_search_page_without_javascript_lists_a_page_of_the_newest() {
    let site = site_with_a_long_topic(4);
    let public = site.build_ok();
    let search = main_of(&read(&public.join("fr/recherche/index.html")));
    let all = search.split("id=\"search-all\"").nth(1).unwrap();
    assert_eq!(all.matches("<li").count(), 4, "{all}");
    assert!(all.contains("Derniers articles"), "{all}");
    assert!(
        all.contains("<a href=\"../chronologie/index.html\">Chronologie</a>"),
        "{all}"
    );
    assert!(
        all.contains("<a href=\"../themes/index.html\">Thèmes</a>"),
        "{all}"
    );

    // When the whole dossier fits, the list is whole and says so.
    let site = Site::fixture("basic");
    let public = site.build_ok();
    let search = main_of(&read(&public.join("en/search/index.html")));
    let all = search.split("id=\"search-all\"").nth(1).unwrap();
    assert!(all.contains("All articles"), "{all}");
    assert!(!all.contains("class=\"browse\""), "{all}");
}

/// The section ids of the articles a briefing prints (`fr_a11`), in order.
fn printed(briefing: &str) -> Vec<String> {
    let section =
        regex::Regex::new(r#"<article class="briefing-article" aria-labelledby="([^"]+)""#)
            .unwrap();
    section
        .captures_iter(briefing)
        .map(|c| c[1].to_string())
        .collect()
}

#[test]
fn a_large_dossier_prints_the_newest_of_each_topic_and_the_chosen() {
    let site = site_with_a_long_topic(50);
    let config = std::fs::read_to_string(site.root.join("config.toml")).unwrap();
    site.write(
        "config.toml",
        config.replacen(
            "[markdown]",
            "[briefing]\nall_up_to = 5\nper_topic = 2\n\n[markdown]",
            1,
        ),
    );
    // The oldest of the twelve chosen, the newest left out.
    for (n, choice) in [(1, "true"), (12, "false")] {
        let path = format!("content/diplomacy/a{n:02}.fr.md");
        let text = std::fs::read_to_string(site.root.join(&path)).unwrap();
        site.write(
            &path,
            text.replacen("+++\n\n", &format!("briefing = {choice}\n+++\n\n"), 1),
        );
    }
    let public = site.build_ok();
    let briefing = read(&public.join("fr/dossier-imprimable/index.html"));
    let ids = printed(&briefing);
    // Diplomacy: the two newest (a12 left out), then the chosen a01, newest first; then the
    // two newest of sanctions and of cybercrime (the report is of both).
    assert_eq!(
        ids,
        [
            "fr_a11",
            "fr_a10",
            "fr_a01",
            "fr_un-report",
            "fr_lazarus",
            "en_wannacry"
        ],
        "{briefing}"
    );
    // (French typography puts a no-break space before the colon.)
    let cover = briefing.split("class=\"selection\">").nth(1).unwrap();
    assert!(
        cover.starts_with("Cette édition réunit les 2 articles les plus récents de chaque thème et ceux que la rédaction a retenus\u{a0}: 6 des 16 articles du dossier."),
        "{cover}"
    );

    // While the dossier is small, all of it, but what is marked `false`.
    site.write(
        "config.toml",
        std::fs::read_to_string(site.root.join("config.toml"))
            .unwrap()
            .replace("all_up_to = 5", "all_up_to = 100"),
    );
    let public = site.build_ok();
    let briefing = read(&public.join("fr/dossier-imprimable/index.html"));
    let ids = printed(&briefing);
    assert_eq!(ids.len(), 15, "{ids:?}");
    assert!(!ids.contains(&"fr_a12".to_string()));
    assert!(!briefing.contains("class=\"selection\""));
}
