//! Key figures (`[[figures]]`, issue 29): a box on the article, a translation's figures
//! inheriting their date, source and actors from the original's at the same place, and the
//! newest gathered on the topics' and the actors' pages; their mistakes reported by line.

use crate::actors::site_with_actors;
use crate::support::{Site, broken_links, read};

pub(crate) const UN_REPORT_FR: &str = "content/sanctions/un-report.fr.md";
pub(crate) const UN_REPORT_EN: &str = "content/sanctions/un-report.en.md";
const LAZARUS: &str = "content/cybercrime/lazarus.fr.md";

/// The French report's figures, with every fact, and the English one's, value and label
/// only.
pub(crate) const FIGURES_FR: &str = "[[figures]]\n\
    value = \"2 milliards de dollars\"\n\
    label = \"volés par des cyberattaques\"\n\
    date = 2019\n\
    source = \"Groupe d’experts de l’ONU\"\n\
    url = \"https://www.un.org/securitycouncil/\"\n\
    actors = [\"north-korea\", \"un\"]\n\
    [[figures]]\n\
    value = \"35\"\n\
    label = \"cas examinés par les experts\"\n\
    date = 2019-08-05\n\
    actors = [\"interpol\"]\n";
pub(crate) const FIGURES_EN: &str = "[[figures]]\n\
    value = \"$2 billion\"\n\
    label = \"stolen in cyber-attacks\"\n\
    source = \"UN Panel of Experts\"\n\
    [[figures]]\n\
    value = \"35\"\n\
    label = \"cases the experts looked into\"\n";

/// `site`'s `file` with `figures` at the end of its front matter.
pub(crate) fn add_figures(site: &Site, file: &str, figures: &str) {
    let text = read(&site.root.join(file));
    let close = text[3..].find("+++").expect("a TOML front matter") + 3;
    site.write(
        file,
        format!("{}{figures}{}", &text[..close], &text[close..]),
    );
}

/// The key figures' box of a page.
fn figures_of(html: &str) -> &str {
    let start = html
        .find("<section class=\"figures\"")
        .unwrap_or_else(|| panic!("no key figures in:\n{html}"));
    let end = start + html[start..].find("</section>").unwrap() + "</section>".len();
    &html[start..end]
}

#[test]
fn an_article_shows_its_figures_and_a_translation_inherits_their_facts() {
    let site = site_with_actors();
    add_figures(&site, UN_REPORT_FR, FIGURES_FR);
    add_figures(&site, UN_REPORT_EN, FIGURES_EN);
    let public = site.build_ok();
    assert_eq!(broken_links(&public), Vec::<String>::new());

    let fr = read(&public.join("fr/articles/un-report/index.html"));
    insta::assert_snapshot!("figures_article_fr", figures_of(&fr));
    // Before the text.
    let (figures, prose) = (fr.find("class=\"figures\""), fr.find("class=\"prose"));
    assert!(figures.is_some() && figures < prose);
    // In English: its own value, label and source; the date, address and actors the French
    // figure at its place gives.
    let en = read(&public.join("en/articles/un-report/index.html"));
    let box_en = figures_of(&en);
    insta::assert_snapshot!("figures_article_en", box_en);
    assert!(box_en.contains("<time datetime=\"2019\">2019</time> · Source: <a href=\"https://www.un.org/securitycouncil/\">UN Panel of Experts</a>"), "{box_en}");
    assert!(
        box_en.contains("<time datetime=\"2019-08-05\">August 5, 2019</time>"),
        "{box_en}"
    );

    // The actors a figure concerns: the figure on their pages, in both languages, leading to
    // the article; not on the page of an actor it does not concern.
    let un = read(&public.join("en/actors/un/index.html"));
    let gathered = figures_of(&un);
    assert!(gathered.contains(">$2 billion</p>"), "{gathered}");
    assert!(!gathered.contains(">35</p>"), "{gathered}");
    assert!(
        gathered.contains("href=\"../../articles/un-report/index.html\""),
        "{gathered}"
    );
    let korea = read(&public.join("fr/acteurs/north-korea/index.html"));
    assert!(figures_of(&korea).contains(">2 milliards de dollars</p>"));
    // An actor a figure concerns is one the article names, though its text does not.
    let interpol = read(&public.join("fr/acteurs/interpol/index.html"));
    assert!(interpol.contains("href=\"../../articles/un-report/index.html\""));
    let gathered = figures_of(&interpol);
    assert!(
        gathered.contains(">35</p>") && !gathered.contains(">2 milliards de dollars</p>"),
        "{gathered}"
    );
}

