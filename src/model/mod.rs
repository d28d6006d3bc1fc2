//! Step two: from text to the dossier's model. Parses front matter, pairs translations, lets a
//! translation inherit the facts it omits, and checks everything SPEC §2 asks. Pure: no IO.

pub mod front_matter;
mod sources;
pub mod status;

pub use sources::{SiteSources, SourceFile};

use std::collections::BTreeMap;
use std::sync::Arc;

use ahash::{AHashMap, AHashSet};

use crate::config::{Config, Language};
use crate::error::{Diagnostic, Problems, did_you_mean};
use crate::text::date::Date;
use front_matter::{FrontMatter, Source};

/// The whole dossier: configuration, articles, and translation groups.
#[derive(Debug, Clone)]
pub struct Dossier {
    pub config: Config,
    /// Sorted by file path.
    pub articles: Vec<Article>,
    /// Sets of articles that translate each other, in order of their first file.
    pub groups: Vec<Group>,
}

/// One article in one language.
#[derive(Debug, Clone)]
pub struct Article {
    /// Relative to the site root: `content/sanctions/un-report.fr.md`.
    pub file: String,
    /// Index into `Config::languages`.
    pub lang: usize,
    pub slug: String,
    pub title: String,
    pub date: Date,
    pub updated: Option<Date>,
    /// Indexes into `Config::topics`, in the order written.
    pub topics: Vec<usize>,
    pub summary: Option<String>,
    pub source: Option<Source>,
    pub group: usize,
    /// Shared with the parsed file, so rebuilding the model copies no text.
    pub body: Arc<str>,
    /// File line where `body` starts.
    pub body_line: usize,
    pub draft: bool,
    /// For a translation marked up to date: the language it was made from, and the
    /// fingerprint ([`status::fingerprint`]) of that version's text then.
    pub translated_from: Option<(usize, String)>,
}

impl Article {
    /// What the pages that show the article show of it, its body aside (compared apart), as
    /// one value compared whole: a rebuild renders those pages again when it differs. Every
    /// field is named: a new one does not compile until it is put on one side or the other
    /// (the status page, which shows `translated_from`, is rendered after every change).
    pub fn shown(&self) -> impl PartialEq + '_ {
        let Article {
            file: _,
            lang,
            slug,
            title,
            date,
            updated,
            topics,
            summary,
            source,
            group: _,
            body: _,
            body_line: _,
            draft: _,
            translated_from: _,
        } = self;
        (lang, slug, title, date, updated, topics, summary, source)
    }
}

/// The versions of one article, one slot per language.
#[derive(Debug, Clone)]
pub struct Group {
    pub key: String,
    pub versions: Vec<Option<usize>>,
}

impl Group {
    pub fn version(&self, lang: usize) -> Option<usize> {
        self.versions.get(lang).copied().flatten()
    }

    pub fn existing(&self) -> impl Iterator<Item = usize> + '_ {
        self.versions.iter().filter_map(|v| *v)
    }
}

/// A file's front matter as read, before pairing. Cached per file by the live preview.
#[derive(Debug, Clone)]
pub struct Draft {
    file: String,
    lang: usize,
    stem_key: String,
    /// The declared translation_key, and its line.
    key: Option<(String, usize)>,
    slug: String,
    slug_line: usize,
    title: String,
    date: Option<Date>,
    updated: Option<Date>,
    topics: Option<(Vec<usize>, usize)>,
    summary: Option<String>,
    source: Option<Source>,
    body: Arc<str>,
    body_line: usize,
    draft: bool,
    /// The language this translation was made from and that version's fingerprint then.
    translated_from: Option<(usize, String)>,
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

    pub fn summary(&self) -> Option<&str> {
        self.summary.as_deref()
    }

