//! `dossier serve` end to end: a real server on 127.0.0.1, a temporary copy of the fixture,
//! edits on disk, the reload channel and the served pages. Every wait is bounded.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::{BIN, Site};

const WAIT: Duration = Duration::from_secs(15);

/// A running `dossier serve`, stopped when dropped.
pub(crate) struct Server {
    child: Child,
    pub(crate) port: u16,
    pub(crate) site: Site,
    /// Everything the server printed on standard error so far.
    stderr: Arc<Mutex<String>>,
    /// Its announcement, `serving <root> at <url> …`.
    announced: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub(crate) fn serve(site: Site) -> Server {
    start(site, Some(free_port()))
}

/// `dossier serve` on `port`, or on the port it chooses itself: the one its announcement names.
fn start(site: Site, port: Option<u16>) -> Server {
    let mut command = Command::new(BIN);
    command.args(["serve", "--root"]).arg(&site.root);
    if let Some(port) = port {
        command.args(["--port", &port.to_string()]);
    }
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let stderr = Arc::new(Mutex::new(String::new()));
    let errors = child.stderr.take().unwrap();
    let printed = Arc::clone(&stderr);
    std::thread::spawn(move || {
        for line in BufReader::new(errors).lines().map_while(Result::ok) {
            let mut all = printed.lock().unwrap();
            all.push_str(&line);
            all.push('\n');
        }
    });
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.starts_with("serving ") {
                let _ = sender.send(line);
            }
        }
    });
    let line = receiver
        .recv_timeout(WAIT)
        .expect("the server announces its URL");
    let announced: u16 = line
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|port| port.parse().ok())
        .unwrap_or_else(|| panic!("no port in {line:?}"));
    if let Some(port) = port {
        assert_eq!(announced, port, "{line}");
    }
    Server {
        child,
        port: announced,
        site,
        stderr,
        announced: line,
    }
}

