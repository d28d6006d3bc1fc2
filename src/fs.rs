//! The one module that touches the disk: reading the site's files and writing the output.
//! Every IO error names its file.

use std::borrow::Cow;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bytes::Bytes;
use rayon::prelude::*;

use crate::error::{Diagnostic, Error, Result};

/// The marker that says an output directory was made by `dossier` and may be replaced.
pub const OUTPUT_MARKER: &str = ".dossier";

pub fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(|e| Error::io(path, &e))
}

/// Every file under `dir`, as paths relative to `base` with `/` separators, sorted.
/// Follows symbolic links and reports loops. A missing `dir` has no files.
pub fn walk(base: &Path, dir: &str) -> Result<Vec<String>> {
    let top = base.join(dir);
    if !top.exists() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    // Sorted by name within each folder: siblings' paths differ only after their common
    // folder, so their bytes compare as their names do, without taking each path apart again
    // for every comparison (`sort_by_file_name`, a fifth of the walk of 16,000 files).
    for entry in walkdir::WalkDir::new(&top)
        .follow_links(true)
        .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
    {
        let entry = entry.map_err(|e| {
            let path = e
                .path()
                .map(|p| relative(base, p))
                .unwrap_or_else(|| dir.to_string());
            let broken_link = e
                .path()
                .filter(|p| p.is_symlink() && !p.exists())
                .and_then(|p| fs::read_link(p).ok());
            // A link that leads back to itself, through other links or not (ELOOP).
            let link_loop = e
                .path()
                .and_then(|p| fs::metadata(p).err())
                .is_some_and(|e| cfg!(target_os = "linux") && e.raw_os_error() == Some(40));
            if e.loop_ancestor().is_some() {
                Error::site(Diagnostic::file(
                    path,
                    "symbolic link loop: this link points back to a folder that contains it",
                ))
            } else if link_loop {
                Error::site(Diagnostic::file(
                    path,
                    "symbolic link loop: following this link leads back to it: fix or remove the link",
                ))
            } else if let Some(target) = broken_link {
                Error::site(Diagnostic::file(
                    path,
                    format!(
                        "symbolic link to {}, which does not exist (moved or deleted?): fix or remove the link",
                        target.display()
                    ),
                ))
            } else {
                Error::site(Diagnostic::file(
                    path,
                    format!("cannot read: {}", io_message(&e)),
                ))
            }
        })?;
        if entry.file_type().is_file() {
            files.push(relative(base, entry.path()));
        }
    }
    Ok(files)
}

fn io_message(error: &walkdir::Error) -> String {
    error
        .io_error()
        .map(|e| e.to_string())
        .unwrap_or_else(|| error.to_string())
}

fn relative(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Swap, backup and temporary files of common editors.
pub fn is_editor_file(name: &str) -> bool {
    name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with('~')
        || name == "4913"
        || name == ".DS_Store"
        || [
            ".swp",
            ".swx",
            ".swo",
            ".tmp",
            ".temp",
            ".bak",
            ".crdownload",
            ".part",
        ]
        .iter()
        .any(|suffix| name.ends_with(suffix))
        || (name.starts_with('.') && name.contains(".sw"))
        || name.starts_with(".goutputstream")
}

/// One file of the generated site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output directory, with `/` separators.
    pub path: String,
    pub contents: Contents,
}

#[derive(Debug, Clone)]
pub enum Contents {
    /// Shared, so that the live preview's output map clones cheaply; made from a page's
    /// buffer without a copy.
    Bytes(Bytes),
    /// A page kept in memory as the pieces it was handed over in ([`Gather`]): the briefing,
    /// tens of megabytes at 10,000 articles, holds its articles as the renderer's cache keeps
    /// them, so that an edit makes a new page without copying the others.
    Pieces(Arc<[Bytes]>),
    /// A file copied as it is (from `static/`).
    Copy(PathBuf),
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
            Contents::Copy(_) | Contents::Staged => None,
        }
    }

    /// A file kept in memory, as a list of pieces.
    fn pieces(&self) -> Option<&[Bytes]> {
        match self {
            Contents::Bytes(bytes) => Some(std::slice::from_ref(bytes)),
            Contents::Pieces(pieces) => Some(pieces),
            Contents::Copy(_) | Contents::Staged => None,
        }
    }
}

