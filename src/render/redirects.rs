//! Pages at old addresses (`aliases`): each sends the reader on to the article's page with a
//! refresh and a visible link, both relative (so that they work under a project path and from
//! disk), names the page's canonical address, and asks not to be indexed. Never in the sitemap.

use super::feeds::xml_escape;
use crate::error::Diagnostic;
use crate::model::{ArticleId, Dossier};
use crate::site::pages::{Page, page_path};
use crate::site::urls;

/// Every alias's file and HTML; an alias claimed twice is an error naming both files (the
/// first keeps it).
pub fn redirects(dossier: &Dossier) -> (Vec<(String, String)>, Vec<Diagnostic>) {
    let mut files: Vec<(String, String)> = Vec::new();
    let mut owners: ahash::AHashMap<&str, &str> = ahash::AHashMap::new();
    let mut problems = Vec::new();
    for (id, article) in dossier.articles.iter().enumerate() {
        for (alias, line) in &article.aliases {
            if let Some(first) = owners.insert(alias.as_str(), article.file.as_str()) {
                owners.insert(alias.as_str(), first);
                problems.push(Diagnostic::at(
                    &article.file,
                    *line,
                    format!(
                        "alias /{} is also an alias of {first}: one address leads to one page",
                        pretty(alias)
                    ),
                ));
                continue;
            }
            files.push((alias.clone(), redirect(dossier, id, alias)));
        }
    }
    (files, problems)
}

/// `fr/old/index.html` as written: `fr/old/`.
pub fn pretty(file: &str) -> &str {
    file.strip_suffix("index.html").unwrap_or(file)
}

fn redirect(dossier: &Dossier, id: usize, alias: &str) -> String {
    let config = &dossier.config;
    let article = &dossier.articles[id];
    let language = &config.languages[article.lang];
    let target = page_path(dossier, Page::Article(ArticleId(id)));
    let href = xml_escape(&urls::relative(alias, &target));
    let title = xml_escape(&language.typeset(&article.title));
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{canonical}\">\n<meta http-equiv=\"refresh\" content=\"0; url={href}\">\n</head>\n<body>\n<p>{moved} <a href=\"{href}\">{title}</a></p>\n</body>\n</html>\n",
        lang = xml_escape(&language.code),
        canonical = xml_escape(&urls::absolute(config, &target)),
        moved = xml_escape(language.string("moved")),
    )
}
