//! One article file as read, before pairing: its name (slug, language, folder) and its front
//! matter checked field by field (`Draft`). Cached per file by the live preview.

use std::sync::Arc;

use super::credits::{self, Author, Source};
use super::front_matter::{self, FrontMatter};
use super::{Kind, SourceFile};
use crate::config::Config;
use crate::error::{Diagnostic, Problems, suggestion};
use crate::text::date::Date;

/// A file's front matter as read, before pairing. Cached per file by the live preview.
#[derive(Debug, Clone)]
pub struct Draft {
    pub(super) file: String,
    pub(super) lang: usize,
    pub(super) stem_key: String,
    /// The declared translation_key, and its line.
    pub(super) key: Option<(String, usize)>,
    pub(super) slug: String,
    pub(super) slug_line: usize,
    pub(super) title: String,
    pub(super) date: Option<Date>,
    pub(super) updated: Option<Date>,
    pub(super) topics: Option<(Vec<usize>, usize)>,
    pub(super) summary: Option<String>,
    /// `None` when not written: a translation then inherits its original's.
    pub(super) sources: Option<Vec<Source>>,
    pub(super) authors: Option<Vec<Author>>,
    pub(super) abstracts: Vec<super::abstracts::Abstract>,
    pub(super) body: Arc<str>,
    pub(super) body_line: usize,
    /// Whether the body has anything to read (not only blanks and comments).
    pub(super) has_text: bool,
    pub(super) draft: bool,
    /// The language this translation was made from and that version's fingerprint then.
    pub(super) translated_from: Option<(usize, String)>,
    /// The declared kind, and its line.
    pub(super) kind: Option<(Kind, usize)>,
    /// The declared place in the navigation, and its line.
    pub(super) nav: Option<(i64, usize)>,
    /// Old addresses, as output files (`fr/old/index.html`), with their lines.
    pub(super) aliases: Vec<(String, usize)>,
    /// The declared choice for the printable briefing, and its line.
    pub(super) briefing: Option<(bool, usize)>,
    /// `actors` and `not_actors`, when the front matter gives either.
    pub(super) actors: Option<super::actors::ActorChoices>,
    /// `figures`, as written (none when not written).
    pub(super) figures: Vec<super::figures::FigureDraft>,
}

impl Draft {
    /// The file this draft was read from.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The new text of the body, and the line it starts on.
    pub fn body(&self) -> (&Arc<str>, usize) {
        (&self.body, self.body_line)
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    /// The language, an index into `Config::languages`.
    pub fn lang(&self) -> usize {
        self.lang
    }

    /// The declared translation_key.
    pub fn translation_key(&self) -> Option<&str> {
        self.key.as_ref().map(|(key, _)| key.as_str())
    }

    /// `folder/stem`: what pairs files of one folder by name.
    pub fn stem_key(&self) -> &str {
        &self.stem_key
    }

    /// Whether the file says `draft = true`.
    pub fn is_draft(&self) -> bool {
        self.draft
    }

    pub fn summary(&self) -> Option<&str> {
        self.summary.as_deref()
    }

    /// True when the two drafts differ at most in their body, title and summary (and the lines
    /// things are on): same language, pairing, URL, dates, topics, sources and authors — the facts a
    /// translation shares or inherits. The live preview then updates the article in place.
    pub fn same_structure(&self, other: &Draft) -> bool {
        self.structure() == other.structure()
    }

    /// The facts [`Draft::same_structure`] compares, as one value compared whole. Every field
    /// is named: a new one does not compile until it is put on one side or the other.
    fn structure(&self) -> impl PartialEq + '_ {
        let Draft {
            file,
            lang,
            stem_key,
            key,
            slug,
            slug_line: _,
            title,
            date,
            updated,
            topics,
            summary: _,
            sources,
            authors,
            abstracts,
            body: _,
            body_line: _,
            has_text,
            draft,
            translated_from,
            kind,
            nav,
            aliases,
            briefing,
            actors,
            figures,
        } = self;
        let kind = kind.map(|(k, _)| k);
        let briefing = briefing.map(|(b, _)| b);
        let aliases: Vec<&String> = aliases.iter().map(|(a, _)| a).collect();
        // A title in the navigation is on every page.
        let nav = nav.map(|(n, _)| (n, title.as_str()));
        let topics = topics.as_ref().map(|(t, _)| t);
        (
            (file, lang, stem_key, key, slug, date, updated),
            (
                topics,
                sources,
                authors,
                abstracts,
                draft,
                translated_from,
                has_text,
                kind,
                nav,
                aliases,
                (briefing, actors, figures),
            ),
        )
    }
}