/// Equal when the files are: the same bytes however they are cut into pieces (pieces
/// shared by both are not read), the same source for a copy.
impl PartialEq for Contents {
    fn eq(&self, other: &Contents) -> bool {
        match (self, other) {
            (Contents::Copy(a), Contents::Copy(b)) => a == b,
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

/// Writes a new file, its folders made as needed; a file already there is never overwritten
/// (`create_new`: not even one that appeared since the caller looked).
pub fn write_new(target: &Path, text: &str) -> Result<()> {
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, &e))?;
    }
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(target)
        .and_then(|mut file| std::io::Write::write_all(&mut file, text.as_bytes()))
        .map_err(|e| Error::io(target, &e))
}

/// Writes the whole site beside `output`, then swaps it in: a failed build leaves the previous
/// output untouched, and so does a build killed at any moment (even by `kill -9`): on Linux
/// the two folders are exchanged in one atomic step, so `output` is always one whole site.
/// Refuses to replace a non-empty directory that `dossier` did not make.
pub fn write_site(output: &Path, files: &[OutputFile]) -> Result<()> {
    Staging::create(output)?.finish(files)
}

/// The folder a build writes into, beside the output, swapped in by [`Staging::finish`]; removed
/// when dropped unfinished (a failed build). Files can be written into it while the site is
/// still being rendered, from any thread.
#[derive(Debug)]
pub struct Staging {
    output: PathBuf,
    dir: PathBuf,
    previous: PathBuf,
    /// Folders made so far (relative to the output), so that each is made once.
    made: std::sync::Mutex<ahash::AHashSet<String>>,
    /// The output being replaced, when there is one: its unchanged files are linked, not
    /// written again.
    previous_output: Option<PathBuf>,
    /// The first write that failed: the build fails with it.
    failed: std::sync::Mutex<Option<Error>>,
    finished: std::sync::atomic::AtomicBool,
    /// The bytes of the files written (or linked) so far.
    bytes: std::sync::atomic::AtomicU64,
}

