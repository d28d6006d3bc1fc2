//! Quotes of the source: a block quote whose first line is `[!SOURCE]` holds the words of the
//! source an article is based on (its disclaimer, its commentary), not the dossier's. It is
//! shown as a note labelled so in the article's language:
//!
//! ```markdown
//! > [!SOURCE]
//! > *Disclaimer: this article was reconstructed from external sources.*
//! ```
//!
//! The marker is GitHub's alert syntax (`> [!NOTE]`) with a kind of its own.

use std::ops::Range;

use pulldown_cmark::{BlockQuoteKind, Event, Tag, TagEnd};

use super::Walk;

/// The marker, as written on the quote's first line (any case).
const MARKER: &str = "[!SOURCE]";

/// Marks each source quote of `parsed`: its opening becomes `BlockQuote(Some(Note))` (the
/// renderer enables no alerts, so no other quote has a kind) and the marker line goes.
pub(super) fn mark<'a>(parsed: Vec<(Event<'a>, Range<usize>)>) -> Vec<(Event<'a>, Range<usize>)> {
    let mut out = Vec::with_capacity(parsed.len());
    let mut index = 0;
    while index < parsed.len() {
        if let Some((skip_from, skip_to)) = marker_at(&parsed, index) {
            let (_, range) = &parsed[index];
            out.push((
                Event::Start(Tag::BlockQuote(Some(BlockQuoteKind::Note))),
                range.clone(),
            ));
            out.extend(parsed[index + 1..skip_from].iter().cloned());
            index = skip_to;
            continue;
        }
        out.push(parsed[index].clone());
        index += 1;
    }
    out
}

/// When a source quote opens at `index`: the events to leave out, `from..to` (the marker's
/// whole paragraph when it stands alone, else the marker and its line break).
fn marker_at(parsed: &[(Event<'_>, Range<usize>)], index: usize) -> Option<(usize, usize)> {
    if !matches!(parsed[index].0, Event::Start(Tag::BlockQuote(None))) {
        return None;
    }
    if !matches!(
        parsed.get(index + 1),
        Some((Event::Start(Tag::Paragraph), _))
    ) {
        return None;
    }
    let mut text = String::new();
    let mut at = index + 2;
    while let Some((Event::Text(t), _)) = parsed.get(at) {
        text.push_str(t);
        at += 1;
    }
    if !text.trim().eq_ignore_ascii_case(MARKER) {
        return None;
    }
    match parsed.get(at) {
        Some((Event::End(TagEnd::Paragraph), _)) => Some((index + 1, at + 1)),
        Some((Event::SoftBreak | Event::HardBreak, _)) => Some((index + 2, at + 1)),
        _ => None,
    }
}

/// The opening of a source quote, with its label.
fn opening(label: &str) -> String {
    if label.is_empty() {
        return "<blockquote class=\"from-source\">\n".to_string();
    }
    let escaped = super::write::escape(label);
    format!("<blockquote class=\"from-source\">\n<p class=\"from-source-label\">{escaped}</p>\n")
}

impl Walk<'_, '_> {
    /// Opens a quote `mark` marked, with its label: one block of the body.
    pub(super) fn open_source_quote(&mut self) {
        if self.depth == 0 && self.heading.is_none() && self.code.is_none() {
            self.starts.push((self.events.len(), None));
        }
        self.depth += 1;
        let opening = opening(self.settings.source_label);
        self.events.push(Event::Html(opening.into()));
    }
}
