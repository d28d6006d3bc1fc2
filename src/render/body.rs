//! An article's body: its Markdown rendered with its links resolved, and the problems of its
//! links (to headings that do not exist, to files the site will not have).

use std::sync::Arc;

use ahash::AHashMap;

use super::markdown::{self, Rendered};
use super::mentions::Finder;
use crate::config::{ActorId, HeadingIds};
use crate::error::Diagnostic;
use crate::model::Dossier;
use crate::site::urls;

/// What every body of a build is rendered against.
pub struct Bodies<'a> {
    pub dossier: &'a Dossier,
    /// Each article's page, by id.
    pub paths: &'a [String],
    /// An article's id by file.
    pub lookup: &'a (dyn Fn(&str) -> Option<usize> + Sync),
    /// Whether a file of `content/` that is not an article exists.
    pub has_file: &'a (dyn Fn(&str) -> bool + Sync),
    /// Whether a file could not be read (links to it are let pass).
    pub unread: &'a (dyn Fn(&str) -> bool + Sync),
    /// The actors' names, found in the text.
    pub finder: &'a Finder,
}

/// Renders one article's Markdown, its links resolved against `bodies.paths`, and the actors
/// it names found (their mentions linked as `actors.toml` says).
pub fn render_body(bodies: &Bodies, id: usize, markdown: &str) -> Rendered {
    let Bodies {
        dossier,
        paths,
        lookup,
        has_file,
        unread,
        finder,
    } = *bodies;
    let article = &dossier.articles[id];
    let from = &paths[id];
    let resolve = |target: &str| lookup(target).map(|other| urls::relative(from, &paths[other]));
    let languages = &dossier.config.languages;
    let other_language = |target: &str| {
        let other = &dossier.articles[lookup(target)?];
        (other.lang != article.lang).then(|| {
            let code = &languages[other.lang].code;
            let mark = languages[article.lang].string(&["in_", code].concat());
            (code.clone(), mark.to_string())
        })
    };
    let asset =
        |target: &str| has_file(target).then(|| urls::relative(from, &urls::content_file(target)));
    let nearest = |target: &str| nearest_article(dossier, target);
    let settings = markdown::Settings {
        french_typography: dossier.config.languages[article.lang].french_typography,
        allow_raw_html: dossier.config.markdown.allow_raw_html,
        file: &article.file,
        body_line: article.body_line,
        resolve: &resolve,
        other_language: &other_language,
        asset: &asset,
        nearest: &nearest,
        unread,
        page: from,
        drafts: dossier.include_drafts,
        is_draft: article.draft,
        title: &article.title,
        ascii_ids: dossier.config.markdown.heading_ids == HeadingIds::Ascii,
        source_label: dossier.config.languages[article.lang].string("from_source"),
        reserved_ids: &ids_around_the_body(&dossier.config, article.lang),
    };
    let mut rendered = markdown::render(markdown, &settings);
    if finder.has_any(article.lang) {
        let actors = &dossier.config.actors;
        let language = &languages[article.lang];
        let left_out = &article.actors.not_named;
        let href = |actor: ActorId| {
            let key = &actors[actor].key;
            (!left_out.contains(&actor)).then(|| urls::relative(from, &urls::actor(language, key)))
        };
        let (html, blocks, mentions) = finder.mark(
            article.lang,
            &rendered.html,
            &rendered.blocks,
            actors.link_mentions,
            &href,
        );
        (rendered.html, rendered.blocks, rendered.mentions) = (html, blocks, mentions);
    }
    rendered
}

/// The ids that an article's page gives around its body (`article.html`, `page.html`,
/// the reading paths): a heading of the body does not take one (`## Side by side` gets
/// `side-by-side-1`), so that no id is there twice and no link leads to the wrong place.
fn ids_around_the_body(config: &crate::config::Config, lang: usize) -> Vec<String> {
    let mut ids: Vec<String> = [
        "content",
        "masthead-query",
        "toc-heading",
        "sources-heading",
        "paths-heading",
    ]
    .map(String::from)
    .into();
    ids.push(config.languages[lang].parallel_anchor.clone());
    for language in &config.languages {
        let anchor = super::lists::abstract_anchor(language);
        ids.push(format!("{anchor}-label"));
        ids.push(anchor);
    }
    ids
}

