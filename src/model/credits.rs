//! Who an article comes from: the sources it is based on and its authors, checked against the
//! site (web addresses, the site's languages) and kept as plain values. A translation that
//! gives none inherits its original's (see `pairing`).

use super::front_matter::{At, AuthorEntry, FrontMatter, SourceEntry};
use crate::config::Config;
use crate::error::{Diagnostic, Problems};
use crate::text::date::Date;

/// What kind of text a source is, for readers weighing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceKind {
    /// A news report: an agency, a paper, a broadcaster.
    Press,
    /// A report: a panel of experts, a think tank, a company's research.
    Report,
    /// A government's or an organisation's own statement, release or document.
    Official,
    /// A study published by researchers.
    Academic,
}

impl SourceKind {
    pub const ALL: [SourceKind; 4] = [
        SourceKind::Press,
        SourceKind::Report,
        SourceKind::Official,
        SourceKind::Academic,
    ];

    /// The name written in front matter, also the end of its UI string (`source_kind_press`).
    pub fn name(self) -> &'static str {
        match self {
            SourceKind::Press => "press",
            SourceKind::Report => "report",
            SourceKind::Official => "official",
            SourceKind::Academic => "academic",
        }
    }
}

/// A source an article is based on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The publisher or body: `BBC News`, `UN Panel of Experts`.
    pub name: String,
    /// The title of the text itself.
    pub title: Option<String>,
    /// A web address, `http://` or `https://`.
    pub url: Option<String>,
    pub date: Option<Date>,
    pub kind: Option<SourceKind>,
}

/// An author: one name, or a name per language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    /// The name for the languages that have none of their own.
    pub name: Option<String>,
    /// Names by language (index into `Config::languages`).
    pub names: Vec<(usize, String)>,
}

impl Author {
    /// The author's name for a reader of `lang`.
    pub fn name_in(&self, lang: usize) -> &str {
        self.names
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, name)| name.as_str())
            .or(self.name.as_deref())
            .or(self.names.first().map(|(_, name)| name.as_str()))
            .unwrap_or_default()
    }
}

/// `sources`: each web address checked.
pub(super) fn read_sources(
    path: &str,
    matter: &FrontMatter,
    problems: &mut Problems,
) -> Option<Vec<Source>> {
    let field = matter.sources_field.as_deref().unwrap_or("sources");
    let entries = matter.sources.as_ref()?;
    let mut sources = Vec::with_capacity(entries.value.len());
    for (index, At { value, line }) in entries.value.iter().enumerate() {
        let SourceEntry {
            name,
            title,
            url,
            date,
            kind,
        } = value;
        if let Some(url) = url {
            if !is_web_address(url) {
                problems.error(Diagnostic::at(
                    path,
                    *line,
                    format!(
                        "{field}[{}].url \"{}\" is not a web address: write it in full, starting with https:// or http://",
                        index + 1,
                        url.escape_debug()
                    ),
                ));
            }
        }
        sources.push(Source {
            name: name.clone(),
            title: title.clone(),
            url: url.as_ref().map(|u| u.trim().to_string()),
            date: *date,
            kind: *kind,
        });
    }
    Some(sources)
}

/// `authors`: names by language only for the site's languages.
pub(super) fn read_authors(
    config: &Config,
    path: &str,
    matter: &FrontMatter,
    problems: &mut Problems,
) -> Option<Vec<Author>> {
    let field = matter.authors_field.as_deref().unwrap_or("authors");
    let entries = matter.authors.as_ref()?;
    let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    let mut authors = Vec::with_capacity(entries.value.len());
    for (index, At { value, line }) in entries.value.iter().enumerate() {
        let AuthorEntry { name, names } = value;
        let mut by_lang = Vec::with_capacity(names.len());
        for (code, text) in names {
            match codes.iter().position(|c| c == code) {
                Some(lang) => by_lang.push((lang, text.clone())),
                None => problems.error(Diagnostic::at(
                    path,
                    *line,
                    format!(
                        "{field}[{}] gives a name for \"{}\", which is not a language of the site: write `name` for the name in every language, or one of {}",
                        index + 1,
                        code.escape_debug(),
                        codes.join(", ")
                    ),
                )),
            }
        }
        authors.push(Author {
            name: name.clone(),
            names: by_lang,
        });
    }
    Some(authors)
}

/// `https://…` or `http://…` with something after, no blanks or control characters.
pub(super) fn is_web_address(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        !rest.is_empty()
            && !url
                .trim()
                .chars()
                .any(|c| c.is_whitespace() || c.is_control())
    })
}
