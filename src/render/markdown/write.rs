//! Writing a body's HTML: the parser's events through pulldown-cmark's writer, with where each
//! top-level block lands; code blocks highlighted; text escaped; lines found from offsets.

use pulldown_cmark::Event;

use super::{Block, Rendered};
use crate::render::highlight;

/// Writes the HTML of `events`, recording where each top-level block (starting at the event
/// indexes of `starts`) begins and ends in it. One writer for the whole body, so that the HTML
/// is the same as without blocks: the byte count is read as the writer asks for each event.
pub(super) fn write_blocks(out: &mut Rendered, events: Vec<Event>, starts: &[(usize, Option<u8>)]) {
    struct Counting<'a> {
        html: &'a mut String,
        written: &'a std::cell::Cell<usize>,
    }
    impl std::fmt::Write for Counting<'_> {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.html.push_str(s);
            self.written.set(self.html.len());
            Ok(())
        }
    }
    let written = std::cell::Cell::new(out.html.len());
    let mut offsets: Vec<usize> = Vec::with_capacity(starts.len());
    let mut next = starts.iter().map(|&(index, _)| index).peekable();
    let iter = events.into_iter().enumerate().map(|(index, event)| {
        while next.next_if(|&start| start <= index).is_some() {
            offsets.push(written.get());
        }
        event
    });
    let writer = Counting {
        html: &mut out.html,
        written: &written,
    };
    pulldown_cmark::html::write_html_fmt(writer, iter).expect("writing to a String");
    // Blocks that start after the last event (none are expected) start at the end.
    offsets.resize(starts.len(), out.html.len());
    let ends = offsets.iter().skip(1).copied().chain([out.html.len()]);
    out.blocks = starts
        .iter()
        .zip(offsets.iter().zip(ends))
        .map(|(&(_, heading), (&start, end))| Block {
            range: start..end,
            heading,
        })
        .filter(|b| !b.range.is_empty())
        .collect();
}

pub(super) fn code_block(token: Option<&str>, text: &str) -> String {
    if let Some(token) = token {
        if let Some(html) = highlight::highlight(text, token) {
            return format!(
                "<pre class=\"code\" data-lang=\"{}\" tabindex=\"0\"><code>{html}</code></pre>\n",
                escape(token)
            );
        }
    }
    format!(
        "<pre class=\"code\" tabindex=\"0\"><code>{}</code></pre>\n",
        escape(text)
    )
}

/// Escapes text for HTML content and attribute values. (The text between the five bytes that
/// need it is copied whole: most text holds none.)
pub(crate) fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest
        .bytes()
        .position(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
    {
        escaped.push_str(&rest[..at]);
        escaped.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[at + 1..];
    }
    escaped.push_str(rest);
    escaped
}

/// Pushes `event` into the heading being gathered, if any, else into the body's events.
pub(super) fn push<'a>(
    events: &mut Vec<Event<'a>>,
    heading: &mut Option<super::OpenHeading<'a>>,
    event: Event<'a>,
) {
    match heading.as_mut() {
        Some((_, _, inner, _)) => inner.push(event),
        None => events.push(event),
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn the_five_bytes_are_escaped_and_nothing_else() {
        assert_eq!(escape(""), "");
        assert_eq!(escape("Corée du Nord"), "Corée du Nord");
        assert_eq!(
            escape("<a href=\"x\">l'ONU & «\u{a0}Kim\u{a0}»</a>"),
            "&lt;a href=&quot;x&quot;&gt;l&#39;ONU &amp; «\u{a0}Kim\u{a0}»&lt;/a&gt;"
        );
        assert_eq!(escape("&&"), "&amp;&amp;");
    }
}
