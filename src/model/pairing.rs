//! Drafts paired into translation groups (by stem in one folder and by `translation_key`, with
//! a union-find), each completed with what it inherits from its translations, and checked.

use std::collections::BTreeMap;

use ahash::AHashMap;

use super::draft::stem_key_of;
use super::{Article, Dossier, Draft, Group, Kind, SourceFile, read_drafts};
use crate::config::Config;
use crate::error::{Diagnostic, Problems};

/// Language indexes with the default language first.
fn lang_order(config: &Config) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(config.default_language)
        .chain((0..config.languages.len()).filter(move |&l| l != config.default_language))
}

/// Groups files that share a stem in one folder or a translation_key (union-find).
/// Returns, for each draft, the index of its group's representative.
fn pair(drafts: &[Draft]) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..drafts.len()).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut first_by: BTreeMap<String, usize> = BTreeMap::new();
    for (index, draft) in drafts.iter().enumerate() {
        let mut keys = vec![format!("stem:{}", draft.stem_key)];
        if let Some((key, _)) = &draft.key {
            keys.push(format!("key:{key}"));
        }
        for key in keys {
            let other = *first_by.entry(key).or_insert(index);
            let (a, b) = (find(&mut parent, index), find(&mut parent, other));
            if a != b {
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    (0..drafts.len()).map(|i| find(&mut parent, i)).collect()
}

/// Translations must not disagree about their translation_key: two files paired by their
/// name (or through a third file) that declare different keys make a one-sided claim.
fn check_keys_agree(drafts: &[Draft], groups_of: &[usize], problems: &mut Problems) {
    // The first declared key of each group, by file order.
    let mut first: AHashMap<usize, usize> = AHashMap::new();
    let mut order: Vec<usize> = (0..drafts.len()).collect();
    order.sort_by(|&a, &b| drafts[a].file.cmp(&drafts[b].file));
    for index in order {
        let Some((key, line)) = &drafts[index].key else {
            continue;
        };
        let reference = *first.entry(groups_of[index]).or_insert(index);
        let Some((theirs, _)) = &drafts[reference].key else {
            continue;
        };
        if theirs != key {
            let how = if drafts[reference].stem_key == drafts[index].stem_key {
                "which has the same name in the same folder"
            } else {
                "to which other files pair it"
            };
            problems.error(Diagnostic::at(
                &drafts[index].file,
                *line,
                format!(
                    "translation_key \"{key}\" disagrees with \"{theirs}\" in {}, {how}: give translations the same translation_key, or rename one of the files",
                    drafts[reference].file
                ),
            ));
        }
    }
}

/// The topics of a draft, its own (checked against its translations') or inherited.
fn shared_topics(
    config: &Config,
    draft: &Draft,
    others: &[&Draft],
    problems: &mut Problems,
) -> Option<Vec<usize>> {
    let Some((own, line)) = &draft.topics else {
        return others
            .iter()
            .find_map(|o| o.topics.as_ref().map(|(t, _)| t.clone()));
    };
    for other in others {
        if let Some((theirs, _)) = &other.topics {
            let mut a = own.clone();
            let mut b = theirs.clone();
            a.sort_unstable();
            b.sort_unstable();
            // Reported once per pair, on the later file.
            if a != b && draft.file > other.file {
                let names = |t: &[usize]| {
                    t.iter()
                        .map(|&i| config.topics[i].key.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                problems.error(Diagnostic::at(
                    &draft.file,
                    *line,
                    format!(
                        "topics [{}] differ from those of its translation {} [{}]: translations share their topics (write them in one file only)",
                        names(own), other.file, names(theirs)
                    ),
                ));
            }
        }
    }
    Some(own.clone())
}

/// The kind of a draft: its own or its translations' (they must agree), else an article.
fn shared_kind(draft: &Draft, others: &[&Draft], problems: &mut Problems) -> Kind {
    let theirs = others
        .iter()
        .find_map(|o| o.kind.map(|(k, _)| (k, &o.file)));
    match (draft.kind, theirs) {
        (Some((own, line)), Some((other, file))) if own != other => {
            // Reported once per pair, on the later file.
            if draft.file.as_str() > file.as_str() {
                problems.error(Diagnostic::at(
                    &draft.file,
                    line,
                    format!("kind differs from that of its translation {file}: translations are of one kind (write it in one file only)"),
                ));
            }
            own
        }
        (Some((own, _)), _) => own,
        (None, Some((other, _))) => other,
        (None, None) => Kind::Article,
    }
}

/// What a reference page must not have: topics (it is in no list), a slug that is one of its
/// language's own folders (it sits beside them).
fn check_page(config: &Config, draft: &Draft, problems: &mut Problems) {
    let language = &config.languages[draft.lang];
    if language.own_folders().contains(&draft.slug.as_str()) {
        problems.error(Diagnostic::at(
            &draft.file,
            draft.slug_line,
            format!(
                "slug \"{}\" is the folder of the site's own {}/{}/ pages: a reference page sits beside them at {}/<slug>/ (set another `slug`)",
                draft.slug, language.code, draft.slug, language.code
            ),
        ));
    }
    if let Some((_, line)) = &draft.topics {
        problems.error(Diagnostic::at(
            &draft.file,
            *line,
            "a reference page (kind = \"page\") has no topics: it is in no list; remove them, or make it an article",
        ));
    }
}

/// Completes a draft with what it inherits from its translations, and checks what must agree.
fn inherit(
    config: &Config,
    draft: &Draft,
    others: &[&Draft],
    group: usize,
    problems: &mut Problems,
) -> Option<Article> {
    let date = draft.date.or_else(|| others.iter().find_map(|o| o.date));
    let updated = draft
        .updated
        .or_else(|| others.iter().find_map(|o| o.updated));
    let sources = draft
        .sources
        .clone()
        .or_else(|| others.iter().find_map(|o| o.sources.clone()))
        .unwrap_or_default();
    let authors = draft
        .authors
        .clone()
        .or_else(|| others.iter().find_map(|o| o.authors.clone()))
        .unwrap_or_default();
    let kind = shared_kind(draft, others, problems);
    // An abstract stands in for a version the group lacks: never beside one.
    for summary in &draft.abstracts {
        if let Some(version) = others.iter().find(|o| o.lang == summary.lang) {
            problems.error(Diagnostic::at(
                &draft.file,
                summary.line,
                format!(
                    "abstracts.{} stands in for a version the article lacks, but {} is that version: remove the abstract (its title and summary are shown)",
                    config.languages[summary.lang].code, version.file
                ),
            ));
        }
    }
    let nav = draft.nav.or_else(|| others.iter().find_map(|o| o.nav));
    let briefing = draft
        .briefing
        .or_else(|| others.iter().find_map(|o| o.briefing));
    let actors = draft
        .actors
        .clone()
        .or_else(|| others.iter().find_map(|o| o.actors.clone()))
        .unwrap_or_default();
    let original_figures = others
        .iter()
        .find(|o| !o.figures.is_empty())
        .map_or(&[][..], |o| &o.figures[..]);
    let figures = super::figures::inherit(&draft.figures, original_figures);
    let topics = match kind {
        Kind::Page => {
            check_page(config, draft, problems);
            if let Some((_, line)) = draft.briefing {
                problems.error(Diagnostic::at(
                    &draft.file,
                    line,
                    "a reference page (kind = \"page\") is never in the printable briefing: remove `briefing`, or make it an article",
                ));
            }
            Some(Vec::new())
        }
        Kind::Article => {
            if let Some((_, line)) = nav {
                problems.error(Diagnostic::at(
                    &draft.file,
                    line,
                    "nav places a reference page in the navigation: add kind = \"page\", or remove it",
                ));
            }
            shared_topics(config, draft, others, problems)
        }
    };
    let inherit_hint = if others.is_empty() {
        ""
    } else {
        ", and its translations have none to inherit"
    };
    // A fact missing because the file it would come from has errors is not a second problem:
    // the author starts from the original's, reported already.
    let sibling_failed = || {
        problems
            .errors
            .iter()
            .any(|e| e.file != draft.file && stem_key_of(&e.file).as_ref() == Some(&draft.stem_key))
    };
    let date_missing = date.is_none() && kind == Kind::Article;
    if (date_missing || topics.is_none()) && sibling_failed() {
        return None;
    }
    if let (true, Some((key, line))) = (date_missing, &draft.key) {
        // The original may be a file that could not be read: then its errors say what to fix
        // first, and this is said again once they are fixed if it still holds.
        let own_suffix = format!(".{}.md", config.languages[draft.lang].code);
        let unread_original = problems.errors.iter().any(|e| {
            e.file != draft.file && e.file.starts_with("content/") && !e.file.ends_with(&own_suffix)
        });
        if others.is_empty() && unread_original {
            return None;
        }
        if others.is_empty() {
            problems.error(Diagnostic::at(
                &draft.file,
                *line,
                format!(
                    "translation_key \"{key}\" matches no other file, so there is no original to inherit date and topics from: check the key against the original's, or give this file its own date and topics"
                ),
            ));
            return None;
        }
    }
    if date_missing {
        problems.error(Diagnostic::at(&draft.file, 1, format!("missing required field `date` (write date = YYYY-MM-DD in the front matter{inherit_hint}; a reference page without date, such as About, is kind = \"page\")")));
        return None;
    }
    let Some(topics) = topics else {
        problems.error(Diagnostic::at(
            &draft.file,
            1,
            format!(
                "missing required field `topics` (known: {}{inherit_hint})",
                config.topic_keys()
            ),
        ));
        return None;
    };
    Some(Article {
        file: draft.file.clone(),
        lang: draft.lang,
        slug: draft.slug.clone(),
        title: draft.title.clone(),
        date,
        updated,
        topics,
        summary: draft.summary.clone(),
        sources,
        authors,
        abstracts: draft.abstracts.clone(),
        group,
        body: draft.body.clone(),
        body_line: draft.body_line,
        has_text: draft.has_text,
        draft: draft.draft,
        translated_from: draft.translated_from.clone(),
        kind,
        nav: nav.map(|(n, _)| n),
        aliases: draft.aliases.clone(),
        briefing: briefing.map(|(b, _)| b),
        actors,
        figures,
    })
}

fn check_unique_slugs(config: &Config, drafts: &[Draft], problems: &mut Problems) {
    let mut seen: AHashMap<(usize, &str), &Draft> = AHashMap::new();
    for draft in drafts {
        if let Some(first) = seen.insert((draft.lang, draft.slug.as_str()), draft) {
            problems.error(Diagnostic::at(
                &draft.file,
                draft.slug_line,
                format!(
                    "slug \"{}\" is already used by {} in \"{}\": two pages cannot share a URL (set another `slug`)",
                    draft.slug, first.file, config.languages[draft.lang].code
                ),
            ));
        }
    }
}

impl Dossier {
    /// The model of a whole site: every article file read ([`read_drafts`]), then paired
    /// ([`Dossier::from_drafts`]). The engine does the same two steps with each file's draft
    /// cached. Problems go to `problems`; the result is only meaningful when no error was added.
    pub fn assemble(
        config: Config,
        files: &[SourceFile],
        include_drafts: bool,
        problems: &mut Problems,
    ) -> Dossier {
        let drafts = read_drafts(&config, files, problems);
        Dossier::from_drafts(config, drafts, include_drafts, problems)
    }

    /// Pairs already-read files into a dossier (see [`read_article`]). Problems go to
    /// `problems`; the result is only meaningful when no error was added.
    pub fn from_drafts(
        config: Config,
        mut drafts: Vec<Draft>,
        include_drafts: bool,
        problems: &mut Problems,
    ) -> Dossier {
        if !include_drafts {
            drafts.retain(|d| !d.draft);
        }
        let groups_of = pair(&drafts);
        let mut groups: Vec<Group> = Vec::new();
        let mut group_index: AHashMap<usize, usize> = AHashMap::new();
        let mut article_group = vec![0; drafts.len()];
        for (index, root) in groups_of.iter().enumerate() {
            let group = *group_index.entry(*root).or_insert_with(|| {
                groups.push(Group {
                    key: drafts[index]
                        .key
                        .as_ref()
                        .map(|(key, _)| key.clone())
                        .unwrap_or_else(|| drafts[index].stem_key.clone()),
                    versions: vec![None; config.languages.len()],
                });
                groups.len() - 1
            });
            article_group[index] = group;
            let lang = drafts[index].lang;
            match groups[group].versions[lang] {
                Some(other) => problems.error(Diagnostic::at(
                    &drafts[index].file,
                    1,
                    format!(
                        "two files are the \"{}\" version of the same article: this one and {} (give one of them another language or translation_key)",
                        config.languages[lang].code, drafts[other].file
                    ),
                )),
                None => groups[group].versions[lang] = Some(index),
            }
        }

        check_keys_agree(&drafts, &groups_of, problems);

        let mut articles = Vec::with_capacity(drafts.len());
        for (index, draft) in drafts.iter().enumerate() {
            let group = &groups[article_group[index]];
            let others: Vec<&Draft> = lang_order(&config)
                .filter_map(|lang| group.version(lang))
                .filter(|&other| other != index)
                .map(|other| &drafts[other])
                .collect();
            if let Some(article) = inherit(&config, draft, &others, article_group[index], problems)
            {
                articles.push(article);
            }
        }
        check_unique_slugs(&config, &drafts, problems);
        Dossier {
            config,
            articles,
            groups,
            include_drafts,
        }
    }
}
