//! The incremental engine: after any edit, the site it holds is exactly the one a full build
//! of the same files gives, and a one-article edit renders only the pages that show it.

use dossier::BuildOptions;
use dossier::engine::{Change, Engine, Output, Update};

use crate::support::Site;

fn options(site: &Site) -> BuildOptions {
    BuildOptions {
        root: site.root.clone(),
        output_dir: None,
        base_url: None,
        drafts: false,
    }
}

fn full_build(site: &Site) -> (Output, Vec<String>) {
    let (engine, result) = Engine::open(&options(site)).unwrap();
    result.unwrap();
    let warnings = engine.warnings().iter().map(ToString::to_string).collect();
    ((*engine.output().unwrap()).clone(), warnings)
}

/// The same output as a full build of the same files, and the same warnings.
fn assert_same_as_full_build(engine: &Engine, site: &Site) {
    let incremental = engine.output().unwrap();
    let (full, warnings) = full_build(site);
    let incremental_warnings: Vec<String> =
        engine.warnings().iter().map(ToString::to_string).collect();
    assert_eq!(incremental_warnings, warnings, "the warnings differ");
    let paths = |o: &Output| o.keys().cloned().collect::<Vec<_>>();
    assert_eq!(paths(&incremental), paths(&full));
    for (path, contents) in full.iter() {
        assert!(
            incremental[path] == *contents,
            "{path} differs from a full build"
        );
    }
}

/// An engine on `site`, its first build done.
fn open(site: &Site) -> Engine {
    let (engine, first) = Engine::open(&options(site)).unwrap();
    first.unwrap();
    engine
}

/// A file of `site`, as it is now.
fn read(site: &Site, path: &str) -> String {
    std::fs::read_to_string(site.root.join(path)).unwrap()
}

fn content(path: &str) -> Change {
    Change::Content(path.to_string())
}

fn apply(engine: &mut Engine, changes: &[Change]) -> Update {
    engine.apply(changes).unwrap_or_else(|e| panic!("{e}"))
}

/// Every kind of edit, one after the other on one engine, each compared with a full build.
#[test]
fn every_kind_of_edit_gives_the_full_build() {
    let site = Site::fixture("basic");
    let (mut engine, first) = Engine::open(&options(&site)).unwrap();
    let total = first.unwrap().rendered_pages;
    edit_a_title(&mut engine, &site, total);
    edit_the_text(&mut engine, &site);
    edit_a_first_paragraph(&mut engine, &site);
    edit_a_summary_marker_and_an_empty_text(&mut engine, &site);
    edit_a_reference_page(&mut engine, &site);
    edit_an_alias(&mut engine, &site);
    edit_raw_html(&mut engine, &site);
    edit_a_heading_linked_to(&mut engine, &site);
    edit_topics(&mut engine, &site);
    edit_a_date(&mut engine, &site);
    edit_an_abstract(&mut engine, &site);
    edit_a_slug(&mut engine, &site);
    edit_an_article_added_and_deleted(&mut engine, &site);
    edit_a_folder_moved(&mut engine, &site);
    edit_a_translation_appearing(&mut engine, &site);
    edit_templates_and_stylesheet(&mut engine, &site);
    edit_static_files(&mut engine, &site);
    edit_the_configuration(&mut engine, &site);
}

// The fixture's files that the edits below change (the Lazarus article's folder is renamed
// `cyber/` on the way).
const REPORT: &str = "content/sanctions/un-report.fr.md";
const LAZARUS: &str = "content/cybercrime/lazarus.fr.md";
const SUMMIT: &str = "content/diplomacy/sommet.fr.md";
const TRANSLATION: &str = "content/cyber/lazarus.en.md";

/// A new title in one article: its page, its translation's, the homes, its topics.
fn edit_a_title(engine: &mut Engine, site: &Site, total: usize) {
    let text = read(site, REPORT);
    site.write(
        REPORT,
        text.replace("Le rapport de l'ONU", "Le rapport des Nations unies"),
    );
    let update = apply(engine, &[content(REPORT)]);
    assert!(
        update
            .changed
            .contains(&"fr/articles/un-report/index.html".to_string())
    );
    assert!(update.changed.contains(&"fr/index.html".to_string()));
    assert!(update.changed.contains(&"fr/feed.xml".to_string()));
    // Both pages of the pair show the title (the English one, in its side-by-side reading).
    for view in [
        "fr/articles/un-report/index.html",
        "en/articles/un-report/index.html",
    ] {
        assert!(update.changed.contains(&view.to_string()), "{update:?}");
    }
    // Lazarus leads to the report (both are of cybercrime): its page shows the new title.
    assert!(
        update
            .changed
            .contains(&"fr/articles/lazarus/index.html".to_string())
    );
    assert!(
        update.rendered_pages < total,
        "{} of {total} pages rendered",
        update.rendered_pages
    );
    assert_same_as_full_build(engine, site);
}

/// The text alone, with a summary given: only the page and its feeds.
fn edit_the_text(engine: &mut Engine, site: &Site) {
    site.write(
        REPORT,
        read(site, REPORT).replace("ciblé des banques", "ciblé des banques et des plateformes"),
    );
    let update = apply(engine, &[content(REPORT)]);
    assert!(
        update
            .changed
            .contains(&"fr/articles/un-report/index.html".to_string())
    );
    assert!(
        update.changed.contains(&"fr/feed.xml".to_string()),
        "feeds carry the text"
    );
    assert!(
        update
            .changed
            .contains(&"en/articles/un-report/index.html".to_string()),
        "the English page shows the French text side by side: {update:?}"
    );
    assert!(
        !update.changed.contains(&"fr/index.html".to_string()),
        "{update:?}"
    );
    assert!(!update.changed.contains(&"sitemap.xml".to_string()));
    assert!(
        update
            .changed
            .contains(&"fr/dossier-imprimable/index.html".to_string()),
        "the briefing prints the text: {update:?}"
    );
    assert!(
        !update
            .changed
            .contains(&"en/briefing/index.html".to_string()),
        "the English briefing prints the English version: {update:?}"
    );
    assert_same_as_full_build(engine, site);
}

