//! Three sites written as real ones are (SPEC §8): front matter in YAML (`real-yaml`, raw HTML
//! allowed), JSON (`real-json`, raw HTML left out) and TOML (`real-toml`, Zola's ways), with
//! reference pages, bundles, aliases, footnotes, summaries, definition lists, bare addresses,
//! a leading `# Title`, accented headings, and a draft full of shortcodes. `dossier check
//! --drafts` says exactly what it should; each builds, and every link of its output leads
//! somewhere, at a domain's root and under a project path, from disk. (The Nu checker reads
//! them too: `scripts/test.sh`.)

use crate::support::{Site, broken_links, dossier, hreflang_problems, text};

fn check(name: &str) {
    let site = Site::fixture(name);
    let root = site.root.to_str().unwrap().to_string();
    let output = dossier(&["check", "--drafts", "--root", &root]);
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stderr}");
    insta::assert_snapshot!(
        format!("check_{}", name.replace('-', "_")),
        format!("{stderr}{stdout}")
    );
    for base_url in [None, Some("https://user.github.io/repo/")] {
        let args: Vec<&str> = base_url.map(|u| vec!["--base-url", u]).unwrap_or_default();
        let output = site.build(&args);
        assert!(output.status.success(), "{}", text(&output).1);
        assert_eq!(
            broken_links(&site.public()),
            Vec::<String>::new(),
            "{name} {base_url:?}"
        );
        let base = base_url.unwrap_or("https://example.github.io/fixture/");
        assert_eq!(
            hreflang_problems(&site.public(), base),
            Vec::<String>::new(),
            "{name}"
        );
    }
}

#[test]
fn a_site_in_yaml_with_raw_html() {
    check("real-yaml");
}

#[test]
fn a_site_in_json_without_raw_html() {
    check("real-json");
}

#[test]
fn a_site_in_toml_as_zola_writes_it() {
    check("real-toml");
}
