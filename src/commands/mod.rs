//! The commands: each turns its options into a call to the engine (or the model) and reports.

pub mod build;
pub mod check;
pub mod import;
pub mod init;
pub mod serve;
pub mod status;
pub mod watch;

use crate::error::Error;

/// Prints each problem on a line of its own on standard error, as `kind: problem` (`error`,
/// `warning`): the one format of every command's messages.
pub fn print(kind: &str, problems: impl IntoIterator<Item = impl std::fmt::Display>) {
    for problem in problems {
        eprintln!("{kind}: {problem}");
    }
}

/// Prints an error: each problem of a site error, or the error itself.
pub fn print_error(error: &Error) {
    match error {
        Error::Site(diagnostics) => print("error", diagnostics),
        other => print("error", [other]),
    }
}
