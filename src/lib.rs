//! `dossier`: a static site generator for bilingual briefing dossiers.
//!
//! The pipeline is load → model → render → write, in layers whose imports point one way:
//! `cli` → `commands` → `engine` → `render` → `site` → `model` → `config`, with `source` (reading the
//! site root) and `output` (every write) at the edges; see `ARCHITECTURE.md`.

pub mod cli;
pub mod commands;
pub(crate) mod config;
pub mod engine;
pub mod error;
pub mod model;
pub mod output;
pub mod render;
pub mod site;
pub mod source;
pub(crate) mod text;
pub mod timings;

pub use commands::build::{BuildReport, build};
pub use config::{LangId, TopicId};
pub use engine::BuildOptions;
pub use error::{Diagnostic, Error};
