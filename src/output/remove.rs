//! Removing output folders: the previous output once replaced, failed and killed builds'
//! staging folders; never following symbolic links.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::OUTPUT_MARKER;
use crate::error::{Error, Result};

pub(super) fn check_replaceable(output: &Path) -> Result<()> {
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
pub(super) fn remove_dir(path: &Path) -> Result<()> {
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

#[cfg(all(test, unix))]
mod tests {
    use super::*;

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
}
