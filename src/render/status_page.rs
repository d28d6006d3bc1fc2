//! The editors' translation status page (with `[editors] status_page`): the table of
//! `crate::model::status` in the page's language.

use serde::Serialize;

use super::{Common, Renderer, page_context};
use crate::config::LangId;
use crate::site::pages::{Page, ids_by_file};
use crate::site::urls;

/// A state as its JSON name (`source-missing`), for a class in the page.
pub(crate) fn serde_plain(state: crate::model::status::State) -> String {
    serde_json::to_value(state)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

pub(crate) struct StatusContext {
    common: Common,
    /// The languages' names, in config order.
    columns: Vec<String>,
    rows: Vec<StatusRow>,
    totals: StatusTotals,
}

#[derive(Serialize)]
pub(crate) struct StatusRow {
    key: String,
    cells: Vec<StatusCell>,
}

#[derive(Serialize)]
pub(crate) struct StatusCell {
    lang: String,
    title: String,
    href: String,
    file: String,
    /// `original`, `fresh`, `stale`, `unmarked`, `source-missing` or `missing`.
    state: String,
    state_text: String,
}

#[derive(Serialize)]
pub(crate) struct StatusTotals {
    articles: usize,
    missing: usize,
    fresh: usize,
    stale: usize,
    unmarked: usize,
}

impl Renderer<'_> {
    pub(crate) fn status(&self, lang: usize, path: &str) -> StatusContext {
        let config = self.config();
        let language = &config.languages[lang];
        let common = self.named_page(
            Page::Status(LangId(lang)),
            lang,
            urls::status,
            path,
            "status",
        );
        let table = crate::model::status::table(self.dossier);
        let by_file = ids_by_file(self.dossier);
        let state_word = |state: crate::model::status::State| {
            use crate::model::status::State;
            language.string(match state {
                State::Original => "status_original",
                State::Fresh => "status_fresh",
                State::Stale => "status_stale",
                State::Unmarked => "status_unmarked",
                State::SourceMissing => "status_source_missing",
            })
        };
        let rows = table
            .articles
            .iter()
            .map(|row| StatusRow {
                key: row.key.clone(),
                cells: row
                    .versions
                    .iter()
                    .map(|(code, version)| match version {
                        Some(v) => {
                            let id = by_file[v.file.as_str()];
                            StatusCell {
                                lang: code.clone(),
                                title: config.languages[self.dossier.articles[id].lang]
                                    .typeset(&v.title),
                                href: urls::relative(path, self.article_path(id)),
                                file: v.file.clone(),
                                state: serde_plain(v.state),
                                state_text: state_word(v.state).to_string(),
                            }
                        }
                        None => StatusCell {
                            lang: code.clone(),
                            title: String::new(),
                            href: String::new(),
                            file: String::new(),
                            state: "missing".into(),
                            state_text: match row.abstracts.contains(code) {
                                true => language.string("status_abstract").to_string(),
                                false => language.string("status_missing").to_string(),
                            },
                        },
                    })
                    .collect(),
            })
            .collect();
        let t = &table.totals;
        StatusContext {
            common,
            columns: config.languages.iter().map(|l| l.name.clone()).collect(),
            rows,
            totals: StatusTotals {
                articles: t.articles,
                missing: t.missing.values().sum(),
                fresh: t.fresh,
                stale: t.stale,
                unmarked: t.unmarked,
            },
        }
    }
}

page_context!(StatusContext {
    columns,
    rows,
    totals
});
