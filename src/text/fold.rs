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
    fold_name_placed(text).0
}

/// Where each byte of a folded text comes from in the text, as the runs of folded bytes that
/// come from one place each: most of a text is ASCII folded byte for byte, its other
/// characters one at a time.
pub(crate) struct Origin {
    /// In order of `folded`; the last one is the end of both texts.
    runs: Vec<Run>,
}

/// Folded bytes from `folded` on, up to the next run's, come from the text's byte `text`
/// on, byte for byte; or, `one_place`, all from the character at `text`.
#[derive(Debug, Clone, Copy)]
struct Run {
    folded: u32,
    text: u32,
    one_place: bool,
}

impl Origin {
    /// The byte of the text where the character of folded byte `at` starts (`at` may be the
    /// folded text's length: the text's end).
    pub(crate) fn at(&self, at: usize) -> usize {
        let index = self.runs.partition_point(|run| run.folded as usize <= at) - 1;
        let run = self.runs[index];
        match run.one_place {
            true => run.text as usize,
            false => run.text as usize + (at - run.folded as usize),
        }
    }

    /// Notes that folded bytes from `folded` on come from `text` on (see [`Run`]).
    fn start(&mut self, folded: usize, text: usize, one_place: bool) {
        if let Some(last) = self.runs.last() {
            let continues = !one_place
                && !last.one_place
                && last.text as usize + (folded - last.folded as usize) == text;
            if continues {
                return;
            }
        }
        self.runs.push(Run {
            folded: folded as u32,
            text: text as u32,
            one_place,
        });
    }
}

/// What each ASCII byte is to [`fold_name_placed`]: part of a word, white space, or the lead
/// of a character that is not ASCII.
const ORDINARY: u8 = 0;
const WHITE: u8 = 1;
const OTHER: u8 = 2;
const CLASS: [u8; 256] = {
    let mut class = [OTHER; 256];
    let mut b = 0;
    while b < 128 {
        class[b] = match b as u8 {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => WHITE,
            _ => ORDINARY,
        };
        b += 1;
    }
    class
};

/// [`fold_name`] of `text`, and where each folded byte comes from in `text`.
pub(crate) fn fold_name_placed(text: &str) -> (String, Origin) {
    // Bytes, not a `String`: most of any text is ASCII, copied as it is without encoding a
    // character; whether the text so far ends with a space is kept rather than looked up.
    let mut folded: Vec<u8> = Vec::with_capacity(text.len());
    let mut origin = Origin { runs: Vec::new() };
    let mut space = false;
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // ASCII, most of any text: a run of words and single white spaces at once.
        let from = folded.len();
        let end = push_plain_ascii(bytes, at, space, &mut folded);
        if end > at {
            origin.start(from, at, false);
            folded[from..].make_ascii_lowercase();
            space = folded[folded.len() - 1] == b' ';
            at = end;
            continue;
        }
        if bytes[at].is_ascii() {
            // White space after white space: nothing.
            at += 1;
            continue;
        }
        // Latin letters with accents, typographic apostrophes and spaces: from a table; any
        // other character through the Unicode tables.
        let from = folded.len();
        let other;
        let (length, folds) = match common_fold(&bytes[at..]) {
            Some(common) => common,
            None => {
                let c = text[at..].chars().next().expect("a character");
                other = fold_name_char(c);
                (c.len_utf8(), &other[..])
            }
        };
        for &d in folds {
            if d != b' ' || !space {
                folded.push(d);
            }
            space = d == b' ';
        }
        if folded.len() > from {
            origin.start(from, at, true);
        }
        at += length;
    }
    origin.runs.push(Run {
        folded: folded.len() as u32,
        text: text.len() as u32,
        one_place: true,
    });
    let folded = String::from_utf8(folded).expect("characters folded whole");
    (folded, origin)
}