impl Staging {
    /// A new staging folder for `output`. Refuses to replace a non-empty directory that
    /// `dossier` did not make; removes the staging folders of killed builds.
    pub fn create(output: &Path) -> Result<Staging> {
        check_replaceable(output)?;
        let parent = output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, &e))?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        remove_leftovers(parent, &name);
        let dir = parent.join(format!(".{name}.dossier-new-{}", std::process::id()));
        let previous = parent.join(format!(".{name}.dossier-old-{}", std::process::id()));
        remove_dir(&dir)?;
        fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, &e))?;
        Ok(Staging {
            output: output.to_path_buf(),
            dir,
            previous,
            made: std::sync::Mutex::default(),
            previous_output: output.is_dir().then(|| output.to_path_buf()),
            failed: std::sync::Mutex::new(None),
            finished: std::sync::atomic::AtomicBool::new(false),
            bytes: std::sync::atomic::AtomicU64::new(0),
        })
    }

    /// Writes one file (its path relative to the output). A failure is kept and reported by
    /// [`Staging::finish`]. A file the previous output has with the same bytes is not written
    /// again: it is linked into the staging folder, so that it keeps its date and the
    /// build writes only what changed.
    pub fn write(&self, path: &str, bytes: &[u8]) {
        self.count(bytes.len() as u64);
        let target = self.dir.join(path);
        let result = self.make_parent(path).and_then(|()| {
            let old = self.previous_output.as_ref().map(|o| o.join(path));
            link_or_write(old.as_deref(), &target, bytes)
        });
        if let Err(error) = result {
            self.failed.lock().expect("lock").get_or_insert(error);
        }
    }

    /// Writes one file handed over in pieces: `make` gets a sink for them. Like
    /// [`Staging::write`], an unchanged file is linked, not written (the pieces are compared
    /// with it as they come), and a failure is kept for [`Staging::finish`].
    pub fn write_pieces<R>(&self, path: &str, make: impl FnOnce(&mut dyn FnMut(&[u8])) -> R) -> R {
        let target = self.dir.join(path);
        let old = self
            .previous_output
            .as_ref()
            .map(|o| o.join(path))
            .and_then(|old| Some((fs::File::open(&old).ok()?, old)));
        let mut sink = Pieces {
            target: &target,
            old: old.map(|(file, path)| (std::io::BufReader::with_capacity(1 << 16, file), path)),
            matched: 0,
            buffer: Vec::new(),
            writer: None,
            failed: None,
        };
        let made = self.make_parent(path);
        let mut size = 0;
        let result = make(&mut |piece: &[u8]| {
            size += piece.len() as u64;
            sink.push(piece)
        });
        self.count(size);
        let written = made.and_then(|()| sink.finish());
        if let Err(error) = written {
            self.failed.lock().expect("lock").get_or_insert(error);
        }
        result
    }

    /// The bytes of the site's files: those written so far, all of them once
    /// [`Staging::finish`] is done (the marker file aside).
    pub fn bytes(&self) -> u64 {
        self.bytes.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn count(&self, bytes: u64) {
        self.bytes
            .fetch_add(bytes, std::sync::atomic::Ordering::Relaxed);
    }

    /// Makes the folder of `path` (relative to the output, `/` separators) in the staging
    /// folder, with its parents, unless this build made it already: each folder this build
    /// has not made, from the outermost in, with one `mkdir` (a side-by-side view's folder
    /// may come before its article's, which holds it).
    fn make_parent(&self, path: &str) -> Result<()> {
        let Some((folder, _)) = path.rsplit_once('/') else {
            return Ok(());
        };
        let missing: Vec<&str> = {
            let made = self.made.lock().expect("lock");
            std::iter::successors(Some(folder), |f| {
                f.rsplit_once('/').map(|(parent, _)| parent)
            })
            .take_while(|f| !made.contains(*f))
            .collect()
        };
        for folder in missing.iter().rev() {
            let dir = self.dir.join(folder);
            match fs::create_dir(&dir) {
                Ok(()) => {}
                // Another thread made it at the same time.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && dir.is_dir() => {}
                Err(e) => return Err(Error::io(&dir, &e)),
            }
        }
        let mut made = self.made.lock().expect("lock");
        made.extend(missing.iter().map(|folder| folder.to_string()));
        Ok(())
    }

    /// Writes the files not written yet (`Staged` ones are), then swaps the folder in: a
    /// failed build leaves the previous output untouched, and so does a build killed at any
    /// moment (even by `kill -9`): on Linux the two folders are exchanged in one atomic step,
    /// so the output is always one whole site.
    pub fn finish(&self, files: &[OutputFile]) -> Result<()> {
        if let Some(error) = self.failed.lock().expect("lock").take() {
            return Err(error);
        }
        self.count(write_all(
            &self.dir,
            self.previous_output.as_deref(),
            files,
        )?);
        let (staging, output, previous) = (&self.dir, &self.output, &self.previous);
        self.finished
            .store(true, std::sync::atomic::Ordering::SeqCst);
        if output.exists() {
            match exchange(staging, output) {
                // `staging` now holds the previous output.
                Ok(true) => return remove_dir(staging),
                Ok(false) => {}
                Err(e) => {
                    let _ = remove_dir(staging);
                    return Err(Error::io(output, &e));
                }
            }
            // No atomic exchange here: two renames, with a short moment without `output`.
            remove_dir(previous)?;
            fs::rename(output, previous).map_err(|e| Error::io(output, &e))?;
        }
        if let Err(e) = fs::rename(staging, output) {
            let _ = fs::rename(previous, output);
            return Err(Error::io(output, &e));
        }
        remove_dir(previous)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished.load(std::sync::atomic::Ordering::SeqCst) {
            let _ = remove_dir(&self.dir);
        }
    }
}

