//! What the output takes besides the rendered pages: the files copied as they are (`static/`,
//! and the files beside the articles), `CNAME`, and the old addresses (`aliases`) checked
//! against the site's own.

use ahash::AHashSet;

use super::{Engine, Files};
use crate::config::{Config, host_of};
use crate::error::{Diagnostic, Problems};
use crate::model::Dossier;
use crate::output::Contents;
use crate::render::redirects;
use crate::site::urls;

impl Engine {
    /// The domain to write in `CNAME`: `domain`, unless a preview's `--base-url` names another
    /// host (the preview must not claim the production domain).
    pub(super) fn cname<'d>(&self, domain: Option<&'d str>, base_url: &str) -> Option<&'d str> {
        let domain = domain.filter(|d| !d.is_empty())?;
        let preview_elsewhere =
            self.options.base_url.is_some() && !host_of(base_url).eq_ignore_ascii_case(domain);
        (!preview_elsewhere).then_some(domain)
    }

    /// The files of `static/` and of `content/` that are not articles, to copy: an error for
    /// each that would take the place of a generated file or of another copy.
    pub(super) fn statics(
        &self,
        fresh: &[(String, Contents)],
        all_page_paths: &AHashSet<&str>,
        config: &Config,
        problems: &mut Problems,
    ) -> Files {
        let generated: AHashSet<&str> = fresh.iter().map(|(p, _)| p.as_str()).collect();
        let mut statics = Vec::new();
        for (path, source) in &self.statics {
            if path == urls::CNAME {
                // The domain as `custom_domain` gives it, or the one a preview must not claim.
                let written = crate::source::read(source).unwrap_or_default();
                let domain = String::from_utf8_lossy(&written)
                    .trim()
                    .to_ascii_lowercase();
                let written = self.cname(config.custom_domain.as_deref(), &config.base_url);
                let same = written.is_some_and(|d| d.eq_ignore_ascii_case(&domain));
                if same || self.cname(Some(&domain), &config.base_url).is_none() {
                    continue;
                }
            }
            if generated.contains(path.as_str()) || all_page_paths.contains(path.as_str()) {
                problems.error(Diagnostic::file(
                    format!("static/{path}"),
                    format!("would overwrite the generated {path}: rename or remove it"),
                ));
            } else {
                statics.push((path.clone(), copy_of(source)));
            }
        }
        for (file, source) in &self.files {
            let path = urls::content_file(file);
            if self.statics.contains_key(&path) {
                problems.error(Diagnostic::file(
                    format!("static/{path}"),
                    format!("has the same place in the site as {file}: rename or remove one"),
                ));
            } else {
                statics.push((path, copy_of(source)));
            }
        }
        statics
    }
}

/// A file copied as it is, with its state now: an edit gives another.
fn copy_of(source: &std::path::Path) -> Contents {
    Contents::Copy(source.to_path_buf(), crate::source::file_state(source))
}

/// An old address cannot be where a page of the site is: an error naming both files.
pub(super) fn check_aliases(
    dossier: &Dossier,
    paths: &[String],
    pages: &AHashSet<&str>,
    problems: &mut Problems,
) {
    for article in &dossier.articles {
        for (alias, line) in &article.aliases {
            if !pages.contains(alias.as_str()) {
                continue;
            }
            let owner = match paths.iter().position(|p| p == alias) {
                Some(id) => dossier.articles[id].file.clone(),
                None => format!("the site's own page {alias}"),
            };
            problems.error(Diagnostic::at(
                &article.file,
                *line,
                format!(
                    "alias /{} is the address of {owner}: an old address must not be one the site uses (remove the alias, or move that page)",
                    redirects::pretty(alias)
                ),
            ));
        }
    }
}
