//! Helpers: copying fixtures, running the binary, reading and crawling the output.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use regex::Regex;

pub(crate) const BIN: &str = env!("CARGO_BIN_EXE_dossier");

pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary copy of `tests/fixtures/<name>`.
pub(crate) struct Site {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
}

impl Site {
    pub(crate) fn fixture(name: &str) -> Site {
        Site::copy_of(&repo().join("tests/fixtures").join(name))
    }

    pub(crate) fn copy_of(source: &Path) -> Site {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        copy_dir(source, &root);
        Site { _dir: dir, root }
    }

    /// A temporary copy of the repository's own dossier: its config, content, templates and
    /// static files, without the build products and tools that sit beside them.
    pub(crate) fn repository() -> Site {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir_all(&root).unwrap();
        fs::copy(repo().join("config.toml"), root.join("config.toml")).unwrap();
        fs::copy(repo().join("actors.toml"), root.join("actors.toml")).unwrap();
        for part in ["content", "templates", "static"] {
            if repo().join(part).is_dir() {
                copy_dir(&repo().join(part), &root.join(part));
            }
        }
        Site { _dir: dir, root }
    }

    pub(crate) fn write(&self, path: &str, contents: impl AsRef<[u8]>) {
        let target = self.root.join(path);
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::write(target, contents).unwrap();
    }

    pub(crate) fn build(&self, args: &[&str]) -> Output {
        build(&self.root, args)
    }

    /// Builds and insists on success with no warning.
    pub(crate) fn build_ok(&self) -> PathBuf {
        self.build_ok_with(&[])
    }

    /// Builds with extra arguments (`--base-url`, …) and insists on success with no warning.
    pub(crate) fn build_ok_with(&self, args: &[&str]) -> PathBuf {
        assert_clean(&self.build(args));
        self.public()
    }

    /// `[lists] per_page = n` in its config.
    pub(crate) fn set_per_page(&self, n: usize) {
        let config = read(&self.root.join("config.toml"));
        let lists = format!("[lists]\nper_page = {n}\n\n[markdown]");
        self.write("config.toml", config.replacen("[markdown]", &lists, 1));
    }

    pub(crate) fn public(&self) -> PathBuf {
        self.root.join("public")
    }
}

