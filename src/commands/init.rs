//! `dossier init DIR`: a new bilingual dossier that builds at once, with no warning: its
//! config (both languages, the three topics, every UI string), one article in French and its
//! English translation, and a `.gitignore` for the output. Never overwrites anything.

use std::path::{Path, PathBuf};

use crate::error::Error;

/// The starter files, by path under the new dossier (`starter/` in this repository).
pub const STARTER: &[(&str, &str)] = &[
    ("config.toml", include_str!("../../starter/config.toml")),
    (
        "content/diplomacy/premier-article.fr.md",
        include_str!("../../starter/content/diplomacy/premier-article.fr.md"),
    ),
    (
        "content/diplomacy/first-article.en.md",
        include_str!("../../starter/content/diplomacy/first-article.en.md"),
    ),
    (".gitignore", include_str!("../../starter/gitignore")),
];

/// Writes a new dossier into `dir`, which must not exist or be empty; returns the files
/// written, under `dir`.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    match crate::source::is_empty_folder(dir) {
        Ok(Some(true) | None) => {}
        Ok(Some(false)) => {
            return Err(Error::Usage(format!(
                "{}: not empty; `dossier init` writes a new dossier into a new or empty folder and never overwrites anything",
                dir.display()
            )));
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotADirectory => {
            return Err(Error::Usage(format!(
                "{}: a file, not a folder",
                dir.display()
            )));
        }
        Err(error) => return Err(Error::io(dir, &error)),
    }
    let mut written = Vec::with_capacity(STARTER.len());
    for (path, text) in STARTER {
        let target = dir.join(path);
        crate::output::write_new(&target, text)?;
        written.push(target);
    }
    Ok(written)
}
