//! Key figures as the pages show them (`[[figures]]` in front matter): a box on the article,
//! and the figures of a topic's articles and of the articles that name an actor gathered on
//! their pages, newest first, each leading to its article.

use serde::Serialize;

use super::Renderer;
use crate::config::ActorId;
use crate::model::figures::FigureDate;
use crate::site::urls;

/// How many figures a topic's or an actor's page gathers, the newest.
pub(crate) const GATHERED: usize = 8;

/// The figures a page shows: none, the box is left out.
#[derive(Serialize)]
pub(crate) struct Figures {
    list: Vec<FigureView>,
    /// "Les 8 plus récents sur 23" when the page shows only the newest; else empty.
    note: String,
    /// What the box's heading is named after (`figures-heading`): unique on the page.
    id: String,
    /// The heading's rank: 2 on a page, lower inside a briefing's article.
    level: u8,
}

impl Figures {
    /// No figures: the page shows no box.
    pub(crate) fn none() -> Figures {
        Figures {
            list: Vec::new(),
            note: String::new(),
            id: "figures".into(),
            level: 2,
        }
    }
}

/// A figure as a template shows it.
#[derive(Serialize)]
struct FigureView {
    value: String,
    label: String,
    /// `2019`, or `5 août 2019`, in the page's language; empty without a date.
    date: String,
    date_iso: String,
    source: String,
    url: Option<String>,
    /// The language its value and label are written in, when it is not the page's.
    lang: String,
    /// On a topic's or an actor's page: the article it comes from.
    article: Option<FigureArticle>,
}

#[derive(Serialize)]
struct FigureArticle {
    title: String,
    href: String,
    /// The article's language, when it is not the page's.
    hreflang: String,
    /// "French only" beside an article the page's language lacks.
    only: String,
}

impl Renderer<'_> {
    /// The figures of article `id` in the order written, for a page in `lang` (its own, or a
    /// briefing's): their value and label marked with their language when it is another.
    /// `id` names the box's heading (`figures`, unique on the page), `level` its rank.
    pub(crate) fn article_figures(&self, id: usize, lang: usize, name: &str, level: u8) -> Figures {
        let article = &self.dossier.articles[id];
        Figures {
            list: (0..article.figures.len())
                .map(|at| self.figure_view(id, at, lang))
                .collect(),
            note: String::new(),
            id: name.to_string(),
            level,
        }
    }

    /// The figures of `ids` (articles the page's language shows), those that concern `actor`
    /// when given, the newest [`GATHERED`] first (by their date, else their article's), each
    /// linked to its article from `path`.
    pub(crate) fn gathered_figures(
        &self,
        ids: &[usize],
        lang: usize,
        actor: Option<ActorId>,
        path: &str,
    ) -> Figures {
        let articles = &self.dossier.articles;
        let mut found: Vec<(FigureDate, usize, usize)> = Vec::new();
        for (place, &id) in ids.iter().enumerate() {
            let article = &articles[id];
            for (at, figure) in article.figures.iter().enumerate() {
                if actor.is_some_and(|actor| !figure.actors.contains(&actor)) {
                    continue;
                }
                let Some(date) = figure.date.or(article.date.map(FigureDate::Day)) else {
                    continue;
                };
                found.push((date, place, at));
            }
        }
        let total = found.len();
        // Newest first; on one date, in the order of the list's articles, then as written.
        found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        found.truncate(GATHERED);
        let config = self.config();
        let language = &config.languages[lang];
        let note = match total > GATHERED {
            true => language
                .string("figures_newest")
                .replace("{count}", &GATHERED.to_string())
                .replace("{total}", &total.to_string()),
            false => String::new(),
        };
        let list = found
            .into_iter()
            .map(|(_, place, at)| {
                let id = ids[place];
                let article = &articles[id];
                let written_in = &config.languages[article.lang];
                let mut shown = self.figure_view(id, at, lang);
                shown.article = Some(FigureArticle {
                    title: written_in.typeset(&article.title),
                    href: urls::relative(path, self.article_path(id)),
                    hreflang: match article.lang == lang {
                        true => String::new(),
                        false => written_in.code.clone(),
                    },
                    only: self.only(article.lang, lang),
                });
                shown
            })
            .collect();
        Figures {
            list,
            note,
            id: "figures".into(),
            level: 2,
        }
    }

    /// Figure `at` of article `id` for a reader of `lang`: its date localized, its value and
    /// label typeset in the article's language, and marked with it when it is not `lang`.
    fn figure_view(&self, id: usize, at: usize, lang: usize) -> FigureView {
        let config = self.config();
        let article = &self.dossier.articles[id];
        let figure = &article.figures[at];
        let (language, written_in) = (&config.languages[lang], &config.languages[article.lang]);
        FigureView {
            value: written_in.typeset(&figure.value),
            label: written_in.typeset(&figure.label),
            date: match figure.date {
                Some(FigureDate::Year(year)) => year.to_string(),
                Some(FigureDate::Day(day)) => language.localize(day),
                None => String::new(),
            },
            date_iso: figure.date.map(FigureDate::iso).unwrap_or_default(),
            source: figure
                .source
                .as_deref()
                .map(|s| written_in.typeset(s))
                .unwrap_or_default(),
            url: figure.url.clone(),
            lang: match article.lang == lang {
                true => String::new(),
                false => written_in.code.clone(),
            },
            article: None,
        }
    }
}
