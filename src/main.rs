//! The `dossier` command: parse arguments, call the library, print, map to an exit status.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use dossier::commands::serve::ServeOptions;
use dossier::commands::{print, print_error};
use dossier::{BuildOptions, Error};

/// mimalloc: rendering threads allocate and free many strings, and glibc's allocator slows
/// down as the heap grows (a quarter of the CPU of a 30,000-group build in its `malloc`,
/// `free` and `malloc_consolidate`); see docs/benchmarks-history.md for the time gained and the memory.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "dossier",
    version,
    about = "Builds bilingual briefing dossiers into static sites"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder.
    Build {
        /// The site root, holding config.toml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: public/ under the root).
        #[arg(long)]
        output_dir: Option<PathBuf>,
        /// Override base_url from config.toml (for project sites and preview deploys).
        #[arg(long)]
        base_url: Option<String>,
        /// Include articles marked draft = true.
        #[arg(long)]
        drafts: bool,
        /// Keep running, and rebuild the output after every change.
        #[arg(long)]
        watch: bool,
        /// How many threads to build with (default: one per core). The output is the same
        /// whatever the number.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
    },
    /// Check the site without writing it: links, anchors, files, translations, front matter.
    Check {
        /// The site root, holding config.toml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Override base_url from config.toml, as `build` would.
        #[arg(long)]
        base_url: Option<String>,
        /// Include articles marked draft = true.
        #[arg(long)]
        drafts: bool,
    },
    /// Build the site into memory, serve it, and reload open pages on every change.
    Serve {
        /// The site root, holding config.toml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        interface: IpAddr,
        /// The port (default: 1111, or the next free one).
        #[arg(long)]
        port: Option<u16>,
        /// Open the site in a browser.
        #[arg(long)]
        open: bool,
        /// Include articles marked draft = true.
        #[arg(long)]
        drafts: bool,
    },
    /// List every article with its languages, the translations missing and those that are
    /// stale (their source changed after they were marked up to date).
    Status {
        /// The site root, holding config.toml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// `text`: a table with totals; `json`: the same, stable, for tools.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Record that this translation is up to date with its source as it is now.
        #[arg(long, value_name = "FILE")]
        mark_translated: Option<PathBuf>,
        /// Include articles marked draft = true.
        #[arg(long)]
        drafts: bool,
    },
    /// Turn raw text articles (copied from web pages) into drafts: language detected, title
    /// taken, paragraphs recovered, page debris left out, topics and the translated article
    /// suggested. Writes content/<topic>/<slug>.<lang>.md; never overwrites a file.
    Import {
        /// The text files to import.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The site root, holding config.toml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Print the files that would be written, and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The language of the files (a code of the config), instead of detecting it.
        #[arg(long, value_name = "CODE")]
        lang: Option<String>,
        /// The date of the articles (YYYY-MM-DD), instead of the day of import.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
    },
    /// Write a new bilingual dossier (config, both languages, three topics, one article and
    /// its translation) into a new or empty folder.
    Init {
        /// The folder of the new dossier.
        dir: PathBuf,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Build {
            root,
            output_dir,
            base_url,
            drafts,
            watch,
            jobs,
        } => {
            if let Some(jobs) = jobs {
                // Before any parallel work: the global pool is built once.
                if let Err(error) = rayon::ThreadPoolBuilder::new()
                    .num_threads(usize::from(jobs))
                    .build_global()
                {
                    print("error", [format!("--jobs {jobs}: {error}")]);
                    return ExitCode::from(2);
                }
            }
            let options = BuildOptions {
                root,
                output_dir,
                base_url,
                drafts,
            };
            if watch {
                dossier::commands::build::watch(&options)
            } else {
                build(&options)
            }
        }
        Command::Check {
            root,
            base_url,
            drafts,
        } => {
            return check(&BuildOptions {
                root,
                output_dir: None,
                base_url,
                drafts,
            });
        }
        Command::Serve {
            root,
            interface,
            port,
            open,
            drafts,
        } => {
            let build = BuildOptions {
                root,
                output_dir: None,
                base_url: None,
                drafts,
            };
            dossier::commands::serve::run(&ServeOptions {
                build,
                interface,
                port,
                open,
            })
        }
        Command::Status {
            root,
            format,
            mark_translated,
            drafts,
        } => {
            let options = BuildOptions {
                root,
                output_dir: None,
                base_url: None,
                drafts,
            };
            match mark_translated {
                Some(file) => dossier::commands::status::mark_translated(&options, &file)
                    .map(|done| println!("{done}")),
                None => {
                    let mut warnings = Vec::new();
                    let result = dossier::commands::status::status(&options, &mut warnings);
                    print("warning", &warnings);
                    result.map(|status| match format {
                        Format::Text => print!("{}", status.text()),
                        Format::Json => print!("{}", status.json()),
                    })
                }
            }
        }
        Command::Import {
            files,
            root,
            dry_run,
            lang,
            date,
        } => {
            return import(&dossier::commands::import::ImportOptions {
                root,
                files,
                dry_run,
                lang,
                date,
            });
        }
        Command::Init { dir } => dossier::commands::init::init(&dir).map(|written| {
            for file in &written {
                println!("created {}", file.display());
            }
            println!(
                "a new dossier in {dir}: `dossier serve --root {dir}` to preview it while you write, `dossier build --root {dir}` to build it",
                dir = dir.display()
            );
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail(&error),
    }
}

/// How many missing translations `build` shows before it sends the reader to `check`.
const MISSING_TRANSLATIONS_SHOWN: usize = 5;

fn build(options: &BuildOptions) -> Result<(), Error> {
    let mut warnings = Vec::new();
    let result = dossier::build(options, &mut warnings);
    print("warning", &warnings);
    let report = result?;
    let missing = &report.missing_translations;
    print(
        "warning",
        &missing[..missing.len().min(MISSING_TRANSLATIONS_SHOWN)],
    );
    if missing.len() > MISSING_TRANSLATIONS_SHOWN {
        eprintln!(
            "warning: …and {} more articles without a translation (`dossier check` lists them all)",
            missing.len() - MISSING_TRANSLATIONS_SHOWN
        );
    }
    if let Some(warning) = dossier::commands::build::size_warning(report.bytes) {
        print("warning", [warning]);
    }
    println!("{}", report.summary());
    // The process ends now: the system takes the engine's memory back faster than freeing it.
    std::mem::forget(report);
    Ok(())
}

fn import(options: &dossier::commands::import::ImportOptions) -> ExitCode {
    let planned = match dossier::commands::import::import(options) {
        Ok(planned) => planned,
        Err(Error::Site(diagnostics)) => {
            print("error", &diagnostics);
            let n = diagnostics.len();
            eprintln!(
                "import failed: {n} error{}; nothing was written",
                if n == 1 { "" } else { "s" }
            );
            return ExitCode::FAILURE;
        }
        Err(other) => return fail(&other),
    };
    for file in &planned {
        if options.dry_run {
            println!(
                "=== {} (from {}; not written: --dry-run)",
                file.path, file.from
            );
            print!("{}", file.text);
            println!();
            continue;
        }
        let pairing = match &file.paired {
            Some(dossier::commands::import::Counterpart::Existing(other)) => {
                format!(", translates {other}")
            }
            Some(dossier::commands::import::Counterpart::Imported(j)) => {
                format!(", paired with {}", planned[*j].path)
            }
            None => String::new(),
        };
        println!(
            "created {} from {} ({}; topics {}{pairing}; {} lines left out)",
            file.path,
            file.from,
            file.lang,
            file.topics.join(", "),
            file.removed
        );
    }
    if !options.dry_run {
        println!(
            "{} draft{} written: read the suggestions in their front matter, then `dossier serve --drafts` to preview them",
            planned.len(),
            if planned.len() == 1 { "" } else { "s" }
        );
    }
    ExitCode::SUCCESS
}

fn check(options: &BuildOptions) -> ExitCode {
    let report = match dossier::commands::check::check(options) {
        Ok(report) => report,
        Err(error) => {
            print("error", [&error]);
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(1));
        }
    };
    print("warning", &report.warnings);
    print("error", &report.errors);
    println!("{}", report.summary());
    if report.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn fail(error: &Error) -> ExitCode {
    match error {
        Error::Site(diagnostics) => {
            print("error", diagnostics);
            let n = diagnostics.len();
            eprintln!(
                "build failed: {n} error{}; the previous output was left untouched",
                if n == 1 { "" } else { "s" }
            );
        }
        other => print_error(other),
    }
    ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(1))
}
