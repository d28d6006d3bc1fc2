//! Old addresses kept: every address the source published a page at (its path, its `url` or
//! `path`, each of its aliases) that differs from its new one becomes an alias, so that no
//! inbound link breaks; and the source's menus become the reference pages' `nav`.

use std::collections::HashSet;

use super::plan::{Member, filename_date};
use super::report::Report;
use super::site::{Generator, Menu, Page, SourceSite};
use super::value::Val;
use crate::config::Config;
use crate::model::suggest_slug;
use crate::site::urls;

/// The new address of a member, from the site root (`/fr/articles/x/`).
pub(super) fn new_url(config: &Config, member: &Member) -> String {
    let Some(lang) = config.language(&member.lang).map(|l| &config.languages[l]) else {
        return String::new();
    };
    let file = if member.is_page {
        urls::reference_page(lang, &member.slug)
    } else {
        urls::article(lang, &member.slug)
    };
    format!("/{}", file.strip_suffix("index.html").unwrap_or(&file))
}

/// A path from the root as dossier's `aliases` take it: `/x/y/`, or `/x/y.html`.
fn normalized(path: &str) -> Option<String> {
    let path = path.split(['#', '?']).next().unwrap_or("").trim();
    if path.contains("://") || path.starts_with("//") {
        return None;
    }
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() || trimmed.split('/').any(|s| s == "..") {
        return None;
    }
    Some(if trimmed.ends_with(".html") || trimmed.ends_with(".htm") {
        format!("/{trimmed}")
    } else {
        format!("/{trimmed}/")
    })
}

/// Each member's aliases: its old address and its own aliases (Hugo's relative ones from its
/// folder), without its new address or any page's, without dossier's own folders, each
/// address given to one page only.
pub(super) fn aliases(
    site: &SourceSite,
    config: &Config,
    members: &mut [Member],
    report: &mut Report,
) {
    let new_urls: HashSet<String> = members.iter().map(|m| new_url(config, m)).collect();
    let reserved: Vec<String> = config
        .languages
        .iter()
        .flat_map(|l| {
            l.own_folders()
                .into_iter()
                .map(move |f| format!("/{}/{f}/", l.code))
        })
        .collect();
    let mut taken: HashSet<String> = HashSet::new();
    for m in members.iter_mut() {
        let page = &site.pages[m.page];
        let mut wanted: Vec<(String, bool)> =
            m.old_url.iter().map(|u| (u.clone(), false)).collect();
        for alias in page.field("aliases").map(Val::texts).unwrap_or_default() {
            let from_root = alias.starts_with('/') || site.config.generator == Generator::Zola;
            let full = if from_root {
                alias.clone()
            } else {
                // Hugo: relative to the page's folder.
                let folder = m
                    .old_url
                    .as_deref()
                    .and_then(|u| u.trim_end_matches('/').rsplit_once('/'))
                    .map_or("", |(f, _)| f)
                    .to_string();
                format!("{folder}/{alias}")
            };
            wanted.push((full, true));
        }
        let own = new_url(config, m);
        for (url, explicit) in wanted {
            let Some(url) = normalized(&url) else {
                if explicit {
                    report.at(
                        &page.file,
                        1,
                        format!("alias {url} is not a path of the site: left out"),
                    );
                }
                continue;
            };
            if url == own || new_urls.contains(&url) || m.aliases.contains(&url) {
                continue;
            }
            if reserved.iter().any(|r| url.starts_with(r.as_str())) {
                report.at(
                    &page.file,
                    1,
                    format!("old address {url} is inside a folder dossier writes its own pages in: left out"),
                );
                continue;
            }
            if !taken.insert(url.clone()) {
                report.at(
                    &page.file,
                    1,
                    format!("old address {url} is another page's already: left out"),
                );
                continue;
            }
            m.aliases.push(url);
        }
    }
}

