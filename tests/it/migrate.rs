//! `dossier migrate` on a Hugo site and a Zola site written for the tests
//! (`tests/fixtures/migrate-hugo`, `migrate-zola`; what each holds and what a correct migration
//! gives: `tests/fixtures/migrate-NOTES.md`): the new site checks and builds with no error,
//! every page the source published has a page or an alias, no shortcode is left as text, links
//! resolve, and the source is untouched.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::{BIN, Site, assert_clean, broken_links, hreflang_problems, repo, text, tree};

fn migrate(source: &Path, destination: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("migrate")
        .arg(source)
        .arg(destination)
        .args(args)
        .output()
        .unwrap()
}

/// Every old address of the fixture's published pages, from the NOTES' tables.
const HUGO_ADDRESSES: &[&str] = &[
    "analyses/asie/coree-du-nord-cryptomonnaies/",
    "analyses/asie/vols-crypto-pyongyang/",
    "en/analyses/asie/north-korea-crypto-heists/",
    "analyses/europe/sanctions-russie/",
    "en/analyses/europe/sanctions-russie/",
    "dossiers/cyber/rancongiciels-hopitaux/",
    "analyses/rancongiciels-hopitaux/",
    "2024/02/rancongiciels.html",
    "en/analyses/ransomware-hospitals/",
    "en/briefings/hospital-ransomware/",
    "analyses/climat-cop28/",
    "en/analyses/cop28-climate-security/",
    "notes/gel-avoirs/",
    "en/notes/un-panel-of-experts/",
    "a-propos/",
    "en/about/",
    "a-propos/glossaire/",
    "en/about/glossary/",
];

const ZOLA_ADDRESSES: &[&str] = &[
    "cyber/bilan-2023/",
    "2023/12/bilan-cyber.html",
    "cyber/retrospective-2023/",
    "en/cyber/cyber-year-in-review-2023/",
    "cyber/lockbit-demantelement/",
    "en/cyber/operation-cronos-lockbit/",
    "climat/bilan-2023/",
    "ancien-bilan-climat/",
    "climat/secheresse-sahel/",
    "dossiers/union-africaine-sanctions/",
    "ua-sanctions/",
    "a-propos/",
    "about/",
];

/// The HTML of a page with its code and comments taken out: what a reader sees as text.
fn outside_code(html: &str) -> String {
    let code = regex::Regex::new(r"(?s)<code[^>]*>.*?</code>|<!--.*?-->").unwrap();
    code.replace_all(html, "").into_owned()
}

/// Migrates the fixture, then checks the new site as the issue asks; returns the report and
/// the new site's root.
fn migrated(fixture: &str, base_url: &str, addresses: &[&str]) -> (String, tempfile::TempDir) {
    let source = Site::fixture(fixture);
    let before = tree(&source.root);
    let out = tempfile::tempdir().unwrap();
    let destination = out.path().join("new");
    let output = migrate(&source.root, &destination, &[]);
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stderr}\n{stdout}");
    assert!(stdout.contains("check: 0 errors"), "{stdout}");
    assert!(tree(&source.root) == before, "the source changed");

    let built = crate::support::build(&destination, &[]);
    assert_clean(&built);
    let public = destination.join("public");
    assert_eq!(broken_links(&public), Vec::<String>::new());
    assert_eq!(hreflang_problems(&public, base_url), Vec::<String>::new());
    for address in addresses {
        let page = if address.ends_with(".html") {
            public.join(address)
        } else {
            public.join(address).join("index.html")
        };
        assert!(page.is_file(), "nothing at the old address /{address}");
    }
    for (path, bytes) in tree(&public) {
        if path.ends_with(".html") {
            let html = outside_code(&String::from_utf8_lossy(&bytes));
            for shortcode in ["{{<", "{{%", "{% ", "{{ youtube", "{{ chiffre"] {
                assert!(!html.contains(shortcode), "{path} shows {shortcode}");
            }
        }
    }
    (stderr, out)
}

