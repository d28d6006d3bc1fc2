//! Limits: an article of 8 MiB, Markdown nested 20,000 deep, a title and a summary of 10,000
//! characters, a site of 50,000 files. Each builds, without crashing, into the right pages.
//! How long they take is measured in `BENCHMARKS.md`, never asserted here.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use regex::Regex;

use crate::support::{Site, assert_clean, assert_clean_but, read};

/// How deep the nesting cases go.
const DEEP: usize = 20_000;

fn front_matter(title: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ndate = 2025-01-01\ntopics = [\"diplomacy\"]\n+++\n\n")
}

/// About `size` bytes of the Markdown an editor writes: headings (one title used again and
/// again), paragraphs with French punctuation, links to other articles, to a heading and to
/// the web, emphasis, lists, quotes, footnotes, and now and then a table and some code.
/// Returns the text and its number of sections.
fn long_article(size: usize) -> (String, usize) {
    let mut text = front_matter("Un très long article");
    let mut section = 0;
    while text.len() < size {
        if section % 2 == 0 {
            text.push_str("## Contexte\n\n");
        } else {
            let _ = write!(text, "## Section {section} : les faits\n\n");
        }
        let _ = write!(
            text,
            "Le sommet s'est achevé sans accord ; les négociateurs « fatigués » ont-ils échoué ? \
             Voir [le rapport](../sanctions/un-report.fr.md#conclusions), \
             [l'article](@/cybercrime/lazarus.fr.md), [la source](https://example.org/{section}) \
             et [plus haut](#contexte). Du *texte en italique*, du **gras**, du `code`, \
             ~~barré~~[^n{section}].\n\n\
             - premier point {section}\n- second point\n  - un sous-point\n\n\
             > Une citation : « importante ».\n\n\
             1. un\n2. deux\n\n\
             [^n{section}]: Note {section}.\n\n"
        );
        if section % 100 == 0 {
            text.push_str("| Année | Cible |\n|---|---|\n| 2016 | Banque |\n\n");
            text.push_str("```rust\nfn main() { println!(\"Lazarus\"); }\n```\n\n");
        }
        section += 1;
    }
    let _ = writeln!(text, "Fin du texte, section {section}.");
    (text, section)
}

#[test]
fn an_article_of_8_mib_builds_and_its_errors_name_their_line() {
    let site = Site::fixture("basic");
    let (text, sections) = long_article(8 << 20);
    let path = "content/diplomacy/long.fr.md";

    // A broken link on the last line is reported with that line.
    let broken = format!("{text}\nVoir [l'absent](absent.fr.md).\n");
    site.write(path, &broken);
    let output = site.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let line = broken.lines().count();
    assert!(
        stderr.contains(&format!("{path}:{line}: link `absent.fr.md`")),
        "{stderr}"
    );
    assert!(!site.public().exists(), "a failed build writes nothing");

    site.write(path, &text);
    assert_clean(&site.build(&[]));
    let page = read(&site.public().join("fr/articles/long/index.html"));
    assert!(page.trim_end().ends_with("</html>"));
    assert!(page.contains(&format!("Fin du texte, section {sections}.")));
    let text = prose(&page);
    let headings = Regex::new(r#"<h2 id="([^"]+)">"#).unwrap();
    let ids: Vec<&str> = headings
        .captures_iter(text)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    // The title used again and again takes the next free suffix each time.
    let expected: Vec<String> = (0..sections)
        .map(|i| match i {
            0 => "contexte".to_string(),
            i if i % 2 == 0 => format!("contexte-{}", i / 2),
            i => format!("section-{i}-les-faits"),
        })
        .collect();
    assert!(ids == expected, "heading ids differ");
    assert_eq!(
        text.matches("href=\"../un-report/index.html#conclusions\"")
            .count(),
        sections
    );
    assert!(text.contains(&format!("id=\"fn-n{}\"", sections - 1)));
}

/// Each case: a file name, its Markdown body, and what the article's text must then hold,
/// with how many times (CommonMark's reading: a link cannot hold a link, so only the innermost
/// brackets make one; `**` pairs make strong emphasis).
type Nesting = (&'static str, String, Vec<(&'static str, usize)>);