/// Reads every file's name and front matter, in their order; files with errors are left out
/// (their errors go to `problems`).
pub fn read_drafts(config: &Config, files: &[SourceFile], problems: &mut Problems) -> Vec<Draft> {
    files
        .iter()
        .filter_map(|file| read_article(config, file, problems))
        .collect()
}

/// Reads one file's name and front matter: every problem of the file goes to `problems`.
pub fn read_article(config: &Config, file: &SourceFile, problems: &mut Problems) -> Option<Draft> {
    let path = &file.path;
    let (folder, stem, lang) = read_name(config, path, problems)?;
    let split = match front_matter::split(&file.text) {
        Ok(split) => split,
        Err(e) => {
            problems.error(Diagnostic::at(path, e.line, e.message));
            return None;
        }
    };
    let before = problems.errors.len();
    let read = front_matter::read_partly(split.format, split.front_matter, split.front_matter_line);
    let (matter, errors) = match read {
        Ok((matter, errors)) => (Some(matter), errors),
        Err(errors) => (None, errors),
    };
    for e in errors {
        problems.error(Diagnostic::at(path, e.line, e.message));
    }
    let matter: FrontMatter = matter?;

    let title = matter.title.value.trim().to_string();
    // Line 0: no title at all, already reported.
    if title.is_empty() && matter.title.line != 0 {
        problems.error(Diagnostic::at(
            path,
            matter.title.line,
            "the title is empty",
        ));
    }
    let topics = read_topics(config, path, &matter, problems);
    let key = read_key(path, &matter, problems);
    let (slug, slug_line) = read_slug(path, stem, &matter, problems);
    let sources = credits::read_sources(path, &matter, problems);
    let authors = credits::read_authors(config, path, &matter, problems);
    let abstracts = super::abstracts::read_abstracts(config, path, lang, &matter, problems);
    let translated_from = read_translated_from(config, path, lang, &matter, problems);
    let kind = read_kind(path, &matter, problems);
    let aliases = read_aliases(path, &matter, problems);
    let actors = super::actors::read_choices(config, path, &matter, problems);
    let figures = super::figures::read_figures(config, path, &matter, problems);

    if problems.errors.len() != before {
        return None;
    }
    Some(Draft {
        file: path.clone(),
        lang,
        stem_key: format!("{folder}/{stem}"),
        key,
        slug,
        slug_line,
        title,
        date: matter.date.map(|d| d.value),
        updated: matter.updated.map(|d| d.value),
        topics,
        summary: matter
            .summary
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        sources,
        authors,
        abstracts,
        body: Arc::from(split.body),
        body_line: split.body_line,
        has_text: has_text(split.body),
        draft: matter.draft,
        translated_from,
        kind,
        nav: matter.nav.map(|n| (n.value, n.line)),
        aliases,
        actors,
        figures,
        briefing: matter.briefing.map(|b| (b.value, b.line)),
    })
}

/// `aliases`: each an address from the site's root, as the file that will stand there.
fn read_aliases(path: &str, matter: &FrontMatter, problems: &mut Problems) -> Vec<(String, usize)> {
    let Some(aliases) = &matter.aliases else {
        return Vec::new();
    };
    let mut files = Vec::new();
    for alias in &aliases.value {
        match alias_file(&alias.value) {
            Ok(file) => files.push((file, alias.line)),
            Err(problem) => problems.error(Diagnostic::at(
                path,
                alias.line,
                format!("alias \"{}\" {problem}", alias.value.escape_debug()),
            )),
        }
    }
    files
}