/// Ten figures of a French article: the topic's first page, in both languages, and the
/// page of the actor they concern gather the eight newest, say so, and mark those in French
/// on the English pages; the later pages of the topic do not repeat them.
#[test]
fn topic_and_actor_pages_gather_the_newest_figures() {
    let site = site_with_actors();
    let figures: String = (2010..2020)
        .map(|year| {
            format!(
                "[[figures]]\nvalue = \"{} millions\"\nlabel = \"volés en {year}\"\n\
                 date = {year}\nactors = [\"lazarus\"]\n",
                year - 2000
            )
        })
        .collect();
    add_figures(&site, LAZARUS, &figures);
    site.set_per_page(1);
    let public = site.build_ok();
    assert_eq!(broken_links(&public), Vec::<String>::new());

    let topic = read(&public.join("fr/themes/cybercrime/index.html"));
    let gathered = figures_of(&topic);
    assert!(gathered.contains("<p class=\"figures-note\">Les 8 plus récents sur 10</p>"));
    let values: Vec<&str> = gathered
        .split("<p class=\"figure-value\">")
        .skip(1)
        .map(|v| v.split('<').next().unwrap())
        .collect();
    assert_eq!(
        values,
        [
            "19 millions",
            "18 millions",
            "17 millions",
            "16 millions",
            "15 millions",
            "14 millions",
            "13 millions",
            "12 millions"
        ]
    );
    let later = read(&public.join("fr/themes/cybercrime/page/2/index.html"));
    assert!(!later.contains("class=\"figures\""), "{later}");

    let actor = read(&public.join("en/actors/lazarus/index.html"));
    let gathered = figures_of(&actor);
    insta::assert_snapshot!("figures_gathered_actor_en", gathered);
    assert!(gathered.contains("<p class=\"figure-value\" lang=\"fr\">19 millions</p>"));
    assert!(gathered.contains("The 8 newest of 10"));
}

const BAD: &str =
    "+++\ntitle = \"Le groupe Lazarus\"\ndate = 2024-01-01\ntopics = [\"cybercrime\"]\n";

/// Each mistake in a figure: its file and line, what is wrong and what would do.
#[test]
fn a_figure_s_mistakes_are_reported_with_their_lines() {
    let cases: [(&str, &str); 7] = [
        (
            "unknown field",
            "[[figures]]\nvalue = \"3\"\nlabel = \"x\"\nvaleur = \"3\"\n",
        ),
        ("no label", "[[figures]]\nvalue = \"3\"\n"),
        (
            "an empty value",
            "[[figures]]\nvalue = \" \"\nlabel = \"x\"\n",
        ),
        (
            "a year that is not",
            "[[figures]]\nvalue = \"3\"\nlabel = \"x\"\ndate = 20190\n",
        ),
        (
            "not a date",
            "[[figures]]\nvalue = \"3\"\nlabel = \"x\"\ndate = \"l’an dernier\"\n",
        ),
        (
            "an actor not declared and an address",
            "[[figures]]\nvalue = \"3\"\nlabel = \"x\"\nactors = [\"lazaru\"]\nurl = \"www.un.org\"\n",
        ),
        ("not a table", "figures = \"3 milliards\"\n"),
    ];
    let mut report = String::new();
    for (what, figures) in cases {
        let site = site_with_actors();
        site.write(LAZARUS, format!("{BAD}{figures}+++\n\nTexte.\n"));
        let output = site.build(&[]);
        assert_eq!(output.status.code(), Some(1), "{what}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        report.push_str(&format!("# {what}\n{stderr}\n"));
    }
    insta::assert_snapshot!(report);
}

/// In YAML and JSON front matter, `figures` is a list of maps, as Hugo's sites write lists.
#[test]
fn figures_read_the_same_in_yaml_and_json() {
    let yaml = "---\ntitle: Le groupe Lazarus\ndate: 2024-01-01\ntopics: [cybercrime]\n\
                figures:\n  - value: 1,5 milliard de dollars\n    label: volés à Bybit\n    \
                date: 2025\n    actors: [lazarus]\n---\n\nTexte.\n";
    let json = "{\n\"title\": \"Le groupe Lazarus\", \"date\": \"2024-01-01\", \
                \"topics\": [\"cybercrime\"],\n\"figures\": [{\"value\": \"1,5 milliard de dollars\", \
                \"label\": \"volés à Bybit\", \"date\": 2025, \"actors\": [\"lazarus\"]}]\n}\n\nTexte.\n";
    let mut boxes = Vec::new();
    for text in [yaml, json] {
        let site = site_with_actors();
        site.write(LAZARUS, text);
        let public = site.build_ok();
        let page = read(&public.join("fr/articles/lazarus/index.html"));
        boxes.push(figures_of(&page).to_string());
        let actor = read(&public.join("fr/acteurs/lazarus/index.html"));
        assert!(figures_of(&actor).contains(">1,5 milliard de dollars</p>"));
    }
    assert_eq!(boxes[0], boxes[1]);
    assert!(
        boxes[0].contains("<time datetime=\"2025\">2025</time>"),
        "{}",
        boxes[0]
    );
}
