//! Abstracts across languages (SPEC §2): a French-only article's title and summary written in
//! English stand for it on the English side — lists, feeds, search, briefing — marked as in
//! French and leading to the original, whose page shows the abstract above its text.

use crate::support::{Site, main_of, read};

const LAZARUS: &str = "content/cybercrime/lazarus.fr.md";

fn site_with_an_abstract() -> Site {
    let site = Site::fixture("basic");
    let text = read(&site.root.join(LAZARUS));
    site.write(
        LAZARUS,
        text.replacen(
            "topics = [\"cybercrime\"]\n",
            "topics = [\"cybercrime\"]\n\n[abstracts.en]\ntitle = \"The Lazarus group\"\nsummary = \"How the group stole $1.5bn.\"\n",
            1,
        ),
    );
    site
}

#[test]
fn the_other_language_shows_the_abstract_everywhere() {
    let site = site_with_an_abstract();
    let public = site.build_ok();
    let link = "href=\"../fr/articles/lazarus/index.html#abstract-en\" hreflang=\"fr\">The Lazarus group</a>";
    let home = main_of(&read(&public.join("en/index.html")));
    assert!(home.contains(link), "{home}");
    assert!(home.contains("<span class=\"only\">in French</span>"));
    assert!(!home.contains("Le groupe Lazarus"));
    for page in [
        "en/topics/cybercrime/index.html",
        "en/timeline/index.html",
        "en/search/index.html",
    ] {
        let html = main_of(&read(&public.join(page)));
        assert!(
            html.contains("hreflang=\"fr\">The Lazarus group</a>"),
            "{page}: {html}"
        );
        assert!(
            !html.contains(" lang=\"fr\">The Lazarus"),
            "{page}: the title is in English"
        );
    }
    let topic = read(&public.join("en/topics/cybercrime/index.html"));
    assert!(
        topic.contains("<p class=\"summary\">How the group stole $1.5bn.</p>"),
        "{topic}"
    );
    // The search finds it by its English title; its entry names the page's language (French)
    // and, last, the language of its title and summary.
    let index = crate::support::search_files(&public, "en/search");
    assert!(
        index.contains("\"The Lazarus group\",\"How the group stole $1.5bn.\",\"February 21, 2025\",\"fr\",\"in French\",\"en\","),
        "{index}"
    );

    // The feed: English title and summary, the French text marked as such.
    let feed = read(&public.join("en/feed.xml"));
    let entry = feed
        .split("<entry ")
        .find(|e| e.contains("/fr/articles/lazarus/"))
        .expect("the abstract's entry in the English feed");
    assert!(
        entry.contains("<title>The Lazarus group</title>"),
        "{entry}"
    );
    assert!(entry.contains("hreflang=\"fr\""));
    assert!(entry.contains("<summary>How the group stole $1.5bn.</summary>"));
    assert!(entry.contains("<content type=\"html\" xml:lang=\"fr\">"));
    roxmltree::Document::parse(&feed).expect("well-formed");
    assert!(
        read(&public.join("en/topics/cybercrime/feed.xml"))
            .contains("<title>The Lazarus group</title>")
    );

    // The briefing: English title and summary over the French text.
    let briefing = read(&public.join("en/briefing/index.html"));
    assert!(
        briefing
            .contains("<h3 id=\"fr_lazarus\" data-number=\"3\" lang=\"en\">The Lazarus group</h3>"),
        "{briefing}"
    );
    assert!(
        briefing.contains("<a href=\"#fr_lazarus\" lang=\"en\">The Lazarus group</a>")
            || briefing.contains("<a href=\"#fr_lazarus\">The Lazarus group</a>")
    );

    // The original shows it above its text, in English, for the readers the lists send there.
    let original = read(&public.join("fr/articles/lazarus/index.html"));
    assert!(original.contains(
        "<aside class=\"abstract\" id=\"abstract-en\" lang=\"en\" aria-labelledby=\"abstract-en-label\">\n      <p class=\"abstract-label\" id=\"abstract-en-label\">Abstract in English</p>\n      <p class=\"abstract-title\">The Lazarus group</p>"
    ), "{original}");
    // Its own language's lists are unchanged.
    assert!(
        read(&public.join("fr/themes/cybercrime/index.html")).contains(">Le groupe Lazarus</a>")
    );
}

#[test]
fn status_counts_abstracts_apart_from_translations() {
    let site = site_with_an_abstract();
    let output = crate::support::dossier(&["status", "--root", site.root.to_str().unwrap()]);
    let (stdout, _) = crate::support::text(&output);
    assert!(stdout.contains("— missing (abstract only)"), "{stdout}");
    assert!(
        stdout.contains("abstracts standing in for a missing translation: 1 (1 in en)"),
        "{stdout}"
    );
}

#[test]
fn abstract_mistakes_are_named_with_file_and_line() {
    let site = Site::fixture("basic");
    let text = read(&site.root.join(LAZARUS));
    site.write(
        LAZARUS,
        text.replacen(
            "topics = [\"cybercrime\"]\n",
            "topics = [\"cybercrime\"]\n\n[abstracts.fr]\ntitle = \"Le groupe\"\n\n[abstracts.de]\ntitle = \"Die Gruppe\"\n",
            1,
        ),
    );
    site.write(
        "content/cybercrime/wannacry.en.md",
        "+++\ntitle = \"WannaCry\"\ndate = 2022-05-12\ntopics = [\"cybercrime\"]\nabstracts = { fr = { sumary = \"x\" } }\n+++\n\nText.\n",
    );
    let report = "content/sanctions/un-report.fr.md";
    let text = read(&site.root.join(report));
    site.write(
        report,
        text.replacen(
            "+++\n\n",
            "\n[abstracts.en]\ntitle = \"The UN report\"\n+++\n\n",
            1,
        ),
    );
    let output = site.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(String::from_utf8_lossy(&output.stderr));
}
