//! The floor of a build: read every article of a corpus, render its Markdown with
//! pulldown-cmark and write the HTML, on one thread, with nothing else — no templates, no
//! lists, no links checked. `scripts/bench.sh` compares full builds with it.
//!
//! ```sh
//! cargo bench --bench floor -- CORPUS OUT
//! ```

#![allow(
    clippy::disallowed_methods,
    reason = "benchmark tooling, not the site generator"
)]

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use pulldown_cmark::{Options, Parser, html};

fn markdown_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("an entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            markdown_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "md") {
            found.push(path);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let [corpus, out] = &args[..] else {
        eprintln!("usage: floor CORPUS OUT");
        std::process::exit(2);
    };
    let start = Instant::now();
    let content = Path::new(corpus).join("content");
    let mut files = Vec::new();
    markdown_files(&content, &mut files);
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_FOOTNOTES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_HEADING_ATTRIBUTES);
    let mut html_text = String::new();
    for file in &files {
        let text = fs::read_to_string(file).expect("UTF-8");
        // The body: what follows the front matter.
        let body = text
            .strip_prefix("+++\n")
            .and_then(|rest| rest.split_once("\n+++\n"))
            .map_or(text.as_str(), |(_, body)| body);
        html_text.clear();
        html::push_html(&mut html_text, Parser::new_ext(body, options));
        let relative = file.strip_prefix(&content).expect("inside content");
        let target = Path::new(out).join(relative).with_extension("html");
        fs::create_dir_all(target.parent().expect("a folder")).expect("a folder written");
        fs::write(&target, &html_text).expect("a file written");
    }
    println!(
        "floor: {} articles read, rendered and written in {:.3} s",
        files.len(),
        start.elapsed().as_secs_f64()
    );
}
