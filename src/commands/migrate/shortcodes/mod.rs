//! Shortcodes turned into the Markdown or HTML they stand for: Hugo's (`{{< x >}}`,
//! `{{% x %}}`, paired with `{{< /x >}}`) and Zola's (`{{ x(…) }}`, `{% x(…) %}…{% end %}`).
//! The built-in ones whose meaning is known are converted, and the site's own when their
//! template only puts its arguments and body in place; every other call is left in an HTML
//! comment, so that the page builds, and reported. Escaped shortcodes become their text. Pure.

mod parse;

use std::collections::HashMap;

use parse::{Call, hugo_calls, zola_calls};

use super::site::Generator;

/// What a body needs from the rest of the migration.
pub(super) struct Context<'a> {
    pub(super) generator: Generator,
    /// Templates by name: file and text.
    pub(super) templates: &'a HashMap<String, (String, String)>,
    /// A `ref`/`relref`/`@/` target (and its language, when named) as a link from the new
    /// file, `#fragment` kept; `None` when no page of the site is there.
    pub(super) resolve: &'a dyn Fn(&str, Option<&str>) -> Option<String>,
    /// A path from the source's `content/` (Zola's `resize_image`) as a link from the new file.
    pub(super) content_link: &'a dyn Fn(&str) -> String,
}

/// A converted body and what was done to it.
#[derive(Debug, Default)]
pub(super) struct Converted {
    pub(super) text: String,
    pub(super) converted: usize,
    /// Offsets in the original body, and what to say.
    pub(super) left: Vec<(usize, String)>,
    pub(super) notes: Vec<(usize, String)>,
}

/// Converts the shortcodes of `body`.
pub(super) fn convert(body: &str, cx: &Context) -> Converted {
    let calls = match cx.generator {
        Generator::Hugo => hugo_calls(body),
        Generator::Zola => zola_calls(body),
    };
    let code = code_ranges(body);
    let mut out = Converted::default();
    let mut text = String::with_capacity(body.len());
    let mut at = 0;
    let mut i = 0;
    // Closing tags of calls left in comments: in comments too.
    let mut commented: Vec<usize> = Vec::new();
    while i < calls.len() {
        let call = &calls[i];
        if call.start < at {
            i += 1;
            continue;
        }
        text.push_str(&body[at..call.start]);
        at = call.end;
        i += 1;
        if commented.contains(&(i - 1)) {
            text.push_str(&comment(&call.raw));
            continue;
        }
        if call.name.is_empty() {
            let in_code = code.iter().any(|r| r.contains(&call.start));
            text.push_str(&escaped_text(call, in_code, &mut out));
            continue;
        }
        // A paired call: its closing tag, the first of its name at the same depth.
        let closing = (!call.closing && !call.self_closing)
            .then(|| matching_close(&calls, i - 1))
            .flatten();
        let end = closing.map_or(call.end, |j| calls[j].end);
        // The body, its own shortcodes converted first (a highlighted body is code: only its
        // escaped shortcodes become their text).
        let nested = closing.map(|j| {
            let raw = &body[call.end..calls[j].start];
            if call.name == "highlight" {
                Converted {
                    text: unescaped(raw, cx.generator),
                    ..Converted::default()
                }
            } else {
                convert(raw, cx)
            }
        });
        let block = is_block(body, call.start, end);
        match expand(call, nested.as_ref().map(|n| n.text.as_str()), block, cx) {
            Ok(replacement) => {
                text.push_str(&replacement);
                out.converted += 1;
                let picture = matches!(call.name.as_str(), "figure" | "resize_image");
                if picture && call.named("alt").is_none_or(|a| a.trim().is_empty()) {
                    out.notes.push((
                        call.start,
                        "a picture without a description (`alt`): write one for readers who do not see it".into(),
                    ));
                }
                if let Some(nested) = nested {
                    out.converted += nested.converted;
                    let shift = |(offset, message): (usize, String)| (offset + call.end, message);
                    out.left.extend(nested.left.into_iter().map(shift));
                    out.notes.extend(nested.notes.into_iter().map(shift));
                }
                at = end;
                i = closing.map_or(i, |j| j + 1);
            }
            Err(reason) => {
                // The call in a comment; its body, if any, stays readable.
                text.push_str(&comment(&call.raw));
                let gap = if block {
                    ""
                } else {
                    " (the sentence it was in now has a gap: reword it)"
                };
                out.left.push((
                    call.start,
                    format!(
                        "`{}` left in an HTML comment{gap}: {reason}",
                        short(&call.raw)
                    ),
                ));
                commented.extend(closing);
            }
        }
    }
    text.push_str(&body[at..]);
    out.text = text;
    out
}

