//! The reading edge, step one of the pipeline: everything the build needs from the site root,
//! read into memory as plain text ([`SiteSources`]). Byte-order marks and Windows line ends
//! are dropped here; a file that is not UTF-8 is a site error with its line.

#![allow(
    clippy::disallowed_methods,
    reason = "the reading edge: the one place that reads the disk"
)]

mod files;
mod fingerprint;

pub use files::{
    canonical, exists, is_editor_file, is_empty_folder, is_file, is_folder, read, read_async, walk,
};
pub use fingerprint::{file_state, fingerprint};

use std::path::Path;

use rayon::prelude::*;

use crate::config::{ACTORS_FILE, CONFIG_FILE};
use crate::error::{Diagnostic, Error, Problems, Result};
use crate::model::{SiteSources, SourceFile};

pub fn load(root: &Path, problems: &mut Problems) -> Result<SiteSources> {
    let config_path = root.join(CONFIG_FILE);
    if !config_path.is_file() {
        return Err(Error::Usage(format!(
            "{}: no {CONFIG_FILE} here; is this a dossier? (use --root DIR, or `dossier init DIR` to start one)",
            root.display()
        )));
    }
    let mut sources = SiteSources::default();
    match text_of(root, CONFIG_FILE)? {
        Ok(text) => sources.config = text,
        Err(diagnostic) => problems.error(diagnostic),
    }
    if root.join(ACTORS_FILE).is_file() {
        match text_of(root, ACTORS_FILE)? {
            Ok(text) => sources.actors = Some(text),
            Err(diagnostic) => problems.error(diagnostic),
        }
    }
    let mut markdown = Vec::new();
    for path in walk(root, "content")? {
        if path.ends_with(".md") {
            markdown.push(path);
        } else if is_content_file(&path) {
            let source = root.join(&path);
            sources.content_files.push((path, source));
        }
    }
    // Read on every core (93 ms of a 10,000-group build on one, 60 ms on two), then taken in
    // path order: the same articles, problems and first failure as read one by one.
    let texts: Vec<_> = markdown
        .into_par_iter()
        .map(|path| {
            let text = text_of(root, &path);
            (path, text)
        })
        .collect();
    for (path, text) in texts {
        match text? {
            Ok(text) => sources.articles.push(SourceFile { path, text }),
            Err(diagnostic) => problems.error(diagnostic),
        }
    }
    for path in walk(root, "templates")? {
        match text_of(root, &path)? {
            Ok(text) => sources.templates.push(SourceFile { path, text }),
            Err(diagnostic) => problems.error(diagnostic),
        }
    }
    for path in walk(root, "static")? {
        let inside = path.trim_start_matches("static/").to_string();
        sources.static_files.push((inside, root.join(&path)));
    }
    Ok(sources)
}

/// The text of a file under the root as it is now, for a rebuild after a change: `None` when it
/// no longer exists. A file that is not UTF-8 is a site error.
pub fn reread(root: &Path, path: &str) -> Result<Option<String>> {
    let full = root.join(path);
    match std::fs::read(&full) {
        Ok(bytes) => decode(path, bytes).map(Some).map_err(Error::site),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) if full.is_dir() => Err(Error::io(&full, &e)),
        Err(e) => Err(Error::site(Diagnostic::file(
            path,
            format!("cannot read: {e}"),
        ))),
    }
}

/// Whether a file of `content/` that is not an article is published: not hidden, not an
/// editor's swap or backup file.
pub fn is_content_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    !name.starts_with('.') && !is_editor_file(name)
}

/// Reads a text file; a file that is not UTF-8 is a site problem, not an IO failure.
/// Drops a byte-order mark and turns Windows line endings into `\n`.
fn text_of(root: &Path, path: &str) -> Result<Result<String, Diagnostic>> {
    let full = root.join(path);
    let bytes = read(&full).map_err(|e| match e {
        _ if !full.exists() => Error::site(Diagnostic::file(
            path,
            "disappeared while the site was being read (moved or deleted?): build again",
        )),
        Error::Io { message, .. } => {
            Error::site(Diagnostic::file(path, format!("cannot read: {message}")))
        }
        other => other,
    })?;
    Ok(decode(path, bytes))
}

pub fn decode(path: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    // Checked with SIMD, then copied (a copy costs a tenth of the standard library's check of
    // French text, whose accents leave its ASCII fast path); the standard check only to tell
    // where a file goes wrong.
    if let Ok(text) = simdutf8::basic::from_utf8(&bytes) {
        return Ok(normalized(text));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(normalized(&text)),
        Err(error) => {
            let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            Err(Diagnostic::at(
                path,
                line,
                "the file is not valid UTF-8: save it as UTF-8",
            ))
        }
    }
}

/// The text without its byte-order mark, with Unix line ends.
fn normalized(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        text.replace("\r\n", "\n")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_disappears_after_the_listing_is_a_site_error() {
        let root = tempfile::tempdir().unwrap();
        let error = text_of(root.path(), "content/a/gone.fr.md").unwrap_err();
        assert_eq!(
            error.to_string(),
            "content/a/gone.fr.md: disappeared while the site was being read (moved or deleted?): build again"
        );
        assert_eq!(error.exit_code(), 1);
    }

    #[test]
    fn text_loses_its_byte_order_mark_and_windows_line_ends() {
        let decode = |bytes: &[u8]| decode("a.md", bytes.to_vec());
        assert_eq!(
            decode(b"\xef\xbb\xbfcaf\xc3\xa9\r\nb\r").unwrap(),
            "café\nb\r"
        );
        assert_eq!(decode("é\u{feff}".as_bytes()).unwrap(), "é\u{feff}");
        let error = decode(b"a\nb\n\xc3(").unwrap_err();
        assert_eq!(
            error.to_string(),
            "a.md:3: the file is not valid UTF-8: save it as UTF-8"
        );
    }
}
