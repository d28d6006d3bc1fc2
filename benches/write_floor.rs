//! The writing floor of a build: write a built site's files again, on one thread, with their
//! bytes already in memory — the folders and files a build must create, and nothing else.
//! `benches/floor.rs` renders and writes each article's Markdown once; a dossier's output is
//! about five times as many bytes (side-by-side views, the printable briefings, search texts
//! in both languages), so `scripts/bench.sh` also times this on `dossier build`'s own output:
//! what no build of that output can go under on one thread.
//!
//! ```sh
//! cargo bench --bench write_floor -- BUILT_SITE OUT
//! ```
//!
//! Only the writing is timed (printed in seconds); reading the site into memory is not.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The site's folders (parents before their children) and files (with their bytes), in
/// path order.
fn read_tree(
    root: &Path,
    dir: &Path,
    folders: &mut Vec<PathBuf>,
    files: &mut Vec<(PathBuf, Vec<u8>)>,
) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("an entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let relative = path
            .strip_prefix(root)
            .expect("inside the site")
            .to_path_buf();
        if path.is_dir() {
            folders.push(relative);
            read_tree(root, &path, folders, files);
        } else {
            let bytes = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            files.push((relative, bytes));
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let [site, out] = &args[..] else {
        eprintln!("usage: write_floor BUILT_SITE OUT");
        std::process::exit(2);
    };
    let (site, out) = (Path::new(site), Path::new(out));
    if out.exists() {
        eprintln!("{}: already exists", out.display());
        std::process::exit(2);
    }
    let mut folders = Vec::new();
    let mut files = Vec::new();
    read_tree(site, site, &mut folders, &mut files);
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();

    let start = Instant::now();
    fs::create_dir(out).expect("the output folder");
    for folder in &folders {
        fs::create_dir(out.join(folder)).expect("a folder");
    }
    for (path, contents) in &files {
        fs::write(out.join(path), contents).expect("a file written");
    }
    let elapsed = start.elapsed().as_secs_f64();
    println!(
        "write floor: {} folders and {} files ({} MB) written in {elapsed:.3} s",
        folders.len(),
        files.len(),
        bytes / 1_000_000
    );
}
