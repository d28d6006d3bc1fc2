//! Writing one field into an article's front matter, as `dossier status --mark-translated`
//! and `dossier new --translation-of` do, in the article's own format and leaving every other
//! byte as it was.

/// The article text with `translated_from` set to `value` in its front matter: the field
/// replaced where it is, else added (before the closing `+++` or `---`, after JSON's `{`).
/// Line endings stay as they were. `None` without a closed front matter.
pub fn with_translated_from(text: &str, value: &str) -> Option<String> {
    with_field(text, "translated_from", value)
}

/// The article text with the string field `field` set to `value` (escaped as the format
/// needs), the same way as [`with_translated_from`].
pub fn with_field(text: &str, field: &str, value: &str) -> Option<String> {
    // TOML basic strings, YAML double-quoted scalars and JSON strings share these escapes.
    let value = value.replace('\\', "\\\\").replace('"', "\\\"");
    let bare = text.trim_start_matches('\u{feff}');
    if bare.starts_with('{') {
        return json_with(text, field, &value);
    }
    let (delimiter, line_for) = match bare.lines().next().map(str::trim_end) {
        Some("+++") => ("+++", format!("{field} = \"{value}\"")),
        Some("---") => ("---", format!("{field}: \"{value}\"")),
        _ => return None,
    };
    let separator = if delimiter == "+++" { '=' } else { ':' };
    let mut out = String::with_capacity(text.len() + 48);
    let mut delimiters = 0;
    let mut written = false;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let ending = &line[content.len()..];
        let ending = if ending.is_empty() { "\n" } else { ending };
        let bare = content.trim_start_matches('\u{feff}');
        if delimiters < 2 && bare.trim_end() == delimiter {
            delimiters += 1;
            if delimiters == 2 && !written {
                out.push_str(&line_for);
                out.push_str(ending);
                written = true;
            }
            out.push_str(line);
            continue;
        }
        let is_ours = delimiters == 1
            && bare
                .strip_prefix(field)
                .is_some_and(|rest| rest.trim_start().starts_with(separator));
        if is_ours && !written {
            out.push_str(&line_for);
            out.push_str(ending);
            written = true;
        } else if !is_ours {
            out.push_str(line);
        }
    }
    (delimiters == 2).then_some(out)
}

/// JSON: the value of an existing `"<field>"` replaced, else the field added first.
fn json_with(text: &str, field_name: &str, value: &str) -> Option<String> {
    let start = text.find('{')?;
    let split = super::split(&text[start..]).ok()?;
    let object = &text[start..start + split.front_matter.len()];
    let field = format!("\"{field_name}\": \"{value}\"");
    let key = format!("\"{field_name}\"");
    if let Some(at) = object.find(&key) {
        // `"translated_from" : "…"`: the old string ends at the next unescaped quote.
        let after_key = start + at + key.len();
        let open = after_key + text[after_key..].find('"')?;
        let close = open + 1 + text[open + 1..].find('"')?;
        return Some([&text[..start + at], &field, &text[close + 1..]].concat());
    }
    Some([&text[..=start], &field, ", ", &text[start + 1..]].concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_front_matter_gets_one_translated_from_line() {
        let text = "+++\ntitle = \"T\"\n+++\n\nBody\n";
        let marked = with_translated_from(text, "fr:0123456789abcdef").unwrap();
        assert_eq!(
            marked,
            "+++\ntitle = \"T\"\ntranslated_from = \"fr:0123456789abcdef\"\n+++\n\nBody\n"
        );
        // Again: the line is replaced, nothing else moves.
        let again = with_translated_from(&marked, "fr:fedcba9876543210").unwrap();
        assert_eq!(
            again,
            "+++\ntitle = \"T\"\ntranslated_from = \"fr:fedcba9876543210\"\n+++\n\nBody\n"
        );
        // Windows line endings stay; a `translated_from` in the body is not touched.
        let crlf = "+++\r\ntitle = \"T\"\r\n+++\r\ntranslated_from = 1\r\n";
        assert_eq!(
            with_translated_from(crlf, "en:0000000000000000").unwrap(),
            "+++\r\ntitle = \"T\"\r\ntranslated_from = \"en:0000000000000000\"\r\n+++\r\ntranslated_from = 1\r\n"
        );
        assert_eq!(with_translated_from("+++\ntitle = \"T\"\n", "x"), None);
    }

    #[test]
    fn yaml_and_json_front_matter_get_it_in_their_own_syntax() {
        let yaml = "---\ntitle: T\n---\nBody\n";
        let marked = with_translated_from(yaml, "fr:0123456789abcdef").unwrap();
        assert_eq!(
            marked,
            "---\ntitle: T\ntranslated_from: \"fr:0123456789abcdef\"\n---\nBody\n"
        );
        assert_eq!(
            with_translated_from(&marked, "fr:1111111111111111").unwrap(),
            "---\ntitle: T\ntranslated_from: \"fr:1111111111111111\"\n---\nBody\n"
        );
        let json = "{\n  \"title\": \"T\"\n}\nBody \"translated_from\": \"x\"\n";
        let marked = with_translated_from(json, "fr:0123456789abcdef").unwrap();
        assert_eq!(
            marked,
            "{\"translated_from\": \"fr:0123456789abcdef\", \n  \"title\": \"T\"\n}\nBody \"translated_from\": \"x\"\n"
        );
        assert_eq!(
            with_translated_from(&marked, "en:2222222222222222").unwrap(),
            "{\"translated_from\": \"en:2222222222222222\", \n  \"title\": \"T\"\n}\nBody \"translated_from\": \"x\"\n"
        );
    }
}
