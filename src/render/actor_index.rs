//! Which actors each article names (issue 29), read off every article once per build and
//! kept by the engine between edits: an article names an actor when its title, summary or body
//! does (`mentions`), when its front matter adds it or one of its figures concerns it; a
//! translation group names every actor one of its versions does, so that a language's lists
//! show the group as they show it everywhere else.

use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use super::Renderer;
use super::markdown::Rendered;
use super::mentions::{Finder, sentence_around};
use crate::config::ActorId;
use crate::model::Dossier;
use crate::site::pages::ActorCounts;

/// What the actors' pages read off every article.
pub struct ActorIndex {
    /// The actors each article names, in order of first mention, each with the sentence of
    /// that mention (its title, summary or body).
    pub(crate) named: Vec<Vec<(ActorId, String)>>,
    /// The translation groups that name each actor, by actor, in increasing order.
    pub(crate) groups: Vec<Vec<usize>>,
    /// The articles each language shows that name each actor, newest first, made the first
    /// time a page of the language asks (one pass over its timeline for every actor).
    listings: Vec<OnceLock<Vec<Vec<usize>>>>,
}

impl ActorIndex {
    /// What every article of `dossier` names, its bodies rendered (`finder`: the automata of
    /// its config).
    pub fn new(dossier: &Dossier, bodies: &[Arc<Rendered>], finder: &Finder) -> ActorIndex {
        if dossier.config.actors.actors.is_empty() {
            return ActorIndex::from_named(dossier, vec![Vec::new(); dossier.articles.len()]);
        }
        let named = (0..dossier.articles.len())
            .into_par_iter()
            .map(|id| read_named(dossier, bodies, finder, id))
            .collect();
        ActorIndex::from_named(dossier, named)
    }

    /// The index after an edit of the text of articles `ids` (the model otherwise the same).
    pub fn with_edited(
        &self,
        dossier: &Dossier,
        bodies: &[Arc<Rendered>],
        finder: &Finder,
        ids: &[usize],
    ) -> ActorIndex {
        let mut named = self.named.clone();
        if !dossier.config.actors.actors.is_empty() {
            for &id in ids {
                named[id] = read_named(dossier, bodies, finder, id);
            }
        }
        ActorIndex::from_named(dossier, named)
    }

    fn from_named(dossier: &Dossier, named: Vec<Vec<(ActorId, String)>>) -> ActorIndex {
        let mut groups: Vec<Vec<usize>> = vec![Vec::new(); dossier.config.actors.actors.len()];
        for (id, actors) in named.iter().enumerate() {
            for (actor, _) in actors {
                groups[actor.0].push(dossier.articles[id].group);
            }
        }
        for list in &mut groups {
            list.sort_unstable();
            list.dedup();
        }
        ActorIndex {
            named,
            groups,
            listings: dossier
                .config
                .languages
                .iter()
                .map(|_| OnceLock::new())
                .collect(),
        }
    }

    /// How many articles each actor's pages list in each language: the groups that name it
    /// and that the language shows as an article (its own version, or the original's).
    pub fn counts(&self, dossier: &Dossier) -> ActorCounts {
        let mut counts = Vec::with_capacity(dossier.config.languages.len() * self.groups.len());
        for lang in 0..dossier.config.languages.len() {
            for groups in &self.groups {
                let listed = groups
                    .iter()
                    .filter(|&&group| dossier.lists_group(group, lang))
                    .count();
                counts.push(listed);
            }
        }
        ActorCounts(counts)
    }

    /// Whether article `id` names the same actors in the same order in both indexes (of the
    /// same model).
    pub fn names_alike(&self, other: &ActorIndex, id: usize) -> bool {
        let (mine, theirs) = (&self.named[id], &other.named[id]);
        mine.len() == theirs.len() && mine.iter().zip(theirs).all(|(a, b)| a.0 == b.0)
    }

