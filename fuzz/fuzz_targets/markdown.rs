//! Any text as an article's Markdown body: no panic, and well-formed HTML with only the elements
//! Markdown makes, unique ids, raw HTML escaped (`tests/it/props/`, shared with the
//! property tests). The first byte chooses French typography and whether raw HTML is allowed.

#![no_main]

#[allow(dead_code)]
#[path = "../../tests/it/props/html.rs"]
mod html;
#[allow(dead_code)]
#[path = "../../tests/it/props/invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&flags, body)) = data.split_first() else {
        return;
    };
    let Ok(body) = std::str::from_utf8(body) else {
        return;
    };
    let french = flags & 1 != 0;
    if flags & 2 != 0 {
        // Raw HTML as written: only that it does not panic.
        invariants::render(body, french, true);
    } else {
        invariants::check_rendered(body, &invariants::render(body, french, false));
    }
});
