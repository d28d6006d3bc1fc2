//! The commands: each turns its options into a call to the engine (or the model) and reports.

pub mod build;
pub mod check;
pub mod import;
pub mod init;
pub mod serve;
pub mod status;
pub mod watch;
