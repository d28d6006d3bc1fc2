//! `dossier build`: load → model → render → write, and the report of what was built.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::error::{Diagnostic, Error, Problems, Result};
use crate::feeds;
use crate::fs::{self, Contents, OutputFile};
use crate::highlight;
use crate::load::{self, SiteSources};
use crate::model::Dossier;
use crate::render::{self, Page, Renderer};
use crate::templates::Templates;
use crate::urls;

/// What `dossier build` was asked to do, free of any command-line type.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `public/` under the root.
    pub output_dir: Option<PathBuf>,
    /// Overrides `base_url` from the config.
    pub base_url: Option<String>,
    pub drafts: bool,
}

#[derive(Debug)]
pub struct BuildReport {
    /// Article pages per language code, in config order.
    pub articles_per_language: Vec<(String, usize)>,
    pub pages: usize,
    pub files: usize,
    pub output_dir: PathBuf,
    pub elapsed: Duration,
}

impl BuildReport {
    /// The one line printed on success.
    pub fn summary(&self) -> String {
        let per_language: Vec<String> = self
            .articles_per_language
            .iter()
            .map(|(code, n)| format!("{n} {code}"))
            .collect();
        format!(
            "built {} pages ({} articles: {}) and {} files into {} in {} ms",
            self.pages,
            self.articles_per_language
                .iter()
                .map(|(_, n)| n)
                .sum::<usize>(),
            per_language.join(", "),
            self.files,
            self.output_dir.display(),
            self.elapsed.as_millis()
        )
    }
}

/// Builds the site and writes it. Warnings are pushed to `warnings` whether or not the
/// build succeeds.
pub fn build(options: &BuildOptions, warnings: &mut Vec<Diagnostic>) -> Result<BuildReport> {
    let started = Instant::now();
    let output_dir = options
        .output_dir
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    check_output_dir(&options.root, &output_dir)?;
    let mut problems = Problems::default();
    let result = load::load(&options.root, &mut problems).and_then(|sources| {
        let site = generate(&sources, options, &mut problems)?;
        Ok((site, sources))
    });
    crate::error::sort(&mut problems.warnings);
    warnings.append(&mut problems.warnings);
    let (site, _) = result?;
    fs::write_site(&output_dir, &site.files)?;
    Ok(BuildReport {
        articles_per_language: site.articles_per_language,
        pages: site.pages,
        files: site.files.len() + 1,
        output_dir,
        elapsed: started.elapsed(),
    })
}

/// The generated site, in memory.
pub struct Site {
    pub files: Vec<OutputFile>,
    pub pages: usize,
    pub articles_per_language: Vec<(String, usize)>,
}

/// Everything between reading and writing: pure, given the loaded sources.
pub fn generate(
    sources: &SiteSources,
    options: &BuildOptions,
    problems: &mut Problems,
) -> Result<Site> {
    let mut config = Config::parse(&sources.config, problems);
    problems.check()?;
    let Some(config) = config.as_mut() else {
        return Err(Error::Site(Vec::new()));
    };
    if let Some(base_url) = &options.base_url {
        config.base_url = normalize_base_url(base_url)?;
    }
    let dossier = Dossier::assemble(config.clone(), &sources.articles, options.drafts, problems);
    problems.check()?;

    let templates = Templates::compile(&sources.templates).map_err(Error::Site)?;
    let highlight_css = highlight::stylesheet(
        &config.markdown.highlight_theme,
        &config.markdown.highlight_theme_dark,
    )
    .map_err(|message| {
        Error::site(Diagnostic::new(
            "config.toml",
            crate::config::line_of_key(&sources.config, "highlight_theme"),
            message,
        ))
    })?;

    let (bodies, link_problems) = render::render_bodies(&dossier);
    for problem in link_problems {
        problems.error(problem);
    }
    problems.check()?;

    let renderer = Renderer {
        dossier: &dossier,
        bodies: &bodies,
        templates: &templates,
    };
    let pages = render::pages(&dossier);
    let rendered: Vec<std::result::Result<OutputFile, Diagnostic>> = pages
        .par_iter()
        .map(|&page| {
            renderer.render(page).map(|html| OutputFile {
                path: render::page_path(&dossier, page),
                contents: Contents::Bytes(html.into_bytes()),
            })
        })
        .collect();
    let mut files = Vec::with_capacity(rendered.len() + 16);
    for result in rendered {
        match result {
            Ok(file) => files.push(file),
            Err(diagnostic) => {
                if !problems.errors.contains(&diagnostic) {
                    problems.error(diagnostic);
                }
            }
        }
    }
    problems.check()?;

    files.extend(feed_files(&dossier, &bodies));
    let bytes = |path: &str, text: String| OutputFile {
        path: path.to_string(),
        contents: Contents::Bytes(text.into_bytes()),
    };
    files.push(bytes("sitemap.xml", feeds::sitemap(&dossier, &pages)));
    files.push(bytes("robots.txt", feeds::robots(&dossier)));
    files.push(bytes(".nojekyll", String::new()));
    files.push(bytes(urls::STYLESHEET, templates.stylesheet.clone()));
    files.push(bytes(urls::HIGHLIGHT_STYLESHEET, highlight_css));

    for (path, source) in &sources.static_files {
        if files.iter().any(|f| f.path == *path) {
            problems.error(Diagnostic::file(
                format!("static/{path}"),
                format!("would overwrite the generated {path}: rename or remove it"),
            ));
            continue;
        }
        files.push(OutputFile {
            path: path.clone(),
            contents: Contents::Copy(source.clone()),
        });
    }
    problems.check()?;

    let articles_per_language = config
        .languages
        .iter()
        .enumerate()
        .map(|(l, language)| {
            (
                language.code.clone(),
                dossier.articles.iter().filter(|a| a.lang == l).count(),
            )
        })
        .collect();
    Ok(Site {
        files,
        pages: pages.len(),
        articles_per_language,
    })
}

