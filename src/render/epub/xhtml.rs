//! A rendered body (HTML, raw HTML of real sites included) written as well-formed XHTML, as an
//! EPUB's documents must be: read by the HTML standard's tokenizer (html5ever), so that
//! character references, unquoted and bare attributes are understood as a browser would, then
//! written back with every element closed, void ones self-closed, text and attribute values
//! escaped for XML, scripts left out, and each address rewritten by the caller (links between
//! articles lead inside the book). Footnotes become EPUB footnotes (`epub:type="noteref"`, and
//! `<aside epub:type="footnote">`).

use html5ever::tokenizer::{Tag, TagKind, Token};

/// Elements without content, written self-closed.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];
/// Elements left out with their content: a book runs no script, and holds no page or player
/// from elsewhere.
const DROPPED: &[&str] = &[
    "script", "noscript", "template", "iframe", "object", "video", "audio", "canvas", "form",
    // Written inline, they would need namespaces of their own.
    "svg", "math",
];
/// Attributes that hold an address.
const ADDRESSES: &[&str] = &["href", "src", "poster", "cite"];
/// Elements that close an open paragraph when they start (the HTML standard's list).
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];

/// What an address of the body becomes in the book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Address {
    /// Kept as written.
    Keep,
    /// Written as this instead.
    To(String),
    /// Outside the book: an image there is left out (its text alternative stays).
    Outside,
}

/// How a body goes into the book.
pub struct Options<'a> {
    /// What each address becomes: `address(attribute, value)`.
    pub address: &'a (dyn Fn(&str, &str) -> Address + Sync),
    /// How many levels headings go up (`h3` to `h1` with 2): the briefing moved them down.
    pub headings_up: u8,
}

/// `html` as well-formed XHTML.
pub fn to_xhtml(html: &str, options: &Options) -> String {
    let tokens = crate::render::markdown::html_tokens(html);
    let mut writer = Writer {
        out: String::with_capacity(html.len() + html.len() / 8),
        open: Vec::new(),
        dropping: 0,
        options,
    };
    for (token, _) in tokens {
        match token {
            Token::TagToken(tag) => writer.tag(&tag),
            Token::CharacterTokens(text) if writer.dropping == 0 => {
                writer.out.push_str(&escape_xml_text(&text));
            }
            _ => {}
        }
    }
    while let Some((name, _)) = writer.open.pop() {
        writer.close(&name);
    }
    writer.out
}

struct Writer<'a> {
    out: String,
    /// The elements open, as written, each with the name it was opened by.
    open: Vec<(String, String)>,
    /// Inside an element left out (how deep).
    dropping: usize,
    options: &'a Options<'a>,
}

