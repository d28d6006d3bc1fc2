//! The summary an author marks with `<!-- more -->` (as in Hugo and Zola): the text before it.

use std::sync::LazyLock;

use pulldown_cmark::Event;
use regex::Regex;

static MORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<!--\s*more\s*-->").expect("a valid pattern"));

/// Where the first `<!-- more -->` of `body` starts.
pub(super) fn more_marker(body: &str) -> Option<usize> {
    if !crate::text::has(body, "<!--") {
        return None;
    }
    MORE.find(body).map(|m| m.start())
}

/// Adds an event's text to the plain text before the marker; `whole` when the event ends
/// before it.
pub(super) fn gather(before: &mut String, event: &Event<'_>, whole: bool) {
    match event {
        Event::Text(text) | Event::Code(text) if whole => before.push_str(text),
        Event::SoftBreak | Event::HardBreak | Event::End(_) => before.push(' '),
        _ => {}
    }
}
