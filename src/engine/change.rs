//! What the watcher reports (a changed file of the site root) and what a rebuild reports (the
//! output paths it changed or removed).

use std::path::Path;

use rayon::prelude::*;

use super::Output;
use crate::config::{ACTORS_FILE, CONFIG_FILE};
use crate::site::urls;

/// A file of the site root that changed on disk (created, edited or deleted).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Change {
    Config,
    /// `content/…/x.fr.md`, relative to the root.
    Content(String),
    /// `templates/…`, relative to the root.
    Template(String),
    /// `static/…`, relative to the root.
    Static(String),
}

/// What a rebuild changed in the output.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Update {
    /// Output paths written anew with different contents, or added.
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    /// How many pages were rendered (for reports and benchmarks).
    pub rendered_pages: usize,
    /// True when the edit changed only the text, title or summary of articles, which were
    /// updated in place in the last good build (no model rebuild).
    pub in_place: bool,
}

impl Update {
    /// True when only stylesheets changed: a browser can swap them without reloading.
    /// (`404.html` inlines the stylesheet, so it changes with it.)
    pub fn stylesheets_only(&self) -> bool {
        self.removed.is_empty()
            && !self.changed.is_empty()
            && self
                .changed
                .iter()
                .all(|p| p.ends_with(".css") || p == urls::NOT_FOUND)
    }

    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.removed.is_empty()
    }
}

/// What differs between two outputs.
pub(super) fn diff(before: &Output, after: &Output) -> Update {
    let changed = after
        .par_iter()
        .filter(|(path, contents)| before.get(*path) != Some(contents))
        .map(|(path, _)| path.to_string())
        .collect();
    let removed = before
        .keys()
        .filter(|path| !after.contains_key(*path))
        .map(|path| path.to_string())
        .collect();
    Update {
        changed,
        removed,
        rendered_pages: 0,
        in_place: false,
    }
}

/// Sorts a file the watcher saw into a change, or `None` for files the site does not use
/// (editor swap and temporary files, the output folder, anything else).
pub fn classify(root: &Path, path: &Path) -> Option<Change> {
    let relative = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let name = parts.last()?;
    if crate::source::is_editor_file(name) {
        return None;
    }
    let joined = parts.join("/");
    match parts.first()?.as_str() {
        CONFIG_FILE | ACTORS_FILE if parts.len() == 1 => Some(Change::Config),
        "content" if parts.len() > 1 => Some(Change::Content(joined)),
        "templates" if parts.len() > 1 => Some(Change::Template(joined)),
        "static" if parts.len() > 1 => Some(Change::Static(joined)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    pub(super) fn classifies_site_files_and_ignores_editor_debris() {
        let root = Path::new("/site");
        let change = |p: &str| classify(root, &root.join(p));
        assert_eq!(change("config.toml"), Some(Change::Config));
        assert_eq!(change("actors.toml"), Some(Change::Config));
        assert_eq!(
            change("content/a/x.fr.md"),
            Some(Change::Content("content/a/x.fr.md".into()))
        );
        assert_eq!(
            change("templates/base.html"),
            Some(Change::Template("templates/base.html".into()))
        );
        assert_eq!(
            change("static/img/a.png"),
            Some(Change::Static("static/img/a.png".into()))
        );
        for ignored in [
            "content/a/.x.fr.md.swp",
            "content/a/x.fr.md~",
            "content/a/.#x.fr.md",
            "content/a/#x.fr.md#",
            "content/a/4913",
            "public/index.html",
            "target/debug/dossier",
            "content",
            "README.md",
        ] {
            assert_eq!(change(ignored), None, "{ignored}");
        }
        assert_eq!(classify(root, Path::new("/elsewhere/config.toml")), None);
    }

    #[test]
    pub(super) fn stylesheet_only_updates() {
        let css = Update {
            changed: vec!["assets/style.css".into(), "404.html".into()],
            ..Update::default()
        };
        assert!(css.stylesheets_only());
        let page = Update {
            changed: vec!["assets/style.css".into(), "fr/index.html".into()],
            ..Update::default()
        };
        assert!(!page.stylesheets_only());
        assert!(!Update::default().stylesheets_only());
    }
}