/// Swaps two folders atomically. `Ok(false)` when the system or the file system cannot.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// Staging folders left beside the output by builds that were killed: removed when the
/// process that made them is gone (known on Linux from `/proc`; kept elsewhere).
fn remove_leftovers(parent: &Path, name: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let pid = [".dossier-new-", ".dossier-old-"].iter().find_map(|kind| {
            file_name
                .strip_prefix(&format!(".{name}{kind}"))
                .and_then(|pid| pid.parse::<u32>().ok())
        });
        if let Some(pid) = pid {
            if pid != std::process::id() && !Path::new("/proc").join(pid.to_string()).exists() {
                let _ = remove_dir(&entry.path());
            }
        }
    }
}

/// Writes the files not staged yet, and the marker; returns the bytes of the files.
fn write_all(staging: &Path, previous: Option<&Path>, files: &[OutputFile]) -> Result<u64> {
    fs::create_dir_all(staging).map_err(|e| Error::io(staging, &e))?;
    let files: Vec<&OutputFile> = files
        .iter()
        .filter(|f| !matches!(f.contents, Contents::Staged))
        .collect();
    let mut dirs: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| Path::new(&f.path).parent().map(|p| staging.join(p)))
        .collect();
    dirs.sort();
    dirs.dedup();
    // create_dir_all tolerates another thread creating a shared parent at the same time.
    dirs.par_iter()
        .try_for_each(|dir| fs::create_dir_all(dir).map_err(|e| Error::io(dir, &e)))?;
    let bytes = files
        .par_iter()
        .map(|file| {
            let target = staging.join(&file.path);
            let old = previous.map(|p| p.join(&file.path));
            match &file.contents {
                Contents::Bytes(bytes) => {
                    link_or_write(old.as_deref(), &target, bytes).map(|()| bytes.len() as u64)
                }
                Contents::Pieces(pieces) => {
                    let bytes = pieces.concat();
                    link_or_write(old.as_deref(), &target, &bytes).map(|()| bytes.len() as u64)
                }
                Contents::Copy(source) => link_or_copy(old.as_deref(), &target, source),
                Contents::Staged => Ok(0),
            }
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))?;
    link_or_write(
        previous.map(|p| p.join(OUTPUT_MARKER)).as_deref(),
        &staging.join(OUTPUT_MARKER),
        b"This folder is written by dossier and replaced by each build.\n",
    )?;
    Ok(bytes)
}

/// Writes `bytes` at `target`, or links `old` there when it holds exactly those bytes: an
/// unchanged file keeps its date, and the build writes only what changed.
fn link_or_write(old: Option<&Path>, target: &Path, bytes: &[u8]) -> Result<()> {
    if old.is_some_and(|old| same_bytes(old, bytes) && fs::hard_link(old, target).is_ok()) {
        return Ok(());
    }
    fs::write(target, bytes).map_err(|e| Error::io(target, &e))
}

/// Whether `old` is a file holding exactly `bytes`.
fn same_bytes(old: &Path, bytes: &[u8]) -> bool {
    fs::symlink_metadata(old).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && fs::read(old).is_ok_and(|old| old == bytes)
}

