//! The command line as a Hugo or Zola user meets it: the help, the short flags, the
//! completions and man page, `dossier new` and `dossier templates`.

use std::process::Command;

use crate::support::{BIN, Site, dossier, text, tree};

#[test]
fn the_help_has_one_line_per_command() {
    let (stdout, _) = text(&dossier(&["--help"]));
    insta::assert_snapshot!(stdout);
    for line in stdout.lines().filter(|l| l.starts_with("  ")) {
        assert!(line.chars().count() <= 100, "a long line: {line}");
    }
    let (stdout, _) = text(&dossier(&["serve", "--help"]));
    insta::assert_snapshot!("serve_help", stdout);
}

#[test]
fn short_flags_build_where_they_say() {
    let site = Site::fixture("basic");
    let out = site.root.join("elsewhere");
    let output = Command::new(BIN)
        .args(["build", "-q", "-r"])
        .arg(&site.root)
        .arg("-o")
        .arg(&out)
        .args(["-b", "https://example.org/sub/", "-D", "-j", "1"])
        .output()
        .unwrap();
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stderr}");
    // Quiet: no summary, no warning (the fixture has missing translations).
    assert_eq!(stdout, "");
    assert_eq!(stderr, "");
    let home = std::fs::read_to_string(out.join("fr/index.html")).unwrap();
    assert!(home.contains("https://example.org/sub/fr/"), "{home}");
    // Verbose: every phase's timing.
    let output = Command::new(BIN)
        .args(["check", "-v", "-r"])
        .arg(&site.root)
        .output()
        .unwrap();
    let (_, stderr) = text(&output);
    assert!(stderr.contains("timing: "), "{stderr}");
}

#[test]
fn completions_and_the_man_page_come_from_the_same_definitions() {
    for shell in ["bash", "zsh", "fish"] {
        let output = dossier(&["completions", shell]);
        let (stdout, stderr) = text(&output);
        assert!(output.status.success(), "{stderr}");
        for word in [
            "build",
            "serve",
            "new",
            "migrate",
            "templates",
            "output-dir",
        ] {
            assert!(stdout.contains(word), "{shell}: no {word}");
        }
    }
    let (man, _) = text(&dossier(&["man"]));
    assert!(
        man.starts_with(".ie") || man.contains(".TH dossier"),
        "{man}"
    );
    assert!(man.contains("completions"), "{man}");
    let output = dossier(&["completions", "powershell7"]);
    assert_eq!(output.status.code(), Some(2));
}

/// The text with today's date in ISO form replaced, for snapshots.
fn undated(text: &str) -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        / 86_400;
    let today = time::OffsetDateTime::from_unix_timestamp(i64::try_from(days * 86_400).unwrap())
        .unwrap()
        .date();
    text.replace(&today.to_string(), "TODAY")
}

fn new(site: &Site, args: &[&str]) -> (bool, String, String) {
    let output = Command::new(BIN)
        .arg("new")
        .args(args)
        .arg("--root")
        .arg(&site.root)
        .output()
        .unwrap();
    let (stdout, stderr) = text(&output);
    let root = site.root.display().to_string();
    (
        output.status.success(),
        stdout.replace(&root, "SITE"),
        stderr.replace(&root, "SITE"),
    )
}