/// The first paragraph of an article without a summary: the lists show it (its topic's page;
/// on the home, it is in a topic card, which shows titles alone).
fn edit_a_first_paragraph(engine: &mut Engine, site: &Site) {
    site.write(
        LAZARUS,
        read(site, LAZARUS).replace(
            "Le groupe Lazarus a volé",
            "Le groupe Lazarus, lié à Pyongyang, a volé",
        ),
    );
    let update = apply(engine, &[content(LAZARUS)]);
    assert!(
        update
            .changed
            .contains(&"fr/themes/cybercrime/index.html".to_string()),
        "{update:?}"
    );
    // A French-only article is printed in both briefings.
    for briefing in ["fr/dossier-imprimable/index.html", "en/briefing/index.html"] {
        assert!(
            update.changed.contains(&briefing.to_string()),
            "{briefing}: {update:?}"
        );
    }
    assert_same_as_full_build(engine, site);
}

/// A `<!-- more -->` marker sets the summary the lists show; a translation emptied of its text
/// takes its group's side-by-side reading away; both undone.
fn edit_a_summary_marker_and_an_empty_text(engine: &mut Engine, site: &Site) {
    let summit = "content/diplomacy/summit-hanoi.en.md";
    let before = read(site, summit);
    site.write(
        summit,
        before.replace(
            "The summit ended",
            "Marked as the summary.\n\n<!-- more -->\n\nThe summit ended",
        ),
    );
    let update = apply(engine, &[content(summit)]);
    assert!(
        update
            .changed
            .contains(&"en/topics/diplomacy/index.html".to_string()),
        "{update:?}"
    );
    assert_same_as_full_build(engine, site);
    let front_matter_end = before.rfind("+++").unwrap() + 3;
    site.write(
        summit,
        format!("{}\n\n<!-- nothing yet -->\n", &before[..front_matter_end]),
    );
    let update = apply(engine, &[content(summit)]);
    let sommet = "fr/articles/sommet/index.html";
    assert!(update.changed.contains(&sommet.to_string()), "{update:?}");
    let output = engine.output().unwrap();
    let page = String::from_utf8_lossy(&output[sommet].in_memory().unwrap()).into_owned();
    assert!(!page.contains("parallel-view"), "{page}");
    assert_same_as_full_build(engine, site);
    site.write(summit, before);
    apply(engine, &[content(summit)]);
    assert_same_as_full_build(engine, site);
}

/// A reference page in the navigation: added, retitled (every page shows its title), its
/// text edited in place, taken out of the navigation, deleted.
fn edit_a_reference_page(engine: &mut Engine, site: &Site) {
    let about = "content/pages/about.fr.md";
    let write = |title: &str, nav: &str, text: &str| {
        site.write(
            about,
            format!("+++\ntitle = \"{title}\"\nkind = \"page\"\n{nav}+++\n\n{text}\n"),
        );
    };
    write("À propos", "nav = 1\n", "Ce dossier.");
    let update = apply(engine, &[content(about)]);
    assert!(
        update
            .changed
            .contains(&"fr/a-propos/index.html".to_string())
            || update.changed.contains(&"fr/about/index.html".to_string()),
        "{update:?}"
    );
    assert!(
        update.changed.contains(&"en/index.html".to_string()),
        "the navigation of every page: {update:?}"
    );
    assert_same_as_full_build(engine, site);
    write("À propos du dossier", "nav = 1\n", "Ce dossier.");
    let update = apply(engine, &[content(about)]);
    assert!(
        update
            .changed
            .contains(&"en/topics/diplomacy/index.html".to_string()),
        "{update:?}"
    );
    assert_same_as_full_build(engine, site);
    write("À propos du dossier", "nav = 1\n", "Ce dossier, revu.");
    let update = apply(engine, &[content(about)]);
    assert!(update.in_place, "{update:?}");
    assert_same_as_full_build(engine, site);
    write("À propos du dossier", "", "Ce dossier, revu.");
    apply(engine, &[content(about)]);
    assert_same_as_full_build(engine, site);
    // Out of the navigation, its title is in the search pages alone: still in place.
    write("À propos", "", "Ce dossier, revu.");
    let update = apply(engine, &[content(about)]);
    assert!(update.in_place, "{update:?}");
    assert_same_as_full_build(engine, site);
    std::fs::remove_file(site.root.join(about)).unwrap();
    apply(engine, &[content(about)]);
    assert_same_as_full_build(engine, site);
}

/// An old address added, moved, taken away: its page appears, moves, goes.
fn edit_an_alias(engine: &mut Engine, site: &Site) {
    let before = read(site, SUMMIT);
    let with =
        |alias: &str| before.replacen("+++\n", &format!("+++\naliases = [\"{alias}\"]\n"), 1);
    site.write(SUMMIT, with("/fr/hanoi/"));
    let update = apply(engine, &[content(SUMMIT)]);
    assert!(
        update.changed.contains(&"fr/hanoi/index.html".to_string()),
        "{update:?}"
    );
    assert_same_as_full_build(engine, site);
    site.write(SUMMIT, with("/old/hanoi.html"));
    let update = apply(engine, &[content(SUMMIT)]);
    assert!(
        update.removed.contains(&"fr/hanoi/index.html".to_string()),
        "{update:?}"
    );
    assert_same_as_full_build(engine, site);
    site.write(SUMMIT, before);
    let update = apply(engine, &[content(SUMMIT)]);
    assert!(
        update.removed.contains(&"old/hanoi.html".to_string()),
        "{update:?}"
    );
    assert_same_as_full_build(engine, site);
}

/// Raw HTML in a text, left out (not allowed), then allowed and edited: each time in place or
/// through the config, as a full build makes it.
fn edit_raw_html(engine: &mut Engine, site: &Site) {
    let before = read(site, REPORT);
    let with = |html: &str| {
        before.replacen(
            "Le rapport indique",
            &format!("{html}\n\nLe rapport indique"),
            1,
        )
    };
    site.write(
        REPORT,
        with("<figure><img src=\"/fr/index.html\" alt=\"x\"><!-- note --></figure>"),
    );
    apply(engine, &[content(REPORT)]);
    assert_same_as_full_build(engine, site);
    let config = read(site, "config.toml");
    site.write(
        "config.toml",
        config.replace("allow_raw_html = false", "allow_raw_html = true"),
    );
    apply(engine, &[Change::Config]);
    assert_same_as_full_build(engine, site);
    site.write(
        REPORT,
        with("<figure><img src=\"/fr/\" alt=\"y\"></figure>"),
    );
    let update = apply(engine, &[content(REPORT)]);
    assert!(update.in_place, "{update:?}");
    assert_same_as_full_build(engine, site);
    site.write("config.toml", config);
    site.write(REPORT, before);
    apply(engine, &[Change::Config, content(REPORT)]);
    assert_same_as_full_build(engine, site);
}

