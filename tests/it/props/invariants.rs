//! The invariants that the property tests (`props.rs`) and the cargo-fuzz targets (`fuzz/`)
//! check: plain functions that panic with a message when an invariant breaks, so that proptest
//! (which catches the panic and shrinks the input) and libFuzzer (which saves the input) can
//! both run them.

use std::collections::HashSet;

use dossier::model;
use dossier::model::front_matter::{self, Format};
use dossier::render::markdown::{self, Rendered, Settings};
use dossier::site::urls;

use super::html;

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

/// Where `part` starts in `whole`; panics when `part` is not a slice of `whole`.
fn offset_in(whole: &str, part: &str, what: &str) -> usize {
    let start = (part.as_ptr() as usize).checked_sub(whole.as_ptr() as usize);
    match start {
        Some(start) if start + part.len() <= whole.len() => start,
        _ => panic!("the {what} is not a slice of the file"),
    }
}

/// The first line's delimiter, when it opens a TOML (`+++`) or YAML (`---`) front matter.
fn delimiter_of(text: &str) -> Option<&'static str> {
    match text.split_inclusive('\n').next().map(str::trim_end) {
        Some("+++") => Some("+++"),
        Some("---") => Some("---"),
        _ => None,
    }
}

/// `front_matter::split`: it succeeds exactly when the first line and a later line are `+++`
/// lines; the front matter is then the whole lines between the first two of them, the body is
/// the rest of the file, and both line numbers are the file lines where they start.
pub(super) fn check_split(text: &str) {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    if text.starts_with('{') {
        return check_json_split(text);
    }
    let delimiter = delimiter_of(text);
    let is_delimiter = |line: &str| Some(line.trim_end()) == delimiter;
    let expected = lines.first().is_some_and(|l| is_delimiter(l))
        && lines[1..].iter().any(|l| is_delimiter(l));
    let split = match front_matter::split(text) {
        Ok(split) => split,
        Err(error) => {
            assert!(!expected, "split refused a front matter block: {error:?}");
            assert!(
                (1..=lines.len().max(1)).contains(&error.line),
                "error line {} outside the file",
                error.line
            );
            assert!(!error.message.is_empty());
            return;
        }
    };
    assert!(
        expected,
        "split accepted a file without a front matter block"
    );
    let matter_start = offset_in(text, split.front_matter, "front matter");
    let matter_end = matter_start + split.front_matter.len();
    let body_start = offset_in(text, split.body, "body");
    assert_eq!(
        body_start + split.body.len(),
        text.len(),
        "the body is not the end of the file"
    );
    assert_eq!(
        &text[..matter_start],
        lines[0],
        "the front matter does not start after the opening line"
    );
    assert!(
        split.front_matter.is_empty() || split.front_matter.ends_with('\n'),
        "the front matter is not whole lines"
    );
    assert!(
        !split.front_matter.split_inclusive('\n').any(is_delimiter),
        "the front matter runs past a closing `+++` line"
    );
    let closing = &text[matter_end..body_start];
    assert!(
        is_delimiter(closing) && !closing.trim_end_matches('\n').contains('\n'),
        "between the front matter and the body stands {closing:?}, not one `+++` line"
    );
    assert_eq!(
        split.front_matter_line,
        line_of(text, matter_start),
        "front_matter_line"
    );
    if closing.ends_with('\n') {
        assert_eq!(split.body_line, line_of(text, body_start), "body_line");
    } else {
        // The closing line ends the file: the body is empty and "starts" on the next line.
        assert!(split.body.is_empty());
        assert_eq!(split.body_line, line_of(text, body_start) + 1, "body_line");
    }
}

