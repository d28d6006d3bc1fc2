//! The block structure of a template, scanned before Tera parses it: each tag that opens a
//! block and is never closed, each end tag that closes nothing, each tag Tera does not know,
//! at the line and column where it is written.

use crate::error::suggestion;

/// Tera's tags, and the end tag of those that open a block.
const TAGS: &[(&str, Option<&str>)] = &[
    ("if", Some("endif")),
    ("for", Some("endfor")),
    ("block", Some("endblock")),
    ("filter", Some("endfilter")),
    ("component", Some("endcomponent")),
    ("raw", Some("endraw")),
    ("set", None),
    ("set_global", None),
    ("include", None),
    ("extends", None),
    ("elif", None),
    ("else", None),
    ("break", None),
    ("continue", None),
];

/// One problem of a template's structure: 1-based line and column, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// A tag as written: its first word, where it starts, and the whole tag for messages.
#[derive(Debug, Clone)]
struct Tag<'a> {
    word: &'a str,
    /// `{% set x %}`, a capture, opens a block; `{% set x = 1 %}` does not.
    captures: bool,
    line: usize,
    column: usize,
}

/// The problems of `source`'s block structure, at the tags that cause them, in order. Tags
/// Tera does not know come alone (what follows them is likely their consequence); a template
/// that uses the component call syntax (`{% <x() %}`) is left to Tera.
pub fn structure(source: &str) -> Vec<Problem> {
    let tags = match tags(source) {
        Scan::Tags(tags) => tags,
        Scan::Unclosed(problem) => return vec![problem],
        Scan::Components => return Vec::new(),
    };
    let unknown: Vec<Problem> = tags
        .iter()
        .filter(|tag| !is_known(tag.word))
        .map(unknown_tag)
        .collect();
    if !unknown.is_empty() {
        return unknown;
    }
    let mut problems = Vec::new();
    let mut open: Vec<Tag> = Vec::new();
    for tag in tags {
        let word = tag.word;
        if let Some(kind) = word.strip_prefix("end") {
            match open.iter().rposition(|o| o.word == kind) {
                Some(at) => {
                    // Everything opened after the matching tag is left open.
                    for inner in open.drain(at + 1..).rev() {
                        problems.push(left_open(&inner, Some(&tag)));
                    }
                    open.pop();
                }
                None => problems.push(Problem {
                    line: tag.line,
                    column: tag.column,
                    message: format!(
                        "`{{% {word} %}}` closes nothing: no `{{% {kind} %}}` is open here"
                    ),
                }),
            }
            continue;
        }
        match TAGS.iter().find(|(t, _)| *t == word) {
            Some((_, Some(_))) => open.push(tag),
            Some(("set" | "set_global", None)) if tag.captures => {
                open.push(Tag { word: "set", ..tag })
            }
            Some(("elif", _)) if open.last().is_none_or(|o| o.word != "if") => {
                problems.push(misplaced(&tag, "`{% if %}`"));
            }
            Some(("else", _))
                if open
                    .last()
                    .is_none_or(|o| o.word != "if" && o.word != "for") =>
            {
                problems.push(misplaced(&tag, "`{% if %}` or `{% for %}`"));
            }
            _ => {}
        }
    }
    for inner in open.iter().rev() {
        problems.push(left_open(inner, None));
    }
    problems.sort_by_key(|p| (p.line, p.column));
    problems
}

/// Whether Tera knows the tag: one of [`TAGS`], or the end of one that opens a block
/// (`endset` too, the end of a capture).
fn is_known(word: &str) -> bool {
    TAGS.iter().any(|(t, end)| *t == word || *end == Some(word)) || word == "endset"
}

fn end_of(word: &str) -> String {
    if word == "set" {
        "endset".to_string()
    } else {
        format!("end{word}")
    }
}

fn left_open(tag: &Tag, before: Option<&Tag>) -> Problem {
    let word = tag.word;
    let end = end_of(word);
    let message = match before {
        Some(closing) => format!(
            "`{{% {word} %}}` is not closed before the `{{% {} %}}` of line {}: add `{{% {end} %}}` where its block ends",
            closing.word, closing.line
        ),
        None => {
            format!("`{{% {word} %}}` is never closed: add `{{% {end} %}}` where its block ends")
        }
    };
    Problem {
        line: tag.line,
        column: tag.column,
        message,
    }
}

fn misplaced(tag: &Tag, within: &str) -> Problem {
    Problem {
        line: tag.line,
        column: tag.column,
        message: format!("`{{% {} %}}` outside any {within}", tag.word),
    }
}

fn unknown_tag(tag: &Tag) -> Problem {
    let mut known: Vec<String> = Vec::new();
    for (word, end) in TAGS {
        known.push((*word).to_string());
        known.extend(end.map(str::to_string));
    }
    let guess = suggestion(tag.word, known.iter().map(String::as_str), "`");
    let list: Vec<&str> = TAGS.iter().map(|(w, _)| *w).collect();
    Problem {
        line: tag.line,
        column: tag.column,
        message: format!(
            "unknown tag `{}` ({guess}tags: {})",
            tag.word,
            list.join(", ")
        ),
    }
}