    /// True when the two drafts differ at most in their body, title and summary (and the lines
    /// things are on): same language, pairing, URL, dates, topics and source — the facts a
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
            title: _,
            date,
            updated,
            topics,
            summary: _,
            source,
            body: _,
            body_line: _,
            draft,
            translated_from,
        } = self;
        let topics = topics.as_ref().map(|(t, _)| t);
        (
            (file, lang, stem_key, key, slug, date, updated),
            (topics, source, draft, translated_from),
        )
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
        }
    }

    /// The `n` newest of `ids`, newest first, without sorting them all.
    pub fn newest(&self, mut ids: Vec<usize>, n: usize) -> Vec<usize> {
        if ids.len() > n && n > 0 {
            ids.select_nth_unstable_by(n - 1, |&a, &b| self.newest_first(a, b));
            ids.truncate(n);
        } else if n == 0 {
            ids.clear();
        }
        self.sort_newest_first(&mut ids);
        ids
    }

    /// Group versions shown in `lang`, in no particular order; with a topic, only its articles.
    pub fn shown(&self, lang: usize, topic: Option<usize>) -> Vec<usize> {
        self.groups
            .iter()
            .filter_map(|g| self.shown_version(g, lang))
            .filter(|&id| self.in_topic(id, topic))
            .collect()
    }

    /// The articles of `ids` that `lang` lists (each group's version in `lang`, or else in the
    /// default language, or else the first that exists), in their order; with a topic, only
    /// its articles. Given every article newest first (`newest_first_all`): the language's
    /// timeline, or its listing of the topic.
    pub fn shown_among(&self, ids: &[usize], lang: usize, topic: Option<usize>) -> Vec<usize> {
        ids.iter()
            .copied()
            .filter(|&id| self.is_shown(id, lang) && self.in_topic(id, topic))
            .collect()
    }

    /// Every article, newest first.
    pub fn newest_first_all(&self) -> Vec<usize> {
        let mut ids: Vec<usize> = (0..self.articles.len()).collect();
        self.sort_newest_first(&mut ids);
        ids
    }

    /// Whether the article is of `topic`; any article is, without one.
    fn in_topic(&self, id: usize, topic: Option<usize>) -> bool {
        topic.is_none_or(|t| self.articles[id].topics.contains(&t))
    }

    /// Whether the lists of `lang` show this article (its own version, else another).
    pub fn is_shown(&self, id: usize, lang: usize) -> bool {
        self.shown_version(self.group_of(id), lang) == Some(id)
    }

    /// Articles written in `lang`, in no particular order; with a topic, only its articles.
    pub fn written_in(&self, lang: usize, topic: Option<usize>) -> Vec<usize> {
        (0..self.articles.len())
            .filter(|&id| self.articles[id].lang == lang && self.in_topic(id, topic))
            .collect()
    }

    /// One warning per article for the languages its group lacks, in file order, with the
    /// file that would complete it.
    pub fn missing_translations(&self) -> Vec<Diagnostic> {
        let languages = &self.config.languages;
        self.articles
            .iter()
            .filter_map(|article| {
                let group = &self.groups[article.group];
                let missing: Vec<&Language> = languages
                    .iter()
                    .enumerate()
                    .filter(|(lang, _)| group.version(*lang).is_none())
                    .map(|(_, language)| language)
                    .collect();
                let first = missing.first()?;
                let names: Vec<String> = missing
                    .iter()
                    .map(|l| format!("{} ({})", l.code, l.name))
                    .collect();
                let own = format!(".{}.md", languages[article.lang].code);
                let stem = article.file.strip_suffix(&own).unwrap_or(&article.file);
                Some(Diagnostic::file(
                    &article.file,
                    format!(
                        "no translation in {}: write {stem}.{}.md, or give an existing translation the same translation_key",
                        names.join(", "),
                        first.code,
                    ),
                ))
            })
            .collect()
    }

    pub fn group_of(&self, id: usize) -> &Group {
        &self.groups[self.articles[id].group]
    }

    /// Takes the Markdown of every article out of the model, by id, for a build that renders
    /// each body once and never again (`dossier build`): each goes as its body is made, so
    /// that the bodies' HTML takes the memory it leaves (at 10,000 groups, over 100 MB).
    /// Kept in the model: the texts that translations marked up to date were made from,
    /// whose fingerprints the status page compares.
    pub fn take_markdown(&mut self) -> Vec<Arc<str>> {
        let sources: AHashSet<usize> = self
            .articles
            .iter()
            .filter_map(|article| {
                let (lang, _) = article.translated_from.as_ref()?;
                self.groups[article.group].version(*lang)
            })
            .collect();
        let empty: Arc<str> = Arc::from("");
        self.articles
            .iter_mut()
            .enumerate()
            .map(|(id, article)| match sources.contains(&id) {
                true => Arc::clone(&article.body),
                false => std::mem::replace(&mut article.body, Arc::clone(&empty)),
            })
            .collect()
    }

    fn shown_version(&self, group: &Group, lang: usize) -> Option<usize> {
        group
            .version(lang)
            .or_else(|| group.version(self.config.default_language))
            .or_else(|| group.existing().next())
    }

    /// Newest first; ties by title, then file, so that the order is total and stable.
    fn newest_first(&self, a: usize, b: usize) -> std::cmp::Ordering {
        let (a, b) = (&self.articles[a], &self.articles[b]);
        b.date
            .cmp(&a.date)
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.file.cmp(&b.file))
    }

    fn sort_newest_first(&self, ids: &mut [usize]) {
        ids.sort_unstable_by(|&a, &b| self.newest_first(a, b));
    }
}

/// Language indexes with the default language first.
fn lang_order(config: &Config) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(config.default_language)
        .chain((0..config.languages.len()).filter(move |&l| l != config.default_language))
}

/// Reads every file's name and front matter, in their order; files with errors are left out
/// (their errors go to `problems`).
pub fn read_drafts(config: &Config, files: &[SourceFile], problems: &mut Problems) -> Vec<Draft> {
    files
        .iter()
        .filter_map(|file| read_article(config, file, problems))
        .collect()
}

