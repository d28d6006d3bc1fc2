//! Typed ids of the configuration's languages and topics: a page or a cache key says which it
//! holds, so that a language cannot pass for a topic or an article.

use std::ops::Index;

use super::{Language, Topic};

/// A language, by its place in `Config::languages`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LangId(pub usize);

/// A topic, by its place in `Config::topics`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TopicId(pub usize);

impl Index<LangId> for Vec<Language> {
    type Output = Language;

    fn index(&self, id: LangId) -> &Language {
        &self[id.0]
    }
}

impl Index<TopicId> for Vec<Topic> {
    type Output = Topic;

    fn index(&self, id: TopicId) -> &Topic {
        &self[id.0]
    }
}
