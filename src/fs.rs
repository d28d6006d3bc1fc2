//! The one module that touches the disk: reading the site's files and writing the output.
//! Every IO error names its file.

use std::fs;
use std::path::{Path, PathBuf};

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
    for entry in walkdir::WalkDir::new(&top)
        .follow_links(true)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| {
            let path = e
                .path()
                .map(|p| relative(base, p))
                .unwrap_or_else(|| dir.to_string());
            if e.loop_ancestor().is_some() {
                Error::site(Diagnostic::file(
                    path,
                    "symbolic link loop: this link points back to a folder that contains it",
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    /// Shared, so that the live preview's output map clones cheaply.
    Bytes(std::sync::Arc<[u8]>),
    /// A file copied as it is (from `static/`).
    Copy(PathBuf),
}

/// Writes the whole site beside `output`, then swaps it in: a failed build leaves the previous
/// output untouched. Refuses to replace a non-empty directory that `dossier` did not make.
pub fn write_site(output: &Path, files: &[OutputFile]) -> Result<()> {
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
    let staging = parent.join(format!(".{name}.dossier-new-{}", std::process::id()));
    let previous = parent.join(format!(".{name}.dossier-old-{}", std::process::id()));
    remove_dir(&staging)?;
    let written = write_all(&staging, files);
    if let Err(error) = written {
        let _ = fs::remove_dir_all(&staging);
        return Err(error);
    }
    if output.exists() {
        remove_dir(&previous)?;
        fs::rename(output, &previous).map_err(|e| Error::io(output, &e))?;
    }
    if let Err(e) = fs::rename(&staging, output) {
        let _ = fs::rename(&previous, output);
        return Err(Error::io(output, &e));
    }
    remove_dir(&previous)
}

fn write_all(staging: &Path, files: &[OutputFile]) -> Result<()> {
    fs::create_dir_all(staging).map_err(|e| Error::io(staging, &e))?;
    let mut dirs: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| Path::new(&f.path).parent().map(|p| staging.join(p)))
        .collect();
    dirs.sort();
    dirs.dedup();
    // create_dir_all tolerates another thread creating a shared parent at the same time.
    dirs.par_iter()
        .try_for_each(|dir| fs::create_dir_all(dir).map_err(|e| Error::io(dir, &e)))?;
    files.par_iter().try_for_each(|file| {
        let target = staging.join(&file.path);
        match &file.contents {
            Contents::Bytes(bytes) => {
                fs::write(&target, &bytes[..]).map_err(|e| Error::io(&target, &e))
            }
            Contents::Copy(source) => fs::copy(source, &target)
                .map(|_| ())
                .map_err(|e| Error::io(source, &e)),
        }
    })?;
    let marker = staging.join(OUTPUT_MARKER);
    fs::write(
        &marker,
        "This folder is written by dossier and replaced by each build.\n",
    )
    .map_err(|e| Error::io(&marker, &e))
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

fn remove_dir(path: &Path) -> Result<()> {
    match fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(path, &e)),
    }
}