fn read(root: &Path, path: &str) -> String {
    std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn a_hugo_site_with_four_languages_bundles_and_shortcodes_is_migrated() {
    let (report, out) = migrated(
        "migrate-hugo",
        "https://observatoire-crises.example.org/",
        HUGO_ADDRESSES,
    );
    insta::assert_snapshot!("migrate_hugo_report", report);
    let root = out.path().join("new");
    let files: Vec<String> = tree(&root)
        .into_keys()
        // What a build left: the site, and the stamp of what it was built from.
        .filter(|p| !p.starts_with("public/") && p != ".public.dossier-stamp")
        .collect();
    insta::assert_snapshot!("migrate_hugo_files", files.join("\n"));
    insta::assert_snapshot!(
        "migrate_hugo_article",
        read(
            &root,
            "content/cybercrime/coree-du-nord-cryptomonnaies.fr.md"
        )
    );
    insta::assert_snapshot!(
        "migrate_hugo_bundle",
        read(&root, "content/sanctions/sanctions-russie/index.fr.md")
    );
    insta::assert_snapshot!("migrate_hugo_config", read(&root, "config.toml"));
}

#[test]
fn a_zola_site_with_sections_for_topics_is_migrated() {
    let (report, out) = migrated(
        "migrate-zola",
        "https://veille-strategique.example.net/",
        ZOLA_ADDRESSES,
    );
    insta::assert_snapshot!("migrate_zola_report", report);
    let root = out.path().join("new");
    insta::assert_snapshot!(
        "migrate_zola_bundle",
        read(&root, "content/cyber/lockbit-demantelement/index.fr.md")
    );
    let config = read(&root, "config.toml");
    let topics: Vec<&str> = config
        .lines()
        .filter(|l| l.starts_with("[topics.") || l.starts_with("name ="))
        .collect();
    insta::assert_snapshot!("migrate_zola_topics", topics.join("\n"));
}

#[test]
fn the_languages_kept_can_be_chosen() {
    let out = tempfile::tempdir().unwrap();
    let destination = out.path().join("new");
    let source = repo().join("tests/fixtures/migrate-hugo");
    let output = migrate(&source, &destination, &["--languages", "fr,de"]);
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(stdout.contains("check: 0 errors"), "{stdout}");
    assert!(
        destination
            .join("content/cybercrime/ransomware-krankenhaeuser.de.md")
            .is_file()
    );
    assert!(
        stderr.contains("note: language en not kept: 9 files left out"),
        "{stderr}"
    );
    assert!(
        stderr.contains("language de: dossier has no UI strings"),
        "{stderr}"
    );
    let output = migrate(
        &source,
        &out.path().join("other"),
        &["--languages", "fr,it"],
    );
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr.contains("--languages: the site has no language it (it has fr, en, de, es)"),
        "{stderr}"
    );
}

#[test]
fn a_destination_that_is_not_empty_is_refused_unless_forced() {
    let out = tempfile::tempdir().unwrap();
    let destination: PathBuf = out.path().join("new");
    std::fs::create_dir_all(destination.join("content")).unwrap();
    std::fs::write(destination.join("config.toml"), "# mine\n").unwrap();
    std::fs::write(destination.join("notes.txt"), "keep me\n").unwrap();
    let source = repo().join("tests/fixtures/migrate-zola");
    let output = migrate(&source, &destination, &[]);
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("not empty"), "{stderr}");
    assert_eq!(read(&destination, "config.toml"), "# mine\n");

    let output = migrate(&source, &destination, &["--force", "--from", "zola"]);
    let (_, stderr) = text(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "warning: {}: written over (--force)",
            destination.join("config.toml").display()
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("notes.txt"), "{stderr}");
    assert_eq!(read(&destination, "notes.txt"), "keep me\n");
    // A source that is not a site of either.
    let output = migrate(&out.path().join("nothing"), &out.path().join("x"), &[]);
    assert_eq!(output.status.code(), Some(2));
    // A dossier site already.
    let output = migrate(
        &repo().join("tests/fixtures/basic"),
        &out.path().join("y"),
        &[],
    );
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("a dossier site already"), "{stderr}");
}