/// What scanning a template's tags found.
enum Scan<'a> {
    Tags(Vec<Tag<'a>>),
    /// A `{{`, `{%` or `{#` whose end is missing: nothing after it can be trusted.
    Unclosed(Problem),
    /// The template calls components (`{% <x() %}`), whose structure is left to Tera.
    Components,
}

/// Every `{% … %}` tag of `source` in order, with `{% raw %}` bodies, comments and `{{ … }}`
/// expressions skipped.
fn tags(source: &str) -> Scan<'_> {
    let bytes = source.as_bytes();
    let mut tags = Vec::new();
    let mut at = 0;
    let mut in_raw = false;
    while let Some(found) = memchr::memchr(b'{', &bytes[at..]) {
        let start = at + found;
        let Some(&next) = bytes.get(start + 1) else {
            break;
        };
        let closer = match next {
            b'%' => "%}",
            b'{' => "}}",
            b'#' => "#}",
            _ => {
                at = start + 1;
                continue;
            }
        };
        let inner_start = start + 2;
        let end = if next == b'#' {
            source[inner_start..].find("#}").map(|e| inner_start + e)
        } else {
            end_of_tag(source, inner_start, closer)
        };
        let Some(end) = end else {
            if in_raw {
                at = inner_start;
                continue;
            }
            let (line, column) = position(source, start);
            let opener = &source[start..inner_start];
            return Scan::Unclosed(Problem {
                line,
                column,
                message: format!("`{opener}` is not closed: add `{closer}` where it ends"),
            });
        };
        at = end + 2;
        if next != b'%' {
            continue;
        }
        let inner = source[inner_start..end]
            .trim_start_matches('-')
            .trim_end_matches('-')
            .trim();
        if inner.starts_with('<') {
            return Scan::Components;
        }
        let word_end = inner
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(inner.len());
        let word = &inner[..word_end];
        if in_raw {
            if word == "endraw" {
                in_raw = false;
            } else {
                continue;
            }
        }
        if word == "raw" {
            in_raw = true;
        }
        let (line, column) = position(source, start);
        tags.push(Tag {
            word,
            captures: (word == "set" || word == "set_global") && !inner.contains('='),
            line,
            column,
        });
    }
    Scan::Tags(tags)
}

/// Where the tag opened before `from` ends (the offset of `closer`), strings skipped; `None`
/// when another tag opens first.
fn end_of_tag(source: &str, from: usize, closer: &str) -> Option<usize> {
    let bytes = source.as_bytes();
    let mut i = from;
    let mut quote: Option<u8> = None;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == b'\\' && q != b'`' => i += 1,
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' || b == b'`' => quote = Some(b),
            None if bytes[i..].starts_with(closer.as_bytes()) => return Some(i),
            None if b == b'{' && matches!(bytes.get(i + 1), Some(b'{' | b'%' | b'#')) => {
                return None;
            }
            None => {}
        }
        i += 1;
    }
    None
}

/// The 1-based line and column (in characters) of a byte offset.
fn position(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(source: &str) -> Vec<String> {
        structure(source)
            .into_iter()
            .map(|p| format!("{}:{}: {}", p.line, p.column, p.message))
            .collect()
    }

    #[test]
    fn an_open_tag_is_reported_where_it_opens() {
        let source = "{% block main %}\n<p>\n  {% if a %}x\n</p>\n{% endblock main %}\n";
        assert_eq!(
            messages(source),
            [
                "3:3: `{% if %}` is not closed before the `{% endblock %}` of line 5: add `{% endif %}` where its block ends"
            ]
        );
        assert_eq!(
            messages("{% for a in b %}\n{{ a }}\n"),
            ["1:1: `{% for %}` is never closed: add `{% endfor %}` where its block ends"]
        );
    }

    #[test]
    fn unknown_and_stray_tags_are_named() {
        assert_eq!(
            messages("{% for a in b %}{{ a }}{% endfro %}"),
            [
                "1:24: unknown tag `endfro` (did you mean `endfor`? tags: if, for, block, filter, component, raw, set, set_global, include, extends, elif, else, break, continue)"
            ]
        );
        assert_eq!(
            messages("<h1>{{ a }</h1>\n{% if b %}{% endif %}"),
            ["1:5: `{{` is not closed: add `}}` where it ends"]
        );
        assert_eq!(
            messages("a\n  {% endif %}"),
            ["2:3: `{% endif %}` closes nothing: no `{% if %}` is open here"]
        );
        assert_eq!(
            messages("{% else %}"),
            ["1:1: `{% else %}` outside any `{% if %}` or `{% for %}`"]
        );
    }

    #[test]
    fn strings_comments_raw_and_captures_are_understood() {
        let source = "{# {% if %} #}{{ \"%}\" }}{% set x = \"{% if\" %}{% raw %}{% if %}{% endraw %}\n{% set y %}a{% endset %}{%- if a -%}{% elif b %}{% else %}{% endif %}";
        assert_eq!(messages(source), Vec::<String>::new());
        assert_eq!(messages("{% <card() %}"), Vec::<String>::new());
    }
}
