//! Footnote references as written in a body's text (`[^label]`), to find those Markdown left
//! as text for want of a definition.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

static REFERENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[\^([^\]\s]+)\](:?)").expect("a valid pattern"));

/// Each `[^label]` of `body` outside `skip` (sorted byte ranges: code, comments) that is not a
/// definition (`[^label]:`), with the byte where it starts.
pub(super) fn references<'b>(body: &'b str, skip: &[Range<usize>]) -> Vec<(usize, &'b str)> {
    REFERENCE
        .captures_iter(body)
        .filter_map(|found| {
            let whole = found.get(0)?;
            let label = found.get(1)?;
            let definition = found.get(2).is_some_and(|colon| !colon.as_str().is_empty());
            let skipped = skip.iter().any(|r| r.contains(&whole.start()));
            (!definition && !skipped).then_some((whole.start(), label.as_str()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_but_not_definitions_or_code() {
        let body = "a[^1] b[^note] `[^code]`\n\n[^1]: Note.\n";
        let code = 16..24;
        assert_eq!(references(body, &[code]), [(1, "1"), (7, "note")]);
    }
}