/// A heading another article links to goes: an error, until it is back.
fn edit_a_heading_linked_to(engine: &mut Engine, site: &Site) {
    let with_heading = read(site, REPORT);
    site.write(REPORT, with_heading.replace("## Conclusions", "## Bilan"));
    let error = engine.apply(&[content(REPORT)]).unwrap_err().to_string();
    assert!(
        error.contains(
            "content/diplomacy/sommet.fr.md:8: link `../sanctions/un-report.fr.md#conclusions`"
        ),
        "{error}"
    );
    site.write(REPORT, with_heading);
    apply(engine, &[content(REPORT)]);
    assert_same_as_full_build(engine, site);
}

/// Topics change: the old and the new topic pages.
fn edit_topics(engine: &mut Engine, site: &Site) {
    site.write(
        REPORT,
        read(site, REPORT).replace("[\"sanctions\", \"cybercrime\"]", "[\"diplomacy\"]"),
    );
    apply(engine, &[content(REPORT)]);
    assert_same_as_full_build(engine, site);
}

/// A new date reorders a topic: the older and newer articles beside it, and the related
/// articles of the others, change on the pages that show them.
fn edit_a_date(engine: &mut Engine, site: &Site) {
    site.write(
        SUMMIT,
        read(site, SUMMIT).replace("date = 2019-02-28", "date = 2026-01-15"),
    );
    let update = apply(engine, &[content(SUMMIT)]);
    // The report (now of diplomacy alone) had the summit as its older article; now as its
    // newer one.
    let report = "fr/articles/un-report/index.html";
    assert!(update.changed.contains(&report.to_string()), "{update:?}");
    let output = engine.output().unwrap();
    let page = String::from_utf8_lossy(&output[report].in_memory().unwrap()).into_owned();
    assert!(page.contains("<li class=\"newer\">"), "{page}");
    assert_same_as_full_build(engine, site);
}

/// An abstract in English for the French-only Lazarus article: the English lists and feeds
/// show it; taken away, they show the French title again.
fn edit_an_abstract(engine: &mut Engine, site: &Site) {
    let before = read(site, LAZARUS);
    site.write(
        LAZARUS,
        before.replacen(
            "+++\n\n",
            "\n[abstracts.en]\ntitle = \"The Lazarus group\"\n+++\n\n",
            1,
        ),
    );
    let update = apply(engine, &[content(LAZARUS)]);
    for page in [
        "en/topics/cybercrime/index.html",
        "en/feed.xml",
        "fr/articles/lazarus/index.html",
    ] {
        assert!(
            update.changed.contains(&page.to_string()),
            "{page}: {update:?}"
        );
    }
    assert_same_as_full_build(engine, site);
    site.write(LAZARUS, before);
    apply(engine, &[content(LAZARUS)]);
    assert_same_as_full_build(engine, site);
}

/// A new slug: the old page disappears, and the pages linking to it follow.
fn edit_a_slug(engine: &mut Engine, site: &Site) {
    site.write(
        SUMMIT,
        read(site, SUMMIT).replace(
            "translation_key",
            "slug = \"sommet-de-hanoi\"\ntranslation_key",
        ),
    );
    let update = apply(engine, &[content(SUMMIT)]);
    assert!(
        update
            .removed
            .contains(&"fr/articles/sommet/index.html".to_string()),
        "{update:?}"
    );
    // Both pages of the pair show the other's new address side by side.
    for view in [
        "fr/articles/sommet-de-hanoi/index.html",
        "en/articles/summit-hanoi/index.html",
    ] {
        assert!(update.changed.contains(&view.to_string()), "{update:?}");
    }
    assert!(
        update
            .changed
            .contains(&"fr/articles/lazarus/index.html".to_string()),
        "lazarus links to the summit"
    );
    assert_same_as_full_build(engine, site);
}

/// A new article, then its deletion.
fn edit_an_article_added_and_deleted(engine: &mut Engine, site: &Site) {
    let added = "content/cybercrime/nouveau.fr.md";
    site.write(added, "+++\ntitle = \"Nouveau\"\ndate = 2026-01-01\ntopics = [\"cybercrime\"]\n+++\n\nVoir [Lazarus](lazarus.fr.md#chronologie).\n");
    apply(engine, &[content(added)]);
    assert_same_as_full_build(engine, site);
    std::fs::remove_file(site.root.join(added)).unwrap();
    let update = apply(engine, &[content(added)]);
    assert!(
        update
            .removed
            .contains(&"fr/articles/nouveau/index.html".to_string())
    );
    assert_same_as_full_build(engine, site);
}

/// A whole folder moves.
fn edit_a_folder_moved(engine: &mut Engine, site: &Site) {
    std::fs::rename(
        site.root.join("content/cybercrime"),
        site.root.join("content/cyber"),
    )
    .unwrap();
    apply(
        engine,
        &[content("content/cybercrime"), content("content/cyber")],
    );
    assert_same_as_full_build(engine, site);
}

/// A translation appears for a French-only article.
fn edit_a_translation_appearing(engine: &mut Engine, site: &Site) {
    site.write(
        TRANSLATION,
        "+++\ntitle = \"The Lazarus group\"\n+++\n\nText.\n",
    );
    let update = apply(engine, &[content(TRANSLATION)]);
    for view in [
        "fr/articles/lazarus/index.html",
        "en/articles/lazarus/index.html",
    ] {
        assert!(update.changed.contains(&view.to_string()), "{update:?}");
    }
    assert!(page_of(engine, "fr/articles/lazarus/index.html").contains("parallel-view"));
    assert_same_as_full_build(engine, site);
    // Its text changes in place: the French page, which shows it side by side, follows.
    site.write(
        TRANSLATION,
        "+++\ntitle = \"The Lazarus group\"\n+++\n\nText.\n\n## More\n\nMore text.\n",
    );
    let update = apply(engine, &[content(TRANSLATION)]);
    assert!(update.in_place, "{update:?}");
    assert!(
        update
            .changed
            .contains(&"fr/articles/lazarus/index.html".to_string()),
        "{update:?}"
    );
    assert!(page_of(engine, "fr/articles/lazarus/index.html").contains("More text."));
    assert_same_as_full_build(engine, site);
    // The TRANSLATION goes again: so does the side-by-side reading.
    std::fs::remove_file(site.root.join(TRANSLATION)).unwrap();
    let update = apply(engine, &[content(TRANSLATION)]);
    assert!(
        update
            .removed
            .contains(&"en/articles/lazarus/index.html".to_string()),
        "{update:?}"
    );
    assert!(
        update
            .changed
            .contains(&"fr/articles/lazarus/index.html".to_string()),
        "its side-by-side reading goes: {update:?}"
    );
    assert!(!page_of(engine, "fr/articles/lazarus/index.html").contains("parallel-view"));
    assert_same_as_full_build(engine, site);
}

