//! Links in a body: to other articles (`x.fr.md`, resolved to their pages and checked), to
//! files of `content/`, to the site's root (made relative), to the web; links that run
//! scripts refused.

use super::{ArticleLink, Rendered, Settings};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::site::urls;

/// Rewrites a link to another article's source file into a link to its page, a link to a
/// file beside the articles into a link to its copy, and a link from the site's root into a
/// relative one. Returns `None` to keep the link as written.
pub(super) fn resolve_link(
    dest: &str,
    settings: &Settings,
    line: usize,
    out: &mut Rendered,
) -> Option<String> {
    if let Some(fragment) = dest.strip_prefix('#') {
        out.self_anchors.push((decoded(fragment), line));
        return None;
    }
    if urls::has_scheme(dest) || dest.starts_with("//") {
        if !settings.allow_raw_html && runs_script(dest) {
            out.problems.push((
                line,
                format!(
                    "link `{}` would run a script in the reader's browser: not allowed (unless allow_raw_html = true)",
                    dest.chars().take(40).collect::<String>()
                ),
            ));
            return Some(String::new());
        }
        return None;
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((path, fragment)) => (path, Some(decoded(fragment))),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    if path.is_empty() {
        return None;
    }
    let path = match memchr::memchr(b'%', path.as_bytes()) {
        Some(_) => percent_encoding::percent_decode_str(path).decode_utf8_lossy(),
        None => std::borrow::Cow::Borrowed(path),
    };
    if let Some(site_path) = path.strip_prefix('/') {
        return resolve_site_link(dest, site_path, fragment, settings, line, out);
    }
    let target = if let Some(from_content) = path.strip_prefix("@/") {
        urls::normalize(&["content/", from_content].concat())
    } else {
        let folder = settings.file.rsplit_once('/').map(|(f, _)| f).unwrap_or("");
        urls::normalize(&[folder, "/", &path].concat())
    };
    let target = match target {
        Some(target) if target.starts_with("content/") => target,
        _ => {
            out.problems.push((
                line,
                format!(
                    "link `{dest}` leads outside content/: put the file beside the articles, or in static/ and link to it as `/name`"
                ),
            ));
            return None;
        }
    };
    out.targets.push(target.clone());
    if !path.ends_with(".md") {
        let Some(url) = (settings.asset)(&target) else {
            out.problems.push((
                line,
                format!("link `{dest}` points to {target}, which does not exist"),
            ));
            return None;
        };
        return Some(with_fragment(encode_path(&url), fragment.as_deref()));
    }
    let Some(url) = (settings.resolve)(&target) else {
        if (settings.unread)(&target) {
            return None;
        }
        let hint = (settings.nearest)(&target)
            .map(|near| {
                format!(
                    " (did you mean {near}? write it as `@/{}`)",
                    near.strip_prefix("content/").unwrap_or(&near)
                )
            })
            .unwrap_or_default();
        out.problems.push((
            line,
            format!("link `{dest}` points to {target}, which does not exist (or is a draft){hint}"),
        ));
        return None;
    };
    let href = match &fragment {
        Some(fragment) => [url.as_str(), "#", fragment].concat(),
        None => url,
    };
    out.links.push(ArticleLink {
        target,
        fragment,
        written: dest.to_string(),
        line,
    });
    Some(href)
}

/// A link from the root of the site (`/fr/`, `/img/a.png`): relative, so that it works under a
/// project path and from disk; a folder gets its `index.html`.
pub(super) fn resolve_site_link(
    dest: &str,
    site_path: &str,
    fragment: Option<String>,
    settings: &Settings,
    line: usize,
    out: &mut Rendered,
) -> Option<String> {
    let Some(mut target) = urls::normalize(site_path) else {
        out.problems
            .push((line, format!("link `{dest}` leads outside the site")));
        return None;
    };
    if site_path.is_empty() || site_path.ends_with('/') {
        if !target.is_empty() {
            target.push('/');
        }
        target.push_str("index.html");
    }
    let href = format!("{}{}", urls::root_of(settings.page), encode_path(&target));
    out.site_links.push(ArticleLink {
        target,
        fragment: fragment.clone(),
        written: dest.to_string(),
        line,
    });
    Some(with_fragment(href, fragment.as_deref()))
}

/// A fragment as the id it names: `arri%C3%A8re-plan` is `arrière-plan` (as browsers read it).
fn decoded(fragment: &str) -> String {
    percent_encoding::percent_decode_str(fragment)
        .decode_utf8()
        .map_or_else(|_| fragment.to_string(), |d| d.into_owned())
}

pub(super) fn with_fragment(url: String, fragment: Option<&str>) -> String {
    match fragment {
        Some(fragment) => format!("{url}#{fragment}"),
        None => url,
    }
}

/// Percent-encodes what may not stand in a URL path (spaces, quotes, `#`, `?`, `%`, …).
pub(super) fn encode_path(path: &str) -> String {
    const PATH: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'%')
        .add(b'<')
        .add(b'>')
        .add(b'?')
        .add(b'`')
        .add(b'{')
        .add(b'}')
        .add(b'\\')
        .add(b'^')
        .add(b'|');
    percent_encoding::utf8_percent_encode(path, PATH).to_string()
}

