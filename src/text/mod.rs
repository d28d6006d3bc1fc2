//! Pure helpers on text that every layer may use: dates, typography, JSON strings, the HTML
//! tag scanner.

pub(crate) mod date;
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
