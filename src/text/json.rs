//! JSON strings, as the search index and the live preview's scripts carry them: valid
//! JavaScript too, and safe inside an HTML `<script>` (`<`, U+2028 and U+2029 escaped).

use std::fmt::Write as _;

/// Appends `text` as a JSON string (valid JavaScript too: U+2028 and U+2029 are escaped for old
/// parsers; `<` too, so that no `</script>` or `<!--` can appear in it).
pub(crate) fn push_string(out: &mut String, text: &str) {
    /// The bytes that may need escaping: quotes, backslashes, controls, `<`, and the first
    /// byte of U+2028 and U+2029.
    const SPECIAL: [bool; 256] = {
        let mut special = [false; 256];
        let mut b = 0;
        while b < 0x20 {
            special[b] = true;
            b += 1;
        }
        special[b'"' as usize] = true;
        special[b'\\' as usize] = true;
        special[b'<' as usize] = true;
        special[0xe2] = true;
        special
    };
    out.reserve(text.len() + 2);
    out.push('"');
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes at a time while none of them is special, the usual case.
        if let Some(chunk) = bytes.get(i..i + 8)
            && !any_special(u64::from_le_bytes(chunk.try_into().expect("eight bytes")))
        {
            i += 8;
            continue;
        }
        if !SPECIAL[bytes[i] as usize] {
            i += 1;
            continue;
        }
        let (escaped, len) = match bytes[i] {
            b'"' => ("\\\"", 1),
            b'\\' => ("\\\\", 1),
            b'\n' => ("\\n", 1),
            b'\r' => ("\\r", 1),
            b'\t' => ("\\t", 1),
            // `</script>` cannot end anything in a script file, but `<` costs nothing to hide.
            b'<' => ("\\u003c", 1),
            // U+2028 and U+2029.
            0xe2 if bytes[i + 1] == 0x80 && bytes[i + 2] == 0xa8 => ("\\u2028", 3),
            0xe2 if bytes[i + 1] == 0x80 && bytes[i + 2] == 0xa9 => ("\\u2029", 3),
            b if b < 0x20 => ("", 1),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&text[start..i]);
        if escaped.is_empty() {
            let _ = write!(out, "\\u{:04x}", bytes[i]);
        } else {
            out.push_str(escaped);
        }
        i += len;
        start = i;
    }
    out.push_str(&text[start..]);
    out.push('"');
}

/// Whether any of the eight bytes of `chunk` is one `push_string` may escape: below 0x20, `"`,
/// `\\`, `<` or 0xE2. (A byte's test borrows from the next one only when it is itself true.)
pub(crate) fn any_special(chunk: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * n as u64) & !x & HIGH;
    let equal = |b: u8| below(chunk ^ (ONES * b as u64), 1);
    (below(chunk, 0x20) | equal(b'"') | equal(b'\\') | equal(b'<') | equal(0xe2)) != 0
}

/// `text` as a JSON string (see [`push_string`]).
pub(crate) fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_string(&mut out, text);
    out
}
