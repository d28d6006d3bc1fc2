//! `dossier status`: every article with the languages it exists in, those it lacks, and the
//! translations that are stale — their source changed after they were last brought up to date.
//!
//! Staleness survives a `git clone` (no file times): a translation records, in its front
//! matter, the language it was made from and the [`fingerprint`] of that version's text
//! (`translated_from = "fr:0123456789abcdef"`); `dossier status --mark-translated FILE` writes
//! it when the translator is done.

use std::path::Path;

use indexmap::IndexMap;
use serde::Serialize;

use crate::commands::build::BuildOptions;
use crate::config::Config;
use crate::error::{Diagnostic, Error, Problems, Result};
use crate::model::{self, Article, Dossier};
use crate::source;

/// The fingerprint of an article's text (title, summary, body), stable across versions of
/// `dossier` and machines: 64-bit FNV-1a, in hexadecimal. White space at the ends of lines
/// and blank lines do not count, so that an editor's reformatting does not make translations
/// stale.
pub fn fingerprint(article: &Article) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    let parts = [
        article.title.as_str(),
        article.summary.as_deref().unwrap_or(""),
        &article.body,
    ];
    for part in parts {
        for line in part.lines().map(str::trim_end).filter(|l| !l.is_empty()) {
            for byte in line.bytes().chain([b'\n']) {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(PRIME);
            }
        }
        hash ^= 0xff;
        hash = hash.wrapping_mul(PRIME);
    }
    format!("{hash:016x}")
}

/// Where one version of an article stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// The version the others are translated from (or the only one).
    Original,
    /// A translation marked up to date with its source as it is now.
    Fresh,
    /// A translation whose source changed after it was marked.
    Stale,
    /// A translation marked as made from a language the article no longer has.
    SourceMissing,
    /// A version that is neither the original nor marked: its freshness is unknown.
    Unmarked,
}

