//! Publishing: a build under a GitHub Pages project path, served over HTTP and crawled; the
//! Atom feeds; the sitemap; the `CNAME` file.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fs;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock};
use std::thread::JoinHandle;
use std::time::Duration;

use regex::Regex;
use roxmltree::{Document, Node};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use url::Url;

use crate::support::{Site, assert_clean, attribute_values, build, read, repo, tree, unescape};

/// The base URL of a GitHub Pages project site, and the path it lives under.
const PROJECT_BASE: &str = "https://example.github.io/some-repo/";
const PROJECT_PATH: &str = "/some-repo/";
/// The `base_url` of the `basic` fixture.
const FIXTURE_BASE: &str = "https://example.github.io/fixture/";

const ATOM: &str = "http://www.w3.org/2005/Atom";
const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML: &str = "http://www.w3.org/1999/xhtml";
const XML: &str = "http://www.w3.org/XML/1998/namespace";

/// Most URLs one crawl fetches: far above what the sites here have, low enough to stop a crawl
/// that goes in circles.
const MAX_FETCHES: usize = 2_000;
/// Every socket operation of the test server and client gives up after this.
const TIMEOUT: Duration = Duration::from_secs(10);

// ---- 1. A project site under a sub-path ----------------------------------------------------

/// The fixture built for `https://example.github.io/some-repo/` works when served under
/// `/some-repo/`: every link from the entrance answers, none leaves the project path, and every
/// absolute URL (head, feeds, sitemap, robots.txt) is under the base URL and answers too.
#[test]
fn project_site_under_a_sub_path_works() {
    let site = Site::fixture("basic");
    let public = site.build_ok_with(&["--base-url", PROJECT_BASE]);
    check_project_site(&public);
}

/// The same for the repository's own dossier, built into a temporary folder.
#[test]
fn the_real_dossier_works_under_a_sub_path() {
    let output = tempfile::tempdir().unwrap();
    let public = output.path().join("public");
    assert_clean(&build(
        &repo(),
        &[
            "--output-dir",
            public.to_str().unwrap(),
            "--base-url",
            PROJECT_BASE,
        ],
    ));
    check_project_site(&public);
}

/// Serves a build for `PROJECT_BASE` under `PROJECT_PATH`, crawls it from the entrance and
/// checks every URL it names.
fn check_project_site(public: &Path) {
    let server = StaticServer::start(public.to_path_buf());
    let mut crawl = Crawl::new(server.base(), Url::parse(PROJECT_BASE).unwrap());
    crawl.enqueue(server.base(), "the entrance");
    // A host serves 404.html at any missing path; nothing links to it.
    crawl.enqueue(server.base().join("404.html").unwrap(), "the host");
    crawl.run();

    // Every page can be reached from the entrance.
    let reached: BTreeSet<String> = crawl
        .answered
        .iter()
        .filter(|(_, status)| **status == 200)
        .filter_map(|(url, _)| local_path(url.path()))
        .collect();
    for (path, _) in tree(public) {
        if path.ends_with(".html") && !reached.contains(&path) {
            crawl
                .problems
                .push(format!("{path}: never reached from the entrance"));
        }
    }

    // Every absolute URL outside HTML is under the base URL and answers.
    for (feed, xml) in feeds(public) {
        let doc = parse(&feed, &xml);
        for url in feed_urls(&doc) {
            crawl.expect_published(&feed, &url);
        }
        for (base, link) in feed_content_links(&doc, &format!("{PROJECT_BASE}{feed}")) {
            crawl.follow(&base, &link);
        }
    }
    let sitemap = read_sitemap(public, PROJECT_BASE);
    for url in sitemap.files.iter().chain(sitemap.urls()) {
        crawl.expect_published("sitemap", url);
    }
    let robots = read(&public.join("robots.txt"));
    let sitemap_lines: Vec<&str> = robots
        .lines()
        .filter_map(|line| line.strip_prefix("Sitemap:"))
        .map(str::trim)
        .collect();
    assert_eq!(sitemap_lines.len(), 1, "robots.txt:\n{robots}");
    for url in sitemap_lines {
        crawl.expect_published("robots.txt", url);
    }
    crawl.run();

    assert!(
        crawl.problems.is_empty(),
        "{} problems:\n{}",
        crawl.problems.len(),
        crawl.problems.join("\n")
    );
    assert_eq!(
        sitemap_problems(&sitemap, public, PROJECT_BASE),
        Vec::<String>::new()
    );
    // The server answers 404 outside the project path and for missing files.
    for missing in ["/", "/fr/index.html", "/some-repo/no-such-page/"] {
        let url = server.base().join(missing).unwrap();
        assert_eq!(get(&url).status, 404, "{url}");
    }
}

