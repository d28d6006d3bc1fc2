//! Old addresses (`aliases`, SPEC §8): a small page at each sends the reader on, relatively
//! (under a project path and from disk), names the canonical address, is not indexed and is
//! not in the sitemap; an old address that a page of the site uses is an error naming both.

use crate::support::{Site, broken_links, read};

fn site_with_aliases() -> Site {
    let site = Site::fixture("basic");
    site.write(
        "content/sanctions/un-report.fr.md",
        "---\ntitle: Le rapport de l'ONU\ndate: 2019-08-05\ntopics: [sanctions]\naliases:\n  - /fr/posts/rapport-onu/\n  - /2019/08/rapport.html\n---\n\nLe rapport.\n\n## Conclusions\n\nFin.\n",
    );
    site
}

#[test]
fn old_addresses_lead_to_the_page() {
    let site = site_with_aliases();
    let public = site.build_ok();
    let redirect = read(&public.join("fr/posts/rapport-onu/index.html"));
    insta::assert_snapshot!("redirect_page", redirect);
    let other = read(&public.join("2019/08/rapport.html"));
    assert!(
        other.contains("content=\"0; url=../../fr/articles/un-report/index.html\""),
        "{other}"
    );
    let sitemap = read(&public.join("sitemap.xml"));
    assert!(!sitemap.contains("posts"), "{sitemap}");
    assert_eq!(broken_links(&public), Vec::<String>::new());

    // Under a project path, the same relative links.
    let public = site.build_ok_with(&["--base-url", "https://user.github.io/repo/"]);
    let redirect = read(&public.join("fr/posts/rapport-onu/index.html"));
    assert!(redirect.contains("href=\"https://user.github.io/repo/fr/articles/un-report/\""));
    assert!(
        redirect.contains("url=../../articles/un-report/index.html"),
        "{redirect}"
    );
}

#[test]
fn an_old_address_in_use_is_an_error() {
    let site = site_with_aliases();
    site.write(
        "content/diplomacy/sommet.fr.md",
        "+++\ntitle = \"Le sommet de Hanoï\"\ndate = 2019-02-28\ntopics = [\"diplomacy\"]\ntranslation_key = \"hanoi-summit\"\naliases = [\"/fr/articles/lazarus/\", \"/fr/\", \"/2019/08/rapport.html\"]\n+++\n\nTexte.\n",
    );
    let output = site.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(String::from_utf8_lossy(&output.stderr));
}
