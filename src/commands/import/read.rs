//! One input read: its language, title, summary, topics' scores and profile, from its text
//! cleaned of page debris.

use super::clean::{self, Block, Cleaned};
use super::front::{file_name, shorten};
use super::suggest::{self, Profile, TopicScore};
use super::{Input, Settings};
use crate::config::Config;
use crate::model::{self, suggest_slug};

/// One input as understood, before its file is planned.
pub(super) struct Reading {
    pub(super) name: String,
    pub(super) cleaned: Cleaned,
    pub(super) lang: usize,
    /// The detector's confidence, or `None` when the language was given.
    pub(super) confidence: Option<f64>,
    pub(super) title: String,
    /// The headline was the source's own.
    pub(super) headline: bool,
    pub(super) summary: Option<String>,
    pub(super) scores: Vec<TopicScore>,
    pub(super) profile: Profile,
}

/// A title cut to this length (at a word) when taken from the first sentence.
pub(super) const TITLE_LENGTH: usize = 150;
/// The summary taken from the first sentences is at most this long.
pub(super) const SUMMARY_LENGTH: usize = 320;

/// Slugs are cut (at a dash) to this length.
pub(super) const SLUG_LENGTH: usize = 60;

/// A title from a sentence: whole when short, else cut at a clause (a comma, a dash) or at
/// last at a word.
pub(super) fn title_from(sentence: &str) -> String {
    let sentence = sentence.trim_end_matches('.');
    if sentence.chars().count() <= TITLE_LENGTH {
        return sentence.to_string();
    }
    let head: String = sentence.chars().take(TITLE_LENGTH + 2).collect();
    let clause = [", ", " — ", " – ", "; ", " : "]
        .iter()
        .filter_map(|mark| head.rfind(mark))
        .max()
        .filter(|&at| at >= head.len() / 2);
    match clause {
        Some(at) => head[..at].to_string(),
        None => shorten(sentence, TITLE_LENGTH),
    }
}

/// A slug from a title, cut at a dash.
pub(super) fn slug_of(title: &str) -> String {
    let full = suggest_slug(title);
    let mut slug = String::new();
    for part in full.split('-') {
        if !slug.is_empty() && slug.len() + 1 + part.len() > SLUG_LENGTH {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(part);
    }
    if slug.is_empty() || model::slug_problem(&slug).is_some() {
        "article".to_string()
    } else {
        slug
    }
}

/// The text of a Markdown body, each line ending a sentence, for comparison.
pub(super) fn markdown_text(title: &str, body: &str) -> String {
    let mut text = String::with_capacity(body.len() + title.len());
    for line in std::iter::once(title).chain(body.lines()) {
        let line = line
            .trim()
            .trim_start_matches(['#', '>', '-', '*', '+', ' '])
            .replace(['*', '_', '`', '\\'], "");
        if line.is_empty() {
            continue;
        }
        text.push_str(&line);
        if !line.ends_with(['.', '!', '?', '…', ':', '»', '”', '"']) {
            text.push('.');
        }
        text.push('\n');
    }
    text
}

/// The plain text of cleaned blocks, each ending a sentence, for detection and comparison.
pub(super) fn blocks_text(title: Option<&str>, blocks: &[Block]) -> String {
    let mut text = String::new();
    for t in title.into_iter().chain(blocks.iter().map(Block::text)) {
        text.push_str(t);
        if !t.ends_with(['.', '!', '?', '…', ':', '»', '”', '"']) {
            text.push('.');
        }
        text.push('\n');
    }
    text
}

pub(super) fn read(
    config: &Config,
    input: &Input,
    settings: &Settings,
) -> std::result::Result<Reading, String> {
    let normalized = clean::normalize(&input.text);
    let cleaned = clean::clean(&normalized, &config.import.debris);
    if cleaned.blocks.is_empty() {
        return Err(
            if cleaned.headline.is_some() || !cleaned.removed.is_empty() {
                "no text left once the page's debris is left out: nothing to import".into()
            } else {
                "empty: nothing to import".into()
            },
        );
    }
    let headline = cleaned.headline.as_ref().map(|(h, _)| h.as_str());
    let text = blocks_text(headline, &cleaned.blocks);
    let (lang, confidence) = match settings.lang {
        Some(lang) => (lang, None),
        None => {
            let (lang, confidence) = suggest::detect_language(config, &text)?;
            (lang, Some(confidence))
        }
    };
    let first = cleaned.blocks.iter().find_map(|b| match b {
        Block::Paragraph(t) => Some(t.as_str()),
        _ => None,
    });
    let first_sentences: Vec<&str> = first.map(clean::sentences).unwrap_or_default();
    // The headline, or the first sentence, or the first block; never empty.
    let title = match headline {
        Some(h) => h.to_string(),
        None => [first_sentences.first().map(|s| s.to_string())]
            .into_iter()
            .chain(cleaned.blocks.iter().map(|b| Some(b.text().to_string())))
            .flatten()
            .map(|t| title_from(&t))
            .find(|t| !t.trim().is_empty())
            .unwrap_or_else(|| {
                let name = file_name(&input.name);
                name.rsplit_once('.')
                    .map_or(name, |(stem, _)| stem)
                    .to_string()
            }),
    };
    let mut summary = String::new();
    for sentence in &first_sentences {
        if !summary.is_empty()
            && summary.chars().count() + sentence.chars().count() >= SUMMARY_LENGTH
        {
            break;
        }
        if !summary.is_empty() {
            summary.push(' ');
        }
        summary.push_str(sentence);
    }
    let summary = (!summary.is_empty()).then(|| shorten(&summary, SUMMARY_LENGTH));
    let body_text = blocks_text(None, &cleaned.blocks);
    let scores = suggest::score_topics(config, lang, &title, &body_text);
    let profile = suggest::profile(config, lang, &text);
    Ok(Reading {
        name: input.name.clone(),
        headline: cleaned.headline.is_some(),
        cleaned,
        lang,
        confidence,
        title,
        summary,
        scores,
        profile,
    })
}
