//! The output edge: every write `dossier` makes. A build writes into a staging folder beside
//! the output and swaps it in at once (`staging`); an author's file is rewritten through a
//! temporary file and a rename (`write_atomic`). Every IO error names its file.

mod contents;
mod remove;
mod staging;
mod write;

use std::fs;
use std::path::Path;

pub use contents::{Contents, Gather, OutputFile};
pub use staging::Staging;

use crate::error::{Error, Result};

/// The marker that says an output directory was made by `dossier` and may be replaced.
pub const OUTPUT_MARKER: &str = ".dossier";

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
