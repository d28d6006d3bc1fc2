//! The actors' pages (issue 29): the index of a language's actors by kind, and each actor's
//! page (who it is, the articles that name it newest first with the sentence of the first
//! mention, the actors most often named with it); and the actors an article names, listed on
//! its page. An article names an actor when its title, summary or body does (`mentions`); a
//! translation group names every actor one of its versions does, so that a language's lists
//! show the group as they show it everywhere else.

use std::sync::OnceLock;

use ahash::AHashMap;
use serde::Serialize;

use super::context::page_context;
use super::lists::Entry;
use super::mentions::{Finder, sentence_around};
use super::{Common, Renderer};
use crate::config::{ActorId, LangId, Language};
use crate::site::pages::Page;
use crate::site::urls;

/// How many of the actors named with an actor its page shows.
const NAMED_WITH: usize = 5;

/// What the actors' pages read off every article, made once per renderer.
pub(crate) struct ActorIndex {
    /// The actors each article names, in order of first mention, each with the sentence of
    /// that mention (its title, summary or body).
    pub(crate) named: Vec<Vec<(ActorId, String)>>,
    /// The translation groups that name each actor, by actor, in increasing order.
    pub(super) groups: Vec<Vec<usize>>,
    /// The articles each language shows that name each actor, newest first, made the first
    /// time a page of the language asks (one pass over its timeline for every actor).
    listings: Vec<OnceLock<Vec<Vec<usize>>>>,
}

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
    articles: Vec<Named>,
    count_text: String,
    with: Vec<ActorLink>,
    /// The newest key figures that concern it, from the articles that name it.
    figures: super::figures::Figures,
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
}

/// An article that names the actor, and the sentence that does.
#[derive(Serialize)]
struct Named {
    entry: Entry,
    sentence: String,
    /// The sentence's language, when it is not the page's (an article not translated).
    sentence_lang: String,
}

/// The actors of a kind on a briefing's who's who.
#[derive(Serialize)]
pub(crate) struct WhoKind {
    name: String,
    actors: Vec<WhoActor>,
}

/// An actor on a briefing's who's who.
#[derive(Serialize)]
struct WhoActor {
    name: String,
    description: String,
    /// `since 17 December 2011`, in the page's language; empty without dates.
    dates: String,
    href: String,
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
        figures
    }
);

impl Renderer<'_> {
    /// The actors every article names, and the groups that name each actor.
    pub(crate) fn actor_index(&self) -> &ActorIndex {
        self.actor_index.get_or_init(|| {
            let dossier = self.dossier;
            let finder = Finder::new(&dossier.config);
            let named: Vec<Vec<(ActorId, String)>> = (0..dossier.articles.len())
                .map(|id| self.named_by(&finder, id))
                .collect();
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
        })
    }

    /// The actors article `id` names: its title's, then its summary's, then its body's, each
    /// once, with the sentence that names it: the body's first when the body names it (the
    /// most telling), else the summary's, else the title.
    fn named_by(&self, finder: &Finder, id: usize) -> Vec<(ActorId, String)> {
        let article = &self.dossier.articles[id];
        if !finder.has_any(article.lang) {
            return Vec::new();
        }
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
        for (actor, _) in finder.find(article.lang, &article.title) {
            add(actor, &article.title, 0);
        }
        if let Some(summary) = &article.summary {
            for (actor, range) in finder.find(article.lang, summary) {
                add(actor, sentence_around(summary, range), 1);
            }
        }
        for mention in &self.bodies[id].mentions {
            add(mention.actor, &mention.sentence, 2);
        }
        // Those its front matter adds (no sentence names them), less those it leaves out.
        for &actor in &article.actors.named {
            add(actor, "", 0);
        }
        // And those its figures concern.
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

    /// The articles `lang` shows whose group names `actor`, newest first.
    fn named_in(&self, actor: ActorId, lang: usize) -> &[usize] {
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
    fn versions_from(&self, id: usize) -> impl Iterator<Item = usize> + '_ {
        let others = self
            .dossier
            .group_of(id)
            .existing()
            .filter(move |&v| v != id);
        std::iter::once(id).chain(others)
    }

    /// The actors these versions name, each once, in the order of the versions then of
    /// their first mention.
    fn actors_of(&self, versions: impl Iterator<Item = usize>) -> Vec<ActorId> {
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

    /// The links to the actors article `id` names, from `path` (its page).
    pub(crate) fn article_actors(&self, id: usize, path: &str) -> Vec<ActorLink> {
        let lang = self.dossier.articles[id].lang;
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

    /// An actor's page in `lang`.
    pub(crate) fn actor_page(&self, lang: usize, actor: ActorId, path: &str) -> ActorContext {
        let config = self.config();
        let language = &config.languages[lang];
        let declared = &config.actors[actor];
        let text = &declared.texts[lang];
        let (alternates, switcher) = self.everywhere(
            Page::Actor {
                lang: LangId(lang),
                actor,
            },
            lang,
            |l| urls::actor(l, &declared.key),
            path,
        );
        let common = self.common(
            lang,
            path,
            super::context::Head {
                root: urls::root_of(path),
                title: format!("{} · {}", text.name, language.title),
                description: language.typeset(&text.description),
                alternates,
                switcher,
            },
        );
        let index = self.actor_index();
        let ids = self.named_in(actor, lang);
        let articles = ids
            .iter()
            .map(|&id| {
                let (sentence, written_in) = self.sentence_naming(id, actor);
                let sentence_lang = match written_in == lang {
                    true => String::new(),
                    false => config.languages[written_in].code.clone(),
                };
                Named {
                    entry: self.entry(id, lang, path),
                    sentence: config.languages[written_in].typeset(&sentence),
                    sentence_lang,
                }
            })
            .collect();
        let mut with: AHashMap<ActorId, usize> = AHashMap::new();
        for &group in &index.groups[actor.0] {
            for other in self.actors_of(self.dossier.groups[group].existing()) {
                if other != actor {
                    *with.entry(other).or_default() += 1;
                }
            }
        }
        let mut with: Vec<(ActorId, usize)> = with.into_iter().collect();
        with.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ActorContext {
            common,
            actors_href: urls::relative(path, &urls::actors(language)),
            actor: ActorPage {
                key: declared.key.clone(),
                kind: config.actors.kinds[declared.kind].names[lang].clone(),
                name: text.name.clone(),
                description: language.typeset(&text.description),
                dates: dates(language, declared.since, declared.until),
                link: text.link.clone(),
            },
            count_text: super::topics::count_text(language, ids.len()),
            figures: self.gathered_figures(ids, lang, Some(actor), path),
            articles,
            with: with
                .into_iter()
                .take(NAMED_WITH)
                .map(|(other, _)| self.actor_link(lang, other, path))
                .collect(),
        }
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

/// A renderer's actor index, made the first time a page asks for it.
pub(crate) type ActorIndexCell = OnceLock<ActorIndex>;