/// Runs `dossier <args>`.
pub(crate) fn dossier(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

/// Its standard output and error, as text.
pub(crate) fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Runs `dossier build --root <root> <args>`.
pub(crate) fn build(root: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("build")
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .unwrap()
}

/// Insists that a build succeeded with no warning.
pub(crate) fn assert_clean(output: &Output) {
    assert_clean_but(output, &[]);
}

/// Like [`assert_clean`], with the warnings that start with one of `expected`, which must all
/// be there.
pub(crate) fn assert_clean_but(output: &Output, expected: &[&str]) {
    assert!(
        output.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // Articles that lack a translation are reported on every build; the fixtures have some
    // on purpose, and `check` tests them.
    let stderr = String::from_utf8_lossy(&output.stderr);
    for warning in expected {
        assert!(
            stderr.lines().any(|l| l.starts_with(warning)),
            "no {warning}:\n{stderr}"
        );
    }
    let unexpected: Vec<&str> = stderr
        .lines()
        .filter(|line| !is_missing_translation(line))
        .filter(|line| !expected.iter().any(|w| line.starts_with(w)))
        .collect();
    assert!(unexpected.is_empty(), "unexpected warnings:\n{stderr}");
}

pub(crate) fn is_missing_translation(line: &str) -> bool {
    (line.starts_with("warning: content/") && line.contains(": no translation in "))
        || (line.starts_with("warning: …and ")
            && line.ends_with("(`dossier check` lists them all)"))
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            if entry.file_name() != "public" {
                copy_dir(&entry.path(), &target);
            }
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

pub(crate) fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every file under `dir` with its bytes, keyed by relative path.
pub(crate) fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walk(dir) {
        let rel = entry
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        files.insert(rel, fs::read(&entry).unwrap());
    }
    files
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// The `<main>` element of a page, for snapshots that survive changes to the chrome around it.
pub(crate) fn main_of(html: &str) -> String {
    let start = html.find("<main").expect("a <main> element");
    let end = html.find("</main>").expect("a closing </main>") + "</main>".len();
    let lines: Vec<&str> = html[start..end]
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect();
    lines.join("\n")
}

pub(crate) fn attribute_values(html: &str, attribute: &str) -> Vec<String> {
    let re = Regex::new(&format!(r#"\s{attribute}="([^"]*)""#)).unwrap();
    re.captures_iter(html).map(|c| unescape(&c[1])).collect()
}

/// Undoes the HTML escaping of an attribute value.
pub(crate) fn unescape(value: &str) -> String {
    value
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// Problems with the internal links of a built site: links that lead nowhere, anchors that do
/// not exist, root-relative links.
pub(crate) fn broken_links(public: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let files = tree(public);
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, bytes) in &files {
        if path.ends_with(".html") {
            let html = String::from_utf8_lossy(bytes);
            ids.insert(
                path.clone(),
                attribute_values(&html, "id").into_iter().collect(),
            );
        }
    }
    for (path, bytes) in &files {
        if !path.ends_with(".html") || path == "404.html" {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for link in attribute_values(&html, "href")
            .into_iter()
            .chain(attribute_values(&html, "src"))
            .chain(attribute_values(&html, "action"))
        {
            if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
            {
                continue;
            }
            if link.starts_with('/') {
                problems.push(format!("{path}: root-relative link {link}"));
                continue;
            }
            let (target, fragment) = match link.split_once('#') {
                Some((t, f)) => (t.to_string(), Some(f.to_string())),
                None => (link.clone(), None),
            };
            let resolved = if target.is_empty() {
                path.clone()
            } else {
                resolve(path, &target)
            };
            if !files.contains_key(&resolved) {
                problems.push(format!("{path}: link {link} leads to missing {resolved}"));
                continue;
            }
            if let Some(fragment) = fragment {
                // Browsers look for the decoded fragment (`arri%C3%A8re` is `arrière`).
                let fragment = percent_encoding::percent_decode_str(&fragment)
                    .decode_utf8_lossy()
                    .into_owned();
                if !ids
                    .get(&resolved)
                    .is_some_and(|set| set.contains(&fragment))
                {
                    problems.push(format!("{path}: link {link} names a missing anchor"));
                }
            }
        }
    }
    problems
}

/// Resolves `link` relative to the page at `from`.
pub(crate) fn resolve(from: &str, link: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in link.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// `hreflang → href` alternates of a page.
pub(crate) fn alternates(html: &str) -> BTreeMap<String, String> {
    let re = Regex::new(r#"<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">"#).unwrap();
    re.captures_iter(html)
        .map(|c| (c[1].to_string(), c[2].to_string()))
        .collect()
}

/// Problems with hreflang alternates: each page lists itself, and every page it lists lists
/// the same set back.
pub(crate) fn hreflang_problems(public: &Path, base_url: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let files = tree(public);
    let to_file = |url: &str| -> String {
        let path = url
            .strip_prefix(base_url)
            .unwrap_or_else(|| panic!("{url} is not under {base_url}"));
        if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        }
    };
    for (path, bytes) in &files {
        if !path.ends_with(".html") || path == "404.html" {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        // A page at an old address (`aliases`) only sends the reader on.
        if html.contains("<meta http-equiv=\"refresh\"") {
            continue;
        }
        let own = alternates(&html);
        // A later page of a long list (it has a previous page) has no version in another
        // language: its articles are not those of the same page there.
        let later_page = html.contains("<link rel=\"prev\"");
        match (own.is_empty(), later_page) {
            (true, true) => continue,
            (true, false) => {
                problems.push(format!("{path}: no hreflang alternates"));
                continue;
            }
            (false, true) => problems.push(format!("{path}: a later page with alternates")),
            (false, false) => {}
        }
        if !own.contains_key("x-default") {
            problems.push(format!("{path}: no x-default alternate"));
        }
        let languages: BTreeMap<&String, &String> =
            own.iter().filter(|(k, _)| *k != "x-default").collect();
        if path != "index.html" && !languages.values().any(|url| to_file(url) == *path) {
            problems.push(format!("{path}: does not list itself among its alternates"));
        }
        for url in languages.values() {
            let target = to_file(url);
            match files.get(&target) {
                None => problems.push(format!("{path}: alternate {url} does not exist")),
                Some(bytes) => {
                    let theirs = alternates(&String::from_utf8_lossy(bytes));
                    if theirs != own {
                        problems.push(format!("{path}: alternates differ from those of {target}"));
                    }
                }
            }
        }
    }
    problems
}

/// Every file of a built search (`fr/recherche`), in order: `index.js`, the chunks of words
/// (`words-<id>.js`, in the order of the ids `index.js` lists), then the shards of articles
/// (`docs-N.js`), each article's entry on a line of its own (`["href","title",…,"text"]`).
pub(crate) fn search_files(public: &Path, folder: &str) -> String {
    let folder = public.join(folder);
    let mut all = read(&folder.join("index.js"));
    let ids = all
        .split("\"ids\":\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the ids of the chunks in index.js")
        .to_string();
    for id in ids.as_bytes().chunks(8) {
        let id = std::str::from_utf8(id).unwrap();
        all.push_str(&read(&folder.join(format!("words-{id}.js"))));
    }
    for n in 0.. {
        match std::fs::read_to_string(folder.join(format!("docs-{n}.js"))) {
            Ok(text) => all.push_str(&text),
            Err(_) => break,
        }
    }
    all
}
