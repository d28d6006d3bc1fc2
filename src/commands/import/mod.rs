//! `dossier import FILE...`: raw text articles copied from web pages turned into drafts of
//! the dossier. Each file's language is detected, its title taken, its paragraphs recovered
//! and the page's debris left out (`clean`); its topics are suggested from the config's
//! keywords and the article of the other language it translates is proposed (`suggest`).
//! Each becomes `content/<topic>/<slug>.<lang>.md`, a draft whose front matter explains every
//! suggestion in TOML comments. Nothing is ever overwritten: when any file would be, or any
//! input cannot be read, nothing is written at all.

pub mod clean;
mod front;
mod plan;
mod read;
pub mod suggest;

pub use plan::plan;

use std::path::PathBuf;

use crate::error::{Diagnostic, Error, Problems, Result};
use crate::model::{self, Dossier};
use crate::source;
use crate::text::date::Date;
use suggest::Likeness;

#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The dossier's root, holding config.toml.
    pub root: PathBuf,
    pub files: Vec<PathBuf>,
    /// Print what would be written, write nothing.
    pub dry_run: bool,
    /// The language of every file, instead of detecting it.
    pub lang: Option<String>,
    /// The date of every article, instead of the day of import.
    pub date: Option<String>,
}

/// One raw text to import: its name as given, and its text.
#[derive(Debug, Clone)]
pub struct Input {
    pub name: String,
    pub text: String,
}

/// What an imported article is proposed to translate.
#[derive(Debug, Clone, PartialEq)]
pub enum Counterpart {
    /// An article of the dossier (its file).
    Existing(String),
    /// Another of the files imported (its index).
    Imported(usize),
}

#[derive(Debug, Clone)]
pub struct Proposal {
    pub of: Counterpart,
    pub likeness: Likeness,
}

/// One file to write.
#[derive(Debug, Clone)]
pub struct Planned {
    /// Under the root: `content/<topic>/<slug>.<lang>.md`.
    pub path: String,
    /// The input it comes from.
    pub from: String,
    pub lang: String,
    pub title: String,
    pub topics: Vec<String>,
    /// The translations proposed, most likely first.
    pub proposals: Vec<Proposal>,
    /// The counterpart it was paired with (a high confidence).
    pub paired: Option<Counterpart>,
    pub removed: usize,
    pub text: String,
}

/// Reads the dossier at `options.root` and the files, and writes the drafts (or, with
/// `dry_run`, only plans them).
pub fn import(options: &ImportOptions) -> Result<Vec<Planned>> {
    let mut problems = Problems::default();
    let (sources, config) = crate::engine::read_sources(&options.root, &mut problems)?;

    // The dossier as it is, for its slugs and the translations to propose. Problems in its
    // articles are for `build` and `check` to report; import reads what it can.
    let mut ignored = Problems::default();
    let drafts = model::read_drafts(&config, &sources.articles, &mut ignored);
    let dossier = Dossier::from_drafts(config.clone(), drafts.clone(), true, &mut ignored);

    let mut diagnostics = Vec::new();
    let mut inputs = Vec::new();
    for file in &options.files {
        let name = file.display().to_string();
        // Read as the site's files are: without a byte-order mark, with Unix line ends.
        match source::read(file) {
            Ok(bytes) => match source::decode(&name, bytes) {
                Ok(text) => inputs.push(Input { name, text }),
                Err(_) => diagnostics.push(Diagnostic::file(
                    name,
                    "not UTF-8 text: save it as UTF-8 and import it again",
                )),
            },
            Err(Error::Io { message, .. }) => diagnostics.push(Diagnostic::file(name, message)),
            Err(other) => return Err(other),
        }
    }
    let lang = match &options.lang {
        Some(code) => Some(super::language_option(&config, code)?),
        None => None,
    };
    let date = match &options.date {
        Some(text) => {
            Some(Date::parse_iso(text).map_err(|m| Error::Usage(format!("--date {text}: {m}")))?)
        }
        None => None,
    };
    let planned = plan(
        &dossier,
        &drafts,
        &inputs,
        &Settings {
            lang,
            date,
            today: Date::today(),
        },
    );
    let planned = match planned {
        Ok(planned) if diagnostics.is_empty() => planned,
        Ok(_) => return Err(Error::Site(diagnostics)),
        Err(mut more) => {
            diagnostics.append(&mut more);
            return Err(Error::Site(diagnostics));
        }
    };
    for file in &planned {
        if source::exists(&options.root.join(&file.path)) {
            diagnostics.push(Diagnostic::file(
                &file.from,
                format!(
                    "{} already exists and is never overwritten: was this article imported before? (move that file away to import it again)",
                    file.path
                ),
            ));
        }
    }
    if !diagnostics.is_empty() {
        return Err(Error::Site(diagnostics));
    }
    if !options.dry_run {
        // All or nothing: when one file cannot be written, those written before it go again.
        let mut written: Vec<PathBuf> = Vec::with_capacity(planned.len());
        for file in &planned {
            let target = options.root.join(&file.path);
            if let Err(error) = crate::output::write_new(&target, &file.text) {
                written
                    .iter()
                    .for_each(|done| crate::output::take_back(done));
                return Err(error);
            }
            written.push(target);
        }
    }
    Ok(planned)
}