/// Copies `source` to `target`, or links `old` there when it holds exactly what `source`
/// holds, like [`link_or_write`]; returns the bytes of the file.
fn link_or_copy(old: Option<&Path>, target: &Path, source: &Path) -> Result<u64> {
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
struct Pieces<'a> {
    target: &'a Path,
    /// The previous output's file while it matches, and its path.
    old: Option<(std::io::BufReader<fs::File>, PathBuf)>,
    /// Bytes matched so far.
    matched: u64,
    buffer: Vec<u8>,
    writer: Option<Sink>,
    failed: Option<Error>,
}

impl Pieces<'_> {
    fn push(&mut self, piece: &[u8]) {
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

    fn finish(mut self) -> Result<()> {
        use std::io::{Read as _, Write as _};
        if let Some(error) = self.failed.take() {
            return Err(error);
        }
        if let Some((old, path)) = &mut self.old {
            // Every piece matched: the same file if the old one ends here.
            let mut byte = [0u8];
            if old.read(&mut byte).is_ok_and(|n| n == 0)
                && fs::hard_link(&*path, self.target).is_ok()
            {
                return Ok(());
            }
            self.diverge()?;
        }
        if self.writer.is_none() {
            self.create()?;
        }
        let mut writer = self.writer.take().expect("created above");
        writer.flush().map_err(|e| Error::io(self.target, &e))
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

fn check_replaceable(output: &Path) -> Result<()> {
    if !output.exists() {
        return Ok(());
    }
    if !output.is_dir() {
        return Err(Error::Usage(format!(
            "{}: the output path exists and is not a folder",
            output.display()
        )));
    }
    let mut entries = fs::read_dir(output).map_err(|e| Error::io(output, &e))?;
    if entries.next().is_none() || output.join(OUTPUT_MARKER).exists() {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "{}: refusing to replace a non-empty folder that dossier did not create (choose another --output-dir, or empty it)",
        output.display()
    )))
}

/// Removes a folder and all it holds, if it is there: the previous output of a rebuild once
/// the new one took its place, a failed build's staging folder, a killed build's. Their
/// folders are emptied in parallel (`std::fs::remove_dir_all` goes one entry at a time, a
/// quarter of a second for 28,000 pages). A symbolic link in the folder's place goes itself,
/// as with `remove_dir_all`: what it points to stays.
fn remove_dir(path: &Path) -> Result<()> {
    let removed = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => gone(fs::remove_file(path), path),
        _ => remove_tree(path),
    };
    removed.map_err(|(at, e)| Error::io(&at, &e))
}

/// A removal's result: what was gone already is no error; an error says where it happened.
fn gone(
    result: std::io::Result<()>,
    at: &Path,
) -> std::result::Result<(), (PathBuf, std::io::Error)> {
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err((at.to_path_buf(), e)),
        _ => Ok(()),
    }
}

