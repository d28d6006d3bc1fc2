//! Writing one file of the output: linked from the previous output when its bytes are the
//! same, compared piece by piece when it comes in pieces.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Writes `bytes` at `target`, or links `old` there when it holds exactly those bytes: an
/// unchanged file keeps its date, and the build writes only what changed.
pub(super) fn link_or_write(old: Option<&Path>, target: &Path, bytes: &[u8]) -> Result<()> {
    if old.is_some_and(|old| same_bytes(old, bytes) && fs::hard_link(old, target).is_ok()) {
        return Ok(());
    }
    fs::write(target, bytes).map_err(|e| Error::io(target, &e))
}

/// Whether `old` is a file holding exactly `bytes`.
pub(super) fn same_bytes(old: &Path, bytes: &[u8]) -> bool {
    fs::symlink_metadata(old).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && fs::read(old).is_ok_and(|old| old == bytes)
}

/// Copies `source` to `target`, or links `old` there when it holds exactly what `source`
/// holds, like [`link_or_write`]; returns the bytes of the file.
pub(super) fn link_or_copy(old: Option<&Path>, target: &Path, source: &Path) -> Result<u64> {
    // The length of `old` when it holds what `source` holds.
    let same = |old: &Path| {
        let len = fs::symlink_metadata(old).ok()?.len();
        (fs::metadata(source).ok()?.len() == len
            && fs::read(source).is_ok_and(|bytes| same_bytes(old, &bytes)))
        .then_some(len)
    };
    if let Some(len) = old.and_then(|old| same(old).filter(|_| fs::hard_link(old, target).is_ok()))
    {
        return Ok(len);
    }
    fs::copy(source, target).map_err(|e| Error::io(source, &e))
}

/// A file written in pieces, compared with the previous output's as they come: while they
/// match, nothing is written; at the first difference the matched part is copied from the
/// old file and the rest written; a file that matched to its end is linked.
pub(super) struct Pieces<'a> {
    target: &'a Path,
    /// The previous output's file while it matches, and its path.
    old: Option<(std::io::BufReader<fs::File>, PathBuf)>,
    /// Bytes matched so far.
    matched: u64,
    buffer: Vec<u8>,
    writer: Option<Sink>,
    failed: Option<Error>,
    /// When the pieces match the old file to its end: leave it (the spare's own file), rather
    /// than link it at `target`.
    keep_when_same: bool,
}