#[test]
fn new_starts_an_article_and_its_translation_that_build() {
    let site = Site::fixture("basic");
    let (ok, stdout, stderr) = new(&site, &["content/sanctions/gel-des-avoirs.fr.md"]);
    assert!(ok, "{stderr}");
    let written =
        std::fs::read_to_string(site.root.join("content/sanctions/gel-des-avoirs.fr.md")).unwrap();
    insta::assert_snapshot!("new_article", undated(&format!("{stdout}---\n{written}")));

    // Its translation, with another name: the two get one key.
    let (ok, stdout, stderr) = new(
        &site,
        &[
            "--translation-of",
            "content/sanctions/gel-des-avoirs.fr.md",
            "sanctions/asset-freeze.en.md",
        ],
    );
    assert!(ok, "{stderr}");
    let written =
        std::fs::read_to_string(site.root.join("content/sanctions/asset-freeze.en.md")).unwrap();
    let original =
        std::fs::read_to_string(site.root.join("content/sanctions/gel-des-avoirs.fr.md")).unwrap();
    insta::assert_snapshot!(
        "new_translation",
        undated(&format!("{stdout}---\n{written}---\n{original}"))
    );

    // With drafts, both build and are paired; without, neither is published.
    let output = site.build(&["--drafts"]);
    crate::support::assert_clean(&output);
    let page =
        std::fs::read_to_string(site.public().join("en/articles/asset-freeze/index.html")).unwrap();
    assert!(page.contains("hreflang=\"fr\""), "not paired: {page}");
    let public = site.build_ok();
    assert!(!public.join("fr/articles/gel-des-avoirs").exists());

    // Never twice; a YAML site gets YAML; the mistakes say what to do.
    let (ok, _, stderr) = new(&site, &["content/sanctions/gel-des-avoirs.fr.md"]);
    assert!(!ok);
    let mut mistakes = vec![stderr];
    for args in [
        &["content/notes/x.fr.md"][..],
        &["content/sanctions/x"],
        &["content/sanctions/x.de.md"],
        &["--lang", "en", "content/sanctions/x.fr.md"],
        &["--topic", "sanction", "--title", "Un titre", "--lang", "fr"],
        &[
            "--translation-of",
            "content/sanctions/nothing.fr.md",
            "--lang",
            "en",
        ],
        &[
            "--translation-of",
            "content/cybercrime/lazarus.fr.md",
            "--lang",
            "fr",
        ],
        &[
            "--translation-of",
            "content/cybercrime/lazarus.fr.md",
            "content/cybercrime/wannacry.en.md",
        ],
    ] {
        let (ok, _, stderr) = new(&site, args);
        assert!(!ok, "{args:?}");
        mistakes.push(format!("$ dossier new {}\n{stderr}", args.join(" ")));
    }
    insta::assert_snapshot!("new_mistakes", mistakes.join("\n"));
}

#[test]
fn new_writes_the_format_the_site_uses() {
    let site = Site::fixture("real-yaml");
    let topic = "diplomacy";
    let (ok, _, stderr) = new(
        &site,
        &[
            "--topic",
            topic,
            "--lang",
            "en",
            "--title",
            "A \"quoted\": title",
        ],
    );
    assert!(ok, "{stderr}");
    let written = std::fs::read_to_string(
        site.root
            .join("content")
            .join(topic)
            .join("a-quoted-title.en.md"),
    )
    .unwrap();
    assert!(
        written.starts_with("---\ntitle: \"A \\\"quoted\\\": title\"\n"),
        "{written}"
    );
}

#[test]
fn templates_written_out_build_the_same_site() {
    let site = Site::fixture("basic");
    let before = tree(&site.build_ok());
    let output = Command::new(BIN)
        .args(["templates", "--root"])
        .arg(&site.root)
        .output()
        .unwrap();
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stderr}");
    let written = std::fs::read_dir(site.root.join("templates"))
        .unwrap()
        .count();
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("created ")).count(),
        written
    );
    for (name, text) in dossier::render::templates::BUILTIN {
        let on_disk = std::fs::read_to_string(site.root.join("templates").join(name)).unwrap();
        assert_eq!(&on_disk, text, "{name}");
    }
    assert!(tree(&site.build_ok()) == before, "the site changed");

    // Again: nothing is overwritten; an unknown name is refused with the nearest.
    site.write("templates/article.html", "{% extends \"base.html\" %}\n");
    let output = Command::new(BIN)
        .args(["templates", "article.html", "--root"])
        .arg(&site.root)
        .output()
        .unwrap();
    let (stdout, _) = text(&output);
    assert!(stdout.starts_with("kept "), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(site.root.join("templates/article.html")).unwrap(),
        "{% extends \"base.html\" %}\n"
    );
    let output = dossier(&["templates", "artcle.html", "--root", "."]);
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr.starts_with("error: artcle.html is not a built-in template (did you mean article.html? known: base.html,"),
        "{stderr}"
    );
}
