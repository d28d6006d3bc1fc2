//! `dossier build`: load → model → render (in the [`Engine`]) → write, and the report.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::engine::{BuildOptions, Engine};
use crate::error::{Diagnostic, Error, Problems, Result};
use crate::output::{self as fs, OutputFile};
use crate::source;

#[derive(serde::Serialize, serde::Deserialize)]
pub struct BuildReport {
    /// Article pages per language code, in config order.
    pub articles_per_language: Vec<(String, usize)>,
    /// Reference pages, every language counted.
    pub reference_pages: usize,
    pub pages: usize,
    pub files: usize,
    /// The bytes of the site's files.
    pub bytes: u64,
    #[serde(skip)]
    pub output_dir: PathBuf,
    #[serde(skip)]
    pub elapsed: Duration,
    /// One warning per article that lacks a translation (`dossier check` lists them all; the
    /// build only shows the first few).
    pub missing_translations: Vec<Diagnostic>,
    /// The build's other warnings, kept with the report in the output's stamp so that a build
    /// with nothing to do gives them again.
    warnings: Vec<Diagnostic>,
    /// Whether nothing changed since the build that wrote the output, which was left as it was.
    #[serde(skip)]
    pub up_to_date: bool,
    /// The engine that made the site, held until the report goes. Dropping it frees a few
    /// million allocations one by one (about 30 ms of a 1.6 s build at 10,000 groups); a
    /// process that ends once the report is printed can `std::mem::forget` the report and let
    /// the system take the memory back at once.
    #[serde(skip)]
    _engine: Option<Engine>,
}

/// The most a GitHub Pages site may hold.
const GITHUB_PAGES_LIMIT: u64 = 1_000_000_000;

/// A warning for a site of `bytes` that GitHub Pages would not publish whole.
pub fn size_warning(bytes: u64) -> Option<String> {
    (bytes > GITHUB_PAGES_LIMIT).then(|| {
        format!(
            "the site is {:.2} GB, more than GitHub Pages publishes (1 GB): `[outputs]` in \
             config.toml can leave out the printable briefings, the side-by-side readings or the \
             search, most of a large site",
            bytes as f64 / 1e9
        )
    })
}

impl BuildReport {
    /// The one line printed on success.
    pub fn summary(&self) -> String {
        let per_language: Vec<String> = self
            .articles_per_language
            .iter()
            .map(|(code, n)| format!("{n} {code}"))
            .collect();
        let reference_pages = match self.reference_pages {
            0 => String::new(),
            1 => "; 1 reference page".to_string(),
            n => format!("; {n} reference pages"),
        };
        let site = format!(
            "{} pages ({} articles: {}{reference_pages}) and {} files",
            self.pages,
            self.articles_per_language
                .iter()
                .map(|(_, n)| n)
                .sum::<usize>(),
            per_language.join(", "),
            self.files,
        );
        let (dir, ms) = (self.output_dir.display(), self.elapsed.as_millis());
        match self.up_to_date {
            true => format!(
                "nothing changed since the last build: {site} in {dir}, checked in {ms} ms \
                 (`--force` builds again)"
            ),
            false => format!("built {site} into {dir} in {ms} ms"),
        }
    }
}

/// Builds the site and writes it. Warnings are pushed to `warnings` whether or not the
/// build succeeds. When nothing changed since the build that wrote the output (the same
/// inputs, and the output's files as that build left them: `output::up_to_date`), nothing is
/// rendered or written and that build's report and warnings are given again, unless `force`.
pub fn build(
    options: &BuildOptions,
    force: bool,
    warnings: &mut Vec<Diagnostic>,
) -> Result<BuildReport> {
    let started = Instant::now();
    let output_dir = output_dir(options);
    fs::check_output_dir(&options.root, &output_dir)?;
    let mut clock = crate::timings::Clock::start();
    let mut problems = Problems::default();
    let sources = source::load(&options.root, &mut problems)?;
    clock.lap("load");
    // A site with a file that cannot be read fails: never up to date.
    let inputs = problems
        .errors
        .is_empty()
        .then(|| source::fingerprint(&sources, &fingerprinted_options(options)));
    clock.lap("fingerprint");
    let kept = inputs
        .as_deref()
        .filter(|_| !force)
        .and_then(|inputs| fs::up_to_date(&output_dir, inputs))
        .and_then(|report| serde_json::from_str::<BuildReport>(&report).ok());
    if let Some(mut report) = kept {
        warnings.append(&mut report.warnings);
        report.output_dir = output_dir;
        report.elapsed = started.elapsed();
        report.up_to_date = true;
        return Ok(report);
    }
    // Pages are written into the staging folder as they are rendered; it replaces the output
    // only once everything succeeded (dropped, it is removed).
    let staging = Arc::new(fs::Staging::create(&output_dir)?);
    let (engine, result) = Engine::open_loaded(
        options,
        sources,
        problems.errors,
        Some(Arc::clone(&staging)),
    );
    warnings.extend_from_slice(engine.warnings());
    result?;
    let files = finish_output(&engine, &staging)?;
    let report = BuildReport {
        articles_per_language: engine.articles_per_language(),
        reference_pages: engine.reference_pages(),
        pages: engine.page_count(),
        files,
        bytes: staging.bytes(),
        output_dir,
        elapsed: started.elapsed(),
        missing_translations: engine.missing_translations(),
        warnings: warnings.clone(),
        up_to_date: false,
        _engine: Some(engine),
    };
    if let Some(inputs) = inputs {
        // Without a stamp the next build builds: no reason to fail this one.
        let text = serde_json::to_string(&report).unwrap_or_default();
        let _ = fs::write_stamp(&report.output_dir, &inputs, &text);
    }
    Ok(report)
}