impl Writer<'_> {
    fn tag(&mut self, tag: &Tag) {
        let name = tag.name.to_ascii_lowercase();
        if DROPPED.contains(&name.as_str()) {
            match tag.kind {
                TagKind::StartTag if !tag.self_closing => self.dropping += 1,
                TagKind::EndTag => self.dropping = self.dropping.saturating_sub(1),
                TagKind::StartTag => {}
            }
            return;
        }
        if self.dropping > 0 || !is_xml_name(&name) {
            return;
        }
        match tag.kind {
            TagKind::StartTag => self.start(&name, tag),
            TagKind::EndTag => self.end(&name),
        }
    }

    fn start(&mut self, name: &str, tag: &Tag) {
        self.close_implied(name);
        // Addresses first: an image from outside the book goes, its text stays.
        let mut addresses = Vec::new();
        for attr in &tag.attrs {
            let key = attr.name.local.to_ascii_lowercase();
            if ADDRESSES.contains(&key.as_str()) {
                match (self.options.address)(&key, &attr.value) {
                    Address::Outside if &*key != "href" => {
                        if name == "img" {
                            let alt = attribute(tag, "alt").unwrap_or_default();
                            self.out.push_str(&escape_xml_text(&alt));
                        }
                        return;
                    }
                    Address::To(to) => addresses.push((key, to)),
                    Address::Keep | Address::Outside => {}
                }
            }
        }
        let class = attribute(tag, "class").unwrap_or_default();
        let footnote = name == "div" && class.split(' ').any(|c| c == "footnote-definition");
        let heading = self.heading(name);
        let written = match (footnote, heading.as_deref()) {
            (true, _) => "aside",
            (false, Some(heading)) => heading,
            (false, None) => name,
        };
        self.out.push('<');
        self.out.push_str(written);
        let in_reference = self
            .open
            .last()
            .is_some_and(|(_, by)| by == "sup.footnote-reference");
        if footnote {
            self.out
                .push_str(" epub:type=\"footnote\" role=\"doc-footnote\"");
        } else if name == "a" && in_reference {
            self.out
                .push_str(" epub:type=\"noteref\" role=\"doc-noteref\"");
        }
        for attr in &tag.attrs {
            let key = attr.name.local.to_ascii_lowercase();
            if !is_xml_name(&key) || key.starts_with("on") || &*key == "xmlns" {
                continue;
            }
            let value = addresses
                .iter()
                .find(|(k, _)| *k == key)
                .map_or_else(|| attr.value.to_string(), |(_, to)| to.clone());
            self.out.push(' ');
            self.out.push_str(&key);
            self.out.push_str("=\"");
            self.out.push_str(&escape_xml_attribute(&value));
            self.out.push('"');
        }
        if VOID.contains(&name) {
            self.out.push_str("/>");
            return;
        }
        self.out.push('>');
        let by = match name == "sup" && class.split(' ').any(|c| c == "footnote-reference") {
            true => "sup.footnote-reference".to_string(),
            false => name.to_string(),
        };
        // A self-closing non-void tag (`<div/>`) opens the element in HTML: it is closed by
        // its end tag, or at the end.
        self.open.push((written.to_string(), by));
    }

    fn end(&mut self, name: &str) {
        if VOID.contains(&name) {
            return;
        }
        let Some(at) = self
            .open
            .iter()
            .rposition(|(_, by)| by == name || by.split('.').next() == Some(name))
        else {
            // Closes nothing open: left out.
            return;
        };
        while self.open.len() > at {
            let (written, _) = self.open.pop().expect("open");
            self.close(&written);
        }
    }

    /// What heading `name` becomes, moved up: `None` when it is no heading.
    fn heading(&self, name: &str) -> Option<String> {
        let level = name.strip_prefix('h')?.parse::<u8>().ok()?;
        (1..=6).contains(&level).then(|| {
            let up = level.saturating_sub(self.options.headings_up).max(1);
            format!("h{up}")
        })
    }

    fn close(&mut self, written: &str) {
        self.out.push_str("</");
        self.out.push_str(written);
        self.out.push('>');
    }

    /// Closes what the start of `name` ends in HTML without an end tag: a paragraph before a
    /// block, an item before the next.
    fn close_implied(&mut self, name: &str) {
        let closes: &[&str] = match name {
            "li" => &["li"],
            "dt" | "dd" => &["dt", "dd"],
            "tr" => &["tr", "td", "th"],
            "td" | "th" => &["td", "th"],
            "option" => &["option"],
            _ if CLOSES_P.contains(&name) => &["p"],
            _ => &[],
        };
        // Up to the nearest container of that kind: an item of an outer list stays open.
        let bounds: &[&str] = match name {
            "li" => &["ul", "ol", "menu"],
            "dt" | "dd" => &["dl"],
            "tr" | "td" | "th" => &["table", "thead", "tbody", "tfoot"],
            _ => &[
                "div",
                "section",
                "article",
                "aside",
                "blockquote",
                "li",
                "td",
                "th",
            ],
        };
        let mut at = self.open.len();
        while at > 0 {
            let by = self.open[at - 1].1.split('.').next().unwrap_or_default();
            if closes.contains(&by) {
                while self.open.len() >= at {
                    let (written, _) = self.open.pop().expect("open");
                    self.close(&written);
                }
                return;
            }
            if bounds.contains(&by) {
                return;
            }
            at -= 1;
        }
    }
}

