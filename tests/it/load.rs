//! `dossier serve` under load: 1,000 requests from 50 client threads while an article is
//! rewritten 40 times, so that rebuilds run during the requests. No answer may be a server
//! error, cut short, or a mix of two versions of the site; a missing page is a 404; the last
//! edit is the one served in the end. Everything is bounded: a fixed number of requests and
//! edits, a timeout on every socket, and only 127.0.0.1.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use regex::Regex;

use crate::serve::serve;
use crate::support::Site;

const CLIENTS: usize = 50;
const REQUESTS: usize = 1_000;
const EDITS: usize = 40;
/// Between two requests of one client, and between two edits: enough for the requests to
/// span the edits.
const CLIENT_PAUSE: Duration = Duration::from_millis(50);
const EDIT_PAUSE: Duration = Duration::from_millis(25);
/// For each connection, read and write; and for the last edit to be served.
const TIMEOUT: Duration = Duration::from_secs(20);

const ARTICLE: &str = "content/cybercrime/lazarus.fr.md";

/// Version `n` of the edited article: its title, and its first paragraph (which the lists show
/// as its summary), both carry `version n`.
fn article(version: usize) -> String {
    format!(
        "+++\ntitle = \"Le groupe Lazarus, version {version}\"\ndate = 2025-02-21\ntopics = [\"cybercrime\"]\n+++\n\nMarqueur de version {version} dans le texte.\n\n## Chronologie\n\nLe groupe a volé 1,5 milliard de dollars.\n"
    )
}

/// What a request must get back.
#[derive(Clone, Copy)]
enum Expect {
    Html,
    /// A whole file ending with this text.
    File(&'static str),
    Missing,
}

const PATHS: &[(&str, Expect)] = &[
    ("/fr/articles/lazarus/", Expect::Html),
    ("/fr/articles/lazarus/", Expect::Html),
    ("/fr/articles/lazarus/", Expect::Html),
    ("/", Expect::Html),
    ("/fr/", Expect::Html),
    ("/en/", Expect::Html),
    ("/fr/articles/sommet/", Expect::Html),
    ("/en/articles/summit-hanoi/", Expect::Html),
    ("/fr/articles/un-report/", Expect::Html),
    ("/en/articles/wannacry/", Expect::Html),
    ("/fr/themes/cybercrime/", Expect::Html),
    ("/en/topics/cybercrime/", Expect::Html),
    ("/en/topics/diplomacy/", Expect::Html),
    ("/fr/feed.xml", Expect::File("</feed>")),
    ("/fr/themes/cybercrime/feed.xml", Expect::File("</feed>")),
    ("/en/feed.xml", Expect::File("</feed>")),
    ("/sitemap.xml", Expect::File("</urlset>")),
    ("/assets/style.css", Expect::File("}")),
    ("/fr/articles/absent/", Expect::Missing),
    ("/absent.css", Expect::Missing),
    ("/fr/themes/absent/feed.xml", Expect::Missing),
];

struct Reply {
    status: u16,
    content_length: Option<usize>,
    body: Vec<u8>,
}

/// One GET with `Connection: close`, every step bounded by [`TIMEOUT`].
fn get(port: u16, path: &str) -> Result<Reply, String> {
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    let mut stream = TcpStream::connect_timeout(&address, TIMEOUT).map_err(|e| e.to_string())?;
    stream.set_read_timeout(Some(TIMEOUT)).unwrap();
    stream.set_write_timeout(Some(TIMEOUT)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| format!("sending: {e}"))?;
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .map_err(|e| format!("reading: {e}"))?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| format!("no end of head in {} bytes", raw.len()))?;
    let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("no status in {head:?}"))?;
    let content_length = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|value| value.trim().parse().ok());
    Ok(Reply {
        status,
        content_length,
        body: raw[split + 4..].to_vec(),
    })
}

