//! What `dossier migrate` says: a line per thing it could not carry over as it was (with the
//! source file and line), and the counts of its summary.

use std::collections::BTreeMap;

#[derive(Debug, Default)]
pub struct Report {
    /// `file:line: message`, or a message about the whole site, in the order met.
    pub lines: Vec<String>,
    pub shortcodes_converted: usize,
    pub shortcodes_left: usize,
    /// Front-matter fields kept as comments: name → files.
    pub kept_fields: BTreeMap<String, usize>,
    pub files_copied: usize,
}

impl Report {
    pub fn at(&mut self, file: &str, line: usize, message: impl Into<String>) {
        self.lines
            .push(format!("{file}:{line}: {}", message.into()));
    }

    pub fn note(&mut self, message: impl Into<String>) {
        self.lines.push(message.into());
    }
}
