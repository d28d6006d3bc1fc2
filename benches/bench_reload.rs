//! Measures the live preview: the time from saving one article to the reload event that
//! `dossier serve` sends open tabs, and to the new page served over HTTP (its article page
//! asked for again and again, at most every millisecond, until it holds the edit).
//!
//! ```sh
//! cargo build --release
//! "$(scripts/bench-binary.sh gen_corpus)" --articles 10000 --out /tmp/corpus-10k
//! "$(scripts/bench-binary.sh bench_reload)" --site /tmp/corpus-10k --binary target/release/dossier
//! ```
//!
//! With `--mode text` (the default) each edit appends a sentence to a different article; with
//! `--mode title` it changes the article's title, which also changes its translation's page,
//! its topics' pages, the homes and the feeds. The server listens on
//! 127.0.0.1 only; every wait is bounded, and the server is stopped at the end.

#![allow(
    clippy::disallowed_methods,
    reason = "benchmark tooling, not the site generator"
)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn main() {
    let mut site: Option<PathBuf> = None;
    let mut binary = PathBuf::from("target/release/dossier");
    let mut edits = 40usize;
    // `text`: append a sentence (the usual edit while writing); `title`: change the title in
    // the front matter (which rebuilds the model and the lists).
    let mut mode = String::from("text");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--site" => site = args.next().map(PathBuf::from),
            "--binary" => binary = args.next().map(PathBuf::from).expect("--binary PATH"),
            "--edits" => edits = args.next().and_then(|v| v.parse().ok()).expect("--edits N"),
            "--mode" => mode = args.next().expect("--mode text|title"),
            other => panic!(
                "unknown argument {other}; usage: bench_reload --site DIR [--binary PATH] [--edits N]"
            ),
        }
    }
    let site = site.expect("--site DIR (a corpus from gen_corpus)");
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let started = Instant::now();
    let mut server = Command::new(&binary)
        .args(["serve", "--root"])
        .arg(&site)
        .args(["--port", &port.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start dossier serve");
    let stdout = server.stdout.take().unwrap();
    let (ready, wait_ready) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.starts_with("serving ") {
                let _ = ready.send(());
            }
        }
    });
    wait_ready
        .recv_timeout(Duration::from_secs(300))
        .expect("the server starts");
    let first_page = Instant::now();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET /fr/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut page = Vec::new();
    stream.read_to_end(&mut page).unwrap();
    println!(
        "serve: first page after {} ms",
        (first_page - started).as_millis() + first_page.elapsed().as_millis()
    );

    // The reload channel, with the arrival time of each reload event.
    let (events, arrivals) = mpsc::channel::<Instant>();
    let mut channel = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        channel,
        "GET /__dossier/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .unwrap();
    std::thread::spawn(move || {
        let mut buffer = [0u8; 65536];
        while let Ok(n) = channel.read(&mut buffer) {
            if n == 0 {
                break;
            }
            let now = Instant::now();
            let text = String::from_utf8_lossy(&buffer[..n]);
            for _ in text.matches("event: reload") {
                if events.send(now).is_err() {
                    return;
                }
            }
        }
    });
    std::thread::sleep(Duration::from_millis(300));

    let mut files: Vec<PathBuf> = Vec::new();
    for topic in ["diplomacy", "sanctions", "cybercrime"] {
        let mut names: Vec<PathBuf> = std::fs::read_dir(site.join("content").join(topic))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        names.sort();
        files.extend(names);
    }
    let step = (files.len() / edits.max(1)).max(1);
    let mut samples = Vec::new();
    let mut served = Vec::new();
    for k in 0..edits {
        let file = &files[(k * step + k) % files.len()];
        let mut text = std::fs::read_to_string(file).unwrap();
        // What the new page holds: the new title (escaped as the page prints it), or the
        // sentence added.
        let marker = match mode.as_str() {
            "title" => {
                text = text.replacen("title = \"", &format!("title = \"{k}X "), 1);
                format!(">{k}X ")
            }
            _ => {
                text.push_str(&format!("\nBenchmark edit {k}.\n"));
                format!("Benchmark edit {k}.")
            }
        };
        // content/topic/article-00012.fr.md → /fr/articles/article-00012/index.html
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let (slug, lang) = name.trim_end_matches(".md").rsplit_once('.').unwrap();
        let page = format!("/{lang}/articles/{slug}/index.html");
        while arrivals.try_recv().is_ok() {}
        let saved = Instant::now();
        std::fs::write(file, text).unwrap();
        // Bounded: at most 20,000 requests, one every millisecond or so.
        let mut new_bytes = None;
        for _ in 0..20_000 {
            if get(port, &page).contains(&marker) {
                new_bytes = Some(saved.elapsed());
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        match new_bytes {
            Some(elapsed) => served.push(elapsed),
            None => eprintln!("edit {k}: {page} never showed the edit"),
        }
        match arrivals.recv_timeout(Duration::from_secs(20)) {
            Ok(arrived) => samples.push(arrived.duration_since(saved)),
            Err(_) => eprintln!("edit {k}: no reload event within 20 s"),
        }
        std::thread::sleep(Duration::from_millis(150));
    }
    let _ = server.kill();
    let _ = server.wait();
    report(&format!("save → reload event ({mode} edits"), &mut samples);
    report(
        &format!("save → new page served ({mode} edits"),
        &mut served,
    );
}

/// The body of `path` as the server sends it now.
fn get(port: u16, path: &str) -> String {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return String::new();
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    if write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .is_err()
    {
        return String::new();
    }
    let mut page = Vec::new();
    let _ = stream.read_to_end(&mut page);
    String::from_utf8_lossy(&page).into_owned()
}

fn report(what: &str, samples: &mut [Duration]) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    if samples.is_empty() {
        eprintln!("{what}): no sample");
        std::process::exit(1);
    }
    let pick = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    println!(
        "{what}, {} of them): median {:.1} ms, p90 {:.1} ms, min {:.1} ms, max {:.1} ms",
        samples.len(),
        ms(pick(0.5)),
        ms(pick(0.9)),
        ms(samples[0]),
        ms(samples[samples.len() - 1])
    );
}
