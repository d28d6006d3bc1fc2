//! Front matter as real sites write it (SPEC §8): TOML, YAML and JSON read by the same rules,
//! Hugo-style page bundles named after their folder, and slugs in lower case.

use crate::support::{Site, broken_links, main_of, read};

/// A YAML article, a JSON article and a TOML translation of it, a bundle with its image:
/// all build, pair and link as TOML articles do.
#[test]
fn yaml_json_and_bundles_build_like_toml() {
    let site = Site::fixture("basic");
    // YAML as Hugo writes it: unquoted title with accents, date with time and offset,
    // a block list, a folded summary.
    site.write(
        "content/cybercrime/wannacry.en.md",
        "---\ntitle: WannaCry, five years on\ndate: 2022-05-12T08:30:00+02:00\ntopics:\n  - cybercrime\nsummary: >-\n  A ransomware\n  that spread.\n---\n\nThe WannaCry ransomware spread worldwide.\n",
    );
    // JSON, with the translation key of its TOML English version.
    site.write(
        "content/diplomacy/sommet.fr.md",
        "{\n  \"title\": \"Le sommet de Hanoï\",\n  \"date\": \"2019-02-28\",\n  \"topics\": [\"diplomacy\"],\n  \"translation_key\": \"hanoi-summit\"\n}\n\nLe sommet s'est achevé sans accord.\n",
    );
    // A page bundle: the article and its image in one folder; the French in YAML, the
    // English in TOML. The folder's name is the slug, in lower case.
    site.write(
        "content/diplomacy/Singapour-2018/index.fr.md",
        "---\ntitle: Le sommet de Singapour\ndate: 2018-06-12\ntopics: [diplomacy]\n---\n\n![La poignée de main](poignee.png)\n",
    );
    site.write(
        "content/diplomacy/Singapour-2018/index.en.md",
        "+++\ntitle = \"The Singapore summit\"\n+++\n\n![The handshake](poignee.png)\n",
    );
    site.write(
        "content/diplomacy/Singapour-2018/poignee.png",
        b"\x89PNG\r\n\x1a\n",
    );
    let public = site.build_ok();

    let wannacry = read(&public.join("en/articles/wannacry/index.html"));
    assert!(wannacry.contains("A ransomware that spread."), "{wannacry}");
    assert!(wannacry.contains("May 12, 2022"));
    let sommet = read(&public.join("fr/articles/sommet/index.html"));
    assert!(
        sommet.contains("hreflang=\"en\""),
        "the JSON article lost its translation"
    );
    for (lang, alt) in [("fr", "La poignée de main"), ("en", "The handshake")] {
        let page = read(&public.join(lang).join("articles/singapour-2018/index.html"));
        assert!(main_of(&page).contains(alt), "{page}");
    }
    let english = read(&public.join("en/articles/singapour-2018/index.html"));
    assert!(
        english.contains("June 12, 2018"),
        "the English bundle did not inherit its date"
    );
    assert!(
        public
            .join("files/diplomacy/Singapour-2018/poignee.png")
            .is_file()
    );
    assert_eq!(broken_links(&public), Vec::<String>::new());
}

/// Every problem of a YAML front matter at once, each on its line, in the words of TOML's.
#[test]
fn yaml_errors_come_together_with_their_lines() {
    let site = Site::fixture("basic");
    site.write(
        "content/cybercrime/lazarus.fr.md",
        "---\ntitle: Lazarus\ndate: 5 août 2019\ntopics: [cybercrime, weather]\nsumary: x\ndraft: maybe\n---\n\nTexte.\n",
    );
    site.write(
        "content/sanctions/un-report.fr.md",
        "{\n  \"title\": \"Rapport\",\n  \"date\": 2019-08-05\n}\n",
    );
    let output = site.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(String::from_utf8_lossy(&output.stderr));
}