/// Templates and the stylesheet.
fn edit_templates_and_stylesheet(engine: &mut Engine, site: &Site) {
    site.write(
        "templates/topic.html",
        "{% extends \"base.html\" %}{% block main %}<p>{{ topic.name }}</p>{% endblock main %}",
    );
    apply(engine, &[Change::Template("templates/topic.html".into())]);
    assert_same_as_full_build(engine, site);
    site.write("templates/style.css", "body { color: black; }\n");
    let update = apply(engine, &[Change::Template("templates/style.css".into())]);
    assert!(update.stylesheets_only(), "{update:?}");
    assert_same_as_full_build(engine, site);
}

/// Static files come and go.
fn edit_static_files(engine: &mut Engine, site: &Site) {
    site.write("static/robots-extra.txt", "x");
    let update = apply(engine, &[Change::Static("static/robots-extra.txt".into())]);
    assert_eq!(update.changed, vec!["robots-extra.txt".to_string()]);
    std::fs::remove_file(site.root.join("static/robots-extra.txt")).unwrap();
    let update = apply(engine, &[Change::Static("static/robots-extra.txt".into())]);
    assert_eq!(update.removed, vec!["robots-extra.txt".to_string()]);
}

/// The configuration rebuilds everything.
fn edit_the_configuration(engine: &mut Engine, site: &Site) {
    let config = read(site, "config.toml");
    site.write(
        "config.toml",
        config.replace("name = \"Cybercrime\"", "name = \"Cybercrime and hacking\""),
    );
    apply(engine, &[Change::Config]);
    assert_same_as_full_build(engine, site);
}

/// With actors: an edit that adds or removes a mention, an alias, a new actor, the file
/// removed; each gives the full build (the actors' pages, the articles' lists of actors and
/// their links).
#[test]
fn edits_of_actors_and_their_mentions_give_the_full_build() {
    let site = crate::actors::site_with_actors();
    let mut engine = open(&site);

    // A mention added to a text (in place), then removed.
    let text = read(&site, SUMMIT);
    site.write(
        SUMMIT,
        text.replace("sans accord.", "sans accord entre Pyongyang et l’ONU."),
    );
    let update = apply(&mut engine, &[content(SUMMIT)]);
    assert!(
        update
            .changed
            .contains(&"fr/acteurs/north-korea/index.html".to_string()),
        "{update:?}"
    );
    assert_same_as_full_build(&engine, &site);
    site.write(SUMMIT, &text);
    apply(&mut engine, &[content(SUMMIT)]);
    assert_same_as_full_build(&engine, &site);

    // A mention in a title (in place).
    let title = read(&site, LAZARUS).replace(
        "title = \"Le groupe Lazarus\"",
        "title = \"Lazarus et Pyongyang\"",
    );
    site.write(LAZARUS, title);
    apply(&mut engine, &[content(LAZARUS)]);
    assert_same_as_full_build(&engine, &site);

    // Key figures added to an article and its translation, which inherits their facts; the
    // translation's edited; the actors of the original's taken out, and the translation's
    // with them.
    use crate::figures::{FIGURES_EN, FIGURES_FR, UN_REPORT_EN, UN_REPORT_FR, add_figures};
    let (report_fr, report_en) = (read(&site, UN_REPORT_FR), read(&site, UN_REPORT_EN));
    add_figures(&site, UN_REPORT_FR, FIGURES_FR);
    add_figures(&site, UN_REPORT_EN, FIGURES_EN);
    let update = apply(&mut engine, &[content(UN_REPORT_FR), content(UN_REPORT_EN)]);
    for page in [
        "en/actors/interpol/index.html",
        "en/topics/sanctions/index.html",
    ] {
        assert!(
            update.changed.contains(&page.to_string()),
            "{page}: {update:?}"
        );
    }
    assert_same_as_full_build(&engine, &site);
    site.write(
        UN_REPORT_EN,
        read(&site, UN_REPORT_EN).replace("cases the experts looked into", "cases examined"),
    );
    apply(&mut engine, &[content(UN_REPORT_EN)]);
    assert_same_as_full_build(&engine, &site);
    site.write(
        UN_REPORT_FR,
        read(&site, UN_REPORT_FR).replace("actors = [\"interpol\"]\n", ""),
    );
    apply(&mut engine, &[content(UN_REPORT_FR)]);
    assert!(!page_of(&engine, "en/actors/interpol/index.html").contains("class=\"figures\""));
    assert_same_as_full_build(&engine, &site);
    site.write(UN_REPORT_FR, report_fr);
    site.write(UN_REPORT_EN, report_en);
    apply(&mut engine, &[content(UN_REPORT_FR), content(UN_REPORT_EN)]);
    assert_same_as_full_build(&engine, &site);

    // An alias edited, a new actor, then the file gone.
    let actors = crate::actors::ACTORS.replace(
        "aliases = [\"Pyongyang\", \"RPDC\"]",
        "aliases = [\"RPDC\"]",
    );
    site.write("actors.toml", &actors);
    apply(&mut engine, &[Change::Config]);
    assert_same_as_full_build(&engine, &site);
    site.write(
        "actors.toml",
        format!(
            "{actors}\n[actors.bybit]\nkind = \"organisation\"\n\
             fr = {{ name = \"Bybit\", description = \"Plateforme d’échange.\" }}\n\
             en = {{ name = \"Bybit\", description = \"A crypto exchange.\" }}\n"
        ),
    );
    apply(&mut engine, &[Change::Config]);
    assert!(
        engine
            .output()
            .unwrap()
            .contains_key("fr/acteurs/bybit/index.html")
    );
    assert_same_as_full_build(&engine, &site);
    std::fs::remove_file(site.root.join("actors.toml")).unwrap();
    apply(&mut engine, &[Change::Config]);
    assert!(
        !engine
            .output()
            .unwrap()
            .contains_key("fr/acteurs/index.html")
    );
    assert_same_as_full_build(&engine, &site);
}

