//! Markers that templates print where long lists, side-by-side rows and cells, and the
//! briefing's parts go, and the cutting of a rendered page at them: what they stand for is
//! spliced in after Tera, so that it never passes through a template context.

use std::sync::Arc;

/// What every marker starts with: `<!--dossier:` (the kinds below add their name and `:`).
const PREFIX: &str = "<!--dossier:";

/// A page rendered by Tera, cut at its numbered markers (`<!--dossier:` a kind, `:`, a number,
/// `-->`).
pub(crate) enum Cut<'a> {
    Text(&'a [u8]),
    /// The marker's kind (its place in the kinds asked for), its number, and its text (what
    /// stays when the number stands for nothing).
    Marker {
        kind: usize,
        n: usize,
        text: &'a [u8],
    },
}

/// Marker `n` of a kind (`CELL`, `LIST`), as `cut_at_markers` finds it: `<!--dossier:list:3-->`.
/// (Made for every cell of every side-by-side reading: without `format!`.)
pub(crate) fn numbered_marker(marker: &str, n: usize) -> String {
    let mut html = String::with_capacity(marker.len() + 8);
    html.push_str(marker);
    crate::text::date::push_number(&mut html, n as u32, 1);
    html.push_str("-->");
    html
}

/// `shell` cut at the markers of the `kinds` given (each of them starts with `<!--dossier:`);
/// markers of other kinds, and anything that only looks like a marker, stay in the text.
/// (By bytes: markers are ASCII, so the pieces between them are whole characters; Tera's
/// output is never checked as UTF-8 again.)
pub(crate) fn cut_at_markers<'a>(
    shell: &'a [u8],
    kinds: &'static [&'static str],
) -> impl Iterator<Item = Cut<'a>> {
    debug_assert!(kinds.iter().all(|kind| kind.starts_with(PREFIX)));
    let mut rest = shell;
    let mut next: Option<Cut<'a>> = None;
    let finder = memchr::memmem::Finder::new(PREFIX);
    std::iter::from_fn(move || {
        if let Some(cut) = next.take() {
            return Some(cut);
        }
        if rest.is_empty() {
            return None;
        }
        let mut from = 0;
        while let Some(found) = finder.find(&rest[from..]) {
            let at = from + found;
            from = at + PREFIX.len();
            let Some((kind, marker)) = kinds
                .iter()
                .enumerate()
                .find(|(_, kind)| rest[at..].starts_with(kind.as_bytes()))
            else {
                continue;
            };
            let after = &rest[at + marker.len()..];
            let digits = after.iter().take_while(|b| b.is_ascii_digit()).count();
            let number = after[..digits].iter().try_fold(0usize, |n, &d| {
                n.checked_mul(10)?.checked_add(usize::from(d - b'0'))
            });
            if let Some(n) = number.filter(|_| digits > 0)
                && after[digits..].starts_with(b"-->")
            {
                let end = at + marker.len() + digits + 3;
                let text = &rest[..at];
                next = Some(Cut::Marker {
                    kind,
                    n,
                    text: &rest[at..end],
                });
                rest = &rest[end..];
                return Some(Cut::Text(text));
            }
        }
        Some(Cut::Text(std::mem::take(&mut rest)))
    })
}

/// A piece of a page as the renderer hands it out: made for the page, or a part that the
/// renderer's cache keeps (the briefing's articles and contents entries), which an output kept
/// in memory holds as it is instead of copying it (`fs::Gather`).
#[derive(Clone, Copy)]
pub enum Piece<'a> {
    Made(&'a [u8]),
    Kept(&'a Arc<str>),
}

impl Piece<'_> {
    pub fn bytes(&self) -> &[u8] {
        match self {
            Piece::Made(bytes) => bytes,
            Piece::Kept(text) => text.as_bytes(),
        }
    }
}

/// Where a side-by-side row's template prints a cell's HTML: `<!--dossier:cell:N-->`,
/// replaced after Tera. (Author text cannot forge one: in templates it is escaped, and bodies
/// are spliced in after.)
pub(crate) const CELL: &str = "<!--dossier:cell:";

