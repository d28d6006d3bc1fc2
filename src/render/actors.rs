//! The actors' pages (issue 29): the index of a language's actors by kind, and each actor's
//! pages (who it is, the actors most often named with it, its key figures, and the articles
//! that name it newest first with the sentence of the first mention, `[lists] per_page` a
//! page); the actors an article names, listed on its page; the briefing's who's who; the
//! actors in the search. Which articles name which actors: `actor_index`.

use ahash::AHashMap;
use serde::Serialize;

use super::context::page_context;
use super::pagination::{self, Pagination};
use super::{Common, ListKind, Listed, Lists, Renderer};
use crate::config::{ActorId, LangId, Language};
use crate::error::Diagnostic;
use crate::site::pages::Page;
use crate::site::urls;

/// How many of the actors named with an actor its page shows.
const NAMED_WITH: usize = 5;

pub(crate) struct ActorsContext {
    common: Common,
    kinds: Vec<KindGroup>,
}

#[derive(Serialize)]
struct KindGroup {
    key: String,
    name: String,
    actors: Vec<ActorSummary>,
}

#[derive(Serialize)]
struct ActorSummary {
    key: String,
    name: String,
    description: String,
    href: String,
    count: usize,
    count_text: String,
}

pub(crate) struct ActorContext {
    common: Common,
    actors_href: String,
    actor: ActorPage,
    /// This page's articles, each with the sentence that names it (`actor_list`).
    articles: Listed,
    /// How many articles name it, on all its pages.
    count_text: String,
    /// On its first page, the actors most often named with it.
    with: Vec<ActorLink>,
    /// On its first page, the newest key figures that concern it.
    figures: super::figures::Figures,
    pagination: Option<Pagination>,
}

#[derive(Serialize)]
struct ActorPage {
    key: String,
    kind: String,
    name: String,
    description: String,
    /// `since 17 December 2011`, in the page's language; empty without dates.
    dates: String,
    link: Option<String>,
    /// Its first page: the trail's third step on its later pages.
    href: String,
}

/// The actors of a kind on a briefing's who's who.
#[derive(Serialize)]
pub(crate) struct WhoKind {
    pub(crate) name: String,
    pub(crate) actors: Vec<WhoActor>,
}

/// An actor on a briefing's who's who.
#[derive(Serialize)]
pub(crate) struct WhoActor {
    /// Its key in `actors.toml`.
    pub(crate) key: String,
    pub(crate) name: String,
    pub(crate) description: String,
    /// `since 17 December 2011`, in the page's language; empty without dates.
    pub(crate) dates: String,
    pub(crate) href: String,
}

/// A link to an actor's page.
#[derive(Serialize)]
pub(crate) struct ActorLink {
    name: String,
    href: String,
}

page_context!(
    ActorsContext { kinds },
    ActorContext {
        actors_href,
        actor,
        articles,
        count_text,
        with,
        figures,
        pagination
    }
);

