//! The topics: a taxonomy's terms when the site uses a topic-like one (`categories`…), one
//! topic for the terms of two languages whose term pages are translations, named by those
//! pages; else the top sections that hold dated pages, named by their `_index.md`. Pure.

use std::collections::HashMap;

use super::report::Report;
use super::site::{Generator, Page, SourceSite};
use super::value::Val;
use crate::model::suggest_slug;

/// The taxonomies that are topics when a site uses them, in order of preference.
pub(super) const TOPIC_TAXONOMIES: &[&str] =
    &["categories", "category", "topics", "themes", "sections"];

#[derive(Debug, Clone)]
pub(super) struct Topic {
    pub(super) key: String,
    /// Name and description per kept language, in the languages' order.
    pub(super) names: Vec<String>,
    pub(super) descriptions: Vec<Option<String>>,
}

/// The taxonomy whose terms are topics: a topic-like one the kept pages use.
pub(super) fn topic_taxonomy(site: &SourceSite, languages: &[String]) -> Option<String> {
    TOPIC_TAXONOMIES
        .iter()
        .filter(|t| site.config.taxonomies.iter().any(|d| d == *t))
        .find(|t| {
            site.pages
                .iter()
                .any(|p| languages.contains(&p.lang) && !terms(site, p, t).is_empty())
        })
        .map(|t| t.to_string())
}

/// The terms of a taxonomy a page lists (Hugo: `categories = […]`; Zola: under
/// `[taxonomies]`).
pub(super) fn terms(site: &SourceSite, page: &Page, taxonomy: &str) -> Vec<String> {
    match site.config.generator {
        Generator::Hugo => page.field(taxonomy).map(Val::texts).unwrap_or_default(),
        Generator::Zola => page
            .front
            .at(&format!("taxonomies.{taxonomy}"))
            .map(Val::texts)
            .unwrap_or_default(),
    }
}

/// A Hugo term page (`categories/cybercrime/_index.md`).
pub(super) fn is_term_page(site: &SourceSite, page: &Page) -> bool {
    page.is_section()
        && site
            .config
            .taxonomies
            .iter()
            .any(|t| page.rel.starts_with(&format!("{t}/")))
}

/// The topics, and the topic of each (language, term or section).
pub(super) struct Topics {
    pub(super) topics: Vec<Topic>,
    pub(super) index: HashMap<(String, String), usize>,
}

