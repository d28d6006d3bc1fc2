//! `dossier import FILE...`: raw text articles copied from web pages turned into drafts of
//! the dossier. Each file's language is detected, its title taken, its paragraphs recovered
//! and the page's debris left out (`clean`); its topics are suggested from the config's
//! keywords and the article of the other language it translates is proposed (`suggest`).
//! Each becomes `content/<topic>/<slug>.<lang>.md`, a draft whose front matter explains every
//! suggestion in TOML comments. Nothing is ever overwritten: when any file would be, or any
//! input cannot be read, nothing is written at all.

pub mod clean;
pub mod suggest;

use std::path::PathBuf;

use rayon::prelude::*;

use crate::config::Config;
use crate::error::{Diagnostic, Error, Problems, Result};
use crate::model::{self, Dossier, suggest_slug};
use crate::source;
use crate::text::date::Date;
use clean::{Block, Cleaned};
use suggest::{Likeness, Profile, TopicScore};

#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The dossier's root, holding config.toml.
    pub root: PathBuf,
    pub files: Vec<PathBuf>,
    /// Print what would be written, write nothing.
    pub dry_run: bool,
    /// The language of every file, instead of detecting it.
    pub lang: Option<String>,
    /// The date of every article, instead of the day of import.
    pub date: Option<String>,
}

/// One raw text to import: its name as given, and its text.
#[derive(Debug, Clone)]
pub struct Input {
    pub name: String,
    pub text: String,
}

/// What an imported article is proposed to translate.
#[derive(Debug, Clone, PartialEq)]
pub enum Counterpart {
    /// An article of the dossier (its file).
    Existing(String),
    /// Another of the files imported (its index).
    Imported(usize),
}

#[derive(Debug, Clone)]
pub struct Proposal {
    pub of: Counterpart,
    pub likeness: Likeness,
}

/// One file to write.
#[derive(Debug, Clone)]
pub struct Planned {
    /// Under the root: `content/<topic>/<slug>.<lang>.md`.
    pub path: String,
    /// The input it comes from.
    pub from: String,
    pub lang: String,
    pub title: String,
    pub topics: Vec<String>,
    /// The translations proposed, most likely first.
    pub proposals: Vec<Proposal>,
    /// The counterpart it was paired with (a high confidence).
    pub paired: Option<Counterpart>,
    pub removed: usize,
    pub text: String,
}

/// Reads the dossier at `options.root` and the files, and writes the drafts (or, with
/// `dry_run`, only plans them).
pub fn import(options: &ImportOptions) -> Result<Vec<Planned>> {
    let mut problems = Problems::default();
    let sources = source::load(&options.root, &mut problems)?;
    let config = Config::parse(&sources.config, &mut problems);
    problems.check()?;
    let config = config.ok_or_else(|| Error::Site(Vec::new()))?;

    // The dossier as it is, for its slugs and the translations to propose. Problems in its
    // articles are for `build` and `check` to report; import reads what it can.
    let mut ignored = Problems::default();
    let drafts = model::read_drafts(&config, &sources.articles, &mut ignored);
    let dossier = Dossier::from_drafts(config.clone(), drafts.clone(), true, &mut ignored);

    let mut diagnostics = Vec::new();
    let mut inputs = Vec::new();
    for file in &options.files {
        let name = file.display().to_string();
        // Read as the site's files are: without a byte-order mark, with Unix line ends.
        match source::read(file) {
            Ok(bytes) => match source::decode(&name, bytes) {
                Ok(text) => inputs.push(Input { name, text }),
                Err(_) => diagnostics.push(Diagnostic::file(
                    name,
                    "not UTF-8 text: save it as UTF-8 and import it again",
                )),
            },
            Err(Error::Io { message, .. }) => diagnostics.push(Diagnostic::file(name, message)),
            Err(other) => return Err(other),
        }
    }
    let lang = match &options.lang {
        Some(code) => Some(config.language(code).ok_or_else(|| {
            Error::Usage(format!(
                "--lang {code}: not a language of the dossier (languages: {})",
                config.language_codes()
            ))
        })?),
        None => None,
    };
    let date = match &options.date {
        Some(text) => {
            Some(Date::parse_iso(text).map_err(|m| Error::Usage(format!("--date {text}: {m}")))?)
        }
        None => None,
    };
    let planned = plan(
        &dossier,
        &drafts,
        &inputs,
        &Settings {
            lang,
            date,
            today: Date::today(),
        },
    );
    let planned = match planned {
        Ok(planned) if diagnostics.is_empty() => planned,
        Ok(_) => return Err(Error::Site(diagnostics)),
        Err(mut more) => {
            diagnostics.append(&mut more);
            return Err(Error::Site(diagnostics));
        }
    };
    for file in &planned {
        if source::exists(&options.root.join(&file.path)) {
            diagnostics.push(Diagnostic::file(
                &file.from,
                format!(
                    "{} already exists and is never overwritten: was this article imported before? (move that file away to import it again)",
                    file.path
                ),
            ));
        }
    }
    if !diagnostics.is_empty() {
        return Err(Error::Site(diagnostics));
    }
    if !options.dry_run {
        for file in &planned {
            crate::output::write_new(&options.root.join(&file.path), &file.text)?;
        }
    }
    Ok(planned)
}

