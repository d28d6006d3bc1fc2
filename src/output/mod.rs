//! The output edge: every write `dossier` makes. A build writes into a staging folder beside
//! the output and swaps it in at once (`staging`); an author's file is rewritten through a
//! temporary file and a rename (`write_atomic`). Every IO error names its file.

#![allow(
    clippy::disallowed_methods,
    reason = "the output edge: the one place that writes"
)]

mod contents;
mod remove;
mod spare;
mod staging;
mod stamp;
mod write;

use std::fs;
use std::path::{Path, PathBuf};

pub use contents::{Contents, Gather, OutputFile, SourceState};
pub use staging::Staging;
pub use stamp::{up_to_date, write_stamp};

use crate::error::{Error, Result};

/// The marker that says an output directory was made by `dossier` and may be replaced.
pub const OUTPUT_MARKER: &str = ".dossier";

/// Writes a new file, its folders made as needed; a file already there is never overwritten,
/// not even one that appeared since the caller looked. The text goes into a temporary file
/// beside it first, then takes its name in one step (a hard link, which fails when the name
/// is taken): a process killed at any moment leaves no half-written file.
pub fn write_new(target: &Path, text: &str) -> Result<()> {
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, &e))?;
    }
    let temporary = write_temporary(target, text.as_bytes())?;
    let linked = fs::hard_link(&temporary, target);
    let _ = fs::remove_file(&temporary);
    match linked {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(Error::io(target, &e)),
        // A file system without hard links: created only if new, then written.
        Err(_) => fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(target)
            .and_then(|mut file| std::io::Write::write_all(&mut file, text.as_bytes()))
            .map_err(|e| Error::io(target, &e)),
    }
}

/// Writes `bytes` at `target`, over a file already there, making its folders (`dossier
/// migrate` into a new site).
pub fn write_file(target: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, &e))?;
    }
    fs::write(target, bytes).map_err(|e| Error::io(target, &e))
}

/// Removes a file that [`write_new`] wrote moments ago (a command that writes several takes
/// them back when one fails); one that is gone already is no error.
pub fn take_back(file: &Path) {
    let _ = fs::remove_file(file);
}

/// Replaces the file at `target` (an author's article) with `bytes`: written into a
/// temporary file beside it, then renamed over it, so that a process killed at any moment
/// leaves the old file or the new one, never half of one. The file keeps its permissions.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> Result<()> {
    let temporary = write_temporary(target, bytes)?;
    let permissions = fs::metadata(target).map(|m| m.permissions());
    let result = permissions
        .map_or(Ok(()), |p| fs::set_permissions(&temporary, p))
        .and_then(|()| fs::rename(&temporary, target));
    if let Err(e) = result {
        let _ = fs::remove_file(&temporary);
        return Err(Error::io(target, &e));
    }
    Ok(())
}

/// `bytes` written and flushed to the disk in a new file beside `target`, named so that the
/// watcher and the loader pass it by (hidden, `.tmp`): its path.
fn write_temporary(target: &Path, bytes: &[u8]) -> Result<PathBuf> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = target.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let written = fs::File::create(&temporary).and_then(|mut file| {
        std::io::Write::write_all(&mut file, bytes)?;
        file.sync_all()
    });
    if let Err(e) = written {
        let _ = fs::remove_file(&temporary);
        return Err(Error::io(&temporary, &e));
    }
    Ok(temporary)
}

/// Writes the whole site beside `output`, then swaps it in: a failed build leaves the previous
/// output untouched, and so does a build killed at any moment (even by `kill -9`): on Linux
/// the two folders are exchanged in one atomic step, so `output` is always one whole site.
/// Refuses to replace a non-empty directory that `dossier` did not make.
pub fn write_site(output: &Path, files: &[OutputFile]) -> Result<()> {
    Staging::create(output)?.finish(files)
}

/// The output directory must not hold the site's sources: it is replaced wholesale.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<()> {
    // Absolute, without `.` and `..`, and through symbolic links as far as the path exists.
    let absolute = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        let mut clean = PathBuf::new();
        for component in p.components() {
            match component {
                std::path::Component::ParentDir => {
                    clean.pop();
                }
                std::path::Component::CurDir => {}
                other => {
                    clean.push(other);
                    if let Ok(real) = clean.canonicalize() {
                        clean = real;
                    }
                }
            }
        }
        clean
    };
    let root = absolute(root);
    let output = absolute(output);
    if root.starts_with(&output) {
        return Err(Error::Usage(format!(
            "{}: the output folder cannot be the site root or contain it",
            output.display()
        )));
    }
    for source in ["content", "templates", "static"] {
        if output.starts_with(root.join(source)) {
            return Err(Error::Usage(format!(
                "{}: the output folder cannot be inside {source}/",
                output.display()
            )));
        }
    }
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    /// Nothing but the files asked for is left in `dir`.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn an_authors_file_is_replaced_whole_and_keeps_its_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.fr.md");
        fs::write(&file, "+++\ntitle = \"A\"\n+++\n").unwrap();
        fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&file, b"+++\ntitle = \"B\"\n+++\n").unwrap();
        assert_eq!(
            fs::read_to_string(&file).unwrap(),
            "+++\ntitle = \"B\"\n+++\n"
        );
        assert_eq!(
            fs::metadata(&file).unwrap().permissions().mode() & 0o777,
            0o640
        );
        assert_eq!(names(dir.path()), ["a.fr.md"]);
        // A file that cannot be replaced (its folder is gone): an error naming it, nothing left.
        let gone = dir.path().join("gone/b.fr.md");
        let error = write_atomic(&gone, b"x").unwrap_err();
        assert!(error.to_string().contains("gone"), "{error}");
        assert_eq!(names(dir.path()), ["a.fr.md"]);
    }

    #[test]
    fn a_new_file_never_replaces_one_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("content/a/new.fr.md");
        write_new(&file, "one").unwrap();
        assert_eq!(fs::read_to_string(&file).unwrap(), "one");
        let error = write_new(&file, "two").unwrap_err();
        assert!(error.to_string().contains("new.fr.md"), "{error}");
        assert_eq!(fs::read_to_string(&file).unwrap(), "one");
        assert_eq!(names(&dir.path().join("content/a")), ["new.fr.md"]);
    }
}