/// A crawl of a site served locally, which knows the public base URL the site was built for:
/// absolute links to the published site are followed on the local server.
struct Crawl {
    /// `http://127.0.0.1:PORT/some-repo/`
    local: Url,
    /// `https://example.github.io/some-repo/`
    public: Url,
    queue: VecDeque<(Url, String)>,
    seen: BTreeSet<Url>,
    /// The status each fetched URL answered.
    answered: BTreeMap<Url, u16>,
    /// The output files whose links were checked (a page answers as `x/` and `x/index.html`).
    checked: BTreeSet<String>,
    problems: Vec<String>,
}

impl Crawl {
    fn new(local: Url, public: Url) -> Crawl {
        Crawl {
            local,
            public,
            queue: VecDeque::new(),
            seen: BTreeSet::new(),
            answered: BTreeMap::new(),
            checked: BTreeSet::new(),
            problems: Vec::new(),
        }
    }

    /// Queues a local URL, once; `source` says where it was found.
    fn enqueue(&mut self, mut url: Url, source: &str) {
        url.set_fragment(None);
        if self.seen.insert(url.clone()) {
            self.queue.push_back((url, source.to_string()));
        }
    }

    /// Queues `url`, which must be an absolute URL of the published site (canonical,
    /// alternates, feeds, sitemap), on the local server.
    fn expect_published(&mut self, source: &str, url: &str) {
        match url.strip_prefix(self.public.as_str()) {
            Some(rest) => {
                let local = self.local.join(rest).unwrap();
                self.enqueue(local, source);
            }
            None => self
                .problems
                .push(format!("{source}: {url} is not under {}", self.public)),
        }
    }

    /// Follows `link`, found in a document at `page`, as a browser would: resolved against the
    /// page, kept when it leads into the site, external sites and `mailto:` left alone.
    fn follow(&mut self, page: &Url, link: &str) {
        if link.starts_with("mailto:") {
            return;
        }
        let target = match page.join(link) {
            Ok(target) => target,
            Err(error) => {
                self.problems.push(format!("{page}: link {link}: {error}"));
                return;
            }
        };
        if target.origin() == self.local.origin() {
            if target.path().starts_with(self.local.path()) {
                self.enqueue(target, page.as_str());
            } else {
                let path = self.local.path();
                self.problems
                    .push(format!("{page}: link {link} escapes {path} to {target}"));
            }
        } else if target.host_str() == self.public.host_str() {
            self.expect_published(page.as_str(), target.as_str());
        }
    }

    /// Fetches every queued URL, following the links of the HTML pages it gets.
    fn run(&mut self) {
        while let Some((url, source)) = self.queue.pop_front() {
            assert!(
                self.answered.len() < MAX_FETCHES,
                "more than {MAX_FETCHES} fetches: is the crawl going in circles?"
            );
            let response = get(&url);
            self.answered.insert(url.clone(), response.status);
            if response.status != 200 {
                let status = response.status;
                self.problems
                    .push(format!("{url} (found in {source}) answers {status}"));
            } else if response.content_type.starts_with("text/html")
                && local_path(url.path()).is_some_and(|path| self.checked.insert(path))
            {
                self.check_page(&url, &String::from_utf8_lossy(&response.body));
            }
        }
    }

