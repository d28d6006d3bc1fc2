//! Slugs of any text, and relative links between output paths made of its pieces
//! (`tests/it/props/`, shared with the property tests).

#![no_main]

#[allow(dead_code)]
#[path = "../../tests/it/props/html.rs"]
mod html;
#[allow(dead_code)]
#[path = "../../tests/it/props/invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|text: &str| {
    invariants::check_slug(text);
    // Two output paths from the text: `\n` separates them, `/` their segments; segments that
    // are empty, `.` or `..` do not occur in output paths.
    let path = |part: &str| {
        let segments: Vec<&str> = part
            .split('/')
            .filter(|s| !s.is_empty() && *s != "." && *s != "..")
            .collect();
        (!segments.is_empty()).then(|| segments.join("/"))
    };
    let mut parts = text.splitn(2, '\n');
    let from = parts.next().and_then(path);
    let to = parts.next().and_then(path);
    if let (Some(from), Some(to)) = (from, to) {
        invariants::check_relative(&from, &to);
    }
});
