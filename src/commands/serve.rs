//! `dossier serve`: the live preview. The site is built into memory and served from there on
//! one port, with a server-sent-events channel that tells open tabs to reload, to swap their
//! stylesheets, or to show an error overlay. The watcher thread feeds changes to the
//! [`Engine`]; a broken edit keeps the last good pages served.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::{Arc, RwLock};
use std::time::Instant;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream, StreamExt};
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;

use crate::commands::warnings::Printed;
use crate::commands::watch::Watcher;
use crate::engine::BuildOptions;
use crate::engine::{Engine, Output, Update};
use crate::error::{Error, Result};
use crate::output::Contents;
use crate::site::urls;

/// The port `dossier serve` tries first.
pub const DEFAULT_PORT: u16 = 1111;
/// How many ports after the default are tried when it is taken.
const PORT_ATTEMPTS: u16 = 50;
/// The reload channel's path; nothing in a site can live under `__dossier/`.
pub const EVENTS_PATH: &str = "/__dossier/events";
/// Above this many changed pages, tabs are told that everything changed.
const MAX_LISTED_PATHS: usize = 2000;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    pub interface: IpAddr,
    /// `None`: 1111, or the next free port.
    pub port: Option<u16>,
    pub open: bool,
}

/// What open tabs are told.
#[derive(Debug, Clone)]
enum Event {
    /// Pages that changed or went (output paths, or `*` for all).
    Reload(Vec<String>),
    Stylesheets,
    Problem(String),
    Fixed,
}

struct Shared {
    site: RwLock<Option<Arc<Output>>>,
    problem: RwLock<Option<String>>,
    events: broadcast::Sender<Event>,
}

/// Runs the preview until the process is stopped. Content errors never stop it.
pub fn run(options: &ServeOptions) -> Result<()> {
    keep_small_pages();
    let listener = bind(options)?;
    let address = listener.local_addr().map_err(|e| Error::Io {
        path: "socket".into(),
        message: e.to_string(),
    })?;
    let (events, _) = broadcast::channel(64);
    let shared = Arc::new(Shared {
        site: RwLock::new(None),
        problem: RwLock::new(None),
        events,
    });

    let started = Instant::now();
    let (mut engine, first) = Engine::open(&options.build)?;
    let mut warnings = Printed::default();
    warnings.print_new(&engine);
    match first {
        Ok(_) => {
            *shared.site.write().expect("lock") = engine.output();
            super::say(format_args!(
                "built {} pages in {} ms",
                engine.page_count(),
                started.elapsed().as_millis()
            ));
        }
        Err(error) => report_problem(&shared, &error),
    }
    let url = format!("http://{address}/");
    println!(
        "serving {} at {url} (Ctrl+C to stop)",
        shown_path(&options.build.root).display()
    );

    let mut watcher = Watcher::new(&options.build.root)?;
    let watched = Arc::clone(&shared);
    std::thread::spawn(move || {
        while let Some(changes) = watcher.next_batch() {
            let started = Instant::now();
            let result = engine.apply(&changes);
            warnings.print_new(&engine);
            match result {
                Ok(update) => publish(&watched, &engine, &update, started),
                Err(error) => report_problem(&watched, &error),
            }
        }
    });

    if options.open {
        open_browser(&url);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::Io {
            path: "runtime".into(),
            message: e.to_string(),
        })?;
    runtime.block_on(async move {
        listener.set_nonblocking(true).map_err(|e| Error::Io {
            path: url.clone(),
            message: e.to_string(),
        })?;
        let listener = tokio::net::TcpListener::from_std(listener).map_err(|e| Error::Io {
            path: url.clone(),
            message: e.to_string(),
        })?;
        let app = Router::new().fallback(handle).with_state(shared);
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| Error::Io {
                path: url.clone(),
                message: e.to_string(),
            })
    })
}

