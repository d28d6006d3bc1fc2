//! The actors of `actors.toml` (issue 29): found in the articles of every language, the first
//! mention linked, a page per actor and an index by kind in every language, each article's
//! actors listed on its page.

use crate::support::{Site, alternates, broken_links, hreflang_problems, main_of, read};

/// Three actors of the basic fixture's articles, and one it never names (also built by
/// `scripts/test.sh` for the Nu Html Checker and axe-core).
pub(crate) const ACTORS: &str = include_str!("../fixtures/extras/actors.toml");

/// The basic fixture with the actors, their French pages under `acteurs/`.
pub(crate) fn site_with_actors() -> Site {
    let site = Site::fixture("basic");
    site.write("actors.toml", ACTORS);
    let config = read(&site.root.join("config.toml"));
    site.write(
        "config.toml",
        config.replacen(
            "[languages.fr]\n",
            "[languages.fr]\nactors_path = \"acteurs\"\n",
            1,
        ),
    );
    site
}

#[test]
fn each_actor_has_a_page_in_every_language_with_the_articles_that_name_it() {
    let site = site_with_actors();
    let public = site.build_ok();
    assert_eq!(broken_links(&public), Vec::<String>::new());
    assert_eq!(
        hreflang_problems(&public, "https://example.github.io/fixture/"),
        Vec::<String>::new()
    );

    // The index, by kind; a kind is there in the file's order, each actor with its count.
    let index = read(&public.join("fr/acteurs/index.html"));
    let at = |needle: &str| index.find(needle).unwrap_or_else(|| panic!("{needle}"));
    assert!(
        at(">Pays</h2>") < at(">Organisations</h2>")
            && at(">Organisations</h2>") < at(">Groupes</h2>")
    );
    assert!(
        index.contains("href=\"lazarus/index.html\">Lazarus</a>"),
        "{index}"
    );
    assert!(
        index.contains("Interpol"),
        "an actor never named is still listed"
    );

    let lazarus = read(&public.join("fr/acteurs/lazarus/index.html"));
    insta::assert_snapshot!("actor_page_fr", main_of(&lazarus));
    let versions = alternates(&lazarus);
    assert_eq!(
        versions.get("en").map(String::as_str),
        Some("https://example.github.io/fixture/en/actors/lazarus/")
    );
    // In English, the French article that names it, marked, its sentence in French.
    let english = read(&public.join("en/actors/lazarus/index.html"));
    assert!(english.contains("<h1>Lazarus Group</h1>"), "{english}");
    assert!(
        english.contains("lang=\"fr\">Le groupe Lazarus</a>"),
        "{english}"
    );
    assert!(
        english.contains("<blockquote class=\"actor-sentence\" lang=\"fr\">"),
        "{english}"
    );

    // The UN: named by both versions of the report (title, summary), with North Korea.
    let un = read(&public.join("en/actors/un/index.html"));
    assert!(un.contains("The UN report: $2bn stolen?"), "{un}");
    assert!(un.contains(">North Korea</a>"), "named with it: {un}");
    assert!(un.contains("since October 24, 1945"), "{un}");
    assert!(un.contains("href=\"https://en.wikipedia.org/wiki/United_Nations\""));

    // Every page's navigation leads to the index.
    let home = read(&public.join("en/index.html"));
    assert!(
        home.contains("<a href=\"actors/index.html\">Actors</a>"),
        "{home}"
    );

    let sitemap = read(&public.join("sitemap.xml"));
    assert!(sitemap.contains("/fr/acteurs/lazarus/"), "{sitemap}");
    assert!(sitemap.contains("/en/actors/"), "{sitemap}");
}

