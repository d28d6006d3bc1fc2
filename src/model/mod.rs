//! Step two: from text to the dossier's model. Parses front matter, pairs translations, lets a
//! translation inherit the facts it omits, and checks everything SPEC §2 asks. Pure: no IO.

pub mod abstracts;
mod actors;
pub mod briefing;
pub mod credits;
mod draft;
pub mod figures;
pub mod front_matter;
mod pairing;
pub mod reading;
mod sources;
pub mod status;

pub use actors::ActorChoices;
pub use draft::{Draft, read_article, read_drafts, slug_problem, suggest_slug};
pub use sources::{SiteSources, SourceFile};

use std::sync::Arc;

use ahash::AHashSet;

use crate::config::{Config, Language};
use crate::error::Diagnostic;
use crate::text::date::Date;
use credits::{Author, Source};

/// An article, by its place in `Dossier::articles` (sorted by file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleId(pub usize);

impl std::ops::Index<ArticleId> for Vec<Article> {
    type Output = Article;

    fn index(&self, id: ArticleId) -> &Article {
        &self[id.0]
    }
}

/// The whole dossier: configuration, articles, and translation groups.
#[derive(Debug, Clone)]
pub struct Dossier {
    pub config: Config,
    /// Sorted by file path.
    pub articles: Vec<Article>,
    /// Sets of articles that translate each other, in order of their first file.
    pub groups: Vec<Group>,
    /// A preview with drafts (`--drafts`): what an unfinished article may still have is a
    /// warning, not an error.
    pub include_drafts: bool,
}

/// What an article file is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// News with a date and topics: listed, in the feeds and the briefing.
    #[default]
    Article,
    /// A reference page (About, Methods, Contact): no date needed, no topics, reachable from
    /// the navigation; kept out of the lists, the feeds and the briefing, in the sitemap and
    /// the search.
    Page,
}

/// One article (or reference page: see `kind`) in one language.
#[derive(Debug, Clone)]
pub struct Article {
    /// Relative to the site root: `content/sanctions/un-report.fr.md`.
    pub file: String,
    /// Index into `Config::languages`.
    pub lang: usize,
    pub slug: String,
    pub title: String,
    /// Always there for an article; a reference page may have none.
    pub date: Option<Date>,
    pub updated: Option<Date>,
    /// Indexes into `Config::topics`, in the order written; none for a reference page.
    pub topics: Vec<usize>,
    pub summary: Option<String>,
    /// What it is based on, in the order written (inherited from its original when a
    /// translation gives none).
    pub sources: Vec<Source>,
    /// Its authors, in the order written (inherited likewise).
    pub authors: Vec<Author>,
    /// Its title and summary in languages its group has no version in (never inherited).
    pub abstracts: Vec<abstracts::Abstract>,
    pub group: usize,
    /// Shared with the parsed file, so rebuilding the model copies no text.
    pub body: Arc<str>,
    /// File line where `body` starts.
    pub body_line: usize,
    /// Whether the body has anything to read (not only blanks and comments).
    pub has_text: bool,
    pub draft: bool,
    /// For a translation marked up to date: the language it was made from, and the
    /// fingerprint ([`status::fingerprint`]) of that version's text then.
    pub translated_from: Option<(usize, String)>,
    pub kind: Kind,
    /// A reference page's place in the navigation (lowest first), if it is there.
    pub nav: Option<i64>,
    /// Old addresses that lead to this version: the files that stand there
    /// (`fr/old/index.html`), with their lines.
    pub aliases: Vec<(String, usize)>,
    /// `Some(true)`: always in the printable briefing; `Some(false)`: never; `None`: as its
    /// selection decides (inherited from a translation that says).
    pub briefing: Option<bool>,
    /// Actors its front matter adds to those its text names, and those it leaves out
    /// (inherited from a translation that gives them).
    pub actors: ActorChoices,
    /// Its key figures, in the order written (each inheriting its date, source and actors
    /// from the figure at its place in the original).
    pub figures: Vec<figures::Figure>,
}

impl Article {
    pub fn is_page(&self) -> bool {
        self.kind == Kind::Page
    }

    /// The later of its date and its update, if it has either.
    pub fn last_changed(&self) -> Option<Date> {
        self.date.max(self.updated)
    }