/// The article file a link to missing `target` most likely meant, in the same language: the
/// one file of that name in another folder, else the file of that folder whose name is
/// nearest by spelling.
fn nearest_article(dossier: &Dossier, target: &str) -> Option<String> {
    let (folder, name) = target.rsplit_once('/').unwrap_or(("", target));
    let suffix = name
        .strip_suffix(".md")
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, code)| code);
    let same_language =
        |file: &&str| suffix.is_none_or(|code| file.ends_with(&[".", code, ".md"].concat()));
    let files = || {
        dossier
            .articles
            .iter()
            .map(|a| a.file.as_str())
            .filter(same_language)
    };
    let mut same_name = files().filter(|f| f.rsplit('/').next() == Some(name));
    if let (Some(only), None) = (same_name.next(), same_name.next()) {
        return Some(only.to_string());
    }
    let beside = files().filter_map(|f| {
        let (f_folder, f_name) = f.rsplit_once('/')?;
        (f_folder == folder).then_some(f_name)
    });
    crate::error::did_you_mean(name, beside).map(|near| format!("{folder}/{near}"))
}

/// What the bodies should not have but can be published with, by article file.
pub fn body_warnings(dossier: &Dossier, bodies: &[Arc<Rendered>]) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for (article, body) in dossier.articles.iter().zip(bodies) {
        for (line, message) in &body.warnings {
            warnings.push(Diagnostic::at(&article.file, *line, message.clone()));
        }
    }
    warnings
}

/// Links written from the site's root (`/img/a.png`) to a file the output does not have.
pub fn check_site_links(
    file: &str,
    body: &Rendered,
    exists: &dyn Fn(&str) -> bool,
    problems: &mut Vec<Diagnostic>,
) {
    for link in &body.site_links {
        if !exists(&link.target) {
            let hint = if !link.target.ends_with("index.html")
                && exists(&format!("{}/index.html", link.target))
            {
                format!(" (a folder: write `{}/`)", link.written)
            } else {
                String::new()
            };
            problems.push(Diagnostic::at(
                file,
                link.line,
                format!(
                    "link `{}` points to {}, which the site will not have{hint}: put the file in static/, or fix the link",
                    link.written, link.target
                ),
            ));
        }
    }
}

/// The problems found in bodies, and links to headings that do not exist.
pub fn check_links(
    dossier: &Dossier,
    bodies: &[Arc<Rendered>],
    by_file: &AHashMap<&str, usize>,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for id in 0..bodies.len() {
        check_article_links(
            dossier,
            bodies,
            &|f| by_file.get(f).copied(),
            id,
            &mut problems,
        );
    }
    problems
}

/// The problems of one article's body: its own, and its links to missing headings.
pub fn check_article_links(
    dossier: &Dossier,
    bodies: &[Arc<Rendered>],
    lookup: &dyn Fn(&str) -> Option<usize>,
    id: usize,
    problems: &mut Vec<Diagnostic>,
) {
    let body = &bodies[id];
    let file = &dossier.articles[id].file;
    for (line, message) in &body.problems {
        problems.push(Diagnostic::at(file, *line, message.clone()));
    }
    for (fragment, line) in &body.self_anchors {
        if !body.ids.contains(fragment) {
            problems.push(Diagnostic::at(
                file,
                *line,
                format!("link to `#{fragment}`: this article has no such heading"),
            ));
        }
    }
    for link in &body.links {
        let (Some(fragment), Some(target)) = (&link.fragment, lookup(&link.target)) else {
            continue;
        };
        if !bodies[target].ids.contains(fragment) {
            let known: Vec<&str> = bodies[target]
                .headings
                .iter()
                .map(|h| h.id.as_str())
                .collect();
            let hint = crate::error::did_you_mean(fragment, known.iter().copied())
                .map(|g| format!(" (did you mean `#{g}`?)"))
                .unwrap_or_default();
            problems.push(Diagnostic::at(
                file,
                link.line,
                format!(
                    "link `{}`: {} has no heading `#{fragment}`{hint}",
                    link.written, link.target
                ),
            ));
        }
    }
}
