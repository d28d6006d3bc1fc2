//! What the new site will be: the languages kept, the translation groups, the topics (from a
//! taxonomy, else from the sections), each page's kind, slug, file, old and new addresses and
//! aliases, and the navigation. Pure: from the source site read, to a plan.

use std::collections::{BTreeMap, HashMap};

use super::addresses::old_url;
use super::report::Report;
use super::site::{Generator, Page, SourceSite};
use super::topics::{
    Topic, is_term_page, section_topics, taxonomy_topics, top_section, topic_taxonomy, topics_of,
};

use super::value::Val;
use crate::config::Config;
use crate::model::suggest_slug;

/// A page of the source that becomes a page of the dossier.
#[derive(Debug, Clone)]
pub(super) struct Member {
    /// Index into `SourceSite::pages`.
    pub(super) page: usize,
    pub(super) group: usize,
    pub(super) lang: String,
    pub(super) slug: String,
    /// The new file, from the new root: `content/<topic>/<stem>.<lang>.md`.
    pub(super) path: String,
    pub(super) is_page: bool,
    pub(super) topics: Vec<String>,
    pub(super) key: Option<String>,
    /// Whether `slug` must be written (the file's name does not say it).
    pub(super) write_slug: bool,
    pub(super) nav: Option<i64>,
    /// The address the source published, from its root.
    pub(super) old_url: Option<String>,
    pub(super) aliases: Vec<String>,
    pub(super) date: Option<Val>,
    /// The page's bundle folder in the source, whose files go beside the new file.
    pub(super) bundle: Option<String>,
}

pub(super) struct Plan {
    /// The kept languages' codes, the default first.
    pub(super) languages: Vec<String>,
    pub(super) topics: Vec<Topic>,
    pub(super) members: Vec<Member>,
    /// Old address → member, for links written as addresses.
    pub(super) by_url: HashMap<String, usize>,
    /// Source file → member.
    pub(super) by_file: HashMap<String, usize>,
    /// The taxonomy whose terms are the topics, if any.
    pub(super) taxonomy: Option<String>,
}

impl Plan {
    /// Indexes every member's old addresses (once they are known) for links written as them.
    pub(super) fn index_addresses(&mut self) {
        for (i, m) in self.members.iter().enumerate() {
            for url in m.old_url.iter().chain(&m.aliases) {
                self.by_url
                    .entry(url.trim_end_matches('/').to_string())
                    .or_insert(i);
            }
        }
    }
}

/// The languages to keep: those asked, else French and English where the source has them,
/// else its default and the next one.
pub(super) fn kept_languages(site: &SourceSite, asked: &[String]) -> Result<Vec<String>, String> {
    let codes: Vec<&str> = site
        .config
        .languages
        .iter()
        .map(|l| l.code.as_str())
        .collect();
    let kept: Vec<String> = if asked.is_empty() {
        let ours: Vec<String> = codes
            .iter()
            .filter(|c| **c == "fr" || **c == "en")
            .map(|c| c.to_string())
            .collect();
        if ours.is_empty() {
            codes.iter().take(2).map(|c| c.to_string()).collect()
        } else {
            ours
        }
    } else {
        for code in asked {
            if !codes.contains(&code.as_str()) {
                return Err(format!(
                    "--languages: the site has no language {code} (it has {})",
                    codes.join(", ")
                ));
            }
        }
        asked.to_vec()
    };
    // The source's default first when kept, then the source's order.
    let mut ordered: Vec<String> = codes
        .iter()
        .filter(|c| kept.iter().any(|k| k == *c))
        .map(|c| c.to_string())
        .collect();
    ordered.dedup();
    Ok(ordered)
}