/// What the command line fixes for every file.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub lang: Option<usize>,
    pub date: Option<Date>,
    /// The day of import: the date when none is given.
    pub today: Date,
}

#[cfg(test)]
mod tests {
    use super::front::shorten;
    use super::read::{TITLE_LENGTH, slug_of, title_from};
    use super::*;
    use crate::config::Config;

    /// The first dossier's config.
    fn config() -> Config {
        let mut problems = Problems::default();
        Config::parse(include_str!("../../../config.toml"), &mut problems).expect("a config")
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Whatever the text, what import writes is an article the dossier reads with no
        /// error, or it says why it cannot.
        #[test]
        fn any_text_becomes_a_valid_article_or_a_reason(
            text in r##"([A-Za-zÀ-ÿ0-9 .,:;!?«»“”"'’*_#+<>&\\\[\]()|~`=-]{0,80}\n{0,2}|Lire la suite :\n|タイトル\n|  • item\n|\+\+\+\n|Source : x\n|1\. un\n){0,24}"##,
        ) {
            let config = config();
            let mut problems = Problems::default();
            let dossier = Dossier::from_drafts(config.clone(), Vec::new(), true, &mut problems);
            let settings = Settings { lang: Some(0), date: None, today: Date::from_days_since_epoch(20_000) };
            let input = Input { name: "in.txt".into(), text };
            match plan(&dossier, &[], &[input], &settings) {
                Ok(planned) => {
                    let file = crate::model::SourceFile {
                        path: planned[0].path.clone(),
                        text: planned[0].text.clone(),
                    };
                    let mut problems = Problems::default();
                    let draft = model::read_article(&config, &file, &mut problems);
                    proptest::prop_assert!(draft.is_some() && problems.errors.is_empty(), "{:?}\n{}", problems.errors, planned[0].text);
                    let dossier = Dossier::from_drafts(config, draft.into_iter().collect(), true, &mut problems);
                    proptest::prop_assert!(problems.errors.is_empty(), "{:?}", problems.errors);
                    proptest::prop_assert_eq!(dossier.articles.len(), 1);
                }
                // The reason names the input and says something.
                Err(diagnostics) => {
                    proptest::prop_assert!(!diagnostics.is_empty());
                    for diagnostic in diagnostics {
                        let message = diagnostic.to_string();
                        let reason = message.strip_prefix("in.txt: ").unwrap_or("");
                        proptest::prop_assert!(reason.split_whitespace().count() >= 3, "{message}");
                    }
                }
            }
        }
    }

    /// The property above reaches both of its branches: a text that is an article, and one
    /// that cannot be (nothing in it).
    #[test]
    fn a_text_is_planned_and_an_empty_one_is_refused() {
        let config = config();
        let mut problems = Problems::default();
        let dossier = Dossier::from_drafts(config, Vec::new(), true, &mut problems);
        let settings = Settings {
            lang: Some(0),
            date: None,
            today: Date::from_days_since_epoch(20_000),
        };
        let input = |text: &str| Input {
            name: "in.txt".into(),
            text: text.into(),
        };
        let text = "Un titre\n\nUn paragraphe sur les sanctions de l'ONU contre Pyongyang.\n";
        assert!(plan(&dossier, &[], &[input(text)], &settings).is_ok());
        let refused = plan(&dossier, &[], &[input("  \n")], &settings).unwrap_err();
        assert!(
            refused[0].to_string().starts_with("in.txt: "),
            "{:?}",
            refused
        );
    }

    #[test]
    fn slugs_are_cut_at_a_dash() {
        assert_eq!(
            slug_of(
                "Nouvelle réunion trilatérale entre les États-Unis, le Japon et la Corée du Sud pour contrer"
            ),
            "nouvelle-reunion-trilaterale-entre-les-etats-unis-le-japon"
        );
        assert_eq!(slug_of("« ! »"), "article");
    }

    #[test]
    fn titles_from_first_sentences() {
        assert_eq!(
            title_from(
                "Les États-Unis, la Corée du Sud et le Japon ont convenu de nouveaux efforts pour répondre aux menaces de la Corée du Nord dans le cyberespace, selon les conseillers à la sécurité nationale des trois pays réunis à Séoul."
            ),
            "Les États-Unis, la Corée du Sud et le Japon ont convenu de nouveaux efforts pour répondre aux menaces de la Corée du Nord dans le cyberespace"
        );
        assert_eq!(title_from("Une phrase courte."), "Une phrase courte");
        let long = "mot ".repeat(60);
        let title = title_from(long.trim());
        assert!(title.ends_with("mot…") && title.chars().count() <= TITLE_LENGTH + 1);
    }

    #[test]
    fn shortened_at_a_word() {
        assert_eq!(shorten("un deux trois quatre", 12), "un deux…");
        assert_eq!(shorten("court", 12), "court");
    }
}
