//! The writing floor of a build: write a built site's files again, on one thread, each file's
//! bytes already in memory — the folders and files a build must create, and nothing else.
//! `benches/floor.rs` renders and writes each article's Markdown once; a dossier's output is
//! about five times as many bytes (side-by-side views, the printable briefings, search texts
//! in both languages), so `scripts/bench.sh` also times this on `dossier build`'s own output:
//! what no build of that output can go under on one thread.
//!
//! ```sh
//! cargo bench --bench write_floor -- BUILT_SITE OUT [--threads N]
//! ```
//!
//! Only the writing is timed (printed in seconds); reading each file first is not. With
//! `--threads N` (as many as the build uses), the whole site is read into memory first, then
//! its folders made and its files written by N threads, each a share of the files: the
//! writing floor of a parallel build on the same disk.

#![allow(
    clippy::disallowed_methods,
    reason = "benchmark tooling, not the site generator"
)]

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What writing the site again took: its folders and files, and the time spent creating and
/// writing them (reading each file, into a buffer used again and again, is not counted, so
/// that no more than one file is held).
#[derive(Default)]
struct Written {
    folders: usize,
    files: usize,
    bytes: usize,
    writing: Duration,
}

/// Writes the folder `dir` of the site `root` again under `out`, in path order.
fn write_tree(root: &Path, dir: &Path, out: &Path, buffer: &mut Vec<u8>, written: &mut Written) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("an entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let target = out.join(path.strip_prefix(root).expect("inside the site"));
        if path.is_dir() {
            let start = Instant::now();
            fs::create_dir(&target).expect("a folder");
            written.writing += start.elapsed();
            written.folders += 1;
            write_tree(root, &path, out, buffer, written);
        } else {
            buffer.clear();
            fs::File::open(&path)
                .and_then(|mut file| file.read_to_end(buffer))
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let start = Instant::now();
            fs::write(&target, &buffer).expect("a file written");
            written.writing += start.elapsed();
            written.files += 1;
            written.bytes += buffer.len();
        }
    }
}

/// Every folder and file of the site under `dir`, relative to `root`, files with their bytes.
fn read_all(
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
            read_all(root, &path, folders, files);
        } else {
            let bytes = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            files.push((relative, bytes));
        }
    }
}

/// The site written again by `threads` threads: its folders (in order, one thread), then its
/// files, each thread every `threads`-th file.
fn write_parallel(site: &Path, out: &Path, threads: usize) {
    let (mut folders, mut files) = (Vec::new(), Vec::new());
    read_all(site, site, &mut folders, &mut files);
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let start = Instant::now();
    fs::create_dir(out).expect("the output folder");
    for folder in &folders {
        fs::create_dir(out.join(folder)).expect("a folder");
    }
    std::thread::scope(|scope| {
        for t in 0..threads {
            let files = &files;
            scope.spawn(move || {
                for (path, bytes) in files.iter().skip(t).step_by(threads) {
                    fs::write(out.join(path), bytes).expect("a file written");
                }
            });
        }
    });
    println!(
        "write floor: {} folders and {} files ({} MB) written by {threads} threads in {:.3} s",
        folders.len(),
        files.len(),
        bytes / 1_000_000,
        start.elapsed().as_secs_f64()
    );
}

fn main() {
    let mut args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let threads = match args.iter().position(|a| a == "--threads") {
        Some(at) => {
            let n = args
                .get(at + 1)
                .and_then(|n| n.parse().ok())
                .expect("--threads N");
            args.drain(at..at + 2);
            n
        }
        None => 1,
    };
    let [site, out] = &args[..] else {
        eprintln!("usage: write_floor BUILT_SITE OUT [--threads N]");
        std::process::exit(2);
    };
    let (site, out) = (Path::new(site), Path::new(out));
    if out.exists() {
        eprintln!("{}: already exists", out.display());
        std::process::exit(2);
    }
    if threads > 1 {
        write_parallel(site, out, threads);
        return;
    }
    let mut written = Written::default();
    let start = Instant::now();
    fs::create_dir(out).expect("the output folder");
    written.writing += start.elapsed();
    write_tree(site, site, out, &mut Vec::new(), &mut written);
    println!(
        "write floor: {} folders and {} files ({} MB) written in {:.3} s",
        written.folders,
        written.files,
        written.bytes / 1_000_000,
        written.writing.as_secs_f64()
    );
}