/// Binds the asked interface and port, or 1111 and the next free ones when no port was asked.
/// The preview holds the whole site in memory, and it grows as it is built: with transparent
/// huge pages, the kernel zeroes each 2 MiB as it is first touched, a fifth of the first
/// build's time at 10,000 groups (docs/benchmarks-history.md). `dossier build`, whose memory is reused as it
/// goes, is faster with them and keeps them.
fn keep_small_pages() {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

fn bind(options: &ServeOptions) -> Result<TcpListener> {
    let (start, attempts) = match options.port {
        Some(port) => (port, 1),
        None => (DEFAULT_PORT, PORT_ATTEMPTS),
    };
    bind_first(options.interface, start, attempts).map_err(|(port, error)| {
        Error::Usage(match options.port {
            Some(_) => format!(
                "cannot listen on {}:{port}: {error} (choose another --port, or leave it out to take a free one)",
                options.interface
            ),
            None => format!(
                "cannot listen on {} on any port from {DEFAULT_PORT} to {port}: {error}",
                options.interface
            ),
        })
    })
}

/// The first of `attempts` ports from `start` that can be bound, or the last failure.
fn bind_first(
    interface: IpAddr,
    start: u16,
    attempts: u16,
) -> std::result::Result<TcpListener, (u16, std::io::Error)> {
    let mut last = None;
    for port in (start..=u16::MAX).take(usize::from(attempts.max(1))) {
        match TcpListener::bind(SocketAddr::new(interface, port)) {
            Ok(listener) => return Ok(listener),
            Err(error) => last = Some((port, error)),
        }
    }
    Err(last.expect("at least one port tried"))
}

fn publish(shared: &Shared, engine: &Engine, update: &Update, started: Instant) {
    // The previous output goes once the browser is told: dropping its map of every file
    // takes a few milliseconds, and would hold the lock the requests wait on.
    let _previous = std::mem::replace(&mut *shared.site.write().expect("lock"), engine.output());
    let was_broken = shared.problem.write().expect("lock").take().is_some();
    if was_broken {
        super::say("fixed: serving the new build");
        let _ = shared.events.send(Event::Fixed);
    }
    if update.is_empty() {
        return;
    }
    super::say(format_args!(
        "rebuilt in {} ms: {} pages rendered, {} files changed, {} removed",
        started.elapsed().as_millis(),
        update.rendered_pages,
        update.changed.len(),
        update.removed.len()
    ));
    let event = if update.stylesheets_only() {
        Event::Stylesheets
    } else if update.changed.len() + update.removed.len() > MAX_LISTED_PATHS {
        Event::Reload(vec!["*".into()])
    } else {
        Event::Reload(
            update
                .changed
                .iter()
                .chain(&update.removed)
                .cloned()
                .collect(),
        )
    };
    let _ = shared.events.send(event);
}

fn report_problem(shared: &Shared, error: &Error) {
    let text = match error {
        Error::Site(diagnostics) => diagnostics
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
        other => other.to_string(),
    };
    super::print("error", text.lines());
    eprintln!("(still serving the last good build)");
    *shared.problem.write().expect("lock") = Some(text.clone());
    let _ = shared.events.send(Event::Problem(text));
}

/// The root as the user would recognise it: absolute, so that `.` says which folder.
pub fn shown_path(root: &std::path::Path) -> std::path::PathBuf {
    std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf())
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        super::print(
            "warning",
            [format!("could not open a browser; visit {url}")],
        );
    }
}

async fn handle(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "405 Method Not Allowed\n",
        )
            .into_response();
    }
    let raw = request.uri().path();
    if raw == EVENTS_PATH {
        return events(&shared).into_response();
    }
    let Some(path) = site_path(raw) else {
        return (StatusCode::BAD_REQUEST, "400 Bad Request\n").into_response();
    };
    let site = shared.site.read().expect("lock").clone();
    let problem = shared.problem.read().expect("lock").clone();
    let Some(site) = site else {
        // No build has succeeded yet: a page that only shows the error, and reloads when fixed.
        let page = format!(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>dossier</title></head><body><p>dossier: no build has succeeded yet · aucune construction n’a encore réussi.</p>{}</body></html>\n",
            reload_script(problem.as_deref())
        );
        return html(StatusCode::SERVICE_UNAVAILABLE, page.into_bytes());
    };
    if let Some(contents) = site.get(path.as_str()) {
        return file(&path, contents, StatusCode::OK, problem.as_deref()).await;
    }
    let directory = format!("{}/index.html", path.trim_end_matches('/'));
    if !path.is_empty() && !path.ends_with('/') && site.contains_key(directory.as_str()) {
        let location = format!("{}/", raw.trim_end_matches('/'));
        return (
            StatusCode::MOVED_PERMANENTLY,
            [(header::LOCATION, location)],
        )
            .into_response();
    }
    match site.get(urls::NOT_FOUND) {
        Some(contents) => {
            file(
                urls::NOT_FOUND,
                contents,
                StatusCode::NOT_FOUND,
                problem.as_deref(),
            )
            .await
        }
        None => (StatusCode::NOT_FOUND, "404 Not Found\n").into_response(),
    }
}