/// Pushes onto `folded` the run of ASCII from `at` that [`fold_name_placed`] takes at once,
/// white space as `b' '` (not yet lowered), and gives where it ends: before a character that
/// is not ASCII, or before white space that follows white space (`space`: the folded text so
/// far ends with one). Eight bytes at a time up to the first that needs a look (a control
/// character, white space other than `' '` among them; a byte that is not ASCII; a space after
/// a space), that one on its own.
fn push_plain_ascii(bytes: &[u8], at: usize, space: bool, folded: &mut Vec<u8>) -> usize {
    let mut end = at;
    let mut after_space = space;
    loop {
        if let Some(word) = bytes.get(end..end + 8) {
            let word: [u8; 8] = word.try_into().expect("eight bytes");
            let plain = plain_bytes(word, after_space);
            if plain == 8 {
                folded.extend_from_slice(&word);
                after_space = word[7] == b' ';
                end += 8;
                continue;
            }
            if plain > 0 {
                folded.extend_from_slice(&word[..plain]);
                after_space = word[plain - 1] == b' ';
                end += plain;
            }
        }
        let Some(&b) = bytes.get(end) else {
            break;
        };
        let class = CLASS[b as usize];
        if class == OTHER || (class == WHITE && after_space) {
            break;
        }
        after_space = class == WHITE;
        folded.push(if after_space { b' ' } else { b });
        end += 1;
    }
    end
}

/// How many of `word`'s bytes, from its first, are plain ASCII for [`push_plain_ascii`]: neither
/// under 0x20 nor over 0x7f, and no space after a space (`space`: the byte before the word is
/// one). All eight at once, by arithmetic on the word as one number.
fn plain_bytes(word: [u8; 8], space: bool) -> usize {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    const LOW: u64 = u64::from_le_bytes([0x7f; 8]);
    const SPACES: u64 = u64::from_le_bytes([b' '; 8]);
    let w = u64::from_le_bytes(word);
    // The high bit of each byte of 0x80 or more, and of the first byte under 0x20 (bytes
    // after that one may be marked wrongly: only the first mark counts).
    let unusual = (w | (w.wrapping_sub(ONES * 0x20) & !w)) & HIGH;
    // The high bit of each byte that is a space, exactly; of each space after a space.
    let x = w ^ SPACES;
    let spaces = !(((x & LOW) + LOW) | x | LOW);
    let doubled = spaces & (spaces << 8 | u64::from(space) << 7);
    let marks = unusual | doubled;
    (marks.trailing_zeros() / 8) as usize
}

/// The name-folded bytes of `c`: [`fold_char`]'s, with hyphens (`‐`, `‑`) as `-`, apostrophes
/// (`’`, `ʼ`) as `'` and white space as `b' '`.
fn fold_name_char(c: char) -> Vec<u8> {
    let mut folded = String::new();
    match c.is_whitespace() {
        true => folded.push(' '),
        false => fold_char(c, &mut folded),
    }
    folded
        .chars()
        .map(|d| match d {
            '\u{2010}' | '\u{2011}' => '-',
            '\u{2019}' | '\u{02bc}' => '\'',
            d if d.is_whitespace() => ' ',
            d => d,
        })
        .collect::<String>()
        .into_bytes()
}

