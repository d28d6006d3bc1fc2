//! Words as the search sees them: text folded (case, accents and ligatures gone, `Corée` →
//! `coree`) and cut into runs of letters and digits, exactly as `templates/search.js` does.

use std::sync::OnceLock;

pub use crate::text::fold::fold;
pub(super) use crate::text::fold::fold_char;

/// The words of folded text: runs of letters and digits (JavaScript:
/// `/[\p{Alphabetic}\p{N}]+/u`).
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
    Words { rest: folded }
}

pub(super) struct Words<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        // Whether the character at `i` is a letter or a digit, and its length.
        fn at(s: &str, i: usize) -> (bool, usize) {
            let b = s.as_bytes()[i];
            if b.is_ascii() {
                return (b.is_ascii_alphanumeric(), 1);
            }
            let c = s[i..].chars().next().expect("a character");
            (c.is_alphanumeric(), c.len_utf8())
        }
        let s = self.rest;
        let mut start = 0;
        loop {
            if start == s.len() {
                self.rest = "";
                return None;
            }
            let (word, len) = at(s, start);
            if word {
                break;
            }
            start += len;
        }
        let mut end = start;
        while end < s.len() {
            let (word, len) = at(s, end);
            if !word {
                break;
            }
            end += len;
        }
        self.rest = &s[end..];
        Some(&s[start..end])
    }
}

/// Calls `each` with the folded words of `text`, in order: the words of `fold(text)`, in one
/// pass, without folding the whole text first. Each character is folded (ASCII lowercased, the
/// first non-ASCII ones from a table, others by `fold_char`), and the folded characters that
/// are letters or digits make the words.
pub(super) fn for_each_word(text: &str, mut each: impl FnMut(&str)) {
    let table = folded_table();
    let mut word = String::with_capacity(32);
    let mut other = String::new();
    let mut rest = text;
    fn end_word(word: &mut String, each: &mut impl FnMut(&str)) {
        if !word.is_empty() {
            each(word);
            word.clear();
        }
    }
    while let Some(&b) = rest.as_bytes().first() {
        if ASCII_WORD[usize::from(b)] != 0 {
            // A run of ASCII letters and digits at once: the word itself when nothing comes
            // before it or after it and it has no capital, else onto the word.
            let bytes = rest.as_bytes();
            let mut end = 1;
            let mut seen = ASCII_WORD[usize::from(b)];
            while let Some(&class) = bytes.get(end).map(|&b| &ASCII_WORD[usize::from(b)]) {
                if class == 0 {
                    break;
                }
                seen |= class;
                end += 1;
            }
            let upper = seen & CAPITAL != 0;
            let (run, after) = rest.split_at(end);
            if word.is_empty() && !upper && after.as_bytes().first().is_none_or(u8::is_ascii) {
                each(run);
            } else {
                let at = word.len();
                word.push_str(run);
                word[at..].make_ascii_lowercase();
            }
            rest = after;
            continue;
        }
        if b.is_ascii() {
            end_word(&mut word, &mut each);
            rest = &rest[1..];
            continue;
        }
        let c = rest.chars().next().expect("a character");
        rest = &rest[c.len_utf8()..];
        let code = c as usize;
        let known = match code {
            ..LATIN_END => table.get(code - 0x80),
            PUNCTUATION_START..PUNCTUATION_END => {
                table.get(code - PUNCTUATION_START + LATIN_END - 0x80)
            }
            _ => None,
        };
        let folded = match known {
            Some(Folded::Letters(letters)) => {
                word.push_str(letters);
                continue;
            }
            Some(Folded::Other(folded)) => folded.as_str(),
            None => {
                other.clear();
                fold_char(c, &mut other);
                other.as_str()
            }
        };
        for d in folded.chars() {
            if d.is_alphanumeric() {
                word.push(d);
            } else {
                end_word(&mut word, &mut each);
            }
        }
    }
    end_word(&mut word, &mut each);
}

/// What an ASCII letter or digit is to `for_each_word`: 1 for a digit or a small letter, 1 and
/// `CAPITAL` for a capital, 0 for every other byte (one look-up a byte, where the two
/// range checks of `is_ascii_alphanumeric` and `is_ascii_uppercase` took several).
pub(super) const ASCII_WORD: [u8; 256] = {
    let mut class = [0; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_uppercase() {
            class[b] = 1 | CAPITAL;
        } else if c.is_ascii_alphanumeric() {
            class[b] = 1;
        }
        b += 1;
    }
    class
};
pub(super) const CAPITAL: u8 = 2;

/// A character folded (see `fold_char`).
pub(super) enum Folded {
    /// Letters and digits only, or nothing (a mark): part of the word.
    Letters(String),
    /// Anything else.
    Other(String),
}

/// The end of the Latin characters that `folded_table` holds (U+0080 to U+024F), and the
/// General Punctuation block it holds after them (U+2000 to U+206F: the apostrophe `’`, dashes,
/// the narrow no-break space of French typography).
pub(super) const LATIN_END: usize = 0x250;
pub(super) const PUNCTUATION_START: usize = 0x2000;
pub(super) const PUNCTUATION_END: usize = 0x2070;

/// The characters from U+0080 to U+024F (Latin-1 and Latin Extended, most of the non-ASCII
/// ones of French and English), then those from U+2000 to U+206F, folded once.
pub(super) fn folded_table() -> &'static [Folded] {
    static TABLE: OnceLock<Vec<Folded>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0x80..LATIN_END as u32)
            .chain(PUNCTUATION_START as u32..PUNCTUATION_END as u32)
            .map(|code| {
                let mut folded = String::new();
                if let Some(c) = char::from_u32(code) {
                    fold_char(c, &mut folded);
                }
                match folded.chars().all(char::is_alphanumeric) {
                    true => Folded::Letters(folded),
                    false => Folded::Other(folded),
                }
            })
            .collect()
    })
}