/// Where the article's template prints its side-by-side rows (`article.html`):
/// `<!--dossier:rows:0-->`, replaced after Tera by the rows, each through `parallel-row.html`.
pub(crate) const ROWS: &str = "<!--dossier:rows:";

/// Where a page's template prints a long list (`Listed::html`): `<!--dossier:list:N-->`,
/// replaced after Tera by the list's entries. (Author text cannot forge one: in templates it
/// is escaped.)
pub(crate) const LIST: &str = "<!--dossier:list:";

/// Where `briefing.html` prints a topic's entries in the table of contents, those of its
/// articles printed under another topic, and its articles: `<!--dossier:contents:2-->`…
/// (the number is the topic's).
pub(crate) const CONTENTS: &str = "<!--dossier:contents:";
pub(crate) const ALSO: &str = "<!--dossier:also:";
pub(crate) const ARTICLES: &str = "<!--dossier:articles:";

/// Where `briefing-article.html` prints the article's body: `<!--dossier:body:0-->`.
pub(crate) const BODY: &str = "<!--dossier:body:";

/// Where `actor-entry.html` prints the sentence that names the actor: the entry is rendered
/// once for every actor's page and cut there (`actor_list`). Never numbered.
pub(crate) const SENTENCE: &str = "<!--dossier:sentence-->";

/// The entries of a page's long lists, by the number in their marker.
pub(crate) type Lists = Vec<Vec<Arc<str>>>;

#[cfg(test)]
mod tests {
    use super::*;

    fn cuts(shell: &str, kinds: &'static [&'static str]) -> Vec<String> {
        let text = |bytes: &[u8]| String::from_utf8(bytes.to_vec()).unwrap();
        cut_at_markers(shell.as_bytes(), kinds)
            .map(|cut| match cut {
                Cut::Text(bytes) => format!("text {}", text(bytes)),
                Cut::Marker { kind, n, text: t } => format!("{kind}.{n} {}", text(t)),
            })
            .collect()
    }

    #[test]
    fn pages_are_cut_at_well_formed_markers_only() {
        assert_eq!(
            cuts(
                "a<!--dossier:m:0-->b<!--dossier:m:x--><!--dossier:m:7>c<!--dossier:m:12--><!--dossier:m:3-->é<!--dossier:m:99999999999999999999999-->",
                &["<!--dossier:m:"],
            ),
            [
                "text a",
                "0.0 <!--dossier:m:0-->",
                "text b<!--dossier:m:x--><!--dossier:m:7>c",
                "0.12 <!--dossier:m:12-->",
                "text ",
                "0.3 <!--dossier:m:3-->",
                // A number too large for any list is no marker.
                "text é<!--dossier:m:99999999999999999999999-->",
            ]
        );
        assert_eq!(cut_at_markers(b"", &[LIST]).count(), 0);
        // The markers the renderer makes are those it cuts at.
        for n in [0, 7, 12, 4096] {
            let marker = numbered_marker(LIST, n);
            let cut: Vec<_> = cut_at_markers(marker.as_bytes(), &[LIST]).collect();
            assert!(
                matches!(cut[..], [Cut::Text(b""), Cut::Marker { kind: 0, n: m, .. }] if m == n),
                "{marker}"
            );
        }
    }

    /// Several kinds at once (the briefing's): each marker with its kind; other kinds stay text.
    #[test]
    fn markers_of_several_kinds_are_told_apart() {
        assert_eq!(
            cuts(
                "<!--dossier:also:1-->x<!--dossier:list:2--><!--dossier:contents:0-->",
                &[CONTENTS, ALSO, ARTICLES],
            ),
            [
                "text ",
                "1.1 <!--dossier:also:1-->",
                "text x<!--dossier:list:2-->",
                "0.0 <!--dossier:contents:0-->",
            ]
        );
    }
}
