//! Markers that templates print where long lists, side-by-side rows and cells, and the
//! briefing's parts go, and the cutting of a rendered page at them: what they stand for is
//! spliced in after Tera, so that it never passes through a template context.

use std::sync::Arc;

/// A page rendered by Tera, cut at its numbered markers (`marker`, a number, `-->`).
pub(crate) enum Cut<'a> {
    Text(&'a [u8]),
    /// The marker's number and its text (what stays when the number stands for nothing).
    Marker(usize, &'a [u8]),
}

/// Marker `n` of a kind (`CELL`, `LIST`), as `cut_at_markers` finds it: `<!--dossier:list:3-->`.
/// (Made for every cell of every side-by-side view: without `format!`.)
pub(crate) fn numbered_marker(marker: &str, n: usize) -> String {
    let mut html = String::with_capacity(marker.len() + 8);
    html.push_str(marker);
    crate::text::date::push_number(&mut html, n as u32, 1);
    html.push_str("-->");
    html
}

/// (By bytes: markers are ASCII, so the pieces between them are whole characters; Tera's
/// output is never checked as UTF-8 again.)
pub(crate) fn cut_at_markers<'a>(
    shell: &'a [u8],
    marker: &'static str,
) -> impl Iterator<Item = Cut<'a>> {
    let mut rest = shell;
    let mut next: Option<Cut<'a>> = None;
    let finder = memchr::memmem::Finder::new(marker);
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
                next = Some(Cut::Marker(n, &rest[at..end]));
                rest = &rest[end..];
                return Some(Cut::Text(text));
            }
            from = at + marker.len();
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

/// Where the side-by-side view's template prints a cell's HTML: `<!--dossier:cell:N-->`,
/// replaced after Tera. (Author text cannot forge one: in templates it is escaped, and bodies
/// are spliced in after.)
pub(crate) const CELL: &str = "<!--dossier:cell:";

/// Where the side-by-side view's template prints its rows (`parallel.rows_html`):
/// `<!--dossier:rows:0-->`, replaced after Tera by the rows, each through `parallel-row.html`.
pub(crate) const ROWS: &str = "<!--dossier:rows:";

/// Where a page's template prints a long list (`Listed::html`): `<!--dossier:list:N-->`,
/// replaced after Tera by the list's entries. (Author text cannot forge one: in templates it
/// is escaped.)
pub(crate) const LIST: &str = "<!--dossier:list:";

/// The entries of a page's long lists, by the number in their marker.
pub(crate) type Lists = Vec<Vec<Arc<str>>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    pub(crate) fn pages_are_cut_at_well_formed_markers_only() {
        let text = |bytes: &[u8]| String::from_utf8(bytes.to_vec()).unwrap();
        let cuts: Vec<String> = cut_at_markers(
            "a<!--m:0-->b<!--m:x--><!--m:7>c<!--m:12--><!--m:3-->é<!--m:99999999999999999999999-->"
                .as_bytes(),
            "<!--m:",
        )
        .map(|cut| match cut {
            Cut::Text(bytes) => format!("text {}", text(bytes)),
            Cut::Marker(n, marker) => format!("{n} {}", text(marker)),
        })
        .collect();
        assert_eq!(
            cuts,
            [
                "text a",
                "0 <!--m:0-->",
                "text b<!--m:x--><!--m:7>c",
                "12 <!--m:12-->",
                "text ",
                "3 <!--m:3-->",
                // A number too large for any list is no marker.
                "text é<!--m:99999999999999999999999-->",
            ]
        );
        assert_eq!(cut_at_markers(b"", "<!--m:").count(), 0);
        // The markers the renderer makes are those it cuts at.
        for n in [0, 7, 12, 4096] {
            let marker = numbered_marker("<!--m:", n);
            let cut: Vec<_> = cut_at_markers(marker.as_bytes(), "<!--m:").collect();
            assert!(
                matches!(cut[..], [Cut::Text(b""), Cut::Marker(m, _)] if m == n),
                "{marker}"
            );
        }
    }
}
