//! The folder a build writes into, beside the output, and its swap into place in one atomic
//! step. That folder is the spare (`spare.rs`): the site before the output's, brought up to
//! date with what changed; once swapped, the output it replaced is the next build's spare.
//! Without a spare (a first build, or the first rebuild), a new folder is made, the unchanged
//! files of the output linked into it.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::remove::{check_replaceable, remove_dir};
use super::spare::{self, Listing};
use super::write::{Pieces, link_or_copy, link_or_write};
use super::{Contents, OUTPUT_MARKER, OutputFile};
use crate::error::{Error, Result};

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
    /// When `dir` is the spare, brought up to date: what it held, and the site's files
    /// written into it so far (the others go at the end).
    spare: Option<Listing>,
    kept: std::sync::Mutex<ahash::AHashSet<String>>,
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
        let dir = spare_of(parent, &name);
        let previous = parent.join(format!(".{name}.dossier-old-{}", std::process::id()));
        // A spare is used beside an output, and only one that dossier made (its marker).
        let spare = match output.is_dir() && dir.join(OUTPUT_MARKER).is_file() {
            true => Some(spare::list(&dir)?),
            false => {
                remove_dir(&dir)?;
                fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, &e))?;
                None
            }
        };
        let made = spare
            .as_ref()
            .map(|s| s.folders.clone())
            .unwrap_or_default();
        Ok(Staging {
            output: output.to_path_buf(),
            dir,
            previous,
            made: std::sync::Mutex::new(made),
            previous_output: output.is_dir().then(|| output.to_path_buf()),
            failed: std::sync::Mutex::new(None),
            finished: std::sync::atomic::AtomicBool::new(false),
            bytes: std::sync::atomic::AtomicU64::new(0),
            spare,
            kept: std::sync::Mutex::default(),
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
            match self.spare {
                Some(_) => spare::replace(old.as_deref(), &target, bytes).map(|_| ()),
                None => link_or_write(old.as_deref(), &target, bytes),
            }
        });
        self.keep(path);
        if let Err(error) = result {
            self.failed.lock().expect("lock").get_or_insert(error);
        }
    }

    /// Notes that `path` is one of the site's files (in the spare, the others go at the end).
    fn keep(&self, path: &str) {
        if self.spare.is_some() {
            self.kept.lock().expect("lock").insert(path.to_string());
        }
    }

    /// Writes one file handed over in pieces: `make` gets a sink for them. Like
    /// [`Staging::write`], an unchanged file is linked, not written (the pieces are compared
    /// with it as they come), and a failure is kept for [`Staging::finish`].
    pub fn write_pieces<R>(&self, path: &str, make: impl FnOnce(&mut dyn FnMut(&[u8])) -> R) -> R {
        let target = self.dir.join(path);
        // In the spare: compared with its own file, the new one written beside it and renamed
        // over it.
        let (write_at, old) = match self.spare {
            Some(_) => (spare::temporary(&target), target.clone()),
            None => (
                target.clone(),
                self.previous_output
                    .as_ref()
                    .map_or_else(PathBuf::new, |o| o.join(path)),
            ),
        };
        let old = fs::File::open(&old).ok().map(|file| (file, old));
        let mut sink = match self.spare {
            Some(_) => Pieces::keeping(&write_at, old),
            None => Pieces::new(&write_at, old),
        };
        let made = self.make_parent(path);
        let mut size = 0;
        let result = make(&mut |piece: &[u8]| {
            size += piece.len() as u64;
            sink.push(piece)
        });
        self.count(size);
        self.keep(path);
        let written = made.and_then(|()| sink.finish()).and_then(|written| {
            match written && self.spare.is_some() {
                true => spare::rename_over(&write_at, &target),
                false => Ok(()),
            }
        });
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
                // In the spare, a file where the new site has a folder.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && self.spare.is_some() => {
                    fs::remove_file(&dir)
                        .and_then(|()| fs::create_dir(&dir))
                        .map_err(|e| Error::io(&dir, &e))?;
                }
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
        match &self.spare {
            // (`write` counts the bytes of each file.)
            Some(listing) => {
                self.write_rest(files)?;
                let kept = std::mem::take(&mut *self.kept.lock().expect("lock"));
                spare::remove_stale(&self.dir, listing, &kept)?;
            }
            None => self.count(write_all(
                &self.dir,
                self.previous_output.as_deref(),
                files,
            )?),
        }
        let (staging, output, previous) = (&self.dir, &self.output, &self.previous);
        self.finished
            .store(true, std::sync::atomic::Ordering::SeqCst);
        if output.exists() {
            match exchange(staging, output) {
                // `staging` now holds the previous output: the next build's spare.
                Ok(true) => return Ok(()),
                Ok(false) => {}
                Err(e) => {
                    if self.spare.is_none() {
                        let _ = remove_dir(staging);
                    }
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
        // The previous output, if there was one, is the next build's spare.
        match previous.exists() {
            true => fs::rename(previous, staging).map_err(|e| Error::io(previous, &e)),
            false => Ok(()),
        }
    }

    /// In the spare: the files not staged yet, each replaced only when it changed, and the
    /// marker.
    fn write_rest(&self, files: &[OutputFile]) -> Result<()> {
        let files: Vec<&OutputFile> = files
            .iter()
            .filter(|f| !matches!(f.contents, Contents::Staged))
            .collect();
        files.par_iter().try_for_each(|file| {
            let bytes = match &file.contents {
                Contents::Bytes(bytes) => std::borrow::Cow::Borrowed(&bytes[..]),
                Contents::Pieces(pieces) => std::borrow::Cow::Owned(pieces.concat()),
                Contents::Copy(source, _) => {
                    std::borrow::Cow::Owned(fs::read(source).map_err(|e| Error::io(source, &e))?)
                }
                Contents::Staged => return Ok(()),
            };
            self.write(&file.path, &bytes);
            Ok(())
        })?;
        self.keep(OUTPUT_MARKER);
        spare::replace(None, &self.dir.join(OUTPUT_MARKER), MARKER_TEXT)?;
        match self.failed.lock().expect("lock").take() {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }
}

impl Drop for Staging {
    /// A failed build's new folder goes; a spare stays (the next build compares its files).
    fn drop(&mut self) {
        if !self.finished.load(std::sync::atomic::Ordering::SeqCst) && self.spare.is_none() {
            let _ = remove_dir(&self.dir);
        }
    }
}

/// The spare folder of the output named `name` in `parent`.
fn spare_of(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.dossier-spare"))
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
                Contents::Copy(source, _) => link_or_copy(old.as_deref(), &target, source),
                Contents::Staged => Ok(0),
            }
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))?;
    link_or_write(
        previous.map(|p| p.join(OUTPUT_MARKER)).as_deref(),
        &staging.join(OUTPUT_MARKER),
        MARKER_TEXT,
    )?;
    Ok(bytes)
}

/// What the marker file says.
const MARKER_TEXT: &[u8] = b"This folder is written by dossier and replaced by each build.\n";

#[cfg(all(test, unix))]
mod tests {
    use super::*;

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
}