#[test]
fn the_first_mention_in_an_article_links_to_its_actor_and_the_article_lists_its_actors() {
    let site = site_with_actors();
    let public = site.build_ok();
    let page = read(&public.join("fr/articles/lazarus/index.html"));
    let main = main_of(&page);
    insta::assert_snapshot!("article_with_actors_fr", main);
    assert_eq!(main.matches("class=\"actor-link\"").count(), 1, "{main}");
    assert!(
        main.contains(
            "Le <a class=\"actor-link\" href=\"../../acteurs/lazarus/index.html\">groupe Lazarus</a> a volé"
        ),
        "{main}"
    );
    // Not in the code block.
    assert!(main.contains("&quot;</span>Lazarus<span"), "{main}");

    // `first` links each actor's first mention in the body, `every` each mention, `none` none.
    let report = "content/sanctions/un-report.fr.md";
    let text = read(&site.root.join(report));
    site.write(
        report,
        format!("{text}\nPyongyang dément ; l’ONU maintient.\n"),
    );
    for (mode, links) in [("first", 2), ("every", 3), ("none", 0)] {
        site.write(
            "actors.toml",
            ACTORS.replacen(
                "link_mentions = \"first\"",
                &format!("link_mentions = \"{mode}\""),
                1,
            ),
        );
        let public = site.build_ok();
        let report = read(&public.join("fr/articles/un-report/index.html"));
        let main = main_of(&report);
        // (The page holds the English version's text too, for the side-by-side reading,
        // its links to the English actors' pages.)
        let french = "class=\"actor-link\" href=\"../../acteurs/";
        assert_eq!(main.matches(french).count(), links, "{mode}: {main}");
        assert!(main.contains("Acteurs cités"), "{main}");
    }
}

/// `actors = [...]` adds an actor the text does not name, `not_actors = [...]` leaves out a
/// false match (neither linked nor listed); a translation that says nothing inherits both.
#[test]
fn the_front_matter_adds_an_actor_and_leaves_out_a_false_match() {
    let site = site_with_actors();
    let report = "content/sanctions/un-report.fr.md";
    let text = read(&site.root.join(report));
    site.write(
        report,
        text.replacen(
            "topics = [",
            "actors = [\"interpol\"]\nnot_actors = [\"north-korea\"]\ntopics = [",
            1,
        ),
    );
    let public = site.build_ok();
    let page = main_of(&read(&public.join("fr/articles/un-report/index.html")));
    assert!(!page.contains("acteurs/north-korea/"), "{page}");
    assert!(
        page.contains("href=\"../../acteurs/interpol/index.html\">Interpol</a>"),
        "{page}"
    );
    let interpol = read(&public.join("en/actors/interpol/index.html"));
    assert!(
        interpol.contains("The UN report: $2bn stolen?"),
        "{interpol}"
    );
    assert!(
        !interpol.contains("actor-sentence"),
        "no sentence names it: {interpol}"
    );
    // The English version inherits both: Pyongyang is not North Korea there either.
    let english = main_of(&read(&public.join("en/articles/un-report/index.html")));
    assert!(!english.contains("actors/north-korea/"), "{english}");
    let north_korea = read(&public.join("en/actors/north-korea/index.html"));
    assert!(!north_korea.contains("un-report"), "{north_korea}");
}

/// `dossier check` warns, one line each, of an actor no article names and of a name that
/// looks like an actor's, named in three articles of a language, that no actor has; not of a
/// name said twice only, nor of one an actor's alias finds inside a longer name.
#[test]
fn check_warns_of_an_actor_never_named_and_of_a_likely_actor_not_declared() {
    let site = site_with_actors();
    for n in 1..=3 {
        site.write(
            &format!("content/diplomacy/visite-{n}.fr.md"),
            format!(
                "+++\ntitle = \"Visite {n}\"\ndate = 2025-03-0{n}\ntopics = [\"diplomacy\"]\n+++\n\n\
                 Le président Moon Jae-in a reçu l’envoyé de la Corée du Nord. Le \
                 Bureau Général de Reconnaissance est cité devant le Conseil Nations Unies. \
                 Le dirigeant Kim Jong Un a parlé{}.\n",
                if n < 3 { " avec Jang Song Thaek" } else { "" },
            ),
        );
    }
    site.write(
        "content/diplomacy/visite-4.fr.md",
        "+++\ntitle = \"Visite 4\"\ndate = 2025-03-04\ntopics = [\"diplomacy\"]\n+++\n\n\
         Kim Jong Un parle ; Moon Jae-in écoute.\n",
    );
    let output = std::process::Command::new(crate::support::BIN)
        .args(["check", "--root"])
        .arg(&site.root)
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{printed}");
    let about_actors: Vec<&str> = printed
        .lines()
        .filter(|line| line.contains("actors.toml"))
        .collect();
    insta::assert_snapshot!(about_actors.join("\n"));
}

