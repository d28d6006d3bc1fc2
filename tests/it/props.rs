//! Property tests (proptest): the front-matter splitter and parser, slugs, relative links and
//! the Markdown renderer never panic and keep their invariants (`props/invariants.rs` and the
//! HTML checker `props/html.rs`, shared with the cargo-fuzz targets of `fuzz/`) on arbitrary
//! and on generated input.
//!
//! Each property runs 256 cases (proptest's default), or `PROPTEST_CASES` when it is set.

mod html;
mod invariants;

use proptest::prelude::*;
use proptest::sample::select;

use invariants::{
    check_article_text, check_moved, check_parse, check_relative, check_rendered, check_slug,
    check_split, render,
};

/// Any text: every `char`, control characters and newlines included.
fn any_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..max).prop_map(String::from_iter)
}

/// Text made of lines that look like an article's: `+++` lines with spaces, `\r` or a
/// byte-order mark around them, TOML, blank lines, anything; joined by `\n`, `\r\n` or `\r`.
fn article_text() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        4 => select(vec![
            "+++", "+++ ", " +++", "+++\r", "+++\t", "\u{feff}+++", "++++", "++", "+++ x",
            "title = \"T\"", "title = \"Corée\"", "date = 2024-02-29", "topics = [\"a\", \"b\"]",
            "slug = \"x\"", "draft = true", "titel = \"x\"", "title = \"\"\"\nT\n\"\"\"",
            "[source]", "name = \"ONU\"", "", " ", "é", "\u{a0}",
        ])
        .prop_map(str::to_string),
        1 => "[^\n]{0,16}",
    ];
    let part = (line, select(vec!["\n", "\n", "\n", "\r\n", "\r", ""]));
    (
        select(vec!["", "", "", "\u{feff}"]),
        prop::collection::vec(part, 0..10),
    )
        .prop_map(|(bom, parts)| {
            let mut text = bom.to_string();
            for (line, end) in parts {
                text.push_str(&line);
                text.push_str(end);
            }
            text
        })
}

/// Front matter that `toml` accepts and that has no `+++` line, as whole lines.
fn valid_front_matter() -> impl Strategy<Value = (String, String)> {
    let extras = prop::sample::subsequence(
        vec![
            "# a comment\n",
            "\n",
            "date = 2024-02-29\n",
            "topics = [\"a\", \"b\"]\n",
            "summary = \"\"\"\nDeux\nlignes\"\"\"\n",
            "slug = \"x\"\n",
            "draft = false\n",
        ],
        0..=7,
    );
    (any_text(40), extras).prop_map(|(title, extras)| {
        let mut matter = extras.concat();
        let quoted = toml::Value::String(title.clone()).to_string();
        matter.push_str(&format!("title = {quoted}\n"));
        (title, matter)
    })
}

/// An output path: 1 to 5 segments of `[a-z0-9.-]` (and some non-ASCII), never `.` or `..`.
fn output_path() -> impl Strategy<Value = String> {
    let segment = prop_oneof![
        3 => select(vec!["fr", "en", "articles", "a", "b", "index.html", "feed.xml", "x.y"])
            .prop_map(str::to_string),
        2 => "[a-z0-9.é-]{1,5}".prop_filter("not a dot segment", |s| s != "." && s != ".."),
    ];
    prop::collection::vec(segment, 1..6).prop_map(|segments| segments.join("/"))
}