fn nesting_cases() -> Vec<Nesting> {
    let open_close = |open: &'static str, close: &'static str| vec![(open, DEEP), (close, DEEP)];
    vec![
        (
            "quotes",
            format!("{} fond\n", ">".repeat(DEEP)),
            open_close("<blockquote>", "</blockquote>"),
        ),
        (
            "bullets",
            format!("{}fond\n", "- ".repeat(DEEP)),
            [open_close("<ul>", "</ul>"), open_close("<li>", "</li>")].concat(),
        ),
        (
            "numbers",
            format!("{}fond\n", "1. ".repeat(DEEP)),
            open_close("<ol>", "</ol>"),
        ),
        (
            "quoted-lists",
            format!("{}fond\n", "> - ".repeat(DEEP)),
            [
                open_close("<blockquote>", "</blockquote>"),
                open_close("<ul>", "</ul>"),
            ]
            .concat(),
        ),
        (
            "brackets",
            format!("{}x{}\n", "[".repeat(DEEP), "]".repeat(DEEP)),
            open_close("[", "]"),
        ),
        (
            "links",
            format!(
                "{}x{}\n",
                "[".repeat(DEEP),
                "](https://example.org/)".repeat(DEEP)
            ),
            // One link; the other addresses are bare text, each made a link of its own (GFM
            // autolinks), none inside another.
            vec![
                ("<a href=\"https://example.org/\">x</a>", 1),
                (
                    "](<a href=\"https://example.org/\">https://example.org/</a>)",
                    DEEP - 1,
                ),
            ],
        ),
        (
            "emphasis",
            format!("{}x{}\n", "*a ".repeat(DEEP), " b*".repeat(DEEP)),
            open_close("<em>", "</em>"),
        ),
        (
            "strong",
            format!("{}x{}\n", "*".repeat(DEEP), "*".repeat(DEEP)),
            vec![("<strong>", DEEP / 2), ("</strong>", DEEP / 2), ("<em>", 0)],
        ),
        (
            "struck",
            format!("{}x{}\n", "~~a ".repeat(DEEP), " b~~".repeat(DEEP)),
            open_close("<del>", "</del>"),
        ),
        (
            // Raw HTML is left out (with a warning): none of it shows, as text or as tags.
            "raw-html",
            format!("{}x{}\n", "<div>".repeat(DEEP), "</div>".repeat(DEEP)),
            vec![("div&gt;", 0), ("<div>", 0)],
        ),
    ]
}

/// The article's own text on its page.
fn prose(page: &str) -> &str {
    let start = page
        .find("<div class=\"prose\">")
        .expect("the article's text");
    let rest = &page[start..];
    // The body ends where the sources or reading paths begin, else with the article.
    let end = [
        "<section class=\"sources\"",
        "<nav class=\"reading-paths\"",
        "</article>",
    ]
    .iter()
    .filter_map(|marker| rest.find(marker))
    .min()
    .expect("the end of the article");
    &rest[..end]
}

#[test]
fn markdown_nested_20000_deep_builds() {
    let site = Site::fixture("basic");
    let cases = nesting_cases();
    for (name, body, _) in &cases {
        site.write(
            &format!("content/diplomacy/{name}.fr.md"),
            format!("{}{body}", front_matter(name)),
        );
    }
    assert_clean_but(
        &site.build(&[]),
        &[
            "warning: content/diplomacy/raw-html.fr.md:7: raw HTML left out",
            "warning: content/diplomacy/raw-html.fr.md:6: the article has no text",
        ],
    );
    for (name, _, expected) in &cases {
        let page = read(&site.public().join(format!("fr/articles/{name}/index.html")));
        assert!(page.trim_end().ends_with("</html>"), "{name}");
        let text = prose(&page);
        for (needle, count) in expected {
            assert_eq!(text.matches(needle).count(), *count, "{name}: {needle}");
        }
    }
}

#[test]
fn a_title_and_a_summary_of_10000_characters() {
    let site = Site::fixture("basic");
    let title = long_text("« Sanctions » : que reste-t-il des accords de Hanoï ? ");
    let summary = long_text("Un résumé « long » ; vraiment ! ");
    let english = long_text("A very long title: ");
    site.write(
        "content/diplomacy/long.fr.md",
        format!(
            "+++\ntitle = \"{title}\"\nsummary = \"{summary}\"\ndate = 2025-01-01\ntopics = [\"diplomacy\"]\n+++\n\nCorps.\n"
        ),
    );
    site.write(
        "content/diplomacy/long.en.md",
        format!("+++\ntitle = \"{english}\"\n+++\n\nBody.\n"),
    );
    assert_clean(&site.build(&[]));

    // French spacing, as on every French text: no-break spaces inside « » and before :, and
    // narrow ones before ; ! ?
    let french = |text: &str| {
        text.replace("« ", "«\u{a0}")
            .replace(" »", "\u{a0}»")
            .replace(" :", "\u{a0}:")
            .replace(" ;", "\u{202f};")
            .replace(" !", "\u{202f}!")
            .replace(" ?", "\u{202f}?")
    };
    let (title, summary) = (french(&title), french(&summary));
    let page = read(&site.public().join("fr/articles/long/index.html"));
    assert!(page.contains(&format!("<h1>{title}</h1>")));
    assert!(page.contains(&format!("<title>{title} · ")));
    assert!(page.contains(&format!(
        "<meta name=\"description\" content=\"{summary}\">"
    )));
    let page = read(&site.public().join("en/articles/long/index.html"));
    assert!(page.contains(&format!("<h1>{english}</h1>")));
    // The home shows it in a topic card, by its title alone.
    assert!(read(&site.public().join("fr/index.html")).contains(&title));
    for listing in ["fr/themes/diplomacy/index.html", "fr/feed.xml"] {
        let text = read(&site.public().join(listing));
        assert!(text.contains(&title), "{listing}: the title");
        assert!(text.contains(&summary), "{listing}: the summary");
    }
}

