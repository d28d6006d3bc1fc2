//! The site root as the engine keeps it between builds: each file's text and, for articles,
//! its front matter as last read; re-read when the watcher reports a change.

use std::collections::BTreeSet;

use super::{Change, Engine, Update};
use crate::config::{ACTORS_FILE, CONFIG_FILE, Config};
use crate::error::{Diagnostic, Problems, Result};
use crate::model::SourceFile;
use crate::model::{self, Draft};
use crate::output::Contents;
use crate::source;

/// One article file as last read, with its parsed front matter (for the config it was read
/// with).
pub(super) struct ArticleFile {
    pub(super) text: String,
    pub(super) read: Option<std::result::Result<Draft, Vec<Diagnostic>>>,
    /// What the last good build was made from.
    pub(super) good: Option<Draft>,
}

impl ArticleFile {
    /// Reads the front matter, unless it was read already for this text.
    pub(super) fn parse(&mut self, path: &str, config: &Config) {
        if self.read.is_none() {
            let source = SourceFile {
                path: path.to_string(),
                text: std::mem::take(&mut self.text),
            };
            let mut own = Problems::default();
            self.read = Some(model::read_article(config, &source, &mut own).ok_or(own.errors));
            self.text = source.text;
        }
    }
}

impl Engine {
    /// Reads the changed files again and rebuilds what they affect.
    pub fn apply(&mut self, changes: &[Change]) -> Result<Update> {
        debug_assert!(self.staging.is_none(), "a staging engine builds once");
        // Files copied as they are that the watcher reported. A copy is compared by its
        // source's size, date and inode, which catches an edit made while the site did not
        // build; but a file system that keeps dates to the second can show an edit in place
        // of the same size as no change, so these are named among the changed paths anyway.
        let mut copied: BTreeSet<std::path::PathBuf> = BTreeSet::new();
        for change in changes {
            match change {
                Change::Config => {
                    self.config_text = self.read_text(CONFIG_FILE)?.unwrap_or_default();
                    self.actors_text = self.read_text(ACTORS_FILE)?;
                    self.pending.config = true;
                }
                Change::Template(path) => {
                    for path in self.files_at(path, self.templates.keys())? {
                        match self.read_text(&path)? {
                            Some(text) => self.templates.insert(path, text),
                            None => self.templates.remove(&path),
                        };
                    }
                    self.pending.templates = true;
                }
                Change::Static(path) => {
                    let known: Vec<String> =
                        self.statics.keys().map(|p| format!("static/{p}")).collect();
                    for path in self.files_at(path, known.iter())? {
                        let file = self.root.join(&path);
                        let inside = path.trim_start_matches("static/").to_string();
                        if source::is_file(&file) {
                            copied.insert(file.clone());
                            self.statics.insert(inside, file);
                        } else {
                            self.statics.remove(&inside);
                        }
                    }
                    self.pending.statics = true;
                }
                Change::Content(path) => {
                    // A file, or a folder that appeared, moved or went: look again at every
                    // file under it.
                    let known = self.articles.keys().chain(self.files.keys());
                    for path in self.files_at(path, known)? {
                        if path.ends_with(".md") {
                            self.reload_article(&path)?;
                        } else {
                            self.reload_file(&path);
                            copied.insert(self.root.join(&path));
                        }
                    }
                }
            }
        }
        let mut update = self.rebuild()?;
        if !copied.is_empty() {
            let output = self
                .output()
                .expect("a rebuild that succeeded keeps its output");
            for (path, contents) in output.iter() {
                let reported = matches!(contents, Contents::Copy(file, _) if copied.contains(file));
                if reported && !update.changed.iter().any(|p| **p == **path) {
                    update.changed.push(path.to_string());
                }
            }
        }
        Ok(update)
    }

    /// The files a change at `path` concerns: the file itself, or, for a folder, every file
    /// under it now and every known file that was under it.
    pub(super) fn files_at<'a>(
        &self,
        path: &str,
        known: impl Iterator<Item = &'a String>,
    ) -> Result<Vec<String>> {
        let full = self.root.join(path);
        if source::is_file(&full) {
            return Ok(vec![path.to_string()]);
        }
        let prefix = format!("{path}/");
        let mut files: BTreeSet<String> = known
            .filter(|p| p.starts_with(&prefix) || *p == path)
            .cloned()
            .collect();
        if source::is_folder(&full) {
            files.extend(crate::source::walk(&self.root, path)?);
        }
        Ok(files.into_iter().collect())
    }

    pub(super) fn reload_article(&mut self, path: &str) -> Result<()> {
        match self.read_text(path)? {
            Some(text) => match self.articles.get_mut(path) {
                Some(file) if file.text == text => {}
                Some(file) => {
                    file.text = text;
                    file.read = None;
                }
                None => {
                    let file = ArticleFile {
                        text,
                        read: None,
                        good: None,
                    };
                    self.articles.insert(path.to_string(), file);
                }
            },
            None => {
                self.articles.remove(path);
            }
        }
        self.pending.content.insert(path.to_string());
        Ok(())
    }

    /// A file of `content/` that is not an article: copied with the statics.
    pub(super) fn reload_file(&mut self, path: &str) {
        let full = self.root.join(path);
        if source::is_file(&full) && source::is_content_file(path) {
            self.files.insert(path.to_string(), full);
        } else {
            self.files.remove(path);
        }
        self.pending.statics = true;
    }

    /// The text of a file under the root; `None` when it no longer exists.
    pub(super) fn read_text(&self, path: &str) -> Result<Option<String>> {
        source::reread(&self.root, path)
    }
}