/// Removes `dir` (a folder, not a link to one) and what it holds, the entries of each folder
/// in parallel; symbolic links in it are removed, never followed. What is gone already (or
/// was never there) is no error (see [`gone`]).
fn remove_tree(dir: &Path) -> std::result::Result<(), (PathBuf, std::io::Error)> {
    let entries = match fs::read_dir(dir).and_then(Iterator::collect::<std::io::Result<Vec<_>>>) {
        Ok(entries) => entries,
        Err(e) => return gone(Err(e), dir),
    };
    entries.into_par_iter().try_for_each(|entry| {
        let path = entry.path();
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => remove_tree(&path),
            _ => gone(fs::remove_file(&path), &path),
        }
    })?;
    gone(fs::remove_dir(dir), dir)
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
            Contents::Copy("a.html".into()),
        ] {
            assert_ne!(whole, other);
            assert_ne!(other, whole);
        }
        assert_eq!(Contents::Copy("a".into()), Contents::Copy("a".into()));
        assert_ne!(Contents::Copy("a".into()), Contents::Copy("b".into()));
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    const OLD: &str = "<p>one</p><p>two</p>";

    /// Files come folder by folder, each folder's entries by name: a folder's files before
    /// a sibling whose name follows the folder's (`a/…` before `a-c.md`, though `-` sorts
    /// before `/`), capitals before small letters, bytes not characters.
    #[test]
    fn walk_sorts_each_folder_by_name() {
        let dir = tempfile::tempdir().unwrap();
        for file in [
            "c/a-c.md",
            "c/a/b.md",
            "c/b.md",
            "c/A.md",
            "c/a/a/z.md",
            "c/é.md",
            "c/f.md",
        ] {
            let path = dir.path().join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "x").unwrap();
        }
        assert_eq!(
            walk(dir.path(), "c").unwrap(),
            [
                "c/A.md",
                "c/a/a/z.md",
                "c/a/b.md",
                "c/a-c.md",
                "c/b.md",
                "c/f.md",
                "c/é.md"
            ]
        );
    }

    /// A folder goes with everything it holds at every depth; a symbolic link in it goes, not
    /// what it points to; a folder that is not there is no error.
    #[test]
    fn a_tree_is_removed_whole_without_following_links() {
        let dir = tempfile::tempdir().unwrap();
        let tree = dir.path().join("old");
        let kept = dir.path().join("kept");
        fs::create_dir_all(kept.join("inside")).unwrap();
        fs::write(kept.join("inside/file.txt"), "kept").unwrap();
        for n in 0..40 {
            let page = tree.join(format!("fr/articles/page-{n}"));
            fs::create_dir_all(page.join("deeper/still")).unwrap();
            fs::write(page.join("index.html"), "page").unwrap();
            fs::write(page.join("deeper/still/a.png"), "png").unwrap();
        }
        fs::create_dir_all(tree.join("empty")).unwrap();
        fs::write(tree.join("robots.txt"), "robots").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&kept, tree.join("fr/link")).unwrap();
        remove_dir(&tree).unwrap();
        assert!(!tree.exists());
        assert_eq!(
            fs::read_to_string(kept.join("inside/file.txt")).unwrap(),
            "kept"
        );
        remove_dir(&tree).unwrap();
    }

    /// A symbolic link where the folder was (an output that was a link, swapped out) goes
    /// itself; the folder it points to stays whole.
    #[cfg(unix)]
    #[test]
    fn a_link_in_place_of_the_tree_is_removed_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let kept = dir.path().join("kept");
        fs::create_dir_all(kept.join("inside")).unwrap();
        fs::write(kept.join("inside/file.txt"), "kept").unwrap();
        let link = dir.path().join("old");
        std::os::unix::fs::symlink(&kept, &link).unwrap();
        remove_dir(&link).unwrap();
        assert!(fs::symlink_metadata(&link).is_err());
        assert_eq!(
            fs::read_to_string(kept.join("inside/file.txt")).unwrap(),
            "kept"
        );
    }

    /// Files written in folders of every depth, in any order, by several threads.
    #[test]
    fn staging_makes_the_folders_of_files_at_any_depth() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let staging = Staging::create(&output).unwrap();
        let paths = [
            "a/b/c/index.html",
            "a/index.html",
            "index.html",
            "a/b/index.html",
            "d/e.xml",
        ];
        std::thread::scope(|scope| {
            for path in paths {
                let staging = &staging;
                scope.spawn(move || staging.write(path, path.as_bytes()));
            }
        });
        staging.write_pieces("a/b/c/d/page.html", |out| out(b"piece"));
        // A folder first made for a folder inside it.
        let later = ["f/g/h/index.html", "f/g/index.html", "f/index.html"];
        for path in later {
            staging.write(path, path.as_bytes());
        }
        staging.finish(&[]).unwrap();
        for &path in paths.iter().chain(&later) {
            assert_eq!(fs::read_to_string(output.join(path)).unwrap(), path);
        }
        assert_eq!(
            fs::read_to_string(output.join("a/b/c/d/page.html")).unwrap(),
            "piece"
        );
    }

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
                    contents: Contents::Copy(source.clone()),
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