/// The reference pages the menus lead to get `nav`, in the menus' order (a child after its
/// parent); the other entries (sections, articles, addresses) are reported.
pub(super) fn navigation(site: &SourceSite, members: &mut [Member], report: &mut Report) {
    let mut entries: Vec<Menu> = site.config.menus.clone();
    for page in &site.pages {
        entries.extend(page_menus(page));
    }
    // Top entries by weight; each child after its parent.
    let parent_weight = |entry: &Menu| -> (i64, i64) {
        match &entry.parent {
            Some(parent) => {
                let top = entries
                    .iter()
                    .find(|e| {
                        e.lang == entry.lang && e.identifier.as_deref() == Some(parent.as_str())
                    })
                    .map_or(i64::MAX, |e| e.weight);
                (top, entry.weight)
            }
            None => (entry.weight, i64::MIN),
        }
    };
    let mut ordered: Vec<&Menu> = entries.iter().collect();
    ordered.sort_by_key(|e| (e.lang != site.config.default, parent_weight(e)));
    let mut next = 1;
    let mut placed: HashSet<usize> = HashSet::new();
    for entry in ordered {
        let found = members.iter().position(|m| leads_to(site, m, entry));
        match found {
            Some(i) if members[i].is_page => {
                let group = members[i].group;
                if placed.insert(group) {
                    for m in members.iter_mut().filter(|m| m.group == group) {
                        m.nav = Some(next);
                    }
                    next += 1;
                }
            }
            Some(i) => report.note(format!(
                "menu entry \"{}\" ({}) leads to an article: left out (dossier's navigation holds reference pages; its topics are in the menu already)",
                entry.name, members[i].lang
            )),
            None if members.iter().any(|m| m.lang == entry.lang) => report.note(format!(
                "menu entry \"{}\" ({}, {}) leads to no page kept (a section, a list or another address): left out",
                entry.name, entry.lang, entry.target
            )),
            None => {}
        }
    }
}

/// A page's own menu entries: `menus: main`, `menus: [main]`, `menus: {main: {weight, parent}}`.
fn page_menus(page: &super::site::Page) -> Vec<Menu> {
    let Some(menus) = page.field("menus").or_else(|| page.field("menu")) else {
        return Vec::new();
    };
    let main = match menus {
        Val::Str(name) if name == "main" => Some(Val::Null),
        Val::List(names) if names.iter().any(|n| n.str() == Some("main")) => Some(Val::Null),
        Val::Map(_) => menus.get("main").cloned(),
        _ => None,
    };
    let Some(main) = main else {
        return Vec::new();
    };
    vec![Menu {
        lang: page.lang.clone(),
        name: main
            .get("name")
            .and_then(Val::text)
            .or_else(|| page.field("title").and_then(Val::text))
            .unwrap_or_default(),
        target: format!("file:{}", page.file),
        weight: main
            .get("weight")
            .and_then(|w| w.text())
            .and_then(|w| w.parse().ok())
            .unwrap_or(0),
        identifier: main.get("identifier").and_then(Val::text),
        parent: main.get("parent").and_then(Val::text),
    }]
}

/// Whether a menu entry leads to the member's page.
fn leads_to(site: &SourceSite, member: &Member, entry: &Menu) -> bool {
    let page = &site.pages[member.page];
    if let Some(file) = entry.target.strip_prefix("file:") {
        return page.file == file;
    }
    if let Some(path) = entry.target.strip_prefix("@/") {
        // Zola: the default language's file, in any language.
        let stem = path.trim_end_matches(".md");
        let rel = page.rel.trim_end_matches(".md");
        return rel == stem || rel == format!("{stem}/index");
    }
    if page.lang != entry.lang {
        return false;
    }
    let target = entry.target.trim_matches('/').to_lowercase();
    let rel = page.rel.trim_end_matches(".md");
    let rel = rel
        .strip_suffix("/_index")
        .or_else(|| rel.strip_suffix("/index"))
        .unwrap_or(rel)
        .to_lowercase();
    rel == target
        || member
            .old_url
            .as_deref()
            .is_some_and(|u| u.trim_matches('/') == target)
}

