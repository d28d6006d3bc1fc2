//! Links between pages carried over: Hugo's `ref`/`relref` targets, Zola's `@/…` paths and
//! links written as the old site's addresses (from its root or relative to the page) all lead
//! to the new files, which dossier turns into the pages' addresses and checks. Pure.

use std::sync::LazyLock;

use super::plan::{Member, Plan};
use super::site::{Generator, SourceSite};

/// The member a target leads to: a source file (`@/x.md`, a `ref`), or an old address.
pub(super) fn target(
    site: &SourceSite,
    plan: &Plan,
    from: &Member,
    target: &str,
    lang: Option<&str>,
) -> Option<usize> {
    let path = target.split('#').next().unwrap_or("");
    if let Some(file) = path.strip_prefix("@/") {
        return plan.by_file.get(&format!("content/{file}")).copied();
    }
    // An address from the root is the old site's first (an English page may link to the
    // French one's address).
    if path.starts_with('/') && !path.ends_with(".md") {
        if let Some(found) = address(plan, from, path) {
            return Some(found);
        }
    }
    let lang = lang.unwrap_or(&from.lang);
    let from_page = &site.pages[from.page];
    // A content path: Hugo's `ref`, relative to the page's folder or to the content's root.
    if path.ends_with(".md") || !path.contains('/') || site.config.generator == Generator::Hugo {
        let wanted = path.trim_start_matches('/').trim_end_matches('/');
        let candidates = |rel: &str| -> Vec<String> {
            let rel = rel.trim_end_matches(".md");
            vec![
                format!("{rel}.md"),
                format!("{rel}/index.md"),
                format!("{rel}/_index.md"),
            ]
        };
        let folder = from_page.rel.rsplit_once('/').map_or("", |(f, _)| f);
        let mut tries: Vec<String> = Vec::new();
        if !path.starts_with('/') && !folder.is_empty() {
            tries.extend(candidates(&format!("{folder}/{wanted}")));
        }
        tries.extend(candidates(wanted));
        let in_lang = |rel: &str| {
            plan.members
                .iter()
                .position(|m| m.lang == lang && site.pages[m.page].rel.eq_ignore_ascii_case(rel))
        };
        if let Some(found) = tries.iter().find_map(|rel| in_lang(rel)) {
            return Some(found);
        }
        // A bare file name: the one page of that name.
        if !wanted.contains('/') && wanted.ends_with(".md") {
            let named: Vec<usize> = plan
                .members
                .iter()
                .enumerate()
                .filter(|(_, m)| {
                    m.lang == lang
                        && site.pages[m.page]
                            .rel
                            .rsplit('/')
                            .next()
                            .is_some_and(|n| n == wanted)
                })
                .map(|(i, _)| i)
                .collect();
            if named.len() == 1 {
                return Some(named[0]);
            }
        }
    }
    address(plan, from, path)
}

/// The member published at an old address, from the root or relative to the page's.
fn address(plan: &Plan, from: &Member, path: &str) -> Option<usize> {
    if path.is_empty() || path.contains("://") || path.starts_with("mailto:") {
        return None;
    }
    let absolute = if path.starts_with('/') {
        path.to_string()
    } else {
        let base = from.old_url.as_deref()?;
        let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
        if !base.ends_with('/') {
            parts.pop();
        }
        format!("/{}", followed(parts, path))
    };
    let key = absolute.trim_end_matches('/').to_string();
    let key = key.strip_suffix("/index.html").unwrap_or(&key).to_string();
    plan.by_url.get(&key).copied()
}

/// The link from one new file to another, relative, with the fragment.
pub(super) fn relative_link(from: &str, to: &str, fragment: Option<&str>) -> String {
    let from_parts: Vec<&str> = from.split('/').collect();
    let to_parts: Vec<&str> = to.split('/').collect();
    let from_dir = &from_parts[..from_parts.len() - 1];
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut link = "../".repeat(from_dir.len() - common);
    link.push_str(&to_parts[common..].join("/"));
    if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
        link.push('#');
        link.push_str(fragment);
    }
    link
}

