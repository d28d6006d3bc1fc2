//! The contexts of the pages of long lists: a topic's articles and the timeline, `[lists]
//! per_page` articles a page, newest first, each page linked to the others (`pagination`).

use serde::Serialize;

use super::figures::Figures;
use super::pagination::{self, Pagination};
use super::{Common, Head, ListKind, Listed, Lists, Renderer, page_context};
use crate::config::{LangId, TopicId};
use crate::error::Diagnostic;
use crate::site::pages::Page;
use crate::site::urls;

pub(crate) struct TopicContext {
    common: Common,
    topic: TopicPage,
    /// The page of every topic, the trail's second step.
    topics_href: String,
    /// This page's articles.
    articles: Listed,
    /// How many articles the topic has, on all its pages.
    count: usize,
    pagination: Option<Pagination>,
    /// On its first page, the newest key figures of its articles.
    figures: Figures,
}

#[derive(Serialize)]
pub(crate) struct TopicPage {
    key: String,
    name: String,
    description: String,
    feed_href: String,
    /// Its first page: the trail's third step on its later pages.
    href: String,
}

pub(crate) struct TimelineContext {
    common: Common,
    /// This page's years, newest first, each with its articles on this page newest first.
    years: Vec<TimelineYear>,
    /// Every year of the timeline, each linked where its articles begin.
    all_years: Vec<YearLink>,
    /// How many articles the timeline has, on all its pages.
    count: usize,
    pagination: Option<Pagination>,
}

#[derive(Serialize)]
pub(crate) struct TimelineYear {
    year: i32,
    entries: Listed,
}

#[derive(Serialize)]
pub(crate) struct YearLink {
    year: i32,
    /// `#year-2024` on its page, else that page and the anchor.
    href: String,
}

impl Renderer<'_> {
    pub(crate) fn topic(
        &self,
        lang: usize,
        t: usize,
        page: usize,
        path: &str,
        lists: &mut Lists,
    ) -> Result<TopicContext, Diagnostic> {
        let config = self.config();
        let language = &config.languages[lang];
        let topic = &config.topics[t];
        let (alternates, switcher) = self.everywhere(
            Page::Topic {
                lang: LangId(lang),
                topic: TopicId(t),
                page,
            },
            lang,
            |l| urls::topic(l, &topic.key),
            path,
        );
        let page_number = language.string("page_number");
        let name = pagination::numbered(&topic.names[lang], page, page_number);
        let common = self.common_marking(
            lang,
            path,
            Head {
                root: urls::root_of(path),
                title: format!("{name} · {}", language.title),
                description: topic.descriptions[lang].clone(),
                alternates,
                switcher,
            },
            &[t],
        );
        let listing = self.topic_listing(lang, t);
        let per_page = config.lists.per_page;
        let shown = &listing[pagination::slice(listing.len(), page, per_page)];
        let kind = match page {
            0 | 1 => ListKind::Topic,
            _ => ListKind::TopicLater,
        };
        let total = config.lists.pages(listing.len());
        Ok(TopicContext {
            common,
            topics_href: urls::relative(path, &urls::topics(language)),
            topic: TopicPage {
                key: topic.key.clone(),
                name: topic.names[lang].clone(),
                description: topic.descriptions[lang].clone(),
                feed_href: urls::relative(path, &urls::topic_feed(language, &topic.key)),
                href: urls::relative(path, &urls::topic(language, &topic.key)),
            },
            articles: self.listed_all(shown, lang, kind, lists)?,
            count: listing.len(),
            figures: match kind {
                ListKind::Topic => self.gathered_figures(listing, lang, None, path),
                _ => Figures::none(),
            },
            pagination: pagination::pagination(path, page, total, page_number, |n| {
                urls::topic_page(language, &topic.key, n)
            }),
        })
    }

    pub(crate) fn timeline(
        &self,
        lang: usize,
        page: usize,
        path: &str,
        lists: &mut Lists,
    ) -> Result<TimelineContext, Diagnostic> {
        let language = &self.config().languages[lang];
        let mut common = self.named_page(
            Page::Timeline {
                lang: LangId(lang),
                page,
            },
            lang,
            urls::timeline,
            path,
            "timeline",
        );
        common.timeline_current = true;
        let page_number = language.string("page_number");
        let title = pagination::numbered(language.string("timeline"), page, page_number);
        common.title = format!("{title} · {}", language.title);
        let ids = self.timeline_ids(lang);
        let per_page = self.config().lists.per_page;
        let total = self.config().lists.pages(ids.len());
        let year_of = |id: usize| self.dossier.articles[id].date.map_or(0, |d| d.year);
        let kind = match page {
            0 | 1 => ListKind::Timeline,
            _ => ListKind::TimelineLater,
        };
        let years = ids[pagination::slice(ids.len(), page, per_page)]
            .chunk_by(|&a, &b| year_of(a) == year_of(b))
            .map(|ids| {
                Ok(TimelineYear {
                    year: year_of(ids[0]),
                    entries: self.listed_all(ids, lang, kind, lists)?,
                })
            })
            .collect::<Result<Vec<_>, Diagnostic>>()?;
        // Each year where its first article is.
        let mut all_years = Vec::new();
        let mut at = 0;
        for same_year in ids.chunk_by(|&a, &b| year_of(a) == year_of(b)) {
            let year = year_of(same_year[0]);
            let on = at / per_page + 1;
            let anchor = format!("#year-{year}");
            let href = match on == page.max(1) {
                true => anchor,
                false => urls::relative(path, &urls::timeline_page(language, on)) + &anchor,
            };
            all_years.push(YearLink { year, href });
            at += same_year.len();
        }
        Ok(TimelineContext {
            common,
            count: ids.len(),
            years,
            all_years,
            pagination: pagination::pagination(path, page, total, page_number, |n| {
                urls::timeline_page(language, n)
            }),
        })
    }
}

page_context!(
    TopicContext {
        topic,
        topics_href,
        articles,
        count,
        pagination,
        figures
    },
    TimelineContext {
        years,
        all_years,
        count,
        pagination
    },
);
