//! `dossier migrate SRC DEST`: a Hugo or Zola site made into a dossier site. Its configuration
//! (languages, titles, base URL, taxonomies, menus) and content (any front-matter format, both
//! ways of laying out translations, bundles, sections) are read (`site`); the plan says what
//! each page becomes (`plan`, `addresses`); the files are written (`write`) with shortcodes and
//! links converted (`shortcodes`, `links`), and the static and bundle files copied. Nothing in
//! SRC is modified; a DEST that is not empty is refused unless `--force`. What could not be
//! carried over as it was is reported, with its file and line (`report`).

mod addresses;
mod links;
mod plan;
mod report;
mod settings;
mod shortcodes;
mod site;
mod topics;
mod value;
mod write;

use std::path::PathBuf;

pub use report::Report;
pub use site::Generator;

use crate::config::Config;
use crate::error::{Error, Problems, Result};
use crate::source;

#[derive(Debug, Clone)]
pub struct MigrateOptions {
    pub source: PathBuf,
    pub destination: PathBuf,
    /// Hugo or Zola; detected from the source's files when `None`.
    pub from: Option<Generator>,
    /// The languages to keep (codes of the source); French and English when empty.
    pub languages: Vec<String>,
    /// Write into a DEST that is not empty, over the files it has.
    pub force: bool,
}

/// What was done, for the summary.
#[derive(Debug)]
pub struct Migrated {
    pub generator: Generator,
    pub report: Report,
    /// Pages per kept language.
    pub per_language: Vec<(String, usize)>,
    pub groups_translated: usize,
    pub topics: usize,
    pub reference_pages: usize,
    pub aliases: usize,
    pub files_written: usize,
    /// Files of DEST written over (with `--force`).
    pub overwritten: Vec<String>,
}

impl Migrated {
    /// The summary lines printed at the end.
    pub fn summary(&self) -> Vec<String> {
        let per_language: Vec<String> = self
            .per_language
            .iter()
            .map(|(code, n)| format!("{n} in {code}"))
            .collect();
        let report = &self.report;
        let mut lines = vec![
            format!(
                "migrated a {} site: pages {}; {} translated together; {} topics; {} reference pages; {} aliases for old addresses",
                self.generator.name(),
                per_language.join(", "),
                self.groups_translated,
                self.topics,
                self.reference_pages,
                self.aliases
            ),
            format!(
                "shortcodes: {} converted, {} left in HTML comments (listed above); {} files written, {} copied",
                report.shortcodes_converted,
                report.shortcodes_left,
                self.files_written,
                report.files_copied
            ),
        ];
        for (name, n) in &report.kept_fields {
            lines.push(format!(
                "field `{name}`: kept as a comment in {n} file{} (dossier does not read it)",
                if *n == 1 { "" } else { "s" }
            ));
        }
        lines
    }
}

/// Migrates the site (see the module's documentation).
pub fn migrate(options: &MigrateOptions) -> Result<Migrated> {
    if !source::is_folder(&options.source) {
        return Err(Error::Usage(format!(
            "{}: no such folder",
            options.source.display()
        )));
    }
    let site = site::read(&options.source, options.from)?;
    let existing = check_destination(options)?;
    let mut report = Report::default();
    report.lines.extend(site.notes.iter().cloned());
    let languages = plan::kept_languages(&site, &options.languages).map_err(Error::Usage)?;
    let mut plan = plan::plan(&site, languages, &mut report);
    let config_text = write::config(&site, &plan, &mut report);
    let mut problems = Problems::default();
    let config = Config::parse(&config_text, &mut problems).ok_or_else(|| {
        let messages: Vec<String> = problems.errors.iter().map(ToString::to_string).collect();
        Error::Usage(format!(
            "the config made from {} is not valid (a bug; please report it): {}\n{config_text}",
            site.config.file,
            messages.join("; ")
        ))
    })?;
    plan::settle(&site, &config, &mut plan, &mut report);
    addresses::aliases(&site, &config, &mut plan.members, &mut report);
    addresses::navigation(&site, &mut plan.members, &mut report);
    plan.index_addresses();

    let mut files: Vec<(String, Vec<u8>)> = vec![("config.toml".into(), config_text.into_bytes())];
    // In the source's order, so that the report follows its files.
    let mut order: Vec<usize> = (0..plan.members.len()).collect();
    order.sort_by_key(|&m| &site.pages[plan.members[m].page].file);
    for member in order.iter().map(|&m| &plan.members[m]) {
        let text = write::page(&site, &plan, member, &mut report);
        files.push((member.path.clone(), text.into_bytes()));
    }
    let copies = copies(&site, &plan);
    let kept_langs = |file: &str| {
        site.pages.iter().any(|p| {
            plan.languages.contains(&p.lang)
                && file.starts_with(p.file.rsplit_once('/').map_or("", |(f, _)| f))
        })
    };
    for file in &site.content_files {
        if !copies.iter().any(|(from, _)| from == file) && kept_langs(file) {
            report.note(format!(
                "{file}: not carried over: a file of content/ outside every kept page's bundle (move it to static/, or beside its page)"
            ));
        }
    }
    let written =
        |e: &String| files.iter().any(|(p, _)| p == e) || copies.iter().any(|(_, t)| t == e);
    // `--force` writes over, and removes nothing: pages left from before are said.
    for stale in existing
        .iter()
        .filter(|e| !written(e) && e.starts_with("content/") && e.ends_with(".md"))
    {
        report.note(format!(
            "{}: was in DEST before and is not one of the migrated pages: delete it if the migration replaces it",
            destination_shown(options, stale)
        ));
    }
    let overwritten: Vec<String> = existing.into_iter().filter(|e| written(e)).collect();
    let destination = &options.destination;
    let files_written = files.len();
    for (path, bytes) in &files {
        crate::output::write_file(&destination.join(path), bytes)?;
    }
    for (from, to) in &copies {
        let bytes = source::read(&site.root.join(from))?;
        crate::output::write_file(&destination.join(to), &bytes)?;
    }
    report.files_copied = copies.len();
    Ok(Migrated::counted(
        site.config.generator,
        &plan,
        files_written,
        overwritten,
        report,
    ))
}