/// Reads one file's name and front matter.
pub fn read_article(config: &Config, file: &SourceFile, problems: &mut Problems) -> Option<Draft> {
    let path = &file.path;
    let name = path.rsplit('/').next().unwrap_or(path);
    let folder = path.strip_prefix("content/").unwrap_or(path);
    let folder = folder.rsplit_once('/').map(|(f, _)| f).unwrap_or("");
    let without_md = name.strip_suffix(".md").unwrap_or(name);
    let Some((stem, code)) = without_md.rsplit_once('.') else {
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
        let hint = did_you_mean(code, known.iter().copied())
            .map(|g| format!("did you mean \"{g}\"? "))
            .unwrap_or_default();
        problems.error(Diagnostic::file(
            path,
            format!(
                "unknown language suffix \"{code}\" ({hint}known: {})",
                config.language_codes()
            ),
        ));
        return None;
    };

    let split = match front_matter::split(&file.text) {
        Ok(split) => split,
        Err(e) => {
            problems.error(Diagnostic::at(path, e.line, e.message));
            return None;
        }
    };
    let fm_text = split.front_matter;
    let fm_line = split.front_matter_line;
    let matter: FrontMatter = match front_matter::parse(fm_text, fm_line) {
        Ok(matter) => matter,
        Err(e) => {
            problems.error(Diagnostic::at(path, e.line, e.message));
            return None;
        }
    };
    let line_of = |span: std::ops::Range<usize>| front_matter::line_of_span(fm_text, fm_line, span);
    let before = problems.errors.len();

    let title = matter.title.get_ref().trim().to_string();
    if title.is_empty() {
        problems.error(Diagnostic::at(
            path,
            line_of(matter.title.span()),
            "the title is empty",
        ));
    }
    let mut read_date = |value: &Option<toml::Spanned<toml::value::Datetime>>| {
        value
            .as_ref()
            .and_then(|spanned| match Date::from_toml(spanned.get_ref()) {
                Ok(date) => Some(date),
                Err(message) => {
                    problems.error(Diagnostic::at(path, line_of(spanned.span()), message));
                    None
                }
            })
    };
    let date = read_date(&matter.date);
    let updated = read_date(&matter.updated);

    let topics = matter.topics.as_ref().map(|spanned| {
        let line = line_of(spanned.span());
        let mut keys = Vec::new();
        if spanned.get_ref().is_empty() {
            problems.error(Diagnostic::at(
                path,
                line,
                format!(
                    "topics is empty: give at least one (known: {})",
                    config.topic_keys()
                ),
            ));
        }
        for topic in spanned.get_ref() {
            let line = line_of(topic.span());
            let key = topic.get_ref();
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
                    let hint = did_you_mean(key, names.iter().copied())
                        .map(|g| format!("did you mean \"{g}\"? "))
                        .unwrap_or_default();
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
    });

    let key = matter.translation_key.as_ref().map(|spanned| {
        let key = spanned.get_ref().trim().to_string();
        let line = line_of(spanned.span());
        if let Some(problem) = key_problem(&key) {
            problems.error(Diagnostic::at(
                path,
                line,
                format!("translation_key \"{}\" {problem}", key.escape_debug()),
            ));
        }
        (key, line)
    });

    let (slug, slug_line) = match &matter.slug {
        Some(spanned) => (spanned.get_ref().clone(), line_of(spanned.span())),
        None => (stem.to_string(), 1),
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

    if let Some(source) = &matter.source {
        let line = fm_text
            .lines()
            .position(|l| {
                let l = l.trim_start();
                l.starts_with("source") || l.starts_with("[source]")
            })
            .map_or(fm_line, |i| fm_line + i);
        if source.name.trim().is_empty() {
            problems.error(Diagnostic::at(path, line, "source.name is empty"));
        }
        if let Some(url) = &source.url {
            if !is_web_address(url) {
                problems.error(Diagnostic::at(
                    path,
                    line,
                    format!(
                        "source.url \"{}\" is not a web address: write it in full, starting with https:// or http://",
                        url.escape_debug()
                    ),
                ));
            }
        }
    }

    let translated_from = matter.translated_from.as_ref().and_then(|spanned| {
        let value = spanned.get_ref();
        let line = line_of(spanned.span());
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
    });

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
        date,
        updated,
        topics,
        summary: matter
            .summary
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        source: matter.source,
        body: Arc::from(split.body),
        body_line: split.body_line,
        draft: matter.draft,
        translated_from,
    })
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
    let source = draft
        .source
        .clone()
        .or_else(|| others.iter().find_map(|o| o.source.clone()));
    let topics = match &draft.topics {
        Some((own, line)) => {
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
        None => others
            .iter()
            .find_map(|o| o.topics.as_ref().map(|(t, _)| t.clone())),
    };
    let inherit_hint = if others.is_empty() {
        ""
    } else {
        ", and its translations have none to inherit"
    };
    let Some(date) = date else {
        problems.error(Diagnostic::at(&draft.file, 1, format!("missing required field `date` (write date = YYYY-MM-DD in the front matter{inherit_hint})")));
        return None;
    };
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
        source,
        group,
        body: draft.body.clone(),
        body_line: draft.body_line,
        draft: draft.draft,
        translated_from: draft.translated_from.clone(),
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

/// An absolute http(s) URL without spaces or control characters: the only kind of link a
/// source may carry (no `javascript:`, no relative path).
fn is_web_address(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        !rest.is_empty() && !url.chars().any(|c| c.is_whitespace() || c.is_control())
    })
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
