//! The page that lists every topic of a language, with its description and how many
//! articles it has: the "Topics" step of a topic page's trail leads there.

use serde::Serialize;

use super::context::page_context;
use super::{Common, Renderer};
use crate::config::LangId;
use crate::site::pages::Page;
use crate::site::urls;

pub(crate) struct TopicsContext {
    common: Common,
    topics: Vec<TopicSummary>,
}

#[derive(Serialize)]
pub(crate) struct TopicSummary {
    key: String,
    name: String,
    description: String,
    href: String,
    feed_href: String,
    count: usize,
    /// "3 articles", in the page's language.
    count_text: String,
}

impl Renderer<'_> {
    pub(crate) fn topics(&self, lang: usize, path: &str) -> TopicsContext {
        let config = self.config();
        let language = &config.languages[lang];
        let common = self.named_page(
            Page::Topics(LangId(lang)),
            lang,
            urls::topics,
            path,
            "topics",
        );
        let topics = config
            .topics
            .iter()
            .enumerate()
            .map(|(t, topic)| {
                let count = self.topic_listing(lang, t).len();
                TopicSummary {
                    key: topic.key.clone(),
                    name: topic.names[lang].clone(),
                    description: topic.descriptions[lang].clone(),
                    href: urls::relative(path, &urls::topic(language, &topic.key)),
                    feed_href: urls::relative(path, &urls::topic_feed(language, &topic.key)),
                    count,
                    count_text: count_text(language, count),
                }
            })
            .collect();
        TopicsContext { common, topics }
    }
}

/// "1 article", "3 articles" (`articles_one`, `articles_many` with `{count}`).
pub(crate) fn count_text(language: &crate::config::Language, count: usize) -> String {
    let key = if count == 1 {
        "articles_one"
    } else {
        "articles_many"
    };
    language.string(key).replace("{count}", &count.to_string())
}

page_context!(TopicsContext { topics });