/// The plan of the whole site.
pub(super) fn plan(site: &SourceSite, languages: Vec<String>, report: &mut Report) -> Plan {
    for lang in &site.config.languages {
        if !languages.contains(&lang.code) {
            let n = site.pages.iter().filter(|p| p.lang == lang.code).count();
            report.note(format!(
                "language {} not kept: {n} file{} left out (`--languages` chooses the languages)",
                lang.code,
                if n == 1 { "" } else { "s" }
            ));
        }
    }
    let taxonomy = topic_taxonomy(site, &languages);
    let pages = pages_kept(site, &languages, report);
    let mut groups = groups(site, &pages);
    // The default language's page first: it names the group.
    let rank = |p: &usize| languages.iter().position(|l| *l == site.pages[*p].lang);
    for group in &mut groups {
        group.sort_by_key(rank);
    }
    let dated: Vec<bool> = groups
        .iter()
        .map(|g| g.iter().any(|&p| date_of(site, &site.pages[p]).is_some()))
        .collect();
    let topics = match &taxonomy {
        Some(name) => taxonomy_topics(site, &languages, name, &groups, &dated, report),
        None => section_topics(site, &languages, &groups, &dated, report),
    };
    let mut members = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        let group_topics = if dated[g] {
            topics_of(site, &topics, taxonomy.as_deref(), group, report)
        } else {
            Vec::new()
        };
        for &p in group {
            let page = &site.pages[p];
            members.push(Member {
                page: p,
                group: g,
                lang: page.lang.clone(),
                slug: slug_of(page),
                path: String::new(),
                is_page: !dated[g],
                topics: group_topics
                    .iter()
                    .map(|t| topics.topics[*t].key.clone())
                    .collect(),
                key: None,
                write_slug: false,
                nav: None,
                old_url: old_url(site, page),
                aliases: Vec::new(),
                date: date_of(site, page).map(|(date, _)| date),
                bundle: page.bundle_dir().map(str::to_string).or_else(|| {
                    // A section's own files (an About section's pictures): a bundle too.
                    let folder = page.file.rsplit_once('/').map(|(f, _)| f)?;
                    let has_files = site.content_files.iter().any(|f| {
                        f.strip_prefix(&format!("{folder}/"))
                            .is_some_and(|rest| !rest.contains('/'))
                    });
                    (page.is_section() && has_files).then(|| folder.to_string())
                }),
            });
        }
    }
    let mut topics = topics.topics;
    if topics.is_empty() {
        // dossier needs one topic: a site with no dated page gets one to put articles in.
        report.note("the site has no dated page, so no topic: config.toml has one, \"articles\", for the articles to come");
        topics.push(Topic {
            key: "articles".into(),
            names: vec!["Articles".into(); languages.len()],
            descriptions: vec![None; languages.len()],
        });
    }
    Plan {
        languages,
        topics,
        members,
        by_url: HashMap::new(),
        by_file: HashMap::new(),
        taxonomy,
    }
}

/// The pages that become pages of the dossier, in the kept languages: not the sections
/// (their text said), but those with text of their own over no dated page (an About
/// section); not the term pages; not the pages without text or date (said).
fn pages_kept(site: &SourceSite, languages: &[String], report: &mut Report) -> Vec<usize> {
    let kept = |p: &Page| languages.contains(&p.lang);
    // Folders that hold dated pages: their sections list articles. A section with text of
    // its own over no dated page (an About section) is a reference page.
    let dated_folders: Vec<String> = site
        .pages
        .iter()
        .filter(|p| kept(p) && !p.is_section() && date_of(site, p).is_some())
        .map(|p| p.section().to_string())
        .collect();
    let is_reference_section = |page: &Page| {
        let folder = page.rel.trim_end_matches("_index.md").trim_end_matches('/');
        !folder.is_empty()
            && !is_term_page(site, page)
            && !page.body.trim().is_empty()
            && !dated_folders
                .iter()
                .any(|f| f == folder || f.starts_with(&format!("{folder}/")))
    };
    // A page with no text and no date was made by its template (a search or archive page):
    // dossier makes its own.
    let made_by_template = |page: &Page| {
        !page.is_section() && page.body.trim().is_empty() && date_of(site, page).is_none()
    };
    for page in site.pages.iter().filter(|p| kept(p) && made_by_template(p)) {
        let layout = page
            .field("layout")
            .and_then(Val::text)
            .map(|l| format!(" (layout {l})"))
            .unwrap_or_default();
        report.at(
            &page.file,
            1,
            format!("left out: a page without text or date{layout}, made by its template; dossier makes its own lists and search"),
        );
    }
    let pages: Vec<usize> = (0..site.pages.len())
        .filter(|&i| kept(&site.pages[i]) && !made_by_template(&site.pages[i]))
        .filter(|&i| !site.pages[i].is_section() || is_reference_section(&site.pages[i]))
        .filter(|&i| !is_term_page(site, &site.pages[i]))
        .collect();
    for page in site.pages.iter().filter(|p| kept(p) && p.is_section()) {
        let words = page.body.split_whitespace().count();
        if words > 0 && !is_term_page(site, page) && !is_reference_section(page) {
            report.at(
                &page.file,
                1,
                format!("a section's own text ({words} words) is not carried over: dossier's topic and home pages list articles"),
            );
        }
    }
    pages
}

