//! Which actors' pages a general rebuild renders: those of the actors that the articles shown
//! again name, before the edit or after it. An actor's pages show the articles that name it
//! (title, date, address, the sentence that names it, the language marks), the actors named
//! with it and the figures that concern it: all of it comes from articles that name it, so
//! the pages of an actor that no changed article names, before or after, are the same.

use ahash::AHashSet;

use super::Good;
use crate::model::{ArticleId, Dossier};
use crate::render::ActorIndex;
use crate::site::pages::Page;

/// Drops from `pages` the actors' pages that `dossier` (whose actors are `actors`) shows as
/// `old` did. The index of actors stays (it counts every actor).
pub(super) fn keep_changed_actors(
    old: &Good,
    dossier: &Dossier,
    actors: &ActorIndex,
    pages: &mut Vec<Page>,
) {
    if !pages.iter().any(|page| matches!(page, Page::Actor { .. })) {
        return;
    }
    // The articles shown again: every one whose page is rendered (a changed article, its
    // versions, those whose links changed).
    let shown: Vec<usize> = pages
        .iter()
        .filter_map(|page| match page {
            Page::Article(ArticleId(id)) => Some(*id),
            _ => None,
        })
        .collect();
    let files: AHashSet<&str> = shown
        .iter()
        .map(|&id| dossier.articles[id].file.as_str())
        .collect();
    let now: AHashSet<&str> = dossier.articles.iter().map(|a| a.file.as_str()).collect();
    // The same files in the old model, and the files that went.
    let before = old
        .dossier
        .articles
        .iter()
        .enumerate()
        .filter(|(_, a)| files.contains(a.file.as_str()) || !now.contains(a.file.as_str()))
        .map(|(o, _)| o);
    let mut named: AHashSet<_> = actors.named_by(shown.iter().copied()).into_iter().collect();
    named.extend(old.actors.named_by(before));
    pages.retain(|page| match page {
        Page::Actor { actor, .. } => named.contains(actor),
        _ => true,
    });
}