impl Migrated {
    /// The counts of the summary, from the plan.
    fn counted(
        generator: Generator,
        plan: &plan::Plan,
        files_written: usize,
        overwritten: Vec<String>,
        report: Report,
    ) -> Migrated {
        let per_language = plan
            .languages
            .iter()
            .map(|code| {
                let n = plan.members.iter().filter(|m| m.lang == *code).count();
                (code.clone(), n)
            })
            .collect();
        let mut groups: Vec<usize> = plan.members.iter().map(|m| m.group).collect();
        groups.sort_unstable();
        let groups_translated = groups
            .chunk_by(|a, b| a == b)
            .filter(|g| g.len() > 1)
            .count();
        Migrated {
            generator,
            per_language,
            groups_translated,
            topics: plan.topics.len(),
            reference_pages: plan.members.iter().filter(|m| m.is_page).count(),
            aliases: plan.members.iter().map(|m| m.aliases.len()).sum(),
            files_written,
            overwritten,
            report,
        }
    }
}

/// DEST must be outside SRC, and empty or new; with `--force`, the files it has (those
/// written over are said).
fn check_destination(options: &MigrateOptions) -> Result<Vec<String>> {
    let destination = &options.destination;
    let source_root = source::canonical(&options.source)?;
    // A DEST not made yet: where it would be, from its nearest folder that exists.
    let mut existing = destination.as_path();
    let mut rest = Vec::new();
    while !source::exists(existing) {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = if parent.as_os_str().is_empty() {
                    std::path::Path::new(".")
                } else {
                    parent
                };
            }
            _ => break,
        }
    }
    let mut dest_root = source::canonical(existing)?;
    for name in rest.iter().rev() {
        dest_root.push(name);
    }
    if dest_root.starts_with(&source_root) || source_root.starts_with(&dest_root) {
        return Err(Error::Usage(format!(
            "{}: inside the site to migrate (or holding it): DEST must be a folder of its own, since nothing in SRC is ever written",
            destination.display()
        )));
    }
    match source::is_empty_folder(destination) {
        Ok(Some(true) | None) => return Ok(Vec::new()),
        Ok(Some(false)) => {}
        Err(error) => return Err(Error::io(destination, &error)),
    }
    if !options.force {
        return Err(Error::Usage(format!(
            "{}: not empty; `dossier migrate` writes a new site into a new or empty folder (--force writes over the files there, and says which)",
            destination.display()
        )));
    }
    source::walk(destination, "")
}

fn destination_shown(options: &MigrateOptions, path: &str) -> String {
    options.destination.join(path).display().to_string()
}

/// The files to copy: the static folders, and each bundle's files beside its new file.
fn copies(site: &site::SourceSite, plan: &plan::Plan) -> Vec<(String, String)> {
    let mut copies = site.copies.clone();
    for member in &plan.members {
        let Some(bundle) = &member.bundle else {
            continue;
        };
        let folder = member.path.rsplit_once('/').map_or("", |(f, _)| f);
        for file in &site.content_files {
            if let Some(name) = file.strip_prefix(&format!("{bundle}/")) {
                let to = format!("{folder}/{name}");
                if !copies.iter().any(|(_, t)| *t == to) {
                    copies.push((file.clone(), to));
                }
            }
        }
    }
    copies
}
