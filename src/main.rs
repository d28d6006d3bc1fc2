//! The `dossier` command: parse arguments, call the library, print, map to an exit status.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use dossier::{BuildOptions, Diagnostic, Error};

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
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.command {
        Command::Build {
            root,
            output_dir,
            base_url,
            drafts,
        } => {
            let options = BuildOptions {
                root,
                output_dir,
                base_url,
                drafts,
            };
            let mut warnings = Vec::new();
            let result = dossier::build(&options, &mut warnings);
            print_warnings(&warnings);
            match result {
                Ok(report) => {
                    println!("{}", report.summary());
                    ExitCode::SUCCESS
                }
                Err(error) => fail(&error),
            }
        }
    }
}

fn print_warnings(warnings: &[Diagnostic]) {
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
}

fn fail(error: &Error) -> ExitCode {
    match error {
        Error::Site(diagnostics) => {
            for diagnostic in diagnostics {
                eprintln!("error: {diagnostic}");
            }
            let n = diagnostics.len();
            eprintln!(
                "build failed: {n} error{}; the previous output was left untouched",
                if n == 1 { "" } else { "s" }
            );
        }
        other => eprintln!("error: {other}"),
    }
    ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(1))
}