fn attribute(tag: &Tag, name: &str) -> Option<String> {
    tag.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| a.value.to_string())
}

/// Whether `name` may name an XML element or attribute (and is not namespaced): a letter or
/// `_` first, then letters, digits, `-`, `_`, `.`.
fn is_xml_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Text escaped for XML: `&`, `<` and `>`, and the characters XML 1.0 does not allow (control
/// characters but tab and line ends) left out.
pub fn escape_xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

/// An attribute's value escaped for XML, between double quotes.
pub fn escape_xml_attribute(value: &str) -> String {
    escape_xml_text(value).replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(html: &str) -> String {
        let options = Options {
            address: &|_, _| Address::Keep,
            headings_up: 0,
        };
        to_xhtml(html, &options)
    }

    #[test]
    fn void_elements_close_and_references_become_characters() {
        assert_eq!(
            plain("<p>a&nbsp;b<br>c<img src=x alt='d &amp; e'></p>"),
            "<p>a\u{a0}b<br/>c<img src=\"x\" alt=\"d &amp; e\"/></p>"
        );
        assert_eq!(
            plain("<input type=checkbox disabled checked>"),
            "<input type=\"checkbox\" disabled=\"\" checked=\"\"/>"
        );
    }

    #[test]
    fn what_html_leaves_open_is_closed_and_stray_ends_go() {
        assert_eq!(plain("<p>a<p>b"), "<p>a</p><p>b</p>");
        assert_eq!(
            plain("<ul><li>a<li>b</ul></div>"),
            "<ul><li>a</li><li>b</li></ul>"
        );
        assert_eq!(plain("<p>a<div>b</div>"), "<p>a</p><div>b</div>");
        assert_eq!(
            plain("<em>a<strong>b</em>c"),
            "<em>a<strong>b</strong></em>c"
        );
        assert_eq!(
            plain("<ul><li>a<ul><li>b</ul><li>c</ul>"),
            "<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>"
        );
    }

    #[test]
    fn scripts_handlers_and_bad_names_are_left_out() {
        assert_eq!(
            plain("<p onclick=\"x()\" @click=\"y\">a</p><script>if (a < b) {}</script>"),
            "<p>a</p>"
        );
    }

    #[test]
    fn footnotes_become_epub_footnotes() {
        let html = "<p>T<sup class=\"footnote-reference\" id=\"fnref-a\"><a href=\"#fn-a\">1</a></sup></p>\n<div class=\"footnote-definition\" id=\"fn-a\"><p>Note.</p></div>";
        assert_eq!(
            plain(html),
            "<p>T<sup class=\"footnote-reference\" id=\"fnref-a\"><a epub:type=\"noteref\" role=\"doc-noteref\" href=\"#fn-a\">1</a></sup></p>\n<aside epub:type=\"footnote\" role=\"doc-footnote\" class=\"footnote-definition\" id=\"fn-a\"><p>Note.</p></aside>"
        );
    }

    #[test]
    fn addresses_are_rewritten_by_the_caller_and_images_from_outside_go() {
        let options = Options {
            address: &|key, value| match value.starts_with("https:") {
                true => Address::Outside,
                false => Address::To(format!("{key}:{value}")),
            },
            headings_up: 2,
        };
        let out = to_xhtml(
            "<h3>T</h3><a href=\"../b/\">b</a><img src=\"i.png\" alt=\"\"><a href=\"https://x.org/\"><img src=\"https://x.org/a.png\" alt=\"A &amp; B\"></a><h5>U</h5>",
            &options,
        );
        assert_eq!(
            out,
            "<h1>T</h1><a href=\"href:../b/\">b</a><img src=\"src:i.png\" alt=\"\"/><a href=\"https://x.org/\">A &amp; B</a><h3>U</h3>"
        );
    }

    #[test]
    fn text_is_escaped_for_xml() {
        assert_eq!(escape_xml_text("a < b & c\u{1}"), "a &lt; b &amp; c");
    }
}
