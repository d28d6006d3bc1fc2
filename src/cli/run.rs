//! Running a parsed command line: each command's options turned into a call to the commands,
//! what they return printed, and the exit status (0 success, 1 a site or content error, 2 a
//! usage error, as `Error::exit_code` says).

use std::process::ExitCode;

use clap::Parser;

use super::{BaseUrl, Cli, Command, Drafts, Format, From, Root, Shell};
use crate::commands::import::{Counterpart, ImportOptions};
use crate::commands::serve::ServeOptions;
use crate::commands::{self, print, print_error, say};
use crate::engine::BuildOptions;
use crate::error::Error;

/// The `dossier` program: parses the arguments, runs the command, returns the exit status.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    commands::set_verbosity(cli.quiet, cli.verbose);
    let builds = matches!(
        cli.command,
        Command::Build { .. } | Command::Serve { .. } | Command::Check { .. }
    );
    match run(cli.command) {
        Ok(status) => status,
        Err(error) => fail(&error, builds),
    }
}

fn options(root: Root, base_url: Option<BaseUrl>, drafts: Drafts) -> BuildOptions {
    BuildOptions {
        root: root.root,
        output_dir: None,
        base_url: base_url.and_then(|b| b.base_url),
        drafts: drafts.drafts,
    }
}

