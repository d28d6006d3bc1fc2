//! Abstracts across languages: an article's title and summary written in a language it has
//! no version in, so that that language's lists, feeds, search and briefing show it in their
//! own language, marked as written in another. Never inherited: a translation has its own.

use super::Dossier;
use super::front_matter::FrontMatter;
use crate::config::Config;
use crate::error::{Diagnostic, Problems};

/// An article's title and summary in another language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Abstract {
    /// Index into `Config::languages`: never the article's own.
    pub lang: usize,
    pub title: String,
    pub summary: Option<String>,
    /// The line it is written on, for the checks made once the article is paired.
    pub line: usize,
}

/// `abstracts`: each for a language of the site other than the file's own.
pub(super) fn read_abstracts(
    config: &Config,
    path: &str,
    lang: usize,
    matter: &FrontMatter,
    problems: &mut Problems,
) -> Vec<Abstract> {
    let Some(entries) = &matter.abstracts else {
        return Vec::new();
    };
    let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    let mut abstracts = Vec::with_capacity(entries.value.len());
    for entry in &entries.value {
        let code = entry.lang.value.as_str();
        let line = entry.lang.line;
        match codes.iter().position(|&c| c == code) {
            Some(other) if other == lang => problems.error(Diagnostic::at(
                path,
                line,
                format!(
                    "abstracts.{code} is in the article's own language: its title and summary are the article's; write abstracts for the other languages ({})",
                    others(&codes, lang)
                ),
            )),
            Some(other) => abstracts.push(Abstract {
                lang: other,
                title: entry.title.clone(),
                summary: entry.summary.clone(),
                line,
            }),
            None => problems.error(Diagnostic::at(
                path,
                line,
                format!(
                    "abstracts.{} is not a language of the site (known: {})",
                    code.escape_debug(),
                    codes.join(", ")
                ),
            )),
        }
    }
    abstracts
}

fn others(codes: &[&str], lang: usize) -> String {
    let others: Vec<&str> = codes
        .iter()
        .enumerate()
        .filter(|&(l, _)| l != lang)
        .map(|(_, c)| *c)
        .collect();
    others.join(", ")
}

impl Dossier {
    /// The articles of `lang`'s feed (of `topic` when there is one), in no particular order:
    /// those written in it, and those it shows from another language by their abstract in it.
    pub fn in_feed(&self, lang: usize, topic: Option<usize>) -> Vec<usize> {
        let mut ids = self.written_in(lang, topic);
        ids.extend(self.shown(lang, topic).into_iter().filter(|&id| {
            let article = &self.articles[id];
            article.lang != lang && article.abstract_in(lang).is_some()
        }));
        ids
    }
}
