//! `dossier check`: each kind of problem on a copy of the basic fixture, with its exit status
//! and its messages (snapshots); nothing is ever written.

use std::process::Command;

use crate::support::{BIN, Site, repo};

/// Runs `dossier check --root <site>`; returns the exit status and what it printed
/// (stderr, then stdout), after checking that it wrote nothing.
fn check(site: &Site, args: &[&str]) -> (i32, String) {
    let output = Command::new(BIN)
        .arg("check")
        .arg("--root")
        .arg(&site.root)
        .args(args)
        .output()
        .unwrap();
    assert!(!site.public().exists(), "check wrote the site");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!stderr.contains("panicked"), "{stderr}");
    (output.status.code().unwrap(), format!("{stderr}{stdout}"))
}

const ARTICLE: &str = "content/cybercrime/lazarus.fr.md";

fn lazarus(body: &str) -> String {
    format!(
        "+++\ntitle = \"Lazarus\"\ndate = 2025-01-01\ntopics = [\"cybercrime\"]\n+++\n\n{body}\n"
    )
}

macro_rules! check_case {
    ($name:ident, $status:expr, |$site:ident| $change:block) => {
        #[test]
        fn $name() {
            let $site = Site::fixture("basic");
            $change;
            let (status, printed) = check(&$site, &[]);
            assert_eq!(status, $status, "{printed}");
            insta::assert_snapshot!(printed);
        }
    };
}

// Missing translations are warnings, one line per article: the check passes.
check_case!(
    a_sound_site_passes_with_its_missing_translations,
    0,
    |site| {}
);

check_case!(broken_links_between_articles, 1, |site| {
    site.write(
        ARTICLE,
        lazarus(
            "Voir [le sommet](../diplomacy/sommet-hanoi.fr.md), [le rapport](@/sanctions/un-report.fr.md#conclusion)\net [plus bas](#suite).",
        ),
    );
});

check_case!(links_to_files_that_will_not_exist, 1, |site| {
    site.write("content/cybercrime/schema.png", "png");
    site.write(
        ARTICLE,
        lazarus(
            "![Le schéma](schema.png) ![La carte](carte.png)\n\n[Le logo](/images/logo.svg), [l'accueil](/fr/), [le rapport](../../notes/r.pdf).",
        ),
    );
});

// Two French versions of one article, and a pair whose files disagree on their key.
check_case!(translations_that_do_not_point_at_each_other, 1, |site| {
    site.write(
        "content/diplomacy/sommet-bis.fr.md",
        "+++\ntitle = \"Encore le sommet\"\ndate = 2019-03-01\ntopics = [\"diplomacy\"]\ntranslation_key = \"hanoi-summit\"\n+++\n\nTexte.\n",
    );
    site.write(
        "content/sanctions/un-report.en.md",
        "+++\ntitle = \"The UN report\"\ntranslation_key = \"un-report-2019\"\n+++\n\nText.\n",
    );
    site.write(
        "content/sanctions/un-report.fr.md",
        "+++\ntitle = \"Le rapport\"\ndate = 2019-03-11\ntopics = [\"sanctions\"]\ntranslation_key = \"rapport-onu\"\n+++\n\nTexte.\n",
    );
});

check_case!(bad_front_matter, 1, |site| {
    site.write(
        ARTICLE,
        "+++\ntitle = \"Lazarus\"\ndate = 2025-02-30\ntopics = [\"cybercrime\"]\n+++\n\nTexte.\n",
    );
    site.write(
        "content/cybercrime/wannacry.en.md",
        "+++\ntitle = \"WannaCry\"\ndate = 2025-01-01\ntopics = [\"cybercrime\", \"cyber\"]\nsumary = \"x\"\n+++\n\nText.\n",
    );
    site.write(
        "content/sanctions/un-report.en.md",
        "+++\ntitle = \"The UN report\"\n\nNever closed.\n",
    );
});

// A site template with a link that leads nowhere: found in the generated pages.
check_case!(a_template_link_that_leads_nowhere, 1, |site| {
    let article = std::fs::read_to_string(repo().join("templates/article.html")).unwrap();
    let broken = article.replacen(
        "</article>",
        "<p><a href=\"../../archives/index.html\">Archives</a> <a href=\"/about/\">About</a></p></article>",
        1,
    );
    assert_ne!(broken, article, "the built-in article template changed");
    site.write("templates/article.html", broken);
});

#[test]
fn base_url_is_checked_like_build_takes_it() {
    let site = Site::fixture("basic");
    let (status, printed) = check(&site, &["--base-url", "example.org"]);
    assert_eq!(status, 2, "{printed}");
    assert!(
        printed.contains("must be an absolute http(s) URL"),
        "{printed}"
    );
    let (status, printed) = check(
        &site,
        &["--base-url", "https://example.github.io/some-repo"],
    );
    assert_eq!(status, 0, "{printed}");
}

#[test]
fn a_folder_that_is_not_a_site_is_a_usage_error() {
    let site = Site::fixture("basic");
    std::fs::remove_file(site.root.join("config.toml")).unwrap();
    let (status, printed) = check(&site, &[]);
    assert_eq!(status, 2, "{printed}");
    assert!(printed.contains("no config.toml here"), "{printed}");
}

/// `build` runs the same checks: what `check` rejects, `build` rejects with the same message.
#[test]
fn build_refuses_what_check_reports() {
    let site = Site::fixture("basic");
    site.write(ARTICLE, lazarus("![La carte](carte.png)"));
    let (status, printed) = check(&site, &[]);
    assert_eq!(status, 1);
    let output = site.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(!site.public().exists());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let message = "content/cybercrime/lazarus.fr.md:7: link `carte.png` points to content/cybercrime/carte.png, which does not exist";
    assert!(printed.contains(message), "{printed}");
    assert!(stderr.contains(message), "{stderr}");
}

/// `build` shows a few missing translations and sends the reader to `check` for the rest.
#[test]
fn build_shows_the_first_missing_translations_only() {
    let site = Site::fixture("basic");
    for n in 0..7 {
        site.write(
            &format!("content/sanctions/note-{n}.fr.md"),
            format!("+++\ntitle = \"Note {n}\"\ndate = 2025-01-0{}\ntopics = [\"sanctions\"]\n+++\n\nTexte.\n", n + 1),
        );
    }
    let (status, printed) = check(&site, &[]);
    assert_eq!(status, 0);
    assert_eq!(
        printed.matches(": no translation in ").count(),
        9,
        "{printed}"
    );
    let output = site.build(&[]);
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 6, "{stderr}");
    assert_eq!(
        lines[5],
        "warning: …and 4 more articles without a translation (`dossier check` lists them all)"
    );
}