impl<'a> Pieces<'a> {
    /// A file to write at `target`, compared with `old` (the previous output's, opened, and
    /// its path) while the pieces match it.
    pub(super) fn new(target: &'a Path, old: Option<(fs::File, PathBuf)>) -> Pieces<'a> {
        Pieces {
            target,
            old: old.map(|(file, path)| (std::io::BufReader::with_capacity(1 << 16, file), path)),
            matched: 0,
            buffer: Vec::new(),
            writer: None,
            failed: None,
            keep_when_same: false,
        }
    }

    /// A file compared with `old`, its own previous version in the spare: when the pieces
    /// match it, nothing is written ([`Pieces::finish`] says `false`).
    pub(super) fn keeping(target: &'a Path, old: Option<(fs::File, PathBuf)>) -> Pieces<'a> {
        Pieces {
            keep_when_same: true,
            ..Pieces::new(target, old)
        }
    }

    pub(super) fn push(&mut self, piece: &[u8]) {
        use std::io::{Read as _, Write as _};
        if self.failed.is_some() {
            return;
        }
        if let Some((old, _)) = &mut self.old {
            self.buffer.resize(piece.len(), 0);
            if old.read_exact(&mut self.buffer).is_ok() && self.buffer == piece {
                self.matched += piece.len() as u64;
                return;
            }
            if let Err(error) = self.diverge() {
                self.failed = Some(error);
                return;
            }
        }
        if self.writer.is_none()
            && let Err(error) = self.create()
        {
            self.failed = Some(error);
            return;
        }
        let writer = self.writer.as_mut().expect("created above");
        if let Err(e) = writer.write_all(piece) {
            self.failed = Some(Error::io(self.target, &e));
        }
    }

    fn create(&mut self) -> Result<()> {
        let file = fs::File::create(self.target).map_err(|e| Error::io(self.target, &e))?;
        self.writer = Some(Sink {
            file,
            buffer: Vec::new(),
        });
        Ok(())
    }

    /// The pieces differ from the old file: the part that matched is copied from it.
    fn diverge(&mut self) -> Result<()> {
        use std::io::{Read as _, Seek as _};
        let (old, path) = self.old.take().expect("comparing");
        self.create()?;
        let mut old = old.into_inner();
        let writer = self.writer.as_mut().expect("created above");
        old.rewind()
            .and_then(|()| std::io::copy(&mut old.take(self.matched), writer))
            .map_err(|e| Error::io(&path, &e))
            .and_then(|copied| match copied == self.matched {
                true => Ok(()),
                false => Err(Error::io(
                    &path,
                    &std::io::Error::other("changed while the build read it"),
                )),
            })
    }

    /// Ends the file: false when it was the old one (`keeping`) and nothing was written.
    pub(super) fn finish(mut self) -> Result<bool> {
        use std::io::{Read as _, Write as _};
        if let Some(error) = self.failed.take() {
            return Err(error);
        }
        if let Some((old, path)) = &mut self.old {
            // Every piece matched: the same file if the old one ends here.
            let mut byte = [0u8];
            if old.read(&mut byte).is_ok_and(|n| n == 0) {
                if self.keep_when_same {
                    return Ok(false);
                }
                if fs::hard_link(&*path, self.target).is_ok() {
                    return Ok(true);
                }
            }
            self.diverge()?;
        }
        if self.writer.is_none() {
            self.create()?;
        }
        let mut writer = self.writer.take().expect("created above");
        writer.flush().map_err(|e| Error::io(self.target, &e))?;
        Ok(true)
    }
}

/// A file written through a buffer that only small pieces go into: a page of one long piece
/// (most of them) is written as it is, not copied into a buffer first; the thousands of entries
/// of a long list are gathered into writes of 64 KiB.
struct Sink {
    file: fs::File,
    buffer: Vec<u8>,
}

impl Sink {
    const CAPACITY: usize = 1 << 16;
    /// Pieces from this size on are written directly.
    const DIRECT: usize = 1 << 12;
}

impl std::io::Write for Sink {
    fn write(&mut self, piece: &[u8]) -> std::io::Result<usize> {
        if self.buffer.len() + piece.len() > Self::CAPACITY || piece.len() >= Self::DIRECT {
            self.flush()?;
        }
        if piece.len() >= Self::DIRECT {
            self.file.write_all(piece)?;
        } else {
            if self.buffer.capacity() == 0 {
                self.buffer.reserve_exact(Self::CAPACITY);
            }
            self.buffer.extend_from_slice(piece);
        }
        Ok(piece.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.buffer.is_empty() {
            self.file.write_all(&self.buffer)?;
            self.buffer.clear();
        }
        Ok(())
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use crate::output::{Contents, OUTPUT_MARKER, OutputFile, Staging, write_site};
    use std::os::unix::fs::MetadataExt;

    const OLD: &str = "<p>one</p><p>two</p>";

    /// Pieces short and long, in any order, reach the file in order.
    #[test]
    fn a_sink_writes_pieces_of_every_size_in_order() {
        use std::io::Write as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.html");
        let sizes = [
            3,
            Sink::DIRECT,
            10,
            Sink::CAPACITY - 5,
            7,
            Sink::DIRECT - 1,
            2,
            1,
            0,
        ];
        let pieces: Vec<Vec<u8>> = sizes
            .iter()
            .enumerate()
            .map(|(i, &n)| vec![b'a' + i as u8; n])
            .collect();
        let mut sink = Sink {
            file: fs::File::create(&path).unwrap(),
            buffer: Vec::new(),
        };
        for piece in &pieces {
            sink.write_all(piece).unwrap();
        }
        sink.flush().unwrap();
        assert_eq!(fs::read(&path).unwrap(), pieces.concat());
    }

    /// Builds `a.html` over an output that has it as `OLD`, in `pieces`: what it then holds,
    /// and whether it is the old file (linked, not written).
    fn rebuilt(pieces: &[&str]) -> (String, bool) {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let first = Staging::create(&output).unwrap();
        first.write("a.html", OLD.as_bytes());
        first.finish(&[]).unwrap();
        let inode = fs::metadata(output.join("a.html")).unwrap().ino();
        let second = Staging::create(&output).unwrap();
        second.write_pieces("a.html", |out| {
            pieces.iter().for_each(|piece| out(piece.as_bytes()))
        });
        second.finish(&[]).unwrap();
        let file = output.join("a.html");
        (
            fs::read_to_string(&file).unwrap(),
            fs::metadata(&file).unwrap().ino() == inode,
        )
    }

    #[test]
    fn a_file_in_pieces_is_linked_when_unchanged_and_written_whole_when_not() {
        // The same bytes, however they are cut: the old file.
        assert_eq!(rebuilt(&["<p>one</p>", "<p>two</p>"]), (OLD.into(), true));
        assert_eq!(rebuilt(&["", OLD, ""]), (OLD.into(), true));
        // A difference anywhere: the new text, whole.
        for pieces in [
            &["<p>one</p>", "<p>2</p>"][..],
            &["<p>ONE</p>", "<p>two</p>"],
            &["<p>one</p>"],
            &["<p>one</p>", "<p>two</p>", "<p>three</p>"],
            &[],
        ] {
            let (text, linked) = rebuilt(pieces);
            assert_eq!(text, pieces.concat());
            assert!(!linked, "{pieces:?}");
        }
    }

    #[test]
    fn an_unchanged_file_is_linked_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let source = dir.path().join("logo.svg");
        fs::write(&source, "<svg/>").unwrap();
        let files = |text: &str| {
            vec![
                OutputFile {
                    path: "a/b.txt".into(),
                    contents: Contents::Bytes(text.as_bytes().to_vec().into()),
                },
                OutputFile {
                    path: "logo.svg".into(),
                    contents: Contents::Copy(source.clone(), (6, 0, 0)),
                },
            ]
        };
        write_site(&output, &files("one")).unwrap();
        let inode = |path: &str| fs::metadata(output.join(path)).unwrap().ino();
        let before = [inode("a/b.txt"), inode("logo.svg"), inode(OUTPUT_MARKER)];
        write_site(&output, &files("one")).unwrap();
        assert_eq!(
            [inode("a/b.txt"), inode("logo.svg"), inode(OUTPUT_MARKER)],
            before
        );
        write_site(&output, &files("two")).unwrap();
        assert_ne!(inode("a/b.txt"), before[0]);
        assert_eq!(fs::read_to_string(output.join("a/b.txt")).unwrap(), "two");
        assert_eq!(inode("logo.svg"), before[1]);
        fs::write(&source, "<svg></svg>").unwrap();
        write_site(&output, &files("two")).unwrap();
        assert_ne!(inode("logo.svg"), before[1]);
        assert_eq!(
            fs::read_to_string(output.join("logo.svg")).unwrap(),
            "<svg></svg>"
        );
    }
}