/// The output file of an old address: `/fr/old/` and `fr/old` are `fr/old/index.html`,
/// `/old.html` is `old.html`.
pub(super) fn alias_file(alias: &str) -> Result<String, &'static str> {
    let alias = alias.trim();
    if alias.contains("://") || alias.starts_with("//") {
        return Err(
            "is a whole web address: write the path alone, from the site's root (/fr/old/)",
        );
    }
    if alias.contains(['?', '#', '\\']) || alias.chars().any(char::is_control) {
        return Err("must be a path from the site's root, without `?`, `#` or `\\`");
    }
    let mut segments = Vec::new();
    for segment in alias.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Err("leads outside the site (`..`)"),
            other => segments.push(other),
        }
    }
    if segments.is_empty() {
        return Err("is the site's root, where its entrance is");
    }
    let last = segments.last().copied().unwrap_or("");
    let mut file = segments.join("/");
    if !(last.ends_with(".html") || last.ends_with(".htm")) {
        file.push_str("/index.html");
    }
    Ok(file)
}

/// `kind = "article"` or `"page"`, and its line.
fn read_kind(path: &str, matter: &FrontMatter, problems: &mut Problems) -> Option<(Kind, usize)> {
    let declared = matter.kind.as_ref()?;
    match declared.value.trim() {
        "article" => Some((Kind::Article, declared.line)),
        "page" => Some((Kind::Page, declared.line)),
        other => {
            let hint = suggestion(other, ["article", "page"], "\"");
            problems.error(Diagnostic::at(
                path,
                declared.line,
                format!(
                    "kind \"{}\" is not a kind of article ({hint}known: article, page)",
                    other.escape_debug()
                ),
            ));
            None
        }
    }
}

/// A file's folder under `content/`, its stem and its language, from its name
/// (`content/a/b.fr.md`): `("a", "b", fr)`. A page bundle (`content/a/b/index.fr.md`, the
/// article with its files beside it) takes its folder's name: `("a/b", "b", fr)`.
fn read_name<'a>(
    config: &Config,
    path: &'a str,
    problems: &mut Problems,
) -> Option<(&'a str, &'a str, usize)> {
    let Some((folder, stem, code)) = split_name(path) else {
        let name = path.rsplit('/').next().unwrap_or(path);
        let without_md = name.strip_suffix(".md").unwrap_or(name);
        problems.error(Diagnostic::file(
            path,
            format!(
                "no language suffix: name the file `{without_md}.<lang>.md` (languages: {})",
                config.language_codes()
            ),
        ));
        return None;
    };
    let Some(lang) = config.language(code) else {
        let known: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
        let hint = suggestion(code, known.iter().copied(), "\"");
        problems.error(Diagnostic::file(
            path,
            format!(
                "unknown language suffix \"{code}\" ({hint}known: {})",
                config.language_codes()
            ),
        ));
        return None;
    };
    Some((folder, stem, lang))
}

/// A file's folder, stem and language code, from its name alone; `None` without a language.
fn split_name(path: &str) -> Option<(&str, &str, &str)> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let folder = path.strip_prefix("content/").unwrap_or(path);
    let folder = folder.rsplit_once('/').map(|(f, _)| f).unwrap_or("");
    let without_md = name.strip_suffix(".md").unwrap_or(name);
    let (stem, code) = without_md.rsplit_once('.')?;
    let stem = match folder.rsplit('/').next() {
        Some(bundle) if stem == "index" && !bundle.is_empty() => bundle,
        _ => stem,
    };
    Some((folder, stem, code))
}