/// 10,000 characters of `phrase` again and again, closed by a full stop.
fn long_text(phrase: &str) -> String {
    let mut text: String = phrase.chars().cycle().take(9_999).collect();
    text.push('.');
    assert_eq!(text.chars().count(), 10_000);
    text
}

/// Translation pairs in the site of 50,000 files.
const PAIRS: usize = 25_000;
const TOPICS: [&str; 3] = ["diplomacy", "sanctions", "cybercrime"];

#[test]
fn a_site_of_50000_files() {
    let site = Site::fixture("basic");
    for i in 0..PAIRS {
        let folder = format!("content/bulk/{:03}", i / 1000);
        let date = format!(
            "{}-{:02}-{:02}",
            2000 + i / 336 % 25,
            1 + i / 28 % 12,
            1 + i % 28
        );
        let topic = TOPICS[i % 3];
        site.write(
            &format!("{folder}/a{i:05}.fr.md"),
            format!(
                "+++\ntitle = \"Article {i}\"\ndate = {date}\ntopics = [\"{topic}\"]\n+++\n\nTexte {i}.\n"
            ),
        );
        site.write(
            &format!("{folder}/a{i:05}.en.md"),
            format!("+++\ntitle = \"Article {i} (en)\"\n+++\n\nText {i}.\n"),
        );
    }
    assert_clean(&site.build(&[]));
    let public = site.public();

    for i in 0..PAIRS {
        for lang in ["fr", "en"] {
            let page = public.join(format!("{lang}/articles/a{i:05}/index.html"));
            assert!(page.is_file(), "{}", page.display());
        }
    }
    // A sampled pair: its own title, its translation as alternate, the date inherited.
    let fr = read(&public.join("fr/articles/a12345/index.html"));
    let en = read(&public.join("en/articles/a12345/index.html"));
    assert!(fr.contains("<h1>Article 12345</h1>"));
    assert!(en.contains("<h1>Article 12345 (en)</h1>"));
    assert!(fr.contains(
        "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.github.io/fixture/en/articles/a12345/\">"
    ));
    assert!(fr.contains("datetime=\"2011-09-26\""));
    assert!(en.contains("datetime=\"2011-09-26\""));

    // A topic's pages list every article of its topic once, 50 a page (`[lists] per_page`).
    let mut listed = BTreeSet::new();
    let mut pages = 0;
    for n in 1.. {
        let path = match n {
            1 => public.join("fr/themes/diplomacy/index.html"),
            n => public.join(format!("fr/themes/diplomacy/page/{n}/index.html")),
        };
        let Ok(page) = std::fs::read_to_string(&path) else {
            break;
        };
        let here: BTreeSet<&str> = page
            .split("articles/a")
            .skip(1)
            .map(|rest| &rest[..5])
            .collect();
        assert!(here.len() <= 50, "{} lists {}", path.display(), here.len());
        listed.extend(here.into_iter().map(str::to_owned));
        pages += 1;
    }
    assert_eq!(listed.len(), PAIRS.div_ceil(3));
    assert_eq!(pages, PAIRS.div_ceil(3).div_ceil(50));

    // More than 50,000 URLs: the sitemap is an index of sitemaps that list every page once.
    let index = read(&public.join("sitemap.xml"));
    assert!(index.contains("<sitemapindex"), "{index}");
    let pages = count_pages(&public);
    let mut urls = 0;
    for n in 1.. {
        let Ok(sitemap) = std::fs::read_to_string(public.join(format!("sitemap-{n}.xml"))) else {
            break;
        };
        let here = sitemap.matches("<loc>").count();
        assert!(here <= 50_000, "sitemap-{n}.xml lists {here} URLs");
        urls += here;
    }
    assert_eq!(urls, pages);
}

/// Pages of a built site: every `index.html`.
fn count_pages(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_dir() {
                count_pages(&entry.path())
            } else {
                usize::from(entry.file_name() == "index.html")
            }
        })
        .sum()
}