impl Server {
    /// Waits until standard error holds `text` (bounded), and returns all of it.
    fn wait_for_stderr(&self, text: &str) -> String {
        let started = Instant::now();
        loop {
            let all = self.stderr.lock().unwrap().clone();
            if all.contains(text) {
                return all;
            }
            assert!(started.elapsed() < WAIT, "no {text:?} in:\n{all}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

fn request(port: u16, method: &str, path: &str) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Reply {
        status,
        head: head.to_string(),
        body: body.to_string(),
    }
}

fn get(server: &Server, path: &str) -> Reply {
    request(server.port, "GET", path)
}

/// The reload channel, read in the background.
struct Events {
    seen: Arc<Mutex<String>>,
}

impl Events {
    fn connect(server: &Server) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        write!(
            stream,
            "GET /__dossier/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        )
        .unwrap();
        let seen = Arc::new(Mutex::new(String::new()));
        let writer = Arc::clone(&seen);
        std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(n) = stream.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                writer
                    .lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buffer[..n]));
            }
        });
        let events = Events { seen };
        events.wait_for("event: fixed");
        events
    }

    /// Waits (bounded) until the channel has carried `text`; returns everything seen so far.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let seen = self.seen.lock().unwrap().clone();
            if seen.contains(text) {
                self.seen.lock().unwrap().clear();
                return seen;
            }
            assert!(
                start.elapsed() < WAIT,
                "no {text:?} on the reload channel; saw {seen:?}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Waits (bounded) until `path` is served with a body satisfying `check`.
fn eventually(server: &Server, path: &str, check: impl Fn(&Reply) -> bool) -> Reply {
    let start = Instant::now();
    loop {
        let reply = get(server, path);
        if check(&reply) {
            return reply;
        }
        assert!(
            start.elapsed() < WAIT,
            "{path} never matched; last: {} {}",
            reply.status,
            reply.body
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

const LAZARUS: &str = "content/cybercrime/lazarus.fr.md";

fn edit(server: &Server, path: &str, from: &str, to: &str) {
    let file = server.site.root.join(path);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains(from), "{path} has no {from:?}");
    std::fs::write(file, text.replace(from, to)).unwrap();
}

#[test]
fn an_edit_sends_a_reload_and_changes_the_page() {
    let server = serve(Site::fixture("basic"));
    let events = Events::connect(&server);
    let page = get(&server, "/fr/articles/lazarus/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<h1>Le groupe Lazarus</h1>"));
    assert!(
        page.body.contains("/__dossier/events"),
        "the reload script is injected when serving"
    );
    edit(
        &server,
        LAZARUS,
        "title = \"Le groupe Lazarus\"",
        "title = \"Le groupe Lazarus, encore\"",
    );
    let seen = events.wait_for("event: reload");
    assert!(seen.contains("fr/articles/lazarus/index.html"), "{seen}");
    let page = get(&server, "/fr/articles/lazarus/");
    assert!(page.body.contains("<h1>Le groupe Lazarus, encore</h1>"));
    let home = get(&server, "/en/");
    assert!(home.body.contains("Le groupe Lazarus, encore"));
}

#[test]
fn the_warnings_of_build_are_printed_once_then_only_new_ones() {
    let server = serve(Site::fixture("basic"));
    // The announcement names the root as a whole path.
    let root = std::fs::canonicalize(&server.site.root).unwrap();
    assert!(
        server
            .announced
            .starts_with(&format!("serving {} at http://127.0.0.1:", root.display())),
        "{}",
        server.announced
    );
    // As `build` prints them: the fixture's articles without a translation.
    let build = server.site.build(&[]);
    let (_, build_warnings) = crate::support::text(&build);
    let first = server.wait_for_stderr("lazarus.fr.md: no translation in en");
    for line in build_warnings.lines() {
        assert!(
            first.contains(line),
            "serve did not print {line:?}:\n{first}"
        );
    }
    // An edit that adds a warning prints that one alone.
    edit(&server, LAZARUS, "a volé", "a volé <span>x</span>");
    let after = server.wait_for_stderr("raw HTML left out");
    let new = &after[first.len()..];
    assert!(!new.contains("no translation in"), "printed again:\n{new}");
}

#[test]
fn a_broken_edit_shows_an_overlay_and_keeps_the_last_good_page() {
    let server = serve(Site::fixture("basic"));
    let events = Events::connect(&server);
    edit(
        &server,
        LAZARUS,
        "date = 2025-02-21",
        "date = 2025-02-31\ntitre = \"x\"",
    );
    let seen = events.wait_for("event: problem");
    assert!(seen.contains("content/cybercrime/lazarus.fr.md:"), "{seen}");
    let page = get(&server, "/fr/articles/lazarus/");
    assert_eq!(page.status, 200, "the last good page is still served");
    assert!(page.body.contains("<h1>Le groupe Lazarus</h1>"));
    assert!(
        page.body
            .contains("const initial = \"content/cybercrime/lazarus.fr.md:"),
        "a tab opened now shows the overlay"
    );
    edit(
        &server,
        LAZARUS,
        "date = 2025-02-31\ntitre = \"x\"",
        "date = 2025-02-22",
    );
    events.wait_for("event: fixed");
    let page = eventually(&server, "/fr/articles/lazarus/", |r| {
        r.body.contains("const initial = null")
    });
    assert!(page.body.contains("2025-02-22"));
}

#[test]
fn a_deleted_article_disappears_everywhere() {
    let server = serve(Site::fixture("basic"));
    let events = Events::connect(&server);
    assert!(
        get(&server, "/fr/themes/cybercrime/")
            .body
            .contains("articles/lazarus/")
    );
    std::fs::remove_file(server.site.root.join(LAZARUS)).unwrap();
    let seen = events.wait_for("event: reload");
    assert!(seen.contains("fr/articles/lazarus/index.html"), "{seen}");
    let gone = get(&server, "/fr/articles/lazarus/");
    assert_eq!(gone.status, 404);
    assert!(
        !get(&server, "/fr/themes/cybercrime/")
            .body
            .contains("articles/lazarus/")
    );
    assert!(!get(&server, "/fr/").body.contains("articles/lazarus/"));
    assert!(!get(&server, "/en/").body.contains("articles/lazarus/"));
}

#[test]
fn a_stylesheet_change_is_a_stylesheet_event() {
    let server = serve(Site::fixture("basic"));
    let events = Events::connect(&server);
    server
        .site
        .write("templates/style.css", "body { color: #222; }\n");
    let seen = events.wait_for("event: stylesheets");
    assert!(!seen.contains("event: reload"), "{seen}");
    let css = get(&server, "/assets/style.css");
    assert_eq!(css.body, "body { color: #222; }\n");
    assert!(
        css.head
            .to_ascii_lowercase()
            .contains("content-type: text/css")
    );
}

#[test]
fn only_get_and_head_and_nothing_outside_the_site() {
    let server = serve(Site::fixture("basic"));
    for method in ["POST", "PUT", "DELETE", "PATCH"] {
        let reply = request(server.port, method, "/");
        assert_eq!(reply.status, 405, "{method}");
        assert!(reply.head.to_ascii_lowercase().contains("allow: get, head"));
    }
    let head = request(server.port, "HEAD", "/fr/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    server.site.write("secret.txt", "secret");
    for hostile in [
        "/../secret.txt",
        "/fr/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%5csecret.txt",
        "/fr\\..\\..\\secret.txt",
        "//etc/passwd",
        "/config.toml",
        "/content/cybercrime/lazarus.fr.md",
    ] {
        let reply = get(&server, hostile);
        assert!(
            reply.status == 400 || reply.status == 404,
            "{hostile}: {}",
            reply.status
        );
        assert!(
            !reply.body.contains("secret") && !reply.body.contains("+++"),
            "{hostile}"
        );
    }
    // No directory listings: a folder without a page is a 404.
    assert_eq!(get(&server, "/fr/articles/").status, 404);
    assert_eq!(get(&server, "/fr").status, 301);
}

#[test]
fn an_asked_port_that_is_taken_is_a_clear_error() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = Site::fixture("basic");
    let output = Command::new(BIN)
        .args(["serve", "--root"])
        .arg(&site.root)
        .args(["--port", &port])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{stderr}"
    );
}

#[test]
fn a_site_broken_at_start_is_served_once_fixed() {
    let site = Site::fixture("basic");
    let lazarus = site.root.join(LAZARUS);
    let good = std::fs::read_to_string(&lazarus).unwrap();
    std::fs::write(
        &lazarus,
        good.replace("date = 2025-02-21", "date = 21/02/2025"),
    )
    .unwrap();
    let server = serve(site);
    let page = get(&server, "/fr/");
    assert_eq!(page.status, 503, "nothing good to serve yet");
    assert!(
        page.body.contains("content/cybercrime/lazarus.fr.md:3"),
        "{}",
        page.body
    );
    std::fs::write(server.site.root.join(LAZARUS), good).unwrap();
    let page = eventually(&server, "/fr/", |r| r.status == 200);
    assert!(page.body.contains("Le groupe Lazarus"));
}

/// With the default port 1111 taken (by this test, or by anything else already), `dossier
/// serve` without `--port` takes the next free one, says which, and serves there.
#[test]
fn the_default_port_taken_moves_to_the_next_free_one() {
    let _held = TcpListener::bind("127.0.0.1:1111");
    let server = start(Site::fixture("basic"), None);
    assert!(server.port > 1111, "{}", server.port);
    assert_eq!(request(server.port, "GET", "/").status, 200);
}
