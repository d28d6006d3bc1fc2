//! The commands: each turns its options into a call to the engine (or the model) and reports.

pub mod build;
pub mod check;
pub mod import;
pub mod init;
pub mod migrate;
pub mod new;
pub mod serve;
pub mod status;
pub mod templates;
pub mod warnings;
pub mod watch;

use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::Error;

static QUIET: AtomicBool = AtomicBool::new(false);
static VERBOSE: AtomicBool = AtomicBool::new(false);

/// `--quiet`: from now on, warnings and summaries are not printed, errors still are.
/// `--verbose`: every warning is printed in full (and the timings, see [`crate::timings`]).
pub fn set_verbosity(quiet: bool, verbose: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
    VERBOSE.store(verbose, Ordering::Relaxed);
    if verbose {
        crate::timings::enable();
    }
}

/// Whether `--verbose` was given.
pub fn verbose() -> bool {
    VERBOSE.load(Ordering::Relaxed)
}

/// Whether `--quiet` was given.
pub fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// Prints each problem on a line of its own on standard error, as `kind: problem` (`error`,
/// `warning`): the one format of every command's messages. Warnings are left out with
/// `--quiet`.
pub fn print(kind: &str, problems: impl IntoIterator<Item = impl std::fmt::Display>) {
    if kind != "error" && quiet() {
        return;
    }
    for problem in problems {
        eprintln!("{kind}: {problem}");
    }
}

/// Prints a line of report on standard output (what was built, rebuilt, written), unless
/// `--quiet` was given.
pub fn say(line: impl std::fmt::Display) {
    if !quiet() {
        println!("{line}");
    }
}

/// The language a `--lang CODE` option names, an index into the config's languages.
pub(crate) fn language_option(config: &crate::config::Config, code: &str) -> Result<usize, Error> {
    config.language(code).ok_or_else(|| {
        Error::Usage(format!(
            "--lang {code}: not a language of the dossier (languages: {})",
            config.language_codes()
        ))
    })
}

/// Prints an error: each problem of a site error, or the error itself.
pub fn print_error(error: &Error) {
    match error {
        Error::Site(diagnostics) => print("error", diagnostics),
        other => print("error", [other]),
    }
}