/// Markdown-ish text: lines of block markers (headings, quotes, lists, tasks, tables, fences,
/// footnote definitions) and inline pieces (emphasis, links to articles, files and the root,
/// footnote references, heading ids, raw HTML, entities).
fn markdownish() -> impl Strategy<Value = String> {
    let prefix = select(vec![
        "",
        "",
        "",
        "",
        "# ",
        "## ",
        "### ",
        "> ",
        "> > ",
        "- ",
        "* ",
        "1. ",
        "2) ",
        "  ",
        "    ",
        "\t",
        "- [ ] ",
        "- [x] ",
        "* [X] ",
        "  - ",
        "  - [ ] ",
        "  > ",
        "    > ",
        "  1. ",
        "| ",
        "|---|---|\n",
        "```\n",
        "```rust\n",
        "```html\n",
        "```{#x}\n",
        "~~~toml\n",
        "```",
        "[^a]: ",
        "[^b]: ",
        "[^A]: ",
        "[^a b]: ",
        "  [^a]: ",
        "> [^a]: ",
        "<div>",
        "---",
        "===",
        "[r]: /a\n",
        "[r]: x.fr.md\n",
        "<!-- ",
        "    ```\n",
    ]);
    let inline = select(vec![
        "text",
        "Fn a",
        "fn a",
        "fnref a",
        "a",
        "é",
        " ",
        "  ",
        "*",
        "**",
        "_",
        "~~",
        "`",
        "``",
        "[",
        "]",
        "(",
        ")",
        "![",
        "](x.fr.md)",
        "](/a)",
        "](../b.png)",
        "](missing.fr.md)",
        "](#fn-a)",
        "[l](x.fr.md#h)",
        "[l](/a)",
        "[l](/)",
        "[l](/../x)",
        "![i](../b.png)",
        "[l](../../../etc.md)",
        "[l](@/b/y.en.md)",
        "[l](https://e.org)",
        "<https://e.org>",
        "[r]",
        "[l][r]",
        "<",
        ">",
        "&",
        "&amp;",
        "&#60;",
        "&nbsp;",
        "|",
        "{#id}",
        "{#fn-a}",
        "{#x .c}",
        "{#}",
        "[^a]",
        "[^A]",
        "[^a b]",
        "[^a-b]",
        "[^1]",
        "[^!]",
        "[^b]",
        "<script>",
        "</script>",
        "<b>",
        "</b>",
        "<img src=x onerror=alert(1)>",
        "<!--",
        "-->",
        "\\",
        ":",
        " :",
        "«",
        "»",
        " !",
        "?",
        "x.fr.md",
        "\\\n",
        "\n",
        "\n\n",
        "\"",
        "'",
    ]);
    let line = (prefix, prop::collection::vec(inline, 0..7))
        .prop_map(|(prefix, inline)| format!("{prefix}{}", inline.concat()));
    prop::collection::vec(line, 0..14).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #[test]
    fn split_keeps_lines_on_any_text(text in any_text(200)) {
        check_split(&text);
        check_parse(&text, 1);
    }

    #[test]
    fn split_and_parse_keep_lines_on_article_like_text(text in article_text()) {
        check_article_text(&text);
    }

    #[test]
    fn split_gives_back_what_was_joined(
        (_, matter) in valid_front_matter(),
        body in any_text(100),
    ) {
        let text = format!("+++\n{matter}+++\n{body}");
        let split = dossier::model::front_matter::split(&text).unwrap();
        prop_assert_eq!(split.front_matter, matter.as_str());
        prop_assert_eq!(split.body, body.as_str());
        prop_assert_eq!(split.front_matter_line, 2);
        prop_assert_eq!(split.body_line, 3 + matter.matches('\n').count());
        check_split(&text);
    }

    #[test]
    fn parse_reads_any_title_and_reports_file_lines(
        (title, matter) in valid_front_matter(),
        first_line in 1..10_000usize,
    ) {
        use dossier::model::front_matter::{read, Format};
        let parsed = read(Format::Toml, &matter, first_line).unwrap();
        prop_assert_eq!(&parsed.title.value, &title);
        check_parse(&matter, first_line);
        // An unknown key is reported on its own file line.
        let typo_line = first_line + matter.matches('\n').count();
        let errors = read(Format::Toml, &format!("{matter}titel = 1\n"), first_line)
            .unwrap_err();
        prop_assert_eq!(errors[0].line, typo_line, "{}", errors[0].message);
    }

    #[test]
    fn parse_never_panics(matter in any_text(120), first_line in 1..10_000usize) {
        check_parse(&matter, first_line);
    }

    #[test]
    fn slugs_are_clean_and_idempotent(text in any_text(60)) {
        check_slug(&text);
    }

    #[test]
    fn slugs_of_titles(text in "[ a-zA-Z0-9éèàçÉ«»:'’!?.,_/-]{0,40}") {
        check_slug(&text);
    }

    #[test]
    fn relative_links_lead_to_their_target(from in output_path(), to in output_path()) {
        check_relative(&from, &to);
        check_relative(&from, &from);
    }

    #[test]
    fn markdown_of_any_text(body in any_text(300), french in any::<bool>()) {
        check_rendered(&body, &render(&body, french, false));
    }

    #[test]
    fn markdown_of_markdownish_text(body in markdownish(), french in any::<bool>()) {
        check_rendered(&body, &render(&body, french, false));
    }

    #[test]
    fn markdown_moved_onto_the_briefing(body in markdownish(), french in any::<bool>()) {
        check_moved(&render(&body, french, false));
    }

    #[test]
    fn markdown_with_raw_html_never_panics(body in markdownish()) {
        render(&body, false, true);
    }
}

/// What the properties found, kept as plain cases.
#[test]
fn inputs_found_by_the_properties() {
    // `\r\n` after the opening `+++`: the front matter starts on line 2, not inside line 1.
    let split = dossier::model::front_matter::split("+++\r\ntitle = \"T\"\r\n+++\r\nBody").unwrap();
    assert_eq!(
        (split.front_matter, split.body_line),
        ("title = \"T\"\r\n", 4)
    );
    check_split("+++\r\n+++\r\n");

    for body in [
        // Footnote ids: a label defined twice, labels with one slug, a note like a heading.
        "[^a b]: x\n[^a b]: y",
        "x[^a b] y[^a-b] z[^A-B] w[^a b]\n\n[^a b]: 1\n[^a-b]: 2\n[^A-B]: 3",
        "# Fn a\n\nx[^a]\n\n# Fn a\n\n[^a]: note",
        // A task's label around a block of its item, or a setext heading in it.
        "- [ ] \n  [^a]: ",
        "- [ ] a\n  > b",
        "- [ ] text\n  - ",
        // A link in a link's text.
        "[<https://e.org>](x.fr.md)",
    ] {
        check_rendered(body, &render(body, false, false));
    }

    let out = render(
        "Contexte\net suite\n===\n\n# Vec<T> : <script>\n",
        true,
        false,
    );
    let texts: Vec<(&str, &str)> = out
        .headings
        .iter()
        .map(|h| (h.id.as_str(), h.text.as_str()))
        .collect();
    assert_eq!(
        texts,
        [
            ("contexte-et-suite", "Contexte et suite"),
            // Raw HTML (`<T>` is a tag) is left out when not allowed, with a warning.
            ("vec", "Vec :")
        ]
    );

    // pulldown-cmark panics on this text: an error on the body's first line instead.
    let out = render("- [ ] \\\n  - \n", false, false);
    assert_eq!(out.problems.len(), 1, "{:?}", out.problems);
    assert_eq!(out.problems[0].0, 7);
}