static LINK: LazyLock<regex::Regex> = LazyLock::new(|| {
    // `](target` of inline links and pictures, `]: target` of definitions, and `href=`/`src=`
    // of raw HTML.
    // (Footnote definitions, `[^1]: text`, are not links.)
    regex::Regex::new(
        r#"(?m)(\]\(\s*<?|^\s{0,3}\[[^\]^][^\]]*\]:\s*<?|(?:href|src)\s*=\s*")([^\s)>"]+)"#,
    )
    .expect("valid")
});

/// The body with every link to a page of the site led to its new file; the links to a
/// section or to nothing the site keeps are reported (`offset`, message).
pub(super) fn rewrite(
    body: &str,
    site: &SourceSite,
    plan: &Plan,
    from: &Member,
) -> (String, Vec<(usize, String)>) {
    let code = super::shortcodes::code_ranges(body);
    let mut out = String::with_capacity(body.len());
    let mut notes = Vec::new();
    let mut at = 0;
    for caps in LINK.captures_iter(body) {
        let Some(found) = caps.get(2) else { continue };
        if code.iter().any(|r| r.contains(&found.start())) {
            continue;
        }
        let link = found.as_str();
        if link.starts_with('#') || link.contains("://") || link.starts_with("mailto:") {
            continue;
        }
        let (path, fragment) = match link.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (link, None),
        };
        let is_page_link =
            path.starts_with("@/") || !has_file_extension(path) || path.ends_with(".md");
        if !is_page_link || path.is_empty() || is_new_file(plan, from, path) {
            continue;
        }
        match target(site, plan, from, path, None) {
            Some(m) => {
                out.push_str(&body[at..found.start()]);
                out.push_str(&relative_link(&from.path, &plan.members[m].path, fragment));
                at = found.end();
            }
            None if path.starts_with("@/")
                || path.starts_with('/')
                || path.starts_with('.')
                || path.ends_with(".md") =>
            {
                // An inline link to a section or a page left out: its text alone.
                let unlinked = caps[1]
                    .starts_with("](")
                    .then(|| inline_link_around(body, found.start(), found.end()))
                    .flatten()
                    .filter(|(start, _, _)| *start >= at);
                let what = match unlinked {
                    Some((start, end, text)) => {
                        out.push_str(&body[at..start]);
                        out.push_str(text);
                        at = end;
                        "its text kept, without the link"
                    }
                    None => "check it",
                };
                notes.push((
                    usize::MAX,
                    format!("link to {link}: no page of the new site is there (a section, a list, or a page left out): {what}"),
                ));
            }
            None => {}
        }
    }
    out.push_str(&body[at..]);
    (out, notes)
}

/// The inline link `[text](target "title")` whose target is at `start..end`: its start, its
/// end and its text.
fn inline_link_around(body: &str, start: usize, end: usize) -> Option<(usize, usize, &str)> {
    let close_bracket = body[..start].rfind("](")?;
    let bytes = body.as_bytes();
    let mut depth = 0;
    let mut open = None;
    for i in (0..close_bracket).rev() {
        match bytes[i] {
            b']' => depth += 1,
            b'[' if depth == 0 => {
                open = Some(i);
                break;
            }
            b'[' => depth -= 1,
            _ => {}
        }
    }
    let open = open?;
    let close = end + body[end..].find(')')?;
    Some((open, close + 1, &body[open + 1..close_bracket]))
}

/// The folder `parts` with the relative `path` followed from it, joined with `/`.
fn followed<'a>(mut parts: Vec<&'a str>, path: &'a str) -> String {
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// Whether a relative link leads to one of the new files already (a converted `ref`).
fn is_new_file(plan: &Plan, from: &Member, path: &str) -> bool {
    if !path.ends_with(".md") {
        return false;
    }
    let mut parts: Vec<&str> = from.path.split('/').collect();
    parts.pop();
    let joined = followed(parts, path);
    plan.members.iter().any(|m| m.path == joined)
}

/// Whether the last segment of a path names a file (`x.pdf`), not a page (`x/`, `x`).
fn has_file_extension(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .and_then(|last| last.rsplit_once('.'))
        .is_some_and(|(stem, ext)| !stem.is_empty() && !ext.is_empty() && ext.len() <= 5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_between_new_files() {
        assert_eq!(
            relative_link("content/a/x.fr.md", "content/b/y/index.fr.md", Some("c")),
            "../b/y/index.fr.md#c"
        );
        assert_eq!(
            relative_link("content/a/x.fr.md", "content/a/z.en.md", None),
            "z.en.md"
        );
    }
}
