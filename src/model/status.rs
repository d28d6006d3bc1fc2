//! Where each version of each article stands: original, translation up to date with its
//! source, stale, not marked. Pure: `dossier status` prints it, the editors' status page
//! shows it.
//!
//! Staleness survives a `git clone` (no file times): a translation records, in its front
//! matter, the language it was made from and the [`fingerprint`] of that version's text
//! (`translated_from = "fr:0123456789abcdef"`); `dossier status --mark-translated FILE` writes
//! it when the translator is done.

use indexmap::IndexMap;
use serde::Serialize;

use super::{Article, Dossier};

/// The fingerprint of an article's text (title, summary, body, key figures), stable across versions of
/// `dossier` and machines: 64-bit FNV-1a, in hexadecimal. White space at the ends of lines
/// and blank lines do not count, so that an editor's reformatting does not make translations
/// stale.
pub fn fingerprint(article: &Article) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    // Its key figures' values and labels too (nothing for an article without: the
    // fingerprints of files written before figures existed stay the same).
    let figures = article
        .figures
        .iter()
        .flat_map(|figure| [figure.value.as_str(), figure.label.as_str()]);
    let parts = [
        article.title.as_str(),
        article.summary.as_deref().unwrap_or(""),
        &article.body,
    ];
    for part in parts.into_iter().chain(figures) {
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
    /// `article`, or `page` for a reference page.
    pub kind: super::Kind,
    pub versions: IndexMap<String, Option<Version>>,
    pub missing: Vec<String>,
    /// The missing languages it has an abstract in (title and summary, not a translation).
    pub abstracts: Vec<String>,
}

#[derive(Debug, Default, Serialize)]
pub struct Totals {
    pub articles: usize,
    /// Articles in every language.
    pub complete: usize,
    /// Missing versions, by language code.
    pub missing: IndexMap<String, usize>,
    /// Of those, the ones an abstract stands in for, by language code.
    pub abstracts: IndexMap<String, usize>,
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

/// The table of a dossier (pure).
pub fn table(dossier: &Dossier) -> Status {
    let config = &dossier.config;
    let codes: Vec<String> = config.languages.iter().map(|l| l.code.clone()).collect();
    let mut totals = Totals {
        missing: codes.iter().map(|c| (c.clone(), 0)).collect(),
        abstracts: codes.iter().map(|c| (c.clone(), 0)).collect(),
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
        let mut abstracts = Vec::new();
        for (lang, code) in codes.iter().enumerate() {
            let Some(id) = group.version(lang) else {
                missing.push(code.clone());
                *totals.missing.get_mut(code).expect("every code") += 1;
                if existing
                    .iter()
                    .any(|&v| dossier.articles[v].abstract_in(lang).is_some())
                {
                    abstracts.push(code.clone());
                    *totals.abstracts.get_mut(code).expect("every code") += 1;
                }
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
            kind: dossier.articles[first].kind,
            versions,
            missing,
            abstracts,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, summary: Option<&str>, body: &str) -> Article {
        Article {
            file: "content/a/b.fr.md".into(),
            lang: 0,
            slug: "b".into(),
            title: title.into(),
            date: Some(crate::text::date::Date::new(2025, 1, 1).unwrap()),
            updated: None,
            topics: vec![0],
            summary: summary.map(str::to_string),
            sources: Vec::new(),
            authors: Vec::new(),
            abstracts: Vec::new(),
            group: 0,
            body: body.into(),
            body_line: 5,
            has_text: true,
            draft: false,
            translated_from: None,
            kind: crate::model::Kind::Article,
            nav: None,
            aliases: Vec::new(),
            briefing: None,
            actors: Default::default(),
            figures: Vec::new(),
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
    fn a_key_figure_changed_changes_the_fingerprint() {
        let figure = |value: &str| crate::model::figures::Figure {
            value: value.into(),
            label: "volés".into(),
            date: None,
            source: None,
            url: None,
            actors: Vec::new(),
        };
        let mut with = article("Titre", Some("Résumé."), "Un.\n\nDeux.\n");
        with.figures = vec![figure("2 milliards")];
        let plain = fingerprint(&article("Titre", Some("Résumé."), "Un.\n\nDeux.\n"));
        assert_ne!(fingerprint(&with), plain);
        let before = fingerprint(&with);
        with.figures = vec![figure("3 milliards")];
        assert_ne!(fingerprint(&with), before);
    }
}