/// Links that run code when followed: `javascript:`, `vbscript:`, and `data:` other than
/// pictures (an SVG picture can hold a script too).
pub(super) fn runs_script(dest: &str) -> bool {
    let lower = dest.to_ascii_lowercase();
    let picture = lower.starts_with("data:image/") && !lower.starts_with("data:image/svg");
    lower.starts_with("javascript:")
        || lower.starts_with("vbscript:")
        || (lower.starts_with("data:") && !picture)
}

impl<'a> super::Walk<'a, '_> {
    /// Links and pictures, their targets resolved; `None` for what is left out.
    pub(super) fn link(
        &mut self,
        event: Event<'a>,
        range: std::ops::Range<usize>,
    ) -> Option<Event<'a>> {
        match event {
            // A link in a link's text (`[<https://e.org>](x.md)`) keeps only its text: a
            // browser would close the outer link at the inner one.
            Event::Start(Tag::Link { .. }) if self.links_open > 0 => {
                self.links_open += 1;
                None
            }
            Event::End(TagEnd::Link) => {
                self.links_open = self.links_open.saturating_sub(1);
                if self.links_open > 0 {
                    return None;
                }
                Some(match self.link_mark.take() {
                    Some(mark) => Event::InlineHtml(mark.into()),
                    None => Event::End(TagEnd::Link),
                })
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.links_open += 1;
                let line = self.line_at(range.start);
                let articles = self.out.links.len();
                let dest_url = resolve_link(&dest_url, self.settings, line, &mut self.out)
                    .map(CowStr::from)
                    .unwrap_or(dest_url);
                // A link to an article in another language: `hreflang`, and a mark after it.
                let other = match self.out.links.get(articles) {
                    Some(link) => (self.settings.other_language)(&link.target),
                    None => None,
                };
                if let Some((code, mark)) = other {
                    let escape = super::write::escape;
                    let title = match title.is_empty() {
                        true => String::new(),
                        false => format!(" title=\"{}\"", escape(&title)),
                    };
                    let open = format!(
                        "<a href=\"{}\" hreflang=\"{}\"{title}>",
                        escape(&dest_url),
                        escape(&code)
                    );
                    let close = format!("</a> <span class=\"in-lang\">({})</span>", escape(&mark));
                    self.link_mark = Some(close);
                    return Some(Event::InlineHtml(open.into()));
                }
                Some(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let line = self.line_at(range.start);
                let dest_url = resolve_link(&dest_url, self.settings, line, &mut self.out)
                    .map(CowStr::from)
                    .unwrap_or(dest_url);
                Some(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            }
            other => Some(other),
        }
    }
}
