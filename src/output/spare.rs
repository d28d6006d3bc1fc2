//! The spare tree: the site before the one in the output, kept beside it
//! (`.public.dossier-spare`) so that a rebuild brings it up to date with the files that changed
//! and exchanges it with the output, instead of making a whole tree and deleting the old one.
//!
//! Its files are compared with what the build makes, never trusted blindly: a build killed
//! while it updated the spare left some files new and some old, and the next one finds them.
//! A file is never changed in place, for the spare shares the unchanged files of the output
//! (hard links): a new version goes into a temporary file that is renamed over the old one.

use std::fs;
use std::path::{Path, PathBuf};

use ahash::AHashSet;
use rayon::prelude::*;

use super::write::same_bytes;
use crate::error::{Error, Result};

/// What ends the name of a temporary file in the spare: left there by a killed build, it is
/// not one of the site's files, and goes with the stale ones.
pub(super) const TEMPORARY: &str = ".dossier-tmp";

/// The files and folders of a spare tree, relative to it (`/` separators).
#[derive(Debug, Default)]
pub(super) struct Listing {
    pub(super) files: AHashSet<String>,
    pub(super) folders: AHashSet<String>,
}

/// Lists the files and folders under `root`, each folder read in parallel; symbolic links are
/// listed as files (they are removed, never followed).
pub(super) fn list(root: &Path) -> Result<Listing> {
    let (files, folders) = walk(root, &|path, _| Ok(path))?;
    Ok(Listing {
        files: files.into_iter().collect(),
        folders: folders.into_iter().collect(),
    })
}

/// Every file (symbolic links included, never followed) and folder under `root`, relative to
/// it, each folder read in parallel: what `file` makes of each file's path and entry, and the
/// folders' paths.
pub(super) fn walk<T: Send>(
    root: &Path,
    file: &(dyn Fn(String, &fs::DirEntry) -> Result<T> + Sync),
) -> Result<(Vec<T>, Vec<String>)> {
    fn inside<T: Send>(
        root: &Path,
        relative: &str,
        file: &(dyn Fn(String, &fs::DirEntry) -> Result<T> + Sync),
    ) -> Result<(Vec<T>, Vec<String>)> {
        let dir = root.join(relative);
        let (mut files, mut folders) = (Vec::new(), Vec::new());
        for entry in fs::read_dir(&dir).map_err(|e| Error::io(&dir, &e))? {
            let entry = entry.map_err(|e| Error::io(&dir, &e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = match relative.is_empty() {
                true => name,
                false => [relative, "/", &name].concat(),
            };
            match entry.file_type().is_ok_and(|t| t.is_dir()) {
                true => folders.push(path),
                false => files.push(file(path, &entry)?),
            }
        }
        let below: Vec<(Vec<T>, Vec<String>)> = folders
            .par_iter()
            .map(|folder| inside(root, folder, file))
            .collect::<Result<_>>()?;
        for (inner_files, inner_folders) in below {
            files.extend(inner_files);
            folders.extend(inner_folders);
        }
        Ok((files, folders))
    }
    inside(root, "", file)
}

/// Puts `bytes` at `target` in the spare, unless it holds them already: the output's file at
/// the same place (`live`) is linked when it holds them, else they are written; either way
/// through a temporary file renamed over `target`. True when the spare changed.
pub(super) fn replace(live: Option<&Path>, target: &Path, bytes: &[u8]) -> Result<bool> {
    if same_bytes(target, bytes) {
        return Ok(false);
    }
    let temporary = temporary(target);
    let _ = fs::remove_file(&temporary);
    let linked =
        live.is_some_and(|live| same_bytes(live, bytes) && fs::hard_link(live, &temporary).is_ok());
    if !linked {
        fs::write(&temporary, bytes).map_err(|e| Error::io(&temporary, &e))?;
    }
    rename_over(&temporary, target)?;
    Ok(true)
}

/// The temporary file beside `target`.
pub(super) fn temporary(target: &Path) -> PathBuf {
    let mut name = target.as_os_str().to_owned();
    name.push(TEMPORARY);
    PathBuf::from(name)
}

/// Renames `temporary` over `target`: a folder in the way (a page that was a folder) goes
/// first.
pub(super) fn rename_over(temporary: &Path, target: &Path) -> Result<()> {
    if fs::symlink_metadata(target).is_ok_and(|m| m.is_dir()) {
        super::remove::remove_dir(target)?;
    }
    fs::rename(temporary, target).map_err(|e| Error::io(target, &e))
}

/// Removes from the spare at `root` the files it lists that the new site does not have
/// (`kept`), then the folders left empty, deepest first.
pub(super) fn remove_stale(root: &Path, listing: &Listing, kept: &AHashSet<String>) -> Result<()> {
    let stale: Vec<&String> = listing
        .files
        .iter()
        .filter(|path| !kept.contains(*path))
        .collect();
    stale.par_iter().try_for_each(|path| {
        let file = root.join(path);
        match fs::remove_file(&file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(&file, &e)),
            _ => Ok(()),
        }
    })?;
    if stale.is_empty() {
        return Ok(());
    }
    // Folders that lost a file may be empty now; removing a folder that is not fails, and is
    // left.
    let mut folders: Vec<&str> = stale
        .iter()
        .flat_map(|path| {
            std::iter::successors(path.rsplit_once('/').map(|(f, _)| f), |f| {
                f.rsplit_once('/').map(|(parent, _)| parent)
            })
        })
        .collect::<AHashSet<&str>>()
        .into_iter()
        .collect();
    folders.sort_by_key(|f| std::cmp::Reverse(f.matches('/').count()));
    for folder in folders {
        let _ = fs::remove_dir(root.join(folder));
    }
    Ok(())
}
