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

/// Where each byte of a folded text comes from in the text: the same place (ASCII text
/// without two white spaces in a row, most runs of text, folded byte for byte), or a map.
pub(crate) enum Origin {
    Same,
    Map(Vec<u32>),
}

impl Origin {
    /// The byte of the text where the character of folded byte `at` starts (`at` may be the
    /// folded text's length: the text's end).
    pub(crate) fn at(&self, at: usize) -> usize {
        match self {
            Origin::Same => at,
            Origin::Map(map) => map[at] as usize,
        }
    }
}

/// [`fold_name`] of `text`, and where each folded byte comes from in `text`.
pub(crate) fn fold_name_placed(text: &str) -> (String, Origin) {
    let bytes = text.as_bytes();
    let mut folded: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut space = false;
    for &b in bytes {
        let white = matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
        if !b.is_ascii() || (white && space) {
            let (folded, map) = fold_name_mapped(text);
            return (folded, Origin::Map(map));
        }
        folded.push(if white { b' ' } else { b.to_ascii_lowercase() });
        space = white;
    }
    let folded = String::from_utf8(folded).expect("ASCII");
    (folded, Origin::Same)
}

/// [`fold_name`] of `text`, and for each byte of the folded text the byte of `text` where the
/// character it comes from starts, plus one entry for the end (`text.len()`).
pub(crate) fn fold_name_mapped(text: &str) -> (String, Vec<u32>) {
    // Bytes, not a `String`: most of any text is ASCII, pushed as it is without encoding a
    // character; whether the text so far ends with a space is kept rather than looked up.
    let mut folded: Vec<u8> = Vec::with_capacity(text.len());
    let mut origin: Vec<u32> = Vec::with_capacity(text.len() + 1);
    let mut space = false;
    let mut buffer = String::new();
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        // ASCII, most of any text, byte by byte.
        if b.is_ascii() {
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
                if !space {
                    folded.push(b' ');
                    origin.push(at as u32);
                    space = true;
                }
            } else {
                folded.push(b.to_ascii_lowercase());
                origin.push(at as u32);
                space = false;
            }
            at += 1;
            continue;
        }
        let c = text[at..].chars().next().expect("a character");
        if c.is_whitespace() {
            if !space {
                folded.push(b' ');
                space = true;
            }
        } else {
            buffer.clear();
            fold_char(c, &mut buffer);
            for d in buffer.chars() {
                let mut bytes = [0; 4];
                match d {
                    '\u{2010}' | '\u{2011}' => folded.push(b'-'),
                    '\u{2019}' | '\u{02bc}' => folded.push(b'\''),
                    d if d.is_whitespace() => {
                        if !space {
                            folded.push(b' ');
                        }
                    }
                    d => folded.extend_from_slice(d.encode_utf8(&mut bytes).as_bytes()),
                }
                space = d.is_whitespace();
            }
        }
        origin.resize(folded.len(), at as u32);
        at += c.len_utf8();
    }
    origin.push(text.len() as u32);
    let folded = String::from_utf8(folded).expect("characters folded whole");
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

    #[test]
    fn ascii_text_folds_in_place_and_the_rest_through_the_map() {
        for text in [
            "Selon l'ONU,\nKim Jong-un a parle.",
            "À l’ONU,  Kim",
            "Kim\t\tJong",
        ] {
            let (folded, origin) = fold_name_placed(text);
            let (mapped, map) = fold_name_mapped(text);
            assert_eq!(folded, mapped, "{text:?}");
            for (at, &place) in map.iter().enumerate() {
                assert_eq!(origin.at(at), place as usize, "{text:?} at {at}");
            }
        }
        assert!(matches!(fold_name_placed("Kim Jong-un").1, Origin::Same));
    }
}
