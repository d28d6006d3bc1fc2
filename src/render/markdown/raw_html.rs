//! Raw HTML, when the config allows it, read by the HTML standard's tokenizer (html5ever):
//! written back tag by tag with its links made relative and checked as Markdown links are,
//! comments and doctypes left out; invalid markup, and elements left open or closed twice
//! across the body, reported as warnings at their lines.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::links::resolve_link;
use super::write::escape;
use super::{Rendered, Settings};

/// Attributes that hold an address.
const LINKS: &[&str] = &["href", "src", "poster", "action", "cite", "data"];
/// Elements without content, never closed.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];
/// Elements whose end tag may be left out: not followed for balance.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
    "colgroup", "rb", "rt", "rp", "rtc", "html", "head", "body",
];

/// What the raw HTML of one body has left open, and its links inside `<a>` (no autolink there).
#[derive(Default)]
pub(super) struct Balance {
    open: Vec<(String, usize)>,
}

impl Balance {
    /// Whether a link written in raw HTML is open.
    pub(super) fn in_link(&self) -> bool {
        self.open.iter().any(|(name, _)| name == "a")
    }

    /// The elements still open at the end of the body: a warning each.
    pub(super) fn finish(self, out: &mut Rendered) {
        for (name, line) in self.open {
            out.warnings.push((
                line,
                format!("raw HTML `<{name}>` is never closed: add `</{name}>`"),
            ));
        }
    }
}

/// How the tokenizer reads what a start tag opens: script, raw text or RCDATA, not markup.
fn raw_kind(tag: &Tag) -> Option<RawKind> {
    if tag.kind != TagKind::StartTag || tag.self_closing {
        return None;
    }
    match &*tag.name {
        "script" => Some(RawKind::ScriptData),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" => Some(RawKind::Rawtext),
        "textarea" | "title" => Some(RawKind::Rcdata),
        _ => None,
    }
}

#[derive(Default)]
struct Sink {
    tokens: RefCell<Vec<(Token, u64)>>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let raw = match &token {
            Token::TagToken(tag) => raw_kind(tag),
            _ => None,
        };
        self.tokens.borrow_mut().push((token, line));
        match raw {
            Some(kind) => TokenSinkResult::RawData(kind),
            None => TokenSinkResult::Continue,
        }
    }
}

/// The tokens of `html` as the HTML standard's tokenizer reads them, each with its line (the
/// text of scripts, styles and the like as text, not markup).
pub(crate) fn tokens(html: &str) -> Vec<(Token, u64)> {
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.tokens.take()
}

/// `html`, a piece of raw HTML starting on file line `first_line`, written back with its links
/// resolved; problems and warnings go to `out`.
pub(super) fn rewrite(
    html: &str,
    first_line: usize,
    settings: &Settings,
    balance: &mut Balance,
    out: &mut Rendered,
) -> String {
    let tokens = tokens(html);
    let mut written = String::with_capacity(html.len() + 16);
    let mut raw_text = false;
    let mut reported = false;
    for (token, line) in tokens {
        let line = first_line + usize::try_from(line).unwrap_or(1).max(1) - 1;
        match token {
            Token::TagToken(tag) => {
                raw_text = raw_kind(&tag).is_some();
                track(&tag, line, balance, out);
                write_tag(&tag, line, settings, out, &mut written);
            }
            Token::CharacterTokens(text) if raw_text => written.push_str(&text),
            Token::CharacterTokens(text) => written.push_str(&escape(&text)),
            Token::ParseError(message) if !reported => {
                // One a piece: the first says where to look.
                reported = true;
                let hint = match message.starts_with("Saw EOF") {
                    true => "the HTML ends inside a tag: a closing quote or `>` is missing",
                    false => "check the markup at this line",
                };
                out.warnings
                    .push((line, format!("invalid raw HTML ({message}): {hint}")));
            }
            _ => {}
        }
    }
    written
}

/// The tag written back, with the addresses of its attributes resolved.
fn write_tag(
    tag: &Tag,
    line: usize,
    settings: &Settings,
    out: &mut Rendered,
    written: &mut String,
) {
    if tag.kind == TagKind::EndTag {
        written.push_str("</");
        written.push_str(&tag.name);
        written.push('>');
        return;
    }
    written.push('<');
    written.push_str(&tag.name);
    for attribute in &tag.attrs {
        let name = &*attribute.name.local;
        written.push(' ');
        written.push_str(name);
        written.push_str("=\"");
        let value = &*attribute.value;
        let resolved = match LINKS.contains(&name) {
            true => resolve_link(value.trim(), settings, line, out),
            false => None,
        };
        written.push_str(&escape(resolved.as_deref().unwrap_or(value)));
        written.push('"');
    }
    if tag.self_closing && !VOID.contains(&&*tag.name) {
        written.push_str(" /");
    }
    written.push('>');
}

/// Elements opened and closed, across the pieces of one body.
fn track(tag: &Tag, line: usize, balance: &mut Balance, out: &mut Rendered) {
    let name = &*tag.name;
    if VOID.contains(&name) || OPTIONAL_END.contains(&name) {
        return;
    }
    match tag.kind {
        TagKind::StartTag if !tag.self_closing => balance.open.push((name.to_string(), line)),
        TagKind::StartTag => {}
        TagKind::EndTag => match balance.open.iter().rposition(|(open, _)| open == name) {
            Some(at) => {
                for (unclosed, opened) in balance.open.drain(at..).skip(1).collect::<Vec<_>>() {
                    out.warnings.push((
                        opened,
                        format!(
                            "raw HTML `<{unclosed}>` is not closed before `</{name}>` (line {line})"
                        ),
                    ));
                }
                balance.open.truncate(at);
            }
            None => out.warnings.push((
                line,
                format!("raw HTML `</{name}>` closes no open element: remove it, or open it first"),
            )),
        },
    }
}