fn feed_files(dossier: &Dossier, bodies: &[crate::markdown::Rendered]) -> Vec<OutputFile> {
    let html: Vec<String> = bodies.iter().map(|b| b.html.clone()).collect();
    let config = &dossier.config;
    let mut jobs: Vec<(usize, Option<usize>)> = Vec::new();
    for lang in 0..config.languages.len() {
        jobs.push((lang, None));
        for topic in 0..config.topics.len() {
            jobs.push((lang, Some(topic)));
        }
    }
    jobs.par_iter()
        .map(|&(lang, topic)| {
            let language = &config.languages[lang];
            let mut ids = dossier.articles_in(lang);
            if let Some(t) = topic {
                ids.retain(|&id| dossier.articles[id].topics.contains(&t));
            }
            let path = match topic {
                Some(t) => urls::topic_feed(language, &config.topics[t].key),
                None => urls::feed(language),
            };
            OutputFile {
                path,
                contents: Contents::Bytes(
                    feeds::atom(dossier, lang, topic, &ids, &html).into_bytes(),
                ),
            }
        })
        .collect()
}

/// `https://example.org/repo` → `https://example.org/repo/`; rejects what is not a URL.
pub fn normalize_base_url(url: &str) -> Result<String> {
    let url = url.trim();
    if !(url.starts_with("https://") || url.starts_with("http://"))
        || url.contains(char::is_whitespace)
    {
        return Err(Error::Usage(format!(
            "--base-url \"{url}\" must be an absolute http(s) URL, like https://user.github.io/repo/"
        )));
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

/// The output directory must not hold the site's sources: it is replaced wholesale.
fn check_output_dir(root: &Path, output: &Path) -> Result<()> {
    let absolute = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        let mut clean = PathBuf::new();
        for component in p.components() {
            match component {
                std::path::Component::ParentDir => {
                    clean.pop();
                }
                std::path::Component::CurDir => {}
                other => clean.push(other),
            }
        }
        clean
    };
    let root = absolute(root);
    let output = absolute(output);
    if root.starts_with(&output) {
        return Err(Error::Usage(format!(
            "{}: the output folder cannot be the site root or contain it",
            output.display()
        )));
    }
    for source in ["content", "templates", "static"] {
        if output.starts_with(root.join(source)) {
            return Err(Error::Usage(format!(
                "{}: the output folder cannot be inside {source}/",
                output.display()
            )));
        }
    }
    Ok(())
}

/// Only for the page count of `Page` kinds in reports and tests.
pub fn count_pages(dossier: &Dossier) -> usize {
    render::pages(dossier)
        .iter()
        .filter(|p| **p != Page::NotFound)
        .count()
}