/// The options that change what a build writes, as the fingerprint of its inputs takes them.
fn fingerprinted_options(options: &BuildOptions) -> [String; 2] {
    [
        format!("base_url={:?}", options.base_url),
        format!("drafts={}", options.drafts),
    ]
}

/// `dossier build --watch`: builds, then rebuilds and rewrites the output after every change
/// until the process is stopped. Content errors are printed and the last output is kept.
pub fn watch(options: &BuildOptions) -> Result<()> {
    let output_dir = output_dir(options);
    fs::check_output_dir(&options.root, &output_dir)?;
    let mut watcher = crate::commands::watch::Watcher::new(&options.root)?;
    let started = Instant::now();
    let (mut engine, first) = Engine::open(options)?;
    let mut warnings = super::warnings::Printed::default();
    warnings.print_new(&engine);
    match first {
        Ok(_) => {
            write_output(&engine, &output_dir)?;
            super::say(format_args!(
                "built {} pages into {} in {} ms",
                engine.page_count(),
                output_dir.display(),
                started.elapsed().as_millis()
            ));
        }
        Err(error) => print_error(&error),
    }
    println!(
        "watching {} for changes (Ctrl+C to stop)",
        super::serve::shown_path(&options.root).display()
    );
    while let Some(changes) = watcher.next_batch() {
        let started = Instant::now();
        let result = engine.apply(&changes);
        warnings.print_new(&engine);
        match result {
            Ok(update) if update.is_empty() => {}
            Ok(update) => match write_output(&engine, &output_dir) {
                Ok(_) => super::say(format_args!(
                    "rebuilt in {} ms: {} files changed, {} removed",
                    started.elapsed().as_millis(),
                    update.changed.len(),
                    update.removed.len()
                )),
                Err(error) => print_error(&error),
            },
            Err(error) => print_error(&error),
        }
    }
    Ok(())
}

fn print_error(error: &Error) {
    super::print_error(error);
    eprintln!("(the previous output was kept)");
}

/// Where the site is written: `--output-dir`, or `public/` under the root.
pub fn output_dir(options: &BuildOptions) -> PathBuf {
    options
        .output_dir
        .clone()
        .unwrap_or_else(|| options.root.join("public"))
}

/// Writes the engine's last good site into `output_dir`, atomically. Returns the file count.
pub fn write_output(engine: &Engine, output_dir: &Path) -> Result<usize> {
    let files = output_files(engine)?;
    fs::write_site(output_dir, &files)?;
    Ok(files.len() + 1)
}

/// Writes what a staging engine has not written yet (copies of static files), then swaps the
/// staging folder in. Returns the file count.
fn finish_output(engine: &Engine, staging: &fs::Staging) -> Result<usize> {
    let files = output_files(engine)?;
    staging.finish(&files)?;
    Ok(files.len() + 1)
}

fn output_files(engine: &Engine) -> Result<Vec<OutputFile>> {
    let output = engine.output().ok_or_else(|| Error::Site(Vec::new()))?;
    Ok(output
        .iter()
        .map(|(path, contents)| OutputFile {
            path: path.to_string(),
            contents: contents.clone(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_over_github_pages_limit_is_warned_of() {
        assert_eq!(size_warning(GITHUB_PAGES_LIMIT), None);
        let warning = size_warning(1_912_345_678).expect("a warning");
        assert!(
            warning.starts_with("the site is 1.91 GB, more than GitHub Pages"),
            "{warning}"
        );
        assert!(warning.contains("`[outputs]`"), "{warning}");
    }
}
