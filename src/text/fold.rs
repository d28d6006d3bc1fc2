//! Text folded for comparison: case, accents and ligatures gone (`Corée` → `coree`), as the
//! search compares words (`render::search`, and `templates/search.js` in the browser), and
//! names as the actors' aliases are found in articles (`fold_name`, with each folded byte's
//! place in the text).

use unicode_normalization::char::is_combining_mark;

/// Text as search compares it: lower case, compatibility forms decomposed, accents and other
/// marks dropped, `œ`, `æ`, `ß` spelled out and final `ς` as `σ`. (JavaScript: `toLowerCase`,
/// `NFKD`, no `\p{M}`, the same four replacements.)
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        // A run of ASCII at once, the usual case.
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let start = folded.len();
        folded.push_str(&rest[..ascii]);
        folded[start..].make_ascii_lowercase();
        rest = &rest[ascii..];
        let Some(c) = rest.chars().next() else {
            break;
        };
        rest = &rest[c.len_utf8()..];
        fold_char(c, &mut folded);
    }
    folded
}

/// One character of `fold`, pushed onto `folded`. Character by character: marks are dropped,
/// so canonical reordering changes nothing.
pub(crate) fn fold_char(c: char, folded: &mut String) {
    for lower in c.to_lowercase() {
        unicode_normalization::char::decompose_compatible(lower, |d| {
            if is_combining_mark(d) {
                return;
            }
            match d {
                'œ' => folded.push_str("oe"),
                'æ' => folded.push_str("ae"),
                'ß' => folded.push_str("ss"),
                'ς' => folded.push('σ'),
                _ => folded.push(d),
            }
        });
    }
}

/// A name folded as the actors' aliases are compared and found: as [`fold`], with every run of
/// white space (no-break spaces included) as one space, hyphens (`‐`, `‑`) as `-` and
/// apostrophes (`’`, `ʼ`) as `'`, so that `Kim Jong‑un` and `kim jong-un` are one name.
pub(crate) fn fold_name(text: &str) -> String {
    fold_name_mapped(text).0
}

/// [`fold_name`] of `text`, and for each byte of the folded text the byte of `text` where the
/// character it comes from starts, plus one entry for the end (`text.len()`).
pub(crate) fn fold_name_mapped(text: &str) -> (String, Vec<u32>) {
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    let mut buffer = String::new();
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        // ASCII, most of any text, byte by byte.
        if b.is_ascii() {
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
                if !folded.ends_with(' ') {
                    folded.push(' ');
                    origin.push(at as u32);
                }
            } else {
                folded.push(char::from(b.to_ascii_lowercase()));
                origin.push(at as u32);
            }
            at += 1;
            continue;
        }
        let c = text[at..].chars().next().expect("a character");
        if c.is_whitespace() {
            if !folded.ends_with(' ') {
                folded.push(' ');
            }
        } else {
            buffer.clear();
            fold_char(c, &mut buffer);
            for d in buffer.chars() {
                match d {
                    '\u{2010}' | '\u{2011}' => folded.push('-'),
                    '\u{2019}' | '\u{02bc}' => folded.push('\''),
                    d if d.is_whitespace() => {
                        if !folded.ends_with(' ') {
                            folded.push(' ');
                        }
                    }
                    d => folded.push(d),
                }
            }
        }
        origin.resize(folded.len(), at as u32);
        at += c.len_utf8();
    }
    origin.push(text.len() as u32);
    (folded, origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_to_one_spelling() {
        assert_eq!(fold("Corée ŒUVRE"), "coree oeuvre");
        for name in [
            "Kim Jong-un",
            "KIM  Jong\u{2011}un",
            "kim\u{a0}jong\u{2010}UN",
            "Kim\njong-un",
        ] {
            assert_eq!(fold_name(name), "kim jong-un", "{name:?}");
        }
        assert_eq!(fold_name("l’ONU"), "l'onu");
        assert_eq!(fold_name("Lee Jae-myung"), fold_name("Lee Jae‑myung"));
    }

    #[test]
    fn each_folded_byte_knows_where_it_comes_from() {
        let text = "À l’ONU,  Kim";
        let (folded, origin) = fold_name_mapped(text);
        assert_eq!(folded, "a l'onu, kim");
        assert_eq!(origin.len(), folded.len() + 1);
        let at = folded.find("onu").unwrap();
        let end = at + 3;
        assert_eq!(&text[origin[at] as usize..origin[end] as usize], "ONU");
        let kim = folded.find("kim").unwrap();
        assert_eq!(&text[origin[kim] as usize..origin[kim + 3] as usize], "Kim");
        assert_eq!(origin[folded.len()] as usize, text.len());
    }
}
