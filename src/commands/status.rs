//! `dossier status`: every article with the languages it exists in, those it lacks, and the
//! translations that are stale — their source changed after they were last brought up to date
//! (the table itself: [`crate::model::status`]); `--mark-translated FILE` records that a
//! translation is up to date with its source.

use std::path::Path;

use crate::engine::{BuildOptions, read_model};
use crate::error::{Diagnostic, Error, Problems, Result};
use crate::model::front_matter;
use crate::model::status::{State, Status, fingerprint, table};
use crate::{output, source};

/// The status of every article of the site at `options.root`; warnings go to `warnings`.
pub fn status(options: &BuildOptions, warnings: &mut Vec<Diagnostic>) -> Result<Status> {
    let mut problems = Problems::default();
    let result = read_model(options, &mut problems);
    warnings.append(&mut problems.warnings);
    Ok(table(&result?))
}

/// A version's state in the text table.
fn state_words(state: State) -> &'static str {
    match state {
        State::Original => "",
        State::Fresh => " (up to date)",
        State::Stale => " (stale)",
        State::SourceMissing => " (source gone)",
        State::Unmarked => " (not marked)",
    }
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
            for (code, version) in &row.versions {
                line.push(match version {
                    Some(v) => format!("{}{}", short(&v.file), state_words(v.state)),
                    None if row.abstracts.contains(code) => "— missing (abstract only)".to_string(),
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
        let total_abstracts: usize = t.abstracts.values().sum();
        if total_abstracts > 0 {
            let abstracts: Vec<String> = t
                .abstracts
                .iter()
                .filter(|&(_, n)| *n > 0)
                .map(|(code, n)| format!("{n} in {code}"))
                .collect();
            summary.push_str(&format!(
                "; abstracts standing in for a missing translation: {total_abstracts} ({})",
                abstracts.join(", ")
            ));
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
    let dossier = read_model(options, &mut problems)?;
    let root = source::canonical(&options.root)?;
    let full = source::canonical(file)?;
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
    // As it is, line ends included (the model read it: it is UTF-8).
    let text = String::from_utf8(source::read(&full)?).map_err(|e| {
        Error::io(
            &full,
            &std::io::Error::new(std::io::ErrorKind::InvalidData, e),
        )
    })?;
    let marked = front_matter::with_translated_from(&text, &value).ok_or_else(|| {
        Error::site(Diagnostic::file(
            &relative,
            "no front matter to write translated_from into",
        ))
    })?;
    if marked != text {
        output::write_atomic(&full, marked.as_bytes())?;
    }
    Ok(format!(
        "{relative}: marked up to date with {} (translated_from = \"{value}\")",
        source_article.file
    ))
}