/// The output path a request path names, or `None` when it tries to leave the site: `..`,
/// `.` segments, backslashes, encoded slashes, NUL, invalid UTF-8. `/` and `/x/` name their
/// `index.html`.
pub fn site_path(raw: &str) -> Option<String> {
    let lower = raw.to_ascii_lowercase();
    if !raw.starts_with('/')
        || lower.contains("%2f")
        || lower.contains("%5c")
        || lower.contains("%00")
    {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?;
    if decoded.contains('\\') || decoded.contains('\0') || decoded.starts_with("//") {
        return None;
    }
    let inside = &decoded[1..];
    if inside
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return None;
    }
    if inside.is_empty() || inside.ends_with('/') {
        Some(format!("{inside}index.html"))
    } else {
        Some(inside.to_string())
    }
}

async fn file(
    path: &str,
    contents: &Contents,
    status: StatusCode,
    problem: Option<&str>,
) -> Response {
    let bytes: Vec<u8> = match contents {
        Contents::Bytes(_) | Contents::Pieces(_) => {
            contents.in_memory().expect("kept in memory").into_owned()
        }
        Contents::Copy(source, _) => match crate::source::read_async(source).await {
            Ok(bytes) => bytes,
            Err(_) => return (StatusCode::NOT_FOUND, "404 Not Found\n").into_response(),
        },
        // The preview's engine keeps its pages in memory: it never stages.
        Contents::Staged => return (StatusCode::NOT_FOUND, "404 Not Found\n").into_response(),
    };
    let kind = content_type(path);
    if kind.starts_with("text/html") {
        return html(status, inject(bytes, problem));
    }
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn html(status: StatusCode, bytes: Vec<u8>) -> Response {
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Adds the reload script before `</body>`: only the preview server does this, never a build.
fn inject(mut page: Vec<u8>, problem: Option<&str>) -> Vec<u8> {
    let script = reload_script(problem);
    let at = page
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(page.len());
    page.splice(at..at, script.into_bytes());
    page
}

/// The script that listens to the reload channel. A problem known when the page is served is
/// shown at once.
fn reload_script(problem: Option<&str>) -> String {
    let initial = match problem {
        Some(text) => crate::text::json::string(text),
        None => "null".into(),
    };
    format!(
        "<script>\n{}\n</script>\n",
        RELOAD_SCRIPT
            .replace("__INITIAL_PROBLEM__", &initial)
            .replace("__EVENTS__", EVENTS_PATH)
    )
}

const RELOAD_SCRIPT: &str = r#"(() => {
  const here = decodeURIComponent(location.pathname.slice(1).replace(/(^|\/)$/, '$1index.html'));
  const overlayId = 'dossier-problem';
  function show(text) {
    let box = document.getElementById(overlayId);
    if (!box) {
      box = document.createElement('div');
      box.id = overlayId;
      box.setAttribute('role', 'alert');
      box.style.cssText = 'position:fixed;left:0;right:0;top:0;z-index:2147483647;max-height:70vh;overflow:auto;margin:0;padding:1rem 1.25rem;background:#7f1d1d;color:#fff;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace;white-space:pre-wrap;box-shadow:0 4px 24px rgba(0,0,0,.4)';
      document.body.appendChild(box);
    }
    box.textContent = 'Erreur dans la dernière modification · Error in the last edit\n(page précédente affichée · showing the last good page)\n\n' + text;
  }
  function hide() { const box = document.getElementById(overlayId); if (box) box.remove(); }
  const initial = __INITIAL_PROBLEM__;
  if (initial) show(initial);
  const source = new EventSource('__EVENTS__');
  // A file the page loaded (a picture, a script, a stylesheet), by its path in the site; the
  // browser keeps 250 of them unless told otherwise.
  performance.setResourceTimingBufferSize(100000);
  const loaded = () => new Set(performance.getEntriesByType('resource')
    .map((entry) => new URL(entry.name))
    .filter((url) => url.origin === location.origin)
    .map((url) => decodeURIComponent(url.pathname.slice(1))));
  source.addEventListener('reload', (event) => {
    const paths = JSON.parse(event.data);
    const uses = loaded();
    if (paths.includes('*') || paths.includes(here) || paths.some((path) => uses.has(path))) location.reload();
  });
  source.addEventListener('stylesheets', () => {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      url.searchParams.set('dossier-reload', Date.now());
      link.href = url.href;
    }
  });
  source.addEventListener('problem', (event) => show(JSON.parse(event.data)));
  source.addEventListener('fixed', hide);
})();"#;