/// `front_matter::read` on any text: an error names a line of the front matter (or its
/// closing line); a success has spans that cut the text on character boundaries, on its lines.
pub(super) fn check_parse(matter: &str, first_line: usize) {
    let last_line = first_line + matter.matches('\n').count();
    let lines = first_line..=last_line;
    for format in [Format::Toml, Format::Yaml] {
        let parsed = match front_matter::read(format, matter, first_line) {
            Ok(parsed) => parsed,
            Err(errors) => {
                assert!(!errors.is_empty());
                for error in errors {
                    assert!(
                        lines.contains(&error.line),
                        "{format:?}: error line {} outside {lines:?}: {}",
                        error.line,
                        error.message
                    );
                    assert!(!error.message.is_empty());
                }
                continue;
            }
        };
        let mut found = vec![parsed.title.line];
        found.extend(parsed.date.as_ref().map(|d| d.line));
        found.extend(parsed.updated.as_ref().map(|d| d.line));
        found.extend(parsed.slug.as_ref().map(|s| s.line));
        found.extend(parsed.translation_key.as_ref().map(|s| s.line));
        if let Some(topics) = &parsed.topics {
            found.push(topics.line);
            found.extend(topics.value.iter().map(|t| t.line));
        }
        for line in found {
            assert!(lines.contains(&line), "{format:?}: a value on line {line}");
        }
    }
}

/// A JSON front matter: on success, the object is the start of the file, the body its end,
/// and the body's line is the line after the object's.
fn check_json_split(text: &str) {
    let split = match front_matter::split(text) {
        Ok(split) => split,
        Err(error) => {
            assert!(error.line >= 1 && error.line <= text.matches('\n').count() + 1);
            return;
        }
    };
    assert_eq!(split.format, Format::Json);
    assert_eq!(offset_in(text, split.front_matter, "front matter"), 0);
    assert!(split.front_matter.ends_with('}'));
    let body_start = offset_in(text, split.body, "body");
    assert_eq!(body_start + split.body.len(), text.len());
    if body_start < text.len() || text.ends_with('\n') {
        assert_eq!(split.body_line, line_of(text, body_start), "body_line");
    }
}

/// A file's text through the loader's decoding (byte-order mark, `\r\n`), then split and parsed.
pub(super) fn check_article_text(text: &str) {
    check_split(text);
    let Ok(decoded) = dossier::source::decode("content/a/b.fr.md", text.as_bytes().to_vec()) else {
        panic!("a Rust string is valid UTF-8");
    };
    assert!(!decoded.starts_with('\u{feff}') || text.starts_with("\u{feff}\u{feff}"));
    assert!(!decoded.contains("\r\n") || text.contains("\r\r\n"));
    assert_eq!(
        decoded.matches('\n').count(),
        text.matches('\n').count(),
        "decoding changed the number of lines"
    );
    check_split(&decoded);
    if let Ok(split) = front_matter::split(&decoded) {
        check_parse(split.front_matter, split.front_matter_line);
    }
}

/// `model::suggest_slug`: only `[a-z0-9-]`, no leading, trailing or doubled `-`, idempotent;
/// on ASCII text, exactly its runs of letters and digits, lowercased and joined by `-`.
pub(super) fn check_slug(text: &str) {
    let slug = model::suggest_slug(text);
    assert!(
        slug.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "slug {slug:?} of {text:?} has characters outside [a-z0-9-]"
    );
    assert!(
        !slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"),
        "slug {slug:?} of {text:?} has a stray `-`"
    );
    assert_eq!(
        model::suggest_slug(&slug),
        slug,
        "suggest_slug is not idempotent"
    );
    // deunicode keeps printable ASCII as it is (control characters it may drop).
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        let runs: Vec<String> = text
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|run| !run.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        assert_eq!(slug, runs.join("-"), "slug of ASCII text {text:?}");
    } else if text.chars().any(|c| c.is_ascii_alphanumeric()) {
        assert!(!slug.is_empty(), "empty slug for {text:?}");
    }
    let id = markdown::heading_id(text);
    assert!(id == slug || (slug.is_empty() && id == "section"));
}

