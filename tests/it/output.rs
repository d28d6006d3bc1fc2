//! The output folder is sacred in both directions (SPEC §3): `dossier` never writes into the
//! sources nor replaces a folder it did not make, and a build killed at any moment leaves the
//! previous output whole.

use std::collections::BTreeMap;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{BIN, Site, tree};

/// The folders and files of builds left beside the output, but the spare (the site before the
/// output's, kept for the next build) and the stamp (what the output was built from).
fn leftovers(site: &Site) -> Vec<String> {
    std::fs::read_dir(site.root.as_path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| {
            name.contains(".dossier-")
                && name != ".public.dossier-spare"
                && name != ".public.dossier-stamp"
        })
        .collect()
}

/// Runs `dossier build --root <site> --output-dir <dir>`: exit status and stderr.
fn build_into(site: &Site, dir: &std::path::Path) -> (Option<i32>, String) {
    let output = site.build(&["--output-dir", dir.to_str().unwrap()]);
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn refuses_output_folders_that_hold_or_are_inside_the_sources() {
    let site = Site::fixture("basic");
    site.write("static/logo.svg", "<svg/>");
    site.write("templates/.keep", "");
    let before = tree(&site.root);
    for (dir, says) in [
        (site.root.clone(), "cannot be the site root or contain it"),
        (site.root.join("."), "cannot be the site root or contain it"),
        (
            site.root.parent().unwrap().to_path_buf(),
            "cannot be the site root or contain it",
        ),
        (site.root.join("content"), "cannot be inside content/"),
        (
            site.root.join("content/cybercrime/out"),
            "cannot be inside content/",
        ),
        (site.root.join("templates/x"), "cannot be inside templates/"),
        (site.root.join("static"), "cannot be inside static/"),
        (
            site.root.join("content/../static/x"),
            "cannot be inside static/",
        ),
    ] {
        let (status, stderr) = build_into(&site, &dir);
        assert_eq!(status, Some(2), "{}: {stderr}", dir.display());
        assert!(stderr.contains(says), "{}: {stderr}", dir.display());
    }
    assert!(
        tree(&site.root) == before,
        "a refused build changed the site"
    );
}

#[test]
fn refuses_a_symbolic_link_that_leads_into_the_sources() {
    let site = Site::fixture("basic");
    let outside = site.root.parent().unwrap().join("out");
    std::os::unix::fs::symlink(site.root.join("content"), &outside).unwrap();
    let (status, stderr) = build_into(&site, &outside);
    assert_eq!(status, Some(2), "{stderr}");
    assert!(stderr.contains("cannot be inside content/"), "{stderr}");
    assert!(site.root.join("content/cybercrime/lazarus.fr.md").is_file());
}

#[test]
fn refuses_a_file_and_a_folder_it_did_not_make() {
    let site = Site::fixture("basic");
    let file = site.root.parent().unwrap().join("notes.txt");
    std::fs::write(&file, "mine").unwrap();
    let (status, stderr) = build_into(&site, &file);
    assert_eq!(status, Some(2), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");

    let folder = site.root.parent().unwrap().join("photos");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("a.jpg"), "jpeg").unwrap();
    let (status, stderr) = build_into(&site, &folder);
    assert_eq!(status, Some(2), "{stderr}");
    assert!(stderr.contains("did not create"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(folder.join("a.jpg")).unwrap(),
        "jpeg"
    );

    // An empty folder is taken, and marked; then it may be replaced.
    let empty = site.root.parent().unwrap().join("site-out");
    std::fs::create_dir(&empty).unwrap();
    assert_eq!(build_into(&site, &empty).0, Some(0));
    assert!(empty.join(".dossier").is_file());
    assert_eq!(build_into(&site, &empty).0, Some(0));
}

/// A site big enough that a build takes a while, in two versions that differ on every page.
fn big_site() -> Site {
    let site = Site::fixture("basic");
    for n in 0..600 {
        let paragraph = "Le texte de l'article, assez long pour peser. ".repeat(20);
        site.write(
            &format!("content/sanctions/note-{n:04}.fr.md"),
            format!(
                "+++\ntitle = \"Note {n}\"\ndate = 2024-01-{:02}\ntopics = [\"sanctions\"]\n+++\n\n## Partie\n\n{paragraph}\n",
                n % 28 + 1
            ),
        );
    }
    site
}

fn set_version(site: &Site, version: &str) {
    let config = std::fs::read_to_string(site.root.join("config.toml")).unwrap();
    let mut lines: Vec<String> = config
        .lines()
        .filter(|l| !l.starts_with("# version "))
        .map(str::to_string)
        .collect();
    lines.insert(0, format!("# version {version}"));
    site.write("config.toml", lines.join("\n") + "\n");
    // The version shows on every page: the French site title.
    let text = std::fs::read_to_string(site.root.join("config.toml")).unwrap();
    let retitled = regex::Regex::new(r#"(?m)^title = "[^"]*"#)
        .unwrap()
        .replace(&text, format!("title = \"Dossier {version}").as_str())
        .into_owned();
    site.write("config.toml", retitled);
}

/// Kills builds with SIGKILL at moments spread over a whole build, alternating between two
/// versions of the site: the output is always exactly one of the two, never a mix, never
/// missing; leftovers of killed builds are cleared by the next one.
#[test]
fn a_build_killed_at_any_moment_leaves_the_previous_output_whole() {
    let site = big_site();
    let public = site.public();
    let mut versions: BTreeMap<&str, BTreeMap<String, Vec<u8>>> = BTreeMap::new();
    let mut duration = Duration::ZERO;
    for version in ["one", "two"] {
        set_version(&site, version);
        let started = Instant::now();
        crate::support::assert_clean(&site.build(&[]));
        duration = duration.max(started.elapsed());
        versions.insert(version, tree(&public));
    }
    assert!(versions["one"] != versions["two"]);

    let kills = 10u32;
    for k in 0..kills {
        let version = if k % 2 == 0 { "one" } else { "two" };
        set_version(&site, version);
        let mut child = Command::new(BIN)
            .arg("build")
            .arg("--root")
            .arg(&site.root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // From the very start to a little past a whole build.
        std::thread::sleep(duration * (k + 1) / (kills - 2));
        let _ = child.kill();
        let status = child.wait().unwrap();
        let now = tree(&public);
        assert!(
            versions.values().any(|v| *v == now),
            "after kill {k} ({status}), public/ is neither version: {} files",
            now.len()
        );
    }

    // The next build clears what killed builds left beside the output.
    crate::support::assert_clean(&site.build(&[]));
    assert_eq!(leftovers(&site), Vec::<String>::new());
}

/// `dossier build` writes pages into its staging folder while it renders them; a build that
/// fails once they are written (a link from the root to a file the site lacks is only known
/// then) leaves the previous output as it was and no staging folder beside it.
#[test]
fn a_build_that_fails_after_writing_pages_leaves_nothing_behind() {
    let site = Site::fixture("basic");
    let public = site.build_ok();
    let before = tree(&public);
    site.write(
        "content/diplomacy/lien-casse.fr.md",
        "+++\ntitle = \"Lien cassé\"\ndate = 2025-01-01\ntopics = [\"diplomacy\"]\n+++\n\nVoir [la carte](/images/nulle-part.png).\n",
    );
    let output = site.build(&[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("nulle-part.png"), "{stderr}");
    assert_eq!(tree(&public), before);
    assert_eq!(leftovers(&site), Vec::<String>::new());
}

/// Each file of the output by path, as the file system identifies it (device, inode).
#[cfg(unix)]
fn identities(public: &std::path::Path) -> BTreeMap<String, (u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    tree(public)
        .into_keys()
        .map(|path| {
            let meta = std::fs::metadata(public.join(&path)).unwrap();
            (path, (meta.dev(), meta.ino()))
        })
        .collect()
}

/// Each folder of a tree by path, as the file system identifies it.
#[cfg(unix)]
fn folder_identities(root: &std::path::Path) -> BTreeMap<String, u64> {
    use std::os::unix::fs::MetadataExt;
    let mut found = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let relative = dir
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        found.insert(relative, std::fs::metadata(&dir).unwrap().ino());
        for entry in std::fs::read_dir(&dir).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_dir() {
                stack.push(entry.path());
            }
        }
    }
    found
}

/// Rebuilds exchange the output with the spare beside it, brought up to date: after the first
/// rebuild (which makes the spare), no folder is made or removed, the output's folders are
/// those of two builds before, and the spare is the previous output. (`--force`: a build with
/// nothing changed would otherwise leave both as they are.)
#[cfg(unix)]
#[test]
fn rebuilds_exchange_two_trees_and_make_no_folder() {
    let site = Site::fixture("basic");
    let public = site.build_ok();
    let spare = site.root.join(".public.dossier-spare");
    assert!(!spare.exists(), "a first build makes one tree");
    let first = folder_identities(&public);
    site.build_ok_with(&["--force"]);
    assert_eq!(
        folder_identities(&spare),
        first,
        "the first output is the spare"
    );
    let second = folder_identities(&public);
    for round in 0..2 {
        // Nothing changed, then one article.
        if round == 1 {
            let file = "content/cybercrime/lazarus.fr.md";
            let text = crate::support::read(&site.root.join(file));
            site.write(file, format!("{text}\nUne phrase de plus.\n"));
        }
        site.build_ok_with(&["--force"]);
        assert_eq!(folder_identities(&public), first, "round {round}");
        assert_eq!(folder_identities(&spare), second, "round {round}");
        site.build_ok_with(&["--force"]);
        assert_eq!(folder_identities(&public), second, "round {round}");
        assert_eq!(folder_identities(&spare), first, "round {round}");
    }
    // A page that goes is gone from both trees in two builds; the output is a fresh build's.
    std::fs::remove_file(site.root.join("content/cybercrime/lazarus.fr.md")).unwrap();
    site.build_ok_with(&["--force"]);
    site.build_ok_with(&["--force"]);
    assert!(!public.join("fr/articles/lazarus/index.html").exists());
    assert!(!spare.join("fr/articles/lazarus/index.html").exists());
    assert!(!spare.join("fr/articles/lazarus").exists());
    let fresh = site.root.join("fresh");
    let (status, stderr) = build_into(&site, &fresh);
    assert_eq!(status, Some(0), "{stderr}");
    assert!(
        tree(&public) == tree(&fresh),
        "a rebuild differs from a fresh build"
    );
    assert!(
        tree(&spare) == tree(&fresh),
        "the spare differs from a fresh build"
    );
}

/// A rebuild writes only what changed: every other file is the previous output's own (linked
/// into the new one, so that it keeps its date), and the output is what a fresh build writes.
#[cfg(unix)]
#[test]
fn a_rebuild_writes_only_the_files_that_changed() {
    let site = Site::fixture("basic");
    let public = site.build_ok();
    let first = identities(&public);
    site.build_ok_with(&["--force"]);
    assert_eq!(identities(&public), first, "a rebuild with no change");

    let file = "content/cybercrime/lazarus.fr.md";
    let text = crate::support::read(&site.root.join(file));
    site.write(file, format!("{text}\nUne phrase de plus.\n"));
    site.build_ok();
    let after = identities(&public);
    let changed: Vec<&str> = after
        .iter()
        .filter(|(path, id)| first.get(*path) != Some(id))
        .map(|(path, _)| path.as_str())
        .collect();
    for path in [
        "fr/articles/lazarus/index.html",
        "fr/dossier-imprimable/index.html",
        "fr/recherche/docs-0.js",
        "fr/feed.xml",
    ] {
        assert!(
            changed.contains(&path),
            "{path} not written again: {changed:?}"
        );
    }
    for path in [
        "fr/articles/sommet/index.html",
        "en/articles/wannacry/index.html",
        "en/articles/un-report/index.html",
        "assets/style.css",
        "robots.txt",
        "sitemap.xml",
    ] {
        assert!(
            !changed.contains(&path),
            "{path} written again: {changed:?}"
        );
    }

    let fresh = site.root.join("fresh");
    let (status, stderr) = build_into(&site, &fresh);
    assert_eq!(status, Some(0), "{stderr}");
    assert!(
        tree(&public) == tree(&fresh),
        "a rebuild differs from a fresh build"
    );
}

/// A build with nothing changed since the one that wrote the output (the same sources, program
/// and options, and the output's files as that build left them) renders and writes nothing: it
/// says so, gives the same warnings, and leaves every file and folder as it was. Any change to
/// the sources, to the options or to the output builds again, and the output is then a fresh
/// build's.
#[cfg(unix)]
#[test]
fn a_build_with_nothing_changed_leaves_the_output_as_it_is() {
    let site = Site::fixture("basic");
    let first = site.build(&[]);
    assert!(first.status.success());
    let public = site.public();
    let (files, folders) = (identities(&public), folder_identities(&public));
    let again = site.build(&[]);
    assert!(again.status.success());
    let said = String::from_utf8_lossy(&again.stdout);
    assert!(
        said.starts_with("nothing changed since the last build: 24 pages"),
        "{said}"
    );
    assert_eq!(again.stderr, first.stderr, "the same warnings");
    assert!(String::from_utf8_lossy(&first.stderr).contains("wannacry.en.md: no translation"));
    assert_eq!(identities(&public), files);
    assert_eq!(folder_identities(&public), folders);
    assert!(
        !site.root.join(".public.dossier-spare").exists(),
        "no tree made"
    );

    // Each of these builds; the build after it has nothing to do.
    let builds = |what: &str, args: &[&str]| {
        let output = site.build(args);
        let said = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{what}: {output:?}");
        assert!(said.starts_with("built "), "{what}: {said}");
        let said = String::from_utf8_lossy(&site.build(args).stdout).into_owned();
        assert!(said.starts_with("nothing changed"), "{what}, again: {said}");
    };
    let lazarus = "content/cybercrime/lazarus.fr.md";
    let text = crate::support::read(&site.root.join(lazarus));
    site.write(lazarus, format!("{text}\nUne phrase de plus.\n"));
    builds("an article edited", &[]);
    site.write(lazarus, &text);
    builds("and back", &[]);
    site.write("static/extra.txt", "un\n");
    builds("a static file added", &[]);
    std::thread::sleep(Duration::from_millis(20));
    site.write("static/extra.txt", "deux\n");
    builds("a static file changed", &[]);
    let config = crate::support::read(&site.root.join("config.toml"));
    site.write("config.toml", format!("{config}\n# a comment\n"));
    builds("the config edited", &[]);
    builds(
        "another base URL",
        &["--base-url", "https://ailleurs.example/"],
    );
    builds("the config's base URL", &[]);
    std::fs::remove_file(public.join("robots.txt")).unwrap();
    builds("a file of the output removed", &[]);
    std::fs::write(public.join("fr/index.html"), "<p>à la main</p>").unwrap();
    builds("a page of the output edited by hand", &[]);
    std::fs::write(public.join("en/notes.txt"), "mine").unwrap();
    builds("a file added to the output", &[]);
    assert!(!public.join("en/notes.txt").exists());
    let forced = site.build(&["--force"]);
    assert!(String::from_utf8_lossy(&forced.stdout).starts_with("built "));

    // A file that cannot be read fails the build, whatever the stamp says; without it, the
    // output is the one its sources make.
    site.write("content/cybercrime/latin1.fr.md", b"caf\xe9\n".as_slice());
    assert_eq!(site.build(&[]).status.code(), Some(1));
    std::fs::remove_file(site.root.join("content/cybercrime/latin1.fr.md")).unwrap();
    let said = String::from_utf8_lossy(&site.build(&[]).stdout).into_owned();
    assert!(said.starts_with("nothing changed"), "{said}");
    let fresh = site.root.join("fresh");
    let (status, stderr) = build_into(&site, &fresh);
    assert_eq!(status, Some(0), "{stderr}");
    assert!(
        tree(&public) == tree(&fresh),
        "the output differs from a fresh build"
    );
}

#[test]
fn the_briefings_views_search_and_e_books_can_each_be_left_out() {
    use crate::support::{broken_links, read};
    let site = Site::fixture("basic");
    let config = read(&site.root.join("config.toml"));
    let article = "fr/articles/un-report/index.html";
    let with = |outputs: &str| {
        site.write("config.toml", format!("{config}\n[outputs]\n{outputs}\n"));
        let public = site.build_ok();
        let files = tree(&public);
        assert_eq!(broken_links(&public), Vec::<String>::new(), "{outputs}");
        (public, files)
    };

    let (public, files) = with("side_by_side = false");
    assert!(
        !files
            .keys()
            .any(|p| p.contains("/cote-a-cote/") || p.contains("/side-by-side/"))
    );
    assert!(!read(&public.join(article)).contains("parallel-link"));
    assert!(files.contains_key("fr/dossier-imprimable/index.html"));
    assert!(files.contains_key("fr/recherche/index.html"));

    let (public, files) = with("briefing = false");
    assert!(
        !files
            .keys()
            .any(|p| p.contains("dossier-imprimable") || p.contains("/briefing/"))
    );
    let home = read(&public.join("fr/index.html"));
    assert!(
        !home.contains("briefing-link") && !home.contains("dossier-imprimable"),
        "{home}"
    );
    assert!(read(&public.join(article)).contains("parallel-link"));

    let (public, files) = with("search = false");
    assert!(
        !files
            .keys()
            .any(|p| p.contains("recherche") || p.contains("/search/") || p.contains("search.js"))
    );
    for page in ["fr/index.html", article, "en/index.html"] {
        let html = read(&public.join(page));
        assert!(
            !html.contains("masthead-search") && !html.contains("recherche"),
            "{page}"
        );
    }
    let sitemap = read(&public.join("sitemap.xml"));
    assert!(!sitemap.contains("recherche") && !sitemap.contains("/search/"));

    let (public, files) = with("epub = false");
    assert!(!files.keys().any(|p| p.ends_with(".epub")));
    for page in ["fr/index.html", "fr/dossier-imprimable/index.html", article] {
        let html = read(&public.join(page));
        assert!(!html.contains(".epub") && !html.contains("EPUB"), "{page}");
    }

    // All four on, as by default: the same site as without the table.
    let (_, files) = with("briefing = true\nside_by_side = true\nsearch = true\nepub = true");
    site.write("config.toml", &config);
    assert!(files == tree(&site.build_ok()));
}
