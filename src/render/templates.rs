//! The Tera templates: built-in ones embedded in the binary, each overridable by a file of the
//! same name in the site's `templates/`. Compiled once per build.

use tera::{ErrorKind, Tera};

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
        "parallel.html",
        include_str!("../../templates/parallel.html"),
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
    ("entry.html", include_str!("../../templates/entry.html")),
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
        let stylesheet = raw("style.css");
        let search_script = raw("search.js");
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        let renderable: Vec<(String, String)> = sources
            .into_iter()
            .filter(|(name, _)| !RAW_ASSETS.contains(&name.as_str()) && is_template(name))
            .collect();
        tera.add_raw_templates(renderable)
            .map_err(|e| vec![diagnostic(&e)])?;
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

/// A Tera error as `templates/<name>:<line>: message`.
pub fn diagnostic(error: &tera::Error) -> Diagnostic {
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let file = if report.filename().is_empty() {
                "templates".to_string()
            } else {
                format!("templates/{}", report.filename())
            };
            Diagnostic::at(file, report.span().start_line, report.message().to_string())
        }
        _ => {
            let mut message = error.to_string();
            let mut source = std::error::Error::source(error);
            while let Some(cause) = source {
                message.push_str(&format!(": {cause}"));
                source = cause.source();
            }
            Diagnostic::file("templates", message)
        }
    }
}