/// `folder/stem`, what pairs the files of one folder by name (see [`Draft::stem_key`]).
pub(super) fn stem_key_of(path: &str) -> Option<String> {
    split_name(path).map(|(folder, stem, _)| format!("{folder}/{stem}"))
}

/// The topics, by index, and their line: each known, none twice, at least one.
fn read_topics(
    config: &Config,
    path: &str,
    matter: &FrontMatter,
    problems: &mut Problems,
) -> Option<(Vec<usize>, usize)> {
    matter.topics.as_ref().map(|topics| {
        let line = topics.line;
        let mut keys = Vec::new();
        if topics.value.is_empty() {
            problems.error(Diagnostic::at(
                path,
                line,
                format!(
                    "topics is empty: give at least one (known: {})",
                    config.topic_keys()
                ),
            ));
        }
        for topic in &topics.value {
            let line = topic.line;
            let key = &topic.value;
            match config.topic(key) {
                Some(index) if keys.contains(&index) => {
                    problems.error(Diagnostic::at(
                        path,
                        line,
                        format!("topic \"{key}\" is listed twice"),
                    ));
                }
                Some(index) => keys.push(index),
                None => {
                    let names: Vec<&str> = config.topics.iter().map(|t| t.key.as_str()).collect();
                    let hint = suggestion(key, names.iter().copied(), "\"");
                    problems.error(Diagnostic::at(
                        path,
                        line,
                        format!(
                            "unknown topic \"{key}\" ({hint}known: {})",
                            config.topic_keys()
                        ),
                    ));
                }
            }
        }
        (keys, line)
    })
}

/// The declared translation_key, and its line.
fn read_key(path: &str, matter: &FrontMatter, problems: &mut Problems) -> Option<(String, usize)> {
    matter.translation_key.as_ref().map(|declared| {
        let key = declared.value.trim().to_string();
        let line = declared.line;
        if let Some(problem) = key_problem(&key) {
            problems.error(Diagnostic::at(
                path,
                line,
                format!("translation_key \"{}\" {problem}", key.escape_debug()),
            ));
        }
        (key, line)
    })
}

/// The slug (the file's stem unless the front matter gives one), and its line.
fn read_slug(
    path: &str,
    stem: &str,
    matter: &FrontMatter,
    problems: &mut Problems,
) -> (String, usize) {
    let (slug, slug_line) = match &matter.slug {
        Some(declared) => (declared.value.to_lowercase(), declared.line),
        None => (stem.to_lowercase(), 1),
    };
    if let Some(problem) = slug_problem(&slug) {
        let origin = if matter.slug.is_some() {
            "slug"
        } else {
            "the file name"
        };
        problems.error(Diagnostic::at(
            path,
            slug_line,
            format!(
                "{origin} \"{}\" {problem} (for example \"{}\")",
                slug.escape_debug(),
                suggest_slug(&slug)
            ),
        ));
    }
    (slug, slug_line)
}

/// `translated_from = "<language>:<fingerprint>"`, as a language index and a fingerprint.
fn read_translated_from(
    config: &Config,
    path: &str,
    lang: usize,
    matter: &FrontMatter,
    problems: &mut Problems,
) -> Option<(usize, String)> {
    matter.translated_from.as_ref().and_then(|declared| {
        let value = &declared.value;
        let line = declared.line;
        let parsed = value.split_once(':').and_then(|(code, print)| {
            let from = config.language(code)?;
            let valid = print.len() == 16 && print.bytes().all(|b| b.is_ascii_hexdigit());
            valid.then(|| (from, print.to_ascii_lowercase()))
        });
        match parsed {
            Some((from, _)) if from == lang => {
                problems.error(Diagnostic::at(
                    path,
                    line,
                    format!("translated_from \"{}\" names the article's own language", value.escape_debug()),
                ));
                None
            }
            Some(parsed) => Some(parsed),
            None => {
                problems.error(Diagnostic::at(
                    path,
                    line,
                    format!(
                        "translated_from \"{}\" is not `<language>:<fingerprint>` (languages: {}): let `dossier status --mark-translated {path}` write it",
                        value.escape_debug(),
                        config.language_codes()
                    ),
                ));
                None
            }
        }
    })
}

