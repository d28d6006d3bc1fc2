//! The Tera templates: built-in ones embedded in the binary, each overridable by a file of the
//! same name in the site's `templates/`. Compiled once per build.

use tera::Tera;

use super::template_errors;

use crate::error::Diagnostic;
use crate::model::SourceFile;

/// Built-in templates and assets, by the name a site overrides them with.
pub const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    (
        "entrance.html",
        include_str!("../../templates/entrance.html"),
    ),
    ("home.html", include_str!("../../templates/home.html")),
    ("topic.html", include_str!("../../templates/topic.html")),
    ("topics.html", include_str!("../../templates/topics.html")),
    ("actors.html", include_str!("../../templates/actors.html")),
    ("actor.html", include_str!("../../templates/actor.html")),
    (
        "timeline.html",
        include_str!("../../templates/timeline.html"),
    ),
    ("search.html", include_str!("../../templates/search.html")),
    ("status.html", include_str!("../../templates/status.html")),
    (
        "briefing.html",
        include_str!("../../templates/briefing.html"),
    ),
    (
        "briefing-entry.html",
        include_str!("../../templates/briefing-entry.html"),
    ),
    (
        "briefing-article.html",
        include_str!("../../templates/briefing-article.html"),
    ),
    ("article.html", include_str!("../../templates/article.html")),
    ("page.html", include_str!("../../templates/page.html")),
    (
        "parallel-head.html",
        include_str!("../../templates/parallel-head.html"),
    ),
    (
        "parallel-row.html",
        include_str!("../../templates/parallel-row.html"),
    ),
    ("404.html", include_str!("../../templates/404.html")),
    (
        "partials.html",
        include_str!("../../templates/partials.html"),
    ),
    ("entries.html", include_str!("../../templates/entries.html")),
    ("figures.html", include_str!("../../templates/figures.html")),
    (
        "pagination.html",
        include_str!("../../templates/pagination.html"),
    ),
    (
        "pagination-links.html",
        include_str!("../../templates/pagination-links.html"),
    ),
    ("entry.html", include_str!("../../templates/entry.html")),
    (
        "actor-entry.html",
        include_str!("../../templates/actor-entry.html"),
    ),
    (
        "timeline-entry.html",
        include_str!("../../templates/timeline-entry.html"),
    ),
    (
        "search-entry.html",
        include_str!("../../templates/search-entry.html"),
    ),
    ("style.css", include_str!("../../templates/style.css")),
    ("search.js", include_str!("../../templates/search.js")),
];

/// Files in `templates/` that are copied, not rendered.
const RAW_ASSETS: &[&str] = &["style.css", "search.js"];

pub struct Templates {
    pub tera: Tera,
    /// The stylesheet, built-in or the site's own `templates/style.css`.
    pub stylesheet: String,
    /// The search script, built-in or the site's own `templates/search.js`.
    pub search_script: String,
}

impl Templates {
    /// Compiles the built-in templates with the site's overrides.
    pub fn compile(site_templates: &[SourceFile]) -> Result<Templates, Vec<Diagnostic>> {
        let mut site = Vec::new();
        let mut sources: Vec<(String, String)> = BUILTIN
            .iter()
            .map(|(name, text)| (name.to_string(), text.to_string()))
            .collect();
        for file in site_templates {
            let name = file
                .path
                .strip_prefix("templates/")
                .unwrap_or(&file.path)
                .to_string();
            site.push(name.clone());
            match sources.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = file.text.clone(),
                None => sources.push((name, file.text.clone())),
            }
        }
        let raw = |asset: &str| {
            sources
                .iter()
                .find(|(name, _)| name == asset)
                .map(|(_, text)| text.clone())
                .unwrap_or_default()
        };
        let problems = check(&sources, &site);
        if !problems.is_empty() {
            return Err(problems);
        }
        let stylesheet = raw("style.css");
        let search_script = raw("search.js");
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        let renderable: Vec<(String, String)> = sources
            .into_iter()
            .filter(|(name, _)| !RAW_ASSETS.contains(&name.as_str()) && is_template(name))
            .collect();
        tera.add_raw_templates(renderable)
            .map_err(|e| template_errors::diagnostics(&e))?;
        Ok(Templates {
            tera,
            stylesheet,
            search_script,
        })
    }
}

fn is_template(name: &str) -> bool {
    name.ends_with(".html") || name.ends_with(".xml") || name.ends_with(".txt")
}

pub use super::template_errors::diagnostic;

/// The problems Tera would report badly or not at all, in every template at once: the block
/// structure of each (see [`template_errors::structure`]), and a site template that overrides
/// nothing and that no template includes or extends (a misnamed override).
fn check(sources: &[(String, String)], site: &[String]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (name, text) in sources {
        if !is_template(name) || RAW_ASSETS.contains(&name.as_str()) {
            continue;
        }
        problems.extend(template_errors::structure(text).into_iter().map(|p| {
            Diagnostic::at(format!("templates/{name}"), p.line, p.message).with_column(p.column)
        }));
    }
    for name in site {
        let builtin = BUILTIN.iter().any(|(n, _)| n == name);
        let used = sources.iter().any(|(_, text)| names_template(text, name));
        // Tera 2's components are called by name, not by file.
        let components = sources
            .iter()
            .any(|(n, text)| n == name && text.contains("{% component"));
        let hidden = name.rsplit('/').next().unwrap_or(name).starts_with('.');
        if !builtin && !used && !components && !hidden && is_template(name) {
            problems.push(Diagnostic::file(
                format!("templates/{name}"),
                format!(
                    "not a built-in template, and no template includes or extends it: a misnamed override? ({})",
                    known_names(name)
                ),
            ));
        }
    }
    problems
}

/// "did you mean article.html? known: base.html, …", for a name that is not a built-in
/// template.
pub fn known_names(name: &str) -> String {
    let known: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
    let guess = crate::error::suggestion(name, known.iter().copied(), "");
    format!("{guess}known: {}", known.join(", "))
}

/// Whether `text` includes or extends the template `name` (`{% include "name" %}`).
fn names_template(text: &str, name: &str) -> bool {
    ["\"", "'"].iter().any(|quote| {
        let quoted = format!("{quote}{name}{quote}");
        text.match_indices(&quoted).any(|(at, _)| {
            let before = text[..at].trim_end();
            before.ends_with("include")
                || before.ends_with("extends")
                || before.ends_with("ignore missing")
        })
    })
}
