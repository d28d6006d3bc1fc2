//! Sources and authors (SPEC §2): written once on the original, inherited by its translations,
//! shown on the article, in the briefing, in the feeds and in the structured data, in the
//! reader's language; and every mistake in them named with its file and line.

use crate::support::{Site, read, unescape};

const ORIGINAL: &str = "content/sanctions/un-report.fr.md";

/// The fixture's UN report with two sources and two authors, one named per language.
fn credited_site() -> Site {
    let site = Site::fixture("basic");
    site.write(
        ORIGINAL,
        "+++\ntitle = \"Le rapport de l'ONU : 2 milliards volés ?\"\ndate = 2019-08-05\ntopics = [\"sanctions\", \"cybercrime\"]\nsummary = \"Un rapport « confidentiel » des Nations unies chiffre les vols.\"\nauthors = [{ fr = \"La rédaction\", en = \"The editors\" }, \"Jeanne Martin\"]\nsources = [\n  { name = \"BBC News\", title = \"North Korea stole $2bn\", date = 2019-08-05, kind = \"press\" },\n  { name = \"Nations unies\", url = \"https://www.un.org/report?a=1&b=2\", kind = \"report\" },\n]\n+++\n\n> [!SOURCE]\n> *Avertissement de la source.*\n\nLe rapport indique que Pyongyang a ciblé des banques.\n\n## Conclusions\n\nPlus de contrôles.\n",
    );
    site
}

/// The `<section class="sources">` of a page, or the briefing's sources footers.
fn sources_of(html: &str, tag: &str) -> Vec<String> {
    let pattern = format!(r#"(?s)<{tag} class="sources".*?</{tag}>"#);
    regex::Regex::new(&pattern)
        .unwrap()
        .find_iter(html)
        .map(|m| m.as_str().to_string())
        .collect()
}

#[test]
fn sources_and_authors_show_on_the_article_in_each_language() {
    let site = credited_site();
    let public = site.build_ok();
    let french = read(&public.join("fr/articles/un-report/index.html"));
    assert!(
        french.contains("<span class=\"byline\">Par La rédaction &amp; Jeanne Martin</span>"),
        "{french}"
    );
    let english = read(&public.join("en/articles/un-report/index.html"));
    assert!(
        english.contains("<span class=\"byline\">By The editors &amp; Jeanne Martin</span>"),
        "the translation inherits the authors, named in its language"
    );
    let french_sources = sources_of(&french, "section");
    assert_eq!(french_sources.len(), 1);
    insta::assert_snapshot!("sources_fr", french_sources[0]);
    let english_sources = sources_of(&english, "section");
    assert!(english_sources[0].contains("<span class=\"source-kind\">(report)</span>"));
    assert!(english_sources[0].contains("<time datetime=\"2019-08-05\">August 5, 2019</time>"));
    // The source's own words, labelled in the article's language.
    assert!(french.contains(
        "<blockquote class=\"from-source\">\n<p class=\"from-source-label\">Texte de la source, non de la rédaction</p>\n<p><em>Avertissement de la source.</em></p>"
    ));
}

#[test]
fn sources_and_authors_reach_the_feeds_the_briefing_and_the_structured_data() {
    let site = credited_site();
    let public = site.build_ok();

    let feed = read(&public.join("en/feed.xml"));
    let entry = feed
        .split("<entry ")
        .find(|e| e.contains("/en/articles/un-report/"))
        .expect("the report's entry");
    assert!(entry.contains("<author><name>The editors</name></author>\n    <author><name>Jeanne Martin</name></author>"), "{entry}");
    assert!(entry.contains(
        "<link rel=\"via\" href=\"https://www.un.org/report?a=1&amp;b=2\" title=\"Nations unies\"/>"
    ));
    assert!(
        entry.contains("<source>\n      <title>BBC News</title>\n    </source>"),
        "{entry}"
    );
    roxmltree::Document::parse(&feed).expect("the feed is well-formed XML");

    let briefing = read(&public.join("en/briefing/index.html"));
    let footers = sources_of(&briefing, "footer");
    assert_eq!(footers.len(), 1, "one article has sources");
    assert!(
        footers[0].contains("<a href=\"https://www.un.org/report?a=1&amp;b=2\">Nations unies</a>")
    );
    assert!(briefing.contains("By The editors &amp; Jeanne Martin"));

    let french = read(&public.join("fr/articles/un-report/index.html"));
    let json = regex::Regex::new(r#"<script type="application/ld\+json">(.*?)</script>"#)
        .unwrap()
        .captures(&french)
        .map(|c| c[1].to_string())
        .expect("structured data");
    let data: serde_json::Value = serde_json::from_str(&json).unwrap();
    let authors: Vec<&str> = data["author"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(authors, ["La rédaction", "Jeanne Martin"]);
    let based_on = data["isBasedOn"].as_array().unwrap();
    assert_eq!(based_on.len(), 2);
    assert_eq!(based_on[0]["@type"], "NewsArticle");
    assert_eq!(based_on[0]["name"], "North Korea stole $2bn");
    assert_eq!(based_on[0]["publisher"]["name"], "BBC News");
    assert_eq!(based_on[0]["datePublished"], "2019-08-05");
    assert_eq!(based_on[1]["@type"], "Report");
    assert_eq!(
        unescape(based_on[1]["url"].as_str().unwrap()),
        "https://www.un.org/report?a=1&b=2"
    );
}

/// An article without authors is the publisher's, in the structured data.
#[test]
fn without_authors_the_publisher_is_the_author() {
    let site = Site::fixture("basic");
    let public = site.build_ok();
    let html = read(&public.join("fr/articles/un-report/index.html"));
    assert!(!html.contains("class=\"byline\""));
    let json = html
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .unwrap();
    let data: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(data["author"], data["publisher"]);
    // The older single `source` is still read.
    assert_eq!(data["isBasedOn"][0]["url"], "https://www.un.org/");
}

#[test]
fn credit_mistakes_are_named_with_file_and_line() {
    let site = Site::fixture("basic");
    site.write(
        ORIGINAL,
        "+++\ntitle = \"T\"\ndate = 2019-08-05\ntopics = [\"sanctions\"]\nauthors = [{ fr = \"La rédaction\", de = \"Die Redaktion\" }]\nsources = [\n  { name = \"BBC\" },\n  { name = \"UN\", url = \"www.un.org\" },\n]\n+++\n\nTexte.\n",
    );
    site.write(
        "content/cybercrime/lazarus.fr.md",
        "---\ntitle: T\ndate: 2019-08-05\ntopics: [cybercrime]\nsources:\n  - name: BBC\n    kind: newspaper\nauthor: Ann\nauthors: [Bob]\n---\n\nTexte.\n",
    );
    let output = site.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    insta::assert_snapshot!("credit_mistakes", stderr);
}
