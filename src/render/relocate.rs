//! Moving a rendered body onto another page. Each body is rendered once, for the article's
//! own page; the printable briefing and its translations' pages (side by side) show it elsewhere. Moved, its
//! ids get a prefix, so that two bodies on one page never share one, and the body's
//! `#fragment` links follow; relative links are made relative to the new page; on the
//! briefing, a link to an article it shows leads to that article's section, and headings go
//! two levels down, under the topic's and the article's own. Pure: text in, text out.
//!
//! The HTML is the Markdown renderer's (author text escaped, attributes quoted), or the
//! author's own when `allow_raw_html` is on: tags are read with their quoted values, comments
//! and the text of `<script>` and `<style>` are copied as they are.

use crate::site::urls;
use crate::text::html;

/// Where a body moves.
pub struct Move<'a> {
    /// The article's page, which the body's relative links start from.
    pub page: &'a str,
    /// The page the body moves onto.
    pub to: &'a str,
    /// Put before each id the body defines, and each of its `#fragment` links: `{anchor}.`
    /// on the briefing (neither codes nor slugs hold a `.`), `{code}-` on a side-by-side view.
    pub id_prefix: &'a str,
    /// How many levels its headings go down (`h2` → `h4` for 2), at most to `h6`.
    pub headings_down: u8,
    /// The section id of the article at an output path, when the new page shows it (the
    /// briefing): a link to that article leads there.
    pub section_of: &'a dyn Fn(&str) -> Option<String>,
}

/// Attributes that hold an id, or a list of ids.
const ID_ATTRIBUTES: &[&str] = &[
    "id",
    "for",
    "headers",
    "aria-labelledby",
    "aria-describedby",
    "aria-controls",
    "aria-owns",
];

/// True when moving `html` changes nothing: its headings stay where they are and it has no
/// attribute with a value (no `=` at all), so no id and no link. Most cells of side-by-side
/// views are such paragraphs.
fn unchanged(html: &str, to: &Move) -> bool {
    to.headings_down == 0 && memchr::memchr(b'=', html.as_bytes()).is_none()
}

/// The body, moved: appended to `out`. Most of it is copied in long runs: only heading
/// names and the values of id and link attributes are written anew.
pub fn move_body(html: &str, to: &Move, out: &mut String) {
    if unchanged(html, to) {
        out.push_str(html);
        return;
    }
    move_tags(html, to, out);
}

/// The body, moved: `html` itself when nothing changes (not copied), else `buffer` cleared
/// and filled with it.
pub fn moved<'a>(html: &'a str, to: &Move, buffer: &'a mut String) -> &'a str {
    if unchanged(html, to) {
        return html;
    }
    buffer.clear();
    move_tags(html, to, buffer);
    buffer
}

/// `move_body`, tag by tag.
fn move_tags(html: &str, to: &Move, out: &mut String) {
    out.reserve(html.len() + html.len() / 8);
    let mut copy = Copy { html, copied: 0 };
    for tag in html::tags(html) {
        let name = &html[tag.name.clone()];
        if let Some(heading) = heading_down(name, to.headings_down) {
            copy.replace(tag.name.clone(), &heading, out);
        }
        if !tag.closing {
            attributes(tag.name.end..tag.range.end, to, &mut copy, out);
        }
    }
    out.push_str(&html[copy.copied..]);
}

/// The body as copied so far: everything before `copied` is in `out`.
struct Copy<'a> {
    html: &'a str,
    copied: usize,
}

impl Copy<'_> {
    /// Copies up to `range`, then writes `with` in its place.
    fn replace(&mut self, range: std::ops::Range<usize>, with: &str, out: &mut String) {
        out.push_str(&self.html[self.copied..range.start]);
        out.push_str(with);
        self.copied = range.end;
    }
}

/// `h2` → `h4` for 2 levels down; `None` for other elements, or when nothing moves.
fn heading_down(name: &str, levels: u8) -> Option<String> {
    if levels == 0 {
        return None;
    }
    let level = name.strip_prefix(['h', 'H'])?.parse::<u8>().ok()?;
    (1..=6)
        .contains(&level)
        .then(|| format!("h{}", level.saturating_add(levels).min(6)))
}

/// Rewrites the ids and links among a tag's attributes (`tag`: from the end of its name to
/// its end).
fn attributes(tag: std::ops::Range<usize>, to: &Move, copy: &mut Copy, out: &mut String) {
    for html::Attribute {
        name,
        value,
        unclosed,
    } in html::attributes(copy.html, tag)
    {
        let name = &copy.html[name];
        let text = &copy.html[value.clone()];
        let mut moved = if ID_ATTRIBUTES.iter().any(|a| a.eq_ignore_ascii_case(name)) {
            let mut ids = String::with_capacity(text.len() + 2 * to.id_prefix.len());
            for id in text.split_ascii_whitespace() {
                if !ids.is_empty() {
                    ids.push(' ');
                }
                ids.push_str(to.id_prefix);
                ids.push_str(id);
            }
            ids
        } else if name.eq_ignore_ascii_case("href") || name.eq_ignore_ascii_case("src") {
            link(text, to)
        } else if unclosed.is_some() {
            text.to_string()
        } else {
            continue;
        };
        // A quoted value cut by the end of the body is closed.
        moved.extend(unclosed);
        copy.replace(value, &moved, out);
    }
}

