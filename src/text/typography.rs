//! French typographic rules: no-break spaces before `: ; ! ?` and inside `« »`.
//!
//! Applied to text, never to markup or code: the Markdown renderer calls it on text events only.

use std::borrow::Cow;

/// No-break space, before `:` and inside guillemets.
pub(crate) const NBSP: char = '\u{a0}';
/// Narrow no-break space, before `; ! ?`.
pub(crate) const NNBSP: char = '\u{202f}';

/// Applies French spacing to plain text. Existing spaces before `: ; ! ?` become no-break
/// ones (a colon with no space before it, as in `10:30` or `https:`, is left alone); spaces
/// inside `« »` become no-break spaces and are added where missing.
pub(crate) fn french(text: &str) -> Cow<'_, str> {
    // By byte, the usual case being text with none of them: `«` and `»` are C2 AB and C2 BB.
    let bytes = text.as_bytes();
    let marks = |i: usize| match bytes[i] {
        b':' | b';' | b'!' | b'?' => true,
        0xab | 0xbb => i > 0 && bytes[i - 1] == 0xc2,
        _ => false,
    };
    // A first look with memchr (SIMD), then a closer one.
    let may = memchr::memchr3(b':', b';', b'!', bytes).is_some()
        || memchr::memchr3(b'?', 0xab, 0xbb, bytes).is_some();
    if !may || !(0..bytes.len()).any(marks) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    let mut previous: Option<char> = None;
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        match c {
            ' ' | NBSP | NNBSP if matches!(next, Some(':')) => out.push(NBSP),
            ' ' | NBSP | NNBSP if matches!(next, Some(';' | '!' | '?')) => out.push(NNBSP),
            ' ' | NBSP | NNBSP if matches!(next, Some('»')) => out.push(NBSP),
            ' ' | NBSP | NNBSP if previous == Some('«') => out.push(NBSP),
            '«' => {
                out.push('«');
                if next.is_some_and(|n| !n.is_whitespace()) {
                    out.push(NBSP);
                }
            }
            '»' => {
                if out.chars().next_back().is_some_and(|p| !p.is_whitespace()) {
                    out.push(NBSP);
                }
                out.push('»');
            }
            _ => out.push(c),
        }
        previous = Some(c);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_before_high_punctuation() {
        assert_eq!(
            french("Attention : danger !"),
            "Attention\u{a0}: danger\u{202f}!"
        );
        assert_eq!(
            french("Vraiment ? Oui ; non"),
            "Vraiment\u{202f}? Oui\u{202f}; non"
        );
    }

    #[test]
    fn guillemets_get_no_break_spaces() {
        assert_eq!(french("« mafieux »"), "«\u{a0}mafieux\u{a0}»");
        assert_eq!(french("«mafieux»"), "«\u{a0}mafieux\u{a0}»");
    }

    #[test]
    fn leaves_urls_times_and_plain_text_alone() {
        assert_eq!(
            french("https://example.org à 10:30"),
            "https://example.org à 10:30"
        );
        assert!(matches!(french("rien à changer"), Cow::Borrowed(_)));
        // `ë` and `û` end with the second byte of `«` and `»`.
        assert!(matches!(french("Noël, août"), Cow::Borrowed(_)));
        assert_eq!(french("août»"), "août\u{a0}»");
    }
}