/// What [`fold_name_placed`] makes of the character that `bytes` starts with, worked out once
/// by [`fold_name_char`] for the characters of Latin, Greek and Cyrillic text and for
/// typographic punctuation (U+0080 to U+07FF, U+2000 to U+207F: most of what is not ASCII in
/// an article; folding one through the Unicode tables costs more than the rest of the text):
/// its length in `bytes`, and the folded bytes. `None` for other characters.
fn common_fold(bytes: &[u8]) -> Option<(usize, &'static [u8])> {
    static TABLE: std::sync::LazyLock<Vec<Box<[u8]>>> = std::sync::LazyLock::new(|| {
        ('\u{80}'..='\u{7ff}')
            .chain('\u{2000}'..='\u{207f}')
            .map(|c| fold_name_char(c).into_boxed_slice())
            .collect()
    });
    let (length, index) = match *bytes {
        [lead @ 0xc2..=0xdf, next, ..] => (
            2,
            (u32::from(lead & 0x1f) << 6 | u32::from(next & 0x3f)) - 0x80,
        ),
        [0xe2, second @ 0x80..=0x81, third, ..] => {
            let code = 0x2000 | u32::from(second & 0x3f) << 6 | u32::from(third & 0x3f);
            (3, code - 0x2000 + 0x780)
        }
        _ => return None,
    };
    Some((length, &TABLE[index as usize]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`fold_name_placed`] with the place of every folded byte, and of the end.
    fn fold_name_mapped(text: &str) -> (String, Vec<u32>) {
        let (folded, origin) = fold_name_placed(text);
        let map = (0..=folded.len()).map(|at| origin.at(at) as u32).collect();
        (folded, map)
    }

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
    fn ascii_text_is_one_run_and_each_other_character_one_more() {
        let runs = |text: &str| fold_name_placed(text).1.runs.len();
        // A run, and the end.
        assert_eq!(runs("Selon l'ONU,\nKim Jong-un a parle."), 2);
        // `À`, ` l`, `’`, `onu, ` and `kim` (a space left out), the end.
        assert_eq!(runs("À l’ONU,  Kim"), 6);
        for text in [
            "Selon l'ONU,\nKim Jong-un a parle.",
            "À l’ONU,  Kim",
            "Kim\t\tJong",
        ] {
            assert_eq!(
                fold_name_mapped(text),
                fold_name_mapped_reference(text),
                "{text:?}"
            );
        }
    }

    /// `fold_name_mapped` as it was first written: every character through `fold_char`.
    fn fold_name_mapped_reference(text: &str) -> (String, Vec<u32>) {
        let mut folded = String::new();
        let mut origin: Vec<u32> = Vec::new();
        let mut space = false;
        for (at, c) in text.char_indices() {
            if c.is_whitespace() {
                if !space {
                    folded.push(' ');
                    space = true;
                }
            } else {
                let mut buffer = String::new();
                fold_char(c, &mut buffer);
                for d in buffer.chars() {
                    match d {
                        '\u{2010}' | '\u{2011}' => folded.push('-'),
                        '\u{2019}' | '\u{02bc}' => folded.push('\''),
                        d if d.is_whitespace() => {
                            if !space {
                                folded.push(' ');
                            }
                        }
                        d => folded.push(d),
                    }
                    space = d.is_whitespace();
                }
            }
            origin.resize(folded.len(), at as u32);
        }
        origin.push(text.len() as u32);
        (folded, origin)
    }

    #[test]
    fn every_common_character_folds_as_the_tables_say() {
        let chars = ('\u{80}'..='\u{7ff}').chain('\u{2000}'..='\u{207f}');
        for c in chars {
            let text = format!("a{c}b {c}{c}  {c}");
            assert_eq!(
                fold_name_mapped(&text),
                fold_name_mapped_reference(&text),
                "{c:?} U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn eight_bytes_are_plain_up_to_the_first_that_needs_a_look() {
        assert_eq!(plain_bytes(*b"Kim Jong", false), 8);
        assert_eq!(plain_bytes(*b"Kim Jong", true), 8);
        assert_eq!(plain_bytes(*b" Kim Jon", true), 0);
        assert_eq!(plain_bytes(*b" Kim Jon", false), 8);
        assert_eq!(plain_bytes(*b"Kim  Jon", false), 4);
        assert_eq!(plain_bytes(*b"Kim Jon ", true), 8);
        assert_eq!(plain_bytes(*b"Kim\nJong", false), 3);
        assert_eq!(plain_bytes(*b"Kim\x01Jong", false), 3);
        assert_eq!(plain_bytes(*b"Kim Jon\xc3", false), 7);
        assert_eq!(plain_bytes(*b"\x1f  \x80abcd", false), 0);
        assert_eq!(plain_bytes(*b"~\x7f!abcd ", false), 8);
    }

    proptest::proptest! {
        #[test]
        fn long_runs_of_ascii_fold_and_place_as_character_by_character(
            text in "([a-zA-Z ,.'-]{0,14}|[\t\n\u{1}  ]|[éÀ’‑\u{a0}]){0,24}"
        ) {
            proptest::prop_assert_eq!(fold_name_mapped(&text), fold_name_mapped_reference(&text));
        }

        #[test]
        fn names_fold_and_place_as_character_by_character(
            text in "([a-zA-Z0-9 \t\n,.'-]|[éÉèàçôœŒæßÀ’‑‐ʼ\u{a0}\u{202f}¨½ﬁΣς]|\\PC){0,40}"
        ) {
            proptest::prop_assert_eq!(fold_name_mapped(&text), fold_name_mapped_reference(&text));
        }
    }
}
