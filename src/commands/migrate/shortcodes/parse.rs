//! Shortcode calls found in a body: Hugo's `{{< x a="b" >}}`, `{{% x %}}` and their closing
//! tags, Zola's `{{ x(a="b") }}`, `{% x() %}` and `{% end %}`, and the escaped ones of both,
//! with their places and arguments. Pure.

/// One call: where it is, its name, its arguments.
#[derive(Debug, Clone)]
pub(super) struct Call {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) name: String,
    pub(super) args: Vec<(Option<String>, String)>,
    pub(super) closing: bool,
    pub(super) self_closing: bool,
    /// The whole tag as written.
    pub(super) raw: String,
}

impl Call {
    pub(super) fn named(&self, key: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(k, _)| k.as_deref() == Some(key))
            .map(|(_, v)| v.as_str())
    }

    pub(super) fn positional(&self, index: usize) -> Option<&str> {
        self.args
            .iter()
            .filter(|(k, _)| k.is_none())
            .nth(index)
            .map(|(_, v)| v.as_str())
    }

    pub(super) fn arg(&self, key: &str, index: usize) -> Option<&str> {
        self.named(key).or_else(|| self.positional(index))
    }
}

/// Every Hugo shortcode tag of `body`, escaped ones with an empty name and their text.
pub(super) fn hugo_calls(body: &str) -> Vec<Call> {
    let mut calls = Vec::new();
    let mut from = 0;
    while let Some(found) = body[from..].find("{{") {
        let start = from + found;
        let rest = &body[start + 2..];
        let Some(delim) = rest.chars().next().filter(|c| *c == '<' || *c == '%') else {
            from = start + 2;
            continue;
        };
        let closer = if delim == '<' { '>' } else { '%' };
        let close = format!("{closer}}}}}");
        let inner_start = start + 3;
        // Escaped: `{{</* … */>}}`.
        if let Some(call) = escaped(body, start, inner_start, &format!("{{{{{delim}"), &close) {
            from = call.end;
            calls.push(call);
            continue;
        }
        let Some(e) = find_outside_quotes(&body[inner_start..], &close) else {
            from = start + 2;
            continue;
        };
        let end = inner_start + e + close.len();
        let mut inside = body[inner_start..inner_start + e].trim();
        let closing = inside.starts_with('/');
        if closing {
            inside = inside[1..].trim_start();
        }
        let self_closing = inside.ends_with('/');
        if self_closing {
            inside = inside[..inside.len() - 1].trim_end();
        }
        let mut words = hugo_args(inside);
        if words.is_empty() {
            from = end;
            continue;
        }
        let (_, name) = words.remove(0);
        calls.push(Call {
            start,
            end,
            name,
            args: words,
            closing,
            self_closing,
            raw: body[start..end].to_string(),
        });
        from = end;
    }
    calls
}

/// An escaped shortcode (`{{</* x */>}}`, `{{/* x() */}}`) opened at `start`, whose text
/// after `open` starts at `inner_start`: as a call with no name and its unescaped text.
fn escaped(body: &str, start: usize, inner_start: usize, open: &str, close: &str) -> Option<Call> {
    if !body[inner_start..].starts_with("/*") {
        return None;
    }
    let end_marker = format!("*/{close}");
    let e = 2 + body[inner_start + 2..].find(&end_marker)?;
    let inner = &body[inner_start + 2..inner_start + e];
    Some(Call {
        start,
        end: inner_start + e + end_marker.len(),
        name: String::new(),
        args: Vec::new(),
        closing: false,
        self_closing: false,
        raw: format!("{open}{inner}{close}"),
    })
}

pub(super) fn find_outside_quotes(text: &str, needle: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == b'\\' && q == b'"' => i += 1,
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'`' => quote = Some(b),
            None if bytes[i..].starts_with(needle.as_bytes()) => return Some(i),
            None => {}
        }
        i += 1;
    }
    None
}