/// An escaped shortcode as its text, in a code span outside code (said).
fn escaped_text(call: &Call, in_code: bool, out: &mut Converted) -> String {
    if in_code {
        return call.raw.clone();
    }
    out.notes.push((
        call.start,
        format!(
            "the escaped shortcode `{}` is in a code span now (dossier takes shortcode-like text in prose for a mistake)",
            call.raw
        ),
    ));
    code_span(&call.raw)
}

/// `code` with its escaped shortcodes as their text, and nothing else changed.
fn unescaped(code: &str, generator: Generator) -> String {
    let calls = match generator {
        Generator::Hugo => hugo_calls(code),
        Generator::Zola => zola_calls(code),
    };
    let mut out = String::with_capacity(code.len());
    let mut at = 0;
    for call in calls.iter().filter(|c| c.name.is_empty()) {
        out.push_str(&code[at..call.start]);
        out.push_str(&call.raw);
        at = call.end;
    }
    out.push_str(&code[at..]);
    out
}

fn short(raw: &str) -> String {
    let one_line = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 80 {
        let cut: String = one_line.chars().take(77).collect();
        format!("{cut}…")
    } else {
        one_line
    }
}

/// A code span around `text`, with enough backticks.
fn code_span(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// `text` in an HTML comment that nothing inside can close.
fn comment(text: &str) -> String {
    let mut text = text.to_string();
    while text.contains("--") {
        text = text.replace("--", "- -");
    }
    format!("<!-- {text} -->")
}

/// Whether the call stands alone on its lines (a block), not inside a paragraph's line.
fn is_block(body: &str, start: usize, end: usize) -> bool {
    let before = &body[..start];
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    let after = &body[end..];
    let line_end = after.find('\n').unwrap_or(after.len());
    before[line_start..].trim().is_empty() && after[..line_end].trim().is_empty()
}

/// The byte ranges of code (fenced and indented blocks, code spans).
pub(super) fn code_ranges(body: &str) -> Vec<std::ops::Range<usize>> {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut ranges = Vec::new();
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) | Event::Code(_) => ranges.push(range),
            _ => {}
        }
    }
    ranges
}

fn matching_close(calls: &[Call], open: usize) -> Option<usize> {
    let name = &calls[open].name;
    let mut depth = 0;
    for (j, call) in calls.iter().enumerate().skip(open + 1) {
        if call.name != *name {
            continue;
        }
        if call.closing {
            if depth == 0 {
                return Some(j);
            }
            depth -= 1;
        } else if !call.self_closing {
            depth += 1;
        }
    }
    None
}