/// Follows a relative `link` from the page at `from`, as a browser would; `None` when it
/// climbs above the root.
pub(super) fn follow(from: &str, link: &str) -> Option<String> {
    let mut folders: Vec<&str> = from.split('/').collect();
    folders.pop();
    let mut segments = link.split('/').peekable();
    while let Some(segment) = segments.next() {
        match segment {
            ".." => {
                folders.pop()?;
            }
            "." => {}
            // A trailing `/` names the folder's index, which output paths never need.
            "" if segments.peek().is_none() => return None,
            other => folders.push(other),
        }
    }
    Some(folders.join("/"))
}

/// `urls::relative` and `urls::root_of` between two output paths (`fr/articles/a/index.html`):
/// the link leads from `from` to `to`, climbs no higher than it must, and the root prefix leads
/// back to the output root.
pub(super) fn check_relative(from: &str, to: &str) {
    let link = urls::relative(from, to);
    assert!(
        !link.is_empty() && !link.starts_with('/'),
        "relative({from:?}, {to:?}) = {link:?}"
    );
    assert_eq!(
        follow(from, &link).as_deref(),
        Some(to),
        "relative({from:?}, {to:?}) = {link:?} leads elsewhere"
    );
    let rest = link.trim_start_matches("../");
    let ups = (link.len() - rest.len()) / 3;
    assert!(
        !rest.split('/').any(|s| s == ".." || s == "."),
        "relative({from:?}, {to:?}) = {link:?}: dot segments after the climb"
    );
    if ups > 0 && rest.contains('/') {
        // Climbing out of a folder only to enter it again is a longer link than needed.
        let folders: Vec<&str> = from.split('/').collect();
        let left = folders[folders.len() - 1 - ups];
        let entered = rest.split('/').next().unwrap_or("");
        assert_ne!(
            left, entered,
            "relative({from:?}, {to:?}) = {link:?} climbs out of {left:?} and back"
        );
    }
    let root = urls::root_of(from);
    assert_eq!(root, "../".repeat(from.matches('/').count()));
    assert_eq!(
        follow(from, &format!("{root}{to}")).as_deref(),
        Some(to),
        "root_of({from:?}) = {root:?} does not lead to the root"
    );
}

/// Renders `body` as the article `content/a/x.fr.md`, whose page is
/// `fr/articles/x/index.html`; every article and file exists except those named `missing…`.
pub(super) fn render(body: &str, french_typography: bool, allow_raw_html: bool) -> Rendered {
    fn resolve(target: &str) -> Option<String> {
        (!target.contains("missing")).then(|| format!("../{target}/index.html"))
    }
    fn asset(target: &str) -> Option<String> {
        (!target.contains("missing")).then(|| format!("../../../files/{target}"))
    }
    let settings = Settings {
        french_typography,
        allow_raw_html,
        file: "content/a/x.fr.md",
        body_line: 7,
        resolve: &resolve,
        other_language: &|_| None,
        asset: &asset,
        nearest: &|_| None,
        unread: &|_| false,
        page: "fr/articles/x/index.html",
        drafts: false,
        is_draft: false,
        title: "",
        ascii_ids: true,
        source_label: "From the source",
        reserved_ids: &[],
    };
    markdown::render(body, &settings)
}

