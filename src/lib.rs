//! `dossier`: a static site generator for bilingual briefing dossiers.
//!
//! The pipeline is load → model → render → write; see `ARCHITECTURE.md`.

pub mod briefing;
pub mod build;
pub mod check;
pub mod config;
pub mod date;
pub mod engine;
pub mod error;
pub mod feeds;
pub mod front_matter;
pub mod fs;
pub mod highlight;
pub mod import;
pub mod init;
pub mod load;
pub mod markdown;
pub mod model;
pub mod parallel;
pub mod relocate;
pub mod render;
pub mod search;
pub mod serve;
pub mod status;
pub mod templates;
pub mod timings;
pub mod typography;
pub mod urls;
pub mod watch;

pub use build::{BuildOptions, BuildReport, build};
pub use error::{Diagnostic, Error};