/// The Markdown or HTML a call stands for, or why it cannot be converted.
fn expand(call: &Call, inner: Option<&str>, block: bool, cx: &Context) -> Result<String, String> {
    if call.closing {
        return Err("a closing tag without its opening".into());
    }
    let video = |url: String| -> String {
        match call.named("title") {
            Some(title) => format!("[{}]({url})", escape_markdown(title)),
            None => format!("<{url}>"),
        }
    };
    let known = match (cx.generator, call.name.as_str()) {
        (_, "youtube") => call
            .arg("id", 0)
            .map(|id| video(format!("https://www.youtube.com/watch?v={id}"))),
        (_, "vimeo") => call
            .arg("id", 0)
            .map(|id| video(format!("https://vimeo.com/{id}"))),
        (Generator::Hugo, "figure") => call.named("src").map(|src| figure(call, src)),
        (Generator::Hugo, "ref" | "relref") => {
            let target = call.arg("path", 0).ok_or("no page named")?;
            if target.starts_with('#') {
                return Ok(target.to_string());
            }
            // Not found, the target as written: the link it stands in then keeps its text
            // and is reported, with the other links to nothing (links.rs).
            let found = (cx.resolve)(target, call.named("lang"));
            return Ok(found.unwrap_or_else(|| target.to_string()));
        }
        (Generator::Hugo, "highlight") => {
            let lang = call.positional(0).unwrap_or("");
            let code = inner.unwrap_or("").trim_matches('\n');
            Some(format!("```{lang}\n{code}\n```"))
        }
        (Generator::Hugo, "details") => {
            let summary = call.named("summary").unwrap_or("Details");
            let open = if call.named("open").is_some_and(|o| o == "true") {
                " open"
            } else {
                ""
            };
            Some(format!(
                "<details{open}><summary>{}</summary>\n\n{}\n\n</details>",
                escape_html(summary),
                inner.unwrap_or("").trim()
            ))
        }
        (Generator::Hugo, "gist") => match (call.positional(0), call.positional(1)) {
            (Some(user), Some(id)) => Some(format!("<https://gist.github.com/{user}/{id}>")),
            _ => None,
        },
        (Generator::Hugo, "x" | "twitter" | "tweet") => {
            match (call.arg("user", 0), call.arg("id", 1)) {
                (Some(user), Some(id)) => Some(format!("<https://x.com/{user}/status/{id}>")),
                _ => None,
            }
        }
        (Generator::Hugo, "instagram") => call
            .arg("id", 0)
            .map(|id| format!("<https://www.instagram.com/p/{id}/>")),
        (Generator::Hugo, "comment") => Some(String::new()),
        (Generator::Zola, "gist") => call.arg("url", 0).map(|url| format!("<{url}>")),
        (Generator::Zola, "resize_image") => call.arg("path", 0).map(|path| {
            let alt = call.named("alt").unwrap_or("");
            format!("![{}]({})", escape_markdown(alt), (cx.content_link)(path))
        }),
        _ => None,
    };
    if let Some(text) = known {
        return Ok(text);
    }
    let Some((file, template)) = cx.templates.get(&call.name) else {
        return Err(format!(
            "no template for `{}` in the site, and not a shortcode whose meaning is known",
            call.name
        ));
    };
    substitute(template, call, inner, block, cx.generator).ok_or_else(|| {
        let data = data_read(template)
            .map(|d| format!(", and reads the site's data ({d})"))
            .unwrap_or_default();
        format!("its template ({file}) does more than put its arguments in place{data}")
    })
}

