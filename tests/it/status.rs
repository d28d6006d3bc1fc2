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