/// What the command line fixes for every file.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub lang: Option<usize>,
    pub date: Option<Date>,
    /// The day of import: the date when none is given.
    pub today: Date,
}

/// One input as understood, before its file is planned.
struct Reading {
    name: String,
    cleaned: Cleaned,
    lang: usize,
    /// The detector's confidence, or `None` when the language was given.
    confidence: Option<f64>,
    title: String,
    /// The headline was the source's own.
    headline: bool,
    summary: Option<String>,
    scores: Vec<TopicScore>,
    profile: Profile,
}

/// A title cut to this length (at a word) when taken from the first sentence.
const TITLE_LENGTH: usize = 150;
/// The summary taken from the first sentences is at most this long.
const SUMMARY_LENGTH: usize = 320;
/// At most this many of the dossier's articles are compared closely with each imported one.
const COMPARED: usize = 20;
/// Slugs are cut (at a dash) to this length.
const SLUG_LENGTH: usize = 60;

/// Plans the files for `inputs` against the dossier as it is (pure).
pub fn plan(
    dossier: &Dossier,
    drafts: &[model::Draft],
    inputs: &[Input],
    settings: &Settings,
) -> std::result::Result<Vec<Planned>, Vec<Diagnostic>> {
    let config = &dossier.config;
    let mut diagnostics = Vec::new();
    let mut readings = Vec::new();
    for input in inputs {
        match read(config, input, settings) {
            Ok(reading) => readings.push(reading),
            Err(message) => diagnostics.push(Diagnostic::file(&input.name, message)),
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }

    // The dossier's articles, to compare with.
    let existing: Vec<Profile> = dossier
        .articles
        .par_iter()
        .map(|a| suggest::profile(config, a.lang, &markdown_text(&a.title, &a.body)))
        .collect();
    let counts = suggest::name_counts(existing.iter().chain(readings.iter().map(|r| &r.profile)));
    let total = existing.len() + readings.len();
    let mut proposals: Vec<Vec<Proposal>> = Vec::new();
    for (i, reading) in readings.iter().enumerate() {
        let mut found: Vec<Proposal> = Vec::new();
        // The dossier's articles most like it, by a bound computed quickly, are compared.
        let mut likely: Vec<(f64, usize)> = existing
            .iter()
            .enumerate()
            .filter(|(_, profile)| profile.lang != reading.lang)
            .map(|(id, profile)| {
                let bound = suggest::likeness_bound(&reading.profile, profile, &counts, total);
                (bound, id)
            })
            .filter(|(bound, _)| *bound >= suggest::POSSIBLE)
            .collect();
        likely.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        for &(_, id) in likely.iter().take(COMPARED) {
            found.push(Proposal {
                of: Counterpart::Existing(dossier.articles[id].file.clone()),
                likeness: suggest::likeness(&reading.profile, &existing[id], &counts, total),
            });
        }
        for (j, other) in readings.iter().enumerate() {
            if j != i && other.lang != reading.lang {
                found.push(Proposal {
                    of: Counterpart::Imported(j),
                    likeness: suggest::likeness(&reading.profile, &other.profile, &counts, total),
                });
            }
        }
        found.retain(|p| p.likeness.confidence >= suggest::POSSIBLE);
        found.sort_by(|a, b| b.likeness.confidence.total_cmp(&a.likeness.confidence));
        found.truncate(3);
        proposals.push(found);
    }

    let article_id = |file: &str| {
        dossier
            .articles
            .iter()
            .position(|a| a.file == file)
            .expect("an article")
    };

    // Pairs: a high confidence, and for two imported files each the other's best.
    let best = |i: usize| {
        proposals[i]
            .first()
            .filter(|p| p.likeness.confidence >= suggest::HIGH)
    };
    let mut paired: Vec<Option<Counterpart>> = vec![None; readings.len()];
    // Why a likely translation was not paired.
    let mut why_not: Vec<Option<String>> = vec![None; readings.len()];
    for i in 0..readings.len() {
        let Some(proposal) = best(i) else { continue };
        match &proposal.of {
            Counterpart::Imported(j) => {
                if best(*j).is_some_and(|p| p.of == Counterpart::Imported(i)) {
                    paired[i] = Some(Counterpart::Imported(*j));
                } else {
                    why_not[i] = Some(format!(
                        "{} is more like another file",
                        file_name(&readings[*j].name)
                    ));
                }
            }
            Counterpart::Existing(file) => {
                let id = article_id(file);
                let group = dossier.group_of(id);
                match group.version(readings[i].lang) {
                    None => paired[i] = Some(Counterpart::Existing(file.clone())),
                    Some(version) => {
                        why_not[i] = Some(format!(
                            "it already has a version in {}, {}",
                            config.languages[readings[i].lang].code, dossier.articles[version].file
                        ));
                    }
                }
            }
        }
    }
    // Two imported files that claim the same existing article: neither is paired.
    for i in 0..readings.len() {
        if let Some(Counterpart::Existing(file)) = &paired[i] {
            let rivals = paired
                .iter()
                .enumerate()
                .filter(|(j, p)| {
                    *j != i
                        && readings[*j].lang == readings[i].lang
                        && matches!(p, Some(Counterpart::Existing(f)) if f == file)
                })
                .count();
            if rivals > 0 {
                paired[i] = None;
                why_not[i] = Some("another file imported with it is as likely".into());
            }
        }
    }

    // The original of each imported pair: the default language's version, else the first.
    let is_original = |i: usize| match &paired[i] {
        Some(Counterpart::Imported(j)) => {
            let (a, b) = (readings[i].lang, readings[*j].lang);
            if a == config.default_language {
                true
            } else if b == config.default_language {
                false
            } else {
                i < *j
            }
        }
        Some(Counterpart::Existing(_)) => false,
        None => true,
    };

    // Topics: a pair's are chosen from both versions' scores together.
    let topics_of = |i: usize| -> (Vec<usize>, Vec<TopicScore>) {
        let mut scores = readings[i].scores.clone();
        if let Some(Counterpart::Imported(j)) = &paired[i] {
            for score in &mut scores {
                if let Some(other) = readings[*j].scores.iter().find(|s| s.topic == score.topic) {
                    score.score += other.score;
                }
            }
            scores.sort_by(|a, b| b.score.cmp(&a.score).then(a.topic.cmp(&b.topic)));
        }
        (suggest::chosen_topics(&scores), scores)
    };

    // Slugs, unique in each language.
    let mut slugs: Vec<String> = Vec::new();
    for (i, reading) in readings.iter().enumerate() {
        let slug = slug_of(&reading.title);
        let taken = dossier
            .articles
            .iter()
            .find(|a| a.lang == reading.lang && a.slug == slug);
        if let Some(article) = taken {
            diagnostics.push(Diagnostic::file(
                &reading.name,
                format!(
                    "its slug \"{slug}\" is already the URL of {}: is this article already in the dossier?",
                    article.file
                ),
            ));
        } else if let Some(j) =
            (0..i).find(|&j| readings[j].lang == reading.lang && slugs[j] == slug)
        {
            diagnostics.push(Diagnostic::file(
                &reading.name,
                format!(
                    "it has the same title as {}: is it the same article twice?",
                    readings[j].name
                ),
            ));
        }
        slugs.push(slug);
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }

    let mut planned = Vec::with_capacity(readings.len());
    for (i, reading) in readings.iter().enumerate() {
        let code = config.languages[reading.lang].code.clone();
        let mut front = Front::default();
        let (topics, scores) = match &paired[i] {
            Some(Counterpart::Imported(j)) if !is_original(i) => topics_of(*j),
            _ => topics_of(i),
        };
        let primary = topics.first().copied().unwrap_or(0);
        let mut folder = config.topics[primary].key.clone();
        let mut stem = slugs[i].clone();
        let mut key: Option<String> = None;
        let mut inherits_from: Option<String> = None;
        match &paired[i] {
            Some(Counterpart::Imported(j)) => {
                let original = if is_original(i) { i } else { *j };
                key = Some(slugs[original].clone());
                if original != i {
                    let (their_topics, _) = topics_of(original);
                    folder = config.topics[their_topics.first().copied().unwrap_or(0)]
                        .key
                        .clone();
                    inherits_from = Some(format!(
                        "content/{folder}/{}.{}.md",
                        slugs[original], config.languages[readings[original].lang].code
                    ));
                }
            }
            Some(Counterpart::Existing(file)) => {
                let id = article_id(file);
                let group = dossier.group_of(id);
                let declared = group
                    .existing()
                    .filter_map(|v| drafts.iter().find(|d| d.file() == dossier.articles[v].file))
                    .find_map(|d| d.translation_key().map(str::to_string));
                match declared {
                    Some(declared) => {
                        key = Some(declared);
                        folder = dossier.articles[id]
                            .file
                            .strip_prefix("content/")
                            .and_then(|f| f.rsplit_once('/'))
                            .map_or(folder, |(f, _)| f.to_string());
                    }
                    None => {
                        // Paired by name: the same stem in the same folder, its own slug.
                        let draft = drafts.iter().find(|d| d.file() == *file).expect("a draft");
                        let (f, s) = draft
                            .stem_key()
                            .rsplit_once('/')
                            .unwrap_or(("", draft.stem_key()));
                        folder = f.to_string();
                        stem = s.to_string();
                    }
                }
                inherits_from = Some(file.clone());
            }
            None => {}
        }
        let path = if folder.is_empty() {
            format!("content/{stem}.{code}.md")
        } else {
            format!("content/{folder}/{stem}.{code}.md")
        };

        front.comment(&format!(
            "Imported by `dossier import` from {}. A draft: check each suggestion below, then",
            file_name(&reading.name)
        ));
        front.comment("delete `draft = true` to publish it.");
        match reading.confidence {
            Some(c) => front.comment(&format!("language: {code}, detected (confidence {c:.2})")),
            None => front.comment(&format!("language: {code}, given with --lang")),
        }
        front.field("title", &toml_string(&reading.title));
        if reading.headline {
            front.comment("^ the source's headline");
        } else {
            front
                .comment("^ the source has no headline: its first sentence, shortened. Write one.");
        }
        if stem != slugs[i] {
            front.field("slug", &toml_string(&slugs[i]));
        }
        if let Some(from) = &inherits_from {
            front.comment(&format!(
                "date, topics and source are inherited from {from}, which it translates"
            ));
        } else {
            let date = settings.date.unwrap_or(settings.today);
            front.field("date", &date.iso());
            if settings.date.is_some() {
                front.comment("^ given with --date");
            } else {
                front.comment(
                    "^ the source gives none: the day of import. Write the day it was published.",
                );
            }
            let list: Vec<String> = topics
                .iter()
                .map(|&t| toml_string(&config.topics[t].key))
                .collect();
            if topics.is_empty() {
                front.field(
                    "topics",
                    &format!("[{}]", toml_string(&config.topics[0].key)),
                );
                front.comment("^ no keyword of any topic matched: choose the topics");
            } else {
                front.field("topics", &format!("[{}]", list.join(", ")));
            }
            front.comment("^ from the keywords of config.toml (score: keyword × matches, the title's counted thrice)");
            for score in &scores {
                let evidence: Vec<String> = score
                    .evidence
                    .iter()
                    .take(8)
                    .map(|(k, n)| format!("{k} ×{n}"))
                    .collect();
                let more = if score.evidence.len() > 8 {
                    ", …"
                } else {
                    ""
                };
                front.comment(&format!(
                    "  {} {}{}{}{more}",
                    config.topics[score.topic].key,
                    score.score,
                    if evidence.is_empty() { "" } else { ": " },
                    evidence.join(", ")
                ));
            }
        }
        if let Some(summary) = &reading.summary {
            front.field("summary", &toml_string(summary));
            front.comment("^ the first sentences of the text");
        }
        if inherits_from.is_none() {
            if let Some(source) = &reading.cleaned.source {
                front.field("source", &format!("{{ name = {} }}", toml_string(source)));
                front.comment("^ named by the text (a `Source :` line)");
            }
        }
        if let Some(key) = &key {
            front.field("translation_key", &toml_string(key));
        }
        for (rank, proposal) in proposals[i].iter().enumerate() {
            let target = match &proposal.of {
                Counterpart::Existing(file) => file.clone(),
                Counterpart::Imported(j) => format!("{} (imported)", file_name(&readings[*j].name)),
            };
            let l = &proposal.likeness;
            let how = if paired[i].as_ref() == Some(&proposal.of) {
                "paired: it shares the translation_key or the file name above".to_string()
            } else if let (0, Some(reason)) = (rank, &why_not[i]) {
                format!("not paired: {reason}")
            } else {
                "possible: pair them by hand if it is".to_string()
            };
            front.comment(&format!(
                "{} translation of {target}: confidence {:.2} ({how})",
                if rank == 0 { "likely" } else { "or" },
                l.confidence
            ));
            front.comment(&format!(
                "  numbers in the same order: {} of {} and {}{}",
                l.numbers.len(),
                l.numbers_of.0,
                l.numbers_of.1,
                listed(&l.numbers, 10)
            ));
            front.comment(&format!(
                "  names: {}{}",
                l.names.len(),
                listed(&l.names, 8)
            ));
            front.comment(&format!(
                "  quotations: {} and {}",
                l.quotations.0, l.quotations.1
            ));
        }
        if proposals[i].is_empty() {
            front.comment("translation: no article of another language is like it");
        }
        front.field("draft", "true");
        if !reading.cleaned.removed.is_empty() {
            front.comment(&format!(
                "left out of the text (line of {}: why: text):",
                file_name(&reading.name)
            ));
            for removed in &reading.cleaned.removed {
                front.comment(&format!(
                    "  {}: {}: {}",
                    removed.line,
                    removed.why.words(),
                    shorten(&removed.text, 90)
                ));
            }
        }
        let text = format!(
            "+++\n{}+++\n\n{}",
            front.text,
            clean::markdown(&reading.cleaned.blocks)
        );
        planned.push(Planned {
            path,
            from: reading.name.clone(),
            lang: code,
            title: reading.title.clone(),
            topics: topics
                .iter()
                .map(|&t| config.topics[t].key.clone())
                .collect(),
            proposals: proposals[i].clone(),
            paired: paired[i].clone(),
            removed: reading.cleaned.removed.len(),
            text,
        });
    }
    Ok(planned)
}

/// The front matter being written: fields and comments, in order.
#[derive(Default)]
struct Front {
    text: String,
}

impl Front {
    fn field(&mut self, key: &str, value: &str) {
        self.text.push_str(&format!("{key} = {value}\n"));
    }

    fn comment(&mut self, text: &str) {
        self.text.push_str("# ");
        self.text.push_str(text);
        self.text.push('\n');
    }
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn file_name(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

/// ` (a, b, c, …)`, or nothing for an empty list.
fn listed(items: &[String], most: usize) -> String {
    if items.is_empty() {
        return String::new();
    }
    let mut shown: Vec<&str> = items.iter().take(most).map(String::as_str).collect();
    if items.len() > most {
        shown.push("…");
    }
    format!(" ({})", shown.join(", "))
}

/// At most `most` characters, cut at a word with `…`.
fn shorten(text: &str, most: usize) -> String {
    if text.chars().count() <= most {
        return text.to_string();
    }
    let cut: String = text.chars().take(most).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > most / 2 => &cut[..space],
        _ => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// A title from a sentence: whole when short, else cut at a clause (a comma, a dash) or at
/// last at a word.
fn title_from(sentence: &str) -> String {
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
fn slug_of(title: &str) -> String {
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
fn markdown_text(title: &str, body: &str) -> String {
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
fn blocks_text(title: Option<&str>, blocks: &[Block]) -> String {
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

fn read(
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The first dossier's config.
    fn config() -> Config {
        let mut problems = Problems::default();
        Config::parse(include_str!("../../../config.toml"), &mut problems).expect("a config")
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Whatever the text, what import writes is an article the dossier reads with no
        /// error, or it says why it cannot.
        #[test]
        fn any_text_becomes_a_valid_article_or_a_reason(
            text in r##"([A-Za-zÀ-ÿ0-9 .,:;!?«»“”"'’*_#+<>&\\\[\]()|~`=-]{0,80}\n{0,2}|Lire la suite :\n|タイトル\n|  • item\n|\+\+\+\n|Source : x\n|1\. un\n){0,24}"##,
        ) {
            let config = config();
            let mut problems = Problems::default();
            let dossier = Dossier::from_drafts(config.clone(), Vec::new(), true, &mut problems);
            let settings = Settings { lang: Some(0), date: None, today: Date::from_days_since_epoch(20_000) };
            let input = Input { name: "in.txt".into(), text };
            if let Ok(planned) = plan(&dossier, &[], &[input], &settings) {
                let file = crate::model::SourceFile {
                    path: planned[0].path.clone(),
                    text: planned[0].text.clone(),
                };
                let mut problems = Problems::default();
                let draft = model::read_article(&config, &file, &mut problems);
                proptest::prop_assert!(draft.is_some() && problems.errors.is_empty(), "{:?}\n{}", problems.errors, planned[0].text);
                let dossier = Dossier::from_drafts(config, draft.into_iter().collect(), true, &mut problems);
                proptest::prop_assert!(problems.errors.is_empty(), "{:?}", problems.errors);
                proptest::prop_assert_eq!(dossier.articles.len(), 1);
            }
        }
    }

    #[test]
    fn slugs_are_cut_at_a_dash() {
        assert_eq!(
            slug_of(
                "Nouvelle réunion trilatérale entre les États-Unis, le Japon et la Corée du Sud pour contrer"
            ),
            "nouvelle-reunion-trilaterale-entre-les-etats-unis-le-japon"
        );
        assert_eq!(slug_of("« ! »"), "article");
    }

    #[test]
    fn titles_from_first_sentences() {
        assert_eq!(
            title_from(
                "Les États-Unis, la Corée du Sud et le Japon ont convenu de nouveaux efforts pour répondre aux menaces de la Corée du Nord dans le cyberespace, selon les conseillers à la sécurité nationale des trois pays réunis à Séoul."
            ),
            "Les États-Unis, la Corée du Sud et le Japon ont convenu de nouveaux efforts pour répondre aux menaces de la Corée du Nord dans le cyberespace"
        );
        assert_eq!(title_from("Une phrase courte."), "Une phrase courte");
        let long = "mot ".repeat(60);
        let title = title_from(long.trim());
        assert!(title.ends_with("mot…") && title.chars().count() <= TITLE_LENGTH + 1);
    }

    #[test]
    fn shortened_at_a_word() {
        assert_eq!(shorten("un deux trois quatre", 12), "un deux…");
        assert_eq!(shorten("court", 12), "court");
    }
}