/// The printable briefing ends with a who's who: the actors its articles name, by kind in the
/// file's order, each with its description, dates and a link to its page; its table of
/// contents leads to it; an actor no article names is not in it.
#[test]
fn the_briefing_ends_with_a_whos_who_of_the_actors_its_articles_name() {
    let site = site_with_actors();
    let public = site.build_ok();
    let briefing = read(&public.join("fr/dossier-imprimable/index.html"));
    assert!(briefing.contains("<li><a href=\"#who\">Qui est qui</a></li>"));
    let start = briefing
        .find("<section class=\"briefing-who\"")
        .expect("a who's who");
    let who = &briefing[start..];
    let who = &who[..who.find("</section>").expect("its end") + "</section>".len()];
    assert!(!who.contains("Interpol"), "{who}");
    insta::assert_snapshot!(who);
    // Each article says whom it names, in the briefing's language, linked to their pages.
    assert!(
        briefing.contains("<p class=\"actors-named\">Acteurs cités\u{a0}: <a href=\"../acteurs/lazarus/index.html\">Lazarus</a>"),
        "{briefing}"
    );
}

/// Each language's search shows the actors' pages after the articles: each actor's name as
/// its title, its description as its summary, its kind and dates as its date, its names as its
/// text, linked from the search page; the index counts them and their words lead to them.
#[test]
fn the_search_shows_the_actors_pages_after_the_articles() {
    let site = site_with_actors();
    let public = site.build_ok();
    let folder = public.join("fr/recherche");
    let mut shards: Vec<(usize, String)> = std::fs::read_dir(&folder)
        .unwrap()
        .filter_map(|entry| {
            let name = entry.unwrap().file_name().into_string().unwrap();
            let n = name
                .strip_prefix("docs-")?
                .strip_suffix(".js")?
                .parse()
                .ok()?;
            Some((n, read(&folder.join(&name))))
        })
        .collect();
    shards.sort();
    let docs: String = shards.into_iter().map(|(_, text)| text).collect();
    let un = docs
        .lines()
        .find(|line| line.contains("\"../acteurs/un/index.html\""))
        .expect("the UN's page in the French search");
    assert_eq!(
        // The last entry of a shard closes its list.
        un.strip_suffix("];").unwrap_or(un).trim_end_matches(','),
        "[\"../acteurs/un/index.html\",\"Organisation des Nations unies\",\
         \"L’organisation internationale fondée en 1945.\",\
         \"Organisations · depuis le 24 octobre 1945\",\"fr\",\"\",\"\",\
         \"Organisation des Nations unies · ONU · Nations unies\"]"
    );
    // After every article: the last entries of the index are the four actors, in the file's
    // order.
    let hrefs: Vec<&str> = docs
        .lines()
        .filter_map(|line| line.strip_prefix("[\"")?.split('"').next())
        .collect();
    let actors = &hrefs[hrefs.len() - 4..];
    assert_eq!(
        actors,
        [
            "../acteurs/north-korea/index.html",
            "../acteurs/un/index.html",
            "../acteurs/lazarus/index.html",
            "../acteurs/interpol/index.html"
        ]
    );
    let index = read(&folder.join("index.js"));
    assert!(
        index.contains(&format!("\"docs\":{},", hrefs.len())),
        "{index}"
    );
}

