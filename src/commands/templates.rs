//! `dossier templates [NAME…]`: the built-in templates written into the site's `templates/`, so
//! that an override starts from the real thing. Never overwrites: a template the site already
//! has is kept and said so.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::render::templates::{self, BUILTIN};

/// What `dossier templates` did.
#[derive(Debug, Default)]
pub struct Written {
    /// The templates written, as paths under the root.
    pub written: Vec<PathBuf>,
    /// The templates the site already had, left as they were.
    pub kept: Vec<PathBuf>,
}

impl Written {
    /// The report, a line per template and a last line that says what to do next.
    pub fn lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .written
            .iter()
            .map(|p| format!("created {}", p.display()))
            .chain(self.kept.iter().map(|p| {
                format!(
                    "kept {}: the site has its own already (delete it to start again from the built-in one)",
                    p.display()
                )
            }))
            .collect();
        lines.push(format!(
            "{} template{} written: edit them in place, every build uses the site's own before the built-in ones; delete one to go back to the built-in",
            self.written.len(),
            if self.written.len() == 1 { "" } else { "s" }
        ));
        lines
    }
}

/// Writes the built-in templates named (all when `names` is empty) into `root/templates/`.
/// A name that is not a built-in template is a usage error naming the nearest and the list.
pub fn write(root: &Path, names: &[String]) -> Result<Written, Error> {
    let chosen: Vec<(&str, &str)> = if names.is_empty() {
        BUILTIN.to_vec()
    } else {
        let unknown: Vec<String> = names
            .iter()
            .filter(|name| !BUILTIN.iter().any(|(n, _)| n == name))
            .map(|name| unknown_template(name))
            .collect();
        if !unknown.is_empty() {
            return Err(Error::Usage(unknown.join("\n")));
        }
        BUILTIN
            .iter()
            .filter(|(n, _)| names.iter().any(|name| name == n))
            .copied()
            .collect()
    };
    if !crate::source::is_file(&root.join(crate::config::CONFIG_FILE)) {
        return Err(Error::Usage(format!(
            "{}: no {} here; give the site root with --root",
            root.display(),
            crate::config::CONFIG_FILE
        )));
    }
    let mut done = Written::default();
    for (name, text) in chosen {
        let path = Path::new("templates").join(name);
        let target = root.join(&path);
        // `./templates/…` reads worse than `templates/…`.
        let shown = if root == Path::new(".") {
            path
        } else {
            target.clone()
        };
        if crate::source::exists(&target) {
            done.kept.push(shown);
            continue;
        }
        crate::output::write_new(&target, text)?;
        done.written.push(shown);
    }
    Ok(done)
}

/// "`x` is not a built-in template (did you mean `y`? known: …)".
fn unknown_template(name: &str) -> String {
    format!(
        "{name} is not a built-in template ({})",
        templates::known_names(name)
    )
}
