//! The plain text of a rendered body, as the search indexes it and shows its snippets: tags
//! dropped, entities decoded, white space collapsed, words kept apart.

/// The text of a rendered body: tags dropped (block ends and cells become spaces, footnote
/// numbers go), entities decoded, white space collapsed.
pub fn plain_text(html: &str) -> String {
    let mut text = Collapsed {
        text: String::with_capacity(html.len() / 2),
        space: false,
    };
    let mut rest = html;
    let mut skip_until: Option<&str> = None;
    while let Some(open) = memchr::memchr(b'<', rest.as_bytes()) {
        if skip_until.is_none() {
            push_decoded(&mut text, &rest[..open]);
        }
        let tag_and_more = &rest[open..];
        let close =
            memchr::memchr(b'>', tag_and_more.as_bytes()).map_or(tag_and_more.len(), |i| i + 1);
        let tag = &tag_and_more[..close];
        rest = &tag_and_more[close..];
        if let Some(end) = skip_until {
            if tag == end {
                skip_until = None;
            }
            continue;
        }
        // Footnote numbers (`dollars<sup…>1</sup>`) are not words of the text.
        if tag.starts_with("<sup class=\"footnote-") {
            skip_until = Some("</sup>");
            continue;
        }
        let name = tag
            .trim_start_matches(['<', '/'])
            .split(|c: char| !c.is_ascii_alphanumeric())
            .next()
            .unwrap_or("");
        if !is_inline(name) {
            text.space = true;
        }
    }
    if skip_until.is_none() {
        push_decoded(&mut text, rest);
    }
    text.text
}

/// Text with its white space collapsed as it is pushed: each run of it (`char::is_whitespace`)
/// becomes one space, none at the ends.
pub(super) struct Collapsed {
    pub(super) text: String,
    /// White space seen since the last word.
    pub(super) space: bool,
}

/// What a byte may be to `Collapsed::push_str`: 0 nothing to look at (ASCII that is not white
/// space, a continuation byte, the lead byte of a character that is never white space), 1 a
/// space, 2 other ASCII white space, 3 the lead byte of a character that may be white space
/// (U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000).
pub(super) const SPACE_CLASS: [u8; 256] = {
    let mut class = [0; 256];
    class[b' ' as usize] = 1;
    class[b'\t' as usize] = 2;
    class[b'\n' as usize] = 2;
    class[b'\r' as usize] = 2;
    class[0x0b] = 2;
    class[0x0c] = 2;
    class[0xc2] = 3;
    class[0xe1] = 3;
    class[0xe2] = 3;
    class[0xe3] = 3;
    class
};

impl Collapsed {
    pub(super) fn push_str(&mut self, s: &str) {
        let bytes = s.as_bytes();
        // The start of the run of characters that are not white space.
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            // Eight bytes at a time, to the first that may need a look (`may_matter`); a space
            // that starts a run always does.
            if let Some(chunk) = bytes
                .get(i..i + 8)
                .filter(|_| start < i || bytes[i] != b' ')
            {
                let chunk = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
                let flagged = may_matter(chunk);
                if flagged == 0 {
                    i += 8;
                    continue;
                }
                i += (flagged.trailing_zeros() / 8) as usize;
            }
            let len = match SPACE_CLASS[usize::from(bytes[i])] {
                0 => {
                    i += 1;
                    continue;
                }
                // A single space between two words stays in the run: it is already collapsed.
                1 if start < i
                    && bytes
                        .get(i + 1)
                        .is_some_and(|&next| next.is_ascii_graphic()) =>
                {
                    i += 1;
                    continue;
                }
                1 | 2 => 1,
                _ => {
                    let c = s[i..].chars().next().expect("a character");
                    if !c.is_whitespace() {
                        i += c.len_utf8();
                        continue;
                    }
                    c.len_utf8()
                }
            };
            if start < i {
                self.word(&s[start..i]);
            }
            self.space = true;
            i += len;
            start = i;
        }
        if start < bytes.len() {
            self.word(&s[start..]);
        }
    }

    pub(super) fn push(&mut self, c: char) {
        self.push_str(c.encode_utf8(&mut [0; 4]));
    }

    pub(super) fn word(&mut self, part: &str) {
        if self.space && !self.text.is_empty() {
            self.text.push(' ');
        }
        self.space = false;
        self.text.push_str(part);
    }
}

/// The high bit of each of eight bytes (little-endian, from a run's second byte on) that
/// `Collapsed::push_str` may need to look at: those below a space (ASCII white space and other
/// controls), `0xc2` and `0xe0` to `0xe3` (lead bytes of U+0080 to U+00BF and of U+0800 to
/// U+3FFF, among them those of white space), and a space that a byte other than ASCII
/// punctuation, a letter or a digit follows (or that ends the eight: what follows is unknown).
/// Such a byte is always flagged; another may be too (a borrow carried up from a lower byte),
/// which costs it a look and no more. A single space between words is not flagged: it is
/// already collapsed.
pub(super) fn may_matter(chunk: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let below = |v: u64, n: u64| v.wrapping_sub(ONES * n) & !v & HIGH;
    let next = chunk >> 8;
    let next_not_graphic = below(next, 0x21) | next & HIGH | zero(next ^ (ONES * 0x7f));
    below(chunk, 0x20)
        | zero(chunk ^ (ONES * 0x20)) & next_not_graphic
        | zero(chunk ^ (ONES * 0xc2))
        | zero((chunk & (ONES * 0xfc)) ^ (ONES * 0xe0))
}

/// Elements that do not separate words.
pub(super) fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "cite"
            | "code"
            | "del"
            | "dfn"
            | "em"
            | "i"
            | "ins"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "u"
            | "var"
    )
}

/// Appends HTML text with its character references decoded.
pub(super) fn push_decoded(out: &mut Collapsed, html: &str) {
    let mut rest = html;
    while let Some(amp) = memchr::memchr(b'&', rest.as_bytes()) {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let decoded = after.find(';').filter(|&i| i <= 10).and_then(|semi| {
            let name = &after[..semi];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => number.parse().ok(),
                    }?;
                    char::from_u32(code)
                }
            }?;
            Some((c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}
