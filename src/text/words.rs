//! Cutting text between words, and counting them.

use std::borrow::Cow;

/// How many words `text` holds: its runs without blanks that hold a letter or a digit.
pub(crate) fn count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// `text` cut to at most `max` characters between two words, with `…` after it when cut; a
/// first word longer than `max` is kept whole (never cut in the middle). Punctuation left
/// hanging at the cut (`,` `;` `:`) goes.
pub(crate) fn shorten(text: &str, max: usize) -> Cow<'_, str> {
    if text.chars().count() <= max {
        return Cow::Borrowed(text);
    }
    let mut end = 0;
    for (count, (at, c)) in text.char_indices().enumerate() {
        if count > max {
            break;
        }
        if c.is_whitespace() {
            end = at;
        }
    }
    if end == 0 {
        end = text.find(char::is_whitespace).unwrap_or(text.len());
    }
    let kept = text[..end].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '–' | '—' | '(' | '«' | '\u{a0}')
    });
    if kept.len() == text.len() {
        return Cow::Borrowed(text);
    }
    Cow::Owned(format!("{kept}…"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_between_words_never_inside_one() {
        assert_eq!(shorten("Court.", 160), "Court.");
        assert_eq!(shorten("un deux trois quatre", 10), "un deux…");
        assert_eq!(shorten("un deux trois quatre", 13), "un deux trois…");
        assert_eq!(shorten("un deux, trois quatre", 9), "un deux…");
        assert_eq!(
            shorten("anticonstitutionnellement dit", 5),
            "anticonstitutionnellement…"
        );
        assert_eq!(shorten("Été à Hanoï : la négociation", 14), "Été à Hanoï…");
    }
}
