//! What a link shared in a chat or read by a search engine carries (SPEC §5): Open Graph and
//! Twitter card tags on every page, and each article's `schema.org` description, parsed back
//! and checked against the page it describes.

use std::collections::BTreeMap;

use crate::support::{Site, tree, unescape};

/// The `content` of each `<meta property|name="…">` of a page, by property.
fn metas(html: &str) -> BTreeMap<String, Vec<String>> {
    let meta =
        regex::Regex::new(r#"<meta (?:property|name)="([^"]+)" content="([^"]*)">"#).unwrap();
    let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for caps in meta.captures_iter(html) {
        found
            .entry(caps[1].to_string())
            .or_default()
            .push(unescape(&caps[2]));
    }
    found
}

fn one<'a>(metas: &'a BTreeMap<String, Vec<String>>, property: &str, page: &str) -> &'a str {
    let values = metas
        .get(property)
        .unwrap_or_else(|| panic!("{page}: no {property}"));
    assert_eq!(values.len(), 1, "{page}: {property} {values:?}");
    &values[0]
}

fn first_match(html: &str, pattern: &str) -> Option<String> {
    regex::Regex::new(pattern)
        .unwrap()
        .captures(html)
        .map(|c| unescape(&c[1]))
}

#[test]
fn every_page_kind_has_its_sharing_tags() {
    let site = Site::fixture("basic");
    let public = site.build_ok();
    let mut kinds = 0;
    let hreflang = regex::Regex::new(r#"hreflang="([a-z]{2})" href"#).unwrap();
    for (path, bytes) in tree(&public) {
        let html = String::from_utf8_lossy(&bytes);
        if !path.ends_with(".html") || html.contains("http-equiv=\"refresh\"") {
            continue;
        }
        kinds += 1;
        let metas = metas(&html);
        let lang = first_match(&html, r#"<html lang="([^"]+)""#).unwrap();
        let locale = one(&metas, "og:locale", &path);
        assert!(locale.starts_with(&format!("{lang}_")), "{path}: {locale}");
        for property in ["og:title", "og:description", "og:site_name", "twitter:card"] {
            assert!(
                !one(&metas, property, &path).is_empty(),
                "{path}: empty {property}"
            );
        }
        let canonical = first_match(&html, r#"<link rel="canonical" href="([^"]+)""#);
        assert_eq!(
            metas.get("og:url").map(|v| v[0].clone()),
            canonical,
            "{path}: og:url is not the canonical address"
        );
        let alternates: Vec<String> = hreflang
            .captures_iter(&html)
            .map(|c| c[1].to_string())
            .filter(|code| *code != lang)
            .collect();
        let locales = metas
            .get("og:locale:alternate")
            .cloned()
            .unwrap_or_default();
        assert_eq!(
            locales.len(),
            alternates.len(),
            "{path}: {locales:?} {alternates:?}"
        );
        let is_article = path.contains("/articles/")
            && !path.contains("/cote-a-cote/")
            && !path.contains("/side-by-side/");
        assert_eq!(
            one(&metas, "og:type", &path),
            if is_article { "article" } else { "website" },
            "{path}"
        );
    }
    assert!(kinds > 20, "{kinds} pages");
}

#[test]
fn structured_data_describes_the_article_and_its_versions() {
    let site = Site::fixture("basic");
    let public = site.build_ok();
    let mut articles = 0;
    let alternate =
        regex::Regex::new(r#"<link rel="alternate" hreflang="[a-z]{2}" href="([^"]+)""#).unwrap();
    for (path, bytes) in tree(&public) {
        let html = String::from_utf8_lossy(&bytes);
        let Some(json) = first_match(
            &html,
            r#"(?s)<script type="application/ld\+json">(.*?)</script>"#,
        ) else {
            continue;
        };
        articles += 1;
        let data: serde_json::Value = serde_json::from_str(&json.replace("\\u003c", "<"))
            .unwrap_or_else(|e| panic!("{path}: {e}\n{json}"));
        let text = |key: &str| {
            data[key]
                .as_str()
                .unwrap_or_else(|| panic!("{path}: no {key}"))
                .to_string()
        };
        assert_eq!(data["@context"], "https://schema.org");
        assert_eq!(data["@type"], "NewsArticle");
        let h1 = first_match(&html, r"<h1>(.*?)</h1>").unwrap();
        let og_title = metas(&html)["og:title"][0].clone();
        assert_eq!(text("headline"), og_title, "{path}");
        assert!(
            h1.contains(&og_title[..og_title.len().min(10)]),
            "{path}: {h1}"
        );
        let canonical = first_match(&html, r#"<link rel="canonical" href="([^"]+)""#).unwrap();
        assert_eq!(text("url"), canonical);
        let lang = first_match(&html, r#"<html lang="([^"]+)""#).unwrap();
        assert_eq!(text("inLanguage"), lang);
        if let Some(date) = first_match(&html, r#"<time datetime="([^"]+)""#) {
            assert_eq!(text("datePublished"), date, "{path}");
        }
        assert!(data["publisher"]["name"].is_string(), "{path}");
        // Every version it names is one of the page's alternates.
        let alternates: Vec<String> = alternate
            .captures_iter(&html)
            .map(|c| c[1].to_string())
            .collect();
        let mut versions: Vec<String> = data["workTranslation"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|v| v["@id"].as_str().unwrap().to_string())
            .collect();
        versions.extend(
            data["translationOfWork"]["@id"]
                .as_str()
                .map(str::to_string),
        );
        for version in &versions {
            assert!(
                alternates.contains(version),
                "{path}: {version} not in {alternates:?}"
            );
        }
    }
    assert!(articles >= 5, "{articles} articles");
}
