//! `dossier new PATH`: a new article as a draft, its front matter written for the editor (today's
//! date, the topic of its folder, `draft = true`), or with `--translation-of FILE` the
//! translation of an existing article, paired with it and inheriting what translations inherit.
//! The new file is read back by the model, with the whole site, before it is written: what
//! `new` writes always builds. Never overwrites a file.

mod plan;
mod text;

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::error::{Diagnostic, Error, Problems, Result};
use crate::model::front_matter::{self, Format};
use crate::model::{self, Dossier, SourceFile};
use crate::site::urls;
use crate::source;

#[derive(Debug, Clone)]
pub struct NewOptions {
    pub root: PathBuf,
    /// The file to write, `content/<topic>/<name>.<lang>.md`, or a shorter form completed by
    /// `lang` and `topic`.
    pub path: Option<PathBuf>,
    pub lang: Option<String>,
    pub topic: Option<String>,
    pub title: Option<String>,
    pub translation_of: Option<PathBuf>,
}

/// What `dossier new` wrote.
#[derive(Debug)]
pub struct Created {
    /// The new file, under the root.
    pub path: PathBuf,
    /// Its address in the preview (`dossier serve --drafts`).
    pub preview: String,
    /// The original, when `translation_key` was added to it to pair the two.
    pub keyed: Option<PathBuf>,
}

/// Writes the new article (see the module's documentation).
pub fn new(options: &NewOptions) -> Result<Created> {
    let mut problems = Problems::default();
    let (sources, config) = crate::engine::read_sources(&options.root, &mut problems)?;
    // The dossier's own problems are for `build` and `check`: `new` reads what it can.
    let mut ignored = Problems::default();
    let drafts = model::read_drafts(&config, &sources.articles, &mut ignored);
    let original = match &options.translation_of {
        Some(file) => Some(find_original(&options.root, file, &sources.articles)?),
        None => None,
    };
    let original_draft = original.map(|file| {
        drafts
            .iter()
            .find(|d| d.file() == file.path)
            .ok_or_else(|| {
                Error::Usage(format!(
                    "{}: its front matter has errors (`dossier check` says which); fix them before translating it",
                    file.path
                ))
            })
    });
    let original_draft = original_draft.transpose()?;
    let plan = plan::plan(&config, options, original_draft)?;
    if source::exists(&options.root.join(&plan.path)) {
        return Err(Error::Usage(format!(
            "{}: already exists, and `dossier new` never overwrites a file",
            plan.path
        )));
    }
    let format = match original {
        Some(file) => front_matter::split(&file.text).map_or(Format::Toml, |s| s.format),
        None => text::usual_format(&sources.articles),
    };
    let text = text::front_matter_text(&plan, &config, format);
    // The original gets the key only when the two do not pair by name already.
    let keyed = match (original, &plan.key_for_original) {
        (Some(file), Some(key)) => Some(SourceFile {
            path: file.path.clone(),
            text: front_matter::with_field(&file.text, "translation_key", key).ok_or_else(
                || Error::Usage(format!("{}: its front matter is not closed", file.path)),
            )?,
        }),
        _ => None,
    };
    let slug = check(
        &config,
        &sources.articles,
        &plan.path,
        &text,
        keyed.as_ref(),
    )?;
    let target = options.root.join(&plan.path);
    crate::output::write_new(&target, &text)?;
    if let Some(keyed) = &keyed {
        let full = options.root.join(&keyed.path);
        if let Err(error) = crate::output::write_atomic(&full, keyed.text.as_bytes()) {
            crate::output::take_back(&target);
            return Err(error);
        }
    }
    let lang = &config.languages[plan.lang];
    // `./content/…` reads worse than `content/…`.
    let shown = |path: &str| {
        if options.root == Path::new(".") {
            PathBuf::from(path)
        } else {
            options.root.join(path)
        }
    };
    Ok(Created {
        path: shown(&plan.path),
        preview: format!("http://127.0.0.1:1111/{}", page_address(lang, &slug)),
        keyed: keyed.map(|k| shown(&k.path)),
    })
}

/// The original named by `--translation-of`, from the current folder or from the root.
fn find_original<'a>(
    root: &Path,
    file: &Path,
    articles: &'a [SourceFile],
) -> Result<&'a SourceFile> {
    let wanted = plan::content_path(root, file)?;
    articles.iter().find(|a| a.path == wanted).ok_or_else(|| {
        Error::Usage(format!(
            "--translation-of {}: no such article in {}",
            file.display(),
            root.join("content").display()
        ))
    })
}

/// Reads the new file (and the keyed original) with the whole site, as a build would: the
/// new file's slug, or its problems. Problems elsewhere in the site are not `new`'s to report.
fn check(
    config: &Config,
    articles: &[SourceFile],
    path: &str,
    text: &str,
    keyed: Option<&SourceFile>,
) -> Result<String> {
    let new = SourceFile {
        path: path.to_string(),
        text: text.to_string(),
    };
    let mut files: Vec<SourceFile> = articles
        .iter()
        .map(|a| match keyed {
            Some(k) if k.path == a.path => k.clone(),
            _ => a.clone(),
        })
        .collect();
    files.push(new);
    let mut problems = Problems::default();
    let dossier = Dossier::assemble(config.clone(), &files, true, &mut problems);
    let ours: Vec<Diagnostic> = problems
        .errors
        .into_iter()
        .filter(|d| d.file == path || keyed.is_some_and(|k| k.path == d.file))
        .collect();
    if !ours.is_empty() {
        return Err(Error::Site(ours));
    }
    dossier
        .articles
        .iter()
        .find(|a| a.file == path)
        .map(|a| a.slug.clone())
        .ok_or_else(|| Error::site(Diagnostic::file(path, "the new file could not be read")))
}

fn page_address(lang: &crate::config::Language, slug: &str) -> String {
    urls::article(lang, slug)
        .strip_suffix("index.html")
        .unwrap_or_default()
        .to_string()
}
