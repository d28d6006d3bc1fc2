//! Shortcodes of other generators (Hugo's `{{< figure >}}` and `{{% notice %}}`, Zola's
//! `{{ youtube(…) }}` and `{% quote() %}`): dossier has none, and Markdown would publish them as
//! text. Each call found outside code is reported with its line and name, with what to write
//! instead when the shortcode is a common one.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// A shortcode call: the byte where it starts in the body, its name, and how it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Shortcode {
    pub(super) at: usize,
    pub(super) name: String,
    pub(super) form: &'static str,
}

/// Openings of calls; closing forms (`{{< /x >}}`, `{% end %}`) are not reported apart.
static CALL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\{\{<\s*(/?)\s*([A-Za-z0-9_][A-Za-z0-9_/.-]*)",
        r"|\{\{%\s*(/?)\s*([A-Za-z0-9_][A-Za-z0-9_/.-]*)",
        r"|\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(",
        r"|\{%\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\(|%\})",
    ))
    .expect("a valid pattern")
});

/// Every shortcode call of `body` outside the byte ranges of `code` (sorted, not overlapping).
pub(super) fn find(body: &str, code: &[Range<usize>]) -> Vec<Shortcode> {
    if !crate::text::has(body, "{{") && !crate::text::has(body, "{%") {
        return Vec::new();
    }
    let mut found = Vec::new();
    for call in CALL.captures_iter(body) {
        let at = call.get(0).map_or(0, |m| m.start());
        let in_code = code
            .binary_search_by(|range| {
                if range.end <= at {
                    std::cmp::Ordering::Less
                } else if range.start > at {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok();
        if in_code {
            continue;
        }
        let (closing, name, form) = if let Some(name) = call.get(2) {
            (call.get(1), name, "{{< … >}}")
        } else if let Some(name) = call.get(4) {
            (call.get(3), name, "{{% … %}}")
        } else if let Some(name) = call.get(5) {
            (None, name, "{{ …(…) }}")
        } else if let Some(name) = call.get(6) {
            (None, name, "{% … %}")
        } else {
            continue;
        };
        let name = name.as_str();
        if closing.is_some_and(|c| !c.as_str().is_empty()) || (form == "{% … %}" && name == "end")
        {
            continue;
        }
        found.push(Shortcode {
            at,
            name: name.to_string(),
            form,
        });
    }
    found
}

/// The message for a call: what it is, that it would show as text, and what to write instead.
pub(super) fn message(shortcode: &Shortcode) -> String {
    let name = &shortcode.name;
    let generator = match shortcode.form {
        "{{< … >}}" | "{{% … %}}" => "Hugo",
        _ => "Zola",
    };
    let instead = match name.as_str() {
        "figure" | "img" | "image" => "a picture in Markdown: ![description](file.jpg)",
        "ref" | "relref" => "a link to the article's file: [text](../topic/article.fr.md)",
        "youtube" | "vimeo" | "video" | "tweet" | "x" | "instagram" | "gist" | "spotify" => {
            "a link to the page: [title](https://…)"
        }
        "highlight" | "code" | "codeblock" => "a fenced code block: ```language … ```",
        _ => "Markdown, or HTML with [markdown] allow_raw_html = true",
    };
    format!(
        "{generator} shortcode `{name}` ({}) would be published as text: dossier has no shortcodes; write {instead}",
        shortcode.form
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(body: &str, code: &[Range<usize>]) -> Vec<(usize, String)> {
        find(body, code)
            .into_iter()
            .map(|s| (s.at, s.name))
            .collect()
    }

    #[test]
    fn finds_hugo_and_zola_calls_but_not_their_ends() {
        let body = "{{< figure src=\"a.jpg\" >}}\n{{<ref \"/about\">}}\n{{% notice tip %}}x{{% /notice %}}\n{{< sidebar >}}y{{< /sidebar >}}\n{{ youtube(id=\"x\") }}\n{% quote(author=\"A\") %}\nq\n{% end %}\n{% raw %}\n{{< roadmap/div class=\"x\" >}}\n";
        let found: Vec<String> = names(body, &[]).into_iter().map(|(_, n)| n).collect();
        assert_eq!(
            found,
            [
                "figure",
                "ref",
                "notice",
                "sidebar",
                "youtube",
                "quote",
                "raw",
                "roadmap/div"
            ]
        );
    }

    #[test]
    fn calls_in_code_and_ordinary_braces_are_left_alone() {
        let body = "`{{< figure >}}` and {{ not a call }} and {x} and {% not one %}\n";
        let code = vec![Range { start: 0, end: 16 }];
        assert_eq!(names(body, &code), []);
        assert_eq!(names(body, &[]), [(1, "figure".to_string())]);
    }

    #[test]
    fn messages_say_what_to_write() {
        let found = find("{{< figure src=\"a.jpg\" >}}", &[]);
        assert_eq!(
            message(&found[0]),
            "Hugo shortcode `figure` ({{< … >}}) would be published as text: dossier has no shortcodes; write a picture in Markdown: ![description](file.jpg)"
        );
    }
}
