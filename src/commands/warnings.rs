//! The warnings of a site, printed the same way by `build`, `build --watch` and `serve`: the
//! engine's (front matter, links, content), then the articles without a translation (the
//! first few, or all with `--verbose`), then the size. A command that keeps running prints
//! them once at start, then after each rebuild only those it did not print the last time.

use std::collections::HashSet;

use crate::engine::Engine;
use crate::error::Diagnostic;

/// How many missing translations are shown before the reader is sent to `dossier check`.
const MISSING_TRANSLATIONS_SHOWN: usize = 5;

/// Every warning line of a build, in the order printed.
pub fn lines(
    warnings: &[Diagnostic],
    missing_translations: &[Diagnostic],
    bytes: Option<u64>,
) -> Vec<String> {
    let mut lines: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    let shown = if super::verbose() {
        missing_translations.len()
    } else {
        missing_translations.len().min(MISSING_TRANSLATIONS_SHOWN)
    };
    lines.extend(
        missing_translations[..shown]
            .iter()
            .map(ToString::to_string),
    );
    if missing_translations.len() > shown {
        lines.push(format!(
            "…and {} more articles without a translation (`dossier check` lists them all)",
            missing_translations.len() - shown
        ));
    }
    lines.extend(bytes.and_then(super::build::size_warning));
    lines
}

/// The warnings a running command printed after its last build.
#[derive(Default)]
pub struct Printed {
    last: HashSet<String>,
}

impl Printed {
    /// Prints the engine's warnings that were not printed after the previous build.
    pub fn print_new(&mut self, engine: &Engine) {
        let lines = lines(engine.warnings(), &engine.missing_translations(), None);
        super::print(
            "warning",
            lines.iter().filter(|line| !self.last.contains(*line)),
        );
        self.last = lines.into_iter().collect();
    }
}
