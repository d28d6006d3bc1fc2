//! A small checker of the HTML the Markdown renderer writes: tags and attributes read one by
//! one, void elements, which elements may hold which, character references. It panics with the
//! place of the first problem, for proptest and libFuzzer alike.

const VOID: &str = "area base br col embed hr img input link meta source track wbr";

/// Every element the renderer produces from Markdown when raw HTML is not allowed.
const MARKDOWN_ELEMENTS: &str = "p h1 h2 h3 h4 h5 h6 blockquote ul ol li pre code em strong del a \
     img br hr table thead tbody tr th td div sup span label input dl dt dd";

/// Elements that hold only phrasing content: a block inside one is invalid HTML, and a
/// browser closes `<p>` (and `<a>` inside `<a>`) by itself, so the page would not be the tree
/// the renderer wrote.
const PHRASING_ONLY: &str = "p h1 h2 h3 h4 h5 h6 a em strong del code sup span label";
const BLOCKS: &str =
    "p h1 h2 h3 h4 h5 h6 blockquote ul ol li pre hr table thead tbody tr th td div dl dt dd";

fn one_of(names: &str, name: &str) -> bool {
    names.split(' ').any(|n| n == name)
}

/// One start or end tag.
#[derive(Debug)]
struct Tag<'a> {
    name: String,
    end: bool,
    attributes: Vec<(String, &'a str)>,
}

/// The tags of `html`, in order; panics on a `<` that starts no tag, an unterminated tag or
/// comment, or an `&` that starts no character reference.
fn tags(html: &str) -> Vec<Tag<'_>> {
    let bytes = html.as_bytes();
    let context = |i: usize| {
        let mut start = i.saturating_sub(40);
        while !html.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (i + 40).min(html.len());
        while !html.is_char_boundary(end) {
            end += 1;
        }
        &html[start..end]
    };
    let mut tags = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'&' => {
                let rest = &html[i + 1..];
                let end = rest.find(';').filter(|&end| end <= 32);
                let valid = end.is_some_and(|end| {
                    let name = &rest[..end];
                    if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                        !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit())
                    } else if let Some(decimal) = name.strip_prefix('#') {
                        !decimal.is_empty() && decimal.bytes().all(|b| b.is_ascii_digit())
                    } else {
                        name.starts_with(|c: char| c.is_ascii_alphabetic())
                            && name.bytes().all(|b| b.is_ascii_alphanumeric())
                    }
                });
                assert!(valid, "unescaped `&` in {:?}", context(i));
                i += 1;
            }
            b'<' if html[i..].starts_with("<!--") => {
                let Some(end) = html[i..].find("-->") else {
                    panic!("unterminated comment at {:?}", context(i));
                };
                i += end + 3;
            }
            b'<' => {
                let end = bytes.get(i + 1) == Some(&b'/');
                let name_start = i + 1 + usize::from(end);
                let name_len = html[name_start..]
                    .find(|c: char| !c.is_ascii_alphanumeric())
                    .unwrap_or(html.len() - name_start);
                assert!(
                    name_len > 0 && bytes[name_start].is_ascii_alphabetic(),
                    "unescaped `<` in {:?}",
                    context(i)
                );
                let name = html[name_start..name_start + name_len].to_ascii_lowercase();
                let (attributes, close) = attributes(html, name_start + name_len)
                    .unwrap_or_else(|| panic!("malformed tag at {:?}", context(i)));
                assert!(
                    !end || attributes.is_empty(),
                    "end tag with attributes at {:?}",
                    context(i)
                );
                tags.push(Tag {
                    name,
                    end,
                    attributes,
                });
                i = close + 1;
            }
            _ => i += 1,
        }
    }
    tags
}

/// The attributes of a tag whose name ends at `start`, and the offset of its `>`.
fn attributes(html: &str, start: usize) -> Option<(Vec<(String, &str)>, usize)> {
    let bytes = html.as_bytes();
    let mut attributes = Vec::new();
    let mut i = start;
    loop {
        while bytes.get(i)?.is_ascii_whitespace() {
            i += 1;
        }
        match bytes.get(i)? {
            b'>' => return Some((attributes, i)),
            b'/' if bytes.get(i + 1) == Some(&b'>') => return Some((attributes, i + 1)),
            _ => {}
        }
        let name_len =
            html[i..].find(|c: char| c.is_ascii_whitespace() || "=>/\"'<".contains(c))?;
        if name_len == 0 {
            return None;
        }
        let name = html[i..i + name_len].to_ascii_lowercase();
        i += name_len;
        if bytes.get(i) != Some(&b'=') {
            attributes.push((name, ""));
            continue;
        }
        let quote = *bytes.get(i + 1)?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let value_len = html[i + 2..].find(char::from(quote))?;
        let value = &html[i + 2..i + 2 + value_len];
        if value.contains('<') {
            return None;
        }
        attributes.push((name, value));
        i += 2 + value_len + 1;
    }
}

/// The HTML rendered from Markdown with raw HTML not allowed: only the elements Markdown makes,
/// every element closed in order, no block inside an element that holds only phrasing, no link
/// inside a link, no event-handler attribute. Returns the ids, in order.
pub(super) fn check_markdown_html(html: &str) -> Vec<&str> {
    let mut open: Vec<String> = Vec::new();
    let mut ids = Vec::new();
    for tag in tags(html) {
        let name = tag.name.as_str();
        assert!(
            one_of(MARKDOWN_ELEMENTS, name),
            "<{name}> from Markdown in {html}"
        );
        if tag.end {
            assert!(!one_of(VOID, name), "</{name}> closes a void element");
            match open.pop() {
                Some(last) if last == name => {}
                last => panic!("</{name}> closes {last:?} (open: {open:?}) in\n{html}"),
            }
            continue;
        }
        let phrasing = open.iter().rev().find(|o| one_of(PHRASING_ONLY, o));
        assert!(
            !one_of(BLOCKS, name) || phrasing.is_none(),
            "<{name}> inside <{}> (open: {open:?}) in\n{html}",
            phrasing.map_or("", |p| p.as_str())
        );
        if name == "a" {
            assert!(!open.iter().any(|o| o == "a"), "<a> inside <a> in\n{html}");
        }
        for (attribute, value) in tag.attributes {
            assert!(
                !attribute.starts_with("on"),
                "event handler attribute {attribute} in\n{html}"
            );
            if attribute == "id" {
                ids.push(value);
            }
        }
        if !one_of(VOID, name) {
            open.push(tag.name);
        }
    }
    assert!(open.is_empty(), "left open: {open:?} in\n{html}");
    ids
}
