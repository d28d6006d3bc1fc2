//! Bodies as real sites write them (SPEC §8): shortcodes of other generators, raw HTML and
//! comments, summaries, footnotes, the Markdown Hugo readers expect.

use crate::support::{Site, text};

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