/// A briefing lists with each article the actors its whole group names, its own first, then
/// its translations' in the order they name them: an edit in place of one version that names
/// the same actors in another order changes the other language's briefing and e-book too.
#[test]
fn an_edit_that_reorders_the_actors_of_a_version_changes_the_other_briefing() {
    let site = crate::actors::site_with_actors();
    let text = read(&site, SUMMIT);
    site.write(SUMMIT, format!("{text}\nPyongyang et les Nations unies.\n"));
    let mut engine = open(&site);
    let briefing = |engine: &Engine| {
        let page = engine.output().unwrap()["en/briefing/index.html"]
            .in_memory()
            .unwrap()
            .to_vec();
        String::from_utf8(page).unwrap()
    };
    let line = |html: &str| {
        let start = html
            .find("<p class=\"actors-named\"")
            .expect("an actors line");
        html[start..start + html[start..].find("</p>").unwrap()].to_string()
    };
    let before = line(&briefing(&engine));
    assert!(
        before.find("North Korea") < before.find("United Nations"),
        "{before}"
    );

    site.write(SUMMIT, format!("{text}\nLes Nations unies et Pyongyang.\n"));
    let update = apply(&mut engine, &[content(SUMMIT)]);
    assert!(update.in_place, "{update:?}");
    assert!(
        update
            .changed
            .contains(&"en/briefing/index.html".to_string()),
        "{update:?}"
    );
    assert!(
        update.changed.contains(&"en/briefing.epub".to_string()),
        "{update:?}"
    );
    let after = line(&briefing(&engine));
    assert!(
        after.find("United Nations") < after.find("North Korea"),
        "{after}"
    );
    assert_same_as_full_build(&engine, &site);
}

/// An edit the general path takes (a date) renders again the pages of the actors that the
/// changed articles name, before or after, and of no other actor.
#[test]
fn a_general_edit_renders_only_the_pages_of_the_actors_it_concerns() {
    let site = crate::actors::site_with_actors();
    let mut engine = open(&site);
    // The summit names no actor: no actor's page is rendered for it; its date moves it in
    // every list.
    let summit = read(&site, SUMMIT);
    site.write(
        SUMMIT,
        summit.replace("date = 2019-02-28", "date = 2019-03-01"),
    );
    let update = apply(&mut engine, &[content(SUMMIT)]);
    assert!(!update.in_place);
    let unnamed = update.rendered_pages;
    assert_same_as_full_build(&engine, &site);
    // The same edit once it names Pyongyang: North Korea's pages in both languages, and no
    // other actor's.
    site.write(SUMMIT, format!("{summit}\nPyongyang l’a nié.\n"));
    apply(&mut engine, &[content(SUMMIT)]);
    site.write(
        SUMMIT,
        format!("{summit}\nPyongyang l’a nié.\n").replace("date = 2019-02-28", "date = 2019-03-01"),
    );
    let update = apply(&mut engine, &[content(SUMMIT)]);
    assert!(!update.in_place);
    assert_eq!(update.rendered_pages, unnamed + 2, "{update:?}");
    assert_same_as_full_build(&engine, &site);
}

/// A picture edited in place, of the same size, on a file system whose dates are too coarse
/// to tell the two writes apart: the watcher's report is enough for the tabs to reload it.
#[test]
fn a_copied_file_reported_changed_is_named_even_when_its_date_is_the_same() {
    let site = Site::fixture("basic");
    site.write("static/img/carte.png", "v1");
    let mut engine = open(&site);
    let picture = site.root.join("static/img/carte.png");
    let date = std::fs::metadata(&picture).unwrap().modified().unwrap();
    std::fs::write(&picture, "v2").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&picture)
        .unwrap()
        .set_modified(date)
        .unwrap();
    let update = apply(
        &mut engine,
        &[Change::Static("static/img/carte.png".into())],
    );
    assert!(
        update.changed.contains(&"img/carte.png".to_string()),
        "{update:?}"
    );
    assert_same_as_full_build(&engine, &site);
}

/// A page added to the navigation, naming no actor: every page shows the navigation, the
/// pages of the actors that no article names among them.
#[test]
fn a_new_entry_of_the_navigation_reaches_every_actors_page() {
    let site = crate::actors::site_with_actors();
    let mut engine = open(&site);
    let guide = "content/pages/guide.fr.md";
    site.write(
        guide,
        "+++\ntitle = \"Guide de lecture\"\nkind = \"page\"\nnav = 1\n+++\n\nComment lire ce dossier.\n",
    );
    let update = apply(&mut engine, &[content(guide)]);
    assert!(!update.in_place, "{update:?}");
    let named_by_none = "fr/acteurs/interpol/index.html";
    assert!(
        update.changed.contains(&named_by_none.to_string()),
        "{update:?}"
    );
    assert_same_as_full_build(&engine, &site);
}

/// Actors' pages of one article each: a mention added that gives an actor a second page
/// (the general path takes it, the sitemap lists the page), an edit in place that names the
/// same actors, then the mention taken out (the page goes); each gives the full build.
#[test]
fn actors_pages_come_and_go_with_the_mentions() {
    let site = crate::actors::site_with_actors();
    site.set_per_page(1);
    let mut engine = open(&site);
    let second = "fr/acteurs/north-korea/page/2/index.html";
    assert!(!engine.output().unwrap().contains_key(second));
    let text = read(&site, SUMMIT);
    site.write(SUMMIT, format!("{text}\nPyongyang l’a nié.\n"));
    let update = apply(&mut engine, &[content(SUMMIT)]);
    assert!(!update.in_place, "{update:?}");
    assert!(engine.output().unwrap().contains_key(second));
    assert_same_as_full_build(&engine, &site);

    site.write(SUMMIT, format!("{text}\nPyongyang l’a encore nié.\n"));
    let update = apply(&mut engine, &[content(SUMMIT)]);
    assert!(update.in_place, "{update:?}");
    assert_same_as_full_build(&engine, &site);

    site.write(SUMMIT, &text);
    let update = apply(&mut engine, &[content(SUMMIT)]);
    assert!(update.removed.contains(&second.to_string()), "{update:?}");
    assert_same_as_full_build(&engine, &site);
}