    /// Its title and summary in `lang`, when it has them there and is not written in it.
    pub fn abstract_in(&self, lang: usize) -> Option<&abstracts::Abstract> {
        self.abstracts.iter().find(|a| a.lang == lang)
    }

    /// Its date as `2019-08-05`, empty without one.
    pub fn date_iso(&self) -> String {
        self.date.map(|d| d.iso()).unwrap_or_default()
    }
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
            sources,
            authors,
            abstracts,
            group: _,
            body: _,
            body_line: _,
            has_text,
            draft: _,
            translated_from: _,
            kind,
            nav,
            aliases: _,
            briefing,
            actors,
            figures,
        } = self;
        (
            (lang, slug, title, date, updated, topics, summary),
            (sources, authors, abstracts, figures),
            (has_text, kind, nav, briefing, actors),
        )
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

impl Dossier {
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
    /// Articles only: reference pages are in no list.
    pub fn shown(&self, lang: usize, topic: Option<usize>) -> Vec<usize> {
        self.groups
            .iter()
            .filter_map(|g| self.shown_version(g, lang))
            .filter(|&id| !self.articles[id].is_page() && self.in_topic(id, topic))
            .collect()
    }

    /// How many articles `shown(lang, topic)` holds, counted without listing them.
    pub fn shown_count(&self, lang: usize, topic: Option<usize>) -> usize {
        self.groups
            .iter()
            .filter_map(|g| self.shown_version(g, lang))
            .filter(|&id| !self.articles[id].is_page() && self.in_topic(id, topic))
            .count()
    }

    /// The reference pages in `lang`'s navigation (those with `nav`), in its order.
    pub fn navigation(&self, lang: usize) -> Vec<usize> {
        let mut ids = self.reference_pages(lang);
        ids.retain(|&id| self.articles[id].nav.is_some());
        ids
    }

    /// The reference pages `lang` shows (each group's version in `lang`, or else in the
    /// default language, or else the first), in navigation order (`nav`, then title; those
    /// without `nav` last).
    pub fn reference_pages(&self, lang: usize) -> Vec<usize> {
        let mut ids: Vec<usize> = self
            .groups
            .iter()
            .filter_map(|g| self.shown_version(g, lang))
            .filter(|&id| self.articles[id].is_page())
            .collect();
        ids.sort_by(|&a, &b| {
            let (a, b) = (&self.articles[a], &self.articles[b]);
            (a.nav.is_none(), a.nav, &a.title, &a.file).cmp(&(
                b.nav.is_none(),
                b.nav,
                &b.title,
                &b.file,
            ))
        });
        ids
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

    /// Every article (no reference page), newest first.
    pub fn newest_first_all(&self) -> Vec<usize> {
        let mut ids: Vec<usize> = (0..self.articles.len())
            .filter(|&id| !self.articles[id].is_page())
            .collect();
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

    /// Articles written in `lang` (no reference page), in no particular order; with a topic,
    /// only its articles.
    pub fn written_in(&self, lang: usize, topic: Option<usize>) -> Vec<usize> {
        (0..self.articles.len())
            .filter(|&id| {
                let article = &self.articles[id];
                article.lang == lang && !article.is_page() && self.in_topic(id, topic)
            })
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

    /// Whether `lang`'s lists show translation group `group`: an article (not a reference
    /// page), its own version or the one it stands by.
    pub fn lists_group(&self, group: usize, lang: usize) -> bool {
        self.shown_version(&self.groups[group], lang)
            .is_some_and(|id| !self.articles[id].is_page())
    }

    fn shown_version(&self, group: &Group, lang: usize) -> Option<usize> {
        group
            .version(lang)
            .or_else(|| group.version(self.config.default_language))
            .or_else(|| group.existing().next())
    }

    /// Newest first; a day's articles by file, so that the order is total and stable, and
    /// the same as their reading paths' (`reading`): a new title never moves an article.
    fn newest_first(&self, a: usize, b: usize) -> std::cmp::Ordering {
        let (a, b) = (&self.articles[a], &self.articles[b]);
        b.date.cmp(&a.date).then_with(|| a.file.cmp(&b.file))
    }

    fn sort_newest_first(&self, ids: &mut [usize]) {
        ids.sort_unstable_by(|&a, &b| self.newest_first(a, b));
    }
}
