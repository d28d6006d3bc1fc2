//! Reading a Hugo or Zola site: which generator, its configuration (languages, taxonomies,
//! menus), its pages with their front matter in any format, its shortcode templates and its
//! static files. Nothing here writes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::settings::{find_config, hugo_config, merge_split, parse_file, zola_config};
use super::value::{self, Val};
use crate::error::{Error, Result};
use crate::model::front_matter::{self, Format};
use crate::source;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generator {
    Hugo,
    Zola,
}

impl Generator {
    pub fn name(self) -> &'static str {
        match self {
            Generator::Hugo => "Hugo",
            Generator::Zola => "Zola",
        }
    }
}

/// A language of the source site.
#[derive(Debug, Clone)]
pub(super) struct Lang {
    pub(super) code: String,
    pub(super) name: Option<String>,
    pub(super) title: Option<String>,
    pub(super) description: Option<String>,
    pub(super) weight: i64,
    /// Its content folder, from the root (`content/fr`), when it has its own.
    pub(super) content_dir: Option<String>,
}

/// An entry of a menu.
#[derive(Debug, Clone)]
pub(super) struct Menu {
    pub(super) lang: String,
    pub(super) name: String,
    /// `pageRef`, `url` or Zola's `@/…` link, as written.
    pub(super) target: String,
    pub(super) weight: i64,
    pub(super) identifier: Option<String>,
    pub(super) parent: Option<String>,
}

#[derive(Debug, Clone)]
pub(super) struct Config {
    pub(super) generator: Generator,
    /// The configuration file, from the root.
    pub(super) file: String,
    pub(super) base_url: String,
    pub(super) default: String,
    /// In the order of their weights, the default first.
    pub(super) languages: Vec<Lang>,
    /// The taxonomies' plural names (`categories`, `tags`).
    pub(super) taxonomies: Vec<String>,
    pub(super) menus: Vec<Menu>,
    /// A `YYYY-MM-DD-` file name prefix is the page's date (Zola always; Hugo when
    /// `frontmatter.date` says `:filename`).
    pub(super) filename_dates: bool,
    /// The theme, whose templates and static files count under the site's.
    pub(super) theme: Option<String>,
    /// Hugo: the default language under its own folder too (`/fr/…`).
    pub(super) default_in_subdir: bool,
    /// Hugo: pages at `x.html`, not `x/`.
    pub(super) ugly_urls: bool,
    /// Hugo: address patterns by section (`posts = "/:year/:month/:slug/"`).
    pub(super) permalinks: Vec<(String, String)>,
}

/// A Markdown file of the source's content.
#[derive(Debug, Clone)]
pub(super) struct Page {
    /// From the root: `content/fr/analyses/x.md`.
    pub(super) file: String,
    pub(super) lang: String,
    /// Under its language's content folder, without language suffix: `analyses/x.md`,
    /// `analyses/b/index.md`, `analyses/_index.md`.
    pub(super) rel: String,
    pub(super) front: Val,
    pub(super) body: String,
    /// The file line the body starts on.
    pub(super) body_line: usize,
}

impl Page {
    pub(super) fn is_section(&self) -> bool {
        self.rel == "_index.md" || self.rel.ends_with("/_index.md")
    }

    pub(super) fn is_bundle(&self) -> bool {
        self.rel == "index.md" || self.rel.ends_with("/index.md")
    }

    /// The folder of `rel` (`analyses` for `analyses/x.md`; the bundle's parent for a
    /// bundle; its own folder for a section).
    pub(super) fn section(&self) -> &str {
        let folder = self.rel.rsplit_once('/').map_or("", |(f, _)| f);
        if self.is_bundle() {
            folder.rsplit_once('/').map_or("", |(f, _)| f)
        } else {
            folder
        }
    }

    /// The name the page is known by: the file's stem, or the bundle's folder.
    pub(super) fn name(&self) -> &str {
        let mut parts = self.rel.rsplit('/');
        let last = parts.next().unwrap_or("");
        if self.is_bundle() || self.is_section() {
            parts.next().unwrap_or("")
        } else {
            last.strip_suffix(".md").unwrap_or(last)
        }
    }