    /// Checks the links of one page and queues them.
    fn check_page(&mut self, page: &Url, html: &str) {
        let not_found_page = page.path() == format!("{}404.html", self.local.path());
        let links = attribute_values(html, "href")
            .into_iter()
            .chain(attribute_values(html, "src"))
            .chain(attribute_values(html, "action"));
        for link in links {
            if not_found_page {
                if !link.starts_with('#') && !link.starts_with(self.public.as_str()) {
                    self.problems.push(format!(
                        "{page}: 404.html links to {link}, not through the base URL"
                    ));
                }
            } else if link.starts_with('/') {
                self.problems
                    .push(format!("{page}: root-relative link {link}"));
            }
            self.follow(page, &link);
        }
        let head = head_urls(html);
        if head.iter().filter(|(kind, _)| *kind == "canonical").count() != 1 {
            self.problems
                .push(format!("{page}: not exactly one canonical link"));
        }
        for (kind, url) in head {
            self.expect_published(&format!("{page} ({kind})"), &url);
        }
    }
}

static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<(link|meta)\s[^>]*>").unwrap());
static ATTRIBUTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"([a-zA-Z][\w:-]*)="([^"]*)""#).unwrap());

/// The URLs in a page's head that must be absolute URLs of the published site, with what they
/// are: the canonical URL, hreflang alternates, feeds linked absolutely, `og:url`.
fn head_urls(html: &str) -> Vec<(&'static str, String)> {
    let mut urls = Vec::new();
    for tag in TAG.find_iter(html) {
        let attributes: BTreeMap<&str, String> = ATTRIBUTE
            .captures_iter(tag.as_str())
            .map(|c| (c.get(1).unwrap().as_str(), unescape(&c[2])))
            .collect();
        let get = |name: &str| attributes.get(name).cloned();
        let rel = get("rel").unwrap_or_default();
        let rel: BTreeSet<&str> = rel.split_whitespace().collect();
        if let Some(href) = get("href") {
            if rel.contains("canonical") {
                urls.push(("canonical", href));
            } else if rel.contains("alternate") && attributes.contains_key("hreflang") {
                urls.push(("hreflang alternate", href));
            } else if rel.contains("alternate") && href.contains("://") {
                urls.push(("alternate", href));
            }
        }
        if get("property").as_deref() == Some("og:url") {
            urls.push(("og:url", get("content").unwrap_or_default()));
        }
    }
    urls
}

/// The output path a local URL path names (`/some-repo/fr/` → `fr/index.html`).
fn local_path(url_path: &str) -> Option<String> {
    let rest = percent_decode(url_path.strip_prefix(PROJECT_PATH)?)?;
    if rest.is_empty() || rest.ends_with('/') {
        Some(format!("{rest}index.html"))
    } else {
        Some(rest)
    }
}

fn percent_decode(text: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        if byte == b'%' {
            let hex = tail.get(..2)?;
            if !hex.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            bytes.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(byte);
            rest = tail;
        }
    }
    String::from_utf8(bytes).ok()
}

// ---- A static file server and an HTTP client -----------------------------------------------

/// Serves a built site under `PROJECT_PATH` as a static host would: GET only, one request per
/// connection, `index.html` for a folder, 404 for anything else. It stops when dropped, and in
/// any case after `2 * MAX_FETCHES` connections.
struct StaticServer {
    address: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl StaticServer {
    fn start(root: PathBuf) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let thread = std::thread::spawn({
            let stop = Arc::clone(&stop);
            move || {
                for stream in listener.incoming().take(2 * MAX_FETCHES) {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    if let Ok(stream) = stream {
                        // A client that went away is its own problem.
                        let _ = answer(stream, &root);
                    }
                }
            }
        });
        StaticServer {
            address,
            stop,
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:PORT/some-repo/`
    fn base(&self) -> Url {
        Url::parse(&format!("http://{}{PROJECT_PATH}", self.address)).unwrap()
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the thread from `accept` so that it sees the flag.
        let _ = TcpStream::connect_timeout(&self.address, TIMEOUT);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn answer(mut stream: TcpStream, root: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(TIMEOUT))?;
    stream.set_write_timeout(Some(TIMEOUT))?;
    let head = read_head(&mut stream)?;
    let request_line = head.lines().next().unwrap_or_default();
    let mut words = request_line.split(' ');
    let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let file = if method == "GET" {
        file_for(root, target)
    } else {
        None
    };
    let (status, content_type, body) = match file.map(fs::read) {
        Some(Ok(bytes)) => ("200 OK", content_type(target), bytes),
        _ if method != "GET" => ("405 Method Not Allowed", "text/plain", Vec::new()),
        _ => ("404 Not Found", "text/plain", b"not found".to_vec()),
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(&body)?;
    stream.flush()
}

/// Reads a request or response head, up to the blank line (at most 64 KiB).
fn read_head(stream: &mut TcpStream) -> std::io::Result<String> {
    let mut head = Vec::new();
    let mut byte = [0];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 64 * 1024 {
        if stream.read(&mut byte)? == 0 {
            break;
        }
        head.push(byte[0]);
    }
    Ok(String::from_utf8_lossy(&head).into_owned())
}

/// The file a request target names under `root`, if it is under the project path and exists.
fn file_for(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next()?;
    let relative = local_path(path)?;
    let mut file = root.to_path_buf();
    for segment in relative.split('/') {
        match segment {
            "" => {}
            "." | ".." => return None,
            _ if segment.contains('\\') => return None,
            _ => file.push(segment),
        }
    }
    file.is_file().then_some(file)
}

fn content_type(target: &str) -> &'static str {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let extension = if path.ends_with('/') {
        "html"
    } else {
        path.rsplit_once('.').map_or("", |(_, extension)| extension)
    };
    match extension {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

struct Response {
    status: u16,
    content_type: String,
    body: Vec<u8>,
}

/// A plain HTTP/1.1 GET.
fn get(url: &Url) -> Response {
    let address = url.socket_addrs(|| None).unwrap()[0];
    let mut stream =
        TcpStream::connect_timeout(&address, TIMEOUT).unwrap_or_else(|e| panic!("{url}: {e}"));
    stream.set_read_timeout(Some(TIMEOUT)).unwrap();
    stream.set_write_timeout(Some(TIMEOUT)).unwrap();
    let target = &url[url::Position::BeforePath..url::Position::AfterQuery];
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let head = read_head(&mut stream).unwrap();
    let mut body = Vec::new();
    stream
        .read_to_end(&mut body)
        .unwrap_or_else(|e| panic!("{url}: {e}"));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("{url}: no status in {head:?}"));
    let content_type = head
        .lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))
        .map(|(_, value)| value.trim().to_string())
        .unwrap_or_default();
    Response {
        status,
        content_type,
        body,
    }
}

// ---- 2. Atom feeds -------------------------------------------------------------------------

/// Every feed of the fixture is an Atom feed in the language of its folder, with what RFC 4287
/// requires and links to itself and to its page; its entries are complete, newest first, and
/// those of a topic feed all belong to that topic.
#[test]
fn feeds_are_valid_atom() {
    let site = Site::fixture("basic");
    let public = site.build_ok();
    let feeds = feeds(&public);
    // Two languages, each with a feed and one per topic.
    assert_eq!(feeds.len(), 2 * (1 + 3), "{:?}", feeds.keys());
    for (path, xml) in &feeds {
        let entries = check_feed(&public, path, xml);
        assert!(!entries.is_empty(), "{path}: no entry");
    }
}

/// `[feeds] entries = 2` keeps the two newest entries of every feed.
#[test]
fn feeds_keep_the_configured_number_of_entries() {
    let site = Site::fixture("basic");
    let public = site.build_ok();
    let all: BTreeMap<String, Vec<Entry>> = feeds(&public)
        .into_iter()
        .map(|(path, xml)| {
            let entries = check_feed(&public, &path, &xml);
            (path, entries)
        })
        .collect();
    assert!(
        all.values().any(|entries| entries.len() > 2),
        "no feed of the fixture has more than 2 entries: the limit would not be tested"
    );

    // A new table can follow whatever table the file ends with.
    let config = read(&site.root.join("config.toml"));
    assert!(!config.contains("[feeds]"));
    site.write("config.toml", format!("{config}\n[feeds]\nentries = 2\n"));
    let public = site.build_ok();
    let limited = feeds(&public);
    assert_eq!(
        limited.keys().collect::<Vec<_>>(),
        all.keys().collect::<Vec<_>>()
    );
    for (path, xml) in &limited {
        let kept: Vec<String> = check_feed(&public, path, xml)
            .into_iter()
            .map(|entry| entry.id)
            .collect();
        let newest: Vec<String> = all[path].iter().take(2).map(|e| e.id.clone()).collect();
        assert_eq!(kept, newest, "{path}");
    }
}

/// What the tests need of a feed entry.
#[derive(Debug)]
struct Entry {
    id: String,
    published: OffsetDateTime,
}

/// Every `feed.xml` of the output, keyed by path.
fn feeds(public: &Path) -> BTreeMap<String, String> {
    tree(public)
        .into_iter()
        .filter(|(path, _)| path.ends_with("/feed.xml"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap()))
        .collect()
}

fn parse<'a>(path: &str, xml: &'a str) -> Document<'a> {
    Document::parse(xml).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Checks the feed at `path` (`en/feed.xml`, `en/topics/sanctions/feed.xml`) of a fixture build,
/// and returns its entries.
fn check_feed(public: &Path, path: &str, xml: &str) -> Vec<Entry> {
    let doc = parse(path, xml);
    let feed = doc.root_element();
    assert!(
        feed.has_tag_name((ATOM, "feed")),
        "{path}: root is {:?}",
        feed.tag_name()
    );
    let segments: Vec<&str> = path.split('/').collect();
    let lang = segments[0];
    assert_eq!(
        feed.attribute((XML, "lang")),
        Some(lang),
        "{path}: xml:lang"
    );
    for name in ["id", "title"] {
        assert!(!text(feed, name, path).is_empty(), "{path}: empty <{name}>");
    }
    date(feed, "updated", path);
    let author = child(feed, "author", path);
    assert!(
        !text(author, "name", path).is_empty(),
        "{path}: no author name"
    );
    assert_eq!(
        link(feed, "self", path),
        format!("{FIXTURE_BASE}{path}"),
        "{path}: rel=self"
    );
    let folder = path.strip_suffix("feed.xml").unwrap();
    assert_eq!(
        link(feed, "alternate", path),
        format!("{FIXTURE_BASE}{folder}"),
        "{path}: rel=alternate"
    );
    assert!(
        public.join(folder).join("index.html").is_file(),
        "{path}: no page in {folder}"
    );

    // `lang/topics_path/topic/feed.xml` is a topic's feed.
    let topic = (segments.len() == 4).then(|| segments[2]);
    let mut entries = Vec::new();
    for entry in elements(feed, "entry") {
        let id = text(entry, "id", path);
        let context = format!("{path}: entry {id}");
        assert!(
            !text(entry, "title", &context).is_empty(),
            "{context}: no title"
        );
        date(entry, "updated", &context);
        let published = date(entry, "published", &context);
        let page = link(entry, "alternate", &context);
        assert!(
            page.starts_with(&format!("{FIXTURE_BASE}{lang}/")),
            "{context}: {page} is not a page in {lang}"
        );
        child(entry, "content", &context);
        if let Some(topic) = topic {
            let terms: Vec<&str> = elements(entry, "category")
                .filter_map(|category| category.attribute("term"))
                .collect();
            assert!(terms.contains(&topic), "{context}: categories {terms:?}");
        }
        entries.push(Entry { id, published });
    }
    for pair in entries.windows(2) {
        assert!(
            pair[0].published >= pair[1].published,
            "{path}: {} is listed before the newer {}",
            pair[0].id,
            pair[1].id
        );
    }
    entries
}

/// The Atom children of `node` named `name`.
fn elements<'a, 'input>(
    node: Node<'a, 'input>,
    name: &'static str,
) -> impl Iterator<Item = Node<'a, 'input>> {
    node.children()
        .filter(move |child| child.has_tag_name((ATOM, name)))
}

fn child<'a, 'input>(
    node: Node<'a, 'input>,
    name: &'static str,
    context: &str,
) -> Node<'a, 'input> {
    let mut found = elements(node, name);
    let first = found
        .next()
        .unwrap_or_else(|| panic!("{context}: no <{name}>"));
    assert!(found.next().is_none(), "{context}: more than one <{name}>");
    first
}

fn text(node: Node, name: &'static str, context: &str) -> String {
    child(node, name, context)
        .text()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// An RFC 3339 date child.
fn date(node: Node, name: &'static str, context: &str) -> OffsetDateTime {
    let value = text(node, name, context);
    OffsetDateTime::parse(&value, &Rfc3339)
        .unwrap_or_else(|e| panic!("{context}: <{name}>{value}</{name}> is not RFC 3339: {e}"))
}

/// The `href` of the one `<link>` with relation `rel` (`alternate` when unsaid).
fn link(node: Node, rel: &str, context: &str) -> String {
    let hrefs: Vec<&str> = elements(node, "link")
        .filter(|link| link.attribute("rel").unwrap_or("alternate") == rel)
        .filter_map(|link| link.attribute("href"))
        .collect();
    match hrefs[..] {
        [href] => href.to_string(),
        _ => panic!("{context}: rel={rel} links {hrefs:?}"),
    }
}

/// Every URL a feed names: ids, link targets and `xml:base`.
fn feed_urls(doc: &Document) -> Vec<String> {
    let mut urls = Vec::new();
    for node in doc.descendants().filter(Node::is_element) {
        if node.has_tag_name((ATOM, "id")) {
            urls.extend(node.text().map(|id| id.trim().to_string()));
        }
        // The entry's sources (`rel="via"` links, its `<source>`) are elsewhere on the web.
        let of_source = node.attribute("rel") == Some("via")
            || node.ancestors().any(|a| a.has_tag_name((ATOM, "source")));
        if node.has_tag_name((ATOM, "link")) && !of_source {
            urls.extend(node.attribute("href").map(str::to_string));
        }
        urls.extend(node.attribute((XML, "base")).map(str::to_string));
    }
    urls
}

/// The links inside the HTML content of a feed's entries, with the URL they are relative to
/// (the entry's `xml:base`, or the feed's own URL).
fn feed_content_links(doc: &Document, feed_url: &str) -> Vec<(Url, String)> {
    let feed_url = Url::parse(feed_url).unwrap();
    let mut links = Vec::new();
    for content in doc
        .descendants()
        .filter(|node| node.has_tag_name((ATOM, "content")))
    {
        let base = content
            .ancestors()
            .find_map(|node| node.attribute((XML, "base")))
            .map_or(feed_url.clone(), |base| feed_url.join(base).unwrap());
        let html = content.text().unwrap_or_default();
        for link in attribute_values(html, "href")
            .into_iter()
            .chain(attribute_values(html, "src"))
            .chain(attribute_values(html, "action"))
        {
            links.push((base.clone(), link));
        }
    }
    links
}

// ---- 3. Sitemap ----------------------------------------------------------------------------

/// The sitemap lists every page but 404.html exactly once, and its hreflang alternates name
/// listed pages and are reciprocal.
#[test]
fn sitemap_lists_every_page_with_reciprocal_alternates() {
    let site = Site::fixture("basic");
    let public = site.build_ok();
    let sitemap = read_sitemap(&public, FIXTURE_BASE);
    assert!(
        sitemap.files.is_empty(),
        "a small site needs no sitemap index"
    );
    assert_eq!(
        sitemap_problems(&sitemap, &public, FIXTURE_BASE),
        Vec::<String>::new()
    );
}

/// A site's sitemap, read through a sitemap index when there is one.
struct Sitemap {
    /// The locations of the sitemaps a `<sitemapindex>` lists.
    files: Vec<String>,
    entries: Vec<SitemapEntry>,
}

/// One `<url>`: its location and its `hreflang → href` alternates.
struct SitemapEntry {
    loc: String,
    alternates: BTreeMap<String, String>,
}

impl Sitemap {
    /// Every URL the sitemap names: locations and alternates.
    fn urls(&self) -> impl Iterator<Item = &String> {
        self.entries
            .iter()
            .flat_map(|entry| std::iter::once(&entry.loc).chain(entry.alternates.values()))
    }
}

/// Reads `sitemap.xml` of a build for `base`, following a `<sitemapindex>` to its parts.
fn read_sitemap(public: &Path, base: &str) -> Sitemap {
    let mut sitemap = Sitemap {
        files: Vec::new(),
        entries: Vec::new(),
    };
    let xml = read(&public.join("sitemap.xml"));
    let doc = parse("sitemap.xml", &xml);
    let root = doc.root_element();
    if root.has_tag_name((SITEMAP, "sitemapindex")) {
        for part in root
            .children()
            .filter(|n| n.has_tag_name((SITEMAP, "sitemap")))
        {
            let loc = sitemap_loc(part, "sitemap.xml");
            let path = loc
                .strip_prefix(base)
                .unwrap_or_else(|| panic!("sitemap.xml: {loc} is not under {base}"));
            let xml = read(&public.join(path));
            let doc = parse(path, &xml);
            read_urlset(doc.root_element(), path, &mut sitemap.entries);
            sitemap.files.push(loc);
        }
        assert!(!sitemap.files.is_empty(), "sitemap.xml: an empty index");
    } else {
        read_urlset(root, "sitemap.xml", &mut sitemap.entries);
    }
    sitemap
}

fn read_urlset(root: Node, path: &str, entries: &mut Vec<SitemapEntry>) {
    assert!(
        root.has_tag_name((SITEMAP, "urlset")),
        "{path}: root is {:?}",
        root.tag_name()
    );
    for url in root.children().filter(|n| n.has_tag_name((SITEMAP, "url"))) {
        let loc = sitemap_loc(url, path);
        let mut alternates = BTreeMap::new();
        for link in url.children().filter(|n| n.has_tag_name((XHTML, "link"))) {
            assert_eq!(link.attribute("rel"), Some("alternate"), "{path}: {loc}");
            let hreflang = link.attribute("hreflang").expect("an hreflang");
            let href = link.attribute("href").expect("an href");
            let previous = alternates.insert(hreflang.to_string(), href.to_string());
            assert!(
                previous.is_none(),
                "{path}: {loc} has two {hreflang} alternates"
            );
        }
        entries.push(SitemapEntry { loc, alternates });
    }
}

fn sitemap_loc(node: Node, path: &str) -> String {
    let mut locs = node.children().filter(|n| n.has_tag_name((SITEMAP, "loc")));
    let loc = locs
        .next()
        .and_then(|loc| loc.text())
        .unwrap_or_else(|| panic!("{path}: an entry without <loc>"));
    assert!(locs.next().is_none(), "{path}: {loc} has two <loc>");
    loc.trim().to_string()
}

/// The URL the sitemap gives the output file `path`: a folder's URL for its `index.html`.
fn page_url(base: &str, path: &str) -> String {
    match path.strip_suffix("index.html") {
        Some(folder) if folder.is_empty() || folder.ends_with('/') => format!("{base}{folder}"),
        _ => format!("{base}{path}"),
    }
}

/// What is wrong with a sitemap: pages missing or listed twice, locations that are no page,
/// alternates that are not listed, that do not name the page itself or are not reciprocal.
fn sitemap_problems(sitemap: &Sitemap, public: &Path, base: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for entry in &sitemap.entries {
        *counts.entry(&entry.loc).or_default() += 1;
    }
    let pages: BTreeSet<String> = tree(public)
        .into_keys()
        .filter(|path| path.ends_with(".html") && path != "404.html")
        .map(|path| page_url(base, &path))
        .collect();
    for page in &pages {
        match counts.get(page.as_str()) {
            None => problems.push(format!("{page} is missing")),
            Some(1) => {}
            Some(n) => problems.push(format!("{page} is listed {n} times")),
        }
    }
    for loc in counts.keys() {
        if !pages.contains(*loc) {
            problems.push(format!("{loc} is listed but no page"));
        }
    }
    let by_loc: BTreeMap<&str, &SitemapEntry> = sitemap
        .entries
        .iter()
        .map(|entry| (entry.loc.as_str(), entry))
        .collect();
    for entry in &sitemap.entries {
        let loc = &entry.loc;
        for href in entry.alternates.values() {
            if !by_loc.contains_key(href.as_str()) {
                problems.push(format!("{loc}: alternate {href} is not listed"));
            }
        }
        let languages: BTreeSet<&String> = entry
            .alternates
            .iter()
            .filter(|(hreflang, _)| *hreflang != "x-default")
            .map(|(_, href)| href)
            .collect();
        if !languages.is_empty() && !languages.contains(loc) && loc != base {
            problems.push(format!("{loc}: does not list itself among its alternates"));
        }
        for href in languages {
            if let Some(other) = by_loc.get(href.as_str()) {
                if other.alternates != entry.alternates {
                    problems.push(format!("{loc}: alternates differ from those of {href}"));
                }
            }
        }
    }
    problems
}

// ---- 4. CNAME ------------------------------------------------------------------------------

/// `custom_domain` is written to `CNAME` for GitHub Pages; without it there is no `CNAME`.
#[test]
fn custom_domain_writes_cname() {
    let site = Site::fixture("basic");
    let public = site.build_ok();
    assert!(
        !public.join("CNAME").exists(),
        "a CNAME without custom_domain"
    );

    // A top-level key must come before the first table.
    let config = read(&site.root.join("config.toml"));
    let at_domain = config.replace(
        "base_url = \"https://example.github.io/fixture/\"",
        "base_url = \"https://dossier.example.org/\"",
    );
    site.write(
        "config.toml",
        format!("custom_domain = \"dossier.example.org\"\n{at_domain}"),
    );
    let public = site.build_ok();
    assert_eq!(read(&public.join("CNAME")), "dossier.example.org\n");

    // The same domain in static/CNAME, as GitHub's own settings page writes it: accepted.
    site.write("static/CNAME", "Dossier.example.org\n");
    let public = site.build_ok();
    assert_eq!(read(&public.join("CNAME")), "dossier.example.org\n");
    // Another domain there is a conflict.
    site.write("static/CNAME", "other.example.org\n");
    let output = site.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("static/CNAME: would overwrite the generated CNAME")
    );
    std::fs::remove_file(site.root.join("static/CNAME")).unwrap();

    // A preview on another host claims no domain.
    let public = site.build_ok_with(&["--base-url", "http://127.0.0.1:8000/"]);
    assert!(
        !public.join("CNAME").exists(),
        "a preview wrote the production CNAME"
    );
    site.write("static/CNAME", "dossier.example.org\n");
    let public = site.build_ok_with(&["--base-url", "http://127.0.0.1:8000/"]);
    assert!(
        !public.join("CNAME").exists(),
        "a preview copied the production CNAME"
    );
}

/// A `custom_domain` that is not `base_url`'s host: a warning, and the domain still written.
#[test]
fn custom_domain_and_base_url_that_disagree() {
    let site = Site::fixture("basic");
    let config = read(&site.root.join("config.toml"));
    site.write(
        "config.toml",
        format!("custom_domain = \"dossier.example.org\"\n{config}"),
    );
    let output = site.build(&[]);
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("warning: config.toml:1: custom_domain \"dossier.example.org\" is not the host of base_url (example.github.io)"),
        "{stderr}"
    );
    assert_eq!(read(&site.public().join("CNAME")), "dossier.example.org\n");
}

/// Without `[feeds]`, a feed holds the 50 newest articles of its language: 55 French articles
/// (dated one day apart) make a French feed of 50, newest first.
#[test]
fn feeds_hold_fifty_entries_by_default() {
    let site = Site::fixture("basic");
    assert!(!read(&site.root.join("config.toml")).contains("[feeds]"));
    for n in 1..=55 {
        let (month, day) = (1 + (n - 1) / 28, 1 + (n - 1) % 28);
        site.write(
            &format!("content/diplomacy/note-{n:02}.fr.md"),
            format!(
                "+++\ntitle = \"Note {n}\"\ndate = 2030-{month:02}-{day:02}\ntopics = [\"diplomacy\"]\n+++\n\nTexte {n}.\n"
            ),
        );
    }
    let public = site.build_ok();
    let xml = read(&public.join("fr/feed.xml"));
    let entries = check_feed(&public, "fr/feed.xml", &xml);
    assert_eq!(entries.len(), 50);
    assert!(
        entries.windows(2).all(|w| w[0].published >= w[1].published),
        "newest first"
    );
    // The five oldest notes (January 1 to 5) are the ones left out.
    for left_out in ["note-01", "note-02", "note-03", "note-04", "note-05"] {
        assert!(
            !entries.iter().any(|e| e.id.contains(left_out)),
            "{left_out}"
        );
    }
}
