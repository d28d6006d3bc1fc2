//! An article's reading paths (`model::reading`) as its page shows them: for each of its
//! topics a link back to the topic and to the next older and newer article of it, and its
//! related articles. A link to a page in another language says so, with `hreflang`.

use serde::Serialize;

use super::Renderer;
use crate::model::reading::Paths;
use crate::site::urls;

/// A link to an article, as a reading path shows it.
#[derive(Serialize)]
pub(crate) struct PathLink {
    title: String,
    href: String,
    /// The target's language code when it is not the page's (for `hreflang` and `lang`).
    lang: Option<String>,
    /// "in French", in the page's language, when the target is in another.
    mark: String,
    date: String,
    date_iso: String,
}

/// One topic of the article: its page, and its articles beside this one.
#[derive(Serialize)]
pub(crate) struct TopicPath {
    name: String,
    href: String,
    older: Option<PathLink>,
    newer: Option<PathLink>,
}

impl Renderer<'_> {
    /// Every article's reading paths, made once per build.
    pub(crate) fn reading_paths(&self) -> &[Paths] {
        self.reading.get_or_init(|| self.dossier.reading_paths())
    }

    /// The article `id`'s topics with their older and newer articles, and its related
    /// articles, linked from `from`.
    pub(crate) fn paths_of(&self, id: usize, from: &str) -> (Vec<TopicPath>, Vec<PathLink>) {
        let paths = &self.reading_paths()[id];
        let lang = self.dossier.articles[id].lang;
        let config = self.config();
        let topics = paths
            .topics
            .iter()
            .map(|n| TopicPath {
                name: config.topics[n.topic].names[lang].clone(),
                href: urls::relative(from, &self.nav_targets[lang].topics[n.topic]),
                older: n.older.map(|other| self.path_link(other, lang, from)),
                newer: n.newer.map(|other| self.path_link(other, lang, from)),
            })
            .collect();
        let related = paths
            .related
            .iter()
            .map(|&other| self.path_link(other, lang, from))
            .collect();
        (topics, related)
    }

    fn path_link(&self, target: usize, lang: usize, from: &str) -> PathLink {
        let languages = &self.config().languages;
        let article = &self.dossier.articles[target];
        let other = (article.lang != lang).then(|| languages[article.lang].code.clone());
        let mark = match &other {
            Some(code) => languages[lang].string(&["in_", code].concat()).to_string(),
            None => String::new(),
        };
        PathLink {
            title: languages[article.lang].typeset(&article.title),
            href: urls::relative(from, self.article_path(target)),
            lang: other,
            mark,
            date: self.date_in(lang, target),
            date_iso: article.date_iso(),
        }
    }
}
