//! Bodies as real sites write them (SPEC §8): shortcodes of other generators, raw HTML and
//! comments, summaries, footnotes, the Markdown Hugo readers expect.

use crate::support::{Site, read, text};

const ARTICLE: &str = "content/cybercrime/lazarus.fr.md";

/// Lazarus with `body` (its front matter kept).
fn with_body(site: &Site, body: &str) {
    site.write(
        ARTICLE,
        format!("+++\ntitle = \"Le groupe Lazarus\"\ndate = 2025-02-21\ntopics = [\"cybercrime\"]\n+++\n{body}"),
    );
}

/// The shortcodes of Hugo and Zola sites, outside and inside code.
const SHORTCODES: &str = "\nUne figure :\n\n{{< figure src=\"carte.jpg\" title=\"Carte\" >}}\n\nVoir {{< relref \"/about\" >}} et {{<ref \"x.md\">}}.\n\n{{% notice tip %}}\nAttention.\n{{% /notice %}}\n\n{{< figure\n  src=\"a.jpg\"\n  alt=\"b\" >}}\n\n{{ youtube(id=\"abc\") }}\n\n{% quote(author=\"A\") %}\nCitation.\n{% end %}\n\nEn code, rien : `{{< figure >}}`\n\n```\n{{< highlight go >}}\n```\n\n<!-- {{< commented >}} -->\n";

