//! `dossier import`: the five seed articles into an empty dossier (languages, the pair, no
//! debris, topics as the editors chose them), pairing with an existing article, the config's
//! patterns, `--dry-run`, and never a file overwritten.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use dossier::commands::import::suggest::HIGH;
use dossier::commands::import::{Counterpart, ImportOptions, import};

use crate::support::{BIN, Site, dossier, read, repo, text};

fn seeds() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(repo().join("tests/fixtures/seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

fn seed(prefix: &str) -> PathBuf {
    seeds()
        .into_iter()
        .find(|p| p.file_name().unwrap().to_str().unwrap().starts_with(prefix))
        .unwrap()
}

/// An empty dossier: the first dossier's config, no content.
fn empty_dossier() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("dossier");
    fs::create_dir_all(&root).unwrap();
    fs::copy(repo().join("config.toml"), root.join("config.toml")).unwrap();
    (dir, root)
}

/// Runs `dossier check --drafts`, insists on no error, returns the warnings.
fn check_drafts(root: &Path) -> String {
    let output = dossier(&["check", "--root", root.to_str().unwrap(), "--drafts"]);
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(stdout.contains("check: 0 errors"), "{stdout}");
    stderr
}

/// The text a reader sees: the front matter's fields (not its comments) and the body.
fn shown(file: &str) -> String {
    file.lines()
        .filter(|line| {
            !line.starts_with('#') || line.starts_with("## ") || line.starts_with("### ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The lines of the seeds that are the pages' debris, not the article: every line the editors
/// left out of `content/` (the disclaimers they kept, the source they moved to `source`).
const DEBRIS: &[&str] = &[
    "Voir aussi : Jensen Huang veut savoir si CC Wei",
    "Lire la suite :",
    "Photo avec l’aimable autorisation de : Shutterstock",
    "Read Next:",
    "Photo courtesy: Shutterstock",
    "Actualités Internationales",
    "Source : state.gov",
    "Background and Context illustration",
    "Summary illustration",
    "タイトルとURLをコピーしました",
    "INTERNATIONAL",
    "Articles similaires",
    "Laisser un commentaire",
    "Votre adresse e-mail ne sera pas publiée",
    "Les champs obligatoires sont indiqués avec",
    "Bouton retour en haut de la page",
];

/// Each seed and the article the editors made of it.
const CURATED: &[(&str, &str)] = &[
    ("000", "content/diplomacy/trump-veut-rencontrer-kim.fr.md"),
    (
        "001",
        "content/cybercrime/seoul-washington-tokyo-cybermenaces.fr.md",
    ),
    ("002", "content/diplomacy/trump-wants-to-meet-kim.en.md"),
    (
        "003",
        "content/cybercrime/groupe-de-travail-trilateral-tokyo.fr.md",
    ),
    ("004", "content/sanctions/rapport-onu-2-milliards.fr.md"),
];

/// The topics of a curated article, its translation's when it inherits them.
fn curated_topics(file: &str) -> Vec<String> {
    let text = read(&repo().join(file));
    let text = match text.lines().find(|l| l.starts_with("topics = ")) {
        Some(_) => text,
        None => read(&repo().join("content/diplomacy/trump-veut-rencontrer-kim.fr.md")),
    };
    let line = text.lines().find(|l| l.starts_with("topics = ")).unwrap();
    line.trim_start_matches("topics = [")
        .trim_end_matches(']')
        .split(", ")
        .map(|t| t.trim_matches('"').to_string())
        .collect()
}

#[test]
fn the_five_seeds_become_five_drafts_as_the_editors_made_them() {
    let (_dir, root) = empty_dossier();
    let planned = import(&ImportOptions {
        root: root.clone(),
        files: seeds(),
        dry_run: false,
        lang: None,
        date: Some("2025-09-01".into()),
    })
    .unwrap();

    // Five files, each in the right language.
    assert_eq!(planned.len(), 5);
    let langs: Vec<&str> = planned.iter().map(|p| p.lang.as_str()).collect();
    assert_eq!(langs, ["fr", "fr", "en", "fr", "fr"]);
    for file in &planned {
        assert!(
            file.path.ends_with(&format!(".{}.md", file.lang)),
            "{}",
            file.path
        );
        assert_eq!(read(&root.join(&file.path)), file.text);
    }

    // 000 is proposed as the translation of 002 with a high confidence, and paired with it;
    // no other pair comes near.
    let by_seed = |prefix: &str| {
        planned
            .iter()
            .position(|p| p.from.contains(&format!("/{prefix}_")))
            .unwrap()
    };
    let (fr, en) = (by_seed("000"), by_seed("002"));
    let best = &planned[fr].proposals[0];
    assert_eq!(best.of, Counterpart::Imported(en));
    assert!(best.likeness.confidence >= HIGH, "{:?}", best.likeness);
    assert_eq!(planned[fr].paired, Some(Counterpart::Imported(en)));
    assert_eq!(planned[en].paired, Some(Counterpart::Imported(fr)));
    for (i, file) in planned.iter().enumerate() {
        for proposal in &file.proposals {
            let pair = [
                i,
                match proposal.of {
                    Counterpart::Imported(j) => j,
                    Counterpart::Existing(_) => unreachable!("the dossier is empty"),
                },
            ];
            if pair != [fr, en] && pair != [en, fr] {
                assert!(
                    proposal.likeness.confidence < HIGH,
                    "{} and {:?}: {:?}",
                    file.from,
                    proposal.of,
                    proposal.likeness
                );
            }
        }
    }
    let key = format!(
        "translation_key = \"{}\"",
        planned[fr]
            .path
            .rsplit('/')
            .next()
            .unwrap()
            .trim_end_matches(".fr.md")
    );
    assert!(planned[fr].text.contains(&key), "{}", planned[fr].text);
    assert!(planned[en].text.contains(&key), "{}", planned[en].text);

    // No debris line left in what a reader sees, and every removal explained in a comment.
    for file in &planned {
        let shown = shown(&file.text);
        for debris in DEBRIS {
            assert!(!shown.contains(debris), "{debris:?} left in {}", file.path);
        }
    }
    let all: String = planned.iter().map(|p| p.text.as_str()).collect();
    for debris in DEBRIS {
        assert!(all.contains(debris), "{debris:?} removed without a word");
    }
    // The article itself is whole: the last paragraph of each seed's text is there.
    assert!(
        planned[by_seed("004")]
            .text
            .contains("programmes illégaux d’ADM")
    );
    assert!(
        planned[by_seed("003")]
            .text
            .contains("\n### Résumé\n\nLa quatrième réunion trilatérale")
    );
    assert!(
        planned[by_seed("002")]
            .text
            .contains("\n---\n\n*Disclaimer: This content was partially produced")
    );

    // Topics: the folder (the first topic suggested) is the editors' for at least four of
    // five, and always one of the editors' topics.
    let mut agree = 0;
    for (prefix, curated) in CURATED {
        let file = &planned[by_seed(prefix)];
        let folder = file.path.split('/').nth(1).unwrap();
        let curated_folder = curated.split('/').nth(1).unwrap();
        assert!(
            curated_topics(curated).iter().any(|t| t == folder),
            "{prefix}: {folder} is none of {:?}",
            curated_topics(curated)
        );
        if folder == curated_folder {
            agree += 1;
        }
    }
    assert!(agree >= 4, "{agree} of 5 agree");

    // The drafts build and check with no error, the pair linked.
    let stderr = check_drafts(&root);
    assert!(
        !stderr.contains(planned[fr].path.as_str()),
        "the pair is not linked: {stderr}"
    );
}

#[test]
fn an_imported_file_as_the_editors_will_read_it() {
    let (_dir, root) = empty_dossier();
    let output = dossier(&[
        "import",
        "--root",
        root.to_str().unwrap(),
        "--date",
        "2019-08-05",
        seed("004").to_str().unwrap(),
    ]);
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    let path =
        "content/sanctions/la-coree-du-nord-a-vole-2-milliards-de-dollars-d-armes-pour.fr.md";
    assert!(
        stdout.starts_with(&format!("created {path} from ")),
        "{stdout}"
    );
    insta::assert_snapshot!("import_004", read(&root.join(path)));
}

#[test]
fn a_translation_of_an_existing_article_joins_it() {
    let site = Site::repository();
    fs::remove_file(
        site.root
            .join("content/diplomacy/trump-wants-to-meet-kim.en.md"),
    )
    .unwrap();
    let planned = import(&ImportOptions {
        root: site.root.clone(),
        files: vec![seed("002")],
        dry_run: false,
        lang: None,
        date: None,
    })
    .unwrap();
    let file = &planned[0];
    assert_eq!(
        file.paired,
        Some(Counterpart::Existing(
            "content/diplomacy/trump-veut-rencontrer-kim.fr.md".into()
        ))
    );
    // It shares the French version's translation_key and inherits its date and topics.
    assert!(file.path.starts_with("content/diplomacy/"), "{}", file.path);
    assert!(file.text.contains("translation_key = \"trump-kim-2025\"\n"));
    assert!(!file.text.contains("\ndate = ") && !file.text.contains("\ntopics = "));
    let stderr = check_drafts(&site.root);
    assert!(
        !stderr.contains("trump-veut-rencontrer-kim.fr.md: no translation"),
        "{stderr}"
    );

    // With the English version there, it is proposed, not paired.
    let site = Site::repository();
    let planned = import(&ImportOptions {
        root: site.root.clone(),
        files: vec![seed("002")],
        dry_run: true,
        lang: None,
        date: None,
    })
    .unwrap();
    assert_eq!(planned[0].paired, None);
    assert!(
        planned[0].text.contains("(not paired: it already has a version in en, content/diplomacy/trump-wants-to-meet-kim.en.md)"),
        "{}",
        planned[0].text
    );
}

#[test]
fn a_file_without_a_name_pairs_by_its_name() {
    // The French version declares no translation_key: the translation takes its file name,
    // with a slug of its own.
    let site = Site::repository();
    fs::remove_file(
        site.root
            .join("content/diplomacy/trump-wants-to-meet-kim.en.md"),
    )
    .unwrap();
    let french = site
        .root
        .join("content/diplomacy/trump-veut-rencontrer-kim.fr.md");
    let text_fr = read(&french).replace("translation_key = \"trump-kim-2025\"\n", "");
    fs::write(&french, text_fr).unwrap();
    let planned = import(&ImportOptions {
        root: site.root.clone(),
        files: vec![seed("002")],
        dry_run: false,
        lang: None,
        date: None,
    })
    .unwrap();
    assert_eq!(
        planned[0].path,
        "content/diplomacy/trump-veut-rencontrer-kim.en.md"
    );
    assert!(
        planned[0]
            .text
            .contains("slug = \"president-donald-trump-expressed-interest-in-meeting-north\"\n")
    );
    let stderr = check_drafts(&site.root);
    assert!(
        !stderr.contains("trump-veut-rencontrer-kim.fr.md: no translation"),
        "{stderr}"
    );
}

#[test]
fn dry_run_prints_and_writes_nothing() {
    let (_dir, root) = empty_dossier();
    let output = dossier(&[
        "import",
        "--dry-run",
        "--root",
        root.to_str().unwrap(),
        seed("000").to_str().unwrap(),
        seed("002").to_str().unwrap(),
    ]);
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(stdout.matches("\n+++\n\n").count(), 2, "{stdout}");
    assert!(stdout.starts_with("=== content/diplomacy/"), "{stdout}");
    assert!(stdout.contains("not written: --dry-run"));
    assert!(!root.join("content").exists());
}

#[test]
fn nothing_is_ever_overwritten() {
    let (_dir, root) = empty_dossier();
    let root_arg = root.to_str().unwrap();
    let file = seed("004");
    let output = dossier(&["import", "--root", root_arg, file.to_str().unwrap()]);
    assert!(output.status.success(), "{}", text(&output).1);
    let path = root.join(
        "content/sanctions/la-coree-du-nord-a-vole-2-milliards-de-dollars-d-armes-pour.fr.md",
    );
    fs::write(&path, "edited by hand").unwrap();

    // The same article again, with another: neither is written.
    let output = dossier(&[
        "import",
        "--root",
        root_arg,
        seed("001").to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(read(&path), "edited by hand");
    assert!(!root.join("content/cybercrime").exists());

    // A file in the way of a new one is not replaced either.
    let (_dir2, root) = empty_dossier();
    let target = root.join(
        "content/sanctions/la-coree-du-nord-a-vole-2-milliards-de-dollars-d-armes-pour.fr.md",
    );
    fs::create_dir_all(target.parent().unwrap()).unwrap();
    fs::write(&target, "not an article").unwrap();
    let output = dossier(&[
        "import",
        "--root",
        root.to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr.contains("already exists and is never overwritten"),
        "{stderr}"
    );
    assert_eq!(read(&target), "not an article");
}

/// Runs `dossier import` on files written into a temporary folder; returns stderr with the
/// folder's path replaced by `IN`.
fn import_errors(root: &Path, files: &[(&str, &[u8])], args: &[&str]) -> (Option<i32>, String) {
    let inputs = tempfile::tempdir().unwrap();
    let mut command = Command::new(BIN);
    command
        .args(["import", "--root", root.to_str().unwrap()])
        .args(args);
    for (name, bytes) in files {
        fs::write(inputs.path().join(name), bytes).unwrap();
        command.arg(inputs.path().join(name));
    }
    let output = command.output().unwrap();
    let stderr =
        String::from_utf8_lossy(&output.stderr).replace(inputs.path().to_str().unwrap(), "IN");
    (output.status.code(), stderr)
}

#[test]
fn inputs_that_cannot_be_imported() {
    let (_dir, root) = empty_dossier();
    let german = "Die Vereinten Nationen haben am Mittwoch neue Sanktionen gegen Nordkorea beschlossen. Der Sicherheitsrat stimmte einstimmig für die Resolution, die den Export von Kohle und Eisen verbietet. Die Regierung in Pjöngjang verurteilte den Beschluss als feindseligen Akt und kündigte Gegenmaßnahmen an.";
    let (code, stderr) = import_errors(
        &root,
        &[
            ("latin1.txt", b"Un article \xe9crit en Latin-1.\n"),
            ("empty.txt", b"\n \n"),
            (
                "debris.txt",
                "Lire la suite :\nArticles similaires\nLaisser un commentaire\n".as_bytes(),
            ),
            ("german.txt", german.as_bytes()),
            ("good.txt", std::fs::read(seed("001")).unwrap().as_slice()),
        ],
        &[],
    );
    assert_eq!(code, Some(1));
    insta::assert_snapshot!("import_errors", stderr);
    assert!(!root.join("content").exists());

    // --lang takes a language of the dossier; --date a date.
    let (code, stderr) = import_errors(&root, &[("a.txt", german.as_bytes())], &["--lang", "de"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("--lang de: not a language of the dossier (languages: fr, en)"),
        "{stderr}"
    );
    let (code, stderr) = import_errors(
        &root,
        &[("a.txt", german.as_bytes())],
        &["--date", "2025-02-30"],
    );
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("--date 2025-02-30: impossible date"),
        "{stderr}"
    );
    // Given the language, the German text is imported as the dossier's French.
    let (code, stderr) = import_errors(&root, &[("a.txt", german.as_bytes())], &["--lang", "fr"]);
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn the_configs_patterns_remove_more() {
    let (_dir, root) = empty_dossier();
    let config = read(&root.join("config.toml"));
    fs::write(
        root.join("config.toml"),
        format!("{config}\n[import]\ndebris = [\"Publicité Taboola.*\", \"Abonnez-vous à (notre|la) lettre\"]\n"),
    )
    .unwrap();
    let article = "La Corée du Nord a tiré un missile balistique\n\nLe missile est tombé en mer du Japon, selon l’état-major sud-coréen, qui a dénoncé une provocation.\n\nPublicité Taboola : les offres du moment\n\nAbonnez-vous à notre lettre\n\nLe Japon a protesté par la voie diplomatique.\n";
    let planned = {
        let inputs = tempfile::tempdir().unwrap();
        let file = inputs.path().join("missile.txt");
        fs::write(&file, article).unwrap();
        import(&ImportOptions {
            root: root.clone(),
            files: vec![file],
            dry_run: true,
            lang: None,
            date: None,
        })
        .unwrap()
    };
    let text = &planned[0].text;
    assert!(
        !shown(text).contains("Taboola") && !shown(text).contains("Abonnez-vous"),
        "{text}"
    );
    assert!(
        text.contains(
            "#   5: [import] debris of config.toml: Publicité Taboola : les offres du moment\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("title = \"La Corée du Nord a tiré un missile balistique\"\n"),
        "{text}"
    );

    // A pattern that is not a regular expression is a config error, at its line.
    fs::write(
        root.join("config.toml"),
        format!("{config}\n[import]\ndebris = [\"(unclosed\"]\n"),
    )
    .unwrap();
    let (code, stderr) = import_errors(&root, &[("a.txt", article.as_bytes())], &[]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("[import] debris: \"(unclosed\" is not a regular expression"),
        "{stderr}"
    );
}