/// The address the source published a page at (none for a draft), from its root.
pub(super) fn old_url(site: &SourceSite, page: &Page) -> Option<String> {
    if page.field("draft").is_some_and(Val::is_true) {
        return None;
    }
    let prefix = if page.lang == site.config.default && !site.config.default_in_subdir {
        String::new()
    } else {
        format!("/{}", page.lang)
    };
    let folder = |path: &str| -> String {
        let path = path.trim_matches('/');
        if path.is_empty() {
            "/".to_string()
        } else if path.ends_with(".html") || path.ends_with(".xml") {
            format!("/{path}")
        } else {
            format!("/{path}/")
        }
    };
    match site.config.generator {
        Generator::Hugo => {
            if let Some(url) = page.field("url").and_then(Val::text) {
                return Some(folder(&url));
            }
            let name = match page.field("slug").and_then(Val::text) {
                Some(slug) => slug,
                None => {
                    let name = page.name();
                    let name = site
                        .config
                        .filename_dates
                        .then(|| filename_date(name).map(|(_, r)| r))
                        .flatten()
                        .unwrap_or(name);
                    name.to_string()
                }
            };
            let section = page.section();
            let top = section.split('/').next().unwrap_or("");
            let pattern = site
                .config
                .permalinks
                .iter()
                .find(|(s, _)| s == top)
                .filter(|_| !page.is_section());
            if let Some((_, pattern)) = pattern {
                let path = permalink(site, page, pattern, &name);
                let path = path.trim_start_matches('/').to_lowercase();
                return Some(folder(&format!("{prefix}/{path}")));
            }
            let path = if page.is_section() {
                section.to_string()
            } else if section.is_empty() {
                name
            } else {
                format!("{section}/{name}")
            };
            let path = if site.config.ugly_urls && !page.is_section() {
                format!("{path}.html")
            } else {
                path
            };
            Some(folder(&format!("{prefix}/{}", path.to_lowercase())))
        }
        Generator::Zola => {
            if let Some(path) = page.field("path").and_then(Val::text) {
                return Some(folder(&path));
            }
            let name = match page.field("slug").and_then(Val::text) {
                Some(slug) => slug,
                None => {
                    let name = page.name();
                    filename_date(name).map_or(name, |(_, r)| r).to_string()
                }
            };
            let section: Vec<String> = page
                .section()
                .split('/')
                .filter(|s| !s.is_empty())
                .map(suggest_slug)
                .collect();
            let mut parts = section;
            parts.push(suggest_slug(&name));
            Some(folder(&format!("{prefix}/{}", parts.join("/"))))
        }
    }
}

/// A Hugo permalink pattern filled in for a page: `/:year/:month/:slug/`.
fn permalink(site: &SourceSite, page: &Page, pattern: &str, slug: &str) -> String {
    let date = super::plan::date_of(site, page)
        .and_then(|(date, _)| date.text())
        .unwrap_or_default();
    let part = |from: usize, to: usize| date.get(from..to).unwrap_or("").to_string();
    let title = page
        .field("title")
        .and_then(Val::text)
        .map(|t| suggest_slug(&t))
        .unwrap_or_default();
    let filename = page.name().to_string();
    let sections = page.section().to_string();
    let section = sections.split('/').next().unwrap_or("").to_string();
    let has_slug = page.field("slug").is_some();
    let mut out = pattern.to_string();
    // Longest tokens first, so that `:slugorfilename` is not read as `:slug`.
    for (token, value) in [
        (
            ":slugorcontentbasename",
            if has_slug {
                slug.to_string()
            } else {
                filename.clone()
            },
        ),
        (
            ":slugorfilename",
            if has_slug {
                slug.to_string()
            } else {
                filename.clone()
            },
        ),
        (":contentbasename", filename.clone()),
        (":filename", filename.clone()),
        (":sections", sections.clone()),
        (":section", section),
        (":title", title.clone()),
        (":slug", if has_slug { slug.to_string() } else { title }),
        (":year", part(0, 4)),
        (":month", part(5, 7)),
        (":day", part(8, 10)),
    ] {
        out = out.replace(token, &value);
    }
    out
}
