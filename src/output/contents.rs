//! A generated file as the engine holds it: bytes, pieces shared with the renderer's cache, a
//! file to copy, or a file already written into the staging folder.

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::Arc;

use bytes::Bytes;

/// One file of the generated site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output directory, with `/` separators.
    pub path: String,
    pub contents: Contents,
}

/// A source file's size, modification time (nanoseconds since the epoch) and inode.
pub type SourceState = (u64, u128, u64);

#[derive(Debug, Clone)]
pub enum Contents {
    /// Shared, so that the live preview's output map clones cheaply; made from a page's
    /// buffer without a copy.
    Bytes(Bytes),
    /// A page kept in memory as the pieces it was handed over in ([`Gather`]): the briefing,
    /// tens of megabytes at 10,000 articles, holds its articles as the renderer's cache keeps
    /// them, so that an edit makes a new page without copying the others.
    Pieces(Arc<[Bytes]>),
    /// A file copied as it is (from `static/`, or beside the articles), with its source's
    /// state when the site was read (size, modification time in nanoseconds, inode, as
    /// `make` knows a file): two outputs hold the same copy when both are the same, so that an
    /// edited picture is a changed file.
    Copy(PathBuf, SourceState),
    /// Already written into the [`Staging`] folder of the build that made it: `dossier build`
    /// writes pages as they are rendered instead of holding the whole site in memory. Only
    /// its path is kept (an engine that stages never rebuilds).
    Staged,
}

impl Contents {
    /// The bytes of a file kept in memory, joined when in pieces; `None` for a copied or a
    /// staged file.
    pub fn in_memory(&self) -> Option<Cow<'_, [u8]>> {
        match self {
            Contents::Bytes(bytes) => Some(Cow::Borrowed(bytes)),
            Contents::Pieces(pieces) => Some(Cow::Owned(pieces.concat())),
            Contents::Copy(..) | Contents::Staged => None,
        }
    }

    /// A file kept in memory, as a list of pieces.
    fn pieces(&self) -> Option<&[Bytes]> {
        match self {
            Contents::Bytes(bytes) => Some(std::slice::from_ref(bytes)),
            Contents::Pieces(pieces) => Some(pieces),
            Contents::Copy(..) | Contents::Staged => None,
        }
    }
}

/// Equal when the files are: the same bytes however they are cut into pieces (pieces
/// shared by both are not read), the same source in the same state for a copy.
impl PartialEq for Contents {
    fn eq(&self, other: &Contents) -> bool {
        match (self, other) {
            (Contents::Copy(a, at), Contents::Copy(b, bt)) => a == b && at == bt,
            (Contents::Staged, Contents::Staged) => true,
            _ => match (self.pieces(), other.pieces()) {
                (Some(a), Some(b)) => same_pieces(a, b),
                _ => false,
            },
        }
    }
}

impl Eq for Contents {}

fn same_pieces(a: &[Bytes], b: &[Bytes]) -> bool {
    let total = |pieces: &[Bytes]| pieces.iter().map(Bytes::len).sum::<usize>();
    if total(a) != total(b) {
        return false;
    }
    let mut a = a
        .iter()
        .map(|piece| &piece[..])
        .filter(|piece| !piece.is_empty());
    let mut b = b
        .iter()
        .map(|piece| &piece[..])
        .filter(|piece| !piece.is_empty());
    let (mut x, mut y): (&[u8], &[u8]) = (&[], &[]);
    loop {
        if x.is_empty() {
            x = a.next().unwrap_or_default();
        }
        if y.is_empty() {
            y = b.next().unwrap_or_default();
        }
        if x.is_empty() || y.is_empty() {
            return x.is_empty() && y.is_empty();
        }
        let n = x.len().min(y.len());
        if x[..n].as_ptr() != y[..n].as_ptr() && x[..n] != y[..n] {
            return false;
        }
        (x, y) = (&x[n..], &y[n..]);
    }
}

/// Gathers a page handed over in pieces into [`Contents`] kept in memory: text is copied,
/// shared text ([`Gather::shared`]) is kept as it is.
#[derive(Default)]
pub struct Gather {
    pieces: Vec<Bytes>,
    text: Vec<u8>,
}

