//! Hostile content (SPEC §7): whatever an article's title, summary, source or body holds, it
//! comes out as text — escaped in HTML, in attributes, in feeds and in the sitemap — and
//! nothing an author writes runs in a reader's browser.

use crate::support::{Site, assert_clean_but, tree};

const TITLE: &str = r#"Un "titre" <script>alert('t')</script> & l'<b>ONU</b>"#;
const SUMMARY: &str = r#"Résumé "quoted" onmouseover=alert(1) <img src=x onerror=alert(2)>"#;
const SOURCE: &str = r#"<svg onload=alert(3)> "Agence""#;
const BODY: &str = "Texte <script>alert(4)</script> et <iframe src=\"https://evil.example\"></iframe>.\n\n\
[lien](https://example.org/?a=1&b=\"2\" \"t<i>tre\") `<script>alert(5)</script>`\n";

fn hostile_site() -> Site {
    let site = Site::fixture("basic");
    let quote = |s: &str| toml_string(s);
    site.write(
        "content/cybercrime/lazarus.fr.md",
        format!(
            "+++\ntitle = {}\ndate = 2025-01-01\ntopics = [\"cybercrime\"]\nsummary = {}\nsource = {{ name = {}, url = \"https://example.org/a?b=1&c=%22\" }}\n+++\n\n{BODY}",
            quote(TITLE),
            quote(SUMMARY),
            quote(SOURCE)
        ),
    );
    site
}

fn toml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

#[test]
fn hostile_text_is_escaped_everywhere() {
    let site = hostile_site();
    assert_clean_but(
        &site.build(&[]),
        &[
            "warning: content/cybercrime/lazarus.fr.md:9: raw HTML left out of the page (first: `<script>`)",
        ],
    );
    let public = site.public();
    let structured_data =
        regex::Regex::new(r#"(?s)<script type="application/ld\+json">.*?</script>"#).unwrap();
    for (path, bytes) in tree(&public) {
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        for raw in [
            "<script>alert",
            "<img src=x",
            "<svg onload",
            "<iframe",
            "<b>onu",
            "<i>tre",
        ] {
            assert!(!text.contains(raw), "{path} holds {raw}");
        }
        // No attribute is broken open by a quote (the structured data is JSON, whose quotes
        // are escaped its own way: it is parsed back below).
        let outside_data = structured_data.replace_all(&text, "");
        for broken in ["\" onmouseover", "\"titre\"", "\"quoted\""] {
            if path.ends_with(".html") {
                assert!(!outside_data.contains(broken), "{path} holds {broken}");
            }
        }
    }

    let page = crate::support::read(&public.join("fr/articles/lazarus/index.html"));
    structured_data_keeps_the_title(&page);
    // The title in <title>, in the heading and in a meta attribute, as text.
    assert!(page.contains("&lt;script&gt;alert("), "{page}");
    assert!(
        page.contains("content=\"Résumé &quot;quoted&quot;"),
        "{page}"
    );

    // Feeds and the sitemap parse as XML and give the text back exactly.
    for (path, bytes) in tree(&public) {
        if !path.ends_with(".xml") {
            continue;
        }
        let xml = String::from_utf8(bytes).unwrap();
        let document = roxmltree::Document::parse(&xml)
            .unwrap_or_else(|e| panic!("{path} is not well-formed XML: {e}"));
        if path == "fr/feed.xml" {
            let titles: Vec<&str> = document
                .descendants()
                .filter(|n| {
                    n.has_tag_name("title") && n.parent().is_some_and(|p| p.has_tag_name("entry"))
                })
                .filter_map(|n| n.text())
                .collect();
            assert!(titles.contains(&TITLE), "{titles:?}");
            // The body, as HTML carried in text: its script is text in that HTML.
            let content = document
                .descendants()
                .filter(|n| n.has_tag_name("content"))
                .filter_map(|n| n.text())
                .find(|t| t.contains("alert(4)"))
                .expect("the article's content in the feed");
            // Raw HTML is not allowed: its tags are left out, its text stays text.
            assert!(content.contains("Texte alert(4) et"), "{content}");
            assert!(!content.contains("<script"), "{content}");
        }
    }
}

#[test]
fn raw_html_passes_only_when_the_config_allows_it() {
    let site = hostile_site();
    let config = std::fs::read_to_string(site.root.join("config.toml")).unwrap();
    assert!(config.contains("allow_raw_html = false"));
    site.write(
        "config.toml",
        config.replace("allow_raw_html = false", "allow_raw_html = true"),
    );
    let public = site.build_ok();
    let page = crate::support::read(&public.join("fr/articles/lazarus/index.html"));
    structured_data_keeps_the_title(&page);
    assert!(
        page.contains("<script>alert(4)</script>"),
        "the author asked for raw HTML"
    );
    // Front matter is text whatever the config says.
    assert!(!page.contains("<script>alert('t')"), "{page}");
}

/// The structured data gives the hostile title back exactly, and nothing in it ends its script.
fn structured_data_keeps_the_title(page: &str) {
    let data = page
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .expect("structured data");
    assert!(!data.contains('<'), "{data}");
    let data: serde_json::Value = serde_json::from_str(data).expect("JSON");
    assert!(
        data["headline"]
            .as_str()
            .is_some_and(|h| h.contains("<script>alert(")),
        "{data}"
    );
}