/// What is wrong with a reply, if anything; and the versions of the edited article it shows.
fn judge(reply: &Reply, expect: Expect, versions: &Regex) -> Result<Vec<usize>, String> {
    if reply.status >= 500 {
        return Err(format!(
            "server error {}: {}",
            reply.status,
            String::from_utf8_lossy(&reply.body)
        ));
    }
    let Some(length) = reply.content_length else {
        return Err("no Content-Length".into());
    };
    if length != reply.body.len() {
        return Err(format!(
            "Content-Length {length} but {} bytes received",
            reply.body.len()
        ));
    }
    let body = std::str::from_utf8(&reply.body).map_err(|e| format!("not UTF-8: {e}"))?;
    let (status, end) = match expect {
        Expect::Html => (200, "</html>"),
        Expect::File(end) => (200, end),
        Expect::Missing => (404, "</html>"),
    };
    if reply.status != status {
        return Err(format!("status {} instead of {status}", reply.status));
    }
    if !body.trim_end().ends_with(end) {
        let tail: String = body
            .chars()
            .rev()
            .take(80)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        return Err(format!("does not end with {end}: …{tail}"));
    }
    let seen: Vec<usize> = versions
        .captures_iter(body)
        .map(|c| c[1].parse().unwrap())
        .collect();
    if seen.windows(2).any(|w| w[0] != w[1]) {
        return Err(format!("mixes versions of the article: {seen:?}"));
    }
    Ok(seen)
}

#[test]
fn a_thousand_requests_during_forty_rebuilds() {
    let site = Site::fixture("basic");
    site.write(ARTICLE, article(0));
    let server = serve(site);
    let port = server.port;
    let root = server.site.root.clone();
    let versions = Regex::new(r"version (\d+)").unwrap();
    let start = Arc::new(Barrier::new(CLIENTS + 1));

    let editor = {
        let start = Arc::clone(&start);
        std::thread::spawn(move || {
            start.wait();
            // Written beside the site and renamed over the article, as editors save: a
            // rebuild never reads a half-written file.
            let scratch = root.join("edit.tmp");
            for version in 1..=EDITS {
                std::fs::write(&scratch, article(version)).unwrap();
                std::fs::rename(&scratch, root.join(ARTICLE)).unwrap();
                std::thread::sleep(EDIT_PAUSE);
            }
        })
    };
    let clients: Vec<_> = (0..CLIENTS)
        .map(|client| {
            let start = Arc::clone(&start);
            let versions = versions.clone();
            std::thread::spawn(move || {
                start.wait();
                let mut problems = Vec::new();
                let mut seen = Vec::new();
                for n in 0..REQUESTS / CLIENTS {
                    let (path, expect) = PATHS[(client * 7 + n) % PATHS.len()];
                    match get(port, path).and_then(|reply| judge(&reply, expect, &versions)) {
                        Ok(versions) => seen.extend(versions.first().copied()),
                        Err(problem) => problems.push(format!("GET {path}: {problem}")),
                    }
                    std::thread::sleep(CLIENT_PAUSE);
                }
                // One client's requests follow each other: it never sees the site go back.
                if seen.windows(2).any(|w| w[0] > w[1]) {
                    problems.push(format!(
                        "client {client} saw older versions after newer: {seen:?}"
                    ));
                }
                (problems, seen)
            })
        })
        .collect();

    let mut problems = Vec::new();
    let mut served = std::collections::BTreeSet::new();
    for client in clients {
        let (theirs, seen) = client.join().unwrap();
        problems.extend(theirs);
        served.extend(seen);
    }
    editor.join().unwrap();
    assert!(
        problems.is_empty(),
        "{} bad replies out of {REQUESTS}:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(
        served.len() > 1,
        "the requests should have seen the article change; saw versions {served:?}"
    );

    // The last edit wins, whatever the watcher gathered into one rebuild.
    let started = Instant::now();
    loop {
        let reply = get(port, "/fr/articles/lazarus/").unwrap();
        let shown = judge(&reply, Expect::Html, &versions).unwrap();
        if shown.first() == Some(&EDITS) {
            break;
        }
        assert!(
            started.elapsed() < TIMEOUT,
            "the last edit is never served; still {shown:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