/// A Hugo site as many are set up: its configuration split into `config/_default/`, English by
/// default under `/en/` too, dated addresses from `permalinks`, translations as `x.fr.md` beside
/// `x.md`, a Jekyll-style date, a search page whose name is one of dossier's own folders.
#[test]
fn a_hugo_site_with_a_split_config_and_permalinks_is_migrated() {
    let out = tempfile::tempdir().unwrap();
    let source = out.path().join("hugo");
    let write = |path: &str, text: &str| {
        let file = source.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    };
    write(
        "config/_default/hugo.toml",
        "baseURL = \"https://example.org/\"\ndefaultContentLanguage = \"en\"\ndefaultContentLanguageInSubdir = true\n[permalinks]\nposts = \"/:year/:month/:slug/\"\n",
    );
    write(
        "config/_default/languages.toml",
        "[en]\nlanguageName = \"English\"\nweight = 1\ntitle = \"News\"\n[fr]\nlanguageName = \"Français\"\nweight = 2\ntitle = \"Actualités\"\n",
    );
    write(
        "config/_default/menus.en.toml",
        "[[main]]\nname = \"About\"\npageRef = \"/about\"\nweight = 1\n",
    );
    write(
        "content/posts/budget.md",
        "+++\ntitle = \"The 2016 budget\"\ndate = \"2016-03-05 10:00:00 +0100\"\nslug = \"budget-2016\"\ncategories = [\"economy\"]\n+++\n\nThe budget.[^1]\n\n[^1]: About 40% of it, see [the other note](/en/2020/01/notes/).\n",
    );
    write(
        "content/posts/budget.fr.md",
        "+++\ntitle = \"Le budget 2016\"\ndate = 2016-03-05\nslug = \"budget-2016\"\ncategories = [\"economy\"]\n+++\n\nLe budget.\n",
    );
    write(
        "content/posts/notes.md",
        "---\ntitle: Notes\nDate: 2020-01-02\nTranslationKey: notes\ncategories: [economy]\n---\n\nNotes.\n",
    );
    write(
        "content/about.md",
        "---\ntitle: About\n---\n\nWho we are.\n",
    );
    write(
        "content/about.fr.md",
        "---\ntitle: À propos\n---\n\nQui nous sommes.\n",
    );
    write(
        "content/search.md",
        "---\ntitle: Search\nlayout: search\n---\n",
    );
    write(
        "content/topics.md",
        "---\ntitle: Topics\n---\n\nWhat we follow.\n",
    );
    let destination = out.path().join("new");
    let output = migrate(&source, &destination, &[]);
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stderr}\n{stdout}");
    assert!(stdout.contains("check: 0 errors"), "{stdout}\n{stderr}");
    let budget = read(&destination, "content/economy/budget-2016.en.md");
    assert!(
        budget.contains("date = 2016-03-05T10:00:00+01:00"),
        "{budget}"
    );
    assert!(
        budget.contains("[^1]: About 40% of it, see [the other note](notes.en.md)."),
        "{budget}"
    );
    assert!(read(&destination, "content/pages/about.en.md").contains("nav = 1"));
    assert!(stderr.contains("slug topics is taken in en"), "{stderr}");
    assert!(
        stderr
            .contains("content/search.md:1: left out: a page without text or date (layout search)"),
        "{stderr}"
    );
    let built = crate::support::build(&destination, &[]);
    assert_clean(&built);
    let public = destination.join("public");
    for address in [
        "en/2016/03/budget-2016/",
        "fr/2016/03/budget-2016/",
        "en/2020/01/notes/",
    ] {
        assert!(
            public.join(address).join("index.html").is_file(),
            "nothing at /{address}"
        );
    }
    assert_eq!(broken_links(&public), Vec::<String>::new());
}