/// An actor named in more articles than `[lists] per_page` has numbered pages, as a topic
/// does: the newest first, `rel=prev/next`, the trail back to its first page, the actors named
/// with it and its figures on the first page only, every page in the sitemap, and no
/// `hreflang` on the later ones (page 2 in French does not hold page 2 in English).
#[test]
fn an_actor_named_in_more_articles_than_a_page_holds_has_numbered_pages() {
    let site = site_with_actors();
    site.set_per_page(1);
    for file in [
        "content/diplomacy/sommet.fr.md",
        "content/cybercrime/lazarus.fr.md",
    ] {
        let text = read(&site.root.join(file));
        site.write(file, format!("{text}\nPyongyang l’a nié.\n"));
    }
    let public = site.build_ok();
    assert_eq!(broken_links(&public), Vec::<String>::new());
    assert_eq!(
        hreflang_problems(&public, "https://example.github.io/fixture/"),
        Vec::<String>::new()
    );
    let folder = public.join("fr/acteurs/north-korea");
    let pages: Vec<String> = ["index.html", "page/2/index.html", "page/3/index.html"]
        .iter()
        .map(|page| read(&folder.join(page)))
        .collect();
    assert!(!folder.join("page/4").exists());
    let mut listed = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        let entries: Vec<&str> = page.split("<li class=\"entry\">").skip(1).collect();
        assert_eq!(entries.len(), 1, "page {}", n + 1);
        let href = entries[0]
            .split("href=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next();
        listed.push(
            href.unwrap()
                .rsplit("articles/")
                .next()
                .unwrap()
                .to_string(),
        );
        // Every page says how many articles name it in all.
        assert!(page.contains("Cité dans · 3 articles"), "{page}");
    }
    // Newest first: Lazarus (2025), the UN report (August 2019), the summit (February 2019).
    assert_eq!(
        listed,
        [
            "lazarus/index.html",
            "un-report/index.html",
            "sommet/index.html"
        ]
    );
    assert!(pages[0].contains("<link rel=\"next\" href=\"page/2/index.html\">"));
    assert!(pages[1].contains("<link rel=\"prev\" href=\"../../index.html\">"));
    assert!(pages[0].contains("id=\"with-heading\""));
    assert!(!pages[1].contains("id=\"with-heading\""));
    assert!(alternates(&pages[1]).is_empty());
    insta::assert_snapshot!("actor_later_page_fr", main_of(&pages[1]));
    let sitemap = read(&public.join("sitemap.xml"));
    assert!(sitemap.contains("https://example.github.io/fixture/fr/acteurs/north-korea/page/3/"));
}

/// A site's own `actor-entry.html` decides where the sentence goes: printed without `| safe`,
/// it still goes there; left out, the pages show no sentence (and nothing after the entry).
#[test]
fn a_site_s_own_actor_entry_places_the_sentence_or_leaves_it_out() {
    let site = site_with_actors();
    let entry = "<li class=\"entry\"><a href=\"{{ entry.href }}\">{{ entry.title }}</a>\
                 <div class=\"said\">{{ sentence }}</div></li>\n";
    site.write("templates/actor-entry.html", entry);
    let public = site.build_ok();
    let lazarus = read(&public.join("fr/acteurs/lazarus/index.html"));
    assert!(
        lazarus.contains(
            "<div class=\"said\"><blockquote class=\"actor-sentence\"><p>Le groupe Lazarus a \
             volé 1,5 milliard de dollars.</p></blockquote></div></li>"
        ),
        "{lazarus}"
    );
    assert!(!lazarus.contains("dossier:sentence"), "{lazarus}");

    site.write(
        "templates/actor-entry.html",
        "<li class=\"entry\"><a href=\"{{ entry.href }}\">{{ entry.title }}</a></li>\n",
    );
    let public = site.build_ok();
    let lazarus = read(&public.join("fr/acteurs/lazarus/index.html"));
    assert!(!lazarus.contains("actor-sentence"), "{lazarus}");
    assert!(
        lazarus.contains("<li class=\"entry\"><a href=\"../../articles/lazarus/index.html\">Le groupe Lazarus</a></li>\n  </ol>"),
        "{lazarus}"
    );
}
