//! HTML comments in raw HTML, left out of every output, and the first tag of what remains.

use std::borrow::Cow;

/// `html` without its comments, and whether it had any. A comment may open in one piece of
/// HTML and close in a later one: `in_comment` carries that from piece to piece. `None` when
/// nothing is left.
pub(super) fn strip<'h>(html: &'h str, in_comment: &mut bool) -> (Option<Cow<'h, str>>, bool) {
    if !*in_comment && !crate::text::has(html, "<!--") {
        return (Some(Cow::Borrowed(html)), false);
    }
    let mut kept = String::new();
    let mut rest = html;
    loop {
        if *in_comment {
            match rest.find("-->") {
                Some(end) => {
                    *in_comment = false;
                    rest = &rest[end + 3..];
                }
                None => break,
            }
        } else {
            match rest.find("<!--") {
                Some(start) => {
                    kept.push_str(&rest[..start]);
                    *in_comment = true;
                    // `<!-->` and `<!--->` are (empty, broken) comments that end at once.
                    rest = &rest[start + 4..];
                    if let Some(after) = rest.strip_prefix('>').or_else(|| rest.strip_prefix("->"))
                    {
                        *in_comment = false;
                        rest = after;
                    }
                }
                None => {
                    kept.push_str(rest);
                    break;
                }
            }
        }
    }
    let kept = (!kept.is_empty()).then_some(Cow::Owned(kept));
    (kept, true)
}

/// Whether `html` is a line break tag alone: `<br>`, `<br/>`, `<BR />`.
pub(super) fn is_line_break(html: &str) -> bool {
    let inner = html
        .trim()
        .strip_prefix('<')
        .and_then(|h| h.strip_suffix('>'));
    inner.is_some_and(|tag| {
        let tag = tag.trim_end_matches('/').trim();
        tag.eq_ignore_ascii_case("br")
    })
}

/// The first tag of `html`, as `<name>`.
pub(super) fn first_tag(html: &str) -> Option<String> {
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let closing = rest.starts_with('/');
        let name: String = rest
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        if !name.is_empty() {
            let slash = if closing { "/" } else { "" };
            return Some(format!("<{slash}{}>", name.to_ascii_lowercase()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip_all(pieces: &[&str]) -> Vec<String> {
        let mut in_comment = false;
        pieces
            .iter()
            .map(|p| strip(p, &mut in_comment).0.unwrap_or_default().into_owned())
            .collect()
    }

    #[test]
    fn comments_go_wherever_they_open_and_close() {
        assert_eq!(strip_all(&["<b>a</b>"]), ["<b>a</b>"]);
        assert_eq!(strip_all(&["<p>a<!-- x > y -->b</p>"]), ["<p>ab</p>"]);
        assert_eq!(
            strip_all(&["<!-- one\n", "<b>hidden</b>\n", "end --><i>kept</i>\n"]),
            ["", "", "<i>kept</i>\n"]
        );
        assert_eq!(strip_all(&["a<!-->b<!--->c"]), ["abc"]);
        assert_eq!(strip_all(&["<!-- never closed", "<b>x</b>"]), ["", ""]);
    }

    #[test]
    fn the_first_tag_is_named() {
        assert_eq!(
            first_tag("text <IFRAME src=x>").as_deref(),
            Some("<iframe>")
        );
        assert_eq!(first_tag("</div>").as_deref(), Some("</div>"));
        assert_eq!(first_tag("a < b"), None);
    }
}
