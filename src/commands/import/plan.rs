//! The plan of an import (pure): each input read, the translations proposed, pairs made,
//! slugs chosen, and each file's front matter written with what was found and how sure it is.

use rayon::prelude::*;

use super::clean::{self};
use super::front::{Front, file_name, listed, shorten, toml_string};
use super::read::{Reading, markdown_text, read, slug_of};
use super::suggest::{self, Profile, TopicScore};
use super::{Counterpart, Input, Planned, Proposal, Settings};
use crate::error::Diagnostic;
use crate::model::{self, Dossier};

/// At most this many of the dossier's articles are compared closely with each imported one.
pub(super) const COMPARED: usize = 20;

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
    let proposals = propose(dossier, &readings);
    let (paired, why_not) = pair(dossier, &readings, &proposals);
    let slugs = slugs(dossier, &readings)?;
    let plan = Plan {
        dossier,
        drafts,
        readings: &readings,
        proposals: &proposals,
        paired: &paired,
        why_not: &why_not,
        slugs: &slugs,
    };
    Ok((0..readings.len())
        .map(|i| plan.file(i, settings))
        .collect())
}

/// The translations each reading may be (at most three, most likely first): the dossier's
/// articles most like it and the other readings, in another language.
pub(super) fn propose(dossier: &Dossier, readings: &[Reading]) -> Vec<Vec<Proposal>> {
    let config = &dossier.config;
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

    proposals
}

/// The counterpart each reading is paired with: a high confidence, and for two imported files
/// each the other's best; and why a likely translation was not paired.
pub(super) fn pair(
    dossier: &Dossier,
    readings: &[Reading],
    proposals: &[Vec<Proposal>],
) -> (Vec<Option<Counterpart>>, Vec<Option<String>>) {
    let config = &dossier.config;
    let article_id = |file: &str| article_id(dossier, file);
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

    (paired, why_not)
}

/// The slug of each reading, unique in its language among the dossier's and the readings'.
pub(super) fn slugs(
    dossier: &Dossier,
    readings: &[Reading],
) -> std::result::Result<Vec<String>, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
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

    match diagnostics.is_empty() {
        true => Ok(slugs),
        false => Err(diagnostics),
    }
}

/// The id of the dossier's article in `file`.
pub(super) fn article_id(dossier: &Dossier, file: &str) -> usize {
    dossier
        .articles
        .iter()
        .position(|a| a.file == file)
        .expect("an article")
}

/// The readings with their proposals, pairs and slugs: what each planned file is made from.
pub(super) struct Plan<'a> {
    dossier: &'a Dossier,
    drafts: &'a [model::Draft],
    readings: &'a [Reading],
    proposals: &'a [Vec<Proposal>],
    paired: &'a [Option<Counterpart>],
    why_not: &'a [Option<String>],
    slugs: &'a [String],
}

/// Where a planned file goes and what it shares with its translation.
pub(super) struct Place {
    path: String,
    stem: String,
    key: Option<String>,
    inherits_from: Option<String>,
    topics: Vec<usize>,
    scores: Vec<TopicScore>,
}

impl Plan<'_> {
    /// The original of each imported pair: the default language's version, else the first.
    fn is_original(&self, i: usize) -> bool {
        let config = &self.dossier.config;
        match &self.paired[i] {
            Some(Counterpart::Imported(j)) => {
                let (a, b) = (self.readings[i].lang, self.readings[*j].lang);
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
        }
    }

    /// Topics: a pair's are chosen from both versions' scores together.
    fn topics_of(&self, i: usize) -> (Vec<usize>, Vec<TopicScore>) {
        let mut scores = self.readings[i].scores.clone();
        if let Some(Counterpart::Imported(j)) = &self.paired[i] {
            for score in &mut scores {
                if let Some(other) = self.readings[*j]
                    .scores
                    .iter()
                    .find(|s| s.topic == score.topic)
                {
                    score.score += other.score;
                }
            }
            scores.sort_by(|a, b| b.score.cmp(&a.score).then(a.topic.cmp(&b.topic)));
        }
        (suggest::chosen_topics(&scores), scores)
    }

    /// Where reading `i` goes: its folder (its topic's, or its translation's), its stem, the
    /// key it shares with its translation, the file it inherits from.
    fn place(&self, i: usize) -> Place {
        let (dossier, drafts, readings, slugs) =
            (self.dossier, self.drafts, self.readings, self.slugs);
        let config = &dossier.config;
        let is_original = |i: usize| self.is_original(i);
        let topics_of = |i: usize| self.topics_of(i);
        let article_id = |file: &str| article_id(dossier, file);
        let (reading, paired) = (&readings[i], self.paired);
        let code = config.languages[reading.lang].code.clone();
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

        Place {
            path,
            stem,
            key,
            inherits_from,
            topics,
            scores,
        }
    }

    /// The planned file of reading `i`: its place, and its text, the front matter saying what
    /// was found and how sure it is.
    fn file(&self, i: usize, settings: &Settings) -> Planned {
        let config = &self.dossier.config;
        let reading = &self.readings[i];
        let code = config.languages[reading.lang].code.clone();
        let Place {
            path,
            stem,
            key,
            inherits_from,
            topics,
            scores,
        } = self.place(i);
        let mut front = Front::default();
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
        if stem != self.slugs[i] {
            front.field("slug", &toml_string(&self.slugs[i]));
        }
        if let Some(from) = &inherits_from {
            front.comment(&format!(
                "date, topics and source are inherited from {from}, which it translates"
            ));
        } else {
            self.own_facts(&mut front, settings, &topics, &scores);
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
        self.translation_comments(i, &mut front);
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
        Planned {
            path,
            from: reading.name.clone(),
            lang: code,
            title: reading.title.clone(),
            topics: topics
                .iter()
                .map(|&t| config.topics[t].key.clone())
                .collect(),
            proposals: self.proposals[i].clone(),
            paired: self.paired[i].clone(),
            removed: reading.cleaned.removed.len(),
            text,
        }
    }

    /// The date and topics of a file that inherits none, with how the topics were chosen.
    fn own_facts(
        &self,
        front: &mut Front,
        settings: &Settings,
        topics: &[usize],
        scores: &[TopicScore],
    ) {
        let config = &self.dossier.config;
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
        for score in scores {
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

    /// The translations proposed for reading `i`, with what makes them likely.
    fn translation_comments(&self, i: usize, front: &mut Front) {
        for (rank, proposal) in self.proposals[i].iter().enumerate() {
            let target = match &proposal.of {
                Counterpart::Existing(file) => file.clone(),
                Counterpart::Imported(j) => {
                    format!("{} (imported)", file_name(&self.readings[*j].name))
                }
            };
            let l = &proposal.likeness;
            let how = if self.paired[i].as_ref() == Some(&proposal.of) {
                "paired: it shares the translation_key or the file name above".to_string()
            } else if let (0, Some(reason)) = (rank, &self.why_not[i]) {
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
        if self.proposals[i].is_empty() {
            front.comment("translation: no article of another language is like it");
        }
    }
}
