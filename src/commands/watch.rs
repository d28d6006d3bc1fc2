//! Watching the site root: `config.toml`, `content/`, `templates/` and `static/`, with notify.
//! Events are debounced into batches of [`Change`]s; editor swap files and everything else in
//! the root (the output folder, `target/`) are ignored by [`engine::classify`].

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::engine::{self, Change};
use crate::error::{Error, Result};
use crate::source;

/// The folders of a site root that are watched recursively.
pub const WATCHED_FOLDERS: &[&str] = &["content", "templates", "static"];

/// How long the watcher waits for more events after one arrives: editors write a file in
/// several steps (truncate, write, rename), which should make one rebuild.
pub const DEBOUNCE: Duration = Duration::from_millis(15);

pub struct Watcher {
    root: PathBuf,
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    watched: BTreeSet<String>,
}

impl Watcher {
    pub fn new(root: &Path) -> Result<Watcher> {
        let root = source::canonical(root)?;
        let (sender, events) = mpsc::channel();
        let watcher = notify::recommended_watcher(move |event| {
            let _ = sender.send(event);
        })
        .map_err(|e| Error::Io {
            path: root.display().to_string(),
            message: format!("cannot watch: {e}"),
        })?;
        let mut watcher = Watcher {
            root,
            watcher,
            events,
            watched: BTreeSet::new(),
        };
        let root = watcher.root.clone();
        watcher
            .watcher
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(|e| Error::Io {
                path: root.display().to_string(),
                message: format!("cannot watch: {e}"),
            })?;
        watcher.watch_folders();
        Ok(watcher)
    }

    /// Starts watching the site folders that exist and are not watched yet (a folder created
    /// after start is picked up here).
    fn watch_folders(&mut self) {
        for folder in WATCHED_FOLDERS {
            let path = self.root.join(folder);
            if source::is_folder(&path) && !self.watched.contains(*folder) {
                if self.watcher.watch(&path, RecursiveMode::Recursive).is_ok() {
                    self.watched.insert(folder.to_string());
                }
            } else if !source::is_folder(&path) && self.watched.remove(*folder) {
                let _ = self.watcher.unwatch(&path);
            }
        }
    }

    /// Blocks until something in the site changes, then returns the debounced batch.
    /// Returns `None` when the watcher stopped.
    pub fn next_batch(&mut self) -> Option<Vec<Change>> {
        loop {
            let first = self.events.recv().ok()?;
            let mut paths = paths_of(first);
            loop {
                match self.events.recv_timeout(DEBOUNCE) {
                    Ok(event) => paths.extend(paths_of(event)),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return None,
                }
            }
            self.watch_folders();
            let changes: BTreeSet<Change> = paths
                .iter()
                .filter_map(|path| {
                    engine::classify(&self.root, path).or_else(|| self.folder_change(path))
                })
                .collect();
            if !changes.is_empty() {
                return Some(changes.into_iter().collect());
            }
        }
    }

    /// A watched folder itself created, moved or removed.
    fn folder_change(&self, path: &Path) -> Option<Change> {
        let relative = path
            .strip_prefix(&self.root)
            .ok()?
            .to_string_lossy()
            .into_owned();
        match relative.as_str() {
            "content" => Some(Change::Content(relative)),
            "templates" => Some(Change::Template(relative)),
            "static" => Some(Change::Static(relative)),
            _ => None,
        }
    }
}

fn paths_of(event: notify::Result<notify::Event>) -> Vec<PathBuf> {
    match event {
        Ok(event) if !matches!(event.kind, notify::EventKind::Access(_)) => event.paths,
        _ => Vec::new(),
    }
}