/// A link of the body, as it must read on the briefing.
fn link(value: &str, to: &Move) -> String {
    if let Some(fragment) = value.strip_prefix('#') {
        return if fragment.is_empty() {
            value.to_string()
        } else {
            ["#", to.id_prefix, fragment].concat()
        };
    }
    if value.is_empty()
        || urls::has_scheme(value)
        || value.starts_with('/')
        || value.starts_with('?')
    {
        return value.to_string();
    }
    let (rest, fragment) = match value.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment)),
        None => (value, None),
    };
    let (path, query) = match rest.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (rest, None),
    };
    let folder = to.page.rsplit_once('/').map(|(f, _)| f).unwrap_or("");
    let Some(mut target) = urls::normalize(&[folder, "/", path].concat()) else {
        return value.to_string();
    };
    if query.is_none() {
        // Most links have nothing to decode: the target itself, not a copy.
        let decoded = match target.contains(['&', '%']) {
            true => std::borrow::Cow::Owned(
                percent_encoding::percent_decode_str(&target.replace("&amp;", "&"))
                    .decode_utf8_lossy()
                    .into_owned(),
            ),
            false => std::borrow::Cow::Borrowed(target.as_str()),
        };
        if let Some(section) = (to.section_of)(&decoded) {
            return match fragment {
                Some(fragment) if !fragment.is_empty() => ["#", &section, ".", fragment].concat(),
                _ => ["#", &section].concat(),
            };
        }
    }
    if path.ends_with('/') && !target.is_empty() {
        target.push('/');
    }
    let mut link = urls::relative(to.to, &target);
    if let Some(query) = query {
        link.push('?');
        link.push_str(query);
    }
    if let Some(fragment) = fragment {
        link.push('#');
        link.push_str(fragment);
    }
    link
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn moved(html: &str) -> String {
        let section_of = |path: &str| match path {
            "fr/articles/b/index.html" => Some("fr_b".to_string()),
            "en/articles/é/index.html" => Some("en_é".to_string()),
            "fr/articles/a/index.html" => Some("fr_a".to_string()),
            _ => None,
        };
        let to = Move {
            page: "fr/articles/a/index.html",
            to: "fr/dossier-imprimable/index.html",
            id_prefix: "fr_a.",
            headings_down: 2,
            section_of: &section_of,
        };
        let mut out = String::new();
        move_body(html, &to, &mut out);
        out
    }

    #[test]
    fn ids_and_fragments_get_the_article_prefix() {
        assert_eq!(
            moved(
                "<h2 id=\"contexte\">Contexte</h2>\n<p>Voir<sup class=\"footnote-reference\" id=\"fnref-1\"><a href=\"#fn-1\">1</a></sup> <a href=\"#contexte\">ici</a> <a href=\"#\">haut</a></p>"
            ),
            "<h4 id=\"fr_a.contexte\">Contexte</h4>\n<p>Voir<sup class=\"footnote-reference\" id=\"fr_a.fnref-1\"><a href=\"#fr_a.fn-1\">1</a></sup> <a href=\"#fr_a.contexte\">ici</a> <a href=\"#\">haut</a></p>"
        );
    }

    #[test]
    fn links_to_shown_articles_lead_to_their_section() {
        assert_eq!(
            moved(
                "<a href=\"../b/index.html#conclusions\">b</a> <a href=\"../../../en/articles/%C3%A9/index.html\">é</a> <a href=\"index.html#x\">self</a>"
            ),
            "<a href=\"#fr_b.conclusions\">b</a> <a href=\"#en_é\">é</a> <a href=\"#fr_a.x\">self</a>"
        );
    }

    #[test]
    fn other_relative_links_start_from_the_briefing() {
        assert_eq!(
            moved(
                "<img src=\"../../../files/a/map%20v2.png\" alt=\"x\" /> <a href=\"../c/index.html#part\">c</a> <a href=\"../../../fr/\">fr</a> <a href=\"?q=1\">q</a>"
            ),
            "<img src=\"../../files/a/map%20v2.png\" alt=\"x\" /> <a href=\"../articles/c/index.html#part\">c</a> <a href=\"../\">fr</a> <a href=\"?q=1\">q</a>"
        );
    }

    #[test]
    fn external_links_text_comments_and_scripts_are_kept() {
        let html = "<p title='a > b' data-x=\"<h2 id=x>\">id=\"x\" href=\"#y\" &lt;h2&gt;</p><!-- <h2 id=\"c\"> --><a href=\"https://e.org/#x\" hreflang=en>e</a><script>if (a<b) x = '<h1 id=\"s\">';</script><pre class=\"code\"><code><span class=\"k\">fn</span></code></pre>";
        assert_eq!(moved(html), html);
    }

    #[test]
    fn headings_go_two_levels_down_and_id_lists_are_prefixed() {
        assert_eq!(
            moved(
                "<H1>T</H1><h5 ID=x>y</h5><h6>z</h6><label for=\"a\" aria-describedby=\"b c\">l</label>"
            ),
            "<h3>T</h3><h6 ID=fr_a.x>y</h6><h6>z</h6><label for=\"fr_a.a\" aria-describedby=\"fr_a.b fr_a.c\">l</label>"
        );
    }

    #[test]
    fn onto_a_side_by_side_view_headings_stay_and_links_follow() {
        let none = |_: &str| None;
        let to = Move {
            page: "en/articles/a/index.html",
            to: "fr/articles/a/cote-a-cote/index.html",
            id_prefix: "en-",
            headings_down: 0,
            section_of: &none,
        };
        let mut out = String::new();
        move_body(
            "<H2 id=\"x\">T</H2><p><a href=\"#x\">x</a> <a href=\"../b/index.html#y\">b</a> <img src=\"../../../files/a/m.png\"> <a href=\"index.html\">self</a></p>",
            &to,
            &mut out,
        );
        assert_eq!(
            out,
            "<H2 id=\"en-x\">T</H2><p><a href=\"#en-x\">x</a> <a href=\"../../../../en/articles/b/index.html#y\">b</a> <img src=\"../../../../files/a/m.png\"> <a href=\"../../../../en/articles/a/index.html\">self</a></p>"
        );
    }

    /// HTML as bodies hold it, and as authors may write it (`allow_raw_html`): elements with
    /// attributes quoted or not, comments, scripts, stray `<` and `>` in text.
    fn html() -> impl Strategy<Value = String> {
        let name = prop::sample::select(vec![
            "p", "a", "h2", "H3", "h6", "img", "span", "script", "style", "label", "Sup",
        ]);
        let attribute = prop::sample::select(vec![
            "id",
            "ID",
            "href",
            "HREF",
            "src",
            "for",
            "headers",
            "aria-owns",
            "class",
            "title",
        ]);
        let value = prop_oneof![
            "[a-z0-9<>=' -]{0,6}".prop_map(|v| format!("=\"{}\"", v.replace(' ', "-"))),
            "[a-z0-9<>=\" -]{0,6}".prop_map(|v| format!("='{}'", v.replace(' ', "-"))),
            "[a-z0-9-]{1,6}".prop_map(|v| format!("={v}")),
            Just(String::new()),
        ];
        let tag = (
            name.clone(),
            prop::collection::vec((attribute, value), 0..3),
            any::<bool>(),
        )
            .prop_map(|(name, attributes, closing)| {
                if closing {
                    return format!("</{name}>");
                }
                let attributes: String = attributes
                    .iter()
                    .map(|(attribute, value)| format!(" {attribute}{value}"))
                    .collect();
                format!("<{name}{attributes}>")
            });
        let text = "[a-z0-9 <>=&;!-]{0,12}";
        let comment = "[a-z <>-]{0,8}".prop_map(|c| format!("<!--{c}-->"));
        let piece = prop_oneof![4 => tag, 3 => text.prop_map(String::from), 1 => comment];
        prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        /// What `unchanged` lets through as it is, reading it tag by tag would not change
        /// either, wherever it moves.
        #[test]
        fn what_is_unchanged_is_what_moving_tag_by_tag_keeps(
            html in prop_oneof![html(), html().prop_map(|html| html.replace('=', ""))],
            headings_down in 0u8..3,
            id_prefix in prop::sample::select(vec!["", "fr-", "fr_a."]),
            to in prop::sample::select(vec![
                "fr/articles/a/cote-a-cote/index.html",
                "en/articles/b/side-by-side/index.html",
                "fr/dossier-imprimable/index.html",
            ]),
        ) {
            let section = |_: &str| Some("s".to_string());
            let to = Move {
                page: "fr/articles/a/index.html",
                to,
                id_prefix,
                headings_down,
                section_of: &section,
            };
            let mut out = String::new();
            move_tags(&html, &to, &mut out);
            if unchanged(&html, &to) {
                prop_assert_eq!(out, html);
            }
        }

        /// Moved onto its own page, with no prefix and no heading shift, a body is copied as
        /// it is: whatever the parse of its tags, what is not an id, a link or a heading name
        /// goes through untouched.
        #[test]
        fn a_body_moved_nowhere_is_unchanged(html in html()) {
            let none = |_: &str| None;
            let to = Move {
                page: "fr/articles/a/index.html",
                to: "fr/articles/a/index.html",
                id_prefix: "",
                headings_down: 0,
                section_of: &none,
            };
            let mut out = String::new();
            move_body(&html, &to, &mut out);
            prop_assert_eq!(out, html);
        }
    }
}
