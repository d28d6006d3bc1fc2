//! Pure helpers on text that every layer may use: dates, typography, JSON strings, the HTML
//! tag scanner.

pub(crate) mod date;
pub(crate) mod fold;
pub(crate) mod html;
pub(crate) mod json;
pub(crate) mod typography;
pub(crate) mod words;

/// Whether `needle` occurs in `text`: memchr's SIMD search, several times faster than `str`'s
/// on the long bodies every build scans for rare markers (`<!--`, `{{`, `[^`).
pub(crate) fn has(text: &str, needle: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), needle.as_bytes()).is_some()
}

/// Where `needle` first occurs in `text` (see [`has`]).
pub(crate) fn find(text: &str, needle: &str) -> Option<usize> {
    memchr::memmem::find(text.as_bytes(), needle.as_bytes())
}

/// `text` as a TOML basic string, which YAML double-quoted scalars and JSON strings read the
/// same (front matter written by `dossier new` and `dossier migrate`).
pub(crate) fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