/// An article with key figures on a later page of its topic: retitled in place, the first
/// page of the topic, whose figures lead to it by its title, follows.
#[test]
fn a_retitled_article_s_figures_follow_on_its_topic_s_first_page() {
    use crate::figures::{FIGURES_FR, UN_REPORT_FR, add_figures};
    let site = crate::actors::site_with_actors();
    site.set_per_page(1);
    add_figures(&site, UN_REPORT_FR, FIGURES_FR);
    let mut engine = open(&site);
    let topic = page_of(&engine, "fr/themes/cybercrime/index.html");
    assert!(topic.contains("2 milliards de dollars"), "{topic}");
    // Its entry is on a later page.
    assert!(!topic.contains("<h3><a href=\"../../articles/un-report/index.html\">"));
    let text = read(&site, UN_REPORT_FR);
    site.write(
        UN_REPORT_FR,
        text.replace("title = \"Le rapport", "title = \"Nouveau : le rapport"),
    );
    let update = apply(&mut engine, &[content(UN_REPORT_FR)]);
    assert!(update.in_place, "{update:?}");
    assert!(page_of(&engine, "fr/themes/cybercrime/index.html").contains("Nouveau"));
    assert_same_as_full_build(&engine, &site);
}

#[test]
fn a_broken_edit_keeps_the_last_good_site_until_it_is_fixed() {
    let site = Site::fixture("basic");
    let mut engine = open(&site);
    let good = engine.output().unwrap();
    let lazarus = "content/cybercrime/lazarus.fr.md";
    let text = read(&site, lazarus);
    site.write(
        lazarus,
        text.replace("topics = [\"cybercrime\"]", "topics = [\"weather\"]"),
    );
    let error = engine.apply(&[content(lazarus)]).unwrap_err().to_string();
    assert!(
        error.contains("lazarus.fr.md:4: unknown topic \"weather\""),
        "{error}"
    );
    assert!(
        *engine.output().unwrap() == *good,
        "the last good site is kept"
    );
    // Another file changes while the first is broken: still an error, nothing lost.
    let summit = "content/diplomacy/sommet.fr.md";
    site.write(summit, read(&site, summit).replace("Hanoï", "Hanoi"));
    assert!(engine.apply(&[content(summit)]).is_err());
    // Fixing the first file brings both edits in.
    site.write(lazarus, text);
    apply(&mut engine, &[content(lazarus)]);
    let page = engine.output().unwrap()["fr/articles/sommet/index.html"].clone();
    assert!(
        matches!(page, dossier::output::Contents::Bytes(ref b) if String::from_utf8_lossy(b).contains("Le sommet de Hanoi"))
    );
    assert_same_as_full_build(&engine, &site);
}

#[test]
fn an_unchanged_save_renders_nothing() {
    let site = Site::fixture("basic");
    let mut engine = open(&site);
    let update = apply(&mut engine, &[content("content/cybercrime/lazarus.fr.md")]);
    assert!(update.is_empty(), "{update:?}");
    assert_eq!(update.rendered_pages, 0);
}