/// A body rendered with raw HTML not allowed: well-formed HTML of Markdown's elements only
/// (`html.rs`), no `<script` from the input, unique ids that the renderer reports, headings'
/// text as shown, every line it reports inside the body and every target inside `content/`.
pub(super) fn check_rendered(body: &str, out: &Rendered) {
    let html = &out.html;
    assert!(
        !html.to_ascii_lowercase().contains("<script"),
        "raw <script> in {html}"
    );
    let mut ids: HashSet<&str> = HashSet::new();
    for id in html::check_markdown_html(html) {
        assert!(ids.insert(id), "duplicate id {id:?} in\n{html}");
        assert!(out.ids.contains(id), "id {id:?} missing from Rendered::ids");
    }

    for heading in &out.headings {
        assert!(
            ids.contains(heading.id.as_str()),
            "heading id {:?} not in the HTML",
            heading.id
        );
        check_heading_text(html, heading);
    }
    let last_line = 7 + body.matches('\n').count();
    let lines = 7..=last_line;
    let reported = out
        .problems
        .iter()
        .map(|(line, _)| *line)
        .chain(out.links.iter().map(|l| l.line))
        .chain(out.site_links.iter().map(|l| l.line))
        .chain(out.self_anchors.iter().map(|(_, line)| *line));
    for line in reported {
        assert!(
            lines.contains(&line),
            "line {line} outside the body {lines:?}"
        );
    }
    // The top-level blocks cover the HTML, in order, without gaps (the side-by-side view
    // cuts bodies at them).
    let mut at = 0;
    for block in &out.blocks {
        assert_eq!(
            block.range.start, at,
            "a gap before block {block:?} in\n{html}"
        );
        assert!(
            block.range.end > block.range.start,
            "an empty block in\n{html}"
        );
        at = block.range.end;
    }
    assert_eq!(at, html.len(), "the blocks do not reach the end of\n{html}");
    for target in &out.targets {
        assert!(
            target.starts_with("content/") && !target.split('/').any(|s| s == ".."),
            "link target {target:?} outside content/"
        );
    }
}

/// The plain text of a heading (for the table of contents and its id) has the words the page
/// shows in it. Headings with a picture (its text is an `alt`) or a footnote (its number is not
/// text) are left out, as is French typography (it changes spaces).
fn check_heading_text(html: &str, heading: &markdown::Heading) {
    let open = format!(" id=\"{}\">", heading.id);
    let start = html.find(&open).expect("the heading is in the HTML") + open.len();
    let close = format!("</h{}>", heading.level);
    let inner = &html[start..start + html[start..].find(&close).expect("the heading ends")];
    if inner.contains("<img") || inner.contains("<sup") || inner.contains('\u{a0}') {
        return;
    }
    let mut shown = String::new();
    let mut in_tag = false;
    for c in inner.replace("<br", " <br").chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => shown.push(c),
            _ => {}
        }
    }
    let shown = shown
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(
        words(&heading.text),
        words(&shown),
        "the text of heading {:?} is not what its HTML shows: {inner}",
        heading.id
    );
}

/// A body moved onto another page (`relocate::move_body`: the printable briefing, a
/// side-by-side view) is still well-formed, and its ids are the body's, each with the prefix
/// of the move: unique beside any other article's. Links to its own fragments follow them.
pub(super) fn check_moved(out: &Rendered) {
    let section_of = |path: &str| (path == "fr/articles/x/index.html").then(|| "fr_x".to_string());
    let no_section = |_: &str| None;
    let moves = [
        dossier::render::relocate::Move {
            page: "fr/articles/x/index.html",
            to: "fr/dossier-imprimable/index.html",
            id_prefix: "fr_x.",
            headings_down: 2,
            section_of: &section_of,
        },
        dossier::render::relocate::Move {
            page: "en/articles/x/index.html",
            to: "fr/articles/x/cote-a-cote/index.html",
            id_prefix: "en-",
            headings_down: 0,
            section_of: &no_section,
        },
    ];
    let before = html::check_markdown_html(&out.html);
    for to in &moves {
        let mut moved = String::new();
        dossier::render::relocate::move_body(&out.html, to, &mut moved);
        let after = html::check_markdown_html(&moved);
        let expected: Vec<String> = before
            .iter()
            .map(|id| format!("{}{id}", to.id_prefix))
            .collect();
        assert_eq!(after, expected, "ids of\n{moved}");
        for fragment in moved.split("href=\"#").skip(1) {
            let fragment = &fragment[..fragment.find('"').expect("a quoted href")];
            assert!(
                fragment.is_empty() || fragment.starts_with(to.id_prefix.trim_end_matches('.')),
                "#{fragment} in\n{moved}"
            );
        }
    }
}
