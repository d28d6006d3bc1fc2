//! An article file's text through the loader's decoding, the front-matter splitter and the
//! strict reading of its fields (as TOML and as YAML): no panic, and the parts and lines agree with the text
//! (`tests/it/props/`, shared with the property tests).

#![no_main]

#[allow(dead_code)]
#[path = "../../tests/it/props/html.rs"]
mod html;
#[allow(dead_code)]
#[path = "../../tests/it/props/invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|text: &str| {
    invariants::check_article_text(text);
    invariants::check_parse(text, 1);
});
