//! Reading the site root: every file under a folder, in a stable order, and the bytes of one.
//! Every IO error names its file.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error, Result};

pub fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(|e| Error::io(path, &e))
}

/// Whether `path` is a file (links followed).
pub fn is_file(path: &Path) -> bool {
    path.is_file()
}

/// Whether `path` is a folder (links followed).
pub fn is_folder(path: &Path) -> bool {
    path.is_dir()
}

/// Whether anything is at `path` (links followed).
pub fn exists(path: &Path) -> bool {
    path.exists()
}

/// The absolute path of `path`, without `.`, `..` or symbolic links; it must exist.
pub fn canonical(path: &Path) -> Result<PathBuf> {
    fs::canonicalize(path).map_err(|e| Error::io(path, &e))
}

/// Whether `dir` is a folder with nothing in it: `Ok(None)` when there is nothing at all at
/// `dir`, an error when it is a file.
pub fn is_empty_folder(dir: &Path) -> std::io::Result<Option<bool>> {
    match fs::read_dir(dir) {
        Ok(mut entries) => Ok(Some(entries.next().is_none())),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error),
    }
}

/// The bytes of a file for the live preview, read without blocking its server.
pub async fn read_async(path: &Path) -> std::io::Result<Vec<u8>> {
    tokio::fs::read(path).await
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

#[cfg(all(test, unix))]
mod tests {
    use super::*;

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
}