pub(super) fn title_case(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Topics from a taxonomy's terms. Terms of two languages are one topic when their term pages
/// are translations (same place, or same `translationKey`); names from the term pages.
pub(super) fn taxonomy_topics(
    site: &SourceSite,
    languages: &[String],
    taxonomy: &str,
    groups: &[Vec<usize>],
    dated: &[bool],
    report: &mut Report,
) -> Topics {
    // Term pages: (lang, term slug) → the page; and their translation groups.
    let term_pages: Vec<&Page> = site
        .pages
        .iter()
        .filter(|p| {
            languages.contains(&p.lang)
                && p.rel.starts_with(&format!("{taxonomy}/"))
                && p.is_section()
        })
        .collect();
    let term_of = |p: &Page| p.rel.split('/').nth(1).unwrap_or("").to_string();
    let mut topics: Vec<Topic> = Vec::new();
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    let used = terms_used(site, languages, taxonomy, groups, dated);
    for (lang, slug, term) in &used {
        if index.contains_key(&(lang.clone(), slug.clone())) {
            continue;
        }
        let own_page = term_pages
            .iter()
            .find(|p| p.lang == *lang && suggest_slug(&term_of(p)) == *slug);
        // The same topic in the other languages: term pages at the same place or with the
        // same key.
        let key_of = |p: &Page| p.field("translationkey").and_then(Val::text);
        let siblings: Vec<&&Page> = match own_page {
            Some(own) => term_pages
                .iter()
                .filter(|p| {
                    p.lang != own.lang
                        && (p.rel == own.rel || (key_of(p).is_some() && key_of(p) == key_of(own)))
                })
                .collect(),
            None => Vec::new(),
        };
        let t = topics.len();
        let mut names = Vec::new();
        let mut descriptions = Vec::new();
        for code in languages {
            let page = if code == lang {
                own_page.copied()
            } else {
                siblings.iter().find(|p| p.lang == *code).map(|p| **p)
            };
            let name = page
                .and_then(|p| p.field("title").and_then(Val::text))
                .or_else(|| {
                    // The term as an article of that language writes it.
                    used.iter()
                        .find(|(l, s, _)| l == code && s == slug)
                        .map(|(_, _, term)| title_case(term))
                });
            let name = match name {
                Some(name) => name,
                None => {
                    report.note(format!(
                        "topic {slug}: no name in {code} (no term page, and no {code} article uses the term): named \"{}\" there; translate it in config.toml",
                        title_case(term)
                    ));
                    title_case(term)
                }
            };
            names.push(name);
            descriptions.push(page.and_then(|p| p.field("description").and_then(Val::text)));
            match page {
                Some(p) => {
                    index.insert((code.clone(), suggest_slug(&term_of(p))), t);
                }
                // No term page: the same term in another language is the same topic.
                None => {
                    index.entry((code.clone(), slug.clone())).or_insert(t);
                }
            }
        }
        index.insert((lang.clone(), slug.clone()), t);
        topics.push(Topic {
            key: slug.clone(),
            names,
            descriptions,
        });
    }
    Topics { topics, index }
}

/// Every term an article uses, in the order met, the default language's first: language,
/// term slug, term as written.
fn terms_used(
    site: &SourceSite,
    languages: &[String],
    taxonomy: &str,
    groups: &[Vec<usize>],
    dated: &[bool],
) -> Vec<(String, String, String)> {
    let mut used: Vec<(String, String, String)> = Vec::new();
    for lang in languages {
        for (g, group) in groups.iter().enumerate() {
            if !dated[g] {
                continue;
            }
            for &p in group {
                let page = &site.pages[p];
                if page.lang != *lang {
                    continue;
                }
                for term in terms(site, page, taxonomy) {
                    let slug = suggest_slug(&term);
                    if !used.iter().any(|(l, s, _)| l == lang && *s == slug) {
                        used.push((lang.clone(), slug, term));
                    }
                }
            }
        }
    }
    used
}

/// Topics from the top sections that hold dated pages, named by their `_index.md`.
pub(super) fn section_topics(
    site: &SourceSite,
    languages: &[String],
    groups: &[Vec<usize>],
    dated: &[bool],
    report: &mut Report,
) -> Topics {
    let mut sections: Vec<String> = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        if !dated[g] {
            continue;
        }
        for &p in group {
            let top = top_section(&site.pages[p]);
            if !sections.contains(&top) {
                sections.push(top);
            }
        }
    }
    let index_page = |section: &str, lang: &str| {
        site.pages
            .iter()
            .find(|p| p.lang == lang && p.is_section() && p.rel == format!("{section}/_index.md"))
    };
    let weight = |section: &str| {
        index_page(section, &site.config.default)
            .and_then(|p| p.field("weight"))
            .and_then(|w| match w {
                Val::Int(n) => Some(*n),
                _ => None,
            })
            .unwrap_or(i64::MAX)
    };
    sections.sort_by_key(|s| weight(s));
    let mut topics = Vec::new();
    let mut index = HashMap::new();
    for section in &sections {
        let key = if section.is_empty() {
            "articles".to_string()
        } else {
            suggest_slug(section)
        };
        let mut names = Vec::new();
        let mut descriptions = Vec::new();
        for lang in languages {
            let page = index_page(section, lang);
            let name = page.and_then(|p| p.field("title").and_then(Val::text));
            names.push(name.unwrap_or_else(|| {
                let fallback = if section.is_empty() {
                    "Articles".to_string()
                } else {
                    title_case(&section.replace(['-', '_'], " "))
                };
                report.note(format!(
                    "topic {key}: no title for {lang} (no {section}/_index.md in that language): named \"{fallback}\"; change it in config.toml"
                ));
                fallback
            }));
            descriptions.push(page.and_then(|p| p.field("description").and_then(Val::text)));
            index.insert((lang.clone(), section.clone()), topics.len());
        }
        topics.push(Topic {
            key,
            names,
            descriptions,
        });
    }
    Topics { topics, index }
}

/// The first folder of a page's place (`cyber` for `cyber/x.md`), empty at the top.
pub(super) fn top_section(page: &Page) -> String {
    let section = page.section();
    section.split('/').next().unwrap_or("").to_string()
}

/// The topics of a group of articles: the terms its pages list, else its section.
pub(super) fn topics_of(
    site: &SourceSite,
    topics: &Topics,
    taxonomy: Option<&str>,
    group: &[usize],
    report: &mut Report,
) -> Vec<usize> {
    let mut found: Vec<usize> = Vec::new();
    if let Some(taxonomy) = taxonomy {
        for &p in group {
            let page = &site.pages[p];
            for term in terms(site, page, taxonomy) {
                if let Some(&t) = topics.index.get(&(page.lang.clone(), suggest_slug(&term))) {
                    if !found.contains(&t) {
                        found.push(t);
                    }
                }
            }
        }
        if found.is_empty() {
            let page = &site.pages[group[0]];
            report.at(
                &page.file,
                1,
                format!("no {taxonomy}: placed in the first topic; give it its topics in `topics`"),
            );
        }
    } else {
        for &p in group {
            let page = &site.pages[p];
            if let Some(&t) = topics.index.get(&(page.lang.clone(), top_section(page))) {
                if !found.contains(&t) {
                    found.push(t);
                }
            }
        }
    }
    if found.is_empty() && !topics.topics.is_empty() {
        found.push(0);
    }
    found
}