#[test]
fn a_text_edit_renders_its_page_views_and_briefing() {
    let site = Site::fixture("basic");
    let mut engine = open(&site);
    let report = "content/sanctions/un-report.fr.md";
    let text = read(&site, report);
    site.write(report, format!("{text}\nUne phrase de plus.\n"));
    let update = apply(&mut engine, &[content(report)]);
    // The two pages of its pair (the English one shows it side by side), the briefing that
    // prints it, its e-book, and the home, which says how large the e-book is.
    assert_eq!(update.rendered_pages, 5, "{update:?}");
    assert!(update.in_place, "the model was not rebuilt");
    assert!(
        update
            .changed
            .contains(&"fr/dossier-imprimable/index.html".to_string())
    );
    assert!(update.changed.contains(&"fr/dossier.epub".to_string()));
    assert_same_as_full_build(&engine, &site);
    // The body of an article others link into: their sections keep leading to its headings.
    let text = read(&site, report);
    site.write(
        report,
        text.replace(
            "## Conclusions",
            "## Contexte\n\nDu texte.\n\n## Conclusions",
        ),
    );
    let update = apply(&mut engine, &[content(report)]);
    assert!(update.in_place);
    let output = engine.output().unwrap();
    let briefing = output["fr/dossier-imprimable/index.html"]
        .in_memory()
        .expect("the briefing is kept in memory");
    let briefing = String::from_utf8_lossy(&briefing);
    assert!(briefing.contains(r##"<h4 id="fr_un-report.contexte">Contexte</h4>"##));
    assert!(briefing.contains(r##"<a href="#fr_un-report.conclusions">"##));
    assert_same_as_full_build(&engine, &site);
    // A new title and summary are updated in place too; the translation and the lists follow.
    let text = read(&site, report);
    let text = text
        .replace("summary = ", "summary = \"Autre résumé.\"\n# was: ")
        .replace("title = \"Le rapport", "title = \"Nouveau : le rapport");
    site.write(report, text);
    let update = apply(&mut engine, &[content(report)]);
    assert!(update.in_place);
    assert!(update.changed.contains(&"fr/index.html".to_string()));
    assert_same_as_full_build(&engine, &site);
    // A new date is not: translations inherit it.
    let text = read(&site, report);
    site.write(
        report,
        text.replace("date = 2019-08-05", "date = 2019-08-06"),
    );
    let update = apply(&mut engine, &[content(report)]);
    assert!(!update.in_place);
    assert!(
        update
            .changed
            .contains(&"en/articles/un-report/index.html".to_string()),
        "the translation inherits the date"
    );
    assert_same_as_full_build(&engine, &site);
}

#[test]
fn files_beside_articles_follow_their_changes() {
    let site = Site::fixture("basic");
    let mut engine = open(&site);
    let article = "content/cybercrime/lazarus.fr.md";
    let text = read(&site, article);

    // A picture and the article that shows it arrive together.
    site.write("content/cybercrime/schema.png", "v1");
    site.write(article, format!("{text}\n![Schéma](schema.png)\n"));
    let update = apply(
        &mut engine,
        &[content("content/cybercrime/schema.png"), content(article)],
    );
    assert!(
        update
            .changed
            .contains(&"files/cybercrime/schema.png".to_string())
    );
    assert_same_as_full_build(&engine, &site);

    // The picture goes: the link is an error, and the last good site stays.
    std::fs::remove_file(site.root.join("content/cybercrime/schema.png")).unwrap();
    let error = engine
        .apply(&[content("content/cybercrime/schema.png")])
        .unwrap_err()
        .to_string();
    assert!(error.contains("schema.png"), "{error}");
    assert!(
        engine
            .output()
            .unwrap()
            .contains_key("files/cybercrime/schema.png")
    );

    // It comes back under a folder that moved in: the site is whole again.
    site.write("content/cybercrime/schema.png", "v2");
    apply(&mut engine, &[content("content/cybercrime")]);
    assert_same_as_full_build(&engine, &site);

    // A link from the root to a static file that is not there, then is.
    site.write(article, format!("{text}\n[Logo](/images/logo.svg)\n"));
    assert!(engine.apply(&[content(article)]).is_err());
    site.write("static/images/logo.svg", "<svg/>");
    apply(
        &mut engine,
        &[Change::Static("static/images/logo.svg".into())],
    );
    assert_same_as_full_build(&engine, &site);
}

/// The e-books hold the site's pictures: a picture edited while the preview runs, with no
/// article touched, is in the book at once, and the homes and briefings give the book's new
/// size.
#[test]
fn a_picture_edited_alone_goes_into_the_e_book() {
    let site = Site::fixture("basic");
    let article = "content/cybercrime/lazarus.fr.md";
    let text = read(&site, article);
    site.write("static/img/carte.png", "v1");
    site.write("content/cybercrime/schema.png", "v1");
    site.write(
        article,
        format!("{text}\n![Carte](/img/carte.png)\n\n![Schéma](schema.png)\n"),
    );
    let mut engine = open(&site);
    let book = |engine: &Engine| engine.output().unwrap()["fr/dossier.epub"].clone();
    let before = book(&engine);

    site.write("static/img/carte.png", "version 2 of the map");
    let update = apply(
        &mut engine,
        &[Change::Static("static/img/carte.png".into())],
    );
    assert!(
        update.changed.contains(&"img/carte.png".to_string()),
        "{update:?}"
    );
    assert!(
        update.changed.contains(&"fr/dossier.epub".to_string()),
        "{update:?}"
    );
    assert!(book(&engine) != before);
    assert_same_as_full_build(&engine, &site);

    // A picture beside the article, bigger: the book's size on the home changes with it.
    let home = |engine: &Engine| {
        let home = engine.output().unwrap()["fr/index.html"]
            .in_memory()
            .unwrap()
            .to_vec();
        String::from_utf8(home).unwrap()
    };
    let small = home(&engine);
    site.write("content/cybercrime/schema.png", "x".repeat(300_000));
    let update = apply(&mut engine, &[content("content/cybercrime/schema.png")]);
    assert!(
        update.changed.contains(&"fr/dossier.epub".to_string()),
        "{update:?}"
    );
    assert!(
        update.changed.contains(&"fr/index.html".to_string()),
        "{update:?}"
    );
    assert_ne!(home(&engine), small);
    assert_same_as_full_build(&engine, &site);
}

/// The French search's chunks of words in the engine's output.
fn word_chunks(engine: &Engine) -> Vec<String> {
    let output = engine.output().unwrap();
    output
        .keys()
        .filter(|p| p.starts_with("fr/recherche/words-"))
        .map(|p| p.to_string())
        .collect()
}

#[test]
fn the_search_follows_texts_and_drops_the_shards_it_no_longer_needs() {
    let site = Site::fixture("basic");
    // 27 more French articles: with the four the French search already shows, 31, in six
    // shards of six articles.
    for n in 0..27 {
        site.write(
            &format!("content/sanctions/note-{n}.fr.md"),
            format!(
                "+++\ntitle = \"Note {n}\"\ndate = 2020-01-{:02}\ntopics = [\"sanctions\"]\n+++\n\nTexte de la note {n}.\n",
                n % 28 + 1
            ),
        );
    }
    let mut engine = open(&site);
    let output = engine.output().unwrap();
    assert!(output.contains_key("fr/recherche/docs-5.js"));
    assert!(!output.contains_key("fr/recherche/docs-6.js"));
    let chunks = word_chunks(&engine);
    assert_eq!(chunks.len(), 1, "{chunks:?}");

    // A word written in place is found at once.
    let report = "content/sanctions/un-report.fr.md";
    let text = read(&site, report);
    site.write(report, format!("{text}\nUn mot rare : xylophone.\n"));
    let update = apply(&mut engine, &[content(report)]);
    assert!(update.in_place);
    // Its chunk of words and its shard; the index names the same chunks.
    assert!(update.changed.contains(&chunks[0]), "{update:?}");
    assert!(
        update
            .changed
            .iter()
            .any(|p| p.starts_with("fr/recherche/docs-"))
    );
    assert!(
        !update
            .changed
            .contains(&"fr/recherche/index.js".to_string())
    );
    assert_same_as_full_build(&engine, &site);

    // Thousands of new words, in place: the words fill more chunks; taken out again, the
    // chunks they filled go.
    let text = read(&site, report);
    let many: Vec<String> = (0..4000).map(|n| format!("mot{n}rare")).collect();
    site.write(report, format!("{text}\n{}\n", many.join(" ")));
    let update = apply(&mut engine, &[content(report)]);
    assert!(update.in_place);
    let more = word_chunks(&engine);
    assert!(more.len() > 1, "{more:?}");
    assert_same_as_full_build(&engine, &site);
    // A word more in one of those chunks: that chunk is written again, and at most the next
    // (when the new word moves a limit); the others stay as they were.
    site.write(
        report,
        format!("{text}\n{} mot2500rarebis\n", many.join(" ")),
    );
    let update = apply(&mut engine, &[content(report)]);
    let rewritten: Vec<&String> = update
        .changed
        .iter()
        .filter(|p| p.starts_with("fr/recherche/words-"))
        .collect();
    assert!(
        !rewritten.is_empty() && rewritten.len() <= 2 && more.len() > 3,
        "{} chunks: {update:?}",
        more.len()
    );
    assert_same_as_full_build(&engine, &site);
    site.write(report, &text);
    let update = apply(&mut engine, &[content(report)]);
    assert!(update.in_place);
    assert_eq!(word_chunks(&engine).len(), 1);
    assert!(
        update
            .removed
            .iter()
            .filter(|p| p.starts_with("fr/recherche/words-"))
            .count()
            >= more.len() - 1,
        "{update:?}"
    );
    assert_same_as_full_build(&engine, &site);

    // A note goes: five shards are enough, and the sixth goes.
    std::fs::remove_file(site.root.join("content/sanctions/note-0.fr.md")).unwrap();
    apply(&mut engine, &[content("content/sanctions/note-0.fr.md")]);
    assert!(
        !engine
            .output()
            .unwrap()
            .contains_key("fr/recherche/docs-5.js")
    );
    assert_same_as_full_build(&engine, &site);
}

/// `[outputs]` with the briefings, the side-by-side views and the search left out.
fn without_optional_outputs(site: &Site) {
    let config = read(site, "config.toml");
    site.write(
        "config.toml",
        format!(
            "{config}\n[outputs]\nbriefing = false\nside_by_side = false\nsearch = false\nepub = false\n"
        ),
    );
}

/// Whether a path of the output belongs to a briefing, its e-book or the search (the side-by-side
/// reading is part of the articles' pages: `reads_side_by_side`).
fn is_optional_output(path: &str) -> bool {
    [
        "dossier-imprimable/",
        "/briefing/",
        "/recherche/",
        "/search/",
        "search.js",
        ".epub",
    ]
    .iter()
    .any(|part| path.contains(part))
}

#[test]
fn outputs_left_out_stay_out_through_edits_and_a_change_of_config() {
    let site = Site::fixture("basic");
    let mut engine = open(&site);
    let paths = |engine: &Engine| -> Vec<String> {
        engine
            .output()
            .unwrap()
            .keys()
            .map(|path| path.to_string())
            .collect()
    };
    assert!(paths(&engine).iter().any(|p| is_optional_output(p)));
    assert!(reads_side_by_side(&engine));

    // Turned off while the preview runs: they go from the output.
    without_optional_outputs(&site);
    apply(&mut engine, &[Change::Config]);
    let left: Vec<String> = paths(&engine)
        .into_iter()
        .filter(|p| is_optional_output(p))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    assert!(!reads_side_by_side(&engine));
    assert_same_as_full_build(&engine, &site);

    // A text edit in place renders the article's page alone: no view, no briefing.
    let report = "content/sanctions/un-report.fr.md";
    let text = read(&site, report);
    site.write(report, format!("{text}\nUne phrase de plus.\n"));
    let update = apply(&mut engine, &[content(report)]);
    assert!(update.in_place);
    assert_eq!(update.rendered_pages, 1, "{update:?}");
    assert_same_as_full_build(&engine, &site);
    // A new title (the lists follow, in place) and a new date (the model is rebuilt): still
    // none of them.
    for (from, to, in_place) in [
        (
            "title = \"Le rapport",
            "title = \"Nouveau : le rapport",
            true,
        ),
        ("date = 2019-08-05", "date = 2019-08-06", false),
    ] {
        let text = read(&site, report);
        site.write(report, text.replace(from, to));
        let update = apply(&mut engine, &[content(report)]);
        assert_eq!(update.in_place, in_place, "{update:?}");
        let optional: Vec<&String> = update
            .changed
            .iter()
            .filter(|p| is_optional_output(p))
            .collect();
        assert!(optional.is_empty(), "{optional:?}");
        assert!(!reads_side_by_side(&engine));
        assert_same_as_full_build(&engine, &site);
    }
}

/// Whether a page of the output holds a side-by-side reading.
fn reads_side_by_side(engine: &Engine) -> bool {
    let output = engine.output().unwrap();
    output.keys().any(|path| {
        path.ends_with(".html") && page_of(engine, path).contains("class=\"prose parallel-view\"")
    })
}

/// The text of a page of the engine's output.
fn page_of(engine: &Engine, path: &str) -> String {
    let output = engine.output().unwrap();
    String::from_utf8_lossy(&output[path].in_memory().unwrap()).into_owned()
}

/// Lists of one article a page (`[lists] per_page = 1`): an article that comes, goes, moves or
/// changes topic adds, removes or fills the later pages of its lists, and the sitemap follows.
#[test]
fn the_pages_of_long_lists_follow_every_edit() {
    let site = Site::fixture("basic");
    site.set_per_page(1);
    let mut engine = open(&site);
    let last = "fr/themes/cybercrime/page/4/index.html";
    assert!(
        engine
            .output()
            .unwrap()
            .contains_key("fr/themes/cybercrime/page/3/index.html")
    );
    assert!(!engine.output().unwrap().contains_key(last));

    let added = "content/cybercrime/nouveau.fr.md";
    site.write(
        added,
        "+++\ntitle = \"Nouveau\"\ndate = 2026-01-01\ntopics = [\"cybercrime\"]\n+++\n\nTexte.\n",
    );
    let update = apply(&mut engine, &[content(added)]);
    assert!(update.changed.contains(&last.to_string()), "{update:?}");
    assert!(
        update.changed.contains(&"sitemap.xml".to_string()),
        "{update:?}"
    );
    assert_same_as_full_build(&engine, &site);

    // Older than the others: it moves from the first page to the last.
    site.write(
        added,
        "+++\ntitle = \"Nouveau\"\ndate = 1999-01-01\ntopics = [\"cybercrime\"]\n+++\n\nTexte.\n",
    );
    apply(&mut engine, &[content(added)]);
    assert_same_as_full_build(&engine, &site);

    // A title edited in place.
    site.write(
        added,
        "+++\ntitle = \"Nouveau titre\"\ndate = 1999-01-01\ntopics = [\"cybercrime\"]\n+++\n\nTexte.\n",
    );
    apply(&mut engine, &[content(added)]);
    assert_same_as_full_build(&engine, &site);

    // Two articles of one day: a new title that would put the first after the second by title
    // moves neither (a day's articles are in file order), in place.
    let twin = "content/cybercrime/jumeau.fr.md";
    site.write(
        twin,
        "+++\ntitle = \"Jumeau\"\ndate = 1999-01-01\ntopics = [\"cybercrime\"]\n+++\n\nTexte.\n",
    );
    apply(&mut engine, &[content(twin)]);
    assert_same_as_full_build(&engine, &site);
    site.write(
        twin,
        "+++\ntitle = \"Zèbre\"\ndate = 1999-01-01\ntopics = [\"cybercrime\"]\n+++\n\nTexte.\n",
    );
    let update = apply(&mut engine, &[content(twin)]);
    assert!(update.in_place, "{update:?}");
    assert_same_as_full_build(&engine, &site);
    std::fs::remove_file(site.root.join(twin)).unwrap();
    apply(&mut engine, &[content(twin)]);

    std::fs::remove_file(site.root.join(added)).unwrap();
    let update = apply(&mut engine, &[content(added)]);
    assert!(update.removed.contains(&last.to_string()), "{update:?}");
    assert_same_as_full_build(&engine, &site);

    // The report leaves cybercrime: that topic's lists lose a page, diplomacy's gain one.
    site.write(
        REPORT,
        read(&site, REPORT).replace("[\"sanctions\", \"cybercrime\"]", "[\"diplomacy\"]"),
    );
    let update = apply(&mut engine, &[content(REPORT)]);
    assert!(
        update
            .removed
            .contains(&"fr/themes/cybercrime/page/3/index.html".to_string()),
        "{update:?}"
    );
    assert_same_as_full_build(&engine, &site);
}
