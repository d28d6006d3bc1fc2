//! The repository's own dossier, built from `content/`: what a person who clones the
//! repository gets.

use crate::support::{Site, broken_links, hreflang_problems, read, repo, tree};

fn built() -> (Site, std::path::PathBuf) {
    let site = Site::repository();
    let public = site.build_ok();
    (site, public)
}

#[test]
fn the_first_dossier_builds_without_warnings() {
    let (_site, public) = built();
    let pages = tree(&public);
    let articles: Vec<&String> = pages.keys().filter(|p| p.contains("/articles/")).collect();
    assert_eq!(articles.len(), 8, "{articles:?}");
    // Every article is in both languages: each page holds the other version side by side.
    for article in articles {
        let anchor = match article.starts_with("fr/") {
            true => "cote-a-cote",
            false => "side-by-side",
        };
        let html = String::from_utf8_lossy(&pages[article]);
        assert!(
            html.contains(&format!("class=\"prose parallel-view\" id=\"{anchor}\"")),
            "{article} cannot be read side by side"
        );
        let others = html
            .matches("class=\"parallel-cell parallel-other\"")
            .count();
        assert!(others > 2, "{article}: {others} cells of the other version");
    }
}

#[test]
fn both_homes_name_the_three_topics() {
    let (_site, public) = built();
    let french = read(&public.join("fr/index.html"));
    for name in ["Diplomatie", "Sanctions", "Cybercriminalité"] {
        assert!(french.contains(name), "{name}");
    }
    let english = read(&public.join("en/index.html"));
    for name in ["Diplomacy", "Sanctions", "Cybercrime"] {
        assert!(english.contains(name), "{name}");
    }
}

#[test]
fn the_english_home_leads_to_all_four_articles_in_english() {
    let (_site, public) = built();
    let english = read(&public.join("en/index.html"));
    for page in [
        "articles/trump-wants-to-meet-kim/index.html",
        "articles/seoul-washington-tokyo-cyber-threats/index.html",
        "articles/trilateral-working-group-tokyo/index.html",
        "articles/un-report-2-billion/index.html",
    ] {
        assert!(english.contains(&format!("href=\"{page}\"")), "{page}");
    }
    assert!(!english.contains("class=\"only\""), "a French-only mark");
    assert!(
        !english.contains("href=\"../fr/articles/"),
        "a link to a French article"
    );
}

#[test]
fn the_trump_kim_pages_link_to_each_other() {
    let (_site, public) = built();
    let french = read(&public.join("fr/articles/trump-veut-rencontrer-kim/index.html"));
    let english = read(&public.join("en/articles/trump-wants-to-meet-kim/index.html"));
    assert!(french.contains(
        "href=\"../../../en/articles/trump-wants-to-meet-kim/index.html\" hreflang=\"en\""
    ));
    assert!(english.contains(
        "href=\"../../../fr/articles/trump-veut-rencontrer-kim/index.html\" hreflang=\"fr\""
    ));
    // The English version inherits its date from the French one.
    assert!(english.contains("<time datetime=\"2025-08-25\">August 25, 2025</time>"));
    assert!(french.contains("<time datetime=\"2025-08-25\">25 août 2025</time>"));
}

#[test]
fn french_pages_use_french_typography() {
    let (_site, public) = built();
    let french = read(&public.join("fr/articles/trump-veut-rencontrer-kim/index.html"));
    assert!(french.contains("«\u{a0}J’aimerais le rencontrer cette année\u{a0}»"));
    assert!(french.contains("ajoutant\u{a0}:"));
    assert!(!french.contains("« "), "a breaking space inside guillemets");
}

#[test]
fn no_broken_link_and_reciprocal_hreflang() {
    let (_site, public) = built();
    assert_eq!(broken_links(&public), Vec::<String>::new());
    assert_eq!(
        hreflang_problems(&public, "https://dossier.example.org/"),
        Vec::<String>::new()
    );
}

#[test]
fn no_debris_from_the_source_pages() {
    for (path, bytes) in tree(&repo().join("content")) {
        let text = String::from_utf8(bytes).unwrap();
        for debris in [
            "Voir aussi",
            "Lire la suite",
            "Read Next",
            "Photo courtesy",
            "aimable autorisation",
            "illustration",
            "タイトル",
            "Articles similaires",
            "Laisser un commentaire",
            "Bouton retour",
        ] {
            assert!(!text.contains(debris), "{path} still contains {debris:?}");
        }
    }
}

