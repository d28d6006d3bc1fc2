//! `dossier status`: missing translations, stale ones (their source edited after they were
//! marked), fresh ones after `--mark-translated`; as a table and as JSON.

use std::process::Command;

use crate::support::{BIN, Site, read};

/// Runs `dossier status --root <site> <args>`: exit status, stdout, stderr.
fn status(site: &Site, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(BIN)
        .arg("status")
        .arg("--root")
        .arg(&site.root)
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        output.status.code().unwrap(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr,
    )
}

fn mark(site: &Site, file: &str) -> String {
    let (code, stdout, stderr) = status(
        site,
        &["--mark-translated", site.root.join(file).to_str().unwrap()],
    );
    assert_eq!(code, 0, "{stderr}");
    stdout
}

/// The state of one version, from the JSON.
fn state(site: &Site, key: &str, lang: &str) -> String {
    let (code, json, stderr) = status(site, &["--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let row = value["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == key)
        .unwrap_or_else(|| panic!("no {key} in {json}"));
    row["versions"][lang]["state"].as_str().unwrap().to_string()
}

const FRENCH: &str = "content/sanctions/un-report.fr.md";
const ENGLISH: &str = "content/sanctions/un-report.en.md";
const KEY: &str = "sanctions/un-report";

#[test]
fn missing_unmarked_then_fresh_then_stale_then_fresh_again() {
    let site = Site::fixture("basic");
    let (code, text, stderr) = status(&site, &[]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("status_text", text);
    assert_eq!(state(&site, KEY, "fr"), "original");
    assert_eq!(state(&site, KEY, "en"), "unmarked");

    // The translator is done: the English version records the French one's fingerprint.
    let done = mark(&site, ENGLISH);
    assert!(
        done.starts_with("content/sanctions/un-report.en.md: marked up to date with content/sanctions/un-report.fr.md (translated_from = \"fr:"),
        "{done}"
    );
    let english = read(&site.root.join(ENGLISH));
    assert_eq!(
        english.matches("translated_from = \"fr:").count(),
        1,
        "{english}"
    );
    assert_eq!(state(&site, KEY, "en"), "fresh");
    assert_eq!(state(&site, KEY, "fr"), "original");
    // A build takes the new field in its stride.
    crate::support::assert_clean(&crate::support::build(&site.root, &[]));

    // Blank lines and trailing spaces do not make it stale; a new sentence does.
    let french = read(&site.root.join(FRENCH));
    site.write(
        FRENCH,
        french.replace("\n\n", "\n\n\n").replace(".\n", ".  \n"),
    );
    assert_eq!(state(&site, KEY, "en"), "fresh");
    site.write(FRENCH, format!("{french}\nUne phrase ajoutée.\n"));
    assert_eq!(state(&site, KEY, "en"), "stale");
    let (_, text, _) = status(&site, &[]);
    assert!(text.contains("sanctions/un-report.en.md (stale)"), "{text}");
    let (_, json, _) = status(&site, &["--format", "json"]);
    insta::assert_snapshot!("status_json_stale", json);

    // Marked again: fresh, and still one line.
    mark(&site, ENGLISH);
    assert_eq!(state(&site, KEY, "en"), "fresh");
    let english = read(&site.root.join(ENGLISH));
    assert_eq!(english.matches("translated_from").count(), 1, "{english}");
}

#[test]
fn what_cannot_be_marked_is_refused() {
    let site = Site::fixture("basic");
    // No other version.
    let lazarus = site.root.join("content/cybercrime/lazarus.fr.md");
    let (code, _, stderr) = status(&site, &["--mark-translated", lazarus.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("exists in no other language"), "{stderr}");
    // Not an article.
    let config = site.root.join("config.toml");
    let (code, _, stderr) = status(&site, &["--mark-translated", config.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("not an article"), "{stderr}");
    // A value written by hand that does not parse is an error at its line.
    let english = read(&site.root.join(ENGLISH));
    site.write(
        ENGLISH,
        english.replacen("+++\n", "+++\ntranslated_from = \"fr:nothex\"\n", 1),
    );
    let (code, _, stderr) = status(&site, &[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("content/sanctions/un-report.en.md:2: translated_from \"fr:nothex\" is not `<language>:<fingerprint>`"),
        "{stderr}"
    );
}

fn with_status_page(site: &Site) {
    let config = read(&site.root.join("config.toml"));
    site.write(
        "config.toml",
        format!("{config}\n[editors]\nstatus_page = true\n"),
    );
}

#[test]
fn the_status_page_is_published_only_when_the_config_asks() {
    let site = Site::fixture("basic");
    let public = site.build_ok();
    assert!(!public.join("fr/etat-des-traductions").exists());

    with_status_page(&site);
    let public = site.build_ok();
    let french = read(&public.join("fr/etat-des-traductions/index.html"));
    insta::assert_snapshot!("status_page_fr", crate::support::main_of(&french));
    assert!(french.contains(r#"<meta name="robots" content="noindex">"#));
    let english = read(&public.join("en/translation-status/index.html"));
    assert!(english.contains(r#"<td class="status-unmarked"><a href="../articles/un-report/index.html" hreflang="en" lang="en">"#), "{english}");
    let sitemap = read(&public.join("sitemap.xml"));
    assert!(!sitemap.contains("translation-status") && !sitemap.contains("etat-des-traductions"));

    // Marked, then the source edited: the page follows, in place too, as a full build would.
    mark(&site, ENGLISH);
    // `dossier build` forgets the Markdown once rendered, but not the source's, which the
    // page compares with the mark.
    let status_page =
        |public: &std::path::Path| read(&public.join("en/translation-status/index.html"));
    assert!(status_page(&site.build_ok()).contains(r#"<td class="status-fresh">"#));
    let options = dossier::BuildOptions {
        root: site.root.clone(),
        output_dir: None,
        base_url: None,
        drafts: false,
    };
    let (mut engine, first) = dossier::engine::Engine::open(&options).unwrap();
    first.unwrap();
    let page = |engine: &dossier::engine::Engine| {
        let output = engine.output().unwrap();
        match &output["en/translation-status/index.html"] {
            dossier::output::Contents::Bytes(bytes) => String::from_utf8(bytes.to_vec()).unwrap(),
            other => panic!("not in memory: {other:?}"),
        }
    };
    assert!(page(&engine).contains(r#"<td class="status-fresh">"#));
    let french = read(&site.root.join(FRENCH));
    site.write(FRENCH, format!("{french}\nUne phrase ajoutée.\n"));
    let update = engine
        .apply(&[dossier::engine::Change::Content(FRENCH.to_string())])
        .unwrap();
    assert!(update.in_place);
    assert!(page(&engine).contains(r#"<td class="status-stale">"#));
    assert!(status_page(&site.build_ok()).contains(r#"<td class="status-stale">"#));
    let (full, result) = dossier::engine::Engine::open(&options).unwrap();
    result.unwrap();
    assert!(*engine.output().unwrap() == *full.output().unwrap());
}
