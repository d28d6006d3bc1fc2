//! What the printable briefing of a language holds: the whole dossier while it is small; beyond
//! `[briefing] all_up_to` articles, the newest `per_topic` of each topic and the articles
//! marked `briefing = true`. An article marked `briefing = false` is never in it.

use super::Dossier;

/// The articles a language's briefing prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// By article id: whether the briefing prints it.
    pub printed: Vec<bool>,
    /// How many it prints.
    pub count: usize,
    /// How many articles the language shows.
    pub total: usize,
    /// Whether the dossier is small enough to be printed whole (`all_up_to`); articles
    /// marked `briefing = false` are left out even then.
    pub whole: bool,
    /// The newest date it prints (published or updated): what it is "as of", never the day
    /// of the build.
    pub as_of: Option<crate::text::date::Date>,
}

impl Dossier {
    /// The briefing of `lang`, from `newest_first`: every article, newest first (as
    /// `newest_first_all` orders them).
    pub fn briefing_selection(&self, lang: usize, newest_first: &[usize]) -> Selection {
        let options = &self.config.briefing;
        let shown: Vec<usize> = newest_first
            .iter()
            .copied()
            .filter(|&id| self.is_shown(id, lang))
            .collect();
        let whole = shown.len() <= options.all_up_to;
        let mut printed = vec![false; self.articles.len()];
        let mut per_topic = vec![0usize; self.config.topics.len()];
        for &id in &shown {
            let article = &self.articles[id];
            printed[id] = match article.briefing {
                Some(choice) => choice,
                None if whole => true,
                // Among the newest of a topic: it takes a place in each of its topics. (A
                // marked article comes on top of them.)
                None if article
                    .topics
                    .iter()
                    .any(|&t| per_topic[t] < options.per_topic) =>
                {
                    for &t in &article.topics {
                        per_topic[t] += 1;
                    }
                    true
                }
                None => false,
            };
        }
        let as_of = (0..self.articles.len())
            .filter(|&id| printed[id])
            .filter_map(|id| self.articles[id].last_changed())
            .max();
        Selection {
            as_of,
            count: printed.iter().filter(|&&p| p).count(),
            total: shown.len(),
            printed,
            whole,
        }
    }
}