/// Whether a body has anything to read: something besides blanks and HTML comments.
pub(super) fn has_text(body: &str) -> bool {
    let mut rest = body;
    loop {
        match crate::text::find(rest, "<!--") {
            Some(start) if rest[..start].trim().is_empty() => match rest[start..].find("-->") {
                Some(end) => rest = &rest[start + end + 3..],
                None => return false,
            },
            Some(_) => return true,
            None => return !rest.trim().is_empty(),
        }
    }
}

/// Why a slug cannot be a URL segment, if it cannot.
pub fn slug_problem(slug: &str) -> Option<&'static str> {
    if slug.is_empty() {
        return Some("is empty");
    }
    if slug == "." || slug == ".." || slug.contains('/') || slug.contains('\\') {
        return Some("must not contain `/`, `\\` or be `..`");
    }
    if slug.chars().any(|c| c.is_control()) {
        return Some("contains control characters");
    }
    let valid = slug
        .chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    (!valid).then_some("may only contain letters, digits, `-` and `_`")
}

fn key_problem(key: &str) -> Option<&'static str> {
    if key.is_empty() {
        return Some("is empty");
    }
    if key.contains("..") || key.contains('/') || key.contains('\\') {
        return Some("must not contain `/`, `\\` or `..`");
    }
    key.chars()
        .any(|c| c.is_control())
        .then_some("contains control characters")
}

/// A URL-safe version of any text: `Corée du Nord` → `coree-du-nord`.
pub fn suggest_slug(text: &str) -> String {
    // deunicode spells everything in ASCII (and leaves ASCII as it is): its bytes are then
    // lowercased one by one. (Made for every heading of every article.)
    let ascii = match text.is_ascii() {
        true => std::borrow::Cow::Borrowed(text),
        false => std::borrow::Cow::Owned(deunicode::deunicode(text)),
    };
    let mut slug = String::with_capacity(ascii.len());
    for b in ascii.bytes() {
        if b.is_ascii_alphanumeric() {
            slug.push(char::from(b.to_ascii_lowercase()));
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    if slug.ends_with('-') {
        slug.pop();
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_files_under_the_root() {
        assert_eq!(alias_file("/fr/old/").unwrap(), "fr/old/index.html");
        assert_eq!(alias_file("fr/old").unwrap(), "fr/old/index.html");
        assert_eq!(alias_file("/posts/x.html").unwrap(), "posts/x.html");
        assert_eq!(alias_file("/a//./b/").unwrap(), "a/b/index.html");
        assert!(alias_file("/").is_err());
        assert!(alias_file("/a/../../b").is_err());
        assert!(alias_file("https://x.org/a/").is_err());
        assert!(alias_file("/a?b=1").is_err());
    }

    #[test]
    fn text_is_anything_but_blanks_and_comments() {
        assert!(!has_text(""));
        assert!(!has_text("\n  \n<!-- x -->\n<!--more-->\n"));
        assert!(has_text("<!-- x --> a"));
        assert!(has_text("![image](a.png)"));
        assert!(!has_text("<!-- never closed"));
    }

    #[test]
    fn slugs() {
        assert_eq!(suggest_slug("Corée du Nord : l'ONU"), "coree-du-nord-l-onu");
        assert_eq!(
            suggest_slug("  UN Report: 2 Billion?! "),
            "un-report-2-billion"
        );
        assert_eq!(
            suggest_slug("Æsir ŒUVRE — Σίσυφος, 東京"),
            "aesir-oeuvre-sisuphos-dong-jing"
        );
        assert_eq!(suggest_slug("?!"), "");
        assert!(slug_problem("../etc").is_some());
        assert!(slug_problem("a b").is_some());
        assert!(slug_problem("rapport-onu_2").is_none());
    }
}