    /// The folder of the page's own files (its bundle), from the root.
    pub(super) fn bundle_dir(&self) -> Option<&str> {
        self.is_bundle()
            .then(|| self.file.rsplit_once('/').map_or("", |(f, _)| f))
    }

    pub(super) fn field(&self, name: &str) -> Option<&Val> {
        self.front.get(name)
    }
}

/// The other generator's site, read.
pub(super) struct SourceSite {
    pub(super) root: PathBuf,
    pub(super) config: Config,
    pub(super) pages: Vec<Page>,
    /// Shortcode templates by name: the file (from the root) and its text; the site's own
    /// before its theme's.
    pub(super) shortcodes: HashMap<String, (String, String)>,
    /// Files to copy: from the root, and where under the new site.
    pub(super) copies: Vec<(String, String)>,
    /// Files of the content folders that are not pages, from the root.
    pub(super) content_files: Vec<String>,
    /// What was read and left out, for the report.
    pub(super) notes: Vec<String>,
}

/// Reads the site at `root`, as `generator` when given, else as the one its files say.
pub(super) fn read(root: &Path, generator: Option<Generator>) -> Result<SourceSite> {
    let (config_file, detected) = find_config(root, generator)?;
    let raw = parse_file(root, &config_file, detected)?;
    let raw = merge_split(root, &config_file, raw)?;
    let config = match detected {
        Generator::Hugo => hugo_config(&raw, config_file),
        Generator::Zola => zola_config(&raw, config_file),
    };
    let files = files(root, &config)?;
    let mut notes = Vec::new();
    let mut pages = Vec::new();
    let mut content_files = Vec::new();
    for file in &files {
        let Some(lang) = language_of(&config, file) else {
            continue;
        };
        if !file.ends_with(".md") {
            content_files.push(file.clone());
            continue;
        }
        let text = read_text(root, file)?;
        match page(&config, file, lang, &text) {
            Ok(page) => pages.push(page),
            Err(message) => notes.push(format!("{file}: left out: {message}")),
        }
    }
    let shortcodes = shortcode_templates(root, &config, &files)?;
    let copies = static_files(&config, &files);
    Ok(SourceSite {
        root: root.to_path_buf(),
        config,
        pages,
        shortcodes,
        copies,
        content_files,
        notes,
    })
}

/// The files of the folders a migration reads (the content, the templates, the static files,
/// the theme's), not the rest of the source (`public/`, `node_modules/`, `.git/`).
fn files(root: &Path, config: &Config) -> Result<Vec<String>> {
    let mut folders: Vec<String> = ["content", "layouts", "templates", "static"]
        .iter()
        .map(|f| f.to_string())
        .collect();
    for lang in &config.languages {
        if let Some(dir) = &lang.content_dir {
            if !folders
                .iter()
                .any(|f| dir.starts_with(&format!("{f}/")) || f == dir)
            {
                folders.push(dir.clone());
            }
        }
    }
    if let Some(theme) = &config.theme {
        for part in ["layouts", "templates", "static"] {
            folders.push(format!("themes/{theme}/{part}"));
        }
    }
    let mut files = Vec::new();
    for folder in &folders {
        files.extend(source::walk(root, folder)?);
    }
    files.sort();
    files.dedup();
    Ok(files)
}

pub(super) fn read_text(root: &Path, file: &str) -> Result<String> {
    let bytes = source::read(&root.join(file))?;
    source::decode(file, bytes).map_err(Error::site)
}

/// The language of a file of a content folder, or `None` for a file outside them.
fn language_of<'a>(config: &'a Config, file: &str) -> Option<&'a str> {
    // A language's own content folder: the longest that holds the file.
    let own = config
        .languages
        .iter()
        .filter_map(|l| l.content_dir.as_deref().map(|d| (d, l.code.as_str())))
        .filter(|(dir, _)| file.starts_with(&format!("{dir}/")))
        .max_by_key(|(dir, _)| dir.len());
    if let Some((_, code)) = own {
        return Some(code);
    }
    if !file.starts_with("content/") {
        return None;
    }
    // The shared `content/`: a language suffix (`x.en.md`, `image.en.png`), else the languages
    // without a folder of their own, the default first.
    let name = file.rsplit('/').next().unwrap_or(file);
    let mut parts = name.rsplitn(3, '.');
    let _extension = parts.next();
    if let (Some(code), Some(_)) = (parts.next(), parts.next()) {
        if let Some(lang) = config.languages.iter().find(|l| l.code == code) {
            return Some(&lang.code);
        }
    }
    config
        .languages
        .iter()
        .find(|l| l.content_dir.is_none() || l.content_dir.as_deref() == Some("content"))
        .map(|l| l.code.as_str())
}