/// Once the new config is made: each page's slug made unique in its language (and apart from
/// the folders dossier writes its own pages in), its file placed, the files indexed.
pub(super) fn settle(site: &SourceSite, config: &Config, plan: &mut Plan, report: &mut Report) {
    let reserved: Vec<(String, String)> = config
        .languages
        .iter()
        .flat_map(|l| l.own_folders().map(|f| (l.code.clone(), f.to_string())))
        .collect();
    unique_slugs(site, &mut plan.members, &reserved, report);
    place_files(&mut plan.members);
    plan.by_file = plan
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| (site.pages[m.page].file.clone(), i))
        .collect();
}

/// Pages made into translation groups: same place in their languages' content (Hugo's
/// folders per language, or `x.md` and `x.en.md`), or the same `translationKey`.
fn groups(site: &SourceSite, pages: &[usize]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..pages.len()).collect();
    fn find(parent: &mut [usize], i: usize) -> usize {
        let mut root = i;
        while parent[root] != root {
            root = parent[root];
        }
        parent[i] = root;
        root
    }
    let mut first: HashMap<String, usize> = HashMap::new();
    for (i, &p) in pages.iter().enumerate() {
        let page = &site.pages[p];
        let mut keys = vec![format!("rel:{}", page.rel.to_lowercase())];
        if let Some(key) = page.field("translationkey").and_then(Val::text) {
            keys.push(format!("key:{key}"));
        }
        for key in keys {
            match first.get(&key) {
                Some(&j) => {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    parent[a.max(b)] = a.min(b);
                }
                None => {
                    first.insert(key, i);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &p) in pages.iter().enumerate() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(p);
    }
    groups.into_values().collect()
}

/// The fields a page's date may be written in, the first that reads as a date wins (Hugo's
/// `publishDate` and the like after `date`).
pub(super) const DATE_FIELDS: &[&str] = &["date", "publishdate", "pubdate", "published"];
/// The fields of the date of its last change.
pub(super) const UPDATED_FIELDS: &[&str] = &["lastmod", "updated"];

/// A page's date: its front matter's, or the `YYYY-MM-DD-` its file name starts with (first,
/// when Hugo's config says so); and the field it was read from (`None` for the name).
pub(super) fn date_of(site: &SourceSite, page: &Page) -> Option<(Val, Option<&'static str>)> {
    let named = site
        .config
        .filename_dates
        .then(|| filename_date(page.name()))
        .flatten()
        .map(|(date, _)| (Val::Date(date), None));
    let written = read_date(page, DATE_FIELDS).map(|(date, field)| (date, Some(field)));
    match site.config.generator {
        Generator::Hugo => named.or(written),
        Generator::Zola => written.or(named),
    }
}

/// The first of `fields` the page writes a date in, and which.
pub(super) fn read_date(page: &Page, fields: &[&'static str]) -> Option<(Val, &'static str)> {
    fields
        .iter()
        .find_map(|f| page.field(f).and_then(date_value).map(|d| (d, *f)))
}

/// A date as TOML takes it, from the ways Hugo and Zola take one: RFC 3339, a space for the
/// `T`, an offset without its colon or after a space (`2016-03-05 10:00:00 +0100`).
pub(super) fn date_value(val: &Val) -> Option<Val> {
    let text = match val {
        Val::Date(d) => return Some(Val::Date(d.clone())),
        Val::Str(s) => s.trim(),
        _ => return None,
    };
    let parse = |t: &str| t.parse::<toml::value::Datetime>().ok();
    if let Some(date) = parse(text) {
        return Some(Val::Date(date.to_string()));
    }
    // `2016-03-05 10:00:00 +0100` → `2016-03-05T10:00:00+01:00`.
    let mut parts: Vec<&str> = text.split_whitespace().collect();
    let offset = match parts.last() {
        Some(last) if parts.len() == 3 && (last.starts_with('+') || last.starts_with('-')) => {
            let digits = &last[1..];
            let colon = if digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit()) {
                format!("{}{}:{}", &last[..1], &digits[..2], &digits[2..])
            } else {
                (*last).to_string()
            };
            parts.pop();
            colon
        }
        _ => String::new(),
    };
    let joined = format!("{}{offset}", parts.join("T"));
    parse(&joined).map(|d| Val::Date(d.to_string()))
}

/// `2024-01-22-gel-avoirs` → the date and `gel-avoirs`.
pub(super) fn filename_date(name: &str) -> Option<(String, &str)> {
    let bytes = name.as_bytes();
    let shape = bytes.len() > 11
        && bytes[..10].iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
        && (bytes[10] == b'-' || bytes[10] == b'_');
    shape.then(|| (name[..10].to_string(), &name[11..]))
}

/// The slug: the front matter's, else the name without its date; made URL-safe.
fn slug_of(page: &Page) -> String {
    if let Some(slug) = page.field("slug").and_then(Val::text) {
        let slug = suggest_slug(&slug);
        if !slug.is_empty() {
            return slug;
        }
    }
    // The last part of an address of its own (Hugo's `url`, Zola's `path`).
    let own_address = ["url", "path"]
        .iter()
        .find_map(|f| page.field(f).and_then(Val::text))
        .and_then(|a| {
            let last = a
                .trim_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or("")
                .to_string();
            let last = last.trim_end_matches(".html").to_string();
            (!last.is_empty()).then_some(last)
        });
    let name = page.name();
    let name = filename_date(name).map_or(name, |(_, rest)| rest);
    let slug = suggest_slug(own_address.as_deref().unwrap_or(name));
    if slug.is_empty() {
        "page".to_string()
    } else {
        slug
    }
}

/// No two pages of a language with one slug: the later ones get their section's name in
/// front (`cyber-bilan-2023`), then a number.
fn unique_slugs(
    site: &SourceSite,
    members: &mut [Member],
    reserved: &[(String, String)],
    report: &mut Report,
) {
    // A reference page stands at the top of its language, beside dossier's own folders.
    let mut taken: HashMap<(String, bool, String), usize> = reserved
        .iter()
        .map(|(lang, folder)| ((lang.clone(), true, folder.clone()), usize::MAX))
        .collect();
    let clashes: Vec<usize> = {
        let mut count: HashMap<(String, bool, String), usize> = HashMap::new();
        for m in members.iter() {
            *count
                .entry((m.lang.clone(), m.is_page, m.slug.clone()))
                .or_default() += 1;
        }
        (0..members.len())
            .filter(|&i| {
                count[&(
                    members[i].lang.clone(),
                    members[i].is_page,
                    members[i].slug.clone(),
                )] > 1
            })
            .collect()
    };
    for (i, member) in members.iter_mut().enumerate() {
        let page = &site.pages[member.page];
        let mut slug = member.slug.clone();
        if clashes.contains(&i) {
            let section = suggest_slug(top_section(page).as_str());
            if !section.is_empty() && !slug.starts_with(&format!("{section}-")) {
                slug = format!("{section}-{slug}");
            }
        }
        let base = slug.clone();
        let mut n = 2;
        while taken.contains_key(&(member.lang.clone(), member.is_page, slug.clone())) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        if slug != member.slug {
            report.at(
                &page.file,
                1,
                format!(
                    "slug {} is taken in {} (by another page, or a folder dossier writes its own pages in): this one is {slug} (its old address stays as an alias)",
                    member.slug, member.lang
                ),
            );
            member.slug = slug.clone();
        }
        taken.insert((member.lang.clone(), member.is_page, slug), i);
    }
}

/// Each member's new file: articles in their first topic's folder, reference pages in
/// `pages/`; a group's files side by side, paired by name when they share it, else by a key;
/// a group with a bundle in one folder of its own, its files beside.
fn place_files(members: &mut [Member]) {
    let mut by_group: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, m) in members.iter().enumerate() {
        by_group.entry(m.group).or_default().push(i);
    }
    // Stems (or bundle folders) used in each folder, by group; keys used in the whole site.
    let mut used: HashMap<(String, String), usize> = HashMap::new();
    let mut keys: std::collections::HashSet<String> = std::collections::HashSet::new();
    for (group, ids) in by_group {
        let first = &members[ids[0]];
        let folder = if first.is_page {
            "content/pages".to_string()
        } else {
            format!(
                "content/{}",
                first.topics.first().map_or("articles", String::as_str)
            )
        };
        let first_slug = first.slug.clone();
        let bundled = ids.iter().any(|&i| members[i].bundle.is_some());
        let same_slug = ids.iter().all(|&i| members[i].slug == first_slug);
        let mut stem = first_slug.clone();
        let mut n = 2;
        while used
            .get(&(folder.clone(), stem.clone()))
            .is_some_and(|g| *g != group)
        {
            stem = format!("{first_slug}-{n}");
            n += 1;
        }
        used.insert((folder.clone(), stem.clone()), group);
        let mut key = stem.clone();
        let mut n = 2;
        while keys.contains(&key) {
            key = format!("{stem}-{n}");
            n += 1;
        }
        keys.insert(key.clone());
        for &i in &ids {
            let m = &mut members[i];
            if bundled {
                m.path = format!("{folder}/{stem}/index.{}.md", m.lang);
                m.write_slug = m.slug != stem;
            } else if same_slug {
                m.path = format!("{folder}/{stem}.{}.md", m.lang);
                m.write_slug = m.slug != stem;
            } else {
                // Its own name, unless another group's file has it (dossier pairs by name).
                let mut own = if m.slug == first_slug {
                    stem.clone()
                } else {
                    m.slug.clone()
                };
                let base = own.clone();
                let mut n = 2;
                while used
                    .get(&(folder.clone(), own.clone()))
                    .is_some_and(|g| *g != group)
                {
                    own = format!("{base}-{n}");
                    n += 1;
                }
                used.insert((folder.clone(), own.clone()), group);
                m.path = format!("{folder}/{own}.{}.md", m.lang);
                m.write_slug = m.slug != own;
                m.key = (ids.len() > 1).then(|| key.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_hugo_and_zola_take_them() {
        let date = |text: &str| date_value(&Val::Str(text.into())).and_then(|d| d.text());
        assert_eq!(date("2024-03-05").as_deref(), Some("2024-03-05"));
        assert_eq!(
            date("2016-03-05 10:00:00 +0100").as_deref(),
            Some("2016-03-05T10:00:00+01:00")
        );
        assert_eq!(
            date(" 2023-11-14T09:30:00Z ").as_deref(),
            Some("2023-11-14T09:30:00Z")
        );
        assert_eq!(date("le 5 mars"), None);
        assert_eq!(
            filename_date("2024-01-22-gel-avoirs"),
            Some(("2024-01-22".into(), "gel-avoirs"))
        );
        assert_eq!(filename_date("2024-01-22"), None);
    }
}