impl Gather {
    pub fn text(&mut self, text: &[u8]) {
        self.text.extend_from_slice(text);
    }

    pub fn shared(&mut self, text: &Arc<str>) {
        self.flush();
        self.pieces
            .push(Bytes::from_owner(SharedText(Arc::clone(text))));
    }

    fn flush(&mut self) {
        if !self.text.is_empty() {
            self.pieces.push(std::mem::take(&mut self.text).into());
        }
    }

    /// One buffer when nothing was shared, else the pieces.
    pub fn finish(mut self) -> Contents {
        if self.pieces.is_empty() {
            return Contents::Bytes(self.text.into());
        }
        self.flush();
        Contents::Pieces(self.pieces.into())
    }
}

/// Shared text as the owner of a [`Bytes`].
struct SharedText(Arc<str>);

impl AsRef<[u8]> for SharedText {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

#[cfg(test)]
mod in_memory {
    use super::*;

    fn cut(pieces: &[&'static str]) -> Contents {
        Contents::Pieces(
            pieces
                .iter()
                .map(|piece| Bytes::from_static(piece.as_bytes()))
                .collect(),
        )
    }

    #[test]
    fn a_page_is_kept_whole_unless_it_has_shared_pieces() {
        let mut page = Gather::default();
        page.text(b"<p>");
        page.text(b"one</p>");
        assert!(matches!(page.finish(), Contents::Bytes(b) if &b[..] == b"<p>one</p>"));
        let article: Arc<str> = Arc::from("<article>un</article>");
        let mut page = Gather::default();
        page.text(b"<main>");
        page.shared(&article);
        page.shared(&article);
        page.text(b"</main>");
        let contents = page.finish();
        let Contents::Pieces(pieces) = &contents else {
            panic!("in pieces: {contents:?}");
        };
        assert_eq!(pieces.len(), 4);
        // Kept, not copied.
        assert_eq!(pieces[1].as_ptr(), article.as_ptr());
        assert_eq!(pieces[2].as_ptr(), article.as_ptr());
        assert_eq!(
            contents.in_memory().unwrap(),
            &b"<main><article>un</article><article>un</article></main>"[..]
        );
    }

    #[test]
    fn contents_are_equal_when_their_bytes_are_however_they_are_cut() {
        let whole = Contents::Bytes(Bytes::from_static(b"<p>one</p><p>two</p>"));
        assert_eq!(whole, cut(&["<p>one</p>", "<p>two</p>"]));
        assert_eq!(cut(&["<p>one</p>", "<p>two</p>"]), whole);
        assert_eq!(
            cut(&["<p>o", "", "ne</p><p>two</p>"]),
            cut(&["<p>one</p>", "<p>t", "wo</p>"])
        );
        assert_eq!(cut(&[]), Contents::Bytes(Bytes::new()));
        for other in [
            cut(&["<p>one</p>", "<p>2</p>"]),
            cut(&["<p>one</p>", "<p>twO</p>"]),
            cut(&["<P>one</p>", "<p>two</p>"]),
            cut(&["<p>one</p>"]),
            cut(&["<p>one</p>", "<p>two</p>", "!"]),
            cut(&[]),
            Contents::Staged,
            Contents::Copy("a.html".into(), (10, 1, 2)),
        ] {
            assert_ne!(whole, other);
            assert_ne!(other, whole);
        }
        let copy = |source: &str, state| Contents::Copy(source.into(), state);
        assert_eq!(copy("a", (10, 1, 2)), copy("a", (10, 1, 2)));
        assert_ne!(copy("a", (10, 1, 2)), copy("b", (10, 1, 2)));
        // The same file edited: another size, date or inode.
        assert_ne!(copy("a", (10, 1, 2)), copy("a", (11, 1, 2)));
        assert_ne!(copy("a", (10, 1, 2)), copy("a", (10, 3, 2)));
        assert_ne!(copy("a", (10, 1, 2)), copy("a", (10, 1, 4)));
    }
}
