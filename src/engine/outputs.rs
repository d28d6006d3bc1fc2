//! Pages and feeds rendered in one parallel pass; each written into the staging folder at once
//! by a one-shot build, or kept in memory by the preview's engine.

use rayon::prelude::*;

use super::{Feed, Files};
use crate::error::Diagnostic;
use crate::output::Contents;
use crate::render::feeds;
use crate::render::{Piece, Renderer};
use crate::site::pages::Page;
use crate::site::urls;

/// A page or a feed, rendered, or the problem that stopped it.
pub(super) type Rendering = std::result::Result<(String, Contents), Diagnostic>;

pub(super) fn render_outputs(
    renderer: &Renderer,
    path_of: &(dyn Fn(Page) -> String + Sync),
    pages: &[Page],
    feeds: &[Feed],
    staging: Option<&crate::output::Staging>,
) -> (Vec<Rendering>, Files) {
    let dossier = renderer.dossier;
    let config = &dossier.config;
    let feed_bodies: Vec<&str> = renderer.bodies.iter().map(|b| b.html.as_str()).collect();
    let mut clock = crate::timings::Clock::start();
    renderer.make_ebooks(pages);
    clock.lap("e-books");
    // Written at once when staging, so that no more than a page per thread is held.
    let contents = |path: &str, text: String| staged_or_kept(staging, path, text);
    rayon::join(
        || {
            pages
                .par_iter()
                .map(|&page| {
                    let path = path_of(page);
                    match staging {
                        Some(staging) => staging
                            .write_pieces(&path, |out| {
                                renderer.render_into(page, &path, &mut |piece| out(piece.bytes()))
                            })
                            .map(|()| (path, Contents::Staged)),
                        None => {
                            let mut gather = crate::output::Gather::default();
                            renderer
                                .render_into(page, &path, &mut |piece| match piece {
                                    Piece::Made(bytes) => gather.text(bytes),
                                    Piece::Kept(text) => gather.shared(text),
                                })
                                .map(|()| (path, gather.finish()))
                        }
                    }
                })
                .collect()
        },
        || {
            feeds
                .par_iter()
                .map(|&(lang, topic)| {
                    let language = &config.languages[lang];
                    let (lang, topic) = (lang.0, topic.map(|t| t.0));
                    let ids =
                        dossier.newest(dossier.in_feed(lang, topic), dossier.config.feeds.entries);
                    let path = match topic {
                        Some(t) => urls::topic_feed(language, &config.topics[t].key),
                        None => urls::feed(language),
                    };
                    let xml = feeds::atom(dossier, lang, topic, &ids, &feed_bodies);
                    let contents = contents(&path, xml);
                    (path, contents)
                })
                .collect()
        },
    )
}

/// A generated file: written into the staging folder at once when there is one, else kept.
pub(super) fn staged_or_kept(
    staging: Option<&crate::output::Staging>,
    path: &str,
    text: String,
) -> Contents {
    match staging {
        Some(staging) => {
            staging.write(path, text.as_bytes());
            Contents::Staged
        }
        None => bytes(text),
    }
}

pub(super) fn bytes(text: String) -> Contents {
    Contents::Bytes(text.into_bytes().into())
}