/// One page: its place in its language and its front matter.
fn page(config: &Config, file: &str, lang: &str, text: &str) -> Result<Page, String> {
    let dir = config
        .languages
        .iter()
        .find(|l| l.code == lang)
        .and_then(|l| l.content_dir.clone())
        .filter(|d| file.starts_with(&format!("{d}/")))
        .unwrap_or_else(|| "content".into());
    let under = &file[dir.len() + 1..];
    let suffix = format!(".{lang}.md");
    let rel = match under.strip_suffix(&suffix) {
        Some(stem) => format!("{stem}.md"),
        None => under.to_string(),
    };
    let (front, body, body_line) = if text.trim().is_empty() {
        (Val::Map(indexmap::IndexMap::new()), String::new(), 1)
    } else {
        let split =
            front_matter::split(text).map_err(|e| format!("line {}: {}", e.line, e.message))?;
        let front = match split.format {
            Format::Toml => value::from_toml(split.front_matter),
            Format::Yaml | Format::Json => value::from_yaml(split.front_matter),
        }
        .map_err(|message| format!("its front matter: {message}"))?;
        let front = match front {
            Val::Null => Val::Map(indexmap::IndexMap::new()),
            // Hugo reads its front matter's keys in any case.
            other if config.generator == Generator::Hugo => other.lowercase_keys(),
            other => other,
        };
        (front, split.body.to_string(), split.body_line)
    };
    Ok(Page {
        file: file.to_string(),
        lang: lang.to_string(),
        rel,
        front,
        body,
        body_line,
    })
}

/// The shortcode templates: Hugo's `layouts/_shortcodes/`, `layouts/shortcodes/`, then the
/// theme's; Zola's `templates/shortcodes/`. The first found of a name wins.
fn shortcode_templates(
    root: &Path,
    config: &Config,
    files: &[String],
) -> Result<HashMap<String, (String, String)>> {
    let mut folders: Vec<String> = match config.generator {
        Generator::Hugo => vec!["layouts/_shortcodes/".into(), "layouts/shortcodes/".into()],
        Generator::Zola => vec!["templates/shortcodes/".into()],
    };
    if let Some(theme) = &config.theme {
        folders.push(format!("themes/{theme}/layouts/_shortcodes/"));
        folders.push(format!("themes/{theme}/layouts/shortcodes/"));
        folders.push(format!("themes/{theme}/templates/shortcodes/"));
    }
    let mut templates = HashMap::new();
    for folder in &folders {
        for file in files.iter().filter(|f| f.starts_with(folder.as_str())) {
            let name = &file[folder.len()..];
            let Some(stem) = name
                .strip_suffix(".html")
                .or_else(|| name.strip_suffix(".md"))
            else {
                continue;
            };
            if stem.contains('/') || stem.contains('.') {
                continue;
            }
            if !templates.contains_key(stem) {
                templates.insert(stem.to_string(), (file.clone(), read_text(root, file)?));
            }
        }
    }
    Ok(templates)
}

/// The static files to copy, the site's over its theme's, each with its place under the new
/// site's `static/`.
fn static_files(config: &Config, files: &[String]) -> Vec<(String, String)> {
    let mut copies: Vec<(String, String)> = Vec::new();
    let mut folders = vec!["static/".to_string()];
    if let Some(theme) = &config.theme {
        folders.push(format!("themes/{theme}/static/"));
    }
    for folder in &folders {
        for file in files.iter().filter(|f| f.starts_with(folder.as_str())) {
            let to = format!("static/{}", &file[folder.len()..]);
            if !copies.iter().any(|(_, t)| *t == to) {
                copies.push((file.clone(), to));
            }
        }
    }
    copies
}
