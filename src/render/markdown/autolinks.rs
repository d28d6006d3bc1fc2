//! Bare web addresses and e-mail addresses in text become links, as GitHub's Markdown (and
//! Hugo's) makes them: `https://example.org/a` and `name@example.org`. Only http(s) addresses:
//! another scheme stays text.

use std::sync::LazyLock;

use linkify::{LinkFinder, LinkKind};

static FINDER: LazyLock<LinkFinder> = LazyLock::new(|| {
    let mut finder = LinkFinder::new();
    finder.kinds(&[LinkKind::Url, LinkKind::Email]);
    finder
});

/// A piece of text: plain, or an address and where it leads.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Piece<'t> {
    Text(&'t str),
    Link { text: &'t str, href: String },
}

/// Whether `text` may hold an address (a quick look before the finder's).
pub(super) fn may_have_links(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), b"://").is_some()
        || memchr::memchr(b'@', text.as_bytes()).is_some()
}

/// `text` cut into plain text and addresses; `None` when it has no address.
pub(super) fn pieces(text: &str) -> Option<Vec<Piece<'_>>> {
    let mut pieces = Vec::new();
    let mut plain_from = 0;
    for link in FINDER.links(text) {
        let href = match link.kind() {
            LinkKind::Email => format!("mailto:{}", link.as_str()),
            _ => {
                let lower = link.as_str().to_ascii_lowercase();
                if !(lower.starts_with("https://") || lower.starts_with("http://")) {
                    continue;
                }
                link.as_str().to_string()
            }
        };
        if link.start() > plain_from {
            pieces.push(Piece::Text(&text[plain_from..link.start()]));
        }
        pieces.push(Piece::Link {
            text: link.as_str(),
            href,
        });
        plain_from = link.end();
    }
    if pieces.is_empty() {
        return None;
    }
    if plain_from < text.len() {
        pieces.push(Piece::Text(&text[plain_from..]));
    }
    Some(pieces)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_become_links_with_their_punctuation_left_out() {
        let pieces =
            pieces("Voir https://example.org/a?b=1 (ou écrire à contact@example.org).").unwrap();
        assert_eq!(
            pieces,
            [
                Piece::Text("Voir "),
                Piece::Link {
                    text: "https://example.org/a?b=1",
                    href: "https://example.org/a?b=1".into()
                },
                Piece::Text(" (ou écrire à "),
                Piece::Link {
                    text: "contact@example.org",
                    href: "mailto:contact@example.org".into()
                },
                Piece::Text(")."),
            ]
        );
        assert_eq!(super::pieces("ftp://example.org et javascript://x"), None);
        assert_eq!(super::pieces("rien"), None);
    }
}
