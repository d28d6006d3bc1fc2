//! The site as text, as the reading edge ([`crate::source`]) hands it over: nothing in it is
//! interpreted yet.

use std::path::PathBuf;

/// The site as text, before any interpretation.
#[derive(Debug, Default)]
pub struct SiteSources {
    pub config: String,
    /// `actors.toml`, when the site has one.
    pub actors: Option<String>,
    /// Markdown files under `content/`, in path order.
    pub articles: Vec<SourceFile>,
    /// The site's own templates (overrides and additions), by name.
    pub templates: Vec<SourceFile>,
    /// Files of `static/`: path inside `static/`, and where to copy from.
    pub static_files: Vec<(String, PathBuf)>,
    /// Files of `content/` that are not articles (images, PDFs): path from the root
    /// (`content/a/map.png`), and where to copy from.
    pub content_files: Vec<(String, PathBuf)>,
}

/// One text file: its path relative to the site root (`content/sanctions/x.fr.md`).
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}