/// Hugo's arguments: `"quoted"`, `` `raw` ``, bare, each maybe `name=`.
pub(super) fn hugo_args(text: &str) -> Vec<(Option<String>, String)> {
    let mut args = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let mut key = None;
        let word_start = i;
        while i < chars.len()
            && !chars[i].is_whitespace()
            && chars[i] != '='
            && chars[i] != '"'
            && chars[i] != '`'
        {
            i += 1;
        }
        if i < chars.len() && chars[i] == '=' {
            key = Some(chars[word_start..i].iter().collect::<String>());
            i += 1;
        } else {
            i = word_start;
        }
        let value = match chars.get(i) {
            Some('"') => {
                let mut value = String::new();
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' && i + 1 < chars.len() {
                        i += 1;
                    }
                    value.push(chars[i]);
                    i += 1;
                }
                i += 1;
                value
            }
            Some('`') => {
                let mut value = String::new();
                i += 1;
                while i < chars.len() && chars[i] != '`' {
                    value.push(chars[i]);
                    i += 1;
                }
                i += 1;
                value
            }
            _ => {
                let start = i;
                while i < chars.len() && !chars[i].is_whitespace() {
                    i += 1;
                }
                chars[start..i].iter().collect()
            }
        };
        args.push((key, value));
    }
    args
}

/// Every Zola shortcode of `body`: `{{ name(args) }}`, `{% name(args) %}`, `{% end %}`, and
/// the escaped `{{/* … */}}`, `{%/* … */%}`.
pub(super) fn zola_calls(body: &str) -> Vec<Call> {
    let mut calls = Vec::new();
    let mut from = 0;
    while let Some(found) = body[from..].find('{') {
        let start = from + found;
        let delim = match body.as_bytes().get(start + 1) {
            Some(b'{') => '{',
            Some(b'%') => '%',
            _ => {
                from = start + 1;
                continue;
            }
        };
        let close = if delim == '{' { "}}" } else { "%}" };
        let inner_start = start + 2;
        let open = if delim == '{' { "{{" } else { "{%" };
        if let Some(call) = escaped(body, start, inner_start, open, close) {
            from = call.end;
            calls.push(call);
            continue;
        }
        let Some(e) = find_outside_quotes(&body[inner_start..], close) else {
            from = start + 2;
            continue;
        };
        let end = inner_start + e + close.len();
        let inside = body[inner_start..inner_start + e]
            .trim()
            .trim_matches('-')
            .trim();
        if delim == '%' && inside == "end" {
            calls.push(Call {
                start,
                end,
                name: "\u{0}end".into(),
                args: Vec::new(),
                closing: true,
                self_closing: false,
                raw: body[start..end].to_string(),
            });
            from = end;
            continue;
        }
        let Some(open_paren) = inside.find('(') else {
            from = start + 2;
            continue;
        };
        let name = inside[..open_paren].trim();
        let valid = !name.is_empty()
            && name.chars().all(|c| c.is_alphanumeric() || c == '_')
            && inside.ends_with(')');
        if !valid {
            from = start + 2;
            continue;
        }
        calls.push(Call {
            start,
            end,
            name: name.to_string(),
            args: zola_args(&inside[open_paren + 1..inside.len() - 1]),
            closing: false,
            self_closing: delim == '{',
            raw: body[start..end].to_string(),
        });
        from = end;
    }
    // `{% end %}` closes the latest open body shortcode: give it that name.
    let mut open: Vec<String> = Vec::new();
    for call in &mut calls {
        if call.name == "\u{0}end" {
            call.name = open.pop().unwrap_or_default();
            if call.name.is_empty() {
                call.name = "\u{0}end".into();
            }
        } else if !call.name.is_empty() && !call.self_closing {
            open.push(call.name.clone());
        }
    }
    calls
}

/// Zola's arguments: `name=value`, separated by commas; strings in any quotes, arrays kept
/// as written.
pub(super) fn zola_args(text: &str) -> Vec<(Option<String>, String)> {
    let mut args = Vec::new();
    let mut depth = 0;
    let mut quote: Option<char> = None;
    let mut current = String::new();
    let mut parts = Vec::new();
    for c in text.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' || c == '`' => quote = Some(c),
            None if c == '[' => depth += 1,
            None if c == ']' => depth -= 1,
            None if c == ',' && depth == 0 => {
                parts.push(std::mem::take(&mut current));
                continue;
            }
            None => {}
        }
        current.push(c);
    }
    parts.push(current);
    for part in parts {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let (key, value) = match part.split_once('=') {
            Some((k, v)) if k.trim().chars().all(|c| c.is_alphanumeric() || c == '_') => {
                (Some(k.trim().to_string()), v.trim())
            }
            _ => (None, part),
        };
        let value = value
            .strip_prefix(['"', '\'', '`'])
            .and_then(|v| v.strip_suffix(['"', '\'', '`']))
            .unwrap_or(value);
        args.push((key, value.to_string()));
    }
    args
}