/// `dossier check` passes on the first dossier, at a domain root and under a project path:
/// its only warnings are the articles not translated yet.
#[test]
fn the_first_dossier_passes_check() {
    let site = Site::repository();
    for base_url in [None, Some("https://example.github.io/some-repo/")] {
        let mut command = std::process::Command::new(crate::support::BIN);
        command.arg("check").arg("--root").arg(&site.root);
        if let Some(base_url) = base_url {
            command.args(["--base-url", base_url]);
        }
        let output = command.output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{stderr}{stdout}");
        assert!(
            stderr.lines().all(crate::support::is_missing_translation),
            "{stderr}"
        );
        assert!(stdout.starts_with("check: 0 errors, "), "{stdout}");
        assert!(!site.root.join("public").exists());
    }
}

/// Each language's timeline lists the four articles of the first dossier once, each in its own
/// language (no article marked as in the other).
#[test]
fn the_timelines_list_every_article_once() {
    let (_site, public) = built();
    for (path, marks) in [
        ("fr/chronologie/index.html", 0),
        ("en/timeline/index.html", 0),
    ] {
        let page = read(&public.join(path));
        assert_eq!(page.matches("<time datetime=").count(), 4, "{path}");
        assert_eq!(page.matches("class=\"only\"").count(), marks, "{path}");
    }
}

/// Each language's briefing prints in full every article its timeline lists, once each.
#[test]
fn the_briefings_print_every_article_once() {
    let (_site, public) = built();
    let entry = regex::Regex::new(
        r#"<time datetime="[^"]+">[^<]+</time>\s*<a href="[^"]+"[^>]*>([^<]+)</a>"#,
    )
    .unwrap();
    for (timeline, briefing) in [
        (
            "fr/chronologie/index.html",
            "fr/dossier-imprimable/index.html",
        ),
        ("en/timeline/index.html", "en/briefing/index.html"),
    ] {
        let titles: Vec<String> = entry
            .captures_iter(&read(&public.join(timeline)))
            .map(|c| c[1].to_string())
            .collect();
        assert_eq!(titles.len(), 4, "{timeline}");
        let page = read(&public.join(briefing));
        for title in &titles {
            assert_eq!(
                page.matches(&format!(">{title}</h3>")).count(),
                1,
                "{briefing}: {title}"
            );
        }
        assert_eq!(page.matches("<h3 id=").count(), 4, "{briefing}");
        assert_eq!(
            page.matches("<div class=\"prose\">").count(),
            4,
            "{briefing}"
        );
    }
}

/// Each article says how long it takes to read, in its language, and marks one item of the
/// menu as current, though it has several topics.
#[test]
fn articles_give_their_reading_time_and_one_current_menu_item() {
    let (_site, public) = built();
    for (path, reading) in [
        (
            "fr/articles/rapport-onu-2-milliards/index.html",
            " min de lecture</span>",
        ),
        (
            "en/articles/un-report-2-billion/index.html",
            " min read</span>",
        ),
    ] {
        let page = read(&public.join(path));
        assert!(page.contains(reading), "{path}");
        assert_eq!(page.matches("aria-current=\"page\"").count(), 1, "{path}");
    }
}

/// Every article of the first dossier, in both languages, names its sources (each linked
/// where the article could be identified: three of four) and its authors, and the Tokyo
/// article shows the source's disclaimer and commentary as the source's words.
#[test]
fn every_article_names_its_sources_and_authors() {
    let (_site, public) = built();
    let mut linked = 0;
    let mut articles = 0;
    for (path, bytes) in tree(&public) {
        let is_article = path.contains("/articles/")
            && path.ends_with("/index.html")
            && path.matches('/').count() == 3;
        if !is_article {
            continue;
        }
        articles += 1;
        let page = String::from_utf8_lossy(&bytes);
        assert!(
            page.contains("<span class=\"byline\">"),
            "{path}: no author"
        );
        let sources = page
            .split("<section class=\"sources\"")
            .nth(1)
            .unwrap_or_else(|| panic!("{path}: no sources"));
        let sources = sources.split("</section>").next().unwrap();
        if sources.contains("<a href=\"https://") {
            linked += 1;
        }
    }
    assert_eq!(articles, 8);
    assert_eq!(
        linked, 6,
        "the UN report's sources have no address that could be found"
    );
    for (path, label) in [
        (
            "fr/articles/groupe-de-travail-trilateral-tokyo/index.html",
            "Texte de la source, non de la rédaction",
        ),
        (
            "en/articles/trilateral-working-group-tokyo/index.html",
            "The source’s words, not the editors’",
        ),
    ] {
        let page = read(&public.join(path));
        assert_eq!(page.matches(label).count(), 3, "{path}");
    }
}