/// The reload channel: the current state first (so a tab opened while broken shows the
/// overlay), then every event.
fn events(
    shared: &Shared,
) -> Sse<impl Stream<Item = std::result::Result<SseEvent, Infallible>> + use<>> {
    let receiver = shared.events.subscribe();
    let current = match shared.problem.read().expect("lock").clone() {
        Some(text) => Event::Problem(text),
        None => Event::Fixed,
    };
    let updates = BroadcastStream::new(receiver).filter_map(|event| async move { event.ok() });
    let stream = stream::once(async move { current })
        .chain(updates)
        .map(|event| Ok(to_sse(&event)));
    Sse::new(stream).keep_alive(KeepAlive::default())
}

fn to_sse(event: &Event) -> SseEvent {
    match event {
        Event::Reload(paths) => {
            let list: Vec<String> = paths.iter().map(|p| crate::text::json::string(p)).collect();
            SseEvent::default()
                .event("reload")
                .data(format!("[{}]", list.join(",")))
        }
        Event::Stylesheets => SseEvent::default().event("stylesheets").data("{}"),
        Event::Problem(text) => SseEvent::default()
            .event("problem")
            .data(crate::text::json::string(text)),
        Event::Fixed => SseEvent::default().event("fixed").data("{}"),
    }
}

/// The media type of an output file, by extension.
pub fn content_type(path: &str) -> &'static str {
    let extension = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" if path.ends_with("feed.xml") => "application/atom+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "epub" => "application/epub+zip",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_text_cannot_close_the_script_it_is_carried_in() {
        let hostile = "content/a.fr.md:3: unknown topic \"</script><script>alert(1)</script>\" \u{2028}\\ &amp;\n";
        let script = reload_script(Some(hostile));
        assert_eq!(script.matches("</script>").count(), 1, "{script}");
        assert!(!script.contains("<script>alert"), "{script}");
        assert!(!script.contains('\u{2028}'));
        let json = crate::text::json::string(hostile);
        assert_eq!(
            json,
            "\"content/a.fr.md:3: unknown topic \\\"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>\\\" \\u2028\\\\ &amp;\\n\""
        );
    }

    #[test]
    fn request_paths_cannot_leave_the_site() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/fr/").as_deref(), Some("fr/index.html"));
        assert_eq!(
            site_path("/fr/articles/x/index.html").as_deref(),
            Some("fr/articles/x/index.html")
        );
        assert_eq!(site_path("/fr/Cor%C3%A9e").as_deref(), Some("fr/Corée"));
        for hostile in [
            "/../etc/passwd",
            "/fr/../../x",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/fr/%2E%2E/x",
            "/..%2fetc",
            "/..%5cetc",
            "/a\\b",
            "//etc/passwd",
            "/./x",
            "/x%00",
            "/%ff",
        ] {
            assert_eq!(site_path(hostile), None, "{hostile}");
        }
    }

    #[test]
    fn a_taken_port_moves_to_the_next_free_one() {
        let localhost = IpAddr::from([127, 0, 0, 1]);
        let taken = TcpListener::bind((localhost, 0)).unwrap();
        let port = taken.local_addr().unwrap().port();
        assert!(bind_first(localhost, port, 1).is_err());
        // One of the twenty ports after it is free (the system hands out ports at random):
        // it is the one taken, never the one held.
        let next = bind_first(localhost, port, 20).expect("a free port among the next 20");
        let moved = next.local_addr().unwrap().port();
        assert!(
            moved > port && moved < port.saturating_add(20),
            "{port} → {moved}"
        );
    }

    #[test]
    fn the_script_goes_before_the_closing_body() {
        let page = inject(b"<html><body><p>x</p></body></html>".to_vec(), None);
        let page = String::from_utf8(page).unwrap();
        assert!(page.contains("<p>x</p><script>"));
        assert!(page.ends_with("</script>\n</body></html>"));
    }

    #[test]
    fn problems_are_safe_inside_a_script() {
        assert_eq!(
            crate::text::json::string("a\"</script>\n"),
            "\"a\\\"\\u003c/script>\\n\""
        );
    }
}