fn run(command: Command) -> Result<ExitCode, Error> {
    match command {
        Command::Build {
            root,
            output_dir,
            base_url,
            drafts,
            watch,
            jobs,
            force,
        } => {
            let options = BuildOptions {
                output_dir,
                ..options(root, Some(base_url), drafts)
            };
            return build_command(&options, watch, jobs, force);
        }
        Command::Check {
            root,
            base_url,
            drafts,
        } => return Ok(check(&options(root, Some(base_url), drafts))),
        Command::Serve {
            root,
            interface,
            port,
            open,
            drafts,
        } => commands::serve::run(&ServeOptions {
            build: options(root, None, drafts),
            interface,
            port,
            open,
        })?,
        Command::Status {
            root,
            format,
            mark_translated,
            drafts,
        } => status(&options(root, None, drafts), format, mark_translated)?,
        Command::New {
            path,
            root,
            lang,
            topic,
            title,
            translation_of,
        } => new(&commands::new::NewOptions {
            root: root.root,
            path,
            lang,
            topic,
            title,
            translation_of,
        })?,
        Command::Import {
            files,
            root,
            dry_run,
            lang,
            date,
        } => {
            return Ok(import(&ImportOptions {
                root: root.root,
                files,
                dry_run,
                lang,
                date,
            }));
        }
        Command::Init { dir } => {
            for file in commands::init::init(&dir)? {
                println!("created {}", file.display());
            }
            say(format_args!(
                "a new dossier in {dir}: `dossier serve --root {dir} --open` to preview it in your browser while you write, `dossier build --root {dir}` to build it",
                dir = dir.display()
            ));
        }
        Command::Migrate {
            src,
            dest,
            from,
            languages,
            force,
        } => return migrate(src, dest, from, languages, force),
        Command::Templates { names, root } => {
            let written = commands::templates::write(&root.root, &names)?;
            for line in written.lines() {
                println!("{line}");
            }
        }
        Command::Completions { shell } => completions(shell),
        Command::Man => man()?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `dossier build`, once or `--watch`ing, on `--jobs` threads.
fn build_command(
    options: &BuildOptions,
    watch: bool,
    jobs: Option<u16>,
    force: bool,
) -> Result<ExitCode, Error> {
    if let Some(jobs) = jobs {
        // Before any parallel work: the global pool is built once.
        if let Err(error) = rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(jobs))
            .build_global()
        {
            print("error", [format!("--jobs {jobs}: {error}")]);
            return Ok(ExitCode::from(2));
        }
    }
    if watch {
        commands::build::watch(options)?;
    } else {
        build(options, force)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn completions(shell: Shell) {
    let shell = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    clap_complete::generate(
        shell,
        &mut super::command(),
        "dossier",
        &mut std::io::stdout(),
    );
}

fn man() -> Result<(), Error> {
    let mut page = Vec::new();
    clap_mangen::Man::new(super::command())
        .render(&mut page)
        .map_err(|e| Error::io(std::path::Path::new("stdout"), &e))?;
    print!("{}", String::from_utf8_lossy(&page));
    Ok(())
}

fn status(
    options: &BuildOptions,
    format: Format,
    mark_translated: Option<std::path::PathBuf>,
) -> Result<(), Error> {
    if let Some(file) = mark_translated {
        println!("{}", commands::status::mark_translated(options, &file)?);
        return Ok(());
    }
    let mut warnings = Vec::new();
    let result = commands::status::status(options, &mut warnings);
    print("warning", &warnings);
    let status = result?;
    match format {
        Format::Text => print!("{}", status.text()),
        Format::Json => print!("{}", status.json()),
    }
    Ok(())
}

fn new(options: &commands::new::NewOptions) -> Result<(), Error> {
    let created = commands::new::new(options)?;
    println!("created {}", created.path.display());
    if let Some(original) = &created.keyed {
        println!(
            "added translation_key to {} (the two have different names)",
            original.display()
        );
    }
    say(format_args!(
        "preview it with `dossier serve --drafts`, at {} (remove `draft = true` to publish it)",
        created.preview
    ));
    Ok(())
}

fn build(options: &BuildOptions, force: bool) -> Result<(), Error> {
    let mut warnings = Vec::new();
    let result = commands::build::build(options, force, &mut warnings);
    let report = match result {
        Ok(report) => report,
        Err(error) => {
            print("warning", &warnings);
            return Err(error);
        }
    };
    print(
        "warning",
        commands::warnings::lines(&warnings, &report.missing_translations, Some(report.bytes)),
    );
    say(report.summary());
    // The process ends now: the system takes the engine's memory back faster than freeing it.
    std::mem::forget(report);
    Ok(())
}

fn migrate(
    source: std::path::PathBuf,
    destination: std::path::PathBuf,
    from: Option<From>,
    languages: Vec<String>,
    force: bool,
) -> Result<ExitCode, Error> {
    use commands::migrate::{Generator, MigrateOptions};
    let options = MigrateOptions {
        source,
        destination: destination.clone(),
        from: from.map(|f| match f {
            From::Hugo => Generator::Hugo,
            From::Zola => Generator::Zola,
        }),
        languages,
        force,
    };
    let migrated = commands::migrate::migrate(&options)?;
    for file in &migrated.overwritten {
        print(
            "warning",
            [format!(
                "{}: written over (--force)",
                destination.join(file).display()
            )],
        );
    }
    for line in &migrated.report.lines {
        print("note", [line]);
    }
    for line in migrated.summary() {
        say(line);
    }
    // The new site, checked as `dossier check` would.
    let check = BuildOptions {
        root: destination.clone(),
        output_dir: None,
        base_url: None,
        drafts: false,
    };
    let status = self::check(&check);
    say(format_args!(
        "next: `dossier serve --root {} --open` to look at it",
        destination.display()
    ));
    Ok(status)
}

fn import(options: &ImportOptions) -> ExitCode {
    let planned = match commands::import::import(options) {
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
        Err(other) => return fail(&other, false),
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
            Some(Counterpart::Existing(other)) => format!(", translates {other}"),
            Some(Counterpart::Imported(j)) => format!(", paired with {}", planned[*j].path),
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
        say(format_args!(
            "{} draft{} written: read the suggestions in their front matter, then `dossier serve --drafts` to preview them",
            planned.len(),
            if planned.len() == 1 { "" } else { "s" }
        ));
    }
    ExitCode::SUCCESS
}

fn check(options: &BuildOptions) -> ExitCode {
    let report = match commands::check::check(options) {
        Ok(report) => report,
        Err(error) => {
            print("error", [&error]);
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(1));
        }
    };
    print("warning", &report.warnings);
    print("error", &report.errors);
    say(report.summary());
    if report.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Prints the error, and for a site's problems how many and what it means: a build leaves the
/// previous output, the other commands write nothing.
fn fail(error: &Error, builds: bool) -> ExitCode {
    match error {
        Error::Site(diagnostics) => {
            print("error", diagnostics);
            let n = diagnostics.len();
            let s = if n == 1 { "" } else { "s" };
            if builds {
                eprintln!("build failed: {n} error{s}; the previous output was left untouched");
            } else {
                eprintln!("{n} error{s}; nothing was written");
            }
        }
        other => print_error(other),
    }
    ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(1))
}
