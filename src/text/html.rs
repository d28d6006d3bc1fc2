//! The one HTML tag scanner: the tags of a text and the attributes of a tag, as ranges of the
//! text. The renderer rewrites bodies with it (`render::relocate`) and `dossier check` reads
//! the generated pages with it. It reads HTML as dossier writes it, not every HTML there is:
//! comments are skipped, the raw text of `script` and `style` too, and a `>` inside a quoted
//! value does not end a tag.

use std::ops::Range;

/// A tag: where it is in the text, where its name is, and whether it closes an element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tag {
    /// From its `<` to just after its `>` (or to the end of the text, when it is cut).
    pub range: Range<usize>,
    pub name: Range<usize>,
    pub closing: bool,
}

/// The tags of `html`, in order.
pub(crate) fn tags(html: &str) -> Tags<'_> {
    Tags { html, at: 0 }
}

/// The iterator of [`tags`].
#[derive(Debug)]
pub(crate) struct Tags<'a> {
    html: &'a str,
    at: usize,
}

impl Iterator for Tags<'_> {
    type Item = Tag;

    fn next(&mut self) -> Option<Tag> {
        let html = self.html;
        let bytes = html.as_bytes();
        while let Some(offset) = memchr::memchr(b'<', &bytes[self.at..]) {
            let start = self.at + offset;
            let rest = &html[start..];
            if rest.starts_with("<!--") {
                self.at = rest
                    .find("-->")
                    .map(|end| start + end + 3)
                    .unwrap_or(html.len());
                continue;
            }
            let closing = rest.as_bytes().get(1) == Some(&b'/');
            let name_start = start + 1 + usize::from(closing);
            let name_len = html[name_start..]
                .bytes()
                .take_while(u8::is_ascii_alphanumeric)
                .count();
            if name_len == 0 {
                self.at = start + 1;
                continue;
            }
            let name_end = name_start + name_len;
            let end = (tag_end(bytes, name_end) + 1).min(html.len());
            self.at = end;
            let name = &html[name_start..name_end];
            if !closing
                && (name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style"))
            {
                // Raw text: nothing in it is a tag until the element closes.
                let close = ["</", &name.to_ascii_lowercase()].concat();
                self.at = html[end..]
                    .to_ascii_lowercase()
                    .find(&close)
                    .map(|i| end + i)
                    .unwrap_or(html.len());
            }
            return Some(Tag {
                range: start..end,
                name: name_start..name_end,
                closing,
            });
        }
        self.at = html.len();
        None
    }
}

/// Where the tag whose name ends at `from` ends: its first `>` outside a quoted value (a quote
/// opens one after `=` or white space), or the end of the text. Byte by byte outside values
/// (most tags are short), a value at once to its closing quote (an address may be long).
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut end = from;
    while end < bytes.len() {
        match bytes[end] {
            b'>' => return end,
            quote @ (b'"' | b'\'') if bytes[end - 1] == b'=' || is_space(bytes[end - 1]) => {
                match memchr::memchr(quote, &bytes[end + 1..]) {
                    Some(close) => end += 1 + close,
                    None => return bytes.len(),
                }
            }
            _ => {}
        }
        end += 1;
    }
    bytes.len()
}

/// An attribute of a tag: its name, its value (without quotes), and the quote that a value
/// cut by the end of the text leaves open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Attribute {
    pub name: Range<usize>,
    pub value: Range<usize>,
    pub unclosed: Option<char>,
}

/// The attributes that have a value, in `html[tag]` (from the end of a tag's name to the end
/// of the tag). (An iterator: a body's thousands of tags are read without allocating.)
pub(crate) fn attributes(html: &str, tag: Range<usize>) -> Attributes<'_> {
    Attributes {
        html,
        end: tag.end,
        i: tag.start,
    }
}

/// The iterator of [`attributes`].
#[derive(Debug)]
pub(crate) struct Attributes<'a> {
    html: &'a str,
    end: usize,
    i: usize,
}