    /// The actors the articles `ids` name (their own, not their groups').
    pub fn named_by(&self, ids: impl Iterator<Item = usize>) -> Vec<ActorId> {
        let mut actors: Vec<ActorId> = ids
            .flat_map(|id| self.named[id].iter().map(|(actor, _)| *actor))
            .collect();
        actors.sort_unstable();
        actors.dedup();
        actors
    }
}

/// The actors article `id` names: its title's, then its summary's, then its body's, each
/// once, with the sentence that names it: the body's first when the body names it (the most
/// telling), else the summary's, else the title.
fn read_named(
    dossier: &Dossier,
    bodies: &[Arc<Rendered>],
    finder: &Finder,
    id: usize,
) -> Vec<(ActorId, String)> {
    let article = &dossier.articles[id];
    // Each actor with its sentence and where that comes from (0 title, 1 summary, 2 body).
    let mut named: Vec<(ActorId, String, u8)> = Vec::new();
    let mut add = |actor: ActorId, sentence: &str, from: u8| match named
        .iter_mut()
        .find(|(a, _, _)| *a == actor)
    {
        Some((_, kept, kept_from)) if from > *kept_from => {
            (*kept, *kept_from) = (sentence.to_string(), from);
        }
        Some(_) => {}
        None => named.push((actor, sentence.to_string(), from)),
    };
    if finder.has_any(article.lang) {
        for (actor, _) in finder.find(article.lang, &article.title) {
            add(actor, &article.title, 0);
        }
        if let Some(summary) = &article.summary {
            for (actor, range) in finder.find(article.lang, summary) {
                add(actor, sentence_around(summary, range), 1);
            }
        }
        for mention in &bodies[id].mentions {
            add(mention.actor, &mention.sentence, 2);
        }
    }
    // Those its front matter adds (no sentence names them), and those its figures concern,
    // less those it leaves out.
    for &actor in &article.actors.named {
        add(actor, "", 0);
    }
    for figure in &article.figures {
        for &actor in &figure.actors {
            add(actor, "", 0);
        }
    }
    named.retain(|(actor, _, _)| !article.actors.not_named.contains(actor));
    named
        .into_iter()
        .map(|(actor, sentence, _)| (actor, sentence))
        .collect()
}

impl Renderer<'_> {
    /// The renderer, with the actors every article names already read off (the engine's).
    pub fn with_actor_index(self, index: Arc<ActorIndex>) -> Self {
        let _ = self.actor_index.set(index);
        self
    }

    /// The actors every article names, and the groups that name each actor: the engine's,
    /// or made the first time a page asks.
    pub(crate) fn actor_index(&self) -> &ActorIndex {
        self.actor_index.get_or_init(|| {
            let finder = Finder::new(&self.dossier.config);
            Arc::new(ActorIndex::new(self.dossier, self.bodies, &finder))
        })
    }

    /// The articles `lang` shows whose group names `actor`, newest first.
    pub(crate) fn named_in(&self, actor: ActorId, lang: usize) -> &[usize] {
        let index = self.actor_index();
        let listings = index.listings[lang].get_or_init(|| {
            let mut listings = vec![Vec::new(); index.groups.len()];
            for &id in self.timeline_ids(lang) {
                for a in self.actors_of(self.versions_from(id)) {
                    listings[a.0].push(id);
                }
            }
            listings
        });
        &listings[actor.0]
    }

    /// Article `id`, then the other versions of its group.
    pub(crate) fn versions_from(&self, id: usize) -> impl Iterator<Item = usize> + '_ {
        let others = self
            .dossier
            .group_of(id)
            .existing()
            .filter(move |&v| v != id);
        std::iter::once(id).chain(others)
    }

    /// The actors these versions name, each once, in the order of the versions then of
    /// their first mention.
    pub(crate) fn actors_of(&self, versions: impl Iterator<Item = usize>) -> Vec<ActorId> {
        let index = self.actor_index();
        let mut actors: Vec<ActorId> = Vec::new();
        for version in versions {
            for (actor, _) in &index.named[version] {
                if !actors.contains(actor) {
                    actors.push(*actor);
                }
            }
        }
        actors
    }
}