impl Renderer<'_> {
    /// The links to the actors article `id` names, from `path` (its page).
    pub(crate) fn article_actors(&self, id: usize, path: &str) -> Vec<ActorLink> {
        self.actor_links(id, self.dossier.articles[id].lang, path)
    }

    /// The links to the actors article `id` names, in `lang` (a briefing may print an article
    /// written in another language), from `path`.
    pub(crate) fn actor_links(&self, id: usize, lang: usize, path: &str) -> Vec<ActorLink> {
        self.actors_of(self.versions_from(id))
            .into_iter()
            .map(|actor| self.actor_link(lang, actor, path))
            .collect()
    }

    fn actor_link(&self, lang: usize, actor: ActorId, from: &str) -> ActorLink {
        let config = self.config();
        let actor = &config.actors[actor];
        ActorLink {
            name: actor.texts[lang].name.clone(),
            href: urls::relative(from, &urls::actor(&config.languages[lang], &actor.key)),
        }
    }

    /// A briefing's who's who: the actors its printed articles name (`printed`, by article;
    /// an article names the actors of its group), by kind and in the file's order as the
    /// index, each with its description and dates; empty without actors.
    pub(crate) fn who_is_who(&self, lang: usize, printed: &[bool], path: &str) -> Vec<WhoKind> {
        let config = self.config();
        if config.actors.actors.is_empty() {
            return Vec::new();
        }
        let language = &config.languages[lang];
        let mut named = vec![false; config.actors.actors.len()];
        for id in (0..printed.len()).filter(|&id| printed[id]) {
            for actor in self.actors_of(self.versions_from(id)) {
                named[actor.0] = true;
            }
        }
        config
            .actors
            .kinds
            .iter()
            .enumerate()
            .map(|(k, kind)| WhoKind {
                name: kind.names[lang].clone(),
                actors: config
                    .actors
                    .actors
                    .iter()
                    .zip(&named)
                    .filter(|(actor, named)| actor.kind == k && **named)
                    .map(|(actor, _)| WhoActor {
                        key: actor.key.clone(),
                        name: actor.texts[lang].name.clone(),
                        description: language.typeset(&actor.texts[lang].description),
                        dates: dates(language, actor.since, actor.until),
                        href: urls::relative(path, &urls::actor(language, &actor.key)),
                    })
                    .collect(),
            })
            .filter(|kind: &WhoKind| !kind.actors.is_empty())
            .collect()
    }

    /// Each actor's page as the search of `lang` shows it, in the file's order: its name as
    /// title, its description as summary, its kind and dates where an article has its date,
    /// and its name and aliases as text (what a snippet is cut from).
    pub(crate) fn actor_search_docs(&self, lang: usize) -> Vec<super::search::Doc> {
        let config = self.config();
        let language = &config.languages[lang];
        let from = urls::search(language);
        config
            .actors
            .actors
            .iter()
            .map(|actor| {
                let text = &actor.texts[lang];
                let kind = &config.actors.kinds[actor.kind].names[lang];
                let dates = dates(language, actor.since, actor.until);
                super::search::Doc {
                    href: urls::relative(&from, &urls::actor(language, &actor.key)),
                    title: text.name.clone(),
                    summary: text.description.clone(),
                    date: match dates.is_empty() {
                        true => kind.clone(),
                        false => format!("{kind} · {dates}"),
                    },
                    lang: language.code.clone(),
                    shown_lang: String::new(),
                    only: String::new(),
                    text: text.spellings().collect::<Vec<_>>().join(" · "),
                    words: None,
                }
            })
            .collect()
    }

    /// The index of a language's actors, by kind in the file's order.
    pub(crate) fn actors_page(&self, lang: usize, path: &str) -> ActorsContext {
        let config = self.config();
        let language = &config.languages[lang];
        let common = self.named_page(
            Page::Actors(LangId(lang)),
            lang,
            urls::actors,
            path,
            "actors",
        );
        let kinds = config
            .actors
            .kinds
            .iter()
            .enumerate()
            .map(|(k, kind)| KindGroup {
                key: kind.key.clone(),
                name: kind.names[lang].clone(),
                actors: config
                    .actors
                    .actors
                    .iter()
                    .enumerate()
                    .filter(|(_, actor)| actor.kind == k)
                    .map(|(a, actor)| {
                        let count = self.named_in(ActorId(a), lang).len();
                        ActorSummary {
                            key: actor.key.clone(),
                            name: actor.texts[lang].name.clone(),
                            description: language.typeset(&actor.texts[lang].description),
                            href: urls::relative(path, &urls::actor(language, &actor.key)),
                            count,
                            count_text: super::topics::count_text(language, count),
                        }
                    })
                    .collect(),
            })
            .filter(|kind: &KindGroup| !kind.actors.is_empty())
            .collect();
        ActorsContext { common, kinds }
    }

    /// Page `page` (from 1) of an actor's in `lang`.
    pub(crate) fn actor_page(
        &self,
        lang: usize,
        actor: ActorId,
        page: usize,
        path: &str,
        lists: &mut Lists,
    ) -> Result<ActorContext, Diagnostic> {
        let config = self.config();
        let language = &config.languages[lang];
        let declared = &config.actors[actor];
        let text = &declared.texts[lang];
        let (alternates, switcher) = self.everywhere(
            Page::Actor {
                lang: LangId(lang),
                actor,
                page,
            },
            lang,
            |l| urls::actor(l, &declared.key),
            path,
        );
        let page_number = language.string("page_number");
        let common = self.common(
            lang,
            path,
            super::context::Head {
                root: urls::root_of(path),
                title: format!(
                    "{} · {}",
                    pagination::numbered(&text.name, page, page_number),
                    language.title
                ),
                description: language.typeset(&text.description),
                alternates,
                switcher,
            },
        );
        let index = self.actor_index();
        let ids = self.named_in(actor, lang);
        let first = page <= 1;
        let shown = &ids[pagination::slice(ids.len(), page, config.lists.per_page)];
        let kind = match first {
            true => ListKind::Actor,
            false => ListKind::ActorLater,
        };
        let articles = self.named_all(shown, lang, actor, kind, lists)?;
        // The actors named with it, on its first page only.
        let mut with: AHashMap<ActorId, usize> = AHashMap::new();
        let groups = match first {
            true => &index.groups[actor.0][..],
            false => &[],
        };
        for &group in groups {
            for other in self.actors_of(self.dossier.groups[group].existing()) {
                if other != actor {
                    *with.entry(other).or_default() += 1;
                }
            }
        }
        let mut with: Vec<(ActorId, usize)> = with.into_iter().collect();
        with.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        Ok(ActorContext {
            common,
            actors_href: urls::relative(path, &urls::actors(language)),
            actor: ActorPage {
                key: declared.key.clone(),
                kind: config.actors.kinds[declared.kind].names[lang].clone(),
                name: text.name.clone(),
                description: language.typeset(&text.description),
                dates: dates(language, declared.since, declared.until),
                link: text.link.clone(),
                href: urls::relative(path, &urls::actor(language, &declared.key)),
            },
            count_text: super::topics::count_text(language, ids.len()),
            figures: match first {
                true => self.gathered_figures(ids, lang, Some(actor), path),
                false => super::figures::Figures::none(),
            },
            pagination: pagination::pagination(
                path,
                page,
                config.lists.pages(ids.len()),
                page_number,
                |n| urls::actor_page(language, &declared.key, n),
            ),
            articles,
            with: with
                .into_iter()
                .take(NAMED_WITH)
                .map(|(other, _)| self.actor_link(lang, other, path))
                .collect(),
        })
    }
}

/// `since 17 December 2011`, `until …`, `from … to …` in `language`; empty without dates.
fn dates(
    language: &Language,
    since: Option<crate::text::date::Date>,
    until: Option<crate::text::date::Date>,
) -> String {
    let date = |d| language.localize(d);
    match (since, until) {
        (Some(since), Some(until)) => language
            .string("actor_from_to")
            .replace("{since}", &date(since))
            .replace("{until}", &date(until)),
        (Some(since), None) => language
            .string("actor_since")
            .replace("{date}", &date(since)),
        (None, Some(until)) => language
            .string("actor_until")
            .replace("{date}", &date(until)),
        (None, None) => String::new(),
    }
}
