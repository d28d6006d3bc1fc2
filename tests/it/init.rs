//! `dossier init`: a new dossier that builds and checks at once with no warning, and never a
//! file overwritten.

use crate::support::{broken_links, dossier, read, text};

#[test]
fn a_new_dossier_builds_and_checks_with_no_warning() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("mon-dossier");
    let root = dir.to_str().unwrap();
    let output = dossier(&["init", root]);
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    for file in dossier::commands::init::STARTER
        .iter()
        .map(|(path, _)| path)
    {
        assert!(dir.join(file).is_file(), "{file}");
        assert!(stdout.contains(&format!("created {}", dir.join(file).display())));
    }

    let output = dossier(&["build", "--root", root]);
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.is_empty(), "a warning: {stderr}");
    assert!(stdout.contains("(2 articles: 1 fr, 1 en)"), "{stdout}");
    let output = dossier(&["check", "--root", root]);
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.is_empty(), "a warning: {stderr}");
    assert!(stdout.contains("check: 0 errors, 0 warnings"), "{stdout}");

    // The sample translation is marked up to date with its source.
    let output = dossier(&["status", "--root", root]);
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stdout.contains("diplomacy/first-article.en.md (up to date)"),
        "{stdout}"
    );

    // Both languages, the three topics, the pair linked both ways.
    let public = dir.join("public");
    assert_eq!(broken_links(&public), Vec::<String>::new());
    for topic in ["diplomacy", "sanctions", "cybercrime"] {
        assert!(
            public
                .join(format!("fr/themes/{topic}/index.html"))
                .is_file()
        );
        assert!(
            public
                .join(format!("en/topics/{topic}/index.html"))
                .is_file()
        );
    }
    let french = read(&public.join("fr/articles/premier-article/index.html"));
    assert!(
        french.contains(r#"hreflang="en" href="https://example.org/en/articles/first-article/""#)
    );
    let english = read(&public.join("en/articles/first-article/index.html"));
    assert!(
        english
            .contains(r#"hreflang="fr" href="https://example.org/fr/articles/premier-article/""#)
    );
}

#[test]
fn init_never_overwrites_anything() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path();
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    let output = dossier(&["init", dir.to_str().unwrap()]);
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("not empty"), "{stderr}");
    assert!(!dir.join("config.toml").exists());
    assert_eq!(read(&dir.join("notes.txt")), "mine");

    let file = dir.join("notes.txt");
    let output = dossier(&["init", file.to_str().unwrap()]);
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("a file, not a folder"), "{stderr}");
}