/// Each call is an error of `build` and `check`, at its line with its name; code is left alone.
#[test]
fn shortcodes_are_errors_at_their_line() {
    let site = Site::fixture("basic");
    with_body(&site, SHORTCODES);
    let build = site.build(&[]);
    assert_eq!(build.status.code(), Some(1));
    let (_, build_errors) = text(&build);
    let check = crate::support::dossier(&["check", "--root", site.root.to_str().unwrap()]);
    let (_, check_errors) = text(&check);
    assert_eq!(check.status.code(), Some(1));
    let errors = |printed: &str| -> Vec<String> {
        printed
            .lines()
            .filter(|l| l.starts_with("error:"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(errors(&build_errors), errors(&check_errors));
    insta::assert_snapshot!(errors(&build_errors).join("\n"));
}

/// In a preview with drafts, the same calls are warnings and the site is built.
#[test]
fn shortcodes_are_warnings_with_drafts() {
    let site = Site::fixture("basic");
    with_body(&site, SHORTCODES);
    let build = site.build(&["--drafts"]);
    let (_, stderr) = text(&build);
    assert!(build.status.success(), "{stderr}");
    let warnings = stderr.lines().filter(|l| l.contains("shortcode")).count();
    assert_eq!(warnings, 7, "{stderr}");
}

/// The summary: a first paragraph cut between words and never shown twice on its page; the
/// text before `<!-- more -->` as written; none for an article without text, with a warning.
#[test]
fn summaries_are_cut_marked_or_absent() {
    let site = Site::fixture("basic");
    let long = "Le groupe Lazarus a volé des centaines de millions de dollars en cryptomonnaies \
                auprès de plateformes d’échange asiatiques et européennes entre 2017 et 2025, selon \
                les enquêteurs des Nations unies qui suivent ces vols.";
    with_body(&site, &format!("\n{long}\n"));
    site.write(
        "content/diplomacy/sommet.fr.md",
        "+++\ntitle = \"Le sommet de Hanoï\"\ndate = 2019-02-28\ntopics = [\"diplomacy\"]\ntranslation_key = \"hanoi-summit\"\n+++\n\nPremier paragraphe,\n\net second, du résumé.\n\n<!--more-->\n\nLa suite.\n",
    );
    site.write(
        "content/diplomacy/summit-hanoi.en.md",
        "+++\ntitle = \"The Hanoi summit\"\ntranslation_key = \"hanoi-summit\"\n+++\n\n<!-- to translate -->\n",
    );
    let output = site.build(&[]);
    crate::support::assert_clean_but(
        &output,
        &["warning: content/diplomacy/summit-hanoi.en.md:5: the article has no text"],
    );
    let public = site.public();
    let page = read(&public.join("fr/articles/lazarus/index.html"));
    assert_eq!(
        page.matches("Le groupe Lazarus a volé").count(),
        4,
        "in the body, the description, its Open Graph copy and the structured data only: {page}"
    );
    assert!(!page.contains("class=\"lede\""), "{page}");
    let cut = "Le groupe Lazarus a volé des centaines de millions de dollars en cryptomonnaies auprès de plateformes d’échange asiatiques et européennes entre 2017 et 2025…";
    assert!(cut.chars().count() <= 161);
    let cybercrime = read(&public.join("fr/themes/cybercrime/index.html"));
    assert!(
        cybercrime.contains(&format!("<p class=\"summary\">{cut}</p>")),
        "{cybercrime}"
    );
    assert!(
        page.contains(&format!("<meta name=\"description\" content=\"{cut}\">")),
        "{page}"
    );

    let topic = read(&public.join("fr/themes/diplomacy/index.html"));
    assert!(
        topic.contains("<p class=\"summary\">Premier paragraphe, et second, du résumé.</p>"),
        "{topic}"
    );
    let sommet = read(&public.join("fr/articles/sommet/index.html"));
    assert!(!sommet.contains("more"), "{sommet}");
    assert!(!sommet.contains("class=\"lede\""));
    assert!(
        !sommet.contains("parallel-link"),
        "no side by side with an empty version"
    );

    let empty = read(&public.join("en/articles/summit-hanoi/index.html"));
    assert!(!empty.contains("to translate"));
    assert!(
        empty.contains("<meta name=\"description\" content=\"A briefing dossier on North Korea"),
        "{empty}"
    );
    let english = read(&public.join("en/topics/diplomacy/index.html"));
    let entry = &english[english.find("The Hanoi summit").unwrap()..];
    let entry = &entry[..entry.find("</article>").unwrap()];
    assert!(!entry.contains("class=\"summary\""), "{entry}");
}

/// What readers of Hugo sites expect of Markdown: definition lists, bare addresses as links
/// (never in code or in a link), a leading `# Title` left out and other `# ` headings one
/// level down, heading ids in the text's letters.
#[test]
fn markdown_as_hugo_sites_write_it() {
    let site = Site::fixture("basic");
    with_body(
        &site,
        "\n# Le groupe  Lazarus\n\nVoir https://www.un.org/fr/ ou écrire à presse@example.org.\n\n\
         En code : `https://example.org/code` et [un lien https://example.org/dans](https://example.org/).\n\n\
         # Contexte et arrière-plan\n\n## Détails\n\nLazarus\n: Un groupe lié à Pyongyang.\n\n\
         Voir [le contexte](#contexte-et-arrière-plan).\n",
    );
    let output = site.build(&[]);
    crate::support::assert_clean_but(
        &output,
        &[
            "warning: content/cybercrime/lazarus.fr.md:7: the body starts with the title as a `# ` heading",
        ],
    );
    let page = read(&site.public().join("fr/articles/lazarus/index.html"));
    let main = crate::support::main_of(&page);
    assert_eq!(
        main.matches("<h1").count(),
        1,
        "only the page's title: {main}"
    );
    assert!(
        main.contains("<h2 id=\"contexte-et-arrière-plan\">Contexte et arrière-plan</h2>"),
        "{main}"
    );
    assert!(main.contains("<h3 id=\"détails\">Détails</h3>"), "{main}");
    assert!(
        main.contains("<dl>\n<dt>Lazarus</dt>\n<dd>Un groupe lié à Pyongyang.</dd>\n</dl>"),
        "{main}"
    );
    assert!(
        main.contains("<a href=\"https://www.un.org/fr/\">https://www.un.org/fr/</a>"),
        "{main}"
    );
    assert!(
        main.contains("<a href=\"mailto:presse@example.org\">presse@example.org</a>"),
        "{main}"
    );
    assert!(
        main.contains("<code>https://example.org/code</code>"),
        "{main}"
    );
    assert!(
        main.contains(">un lien https://example.org/dans</a>"),
        "{main}"
    );
    assert!(
        main.contains("href=\"#contexte-et-arrière-plan\""),
        "{main}"
    );
    assert_eq!(
        crate::support::broken_links(&site.public()),
        Vec::<String>::new()
    );
}

/// Footnotes in every view: a definition no text refers to has no link back (and a warning), a
/// reference without definition is a warning; on the article pages (each holding the other
/// version side by side) and the briefing, every link leads to an id of that page.
#[test]
fn footnotes_hold_in_every_view() {
    let site = Site::fixture("basic");
    site.write(
        "content/sanctions/un-report.fr.md",
        "+++\ntitle = \"Le rapport de l'ONU\"\ndate = 2019-08-05\ntopics = [\"sanctions\"]\n+++\n\nLe rapport[^1] cite des banques[^Banques].\n\n## Conclusions\n\nUne note oubliée[^2].\n\n[^1]: Rapport S/2019/691.\n\n[^banques]: Au Chili et en Inde.\n\n[^orpheline]: Jamais citée.\n",
    );
    site.write(
        "content/sanctions/un-report.en.md",
        "+++\ntitle = \"The UN report\"\n+++\n\nThe report[^1] names banks.\n\n## Conclusions\n\n[^1]: Report S/2019/691.\n",
    );
    let output = site.build(&[]);
    crate::support::assert_clean_but(
        &output,
        &[
            "warning: content/sanctions/un-report.fr.md:11: footnote `[^2]` has no definition",
            "warning: content/sanctions/un-report.fr.md:17: footnote `[^orpheline]` is defined but no text refers to it",
        ],
    );
    let public = site.public();
    assert_eq!(crate::support::broken_links(&public), Vec::<String>::new());
    let article = crate::support::main_of(&read(&public.join("fr/articles/un-report/index.html")));
    insta::assert_snapshot!("footnotes_article", article);
    // The English page shows the French notes beside its own, their ids prefixed.
    let side_by_side =
        crate::support::main_of(&read(&public.join("en/articles/un-report/index.html")));
    insta::assert_snapshot!("footnotes_side_by_side", side_by_side);
    let briefing = read(&public.join("fr/dossier-imprimable/index.html"));
    let start = briefing
        .find("id=\"fr_un-report\"")
        .expect("the report in the briefing");
    let section = &briefing[briefing[..start].rfind("<article").unwrap()..];
    let section = &section[..section.find("</article>").unwrap() + 10];
    insta::assert_snapshot!("footnotes_briefing", section);
}

/// A page with raw HTML, comments and links from the root: left out (with a warning) when the
/// config does not allow it; allowed, read with its links made relative, under a project
/// path as at a domain's root.
#[test]
fn raw_html_off_and_on() {
    let site = Site::fixture("basic");
    site.write("static/img/carte.png", b"\x89PNG\r\n\x1a\n");
    with_body(
        &site,
        "\nAvant<!-- une note > cachée -->, après.\n\n<figure>\n  <img src=\"/img/carte.png\"\n       alt=\"La carte\">\n  <figcaption>Voir <a href=\"../sanctions/un-report.fr.md\">le rapport</a>.</figcaption>\n</figure>\n\nUn saut<br>de ligne.\n",
    );
    crate::support::assert_clean_but(
        &site.build(&[]),
        &[
            "warning: content/cybercrime/lazarus.fr.md:9: raw HTML left out of the page (first: `<figure>`)",
        ],
    );
    let off = crate::support::main_of(&read(&site.public().join("fr/articles/lazarus/index.html")));
    insta::assert_snapshot!("raw_html_off", off);

    let config = read(&site.root.join("config.toml"));
    site.write(
        "config.toml",
        config.replace("allow_raw_html = false", "allow_raw_html = true"),
    );
    let public = site.build_ok_with(&["--base-url", "https://user.github.io/repo/"]);
    let on = crate::support::main_of(&read(&public.join("fr/articles/lazarus/index.html")));
    insta::assert_snapshot!("raw_html_on", on);
    assert!(!on.contains("cachée"));
    assert_eq!(crate::support::broken_links(&public), Vec::<String>::new());
    let index = crate::support::search_files(&public, "fr/recherche");
    assert!(!index.contains("cach"), "a comment in the search");
}

/// Allowed raw HTML that is invalid, left open or closed twice: warnings at their lines.
#[test]
fn raw_html_mistakes_are_warnings() {
    let site = Site::fixture("basic");
    let config = read(&site.root.join("config.toml"));
    site.write(
        "config.toml",
        config.replace("allow_raw_html = false", "allow_raw_html = true"),
    );
    with_body(
        &site,
        "\n<div class=\"encadre\">\n\nTexte <b>gras.\n\n</section>\n\n<p title=\"x>y</p>\n",
    );
    let output = site.build(&[]);
    let (_, stderr) = text(&output);
    assert!(output.status.success(), "{stderr}");
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.contains("raw HTML")).collect();
    insta::assert_snapshot!(warnings.join("\n"));
}