impl Iterator for Attributes<'_> {
    type Item = Attribute;

    fn next(&mut self) -> Option<Attribute> {
        let html = self.html;
        let bytes = &html.as_bytes()[..self.end];
        let i = &mut self.i;
        while *i < bytes.len() {
            if is_space(bytes[*i]) || matches!(bytes[*i], b'/' | b'>') {
                *i += 1;
                continue;
            }
            let name_start = *i;
            while *i < bytes.len()
                && !is_space(bytes[*i])
                && !matches!(bytes[*i], b'=' | b'>' | b'/')
            {
                *i += 1;
            }
            if *i == name_start {
                // A stray character (`=` alone).
                *i += 1;
                continue;
            }
            let name = name_start..*i;
            while *i < bytes.len() && is_space(bytes[*i]) {
                *i += 1;
            }
            if bytes.get(*i) != Some(&b'=') {
                continue;
            }
            *i += 1;
            while *i < bytes.len() && is_space(bytes[*i]) {
                *i += 1;
            }
            let (value, unclosed) = match bytes.get(*i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let start = *i + 1;
                    let end = html[start..self.end]
                        .find(q as char)
                        .map(|e| start + e)
                        .unwrap_or(self.end);
                    *i = (end + 1).min(self.end);
                    (start..end, (end == self.end).then_some(q as char))
                }
                _ => {
                    let start = *i;
                    while *i < bytes.len() && !is_space(bytes[*i]) && bytes[*i] != b'>' {
                        *i += 1;
                    }
                    (start..*i, None)
                }
            };
            return Some(Attribute {
                name,
                value,
                unclosed,
            });
        }
        None
    }
}

/// HTML's white space.
pub(crate) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `tag_end` as it was first written, byte by byte.
    fn tag_end_reference(bytes: &[u8], from: usize) -> usize {
        let mut end = from;
        let mut quote = None;
        while end < bytes.len() {
            match (quote, bytes[end]) {
                (Some(q), b) if b == q => quote = None,
                (None, b @ (b'"' | b'\''))
                    if bytes[end - 1] == b'=' || is_space(bytes[end - 1]) =>
                {
                    quote = Some(b)
                }
                (None, b'>') => break,
                _ => {}
            }
            end += 1;
        }
        end
    }

    proptest::proptest! {
        #[test]
        fn a_tag_ends_where_byte_by_byte_says(tail in "[a= \"'>/x\n]{0,24}") {
            let html = format!("<a{tail}");
            proptest::prop_assert_eq!(
                tag_end(html.as_bytes(), 2),
                tag_end_reference(html.as_bytes(), 2)
            );
        }
    }

    #[test]
    fn tags_skip_comments_and_raw_text_and_quoted_brackets() {
        let html =
            "<p class=\"a>b\">x</p><!-- <a href=\"no\"> --><script>if (a<b) {}</script><br/>";
        let names: Vec<(&str, bool)> = tags(html).map(|t| (&html[t.name], t.closing)).collect();
        assert_eq!(
            names,
            [
                ("p", false),
                ("p", true),
                ("script", false),
                ("script", true),
                ("br", false)
            ]
        );
        let first = tags(html).next().unwrap();
        assert_eq!(&html[first.range.clone()], "<p class=\"a>b\">");
        let attributes: Vec<Attribute> =
            attributes(html, first.name.end..first.range.end).collect();
        assert_eq!(attributes.len(), 1);
        assert_eq!(&html[attributes[0].name.clone()], "class");
        assert_eq!(&html[attributes[0].value.clone()], "a>b");
    }

    #[test]
    fn attributes_quoted_unquoted_and_cut() {
        let html = "<a href=x.html id = 'y' hidden data-z=\"open";
        let tag = tags(html).next().unwrap();
        let found: Vec<(&str, &str, Option<char>)> = attributes(html, tag.name.end..tag.range.end)
            .map(|a| (&html[a.name], &html[a.value], a.unclosed))
            .collect();
        assert_eq!(
            found,
            [
                ("href", "x.html", None),
                ("id", "y", None),
                ("data-z", "open", Some('"'))
            ]
        );
    }
}