impl State {
    fn words(self) -> &'static str {
        match self {
            State::Original => "",
            State::Fresh => " (up to date)",
            State::Stale => " (stale)",
            State::SourceMissing => " (source gone)",
            State::Unmarked => " (not marked)",
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Version {
    pub file: String,
    pub title: String,
    pub state: State,
    /// The language it was marked as translated from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub translated_from: Option<String>,
}

/// One article: its versions by language code (`null` where it lacks one).
#[derive(Debug, Serialize)]
pub struct Row {
    pub key: String,
    pub versions: IndexMap<String, Option<Version>>,
    pub missing: Vec<String>,
}

#[derive(Debug, Default, Serialize)]
pub struct Totals {
    pub articles: usize,
    /// Articles in every language.
    pub complete: usize,
    /// Missing versions, by language code.
    pub missing: IndexMap<String, usize>,
    pub fresh: usize,
    pub stale: usize,
    pub unmarked: usize,
    pub source_missing: usize,
}

/// The whole table: stable for tools (`--format json`).
#[derive(Debug, Serialize)]
pub struct Status {
    pub languages: Vec<String>,
    pub articles: Vec<Row>,
    pub totals: Totals,
}

/// Reads the site's sources into a dossier, without rendering anything.
fn model(options: &BuildOptions, problems: &mut Problems) -> Result<Dossier> {
    let sources = source::load(&options.root, problems)?;
    let config = Config::parse(&sources.config, problems);
    problems.check()?;
    let Some(config) = config else {
        return Err(Error::Site(Vec::new()));
    };
    let drafts: Vec<model::Draft> = sources
        .articles
        .iter()
        .filter_map(|file| model::read_article(&config, file, problems))
        .collect();
    let dossier = Dossier::from_drafts(config, drafts, options.drafts, problems);
    problems.check()?;
    Ok(dossier)
}

/// The status of every article of the site at `options.root`; warnings go to `warnings`.
pub fn status(options: &BuildOptions, warnings: &mut Vec<Diagnostic>) -> Result<Status> {
    let mut problems = Problems::default();
    let result = model(options, &mut problems);
    warnings.append(&mut problems.warnings);
    Ok(table(&result?))
}

/// The table of a dossier (pure).
pub fn table(dossier: &Dossier) -> Status {
    let config = &dossier.config;
    let codes: Vec<String> = config.languages.iter().map(|l| l.code.clone()).collect();
    let mut totals = Totals {
        missing: codes.iter().map(|c| (c.clone(), 0)).collect(),
        ..Totals::default()
    };
    let mut rows = Vec::with_capacity(dossier.groups.len());
    for group in &dossier.groups {
        let existing: Vec<usize> = group.existing().collect();
        let Some(&first) = existing.first() else {
            continue;
        };
        // The original: the version the marked ones name, else the default language's, else
        // the first.
        let named = existing
            .iter()
            .find_map(|&id| dossier.articles[id].translated_from.as_ref())
            .and_then(|(lang, _)| group.version(*lang));
        let original = named
            .or_else(|| group.version(config.default_language))
            .unwrap_or(first);
        let mut versions = IndexMap::new();
        let mut missing = Vec::new();
        for (lang, code) in codes.iter().enumerate() {
            let Some(id) = group.version(lang) else {
                missing.push(code.clone());
                *totals.missing.get_mut(code).expect("every code") += 1;
                versions.insert(code.clone(), None);
                continue;
            };
            let article = &dossier.articles[id];
            let state = match &article.translated_from {
                Some((from, print)) => match group.version(*from) {
                    Some(source) if fingerprint(&dossier.articles[source]) == *print => {
                        State::Fresh
                    }
                    Some(_) => State::Stale,
                    None => State::SourceMissing,
                },
                None if id == original => State::Original,
                None => State::Unmarked,
            };
            match state {
                State::Fresh => totals.fresh += 1,
                State::Stale => totals.stale += 1,
                State::Unmarked => totals.unmarked += 1,
                State::SourceMissing => totals.source_missing += 1,
                State::Original => {}
            }
            versions.insert(
                code.clone(),
                Some(Version {
                    file: article.file.clone(),
                    title: article.title.clone(),
                    state,
                    translated_from: article
                        .translated_from
                        .as_ref()
                        .map(|(from, _)| codes[*from].clone()),
                }),
            );
        }
        totals.articles += 1;
        if missing.is_empty() {
            totals.complete += 1;
        }
        rows.push(Row {
            key: group.key.clone(),
            versions,
            missing,
        });
    }
    rows.sort_by(|a, b| first_file(a).cmp(first_file(b)));
    Status {
        languages: codes,
        articles: rows,
        totals,
    }
}

fn first_file(row: &Row) -> &str {
    row.versions
        .values()
        .flatten()
        .map(|v| v.file.as_str())
        .next()
        .unwrap_or("")
}

impl Status {
    /// The table as text: one line per article, one column per language, then the totals.
    pub fn text(&self) -> String {
        let mut lines: Vec<Vec<String>> = Vec::with_capacity(self.articles.len() + 1);
        let mut head = vec!["article".to_string()];
        head.extend(self.languages.iter().cloned());
        lines.push(head);
        for row in &self.articles {
            let mut line = vec![row.key.clone()];
            for version in row.versions.values() {
                line.push(match version {
                    Some(v) => format!("{}{}", short(&v.file), v.state.words()),
                    None => "— missing".to_string(),
                });
            }
            lines.push(line);
        }
        let columns = lines.first().map_or(0, Vec::len);
        let widths: Vec<usize> = (0..columns)
            .map(|c| {
                lines
                    .iter()
                    .map(|l| l[c].chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut out = String::new();
        for line in &lines {
            let mut text = String::new();
            for (c, cell) in line.iter().enumerate() {
                text.push_str(cell);
                if c + 1 < line.len() {
                    let pad = widths[c] - cell.chars().count() + 2;
                    text.extend(std::iter::repeat_n(' ', pad));
                }
            }
            out.push_str(text.trim_end());
            out.push('\n');
        }
        out.push_str(&self.summary());
        out.push('\n');
        out
    }

    /// The totals, in one line.
    pub fn summary(&self) -> String {
        let t = &self.totals;
        let missing: Vec<String> = t
            .missing
            .iter()
            .map(|(code, n)| format!("{n} in {code}"))
            .collect();
        let total_missing: usize = t.missing.values().sum();
        let mut summary = format!(
            "{} article{}: {} in every language, {} translation{} missing ({}); translations: {} up to date, {} stale, {} not marked",
            t.articles,
            plural(t.articles),
            t.complete,
            total_missing,
            plural(total_missing),
            missing.join(", "),
            t.fresh,
            t.stale,
            t.unmarked,
        );
        if t.source_missing > 0 {
            summary.push_str(&format!(", {} whose source is gone", t.source_missing));
        }
        summary
    }

    /// The table as JSON, for tools.
    pub fn json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).expect("plain data");
        json.push('\n');
        json
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `content/diplomacy/sommet.fr.md` → `diplomacy/sommet.fr.md`.
fn short(file: &str) -> &str {
    file.strip_prefix("content/").unwrap_or(file)
}

/// `dossier status --mark-translated FILE`: records in FILE's front matter that it is up to
/// date with its source as it is now. The source is the language it already names, else the
/// default language's version, else its other version. Returns what was done, in words.
pub fn mark_translated(options: &BuildOptions, file: &Path) -> Result<String> {
    let mut problems = Problems::default();
    let dossier = model(options, &mut problems)?;
    let root = std::fs::canonicalize(&options.root).map_err(|e| Error::io(&options.root, &e))?;
    let full = std::fs::canonicalize(file).map_err(|e| Error::io(file, &e))?;
    let relative = full
        .strip_prefix(&root)
        .ok()
        .and_then(|p| p.to_str())
        .map(|p| p.replace(std::path::MAIN_SEPARATOR, "/"))
        .ok_or_else(|| {
            Error::Usage(format!(
                "{}: not under the site root {}",
                file.display(),
                root.display()
            ))
        })?;
    let Some(id) = dossier.articles.iter().position(|a| a.file == relative) else {
        return Err(Error::Usage(format!(
            "{relative}: not an article of this dossier (articles are content/**/<slug>.<lang>.md)"
        )));
    };
    let article = &dossier.articles[id];
    let group = dossier.group_of(id);
    let config = &dossier.config;
    let source = article
        .translated_from
        .as_ref()
        .and_then(|(lang, _)| group.version(*lang))
        .or_else(|| {
            group
                .version(config.default_language)
                .filter(|&s| s != id)
        })
        .or_else(|| group.existing().find(|&s| s != id))
        .ok_or_else(|| {
            Error::Usage(format!(
                "{relative}: the article exists in no other language, so it is no translation (pair it by its name or by translation_key)"
            ))
        })?;
    let source_article = &dossier.articles[source];
    let value = format!(
        "{}:{}",
        config.languages[source_article.lang].code,
        fingerprint(source_article)
    );
    let text = std::fs::read_to_string(&full).map_err(|e| Error::io(&full, &e))?;
    let marked = with_translated_from(&text, &value).ok_or_else(|| {
        Error::site(Diagnostic::file(
            &relative,
            "no front matter to write translated_from into",
        ))
    })?;
    if marked != text {
        std::fs::write(&full, marked).map_err(|e| Error::io(&full, &e))?;
    }
    Ok(format!(
        "{relative}: marked up to date with {} (translated_from = \"{value}\")",
        source_article.file
    ))
}

/// The article text with `translated_from = "<value>"` in its front matter: the line
/// replaced where there is one, else added before the closing `+++`. Everything else stays
/// as it was, line endings included. `None` without a closed front matter.
pub fn with_translated_from(text: &str, value: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len() + 48);
    let mut delimiters = 0;
    let mut written = false;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let ending = &line[content.len()..];
        let ending = if ending.is_empty() { "\n" } else { ending };
        let bare = content.trim_start_matches('\u{feff}');
        if delimiters < 2 && bare.trim_end() == crate::model::front_matter::DELIMITER {
            delimiters += 1;
            if delimiters == 2 && !written {
                out.push_str(&format!("translated_from = \"{value}\"{ending}"));
                written = true;
            }
            out.push_str(line);
            continue;
        }
        let key = bare.trim_start();
        let is_ours = delimiters == 1
            && key
                .strip_prefix("translated_from")
                .is_some_and(|rest| rest.trim_start().starts_with('='));
        if is_ours && !written {
            out.push_str(&format!("translated_from = \"{value}\"{ending}"));
            written = true;
        } else if !is_ours {
            out.push_str(line);
        }
    }
    (delimiters == 2).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, summary: Option<&str>, body: &str) -> Article {
        Article {
            file: "content/a/b.fr.md".into(),
            lang: 0,
            slug: "b".into(),
            title: title.into(),
            date: crate::text::date::Date::new(2025, 1, 1).unwrap(),
            updated: None,
            topics: vec![0],
            summary: summary.map(str::to_string),
            source: None,
            group: 0,
            body: body.into(),
            body_line: 5,
            draft: false,
            translated_from: None,
        }
    }

    #[test]
    fn fingerprints_are_stable_and_ignore_blank_lines_and_trailing_spaces() {
        let a = article("Titre", Some("Résumé."), "Un.\n\nDeux.\n");
        // Pinned: files written by earlier versions must stay fresh.
        assert_eq!(fingerprint(&a), "28b252661709272c");
        let spaced = article("Titre", Some("Résumé."), "\nUn.   \n\n\n\nDeux.\n\n");
        assert_eq!(fingerprint(&spaced), fingerprint(&a));
        for other in [
            article("Titre", Some("Résumé."), "Un.\n\nDeux !\n"),
            article("Titre.", Some("Résumé."), "Un.\n\nDeux.\n"),
            article("Titre", None, "Un.\n\nDeux.\n"),
            // The same words moved from the summary to the body are another text.
            article("Titre", None, "Résumé.\nUn.\n\nDeux.\n"),
        ] {
            assert_ne!(fingerprint(&other), fingerprint(&a));
        }
    }

    #[test]
    fn the_front_matter_gets_one_translated_from_line() {
        let text = "+++\ntitle = \"T\"\n+++\n\nBody\n";
        let marked = with_translated_from(text, "fr:0123456789abcdef").unwrap();
        assert_eq!(
            marked,
            "+++\ntitle = \"T\"\ntranslated_from = \"fr:0123456789abcdef\"\n+++\n\nBody\n"
        );
        // Again: the line is replaced, nothing else moves.
        let again = with_translated_from(&marked, "fr:fedcba9876543210").unwrap();
        assert_eq!(
            again,
            "+++\ntitle = \"T\"\ntranslated_from = \"fr:fedcba9876543210\"\n+++\n\nBody\n"
        );
        // Windows line endings stay; a `translated_from` in the body is not touched.
        let crlf = "+++\r\ntitle = \"T\"\r\n+++\r\ntranslated_from = 1\r\n";
        assert_eq!(
            with_translated_from(crlf, "en:0000000000000000").unwrap(),
            "+++\r\ntitle = \"T\"\r\ntranslated_from = \"en:0000000000000000\"\r\n+++\r\ntranslated_from = 1\r\n"
        );
        assert_eq!(with_translated_from("+++\ntitle = \"T\"\n", "x"), None);
    }
}
