//! The articles on an actor's pages, each with the sentence that names the actor: an article's
//! entry is rendered once (`actor-entry.html`, a list entry cached as the others are) for all
//! the actors it names, cut where its sentence goes, and the sentence spliced in for each
//! actor. The pages' contexts then hold a marker, not fifty entries made into template
//! values, and an article named with five actors goes through Tera once, not five times.

use std::sync::Arc;

use super::markdown::escape;
use super::{LIST, ListKind, Listed, Lists, Renderer, SENTENCE, numbered_marker};
use crate::config::{ActorId, LangId};
use crate::error::Diagnostic;
use crate::model::ArticleId;

/// An actor page's entry of an article: before its sentence, and after (none: the entry has
/// no place for one).
pub(crate) type CutEntry = (Arc<str>, Option<Arc<str>>);

impl Renderer<'_> {
    /// The articles `ids` on a page of `actor`'s in `lang` (`kind`: its first page or a later
    /// one): in the context, a marker that `splice_lists` replaces by each article's entry
    /// with its sentence, the pieces in `lists`.
    pub(crate) fn named_all(
        &self,
        ids: &[usize],
        lang: usize,
        actor: ActorId,
        kind: ListKind,
        lists: &mut Lists,
    ) -> Result<Listed, Diagnostic> {
        let mut pieces = Vec::with_capacity(ids.len() * 3);
        for &id in ids {
            match self.cut_entry(id, lang, kind)? {
                (whole, None) => pieces.push(whole),
                (before, Some(after)) => {
                    pieces.push(before);
                    if let Some(sentence) = self.sentence_html(id, lang, actor) {
                        pieces.push(sentence);
                    }
                    pieces.push(after);
                }
            }
        }
        let html = numbered_marker(LIST, lists.len());
        lists.push(pieces);
        Ok(Listed {
            html,
            count: ids.len(),
        })
    }

    /// Article `id`'s entry on the actors' pages of `kind` in `lang`, from the cache or
    /// rendered and kept: what comes before its sentence and what comes after; the whole
    /// entry and no place for a sentence when a site's own `actor-entry.html` prints no
    /// `sentence` (its pages then show none).
    fn cut_entry(&self, id: usize, lang: usize, kind: ListKind) -> Result<CutEntry, Diagnostic> {
        let key = (ArticleId(id), LangId(lang), kind);
        if let Some(cut) = self.entries.cut.lock().expect("entry cache").get(&key) {
            return Ok(cut.clone());
        }
        let html = self.entry_html(id, lang, kind)?;
        let cut: CutEntry = match html.find(SENTENCE) {
            Some(at) => (
                Arc::from(&html[..at]),
                Some(Arc::from(&html[at + SENTENCE.len()..])),
            ),
            None => (Arc::from(html), None),
        };
        self.entries
            .cut
            .lock()
            .expect("entry cache")
            .insert(key, cut.clone());
        Ok(cut)
    }

    /// The sentence that names `actor` in article `id`, as its entry on the actor's page in
    /// `lang` shows it: quoted, marked with its language when that is not the page's; none
    /// when no sentence names it (an actor its front matter adds).
    fn sentence_html(&self, id: usize, lang: usize, actor: ActorId) -> Option<Arc<str>> {
        let (sentence, written_in) = self.sentence_naming(id, actor);
        if sentence.is_empty() {
            return None;
        }
        let language = &self.config().languages[written_in];
        let text = escape(&language.typeset(&sentence));
        let mut html = String::with_capacity(text.len() + 64);
        html.push_str("<blockquote class=\"actor-sentence\"");
        if written_in != lang {
            html.push_str(" lang=\"");
            html.push_str(&escape(&language.code));
            html.push('"');
        }
        html.push_str("><p>");
        html.push_str(&text);
        html.push_str("</p></blockquote>");
        Some(Arc::from(html))
    }

    /// The sentence that names `actor` in article `id` (the page lists it), or in another
    /// version of its group when its own does not, with the language it is written in.
    fn sentence_naming(&self, id: usize, actor: ActorId) -> (String, usize) {
        let index = self.actor_index();
        self.versions_from(id)
            .find_map(|version| {
                index.named[version]
                    .iter()
                    .find(|(a, _)| *a == actor)
                    .map(|(_, sentence)| (sentence.clone(), self.dossier.articles[version].lang))
            })
            .unwrap_or_default()
    }
}