/// The data a template reads: Hugo's `.Site.Data.x`, Zola's `load_data(path=…)`.
fn data_read(template: &str) -> Option<String> {
    if let Some(at) = template.find(".Site.Data.") {
        let name: String = template[at + 11..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        return Some(format!("data/{name}.*"));
    }
    template
        .contains("load_data(")
        .then(|| "a file named by its arguments, with load_data".to_string())
}

fn figure(call: &Call, src: &str) -> String {
    let alt = call.named("alt").unwrap_or("");
    let mut img = format!(
        "<img src=\"{}\" alt=\"{}\"",
        escape_html(src),
        escape_html(alt)
    );
    for attribute in ["width", "height", "class"] {
        if let Some(value) = call.named(attribute) {
            img.push_str(&format!(" {attribute}=\"{}\"", escape_html(value)));
        }
    }
    img.push('>');
    if let Some(link) = call.named("link") {
        img = format!("<a href=\"{}\">{img}</a>", escape_html(link));
    }
    let mut caption: Vec<String> = Vec::new();
    if let Some(title) = call.named("title") {
        caption.push(format!("<strong>{}</strong>", escape_html(title)));
    }
    if let Some(text) = call.named("caption") {
        caption.push(escape_html(text));
    }
    if let Some(attr) = call.named("attr") {
        caption.push(match call.named("attrlink") {
            Some(link) => format!(
                "<a href=\"{}\">{}</a>",
                escape_html(link),
                escape_html(attr)
            ),
            None => escape_html(attr),
        });
    }
    if caption.is_empty() {
        format!("<figure>{img}</figure>")
    } else {
        format!(
            "<figure>{img}<figcaption>{}</figcaption></figure>",
            caption.join(" ")
        )
    }
}

/// A site template that only puts its arguments and body in place, filled in; `None` for
/// one with logic.
fn substitute(
    template: &str,
    call: &Call,
    inner: Option<&str>,
    block: bool,
    generator: Generator,
) -> Option<String> {
    let markdown_output = !template.trim_start().starts_with('<');
    let (open, close) = ("{{", "}}");
    if generator == Generator::Zola && template.contains("{%") {
        return None;
    }
    let mut out = String::new();
    let mut rest = template;
    while let Some(at) = rest.find(open) {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let end = after.find(close)?;
        let action = after[..end].trim().trim_matches('-').trim();
        rest = &after[end + 2..];
        if action.starts_with("/*") && action.ends_with("*/") {
            continue;
        }
        let mut pipes = action.split('|').map(str::trim);
        let head = pipes.next().unwrap_or("");
        let filters: Vec<&str> = pipes.collect();
        let is_body = match generator {
            Generator::Hugo => head == ".Inner",
            Generator::Zola => head == "body",
        };
        let allowed = |f: &&str| match generator {
            Generator::Hugo => matches!(*f, "markdownify" | ".Page.RenderString" | "safeHTML"),
            Generator::Zola => matches!(*f, "safe" | "markdown"),
        };
        if !filters.iter().all(allowed) {
            return None;
        }
        if is_body {
            let inner = inner.unwrap_or("").trim();
            if block && !markdown_output {
                // Blank lines around it, so that the Markdown of a body inside HTML is read
                // as Markdown.
                while !out.is_empty() && !out.ends_with("\n\n") {
                    out.push('\n');
                }
                out.push_str(inner);
                out.push('\n');
                if !rest.starts_with('\n') {
                    out.push('\n');
                }
            } else {
                out.push_str(inner);
            }
            continue;
        }
        let value = match generator {
            Generator::Hugo => {
                let argument = head.strip_prefix(".Get")?.trim();
                match argument.parse::<usize>() {
                    Ok(index) => call.positional(index),
                    Err(_) => call.named(argument.trim_matches('"')),
                }
            }
            Generator::Zola => {
                if !head.chars().all(|c| c.is_alphanumeric() || c == '_') {
                    return None;
                }
                call.named(head)
            }
        }
        .unwrap_or("");
        if markdown_output {
            out.push_str(value);
        } else {
            out.push_str(&escape_html(value));
        }
    }
    out.push_str(rest);
    Some(out.trim_end_matches('\n').to_string())
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn escape_markdown(text: &str) -> String {
    text.replace('[', "\\[").replace(']', "\\]")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hugo(body: &str, templates: &[(&str, &str)]) -> Converted {
        let templates: HashMap<String, (String, String)> = templates
            .iter()
            .map(|(n, t)| {
                (
                    n.to_string(),
                    (format!("layouts/shortcodes/{n}.html"), t.to_string()),
                )
            })
            .collect();
        let resolve = |target: &str, lang: Option<&str>| {
            Some(format!(
                "{}{}",
                target.trim_start_matches('/'),
                lang.map(|l| format!("@{l}")).unwrap_or_default()
            ))
        };
        let content = |path: &str| path.to_string();
        convert(
            body,
            &Context {
                generator: Generator::Hugo,
                templates: &templates,
                resolve: &resolve,
                content_link: &content,
            },
        )
    }

    #[test]
    fn known_hugo_shortcodes_become_markdown_or_html() {
        let out = hugo(
            "A {{< abbr \"ONU\" `Nations unies` >}} b.\n\n{{< youtube Xk3 >}}\n\n{{< callout type=\"warning\" >}}\nTake *care*.\n{{< /callout >}}\n\n[x]({{< relref path=\"/a/b.md#c\" lang=\"en\" >}})\n\n{{< highlight json \"linenos=table\" >}}\n{\"a\": 1}\n{{< /highlight >}}\n",
            &[
                ("abbr", "<abbr title=\"{{ .Get 1 }}\">{{ .Get 0 }}</abbr>\n"),
                (
                    "callout",
                    "<aside class=\"callout callout-{{ .Get \"type\" }}\" role=\"note\">\n{{ .Inner }}\n</aside>\n",
                ),
            ],
        );
        assert_eq!(
            out.text,
            "A <abbr title=\"Nations unies\">ONU</abbr> b.\n\n<https://www.youtube.com/watch?v=Xk3>\n\n<aside class=\"callout callout-warning\" role=\"note\">\n\nTake *care*.\n\n</aside>\n\n[x](a/b.md#c@en)\n\n```json\n{\"a\": 1}\n```\n"
        );
        assert_eq!(out.converted, 5);
        assert!(out.left.is_empty());
    }

    #[test]
    fn logic_and_unknown_shortcodes_are_left_in_comments_and_escaped_ones_become_text() {
        let out = hugo(
            "Voir {{< person borrell >}} ici.\n\n`{{</* callout */>}}` et {{%/* details */%}}.\n\n{{< mystery >}}\ninside\n{{< /mystery >}}\n",
            &[(
                "person",
                "{{ with index .Site.Data.people (.Get 0) }}{{ .name }}{{ end }}",
            )],
        );
        assert_eq!(
            out.text,
            "Voir <!-- {{< person borrell >}} --> ici.\n\n`{{< callout >}}` et `{{% details %}}`.\n\n<!-- {{< mystery >}} -->\ninside\n<!-- {{< /mystery >}} -->\n"
        );
        assert_eq!(out.left.len(), 2);
        assert_eq!(out.notes.len(), 1);
    }

    #[test]
    fn a_highlighted_body_is_code_with_its_escaped_shortcodes_as_text() {
        let out = hugo(
            "{{< highlight go >}}\n{{</* ref \"x\" */>}} {{< y >}}\n{{< /highlight >}}\n",
            &[],
        );
        assert_eq!(out.text, "```go\n{{< ref \"x\" >}} {{< y >}}\n```\n");
        // Degenerate: no panic, and nothing that could close its comment early.
        let out = hugo("a {{</*/>}} b {{< z title=\"--->\" >}}", &[]);
        assert_eq!(
            out.text,
            "a <!-- {{</*/>}} --> b <!-- {{< z title=\"- - ->\" >}} -->"
        );
    }

    #[test]
    fn zola_shortcodes_and_bodies() {
        let templates: HashMap<String, (String, String)> = [
            (
                "note",
                "<aside class=\"note note-{{ kind }}\">\n{{ body | markdown | safe }}\n</aside>\n",
            ),
            ("chiffre", "**{{ valeur }}** ({{ source }})\n"),
            ("logic", "{% if a %}x{% endif %}"),
        ]
        .iter()
        .map(|(n, t)| {
            (
                n.to_string(),
                (format!("templates/shortcodes/{n}.html"), t.to_string()),
            )
        })
        .collect();
        let resolve = |_: &str, _: Option<&str>| None;
        let content = |path: &str| format!("../{path}");
        let out = convert(
            "{{ vimeo(id='8392', class=`video`) }}\n\nUn {{ chiffre(valeur=\"1,1 Md$\", source=\"C\") }}.\n\n{% note(kind=\"warning\") %}\n**pas**\n{% end %}\n\n{{ resize_image(path=\"a/b.png\", width=640) }}\n\n{{ logic(a=[1, 2]) }}\n\n`{{/* youtube(id=\"x\") */}}`\n",
            &Context {
                generator: Generator::Zola,
                templates: &templates,
                resolve: &resolve,
                content_link: &content,
            },
        );
        assert_eq!(
            out.text,
            "<https://vimeo.com/8392>\n\nUn **1,1 Md$** (C).\n\n<aside class=\"note note-warning\">\n\n**pas**\n\n</aside>\n\n![](../a/b.png)\n\n<!-- {{ logic(a=[1, 2]) }} -->\n\n`{{ youtube(id=\"x\") }}`\n"
        );
    }
}
